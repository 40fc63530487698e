//! The leader's side: the one node whose engine runs every operation. Other
//! nodes relay their clients' frames here, where each client gets a handler
//! of its own exactly as a client on a local socket does (the same login,
//! calls, order and limits), and what it is told goes back to its node in
//! order, one message per event per node however many of its clients get it.

use std::collections::HashMap;
use std::sync::Arc;
use std::time::{Duration, Instant};

use async_nats::Client;
use bytes::Bytes;
use futures_util::StreamExt;
use tokio::sync::{mpsc, watch};
use tracing::{info, warn, Instrument};

use super::super::connection::{Outbound as Out, Outlet, Relayed};
use super::super::handler::Handler;
use super::super::Shared;
use super::wire::{self, Inbound, LeaderBeat, Outbound, RestCall};
use crate::service::Service;

/// Frames for one node's clients, in order, fed from any thread.
pub struct NodeOut {
    tx: mpsc::UnboundedSender<(u64, Out)>,
}

impl NodeOut {
    /// The queue, and its task publishing to `subject` until the queue is dropped.
    fn start(nats: Client, subject: String) -> Arc<NodeOut> {
        let (tx, rx) = mpsc::unbounded_channel();
        tokio::spawn(publish(nats, subject, rx));
        Arc::new(NodeOut { tx })
    }

    pub fn send(&self, conn: u64, out: Out) {
        let _ = self.tx.send((conn, out));
    }
}

/// Publishes what is queued, a run of the same frame for several clients as
/// one message (an event is encoded once and shared, so a fan-out's frames
/// are one allocation).
async fn publish(nats: Client, subject: String, mut rx: mpsc::UnboundedReceiver<(u64, Out)>) {
    let mut run: Option<(Bytes, Vec<u64>)> = None;
    while let Some(first) = rx.recv().await {
        let mut next = Some(first);
        while let Some((conn, out)) = next.take().or_else(|| rx.try_recv().ok()) {
            match out {
                Out::Frame(frame) => match &mut run {
                    Some((same, to)) if same.as_ptr() == frame.as_ptr() && same.len() == frame.len() => to.push(conn),
                    _ => {
                        flush(&nats, &subject, run.take()).await;
                        run = Some((frame, vec![conn]));
                    }
                },
                Out::Close(reason) => {
                    flush(&nats, &subject, run.take()).await;
                    let _ = nats.publish(subject.clone(), wire::encode(&Outbound::Close { conn, reason }, b"")).await;
                }
            }
        }
        flush(&nats, &subject, run.take()).await;
    }
}

async fn flush(nats: &Client, subject: &str, run: Option<(Bytes, Vec<u64>)>) {
    if let Some((frame, to)) = run {
        if let Err(e) = nats.publish(subject.to_string(), wire::encode(&Outbound::Frames { to }, &frame)).await {
            warn!("frames for {} were not sent: {}", subject, e);
        }
    }
}

/// A node that relays clients, as the leader knows it.
struct Node {
    out: Arc<NodeOut>,
    clients: HashMap<u64, mpsc::UnboundedSender<Relayed>>,
    heard: Instant,
}

/// Serves the clients other nodes relay, the REST requests they forward,
/// and says it leads, until `stopping`.
pub async fn lead(shared: Arc<Shared>, service: Arc<Service>, nats: Client, epoch: i64, mut stopping: watch::Receiver<bool>) {
    let cluster = shared.cluster.as_ref().expect("a cluster node leads");
    let prefix = cluster.prefix.clone();
    let (Ok(mut inbound), Ok(mut alive), Ok(mut rest)) = (
        nats.subscribe(format!("{}.in.*", prefix)).await,
        nats.subscribe(format!("{}.alive.*", prefix)).await,
        nats.queue_subscribe(format!("{}.rest", prefix), "leader".into()).await,
    ) else {
        warn!("the leader cannot subscribe to NATS: clients of other nodes are not served");
        return;
    };
    let silence = Duration::from_secs(cluster.lease_secs);
    let mut nodes: HashMap<String, Node> = HashMap::new();
    let mut beat = tokio::time::interval(Duration::from_secs(1));
    let me = cluster.node.clone();
    loop {
        tokio::select! {
            Some(msg) = inbound.next() => {
                let Some(node) = msg.subject.as_str().rsplit('.').next().map(str::to_string) else { continue };
                let Some((header, body)) = wire::decode::<Inbound>(&msg.payload) else { continue };
                let entry = nodes.entry(node.clone()).or_insert_with(|| Node {
                    out: NodeOut::start(nats.clone(), wire::subject(&prefix, "out", &node)),
                    clients: HashMap::new(),
                    heard: Instant::now(),
                });
                entry.heard = Instant::now();
                match header {
                    Inbound::Open { conn, ip } => {
                        let (tx, rx) = mpsc::unbounded_channel();
                        entry.clients.insert(conn, tx);
                        let outlet = Outlet::Relayed { node: Arc::clone(&entry.out), conn };
                        let ip = ip.parse().unwrap_or(std::net::IpAddr::from([0, 0, 0, 0]));
                        let handler = Handler::relayed(rx, outlet, Arc::clone(&shared), Arc::clone(&service), ip);
                        let span = tracing::info_span!("relayed", %node, conn, %ip, user = tracing::field::Empty);
                        tokio::spawn(handler.run(span.clone()).instrument(span));
                    }
                    Inbound::Frame { conn } => {
                        if let Some(client) = entry.clients.get(&conn) {
                            let _ = client.send(Relayed::Text(String::from_utf8_lossy(&body).into_owned()));
                        }
                    }
                    Inbound::Gone { conn } => {
                        if let Some(client) = entry.clients.remove(&conn) {
                            let _ = client.send(Relayed::Gone);
                        }
                    }
                }
            }
            Some(msg) = alive.next() => {
                if let Some(node) = msg.subject.as_str().rsplit('.').next() {
                    if let Some(n) = nodes.get_mut(node) {
                        n.heard = Instant::now();
                    }
                }
            }
            Some(msg) = rest.next() => {
                let Some(reply) = msg.reply.clone() else { continue };
                let (shared, service, nats) = (Arc::clone(&shared), Arc::clone(&service), nats.clone());
                tokio::spawn(async move {
                    let answer = match wire::decode::<RestCall>(&msg.payload) {
                        Some((call, body)) => super::super::rest::answer(&shared, &service, &call.path, &call.query, call.ip.parse().ok(), &body).await,
                        None => String::new(),
                    };
                    let _ = nats.publish(reply, answer.into()).await;
                });
            }
            _ = beat.tick() => {
                let beat = serde_json::to_vec(&LeaderBeat { node: me.clone(), epoch }).expect("beats encode");
                let _ = nats.publish(format!("{}.leader", prefix), beat.into()).await;
                // A node silent this long is gone: its clients' sessions end (they reconnect elsewhere).
                nodes.retain(|node, n| {
                    let live = n.heard.elapsed() < silence;
                    if !live {
                        info!(%node, clients = n.clients.len(), "a node went silent: its clients' sessions end");
                    }
                    live
                });
            }
            _ = stopping.changed() => return,
        }
    }
}
