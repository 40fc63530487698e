#!/usr/bin/env bash
# Builds libhuddle and huddle-server, installs the Node binding's koffi
# (npm ci, from the committed lock file), and runs the two-user story under
# `node --test`: on the embedded engine, then on huddle-server.
# Needs: node >= 18 and npm.
set -euo pipefail

repo=$(cd "$(dirname "$0")/../.." && pwd)
source "$repo/tests/server.sh"
trap stop_server EXIT

cargo build --manifest-path "$repo/Cargo.toml" --lib --bin huddle-server --quiet
[ -d "$repo/bindings/node/node_modules/koffi" ] || npm ci --prefix "$repo/bindings/node" --no-audit --no-fund --silent

start_server
cd "$repo/tests/node"
HUDDLE_LIBRARY="$repo/target/debug/libhuddle.so" HUDDLE_TEST_SERVER_URL="$SERVER_URL" timeout 300 node --test
