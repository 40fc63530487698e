//! The frames of the client protocol between the SDK's network transport and
//! huddle-server: JSON objects in WebSocket text frames, each with a `type`.
//! docs/protocol.md describes them for people writing a client in another
//! language; the tests hold this file and that one to each other.

use serde::{Deserialize, Serialize};

use crate::error::Code;
use crate::event::{EventBody, EventKind, Json};
use crate::response::Response;
use crate::service::Request;

/// The protocol version the hello frames carry. A client speaking another
/// gets an error frame and the connection closes.
pub const VERSION: u32 = 1;

/// What a client sends.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(tag = "type", rename_all = "snake_case")]
pub enum ClientFrame {
    /// The first frame of every connection.
    Hello { protocol: u32, #[serde(default)] sdk: String },
    /// Starts the session. `resume_after`: the seq of the last event a
    /// client saw before it lost its previous connection; the server sends
    /// what came after first. `kinds`: the events it wants (all when absent).
    Login {
        id: u64,
        user_id: String,
        #[serde(default)]
        user_sig: String,
        #[serde(default)]
        platform: i32,
        #[serde(default)]
        resume_after: Option<u64>,
        #[serde(default)]
        kinds: Option<Vec<EventKind>>,
        /// The client's own random name, the same on each of its logins:
        /// a session of the same client that is still attached (its
        /// connection died unnoticed, or lingers on a dead node) ends
        /// silently, so it cannot act after the client came back.
        #[serde(default)]
        instance: Option<String>,
    },
    /// One call of the C API. `key` makes it idempotent: sent again (after
    /// a lost connection) it gets the answer it got, and runs once.
    Call {
        id: u64,
        #[serde(default)]
        key: Option<String>,
        #[serde(flatten)]
        request: Request,
    },
    /// The events the client has listeners for, from now on.
    Listen { kinds: Vec<EventKind> },
    /// Ends the session; answered after the calls before it.
    Logout { id: u64 },
}

/// A text that is not a client frame: the code it is answered with, and
/// the call it named, if it names one.
#[derive(Clone, Debug, PartialEq)]
pub struct BadFrame {
    pub id: Option<u64>,
    pub code: Code,
    pub desc: String,
}

impl ClientFrame {
    /// Reads a frame from a WebSocket text message: 6027 when it is not
    /// JSON, 6017 when it is not a frame of this version.
    pub fn parse(text: &str) -> Result<ClientFrame, BadFrame> {
        let value: serde_json::Value = serde_json::from_str(text)
            .map_err(|e| BadFrame { id: None, code: Code::InvalidJson, desc: format!("a frame is not JSON: {}", e) })?;
        ClientFrame::deserialize(&value).map_err(|e| BadFrame {
            id: value.get("id").and_then(serde_json::Value::as_u64),
            code: Code::InvalidParameters,
            desc: format!("not a frame of protocol {}: {}", VERSION, e),
        })
    }
}

/// What a server sends.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(tag = "type", rename_all = "snake_case")]
pub enum ServerFrame {
    /// The answer to the client's hello: the server's clock (unix seconds).
    Hello { protocol: u32, server: String, time: u64 },
    /// The answer to a login, call or logout with the same `id`: the code,
    /// sentence and JSON a C callback gets. A login's answer also carries
    /// `seq`, the seq of the latest event, where the client's count of seen
    /// events starts.
    Reply {
        id: u64,
        code: i32,
        desc: String,
        json: Json,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        seq: Option<u64>,
    },
    /// A session event (see `EventBody`).
    Event { event: EventBody },
    /// The connection is refused or ends, and why (a code of the C API).
    Error { code: i32, desc: String },
}

impl ServerFrame {
    pub fn reply(id: u64, resp: Response) -> ServerFrame {
        let json = Json::new(if resp.json.is_empty() { "{}".to_string() } else { resp.json });
        ServerFrame::Reply { id, code: resp.code, desc: resp.desc, json, seq: None }
    }

    /// The answer to a login that started (or is) a session: the session's
    /// upload token for media files (`{"media_token": "..."}`) and the seq.
    pub fn logged_in(id: u64, seq: u64, media_token: &str) -> ServerFrame {
        let json = serde_json::json!({ "media_token": media_token }).to_string();
        ServerFrame::Reply { id, code: 0, desc: String::new(), json: Json::new(json), seq: Some(seq) }
    }

    pub fn encode(&self) -> String {
        serde_json::to_string(self).expect("frames always encode")
    }
}

/// An event's frame, as the server writes it.
pub fn event_frame(event: &EventBody) -> String {
    ServerFrame::Event { event: event.clone() }.encode()
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn frames_read_as_docs_protocol_md_shows_them() {
        let call: ClientFrame = serde_json::from_value(json!({
            "type": "call", "id": 7, "key": "a1-7", "method": "GroupJoin",
            "params": {"group_id": "guild", "hello_msg": "hi"}
        }))
        .unwrap();
        assert_eq!(
            call,
            ClientFrame::Call { id: 7, key: Some("a1-7".into()), request: Request::GroupJoin { group_id: "guild".into(), hello_msg: "hi".into() } }
        );
        let bare: ClientFrame = serde_json::from_value(json!({"type": "call", "id": 8, "method": "GroupGetJoinedGroupList"})).unwrap();
        assert_eq!(bare, ClientFrame::Call { id: 8, key: None, request: Request::GroupGetJoinedGroupList });

        let reply = ServerFrame::reply(7, Response::ok(json!({"group_join_result_status": 0})));
        assert_eq!(
            serde_json::from_str::<serde_json::Value>(&reply.encode()).unwrap(),
            json!({"type": "reply", "id": 7, "code": 0, "desc": "", "json": {"group_join_result_status": 0}})
        );
        let event = EventBody::NewMessage { seq: 9, messages: Json::new(r#"[{"message_msg_id":"m"}]"#.into()) };
        assert_eq!(
            serde_json::from_str::<serde_json::Value>(&event_frame(&event)).unwrap(),
            json!({"type": "event", "event": {"kind": "new_message", "seq": 9, "messages": [{"message_msg_id": "m"}]}})
        );
        let back: ServerFrame = serde_json::from_str(&event_frame(&event)).unwrap();
        assert_eq!(back, ServerFrame::Event { event });
    }
}
