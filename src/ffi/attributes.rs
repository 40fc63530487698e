//! Group attributes and counters (Tencent's TIMGroupInitGroupAttributes and
//! TIMGroupSetGroupCounters families) and their change listeners.

use std::ffi::{c_char, c_void};

use crate::service::Request;

use super::convert::{self, ffi_boundary, submit, Sync, UserData};
use super::{HuddleClient, HuddleCommCallback, HuddleGroupAttributeChangedCallback, HuddleGroupCounterChangedCallback};

/// # Safety
/// As `convert::text`.
unsafe fn text(p: *const c_char) -> Sync<String> {
    // SAFETY: per this function's contract.
    unsafe { convert::text(p) }.map(str::to_string)
}

/// A JSON array of keys where NULL or "" means all of them.
///
/// # Safety
/// As `convert::text`.
unsafe fn keys_or_all(p: *const c_char) -> Sync<Vec<String>> {
    // SAFETY: per this function's contract.
    if unsafe { convert::text_or_empty(p) }?.is_empty() {
        return Ok(Vec::new());
    }
    // SAFETY: per this function's contract.
    unsafe { convert::json(p) }
}

/// Replaces all of a group's attributes with `json_group_attributes`, a
/// JSON array of `{"group_attribute_key": "seat1", "group_attribute_value":
/// "alice"}` (Tencent's `TIMGroupInitGroupAttributes`). Any member (or app
/// admin) may write them, on every group type; others get 10007, an unknown
/// group 10010. Tencent's limits: at most 16 keys of 1 to 32 bytes, values
/// of at most 4096 bytes, 16384 bytes of keys and values in all (10004);
/// init, set and delete together at most 10 times in 5 seconds per user
/// (8511; `sdk_config_group_attr_writes_per_5s`, app admins not limited).
/// Writes of one group are applied one at a time, in the order they reach
/// the engine: every member's `HuddleSetGroupAttributeChangedCallback`
/// hears each, with all the attributes, in that order. `cb` gets `{}`.
/// Sync: 0, -1, -2, -3 (invalid UTF-8 or JSON), -4 (NULL, or not an array
/// of attributes).
#[no_mangle]
pub extern "C" fn HuddleGroupInitGroupAttributes(client: *mut HuddleClient, group_id: *const c_char, json_group_attributes: *const c_char, cb: HuddleCommCallback, user_data: *const c_void) -> i32 {
    // SAFETY: string arguments are NUL-terminated and valid for the call (huddle.h).
    submit(client, cb, user_data, || unsafe {
        Ok(Request::GroupInitGroupAttributes { group_id: text(group_id)?, attributes: convert::json(json_group_attributes)? })
    })
}

/// Adds or updates the attributes of `json_group_attributes` (Tencent's
/// `TIMGroupSetGroupAttributes`), keeping the others; as
/// `HuddleGroupInitGroupAttributes` otherwise (rights, limits, listeners,
/// codes). `cb` gets `{}`.
#[no_mangle]
pub extern "C" fn HuddleGroupSetGroupAttributes(client: *mut HuddleClient, group_id: *const c_char, json_group_attributes: *const c_char, cb: HuddleCommCallback, user_data: *const c_void) -> i32 {
    // SAFETY: string arguments are NUL-terminated and valid for the call (huddle.h).
    submit(client, cb, user_data, || unsafe {
        Ok(Request::GroupSetGroupAttributes { group_id: text(group_id)?, attributes: convert::json(json_group_attributes)? })
    })
}

/// Removes the attributes whose keys `json_keys` lists (a JSON array of
/// strings; `[]` removes them all; a key the group does not have is
/// ignored), as Tencent's `TIMGroupDeleteGroupAttributes`; as
/// `HuddleGroupInitGroupAttributes` otherwise. `cb` gets `{}`.
#[no_mangle]
pub extern "C" fn HuddleGroupDeleteGroupAttributes(client: *mut HuddleClient, group_id: *const c_char, json_keys: *const c_char, cb: HuddleCommCallback, user_data: *const c_void) -> i32 {
    // SAFETY: string arguments are NUL-terminated and valid for the call (huddle.h).
    submit(client, cb, user_data, || unsafe { Ok(Request::GroupDeleteGroupAttributes { group_id: text(group_id)?, keys: convert::json(json_keys)? }) })
}

/// Reads a group's attributes (Tencent's `TIMGroupGetGroupAttributes`):
/// those whose keys `json_keys` lists (a JSON array of strings), or all of
/// them when it is NULL, "" or `[]`. `cb` gets a JSON array of
/// `group_attribute_key` and `group_attribute_value`, in key order; a key
/// the group does not have is left out. Members and app admins only
/// (10007); at most 20 reads in 5 seconds per user (8511).
#[no_mangle]
pub extern "C" fn HuddleGroupGetGroupAttributes(client: *mut HuddleClient, group_id: *const c_char, json_keys: *const c_char, cb: HuddleCommCallback, user_data: *const c_void) -> i32 {
    // SAFETY: string arguments are NUL-terminated and valid for the call (huddle.h).
    submit(client, cb, user_data, || unsafe { Ok(Request::GroupGetGroupAttributes { group_id: text(group_id)?, keys: keys_or_all(json_keys)? }) })
}

/// Sets the listener of group attribute changes (NULL removes it), as
/// Tencent's `TIMSetGroupAttributeChangedCallback`: the group's ID and all
/// its attributes now (a JSON array of `group_attribute_key` and
/// `group_attribute_value`). Every member hears every change of its
/// groups, in the order the engine made them, on the client's callback
/// thread (or `HuddlePoll`); the strings live until it returns. Changes
/// made while a network client was disconnected are not replayed: read
/// the attributes again after a reconnect.
#[no_mangle]
pub extern "C" fn HuddleSetGroupAttributeChangedCallback(client: *mut HuddleClient, cb: HuddleGroupAttributeChangedCallback, user_data: *const c_void) {
    let ud = UserData(user_data);
    ffi_boundary!((), {
        let Ok(c) = convert::client(client) else { return };
        c.set_group_attributes_listener(cb.map(|f| -> crate::client::GroupAttributesListener {
            std::sync::Arc::new(move |group_id: &str, attributes: &crate::event::Json| {
                let group_id = convert::cstring(group_id);
                // SAFETY: the host's callback and its user_data, as it set them (huddle.h).
                unsafe { f(group_id.as_ptr(), attributes.as_ptr(), ud.get()) }
            })
        }));
    })
}

/// Sets counters of a group (Tencent's `TIMGroupSetGroupCounters`):
/// `json_group_counter_array` is a JSON array of `{"group_counter_key":
/// "likes", "group_counter_value": 0}` (a 64-bit signed value); keys it
/// names get its values, the others stay. `cb` gets the counters set, the
/// same array. Every group type but Community (10007); members and app
/// admins only (10007); Tencent's limits: at most 20 counters of 1 to 128
/// bytes (10004); set, increase and decrease together at most 20 times in
/// 5 seconds per user (8516; `sdk_config_group_counter_writes_per_5s`, app
/// admins not limited). Every member's `HuddleSetGroupCounterChangedCallback`
/// hears each counter's new value, in the order the engine made the
/// changes. Sync: 0, -1, -2, -3, -4 (NULL, or not an array of counters).
#[no_mangle]
pub extern "C" fn HuddleGroupSetGroupCounters(client: *mut HuddleClient, group_id: *const c_char, json_group_counter_array: *const c_char, cb: HuddleCommCallback, user_data: *const c_void) -> i32 {
    // SAFETY: string arguments are NUL-terminated and valid for the call (huddle.h).
    submit(client, cb, user_data, || unsafe {
        Ok(Request::GroupSetGroupCounters { group_id: text(group_id)?, counters: convert::json(json_group_counter_array)? })
    })
}

/// Reads a group's counters (Tencent's `TIMGroupGetGroupCounters`): those
/// whose keys `json_group_counter_key_array` lists (a JSON array of
/// strings), or all of them when it is NULL, "" or `[]`. `cb` gets a JSON
/// array of `group_counter_key` and `group_counter_value`, in key order; a
/// key the group does not have is left out. As `HuddleGroupSetGroupCounters`
/// for who may; at most 20 reads in 5 seconds per user (8516).
#[no_mangle]
pub extern "C" fn HuddleGroupGetGroupCounters(client: *mut HuddleClient, group_id: *const c_char, json_group_counter_key_array: *const c_char, cb: HuddleCommCallback, user_data: *const c_void) -> i32 {
    // SAFETY: string arguments are NUL-terminated and valid for the call (huddle.h).
    submit(client, cb, user_data, || unsafe {
        Ok(Request::GroupGetGroupCounters { group_id: text(group_id)?, keys: keys_or_all(json_group_counter_key_array)? })
    })
}

/// Adds `group_counter_value` to a counter, atomically (Tencent's
/// `TIMGroupIncreaseGroupCounter`): a key the group does not have starts
/// at 0. `cb` gets the counter's new value as a one-counter array
/// (`[{"group_counter_key": "likes", "group_counter_value": 8}]`);
/// concurrent increments all count. A result past the 64-bit range is
/// refused (10004). As `HuddleGroupSetGroupCounters` otherwise. Sync: 0,
/// -1, -2, -3, -4 (a NULL ID or key).
#[no_mangle]
pub extern "C" fn HuddleGroupIncreaseGroupCounter(client: *mut HuddleClient, group_id: *const c_char, group_counter_key: *const c_char, group_counter_value: i64, cb: HuddleCommCallback, user_data: *const c_void) -> i32 {
    // SAFETY: string arguments are NUL-terminated and valid for the call (huddle.h).
    submit(client, cb, user_data, || unsafe {
        Ok(Request::GroupIncreaseGroupCounter { group_id: text(group_id)?, key: text(group_counter_key)?, value: group_counter_value })
    })
}

/// Takes `group_counter_value` from a counter, atomically (Tencent's
/// `TIMGroupDecreaseGroupCounter`); as `HuddleGroupIncreaseGroupCounter`
/// otherwise.
#[no_mangle]
pub extern "C" fn HuddleGroupDecreaseGroupCounter(client: *mut HuddleClient, group_id: *const c_char, group_counter_key: *const c_char, group_counter_value: i64, cb: HuddleCommCallback, user_data: *const c_void) -> i32 {
    // SAFETY: string arguments are NUL-terminated and valid for the call (huddle.h).
    submit(client, cb, user_data, || unsafe {
        Ok(Request::GroupDecreaseGroupCounter { group_id: text(group_id)?, key: text(group_counter_key)?, value: group_counter_value })
    })
}

/// Sets the listener of group counter changes (NULL removes it), as
/// Tencent's `TIMSetGroupCounterChangedCallback`: the group's ID, the
/// counter's key and its new value. Every member hears every change of its
/// groups, in the order the engine made them (n increments of 1 are heard
/// as each value in turn), on the client's callback thread (or
/// `HuddlePoll`); the strings live until it returns. Changes made while a
/// network client was disconnected are not replayed.
#[no_mangle]
pub extern "C" fn HuddleSetGroupCounterChangedCallback(client: *mut HuddleClient, cb: HuddleGroupCounterChangedCallback, user_data: *const c_void) {
    let ud = UserData(user_data);
    ffi_boundary!((), {
        let Ok(c) = convert::client(client) else { return };
        c.set_group_counter_listener(cb.map(|f| -> crate::client::GroupCounterListener {
            std::sync::Arc::new(move |group_id: &str, key: &str, value: i64| {
                let (group_id, key) = (convert::cstring(group_id), convert::cstring(key));
                // SAFETY: the host's callback and its user_data, as it set them (huddle.h).
                unsafe { f(group_id.as_ptr(), key.as_ptr(), value, ud.get()) }
            })
        }));
    })
}
