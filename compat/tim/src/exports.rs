//! The four kinds of rows of `table.rs` (generated from Tencent's headers by
//! `gen/gen_table.py`), the Tencent constants they return, and the default
//! client they forward to.

use std::ffi::c_int;
use std::sync::atomic::{AtomicPtr, Ordering};

/// Huddle's opaque client handle (`HuddleClient*` of include/huddle.h).
#[repr(C)]
pub struct HuddleClient {
    _private: [u8; 0],
}

/// Tencent's C `bool` (TIMCloudComm.h: `typedef unsigned char bool` in C, one
/// byte in C++), passed through as a byte so any value is safe to receive.
pub type CBool = u8;

// TIMResult (TIMCloudDef.h): what every TIM* function returns synchronously.
pub const TIM_SUCC: c_int = 0;
pub const TIM_ERR_SDKUNINIT: c_int = -1;
pub const TIM_ERR_JSON: c_int = -3;
pub const TIM_ERR_PARAM: c_int = -4;

/// TIMErrorCode.h's ERR_SDK_INTERFACE_NOT_SUPPORT, Tencent's code for "this
/// interface is not available to you": what every unsupported function's
/// callback gets.
pub const ERR_SDK_INTERFACE_NOT_SUPPORT: i32 = 7013;

/// TIMLoginStatus's kTIMLoginStatus_UnLogined (3): the status before TIMInit.
#[allow(non_upper_case_globals)]
pub const kTIMLoginStatus_UnLogined: c_int = 3;

/// The process-wide client of Tencent's API, made by TIMInit; NULL before it
/// and after TIMUninit. Huddle refuses a stale handle with -1 without
/// dereferencing it, so a call racing TIMUninit is safe.
static DEFAULT_CLIENT: AtomicPtr<HuddleClient> = AtomicPtr::new(std::ptr::null_mut());

pub fn default_client() -> Option<*mut HuddleClient> {
    let c = DEFAULT_CLIENT.load(Ordering::Acquire);
    (!c.is_null()).then_some(c)
}

/// Huddle's handle of the process-wide client `TIMInit` made (NULL before
/// `TIMInit` and after `TIMUninit`), for Huddle functions Tencent's API has
/// no twin of. Above all `HuddlePoll`: an app that gives `TIMInit`
/// `"callback_mode": "poll"` runs every callback on its own thread (a game's
/// main loop) with `HuddlePoll(HuddleTIMClient(), max)`. Valid until
/// `TIMUninit`; the app does not free it.
#[no_mangle]
pub extern "C" fn HuddleTIMClient() -> *mut HuddleClient {
    default_client().unwrap_or(std::ptr::null_mut())
}

pub(crate) fn set_default_client(c: *mut HuddleClient) -> *mut HuddleClient {
    DEFAULT_CLIENT.swap(c, Ordering::AcqRel)
}

/// An argument as Huddle's function takes it: the same value, but for
/// Tencent's one-byte `bool`, which may hold any byte and becomes a Rust
/// `bool` (nonzero is true) before it reaches Huddle.
pub trait Arg {
    type Huddle;
    fn huddle(self) -> Self::Huddle;
}

macro_rules! same_arg {
    ($($t:ty),*) => {
        $(impl Arg for $t {
            type Huddle = $t;
            fn huddle(self) -> $t {
                self
            }
        })*
    };
}
same_arg!(i32, u32, i64, u64, *const std::ffi::c_char, *mut std::ffi::c_char, *const std::ffi::c_void);

impl<F> Arg for Option<F> {
    type Huddle = Option<F>;
    fn huddle(self) -> Option<F> {
        self
    }
}

impl Arg for CBool {
    type Huddle = bool;
    fn huddle(self) -> bool {
        self != 0
    }
}

/// Runs `body`, turning a panic into `on_panic` rather than an unwind into C.
pub fn boundary<T>(on_panic: T, body: impl FnOnce() -> T) -> T {
    std::panic::catch_unwind(std::panic::AssertUnwindSafe(body)).unwrap_or(on_panic)
}

/// `TIMx(args)` calls `HuddleX(default client, args)`: the same arguments,
/// JSON untouched, Huddle's result as is (its sync codes are TIMResult's).
/// Before TIMInit it returns the value after `else`.
macro_rules! forward {
    ($( $(#[$m:meta])* fn $name:ident($($arg:ident : $ty:ty),*) -> $ret:ty = $huddle:ident else $uninit:expr; )*) => {
        extern "C" {
            $( fn $huddle(client: *mut HuddleClient, $($arg: <$ty as Arg>::Huddle),*) -> $ret; )*
        }
        $(
            $(#[$m])*
            #[no_mangle]
            pub unsafe extern "C" fn $name($($arg: $ty),*) -> $ret {
                match default_client() {
                    // SAFETY: the caller keeps Tencent's contract for these
                    // arguments, which is Huddle's for the same function.
                    Some(client) => unsafe { $huddle(client, $(Arg::huddle($arg)),*) },
                    None => $uninit,
                }
            }
        )*
    };
}

/// `TIMSetXCallback(cb, user_data)` calls `HuddleSetXCallback` on the default
/// client, and remembers the pair so that every later TIMInit sets it again:
/// Tencent's apps often set listeners before TIMInit.
macro_rules! listeners {
    ($( fn $name:ident($cb:ident : $cbty:ty, $ud:ident : *const c_void) = $huddle:ident; )*) => {
        extern "C" {
            $( fn $huddle(client: *mut HuddleClient, cb: $cbty, user_data: *const c_void); )*
        }
        $(
            #[no_mangle]
            pub unsafe extern "C" fn $name($cb: $cbty, $ud: *const c_void) {
                let ud = $ud as usize;
                crate::client::set_listener(stringify!($name), Box::new(move |client| {
                    // SAFETY: a client handle from HuddleInit (stale ones are refused).
                    unsafe { $huddle(client, $cb, ud as *const c_void) }
                }));
            }
        )*
    };
}

/// Functions Huddle does not have: the `TIMCommCallback` gets 7013
/// (`ERR_SDK_INTERFACE_NOT_SUPPORT`) and an English sentence naming the
/// function, on the library's reply thread, never inside the call; the call
/// returns `TIM_SUCC`, as Tencent's do when they accept a call. A function
/// with no `TIMCommCallback` returns `TIM_ERR_PARAM` and calls nothing.
/// Out-parameters are left untouched.
macro_rules! unsupported {
    (@body $name:ident reply($cb:ident, $ud:ident)) => {
        crate::reply::not_supported(stringify!($name), $cb, $ud)
    };
    (@body $name:ident no_callback) => {
        TIM_ERR_PARAM
    };
    ($( fn $name:ident($($arg:ident : $ty:ty),*) -> c_int => $($how:ident)? $(($cb:ident, $ud:ident))?; )*) => {
        $(
            #[no_mangle]
            #[allow(unused_variables)]
            pub unsafe extern "C" fn $name($($arg: $ty),*) -> c_int {
                unsupported!(@body $name $($how)? $(($cb, $ud))?)
            }
        )*
    };
}

/// Setters of events Huddle never raises (friendship, signaling, communities,
/// official accounts, ...): accepted, and never called.
macro_rules! never_called {
    ($( fn $name:ident($($arg:ident : $ty:ty),*); )*) => {
        $(
            #[no_mangle]
            #[allow(unused_variables)]
            pub unsafe extern "C" fn $name($($arg: $ty),*) {}
        )*
    };
}

#[allow(unused_imports)]
pub(crate) use {forward, listeners, never_called, unsupported};

