//! What a user does to messages after they are sent (issue 13): deletes
//! them for itself, clears a conversation, edits them for everyone, keeps
//! its own data on them, finds them, inserts local ones that are never
//! sent, and marks everything read (searching them: `search.rs`).

use std::collections::HashMap;
use std::sync::Arc;

use crate::error::{err, Result};
use crate::model::{Change, ConvState, LocalData, Message, Thread};
use crate::params::{LocalMessage, MessageParam, MessageRef, MsgLocator};
use crate::types::{ConvEvent, MsgStatus};

use super::messages::{check_elems, new_msg_id, new_random};
use super::publish::Outgoing;
use super::state::State;
use super::views::unique_id;
use super::{validate, Ctx, Plan};

/// Tencent's limit on `TIMMsgListDelete`.
pub const MAX_DELETE: usize = 50;

/// What an edit found: the message as it is now, and whether the edit was
/// refused because someone edited it first (Tencent's 8006, which still
/// returns the latest message).
pub struct Edited {
    pub message: Arc<Message>,
    pub conflict: bool,
}

impl State {
    /// A conversation change for `user` with the event it causes: an update
    /// while it still shows a message, else its removal from the list.
    fn conv_change(&self, plan: &mut Plan<impl Sized>, conv: ConvState) {
        let kind = if self.summarize(&conv).is_some() { ConvEvent::Update } else { ConvEvent::Delete };
        plan.events.push(Outgoing::Conv { user: conv.user.clone(), thread: conv.thread.clone(), kind });
        plan.changes.push(Change::PutConv(conv));
    }

    /// Deletes messages for the caller only: its history, conversation
    /// and search no longer show them; everyone else keeps them.
    pub fn delete_messages(&self, ctx: &Ctx, thread: &Thread, refs: &[MessageRef]) -> Result<Plan<()>> {
        if refs.is_empty() || refs.len() > MAX_DELETE {
            return Err(err!(InvalidParameters, "delete 1 to {} messages at a time, not {}", MAX_DELETE, refs.len()));
        }
        let mut conv = self.readable_conv(ctx, thread)?;
        for r in refs {
            let m = self.find(thread, r)?;
            if !conv.shows(m) {
                return Err(err!(MsgNotFound, "no such message in this conversation"));
            }
            conv.deleted.insert(m.seq);
        }
        let mut plan = Plan::new(());
        self.conv_change(&mut plan, conv);
        Ok(plan)
    }

    /// Empties the caller's conversation of every message so far; others keep theirs.
    pub fn clear_history(&self, ctx: &Ctx, thread: &Thread) -> Result<Plan<()>> {
        let conv = self.readable_conv(ctx, thread)?;
        let mut plan = Plan::new(());
        if self.shown(&conv).next().is_none() {
            return Ok(plan);
        }
        let last = self.last_seq(thread);
        let cleared = ConvState { hidden_through: last, read_seq: conv.read_seq.max(last), deleted: Default::default(), ..conv };
        self.conv_change(&mut plan, cleared);
        Ok(plan)
    }

    /// The message a whole-message param names, as the caller's conversation shows it.
    fn named(&self, ctx: &Ctx, p: &MessageParam) -> Result<(ConvState, &Arc<Message>)> {
        let thread = self.thread_for(ctx, p.conv_type, &p.conv_id)?;
        let r = p.msg_ref().map_err(|e| err!(InvalidParameters, "{}", e))?;
        let conv = self.readable_conv(ctx, &thread)?;
        let m = self.find(&thread, &r)?;
        if !conv.shows(m) {
            return Err(err!(MsgNotFound, "no such message in this conversation"));
        }
        Ok((conv, m))
    }

    /// Edits a message's elems and cloud custom data for everyone who has
    /// it; an edit made from an older version than the message's is refused.
    pub fn modify_message(&self, ctx: &Ctx, p: &MessageParam) -> Result<Plan<Edited>> {
        let (_, m) = self.named(ctx, p)?;
        if let Thread::Group(g) = &m.thread {
            if !self.group(g)?.members.contains_key(ctx.user) && !ctx.app_admin {
                return Err(err!(PermissionDenied, "{} is not a member of {}", ctx.user, g));
            }
        }
        if m.status == MsgStatus::Revoked {
            return Err(err!(InvalidParameters, "a recalled message cannot be edited"));
        }
        if p.version != m.version {
            return Ok(Plan::new(Edited { message: Arc::clone(m), conflict: true }));
        }
        if let Some(elems) = &p.elems {
            check_elems(elems)?;
        }
        let edited = Message {
            elems: p.elems.clone().unwrap_or_else(|| m.elems.clone()),
            cloud_custom_data: p.cloud_custom_data.clone().unwrap_or_else(|| m.cloud_custom_data.clone()),
            version: m.version + 1,
            modified_order: ctx.order,
            ..Message::clone(m)
        };
        let mut plan = Plan::new(Edited { message: Arc::new(edited.clone()), conflict: false });
        plan.events.push(Outgoing::Updated { thread: m.thread.clone(), seq: m.seq });
        plan.changes.push(Change::PutMessage(edited));
        Ok(plan)
    }

    /// Keeps the caller's own `message_custom_str` / `message_custom_int` on a message.
    pub fn set_local_data(&self, ctx: &Ctx, p: &MessageParam) -> Result<Plan<()>> {
        let (mut conv, m) = self.named(ctx, p)?;
        conv.local_data.insert(m.seq, LocalData { custom_str: p.custom_str.clone(), custom_int: p.custom_int });
        let mut plan = Plan::new(());
        plan.changes.push(Change::PutConv(conv));
        Ok(plan)
    }

    /// The caller's messages with these IDs, deleted ones too (status 4
    /// for their deleter), in the order asked; unknown IDs are left out.
    pub fn find_messages(&self, ctx: &Ctx, ids: &[String]) -> Vec<Arc<Message>> {
        let mut wanted: HashMap<&str, Option<&Arc<Message>>> = ids.iter().map(|id| (id.as_str(), None)).collect();
        for conv in self.convs.get(ctx.user).into_iter().flat_map(|c| c.values()) {
            let Some(log) = self.threads.get(&conv.thread) else { continue };
            for m in log.messages.values().filter(|m| conv.had(m)) {
                if let Some(slot) = wanted.get_mut(m.msg_id.as_str()) {
                    *slot = Some(m);
                }
            }
        }
        ids.iter().filter_map(|id| wanted.get(id.as_str()).copied().flatten().cloned()).collect()
    }

    /// The caller's messages of one conversation that the locators name
    /// exactly (seq, or unique ID or message ID, then rand and time if given).
    pub fn find_by_locators(&self, ctx: &Ctx, thread: &Thread, locators: &[MsgLocator]) -> Result<Vec<Arc<Message>>> {
        let conv = self.readable_conv(ctx, thread)?;
        let Some(log) = self.threads.get(thread) else { return Ok(Vec::new()) };
        let found = locators.iter().filter_map(|l| {
            let m = match l.seq {
                0 => log.messages.values().find(|m| (l.unique_id != 0 && unique_id(&m.msg_id) == l.unique_id) || (!l.msg_id.is_empty() && m.msg_id == l.msg_id)),
                seq => log.messages.get(&seq),
            }?;
            let fits = conv.had(m) && (l.random == 0 || l.random == m.random as u64) && (l.time == 0 || l.time == m.server_time);
            fits.then(|| Arc::clone(m))
        });
        Ok(found.collect())
    }

    /// Inserts messages into the caller's conversation only, never sent
    /// (Tencent's SaveMsg and ImportMsgList): status 5, the caller's alone.
    pub fn insert_local(&self, ctx: &Ctx, thread: &Thread, msgs: Vec<LocalMessage>) -> Result<Plan<Vec<Arc<Message>>>> {
        let conv = match thread {
            Thread::Group(g) => {
                if !self.group(g)?.members.contains_key(ctx.user) {
                    return Err(err!(PermissionDenied, "{} is not a member of {}", ctx.user, g));
                }
                self.readable_conv(ctx, thread)?
            }
            Thread::C2C(..) => self.conv_or_new(ctx.user, thread),
        };
        if msgs.is_empty() {
            return Err(err!(InvalidParameters, "no message to insert"));
        }
        let mut plan = Plan::new(Vec::new());
        for (seq, lm) in (self.last_seq(thread) + 1..).zip(msgs) {
            check_elems(&lm.elems)?;
            let sender = if lm.sender.is_empty() { ctx.user.to_string() } else { lm.sender };
            validate::user_id(&sender)?;
            let time = if lm.server_time == 0 { ctx.now } else { lm.server_time };
            let m = Message {
                thread: thread.clone(),
                seq,
                msg_id: new_msg_id(time),
                sender,
                server_time: time,
                client_time: if lm.client_time == 0 { time } else { lm.client_time },
                elems: lm.elems,
                at_users: Vec::new(),
                targets: Vec::new(),
                status: MsgStatus::LocalImported,
                revoker: String::new(),
                order: ctx.order,
                revoked_order: 0,
                random: if lm.random == 0 { new_random() } else { lm.random },
                cloud_custom_data: lm.cloud_custom_data,
                platform: ctx.platform,
                version: 0,
                modified_order: 0,
                local_to: Some(ctx.user.to_string()),
                priority: Default::default(),
                extras: Default::default(),
            };
            plan.changes.push(Change::PutMessage(m.clone()));
            plan.value.push(Arc::new(m));
        }
        let kind = if self.summarize(&conv).is_some() { ConvEvent::Update } else { ConvEvent::Add };
        plan.events.push(Outgoing::Conv { user: ctx.user.to_string(), thread: thread.clone(), kind });
        plan.changes.push(Change::PutConv(conv));
        Ok(plan)
    }

    /// Marks every conversation of the caller read.
    pub fn mark_all_read(&self, ctx: &Ctx) -> Result<Plan<()>> {
        let mut plan = Plan::new(());
        for conv in self.convs.get(ctx.user).into_iter().flat_map(|c| c.values()) {
            if self.summarize(conv).is_some_and(|s| s.unread > 0) {
                let read = ConvState { read_seq: self.last_seq(&conv.thread), ..conv.clone() };
                plan.events.push(Outgoing::Conv { user: ctx.user.to_string(), thread: conv.thread.clone(), kind: ConvEvent::Update });
                plan.changes.push(Change::PutConv(read));
            }
        }
        Ok(plan)
    }
}
