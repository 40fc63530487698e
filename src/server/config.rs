//! huddle-server's configuration: a TOML file (every key optional), then
//! flags over it. `huddle-server --print-config` shows the result.

use std::net::SocketAddr;
use std::path::PathBuf;

use serde::{Deserialize, Serialize};

use crate::config::LoginPolicy;
use crate::engine::{ChatRoomConfig, Limits};

#[derive(Clone, Debug, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct ServerConfig {
    /// Where clients connect (WebSocket at `/`).
    pub listen: SocketAddr,
    /// Where SQLite keeps the data (the embedded engine's store); absent:
    /// in memory, gone when the server stops.
    pub data_dir: Option<PathBuf>,
    /// The app's SDKAppID, which every user_sig names.
    pub sdk_app_id: u64,
    /// The app's secret key: logins must bring a TLSSigAPIv2 user_sig made
    /// with it. Absent: user_sigs are not checked (development only; the
    /// server says so when it starts).
    pub secret_key: Option<String>,
    /// Users with app-admin rights.
    pub admins: Vec<String>,
    /// What a login does to the user's other sessions: `single`,
    /// `per_platform` (Tencent's default) or `multi`.
    pub login_policy: LoginPolicy,
    pub limits: ServerLimits,
    /// Calls to the app's server (Tencent's third-party callbacks) and its
    /// offline push hook.
    pub webhooks: WebhookConfig,
    /// A PostgreSQL URL (`host=... user=... dbname=...` or
    /// `postgresql://...`): the state lives there instead of in SQLite.
    /// Required for a cluster.
    pub store: Option<String>,
    /// Several nodes as one (docs/deploy.md); absent: a lone server.
    pub cluster: Option<super::cluster::ClusterConfig>,
    /// Where the REST API's message-log downloads and media files are
    /// served from, as the app's server and clients reach this server
    /// (`http://host:port`; in a cluster, the load balancer's URL); absent:
    /// `http://` and `listen`.
    pub public_url: Option<String>,
    /// AVChatRoom's rules: rate and priorities, latest messages on join,
    /// idle dismissal, one room per user, senders never dropped.
    pub chatroom: ChatRoomConfig,
}

/// The app's server's webhooks (docs/webhooks.md).
#[derive(Clone, Debug, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct WebhookConfig {
    /// Where callbacks go (Tencent's callback URL); absent: none are made.
    pub url: Option<String>,
    /// Tencent's callback authentication token: every call carries
    /// `RequestTime` and `Sign` = sha256(token + RequestTime), hex.
    pub token: Option<String>,
    /// The callbacks to make, by Tencent's command names
    /// (`Group.CallbackAfterSendMsg`, ...); absent: all Huddle knows.
    pub commands: Option<Vec<String>>,
    /// How long a "before" callback may take (Tencent's 2 s).
    pub timeout_ms: u64,
    /// What a "before" callback that fails (timeout, no answer, not 200,
    /// not JSON) decides: `allow` (Tencent's default) or `refuse` (10016).
    pub on_failure: FailurePolicy,
    /// The longest wait between two tries of an "after" callback.
    pub retry_max_secs: u64,
    /// Where offline push notices go (batched); absent: none.
    pub push_url: Option<String>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum FailurePolicy {
    Allow,
    Refuse,
}

impl Default for WebhookConfig {
    fn default() -> Self {
        WebhookConfig { url: None, token: None, commands: None, timeout_ms: 2000, on_failure: FailurePolicy::Allow, retry_max_secs: 60, push_url: None }
    }
}

/// What protects the server from its clients, and the engine's message limits.
#[derive(Clone, Debug, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct ServerLimits {
    /// Connections held at once; more are refused with 9511.
    pub max_connections: usize,
    /// The largest frame a client may send (bytes); larger ones end the connection.
    pub max_frame_bytes: usize,
    /// Requests one connection may make per second, and in a burst; more get 9506.
    pub requests_per_second: u32,
    pub request_burst: u32,
    /// Bytes queued for a connection that does not read; past it, the
    /// connection is closed (the client reconnects and catches up).
    pub max_pending_bytes: usize,
    /// A ping every this many seconds; a connection silent for
    /// `idle_timeout_secs` (no frame, no pong) is closed.
    pub ping_interval_secs: u64,
    pub idle_timeout_secs: u64,
    /// Seconds a new connection has to say hello.
    pub hello_timeout_secs: u64,
    /// Messages one group accepts per second (the engine's limit).
    pub group_msgs_per_second: u32,
    /// Messages one member may send to one group per second (the seeds'
    /// client limit, 5); 0: no limit. More get 10023.
    pub member_msgs_per_second: u32,
    /// Messages the REST API may send to one group per second (the seeds'
    /// server limit, 20). More get 10023.
    pub rest_group_msgs_per_second: u32,
    /// Groups the app may create per UTC day and keep (Tencent's 10000);
    /// more get 10006.
    pub daily_group_quota: u32,
    pub msg_retention_seconds: u64,
    pub msg_revoke_seconds: u64,
    /// How long the answer to a call is kept for the same call sent again.
    pub receipt_seconds: u64,
    /// Group attribute writes one user may make in 5 seconds (Tencent's
    /// 10); more get 8511. 0: no limit.
    pub group_attr_writes_per_5s: u32,
    /// Group counter writes one user may make in 5 seconds (Tencent's 20);
    /// more get 8516. 0: no limit.
    pub group_counter_writes_per_5s: u32,
}

impl Default for ServerConfig {
    fn default() -> Self {
        ServerConfig {
            listen: "127.0.0.1:7480".parse().expect("a socket address"),
            data_dir: None,
            sdk_app_id: 0,
            secret_key: None,
            admins: Vec::new(),
            login_policy: LoginPolicy::PerPlatform,
            limits: ServerLimits::default(),
            webhooks: WebhookConfig::default(),
            store: None,
            cluster: None,
            public_url: None,
            chatroom: ChatRoomConfig::default(),
        }
    }
}

impl Default for ServerLimits {
    fn default() -> Self {
        let engine = Limits::default();
        ServerLimits {
            max_connections: 100_000,
            max_frame_bytes: 64 * 1024,
            requests_per_second: 50,
            request_burst: 200,
            max_pending_bytes: 4 * 1024 * 1024,
            ping_interval_secs: 30,
            idle_timeout_secs: 90,
            hello_timeout_secs: 10,
            group_msgs_per_second: engine.group_msgs_per_second,
            member_msgs_per_second: 5,
            rest_group_msgs_per_second: 20,
            daily_group_quota: engine.daily_group_quota,
            msg_retention_seconds: engine.retention_secs,
            msg_revoke_seconds: engine.revoke_window_secs,
            receipt_seconds: engine.receipt_secs,
            group_attr_writes_per_5s: engine.group_attr_writes_per_5s,
            group_counter_writes_per_5s: engine.group_counter_writes_per_5s,
        }
    }
}

impl ServerConfig {
    /// Reads a TOML file; keys it leaves out take their defaults.
    pub fn from_toml(text: &str) -> Result<ServerConfig, String> {
        toml::from_str(text).map_err(|e| e.to_string())
    }

    pub fn to_toml(&self) -> String {
        toml::to_string_pretty(self).expect("the config always encodes")
    }

    pub fn engine_limits(&self) -> Limits {
        let l = &self.limits;
        Limits {
            group_msgs_per_second: l.group_msgs_per_second,
            retention_secs: l.msg_retention_seconds,
            revoke_window_secs: l.msg_revoke_seconds,
            receipt_secs: l.receipt_seconds,
            member_msgs_per_second: l.member_msgs_per_second,
            daily_group_quota: l.daily_group_quota,
            group_attr_writes_per_5s: l.group_attr_writes_per_5s,
            group_counter_writes_per_5s: l.group_counter_writes_per_5s,
            chatroom: self.chatroom.clone(),
            ..Limits::default()
        }
    }
}
