//! Receive options (Tencent's TIMReceiveMessageOpt): per C2C peer, per
//! group, and the user's global do-not-disturb with its quiet window. They
//! decide who is handed a new message online (`receives`) and who is
//! pushed offline (`wants_push`).

use serde::{Deserialize, Serialize};
use serde_json::{json, Value};

use crate::error::{err, Result};
use crate::model::{AllRecvOpt, Change, Message, Thread};
use crate::types::{ConvEvent, MsgFlag, AT_ALL};

use super::publish::Outgoing;
use super::state::State;
use super::validate;
use super::{Ctx, Plan};

/// Users one `HuddleMsgSetC2CReceiveMessageOpt` may name (Tencent: 30).
pub(crate) const MAX_C2C_RECV_OPT_USERS: usize = 30;
const DAY: i64 = 24 * 3600;

/// `HuddleMsgSetAllReceiveMessageOpt` / `...Opt2`: a daily window from a
/// local time of day, or one window from a UTC time.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(untagged)]
pub enum QuietWindow {
    Daily { start_hour: u32, start_minute: u32, start_second: u32, duration: u64, utc_offset: i32 },
    From { start_time_stamp: u64, duration: u64 },
}

impl AllRecvOpt {
    /// The level in effect at `now`: Receive outside the quiet window.
    pub fn level_at(&self, now: u64) -> MsgFlag {
        let quiet = if self.start_time_stamp > 0 {
            now >= self.start_time_stamp && now - self.start_time_stamp < self.duration
        } else {
            let start = (self.start_hour * 3600 + self.start_minute * 60 + self.start_second) as i64;
            let local = |t: u64| t as i64 + self.utc_offset as i64;
            if self.duration as i64 >= DAY {
                // For good, from the start on the day it was set.
                let set = local(self.set_time);
                local(now) >= set - set.rem_euclid(DAY) + start
            } else {
                (local(now) - start).rem_euclid(DAY) < self.duration as i64
            }
        };
        if quiet {
            self.level
        } else {
            MsgFlag::Receive
        }
    }

    /// Tencent's TIMReceiveMessageOptInfo.
    pub fn json(&self) -> Value {
        json!({
            "msg_all_recv_msg_opt_level": self.level,
            "msg_all_recv_msg_opt_start_hour": self.start_hour,
            "msg_all_recv_msg_opt_start_minute": self.start_minute,
            "msg_all_recv_msg_opt_start_second": self.start_second,
            "msg_all_recv_msg_opt_start_time_stamp": self.start_time_stamp,
            "msg_all_recv_msg_duration": self.duration,
        })
    }
}

/// Whether `m` names `user` or everyone.
fn mentions(m: &Message, user: &str) -> bool {
    m.at_users.iter().any(|u| u == user || u == AT_ALL)
}

impl State {
    /// `user`'s own receive option for `thread`: a group's is the member's
    /// message flag, a C2C conversation's the one set for the peer.
    pub fn recv_opt(&self, user: &str, thread: &Thread) -> MsgFlag {
        match thread {
            Thread::Group(g) => self.thread_group(g).ok().and_then(|g| g.members.get(user)).map_or(MsgFlag::Receive, |m| m.msg_flag),
            Thread::C2C(..) => {
                self.users.get(user).and_then(|u| u.c2c_recv_opts.get(thread.peer(user))).copied().unwrap_or(MsgFlag::Receive)
            }
        }
    }

    /// Whether `user` is handed `m` as it arrives (the sender always is).
    pub fn receives(&self, user: &str, m: &Message) -> bool {
        user == m.sender
            || match self.recv_opt(user, &m.thread) {
                MsgFlag::NotReceive => false,
                MsgFlag::NotReceiveExceptAt => mentions(m, user),
                _ => true,
            }
    }

    /// Whether an offline `user` is pushed `m`: by the conversation's option,
    /// then by the global one in its quiet window.
    pub(super) fn wants_push(&self, user: &str, m: &Message, now: u64) -> bool {
        let by = |opt: MsgFlag| match opt {
            MsgFlag::Receive => true,
            MsgFlag::NotReceive | MsgFlag::ReceiveNotNotify => false,
            MsgFlag::NotNotifyExceptAt | MsgFlag::NotReceiveExceptAt => mentions(m, user),
        };
        let global = self.users.get(user).map_or(MsgFlag::Receive, |u| u.all_recv_opt.level_at(now));
        by(self.recv_opt(user, &m.thread)) && by(global)
    }

    /// Whether `user` counts `thread`'s unread messages in its totals
    /// (Tencent leaves out the do-not-disturb conversations).
    pub fn counts_unread(&self, user: &str, thread: &Thread) -> bool {
        !matches!(self.recv_opt(user, thread), MsgFlag::NotReceive | MsgFlag::ReceiveNotNotify | MsgFlag::NotNotifyExceptAt)
    }

    /// Refreshes `user`'s conversation in `thread`, if it has one, on every
    /// session of the user (its receive option shows in it).
    pub(super) fn touch_conv<T>(&self, plan: &mut Plan<T>, user: &str, thread: &Thread) {
        if let Some(conv) = self.conv(user, thread) {
            plan.changes.push(Change::PutConv(conv.clone()));
            plan.events.push(Outgoing::Conv { user: user.to_string(), thread: thread.clone(), kind: ConvEvent::Update });
        }
    }

    pub fn set_c2c_recv_opt(&self, ctx: &Ctx, users: &[String], opt: MsgFlag) -> Result<Plan<()>> {
        if users.is_empty() || users.len() > MAX_C2C_RECV_OPT_USERS {
            return Err(err!(InvalidParameters, "name 1 to {} users; {} were named", MAX_C2C_RECV_OPT_USERS, users.len()));
        }
        validate::user_list(users)?;
        let mut meta = self.user_meta(ctx.user);
        let mut plan = Plan::new(());
        for peer in users {
            match opt {
                MsgFlag::Receive => meta.c2c_recv_opts.remove(peer),
                _ => meta.c2c_recv_opts.insert(peer.clone(), opt),
            };
        }
        plan.changes.push(Change::PutUser(meta));
        for peer in users {
            self.touch_conv(&mut plan, ctx.user, &Thread::c2c(ctx.user, peer));
        }
        Ok(plan)
    }

    pub fn c2c_recv_opts(&self, ctx: &Ctx, users: &[String]) -> Result<Value> {
        validate::user_list(users)?;
        Ok(Value::Array(
            users
                .iter()
                .map(|peer| {
                    json!({
                        "msg_recv_msg_opt_result_identifier": peer,
                        "msg_recv_msg_opt_result_opt": self.recv_opt(ctx.user, &Thread::c2c(ctx.user, peer)),
                    })
                })
                .collect(),
        ))
    }

    /// The caller's own message flag in a group it is in.
    pub fn set_group_recv_opt(&self, ctx: &Ctx, group_id: &str, opt: MsgFlag) -> Result<Plan<()>> {
        validate::group_id(group_id)?;
        let g = self.group(group_id)?;
        let Some(member) = g.members.get(ctx.user) else {
            return Err(err!(PermissionDenied, "{} is not a member of {}", ctx.user, group_id));
        };
        let mut plan = Plan::new(());
        plan.changes.push(Change::PutMember { group_id: group_id.to_string(), member: crate::model::Member { msg_flag: opt, ..member.clone() } });
        self.touch_conv(&mut plan, ctx.user, &Thread::Group(group_id.to_string()));
        Ok(plan)
    }

    pub fn set_all_recv_opt(&self, ctx: &Ctx, level: MsgFlag, window: QuietWindow) -> Result<Plan<()>> {
        if !matches!(level, MsgFlag::Receive | MsgFlag::ReceiveNotNotify | MsgFlag::NotNotifyExceptAt) {
            return Err(err!(InvalidParameters, "the global receive option is 0, 2 or 3, not {}", level.as_int()));
        }
        let opt = match window {
            QuietWindow::Daily { start_hour, start_minute, start_second, duration, utc_offset } => {
                if start_hour > 23 || start_minute > 59 || start_second > 59 || duration > DAY as u64 {
                    return Err(err!(
                        InvalidParameters,
                        "the quiet window starts at hour 0-23, minute and second 0-59, and lasts 0 to {} s",
                        DAY
                    ));
                }
                if utc_offset.unsigned_abs() > DAY as u32 {
                    return Err(err!(InvalidParameters, "a UTC offset of {} s is more than a day", utc_offset));
                }
                AllRecvOpt { level, start_hour, start_minute, start_second, duration, utc_offset, set_time: ctx.now, ..AllRecvOpt::default() }
            }
            QuietWindow::From { start_time_stamp, duration } => {
                AllRecvOpt { level, start_time_stamp, duration, set_time: ctx.now, ..AllRecvOpt::default() }
            }
        };
        let mut meta = self.user_meta(ctx.user);
        meta.all_recv_opt = AllRecvOpt { order: ctx.order, ..opt };
        let mut plan = Plan::new(());
        plan.changes.push(Change::PutUser(meta));
        plan.events.push(Outgoing::AllRecvOpt { user: ctx.user.to_string() });
        Ok(plan)
    }

    pub fn all_recv_opt(&self, user: &str) -> AllRecvOpt {
        self.users.get(user).map(|u| u.all_recv_opt.clone()).unwrap_or_default()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn daily(hour: u32, duration: u64, utc_offset: i32, set_time: u64) -> AllRecvOpt {
        AllRecvOpt { level: MsgFlag::ReceiveNotNotify, start_hour: hour, duration, utc_offset, set_time, ..AllRecvOpt::default() }
    }

    #[test]
    fn a_daily_window_follows_the_local_time_of_day() {
        // 22:00 to 07:00 local, at UTC+2: 20:00 to 05:00 UTC, every day.
        let opt = daily(22, 9 * 3600, 2 * 3600, 0);
        let at = |day: u64, h: u64| day * 86400 + h * 3600;
        assert_eq!(opt.level_at(at(3, 19)), MsgFlag::Receive);
        assert_eq!(opt.level_at(at(3, 20)), MsgFlag::ReceiveNotNotify);
        assert_eq!(opt.level_at(at(4, 4)), MsgFlag::ReceiveNotNotify, "past local midnight");
        assert_eq!(opt.level_at(at(4, 5)), MsgFlag::Receive);
        assert_eq!(daily(22, 0, 0, 0).level_at(at(3, 22)), MsgFlag::Receive, "no window");
    }

    #[test]
    fn a_day_long_window_is_quiet_from_its_first_start() {
        let set = 10 * 86400 + 8 * 3600;
        let opt = daily(12, 86400, 0, set);
        assert_eq!(opt.level_at(set + 3600), MsgFlag::Receive, "before noon of the day it was set");
        assert_eq!(opt.level_at(10 * 86400 + 12 * 3600), MsgFlag::ReceiveNotNotify);
        assert_eq!(opt.level_at(40 * 86400 + 3600), MsgFlag::ReceiveNotNotify, "for good");
    }

    #[test]
    fn a_window_from_a_time_stamp_ends() {
        let opt = AllRecvOpt { level: MsgFlag::NotNotifyExceptAt, start_time_stamp: 1000, duration: 60, ..AllRecvOpt::default() };
        assert_eq!((opt.level_at(999), opt.level_at(1000), opt.level_at(1059), opt.level_at(1060)),
                   (MsgFlag::Receive, MsgFlag::NotNotifyExceptAt, MsgFlag::NotNotifyExceptAt, MsgFlag::Receive));
    }
}
