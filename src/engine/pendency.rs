//! Join requests: asked by the applicant, listed to and answered by the
//! group's owner and admins.

use crate::error::{err, Result};
use crate::model::{Audience, Change, Handling, Pendency, Report, Tip, UserMeta};
use crate::params::{HandlePendencyParam, PendencyOption};
use crate::types::{JoinStatus, JoinType, PendencyHandled, PendencyType, ReportType, Role, TipType};

use super::rules::MANAGE;
use super::validate;
use super::state::{Group, State};
use super::{Ctx, Plan};

/// Unhandled requests one user may have at once; past it the oldest is dropped.
pub(crate) const MAX_UNHANDLED_PER_USER: usize = 50;
const DEFAULT_PAGE: usize = 20;

/// A pendency as one reader sees it.
#[derive(Clone, Debug)]
pub struct PendencyView {
    pub pendency: Pendency,
    pub handled: PendencyHandled,
}

#[derive(Clone, Debug)]
pub struct PendencyPage {
    pub items: Vec<PendencyView>,
    /// Cursor for the next page (the newest pendency ID not yet returned); 0 at the end.
    pub next_start_time: u64,
    pub read_time: u64,
    pub unread_num: u32,
    /// Who reads the page (`group_pendency_self_identifier`).
    pub self_identifier: String,
}

impl State {
    pub(super) fn request_join(&self, ctx: &Ctx, g: &Group, hello_msg: &str) -> Result<Plan<JoinStatus>> {
        let mut plan = Plan::new(JoinStatus::WaitingApproval);
        let mut mine: Vec<&Pendency> = self.pendencies.values().filter(|p| p.from == ctx.user && p.handled.is_none()).collect();
        // A repeated request replaces the earlier one for the same group.
        if let Some(old) = mine.iter().position(|p| p.group_id == g.profile.id) {
            plan.changes.push(Change::DeletePendency(mine.remove(old).id));
        }
        let excess = (mine.len() + 1).saturating_sub(MAX_UNHANDLED_PER_USER);
        plan.changes.extend(mine.iter().take(excess).map(|p| Change::DeletePendency(p.id)));
        plan.changes.push(Change::PutPendency(Pendency {
            id: self.next_pendency_id(),
            group_id: g.profile.id.clone(),
            pendency_type: PendencyType::JoinNeedApprovedByAdmin,
            from: ctx.user.to_string(),
            to: String::new(),
            add_time: ctx.now,
            msg: hello_msg.to_string(),
            handled: None,
        }));
        let tip = Tip { msg: hello_msg.to_string(), ..Tip::new(TipType::JoinRequest, &g.profile, ctx.user, vec![ctx.user.to_string()], ctx.now, g.member_count(), Audience::Users(g.managers())) };
        plan.tips.push(tip);
        plan.reports.push(Report { msg: hello_msg.to_string(), ..Report::new(ReportType::AddRequest, &g.profile.id, ctx.user, g.managers(), ctx.now) });
        Ok(plan)
    }

    fn may_handle(&self, ctx: &Ctx, p: &Pendency) -> bool {
        if !p.to.is_empty() {
            return p.to == ctx.user;
        }
        self.groups.get(&p.group_id).is_some_and(|g| MANAGE.allows(g.role_of(ctx.user), ctx.app_admin))
    }

    pub fn pendencies(&self, ctx: &Ctx, opt: &PendencyOption) -> Result<PendencyPage> {
        let read_time = self.user_meta(ctx.user).pendency_read_time;
        let visible = || self.pendencies.values().rev().filter(|p| self.may_handle(ctx, p));
        let unread_num = visible().filter(|p| p.handled.is_none() && p.add_time > read_time).count() as u32;
        let limit = if opt.max_limited == 0 { DEFAULT_PAGE } else { opt.max_limited as usize };
        let mut page = visible().filter(|p| opt.start_time == 0 || p.id <= opt.start_time);
        let items = page
            .by_ref()
            .take(limit)
            .map(|p| {
                let handled = match &p.handled {
                    None => PendencyHandled::NotHandled,
                    Some(h) if h.by == ctx.user => PendencyHandled::OperatorHandled,
                    Some(_) => PendencyHandled::OtherHandled,
                };
                PendencyView { pendency: p.clone(), handled }
            })
            .collect();
        let next_start_time = page.next().map_or(0, |p| p.id);
        Ok(PendencyPage { items, next_start_time, read_time, unread_num, self_identifier: ctx.user.to_string() })
    }

    pub fn handle_pendency(&self, ctx: &Ctx, p: HandlePendencyParam) -> Result<Plan<()>> {
        let r = &p.pendency;
        validate::group_id(&r.group_id)?;
        let g = self.group(&r.group_id)?;
        let found = match r.key.as_deref().filter(|k| !k.is_empty()) {
            Some(key) => {
                let id: u64 = key.parse().map_err(|_| err!(InvalidRequest, "{:?} is not a pendency key", key))?;
                self.pendencies.get(&id).filter(|x| x.group_id == r.group_id && x.from == r.from)
            }
            None => self
                .pendencies
                .values()
                .rev()
                .filter(|x| x.group_id == r.group_id && x.from == r.from)
                .find(|x| x.handled.is_none())
                .or_else(|| self.pendencies.values().rev().find(|x| x.group_id == r.group_id && x.from == r.from)),
        };
        let Some(pendency) = found else {
            return Err(err!(InvalidRequest, "no request from {} to join {}", r.from, r.group_id));
        };
        if !self.may_handle(ctx, pendency) {
            return Err(err!(PermissionDenied, "{} may not handle requests to join {}", ctx.user, r.group_id));
        }
        if pendency.handled.is_some() {
            return Err(err!(RequestHandled, "the request of {} to join {} was already handled", r.from, r.group_id));
        }
        let mut plan = Plan::new(());
        let handling = Handling { accepted: p.accept, by: ctx.user.to_string(), msg: p.msg.clone(), time: ctx.now };
        if !p.accept {
            plan.changes.push(Change::PutPendency(Pendency { handled: Some(handling), ..pendency.clone() }));
            plan.reports.push(Report { msg: p.msg.clone(), ..Report::new(ReportType::AddRefuse, &r.group_id, ctx.user, vec![r.from.clone()], ctx.now) });
            let tip = Tip { msg: p.msg, ..Tip::new(TipType::JoinRejected, &g.profile, ctx.user, vec![r.from.clone()], ctx.now, g.member_count(), Audience::Users(vec![r.from.clone()])) };
            plan.tips.push(tip);
            return Ok(plan);
        }
        if g.members.contains_key(&r.from) {
            return Err(err!(AlreadyMember, "{} is already a member of {}", r.from, r.group_id));
        }
        if g.member_count() >= g.profile.max_member_num {
            return Err(err!(GroupFull, "group {} is full ({} members)", r.group_id, g.member_count()));
        }
        let mut member_plan = self.admit_one(ctx, g, &r.from, Role::Normal, JoinType::Apply)?;
        // `admit_one` closes every open request of the applicant, this one included.
        member_plan.changes.retain(|c| !matches!(c, Change::PutPendency(x) if x.id == pendency.id));
        member_plan.changes.push(Change::PutPendency(Pendency { handled: Some(handling), ..pendency.clone() }));
        member_plan.reports.push(Report { msg: p.msg, ..Report::new(ReportType::AddAccept, &r.group_id, ctx.user, vec![r.from.clone()], ctx.now) });
        Ok(member_plan)
    }

    pub fn report_pendency_read(&self, ctx: &Ctx, time: u64) -> Result<Plan<()>> {
        let mut plan = Plan::new(());
        plan.changes.push(Change::PutUser(UserMeta { pendency_read_time: time, ..self.user_meta(ctx.user) }));
        Ok(plan)
    }
}
