#!/usr/bin/env bash
# Builds libhuddle and huddle-server, compiles the Java binding and its test
# with javac against Debian's JNA, and runs the two-user story with plain
# `java`: on the embedded engine, then on huddle-server.
# Needs: a JDK (17) and libjna-java (tests/deps.sh).
set -euo pipefail

repo=$(cd "$(dirname "$0")/../.." && pwd)
work=$(mktemp -d)
source "$repo/tests/server.sh"
trap 'rm -rf "$work"; stop_server' EXIT

cargo build --manifest-path "$repo/Cargo.toml" --lib --bin huddle-server --quiet
jna=/usr/share/java/jna.jar
javac -Werror -Xlint:all -encoding UTF-8 -cp "$jna" -d "$work/classes" \
    $(find "$repo/bindings/java/src/main/java" -name '*.java') "$repo/tests/java/StoryTest.java"

start_server
# LC_ALL=C: the JVM's default charset is then ASCII, and the story's
# non-ASCII texts must still cross as UTF-8.
LC_ALL=C HUDDLE_LIBRARY="$repo/target/debug/libhuddle.so" HUDDLE_TEST_SERVER_URL="$SERVER_URL" \
    timeout 120 java -ea -cp "$work/classes:$jna" StoryTest
