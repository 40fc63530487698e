//! The sessions of each user, the online sessions of each group's members,
//! and delivery of events to them.

use std::collections::{BTreeSet, HashMap};
use std::hash::BuildHasher;
use std::sync::Arc;

use parking_lot::Mutex;

use super::stage;
use super::state::Group;
use crate::event::{Event, EventKind, EventSink};

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct SubscriptionId(u64);

/// Which of the user's sessions a new one replaces (the service's login policy).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Replace {
    Nothing,
    All,
    /// Those on the same platform.
    Platform,
}

/// How a session attaches.
#[derive(Clone, Copy, Debug)]
pub struct Attach {
    /// Tencent's TIMPlatform of the device.
    pub platform: i32,
    pub replace: Replace,
    /// When its user_sig expires (s): the session ends then.
    pub expires_at: Option<u64>,
    /// The seq of the last event the client saw before it lost its
    /// connection: what came after is told first.
    pub resume_after: Option<u64>,
    /// The client's own number: its earlier session still attached (a dead
    /// connection not yet noticed) ends without a word.
    pub instance: Option<u64>,
}

impl Default for Attach {
    fn default() -> Self {
        Attach { platform: 0, replace: Replace::Nothing, expires_at: None, resume_after: None, instance: None }
    }
}

/// What the hub knows of a session besides where its events go.
struct Meta {
    user: String,
    platform: i32,
    expires_at: Option<u64>,
    instance: Option<u64>,
}

/// The session a call came from, and the client instance behind it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Device {
    pub session: SubscriptionId,
    pub instance: Option<u64>,
}

/// One online session of a user.
#[derive(Clone)]
pub struct Online {
    id: SubscriptionId,
    user: String,
    /// `user`'s hash: telling the sender's sessions from the others in a
    /// group of thousands then reads no user ID.
    user_hash: u64,
    /// The client instance behind it (`Attach::instance`).
    instance: Option<u64>,
    sink: Arc<dyn EventSink>,
}

impl Online {
    pub fn user(&self) -> &str {
        &self.user
    }

    /// Whether this session is `device`: the same session, or a later one
    /// of the same client instance (a call made before a reconnect may be
    /// applied after it: its sender has the answer, and must not hear its
    /// own message as if another device had sent it).
    pub fn is_device(&self, device: Device) -> bool {
        self.id == device.session || (device.instance.is_some() && self.instance == device.instance)
    }

    /// Whether this is a session of `user`, whose hash is `hash`.
    pub fn is(&self, user: &str, hash: u64) -> bool {
        self.user_hash == hash && self.user == user
    }
}

/// The online sessions of a group's members, in join order, as of a
/// membership revision (`Group::members_rev`). A group message goes to
/// them without looking each member up.
struct Room {
    members_rev: u64,
    sessions: Vec<Online>,
}

#[derive(Default)]
struct Table {
    next_id: u64,
    by_user: HashMap<String, Vec<Online>>,
    meta: HashMap<SubscriptionId, Meta>,
    /// Sessions by the time their sig expires.
    expiring: BTreeSet<(u64, SubscriptionId)>,
    /// Resolved lazily by the first message after a change; dropped whenever
    /// a session comes or goes, so no room keeps a closed session alive.
    rooms: HashMap<String, Room>,
    hasher: std::collections::hash_map::RandomState,
}

impl Table {
    fn hash(&self, user: &str) -> u64 {
        self.hasher.hash_one(user)
    }
}

#[derive(Default)]
pub struct Hub {
    table: Mutex<Table>,
}

/// The hub while one operation publishes: the session table stays locked.
pub struct Delivery<'a> {
    table: parking_lot::MutexGuard<'a, Table>,
}

impl Delivery<'_> {
    /// The sessions of `user`, if any is online.
    pub fn sessions(&self, user: &str) -> Option<Sessions<'_>> {
        self.table.by_user.get(user).map(|s| Sessions(s))
    }

    /// Builds the event only if a session of `user` wants `kind`, then gives
    /// it to each such session.
    pub fn to(&self, user: &str, kind: EventKind, make: impl FnOnce() -> Option<Event>) {
        if let Some(s) = self.sessions(user) {
            s.give(kind, make);
        }
    }

    /// The online sessions of `group`'s members, in join order.
    pub fn room(&mut self, group: &Group) -> &[Online] {
        let table = &mut *self.table;
        let id = &group.profile.id;
        if table.rooms.get(id).map_or(true, |r| r.members_rev != group.members_rev) {
            // From the smaller side: a lobby of thousands with few online
            // (or a group of few among thousands online) costs the few.
            let sessions = if table.by_user.len() < group.members.len() {
                let mut online: Vec<(u64, &Vec<Online>)> =
                    table.by_user.iter().filter_map(|(u, s)| group.members.get(u).map(|m| (m.join_seq, s))).collect();
                online.sort_unstable_by_key(|(seq, _)| *seq);
                online.into_iter().flat_map(|(_, s)| s.iter().cloned()).collect()
            } else {
                group.by_seq.values().filter_map(|u| table.by_user.get(u)).flatten().cloned().collect()
            };
            table.rooms.insert(id.clone(), Room { members_rev: group.members_rev, sessions });
        }
        &table.rooms[id].sessions
    }

    /// The hash `Online::is` compares.
    pub fn user_hash(&self, user: &str) -> u64 {
        self.table.hash(user)
    }
}

/// Some sessions: one user's, or one of a room.
pub struct Sessions<'a>(pub &'a [Online]);

impl Sessions<'_> {
    /// One room session.
    pub fn one(session: &Online) -> Sessions<'_> {
        Sessions(std::slice::from_ref(session))
    }

    /// Builds the event only if one of these sessions wants `kind`, then
    /// gives it to each that does.
    pub fn give(&self, kind: EventKind, make: impl FnOnce() -> Option<Event>) {
        let mut wanted = self.0.iter().filter(|s| s.sink.wants(kind));
        let Some(mut last) = wanted.next() else { return };
        let Some(event) = make() else { return };
        for next in wanted {
            stage::deliver(&last.sink, event.clone());
            last = next;
        }
        stage::deliver(&last.sink, event);
    }
}

impl Table {
    /// Removes a session; its sink, if it was attached.
    fn remove(&mut self, id: SubscriptionId) -> Option<Arc<dyn EventSink>> {
        let meta = self.meta.remove(&id)?;
        if let Some(at) = meta.expires_at {
            self.expiring.remove(&(at, id));
        }
        let sessions = self.by_user.get_mut(&meta.user)?;
        let at = sessions.iter().position(|s| s.id == id)?;
        let gone = sessions.remove(at);
        if sessions.is_empty() {
            self.by_user.remove(&meta.user);
        }
        self.rooms.clear();
        Some(gone.sink)
    }
}

impl Hub {
    /// Adds a session of `user`; returns its ID and the sinks of the sessions
    /// it replaced, which are gone already.
    pub fn subscribe(&self, user: &str, sink: Arc<dyn EventSink>, attach: Attach) -> (SubscriptionId, Vec<Arc<dyn EventSink>>) {
        let mut table = self.table.lock();
        let replaced: Vec<SubscriptionId> = match attach.replace {
            Replace::Nothing => Vec::new(),
            Replace::All | Replace::Platform => table
                .by_user
                .get(user)
                .into_iter()
                .flatten()
                .map(|s| s.id)
                .filter(|id| attach.replace == Replace::All || table.meta[id].platform == attach.platform)
                .collect(),
        };
        let replaced = replaced.into_iter().filter_map(|id| table.remove(id)).collect();
        // The same client's earlier session goes silently: the client is back.
        let stale: Vec<SubscriptionId> = table
            .by_user
            .get(user)
            .into_iter()
            .flatten()
            .map(|s| s.id)
            .filter(|id| attach.instance.is_some() && table.meta[id].instance == attach.instance)
            .collect();
        for id in stale {
            table.remove(id);
        }
        let id = SubscriptionId(table.next_id);
        table.next_id += 1;
        let online = Online { id, user: user.to_string(), user_hash: table.hash(user), instance: attach.instance, sink };
        table.by_user.entry(user.to_string()).or_default().push(online);
        table.meta.insert(id, Meta { user: user.to_string(), platform: attach.platform, expires_at: attach.expires_at, instance: attach.instance });
        if let Some(at) = attach.expires_at {
            table.expiring.insert((at, id));
        }
        table.rooms.clear();
        (id, replaced)
    }

    /// Removes a session; false if it was gone already (replaced, expired).
    pub fn unsubscribe(&self, id: SubscriptionId) -> bool {
        self.table.lock().remove(id).is_some()
    }

    pub fn is_attached(&self, id: SubscriptionId) -> bool {
        self.table.lock().meta.contains_key(&id)
    }

    /// Removes the sessions whose sig expired by `now`; returns their sinks.
    pub fn expire(&self, now: u64) -> Vec<Arc<dyn EventSink>> {
        let mut table = self.table.lock();
        let due: Vec<SubscriptionId> = table.expiring.iter().take_while(|(at, _)| *at <= now).map(|(_, id)| *id).collect();
        due.into_iter().filter_map(|id| table.remove(id)).collect()
    }

    /// When the next session's sig expires.
    pub fn next_expiry(&self) -> Option<u64> {
        self.table.lock().expiring.first().map(|(at, _)| *at)
    }

    pub fn delivery(&self) -> Delivery<'_> {
        Delivery { table: self.table.lock() }
    }
}
