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

impl UserData {
    /// The pointer; a method, so that a closure calling it takes the whole
    /// `UserData` (which is Send), not its raw field.
    pub fn get(self) -> *const c_void {
        self.0
    }
}

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

/// A JSON array of objects (see `json`): an item that is not an object is -4.
///
/// # Safety
/// As `text`.
pub unsafe fn json_objects<T: DeserializeOwned>(p: *const c_char) -> Sync<Vec<T>> {
    // SAFETY: per this function's contract.
    let items: Vec<serde_json::Map<String, serde_json::Value>> = unsafe { json(p) }?;
    items.into_iter().map(|m| T::deserialize(serde_json::Value::Object(m)).map_err(|_| HUDDLE_ERR_PARAM)).collect()
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

    // Issue 10: the string and callback helpers, in ways Miri can run
    // (`cargo +nightly miri test --lib ffi::convert`; see scripts/hardening.sh):
    // no SQLite, no engine, no client (whose threads outlive a test). Miri
    // checks every pointer they read or write against its allocation: a
    // byte past a C string or a buffer, or a string read after it was freed,
    // fails the test.

    use std::sync::atomic::AtomicI32;
    use std::sync::Mutex;

    /// A NUL-terminated copy of `bytes` in an allocation of exactly that size.
    fn c_bytes(bytes: &[u8]) -> Vec<u8> {
        let mut v = Vec::with_capacity(bytes.len() + 1);
        v.extend_from_slice(bytes);
        v.push(0);
        v
    }

    fn ptr(v: &[u8]) -> *const c_char {
        v.as_ptr().cast()
    }

    #[test]
    fn text_reads_utf8_and_refuses_null_and_bad_bytes() {
        let ok = c_bytes("grüße".as_bytes());
        let empty = c_bytes(b"");
        let bad = c_bytes(b"ab\xff\xfe");
        let cut = c_bytes(b"\xc3"); // a UTF-8 sequence cut by the NUL
        // SAFETY: NULL or NUL-terminated buffers that outlive the calls.
        unsafe {
            assert_eq!(text(ptr(&ok)), Ok("grüße"));
            assert_eq!(text(ptr(&empty)), Ok(""));
            assert_eq!(text(std::ptr::null()), Err(HUDDLE_ERR_PARAM));
            assert_eq!(text(ptr(&bad)), Err(HUDDLE_ERR_JSON));
            assert_eq!(text(ptr(&cut)), Err(HUDDLE_ERR_JSON));

            assert_eq!(text_or_empty(std::ptr::null()), Ok(""));
            assert_eq!(text_or_empty(ptr(&ok)), Ok("grüße"));
            assert_eq!(text_or_empty(ptr(&bad)), Err(HUDDLE_ERR_JSON));
        }
    }

    #[test]
    fn text_stops_at_the_first_nul() {
        let v = c_bytes(b"alice\0mallory");
        // SAFETY: a NUL-terminated buffer that outlives the call.
        assert_eq!(unsafe { text(ptr(&v)) }, Ok("alice"));
    }

    #[derive(Debug, PartialEq, serde::Deserialize)]
    struct Param {
        #[serde(default)]
        name: String,
        #[serde(default)]
        count: u32,
    }

    #[test]
    fn json_tells_syntax_from_shape() {
        let cases: &[(&[u8], Sync<Vec<String>>)] = &[
            (br#"["a", "b"]"#, Ok(vec!["a".into(), "b".into()])),
            (b"[]", Ok(vec![])),
            (br#"["a", 1]"#, Err(HUDDLE_ERR_PARAM)),
            (br#"{"a": 1}"#, Err(HUDDLE_ERR_PARAM)),
            (b"null", Err(HUDDLE_ERR_PARAM)),
            (br#"["a""#, Err(HUDDLE_ERR_JSON)),
            (b"", Err(HUDDLE_ERR_JSON)),
            (br#"["a"] trailing"#, Err(HUDDLE_ERR_JSON)),
            (b"[\"\xff\"]", Err(HUDDLE_ERR_JSON)),
        ];
        for (input, want) in cases {
            let v = c_bytes(input);
            // SAFETY: a NUL-terminated buffer that outlives the call.
            assert_eq!(&unsafe { json::<Vec<String>>(ptr(&v)) }, want, "{:?}", String::from_utf8_lossy(input));
        }
        // SAFETY: NULL is allowed.
        assert_eq!(unsafe { json::<Vec<String>>(std::ptr::null()) }, Err(HUDDLE_ERR_PARAM));
    }

    #[test]
    fn json_object_takes_only_objects_and_ignores_unknown_keys() {
        let cases: &[(&[u8], Sync<Param>)] = &[
            (br#"{"name": "g", "count": 3}"#, Ok(Param { name: "g".into(), count: 3 })),
            (br#"{"name": "g", "unknown": [1, {"x": null}]}"#, Ok(Param { name: "g".into(), count: 0 })),
            (b"{}", Ok(Param { name: String::new(), count: 0 })),
            // serde would fill the struct from an array by position: refused.
            (br#"["g", 3]"#, Err(HUDDLE_ERR_PARAM)),
            (b"3", Err(HUDDLE_ERR_PARAM)),
            (br#"{"count": -1}"#, Err(HUDDLE_ERR_PARAM)),
            (br#"{"count": "3"}"#, Err(HUDDLE_ERR_PARAM)),
            (br#"{"name": "g""#, Err(HUDDLE_ERR_JSON)),
            (b"{\"name\": \"\xc0\xaf\"}", Err(HUDDLE_ERR_JSON)),
        ];
        for (input, want) in cases {
            let v = c_bytes(input);
            // SAFETY: a NUL-terminated buffer that outlives the call.
            assert_eq!(&unsafe { json_object::<Param>(ptr(&v)) }, want, "{:?}", String::from_utf8_lossy(input));
        }
        // SAFETY: NULL is allowed.
        assert_eq!(unsafe { json_object::<Param>(std::ptr::null()) }, Err(HUDDLE_ERR_PARAM));
        // `json` (not `_object`) takes the array form, as its comment says.
        let array = c_bytes(br#"["g", 3]"#);
        // SAFETY: a NUL-terminated buffer that outlives the call.
        assert_eq!(unsafe { json::<Param>(ptr(&array)) }, Ok(Param { name: "g".into(), count: 3 }));
    }

    #[test]
    fn conv_checks_the_type_then_the_id() {
        use crate::service::ConvRef;
        use crate::types::ConvType;
        let bob = c_bytes(b"bob");
        let bad = c_bytes(b"\xff");
        // SAFETY: NULL or NUL-terminated buffers that outlive the calls.
        unsafe {
            assert_eq!(conv(ptr(&bob), 1), Ok(ConvRef { conv_type: ConvType::C2C, conv_id: "bob".into() }));
            assert_eq!(conv(ptr(&bob), 2), Ok(ConvRef { conv_type: ConvType::Group, conv_id: "bob".into() }));
            for t in [0, 4, -1, i32::MIN, i32::MAX] {
                assert_eq!(conv(ptr(&bob), t), Err(HUDDLE_ERR_CONV), "conv_type {t}");
            }
            assert_eq!(conv(std::ptr::null(), 2), Err(HUDDLE_ERR_CONV));
            assert_eq!(conv(ptr(&bad), 2), Err(HUDDLE_ERR_JSON));
            // The type is checked first: an unknown type with a NULL ID is -5, never a read.
            assert_eq!(conv(std::ptr::null(), 9), Err(HUDDLE_ERR_CONV));
            assert_eq!(conv_text(std::ptr::null()), Err(HUDDLE_ERR_CONV));
        }
    }

    #[test]
    fn write_cstr_fills_an_exact_buffer_and_refuses_a_short_or_null_one() {
        let id = "alice-é";
        // Exactly len + 1 bytes: Miri fails the test on a write past them.
        let mut exact = vec![0x55 as c_char; id.len() + 1];
        // SAFETY: the buffer holds buf_len bytes.
        assert_eq!(unsafe { write_cstr(exact.as_mut_ptr(), exact.len(), id) }, Ok(()));
        // SAFETY: just written, NUL-terminated within the buffer.
        assert_eq!(unsafe { CStr::from_ptr(exact.as_ptr()) }.to_str(), Ok(id));

        // One byte short: refused, nothing written.
        let mut short = vec![0x55 as c_char; id.len()];
        // SAFETY: the buffer holds buf_len bytes.
        assert_eq!(unsafe { write_cstr(short.as_mut_ptr(), short.len(), id) }, Err(HUDDLE_ERR_PARAM));
        assert!(short.iter().all(|&b| b == 0x55), "a refused write touched the buffer");

        // A larger buffer: only len + 1 bytes are written.
        let mut large = vec![0x55 as c_char; 64];
        // SAFETY: the buffer holds buf_len bytes.
        assert_eq!(unsafe { write_cstr(large.as_mut_ptr(), large.len(), "ab") }, Ok(()));
        assert_eq!(&large[..4], &[b'a' as c_char, b'b' as c_char, 0, 0x55]);

        // NULL, with or without a length; empty text needs one byte.
        // SAFETY: NULL is allowed; the one-byte buffer holds buf_len bytes.
        unsafe {
            assert_eq!(write_cstr(std::ptr::null_mut(), 0, id), Err(HUDDLE_ERR_PARAM));
            assert_eq!(write_cstr(std::ptr::null_mut(), 4096, id), Err(HUDDLE_ERR_PARAM));
            let mut one = [0x55 as c_char; 1];
            assert_eq!(write_cstr(one.as_mut_ptr(), 0, ""), Err(HUDDLE_ERR_PARAM));
            assert_eq!(one, [0x55]);
            assert_eq!(write_cstr(one.as_mut_ptr(), 1, ""), Ok(()));
            assert_eq!(one, [0]);
            // A length that would overflow is never added to.
            assert_eq!(write_cstr(one.as_mut_ptr(), usize::MAX, ""), Ok(()));
        }
    }

    #[test]
    fn owned_cstring_replaces_interior_nuls() {
        assert_eq!(owned_cstring("plain".to_string()).as_bytes(), b"plain");
        assert_eq!(owned_cstring(String::new()).as_bytes_with_nul(), b"\0");
        assert_eq!(owned_cstring("a\0b".to_string()).to_str(), Ok("a\u{FFFD}b"));
        assert_eq!(owned_cstring("\0\0".to_string()).to_str(), Ok("\u{FFFD}\u{FFFD}"));
        assert_eq!(owned_cstring("end\0".to_string()).to_str(), Ok("end\u{FFFD}"));
        assert_eq!(cstring("x\0y").to_str(), Ok("x\u{FFFD}y"));
        // A long string with a capacity to spare keeps its text.
        let mut big = String::with_capacity(1000);
        big.push_str(&"é".repeat(300));
        assert_eq!(owned_cstring(big.clone()).to_str(), Ok(big.as_str()));
    }

    /// What a C callback saw, copied out before its strings were freed.
    #[derive(Debug, Default, PartialEq)]
    struct Seen {
        calls: u32,
        code: i32,
        kind: i32,
        desc: String,
        json: String,
    }

    /// The record the C callbacks below write to, handed to them as user_data.
    struct Record {
        seen: Mutex<Seen>,
    }

    impl Record {
        fn new() -> Record {
            Record { seen: Mutex::new(Seen::default()) }
        }
        fn ud(&self) -> *const c_void {
            (self as *const Record).cast()
        }
        fn seen(&self) -> Seen {
            std::mem::take(&mut *self.seen.lock().unwrap())
        }
    }

    /// Reads a C string the library passed; Miri fails the test if it is
    /// not NUL-terminated inside its allocation, or already freed.
    ///
    /// # Safety
    /// `p` is what the library passed to a callback.
    unsafe fn read(p: *const c_char) -> String {
        assert!(!p.is_null());
        // SAFETY: per this function's contract.
        unsafe { CStr::from_ptr(p) }.to_str().expect("UTF-8").to_string()
    }

    unsafe extern "C" fn comm_cb(code: i32, desc: *const c_char, json: *const c_char, user_data: *const c_void) {
        // SAFETY: user_data is the test's `Record`, alive for the call;
        // the strings are the library's, valid until this returns.
        let record = unsafe { &*user_data.cast::<Record>() };
        let mut s = record.seen.lock().unwrap();
        s.calls += 1;
        s.code = code;
        // SAFETY: as above.
        (s.desc, s.json) = unsafe { (read(desc), read(json)) };
    }

    unsafe extern "C" fn json_cb(json: *const c_char, user_data: *const c_void) {
        // SAFETY: as in `comm_cb`.
        let record = unsafe { &*user_data.cast::<Record>() };
        let mut s = record.seen.lock().unwrap();
        s.calls += 1;
        // SAFETY: as in `comm_cb`.
        s.json = unsafe { read(json) };
    }

    unsafe extern "C" fn kind_cb(kind: i32, json: *const c_char, user_data: *const c_void) {
        // SAFETY: as in `comm_cb`.
        let record = unsafe { &*user_data.cast::<Record>() };
        let mut s = record.seen.lock().unwrap();
        s.calls += 1;
        s.kind = kind;
        // SAFETY: as in `comm_cb`.
        s.json = unsafe { read(json) };
    }

    unsafe extern "C" fn notice_cb(user_data: *const c_void) {
        // SAFETY: user_data is the test's counter, alive for the call.
        unsafe { &*user_data.cast::<AtomicI32>() }.fetch_add(1, Ordering::SeqCst);
    }

    #[test]
    fn completion_calls_back_once_with_c_strings_that_live_for_the_call() {
        let record = Record::new();
        let done = completion(Some(comm_cb), record.ud());
        done(Response { code: 10010, desc: "the group does not exist".into(), json: r#"{"k":"v"}"#.into() });
        let want = Seen { calls: 1, code: 10010, desc: "the group does not exist".into(), json: r#"{"k":"v"}"#.into(), ..Seen::default() };
        assert_eq!(record.seen(), want);

        // Interior NULs never cut a string short: they are replaced.
        let done = completion(Some(comm_cb), record.ud());
        done(Response { code: 0, desc: String::new(), json: "[\"a\0b\"]".into() });
        assert_eq!(record.seen(), Seen { calls: 1, json: "[\"a\u{FFFD}b\"]".into(), ..Seen::default() });

        // A NULL callback: the completion runs and calls nothing.
        completion(None, record.ud())(Response::ok(serde_json::json!({})));
        assert_eq!(record.seen().calls, 0);
    }

    #[test]
    fn completion_may_run_on_another_thread() {
        let record = Record::new();
        let done = completion(Some(comm_cb), record.ud());
        std::thread::scope(|s| {
            s.spawn(move || done(Response::ok(serde_json::json!([1, 2]))));
        });
        assert_eq!(record.seen(), Seen { calls: 1, json: "[1,2]".into(), ..Seen::default() });
    }

    #[test]
    fn listeners_hand_the_event_json_to_c_without_a_copy() {
        let record = Record::new();
        let event = Json::new(r#"[{"message_msg_id":"m1"}]"#.to_string());
        let listener = json_listener(json_cb, record.ud());
        listener(&event);
        listener(&event);
        assert_eq!(record.seen(), Seen { calls: 2, json: r#"[{"message_msg_id":"m1"}]"#.into(), ..Seen::default() });

        let listener = kind_listener(kind_cb, record.ud());
        listener(2, &Json::new("[]".to_string()));
        assert_eq!(record.seen(), Seen { calls: 1, kind: 2, json: "[]".into(), ..Seen::default() });

        // Called from another thread, as the dispatcher thread does.
        let listener = kind_listener(kind_cb, record.ud());
        let event = Json::new("{}".to_string());
        std::thread::scope(|s| {
            s.spawn(|| listener(4, &event));
        });
        assert_eq!(record.seen(), Seen { calls: 1, kind: 4, json: "{}".into(), ..Seen::default() });

        let count = AtomicI32::new(0);
        let notice = notice_listener(notice_cb, (&count as *const AtomicI32).cast());
        notice();
        notice();
        assert_eq!(count.load(Ordering::SeqCst), 2);
    }

    #[test]
    fn guarded_turns_any_panic_into_an_internal_error_and_unwinds_nothing() {
        assert_eq!(guarded(|| panic!("a &str payload")), HUDDLE_ERR_INTERNAL as i32);
        assert_eq!(guarded(|| panic!("a {} payload", "String")), HUDDLE_ERR_INTERNAL as i32);
        assert_eq!(guarded(|| std::panic::panic_any(42u8)), HUDDLE_ERR_INTERNAL as i32);
        // A panic after a C string was made frees it on the way out.
        assert_eq!(
            guarded(|| {
                let s = cstring("held");
                assert_eq!(s.as_bytes(), b"held");
                panic!("with a string alive")
            }),
            HUDDLE_ERR_INTERNAL as i32
        );
        // Every sync code comes through as itself.
        for r in [HUDDLE_ERR_SDKUNINIT, HUDDLE_ERR_NOTLOGIN, HUDDLE_ERR_JSON, HUDDLE_ERR_PARAM, HUDDLE_ERR_CONV] {
            assert_eq!(guarded(|| Err(r)), r as i32);
        }
        // The macro in the other return types of the entry points.
        let () = ffi_boundary!((), { panic!("in a void function") });
        let zero: u64 = ffi_boundary!(0, { panic!("in a u64 function") });
        assert_eq!(zero, 0);
    }

    #[test]
    fn a_call_on_an_unknown_handle_is_refused_before_anything_runs() {
        let record = Record::new();
        let built = std::cell::Cell::new(false);
        // NULL and a forged handle (no handle is ever this number): looked
        // up, never dereferenced.
        // (Made without an integer-to-pointer cast, so that Miri's strict
        // provenance mode has nothing to forgive.)
        let forged = std::ptr::null_mut::<HuddleClient>().wrapping_byte_add(usize::MAX - 7);
        for handle in [std::ptr::null_mut(), forged] {
            let ret = submit(handle, Some(comm_cb), record.ud(), || {
                built.set(true);
                Err(HUDDLE_ERR_PARAM)
            });
            assert_eq!(ret, HUDDLE_ERR_SDKUNINIT as i32);
        }
        assert!(!built.get(), "the request was built for an unknown handle");
        assert_eq!(record.seen().calls, 0, "a refused call called back");
    }
}
