//! One client connection: WebSocket messages in, client frames out, and the
//! ordered queue of what the connection's session is told (replies and
//! events), which the engine fills from any thread. Nothing above this
//! module sees bytes.

use std::sync::atomic::{AtomicBool, AtomicU16, Ordering};
use std::sync::Arc;

use axum::extract::ws::{Message, Utf8Bytes, WebSocket};
use bytes::Bytes;
use futures_util::stream::{SplitSink, SplitStream};
use futures_util::{SinkExt, StreamExt};
use parking_lot::Mutex;
use tokio::sync::mpsc;

use crate::error::Code;
use crate::event::{Event, EventBody, EventKind, EventSink};
use crate::protocol::{self, ClientFrame, ServerFrame};
use crate::response::{Reply, Response};

use super::limits::{Admit, Outbox};

/// Frames written before a flush, so one slow socket write carries many.
const WRITE_BATCH: usize = 64;

/// What a connection reads.
pub enum Incoming {
    Frame(ClientFrame),
    /// A frame that is not a client frame: answered with `code`, to the call
    /// `id` when it names one, and the connection goes on.
    Unreadable { id: Option<u64>, code: Code, desc: String },
    /// A ping, a pong: proof the peer is there.
    Heartbeat,
}

/// Why a connection stops reading.
pub enum Ended {
    Closed,
    /// The peer sent a frame over the size limit (9522), or broke the protocol.
    Broken(Code, String),
}

/// Where a connection's frames come from: a WebSocket, split so that reading
/// and writing proceed side by side; or, on a cluster's leader, a client of
/// another node whose frames that node relays (`cluster`), which answers
/// pings and watches for silence itself.
pub enum Connection {
    Socket { sink: SplitSink<WebSocket, Message>, stream: SplitStream<WebSocket> },
    Relayed(mpsc::UnboundedReceiver<Relayed>),
}

/// What a relaying node says of its client.
pub enum Relayed {
    /// A frame's text, as the client sent it.
    Text(String),
    /// The client is gone.
    Gone,
}

impl Connection {
    pub fn new(socket: WebSocket) -> Connection {
        let (sink, stream) = socket.split();
        Connection::Socket { sink, stream }
    }

    pub fn is_socket(&self) -> bool {
        matches!(self, Connection::Socket { .. })
    }

    /// The next frame; `Err` when the connection is over.
    pub async fn read(&mut self) -> Result<Incoming, Ended> {
        match self {
            Connection::Socket { stream, .. } => Ok(match read_text(stream).await? {
                Raw::Text(text) => parse(&text),
                Raw::Heartbeat => Incoming::Heartbeat,
                Raw::Binary => Incoming::Unreadable { id: None, code: Code::InvalidJson, desc: "frames are JSON text, not binary".into() },
            }),
            Connection::Relayed(frames) => match frames.recv().await {
                Some(Relayed::Text(text)) => Ok(parse(&text)),
                Some(Relayed::Gone) | None => Err(Ended::Closed),
            },
        }
    }

    /// The next message as it came, for a node that relays it unread.
    pub async fn read_raw(&mut self) -> Result<Raw, Ended> {
        match self {
            Connection::Socket { stream, .. } => read_text(stream).await,
            Connection::Relayed(_) => Err(Ended::Closed),
        }
    }

    /// Queues a frame for writing; `flush` sends what is queued.
    pub async fn feed(&mut self, frame: Bytes) -> Result<(), axum::Error> {
        match self {
            Connection::Socket { sink, .. } => {
                let text = Utf8Bytes::try_from(frame).expect("frames are encoded from Rust strings");
                sink.feed(Message::Text(text)).await
            }
            // A relayed connection's frames go through its outlet, never here.
            Connection::Relayed(_) => Ok(()),
        }
    }

    pub async fn flush(&mut self) -> Result<(), axum::Error> {
        match self {
            Connection::Socket { sink, .. } => sink.flush().await,
            Connection::Relayed(_) => Ok(()),
        }
    }

    /// Writes `first` and what else is queued in `rx` (up to `WRITE_BATCH`
    /// frames, so one slow socket write carries many), then flushes; a
    /// queued close ends the batch and is returned.
    pub async fn write_queued(&mut self, first: Outbound, rx: &mut mpsc::UnboundedReceiver<Outbound>, outbox: &Outbox) -> Result<Option<CloseReason>, axum::Error> {
        let mut next = Some(first);
        for _ in 0..WRITE_BATCH {
            let Some(out) = next.take().or_else(|| rx.try_recv().ok()) else { break };
            match out {
                Outbound::Frame(frame) => {
                    outbox.written(frame.len());
                    self.feed(frame).await?;
                }
                Outbound::Close(reason) => {
                    let _ = self.flush().await;
                    return Ok(Some(reason));
                }
            }
        }
        self.flush().await.map(|()| None)
    }

    pub async fn send(&mut self, frame: &ServerFrame) -> Result<(), axum::Error> {
        self.send_raw(frame.encode().into()).await
    }

    /// Writes an encoded frame at once.
    pub async fn send_raw(&mut self, frame: Bytes) -> Result<(), axum::Error> {
        self.feed(frame).await?;
        self.flush().await
    }

    pub async fn ping(&mut self) -> Result<(), axum::Error> {
        match self {
            Connection::Socket { sink, .. } => sink.send(Message::Ping(Bytes::new())).await,
            Connection::Relayed(_) => Ok(()),
        }
    }

    /// Says why the connection ends, then closes it (a relayed one through
    /// `outlet`, which its node reads).
    pub async fn close(self, error: Option<(Code, String)>, outlet: Option<&Outlet>) {
        match self {
            Connection::Socket { mut sink, .. } => {
                if let Some((code, desc)) = error {
                    let frame = ServerFrame::Error { code: code.as_i32(), desc }.encode();
                    let _ = sink.send(Message::Text(frame.into())).await;
                }
                let _ = sink.send(Message::Close(None)).await;
            }
            Connection::Relayed(_) => {
                if let Some(outlet) = outlet {
                    if let Some((code, desc)) = error {
                        outlet.send(ServerFrame::Error { code: code.as_i32(), desc }.encode().into());
                    }
                    outlet.close(CloseReason::Ended);
                }
            }
        }
    }
}

/// A message as read, before parsing.
pub enum Raw {
    Text(String),
    Binary,
    Heartbeat,
}

async fn read_text(stream: &mut SplitStream<WebSocket>) -> Result<Raw, Ended> {
    match stream.next().await {
        None | Some(Ok(Message::Close(_))) => Err(Ended::Closed),
        Some(Err(e)) => {
            let desc = e.to_string();
            let too_large = e.into_inner().downcast_ref::<tokio_tungstenite::tungstenite::Error>().is_some_and(|e| {
                matches!(e, tokio_tungstenite::tungstenite::Error::Capacity(_))
            });
            Err(Ended::Broken(if too_large { Code::NetPkgSizeLimit } else { Code::InvalidParameters }, desc))
        }
        Some(Ok(Message::Ping(_) | Message::Pong(_))) => Ok(Raw::Heartbeat),
        Some(Ok(Message::Binary(_))) => Ok(Raw::Binary),
        Some(Ok(Message::Text(text))) => Ok(Raw::Text(text.as_str().to_string())),
    }
}

fn parse(text: &str) -> Incoming {
    match ClientFrame::parse(text) {
        Ok(frame) => Incoming::Frame(frame),
        Err(bad) => Incoming::Unreadable { id: bad.id, code: bad.code, desc: bad.desc },
    }
}

/// What the connection task is handed.
pub enum Outbound {
    Frame(Bytes),
    /// Write what came before, then end the connection for this reason.
    Close(CloseReason),
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub enum CloseReason {
    Kicked,
    SigExpired,
    /// The peer does not read: its queue passed `max_pending_bytes`.
    TooFarBehind,
    /// The connection's handler ended (on a cluster's leader, for a relayed client).
    Ended,
}

/// The ordered queue of one connection, fed from any thread: a socket's
/// writer task, or, for a client a cluster node relays, that node's queue.
#[derive(Clone)]
pub enum Outlet {
    Socket { tx: mpsc::UnboundedSender<Outbound>, outbox: Arc<Outbox> },
    Relayed { node: Arc<super::cluster::NodeOut>, conn: u64 },
}

impl Outlet {
    pub fn new(max_pending_bytes: usize) -> (Outlet, mpsc::UnboundedReceiver<Outbound>, Arc<Outbox>) {
        let (tx, rx) = mpsc::unbounded_channel();
        let outbox = Arc::new(Outbox::new(max_pending_bytes));
        (Outlet::Socket { tx, outbox: Arc::clone(&outbox) }, rx, outbox)
    }

    pub fn send(&self, frame: Bytes) {
        match self {
            Outlet::Socket { tx, outbox } => {
                let _ = match outbox.admit(frame.len()) {
                    Admit::Yes => tx.send(Outbound::Frame(frame)),
                    Admit::JustFull => tx.send(Outbound::Close(CloseReason::TooFarBehind)),
                    Admit::Full => Ok(()),
                };
            }
            Outlet::Relayed { node, conn } => node.send(*conn, Outbound::Frame(frame)),
        }
    }

    pub fn close(&self, reason: CloseReason) {
        match self {
            Outlet::Socket { tx, .. } => {
                let _ = tx.send(Outbound::Close(reason));
            }
            Outlet::Relayed { node, conn } => node.send(*conn, Outbound::Close(reason)),
        }
    }

    /// A reply to call `id`, queued in order with the events.
    pub fn reply(&self, id: u64) -> Reply {
        let outlet = self.clone();
        Box::new(move |resp: Response| outlet.send(ServerFrame::reply(id, resp).encode().into()))
    }
}

/// The session's events, as the engine hands them over: encoded once per
/// event for every connection that gets it, then queued.
pub struct ConnSink {
    outlet: Outlet,
    /// Counts what is queued for clients (`huddle_deliveries`).
    deliveries: prometheus_client::metrics::counter::Counter,
    /// `EventKind::bit`s of what the client listens for.
    wanted: AtomicU16,
    /// While a login is being answered, events wait here, so the answer
    /// goes out before the events that follow it.
    holding: AtomicBool,
    held: Mutex<Vec<Event>>,
}

impl ConnSink {
    pub fn new(outlet: Outlet, deliveries: prometheus_client::metrics::counter::Counter) -> ConnSink {
        let all = EventKind::LISTENED.iter().fold(EventKind::Session.bit(), |bits, k| bits | k.bit());
        ConnSink { outlet, deliveries, wanted: AtomicU16::new(all), holding: AtomicBool::new(false), held: Mutex::new(Vec::new()) }
    }

    pub fn listen(&self, kinds: &[EventKind]) {
        let bits = kinds.iter().fold(EventKind::Session.bit(), |bits, k| bits | k.bit());
        self.wanted.store(bits, Ordering::Release);
    }

    /// Holds events back until `release`.
    pub fn hold(&self) {
        self.holding.store(true, Ordering::Release);
    }

    /// Sends what was held, then lets events through: a delivery racing
    /// with this waits for the lock, so nothing overtakes a held event.
    pub fn release(&self) {
        let mut held = self.held.lock();
        for event in held.drain(..) {
            self.send(event);
        }
        self.holding.store(false, Ordering::Release);
    }

    fn send(&self, event: Event) {
        self.deliveries.inc();
        self.outlet.send(event.encoded(protocol::event_frame));
        match event.body() {
            EventBody::KickedOffline => self.outlet.close(CloseReason::Kicked),
            EventBody::UserSigExpired => self.outlet.close(CloseReason::SigExpired),
            _ => {}
        }
    }
}

impl EventSink for ConnSink {
    fn deliver(&self, event: Event) {
        if self.holding.load(Ordering::Acquire) {
            let mut held = self.held.lock();
            // Released meanwhile: the queue is in order again.
            if self.holding.load(Ordering::Acquire) {
                held.push(event);
                return;
            }
        }
        self.send(event);
    }

    fn wants(&self, kind: EventKind) -> bool {
        self.wanted.load(Ordering::Acquire) & kind.bit() != 0
    }
}
