//! Unread-count listeners (Tencent's total and by-filter callbacks): after
//! a conversation event the client asks the engine for the counts it
//! watches and tells the listeners of those that changed. A count is first
//! learned (when its listener or filter is added: that question goes out
//! at once, in order with the app's next calls) and not told. Events ask
//! one question at a time; what comes meanwhile asks once more when the
//! questions out are answered.

use std::sync::{Arc, Weak};

use super::{Client, Inner, Refused};
use crate::params::ConvFilter;
use crate::service::Request;

/// Hears the total unread count.
pub type TotalUnreadListener = Arc<dyn Fn(u64) + Send + Sync>;
/// Hears a subscribed filter (as the app gave it) and its unread count.
pub type FilterUnreadListener = Arc<dyn Fn(&str, u64) + Send + Sync>;

struct Watched {
    filter: ConvFilter,
    json: String,
    count: Option<u64>,
}

#[derive(Default)]
pub(super) struct Watch {
    total_listener: Option<TotalUnreadListener>,
    filter_listener: Option<FilterUnreadListener>,
    total: Option<u64>,
    filters: Vec<Watched>,
    /// Questions out.
    asking: u32,
    again: bool,
}

impl Watch {
    fn active(&self) -> bool {
        self.total_listener.is_some() || !self.filters.is_empty()
    }
}

impl Client {
    fn client_of(inner: &Weak<Inner>) -> Option<Client> {
        inner.upgrade().map(|inner| Client { dispatcher: Arc::clone(&inner.dispatcher), inner })
    }

    /// Watches conversation events while some count is watched.
    fn rewatch(&self) {
        let active = self.inner.unread.lock().active();
        let weak = Arc::downgrade(&self.inner);
        let hook: Option<super::NoticeListener> = active.then(|| {
            Arc::new(move || {
                if let Some(client) = Client::client_of(&weak) {
                    client.ask_unread(false);
                }
            }) as super::NoticeListener
        });
        self.update_listeners(|l| l.unread_watch = hook);
    }

    /// Sets the total unread listener (None removes it): it hears the
    /// total whenever a conversation event changed it.
    pub fn set_total_unread_listener(&self, listener: Option<TotalUnreadListener>) {
        self.inner.unread.lock().total_listener = listener;
        self.rewatch();
        self.ask_unread(true);
    }

    pub fn set_filter_unread_listener(&self, listener: Option<FilterUnreadListener>) {
        self.inner.unread.lock().filter_listener = listener;
    }

    /// Watches the unread count of `filter` (`json` is what the listener
    /// is told it by); the same filter twice is watched once.
    pub fn subscribe_unread(&self, filter: ConvFilter, json: String) -> Result<(), Refused> {
        self.usable()?;
        {
            let mut w = self.inner.unread.lock();
            if !w.filters.iter().any(|f| f.filter == filter) {
                w.filters.push(Watched { filter, json, count: None });
            }
        }
        self.rewatch();
        self.ask_unread(true);
        Ok(())
    }

    pub fn unsubscribe_unread(&self, filter: &ConvFilter) -> Result<(), Refused> {
        self.usable()?;
        self.inner.unread.lock().filters.retain(|f| f.filter != *filter);
        self.rewatch();
        Ok(())
    }

    /// Asks for the counts: `at_once` even while questions are out (to
    /// learn a new count), else after them.
    fn ask_unread(&self, at_once: bool) {
        let filters = {
            let mut w = self.inner.unread.lock();
            if !w.active() || self.login_user().is_none() {
                return;
            }
            if w.asking > 0 && !at_once {
                w.again = true;
                return;
            }
            w.asking += 1;
            w.filters.iter().map(|f| f.filter.clone()).collect::<Vec<_>>()
        };
        let weak = Arc::downgrade(&self.inner);
        let asked = filters.clone();
        let answered = self.call(
            Request::ConvGetUnreadCounts { filters },
            Box::new(move |resp| {
                let Some(client) = Client::client_of(&weak) else { return };
                let counts: Option<(u64, Vec<u64>)> = serde_json::from_str::<serde_json::Value>(&resp.json)
                    .ok()
                    .filter(|_| resp.code == 0)
                    .and_then(|v| Some((v["total"].as_u64()?, serde_json::from_value(v["filters"].clone()).ok()?)));
                client.took_unread(counts, &asked);
            }),
        );
        if answered.is_err() {
            self.inner.unread.lock().asking -= 1;
        }
    }

    /// Runs on the dispatcher with the engine's answer: records the counts,
    /// tells the listeners (no lock held) and asks again if events came.
    fn took_unread(&self, counts: Option<(u64, Vec<u64>)>, asked: &[ConvFilter]) {
        let mut told: Vec<Box<dyn FnOnce()>> = Vec::new();
        let again = {
            let mut w = self.inner.unread.lock();
            w.asking -= 1;
            if let Some((total, by_filter)) = counts {
                let changed = |old: Option<u64>, new: u64| old.is_some_and(|old| old != new);
                if let (Some(l), true) = (w.total_listener.clone(), changed(w.total, total)) {
                    told.push(Box::new(move || l(total)));
                }
                w.total = Some(total);
                let listener = w.filter_listener.clone();
                for (filter, count) in asked.iter().zip(by_filter) {
                    let Some(watched) = w.filters.iter_mut().find(|f| f.filter == *filter) else { continue };
                    if let (Some(l), true) = (listener.clone(), changed(watched.count, count)) {
                        let json = watched.json.clone();
                        told.push(Box::new(move || l(&json, count)));
                    }
                    watched.count = Some(count);
                }
            }
            w.asking == 0 && std::mem::take(&mut w.again)
        };
        for tell in told {
            tell();
        }
        if again {
            self.ask_unread(false);
        }
    }
}
