//! Durable storage behind a trait, so the engine never sees SQL. SQLite serves
//! the embedded engine now; a PostgreSQL store can implement the same trait.

mod memory;
mod sqlite;

pub use memory::MemoryStore;
pub use sqlite::SqliteStore;

use crate::error::Result;
use crate::model::{Change, Snapshot};

pub trait Store: Send {
    /// Reads everything back, for the engine to rebuild its memory at open.
    fn load(&mut self) -> Result<Snapshot>;

    /// Records the changes atomically: all or none, and durable on return.
    fn apply(&mut self, changes: &[Change]) -> Result<()>;
}
