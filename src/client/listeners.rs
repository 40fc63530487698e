//! A client's listeners. Every event reads them and they rarely change, so a
//! change replaces the whole set and an event takes one `Arc` of it; the
//! kinds that have a listener are also given as bits, for the dispatcher to
//! answer the engine, which asks for every recipient of every message.

use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::Arc;

use parking_lot::Mutex;

use crate::event::{Event, EventBody, EventKind, Json};
use crate::types::{ConvGroupEvent, TipType};

/// Receives JSON: a group tip (an object), new messages or revoked message
/// locators (arrays).
pub type JsonListener = Arc<dyn Fn(&Json) + Send + Sync>;
/// Receives an event kind and its JSON (conversation and conversation-group events).
pub type KindListener = Arc<dyn Fn(i32, &Json) + Send + Sync>;
/// Receives network status changes: status (0 connected), code, desc.
pub type NetworkListener = Arc<dyn Fn(i32, i32, &str) + Send + Sync>;
/// Receives a message ID and JSON (a message's extensions set or deleted).
pub type MsgIdListener = Arc<dyn Fn(&str, &Json) + Send + Sync>;
/// Receives a pinned or unpinned group message: group ID, message, pinned, who did it.
pub type PinListener = Arc<dyn Fn(&str, &Json, bool, &Json) + Send + Sync>;
/// Receives news without data: kicked offline, user_sig expired.
pub type NoticeListener = Arc<dyn Fn() + Send + Sync>;
/// Receives a group's ID and all its attributes (a JSON array).
pub type GroupAttributesListener = Arc<dyn Fn(&str, &Json) + Send + Sync>;
/// Receives a group's ID, a counter's key and its new value.
pub type GroupCounterListener = Arc<dyn Fn(&str, &str, i64) + Send + Sync>;
/// Receives a community's topic news: the community's ID, and the topic's
/// ID (created), the deleted topics' IDs as a JSON array (deleted) or the
/// topic's info as JSON (changed).
pub type TopicListener = Arc<dyn Fn(&str, &str) + Send + Sync>;

/// What the topic listeners read of a tip.
#[derive(serde::Deserialize)]
struct TopicTip {
    #[serde(rename = "group_tips_elem_tip_type")]
    tip_type: TipType,
    #[serde(rename = "group_tips_elem_group_id")]
    group_id: String,
    #[serde(rename = "group_tips_elem_topic_id_array", default)]
    topic_ids: Vec<String>,
    #[serde(rename = "group_tips_elem_topic_info", default)]
    topic_info: serde_json::Value,
}

impl TopicTip {
    /// What the listener of this tip's kind is given beside the community.
    fn detail(&self) -> String {
        match self.tip_type {
            TipType::TopicCreated => self.topic_ids.first().cloned().unwrap_or_default(),
            TipType::TopicDeleted => serde_json::Value::from(self.topic_ids.clone()).to_string(),
            _ => self.topic_info.to_string(),
        }
    }
}

#[derive(Clone, Default)]
pub struct Listeners {
    pub tips: Option<JsonListener>,
    pub network: Option<NetworkListener>,
    /// New-message listeners, each under the key it was added with.
    pub messages: Vec<(usize, JsonListener)>,
    pub revoke: Option<JsonListener>,
    /// Edited messages (`HuddleSetMsgUpdateCallback`).
    pub update: Option<JsonListener>,
    pub conv: Option<KindListener>,
    pub conv_group: Option<KindListener>,
    /// Listeners of one kind of conversation-group event each (Tencent's
    /// five typed setters), beside `conv_group`.
    pub conv_group_by_kind: Vec<(ConvGroupEvent, KindListener)>,
    pub kicked: Option<NoticeListener>,
    pub sig_expired: Option<NoticeListener>,
    /// Hears the user's global receive option after each change.
    pub all_recv_opt: Option<JsonListener>,
    /// Runs on every conversation event while unread counts are watched
    /// (`unread::Watch`), before the conversation listener.
    pub unread_watch: Option<NoticeListener>,
    pub group_attributes: Option<GroupAttributesListener>,
    pub group_counter: Option<GroupCounterListener>,
    /// Tencent's topic created, deleted and changed listeners, by the tip
    /// type they hear (TopicCreated, TopicDeleted, TopicInfoChange).
    pub topics: Vec<(TipType, TopicListener)>,
    pub read_receipt: Option<JsonListener>,
    pub extensions_changed: Option<MsgIdListener>,
    pub extensions_deleted: Option<MsgIdListener>,
    pub reactions: Option<JsonListener>,
    pub pinned: Option<PinListener>,
}

impl Listeners {
    fn wanted(&self) -> u16 {
        let has = [
            (EventKind::GroupTip, self.tips.is_some() || !self.messages.is_empty() || !self.topics.is_empty()),
            (EventKind::Message, !self.messages.is_empty()),
            (EventKind::Revoke, self.revoke.is_some()),
            (EventKind::Conv, self.conv.is_some() || self.unread_watch.is_some()),
            (EventKind::RecvOpt, self.all_recv_opt.is_some()),
            (EventKind::ConvGroup, self.conv_group.is_some() || !self.conv_group_by_kind.is_empty()),
            (EventKind::GroupAttributes, self.group_attributes.is_some()),
            (EventKind::GroupCounter, self.group_counter.is_some()),
            (
                EventKind::MsgUpdate,
                self.update.is_some()
                    || self.read_receipt.is_some()
                    || self.extensions_changed.is_some()
                    || self.extensions_deleted.is_some()
                    || self.reactions.is_some()
                    || self.pinned.is_some(),
            ),
        ];
        has.iter().filter(|(_, on)| *on).fold(EventKind::Session.bit(), |bits, (kind, _)| bits | kind.bit())
    }

    fn to_messages(&self, array: &Json) {
        for (_, listener) in &self.messages {
            listener(array);
        }
    }

    /// Hands a topic tip to the topic listener of its kind.
    fn to_topics(&self, tip: &Json) {
        if self.topics.is_empty() {
            return;
        }
        let Ok(t) = serde_json::from_str::<TopicTip>(tip.as_str()) else { return };
        for (_, l) in self.topics.iter().filter(|(kind, _)| *kind == t.tip_type) {
            l(&t.group_id, &t.detail());
        }
    }

    /// Hands an event to these listeners.
    pub fn dispatch(&self, event: &Event) {
        match event.body() {
            EventBody::GroupTip { tip, message, .. } => {
                if let Some(l) = &self.tips {
                    l(tip);
                }
                self.to_messages(message);
                self.to_topics(tip);
            }
            EventBody::NewMessage { messages, .. } => self.to_messages(messages),
            EventBody::MsgRevoked { locators, .. } => {
                if let Some(l) = &self.revoke {
                    l(locators);
                }
            }
            EventBody::MsgUpdated { messages, .. } => {
                if let Some(l) = &self.update {
                    l(messages);
                }
            }
            EventBody::Conv { event, convs, .. } => {
                if let Some(watch) = &self.unread_watch {
                    watch();
                }
                if let Some(l) = &self.conv {
                    l(event.as_int(), convs);
                }
            }
            EventBody::ConvGroup { event, json, .. } => {
                if let Some(l) = &self.conv_group {
                    l(event.as_int(), json);
                }
                for (_, l) in self.conv_group_by_kind.iter().filter(|(kind, _)| kind == event) {
                    l(event.as_int(), json);
                }
            }
            EventBody::AllRecvOpt { info, .. } => {
                if let Some(l) = &self.all_recv_opt {
                    l(info);
                }
            }
            EventBody::GroupAttributes { group_id, attributes, .. } => {
                if let Some(l) = &self.group_attributes {
                    l(group_id, attributes);
                }
            }
            EventBody::GroupCounter { group_id, key, value, .. } => {
                if let Some(l) = &self.group_counter {
                    l(group_id, key, *value);
                }
            }
            EventBody::ReadReceipt { receipts, .. } => {
                if let Some(l) = &self.read_receipt {
                    l(receipts);
                }
            }
            EventBody::ExtensionsChanged { msg_id, extensions, .. } => {
                if let Some(l) = &self.extensions_changed {
                    l(msg_id, extensions);
                }
            }
            EventBody::ExtensionsDeleted { msg_id, keys, .. } => {
                if let Some(l) = &self.extensions_deleted {
                    l(msg_id, keys);
                }
            }
            EventBody::ReactionsChanged { changes, .. } => {
                if let Some(l) = &self.reactions {
                    l(changes);
                }
            }
            EventBody::GroupPinned { group_id, message, pinned, op_user, .. } => {
                if let Some(l) = &self.pinned {
                    l(group_id, message, *pinned, op_user);
                }
            }
            EventBody::KickedOffline => {
                if let Some(l) = &self.kicked {
                    l();
                }
            }
            EventBody::UserSigExpired => {
                if let Some(l) = &self.sig_expired {
                    l();
                }
            }
            EventBody::NetworkStatus { status, code, desc } => {
                if let Some(l) = &self.network {
                    l(*status as i32, *code, desc);
                }
            }
        }
    }
}

#[derive(Default)]
pub struct Registry {
    current: Mutex<Arc<Listeners>>,
    /// Counts changes, so that a run of events takes one snapshot.
    generation: AtomicU64,
}

/// The listeners as some events ago, with the generation they were taken at.
pub type Snapshot = Option<(u64, Arc<Listeners>)>;

impl Registry {
    /// Changes the listeners; returns the kinds now wanted (`bit`s).
    pub fn update(&self, change: impl FnOnce(&mut Listeners)) -> u16 {
        let mut current = self.current.lock();
        let mut next = Listeners::clone(&current);
        change(&mut next);
        let wanted = next.wanted();
        *current = Arc::new(next);
        self.generation.fetch_add(1, Ordering::Release);
        wanted
    }

    /// The listeners now, refreshing `cached` if they changed since it was
    /// taken. They run without any lock held, so they may change them.
    pub fn current<'a>(&self, cached: &'a mut Snapshot) -> &'a Listeners {
        let generation = self.generation.load(Ordering::Acquire);
        if cached.as_ref().map_or(true, |(g, _)| *g != generation) {
            let current = self.current.lock();
            // Read under the lock, which `update` holds while it counts: the pair matches.
            *cached = Some((self.generation.load(Ordering::Relaxed), Arc::clone(&current)));
        }
        &cached.as_ref().expect("just filled").1
    }
}
