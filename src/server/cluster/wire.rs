//! What cluster nodes say to each other over NATS. Subjects, under
//! `huddle.<sdk_app_id>`:
//!
//! - `.in.<node>`: from a node to the leader, its clients' frames (`Inbound`);
//! - `.out.<node>`: from the leader to a node, frames for its clients (`Outbound`);
//! - `.leader`: the leader's heartbeat (`LeaderBeat`), every second;
//! - `.alive.<node>`: every other node's heartbeat;
//! - `.rest`: REST requests a node forwards to the leader (request and reply).
//!
//! A message is a JSON header line, then the frame's bytes as they are:
//! frames are already JSON, and are not escaped a second time.

use bytes::{BufMut, Bytes, BytesMut};
use serde::{Deserialize, Serialize};

use super::super::connection::CloseReason;

pub fn subject(prefix: &str, kind: &str, node: &str) -> String {
    format!("{}.{}.{}", prefix, kind, node)
}

/// A client of a node, as the leader hears of it.
#[derive(Debug, Serialize, Deserialize)]
#[serde(tag = "op", rename_all = "snake_case")]
pub enum Inbound {
    /// A client said hello; the body is empty.
    Open { conn: u64, ip: String },
    /// A frame of the client's; the body is its text.
    Frame { conn: u64 },
    /// The client is gone.
    Gone { conn: u64 },
}

/// What the leader sends a node.
#[derive(Debug, Serialize, Deserialize)]
#[serde(tag = "op", rename_all = "snake_case")]
pub enum Outbound {
    /// The body is one frame, for each of these clients (a fan-out is one message).
    Frames { to: Vec<u64> },
    /// Write what came before, then close the client's connection.
    Close { conn: u64, reason: CloseReason },
}

#[derive(Debug, Serialize, Deserialize)]
pub struct LeaderBeat {
    pub node: String,
    pub epoch: i64,
}

/// A REST request a node forwards to the leader.
#[derive(Debug, Serialize, Deserialize)]
pub struct RestCall {
    pub path: String,
    pub query: std::collections::HashMap<String, String>,
    pub ip: String,
}

pub fn encode<H: Serialize>(header: &H, body: &[u8]) -> Bytes {
    let head = serde_json::to_vec(header).expect("headers always encode");
    let mut out = BytesMut::with_capacity(head.len() + 1 + body.len());
    out.put_slice(&head);
    out.put_u8(b'\n');
    out.put_slice(body);
    out.freeze()
}

/// The header and the body of a message; `None` for one that is not ours.
pub fn decode<H: for<'de> Deserialize<'de>>(message: &Bytes) -> Option<(H, Bytes)> {
    let split = message.iter().position(|b| *b == b'\n')?;
    let header = serde_json::from_slice(&message[..split]).ok()?;
    Some((header, message.slice(split + 1..)))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_message_is_its_header_then_the_frame_untouched() {
        let frame = br#"{"type":"event","body":"a\nb"}"#;
        let message = encode(&Outbound::Frames { to: vec![1, 2] }, frame);
        let (header, body): (Outbound, Bytes) = decode(&message).unwrap();
        assert!(matches!(header, Outbound::Frames { to } if to == [1, 2]));
        assert_eq!(&body[..], frame);
        assert!(decode::<Outbound>(&Bytes::from_static(b"no header")).is_none());
    }
}
