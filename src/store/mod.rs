//! Durable storage behind a trait, so the engine never sees SQL. SQLite serves
//! the embedded engine; PostgreSQL (server builds only) serves servers whose
//! data lives on a database server.
//! An engine without a data dir keeps everything in memory and has no store.

#[cfg(feature = "server")]
mod postgres;
pub mod search;
mod sqlite;

#[cfg(feature = "server")]
pub use postgres::PostgresStore;
pub use sqlite::SqliteStore;

use crate::error::Result;
use crate::model::{Change, Snapshot};

pub trait Store: Send {
    /// Reads everything back, for the engine to rebuild its memory at open.
    fn load(&mut self) -> Result<Snapshot>;

    /// Records the changes atomically: all or none, and durable on return.
    /// The engine's committer calls it with many operations' changes at once.
    fn apply(&mut self, changes: &[Change]) -> Result<()>;

    /// Whether the store keeps the messages' search index itself, written
    /// with them (SQLite); if not, the engine keeps one in memory.
    fn keeps_search_index(&self) -> bool {
        false
    }

    /// Runs a search on the store's index: only asked of a store that keeps one.
    fn search(&mut self, _query: &search::Query) -> Result<search::Found> {
        Err(crate::error::err!(InvalidParameters, "this store keeps no search index"))
    }
}

/// A record as the stores keep it: a JSON document, so that a new field
/// needs no migration.
fn to_doc<T: serde::Serialize>(v: &T) -> Result<String> {
    serde_json::to_string(v).map_err(|e| crate::error::err!(IoOperationFailed, "cannot encode a record: {}", e))
}

fn from_doc<T: serde::de::DeserializeOwned>(doc: &str) -> Result<T> {
    serde_json::from_str(doc).map_err(|e| crate::error::err!(IoOperationFailed, "corrupt record in the store: {}", e))
}
