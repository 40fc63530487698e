//! Read receipts, message extensions, reactions and pinned group messages
//! (Tencent's, issue 13). Each function names messages as Tencent's do: by
//! the message's own JSON, as a send callback, the new-message listener or
//! `HuddleMsgGetMsgList` gave it.

use std::ffi::{c_char, c_void};

use serde::Deserialize;

use crate::client::{MsgIdListener, PinListener};
use crate::types::ReadFilter;
use crate::event::Json;
use crate::response::Response;
use crate::service::Request;

use super::convert::{self, ffi_boundary, submit, UserData};
use super::{HuddleClient, HuddleCommCallback};

/// Receives one page of a group message's read or unread members
/// (`HuddleMsgGetGroupMessageReadMemberList`): a JSON array of members
/// (`group_member_info_identifier`, `_name_card`, `_nick_name`,
/// `_face_url`), where the next page starts, and whether this was the last.
pub type HuddleMsgGroupMessageReadMemberListCallback =
    Option<unsafe extern "C" fn(json_group_member_array: *const c_char, next_seq: u64, is_finished: bool, user_data: *const c_void)>;

/// Receives read receipts: a JSON array of Tencent's MessageReceipt.
pub type HuddleMsgReadedReceiptCallback = Option<unsafe extern "C" fn(json_msg_read_receipt_array: *const c_char, user_data: *const c_void)>;

/// Receives a message's ID and the extensions set on it (a JSON array of
/// `message_extension_key` and `message_extension_value`).
pub type HuddleMsgExtensionsChangedCallback =
    Option<unsafe extern "C" fn(message_id: *const c_char, message_extension_array: *const c_char, user_data: *const c_void)>;

/// Receives a message's ID and the extension keys deleted from it (a JSON
/// array of objects with `message_extension_key`).
pub type HuddleMsgExtensionsDeletedCallback =
    Option<unsafe extern "C" fn(message_id: *const c_char, message_extension_key_array: *const c_char, user_data: *const c_void)>;

/// Receives the reactions that changed: a JSON array of Tencent's
/// MessageReactionChangeInfo.
pub type HuddleMsgReactionsChangedCallback = Option<unsafe extern "C" fn(message_reaction_change_info_array: *const c_char, user_data: *const c_void)>;

/// Receives a pinned or unpinned group message: the group ID, the message
/// (JSON), whether it is now pinned, and who did it (a JSON UserProfile).
pub type HuddleMsgGroupPinnedMessageChangedCallback = Option<
    unsafe extern "C" fn(group_id: *const c_char, json_msg: *const c_char, is_pinned: bool, op_user: *const c_char, user_data: *const c_void),
>;

/// Marks messages read and tells their senders (Tencent's
/// `TIMMsgSendMessageReadReceipts`). `json_msg_array` is a JSON array of
/// messages as Huddle gave them (each needs `message_conv_id`,
/// `message_conv_type` and `message_msg_id` or `message_seq`; other keys are
/// ignored), each sent with `message_need_read_receipt` true (else 6017) in
/// a C2C conversation or a group of any type but AVChatRoom (6017). Each
/// sender hears, through `HuddleSetMsgReadedReceiptCallback`, one array of
/// receipts: for a group message `msg_receipt_conv_id` (the group),
/// `msg_receipt_conv_type` 2, `msg_receipt_msg_id`, `msg_receipt_read_count`
/// and `msg_receipt_unread_count` (the members who see the message, but the
/// sender, and have not read it); for a C2C message `msg_receipt_conv_id`
/// (the reader), `msg_receipt_conv_type` 1, `msg_receipt_msg_id`,
/// `msg_receipt_is_peer_read` true and `msg_receipt_time_stamp` (when).
/// One's own messages and messages already acknowledged are passed over.
/// Unread counts do not change (`HuddleMsgReportReaded` does that). A
/// message the caller does not see: 10030; a group it never was in: 10007.
/// `cb` gets `{}`. Sync: -3 for invalid UTF-8 or JSON, -4 for NULL or a
/// JSON that is not an array of messages.
#[no_mangle]
pub extern "C" fn HuddleMsgSendMessageReadReceipts(client: *mut HuddleClient, json_msg_array: *const c_char, cb: HuddleCommCallback, user_data: *const c_void) -> i32 {
    // SAFETY: string arguments are NUL-terminated and valid for the call (huddle.h).
    submit(client, cb, user_data, || unsafe { Ok(Request::MsgSendMessageReadReceipts { msgs: convert::json(json_msg_array)? }) })
}

/// The read receipts of messages of one conversation (Tencent's
/// `TIMMsgGetMessageReadReceipts`; messages of several: 6017). `cb` gets an
/// array of MessageReceipt, one per message in order, as
/// `HuddleMsgSendMessageReadReceipts` describes them (a group message's
/// `msg_receipt_time_stamp` is its latest receipt's). Sync codes as there.
#[no_mangle]
pub extern "C" fn HuddleMsgGetMessageReadReceipts(client: *mut HuddleClient, json_msg_array: *const c_char, cb: HuddleCommCallback, user_data: *const c_void) -> i32 {
    // SAFETY: string arguments are NUL-terminated and valid for the call (huddle.h).
    submit(client, cb, user_data, || unsafe { Ok(Request::MsgGetMessageReadReceipts { msgs: convert::json(json_msg_array)? }) })
}

/// The members of a group message's group who read it (`filter` 0,
/// Tencent's `TIM_GROUP_MESSAGE_READ_MEMBERS_FILTER_READ`, in the order they
/// did) or who see it and did not (1, `_UNREAD`, in join order), a page of
/// `count` (1..100) from `next_seq` (0 for the first page). `cb` (Tencent's
/// signature, which has no code) gets the page, the `next_seq` of the next
/// one and whether this was the last; when the call fails (a C2C message, a
/// `count` out of range: 6017; a message the caller does not see: 10030; a
/// group of another type than those with receipts) it gets an empty page,
/// `next_seq` unchanged and `is_finished` true. Sync: -3, or -4 for NULL, a
/// JSON that is not a message or a `filter` other than 0 and 1.
#[no_mangle]
pub extern "C" fn HuddleMsgGetGroupMessageReadMemberList(
    client: *mut HuddleClient,
    json_msg: *const c_char,
    filter: i32,
    next_seq: u64,
    count: u32,
    cb: HuddleMsgGroupMessageReadMemberListCallback,
    user_data: *const c_void,
) -> i32 {
    convert::guarded(|| {
        let c = convert::logged_in(client)?;
        let filter = ReadFilter::from_int(filter as i64).ok_or(super::HuddleResult::HUDDLE_ERR_PARAM)?;
        // SAFETY: string arguments are NUL-terminated and valid for the call (huddle.h).
        let msg = unsafe { convert::json_object(json_msg)? };
        let ud = UserData(user_data);
        let done = Box::new(move |resp: Response| {
            let ud = ud;
            let Some(cb) = cb else { return };
            #[derive(Deserialize)]
            struct Page {
                members: serde_json::Value,
                next_seq: u64,
                is_finished: bool,
            }
            let page = serde_json::from_str::<Page>(&resp.json).ok().filter(|_| resp.code == 0);
            let (members, next, finished) = page.map_or(("[]".to_string(), next_seq, true), |p| (p.members.to_string(), p.next_seq, p.is_finished));
            let members = convert::owned_cstring(members);
            // SAFETY: a callback the caller registered; the string lives until it returns.
            unsafe { cb(members.as_ptr(), next, finished, ud.0) };
        });
        c.call(Request::MsgGetGroupMessageReadMemberList { msg, filter, next_seq, count }, done).map_err(convert::refused)
    })
}

/// Sets the read-receipt listener (NULL removes it; Tencent's
/// `TIMSetMsgReadedReceiptCallback`). It hears, on the client's callback
/// thread, a JSON array of MessageReceipt: the receipts others sent for the
/// user's messages (see `HuddleMsgSendMessageReadReceipts`), and, when a C2C
/// peer marks the conversation read (`HuddleMsgReportReaded`), one with
/// `msg_receipt_conv_id` the peer, `msg_receipt_msg_id` "" and
/// `msg_receipt_time_stamp` the time of that. Only the user concerned hears
/// them. They are not told again after a reconnect: read the receipts anew.
#[no_mangle]
pub extern "C" fn HuddleSetMsgReadedReceiptCallback(client: *mut HuddleClient, cb: HuddleMsgReadedReceiptCallback, user_data: *const c_void) {
    ffi_boundary!((), {
        let Ok(c) = convert::client(client) else { return };
        c.set_read_receipt_listener(cb.map(|f| convert::json_listener(f, user_data)));
    })
}

/// Sets extensions of a message (Tencent's `TIMMsgSetMessageExtensions`):
/// `json_extension_array` is an array of `message_extension_key` (1..100
/// bytes) and `message_extension_value` (up to 1 KB), 1..20 of them; a key
/// the message has gets the new value. The message (see
/// `HuddleMsgSendMessageReadReceipts` for how it is named) must have been sent
/// with `message_support_message_extension` true, not be recalled, nor of an
/// AVChatRoom, and hold at most 300 extensions after (each of these: 6017).
/// Tencent's conflict rule: the message's JSON as the caller got it
/// carries `message_extension_version` (every change to its extensions
/// bumps it); a key someone else changed after that version is not set,
/// and its result has code 23001 (`HUDDLE_CODE_MSG_EXTENSION_CONFLICT`)
/// with the value the key has now in its `message_extension_item`. The
/// other keys are set; `cb`'s code is then 23001. Get the message again
/// (`HuddleMsgFindMessages`, the history) and set it again as needed. A
/// message named without `message_extension_version` is not checked.
/// `cb` gets an array of `message_extension_result_code`,
/// `message_extension_result_info` and `message_extension_item` (the pair).
/// Every member who sees the message (or both C2C users) hears
/// `HuddleSetMsgExtensionsChangedCallback`. Sync: -3, -4 for NULL or JSON of
/// the wrong shape.
#[no_mangle]
pub extern "C" fn HuddleMsgSetMessageExtensions(
    client: *mut HuddleClient,
    json_msg: *const c_char,
    json_extension_array: *const c_char,
    cb: HuddleCommCallback,
    user_data: *const c_void,
) -> i32 {
    // SAFETY: string arguments are NUL-terminated and valid for the call (huddle.h).
    submit(client, cb, user_data, || unsafe {
        Ok(Request::MsgSetMessageExtensions { msg: convert::json_object(json_msg)?, extensions: convert::json(json_extension_array)? })
    })
}

/// A message's extensions (Tencent's `TIMMsgGetMessageExtensions`): `cb` gets
/// an array of `message_extension_key` and `message_extension_value`, by key.
#[no_mangle]
pub extern "C" fn HuddleMsgGetMessageExtensions(client: *mut HuddleClient, json_msg: *const c_char, cb: HuddleCommCallback, user_data: *const c_void) -> i32 {
    // SAFETY: string arguments are NUL-terminated and valid for the call (huddle.h).
    submit(client, cb, user_data, || unsafe { Ok(Request::MsgGetMessageExtensions { msg: convert::json_object(json_msg)? }) })
}

/// A key of `json_extension_key_array`: a string, or an object with `message_extension_key`.
#[derive(Deserialize)]
#[serde(untagged)]
enum KeyItem {
    Key(String),
    Item {
        #[serde(rename = "message_extension_key")]
        key: String,
    },
}

/// Deletes extensions of a message (Tencent's
/// `TIMMsgDeleteMessageExtensions`): `json_extension_key_array` is an array
/// of keys (strings, or objects with `message_extension_key`), at most 20
/// (6017); NULL, "" or an empty array deletes them all. The message's rules
/// are `HuddleMsgSetMessageExtensions`'. `cb` gets one result per key as
/// there, with code 23004 (`HUDDLE_CODE_MSG_EXTENSION_NOT_EXIST`) for a key
/// the message does not have. Readers hear the keys deleted through
/// `HuddleSetMsgExtensionsDeletedCallback`.
#[no_mangle]
pub extern "C" fn HuddleMsgDeleteMessageExtensions(
    client: *mut HuddleClient,
    json_msg: *const c_char,
    json_extension_key_array: *const c_char,
    cb: HuddleCommCallback,
    user_data: *const c_void,
) -> i32 {
    // SAFETY: string arguments are NUL-terminated and valid for the call (huddle.h).
    submit(client, cb, user_data, || unsafe {
        let keys: Vec<KeyItem> = match convert::text_or_empty(json_extension_key_array)? {
            "" => Vec::new(),
            _ => convert::json(json_extension_key_array)?,
        };
        let keys = keys.into_iter().map(|k| match k {
            KeyItem::Key(key) | KeyItem::Item { key } => key,
        });
        Ok(Request::MsgDeleteMessageExtensions { msg: convert::json_object(json_msg)?, keys: keys.collect() })
    })
}

/// A listener calling a C callback with a message ID and JSON.
fn msg_id_listener(f: unsafe extern "C" fn(*const c_char, *const c_char, *const c_void), user_data: *const c_void) -> MsgIdListener {
    let ud = UserData(user_data);
    std::sync::Arc::new(move |msg_id: &str, json: &Json| {
        let ud = ud;
        let id = convert::cstring(msg_id);
        // SAFETY: the caller's callback; the strings live until it returns.
        unsafe { f(id.as_ptr(), json.as_ptr(), ud.0) }
    })
}

/// Sets the listener of extensions set (NULL removes it; Tencent's
/// `TIMSetMsgExtensionsChangedCallback`): the message ID and the pairs set,
/// to everyone who sees the message, the one who set them too.
#[no_mangle]
pub extern "C" fn HuddleSetMsgExtensionsChangedCallback(client: *mut HuddleClient, cb: HuddleMsgExtensionsChangedCallback, user_data: *const c_void) {
    ffi_boundary!((), {
        let Ok(c) = convert::client(client) else { return };
        c.set_extensions_changed_listener(cb.map(|f| msg_id_listener(f, user_data)));
    })
}

/// Sets the listener of extensions deleted (NULL removes it; Tencent's
/// `TIMSetMsgExtensionsDeletedCallback`): the message ID and the keys, to
/// everyone who sees the message.
#[no_mangle]
pub extern "C" fn HuddleSetMsgExtensionsDeletedCallback(client: *mut HuddleClient, cb: HuddleMsgExtensionsDeletedCallback, user_data: *const c_void) {
    ffi_boundary!((), {
        let Ok(c) = convert::client(client) else { return };
        c.set_extensions_deleted_listener(cb.map(|f| msg_id_listener(f, user_data)));
    })
}

/// Adds the user to a reaction of a message (Tencent's
/// `TIMMsgAddMessageReaction`), `reaction_id` (any string of 1..100 bytes,
/// an emoji's ID say) being new to the message or not. A message has at
/// most 10 reactions (23005), a reaction 100 users (23006); a user in it already:
/// 23007; a recalled message, or a `reaction_id` empty or over 100 bytes:
/// 6017. Everyone who sees the message hears
/// `HuddleSetMsgReactionsChangedCallback`. `cb` gets
/// `{}`. Sync: -3, -4 for NULL or a JSON that is not a message.
#[no_mangle]
pub extern "C" fn HuddleMsgAddMessageReaction(client: *mut HuddleClient, json_msg: *const c_char, reaction_id: *const c_char, cb: HuddleCommCallback, user_data: *const c_void) -> i32 {
    // SAFETY: string arguments are NUL-terminated and valid for the call (huddle.h).
    submit(client, cb, user_data, || unsafe {
        Ok(Request::MsgAddMessageReaction { msg: convert::json_object(json_msg)?, reaction_id: convert::text(reaction_id)?.to_string() })
    })
}

/// Takes the user out of a reaction (Tencent's `TIMMsgRemoveMessageReaction`):
/// no such reaction 23008, the user not in it 23009. A reaction left
/// without users goes (listeners hear its count 0). Otherwise as
/// `HuddleMsgAddMessageReaction`.
#[no_mangle]
pub extern "C" fn HuddleMsgRemoveMessageReaction(client: *mut HuddleClient, json_msg: *const c_char, reaction_id: *const c_char, cb: HuddleCommCallback, user_data: *const c_void) -> i32 {
    // SAFETY: string arguments are NUL-terminated and valid for the call (huddle.h).
    submit(client, cb, user_data, || unsafe {
        Ok(Request::MsgRemoveMessageReaction { msg: convert::json_object(json_msg)?, reaction_id: convert::text(reaction_id)?.to_string() })
    })
}

/// The reactions of messages of one conversation (Tencent's
/// `TIMMsgGetMessageReactions`; 1..20 messages, else 6017), each reaction with
/// its first `max_user_count_per_reaction` (0..10, else 6017) users. `cb`
/// gets an array, one per message, of `message_reaction_result_code` (0),
/// `_info`, `_msg_id` and `message_reaction_result_reaction_list`: reactions
/// in the order first added, each `message_reaction_id`,
/// `message_reaction_total_user_count`,
/// `message_reaction_partial_user_info_array` (`user_profile_identifier`,
/// `_nick_name`, `_face_url`, in the order they reacted) and
/// `message_reaction_reacted_by_myself`.
#[no_mangle]
pub extern "C" fn HuddleMsgGetMessageReactions(
    client: *mut HuddleClient,
    json_msg_array: *const c_char,
    max_user_count_per_reaction: u32,
    cb: HuddleCommCallback,
    user_data: *const c_void,
) -> i32 {
    // SAFETY: string arguments are NUL-terminated and valid for the call (huddle.h).
    submit(client, cb, user_data, || unsafe {
        Ok(Request::MsgGetMessageReactions { msgs: convert::json(json_msg_array)?, max_user_count_per_reaction })
    })
}

/// A page of a reaction's users (Tencent's
/// `TIMMsgGetAllUserListOfMessageReaction`), in the order they reacted,
/// `count` (1..100, else 6017) from `next_seq` (0 first). `cb` gets
/// `message_reaction_user_result_user_info_array`,
/// `message_reaction_user_result_next_seq` and
/// `message_reaction_user_result_is_finished`. No such reaction: 23008.
#[no_mangle]
pub extern "C" fn HuddleMsgGetAllUserListOfMessageReaction(
    client: *mut HuddleClient,
    json_msg: *const c_char,
    reaction_id: *const c_char,
    next_seq: u32,
    count: u32,
    cb: HuddleCommCallback,
    user_data: *const c_void,
) -> i32 {
    // SAFETY: string arguments are NUL-terminated and valid for the call (huddle.h).
    submit(client, cb, user_data, || unsafe {
        Ok(Request::MsgGetAllUserListOfMessageReaction {
            msg: convert::json_object(json_msg)?,
            reaction_id: convert::text(reaction_id)?.to_string(),
            next_seq,
            count,
        })
    })
}

/// Sets the listener of reaction changes (NULL removes it; Tencent's
/// `TIMSetMsgReactionsChangedCallback`): an array of
/// `message_reaction_change_info_msg_id` and
/// `message_reaction_change_info_reaction_list` (the changed reaction as it
/// now is, with its first 10 users; a total of 0 when it went), to
/// everyone who sees the message, the one who reacted too.
#[no_mangle]
pub extern "C" fn HuddleSetMsgReactionsChangedCallback(client: *mut HuddleClient, cb: HuddleMsgReactionsChangedCallback, user_data: *const c_void) {
    ffi_boundary!((), {
        let Ok(c) = convert::client(client) else { return };
        c.set_reactions_listener(cb.map(|f| convert::json_listener(f, user_data)));
    })
}

/// Pins (`is_pinned` true) or unpins a message of group `group_id`
/// (Tencent's `TIMPinGroupMessage`): the owner and admins only (10007); at
/// most 10 pinned (10070); pinned already: 10071; unpinning a message that
/// is not pinned changes nothing. A message of another conversation: 6017;
/// a malformed `group_id`: 10015, no such group: 10010. Every member hears
/// `HuddleSetMsgGroupPinnedMessageChangedCallback`. `cb` gets `{}`. Sync:
/// -3, -4 for NULL or a JSON that is not a message.
#[no_mangle]
pub extern "C" fn HuddlePinGroupMessage(
    client: *mut HuddleClient,
    group_id: *const c_char,
    json_msg: *const c_char,
    is_pinned: bool,
    cb: HuddleCommCallback,
    user_data: *const c_void,
) -> i32 {
    // SAFETY: string arguments are NUL-terminated and valid for the call (huddle.h).
    submit(client, cb, user_data, || unsafe {
        Ok(Request::PinGroupMessage { group_id: convert::text(group_id)?.to_string(), msg: convert::json_object(json_msg)?, is_pinned })
    })
}

/// A group's pinned messages, latest pin first (Tencent's
/// `TIMGetPinnedGroupMessageList`): members only (10007; a malformed
/// `group_id`: 10015, no such group: 10010). `cb` gets an array
/// of messages as the caller sees them, each with `message_pinner_user_id`,
/// `message_pinner_nick_name`, `message_pinner_friend_remark` (""),
/// `message_pinner_name_card` and `message_pinner_face_url`. Messages gone
/// with retention are not listed.
#[no_mangle]
pub extern "C" fn HuddleGetPinnedGroupMessageList(client: *mut HuddleClient, group_id: *const c_char, cb: HuddleCommCallback, user_data: *const c_void) -> i32 {
    // SAFETY: string arguments are NUL-terminated and valid for the call (huddle.h).
    submit(client, cb, user_data, || unsafe { Ok(Request::GetPinnedGroupMessageList { group_id: convert::text(group_id)?.to_string() }) })
}

/// Sets the listener of pinned group messages (NULL removes it; Tencent's
/// `TIMSetMsgGroupPinnedMessageChangedCallback`): the group ID, the message
/// as the member sees it (only `message_conv_id`, `_conv_type` and `_seq`
/// when retention dropped it), whether it is now pinned, and who did it (a
/// JSON UserProfile: `user_profile_identifier`, `_nick_name`, `_face_url`),
/// to every member, the one who did it too.
#[no_mangle]
pub extern "C" fn HuddleSetMsgGroupPinnedMessageChangedCallback(
    client: *mut HuddleClient,
    cb: HuddleMsgGroupPinnedMessageChangedCallback,
    user_data: *const c_void,
) {
    ffi_boundary!((), {
        let Ok(c) = convert::client(client) else { return };
        let ud = UserData(user_data);
        c.set_pinned_listener(cb.map(|f| -> PinListener {
            std::sync::Arc::new(move |group_id: &str, msg: &Json, pinned: bool, op_user: &Json| {
                let ud = ud;
                let group_id = convert::cstring(group_id);
                // SAFETY: the caller's callback; the strings live until it returns.
                unsafe { f(group_id.as_ptr(), msg.as_ptr(), pinned, op_user.as_ptr(), ud.0) }
            })
        }));
    })
}
