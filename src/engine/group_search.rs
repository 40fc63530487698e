//! Local search of the caller's groups and their members, as Tencent's
//! SDK searches its local store, and the app's marks on members.

use crate::error::{err, Result};
use crate::model::{Audience, Change, MarkChange, Tip};
use crate::params::{GroupSearchParam, MemberSearchParam};
use crate::types::{group_search_field as gfield, member_search_field as mfield, GroupType, Role, TipType};

use super::members::MemberPage;
use super::state::State;
use super::validate;
use super::{Ctx, Plan};

/// Tencent's bound on a search's keywords.
const MAX_KEYWORDS: usize = 5;
/// Marks are numbers from this up (Tencent's rule)...
pub(crate) const MIN_MARK: u32 = 1000;
/// ...and a group has at most this many kinds of them.
const MAX_MARKS_PER_GROUP: usize = 10;

/// The keywords, lower-cased, if there are 1..=5 of them.
fn keywords(list: &[String]) -> Result<Vec<String>> {
    if list.is_empty() || list.len() > MAX_KEYWORDS {
        return Err(err!(InvalidParameters, "a search takes 1 to {} keywords, not {}", MAX_KEYWORDS, list.len()));
    }
    Ok(list.iter().map(|k| k.to_lowercase()).collect())
}

/// The field bits, if every one is known.
fn fields(list: &[u32], known: u32) -> Result<u32> {
    list.iter().try_fold(0, |bits, f| match f {
        f if f.count_ones() == 1 && f & known != 0 => Ok(bits | f),
        f => Err(err!(InvalidParameters, "{} is not a search field", f)),
    })
}

/// Whether any keyword is in any of `texts` (case-insensitive).
fn matches<'a>(keywords: &[String], texts: impl IntoIterator<Item = &'a str>) -> bool {
    texts.into_iter().filter(|t| !t.is_empty()).any(|t| {
        let t = t.to_lowercase();
        keywords.iter().any(|k| t.contains(k.as_str()))
    })
}

impl State {
    /// The IDs of the caller's groups (those of its joined list) whose ID or
    /// name, as `p`'s fields say (both when none), holds a keyword.
    pub fn search_groups(&self, ctx: &Ctx, p: &GroupSearchParam) -> Result<Vec<String>> {
        let keywords = keywords(&p.keywords)?;
        let bits = match fields(&p.fields, gfield::GROUP_ID | gfield::GROUP_NAME)? {
            0 => gfield::GROUP_ID | gfield::GROUP_NAME,
            bits => bits,
        };
        Ok(self
            .joined_groups(ctx)?
            .into_iter()
            .filter(|g| {
                let texts = [(gfield::GROUP_ID, g.profile.id.as_str()), (gfield::GROUP_NAME, g.profile.name.as_str())];
                matches(&keywords, texts.into_iter().filter(|(f, _)| bits & f != 0).map(|(_, t)| t))
            })
            .map(|g| g.profile.id)
            .collect())
    }

    /// The members, of the caller's groups `p` names (all when none), whose
    /// user ID, nickname or name card, as `p`'s fields say, holds a keyword:
    /// one page per group with any, in the order of the groups.
    pub fn search_members(&self, ctx: &Ctx, p: &MemberSearchParam) -> Result<Vec<MemberPage>> {
        let keywords = keywords(&p.keywords)?;
        let bits = fields(&p.fields, mfield::IDENTIFIER | mfield::NICK_NAME | mfield::REMARK | mfield::NAME_CARD)?;
        if bits == 0 {
            return Err(err!(InvalidParameters, "a member search needs its fields (group_search_member_params_field_list)"));
        }
        p.group_ids.iter().try_for_each(|id| validate::group_id(id))?;
        let mine: Vec<String> = if p.group_ids.is_empty() {
            self.joined_groups(ctx)?.into_iter().map(|g| g.profile.id).collect()
        } else {
            p.group_ids.iter().filter(|id| self.groups.get(*id).is_some_and(|g| g.members.contains_key(ctx.user))).cloned().collect()
        };
        Ok(mine
            .iter()
            .filter_map(|id| {
                let g = self.groups.get(id).filter(|g| g.rules().keeps_member_profiles)?;
                let found: Vec<_> = g
                    .by_seq
                    .values()
                    .map(|u| &g.members[u])
                    .filter(|m| {
                        let nick = self.profile_of(&m.user_id).map_or("", |p| p.nick_name.as_str());
                        let texts = [(mfield::IDENTIFIER, m.user_id.as_str()), (mfield::NICK_NAME, nick), (mfield::NAME_CARD, m.name_card.as_str())];
                        matches(&keywords, texts.into_iter().filter(|(f, _)| bits & f != 0).map(|(_, t)| t))
                    })
                    .cloned()
                    .collect();
                (!found.is_empty()).then(|| self.member_page(ctx, id, found, 0))
            })
            .collect())
    }

    /// Sets or removes the app's mark `mark_type` on members of an
    /// AVChatRoom (Tencent's rules: the owner only, marks from 1000, at
    /// most 10 kinds a group); every member gets a MemberMarkChange tip.
    pub fn mark_members(&self, ctx: &Ctx, group_id: &str, users: &[String], mark_type: u32, enable: bool) -> Result<Plan<()>> {
        validate::group_id(group_id)?;
        let g = self.group(group_id)?;
        if g.profile.group_type != GroupType::AvChatRoom {
            return Err(err!(InvalidRequest, "members are marked in AVChatRoom groups only; {} is {:?}", group_id, g.profile.group_type));
        }
        if !ctx.app_admin && g.role_of(ctx.user) != Some(Role::Owner) {
            return Err(err!(PermissionDenied, "only the owner of {} marks its members", group_id));
        }
        if mark_type < MIN_MARK {
            return Err(err!(InvalidRequest, "mark {} is below {}: marks are the app's numbers from {}", mark_type, MIN_MARK, MIN_MARK));
        }
        if users.is_empty() {
            return Err(err!(InvalidRequest, "no member to mark"));
        }
        validate::user_list(users)?;
        if let Some(u) = users.iter().find(|u| !g.members.contains_key(*u)) {
            return Err(err!(InvalidRequest, "{} is not a member of {}", u, group_id));
        }
        let kinds: std::collections::BTreeSet<u32> = g.members.values().flat_map(|m| m.marks.iter().copied()).collect();
        if enable && !kinds.contains(&mark_type) && kinds.len() >= MAX_MARKS_PER_GROUP {
            return Err(err!(InvalidRequest, "{} has {} kinds of marks, the most a group has", group_id, MAX_MARKS_PER_GROUP));
        }
        let mut plan = Plan::new(());
        for u in users {
            let mut member = g.members[u].clone();
            let changed = if enable { member.marks.insert(mark_type) } else { member.marks.remove(&mark_type) };
            if changed {
                plan.changes.push(Change::PutMember { group_id: group_id.to_string(), member });
            }
        }
        let tip = Tip::new(TipType::MemberMarkChange, &g.profile, ctx.user, users.to_vec(), ctx.now, g.member_count(), Audience::members(&g.profile));
        plan.tips.push(Tip { mark_changes: vec![MarkChange { enable, mark_type, users: users.to_vec() }], ..tip });
        Ok(plan)
    }
}
