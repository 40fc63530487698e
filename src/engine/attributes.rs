//! Group attributes and counters: key-value state of a group that every
//! member may read and write, each change told to every member in the
//! engine's order (Tencent's TIMGroupInitGroupAttributes and
//! TIMGroupSetGroupCounters families, with their limits).

use std::collections::BTreeMap;

use crate::error::{err, Code, Result};
use crate::model::{Change, GroupAttribute, GroupCounter, GroupProfile};
use crate::types::GroupType;

use super::frequency::Family;
use super::publish::Outgoing;
use super::state::{Group, State};
use super::validate;
use super::{Ctx, Plan};

/// Tencent's limits of a group's attributes: keys, bytes of a key, of a
/// value, and of all keys and values together.
pub(crate) const MAX_ATTRIBUTES: usize = 16;
pub(crate) const MAX_ATTRIBUTE_KEY: usize = 32;
pub(crate) const MAX_ATTRIBUTE_VALUE: usize = 4 * 1024;
pub(crate) const MAX_ATTRIBUTES_TOTAL: usize = 16 * 1024;
/// Tencent's limits of a group's counters: keys, and bytes of a key.
pub(crate) const MAX_COUNTERS: usize = 20;
pub(crate) const MAX_COUNTER_KEY: usize = 128;
/// Reads one user may make in 5 seconds, of attributes and of counters (Tencent's 20).
const READS_PER_5S: u32 = 20;

/// How an attribute write changes the attributes.
pub enum AttrWrite {
    /// Replaces them all (`HuddleGroupInitGroupAttributes`).
    Init(Vec<GroupAttribute>),
    /// Adds or updates these keys (`HuddleGroupSetGroupAttributes`).
    Set(Vec<GroupAttribute>),
    /// Removes these keys; none named: all of them (`HuddleGroupDeleteGroupAttributes`).
    Delete(Vec<String>),
}

/// How a counter write changes the counters.
pub enum CounterWrite {
    /// Sets these values (`HuddleGroupSetGroupCounters`).
    Set(Vec<GroupCounter>),
    /// Adds `by` to one counter, from 0 if it has none (increase: positive, decrease: negative).
    Add { key: String, by: i64 },
}

impl State {
    /// The group, if the caller (a member, or an app admin) may use its
    /// attributes or counters and has not called `family` too often.
    fn shared_state_of(&self, ctx: &Ctx, group_id: &str, family: Family) -> Result<&Group> {
        validate::group_id(group_id)?;
        let g = self.group(group_id)?;
        g.member_or_admin(ctx)?;
        let (max, code, what) = match family {
            Family::AttrWrite => (ctx.limits.group_attr_writes_per_5s, Code::GroupAttrFreqLimit, "attribute writes"),
            Family::AttrRead => (READS_PER_5S, Code::GroupAttrFreqLimit, "attribute reads"),
            Family::CounterWrite => (ctx.limits.group_counter_writes_per_5s, Code::GroupCounterFreqLimit, "counter writes"),
            Family::CounterRead => (READS_PER_5S, Code::GroupCounterFreqLimit, "counter reads"),
        };
        let counters = matches!(family, Family::CounterWrite | Family::CounterRead);
        if counters && g.profile.group_type == GroupType::Community {
            return Err(err!(PermissionDenied, "Community groups have no counters"));
        }
        if !ctx.app_admin && !ctx.frequency.take(ctx.user, family, max, ctx.now) {
            return Err(crate::error::Error::new(code, format!("{} makes more than {} group {} in 5 s", ctx.user, max, what)));
        }
        Ok(g)
    }

    /// Changes a group's attributes; every member is told all of them.
    pub fn write_group_attributes(&self, ctx: &Ctx, group_id: &str, write: AttrWrite) -> Result<Plan<()>> {
        let g = self.shared_state_of(ctx, group_id, Family::AttrWrite)?;
        let mut attributes = g.profile.attributes.clone();
        match write {
            AttrWrite::Init(list) => {
                attributes = checked_attributes(list)?;
            }
            AttrWrite::Set(list) => attributes.extend(checked_attributes(list)?),
            AttrWrite::Delete(keys) if keys.is_empty() => attributes.clear(),
            AttrWrite::Delete(keys) => {
                for key in keys {
                    attributes.remove(&key);
                }
            }
        }
        check_attribute_totals(&attributes)?;
        let mut plan = Plan::new(());
        plan.changes.push(Change::PutGroup(GroupProfile { attributes, ..g.profile.clone() }));
        plan.events.push(Outgoing::GroupAttributes { group_id: group_id.to_string() });
        Ok(plan)
    }

    /// The attributes named (none named: all of them), in key order; a key
    /// the group does not have is left out.
    pub fn group_attributes(&self, ctx: &Ctx, group_id: &str, keys: &[String]) -> Result<Vec<GroupAttribute>> {
        let g = self.shared_state_of(ctx, group_id, Family::AttrRead)?;
        Ok(pick(&g.profile.attributes, keys, |key, value| GroupAttribute { key: key.clone(), value: value.clone() }))
    }

    /// Changes a group's counters; every member is told each counter's new
    /// value. Returns the counters written, with their new values.
    pub fn write_group_counters(&self, ctx: &Ctx, group_id: &str, write: CounterWrite) -> Result<Plan<Vec<GroupCounter>>> {
        let g = self.shared_state_of(ctx, group_id, Family::CounterWrite)?;
        let mut counters = g.profile.counters.clone();
        let written = match write {
            CounterWrite::Set(list) => {
                if list.is_empty() {
                    return Err(err!(InvalidRequest, "no counter to set"));
                }
                list
            }
            CounterWrite::Add { key, by } => {
                let now = counters.get(&key).copied().unwrap_or(0);
                let value = now.checked_add(by).ok_or_else(|| err!(InvalidRequest, "counter {:?} would pass the range of a 64-bit integer", key))?;
                vec![GroupCounter { key, value }]
            }
        };
        for c in &written {
            check_key(&c.key, MAX_COUNTER_KEY, "a group counter key")?;
            counters.insert(c.key.clone(), c.value);
        }
        if counters.len() > MAX_COUNTERS {
            return Err(err!(InvalidRequest, "a group has at most {} counters; this would make {}", MAX_COUNTERS, counters.len()));
        }
        let mut plan = Plan::new(());
        plan.changes.push(Change::PutGroup(GroupProfile { counters, ..g.profile.clone() }));
        for c in &written {
            plan.events.push(Outgoing::GroupCounter { group_id: group_id.to_string(), key: c.key.clone(), value: c.value });
        }
        Ok(plan.with_value(written))
    }

    /// The counters named (none named: all of them), in key order; a key
    /// the group does not have is left out.
    pub fn group_counters(&self, ctx: &Ctx, group_id: &str, keys: &[String]) -> Result<Vec<GroupCounter>> {
        let g = self.shared_state_of(ctx, group_id, Family::CounterRead)?;
        Ok(pick(&g.profile.counters, keys, |key, value| GroupCounter { key: key.clone(), value: *value }))
    }
}

/// The entries of `map` that `keys` names (all when it names none), as `make` builds them.
fn pick<V, T>(map: &BTreeMap<String, V>, keys: &[String], make: impl Fn(&String, &V) -> T) -> Vec<T> {
    if keys.is_empty() {
        return map.iter().map(|(k, v)| make(k, v)).collect();
    }
    let mut named: Vec<&String> = keys.iter().collect();
    named.sort();
    named.dedup();
    named.into_iter().filter_map(|k| map.get_key_value(k)).map(|(k, v)| make(k, v)).collect()
}

fn check_key(key: &str, max: usize, what: &str) -> Result<()> {
    if key.is_empty() {
        return Err(err!(InvalidRequest, "{} is empty", what));
    }
    validate::max_bytes(key, max, Code::InvalidRequest, what)
}

/// Attributes given to a write: keys and values within Tencent's sizes.
fn checked_attributes(list: Vec<GroupAttribute>) -> Result<BTreeMap<String, String>> {
    let mut map = BTreeMap::new();
    for a in list {
        check_key(&a.key, MAX_ATTRIBUTE_KEY, "a group attribute key")?;
        validate::max_bytes(&a.value, MAX_ATTRIBUTE_VALUE, Code::InvalidRequest, "a group attribute value")?;
        map.insert(a.key, a.value);
    }
    Ok(map)
}

/// A group's attributes as a write would leave them: Tencent's key count and total size.
fn check_attribute_totals(attributes: &BTreeMap<String, String>) -> Result<()> {
    if attributes.len() > MAX_ATTRIBUTES {
        return Err(err!(InvalidRequest, "a group has at most {} attributes; this would make {}", MAX_ATTRIBUTES, attributes.len()));
    }
    let total: usize = attributes.iter().map(|(k, v)| k.len() + v.len()).sum();
    if total > MAX_ATTRIBUTES_TOTAL {
        return Err(err!(InvalidRequest, "a group's attributes are {} bytes at most; this would make {}", MAX_ATTRIBUTES_TOTAL, total));
    }
    Ok(())
}
