#!/usr/bin/env bash
# Issue 9's server benchmark, the whole run: builds huddle-server and the
# bench, starts ejabberd from the config beside this script, runs every
# workload against Huddle (in memory and durable), ejabberd and the floor,
# prints the tables, and stops ejabberd. Arguments go to the bench binary
# (e.g. --rounds 1 --connections 2000 --paced-secs 2 for a quick look).
# `run.sh cluster` is issue 11's scaling run (below).
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/../.." && pwd)"
cd "$root"
target_dir="${CARGO_TARGET_DIR:-$root/target}"

# Every held connection is a file on each side: the soft open-file limit goes
# up to the hard one, for this shell and every process started from it.
ulimit -n "$(ulimit -Hn)"

cargo build --release --bin huddle-server
cargo bench --bench server --no-run
describe_run() {
    echo "commit $(git rev-parse --short HEAD)$(git diff --quiet HEAD || echo ' (with local changes)'), $(nproc) cores, $(date -u '+%F %H:%M') UTC, load average $(cut -d' ' -f1-3 /proc/loadavg)"
}

# `run.sh cluster [args]`: issue 11's scaling run instead, the single server
# on SQLite against 1, 2 and 3 nodes on PostgreSQL and NATS (Debian's
# packages, installed if missing, as tests/deps.sh does); no ejabberd.
if [ "${1:-}" = cluster ]; then
    shift
    need=()
    { command -v initdb || ls /usr/lib/postgresql/*/bin/initdb; } >/dev/null 2>&1 || need+=(postgresql)
    command -v nats-server >/dev/null || need+=(nats-server)
    if [ ${#need[@]} -gt 0 ]; then
        echo "installing ${need[*]} (Debian's packages)"
        apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${need[@]}" >/dev/null
    fi
    describe_run
    cargo bench --bench server -- cluster --huddle-server "$target_dir/release/huddle-server" "$@"
    echo "the whole run took ${SECONDS} s"
    exit
fi

if ! command -v ejabberdctl >/dev/null; then
    echo "installing ejabberd (Debian's package)"
    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq ejabberd >/dev/null
fi

# ejabberd runs as its own user from a temp dir. Its ejabberdctl would switch
# user with su, whose PAM session resets the open-file limit to 1024, so the
# switch happens here, without PAM; HOME is where Erlang keeps its cookie.
ejabberd_dir=$(mktemp -d)
cp "$here/ejabberd.yml" "$here/ejabberdctl.cfg" /etc/ejabberd/inetrc "$ejabberd_dir/"
chown -R ejabberd:ejabberd "$ejabberd_dir"
ejabberdctl() {
    HOME="$ejabberd_dir" setpriv --reuid=ejabberd --regid=ejabberd --init-groups \
        /usr/sbin/ejabberdctl --config-dir "$ejabberd_dir" --ctl-config "$ejabberd_dir/ejabberdctl.cfg" "$@"
}
stop_ejabberd() {
    ejabberdctl stop >/dev/null 2>&1 || true
    ejabberdctl stopped >/dev/null 2>&1 || true
    rm -rf "$ejabberd_dir"
}
trap stop_ejabberd EXIT
if (exec 3<>/dev/tcp/127.0.0.1/5222) 2>/dev/null; then
    echo "port 5222 is taken: another XMPP server runs here; stop it first" >&2
    exit 1
fi
ejabberdctl start
ejabberdctl started
ejabberd_pid=$(cat "$ejabberd_dir/ejabberd.pid")

describe_run
cargo bench --bench server -- --huddle-server "$target_dir/release/huddle-server" \
    --xmpp 127.0.0.1:5222 --xmpp-pid "$ejabberd_pid" "$@"
echo "the whole run took ${SECONDS} s"
