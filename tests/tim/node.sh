#!/usr/bin/env bash
# im_electron_sdk's own JavaScript (Tencent's Electron SDK: dist/main.js loads
# the native library through ffi-rs, dist/renderer.js is the app's API) run
# against Huddle's libImSDK.so and a huddle-server: two users, two Node
# processes, through group create, join with approval, messages and tips
# (tests/tim/node/story.test.js; client.js is one user; stubs/ stands in for
# Electron). Fetches the package with `npm pack` into tests/tim/.tencent/ as
# tests/tim/run.sh does, and installs the SDK's npm dependencies from the
# committed lock into tests/tim/node/node_modules (both git-ignored).
# Needs: cargo, node >= 18, npm.
set -euo pipefail

repo=$(cd "$(dirname "$0")/../.." && pwd)
version=8.0.5906
pkg="$repo/tests/tim/.tencent/im_electron_sdk-$version"
node_dir="$repo/tests/tim/node"
fail() { echo "FAIL tests/tim/node.sh: $*" >&2; exit 1; }
command -v node >/dev/null && command -v npm >/dev/null || fail "needs node and npm"

# Tencent's package, once per checkout (shared with tests/tim/run.sh).
if [ ! -f "$pkg/package/dist/main.js" ]; then
    mkdir -p "$pkg"
    (cd "$pkg" && npm pack --silent "im_electron_sdk@$version" >/dev/null) ||
        fail "npm could not fetch im_electron_sdk@$version (npm pack); this test needs the npm registry"
    tar -xzf "$pkg/im_electron_sdk-$version.tgz" -C "$pkg"
    rm -f "$pkg/im_electron_sdk-$version.tgz"
fi
[ -f "$pkg/package/dist/main.js" ] || fail "no $pkg/package/dist/main.js after npm pack"

# The SDK's npm dependencies (ffi-rs, json-bigint-parse), from the lock; again when the lock changes.
if [ ! -f "$node_dir/node_modules/.package-lock.json" ] || [ "$node_dir/package-lock.json" -nt "$node_dir/node_modules/.package-lock.json" ]; then
    npm ci --prefix "$node_dir" --no-audit --no-fund --silent ||
        fail "npm ci could not install ffi-rs and json-bigint-parse (tests/tim/node/package-lock.json); this test needs the npm registry"
fi

cargo build --manifest-path "$repo/Cargo.toml" -p imsdk --quiet
cargo build --manifest-path "$repo/Cargo.toml" --bin huddle-server --quiet

work=$(mktemp -d)
source "$repo/tests/server.sh"
trap 'stop_server; rm -rf "$work"' EXIT
# A packaged Electron app's resources dir: dist/main.js loads
# process.resourcesPath/linux/lib/libImSDK.so, here ours.
mkdir -p "$work/resources/linux/lib"
ln -s "$repo/target/debug/libImSDK.so" "$work/resources/linux/lib/libImSDK.so"

start_server
cd "$node_dir"
HUDDLE_SERVER_URL="$SERVER_URL" TIM_SDK_DIST="$pkg/package/dist" TIM_RESOURCES="$work/resources" TIM_TMP="$work" \
    NODE_PATH="$node_dir/stubs:$node_dir/node_modules" timeout 120 node --test story.test.js
