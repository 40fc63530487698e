//! Records every event a session hears, for tests that log in through
//! `Service` directly.

use std::sync::Mutex;

use huddle::event::{Event, EventSink};

#[derive(Default)]
pub struct Recorder(Mutex<Vec<Event>>);

impl EventSink for Recorder {
    fn deliver(&self, event: Event) {
        self.0.lock().unwrap().push(event);
    }
}

impl Recorder {
    /// The events heard since the last take, in order.
    pub fn take(&self) -> Vec<Event> {
        std::mem::take(&mut *self.0.lock().unwrap())
    }

    /// What `pick` finds in the latest event it finds anything in, left heard.
    #[allow(dead_code)] // not every test that records looks back
    pub fn latest<T>(&self, pick: impl Fn(&Event) -> Option<T>) -> Option<T> {
        self.0.lock().unwrap().iter().rev().find_map(pick)
    }
}
