//! Limits as types: what a connection may cost the server.

use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::Arc;
use std::time::Instant;

use tokio::sync::{OwnedSemaphorePermit, Semaphore};

/// Connections held at once: a permit per connection, given back when its
/// handler ends.
#[derive(Clone)]
pub struct ConnectionLimit(Arc<Semaphore>, usize);

impl ConnectionLimit {
    pub fn new(max: usize) -> ConnectionLimit {
        ConnectionLimit(Arc::new(Semaphore::new(max)), max)
    }

    /// Connections held now.
    pub fn held(&self) -> usize {
        self.1 - self.0.available_permits()
    }

    /// A permit, or `None` when the server holds as many as it may.
    pub fn try_acquire(&self) -> Option<OwnedSemaphorePermit> {
        Arc::clone(&self.0).try_acquire_owned().ok()
    }
}

/// A token bucket: `rate` requests a second, `burst` at once.
pub struct RequestRate {
    rate: f64,
    burst: f64,
    tokens: f64,
    at: Instant,
}

impl RequestRate {
    pub fn new(rate: u32, burst: u32) -> RequestRate {
        let burst = burst.max(1) as f64;
        RequestRate { rate: rate as f64, burst, tokens: burst, at: Instant::now() }
    }

    /// Whether one more request fits now.
    pub fn take(&mut self) -> bool {
        let now = Instant::now();
        self.tokens = (self.tokens + now.duration_since(self.at).as_secs_f64() * self.rate).min(self.burst);
        self.at = now;
        if self.tokens >= 1.0 {
            self.tokens -= 1.0;
            true
        } else {
            false
        }
    }
}

/// Bytes queued for one connection and not yet written. A reader that
/// falls this far behind is cut off rather than allowed to grow the
/// server's memory; it reconnects and catches up.
pub struct Outbox {
    pending: AtomicUsize,
    max: usize,
    overflowed: AtomicBool,
}

impl Outbox {
    pub fn new(max: usize) -> Outbox {
        Outbox { pending: AtomicUsize::new(0), max, overflowed: AtomicBool::new(false) }
    }

    /// Counts `bytes` in, unless the budget is spent: then for good (the
    /// connection is closed), and `JustFull` says it is the first refusal.
    pub fn admit(&self, bytes: usize) -> Admit {
        if self.overflowed.load(Ordering::Relaxed) {
            return Admit::Full;
        }
        if self.pending.fetch_add(bytes, Ordering::Relaxed) + bytes > self.max {
            return if self.overflowed.swap(true, Ordering::Relaxed) { Admit::Full } else { Admit::JustFull };
        }
        Admit::Yes
    }

    /// Counts `bytes` out, once written.
    pub fn written(&self, bytes: usize) {
        self.pending.fetch_sub(bytes, Ordering::Relaxed);
    }

}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Admit {
    Yes,
    JustFull,
    Full,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_bucket_lets_a_burst_through_then_refuses() {
        let mut rate = RequestRate::new(1, 3);
        assert_eq!((0..5).map(|_| rate.take()).collect::<Vec<_>>(), [true, true, true, false, false]);
    }

    #[test]
    fn an_outbox_refuses_for_good_once_full() {
        let outbox = Outbox::new(10);
        assert_eq!(outbox.admit(6), Admit::Yes);
        outbox.written(6);
        assert_eq!(outbox.admit(10), Admit::Yes);
        assert_eq!(outbox.admit(1), Admit::JustFull);
        outbox.written(10);
        assert_eq!(outbox.admit(1), Admit::Full, "a connection that overflowed is closed, not resumed");
    }
}
