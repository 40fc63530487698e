//! libImSDK: Tencent Cloud IM's native C API (the `TIM*` functions of its
//! headers, with their exact C signatures) over Huddle, so that an app or a
//! wrapper (Unity, Electron, Flutter desktop) built on Tencent's library runs
//! on Huddle by loading this one instead (docs/tim.md).
//!
//! Nothing here knows about groups or messages: each `TIMx(args)` calls
//! `HuddleX(client, args)` of include/huddle.h on one process-wide client
//! made by `TIMInit`, with the JSON untouched. `table.rs`, generated from
//! Tencent's headers, lists every function and what it does; the few that
//! need more are in `client.rs` (init, config keys, listeners kept across
//! TIMInit) and `log.rs` (logging).
#![allow(non_snake_case, non_camel_case_types, clippy::missing_safety_doc)]

// Links Huddle in: its `Huddle*` functions are what the table calls, and
// libImSDK.so exports them as well.
extern crate huddle;

#[macro_use]
mod exports;
mod client;
mod log;
mod reply;
mod table;
mod undeclared;
