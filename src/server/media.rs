//! The HTTP endpoints of media files, on the WebSocket's port
//! (docs/protocol.md): `POST /v1/media?kind=<kind>` stores the request's
//! body, streamed into the store (never whole in memory) and refused past
//! the kind's limit, for the user whose upload token it names; `GET
//! /v1/media/<id>` streams a stored file back. An ID is the SHA-256 of the
//! file's bytes: whoever has it had the file or a message carrying it.
//!
//! The server owns the store, not the engine: a node of a cluster that does
//! not lead has no engine, and serves media all the same (`MediaFiles`).

use std::collections::HashMap;
use std::sync::Arc;

use axum::body::{Body, Bytes};
use axum::extract::{Path, Query, State};
use axum::http::{header, HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response as HttpResponse};
use futures_util::stream::BoxStream;
use futures_util::StreamExt;
use serde_json::json;
use tokio::io::AsyncReadExt;
use tracing::debug;

use crate::error::{err, Code, Error};
use crate::media::postgres::{PgIncoming, PgMedia};
use crate::media::{store::check_size, Incoming, MediaKind, MediaStore, Stored};

use super::{ServerConfig, Shared};

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
        Code::IoOperationFailed | Code::InternalError => StatusCode::INTERNAL_SERVER_ERROR,
        _ => StatusCode::BAD_REQUEST,
    };
    (status, [(header::CONTENT_TYPE, "application/json")], json!({ "code": e.code.as_i32(), "desc": e.desc }).to_string()).into_response()
}

/// Where this server keeps its media files.
pub enum MediaFiles {
    /// A server on SQLite: under its data dir (the embedded engine's
    /// store), or with none in a temporary folder.
    Files(MediaStore),
    /// A server on PostgreSQL (`store`): in the database, so that every
    /// node of a cluster serves every file and none is lost with a node.
    Postgres(PgMedia),
}

impl MediaFiles {
    pub fn open(config: &ServerConfig) -> Result<MediaFiles, Error> {
        match &config.store {
            Some(url) => Ok(MediaFiles::Postgres(PgMedia::new(url))),
            None => MediaStore::open(config.data_dir.as_deref()).map(MediaFiles::Files),
        }
    }

    async fn incoming(&self, kind: MediaKind) -> Result<Upload, Error> {
        match self {
            MediaFiles::Files(store) => store.incoming(kind).map(Upload::Files),
            MediaFiles::Postgres(pg) => pg.incoming(kind).await.map(|incoming| Upload::Postgres(Box::new(incoming))),
        }
    }

    /// The size of the file `id` and its bytes, a chunk at a time.
    async fn read(&self, id: &str) -> Result<(u64, BoxStream<'static, std::io::Result<Bytes>>), Error> {
        match self {
            MediaFiles::Files(store) => {
                let path = store.path(id).ok_or_else(|| err!(FileTransDownloadFailed, "no file {:?} is stored here", id))?;
                let file = tokio::fs::File::open(&path).await.map_err(|e| err!(FileTransDownloadFailed, "cannot open {}: {}", id, e))?;
                let len = file.metadata().await.map_err(|e| err!(FileTransDownloadFailed, "cannot read {}: {}", id, e))?.len();
                Ok((len, file_chunks(file).boxed()))
            }
            MediaFiles::Postgres(pg) => pg.read(id).await.map(|(len, chunks)| (len, chunks.boxed())),
        }
    }
}

/// An upload on its way into one of the stores.
enum Upload {
    Files(Incoming),
    Postgres(Box<PgIncoming>),
}

impl Upload {
    async fn write(&mut self, bytes: &[u8]) -> Result<(), Error> {
        match self {
            // A chunk at a time into the page cache: too short a wait to move off the runtime.
            Upload::Files(incoming) => incoming.write(bytes),
            Upload::Postgres(incoming) => incoming.write(bytes).await,
        }
    }

    fn size(&self) -> u64 {
        match self {
            Upload::Files(incoming) => incoming.size(),
            Upload::Postgres(incoming) => incoming.size(),
        }
    }

    async fn finish(self) -> Result<Stored, Error> {
        match self {
            // An image's copies are decoded and encoded: CPU work, off the runtime.
            Upload::Files(incoming) => tokio::task::spawn_blocking(move || incoming.finish()).await.map_err(|e| err!(InternalError, "storing a file panicked: {}", e))?,
            Upload::Postgres(incoming) => incoming.finish().await,
        }
    }
}

/// A local file's bytes, a chunk at a time.
fn file_chunks(file: tokio::fs::File) -> impl futures_util::Stream<Item = std::io::Result<Bytes>> {
    futures_util::stream::unfold(file, |mut file| async move {
        let mut buf = vec![0u8; crate::media::store::CHUNK];
        match file.read(&mut buf).await {
            Ok(0) => None,
            Ok(n) => {
                buf.truncate(n);
                Some((Ok(Bytes::from(buf)), file))
            }
            Err(e) => Some((Err(e), file)),
        }
    })
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
    let mut incoming = shared.media.incoming(kind).await?;
    let mut stream = body.into_data_stream();
    while let Some(chunk) = stream.next().await {
        let chunk = chunk.map_err(|e| err!(FileTransUploadFailed, "the upload broke off: {}", e))?;
        incoming.write(&chunk).await?;
    }
    debug!(user, ?kind, size = incoming.size(), "media received");
    let stored = incoming.finish().await?;
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
    let (len, chunks) = shared.media.read(id).await?;
    Ok(([(header::CONTENT_TYPE, "application/octet-stream".to_string()), (header::CONTENT_LENGTH, len.to_string())], Body::from_stream(chunks)).into_response())
}
