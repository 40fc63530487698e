//! The load client: one path for the three servers. A member connects and
//! logs in (`Conn`), enters a room, then splits into a `Writer` that sends
//! messages and pings and a `Reader` whose every byte goes through the same
//! token scanner, whatever the protocol.

use std::net::{IpAddr, SocketAddr};

use bytes::{Bytes, BytesMut};
use futures_util::stream::{SplitSink, SplitStream};
use futures_util::{SinkExt, StreamExt};
use serde_json::{json, Value};
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::tcp::{OwnedReadHalf, OwnedWriteHalf};
use tokio::net::{TcpSocket, TcpStream};
use tokio_tungstenite::tungstenite::protocol::WebSocketConfig;
use tokio_tungstenite::tungstenite::Message;
use tokio_tungstenite::WebSocketStream;

use crate::servers::{Protocol, Target};
use crate::xmpp;

type Ws = WebSocketStream<TcpStream>;

/// A logged-in connection, not yet split.
pub enum Conn {
    /// Boxed: a WebSocket stream is many times the size of an XMPP session.
    Ws { ws: Box<Ws>, protocol: Protocol, next_id: u64 },
    Xmpp(xmpp::Session),
}

/// Connects member `i` (to its node of a cluster) from `source` (a loopback
/// address of its own, so that 20,000 connections do not run out of
/// ephemeral ports) and logs in as `user`.
pub async fn connect(target: &Target, i: usize, user: &str, source: IpAddr) -> Result<Conn, String> {
    let addr = target.addr(i);
    let socket = TcpSocket::new_v4().map_err(|e| format!("a socket: {}", e))?;
    socket.bind(SocketAddr::new(source, 0)).map_err(|e| format!("bind {}: {}", source, e))?;
    let stream = socket.connect(addr).await.map_err(|e| format!("connect to {}: {}", addr, e))?;
    stream.set_nodelay(true).map_err(|e| format!("nodelay: {}", e))?;
    if target.protocol == Protocol::Xmpp {
        return Ok(Conn::Xmpp(xmpp::Session::login(stream).await?));
    }
    // Small buffers, as the servers have: the bench holds 20,000 of these.
    let config = WebSocketConfig::default().read_buffer_size(4096).write_buffer_size(0);
    let url = format!("ws://{}/", addr);
    let (ws, _) = tokio_tungstenite::client_async_with_config(url, stream, Some(config)).await.map_err(|e| format!("websocket: {}", e))?;
    let mut conn = Conn::Ws { ws: Box::new(ws), protocol: target.protocol, next_id: 1 };
    if target.protocol == Protocol::Huddle {
        conn.ask(json!({"type": "hello", "protocol": 1}), None).await?;
        // Only messages are pushed: no group tips of every join to everyone.
        conn.ask(json!({"type": "login", "id": 0, "user_id": user, "user_sig": "", "platform": 0, "kinds": ["message"]}), Some(0)).await?;
    }
    Ok(conn)
}

impl Conn {
    /// Enters `room` (a Meeting group: anyone joins; an XMPP multi-user chat
    /// room; a floor room) as `user`; the room's first member `creates` it.
    pub async fn enter(&mut self, room: &str, user: &str, creates: bool) -> Result<(), String> {
        match self {
            Conn::Xmpp(session) => session.join(room, user, creates).await,
            Conn::Ws { protocol: Protocol::Floor, .. } => self.ask(json!({"type": "join", "room": room}), None).await,
            Conn::Ws { .. } if creates => {
                let params = json!({"create_group_param_group_id": room, "create_group_param_group_name": room, "create_group_param_group_type": 2});
                self.call("GroupCreate", params).await
            }
            Conn::Ws { .. } => self.call("GroupJoin", json!({"group_id": room, "hello_msg": ""})).await,
        }
    }

    async fn call(&mut self, method: &str, params: Value) -> Result<(), String> {
        let Conn::Ws { next_id, .. } = self else { unreachable!("calls are Huddle's") };
        let id = *next_id;
        *next_id += 1;
        self.ask(json!({"type": "call", "id": id, "method": method, "params": params}), Some(id)).await
    }

    /// Sends `frame` and reads until its answer: the reply with `id` (which
    /// must succeed), or the first frame when there is no id.
    async fn ask(&mut self, frame: Value, id: Option<u64>) -> Result<(), String> {
        let Conn::Ws { ws, .. } = self else { unreachable!("frames are WebSocket's") };
        ws.send(Message::text(frame.to_string())).await.map_err(|e| format!("send {}: {}", frame, e))?;
        loop {
            let answer = match ws.next().await {
                Some(Ok(Message::Text(text))) => text,
                Some(Ok(_)) => continue,
                other => return Err(format!("no answer to {}: {:?}", frame, other)),
            };
            let answer: Value = serde_json::from_str(answer.as_str()).map_err(|e| format!("{}: {}", answer, e))?;
            match id {
                None => return Ok(()),
                Some(id) if answer["type"] == "reply" && answer["id"] == id => {
                    return if answer["code"] == 0 { Ok(()) } else { Err(format!("{} was refused: {}", frame, answer)) };
                }
                Some(_) => continue,
            }
        }
    }

    /// The halves of a member named `user` in `room`.
    pub fn split(self, room: &str, user: &str) -> (Writer, Reader) {
        match self {
            Conn::Ws { ws, next_id, .. } => {
                let (sink, stream) = (*ws).split();
                (Writer::Ws { sink, room: room.to_string(), user: user.to_string(), next_id }, Reader::Ws(stream))
            }
            Conn::Xmpp(session) => {
                let (read, write) = session.stream.into_split();
                let buf = BytesMut::from(&session.pending[..]);
                (Writer::Xmpp { half: write, room: room.to_string() }, Reader::Xmpp { half: read, buf })
            }
        }
    }
}

/// Sends into the member's room.
pub enum Writer {
    Ws { sink: SplitSink<Ws, Message>, room: String, user: String, next_id: u64 },
    Xmpp { half: OwnedWriteHalf, room: String },
}

impl Writer {
    /// One text message, written at once (one write per message, as a chat
    /// client sends). Huddle and the floor get the same frame, a MsgSend
    /// call; the floor passes it on as it is.
    pub async fn send(&mut self, text: &str) -> Result<(), String> {
        match self {
            Writer::Ws { sink, room, user, next_id } => {
                let id = *next_id;
                *next_id += 1;
                let frame = json!({"type": "call", "id": id, "method": "MsgSend", "params": {
                    "conv": {"conv_type": 2, "conv_id": room},
                    "msg_id": format!("{}-{}", user, id),
                    "param": {"message_elem_array": [{"elem_type": 0, "text_elem_content": text}]}
                }});
                sink.send(Message::text(frame.to_string())).await.map_err(|e| format!("send: {}", e))
            }
            Writer::Xmpp { half, room } => half.write_all(xmpp::message(room, text).as_bytes()).await.map_err(|e| format!("send: {}", e)),
        }
    }

    /// A ping the server answers: a WebSocket ping, an XMPP ping.
    pub async fn ping(&mut self) -> Result<(), String> {
        match self {
            Writer::Ws { sink, .. } => sink.send(Message::Ping(Bytes::new())).await,
            Writer::Xmpp { half, .. } => return half.write_all(xmpp::ping().as_bytes()).await.map_err(|e| format!("ping: {}", e)),
        }
        .map_err(|e| format!("ping: {}", e))
    }
}

/// What a member reads.
pub enum Incoming {
    /// Bytes to scan for tokens.
    Data(Bytes),
    Pong,
    Closed,
}

pub enum Reader {
    Ws(SplitStream<Ws>),
    /// `buf` starts with what setup had read past its last step.
    Xmpp { half: OwnedReadHalf, buf: BytesMut },
}

impl Reader {
    /// The next thing the server sent; an `Err` when it refused something
    /// (a Huddle reply with an error code, an error frame or stanza).
    pub async fn next(&mut self) -> Result<Incoming, String> {
        match self {
            Reader::Ws(stream) => loop {
                return match stream.next().await {
                    Some(Ok(Message::Text(text))) => {
                        let refused = text.starts_with(r#"{"type":"error""#)
                            || (text.starts_with(r#"{"type":"reply""#) && !text.contains(r#""code":0,"#));
                        if refused {
                            return Err(format!("the server refused: {}", text.as_str()));
                        }
                        Ok(Incoming::Data(Bytes::from(text)))
                    }
                    Some(Ok(Message::Pong(_))) => Ok(Incoming::Pong),
                    Some(Ok(Message::Close(_))) | None => Ok(Incoming::Closed),
                    // Pings are answered by tungstenite as it reads.
                    Some(Ok(_)) => continue,
                    Some(Err(e)) => Err(format!("read: {}", e)),
                };
            },
            Reader::Xmpp { half, buf } => {
                if buf.is_empty() {
                    buf.reserve(16 * 1024);
                    if half.read_buf(buf).await.map_err(|e| format!("read: {}", e))? == 0 {
                        return Ok(Incoming::Closed);
                    }
                }
                let data = buf.split().freeze();
                if xmpp::find(&data, xmpp::ERROR).is_some() {
                    return Err(format!("ejabberd refused: {}", String::from_utf8_lossy(&data)));
                }
                if xmpp::find(&data, xmpp::PING_ID).is_some() {
                    return Ok(Incoming::Pong);
                }
                Ok(Incoming::Data(data))
            }
        }
    }
}
