//! One client connection: WebSocket messages in, client frames out, and the
//! ordered queue of what the connection's session is told (replies and
//! events), which the engine fills from any thread. Nothing above this
//! module sees bytes.

use std::sync::atomic::{AtomicBool, AtomicU8, Ordering};
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

/// The socket, split so that reading and writing proceed side by side.
pub struct Connection {
    sink: SplitSink<WebSocket, Message>,
    stream: SplitStream<WebSocket>,
}

impl Connection {
    pub fn new(socket: WebSocket) -> Connection {
        let (sink, stream) = socket.split();
        Connection { sink, stream }
    }

    /// The next frame; `Err` when the connection is over.
    pub async fn read(&mut self) -> Result<Incoming, Ended> {
        match self.stream.next().await {
            None | Some(Ok(Message::Close(_))) => Err(Ended::Closed),
            Some(Err(e)) => {
                let desc = e.to_string();
                let too_large = e.into_inner().downcast_ref::<tokio_tungstenite::tungstenite::Error>().is_some_and(|e| {
                    matches!(e, tokio_tungstenite::tungstenite::Error::Capacity(_))
                });
                Err(Ended::Broken(if too_large { Code::NetPkgSizeLimit } else { Code::InvalidParameters }, desc))
            }
            Some(Ok(Message::Ping(_) | Message::Pong(_))) => Ok(Incoming::Heartbeat),
            Some(Ok(Message::Binary(_))) => {
                Ok(Incoming::Unreadable { id: None, code: Code::InvalidJson, desc: "frames are JSON text, not binary".into() })
            }
            Some(Ok(Message::Text(text))) => Ok(parse(text.as_str())),
        }
    }

    /// Queues a frame for writing; `flush` sends what is queued.
    pub async fn feed(&mut self, frame: Bytes) -> Result<(), axum::Error> {
        let text = Utf8Bytes::try_from(frame).expect("frames are encoded from Rust strings");
        self.sink.feed(Message::Text(text)).await
    }

    pub async fn flush(&mut self) -> Result<(), axum::Error> {
        self.sink.flush().await
    }

    pub async fn send(&mut self, frame: &ServerFrame) -> Result<(), axum::Error> {
        self.feed(frame.encode().into()).await?;
        self.flush().await
    }

    pub async fn ping(&mut self) -> Result<(), axum::Error> {
        self.sink.send(Message::Ping(Bytes::new())).await
    }

    /// Says why the connection ends, then closes it.
    pub async fn close(mut self, error: Option<(Code, String)>) {
        if let Some((code, desc)) = error {
            let _ = self.send(&ServerFrame::Error { code: code.as_i32(), desc }).await;
        }
        let _ = self.sink.send(Message::Close(None)).await;
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

#[derive(Clone, Copy, Debug)]
pub enum CloseReason {
    Kicked,
    SigExpired,
    /// The peer does not read: its queue passed `max_pending_bytes`.
    TooFarBehind,
}

/// The ordered queue of one connection, fed from any thread.
#[derive(Clone)]
pub struct Outlet {
    tx: mpsc::UnboundedSender<Outbound>,
    outbox: Arc<Outbox>,
}

impl Outlet {
    pub fn new(max_pending_bytes: usize) -> (Outlet, mpsc::UnboundedReceiver<Outbound>, Arc<Outbox>) {
        let (tx, rx) = mpsc::unbounded_channel();
        let outbox = Arc::new(Outbox::new(max_pending_bytes));
        (Outlet { tx, outbox: Arc::clone(&outbox) }, rx, outbox)
    }

    pub fn send(&self, frame: Bytes) {
        let _ = match self.outbox.admit(frame.len()) {
            Admit::Yes => self.tx.send(Outbound::Frame(frame)),
            Admit::JustFull => self.tx.send(Outbound::Close(CloseReason::TooFarBehind)),
            Admit::Full => Ok(()),
        };
    }

    pub fn close(&self, reason: CloseReason) {
        let _ = self.tx.send(Outbound::Close(reason));
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
    /// `EventKind::bit`s of what the client listens for.
    wanted: AtomicU8,
    /// While a login is being answered, events wait here, so the answer
    /// goes out before the events that follow it.
    holding: AtomicBool,
    held: Mutex<Vec<Event>>,
}

impl ConnSink {
    pub fn new(outlet: Outlet) -> ConnSink {
        let all = EventKind::LISTENED.iter().fold(EventKind::Session.bit(), |bits, k| bits | k.bit());
        ConnSink { outlet, wanted: AtomicU8::new(all), holding: AtomicBool::new(false), held: Mutex::new(Vec::new()) }
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
