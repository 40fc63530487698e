//! The content-addressed store on PostgreSQL (migration 0003), for
//! huddle-server on a `store` database: every node of a cluster reads and
//! writes the same files, with nothing shared but the database the cluster
//! already has, and they outlive any node.
//!
//! A file is its chunks (`CHUNK` bytes each, the last shorter) and a row of
//! `media_files`. An upload holds one connection in one transaction: its
//! chunks go in as they arrive under a key of the upload's own, and once the
//! SHA-256 is known the file's row is added and the chunks renamed to it,
//! or, when another upload stored the same bytes first, the transaction is
//! rolled back: one copy. An upload cut off (or its node killed) never
//! commits, so it leaves nothing. A download reads a chunk at a time: no file
//! is ever whole in memory.
//!
//! Connections: tokio-postgres's, with the store's conventions (the URL as
//! `store` gives it, no TLS), a few idle ones kept for the next request, and
//! at most `UPLOADS` + `READS` at once per node (more
//! requests wait their turn rather than run the database out of
//! connections). An upload holds one for its length; a download takes one
//! per chunk, so a slow reader holds none while its client reads, and slow
//! uploads never keep downloads waiting (they wait on their own share).

use std::io::Write;
use std::path::PathBuf;
use std::sync::Arc;

use bytes::Bytes;
use futures_util::Stream;
use parking_lot::Mutex;
use sha2::{Digest, Sha256};
use tokio::sync::{OwnedSemaphorePermit, Semaphore};
use tokio_postgres::{Client, NoTls, Statement};

use crate::error::{err, Error, Result};

use super::store::{check_size, hex, CHUNK};
use super::{pictures, MediaKind, Stored};

/// Idle connections kept for the next request; more are closed.
const IDLE: usize = 8;
/// Connections one node's store uses at most at once for uploads, and for
/// everything else (downloads' chunks, keys). Not `pub`: cbindgen would put
/// public constants in the C header.
const UPLOADS: usize = 16;
const READS: usize = 16;

/// The store: cheap to clone (its clones share their connections).
#[derive(Clone)]
pub struct PgMedia {
    url: String,
    idle: Arc<Mutex<Vec<Client>>>,
    uploads: Arc<Semaphore>,
    reads: Arc<Semaphore>,
}

/// A connection lent by the store; back to its idle ones when dropped,
/// unless it is closed or in the middle of a transaction (then it is closed,
/// and PostgreSQL rolls the transaction back).
struct Lent {
    client: Option<Client>,
    idle: Arc<Mutex<Vec<Client>>>,
    in_transaction: bool,
    _permit: OwnedSemaphorePermit,
}

impl Drop for Lent {
    fn drop(&mut self) {
        if let Some(client) = self.client.take() {
            let mut idle = self.idle.lock();
            if !self.in_transaction && !client.is_closed() && idle.len() < IDLE {
                idle.push(client);
            }
        }
    }
}

impl std::ops::Deref for Lent {
    type Target = Client;
    fn deref(&self) -> &Client {
        self.client.as_ref().expect("a lent connection")
    }
}

fn db_error(what: &str, e: tokio_postgres::Error) -> Error {
    match std::error::Error::source(&e) {
        Some(cause) => err!(IoOperationFailed, "media store: {}: {}: {}", what, e, cause),
        None => err!(IoOperationFailed, "media store: {}: {}", what, e),
    }
}

fn kind_name(kind: MediaKind) -> String {
    serde_json::to_value(kind).ok().and_then(|v| v.as_str().map(str::to_string)).unwrap_or_default()
}

impl PgMedia {
    /// How many uploads one node's store runs at once (more wait).
    pub fn uploads_at_once() -> usize {
        UPLOADS
    }

    /// The store on the database `url` names; its tables come with the
    /// store's migrations (`PostgresStore::prepare`).
    pub fn new(url: &str) -> PgMedia {
        PgMedia { url: url.to_string(), idle: Default::default(), uploads: Arc::new(Semaphore::new(UPLOADS)), reads: Arc::new(Semaphore::new(READS)) }
    }

    /// A connection, once one of `share` is free.
    async fn lend(&self, share: &Arc<Semaphore>) -> Result<Lent> {
        let permit = Arc::clone(share).acquire_owned().await.map_err(|e| err!(InternalError, "media store: {}", e))?;
        let idle = self.idle.lock().pop();
        let client = match idle {
            Some(client) if !client.is_closed() => client,
            _ => {
                let (client, connection) = tokio_postgres::connect(&self.url, NoTls).await.map_err(|e| db_error("cannot connect", e))?;
                tokio::spawn(connection);
                client
            }
        };
        Ok(Lent { client: Some(client), idle: Arc::clone(&self.idle), in_transaction: false, _permit: permit })
    }

    /// The key named `name` that every node shares, made (random) by the
    /// first node that asks.
    pub async fn shared_key(&self, name: &str) -> Result<Vec<u8>> {
        let client = self.lend(&self.reads).await?;
        // gen_random_uuid is PostgreSQL's strong random source (13 and later).
        client
            .execute(
                "INSERT INTO huddle_secrets (name, value)
                 VALUES ($1, convert_to(gen_random_uuid()::text || gen_random_uuid()::text, 'UTF8'))
                 ON CONFLICT (name) DO NOTHING",
                &[&name],
            )
            .await
            .map_err(|e| db_error("cannot make a key", e))?;
        let row = client.query_one("SELECT value FROM huddle_secrets WHERE name = $1", &[&name]).await.map_err(|e| db_error("cannot read a key", e))?;
        Ok(row.get(0))
    }

    /// A file to receive, of `kind`: write its bytes, then `finish`.
    pub async fn incoming(&self, kind: MediaKind) -> Result<PgIncoming> {
        let mut conn = self.lend(&self.uploads).await?;
        conn.batch_execute("BEGIN").await.map_err(|e| db_error("cannot begin an upload", e))?;
        conn.in_transaction = true;
        // Unique among the uploads under way: one per connection at a time.
        let pid: i32 = conn.query_one("SELECT pg_backend_pid()", &[]).await.map_err(|e| db_error("cannot begin an upload", e))?.get(0);
        let put_chunk = conn.prepare("INSERT INTO media_chunks (id, n, bytes) VALUES ($1, $2, $3)").await.map_err(|e| db_error("cannot begin an upload", e))?;
        // An image is decoded for its smaller copies: from a local copy.
        let image = match kind {
            MediaKind::Image => Some(LocalCopy::create()?),
            _ => None,
        };
        Ok(PgIncoming { conn, key: format!("upload-{}", pid), put_chunk, pending: Vec::with_capacity(CHUNK), chunks: 0, hasher: Sha256::new(), size: 0, kind, image })
    }

    /// The size of the file `id` and its bytes, a chunk at a time; 6009
    /// (FileTransDownloadFailed) when no such file is stored.
    pub async fn read(&self, id: &str) -> Result<(u64, impl Stream<Item = std::io::Result<Bytes>> + Send + 'static)> {
        let not_here = || err!(FileTransDownloadFailed, "no file {:?} is stored here", id);
        if !super::is_media_id(id) {
            return Err(not_here());
        }
        let size: i64 = self.lend(&self.reads).await?.query_opt("SELECT size FROM media_files WHERE id = $1", &[&id]).await.map_err(|e| db_error("cannot look a file up", e))?.ok_or_else(not_here)?.get(0);
        let chunks = futures_util::stream::unfold(Some((self.clone(), id.to_string(), 0i32)), |state| async move {
            let (media, id, n) = state?;
            match media.chunk(&id, n).await {
                Ok(Some(bytes)) => Some((Ok(Bytes::from(bytes)), Some((media, id, n + 1)))),
                Ok(None) => None,
                Err(e) => Some((Err(std::io::Error::other(e.desc)), None)),
            }
        });
        Ok((size as u64, chunks))
    }

    /// Chunk `n` of file `id`, if it has one.
    async fn chunk(&self, id: &str, n: i32) -> Result<Option<Vec<u8>>> {
        let row = self.lend(&self.reads).await?.query_opt("SELECT bytes FROM media_chunks WHERE id = $1 AND n = $2", &[&id, &n]).await.map_err(|e| db_error("cannot read a file", e))?;
        Ok(row.map(|row| row.get(0)))
    }
}

/// A file on its way into the store (see `PgMedia::incoming`); dropped
/// unfinished, its transaction is rolled back and it leaves nothing.
pub struct PgIncoming {
    conn: Lent,
    key: String,
    put_chunk: Statement,
    /// Bytes short of a whole chunk, kept until the next write fills it.
    pending: Vec<u8>,
    chunks: i32,
    hasher: Sha256,
    size: u64,
    kind: MediaKind,
    image: Option<LocalCopy>,
}

impl PgIncoming {
    pub fn size(&self) -> u64 {
        self.size
    }

    /// Appends `bytes`: 7005 once the file is over its kind's limit.
    pub async fn write(&mut self, bytes: &[u8]) -> Result<()> {
        self.size += bytes.len() as u64;
        check_size(self.size, self.kind)?;
        self.hasher.update(bytes);
        if let Some(copy) = &mut self.image {
            copy.write(bytes)?;
        }
        self.pending.extend_from_slice(bytes);
        while self.pending.len() >= CHUNK {
            let rest = self.pending.split_off(CHUNK);
            let chunk = std::mem::replace(&mut self.pending, rest);
            self.put(&chunk).await?;
        }
        Ok(())
    }

    async fn put(&mut self, chunk: &[u8]) -> Result<()> {
        self.conn.execute(&self.put_chunk, &[&self.key, &self.chunks, &chunk]).await.map_err(|e| db_error("cannot write a chunk", e))?;
        self.chunks += 1;
        Ok(())
    }

    /// Stores the file under its ID (7006 when empty); for an image, with
    /// its large copy and thumbnail (6031 when it is not one).
    pub async fn finish(mut self) -> Result<Stored> {
        if self.size == 0 {
            return Err(err!(FileSizeEmpty, "an empty file is not stored"));
        }
        let last = std::mem::take(&mut self.pending);
        if !last.is_empty() {
            self.put(&last).await?;
        }
        let id = hex(&std::mem::take(&mut self.hasher).finalize());
        let (pictures, copies) = match self.image.take() {
            Some(copy) => {
                let (id, size) = (id.clone(), self.size);
                // Decoding and encoding: CPU work, off the runtime.
                let made = tokio::task::spawn_blocking(move || {
                    let copies = Mutex::new(Vec::new());
                    let set = pictures::make(&copy.path, &id, size, |bytes| {
                        let id = hex(&Sha256::digest(bytes));
                        copies.lock().push((id.clone(), bytes.to_vec()));
                        Ok(id)
                    })?;
                    Ok::<_, Error>((Some(set), copies.into_inner()))
                });
                made.await.map_err(|e| err!(InternalError, "making an image's copies panicked: {}", e))??
            }
            None => (None, Vec::new()),
        };
        let conn = &self.conn;
        let fail = |e| db_error("cannot store a file", e);
        if add_file(conn, &id, self.size, self.kind).await? {
            conn.execute("UPDATE media_chunks SET id = $1 WHERE id = $2", &[&id, &self.key]).await.map_err(fail)?;
            for (copy_id, bytes) in &copies {
                if add_file(conn, copy_id, bytes.len() as u64, self.kind).await? {
                    for (n, chunk) in bytes.chunks(CHUNK).enumerate() {
                        conn.execute(&self.put_chunk, &[copy_id, &(n as i32), &chunk]).await.map_err(fail)?;
                    }
                }
            }
            conn.batch_execute("COMMIT").await.map_err(fail)?;
        } else {
            // Stored before, with its copies: this upload's chunks go.
            conn.batch_execute("ROLLBACK").await.map_err(fail)?;
        }
        self.conn.in_transaction = false;
        Ok(Stored { id, size: self.size, url: String::new(), pictures })
    }
}

/// Lists file `id` in this transaction; false when it is already stored
/// (an upload of the same bytes that is under way waits here for that one's
/// end, so two never both add it).
async fn add_file(conn: &Client, id: &str, size: u64, kind: MediaKind) -> Result<bool> {
    let added = conn
        .execute("INSERT INTO media_files (id, size, kind, created) VALUES ($1, $2, $3, now()) ON CONFLICT (id) DO NOTHING", &[&id, &(size as i64), &kind_name(kind)])
        .await
        .map_err(|e| db_error("cannot store a file", e))?;
    Ok(added == 1)
}

/// A local temporary copy of an upload, removed when dropped.
struct LocalCopy {
    path: PathBuf,
    file: std::fs::File,
}

impl LocalCopy {
    fn create() -> Result<LocalCopy> {
        use std::sync::atomic::{AtomicU64, Ordering};
        static NEXT: AtomicU64 = AtomicU64::new(0);
        let path = std::env::temp_dir().join(format!("huddle-upload-{}-{}", std::process::id(), NEXT.fetch_add(1, Ordering::Relaxed)));
        let file = std::fs::File::create(&path).map_err(|e| err!(IoOperationFailed, "cannot create {}: {}", path.display(), e))?;
        Ok(LocalCopy { path, file })
    }

    fn write(&mut self, bytes: &[u8]) -> Result<()> {
        self.file.write_all(bytes).map_err(|e| err!(IoOperationFailed, "cannot write {}: {}", self.path.display(), e))
    }
}

impl Drop for LocalCopy {
    fn drop(&mut self) {
        let _ = std::fs::remove_file(&self.path);
    }
}
