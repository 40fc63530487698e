//! Receive options and do-not-disturb (Tencent's TIMMsgSet...ReceiveMessageOpt).

use std::ffi::{c_char, c_void};

use crate::engine::QuietWindow;
use crate::service::Request;
use crate::types::MsgFlag;

use super::convert::{self, ffi_boundary, submit, Sync};
use super::HuddleResult::HUDDLE_ERR_PARAM;
use super::{HuddleClient, HuddleCommCallback, HuddleMsgAllMessageReceiveOptionCallback};

/// A TIMReceiveMessageOpt: 0..4, anything else -4.
fn opt(v: i32) -> Sync<MsgFlag> {
    MsgFlag::from_int(v as i64).ok_or(HUDDLE_ERR_PARAM)
}

/// This device's local time minus UTC, in seconds, now (0 where the
/// platform does not say).
fn local_utc_offset() -> i32 {
    #[cfg(unix)]
    {
        // SAFETY: `time` with NULL only returns; `localtime_r` writes the
        // zeroed `tm` it is given and reads `now`, both live for the call.
        unsafe {
            let now = libc::time(std::ptr::null_mut());
            let mut tm: libc::tm = std::mem::zeroed();
            if !libc::localtime_r(&now, &mut tm).is_null() {
                return tm.tm_gmtoff as i32;
            }
        }
    }
    0
}

/// Sets the caller's receive option for the C2C messages of each user in
/// `json_identifier_array` (a JSON array of 1 to 30 user IDs; more or none:
/// 6017). `opt` is Tencent's TIMReceiveMessageOpt: 0 receive (and push when
/// offline), 1 not receive (neither delivered nor pushed), 2 receive without
/// push, 3 receive, pushed only when `@`-ed, 4 receive and push only `@`
/// messages; any other value is -4. The messages are still kept: they show
/// in the conversation and its history. Each of these users' conversations
/// that the caller has gets an update (its `conv_recv_opt`) on every device
/// of the caller. `cb` gets `{}`. Sync: -3 invalid UTF-8 or JSON, -4 NULL or
/// a JSON that is not an array of strings.
#[no_mangle]
pub extern "C" fn HuddleMsgSetC2CReceiveMessageOpt(client: *mut HuddleClient, json_identifier_array: *const c_char, opt: i32, cb: HuddleCommCallback, user_data: *const c_void) -> i32 {
    // SAFETY: string arguments are NUL-terminated and valid for the call (huddle.h).
    submit(client, cb, user_data, || unsafe { Ok(Request::MsgSetC2CReceiveMessageOpt { user_ids: convert::json(json_identifier_array)?, opt: self::opt(opt)? }) })
}

/// The caller's receive option for each user of `json_identifier_array` (a
/// JSON array of user IDs): `cb` gets an array of
/// `{"msg_recv_msg_opt_result_identifier": "bob", "msg_recv_msg_opt_result_opt": 0}`,
/// in the order asked. Sync as `HuddleMsgSetC2CReceiveMessageOpt`.
#[no_mangle]
pub extern "C" fn HuddleMsgGetC2CReceiveMessageOpt(client: *mut HuddleClient, json_identifier_array: *const c_char, cb: HuddleCommCallback, user_data: *const c_void) -> i32 {
    // SAFETY: string arguments are NUL-terminated and valid for the call (huddle.h).
    submit(client, cb, user_data, || unsafe { Ok(Request::MsgGetC2CReceiveMessageOpt { user_ids: convert::json(json_identifier_array)? }) })
}

/// Sets the caller's receive option for group `group_id` (`opt` as in
/// `HuddleMsgSetC2CReceiveMessageOpt`): it is the caller's member
/// `group_member_info_msg_flag`, and the conversation's `conv_recv_opt`.
/// A member with 1 is handed none of the group's messages (no new-message
/// callback, no conversation event, no push; they stay in the history); 4
/// only those that `@` it or everyone; 2 all of them, never pushed. Not a
/// member: 10007; no such group: 10010; an AVChatRoom keeps no member
/// records: 10007. `cb` gets `{}`. Sync: -4 NULL `group_id` or unknown `opt`,
/// -3 invalid UTF-8.
#[no_mangle]
pub extern "C" fn HuddleMsgSetGroupReceiveMessageOpt(client: *mut HuddleClient, group_id: *const c_char, opt: i32, cb: HuddleCommCallback, user_data: *const c_void) -> i32 {
    // SAFETY: string arguments are NUL-terminated and valid for the call (huddle.h).
    submit(client, cb, user_data, || unsafe { Ok(Request::MsgSetGroupReceiveMessageOpt { group_id: convert::text(group_id)?.to_string(), opt: self::opt(opt)? }) })
}

/// Sets the caller's global do-not-disturb: every day from
/// `start_hour`:`start_minute`:`start_second` (0-23, 0-59, 0-59, this
/// device's local time when called) for `duration` seconds (0 to 86400; a
/// full day: for good, from that time on the day of the call), messages of
/// every conversation are pushed as `opt` says: 0 as usual, 2 never, 3 only
/// those that `@` the user. `opt` 1 and 4 are not global options (6017);
/// out-of-range times: 6017; other values of `opt` or negative times: -4. It
/// applies on top of each conversation's own option, on the user's every
/// device, which all hear `HuddleSetMsgAllMessageReceiveOptionCallback`'s
/// listener. `cb` gets `{}`.
#[no_mangle]
pub extern "C" fn HuddleMsgSetAllReceiveMessageOpt(
    client: *mut HuddleClient,
    opt: i32,
    start_hour: i32,
    start_minute: i32,
    start_second: i32,
    duration: u32,
    cb: HuddleCommCallback,
    user_data: *const c_void,
) -> i32 {
    submit(client, cb, user_data, || {
        let time = |v: i32| u32::try_from(v).map_err(|_| HUDDLE_ERR_PARAM);
        let window = QuietWindow::Daily {
            start_hour: time(start_hour)?,
            start_minute: time(start_minute)?,
            start_second: time(start_second)?,
            duration: duration as u64,
            utc_offset: local_utc_offset(),
        };
        Ok(Request::MsgSetAllReceiveMessageOpt { opt: self::opt(opt)?, window })
    })
}

/// `HuddleMsgSetAllReceiveMessageOpt` for one window: from
/// `start_time_stamp` (UTC seconds) for `duration` seconds.
#[no_mangle]
pub extern "C" fn HuddleMsgSetAllReceiveMessageOpt2(client: *mut HuddleClient, opt: i32, start_time_stamp: u32, duration: u32, cb: HuddleCommCallback, user_data: *const c_void) -> i32 {
    submit(client, cb, user_data, || {
        let window = QuietWindow::From { start_time_stamp: start_time_stamp as u64, duration: duration as u64 };
        Ok(Request::MsgSetAllReceiveMessageOpt { opt: self::opt(opt)?, window })
    })
}

/// The caller's global do-not-disturb, Tencent's TIMReceiveMessageOptInfo:
/// `{"msg_all_recv_msg_opt_level", "msg_all_recv_msg_opt_start_hour",
/// "msg_all_recv_msg_opt_start_minute", "msg_all_recv_msg_opt_start_second",
/// "msg_all_recv_msg_opt_start_time_stamp" (0 for a daily window),
/// "msg_all_recv_msg_duration"}`; never set: level 0, all 0.
#[no_mangle]
pub extern "C" fn HuddleMsgGetAllReceiveMessageOpt(client: *mut HuddleClient, cb: HuddleCommCallback, user_data: *const c_void) -> i32 {
    submit(client, cb, user_data, || Ok(Request::MsgGetAllReceiveMessageOpt))
}

/// Sets the listener of the caller's global do-not-disturb (NULL removes
/// it): after each change, made on any of the user's devices, it gets the
/// option as `HuddleMsgGetAllReceiveMessageOpt` answers it. A device that
/// was offline hears the latest change when it comes back.
#[no_mangle]
pub extern "C" fn HuddleSetMsgAllMessageReceiveOptionCallback(client: *mut HuddleClient, cb: HuddleMsgAllMessageReceiveOptionCallback, user_data: *const c_void) {
    ffi_boundary!((), {
        let Ok(c) = convert::client(client) else { return };
        c.set_all_recv_opt_listener(cb.map(|f| convert::json_listener(f, user_data)));
    })
}
