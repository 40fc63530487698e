//! Sessions: who may log in, with which proof, and what a new login does to
//! the user's other sessions. Every transport logs in through here, so the
//! embedded engine and huddle-server enforce the same rules.

use std::sync::Arc;

use crate::config::LoginPolicy;
use crate::engine::{validate_user_id, Attach, Caller, Device, Engine, Replace, Via};
use crate::model::Origin;
use crate::error::{err, Result};
use crate::event::EventSink;
use crate::response::{Reply, Response};
use crate::usersig;

use super::{serve, Request};

/// How logins prove who they are.
#[derive(Clone, Debug, Default)]
pub struct Auth {
    pub sdk_app_id: u64,
    /// When set, every login's user_sig must be a TLSSigAPIv2 sig made with
    /// it; when not, user_sigs are not checked (a development setup).
    pub secret_key: Option<String>,
}

/// One login attempt.
#[derive(Clone, Copy, Debug)]
pub struct Login<'a> {
    pub user_id: &'a str,
    pub user_sig: &'a str,
    /// Tencent's TIMPlatform of the device.
    pub platform: i32,
    /// A client coming back after a lost connection: the seq of the last
    /// event it saw; it is told what it missed first.
    pub resume_after: Option<u64>,
    /// A network client's address, which the app's server's callbacks name.
    pub ip: Option<std::net::IpAddr>,
    /// The client's own name (see `protocol::ClientFrame::Login`).
    pub instance: Option<&'a str>,
}

/// An engine with the rules of logging in to it.
pub struct Service {
    engine: Arc<Engine>,
    auth: Auth,
    policy: LoginPolicy,
}

impl Service {
    pub fn new(engine: Arc<Engine>, auth: Auth, policy: LoginPolicy) -> Service {
        Service { engine, auth, policy }
    }

    pub fn engine(&self) -> &Arc<Engine> {
        &self.engine
    }

    /// Checks a login (the user ID, then the sig: 70001 expired, 70003
    /// forged, malformed or another app's) and starts its session, whose
    /// events go to `sink`. Under the login policy, the sessions it replaces
    /// are told they were kicked offline.
    pub fn login(&self, login: Login, sink: Arc<dyn EventSink>) -> Result<Session> {
        validate_user_id(login.user_id)?;
        let expires_at = match &self.auth.secret_key {
            Some(secret) => Some(usersig::verify(secret, self.auth.sdk_app_id, login.user_id, login.user_sig, self.engine.now())?),
            None => None,
        };
        let replace = match self.policy {
            LoginPolicy::Single => Replace::All,
            LoginPolicy::PerPlatform => Replace::Platform,
            LoginPolicy::Multi => Replace::Nothing,
        };
        let instance = login.instance.map(|name| {
            use std::hash::{Hash, Hasher};
            let mut h = std::collections::hash_map::DefaultHasher::new();
            name.hash(&mut h);
            h.finish()
        });
        let attach = Attach { platform: login.platform, replace, expires_at, resume_after: login.resume_after, instance };
        let (id, seq) = self.engine.attach(login.user_id, sink, attach);
        let device = Device { session: id, instance };
        let via = login.ip.map(|ip| Via { origin: Origin::client(login.platform, ip), operator: login.user_id.to_string(), quiet: false });
        // TIMPlatform is 0 to 5 (checked where the config is read).
        let platform = u32::try_from(login.platform).unwrap_or(0);
        Ok(Session { engine: Arc::clone(&self.engine), user: login.user_id.to_string(), device, seq, expires_at, via, platform })
    }
}

/// A logged-in session; dropping it ends the session.
pub struct Session {
    engine: Arc<Engine>,
    user: String,
    device: Device,
    seq: u64,
    expires_at: Option<u64>,
    via: Option<Via>,
    /// The device's TIMPlatform, which its messages carry (`message_platform`).
    platform: u32,
}

impl Session {
    pub fn user(&self) -> &str {
        &self.user
    }

    /// The session and its client instance, as calls name their caller.
    pub fn device(&self) -> Device {
        self.device
    }

    /// The seq of the latest event when the session started: the client's
    /// count of seen events starts there.
    pub fn seq(&self) -> u64 {
        self.seq
    }

    /// When the session's user_sig expires (none when sigs are not checked).
    pub fn expires_at(&self) -> Option<u64> {
        self.expires_at
    }

    /// Whether the session still runs: false once replaced by a newer login
    /// or ended by its sig's expiry.
    pub fn is_live(&self) -> bool {
        self.engine.is_attached(self.device.session)
    }

    /// Serves a request of this session's user (6014 once the session
    /// ended). A call with an idempotency key that was served before gets
    /// the answer it got then, and changes nothing.
    pub fn call(&self, req: Request, key: Option<&str>, reply: Reply) {
        if !self.is_live() {
            return reply(Response::error(&err!(NotLoggedIn, "the session of {} has ended; log in again", self.user)));
        }
        serve(&self.engine, Caller { user: &self.user, device: Some(self.device), key, as_admin: false, via: self.via.as_ref(), platform: self.platform }, req, reply);
    }

    /// Ends the session; `reply` is answered after the calls made before.
    pub fn logout(&self, reply: Reply) {
        self.engine.detach(self.device.session);
        let caller = Caller::from(self.user.as_str());
        self.engine.query(caller, |_, _| Ok(()), |_| Response::ok(serde_json::json!({})), reply);
    }
}

impl Drop for Session {
    fn drop(&mut self) {
        self.engine.detach(self.device.session);
    }
}
