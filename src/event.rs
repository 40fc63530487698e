//! What a session hears, the same whichever transport carries it: group
//! tips, new messages, recalls, conversation and conversation-group events,
//! and news of the session itself (kicked offline, sig expired, network
//! status). Events serialize, so the network carries them as they are.

use std::sync::{Arc, OnceLock};

use bytes::Bytes;
use serde::{Deserialize, Deserializer, Serialize, Serializer};
use serde_json::value::RawValue;

use crate::types::{ConvEvent, ConvGroupEvent};

/// JSON text encoded once and shared by every session it goes to. It is
/// stored NUL-terminated, so a C callback gets it without a copy.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Json(Arc<str>);

impl Json {
    pub fn new(mut text: String) -> Json {
        // serde_json escapes NUL inside strings, so the only NUL is ours.
        text.push('\0');
        Json(text.into())
    }

    pub fn as_str(&self) -> &str {
        &self.0[..self.0.len() - 1]
    }

    /// The text as a NUL-terminated C string, valid while `self` lives.
    pub fn as_ptr(&self) -> *const std::ffi::c_char {
        self.0.as_ptr().cast()
    }
}

/// Embedded as JSON, not as a string holding JSON.
impl Serialize for Json {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let raw = RawValue::from_string(self.as_str().to_string()).map_err(serde::ser::Error::custom)?;
        raw.serialize(s)
    }
}

/// Read through a `Value`: a raw value cannot be read inside the tagged
/// enums that frames and events are.
impl<'de> Deserialize<'de> for Json {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        Ok(Json::new(serde_json::Value::deserialize(d)?.to_string()))
    }
}

/// Tencent's TIMNetworkStatus.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(into = "i32", try_from = "i32")]
pub enum NetworkStatus {
    Connected = 0,
    Disconnected = 1,
    Connecting = 2,
    ConnectFailed = 3,
}

impl From<NetworkStatus> for i32 {
    fn from(s: NetworkStatus) -> i32 {
        s as i32
    }
}

impl TryFrom<i32> for NetworkStatus {
    type Error = String;
    fn try_from(v: i32) -> Result<Self, String> {
        [NetworkStatus::Connected, NetworkStatus::Disconnected, NetworkStatus::Connecting, NetworkStatus::ConnectFailed]
            .into_iter()
            .find(|s| *s as i32 == v)
            .ok_or_else(|| format!("{} is not a network status", v))
    }
}

/// One event. `seq` orders a user's stream: the engine-wide order of the
/// change that caused it, increasing along every session's stream, so that
/// a client that lost its connection asks for everything after the last
/// one it saw. Conversation events are refreshes of a conversation's state
/// and carry the seq of their cause; session news carries none.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum EventBody {
    /// A group tip (an object), and the same tip as a one-message array with a GroupTips elem.
    GroupTip { seq: u64, tip: Json, message: Json },
    /// A one-message array.
    NewMessage { seq: u64, messages: Json },
    /// A one-locator array, for a recalled message.
    MsgRevoked { seq: u64, locators: Json },
    /// A one-message array: an edited message as it is now.
    MsgUpdated { seq: u64, messages: Json },
    /// A one-conversation array: added, deleted or updated.
    Conv { seq: u64, event: ConvEvent, convs: Json },
    ConvGroup { seq: u64, event: ConvGroupEvent, json: Json },
    /// The user's global receive option (Tencent's TIMReceiveMessageOptInfo) after a change.
    AllRecvOpt { seq: u64, info: Json },
    /// A group's attributes changed: all of them now, a JSON array of
    /// `group_attribute_key` and `group_attribute_value`.
    GroupAttributes { seq: u64, group_id: String, attributes: Json },
    /// A group counter's new value.
    GroupCounter { seq: u64, group_id: String, key: String, value: i64 },
    /// Read receipts (Tencent's MessageReceipt array): to a message's
    /// sender, or to a C2C peer when the conversation was read.
    ReadReceipt { seq: u64, receipts: Json },
    /// A message's extensions were set: the message ID and an array of
    /// `message_extension_key` / `_value`.
    ExtensionsChanged { seq: u64, msg_id: String, extensions: Json },
    /// A message's extensions were deleted: an array of `message_extension_key`.
    ExtensionsDeleted { seq: u64, msg_id: String, keys: Json },
    /// Reactions changed (Tencent's MessageReactionChangeInfo array).
    ReactionsChanged { seq: u64, changes: Json },
    /// A group message was pinned or unpinned: the message, and who did it
    /// (a UserProfile).
    GroupPinned { seq: u64, group_id: String, message: Json, pinned: bool, op_user: Json },
    /// The same user logged in elsewhere; this session has ended.
    KickedOffline,
    /// The session's user_sig expired; the session has ended.
    UserSigExpired,
    /// The network transport's connection changed.
    NetworkStatus { status: NetworkStatus, code: i32, desc: String },
}

/// An event as sessions receive it: cheap to clone, so one fan-out shares
/// it, with room for one encoding (the wire frame) made once for everyone.
#[derive(Clone, Debug)]
pub struct Event(Arc<Shared>);

#[derive(Debug)]
struct Shared {
    body: EventBody,
    encoded: OnceLock<Bytes>,
}

impl Event {
    pub fn new(body: EventBody) -> Event {
        Event(Arc::new(Shared { body, encoded: OnceLock::new() }))
    }

    pub fn body(&self) -> &EventBody {
        &self.0.body
    }

    /// The order of the change behind the event; 0 for session news.
    pub fn seq(&self) -> u64 {
        match self.body() {
            EventBody::GroupTip { seq, .. }
            | EventBody::NewMessage { seq, .. }
            | EventBody::MsgRevoked { seq, .. }
            | EventBody::MsgUpdated { seq, .. }
            | EventBody::Conv { seq, .. }
            | EventBody::ConvGroup { seq, .. }
            | EventBody::AllRecvOpt { seq, .. }
            | EventBody::GroupAttributes { seq, .. }
            | EventBody::GroupCounter { seq, .. }
            | EventBody::ReadReceipt { seq, .. }
            | EventBody::ExtensionsChanged { seq, .. }
            | EventBody::ExtensionsDeleted { seq, .. }
            | EventBody::ReactionsChanged { seq, .. }
            | EventBody::GroupPinned { seq, .. } => *seq,
            EventBody::KickedOffline | EventBody::UserSigExpired | EventBody::NetworkStatus { .. } => 0,
        }
    }

    pub fn kind(&self) -> EventKind {
        match self.body() {
            EventBody::GroupTip { .. } => EventKind::GroupTip,
            EventBody::NewMessage { .. } => EventKind::Message,
            EventBody::MsgRevoked { .. } => EventKind::Revoke,
            EventBody::Conv { .. } => EventKind::Conv,
            EventBody::ConvGroup { .. } => EventKind::ConvGroup,
            EventBody::AllRecvOpt { .. } => EventKind::RecvOpt,
            EventBody::GroupAttributes { .. } => EventKind::GroupAttributes,
            EventBody::GroupCounter { .. } => EventKind::GroupCounter,
            EventBody::MsgUpdated { .. }
            | EventBody::ReadReceipt { .. }
            | EventBody::ExtensionsChanged { .. }
            | EventBody::ExtensionsDeleted { .. }
            | EventBody::ReactionsChanged { .. }
            | EventBody::GroupPinned { .. } => EventKind::MsgUpdate,
            EventBody::KickedOffline | EventBody::UserSigExpired | EventBody::NetworkStatus { .. } => EventKind::Session,
        }
    }

    /// Whether a client that saw seq N already has this event when it is
    /// N or below: messages, tips, recalls, edits and conversation-group
    /// events are told once; conversation and receive-option refreshes, a
    /// group's attributes and counters (their state now, read again after a
    /// reconnect), news of messages' receipts, extensions, reactions and
    /// pins (read afresh with the getters), session news and a chat room's
    /// latest messages for a joiner (seq 0) are not counted.
    pub fn counts(&self) -> bool {
        self.seq() > 0
            && match self.kind() {
                EventKind::Conv | EventKind::RecvOpt | EventKind::GroupAttributes | EventKind::GroupCounter | EventKind::Session => false,
                EventKind::MsgUpdate => matches!(self.body(), EventBody::MsgUpdated { .. }),
                EventKind::GroupTip | EventKind::Message | EventKind::Revoke | EventKind::ConvGroup => true,
            }
    }

    /// The event encoded by `encode`, which runs once for all the sessions
    /// that share this event; every later call returns the same bytes.
    pub fn encoded(&self, encode: impl FnOnce(&EventBody) -> String) -> Bytes {
        self.0.encoded.get_or_init(|| Bytes::from(encode(&self.0.body))).clone()
    }
}

/// What a session may not want: events it has no listener for cost nothing.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum EventKind {
    GroupTip,
    Message,
    Revoke,
    Conv,
    ConvGroup,
    /// The global receive option.
    RecvOpt,
    /// Kicked offline, sig expired, network status: always wanted.
    Session,
    GroupAttributes,
    GroupCounter,
    /// Changes to sent messages: edits, read receipts, extensions,
    /// reactions and pins.
    MsgUpdate,
}

impl EventKind {
    /// The kinds a client can ask for or not (`Session` always comes).
    pub const LISTENED: [EventKind; 9] = [
        EventKind::GroupTip,
        EventKind::Message,
        EventKind::Revoke,
        EventKind::Conv,
        EventKind::ConvGroup,
        EventKind::RecvOpt,
        EventKind::GroupAttributes,
        EventKind::GroupCounter,
        EventKind::MsgUpdate,
    ];

    /// The bit of this kind in a set of wanted kinds.
    pub fn bit(self) -> u16 {
        1 << self as u8
    }
}

/// Receives the events of one session. Called with engine locks held, or by
/// a durable engine's commit thread: it must only queue the event, never
/// call back into the engine.
pub trait EventSink: Send + Sync {
    fn deliver(&self, event: Event);

    fn wants(&self, _kind: EventKind) -> bool {
        true
    }
}
