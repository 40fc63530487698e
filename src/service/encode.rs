//! The JSON of replies, with Tencent's keys.

use serde::Serialize;
use serde_json::{json, Value};

use crate::engine::{ExtensionsSet, GroupInfo, InviteOutcome, JoinedGroup, MemberPage, PendencyPage};
use crate::error::{Code, Error};
use crate::model::Member;
use crate::response::Response;
use crate::types::MemberResult;

pub fn encode_change<T>(r: Result<&T, &Error>, encode: impl FnOnce(&T) -> Value) -> Response {
    Response::from_result(r.map(encode))
}

/// Invitees refused for lack of room make the whole call 10014, with the
/// per-user results still in the JSON.
pub fn invite_response(r: Result<&InviteOutcome, &Error>) -> Response {
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

/// A pair refused as a conflict makes the whole call 23001, with every
/// pair's result (the refused ones with the value they have) in the JSON.
pub fn extensions_set_response(r: Result<&ExtensionsSet, &Error>) -> Response {
    match r {
        Ok(set) => {
            let mut resp = Response::ok(Value::Array(set.results.clone()));
            if set.conflict {
                resp.code = Code::MsgExtensionConflict.as_i32();
                resp.desc = "someone else changed an extension first: its result has the value it has now".into();
            }
            resp
        }
        Err(e) => Response::error(e),
    }
}

pub fn member_results(results: &[(String, MemberResult)], prefix: &str) -> Value {
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

pub fn base_info(j: &JoinedGroup) -> Value {
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
    group_detail_info_online_member_num: u32,
    group_detail_info_next_msg_seq: u64,
    group_detail_info_last_msg_time: u64,
    group_detail_info_is_support_topic: bool,
}

/// One entry of `HuddleGroupGetGroupInfoList`'s result.
#[derive(Serialize)]
pub struct InfoResult<'a> {
    get_groups_info_result_code: i32,
    get_groups_info_result_desc: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    get_groups_info_result_info: Option<DetailInfo<'a>>,
}

impl<'a> From<GroupInfo<'a>> for DetailInfo<'a> {
    fn from(info: GroupInfo<'a>) -> Self {
        let p = info.profile;
        DetailInfo {
            group_detail_info_group_id: &p.id,
            group_detail_info_group_type: p.group_type,
            group_detail_info_group_name: &p.name,
            group_detail_info_notification: &p.notification,
            group_detail_info_introduction: &p.introduction,
            group_detail_info_face_url: &p.face_url,
            group_detail_info_create_time: p.create_time,
            group_detail_info_info_seq: p.info_seq,
            group_detail_info_last_info_time: p.last_info_time,
            group_detail_info_member_num: info.member_num,
            group_detail_info_max_member_num: p.max_member_num,
            group_detail_info_add_option: p.add_option,
            group_detail_info_is_shutup_all: p.shutup_all,
            group_detail_info_owner_identifier: &p.owner,
            group_detail_info_custom_info: p
                .custom
                .iter()
                .map(|(k, v)| GroupCustomView { group_info_custom_string_info_key: k, group_info_custom_string_info_value: v })
                .collect(),
            group_detail_info_online_member_num: info.online_member_num,
            group_detail_info_next_msg_seq: info.next_msg_seq,
            group_detail_info_last_msg_time: info.last_msg_time,
            group_detail_info_is_support_topic: p.support_topic,
        }
    }
}

/// A group's GroupDetailInfo object.
pub fn detail_info(info: GroupInfo) -> Value {
    serde_json::to_value(DetailInfo::from(info)).expect("group details encode")
}

impl<'a> From<crate::error::Result<GroupInfo<'a>>> for InfoResult<'a> {
    fn from(r: crate::error::Result<GroupInfo<'a>>) -> Self {
        match r {
            Ok(info) => InfoResult {
                get_groups_info_result_code: 0,
                get_groups_info_result_desc: String::new(),
                get_groups_info_result_info: Some(DetailInfo::from(info)),
            },
            Err(e) => InfoResult { get_groups_info_result_code: e.code.as_i32(), get_groups_info_result_desc: e.desc, get_groups_info_result_info: None },
        }
    }
}

fn member_info(m: &Member, (nick_name, face_url): &(String, String), group_id: &str, now: u64) -> Value {
    json!({
        "group_member_info_nick_name": nick_name,
        "group_member_info_face_url": face_url,
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

/// The page's members, Tencent's GroupMemberInfo objects.
pub fn member_infos(page: &MemberPage) -> Vec<Value> {
    page.members.iter().zip(&page.faces).map(|(m, f)| member_info(m, f, &page.group_id, page.now)).collect()
}

pub fn member_page(page: &MemberPage) -> Value {
    json!({
        "group_get_member_info_list_result_next_seq": page.next_seq,
        "group_get_member_info_list_result_info_array": member_infos(page),
    })
}

pub fn pendency_page(page: &PendencyPage) -> Value {
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
                "group_pendency_self_identifier": page.self_identifier,
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
