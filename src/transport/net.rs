//! The network transport: a WebSocket to huddle-server (docs/protocol.md).
//!
//! The connection opens at login and closes at logout. When it drops, a
//! supervisor reconnects with capped exponential backoff and jitter, logs
//! in again with the same sig and the seq of the last event it saw, and
//! hears what it missed before anything new; events it already has are
//! dropped. Calls made while disconnected fail at once with 9508; calls
//! sent before a drop are sent again, with their idempotency keys, once
//! the session is back, so none runs twice; a call with no reply within
//! the request timeout fails with 9520. Nothing waits forever.
//!
//! Work runs on one process-wide runtime thread (`huddle-net`). Replies and
//! events are handed to the client's dispatcher from there, never with a
//! lock of this module held. Every event kind comes (the protocol's
//! `listen` is for clients that know their kinds for good): a listener
//! added while events are on their way must not miss them.

use std::collections::BTreeMap;
use std::path::Path;
use std::sync::Arc;
use std::time::{Duration, Instant};

use futures_util::{SinkExt, StreamExt};
use once_cell::sync::Lazy;
use parking_lot::{Condvar, Mutex};
use serde_json::json;
use tokio::sync::{mpsc, Notify};
use tokio_tungstenite::tungstenite::Message;

use crate::config::SdkConfig;
use crate::engine::{Clock, SystemClock};
use crate::media::elems::Source;
use crate::media::{MediaKind, Stored};
use crate::error::{err, Code, Error, Result};
use crate::event::{Event, EventBody, EventSink, NetworkStatus};
use crate::protocol::{self, ClientFrame, ServerFrame};
use crate::response::{Reply, Response};
use crate::service::Request;
use crate::usersig;

use super::{http, Transport};

/// The default for `sdk_config_request_timeout_ms`, and its ceiling: the
/// server keeps a call's answer for a resend for 300 s by default.
const DEFAULT_TIMEOUT: Duration = Duration::from_secs(30);
const MAX_TIMEOUT: Duration = Duration::from_secs(120);
/// Reconnect backoff: from the first to the cap, doubling, each wait
/// drawn between half and all of it.
const FIRST_BACKOFF: Duration = Duration::from_millis(200);
const MAX_BACKOFF: Duration = Duration::from_secs(5);
/// How often overdue calls are looked for.
const DEADLINE_TICK: Duration = Duration::from_millis(50);

static RUNTIME: Lazy<tokio::runtime::Runtime> = Lazy::new(|| {
    tokio::runtime::Builder::new_multi_thread()
        .worker_threads(1)
        .thread_name("huddle-net")
        .enable_all()
        .build()
        .expect("start the network runtime")
});

pub struct NetTransport {
    net: Arc<Net>,
}

struct Net {
    url: String,
    platform: i32,
    timeout: Duration,
    events: Arc<dyn EventSink>,
    /// Makes this transport's idempotency keys its own, and names it at
    /// every login (see `ClientFrame::Login`).
    instance: String,
    state: Mutex<State>,
    /// Signalled whenever a call is answered (for `sync`).
    answered: Condvar,
    /// Wakes the supervisor: a logout, a close.
    wake: Notify,
}

struct Credentials {
    user: String,
    sig: String,
}

enum Kind {
    Call,
    /// The first login's answer, which the user's login callback gets.
    Login,
    Logout,
}

struct Pending {
    kind: Kind,
    /// The login whose connection carries it.
    generation: u64,
    /// Sent again after a reconnect (calls only, with their keys).
    frame: String,
    reply: Reply,
    deadline: Instant,
}

#[derive(Default)]
struct State {
    status: Option<NetworkStatus>,
    /// The session asked for, while it lasts (cleared by logout, kick, expiry).
    login: Option<Credentials>,
    /// Frames for the live connection.
    conn: Option<mpsc::UnboundedSender<String>>,
    pending: BTreeMap<u64, Pending>,
    next_id: u64,
    /// The seq of the last counted event seen; set by the first login.
    cursor: Option<u64>,
    /// Server clock minus ours (s), from the last hello.
    clock_offset: i64,
    /// The upload token of media files, from the last login's answer.
    media_token: Option<String>,
    /// Bumped by every login and logout: a supervisor of an older
    /// generation stops.
    generation: u64,
}

/// How one connection ended.
enum Ended {
    /// Lost: reconnect.
    Dropped(String),
    /// The session is over (kicked, sig expired, logged out, closed), and
    /// what its calls still owed are answered.
    Over(Error),
}

impl NetTransport {
    pub fn open(config: &SdkConfig, url: &str, events: Arc<dyn EventSink>) -> Result<NetTransport> {
        if !url.starts_with("ws://") && !url.starts_with("wss://") {
            return Err(err!(InvalidParameters, "sdk_config_server_url {:?} is not a ws:// URL", url));
        }
        let timeout = match config.sdk_config_request_timeout_ms {
            None => DEFAULT_TIMEOUT,
            Some(ms) if ms > 0 && Duration::from_millis(ms) <= MAX_TIMEOUT => Duration::from_millis(ms),
            Some(ms) => return Err(err!(InvalidParameters, "sdk_config_request_timeout_ms {} is outside 1..={}", ms, MAX_TIMEOUT.as_millis())),
        };
        let instance = crate::engine::new_msg_id(SystemClock.now());
        let net = Net {
            url: url.to_string(),
            platform: config.platform(),
            timeout,
            events,
            instance,
            state: Mutex::new(State::default()),
            answered: Condvar::new(),
            wake: Notify::new(),
        };
        Ok(NetTransport { net: Arc::new(net) })
    }
}

impl Net {
    fn now(&self) -> u64 {
        SystemClock.now()
    }

    /// Records a status change and tells the client, if it is one.
    fn set_status(&self, status: NetworkStatus, code: i32, desc: &str) {
        let changed = self.state.lock().status.replace(status) != Some(status);
        if changed {
            self.events.deliver(Event::new(EventBody::NetworkStatus { status, code, desc: desc.to_string() }));
        }
    }

    fn is_current(&self, generation: u64) -> bool {
        let st = self.state.lock();
        st.generation == generation && st.login.is_some()
    }

    /// Answers what is still owed on the connections of login `generation`,
    /// which are over: a logout is done, anything else fails with `e`.
    fn settle(&self, generation: u64, e: &Error) {
        let owed: Vec<Pending> = {
            let mut st = self.state.lock();
            let ids: Vec<u64> = st.pending.iter().filter(|(_, p)| p.generation == generation).map(|(id, _)| *id).collect();
            ids.into_iter().filter_map(|id| st.pending.remove(&id)).collect()
        };
        for p in owed {
            (p.reply)(match p.kind {
                Kind::Logout => Response::ok(json!({})),
                Kind::Call | Kind::Login => Response::error(e),
            });
        }
        self.answered.notify_all();
    }

    /// Fails the calls whose time is up with 9520.
    fn expire_overdue(&self) {
        let now = Instant::now();
        let overdue: Vec<Pending> = {
            let mut st = self.state.lock();
            let ids: Vec<u64> = st.pending.iter().filter(|(_, p)| p.deadline <= now).map(|(id, _)| *id).collect();
            ids.into_iter().filter_map(|id| st.pending.remove(&id)).collect()
        };
        if overdue.is_empty() {
            return;
        }
        let e = err!(NetWaitAckTimeout, "no reply from {} within {} ms", self.url, self.timeout.as_millis());
        for p in overdue {
            (p.reply)(Response::error(&e));
        }
        self.answered.notify_all();
    }

    /// Ends the session for good (kick, expiry, refusal): no reconnect.
    fn end_session(&self, generation: u64) {
        let mut st = self.state.lock();
        if st.generation == generation {
            st.login = None;
            st.conn = None;
        }
    }

    /// Answers call `id`.
    fn answer(&self, id: u64, resp: Response) -> Option<Kind> {
        let pending = self.state.lock().pending.remove(&id)?;
        (pending.reply)(resp);
        self.answered.notify_all();
        Some(pending.kind)
    }

    /// An event from the server: counted ones already seen are dropped.
    fn event(&self, body: EventBody) {
        let event = Event::new(body);
        if event.counts() {
            let mut st = self.state.lock();
            let cursor = st.cursor.unwrap_or(0);
            if event.seq() <= cursor {
                return;
            }
            st.cursor = Some(event.seq());
        }
        self.events.deliver(event);
    }
}

/// The supervisor of one login: connects, serves, reconnects, until the
/// session is over or a newer login or logout replaces it; then nothing
/// sent on its connections is left unanswered.
async fn supervise(net: Arc<Net>, generation: u64) {
    let why = run_session(&net, generation).await;
    net.settle(generation, &why);
}

/// Why the session ended (what its calls still owed are answered).
async fn run_session(net: &Arc<Net>, generation: u64) -> Error {
    let mut backoff = FIRST_BACKOFF;
    let mut first = true;
    let mut ticker = tokio::time::interval(DEADLINE_TICK);
    loop {
        if !net.is_current(generation) {
            return err!(NetDisconnect, "logged out");
        }
        net.set_status(NetworkStatus::Connecting, 0, "connecting");
        let connected = tokio::select! {
            c = connect(net, generation, first) => c,
            _ = net.wake.notified() => continue,
        };
        match connected {
            Ok(link) => {
                first = false;
                backoff = FIRST_BACKOFF;
                net.set_status(NetworkStatus::Connected, 0, "connected");
                match serve(net, generation, link, &mut ticker).await {
                    Ended::Over(why) => {
                        net.set_status(NetworkStatus::Disconnected, 0, "the session ended");
                        return why;
                    }
                    Ended::Dropped(why) => {
                        net.state.lock().conn = None;
                        net.set_status(NetworkStatus::Disconnected, Code::NetDisconnect.as_i32(), &why);
                    }
                }
            }
            Err(Refusal::Login(resp)) => {
                // The server said no: a reconnect would hear the same.
                net.end_session(generation);
                if resp.code == Code::SvrUserSigExpired.as_i32() && !first {
                    net.events.deliver(Event::new(EventBody::UserSigExpired));
                }
                net.set_status(NetworkStatus::Disconnected, resp.code, &resp.desc);
                return err!(NetDisconnect, "the session ended: {}", resp.desc);
            }
            Err(Refusal::Unreachable(why)) => {
                net.set_status(NetworkStatus::ConnectFailed, Code::NetDisconnect.as_i32(), &why);
                if first {
                    net.end_session(generation);
                    return err!(NetDisconnect, "cannot reach {}: {}", net.url, why);
                }
            }
        }
        // Wait, then try again; calls still owed keep their deadlines.
        let wait = jitter(backoff);
        backoff = (backoff * 2).min(MAX_BACKOFF);
        let until = tokio::time::Instant::now() + wait;
        loop {
            tokio::select! {
                _ = tokio::time::sleep_until(until) => break,
                _ = ticker.tick() => net.expire_overdue(),
                _ = net.wake.notified() => break,
            }
        }
    }
}

/// Half to all of `d`, so that clients dropped together come back apart.
fn jitter(d: Duration) -> Duration {
    use std::hash::{BuildHasher, Hasher};
    let mut h = std::collections::hash_map::RandomState::new().build_hasher();
    h.write_u64(d.as_nanos() as u64);
    let fraction = 0.5 + (h.finish() % 1000) as f64 / 2000.0;
    d.mul_f64(fraction)
}

enum Refusal {
    /// No connection, no hello, no answer in time.
    Unreachable(String),
    /// The server answered the login with an error.
    Login(Response),
}

type Socket = tokio_tungstenite::WebSocketStream<tokio_tungstenite::MaybeTlsStream<tokio::net::TcpStream>>;

/// Connects, says hello, logs in (resuming after the cursor), and sends the
/// calls still owed again; the first login's answer goes to its callback.
/// A logged-in connection: the socket, and its queue of frames to send
/// (whose sender it keeps, so a logout's frame and answer get through).
struct Link {
    socket: Socket,
    tx: mpsc::UnboundedSender<String>,
    rx: mpsc::UnboundedReceiver<String>,
}

async fn connect(net: &Arc<Net>, generation: u64, first: bool) -> std::result::Result<Link, Refusal> {
    let unreachable = |why: String| Refusal::Unreachable(why);
    let (mut socket, _) = tokio::time::timeout(net.timeout, tokio_tungstenite::connect_async(net.url.as_str()))
        .await
        .map_err(|_| unreachable(format!("no connection within {} ms", net.timeout.as_millis())))?
        .map_err(|e| unreachable(e.to_string()))?;
    let hello = ClientFrame::Hello { protocol: protocol::VERSION, sdk: format!("huddle {}", crate::VERSION) };
    socket.send(Message::text(serde_json::to_string(&hello).expect("frames encode"))).await.map_err(|e| unreachable(e.to_string()))?;
    match read_frame(&mut socket, net.timeout).await.map_err(unreachable)? {
        // Saturating: a server's clock is its word, not a reason to overflow.
        ServerFrame::Hello { time, .. } => net.state.lock().clock_offset = (i128::from(time) - i128::from(net.now())).clamp(i64::MIN.into(), i64::MAX.into()) as i64,
        ServerFrame::Error { code, desc } => return Err(Refusal::Login(Response::from_server(code, desc, "{}".into()))),
        other => return Err(unreachable(format!("the server answered the hello with {:?}", other))),
    }
    let (id, login) = {
        let mut st = net.state.lock();
        let Some(creds) = st.login.as_ref() else { return Err(unreachable("logged out meanwhile".into())) };
        let (user_id, user_sig) = (creds.user.clone(), creds.sig.clone());
        st.next_id += 1;
        let resume_after = if first { None } else { st.cursor };
        (st.next_id, ClientFrame::Login { id: st.next_id, user_id, user_sig, platform: net.platform, resume_after, kinds: None, instance: Some(net.instance.clone()) })
    };
    socket.send(Message::text(serde_json::to_string(&login).expect("frames encode"))).await.map_err(|e| unreachable(e.to_string()))?;
    // The server answers a login before anything the session is told.
    let (code, desc, seq) = match read_frame(&mut socket, net.timeout).await.map_err(unreachable)? {
        ServerFrame::Reply { id: got, code, desc, seq, json } if got == id => {
            let answer: serde_json::Value = serde_json::from_str(json.as_str()).unwrap_or_default();
            net.state.lock().media_token = answer.get("media_token").and_then(|t| t.as_str()).map(str::to_string);
            (code, desc, seq)
        }
        ServerFrame::Error { code, desc } => (code, desc, None),
        other => return Err(unreachable(format!("the server answered the login with {:?}", other))),
    };
    if code != 0 {
        let resp = Response::from_server(code, desc, "{}".into());
        if first {
            login_answered(net, Response { ..resp.clone() });
        }
        return Err(Refusal::Login(resp));
    }
    let (tx, rx) = mpsc::unbounded_channel();
    let resend: Vec<String> = {
        let mut st = net.state.lock();
        if st.generation != generation {
            return Err(unreachable("logged out meanwhile".into()));
        }
        if first {
            st.cursor = Some(seq.unwrap_or(0));
        }
        st.conn = Some(tx.clone());
        st.pending.values().filter(|p| matches!(p.kind, Kind::Call)).map(|p| p.frame.clone()).collect()
    };
    if first {
        login_answered(net, Response::ok(json!({})));
    }
    for frame in resend {
        let _ = tx.send(frame);
    }
    Ok(Link { socket, tx, rx })
}

/// Answers the first login's callback (a pending entry of kind `Login`).
fn login_answered(net: &Net, resp: Response) {
    let id = net.state.lock().pending.iter().find(|(_, p)| matches!(p.kind, Kind::Login)).map(|(id, _)| *id);
    if let Some(id) = id {
        net.answer(id, resp);
    }
}

async fn read_frame(socket: &mut Socket, wait: Duration) -> std::result::Result<ServerFrame, String> {
    let deadline = tokio::time::Instant::now() + wait;
    loop {
        let msg = tokio::time::timeout_at(deadline, socket.next())
            .await
            .map_err(|_| format!("no answer within {} ms", wait.as_millis()))?
            .ok_or_else(|| "the server closed the connection".to_string())?
            .map_err(|e| e.to_string())?;
        match msg {
            Message::Text(text) => return serde_json::from_str(text.as_str()).map_err(|e| format!("an unreadable frame: {}", e)),
            Message::Close(_) => return Err("the server closed the connection".into()),
            _ => continue,
        }
    }
}

/// Serves one connection: frames out as calls come, replies and events in,
/// until it drops or the session is over.
async fn serve(net: &Arc<Net>, generation: u64, link: Link, ticker: &mut tokio::time::Interval) -> Ended {
    let Link { socket, mut rx, tx: _open } = link;
    let (mut sink, mut stream) = socket.split();

    loop {
        tokio::select! {
            msg = stream.next() => {
                let text = match msg {
                    Some(Ok(Message::Text(text))) => text,
                    Some(Ok(Message::Close(_))) | None => return Ended::Dropped("the server closed the connection".into()),
                    Some(Err(e)) => return Ended::Dropped(e.to_string()),
                    Some(Ok(_)) => continue,
                };
                let frame: ServerFrame = match serde_json::from_str(text.as_str()) {
                    Ok(f) => f,
                    Err(e) => {
                        tracing::warn!("an unreadable frame from the server: {}", e);
                        continue;
                    }
                };
                match frame {
                    ServerFrame::Reply { id, code, desc, json, .. } => {
                        let resp = Response::from_server(code, desc, json.as_str().to_string());
                        if let Some(Kind::Logout) = net.answer(id, resp) {
                            let _ = sink.send(Message::Close(None)).await;
                            return Ended::Over(err!(NetDisconnect, "logged out"));
                        }
                    }
                    ServerFrame::Event { event } => {
                        let over = matches!(event, EventBody::KickedOffline | EventBody::UserSigExpired);
                        if over {
                            net.end_session(generation);
                        }
                        net.event(event);
                        if over {
                            return Ended::Over(err!(NotLoggedIn, "the session ended"));
                        }
                    }
                    ServerFrame::Error { code, desc } => tracing::warn!("the server says {}: {}", code, desc),
                    ServerFrame::Hello { .. } => {}
                }
            }
            frame = rx.recv() => {
                let Some(frame) = frame else { return Ended::Over(err!(NetDisconnect, "closed")) };
                if let Err(e) = sink.send(Message::text(frame)).await {
                    return Ended::Dropped(e.to_string());
                }
            }
            _ = ticker.tick() => net.expire_overdue(),
            _ = net.wake.notified() => {
                if !net.is_current(generation) {
                    let _ = sink.send(Message::Close(None)).await;
                    return Ended::Over(err!(NetDisconnect, "logged out"));
                }
            }
        }
    }
}

impl Transport for NetTransport {
    fn login(&self, user_id: &str, user_sig: &str, reply: Reply) {
        let net = &self.net;
        if usersig::expires_at(user_sig).is_some_and(|at| at <= net.now()) {
            return reply(Response::error(&err!(UserSigExpired, "the user_sig of {} has expired; get a new one", user_id)));
        }
        let mut st = net.state.lock();
        match st.login.as_ref() {
            Some(c) if c.user != user_id => {
                drop(st);
                return reply(Response::error(&err!(InvalidParameters, "already logged in as {}; log out first", user_id)));
            }
            Some(_) => {
                drop(st);
                return reply(Response::ok(json!({})));
            }
            None => {}
        }
        st.login = Some(Credentials { user: user_id.to_string(), sig: user_sig.to_string() });
        st.generation += 1;
        st.cursor = None;
        st.next_id += 1;
        let id = st.next_id;
        let generation = st.generation;
        st.pending.insert(id, Pending { kind: Kind::Login, generation, frame: String::new(), reply, deadline: Instant::now() + net.timeout });
        drop(st);
        RUNTIME.spawn(supervise(Arc::clone(net), generation));
    }

    fn logout(&self, reply: Reply) {
        let net = &self.net;
        let mut st = net.state.lock();
        st.login = None;
        let generation = st.generation;
        st.generation += 1;
        match st.conn.take() {
            Some(conn) => {
                st.next_id += 1;
                let id = st.next_id;
                let frame = serde_json::to_string(&ClientFrame::Logout { id }).expect("frames encode");
                st.pending.insert(id, Pending { kind: Kind::Logout, generation, frame: String::new(), reply, deadline: Instant::now() + net.timeout });
                drop(st);
                // Sent after the calls before it, on the same connection.
                if conn.send(frame).is_err() {
                    net.answer(id, Response::ok(json!({})));
                }
            }
            None => {
                drop(st);
                net.wake.notify_waiters();
                reply(Response::ok(json!({})));
            }
        }
    }

    fn call(&self, req: Request, reply: Reply) {
        let net = &self.net;
        let mut st = net.state.lock();
        let Some(conn) = st.conn.clone() else {
            drop(st);
            return reply(Response::error(&err!(NetDisconnect, "not connected to {}", net.url)));
        };
        st.next_id += 1;
        let id = st.next_id;
        let key = format!("{}-{}", net.instance, id);
        let frame = serde_json::to_string(&ClientFrame::Call { id, key: Some(key), request: req }).expect("frames encode");
        let generation = st.generation;
        st.pending.insert(id, Pending { kind: Kind::Call, generation, frame: frame.clone(), reply, deadline: Instant::now() + net.timeout });
        drop(st);
        // A connection that just dropped: the supervisor sends it again.
        let _ = conn.send(frame);
    }

    fn close(&self) {
        let mut st = self.net.state.lock();
        st.login = None;
        st.generation += 1;
        st.conn = None;
        // The client answers what it is still owed itself (6013).
        st.pending.clear();
        drop(st);
        self.net.wake.notify_waiters();
    }

    fn sync(&self) {
        // On the network thread a wait would hold up the very replies awaited.
        if tokio::runtime::Handle::try_current().is_ok() {
            return;
        }
        let net = &self.net;
        let last = net.state.lock().next_id;
        let deadline = Instant::now() + net.timeout;
        let mut st = net.state.lock();
        while st.pending.keys().next().is_some_and(|id| *id <= last) {
            if net.answered.wait_until(&mut st, deadline).timed_out() {
                return;
            }
        }
    }

    fn status(&self) -> NetworkStatus {
        self.net.state.lock().status.unwrap_or(NetworkStatus::Disconnected)
    }

    fn server_time(&self) -> u64 {
        let offset = self.net.state.lock().clock_offset;
        self.net.now().saturating_add_signed(offset)
    }

    fn upload(&self, kind: MediaKind, source: &Source, progress: &mut dyn FnMut(u64, u64) -> bool) -> Result<Stored> {
        let token = self.net.state.lock().media_token.clone();
        let token = token.ok_or_else(|| err!(FileTransAuthFailed, "{} gave this session no upload token (a server older than media messages?)", self.net.url))?;
        http::upload(&RUNTIME, &http::base_url(&self.net.url), &token, kind, source, progress)
    }

    fn download(&self, id: &str, to: &Path) -> Result<u64> {
        http::download(&RUNTIME, &http::base_url(&self.net.url), id, to)
    }

}
