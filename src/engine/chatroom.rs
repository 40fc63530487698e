//! AVChatRoom (group type 4): the seeds' chat-room semantics. A room is
//! online only: a message goes to the members online when it is sent and
//! nowhere else (no offline storage, no catching up, no history), and the
//! room keeps only its latest few, in memory, for whoever joins next. Under
//! load a room drops what is past its rate, lowest priority first; a room
//! without messages for a while is dismissed; a user is in one room at a time.

use std::collections::VecDeque;
use std::sync::Arc;

use serde::{Deserialize, Serialize};

use crate::error::{err, Result};
use crate::event::{Event, EventBody, Json};
use crate::model::Message;
use crate::types::{MsgPriority, ReportType, Role};

use super::state::{Group, State};
use super::views::MessageView;
use super::{validate, Ctx, Plan};

/// The AVChatRoom rules an app tunes: huddle-server's `[chatroom]`, the
/// embedded engine's `sdk_config_chatroom` (the same keys).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct ChatRoomConfig {
    /// Messages one room fans out per second (Tencent's AVChatRoom limit,
    /// 40). Past a share of it a priority is dropped with 10023: Lowest
    /// past a quarter, Low past half, Normal past three quarters, High past
    /// all of it, so a priority drops only while every lower one does.
    pub msgs_per_second: u32,
    /// The latest messages a member gets, once, when it joins (RC's 50); 0: none.
    pub latest_on_join: usize,
    /// A room without a message for this long is dismissed (RC's hour); 0: never.
    pub idle_destroy_secs: u64,
    /// Joining a room leaves the room the user is in (RC's rule), but not
    /// one it owns; false: a user may be in any number.
    pub one_per_user: bool,
    /// Users whose messages no room drops (hosts, the game's system
    /// accounts), besides app admins and each room's owner and admins.
    pub allowlist: Vec<String>,
}

impl Default for ChatRoomConfig {
    fn default() -> Self {
        ChatRoomConfig { msgs_per_second: 40, latest_on_join: 50, idle_destroy_secs: 3600, one_per_user: true, allowlist: Vec::new() }
    }
}

impl ChatRoomConfig {
    /// How many messages of `priority` a room takes in one second.
    fn share(&self, priority: MsgPriority) -> u64 {
        self.msgs_per_second as u64 * (4 - priority.as_int() as u64) / 4
    }
}

/// What the engine holds of a room besides its group: memory only.
#[derive(Clone, Debug, Default)]
pub struct RoomLog {
    /// The latest messages, oldest first, for whoever joins next.
    pub latest: VecDeque<Arc<Message>>,
    pub last_seq: u64,
    /// When the room was created, last had a message, or the engine opened.
    pub last_active: u64,
    /// The second being counted against the rate, and the messages sent in it.
    window: u64,
    sent: u32,
}

impl RoomLog {
    pub fn new(since: u64) -> RoomLog {
        RoomLog { last_active: since, ..RoomLog::default() }
    }

    fn sent_in(&self, second: u64) -> u64 {
        if self.window == second {
            self.sent as u64
        } else {
            0
        }
    }

    /// Records a message sent, keeping the latest `keep` (and this one, to
    /// publish it, even when joiners get none).
    pub fn put(&mut self, m: Message, keep: usize) {
        if self.window != m.server_time {
            self.window = m.server_time;
            self.sent = 0;
        }
        self.sent += 1;
        self.last_seq = self.last_seq.max(m.seq);
        self.last_active = self.last_active.max(m.server_time);
        self.latest.push_back(Arc::new(m));
        while self.latest.len() > keep.max(1) {
            self.latest.pop_front();
        }
    }

    pub fn message(&self, seq: u64) -> Option<&Arc<Message>> {
        self.latest.iter().rev().find(|m| m.seq == seq)
    }
}

impl State {
    /// Whether `room` takes one more message of `priority` from the caller
    /// this second (10023 if not). Allow-listed senders are never refused;
    /// their messages count against the rate all the same.
    pub(super) fn room_admits(&self, ctx: &Ctx, g: &Group, priority: MsgPriority) -> Result<()> {
        let config = &ctx.limits.chatroom;
        if Self::room_allows(ctx, g) {
            return Ok(());
        }
        let sent = self.rooms.get(&g.profile.id).map_or(0, |r| r.sent_in(ctx.now));
        if sent >= config.share(priority) {
            return Err(err!(
                SendRateLimit,
                "room {} is past {} of its {} messages a second: {:?} priority messages are dropped",
                g.profile.id,
                sent,
                config.msgs_per_second,
                priority
            ));
        }
        Ok(())
    }

    /// Whose messages a room never drops: app admins, its owner and
    /// admins, and the configured allowlist.
    pub(super) fn room_allows(ctx: &Ctx, g: &Group) -> bool {
        ctx.app_admin
            || matches!(g.role_of(ctx.user), Some(Role::Owner | Role::Admin))
            || ctx.limits.chatroom.allowlist.iter().any(|u| u == ctx.user)
    }

    /// The caller leaves the other rooms it is in, but those it owns, before
    /// it joins `joining` (when a user is in one room at a time).
    pub(super) fn leave_other_rooms(&self, ctx: &Ctx, joining: &str) -> Result<Plan<()>> {
        let mut plan = Plan::new(());
        if !ctx.limits.chatroom.one_per_user {
            return Ok(plan);
        }
        for id in self.user_groups.get(ctx.user).into_iter().flatten() {
            let Some(g) = self.groups.get(id) else { continue };
            if id != joining && g.rules().online_only && g.role_of(ctx.user) != Some(Role::Owner) {
                plan.absorb(self.quit(ctx, id)?);
            }
        }
        Ok(plan)
    }

    /// Dismisses every room without a message for the configured time,
    /// telling its members as a disband does (Tencent's GroupRecycle report).
    pub fn dismiss_idle_rooms(&self, ctx: &Ctx) -> Result<Plan<()>> {
        let mut plan = Plan::new(());
        let idle = ctx.limits.chatroom.idle_destroy_secs;
        if idle == 0 {
            return Ok(plan);
        }
        for (id, room) in &self.rooms {
            if ctx.now >= room.last_active.saturating_add(idle) {
                if let Some(g) = self.groups.get(id) {
                    plan.absorb(self.dismissal(ctx, g, ReportType::GroupRecycle));
                }
            }
        }
        Ok(plan)
    }

    /// The group whose online members the caller may count: members and app admins.
    pub fn countable_group(&self, ctx: &Ctx, group_id: &str) -> Result<&Group> {
        validate::group_id(group_id)?;
        let g = self.group(group_id)?;
        if !g.members.contains_key(ctx.user) && !ctx.app_admin {
            return Err(err!(PermissionDenied, "{} is not a member of {}", ctx.user, group_id));
        }
        Ok(g)
    }
}

/// The latest `count` messages of a room as `viewer` gets them when it
/// joins: one array, oldest first, counted in no session's stream (seq 0),
/// since no one catches up on a room.
pub(super) fn latest_event(state: &State, room: &RoomLog, viewer: &str, count: usize) -> Option<Event> {
    let skip = room.latest.len().saturating_sub(count);
    let shown: Vec<String> =
        room.latest.iter().skip(skip).filter(|m| m.visible_to(viewer)).map(|m| MessageView::encode(state, m, viewer)).collect();
    if shown.is_empty() {
        return None;
    }
    Some(Event::new(EventBody::NewMessage { seq: 0, messages: Json::new(format!("[{}]", shown.join(","))) }))
}
