//! Fan-out of events to the sessions of the users they are addressed to.

use std::collections::HashMap;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::Arc;

use parking_lot::Mutex;

use super::tips::Tip;

/// An event as delivered to a session: already JSON, encoded once for every recipient.
#[derive(Clone, Debug)]
pub enum Event {
    GroupTip(Arc<str>),
}

/// Receives events for one session. Called with engine locks held: it must
/// only queue the event, never call back into the engine.
pub trait EventSink: Send + Sync {
    fn deliver(&self, event: &Event);
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct SubscriptionId(u64);

#[derive(Default)]
pub struct Hub {
    next_id: AtomicU64,
    by_user: Mutex<HashMap<String, Vec<(SubscriptionId, Arc<dyn EventSink>)>>>,
    user_of: Mutex<HashMap<SubscriptionId, String>>,
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

    pub fn publish(&self, tips: &[Tip]) {
        if tips.is_empty() {
            return;
        }
        let by_user = self.by_user.lock();
        for tip in tips {
            let mut event = None;
            for user in &tip.recipients {
                let Some(sinks) = by_user.get(user) else { continue };
                let event = event.get_or_insert_with(|| {
                    Event::GroupTip(serde_json::to_string(tip).expect("tips always encode").into())
                });
                for (_, sink) in sinks {
                    sink.deliver(event);
                }
            }
        }
    }
}
