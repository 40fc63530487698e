//! The engine's Tencent-shaped face: a typed request in, a code, a sentence
//! and a JSON document out. Every transport serves requests through here, so
//! the in-process client and `huddle-server` answer byte for byte alike.

use serde::{Deserialize, Serialize};
use serde_json::{json, Value};

use crate::engine::{conv_results_json, ConvResult, Engine, InviteOutcome, JoinedGroup, MemberPage, PendencyPage};
use crate::engine::views::MessageView;
use crate::error::{Code, Error};
use crate::response::{Reply, Response};
use crate::model::{GroupProfile, Member};
use crate::params::*;
use crate::types::{ConvType, JoinStatus, MemberResult};

/// One call of the C API, as it travels to an engine.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
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
    ConvGetTotalUnreadMessageCount,
    ConvCreateGroup { name: String, conv_ids: Vec<String> },
    ConvGetGroupList,
    ConvDeleteGroup { name: String },
    ConvRenameGroup { old_name: String, new_name: String },
    ConvAddToGroup { name: String, conv_ids: Vec<String> },
    ConvDeleteFromGroup { name: String, conv_ids: Vec<String> },
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
pub fn serve(engine: &Engine, user: &str, req: Request, reply: Reply) {
    // Changes: encoded under the engine's lock, before the tips they cause.
    macro_rules! change {
        ($op:expr, $encode:expr) => {{
            engine.call(user, $op, |r| encode_change(r, $encode), reply);
        }};
    }
    // Reads: answered in order with the changes around them.
    macro_rules! read {
        ($query:expr, $encode:expr) => {{
            engine.query(user, $query, |r| Response::from_result(r.as_ref().map($encode)), reply);
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
            engine.call(user, |s, c| s.invite(c, p), invite_response, reply);
        }
        Request::GroupDeleteMember(p) => change!(|s, c| s.kick(c, p), |r: &Vec<(String, MemberResult)>| member_results(r, "group_delete_member_result")),
        Request::GroupGetJoinedGroupList => read!(|s, c| s.joined_groups(c), |v: &Vec<JoinedGroup>| Value::Array(v.iter().map(base_info).collect())),
        Request::GroupGetGroupInfoList { group_ids } => {
            // Encoded under the read, straight from the engine's records: the hot read of a game's UI.
            let encode = |s: &crate::engine::State, _: &crate::engine::Ctx| {
                let infos: Vec<InfoResult> = s.group_infos(&group_ids).map(InfoResult::from).collect();
                Ok(serde_json::to_string(&infos).expect("group infos encode"))
            };
            let respond = |text: crate::error::Result<String>| match text {
                Ok(json) => Response { code: 0, desc: String::new(), json },
                Err(e) => Response::error(&e),
            };
            engine.query(user, encode, respond, reply);
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
            |s, c| s.send(c, s.thread_for(c, conv.conv_type, &conv.conv_id)?, msg_id, param),
            |m: &std::sync::Arc<crate::model::Message>| serde_json::to_value(MessageView::new(m, user)).expect("messages encode")
        ),
        Request::MsgGetMsgList { conv, param } => read!(
            |s, c| s.history(c, &s.thread_for(c, conv.conv_type, &conv.conv_id)?, &param),
            |v: &Vec<std::sync::Arc<crate::model::Message>>| json!(v.iter().map(|m| MessageView::new(m, user)).collect::<Vec<_>>())
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
        Request::ConvGetTotalUnreadMessageCount => {
            read!(|s, c| Ok(s.total_unread(c)), |n: &u64| json!({ "conv_get_total_unread_message_count_result_unread_count": n }))
        }
        Request::ConvCreateGroup { name, conv_ids } => change!(|s, c| s.create_conv_group(c, &name, &conv_ids), batch),
        Request::ConvGetGroupList => read!(|s, c| Ok(s.conv_groups(c)), |v: &Vec<String>| json!(v)),
        Request::ConvDeleteGroup { name } => change!(|s, c| s.delete_conv_group(c, &name), empty),
        Request::ConvRenameGroup { old_name, new_name } => change!(|s, c| s.rename_conv_group(c, &old_name, &new_name), empty),
        Request::ConvAddToGroup { name, conv_ids } => change!(|s, c| s.add_to_conv_group(c, &name, &conv_ids), batch),
        Request::ConvDeleteFromGroup { name, conv_ids } => change!(|s, c| s.remove_from_conv_group(c, &name, &conv_ids), batch),
    }
}

fn encode_change<T>(r: Result<&T, &Error>, encode: impl FnOnce(&T) -> Value) -> Response {
    Response::from_result(r.map(encode))
}

/// Invitees refused for lack of room make the whole call 10014, with the
/// per-user results still in the JSON.
fn invite_response(r: Result<&InviteOutcome, &Error>) -> Response {
    match r {
        Ok(o) => {
            let mut resp = Response::ok(member_results(&o.results, "group_invite_member_result"));
            if o.full {
                resp.code = Code::GroupFull.as_i32();
                resp.desc = "the group is full: some invitees were not added (see their results)".into();
            }
            resp
        }
        Err(e) => Response::error(e),
    }
}

fn member_results(results: &[(String, MemberResult)], prefix: &str) -> Value {
    Value::Array(
        results
            .iter()
            .map(|(user, result)| json!({ format!("{}_identifier", prefix): user, format!("{}_result", prefix): result }))
            .collect(),
    )
}

fn custom_array<'a>(fields: impl Iterator<Item = (&'a String, &'a String)>, prefix: &str) -> Value {
    Value::Array(
        fields
            .map(|(k, v)| json!({ format!("{}_custom_string_info_key", prefix): k, format!("{}_custom_string_info_value", prefix): v }))
            .collect(),
    )
}

fn base_info(j: &JoinedGroup) -> Value {
    let p = &j.profile;
    json!({
        "group_base_info_group_id": p.id,
        "group_base_info_group_name": p.name,
        "group_base_info_group_type": p.group_type,
        "group_base_info_face_url": p.face_url,
        "group_base_info_info_seq": p.info_seq,
        "group_base_info_latest_seq": 0,
        "group_base_info_readed_seq": 0,
        "group_base_info_msg_flag": j.me.msg_flag,
        "group_base_info_is_shutup_all": p.shutup_all,
        "group_base_info_self_info": {
            "group_self_info_join_time": j.me.join_time,
            "group_self_info_role": j.me.role,
            "group_self_info_unread_num": 0,
            "group_self_info_msg_flag": j.me.msg_flag,
        },
    })
}

#[derive(Serialize)]
struct GroupCustomView<'a> {
    group_info_custom_string_info_key: &'a str,
    group_info_custom_string_info_value: &'a str,
}

#[derive(Serialize)]
struct DetailInfo<'a> {
    group_detail_info_group_id: &'a str,
    group_detail_info_group_type: crate::types::GroupType,
    group_detail_info_group_name: &'a str,
    group_detail_info_notification: &'a str,
    group_detail_info_introduction: &'a str,
    group_detail_info_face_url: &'a str,
    group_detail_info_create_time: u64,
    group_detail_info_info_seq: u64,
    group_detail_info_last_info_time: u64,
    group_detail_info_member_num: u32,
    group_detail_info_max_member_num: u32,
    group_detail_info_add_option: crate::types::AddOption,
    group_detail_info_is_shutup_all: bool,
    group_detail_info_owner_identifier: &'a str,
    group_detail_info_custom_info: Vec<GroupCustomView<'a>>,
}

/// One entry of `HuddleGroupGetGroupInfoList`'s result.
#[derive(Serialize)]
struct InfoResult<'a> {
    get_groups_info_result_code: i32,
    get_groups_info_result_desc: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    get_groups_info_result_info: Option<DetailInfo<'a>>,
}

impl<'a> From<crate::error::Result<(&'a GroupProfile, u32)>> for InfoResult<'a> {
    fn from(r: crate::error::Result<(&'a GroupProfile, u32)>) -> Self {
        match r {
            Ok((p, member_num)) => InfoResult {
                get_groups_info_result_code: 0,
                get_groups_info_result_desc: String::new(),
                get_groups_info_result_info: Some(DetailInfo {
                    group_detail_info_group_id: &p.id,
                    group_detail_info_group_type: p.group_type,
                    group_detail_info_group_name: &p.name,
                    group_detail_info_notification: &p.notification,
                    group_detail_info_introduction: &p.introduction,
                    group_detail_info_face_url: &p.face_url,
                    group_detail_info_create_time: p.create_time,
                    group_detail_info_info_seq: p.info_seq,
                    group_detail_info_last_info_time: p.last_info_time,
                    group_detail_info_member_num: member_num,
                    group_detail_info_max_member_num: p.max_member_num,
                    group_detail_info_add_option: p.add_option,
                    group_detail_info_is_shutup_all: p.shutup_all,
                    group_detail_info_owner_identifier: &p.owner,
                    group_detail_info_custom_info: p
                        .custom
                        .iter()
                        .map(|(k, v)| GroupCustomView { group_info_custom_string_info_key: k, group_info_custom_string_info_value: v })
                        .collect(),
                }),
            },
            Err(e) => InfoResult { get_groups_info_result_code: e.code.as_i32(), get_groups_info_result_desc: e.desc, get_groups_info_result_info: None },
        }
    }
}

fn member_info(m: &Member, group_id: &str, now: u64) -> Value {
    json!({
        "group_member_info_identifier": m.user_id,
        "group_member_info_group_id": group_id,
        "group_member_info_join_time": m.join_time,
        "group_member_info_member_role": m.role,
        "group_member_info_msg_flag": m.msg_flag,
        "group_member_info_shutup_time": m.shutup_until.saturating_sub(now),
        "group_member_info_name_card": m.name_card,
        "group_member_info_custom_info": custom_array(m.custom.iter(), "group_member_info"),
    })
}

fn member_page(page: &MemberPage) -> Value {
    json!({
        "group_get_member_info_list_result_next_seq": page.next_seq,
        "group_get_member_info_list_result_info_array":
            page.members.iter().map(|m| member_info(m, &page.group_id, page.now)).collect::<Vec<_>>(),
    })
}

fn pendency_page(page: &PendencyPage) -> Value {
    let items: Vec<Value> = page
        .items
        .iter()
        .map(|v| {
            let p = &v.pendency;
            json!({
                "group_pendency_group_id": p.group_id,
                "group_pendency_form_identifier": p.from,
                "group_pendency_to_identifier": p.to,
                "group_pendency_add_time": p.add_time,
                "group_pendency_pendency_type": p.pendency_type,
                "group_pendency_handled": v.handled,
                "group_pendency_handle_result": p.handled.as_ref().map_or(0, |h| h.accepted as i32),
                "group_pendency_apply_invite_msg": p.msg,
                "group_pendency_form_user_defined_data": "",
                "group_pendency_approval_msg": p.handled.as_ref().map_or("", |h| h.msg.as_str()),
                "group_pendency_to_user_defined_data": "",
                "group_pendency_key": p.id.to_string(),
            })
        })
        .collect();
    json!({
        "group_pendency_result_next_start_time": page.next_start_time,
        "group_pendency_result_read_time_seq": page.read_time,
        "group_pendency_result_unread_num": page.unread_num,
        "group_pendency_result_pendency_array": items,
    })
}
