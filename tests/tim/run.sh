#!/usr/bin/env bash
# libImSDK.so (compat/tim), Huddle's drop-in for Tencent IM's native library,
# against Tencent's own files from the npm package im_electron_sdk (its Linux
# headers and libImSDK.so, fetched with `npm pack` into tests/tim/.tencent/,
# which git ignores; nothing of Tencent's is committed):
#   1. its SONAME is libImSDK.so, as Tencent's is;
#   2. `nm -D` lists every TIM* symbol Tencent's libImSDK.so exports;
#   3. every prototype matches Tencent's headers: our Rust signatures, turned
#      back into C++ (rust_protos.py), compiled after TIMCloud.h with -Werror,
#      and the Huddle functions the shim calls, compiled after huddle.h;
#   4. the two-user group story (story.cpp, built against TIMCloud.h with
#      -Wall -Wextra -Werror, linked against our libImSDK.so) on the embedded
#      engine, then on huddle-server.
# Needs: cargo, npm (once), g++, gcc, nm, readelf, python3.
set -euo pipefail

repo=$(cd "$(dirname "$0")/../.." && pwd)
version=8.0.5906
pkg="$repo/tests/tim/.tencent/im_electron_sdk-$version"
work=$(mktemp -d)
source "$repo/tests/server.sh"
trap 'stop_server; rm -rf "$work"' EXIT

# Tencent's package, once per checkout (24 MB).
if [ ! -f "$pkg/package/lib/linux/include/TIMCloud.h" ]; then
    mkdir -p "$pkg"
    if (cd "$pkg" && npm pack --silent "im_electron_sdk@$version" >/dev/null 2>&1); then
        tar -xzf "$pkg/im_electron_sdk-$version.tgz" -C "$pkg"
        rm -f "$pkg/im_electron_sdk-$version.tgz"
    fi
fi
include="$pkg/package/lib/linux/include"
tencent_lib="$pkg/package/lib/linux/lib/libImSDK.so"
if [ ! -f "$include/TIMCloud.h" ]; then
    echo "tests/tim: npm could not fetch im_electron_sdk@$version; set TIM_INCLUDE_DIR to Tencent's headers to run without it" >&2
    include=${TIM_INCLUDE_DIR:?}
    tencent_lib=
fi

cargo build --manifest-path "$repo/Cargo.toml" -p imsdk --quiet
ours="$repo/target/debug/libImSDK.so"

# 1. SONAME.
soname=$(readelf -d "$ours" | sed -n 's/.*(SONAME).*\[\(.*\)\]/\1/p')
[ "$soname" = libImSDK.so ] || { echo "FAIL libImSDK.so's SONAME is '$soname'"; exit 1; }
echo "ok   SONAME libImSDK.so"

# 2. Every TIM* symbol of Tencent's library.
nm -D --defined-only "$ours" | awk '{print $3}' | grep -E '^TIM|^callExperimentalAPI$' | sort -u >"$work/ours.syms"
if [ -n "$tencent_lib" ]; then
    nm -D --defined-only "$tencent_lib" | awk '{print $3}' | grep -E '^TIM' | sort -u >"$work/tencent.syms"
    missing=$(comm -23 "$work/tencent.syms" "$work/ours.syms")
    if [ -n "$missing" ]; then
        echo "FAIL libImSDK.so lacks these symbols of Tencent's:"; echo "$missing"; exit 1
    fi
    echo "ok   all $(wc -l <"$work/tencent.syms") TIM* symbols of Tencent's libImSDK.so $version ($(wc -l <"$work/ours.syms") in ours)"
else
    echo "SKIP the symbol comparison: no Tencent libImSDK.so"
fi

# 3. Prototypes: ours against Tencent's headers, and the shim's Huddle calls against huddle.h.
python3 "$repo/tests/tim/rust_protos.py" tim "$repo/compat/tim/src" >"$work/ours_tim.hpp"
python3 "$repo/tests/tim/rust_protos.py" huddle "$repo/compat/tim/src" >"$work/ours_huddle.h"
printf '#include <TIMCloud.h>\n#include "ours_tim.hpp"\n' >"$work/check_tim.cpp"
printf '#include <huddle.h>\n#include <huddle_tim.h>\n#include "ours_huddle.h"\n' >"$work/check_huddle.c"
g++ -std=c++17 -Wall -Wextra -Werror -isystem "$include" -I"$work" -c "$work/check_tim.cpp" -o /dev/null
gcc -std=c11 -Wall -Wextra -Werror -I"$repo/include" -I"$repo/compat/tim/include" -I"$work" -c "$work/check_huddle.c" -o /dev/null
echo "ok   every TIM* prototype matches Tencent's headers, every Huddle* call huddle.h, and our own export huddle_tim.h"

# 4. The story. Tencent's headers are C++ (they do not compile as C), and
# they trip -Wunused-variable on their own key constants, so they are a
# system include; the story's own code is held to -Werror.
g++ -std=c++17 -Wall -Wextra -Werror -isystem "$include" -I"$repo/include" -I"$repo/compat/tim/include" "$repo/tests/tim/story.cpp" \
    -L"$repo/target/debug" -lImSDK -Wl,-rpath,"$repo/target/debug" -lpthread -o "$work/story"
[ "$(ldd "$work/story" | awk '/libImSDK/{print $3}')" = "$ours" ] || { echo "FAIL story does not load our libImSDK.so"; exit 1; }

echo "--- the story on the embedded engine"
mkdir -p "$work/embedded"
timeout 60 "$work/story" "$work/embedded"

echo "--- the story on huddle-server"
cargo build --manifest-path "$repo/Cargo.toml" --bin huddle-server --quiet
start_server
mkdir -p "$work/server"
HUDDLE_SERVER_URL="$SERVER_URL" timeout 60 "$work/story" "$work/server"
