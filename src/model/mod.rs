//! The records the engine keeps and the store persists.

mod app_event;
mod attributes;
mod tip;

use std::collections::{BTreeMap, BTreeSet};

use serde::{Deserialize, Serialize};

pub use app_event::{AppEvent, AppEventKind, AppEventKinds, Origin, OutboxEntry};
pub use attributes::{GroupAttribute, GroupCounter};
pub use tip::{Audience, GroupChange, MarkChange, MemberChange, OpMemberInfo, OpUserInfo, Tip};

use crate::types::{AddOption, ConvType, GroupState, GroupType, MsgFlag, MsgStatus, PendencyType, ReportType, Role};

/// A group's profile: everything but its members.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct GroupProfile {
    pub id: String,
    pub group_type: GroupType,
    pub name: String,
    pub introduction: String,
    pub notification: String,
    pub face_url: String,
    pub add_option: AddOption,
    /// The group's own cap; never above its type's.
    pub max_member_num: u32,
    /// Empty when nobody owns the group (a Work group whose owner quit).
    pub owner: String,
    pub create_time: u64,
    /// Bumped on every profile change.
    pub info_seq: u64,
    pub last_info_time: u64,
    pub shutup_all: bool,
    pub custom: BTreeMap<String, String>,
    pub mute_allowlist: BTreeSet<String>,
    /// Users kicked with a ban, and the time (s) until which they cannot rejoin.
    pub bans: BTreeMap<String, u64>,
    /// The join sequence the next member gets; member paging follows it.
    pub next_join_seq: u64,
    /// The group's attributes by key (`HuddleGroupSetGroupAttributes`).
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub attributes: BTreeMap<String, String>,
    /// The group's counters by key (`HuddleGroupSetGroupCounters`).
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub counters: BTreeMap<String, i64>,
    /// Communities only: whether topics may be created in it
    /// (`create_group_param_is_support_topic`).
    #[serde(default)]
    pub support_topic: bool,
    /// A community's topics by topic ID. They live in the profile: few,
    /// small, and gone with the community.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub topics: BTreeMap<String, Topic>,
    /// Pinned messages, oldest pin first (`HuddlePinGroupMessage`).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub pinned: Vec<Pin>,
}

/// A topic: a channel of a community with its own messages, whose members
/// are the community's. Its ID is the community's ID, `@TOPIC#_` and a
/// suffix, as Tencent forms it; its messages are a group thread of that ID.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Topic {
    pub id: String,
    pub name: String,
    #[serde(default)]
    pub introduction: String,
    #[serde(default)]
    pub notification: String,
    #[serde(default)]
    pub face_url: String,
    /// Everyone but the community's owner and admins is muted in it.
    #[serde(default)]
    pub all_muted: bool,
    #[serde(default)]
    pub custom_string: String,
    pub create_time: u64,
}

/// A pinned group message: which, who pinned it and when.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Pin {
    pub seq: u64,
    pub by: String,
    pub time: u64,
}

/// One member of one group.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Member {
    pub user_id: String,
    pub role: Role,
    pub join_time: u64,
    pub join_seq: u64,
    pub name_card: String,
    /// Muted until this time (s); 0 or a past time means not muted.
    pub shutup_until: u64,
    pub msg_flag: MsgFlag,
    pub custom: BTreeMap<String, String>,
    /// The app's marks on this member (`HuddleGroupMarkGroupMemberList`).
    #[serde(default, skip_serializing_if = "BTreeSet::is_empty")]
    pub marks: BTreeSet<u32>,
}

/// How a handled request was answered.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Handling {
    pub accepted: bool,
    pub by: String,
    pub msg: String,
    pub time: u64,
}

/// A request waiting for (or given) an answer.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Pendency {
    pub id: u64,
    pub group_id: String,
    pub pendency_type: PendencyType,
    /// Who asked.
    pub from: String,
    /// Who is asked; empty means the group's owner and admins.
    pub to: String,
    pub add_time: u64,
    pub msg: String,
    pub handled: Option<Handling>,
}

/// Per-user state that belongs to no group.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct UserMeta {
    pub user_id: String,
    /// Pendencies added at or before this time count as read.
    pub pendency_read_time: u64,
    /// The user's conversation groups, in creation order.
    #[serde(default)]
    pub conv_groups: Vec<String>,
    /// The latest conversation-group events, oldest first, for sessions
    /// that catch up (`MAX_CONV_GROUP_LOG` at most).
    #[serde(default)]
    pub conv_group_log: Vec<ConvGroupLogEntry>,
    /// What the user says of itself (`HuddleProfileModifySelfUserProfile`).
    #[serde(default)]
    pub profile: UserProfile,
    /// The user's receive option for each peer's C2C messages
    /// (`HuddleMsgSetC2CReceiveMessageOpt`); absent: Receive.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub c2c_recv_opts: BTreeMap<String, MsgFlag>,
    /// The user's global do-not-disturb (`HuddleMsgSetAllReceiveMessageOpt`).
    #[serde(default)]
    pub all_recv_opt: AllRecvOpt,
}

/// A user's global receive option, Tencent's TIMReceiveMessageOptInfo: in
/// its quiet window, messages of every conversation are delivered as
/// `level` says (Receive: as each conversation's own option says).
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct AllRecvOpt {
    pub level: MsgFlag,
    /// A daily window: its start in the user's local time of day...
    pub start_hour: u32,
    pub start_minute: u32,
    pub start_second: u32,
    /// ... or a window from this UTC time (s), when not 0.
    pub start_time_stamp: u64,
    /// Seconds; a daily window of a day or more is quiet from its first start on.
    pub duration: u64,
    /// The user's local time minus UTC (s) when the daily window was set.
    pub utc_offset: i32,
    /// When it was set (s): a window of a day or more starts on that day.
    pub set_time: u64,
    /// The order of the change, for sessions that catch up.
    pub order: u64,
}

/// A user's own profile: what chat UIs show of whoever speaks.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct UserProfile {
    #[serde(default)]
    pub nick_name: String,
    #[serde(default)]
    pub face_url: String,
    /// Custom string fields by their full key (`Tag_Profile_Custom_...`).
    #[serde(default)]
    pub custom: BTreeMap<String, String>,
}

/// One conversation-group event, as told to the user's sessions.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ConvGroupLogEntry {
    pub order: u64,
    pub event: crate::types::ConvGroupEvent,
    pub json: String,
}

/// Where messages are exchanged, the same whoever looks: a group, or a pair
/// of users (sorted, so that alice-bob and bob-alice are one thread).
#[derive(Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub enum Thread {
    Group(String),
    C2C(String, String),
}

impl Thread {
    pub fn c2c(a: &str, b: &str) -> Thread {
        if a <= b {
            Thread::C2C(a.to_string(), b.to_string())
        } else {
            Thread::C2C(b.to_string(), a.to_string())
        }
    }

    pub fn conv_type(&self) -> ConvType {
        match self {
            Thread::Group(_) => ConvType::Group,
            Thread::C2C(..) => ConvType::C2C,
        }
    }

    /// What `viewer` calls the other side: the group ID, or the peer's user ID.
    pub fn peer(&self, viewer: &str) -> &str {
        match self {
            Thread::Group(g) => g,
            Thread::C2C(a, b) => if a == viewer { b } else { a },
        }
    }

    /// The conversation ID `viewer` sees: `group_<id>` or `c2c_<peer>`.
    pub fn conv_id(&self, viewer: &str) -> String {
        match self {
            Thread::Group(g) => format!("group_{}", g),
            Thread::C2C(..) => format!("c2c_{}", self.peer(viewer)),
        }
    }

    /// The thread behind `viewer`'s conversation ID, if it is one.
    pub fn from_conv_id(viewer: &str, conv_id: &str) -> Option<Thread> {
        if let Some(g) = conv_id.strip_prefix("group_").filter(|g| !g.is_empty()) {
            Some(Thread::Group(g.to_string()))
        } else {
            conv_id.strip_prefix("c2c_").filter(|p| !p.is_empty()).map(|p| Thread::c2c(viewer, p))
        }
    }
}

/// One stored message.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Message {
    pub thread: Thread,
    /// Position in the thread, from 1.
    pub seq: u64,
    pub msg_id: String,
    pub sender: String,
    pub server_time: u64,
    pub client_time: u64,
    /// The elems as sent (text and custom), already checked.
    pub elems: Vec<serde_json::Value>,
    pub at_users: Vec<String>,
    /// Only these members (and the sender) get it; empty: every member.
    pub targets: Vec<String>,
    pub status: MsgStatus,
    pub revoker: String,
    /// The engine-wide order of the send: sorts conversations sent to in
    /// the same second, and is the seq of the message's event.
    #[serde(default)]
    pub order: u64,
    /// The order of the recall, when recalled.
    #[serde(default)]
    pub revoked_order: u64,
    /// The sender's random number (`message_rand`, the REST API's `Random`).
    #[serde(default)]
    pub random: u32,
    /// The sender's custom data, kept with the message (`message_cloud_custom_str`).
    #[serde(default)]
    pub cloud_custom_data: String,
    /// The TIMPlatform of the sender's device (`message_platform`): 0
    /// (Other) for the app's server, imports and messages kept before
    /// Huddle recorded it.
    #[serde(default)]
    pub platform: u32,
    /// Bumped by every edit (`HuddleMsgModifyMessage`, `message_version`):
    /// an edit made from an older version is a conflict.
    #[serde(default)]
    pub version: u64,
    /// The order of the latest edit, when edited: its event's seq.
    #[serde(default)]
    pub modified_order: u64,
    /// A message inserted locally (`HuddleMsgSaveMsg`, `HuddleMsgImportMsgList`):
    /// never sent, only this user has it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub local_to: Option<String>,
    /// Tencent's `message_priority` (Normal unless the sender chose).
    #[serde(default)]
    pub priority: crate::types::MsgPriority,
    /// What the sender asked for and readers added since: read receipts,
    /// extensions, reactions.
    #[serde(default)]
    pub extras: MessageExtras,
}

/// Tencent's per-message extras, kept with the message (so they go when
/// retention drops it): the sender's requests, who sent a read receipt,
/// the extensions and the reactions.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct MessageExtras {
    /// `message_need_read_receipt`: readers may send read receipts.
    #[serde(default)]
    pub need_read_receipt: bool,
    /// `message_support_message_extension`: readers may set extensions.
    #[serde(default)]
    pub support_extension: bool,
    /// Who sent a read receipt for it and when (s), in the order they did.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub read_by: Vec<(String, u64)>,
    /// Extensions by key.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub extensions: BTreeMap<String, ExtensionValue>,
    /// Bumped by every change to the extensions (`message_extension_version`):
    /// a set made from an older version, of a key someone else changed
    /// since, is a conflict (23001).
    #[serde(default, skip_serializing_if = "is_zero")]
    pub extension_version: u64,
    /// Reactions, in the order they were first added.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub reactions: Vec<Reaction>,
}

/// One extension's value, with the extension version that set it and who did.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(from = "StoredExtension")]
pub struct ExtensionValue {
    pub value: String,
    pub version: u64,
    pub by: String,
}

/// An extension as records keep it: records made before extensions had
/// versions hold the bare value.
#[derive(Deserialize)]
#[serde(untagged)]
enum StoredExtension {
    Bare(String),
    Versioned { value: String, version: u64, by: String },
}

impl From<StoredExtension> for ExtensionValue {
    fn from(s: StoredExtension) -> ExtensionValue {
        match s {
            StoredExtension::Bare(value) => ExtensionValue { value, version: 0, by: String::new() },
            StoredExtension::Versioned { value, version, by } => ExtensionValue { value, version, by },
        }
    }
}

impl MessageExtras {
    /// When `user` sent a read receipt for the message, if it did.
    pub fn read_at(&self, user: &str) -> Option<u64> {
        self.read_by.iter().find(|(u, _)| u == user).map(|(_, t)| *t)
    }
}

/// One reaction to a message (an emoji's ID, say) and who added it, in order.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Reaction {
    pub id: String,
    pub users: Vec<String>,
}

impl Message {
    pub fn visible_to(&self, user: &str) -> bool {
        if let Some(owner) = &self.local_to {
            return owner == user;
        }
        self.targets.is_empty() || self.sender == user || self.targets.iter().any(|t| t == user)
    }
}

/// One user's view of one thread.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ConvState {
    pub user: String,
    pub thread: Thread,
    /// Messages up to this sequence are read.
    pub read_seq: u64,
    /// Group threads: the user sees messages after this one (sent after joining).
    pub joined_after: u64,
    /// Group threads: the user left (or the group went) after this message.
    pub left_at: Option<u64>,
    pub group_state: GroupState,
    /// Deleted from the list: messages up to here are no longer part of it.
    pub hidden_through: u64,
    pub pinned: bool,
    /// The user's conversation groups this conversation is in.
    pub groups: BTreeSet<String>,
    /// Group threads: the order of the user's latest join, and of the
    /// leave after it. Group tips between them were the user's.
    #[serde(default)]
    pub joined_order: u64,
    #[serde(default)]
    pub left_order: Option<u64>,
    /// The order of the last change to this record.
    #[serde(default)]
    pub updated_order: u64,
    /// The user's unsent draft (`HuddleConvSetDraft`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub draft: Option<Draft>,
    /// The app's data on this conversation (`HuddleConvSetConversationCustomData`).
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub custom_data: String,
    /// Tencent's TIMConversationMarkType bits (`HuddleConvMarkConversation`).
    #[serde(default, skip_serializing_if = "is_zero")]
    pub marks: u64,
    /// With the Hide mark: hidden until a message after this seq comes.
    #[serde(default, skip_serializing_if = "is_zero")]
    pub hidden_mark_through: u64,
    /// Messages the user deleted for itself (`HuddleMsgDelete`), by seq:
    /// the others still have them.
    #[serde(default, skip_serializing_if = "BTreeSet::is_empty")]
    pub deleted: BTreeSet<u64>,
    /// The user's own data on messages (`HuddleMsgSetLocalCustomData`), by seq.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub local_data: BTreeMap<u64, LocalData>,
    /// Deleted from the list with its messages kept
    /// (`HuddleConvDeleteConversationList` with clear_message false): not
    /// listed again until a message after this seq comes.
    #[serde(default, skip_serializing_if = "is_zero")]
    pub delisted_through: u64,
}

/// For `skip_serializing_if`: a count or order that is still 0.
pub(crate) fn is_zero(n: &u64) -> bool {
    *n == 0
}

/// What a user keeps on a message for itself, never sent (Tencent's
/// `message_custom_str` and `message_custom_int`).
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct LocalData {
    #[serde(rename = "message_custom_str", default)]
    pub custom_str: String,
    #[serde(rename = "message_custom_int", default)]
    pub custom_int: u32,
}

/// A conversation's draft, Tencent's Draft object: the unsent message as
/// the app keeps it, the app's own string, and when it was edited.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Draft {
    #[serde(rename = "draft_msg", default)]
    pub msg: serde_json::Map<String, serde_json::Value>,
    #[serde(rename = "draft_user_define", default)]
    pub user_define: String,
    /// Seconds; 0 when set: the time of the call.
    #[serde(rename = "draft_edit_time", default)]
    pub edit_time: u64,
}

impl ConvState {
    pub fn new(user: &str, thread: Thread) -> ConvState {
        ConvState {
            user: user.to_string(),
            thread,
            read_seq: 0,
            joined_after: 0,
            left_at: None,
            group_state: GroupState::Member,
            hidden_through: 0,
            pinned: false,
            groups: BTreeSet::new(),
            joined_order: 0,
            left_order: None,
            updated_order: 0,
            draft: None,
            custom_data: String::new(),
            marks: 0,
            hidden_mark_through: 0,
            deleted: BTreeSet::new(),
            local_data: BTreeMap::new(),
            delisted_through: 0,
        }
    }

    /// Whether message `m` belongs to this user's conversation.
    pub fn shows(&self, m: &Message) -> bool {
        m.seq > self.joined_after.max(self.hidden_through)
            && self.left_at.map_or(true, |l| m.seq <= l)
            && m.visible_to(&self.user)
            && !self.deleted.contains(&m.seq)
    }

    /// Whether `m`, shown, is recent enough to list the conversation.
    pub fn lists(&self, m: &Message) -> bool {
        self.shows(m) && m.seq > self.delisted_through
    }

    /// Whether `m` was this user's, deleted or not (what `HuddleMsgFindMessages` finds).
    pub fn had(&self, m: &Message) -> bool {
        m.seq > self.joined_after && self.left_at.map_or(true, |l| m.seq <= l) && m.visible_to(&self.user)
    }

    /// Whether the user had `m` and deleted it: alone, or with the
    /// conversation's history (cleared or deleted).
    pub fn deleted(&self, m: &Message) -> bool {
        self.had(m) && (m.seq <= self.hidden_through || self.deleted.contains(&m.seq))
    }
}

/// One durable mutation. The engine decides, the store records, and the
/// engine's memory applies the same list, so disk and memory cannot disagree.
#[derive(Clone, Debug, PartialEq)]
pub enum Change {
    PutGroup(GroupProfile),
    DeleteGroup(String),
    PutMember { group_id: String, member: Member },
    DeleteMember { group_id: String, user_id: String },
    PutPendency(Pendency),
    DeletePendency(u64),
    PutUser(UserMeta),
    PutMessage(Message),
    /// Retention: messages sent before this time go.
    DeleteMessagesBefore(u64),
    PutConv(ConvState),
    PutTip(TipRecord),
    PutReceipt(Receipt),
    /// Receipts made before this time go.
    DeleteReceiptsBefore(u64),
    PutReport(Report),
    PutOutbox(OutboxEntry),
    /// Delivered to the app's server (or dropped): outbox entries up to this ID go.
    DeleteOutboxThrough(u64),
    /// An AVChatRoom message: memory only (the room keeps its latest
    /// `keep` for whoever joins next); stores record nothing.
    PutRoomMessage { message: Message, keep: usize },
}

/// A group tip as published: kept (as long as messages are) for sessions
/// that catch up after a disconnect. A tip's JSON leaves out its order,
/// message ID and audience, so the record keeps them beside it.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct TipRecord {
    pub order: u64,
    pub msg_id: String,
    pub audience: Audience,
    pub tip: Tip,
}

impl TipRecord {
    pub fn new(tip: &Tip) -> TipRecord {
        TipRecord { order: tip.order, msg_id: tip.msg_id.clone(), audience: tip.audience.clone(), tip: tip.clone() }
    }

    /// The tip as published.
    pub fn published(&self) -> Tip {
        Tip { order: self.order, msg_id: self.msg_id.clone(), audience: self.audience.clone(), ..self.tip.clone() }
    }
}

/// A group system message (Tencent's group report, elem 8), such as the
/// app's server's notifications: not part of any conversation, and kept
/// as long as messages are for sessions that catch up.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Report {
    /// The engine-wide order: its event's seq.
    pub order: u64,
    pub msg_id: String,
    pub report_type: ReportType,
    pub group_id: String,
    pub op_user: String,
    /// The app's content (`group_report_elem_user_data`).
    pub user_data: String,
    /// Who receives it.
    pub users: Vec<String>,
    pub time: u64,
    /// A request's hello or its answer, a removal's reason (`group_report_elem_msg`).
    #[serde(default)]
    pub msg: String,
    /// A mute's seconds (`group_report_elem_shut_up_time`).
    #[serde(default)]
    pub shut_up_time: u64,
}

impl Report {
    /// A report of `report_type` about `group_id` to `users`; its order and
    /// message ID are given when its operation is numbered.
    pub fn new(report_type: ReportType, group_id: &str, op_user: &str, users: Vec<String>, time: u64) -> Report {
        Report {
            order: 0,
            msg_id: String::new(),
            report_type,
            group_id: group_id.to_string(),
            op_user: op_user.to_string(),
            user_data: String::new(),
            users,
            time,
            msg: String::new(),
            shut_up_time: 0,
        }
    }
}

/// The answer a network call got, kept for a while under the call's
/// idempotency key: the same call sent again (its reply was lost in a
/// disconnect) gets it again instead of running twice.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Receipt {
    pub user: String,
    pub key: String,
    pub time: u64,
    pub response: crate::response::Response,
}

/// Everything a store holds, as loaded at open.
#[derive(Debug, Default)]
pub struct Snapshot {
    pub groups: Vec<GroupProfile>,
    pub members: Vec<(String, Member)>,
    pub pendencies: Vec<Pendency>,
    pub users: Vec<UserMeta>,
    /// In thread and sequence order.
    pub messages: Vec<Message>,
    pub convs: Vec<ConvState>,
    pub tips: Vec<TipRecord>,
    pub receipts: Vec<Receipt>,
    pub reports: Vec<Report>,
    /// In ID order.
    pub outbox: Vec<OutboxEntry>,
}
