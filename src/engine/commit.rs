//! Group commit for durable engines. Operations apply to memory at once and
//! queue their changes, with their staged effects, here; one thread commits
//! everything queued so far in one transaction, then releases the effects in
//! order. Under load many operations share a commit, which is what makes
//! thousands of durable operations per second possible: pages they all
//! touch are written once.

use std::sync::Arc;
use std::thread::{JoinHandle, ThreadId};

use parking_lot::{Condvar, Mutex};

use crate::error::{err, Error};
use crate::model::Change;
use super::stage::Effect;
use crate::store::Store;

struct Entry {
    changes: Vec<Change>,
    effects: Vec<Effect>,
}

#[derive(Default)]
struct Queue {
    entries: Vec<Entry>,
    /// Tickets handed out and tickets settled (committed or failed).
    enqueued: u64,
    settled: u64,
    /// Set by the first failed commit; the engine then refuses changes.
    failed: Option<Error>,
    closing: bool,
}

pub struct Committer {
    queue: Mutex<Queue>,
    /// Operations waiting for their commit at most (`Limits::max_uncommitted`).
    max_queued: usize,
    work: Condvar,
    settled: Condvar,
    thread: Mutex<Option<(JoinHandle<()>, ThreadId)>>,
}

impl Committer {
    pub fn start(store: Box<dyn Store>, max_queued: usize) -> Arc<Committer> {
        let c = Arc::new(Committer {
            queue: Mutex::new(Queue::default()),
            max_queued,
            work: Condvar::new(),
            settled: Condvar::new(),
            thread: Mutex::new(None),
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

    /// Queues one operation's changes and effects; returns its ticket.
    /// Called under the engine's lock, so the queue keeps the order of the
    /// operations.
    pub fn enqueue(&self, changes: Vec<Change>, effects: Vec<Effect>) -> u64 {
        let mut q = self.queue.lock();
        q.entries.push(Entry { changes, effects });
        q.enqueued += 1;
        self.work.notify_one();
        q.enqueued
    }

    pub fn failed(&self) -> Option<Error> {
        self.queue.lock().failed.clone()
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

    /// Waits until `ticket` is settled; its result, or the failure.
    pub fn wait(&self, ticket: u64) -> Result<(), Error> {
        if self.on_commit_thread() {
            // A released effect that waits for later work would wait for itself.
            return Ok(());
        }
        let mut q = self.queue.lock();
        while q.settled < ticket {
            self.settled.wait(&mut q);
        }
        q.failed.clone().map_or(Ok(()), Err)
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
            let (batch, last, failed) = {
                let mut q = self.queue.lock();
                while q.entries.is_empty() && !q.closing {
                    self.work.wait(&mut q);
                }
                if q.entries.is_empty() {
                    return;
                }
                (std::mem::take(&mut q.entries), q.enqueued, q.failed.clone())
            };
            let (changes, effects): (Vec<Vec<Change>>, Vec<Vec<Effect>>) = batch.into_iter().map(|e| (e.changes, e.effects)).unzip();
            let changes: Vec<Change> = changes.into_iter().flatten().collect();
            let result = match failed {
                Some(e) => Err(e),
                None if changes.is_empty() => Ok(()),
                None => store.apply(&changes),
            };
            if let Err(e) = &result {
                let e = err!(IoOperationFailed, "the store failed ({}); the engine accepts no more changes", e.desc);
                self.queue.lock().failed.get_or_insert(e);
            }
            let failure = self.queue.lock().failed.clone();
            for effect in effects.into_iter().flatten() {
                match &failure {
                    None => effect.release(),
                    Some(e) => effect.fail(e),
                }
            }
            self.queue.lock().settled = last;
            self.settled.notify_all();
        }
    }
}
