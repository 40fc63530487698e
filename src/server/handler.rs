//! One connection's life: the hello, then logins, calls and logouts read in
//! order, while what the session is told is written in order, until the
//! peer goes, falls silent or too far behind, or the server stops.

use std::collections::HashSet;
use std::future::Future;
use std::net::IpAddr;
use std::pin::Pin;
use std::sync::Arc;
use std::time::{Duration, Instant};

use tokio::sync::{mpsc, OwnedSemaphorePermit};
use tracing::{debug, info};

use crate::error::{err, Code, Error};
use crate::protocol::{self, ClientFrame, ServerFrame};
use crate::response::{Reply, Response};
use crate::model::Origin;
use crate::service::{Login, Request, Service, Session};

use super::connection::{CloseReason, ConnSink, Connection, Ended, Incoming, Outbound, Outlet, Relayed};
use super::limits::{Outbox, RequestRate};
use super::metrics::RequestLabels;
use super::Shared;

pub struct Handler {
    conn: Connection,
    shared: Arc<Shared>,
    service: Arc<Service>,
    outlet: Outlet,
    /// A socket's writer queue; a relayed connection's frames go to its node.
    written: Option<(mpsc::UnboundedReceiver<Outbound>, Arc<Outbox>)>,
    sink: Arc<ConnSink>,
    session: Option<Session>,
    rate: RequestRate,
    last_heard: Instant,
    /// Kinds of refusal already logged for this connection: each is logged once.
    logged: HashSet<&'static str>,
    /// The peer's address and the logged-in device's platform, for the app's server's callbacks.
    ip: IpAddr,
    platform: i32,
    /// A call waiting for the app's server's "before" callback: no later
    /// frame is read until it is decided, so calls stay in order.
    gated: Option<Gated>,
    /// Held for the handler's life: the server counts connections by it
    /// (a relayed connection counts on the node that holds its socket).
    _permit: Option<OwnedSemaphorePermit>,
}

/// A call and what the app's server decided of it: the request to serve,
/// or the answer to give instead.
type Gated = Pin<Box<dyn Future<Output = (u64, Option<String>, &'static str, Result<Request, Response>)> + Send>>;

/// Why a connection ended, for its log line.
enum Exit {
    PeerClosed,
    Broken(Code, String),
    Idle,
    Closed(CloseReason),
    ServerStopping,
    WriteFailed,
}

impl Handler {
    /// A client on a socket of this server.
    pub fn new(socket: axum::extract::ws::WebSocket, shared: Arc<Shared>, service: Arc<Service>, permit: OwnedSemaphorePermit, ip: IpAddr) -> Handler {
        let (outlet, rx, outbox) = Outlet::new(shared.config.limits.max_pending_bytes);
        Handler::with(Connection::new(socket), outlet, Some((rx, outbox)), shared, service, Some(permit), ip)
    }

    /// A client of another node of the cluster, which relays its frames
    /// (after the hello, which that node answered) and writes what `outlet`
    /// is given.
    pub fn relayed(frames: mpsc::UnboundedReceiver<Relayed>, outlet: Outlet, shared: Arc<Shared>, service: Arc<Service>, ip: IpAddr) -> Handler {
        Handler::with(Connection::Relayed(frames), outlet, None, shared, service, None, ip)
    }

    fn with(
        conn: Connection,
        outlet: Outlet,
        written: Option<(mpsc::UnboundedReceiver<Outbound>, Arc<Outbox>)>,
        shared: Arc<Shared>,
        service: Arc<Service>,
        permit: Option<OwnedSemaphorePermit>,
        ip: IpAddr,
    ) -> Handler {
        let limits = &shared.config.limits;
        let sink = Arc::new(ConnSink::new(outlet.clone(), shared.metrics.deliveries.clone()));
        let rate = RequestRate::new(limits.requests_per_second, limits.request_burst);
        Handler {
            conn,
            shared,
            service,
            outlet,
            written,
            sink,
            session: None,
            rate,
            last_heard: Instant::now(),
            logged: HashSet::new(),
            ip,
            platform: 0,
            gated: None,
            _permit: permit,
        }
    }

    /// Runs the connection; `span` (the connection's, with its peer) gets
    /// the user at login.
    pub async fn run(mut self, span: tracing::Span) {
        info!("connection opened");
        if self.conn.is_socket() {
            if let Err(why) = self.hello().await {
                info!("connection refused: {}", why.desc);
                return self.conn.close(Some((why.code, why.desc)), None).await;
            }
        }
        let exit = self.serve(&span).await;
        match &exit {
            Exit::PeerClosed => info!("connection closed by the peer"),
            Exit::Broken(_, why) => info!("connection broken: {}", why),
            Exit::Idle => info!("connection closed: silent for {} s", self.shared.config.limits.idle_timeout_secs),
            Exit::Closed(reason) => info!("connection closed: {:?}", reason),
            Exit::ServerStopping => info!("connection closed: the server is stopping"),
            Exit::WriteFailed => info!("connection closed: a write failed"),
        }
        let error = match exit {
            Exit::Broken(code, why) => Some((code, why)),
            _ => None,
        };
        drop(self.session.take());
        self.conn.close(error, Some(&self.outlet)).await;
    }

    async fn hello(&mut self) -> Result<(), Error> {
        let wait = Duration::from_secs(self.shared.config.limits.hello_timeout_secs);
        hello(&mut self.conn, wait, self.service.engine().now()).await
    }

    async fn serve(&mut self, span: &tracing::Span) -> Exit {
        let limits = &self.shared.config.limits;
        let idle = Duration::from_secs(limits.idle_timeout_secs);
        let mut ping = tokio::time::interval(Duration::from_secs(limits.ping_interval_secs));
        ping.tick().await;
        let mut stopping = self.shared.stopping.clone();
        loop {
            tokio::select! {
                decided = async { self.gated.as_mut().expect("guarded").await }, if self.gated.is_some() => {
                    self.gated = None;
                    let (id, key, method, decided) = decided;
                    let reply = self.count(method, self.outlet.reply(id));
                    match (decided, &self.session) {
                        (Ok(request), Some(session)) => session.call(request, key.as_deref(), reply),
                        (Ok(_), None) => reply(Response::error(&err!(NotLoggedIn, "log in before calling"))),
                        (Err(answer), _) => reply(answer),
                    }
                }
                read = self.conn.read(), if self.gated.is_none() => match read {
                    Ok(incoming) => {
                        self.last_heard = Instant::now();
                        self.incoming(incoming, span);
                    }
                    Err(Ended::Closed) => return Exit::PeerClosed,
                    Err(Ended::Broken(code, why)) => return Exit::Broken(code, why),
                },
                out = async { self.written.as_mut().expect("guarded").0.recv().await }, if self.written.is_some() => {
                    let Some(out) = out else { return Exit::WriteFailed };
                    if let Some(exit) = self.write(out).await {
                        return exit;
                    }
                }
                // A relayed client's node pings it and watches for silence.
                _ = ping.tick(), if self.conn.is_socket() => {
                    if self.last_heard.elapsed() > idle {
                        return Exit::Idle;
                    }
                    if self.conn.ping().await.is_err() {
                        return Exit::WriteFailed;
                    }
                }
                _ = stopping.changed() => return Exit::ServerStopping,
            }
        }
    }

    /// Writes `first` and whatever else is queued, then flushes.
    async fn write(&mut self, first: Outbound) -> Option<Exit> {
        let (rx, outbox) = self.written.as_mut()?;
        match self.conn.write_queued(first, rx, outbox).await {
            Ok(None) => None,
            Ok(Some(reason)) => Some(Exit::Closed(reason)),
            Err(_) => Some(Exit::WriteFailed),
        }
    }

    fn incoming(&mut self, incoming: Incoming, span: &tracing::Span) {
        match incoming {
            Incoming::Heartbeat => {}
            Incoming::Unreadable { id, code, desc } => {
                self.refused("unreadable frame", &desc);
                match id {
                    Some(id) => self.outlet.send(ServerFrame::reply(id, Response::error(&Error::new(code, desc))).encode().into()),
                    None => self.outlet.send(ServerFrame::Error { code: code.as_i32(), desc }.encode().into()),
                }
            }
            Incoming::Frame(frame) => self.frame(frame, span),
        }
    }

    fn frame(&mut self, frame: ClientFrame, span: &tracing::Span) {
        match frame {
            ClientFrame::Hello { .. } => {
                let desc = "hello comes once, first".to_string();
                self.refused("second hello", &desc);
                self.outlet.send(ServerFrame::Error { code: Code::InvalidParameters.as_i32(), desc }.encode().into());
            }
            ClientFrame::Login { id, user_id, user_sig, platform, resume_after, kinds, instance } => {
                if let Some(kinds) = kinds {
                    self.sink.listen(&kinds);
                }
                self.platform = platform;
                self.login(id, Login { user_id: &user_id, user_sig: &user_sig, platform, resume_after, ip: Some(self.ip), instance: instance.as_deref() }, span);
            }
            ClientFrame::Call { id, key, request } => {
                let reply = self.counted(&request, self.outlet.reply(id));
                let Some(session) = &self.session else {
                    return reply(Response::error(&err!(NotLoggedIn, "log in before calling")));
                };
                if !self.rate.take() {
                    let limits = &self.shared.config.limits;
                    let e = err!(NetFreqLimit, "at most {} requests a second (bursts of {})", limits.requests_per_second, limits.request_burst);
                    self.refused("request rate", &e.desc);
                    return reply(Response::error(&e));
                }
                let hooks = &self.shared.hooks;
                if hooks.guards(&request) {
                    let (shared, service, user) = (Arc::clone(&self.shared), Arc::clone(&self.service), session.user().to_string());
                    let origin = Origin::client(self.platform, self.ip);
                    let method = (&request).into();
                    self.gated = Some(Box::pin(async move {
                        let decided = shared.hooks.gate(service.engine(), &origin, &user, request).await;
                        (id, key, method, decided)
                    }));
                    return;
                }
                session.call(request, key.as_deref(), reply);
            }
            ClientFrame::Listen { kinds } => self.sink.listen(&kinds),
            ClientFrame::Logout { id } => match self.session.take() {
                Some(session) => session.logout(self.outlet.reply(id)),
                None => self.outlet.reply(id)(Response::ok(serde_json::json!({}))),
            },
        }
    }

    fn login(&mut self, id: u64, login: Login, span: &tracing::Span) {
        if let Some(current) = self.session.as_ref().filter(|s| s.is_live()) {
            let frame = if current.user() == login.user_id {
                ServerFrame::logged_in(id, current.seq(), &self.media_token(current.user()))
            } else {
                ServerFrame::reply(id, Response::error(&err!(InvalidParameters, "already logged in as {}; log out first", current.user())))
            };
            return self.outlet.send(frame.encode().into());
        }
        // The answer goes out before what the session is told first.
        self.sink.hold();
        let sink = Arc::clone(&self.sink) as Arc<dyn crate::event::EventSink>;
        match self.service.login(login, sink) {
            Ok(session) => {
                span.record("user", session.user());
                debug!(seq = session.seq(), resume_after = ?login.resume_after, "logged in");
                self.outlet.send(ServerFrame::logged_in(id, session.seq(), &self.media_token(session.user())).encode().into());
                self.session = Some(session);
            }
            Err(e) => {
                self.refused("login", &format!("{} ({})", e.desc, e.code.as_i32()));
                self.outlet.send(ServerFrame::reply(id, Response::error(&e)).encode().into());
            }
        }
        self.sink.release();
    }

    /// An upload token for `user`'s media files (src/media/tokens.rs).
    fn media_token(&self, user: &str) -> String {
        self.shared.media_tokens.issue(user, crate::engine::Clock::now(&crate::engine::SystemClock))
    }

    /// `reply`, counting its code under the request's method.
    fn counted(&self, request: &Request, reply: Reply) -> Reply {
        self.count(request.into(), reply)
    }

    fn count(&self, method: &'static str, reply: Reply) -> Reply {
        let requests = self.shared.metrics.requests.clone();
        Box::new(move |resp: Response| {
            requests.get_or_create(&RequestLabels { method, code: resp.code }).inc();
            reply(resp)
        })
    }

    /// Logs a refusal at info the first time this connection gets one of its kind.
    fn refused(&mut self, kind: &'static str, why: &str) {
        if self.logged.insert(kind) {
            info!("refused ({}): {}", kind, why);
        } else {
            debug!("refused ({}): {}", kind, why);
        }
    }
}

/// The first frame must be a hello of our protocol version: it is answered
/// with ours and the server's time.
pub async fn hello(conn: &mut Connection, wait: Duration, time: u64) -> Result<(), Error> {
    match tokio::time::timeout(wait, conn.read()).await {
        Ok(Ok(Incoming::Frame(ClientFrame::Hello { protocol, .. }))) if protocol == protocol::VERSION => {
            let server = format!("huddle-server {}", crate::VERSION);
            let hello = ServerFrame::Hello { protocol: protocol::VERSION, server, time };
            conn.send(&hello).await.map_err(|e| err!(InvalidParameters, "cannot answer the hello: {}", e))
        }
        Ok(Ok(Incoming::Frame(ClientFrame::Hello { protocol, .. }))) => {
            Err(err!(InvalidParameters, "protocol version {} is not spoken here; this server speaks {}", protocol, protocol::VERSION))
        }
        Ok(Ok(_)) => Err(err!(InvalidParameters, "the first frame must be a hello")),
        Ok(Err(_)) => Err(err!(InvalidParameters, "the connection ended before its hello")),
        Err(_) => Err(err!(InvalidParameters, "no hello within {} s", wait.as_secs())),
    }
}
