//! `huddle::protocol::ClientFrame::parse`: what huddle-server reads from
//! every WebSocket text message a client sends (any client: the input is
//! hostile). The input is the message's text; WebSocket text is UTF-8, so
//! other bytes never reach the parser and are skipped.
//!
//! What it asserts (docs/protocol.md, "Connection" and "Errors and limits"):
//! - no panic, whatever the text;
//! - text that is not JSON is refused with 6027; JSON that is not a frame
//!   of this version with 6017, naming the call's `id` when the text has a
//!   numeric one ("answered to its call when it has an id"), and never
//!   naming an id it does not have; a refusal has a sentence;
//! - a frame read is one the SDK can write: serialized the way the SDK
//!   writes frames, it reads back as the same frame (numbers compared as
//!   numbers).

#![no_main]

mod common;

use common::same_json;
use huddle::protocol::ClientFrame;
use huddle::Code;
use libfuzzer_sys::fuzz_target;
use serde_json::Value;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else { return };
    let parsed = ClientFrame::parse(text);
    let json = serde_json::from_str::<Value>(text);
    match (&parsed, &json) {
        (Err(bad), Err(_)) => {
            assert_eq!(bad.code, Code::InvalidJson, "text that is not JSON must be refused with 6027: {text:?} -> {bad:?}");
            assert_eq!(bad.id, None, "text that is not JSON names no call: {text:?} -> {bad:?}");
            assert!(!bad.desc.is_empty(), "a refusal without a sentence: {text:?}");
        }
        (Err(bad), Ok(value)) => {
            assert_eq!(bad.code, Code::InvalidParameters, "JSON that is not a frame must be refused with 6017: {text:?} -> {bad:?}");
            assert_eq!(bad.id, value.get("id").and_then(Value::as_u64), "the refusal must name the frame's id, and only it: {text:?} -> {bad:?}");
            assert!(!bad.desc.is_empty(), "a refusal without a sentence: {text:?}");
        }
        (Ok(frame), Err(e)) => panic!("{text:?} is not JSON ({e}) but was read as {frame:?}"),
        (Ok(frame), Ok(_)) => {
            let written = serde_json::to_string(frame).unwrap_or_else(|e| panic!("the frame {frame:?} read from {text:?} does not serialize: {e}"));
            let again = ClientFrame::parse(&written).unwrap_or_else(|e| panic!("{text:?} was read as {frame:?}, written as {written}, which reads as {e:?}"));
            if again != *frame {
                let (a, b) = (serde_json::to_value(frame).unwrap(), serde_json::to_value(&again).unwrap());
                assert!(same_json(&a, &b), "{text:?} was read as {frame:?}, written as {written}, read back as {again:?}");
            }
        }
    }
});
