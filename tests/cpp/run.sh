#!/usr/bin/env bash
# Tests of the C and C++ packaging, from the repo root or anywhere:
#   bash tests/cpp/run.sh
# Lays out an install prefix with `cargo cinstall` (cargo-c), checks the
# library's SONAME and version links, then, knowing only that prefix: builds
# and runs the C and C++ examples and the C++ client test from a scratch CMake
# project (shared library, then static), the C example with plain
# `cc $(pkg-config --cflags --libs huddle)`, and the client test under
# valgrind and AddressSanitizer. Needs cargo, cargo-c, cc, c++, cmake,
# pkg-config, valgrind. cargo-c builds unoptimized (HUDDLE_PROFILE, default dev:
# the same layout in a third of the build time) in $CARGO_TARGET_DIR/<triple>/debug,
# the build scripts/release.sh uses in tests/release/run.sh too.
set -uo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
root=$(cd "$here/../.." && pwd)
scratch=$(mktemp -d "${TMPDIR:-/tmp}/huddle-cpp-test.XXXXXX")
trap 'rm -rf "$scratch"' EXIT
prefix=$scratch/prefix
# shellcheck source=../lib/steps.sh
source "$root/tests/lib/steps.sh"

tools() {
    local missing=0
    for tool in cargo cc c++ cmake pkg-config valgrind; do
        command -v "$tool" || { echo "missing $tool (Debian: apt-get install cmake pkg-config valgrind)"; missing=1; }
    done
    cargo cinstall --version || { echo "missing cargo-c (bash tests/deps.sh)"; missing=1; }
    return $missing
}

version=$(cargo pkgid --manifest-path "$root/Cargo.toml" | sed 's/.*[#@]//')
# cargo-c's SONAME: 0.x.y -> libhuddle.so.0.x; x.y.z (x >= 1) -> libhuddle.so.x.
case $version in 0.*) soname=libhuddle.so.$(echo "$version" | cut -d. -f1,2) ;; *) soname=libhuddle.so.${version%%.*} ;; esac

step "tools are installed" tools || summary
step "cargo cinstall lays out the prefix" \
    cargo cinstall --manifest-path "$root/Cargo.toml" --profile "${HUDDLE_PROFILE:-dev}" --prefix "$prefix" --libdir lib
[[ -f $prefix/share/cmake/huddle/huddleConfig.cmake ]] || summary

installed() {
    local missing=0
    for f in include/huddle.h include/huddle.hpp lib/libhuddle.a lib/pkgconfig/huddle.pc \
            share/cmake/huddle/huddleConfig.cmake share/cmake/huddle/huddleConfigVersion.cmake; do
        [[ -f $prefix/$f ]] || { echo "missing $f"; missing=1; }
    done
    cmp "$prefix/include/huddle.h" "$root/include/huddle.h" || { echo "not the header build.rs writes"; missing=1; }
    cmp "$prefix/include/huddle.hpp" "$root/bindings/c/huddle.hpp" || missing=1
    return $missing
}
step "the prefix has both headers (build.rs's huddle.h), both libraries, huddle.pc and the CMake package" installed
links() {
    readelf -d "$prefix/lib/libhuddle.so.$version" | grep "SONAME.*\[$soname\]" &&
    [[ $(readlink "$prefix/lib/libhuddle.so") == "libhuddle.so.$version" ]] &&
    [[ $(readlink "$prefix/lib/$soname") == "libhuddle.so.$version" ]]
}
step "libhuddle.so.$version has SONAME $soname; libhuddle.so and $soname link to it" links

project=$scratch/project
mkdir -p "$project"
cp "$here/consumer/CMakeLists.txt" "$root/examples/c/group_demo.c" "$root/examples/cpp/group_demo.cpp" \
    "$here/client_test.cpp" "$project/"

# needs PROGRAM LIBRARY: PROGRAM's dynamic section names LIBRARY.
needs() { readelf -d "$1" | grep -q "NEEDED.*\[$2\]"; }
lacks() { [[ -f $1 ]] && ! needs "$@"; }

for kind in shared static; do
    build=$scratch/build-$kind
    use_static=OFF
    [[ $kind == static ]] && use_static=ON
    step "cmake configures against the prefix ($kind)" \
        cmake -S "$project" -B "$build" -DCMAKE_PREFIX_PATH="$prefix" -DHUDDLE_USE_STATIC=$use_static
    step "cmake builds the examples and the test ($kind)" cmake --build "$build" -j 2
    if [[ $kind == shared ]]; then
        step "programs load $soname ($kind)" needs "$build/group_demo_c" "$soname"
    else
        step "programs carry the library inside ($kind)" lacks "$build/group_demo_c" "libhuddle\.so[^]]*"
    fi
    step "C group demo runs ($kind)" "$build/group_demo_c"
    step "C++ group demo runs ($kind)" "$build/group_demo_cpp"
    step "C++ client test passes ($kind)" "$build/client_test"
done

export PKG_CONFIG_PATH=$prefix/lib/pkgconfig
step "pkg-config knows huddle" pkg-config --exact-version="$version" huddle
step "plain cc builds the C demo with pkg-config" \
    sh -c 'cc -std=c11 -Wall -Wextra -Wpedantic -Werror "$1" $(pkg-config --cflags --libs huddle) -o "$2"' \
    sh "$root/examples/c/group_demo.c" "$scratch/group_demo_pc"
step "the pkg-config C demo runs" env LD_LIBRARY_PATH="$prefix/lib" "$scratch/group_demo_pc"

step "C++ client test is clean under valgrind" \
    valgrind -q --error-exitcode=1 --leak-check=full --suppressions="$here/valgrind.supp" \
    "$scratch/build-shared/client_test"

step "C++ client test builds with AddressSanitizer" \
    sh -c 'c++ -std=c++17 -Wall -Wextra -Wpedantic -Werror -g -fno-omit-frame-pointer \
        -fsanitize=address,undefined -fno-sanitize-recover=undefined \
        "$1" $(pkg-config --cflags --libs huddle) -o "$2"' \
    sh "$here/client_test.cpp" "$scratch/client_test_asan"
step "C++ client test is clean under AddressSanitizer" \
    env ASAN_OPTIONS=detect_leaks=1 LD_LIBRARY_PATH="$prefix/lib" "$scratch/client_test_asan"

summary
