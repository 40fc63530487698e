//! The engine's memory: every group, member and request, indexed for the
//! questions operations ask. Only `apply` mutates it.

use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::sync::Arc;

use crate::error::{err, Result};
use crate::model::{Change, ConvState, GroupProfile, Member, Message, OutboxEntry, Pendency, Receipt, Report, Snapshot, Thread, TipRecord, UserMeta};
use crate::types::Role;

use super::chatroom::RoomLog;
use super::rules::{rules, TypeRules};
pub use super::search::SearchIndex;

#[derive(Clone, Debug)]
pub struct Group {
    pub profile: GroupProfile,
    pub members: HashMap<String, Member>,
    /// Members in join order, for paging by `next_seq`.
    pub by_seq: BTreeMap<u64, String>,
    /// Changes whenever the members do, and never comes back to a value any
    /// group had (`State::members_rev`): what the hub's rooms are valid for.
    pub members_rev: u64,
}

impl Group {
    pub fn rules(&self) -> &'static TypeRules {
        rules(self.profile.group_type)
    }

    pub fn role_of(&self, user_id: &str) -> Option<Role> {
        self.members.get(user_id).map(|m| m.role)
    }

    pub fn member_ids(&self) -> Vec<String> {
        self.by_seq.values().cloned().collect()
    }

    pub fn member_count(&self) -> u32 {
        self.members.len() as u32
    }

    /// Owner and admins: who is asked about join requests.
    pub fn managers(&self) -> Vec<String> {
        self.by_seq
            .values()
            .filter(|u| matches!(self.members[*u].role, Role::Owner | Role::Admin))
            .cloned()
            .collect()
    }
}

#[derive(Debug, Default)]
pub struct State {
    pub groups: HashMap<String, Group>,
    /// user -> the groups it belongs to.
    pub user_groups: HashMap<String, BTreeSet<String>>,
    pub pendencies: BTreeMap<u64, Pendency>,
    pub users: HashMap<String, UserMeta>,
    pub threads: HashMap<Thread, ThreadLog>,
    /// user -> that user's conversations.
    pub convs: HashMap<String, HashMap<Thread, ConvState>>,
    /// The highest engine-wide order any kept record carries (messages,
    /// recalls, tips, conversation changes): the seq of the latest event.
    pub last_order: u64,
    /// Published group tips by order, kept as long as messages are, for
    /// sessions that catch up.
    pub tips: BTreeMap<u64, TipRecord>,
    /// Group system messages by order, kept as long as messages are.
    pub reports: BTreeMap<u64, Report>,
    /// Recalled messages by the order of the recall, for the same.
    pub recalls: BTreeMap<u64, (Thread, u64)>,
    /// Edited messages by the order of their latest edit, for the same.
    pub edits: BTreeMap<u64, (Thread, u64)>,
    /// The messages' full-text index (`HuddleMsgSearchLocalMessages`).
    pub search: SearchIndex,
    /// Answers to network calls, by user and idempotency key.
    pub receipts: HashMap<String, HashMap<String, Receipt>>,
    /// The same receipts by time, to drop them when they are old.
    receipts_by_time: BTreeSet<(u64, String, String)>,
    /// Groups still there, by the UTC day they were created on (the daily
    /// group quota counts the net number made today).
    created_per_day: BTreeMap<u64, u32>,
    /// Counts membership changes across all groups, for `Group::members_rev`.
    members_rev: u64,
    /// What the app's server has yet to be told of, by ID.
    pub outbox: BTreeMap<u64, OutboxEntry>,
    /// The highest outbox ID given out.
    pub outbox_last_id: u64,
    /// Every AVChatRoom's messages in memory, by group ID.
    pub rooms: HashMap<String, RoomLog>,
}

/// The retained messages of one thread.
#[derive(Debug, Default)]
pub struct ThreadLog {
    pub messages: BTreeMap<u64, Arc<Message>>,
    /// The highest sequence ever used, even if retention dropped its message.
    pub last_seq: u64,
}

impl State {
    /// The state a store's records make, with the search index where the
    /// store says (`SearchIndex::Store`: already in it; else in memory).
    pub fn from_snapshot(snap: Snapshot, search: SearchIndex) -> State {
        let mut state = State { search, ..State::default() };
        let changes = snap
            .groups
            .into_iter()
            .map(Change::PutGroup)
            .chain(snap.members.into_iter().map(|(group_id, member)| Change::PutMember { group_id, member }))
            .chain(snap.pendencies.into_iter().map(Change::PutPendency))
            .chain(snap.users.into_iter().map(Change::PutUser))
            .chain(snap.convs.into_iter().map(Change::PutConv))
            .chain(snap.messages.into_iter().map(Change::PutMessage))
            .chain(snap.tips.into_iter().map(Change::PutTip))
            .chain(snap.receipts.into_iter().map(Change::PutReceipt))
            .chain(snap.reports.into_iter().map(Change::PutReport))
            .chain(snap.outbox.into_iter().map(Change::PutOutbox));
        // One transaction for the whole index, not one per message.
        state.search.begin();
        for c in changes {
            state.apply(c);
        }
        state.search.commit();
        // A thread's sequence never goes back, even when retention emptied it:
        // conversations still point at the old numbers.
        for convs in state.convs.values() {
            for c in convs.values() {
                let log = state.threads.entry(c.thread.clone()).or_default();
                let seen = c.read_seq.max(c.joined_after).max(c.hidden_through).max(c.left_at.unwrap_or(0));
                log.last_seq = log.last_seq.max(seen);
            }
        }
        state
    }

    pub fn last_seq(&self, thread: &Thread) -> u64 {
        match thread {
            Thread::Group(g) if self.rooms.contains_key(g) => self.rooms[g].last_seq,
            _ => self.threads.get(thread).map_or(0, |t| t.last_seq),
        }
    }

    /// A message kept: in its thread, or among a room's latest.
    pub fn message(&self, thread: &Thread, seq: u64) -> Option<&Arc<Message>> {
        match thread {
            Thread::Group(g) if self.rooms.contains_key(g) => self.rooms[g].message(seq),
            _ => self.threads.get(thread).and_then(|t| t.messages.get(&seq)),
        }
    }

    /// Rooms idle since before `now` count as active from `now`: an engine
    /// that opens has lost what their members said.
    pub fn rooms_awake(&mut self, now: u64) {
        for room in self.rooms.values_mut() {
            room.last_active = room.last_active.max(now);
        }
    }

    pub fn conv(&self, user: &str, thread: &Thread) -> Option<&ConvState> {
        self.convs.get(user).and_then(|c| c.get(thread))
    }

    pub fn group(&self, group_id: &str) -> Result<&Group> {
        self.groups.get(group_id).ok_or_else(|| err!(GroupNotFound, "group {:?} does not exist", group_id))
    }

    /// The group whose members a group thread reaches: the group itself,
    /// or the community of a topic (`@TOPIC#_` in its ID) that exists.
    pub fn thread_group(&self, id: &str) -> Result<&Group> {
        let topic_of = |c: &str| self.groups.get(c).filter(|g| g.profile.topics.contains_key(id));
        match super::validate::topic_community(id) {
            Some(community) if !self.groups.contains_key(id) => {
                topic_of(community).ok_or_else(|| err!(GroupNotFound, "topic {:?} does not exist", id))
            }
            _ => self.group(id),
        }
    }

    pub fn user_meta(&self, user_id: &str) -> UserMeta {
        self.users
            .get(user_id)
            .cloned()
            .unwrap_or_else(|| UserMeta { user_id: user_id.to_string(), ..UserMeta::default() })
    }

    /// The answer `user` got to the call with idempotency key `key`.
    pub fn receipt(&self, user: &str, key: &str) -> Option<&Receipt> {
        self.receipts.get(user).and_then(|r| r.get(key))
    }

    /// When the oldest receipt was made.
    pub fn oldest_receipt(&self) -> Option<u64> {
        self.receipts_by_time.first().map(|(time, _, _)| *time)
    }

    /// Groups created on the UTC day of `time` that still exist.
    pub fn groups_created_on(&self, time: u64) -> u32 {
        self.created_per_day.get(&(time / 86_400)).copied().unwrap_or(0)
    }

    pub fn next_pendency_id(&self) -> u64 {
        self.pendencies.keys().next_back().map_or(1, |id| id + 1)
    }

    pub fn apply(&mut self, change: Change) {
        match change {
            Change::PutGroup(profile) => match self.groups.get_mut(&profile.id) {
                Some(g) => g.profile = profile,
                None => {
                    self.members_rev += 1;
                    *self.created_per_day.entry(profile.create_time / 86_400).or_default() += 1;
                    if rules(profile.group_type).online_only {
                        self.rooms.insert(profile.id.clone(), RoomLog::new(profile.create_time));
                    }
                    let group = Group { profile, members: HashMap::new(), by_seq: BTreeMap::new(), members_rev: self.members_rev };
                    self.groups.insert(group.profile.id.clone(), group);
                }
            },
            Change::DeleteGroup(id) => {
                self.rooms.remove(&id);
                if let Some(g) = self.groups.remove(&id) {
                    if let Some(n) = self.created_per_day.get_mut(&(g.profile.create_time / 86_400)) {
                        *n = n.saturating_sub(1);
                    }
                    for user in g.members.keys() {
                        self.forget_membership(user, &id);
                    }
                }
                self.pendencies.retain(|_, p| p.group_id != id);
            }
            Change::PutMember { group_id, member } => {
                let Some(g) = self.groups.get_mut(&group_id) else { return };
                self.members_rev += 1;
                g.members_rev = self.members_rev;
                if let Some(old) = g.members.get(&member.user_id) {
                    g.by_seq.remove(&old.join_seq);
                }
                g.by_seq.insert(member.join_seq, member.user_id.clone());
                self.user_groups.entry(member.user_id.clone()).or_default().insert(group_id);
                g.members.insert(member.user_id.clone(), member);
            }
            Change::DeleteMember { group_id, user_id } => {
                if let Some(g) = self.groups.get_mut(&group_id) {
                    if let Some(m) = g.members.remove(&user_id) {
                        g.by_seq.remove(&m.join_seq);
                        self.members_rev += 1;
                        g.members_rev = self.members_rev;
                    }
                }
                self.forget_membership(&user_id, &group_id);
            }
            Change::PutPendency(p) => {
                self.pendencies.insert(p.id, p);
            }
            Change::DeletePendency(id) => {
                self.pendencies.remove(&id);
            }
            Change::PutUser(u) => {
                self.last_order = self.last_order.max(u.conv_group_log.last().map_or(0, |e| e.order)).max(u.all_recv_opt.order);
                self.users.insert(u.user_id.clone(), u);
            }
            Change::PutMessage(m) => {
                self.search.put(&m);
                let log = self.threads.entry(m.thread.clone()).or_default();
                log.last_seq = log.last_seq.max(m.seq);
                self.last_order = self.last_order.max(m.order).max(m.revoked_order).max(m.modified_order);
                if m.revoked_order > 0 {
                    self.recalls.insert(m.revoked_order, (m.thread.clone(), m.seq));
                }
                if m.modified_order > 0 {
                    self.edits.insert(m.modified_order, (m.thread.clone(), m.seq));
                }
                log.messages.insert(m.seq, Arc::new(m));
            }
            Change::DeleteMessagesBefore(time) => {
                for log in self.threads.values_mut() {
                    log.messages.retain(|_, m| m.server_time >= time);
                }
                self.tips.retain(|_, t| t.tip.time >= time);
                self.reports.retain(|_, r| r.time >= time);
                let threads = &self.threads;
                self.recalls.retain(|_, (thread, seq)| threads.get(thread).is_some_and(|t| t.messages.contains_key(seq)));
                self.edits.retain(|_, (thread, seq)| threads.get(thread).is_some_and(|t| t.messages.contains_key(seq)));
                self.search.remove_before(time);
            }
            Change::PutTip(t) => {
                self.last_order = self.last_order.max(t.order);
                self.tips.insert(t.order, t);
            }
            Change::PutReceipt(r) => {
                self.receipts_by_time.insert((r.time, r.user.clone(), r.key.clone()));
                self.receipts.entry(r.user.clone()).or_default().insert(r.key.clone(), r);
            }
            Change::DeleteReceiptsBefore(time) => {
                let old: Vec<(String, String)> =
                    self.receipts_by_time.iter().take_while(|(t, _, _)| *t < time).map(|(_, u, k)| (u.clone(), k.clone())).collect();
                for (user, key) in old {
                    self.forget_receipt(&user, &key);
                }
            }
            Change::PutReport(r) => {
                self.last_order = self.last_order.max(r.order);
                self.reports.insert(r.order, r);
            }
            Change::PutOutbox(e) => {
                self.outbox_last_id = self.outbox_last_id.max(e.id);
                self.outbox.insert(e.id, e);
            }
            Change::DeleteOutboxThrough(id) => {
                self.outbox = id.checked_add(1).map_or_else(BTreeMap::new, |next| self.outbox.split_off(&next));
            }
            Change::PutConv(c) => {
                self.last_order = self.last_order.max(c.updated_order);
                self.convs.entry(c.user.clone()).or_default().insert(c.thread.clone(), c);
            }
            Change::PutRoomMessage { message, keep } => {
                self.last_order = self.last_order.max(message.order);
                let Thread::Group(g) = &message.thread else { return };
                if let Some(room) = self.rooms.get_mut(g) {
                    room.put(message, keep);
                }
            }
        }
    }

    pub(super) fn forget_receipt(&mut self, user: &str, key: &str) {
        let Some(keys) = self.receipts.get_mut(user) else { return };
        if let Some(r) = keys.remove(key) {
            self.receipts_by_time.remove(&(r.time, r.user, r.key));
        }
        if keys.is_empty() {
            self.receipts.remove(user);
        }
    }

    fn forget_membership(&mut self, user_id: &str, group_id: &str) {
        if let Some(set) = self.user_groups.get_mut(user_id) {
            set.remove(group_id);
            if set.is_empty() {
                self.user_groups.remove(user_id);
            }
        }
    }
}
