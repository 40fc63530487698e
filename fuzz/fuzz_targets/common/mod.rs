//! What the fuzz targets share: the C API as huddle.h declares it (the
//! crate's `#[no_mangle]` exports, linked from the `huddle` dependency, as
//! benches/groups.rs does), the header's list of async codes, and checks of
//! the promises the header makes about every callback.

#![allow(dead_code)]

// Named so that rustc links the crate, whose `#[no_mangle]` exports the
// `extern "C"` block below resolves to (an unnamed dependency is not linked).
extern crate huddle;

use std::ffi::{c_char, c_void, CStr};
use std::sync::OnceLock;

use serde_json::Value;

/// The opaque handle of huddle.h.
#[repr(C)]
pub struct HuddleClient {
    _private: [u8; 0],
}

pub type CommCallback = Option<unsafe extern "C" fn(i32, *const c_char, *const c_char, *const c_void)>;
pub type JsonCallback = Option<unsafe extern "C" fn(*const c_char, *const c_void)>;
pub type KindCallback = Option<unsafe extern "C" fn(i32, *const c_char, *const c_void)>;

// Declared as huddle.h gives them to a C host.
extern "C" {
    pub fn HuddleInit(json_sdk_config: *const c_char, out_client: *mut *mut HuddleClient) -> i32;
    pub fn HuddleUninit(client: *mut HuddleClient) -> i32;
    pub fn HuddleLogin(client: *mut HuddleClient, user_id: *const c_char, user_sig: *const c_char, cb: CommCallback, user_data: *const c_void) -> i32;
    pub fn HuddleGetLoginStatus(client: *mut HuddleClient) -> i32;
    pub fn HuddlePoll(client: *mut HuddleClient, max_events: u32) -> i32;
    pub fn HuddleResultString(code: i32) -> *const c_char;

    pub fn HuddleSetGroupTipsEventCallback(client: *mut HuddleClient, cb: JsonCallback, user_data: *const c_void);
    pub fn HuddleAddRecvNewMsgCallback(client: *mut HuddleClient, cb: JsonCallback, user_data: *const c_void);
    pub fn HuddleSetMsgRevokeCallback(client: *mut HuddleClient, cb: JsonCallback, user_data: *const c_void);
    pub fn HuddleSetConvEventCallback(client: *mut HuddleClient, cb: KindCallback, user_data: *const c_void);
    pub fn HuddleSetConvGroupEventCallback(client: *mut HuddleClient, cb: KindCallback, user_data: *const c_void);

    pub fn HuddleGroupCreate(client: *mut HuddleClient, json_group_create_param: *const c_char, cb: CommCallback, user_data: *const c_void) -> i32;
    pub fn HuddleGroupJoin(client: *mut HuddleClient, group_id: *const c_char, hello_msg: *const c_char, cb: CommCallback, user_data: *const c_void) -> i32;
    pub fn HuddleGroupInviteMember(client: *mut HuddleClient, json_group_invite_param: *const c_char, cb: CommCallback, user_data: *const c_void) -> i32;
    pub fn HuddleGroupDeleteMember(client: *mut HuddleClient, json_group_delete_param: *const c_char, cb: CommCallback, user_data: *const c_void) -> i32;
    pub fn HuddleGroupGetGroupInfoList(client: *mut HuddleClient, json_group_id_array: *const c_char, cb: CommCallback, user_data: *const c_void) -> i32;
    pub fn HuddleGroupModifyGroupInfo(client: *mut HuddleClient, json_group_modifyinfo_param: *const c_char, cb: CommCallback, user_data: *const c_void) -> i32;
    pub fn HuddleGroupGetMemberInfoList(client: *mut HuddleClient, json_group_getmeminfos_param: *const c_char, cb: CommCallback, user_data: *const c_void) -> i32;
    pub fn HuddleGroupModifyMemberInfo(client: *mut HuddleClient, json_group_modifymeminfo_param: *const c_char, cb: CommCallback, user_data: *const c_void) -> i32;
    pub fn HuddleGroupGetPendencyList(client: *mut HuddleClient, json_group_getpendency_list_param: *const c_char, cb: CommCallback, user_data: *const c_void) -> i32;
    pub fn HuddleGroupHandlePendency(client: *mut HuddleClient, json_group_handle_pendency_param: *const c_char, cb: CommCallback, user_data: *const c_void) -> i32;
    pub fn HuddleGroupModifyMuteAllowlist(client: *mut HuddleClient, json_param: *const c_char, cb: CommCallback, user_data: *const c_void) -> i32;

    pub fn HuddleConvGetConversationListByFilter(client: *mut HuddleClient, json_filter: *const c_char, cb: CommCallback, user_data: *const c_void) -> i32;
    pub fn HuddleConvCreateConversationGroup(client: *mut HuddleClient, group_name: *const c_char, json_conversation_id_array: *const c_char, cb: CommCallback, user_data: *const c_void) -> i32;
    pub fn HuddleConvAddConversationsToGroup(client: *mut HuddleClient, group_name: *const c_char, json_conversation_id_array: *const c_char, cb: CommCallback, user_data: *const c_void) -> i32;
    pub fn HuddleConvDeleteConversationsFromGroup(client: *mut HuddleClient, group_name: *const c_char, json_conversation_id_array: *const c_char, cb: CommCallback, user_data: *const c_void) -> i32;

    pub fn HuddleMsgSendMessage(
        client: *mut HuddleClient,
        conv_id: *const c_char,
        conv_type: i32,
        json_msg_param: *const c_char,
        message_id_buffer: *mut c_char,
        cb: CommCallback,
        user_data: *const c_void,
    ) -> i32;
    pub fn HuddleMsgGetMsgList(client: *mut HuddleClient, conv_id: *const c_char, conv_type: i32, json_get_msg_param: *const c_char, cb: CommCallback, user_data: *const c_void) -> i32;
    pub fn HuddleMsgRevoke(client: *mut HuddleClient, conv_id: *const c_char, conv_type: i32, json_msg_param: *const c_char, cb: CommCallback, user_data: *const c_void) -> i32;
    pub fn HuddleMsgReportReaded(client: *mut HuddleClient, conv_id: *const c_char, conv_type: i32, json_msg_param: *const c_char, cb: CommCallback, user_data: *const c_void) -> i32;
}

extern "C" {
    fn atexit(f: extern "C" fn()) -> std::ffi::c_int;
}

/// Makes the process, when it exits, first wait (up to 5 s) for the
/// library's `huddle-expiry` threads to end. Each embedded engine starts
/// one, which goes on after the engine's last `HuddleUninit` until its next
/// round (a finding of these targets, reported): a run that inits thousands
/// of engines a second ends with dozens not yet started, holding their
/// engine's allocation, which LeakSanitizer's exit check (an earlier
/// `atexit` handler, so one run after this) would call leaks. What is still
/// allocated once they are gone is reported as before.
pub fn wait_for_expiry_threads_at_exit() {
    static ONCE: std::sync::Once = std::sync::Once::new();
    extern "C" fn wait() {
        let deadline = std::time::Instant::now() + std::time::Duration::from_secs(5);
        while std::time::Instant::now() < deadline && expiry_threads() > 0 {
            std::thread::sleep(std::time::Duration::from_millis(10));
        }
    }
    // SAFETY: registers a plain function; atexit has no other precondition.
    ONCE.call_once(|| assert_eq!(unsafe { atexit(wait) }, 0, "atexit"));
}

/// How many threads of this process are named `huddle-expiry`.
pub fn expiry_threads() -> usize {
    let Ok(tasks) = std::fs::read_dir("/proc/self/task") else { return 0 };
    tasks.filter_map(Result::ok).filter(|t| std::fs::read_to_string(t.path().join("comm")).is_ok_and(|c| c.trim_end() == "huddle-expiry")).count()
}

/// The synchronous results of huddle.h.
pub const HUDDLE_SUCC: i32 = 0;
pub const HUDDLE_ERR_SDKUNINIT: i32 = -1;
pub const HUDDLE_ERR_NOTLOGIN: i32 = -2;
pub const HUDDLE_ERR_JSON: i32 = -3;
pub const HUDDLE_ERR_PARAM: i32 = -4;
pub const HUDDLE_ERR_CONV: i32 = -5;
pub const HUDDLE_ERR_INTERNAL: i32 = -7;
pub const HUDDLE_STATUS_LOGGED_OUT: i32 = 3;
pub const HUDDLE_MESSAGE_ID_BUFFER_LEN: usize = 128;

/// The `HUDDLE_CODE_*` values of the committed include/huddle.h: the codes a
/// callback may get besides 0. Read from the header itself, so a code added
/// there is allowed here without editing the fuzzer.
pub fn documented_codes() -> &'static [i32] {
    static CODES: OnceLock<Vec<i32>> = OnceLock::new();
    CODES.get_or_init(|| {
        let header = include_str!("../../../include/huddle.h");
        let codes: Vec<i32> = header
            .lines()
            .map(str::trim)
            .filter(|l| l.starts_with("HUDDLE_CODE_"))
            .filter_map(|l| l.split('=').nth(1))
            .filter_map(|v| v.trim().trim_end_matches(',').trim().parse().ok())
            .collect();
        assert!(codes.len() > 20, "could not read the HUDDLE_CODE_* list from include/huddle.h");
        codes
    })
}

/// The input as a C caller would pass it: up to its first NUL, NUL-terminated.
pub fn c_string(data: &[u8]) -> Vec<u8> {
    let end = data.iter().position(|&b| b == 0).unwrap_or(data.len());
    let mut v = data[..end].to_vec();
    v.push(0);
    v
}

/// What the header promises of the callback's three values:
/// "code is 0 or an error number of huddle.h's HUDDLE_CODE_* list, desc an
/// English sentence (never NULL, "" on success), json_params the result as
/// JSON (never NULL or empty)". Returns the parsed JSON and what is wrong.
///
/// # Safety
/// `desc` and `json` are what the library passed to a callback.
pub unsafe fn check_comm(code: i32, desc: *const c_char, json: *const c_char, problems: &mut Vec<String>) -> (String, Option<Value>) {
    if code != 0 && !documented_codes().contains(&code) {
        problems.push(format!("callback code {code} is neither 0 nor a HUDDLE_CODE_* of huddle.h"));
    }
    let desc_text = if desc.is_null() {
        problems.push("callback desc is NULL".into());
        String::new()
    } else {
        match CStr::from_ptr(desc).to_str() {
            Ok(s) => s.to_string(),
            Err(_) => {
                problems.push("callback desc is not UTF-8".into());
                String::new()
            }
        }
    };
    if code == 0 && !desc_text.is_empty() {
        problems.push(format!("callback desc is {desc_text:?} on success; huddle.h says \"\""));
    }
    if code != 0 && desc_text.is_empty() {
        problems.push(format!("callback desc is empty for error {code}; huddle.h says a sentence"));
    }
    if json.is_null() {
        problems.push("callback json_params is NULL".into());
        return (String::new(), None);
    }
    let text = match CStr::from_ptr(json).to_str() {
        Ok(s) => s.to_string(),
        Err(_) => {
            problems.push("callback json_params is not UTF-8".into());
            return (String::new(), None);
        }
    };
    if text.is_empty() {
        problems.push("callback json_params is empty".into());
        return (text, None);
    }
    match serde_json::from_str::<Value>(&text) {
        Ok(v) => (text, Some(v)),
        Err(e) => {
            problems.push(format!("callback json_params is not JSON ({e}): {text:?}"));
            (text, None)
        }
    }
}

/// A listener's JSON string: NUL-terminated UTF-8 holding JSON.
///
/// # Safety
/// `json` is what the library passed to a listener.
pub unsafe fn listener_json(what: &str, json: *const c_char, problems: &mut Vec<String>) -> Option<Value> {
    if json.is_null() {
        problems.push(format!("{what}: JSON is NULL"));
        return None;
    }
    let Ok(text) = CStr::from_ptr(json).to_str() else {
        problems.push(format!("{what}: JSON is not UTF-8"));
        return None;
    };
    match serde_json::from_str::<Value>(text) {
        Ok(v) => Some(v),
        Err(e) => {
            problems.push(format!("{what}: not JSON ({e}): {text:?}"));
            None
        }
    }
}

/// Two JSON values are the same, numbers compared as numbers: serde_json
/// (without its `float_roundtrip` feature) may read a float it printed back
/// one unit in the last place off, which is not what these targets look for.
pub fn same_json(a: &Value, b: &Value) -> bool {
    match (a, b) {
        (Value::Number(x), Value::Number(y)) => {
            if x == y {
                return true;
            }
            match (x.as_f64(), y.as_f64()) {
                (Some(p), Some(q)) => p == q || ((p - q).abs() <= p.abs().max(q.abs()) * 1e-15),
                _ => false,
            }
        }
        (Value::Array(x), Value::Array(y)) => x.len() == y.len() && x.iter().zip(y).all(|(p, q)| same_json(p, q)),
        (Value::Object(x), Value::Object(y)) => x.len() == y.len() && x.iter().all(|(k, v)| y.get(k).is_some_and(|w| same_json(v, w))),
        _ => a == b,
    }
}

/// The sentence `HuddleResultString` gives, to label a failure.
pub fn result_string(code: i32) -> String {
    // SAFETY: a static NUL-terminated string, never NULL (huddle.h).
    unsafe { CStr::from_ptr(HuddleResultString(code)) }.to_string_lossy().into_owned()
}
