//! Conversations and conversation groups: per user, kept by the engine, so
//! every client of the user sees the same list.

use serde_json::{json, Value};

use crate::error::{err, Error, Result};
use crate::model::{Change, ConvGroupLogEntry, ConvState, Draft, Thread, UserMeta};
use crate::params::ConvFilter;
use crate::types::{ConvEvent, ConvGroupEvent};

use super::conv_marks::MARK_HIDE;
use super::publish::Outgoing;
use super::state::State;
use super::views::ConvSummary;
use super::{Ctx, Plan};

/// Conversation groups one user may have (Tencent: 20, 51010).
pub(crate) const MAX_CONV_GROUPS: usize = 20;
/// Conversation group names are 1..=32 bytes (51011).
pub(crate) const MAX_CONV_GROUP_NAME: usize = 32;

/// Conversation-group events kept per user for sessions that catch up.
pub(crate) const MAX_CONV_GROUP_LOG: usize = 100;

fn log_conv_group(meta: &mut UserMeta, entry: ConvGroupLogEntry) {
    meta.conv_group_log.push(entry);
    let excess = meta.conv_group_log.len().saturating_sub(MAX_CONV_GROUP_LOG);
    meta.conv_group_log.drain(..excess);
}

/// The outcome for one conversation of a batch, as
/// `conversation_operation_result_*` reports it.
pub type ConvResult = (String, Result<()>);

impl State {
    /// The caller's conversations that `filter` lists (those showing a
    /// message; hidden ones only when it asks for the Hide mark).
    pub(super) fn matching(&self, ctx: &Ctx, filter: &ConvFilter) -> Vec<ConvSummary<'_>> {
        let Some(convs) = self.convs.get(ctx.user) else { return Vec::new() };
        convs
            .values()
            .filter(|c| match filter.conversation_group.as_deref() {
                None => true,
                Some("") => c.groups.is_empty(),
                Some(name) => c.groups.contains(name),
            })
            .filter(|c| filter.conv_type.map_or(true, |t| c.thread.conv_type() == t))
            .filter_map(|c| self.summarize(c))
            .filter(|s| !filter.has_unread || s.unread > 0)
            .filter(|s| !filter.has_at_info || s.has_at())
            .filter(|s| {
                let marks = self.mark_bits(s);
                match filter.mark_type {
                    None => marks & MARK_HIDE == 0,
                    Some(0) => marks == 0,
                    Some(wanted) => marks & wanted == wanted,
                }
            })
            .collect()
    }

    /// The caller's listed conversations: pinned first, then the most
    /// recently active.
    pub fn conv_list(&self, ctx: &Ctx, filter: &ConvFilter) -> Vec<Value> {
        let mut listed = self.matching(ctx, filter);
        listed.sort_by_key(|s| std::cmp::Reverse((s.conv.pinned, s.last.map(|m| (m.server_time, m.order)))));
        listed.iter().map(|s| self.conv_json(s)).collect()
    }

    /// `HuddleConvGetTotalUnreadMessageCount`: the unread messages of the
    /// listed conversations but the do-not-disturb ones.
    pub fn total_unread(&self, ctx: &Ctx) -> u64 {
        self.unread_by_filter(ctx, &ConvFilter::default())
    }

    /// The caller's listed conversation in `thread`, or 6004.
    pub(super) fn listed(&self, ctx: &Ctx, thread: &Thread) -> Result<&ConvState> {
        self.conv(ctx.user, thread)
            .filter(|c| self.summarize(c).is_some())
            .ok_or_else(|| err!(InvalidConversation, "{} has no conversation {}", ctx.user, thread.conv_id(ctx.user)))
    }

    /// Removes a conversation from the list with its messages; a newer message brings it back.
    pub fn delete_conv(&self, ctx: &Ctx, thread: &Thread) -> Result<Plan<()>> {
        let conv = self.listed(ctx, thread)?.clone();
        let mut plan = Plan::new(());
        plan.events.push(Outgoing::Conv { user: ctx.user.to_string(), thread: thread.clone(), kind: ConvEvent::Delete });
        plan.changes.push(Change::PutConv(self.delisted(conv, true)));
        Ok(plan)
    }

    /// `conv` deleted from the list, read, unpinned: with `clear_message`
    /// its messages so far go too (for this user only), else they stay for
    /// when a newer message lists it again.
    pub(super) fn delisted(&self, conv: ConvState, clear_message: bool) -> ConvState {
        let last = self.last_seq(&conv.thread);
        let conv = ConvState { read_seq: last, pinned: false, ..conv };
        if clear_message {
            ConvState { hidden_through: last, deleted: Default::default(), ..conv }
        } else {
            ConvState { delisted_through: last, ..conv }
        }
    }

    pub fn pin_conv(&self, ctx: &Ctx, thread: &Thread, pinned: bool) -> Result<Plan<()>> {
        let conv = self.listed(ctx, thread)?.clone();
        let mut plan = Plan::new(());
        plan.changes.push(Change::PutConv(ConvState { pinned, ..conv }));
        plan.events.push(Outgoing::Conv { user: ctx.user.to_string(), thread: thread.clone(), kind: ConvEvent::Update });
        Ok(plan)
    }

    /// Sets (`Some`) or cancels (`None`) the caller's draft in a listed
    /// conversation; an edit time of 0 becomes now.
    pub fn set_draft(&self, ctx: &Ctx, thread: &Thread, draft: Option<Draft>) -> Result<Plan<()>> {
        let conv = self.listed(ctx, thread)?.clone();
        let draft = draft.map(|d| Draft { edit_time: if d.edit_time == 0 { ctx.now } else { d.edit_time }, ..d });
        let mut plan = Plan::new(());
        plan.changes.push(Change::PutConv(ConvState { draft, ..conv }));
        plan.events.push(Outgoing::Conv { user: ctx.user.to_string(), thread: thread.clone(), kind: ConvEvent::Update });
        Ok(plan)
    }

    pub fn conv_groups(&self, ctx: &Ctx) -> Vec<String> {
        self.user_meta(ctx.user).conv_groups
    }

    /// Tells the user's sessions of a conversation-group change, and logs
    /// it in the user's record for the sessions that catch up later.
    fn conv_group_event<T>(&self, plan: &mut Plan<T>, ctx: &Ctx, kind: ConvGroupEvent, body: Value) {
        let entry = ConvGroupLogEntry { order: ctx.order, event: kind, json: body.to_string() };
        let meta = plan.changes.iter_mut().find_map(|c| match c {
            Change::PutUser(meta) if meta.user_id == ctx.user => Some(meta),
            _ => None,
        });
        match meta {
            Some(meta) => log_conv_group(meta, entry),
            None => {
                let mut meta = self.user_meta(ctx.user);
                log_conv_group(&mut meta, entry);
                plan.changes.push(Change::PutUser(meta));
            }
        }
        plan.events.push(Outgoing::ConvGroup { user: ctx.user.to_string(), kind, json: body });
    }

    /// Adds or removes conversations (by `c2c_`/`group_` ID) to or from a
    /// group; each gets its own result, and listed ones change.
    fn regroup<T>(&self, ctx: &Ctx, plan: &mut Plan<T>, name: &str, ids: &[String], add: bool) -> Vec<ConvResult> {
        let mut results = Vec::new();
        for id in ids {
            let outcome = Thread::from_conv_id(ctx.user, id)
                .ok_or_else(|| err!(InvalidConversation, "{:?} is not a conversation ID (c2c_<user> or group_<group>)", id))
                .and_then(|t| self.listed(ctx, &t).cloned())
                .and_then(|mut conv| {
                    let changed = if add { conv.groups.insert(name.to_string()) } else { conv.groups.remove(name) };
                    if !changed {
                        let why = if add { "is already in" } else { "is not in" };
                        return Err(err!(InvalidRequest, "{} {} conversation group {:?}", id, why, name));
                    }
                    plan.events.push(Outgoing::Conv { user: ctx.user.to_string(), thread: conv.thread.clone(), kind: ConvEvent::Update });
                    plan.changes.push(Change::PutConv(conv));
                    Ok(())
                });
            results.push((id.clone(), outcome));
        }
        results
    }

    /// Changes the group list of every conversation in group `name`, each
    /// with a conversation update, as adding and removing do.
    fn rewrite_groups<T>(&self, ctx: &Ctx, plan: &mut Plan<T>, name: &str, change: impl Fn(&mut std::collections::BTreeSet<String>)) {
        for conv in self.convs.get(ctx.user).into_iter().flat_map(|c| c.values()).filter(|c| c.groups.contains(name)) {
            let mut conv = conv.clone();
            change(&mut conv.groups);
            plan.events.push(Outgoing::Conv { user: ctx.user.to_string(), thread: conv.thread.clone(), kind: ConvEvent::Update });
            plan.changes.push(Change::PutConv(conv));
        }
    }

    /// `regroup`, answering its results and telling the user's clients which
    /// conversations moved.
    fn regroup_and_tell(&self, ctx: &Ctx, plan: &mut Plan<Vec<ConvResult>>, name: &str, ids: &[String], add: bool, kind: ConvGroupEvent) {
        plan.value = self.regroup(ctx, plan, name, ids, add);
        let moved: Vec<&str> = plan.value.iter().filter(|(_, r)| r.is_ok()).map(|(id, _)| id.as_str()).collect();
        let body = json!({ "conversation_group_name": name, "conversation_group_conv_id_array": moved });
        self.conv_group_event(plan, ctx, kind, body);
    }

    fn check_name(name: &str) -> Result<()> {
        if name.is_empty() || name.len() > MAX_CONV_GROUP_NAME {
            return Err(err!(ConvGroupNameInvalid, "conversation group names are 1 to {} bytes; {:?} is {}", MAX_CONV_GROUP_NAME, name, name.len()));
        }
        Ok(())
    }

    fn existing_group(&self, ctx: &Ctx, name: &str) -> Result<UserMeta> {
        let meta = self.user_meta(ctx.user);
        if !meta.conv_groups.iter().any(|g| g == name) {
            return Err(err!(ConvGroupNotFound, "{} has no conversation group {:?}", ctx.user, name));
        }
        Ok(meta)
    }

    pub fn create_conv_group(&self, ctx: &Ctx, name: &str, ids: &[String]) -> Result<Plan<Vec<ConvResult>>> {
        State::check_name(name)?;
        let mut meta = self.user_meta(ctx.user);
        if meta.conv_groups.iter().any(|g| g == name) {
            return Err(err!(InvalidParameters, "{} already has a conversation group {:?}", ctx.user, name));
        }
        if meta.conv_groups.len() >= MAX_CONV_GROUPS {
            return Err(err!(ConvGroupLimit, "{} already has {} conversation groups", ctx.user, MAX_CONV_GROUPS));
        }
        meta.conv_groups.push(name.to_string());
        let mut plan = Plan::new(Vec::new());
        plan.changes.push(Change::PutUser(meta));
        self.regroup_and_tell(ctx, &mut plan, name, ids, true, ConvGroupEvent::Created);
        Ok(plan)
    }

    pub fn delete_conv_group(&self, ctx: &Ctx, name: &str) -> Result<Plan<()>> {
        let mut meta = self.existing_group(ctx, name)?;
        meta.conv_groups.retain(|g| g != name);
        let mut plan = Plan::new(());
        plan.changes.push(Change::PutUser(meta));
        self.rewrite_groups(ctx, &mut plan, name, |groups| {
            groups.remove(name);
        });
        self.conv_group_event(&mut plan, ctx, ConvGroupEvent::Deleted, json!({ "conversation_group_name": name }));
        Ok(plan)
    }

    pub fn rename_conv_group(&self, ctx: &Ctx, old: &str, new: &str) -> Result<Plan<()>> {
        let mut meta = self.existing_group(ctx, old)?;
        State::check_name(new)?;
        if meta.conv_groups.iter().any(|g| g == new) {
            return Err(err!(InvalidParameters, "{} already has a conversation group {:?}", ctx.user, new));
        }
        for g in meta.conv_groups.iter_mut().filter(|g| *g == old) {
            *g = new.to_string();
        }
        let mut plan = Plan::new(());
        plan.changes.push(Change::PutUser(meta));
        self.rewrite_groups(ctx, &mut plan, old, |groups| {
            groups.remove(old);
            groups.insert(new.to_string());
        });
        self.conv_group_event(&mut plan, ctx, ConvGroupEvent::Renamed, json!({ "conversation_group_name": old, "conversation_group_new_name": new }));
        Ok(plan)
    }

    pub fn add_to_conv_group(&self, ctx: &Ctx, name: &str, ids: &[String]) -> Result<Plan<Vec<ConvResult>>> {
        self.existing_group(ctx, name)?;
        let mut plan = Plan::new(Vec::new());
        self.regroup_and_tell(ctx, &mut plan, name, ids, true, ConvGroupEvent::ConversationsAdded);
        Ok(plan)
    }

    pub fn remove_from_conv_group(&self, ctx: &Ctx, name: &str, ids: &[String]) -> Result<Plan<Vec<ConvResult>>> {
        self.existing_group(ctx, name)?;
        let mut plan = Plan::new(Vec::new());
        self.regroup_and_tell(ctx, &mut plan, name, ids, false, ConvGroupEvent::ConversationsDeleted);
        Ok(plan)
    }
}

/// The `conversation_operation_result_*` array of a batch.
pub fn conv_results_json(results: &[ConvResult]) -> Value {
    Value::Array(
        results
            .iter()
            .map(|(id, r)| {
                let (code, info) = match r {
                    Ok(()) => (0, String::new()),
                    Err(Error { code, desc }) => (code.as_i32(), desc.clone()),
                };
                json!({
                    "conversation_operation_result_conversation_id": id,
                    "conversation_operation_result_result_code": code,
                    "conversation_operation_result_result_info": info,
                })
            })
            .collect(),
    )
}
