//! Deferred wake-ups: a poll-mode client's wake callback must not run while
//! the engine's lock is held (the host may call back into the library from
//! it), so wakes raised inside `deferred` run when it ends.

use std::cell::RefCell;

type WakeFn = Box<dyn FnOnce()>;

thread_local! {
    static PENDING: RefCell<Option<Vec<WakeFn>>> = const { RefCell::new(None) };
}

/// Runs `f`; wakes raised meanwhile on this thread run after it returns.
pub fn deferred<R>(f: impl FnOnce() -> R) -> R {
    let outer = PENDING.with(|p| p.borrow_mut().replace(Vec::new()));
    let result = f();
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
