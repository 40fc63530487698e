//! Several huddle-server nodes as one, on PostgreSQL and NATS.
//!
//! The model: one node at a time leads, the one that holds the lease row in
//! PostgreSQL (`lease`). Its engine, loaded from PostgreSQL, runs every
//! operation, so the rules (one owner, member limits, mutes) hold exactly as
//! on one server, and nothing is applied twice: calls keep their idempotency
//! receipts in the same database. Every node holds client sockets; a node
//! that does not lead relays its clients' frames to the leader over NATS and
//! the leader's frames back (`follower`, `leader`), one message per event per
//! node however many of its clients get it. So connections and fan-out
//! (writing frames to sockets, what a chat server spends its time on) spread
//! over the nodes, while operations, a small part of the work, stay on one.
//!
//! A leader that dies stops renewing its lease; when it expires another
//! node takes it (a higher epoch), loads the state and leads. Nodes close
//! the sockets of clients the old leader served; the clients reconnect and
//! catch up from what PostgreSQL kept, and calls they resend run once.
//! docs/deploy.md has the operator's view.

mod follower;
mod lease;
mod leader;
mod wire;

use std::sync::Arc;
use std::time::Duration;

use serde::{Deserialize, Serialize};
use tokio::sync::watch;

pub use follower::Relay;
pub use lease::{Lease, ENGINE as LEASE};
pub use leader::{lead, NodeOut};

use crate::error::{err, Result};

/// `[cluster]` in the server's config.
#[derive(Clone, Debug, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct ClusterConfig {
    /// The NATS server (`nats://host:4222`).
    pub nats: String,
    /// This node's name, unique in the cluster (letters, digits, `-`, `_`);
    /// absent: the host name and the process ID.
    pub node: Option<String>,
    /// How long the leader's lease lasts without renewal, and how long a
    /// silent node (leader or not) is waited for.
    pub lease_secs: u64,
}

impl Default for ClusterConfig {
    fn default() -> Self {
        ClusterConfig { nats: "nats://127.0.0.1:4222".into(), node: None, lease_secs: 10 }
    }
}

/// The node that leads, as of its lease's epoch.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Leader {
    pub node: String,
    pub epoch: i64,
}

/// A node's place in the cluster.
pub struct Cluster {
    pub nats: async_nats::Client,
    /// `huddle.<sdk_app_id>`: every subject of the app starts so.
    pub prefix: String,
    pub node: String,
    pub lease_secs: u64,
    pub relay: Arc<Relay>,
    /// Who leads now; `None` while nobody is heard.
    pub leader: watch::Receiver<Option<Leader>>,
    leader_tx: Arc<watch::Sender<Option<Leader>>>,
    /// When the leader was last heard.
    heard: Arc<parking_lot::Mutex<std::time::Instant>>,
}

/// A node name NATS takes as one subject token.
fn node_name(config: &ClusterConfig) -> String {
    let name = config.node.clone().unwrap_or_else(|| {
        let host = std::fs::read_to_string("/etc/hostname").map(|h| h.trim().to_string()).unwrap_or_default();
        format!("{}-{}", if host.is_empty() { "node" } else { &host }, std::process::id())
    });
    name.chars().map(|c| if c.is_ascii_alphanumeric() || c == '-' || c == '_' { c } else { '_' }).collect()
}

impl Cluster {
    /// Connects to NATS and starts following the leader.
    pub async fn join(config: &ClusterConfig, sdk_app_id: u64, stopping: watch::Receiver<bool>) -> Result<Cluster> {
        let nats = async_nats::ConnectOptions::new()
            .name("huddle-server")
            .retry_on_initial_connect()
            .connect(config.nats.as_str())
            .await
            .map_err(|e| err!(IoOperationFailed, "cannot reach NATS at {}: {}", config.nats, e))?;
        let prefix = format!("huddle.{}", sdk_app_id);
        let node = node_name(config);
        let relay = Relay::start(nats.clone(), prefix.clone(), node.clone(), stopping.clone())
            .await
            .map_err(|e| err!(IoOperationFailed, "cannot subscribe to NATS: {}", e))?;
        let (tx, leader) = watch::channel(None);
        let tx = Arc::new(tx);
        let heard = Arc::new(parking_lot::Mutex::new(std::time::Instant::now()));
        let silence = Duration::from_secs(config.lease_secs);
        tokio::spawn(follower::watch_leader(nats.clone(), prefix.clone(), silence, Arc::clone(&tx), Arc::clone(&heard), stopping));
        Ok(Cluster { nats, prefix, node, lease_secs: config.lease_secs, relay, leader, leader_tx: tx, heard })
    }

    /// Says this node leads now (its own heartbeats say it too, a moment later).
    pub fn lead_now(&self, epoch: i64) {
        self.leader_tx.send_replace(Some(Leader { node: self.node.clone(), epoch }));
    }

    /// How long since the leader was heard.
    pub fn silence(&self) -> Duration {
        self.heard.lock().elapsed()
    }

    /// Waits until no leader has been heard for the lease's length.
    pub async fn no_leader(&self) {
        let mut leader = self.leader.clone();
        let _ = leader.wait_for(Option::is_none).await;
    }
}

impl Cluster {
    /// Forwards a REST request to the leader; its reply text.
    pub async fn forward_rest(&self, path: &str, query: &std::collections::HashMap<String, String>, ip: std::net::IpAddr, body: &[u8]) -> String {
        let call = wire::RestCall { path: path.to_string(), query: query.clone(), ip: ip.to_string() };
        let request = self.nats.request(format!("{}.rest", self.prefix), wire::encode(&call, body));
        let timeout = Duration::from_secs(self.lease_secs.max(3));
        match tokio::time::timeout(timeout, request).await {
            Ok(Ok(reply)) if !reply.payload.is_empty() => String::from_utf8_lossy(&reply.payload).into_owned(),
            _ => crate::service::rest::refusal(&err!(RestTimeout, "no leader answered in time: try again shortly")),
        }
    }
}
