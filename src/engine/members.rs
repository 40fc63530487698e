//! Member profiles, roles, mute, the mute allowlist, and the app admin's
//! view of who is where.

use crate::error::{err, Result};
use crate::model::{Audience, Change, Member, MemberChange, Report, Tip};
use crate::params::{GetMembersParam, ModifyMemberParam, MuteAllowlistParam};
use crate::types::{member_flag as flag, role_filter, ReportType, Role, TipType};

use super::rules::{MANAGE, SET_ADMIN};
use super::state::{Group, State};
use super::validate;
use super::{Ctx, Plan};

/// Members returned per page of `HuddleGroupGetMemberInfoList`.
pub(crate) const MEMBER_PAGE: usize = 100;

#[derive(Clone, Debug)]
pub struct MemberPage {
    pub group_id: String,
    /// When the page was read, for mute time left.
    pub now: u64,
    pub members: Vec<Member>,
    /// Each member's nickname and face URL, from their own profiles.
    pub faces: Vec<(String, String)>,
    /// Where the next page starts; 0 when this was the last.
    pub next_seq: u64,
}

fn role_matches(role: Role, filter: u32) -> bool {
    filter == 0
        || match role {
            Role::Owner => filter & role_filter::OWNER != 0,
            Role::Admin => filter & role_filter::ADMIN != 0,
            Role::Normal => filter & role_filter::MEMBER != 0,
        }
}

impl Group {
    /// Seconds of mute `user` has left at `now`.
    pub fn shutup_left(&self, user: &str, now: u64) -> u64 {
        self.members.get(user).map_or(0, |m| m.shutup_until.saturating_sub(now))
    }

    pub(super) fn member_or_admin(&self, ctx: &Ctx) -> Result<Option<Role>> {
        let role = self.role_of(ctx.user);
        if role.is_none() && !ctx.app_admin {
            return Err(err!(PermissionDenied, "{} is not a member of {}", ctx.user, self.profile.id));
        }
        Ok(role)
    }
}

impl State {
    pub fn members(&self, ctx: &Ctx, p: &GetMembersParam) -> Result<MemberPage> {
        validate::group_id(&p.group_id)?;
        let g = self.group(&p.group_id)?;
        // A role flag from 1000 up is one of the app's marks (Tencent's
        // AVChatRoom member list by mark), readable where no list is kept.
        let mark = Some(p.option.role_flag).filter(|f| *f >= super::group_search::MIN_MARK);
        if !g.rules().keeps_member_profiles && mark.is_none() {
            return Err(err!(PermissionDenied, "{:?} groups keep no member list", g.profile.group_type));
        }
        g.member_or_admin(ctx)?;
        if !p.users.is_empty() {
            let members = p.users.iter().filter_map(|u| g.members.get(u)).cloned().collect();
            return Ok(self.member_page(ctx, &p.group_id, members, 0));
        }
        let mut matching = g
            .by_seq
            .range(p.next_seq..)
            .map(|(seq, user)| (*seq, &g.members[user]))
            .filter(|(_, m)| mark.map_or_else(|| role_matches(m.role, p.option.role_flag), |mark| m.marks.contains(&mark)));
        let members: Vec<Member> = matching.by_ref().take(MEMBER_PAGE).map(|(_, m)| m.clone()).collect();
        let next_seq = matching.next().map_or(0, |(seq, _)| seq);
        Ok(self.member_page(ctx, &p.group_id, members, next_seq))
    }

    pub(super) fn member_page(&self, ctx: &Ctx, group_id: &str, members: Vec<Member>, next_seq: u64) -> MemberPage {
        let faces = members
            .iter()
            .map(|m| self.profile_of(&m.user_id).map_or_else(Default::default, |p| (p.nick_name.clone(), p.face_url.clone())))
            .collect();
        MemberPage { group_id: group_id.to_string(), now: ctx.now, members, faces, next_seq }
    }

    pub fn modify_member(&self, ctx: &Ctx, p: ModifyMemberParam) -> Result<Plan<()>> {
        validate::group_id(&p.group_id)?;
        let g = self.group(&p.group_id)?;
        let my_role = g.member_or_admin(ctx)?;
        let Some(target) = g.members.get(&p.user_id) else {
            return Err(err!(InvalidRequest, "{} is not a member of {}", p.user_id, p.group_id));
        };
        if p.flags == 0 || p.flags & !flag::ALL != 0 {
            return Err(err!(InvalidRequest, "member modify flag {:#x} names nothing Huddle can modify", p.flags));
        }
        let is_self = p.user_id == ctx.user;
        // Owner and admins manage members below them; the owner manages admins too.
        let outranks = ctx.app_admin
            || (MANAGE.allows(my_role, false) && (target.role == Role::Normal || (my_role == Some(Role::Owner) && target.role == Role::Admin)));
        let denied = |what: &str| err!(PermissionDenied, "{} may not change the {} of {} in {}", ctx.user, what, p.user_id, p.group_id);
        let keeps_profiles = g.rules().keeps_member_profiles;
        let mut member = target.clone();
        let mut plan = Plan::new(());
        let mut info_changed = false;

        if p.flags & flag::MSG_FLAG != 0 {
            if !(is_self || ctx.app_admin) || !keeps_profiles {
                return Err(denied("message flag"));
            }
            member.msg_flag = p.msg_flag.ok_or_else(|| err!(InvalidRequest, "group_modify_member_info_msg_flag is missing"))?;
        }
        if p.flags & flag::NAME_CARD != 0 {
            if !(is_self || outranks) || !keeps_profiles {
                return Err(denied("name card"));
            }
            let card = p.name_card.as_deref().ok_or_else(|| err!(InvalidRequest, "group_modify_member_info_name_card is missing"))?;
            validate::max_bytes(card, validate::MAX_NAME_CARD, crate::error::Code::NameCardTooLong, "the name card")?;
            member.name_card = card.to_string();
            info_changed = true;
        }
        if p.flags & flag::CUSTOM != 0 {
            if !(is_self || outranks) || !keeps_profiles {
                return Err(denied("custom fields"));
            }
            member.custom.extend(validate::member_custom(&p.custom_info)?);
            info_changed = true;
        }
        if p.flags & flag::SHUTUP_TIME != 0 {
            if is_self {
                return Err(err!(InvalidRequest, "{} cannot mute itself", ctx.user));
            }
            if !outranks {
                return Err(denied("mute"));
            }
            let secs = p.shutup_time.ok_or_else(|| err!(InvalidRequest, "group_modify_member_info_shutup_time is missing"))?;
            member.shutup_until = if secs == 0 { 0 } else { ctx.now.saturating_add(secs) };
            plan.reports.push(Report { shut_up_time: secs, ..Report::new(ReportType::ShutUpMember, &p.group_id, ctx.user, vec![p.user_id.clone()], ctx.now) });
            info_changed = true;
        }
        if p.flags & flag::ROLE != 0 {
            if !SET_ADMIN.allows(my_role, ctx.app_admin) || target.role == Role::Owner {
                return Err(denied("role"));
            }
            let role = p.role.ok_or_else(|| err!(InvalidRequest, "group_modify_member_info_member_role is missing"))?;
            if role == Role::Owner {
                return Err(err!(InvalidRequest, "ownership moves by a transfer (group_modify_info_param_owner), not by a role change"));
            }
            if role != member.role {
                let (tip_type, report) = if role == Role::Admin { (TipType::SetAdmin, ReportType::GrantAdmin) } else { (TipType::CancelAdmin, ReportType::CancelAdmin) };
                plan.tips.push(Tip::new(tip_type, &g.profile, ctx.user, vec![p.user_id.clone()], ctx.now, g.member_count(), Audience::members(&g.profile)));
                plan.reports.push(Report::new(report, &p.group_id, ctx.user, vec![p.user_id.clone()], ctx.now));
            }
            member.role = role;
        }
        if info_changed {
            let change = MemberChange { user_id: p.user_id.clone(), shutup_time: member.shutup_until.saturating_sub(ctx.now) };
            let tip = Tip { member_changes: vec![change], ..Tip::new(TipType::MemberInfoChange, &g.profile, ctx.user, vec![p.user_id.clone()], ctx.now, g.member_count(), Audience::members(&g.profile)) };
            plan.tips.push(tip);
        }
        // The member's receive option shows in its conversation, on all its devices.
        if member.msg_flag != target.msg_flag {
            self.touch_conv(&mut plan, &p.user_id, &crate::model::Thread::Group(p.group_id.clone()));
        }
        plan.changes.push(Change::PutMember { group_id: p.group_id.clone(), member });
        Ok(plan)
    }

    pub fn modify_mute_allowlist(&self, ctx: &Ctx, p: MuteAllowlistParam) -> Result<Plan<()>> {
        validate::group_id(&p.group_id)?;
        let g = self.group(&p.group_id)?;
        if !MANAGE.allows(g.role_of(ctx.user), ctx.app_admin) {
            return Err(err!(PermissionDenied, "{} may not change the mute allowlist of {}", ctx.user, p.group_id));
        }
        if p.users.is_empty() {
            return Err(err!(InvalidRequest, "no user named"));
        }
        validate::user_list(&p.users)?;
        let mut profile = g.profile.clone();
        for user in &p.users {
            if p.is_add {
                profile.mute_allowlist.insert(user.clone());
            } else {
                profile.mute_allowlist.remove(user);
            }
        }
        let mut plan = Plan::new(());
        plan.tips.push(Tip::new(TipType::MuteAllowlistChange, &profile, ctx.user, p.users, ctx.now, g.member_count(), Audience::members(&profile)));
        plan.changes.push(Change::PutGroup(profile));
        Ok(plan)
    }

    pub fn mute_allowlist(&self, ctx: &Ctx, group_id: &str) -> Result<Vec<String>> {
        validate::group_id(group_id)?;
        let g = self.group(group_id)?;
        g.member_or_admin(ctx)?;
        Ok(g.profile.mute_allowlist.iter().cloned().collect())
    }

    /// Whether the caller may send to the group now: a member, not muted, and
    /// under mute-all only if owner, admin or on the allowlist.
    pub fn can_send(&self, ctx: &Ctx, group_id: &str) -> Result<()> {
        validate::group_id(group_id)?;
        let g = self.thread_group(group_id)?;
        let role = g.member_or_admin(ctx)?;
        let left = g.shutup_left(ctx.user, ctx.now);
        if left > 0 {
            return Err(err!(Muted, "{} is muted in {} for {} more s", ctx.user, group_id, left));
        }
        let privileged = ctx.app_admin || matches!(role, Some(Role::Owner | Role::Admin)) || g.profile.mute_allowlist.contains(ctx.user);
        let topic_muted = g.profile.topics.get(group_id).is_some_and(|t| t.all_muted);
        if (g.profile.shutup_all || topic_muted) && !privileged {
            return Err(err!(Muted, "{} is muted for everyone but its community's or group's owner, admins and allowlist", group_id));
        }
        Ok(())
    }

    /// App admin only: the groups a user is in (RC's user-group sync).
    pub fn groups_of_user(&self, ctx: &Ctx, user: &str) -> Result<Vec<String>> {
        if !ctx.app_admin {
            return Err(err!(PermissionDenied, "only an app admin may read another user's groups"));
        }
        validate::user_id(user)?;
        Ok(self.user_groups.get(user).map(|s| s.iter().cloned().collect()).unwrap_or_default())
    }

    /// App admin only: every member ID of a group, AVChatRoom included.
    pub fn member_ids_of(&self, ctx: &Ctx, group_id: &str) -> Result<Vec<String>> {
        if !ctx.app_admin {
            return Err(err!(PermissionDenied, "only an app admin may read a group's member IDs"));
        }
        validate::group_id(group_id)?;
        Ok(self.group(group_id)?.member_ids())
    }
}
