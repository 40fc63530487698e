//! What only the app's server does (Tencent's REST API): importing groups,
//! members and messages from another system, muting many members at once,
//! system notifications, and reading across the whole app.

use std::collections::BTreeMap;
use std::sync::Arc;

use serde_json::Value;

use crate::error::{err, Error, Result};
use crate::model::{Audience, Change, ConvState, Member, MemberChange, Message, Report, Thread, Tip};
use crate::params::{InviteParam, KickParam};
use crate::types::{GroupType, MemberResult, MsgStatus, ReportType, Role, TipType};

use super::groups::{InviteOutcome, Newcomer};
use super::messages::{check_elems, new_msg_id};
use super::publish::Outgoing;
use super::state::State;
use super::validate;
use super::{Ctx, Plan};

/// A member brought over from another system.
#[derive(Clone, Debug)]
pub struct ImportedMember {
    pub user_id: String,
    pub role: Role,
    /// When the member joined (s); `None`: now.
    pub join_time: Option<u64>,
    /// Messages the member has not read yet, of those before the import.
    pub unread: u64,
}

/// A message brought over from another system.
#[derive(Clone, Debug)]
pub struct ImportedMessage {
    pub sender: String,
    pub time: u64,
    pub random: u32,
    pub elems: Vec<Value>,
}

/// Each message a recall named, and why it was not recalled (none: it was).
pub type Recalls = Vec<(u64, Option<Error>)>;

/// One page of the app's groups.
#[derive(Clone, Debug)]
pub struct GroupPage {
    /// Groups of the type asked for, in all.
    pub total: usize,
    pub group_ids: Vec<String>,
    /// Where the next page starts; 0 when this was the last.
    pub next: u64,
}

fn app_only(ctx: &Ctx, what: &str) -> Result<()> {
    if ctx.app_admin {
        Ok(())
    } else {
        Err(err!(PermissionDenied, "only an app admin may {}", what))
    }
}

impl State {
    /// Invites as `invite` does; a silent one tells only the new members.
    pub fn add_members(&self, ctx: &Ctx, p: InviteParam, silent: bool) -> Result<Plan<InviteOutcome>> {
        app_only(ctx, "add members")?;
        let mut plan = self.invite(ctx, p)?;
        if silent {
            for tip in &mut plan.tips {
                tip.audience = Audience::Users(tip.users.clone());
            }
        }
        Ok(plan)
    }

    /// Removes as `kick` does; a silent one tells only the removed members.
    pub fn remove_members(&self, ctx: &Ctx, p: KickParam, silent: bool) -> Result<Plan<Vec<(String, MemberResult)>>> {
        app_only(ctx, "remove members")?;
        let mut plan = self.kick(ctx, p)?;
        if silent {
            for tip in &mut plan.tips {
                tip.audience = Audience::Users(tip.users.clone());
            }
        }
        Ok(plan)
    }

    /// Adds members as they were in another system, telling nobody: each
    /// sees the messages sent after it joined, the last `unread` of them unread.
    pub fn import_members(&self, ctx: &Ctx, group_id: &str, members: Vec<ImportedMember>) -> Result<Plan<Vec<(String, MemberResult)>>> {
        app_only(ctx, "import members")?;
        validate::group_id(group_id)?;
        let g = self.group(group_id)?;
        validate::user_list(&members.iter().map(|m| m.user_id.clone()).collect::<Vec<_>>())?;
        let thread = Thread::Group(group_id.to_string());
        let mut plan = Plan::new(Vec::new());
        let mut admission = super::groups::Admission::new(self, g.profile.clone(), &plan);
        let mut results = Vec::new();
        for m in &members {
            let join_time = m.join_time.unwrap_or(ctx.now);
            let result = if g.members.contains_key(&m.user_id) || admission.admitted(&m.user_id) {
                MemberResult::Included
            } else if m.role == Role::Owner || join_time < g.profile.create_time || join_time > ctx.now || g.is_full(admission.count()) {
                MemberResult::Err
            } else {
                admission.admit_as(&mut plan, ctx, Newcomer { user: &m.user_id, role: m.role, join_time, custom: BTreeMap::new() });
                let log = self.threads.get(&thread);
                let before = log.map_or(0, |l| l.messages.values().take_while(|x| x.server_time < join_time).last().map_or(0, |x| x.seq));
                let last = self.last_seq(&thread);
                let conv = ConvState {
                    joined_after: before,
                    read_seq: last.saturating_sub(m.unread).max(before),
                    ..self.conv_or_new(&m.user_id, &thread)
                };
                plan.changes.push(Change::PutConv(ConvState { joined_order: ctx.order, left_at: None, left_order: None, ..conv }));
                MemberResult::Suc
            };
            results.push((m.user_id.clone(), result));
        }
        if admission.count() > 0 {
            admission.finish(&mut plan);
        }
        plan.value = results;
        Ok(plan)
    }

    /// Mutes (or, with 0 s, unmutes) members, with one tip for all of them.
    pub fn mute_members(&self, ctx: &Ctx, group_id: &str, users: &[String], secs: u64) -> Result<Plan<()>> {
        app_only(ctx, "mute members")?;
        validate::group_id(group_id)?;
        let g = self.group(group_id)?;
        if users.is_empty() {
            return Err(err!(InvalidRequest, "no member to mute"));
        }
        validate::user_list(users)?;
        let until = if secs == 0 { 0 } else { ctx.now.saturating_add(secs) };
        let mut plan = Plan::new(());
        let mut changed = Vec::new();
        for user in users {
            let Some(member) = g.members.get(user) else {
                return Err(err!(InvalidRequest, "{} is not a member of {}", user, group_id));
            };
            if changed.iter().any(|c: &MemberChange| c.user_id == *user) {
                continue;
            }
            plan.changes.push(Change::PutMember { group_id: group_id.to_string(), member: Member { shutup_until: until, ..member.clone() } });
            plan.reports.push(Report { shut_up_time: secs, ..Report::new(ReportType::ShutUpMember, group_id, ctx.user, vec![user.clone()], ctx.now) });
            changed.push(MemberChange { user_id: user.clone(), shutup_time: secs });
        }
        let users = changed.iter().map(|c| c.user_id.clone()).collect();
        let tip = Tip { member_changes: changed, ..Tip::new(TipType::MemberInfoChange, &g.profile, ctx.user, users, ctx.now, g.member_count(), Audience::members(&g.profile)) };
        plan.tips.push(tip);
        Ok(plan)
    }

    /// Members muted now, and until when.
    pub fn muted_members(&self, ctx: &Ctx, group_id: &str) -> Result<Vec<(String, u64)>> {
        app_only(ctx, "list muted members")?;
        validate::group_id(group_id)?;
        let g = self.group(group_id)?;
        Ok(g.by_seq.values().map(|u| &g.members[u]).filter(|m| m.shutup_until > ctx.now).map(|m| (m.user_id.clone(), m.shutup_until)).collect())
    }

    /// Each user's role in the group, `None` for non-members.
    pub fn roles_in_group(&self, ctx: &Ctx, group_id: &str, users: &[String]) -> Result<Vec<(String, Option<Role>)>> {
        app_only(ctx, "read roles")?;
        validate::group_id(group_id)?;
        let g = self.group(group_id)?;
        validate::user_list(users)?;
        Ok(users.iter().map(|u| (u.clone(), g.role_of(u))).collect())
    }

    /// A system message from the app to some members of a group (all when
    /// `users` is empty): Tencent's user-defined group report.
    pub fn system_notice(&self, ctx: &Ctx, group_id: &str, users: &[String], content: &str) -> Result<Plan<()>> {
        app_only(ctx, "send system notifications")?;
        validate::group_id(group_id)?;
        let g = self.group(group_id)?;
        validate::user_list(users)?;
        if let Some(u) = users.iter().find(|u| !g.members.contains_key(*u)) {
            return Err(err!(InvalidRequest, "{} is not a member of {}", u, group_id));
        }
        validate::max_bytes(content, super::messages::MAX_MESSAGE_BYTES, crate::error::Code::MsgTooLarge, "the notification")?;
        let users = if users.is_empty() { g.member_ids() } else { users.to_vec() };
        let mut plan = Plan::new(());
        plan.reports.push(Report { user_data: content.to_string(), ..Report::new(ReportType::UserDefine, group_id, ctx.user, users, ctx.now) });
        Ok(plan)
    }

    /// Appends messages sent in another system, in time order and not
    /// before the group's last message, telling nobody: each result is the
    /// message's sequence or why it was refused.
    pub fn import_messages(&self, ctx: &Ctx, group_id: &str, messages: Vec<ImportedMessage>) -> Result<Plan<Vec<Result<Arc<Message>>>>> {
        app_only(ctx, "import messages")?;
        validate::group_id(group_id)?;
        let g = self.group(group_id)?;
        let thread = Thread::Group(group_id.to_string());
        let mut seq = self.last_seq(&thread);
        let mut latest = self.threads.get(&thread).and_then(|l| l.messages.values().next_back()).map_or(g.profile.create_time, |m| m.server_time);
        let mut plan = Plan::new(Vec::new());
        let mut results = Vec::new();
        for m in messages {
            let checked = validate::user_id(&m.sender).and_then(|_| check_elems(&m.elems)).and_then(|_| {
                if m.time < latest || m.time > ctx.now {
                    Err(err!(InvalidRequest, "send time {} is before the group's latest message ({}) or in the future", m.time, latest))
                } else {
                    Ok(())
                }
            });
            results.push(checked.map(|_| {
                seq += 1;
                latest = m.time;
                let message = Message {
                    thread: thread.clone(),
                    seq,
                    msg_id: new_msg_id(m.time),
                    sender: m.sender,
                    server_time: m.time,
                    client_time: m.time,
                    elems: m.elems,
                    at_users: Vec::new(),
                    targets: Vec::new(),
                    status: MsgStatus::Sent,
                    revoker: String::new(),
                    // No session is told of an import, one catching up neither.
                    order: 0,
                    revoked_order: 0,
                    random: m.random,
                    cloud_custom_data: String::new(),
                    platform: 0,
                    version: 0,
                    modified_order: 0,
                    local_to: None,
                    priority: Default::default(),
                    extras: Default::default(),
                };
                plan.changes.push(Change::PutMessage(message.clone()));
                Arc::new(message)
            }));
        }
        plan.value = results;
        Ok(plan)
    }

    /// A group's messages at or below sequence `upto` (all when `None`),
    /// newest first, recalled ones only if asked for.
    pub fn group_history(&self, ctx: &Ctx, group_id: &str, upto: Option<u64>, count: usize, with_recalled: bool) -> Result<Vec<Arc<Message>>> {
        app_only(ctx, "read any group's history")?;
        validate::group_id(group_id)?;
        self.group(group_id)?;
        let Some(log) = self.threads.get(&Thread::Group(group_id.to_string())) else { return Ok(Vec::new()) };
        Ok(log
            .messages
            .range(..=upto.unwrap_or(u64::MAX))
            .rev()
            .map(|(_, m)| m)
            .filter(|m| (with_recalled || m.status != MsgStatus::Revoked) && m.local_to.is_none())
            .take(count)
            .cloned()
            .collect())
    }

    /// Recalls messages of a group by sequence, each on its own: the
    /// result is per message.
    pub fn recall_group_messages(&self, ctx: &Ctx, group_id: &str, seqs: &[u64]) -> Result<Plan<Recalls>> {
        app_only(ctx, "recall any message")?;
        validate::group_id(group_id)?;
        self.group(group_id)?;
        let thread = Thread::Group(group_id.to_string());
        let mut plan = Plan::new(Vec::new());
        let mut results = Vec::new();
        for (i, &seq) in seqs.iter().enumerate() {
            let Some(m) = self.threads.get(&thread).and_then(|l| l.messages.get(&seq)) else {
                results.push((seq, Some(err!(MsgNotFound, "group {} has no message {}", group_id, seq))));
                continue;
            };
            if m.status != MsgStatus::Revoked && !results.iter().take(i).any(|(s, e)| *s == seq && e.is_none()) {
                let order = ctx.order + plan.events.len() as u64;
                let revoked = Message { status: MsgStatus::Revoked, revoker: ctx.user.to_string(), elems: Vec::new(), revoked_order: order, ..Message::clone(m) };
                plan.changes.push(Change::PutMessage(revoked));
                plan.events.push(Outgoing::Revoked { thread: thread.clone(), seq });
            }
            results.push((seq, None));
        }
        plan.value = results;
        Ok(plan)
    }

    /// The app's groups (of one type, if given) in ID order, `limit` from
    /// position `next`.
    pub fn app_groups(&self, ctx: &Ctx, group_type: Option<GroupType>, next: u64, limit: usize) -> Result<GroupPage> {
        app_only(ctx, "list the app's groups")?;
        let mut ids: Vec<&String> = self.groups.values().filter(|g| group_type.map_or(true, |t| g.profile.group_type == t)).map(|g| &g.profile.id).collect();
        ids.sort_unstable();
        let start = (next as usize).min(ids.len());
        let end = start.saturating_add(limit).min(ids.len());
        Ok(GroupPage {
            total: ids.len(),
            group_ids: ids[start..end].iter().map(|s| s.to_string()).collect(),
            next: if end < ids.len() { end as u64 } else { 0 },
        })
    }

    /// Every message of one kind of thread sent in `[from, to)`, oldest first.
    pub fn messages_between(&self, ctx: &Ctx, conv_type: crate::types::ConvType, from: u64, to: u64) -> Result<Vec<Arc<Message>>> {
        app_only(ctx, "export messages")?;
        let mut found: Vec<Arc<Message>> = self
            .threads
            .iter()
            .filter(|(thread, _)| thread.conv_type() == conv_type)
            .flat_map(|(_, log)| log.messages.values())
            .filter(|m| (from..to).contains(&m.server_time))
            .cloned()
            .collect();
        found.sort_by_key(|m| (m.server_time, m.order, m.seq));
        Ok(found)
    }
}
