//! The sessions of each user, and delivery of events to them.

use std::collections::HashMap;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::Arc;

use parking_lot::Mutex;

use crate::types::{ConvEvent, ConvGroupEvent};

/// JSON text encoded once and shared by every session it goes to. It is
/// stored NUL-terminated, so a C callback gets it without a copy.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Json(Arc<str>);

impl Json {
    pub fn new(mut text: String) -> Json {
        // serde_json escapes NUL inside strings, so the only NUL is ours.
        text.push('\0');
        Json(text.into())
    }

    pub fn as_str(&self) -> &str {
        &self.0[..self.0.len() - 1]
    }

    /// The text as a NUL-terminated C string, valid while `self` lives.
    pub fn as_ptr(&self) -> *const std::ffi::c_char {
        self.0.as_ptr().cast()
    }
}

/// An event as delivered to a session. Arrays are already wrapped in `[...]`.
#[derive(Clone, Debug)]
pub enum Event {
    /// A group tip (an object), and the same tip as a one-message array with a GroupTips elem.
    GroupTip { tip: Json, message: Json },
    /// A one-message array.
    NewMessage(Json),
    /// A one-locator array, for a revoked message.
    MsgRevoked(Json),
    /// A one-conversation array: added, deleted or updated.
    Conv { kind: ConvEvent, conv: Json },
    ConvGroup { kind: ConvGroupEvent, json: Json },
}

/// What a session may not want: events it has no listener for cost nothing.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum EventKind {
    GroupTip,
    Message,
    Revoke,
    Conv,
    ConvGroup,
}

/// Receives events for one session. Called with engine locks held, or by a
/// durable engine's commit thread: it must only queue the event, never call
/// back into the engine.
pub trait EventSink: Send + Sync {
    fn deliver(&self, event: &Event);

    /// `deliver`, for a caller that has an event of its own to give away.
    fn deliver_owned(&self, event: Event) {
        self.deliver(&event);
    }

    fn wants(&self, _kind: EventKind) -> bool {
        true
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct SubscriptionId(u64);

type Sinks = Vec<(SubscriptionId, Arc<dyn EventSink>)>;

#[derive(Default)]
pub struct Hub {
    next_id: AtomicU64,
    by_user: Mutex<HashMap<String, Sinks>>,
    user_of: Mutex<HashMap<SubscriptionId, String>>,
}

/// The hub while one operation publishes: the session table stays locked.
pub struct Delivery<'a> {
    by_user: parking_lot::MutexGuard<'a, HashMap<String, Sinks>>,
}

impl Delivery<'_> {
    /// The sessions of `user`, if any is online.
    pub fn sessions(&self, user: &str) -> Option<Sessions<'_>> {
        self.by_user.get(user).map(Sessions)
    }

    /// Builds the event only if a session of `user` wants `kind`, then gives
    /// it to each such session.
    pub fn to(&self, user: &str, kind: EventKind, make: impl FnOnce() -> Option<Event>) {
        if let Some(s) = self.sessions(user) {
            s.give(kind, make);
        }
    }
}

/// The sessions of one user.
pub struct Sessions<'a>(&'a Sinks);

impl Sessions<'_> {
    pub fn give(&self, kind: EventKind, make: impl FnOnce() -> Option<Event>) {
        let mut wanted = self.0.iter().filter(|(_, s)| s.wants(kind)).peekable();
        if wanted.peek().is_none() {
            return;
        }
        let Some(event) = make() else { return };
        for (_, sink) in wanted {
            crate::stage::deliver(sink, &event);
        }
    }
}

impl Hub {
    pub fn subscribe(&self, user: &str, sink: Arc<dyn EventSink>) -> SubscriptionId {
        let id = SubscriptionId(self.next_id.fetch_add(1, Ordering::Relaxed));
        self.by_user.lock().entry(user.to_string()).or_default().push((id, sink));
        self.user_of.lock().insert(id, user.to_string());
        id
    }

    pub fn unsubscribe(&self, id: SubscriptionId) {
        let Some(user) = self.user_of.lock().remove(&id) else { return };
        let mut by_user = self.by_user.lock();
        if let Some(sinks) = by_user.get_mut(&user) {
            sinks.retain(|(sid, _)| *sid != id);
            if sinks.is_empty() {
                by_user.remove(&user);
            }
        }
    }

    pub fn delivery(&self) -> Delivery<'_> {
        Delivery { by_user: self.by_user.lock() }
    }
}
