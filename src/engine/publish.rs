//! Turning what an operation did into events for the sessions concerned.
//! Every event carries its seq, the engine-wide order of its cause, so
//! that a session's stream only rises and a session that lost some of it
//! asks for what came after the last one it saw (see `catchup`).

use std::sync::Arc;

use serde_json::{json, Value};

use crate::event::{Event, EventBody, EventKind, Json};
use crate::model::{Audience, GroupAttribute, Message, Report, Thread, Tip};
use crate::types::{elem_type, ConvEvent, ConvGroupEvent};

use super::chatroom::latest_event;
use super::hub::{Online, Sessions};
use super::state::State;
use super::views::{LocatorView, MessageView};
use super::push::PushNotice;
use super::{Ctx, Engine};

/// An effect of an operation that sessions hear about, named by what it
/// touched: the views are built after the changes are applied.
#[derive(Clone, Debug, PartialEq)]
pub enum Outgoing {
    /// A new message: its readers get it, they and the sender a conversation
    /// event; the sender's other sessions get it too unless `to_sender` is
    /// false (the REST API's `SyncOtherMachine` 2).
    Message { thread: Thread, seq: u64, to_sender: bool },
    Revoked { thread: Thread, seq: u64 },
    /// An edited message: everyone who has it gets it again.
    Updated { thread: Thread, seq: u64 },
    Conv { user: String, thread: Thread, kind: ConvEvent },
    /// A group system message, by order: to the users it names.
    Report { order: u64 },
    ConvGroup { user: String, kind: ConvGroupEvent, json: Value },
    /// The user's global receive option changed: to all its sessions.
    AllRecvOpt { user: String },
    /// A group's attributes changed: every member is told all of them.
    GroupAttributes { group_id: String },
    /// A group counter's new value, to every member.
    GroupCounter { group_id: String, key: String, value: i64 },
    /// A chat room's latest messages, once, to a member who just joined it.
    RoomLatest { user: String, group_id: String },
    /// Read receipts (a MessageReceipt array) to one user: a message's
    /// sender, or a C2C peer.
    Receipt { to: String, receipts: Value },
    /// A change to a message that everyone who reads it hears of.
    MsgUpdate { thread: Thread, seq: u64, update: MsgUpdate },
    /// A group message pinned or unpinned, to every member.
    Pinned { group_id: String, seq: u64, pinned: bool, op_user: String },
}

/// What changed in a message, as its listener hears it.
#[derive(Clone, Debug, PartialEq)]
pub enum MsgUpdate {
    /// The extensions set: an array of key and value.
    ExtensionsSet(Value),
    /// The extension keys deleted: an array of `message_extension_key`.
    ExtensionsDeleted(Value),
    /// A MessageReactionChangeInfo array.
    Reactions(Value),
}

impl State {
    /// Who reads `m` now: members (or the pair) whose conversation shows it.
    fn readers<'a>(&'a self, m: &'a Message) -> Vec<&'a str> {
        let candidates: Vec<&str> = match &m.thread {
            Thread::Group(g) => self.thread_group(g).map(|g| g.by_seq.values().map(String::as_str).collect()).unwrap_or_default(),
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
}

/// The GroupTips message a tip also arrives as, in a one-message array. It
/// has an ID of its own but no sequence (0): tips are not kept in history.
fn tip_message(tip: &Tip, from_self: bool) -> Json {
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
            "message_msg_id": tip.msg_id,
            "message_status": crate::types::MsgStatus::Sent,
            "message_is_from_self": from_self,
        }])
        .to_string(),
    )
}

/// A tip's event for the one who acted and for the others, each encoded
/// the first time a recipient needs it and then shared.
pub(super) struct EncodedTip<'a> {
    tip: &'a Tip,
    json: Option<Json>,
    event: [Option<Event>; 2],
}

impl<'a> EncodedTip<'a> {
    pub(super) fn new(tip: &'a Tip) -> Self {
        EncodedTip { tip, json: None, event: [None, None] }
    }

    pub(super) fn event(&mut self, user: &str) -> Event {
        let from_self = user == self.tip.op_user;
        let (t, json) = (self.tip, &mut self.json);
        let event = self.event[from_self as usize].get_or_insert_with(|| {
            let tip = json.get_or_insert_with(|| Json::new(serde_json::to_string(t).expect("tips always encode"))).clone();
            Event::new(EventBody::GroupTip { seq: t.order, tip, message: tip_message(t, from_self) })
        });
        event.clone()
    }
}

/// A message's event for its sender's other sessions and for everyone else,
/// each encoded once. What differs by viewer besides that is the same within
/// each side: when a message is new, no one but its sender has read it, and
/// a C2C message has one viewer a side.
pub(super) struct EncodedMessage<'a> {
    state: &'a State,
    m: &'a Message,
    event: [Option<Event>; 2],
}

impl<'a> EncodedMessage<'a> {
    pub(super) fn new(state: &'a State, m: &'a Message) -> Self {
        EncodedMessage { state, m, event: [None, None] }
    }

    /// The event as `viewer` sees it (a C2C message is filed under the peer).
    pub(super) fn event(&mut self, viewer: &str) -> Event {
        let (state, m) = (self.state, self.m);
        let from_self = viewer == m.sender;
        let event = self.event[from_self as usize].get_or_insert_with(|| {
            let messages = Json::new(format!("[{}]", MessageView::encode(state, m, viewer)));
            Event::new(EventBody::NewMessage { seq: m.order, messages })
        });
        event.clone()
    }
}

/// A group system message (elem 8) in a one-message array, filed under no
/// conversation (type System, empty ID) as Tencent files them.
pub(super) fn report_event(r: &Report) -> Event {
    let messages = json!([{
        "message_elem_array": [{
            "elem_type": elem_type::GROUP_REPORT,
            "group_report_elem_report_type": r.report_type,
            "group_report_elem_group_id": r.group_id,
            "group_report_elem_op_user": r.op_user,
            "group_report_elem_msg": r.msg,
            "group_report_elem_user_data": r.user_data,
            "group_report_elem_shut_up_time": r.shut_up_time,
        }],
        "message_conv_id": "",
        "message_conv_type": crate::types::ConvType::System,
        "message_sender": r.op_user,
        "message_server_time": r.time,
        "message_seq": 0,
        "message_msg_id": r.msg_id,
        "message_status": crate::types::MsgStatus::Sent,
        "message_is_from_self": false,
    }]);
    Event::new(EventBody::NewMessage { seq: r.order, messages: Json::new(messages.to_string()) })
}

pub(super) fn revoke_event(m: &Message, viewer: &str) -> Event {
    Event::new(EventBody::MsgRevoked { seq: m.revoked_order, locators: Json::new(format!("[{}]", LocatorView::json(m, viewer))) })
}

pub(super) fn update_event(state: &State, m: &Message, viewer: &str) -> Event {
    Event::new(EventBody::MsgUpdated { seq: m.modified_order, messages: Json::new(format!("[{}]", MessageView::encode(state, m, viewer))) })
}

pub(super) fn conv_group_event(seq: u64, kind: ConvGroupEvent, json: &str) -> Event {
    Event::new(EventBody::ConvGroup { seq, event: kind, json: Json::new(json.to_string()) })
}

/// `user`'s global receive option, as its change listener hears it.
pub(super) fn all_recv_opt_event(state: &State, user: &str) -> Event {
    let opt = state.all_recv_opt(user);
    Event::new(EventBody::AllRecvOpt { seq: opt.order, info: Json::new(opt.json().to_string()) })
}

/// `user`'s conversation in `thread` as an event of `kind`, or `None` when
/// it is neither listed nor deleted.
pub(super) fn conv_event(state: &State, user: &str, thread: &Thread, seq: u64, kind: ConvEvent) -> Option<Event> {
    let conv = state.conv(user, thread)?;
    let json = match state.summarize(conv) {
        Some(summary) => state.conv_json(&summary),
        None if kind == ConvEvent::Delete => json!({ "conv_id": thread.peer(user), "conv_type": thread.conv_type() }),
        None => return None,
    };
    Some(Event::new(EventBody::Conv { seq, event: kind, convs: Json::new(format!("[{}]", json)) }))
}

impl Engine {
    /// Who `tip` reaches now (see `State::audience`): for tests and tools.
    pub fn recipients(&self, tip: &Tip) -> Vec<String> {
        self.read("", |s, _| Ok(s.audience(&tip.audience))).unwrap_or_default()
    }

    pub(super) fn publish(&self, state: &State, tips: &[Tip], events: &[Outgoing], ctx: &Ctx) {
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
                Outgoing::Message { thread, seq, to_sender } => {
                    let Some(m) = state.message(thread, *seq) else { continue };
                    // A chat room's message is no conversation's: it is
                    // only shown, to those online, and pushed to no one.
                    let room = matches!(thread, Thread::Group(g) if state.rooms.contains_key(g));
                    let mut encoded = EncodedMessage::new(state, m);
                    // Everyone who reads it, and the sender's other devices
                    // (the calling one has its reply), get the message; all
                    // of them, the calling session too, their conversation.
                    let mut give = |session: &Online, from_self: bool| {
                        if from_self && !to_sender {
                            return;
                        }
                        let one = Sessions::one(session);
                        if !(from_self && ctx.device.is_some_and(|d| session.is_device(d))) {
                            one.give(EventKind::Message, || Some(encoded.event(session.user())));
                        }
                        if room {
                            return;
                        }
                        one.give(EventKind::Conv, || {
                            let conv = state.conv(session.user(), thread)?;
                            let kind = if state.shown(conv).nth(1).is_some_and(|m| conv.lists(m)) { ConvEvent::Update } else { ConvEvent::Add };
                            conv_event(state, session.user(), thread, m.order, kind)
                        });
                    };
                    match thread {
                        Thread::Group(g) => {
                            let Ok(group) = state.thread_group(g) else { continue };
                            let sender = out.user_hash(&m.sender);
                            for session in out.room(group) {
                                if m.visible_to(session.user()) && state.receives(session.user(), m) {
                                    give(session, session.is(&m.sender, sender));
                                }
                            }
                        }
                        Thread::C2C(a, b) => {
                            for user in [a, b].into_iter().filter(|u| state.receives(u, m)) {
                                for session in out.sessions(user).map_or(&[][..], |s| s.0) {
                                    give(session, *user == m.sender);
                                }
                            }
                        }
                    }
                    if let Some(push) = self.push.as_ref().filter(|_| !room) {
                        let targets = state.push_targets(m, &out, ctx.now);
                        if !targets.is_empty() {
                            push.push(PushNotice { message: Arc::clone(m), targets });
                        }
                    }
                }
                Outgoing::Revoked { thread, seq } => {
                    let Some(m) = state.message(thread, *seq) else { continue };
                    for user in state.readers(m) {
                        out.to(user, EventKind::Revoke, || Some(revoke_event(m, user)));
                    }
                }
                Outgoing::Updated { thread, seq } => {
                    let Some(m) = state.message(thread, *seq) else { continue };
                    for user in state.readers(m) {
                        out.to(user, EventKind::MsgUpdate, || Some(update_event(state, m, user)));
                    }
                }
                Outgoing::Report { order } => {
                    let Some(r) = state.reports.get(order) else { continue };
                    let mut event = None;
                    for user in &r.users {
                        out.to(user, EventKind::Message, || Some(event.get_or_insert_with(|| report_event(r)).clone()));
                    }
                }
                Outgoing::Conv { user, thread, kind } => {
                    out.to(user, EventKind::Conv, || conv_event(state, user, thread, ctx.order, *kind));
                }
                Outgoing::AllRecvOpt { user } => {
                    out.to(user, EventKind::RecvOpt, || Some(all_recv_opt_event(state, user)));
                }
                Outgoing::ConvGroup { user, kind, json } => {
                    out.to(user, EventKind::ConvGroup, || Some(conv_group_event(ctx.order, *kind, &json.to_string())));
                }
                Outgoing::GroupAttributes { group_id } => {
                    let Some(group) = state.groups.get(group_id) else { continue };
                    let attributes: Vec<GroupAttribute> =
                        group.profile.attributes.iter().map(|(key, value)| GroupAttribute { key: key.clone(), value: value.clone() }).collect();
                    let attributes = Json::new(serde_json::to_string(&attributes).expect("attributes encode"));
                    let event = Event::new(EventBody::GroupAttributes { seq: ctx.order, group_id: group_id.clone(), attributes });
                    for session in out.room(group) {
                        Sessions::one(session).give(EventKind::GroupAttributes, || Some(event.clone()));
                    }
                }
                Outgoing::GroupCounter { group_id, key, value } => {
                    let Some(group) = state.groups.get(group_id) else { continue };
                    let event = Event::new(EventBody::GroupCounter { seq: ctx.order, group_id: group_id.clone(), key: key.clone(), value: *value });
                    for session in out.room(group) {
                        Sessions::one(session).give(EventKind::GroupCounter, || Some(event.clone()));
                    }
                }
                Outgoing::RoomLatest { user, group_id } => {
                    let Some(room) = state.rooms.get(group_id) else { continue };
                    out.to(user, EventKind::Message, || latest_event(state, room, user, ctx.limits.chatroom.latest_on_join));
                }
                Outgoing::Receipt { to, receipts } => {
                    out.to(to, EventKind::MsgUpdate, || Some(Event::new(EventBody::ReadReceipt { seq: ctx.order, receipts: Json::new(receipts.to_string()) })));
                }
                Outgoing::MsgUpdate { thread, seq, update } => {
                    let Some(m) = state.message(thread, *seq) else { continue };
                    let seq = ctx.order;
                    let body = match update {
                        MsgUpdate::ExtensionsSet(v) => EventBody::ExtensionsChanged { seq, msg_id: m.msg_id.clone(), extensions: Json::new(v.to_string()) },
                        MsgUpdate::ExtensionsDeleted(v) => EventBody::ExtensionsDeleted { seq, msg_id: m.msg_id.clone(), keys: Json::new(v.to_string()) },
                        MsgUpdate::Reactions(v) => EventBody::ReactionsChanged { seq, changes: Json::new(v.to_string()) },
                    };
                    let event = Event::new(body);
                    for user in state.readers(m) {
                        out.to(user, EventKind::MsgUpdate, || Some(event.clone()));
                    }
                }
                Outgoing::Pinned { group_id, seq, pinned, op_user } => {
                    let Some(group) = state.groups.get(group_id) else { continue };
                    let thread = Thread::Group(group_id.clone());
                    let profile = state.profile_of(op_user).cloned().unwrap_or_default();
                    let op = Json::new(super::views::profile_json(op_user, &profile).to_string());
                    for user in group.by_seq.values() {
                        out.to(user, EventKind::MsgUpdate, || {
                            // The message as this member sees it; only its key once retention dropped it.
                            let message = match state.message(&thread, *seq) {
                                Some(m) => MessageView::encode(state, m, user),
                                None => json!({ "message_conv_id": group_id, "message_conv_type": thread.conv_type(), "message_seq": seq }).to_string(),
                            };
                            Some(Event::new(EventBody::GroupPinned { seq: ctx.order, group_id: group_id.clone(), message: Json::new(message), pinned: *pinned, op_user: op.clone() }))
                        });
                    }
                }
            }
        }
    }
}
