//! huddle-server: the engine of the embedded SDK behind a WebSocket, for
//! players on many machines. Laid out like mini-redis: `config` (what the
//! operator sets), `limits` (what a connection may cost, as types),
//! `connection` (frames in and out), `handler` (one connection's life);
//! this module binds, accepts and stops gracefully.
//!
//! Every reply a client gets for a change is sent after the change is on
//! disk (the engine holds replies until their commit), so a crash loses
//! nothing acknowledged; a stop commits what is queued before it returns.

mod config;
mod connection;
mod handler;
mod limits;
mod rest;
mod webhook;

use std::future::Future;
use std::net::SocketAddr;
use std::sync::Arc;

use axum::extract::ws::WebSocketUpgrade;
use axum::extract::{ConnectInfo, State};
use axum::response::IntoResponse;
use axum::routing::{get, post};
use axum::serve::ListenerExt;
use axum::Router;
use tokio::net::TcpListener;
use tokio::sync::{mpsc, watch};
use tracing::{info, warn, Instrument};

pub use config::{FailurePolicy, ServerConfig, ServerLimits, WebhookConfig};

use crate::engine::{Engine, EngineConfig, PushSink};
use crate::error::{err, Code, Result};
use crate::model::AppEventKinds;
use crate::service::{Auth, Service};
use connection::Connection;
use handler::Handler;
use limits::ConnectionLimit;
use rest::{Exports, Rest};
use webhook::{PushQueue, Webhooks};

/// What every connection of one server shares.
pub(crate) struct Shared {
    service: Service,
    config: ServerConfig,
    connections: ConnectionLimit,
    hooks: Arc<Webhooks>,
    rest: Rest,
    /// Turns true when the server stops: every handler ends at a safe point.
    stopping: watch::Receiver<bool>,
    /// Never sent on: the server knows every handler is done when the last
    /// clone of `Shared` (and so of this) is gone.
    _done: mpsc::Sender<()>,
}

/// Opens the engine a config names, recording what the webhooks tell of.
fn open_engine(config: &ServerConfig, app_events: AppEventKinds, push: Option<Arc<dyn PushSink>>) -> Result<Arc<Engine>> {
    let engine = Engine::open(EngineConfig {
        data_dir: config.data_dir.clone(),
        limits: config.engine_limits(),
        app_events,
        push,
        ..EngineConfig::default()
    })?;
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
/// and commits what is queued before returning.
pub async fn run(config: ServerConfig, listener: TcpListener, shutdown: impl Future<Output = ()> + Send + 'static) -> Result<()> {
    raise_open_file_limit();
    let addr = listener.local_addr().map_err(|e| err!(IoOperationFailed, "the listener has no address: {}", e))?;
    let (stop_tx, stopping) = watch::channel(false);
    let hooks = Arc::new(Webhooks::new(config.webhooks.clone(), config.sdk_app_id));
    // The push worker reads the engine the queue belongs to: it gets it once open.
    let opened = Arc::new(std::sync::OnceLock::new());
    let push = hooks.pushes().then(|| Arc::new(PushQueue::start(Arc::clone(&hooks), Arc::clone(&opened), stopping.clone())) as Arc<dyn PushSink>);
    let engine = tokio::task::block_in_place(|| open_engine(&config, hooks.app_events(), push))?;
    let _ = opened.set(Arc::clone(&engine));
    if config.secret_key.is_none() {
        warn!("no secret_key: user_sigs are not checked (a development setup; set one in production)");
    }
    if config.webhooks.url.is_none() {
        tokio::task::block_in_place(|| webhook::drop_undeliverable(&engine));
    }
    let after_hooks = tokio::spawn(webhook::deliver_after_hooks(Arc::clone(&engine), Arc::clone(&hooks), stopping.clone()));
    let auth = Auth { sdk_app_id: config.sdk_app_id, secret_key: config.secret_key.clone() };
    let service = Service::new(Arc::clone(&engine), auth, config.login_policy);
    let (done_tx, mut done_rx) = mpsc::channel::<()>(1);
    let connections = ConnectionLimit::new(config.limits.max_connections);
    let rest = Rest::new(exports(&config, addr));
    let shared = Arc::new(Shared { service, config, connections, hooks, rest, stopping, _done: done_tx });
    let app = Router::new()
        .route("/", get(upgrade))
        .route("/v4/{*path}", post(rest::handle).get(rest::handle))
        .route("/export/{file}", get(rest::download))
        .with_state(shared);
    info!(%addr, "huddle-server {} listening", crate::VERSION);
    let graceful = async move {
        shutdown.await;
        info!("stopping");
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
    let _ = after_hooks.await;
    tokio::task::spawn_blocking(move || {
        let synced = engine.sync();
        drop(engine);
        synced
    })
    .await
    .map_err(|e| err!(IoOperationFailed, "the final commit panicked: {}", e))??;
    info!("stopped");
    Ok(())
}

async fn upgrade(ws: WebSocketUpgrade, State(shared): State<Arc<Shared>>, ConnectInfo(peer): ConnectInfo<SocketAddr>) -> impl IntoResponse {
    let limits = &shared.config.limits;
    // Small buffers: most connections are idle most of the time.
    let ws = ws.read_buffer_size(4096).write_buffer_size(16 * 1024).max_message_size(limits.max_frame_bytes).max_frame_size(limits.max_frame_bytes);
    let permit = shared.connections.try_acquire();
    let span = tracing::info_span!("conn", %peer, user = tracing::field::Empty);
    ws.on_upgrade(move |socket| async move {
        match permit {
            Some(permit) => Handler::new(socket, shared, permit, peer.ip()).run(span.clone()).instrument(span).await,
            None => {
                info!(%peer, "connection refused: {} connections held", shared.config.limits.max_connections);
                let desc = format!("the server holds {} connections, its most", shared.config.limits.max_connections);
                Connection::new(socket).close(Some((Code::NetConnRefuse, desc))).await;
            }
        }
    })
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
