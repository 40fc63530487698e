//! The newer conversation functions: info by ID, batch deletion, custom
//! data, marks, and the unread model (by filter, cleaning, listeners).

use std::ffi::{c_char, c_void};

use crate::params::{ConvFilter, GetConvListParam};
use crate::service::{ConvRef, Request};

use super::convert::{self, ffi_boundary, guarded, submit, UserData};
use super::{HuddleClient, HuddleCommCallback, HuddleConvTotalUnreadMessageCountChangedByFilterCallback, HuddleConvTotalUnreadMessageCountChangedCallback};

/// The caller's conversations among `json_get_conv_list_param`, a JSON array
/// of `{"get_conversation_list_param_conv_id": "bob",
/// "get_conversation_list_param_conv_type": 1}`: `cb` gets an array of
/// those the caller has (keys as in `HuddleConvGetConvList`), in the order
/// asked; the others are left out. A malformed ID: 10015 (group) or 6004.
/// Sync: -3 invalid UTF-8 or JSON, -4 NULL or a JSON of another shape.
#[no_mangle]
pub extern "C" fn HuddleConvGetConvInfo(client: *mut HuddleClient, json_get_conv_list_param: *const c_char, cb: HuddleCommCallback, user_data: *const c_void) -> i32 {
    submit(client, cb, user_data, || {
        // SAFETY: string arguments are NUL-terminated and valid for the call (huddle.h).
        let params: Vec<GetConvListParam> = unsafe { convert::json(json_get_conv_list_param) }?;
        Ok(Request::ConvGetConvInfo { convs: params.into_iter().map(|p| ConvRef { conv_type: p.conv_type, conv_id: p.conv_id }).collect() })
    })
}

/// Deletes each conversation of `conversation_id_array` (a JSON array of 1 to
/// 100 `"c2c_<user>"` / `"group_<group>"` IDs; more or none: 6017) from the
/// caller's list, each with a conversation event 1 on every device of the
/// caller, its unread count cleared and its pin removed. `clear_message`
/// true also clears its messages for the caller (as
/// `HuddleMsgClearHistoryMessage`; the others keep theirs), as
/// `HuddleConvDelete` does; false keeps them: when a newer message brings
/// the conversation back, its history shows them. `cb` gets one
/// `conversation_operation_result_*` per ID (6004 for one the caller does
/// not have).
#[no_mangle]
pub extern "C" fn HuddleConvDeleteConversationList(client: *mut HuddleClient, conversation_id_array: *const c_char, clear_message: bool, cb: HuddleCommCallback, user_data: *const c_void) -> i32 {
    // SAFETY: string arguments are NUL-terminated and valid for the call (huddle.h).
    submit(client, cb, user_data, || unsafe { Ok(Request::ConvDeleteConversationList { conv_ids: convert::json(conversation_id_array)?, clear_message }) })
}

/// Sets the app's `custom_data` (at most 256 bytes: 6017; "" clears it) on
/// each conversation of `conversation_id_array` (as in
/// `HuddleConvDeleteConversationList`). It shows as `conv_custom_data`, kept
/// per user, and each conversation gets an update on every device of the
/// caller. `cb` gets the per-conversation results.
#[no_mangle]
pub extern "C" fn HuddleConvSetConversationCustomData(client: *mut HuddleClient, conversation_id_array: *const c_char, custom_data: *const c_char, cb: HuddleCommCallback, user_data: *const c_void) -> i32 {
    // SAFETY: string arguments are NUL-terminated and valid for the call (huddle.h).
    submit(client, cb, user_data, || unsafe {
        Ok(Request::ConvSetConversationCustomData { conv_ids: convert::json(conversation_id_array)?, custom_data: convert::text(custom_data)?.to_string() })
    })
}

/// Sets (`enable_mark` true) or clears the marks `mark_type` (Tencent's
/// TIMConversationMarkType bits: 0x1 star, 0x2 unread, 0x4 fold, 0x8 hide;
/// an app's own marks are bits 32..63; 0: 6017) on each conversation of
/// `conversation_id_array`. A conversation shows its marks as
/// `conv_mark_array`, one value per mark. Hide takes the conversation out
/// of `HuddleConvGetConvList`, of the filters that do not ask for it and of
/// the unread totals, until a newer message comes (the mark then goes). Each
/// conversation gets an update on every device of the caller. `cb` gets the
/// per-conversation results.
#[no_mangle]
pub extern "C" fn HuddleConvMarkConversation(client: *mut HuddleClient, conversation_id_array: *const c_char, mark_type: u64, enable_mark: bool, cb: HuddleCommCallback, user_data: *const c_void) -> i32 {
    // SAFETY: string arguments are NUL-terminated and valid for the call (huddle.h).
    submit(client, cb, user_data, || unsafe { Ok(Request::ConvMarkConversation { conv_ids: convert::json(conversation_id_array)?, mark_type, enable_mark }) })
}

/// The unread messages of the conversations `filter` lists (the keys of
/// `HuddleConvGetConversationListByFilter`), but for those whose receive
/// option is 1, 2 or 3 (Tencent's do-not-disturb):
/// `{"conv_get_total_unread_message_count_result_unread_count": N}`. Sync:
/// -3 invalid UTF-8 or JSON, -4 NULL or not a filter object.
#[no_mangle]
pub extern "C" fn HuddleConvGetUnreadMessageCountByFilter(client: *mut HuddleClient, filter: *const c_char, cb: HuddleCommCallback, user_data: *const c_void) -> i32 {
    // SAFETY: string arguments are NUL-terminated and valid for the call (huddle.h).
    submit(client, cb, user_data, || unsafe { Ok(Request::ConvGetUnreadMessageCountByFilter(convert::json_object(filter)?)) })
}

/// Watches the unread count of `filter` (as in
/// `HuddleConvGetUnreadMessageCountByFilter`): after each conversation event
/// that changes it, the listener of
/// `HuddleSetConvUnreadMessageCountChangedByFilterCallback` gets the filter,
/// as given here, and the count. The same filter twice is watched once. No
/// callback (as Tencent's). Sync: -1, -2 not logged in, -3, -4 as above.
#[no_mangle]
pub extern "C" fn HuddleConvSubscribeUnreadMessageCountByFilter(client: *mut HuddleClient, filter: *const c_char) -> i32 {
    guarded(|| {
        let c = convert::logged_in(client)?;
        // SAFETY: string arguments are NUL-terminated and valid for the call (huddle.h).
        let (parsed, text): (ConvFilter, String) = unsafe { (convert::json_object(filter)?, convert::text(filter)?.to_string()) };
        c.subscribe_unread(parsed, text).map_err(convert::refused)
    })
}

/// Stops watching `filter` (one with the same keys and values as a
/// subscribed one; an unknown filter is no error). Sync as subscribing.
#[no_mangle]
pub extern "C" fn HuddleConvUnsubscribeUnreadMessageCountByFilter(client: *mut HuddleClient, filter: *const c_char) -> i32 {
    guarded(|| {
        let c = convert::logged_in(client)?;
        // SAFETY: string arguments are NUL-terminated and valid for the call (huddle.h).
        let parsed: ConvFilter = unsafe { convert::json_object(filter) }?;
        c.unsubscribe_unread(&parsed).map_err(convert::refused)
    })
}

/// Marks read the messages of `conversation_id` ("c2c_<user>" or
/// "group_<group>"; "c2c" every C2C conversation, "group" every group one,
/// "" or NULL all of them): in a C2C conversation those sent at or before
/// `clean_timestamp` (seconds), in a group one those up to `clean_sequence`;
/// 0 all. Each conversation whose unread count drops gets an update on every
/// device of the caller. Unknown conversation: 6004. `cb` gets `{}`.
/// `HuddleMsgReportReaded` keeps working beside it. Sync: -3 invalid UTF-8.
#[no_mangle]
pub extern "C" fn HuddleConvCleanConversationUnreadMessageCount(
    client: *mut HuddleClient,
    conversation_id: *const c_char,
    clean_timestamp: u64,
    clean_sequence: u64,
    cb: HuddleCommCallback,
    user_data: *const c_void,
) -> i32 {
    // SAFETY: string arguments are NUL-terminated and valid for the call (huddle.h).
    submit(client, cb, user_data, || unsafe {
        Ok(Request::ConvCleanConversationUnreadMessageCount { conversation_id: convert::text_or_empty(conversation_id)?.to_string(), clean_timestamp, clean_sequence })
    })
}

/// Sets the total-unread listener (NULL removes it): after each
/// conversation event that changes `HuddleConvGetTotalUnreadMessageCount`'s
/// total, it gets the new total. The client learns the total when the
/// listener is set, so the first call tells a change.
#[no_mangle]
pub extern "C" fn HuddleSetConvTotalUnreadMessageCountChangedCallback(client: *mut HuddleClient, cb: HuddleConvTotalUnreadMessageCountChangedCallback, user_data: *const c_void) {
    ffi_boundary!((), {
        let Ok(c) = convert::client(client) else { return };
        let ud = UserData(user_data);
        c.set_total_unread_listener(cb.map(|f| {
            std::sync::Arc::new(move |total: u64| {
                let ud = ud;
                // SAFETY: the caller's callback with the caller's user_data.
                unsafe { f(total.min(i32::MAX as u64) as i32, ud.get()) }
            }) as crate::client::TotalUnreadListener
        }));
    })
}

/// Sets the listener of the filters subscribed with
/// `HuddleConvSubscribeUnreadMessageCountByFilter` (NULL removes it): it
/// gets the filter's JSON, as subscribed, and its new count.
#[no_mangle]
pub extern "C" fn HuddleSetConvUnreadMessageCountChangedByFilterCallback(
    client: *mut HuddleClient,
    cb: HuddleConvTotalUnreadMessageCountChangedByFilterCallback,
    user_data: *const c_void,
) {
    ffi_boundary!((), {
        let Ok(c) = convert::client(client) else { return };
        let ud = UserData(user_data);
        c.set_filter_unread_listener(cb.map(|f| {
            std::sync::Arc::new(move |filter: &str, count: u64| {
                let ud = ud;
                let filter = convert::cstring(filter);
                // SAFETY: the caller's callback; the string lives until it returns.
                unsafe { f(filter.as_ptr(), count.min(i32::MAX as u64) as i32, ud.get()) }
            }) as crate::client::FilterUnreadListener
        }));
    })
}
