use std::collections::HashSet;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use once_cell::sync::Lazy;
use parking_lot::{Condvar, Mutex};

use rusqlite::{params, Connection};
use serde::de::DeserializeOwned;

use crate::error::{err, Error, Result};
use crate::model::{Change, Message, Snapshot};

use super::{from_doc, search, to_doc, Store};

/// Records are stored as JSON documents keyed by their identity, so that adding
/// a field to a record needs no migration.
const SCHEMA: &str = "
CREATE TABLE IF NOT EXISTS groups (id TEXT PRIMARY KEY, doc TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS members (
    group_id TEXT NOT NULL, user_id TEXT NOT NULL, doc TEXT NOT NULL,
    PRIMARY KEY (group_id, user_id)) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS pendencies (id INTEGER PRIMARY KEY, doc TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS users (id TEXT PRIMARY KEY, doc TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS messages (
    thread TEXT NOT NULL, seq INTEGER NOT NULL, time INTEGER NOT NULL, doc TEXT NOT NULL,
    PRIMARY KEY (thread, seq)) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS messages_by_time ON messages (time);
CREATE TABLE IF NOT EXISTS convs (
    user_id TEXT NOT NULL, thread TEXT NOT NULL, doc TEXT NOT NULL,
    PRIMARY KEY (user_id, thread)) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS tips (ord INTEGER PRIMARY KEY, time INTEGER NOT NULL, doc TEXT NOT NULL);
CREATE INDEX IF NOT EXISTS tips_by_time ON tips (time);
CREATE TABLE IF NOT EXISTS receipts (
    user_id TEXT NOT NULL, key TEXT NOT NULL, time INTEGER NOT NULL, doc TEXT NOT NULL,
    PRIMARY KEY (user_id, key)) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS receipts_by_time ON receipts (time);
CREATE TABLE IF NOT EXISTS reports (ord INTEGER PRIMARY KEY, time INTEGER NOT NULL, doc TEXT NOT NULL);
CREATE INDEX IF NOT EXISTS reports_by_time ON reports (time);
CREATE TABLE IF NOT EXISTS outbox (id INTEGER PRIMARY KEY, doc TEXT NOT NULL);
";

/// The file the embedded engine keeps in `sdk_config_data_dir`.
pub const DB_FILE: &str = "huddle.db";

pub struct SqliteStore {
    conn: Connection,
    /// Whether it keeps the messages' search index (see `open_without_index`).
    indexed: bool,
    /// Dropped after `conn`, so the dir is free once the file is closed.
    _claim: DirClaim,
}

/// The data dirs this process has a store open on. An engine's last handle
/// may be dropped on one of its own threads a moment after its user let go,
/// so a store opened again at once (an Uninit then an Init, a Unity
/// Play/Stop cycle) waits for the closing one rather than fail.
static OPEN_DIRS: Lazy<(Mutex<HashSet<PathBuf>>, Condvar)> = Lazy::new(Default::default);

/// How long an open waits for this process's previous store on the same dir.
const CLOSING_WAIT: Duration = Duration::from_secs(10);

struct DirClaim(PathBuf);

impl DirClaim {
    fn take(dir: &Path) -> Result<DirClaim> {
        let dir = dir.canonicalize().map_err(|e| err!(IoOperationFailed, "cannot resolve data dir {}: {}", dir.display(), e))?;
        let (open, closed) = &*OPEN_DIRS;
        let mut open = open.lock();
        let deadline = Instant::now() + CLOSING_WAIT;
        while open.contains(&dir) {
            if closed.wait_until(&mut open, deadline).timed_out() {
                return Err(err!(IoOperationFailed, "data dir {} is in use by another engine of this process", dir.display()));
            }
        }
        open.insert(dir.clone());
        Ok(DirClaim(dir))
    }
}

impl Drop for DirClaim {
    fn drop(&mut self) {
        let (open, closed) = &*OPEN_DIRS;
        open.lock().remove(&self.0);
        closed.notify_all();
    }
}

impl From<rusqlite::Error> for Error {
    fn from(e: rusqlite::Error) -> Error {
        err!(IoOperationFailed, "store error: {}", e)
    }
}

impl SqliteStore {
    /// Opens (creating if needed) the database in `dir`.
    pub fn open(dir: &Path) -> Result<SqliteStore> {
        SqliteStore::open_as(dir, true)
    }

    /// The same store keeping no search index (the engine keeps one in
    /// memory, as with PostgreSQL): what the benchmarks compare the index
    /// with. Its index is marked stale, so an indexed open rebuilds it.
    pub fn open_without_index(dir: &Path) -> Result<SqliteStore> {
        SqliteStore::open_as(dir, false)
    }

    fn open_as(dir: &Path, indexed: bool) -> Result<SqliteStore> {
        std::fs::create_dir_all(dir)
            .map_err(|e| err!(IoOperationFailed, "cannot create data dir {}: {}", dir.display(), e))?;
        let claim = DirClaim::take(dir)?;
        let conn = Connection::open(dir.join(DB_FILE))?;
        // WAL with synchronous=NORMAL: a committed transaction survives a
        // process kill (it is in the WAL file before COMMIT returns); only a
        // power loss may take the last few back.
        // One process owns a data dir: the engine's memory is the truth, and
        // a second engine on the same file would diverge from it. The lock is
        // taken now, so the second process is refused at once, and kept, which
        // also spares every commit the file-lock calls.
        let lock = |conn: &Connection| -> rusqlite::Result<()> {
            conn.busy_timeout(std::time::Duration::ZERO)?;
            conn.pragma_update(None, "locking_mode", "EXCLUSIVE")?;
            conn.pragma_update(None, "journal_mode", "WAL")?;
            conn.pragma_update(None, "synchronous", "NORMAL")?;
            conn.execute_batch("BEGIN EXCLUSIVE; COMMIT;")
        };
        lock(&conn).map_err(|e| match e.sqlite_error_code() {
            Some(rusqlite::ErrorCode::DatabaseBusy | rusqlite::ErrorCode::DatabaseLocked) => {
                err!(IoOperationFailed, "data dir {} is in use by another process", dir.display())
            }
            _ => Error::from(e),
        })?;
        conn.execute_batch(SCHEMA)?;
        conn.execute_batch(search::SCHEMA)?;
        if !indexed {
            conn.execute_batch("DELETE FROM search_version")?;
        }
        Ok(SqliteStore { conn, indexed, _claim: claim })
    }

    fn load_docs<T: DeserializeOwned>(&self, sql: &str) -> Result<Vec<T>> {
        let mut stmt = self.conn.prepare(sql)?;
        let docs = stmt.query_map([], |row| row.get::<_, String>(0))?;
        docs.map(|d| from_doc(&d?)).collect()
    }

    /// The messages, once the search index holds them: it is written with
    /// them, so it is rebuilt only when it is of another version, or absent
    /// (a data dir from before it).
    fn with_index(&mut self, messages: Vec<Message>) -> Result<Vec<Message>> {
        if self.indexed && !search::is_current(&self.conn)? {
            let tx = self.conn.transaction()?;
            search::clear(&tx)?;
            for m in &messages {
                search::put(&tx, m)?;
            }
            tx.commit()?;
        }
        Ok(messages)
    }
}

impl Store for SqliteStore {
    fn load(&mut self) -> Result<Snapshot> {
        let mut members = Vec::new();
        {
            let mut stmt = self.conn.prepare("SELECT group_id, doc FROM members")?;
            let rows = stmt.query_map([], |row| Ok((row.get::<_, String>(0)?, row.get::<_, String>(1)?)))?;
            for row in rows {
                let (gid, doc) = row?;
                members.push((gid, from_doc(&doc)?));
            }
        }
        Ok(Snapshot {
            groups: self.load_docs("SELECT doc FROM groups")?,
            members,
            pendencies: self.load_docs("SELECT doc FROM pendencies ORDER BY id")?,
            users: self.load_docs("SELECT doc FROM users")?,
            messages: self.with_index(self.load_docs("SELECT doc FROM messages ORDER BY thread, seq")?)?,
            convs: self.load_docs("SELECT doc FROM convs")?,
            tips: self.load_docs("SELECT doc FROM tips ORDER BY ord")?,
            receipts: self.load_docs("SELECT doc FROM receipts")?,
            reports: self.load_docs("SELECT doc FROM reports ORDER BY ord")?,
            outbox: self.load_docs("SELECT doc FROM outbox ORDER BY id")?,
        })
    }

    fn apply(&mut self, changes: &[Change]) -> Result<()> {
        if changes.is_empty() {
            return Ok(());
        }
        let tx = self.conn.transaction()?;
        for change in changes {
            match change {
                Change::PutGroup(g) => {
                    tx.prepare_cached("INSERT OR REPLACE INTO groups (id, doc) VALUES (?1, ?2)")?
                        .execute(params![g.id, to_doc(g)?])?;
                }
                Change::DeleteGroup(id) => {
                    tx.prepare_cached("DELETE FROM groups WHERE id = ?1")?.execute(params![id])?;
                    tx.prepare_cached("DELETE FROM members WHERE group_id = ?1")?.execute(params![id])?;
                }
                Change::PutMember { group_id, member } => {
                    tx.prepare_cached("INSERT OR REPLACE INTO members (group_id, user_id, doc) VALUES (?1, ?2, ?3)")?
                        .execute(params![group_id, member.user_id, to_doc(member)?])?;
                }
                Change::DeleteMember { group_id, user_id } => {
                    tx.prepare_cached("DELETE FROM members WHERE group_id = ?1 AND user_id = ?2")?
                        .execute(params![group_id, user_id])?;
                }
                Change::PutPendency(p) => {
                    tx.prepare_cached("INSERT OR REPLACE INTO pendencies (id, doc) VALUES (?1, ?2)")?
                        .execute(params![p.id as i64, to_doc(p)?])?;
                }
                Change::DeletePendency(id) => {
                    tx.prepare_cached("DELETE FROM pendencies WHERE id = ?1")?.execute(params![*id as i64])?;
                }
                Change::PutUser(u) => {
                    tx.prepare_cached("INSERT OR REPLACE INTO users (id, doc) VALUES (?1, ?2)")?
                        .execute(params![u.user_id, to_doc(u)?])?;
                }
                Change::PutMessage(m) => {
                    tx.prepare_cached("INSERT OR REPLACE INTO messages (thread, seq, time, doc) VALUES (?1, ?2, ?3, ?4)")?
                        .execute(params![to_doc(&m.thread)?, m.seq as i64, m.server_time as i64, to_doc(m)?])?;
                    if self.indexed {
                        search::put(&tx, m)?;
                    }
                }
                Change::DeleteMessagesBefore(time) => {
                    tx.prepare_cached("DELETE FROM messages WHERE time < ?1")?.execute(params![*time as i64])?;
                    tx.prepare_cached("DELETE FROM tips WHERE time < ?1")?.execute(params![*time as i64])?;
                    tx.prepare_cached("DELETE FROM reports WHERE time < ?1")?.execute(params![*time as i64])?;
                    if self.indexed {
                        search::remove_before(&tx, *time)?;
                    }
                }
                Change::PutTip(t) => {
                    tx.prepare_cached("INSERT OR REPLACE INTO tips (ord, time, doc) VALUES (?1, ?2, ?3)")?
                        .execute(params![t.order as i64, t.tip.time as i64, to_doc(t)?])?;
                }
                Change::PutReceipt(r) => {
                    tx.prepare_cached("INSERT OR REPLACE INTO receipts (user_id, key, time, doc) VALUES (?1, ?2, ?3, ?4)")?
                        .execute(params![r.user, r.key, r.time as i64, to_doc(r)?])?;
                }
                Change::DeleteReceiptsBefore(time) => {
                    tx.prepare_cached("DELETE FROM receipts WHERE time < ?1")?.execute(params![*time as i64])?;
                }
                Change::PutReport(r) => {
                    tx.prepare_cached("INSERT OR REPLACE INTO reports (ord, time, doc) VALUES (?1, ?2, ?3)")?
                        .execute(params![r.order as i64, r.time as i64, to_doc(r)?])?;
                }
                Change::PutOutbox(e) => {
                    tx.prepare_cached("INSERT OR REPLACE INTO outbox (id, doc) VALUES (?1, ?2)")?.execute(params![e.id as i64, to_doc(e)?])?;
                }
                Change::DeleteOutboxThrough(id) => {
                    tx.prepare_cached("DELETE FROM outbox WHERE id <= ?1")?.execute(params![*id as i64])?;
                }
                Change::PutConv(c) => {
                    tx.prepare_cached("INSERT OR REPLACE INTO convs (user_id, thread, doc) VALUES (?1, ?2, ?3)")?
                        .execute(params![c.user, to_doc(&c.thread)?, to_doc(c)?])?;
                }
                // Online only: an AVChatRoom message is never stored.
                Change::PutRoomMessage { .. } => {}
            }
        }
        tx.commit()?;
        Ok(())
    }

    fn keeps_search_index(&self) -> bool {
        self.indexed
    }

    fn search(&mut self, query: &search::Query) -> Result<search::Found> {
        search::find(&self.conn, query)
    }
}
