//! The SDK config JSON of `HuddleInit`: which engine a client reaches and
//! how its callbacks run. Unknown keys are ignored.

use serde::{Deserialize, Serialize};

use crate::engine::{ChatRoomConfig, Limits};

/// How a new login treats the user's other sessions.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum LoginPolicy {
    /// A new login ends every other session of the user.
    Single,
    /// A new login ends the user's sessions on the same platform (Tencent's default).
    PerPlatform,
    /// Every session stays; each hears the user's own actions.
    Multi,
}

#[derive(Clone, Debug, Default, Deserialize)]
pub struct SdkConfig {
    /// `ws://host:port` of a huddle-server; absent or "": the embedded engine.
    #[serde(default)]
    pub sdk_config_server_url: Option<String>,
    #[serde(default)]
    pub sdk_config_data_dir: Option<String>,
    #[serde(default)]
    pub sdk_config_sdk_app_id: u64,
    #[serde(default)]
    pub callback_mode: Option<String>,
    #[serde(default)]
    pub sdk_config_admin_user_ids: Vec<String>,
    #[serde(default)]
    pub sdk_config_secret_key: Option<String>,
    /// Messages one group accepts per second (default 40).
    #[serde(default)]
    pub sdk_config_group_msg_per_second: Option<u32>,
    /// Group attribute writes one user may make in 5 seconds (default 10, Tencent's; 0: no limit).
    #[serde(default)]
    pub sdk_config_group_attr_writes_per_5s: Option<u32>,
    /// Group counter writes one user may make in 5 seconds (default 20, Tencent's; 0: no limit).
    #[serde(default)]
    pub sdk_config_group_counter_writes_per_5s: Option<u32>,
    /// How long messages are kept, in seconds (default 7 days).
    #[serde(default)]
    pub sdk_config_msg_retention_seconds: Option<u64>,
    /// How long a sender may recall a message, in seconds (default 120).
    #[serde(default)]
    pub sdk_config_msg_revoke_seconds: Option<u64>,
    /// Network: how long a request waits for its reply (default 30000 ms).
    #[serde(default)]
    pub sdk_config_request_timeout_ms: Option<u64>,
    /// Tencent's TIMPlatform of this device (0 to 5); default: the build's OS.
    #[serde(default, deserialize_with = "platform")]
    pub sdk_config_platform: Option<i32>,
    /// Events a client's callback queue holds at most (default 100000): a
    /// poll-mode client that stops polling then loses the oldest events,
    /// never a call's result.
    #[serde(default)]
    pub sdk_config_max_pending_events: Option<usize>,
    /// Embedded engine: what a login does to the user's other clients
    /// (default `multi`: every client of a process is a device of its own).
    #[serde(default)]
    pub sdk_config_login_policy: Option<LoginPolicy>,
    /// Embedded engine: the AVChatRoom rules (`msgs_per_second` 40,
    /// `latest_on_join` 50, `idle_destroy_secs` 3600, `one_per_user` true,
    /// `allowlist` []), huddle-server's `[chatroom]` keys.
    #[serde(default)]
    pub sdk_config_chatroom: Option<ChatRoomConfig>,
}

/// Tencent's TIMPlatform: Other 0, Windows 1, Android 2, iOS 3, Mac 4, Simulator 5.
fn platform<'de, D: serde::Deserializer<'de>>(d: D) -> Result<Option<i32>, D::Error> {
    match Option::<i32>::deserialize(d)? {
        Some(p) if !(0..=5).contains(&p) => Err(serde::de::Error::custom(format!("{} is not a TIMPlatform (0 to 5)", p))),
        p => Ok(p),
    }
}

impl SdkConfig {
    /// The embedded engine's message limits: the defaults where a key is absent.
    pub fn limits(&self) -> Limits {
        let defaults = Limits::default();
        Limits {
            group_msgs_per_second: self.sdk_config_group_msg_per_second.unwrap_or(defaults.group_msgs_per_second),
            retention_secs: self.sdk_config_msg_retention_seconds.unwrap_or(defaults.retention_secs),
            revoke_window_secs: self.sdk_config_msg_revoke_seconds.unwrap_or(defaults.revoke_window_secs),
            group_attr_writes_per_5s: self.sdk_config_group_attr_writes_per_5s.unwrap_or(defaults.group_attr_writes_per_5s),
            group_counter_writes_per_5s: self.sdk_config_group_counter_writes_per_5s.unwrap_or(defaults.group_counter_writes_per_5s),
            chatroom: self.sdk_config_chatroom.clone().unwrap_or_default(),
            ..defaults
        }
    }

    /// The server's URL, when one is named.
    pub fn server_url(&self) -> Option<&str> {
        self.sdk_config_server_url.as_deref().filter(|u| !u.is_empty())
    }

    /// This device's TIMPlatform: Other 0, Windows 1, Android 2, iOS 3, Mac 4.
    pub fn platform(&self) -> i32 {
        self.sdk_config_platform.unwrap_or(if cfg!(target_os = "windows") {
            1
        } else if cfg!(target_os = "android") {
            2
        } else if cfg!(target_os = "ios") {
            3
        } else if cfg!(target_os = "macos") {
            4
        } else {
            0
        })
    }
}
