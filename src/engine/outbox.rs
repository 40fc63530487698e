//! The outbox: what the app's server is told of after it happened. An
//! operation writes its entries in the same commit as its changes, so an
//! entry exists exactly when what it tells of does; a deliverer reads them
//! in ID order and takes them out once the app's server has them (at least
//! once: a crash between the two delivers again).

use std::collections::HashMap;

use tracing::warn;

use crate::error::Result;
use crate::model::{AppEvent, AppEventKinds, Change, OutboxEntry, Thread};
use crate::types::{Role, TipType};

use super::publish::Outgoing;
use super::state::State;
use super::{Ctx, Engine, Plan};

impl<T> Plan<T> {
    /// Adds to the plan the outbox entries of the kinds in `kinds` that it
    /// causes, read from its tips and messages (numbered already) and from
    /// the state before it applies.
    pub(super) fn record_app_events(&mut self, state: &State, ctx: &Ctx, kinds: AppEventKinds) {
        if ctx.via.is_some_and(|v| v.quiet) {
            return;
        }
        let mut events = Vec::new();
        for tip in &self.tips {
            let group_type = || state.groups.get(&tip.group_id).map(|g| g.profile.group_type);
            let event = match tip.tip_type {
                TipType::GroupCreated => {
                    let group = self.changes.iter().rev().find_map(|c| match c {
                        Change::PutGroup(p) if p.id == tip.group_id => Some(p.clone()),
                        _ => None,
                    });
                    let members: Vec<(String, Role)> = self
                        .changes
                        .iter()
                        .filter_map(|c| match c {
                            Change::PutMember { group_id, member } if *group_id == tip.group_id => Some((member.user_id.clone(), member.role)),
                            _ => None,
                        })
                        .collect();
                    group.map(|group| AppEvent::GroupCreated { group, members, op_user: tip.op_user.clone() })
                }
                TipType::Invite => group_type().map(|group_type| AppEvent::MembersJoined {
                    group_id: tip.group_id.clone(),
                    group_type,
                    op_user: tip.op_user.clone(),
                    join_type: tip.join_type.unwrap_or(crate::types::JoinType::Apply),
                    users: tip.users.clone(),
                }),
                TipType::Quit | TipType::Kick => group_type().map(|group_type| AppEvent::MembersExited {
                    group_id: tip.group_id.clone(),
                    group_type,
                    op_user: tip.op_user.clone(),
                    kicked: tip.tip_type == TipType::Kick,
                    users: tip.users.clone(),
                }),
                TipType::GroupInfoChange => group_type().map(|group_type| AppEvent::GroupInfoChanged {
                    group_id: tip.group_id.clone(),
                    group_type,
                    op_user: tip.op_user.clone(),
                    changes: tip.group_changes.clone(),
                }),
                TipType::GroupDismissed => state.groups.get(&tip.group_id).map(|g| AppEvent::GroupDestroyed {
                    group: g.profile.clone(),
                    members: g.member_ids(),
                    op_user: tip.op_user.clone(),
                }),
                _ => None,
            };
            events.extend(event);
        }
        let mut sent: HashMap<(&Thread, u64), &crate::model::Message> = HashMap::new();
        for change in &self.changes {
            if let Change::PutMessage(m) | Change::PutRoomMessage { message: m, .. } = change {
                sent.insert((&m.thread, m.seq), m);
            }
        }
        for event in &self.events {
            if let Outgoing::Message { thread: thread @ Thread::Group(g), seq, .. } = event {
                let group_type = state.thread_group(g).ok().map(|g| g.profile.group_type);
                if let (Some(group_type), Some(m)) = (group_type, sent.get(&(thread, *seq))) {
                    let operator = ctx.via.map_or_else(|| m.sender.clone(), |v| v.operator.clone());
                    events.push(AppEvent::MessageSent { group_type, message: (*m).clone(), operator });
                }
            }
        }
        events.retain(|e| kinds.contains(e.kind()));
        if events.is_empty() {
            return;
        }
        let overflow = (state.outbox.len() + events.len()).saturating_sub(ctx.limits.max_outbox);
        if let Some((&id, _)) = overflow.checked_sub(1).and_then(|n| state.outbox.iter().nth(n)) {
            warn!(dropped = overflow, "the outbox holds {} events, its most: the oldest go undelivered", ctx.limits.max_outbox);
            self.changes.push(Change::DeleteOutboxThrough(id));
        }
        for (i, event) in events.into_iter().enumerate() {
            let origin = ctx.via.map(|v| v.origin.clone());
            self.changes.push(Change::PutOutbox(OutboxEntry { id: state.outbox_last_id + 1 + i as u64, time: ctx.now, event, origin }));
        }
    }
}

impl Engine {
    /// Up to `limit` outbox entries after ID `after`, oldest first,
    /// including some whose operation may still wait for its commit
    /// (`sync` before telling anyone of them).
    pub fn outbox(&self, after: u64, limit: usize) -> Vec<OutboxEntry> {
        let inner = self.inner.lock();
        inner.state.outbox.range(after.saturating_add(1)..).take(limit).map(|(_, e)| e.clone()).collect()
    }

    /// Takes out the outbox entries up to ID `through` (delivered), durably.
    pub fn ack_outbox(&self, through: u64) -> Result<()> {
        self.run("", |_, _| Ok(Plan { changes: vec![Change::DeleteOutboxThrough(through)], ..Plan::new(()) })).map(|_| ())
    }

    /// Notified whenever an operation adds to the outbox.
    pub fn outbox_signal(&self) -> std::sync::Arc<tokio::sync::Notify> {
        std::sync::Arc::clone(&self.outbox_signal)
    }
}
