//! Media files over HTTP to huddle-server (docs/protocol.md): uploads
//! streamed from the file, downloads streamed to one, neither ever whole in
//! memory. The work runs on the network runtime; the blocking functions
//! here wait for it on the media send's own thread, and pass the upload's
//! progress back to it as it goes.

use std::path::Path;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{mpsc, Arc};

use bytes::Bytes;
use futures_util::StreamExt;
use once_cell::sync::Lazy;
use tokio::io::{AsyncReadExt, AsyncWriteExt};

use crate::error::{err, Code, Error, Result};
use crate::media::elems::Source;
use crate::media::store::{open_to_send, partial_path, CHUNK};
use crate::media::{MediaKind, Stored};

static CLIENT: Lazy<reqwest::Client> = Lazy::new(reqwest::Client::new);

/// The HTTP base of a huddle-server's `ws://` or `wss://` URL.
pub fn base_url(ws_url: &str) -> String {
    let rest = ws_url.strip_prefix("wss://").map(|r| format!("https://{}", r)).or_else(|| ws_url.strip_prefix("ws://").map(|r| format!("http://{}", r)));
    rest.unwrap_or_else(|| ws_url.to_string()).trim_end_matches('/').to_string()
}

enum Note {
    Sent(u64),
    Done(Box<Result<Stored>>),
}

/// Uploads `source` as `kind` to the server at `base` with `token`.
pub fn upload(runtime: &tokio::runtime::Runtime, base: &str, token: &str, kind: MediaKind, source: &Source, progress: &mut dyn FnMut(u64, u64) -> bool) -> Result<Stored> {
    let (body, total) = match source {
        Source::Path(path) => {
            let (file, total) = open_to_send(path, kind)?;
            (Body::File(tokio::fs::File::from_std(file)), total)
        }
        Source::Bytes(bytes) => (Body::Bytes(Bytes::from(bytes.clone())), bytes.len() as u64),
    };
    let url = format!("{}/v1/media?kind={}", base, serde_json::to_value(kind).expect("kinds encode").as_str().unwrap_or_default());
    let (tx, rx) = mpsc::channel();
    let cancelled = Arc::new(AtomicBool::new(false));
    let token = token.to_string();
    {
        let (tx, cancelled) = (tx.clone(), Arc::clone(&cancelled));
        runtime.spawn(async move {
            let body = match body {
                Body::Bytes(b) => reqwest::Body::from(b),
                Body::File(file) => reqwest::Body::wrap_stream(chunks(file, tx.clone(), cancelled)),
            };
            let sent = CLIENT.post(url).bearer_auth(token).header(reqwest::header::CONTENT_LENGTH, total).body(body).send().await;
            let _ = tx.send(Note::Done(Box::new(answer(sent).await)));
        });
    }
    drop(tx);
    for note in rx {
        match note {
            Note::Sent(n) => {
                if !progress(n, total) {
                    cancelled.store(true, Ordering::Release);
                }
            }
            // Cancelled: the message is not sent, whatever came of its upload.
            Note::Done(_) if cancelled.load(Ordering::Acquire) => return Err(err!(SendFailedWithCancel, "the message was cancelled during its upload")),
            Note::Done(result) => return *result,
        }
    }
    Err(err!(InternalError, "the upload ended without an answer"))
}

enum Body {
    File(tokio::fs::File),
    Bytes(Bytes),
}

/// The file's bytes a chunk at a time, each told to `tx` once read; an
/// error once `cancelled`, which ends the request.
fn chunks(file: tokio::fs::File, tx: mpsc::Sender<Note>, cancelled: Arc<AtomicBool>) -> impl futures_util::Stream<Item = std::io::Result<Bytes>> {
    futures_util::stream::unfold((file, 0u64), move |(mut file, sent)| {
        let (tx, cancelled) = (tx.clone(), Arc::clone(&cancelled));
        async move {
            if cancelled.load(Ordering::Acquire) {
                return Some((Err(std::io::Error::other("cancelled")), (file, sent)));
            }
            let mut buf = vec![0u8; CHUNK];
            match file.read(&mut buf).await {
                Ok(0) => None,
                Ok(n) => {
                    buf.truncate(n);
                    let sent = sent + n as u64;
                    let _ = tx.send(Note::Sent(sent));
                    Some((Ok(Bytes::from(buf)), (file, sent)))
                }
                Err(e) => Some((Err(e), (file, sent))),
            }
        }
    })
}

/// The server's answer to an upload: the stored file, or its refusal.
async fn answer(sent: reqwest::Result<reqwest::Response>) -> Result<Stored> {
    let resp = sent.map_err(|e| err!(FileTransUploadFailed, "the upload failed: {}", e))?;
    let ok = resp.status().is_success();
    let text = resp.text().await.map_err(|e| err!(FileTransUploadFailed, "the upload's answer broke off: {}", e))?;
    if ok {
        return serde_json::from_str(&text).map_err(|e| err!(FileTransUploadFailed, "the server's answer to an upload is not a stored file: {}", e));
    }
    Err(refusal(&text, Code::FileTransUploadFailed))
}

/// The error a refusal (`{"code", "desc"}`) tells, or `fallback`.
fn refusal(text: &str, fallback: Code) -> Error {
    let v: serde_json::Value = serde_json::from_str(text).unwrap_or_default();
    let code = v.get("code").and_then(|c| c.as_i64()).and_then(|c| Code::from_i32(c as i32)).unwrap_or(fallback);
    Error::new(code, v.get("desc").and_then(|d| d.as_str()).unwrap_or(text))
}

/// Downloads the stored file `id` from the server at `base` to `to`.
pub fn download(runtime: &tokio::runtime::Runtime, base: &str, id: &str, to: &Path) -> Result<u64> {
    let url = format!("{}/v1/media/{}", base, id);
    let to = to.to_path_buf();
    let part = partial_path(&to);
    let (tx, rx) = mpsc::channel();
    runtime.spawn(async move {
        let got = fetch_to(&url, &part, &to).await;
        if got.is_err() {
            let _ = tokio::fs::remove_file(&part).await;
        }
        let _ = tx.send(got);
    });
    rx.recv().map_err(|_| err!(InternalError, "the download ended without an answer"))?
}

async fn fetch_to(url: &str, part: &Path, to: &Path) -> Result<u64> {
    let failed = |e: &dyn std::fmt::Display| err!(FileTransDownloadFailed, "the download of {} failed: {}", url, e);
    let resp = CLIENT.get(url).send().await.map_err(|e| failed(&e))?;
    if !resp.status().is_success() {
        let text = resp.text().await.unwrap_or_default();
        return Err(refusal(&text, Code::FileTransDownloadFailed));
    }
    let write_failed = |e: std::io::Error| err!(IoOperationFailed, "cannot write {}: {}", part.display(), e);
    let mut file = tokio::fs::File::create(part).await.map_err(write_failed)?;
    let mut body = resp.bytes_stream();
    let mut size = 0u64;
    while let Some(chunk) = body.next().await {
        let chunk = chunk.map_err(|e| failed(&e))?;
        file.write_all(&chunk).await.map_err(write_failed)?;
        size += chunk.len() as u64;
    }
    file.flush().await.map_err(write_failed)?;
    drop(file);
    tokio::fs::rename(part, to).await.map_err(|e| err!(IoOperationFailed, "cannot write {}: {}", to.display(), e))?;
    Ok(size)
}
