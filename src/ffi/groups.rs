//! Group functions: each builds a `Request` and submits it.

use std::ffi::{c_char, c_void};

use crate::service::Request;

use super::convert::{self, ffi_boundary, submit, Sync};
use super::HuddleResult::HUDDLE_ERR_PARAM;
use super::{HuddleClient, HuddleCommCallback, HuddleGroupTipsEventCallback};

/// # Safety
/// As `convert::text`.
unsafe fn group_id(p: *const c_char) -> Sync<String> {
    // SAFETY: per this function's contract.
    unsafe { convert::text(p) }.map(str::to_string)
}

/// Creates a group; the creator becomes its owner.
///
/// `json_group_create_param` keys: `create_group_param_group_name` (required,
/// 1..100 bytes: 8502), `create_group_param_group_type` (0 Public (default),
/// 1 Work, 2 Meeting, 4 AVChatRoom, 5 Community), `create_group_param_group_id`
/// (optional custom ID: printable ASCII, at most 48 bytes, not starting with
/// `@TGS#` but for a Community's `@TGS#_...` (Tencent's rule), not holding
/// `@TOPIC#`: 8501; taken: 10021; absent: a generated `@TGS#...` ID, a
/// Community's `@TGS#_@TGS#...`), `create_group_param_is_support_topic`
/// (Community only: whether it takes topics, `HuddleGroupCreateTopicInCommunity`;
/// `group_detail_info_is_support_topic` tells),
/// `create_group_param_group_member_array` (initial members:
/// `[{"group_member_info_identifier": "bob", "group_member_info_member_role": 200|300}]`;
/// none for AVChatRoom: 10007), `create_group_param_introduction` (240 bytes: 8503),
/// `create_group_param_notification` (300: 8504), `create_group_param_face_url`
/// (100: 8505), `create_group_param_add_option` (0 Forbid, 1 Auth, 2 Any; the
/// type's default when absent), `create_group_param_max_member_num`,
/// `create_group_param_custom_info`. Unknown keys are ignored.
///
/// `cb` gets `{"create_group_result_groupid": "..."}`. Every member gets a
/// GroupCreated tip (12). Sync returns: 0, -1, -2, -3, -4.
#[no_mangle]
pub extern "C" fn HuddleGroupCreate(client: *mut HuddleClient, json_group_create_param: *const c_char, cb: HuddleCommCallback, user_data: *const c_void) -> i32 {
    // SAFETY: string arguments are NUL-terminated and valid for the call (huddle.h).
    submit(client, cb, user_data, || unsafe { Ok(Request::GroupCreate(convert::json_object(json_group_create_param)?)) })
}

/// Disbands a group. Work: app admins only; other types: the owner (or an
/// app admin); anyone else gets 10007; unknown group 10010. Every member gets
/// a GroupDismissed tip (13). `cb` gets `{}`.
#[no_mangle]
pub extern "C" fn HuddleGroupDelete(client: *mut HuddleClient, group_id: *const c_char, cb: HuddleCommCallback, user_data: *const c_void) -> i32 {
    // SAFETY: string arguments are NUL-terminated and valid for the call (huddle.h).
    submit(client, cb, user_data, || unsafe { Ok(Request::GroupDelete { group_id: self::group_id(group_id)? }) })
}

/// Joins a group or asks to. `hello_msg` (may be NULL) goes to the approvers.
/// `cb` gets `{"group_join_result_status": N}`: 0 joined (every member gets an
/// Invite tip (1) with join type 0), 1 waiting for approval (owner and admins
/// get a JoinRequest tip (14)), 2 already a member. The add option decides
/// (Any joins, Auth asks, Forbid: 10007; defaults: Public Auth, Meeting and
/// Community Any), but Work groups refuse (8508) and AVChatRoom groups admit
/// anyone. Full: 10014; kicked with a ban still running: 10007; unknown group: 10010.
/// Joining an AVChatRoom first leaves the AVChatRoom the user is in (a Quit
/// tip there; not a room it owns; the engine's `one_per_user`, default on),
/// then the joiner's clients get the room's latest messages once (default
/// 50, `latest_on_join`), oldest first, as one array through the
/// new-message callback; no one gets them again on a reconnect.
#[no_mangle]
pub extern "C" fn HuddleGroupJoin(client: *mut HuddleClient, group_id: *const c_char, hello_msg: *const c_char, cb: HuddleCommCallback, user_data: *const c_void) -> i32 {
    // SAFETY: string arguments are NUL-terminated and valid for the call (huddle.h).
    submit(client, cb, user_data, || unsafe {
        Ok(Request::GroupJoin { group_id: self::group_id(group_id)?, hello_msg: convert::text_or_empty(hello_msg)?.to_string() })
    })
}

/// Leaves a group. Non-members get 10007; the owner of any type but Work gets
/// 10009 (the owner of a Work group may quit; the group is then ownerless).
/// Every member, the leaver included, gets a Quit tip (2). `cb` gets `{}`.
#[no_mangle]
pub extern "C" fn HuddleGroupQuit(client: *mut HuddleClient, group_id: *const c_char, cb: HuddleCommCallback, user_data: *const c_void) -> i32 {
    // SAFETY: string arguments are NUL-terminated and valid for the call (huddle.h).
    submit(client, cb, user_data, || unsafe { Ok(Request::GroupQuit { group_id: self::group_id(group_id)? }) })
}

/// Adds users to a group. Keys: `group_invite_member_param_group_id`,
/// `group_invite_member_param_identifier_array` (empty: 8510; more than 500:
/// 8507), `group_invite_member_param_user_data`. Who may invite: Work and
/// Community any member, Public and Meeting app admins only, AVChatRoom no
/// one (10007). `cb` gets `[{"group_invite_member_result_identifier": "u",
/// "group_invite_member_result_result": R}]`, R 1 added, 2 already a member,
/// 0 refused because the group is full, in which case `code` is 10014 and the
/// others were still added. Members get one Invite tip (1) with join type 2.
#[no_mangle]
pub extern "C" fn HuddleGroupInviteMember(client: *mut HuddleClient, json_group_invite_param: *const c_char, cb: HuddleCommCallback, user_data: *const c_void) -> i32 {
    // SAFETY: string arguments are NUL-terminated and valid for the call (huddle.h).
    submit(client, cb, user_data, || unsafe { Ok(Request::GroupInviteMember(convert::json_object(json_group_invite_param)?)) })
}

/// Removes members. Keys: `group_delete_member_param_group_id`,
/// `group_delete_member_param_identifier_array`, `group_delete_member_param_user_data`,
/// `group_delete_member_param_duration` (seconds the removed users may not
/// rejoin: 10007 until then). Work: the owner; others: owner or admins. Nobody
/// removes the owner, admins do not remove admins (10007). `cb` gets
/// `[{"group_delete_member_result_identifier": "u", "group_delete_member_result_result": R}]`,
/// R 1 removed, 0 not a member. Every member, the removed ones included, gets a Kick tip (3).
#[no_mangle]
pub extern "C" fn HuddleGroupDeleteMember(client: *mut HuddleClient, json_group_delete_param: *const c_char, cb: HuddleCommCallback, user_data: *const c_void) -> i32 {
    // SAFETY: string arguments are NUL-terminated and valid for the call (huddle.h).
    submit(client, cb, user_data, || unsafe { Ok(Request::GroupDeleteMember(convert::json_object(json_group_delete_param)?)) })
}

/// The groups the user is in, AVChatRoom groups excepted: `cb` gets an array
/// of `group_base_info_*` objects with `group_base_info_self_info`
/// (`group_self_info_join_time`, `_role`, `_msg_flag`, `_unread_num`).
#[no_mangle]
pub extern "C" fn HuddleGroupGetJoinedGroupList(client: *mut HuddleClient, cb: HuddleCommCallback, user_data: *const c_void) -> i32 {
    submit(client, cb, user_data, || Ok(Request::GroupGetJoinedGroupList))
}

/// Group profiles, public to members and non-members alike.
/// `json_group_id_array`: `["g1", "g2"]`. `cb` gets one object per ID, in
/// order: `get_groups_info_result_code` (0, 10010 unknown, 10015 invalid ID),
/// `get_groups_info_result_desc`, and on success `get_groups_info_result_info`
/// with the `group_detail_info_*` keys (group_id, group_type, group_name,
/// notification, introduction, face_url, create_time, info_seq,
/// last_info_time, member_num, max_member_num, add_option, is_shutup_all,
/// owner_identifier, custom_info), and `group_detail_info_online_member_num`
/// (members with a client logged in now), `group_detail_info_next_msg_seq`
/// (the `message_seq` the group's next message takes) and
/// `group_detail_info_last_msg_time` (when the latest message still kept was
/// sent; 0 when none is).
#[no_mangle]
pub extern "C" fn HuddleGroupGetGroupInfoList(client: *mut HuddleClient, json_group_id_array: *const c_char, cb: HuddleCommCallback, user_data: *const c_void) -> i32 {
    // SAFETY: string arguments are NUL-terminated and valid for the call (huddle.h).
    submit(client, cb, user_data, || unsafe { Ok(Request::GroupGetGroupInfoList { group_ids: convert::json(json_group_id_array)? }) })
}

/// Changes a group's profile. Keys: `group_modify_info_param_group_id`,
/// `group_modify_info_param_modify_flag` (bits: 0x1 name, 0x2 notification,
/// 0x4 introduction, 0x8 face URL, 0x10 add option, 0x20 max member number,
/// 0x100 shutup all, 0x200 custom, 0x80000000 owner, which must be alone), and
/// per bit `group_modify_info_param_group_name`, `_notification`,
/// `_introduction`, `_face_url`, `_add_option`, `_max_member_num`,
/// `_is_shutup_all`, `_custom_info`, `_owner`. Texts: Work any member, other
/// types owner or admins; add option, shutup all: owner or admins; max
/// members: the owner; owner transfer: the owner, not in AVChatRoom (10007);
/// the new owner must be a member (10004). Every member gets one
/// GroupInfoChange tip (6) listing each change. `cb` gets `{}`.
#[no_mangle]
pub extern "C" fn HuddleGroupModifyGroupInfo(client: *mut HuddleClient, json_group_modifyinfo_param: *const c_char, cb: HuddleCommCallback, user_data: *const c_void) -> i32 {
    // SAFETY: string arguments are NUL-terminated and valid for the call (huddle.h).
    submit(client, cb, user_data, || unsafe {
        let p: crate::params::ModifyGroupParam = convert::json_object(json_group_modifyinfo_param)?;
        if !p.names_its_keys() {
            return Err(HUDDLE_ERR_PARAM);
        }
        Ok(Request::GroupModifyGroupInfo(p))
    })
}

/// Member profiles, for members (and app admins). Keys:
/// `group_get_members_info_list_param_group_id`,
/// `group_get_members_info_list_param_identifier_array` (absent or empty: all,
/// 100 a page), `group_get_members_info_list_param_option`
/// (`{"group_member_get_info_option_role_flag": 0 all | 1 owner | 2 admin | 4 member}`),
/// `group_get_members_info_list_param_next_seq` (0, then the previous page's).
/// `cb` gets `{"group_get_member_info_list_result_next_seq": N (0: last page),
/// "group_get_member_info_list_result_info_array": [group_member_info_*]}`:
/// identifier, group_id, join_time, member_role, msg_flag, shutup_time,
/// name_card, custom_info, and the member's own `nick_name` and `face_url`
/// (from `HuddleProfileModifySelfUserProfile`; "" when not set).
/// Non-members: 10007; AVChatRoom keeps no member list: 10007.
#[no_mangle]
pub extern "C" fn HuddleGroupGetMemberInfoList(client: *mut HuddleClient, json_group_getmeminfos_param: *const c_char, cb: HuddleCommCallback, user_data: *const c_void) -> i32 {
    // SAFETY: string arguments are NUL-terminated and valid for the call (huddle.h).
    submit(client, cb, user_data, || unsafe { Ok(Request::GroupGetMemberInfoList(convert::json_object(json_group_getmeminfos_param)?)) })
}

/// Changes one member. Keys: `group_modify_member_info_group_id`,
/// `group_modify_member_info_identifier`, `group_modify_member_info_modify_flag`
/// (bits: 1 message flag, 2 role, 4 shutup time, 8 name card, 0x10 custom) and
/// per bit `_msg_flag` (self only), `_member_role` (200/300; the owner sets
/// and cancels admins: SetAdmin (4) / CancelAdmin (5) tips), `_shutup_time`
/// (seconds, 0 unmutes; owner and admins, over members below them; not
/// oneself), `_name_card` (50 bytes: 8506; self, or owner and admins),
/// `_custom_info` (self, or owner and admins). Mute, name card and custom
/// changes send a MemberInfoChange tip (7). Refusals: 10007. `cb` gets `{}`.
#[no_mangle]
pub extern "C" fn HuddleGroupModifyMemberInfo(client: *mut HuddleClient, json_group_modifymeminfo_param: *const c_char, cb: HuddleCommCallback, user_data: *const c_void) -> i32 {
    // SAFETY: string arguments are NUL-terminated and valid for the call (huddle.h).
    submit(client, cb, user_data, || unsafe {
        let p: crate::params::ModifyMemberParam = convert::json_object(json_group_modifymeminfo_param)?;
        if !p.names_its_keys() {
            return Err(HUDDLE_ERR_PARAM);
        }
        Ok(Request::GroupModifyMemberInfo(p))
    })
}

/// Join requests the user may answer (as owner or admin), newest first.
/// Keys: `group_pendency_option_start_time` (0, then the previous page's
/// `next_start_time`), `group_pendency_option_max_limited` (page size, default 20).
/// `cb` gets `{"group_pendency_result_next_start_time", "group_pendency_result_read_time_seq",
/// "group_pendency_result_unread_num", "group_pendency_result_pendency_array": [group_pendency_*]}`,
/// each with `group_pendency_key` identifying it and `group_pendency_self_identifier`
/// (the caller). At most 50 unhandled
/// requests per applicant: a 51st drops the oldest.
#[no_mangle]
pub extern "C" fn HuddleGroupGetPendencyList(client: *mut HuddleClient, json_group_getpendency_list_param: *const c_char, cb: HuddleCommCallback, user_data: *const c_void) -> i32 {
    // SAFETY: string arguments are NUL-terminated and valid for the call (huddle.h).
    submit(client, cb, user_data, || unsafe { Ok(Request::GroupGetPendencyList(convert::json_object(json_group_getpendency_list_param)?)) })
}

/// Approves or rejects a join request. Keys: `group_handle_pendency_param_is_accept`,
/// `group_handle_pendency_param_handle_msg`, `group_handle_pendency_param_pendency`
/// (the object from the pendency list; `group_pendency_group_id` and
/// `group_pendency_form_identifier` are required, `group_pendency_key` picks
/// one request exactly). Only owner and admins (10007); a handled request:
/// 10024; full: 10014. Approval: Invite tip (1, join type 1) to every member;
/// rejection: JoinRejected tip (17) to the applicant. `cb` gets `{}`.
#[no_mangle]
pub extern "C" fn HuddleGroupHandlePendency(client: *mut HuddleClient, json_group_handle_pendency_param: *const c_char, cb: HuddleCommCallback, user_data: *const c_void) -> i32 {
    // SAFETY: string arguments are NUL-terminated and valid for the call (huddle.h).
    submit(client, cb, user_data, || unsafe { Ok(Request::GroupHandlePendency(convert::json_object(json_group_handle_pendency_param)?)) })
}

/// Marks the requests added at or before `time_stamp` (unix seconds) as read:
/// they no longer count in `group_pendency_result_unread_num`. `cb` gets `{}`.
#[no_mangle]
pub extern "C" fn HuddleGroupReportPendencyReaded(client: *mut HuddleClient, time_stamp: u64, cb: HuddleCommCallback, user_data: *const c_void) -> i32 {
    submit(client, cb, user_data, || Ok(Request::GroupReportPendencyReaded { time_stamp }))
}

/// Adds users to, or removes them from, the list of those who may speak while
/// the group is muted for all. Keys: `group_mute_allowlist_param_group_id`,
/// `group_mute_allowlist_param_identifier_array`, `group_mute_allowlist_param_is_add`.
/// Owner and admins only (10007). Every member gets a MuteAllowlistChange tip (16). `cb` gets `{}`.
#[no_mangle]
pub extern "C" fn HuddleGroupModifyMuteAllowlist(client: *mut HuddleClient, json_param: *const c_char, cb: HuddleCommCallback, user_data: *const c_void) -> i32 {
    // SAFETY: string arguments are NUL-terminated and valid for the call (huddle.h).
    submit(client, cb, user_data, || unsafe { Ok(Request::GroupModifyMuteAllowlist(convert::json_object(json_param)?)) })
}

/// The mute allowlist of a group, for members: `cb` gets a JSON array of user IDs.
#[no_mangle]
pub extern "C" fn HuddleGroupGetMuteAllowlist(client: *mut HuddleClient, group_id: *const c_char, cb: HuddleCommCallback, user_data: *const c_void) -> i32 {
    // SAFETY: string arguments are NUL-terminated and valid for the call (huddle.h).
    submit(client, cb, user_data, || unsafe { Ok(Request::GroupGetMuteAllowlist { group_id: self::group_id(group_id)? }) })
}

/// App admins only (10007 otherwise): the IDs of every group `user_id` is in,
/// AVChatRoom included, as a JSON array (RC's user-group sync).
#[no_mangle]
pub extern "C" fn HuddleAdminGetUserGroupList(client: *mut HuddleClient, user_id: *const c_char, cb: HuddleCommCallback, user_data: *const c_void) -> i32 {
    // SAFETY: string arguments are NUL-terminated and valid for the call (huddle.h).
    submit(client, cb, user_data, || unsafe { Ok(Request::AdminGetUserGroups { user_id: convert::text(user_id)?.to_string() }) })
}

/// App admins only (10007 otherwise): every member ID of a group, as a JSON array.
#[no_mangle]
pub extern "C" fn HuddleAdminGetGroupMemberIDList(client: *mut HuddleClient, group_id: *const c_char, cb: HuddleCommCallback, user_data: *const c_void) -> i32 {
    // SAFETY: string arguments are NUL-terminated and valid for the call (huddle.h).
    submit(client, cb, user_data, || unsafe { Ok(Request::AdminGetGroupMemberIds { group_id: self::group_id(group_id)? }) })
}

/// Sets the listener of group tips (NULL removes it). Each tip is a JSON
/// object: `group_tips_elem_tip_type` (1 Invite/join, 2 Quit, 3 Kick,
/// 4 SetAdmin, 5 CancelAdmin, 6 GroupInfoChange, 7 MemberInfoChange,
/// 12 GroupCreated, 13 GroupDismissed, 14 JoinRequest, 16 MuteAllowlistChange,
/// 17 JoinRejected), `group_tips_elem_group_id`, `group_tips_elem_group_name`,
/// `group_tips_elem_op_user` (who acted), `group_tips_elem_user_array` (who
/// was affected), `group_tips_elem_time`, `group_tips_elem_member_num`,
/// `group_tips_elem_op_user_info` (the operator's profile as it was when the
/// tip was sent: `user_profile_identifier`, `user_profile_nick_name`,
/// `user_profile_face_url`; absent when the system acted, such as a mute
/// running out), `group_tips_elem_op_group_memberinfo` (the operator's member
/// record as the operation left it, or as it was when the operation ended the
/// membership: `group_member_info_identifier`, `group_member_info_name_card`,
/// `group_member_info_member_role`; absent when the operator is not a member,
/// such as an app admin or an applicant), and by kind `group_tips_elem_join_type` (Tencent's: 1 Apply, a free join or an
/// approved request; 2 Invite), `group_tips_elem_group_change_info_array`,
/// `group_tips_elem_member_change_info_array`, `group_tips_elem_msg`. Runs like
/// every callback of the client (dispatcher thread or `HuddlePoll`), after the
/// callback of the call that caused it. Types 12 to 17 are Huddle's, past
/// Tencent's tip enum: Tencent tells of creation, dismissal, requests and
/// refusals only with group system messages (elem 8, see
/// `HuddleAddRecvNewMsgCallback`), which Huddle sends as well, to the users
/// concerned. The tips are kept because they add what those do not: they
/// reach every member (GroupCreated, GroupDismissed), carry the member count
/// and the group's name, and arrive through this one listener in order with
/// the group's other tips.
#[no_mangle]
pub extern "C" fn HuddleSetGroupTipsEventCallback(client: *mut HuddleClient, cb: HuddleGroupTipsEventCallback, user_data: *const c_void) {
    ffi_boundary!((), {
        let Ok(c) = convert::client(client) else { return };
        c.set_tip_listener(cb.map(|f| convert::json_listener(f, user_data)));
    })
}
