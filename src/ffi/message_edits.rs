//! Deleting, editing, finding, inserting and searching messages (Tencent's
//! TIMMsgDelete ... TIMMsgSearchLocalMessages, TIMMsgMarkAllMessageAsRead).

use std::ffi::{c_char, c_void};

use crate::params::{LocalMessage, MessageRef, MsgLocator};
use crate::service::Request;

use super::convert::{self, ffi_boundary, submit};
use super::{HuddleClient, HuddleCommCallback, HuddleMsgUpdateCallback};

/// Deletes one message for the caller only (Tencent's `TIMMsgDelete`).
/// `json_msgdel_param` is Tencent's MsgDeleteParam: `msg_delete_param_msg`
/// (required: the message, named by `message_msg_id` or `message_seq`) and
/// `msg_delete_param_is_ramble` (accepted and ignored: Huddle keeps one copy
/// of the caller's messages, so local and roaming are the same delete).
/// The message leaves the caller's history, conversation (`conv_last_msg`,
/// unread count) and search, on every device and after a restart; everyone
/// else keeps it. `HuddleMsgFindMessages` still finds it, with
/// `message_status` 4 (Deleted). The conversation listener gets an update
/// (a delete when nothing is left). `cb` gets `{}`. Errors: 10030 for a
/// message the caller's conversation does not show, 10007 for a group the
/// caller never was in. Sync: -5 for a NULL `conv_id` or an unknown
/// `conv_type`, -3 for invalid UTF-8 or JSON, -4 for NULL or a JSON of the
/// wrong shape.
#[no_mangle]
pub extern "C" fn HuddleMsgDelete(
    client: *mut HuddleClient,
    conv_id: *const c_char,
    conv_type: i32,
    json_msgdel_param: *const c_char,
    cb: HuddleCommCallback,
    user_data: *const c_void,
) -> i32 {
    // SAFETY: string arguments are NUL-terminated and valid for the call (huddle.h).
    submit(client, cb, user_data, || unsafe {
        Ok(Request::MsgDelete { conv: convert::conv(conv_id, conv_type)?, param: convert::json_object(json_msgdel_param)? })
    })
}

/// Deletes up to 50 messages of one conversation for the caller only
/// (Tencent's `TIMMsgListDelete`), all or none: `json_msg_array` is a JSON
/// array of messages, each named by `message_msg_id` or `message_seq` (the
/// messages as Huddle gave them will do; other keys are ignored). As
/// `HuddleMsgDelete` otherwise; an empty array or more than 50: 6017.
#[no_mangle]
pub extern "C" fn HuddleMsgListDelete(
    client: *mut HuddleClient,
    conv_id: *const c_char,
    conv_type: i32,
    json_msg_array: *const c_char,
    cb: HuddleCommCallback,
    user_data: *const c_void,
) -> i32 {
    // SAFETY: string arguments are NUL-terminated and valid for the call (huddle.h).
    submit(client, cb, user_data, || unsafe {
        let msgs: Vec<MessageRef> = convert::json_objects(json_msg_array)?;
        Ok(Request::MsgListDelete { conv: convert::conv(conv_id, conv_type)?, msgs })
    })
}

/// Empties the caller's conversation of every message so far (Tencent's
/// `TIMMsgClearHistoryMessage`), for the caller only: its history and
/// search show none of them, its unread count is 0, and the conversation
/// leaves its list (a delete event) until a newer message comes; everyone
/// else keeps theirs. `cb` gets `{}`. 10007 for a group the caller never
/// was in. Sync: -5 for a NULL `conv_id` or an unknown `conv_type`, -3 for
/// invalid UTF-8.
#[no_mangle]
pub extern "C" fn HuddleMsgClearHistoryMessage(
    client: *mut HuddleClient,
    conv_id: *const c_char,
    conv_type: i32,
    cb: HuddleCommCallback,
    user_data: *const c_void,
) -> i32 {
    // SAFETY: string arguments are NUL-terminated and valid for the call (huddle.h).
    submit(client, cb, user_data, || unsafe { Ok(Request::MsgClearHistoryMessage { conv: convert::conv(conv_id, conv_type)? }) })
}

/// Edits a sent message for everyone who has it (Tencent's
/// `TIMMsgModifyMessage`). `json_msg_param` is the message as Huddle gave
/// it, changed: `message_conv_id` and `message_conv_type` say where it is,
/// `message_msg_id` (or `message_seq`) which one, `message_version` which
/// version was edited (absent: 0, the message as sent; every message Huddle
/// gives out carries its version once edited), and the new
/// `message_elem_array` (checked as a sent message's) and/or
/// `message_cloud_custom_str` (an absent key keeps its value). Any member
/// of the group (or either user of a C2C conversation) may edit a message;
/// a member who left: 10007; a recalled message: 6017; unknown: 10030.
/// On success the version goes up by one, `cb` gets the edited message,
/// and every user who has it (the editor's sessions too) gets it through
/// the listener of `HuddleSetMsgUpdateCallback`. If someone edited it first
/// (the version given is not the message's), nothing changes and `cb` gets
/// 8006 with the message as it is now, to edit again. Sync: -3 for invalid
/// UTF-8 or JSON, -4 for NULL or a JSON of the wrong shape.
#[no_mangle]
pub extern "C" fn HuddleMsgModifyMessage(client: *mut HuddleClient, json_msg_param: *const c_char, cb: HuddleCommCallback, user_data: *const c_void) -> i32 {
    // SAFETY: string arguments are NUL-terminated and valid for the call (huddle.h).
    submit(client, cb, user_data, || unsafe { Ok(Request::MsgModifyMessage(convert::json_object(json_msg_param)?)) })
}

/// Sets the listener of edited messages (Tencent's `TIMSetMsgUpdateCallback`;
/// NULL removes it). It gets a JSON array of messages as they are after the
/// edit (`message_version` one higher), on the client's dispatcher, in order
/// with the other events; a session that was away gets the edits it missed
/// when it comes back.
#[no_mangle]
pub extern "C" fn HuddleSetMsgUpdateCallback(client: *mut HuddleClient, cb: HuddleMsgUpdateCallback, user_data: *const c_void) {
    ffi_boundary!((), {
        let Ok(c) = convert::client(client) else { return };
        c.set_update_listener(cb.map(|f| convert::json_listener(f, user_data)));
    })
}

/// Finds the caller's messages by ID in all its conversations (Tencent's
/// `TIMMsgFindMessages`): `json_message_id_array` is a JSON array of
/// `message_msg_id`s. `cb` gets a JSON array of the messages found, in the
/// order asked (unknown IDs, and messages the caller never had, are left
/// out), recalled ones with `message_status` 6 and ones the caller deleted
/// with 4. Sync: -3 for invalid UTF-8 or JSON, -4 for NULL or a JSON that
/// is not an array of strings.
#[no_mangle]
pub extern "C" fn HuddleMsgFindMessages(client: *mut HuddleClient, json_message_id_array: *const c_char, cb: HuddleCommCallback, user_data: *const c_void) -> i32 {
    // SAFETY: string arguments are NUL-terminated and valid for the call (huddle.h).
    submit(client, cb, user_data, || unsafe { Ok(Request::MsgFindMessages { msg_ids: convert::json(json_message_id_array)? }) })
}

/// Finds messages of one conversation by locator (Tencent's
/// `TIMMsgFindByMsgLocatorList`): `json_msg_locator_array` is a JSON array
/// of Tencent's MsgLocator, each naming one message by
/// `message_locator_seq` (or, when 0 or absent, by
/// `message_locator_unique_id` or Huddle's `message_locator_msg_id`),
/// and, when given non-zero, `message_locator_rand` and
/// `message_locator_time` must be the message's too (`_is_revoked` and
/// `_is_self` are ignored). The revoke listener's locators will do. `cb`
/// gets a JSON array of the messages found, in the order asked, with their
/// `message_status` (6 recalled, 4 deleted by the caller). 10007 for a
/// group the caller never was in. Sync: -5 for a NULL `conv_id` or an
/// unknown `conv_type`, -3 for invalid UTF-8 or JSON, -4 for NULL or a JSON
/// that is not an array of objects.
#[no_mangle]
pub extern "C" fn HuddleMsgFindByMsgLocatorList(
    client: *mut HuddleClient,
    conv_id: *const c_char,
    conv_type: i32,
    json_msg_locator_array: *const c_char,
    cb: HuddleCommCallback,
    user_data: *const c_void,
) -> i32 {
    // SAFETY: string arguments are NUL-terminated and valid for the call (huddle.h).
    submit(client, cb, user_data, || unsafe {
        let locators: Vec<MsgLocator> = convert::json_objects(json_msg_locator_array)?;
        Ok(Request::MsgFindByMsgLocatorList { conv: convert::conv(conv_id, conv_type)?, locators })
    })
}

/// Keeps the caller's own data on a message (Tencent's
/// `TIMMsgSetLocalCustomData`), never sent to anyone: `json_msg_param` is
/// the message (`message_conv_id`, `message_conv_type`, `message_msg_id` or
/// `message_seq`) with `message_custom_str` (a string, default "") and
/// `message_custom_int` (an unsigned 32-bit number, default 0), which
/// replace what was kept. Every message the caller is given afterwards
/// carries them (omitted while "" and 0); other users see none. Kept in the
/// store, so a restart keeps them. `cb` gets `{}`. Errors: 10030 for a
/// message the caller's conversation does not show. Sync: -3 for invalid
/// UTF-8 or JSON, -4 for NULL or a JSON of the wrong shape.
#[no_mangle]
pub extern "C" fn HuddleMsgSetLocalCustomData(client: *mut HuddleClient, json_msg_param: *const c_char, cb: HuddleCommCallback, user_data: *const c_void) -> i32 {
    // SAFETY: string arguments are NUL-terminated and valid for the call (huddle.h).
    submit(client, cb, user_data, || unsafe { Ok(Request::MsgSetLocalCustomData(convert::json_object(json_msg_param)?)) })
}

/// Inserts a message into the caller's conversation without sending it
/// (Tencent's `TIMMsgSaveMsg`): a note only the caller sees, in its history,
/// conversation and search; no one else is told of it or has it (one
/// from another sender counts as unread until the caller reads the
/// conversation). `json_msg_param` is a message:
/// `message_elem_array` (required, checked as a sent message's),
/// `message_sender` (default the caller), `message_server_time` (default
/// now), `message_client_time`, `message_cloud_custom_str`, `message_rand`.
/// It gets the next `message_seq`, a `message_msg_id` and `message_status`
/// 5 (LocalImported); `cb` gets it. A C2C conversation the caller never had
/// is created for the caller only; in a group the caller must be a member
/// (10007). Sync: -5 for a NULL `conv_id` or an unknown `conv_type`, -3 for
/// invalid UTF-8 or JSON, -4 for NULL or a JSON of the wrong shape.
#[no_mangle]
pub extern "C" fn HuddleMsgSaveMsg(
    client: *mut HuddleClient,
    conv_id: *const c_char,
    conv_type: i32,
    json_msg_param: *const c_char,
    cb: HuddleCommCallback,
    user_data: *const c_void,
) -> i32 {
    // SAFETY: string arguments are NUL-terminated and valid for the call (huddle.h).
    submit(client, cb, user_data, || unsafe {
        let msg: LocalMessage = convert::json_object(json_msg_param)?;
        Ok(Request::MsgInsertLocal { conv: convert::conv(conv_id, conv_type)?, msgs: vec![msg], one: true })
    })
}

/// Inserts many messages as `HuddleMsgSaveMsg` does, in the order given, all
/// or none (Tencent's `TIMMsgImportMsgList`): `json_msg_array` is a JSON array
/// of messages with the keys `HuddleMsgSaveMsg` takes. `cb` gets the array
/// of inserted messages. An empty array: 6017. Sync: as `HuddleMsgSaveMsg`,
/// -4 also for a JSON that is not an array of objects.
#[no_mangle]
pub extern "C" fn HuddleMsgImportMsgList(
    client: *mut HuddleClient,
    conv_id: *const c_char,
    conv_type: i32,
    json_msg_array: *const c_char,
    cb: HuddleCommCallback,
    user_data: *const c_void,
) -> i32 {
    // SAFETY: string arguments are NUL-terminated and valid for the call (huddle.h).
    submit(client, cb, user_data, || unsafe {
        let msgs: Vec<LocalMessage> = convert::json_objects(json_msg_array)?;
        Ok(Request::MsgInsertLocal { conv: convert::conv(conv_id, conv_type)?, msgs, one: false })
    })
}

/// Searches the caller's messages (Tencent's `TIMMsgSearchLocalMessages`),
/// through a full-text index (SQLite FTS5) of their text elems and custom
/// elems' `custom_elem_desc` / `custom_elem_ext`. `json_search_message_param`
/// is Tencent's MessageSearchParam:
/// `msg_search_param_keyword_array` (at most 5: 6017 past it),
/// `msg_search_param_keyword_list_match_type` (0 any keyword, the default;
/// 1 all of them), `msg_search_param_send_identifier_array` (only these
/// senders), `msg_search_param_message_type_array` (elem types; a message
/// with any of them), `msg_search_param_conv_id` with
/// `msg_search_param_conv_type` (1 or 2: that conversation only; absent or
/// 0: all), `msg_search_param_search_time_position` (seconds, default now)
/// and `msg_search_param_search_time_period` (seconds before it; 0: no
/// limit), `msg_search_param_page_index` and `msg_search_param_page_size`
/// (0: everything). Keywords, senders or types must be given (else 6017).
/// A keyword matches words from their start ("hel" finds "Hello", case
/// aside) and Chinese, Japanese and Korean text anywhere, however short the
/// keyword ("大学" finds "东京大学的"); a keyword of several words needs
/// them all. Recalled messages, and messages the caller deleted or cannot
/// see, are never found. `cb` gets Tencent's MessageSearchResult: for one
/// conversation, `msg_search_result_total_count` (matching messages) and
/// one `msg_search_result_item_array` item (none if nothing matched) whose
/// `msg_search_result_item_message_array` is the page of messages, newest
/// first (in the order of the conversation's history); for all conversations, the count of conversations with a match
/// and a page of them (the newest match first), each item with
/// `msg_search_result_item_conv_id` (group or peer user ID),
/// `_conv_type`, `_total_message_count` and the message itself when it is
/// its only match (else an empty array). Sync: -3 for invalid UTF-8 or
/// JSON, -4 for NULL or a JSON of the wrong shape.
#[no_mangle]
pub extern "C" fn HuddleMsgSearchLocalMessages(
    client: *mut HuddleClient,
    json_search_message_param: *const c_char,
    cb: HuddleCommCallback,
    user_data: *const c_void,
) -> i32 {
    // SAFETY: string arguments are NUL-terminated and valid for the call (huddle.h).
    submit(client, cb, user_data, || unsafe { Ok(Request::MsgSearchLocalMessages(convert::json_object(json_search_message_param)?)) })
}

/// Marks every conversation of the caller read (Tencent's
/// `TIMMsgMarkAllMessageAsRead`): each unread count is 0 and each
/// conversation that had unread messages gets a conversation event
/// (update). `cb` gets `{}`.
#[no_mangle]
pub extern "C" fn HuddleMsgMarkAllMessageAsRead(client: *mut HuddleClient, cb: HuddleCommCallback, user_data: *const c_void) -> i32 {
    submit(client, cb, user_data, || Ok(Request::MsgMarkAllMessageAsRead))
}
