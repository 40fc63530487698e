//! The HTTP endpoints of media files, on the WebSocket's port
//! (docs/protocol.md): `POST /v1/media?kind=<kind>` stores the request's
//! body, streamed to a file (never whole in memory) and refused past the
//! kind's limit, for the user whose upload token it names; `GET
//! /v1/media/<id>` streams a stored file back. An ID is the SHA-256 of the
//! file's bytes: whoever has it had the file or a message carrying it.

use std::collections::HashMap;
use std::sync::Arc;

use axum::body::{Body, Bytes};
use axum::extract::{Path, Query, State};
use axum::http::{header, HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response as HttpResponse};
use futures_util::StreamExt;
use serde_json::json;
use tokio::io::AsyncReadExt;
use tracing::debug;

use crate::error::{err, Code, Error};
use crate::media::{store::check_size, MediaKind, MediaStore, Stored};

use super::Shared;

/// The link of a stored file on this server.
pub fn url(base_url: &str, id: &str) -> String {
    format!("{}/v1/media/{}", base_url, id)
}

/// An error as the endpoints answer it: an HTTP status and `{"code", "desc"}`.
fn refusal(e: &Error) -> HttpResponse {
    let status = match e.code {
        Code::FileTooLarge => StatusCode::PAYLOAD_TOO_LARGE,
        Code::FileTransAuthFailed => StatusCode::UNAUTHORIZED,
        Code::FileTransDownloadFailed => StatusCode::NOT_FOUND,
        Code::SdkNotInitialized => StatusCode::SERVICE_UNAVAILABLE,
        Code::IoOperationFailed | Code::InternalError => StatusCode::INTERNAL_SERVER_ERROR,
        _ => StatusCode::BAD_REQUEST,
    };
    (status, [(header::CONTENT_TYPE, "application/json")], json!({ "code": e.code.as_i32(), "desc": e.desc }).to_string()).into_response()
}

fn store_of(shared: &Shared) -> Result<Arc<crate::engine::Engine>, Error> {
    let service = shared.service().ok_or_else(|| err!(SdkNotInitialized, "this server does not lead: its engine is not open"))?;
    Ok(Arc::clone(service.engine()))
}

pub async fn upload(State(shared): State<Arc<Shared>>, Query(q): Query<HashMap<String, String>>, headers: HeaderMap, body: Body) -> HttpResponse {
    match receive(&shared, &q, &headers, body).await {
        Ok(stored) => ([(header::CONTENT_TYPE, "application/json")], serde_json::to_string(&stored).expect("stored files encode")).into_response(),
        Err(e) => refusal(&e),
    }
}

async fn receive(shared: &Shared, q: &HashMap<String, String>, headers: &HeaderMap, body: Body) -> Result<Stored, Error> {
    let token = headers.get(header::AUTHORIZATION).and_then(|v| v.to_str().ok()).and_then(|v| v.strip_prefix("Bearer ")).unwrap_or_default();
    let now = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).map_or(0, |d| d.as_secs());
    let user = shared.media_tokens.check(token, now).ok_or_else(|| err!(FileTransAuthFailed, "no valid upload token (the Authorization header names the one the login answered with)"))?;
    let kind: MediaKind = q
        .get("kind")
        .and_then(|k| serde_json::from_value(json!(k)).ok())
        .ok_or_else(|| err!(InvalidParameters, "kind must be image, sound, file, video, snapshot or merger"))?;
    if let Some(len) = headers.get(header::CONTENT_LENGTH).and_then(|v| v.to_str().ok()).and_then(|v| v.parse::<u64>().ok()) {
        check_size(len, kind)?;
    }
    let engine = store_of(shared)?;
    let mut incoming = engine.media().incoming(kind)?;
    let mut stream = body.into_data_stream();
    while let Some(chunk) = stream.next().await {
        let chunk = chunk.map_err(|e| err!(FileTransUploadFailed, "the upload broke off: {}", e))?;
        // A chunk at a time into the page cache: too short a wait to move off the runtime.
        incoming.write(&chunk)?;
    }
    debug!(user, ?kind, size = incoming.size(), "media received");
    // An image's copies are decoded and encoded: CPU work, off the runtime.
    let stored = tokio::task::spawn_blocking(move || incoming.finish()).await.map_err(|e| err!(InternalError, "storing a file panicked: {}", e))??;
    let base = &shared.rest.exports.base_url;
    Ok(stored.with_urls(|id| url(base, id)))
}

pub async fn download(State(shared): State<Arc<Shared>>, Path(id): Path<String>) -> HttpResponse {
    match send_file(&shared, &id).await {
        Ok(resp) => resp,
        Err(e) => refusal(&e),
    }
}

async fn send_file(shared: &Shared, id: &str) -> Result<HttpResponse, Error> {
    let engine = store_of(shared)?;
    let path = stored_path(engine.media(), id)?;
    let file = tokio::fs::File::open(&path).await.map_err(|e| err!(FileTransDownloadFailed, "cannot open {}: {}", id, e))?;
    let len = file.metadata().await.map_err(|e| err!(FileTransDownloadFailed, "cannot read {}: {}", id, e))?.len();
    let chunks = futures_util::stream::unfold(file, |mut file| async move {
        let mut buf = vec![0u8; crate::media::store::CHUNK];
        match file.read(&mut buf).await {
            Ok(0) => None,
            Ok(n) => {
                buf.truncate(n);
                Some((Ok::<_, std::io::Error>(Bytes::from(buf)), file))
            }
            Err(e) => Some((Err(e), file)),
        }
    });
    Ok(([(header::CONTENT_TYPE, "application/octet-stream".to_string()), (header::CONTENT_LENGTH, len.to_string())], Body::from_stream(chunks)).into_response())
}

fn stored_path(store: &MediaStore, id: &str) -> Result<std::path::PathBuf, Error> {
    store.path(id).ok_or_else(|| err!(FileTransDownloadFailed, "no file {:?} is stored here", id))
}
