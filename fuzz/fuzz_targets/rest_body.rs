//! The REST API's request parsing (`huddle::service::rest::Command::parse`
//! and the message-log `Query::parse`): what huddle-server reads from every
//! body an app server, or anyone who reaches its port, posts. Parsing comes
//! before the usersig check's result is used, so the input is hostile.
//!
//! The first byte picks the path: one of `COMMANDS` (byte % (n + 2) < n),
//! the message-log query (n), or a command that does not exist (n + 1); the
//! rest is the body.
//!
//! What it asserts (docs/rest.md, "Requests"):
//! - no panic, whatever the bytes;
//! - a refused body gets one of the codes a parse can give: 60003 (not a
//!   JSON object), 10004 (fields of the wrong kind), 10003 / 60009 (no such
//!   command), 1002 (a bad message-log query), always with a sentence;
//! - an unknown command is 10003 once its body reads as an object;
//! - a body that is not JSON is never read as a command.

#![no_main]

use huddle::service::rest::history::Query;
use huddle::service::rest::{Command, COMMANDS};
use libfuzzer_sys::fuzz_target;

const PARSE_CODES: [i32; 5] = [60003, 10004, 10003, 60009, 1002];

fuzz_target!(|data: &[u8]| {
    let Some((&pick, body)) = data.split_first() else { return };
    let pick = pick as usize % (COMMANDS.len() + 2);
    let empty = body.iter().all(u8::is_ascii_whitespace);
    let value = serde_json::from_slice::<serde_json::Value>(body).ok();
    let is_json = empty || value.is_some();
    let is_object = empty || value.as_ref().is_some_and(serde_json::Value::is_object);
    let refused = if pick < COMMANDS.len() {
        Command::parse(COMMANDS[pick].0, body).err()
    } else if pick == COMMANDS.len() {
        Query::parse(body).err()
    } else {
        let e = Command::parse("group_open_http_svc/no_such_command", body).expect_err("no such command");
        assert!(e.code.as_i32() == 10003 || !is_object, "an unknown command is 10003 once its body reads as an object: {e:?}");
        Some(e)
    };
    match refused {
        Some(e) => {
            assert!(PARSE_CODES.contains(&e.code.as_i32()), "{:?} refused with {:?}", String::from_utf8_lossy(body), e);
            assert!(!e.desc.is_empty(), "a refusal without a sentence");
        }
        None => assert!(is_json, "{:?} is not JSON but was read", String::from_utf8_lossy(body)),
    }
});
