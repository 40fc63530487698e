#!/usr/bin/env bash
# Builds libhuddle and huddle-server, builds the Python wheel with a stripped
# copy of the library inside, installs it in a throwaway virtualenv, and runs
# the two-user story under pytest: embedded (thread and poll mode) and on
# huddle-server. Needs: python3 with venv, pytest (tests/deps.sh), binutils.
set -euo pipefail

repo=$(cd "$(dirname "$0")/../.." && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

cargo build --manifest-path "$repo/Cargo.toml" --lib --bin huddle-server --quiet
strip -o "$work/libhuddle.so" "$repo/target/debug/libhuddle.so"
# The wheel's build backend (setuptools >= 70.1) comes from PyPI through pip's build isolation.
HUDDLE_LIBRARY="$work/libhuddle.so" python3 -m pip wheel --quiet --no-deps -w "$work/dist" "$repo/bindings/python"
rm -rf "$repo/bindings/python/build" "$repo/bindings/python"/*.egg-info

python3 -m venv --system-site-packages "$work/venv"   # pytest from the system
"$work/venv/bin/python" -m pip install --quiet --no-deps "$work"/dist/huddle-*.whl
cd "$repo/tests/python"
CARGO_TARGET_DIR="$repo/target" timeout 300 "$work/venv/bin/python" -m pytest -q -p no:cacheprovider .
