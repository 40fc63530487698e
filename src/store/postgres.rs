//! The store on PostgreSQL, for servers whose data outlives one machine: the
//! same tables and JSON documents as `SqliteStore`, so the two load alike.
//!
//! The client is rust-postgres's blocking one (`postgres`): the engine calls
//! the store on its own committer thread and waits for each commit anyway,
//! so an async client would only add a runtime hand-off per batch. It drives
//! a small runtime of its own on the calling thread, so `open`, `load` and a
//! store's drop must not run on a tokio runtime's thread (they panic there).
//!
//! No TLS (`NoTls`): a deployment whose database requires it puts a local
//! proxy (pgbouncer, a sidecar) in between, until the store learns TLS.
//!
//! A lost connection does not end the store: the `apply` that meets it fails,
//! and the next one connects again. A batch that fails is in the database
//! entirely or not at all, except when the connection drops during COMMIT,
//! when nobody knows which. Applying the batch again is right either way:
//! every statement is a put of a whole record (INSERT .. ON CONFLICT DO
//! UPDATE) or a delete by key or bound, and a sequence of those applied twice
//! leaves what it left once (a key's last put wins again, and a delete
//! matches again exactly what it matched).

use std::str::FromStr;

use postgres::{Client, Config, IsolationLevel, NoTls, Statement, Transaction};
use serde::de::DeserializeOwned;
use sha2::{Digest, Sha256};

use crate::error::{err, Error, Result};
use crate::model::{Change, Snapshot};

use super::{from_doc, to_doc, Store};

/// The schema's versions in order, each applied once (`huddle_migrations`).
const MIGRATIONS: &[(i32, &str)] = &[
    (1, include_str!("../../migrations/postgres/0001_init.sql")),
    (2, include_str!("../../migrations/postgres/0002_lease.sql")),
    (3, include_str!("../../migrations/postgres/0003_media.sql")),
];

/// The advisory lock migrations run under, so that nodes starting together
/// migrate one after the other; any constant no other user of the database
/// takes ("huddle" in ASCII).
const MIGRATION_LOCK: i64 = 0x68_75_64_64_6c_65;

pub struct PostgresStore {
    config: Config,
    conn: Connection,
    fence: Option<Fence>,
}

/// The lease a fenced store writes under (see `fence`).
struct Fence {
    name: String,
    holder: String,
    epoch: i64,
}

/// One session and the statements prepared on it.
struct Connection {
    client: Client,
    stmts: Statements,
}

/// Declares the statements `apply` runs, prepared once per connection.
macro_rules! statements {
    ($($name:ident: $sql:literal,)*) => {
        struct Statements {
            $($name: Statement,)*
        }

        impl Statements {
            fn prepare(client: &mut Client) -> Result<Statements> {
                Ok(Statements { $($name: client.prepare($sql)?,)* })
            }
        }
    };
}

statements! {
    put_group: "INSERT INTO groups (id, doc) VALUES ($1, $2) ON CONFLICT (id) DO UPDATE SET doc = EXCLUDED.doc",
    delete_group: "DELETE FROM groups WHERE id = $1",
    delete_group_members: "DELETE FROM members WHERE group_id = $1",
    put_member: "INSERT INTO members (group_id, user_id, doc) VALUES ($1, $2, $3)
                 ON CONFLICT (group_id, user_id) DO UPDATE SET doc = EXCLUDED.doc",
    delete_member: "DELETE FROM members WHERE group_id = $1 AND user_id = $2",
    put_pendency: "INSERT INTO pendencies (id, doc) VALUES ($1, $2) ON CONFLICT (id) DO UPDATE SET doc = EXCLUDED.doc",
    delete_pendency: "DELETE FROM pendencies WHERE id = $1",
    put_user: "INSERT INTO users (id, doc) VALUES ($1, $2) ON CONFLICT (id) DO UPDATE SET doc = EXCLUDED.doc",
    put_message: "INSERT INTO messages (thread, seq, time, doc) VALUES ($1, $2, $3, $4)
                  ON CONFLICT (thread, seq) DO UPDATE SET time = EXCLUDED.time, doc = EXCLUDED.doc",
    delete_messages_before: "DELETE FROM messages WHERE time < $1",
    delete_tips_before: "DELETE FROM tips WHERE time < $1",
    delete_reports_before: "DELETE FROM reports WHERE time < $1",
    put_tip: "INSERT INTO tips (ord, time, doc) VALUES ($1, $2, $3)
              ON CONFLICT (ord) DO UPDATE SET time = EXCLUDED.time, doc = EXCLUDED.doc",
    put_receipt: "INSERT INTO receipts (user_id, key, time, doc) VALUES ($1, $2, $3, $4)
                  ON CONFLICT (user_id, key) DO UPDATE SET time = EXCLUDED.time, doc = EXCLUDED.doc",
    delete_receipts_before: "DELETE FROM receipts WHERE time < $1",
    put_report: "INSERT INTO reports (ord, time, doc) VALUES ($1, $2, $3)
                 ON CONFLICT (ord) DO UPDATE SET time = EXCLUDED.time, doc = EXCLUDED.doc",
    put_outbox: "INSERT INTO outbox (id, doc) VALUES ($1, $2) ON CONFLICT (id) DO UPDATE SET doc = EXCLUDED.doc",
    delete_outbox_through: "DELETE FROM outbox WHERE id <= $1",
    // FOR SHARE: a node taking the lease over (an UPDATE of the row) waits
    // for this commit, and a commit after the takeover finds no row.
    check_lease: "SELECT 1 FROM huddle_lease WHERE name = $1 AND holder = $2 AND epoch = $3 FOR SHARE",
    put_conv: "INSERT INTO convs (user_id, thread, doc) VALUES ($1, $2, $3)
               ON CONFLICT (user_id, thread) DO UPDATE SET doc = EXCLUDED.doc",
}

impl From<postgres::Error> for Error {
    fn from(e: postgres::Error) -> Error {
        // The error's own text is only its kind ("db error"); the server's
        // message is its source.
        match std::error::Error::source(&e) {
            Some(cause) => err!(IoOperationFailed, "store error: {}: {}", e, cause),
            None => err!(IoOperationFailed, "store error: {}", e),
        }
    }
}

/// The receipts table's key column (see the migration for why a digest).
fn receipt_key(key: &str) -> Vec<u8> {
    Sha256::digest(key.as_bytes()).to_vec()
}

impl PostgresStore {
    /// Connects to the database `url` names (a `postgresql://` URL or
    /// `host=.. user=..` pairs) and brings its schema up to date.
    pub fn open(url: &str) -> Result<PostgresStore> {
        let (config, mut client) = PostgresStore::prepare(url)?;
        let stmts = Statements::prepare(&mut client)?;
        Ok(PostgresStore { config, conn: Connection { client, stmts }, fence: None })
    }

    /// Connects to the database and brings its schema up to date (the
    /// lease table included: a cluster's nodes do this before they take it).
    pub fn prepare(url: &str) -> Result<(Config, Client)> {
        // The error leaves the URL out: it may hold a password.
        let config = Config::from_str(url).map_err(|e| err!(IoOperationFailed, "invalid PostgreSQL URL: {}", e))?;
        let mut client = config.connect(NoTls)?;
        check_encoding(&mut client)?;
        migrate(&mut client)?;
        Ok((config, client))
    }

    /// Makes every later commit check, in its own transaction, that lease
    /// `name` is still `holder`'s at `epoch`, and fail when it is not: a
    /// node that lost its lease without knowing cannot write after another
    /// node took it over.
    pub fn fence(&mut self, name: &str, holder: &str, epoch: i64) {
        self.fence = Some(Fence { name: name.to_string(), holder: holder.to_string(), epoch });
    }

    /// Connects again if the last connection was lost.
    fn reconnect_if_lost(&mut self) -> Result<()> {
        if self.conn.client.is_closed() {
            let mut client = self.config.connect(NoTls)?;
            let stmts = Statements::prepare(&mut client)?;
            self.conn = Connection { client, stmts };
        }
        Ok(())
    }
}

/// Text is sent and read back as UTF-8; a database in another encoding
/// would refuse some text at the first commit that carries it, and fail the
/// engine then, so it is refused at open instead.
fn check_encoding(client: &mut Client) -> Result<()> {
    let encoding: String = client.query_one("SHOW server_encoding", &[])?.get(0);
    if encoding != "UTF8" {
        return Err(err!(IoOperationFailed, "the database's encoding is {}; Huddle needs UTF8", encoding));
    }
    Ok(())
}

/// Applies the migrations this database lacks, in one transaction.
fn migrate(client: &mut Client) -> Result<()> {
    let mut tx = client.transaction()?;
    // Held until the transaction ends; taken before the table is created,
    // since two nodes creating it at once would collide.
    tx.execute("SELECT pg_advisory_xact_lock($1)", &[&MIGRATION_LOCK])?;
    tx.batch_execute("CREATE TABLE IF NOT EXISTS huddle_migrations (version int PRIMARY KEY, applied_at timestamptz NOT NULL)")?;
    let applied: Vec<i32> = tx.query("SELECT version FROM huddle_migrations", &[])?.iter().map(|row| row.get(0)).collect();
    for (version, sql) in MIGRATIONS.iter().filter(|(v, _)| !applied.contains(v)) {
        tx.batch_execute(sql)?;
        tx.execute("INSERT INTO huddle_migrations (version, applied_at) VALUES ($1, now())", &[version])?;
    }
    tx.commit()?;
    Ok(())
}

fn load_docs<T: DeserializeOwned>(tx: &mut Transaction, sql: &str) -> Result<Vec<T>> {
    tx.query(sql, &[])?.iter().map(|row| from_doc(row.get(0))).collect()
}

impl Store for PostgresStore {
    fn load(&mut self) -> Result<Snapshot> {
        // One snapshot of the database for every table, whatever commits meanwhile.
        self.reconnect_if_lost()?;
        let mut tx = self.conn.client.build_transaction().isolation_level(IsolationLevel::RepeatableRead).read_only(true).start()?;
        let members = tx
            .query("SELECT group_id, doc FROM members ORDER BY group_id, user_id", &[])?
            .iter()
            .map(|row| Ok((row.get::<_, String>(0), from_doc(row.get(1))?)))
            .collect::<Result<_>>()?;
        // Ordered by key throughout, where SQLite's order is its storage's:
        // the engine rebuilds the same memory from either.
        let snapshot = Snapshot {
            groups: load_docs(&mut tx, "SELECT doc FROM groups ORDER BY id")?,
            members,
            pendencies: load_docs(&mut tx, "SELECT doc FROM pendencies ORDER BY id")?,
            users: load_docs(&mut tx, "SELECT doc FROM users ORDER BY id")?,
            messages: load_docs(&mut tx, "SELECT doc FROM messages ORDER BY thread, seq")?,
            convs: load_docs(&mut tx, "SELECT doc FROM convs ORDER BY user_id, thread")?,
            tips: load_docs(&mut tx, "SELECT doc FROM tips ORDER BY ord")?,
            receipts: load_docs(&mut tx, "SELECT doc FROM receipts ORDER BY user_id, key")?,
            reports: load_docs(&mut tx, "SELECT doc FROM reports ORDER BY ord")?,
            outbox: load_docs(&mut tx, "SELECT doc FROM outbox ORDER BY id")?,
        };
        tx.commit()?;
        Ok(snapshot)
    }

    fn apply(&mut self, changes: &[Change]) -> Result<()> {
        if changes.is_empty() {
            return Ok(());
        }
        self.reconnect_if_lost()?;
        let PostgresStore { conn: Connection { client, stmts: s }, fence, .. } = self;
        // Dropped without a commit on any error: rolled back.
        let mut tx = client.transaction()?;
        if let Some(f) = fence {
            if tx.query_opt(&s.check_lease, &[&f.name, &f.holder, &f.epoch])?.is_none() {
                return Err(err!(IoOperationFailed, "lease {:?} is no longer {}'s at epoch {}: this node may not write", f.name, f.holder, f.epoch));
            }
        }
        for change in changes {
            match change {
                Change::PutGroup(g) => {
                    tx.execute(&s.put_group, &[&g.id, &to_doc(g)?])?;
                }
                Change::DeleteGroup(id) => {
                    tx.execute(&s.delete_group, &[id])?;
                    tx.execute(&s.delete_group_members, &[id])?;
                }
                Change::PutMember { group_id, member } => {
                    tx.execute(&s.put_member, &[group_id, &member.user_id, &to_doc(member)?])?;
                }
                Change::DeleteMember { group_id, user_id } => {
                    tx.execute(&s.delete_member, &[group_id, user_id])?;
                }
                Change::PutPendency(p) => {
                    tx.execute(&s.put_pendency, &[&(p.id as i64), &to_doc(p)?])?;
                }
                Change::DeletePendency(id) => {
                    tx.execute(&s.delete_pendency, &[&(*id as i64)])?;
                }
                Change::PutUser(u) => {
                    tx.execute(&s.put_user, &[&u.user_id, &to_doc(u)?])?;
                }
                Change::PutMessage(m) => {
                    tx.execute(&s.put_message, &[&to_doc(&m.thread)?, &(m.seq as i64), &(m.server_time as i64), &to_doc(m)?])?;
                }
                Change::DeleteMessagesBefore(time) => {
                    let time = *time as i64;
                    tx.execute(&s.delete_messages_before, &[&time])?;
                    tx.execute(&s.delete_tips_before, &[&time])?;
                    tx.execute(&s.delete_reports_before, &[&time])?;
                }
                Change::PutTip(t) => {
                    tx.execute(&s.put_tip, &[&(t.order as i64), &(t.tip.time as i64), &to_doc(t)?])?;
                }
                Change::PutReceipt(r) => {
                    tx.execute(&s.put_receipt, &[&r.user, &receipt_key(&r.key), &(r.time as i64), &to_doc(r)?])?;
                }
                Change::DeleteReceiptsBefore(time) => {
                    tx.execute(&s.delete_receipts_before, &[&(*time as i64)])?;
                }
                Change::PutReport(r) => {
                    tx.execute(&s.put_report, &[&(r.order as i64), &(r.time as i64), &to_doc(r)?])?;
                }
                Change::PutOutbox(e) => {
                    tx.execute(&s.put_outbox, &[&(e.id as i64), &to_doc(e)?])?;
                }
                Change::DeleteOutboxThrough(id) => {
                    tx.execute(&s.delete_outbox_through, &[&(*id as i64)])?;
                }
                Change::PutConv(c) => {
                    tx.execute(&s.put_conv, &[&c.user, &to_doc(&c.thread)?, &to_doc(c)?])?;
                }
                // Online only: an AVChatRoom message is never stored.
                Change::PutRoomMessage { .. } => {}
            }
        }
        tx.commit()?;
        Ok(())
    }
}
