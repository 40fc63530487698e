//! Group lifecycle: create, join, invite, quit, kick, disband, and the lists
//! a user reads about the groups it is in.

use std::collections::{BTreeMap, BTreeSet};

use crate::error::{err, Result};
use crate::model::{Audience, Change, GroupProfile, Handling, Member, Report, Thread, Tip};
use crate::params::{CreateGroupParam, InviteParam, KickParam};
use crate::types::{AddOption, GroupState, GroupType, JoinStatus, JoinType, MemberResult, MsgFlag, ReportType, Role, TipType};

use super::publish::Outgoing;
use super::rules::{rules, JoinPolicy};
use super::state::{Group, State};
use super::validate::{self, GENERATED_PREFIX};
use super::{Ctx, Plan};

/// A group in the caller's joined list, with the caller's own membership.
#[derive(Clone, Debug)]
pub struct JoinedGroup {
    pub profile: GroupProfile,
    pub member_num: u32,
    pub me: Member,
}

#[derive(Clone, Debug, PartialEq)]
pub struct InviteOutcome {
    pub results: Vec<(String, MemberResult)>,
    /// Some invitees were refused because the group is full (reported as 10014).
    pub full: bool,
}

/// A member about to be admitted.
pub(super) struct Newcomer<'a> {
    pub user: &'a str,
    pub role: Role,
    pub join_time: u64,
    pub custom: BTreeMap<String, String>,
}

/// How the app's server founds a group (the REST API's create_group and
/// import_group): with an owner or none, and, imported, as of a past time
/// and without telling anyone.
#[derive(Clone, Debug, Default)]
pub struct Founding {
    pub owner: Option<String>,
    pub imported_at: Option<u64>,
}

/// Adds members to a group within one plan, handing out join sequence numbers
/// and closing the requests the new members had pending.
pub(super) struct Admission<'a> {
    state: &'a State,
    profile: GroupProfile,
    added: Vec<String>,
    /// Where the profile goes in the plan: before its members, so that a new
    /// group exists by the time they are applied.
    at: usize,
}

impl<'a> Admission<'a> {
    pub(super) fn new<T>(state: &'a State, profile: GroupProfile, plan: &Plan<T>) -> Self {
        Admission { state, profile, added: Vec::new(), at: plan.changes.len() }
    }

    fn admit<T>(&mut self, plan: &mut Plan<T>, ctx: &Ctx, user: &str, role: Role) {
        self.admit_as(plan, ctx, Newcomer { user, role, join_time: ctx.now, custom: Default::default() });
    }

    pub(super) fn admitted(&self, user: &str) -> bool {
        self.added.iter().any(|u| u == user)
    }

    pub(super) fn count(&self) -> u32 {
        self.added.len() as u32
    }

    pub(super) fn admit_as<T>(&mut self, plan: &mut Plan<T>, ctx: &Ctx, who: Newcomer) {
        let user = who.user;
        let member = Member {
            user_id: user.to_string(),
            role: who.role,
            join_time: who.join_time,
            join_seq: self.profile.next_join_seq,
            name_card: String::new(),
            shutup_until: 0,
            msg_flag: MsgFlag::Receive,
            custom: who.custom,
            marks: Default::default(),
        };
        self.profile.next_join_seq += 1;
        self.profile.bans.remove(user);
        plan.changes.push(Change::PutMember { group_id: self.profile.id.clone(), member });
        plan.changes.extend(self.state.conv_joined(ctx, user, &self.profile.id));
        for p in self.state.pendencies.values() {
            if p.group_id == self.profile.id && p.from == user && p.handled.is_none() {
                let handling = Handling { accepted: true, by: ctx.user.to_string(), msg: String::new(), time: ctx.now };
                plan.changes.push(Change::PutPendency(crate::model::Pendency { handled: Some(handling), ..p.clone() }));
            }
        }
        self.added.push(user.to_string());
    }

    /// Writes the profile (its sequence counter moved) and returns it.
    pub(super) fn finish<T>(self, plan: &mut Plan<T>) -> (GroupProfile, Vec<String>) {
        plan.changes.insert(self.at, Change::PutGroup(self.profile.clone()));
        (self.profile, self.added)
    }
}

/// The Invite tip (every join is one, as Tencent does) to every member after the join.
fn join_tip(profile: &GroupProfile, count: u32, op_user: &str, added: Vec<String>, join_type: JoinType, now: u64) -> Tip {
    Tip { join_type: Some(join_type), ..Tip::new(TipType::Invite, profile, op_user, added, now, count, Audience::members(profile)) }
}

impl Group {
    fn max_members(&self) -> u32 {
        self.profile.max_member_num
    }

    pub(super) fn is_full(&self, extra: u32) -> bool {
        self.member_count() + extra >= self.max_members()
    }
}

impl State {
    /// A new ID; a community's starts with `@TGS#_`, as Tencent's do.
    fn generate_group_id(&self, ctx: &Ctx, group_type: GroupType) -> String {
        // Time-seeded and counted, then checked: unique without a random source,
        // and not handed out twice in one process even after a disband.
        static COUNTER: std::sync::atomic::AtomicU64 = std::sync::atomic::AtomicU64::new(0);
        let count = COUNTER.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
        let mut n = (ctx.now << 20 ^ count).wrapping_mul(0x9E37_79B9_7F4A_7C15);
        loop {
            let prefix = if group_type == GroupType::Community { validate::COMMUNITY_PREFIX } else { "" };
            let id = format!("{}{}{}", prefix, GENERATED_PREFIX, base32(n));
            if !self.groups.contains_key(&id) {
                return id;
            }
            n = n.wrapping_add(0x2545_F491_4F6C_DD1D);
        }
    }

    pub fn create_group(&self, ctx: &Ctx, p: CreateGroupParam) -> Result<Plan<String>> {
        self.found_group(ctx, p, Founding { owner: Some(ctx.user.to_string()), imported_at: None })
    }

    /// The app's server founds a group (app admins only).
    pub fn create_group_for_app(&self, ctx: &Ctx, p: CreateGroupParam, founding: Founding) -> Result<Plan<String>> {
        if !ctx.app_admin {
            return Err(err!(PermissionDenied, "only an app admin founds groups for the app"));
        }
        if let Some(owner) = &founding.owner {
            validate::user_id(owner)?;
        }
        if founding.imported_at.is_some_and(|t| t > ctx.now) {
            return Err(err!(InvalidRequest, "a group cannot be imported as created in the future"));
        }
        self.found_group(ctx, p, founding)
    }

    fn found_group(&self, ctx: &Ctx, p: CreateGroupParam, founding: Founding) -> Result<Plan<String>> {
        if self.groups_created_on(ctx.now) >= ctx.limits.daily_group_quota {
            return Err(err!(GroupFreqLimit, "the app may create {} groups a day, and has today", ctx.limits.daily_group_quota));
        }
        let group_type = p.group_type.unwrap_or(GroupType::Public);
        let r = rules(group_type);
        if p.name.is_empty() {
            return Err(err!(NameTooLong, "a group needs a name"));
        }
        validate::max_bytes(&p.name, validate::MAX_NAME, crate::error::Code::NameTooLong, "the group name")?;
        validate::max_bytes(&p.introduction, validate::MAX_INTRODUCTION, crate::error::Code::IntroductionTooLong, "the introduction")?;
        validate::max_bytes(&p.notification, validate::MAX_NOTIFICATION, crate::error::Code::NotificationTooLong, "the notification")?;
        validate::max_bytes(&p.face_url, validate::MAX_FACE_URL, crate::error::Code::FaceUrlTooLong, "the face URL")?;
        let type_max = r.max_members.unwrap_or(u32::MAX);
        let max_member_num = match p.max_member_num {
            None | Some(0) => type_max,
            Some(n) if n <= type_max => n,
            Some(n) => return Err(err!(InvalidRequest, "max_member_num {} is above the {:?} limit of {}", n, group_type, type_max)),
        };
        let id = match p.group_id.as_deref() {
            Some(id) if !id.is_empty() => {
                validate::custom_group_id(id, group_type == GroupType::Community)?;
                if self.groups.contains_key(id) {
                    return Err(err!(GroupIdInUse, "group ID {:?} is already in use", id));
                }
                id.to_string()
            }
            _ => self.generate_group_id(ctx, group_type),
        };
        let mut initial: Vec<(String, Role, BTreeMap<String, String>)> = Vec::new();
        let mut seen: BTreeSet<String> = founding.owner.iter().cloned().collect();
        for m in &p.members {
            validate::user_id(&m.user_id)?;
            let role = m.role.unwrap_or(Role::Normal);
            if role == Role::Owner {
                return Err(err!(InvalidRequest, "{} cannot be a second owner; the creator owns the group", m.user_id));
            }
            let custom = validate::member_custom(&m.custom)?;
            if seen.insert(m.user_id.clone()) {
                initial.push((m.user_id.clone(), role, custom));
            }
        }
        if !initial.is_empty() && !r.keeps_member_profiles {
            return Err(err!(PermissionDenied, "{:?} groups take no initial members", group_type));
        }
        validate::user_list(&p.members.iter().map(|m| m.user_id.clone()).collect::<Vec<_>>())?;
        let count = initial.len() as u64 + founding.owner.is_some() as u64;
        if count > max_member_num as u64 {
            return Err(err!(GroupFull, "{} members do not fit in a group of {}", count, max_member_num));
        }
        let created = founding.imported_at.unwrap_or(ctx.now);
        let profile = GroupProfile {
            id: id.clone(),
            group_type,
            name: p.name,
            introduction: p.introduction,
            notification: p.notification,
            face_url: p.face_url,
            add_option: p.add_option.unwrap_or(r.default_add_option),
            max_member_num,
            owner: founding.owner.clone().unwrap_or_default(),
            create_time: created,
            info_seq: 1,
            last_info_time: created,
            shutup_all: false,
            custom: validate::group_custom(&p.custom_info)?,
            mute_allowlist: BTreeSet::new(),
            bans: Default::default(),
            next_join_seq: 1,
            attributes: BTreeMap::new(),
            counters: BTreeMap::new(),
            support_topic: p.support_topic && group_type == GroupType::Community,
            topics: BTreeMap::new(),
            pinned: Vec::new(),
        };
        let mut plan = Plan::new(id);
        let mut admission = Admission::new(self, profile, &plan);
        if let Some(owner) = &founding.owner {
            admission.admit_as(&mut plan, ctx, Newcomer { user: owner, role: Role::Owner, join_time: created, custom: BTreeMap::new() });
        }
        for (user, role, custom) in initial {
            admission.admit_as(&mut plan, ctx, Newcomer { user: &user, role, join_time: created, custom });
        }
        let (profile, members) = admission.finish(&mut plan);
        if founding.imported_at.is_none() {
            let count = members.len() as u32;
            plan.tips.push(Tip::new(TipType::GroupCreated, &profile, ctx.user, members, ctx.now, count, Audience::members(&profile)));
            plan.reports.push(Report::new(ReportType::Create, &profile.id, ctx.user, vec![ctx.user.to_string()], ctx.now));
        }
        Ok(plan)
    }

    pub fn join(&self, ctx: &Ctx, group_id: &str, hello_msg: &str) -> Result<Plan<JoinStatus>> {
        validate::group_id(group_id)?;
        let g = self.group(group_id)?;
        if g.members.contains_key(ctx.user) {
            return Ok(Plan::new(JoinStatus::AlreadyMember));
        }
        if let Some(until) = g.profile.bans.get(ctx.user).filter(|&&t| t > ctx.now) {
            return Err(err!(PermissionDenied, "{} was removed from {} and may rejoin in {} s", ctx.user, group_id, until - ctx.now));
        }
        let asks = match g.rules().join {
            _ if ctx.app_admin => false,
            JoinPolicy::InviteOnly => {
                return Err(err!(JoinWorkGroupDenied, "{} is a Work group: members join by invitation only", group_id))
            }
            JoinPolicy::Free => false,
            JoinPolicy::ByAddOption => match g.profile.add_option {
                AddOption::Forbid => return Err(err!(PermissionDenied, "group {} accepts no join requests", group_id)),
                AddOption::Auth => true,
                AddOption::Any => false,
            },
        };
        if g.is_full(0) {
            return Err(err!(GroupFull, "group {} is full ({} members)", group_id, g.member_count()));
        }
        if asks {
            return self.request_join(ctx, g, hello_msg);
        }
        let joined = self.admit_one(ctx, g, ctx.user, Role::Normal, JoinType::Apply)?.with_value(JoinStatus::Joined);
        if !g.rules().online_only {
            return Ok(joined);
        }
        // A chat room: the other room goes first, the latest messages come last.
        let mut plan = self.leave_other_rooms(ctx, group_id)?.with_value(JoinStatus::Joined);
        plan.absorb(joined);
        plan.events.push(Outgoing::RoomLatest { user: ctx.user.to_string(), group_id: group_id.to_string() });
        Ok(plan)
    }

    /// Adds one member and tells the group, the new member included.
    pub(super) fn admit_one(&self, ctx: &Ctx, g: &Group, user: &str, role: Role, join_type: JoinType) -> Result<Plan<()>> {
        let mut plan = Plan::new(());
        let mut admission = Admission::new(self, g.profile.clone(), &plan);
        admission.admit(&mut plan, ctx, user, role);
        let (profile, added) = admission.finish(&mut plan);
        let count = g.member_count() + added.len() as u32;
        plan.tips.push(join_tip(&profile, count, ctx.user, added, join_type, ctx.now));
        Ok(plan)
    }

    pub fn quit(&self, ctx: &Ctx, group_id: &str) -> Result<Plan<()>> {
        validate::group_id(group_id)?;
        let g = self.group(group_id)?;
        let Some(role) = g.role_of(ctx.user) else {
            return Err(err!(PermissionDenied, "{} is not a member of {}", ctx.user, group_id));
        };
        if role == Role::Owner && !g.rules().owner_may_quit {
            return Err(err!(OwnerMayNotQuit, "the owner cannot quit {:?} group {}; disband it or transfer ownership", g.profile.group_type, group_id));
        }
        let mut plan = Plan::new(());
        let mut profile = g.profile.clone();
        if role == Role::Owner {
            profile.owner.clear();
        }
        profile.mute_allowlist.remove(ctx.user);
        let count = g.member_count() - 1;
        let audience = Audience::members_and(&profile, vec![ctx.user.to_string()]);
        plan.tips.push(Tip::new(TipType::Quit, &profile, ctx.user, vec![ctx.user.to_string()], ctx.now, count, audience));
        plan.reports.push(Report::new(ReportType::Quit, group_id, ctx.user, vec![ctx.user.to_string()], ctx.now));
        plan.changes.push(Change::DeleteMember { group_id: group_id.to_string(), user_id: ctx.user.to_string() });
        plan.changes.extend(self.conv_left(ctx, ctx.user, group_id, GroupState::Left));
        plan.changes.push(Change::PutGroup(profile));
        Ok(plan)
    }

    pub fn invite(&self, ctx: &Ctx, p: InviteParam) -> Result<Plan<InviteOutcome>> {
        validate::group_id(&p.group_id)?;
        let g = self.group(&p.group_id)?;
        if p.users.is_empty() {
            return Err(err!(InviteNoMember, "no user to invite"));
        }
        validate::user_list(&p.users)?;
        if !g.rules().invite.allows(g.role_of(ctx.user), ctx.app_admin) {
            return Err(err!(PermissionDenied, "{} may not invite to {:?} group {}", ctx.user, g.profile.group_type, p.group_id));
        }
        let mut plan = Plan::new(InviteOutcome { results: Vec::new(), full: false });
        let mut admission = Admission::new(self, g.profile.clone(), &plan);
        let mut results = Vec::new();
        let mut full = false;
        for user in &p.users {
            let result = if g.members.contains_key(user) || admission.added.contains(user) {
                MemberResult::Included
            } else if g.is_full(admission.added.len() as u32) {
                full = true;
                MemberResult::Err
            } else {
                admission.admit(&mut plan, ctx, user, Role::Normal);
                MemberResult::Suc
            };
            results.push((user.clone(), result));
        }
        plan.value = InviteOutcome { results, full };
        if admission.added.is_empty() {
            return Ok(plan);
        }
        let (profile, added) = admission.finish(&mut plan);
        let count = g.member_count() + added.len() as u32;
        plan.reports.push(Report { msg: p.user_data, ..Report::new(ReportType::Invite, &profile.id, ctx.user, added.clone(), ctx.now) });
        plan.tips.push(join_tip(&profile, count, ctx.user, added, JoinType::Invite, ctx.now));
        Ok(plan)
    }

    pub fn kick(&self, ctx: &Ctx, p: KickParam) -> Result<Plan<Vec<(String, MemberResult)>>> {
        validate::group_id(&p.group_id)?;
        let g = self.group(&p.group_id)?;
        if p.users.is_empty() {
            return Err(err!(InvalidRequest, "no member to remove"));
        }
        validate::user_list(&p.users)?;
        let my_role = g.role_of(ctx.user);
        if !g.rules().kick.allows(my_role, ctx.app_admin) {
            return Err(err!(PermissionDenied, "{} may not remove members from {:?} group {}", ctx.user, g.profile.group_type, p.group_id));
        }
        for user in &p.users {
            let target = g.role_of(user);
            if user == ctx.user {
                return Err(err!(InvalidRequest, "{} cannot remove itself; quit instead", user));
            }
            if target == Some(Role::Owner) || (target == Some(Role::Admin) && my_role != Some(Role::Owner) && !ctx.app_admin) {
                return Err(err!(PermissionDenied, "{} may not remove {} ({:?})", ctx.user, user, target.unwrap()));
            }
        }
        let mut profile = g.profile.clone();
        let mut results = Vec::new();
        let mut kicked = Vec::new();
        let mut plan = Plan::new(Vec::new());
        for user in &p.users {
            if !g.members.contains_key(user) || kicked.contains(user) {
                results.push((user.clone(), MemberResult::Err));
                continue;
            }
            plan.changes.push(Change::DeleteMember { group_id: p.group_id.clone(), user_id: user.clone() });
            plan.changes.extend(self.conv_left(ctx, user, &p.group_id, GroupState::Left));
            profile.mute_allowlist.remove(user);
            if p.duration > 0 {
                profile.bans.insert(user.clone(), ctx.now.saturating_add(p.duration));
            }
            kicked.push(user.clone());
            results.push((user.clone(), MemberResult::Suc));
        }
        plan.value = results;
        if kicked.is_empty() {
            return Ok(plan);
        }
        plan.changes.push(Change::PutGroup(profile));
        let count = g.member_count() - kicked.len() as u32;
        let audience = Audience::members_and(&g.profile, kicked.clone());
        plan.reports.push(Report { msg: p.user_data, ..Report::new(ReportType::BeKicked, &p.group_id, ctx.user, kicked.clone(), ctx.now) });
        plan.tips.push(Tip::new(TipType::Kick, &g.profile, ctx.user, kicked, ctx.now, count, audience));
        Ok(plan)
    }

    pub fn disband(&self, ctx: &Ctx, group_id: &str) -> Result<Plan<()>> {
        validate::group_id(group_id)?;
        let g = self.group(group_id)?;
        if !g.rules().disband.allows(g.role_of(ctx.user), ctx.app_admin) {
            return Err(err!(PermissionDenied, "{} may not disband {:?} group {}", ctx.user, g.profile.group_type, group_id));
        }
        Ok(self.dismissal(ctx, g, ReportType::Delete))
    }

    /// The group goes; its members get the GroupDismissed tip and the
    /// `report` group system message (Delete, or GroupRecycle when the
    /// engine dismisses an idle chat room).
    pub(super) fn dismissal(&self, ctx: &Ctx, g: &Group, report: ReportType) -> Plan<()> {
        let group_id = &g.profile.id;
        let mut plan = Plan::new(());
        let members = g.member_ids();
        plan.changes.extend(members.iter().flat_map(|u| self.conv_left(ctx, u, group_id, GroupState::Disbanded)));
        // The group is gone when the tip goes out: its members are named.
        plan.reports.push(Report::new(report, group_id, ctx.user, members.clone(), ctx.now));
        plan.tips.push(Tip::new(TipType::GroupDismissed, &g.profile, ctx.user, Vec::new(), ctx.now, 0, Audience::Users(members)));
        plan.changes.push(Change::DeleteGroup(group_id.to_string()));
        plan
    }

    /// The caller's groups, but AVChatRoom ones (API.md: not in the list).
    pub fn joined_groups(&self, ctx: &Ctx) -> Result<Vec<JoinedGroup>> {
        let Some(ids) = self.user_groups.get(ctx.user) else { return Ok(Vec::new()) };
        Ok(ids
            .iter()
            .filter_map(|id| self.groups.get(id))
            .filter(|g| g.rules().in_joined_list)
            .map(|g| JoinedGroup { profile: g.profile.clone(), member_num: g.member_count(), me: g.members[ctx.user].clone() })
            .collect())
    }

    /// Group profiles are public: anyone may read them, member or not.
    pub fn group_info(&self, _ctx: &Ctx, ids: &[String]) -> Vec<(String, Result<(GroupProfile, u32)>)> {
        ids.iter()
            .zip(self.group_infos(ids, |_| 0))
            .map(|(id, info)| (id.clone(), info.map(|i| (i.profile.clone(), i.member_num))))
            .collect()
    }

    /// `group_info` without copies, for encoding in place, with what only
    /// the engine's sessions know: `online` counts a group's members online.
    pub fn group_infos<'a>(&'a self, ids: &'a [String], online: impl Fn(&Group) -> u32 + 'a) -> impl Iterator<Item = Result<GroupInfo<'a>>> + 'a {
        ids.iter().map(move |id| {
            let g = validate::group_id(id).and_then(|_| self.group(id))?;
            let thread = Thread::Group(id.clone());
            let last_msg_time = match self.rooms.get(id) {
                Some(room) => room.latest.back().map(|m| m.server_time),
                None => self.threads.get(&thread).and_then(|t| t.messages.values().next_back()).map(|m| m.server_time),
            };
            Ok(GroupInfo {
                profile: &g.profile,
                member_num: g.member_count(),
                online_member_num: online(g),
                next_msg_seq: self.last_seq(&thread) + 1,
                last_msg_time: last_msg_time.unwrap_or(0),
            })
        })
    }
}

/// What `HuddleGroupGetGroupInfoList` tells of one group.
pub struct GroupInfo<'a> {
    pub profile: &'a GroupProfile,
    pub member_num: u32,
    /// Members with a session online now.
    pub online_member_num: u32,
    /// The sequence the group's next message takes.
    pub next_msg_seq: u64,
    /// When the latest message kept was sent; 0 when none is.
    pub last_msg_time: u64,
}

pub(super) fn base32(mut n: u64) -> String {
    const DIGITS: &[u8; 32] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
    let mut out = Vec::with_capacity(13);
    while n > 0 || out.is_empty() {
        out.push(DIGITS[(n % 32) as usize]);
        n /= 32;
    }
    String::from_utf8(out).expect("ASCII digits")
}
