//! Deferred host callbacks: a callback into the host (a poll-mode client's
//! wake callback) must never run while the library holds a lock, because
//! the host may call straight back into the library from it. Code that
//! takes a lock and may tell sessions something runs inside `deferred`; the
//! wakes raised meanwhile run when it ends, after the locks are released.

use std::cell::RefCell;

type WakeFn = Box<dyn FnOnce()>;

thread_local! {
    static PENDING: RefCell<Option<Vec<WakeFn>>> = const { RefCell::new(None) };
}

/// Puts the outer scope back when a scope ends, even by a panic (the wakes
/// raised in it are then dropped: what they announced did not happen).
struct Restore(Option<Option<Vec<WakeFn>>>);

impl Drop for Restore {
    fn drop(&mut self) {
        if let Some(outer) = self.0.take() {
            PENDING.with(|p| *p.borrow_mut() = outer);
        }
    }
}

/// Runs `f`; wakes raised meanwhile on this thread run after it returns.
pub fn deferred<R>(f: impl FnOnce() -> R) -> R {
    let mut restore = Restore(Some(PENDING.with(|p| p.borrow_mut().replace(Vec::new()))));
    let result = f();
    let outer = restore.0.take().expect("set above");
    let wakes = PENDING.with(|p| std::mem::replace(&mut *p.borrow_mut(), outer)).unwrap_or_default();
    for wake in wakes {
        wake();
    }
    result
}

/// Runs `wake` now, or at the end of the enclosing `deferred`.
pub fn raise(wake: impl FnOnce() + 'static) {
    let wake: WakeFn = Box::new(wake);
    let now = PENDING.with(|p| match p.borrow_mut().as_mut() {
        Some(list) => {
            list.push(wake);
            None
        }
        None => Some(wake),
    });
    if let Some(wake) = now {
        wake();
    }
}
