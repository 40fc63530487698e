#!/usr/bin/env bash
# Tests of the release, from the repo root or anywhere:
#   bash tests/release/run.sh
# Checks the Unity package's .meta GUIDs against tests/release/unity-guids.txt,
# builds the tarball with scripts/release.sh into a temp dir, unpacks it in
# another, empty one, checks its sums, layout and library, and then, knowing only
# the unpacked folder: builds and runs the C example with pkg-config and with
# CMake, the C# example with mcs and mono on the Unity package's sources and
# plugin, and the Unity package's LobbyChat sample, compiled as Unity compiles it
# (UNITY_5_3_OR_NEWER, against a stub UnityEngine.dll built here) and played by
# two players for a few frames. Needs cargo-c, cc, cmake, pkg-config, mcs, mono.
# One build: CARGO_TARGET_DIR is honoured, and tests/cpp/run.sh builds the same
# (unoptimized: HUDDLE_PROFILE, default dev here), so the second only links the server.
set -uo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
root=$(cd "$here/../.." && pwd)
scratch=$(mktemp -d "${TMPDIR:-/tmp}/huddle-release-test.XXXXXX")
trap 'rm -rf "$scratch"' EXIT
# shellcheck source=../lib/steps.sh
source "$root/tests/lib/steps.sh"

tools() {
    local missing=0
    for tool in cargo cc cmake pkg-config readelf mcs mono python3 sha256sum; do
        command -v "$tool" || { echo "missing $tool"; missing=1; }
    done
    cargo cinstall --version || { echo "missing cargo-c (bash tests/deps.sh)"; missing=1; }
    return $missing
}

version=$(cargo pkgid --manifest-path "$root/Cargo.toml" | sed 's/.*[#@]//')
name=huddle-$version-x86_64-unknown-linux-gnu

# license_md: the package's LICENSE.md carries both licence texts of the repository, word for word.
license_md() {
    python3 - "$root" <<'EOF'
import sys
root = sys.argv[1]
text = open(root + "/bindings/csharp/LICENSE.md", encoding="utf-8").read()
for name in ("LICENSE-MIT", "LICENSE-APACHE"):
    body = open(root + "/" + name, encoding="utf-8").read()
    assert body in text, name + " is not in bindings/csharp/LICENSE.md, word for word"
print("both texts are there")
EOF
}

# package_json: the licence, the version and the sample the Unity package declares.
package_json() {
    python3 - "$root" "$version" <<'EOF'
import json, os, sys
root, version = sys.argv[1:]
pkg = json.load(open(root + "/bindings/csharp/package.json", encoding="utf-8"))
assert pkg["license"] == "MIT OR Apache-2.0", pkg["license"]
assert pkg["version"] == version, "package.json %s, Cargo.toml %s" % (pkg["version"], version)
for sample in pkg["samples"]:
    path = os.path.join(root, "bindings/csharp", sample["path"])
    assert sample["path"].startswith("Samples~/") and os.path.isdir(path), sample
    assert sample["displayName"] and sample["description"], sample
print("ok", pkg["name"], pkg["version"], [s["path"] for s in pkg["samples"]])
EOF
}

step "tools are installed" tools || summary
step "the Unity package: every asset has a .meta, its GUID unique and as released" \
    python3 "$here/unity_guids.py" "$root/bindings/csharp"
step "the Unity package's LICENSE.md holds the MIT and Apache texts" license_md
step "the Unity package's package.json: licence, version, samples" package_json
step "the Unity package's CHANGELOG.md has an entry for $version" grep -q "^## \[$version\]" "$root/bindings/csharp/CHANGELOG.md"

out=$scratch/out
step "scripts/release.sh builds $name.tar.gz" env HUDDLE_PROFILE="${HUDDLE_PROFILE:-dev}" bash "$root/scripts/release.sh" "$out"
[[ -f $out/$name.tar.gz ]] || summary
step "the tarball matches its .sha256" sh -c 'cd "$1" && sha256sum -c "$2.tar.gz.sha256"' sh "$out" "$name"

# Unpacked in an empty folder, by another path than it was built in: nothing below
# may reach the repository, the build, or the build's prefix.
unpacked=$scratch/clean
mkdir -p "$unpacked"
step "the tarball unpacks into one folder" sh -c 'tar -C "$1" -xzf "$2" && [ "$(ls "$1")" = "$3" ]' sh "$unpacked" "$out/$name.tar.gz" "$name"
u=$unpacked/$name
[[ -d $u ]] || summary
step "every file matches SHA256SUMS, and SHA256SUMS lists every file" sh -c '
    cd "$1" && sha256sum --quiet -c SHA256SUMS &&
    [ "$(find . -type f ! -name SHA256SUMS | sed "s|^\./||" | LC_ALL=C sort)" = "$(cut -c67- SHA256SUMS)" ]' sh "$u"

layout() {
    local missing=0
    for f in README.md LICENSE-MIT LICENSE-APACHE bin/huddle-server include/huddle.h include/huddle.hpp \
            lib/libhuddle.a lib/libhuddle.so lib/pkgconfig/huddle.pc share/cmake/huddle/huddleConfig.cmake \
            share/cmake/huddle/huddleConfigVersion.cmake docs/protocol.md docs/c-and-cpp.md examples/c/group_demo.c \
            examples/csharp/UnityStory.cs unity/com.huddle.sdk/package.json unity/com.huddle.sdk/LICENSE.md \
            unity/com.huddle.sdk/CHANGELOG.md unity/com.huddle.sdk/Documentation~/index.md \
            unity/com.huddle.sdk/Samples~/LobbyChat/LobbyChat.cs unity/com.huddle.sdk/Plugins/x86_64/libhuddle.so \
            unity/com.huddle.sdk/Plugins/x86_64/libhuddle.so.meta; do
        [[ -e $u/$f ]] || { echo "missing $f"; missing=1; }
    done
    cmp "$u/include/huddle.h" "$root/include/huddle.h" || { echo "include/huddle.h is not the header build.rs wrote"; missing=1; }
    return $missing
}
step "the folder has the prefix, the server, the Unity package, docs, examples, licences" layout

# The SONAME cargo-c gives: 0.x.y -> libhuddle.so.0.x, x.y.z (x >= 1) -> libhuddle.so.x.
case $version in 0.*) sover=$(echo "$version" | cut -d. -f1,2) ;; *) sover=${version%%.*} ;; esac
soname_links() {
    readelf -d "$u/lib/libhuddle.so.$version" | grep "SONAME.*\[libhuddle.so.$sover\]" &&
    [[ $(readlink "$u/lib/libhuddle.so") == "libhuddle.so.$version" && $(readlink "$u/lib/libhuddle.so.$sover") == "libhuddle.so.$version" ]] &&
    cmp "$u/lib/libhuddle.so.$version" "$u/unity/com.huddle.sdk/Plugins/x86_64/libhuddle.so"
}
step "libhuddle.so.$version has SONAME libhuddle.so.$sover and both links; the plugin is the same file" soname_links
step "bin/huddle-server runs" "$u/bin/huddle-server" --print-config

# C: pkg-config, then CMake, each building the tarball's own example.
export PKG_CONFIG_PATH=$u/lib/pkgconfig
step "pkg-config finds huddle $version in the unpacked folder" pkg-config --exact-version="$version" huddle
step "cc builds the C example with pkg-config" sh -c '
    cc -std=c11 -Wall -Wextra -Wpedantic -Werror "$1/examples/c/group_demo.c" $(pkg-config --cflags --libs huddle) \
        -Wl,-rpath,"$1/lib" -o "$2/group_demo_pc"' sh "$u" "$scratch"
step "the pkg-config C example runs (loads the tarball's libhuddle.so.$sover)" sh -c '
    "$1/group_demo_pc" && ldd "$1/group_demo_pc" | grep -q "libhuddle.so.$3 => $2/lib/libhuddle.so.$3"' sh "$scratch" "$u" "$sover"

project=$scratch/cmake-project
mkdir -p "$project"
cat > "$project/CMakeLists.txt" <<EOF
cmake_minimum_required(VERSION 3.16)
project(huddle_release_consumer C)
set(CMAKE_C_STANDARD 11)
find_package(huddle ${version%.*} CONFIG REQUIRED)
add_executable(group_demo_c "$u/examples/c/group_demo.c")
target_link_libraries(group_demo_c PRIVATE huddle::huddle)
EOF
for kind in shared static; do
    build=$scratch/cmake-$kind
    use_static=OFF
    [[ $kind == static ]] && use_static=ON
    step "CMake builds the C example from the unpacked folder ($kind)" sh -c '
        cmake -S "$1" -B "$2" -DCMAKE_PREFIX_PATH="$3" -DHUDDLE_USE_STATIC="$4" && cmake --build "$2"' \
        sh "$project" "$build" "$u" "$use_static"
    step "the CMake C example runs ($kind)" "$build/group_demo_c"
done

# C#: the package's Runtime and the tarball's example, on the package's plugin.
cs=$scratch/csharp
plugin=$u/unity/com.huddle.sdk/Plugins/x86_64
mkdir -p "$cs"
newtonsoft() { cp "$(pkg-config --libs newtonsoft-json | sed 's/^-r://; s/ *$//')" "$cs/"; }
step "Newtonsoft.Json (Debian's) is there" newtonsoft
step "mcs builds the package's Runtime and the C# example" sh -c '
    mcs -warnaserror -target:library -r:"$2/Newtonsoft.Json.dll" -out:"$2/Huddle.dll" "$1"/unity/com.huddle.sdk/Runtime/*.cs &&
    mcs -warnaserror -target:exe -r:"$2/Newtonsoft.Json.dll" -r:"$2/Huddle.dll" -out:"$2/Example.exe" "$1"/examples/csharp/*.cs' sh "$u" "$cs"
step "the C# example runs under mono on Plugins/x86_64/libhuddle.so" \
    env LD_LIBRARY_PATH="$plugin" mono --debug "$cs/Example.exe"

# Unity: the package as shipped (its plugin's .meta too), and the sample.
unity=$scratch/unity
mkdir -p "$unity"
cp "$cs/Newtonsoft.Json.dll" "$unity/" 2>/dev/null
step "the shipped Unity package: every asset has a .meta, the plugin's too, GUIDs as released" \
    python3 "$here/unity_guids.py" "$u/unity/com.huddle.sdk"
step "the LobbyChat sample compiles as Unity compiles it (UNITY_5_3_OR_NEWER, stub UnityEngine)" sh -c '
    mcs -warnaserror -target:library -out:"$3/UnityEngine.dll" "$1/unity/UnityEngine.cs" &&
    mcs -warnaserror -define:UNITY_5_3_OR_NEWER -target:library -r:"$3/Newtonsoft.Json.dll" -r:"$3/UnityEngine.dll" \
        -out:"$3/Huddle.dll" "$2"/Runtime/*.cs &&
    mcs -warnaserror -define:UNITY_5_3_OR_NEWER -target:library -r:"$3/Newtonsoft.Json.dll" -r:"$3/UnityEngine.dll" \
        -r:"$3/Huddle.dll" -out:"$3/LobbyChat.dll" "$2"/Samples~/LobbyChat/*.cs &&
    mcs -warnaserror -target:exe -r:"$3/UnityEngine.dll" -r:"$3/Huddle.dll" -r:"$3/LobbyChat.dll" \
        -out:"$3/LobbyChatRun.exe" "$1/unity/LobbyChatRun.cs"' sh "$here" "$u/unity/com.huddle.sdk" "$unity"
step "the LobbyChat sample: two players join the lobby and read each other" \
    env LD_LIBRARY_PATH="$plugin" timeout 60 mono --debug "$unity/LobbyChatRun.exe"

summary
