//! The offline push hook: who should hear of a new message through their
//! phone's push service because no session of theirs is online to get it.

use std::sync::Arc;

use crate::model::{Message, Thread};
use crate::types::{MsgFlag, AT_ALL};

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
    /// `@`-ed by name or with everyone: pushed despite do-not-disturb.
    pub mentioned: bool,
}

impl State {
    /// The readers of `m` with no online session who want a push: for a
    /// group, its members but the sender (those who chose not to receive
    /// the group's messages never; do-not-disturb ones only when `@`-ed);
    /// for a pair, the peer.
    pub(super) fn push_targets(&self, m: &Message, out: &Delivery) -> Vec<PushTarget> {
        let offline = |user: &str| user != m.sender && m.visible_to(user) && out.sessions(user).is_none();
        let at_all = m.at_users.iter().any(|u| u == AT_ALL);
        match &m.thread {
            Thread::Group(g) => {
                let Ok(group) = self.thread_group(g) else { return Vec::new() };
                group
                    .by_seq
                    .values()
                    .filter(|u| offline(u))
                    .filter_map(|u| {
                        let mentioned = at_all || m.at_users.contains(u);
                        let wants = match group.members[u].msg_flag {
                            MsgFlag::Receive => true,
                            MsgFlag::ReceiveNotNotify => mentioned,
                            MsgFlag::NotReceive => false,
                        };
                        wants.then(|| PushTarget { user: u.clone(), mentioned })
                    })
                    .collect()
            }
            Thread::C2C(..) => {
                let peer = m.thread.peer(&m.sender);
                if offline(peer) {
                    vec![PushTarget { user: peer.to_string(), mentioned: false }]
                } else {
                    Vec::new()
                }
            }
        }
    }
}
