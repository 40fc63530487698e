//! The one place raw pointers become Rust values, and Rust values C strings.

use std::collections::HashMap;
use std::ffi::{c_char, c_void, CStr, CString};
use std::sync::atomic::{AtomicUsize, Ordering};

use once_cell::sync::Lazy;
use parking_lot::RwLock;
use serde::de::DeserializeOwned;

use crate::client::{Client, Completion, JsonListener, KindListener, Refused};
use crate::event::Json;
use crate::response::Response;
use crate::service::Request;

use super::HuddleResult::{self, *};
use super::{HuddleClient, HuddleCommCallback};

/// A sync refusal, carried by `?` inside the entry points.
pub type Sync<T> = Result<T, HuddleResult>;

/// Wraps the body of every `extern "C"` function: a panic (a bug of ours,
/// which the panic hook has already printed) is logged and becomes
/// `$on_panic`, never an unwind into C.
macro_rules! ffi_boundary {
    ($on_panic:expr, $body:block) => {
        match std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| $body)) {
            Ok(v) => v,
            Err(payload) => {
                $crate::ffi::convert::log_panic(&*payload);
                $on_panic
            }
        }
    };
}
pub(crate) use ffi_boundary;

/// Logs a caught panic, with its message when it has one.
pub fn log_panic(payload: &(dyn std::any::Any + Send)) {
    let what = payload.downcast_ref::<&str>().copied().or_else(|| payload.downcast_ref::<String>().map(String::as_str)).unwrap_or("?");
    tracing::error!("huddle: a panic was caught at the C boundary ({}); please report it", what);
}

/// The body of an entry point that returns a sync code: `Err(code)` and
/// panics (`HUDDLE_ERR_INTERNAL`) both become the return value.
pub fn guarded(body: impl FnOnce() -> Sync<()>) -> i32 {
    ffi_boundary!(HUDDLE_ERR_INTERNAL as i32, {
        match body() {
            Ok(()) => HUDDLE_SUCC as i32,
            Err(refusal) => refusal as i32,
        }
    })
}

/// The caller's `user_data`, handed back untouched on whatever thread calls back.
#[derive(Clone, Copy)]
pub struct UserData(pub *const c_void);
// SAFETY: the library never dereferences user_data; it only returns it to the
// caller's own callback, which the header documents may run on another thread.
unsafe impl Send for UserData {}
unsafe impl std::marker::Sync for UserData {}

/// Handles are numbers, never addresses: a stale or forged handle is looked
/// up, found missing and refused with -1, instead of being dereferenced.
static CLIENTS: Lazy<RwLock<HashMap<usize, Client>>> = Lazy::new(Default::default);
static NEXT_HANDLE: AtomicUsize = AtomicUsize::new(1);

pub fn register(client: Client) -> *mut HuddleClient {
    // Step by 8 so a handle looks like an aligned pointer to tools that check.
    let id = NEXT_HANDLE.fetch_add(1, Ordering::Relaxed) * 8;
    CLIENTS.write().insert(id, client);
    id as *mut HuddleClient
}

pub fn unregister(handle: *mut HuddleClient) -> Option<Client> {
    CLIENTS.write().remove(&(handle as usize))
}

pub fn client(handle: *mut HuddleClient) -> Sync<Client> {
    CLIENTS.read().get(&(handle as usize)).cloned().ok_or(HUDDLE_ERR_SDKUNINIT)
}

/// A client that is logged in, or -1 / -2.
pub fn logged_in(handle: *mut HuddleClient) -> Sync<Client> {
    let c = client(handle)?;
    if c.login_user().is_none() {
        return Err(HUDDLE_ERR_NOTLOGIN);
    }
    Ok(c)
}

// The string readers below are `unsafe`: each takes the C caller's word (the
// header's rule for every argument) that a non-NULL pointer points to a
// NUL-terminated string that lives for the call. The entry points pass on
// that word in their own `unsafe` blocks.

/// A required string: NULL is -4, invalid UTF-8 is -3.
///
/// # Safety
/// `p` is NULL or a NUL-terminated string valid for `'a`.
pub unsafe fn text<'a>(p: *const c_char) -> Sync<&'a str> {
    if p.is_null() {
        return Err(HUDDLE_ERR_PARAM);
    }
    // SAFETY: per this function's contract.
    unsafe { CStr::from_ptr(p) }.to_str().map_err(|_| HUDDLE_ERR_JSON)
}

/// An optional string: NULL reads as "".
///
/// # Safety
/// As `text`.
pub unsafe fn text_or_empty<'a>(p: *const c_char) -> Sync<&'a str> {
    if p.is_null() {
        Ok("")
    } else {
        // SAFETY: per this function's contract.
        unsafe { text(p) }
    }
}

/// A JSON parameter: NULL is -4, bad UTF-8 or syntax -3, wrong keys or types -4.
/// An object parameter must be a JSON object (serde would also fill a struct
/// from an array, by position).
///
/// # Safety
/// As `text`.
pub unsafe fn json<T: DeserializeOwned>(p: *const c_char) -> Sync<T> {
    // SAFETY: per this function's contract.
    let value: serde_json::Value = serde_json::from_str(unsafe { text(p) }?).map_err(|_| HUDDLE_ERR_JSON)?;
    T::deserialize(&value).map_err(|_| HUDDLE_ERR_PARAM)
}

/// A JSON object parameter (see `json`): anything but an object is -4.
///
/// # Safety
/// As `text`.
pub unsafe fn json_object<T: DeserializeOwned>(p: *const c_char) -> Sync<T> {
    // SAFETY: per this function's contract.
    let value: serde_json::Value = serde_json::from_str(unsafe { text(p) }?).map_err(|_| HUDDLE_ERR_JSON)?;
    if !value.is_object() {
        return Err(HUDDLE_ERR_PARAM);
    }
    T::deserialize(&value).map_err(|_| HUDDLE_ERR_PARAM)
}

/// A conversation argument (an ID or a conversation-group name): NULL is -5,
/// bad UTF-8 -3 as for every string.
///
/// # Safety
/// As `text`.
pub unsafe fn conv_text(p: *const c_char) -> Sync<String> {
    if p.is_null() {
        return Err(HUDDLE_ERR_CONV);
    }
    // SAFETY: per this function's contract.
    unsafe { text(p) }.map(str::to_string)
}

/// A conversation named by ID and type: an unknown type, or System (no
/// conversation of the user's), is -5 (see `conv_text`).
///
/// # Safety
/// As `text`.
pub unsafe fn conv(conv_id: *const c_char, conv_type: i32) -> Sync<crate::service::ConvRef> {
    let conv_type = crate::types::ConvType::from_int(conv_type as i64)
        .filter(|t| *t != crate::types::ConvType::System)
        .ok_or(HUDDLE_ERR_CONV)?;
    // SAFETY: per this function's contract.
    Ok(crate::service::ConvRef { conv_type, conv_id: unsafe { conv_text(conv_id) }? })
}

/// A C string from Rust text; an interior NUL (never in JSON) is replaced.
pub fn cstring(s: &str) -> CString {
    owned_cstring(s.to_string())
}

/// `cstring` reusing the text's buffer: the common case copies nothing.
pub fn owned_cstring(s: String) -> CString {
    CString::new(s).unwrap_or_else(|e| {
        let text = String::from_utf8(e.into_vec()).expect("it was a String");
        CString::new(text.replace('\0', "\u{FFFD}")).expect("NULs were replaced")
    })
}

/// The completion of one C call: converts the response and calls back.
pub fn completion(cb: HuddleCommCallback, user_data: *const c_void) -> Completion {
    let ud = UserData(user_data);
    Box::new(move |resp: Response| {
        let ud = ud;
        if let Some(cb) = cb {
            let desc = owned_cstring(resp.desc);
            let json = owned_cstring(resp.json);
            // SAFETY: a callback the caller registered; the strings live until it returns.
            unsafe { cb(resp.code, desc.as_ptr(), json.as_ptr(), ud.0) };
        }
    })
}

pub fn refused(r: Refused) -> HuddleResult {
    match r {
        Refused::Uninitialized => HUDDLE_ERR_SDKUNINIT,
        Refused::NotLoggedIn => HUDDLE_ERR_NOTLOGIN,
    }
}

/// The shared body of the asynchronous functions: checks the handle and
/// the login, builds the request (whose errors are the sync code), submits it.
pub fn submit(client: *mut HuddleClient, cb: HuddleCommCallback, user_data: *const c_void, build: impl FnOnce() -> Sync<Request>) -> i32 {
    submit_then(client, cb, user_data, build, || {})
}

/// `submit`, then `accepted` once the call is accepted (out-params are
/// written only then).
pub fn submit_then(
    client: *mut HuddleClient,
    cb: HuddleCommCallback,
    user_data: *const c_void,
    build: impl FnOnce() -> Sync<Request>,
    accepted: impl FnOnce(),
) -> i32 {
    guarded(|| {
        let c = logged_in(client)?;
        let req = build()?;
        c.call(req, completion(cb, user_data)).map_err(refused)?;
        accepted();
        Ok(())
    })
}


/// A listener calling a C callback that takes only `user_data`.
pub fn notice_listener(f: unsafe extern "C" fn(*const c_void), user_data: *const c_void) -> crate::client::NoticeListener {
    let ud = UserData(user_data);
    std::sync::Arc::new(move || {
        let ud = ud;
        // SAFETY: the caller's callback with the caller's user_data.
        unsafe { f(ud.0) }
    })
}

/// Copies `text` and a NUL into the caller's `buf` of `buf_len` bytes; -4
/// (writing nothing) when `buf` is NULL or too small.
///
/// # Safety
/// `buf` is NULL or points to `buf_len` writable bytes.
pub unsafe fn write_cstr(buf: *mut c_char, buf_len: usize, text: &str) -> Sync<()> {
    if buf.is_null() || buf_len < text.len() + 1 {
        return Err(HUDDLE_ERR_PARAM);
    }
    // SAFETY: `buf` has room for len + 1 bytes, per the caller and the check.
    unsafe {
        std::ptr::copy_nonoverlapping(text.as_ptr(), buf.cast::<u8>(), text.len());
        *buf.add(text.len()) = 0;
    }
    Ok(())
}

/// A listener calling a C callback with the event's JSON, which is already
/// NUL-terminated: no copy per delivery.
pub fn json_listener(f: unsafe extern "C" fn(*const c_char, *const c_void), user_data: *const c_void) -> JsonListener {
    let ud = UserData(user_data);
    std::sync::Arc::new(move |json: &Json| {
        let ud = ud;
        // SAFETY: the caller's callback; the string lives until it returns.
        unsafe { f(json.as_ptr(), ud.0) }
    })
}

/// `json_listener` for callbacks that also take the event kind.
pub fn kind_listener(f: unsafe extern "C" fn(i32, *const c_char, *const c_void), user_data: *const c_void) -> KindListener {
    let ud = UserData(user_data);
    std::sync::Arc::new(move |kind: i32, json: &Json| {
        let ud = ud;
        // SAFETY: as in `json_listener`.
        unsafe { f(kind, json.as_ptr(), ud.0) }
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_panic_is_an_internal_error_not_a_bad_parameter() {
        assert_eq!(guarded(|| panic!("a bug")), HUDDLE_ERR_INTERNAL as i32);
        assert_eq!(guarded(|| Err(HUDDLE_ERR_PARAM)), HUDDLE_ERR_PARAM as i32);
        assert_eq!(guarded(|| Ok(())), HUDDLE_SUCC as i32);
    }
}
