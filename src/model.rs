//! The records the engine keeps and the store persists.

use std::collections::{BTreeMap, BTreeSet};

use serde::{Deserialize, Serialize};

use crate::types::{AddOption, GroupType, MsgFlag, PendencyType, Role};

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
}

/// Everything a store holds, as loaded at open.
#[derive(Debug, Default)]
pub struct Snapshot {
    pub groups: Vec<GroupProfile>,
    pub members: Vec<(String, Member)>,
    pub pendencies: Vec<Pendency>,
    pub users: Vec<UserMeta>,
}
