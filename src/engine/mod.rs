//! The engine: all group rules, in pure Rust. Every operation takes the acting
//! user and returns its result plus the tips it caused, or one `Error`.
//!
//! An operation is a function of the current `State` that returns a `Plan`:
//! its value, the `Change`s to persist and the tips to send. `Engine::run`
//! persists the changes, applies them to memory, reports the result and
//! publishes the tips, all under one lock, so every subscriber sees events in
//! the order they happened. Host callbacks a delivery raises (wakes) run
//! only once the lock is released (`wake::deferred`).

mod admin;
mod attributes;
mod catchup;
mod chatroom;
mod commit;
mod conv_marks;
mod conversations;
mod edit;
mod expiry;
mod frequency;
mod extensions;
mod groups;
mod hub;
mod members;
mod messages;
mod outbox;
mod pendency;
mod pins;
mod profile;
mod publish;
mod push;
mod recv_opt;
mod reactions;
mod receipts;
pub mod rules;
mod group_search;
mod search;
mod stage;
mod state;
mod topics;
mod undo;
mod unread;
mod users;
mod validate;
pub mod views;

use std::collections::HashSet;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::{SystemTime, UNIX_EPOCH};

use parking_lot::{Mutex, RwLock};

use crate::error::{Error, Result};
use crate::event::{Event, EventBody, EventSink};
use crate::model::{AppEventKinds, Change, Receipt, Report, Snapshot, TipRecord};
use crate::response::{Reply, Response};
use crate::store::{SqliteStore, Store};
use crate::wake;
use undo::UndoLog;

pub use admin::{GroupPage, ImportedMember, ImportedMessage};
pub use attributes::{AttrWrite, CounterWrite};
pub use chatroom::ChatRoomConfig;
pub use groups::{Founding, GroupInfo, InviteOutcome, JoinedGroup};
pub use hub::{Attach, Device, Replace, SubscriptionId};
pub use conversations::{conv_results_json, ConvResult};
pub use edit::Edited;
pub use messages::{new_msg_id, new_random, RateLimiter};
pub use publish::Outgoing;
pub use push::{PushNotice, PushSink, PushTarget};
pub use recv_opt::QuietWindow;
pub use receipts::ReadMemberPage;
pub use reactions::ReactionUserPage;
pub use extensions::{Extension, ExtensionsSet};
pub use members::MemberPage;
pub use pendency::{PendencyPage, PendencyView};
pub use state::{Group, SearchIndex, State, ThreadLog};
pub use crate::model::{Audience, GroupChange, MemberChange, OpMemberInfo, OpUserInfo, Tip};
pub use validate::{group_id as validate_group_id, user_id as validate_user_id};

/// How far a durable engine's orders jump when it opens (see `Engine::open`).
const ORDER_GAP_AT_OPEN: u64 = 1 << 32;

/// A source of the current time in seconds, replaceable in tests.
pub trait Clock: Send + Sync {
    fn now(&self) -> u64;
}

/// The wall clock.
pub struct SystemClock;

impl Clock for SystemClock {
    fn now(&self) -> u64 {
        SystemTime::now().duration_since(UNIX_EPOCH).map_or(0, |d| d.as_secs())
    }
}

/// Message limits of an engine.
#[derive(Clone, Debug)]
pub struct Limits {
    /// Messages one group accepts per second (RC's client limit is 5, Huddle's default 40).
    pub group_msgs_per_second: u32,
    /// How long messages are kept (RC's default: 7 days).
    pub retention_secs: u64,
    /// How long a sender may recall a message (owner and admins: always).
    pub revoke_window_secs: u64,
    /// How long the answer to a network call is kept for the same call
    /// sent again (longer than any client waits for a reply).
    pub receipt_secs: u64,
    /// Durable engines: operations waiting for their commit at most; past
    /// it, calls are refused with 7008 until the store catches up.
    pub max_uncommitted: usize,
    /// Groups created per UTC day and still there (Tencent's "net group
    /// consumption", 10000 a day per app); past it, 10006.
    pub daily_group_quota: u32,
    /// Messages one member may send to one group per second (the seeds'
    /// client limit is 5); 0: no limit. App admins are not limited.
    pub member_msgs_per_second: u32,
    /// Events the outbox holds for the app's server at most; past it, the
    /// oldest are dropped (with a warning) rather than memory grow for ever.
    pub max_outbox: usize,
    /// Durable engines: how long a failing commit is tried again before its
    /// operations (and those queued after them) are taken back and refused.
    pub commit_retry_secs: u64,
    /// Group attribute writes (init, set and delete together) one user may
    /// make in 5 seconds (Tencent's 10); more get 8511. 0: no limit.
    pub group_attr_writes_per_5s: u32,
    /// Group counter writes (set, increase and decrease together) one user
    /// may make in 5 seconds (Tencent's 20); more get 8516. 0: no limit.
    pub group_counter_writes_per_5s: u32,
    /// AVChatRoom's rules: rate and priorities, latest on join, idle
    /// dismissal, one room per user.
    pub chatroom: ChatRoomConfig,
}

impl Default for Limits {
    fn default() -> Self {
        Limits {
            group_msgs_per_second: 40,
            retention_secs: 7 * 24 * 3600,
            revoke_window_secs: 120,
            receipt_secs: 300,
            max_uncommitted: 100_000,
            daily_group_quota: 10_000,
            member_msgs_per_second: 0,
            max_outbox: 1_000_000,
            commit_retry_secs: 10,
            group_attr_writes_per_5s: 10,
            group_counter_writes_per_5s: 20,
            chatroom: ChatRoomConfig::default(),
        }
    }
}

/// How to open an engine.
#[derive(Clone)]
pub struct EngineConfig {
    /// Where SQLite keeps the data; `None` keeps everything in memory.
    pub data_dir: Option<PathBuf>,
    pub admins: Vec<String>,
    pub clock: Arc<dyn Clock>,
    pub limits: Limits,
    /// What operations record in the outbox for the app's server (none by default).
    pub app_events: AppEventKinds,
    /// Told of every new message's offline readers (none by default).
    pub push: Option<Arc<dyn PushSink>>,
    /// Told how long each durable commit took (for metrics).
    pub on_commit: Option<Arc<dyn Fn(std::time::Duration) + Send + Sync>>,
}

impl Default for EngineConfig {
    fn default() -> Self {
        EngineConfig {
            data_dir: None,
            admins: Vec::new(),
            clock: Arc::new(SystemClock),
            limits: Limits::default(),
            app_events: AppEventKinds::default(),
            push: None,
            on_commit: None,
        }
    }
}

/// Who calls: the acting user; for a session's call, its device (the
/// user's other devices hear of its own messages); for a network call,
/// its idempotency key (a call sent again gets the answer it got, and does
/// not run twice), and where it came from (`Via`); and whether the app's
/// server acts, with an app admin's rights, in the user's name (the REST
/// API's `From_Account`).
#[derive(Clone, Copy, Debug)]
pub struct Caller<'a> {
    pub user: &'a str,
    pub device: Option<Device>,
    pub key: Option<&'a str>,
    pub as_admin: bool,
    pub via: Option<&'a Via>,
    /// The TIMPlatform of the caller's device (a session's, from its
    /// login); 0 (Other) for the app's server and tools.
    pub platform: u32,
}

/// Where a network call came from and who made it, for the app's server's callbacks.
#[derive(Clone, Debug)]
pub struct Via {
    pub origin: crate::model::Origin,
    /// Who made the request: the user, or the app admin acting in its name.
    pub operator: String,
    /// The app asked that no "after" callback tell of this call
    /// (`ForbidAfterSendMsgCallback`).
    pub quiet: bool,
}

impl<'a> Caller<'a> {
    /// The app's server acting as `user`, with an app admin's rights.
    pub fn admin(user: &'a str) -> Caller<'a> {
        Caller { user, device: None, key: None, as_admin: true, via: None, platform: 0 }
    }
}

impl<'a> From<&'a str> for Caller<'a> {
    fn from(user: &'a str) -> Caller<'a> {
        Caller { user, device: None, key: None, as_admin: false, via: None, platform: 0 }
    }
}

/// What an operation knows about its caller and the moment it runs.
pub struct Ctx<'a> {
    pub user: &'a str,
    pub device: Option<Device>,
    pub app_admin: bool,
    pub now: u64,
    /// The engine-wide order this operation's first event takes (its
    /// seq); its tips take this and the next ones.
    pub order: u64,
    pub limits: &'a Limits,
    pub rate: &'a RateLimiter,
    pub frequency: &'a frequency::Frequency,
    pub via: Option<&'a Via>,
    /// The caller's TIMPlatform (see `Caller::platform`).
    pub platform: u32,
}

/// What an operation decided: nothing has changed until `Engine::run` applies it.
pub struct Plan<T> {
    pub value: T,
    pub changes: Vec<Change>,
    pub tips: Vec<Tip>,
    pub events: Vec<Outgoing>,
    /// Group system messages (Tencent's group reports) to the users concerned.
    pub reports: Vec<Report>,
}

impl<T> Plan<T> {
    pub fn new(value: T) -> Plan<T> {
        Plan { value, changes: Vec::new(), tips: Vec::new(), events: Vec::new(), reports: Vec::new() }
    }

    /// The same plan, answering `value`.
    pub fn with_value<U>(self, value: U) -> Plan<U> {
        Plan { value, changes: self.changes, tips: self.tips, events: self.events, reports: self.reports }
    }

    /// Adds what `other` does after what this plan does (its value is dropped).
    pub fn absorb<U>(&mut self, other: Plan<U>) {
        self.changes.extend(other.changes);
        self.tips.extend(other.tips);
        self.events.extend(other.events);
        self.reports.extend(other.reports);
    }
}

/// A completed operation: its value and the tips it sent.
#[derive(Debug)]
pub struct Outcome<T> {
    pub value: T,
    pub tips: Vec<Tip>,
}

struct Inner {
    state: State,
}

pub struct Engine {
    inner: Mutex<Inner>,
    hub: hub::Hub,
    admins: RwLock<HashSet<String>>,
    clock: Arc<dyn Clock>,
    data_dir: Option<PathBuf>,
    expiries: Arc<expiry::Expiries>,
    limits: Limits,
    rate: RateLimiter,
    frequency: frequency::Frequency,
    /// Durable engines commit through it; in-memory engines have none.
    committer: Option<Arc<commit::Committer>>,
    app_events: AppEventKinds,
    outbox_signal: Arc<tokio::sync::Notify>,
    push: Option<Arc<dyn PushSink>>,
    /// The files of media messages (under the data dir; with none, in a
    /// folder of the engine's own that goes with it).
    media: crate::media::MediaStore,
}

impl Drop for Engine {
    fn drop(&mut self) {
        // Wake the expiry thread so that it sees the engine gone and ends now.
        self.expiries.wake();
        if let Some(c) = &self.committer {
            c.close();
        }
    }
}

impl Engine {
    /// Opens the engine, loading everything its store holds.
    pub fn open(config: EngineConfig) -> Result<Arc<Engine>> {
        let store: Option<Box<dyn Store>> = match &config.data_dir {
            Some(dir) => Some(Box::new(SqliteStore::open(dir)?)),
            None => None,
        };
        Engine::open_with(config, store)
    }

    /// Opens the engine on `store` (none: everything in memory), loading
    /// everything it holds; `config.data_dir` only names where it lives.
    pub fn open_with(config: EngineConfig, store: Option<Box<dyn Store>>) -> Result<Arc<Engine>> {
        let mut search = SearchIndex::default();
        let (snapshot, committer) = match store {
            Some(mut store) => {
                let snapshot = store.load()?;
                if store.keeps_search_index() {
                    search = SearchIndex::Store;
                }
                let retry = std::time::Duration::from_secs(config.limits.commit_retry_secs);
                (snapshot, Some(commit::Committer::start(store, config.limits.max_uncommitted, retry, config.on_commit.clone())))
            }
            None => (Snapshot::default(), None),
        };
        let media = crate::media::MediaStore::open(config.data_dir.as_deref())?;
        let expiries = Arc::new(expiry::Expiries::default());
        let mutes: Vec<Change> = snapshot
            .members
            .iter()
            .filter(|(_, m)| m.shutup_until > 0)
            .map(|(group_id, member)| Change::PutMember { group_id: group_id.clone(), member: member.clone() })
            .collect();
        expiries.schedule(&mutes, 0);
        let mut state = State::from_snapshot(snapshot, search);
        state.rooms_awake(config.clock.now());
        if committer.is_some() {
            // A client may have been told the order of operations that were
            // still waiting for their commit when the process died: orders
            // start far above every kept one, so none is given out again.
            state.last_order += ORDER_GAP_AT_OPEN;
        }
        let engine = Arc::new(Engine {
            inner: Mutex::new(Inner { state }),
            hub: hub::Hub::default(),
            admins: RwLock::new(config.admins.into_iter().collect()),
            clock: config.clock,
            data_dir: config.data_dir,
            expiries,
            limits: config.limits,
            rate: RateLimiter::default(),
            frequency: frequency::Frequency::default(),
            committer,
            app_events: config.app_events,
            outbox_signal: Arc::default(),
            push: config.push,
            media,
        });
        if let Some(c) = &engine.committer {
            c.serve(&engine);
        }
        Engine::start_expiry_timer(&engine);
        Ok(engine)
    }

    pub fn data_dir(&self) -> Option<&Path> {
        self.data_dir.as_deref()
    }

    /// Where the files of media messages are kept.
    pub fn media(&self) -> &crate::media::MediaStore {
        &self.media
    }

    /// Grants app-admin rights (API.md: an app admin may do everything).
    pub fn add_admins<I: IntoIterator<Item = String>>(&self, users: I) {
        self.admins.write().extend(users);
    }

    pub fn is_app_admin(&self, user: &str) -> bool {
        self.admins.read().contains(user)
    }

    pub fn now(&self) -> u64 {
        self.clock.now()
    }

    /// Attaches a session of `user`: its events go to `sink` from now on,
    /// after what it missed since `Attach::resume_after`. The sessions it
    /// replaces (`Attach::replace`) are told they were kicked offline, after
    /// whatever they were told before. Returns the session and the seq of
    /// the latest event so far (where a client's count of seen events starts).
    pub fn attach(&self, user: &str, sink: Arc<dyn EventSink>, attach: Attach) -> (SubscriptionId, u64) {
        let attached = self.in_order(|state| {
            let (id, replaced) = self.hub.subscribe(user, Arc::clone(&sink), attach);
            let kicked = Event::new(EventBody::KickedOffline);
            for sink in &replaced {
                stage::deliver(sink, kicked.clone());
            }
            for event in attach.resume_after.map(|after| state.catch_up(user, after)).unwrap_or_default() {
                if sink.wants(event.kind()) {
                    stage::deliver(&sink, event);
                }
            }
            (id, state.last_order)
        });
        if attach.expires_at.is_some() {
            self.expiries.wake();
        }
        attached
    }

    /// A session with no sig expiry that replaces nothing: for tests and tools.
    pub fn subscribe(&self, user: &str, sink: Arc<dyn EventSink>) -> SubscriptionId {
        self.attach(user, sink, Attach::default()).0
    }

    /// Ends a session; false if it had ended already (replaced or expired).
    pub fn detach(&self, id: SubscriptionId) -> bool {
        self.hub.unsubscribe(id)
    }

    pub fn is_attached(&self, id: SubscriptionId) -> bool {
        self.hub.is_attached(id)
    }

    /// How many of `group`'s members have a session attached now.
    pub fn online_members(&self, group: &Group) -> u32 {
        let mut delivery = self.hub.delivery();
        let room = delivery.room(group);
        // A room lists each member's sessions together, in join order.
        room.iter().enumerate().filter(|(i, s)| *i == 0 || room[i - 1].user() != s.user()).count() as u32
    }

    /// Runs `f` under the engine's lock; what it tells sessions is released
    /// in order with the operations before it (after their commit).
    fn in_order<R>(&self, f: impl FnOnce(&State) -> R) -> R {
        wake::deferred(|| {
            let inner = self.inner.lock();
            self.staged(|| f(&inner.state))
        })
    }

    /// Runs `f` with the engine's lock held by the caller; what it tells
    /// sessions goes through the commit queue on a durable engine.
    fn staged<R>(&self, f: impl FnOnce() -> R) -> R {
        match &self.committer {
            None => f(),
            Some(c) => {
                let (r, effects) = stage::capture(f);
                if !effects.is_empty() {
                    c.enqueue(Vec::new(), effects, UndoLog::default());
                }
                r
            }
        }
    }

    /// Runs a read-only query on the current state, which on a durable engine
    /// may include changes still waiting for their commit (`sync` first to
    /// read only what is on disk); sessions are answered through `query`.
    pub fn read<T>(&self, user: &str, query: impl FnOnce(&State, &Ctx) -> Result<T>) -> Result<T> {
        let inner = self.inner.lock();
        query(&inner.state, &self.ctx(user.into(), &inner.state))
    }

    /// Answers a call with a query's result, in order with the operations
    /// around it: on a durable engine, the reply waits for the changes
    /// before it to be committed.
    pub fn query<T>(&self, caller: Caller, query: impl FnOnce(&State, &Ctx) -> Result<T>, encode: impl FnOnce(Result<T>) -> Response, reply: Reply) {
        if let Some(e) = self.committer.as_ref().and_then(|c| c.busy()) {
            return reply(Response::error(&e));
        }
        self.in_order(|state| stage::reply(reply, encode(query(state, &self.ctx(caller, state)))));
    }

    /// Runs an operation and returns once it is durable (see `submit`).
    pub fn run<'a, T>(&self, caller: impl Into<Caller<'a>>, op: impl FnOnce(&State, &Ctx) -> Result<Plan<T>>) -> Result<Outcome<T>> {
        let (outcome, ticket) = self.submit(caller.into(), op, |_| None);
        if let (Some(c), Some(ticket)) = (&self.committer, ticket) {
            c.wait(ticket)?;
        }
        outcome
    }

    /// Answers a call with an operation's result, encoded by `encode` under
    /// the engine's lock (before any tip the operation causes is published),
    /// and given to `reply` once the operation is durable: the error instead
    /// if its commit fails.
    pub fn call<T>(
        &self,
        caller: Caller,
        op: impl FnOnce(&State, &Ctx) -> Result<Plan<T>>,
        encode: impl FnOnce(Result<&T, &Error>) -> Response,
        reply: Reply,
    ) {
        wake::deferred(|| self.call_locked(caller, op, encode, reply))
    }

    fn call_locked<T>(
        &self,
        caller: Caller,
        op: impl FnOnce(&State, &Ctx) -> Result<Plan<T>>,
        encode: impl FnOnce(Result<&T, &Error>) -> Response,
        reply: Reply,
    ) {
        let mut inner = self.inner.lock();
        // Checked under the same lock the call then runs under, so a call
        // sent twice at once still runs once.
        let known = caller.key.and_then(|key| inner.state.receipt(caller.user, key));
        if let Some(receipt) = known {
            let resp = receipt.response.clone();
            return self.staged(|| stage::reply(reply, resp));
        }
        let now = self.now();
        let _ = self.submit_locked(&mut inner, caller, op, |r| {
            let resp = encode(r);
            let receipt = match (r, caller.key) {
                (Ok(_), Some(key)) => Some(Receipt { user: caller.user.to_string(), key: key.to_string(), time: now, response: resp.clone() }),
                _ => None,
            };
            stage::reply(reply, resp);
            receipt.map(Change::PutReceipt)
        });
    }

    /// Runs an operation: plans it, applies its changes to memory, calls
    /// `done` with the result (before any tip is published, so the caller's
    /// callback precedes the tips its call caused; a change `done` returns
    /// is applied and kept with the operation's), then publishes. On a
    /// durable engine the changes are queued for the next group commit and
    /// what `done` and the publishing tell sessions is released only after
    /// it; the returned ticket settles then (`Engine::sync` waits for all).
    pub fn submit<T>(
        &self,
        caller: Caller,
        op: impl FnOnce(&State, &Ctx) -> Result<Plan<T>>,
        done: impl FnOnce(Result<&T, &Error>) -> Option<Change>,
    ) -> (Result<Outcome<T>>, Option<u64>) {
        wake::deferred(|| self.submit_locked(&mut self.inner.lock(), caller, op, done))
    }

    fn submit_locked<T>(
        &self,
        inner: &mut Inner,
        caller: Caller,
        op: impl FnOnce(&State, &Ctx) -> Result<Plan<T>>,
        done: impl FnOnce(Result<&T, &Error>) -> Option<Change>,
    ) -> (Result<Outcome<T>>, Option<u64>) {
        let ctx = self.ctx(caller, &inner.state);
        let Some(committer) = &self.committer else {
            return (self.execute(&mut inner.state, &ctx, op, done).0, None);
        };
        if let Some(e) = committer.busy() {
            done(Err(&e));
            return (Err(e), None);
        }
        let ((outcome, changes, undo), effects) = stage::capture(|| self.execute(&mut inner.state, &ctx, op, done));
        // Work that found nothing to do (a timer round) writes and tells
        // nothing: it waits for what came before it, and takes no place in
        // the bounded queue.
        let ticket = if changes.is_empty() && effects.is_empty() { committer.enqueued() } else { committer.enqueue(changes, effects, undo) };
        (outcome, Some(ticket))
    }

    /// Waits until every operation submitted so far is durable (no-op in memory).
    pub fn sync(&self) -> Result<()> {
        let Some(c) = &self.committer else { return Ok(()) };
        // Under the lock: an operation halfway through queues before we look.
        let ticket = {
            let _inner = self.inner.lock();
            c.enqueued()
        };
        c.wait(ticket)
    }

    /// Plans and applies; returns the outcome, for durable engines the
    /// changes to persist, and how to take it back (should its commit fail
    /// for good). A panic past the planning (a bug) takes back the
    /// changes already applied, then goes on unwinding: the engine is as it
    /// was, nothing of the operation is committed, and what it staged for
    /// sessions is dropped (an in-memory engine may have told some already).
    fn execute<T>(
        &self,
        state: &mut State,
        ctx: &Ctx,
        op: impl FnOnce(&State, &Ctx) -> Result<Plan<T>>,
        done: impl FnOnce(Result<&T, &Error>) -> Option<Change>,
    ) -> (Result<Outcome<T>>, Vec<Change>, UndoLog) {
        let mut plan = match op(state, ctx) {
            Ok(plan) => plan,
            Err(e) => {
                done(Err(&e));
                return (Err(e), Vec::new(), UndoLog::default());
            }
        };
        plan.number(state, ctx);
        let mut recorded = false;
        if !self.app_events.is_empty() {
            plan.record_app_events(state, ctx, self.app_events);
            recorded = plan.changes.iter().any(|c| matches!(c, Change::PutOutbox(_)));
        }
        // A mute taken back runs out as a no-op (`expire_mute` checks it).
        self.expiries.schedule(&plan.changes, ctx.now);
        let mut undo = UndoLog::default();
        let applied = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
            let mut persist = if self.committer.is_some() { plan.changes.clone() } else { Vec::new() };
            for change in std::mem::take(&mut plan.changes) {
                undo.apply(state, change);
            }
            if let Some(change) = done(Ok(&plan.value)) {
                if self.committer.is_some() {
                    persist.push(change.clone());
                }
                undo.apply(state, change);
            }
            self.publish(state, &plan.tips, &plan.events, ctx);
            persist
        }));
        match applied {
            Ok(persist) => {
                if recorded {
                    self.outbox_signal.notify_one();
                }
                (Ok(Outcome { value: plan.value, tips: plan.tips }), persist, undo)
            }
            Err(panic) => {
                undo.rollback(state);
                std::panic::resume_unwind(panic)
            }
        }
    }

    fn ctx<'a>(&'a self, caller: Caller<'a>, state: &State) -> Ctx<'a> {
        let user = caller.user;
        Ctx {
            user,
            device: caller.device,
            app_admin: caller.as_admin || self.is_app_admin(user),
            now: self.clock.now(),
            order: state.last_order + 1,
            limits: &self.limits,
            rate: &self.rate,
            frequency: &self.frequency,
            via: caller.via,
            platform: caller.platform,
        }
    }
}

impl<T> Plan<T> {
    /// Gives the plan's tips their orders, message IDs and operator
    /// records, keeps them for sessions that catch up, and stamps the
    /// conversations it changes. `state` is as it was before the plan.
    fn number(&mut self, state: &State, ctx: &Ctx) {
        for (i, tip) in self.tips.iter_mut().enumerate() {
            if !tip.op_user.is_empty() {
                let op = tip.op_user.as_str();
                let profile = self.changes.iter().rev().find_map(|c| match c {
                    Change::PutUser(u) if u.user_id == op => Some(&u.profile),
                    _ => None,
                });
                let profile = profile.or_else(|| state.profile_of(op));
                tip.op_user_info = Some(OpUserInfo {
                    user_id: op.to_string(),
                    nick_name: profile.map_or_else(String::new, |p| p.nick_name.clone()),
                    face_url: profile.map_or_else(String::new, |p| p.face_url.clone()),
                });
                // The record as the operation left it, else as it was.
                let member = self
                    .changes
                    .iter()
                    .rev()
                    .find_map(|c| match c {
                        Change::PutMember { group_id, member } if *group_id == tip.group_id && member.user_id == op => Some(member),
                        _ => None,
                    })
                    .or_else(|| state.groups.get(&tip.group_id).and_then(|g| g.members.get(op)));
                tip.op_member_info =
                    member.map(|m| OpMemberInfo { user_id: m.user_id.clone(), name_card: m.name_card.clone(), role: m.role });
            }
            tip.order = ctx.order + i as u64;
            tip.msg_id = new_msg_id(tip.time);
            self.changes.push(Change::PutTip(TipRecord::new(tip)));
        }
        // Reports follow the tips they go with.
        let after = ctx.order + self.tips.len() as u64;
        for (i, mut report) in std::mem::take(&mut self.reports).into_iter().enumerate() {
            report.order = after + i as u64;
            report.msg_id = new_msg_id(report.time);
            self.events.push(Outgoing::Report { order: report.order });
            self.changes.push(Change::PutReport(report));
        }
        for change in &mut self.changes {
            if let Change::PutConv(conv) = change {
                conv.updated_order = ctx.order;
            }
        }
    }
}

/// Typed entry points for Rust callers: `engine.join(user, "grp", "hi")`.
macro_rules! operations {
    ($($(#[$doc:meta])* $name:ident($($arg:ident: $ty:ty),*) -> $out:ty;)*) => {
        impl Engine {
            $(
                $(#[$doc])*
                pub fn $name(&self, user: &str, $($arg: $ty),*) -> Result<Outcome<$out>> {
                    self.run(user, |s, c| s.$name(c, $($arg),*))
                }
            )*
        }
    };
}

use crate::params::*;
use crate::types::{JoinStatus, MemberResult};

operations! {
    /// Creates a group and returns its ID.
    create_group(p: CreateGroupParam) -> String;
    /// Joins, asks to join, or finds the user already in.
    join(group_id: &str, hello_msg: &str) -> JoinStatus;
    quit(group_id: &str) -> ();
    invite(p: InviteParam) -> InviteOutcome;
    kick(p: KickParam) -> Vec<(String, MemberResult)>;
    disband(group_id: &str) -> ();
    modify_group(p: ModifyGroupParam) -> ();
    modify_member(p: ModifyMemberParam) -> ();
    handle_pendency(p: HandlePendencyParam) -> ();
    report_pendency_read(time: u64) -> ();
    modify_mute_allowlist(p: MuteAllowlistParam) -> ();
}
