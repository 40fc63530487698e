//! The library's own thread, which runs in order what the shim itself owes
//! the app: the callbacks of unsupported functions and of TIMSetConfig, the
//! TIMSetLogCallback callback and the log file. Never inside the caller's
//! call (a caller holding a lock around a TIM* call must not meet its own
//! callback), and never on the caller's thread, as Tencent's library does.

use std::ffi::{c_int, c_void, CString};
use std::sync::mpsc::{channel, Sender};

use once_cell::sync::Lazy;
use parking_lot::Mutex;

use crate::exports::{ERR_SDK_INTERFACE_NOT_SUPPORT, TIM_SUCC};
use crate::table::TIMCommCallback;

type Job = Box<dyn FnOnce() + Send>;

static THREAD: Lazy<Mutex<Option<Sender<Job>>>> = Lazy::new(|| Mutex::new(None));

/// Queues `job` for the reply thread, starting the thread the first time.
pub fn post(job: Job) {
    let mut tx = THREAD.lock();
    if let Some(sender) = tx.as_ref() {
        let _ = sender.send(job);
        return;
    }
    let (sender, receiver) = channel::<Job>();
    let spawned = std::thread::Builder::new().name("ImSDK-reply".into()).spawn(move || {
        for job in receiver {
            // A panicking job (an app callback cannot unwind into Rust, but a
            // log write might fail oddly) must not end the thread.
            let _ = std::panic::catch_unwind(std::panic::AssertUnwindSafe(job));
        }
    });
    if spawned.is_ok() {
        let _ = sender.send(job);
        *tx = Some(sender);
    }
}

/// Calls `cb(code, desc, json, user_data)` on the reply thread.
pub fn comm(cb: TIMCommCallback, code: i32, desc: String, json: String, user_data: *const c_void) {
    let Some(cb) = cb else { return };
    let ud = user_data as usize;
    post(Box::new(move || {
        let desc = CString::new(desc).unwrap_or_default();
        let json = CString::new(json).unwrap_or_default();
        // SAFETY: the app's callback, with strings valid until it returns.
        unsafe { cb(code, desc.as_ptr(), json.as_ptr(), ud as *const c_void) }
    }));
}

/// The body of every unsupported function that has a TIMCommCallback.
pub fn not_supported(function: &'static str, cb: TIMCommCallback, user_data: *const c_void) -> c_int {
    crate::exports::boundary(TIM_SUCC, || {
        tracing::debug!("{} is not supported by Huddle's libImSDK: code {}", function, ERR_SDK_INTERFACE_NOT_SUPPORT);
        comm(
            cb,
            ERR_SDK_INTERFACE_NOT_SUPPORT,
            format!("{function} is not supported by Huddle's libImSDK (docs/tim.md lists what is)"),
            "{}".into(),
            user_data,
        );
        TIM_SUCC
    })
}
