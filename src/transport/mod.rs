//! How a client reaches an engine. The client and the C ABI see only the
//! `Transport` trait and `open`, which picks the embedded engine or a
//! huddle-server from the config.
//!
//! The ordering rule every transport keeps, and users rely on: a call's
//! reply reaches the client before the events that call caused, and the
//! events of one client arrive in the order they happened; calls of one
//! client are applied in the order it made them.

mod http;
mod local;
mod net;

use std::path::Path;
use std::sync::Arc;

use crate::config::SdkConfig;
use crate::error::{err, Result};
use crate::event::{EventSink, NetworkStatus};
use crate::media::elems::Source;
use crate::media::{MediaKind, Stored};
use crate::response::Reply;
use crate::service::Request;

pub use local::{shared_engine, SharedEngine};

pub trait Transport: Send + Sync {
    /// Starts a session for `user_id`; its events then go to the sink the
    /// transport was opened with.
    fn login(&self, user_id: &str, user_sig: &str, reply: Reply);
    /// Ends the session; answered after the calls made before it.
    fn logout(&self, reply: Reply);
    fn call(&self, req: Request, reply: Reply);
    /// Ends the session without a reply; no event is delivered after it returns.
    fn close(&self);
    /// Waits until what every call made so far caused (replies, events) has
    /// been handed to the sessions concerned.
    fn sync(&self);
    /// The connection's state now (the embedded engine is always connected).
    fn status(&self) -> NetworkStatus;
    /// The engine's clock in seconds: the server's, as of the last connect.
    fn server_time(&self) -> u64;
    /// Stores a file of a message elem: in the embedded engine's media
    /// store, or uploaded to the server. Blocking (a media send's own
    /// thread calls it); `progress(sent, total)` after each chunk, and
    /// returning false cancels it (8021).
    fn upload(&self, kind: MediaKind, source: &Source, progress: &mut dyn FnMut(u64, u64) -> bool) -> Result<Stored> {
        let _ = (kind, source, progress);
        Err(err!(FileTransUploadFailed, "this transport stores no files"))
    }
    /// Copies the stored file `id` to `to` (whole or not at all); its size. Blocking.
    fn download(&self, id: &str, to: &Path) -> Result<u64> {
        let _ = to;
        Err(err!(FileTransDownloadFailed, "this transport has no file {}", id))
    }
}

/// Opens the transport `config` names: a huddle-server when it has
/// `sdk_config_server_url`, else the process's embedded engine for its data
/// dir. Events of the session go to `events`.
pub fn open(config: &SdkConfig, events: Arc<dyn EventSink>) -> Result<Box<dyn Transport>> {
    match config.server_url() {
        Some(url) => Ok(Box::new(net::NetTransport::open(config, url, events)?)),
        None => Ok(Box::new(local::LocalTransport::open(config, events)?)),
    }
}
