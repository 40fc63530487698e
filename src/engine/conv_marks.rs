//! What a user keeps on its conversations beyond pin and draft: marks
//! (Tencent's TIMConversationMarkType), the app's custom data, and the
//! batch calls over conversation IDs (info, delete, custom data, mark).

use serde_json::Value;

use crate::error::{err, Result};
use crate::model::{Change, ConvState, Thread};
use crate::types::ConvEvent;

use super::conversations::ConvResult;
use super::publish::Outgoing;
use super::state::State;
use super::views::ConvSummary;
use super::{Ctx, Plan};

/// Tencent's kTIMConversationMarkTypeHide: the conversation leaves the list
/// until a newer message comes.
pub(crate) const MARK_HIDE: u64 = 0x8;
/// Custom data is at most 256 bytes (Tencent's).
pub(crate) const MAX_CONV_CUSTOM_DATA: usize = 256;
/// Conversations one batch call may name (Tencent: 100 for deletion).
pub(crate) const MAX_CONVS_PER_CALL: usize = 100;

impl State {
    /// The marks `s` carries now: the Hide mark goes once a newer message came.
    pub fn mark_bits(&self, s: &ConvSummary) -> u64 {
        let newer = s.last.is_some_and(|m| m.seq > s.conv.hidden_mark_through);
        if newer {
            s.conv.marks & !MARK_HIDE
        } else {
            s.conv.marks
        }
    }

    /// `conv_mark_array`: each mark set, as its own value.
    pub fn marks(&self, s: &ConvSummary) -> Vec<u64> {
        let bits = self.mark_bits(s);
        (0..64).map(|i| 1u64 << i).filter(|b| bits & b != 0).collect()
    }

    fn check_batch(ids: &[String]) -> Result<()> {
        if ids.is_empty() || ids.len() > MAX_CONVS_PER_CALL {
            return Err(err!(InvalidParameters, "name 1 to {} conversations; {} were named", MAX_CONVS_PER_CALL, ids.len()));
        }
        Ok(())
    }

    /// Runs `change` on each listed conversation `ids` names, each with its
    /// own result; a changed one is stored and its user's sessions told.
    fn each_conv<T>(&self, ctx: &Ctx, plan: &mut Plan<T>, ids: &[String], change: impl Fn(&mut ConvState) -> Result<ConvEvent>) -> Vec<ConvResult> {
        ids.iter()
            .map(|id| {
                let outcome = Thread::from_conv_id(ctx.user, id)
                    .ok_or_else(|| err!(InvalidConversation, "{:?} is not a conversation ID (c2c_<user> or group_<group>)", id))
                    .and_then(|t| self.listed(ctx, &t).cloned())
                    .and_then(|mut conv| {
                        let kind = change(&mut conv)?;
                        plan.events.push(Outgoing::Conv { user: ctx.user.to_string(), thread: conv.thread.clone(), kind });
                        plan.changes.push(Change::PutConv(conv));
                        Ok(())
                    });
                (id.clone(), outcome)
            })
            .collect()
    }

    /// The caller's conversations among `threads` that it has, in that order.
    pub fn conv_info(&self, ctx: &Ctx, threads: &[Thread]) -> Vec<Value> {
        threads.iter().filter_map(|t| self.conv(ctx.user, t)).filter_map(|c| self.summarize(c)).map(|s| self.conv_json(&s)).collect()
    }

    /// `HuddleConvDeleteConversationList`: each conversation leaves the
    /// list, with its messages (`clear_message`) or keeping them.
    pub fn delete_conv_list(&self, ctx: &Ctx, ids: &[String], clear_message: bool) -> Result<Plan<Vec<ConvResult>>> {
        State::check_batch(ids)?;
        let mut plan = Plan::new(Vec::new());
        plan.value = self.each_conv(ctx, &mut plan, ids, |conv| {
            *conv = self.delisted(conv.clone(), clear_message);
            Ok(ConvEvent::Delete)
        });
        Ok(plan)
    }

    pub fn set_conv_custom_data(&self, ctx: &Ctx, ids: &[String], data: &str) -> Result<Plan<Vec<ConvResult>>> {
        State::check_batch(ids)?;
        if data.len() > MAX_CONV_CUSTOM_DATA {
            return Err(err!(InvalidParameters, "custom data is {} bytes; the limit is {}", data.len(), MAX_CONV_CUSTOM_DATA));
        }
        let mut plan = Plan::new(Vec::new());
        plan.value = self.each_conv(ctx, &mut plan, ids, |conv| {
            conv.custom_data = data.to_string();
            Ok(ConvEvent::Update)
        });
        Ok(plan)
    }

    /// Sets or clears the `mark_type` bits; setting Hide hides the
    /// conversation until a newer message.
    pub fn mark_convs(&self, ctx: &Ctx, ids: &[String], mark_type: u64, enable: bool) -> Result<Plan<Vec<ConvResult>>> {
        State::check_batch(ids)?;
        if mark_type == 0 {
            return Err(err!(InvalidParameters, "mark_type names no mark"));
        }
        let mut plan = Plan::new(Vec::new());
        plan.value = self.each_conv(ctx, &mut plan, ids, |conv| {
            let marks = match self.summarize(conv) {
                Some(s) => self.mark_bits(&s),
                None => conv.marks,
            };
            conv.marks = if enable { marks | mark_type } else { marks & !mark_type };
            if enable && mark_type & MARK_HIDE != 0 {
                conv.hidden_mark_through = self.last_seq(&conv.thread);
            }
            Ok(ConvEvent::Update)
        });
        Ok(plan)
    }
}
