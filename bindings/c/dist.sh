#!/usr/bin/env bash
# Builds the library with cargo and lays out an install prefix that C and C++
# projects consume with find_package(huddle CONFIG) or pkg-config:
#   include/huddle.h, include/huddle.hpp, lib/libhuddle.so, lib/libhuddle.a,
#   lib/cmake/huddle/huddleConfig{,Version}.cmake, lib/pkgconfig/huddle.pc
# Usage: bindings/c/dist.sh [PREFIX] [--release]
# PREFIX defaults to target/<profile>/dist; the prefix is relocatable.
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
root=$(cd "$here/../.." && pwd)
profile=debug
prefix=
for arg in "$@"; do
    case $arg in
        --release) profile=release ;;
        -h|--help) sed -n '2,7s/^# \{0,1\}//p' "${BASH_SOURCE[0]}"; exit 0 ;;
        -*) echo "dist.sh: unknown option $arg" >&2; exit 2 ;;
        *) prefix=$arg ;;
    esac
done

cargo_flags=(--manifest-path "$root/Cargo.toml" --lib)
[[ $profile == release ]] && cargo_flags+=(--release)
cargo build "${cargo_flags[@]}"

target_dir=${CARGO_TARGET_DIR:-$root/target}
built=$target_dir/$profile
prefix=${prefix:-$built/dist}
version=$(cargo pkgid --manifest-path "$root/Cargo.toml" | sed 's/.*[#@]//')

install -D -m 644 "$root/include/huddle.h" "$prefix/include/huddle.h"
install -D -m 644 "$here/huddle.hpp" "$prefix/include/huddle.hpp"
install -D -m 755 "$built/libhuddle.so" "$prefix/lib/libhuddle.so"
install -D -m 644 "$built/libhuddle.a" "$prefix/lib/libhuddle.a"
install -D -m 644 "$here/huddleConfig.cmake" "$prefix/lib/cmake/huddle/huddleConfig.cmake"
mkdir -p "$prefix/lib/pkgconfig"
sed "s/@VERSION@/$version/g" "$here/huddleConfigVersion.cmake.in" > "$prefix/lib/cmake/huddle/huddleConfigVersion.cmake"
sed "s/@VERSION@/$version/g" "$here/huddle.pc.in" > "$prefix/lib/pkgconfig/huddle.pc"
echo "huddle $version ($profile) installed in $prefix"
