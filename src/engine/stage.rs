//! Staging: while an operation of a durable engine runs, what it would tell
//! sessions (its reply, the events it causes) is held back on this thread and
//! handed to the committer, which releases it once the operation's changes
//! are committed, or answers the error if the commit fails. No session ever
//! hears of a change that a crash could still take back, whichever transport
//! carries the reply: the engine stages replies itself.

use std::cell::RefCell;
use std::sync::Arc;

use crate::error::Error;
use crate::event::{Event, EventSink};
use crate::response::{Reply, Response};

/// Something a session is told, held until its operation is durable.
pub enum Effect {
    /// Events for sessions, in order (one entry for a whole fan-out): dropped
    /// if the commit fails.
    Deliver(Vec<(Arc<dyn EventSink>, Event)>),
    /// A call's reply: on failure the caller gets the error instead.
    Reply(Reply, Response),
}

impl Effect {
    pub fn release(self) {
        match self {
            Effect::Deliver(events) => {
                for (sink, event) in events {
                    sink.deliver(event);
                }
            }
            Effect::Reply(reply, resp) => reply(resp),
        }
    }

    pub fn fail(self, e: &Error) {
        if let Effect::Reply(reply, _) = self {
            reply(Response::error(e));
        }
    }
}

thread_local! {
    static STAGED: RefCell<Option<Vec<Effect>>> = const { RefCell::new(None) };
}

/// Puts the outer capture back when a capture ends, even by a panic, so that
/// a panicking operation leaves no staging switched on for the next one.
struct Restore(Option<Option<Vec<Effect>>>);

impl Drop for Restore {
    fn drop(&mut self) {
        if let Some(outer) = self.0.take() {
            STAGED.with(|s| *s.borrow_mut() = outer);
        }
    }
}

/// Runs `f` with staging on: effects raised meanwhile are returned, not run.
pub fn capture<R>(f: impl FnOnce() -> R) -> (R, Vec<Effect>) {
    let mut restore = Restore(Some(STAGED.with(|s| s.borrow_mut().replace(Vec::new()))));
    let result = f();
    let outer = restore.0.take().expect("set above");
    let staged = STAGED.with(|s| std::mem::replace(&mut *s.borrow_mut(), outer)).unwrap_or_default();
    (result, staged)
}

/// Gives `event` to `sink` now, or stages it when an operation is being captured.
pub fn deliver(sink: &Arc<dyn EventSink>, event: Event) {
    let event = STAGED.with(|s| match s.borrow_mut().as_mut() {
        Some(list) => {
            match list.last_mut() {
                Some(Effect::Deliver(events)) => events.push((Arc::clone(sink), event)),
                _ => list.push(Effect::Deliver(vec![(Arc::clone(sink), event)])),
            }
            None
        }
        None => Some(event),
    });
    if let Some(event) = event {
        sink.deliver(event);
    }
}

/// Answers a call now, or stages the answer when an operation is being captured.
pub fn reply(reply: Reply, resp: Response) {
    let now = STAGED.with(|s| match s.borrow_mut().as_mut() {
        Some(list) => {
            list.push(Effect::Reply(reply, resp));
            None
        }
        None => Some((reply, resp)),
    });
    if let Some((reply, resp)) = now {
        reply(resp);
    }
}
