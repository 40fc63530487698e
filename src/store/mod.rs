//! Durable storage behind a trait, so the engine never sees SQL. SQLite serves
//! the embedded engine now; a PostgreSQL store can implement the same trait.
//! An engine without a data dir keeps everything in memory and has no store.

mod sqlite;

pub use sqlite::SqliteStore;

use crate::error::Result;
use crate::model::{Change, Snapshot};

pub trait Store: Send {
    /// Reads everything back, for the engine to rebuild its memory at open.
    fn load(&mut self) -> Result<Snapshot>;

    /// Records the changes atomically: all or none, and durable on return.
    /// The engine's committer calls it with many operations' changes at once.
    fn apply(&mut self, changes: &[Change]) -> Result<()>;
}
