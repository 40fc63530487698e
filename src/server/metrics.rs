//! What an operator watches (`/metrics`, Prometheus's text format) and asks
//! (`/healthz`): connections, requests by method and code, deliveries,
//! commit latency, and, in a cluster, who leads and how long since it was
//! heard.

use std::sync::atomic::AtomicU64;
use std::time::Duration;

use prometheus_client::encoding::EncodeLabelSet;
use prometheus_client::metrics::counter::Counter;
use prometheus_client::metrics::family::Family;
use prometheus_client::metrics::gauge::Gauge;
use prometheus_client::metrics::histogram::{exponential_buckets, Histogram};
use prometheus_client::registry::Registry;

#[derive(Clone, Debug, Hash, PartialEq, Eq, EncodeLabelSet)]
pub struct RequestLabels {
    pub method: &'static str,
    pub code: i32,
}

/// The server's metrics; cheap to update from any thread.
pub struct Metrics {
    registry: Registry,
    pub connections: Gauge,
    pub requests: Family<RequestLabels, Counter>,
    pub deliveries: Counter,
    pub commit_seconds: Histogram,
    /// 1 while this node leads.
    pub leading: Gauge,
    /// Seconds since the leader's last heartbeat (0 on the leader itself).
    pub leader_silence_seconds: Gauge<f64, AtomicU64>,
}

impl Default for Metrics {
    fn default() -> Self {
        let mut registry = Registry::with_prefix("huddle");
        let connections = Gauge::default();
        let requests = Family::<RequestLabels, Counter>::default();
        let deliveries = Counter::default();
        // 100 µs to about 3 s.
        let commit_seconds = Histogram::new(exponential_buckets(0.0001, 2.0, 16));
        let leading = Gauge::default();
        let leader_silence_seconds = Gauge::<f64, AtomicU64>::default();
        registry.register("connections", "Client connections held", connections.clone());
        registry.register("requests", "Calls answered, by method and code", requests.clone());
        registry.register("deliveries", "Events and replies queued for clients", deliveries.clone());
        registry.register("commit_seconds", "How long a durable commit took", commit_seconds.clone());
        registry.register("leading", "1 while this node leads its cluster", leading.clone());
        registry.register("leader_silence_seconds", "Seconds since the cluster's leader was last heard", leader_silence_seconds.clone());
        Metrics { registry, connections, requests, deliveries, commit_seconds, leading, leader_silence_seconds }
    }
}

impl Metrics {
    pub fn commit(&self, took: Duration) {
        self.commit_seconds.observe(took.as_secs_f64());
    }

    pub fn encode(&self) -> String {
        let mut text = String::new();
        prometheus_client::encoding::text::encode(&mut text, &self.registry).expect("writing to a String cannot fail");
        text
    }
}
