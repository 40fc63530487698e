//! huddle-server: the engine of the embedded SDK behind a WebSocket, for
//! players on many machines. Laid out like mini-redis: `config` (what the
//! operator sets), `limits` (what a connection may cost, as types),
//! `connection` (frames in and out), `handler` (one connection's life);
//! this module binds, accepts and stops gracefully.
//!
//! Every reply a client gets for a change is sent after the change is on
//! disk (the engine holds replies until their commit), so a crash loses
//! nothing acknowledged; a stop commits what is queued before it returns.

mod cluster;
mod config;
mod connection;
mod handler;
mod limits;
mod media;
mod metrics;
mod rest;
mod webhook;

use std::future::Future;
use std::net::SocketAddr;
use std::sync::Arc;
use std::time::Duration;

use axum::extract::ws::WebSocketUpgrade;
use axum::extract::{ConnectInfo, State};
use axum::response::IntoResponse;
use axum::routing::{get, post};
use axum::serve::ListenerExt;
use axum::Router;
use tokio::net::TcpListener;
use tokio::sync::{mpsc, watch};
use tracing::{info, warn, Instrument};

pub use cluster::ClusterConfig;
pub use config::{FailurePolicy, ServerConfig, ServerLimits, WebhookConfig};

use crate::engine::{Engine, EngineConfig, PushSink};
use crate::error::{err, Code, Result};
use crate::model::AppEventKinds;
use crate::service::{Auth, Service};
use crate::store::{PostgresStore, Store};
use cluster::{Cluster, Lease};
use connection::Connection;
use handler::Handler;
use limits::ConnectionLimit;
use metrics::Metrics;
use rest::{Exports, Rest};
use webhook::{PushQueue, Webhooks};

/// What every connection of one server shares.
pub(crate) struct Shared {
    /// The engine's service, once this node leads (a lone server at once).
    service: std::sync::OnceLock<Arc<Service>>,
    /// This node's place in a cluster, if it is in one.
    cluster: Option<Cluster>,
    config: ServerConfig,
    connections: ConnectionLimit,
    hooks: Arc<Webhooks>,
    rest: Rest,
    metrics: Arc<Metrics>,
    /// Signs the upload tokens sessions get at login (`media`), with a key
    /// every node of a cluster shares.
    media_tokens: crate::media::tokens::Tokens,
    /// Where media files are kept (`media`).
    media: media::MediaFiles,
    /// Turns true when the server stops: every handler ends at a safe point.
    stopping: watch::Receiver<bool>,
    /// Never sent on: the server knows every handler is done when the last
    /// clone of `Shared` (and so of this) is gone.
    _done: mpsc::Sender<()>,
}

impl Shared {
    pub fn service(&self) -> Option<&Arc<Service>> {
        self.service.get()
    }
}

/// Opens the engine a config names (on PostgreSQL when `store` names it,
/// fenced by `lease`; else SQLite in the data dir, or memory), recording
/// what the webhooks tell of.
fn open_engine(config: &ServerConfig, lease: Option<&Lease>, app_events: AppEventKinds, push: Option<Arc<dyn PushSink>>, metrics: &Arc<Metrics>) -> Result<Arc<Engine>> {
    let metrics = Arc::clone(metrics);
    let on_commit: Arc<dyn Fn(Duration) + Send + Sync> = Arc::new(move |took| metrics.commit(took));
    let engine_config = EngineConfig {
        data_dir: config.data_dir.clone(),
        limits: config.engine_limits(),
        app_events,
        push,
        on_commit: Some(on_commit),
        ..EngineConfig::default()
    };
    let engine = match &config.store {
        Some(url) => {
            let mut store = PostgresStore::open(url)?;
            if let Some(lease) = lease {
                store.fence(cluster::LEASE, &lease.holder, lease.epoch);
            }
            Engine::open_with(EngineConfig { data_dir: None, ..engine_config }, Some(Box::new(store) as Box<dyn Store>))?
        }
        None => Engine::open(engine_config)?,
    };
    engine.add_admins(config.admins.iter().cloned());
    Ok(engine)
}

/// Where message logs go and how their links are signed: under the data
/// dir, keyed by the app's secret (a key of this run's when there is none).
fn exports(config: &ServerConfig, addr: SocketAddr) -> Exports {
    let dir = match &config.data_dir {
        Some(dir) => dir.join("exports"),
        None => std::env::temp_dir().join(format!("huddle-exports-{}-{}", std::process::id(), addr.port())),
    };
    let key = match &config.secret_key {
        Some(secret) => secret.as_bytes().to_vec(),
        None => {
            use std::hash::{BuildHasher, Hasher};
            let mut h = std::collections::hash_map::RandomState::new().build_hasher();
            h.write_u128(std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).unwrap_or_default().as_nanos());
            h.finish().to_le_bytes().to_vec()
        }
    };
    let base_url = config.public_url.clone().unwrap_or_else(|| format!("http://{}", addr)).trim_end_matches('/').to_string();
    Exports { dir, key, base_url }
}

/// Serves `listener` until `shutdown` resolves, then closes every connection
/// and commits what is queued before returning. In a cluster, a node that
/// loses the lease it led by stops too, with an error: it may not write.
pub async fn run(config: ServerConfig, listener: TcpListener, shutdown: impl Future<Output = ()> + Send + 'static) -> Result<()> {
    raise_open_file_limit();
    let addr = listener.local_addr().map_err(|e| err!(IoOperationFailed, "the listener has no address: {}", e))?;
    if config.secret_key.is_none() {
        warn!("no secret_key: user_sigs are not checked (a development setup; set one in production)");
    }
    if config.cluster.is_some() && config.store.is_none() {
        return Err(err!(InvalidParameters, "a cluster's nodes share their state: set store to a PostgreSQL URL"));
    }
    if let Some(url) = config.store.clone() {
        // The schema first: every node brings it up to date before it uses
        // the database (the lease's and the media files' tables).
        off_runtime(move || PostgresStore::prepare(&url).map(drop))?;
    }
    let (stop_tx, stopping) = watch::channel(false);
    let hooks = Arc::new(Webhooks::new(config.webhooks.clone(), config.sdk_app_id));
    let cluster = match &config.cluster {
        Some(c) => Some(Cluster::join(c, config.sdk_app_id, stopping.clone()).await?),
        None => None,
    };
    let (done_tx, mut done_rx) = mpsc::channel::<()>(1);
    let connections = ConnectionLimit::new(config.limits.max_connections);
    let exports = exports(&config, addr);
    let media = media::MediaFiles::open(&config)?;
    let token_key = match &media {
        // A login answered by one node gives a token every node takes.
        media::MediaFiles::Postgres(pg) if config.secret_key.is_none() => pg.shared_key("media_tokens").await?,
        _ => exports.key.clone(),
    };
    let media_tokens = crate::media::tokens::Tokens::new(token_key);
    let rest = Rest::new(exports);
    let metrics = Arc::new(Metrics::default());
    let shared = Arc::new(Shared { service: Default::default(), cluster, config, connections, hooks, rest, metrics, media_tokens, media, stopping: stopping.clone(), _done: done_tx });
    let (lost_tx, mut lost) = watch::channel(false);
    let (started_tx, started) = tokio::sync::oneshot::channel();
    let lone = shared.cluster.is_none();
    let leading = tokio::spawn(lead(Arc::clone(&shared), stopping.clone(), lost_tx, started_tx));
    // A lone server serves once its engine is open; a cluster's node at
    // once (it relays its clients to whichever node leads).
    if lone {
        let _ = started.await;
    }
    let app = Router::new()
        .route("/", get(upgrade))
        .route("/v4/{*path}", post(rest::handle).get(rest::handle))
        .route("/export/{file}", get(rest::download))
        .route("/v1/media", post(media::upload))
        .route("/v1/media/{id}", get(media::download))
        .route("/healthz", get(healthz))
        .route("/metrics", get(metrics_text))
        .with_state(shared);
    info!(%addr, "huddle-server {} listening", crate::VERSION);
    let graceful = async move {
        tokio::select! {
            _ = shutdown => info!("stopping"),
            Ok(_) = lost.wait_for(|lost| *lost) => warn!("stopping: this node lost its lease"),
        }
        let _ = stop_tx.send(true);
    };
    // No Nagle: a chat frame is small and must go at once.
    let listener = listener.tap_io(|tcp| {
        let _ = tcp.set_nodelay(true);
    });
    axum::serve(listener, app.into_make_service_with_connect_info::<SocketAddr>())
        .with_graceful_shutdown(graceful)
        .await
        .map_err(|e| err!(IoOperationFailed, "the listener failed: {}", e))?;
    // Every handler holds `Shared`; when the last is gone, so is the sender.
    let _ = done_rx.recv().await;
    let led = leading.await.map_err(|e| err!(IoOperationFailed, "the leading task panicked: {}", e))?;
    if let Some(engine) = led.engine {
        off_runtime(move || {
            let synced = engine.sync();
            drop(engine);
            synced
        })?;
    }
    info!("stopped");
    led.outcome
}

/// What leading came to: the engine led with, and whether it ended well.
struct Led {
    engine: Option<Arc<Engine>>,
    outcome: Result<()>,
}

/// Leads: a lone server at once; a cluster node once it holds the lease
/// (tried whenever no leader is heard), renewing it until the server stops
/// or it is lost (then `lost` is told).
async fn lead(shared: Arc<Shared>, mut stopping: watch::Receiver<bool>, lost: watch::Sender<bool>, started: tokio::sync::oneshot::Sender<()>) -> Led {
    let lease = match shared.config.store.clone() {
        None => None,
        // On PostgreSQL, even a lone server leads by the lease: two engines
        // on one database would each take the other's numbers.
        // The schema is up to date (`run` saw to it).
        Some(url) => {
            let (node, ttl) = match &shared.cluster {
                Some(c) => (c.node.clone(), c.lease_secs),
                None => (format!("lone-{}", std::process::id()), ClusterConfig::default().lease_secs),
            };
            loop {
                if let Some(cluster) = &shared.cluster {
                    tokio::select! {
                        _ = cluster.no_leader() => {}
                        _ = stopping.changed() => return Led { engine: None, outcome: Ok(()) },
                    }
                }
                match Lease::try_take(&url, &node, Duration::from_secs(ttl)).await {
                    Ok(Some(lease)) => break Some(lease),
                    Ok(None) => info!("another node holds the lease; waiting for it to lapse"),
                    Err(e) => warn!("the lease cannot be read: {}", e.desc),
                }
                tokio::select! {
                    _ = tokio::time::sleep(Duration::from_secs(1)) => {}
                    _ = stopping.changed() => return Led { engine: None, outcome: Ok(()) },
                }
            }
        }
    };
    let opened = start_leading(&shared, lease.as_ref()).await;
    let _ = started.send(());
    match opened {
        Ok(engine) => {
            let outcome = match lease {
                Some(lease) => keep(&shared, lease, stopping).await.map_err(|e| {
                    let _ = lost.send(true);
                    e
                }),
                None => Ok(()),
            };
            Led { engine: Some(engine), outcome }
        }
        Err(e) => {
            let _ = lost.send(true);
            Led { engine: None, outcome: Err(e) }
        }
    }
}

/// Opens the engine and starts what only the leader runs: the engine's
/// service, the webhooks' deliverer and push worker, and (in a cluster) the
/// serving of other nodes' clients.
async fn start_leading(shared: &Arc<Shared>, lease: Option<&Lease>) -> Result<Arc<Engine>> {
    let config = &shared.config;
    let hooks = &shared.hooks;
    // The push worker reads the engine the queue belongs to: it gets it once open.
    let opened = Arc::new(std::sync::OnceLock::new());
    let push = hooks.pushes().then(|| Arc::new(PushQueue::start(Arc::clone(hooks), Arc::clone(&opened), shared.stopping.clone())) as Arc<dyn PushSink>);
    // Off the runtime's threads: the PostgreSQL store's blocking client runs
    // a runtime of its own, which may not start inside this one.
    let engine = off_runtime(|| open_engine(config, lease, hooks.app_events(), push, &shared.metrics))?;
    let _ = opened.set(Arc::clone(&engine));
    if config.webhooks.url.is_none() {
        off_runtime(|| webhook::drop_undeliverable(&engine));
    }
    tokio::spawn(webhook::deliver_after_hooks(Arc::clone(&engine), Arc::clone(hooks), shared.stopping.clone()));
    let auth = Auth { sdk_app_id: config.sdk_app_id, secret_key: config.secret_key.clone() };
    let service = Arc::new(Service::new(Arc::clone(&engine), auth, config.login_policy));
    let _ = shared.service.set(Arc::clone(&service));
    shared.metrics.leading.set(1);
    if let (Some(cluster), Some(lease)) = (&shared.cluster, lease) {
        info!(node = %cluster.node, epoch = lease.epoch, "this node leads");
        cluster.lead_now(lease.epoch);
        tokio::spawn(cluster::lead(Arc::clone(shared), service, cluster.nats.clone(), lease.epoch, shared.stopping.clone()));
    }
    Ok(engine)
}

/// Runs `f` on a thread of its own, outside any runtime, and waits for it.
fn off_runtime<T: Send>(f: impl FnOnce() -> T + Send) -> T {
    tokio::task::block_in_place(|| std::thread::scope(|s| s.spawn(f).join().unwrap_or_else(|panic| std::panic::resume_unwind(panic))))
}

/// Renews the lease a third of its length before it would expire, until the
/// server stops; an error once it cannot.
async fn keep(shared: &Shared, mut lease: Lease, mut stopping: watch::Receiver<bool>) -> Result<()> {
    let ttl = shared.cluster.as_ref().map_or(ClusterConfig::default().lease_secs, |c| c.lease_secs);
    let mut every = tokio::time::interval(Duration::from_secs_f64(ttl as f64 / 3.0));
    let mut renewed = std::time::Instant::now();
    loop {
        tokio::select! {
            _ = every.tick() => match lease.renew().await {
                Ok(true) => renewed = std::time::Instant::now(),
                Ok(false) => return Err(err!(IoOperationFailed, "another node took the lease")),
                // A failed renewal is tried again while the lease still has
                // a third of its length to run; then it is as good as lost.
                Err(e) if renewed.elapsed() < Duration::from_secs_f64(ttl as f64 * 2.0 / 3.0) => {
                    warn!("the lease was not renewed ({}); trying again", e.desc);
                }
                Err(e) => return Err(e),
            },
            _ = stopping.changed() => return Ok(()),
        }
    }
}

async fn upgrade(ws: WebSocketUpgrade, State(shared): State<Arc<Shared>>, ConnectInfo(peer): ConnectInfo<SocketAddr>) -> impl IntoResponse {
    let limits = &shared.config.limits;
    // Small buffers: most connections are idle most of the time.
    let ws = ws.read_buffer_size(4096).write_buffer_size(16 * 1024).max_message_size(limits.max_frame_bytes).max_frame_size(limits.max_frame_bytes);
    let permit = shared.connections.try_acquire();
    let span = tracing::info_span!("conn", %peer, user = tracing::field::Empty);
    ws.on_upgrade(move |socket| async move {
        let Some(permit) = permit else {
            info!(%peer, "connection refused: {} connections held", shared.config.limits.max_connections);
            let desc = format!("the server holds {} connections, its most", shared.config.limits.max_connections);
            return Connection::new(socket).close(Some((Code::NetConnRefuse, desc)), None).await;
        };
        match (shared.service().cloned(), &shared.cluster) {
            (Some(service), _) => Handler::new(socket, Arc::clone(&shared), service, permit, peer.ip()).run(span.clone()).instrument(span).await,
            (None, Some(cluster)) => {
                let (relay, leader) = (Arc::clone(&cluster.relay), cluster.leader.clone());
                relay.serve(socket, Arc::clone(&shared), permit, peer.ip(), leader).instrument(span).await
            }
            // A lone server serves once its engine is open.
            (None, None) => Connection::new(socket).close(None, None).await,
        }
    })
}

/// `/healthz`: 200 while this node serves (it leads, or a leader is heard),
/// 503 otherwise; the body says its role.
async fn healthz(State(shared): State<Arc<Shared>>) -> impl IntoResponse {
    let leader = shared.cluster.as_ref().and_then(|c| c.leader.borrow().clone());
    let (role, serving) = match (shared.service().is_some(), &shared.cluster) {
        (true, _) => ("leader", true),
        (false, Some(_)) => ("follower", leader.is_some()),
        (false, None) => ("starting", false),
    };
    let body = serde_json::json!({
        "status": if serving { "ok" } else { "unavailable" },
        "role": role,
        "node": shared.cluster.as_ref().map(|c| c.node.clone()),
        "leader": leader.map(|l| l.node),
    });
    let status = if serving { axum::http::StatusCode::OK } else { axum::http::StatusCode::SERVICE_UNAVAILABLE };
    (status, [(axum::http::header::CONTENT_TYPE, "application/json")], body.to_string())
}

/// `/metrics`, in Prometheus's text format.
async fn metrics_text(State(shared): State<Arc<Shared>>) -> impl IntoResponse {
    let m = &shared.metrics;
    m.connections.set(shared.connections.held() as i64);
    if let Some(cluster) = &shared.cluster {
        let silence = if shared.service().is_some() { 0.0 } else { cluster.silence().as_secs_f64() };
        m.leader_silence_seconds.set(silence);
    }
    ([(axum::http::header::CONTENT_TYPE, "application/openmetrics-text; version=1.0.0; charset=utf-8")], m.encode())
}

/// Raises this process's open-file limit to what the OS allows: each
/// connection is a file.
fn raise_open_file_limit() {
    #[cfg(unix)]
    {
        // SAFETY: getrlimit and setrlimit only read and write the struct given.
        unsafe {
            let mut limit = libc::rlimit { rlim_cur: 0, rlim_max: 0 };
            if libc::getrlimit(libc::RLIMIT_NOFILE, &mut limit) == 0 && limit.rlim_cur < limit.rlim_max {
                let raised = libc::rlimit { rlim_cur: limit.rlim_max, ..limit };
                if libc::setrlimit(libc::RLIMIT_NOFILE, &raised) == 0 {
                    info!(from = limit.rlim_cur, to = limit.rlim_max, "raised the open-file limit");
                }
            }
        }
    }
}

/// A server running on its own threads, for tests and embedding: it stops
/// when `stop` is called or the handle is dropped.
pub struct Running {
    addr: SocketAddr,
    stop: Option<tokio::sync::oneshot::Sender<()>>,
    thread: Option<std::thread::JoinHandle<Result<()>>>,
}

impl Running {
    /// Binds `config.listen` (port 0 picks a free port) and serves on a
    /// runtime of its own.
    pub fn start(config: ServerConfig) -> Result<Running> {
        let runtime = tokio::runtime::Builder::new_multi_thread()
            .worker_threads(2)
            .thread_name("huddle-server")
            .enable_all()
            .build()
            .map_err(|e| err!(IoOperationFailed, "cannot start a runtime: {}", e))?;
        let listener = runtime
            .block_on(TcpListener::bind(config.listen))
            .map_err(|e| err!(IoOperationFailed, "cannot listen on {}: {}", config.listen, e))?;
        let addr = listener.local_addr().map_err(|e| err!(IoOperationFailed, "the listener has no address: {}", e))?;
        let (stop, stopped) = tokio::sync::oneshot::channel::<()>();
        let thread = std::thread::Builder::new()
            .name("huddle-server".into())
            .spawn(move || {
                runtime.block_on(run(config, listener, async move {
                    let _ = stopped.await;
                }))
            })
            .map_err(|e| err!(IoOperationFailed, "cannot start the server thread: {}", e))?;
        Ok(Running { addr, stop: Some(stop), thread: Some(thread) })
    }

    pub fn addr(&self) -> SocketAddr {
        self.addr
    }

    /// `ws://` and the address, for `sdk_config_server_url`.
    pub fn url(&self) -> String {
        format!("ws://{}", self.addr)
    }

    /// Stops gracefully: every connection closes, queued changes are committed.
    pub fn stop(mut self) -> Result<()> {
        self.stop_now()
    }

    fn stop_now(&mut self) -> Result<()> {
        if let Some(stop) = self.stop.take() {
            let _ = stop.send(());
        }
        match self.thread.take() {
            Some(thread) => thread.join().map_err(|_| err!(IoOperationFailed, "the server thread panicked"))?,
            None => Ok(()),
        }
    }
}

impl Drop for Running {
    fn drop(&mut self) {
        let _ = self.stop_now();
    }
}
