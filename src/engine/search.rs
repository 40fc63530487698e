//! The full-text index behind `HuddleMsgSearchLocalMessages`: SQLite FTS5,
//! kept in memory beside the messages it indexes whatever the store (none,
//! SQLite or PostgreSQL), filled at open and kept by `State::apply`, so it
//! never disagrees with them. Tencent's search is of the device's local
//! messages; here the engine's memory is that device (embedded) or the
//! server holding the user's messages (huddle-server).
//!
//! Chinese, Japanese and Korean are written without spaces, and FTS5's
//! default tokenizer would take a whole run of them for one word. The
//! trigram tokenizer finds substrings, but not of fewer than three
//! characters, and most Chinese words have two. So the text is indexed as
//! the CJK analyzers of search engines index it: each run of CJK characters
//! becomes its overlapping pairs plus its last character ("东京大学" ->
//! "东京 京大 大学 学"), and unicode61 tokenizes the rest into words. A CJK
//! keyword is then the phrase of its pairs, one of any length found through
//! the index; a single CJK character and every other word are matched as a
//! prefix ("hel" finds "hello", "东" finds "东京"). Words of other scripts
//! are found from their start, not inside (FTS5 tokens, not substrings).

use std::collections::HashMap;

use rusqlite::{params, Connection, OptionalExtension};

use crate::model::{Message, Thread};
use crate::types::MsgStatus;

/// The index, opened on the first message it is given (a `State` that holds
/// none, as tools make them, opens no database).
#[derive(Default)]
pub struct SearchIndex {
    db: Option<Connection>,
    /// Threads by their number in the index, and back.
    ids: HashMap<Thread, i64>,
    threads: Vec<Thread>,
}

impl std::fmt::Debug for SearchIndex {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("SearchIndex").field("threads", &self.threads.len()).finish()
    }
}

const SCHEMA: &str = "
CREATE TABLE docs (
    id INTEGER PRIMARY KEY, thread INTEGER NOT NULL, seq INTEGER NOT NULL,
    time INTEGER NOT NULL, sender TEXT NOT NULL, types INTEGER NOT NULL);
CREATE UNIQUE INDEX docs_by_seq ON docs (thread, seq);
CREATE INDEX docs_by_time ON docs (time);
CREATE VIRTUAL TABLE fts USING fts5(body, content='', contentless_delete=1, tokenize='unicode61');
";

/// What a search asks of the index; the engine then keeps what the
/// searcher's conversations show.
pub struct IndexQuery<'a> {
    /// An FTS5 expression (see `match_expr`), or none: every message.
    pub expr: Option<String>,
    pub threads: &'a [Thread],
    pub senders: &'a [String],
    /// Elem types as bits (`1 << elem_type`); 0: any.
    pub types: u32,
    pub from: u64,
    pub to: u64,
}

/// Whether `c` is written without spaces between words: Han, kana, Hangul.
fn is_cjk(c: char) -> bool {
    c.is_alphanumeric()
        && matches!(c as u32,
            0x1100..=0x11FF | 0x3040..=0x30FF | 0x3130..=0x318F | 0x31F0..=0x31FF | 0x3400..=0x4DBF
            | 0x4E00..=0x9FFF | 0xAC00..=0xD7AF | 0xF900..=0xFAFF | 0x20000..=0x2FFFF)
}

/// Runs of CJK characters (`true`) and of the rest (`false`), in order.
fn runs(text: &str) -> Vec<(bool, Vec<char>)> {
    let mut out: Vec<(bool, Vec<char>)> = Vec::new();
    for c in text.chars() {
        let cjk = is_cjk(c);
        match out.last_mut() {
            Some((kind, run)) if *kind == cjk => run.push(c),
            _ => out.push((cjk, vec![c])),
        }
    }
    out
}

/// A CJK run's pairs, each as a string.
fn pairs(run: &[char]) -> impl Iterator<Item = String> + '_ {
    run.windows(2).map(|w| w.iter().collect())
}

/// The text as the index stores it (see the module's doc).
pub fn index_text(text: &str) -> String {
    let mut out = String::with_capacity(text.len() * 2);
    for (cjk, run) in runs(text) {
        out.push(' ');
        if cjk {
            for pair in pairs(&run) {
                out.push_str(&pair);
                out.push(' ');
            }
            out.extend(run.last());
        } else {
            out.extend(run);
        }
    }
    out
}

/// One keyword as an FTS5 expression: every part of it, each CJK run as
/// the phrase of its pairs (a lone character as a prefix), each other word
/// as a prefix. `None` when it holds nothing to look for (only punctuation).
pub fn match_expr(keyword: &str) -> Option<String> {
    let mut parts = Vec::new();
    for (cjk, run) in runs(keyword) {
        if cjk && run.len() > 1 {
            parts.push(format!("\"{}\"", pairs(&run).collect::<Vec<_>>().join(" ")));
        } else if cjk {
            parts.push(format!("\"{}\"*", run[0]));
        } else {
            let text: String = run.into_iter().collect();
            parts.extend(text.split(|c: char| !c.is_alphanumeric()).filter(|w| !w.is_empty()).map(|w| format!("\"{}\"*", w)));
        }
    }
    (!parts.is_empty()).then(|| parts.join(" AND "))
}

/// The words a message is found by: its text elems, and its custom elems'
/// description and extension (their data is the app's, often not text).
fn body(m: &Message) -> String {
    let fields = ["text_elem_content", "custom_elem_desc", "custom_elem_ext"];
    let texts = m.elems.iter().flat_map(|e| fields.iter().filter_map(move |f| e.get(*f).and_then(|v| v.as_str())));
    texts.map(index_text).collect::<Vec<_>>().join(" ")
}

fn types(m: &Message) -> u32 {
    m.elems.iter().filter_map(|e| e.get("elem_type").and_then(|t| t.as_i64())).filter(|t| (0..32).contains(t)).fold(0, |bits, t| bits | 1 << t)
}

impl SearchIndex {
    fn db(&mut self) -> rusqlite::Result<&Connection> {
        if self.db.is_none() {
            let db = Connection::open_in_memory()?;
            db.execute_batch(SCHEMA)?;
            self.db = Some(db);
        }
        Ok(self.db.as_ref().expect("just opened"))
    }

    fn thread_id(&mut self, thread: &Thread) -> i64 {
        if let Some(id) = self.ids.get(thread) {
            return *id;
        }
        let id = self.threads.len() as i64;
        self.threads.push(thread.clone());
        self.ids.insert(thread.clone(), id);
        id
    }

    /// Indexes `m` as it is now (a recalled message is found no more).
    pub fn put(&mut self, m: &Message) {
        if let Err(e) = self.try_put(m) {
            tracing::error!("the search index could not take message {}: {}", m.msg_id, e);
        }
    }

    fn try_put(&mut self, m: &Message) -> rusqlite::Result<()> {
        let thread = self.thread_id(&m.thread);
        self.try_remove(thread, m.seq)?;
        if m.status == MsgStatus::Revoked {
            return Ok(());
        }
        let db = self.db()?;
        db.prepare_cached("INSERT INTO docs (thread, seq, time, sender, types) VALUES (?1, ?2, ?3, ?4, ?5)")?
            .execute(params![thread, m.seq as i64, m.server_time as i64, m.sender, types(m)])?;
        let text = body(m);
        if !text.trim().is_empty() {
            db.prepare_cached("INSERT INTO fts (rowid, body) VALUES (?1, ?2)")?.execute(params![db.last_insert_rowid(), text])?;
        }
        Ok(())
    }

    fn try_remove(&mut self, thread: i64, seq: u64) -> rusqlite::Result<()> {
        let Some(db) = &self.db else { return Ok(()) };
        let id: Option<i64> = db
            .prepare_cached("SELECT id FROM docs WHERE thread = ?1 AND seq = ?2")?
            .query_row(params![thread, seq as i64], |r| r.get(0))
            .optional()?;
        if let Some(id) = id {
            db.prepare_cached("DELETE FROM docs WHERE id = ?1")?.execute(params![id])?;
            db.prepare_cached("DELETE FROM fts WHERE rowid = ?1")?.execute(params![id])?;
        }
        Ok(())
    }

    pub fn remove(&mut self, thread: &Thread, seq: u64) {
        let Some(id) = self.ids.get(thread).copied() else { return };
        if let Err(e) = self.try_remove(id, seq) {
            tracing::error!("the search index could not drop a message: {}", e);
        }
    }

    /// Drops what retention dropped.
    pub fn remove_before(&mut self, time: u64) {
        let Some(db) = &self.db else { return };
        let done = db.execute_batch("BEGIN").and_then(|_| {
            db.execute("DELETE FROM fts WHERE rowid IN (SELECT id FROM docs WHERE time < ?1)", params![time as i64])?;
            db.execute("DELETE FROM docs WHERE time < ?1", params![time as i64])?;
            db.execute_batch("COMMIT")
        });
        if let Err(e) = done {
            tracing::error!("the search index could not drop old messages: {}", e);
        }
    }

    /// Starts a transaction for many changes at once (loading a store's
    /// messages at open); `commit` ends it.
    pub fn begin(&mut self) {
        if let Err(e) = self.db().and_then(|db| db.execute_batch("BEGIN")) {
            tracing::error!("the search index could not begin a transaction: {}", e);
        }
    }

    pub fn commit(&mut self) {
        if let Some(Err(e)) = self.db.as_ref().map(|db| db.execute_batch("COMMIT")) {
            tracing::error!("the search index could not be filled: {}", e);
        }
    }

    /// The messages that match, newest first, as (thread, seq).
    pub fn find(&self, q: &IndexQuery) -> crate::error::Result<Vec<(Thread, u64)>> {
        let Some(db) = &self.db else { return Ok(Vec::new()) };
        let threads: Vec<String> = q.threads.iter().filter_map(|t| self.ids.get(t)).map(i64::to_string).collect();
        if threads.is_empty() {
            return Ok(Vec::new());
        }
        let mut sql = match q.expr {
            // CROSS JOIN keeps the index's hits the outer loop: SQLite would
            // otherwise walk a conversation's rows and ask FTS5 about each.
            Some(_) => String::from("SELECT d.thread, d.seq FROM fts CROSS JOIN docs d ON d.id = fts.rowid WHERE fts MATCH ?1"),
            None => String::from("SELECT d.thread, d.seq FROM docs d WHERE ?1 IS NULL"),
        };
        // Thread numbers are ours, not the caller's: safe to write in.
        sql.push_str(&format!(" AND d.thread IN ({}) AND d.time >= ?2 AND d.time <= ?3", threads.join(",")));
        if q.types != 0 {
            sql.push_str(" AND (d.types & ?4) != 0");
        } else {
            sql.push_str(" AND ?4 = 0");
        }
        let mut args: Vec<rusqlite::types::Value> =
            vec![q.expr.clone().into(), (q.from.min(i64::MAX as u64) as i64).into(), (q.to.min(i64::MAX as u64) as i64).into(), (q.types as i64).into()];
        if !q.senders.is_empty() {
            let marks: Vec<String> = (0..q.senders.len()).map(|i| format!("?{}", i + 5)).collect();
            sql.push_str(&format!(" AND d.sender IN ({})", marks.join(",")));
            args.extend(q.senders.iter().map(|s| s.clone().into()));
        }
        sql.push_str(" ORDER BY d.time DESC, d.seq DESC");
        let mut stmt = db.prepare_cached(&sql)?;
        let rows = stmt.query_map(rusqlite::params_from_iter(args), |r| Ok((r.get::<_, i64>(0)?, r.get::<_, i64>(1)?)))?;
        let mut found = Vec::new();
        for row in rows {
            let (thread, seq) = row?;
            found.push((self.threads[thread as usize].clone(), seq as u64));
        }
        Ok(found)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cjk_runs_are_indexed_as_pairs_and_keywords_as_their_phrase() {
        assert_eq!(index_text("去东京大学吧").split_whitespace().collect::<Vec<_>>(), ["去东", "东京", "京大", "大学", "学吧", "吧"]);
        assert_eq!(index_text("hello世界!").split_whitespace().collect::<Vec<_>>(), ["hello", "世界", "界", "!"]);
        assert_eq!(match_expr("东京大学").as_deref(), Some("\"东京 京大 大学\""));
        assert_eq!(match_expr("东").as_deref(), Some("\"东\"*"));
        assert_eq!(match_expr("Hello, 世界").as_deref(), Some("\"Hello\"* AND \"世界\""));
        assert_eq!(match_expr("?!"), None);
        assert!(!is_cjk('。') && is_cjk('한') && is_cjk('の'));
    }
}
