//! Taking an operation back: before each of its changes is applied to
//! memory, what would restore the state is noted, so that a panic halfway
//! through an operation (a bug) leaves the engine as it was before it.

use crate::model::{Change, Message, Thread};

use super::chatroom::RoomLog;
use super::state::State;

/// How to take one change back.
pub enum Undo {
    /// Boxed: most undos are small, and an operation may note thousands.
    Apply(Box<Change>),
    RemoveUser(String),
    RemoveMessage(Thread, u64),
    RemoveRecall(u64),
    RemoveEdit(u64),
    RemoveConv(String, Thread),
    RemoveTip(u64),
    RemoveReceipt(String, String),
    RemoveOutbox(u64),
    RemoveReport(u64),
    /// A room's memory as it was (its latest messages, its rate count).
    RestoreRoom(String, RoomLog),
}

/// The undos of an operation, one list per change, each in the order it is
/// to be applied; the lists are undone last change first.
#[derive(Default)]
pub struct UndoLog(Vec<Vec<Undo>>);

impl UndoLog {
    /// Applies `change`, noting first how to take it back.
    pub fn apply(&mut self, state: &mut State, change: Change) {
        self.0.push(state.undo_of(&change));
        state.apply(change);
    }

    /// Restores the state from before the first change applied through this log.
    pub fn rollback(self, state: &mut State) {
        for undos in self.0.into_iter().rev() {
            for undo in undos {
                state.undo(undo);
            }
        }
    }
}

impl State {
    fn undo_of(&self, change: &Change) -> Vec<Undo> {
        let put = |c: Change| vec![Undo::Apply(Box::new(c))];
        match change {
            Change::PutGroup(p) => match self.groups.get(&p.id) {
                Some(g) => put(Change::PutGroup(g.profile.clone())),
                None => put(Change::DeleteGroup(p.id.clone())),
            },
            Change::DeleteGroup(id) => {
                let Some(g) = self.groups.get(id) else { return Vec::new() };
                let members = g.members.values().map(|m| Change::PutMember { group_id: id.clone(), member: m.clone() });
                let pendencies = self.pendencies.values().filter(|p| p.group_id == *id).map(|p| Change::PutPendency(p.clone()));
                let all = std::iter::once(Change::PutGroup(g.profile.clone())).chain(members).chain(pendencies);
                let room = self.rooms.get(id).map(|r| Undo::RestoreRoom(id.clone(), r.clone()));
                all.map(|c| Undo::Apply(Box::new(c))).chain(room).collect()
            }
            Change::PutMember { group_id, member } => match self.groups.get(group_id).map(|g| g.members.get(&member.user_id)) {
                None => Vec::new(),
                Some(Some(old)) => put(Change::PutMember { group_id: group_id.clone(), member: old.clone() }),
                Some(None) => put(Change::DeleteMember { group_id: group_id.clone(), user_id: member.user_id.clone() }),
            },
            Change::DeleteMember { group_id, user_id } => match self.groups.get(group_id).and_then(|g| g.members.get(user_id)) {
                Some(old) => put(Change::PutMember { group_id: group_id.clone(), member: old.clone() }),
                None => Vec::new(),
            },
            Change::PutPendency(p) => match self.pendencies.get(&p.id) {
                Some(old) => put(Change::PutPendency(old.clone())),
                None => put(Change::DeletePendency(p.id)),
            },
            Change::DeletePendency(id) => self.pendencies.get(id).map(|old| put(Change::PutPendency(old.clone()))).unwrap_or_default(),
            Change::PutUser(u) => match self.users.get(&u.user_id) {
                Some(old) => put(Change::PutUser(old.clone())),
                None => vec![Undo::RemoveUser(u.user_id.clone())],
            },
            Change::PutMessage(m) => {
                let old = self.threads.get(&m.thread).and_then(|t| t.messages.get(&m.seq));
                let mut undos = match old {
                    Some(old) => put(Change::PutMessage(Message::clone(old))),
                    None => vec![Undo::RemoveMessage(m.thread.clone(), m.seq)],
                };
                if m.revoked_order > 0 && old.map_or(0, |o| o.revoked_order) != m.revoked_order {
                    undos.push(Undo::RemoveRecall(m.revoked_order));
                }
                if m.modified_order > 0 && old.map_or(0, |o| o.modified_order) != m.modified_order {
                    undos.push(Undo::RemoveEdit(m.modified_order));
                }
                undos
            }
            Change::DeleteMessagesBefore(time) => {
                let messages = self.threads.values().flat_map(|t| t.messages.values()).filter(|m| m.server_time < *time);
                let tips = self.tips.values().filter(|t| t.tip.time < *time);
                let reports = self.reports.values().filter(|r| r.time < *time);
                let all = messages
                    .map(|m| Change::PutMessage(Message::clone(m)))
                    .chain(tips.map(|t| Change::PutTip(t.clone())))
                    .chain(reports.map(|r| Change::PutReport(r.clone())));
                all.map(|c| Undo::Apply(Box::new(c))).collect()
            }
            Change::PutConv(c) => match self.conv(&c.user, &c.thread) {
                Some(old) => put(Change::PutConv(old.clone())),
                None => vec![Undo::RemoveConv(c.user.clone(), c.thread.clone())],
            },
            Change::PutTip(t) => match self.tips.get(&t.order) {
                Some(old) => put(Change::PutTip(old.clone())),
                None => vec![Undo::RemoveTip(t.order)],
            },
            Change::PutReceipt(r) => match self.receipt(&r.user, &r.key) {
                Some(old) => put(Change::PutReceipt(old.clone())),
                None => vec![Undo::RemoveReceipt(r.user.clone(), r.key.clone())],
            },
            Change::DeleteReceiptsBefore(time) => {
                let old = self.receipts.values().flat_map(|r| r.values()).filter(|r| r.time < *time);
                old.map(|r| Undo::Apply(Box::new(Change::PutReceipt(r.clone())))).collect()
            }
            Change::PutReport(r) => match self.reports.get(&r.order) {
                Some(old) => put(Change::PutReport(old.clone())),
                None => vec![Undo::RemoveReport(r.order)],
            },
            Change::PutOutbox(e) => match self.outbox.get(&e.id) {
                Some(old) => put(Change::PutOutbox(old.clone())),
                None => vec![Undo::RemoveOutbox(e.id)],
            },
            Change::DeleteOutboxThrough(id) => {
                self.outbox.range(..=id).map(|(_, e)| Undo::Apply(Box::new(Change::PutOutbox(e.clone())))).collect()
            }
            Change::PutRoomMessage { message, .. } => match &message.thread {
                Thread::Group(g) => self.rooms.get(g).map(|r| vec![Undo::RestoreRoom(g.clone(), r.clone())]).unwrap_or_default(),
                Thread::C2C(..) => Vec::new(),
            },
        }
    }

    fn undo(&mut self, undo: Undo) {
        match undo {
            Undo::Apply(change) => self.apply(*change),
            Undo::RemoveUser(user) => {
                self.users.remove(&user);
            }
            Undo::RemoveMessage(thread, seq) => {
                if let Some(log) = self.threads.get_mut(&thread) {
                    log.messages.remove(&seq);
                }
                self.search.remove(&thread, seq);
            }
            Undo::RemoveRecall(order) => {
                self.recalls.remove(&order);
            }
            Undo::RemoveEdit(order) => {
                self.edits.remove(&order);
            }
            Undo::RemoveConv(user, thread) => {
                if let Some(convs) = self.convs.get_mut(&user) {
                    convs.remove(&thread);
                }
            }
            Undo::RemoveTip(order) => {
                self.tips.remove(&order);
            }
            Undo::RemoveReceipt(user, key) => self.forget_receipt(&user, &key),
            Undo::RemoveReport(order) => {
                self.reports.remove(&order);
            }
            Undo::RemoveOutbox(id) => {
                self.outbox.remove(&id);
            }
            Undo::RestoreRoom(id, room) => {
                self.rooms.insert(id, room);
            }
        }
    }
}
