//! Message extensions (Tencent's): key-value pairs any reader of a message
//! sent with `message_support_message_extension` sets and deletes, and
//! every reader hears of.

use serde::{Deserialize, Serialize};
use serde_json::{json, Value};

use crate::error::{err, Code, Result};
use crate::model::{Change, ExtensionValue, Message, Thread};
use crate::params::{ExtensionTarget, MsgKey};
use crate::types::{GroupType, MsgStatus};

use super::publish::{MsgUpdate, Outgoing};
use super::state::State;
use super::{Ctx, Plan};

/// Tencent's limits: key bytes, value bytes, extensions per call and per message.
pub const MAX_EXTENSION_KEY_BYTES: usize = 100;
pub const MAX_EXTENSION_VALUE_BYTES: usize = 1024;
pub const MAX_EXTENSIONS_PER_CALL: usize = 20;
pub const MAX_EXTENSIONS_PER_MESSAGE: usize = 300;

/// Tencent's MessageExtension.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Extension {
    #[serde(rename = "message_extension_key")]
    pub key: String,
    #[serde(rename = "message_extension_value", default)]
    pub value: String,
}

/// What a set did: one MessageExtensionResult per pair, and whether any
/// pair was refused as a conflict (the call then answers 23001).
pub struct ExtensionsSet {
    pub results: Vec<Value>,
    pub conflict: bool,
}

/// Tencent's MessageExtensionResult: one pair's outcome.
fn result(code: i32, info: &str, key: &str, value: &str) -> Value {
    json!({
        "message_extension_result_code": code,
        "message_extension_result_info": info,
        "message_extension_item": { "message_extension_key": key, "message_extension_value": value },
    })
}

impl State {
    /// A message whose extensions the caller may change: sent (not
    /// recalled) with `message_support_message_extension`, not in an AVChatRoom.
    fn extensible(&self, ctx: &Ctx, key: &MsgKey) -> Result<std::sync::Arc<Message>> {
        let m = self.shown_message(ctx, key)?;
        if !m.extras.support_extension {
            return Err(err!(InvalidParameters, "message {} was not sent with message_support_message_extension", m.msg_id));
        }
        if m.status != MsgStatus::Sent {
            return Err(err!(InvalidParameters, "message {} was recalled", m.msg_id));
        }
        if let Thread::Group(g) = &m.thread {
            if self.groups.get(g).is_some_and(|g| g.profile.group_type == GroupType::AvChatRoom) {
                return Err(err!(InvalidParameters, "AVChatRoom messages have no extensions"));
            }
        }
        Ok(m)
    }

    /// Sets extensions (a key already there gets the new value): at most
    /// 20 a call, 300 a message; keys 1..100 bytes, values up to 1 KB.
    /// A key someone else changed after the extension version the caller
    /// saw (`target.seen`) is not set: it answers 23001 with the value it
    /// has (Tencent's "the first one wins"), the other keys are set.
    /// Answers one MessageExtensionResult per pair.
    pub fn set_extensions(&self, ctx: &Ctx, target: &ExtensionTarget, items: Vec<Extension>) -> Result<Plan<ExtensionsSet>> {
        if items.is_empty() || items.len() > MAX_EXTENSIONS_PER_CALL {
            return Err(err!(InvalidParameters, "set 1 to {} extensions a call", MAX_EXTENSIONS_PER_CALL));
        }
        if let Some(e) = items.iter().find(|e| e.key.is_empty() || e.key.len() > MAX_EXTENSION_KEY_BYTES) {
            return Err(err!(InvalidParameters, "extension key {:?} must be 1 to {} bytes", e.key, MAX_EXTENSION_KEY_BYTES));
        }
        if let Some(e) = items.iter().find(|e| e.value.len() > MAX_EXTENSION_VALUE_BYTES) {
            return Err(err!(InvalidParameters, "the value of extension {:?} is over {} bytes", e.key, MAX_EXTENSION_VALUE_BYTES));
        }
        let m = self.extensible(ctx, &target.key)?;
        let mut changed = Message::clone(&m);
        let version = m.extras.extension_version + 1;
        let stale = |e: &Extension| {
            let had = m.extras.extensions.get(&e.key)?;
            let newer = target.seen.is_some_and(|seen| had.version > seen) && had.by != ctx.user;
            newer.then_some(had)
        };
        let mut set = Vec::new();
        let results = items
            .iter()
            .map(|e| match stale(e) {
                Some(had) => result(Code::MsgExtensionConflict.as_i32(), Code::MsgExtensionConflict.describe(), &e.key, &had.value),
                None => {
                    changed.extras.extensions.insert(e.key.clone(), ExtensionValue { value: e.value.clone(), version, by: ctx.user.to_string() });
                    set.push(e);
                    result(0, "", &e.key, &e.value)
                }
            })
            .collect();
        if changed.extras.extensions.len() > MAX_EXTENSIONS_PER_MESSAGE {
            return Err(err!(InvalidParameters, "a message holds at most {} extensions", MAX_EXTENSIONS_PER_MESSAGE));
        }
        let conflict = set.len() < items.len();
        let mut plan = Plan::new(ExtensionsSet { results, conflict });
        if !set.is_empty() {
            changed.extras.extension_version = version;
            plan.changes.push(Change::PutMessage(changed));
            plan.events.push(Outgoing::MsgUpdate { thread: m.thread.clone(), seq: m.seq, update: MsgUpdate::ExtensionsSet(json!(set)) });
        }
        Ok(plan)
    }

    /// A message's extensions, by key.
    pub fn extensions(&self, ctx: &Ctx, key: &MsgKey) -> Result<Vec<Extension>> {
        let m = self.shown_message(ctx, key)?;
        Ok(m.extras.extensions.iter().map(|(k, v)| Extension { key: k.clone(), value: v.value.clone() }).collect())
    }

    /// Deletes extensions by key (none named: all of them), at most 20
    /// named a call. Answers one MessageExtensionResult per key: 23004 for
    /// a key the message does not have.
    pub fn delete_extensions(&self, ctx: &Ctx, key: &MsgKey, keys: Vec<String>) -> Result<Plan<Vec<Value>>> {
        if keys.len() > MAX_EXTENSIONS_PER_CALL {
            return Err(err!(InvalidParameters, "delete at most {} extensions a call", MAX_EXTENSIONS_PER_CALL));
        }
        let m = self.extensible(ctx, key)?;
        let keys = if keys.is_empty() { m.extras.extensions.keys().cloned().collect() } else { keys };
        let mut changed = Message::clone(&m);
        let mut deleted = Vec::new();
        let results = keys
            .iter()
            .map(|k| match changed.extras.extensions.remove(k) {
                Some(had) => {
                    deleted.push(json!({ "message_extension_key": k }));
                    result(0, "", k, &had.value)
                }
                None => result(Code::MsgExtensionNotExist.as_i32(), Code::MsgExtensionNotExist.describe(), k, ""),
            })
            .collect();
        let mut plan = Plan::new(results);
        if !deleted.is_empty() {
            changed.extras.extension_version += 1;
            plan.changes.push(Change::PutMessage(changed));
            plan.events.push(Outgoing::MsgUpdate { thread: m.thread.clone(), seq: m.seq, update: MsgUpdate::ExtensionsDeleted(Value::Array(deleted)) });
        }
        Ok(plan)
    }
}
