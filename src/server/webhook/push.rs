//! The offline push hook: the engine names each new message's readers who
//! have no session online; they are told to the app's push service in
//! batches, with what APNs or FCM needs (title, text, conversation, unread
//! count). Best effort: a notice the hook does not take after a few tries
//! is dropped (and logged), as a push service drops them too.

use std::sync::Arc;
use std::time::Duration;

use serde_json::{json, Value};
use tokio::sync::{mpsc, watch};
use tracing::warn;

use crate::engine::{Engine, PushNotice, PushSink};
use crate::model::Thread;
use crate::service::rest::wire::body_from_elems;
use crate::types::elem_type;

use super::{command, Webhooks};

/// Notices waiting for the push worker at most; past it, new ones are dropped.
const QUEUE: usize = 10_000;
/// Pushes per call to the hook.
const BATCH: usize = 100;
/// How long a batch waits to fill.
const LINGER: Duration = Duration::from_millis(100);
const TRIES: u32 = 3;

/// The engine's push sink: a bounded queue to the push worker.
pub struct PushQueue(mpsc::Sender<PushNotice>);

impl PushSink for PushQueue {
    fn push(&self, notice: PushNotice) {
        if self.0.try_send(notice).is_err() {
            warn!("the offline push queue is full: a push is dropped");
        }
    }
}

impl PushQueue {
    /// The queue, and the worker that empties it into the hook until `stopping`.
    pub fn start(hooks: Arc<Webhooks>, engine: Arc<std::sync::OnceLock<Arc<Engine>>>, stopping: watch::Receiver<bool>) -> PushQueue {
        let (tx, rx) = mpsc::channel(QUEUE);
        tokio::spawn(run(hooks, engine, rx, stopping));
        PushQueue(tx)
    }
}

/// The text a push shows: text elements as they are, custom ones by their
/// description (Tencent's rule), joined.
fn push_text(elems: &[Value]) -> String {
    elems
        .iter()
        .filter_map(|e| match e.get("elem_type").and_then(Value::as_i64)? {
            elem_type::TEXT => e.get("text_elem_content").and_then(Value::as_str),
            elem_type::CUSTOM => e.get("custom_elem_desc").and_then(Value::as_str),
            _ => None,
        })
        .collect()
}

/// One push event per target of `notice`, its unread count read now.
fn events(engine: &Engine, notice: &PushNotice) -> Vec<Value> {
    let m = &notice.message;
    engine
        .read("", |s, _| {
            let (conv_type, group_id, title) = match &m.thread {
                Thread::Group(g) => ("Group", g.as_str(), s.groups.get(g).map_or(g.as_str(), |g| g.profile.name.as_str())),
                Thread::C2C(..) => ("C2C", "", m.sender.as_str()),
            };
            Ok(notice
                .targets
                .iter()
                .map(|t| {
                    let unread = s.conv(&t.user, &m.thread).and_then(|c| s.summarize(c)).map_or(1, |sum| sum.unread);
                    json!({
                        "To_Account": t.user,
                        "From_Account": m.sender,
                        "ConvType": conv_type,
                        "GroupId": group_id,
                        "Title": title,
                        "Desc": push_text(&m.elems),
                        "MsgSeq": m.seq,
                        "MsgId": m.msg_id,
                        "MsgTime": m.server_time,
                        "MsgBody": body_from_elems(&m.elems),
                        "UnreadCount": unread,
                        "Mentioned": t.mentioned,
                    })
                })
                .collect())
        })
        .unwrap_or_default()
}

async fn run(hooks: Arc<Webhooks>, engine: Arc<std::sync::OnceLock<Arc<Engine>>>, mut rx: mpsc::Receiver<PushNotice>, mut stopping: watch::Receiver<bool>) {
    let Some(url) = hooks.config.push_url.clone() else { return };
    let timeout = Duration::from_millis(hooks.config.timeout_ms.max(1000));
    loop {
        let first = tokio::select! {
            n = rx.recv() => match n { Some(n) => n, None => return },
            _ = stopping.changed() => return,
        };
        let mut notices = vec![first];
        let deadline = tokio::time::Instant::now() + LINGER;
        while notices.iter().map(|n| n.targets.len()).sum::<usize>() < BATCH {
            match tokio::time::timeout_at(deadline, rx.recv()).await {
                Ok(Some(n)) => notices.push(n),
                _ => break,
            }
        }
        let Some(engine) = engine.get().cloned() else { continue };
        let built = tokio::task::spawn_blocking(move || {
            // Pushed only once committed: a crash must not push a message that then is not there.
            engine.sync().ok()?;
            Some(notices.iter().flat_map(|n| events(&engine, n)).collect::<Vec<_>>())
        })
        .await;
        let Ok(Some(events)) = built else { continue };
        for chunk in events.chunks(BATCH) {
            let body = json!({ "CallbackCommand": command::OFFLINE_PUSH, "Events": chunk });
            let mut tries = 0;
            while let Err(why) = hooks.post(&url, command::OFFLINE_PUSH, None, &body, timeout).await {
                tries += 1;
                if tries == TRIES {
                    warn!("the push hook did not take {} pushes ({}): they are dropped", chunk.len(), why.0);
                    break;
                }
                tokio::time::sleep(Duration::from_millis(200 << tries)).await;
            }
        }
    }
}
