//! What the app's server is told of after it happened (Tencent's "after"
//! callbacks), kept in a durable outbox until it has been delivered.

use serde::{Deserialize, Serialize};

use super::{GroupChange, GroupProfile, Message};
use crate::types::{GroupType, JoinType, Role};

/// One thing that happened, in the terms the app's server cares for.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub enum AppEvent {
    GroupCreated { group: GroupProfile, members: Vec<(String, Role)>, op_user: String },
    MembersJoined { group_id: String, group_type: GroupType, op_user: String, join_type: JoinType, users: Vec<String> },
    MembersExited { group_id: String, group_type: GroupType, op_user: String, kicked: bool, users: Vec<String> },
    /// `operator` made the request: the sender, or the app's admin sending in its name.
    MessageSent { group_type: GroupType, message: Message, operator: String },
    GroupInfoChanged { group_id: String, group_type: GroupType, op_user: String, changes: Vec<GroupChange> },
    GroupDestroyed { group: GroupProfile, members: Vec<String>, op_user: String },
}

/// The kinds of `AppEvent`, for choosing which the engine records.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum AppEventKind {
    GroupCreated,
    MembersJoined,
    MembersExited,
    MessageSent,
    GroupInfoChanged,
    GroupDestroyed,
}

impl AppEventKind {
    pub const ALL: [AppEventKind; 6] = [
        AppEventKind::GroupCreated,
        AppEventKind::MembersJoined,
        AppEventKind::MembersExited,
        AppEventKind::MessageSent,
        AppEventKind::GroupInfoChanged,
        AppEventKind::GroupDestroyed,
    ];
}

impl AppEvent {
    pub fn kind(&self) -> AppEventKind {
        match self {
            AppEvent::GroupCreated { .. } => AppEventKind::GroupCreated,
            AppEvent::MembersJoined { .. } => AppEventKind::MembersJoined,
            AppEvent::MembersExited { .. } => AppEventKind::MembersExited,
            AppEvent::MessageSent { .. } => AppEventKind::MessageSent,
            AppEvent::GroupInfoChanged { .. } => AppEventKind::GroupInfoChanged,
            AppEvent::GroupDestroyed { .. } => AppEventKind::GroupDestroyed,
        }
    }
}

/// A set of `AppEventKind`s.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct AppEventKinds(u8);

impl AppEventKinds {
    pub fn contains(self, kind: AppEventKind) -> bool {
        self.0 & (1 << kind as u8) != 0
    }

    pub fn is_empty(self) -> bool {
        self.0 == 0
    }
}

impl FromIterator<AppEventKind> for AppEventKinds {
    fn from_iter<I: IntoIterator<Item = AppEventKind>>(kinds: I) -> Self {
        AppEventKinds(kinds.into_iter().fold(0, |bits, k| bits | 1 << k as u8))
    }
}

/// Where a call came from, as the app's server's callbacks name it:
/// Tencent's `OptPlatform` and `ClientIP`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Origin {
    pub platform: String,
    pub ip: String,
}

impl Origin {
    /// The app's server, through the REST API.
    pub fn rest(ip: impl ToString) -> Origin {
        Origin { platform: "RESTAPI".into(), ip: ip.to_string() }
    }

    /// A client on a device of Tencent's TIMPlatform number.
    pub fn client(platform: i32, ip: impl ToString) -> Origin {
        let name = match platform {
            1 => "Windows",
            2 => "Android",
            3 => "iOS",
            4 => "Mac",
            _ => "Unknown",
        };
        Origin { platform: name.into(), ip: ip.to_string() }
    }
}

/// An event waiting in the outbox, under an ID that only grows.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct OutboxEntry {
    pub id: u64,
    /// When it happened (s).
    pub time: u64,
    pub event: AppEvent,
    /// Where the operation came from, when a network call made it.
    #[serde(default)]
    pub origin: Option<Origin>,
}
