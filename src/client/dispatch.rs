//! The ordered callback queue of one client, drained by its own thread
//! (thread mode) or by the host's `poll` (poll mode).

use std::collections::VecDeque;
use std::panic::{catch_unwind, AssertUnwindSafe};
use std::sync::atomic::{AtomicBool, AtomicU16, AtomicUsize, Ordering};
use std::sync::{Arc, OnceLock};
use std::thread::{JoinHandle, ThreadId};
use std::time::{Duration, Instant};

use parking_lot::{Condvar, Mutex, ReentrantMutex};

use super::listeners::{Listeners, Registry, Snapshot};
use crate::event::{Event, EventBody, EventKind, EventSink};
use crate::wake;

/// A queued callback: a closure (call results), or an engine event, which is
/// queued as is because a group message queues one per recipient.
pub enum Job {
    Run(Box<dyn FnOnce() + Send>),
    Event(Event),
}

/// The queue of a client, and how many of its jobs are events.
#[derive(Default)]
struct Queue {
    jobs: VecDeque<Job>,
    events: usize,
    /// Events dropped since the queue last had room.
    dropped: u64,
}

impl Queue {
    fn pop(&mut self) -> Option<Job> {
        let job = self.jobs.pop_front()?;
        if matches!(job, Job::Event(_)) {
            self.events -= 1;
        }
        Some(job)
    }

    /// Makes room for one more event when `max` are queued: the oldest
    /// event goes (a call's result never does: it is owed exactly once).
    fn make_room(&mut self, max: usize) {
        if self.events < max {
            return;
        }
        if let Some(at) = self.jobs.iter().position(|j| matches!(j, Job::Event(_))) {
            self.jobs.remove(at);
            self.events -= 1;
            if self.dropped == 0 {
                tracing::warn!("huddle: a client's callback queue holds {} events: the oldest are dropped until it is polled", max);
            }
            self.dropped += 1;
        }
    }
}

/// Events a client's queue holds at most by default (see `SdkConfig`).
pub const DEFAULT_MAX_PENDING_EVENTS: usize = 100_000;

/// How long an idle dispatcher thread keeps looking before it sleeps.
const SPIN_BEFORE_SLEEP: Duration = Duration::from_micros(50);

pub type WakeFn = Arc<dyn Fn() + Send + Sync>;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Mode {
    Thread,
    Poll,
}

thread_local! {
    /// Set while this thread runs a callback: a nested poll must not reorder events.
    static IN_CALLBACK: std::cell::Cell<bool> = const { std::cell::Cell::new(false) };
}

/// A group message reaches thousands of dispatchers, and every cache line
/// one touches is a miss per member: `repr(C)` keeps what a delivery
/// touches together at the front, and what a poll adds right after it.
#[repr(C)]
pub struct Dispatcher {
    queue: Mutex<Queue>,
    /// The queue's length, readable without its lock (the spin, an empty poll).
    queued: AtomicUsize,
    /// The event kinds the client has listeners for (`listeners::bit`s).
    wanted: AtomicU16,
    /// Set when `shutdown` has drained the queue for good.
    stopped: AtomicBool,
    /// Whether `wake` is set, read on every push without its lock.
    has_wake: AtomicBool,
    mode: Mode,
    /// Held while callbacks run in poll mode: one poller at a time, and
    /// `shutdown` waits for a poller on another thread to finish.
    running: ReentrantMutex<()>,
    /// The client's listeners, which event jobs run.
    listeners: Registry,
    ready: Condvar,
    stopping: AtomicBool,
    wake: Mutex<Option<WakeFn>>,
    thread: Mutex<Option<(JoinHandle<()>, ThreadId)>>,
    /// Events queued at most; past it the oldest go.
    max_events: usize,
    /// Runs when news that the session ended arrives, before it is queued.
    session_end: OnceLock<Box<dyn Fn() + Send + Sync>>,
}

/// Engine events for the client, queued in the order the engine emits them.
impl EventSink for Dispatcher {
    fn deliver(&self, event: Event) {
        if matches!(event.body(), EventBody::KickedOffline | EventBody::UserSigExpired) {
            if let Some(end) = self.session_end.get() {
                end();
            }
        }
        self.push(Job::Event(event));
    }

    fn wants(&self, kind: EventKind) -> bool {
        self.wanted.load(Ordering::Acquire) & kind.bit() != 0
    }
}

impl Dispatcher {
    pub fn new(mode: Mode, max_events: usize) -> Arc<Dispatcher> {
        let d = Arc::new(Dispatcher {
            mode,
            max_events,
            queue: Mutex::new(Queue::default()),
            ready: Condvar::new(),
            stopping: AtomicBool::new(false),
            queued: AtomicUsize::new(0),
            stopped: AtomicBool::new(false),
            wake: Mutex::new(None),
            has_wake: AtomicBool::new(false),
            wanted: AtomicU16::new(0),
            running: ReentrantMutex::new(()),
            thread: Mutex::new(None),
            listeners: Registry::default(),
            session_end: OnceLock::new(),
        });
        if mode == Mode::Thread {
            let worker = Arc::clone(&d);
            let handle = std::thread::Builder::new()
                .name("huddle-dispatch".into())
                .spawn(move || worker.thread_loop())
                .expect("spawn the dispatcher thread");
            let id = handle.thread().id();
            *d.thread.lock() = Some((handle, id));
        }
        d
    }

    /// Sets what runs when the session is ended by news (once per dispatcher).
    pub fn on_session_end(&self, end: Box<dyn Fn() + Send + Sync>) {
        let _ = self.session_end.set(end);
    }

    /// Changes the client's listeners (and the kinds it tells the engine it wants).
    pub fn update_listeners(&self, change: impl FnOnce(&mut Listeners)) {
        let wanted = self.listeners.update(change);
        self.wanted.store(wanted, Ordering::Release);
    }

    pub fn mode(&self) -> Mode {
        self.mode
    }

    pub fn set_wake(&self, wake: Option<WakeFn>) {
        let mut w = self.wake.lock();
        self.has_wake.store(wake.is_some(), Ordering::Release);
        *w = wake;
    }

    /// Queues a callback; it runs after every callback queued before it.
    /// After `shutdown` nothing is queued: nothing of the client runs then.
    pub fn push(&self, job: Job) {
        if self.enqueue(job) {
            self.wake_host();
        }
    }

    /// `push` without the host's wake, for a caller that holds a lock the
    /// host may need (the wake may call straight back in): it calls
    /// `wake_host` once the lock is released when this returns true.
    pub fn enqueue(&self, job: Job) -> bool {
        let was_empty = {
            let mut q = self.queue.lock();
            if self.stopped.load(Ordering::Acquire) {
                return false;
            }
            let was_empty = q.jobs.is_empty();
            if matches!(job, Job::Event(_)) {
                q.make_room(self.max_events);
                q.events += 1;
            }
            q.jobs.push_back(job);
            self.queued.store(q.jobs.len(), Ordering::Release);
            was_empty
        };
        match self.mode {
            Mode::Thread => {
                self.ready.notify_one();
                false
            }
            Mode::Poll => was_empty && self.has_wake.load(Ordering::Acquire),
        }
    }

    /// Tells a poll-mode host that callbacks wait (see `enqueue`).
    pub fn wake_host(&self) {
        let wake = self.wake.lock().clone();
        if let Some(wake) = wake {
            wake::raise(move || wake());
        }
    }

    fn pop(&self) -> Option<Job> {
        if self.queued.load(Ordering::Acquire) == 0 {
            return None;
        }
        let mut q = self.queue.lock();
        let job = q.pop();
        if q.events < self.max_events / 2 {
            q.dropped = 0;
        }
        self.queued.store(q.jobs.len(), Ordering::Release);
        job
    }

    /// Runs one callback; `listeners` carries the listeners from one event to the next.
    fn run(&self, job: Job, listeners: &mut Snapshot) {
        let outer = IN_CALLBACK.with(|c| c.replace(true));
        // A panicking Rust callback must not take the dispatcher down with it.
        let _ = catch_unwind(AssertUnwindSafe(|| match job {
            Job::Run(f) => f(),
            Job::Event(event) => self.listeners.current(listeners).dispatch(&event),
        }));
        IN_CALLBACK.with(|c| c.set(outer));
    }

    fn thread_loop(&self) {
        let mut listeners = None;
        loop {
            let job = {
                let mut q = self.queue.lock();
                loop {
                    if let Some(job) = q.pop() {
                        self.queued.store(q.jobs.len(), Ordering::Release);
                        break Some(job);
                    }
                    // Idle: hold on to no listener the client may have removed.
                    listeners = None;
                    if self.stopping.load(Ordering::Acquire) {
                        break None;
                    }
                    // A reply often follows within microseconds (a call made
                    // from a callback, a request loop): look again for a
                    // moment before paying for a sleep and a wake-up.
                    drop(q);
                    let spin_until = Instant::now() + SPIN_BEFORE_SLEEP;
                    while self.queued.load(Ordering::Acquire) == 0 && Instant::now() < spin_until {
                        std::hint::spin_loop();
                    }
                    q = self.queue.lock();
                    if q.jobs.is_empty() && !self.stopping.load(Ordering::Acquire) {
                        self.ready.wait(&mut q);
                    }
                }
            };
            match job {
                Some(job) => self.run(job, &mut listeners),
                None => return,
            }
        }
    }

    /// Poll mode: runs up to `max` callbacks on this thread. Returns 0 in
    /// thread mode, from inside a callback, or while another thread polls.
    pub fn poll(&self, max: u32) -> u32 {
        if self.mode != Mode::Poll || IN_CALLBACK.with(|c| c.get()) {
            return 0;
        }
        let Some(_running) = self.running.try_lock() else { return 0 };
        let (mut ran, mut listeners) = (0, None);
        while ran < max {
            let Some(job) = self.pop() else { break };
            self.run(job, &mut listeners);
            ran += 1;
        }
        ran
    }

    pub fn pending(&self) -> usize {
        self.queue.lock().jobs.len()
    }

    /// Runs every queued callback, then stops: on the dispatcher thread (joined
    /// here) or on the caller's. Nothing runs after it returns.
    pub fn shutdown(&self) {
        self.set_wake(None);
        let thread = self.thread.lock().take();
        match thread {
            Some((handle, id)) => {
                self.stopping.store(true, Ordering::Release);
                {
                    let _q = self.queue.lock();
                    self.ready.notify_all();
                }
                if id == std::thread::current().id() {
                    // Called from a callback: drain here; the loop then ends.
                    let mut listeners = None;
                    while let Some(job) = self.pop() {
                        self.run(job, &mut listeners);
                    }
                } else {
                    let _ = handle.join();
                }
            }
            None => {
                let (_running, mut listeners) = (self.running.lock(), None);
                while let Some(job) = self.pop() {
                    self.run(job, &mut listeners);
                }
            }
        }
        let mut q = self.queue.lock();
        self.stopped.store(true, Ordering::Release);
        q.jobs.clear();
        q.events = 0;
    }
}
