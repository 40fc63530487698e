//! Conversation and conversation-group functions.

use std::ffi::{c_char, c_void, CString};

use serde_json::{json, Value};

use crate::client::KindListener;
use crate::event::Json;
use crate::service::Request;
use crate::types::{ConvGroupEvent, ConvType};

use super::convert::{self, ffi_boundary, submit, UserData};
use super::{
    HuddleClient, HuddleCommCallback, HuddleConvConversationGroupCreatedCallback, HuddleConvConversationGroupDeletedCallback,
    HuddleConvConversationGroupNameChangedCallback, HuddleConvConversationsAddedToGroupCallback, HuddleConvConversationsDeletedFromGroupCallback,
    HuddleConvEventCallback, HuddleConvGroupEventCallback,
};

/// The caller's conversations (those with a message it can see), pinned
/// first, then the most recently active: a JSON array of `conv_id` (group or
/// peer user ID), `conv_type`, `conv_show_name` (the group's name; the
/// peer's nickname, or user ID when it set none), `conv_face_url` (the
/// group's, or the peer's profile's), `conv_recv_opt` (Tencent's receive
/// option: a group's is the caller's `group_member_info_msg_flag`, a C2C
/// one's the caller's option for the peer; 0 receive, 1 not receive, 2
/// receive without notification, 3 and 4 the except-@ ones), `conv_group_type`,
/// `conv_unread_num`, `conv_active_time`, `conv_is_has_lastmsg`,
/// `conv_last_msg`, `conv_is_pinned`, `conv_custom_data`, `conv_mark_array`
/// (one value per mark set), `conv_group_at_info_array`
/// (`conv_group_at_info_seq`, `conv_group_at_info_at_type`: 1 @me, 2 @all,
/// 3 both), `conv_conversation_group_array` (names in byte order), and `conv_group_state`
/// (Huddle's marker: 0 a member, 1 left or removed, 2 group disbanded; the
/// history before stays).
#[no_mangle]
pub extern "C" fn HuddleConvGetConvList(client: *mut HuddleClient, cb: HuddleCommCallback, user_data: *const c_void) -> i32 {
    submit(client, cb, user_data, || Ok(Request::ConvGetConvList))
}

/// The conversations matching `json_filter`: `conversation_list_filter_conversation_group`
/// (a group name; "" for conversations in no group), `conversation_list_filter_conv_type`,
/// `conversation_list_filter_has_unread_count`, `conversation_list_filter_has_group_at_info`,
/// `conversation_list_filter_mark_type` (the marks all listed ones carry; 0: those
/// with none; absent: any, but hidden ones).
/// `cb` gets `{"conversation_list_result_conv_list": [...], "conversation_list_result_next_seq": 0,
/// "conversation_list_result_is_finished": true}`.
#[no_mangle]
pub extern "C" fn HuddleConvGetConversationListByFilter(client: *mut HuddleClient, json_filter: *const c_char, cb: HuddleCommCallback, user_data: *const c_void) -> i32 {
    // SAFETY: string arguments are NUL-terminated and valid for the call (huddle.h).
    submit(client, cb, user_data, || unsafe { Ok(Request::ConvGetConversationListByFilter(convert::json_object(json_filter)?)) })
}

/// Removes a conversation from the caller's list (a newer message brings it
/// back, without the old messages). Unknown conversation: 6004. `cb` gets `{}`.
#[no_mangle]
pub extern "C" fn HuddleConvDelete(client: *mut HuddleClient, conv_id: *const c_char, conv_type: i32, cb: HuddleCommCallback, user_data: *const c_void) -> i32 {
    // SAFETY: string arguments are NUL-terminated and valid for the call (huddle.h).
    submit(client, cb, user_data, || unsafe { Ok(Request::ConvDelete { conv: convert::conv(conv_id, conv_type)? }) })
}

/// Pins or unpins a conversation (pinned ones list first). Unknown: 6004. `cb` gets `{}`.
#[no_mangle]
pub extern "C" fn HuddleConvPinConversation(client: *mut HuddleClient, conv_id: *const c_char, conv_type: i32, is_pinned: bool, cb: HuddleCommCallback, user_data: *const c_void) -> i32 {
    // SAFETY: string arguments are NUL-terminated and valid for the call (huddle.h).
    submit(client, cb, user_data, || unsafe { Ok(Request::ConvPin { conv: convert::conv(conv_id, conv_type)?, pinned: is_pinned }) })
}

/// Sets the caller's draft in a conversation (Tencent's `TIMConvSetDraft`,
/// without a callback as there). `json_draft_param` is Tencent's Draft:
/// `draft_msg` (an object, the unsent message as the app keeps it, kept as
/// given; default `{}`), `draft_user_define` (a string, default ""),
/// `draft_edit_time` (seconds; 0 or absent: now). It is kept per user and
/// conversation, and shows in the conversation's views as `conv_draft` (the
/// same three keys) with `conv_is_has_draft` true; the conversation listener
/// gets an update. Sync: -5 for a NULL `conv_id` or an unknown `conv_type`,
/// -3 for invalid UTF-8 or JSON, -4 for NULL or a JSON of the wrong shape.
/// The draft is set in order with the client's other calls; a conversation
/// the caller does not have (one not in `HuddleConvGetConvList`) keeps no
/// draft.
#[no_mangle]
pub extern "C" fn HuddleConvSetDraft(client: *mut HuddleClient, conv_id: *const c_char, conv_type: i32, json_draft_param: *const c_char) -> i32 {
    // SAFETY: string arguments are NUL-terminated and valid for the call (huddle.h).
    submit(client, None, std::ptr::null(), || unsafe {
        Ok(Request::ConvSetDraft { conv: convert::conv(conv_id, conv_type)?, draft: Some(convert::json_object(json_draft_param)?) })
    })
}

/// Removes the caller's draft from a conversation (Tencent's
/// `TIMConvCancelDraft`, without a callback as there): `conv_is_has_draft`
/// is false again and `conv_draft` null; the conversation listener gets an
/// update. Sync: -5 for a NULL `conv_id` or an unknown `conv_type`, -3 for
/// invalid UTF-8.
#[no_mangle]
pub extern "C" fn HuddleConvCancelDraft(client: *mut HuddleClient, conv_id: *const c_char, conv_type: i32) -> i32 {
    // SAFETY: string arguments are NUL-terminated and valid for the call (huddle.h).
    submit(client, None, std::ptr::null(), || unsafe { Ok(Request::ConvSetDraft { conv: convert::conv(conv_id, conv_type)?, draft: None }) })
}

/// `cb` gets `{"conv_get_total_unread_message_count_result_unread_count": N}`.
#[no_mangle]
pub extern "C" fn HuddleConvGetTotalUnreadMessageCount(client: *mut HuddleClient, cb: HuddleCommCallback, user_data: *const c_void) -> i32 {
    submit(client, cb, user_data, || Ok(Request::ConvGetTotalUnreadMessageCount))
}

/// Sets the conversation listener (NULL removes it): `conv_event` 0 added,
/// 1 deleted, 2 updated, and a JSON array with the conversation (keys as in
/// `HuddleConvGetConvList`).
#[no_mangle]
pub extern "C" fn HuddleSetConvEventCallback(client: *mut HuddleClient, cb: HuddleConvEventCallback, user_data: *const c_void) {
    ffi_boundary!((), {
        let Ok(c) = convert::client(client) else { return };
        c.set_conv_listener(cb.map(|f| convert::kind_listener(f, user_data)));
    })
}

/// Creates a conversation group `group_name` (NULL: -5; 1..32 bytes: 51011; at most 20
/// per user: 51010; a name in use: 6017) holding the conversations of `json_conversation_id_array`
/// (`["c2c_bob", "group_guild"]`). `cb` gets one
/// `{"conversation_operation_result_conversation_id", "_result_code", "_result_info"}`
/// per conversation (6004 for one the user does not have). Conversation
/// groups belong to the user: every client of the user sees them, and gets
/// the conversation-group event (0 created).
#[no_mangle]
pub extern "C" fn HuddleConvCreateConversationGroup(client: *mut HuddleClient, group_name: *const c_char, json_conversation_id_array: *const c_char, cb: HuddleCommCallback, user_data: *const c_void) -> i32 {
    // SAFETY: string arguments are NUL-terminated and valid for the call (huddle.h).
    submit(client, cb, user_data, || unsafe { Ok(Request::ConvCreateGroup { name: convert::conv_text(group_name)?, conv_ids: convert::json(json_conversation_id_array)? }) })
}

/// The caller's conversation groups, in creation order: a JSON array of names.
#[no_mangle]
pub extern "C" fn HuddleConvGetConversationGroupList(client: *mut HuddleClient, cb: HuddleCommCallback, user_data: *const c_void) -> i32 {
    submit(client, cb, user_data, || Ok(Request::ConvGetGroupList))
}

/// Deletes a conversation group (its conversations stay, each with a
/// conversation update). Unknown name: 51009. Event 1 (deleted). `cb` gets `{}`.
#[no_mangle]
pub extern "C" fn HuddleConvDeleteConversationGroup(client: *mut HuddleClient, group_name: *const c_char, cb: HuddleCommCallback, user_data: *const c_void) -> i32 {
    // SAFETY: string arguments are NUL-terminated and valid for the call (huddle.h).
    submit(client, cb, user_data, || unsafe { Ok(Request::ConvDeleteGroup { name: convert::conv_text(group_name)? }) })
}

/// Renames a conversation group. Unknown `old_name`: 51009; `new_name` not
/// 1..32 bytes: 51011; taken: 6017. Event 2 (renamed), and a conversation
/// update for each conversation in it. `cb` gets `{}`.
#[no_mangle]
pub extern "C" fn HuddleConvRenameConversationGroup(client: *mut HuddleClient, old_name: *const c_char, new_name: *const c_char, cb: HuddleCommCallback, user_data: *const c_void) -> i32 {
    // SAFETY: string arguments are NUL-terminated and valid for the call (huddle.h).
    submit(client, cb, user_data, || unsafe { Ok(Request::ConvRenameGroup { old_name: convert::conv_text(old_name)?, new_name: convert::conv_text(new_name)? }) })
}

/// Adds conversations to a group (a conversation may be in several groups).
/// Unknown group: 51009. `cb` gets the per-conversation results (as for
/// creation). Event 3 (conversations added).
#[no_mangle]
pub extern "C" fn HuddleConvAddConversationsToGroup(client: *mut HuddleClient, group_name: *const c_char, json_conversation_id_array: *const c_char, cb: HuddleCommCallback, user_data: *const c_void) -> i32 {
    // SAFETY: string arguments are NUL-terminated and valid for the call (huddle.h).
    submit(client, cb, user_data, || unsafe { Ok(Request::ConvAddToGroup { name: convert::conv_text(group_name)?, conv_ids: convert::json(json_conversation_id_array)? }) })
}

/// Removes conversations from a group. Unknown group: 51009. `cb` gets the
/// per-conversation results. Event 4 (conversations deleted).
#[no_mangle]
pub extern "C" fn HuddleConvDeleteConversationsFromGroup(client: *mut HuddleClient, group_name: *const c_char, json_conversation_id_array: *const c_char, cb: HuddleCommCallback, user_data: *const c_void) -> i32 {
    // SAFETY: string arguments are NUL-terminated and valid for the call (huddle.h).
    submit(client, cb, user_data, || unsafe { Ok(Request::ConvDeleteFromGroup { name: convert::conv_text(group_name)?, conv_ids: convert::json(json_conversation_id_array)? }) })
}

/// Sets the conversation-group listener (NULL removes it): `event` 0 created,
/// 1 deleted, 2 renamed, 3 conversations added, 4 conversations deleted, and
/// a JSON object: `conversation_group_name`, `conversation_group_new_name`
/// (renames), `conversation_group_conv_id_array` (created, added, deleted).
#[no_mangle]
pub extern "C" fn HuddleSetConvGroupEventCallback(client: *mut HuddleClient, cb: HuddleConvGroupEventCallback, user_data: *const c_void) {
    ffi_boundary!((), {
        let Ok(c) = convert::client(client) else { return };
        c.set_conv_group_listener(cb.map(|f| convert::kind_listener(f, user_data)));
    })
}

/// A conversation-group event's parts, as Tencent's typed callbacks take
/// them: the group's name, its new name (renames), and the conversations
/// (created, added, deleted) as a JSON array of `conv_id` and `conv_type`.
struct ConvGroupParts {
    name: CString,
    new_name: CString,
    convs: CString,
}

impl ConvGroupParts {
    fn of(json: &Json) -> ConvGroupParts {
        let v: Value = serde_json::from_str(json.as_str()).unwrap_or_default();
        let text = |key: &str| convert::cstring(v[key].as_str().unwrap_or_default());
        let convs: Vec<Value> = v["conversation_group_conv_id_array"]
            .as_array()
            .into_iter()
            .flatten()
            .filter_map(Value::as_str)
            .filter_map(|id| match id.split_once('_') {
                Some(("c2c", peer)) => Some(json!({ "conv_id": peer, "conv_type": ConvType::C2C })),
                Some(("group", group)) => Some(json!({ "conv_id": group, "conv_type": ConvType::Group })),
                _ => None,
            })
            .collect();
        ConvGroupParts { name: text("conversation_group_name"), new_name: text("conversation_group_new_name"), convs: convert::cstring(&Value::from(convs).to_string()) }
    }
}

/// Sets `kind`'s listener to `call` with the event's parts, or removes it.
fn set_kind_listener(client: *mut HuddleClient, kind: ConvGroupEvent, call: Option<impl Fn(&ConvGroupParts) + Send + Sync + 'static>) {
    let Ok(c) = convert::client(client) else { return };
    let listener = call.map(|call| -> KindListener { std::sync::Arc::new(move |_, json: &Json| call(&ConvGroupParts::of(json))) });
    c.set_conv_group_kind_listener(kind, listener);
}

/// Sets the listener of new conversation groups (NULL removes it), as
/// Tencent's `TIMSetConvConversationGroupCreatedCallback`: the group's name
/// and its conversations, a JSON array of `conv_id` and `conv_type`. It hears
/// what event 0 of `HuddleSetConvGroupEventCallback` hears, beside it, on the
/// client's callback thread (or `HuddlePoll`); the strings live until it returns.
#[no_mangle]
pub extern "C" fn HuddleSetConvConversationGroupCreatedCallback(client: *mut HuddleClient, cb: HuddleConvConversationGroupCreatedCallback, user_data: *const c_void) {
    let ud = UserData(user_data);
    ffi_boundary!((), {
        // SAFETY: the host's callback and its user_data, as it set them (huddle.h).
        set_kind_listener(client, ConvGroupEvent::Created, cb.map(|f| move |p: &ConvGroupParts| unsafe { f(p.name.as_ptr(), p.convs.as_ptr(), ud.get()) }))
    })
}

/// Sets the listener of deleted conversation groups (NULL removes it), as
/// Tencent's `TIMSetConvConversationGroupDeletedCallback`: the group's name.
/// Event 1 of `HuddleSetConvGroupEventCallback`; threads as there.
#[no_mangle]
pub extern "C" fn HuddleSetConvConversationGroupDeletedCallback(client: *mut HuddleClient, cb: HuddleConvConversationGroupDeletedCallback, user_data: *const c_void) {
    let ud = UserData(user_data);
    ffi_boundary!((), {
        // SAFETY: as in `HuddleSetConvConversationGroupCreatedCallback`.
        set_kind_listener(client, ConvGroupEvent::Deleted, cb.map(|f| move |p: &ConvGroupParts| unsafe { f(p.name.as_ptr(), ud.get()) }))
    })
}

/// Sets the listener of renamed conversation groups (NULL removes it), as
/// Tencent's `TIMSetConvConversationGroupNameChangedCallback`: the old name
/// and the new. Event 2 of `HuddleSetConvGroupEventCallback`; threads as there.
#[no_mangle]
pub extern "C" fn HuddleSetConvConversationGroupNameChangedCallback(client: *mut HuddleClient, cb: HuddleConvConversationGroupNameChangedCallback, user_data: *const c_void) {
    let ud = UserData(user_data);
    ffi_boundary!((), {
        // SAFETY: as in `HuddleSetConvConversationGroupCreatedCallback`.
        set_kind_listener(client, ConvGroupEvent::Renamed, cb.map(|f| move |p: &ConvGroupParts| unsafe { f(p.name.as_ptr(), p.new_name.as_ptr(), ud.get()) }))
    })
}

/// Sets the listener of conversations added to a group (NULL removes it), as
/// Tencent's `TIMSetConvConversationsAddedToGroupCallback`: the group's name
/// and the conversations added (JSON array of `conv_id` and `conv_type`).
/// Event 3 of `HuddleSetConvGroupEventCallback`; threads as there.
#[no_mangle]
pub extern "C" fn HuddleSetConvConversationsAddedToGroupCallback(client: *mut HuddleClient, cb: HuddleConvConversationsAddedToGroupCallback, user_data: *const c_void) {
    let ud = UserData(user_data);
    ffi_boundary!((), {
        // SAFETY: as in `HuddleSetConvConversationGroupCreatedCallback`.
        set_kind_listener(client, ConvGroupEvent::ConversationsAdded, cb.map(|f| move |p: &ConvGroupParts| unsafe { f(p.name.as_ptr(), p.convs.as_ptr(), ud.get()) }))
    })
}

/// Sets the listener of conversations taken out of a group (NULL removes
/// it), as Tencent's `TIMSetConvConversationsDeletedFromGroupCallback`: the
/// group's name, the conversations (JSON array of `conv_id` and `conv_type`)
/// and the reason, always 0 (the user took them out). Event 4 of
/// `HuddleSetConvGroupEventCallback`; threads as there.
#[no_mangle]
pub extern "C" fn HuddleSetConvConversationsDeletedFromGroupCallback(client: *mut HuddleClient, cb: HuddleConvConversationsDeletedFromGroupCallback, user_data: *const c_void) {
    let ud = UserData(user_data);
    ffi_boundary!((), {
        // SAFETY: as in `HuddleSetConvConversationGroupCreatedCallback`.
        set_kind_listener(client, ConvGroupEvent::ConversationsDeleted, cb.map(|f| move |p: &ConvGroupParts| unsafe { f(p.name.as_ptr(), p.convs.as_ptr(), 0, ud.get()) }))
    })
}
