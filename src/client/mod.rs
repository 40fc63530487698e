//! A client: one user's session with an engine, its listeners and its
//! ordered callbacks. Pure Rust; the C ABI wraps it without adding rules.

mod dispatch;
mod listeners;
mod unread;
mod media;

use std::collections::HashMap;
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::sync::Arc;

use parking_lot::Mutex;

pub use dispatch::Mode;
use dispatch::{Dispatcher, Job, WakeFn};
pub use listeners::{GroupAttributesListener, GroupCounterListener, JsonListener, KindListener, MsgIdListener, NetworkListener, NoticeListener, PinListener, TopicListener};
pub use media::ProgressListener;
pub use unread::{FilterUnreadListener, TotalUnreadListener};

pub use crate::config::SdkConfig;
use crate::error::{err, Code, Error, Result};
use crate::event::{EventSink, NetworkStatus};
use crate::response::{Reply, Response};
use crate::service::Request;
use crate::transport::{self, Transport};

/// Receives the response of one call.
pub type Completion = Box<dyn FnOnce(Response) + Send>;

/// `HuddleGetLoginStatus` values.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum LoginStatus {
    LoggedIn = 1,
    LoggingIn = 2,
    LoggedOut = 3,
    LoggingOut = 4,
}

/// Why a call was refused before it started (the synchronous `HuddleResult`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Refused {
    Uninitialized,
    NotLoggedIn,
}

struct Session {
    status: LoginStatus,
    user_id: String,
}

struct Inner {
    transport: Box<dyn Transport>,
    dispatcher: Arc<Dispatcher>,
    /// Calls whose callback is still owed; `None` once the client is closed.
    pending: Mutex<Option<HashMap<u64, Completion>>>,
    /// Set when `shutdown` starts: no new call is accepted.
    closed: AtomicBool,
    next_call: AtomicU64,
    session: Mutex<Session>,
    /// The unread counts the app's listeners watch.
    unread: Mutex<unread::Watch>,
    /// Media sends storing their files, by message ID, with their cancel flag.
    sending: Mutex<HashMap<String, Arc<AtomicBool>>>,
    upload_progress: Mutex<Option<ProgressListener>>,
}

/// A Huddle client. Cheap to clone; `shutdown` ends it for every clone.
#[derive(Clone)]
pub struct Client {
    inner: Arc<Inner>,
    /// `inner.dispatcher`, which a poll reaches without touching the rest.
    dispatcher: Arc<Dispatcher>,
}

impl Client {
    /// Creates a client from its config (see `SdkConfig`): on the embedded
    /// engine, or on the huddle-server it names.
    pub fn new(config: SdkConfig) -> Result<Client> {
        let mode = match config.callback_mode.as_deref() {
            None | Some("thread") => Mode::Thread,
            Some("poll") => Mode::Poll,
            Some(other) => return Err(err!(InvalidParameters, "callback_mode {:?} is neither \"thread\" nor \"poll\"", other)),
        };
        let max_events = config.sdk_config_max_pending_events.unwrap_or(dispatch::DEFAULT_MAX_PENDING_EVENTS).max(1);
        Client::build(mode, max_events, |events| transport::open(&config, events))
    }

    /// A client on the transport `open` makes, given where events go.
    pub fn with_transport(mode: Mode, open: impl FnOnce(Arc<dyn EventSink>) -> Result<Box<dyn Transport>>) -> Result<Client> {
        Client::build(mode, dispatch::DEFAULT_MAX_PENDING_EVENTS, open)
    }

    fn build(mode: Mode, max_events: usize, open: impl FnOnce(Arc<dyn EventSink>) -> Result<Box<dyn Transport>>) -> Result<Client> {
        let dispatcher = Dispatcher::new(mode, max_events);
        let transport = match open(Arc::clone(&dispatcher) as Arc<dyn EventSink>) {
            Ok(t) => t,
            Err(e) => {
                // Its thread, if it has one, must not outlive a client never made.
                dispatcher.shutdown();
                return Err(e);
            }
        };
        let inner = Arc::new(Inner {
            transport,
            dispatcher: Arc::clone(&dispatcher),
            pending: Mutex::new(Some(HashMap::new())),
            closed: AtomicBool::new(false),
            next_call: AtomicU64::new(1),
            session: Mutex::new(Session { status: LoginStatus::LoggedOut, user_id: String::new() }),
            unread: Mutex::default(),
            sending: Mutex::default(),
            upload_progress: Mutex::default(),
        });
        // Kicked offline or sig expired: the session is over when the news
        // arrives, before its callback runs.
        let weak = Arc::downgrade(&inner);
        dispatcher.on_session_end(Box::new(move || {
            if let Some(inner) = weak.upgrade() {
                *inner.session.lock() = Session { status: LoginStatus::LoggedOut, user_id: String::new() };
            }
        }));
        Ok(Client { inner, dispatcher })
    }

    pub fn mode(&self) -> Mode {
        self.inner.dispatcher.mode()
    }

    /// Registers `done` as owed and hands the reply that settles it to
    /// `send`. The reply queues `done` on the dispatcher, after `then` has
    /// run. Should `send` panic (a bug below), `done` is no longer owed:
    /// the caller returns an error, so no callback may run.
    fn owe(&self, done: Completion, then: impl FnOnce(&Response) + Send + 'static, send: impl FnOnce(Reply)) -> Result<(), Refused> {
        let id = self.inner.next_call.fetch_add(1, Ordering::Relaxed);
        match self.inner.pending.lock().as_mut() {
            Some(pending) => pending.insert(id, done),
            None => return Err(Refused::Uninitialized),
        };
        let weak = Arc::downgrade(&self.inner);
        let reply: Reply = Box::new(move |resp: Response| {
            let Some(inner) = weak.upgrade() else { return };
            then(&resp);
            // Queued while `pending` is held: a shutdown that takes what is
            // owed then either finds `done` there or finds it queued, never
            // neither (and its callback lost).
            let mut pending = inner.pending.lock();
            let Some(done) = pending.as_mut().and_then(|p| p.remove(&id)) else { return };
            let wake = inner.dispatcher.enqueue(Job::Run(Box::new(move || done(resp))));
            drop(pending);
            if wake {
                inner.dispatcher.wake_host();
            }
        });
        let sent = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| send(reply)));
        if let Err(panic) = sent {
            if let Some(pending) = self.inner.pending.lock().as_mut() {
                pending.remove(&id);
            }
            std::panic::resume_unwind(panic);
        }
        Ok(())
    }

    /// Logs in; `done` runs with the result.
    pub fn login(&self, user_id: &str, user_sig: &str, done: Completion) -> Result<(), Refused> {
        let weak = Arc::downgrade(&self.inner);
        let user = user_id.to_string();
        self.inner.session.lock().status = LoginStatus::LoggingIn;
        let settle = move |resp: &Response| {
            let Some(inner) = weak.upgrade() else { return };
            let mut s = inner.session.lock();
            if resp.code == 0 {
                *s = Session { status: LoginStatus::LoggedIn, user_id: user };
            } else if s.user_id.is_empty() {
                s.status = LoginStatus::LoggedOut;
            } else {
                s.status = LoginStatus::LoggedIn;
            }
        };
        self.owe(done, settle, |reply| self.inner.transport.login(user_id, user_sig, reply))
    }

    pub fn logout(&self, done: Completion) -> Result<(), Refused> {
        let weak = Arc::downgrade(&self.inner);
        self.inner.session.lock().status = LoginStatus::LoggingOut;
        let settle = move |_: &Response| {
            if let Some(inner) = weak.upgrade() {
                *inner.session.lock() = Session { status: LoginStatus::LoggedOut, user_id: String::new() };
            }
        };
        self.owe(done, settle, |reply| self.inner.transport.logout(reply))
    }

    pub fn login_status(&self) -> LoginStatus {
        self.inner.session.lock().status
    }

    /// The logged-in user, or `None`.
    pub fn login_user(&self) -> Option<String> {
        let s = self.inner.session.lock();
        (s.status == LoginStatus::LoggedIn).then(|| s.user_id.clone())
    }

    /// Sends a request; `done` runs exactly once unless this returns an
    /// error. A message with files to store goes once they are (`media`).
    pub fn call(&self, req: Request, done: Completion) -> Result<(), Refused> {
        self.usable()?;
        match req {
            Request::MsgSend { conv, msg_id, param } if crate::media::elems::names_files(&param.elems) => self.send_with_media(conv, msg_id, param, done),
            req => self.owe(done, |_| {}, |reply| self.inner.transport.call(req, reply)),
        }
    }

    /// Whether calls are accepted now: open and logged in.
    fn usable(&self) -> Result<(), Refused> {
        if self.inner.closed.load(Ordering::Acquire) {
            return Err(Refused::Uninitialized);
        }
        if self.login_status() != LoginStatus::LoggedIn {
            return Err(Refused::NotLoggedIn);
        }
        Ok(())
    }

    fn update_listeners(&self, change: impl FnOnce(&mut listeners::Listeners)) {
        self.inner.dispatcher.update_listeners(change);
    }

    pub fn set_tip_listener(&self, listener: Option<JsonListener>) {
        self.update_listeners(|l| l.tips = listener);
    }

    /// Adds a new-message listener under `key`, replacing one added under the same key.
    pub fn add_message_listener(&self, key: usize, listener: JsonListener) {
        self.update_listeners(|l| match l.messages.iter_mut().find(|(k, _)| *k == key) {
            Some(entry) => entry.1 = listener,
            None => l.messages.push((key, listener)),
        });
    }

    /// Removes the new-message listener added under `key`; `None` removes all.
    pub fn remove_message_listener(&self, key: Option<usize>) {
        self.update_listeners(|l| l.messages.retain(|(k, _)| key.is_some_and(|key| *k != key)));
    }

    pub fn set_revoke_listener(&self, listener: Option<JsonListener>) {
        self.update_listeners(|l| l.revoke = listener);
    }

    pub fn set_update_listener(&self, listener: Option<JsonListener>) {
        self.update_listeners(|l| l.update = listener);
    }

    /// Read receipts of the user's messages, and C2C peers' read marks.
    pub fn set_read_receipt_listener(&self, listener: Option<JsonListener>) {
        self.update_listeners(|l| l.read_receipt = listener);
    }

    pub fn set_extensions_changed_listener(&self, listener: Option<MsgIdListener>) {
        self.update_listeners(|l| l.extensions_changed = listener);
    }

    pub fn set_extensions_deleted_listener(&self, listener: Option<MsgIdListener>) {
        self.update_listeners(|l| l.extensions_deleted = listener);
    }

    pub fn set_reactions_listener(&self, listener: Option<JsonListener>) {
        self.update_listeners(|l| l.reactions = listener);
    }

    pub fn set_pinned_listener(&self, listener: Option<PinListener>) {
        self.update_listeners(|l| l.pinned = listener);
    }

    pub fn set_conv_listener(&self, listener: Option<KindListener>) {
        self.update_listeners(|l| l.conv = listener);
    }

    pub fn set_conv_group_listener(&self, listener: Option<KindListener>) {
        self.update_listeners(|l| l.conv_group = listener);
    }

    /// Sets the listener of one kind of conversation-group event (None
    /// removes it); it hears that kind beside the listener of all kinds.
    pub fn set_conv_group_kind_listener(&self, kind: crate::types::ConvGroupEvent, listener: Option<KindListener>) {
        self.update_listeners(|l| {
            l.conv_group_by_kind.retain(|(k, _)| *k != kind);
            l.conv_group_by_kind.extend(listener.map(|listener| (kind, listener)));
        });
    }

    /// Sets the listener of one kind of topic news (`kind` TopicCreated,
    /// TopicDeleted or TopicInfoChange; None removes it).
    pub fn set_topic_listener(&self, kind: crate::types::TipType, listener: Option<TopicListener>) {
        self.update_listeners(|l| {
            l.topics.retain(|(k, _)| *k != kind);
            l.topics.extend(listener.map(|listener| (kind, listener)));
        });
    }

    /// Sets the network status listener; it is told the status now, then
    /// every change (the embedded engine is always connected).
    pub fn set_network_listener(&self, listener: Option<NetworkListener>) {
        self.update_listeners(|l| l.network = listener.clone());
        if let Some(listener) = listener {
            let status = self.inner.transport.status();
            let desc = match status {
                NetworkStatus::Connected => "connected",
                NetworkStatus::Disconnected => "disconnected",
                NetworkStatus::Connecting => "connecting",
                NetworkStatus::ConnectFailed => "connect failed",
            };
            self.inner.dispatcher.push(Job::Run(Box::new(move || listener(status as i32, 0, desc))));
        }
    }

    /// Sets the listener of group attribute changes (None removes it).
    pub fn set_group_attributes_listener(&self, listener: Option<GroupAttributesListener>) {
        self.update_listeners(|l| l.group_attributes = listener);
    }

    /// Sets the listener of group counter changes (None removes it).
    pub fn set_group_counter_listener(&self, listener: Option<GroupCounterListener>) {
        self.update_listeners(|l| l.group_counter = listener);
    }

    pub fn set_kicked_listener(&self, listener: Option<NoticeListener>) {
        self.update_listeners(|l| l.kicked = listener);
    }

    pub fn set_sig_expired_listener(&self, listener: Option<NoticeListener>) {
        self.update_listeners(|l| l.sig_expired = listener);
    }

    /// Sets the listener of the user's global receive option (None removes
    /// it): it hears the option after each change, from any of the user's devices.
    pub fn set_all_recv_opt_listener(&self, listener: Option<JsonListener>) {
        self.update_listeners(|l| l.all_recv_opt = listener);
    }

    /// The server's clock in seconds (the local clock on the embedded engine).
    pub fn server_time(&self) -> u64 {
        self.inner.transport.server_time()
    }

    pub fn set_wake(&self, wake: Option<WakeFn>) {
        self.inner.dispatcher.set_wake(wake);
    }

    /// Poll mode: runs up to `max` callbacks on this thread.
    pub fn poll(&self, max: u32) -> u32 {
        self.dispatcher.poll(max)
    }

    /// Waits until what every call made so far caused (its reply, the events
    /// it sends to any client) is queued; for tests and orderly hand-overs.
    pub fn sync(&self) {
        self.inner.transport.sync();
    }

    /// Callbacks queued and not yet run.
    pub fn queued(&self) -> usize {
        self.inner.dispatcher.pending()
    }

    /// Ends the client: no more events, every owed callback runs (6013 where
    /// no result came), and nothing of this client runs after it returns.
    pub fn shutdown(&self) {
        if self.inner.closed.swap(true, Ordering::AcqRel) {
            return;
        }
        // Closing waits for replies already on their way (a durable engine's
        // commit); what is still owed after it gets 6013.
        self.inner.transport.close();
        let Some(owed) = self.inner.pending.lock().take() else { return };
        let mut owed: Vec<_> = owed.into_iter().collect();
        owed.sort_by_key(|(id, _)| *id);
        let e = Error::new(Code::SdkNotInitialized, "the client was uninitialized before the call completed");
        for (_, done) in owed {
            let resp = Response::error(&e);
            self.inner.dispatcher.push(Job::Run(Box::new(move || done(resp))));
        }
        self.inner.dispatcher.shutdown();
        self.update_listeners(|l| *l = Default::default());
    }
}
