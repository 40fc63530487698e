//! Messages: sending (with the member, mute, size and rate checks), history,
//! recall and read reports.

use std::collections::HashMap;
use std::sync::Arc;
use std::time::Instant;

use parking_lot::Mutex;
use serde_json::Value;

use crate::error::{err, Result};
use crate::model::{Change, ConvState, Message, MessageExtras, Thread};
use crate::params::{GetMsgListParam, MessageRef, MsgKey, SendParam};
use crate::types::{elem_type, ConvEvent, GroupState, MsgStatus, Role, AT_ALL};

use super::publish::Outgoing;
use super::state::State;
use super::validate;
use super::{Ctx, Plan};

/// Tencent's message body limit.
pub(crate) const MAX_MESSAGE_BYTES: usize = 12 * 1024;
const DEFAULT_PAGE: u32 = 20;
const MAX_PAGE: u32 = 100;

/// Token buckets by key (a group, or a member of a group): `per_second`
/// tokens, refilled continuously.
#[derive(Default)]
pub struct RateLimiter {
    buckets: Mutex<HashMap<String, (f64, Instant)>>,
}

impl RateLimiter {
    /// Forgets groups idle for a while: their buckets are full again, so a
    /// new one says the same, and the map keeps only groups that talk.
    pub fn prune(&self, idle: std::time::Duration) {
        let now = Instant::now();
        self.buckets.lock().retain(|_, (_, at)| now.duration_since(*at) < idle);
    }

    /// Groups with a bucket.
    pub fn len(&self) -> usize {
        self.buckets.lock().len()
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// Whether one more message fits in `group`'s bucket of `per_second`.
    pub fn take(&self, group: &str, per_second: u32) -> bool {
        let rate = per_second as f64;
        let now = Instant::now();
        let mut buckets = self.buckets.lock();
        let (tokens, at) = buckets.entry(group.to_string()).or_insert((rate, now));
        *tokens = (*tokens + now.duration_since(*at).as_secs_f64() * rate).min(rate);
        *at = now;
        if *tokens >= 1.0 {
            *tokens -= 1.0;
            true
        } else {
            false
        }
    }
}

/// A message ID: unique without coordination (random bits, the time, a counter).
pub fn new_msg_id(now: u64) -> String {
    use std::hash::{BuildHasher, Hasher};
    static COUNTER: std::sync::atomic::AtomicU64 = std::sync::atomic::AtomicU64::new(0);
    let count = COUNTER.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
    let mut h = std::collections::hash_map::RandomState::new().build_hasher();
    h.write_u64(count);
    format!("{:x}-{:016x}-{:x}", now, h.finish(), count)
}

/// A non-zero random number for `message_rand`.
pub fn new_random() -> u32 {
    use std::hash::BuildHasher;
    let n = std::collections::hash_map::RandomState::new().hash_one(new_msg_id(0)) as u32;
    n.max(1)
}

pub(super) fn check_elems(elems: &[Value]) -> Result<()> {
    if elems.is_empty() {
        return Err(err!(InvalidMsgElem, "a message needs at least one elem"));
    }
    for (i, e) in elems.iter().enumerate() {
        let ok = match e.get("elem_type").and_then(Value::as_i64) {
            Some(elem_type::TEXT) => e.get("text_elem_content").is_some_and(Value::is_string),
            Some(elem_type::CUSTOM) => e.get("custom_elem_data").is_some_and(Value::is_string),
            Some(ty) => crate::media::elems::check(ty, e),
            None => false,
        };
        if !ok {
            return Err(err!(InvalidMsgElem, "elem {} must be text (elem_type 0 with text_elem_content), custom (3 with custom_elem_data), face (6 with face_elem_index), location (7 with its longitude and latitude), or a stored image (1), sound (2), file (4), video (9) or merged message (12)", i));
        }
    }
    let size = serde_json::to_string(elems).map_or(usize::MAX, |s| s.len());
    if size > MAX_MESSAGE_BYTES {
        return Err(err!(MsgTooLarge, "the message is {} bytes; the limit is {}", size, MAX_MESSAGE_BYTES));
    }
    Ok(())
}

impl State {
    /// The conversation of `user` in `thread`, as stored or new.
    pub(super) fn conv_or_new(&self, user: &str, thread: &Thread) -> ConvState {
        self.conv(user, thread).cloned().unwrap_or_else(|| ConvState::new(user, thread.clone()))
    }

    /// A group's thread and, for a community, those of its topics.
    fn group_threads(&self, group_id: &str) -> Vec<Thread> {
        let topics = self.groups.get(group_id).into_iter().flat_map(|g| g.profile.topics.keys());
        std::iter::once(group_id).chain(topics.map(String::as_str)).map(|id| Thread::Group(id.to_string())).collect()
    }

    /// The conversation changes for a user who joins a group (and so its
    /// topics): only later messages, and tips from this operation on, are theirs.
    pub(super) fn conv_joined(&self, ctx: &Ctx, user: &str, group_id: &str) -> Vec<Change> {
        self.group_threads(group_id).into_iter().map(|thread| self.conv_joined_thread(ctx, user, thread)).collect()
    }

    pub(super) fn conv_joined_thread(&self, ctx: &Ctx, user: &str, thread: Thread) -> Change {
        let last = self.last_seq(&thread);
        let joined = ConvState { joined_after: last, left_at: None, joined_order: ctx.order, left_order: None, group_state: GroupState::Member, ..self.conv_or_new(user, &thread) };
        Change::PutConv(joined)
    }

    /// The conversation changes for a user who leaves a group (and its
    /// topics): history stays, marked; tips up to this operation's were theirs.
    pub(super) fn conv_left(&self, ctx: &Ctx, user: &str, group_id: &str, state: GroupState) -> Vec<Change> {
        self.group_threads(group_id).into_iter().map(|thread| self.conv_left_thread(ctx, user, thread, state)).collect()
    }

    pub(super) fn conv_left_thread(&self, ctx: &Ctx, user: &str, thread: Thread, state: GroupState) -> Change {
        let left = ConvState { left_at: Some(self.last_seq(&thread)), left_order: Some(ctx.order), group_state: state, ..self.conv_or_new(user, &thread) };
        Change::PutConv(left)
    }

    /// The thread a caller names by conversation type and ID (group ID or peer user ID).
    pub fn thread_for(&self, ctx: &Ctx, conv_type: crate::types::ConvType, conv_id: &str) -> Result<Thread> {
        match conv_type {
            crate::types::ConvType::Group => {
                validate::group_id(conv_id)?;
                Ok(Thread::Group(conv_id.to_string()))
            }
            crate::types::ConvType::C2C => {
                validate::user_id(conv_id).map_err(|_| err!(InvalidConversation, "{:?} is not a user ID", conv_id))?;
                Ok(Thread::c2c(ctx.user, conv_id))
            }
            crate::types::ConvType::System => Err(err!(InvalidConversation, "system messages belong to no conversation")),
        }
    }

    pub fn send(&self, ctx: &Ctx, thread: Thread, msg_id: String, p: SendParam) -> Result<Plan<Arc<Message>>> {
        check_elems(&p.elems)?;
        let quiet_to_sender = p.quiet_to_sender;
        let mut room = false;
        let extras = MessageExtras { need_read_receipt: p.need_read_receipt, support_extension: p.support_extension, ..MessageExtras::default() };
        let mut plan = Plan::new(Arc::new(Message {
            thread: thread.clone(),
            seq: self.last_seq(&thread) + 1,
            msg_id,
            sender: ctx.user.to_string(),
            server_time: ctx.now,
            client_time: p.client_time,
            elems: p.elems,
            at_users: p.at_users,
            targets: p.targets,
            status: MsgStatus::Sent,
            revoker: String::new(),
            order: ctx.order,
            revoked_order: 0,
            // As Tencent's SDK does, a message the app gave no random gets one.
            random: if p.random == 0 { new_random() } else { p.random },
            cloud_custom_data: p.cloud_custom_data,
            platform: ctx.platform,
            version: 0,
            modified_order: 0,
            local_to: None,
            priority: p.priority,
            extras,
        }));
        let m = &plan.value;
        match &thread {
            Thread::Group(gid) => {
                let g = self.thread_group(gid)?;
                // The app's server may speak in any group (the REST API's send_group_msg).
                if !g.members.contains_key(ctx.user) && !ctx.app_admin {
                    return Err(err!(PermissionDenied, "{} is not a member of {}", ctx.user, gid));
                }
                self.can_send(ctx, gid)?;
                if let Some(u) = m.at_users.iter().chain(&m.targets).find(|u| *u != AT_ALL && !g.members.contains_key(*u)) {
                    return Err(err!(InvalidRequest, "{} is not a member of {}", u, gid));
                }
                room = g.rules().online_only;
                if room {
                    self.room_admits(ctx, g, m.priority)?;
                } else if !ctx.rate.take(gid, ctx.limits.group_msgs_per_second) {
                    return Err(err!(SendRateLimit, "group {} accepts {} messages per second", gid, ctx.limits.group_msgs_per_second));
                }
                let per_member = ctx.limits.member_msgs_per_second;
                let unlimited = ctx.app_admin || (room && State::room_allows(ctx, g));
                if per_member > 0 && !unlimited && !ctx.rate.take(&format!("{}\u{0}{}", gid, ctx.user), per_member) {
                    return Err(err!(SendRateLimit, "{} may send {} messages a second to {}", ctx.user, per_member, gid));
                }
            }
            Thread::C2C(..) => {
                if !m.targets.is_empty() || !m.at_users.is_empty() {
                    return Err(err!(InvalidRequest, "mentions and targets are for group messages"));
                }
                for user in [thread.peer(ctx.user), ctx.user] {
                    if self.conv(user, &thread).is_none() {
                        plan.changes.push(Change::PutConv(ConvState::new(user, thread.clone())));
                    }
                }
            }
        }
        let message = Message::clone(&plan.value);
        plan.changes.push(if room { Change::PutRoomMessage { message, keep: ctx.limits.chatroom.latest_on_join } } else { Change::PutMessage(message) });
        plan.events.push(Outgoing::Message { thread, seq: plan.value.seq, to_sender: !quiet_to_sender });
        Ok(plan)
    }

    /// The caller's conversation in `thread`: 10007 for a group it never was in.
    pub(super) fn readable_conv(&self, ctx: &Ctx, thread: &Thread) -> Result<ConvState> {
        match (self.conv(ctx.user, thread), thread) {
            (Some(c), _) => Ok(c.clone()),
            (None, Thread::Group(g)) => {
                self.thread_group(g)?;
                Err(err!(PermissionDenied, "{} is not a member of {}", ctx.user, g))
            }
            (None, Thread::C2C(..)) => Ok(ConvState::new(ctx.user, thread.clone())),
        }
    }

    pub(super) fn find(&self, thread: &Thread, r: &MessageRef) -> Result<&Arc<Message>> {
        let log = self.threads.get(thread);
        let found = match r {
            MessageRef::Id(id) => log.and_then(|l| l.messages.values().rev().find(|m| m.msg_id == *id)),
            MessageRef::Seq(seq) => log.and_then(|l| l.messages.get(seq)),
        };
        found.ok_or_else(|| err!(MsgNotFound, "no such message in this conversation"))
    }

    /// A message the caller's conversation shows, named as Tencent's
    /// receipt, extension, reaction and pin calls name it: 10007 for a
    /// group the caller never was in, 10030 for a message it does not see.
    pub(super) fn shown_message(&self, ctx: &Ctx, key: &MsgKey) -> Result<Arc<Message>> {
        let thread = self.thread_for(ctx, key.conv_type, &key.conv_id)?;
        let conv = self.readable_conv(ctx, &thread)?;
        let m = self.find(&thread, &key.msg)?;
        if !conv.shows(m) {
            return Err(err!(MsgNotFound, "no such message in this conversation"));
        }
        Ok(Arc::clone(m))
    }

    /// History, newest first: what the caller's conversation shows.
    pub fn history(&self, ctx: &Ctx, thread: &Thread, p: &GetMsgListParam) -> Result<Vec<Arc<Message>>> {
        let conv = self.readable_conv(ctx, thread)?;
        let count = match p.count {
            0 => DEFAULT_PAGE,
            n => n.min(MAX_PAGE),
        } as usize;
        let below = match &p.last_msg {
            Some(r) => self.find(thread, r)?.seq,
            None => u64::MAX,
        };
        Ok(self.shown(&conv).filter(|m| m.seq < below).take(count).map(|m| {
            Arc::clone(&self.threads[thread].messages[&m.seq])
        }).collect())
    }

    pub fn revoke(&self, ctx: &Ctx, thread: &Thread, r: &MessageRef) -> Result<Plan<()>> {
        let conv = self.readable_conv(ctx, thread)?;
        let m = self.find(thread, r)?;
        if !conv.shows(m) {
            return Err(err!(MsgNotFound, "no such message in this conversation"));
        }
        let mut plan = Plan::new(());
        if m.status == MsgStatus::Revoked {
            return Ok(plan);
        }
        let manager = match thread {
            Thread::Group(g) => ctx.app_admin || self.thread_group(g).is_ok_and(|g| matches!(g.role_of(ctx.user), Some(Role::Owner | Role::Admin))),
            Thread::C2C(..) => false,
        };
        if m.sender != ctx.user && !manager {
            return Err(err!(RevokeDenied, "only the sender, the owner and admins recall a message"));
        }
        if !manager && ctx.now > m.server_time.saturating_add(ctx.limits.revoke_window_secs) {
            return Err(err!(RevokeTimeLimit, "messages can be recalled within {} s of sending", ctx.limits.revoke_window_secs));
        }
        let revoked = Message { status: MsgStatus::Revoked, revoker: ctx.user.to_string(), elems: Vec::new(), revoked_order: ctx.order, ..Message::clone(m) };
        plan.changes.push(Change::PutMessage(revoked));
        plan.events.push(Outgoing::Revoked { thread: thread.clone(), seq: m.seq });
        Ok(plan)
    }

    /// Marks the conversation read up to a message, or entirely.
    pub fn report_read(&self, ctx: &Ctx, thread: &Thread, upto: Option<&MessageRef>) -> Result<Plan<()>> {
        let conv = self.readable_conv(ctx, thread)?;
        let seq = match upto {
            Some(r) => self.find(thread, r)?.seq,
            None => self.last_seq(thread),
        };
        let mut plan = Plan::new(());
        if seq > conv.read_seq {
            plan.changes.push(Change::PutConv(ConvState { read_seq: seq, ..conv }));
            plan.events.push(Outgoing::Conv { user: ctx.user.to_string(), thread: thread.clone(), kind: ConvEvent::Update });
            plan.events.extend(self.c2c_read_mark_receipt(ctx, thread));
        }
        Ok(plan)
    }

    /// Drops messages older than the retention time.
    pub fn purge_messages(&self, ctx: &Ctx) -> Result<Plan<()>> {
        let cutoff = ctx.now.saturating_sub(ctx.limits.retention_secs);
        let mut plan = Plan::new(());
        let any = self.threads.values().any(|t| t.messages.values().next().is_some_and(|m| m.server_time < cutoff));
        if any {
            plan.changes.push(Change::DeleteMessagesBefore(cutoff));
        }
        Ok(plan)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn idle_groups_leave_the_rate_limiter() {
        let rate = RateLimiter::default();
        assert!(rate.take("a", 40) && rate.take("b", 40));
        rate.prune(std::time::Duration::from_secs(60));
        assert_eq!(rate.len(), 2, "recent buckets stay");
        rate.prune(std::time::Duration::ZERO);
        assert!(rate.is_empty(), "idle ones go");
    }
}
