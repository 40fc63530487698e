//! Catching up: what a user's session missed after the last event it saw,
//! rebuilt from what the engine keeps (messages, recalls, the tip log, group
//! system messages, conversations, the conversation-group log and the
//! global receive option), so a client that lost
//! its connection, or whose server crashed and came back, hears every
//! message, tip and recall exactly once and in order.
//!
//! Nothing of an AVChatRoom is replayed but what names the user (its
//! dismissal, its own removal): a room is for those online.
//!
//! A user's own messages are not replayed: the session that sent one had
//! its reply (a message from another device of the user, sent while this
//! one was away, shows in the conversation and its history).

use std::collections::BTreeMap;

use crate::event::Event;
use crate::model::{Audience, Thread, TipRecord};
use crate::types::ConvEvent;

use super::publish::{all_recv_opt_event, conv_event, conv_group_event, report_event, revoke_event, update_event, EncodedMessage, EncodedTip};
use super::state::State;

impl State {
    /// Whether a published tip was `user`'s: named, or a member when it was sent.
    fn tip_reaches(&self, record: &TipRecord, user: &str) -> bool {
        match &record.audience {
            Audience::Users(users) => users.iter().any(|u| u == user),
            // A chat room's tips, as its messages, are for those online then.
            Audience::Members { group_id, and } if self.rooms.contains_key(group_id) => and.iter().any(|u| u == user),
            Audience::Members { group_id, and } => {
                and.iter().any(|u| u == user)
                    || self.conv(user, &Thread::Group(group_id.clone())).is_some_and(|c| {
                        c.joined_order <= record.order && c.left_order.map_or(true, |left| record.order <= left)
                    })
            }
        }
    }

    /// The events `user` missed after seq `after`: messages, tips, recalls
    /// and conversation-group events in seq order, then one refresh of each
    /// conversation that changed.
    pub fn catch_up(&self, user: &str, after: u64) -> Vec<Event> {
        let mut told: Vec<Event> = Vec::new();
        for record in self.tips.range(after + 1..).map(|(_, r)| r).filter(|r| self.tip_reaches(r, user)) {
            told.push(EncodedTip::new(&record.published()).event(user));
        }
        for report in self.reports.range(after + 1..).map(|(_, r)| r).filter(|r| r.users.iter().any(|u| u == user)) {
            told.push(report_event(report));
        }
        // Conversations to refresh, with the seq of their latest change.
        let mut changed: BTreeMap<&Thread, u64> = BTreeMap::new();
        for conv in self.convs.get(user).into_iter().flat_map(|c| c.values()) {
            if conv.updated_order > after {
                changed.insert(&conv.thread, conv.updated_order);
            }
            let Some(log) = self.threads.get(&conv.thread) else { continue };
            for m in log.messages.values().rev().take_while(|m| m.order > after).filter(|m| conv.shows(m) && self.receives(user, m)) {
                let seq = changed.entry(&conv.thread).or_default();
                *seq = (*seq).max(m.order);
                if m.sender != user && m.local_to.is_none() {
                    told.push(EncodedMessage::new(self, m).event(user));
                }
            }
        }
        for (thread, seq) in self.recalls.range(after + 1..).map(|(_, at)| at) {
            let Some(m) = self.threads.get(thread).and_then(|t| t.messages.get(seq)) else { continue };
            if self.conv(user, thread).is_some_and(|c| c.shows(m)) {
                told.push(revoke_event(m, user));
                let latest = changed.entry(thread).or_default();
                *latest = (*latest).max(m.revoked_order);
            }
        }
        for (thread, seq) in self.edits.range(after + 1..).map(|(_, at)| at) {
            let Some(m) = self.threads.get(thread).and_then(|t| t.messages.get(seq)) else { continue };
            if self.conv(user, thread).is_some_and(|c| c.shows(m)) {
                told.push(update_event(self, m, user));
            }
        }
        let log = self.users.get(user).map_or(&[][..], |u| &u.conv_group_log[..]);
        told.extend(log.iter().filter(|e| e.order > after).map(|e| conv_group_event(e.order, e.event, &e.json)));
        if self.all_recv_opt(user).order > after {
            told.push(all_recv_opt_event(self, user));
        }
        told.sort_by_key(Event::seq);

        let mut refreshes: Vec<Event> = changed
            .into_iter()
            .filter_map(|(thread, seq)| {
                let conv = self.conv(user, thread)?;
                match self.summarize(conv) {
                    Some(_) => conv_event(self, user, thread, seq, ConvEvent::Update),
                    None if conv.hidden_through > 0 || conv.delisted_through > 0 => conv_event(self, user, thread, seq, ConvEvent::Delete),
                    None => None,
                }
            })
            .collect();
        refreshes.sort_by_key(Event::seq);
        told.extend(refreshes);
        told
    }
}
