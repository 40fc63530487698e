//! Checks on user input that come before any rule.

use crate::error::{Code, Error, Result};

pub(crate) const GENERATED_PREFIX: &str = "@TGS#";
/// What a community's custom ID may start with, as Tencent's do.
pub(crate) const COMMUNITY_PREFIX: &str = "@TGS#_";
/// Between a topic's community ID and its own suffix.
pub(crate) const TOPIC_MARK: &str = "@TOPIC#_";
pub(crate) const MAX_GROUP_ID: usize = 48;
/// Tencent's bound on a whole topic ID.
pub(crate) const MAX_TOPIC_ID: usize = 96;
pub(crate) const MAX_NAME: usize = 100;
pub(crate) const MAX_INTRODUCTION: usize = 240;
pub(crate) const MAX_NOTIFICATION: usize = 300;
pub(crate) const MAX_FACE_URL: usize = 100;
pub(crate) const MAX_NAME_CARD: usize = 50;
/// Users one invite or kick may name.
pub(crate) const MAX_USERS_PER_CALL: usize = 500;
/// User IDs are opaque but bounded, like Tencent's.
pub(crate) const MAX_USER_ID: usize = 128;

/// UTF-8 byte limit; `what` names the field in the error sentence.
pub fn max_bytes(value: &str, max: usize, code: Code, what: &str) -> Result<()> {
    if value.len() > max {
        return Err(Error::new(code, format!("{} is {} bytes; the limit is {}", what, value.len(), max)));
    }
    Ok(())
}

/// A custom group ID: printable ASCII, 1..=48 bytes, not starting with
/// `@TGS#` but for a community's `@TGS#_` (Tencent's rule), never holding
/// `@TOPIC#`, which topic IDs are made with.
pub fn custom_group_id(id: &str, community: bool) -> Result<()> {
    let bad = |why: &str| Err(Error::new(Code::InvalidGroupIdFormat, format!("custom group ID {:?} {}", id, why)));
    if id.is_empty() {
        return bad("is empty");
    }
    if id.len() > MAX_GROUP_ID {
        return bad("is longer than 48 bytes");
    }
    if !id.bytes().all(|b| b.is_ascii_graphic()) {
        return bad("has a character that is not printable ASCII");
    }
    if id.starts_with(GENERATED_PREFIX) && !(community && id.starts_with(COMMUNITY_PREFIX) && id.len() > COMMUNITY_PREFIX.len()) {
        return bad("starts with @TGS#, which is kept for generated IDs (a community's may start with @TGS#_)");
    }
    if id.contains("@TOPIC#") {
        return bad("holds @TOPIC#, which is kept for topic IDs");
    }
    Ok(())
}

/// The community a topic ID names (the part before `@TOPIC#_`), when it is one.
pub fn topic_community(id: &str) -> Option<&str> {
    id.split_once(TOPIC_MARK).map(|(community, _)| community).filter(|c| !c.is_empty())
}

/// A group ID given to any call but create: 10015 when it cannot name a
/// group or a topic (every ID, custom or generated, is printable ASCII;
/// a topic's may be up to 96 bytes).
pub fn group_id(id: &str) -> Result<()> {
    let max = if topic_community(id).is_some() { MAX_TOPIC_ID } else { MAX_GROUP_ID };
    if id.is_empty() || id.len() > max || !id.bytes().all(|b| b.is_ascii_graphic()) {
        return Err(Error::new(Code::InvalidGroupId, format!("{:?} is not a valid group ID", id)));
    }
    Ok(())
}

pub fn user_id(id: &str) -> Result<()> {
    if id.is_empty() || id.len() > MAX_USER_ID || id.chars().any(char::is_control) {
        return Err(Error::new(Code::InvalidRequest, format!("{:?} is not a valid user ID", id)));
    }
    Ok(())
}

pub fn user_list(users: &[String]) -> Result<()> {
    if users.len() > MAX_USERS_PER_CALL {
        return Err(Error::new(
            Code::MemberCountLimit,
            format!("{} users in one call; the limit is {}", users.len(), MAX_USERS_PER_CALL),
        ));
    }
    users.iter().try_for_each(|u| user_id(u))
}

/// Member custom fields: keys 1..=16 bytes, values at most 64.
pub fn member_custom(fields: &[crate::params::MemberCustom]) -> Result<std::collections::BTreeMap<String, String>> {
    fields
        .iter()
        .map(|c| {
            if c.key.is_empty() || c.key.len() > 16 || c.value.len() > 64 {
                return Err(Error::new(Code::InvalidRequest, format!("member custom field {:?}: keys are 1..=16 bytes, values at most 64", c.key)));
            }
            Ok((c.key.clone(), c.value.clone()))
        })
        .collect()
}

/// Group custom fields: keys 1..=16 bytes, values at most 512.
pub fn group_custom(fields: &[crate::params::GroupCustom]) -> Result<std::collections::BTreeMap<String, String>> {
    fields
        .iter()
        .map(|c| {
            if c.key.is_empty() || c.key.len() > 16 || c.value.len() > 512 {
                return Err(Error::new(Code::InvalidRequest, format!("custom field {:?}: keys are 1..=16 bytes, values at most 512", c.key)));
            }
            Ok((c.key.clone(), c.value.clone()))
        })
        .collect()
}
