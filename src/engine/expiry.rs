//! Timed work. Mute expiry: when a member's mute runs out the group is told,
//! with a MemberInfoChange tip whose shutup time is 0 (a muted member needs
//! no action to speak again: `can_send` compares with the clock; the tip is
//! for the other members' screens). Message retention: old messages go.
//! Answers kept for network calls sent again go after a while. Sessions
//! whose user_sig expired end, and are told so. AVChatRooms without a
//! message for a while are dismissed.

use std::collections::BTreeSet;
use std::sync::{Arc, Weak};
use std::time::Duration;

use parking_lot::{Condvar, Mutex};

use crate::error::Result;
use crate::event::{Event, EventBody};
use crate::model::{Audience, Change, MemberChange, Tip};
use crate::types::TipType;

use super::state::State;
use super::{stage, Ctx, Engine, Plan};

/// A group's rate bucket is forgotten after this long without a message
/// (it refills within a second).
const RATE_IDLE: Duration = Duration::from_secs(10);

/// How often the timer thread looks again when nothing is due sooner, so it
/// notices its engine is gone.
const IDLE_WAKE: Duration = Duration::from_secs(1);

/// Pending expiries, ordered by time: (until, group, user).
#[derive(Default)]
pub struct Expiries {
    due: Mutex<BTreeSet<(u64, String, String)>>,
    changed: Condvar,
}

impl Expiries {
    /// Notes every mute in `changes` that will run out.
    pub fn schedule(&self, changes: &[Change], now: u64) {
        let mut due = self.due.lock();
        let before = due.first().cloned();
        for c in changes {
            if let Change::PutMember { group_id, member } = c {
                if member.shutup_until > now {
                    due.insert((member.shutup_until, group_id.clone(), member.user_id.clone()));
                }
            }
        }
        if due.first().cloned() != before {
            self.changed.notify_all();
        }
    }

    /// Wakes the timer thread (its engine is going).
    pub fn wake(&self) {
        self.changed.notify_all();
    }

    fn take_due(&self, now: u64) -> Vec<(u64, String, String)> {
        let mut due = self.due.lock();
        let later = due.split_off(&(now + 1, String::new(), String::new()));
        std::mem::replace(&mut *due, later).into_iter().collect()
    }
}

impl State {
    /// Ends a mute that ran out at `until`, unless it was changed since.
    pub fn expire_mute(&self, ctx: &Ctx, group_id: &str, user_id: &str, until: u64) -> Result<Plan<()>> {
        let mut plan = Plan::new(());
        let Some(g) = self.groups.get(group_id) else { return Ok(plan) };
        let Some(m) = g.members.get(user_id).filter(|m| m.shutup_until == until) else { return Ok(plan) };
        plan.changes.push(Change::PutMember { group_id: group_id.to_string(), member: crate::model::Member { shutup_until: 0, ..m.clone() } });
        let change = MemberChange { user_id: user_id.to_string(), shutup_time: 0 };
        let tip = Tip::new(TipType::MemberInfoChange, &g.profile, "", vec![user_id.to_string()], ctx.now, g.member_count(), Audience::members(&g.profile));
        plan.tips.push(Tip { member_changes: vec![change], ..tip });
        Ok(plan)
    }
}

impl State {
    /// Drops the answers to network calls older than the receipt time.
    pub fn purge_receipts(&self, ctx: &Ctx) -> Result<Plan<()>> {
        let cutoff = ctx.now.saturating_sub(ctx.limits.receipt_secs);
        let mut plan = Plan::new(());
        if self.oldest_receipt().is_some_and(|t| t < cutoff) {
            plan.changes.push(Change::DeleteReceiptsBefore(cutoff));
        }
        Ok(plan)
    }
}

impl Engine {
    /// Ends every mute that has run out by the engine's clock. The timer
    /// thread calls it; tests with their own clock call it directly.
    pub fn expire_due(&self) {
        for (until, group_id, user_id) in self.expiries.take_due(self.now()) {
            // The system acts: no user, so no permission applies.
            self.run_timed(|s, c| s.expire_mute(c, &group_id, &user_id, until));
        }
        self.run_timed(|s, c| s.purge_messages(c));
        self.run_timed(|s, c| s.purge_receipts(c));
        self.run_timed(|s, c| s.dismiss_idle_rooms(c));
        self.rate.prune(RATE_IDLE);
        let now = self.now();
        self.in_order(|_| {
            let expired = Event::new(EventBody::UserSigExpired);
            for sink in self.hub.expire(now) {
                stage::deliver(&sink, expired.clone());
            }
        });
    }

    /// Runs one piece of timed work; a panic in it (a bug: the operation is
    /// taken back) is logged, and the timer goes on with the rest.
    fn run_timed(&self, op: impl FnOnce(&State, &Ctx) -> Result<Plan<()>>) {
        let run = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| self.run("", op)));
        if run.is_err() {
            tracing::error!("huddle: timed work panicked and was taken back; please report it");
        }
    }

    /// The timer holds the engine weakly, and only while expiring: between
    /// rounds it waits on the shared schedule, so a dropped engine closes.
    pub(super) fn start_expiry_timer(engine: &Arc<Engine>) {
        let weak: Weak<Engine> = Arc::downgrade(engine);
        let expiries = Arc::clone(&engine.expiries);
        std::thread::Builder::new()
            .name("huddle-expiry".into())
            .spawn(move || expiry_loop(weak, expiries))
            .expect("spawn the mute expiry thread");
    }
}

fn expiry_loop(weak: Weak<Engine>, expiries: Arc<Expiries>) {
    loop {
        let (now, session_expiry) = {
            let Some(engine) = weak.upgrade() else { return };
            engine.expire_due();
            (engine.now(), engine.hub.next_expiry())
        };
        let mut due = expiries.due.lock();
        let next = due.first().map(|(until, _, _)| *until).into_iter().chain(session_expiry).min();
        let wait = next.map_or(IDLE_WAKE, |until| Duration::from_secs(until.saturating_sub(now)).min(IDLE_WAKE));
        expiries.changed.wait_for(&mut due, wait.max(Duration::from_millis(10)));
    }
}
