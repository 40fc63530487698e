//! Messages and conversations as one reader sees them, with Tencent's keys.

use serde::Serialize;
use serde_json::Value;

use crate::model::{ConvState, Message, Thread};
use crate::types::{AtType, ConvType, GroupState, GroupType, MsgStatus, AT_ALL};

use super::state::State;

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
    #[serde(skip_serializing_if = "str::is_empty")]
    message_cloud_custom_str: &'a str,
}

impl<'a> MessageView<'a> {
    /// `viewer` decides the conversation ID (a C2C message is filed under the peer) and `is_from_self`.
    pub fn new(m: &'a Message, viewer: &str) -> MessageView<'a> {
        MessageView {
            message_elem_array: &m.elems,
            message_conv_id: m.thread.peer(viewer),
            message_conv_type: m.thread.conv_type(),
            message_sender: &m.sender,
            message_server_time: m.server_time,
            message_client_time: m.client_time,
            message_seq: m.seq,
            message_msg_id: &m.msg_id,
            message_status: m.status,
            message_is_from_self: m.sender == viewer,
            message_group_at_user_array: &m.at_users,
            message_target_group_member_array: &m.targets,
            message_revoker_user_id: &m.revoker,
            message_rand: m.random,
            message_cloud_custom_str: &m.cloud_custom_data,
        }
    }

    pub fn json(m: &Message, viewer: &str) -> String {
        serde_json::to_string(&MessageView::new(m, viewer)).expect("messages always encode")
    }
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

    /// The summary of a conversation, or `None` when it shows no message (not listed).
    pub fn summarize<'a>(&'a self, conv: &'a ConvState) -> Option<ConvSummary<'a>> {
        let last = self.shown(conv).next()?;
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
        let (show_name, group_type): (String, Option<GroupType>) = match &c.thread {
            Thread::Group(g) => match self.groups.get(g) {
                Some(group) => (group.profile.name.clone(), Some(group.profile.group_type)),
                None => (g.clone(), None),
            },
            Thread::C2C(..) => (c.thread.peer(&c.user).to_string(), None),
        };
        let last = s.last.map(|m| MessageView::new(m, &c.user));
        serde_json::json!({
            "conv_id": c.thread.peer(&c.user),
            "conv_type": c.thread.conv_type(),
            "conv_show_name": show_name,
            "conv_group_type": group_type,
            "conv_unread_num": s.unread,
            "conv_active_time": s.last.map_or(0, |m| m.server_time),
            "conv_is_has_lastmsg": last.is_some(),
            "conv_last_msg": last,
            "conv_is_pinned": c.pinned,
            "conv_group_at_info_array": s.at,
            "conv_conversation_group_array": c.groups,
            "conv_group_state": match &c.thread {
                Thread::Group(_) => c.group_state,
                Thread::C2C(..) => GroupState::Member,
            },
        })
    }
}
