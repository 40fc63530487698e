//! The process-wide client: TIMInit and TIMUninit, and what else needs more
//! than one Huddle call or an argument Huddle's function does not take.

use std::ffi::{c_char, c_int, c_void, CStr, CString};
use std::path::PathBuf;

use once_cell::sync::Lazy;
use parking_lot::Mutex;
use serde_json::{Map, Value};

use crate::exports::*;
use crate::table::{TIMCommCallback, TIMRecvNewMsgCallback};

extern "C" {
    fn HuddleInit(json_sdk_config: *const c_char, out_client: *mut *mut HuddleClient) -> i32;
    fn HuddleUninit(client: *mut HuddleClient) -> i32;
    fn HuddleGetSDKVersion() -> *const c_char;
    fn HuddleGetLoginUserID(client: *mut HuddleClient, buf: *mut c_char, buf_len: usize) -> i32;
    fn HuddleAddRecvNewMsgCallback(client: *mut HuddleClient, cb: TIMRecvNewMsgCallback, user_data: *const c_void);
    fn HuddleRemoveRecvNewMsgCallback(client: *mut HuddleClient, cb: TIMRecvNewMsgCallback);
    fn HuddleConvGetConversationListByFilter(
        client: *mut HuddleClient,
        json_filter: *const c_char,
        cb: TIMCommCallback,
        user_data: *const c_void,
    ) -> i32;
}

type SetListener = Box<dyn Fn(*mut HuddleClient) + Send>;

/// The listeners the app set, by setter name, and its new-message callbacks:
/// set on the client now if there is one, and again at every TIMInit. The
/// lock also orders TIMInit against the setters.
#[derive(Default)]
struct Listeners {
    setters: Vec<(&'static str, SetListener)>,
    new_msg: Vec<(TIMRecvNewMsgCallback, usize)>,
}

static LISTENERS: Lazy<Mutex<Listeners>> = Lazy::new(Default::default);

pub(crate) fn set_listener(setter: &'static str, set: SetListener) {
    let mut l = LISTENERS.lock();
    if let Some(client) = default_client() {
        set(client);
    }
    l.setters.retain(|(name, _)| *name != setter);
    l.setters.push((setter, set));
}

/// Tencent's TIMInit config as Huddle's: `sdk_config_config_file_path` (where
/// Tencent's SDK keeps its local data) is the embedded engine's data dir,
/// `sdk_config_log_file_path` the log file's dir (taken out here), the
/// `sdk_app_id` argument `sdk_config_sdk_app_id`, and `HUDDLE_SERVER_URL`
/// from the environment `sdk_config_server_url`; a key already in Huddle's
/// spelling wins. Every other key goes through as it is.
fn huddle_config(sdk_app_id: u64, json: *const c_char) -> Result<(Map<String, Value>, Option<PathBuf>), c_int> {
    let mut config = if json.is_null() {
        Map::new()
    } else {
        // SAFETY: a NUL-terminated string for the call (Tencent's contract).
        let text = unsafe { CStr::from_ptr(json) }.to_str().map_err(|_| TIM_ERR_JSON)?;
        if text.trim().is_empty() {
            Map::new()
        } else {
            match serde_json::from_str(text).map_err(|_| TIM_ERR_JSON)? {
                Value::Object(map) => map,
                _ => return Err(TIM_ERR_JSON),
            }
        }
    };
    let non_empty = |v: Option<&Value>| v.and_then(Value::as_str).filter(|s| !s.is_empty()).map(str::to_owned);
    let log_dir = non_empty(config.get("sdk_config_log_file_path")).map(PathBuf::from);
    if !config.contains_key("sdk_config_data_dir") {
        if let Some(dir) = non_empty(config.get("sdk_config_config_file_path")) {
            config.insert("sdk_config_data_dir".into(), dir.into());
        }
    }
    if sdk_app_id != 0 && !config.contains_key("sdk_config_sdk_app_id") {
        config.insert("sdk_config_sdk_app_id".into(), sdk_app_id.into());
    }
    if !config.contains_key("sdk_config_server_url") {
        if let Some(url) = std::env::var("HUDDLE_SERVER_URL").ok().filter(|u| !u.is_empty()) {
            config.insert("sdk_config_server_url".into(), url.into());
        }
    }
    Ok((config, log_dir))
}

/// Makes the process-wide client (Tencent: TIMManager.h 4.1). A second call
/// while it exists changes nothing and returns TIM_SUCC.
#[no_mangle]
pub unsafe extern "C" fn TIMInit(sdk_app_id: u64, json_sdk_config: *const c_char) -> c_int {
    boundary(TIM_ERR_PARAM, || {
        let l = LISTENERS.lock();
        if default_client().is_some() {
            return TIM_SUCC;
        }
        let (config, log_dir) = match huddle_config(sdk_app_id, json_sdk_config) {
            Ok(c) => c,
            Err(code) => return code,
        };
        crate::log::start(log_dir);
        let Ok(text) = CString::new(Value::Object(config.clone()).to_string()) else { return TIM_ERR_JSON };
        let mut client = std::ptr::null_mut();
        // SAFETY: a valid string and out-pointer.
        let r = unsafe { HuddleInit(text.as_ptr(), &mut client) };
        if r != 0 {
            tracing::error!("TIMInit: Huddle refused the config with {}", r);
            return r;
        }
        tracing::info!(
            "TIMInit: Huddle {} on {}",
            huddle::VERSION,
            match (config.get("sdk_config_server_url"), config.get("sdk_config_data_dir")) {
                (Some(url), _) => format!("the server {url}"),
                (None, Some(dir)) => format!("the embedded engine in {dir}"),
                (None, None) => "the embedded engine in memory".into(),
            }
        );
        set_default_client(client);
        for (_, set) in &l.setters {
            set(client);
        }
        for (cb, ud) in &l.new_msg {
            // SAFETY: the handle just made.
            unsafe { HuddleAddRecvNewMsgCallback(client, *cb, *ud as *const c_void) };
        }
        TIM_SUCC
    })
}

/// Ends the process-wide client: every callback still owed runs first (see
/// HuddleUninit). Listeners stay remembered for a later TIMInit.
#[no_mangle]
pub unsafe extern "C" fn TIMUninit() -> c_int {
    boundary(TIM_ERR_PARAM, || {
        let client = {
            let _l = LISTENERS.lock();
            set_default_client(std::ptr::null_mut())
        };
        if client.is_null() {
            return TIM_ERR_SDKUNINIT;
        }
        // Not under the lock: owed callbacks run now and may set listeners.
        // SAFETY: the handle TIMInit made, no longer handed out.
        unsafe { HuddleUninit(client) }
    })
}

/// Huddle's version ("MAJOR.MINOR.PATCH"), a static string.
#[no_mangle]
pub extern "C" fn TIMGetSDKVersion() -> *const c_char {
    // SAFETY: no arguments; a static string.
    unsafe { HuddleGetSDKVersion() }
}

/// Copies the logged-in user's ID into `user_id_buffer`, which Tencent
/// requires to hold 128 bytes.
#[no_mangle]
pub unsafe extern "C" fn TIMGetLoginUserID(user_id_buffer: *mut c_char) -> c_int {
    match default_client() {
        // SAFETY: Tencent's contract: at least 128 writable bytes, or NULL (-4).
        Some(client) => unsafe { HuddleGetLoginUserID(client, user_id_buffer, 128) },
        None => TIM_ERR_SDKUNINIT,
    }
}

/// Adds a new-message callback (several may be set); kept across TIMInit.
#[no_mangle]
pub unsafe extern "C" fn TIMAddRecvNewMsgCallback(cb: TIMRecvNewMsgCallback, user_data: *const c_void) {
    if cb.is_none() {
        return;
    }
    let mut l = LISTENERS.lock();
    l.new_msg.push((cb, user_data as usize));
    if let Some(client) = default_client() {
        // SAFETY: a client handle (stale ones are refused).
        unsafe { HuddleAddRecvNewMsgCallback(client, cb, user_data) };
    }
}

/// Removes every registration of `cb`.
#[no_mangle]
pub unsafe extern "C" fn TIMRemoveRecvNewMsgCallback(cb: TIMRecvNewMsgCallback) {
    let mut l = LISTENERS.lock();
    l.new_msg.retain(|(c, _)| c.map(|f| f as usize) != cb.map(|f| f as usize));
    if let Some(client) = default_client() {
        // SAFETY: a client handle (stale ones are refused).
        unsafe { HuddleRemoveRecvNewMsgCallback(client, cb) };
    }
}

/// Tencent pages this list with `next_seq` and `count`; Huddle's function
/// answers every match at once, so the page is cut here: `next_seq` is the
/// index of the page's first conversation in the list's order (0 to start),
/// `count` its length (0: the rest), and the answer names the next page's
/// `conversation_list_result_next_seq` and whether the list is finished. The
/// list is read again for each page, so a conversation that moves between
/// two calls may be seen twice or skipped, as with Tencent's cursor.
#[no_mangle]
pub unsafe extern "C" fn TIMConvGetConversationListByFilter(
    filter: *const c_char,
    next_seq: u64,
    count: u32,
    cb: TIMCommCallback,
    user_data: *const c_void,
) -> c_int {
    let Some(client) = default_client() else { return TIM_ERR_SDKUNINIT };
    if cb.is_none() {
        // SAFETY: as HuddleConvGetConversationListByFilter's contract.
        return unsafe { HuddleConvGetConversationListByFilter(client, filter, None, user_data) };
    }
    let page = Box::into_raw(Box::new(Page { cb, user_data: user_data as usize, next_seq, count }));
    // SAFETY: as above; `page` is ours until `cut_page` takes it back.
    let r = unsafe { HuddleConvGetConversationListByFilter(client, filter, Some(cut_page), page as *const c_void) };
    if r != TIM_SUCC {
        // Refused: the callback never runs, so the page is freed here.
        drop(unsafe { Box::from_raw(page) });
    }
    r
}

/// What `TIMConvGetConversationListByFilter` was asked for, until Huddle answers.
struct Page {
    cb: TIMCommCallback,
    user_data: usize,
    next_seq: u64,
    count: u32,
}

/// Huddle's whole list in, Tencent's page out, to the app's callback.
unsafe extern "C" fn cut_page(code: i32, desc: *const c_char, json: *const c_char, page: *const c_void) {
    // SAFETY: the Box made by TIMConvGetConversationListByFilter, handed back once.
    let page = unsafe { Box::from_raw(page as *mut Page) };
    let Some(cb) = page.cb else { return };
    let user_data = page.user_data as *const c_void;
    // SAFETY: Huddle's callback strings are valid until it returns.
    let text = if json.is_null() { "" } else { unsafe { CStr::from_ptr(json) }.to_str().unwrap_or("") };
    let whole: Option<Value> = serde_json::from_str(text).ok();
    let Some(list) = whole.as_ref().and_then(|v| v["conversation_list_result_conv_list"].as_array()).filter(|_| code == 0) else {
        // SAFETY: the app's callback with Huddle's own arguments.
        return unsafe { cb(code, desc, json, user_data) };
    };
    let start = usize::try_from(page.next_seq).unwrap_or(usize::MAX).min(list.len());
    let len = if page.count == 0 { list.len() } else { page.count as usize };
    let end = start.saturating_add(len).min(list.len());
    let out = serde_json::json!({
        "conversation_list_result_conv_list": &list[start..end],
        "conversation_list_result_next_seq": end,
        "conversation_list_result_is_finished": end == list.len(),
    });
    let out = CString::new(out.to_string()).expect("JSON text has no NUL");
    // SAFETY: the app's callback; the strings live until it returns.
    unsafe { cb(code, desc, out.as_ptr(), user_data) };
}
