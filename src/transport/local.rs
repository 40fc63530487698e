//! The in-process transport: calls run on the caller's thread against the
//! process's embedded engine, and their replies are queued before the call
//! returns (or, on a durable engine, once their commit is done).

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Weak};

use once_cell::sync::Lazy;
use parking_lot::Mutex;

use crate::config::{LoginPolicy, SdkConfig};
use crate::engine::{Engine, EngineConfig, Limits};
use crate::error::{err, Result};
use crate::event::{EventSink, NetworkStatus};
use crate::media::elems::Source;
use crate::media::{MediaKind, Stored};
use crate::response::{Reply, Response};
use crate::service::{Auth, Login, Request, Service, Session};

use super::Transport;

/// Engines of this process by data dir (`None`: the shared in-memory one), so
/// that every client naming the same dir sees the same groups.
static ENGINES: Lazy<Mutex<HashMap<Option<PathBuf>, Weak<SharedEngine>>>> = Lazy::new(Default::default);

/// A data dir's engine as its in-process clients hold it. The entry lives as
/// long as its clients do, not as long as the engine: the engine's timer
/// thread holds it for a moment now and then, and a client that comes after
/// the last one went must get a fresh engine, not one that lingered (with the
/// previous clients' groups, when nothing is on disk).
pub struct SharedEngine(Arc<Engine>);

impl std::ops::Deref for SharedEngine {
    type Target = Arc<Engine>;

    fn deref(&self) -> &Arc<Engine> {
        &self.0
    }
}

/// The engine for `data_dir`, opened on first use (with `limits`) and shared
/// until its last client goes.
pub fn shared_engine(data_dir: Option<PathBuf>, admins: &[String], limits: Limits) -> Result<Arc<SharedEngine>> {
    let key = match data_dir {
        Some(dir) => {
            std::fs::create_dir_all(&dir).map_err(|e| err!(IoOperationFailed, "cannot create data dir {}: {}", dir.display(), e))?;
            Some(dir.canonicalize().map_err(|e| err!(IoOperationFailed, "cannot resolve data dir {}: {}", dir.display(), e))?)
        }
        None => None,
    };
    let mut engines = ENGINES.lock();
    engines.retain(|_, e| e.strong_count() > 0);
    let shared = match engines.get(&key).and_then(Weak::upgrade) {
        Some(shared) => shared,
        None => {
            let engine = Engine::open(EngineConfig { data_dir: key.clone(), limits, ..EngineConfig::default() })?;
            let shared = Arc::new(SharedEngine(engine));
            engines.insert(key, Arc::downgrade(&shared));
            shared
        }
    };
    shared.add_admins(admins.iter().cloned());
    Ok(shared)
}

pub struct LocalTransport {
    service: Service,
    events: Arc<dyn EventSink>,
    platform: i32,
    /// Shared with calls in progress, which run without this lock held.
    session: Mutex<Option<Arc<Session>>>,
    /// Keeps the data dir's entry: declared last, so it goes last.
    _engine: Arc<SharedEngine>,
}

impl LocalTransport {
    pub fn open(config: &SdkConfig, events: Arc<dyn EventSink>) -> Result<LocalTransport> {
        let engine = shared_engine(config.sdk_config_data_dir.as_ref().map(PathBuf::from), &config.sdk_config_admin_user_ids, config.limits())?;
        let auth = Auth { sdk_app_id: config.sdk_config_sdk_app_id, secret_key: config.sdk_config_secret_key.clone() };
        let policy = config.sdk_config_login_policy.unwrap_or(LoginPolicy::Multi);
        let service = Service::new(Arc::clone(&engine.0), auth, policy);
        Ok(LocalTransport { service, events, platform: config.platform(), session: Mutex::new(None), _engine: engine })
    }
}

impl Transport for LocalTransport {
    fn login(&self, user_id: &str, user_sig: &str, reply: Reply) {
        let mut session = self.session.lock();
        // A session another login replaced, or whose sig expired, is over.
        if session.as_ref().is_some_and(|s| !s.is_live()) {
            *session = None;
        }
        let result = match session.as_ref() {
            Some(s) if s.user() != user_id => Err(err!(InvalidParameters, "already logged in as {}; log out first", s.user())),
            Some(_) => Ok(()),
            None => {
                let login = Login { user_id, user_sig, platform: self.platform, resume_after: None, ip: None, instance: None };
                self.service.login(login, Arc::clone(&self.events)).map(|s| *session = Some(Arc::new(s)))
            }
        };
        drop(session);
        reply(match result {
            Ok(()) => Response::ok(serde_json::json!({})),
            Err(e) => Response::error(&e),
        });
    }

    fn logout(&self, reply: Reply) {
        // Out of the lock first: the reply may wake a host that calls back in.
        let session = self.session.lock().take();
        match session {
            Some(session) => session.logout(reply),
            None => reply(Response::ok(serde_json::json!({}))),
        }
    }

    fn call(&self, req: Request, reply: Reply) {
        let Some(session) = self.session.lock().clone() else {
            return reply(Response::error(&err!(NotLoggedIn, "log in before calling the engine")));
        };
        session.call(req, None, reply);
    }

    fn close(&self) {
        self.session.lock().take();
        // Replies owed to this client are released once their commit is done.
        self.sync();
    }

    fn sync(&self) {
        // A failed store answers every waiting call with its error itself.
        let _ = self.service.engine().sync();
    }

    fn status(&self) -> NetworkStatus {
        NetworkStatus::Connected
    }

    fn server_time(&self) -> u64 {
        self.service.engine().now()
    }

    fn upload(&self, kind: MediaKind, source: &Source, progress: &mut dyn FnMut(u64, u64) -> bool) -> Result<Stored> {
        let store = self.service.engine().media();
        let stored = match source {
            Source::Path(path) => store.import(path, kind, progress)?,
            Source::Bytes(bytes) => {
                let mut incoming = store.incoming(kind)?;
                incoming.write(bytes)?;
                incoming.finish()?
            }
        };
        // The embedded engine's files are on this machine: their URLs are file URLs.
        Ok(stored.with_urls(|id| store.path(id).map(|p| format!("file://{}", p.display())).unwrap_or_default()))
    }

    fn download(&self, id: &str, to: &Path) -> Result<u64> {
        let from = self.service.engine().media().path(id).ok_or_else(|| err!(FileTransDownloadFailed, "no file {:?} is stored", id))?;
        crate::media::store::copy_whole(&from, to)
    }
}
