//! A node that does not lead: it holds its clients' sockets (hello, pings,
//! silence, the queue of what each is told) and relays their frames to the
//! leader and the leader's frames back, so the leader's engine serves them
//! as if they were its own. When the leader changes, its clients' sockets
//! are closed: they reconnect, log in again and catch up.

use std::collections::HashMap;
use std::net::IpAddr;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::Arc;
use std::time::{Duration, Instant, SystemTime, UNIX_EPOCH};

use async_nats::Client;
use axum::extract::ws::WebSocket;
use futures_util::StreamExt;
use parking_lot::Mutex;
use tokio::sync::{watch, OwnedSemaphorePermit};
use tracing::{info, warn};

use super::super::connection::{Connection, Ended, Outlet, Raw};
use super::super::handler::hello;
use super::super::Shared;
use super::wire::{self, Inbound, LeaderBeat, Outbound};
use super::Leader;
use crate::error::Code;
use crate::protocol::ServerFrame;

/// This node's clients, as the leader's frames reach them.
pub struct Relay {
    nats: Client,
    prefix: String,
    node: String,
    clients: Mutex<HashMap<u64, Outlet>>,
    next: AtomicU64,
}

impl Relay {
    /// The relay, its router of the leader's frames, and this node's heartbeat.
    pub async fn start(nats: Client, prefix: String, node: String, stopping: watch::Receiver<bool>) -> Result<Arc<Relay>, async_nats::SubscribeError> {
        let relay = Arc::new(Relay { nats, prefix, node, clients: Mutex::new(HashMap::new()), next: AtomicU64::new(1) });
        let frames = relay.nats.subscribe(wire::subject(&relay.prefix, "out", &relay.node)).await?;
        tokio::spawn(Arc::clone(&relay).route(frames, stopping.clone()));
        tokio::spawn(Arc::clone(&relay).beat(stopping));
        Ok(relay)
    }

    async fn route(self: Arc<Self>, mut frames: async_nats::Subscriber, mut stopping: watch::Receiver<bool>) {
        loop {
            let msg = tokio::select! {
                Some(msg) = frames.next() => msg,
                _ = stopping.changed() => return,
                else => return,
            };
            let Some((header, body)) = wire::decode::<Outbound>(&msg.payload) else { continue };
            let clients = self.clients.lock();
            match header {
                Outbound::Frames { to } => {
                    for conn in to {
                        if let Some(outlet) = clients.get(&conn) {
                            outlet.send(body.clone());
                        }
                    }
                }
                Outbound::Close { conn, reason } => {
                    if let Some(outlet) = clients.get(&conn) {
                        outlet.close(reason);
                    }
                }
            }
        }
    }

    async fn beat(self: Arc<Self>, mut stopping: watch::Receiver<bool>) {
        let mut tick = tokio::time::interval(Duration::from_secs(1));
        let subject = wire::subject(&self.prefix, "alive", &self.node);
        loop {
            tokio::select! {
                _ = tick.tick() => { let _ = self.nats.publish(subject.clone(), Default::default()).await; }
                _ = stopping.changed() => return,
            }
        }
    }

    async fn tell(&self, header: &Inbound, body: &[u8]) -> bool {
        self.nats.publish(wire::subject(&self.prefix, "in", &self.node), wire::encode(header, body)).await.is_ok()
    }

    /// Serves a client's socket until it, or the leader it was opened
    /// with, goes.
    pub async fn serve(self: Arc<Self>, socket: WebSocket, shared: Arc<Shared>, _permit: OwnedSemaphorePermit, ip: IpAddr, mut leader: watch::Receiver<Option<Leader>>) {
        let limits = &shared.config.limits;
        let mut conn = Connection::new(socket);
        let now = SystemTime::now().duration_since(UNIX_EPOCH).map_or(0, |d| d.as_secs());
        let opened_with = leader.borrow().clone();
        // With no leader, close before the hello: the client retries, as for a server that is down.
        if opened_with.is_none() {
            return conn.close(None, None).await;
        }
        if let Err(why) = hello(&mut conn, Duration::from_secs(limits.hello_timeout_secs), now).await {
            return conn.close(Some((why.code, why.desc)), None).await;
        }
        let (outlet, mut rx, outbox) = Outlet::new(limits.max_pending_bytes);
        let id = self.next.fetch_add(1, Ordering::Relaxed);
        self.clients.lock().insert(id, outlet.clone());
        let mut error = None;
        if self.tell(&Inbound::Open { conn: id, ip: ip.to_string() }, b"").await {
            let idle = Duration::from_secs(limits.idle_timeout_secs);
            let mut ping = tokio::time::interval(Duration::from_secs(limits.ping_interval_secs));
            ping.tick().await;
            let mut stopping = shared.stopping.clone();
            let mut heard = Instant::now();
            loop {
                tokio::select! {
                    read = conn.read_raw() => match read {
                        Ok(Raw::Text(text)) => {
                            heard = Instant::now();
                            if !self.tell(&Inbound::Frame { conn: id }, text.as_bytes()).await {
                                break;
                            }
                        }
                        Ok(Raw::Binary) => outlet.send(ServerFrame::Error { code: Code::InvalidJson.as_i32(), desc: "frames are JSON text, not binary".into() }.encode().into()),
                        Ok(Raw::Heartbeat) => heard = Instant::now(),
                        Err(Ended::Closed) => break,
                        Err(Ended::Broken(code, why)) => {
                            error = Some((code, why));
                            break;
                        }
                    },
                    // Batched as the leader's own connections write.
                    Some(out) = rx.recv() => match conn.write_queued(out, &mut rx, &outbox).await {
                        Ok(None) => {}
                        Ok(Some(reason)) => {
                            info!(conn = id, ?reason, "relayed connection closed by the leader");
                            break;
                        }
                        Err(_) => break,
                    },
                    _ = ping.tick() => {
                        if heard.elapsed() > idle || conn.ping().await.is_err() {
                            break;
                        }
                    }
                    // Another leader knows nothing of this client: it reconnects there.
                    _ = leader.changed() => {
                        if *leader.borrow() != opened_with {
                            break;
                        }
                    }
                    _ = stopping.changed() => break,
                }
            }
            self.tell(&Inbound::Gone { conn: id }, b"").await;
        } else {
            warn!("NATS is not reachable: a client is refused");
        }
        self.clients.lock().remove(&id);
        conn.close(error, None).await;
    }
}

/// Follows the leader's heartbeats: the current leader, or `None` once it
/// has been silent for `silence`.
pub async fn watch_leader(
    nats: Client,
    prefix: String,
    silence: Duration,
    tx: Arc<watch::Sender<Option<Leader>>>,
    heard_at: Arc<Mutex<Instant>>,
    mut stopping: watch::Receiver<bool>,
) {
    let Ok(mut beats) = nats.subscribe(format!("{}.leader", prefix)).await else {
        warn!("cannot follow the leader's heartbeat");
        return;
    };
    let mut heard = Instant::now();
    let mut check = tokio::time::interval(Duration::from_millis(250));
    loop {
        tokio::select! {
            Some(msg) = beats.next() => {
                if let Ok(beat) = serde_json::from_slice::<LeaderBeat>(&msg.payload) {
                    heard = Instant::now();
                    *heard_at.lock() = heard;
                    let leader = Some(Leader { node: beat.node, epoch: beat.epoch });
                    tx.send_if_modified(|current| {
                        let changed = *current != leader;
                        *current = leader;
                        changed
                    });
                }
            }
            _ = check.tick() => {
                if heard.elapsed() > silence {
                    tx.send_if_modified(|current| current.take().is_some());
                }
            }
            _ = stopping.changed() => return,
        }
    }
}
