//! "Before" callbacks: the app's server allows, refuses or rewrites an
//! operation before it runs. A callback that fails decides as configured.

use std::time::Duration;

use serde_json::{json, Value};
use tracing::warn;

use crate::engine::{new_random, Engine};
use crate::error::Code;
use crate::response::Response;
use crate::service::rest::wire::{body_from_elems, elems_from_body, group_at, GroupAt, MsgElem, TypeName};
use crate::service::Request;
use crate::types::{ConvType, GroupType, MsgStatus};

use super::super::config::FailurePolicy;
use super::{command, millis, Webhooks};
use crate::model::Origin;

/// An operation the app's server is asked about.
pub enum Before<'a> {
    CreateGroup { operator: &'a str, owner: &'a str, group_type: GroupType, name: &'a str, members: Vec<&'a str> },
    ApplyJoin { group_id: &'a str, group_type: GroupType, user: &'a str },
    SendMsg {
        group_id: &'a str,
        group_type: GroupType,
        from: &'a str,
        operator: &'a str,
        random: u32,
        msg_id: &'a str,
        body: Vec<MsgElem>,
        cloud_custom_data: &'a str,
        at: Vec<GroupAt>,
    },
}

/// What the app's server decided.
#[derive(Debug, PartialEq)]
pub enum Verdict {
    Allow,
    /// Refused: the caller gets this (10016, or the app's own 10100..=10200).
    Refuse(Response),
    /// A message dropped without a word: its sender is told it was sent.
    Discard,
    /// A message to send with this body (and custom data) instead.
    Rewrite { body: Vec<MsgElem>, cloud_custom_data: Option<String> },
}

/// The codes an app's server may refuse with and have passed to the client.
const APP_CODES: std::ops::RangeInclusive<i64> = 10100..=10200;

impl Before<'_> {
    fn command(&self) -> &'static str {
        match self {
            Before::CreateGroup { .. } => command::BEFORE_CREATE_GROUP,
            Before::ApplyJoin { .. } => command::BEFORE_APPLY_JOIN_GROUP,
            Before::SendMsg { .. } => command::BEFORE_SEND_MSG,
        }
    }

    fn body(&self, now: u64) -> Value {
        let members = |list: &[&str]| Value::Array(list.iter().map(|m| json!({ "Member_Account": m })).collect());
        match self {
            Before::CreateGroup { operator, owner, group_type, name, members: list } => json!({
                "CallbackCommand": self.command(),
                "Operator_Account": operator,
                "Owner_Account": owner,
                "Type": TypeName(*group_type),
                "Name": name,
                "MemberList": members(list),
                "EventTime": millis(now),
            }),
            Before::ApplyJoin { group_id, group_type, user } => json!({
                "CallbackCommand": self.command(),
                "GroupId": group_id,
                "Type": TypeName(*group_type),
                "Requestor_Account": user,
                "EventTime": millis(now),
            }),
            Before::SendMsg { group_id, group_type, from, operator, random, msg_id, body, cloud_custom_data, at } => json!({
                "CallbackCommand": self.command(),
                "GroupId": group_id,
                "Type": TypeName(*group_type),
                "From_Account": from,
                "Operator_Account": operator,
                "Random": random,
                "MsgId": msg_id,
                "OnlineOnlyFlag": 0,
                "MsgBody": body,
                "CloudCustomData": cloud_custom_data,
                "GroupAtInfo": at,
                "EventTime": millis(now),
            }),
        }
    }
}

impl Webhooks {
    /// Asks the app's server about `op` (allowed at once when its callback
    /// is not enabled).
    pub async fn before(&self, origin: &Origin, op: Before<'_>, now: u64) -> Verdict {
        let command = op.command();
        let Some(url) = self.config.url.as_deref().filter(|_| self.enabled(command)) else { return Verdict::Allow };
        let timeout = Duration::from_millis(self.config.timeout_ms);
        let answer = match self.post(url, command, Some(origin), &op.body(now), timeout).await {
            Ok(answer) => answer,
            Err(why) => {
                warn!(command, "the app's server did not answer: {}", why.0);
                return match self.config.on_failure {
                    FailurePolicy::Allow => Verdict::Allow,
                    FailurePolicy::Refuse => refused(Code::CallbackRefused.as_i32(), format!("the app's server did not answer {}", command)),
                };
            }
        };
        let info = answer.get("ErrorInfo").and_then(Value::as_str).unwrap_or_default().to_string();
        match answer.get("ErrorCode").and_then(Value::as_i64).unwrap_or(0) {
            0 => match (&op, answer.get("MsgBody")) {
                (Before::SendMsg { .. }, Some(body)) => match serde_json::from_value::<Vec<MsgElem>>(body.clone()) {
                    Ok(body) => Verdict::Rewrite { body, cloud_custom_data: answer.get("CloudCustomData").and_then(Value::as_str).map(String::from) },
                    Err(e) => {
                        warn!(command, "the app's server rewrote the message into something unreadable ({}): the original goes", e);
                        Verdict::Allow
                    }
                },
                _ => Verdict::Allow,
            },
            2 if matches!(op, Before::SendMsg { .. }) => Verdict::Discard,
            code if APP_CODES.contains(&code) => refused(code as i32, info),
            _ => refused(Code::CallbackRefused.as_i32(), if info.is_empty() { format!("the app's server refused ({})", command) } else { info }),
        }
    }
}

fn refused(code: i32, desc: String) -> Verdict {
    Verdict::Refuse(Response { code, desc, json: "{}".into() })
}

impl Webhooks {
    /// Whether a client's `req` waits for a "before" callback.
    pub fn guards(&self, req: &Request) -> bool {
        match req {
            Request::GroupCreate(_) => self.enabled(command::BEFORE_CREATE_GROUP),
            Request::GroupJoin { .. } => self.enabled(command::BEFORE_APPLY_JOIN_GROUP),
            Request::MsgSend { conv, .. } => conv.conv_type == ConvType::Group && self.enabled(command::BEFORE_SEND_MSG),
            _ => false,
        }
    }

    /// Asks the app's server about a client's call of `user`: the request
    /// to serve (its message perhaps rewritten), or the answer to give
    /// instead (a refusal, or a dropped message's pretended success).
    pub async fn gate(&self, engine: &Engine, origin: &Origin, user: &str, mut req: Request) -> Result<Request, Response> {
        let now = engine.now();
        // A message's random is chosen before the app's server sees it, so
        // that the before and after callbacks name the same one.
        if let Request::MsgSend { param, .. } = &mut req {
            if param.random == 0 {
                param.random = new_random();
            }
        }
        let group_type = |id: &str| engine.read("", |s, _| Ok(s.group(id)?.profile.group_type)).ok();
        let verdict = match &req {
            Request::GroupCreate(p) => {
                let members = p.members.iter().map(|m| m.user_id.as_str()).collect();
                let group_type = p.group_type.unwrap_or(GroupType::Public);
                self.before(origin, Before::CreateGroup { operator: user, owner: user, group_type, name: &p.name, members }, now).await
            }
            // A join the engine refuses anyway (no such group, a chat room joined freely) asks nobody.
            Request::GroupJoin { group_id, .. } => match group_type(group_id) {
                Some(group_type) if group_type != GroupType::AvChatRoom => {
                    self.before(origin, Before::ApplyJoin { group_id, group_type, user }, now).await
                }
                _ => Verdict::Allow,
            },
            Request::MsgSend { conv, msg_id, param } => match group_type(&conv.conv_id) {
                Some(group_type) => {
                    let op = Before::SendMsg {
                        group_id: &conv.conv_id,
                        group_type,
                        from: user,
                        operator: user,
                        random: param.random,
                        msg_id,
                        body: body_from_elems(&param.elems),
                        cloud_custom_data: &param.cloud_custom_data,
                        at: group_at(&param.at_users),
                    };
                    self.before(origin, op, now).await
                }
                None => Verdict::Allow,
            },
            _ => Verdict::Allow,
        };
        match verdict {
            Verdict::Allow => Ok(req),
            Verdict::Refuse(resp) => Err(resp),
            Verdict::Discard => match &req {
                Request::MsgSend { conv, msg_id, param } => Err(Response::ok(json!({
                    "message_elem_array": param.elems,
                    "message_conv_id": conv.conv_id,
                    "message_conv_type": ConvType::Group,
                    "message_sender": user,
                    "message_server_time": now,
                    "message_seq": 0,
                    "message_msg_id": msg_id,
                    "message_status": MsgStatus::Sent,
                    "message_is_from_self": true,
                }))),
                _ => Ok(req),
            },
            Verdict::Rewrite { body, cloud_custom_data } => {
                if let Request::MsgSend { param, .. } = &mut req {
                    match elems_from_body(&body) {
                        Ok(elems) => param.elems = elems,
                        Err(e) => warn!("the app's server rewrote a message into what Huddle does not store ({}): the original goes", e.desc),
                    }
                    if let Some(data) = cloud_custom_data {
                        param.cloud_custom_data = data;
                    }
                }
                Ok(req)
            }
        }
    }
}
