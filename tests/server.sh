# Sourced by test scripts: starts target/debug/huddle-server on a free
# loopback port with a temp data dir, and stops it. After `start_server
# [flags...]`, SERVER_URL is its ws:// URL and SERVER_PID its process.
server_bin="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)/target/debug/huddle-server"

start_server() {
    SERVER_DIR=$(mktemp -d)
    "$server_bin" --listen 127.0.0.1:0 --data-dir "$SERVER_DIR/data" "$@" >"$SERVER_DIR/stdout" 2>"$SERVER_DIR/log" &
    SERVER_PID=$!
    for _ in $(seq 100); do
        SERVER_URL=$(sed -n 's/^huddle-server listening on //p' "$SERVER_DIR/stdout")
        [ -n "$SERVER_URL" ] && return 0
        kill -0 "$SERVER_PID" 2>/dev/null || break
        sleep 0.05
    done
    echo "huddle-server did not start:"; cat "$SERVER_DIR/log"; return 1
}

stop_server() {
    [ -n "${SERVER_PID:-}" ] || return 0
    kill "$SERVER_PID" 2>/dev/null && wait "$SERVER_PID" 2>/dev/null
    rm -rf "$SERVER_DIR"
    SERVER_PID=
}
