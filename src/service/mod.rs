//! The engine's Tencent-shaped face: a typed request in, a code, a sentence
//! and a JSON document out. Every transport serves requests through here, so
//! the in-process client and `huddle-server` answer byte for byte alike.

mod encode;
pub mod rest;
mod session;

use serde::{Deserialize, Serialize};
use serde_json::{json, Value};

use crate::engine::views::MessageView;
use crate::engine::{conv_results_json, Caller, ConvResult, Engine, Extension, JoinedGroup, ReactionUserPage, ReadMemberPage};
use crate::params::*;
use crate::response::{Reply, Response};
use crate::types::{ConvType, JoinStatus, MemberResult, ReadFilter};

use encode::{base_info, encode_change, invite_response, member_page, member_results, pendency_page, InfoResult};
pub use session::{Auth, Login, Service, Session};

/// One call of the C API, as it travels to an engine: on the wire
/// `{"method": "GroupJoin", "params": {"group_id": "g", "hello_msg": "hi"}}`
/// (docs/protocol.md lists them all).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, strum::IntoStaticStr)]
#[serde(tag = "method", content = "params")]
pub enum Request {
    GroupCreate(CreateGroupParam),
    GroupDelete { group_id: String },
    GroupJoin { group_id: String, hello_msg: String },
    GroupQuit { group_id: String },
    GroupInviteMember(InviteParam),
    GroupDeleteMember(KickParam),
    GroupGetJoinedGroupList,
    GroupGetGroupInfoList { group_ids: Vec<String> },
    GroupModifyGroupInfo(ModifyGroupParam),
    GroupGetMemberInfoList(GetMembersParam),
    GroupModifyMemberInfo(ModifyMemberParam),
    GroupGetPendencyList(PendencyOption),
    GroupHandlePendency(HandlePendencyParam),
    GroupReportPendencyReaded { time_stamp: u64 },
    GroupModifyMuteAllowlist(MuteAllowlistParam),
    GroupGetMuteAllowlist { group_id: String },
    AdminGetUserGroups { user_id: String },
    AdminGetGroupMemberIds { group_id: String },
    MsgSend { conv: ConvRef, msg_id: String, param: SendParam },
    MsgGetMsgList { conv: ConvRef, param: GetMsgListParam },
    MsgRevoke { conv: ConvRef, msg: MessageRef },
    MsgReportReaded { conv: ConvRef, msg: Option<MessageRef> },
    ConvGetConvList,
    ConvGetConversationListByFilter(ConvFilter),
    ConvDelete { conv: ConvRef },
    ConvPin { conv: ConvRef, pinned: bool },
    /// Sets the draft, or cancels it (`draft` null).
    ConvSetDraft { conv: ConvRef, draft: Option<crate::model::Draft> },
    ConvGetTotalUnreadMessageCount,
    ConvCreateGroup { name: String, conv_ids: Vec<String> },
    ConvGetGroupList,
    ConvDeleteGroup { name: String },
    ConvRenameGroup { old_name: String, new_name: String },
    ConvAddToGroup { name: String, conv_ids: Vec<String> },
    ConvDeleteFromGroup { name: String, conv_ids: Vec<String> },
    ProfileModifySelfUserProfile(ModifySelfProfileParam),
    ProfileGetUserProfileList(GetProfileListParam),
    // Read receipts, extensions, reactions and pinned group messages (issue 13).
    MsgSendMessageReadReceipts { msgs: Vec<MsgKey> },
    MsgGetMessageReadReceipts { msgs: Vec<MsgKey> },
    MsgGetGroupMessageReadMemberList { msg: MsgKey, filter: ReadFilter, next_seq: u64, count: u32 },
    MsgSetMessageExtensions { msg: MsgKey, extensions: Vec<Extension> },
    MsgGetMessageExtensions { msg: MsgKey },
    /// No keys: every extension.
    MsgDeleteMessageExtensions { msg: MsgKey, keys: Vec<String> },
    MsgAddMessageReaction { msg: MsgKey, reaction_id: String },
    MsgRemoveMessageReaction { msg: MsgKey, reaction_id: String },
    MsgGetMessageReactions { msgs: Vec<MsgKey>, max_user_count_per_reaction: u32 },
    MsgGetAllUserListOfMessageReaction { msg: MsgKey, reaction_id: String, next_seq: u32, count: u32 },
    PinGroupMessage { group_id: String, msg: MsgKey, is_pinned: bool },
    GetPinnedGroupMessageList { group_id: String },
}

/// A conversation as the C API names it: its type and the group or peer user ID.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ConvRef {
    pub conv_type: ConvType,
    pub conv_id: String,
}

/// Runs `req` for `user` and hands the response to `reply`, in order with
/// the operations around it and, on a durable engine, once what it answers
/// is committed (the engine stages it).
pub fn serve(engine: &Engine, caller: Caller, req: Request, reply: Reply) {
    let user = caller.user;
    // Changes: encoded under the engine's lock, before the tips they cause.
    macro_rules! change {
        ($op:expr, $encode:expr) => {{
            engine.call(caller, $op, |r| encode_change(r, $encode), reply);
        }};
    }
    // Reads: answered in order with the changes around them.
    macro_rules! read {
        ($query:expr, $encode:expr) => {{
            engine.query(caller, $query, |r| Response::from_result(r.as_ref().map($encode)), reply);
        }};
    }
    let empty = |_: &()| json!({});
    let batch = |r: &Vec<ConvResult>| conv_results_json(r);
    match req {
        Request::GroupCreate(p) => change!(|s, c| s.create_group(c, p), |id: &String| json!({ "create_group_result_groupid": id })),
        Request::GroupDelete { group_id } => change!(|s, c| s.disband(c, &group_id), empty),
        Request::GroupJoin { group_id, hello_msg } => {
            change!(|s, c| s.join(c, &group_id, &hello_msg), |st: &JoinStatus| json!({ "group_join_result_status": st }))
        }
        Request::GroupQuit { group_id } => change!(|s, c| s.quit(c, &group_id), empty),
        Request::GroupInviteMember(p) => {
            engine.call(caller, |s, c| s.invite(c, p), invite_response, reply);
        }
        Request::GroupDeleteMember(p) => change!(|s, c| s.kick(c, p), |r: &Vec<(String, MemberResult)>| member_results(r, "group_delete_member_result")),
        Request::GroupGetJoinedGroupList => read!(|s, c| s.joined_groups(c), |v: &Vec<JoinedGroup>| Value::Array(v.iter().map(base_info).collect())),
        Request::GroupGetGroupInfoList { group_ids } => {
            // Encoded under the read, straight from the engine's records: the hot read of a game's UI.
            let encode = |s: &crate::engine::State, _: &crate::engine::Ctx| {
                let infos: Vec<InfoResult> = s.group_infos(&group_ids, |g| engine.online_members(g)).map(InfoResult::from).collect();
                Ok(serde_json::to_string(&infos).expect("group infos encode"))
            };
            let respond = |text: crate::error::Result<String>| match text {
                Ok(json) => Response { code: 0, desc: String::new(), json },
                Err(e) => Response::error(&e),
            };
            engine.query(caller, encode, respond, reply);
        }
        Request::GroupModifyGroupInfo(p) => change!(|s, c| s.modify_group(c, p), empty),
        Request::GroupGetMemberInfoList(p) => read!(|s, c| s.members(c, &p), member_page),
        Request::GroupModifyMemberInfo(p) => change!(|s, c| s.modify_member(c, p), empty),
        Request::GroupGetPendencyList(opt) => read!(|s, c| s.pendencies(c, &opt), pendency_page),
        Request::GroupHandlePendency(p) => change!(|s, c| s.handle_pendency(c, p), empty),
        Request::GroupReportPendencyReaded { time_stamp } => change!(|s, c| s.report_pendency_read(c, time_stamp), empty),
        Request::GroupModifyMuteAllowlist(p) => change!(|s, c| s.modify_mute_allowlist(c, p), empty),
        Request::GroupGetMuteAllowlist { group_id } => read!(|s, c| s.mute_allowlist(c, &group_id), |v: &Vec<String>| json!(v)),
        Request::AdminGetUserGroups { user_id } => read!(|s, c| s.groups_of_user(c, &user_id), |v: &Vec<String>| json!(v)),
        Request::AdminGetGroupMemberIds { group_id } => read!(|s, c| s.member_ids_of(c, &group_id), |v: &Vec<String>| json!(v)),
        Request::MsgSend { conv, msg_id, param } => change!(
            // Rendered as the sender sees it, under the same lock as the send.
            |s, c| {
                let plan = s.send(c, s.thread_for(c, conv.conv_type, &conv.conv_id)?, msg_id, param)?;
                let view = MessageView::value(s, &plan.value, user);
                Ok(plan.with_value(view))
            },
            |v: &Value| v.clone()
        ),
        Request::MsgGetMsgList { conv, param } => read!(
            |s, c| {
                let messages = s.history(c, &s.thread_for(c, conv.conv_type, &conv.conv_id)?, &param)?;
                Ok(Value::Array(messages.iter().map(|m| MessageView::value(s, m, user)).collect()))
            },
            |v: &Value| v.clone()
        ),
        Request::MsgRevoke { conv, msg } => change!(|s, c| s.revoke(c, &s.thread_for(c, conv.conv_type, &conv.conv_id)?, &msg), empty),
        Request::MsgReportReaded { conv, msg } => {
            change!(|s, c| s.report_read(c, &s.thread_for(c, conv.conv_type, &conv.conv_id)?, msg.as_ref()), empty)
        }
        Request::ConvGetConvList => read!(|s, c| Ok(s.conv_list(c, &ConvFilter::default())), |v: &Vec<Value>| json!(v)),
        Request::ConvGetConversationListByFilter(filter) => read!(|s, c| Ok(s.conv_list(c, &filter)), |v: &Vec<Value>| json!({
            "conversation_list_result_conv_list": v,
            "conversation_list_result_next_seq": 0,
            "conversation_list_result_is_finished": true,
        })),
        Request::ConvDelete { conv } => change!(|s, c| s.delete_conv(c, &s.thread_for(c, conv.conv_type, &conv.conv_id)?), empty),
        Request::ConvPin { conv, pinned } => change!(|s, c| s.pin_conv(c, &s.thread_for(c, conv.conv_type, &conv.conv_id)?, pinned), empty),
        Request::ConvSetDraft { conv, draft } => change!(|s, c| s.set_draft(c, &s.thread_for(c, conv.conv_type, &conv.conv_id)?, draft), empty),
        Request::ConvGetTotalUnreadMessageCount => {
            read!(|s, c| Ok(s.total_unread(c)), |n: &u64| json!({ "conv_get_total_unread_message_count_result_unread_count": n }))
        }
        Request::ConvCreateGroup { name, conv_ids } => change!(|s, c| s.create_conv_group(c, &name, &conv_ids), batch),
        Request::ConvGetGroupList => read!(|s, c| Ok(s.conv_groups(c)), |v: &Vec<String>| json!(v)),
        Request::ConvDeleteGroup { name } => change!(|s, c| s.delete_conv_group(c, &name), empty),
        Request::ConvRenameGroup { old_name, new_name } => change!(|s, c| s.rename_conv_group(c, &old_name, &new_name), empty),
        Request::ConvAddToGroup { name, conv_ids } => change!(|s, c| s.add_to_conv_group(c, &name, &conv_ids), batch),
        Request::ConvDeleteFromGroup { name, conv_ids } => change!(|s, c| s.remove_from_conv_group(c, &name, &conv_ids), batch),
        Request::ProfileModifySelfUserProfile(p) => change!(|s, c| s.modify_self_profile(c, p), empty),
        Request::ProfileGetUserProfileList(p) => read!(|s, c| s.user_profiles(c, &p), |v: &Vec<Value>| json!(v)),
        Request::MsgSendMessageReadReceipts { msgs } => change!(|s, c| s.send_read_receipts(c, &msgs), empty),
        Request::MsgGetMessageReadReceipts { msgs } => read!(|s, c| s.read_receipts(c, &msgs), |v: &Vec<Value>| json!(v)),
        Request::MsgGetGroupMessageReadMemberList { msg, filter, next_seq, count } => read!(
            |s, c| s.read_members(c, &msg, filter, next_seq, count),
            |p: &ReadMemberPage| json!({ "members": p.members, "next_seq": p.next_seq, "is_finished": p.is_finished })
        ),
        Request::MsgSetMessageExtensions { msg, extensions } => change!(|s, c| s.set_extensions(c, &msg, extensions), |v: &Vec<Value>| json!(v)),
        Request::MsgGetMessageExtensions { msg } => read!(|s, c| s.extensions(c, &msg), |v: &Vec<Extension>| json!(v)),
        Request::MsgDeleteMessageExtensions { msg, keys } => change!(|s, c| s.delete_extensions(c, &msg, keys), |v: &Vec<Value>| json!(v)),
        Request::MsgAddMessageReaction { msg, reaction_id } => change!(|s, c| s.add_reaction(c, &msg, &reaction_id), empty),
        Request::MsgRemoveMessageReaction { msg, reaction_id } => change!(|s, c| s.remove_reaction(c, &msg, &reaction_id), empty),
        Request::MsgGetMessageReactions { msgs, max_user_count_per_reaction } => {
            read!(|s, c| s.reactions(c, &msgs, max_user_count_per_reaction), |v: &Vec<Value>| json!(v))
        }
        Request::MsgGetAllUserListOfMessageReaction { msg, reaction_id, next_seq, count } => read!(
            |s, c| s.reaction_users(c, &msg, &reaction_id, next_seq, count),
            |p: &ReactionUserPage| json!({
                "message_reaction_user_result_user_info_array": p.users,
                "message_reaction_user_result_next_seq": p.next_seq,
                "message_reaction_user_result_is_finished": p.is_finished,
            })
        ),
        Request::PinGroupMessage { group_id, msg, is_pinned } => change!(|s, c| s.pin_message(c, &group_id, &msg, is_pinned), empty),
        Request::GetPinnedGroupMessageList { group_id } => read!(|s, c| s.pinned_messages(c, &group_id), |v: &Vec<Value>| json!(v)),
    }
}

