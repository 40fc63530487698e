//! Every JSON-taking C entry point of include/huddle.h (but `HuddleInit`,
//! which `init_config` covers), called through the real `extern "C"`
//! functions.
//!
//! Input: the first byte picks the function (`byte % FUNCS.len()`) and, for
//! the functions that also name a conversation or a conversation group, which
//! one (`byte / FUNCS.len()`); the rest, cut at its first NUL as a C string
//! is, is the JSON argument. Each input gets a fresh world, so that every
//! finding reproduces from its input alone: an in-memory embedded engine,
//! poll-mode clients `alice` (who makes the call) and `bob`, groups `guild`
//! (Public: alice owner, bob member, carol admin, a join request of dave's
//! pending), `work` (Work) and `room` (AVChatRoom), messages seq 1 and 2 in
//! guild and a C2C message from bob, and alice's conversation group `fav`.
//! (A world in which the call was refused is as it was made, since a
//! refused call does nothing, and is used for the next input.)
//!
//! What it asserts (huddle.h's rules and each function's documented result):
//! - the sync result is 0, -3 or -4 (the handle is good and logged in, the
//!   conversation valid); -7 (a caught panic) is always a bug; invalid UTF-8
//!   or JSON is -3, JSON of the wrong kind (not an object, not an array of
//!   strings) is -4, an array of strings where one is wanted is accepted;
//! - the callback runs exactly once if and only if the call returned 0
//!   (checked again after `HuddleUninit`, which runs what is still owed);
//! - its code is 0 or a `HUDDLE_CODE_*` of the header, desc "" on success
//!   and a sentence otherwise, json_params non-empty valid JSON, user_data
//!   the caller's;
//! - on success, the documented shape of the result (e.g. one
//!   `get_groups_info_result_*` per ID asked for, the custom group ID given
//!   back, `{}` where the header says so, the message ID written to
//!   `message_id_buffer` only on 0 and equal to the result's);
//! - every listener (tips, new messages, recalls, conversation and
//!   conversation-group events) of alice and bob gets valid JSON of the
//!   documented kind.

#![no_main]

mod common;

use std::cell::RefCell;
use std::ffi::{c_char, c_void, CStr};
use std::time::{Duration, Instant};

use common::*;
use libfuzzer_sys::fuzz_target;
use serde_json::Value;

/// How a function reads its JSON argument.
#[derive(Clone, Copy, PartialEq)]
enum Arg {
    /// A JSON object (`convert::json_object`).
    Object,
    /// A JSON array of strings (`convert::json::<Vec<String>>`).
    Strings,
}

/// The functions, in the order the first byte picks them.
const FUNCS: [(&str, Arg); 18] = [
    ("HuddleGroupCreate", Arg::Object),
    ("HuddleGroupInviteMember", Arg::Object),
    ("HuddleGroupDeleteMember", Arg::Object),
    ("HuddleGroupGetGroupInfoList", Arg::Strings),
    ("HuddleGroupModifyGroupInfo", Arg::Object),
    ("HuddleGroupGetMemberInfoList", Arg::Object),
    ("HuddleGroupModifyMemberInfo", Arg::Object),
    ("HuddleGroupGetPendencyList", Arg::Object),
    ("HuddleGroupHandlePendency", Arg::Object),
    ("HuddleGroupModifyMuteAllowlist", Arg::Object),
    ("HuddleConvGetConversationListByFilter", Arg::Object),
    ("HuddleConvCreateConversationGroup", Arg::Strings),
    ("HuddleConvAddConversationsToGroup", Arg::Strings),
    ("HuddleConvDeleteConversationsFromGroup", Arg::Strings),
    ("HuddleMsgSendMessage", Arg::Object),
    ("HuddleMsgGetMsgList", Arg::Object),
    ("HuddleMsgRevoke", Arg::Object),
    ("HuddleMsgReportReaded", Arg::Object),
];

/// The conversations the message functions are called on (`byte / 18`).
const CONVS: [(&CStr, i32); 6] = [(c"guild", 2), (c"bob", 1), (c"work", 2), (c"room", 2), (c"nosuch", 2), (c"alice", 1)];

/// The conversation-group names the conversation-group functions get.
const CONV_GROUPS: [&CStr; 4] = [c"fav", c"new", c"", c"a-name-longer-than-thirty-two-bytes"];

/// One call's callback, as it ran.
#[derive(Default)]
struct Done {
    count: u32,
    code: i32,
    json: Option<Value>,
    problems: Vec<String>,
}

/// The C callback of every call; `user_data` is its `RefCell<Done>`.
unsafe extern "C" fn on_done(code: i32, desc: *const c_char, json: *const c_char, user_data: *const c_void) {
    // SAFETY: the library hands back the `&RefCell<Done>` the caller gave,
    // which outlives every callback of the call (it is checked after
    // `HuddleUninit`); callbacks run on this thread, inside `HuddlePoll`.
    let done = unsafe { &*user_data.cast::<RefCell<Done>>() };
    let mut d = done.borrow_mut();
    d.count += 1;
    d.code = code;
    let mut problems = std::mem::take(&mut d.problems);
    // SAFETY: the strings the library passed, valid until this returns.
    let (_, value) = unsafe { check_comm(code, desc, json, &mut problems) };
    d.problems = problems;
    d.json = value;
}

/// What the listeners heard that they should not have.
#[derive(Default)]
struct Heard {
    events: u32,
    problems: Vec<String>,
}

fn heard<'a>(user_data: *const c_void) -> std::cell::RefMut<'a, Heard> {
    // SAFETY: every listener gets the world's `RefCell<Heard>`, which lives
    // until after both clients are uninitialized; listeners run inside `HuddlePoll`.
    unsafe { &*user_data.cast::<RefCell<Heard>>() }.borrow_mut()
}

const TIP_TYPES: [i64; 12] = [1, 2, 3, 4, 5, 6, 7, 12, 13, 14, 16, 17];

unsafe extern "C" fn on_tip(json: *const c_char, user_data: *const c_void) {
    let mut h = heard(user_data);
    h.events += 1;
    // SAFETY: the library's string, valid until this returns.
    if let Some(v) = unsafe { listener_json("group tip", json, &mut h.problems) } {
        let tip_type = v.get("group_tips_elem_tip_type").and_then(Value::as_i64);
        if !v.is_object() || !tip_type.is_some_and(|t| TIP_TYPES.contains(&t)) || !v.get("group_tips_elem_group_id").is_some_and(Value::is_string) {
            h.problems.push(format!("group tip of an undocumented shape: {v}"));
        }
    }
}

unsafe extern "C" fn on_messages(json: *const c_char, user_data: *const c_void) {
    let mut h = heard(user_data);
    h.events += 1;
    // SAFETY: as in `on_tip`.
    if let Some(v) = unsafe { listener_json("new messages", json, &mut h.problems) } {
        let ok = v.as_array().is_some_and(|msgs| {
            msgs.iter().all(|m| {
                m.get("message_conv_id").is_some_and(Value::is_string)
                    && m.get("message_conv_type").and_then(Value::as_i64).is_some_and(|t| t == 1 || t == 2)
                    && m.get("message_elem_array").is_some_and(Value::is_array)
            })
        });
        if !ok {
            h.problems.push(format!("new messages of an undocumented shape: {v}"));
        }
    }
}

unsafe extern "C" fn on_revoke(json: *const c_char, user_data: *const c_void) {
    let mut h = heard(user_data);
    h.events += 1;
    // SAFETY: as in `on_tip`.
    if let Some(v) = unsafe { listener_json("recalls", json, &mut h.problems) } {
        if !v.as_array().is_some_and(|a| a.iter().all(|l| l.get("message_locator_conv_id").is_some_and(Value::is_string))) {
            h.problems.push(format!("recalls of an undocumented shape: {v}"));
        }
    }
}

unsafe extern "C" fn on_conv(kind: i32, json: *const c_char, user_data: *const c_void) {
    let mut h = heard(user_data);
    h.events += 1;
    if !(0..=2).contains(&kind) {
        h.problems.push(format!("conversation event {kind} is not 0, 1 or 2"));
    }
    // SAFETY: as in `on_tip`.
    if let Some(v) = unsafe { listener_json("conversation event", json, &mut h.problems) } {
        if !v.as_array().is_some_and(|a| a.iter().all(|c| c.get("conv_id").is_some_and(Value::is_string))) {
            h.problems.push(format!("conversation event of an undocumented shape: {v}"));
        }
    }
}

unsafe extern "C" fn on_conv_group(kind: i32, json: *const c_char, user_data: *const c_void) {
    let mut h = heard(user_data);
    h.events += 1;
    if !(0..=4).contains(&kind) {
        h.problems.push(format!("conversation-group event {kind} is not 0..4"));
    }
    // SAFETY: as in `on_tip`.
    if let Some(v) = unsafe { listener_json("conversation-group event", json, &mut h.problems) } {
        if !v.get("conversation_group_name").is_some_and(Value::is_string) {
            h.problems.push(format!("conversation-group event of an undocumented shape: {v}"));
        }
    }
}

fn listen(client: *mut HuddleClient, heard: &RefCell<Heard>) {
    let ud = (heard as *const RefCell<Heard>).cast::<c_void>();
    // SAFETY: a live handle; the callbacks match huddle.h's types.
    unsafe {
        HuddleSetGroupTipsEventCallback(client, Some(on_tip), ud);
        HuddleAddRecvNewMsgCallback(client, Some(on_messages), ud);
        HuddleSetMsgRevokeCallback(client, Some(on_revoke), ud);
        HuddleSetConvEventCallback(client, Some(on_conv), ud);
        HuddleSetConvGroupEventCallback(client, Some(on_conv_group), ud);
    }
}

/// Runs the client's pending callbacks until `until` holds or nothing more
/// comes within a while (the embedded engine queues a reply before the call
/// returns, so this rarely waits).
fn drain(client: *mut HuddleClient, until: impl Fn() -> bool) {
    let deadline = Instant::now() + Duration::from_secs(5);
    loop {
        // SAFETY: a live poll-mode handle.
        let ran = unsafe { HuddlePoll(client, u32::MAX) };
        assert!(ran >= 0, "HuddlePoll returned {ran}");
        if ran == 0 && until() {
            return;
        }
        if ran == 0 {
            assert!(Instant::now() < deadline, "a callback did not come within 5 s");
            std::thread::yield_now();
        }
    }
}

/// A setup call that must be accepted and answered once, without problems:
/// returns its code and result JSON.
fn answer(client: *mut HuddleClient, what: &str, call: impl FnOnce(CommCallback, *const c_void) -> i32) -> (i32, Value) {
    let done = RefCell::new(Done::default());
    let ret = call(Some(on_done), (&done as *const RefCell<Done>).cast());
    assert_eq!(ret, HUDDLE_SUCC, "setup: {what} returned {ret}");
    drain(client, || done.borrow().count > 0);
    let d = done.into_inner();
    assert!(d.count == 1 && d.problems.is_empty(), "setup: {what}: code {} count {} {:?} {:?}", d.code, d.count, d.json, d.problems);
    (d.code, d.json.unwrap_or(Value::Null))
}

/// A setup call that must succeed: returns its result JSON.
fn must(client: *mut HuddleClient, what: &str, call: impl FnOnce(CommCallback, *const c_void) -> i32) -> Value {
    let (code, json) = answer(client, what, call);
    assert_eq!(code, 0, "setup: {what}: code {code} {json}");
    json
}

fn client(user: &CStr) -> *mut HuddleClient {
    let config = c"{\"callback_mode\": \"poll\", \"sdk_config_group_msg_per_second\": 1000000}";
    let mut handle = std::ptr::null_mut();
    // SAFETY: a NUL-terminated config and a writable out-pointer.
    assert_eq!(unsafe { HuddleInit(config.as_ptr(), &mut handle) }, 0, "setup: HuddleInit");
    // SAFETY: a live handle and a NUL-terminated user ID.
    must(handle, "HuddleLogin", |cb, ud| unsafe { HuddleLogin(handle, user.as_ptr(), std::ptr::null(), cb, ud) });
    handle
}

fn send(client: *mut HuddleClient, conv: &CStr, conv_type: i32, msg: &CStr) {
    // SAFETY: a live handle, NUL-terminated strings, a NULL id buffer.
    must(client, "HuddleMsgSendMessage", |cb, ud| unsafe {
        HuddleMsgSendMessage(client, conv.as_ptr(), conv_type, msg.as_ptr(), std::ptr::null_mut(), cb, ud)
    });
}

struct World {
    alice: *mut HuddleClient,
    bob: *mut HuddleClient,
}

thread_local! {
    /// The world the last input left untouched, with its listeners' record.
    static SPARE: RefCell<Option<(World, Box<RefCell<Heard>>)>> = const { RefCell::new(None) };
}

/// The world every input is tried on (see the top of this file).
///
/// The in-memory engine is meant to go with its last client, but the
/// library's `huddle-expiry` thread holds it for a moment each round (right
/// after the engine opens, then once a second): a `HuddleInit` made then
/// gets the previous input's engine, groups and all (reported to the
/// library's owners). Such a world is found by its `guild` already existing
/// (10021), taken down, and made again after a pause, so that every input
/// still starts from the same state.
fn world(heard: &RefCell<Heard>) -> World {
    static STALE_NOTED: std::sync::Once = std::sync::Once::new();
    for _ in 0..1000 {
        let alice = client(c"alice");
        let (code, json) = answer(alice, "HuddleGroupCreate guild", |cb, ud| unsafe {
            // SAFETY: a live handle and a NUL-terminated JSON string.
            HuddleGroupCreate(alice, GUILD.as_ptr(), cb, ud)
        });
        match code {
            0 => return populate(alice, heard),
            10021 => {
                STALE_NOTED.call_once(|| {
                    eprintln!("c_api_json: note: HuddleInit after the last HuddleUninit got the previous engine (its group `guild` exists); retrying after a pause")
                });
                // SAFETY: a live handle, not used again.
                assert_eq!(unsafe { HuddleUninit(alice) }, 0);
                std::thread::sleep(Duration::from_millis(1));
            }
            _ => panic!("setup: HuddleGroupCreate guild: code {code} {json}"),
        }
    }
    panic!("setup: 1000 tries did not give a fresh engine");
}

const GUILD: &CStr = cr#"{"create_group_param_group_id": "guild", "create_group_param_group_name": "Guild", "create_group_param_group_type": 0,
    "create_group_param_group_member_array": [{"group_member_info_identifier": "bob", "group_member_info_member_role": 200},
                                              {"group_member_info_identifier": "carol", "group_member_info_member_role": 300}]}"#;

/// The rest of the world, on a fresh engine where alice has made `guild`.
fn populate(alice: *mut HuddleClient, heard: &RefCell<Heard>) -> World {
    let bob = client(c"bob");
    let dave = client(c"dave");
    listen(alice, heard);
    listen(bob, heard);
    let create = |json: &CStr| {
        // SAFETY: a live handle and a NUL-terminated JSON string.
        must(alice, "HuddleGroupCreate", |cb, ud| unsafe { HuddleGroupCreate(alice, json.as_ptr(), cb, ud) });
    };
    create(cr#"{"create_group_param_group_id": "work", "create_group_param_group_name": "Work", "create_group_param_group_type": 1,
        "create_group_param_group_member_array": [{"group_member_info_identifier": "bob"}]}"#);
    create(cr#"{"create_group_param_group_id": "room", "create_group_param_group_name": "Room", "create_group_param_group_type": 4}"#);
    send(alice, c"guild", 2, cr#"{"message_elem_array": [{"elem_type": 0, "text_elem_content": "hello"}]}"#);
    send(alice, c"guild", 2, cr#"{"message_elem_array": [{"elem_type": 3, "custom_elem_data": "{\"x\":1}"}], "message_group_at_user_array": ["bob"]}"#);
    send(bob, c"alice", 1, cr#"{"message_elem_array": [{"elem_type": 0, "text_elem_content": "hi alice"}]}"#);
    // SAFETY: a live handle and NUL-terminated strings.
    let join = must(dave, "HuddleGroupJoin", |cb, ud| unsafe { HuddleGroupJoin(dave, c"guild".as_ptr(), c"let me in".as_ptr(), cb, ud) });
    assert_eq!(join["group_join_result_status"], 1, "setup: dave's join request should wait for approval");
    // SAFETY: a live handle and NUL-terminated strings.
    must(alice, "HuddleConvCreateConversationGroup", |cb, ud| unsafe {
        HuddleConvCreateConversationGroup(alice, c"fav".as_ptr(), cr#"["group_guild"]"#.as_ptr(), cb, ud)
    });
    // SAFETY: a live handle, not used again.
    assert_eq!(unsafe { HuddleUninit(dave) }, 0);
    drain(alice, || true);
    drain(bob, || true);
    World { alice, bob }
}

/// The sync result huddle.h prescribes for this argument, where it
/// prescribes one: invalid UTF-8 or JSON -3; JSON of the wrong kind -4;
/// an array of strings where one is wanted is accepted.
fn expected_sync(arg: Arg, text: &[u8]) -> Option<i32> {
    let Ok(text) = std::str::from_utf8(text) else { return Some(HUDDLE_ERR_JSON) };
    let Ok(value) = serde_json::from_str::<Value>(text) else { return Some(HUDDLE_ERR_JSON) };
    match arg {
        Arg::Object if !value.is_object() => Some(HUDDLE_ERR_PARAM),
        Arg::Object => None,
        Arg::Strings => match value.as_array() {
            Some(items) if items.iter().all(Value::is_string) => Some(HUDDLE_SUCC),
            _ => Some(HUDDLE_ERR_PARAM),
        },
    }
}

/// The documented result of a successful call (code 0), where the header gives one.
fn check_result(func: usize, arg: &Value, json: &Value, msg_id: Option<&str>, problems: &mut Vec<String>) {
    let mut fail = |why: &str| problems.push(format!("{}: {why}: {json}", FUNCS[func].0));
    let empty_object = json.as_object().is_some_and(|o| o.is_empty());
    match FUNCS[func].0 {
        "HuddleGroupCreate" => match json.get("create_group_result_groupid").and_then(Value::as_str) {
            None | Some("") => fail("no create_group_result_groupid"),
            Some(id) => {
                if let Some(asked) = arg.get("create_group_param_group_id").and_then(Value::as_str).filter(|a| !a.is_empty()) {
                    if asked != id {
                        fail("the group ID is not the one asked for");
                    }
                }
            }
        },
        "HuddleGroupInviteMember" | "HuddleGroupDeleteMember" => {
            let (key, results) = if FUNCS[func].0 == "HuddleGroupInviteMember" {
                ("group_invite_member_result_identifier", [1, 2])
            } else {
                ("group_delete_member_result_identifier", [0, 1])
            };
            let result_key = key.replace("_identifier", "_result");
            let ok = json.as_array().is_some_and(|a| {
                a.iter().all(|r| r.get(key).is_some_and(Value::is_string) && r.get(&result_key).and_then(Value::as_i64).is_some_and(|v| results.contains(&v)))
            });
            if !ok {
                fail("not an array of documented per-user results");
            }
        }
        "HuddleGroupGetGroupInfoList" => {
            let asked = arg.as_array().map_or(0, Vec::len);
            let ok = json.as_array().is_some_and(|a| {
                a.len() == asked
                    && a.iter().all(|r| match r.get("get_groups_info_result_code").and_then(Value::as_i64) {
                        Some(0) => r.get("get_groups_info_result_info").is_some_and(Value::is_object),
                        Some(10010 | 10015) => true,
                        _ => false,
                    })
            });
            if !ok {
                fail(&format!("not one documented result per ID of the {asked} asked for"));
            }
        }
        "HuddleGroupModifyGroupInfo" | "HuddleGroupModifyMemberInfo" | "HuddleGroupHandlePendency" | "HuddleGroupModifyMuteAllowlist" | "HuddleMsgRevoke"
        | "HuddleMsgReportReaded" => {
            if !empty_object {
                fail("the header says the callback gets {}");
            }
        }
        "HuddleGroupGetMemberInfoList" => {
            let ok = json.get("group_get_member_info_list_result_next_seq").is_some_and(Value::is_u64)
                && json.get("group_get_member_info_list_result_info_array").and_then(Value::as_array).is_some_and(|a| a.len() <= 100);
            if !ok {
                fail("not a documented member page (at most 100)");
            }
        }
        "HuddleGroupGetPendencyList" => {
            if !json.get("group_pendency_result_pendency_array").is_some_and(Value::is_array) {
                fail("no group_pendency_result_pendency_array");
            }
        }
        "HuddleConvGetConversationListByFilter" => {
            if !json.get("conversation_list_result_conv_list").is_some_and(Value::is_array) {
                fail("no conversation_list_result_conv_list");
            }
        }
        "HuddleConvCreateConversationGroup" | "HuddleConvAddConversationsToGroup" | "HuddleConvDeleteConversationsFromGroup" => {
            let ok = json.as_array().is_some_and(|a| a.iter().all(|r| r.get("conversation_operation_result_conversation_id").is_some_and(Value::is_string)));
            if !ok {
                fail("not an array of per-conversation results");
            }
        }
        "HuddleMsgSendMessage" => {
            if json.get("message_msg_id").and_then(Value::as_str) != msg_id {
                fail(&format!("message_msg_id is not the {msg_id:?} written to message_id_buffer"));
            }
        }
        "HuddleMsgGetMsgList" => {
            let count = arg.get("msg_getmsglist_param_count").and_then(Value::as_u64).filter(|c| (1..=100).contains(c)).unwrap_or(100);
            if !json.as_array().is_some_and(|a| a.len() as u64 <= count) {
                fail(&format!("not an array of at most {count} messages"));
            }
        }
        _ => {}
    }
}

fuzz_target!(|data: &[u8]| {
    wait_for_expiry_threads_at_exit();
    let Some((&selector, rest)) = data.split_first() else { return };
    let func = selector as usize % FUNCS.len();
    let variant = selector as usize / FUNCS.len();
    let (name, kind) = FUNCS[func];
    let arg = c_string(rest);
    let arg_text = &arg[..arg.len() - 1];

    // A world left by a refused call is as it was made (a refused call does
    // nothing), so it is used again; any other call gets a new one.
    let (w, heard) = SPARE.with(|s| s.borrow_mut().take()).unwrap_or_else(|| {
        let heard = Box::new(RefCell::new(Heard::default()));
        (world(&heard), heard)
    });
    let setup_events = heard.borrow().events;

    let done = RefCell::new(Done::default());
    let (cb, ud): (CommCallback, *const c_void) = (Some(on_done), (&done as *const RefCell<Done>).cast());
    let json = arg.as_ptr().cast::<c_char>();
    let (conv, conv_type) = CONVS[variant % CONVS.len()];
    let conv = conv.as_ptr();
    let group_name = CONV_GROUPS[variant % CONV_GROUPS.len()].as_ptr();
    let mut id_buf = [0xAAu8 as c_char; HUDDLE_MESSAGE_ID_BUFFER_LEN];
    let a = w.alice;
    // SAFETY: a live logged-in handle, NUL-terminated strings, a 128-byte
    // id buffer, and a callback whose user_data outlives every callback.
    let ret = unsafe {
        match name {
            "HuddleGroupCreate" => HuddleGroupCreate(a, json, cb, ud),
            "HuddleGroupInviteMember" => HuddleGroupInviteMember(a, json, cb, ud),
            "HuddleGroupDeleteMember" => HuddleGroupDeleteMember(a, json, cb, ud),
            "HuddleGroupGetGroupInfoList" => HuddleGroupGetGroupInfoList(a, json, cb, ud),
            "HuddleGroupModifyGroupInfo" => HuddleGroupModifyGroupInfo(a, json, cb, ud),
            "HuddleGroupGetMemberInfoList" => HuddleGroupGetMemberInfoList(a, json, cb, ud),
            "HuddleGroupModifyMemberInfo" => HuddleGroupModifyMemberInfo(a, json, cb, ud),
            "HuddleGroupGetPendencyList" => HuddleGroupGetPendencyList(a, json, cb, ud),
            "HuddleGroupHandlePendency" => HuddleGroupHandlePendency(a, json, cb, ud),
            "HuddleGroupModifyMuteAllowlist" => HuddleGroupModifyMuteAllowlist(a, json, cb, ud),
            "HuddleConvGetConversationListByFilter" => HuddleConvGetConversationListByFilter(a, json, cb, ud),
            "HuddleConvCreateConversationGroup" => HuddleConvCreateConversationGroup(a, group_name, json, cb, ud),
            "HuddleConvAddConversationsToGroup" => HuddleConvAddConversationsToGroup(a, group_name, json, cb, ud),
            "HuddleConvDeleteConversationsFromGroup" => HuddleConvDeleteConversationsFromGroup(a, group_name, json, cb, ud),
            "HuddleMsgSendMessage" => HuddleMsgSendMessage(a, conv, conv_type, json, id_buf.as_mut_ptr(), cb, ud),
            "HuddleMsgGetMsgList" => HuddleMsgGetMsgList(a, conv, conv_type, json, cb, ud),
            "HuddleMsgRevoke" => HuddleMsgRevoke(a, conv, conv_type, json, cb, ud),
            "HuddleMsgReportReaded" => HuddleMsgReportReaded(a, conv, conv_type, json, cb, ud),
            other => unreachable!("{other}"),
        }
    };
    let input = String::from_utf8_lossy(arg_text);
    let context = || format!("{name} (selector byte {selector}) with {input:?} returned {ret} ({})", result_string(ret));

    let mut problems = Vec::new();
    if ![HUDDLE_SUCC, HUDDLE_ERR_JSON, HUDDLE_ERR_PARAM].contains(&ret) {
        problems.push("the sync result is not 0, -3 or -4".to_string());
    }
    if let Some(want) = expected_sync(kind, arg_text) {
        if ret != want {
            problems.push(format!("huddle.h prescribes {want} ({}) for this argument", result_string(want)));
        }
    }
    // The message ID buffer: written, NUL-terminated, only when the call returned 0.
    let msg_id = if name == "HuddleMsgSendMessage" {
        let bytes: Vec<u8> = id_buf.iter().map(|&c| c as u8).collect();
        if ret == HUDDLE_SUCC {
            match bytes.iter().position(|&b| b == 0).map(|end| String::from_utf8(bytes[..end].to_vec())) {
                Some(Ok(id)) if !id.is_empty() => Some(id),
                _ => {
                    problems.push("message_id_buffer holds no NUL-terminated ID after 0".into());
                    None
                }
            }
        } else {
            if bytes.iter().any(|&b| b != 0xAA) {
                problems.push("message_id_buffer was written by a refused call".into());
            }
            None
        }
    } else {
        None
    };

    // The callback, and the events the call caused.
    if ret == HUDDLE_SUCC {
        drain(w.alice, || done.borrow().count > 0);
    } else {
        drain(w.alice, || true);
    }
    drain(w.bob, || true);
    if ret != HUDDLE_SUCC {
        let d = done.borrow();
        let h = heard.borrow();
        if problems.is_empty() && d.count == 0 && h.problems.is_empty() && h.events == setup_events {
            drop((d, h));
            SPARE.with(|s| *s.borrow_mut() = Some((w, heard)));
            return;
        }
    }
    {
        let d = done.borrow();
        problems.extend(d.problems.iter().cloned());
        if ret == HUDDLE_SUCC && d.count == 1 && d.code == 0 {
            if let (Some(json), Ok(arg)) = (&d.json, serde_json::from_slice::<Value>(arg_text)) {
                check_result(func, &arg, json, msg_id.as_deref(), &mut problems);
            }
        }
    }
    // SAFETY: live handles, not used again.
    let (ua, ub) = unsafe { (HuddleUninit(w.alice), HuddleUninit(w.bob)) };
    if ua != 0 || ub != 0 {
        problems.push(format!("HuddleUninit returned {ua}, {ub}"));
    }
    let d = done.into_inner();
    let want = u32::from(ret == HUDDLE_SUCC);
    if d.count != want {
        problems.push(format!("the callback ran {} times; huddle.h says {want}", d.count));
    }
    let h = heard.into_inner();
    if ret != HUDDLE_SUCC && h.events != setup_events {
        problems.push(format!("a refused call caused {} events", h.events - setup_events));
    }
    problems.extend(h.problems);
    assert!(
        problems.is_empty(),
        "{}; callback code {} json {:?}; events {} (setup {}):\n  {}",
        context(),
        d.code,
        d.json.map(|j| j.to_string()),
        h.events,
        setup_events,
        problems.join("\n  ")
    );
});
