//! Three huddle-server nodes on one PostgreSQL and one NATS, each started
//! on a free loopback port with its own temp dir, for the tests that need a
//! cluster. Used as `#[path = "common/nodes.rs"] mod nodes;` beside `mod
//! common;` and `#[path = "common/pg.rs"] mod pg;`.
#![allow(dead_code)]

use std::io::{Read, Write};
use std::net::{SocketAddr, TcpStream};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use serde_json::Value;

use crate::common::{eventually, Proxy, ServerProcess};
use crate::pg;

/// A throwaway nats-server on a free loopback port.
pub struct TempNats {
    pub child: Child,
    pub port: u16,
    _dir: tempfile::TempDir,
}

impl TempNats {
    pub fn start() -> TempNats {
        let dir = tempfile::tempdir().unwrap();
        for _ in 0..5 {
            let port = std::net::TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap().port();
            let conf = dir.path().join("nats.conf");
            // Room for the largest reply a client may get (a long conversation list).
            std::fs::write(&conf, format!("listen: \"127.0.0.1:{}\"\nmax_payload: 8MB\n", port)).unwrap();
            let mut child = Command::new("nats-server").arg("-c").arg(&conf).stdout(Stdio::null()).stderr(Stdio::null()).spawn().expect("nats-server (tests/deps.sh installs it)");
            let deadline = Instant::now() + Duration::from_secs(5);
            while Instant::now() < deadline {
                if TcpStream::connect(("127.0.0.1", port)).is_ok() {
                    return TempNats { child, port, _dir: dir };
                }
                if child.try_wait().unwrap().is_some() {
                    break;
                }
                std::thread::sleep(Duration::from_millis(20));
            }
            let _ = child.kill();
            let _ = child.wait();
        }
        panic!("nats-server did not start");
    }
}

impl Drop for TempNats {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// The cluster: a database, a bus and three nodes.
pub struct Cluster {
    pub nodes: Vec<ServerProcess>,
    _dirs: Vec<tempfile::TempDir>,
    pub nats: TempNats,
    _pg: pg::TempPostgres,
}

/// `method path` on a node, with `headers` and `body`: the status and the
/// body of the answer (read to the end: no keep-alive).
pub fn http(addr: SocketAddr, method: &str, path: &str, headers: &[(&str, &str)], body: &[u8]) -> Option<(u16, Vec<u8>)> {
    let mut stream = TcpStream::connect_timeout(&addr, Duration::from_secs(1)).ok()?;
    stream.set_read_timeout(Some(Duration::from_secs(10))).ok()?;
    let mut head = format!("{} {} HTTP/1.1\r\nHost: x\r\nConnection: close\r\nContent-Length: {}\r\n", method, path, body.len());
    for (name, value) in headers {
        head += &format!("{}: {}\r\n", name, value);
    }
    stream.write_all(format!("{}\r\n", head).as_bytes()).ok()?;
    stream.write_all(body).ok()?;
    let mut answer = Vec::new();
    stream.read_to_end(&mut answer).ok()?;
    let split = answer.windows(4).position(|w| w == b"\r\n\r\n")?;
    let status = std::str::from_utf8(&answer[..split]).ok()?.split(' ').nth(1)?.parse().ok()?;
    Some((status, answer[split + 4..].to_vec()))
}

/// The body of `GET path` on a node.
pub fn get(addr: SocketAddr, path: &str) -> Option<String> {
    http(addr, "GET", path, &[], b"").map(|(_, body)| String::from_utf8_lossy(&body).into_owned())
}

/// What a node says at `/healthz`.
pub fn health(addr: SocketAddr) -> Option<Value> {
    serde_json::from_str(&get(addr, "/healthz")?).ok()
}

impl Cluster {
    pub fn start(extra: &str) -> Cluster {
        let pg = pg::TempPostgres::start();
        let nats = TempNats::start();
        let mut dirs = Vec::new();
        let mut nodes = Vec::new();
        for n in 1..=3 {
            let dir = tempfile::tempdir().unwrap();
            let config = format!(
                "store = \"{}\"\n{}\n[cluster]\nnats = \"nats://127.0.0.1:{}\"\nnode = \"n{}\"\nlease_secs = 2\n",
                pg.url(),
                extra,
                nats.port,
                n
            );
            nodes.push(ServerProcess::start(dir.path(), &config));
            dirs.push(dir);
        }
        let cluster = Cluster { nodes, _dirs: dirs, nats, _pg: pg };
        cluster.wait_serving();
        cluster
    }

    pub fn alive(&self) -> impl Iterator<Item = &ServerProcess> {
        self.nodes.iter().filter(|n| n.is_running())
    }

    /// Waits until one live node leads and every live node serves.
    pub fn wait_serving(&self) {
        eventually("a leader, and every node serving", || {
            let states: Vec<Option<Value>> = self.alive().map(|n| health(n.addr)).collect();
            let leaders = states.iter().filter(|s| s.as_ref().is_some_and(|s| s["role"] == "leader")).count();
            leaders == 1 && states.iter().all(|s| s.as_ref().is_some_and(|s| s["status"] == "ok"))
        });
    }

    /// The index of the node that leads now.
    pub fn leader(&self) -> usize {
        (0..self.nodes.len()).find(|&i| self.nodes[i].is_running() && health(self.nodes[i].addr).is_some_and(|s| s["role"] == "leader")).expect("a leader")
    }

    pub fn urls(&self) -> Vec<String> {
        self.nodes.iter().map(|n| n.url()).collect()
    }

    /// A proxy that sends each connection to node `first`, or, while it is
    /// down, to the next: a load balancer in front of the nodes.
    pub fn balancer(&self, first: usize) -> Proxy {
        let n = self.nodes.len();
        Proxy::to_any((0..n).map(|i| self.nodes[(first + i) % n].addr).collect())
    }
}

