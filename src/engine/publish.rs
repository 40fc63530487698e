//! Turning what an operation did into events for the sessions concerned.

use std::sync::Arc;

use serde_json::{json, Value};

use crate::model::{Message, Thread};
use crate::types::{elem_type, ConvEvent, ConvGroupEvent};

use crate::event::{Event, EventBody, EventKind, Json};

use super::hub::Sessions;
use super::state::State;
use super::tips::{Audience, Tip};
use super::views::{LocatorView, MessageView};
use super::Engine;

/// An effect of an operation that sessions hear about, named by what it
/// touched: the views are built after the changes are applied.
#[derive(Clone, Debug, PartialEq)]
pub enum Outgoing {
    /// A new message: its readers get it, they and the sender a conversation event.
    Message { thread: Thread, seq: u64 },
    Revoked { thread: Thread, seq: u64 },
    Conv { user: String, thread: Thread, kind: ConvEvent },
    ConvGroup { user: String, kind: ConvGroupEvent, json: Value },
}

impl State {
    /// Who reads `m` now: members (or the pair) whose conversation shows it.
    fn readers<'a>(&'a self, m: &'a Message) -> Vec<&'a str> {
        let candidates: Vec<&str> = match &m.thread {
            Thread::Group(g) => self.groups.get(g).map(|g| g.by_seq.values().map(String::as_str).collect()).unwrap_or_default(),
            Thread::C2C(a, b) => vec![a.as_str(), b.as_str()],
        };
        candidates.into_iter().filter(|u| self.conv(u, &m.thread).is_some_and(|c| c.shows(m))).collect()
    }

    /// The users `audience` names now: members in join order, then the others.
    pub fn audience(&self, audience: &Audience) -> Vec<String> {
        match audience {
            Audience::Members { group_id, and } => {
                let members = self.groups.get(group_id).map(|g| g.member_ids()).unwrap_or_default();
                members.into_iter().chain(and.iter().cloned()).collect()
            }
            Audience::Users(users) => users.clone(),
        }
    }

    fn message(&self, thread: &Thread, seq: u64) -> Option<&Arc<Message>> {
        self.threads.get(thread).and_then(|t| t.messages.get(&seq))
    }
}

/// The GroupTips message a tip also arrives as, in a one-message array. It
/// has an ID of its own but no sequence (0): tips are not kept in history.
fn tip_message(tip: &Tip, msg_id: &str, from_self: bool) -> Json {
    let mut elem = serde_json::to_value(tip).expect("tips always encode");
    elem["elem_type"] = json!(elem_type::GROUP_TIPS);
    Json::new(
        json!([{
            "message_elem_array": [elem],
            "message_conv_id": tip.group_id,
            "message_conv_type": crate::types::ConvType::Group,
            "message_sender": tip.op_user,
            "message_server_time": tip.time,
            "message_seq": 0,
            "message_msg_id": msg_id,
            "message_status": crate::types::MsgStatus::Sent,
            "message_is_from_self": from_self,
        }])
        .to_string(),
    )
}

/// A tip's event for the one who acted and for the others, each encoded
/// the first time a recipient needs it and then shared.
struct EncodedTip<'a> {
    tip: &'a Tip,
    msg_id: String,
    json: Option<Json>,
    event: [Option<Event>; 2],
}

impl<'a> EncodedTip<'a> {
    fn new(tip: &'a Tip) -> Self {
        EncodedTip { tip, msg_id: super::messages::new_msg_id(tip.time), json: None, event: [None, None] }
    }

    fn event(&mut self, user: &str) -> Event {
        let from_self = user == self.tip.op_user;
        let (t, id, json) = (self.tip, &self.msg_id, &mut self.json);
        let event = self.event[from_self as usize].get_or_insert_with(|| {
            let tip = json.get_or_insert_with(|| Json::new(serde_json::to_string(t).expect("tips always encode"))).clone();
            Event::new(EventBody::GroupTip { seq: 0, tip, message: tip_message(t, id, from_self) })
        });
        event.clone()
    }
}

fn conv_event(state: &State, sessions: &Sessions, user: &str, thread: &Thread, kind: impl FnOnce(&State) -> ConvEvent) {
    sessions.give(EventKind::Conv, || {
        let conv = state.conv(user, thread)?;
        let kind = kind(state);
        let json = match state.summarize(conv) {
            Some(summary) => state.conv_json(&summary),
            None if kind == ConvEvent::Delete => json!({ "conv_id": thread.peer(user), "conv_type": thread.conv_type() }),
            None => return None,
        };
        Some(Event::new(EventBody::Conv { seq: 0, event: kind, convs: Json::new(format!("[{}]", json)) }))
    });
}

impl Engine {
    /// Who `tip` reaches now (see `State::audience`): for tests and tools.
    pub fn recipients(&self, tip: &Tip) -> Vec<String> {
        self.read("", |s, _| Ok(s.audience(&tip.audience))).unwrap_or_default()
    }

    pub(super) fn publish(&self, state: &State, tips: &[Tip], events: &[Outgoing]) {
        if tips.is_empty() && events.is_empty() {
            return;
        }
        let mut out = self.hub.delivery();
        for tip in tips {
            let mut encoded = EncodedTip::new(tip);
            let (members, named) = match &tip.audience {
                Audience::Members { group_id, and } => (state.groups.get(group_id), and),
                Audience::Users(users) => (None, users),
            };
            if let Some(group) = members {
                for session in out.room(group) {
                    Sessions::one(session).give(EventKind::GroupTip, || Some(encoded.event(session.user())));
                }
            }
            for user in named {
                out.to(user, EventKind::GroupTip, || Some(encoded.event(user)));
            }
        }
        for event in events {
            match event {
                Outgoing::Message { thread, seq } => {
                    let Some(m) = state.message(thread, *seq) else { continue };
                    // Every recipient but the sender sees the same JSON.
                    let mut encoded: Option<Event> = None;
                    let mut give = |sessions: &Sessions, user: &str, from_self: bool| {
                        if !from_self {
                            sessions.give(EventKind::Message, || {
                                Some(
                                    encoded
                                        .get_or_insert_with(|| {
                                            let messages = Json::new(format!("[{}]", MessageView::json(m, user)));
                                            Event::new(EventBody::NewMessage { seq: 0, messages })
                                        })
                                        .clone(),
                                )
                            });
                        }
                        conv_event(state, sessions, user, thread, |s| {
                            let conv = s.conv(user, thread).expect("readers have a conversation");
                            if s.shown(conv).nth(1).is_some() { ConvEvent::Update } else { ConvEvent::Add }
                        });
                    };
                    match thread {
                        Thread::Group(g) => {
                            let Some(group) = state.groups.get(g) else { continue };
                            let sender = out.user_hash(&m.sender);
                            for session in out.room(group) {
                                if m.visible_to(session.user()) {
                                    give(&Sessions::one(session), session.user(), session.is(&m.sender, sender));
                                }
                            }
                        }
                        Thread::C2C(a, b) => {
                            for user in [a, b] {
                                if let Some(sessions) = out.sessions(user) {
                                    give(&sessions, user, *user == m.sender);
                                }
                            }
                        }
                    }
                }
                Outgoing::Revoked { thread, seq } => {
                    let Some(m) = state.message(thread, *seq) else { continue };
                    for user in state.readers(m) {
                        out.to(user, EventKind::Revoke, || Some(Event::new(EventBody::MsgRevoked { seq: 0, locators: Json::new(format!("[{}]", LocatorView::json(m, user))) })));
                    }
                }
                Outgoing::Conv { user, thread, kind } => {
                    if let Some(sessions) = out.sessions(user) {
                        conv_event(state, &sessions, user, thread, |_| *kind);
                    }
                }
                Outgoing::ConvGroup { user, kind, json } => {
                    out.to(user, EventKind::ConvGroup, || Some(Event::new(EventBody::ConvGroup { seq: 0, event: *kind, json: Json::new(json.to_string()) })));
                }
            }
        }
    }
}
