#!/usr/bin/env bash
# Builds the cdylib, compiles the C# binding and its test with mcs, and runs
# the test under Mono twice: JIT, then full AOT (which refuses what IL2CPP
# refuses: non-static callbacks, emitted IL); then both again with every
# client on a huddle-server (tests/server.sh starts it on a free port).
# Needs: mono-mcs mono-runtime mono-devel libnewtonsoft-json-cil-dev pkg-config binutils.
set -euo pipefail

repo=$(cd "$(dirname "$0")/../.." && pwd)
work=$(mktemp -d)
source "$repo/tests/server.sh"
trap 'rm -rf "$work"; stop_server' EXIT

cargo build --manifest-path "$repo/Cargo.toml" --quiet
libdir="$repo/target/debug"

cp "$(pkg-config --libs newtonsoft-json | sed 's/^-r://; s/ *$//')" "$work/"
# -doc: turns on the compiler's doc checks; with -warnaserror a public member
# without an XML doc comment (CS1591) fails the build, so IDEs show every one.
mcs -warnaserror -warnaserror+:CS1591 -doc:"$work/Huddle.xml" -target:library -r:"$work/Newtonsoft.Json.dll" -out:"$work/Huddle.dll" "$repo"/bindings/csharp/Runtime/*.cs
mcs -warnaserror -target:exe -r:"$work/Newtonsoft.Json.dll" -r:"$work/Huddle.dll" -out:"$work/HuddleTests.exe" "$repo"/tests/csharp/*.cs
mcs -warnaserror -target:exe -r:"$work/Newtonsoft.Json.dll" -r:"$work/Huddle.dll" -out:"$work/Example.exe" "$repo"/examples/csharp/*.cs
mcs -warnaserror -target:exe -r:"$work/Newtonsoft.Json.dll" -r:"$work/Huddle.dll" -out:"$work/PeerBob.exe" "$repo"/tests/csharp/peer/*.cs
cc -std=c11 -Wall -Wextra -Wpedantic -Werror -I "$repo/include" "$repo/tests/c/peer_alice.c" -o "$work/peer_alice" \
    -L "$libdir" -lhuddle -Wl,-rpath,"$libdir"

status=0
echo "== mono (JIT)"
LD_LIBRARY_PATH="$libdir" mono --debug "$work/Example.exe" >"$work/example.log" || { cat "$work/example.log"; echo "example failed"; status=1; }
LD_LIBRARY_PATH="$libdir" mono --debug "$work/HuddleTests.exe" || status=1

echo "== mono --full-aot"
# Only the test runs here: Debian's Newtonsoft emits IL unless the test switches
# that off, which Unity's AOT-ready Newtonsoft package does not need.
# AOT images must sit beside the assemblies Mono loads, so the framework
# assemblies the test reaches (Newtonsoft's references and theirs) are copied
# into the writable temp dir.
framework="$(dirname "$(command -v mono)")/../lib/mono/4.5"
for asm in mscorlib System System.Core System.Xml System.Numerics System.Runtime.Serialization System.Xml.Linq \
        System.Data Mono.Security System.Configuration System.Security System.Transactions System.ServiceModel.Internals; do
    cp "$framework/$asm.dll" "$work/"
done
# Full-AOT images have fixed trampoline tables (512 IMT ones by default); the
# test calls enough interface methods of generic types to run out, which
# aborts Mono. IL2CPP has no such tables, so raise them rather than trim tests.
for asm in "$work"/*.dll "$work/HuddleTests.exe"; do
    MONO_PATH="$work" mono --aot=full,nimt-trampolines=4096,ntrampolines=4096,nrgctx-trampolines=4096 "$asm" >"$work/aot.log" 2>&1 || { cat "$work/aot.log"; exit 1; }
done
MONO_PATH="$work" LD_LIBRARY_PATH="$libdir" mono --full-aot "$work/HuddleTests.exe" || status=1

# The test's few users make a few thousand calls in seconds, past the default
# per-connection rate (50/s, bursts of 200; tests/server.rs tests that limit).
printf '[limits]\nrequests_per_second = 5000\nrequest_burst = 20000\n' >"$work/server.toml"
for mode in jit aot; do
    echo "== $mode, every client on huddle-server"
    start_server --admin root --login-policy multi --config "$work/server.toml"
    if [ $mode = jit ]; then
        HUDDLE_TEST_SERVER_URL="$SERVER_URL" LD_LIBRARY_PATH="$libdir" mono --debug "$work/HuddleTests.exe" || status=1
    else
        HUDDLE_TEST_SERVER_URL="$SERVER_URL" MONO_PATH="$work" LD_LIBRARY_PATH="$libdir" mono --full-aot "$work/HuddleTests.exe" || status=1
    fi
    stop_server
done

echo "== two processes, two languages, one server: alice in C (poll mode), bob in C# (thread mode)"
start_server --login-policy multi
HUDDLE_TEST_SERVER_URL="$SERVER_URL" timeout 60 "$work/peer_alice" & alice=$!
HUDDLE_TEST_SERVER_URL="$SERVER_URL" LD_LIBRARY_PATH="$libdir" timeout 60 mono --debug "$work/PeerBob.exe" || status=1
wait $alice || status=1
stop_server

exit $status
