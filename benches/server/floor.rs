//! The floor: the least a WebSocket group-chat server can do. A client's
//! first frame names its room; every text frame after that goes, as is, to
//! every other connection in the room. No JSON beyond the join, no session,
//! no storage, no ordering beyond each connection's queue. It is built on
//! the same tokio-tungstenite as huddle-server (axum wraps it), with the
//! same buffer sizes and the same write batching, so the gap between the two
//! is what Huddle does on top.
//!
//! It runs as a process of its own (the bench binary with `floor`), on a
//! tokio runtime like huddle-server's, so its memory and CPU are measured
//! as a server's are.

use std::collections::HashMap;
use std::process::ExitCode;
use std::sync::Arc;

use futures_util::{SinkExt, StreamExt};
use parking_lot::Mutex;
use tokio::net::{TcpListener, TcpStream};
use tokio::sync::mpsc;
use tokio_tungstenite::tungstenite::protocol::WebSocketConfig;
use tokio_tungstenite::tungstenite::{Message, Utf8Bytes};

/// The floor's one stdout line, before its address.
pub const LISTENING: &str = "floor listening on ws://";

/// Frames written before a flush, as huddle-server's handler does.
const WRITE_BATCH: usize = 64;

type Outlet = mpsc::UnboundedSender<Utf8Bytes>;

/// Rooms by name: each connection's id and queue.
#[derive(Default)]
struct Rooms(Mutex<HashMap<String, Vec<(u64, Outlet)>>>);

impl Rooms {
    fn join(&self, room: &str, id: u64, outlet: Outlet) {
        self.0.lock().entry(room.to_string()).or_default().push((id, outlet));
    }

    fn leave(&self, room: &str, id: u64) {
        let mut rooms = self.0.lock();
        if let Some(members) = rooms.get_mut(room) {
            members.retain(|(member, _)| *member != id);
            if members.is_empty() {
                rooms.remove(room);
            }
        }
    }

    /// Queues `frame` for everyone in `room` but `from`.
    fn fan_out(&self, room: &str, from: u64, frame: &Utf8Bytes) {
        if let Some(members) = self.0.lock().get(room) {
            for (id, outlet) in members {
                if *id != from {
                    let _ = outlet.send(frame.clone());
                }
            }
        }
    }
}

pub fn main() -> ExitCode {
    let runtime = tokio::runtime::Builder::new_multi_thread().enable_all().build().expect("a tokio runtime");
    runtime.block_on(async {
        let listener = TcpListener::bind("127.0.0.1:0").await.expect("a loopback port");
        println!("{}{}", LISTENING, listener.local_addr().expect("the listener's address"));
        let rooms = Arc::new(Rooms::default());
        let mut next_id = 0;
        while let Ok((stream, _)) = listener.accept().await {
            next_id += 1;
            tokio::spawn(serve(stream, next_id, Arc::clone(&rooms)));
        }
    });
    ExitCode::FAILURE
}

async fn serve(stream: TcpStream, id: u64, rooms: Arc<Rooms>) {
    let _ = stream.set_nodelay(true);
    let config = WebSocketConfig::default().read_buffer_size(4096).write_buffer_size(16 * 1024);
    let Ok(ws) = tokio_tungstenite::accept_async_with_config(stream, Some(config)).await else { return };
    let (mut sink, mut stream) = ws.split();
    // The first text frame, {"type":"join","room":"..."}, places the
    // connection; until then it is held, and pings are answered as it reads.
    let room = loop {
        match stream.next().await {
            Some(Ok(Message::Text(join))) => match serde_json::from_str::<serde_json::Value>(join.as_str()) {
                Ok(v) if v["type"] == "join" && v["room"].is_string() => break v["room"].as_str().unwrap_or_default().to_string(),
                _ => return,
            },
            Some(Ok(_)) => continue,
            _ => return,
        }
    };
    let (outlet, mut queue) = mpsc::unbounded_channel();
    rooms.join(&room, id, outlet);
    if sink.send(Message::text(r#"{"type":"joined"}"#)).await.is_ok() {
        loop {
            tokio::select! {
                read = stream.next() => match read {
                    Some(Ok(Message::Text(frame))) => rooms.fan_out(&room, id, &frame),
                    Some(Ok(Message::Close(_))) | Some(Err(_)) | None => break,
                    Some(Ok(_)) => {}
                },
                Some(first) = queue.recv() => {
                    let mut next = Some(first);
                    let mut fed = Ok(());
                    for _ in 0..WRITE_BATCH {
                        let Some(frame) = next.take().or_else(|| queue.try_recv().ok()) else { break };
                        fed = sink.feed(Message::Text(frame)).await;
                        if fed.is_err() {
                            break;
                        }
                    }
                    if fed.is_err() || sink.flush().await.is_err() {
                        break;
                    }
                }
            }
        }
    }
    rooms.leave(&room, id);
}
