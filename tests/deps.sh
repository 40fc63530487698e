#!/usr/bin/env bash
# Installs what the tests need (Debian packages, PyPI packages),
# only where missing.
set -euo pipefail

need=()
command -v mcs >/dev/null || need+=(mono-mcs)
command -v mono >/dev/null || need+=(mono-runtime)
[ -e /usr/lib/cli/Newtonsoft.Json-6.0/Newtonsoft.Json.dll ] || [ -n "$(ls /usr/lib/mono/*/Newtonsoft.Json.dll 2>/dev/null)" ] \
  || pkg-config --exists newtonsoft-json 2>/dev/null || need+=(libnewtonsoft-json-cil-dev)
[ -d /usr/lib/mono/4.5 ] && [ -e /usr/lib/mono/4.5/mscorlib.dll ] || need+=(mono-devel)
command -v as >/dev/null || need+=(binutils)
command -v cmake >/dev/null || need+=(cmake)
command -v pkg-config >/dev/null || need+=(pkg-config)
command -v valgrind >/dev/null || need+=(valgrind)
command -v cc >/dev/null || need+=(gcc)
# The Node binding's smoke test (koffi itself comes from npm, in tests/node/run.sh).
command -v node >/dev/null || need+=(nodejs)
command -v npm >/dev/null || need+=(npm)
# The Java binding's smoke test: a JDK and Debian's JNA.
command -v javac >/dev/null || need+=(openjdk-17-jdk-headless)
[ -e /usr/share/java/jna.jar ] || need+=(libjna-java)
command -v c++ >/dev/null || need+=(g++)
# A throwaway PostgreSQL server for the store's tests (tests/common/pg.rs);
# Debian puts initdb and pg_ctl in /usr/lib/postgresql/<version>/bin.
{ command -v initdb && command -v pg_ctl || ls /usr/lib/postgresql/*/bin/pg_ctl; } >/dev/null 2>&1 || need+=(postgresql)
# The cluster test's bus between huddle-server nodes.
command -v nats-server >/dev/null || [ -x /usr/sbin/nats-server ] || need+=(nats-server)

# cargo-c (`cargo cinstall`), which lays out the C/C++ install prefix (tests/cpp,
# scripts/release.sh). It builds cargo as a library: 0.10.24 is the newest whose
# rust-version (1.95) the toolchain meets. Built once per machine, unoptimized
# (--debug): the tool only drives cargo, and an optimized build of it takes
# 15 min of CPU against 6.
cargo cinstall --version >/dev/null 2>&1 || cargo install --debug --locked --quiet cargo-c --version 0.10.24

# Tencent's own TLSSigAPIv2 signer, which the server tests sign user_sigs with.
python3 -c 'import TLSSigAPIv2' 2>/dev/null || python3 -m pip install --quiet tls-sig-api-v2
# A published Tencent REST client, which the REST tests drive huddle-server with.
python3 -c 'import timsdk, requests' 2>/dev/null || python3 -m pip install --quiet timsdk requests
# The Python binding's smoke test runs under pytest (tests/python/).
python3 -c 'import pytest' 2>/dev/null || python3 -m pip install --quiet pytest

if [ ${#need[@]} -gt 0 ]; then
  echo "installing: ${need[*]}"
  SUDO=""
  [ "$(id -u)" -eq 0 ] || SUDO="sudo"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq "${need[@]}" >/dev/null
fi
