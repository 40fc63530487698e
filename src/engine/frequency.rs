//! Call-frequency limits by user, counted on the engine's clock (so tests
//! move time instead of sleeping): Tencent's "N calls in 5 seconds" of the
//! group attribute and counter functions.

use std::collections::{HashMap, VecDeque};

use parking_lot::Mutex;

/// The families of calls counted together.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Family {
    /// Init, set and delete of group attributes.
    AttrWrite,
    AttrRead,
    /// Set, increase and decrease of group counters.
    CounterWrite,
    CounterRead,
}

/// Tencent's window: limits are "so many calls in 5 seconds".
const WINDOW_SECS: u64 = 5;

/// Past this many (user, family) entries, idle ones are dropped.
const PRUNE_ABOVE: usize = 10_000;

#[derive(Default)]
pub struct Frequency {
    /// The times (s) of each user's latest calls of a family, oldest first.
    calls: Mutex<HashMap<(String, Family), VecDeque<u64>>>,
}

impl Frequency {
    /// Whether `user` may make one more `family` call at `now`, at most
    /// `max` in any `WINDOW_SECS` (0: no limit); if so, it is counted.
    pub fn take(&self, user: &str, family: Family, max: u32, now: u64) -> bool {
        if max == 0 {
            return true;
        }
        let mut calls = self.calls.lock();
        if calls.len() > PRUNE_ABOVE {
            calls.retain(|_, times| times.back().is_some_and(|t| now < t + WINDOW_SECS));
        }
        let times = calls.entry((user.to_string(), family)).or_default();
        while times.front().is_some_and(|t| now >= t + WINDOW_SECS) {
            times.pop_front();
        }
        if times.len() >= max as usize {
            return false;
        }
        times.push_back(now);
        true
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_window_of_five_seconds_by_user_and_family() {
        let f = Frequency::default();
        assert!((0..3).all(|_| f.take("a", Family::AttrWrite, 3, 100)));
        assert!(!f.take("a", Family::AttrWrite, 3, 104), "three in 100..=104");
        assert!(f.take("b", Family::AttrWrite, 3, 104), "another user");
        assert!(f.take("a", Family::AttrRead, 3, 104), "another family");
        assert!(f.take("a", Family::AttrWrite, 3, 105), "the first three are 5 s old");
        assert!((0..100).all(|_| f.take("a", Family::CounterWrite, 0, 105)), "0: no limit");
    }
}
