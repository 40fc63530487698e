//! The unread model Tencent moved to: totals by conversation filter (the
//! do-not-disturb conversations left out) and cleaning a conversation's
//! unread count, or those of all C2C or group conversations at once.

use crate::error::{err, Result};
use crate::model::{Change, ConvState, Thread};
use crate::params::ConvFilter;
use crate::types::{ConvEvent, ConvType};

use super::publish::Outgoing;
use super::state::State;
use super::{Ctx, Plan};

/// What `HuddleConvCleanConversationUnreadMessageCount`'s conversation ID names.
enum Cleaned {
    All,
    Every(ConvType),
    One(Thread),
}

impl State {
    /// The unread messages of the caller's conversations that `filter`
    /// lists, but for the do-not-disturb ones.
    pub fn unread_by_filter(&self, ctx: &Ctx, filter: &ConvFilter) -> u64 {
        self.matching(ctx, filter).iter().filter(|s| self.counts_unread(ctx.user, &s.conv.thread)).map(|s| s.unread as u64).sum()
    }

    /// Marks read, in the conversations `conversation_id` names ("" all,
    /// "c2c" every C2C one, "group" every group one, or one by its ID), the
    /// messages up to `clean_timestamp` (C2C) or `clean_sequence` (group);
    /// 0 reads them all.
    pub fn clean_unread(&self, ctx: &Ctx, conversation_id: &str, clean_timestamp: u64, clean_sequence: u64) -> Result<Plan<()>> {
        let cleaned = match conversation_id {
            "" => Cleaned::All,
            "c2c" => Cleaned::Every(ConvType::C2C),
            "group" => Cleaned::Every(ConvType::Group),
            id => Cleaned::One(
                Thread::from_conv_id(ctx.user, id)
                    .ok_or_else(|| err!(InvalidConversation, "{:?} is not a conversation ID (c2c_<user>, group_<group>, c2c, group or \"\")", id))?,
            ),
        };
        let convs: Vec<&ConvState> = match &cleaned {
            Cleaned::One(thread) => vec![self.listed(ctx, thread)?],
            Cleaned::All => self.convs.get(ctx.user).into_iter().flat_map(|c| c.values()).collect(),
            Cleaned::Every(t) => self.convs.get(ctx.user).into_iter().flat_map(|c| c.values()).filter(|c| c.thread.conv_type() == *t).collect(),
        };
        let mut plan = Plan::new(());
        for conv in convs {
            let upto = match (&conv.thread, clean_timestamp, clean_sequence) {
                (Thread::C2C(..), ts, _) if ts > 0 => self.shown(conv).find(|m| m.server_time <= ts).map_or(0, |m| m.seq),
                (Thread::Group(_), _, seq) if seq > 0 => seq.min(self.last_seq(&conv.thread)),
                _ => self.last_seq(&conv.thread),
            };
            if upto > conv.read_seq {
                plan.changes.push(Change::PutConv(ConvState { read_seq: upto, ..conv.clone() }));
                plan.events.push(Outgoing::Conv { user: ctx.user.to_string(), thread: conv.thread.clone(), kind: ConvEvent::Update });
            }
        }
        Ok(plan)
    }
}
