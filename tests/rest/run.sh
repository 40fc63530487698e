#!/usr/bin/env bash
# The REST API (and webhook) tests: huddle-server and libhuddle.so built,
# then every tests/rest/test_*.py, with Python's unittest.
set -euo pipefail
cd "$(dirname "$0")/../.."

cargo build --bin huddle-server --lib   # the cdylib is target/debug/libhuddle.so
python3 -m unittest discover -s tests/rest -p 'test_*.py' -v
