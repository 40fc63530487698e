//! Issue 11's scaling run: huddle-server as a cluster of 1, 2 and 3 nodes on
//! PostgreSQL and NATS, against the single server on SQLite, on the same
//! workload (ten rooms of 500, members spread over the nodes in turn), all
//! in one run so that the ratios compare. Each cluster has a PostgreSQL and
//! a nats-server of its own, started here on free loopback ports in temp
//! dirs and stopped with it, so the CPU time each spends is the cluster's.
//! CPU time is read by kind of process: the leader (which runs every
//! operation), the other nodes, nats-server, PostgreSQL.

#[path = "../../tests/common/pg.rs"]
mod pg;

use std::net::SocketAddr;
use std::path::Path;
use std::process::Command;
use std::time::{Duration, Instant};

use crate::fanout::Shape;
use crate::servers::{self, Cpu, Process, Protocol, Target};
use crate::{report, Options};

/// The kinds of process a cluster's CPU time is split into.
pub const LEADER: &str = "leader node";
pub const FOLLOWERS: &str = "other nodes";
pub const NATS: &str = "nats-server";
pub const POSTGRES: &str = "PostgreSQL";
/// The single server's name and kind.
pub const SQLITE: &str = "1 server, SQLite";

/// How long a node may take to serve (the first one: to take the lease).
const STARTING: Duration = Duration::from_secs(30);

pub async fn run(o: Options) -> Result<(), String> {
    let mut sqlite = Target::huddle(&o.huddle_server, true)?;
    sqlite.name = SQLITE;
    sqlite.cpu = vec![(SQLITE, Cpu::Process(sqlite.pid))];
    let mut targets = vec![sqlite];
    for (nodes, name) in [(1, "1 node, PG + NATS"), (2, "2 nodes"), (3, "3 nodes")] {
        eprintln!("starting {}", name);
        targets.push(start(&o.huddle_server, name, nodes)?);
    }

    let shapes = [Shape::big_rooms_burst(), Shape::big_rooms_paced(o.paced_secs)];
    // Names of characters any group ID may hold.
    let workloads = crate::take_turns(&targets, &shapes, o.rounds, |t, target| format!("c{}p{}", t, target.pid)).await?;
    println!();
    report::scaling(&workloads, o.rounds, SQLITE, &[SQLITE, LEADER, FOLLOWERS, NATS, POSTGRES]);
    Ok(())
}

/// A cluster of `nodes` on a PostgreSQL and a nats-server of its own; the
/// first node leads, members go to the nodes in turn.
fn start(bin: &Path, name: &'static str, nodes: usize) -> Result<Target, String> {
    let pg = pg::TempPostgres::start();
    let postmaster = postmaster(&pg.url())?;
    let (nats, nats_addr, monitor) = start_nats()?;
    let (mut addrs, mut cpu, mut owned) = (Vec::new(), Vec::new(), Vec::new());
    for n in 1..=nodes {
        // `store` is a top-level key: it goes before the config's tables.
        let config = format!("store = \"{}\"\n{}\n[cluster]\nnats = \"nats://{}\"\nnode = \"n{}\"\n", pg.url(), servers::HUDDLE_CONFIG, nats_addr, n);
        let (process, addr) = servers::start_huddle(bin, &config, true)?;
        // The first node takes the lease before the others start: it leads.
        let role = if n == 1 { "\"role\":\"leader\"" } else { "\"role\":\"follower\"" };
        wait_serving(addr, role)?;
        cpu.push((if n == 1 { LEADER } else { FOLLOWERS }, Cpu::Process(process.pid())));
        addrs.push(addr);
        owned.push(Box::new(process) as Box<dyn std::any::Any + Send + Sync>);
    }
    cpu.push((NATS, Cpu::Process(nats.pid())));
    cpu.push((POSTGRES, Cpu::Tree(postmaster)));
    let Cpu::Process(pid) = cpu[0].1 else { unreachable!("the leader is one process") };
    // Dropped in this order: the nodes, then what they stand on.
    owned.push(Box::new(nats));
    owned.push(Box::new(pg));
    Ok(Target { name, protocol: Protocol::Huddle, addrs, pid, cpu, nats_monitor: Some(monitor), _owned: owned })
}

/// nats-server on free loopback ports (`-1`), found in its log: the
/// clients' address and the monitoring one.
fn start_nats() -> Result<(Process, SocketAddr, SocketAddr), String> {
    let dir = tempfile::tempdir().map_err(|e| format!("a temp dir: {}", e))?;
    let (conf, log) = (dir.path().join("nats.conf"), dir.path().join("nats.log"));
    // Room for the largest frame a node relays, as docs/deploy.md advises.
    let text = "host: \"127.0.0.1\"\nport: -1\nhttp_port: -1\nmax_payload: 8MB\n";
    std::fs::write(&conf, text).map_err(|e| format!("{}: {}", conf.display(), e))?;
    let mut cmd = Command::new("nats-server");
    cmd.arg("-c").arg(&conf).arg("-l").arg(&log);
    let mut nats = Process::spawn(cmd, dir)?;
    let deadline = Instant::now() + Duration::from_secs(10);
    while Instant::now() < deadline && !nats.ended() {
        let text = std::fs::read_to_string(&log).unwrap_or_default();
        let find = |marker: &str| text.lines().find_map(|l| l.split_once(marker)).and_then(|(_, a)| a.trim().parse::<SocketAddr>().ok());
        if let (Some(clients), Some(monitor)) = (find("Listening for client connections on "), find("Starting http monitor on ")) {
            return Ok((nats, clients, monitor));
        }
        std::thread::sleep(Duration::from_millis(20));
    }
    Err(format!("nats-server did not start; its log:\n{}", std::fs::read_to_string(&log).unwrap_or_default()))
}

/// The pid of the PostgreSQL server that `url` names (by its port): the
/// only process whose command line still holds `-p PORT` (a backend
/// rewrites its own).
fn postmaster(url: &str) -> Result<u32, String> {
    let port = url.split_whitespace().find_map(|kv| kv.strip_prefix("port=")).ok_or_else(|| format!("no port in {:?}", url))?;
    let dir = std::fs::read_dir("/proc").map_err(|e| format!("/proc: {}", e))?;
    for pid in dir.filter_map(|e| e.ok()?.file_name().to_str()?.parse::<u32>().ok()) {
        let Ok(cmdline) = std::fs::read(format!("/proc/{}/cmdline", pid)) else { continue };
        let args: Vec<&[u8]> = cmdline.split(|&b| b == 0).collect();
        let is_postgres = args.first().is_some_and(|a| a.ends_with(b"/postgres") || *a == b"postgres");
        if is_postgres && args.windows(2).any(|w| w[0] == b"-p" && w[1] == port.as_bytes()) {
            return Ok(pid);
        }
    }
    Err(format!("no PostgreSQL process listens on port {}", port))
}

/// Waits until the node at `addr` says at `/healthz` that it serves, in `role`.
fn wait_serving(addr: SocketAddr, role: &str) -> Result<(), String> {
    let deadline = Instant::now() + STARTING;
    let mut said = String::new();
    while Instant::now() < deadline {
        said = servers::http_get(addr, "/healthz").unwrap_or_default();
        if said.contains("\"status\":\"ok\"") && said.contains(role) {
            return Ok(());
        }
        std::thread::sleep(Duration::from_millis(100));
    }
    Err(format!("the node at {} did not serve as {} in {:?}; it said {:?}", addr, role, STARTING, said))
}

