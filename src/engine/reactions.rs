//! Message reactions (Tencent's): readers add and remove reactions (an
//! emoji's ID, say) to a message; every reader hears the reactions that
//! changed, with their user counts and first users.

use serde_json::{json, Value};

use crate::error::{err, Result};
use crate::model::{Change, Message, Reaction};
use crate::params::MsgKey;
use crate::types::MsgStatus;

use super::publish::{MsgUpdate, Outgoing};
use super::state::State;
use super::{Ctx, Plan};

/// Tencent's limits: reactions per message, users per reaction.
pub const MAX_REACTIONS: usize = 10;
pub const MAX_REACTION_USERS: usize = 100;
/// Users each reaction lists at most in `HuddleMsgGetMessageReactions` and the listener.
pub const MAX_PARTIAL_USERS: u32 = 10;
/// Messages one `HuddleMsgGetMessageReactions` names at most.
pub const MAX_REACTION_MESSAGES: usize = 20;
/// Users one page of `HuddleMsgGetAllUserListOfMessageReaction` holds at most.
pub const MAX_REACTION_USER_PAGE: u32 = 100;
/// Huddle's bound on a reaction ID (Tencent names none): as an extension key.
/// Not `pub`: cbindgen would put it in include/huddle.h.
pub(crate) const MAX_REACTION_ID_BYTES: usize = 100;

/// One page of a reaction's users.
#[derive(Debug)]
pub struct ReactionUserPage {
    pub users: Vec<Value>,
    pub next_seq: u32,
    pub is_finished: bool,
}

impl State {
    /// Tencent's UserInfo of a user who reacted.
    fn reactor_json(&self, user: &str) -> Value {
        let profile = self.profile_of(user);
        json!({
            "user_profile_identifier": user,
            "user_profile_nick_name": profile.map_or("", |p| p.nick_name.as_str()),
            "user_profile_face_url": profile.map_or("", |p| p.face_url.as_str()),
        })
    }

    /// Tencent's MessageReaction: the count and the first `max_users` users;
    /// whether `viewer` is one of them when there is a viewer.
    fn reaction_json(&self, r: &Reaction, max_users: u32, viewer: Option<&str>) -> Value {
        let mut v = json!({
            "message_reaction_id": r.id,
            "message_reaction_total_user_count": r.users.len(),
            "message_reaction_partial_user_info_array": r.users.iter().take(max_users as usize).map(|u| self.reactor_json(u)).collect::<Vec<_>>(),
        });
        if let Some(viewer) = viewer {
            v["message_reaction_reacted_by_myself"] = json!(r.users.iter().any(|u| u == viewer));
        }
        v
    }

    /// A message the caller may react to: one it reads, not recalled.
    fn reactable(&self, ctx: &Ctx, key: &MsgKey, reaction_id: &str) -> Result<std::sync::Arc<Message>> {
        if reaction_id.is_empty() || reaction_id.len() > MAX_REACTION_ID_BYTES {
            return Err(err!(InvalidParameters, "reaction_id must be 1 to {} bytes", MAX_REACTION_ID_BYTES));
        }
        let m = self.shown_message(ctx, key)?;
        if m.status != MsgStatus::Sent {
            return Err(err!(InvalidParameters, "message {} was recalled", m.msg_id));
        }
        Ok(m)
    }

    /// The change a reaction's readers hear: it, as it now is (a count of 0 when it is gone).
    fn reaction_change(&self, m: &Message, r: &Reaction) -> Outgoing {
        let change = json!([{
            "message_reaction_change_info_msg_id": m.msg_id,
            "message_reaction_change_info_reaction_list": [self.reaction_json(r, MAX_PARTIAL_USERS, None)],
        }]);
        Outgoing::MsgUpdate { thread: m.thread.clone(), seq: m.seq, update: MsgUpdate::Reactions(change) }
    }

    /// Adds the caller to a reaction, the reaction to the message if new.
    pub fn add_reaction(&self, ctx: &Ctx, key: &MsgKey, reaction_id: &str) -> Result<Plan<()>> {
        let m = self.reactable(ctx, key, reaction_id)?;
        let mut changed = Message::clone(&m);
        let reactions = &mut changed.extras.reactions;
        let at = match reactions.iter().position(|r| r.id == reaction_id) {
            Some(i) => i,
            None if reactions.len() >= MAX_REACTIONS => return Err(err!(MsgReactionCountLimit, "message {} has {} reactions already", m.msg_id, MAX_REACTIONS)),
            None => {
                reactions.push(Reaction { id: reaction_id.to_string(), users: Vec::new() });
                reactions.len() - 1
            }
        };
        let r = &mut reactions[at];
        if r.users.iter().any(|u| u == ctx.user) {
            return Err(err!(MsgReactionAlreadyContainUser, "{} already reacted {:?}", ctx.user, reaction_id));
        }
        if r.users.len() >= MAX_REACTION_USERS {
            return Err(err!(MsgReactionUserCountLimit, "reaction {:?} has {} users already", reaction_id, MAX_REACTION_USERS));
        }
        r.users.push(ctx.user.to_string());
        let mut plan = Plan::new(());
        plan.events.push(self.reaction_change(&m, &changed.extras.reactions[at]));
        plan.changes.push(Change::PutMessage(changed));
        Ok(plan)
    }

    /// Takes the caller out of a reaction; a reaction left without users goes.
    pub fn remove_reaction(&self, ctx: &Ctx, key: &MsgKey, reaction_id: &str) -> Result<Plan<()>> {
        let m = self.reactable(ctx, key, reaction_id)?;
        let mut changed = Message::clone(&m);
        let reactions = &mut changed.extras.reactions;
        let Some(at) = reactions.iter().position(|r| r.id == reaction_id) else {
            return Err(err!(MsgReactionNotExists, "message {} has no reaction {:?}", m.msg_id, reaction_id));
        };
        let Some(i) = reactions[at].users.iter().position(|u| u == ctx.user) else {
            return Err(err!(MsgReactionNotContainUser, "{} did not react {:?}", ctx.user, reaction_id));
        };
        reactions[at].users.remove(i);
        let now = reactions[at].clone();
        if now.users.is_empty() {
            reactions.remove(at);
        }
        let mut plan = Plan::new(());
        plan.events.push(self.reaction_change(&m, &now));
        plan.changes.push(Change::PutMessage(changed));
        Ok(plan)
    }

    /// Tencent's MessageReactionResult of each message (at most 20, of one
    /// conversation), each reaction with its first `max_users` (0..10) users.
    pub fn reactions(&self, ctx: &Ctx, keys: &[MsgKey], max_users: u32) -> Result<Vec<Value>> {
        let Some(first) = keys.first() else {
            return Err(err!(InvalidParameters, "name at least one message"));
        };
        if keys.len() > MAX_REACTION_MESSAGES {
            return Err(err!(InvalidParameters, "name at most {} messages", MAX_REACTION_MESSAGES));
        }
        if keys.iter().any(|k| k.conv_type != first.conv_type || k.conv_id != first.conv_id) {
            return Err(err!(InvalidParameters, "the messages must be of one conversation"));
        }
        if max_users > MAX_PARTIAL_USERS {
            return Err(err!(InvalidParameters, "max_user_count_per_reaction is 0 to {}", MAX_PARTIAL_USERS));
        }
        keys.iter()
            .map(|key| {
                let m = self.shown_message(ctx, key)?;
                Ok(json!({
                    "message_reaction_result_code": 0,
                    "message_reaction_result_info": "",
                    "message_reaction_result_msg_id": m.msg_id,
                    "message_reaction_result_reaction_list":
                        m.extras.reactions.iter().map(|r| self.reaction_json(r, max_users, Some(ctx.user))).collect::<Vec<_>>(),
                }))
            })
            .collect()
    }

    /// A page of the users of one reaction, in the order they added it,
    /// from position `next_seq`, `count` (1..100) at most.
    pub fn reaction_users(&self, ctx: &Ctx, key: &MsgKey, reaction_id: &str, next_seq: u32, count: u32) -> Result<ReactionUserPage> {
        if count == 0 || count > MAX_REACTION_USER_PAGE {
            return Err(err!(InvalidParameters, "count must be 1 to {}", MAX_REACTION_USER_PAGE));
        }
        let m = self.shown_message(ctx, key)?;
        let Some(r) = m.extras.reactions.iter().find(|r| r.id == reaction_id) else {
            return Err(err!(MsgReactionNotExists, "message {} has no reaction {:?}", m.msg_id, reaction_id));
        };
        let start = (next_seq as usize).min(r.users.len());
        let end = (start + count as usize).min(r.users.len());
        Ok(ReactionUserPage {
            users: r.users[start..end].iter().map(|u| self.reactor_json(u)).collect(),
            next_seq: end as u32,
            is_finished: end == r.users.len(),
        })
    }
}
