#!/usr/bin/env bash
# Every test: Rust (with the C ABI test under valgrind), C/C++ bindings, C#
# binding, the REST API and webhooks (Python, against huddle-server), the
# release tarball, the Python, Node.js and Java bindings, and libImSDK.
set -euo pipefail
cd "$(dirname "$0")/.."

bash tests/deps.sh
cargo test
bash tests/cpp/run.sh
bash tests/csharp/run.sh
bash tests/rest/run.sh
bash tests/release/run.sh
bash tests/python/run.sh
bash tests/node/run.sh
bash tests/java/run.sh
bash tests/tim/run.sh
bash tests/tim/node.sh
