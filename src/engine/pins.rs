//! Pinned group messages (Tencent's): the owner and admins pin up to 10
//! messages of a group; every member hears each pin and unpin, and lists them.

use serde_json::{json, Value};

use crate::error::{err, Result};
use crate::model::{Change, Pin, Thread};
use crate::params::MsgKey;
use crate::types::{ConvType, Role};

use super::publish::Outgoing;
use super::state::State;
use super::views::MessageView;
use super::{validate, Ctx, Plan};

/// Tencent's limit of pinned messages per group.
pub const MAX_PINNED: usize = 10;

impl State {
    /// Pins or unpins a message of `group_id` (the owner, admins and app
    /// admins): 10071 if already pinned, 10070 past 10 pins. Unpinning a
    /// message that is not pinned changes nothing.
    pub fn pin_message(&self, ctx: &Ctx, group_id: &str, key: &MsgKey, pinned: bool) -> Result<Plan<()>> {
        validate::group_id(group_id)?;
        let g = self.group(group_id)?;
        if key.conv_type != ConvType::Group || key.conv_id != group_id {
            return Err(err!(InvalidParameters, "the message is not of group {}", group_id));
        }
        if !ctx.app_admin && !matches!(g.role_of(ctx.user), Some(Role::Owner | Role::Admin)) {
            return Err(err!(PermissionDenied, "only the owner and admins pin messages of {}", group_id));
        }
        let m = self.shown_message(ctx, key)?;
        let mut profile = g.profile.clone();
        // Pins of messages retention dropped no longer count.
        let thread = Thread::Group(group_id.to_string());
        profile.pinned.retain(|p| self.threads.get(&thread).is_some_and(|t| t.messages.contains_key(&p.seq)));
        let at = profile.pinned.iter().position(|p| p.seq == m.seq);
        let mut plan = Plan::new(());
        match (pinned, at) {
            (true, Some(_)) => return Err(err!(GroupMessageAlreadyPinned, "message {} is pinned already", m.msg_id)),
            (true, None) if profile.pinned.len() >= MAX_PINNED => {
                return Err(err!(GroupPinnedMessageCountLimit, "{} has {} pinned messages", group_id, MAX_PINNED))
            }
            (true, None) => profile.pinned.push(Pin { seq: m.seq, by: ctx.user.to_string(), time: ctx.now }),
            (false, Some(i)) => {
                profile.pinned.remove(i);
            }
            (false, None) => return Ok(plan),
        }
        plan.changes.push(Change::PutGroup(profile));
        plan.events.push(Outgoing::Pinned { group_id: group_id.to_string(), seq: m.seq, pinned, op_user: ctx.user.to_string() });
        Ok(plan)
    }

    /// The pinned messages of a group, latest pin first, as the caller sees
    /// them, each with who pinned it (`message_pinner_*`): members only (10007).
    pub fn pinned_messages(&self, ctx: &Ctx, group_id: &str) -> Result<Vec<Value>> {
        validate::group_id(group_id)?;
        let g = self.group(group_id)?;
        if !g.members.contains_key(ctx.user) && !ctx.app_admin {
            return Err(err!(PermissionDenied, "{} is not a member of {}", ctx.user, group_id));
        }
        let thread = Thread::Group(group_id.to_string());
        let conv = self.conv(ctx.user, &thread);
        Ok(g.profile
            .pinned
            .iter()
            .rev()
            .filter_map(|p| {
                let m = self.threads.get(&thread)?.messages.get(&p.seq)?;
                if !(ctx.app_admin || conv.is_some_and(|c| c.shows(m))) {
                    return None;
                }
                let profile = self.profile_of(&p.by);
                let mut v = MessageView::value(self, m, ctx.user);
                v["message_pinner_user_id"] = json!(p.by);
                v["message_pinner_nick_name"] = json!(profile.map_or("", |p| p.nick_name.as_str()));
                v["message_pinner_friend_remark"] = json!("");
                v["message_pinner_name_card"] = json!(g.members.get(&p.by).map_or("", |mem| mem.name_card.as_str()));
                v["message_pinner_face_url"] = json!(profile.map_or("", |p| p.face_url.as_str()));
                Some(v)
            })
            .collect())
    }
}
