//! The synchronous results every C function returns.

/// The synchronous result of every function (`HuddleResult`): 0, or a
/// negative code saying why the call was refused before it started (then no
/// callback runs). Asynchronous results are `HuddleCode`s.
#[repr(i32)]
#[allow(non_camel_case_types)]
#[derive(Clone, Copy, Debug, PartialEq, Eq, strum::EnumIter, strum::EnumMessage, strum::FromRepr)]
pub enum HuddleResult {
    /// Success.
    #[strum(message = "success")]
    HUDDLE_SUCC = 0,
    /// The client handle is NULL, unknown, or was uninitialized.
    #[strum(message = "the client handle is not initialized")]
    HUDDLE_ERR_SDKUNINIT = -1,
    /// The call needs a logged-in client.
    #[strum(message = "the client is not logged in")]
    HUDDLE_ERR_NOTLOGIN = -2,
    /// A string argument is not valid UTF-8, or a JSON argument is not valid JSON.
    #[strum(message = "invalid UTF-8 or invalid JSON in an argument")]
    HUDDLE_ERR_JSON = -3,
    /// A required argument is NULL, or a JSON argument lacks a key or has a wrong type.
    #[strum(message = "an argument is missing or has the wrong type")]
    HUDDLE_ERR_PARAM = -4,
    /// A conversation argument is invalid.
    #[strum(message = "invalid conversation argument")]
    HUDDLE_ERR_CONV = -5,
    /// Reserved, never returned: Tencent's "invalid group" result. A group
    /// argument is checked like any other (NULL is `HUDDLE_ERR_PARAM`).
    #[strum(message = "reserved: never returned")]
    HUDDLE_ERR_GROUP = -6,
    /// A bug inside the library: it panicked; the panic was caught and
    /// logged, and the call did nothing. Please report it.
    #[strum(message = "the library failed inside (a bug, logged); the call did nothing")]
    HUDDLE_ERR_INTERNAL = -7,
}

impl HuddleResult {
    /// The static NUL-terminated sentence of `HuddleResultString`.
    pub fn describe(self) -> &'static str {
        strum::EnumMessage::get_message(&self).expect("every result has a message")
    }
}
