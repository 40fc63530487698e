//! What the network tests share: huddle-server as a process of its own (so
//! a test can SIGKILL it), a TCP proxy that can cut every connection, and a
//! network client that records what it hears.
#![allow(dead_code)]

use std::io::{BufRead, BufReader};
use std::net::SocketAddr;
use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use serde_json::{json, Value};

use huddle::client::{Client, SdkConfig};
use huddle::response::Response;
use huddle::service::Request;

/// huddle-server in a child process, on a loopback port, with a data dir.
pub struct ServerProcess {
    child: Option<Child>,
    args: Vec<String>,
    pub addr: SocketAddr,
}

impl ServerProcess {
    /// Starts the binary with `config` (TOML) on a free port.
    pub fn start(dir: &Path, config: &str) -> ServerProcess {
        let path = dir.join("server.toml");
        std::fs::write(&path, config).unwrap();
        let args = vec!["--config".into(), path.display().to_string(), "--data-dir".into(), dir.join("data").display().to_string()];
        let mut server = ServerProcess { child: None, args, addr: "127.0.0.1:0".parse().unwrap() };
        server.spawn("127.0.0.1:0");
        server
    }

    fn spawn(&mut self, listen: &str) {
        let mut child = Command::new(env!("CARGO_BIN_EXE_huddle-server"))
            .args(&self.args)
            .args(["--listen", listen])
            .env("HUDDLE_LOG", std::env::var("TEST_SERVER_LOG").unwrap_or("warn".into()))
            .stdout(Stdio::piped())
            .spawn()
            .expect("start huddle-server");
        let mut line = String::new();
        BufReader::new(child.stdout.take().unwrap()).read_line(&mut line).unwrap();
        let url = line.trim().strip_prefix("huddle-server listening on ws://").unwrap_or_else(|| panic!("unexpected first line {:?}", line));
        self.addr = url.parse().unwrap();
        self.child = Some(child);
    }

    pub fn url(&self) -> String {
        format!("ws://{}", self.addr)
    }

    pub fn is_running(&self) -> bool {
        self.child.is_some()
    }

    /// SIGKILL: no flush, no goodbye.
    pub fn kill(&mut self) {
        if let Some(mut child) = self.child.take() {
            let _ = child.kill();
            let _ = child.wait();
        }
    }

    /// Starts again on the same port and data dir.
    pub fn restart(&mut self) {
        self.kill();
        let listen = self.addr.to_string();
        let deadline = Instant::now() + Duration::from_secs(10);
        loop {
            // The port may take a moment to be free again.
            if std::net::TcpListener::bind(&listen).is_ok() || Instant::now() > deadline {
                break;
            }
            std::thread::sleep(Duration::from_millis(20));
        }
        self.spawn(&listen);
    }

    /// SIGTERM, and the exit status.
    pub fn stop(&mut self) -> Option<std::process::ExitStatus> {
        let mut child = self.child.take()?;
        // SAFETY: kill(2) on our own child's pid.
        unsafe { libc::kill(child.id() as i32, libc::SIGTERM) };
        child.wait().ok()
    }
}

impl Drop for ServerProcess {
    fn drop(&mut self) {
        self.kill();
    }
}

/// A TCP proxy in front of a server (or of several, like a load balancer:
/// each connection goes to the first that accepts it, in order from the
/// first given): `cut` drops every connection through it.
pub struct Proxy {
    pub addr: SocketAddr,
    runtime: tokio::runtime::Runtime,
    links: Arc<Mutex<Vec<tokio::task::JoinHandle<()>>>>,
}

impl Proxy {
    pub fn start(to: SocketAddr) -> Proxy {
        Proxy::to_any(vec![to])
    }

    pub fn to_any(backends: Vec<SocketAddr>) -> Proxy {
        let runtime = tokio::runtime::Builder::new_multi_thread().worker_threads(1).enable_all().build().unwrap();
        let listener = runtime.block_on(tokio::net::TcpListener::bind("127.0.0.1:0")).unwrap();
        let addr = listener.local_addr().unwrap();
        let links: Arc<Mutex<Vec<tokio::task::JoinHandle<()>>>> = Default::default();
        let held = Arc::clone(&links);
        runtime.spawn(async move {
            while let Ok((mut inbound, _)) = listener.accept().await {
                let backends = backends.clone();
                let link = tokio::spawn(async move {
                    for to in backends {
                        if let Ok(mut outbound) = tokio::net::TcpStream::connect(to).await {
                            let _ = tokio::io::copy_bidirectional(&mut inbound, &mut outbound).await;
                            return;
                        }
                    }
                });
                held.lock().unwrap().push(link);
            }
        });
        Proxy { addr, runtime, links }
    }

    pub fn url(&self) -> String {
        format!("ws://{}", self.addr)
    }

    /// Drops every connection: both ends see it reset, neither process dies.
    pub fn cut(&self) -> usize {
        let links = std::mem::take(&mut *self.links.lock().unwrap());
        let n = links.iter().filter(|l| !l.is_finished()).count();
        for link in links {
            link.abort();
        }
        let _ = &self.runtime;
        n
    }
}

/// A network client (thread mode) that records what it hears.
pub struct Peer {
    pub user: String,
    pub client: Client,
    /// Texts of the messages it heard, in order.
    pub heard: Arc<Mutex<Vec<String>>>,
    /// Network statuses it heard, in order.
    pub statuses: Arc<Mutex<Vec<i32>>>,
    pub notices: Arc<Mutex<Vec<&'static str>>>,
}

impl Peer {
    pub fn connect(url: &str, user: &str, sig: &str) -> Peer {
        Peer::try_connect(url, user, sig).unwrap_or_else(|r| panic!("{} logs in: {:?}", user, r))
    }

    /// The peer, or the login's failed response.
    pub fn try_connect(url: &str, user: &str, sig: &str) -> Result<Peer, Response> {
        let config: SdkConfig = serde_json::from_value(json!({ "sdk_config_server_url": url, "callback_mode": "thread" })).unwrap();
        let client = Client::new(config).unwrap();
        let peer = Peer { user: user.into(), client, heard: Default::default(), statuses: Default::default(), notices: Default::default() };
        let heard = Arc::clone(&peer.heard);
        peer.client.add_message_listener(
            1,
            Arc::new(move |json: &huddle::event::Json| {
                let msgs: Value = serde_json::from_str(json.as_str()).unwrap();
                for m in msgs.as_array().unwrap() {
                    if let Some(text) = m["message_elem_array"][0]["text_elem_content"].as_str() {
                        heard.lock().unwrap().push(text.to_string());
                    }
                }
            }),
        );
        let statuses = Arc::clone(&peer.statuses);
        peer.client.set_network_listener(Some(Arc::new(move |status, _, _| statuses.lock().unwrap().push(status))));
        let notices = Arc::clone(&peer.notices);
        peer.client.set_kicked_listener(Some(Arc::new(move || notices.lock().unwrap().push("kicked"))));
        let notices = Arc::clone(&peer.notices);
        peer.client.set_sig_expired_listener(Some(Arc::new(move || notices.lock().unwrap().push("sig expired"))));
        let (tx, rx) = std::sync::mpsc::channel();
        peer.client.login(user, sig, Box::new(move |r| tx.send(r).unwrap())).unwrap();
        let r = rx.recv_timeout(Duration::from_secs(20)).expect("a login answer");
        if r.code == 0 {
            Ok(peer)
        } else {
            Err(r)
        }
    }

    /// Calls and waits for the answer.
    pub fn call(&self, req: Request) -> Response {
        let (tx, rx) = std::sync::mpsc::channel();
        self.client.call(req, Box::new(move |r| tx.send(r).unwrap())).expect("accepted");
        rx.recv_timeout(Duration::from_secs(60)).expect("an answer")
    }

    pub fn ok(&self, req: Request) -> Value {
        let r = self.call(req);
        assert_eq!(r.code, 0, "{}: {:?}", self.user, r);
        serde_json::from_str(&r.json).unwrap()
    }

    /// Waits until the client is connected (0 is the last status it heard).
    pub fn wait_connected(&self) {
        eventually(&format!("{} is connected", self.user), || self.statuses.lock().unwrap().last() == Some(&0));
    }

    pub fn heard(&self) -> Vec<String> {
        self.heard.lock().unwrap().clone()
    }
}

pub fn req(v: Value) -> Request {
    serde_json::from_value(v).unwrap()
}

pub fn create(id: &str, group_type: i32) -> Request {
    req(json!({"method": "GroupCreate", "params": {"create_group_param_group_id": id, "create_group_param_group_name": id, "create_group_param_group_type": group_type}}))
}

pub fn join(id: &str) -> Request {
    Request::GroupJoin { group_id: id.into(), hello_msg: String::new() }
}

pub fn send_text(group: &str, msg_id: &str, text: &str) -> Request {
    req(json!({"method": "MsgSend", "params": {
        "conv": {"conv_type": 2, "conv_id": group},
        "msg_id": msg_id,
        "param": {"message_elem_array": [{"elem_type": 0, "text_elem_content": text}]}
    }}))
}

/// Every text message of a group's history, oldest first.
pub fn history(peer: &Peer, group: &str) -> Vec<String> {
    let mut texts = Vec::new();
    let mut last: Option<Value> = None;
    loop {
        let mut param = json!({"msg_getmsglist_param_count": 100});
        if let Some(seq) = &last {
            param["msg_getmsglist_param_last_msg"] = json!({"message_seq": seq});
        }
        let page = peer.ok(req(json!({"method": "MsgGetMsgList", "params": {"conv": {"conv_type": 2, "conv_id": group}, "param": param}})));
        let page = page.as_array().unwrap().clone();
        if page.is_empty() {
            break;
        }
        for m in &page {
            texts.push(m["message_elem_array"][0]["text_elem_content"].as_str().unwrap_or("").to_string());
        }
        last = Some(page.last().unwrap()["message_seq"].clone());
    }
    texts.reverse();
    texts
}

/// Waits until `cond` holds, 30 s at most.
pub fn eventually(what: &str, cond: impl Fn() -> bool) {
    let deadline = Instant::now() + Duration::from_secs(30);
    while !cond() {
        assert!(Instant::now() < deadline, "timed out waiting until {}", what);
        std::thread::sleep(Duration::from_millis(20));
    }
}

/// What the senders' callbacks said: (text, code).
pub type Outcomes = Arc<Mutex<Vec<(String, i32)>>>;

/// Sends `n` texts "<prefix>-<i>" to group `g` without waiting, recording
/// each callback's code.
pub fn fire(peer: &Peer, prefix: &str, n: usize, outcomes: &Outcomes, answered: &Arc<AtomicUsize>) {
    for i in 0..n {
        let text = format!("{}-{}", prefix, i);
        let (o, a, t) = (Arc::clone(outcomes), Arc::clone(answered), text.clone());
        let req = send_text("g", &format!("{}-{}-id", peer.user, i), &text);
        let reply = Box::new(move |r: huddle::response::Response| {
            o.lock().unwrap().push((t, r.code));
            a.fetch_add(1, Ordering::SeqCst);
        });
        // Refused synchronously only when not logged in, which would be a bug here.
        peer.client.call(req, reply).expect("accepted");
    }
}

/// The checks both tests share, once every send has its answer.
pub fn assert_nothing_lost_or_doubled(observer: &Peer, peers: &[&Peer], outcomes: &Outcomes, sent: usize) {
    observer.wait_connected();
    let history = history(observer, "g");
    let mut unique = history.clone();
    unique.sort();
    unique.dedup();
    assert_eq!(unique.len(), history.len(), "no message was applied twice");
    let outcomes = outcomes.lock().unwrap();
    assert_eq!(outcomes.len(), sent, "every send was answered once");
    for (text, code) in outcomes.iter() {
        if *code == 0 {
            assert!(history.contains(text), "{} was acknowledged and is kept", text);
        }
    }
    let failed: Vec<&(String, i32)> = outcomes.iter().filter(|(_, code)| *code != 0).collect();
    assert!(failed.is_empty(), "every send in flight succeeds once the client is back: {:?}", failed);
    for peer in peers {
        let mine = format!("{}-", &peer.user[..1]);
        let expected: Vec<String> = history.iter().filter(|t| !t.starts_with(&mine)).cloned().collect();
        let deadline = std::time::Instant::now() + Duration::from_secs(20);
        while peer.heard().len() < expected.len() && std::time::Instant::now() < deadline {
            std::thread::sleep(Duration::from_millis(20));
        }
        assert_eq!(peer.heard(), expected, "{} heard every message of the others exactly once, in order", peer.user);
    }
}

pub fn group_of_three(url: &str) -> (Peer, Peer, Peer) {
    let (alice, bob, carol) = (Peer::connect(url, "alice", ""), Peer::connect(url, "bob", ""), Peer::connect(url, "carol", ""));
    alice.ok(create("g", 2));
    bob.ok(join("g"));
    carol.ok(join("g"));
    (alice, bob, carol)
}
