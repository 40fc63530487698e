//! `HuddleMsgSearchLocalMessages`: what a user asks, as a query of the
//! messages' full-text index (`crate::store::search`), and the answer,
//! Tencent's MessageSearchResult. Tencent's search is of the device's local
//! messages; here the engine's messages are that device (embedded) or the
//! server holding the user's messages (huddle-server).
//!
//! Where the index is decides when a search runs. A SQLite store keeps it
//! in its file, written in the transaction of the messages: a search waits
//! in the commit queue for everything before it to be committed, runs on
//! the store's connection, and is answered in its place, so a search after
//! a send finds it and one after a recall does not. With no store or
//! PostgreSQL, the index is in memory, fed as each change is applied, and a
//! search runs under the engine's lock like any read.

use rusqlite::Connection;
use serde_json::{json, Value};

use crate::error::{err, Code, Error, Result};
use crate::model::{ConvState, Message, Thread};
use crate::params::{KeywordMatch, SearchParam};
use crate::response::{Reply, Response};
use crate::store::search::{self as index, ConvRange, Found, Query};
use crate::types::ConvType;

use super::commit::SearchJob;
use super::state::State;
use super::views::MessageView;
use super::{stage, Caller, Ctx, Engine};
use crate::wake;

/// Tencent's limit on search keywords.
pub const MAX_KEYWORDS: usize = 5;

/// Where the messages' index is (see the module's doc).
pub enum SearchIndex {
    /// In this process's memory, opened on the first message (a `State`
    /// that holds none, as tools make them, opens no database).
    Memory(Option<Connection>),
    /// In the store's file, kept by the store.
    Store,
}

impl Default for SearchIndex {
    fn default() -> Self {
        SearchIndex::Memory(None)
    }
}

impl std::fmt::Debug for SearchIndex {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(match self {
            SearchIndex::Memory(_) => "SearchIndex::Memory",
            SearchIndex::Store => "SearchIndex::Store",
        })
    }
}

impl SearchIndex {
    /// The in-memory index, opened if need be; none when the store keeps it.
    fn memory(&mut self) -> Result<Option<&Connection>> {
        let SearchIndex::Memory(db) = self else { return Ok(None) };
        if db.is_none() {
            let opened = Connection::open_in_memory()?;
            opened.execute_batch(index::SCHEMA)?;
            index::clear(&opened)?;
            *db = Some(opened);
        }
        Ok(db.as_ref())
    }

    /// Runs `f` on the in-memory index; a failure is logged (the messages
    /// are kept whatever the index does).
    fn keep(&mut self, what: &str, f: impl FnOnce(&Connection) -> Result<()>) {
        if let Err(e) = self.memory().and_then(|db| db.map_or(Ok(()), f)) {
            tracing::error!("the search index could not {}: {}", what, e.desc);
        }
    }

    pub fn put(&mut self, m: &Message) {
        self.keep("take a message", |db| index::put(db, m));
    }

    pub fn remove(&mut self, thread: &Thread, seq: u64) {
        self.keep("drop a message", |db| index::remove(db, thread, seq));
    }

    pub fn remove_before(&mut self, time: u64) {
        self.keep("drop old messages", |db| index::remove_before(db, time));
    }

    /// Starts a transaction for many changes at once (loading a store's
    /// messages at open); `commit` ends it.
    pub fn begin(&mut self) {
        self.keep("begin a transaction", |db| Ok(db.execute_batch("BEGIN")?));
    }

    pub fn commit(&mut self) {
        self.keep("be filled", |db| Ok(db.execute_batch("COMMIT")?));
    }
}

impl State {
    /// The index query of a user's search: what it looks for, and in which
    /// conversations, each as far as the user sees it (`ConvState::shows`).
    pub fn search_query(&self, ctx: &Ctx, p: &SearchParam) -> Result<Query> {
        if p.keywords.len() > MAX_KEYWORDS {
            return Err(err!(InvalidParameters, "at most {} keywords, not {}", MAX_KEYWORDS, p.keywords.len()));
        }
        if p.keywords.is_empty() && p.senders.is_empty() && p.message_types.is_empty() {
            return Err(err!(InvalidParameters, "search by keywords, senders or message types"));
        }
        let one = match ConvType::from_int(p.conv_type as i64) {
            Some(t @ (ConvType::C2C | ConvType::Group)) if !p.conv_id.is_empty() => Some(self.thread_for(ctx, t, &p.conv_id)?),
            _ => None,
        };
        let exprs: Vec<String> = p.keywords.iter().filter_map(|k| index::match_expr(k)).map(|e| format!("({})", e)).collect();
        let nothing = !p.keywords.is_empty() && (exprs.is_empty() || (p.match_type == KeywordMatch::And && exprs.len() < p.keywords.len()));
        let convs: Vec<&ConvState> = match (&one, nothing) {
            (_, true) => Vec::new(),
            (Some(t), _) => self.conv(ctx.user, t).into_iter().collect(),
            (None, _) => self.convs.get(ctx.user).into_iter().flat_map(|c| c.values()).collect(),
        };
        let range = |c: &ConvState| ConvRange {
            thread: c.thread.clone(),
            after: c.joined_after.max(c.hidden_through),
            through: c.left_at,
            deleted: c.deleted.iter().copied().collect(),
        };
        let to = if p.time_position == 0 { ctx.now } else { p.time_position };
        Ok(Query {
            user: ctx.user.to_string(),
            expr: (!exprs.is_empty()).then(|| exprs.join(if p.match_type == KeywordMatch::And { " AND " } else { " OR " })),
            convs: convs.into_iter().map(range).collect(),
            one: one.is_some(),
            senders: p.senders.clone(),
            types: p.message_types.iter().filter(|t| **t < 32).fold(0, |bits, t| bits | 1 << t),
            from: if p.time_period == 0 { 0 } else { to.saturating_sub(p.time_period) },
            to,
            page_index: p.page_index,
            page_size: p.page_size,
        })
    }

    /// Tencent's MessageSearchResult of what the index found: in one
    /// conversation, the page of its matches; in all, the page of the
    /// conversations with a match, newest match first, each with its count
    /// and, when it has only one, that message.
    pub fn search_result(&self, q: &Query, found: Found) -> Value {
        let view = |thread: &Thread, seq: &u64| self.threads.get(thread).and_then(|t| t.messages.get(seq)).map(|m| MessageView::value(self, m, &q.user));
        let item = |thread: &Thread, messages: Vec<Value>, count: usize| {
            json!({
                "msg_search_result_item_conv_id": thread.peer(&q.user),
                "msg_search_result_item_conv_type": thread.conv_type(),
                "msg_search_result_item_total_message_count": count,
                "msg_search_result_item_message_array": messages,
            })
        };
        let (total, items): (usize, Vec<Value>) = match found {
            Found::One { total, page } => {
                // No conversation to search (none with that peer, or a keyword of only punctuation): nothing found.
                let conv = q.convs.first().filter(|_| total > 0);
                (total, conv.map(|c| item(&c.thread, page.iter().filter_map(|s| view(&c.thread, s)).collect(), total)).into_iter().collect())
            }
            Found::All { total, page } => {
                let items = page.iter().map(|(thread, count, newest)| item(thread, if *count == 1 { view(thread, newest).into_iter().collect() } else { Vec::new() }, *count));
                (total, items.collect())
            }
        };
        json!({ "msg_search_result_total_count": total, "msg_search_result_item_array": items })
    }

    /// A search on the in-memory index (see the module's doc).
    fn search_in_memory(&self, q: &Query) -> Result<Value> {
        let found = match &self.search {
            SearchIndex::Memory(Some(db)) => index::find(db, q)?,
            _ if q.one => Found::One { total: 0, page: Vec::new() },
            _ => Found::All { total: 0, page: Vec::new() },
        };
        Ok(self.search_result(q, found))
    }
}

impl Engine {
    /// Answers a search in order with the operations around it (like
    /// `query`), from the index wherever it is (see the module's doc).
    pub fn search(&self, caller: Caller, p: &SearchParam, reply: Reply) {
        if let Some(e) = self.committer.as_ref().and_then(|c| c.busy()) {
            return reply(Response::error(&e));
        }
        wake::deferred(|| {
            let inner = self.inner.lock();
            let state = &inner.state;
            let query = state.search_query(&self.ctx(caller, state), p);
            match (query, &self.committer, &state.search) {
                (Ok(query), Some(c), SearchIndex::Store) => c.enqueue_search(SearchJob { query, reply }),
                (query, _, _) => {
                    let resp = match query.and_then(|q| state.search_in_memory(&q)) {
                        Ok(result) => Response::ok(result),
                        Err(e) => Response::error(&e),
                    };
                    self.staged(|| stage::reply(reply, resp));
                }
            }
        })
    }

    /// `search` for Rust callers (tools, benchmarks): waits for the answer.
    pub fn search_messages(&self, user: &str, p: &SearchParam) -> Result<Value> {
        let (tx, rx) = std::sync::mpsc::channel();
        self.search(user.into(), p, Box::new(move |r| drop(tx.send(r))));
        let r = rx.recv().map_err(|_| err!(IoOperationFailed, "the engine closed before the search was answered"))?;
        match r.code {
            0 => serde_json::from_str(&r.json).map_err(|e| err!(IoOperationFailed, "a search answered bad JSON: {}", e)),
            code => Err(Error::new(Code::from_i32(code).unwrap_or(Code::IoOperationFailed), r.desc)),
        }
    }
}
