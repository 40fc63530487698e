//! The message commands: group and one-to-one sends, system notifications,
//! recalls, history, and importing messages.

use std::sync::Arc;

use serde::Deserialize;
use serde_json::{json, Value};

use crate::engine::{new_msg_id, ImportedMessage, Via};
use crate::error::{err, Result};
use crate::model::{Message, Thread};
use crate::params::SendParam;
use crate::response::{Reply, Response};

use super::wire::{at_users, elems_from_body, message_record, GroupAt, MsgElem};
use super::Admin;

/// The same message sent again (its `Random`, body and custom data to the
/// same place) is the same call: it gets the first one's answer and is not
/// sent twice (Tencent drops such duplicates).
fn dedupe_key(scope: &str, to: &str, random: u32, body: &[MsgElem], custom: &str) -> String {
    use sha2::{Digest, Sha256};
    let mut h = Sha256::new();
    h.update(serde_json::to_string(body).unwrap_or_default());
    h.update([0]);
    h.update(custom);
    let digest = h.finalize();
    let hex: String = digest[..12].iter().map(|b| format!("{:02x}", b)).collect();
    format!("rest:{}:{}:{}:{}", scope, to, random, hex)
}

/// `send_group_msg`.
#[derive(Clone, Debug, Deserialize)]
#[serde(rename_all = "PascalCase")]
pub struct SendGroupMsg {
    pub group_id: String,
    #[serde(rename = "From_Account", default)]
    pub from: Option<String>,
    #[serde(default)]
    pub random: u32,
    pub msg_body: Vec<MsgElem>,
    #[serde(default)]
    pub cloud_custom_data: String,
    #[serde(default)]
    pub group_at_info: Vec<GroupAt>,
    /// A targeted message: only these members (and the sender) get it.
    #[serde(rename = "To_Account", default)]
    pub to: Vec<String>,
    #[serde(default)]
    pub forbid_callback_control: Vec<String>,
    /// 1: readers may set extensions (`message_support_message_extension`).
    #[serde(default)]
    pub support_message_extension: u8,
    /// 1: readers may send read receipts (`message_need_read_receipt`).
    #[serde(default)]
    pub need_read_receipt: u8,
}

impl SendGroupMsg {
    /// Who sends: `From_Account`, or the calling admin.
    pub fn sender<'a>(&'a self, identifier: &'a str) -> &'a str {
        self.from.as_deref().filter(|f| !f.is_empty()).unwrap_or(identifier)
    }

    /// Whether the app asked that this send skip a callback.
    pub fn skips(&self, callback: &str) -> bool {
        self.forbid_callback_control.iter().any(|c| c == callback)
    }

    pub fn run(self, admin: &Admin, reply: Reply) {
        let elems = match elems_from_body(&self.msg_body) {
            Ok(e) => e,
            Err(e) => return reply(Response::error(&e)),
        };
        let key = dedupe_key("group", &self.group_id, self.random, &self.msg_body, &self.cloud_custom_data);
        let sender = self.sender(admin.identifier).to_string();
        let param = SendParam {
            elems,
            at_users: at_users(&self.group_at_info),
            targets: self.to,
            client_time: 0,
            random: self.random,
            cloud_custom_data: self.cloud_custom_data,
            priority: Default::default(),
            quiet_to_sender: false,
            need_read_receipt: self.need_read_receipt == 1,
            support_extension: self.support_message_extension == 1,
        };
        let thread = Thread::Group(self.group_id);
        let msg_id = new_msg_id(admin.engine.now());
        let via = Via { quiet: self.forbid_callback_control.iter().any(|c| c == "ForbidAfterSendMsgCallback"), ..admin.via.clone() };
        let admin = Admin { via: &via, ..*admin };
        admin.change(&sender, Some(&key), move |s, c| s.send(c, thread, msg_id, param), |m: &Arc<Message>| json!({ "MsgTime": m.server_time, "MsgSeq": m.seq, "MsgDropReason": "" }), reply);
    }
}

/// `openim/sendmsg`: one user to another.
#[derive(Clone, Debug, Deserialize)]
#[serde(rename_all = "PascalCase")]
pub struct SendMsg {
    /// 2: the sender's own devices are not told (1, the default: they are).
    #[serde(default)]
    pub sync_other_machine: u8,
    #[serde(rename = "From_Account", default)]
    pub from: Option<String>,
    #[serde(rename = "To_Account")]
    pub to: String,
    #[serde(default)]
    pub msg_random: u32,
    pub msg_body: Vec<MsgElem>,
    #[serde(default)]
    pub cloud_custom_data: String,
    /// 1: the receiver may set extensions (`message_support_message_extension`).
    #[serde(default)]
    pub support_message_extension: u8,
    /// 1: the receiver may send a read receipt (`message_need_read_receipt`).
    #[serde(default)]
    pub is_need_read_receipt: u8,
}

impl SendMsg {
    pub fn run(self, admin: &Admin, reply: Reply) {
        let elems = match elems_from_body(&self.msg_body) {
            Ok(e) => e,
            Err(e) => return reply(Response::error(&e)),
        };
        let sender = self.from.filter(|f| !f.is_empty()).unwrap_or_else(|| admin.identifier.to_string());
        if let Err(e) = crate::engine::validate_user_id(&self.to) {
            return reply(Response::error(&e));
        }
        let key = dedupe_key("c2c", &self.to, self.msg_random, &self.msg_body, &self.cloud_custom_data);
        let thread = Thread::c2c(&sender, &self.to);
        let param = SendParam {
            elems,
            at_users: Vec::new(),
            targets: Vec::new(),
            client_time: 0,
            random: self.msg_random,
            cloud_custom_data: self.cloud_custom_data,
            priority: Default::default(),
            quiet_to_sender: self.sync_other_machine == 2,
            need_read_receipt: self.is_need_read_receipt == 1,
            support_extension: self.support_message_extension == 1,
        };
        let msg_id = new_msg_id(admin.engine.now());
        admin.change(
            &sender,
            Some(&key),
            move |s, c| s.send(c, thread, msg_id, param),
            |m: &Arc<Message>| json!({ "MsgTime": m.server_time, "MsgKey": format!("{}_{}_{}", m.seq, m.random, m.server_time), "MsgId": m.msg_id }),
            reply,
        );
    }
}

#[derive(Debug, Deserialize)]
pub struct SystemNotification {
    #[serde(rename = "GroupId")]
    pub group_id: String,
    #[serde(rename = "ToMembers_Account", default)]
    pub to: Vec<String>,
    #[serde(rename = "Content")]
    pub content: String,
}

pub fn send_group_system_notification(admin: &Admin, q: SystemNotification, reply: Reply) {
    admin.change(admin.identifier, None, move |s, c| s.system_notice(c, &q.group_id, &q.to, &q.content), |_| json!({}), reply);
}

#[derive(Debug, Deserialize)]
pub struct SeqRef {
    #[serde(rename = "MsgSeq")]
    pub seq: u64,
}

#[derive(Debug, Deserialize)]
pub struct GroupMsgRecall {
    #[serde(rename = "GroupId")]
    pub group_id: String,
    #[serde(rename = "MsgSeqList")]
    pub seqs: Vec<SeqRef>,
}

/// At most this many messages per recall (Tencent's limit).
const MAX_RECALL: usize = 10;

pub fn group_msg_recall(admin: &Admin, q: GroupMsgRecall, reply: Reply) {
    if q.seqs.is_empty() || q.seqs.len() > MAX_RECALL {
        return reply(Response::error(&err!(InvalidRequest, "MsgSeqList names 1 to {} messages", MAX_RECALL)));
    }
    let seqs: Vec<u64> = q.seqs.iter().map(|s| s.seq).collect();
    admin.change(
        admin.identifier,
        None,
        move |s, c| s.recall_group_messages(c, &q.group_id, &seqs),
        |results| {
            let list: Vec<Value> = results
                .iter()
                .map(|(seq, e)| json!({ "MsgSeq": seq, "RetCode": e.as_ref().map_or(0, |e| super::rest_code(e.code)) }))
                .collect();
            json!({ "RecallRetList": list })
        },
        reply,
    );
}

#[derive(Debug, Deserialize)]
#[serde(rename_all = "PascalCase")]
pub struct GroupMsgGetSimple {
    pub group_id: String,
    pub req_msg_number: usize,
    #[serde(default)]
    pub req_msg_seq: Option<u64>,
    #[serde(default)]
    pub with_recalled_msg: u8,
}

/// At most this many messages per history page (Tencent's limit).
const MAX_HISTORY: usize = 20;

pub fn group_msg_get_simple(admin: &Admin, q: GroupMsgGetSimple, reply: Reply) {
    admin.read(
        move |s, c| {
            let count = q.req_msg_number.clamp(1, MAX_HISTORY);
            let messages = s.group_history(c, &q.group_id, q.req_msg_seq, count, q.with_recalled_msg == 1)?;
            let list: Vec<Value> = messages
                .iter()
                .map(|m| {
                    let mut record = message_record(m);
                    let recalled = m.status == crate::types::MsgStatus::Revoked;
                    record.insert("IsPlaceMsg".into(), json!(if recalled { 2 } else { 0 }));
                    record.insert("IsSystemMsg".into(), json!(0));
                    record.insert("MsgPriority".into(), json!(2));
                    Value::Object(record)
                })
                .collect();
            // Finished when the page reached the group's first message.
            let finished = messages.last().map_or(true, |m| m.seq <= 1) || messages.len() < count;
            Ok(json!({ "GroupId": q.group_id, "IsFinished": finished as u8, "RspMsgList": list }))
        },
        reply,
    );
}

#[derive(Debug, Deserialize)]
pub struct ImportedMsg {
    #[serde(rename = "From_Account")]
    pub from: String,
    #[serde(rename = "SendTime")]
    pub send_time: u64,
    #[serde(rename = "Random", default)]
    pub random: u32,
    #[serde(rename = "MsgBody")]
    pub msg_body: Vec<MsgElem>,
}

#[derive(Debug, Deserialize)]
pub struct ImportGroupMsg {
    #[serde(rename = "GroupId")]
    pub group_id: String,
    #[serde(rename = "MsgList")]
    pub messages: Vec<ImportedMsg>,
}

/// At most this many messages per import (Tencent's limit).
const MAX_IMPORT: usize = 20;

pub fn import_group_msg(admin: &Admin, q: ImportGroupMsg, reply: Reply) {
    if q.messages.is_empty() || q.messages.len() > MAX_IMPORT {
        return reply(Response::error(&err!(InvalidRequest, "MsgList holds 1 to {} messages", MAX_IMPORT)));
    }
    let converted: Result<Vec<ImportedMessage>> = q
        .messages
        .into_iter()
        .map(|m| Ok(ImportedMessage { sender: m.from, time: m.send_time, random: m.random, elems: elems_from_body(&m.msg_body)? }))
        .collect();
    let messages = match converted {
        Ok(m) => m,
        Err(e) => return reply(Response::error(&e)),
    };
    admin.change(
        admin.identifier,
        None,
        move |s, c| s.import_messages(c, &q.group_id, messages),
        |results| {
            let list: Vec<Value> = results
                .iter()
                .map(|r| match r {
                    Ok(m) => json!({ "Result": 0, "MsgSeq": m.seq, "MsgTime": m.server_time }),
                    Err(e) => json!({ "Result": super::rest_code(e.code), "MsgSeq": 0, "MsgTime": 0 }),
                })
                .collect();
            json!({ "ImportMsgResult": list })
        },
        reply,
    );
}
