//! Messages and conversations as one reader sees them, with Tencent's keys.

use serde::Serialize;
use serde_json::Value;

use crate::model::{ConvState, Message, Thread, UserProfile};
use crate::types::{AtType, ConvType, GroupState, GroupType, MsgStatus, Role, AT_ALL};

use super::state::State;

/// Who sent a message, as Tencent's UserProfile (`message_sender_profile`).
#[derive(Serialize)]
struct SenderProfile<'a> {
    user_profile_identifier: &'a str,
    user_profile_nick_name: &'a str,
    user_profile_face_url: &'a str,
}

/// The sender's member record in a group (`message_sender_group_member_info`).
#[derive(Serialize)]
struct SenderMember<'a> {
    group_member_info_identifier: &'a str,
    group_member_info_name_card: &'a str,
    group_member_info_member_role: Role,
}

#[derive(Serialize)]
pub struct MessageView<'a> {
    message_elem_array: &'a [Value],
    message_conv_id: &'a str,
    message_conv_type: ConvType,
    message_sender: &'a str,
    message_server_time: u64,
    message_client_time: u64,
    message_seq: u64,
    message_msg_id: &'a str,
    message_status: MsgStatus,
    message_is_from_self: bool,
    message_group_at_user_array: &'a [String],
    message_target_group_member_array: &'a [String],
    #[serde(skip_serializing_if = "str::is_empty")]
    message_revoker_user_id: &'a str,
    message_rand: u32,
    message_platform: u32,
    message_unique_id: u64,
    message_priority: crate::types::MsgPriority,
    message_is_read: bool,
    #[serde(skip_serializing_if = "Option::is_none")]
    message_is_peer_read: Option<bool>,
    message_sender_profile: SenderProfile<'a>,
    #[serde(skip_serializing_if = "Option::is_none")]
    message_sender_group_member_info: Option<SenderMember<'a>>,
    #[serde(skip_serializing_if = "str::is_empty")]
    message_cloud_custom_str: &'a str,
    #[serde(skip_serializing_if = "crate::model::is_zero")]
    message_version: u64,
    /// The viewer's own data on the message (`HuddleMsgSetLocalCustomData`).
    #[serde(skip_serializing_if = "str::is_empty")]
    message_custom_str: &'a str,
    #[serde(skip_serializing_if = "is_zero_u32")]
    message_custom_int: u32,
    message_need_read_receipt: bool,
    message_support_message_extension: bool,
    /// With extensions: their version as this copy shows them, which
    /// `HuddleMsgSetMessageExtensions` checks.
    #[serde(skip_serializing_if = "Option::is_none")]
    message_extension_version: Option<u64>,
    /// Group: the viewer sent a read receipt for it.
    #[serde(skip_serializing_if = "Option::is_none")]
    message_has_sent_receipt: Option<bool>,
    /// C2C: the peer sent a read receipt for it.
    #[serde(skip_serializing_if = "Option::is_none")]
    message_receipt_peer_read: Option<bool>,
}

fn is_zero_u32(n: &u32) -> bool {
    *n == 0
}

/// `message_unique_id`: a number for the message, the same wherever it is
/// shown, derived from its ID (FNV-1a, kept to 53 bits so that JavaScript
/// and doubles read it exactly).
pub fn unique_id(msg_id: &str) -> u64 {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for b in msg_id.bytes() {
        h ^= b as u64;
        h = h.wrapping_mul(0x0100_0000_01b3);
    }
    h & ((1 << 53) - 1)
}

impl<'a> MessageView<'a> {
    /// `viewer` decides the conversation ID (a C2C message is filed under
    /// the peer), `is_from_self` and `is_read` (the viewer's read mark);
    /// the sender's profile and member record are as they are now.
    pub fn new(state: &'a State, m: &'a Message, viewer: &str) -> MessageView<'a> {
        let read_through = |user: &str| state.conv(user, &m.thread).map_or(0, |c| c.read_seq);
        let own = state.conv(viewer, &m.thread);
        let local = own.and_then(|c| c.local_data.get(&m.seq));
        let deleted = own.is_some_and(|c| c.deleted(m));
        let profile = state.profile_of(&m.sender);
        let member = match &m.thread {
            Thread::Group(g) => state.thread_group(g).ok().and_then(|g| g.members.get(&m.sender)),
            Thread::C2C(..) => None,
        };
        MessageView {
            message_elem_array: &m.elems,
            message_conv_id: m.thread.peer(viewer),
            message_conv_type: m.thread.conv_type(),
            message_sender: &m.sender,
            message_server_time: m.server_time,
            message_client_time: m.client_time,
            message_seq: m.seq,
            message_msg_id: &m.msg_id,
            message_status: if deleted { MsgStatus::Deleted } else { m.status },
            message_is_from_self: m.sender == viewer,
            message_group_at_user_array: &m.at_users,
            message_target_group_member_array: &m.targets,
            message_revoker_user_id: &m.revoker,
            message_rand: m.random,
            message_platform: m.platform,
            message_unique_id: unique_id(&m.msg_id),
            message_priority: m.priority,
            message_is_read: m.sender == viewer || read_through(viewer) >= m.seq,
            message_is_peer_read: match &m.thread {
                Thread::C2C(..) => {
                    let peer = m.thread.peer(viewer);
                    Some(m.sender == peer || read_through(peer) >= m.seq)
                }
                Thread::Group(_) => None,
            },
            message_sender_profile: SenderProfile {
                user_profile_identifier: &m.sender,
                user_profile_nick_name: profile.map_or("", |p| &p.nick_name),
                user_profile_face_url: profile.map_or("", |p| &p.face_url),
            },
            message_sender_group_member_info: member.map(|mem| SenderMember {
                group_member_info_identifier: &mem.user_id,
                group_member_info_name_card: &mem.name_card,
                group_member_info_member_role: mem.role,
            }),
            message_cloud_custom_str: &m.cloud_custom_data,
            message_version: m.version,
            message_custom_str: local.map_or("", |d| &d.custom_str),
            message_custom_int: local.map_or(0, |d| d.custom_int),
            message_need_read_receipt: m.extras.need_read_receipt,
            message_support_message_extension: m.extras.support_extension,
            message_extension_version: m.extras.support_extension.then_some(m.extras.extension_version),
            message_has_sent_receipt: match &m.thread {
                Thread::Group(_) => Some(m.extras.read_at(viewer).is_some()),
                Thread::C2C(..) => None,
            },
            message_receipt_peer_read: match &m.thread {
                Thread::C2C(..) => Some(m.extras.read_at(m.thread.peer(viewer)).is_some()),
                Thread::Group(_) => None,
            },
        }
    }

    pub fn encode(state: &State, m: &Message, viewer: &str) -> String {
        serde_json::to_string(&MessageView::new(state, m, viewer)).expect("messages always encode")
    }

    /// `m` as `viewer` sees it from an engine that knows nothing else (no
    /// profiles, members or read marks): for tools and benchmarks.
    pub fn json(m: &Message, viewer: &str) -> String {
        MessageView::encode(&State::default(), m, viewer)
    }

    pub fn value(state: &State, m: &Message, viewer: &str) -> Value {
        serde_json::to_value(MessageView::new(state, m, viewer)).expect("messages always encode")
    }
}

/// A user's profile as Tencent's UserProfile (`user_profile_*`).
pub fn profile_json(user: &str, p: &UserProfile) -> Value {
    let custom: Vec<Value> = p
        .custom
        .iter()
        .map(|(k, v)| serde_json::json!({ "user_profile_custom_string_info_key": k, "user_profile_custom_string_info_value": v }))
        .collect();
    serde_json::json!({
        "user_profile_identifier": user,
        "user_profile_nick_name": p.nick_name,
        "user_profile_face_url": p.face_url,
        "user_profile_custom_string_array": custom,
    })
}

/// Where a revoked message was, for `HuddleSetMsgRevokeCallback`.
#[derive(Serialize)]
pub struct LocatorView<'a> {
    message_locator_conv_id: &'a str,
    message_locator_conv_type: ConvType,
    message_locator_is_revoked: bool,
    message_locator_time: u64,
    message_locator_seq: u64,
    message_locator_is_self: bool,
    message_locator_msg_id: &'a str,
    message_locator_revoker_user_id: &'a str,
}

impl<'a> LocatorView<'a> {
    pub fn json(m: &'a Message, viewer: &str) -> String {
        let v = LocatorView {
            message_locator_conv_id: m.thread.peer(viewer),
            message_locator_conv_type: m.thread.conv_type(),
            message_locator_is_revoked: m.status == MsgStatus::Revoked,
            message_locator_time: m.server_time,
            message_locator_seq: m.seq,
            message_locator_is_self: m.sender == viewer,
            message_locator_msg_id: &m.msg_id,
            message_locator_revoker_user_id: &m.revoker,
        };
        serde_json::to_string(&v).expect("locators always encode")
    }
}

#[derive(Serialize)]
struct AtInfo {
    conv_group_at_info_seq: u64,
    conv_group_at_info_at_type: AtType,
}

/// What a conversation list shows of one conversation.
pub struct ConvSummary<'a> {
    pub conv: &'a ConvState,
    pub last: Option<&'a Message>,
    pub unread: u32,
    at: Vec<AtInfo>,
}

impl ConvSummary<'_> {
    pub fn has_at(&self) -> bool {
        !self.at.is_empty()
    }

    /// The mentions of the caller among the unread, Tencent's GroupAtInfo array.
    pub fn at_info(&self) -> Value {
        serde_json::to_value(&self.at).expect("mentions encode")
    }
}

impl State {
    /// The messages of `conv`'s thread that `conv` shows, newest first.
    pub fn shown<'a>(&'a self, conv: &'a ConvState) -> impl Iterator<Item = &'a Message> + 'a {
        let lower = conv.joined_after.max(conv.hidden_through) + 1;
        let upper = conv.left_at.unwrap_or(u64::MAX);
        self.threads
            .get(&conv.thread)
            .into_iter()
            .flat_map(move |log| log.messages.range(lower..=upper).rev().map(|(_, m)| m.as_ref()))
            .filter(move |m| conv.shows(m))
    }

    /// The summary of a conversation, or `None` when it is not listed: it
    /// shows no message, or none since it was deleted from the list.
    pub fn summarize<'a>(&'a self, conv: &'a ConvState) -> Option<ConvSummary<'a>> {
        let last = self.shown(conv).next().filter(|m| conv.lists(m))?;
        let mut unread = 0;
        let mut at = Vec::new();
        for m in self.shown(conv).take_while(|m| m.seq > conv.read_seq).filter(|m| m.sender != conv.user) {
            unread += 1;
            let me = m.at_users.contains(&conv.user);
            let all = m.at_users.iter().any(|u| u == AT_ALL);
            let at_type = match (me, all) {
                (true, true) => Some(AtType::AtAllAtMe),
                (true, false) => Some(AtType::AtMe),
                (false, true) => Some(AtType::AtAll),
                (false, false) => None,
            };
            if let Some(at_type) = at_type {
                at.push(AtInfo { conv_group_at_info_seq: m.seq, conv_group_at_info_at_type: at_type });
            }
        }
        Some(ConvSummary { conv, last: Some(last), unread, at })
    }

    pub fn conv_json(&self, s: &ConvSummary) -> Value {
        let c = s.conv;
        let (show_name, face_url, group_type): (String, String, Option<GroupType>) = match &c.thread {
            Thread::Group(g) => match self.thread_group(g) {
                // A topic's conversation shows the topic's name and face.
                Ok(group) => match group.profile.topics.get(g) {
                    Some(t) => (t.name.clone(), t.face_url.clone(), Some(group.profile.group_type)),
                    None => (group.profile.name.clone(), group.profile.face_url.clone(), Some(group.profile.group_type)),
                },
                Err(_) => (g.clone(), String::new(), None),
            },
            Thread::C2C(..) => {
                let peer = c.thread.peer(&c.user);
                match self.profile_of(peer) {
                    Some(p) if !p.nick_name.is_empty() => (p.nick_name.clone(), p.face_url.clone(), None),
                    p => (peer.to_string(), p.map_or_else(String::new, |p| p.face_url.clone()), None),
                }
            }
        };
        let recv_opt = self.recv_opt(&c.user, &c.thread);
        let last = s.last.map(|m| MessageView::new(self, m, &c.user));
        serde_json::json!({
            "conv_id": c.thread.peer(&c.user),
            "conv_type": c.thread.conv_type(),
            "conv_show_name": show_name,
            "conv_face_url": face_url,
            "conv_recv_opt": recv_opt,
            "conv_group_type": group_type,
            "conv_unread_num": s.unread,
            "conv_active_time": s.last.map_or(0, |m| m.server_time),
            "conv_is_has_lastmsg": last.is_some(),
            "conv_last_msg": last,
            "conv_is_pinned": c.pinned,
            "conv_is_has_draft": c.draft.is_some(),
            "conv_draft": c.draft,
            "conv_custom_data": c.custom_data,
            "conv_mark_array": self.marks(s),
            "conv_group_at_info_array": s.at,
            "conv_conversation_group_array": c.groups,
            "conv_group_state": match &c.thread {
                Thread::Group(_) => c.group_state,
                Thread::C2C(..) => GroupState::Member,
            },
        })
    }
}
