//! The offline push hook: who should hear of a new message through their
//! phone's push service because no session of theirs is online to get it.

use std::sync::Arc;

use crate::model::{Message, Thread};
use crate::types::AT_ALL;

use super::hub::Delivery;
use super::state::State;

/// Receives the offline readers of each new message, under the engine's
/// lock: it must hand them on (to a queue) and return at once, and never
/// call the engine. A durable engine may call it before the message is
/// committed; `Engine::sync` before telling anyone of it.
pub trait PushSink: Send + Sync {
    fn push(&self, notice: PushNotice);
}

/// A new message and the readers of it that no session reaches.
#[derive(Clone, Debug)]
pub struct PushNotice {
    pub message: Arc<Message>,
    pub targets: Vec<PushTarget>,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PushTarget {
    pub user: String,
    /// `@`-ed by name or with everyone (what lets a push through the
    /// "except @" receive options).
    pub mentioned: bool,
}

impl State {
    /// The readers of `m` with no online session who want a push (see
    /// `State::wants_push`): for a group, its members but the sender; for
    /// a pair, the peer.
    pub(super) fn push_targets(&self, m: &Message, out: &Delivery, now: u64) -> Vec<PushTarget> {
        let offline = |user: &str| user != m.sender && m.visible_to(user) && out.sessions(user).is_none();
        let at_all = m.at_users.iter().any(|u| u == AT_ALL);
        let target = |u: &str| {
            (offline(u) && self.wants_push(u, m, now)).then(|| PushTarget { user: u.to_string(), mentioned: at_all || m.at_users.iter().any(|a| a == u) })
        };
        match &m.thread {
            Thread::Group(g) => self.thread_group(g).map_or_else(|_| Vec::new(), |group| group.by_seq.values().filter_map(|u| target(u)).collect()),
            Thread::C2C(..) => target(m.thread.peer(&m.sender)).into_iter().collect(),
        }
    }
}
