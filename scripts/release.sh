#!/usr/bin/env bash
# Builds the release tarball of Huddle for Linux x86_64:
#   OUTDIR/huddle-<version>-<triple>.tar.gz  and  OUTDIR/huddle-<version>-<triple>.tar.gz.sha256
# <version> is Cargo.toml's. The tarball holds one folder, huddle-<version>-<triple>/:
#   include/ lib/ share/cmake/huddle/   the C/C++ install prefix of `cargo cinstall`
#                                       (huddle.h, huddle.hpp, libhuddle.so with its
#                                       version links, libhuddle.a, a relocatable huddle.pc)
#   bin/huddle-server                   the server
#   unity/com.huddle.sdk/               the Unity package, libhuddle.so in Plugins/x86_64/
#   examples/ docs/ README.md LICENSE-MIT LICENSE-APACHE
#   SHA256SUMS                          every other file (`sha256sum -c SHA256SUMS` in the folder)
# The folder is itself an install prefix: CMAKE_PREFIX_PATH or PKG_CONFIG_PATH=<it>/lib/pkgconfig.
# Usage: scripts/release.sh [OUTDIR]   (default: target/release-dist)
# Needs cargo-c (tests/deps.sh installs it). One release build serves the library
# and the server; CARGO_TARGET_DIR is honoured, so scripts sharing it build once.
# HUDDLE_PROFILE=dev builds the same layout unoptimized, in a third of the time:
# the tests do (tests/release/run.sh, tests/cpp/run.sh); a release is `release`.
# The files come from the working tree: run it on a clean checkout of the tag.
set -euo pipefail

root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
case ${1:-} in -h|--help) sed -n '2,17s/^# \{0,1\}//p' "${BASH_SOURCE[0]}"; exit 0 ;; esac
outdir=$(mkdir -p "${1:-$root/target/release-dist}" && cd "${1:-$root/target/release-dist}" && pwd)

cargo cinstall --version >/dev/null 2>&1 || { echo "release.sh: cargo-c is missing (bash tests/deps.sh, or cargo install cargo-c)" >&2; exit 1; }
version=$(cargo pkgid --manifest-path "$root/Cargo.toml" | sed 's/.*[#@]//')
triple=$(rustc -vV | sed -n 's/^host: //p')
[[ $triple == x86_64-unknown-linux-gnu ]] || { echo "release.sh: builds the Linux x86_64 release, not $triple" >&2; exit 1; }

# The Unity package's version and changelog must name this version.
package_version=$(sed -n 's/^ *"version": *"\([^"]*\)".*/\1/p' "$root/bindings/csharp/package.json")
[[ $package_version == "$version" ]] || { echo "release.sh: bindings/csharp/package.json says $package_version, Cargo.toml $version" >&2; exit 1; }
grep -q "^## \[$version\]" "$root/bindings/csharp/CHANGELOG.md" || { echo "release.sh: bindings/csharp/CHANGELOG.md has no entry for $version" >&2; exit 1; }
# Every asset of the package has its .meta, with the GUID it was released with.
python3 "$root/tests/release/unity_guids.py" "$root/bindings/csharp" >/dev/null \
    || { python3 "$root/tests/release/unity_guids.py" "$root/bindings/csharp"; exit 1; }

name=huddle-$version-$triple
work=$(mktemp -d "${TMPDIR:-/tmp}/huddle-release.XXXXXX")
trap 'rm -rf "$work"' EXIT
dist=$work/$name
mkdir -p "$dist"

# The C/C++ prefix. cargo-c always names the target, so its build lives in
# $CARGO_TARGET_DIR/<triple>/release; the server is built there too, and shares it.
profile=${HUDDLE_PROFILE:-release}
profile_dir=$([[ $profile == dev ]] && echo debug || echo "$profile")
cargo cinstall --manifest-path "$root/Cargo.toml" --profile "$profile" --prefix "$dist" --libdir lib
# cargo-c writes the prefix it was given into huddle.pc; a tarball is unpacked
# anywhere, so the file finds the prefix from its own place instead.
sed -i 's|^prefix=.*|prefix=${pcfiledir}/../..|' "$dist/lib/pkgconfig/huddle.pc"
cargo build --manifest-path "$root/Cargo.toml" --profile "$profile" --target "$triple" --features capi --bin huddle-server
target_dir=${CARGO_TARGET_DIR:-$root/target}
install -D -m 755 "$target_dir/$triple/$profile_dir/huddle-server" "$dist/bin/huddle-server"

# The Unity package, with the Linux x86_64 plugin and its .meta (the GUID
# recorded in tests/release/unity-guids.txt; editor and standalone, Linux x86_64).
unity=$dist/unity/com.huddle.sdk
mkdir -p "$dist/unity"
cp -R "$root/bindings/csharp" "$unity"
find "$unity" -name .gitkeep -delete
install -m 755 "$dist/lib/libhuddle.so.$version" "$unity/Plugins/x86_64/libhuddle.so"
guid=$(awk '$2 == "Plugins/x86_64/libhuddle.so" { print $1 }' "$root/tests/release/unity-guids.txt")
[[ -n $guid ]] || { echo "release.sh: no GUID for Plugins/x86_64/libhuddle.so in tests/release/unity-guids.txt" >&2; exit 1; }
cat > "$unity/Plugins/x86_64/libhuddle.so.meta" <<EOF
fileFormatVersion: 2
guid: $guid
PluginImporter:
  externalObjects: {}
  serializedVersion: 2
  iconMap: {}
  executionOrder: {}
  defineConstraints: []
  isPreloaded: 0
  isOverridable: 0
  isExplicitlyReferenced: 0
  validateReferences: 1
  platformData:
  - first:
      : Any
    second:
      enabled: 0
      settings:
        Exclude Editor: 0
        Exclude Linux64: 0
        Exclude OSXUniversal: 1
        Exclude Win: 1
        Exclude Win64: 1
  - first:
      Any: 
    second:
      enabled: 0
      settings: {}
  - first:
      Editor: Editor
    second:
      enabled: 1
      settings:
        CPU: x86_64
        DefaultValueInitialized: true
        OS: Linux
  - first:
      Standalone: Linux64
    second:
      enabled: 1
      settings:
        CPU: x86_64
  - first:
      Standalone: OSXUniversal
    second:
      enabled: 0
      settings:
        CPU: None
  - first:
      Standalone: Win
    second:
      enabled: 0
      settings:
        CPU: None
  - first:
      Standalone: Win64
    second:
      enabled: 0
      settings:
        CPU: None
  userData: 
  assetBundleName: 
  assetBundleVariant: 
EOF

# Docs, examples, licences.
mkdir -p "$dist/docs" "$dist/examples"
cp "$root"/docs/*.md "$dist/docs/"
cp "$root/bindings/c/README.md" "$dist/docs/c-and-cpp.md"
cp -R "$root/examples/c" "$root/examples/cpp" "$root/examples/csharp" "$dist/examples/"
cp "$root/README.md" "$root/LICENSE-MIT" "$root/LICENSE-APACHE" "$dist/"

(cd "$dist" && find . -type f ! -name SHA256SUMS | sed 's|^\./||' | LC_ALL=C sort | xargs -d '\n' sha256sum > SHA256SUMS)

# Files in a fixed order, owned by nobody in particular, dated by the last commit:
# the same tree gives the same tarball.
mtime=$(git -C "$root" log -1 --format=%cI 2>/dev/null || date -u +%FT%TZ)
tarball=$outdir/$name.tar.gz
tar -C "$work" --sort=name --owner=0 --group=0 --numeric-owner --mtime="$mtime" -cf - "$name" | gzip -n > "$tarball"
(cd "$outdir" && sha256sum "$name.tar.gz" > "$name.tar.gz.sha256")
echo "$tarball"
