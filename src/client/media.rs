//! Media sends and downloads. A message whose elems name local files (or a
//! merged message's list) is sent once they are stored: on a thread of its
//! own, the files go to the transport (the embedded engine's store, or an
//! upload to the server), the upload progress listener hears how far each
//! has got, and then the message goes as any other, its elems filled with
//! what was stored. Calls the app makes meanwhile do not wait for it.
//! Until the message goes, `cancel_send` stops it (its send fails with 8021).

use std::path::PathBuf;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;

use serde_json::{json, Value};

use super::dispatch::Job;
use super::{Client, Completion, Refused};
use crate::error::{err, Result};
use crate::media::elems::{self, Upload};
use crate::response::{Reply, Response};
use crate::service::{ConvRef, Request};

/// Hears an upload's progress: the message being sent (`message_msg_id`,
/// `message_conv_id`, `message_conv_type`, `message_elem_array` as the app
/// gave it), the elem's index, the bytes stored so far and the file's size.
pub type ProgressListener = Arc<dyn Fn(&str, u32, u32, u32) + Send + Sync>;

impl Client {
    /// Sets the upload progress listener (None removes it).
    pub fn set_upload_progress_listener(&self, listener: Option<ProgressListener>) {
        *self.inner.upload_progress.lock() = listener;
    }

    /// Cancels the send of message `msg_id` while its files are being
    /// stored: its send then fails with 8021, and `done` gets `{}`. `done`
    /// gets 8020 when no such send is under way (never made, already sent,
    /// or failed).
    pub fn cancel_send(&self, msg_id: &str, done: Completion) -> Result<(), Refused> {
        self.usable()?;
        let resp = match self.inner.sending.lock().get(msg_id) {
            Some(cancelled) => {
                cancelled.store(true, Ordering::Release);
                Response::ok(json!({}))
            }
            None => Response::error(&err!(InvalidCancelMessage, "no message {:?} is being sent", msg_id)),
        };
        self.owe(done, |_| {}, |reply| reply(resp))
    }

    /// Runs `work` on a thread of its own, for a call whose callback is `done`.
    fn apart(&self, done: Completion, work: impl FnOnce(&Client, Reply) + Send + 'static) -> Result<(), Refused> {
        self.usable()?;
        let client = self.clone();
        self.owe(done, |_| {}, move |reply| {
            let spawned = std::thread::Builder::new().name("huddle-media".into()).spawn(move || work(&client, reply));
            if let Err(e) = spawned {
                tracing::error!("huddle: cannot start a media thread: {}", e);
            }
        })
    }

    /// Sends a message whose elems name files to store first (`uploads`).
    pub(super) fn send_with_media(&self, conv: ConvRef, msg_id: String, mut param: crate::params::SendParam, done: Completion) -> Result<(), Refused> {
        let uploads = match elems::uploads(&param.elems) {
            Ok(u) => u,
            Err(e) => return self.apart(done, move |_, reply| reply(Response::error(&e))),
        };
        let cancelled = Arc::new(AtomicBool::new(false));
        self.inner.sending.lock().insert(msg_id.clone(), Arc::clone(&cancelled));
        let shown = json!({
            "message_msg_id": msg_id, "message_conv_id": conv.conv_id, "message_conv_type": conv.conv_type,
            "message_elem_array": param.elems,
        })
        .to_string();
        let key = msg_id.clone();
        let sent = self.apart(done, move |client, reply| {
            let stored = client.store_files(&uploads, &mut param.elems, &shown, &cancelled);
            // Under the lock `cancel_send` takes: a cancel either came before this or finds nothing.
            client.inner.sending.lock().remove(&msg_id);
            match stored {
                Err(e) => reply(Response::error(&e)),
                Ok(()) if cancelled.load(Ordering::Acquire) => reply(Response::error(&err!(SendFailedWithCancel, "the message was cancelled before it was sent"))),
                Ok(()) => client.inner.transport.call(Request::MsgSend { conv, msg_id, param }, reply),
            }
        });
        if sent.is_err() {
            self.inner.sending.lock().remove(&key);
        }
        sent
    }

    /// Stores each upload's file and fills its elem; stops at the first error.
    fn store_files(&self, uploads: &[Upload], elems: &mut [Value], shown: &str, cancelled: &AtomicBool) -> Result<()> {
        for up in uploads {
            let mut last_percent = None;
            let mut progress = |sent: u64, total: u64| {
                let percent = sent.saturating_mul(100) / total.max(1);
                if last_percent != Some(percent) {
                    last_percent = Some(percent);
                    self.tell_progress(shown, up.index, sent, total);
                }
                !cancelled.load(Ordering::Acquire) && !self.inner.closed.load(Ordering::Acquire)
            };
            let stored = self.inner.transport.upload(up.kind, &up.source, &mut progress)?;
            elems::fill(&mut elems[up.index], up.kind, &up.source, &stored);
        }
        Ok(())
    }

    fn tell_progress(&self, shown: &str, index: usize, sent: u64, total: u64) {
        let Some(listener) = self.inner.upload_progress.lock().clone() else { return };
        let shown = shown.to_string();
        let clamp = |n: u64| u32::try_from(n).unwrap_or(u32::MAX);
        let (index, sent, total) = (clamp(index as u64), clamp(sent), clamp(total));
        self.inner.dispatcher.push(Job::Run(Box::new(move || listener(&shown, index, sent, total))));
    }

    /// Downloads the stored file of an elem (`id`, or one of its URLs) to
    /// `path`; `done` gets `msg_download_elem_result_current_size` and
    /// `_total_size`, both the file's size.
    pub fn download_elem(&self, id: String, path: PathBuf, done: Completion) -> Result<(), Refused> {
        self.apart(done, move |client, reply| {
            reply(match client.inner.transport.download(&id, &path) {
                Ok(size) => Response::ok(json!({ "msg_download_elem_result_current_size": size, "msg_download_elem_result_total_size": size })),
                Err(e) => Response::error(&e),
            })
        })
    }

    /// Downloads the messages of the merged message `relay_key` names; `done` gets their array.
    pub fn download_merger(&self, relay_key: String, done: Completion) -> Result<(), Refused> {
        self.apart(done, move |client, reply| {
            static NEXT: std::sync::atomic::AtomicU64 = std::sync::atomic::AtomicU64::new(0);
            let tmp = std::env::temp_dir().join(format!("huddle-merger-{}-{}", std::process::id(), NEXT.fetch_add(1, Ordering::Relaxed)));
            let got = client.inner.transport.download(&relay_key, &tmp).and_then(|_| {
                let bytes = std::fs::read(&tmp).map_err(|e| err!(FileTransDownloadFailed, "cannot read the merged messages: {}", e))?;
                serde_json::from_slice::<Value>(&bytes).map_err(|e| err!(FileTransDownloadFailed, "the merged messages are not a JSON array: {}", e))
            });
            let _ = std::fs::remove_file(&tmp);
            reply(match got {
                Ok(list) => Response::ok(list),
                Err(e) => Response::error(&e),
            })
        })
    }
}
