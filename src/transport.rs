//! How a client reaches an engine. The client and the C ABI see only the
//! `Transport` trait: in-process now, a WebSocket to `huddle-server` next.

use std::collections::HashMap;
use std::path::PathBuf;
use std::sync::{Arc, Weak};

use once_cell::sync::Lazy;
use parking_lot::Mutex;

use crate::engine::{Engine, EngineConfig, Limits, SubscriptionId};
use crate::error::{err, Result};
use crate::event::EventSink;
use crate::response::{Reply, Response};
use crate::service::{self, Request};
use crate::usersig;
use crate::wake;

pub trait Transport: Send + Sync {
    /// Starts a session for `user_id`; events for the user then go to `events`.
    fn login(&self, user_id: &str, user_sig: &str, events: Arc<dyn EventSink>, reply: Reply);
    fn logout(&self, reply: Reply);
    fn call(&self, req: Request, reply: Reply);
    /// Ends the session without a reply; no event is delivered after it returns.
    fn close(&self);

    /// Waits until what every call made so far caused (replies, events) has
    /// been handed to the sessions concerned.
    fn sync(&self);
}

/// Engines of this process by data dir (`None`: the shared in-memory one), so
/// that every client naming the same dir sees the same groups.
static ENGINES: Lazy<Mutex<HashMap<Option<PathBuf>, Weak<Engine>>>> = Lazy::new(Default::default);

/// The engine for `data_dir`, opened on first use (with `limits`) and shared
/// until its last client goes.
pub fn shared_engine(data_dir: Option<PathBuf>, admins: &[String], limits: Limits) -> Result<Arc<Engine>> {
    let key = match data_dir {
        Some(dir) => {
            std::fs::create_dir_all(&dir).map_err(|e| err!(IoOperationFailed, "cannot create data dir {}: {}", dir.display(), e))?;
            Some(dir.canonicalize().map_err(|e| err!(IoOperationFailed, "cannot resolve data dir {}: {}", dir.display(), e))?)
        }
        None => None,
    };
    let mut engines = ENGINES.lock();
    engines.retain(|_, e| e.strong_count() > 0);
    let engine = match engines.get(&key).and_then(Weak::upgrade) {
        Some(engine) => engine,
        None => {
            let engine = Engine::open(EngineConfig { data_dir: key.clone(), limits, ..EngineConfig::default() })?;
            engines.insert(key, Arc::downgrade(&engine));
            engine
        }
    };
    engine.add_admins(admins.iter().cloned());
    Ok(engine)
}

/// Login checks of an embedded engine.
#[derive(Clone, Debug, Default)]
pub struct LocalAuth {
    pub sdk_app_id: u64,
    /// When set, Login verifies the user_sig against it.
    pub secret_key: Option<String>,
}

/// The in-process transport: calls run on the caller's thread, and their
/// replies are queued before the call returns.
pub struct LocalTransport {
    engine: Arc<Engine>,
    auth: LocalAuth,
    session: Mutex<Option<(String, SubscriptionId)>>,
}

impl LocalTransport {
    pub fn new(engine: Arc<Engine>, auth: LocalAuth) -> LocalTransport {
        LocalTransport { engine, auth, session: Mutex::new(None) }
    }

    pub fn engine(&self) -> &Arc<Engine> {
        &self.engine
    }

    fn end_session(&self) {
        if let Some((_, sub)) = self.session.lock().take() {
            self.engine.unsubscribe(sub);
        }
    }
}

impl Transport for LocalTransport {
    fn login(&self, user_id: &str, user_sig: &str, events: Arc<dyn EventSink>, reply: Reply) {
        let checked = crate::engine::validate_user_id(user_id).and_then(|_| match &self.auth.secret_key {
            Some(secret) => usersig::verify(secret, self.auth.sdk_app_id, user_id, user_sig, self.engine.now()),
            None => Ok(()),
        });
        let mut session = self.session.lock();
        let result = checked.and_then(|_| match session.as_ref() {
            Some((current, _)) if current != user_id => {
                Err(err!(InvalidParameters, "already logged in as {}; log out first", current))
            }
            Some(_) => Ok(()),
            None => {
                *session = Some((user_id.to_string(), self.engine.subscribe(user_id, events)));
                Ok(())
            }
        });
        drop(session);
        reply(match result {
            Ok(()) => Response::ok(serde_json::json!({})),
            Err(e) => Response::error(&e),
        });
    }

    fn logout(&self, reply: Reply) {
        let user = match self.session.lock().as_ref() {
            Some((user, _)) => user.clone(),
            None => return reply(Response::ok(serde_json::json!({}))),
        };
        self.end_session();
        // After the replies of the calls before it, which may await a commit.
        self.engine.query(&user, |_, _| Ok(()), |_| Response::ok(serde_json::json!({})), reply);
    }

    fn call(&self, req: Request, reply: Reply) {
        let user = match self.session.lock().as_ref() {
            Some((user, _)) => user.clone(),
            None => return reply(Response::error(&err!(NotLoggedIn, "log in before calling the engine"))),
        };
        // Wakes of poll-mode clients wait until the engine's lock is released,
        // so a wake callback may call straight back into the library. On a
        // durable engine the engine holds the reply until the commit.
        wake::deferred(|| service::serve(&self.engine, &user, req, reply));
    }

    fn close(&self) {
        self.end_session();
        // Replies owed to this client are released once their commit is done.
        self.sync();
    }

    fn sync(&self) {
        // A failed store answers every waiting call with its error itself.
        let _ = self.engine.sync();
    }
}
