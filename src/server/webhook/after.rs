//! "After" callbacks: what the engine's outbox holds, told to the app's
//! server in order, each until it is answered (retried with backoff, across
//! restarts: an entry leaves the outbox only once delivered), so at least once.

use std::sync::Arc;
use std::time::Duration;

use serde_json::{json, Map, Value};
use tokio::sync::watch;
use tracing::{info, warn};

use crate::engine::Engine;
use crate::model::{AppEvent, OutboxEntry};
use crate::service::rest::wire::{body_from_elems, group_at, key_values, TypeName};
use crate::types::{ChangeFlag, JoinType};

use super::{after_command, millis, Webhooks};

/// Entries read from the outbox at a time (and taken out together).
const BATCH: usize = 100;

/// The callback body that tells of `entry`, or `None` when it tells the
/// app's server nothing it asked for (a group change of other fields).
pub fn body(entry: &OutboxEntry) -> Option<Value> {
    let members = |users: &[String]| Value::Array(users.iter().map(|u| json!({ "Member_Account": u })).collect());
    let command = after_command(entry.event.kind());
    let mut body = Map::new();
    body.insert("CallbackCommand".into(), json!(command));
    let fields = match &entry.event {
        AppEvent::GroupCreated { group, members: list, op_user } => json!({
            "GroupId": group.id,
            "Operator_Account": op_user,
            "Owner_Account": group.owner,
            "Type": TypeName(group.group_type),
            "Name": group.name,
            "MemberList": members(&list.iter().filter(|(u, _)| *u != group.owner).map(|(u, _)| u.clone()).collect::<Vec<_>>()),
            "UserDefinedDataList": key_values(&group.custom, None),
        }),
        AppEvent::MembersJoined { group_id, group_type, op_user, join_type, users } => json!({
            "GroupId": group_id,
            "Type": TypeName(*group_type),
            "JoinType": if *join_type == JoinType::Invite { "Invited" } else { "Apply" },
            "Operator_Account": op_user,
            "NewMemberList": members(users),
        }),
        AppEvent::MembersExited { group_id, group_type, op_user, kicked, users } => json!({
            "GroupId": group_id,
            "Type": TypeName(*group_type),
            "ExitType": if *kicked { "Kicked" } else { "Quit" },
            "Operator_Account": op_user,
            "ExitMemberList": members(users),
        }),
        AppEvent::MessageSent { group_type, message: m, operator } => json!({
            "GroupId": m.thread.peer(""),
            "Type": TypeName(*group_type),
            "From_Account": m.sender,
            "Operator_Account": operator,
            "Random": m.random,
            "MsgSeq": m.seq,
            "MsgId": m.msg_id,
            "MsgTime": m.server_time,
            "OnlineOnlyFlag": 0,
            "MsgBody": body_from_elems(&m.elems),
            "CloudCustomData": m.cloud_custom_data,
            "GroupAtInfo": group_at(&m.at_users),
        }),
        AppEvent::GroupInfoChanged { group_id, group_type, op_user, changes } => {
            let mut fields = Map::new();
            let mut custom = std::collections::BTreeMap::new();
            for c in changes {
                let key = match c.flag {
                    ChangeFlag::Name => "Name",
                    ChangeFlag::Introduction => "Introduction",
                    ChangeFlag::Notification => "Notification",
                    ChangeFlag::FaceUrl => "FaceUrl",
                    ChangeFlag::Custom => {
                        custom.insert(c.key.clone(), c.value.clone());
                        continue;
                    }
                    _ => continue,
                };
                fields.insert(key.into(), json!(c.value));
            }
            if !custom.is_empty() {
                fields.insert("AppDefinedData".into(), key_values(&custom, None));
            }
            if fields.is_empty() {
                return None;
            }
            let mut head = json!({ "GroupId": group_id, "Type": TypeName(*group_type), "Operator_Account": op_user });
            head.as_object_mut().expect("an object").extend(fields);
            head
        }
        AppEvent::GroupDestroyed { group, members: list, op_user } => json!({
            "GroupId": group.id,
            "Type": TypeName(group.group_type),
            "Owner_Account": group.owner,
            "Operator_Account": op_user,
            "Name": group.name,
            "MemberList": members(list),
        }),
    };
    body.extend(fields.as_object().cloned().unwrap_or_default());
    body.insert("EventTime".into(), json!(millis(entry.time)));
    Some(Value::Object(body))
}

/// Delivers the outbox until `stopping` turns true: each entry in order,
/// tried until the app's server answers 200, then taken out.
pub async fn deliver_after_hooks(engine: Arc<Engine>, hooks: Arc<Webhooks>, mut stopping: watch::Receiver<bool>) {
    let Some(url) = hooks.config.url.clone() else { return };
    let signal = engine.outbox_signal();
    let timeout = Duration::from_millis(hooks.config.timeout_ms.max(1000));
    let max_wait = Duration::from_secs(hooks.config.retry_max_secs.max(1));
    loop {
        let notified = signal.notified();
        let batch = {
            let engine = Arc::clone(&engine);
            // Only what is committed is told: the app's server must never
            // hear of an operation a crash then takes back.
            match tokio::task::spawn_blocking(move || engine.sync().map(|_| engine.outbox(0, BATCH))).await {
                Ok(Ok(batch)) => batch,
                Ok(Err(e)) => {
                    warn!("the outbox cannot be read: {}", e.desc);
                    return;
                }
                Err(_) => return,
            }
        };
        if batch.is_empty() {
            tokio::select! {
                _ = notified => continue,
                _ = stopping.changed() => return,
            }
        }
        for entry in &batch {
            let Some(body) = body(entry) else { continue };
            let command = after_command(entry.event.kind());
            let mut wait = Duration::from_millis(500);
            loop {
                match hooks.post(&url, command, entry.origin.as_ref(), &body, timeout).await {
                    Ok(_) => break,
                    Err(why) => {
                        warn!(command, id = entry.id, "the app's server did not take the callback ({}); again in {:?}", why.0, wait);
                        tokio::select! {
                            _ = tokio::time::sleep(wait) => {}
                            // What is not delivered stays in the outbox for the next start.
                            _ = stopping.changed() => return,
                        }
                        wait = (wait * 2).min(max_wait);
                    }
                }
            }
        }
        let last = batch.last().map_or(0, |e| e.id);
        let engine = Arc::clone(&engine);
        match tokio::task::spawn_blocking(move || engine.ack_outbox(last)).await {
            Ok(Ok(())) => {}
            Ok(Err(e)) => {
                warn!("delivered callbacks cannot leave the outbox: {}", e.desc);
                return;
            }
            Err(_) => return,
        }
    }
}

/// Empties an outbox no callback reads any more (the webhook URL was taken out of the configuration).
pub fn drop_undeliverable(engine: &Engine) {
    let left = engine.outbox(0, usize::MAX);
    if let Some(last) = left.last() {
        info!(count = left.len(), "no webhook URL: {} undelivered callbacks are dropped", left.len());
        if let Err(e) = engine.ack_outbox(last.id) {
            warn!("cannot empty the outbox: {}", e.desc);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::GroupChange;
    use crate::types::GroupType;

    #[test]
    fn info_changes_of_other_fields_make_no_callback() {
        let entry = |changes: Vec<GroupChange>| OutboxEntry {
            id: 1,
            time: 7,
            event: AppEvent::GroupInfoChanged { group_id: "g".into(), group_type: GroupType::Public, op_user: "o".into(), changes },
            origin: None,
        };
        assert_eq!(body(&entry(vec![GroupChange::text(ChangeFlag::ShutupAll, "true")])), None);
        let b = body(&entry(vec![GroupChange::text(ChangeFlag::Notification, "hi")])).unwrap();
        assert_eq!(b["CallbackCommand"], super::super::command::AFTER_GROUP_INFO_CHANGED);
        assert_eq!(b["Notification"], "hi");
        assert_eq!(b["EventTime"], 7000);
        assert!(b.get("Name").is_none(), "only what changed");
    }
}
