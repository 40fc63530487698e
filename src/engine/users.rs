//! Users' own profiles (Tencent's TIMProfile calls): nickname, face URL and
//! custom string fields, kept with the user's record, shown with what the
//! user says and where the user is a member.

use serde_json::Value;

use crate::error::{err, Code, Result};
use crate::model::{Change, UserMeta, UserProfile};
use crate::params::{GetProfileListParam, ModifySelfProfileParam};

use super::state::State;
use super::validate;
use super::views::profile_json;
use super::{Ctx, Plan};

/// Tencent's prefix of custom profile fields.
pub(crate) const CUSTOM_PREFIX: &str = "Tag_Profile_Custom_";
/// The name after the prefix: English letters, at most 8 (Tencent's 9001).
pub(crate) const MAX_CUSTOM_NAME: usize = 8;
/// Nickname, face URL and custom values: Tencent's 500 bytes (40601).
pub(crate) const MAX_PROFILE_VALUE: usize = 500;
/// Custom fields one user keeps at most (Tencent's console allows 20).
pub(crate) const MAX_CUSTOM_FIELDS: usize = 20;
/// Users one profile read names at most (Tencent's `portrait_get`: 100).
pub(crate) const MAX_PROFILE_IDS: usize = 100;

/// The full key of a custom field, with Tencent's prefix added if absent.
fn custom_key(key: &str) -> Result<String> {
    let name = key.strip_prefix(CUSTOM_PREFIX).unwrap_or(key);
    if name.is_empty() || name.len() > MAX_CUSTOM_NAME || !name.bytes().all(|b| b.is_ascii_alphabetic()) {
        return Err(err!(InvalidProfileKey, "custom profile field {:?}: the name after {} must be 1 to {} English letters", key, CUSTOM_PREFIX, MAX_CUSTOM_NAME));
    }
    Ok(format!("{}{}", CUSTOM_PREFIX, name))
}

fn value_len(value: &str, what: &str) -> Result<()> {
    validate::max_bytes(value, MAX_PROFILE_VALUE, Code::ProfileSizeLimit, what)
}

impl State {
    /// The profile `user` set, or an empty one.
    pub fn profile_of(&self, user: &str) -> Option<&UserProfile> {
        self.users.get(user).map(|u| &u.profile)
    }

    /// Changes the caller's own profile: the keys present, all checked before any is kept.
    pub fn modify_self_profile(&self, ctx: &Ctx, p: ModifySelfProfileParam) -> Result<Plan<()>> {
        let mut meta: UserMeta = self.user_meta(ctx.user);
        let profile = &mut meta.profile;
        if let Some(nick) = p.nick_name {
            value_len(&nick, "the nickname")?;
            profile.nick_name = nick;
        }
        if let Some(face) = p.face_url {
            value_len(&face, "the face URL")?;
            profile.face_url = face;
        }
        for field in p.custom {
            let key = custom_key(&field.key)?;
            value_len(&field.value, &format!("custom field {}", key))?;
            if field.value.is_empty() {
                profile.custom.remove(&key);
            } else {
                profile.custom.insert(key, field.value);
            }
        }
        if profile.custom.len() > MAX_CUSTOM_FIELDS {
            return Err(err!(ProfileInvalidParameters, "a user keeps at most {} custom profile fields; this would make {}", MAX_CUSTOM_FIELDS, profile.custom.len()));
        }
        let mut plan = Plan::new(());
        if meta != self.user_meta(ctx.user) {
            plan.changes.push(Change::PutUser(meta));
        }
        Ok(plan)
    }

    /// The profiles of `p.user_ids`, in the order asked, as Tencent's
    /// UserProfile objects; a user who never set one has empty fields.
    pub fn user_profiles(&self, _ctx: &Ctx, p: &GetProfileListParam) -> Result<Vec<Value>> {
        if p.user_ids.is_empty() {
            return Err(err!(ProfileAccountMiss, "friendship_getprofilelist_param_identifier_array names no user"));
        }
        if p.user_ids.len() > MAX_PROFILE_IDS {
            return Err(err!(ProfileInvalidParameters, "{} users in one call; the limit is {}", p.user_ids.len(), MAX_PROFILE_IDS));
        }
        let empty = UserProfile::default();
        p.user_ids
            .iter()
            .map(|u| {
                validate::user_id(u).map_err(|e| err!(ProfileInvalidParameters, "{}", e.desc))?;
                Ok(profile_json(u, self.profile_of(u).unwrap_or(&empty)))
            })
            .collect()
    }
}
