//! Symbols Tencent's Linux libImSDK.so (8.0.5906) exports that no header of
//! its declares: exported here too, so that nothing linked or loaded against
//! Tencent's library misses a symbol. Their arguments are unknown and never
//! read. TIMGetVersion gives the version, as TIMGetSDKVersion does; the
//! others (socket and encryption delegates, log writing) are not supported
//! and return TIM_ERR_PARAM.

use std::ffi::{c_char, c_int};

use crate::exports::TIM_ERR_PARAM;

#[no_mangle]
pub extern "C" fn TIMGetVersion() -> *const c_char {
    crate::client::TIMGetSDKVersion()
}

macro_rules! undeclared {
    ($($name:ident),*) => {
        $(
            #[no_mangle]
            pub extern "C" fn $name() -> c_int {
                TIM_ERR_PARAM
            }
        )*
    };
}

undeclared!(
    TIMWriteLog,
    TIMNotifySocketEvent,
    TIMRegisterSocketDelegate,
    TIMUnregisterSocketDelegate,
    TIMRegisterEncryptionDelegate,
    TIMUnregisterEncryptionDelegate
);
