//! `serde_json::from_str::<huddle::protocol::ServerFrame>`: what the SDK's
//! network transport (src/transport/net.rs) reads from a server, which may
//! be hostile or broken. The input is the WebSocket text message; other
//! bytes than UTF-8 never reach the parser and are skipped.
//!
//! What it asserts:
//! - no panic, whatever the text, and nothing that is not JSON is read as
//!   a frame;
//! - every JSON payload a frame carries to a C callback or listener (a
//!   reply's `json`, an event's `tip`, `message`, `messages`, `locators`,
//!   `convs`, `json`) is what huddle.h promises a C caller: valid JSON,
//!   never empty, with no NUL before its end (the library hands the text to
//!   C as a NUL-terminated string without copying it);
//! - a frame read round-trips: encoded as the server encodes frames, it
//!   reads back as the same frame (numbers compared as numbers).

#![no_main]

mod common;

use common::same_json;
use huddle::event::{EventBody, Json};
use huddle::protocol::ServerFrame;
use libfuzzer_sys::fuzz_target;
use serde_json::Value;

fn check_payload(what: &str, json: &Json, text: &str) {
    let s = json.as_str();
    assert!(!s.is_empty(), "{what} of {text:?} is empty");
    assert!(!s.contains('\0'), "{what} of {text:?} holds a NUL: C would read {:?}", s.split('\0').next());
    // The pointer C gets: the text, then the NUL the library added.
    // SAFETY: `as_ptr` is NUL-terminated and valid while `json` lives.
    let c = unsafe { std::ffi::CStr::from_ptr(json.as_ptr()) };
    assert_eq!(c.to_bytes(), s.as_bytes(), "{what} of {text:?}: C reads other text than the frame carried");
    if let Err(e) = serde_json::from_str::<Value>(s) {
        panic!("{what} of {text:?} is not JSON ({e}): {s:?}");
    }
}

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else { return };
    let Ok(frame) = serde_json::from_str::<ServerFrame>(text) else { return };
    if let Err(e) = serde_json::from_str::<Value>(text) {
        panic!("{text:?} is not JSON ({e}) but was read as {frame:?}");
    }
    match &frame {
        ServerFrame::Reply { json, .. } => check_payload("a reply's json", json, text),
        ServerFrame::Event { event } => match event {
            EventBody::GroupTip { tip, message, .. } => {
                check_payload("a group tip's tip", tip, text);
                check_payload("a group tip's message", message, text);
            }
            EventBody::NewMessage { messages, .. } => check_payload("a new_message's messages", messages, text),
            EventBody::MsgRevoked { locators, .. } => check_payload("a msg_revoked's locators", locators, text),
            EventBody::Conv { convs, .. } => check_payload("a conv event's convs", convs, text),
            EventBody::ConvGroup { json, .. } => check_payload("a conv_group event's json", json, text),
            _ => {}
        },
        _ => {}
    }
    let encoded = frame.encode();
    let again: ServerFrame =
        serde_json::from_str(&encoded).unwrap_or_else(|e| panic!("{text:?} was read as {frame:?}, encoded as {encoded}, which does not read ({e})"));
    if again != frame {
        let (a, b) = (serde_json::to_value(&frame).unwrap(), serde_json::to_value(&again).unwrap());
        assert!(same_json(&a, &b), "{text:?} was read as {frame:?}, encoded as {encoded}, read back as {again:?}");
    }
});
