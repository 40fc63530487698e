//! The C ABI (`include/huddle.h`). Each function converts its arguments,
//! hands a typed request to the client and converts the answer back; the
//! rules live in the engine. cbindgen copies these comments into the header,
//! so they are written for C readers.

mod conv_unread;
mod attributes;
mod chatroom;
mod convert;
mod conversations;
mod groups;
mod message_edits;
mod message_extras;
mod media;
mod messages;
mod profiles;
mod recv_opts;
mod result;
mod topics;

pub use result::HuddleResult;
use result::HuddleResult::*;

use std::ffi::{c_char, c_void};

use once_cell::sync::Lazy;

use crate::client::{Client, LoginStatus, SdkConfig};
use crate::error::Code;
use convert::{ffi_boundary, UserData};



/// Opaque client handle from `HuddleInit`, valid until `HuddleUninit`.
/// A stale handle is refused with `HUDDLE_ERR_SDKUNINIT`, never dereferenced.
pub struct HuddleClient {
    _private: [u8; 0],
}

/// Login status: logged in.
pub const HUDDLE_STATUS_LOGGED_IN: i32 = 1;
/// Login status: a login is in progress.
pub const HUDDLE_STATUS_LOGGING_IN: i32 = 2;
/// Login status: logged out.
pub const HUDDLE_STATUS_LOGGED_OUT: i32 = 3;
/// Login status: a logout is in progress.
pub const HUDDLE_STATUS_LOGGING_OUT: i32 = 4;

/// The result of every asynchronous call: `code` is 0 or an error number of
/// huddle.h's `HUDDLE_CODE_*` list, `desc` an English sentence (never NULL,
/// "" on success), `json_params` the result as JSON (never NULL or empty:
/// `{}` or `[]` when there is none). The strings are owned by the library and
/// valid until the callback returns. `user_data` is the caller's, untouched.
pub type HuddleCommCallback =
    Option<unsafe extern "C" fn(code: i32, desc: *const c_char, json_params: *const c_char, user_data: *const c_void)>;

/// Receives each group tip as JSON (`group_tips_elem_*` keys), valid until it returns.
pub type HuddleGroupTipsEventCallback = Option<unsafe extern "C" fn(json_group_tip: *const c_char, user_data: *const c_void)>;

/// Receives network status changes: `status` 0 connected, 1 disconnected,
/// 2 connecting, 3 connect failed; `code` and `desc` say why.
pub type HuddleNetworkStatusCallback =
    Option<unsafe extern "C" fn(status: i32, code: i32, desc: *const c_char, user_data: *const c_void)>;

/// Tells the app that this user was logged in elsewhere and this session ended.
pub type HuddleKickedOfflineCallback = Option<unsafe extern "C" fn(user_data: *const c_void)>;

/// Tells the app that the session's user_sig expired and the session ended.
pub type HuddleUserSigExpiredCallback = Option<unsafe extern "C" fn(user_data: *const c_void)>;

/// Receives new messages: a JSON array of message objects.
pub type HuddleRecvNewMsgCallback = Option<unsafe extern "C" fn(json_msg_array: *const c_char, user_data: *const c_void)>;

/// Receives recalled messages: a JSON array of message locators.
pub type HuddleMsgRevokeCallback = Option<unsafe extern "C" fn(json_msg_locator_array: *const c_char, user_data: *const c_void)>;

/// Receives edited messages: a JSON array of message objects as they are now.
pub type HuddleMsgUpdateCallback = Option<unsafe extern "C" fn(json_msg_array: *const c_char, user_data: *const c_void)>;

/// Receives conversation events: 0 add, 1 delete, 2 update, with a JSON array of conversations.
pub type HuddleConvEventCallback = Option<unsafe extern "C" fn(conv_event: i32, json_conv_array: *const c_char, user_data: *const c_void)>;

/// Receives conversation-group events (0..4) with a JSON object describing them.
pub type HuddleConvGroupEventCallback = Option<unsafe extern "C" fn(event: i32, json_event: *const c_char, user_data: *const c_void)>;

/// Receives a new conversation group: its name and its conversations (a JSON
/// array of `conv_id` and `conv_type`).
pub type HuddleConvConversationGroupCreatedCallback = Option<unsafe extern "C" fn(group_name: *const c_char, conversation_array: *const c_char, user_data: *const c_void)>;

/// Receives the name of a deleted conversation group.
pub type HuddleConvConversationGroupDeletedCallback = Option<unsafe extern "C" fn(group_name: *const c_char, user_data: *const c_void)>;

/// Receives a conversation group's old and new name.
pub type HuddleConvConversationGroupNameChangedCallback = Option<unsafe extern "C" fn(old_name: *const c_char, new_name: *const c_char, user_data: *const c_void)>;

/// Receives a conversation group's name and the conversations added to it
/// (a JSON array of `conv_id` and `conv_type`).
pub type HuddleConvConversationsAddedToGroupCallback = Option<unsafe extern "C" fn(group_name: *const c_char, conversation_array: *const c_char, user_data: *const c_void)>;

/// Receives a conversation group's name, the conversations taken out of it (a
/// JSON array of `conv_id` and `conv_type`) and why: always 0, the user took
/// them out (Huddle never pushes conversations out of a group, which is
/// Tencent's 1).
pub type HuddleConvConversationsDeletedFromGroupCallback = Option<unsafe extern "C" fn(group_name: *const c_char, conversation_array: *const c_char, reason: u32, user_data: *const c_void)>;

/// Receives the user's global receive option (Tencent's
/// TIMReceiveMessageOptInfo, a JSON object) after a change.
pub type HuddleMsgAllMessageReceiveOptionCallback = Option<unsafe extern "C" fn(json_receive_message_option_info: *const c_char, user_data: *const c_void)>;

/// Receives the new total of unread messages.
pub type HuddleConvTotalUnreadMessageCountChangedCallback = Option<unsafe extern "C" fn(total_unread_count: i32, user_data: *const c_void)>;

/// Receives a subscribed conversation filter (JSON, as subscribed) and its new unread count.
pub type HuddleConvTotalUnreadMessageCountChangedByFilterCallback =
    Option<unsafe extern "C" fn(filter: *const c_char, total_unread_count: i32, user_data: *const c_void)>;

/// Receives a group's ID and all its attributes now (a JSON array of
/// `group_attribute_key` and `group_attribute_value`).
pub type HuddleGroupAttributeChangedCallback = Option<unsafe extern "C" fn(group_id: *const c_char, json_group_attribute_array: *const c_char, user_data: *const c_void)>;

/// Receives a group's ID, a counter's key and the counter's new value.
pub type HuddleGroupCounterChangedCallback =
    Option<unsafe extern "C" fn(group_id: *const c_char, group_counter_key: *const c_char, group_counter_new_value: i64, user_data: *const c_void)>;

/// Poll mode: tells the host, from any thread, that callbacks are waiting for `HuddlePoll`.
pub type HuddleWakeCallback = Option<unsafe extern "C" fn(user_data: *const c_void)>;

static VERSION: Lazy<std::ffi::CString> = Lazy::new(|| convert::cstring(crate::VERSION));

/// The library version, "MAJOR.MINOR.PATCH", the same as `HUDDLE_VERSION`.
/// The string is static: never free it.
#[no_mangle]
pub extern "C" fn HuddleGetSDKVersion() -> *const c_char {
    VERSION.as_ptr()
}

/// A static English sentence describing any code this library returns, sync
/// (`HUDDLE_ERR_*`) or async (`HUDDLE_CODE_*`); an unknown code gets
/// "unknown error code". Never NULL, never to be freed. Check codes, not text.
#[no_mangle]
pub extern "C" fn HuddleResultString(code: i32) -> *const c_char {
    static TEXTS: Lazy<Vec<(i32, std::ffi::CString)>> = Lazy::new(|| {
        let sync = <HuddleResult as strum::IntoEnumIterator>::iter().map(|r| (r as i32, r.describe()));
        let codes = Code::all().map(|c| (c.as_i32(), c.describe()));
        sync.chain(codes).map(|(code, text)| (code, convert::cstring(text))).collect()
    });
    const UNKNOWN: &[u8] = b"unknown error code\0";
    TEXTS.iter().find(|(c, _)| *c == code).map_or(UNKNOWN.as_ptr().cast(), |(_, text)| text.as_ptr())
}

/// Creates a client and writes its handle to `*out_client`.
///
/// `json_sdk_config` (may be NULL for all defaults; unknown keys are ignored):
/// - `sdk_config_server_url`: `"ws://host:port"` of a huddle-server: this
///   client then reaches it over the network (the connection opens at
///   `HuddleLogin` and closes at `HuddleLogout`; see
///   `HuddleSetNetworkStatusListenerCallback`). Absent or "": the embedded
///   engine, in this process. Every function behaves the same either way;
///   the embedded engine's keys below are then the server's config instead;
/// - `sdk_config_request_timeout_ms` (network; default 30000, at most
///   120000): a call with no reply by then fails with 9520
///   (`HUDDLE_CODE_NET_WAIT_ACK_TIMEOUT`); a call made while disconnected
///   fails at once with 9508 (`HUDDLE_CODE_NET_DISCONNECT`);
/// - `sdk_config_platform` (Tencent's TIMPlatform: 0 other, 1 Windows,
///   2 Android, 3 iOS, 4 Mac, 5 simulator; another value is -4; default the
///   build's OS): a server's login policy ends an earlier session of the
///   user on the same platform;
/// - `sdk_config_login_policy` (embedded engine: `"multi"`, the default,
///   keeps every client of a user logged in; `"per_platform"` or
///   `"single"` end the earlier one, which hears `HuddleSetKickedOfflineCallback`);
/// - `sdk_config_data_dir`: where the embedded engine persists (SQLite, WAL);
///   absent: in memory. Clients of one process naming the same dir, or none,
///   share one engine, so their users see each other's actions. With a dir,
///   a callback reporting a change runs once the change is committed (many
///   calls share a commit), so it survives a crash of the process;
/// - `sdk_config_group_msg_per_second` (default 40), `sdk_config_msg_retention_seconds`
///   (default 604800), `sdk_config_msg_revoke_seconds` (default 120): message
///   limits, taken from the first client that opens the engine;
/// - `sdk_config_group_attr_writes_per_5s` (default 10) and
///   `sdk_config_group_counter_writes_per_5s` (default 20): group attribute
///   and counter writes one user may make in 5 seconds (Tencent's limits;
///   0: none), taken likewise;
/// - `sdk_config_sdk_app_id` (integer), `sdk_config_secret_key` (string): when a
///   secret is set, `HuddleLogin` verifies user_sigs (TLSSigAPIv2, see
///   `HuddleGenUserSig`);
/// - `sdk_config_admin_user_ids`: array of user IDs with app-admin rights;
/// - `callback_mode`: `"thread"` (default: callbacks run on one library thread
///   per client, in order) or `"poll"` (callbacks run inside `HuddlePoll`);
/// - `sdk_config_max_pending_events` (default 100000): events the client's
///   callback queue holds at most. A poll-mode client that stops polling
///   then loses the oldest events (logged once), never a call's result:
///   every accepted call still gets its one callback;
/// - `sdk_config_chatroom`: the embedded engine's AVChatRoom rules, an
///   object with huddle-server's `[chatroom]` keys (unknown ones refused):
///   `msgs_per_second` (default 40: the room's rate, see
///   `HuddleMsgSendMessage`), `latest_on_join` (default 50: messages a
///   joiner gets once), `idle_destroy_secs` (default 3600: a room without a
///   message this long is dismissed, its members get the GroupDismissed tip
///   (13) and a GroupRecycle group system message (11); 0 never),
///   `one_per_user` (default true: joining a room leaves the other),
///   `allowlist` (default []: users whose room messages are never dropped,
///   besides app admins and each room's owner and admins). Taken, as the
///   message limits, from the first client that opens the engine.
///
/// A durable embedded engine whose disk falls behind refuses further calls
/// with 7008 (`HUDDLE_CODE_STORE_BUSY`) while 100000 operations wait for
/// their commit, rather than grow without bound.
///
/// Returns 0, `HUDDLE_ERR_PARAM` (NULL `out_client`, a bad key value, a
/// server URL that is not `ws://` or `wss://`, or the store cannot be
/// opened) or `HUDDLE_ERR_JSON`. `*out_client` is written only on success.
#[no_mangle]
pub extern "C" fn HuddleInit(json_sdk_config: *const c_char, out_client: *mut *mut HuddleClient) -> i32 {
    convert::guarded(|| {
        if out_client.is_null() {
            return Err(HUDDLE_ERR_PARAM);
        }
        // SAFETY: a NUL-terminated string valid for the call (huddle.h), or NULL.
        let config: SdkConfig = if json_sdk_config.is_null() { SdkConfig::default() } else { unsafe { convert::json_object(json_sdk_config) }? };
        let client = Client::new(config).map_err(|_| HUDDLE_ERR_PARAM)?;
        // SAFETY: checked non-NULL; the caller provides a writable pointer.
        unsafe { *out_client = convert::register(client) };
        Ok(())
    })
}

/// Ends a client. Every callback still owed runs before this returns (on the
/// dispatcher thread in thread mode, on the calling thread in poll mode):
/// with its real result where one is ready (with a data dir, calls already
/// made are first given the moment their commit takes), with 6013 otherwise.
/// No callback of this client runs after it returns, and the handle becomes
/// invalid. May be called from inside one of the client's own callbacks.
/// Returns 0, or `HUDDLE_ERR_SDKUNINIT` for an unknown handle.
#[no_mangle]
pub extern "C" fn HuddleUninit(client: *mut HuddleClient) -> i32 {
    ffi_boundary!(HUDDLE_ERR_INTERNAL as i32, {
        match convert::unregister(client) {
            Some(c) => {
                c.shutdown();
                HUDDLE_SUCC as i32
            }
            None => HUDDLE_ERR_SDKUNINIT as i32,
        }
    })
}

/// Logs `user_id` in. With a secret key configured (the embedded engine's
/// config, or the server's), `user_sig` must be a TLSSigAPIv2 sig of the
/// user and app: expired 70001, forged, malformed or another app's 70003;
/// a network client that can read the sig's expiry refuses an expired one
/// itself with 6206. Without a secret it is not checked and may be NULL.
/// Logging in again as the same user succeeds; as another user, 6017
/// until `HuddleLogout`. Against a server, the connection opens now: a
/// server that cannot be reached is 9508, and the network status listener
/// hears connecting (2), then connected (0) or connect failed (3). Once in,
/// a lost connection is retried for as long as the session lasts (see
/// `HuddleSetNetworkStatusListenerCallback`). `cb` gets `{}`. Returns 0,
/// -1, -3 (bad UTF-8) or -4 (NULL user_id).
#[no_mangle]
pub extern "C" fn HuddleLogin(
    client: *mut HuddleClient,
    user_id: *const c_char,
    user_sig: *const c_char,
    cb: HuddleCommCallback,
    user_data: *const c_void,
) -> i32 {
    convert::guarded(|| {
        let c = convert::client(client)?;
        // SAFETY: NUL-terminated strings valid for the call (huddle.h), or NULL.
        let (user, sig) = unsafe { (convert::text(user_id)?, convert::text_or_empty(user_sig)?) };
        c.login(user, sig, convert::completion(cb, user_data)).map_err(convert::refused)

    })
}

/// Logs out; group tips stop until the next login. `cb` gets `{}`. Returns 0 or -1.
#[no_mangle]
pub extern "C" fn HuddleLogout(client: *mut HuddleClient, cb: HuddleCommCallback, user_data: *const c_void) -> i32 {
    convert::guarded(|| {
        convert::client(client)?.logout(convert::completion(cb, user_data)).map_err(convert::refused)
    })
}

/// Copies the logged-in user's ID, NUL-terminated, into `buf` of `buf_len`
/// bytes. Returns 0, -1, -2 (not logged in), or -4 (NULL `buf`, or too small:
/// nothing is written then).
#[no_mangle]
pub extern "C" fn HuddleGetLoginUserID(client: *mut HuddleClient, buf: *mut c_char, buf_len: usize) -> i32 {
    convert::guarded(|| {
        let user = convert::client(client)?.login_user().ok_or(HUDDLE_ERR_NOTLOGIN)?;
        // SAFETY: the caller gives `buf_len` writable bytes at `buf`.
        unsafe { convert::write_cstr(buf, buf_len, &user) }
    })
}

/// `HUDDLE_STATUS_LOGGED_IN` (1), `_LOGGING_IN` (2), `_LOGGED_OUT` (3),
/// `_LOGGING_OUT` (4), or -1 for an unknown handle.
#[no_mangle]
pub extern "C" fn HuddleGetLoginStatus(client: *mut HuddleClient) -> i32 {
    ffi_boundary!(HUDDLE_ERR_INTERNAL as i32, {
        match convert::client(client) {
            Ok(c) => match c.login_status() {
                LoginStatus::LoggedIn => HUDDLE_STATUS_LOGGED_IN,
                LoginStatus::LoggingIn => HUDDLE_STATUS_LOGGING_IN,
                LoginStatus::LoggedOut => HUDDLE_STATUS_LOGGED_OUT,
                LoginStatus::LoggingOut => HUDDLE_STATUS_LOGGING_OUT,
            },
            Err(e) => e as i32,
        }
    })
}

/// Poll mode: runs up to `max_events` pending callbacks on the calling thread,
/// in order, and returns how many ran. Returns 0 in thread mode, when nothing
/// is pending, when called from inside a callback (it would reorder them), or
/// while another thread is polling this client; -1 for an unknown handle.
#[no_mangle]
pub extern "C" fn HuddlePoll(client: *mut HuddleClient, max_events: u32) -> i32 {
    ffi_boundary!(HUDDLE_ERR_INTERNAL as i32, {
        match convert::client(client) {
            Ok(c) => c.poll(max_events).min(i32::MAX as u32) as i32,
            Err(e) => e as i32,
        }
    })
}

/// Poll mode: `cb` is called, from whatever thread queued it, each time a
/// callback becomes pending while none was. It may call any Huddle function,
/// `HuddlePoll` included, but a game loop usually just sets a flag. NULL removes it.
#[no_mangle]
pub extern "C" fn HuddleSetWakeCallback(client: *mut HuddleClient, cb: HuddleWakeCallback, user_data: *const c_void) {
    ffi_boundary!((), {
        let Ok(c) = convert::client(client) else { return };
        let ud = UserData(user_data);
        c.set_wake(cb.map(|cb| -> std::sync::Arc<dyn Fn() + Send + std::marker::Sync> {
            std::sync::Arc::new(move || {
                let ud = ud;
                // SAFETY: the caller's callback with the caller's user_data.
                unsafe { cb(ud.0) }
            })
        }));
    })
}

/// Sets the network status listener (NULL removes it): it is told the
/// status now, then every change, as `status` 0 connected, 1 disconnected,
/// 2 connecting, 3 connect failed (Tencent's TIMNetworkStatus) with a code
/// and sentence saying why. The embedded engine is always connected: the
/// listener hears 0 once. Against a server: after a lost connection the
/// client reconnects by itself (backoff from 200 ms doubling to 5 s, with
/// jitter), logs in again with the same sig, and hears first what it missed
/// while away (messages, tips, recalls, conversation changes), each once
/// and in order; calls sent before the drop are sent again and run once.
#[no_mangle]
pub extern "C" fn HuddleSetNetworkStatusListenerCallback(
    client: *mut HuddleClient,
    cb: HuddleNetworkStatusCallback,
    user_data: *const c_void,
) {
    ffi_boundary!((), {
        let Ok(c) = convert::client(client) else { return };
        let ud = UserData(user_data);
        c.set_network_listener(cb.map(|cb| -> crate::client::NetworkListener {
            std::sync::Arc::new(move |status, code, desc: &str| {
                let ud = ud;
                let desc = convert::cstring(desc);
                // SAFETY: the caller's callback; `desc` lives until it returns.
                unsafe { cb(status, code, desc.as_ptr(), ud.0) }
            })
        }));
    })
}

/// Sets the kicked-offline listener (NULL removes it): it runs, on the
/// client's callback thread, when a newer login of the same user ended this
/// session (the login policy: by default a login on the same platform
/// replaces the earlier session). The client is then logged out; log in
/// again to take the session back.
#[no_mangle]
pub extern "C" fn HuddleSetKickedOfflineCallback(client: *mut HuddleClient, cb: HuddleKickedOfflineCallback, user_data: *const c_void) {
    ffi_boundary!((), {
        let Ok(c) = convert::client(client) else { return };
        c.set_kicked_listener(cb.map(|f| convert::notice_listener(f, user_data)));
    })
}

/// Sets the user_sig-expired listener (NULL removes it): it runs, on the
/// client's callback thread, when the user_sig of the logged-in session
/// expired and the engine ended the session. The client is then logged out;
/// log in again with a fresh user_sig.
#[no_mangle]
pub extern "C" fn HuddleSetUserSigExpiredCallback(client: *mut HuddleClient, cb: HuddleUserSigExpiredCallback, user_data: *const c_void) {
    ffi_boundary!((), {
        let Ok(c) = convert::client(client) else { return };
        c.set_sig_expired_listener(cb.map(|f| convert::notice_listener(f, user_data)));
    })
}

/// The server's clock in unix seconds (Tencent's TIMGetServerTime), for
/// clients whose own clock drifts: against a huddle-server, the local clock
/// corrected by the offset measured at the last connect; on the embedded
/// engine, the local clock. 0 for an unknown handle.
#[no_mangle]
pub extern "C" fn HuddleGetServerTime(client: *mut HuddleClient) -> u64 {
    ffi_boundary!(0, {
        match convert::client(client) {
            Ok(c) => c.server_time(),
            Err(_) => 0,
        }
    })
}

/// Writes into `buf` (`buf_len` bytes) a user_sig for `user_id` of app
/// `sdk_app_id`, valid for `expire_seconds` from now, signed with
/// `secret_key`: Tencent's TLSSigAPIv2 format, which every Tencent signing
/// library (and any app server using one) makes too. For tests and tools: a
/// shipped app gets user_sigs from its own server and never holds the
/// secret. 512 bytes hold the sig of any user ID Huddle accepts. Returns 0,
/// -4 (NULL argument, or `buf` too small: nothing is written then) or -3
/// (bad UTF-8).
#[no_mangle]
pub extern "C" fn HuddleGenUserSig(
    secret_key: *const c_char,
    sdk_app_id: u64,
    user_id: *const c_char,
    expire_seconds: u64,
    buf: *mut c_char,
    buf_len: usize,
) -> i32 {
    convert::guarded(|| {
        // SAFETY: NUL-terminated strings valid for the call (huddle.h), or NULL.
        let (secret, user) = unsafe { (convert::text(secret_key)?, convert::text(user_id)?) };
        let now = crate::engine::Clock::now(&crate::engine::SystemClock);
        let sig = crate::usersig::generate(secret, sdk_app_id, user, now, expire_seconds);
        // SAFETY: the caller gives `buf_len` writable bytes at `buf`.
        unsafe { convert::write_cstr(buf, buf_len, &sig) }
    })
}
