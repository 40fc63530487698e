#!/usr/bin/env bash
# Issue 10's hardening run, in one command:
#
#   scripts/hardening.sh [SECONDS_PER_FUZZ_TARGET]      (default 60)
#
# 1. Fuzzing: builds the cargo-fuzz targets of fuzz/ (see fuzz/README.md) and
#    runs each for SECONDS_PER_FUZZ_TARGET, starting from the committed seeds
#    in fuzz/corpus/<target>/ and the corpus earlier runs grew in
#    fuzz/corpus-run/<target>/ (git-ignored). A failing input is kept in
#    fuzz/artifacts/<target>/.
# 2. ThreadSanitizer over the Rust concurrency tests (tests/client.rs,
#    sessions.rs, stress.rs, network.rs), std rebuilt with TSan
#    (-Zbuild-std). SQLite's C code is compiled without instrumentation:
#    TSan sees its pthread locking (so it knows SQLite's critical sections
#    are ordered) but not its memory accesses, so a race inside SQLite, or on
#    memory SQLite reads or writes, cannot be reported. tokio's IO driver
#    hands each registration to its thread through epoll, which TSan cannot
#    see either: those reports are suppressed (counted in the summary).
# 3. Miri over the FFI string and callback helpers: the unit tests of
#    src/ffi/convert.rs, with strict provenance.
# Then it prints a summary (also written to the log directory).
#
# Needs: rustup, with a nightly toolchain that has the miri and rust-src
# components (`rustup toolchain install nightly --component miri rust-src`);
# the script stops with that advice when they are missing. cargo-fuzz is
# installed (`cargo install cargo-fuzz`) when missing. Build output goes to
# $CARGO_TARGET_DIR, default target/hardening/; logs to its hardening-logs/.
#
# Time on a 2-core machine: first build of the fuzz targets about 9 min
# (later about 2 min), then 4 x SECONDS_PER_FUZZ_TARGET; TSan about 3 min
# to build (std included) and 1 min to run; Miri about 2 min. The first run
# also installs cargo-fuzz (about 1 min).
#
# Exit status: 0 when every fuzz target ran its time without a failure,
# TSan reported nothing it was not told to suppress and every test passed,
# and Miri passed; 1 otherwise; 2 when the tools are missing.

set -uo pipefail

SECS="${1:-60}"
if ! [[ "$SECS" =~ ^[0-9]+$ ]] || [ "$SECS" -lt 1 ]; then
  echo "usage: $0 [SECONDS_PER_FUZZ_TARGET]   (a positive whole number; default 60)" >&2
  exit 2
fi

ROOT="$(cd "$(dirname "$0")/.." && pwd)"
cd "$ROOT"
export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-$ROOT/target/hardening}"
LOGS="$CARGO_TARGET_DIR/hardening-logs"
mkdir -p "$LOGS"

die() {
  echo "hardening: $*" >&2
  exit 2
}

# --- Tools -------------------------------------------------------------------

command -v rustup >/dev/null || die "rustup is needed (for the nightly toolchain); see https://rustup.rs"
rustup run nightly rustc --version >/dev/null 2>&1 \
  || die "no nightly toolchain: run 'rustup toolchain install nightly --component miri rust-src'"
installed="$(rustup component list --toolchain nightly --installed 2>/dev/null)"
for component in miri rust-src; do
  grep -q "^$component" <<<"$installed" \
    || die "the nightly toolchain lacks the $component component: run 'rustup component add --toolchain nightly $component'"
done
if ! cargo fuzz --version >/dev/null 2>&1; then
  echo "== installing cargo-fuzz"
  cargo install cargo-fuzz || die "could not install cargo-fuzz ('cargo install cargo-fuzz')"
fi
HOST="$(rustup run nightly rustc -vV | sed -n 's/^host: //p')"
echo "nightly: $(rustup run nightly rustc --version); cargo-fuzz: $(cargo fuzz --version); host: $HOST"
echo "build output: $CARGO_TARGET_DIR; logs: $LOGS"

SUMMARY="$LOGS/summary.txt"
: >"$SUMMARY"
say() { echo "$*" | tee -a "$SUMMARY"; }
failed=0

# --- 1. Fuzzing --------------------------------------------------------------

echo "== fuzz: building the targets"
start=$SECONDS
if ! cargo +nightly fuzz build --fuzz-dir fuzz >"$LOGS/fuzz-build.log" 2>&1; then
  tail -30 "$LOGS/fuzz-build.log"
  die "the fuzz targets do not build (log: $LOGS/fuzz-build.log)"
fi
fuzz_build_secs=$((SECONDS - start))
targets=$(cargo +nightly fuzz list --fuzz-dir fuzz)
# The binaries just built are run as they are (as `cargo fuzz run` would run
# them, without its rebuild), so that every target runs the same sources.
BIN="$CARGO_TARGET_DIR/$HOST/release"
export ASAN_OPTIONS="detect_odr_violation=0${ASAN_OPTIONS:+:$ASAN_OPTIONS}"

declare -A fuzz_line
fuzz_start=$SECONDS
for t in $targets; do
  echo "== fuzz: $t for ${SECS}s"
  mkdir -p "fuzz/corpus-run/$t" "fuzz/artifacts/$t"
  before="$(ls "fuzz/artifacts/$t")"
  log="$LOGS/fuzz-$t.log"
  # -timeout: an input running 60 s is a hang (the targets wait at most 5 s
  # for a callback); -rss_limit_mb: libFuzzer's default, said explicitly.
  "$BIN/$t" "fuzz/corpus-run/$t" "fuzz/corpus/$t" -artifact_prefix="fuzz/artifacts/$t/" \
    -max_total_time="$SECS" -timeout=60 -rss_limit_mb=2048 -dict=fuzz/huddle.dict -print_final_stats=1 >"$log" 2>&1
  rc=$?
  runs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log" | tail -1)
  rate=$(sed -n 's/^stat::average_exec_per_sec: *//p' "$log" | tail -1)
  last=$(grep -E '^#[0-9]+' "$log" | tail -1)
  cov=$(sed -n 's/.* cov: \([0-9]*\).*/\1/p' <<<"$last")
  ft=$(sed -n 's/.* ft: \([0-9]*\).*/\1/p' <<<"$last")
  corp=$(sed -n 's/.* corp: \([^ ]*\).*/\1/p' <<<"$last")
  new="$(comm -13 <(echo "$before") <(ls "fuzz/artifacts/$t"))"
  if [ "$rc" -eq 0 ] && [ -z "$new" ]; then
    verdict="no finding"
  else
    failed=1
    if [ -n "$new" ]; then
      verdict="FAILED (exit $rc): $(echo "$new" | sed "s|^|fuzz/artifacts/$t/|" | tr '\n' ' ')"
    else
      verdict="FAILED (exit $rc), no input kept: see $log"
    fi
    grep -m1 -A6 -E "panicked at|ERROR: (AddressSanitizer|libFuzzer)" "$log" | sed 's/^/    /'
  fi
  fuzz_line[$t]="$(printf '%-13s %10s execs %7s/s  cov %-6s ft %-6s corpus %-12s %s' "$t" "${runs:-?}" "${rate:-?}" "${cov:-?}" "${ft:-?}" "${corp:-?}" "$verdict")"
  echo "${fuzz_line[$t]}"
done
fuzz_secs=$((SECONDS - fuzz_start))

# --- 2. ThreadSanitizer ------------------------------------------------------

echo "== tsan: building and running tests/{client,sessions,stress,network}.rs"
SUPP="$CARGO_TARGET_DIR/tsan.supp"
cat >"$SUPP" <<'EOF'
# tokio's IO driver registers each socket's ScheduledIo with epoll and finds
# it again, on its driver thread, through the pointer epoll gives back: the
# ordering is made in the kernel, where TSan cannot see it (tokio itself
# gave up testing under TSan for false positives of this kind). No Huddle
# code is on either side of these reports.
race:tokio::runtime::io::scheduled_io
race:tokio::runtime::io::registration_set
EOF
start=$SECONDS
RUSTFLAGS="-Zsanitizer=thread" \
  TSAN_OPTIONS="halt_on_error=0 second_deadlock_stack=1 print_suppressions=1 suppressions=$SUPP" \
  cargo +nightly test -Zbuild-std --target "$HOST" \
  --test client --test sessions --test stress --test network >"$LOGS/tsan.log" 2>&1
tsan_rc=$?
tsan_secs=$((SECONDS - start))
tsan_reports=$(grep -c "WARNING: ThreadSanitizer" "$LOGS/tsan.log")
tsan_suppressed=$(awk '/ThreadSanitizer: Matched [0-9]+ suppressions/{s+=$3} END{print s+0}' "$LOGS/tsan.log")
tsan_passed=$(awk '/^test result:/{p+=$4; f+=$6} END{printf "%d passed, %d failed", p, f}' "$LOGS/tsan.log")
grep -q "could not compile" "$LOGS/tsan.log" && tsan_passed="the tests did not build"
# (A process prints how many reports its suppressions matched only when it
# exits normally: the test servers that are killed never say.)
suppressed_note="tokio's epoll hand-off suppressed"
[ "$tsan_suppressed" -gt 0 ] && suppressed_note="$suppressed_note: $tsan_suppressed matched"
if [ "$tsan_rc" -eq 0 ] && [ "$tsan_reports" -eq 0 ]; then
  tsan_verdict="clean: $tsan_passed; no data race or other report ($suppressed_note)"
else
  failed=1
  tsan_verdict="FAILED (cargo exit $tsan_rc): $tsan_passed; $tsan_reports report(s) ($suppressed_note)"
  grep -m3 -A2 "SUMMARY: ThreadSanitizer" "$LOGS/tsan.log" | sed 's/^/    /'
fi
echo "$tsan_verdict"

# --- 3. Miri -----------------------------------------------------------------

echo "== miri: src/ffi/convert.rs's unit tests"
start=$SECONDS
MIRIFLAGS="-Zmiri-strict-provenance" cargo +nightly miri test --lib ffi::convert >"$LOGS/miri.log" 2>&1
miri_rc=$?
miri_secs=$((SECONDS - start))
miri_result=$(grep -E "^test result:" "$LOGS/miri.log" | tail -1)
grep -q "could not compile" "$LOGS/miri.log" && miri_result="the tests did not build"
if [ "$miri_rc" -eq 0 ]; then
  miri_verdict="clean: ${miri_result#test result: }"
else
  failed=1
  miri_verdict="FAILED (exit $miri_rc): ${miri_result:-no test result; see the log}"
  grep -m1 -B2 -A12 -E "^error: (Undefined Behavior|unsupported)|panicked at" "$LOGS/miri.log" | sed 's/^/    /'
fi
echo "$miri_verdict"

# --- Summary -----------------------------------------------------------------

say ""
say "=== hardening summary ($(date -u '+%Y-%m-%d %H:%M UTC'), $(git rev-parse --short HEAD 2>/dev/null || echo '?'))"
say "fuzz: ${SECS}s per target; build ${fuzz_build_secs}s, runs ${fuzz_secs}s"
for t in $targets; do say "  ${fuzz_line[$t]}"; done
say "tsan (${tsan_secs}s): $tsan_verdict"
say "miri (${miri_secs}s): $miri_verdict"
say "logs: $LOGS"
if [ "$failed" -eq 0 ]; then
  say "hardening: passed"
else
  say "hardening: FAILED (see above; failing fuzz inputs are in fuzz/artifacts/)"
fi
exit "$failed"
