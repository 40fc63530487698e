//! Read receipts (Tencent's message read receipts): the reader of a message
//! sent with `message_need_read_receipt` tells its sender it read it; in a
//! group the sender sees how many members read it, and who did and who not.

use std::collections::{BTreeMap, HashSet};

use serde_json::{json, Value};

use crate::error::{err, Result};
use crate::model::{Change, Message, Thread};
use crate::params::MsgKey;
use crate::types::{ConvType, GroupType, ReadFilter};

use super::publish::Outgoing;
use super::state::State;
use super::{Ctx, Plan};

/// Members a read-member page holds at most (Tencent's 100).
pub const MAX_READ_MEMBER_PAGE: u32 = 100;

/// One page of a message's read or unread members.
#[derive(Debug)]
pub struct ReadMemberPage {
    pub members: Vec<Value>,
    pub next_seq: u64,
    pub is_finished: bool,
}

impl State {
    /// Tencent keeps group read receipts to the types whose messages are
    /// stored for everyone: not AVChatRoom.
    fn check_receipts_allowed(&self, m: &Message) -> Result<()> {
        if let Thread::Group(g) = &m.thread {
            if self.groups.get(g).is_some_and(|g| g.profile.group_type == GroupType::AvChatRoom) {
                return Err(err!(InvalidParameters, "AVChatRoom messages have no read receipts"));
            }
        }
        Ok(())
    }

    /// Members whose conversation shows `m` and who have not read it: all
    /// but the sender and the readers, in join order.
    fn unread_members<'a>(&'a self, m: &'a Message) -> Vec<&'a str> {
        let Thread::Group(g) = &m.thread else { return Vec::new() };
        let Some(group) = self.groups.get(g) else { return Vec::new() };
        group
            .by_seq
            .values()
            .map(String::as_str)
            .filter(|u| *u != m.sender && m.extras.read_at(u).is_none())
            .filter(|u| self.conv(u, &m.thread).is_some_and(|c| c.shows(m)))
            .collect()
    }

    /// Tencent's MessageReceipt of `m` as `viewer` sees it: a group
    /// message's read and unread counts, or whether a C2C peer read it.
    pub(super) fn receipt_json(&self, m: &Message, viewer: &str) -> Value {
        match &m.thread {
            Thread::Group(g) => json!({
                "msg_receipt_conv_id": g,
                "msg_receipt_conv_type": ConvType::Group,
                "msg_receipt_msg_id": m.msg_id,
                "msg_receipt_read_count": m.extras.read_by.len(),
                "msg_receipt_unread_count": self.unread_members(m).len(),
                "msg_receipt_time_stamp": m.extras.read_by.last().map_or(0, |(_, t)| *t),
            }),
            Thread::C2C(..) => {
                let peer = m.thread.peer(viewer);
                let read = m.extras.read_at(peer);
                json!({
                    "msg_receipt_conv_id": peer,
                    "msg_receipt_conv_type": ConvType::C2C,
                    "msg_receipt_msg_id": m.msg_id,
                    "msg_receipt_is_peer_read": read.is_some(),
                    "msg_receipt_time_stamp": read.unwrap_or(0),
                })
            }
        }
    }

    /// The caller read these messages: each sender hears it, in one array
    /// per sender. Messages of the caller's own, and ones it already
    /// acknowledged, are passed over.
    pub fn send_read_receipts(&self, ctx: &Ctx, keys: &[MsgKey]) -> Result<Plan<()>> {
        if keys.is_empty() {
            return Err(err!(InvalidParameters, "name at least one message"));
        }
        let mut plan = Plan::new(());
        let mut seen = HashSet::new();
        let mut to_senders: BTreeMap<String, Vec<Value>> = BTreeMap::new();
        for key in keys {
            let m = self.shown_message(ctx, key)?;
            if !m.extras.need_read_receipt {
                return Err(err!(InvalidParameters, "message {} was not sent with message_need_read_receipt", m.msg_id));
            }
            self.check_receipts_allowed(&m)?;
            if m.sender == ctx.user || m.extras.read_at(ctx.user).is_some() || !seen.insert((m.thread.clone(), m.seq)) {
                continue;
            }
            let mut read = Message::clone(&m);
            read.extras.read_by.push((ctx.user.to_string(), ctx.now));
            to_senders.entry(m.sender.clone()).or_default().push(self.receipt_json(&read, &m.sender));
            plan.changes.push(Change::PutMessage(read));
        }
        for (sender, receipts) in to_senders {
            plan.events.push(Outgoing::Receipt { to: sender, receipts: Value::Array(receipts) });
        }
        Ok(plan)
    }

    /// The receipts of messages of one conversation, as the caller sees them.
    pub fn read_receipts(&self, ctx: &Ctx, keys: &[MsgKey]) -> Result<Vec<Value>> {
        let Some(first) = keys.first() else {
            return Err(err!(InvalidParameters, "name at least one message"));
        };
        if keys.iter().any(|k| k.conv_type != first.conv_type || k.conv_id != first.conv_id) {
            return Err(err!(InvalidParameters, "the messages must be of one conversation"));
        }
        keys.iter()
            .map(|key| {
                let m = self.shown_message(ctx, key)?;
                self.check_receipts_allowed(&m)?;
                Ok(self.receipt_json(&m, ctx.user))
            })
            .collect()
    }

    /// A page of the members who read a group message (in the order they
    /// did) or who did not (in join order), from position `next_seq`.
    pub fn read_members(&self, ctx: &Ctx, key: &MsgKey, filter: ReadFilter, next_seq: u64, count: u32) -> Result<ReadMemberPage> {
        if key.conv_type != ConvType::Group {
            return Err(err!(InvalidParameters, "read members are for group messages"));
        }
        if count == 0 || count > MAX_READ_MEMBER_PAGE {
            return Err(err!(InvalidParameters, "count must be 1 to {}", MAX_READ_MEMBER_PAGE));
        }
        let m = self.shown_message(ctx, key)?;
        self.check_receipts_allowed(&m)?;
        let users: Vec<&str> = match filter {
            ReadFilter::Read => m.extras.read_by.iter().map(|(u, _)| u.as_str()).collect(),
            ReadFilter::Unread => self.unread_members(&m),
        };
        let start = (next_seq as usize).min(users.len());
        let end = (start + count as usize).min(users.len());
        let group = match &m.thread {
            Thread::Group(g) => self.groups.get(g),
            Thread::C2C(..) => None,
        };
        let members = users[start..end]
            .iter()
            .map(|u| {
                let profile = self.profile_of(u);
                json!({
                    "group_member_info_identifier": u,
                    "group_member_info_name_card": group.and_then(|g| g.members.get(*u)).map_or("", |mem| mem.name_card.as_str()),
                    "group_member_info_nick_name": profile.map_or("", |p| p.nick_name.as_str()),
                    "group_member_info_face_url": profile.map_or("", |p| p.face_url.as_str()),
                })
            })
            .collect();
        Ok(ReadMemberPage { members, next_seq: end as u64, is_finished: end == users.len() })
    }

    /// A C2C reader's read mark moved: the peer hears when, as Tencent's
    /// conversation-wide receipt (no message ID).
    pub(super) fn c2c_read_mark_receipt(&self, ctx: &Ctx, thread: &Thread) -> Option<Outgoing> {
        match thread {
            Thread::C2C(..) => Some(Outgoing::Receipt {
                to: thread.peer(ctx.user).to_string(),
                receipts: json!([{
                    "msg_receipt_conv_id": ctx.user,
                    "msg_receipt_conv_type": ConvType::C2C,
                    "msg_receipt_msg_id": "",
                    "msg_receipt_is_peer_read": true,
                    "msg_receipt_time_stamp": ctx.now,
                }]),
            }),
            Thread::Group(_) => None,
        }
    }
}
