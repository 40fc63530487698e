//! A client's listeners. Every event reads them and they rarely change, so a
//! change replaces the whole set and an event takes one `Arc` of it; the
//! kinds that have a listener are also given as bits, for the dispatcher to
//! answer the engine, which asks for every recipient of every message.

use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::Arc;

use parking_lot::Mutex;

use crate::event::{Event, EventBody, EventKind, Json};
use crate::types::ConvGroupEvent;

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

#[derive(Clone, Default)]
pub struct Listeners {
    pub tips: Option<JsonListener>,
    pub network: Option<NetworkListener>,
    /// New-message listeners, each under the key it was added with.
    pub messages: Vec<(usize, JsonListener)>,
    pub revoke: Option<JsonListener>,
    pub conv: Option<KindListener>,
    pub conv_group: Option<KindListener>,
    /// Listeners of one kind of conversation-group event each (Tencent's
    /// five typed setters), beside `conv_group`.
    pub conv_group_by_kind: Vec<(ConvGroupEvent, KindListener)>,
    pub kicked: Option<NoticeListener>,
    pub sig_expired: Option<NoticeListener>,
    pub read_receipt: Option<JsonListener>,
    pub extensions_changed: Option<MsgIdListener>,
    pub extensions_deleted: Option<MsgIdListener>,
    pub reactions: Option<JsonListener>,
    pub pinned: Option<PinListener>,
}

impl Listeners {
    fn wanted(&self) -> u8 {
        let has = [
            (EventKind::GroupTip, self.tips.is_some() || !self.messages.is_empty()),
            (EventKind::Message, !self.messages.is_empty()),
            (EventKind::Revoke, self.revoke.is_some()),
            (EventKind::Conv, self.conv.is_some()),
            (EventKind::ConvGroup, self.conv_group.is_some() || !self.conv_group_by_kind.is_empty()),
            (
                EventKind::MsgUpdate,
                self.read_receipt.is_some()
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

    /// Hands an event to these listeners.
    pub fn dispatch(&self, event: &Event) {
        match event.body() {
            EventBody::GroupTip { tip, message, .. } => {
                if let Some(l) = &self.tips {
                    l(tip);
                }
                self.to_messages(message);
            }
            EventBody::NewMessage { messages, .. } => self.to_messages(messages),
            EventBody::MsgRevoked { locators, .. } => {
                if let Some(l) = &self.revoke {
                    l(locators);
                }
            }
            EventBody::Conv { event, convs, .. } => {
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
    pub fn update(&self, change: impl FnOnce(&mut Listeners)) -> u8 {
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
