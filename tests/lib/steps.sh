# The step harness of the shell test runners (tests/cpp/run.sh,
# tests/release/run.sh): source it after setting `scratch`, a temp dir the
# runner removes on exit.
#   step NAME COMMAND...   runs the command, its output in a log shown only on failure
#   summary                prints the count and exits, non-zero if a step failed

logs=$scratch/logs
mkdir -p "$logs"
passed=0
failed=0

step() {
    local name=$1 log
    shift
    log=$logs/$(echo "$name" | tr -c 'a-zA-Z0-9\n' '_').log
    if "$@" > "$log" 2>&1; then
        echo "ok   $name"
        passed=$((passed + 1))
    else
        echo "FAIL $name"
        tail -n 40 "$log" | sed 's/^/     | /'
        failed=$((failed + 1))
    fi
}

summary() {
    echo "$passed passed, $failed failed"
    [[ $failed -eq 0 ]]
    exit
}
