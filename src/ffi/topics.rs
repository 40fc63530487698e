//! Community topics, the local search of groups and members, and member
//! marks (Tencent's TIMGroup* topic, search and mark functions).

use std::ffi::{c_char, c_void};

use crate::client::TopicListener;
use crate::service::Request;
use crate::types::TipType;

use super::convert::{self, ffi_boundary, submit, UserData};
use super::{HuddleClient, HuddleCommCallback};

/// Receives a new topic: its community's ID and its own (Tencent's
/// TIMGroupTopicCreatedCallback).
pub type HuddleGroupTopicCreatedCallback = Option<unsafe extern "C" fn(group_id: *const c_char, topic_id: *const c_char, user_data: *const c_void)>;

/// Receives deleted topics: their community's ID and their IDs as a JSON
/// array (Tencent's TIMGroupTopicDeletedCallback).
pub type HuddleGroupTopicDeletedCallback =
    Option<unsafe extern "C" fn(group_id: *const c_char, topic_id_array: *const c_char, user_data: *const c_void)>;

/// Receives a changed topic: its community's ID and its info as JSON, the
/// `group_topic_info_*` keys every member shares (Tencent's
/// TIMGroupTopicChangedCallback).
pub type HuddleGroupTopicChangedCallback = Option<unsafe extern "C" fn(group_id: *const c_char, topic_info: *const c_char, user_data: *const c_void)>;

/// A community's ID and a JSON array of its topics' IDs.
///
/// # Safety
/// As `convert::text`.
unsafe fn topics_of(group_id: *const c_char, json_topic_id_array: *const c_char) -> convert::Sync<(String, Vec<String>)> {
    // SAFETY: per this function's contract.
    unsafe { Ok((convert::text(group_id)?.to_string(), convert::json(json_topic_id_array)?)) }
}

/// The communities supporting topics that the caller is in (Tencent's
/// `TIMGroupGetJoinedCommunityList`). `cb` gets a JSON array of
/// `group_base_info_*` objects, as `HuddleGroupGetJoinedGroupList` gives.
/// Sync returns: 0, -1, -2.
#[no_mangle]
pub extern "C" fn HuddleGroupGetJoinedCommunityList(client: *mut HuddleClient, cb: HuddleCommCallback, user_data: *const c_void) -> i32 {
    submit(client, cb, user_data, || Ok(Request::GroupGetJoinedCommunityList))
}

/// Creates a topic in a community (Tencent's `TIMGroupCreateTopicInCommunity`).
///
/// The community must be a Community (type 5) created with
/// `create_group_param_is_support_topic` true (else 10004; unknown 10010,
/// malformed ID 10015); its owner, admins and app admins create topics
/// (others: 10007). `json_topic_info` is Tencent's TIMGroupTopicInfo:
/// `group_topic_info_topic_name` (required, 1..150 bytes: 8502),
/// `group_topic_info_topic_id` (optional custom ID: the community's ID,
/// `@TOPIC#_` and a suffix, printable ASCII, at most 96 bytes in all, the
/// suffix holding no `@TGS#_` and not starting with `@TOPIC#`: 8501; taken:
/// 10021; absent: a generated `<group_id>@TOPIC#_@TOPIC#...` ID),
/// `group_topic_info_introduction` (400 bytes: 8503),
/// `group_topic_info_notification` (400: 8504),
/// `group_topic_info_topic_face_url` (500: 8505),
/// `group_topic_info_custom_string` (512: 10004),
/// `group_topic_info_is_all_muted` (only the owner and admins speak).
/// Unknown keys are ignored.
///
/// A topic's messages are group messages whose conversation ID is the topic
/// ID (conv_type 2): every member of the community may send, read and mark
/// them read, and has the topic's conversation, with its own unread count.
/// `cb` gets `{"group_topic_info_topic_id": "..."}`; every member gets a
/// TopicCreated tip (Huddle's 18, with `group_tips_elem_topic_id_array`)
/// and the topic-created listener fires. Sync returns: 0, -1, -2, -3, -4
/// (NULL or a `json_topic_info` that is no object or has a key of the wrong type).
#[no_mangle]
pub extern "C" fn HuddleGroupCreateTopicInCommunity(
    client: *mut HuddleClient,
    group_id: *const c_char,
    json_topic_info: *const c_char,
    cb: HuddleCommCallback,
    user_data: *const c_void,
) -> i32 {
    // SAFETY: string arguments are NUL-terminated and valid for the call (huddle.h).
    submit(client, cb, user_data, || unsafe {
        Ok(Request::GroupCreateTopicInCommunity { group_id: convert::text(group_id)?.to_string(), topic: convert::json_object(json_topic_info)? })
    })
}

/// Deletes topics of a community (Tencent's `TIMGroupDeleteTopicFromCommunity`):
/// the owner, admins and app admins (others: 10007; a community without
/// topics: 10004; unknown 10010). `json_topic_id_array` is a JSON array of
/// topic IDs. `cb` gets one Tencent TIMGroupTopicOperationResult per ID:
/// `[{"group_topic_operation_result_error_code": 0 or 10010,
/// "group_topic_operation_result_error_message": "...",
/// "group_topic_operation_result_topic_id": "..."}]`. The members'
/// conversations of a deleted topic stay, marked as of a disbanded group
/// (`conv_group_state`); every member gets one TopicDeleted tip (Huddle's
/// 19) and the topic-deleted listener fires. Sync returns: 0, -1, -2, -3, -4.
#[no_mangle]
pub extern "C" fn HuddleGroupDeleteTopicFromCommunity(
    client: *mut HuddleClient,
    group_id: *const c_char,
    json_topic_id_array: *const c_char,
    cb: HuddleCommCallback,
    user_data: *const c_void,
) -> i32 {
    // SAFETY: string arguments are NUL-terminated and valid for the call (huddle.h).
    submit(client, cb, user_data, || unsafe {
        let (group_id, topic_ids) = topics_of(group_id, json_topic_id_array)?;
        Ok(Request::GroupDeleteTopicFromCommunity { group_id, topic_ids })
    })
}

/// Changes a topic (Tencent's `TIMGroupSetTopicInfo`). `json_topic_info`
/// is Tencent's TIMGroupTopicInfo with `group_topic_info_topic_id`
/// (required) and `group_modify_info_param_modify_flag`, bits of Tencent's
/// TIMCommunityTopicModifyInfoFlag: Name 0x1, Notification 0x2,
/// Introduction 0x4, FaceUrl 0x8, MuteAll 0x100, CustomString 0x800,
/// Draft 0x4000; each named key must be there (limits as at creation; 0,
/// another bit or a missing key: 10004). The draft
/// (`group_topic_info_draft_text`, "" removes it) is the caller's own, kept
/// as its topic conversation's draft (`draft_user_define`); the rest is for
/// the owner, admins and app admins (others: 10007), and every member gets a
/// TopicInfoChange tip (9) with the topic's shared info in
/// `group_tips_elem_topic_info`, and the topic-changed listener fires.
/// Unknown topic: 10010. `cb` gets `{}`. Sync returns: 0, -1, -2, -3, -4.
#[no_mangle]
pub extern "C" fn HuddleGroupSetTopicInfo(client: *mut HuddleClient, json_topic_info: *const c_char, cb: HuddleCommCallback, user_data: *const c_void) -> i32 {
    // SAFETY: string arguments are NUL-terminated and valid for the call (huddle.h).
    submit(client, cb, user_data, || unsafe { Ok(Request::GroupSetTopicInfo(convert::json_object(json_topic_info)?)) })
}

/// A community's topics as the caller sees them (Tencent's
/// `TIMGroupGetTopicInfoList`); members and app admins read them (others:
/// 10007; a community without topics: 10004; unknown 10010).
/// `json_topic_id_array` is a JSON array of topic IDs, empty (`[]`) for
/// every topic. `cb` gets a Tencent TIMGroupTopicInfoResult per topic:
/// `{"group_topic_info_result_error_code": 0 or 10010,
/// "group_topic_info_result_error_message": "...",
/// "group_topic_info_result_topic_info": {...}}`, the info with
/// `group_topic_info_topic_id`, `_topic_name`, `_introduction`,
/// `_notification`, `_topic_face_url`, `_is_all_muted`, `_custom_string`,
/// and the caller's own `_self_mute_time` (its mute in the community, seconds
/// left), `_recv_opt` (its message flag in the community), `_draft_text`,
/// `_unread_count`, `_last_message` (a message object, null when none),
/// `_group_at_info_array` and `topic_info_read_sequence`.
/// Sync returns: 0, -1, -2, -3, -4.
#[no_mangle]
pub extern "C" fn HuddleGroupGetTopicInfoList(
    client: *mut HuddleClient,
    group_id: *const c_char,
    json_topic_id_array: *const c_char,
    cb: HuddleCommCallback,
    user_data: *const c_void,
) -> i32 {
    // SAFETY: string arguments are NUL-terminated and valid for the call (huddle.h).
    submit(client, cb, user_data, || unsafe {
        let (group_id, topic_ids) = topics_of(group_id, json_topic_id_array)?;
        Ok(Request::GroupGetTopicInfoList { group_id, topic_ids })
    })
}

/// Searches the caller's groups (those of its joined list) by ID and name
/// (Tencent's local `TIMGroupSearchGroups`). `json_group_search_groups_param`
/// is Tencent's GroupSearchParam: `group_search_params_keyword_list` (1..5
/// strings: else 6017), `group_search_params_field_list` (1 group ID, 2
/// group name; absent or empty: both; another value: 6017). A group matches
/// when a chosen field holds a keyword, ignoring case. `cb` gets a JSON
/// array of `group_detail_info_*` objects, as in `HuddleGroupGetGroupInfoList`.
/// Sync returns: 0, -1, -2, -3, -4.
#[no_mangle]
pub extern "C" fn HuddleGroupSearchGroups(
    client: *mut HuddleClient,
    json_group_search_groups_param: *const c_char,
    cb: HuddleCommCallback,
    user_data: *const c_void,
) -> i32 {
    // SAFETY: string arguments are NUL-terminated and valid for the call (huddle.h).
    submit(client, cb, user_data, || unsafe { Ok(Request::GroupSearchGroups(convert::json_object(json_group_search_groups_param)?)) })
}

/// Searches the members of the caller's groups (Tencent's local
/// `TIMGroupSearchGroupMembers`). `json_group_search_group_members_param` is
/// Tencent's GroupMemberSearchParam: `group_search_member_params_groupid_list`
/// (groups to search; absent or empty: all the caller's groups that keep
/// members; groups the caller is not in are skipped),
/// `group_search_member_params_keyword_list` (1..5 strings: else 6017),
/// `group_search_member_params_field_list` (required: 1 user ID, 2 nickname,
/// 4 friend remark (Huddle keeps none: matches nobody), 8 name card; else
/// 6017). A member matches when a chosen field holds a keyword, ignoring
/// case. `cb` gets, for each group with a match, in order,
/// `{"group_search_member_result_groupid": "...",
/// "group_search_member_result_member_info_list": [group_member_info_*...]}`.
/// Sync returns: 0, -1, -2, -3, -4.
#[no_mangle]
pub extern "C" fn HuddleGroupSearchGroupMembers(
    client: *mut HuddleClient,
    json_group_search_group_members_param: *const c_char,
    cb: HuddleCommCallback,
    user_data: *const c_void,
) -> i32 {
    // SAFETY: string arguments are NUL-terminated and valid for the call (huddle.h).
    submit(client, cb, user_data, || unsafe { Ok(Request::GroupSearchGroupMembers(convert::json_object(json_group_search_group_members_param)?)) })
}

/// Marks members of an AVChatRoom, or removes the mark (Tencent's
/// `TIMGroupMarkGroupMemberList`): AVChatRoom groups only (others: 10004),
/// by their owner or an app admin (others: 10007). `member_array` is a JSON
/// array of member IDs (empty, or one not a member: 10004); `mark_type` is
/// the app's number, from 1000 (below: 10004), and a group has at most 10
/// kinds of mark (10004). Every member gets a MemberMarkChange tip (8) with
/// `group_tips_elem_member_mark_info_array`
/// (`[{"group_tips_member_mark_change_info_enableMark": bool,
/// "group_tips_member_mark_change_info_markType": N,
/// "group_tips_member_mark_change_info_userIDList": [...]}]`), and
/// `HuddleGroupGetMemberInfoList` with a role flag of N lists the members
/// marked N, in an AVChatRoom too. `cb` gets `{}`. Sync returns: 0, -1, -2,
/// -3, -4.
#[no_mangle]
pub extern "C" fn HuddleGroupMarkGroupMemberList(
    client: *mut HuddleClient,
    group_id: *const c_char,
    member_array: *const c_char,
    mark_type: u32,
    enable_mark: bool,
    cb: HuddleCommCallback,
    user_data: *const c_void,
) -> i32 {
    // SAFETY: string arguments are NUL-terminated and valid for the call (huddle.h).
    submit(client, cb, user_data, || unsafe {
        Ok(Request::GroupMarkGroupMemberList {
            group_id: convert::text(group_id)?.to_string(),
            users: convert::json(member_array)?,
            mark_type,
            enable: enable_mark,
        })
    })
}

/// Sets `kind`'s topic listener to call `cb` (the three callback types are
/// one C signature), or removes it.
fn set_topic_callback(client: *mut HuddleClient, kind: TipType, cb: HuddleGroupTopicCreatedCallback, user_data: *const c_void) {
    let ud = UserData(user_data);
    let Ok(c) = convert::client(client) else { return };
    let listener = cb.map(|f| -> TopicListener {
        std::sync::Arc::new(move |group_id: &str, detail: &str| {
            let (group_id, detail) = (convert::cstring(group_id), convert::cstring(detail));
            // SAFETY: the host's callback and its user_data, as it set them
            // (huddle.h); the strings live until it returns.
            unsafe { f(group_id.as_ptr(), detail.as_ptr(), ud.get()) }
        })
    });
    c.set_topic_listener(kind, listener);
}

/// Sets the listener of new topics (NULL removes it), as Tencent's
/// `TIMSetGroupTopicCreatedCallback`: the community's ID and the topic's.
/// It runs on the client's callback thread (or in `HuddlePoll`) for each
/// TopicCreated tip of a community the user is in; the strings live until
/// it returns.
#[no_mangle]
pub extern "C" fn HuddleSetGroupTopicCreatedCallback(client: *mut HuddleClient, cb: HuddleGroupTopicCreatedCallback, user_data: *const c_void) {
    ffi_boundary!((), { set_topic_callback(client, TipType::TopicCreated, cb, user_data) })
}

/// Sets the listener of deleted topics (NULL removes it), as Tencent's
/// `TIMSetGroupTopicDeletedCallback`: the community's ID and the deleted
/// topics' IDs as a JSON array. Threads as `HuddleSetGroupTopicCreatedCallback`.
#[no_mangle]
pub extern "C" fn HuddleSetGroupTopicDeletedCallback(client: *mut HuddleClient, cb: HuddleGroupTopicDeletedCallback, user_data: *const c_void) {
    ffi_boundary!((), { set_topic_callback(client, TipType::TopicDeleted, cb, user_data) })
}

/// Sets the listener of changed topics (NULL removes it), as Tencent's
/// `TIMSetGroupTopicChangedCallback`: the community's ID and the topic's
/// shared info as JSON (`group_topic_info_topic_id`, `_topic_name`,
/// `_introduction`, `_notification`, `_topic_face_url`, `_is_all_muted`,
/// `_custom_string`). Threads as `HuddleSetGroupTopicCreatedCallback`.
#[no_mangle]
pub extern "C" fn HuddleSetGroupTopicChangedCallback(client: *mut HuddleClient, cb: HuddleGroupTopicChangedCallback, user_data: *const c_void) {
    ffi_boundary!((), { set_topic_callback(client, TipType::TopicInfoChange, cb, user_data) })
}
