//! `HuddleInit`'s JSON config, then `HuddleUninit`, through the real
//! `extern "C"` functions. The input, cut at its first NUL as a C string is,
//! is the config.
//!
//! What it asserts (huddle.h's `HuddleInit` and `HuddleUninit`):
//! - the result is 0, -3 or -4, never -7 (a caught panic);
//! - invalid UTF-8 or JSON is -3; JSON that is not an object is -4;
//! - a documented key with a value of the wrong type or outside its
//!   documented values (a platform outside 0..4,
//!   `callback_mode` other than "thread"/"poll", a server
//!   URL that is not ws:// or wss://, a login policy other than the three,
//!   a request timeout above 120000 for a network client, ...) is -4, and a
//!   config whose documented keys all hold good values is 0 whatever other
//!   keys it has ("unknown keys are ignored");
//! - `*out_client` is written only on success; a new client is logged out;
//!   `HuddleUninit` returns 0, then -1 for the stale handle, which every
//!   function then refuses.
//!
//! A config naming a `sdk_config_data_dir` is only tried when the dir is
//! under /tmp/huddle-fuzz-init/ (removed after each input), so the fuzzer
//! never creates files elsewhere; other data dirs are skipped. A server URL
//! is never connected to: connections open at `HuddleLogin`, which this
//! target does not call.

#![no_main]

mod common;

use common::*;
use libfuzzer_sys::fuzz_target;
use serde_json::Value;

const DATA_ROOT: &str = "/tmp/huddle-fuzz-init";

/// What huddle.h prescribes for a config.
#[derive(Clone, Copy, Debug, PartialEq)]
enum Expect {
    /// HUDDLE_SUCC.
    Ok,
    /// HUDDLE_ERR_JSON.
    Json,
    /// HUDDLE_ERR_PARAM.
    Param,
    /// 0 or -4: the header does not decide (a float where an integer is
    /// documented, null for a key that is not optional, a data dir the OS
    /// may refuse).
    OkOrParam,
    /// Not tried: a data dir outside DATA_ROOT.
    Skip,
}

/// A data dir the fuzzer may create: under DATA_ROOT, a few plain components.
fn safe_data_dir(dir: &str) -> bool {
    let Some(rest) = dir.strip_prefix(DATA_ROOT).and_then(|r| r.strip_prefix('/')) else { return false };
    let parts: Vec<&str> = rest.split('/').collect();
    dir.len() < 200 && parts.len() <= 3 && parts.iter().all(|p| !p.is_empty() && *p != "." && *p != ".." && !p.contains('\0'))
}

fn expect(text: &[u8]) -> (Expect, bool) {
    let Ok(text) = std::str::from_utf8(text) else { return (Expect::Json, false) };
    let Ok(value) = serde_json::from_str::<Value>(text) else { return (Expect::Json, false) };
    let Some(config) = value.as_object() else { return (Expect::Param, false) };

    let mut bad = false; // a value the header rules out
    let mut unsure = false; // a value the header does not decide on
    let mut uses_dir = false;

    // An unsigned integer key (`max`: its type's largest value); `optional`: null means absent.
    let mut unsigned = |key: &str, max: u64, optional: bool| match config.get(key) {
        None => {}
        Some(Value::Null) if optional => {}
        Some(Value::Null) => unsure = true,
        Some(Value::Number(n)) if n.is_u64() => bad |= n.as_u64().unwrap() > max,
        Some(Value::Number(n)) if n.is_i64() => bad = true,
        Some(Value::Number(_)) => unsure = true, // a float
        Some(_) => bad = true,
    };
    unsigned("sdk_config_sdk_app_id", u64::MAX, false);
    unsigned("sdk_config_group_msg_per_second", u32::MAX as u64, true);
    unsigned("sdk_config_msg_retention_seconds", u64::MAX, true);
    unsigned("sdk_config_msg_revoke_seconds", u64::MAX, true);
    unsigned("sdk_config_max_pending_events", usize::MAX as u64, true);
    unsigned("sdk_config_request_timeout_ms", u64::MAX, true);

    // "Tencent's TIMPlatform: 0 other, 1 Windows, 2 Android, 3 iOS, 4 Mac";
    // 5 (Simulator) is not in the header's list but src/config.rs takes it.
    match config.get("sdk_config_platform") {
        None | Some(Value::Null) => {}
        Some(Value::Number(n)) => match n.as_i64() {
            Some(0..=4) => {}
            Some(5) => unsure = true,
            Some(_) => bad = true,
            None if n.is_u64() => bad = true,
            None => unsure = true, // a float
        },
        Some(_) => bad = true,
    }
    let one_of = |key: &str, allowed: &[&str]| match config.get(key) {
        None | Some(Value::Null) => false,
        Some(Value::String(s)) => !allowed.contains(&s.as_str()),
        Some(_) => true,
    };
    bad |= one_of("callback_mode", &["thread", "poll"]);
    bad |= one_of("sdk_config_login_policy", &["multi", "per_platform", "single"]);
    match config.get("sdk_config_secret_key") {
        None | Some(Value::Null) | Some(Value::String(_)) => {}
        Some(_) => bad = true,
    }
    match config.get("sdk_config_admin_user_ids") {
        None => {}
        Some(Value::Null) => unsure = true,
        Some(Value::Array(ids)) => bad |= !ids.iter().all(Value::is_string),
        Some(_) => bad = true,
    }
    let network = match config.get("sdk_config_server_url") {
        None | Some(Value::Null) => false,
        Some(Value::String(url)) if url.is_empty() => false,
        Some(Value::String(url)) if url.starts_with("ws://") || url.starts_with("wss://") => true,
        Some(Value::String(url)) => {
            let lower = url.to_ascii_lowercase();
            if lower.starts_with("ws://") || lower.starts_with("wss://") {
                unsure = true; // "WS://": the header does not say whether case matters
            } else {
                bad = true;
            }
            false
        }
        Some(_) => {
            bad = true;
            false
        }
    };
    if network {
        // "sdk_config_request_timeout_ms (network; default 30000, at most 120000)"
        match config.get("sdk_config_request_timeout_ms").and_then(Value::as_u64) {
            Some(ms) if ms > 120_000 => bad = true,
            Some(0) => unsure = true,
            _ => {}
        }
    }
    match config.get("sdk_config_data_dir") {
        None | Some(Value::Null) => {}
        Some(Value::String(dir)) => {
            if !safe_data_dir(dir) {
                return (Expect::Skip, false);
            }
            uses_dir = true;
            if !network {
                unsure = true; // the OS may refuse the dir
            }
        }
        Some(_) => bad = true,
    }
    let e = if bad {
        Expect::Param
    } else if unsure {
        Expect::OkOrParam
    } else {
        Expect::Ok
    };
    (e, uses_dir)
}

fuzz_target!(|data: &[u8]| {
    wait_for_expiry_threads_at_exit();
    let arg = c_string(data);
    let text = &arg[..arg.len() - 1];
    let (want, uses_dir) = expect(text);
    if want == Expect::Skip {
        return;
    }
    let sentinel = 0x5a5a_5a58usize as *mut HuddleClient;
    let mut handle = sentinel;
    // SAFETY: a NUL-terminated string and a writable out-pointer.
    let ret = unsafe { HuddleInit(arg.as_ptr().cast(), &mut handle) };

    let mut problems = Vec::new();
    let allowed: &[i32] = match want {
        Expect::Ok => &[HUDDLE_SUCC],
        Expect::Json => &[HUDDLE_ERR_JSON],
        Expect::Param => &[HUDDLE_ERR_PARAM],
        Expect::OkOrParam => &[HUDDLE_SUCC, HUDDLE_ERR_PARAM],
        Expect::Skip => unreachable!(),
    };
    if !allowed.contains(&ret) {
        problems.push(format!("huddle.h prescribes {want:?} for this config"));
    }
    if ret == HUDDLE_SUCC {
        if handle.is_null() || handle == sentinel {
            problems.push("*out_client was not written on success".into());
        } else {
            // SAFETY: the handle just made, then stale: a stale handle is
            // refused, never dereferenced (huddle.h).
            unsafe {
                let status = HuddleGetLoginStatus(handle);
                if status != HUDDLE_STATUS_LOGGED_OUT {
                    problems.push(format!("a new client's login status is {status}, not logged out (3)"));
                }
                let first = HuddleUninit(handle);
                let second = HuddleUninit(handle);
                let stale = HuddleGetLoginStatus(handle);
                let poll = HuddlePoll(handle, 1);
                if (first, second, stale, poll) != (0, HUDDLE_ERR_SDKUNINIT, HUDDLE_ERR_SDKUNINIT, HUDDLE_ERR_SDKUNINIT) {
                    problems.push(format!(
                        "HuddleUninit gave {first} then {second}; the stale handle's status {stale}, poll {poll} (want 0, -1, -1, -1)"
                    ));
                }
            }
        }
    } else if handle != sentinel {
        problems.push("*out_client was written by a refused HuddleInit".into());
    }
    if uses_dir {
        let _ = std::fs::remove_dir_all(DATA_ROOT);
    }
    assert!(
        problems.is_empty(),
        "HuddleInit({:?}) returned {ret} ({}):\n  {}",
        String::from_utf8_lossy(text),
        result_string(ret),
        problems.join("\n  ")
    );
});
