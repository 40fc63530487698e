//! The full-text index behind `HuddleMsgSearchLocalMessages`: SQLite FTS5
//! tables beside the messages. The SQLite store keeps them in its own file
//! and writes them in the transaction that commits the messages, so the
//! index is never behind or ahead of them and an open has nothing to
//! rebuild; with no store, or PostgreSQL (no FTS5, and a cluster's leader
//! loads every message into memory at open anyway), the engine keeps the
//! same tables in an in-memory database (`crate::engine::SearchIndex`).
//!
//! A message's row is numbered `thread << 32 | seq` (threads numbered in
//! `search_threads`), so a conversation is a range of rows, newest last:
//! FTS5 seeks to a range and walks it backwards, and a search of all the
//! caller's conversations counts its hits per conversation from their row
//! numbers alone, without visiting the messages. What else decides
//! whether the searcher sees a hit is in the query (`Query::convs`: joined,
//! cleared, left, deleted for itself) or in the index (`search_viewers`:
//! the few messages not every member sees).
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

use std::collections::{HashMap, HashSet};

use rusqlite::types::Value as SqlValue;
use rusqlite::{params, Connection, OptionalExtension};

use crate::error::{err, Result};
use crate::model::{Message, Thread};
use crate::types::MsgStatus;

/// What the index holds and how: a store whose index is of another version
/// (or has none yet, as a data dir from before it) rebuilds it at open.
pub const VERSION: i64 = 1;

pub const SCHEMA: &str = "
CREATE TABLE IF NOT EXISTS search_version (version INTEGER NOT NULL);
CREATE TABLE IF NOT EXISTS search_threads (id INTEGER PRIMARY KEY, thread TEXT NOT NULL UNIQUE);
CREATE TABLE IF NOT EXISTS search_docs (id INTEGER PRIMARY KEY, time INTEGER NOT NULL, sender TEXT NOT NULL, types INTEGER NOT NULL);
CREATE INDEX IF NOT EXISTS search_docs_by_time ON search_docs (time);
CREATE TABLE IF NOT EXISTS search_viewers (doc INTEGER NOT NULL, user TEXT NOT NULL, PRIMARY KEY (doc, user)) WITHOUT ROWID;
CREATE VIRTUAL TABLE IF NOT EXISTS search_fts USING fts5(body, content='', contentless_delete=1, tokenize='unicode61');
";

/// The highest seq a row number holds; a message past it is not indexed.
const MAX_SEQ: u64 = u32::MAX as u64;

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

/// Who alone sees `m`, when not everyone of its conversation does (as
/// `Message::visible_to` decides): none for most messages.
fn viewers(m: &Message) -> Vec<&str> {
    match &m.local_to {
        Some(owner) => vec![owner.as_str()],
        None if m.targets.is_empty() => Vec::new(),
        None => std::iter::once(m.sender.as_str()).chain(m.targets.iter().map(String::as_str)).collect(),
    }
}

fn thread_key(thread: &Thread) -> String {
    serde_json::to_string(thread).expect("threads always encode")
}

/// The row number of a message: its thread's number, then its seq.
fn row(thread: i64, seq: u64) -> i64 {
    thread << 32 | seq.min(MAX_SEQ) as i64
}

fn thread_number(db: &Connection, thread: &Thread) -> Result<Option<i64>> {
    Ok(db.prepare_cached("SELECT id FROM search_threads WHERE thread = ?1")?.query_row([thread_key(thread)], |r| r.get(0)).optional()?)
}

/// Whether the index was built by this version (see `VERSION`).
pub fn is_current(db: &Connection) -> Result<bool> {
    let version: Option<i64> = db.query_row("SELECT version FROM search_version", [], |r| r.get(0)).optional()?;
    Ok(version == Some(VERSION))
}

/// Empties the index, for `put` to fill it again; marks it of this version.
pub fn clear(db: &Connection) -> Result<()> {
    db.execute_batch("DELETE FROM search_threads; DELETE FROM search_docs; DELETE FROM search_viewers; DELETE FROM search_fts; DELETE FROM search_version")?;
    db.execute("INSERT INTO search_version (version) VALUES (?1)", [VERSION])?;
    Ok(())
}

/// Indexes `m` as it is now, in place of what the index held of it (a
/// recalled message is found no more).
pub fn put(db: &Connection, m: &Message) -> Result<()> {
    if m.seq > MAX_SEQ {
        tracing::warn!("message {} is past the seqs the search index numbers: not indexed", m.msg_id);
        return Ok(());
    }
    let thread = match thread_number(db, &m.thread)? {
        Some(n) => n,
        None => {
            db.prepare_cached("INSERT INTO search_threads (thread) VALUES (?1)")?.execute([thread_key(&m.thread)])?;
            db.last_insert_rowid()
        }
    };
    let id = row(thread, m.seq);
    drop_row(db, id)?;
    if m.status == MsgStatus::Revoked {
        return Ok(());
    }
    db.prepare_cached("INSERT INTO search_docs (id, time, sender, types) VALUES (?1, ?2, ?3, ?4)")?
        .execute(params![id, m.server_time as i64, m.sender, types(m)])?;
    db.prepare_cached("INSERT INTO search_fts (rowid, body) VALUES (?1, ?2)")?.execute(params![id, body(m)])?;
    for user in viewers(m) {
        db.prepare_cached("INSERT OR IGNORE INTO search_viewers (doc, user) VALUES (?1, ?2)")?.execute(params![id, user])?;
    }
    Ok(())
}

fn drop_row(db: &Connection, id: i64) -> Result<()> {
    if db.prepare_cached("DELETE FROM search_docs WHERE id = ?1")?.execute([id])? > 0 {
        db.prepare_cached("DELETE FROM search_fts WHERE rowid = ?1")?.execute([id])?;
        db.prepare_cached("DELETE FROM search_viewers WHERE doc = ?1")?.execute([id])?;
    }
    Ok(())
}

/// Forgets a message (one whose storing was taken back).
pub fn remove(db: &Connection, thread: &Thread, seq: u64) -> Result<()> {
    match thread_number(db, thread)? {
        Some(n) => drop_row(db, row(n, seq)),
        None => Ok(()),
    }
}

/// Forgets what retention dropped.
pub fn remove_before(db: &Connection, time: u64) -> Result<()> {
    let time = time.min(i64::MAX as u64) as i64;
    db.execute("DELETE FROM search_fts WHERE rowid IN (SELECT id FROM search_docs WHERE time < ?1)", [time])?;
    db.execute("DELETE FROM search_viewers WHERE doc IN (SELECT id FROM search_docs WHERE time < ?1)", [time])?;
    db.execute("DELETE FROM search_docs WHERE time < ?1", [time])?;
    Ok(())
}

/// What of a conversation its owner sees: the seqs after `after`, through
/// `through` (where it left), but the ones it deleted for itself.
#[derive(Clone, Debug)]
pub struct ConvRange {
    pub thread: Thread,
    pub after: u64,
    pub through: Option<u64>,
    pub deleted: Vec<u64>,
}

/// A search, as the engine asks it of the index for one user.
#[derive(Clone, Debug)]
pub struct Query {
    pub user: String,
    /// An FTS5 expression (see `match_expr`), or none: every message.
    pub expr: Option<String>,
    /// The conversations to look in, as the user sees them.
    pub convs: Vec<ConvRange>,
    /// One conversation: a page of its messages; else a page of the
    /// conversations with a match.
    pub one: bool,
    pub senders: Vec<String>,
    /// Elem types as bits (`1 << elem_type`); 0: any.
    pub types: u32,
    pub from: u64,
    pub to: u64,
    pub page_index: u32,
    /// 0: everything.
    pub page_size: u32,
}

/// What a search found, newest first.
#[derive(Debug, PartialEq)]
pub enum Found {
    /// One conversation: how many messages match, and the page's seqs.
    One { total: usize, page: Vec<u64> },
    /// How many conversations have a match, and the page's: each with its
    /// number of matches and the seq of the newest.
    All { total: usize, page: Vec<(Thread, usize, u64)> },
}

impl Query {
    /// The page of `all`.
    fn page<T>(&self, all: impl Iterator<Item = T>) -> impl Iterator<Item = T> {
        let (skip, take) = match self.page_size {
            0 => (0, usize::MAX),
            size => ((self.page_index as usize).saturating_mul(size as usize), size as usize),
        };
        all.skip(skip).take(take)
    }
}

/// Runs `q` on the index in `db`.
pub fn find(db: &Connection, q: &Query) -> Result<Found> {
    let tx = db.unchecked_transaction()?;
    let found = find_in(&tx, q)?;
    tx.commit()?;
    Ok(found)
}

/// A conversation's rows as the searcher sees them: after `lo`, through
/// `hi`, but the deleted ones.
struct Rows {
    lo: i64,
    hi: i64,
    deleted: HashSet<i64>,
}

impl Rows {
    fn shows(&self, id: i64) -> bool {
        id > self.lo && id <= self.hi && !self.deleted.contains(&id)
    }
}

fn find_in(db: &Connection, q: &Query) -> Result<Found> {
    let mut convs: HashMap<i64, Rows> = HashMap::new();
    for c in &q.convs {
        if let Some(n) = thread_number(db, &c.thread)? {
            let rows = Rows { lo: row(n, c.after), hi: row(n, c.through.unwrap_or(MAX_SEQ)), deleted: c.deleted.iter().map(|s| row(n, *s)).collect() };
            convs.insert(n, rows);
        }
    }
    if convs.is_empty() {
        return Ok(if q.one { Found::One { total: 0, page: Vec::new() } } else { Found::All { total: 0, page: Vec::new() } });
    }
    let mut args: Vec<SqlValue> = Vec::new();
    let mut conds: Vec<String> = Vec::new();
    // The hit's row number, and where hits come from: the FTS5 table's
    // matches (walked first: CROSS JOIN keeps SQLite from walking the rows
    // and asking FTS5 about each), or the rows themselves.
    let (h, mut from) = match &q.expr {
        Some(expr) => {
            conds.push("search_fts MATCH ?".into());
            args.push(expr.clone().into());
            ("search_fts.rowid", String::from("search_fts"))
        }
        None => ("d.id", String::from("search_docs d")),
    };
    // Messages only some see: looked up only if the index holds any.
    if db.query_row("SELECT EXISTS (SELECT 1 FROM search_viewers)", [], |r| r.get::<_, bool>(0))? {
        conds.push(format!(
            "(NOT EXISTS (SELECT 1 FROM search_viewers v WHERE v.doc = {h}) OR EXISTS (SELECT 1 FROM search_viewers v WHERE v.doc = {h} AND v.user = ?))"
        ));
        args.push(q.user.clone().into());
    }
    // What only the rows know: time, sender and types, read only when asked.
    let (first, last): (Option<i64>, Option<i64>) =
        db.query_row("SELECT (SELECT min(time) FROM search_docs), (SELECT max(time) FROM search_docs)", [], |r| Ok((r.get(0)?, r.get(1)?)))?;
    let (lo_time, hi_time) = (q.from.min(i64::MAX as u64) as i64, q.to.min(i64::MAX as u64) as i64);
    let mut by_row = Vec::new();
    if first.is_some_and(|t| t < lo_time) || last.is_some_and(|t| t > hi_time) {
        by_row.push("d.time >= ? AND d.time <= ?".to_string());
        args.extend([lo_time.into(), hi_time.into()]);
    }
    if q.types != 0 {
        by_row.push("(d.types & ?) != 0".into());
        args.push((q.types as i64).into());
    }
    if !q.senders.is_empty() {
        by_row.push(format!("d.sender IN ({})", vec!["?"; q.senders.len()].join(",")));
        args.extend(q.senders.iter().map(|s| s.clone().into()));
    }
    if q.expr.is_some() && !by_row.is_empty() {
        from.push_str(" CROSS JOIN search_docs d ON d.id = search_fts.rowid");
    }
    conds.extend(by_row);
    // A conversation's rows are a range: FTS5 and the rows' table seek to it.
    let in_range = |lo: i64, hi: i64| {
        let mut a = args.clone();
        a.extend([lo.into(), hi.into()]);
        (format!("FROM {from} WHERE {}{h} > ? AND {h} <= ?", conds.iter().map(|c| format!("{c} AND ")).collect::<String>()), a)
    };
    if q.one {
        let (_, rows) = convs.iter().next().expect("one conversation");
        let (filter, args) = in_range(rows.lo, rows.hi);
        let gone = rows.deleted.iter().map(i64::to_string).collect::<Vec<_>>().join(",");
        // Row numbers are ours, not the caller's: safe to write in.
        let filter = if gone.is_empty() { filter } else { format!("{filter} AND {h} NOT IN ({gone})") };
        // One pass (a prefix keyword costs FTS5 a merge of its words' hits
        // each time it runs): every hit, newest first, then the page of them.
        let mut stmt = db.prepare_cached(&format!("SELECT {h} {filter} ORDER BY {h} DESC"))?;
        let hits = stmt.query_map(rusqlite::params_from_iter(&args), |r| r.get::<_, i64>(0))?.collect::<rusqlite::Result<Vec<i64>>>()?;
        let page = q.page(hits.iter()).map(|id| (*id as u64) & MAX_SEQ).collect();
        return Ok(Found::One { total: hits.len(), page });
    }
    // Every conversation: the hits stream out of SQLite in one pass (with
    // a keyword: all of its hits; without: each conversation's range), and
    // are counted per conversation here, which costs less than SQLite's
    // GROUP BY (a sort) or a lookup per hit in SQL.
    let mut tally: HashMap<i64, (usize, i64)> = HashMap::new();
    let mut count = |id: i64| {
        if convs.get(&(id >> 32)).is_some_and(|rows| rows.shows(id)) {
            let (n, top) = tally.entry(id >> 32).or_insert((0, id));
            *n += 1;
            *top = (*top).max(id);
        }
    };
    let passes: Vec<(String, Vec<SqlValue>)> = match q.expr {
        Some(_) => vec![(format!("FROM {from} WHERE {}", conds.join(" AND ")), args.clone())],
        None => convs.values().map(|rows| in_range(rows.lo, rows.hi)).collect(),
    };
    for (filter, args) in passes {
        let mut stmt = db.prepare_cached(&format!("SELECT {h} {filter}"))?;
        let mut hits = stmt.query(rusqlite::params_from_iter(&args))?;
        while let Some(hit) = hits.next()? {
            count(hit.get(0)?);
        }
    }
    // Conversations by the time of their newest hit, then its seq.
    let mut groups = Vec::with_capacity(tally.len());
    for (thread, (n, top)) in tally {
        let time: i64 = db.prepare_cached("SELECT time FROM search_docs WHERE id = ?1")?.query_row([top], |r| r.get(0))?;
        groups.push((time, top & MAX_SEQ as i64, thread, n));
    }
    groups.sort_unstable_by(|a, b| b.cmp(a));
    let mut page = Vec::new();
    for (_, seq, n, count) in q.page(groups.iter()) {
        let key: String = db.prepare_cached("SELECT thread FROM search_threads WHERE id = ?1")?.query_row([n], |r| r.get(0))?;
        let thread: Thread = serde_json::from_str(&key).map_err(|e| err!(IoOperationFailed, "corrupt search index: {}", e))?;
        page.push((thread, *count, *seq as u64));
    }
    Ok(Found::All { total: groups.len(), page })
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
