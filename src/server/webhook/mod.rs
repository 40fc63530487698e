//! Calls to the app's server: Tencent's third-party callbacks ("before"
//! ones that may refuse or rewrite, "after" ones delivered at least once
//! from the engine's outbox) and the offline push hook. docs/webhooks.md
//! has the bodies.

mod after;
mod before;
mod push;

use std::time::{Duration, SystemTime, UNIX_EPOCH};

use serde_json::Value;
use sha2::{Digest, Sha256};

use crate::model::{AppEventKind, AppEventKinds, Origin};

pub use after::{deliver_after_hooks, drop_undeliverable};
pub use before::{Before, Verdict};
pub use push::PushQueue;

use super::config::WebhookConfig;

/// The callbacks Huddle makes, by Tencent's command names.
pub mod command {
    pub const BEFORE_CREATE_GROUP: &str = "Group.CallbackBeforeCreateGroup";
    pub const AFTER_CREATE_GROUP: &str = "Group.CallbackAfterCreateGroup";
    pub const BEFORE_APPLY_JOIN_GROUP: &str = "Group.CallbackBeforeApplyJoinGroup";
    pub const AFTER_NEW_MEMBER_JOIN: &str = "Group.CallbackAfterNewMemberJoin";
    pub const AFTER_MEMBER_EXIT: &str = "Group.CallbackAfterMemberExit";
    pub const BEFORE_SEND_MSG: &str = "Group.CallbackBeforeSendMsg";
    pub const AFTER_SEND_MSG: &str = "Group.CallbackAfterSendMsg";
    pub const AFTER_GROUP_INFO_CHANGED: &str = "Group.CallbackAfterGroupInfoChanged";
    pub const AFTER_GROUP_DESTROYED: &str = "Group.CallbackAfterGroupDestroyed";
    /// Huddle's own: offline push notices, batched.
    pub const OFFLINE_PUSH: &str = "Huddle.OfflinePush";
}

/// The "after" callback that tells of each kind of outbox event.
fn after_command(kind: AppEventKind) -> &'static str {
    match kind {
        AppEventKind::GroupCreated => command::AFTER_CREATE_GROUP,
        AppEventKind::MembersJoined => command::AFTER_NEW_MEMBER_JOIN,
        AppEventKind::MembersExited => command::AFTER_MEMBER_EXIT,
        AppEventKind::MessageSent => command::AFTER_SEND_MSG,
        AppEventKind::GroupInfoChanged => command::AFTER_GROUP_INFO_CHANGED,
        AppEventKind::GroupDestroyed => command::AFTER_GROUP_DESTROYED,
    }
}

/// Why a call to the app's server did not get an answer.
#[derive(Debug)]
pub struct CallFailed(pub String);

/// The app's server, as the configuration names it.
pub struct Webhooks {
    config: WebhookConfig,
    sdk_app_id: u64,
    client: reqwest::Client,
}

impl Webhooks {
    pub fn new(config: WebhookConfig, sdk_app_id: u64) -> Webhooks {
        // Connections are kept and reused (Tencent's callbacks keep them alive too).
        let client = reqwest::Client::builder().pool_idle_timeout(Duration::from_secs(60)).build().expect("an HTTP client");
        Webhooks { config, sdk_app_id, client }
    }

    /// Whether `command` is to be called.
    pub fn enabled(&self, command: &str) -> bool {
        self.config.url.is_some() && self.config.commands.as_ref().map_or(true, |c| c.iter().any(|x| x == command))
    }

    /// The outbox events the engine is to record: those of enabled "after" callbacks.
    pub fn app_events(&self) -> AppEventKinds {
        AppEventKind::ALL.into_iter().filter(|k| self.enabled(after_command(*k))).collect()
    }

    pub fn pushes(&self) -> bool {
        self.config.push_url.is_some()
    }

    /// POSTs `body` to `url` as callback `command`, signed when a token is
    /// set; the answer's JSON, if it came within `timeout` with a 200.
    async fn post(&self, url: &str, command: &str, origin: Option<&Origin>, body: &Value, timeout: Duration) -> Result<Value, CallFailed> {
        let mut query: Vec<(&str, String)> = vec![
            ("SdkAppid", self.sdk_app_id.to_string()),
            ("CallbackCommand", command.to_string()),
            ("contenttype", "json".to_string()),
        ];
        if let Some(origin) = origin {
            query.push(("ClientIP", origin.ip.clone()));
            query.push(("OptPlatform", origin.platform.clone()));
        }
        if let Some(token) = &self.config.token {
            let time = SystemTime::now().duration_since(UNIX_EPOCH).map_or(0, |d| d.as_secs()).to_string();
            query.push(("Sign", sign(token, &time)));
            query.push(("RequestTime", time));
        }
        let sent = self.client.post(url).query(&query).json(body).timeout(timeout).send().await.map_err(|e| CallFailed(e.to_string()))?;
        if sent.status() != reqwest::StatusCode::OK {
            return Err(CallFailed(format!("HTTP {}", sent.status())));
        }
        sent.json::<Value>().await.map_err(|e| CallFailed(format!("the answer is not JSON: {}", e)))
    }
}

/// Tencent's callback signature: sha256 of the token then the request time, hex.
pub fn sign(token: &str, request_time: &str) -> String {
    let digest = Sha256::digest(format!("{}{}", token, request_time));
    digest.iter().map(|b| format!("{:02x}", b)).collect()
}

/// Milliseconds since the epoch, Tencent's `EventTime`.
fn millis(secs: u64) -> u64 {
    secs.saturating_mul(1000)
}

#[cfg(test)]
mod tests {
    #[test]
    fn signs_as_tencent_documents() {
        // Tencent's example: token xxxxyyyy, time 1669872112.
        assert_eq!(super::sign("xxxxyyyy", "1669872112"), "17773bc39a671d7b9aa835458704d2a6db81360a5940292b587d6d760d484061");
    }
}
