//! Group commit for durable engines. Operations apply to memory at once and
//! queue their changes, with their staged effects and how to take them back,
//! here; one thread commits everything queued so far in one transaction, then
//! releases the effects in order. Under load many operations share a commit,
//! which is what makes thousands of durable operations per second possible:
//! pages they all touch are written once.
//!
//! A store may fail for a while (a network database restarting): a failed
//! commit is tried again with backoff. One that still fails takes its
//! operations back, and every operation queued after them (they were planned
//! on top of them), from memory in reverse order: memory and the store agree
//! again, their callers get the error, and the engine goes on.

use std::collections::VecDeque;
use std::sync::{Arc, OnceLock, Weak};
use std::thread::{JoinHandle, ThreadId};
use std::time::{Duration, Instant};

use parking_lot::{Condvar, Mutex};
use tracing::{error, warn};

use super::stage::Effect;
use super::undo::UndoLog;
use super::Engine;
use crate::error::{err, Error};
use crate::model::Change;
use crate::response::{Reply, Response};
use crate::store::search::Query;
use crate::store::Store;

struct Entry {
    changes: Vec<Change>,
    effects: Vec<Effect>,
    undo: UndoLog,
    search: Option<SearchJob>,
}

/// A search of the store's own index (`Engine::search`): run on the store
/// in its place in the queue, once everything before it is committed, and
/// answered from the engine's memory.
pub struct SearchJob {
    pub query: Query,
    pub reply: Reply,
}

/// Failed ticket ranges remembered for the waiters that have yet to look.
const FAILURES_KEPT: usize = 64;

#[derive(Default)]
struct Queue {
    entries: Vec<Entry>,
    /// Tickets handed out and tickets settled (committed or failed).
    enqueued: u64,
    settled: u64,
    /// The latest ticket ranges whose commit failed, with why.
    failures: VecDeque<(u64, u64, Error)>,
    closing: bool,
}

pub struct Committer {
    queue: Mutex<Queue>,
    /// Operations waiting for their commit at most (`Limits::max_uncommitted`).
    max_queued: usize,
    /// How long a failing commit is tried again before its operations are
    /// taken back (`Limits::commit_retry_secs`).
    retry_for: Duration,
    work: Condvar,
    settled: Condvar,
    thread: Mutex<Option<(JoinHandle<()>, ThreadId)>>,
    /// The engine whose memory a failed commit's operations are taken out of.
    engine: OnceLock<Weak<Engine>>,
    on_commit: Option<Arc<dyn Fn(Duration) + Send + Sync>>,
}

impl Committer {
    pub fn start(store: Box<dyn Store>, max_queued: usize, retry_for: Duration, on_commit: Option<Arc<dyn Fn(Duration) + Send + Sync>>) -> Arc<Committer> {
        let c = Arc::new(Committer {
            queue: Mutex::new(Queue::default()),
            max_queued,
            retry_for,
            work: Condvar::new(),
            settled: Condvar::new(),
            thread: Mutex::new(None),
            engine: OnceLock::new(),
            on_commit,
        });
        let worker = Arc::clone(&c);
        let handle = std::thread::Builder::new()
            .name("huddle-commit".into())
            .spawn(move || worker.run(store))
            .expect("spawn the commit thread");
        let id = handle.thread().id();
        *c.thread.lock() = Some((handle, id));
        c
    }

    /// Names the engine this committer serves (once, right after it exists).
    pub fn serve(&self, engine: &Arc<Engine>) {
        let _ = self.engine.set(Arc::downgrade(engine));
    }

    /// Queues one operation's changes, effects and undo; returns its ticket.
    /// Called under the engine's lock, so the queue keeps the order of the
    /// operations.
    pub fn enqueue(&self, changes: Vec<Change>, effects: Vec<Effect>, undo: UndoLog) -> u64 {
        self.push(Entry { changes, effects, undo, search: None })
    }

    /// Queues a search of the store (see `SearchJob`), under the engine's lock like `enqueue`.
    pub fn enqueue_search(&self, job: SearchJob) {
        self.push(Entry { changes: Vec::new(), effects: Vec::new(), undo: UndoLog::default(), search: Some(job) });
    }

    fn push(&self, entry: Entry) -> u64 {
        let mut q = self.queue.lock();
        q.entries.push(entry);
        q.enqueued += 1;
        self.work.notify_one();
        q.enqueued
    }

    /// 7008 while as many operations wait for their commit as may: the
    /// store is not keeping up, and the queue must not grow without bound.
    pub fn busy(&self) -> Option<Error> {
        let waiting = self.queue.lock().entries.len();
        (waiting >= self.max_queued).then(|| err!(StoreBusy, "{} operations wait for the store; try again shortly", waiting))
    }

    fn on_commit_thread(&self) -> bool {
        self.thread.lock().as_ref().is_some_and(|(_, id)| *id == std::thread::current().id())
    }

    /// Waits until `ticket` is settled; its result.
    pub fn wait(&self, ticket: u64) -> Result<(), Error> {
        if self.on_commit_thread() {
            // A released effect that waits for later work would wait for itself.
            return Ok(());
        }
        let mut q = self.queue.lock();
        while q.settled < ticket {
            self.settled.wait(&mut q);
        }
        match q.failures.iter().find(|(from, to, _)| (*from..=*to).contains(&ticket)) {
            Some((_, _, e)) => Err(e.clone()),
            None => Ok(()),
        }
    }

    /// The last ticket handed out.
    pub fn enqueued(&self) -> u64 {
        self.queue.lock().enqueued
    }

    /// Commits what is queued, then ends the thread.
    pub fn close(&self) {
        self.queue.lock().closing = true;
        self.work.notify_one();
        let thread = self.thread.lock().take();
        if let Some((handle, id)) = thread {
            if id != std::thread::current().id() {
                let _ = handle.join();
            }
        }
    }

    fn run(&self, mut store: Box<dyn Store>) {
        loop {
            let (batch, first, last) = {
                let mut q = self.queue.lock();
                while q.entries.is_empty() && !q.closing {
                    self.work.wait(&mut q);
                }
                if q.entries.is_empty() {
                    return;
                }
                let batch = std::mem::take(&mut q.entries);
                (batch, q.settled + 1, q.enqueued)
            };
            let changes: Vec<Change> = batch.iter().flat_map(|e| e.changes.iter().cloned()).collect();
            match self.commit(&mut *store, &changes) {
                Ok(()) => {
                    for entry in batch {
                        if let Some(job) = entry.search {
                            self.search(&mut *store, job);
                        }
                        for effect in entry.effects {
                            effect.release();
                        }
                    }
                    self.settle(first, last, None);
                }
                Err(e) => self.abandon(batch, first, e),
            }
        }
    }

    /// Runs a search on the store, then lets the engine's memory make the
    /// answer (briefly under its lock; the reply after it).
    fn search(&self, store: &mut dyn Store, job: SearchJob) {
        let found = store.search(&job.query);
        let engine = self.engine.get().and_then(Weak::upgrade);
        let resp = match (found, engine) {
            (Ok(found), Some(engine)) => {
                let result = engine.inner.lock().state.search_result(&job.query, found);
                Response::ok(result)
            }
            (Err(e), _) => Response::error(&e),
            (Ok(_), None) => Response::error(&err!(IoOperationFailed, "the engine closed before the search was answered")),
        };
        (job.reply)(resp);
    }

    /// Commits `changes`, trying again with backoff for `retry_for`: every
    /// change is idempotent, so a batch that committed before its answer was
    /// lost is harmless to write again.
    fn commit(&self, store: &mut dyn Store, changes: &[Change]) -> Result<(), Error> {
        if changes.is_empty() {
            return Ok(());
        }
        let deadline = Instant::now() + self.retry_for;
        let mut wait = Duration::from_millis(50);
        loop {
            let started = Instant::now();
            match store.apply(changes) {
                Ok(()) => {
                    if let Some(observe) = &self.on_commit {
                        observe(started.elapsed());
                    }
                    return Ok(());
                }
                Err(e) if Instant::now() + wait < deadline && !self.queue.lock().closing => {
                    warn!("a commit failed ({}); trying again in {:?}", e.desc, wait);
                    std::thread::sleep(wait);
                    wait = (wait * 2).min(Duration::from_secs(2));
                }
                Err(e) => return Err(e),
            }
        }
    }

    /// Takes a failed batch, and everything queued after it, back out of the
    /// engine's memory (last first), then answers their callers with the error.
    fn abandon(&self, batch: Vec<Entry>, first: u64, e: Error) {
        error!("a commit failed for good ({}): its operations and those after them are taken back", e.desc);
        let e = err!(IoOperationFailed, "the store failed ({}); the operation was not done", e.desc);
        let engine = self.engine.get().and_then(Weak::upgrade);
        // The engine's lock, then the queue's: the order `enqueue` takes them in.
        let mut inner = engine.as_ref().map(|engine| engine.inner.lock());
        let (later, last) = {
            let mut q = self.queue.lock();
            (std::mem::take(&mut q.entries), q.enqueued)
        };
        let mut told = Vec::new();
        for entry in batch.into_iter().chain(later).rev() {
            if let Some(inner) = inner.as_mut() {
                entry.undo.rollback(&mut inner.state);
            }
            told.push((entry.search, entry.effects));
        }
        drop(inner);
        for (search, effects) in told.into_iter().rev() {
            if let Some(job) = search {
                (job.reply)(Response::error(&e));
            }
            for effect in effects {
                effect.fail(&e);
            }
        }
        self.settle(first, last, Some(e));
    }

    fn settle(&self, first: u64, last: u64, failure: Option<Error>) {
        let mut q = self.queue.lock();
        if let Some(e) = failure {
            if q.failures.len() == FAILURES_KEPT {
                q.failures.pop_front();
            }
            q.failures.push_back((first, last, e));
        }
        q.settled = last;
        self.settled.notify_all();
    }
}
