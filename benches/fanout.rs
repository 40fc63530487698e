//! Issue 6's benchmark: messages into a 3,000-member group (RC's limit) with
//! every member online on the embedded engine, counted as deliveries, against
//! a plain `tokio::sync::broadcast` fan-out of the same payload in the same
//! run. Two floors: receivers as tasks awaiting `recv` (how a broadcast fans
//! out to consumers, each woken and run), and the bare lower bound of one
//! loop calling `try_recv` on every receiver. Huddle's side runs every
//! member's callback (poll mode) on the bench thread.

use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::sync::Arc;

use criterion::{criterion_group, criterion_main, Criterion, Throughput};
use huddle::client::{Client, SdkConfig};
use huddle::service::{ConvRef, Request};
use huddle::types::ConvType;
use serde_json::json;

const MEMBERS: usize = 3000;

fn client(user: &str, cfg: &SdkConfig) -> Client {
    let c = Client::new(cfg.clone()).unwrap();
    c.login(user, "", Box::new(|_| {})).unwrap();
    c.poll(16);
    c
}

fn text() -> huddle::params::SendParam {
    serde_json::from_value(json!({ "message_elem_array": [{ "elem_type": 0, "text_elem_content": "gg, regroup at the gate" }] })).unwrap()
}

/// The sender and the 2,999 other members, each a poll-mode client with a
/// message listener that counts.
struct Raid {
    owner: Client,
    members: Vec<Client>,
    delivered: Arc<AtomicU64>,
    _dir: tempfile::TempDir,
}

impl Raid {
    fn new(durable: bool) -> Raid {
        let dir = tempfile::tempdir().unwrap();
        let mut cfg = json!({ "callback_mode": "poll", "sdk_config_group_msg_per_second": 1_000_000 });
        if durable {
            cfg["sdk_config_data_dir"] = json!(dir.path());
        }
        let cfg: SdkConfig = serde_json::from_value(cfg).unwrap();
        let owner = client("m0", &cfg);
        let create = json!({ "create_group_param_group_id": "raid", "create_group_param_group_name": "raid",
                             "create_group_param_group_type": 5, "create_group_param_max_member_num": MEMBERS });
        owner.call(Request::GroupCreate(serde_json::from_value(create).unwrap()), Box::new(|r| assert_eq!(r.code, 0))).unwrap();
        owner.sync();
        let members: Vec<Client> = (1..MEMBERS)
            .map(|i| {
                let m = client(&format!("m{}", i), &cfg);
                m.call(Request::GroupJoin { group_id: "raid".into(), hello_msg: String::new() }, Box::new(|r| assert_eq!(r.code, 0))).unwrap();
                m
            })
            .collect();
        owner.sync();
        // Listeners go on after the joins, so the join tips are not delivered as messages.
        let delivered = Arc::new(AtomicU64::new(0));
        for m in &members {
            m.poll(u32::MAX);
            let d = Arc::clone(&delivered);
            m.add_message_listener(1, Arc::new(move |_| {
                d.fetch_add(1, Ordering::Relaxed);
            }));
        }
        owner.poll(u32::MAX);
        Raid { owner, members, delivered, _dir: dir }
    }

    /// Sends one message, polls (as a game loop does) until its callback has
    /// run, then runs every member's callbacks. On a durable engine the
    /// message reaches sessions once committed, by the commit thread.
    fn send(&self) {
        let to = ConvRef { conv_type: ConvType::Group, conv_id: "raid".into() };
        let sent = Arc::new(AtomicBool::new(false));
        let flag = Arc::clone(&sent);
        let done = Box::new(move |r: huddle::service::Response| {
            assert_eq!(r.code, 0);
            flag.store(true, Ordering::Release);
        });
        self.owner.call(Request::MsgSend { conv: to, msg_id: huddle::engine::new_msg_id(0), param: text() }, done).unwrap();
        while !sent.load(Ordering::Acquire) {
            self.owner.poll(u32::MAX);
            std::hint::spin_loop();
        }
        self.owner.sync();
        for m in &self.members {
            m.poll(u32::MAX);
        }
    }
}

fn fanout(c: &mut Criterion) {
    let mut group = c.benchmark_group("fanout_3000");
    group.throughput(Throughput::Elements((MEMBERS - 1) as u64));
    group.sample_size(30);
    group.measurement_time(std::time::Duration::from_secs(5));
    for (name, durable) in [("huddle_in_memory", false), ("huddle_durable", true)] {
        let raid = Raid::new(durable);
        group.bench_function(name, |b| b.iter(|| raid.send()));
        assert_eq!(raid.delivered.load(Ordering::Relaxed) % (MEMBERS as u64 - 1), 0, "every member got every message once");
    }

    let payload: Arc<str> = huddle::engine::views::MessageView::json(
        &huddle::model::Message {
            thread: huddle::model::Thread::Group("raid".into()),
            seq: 1,
            msg_id: huddle::engine::new_msg_id(0),
            sender: "m0".into(),
            server_time: 0,
            client_time: 0,
            elems: text().elems,
            at_users: vec![],
            targets: vec![],
            status: huddle::types::MsgStatus::Sent,
            revoker: String::new(),
            order: 1,
        },
        "m1",
    )
    .into();
    let (tx, _) = tokio::sync::broadcast::channel::<Arc<str>>(16);
    let rt = tokio::runtime::Builder::new_current_thread().build().unwrap();
    let received = Arc::new(AtomicU64::new(0));
    let all_in = Arc::new(tokio::sync::Notify::new());
    for _ in 1..MEMBERS {
        let (mut rx, received, all_in) = (tx.subscribe(), Arc::clone(&received), Arc::clone(&all_in));
        rt.spawn(async move {
            while let Ok(m) = rx.recv().await {
                let n = received.fetch_add(m.len().min(1) as u64, Ordering::Relaxed) + 1;
                if n % (MEMBERS as u64 - 1) == 0 {
                    all_in.notify_one();
                }
            }
        });
    }
    group.bench_function("broadcast_tasks_floor", |b| {
        b.iter(|| {
            tx.send(Arc::clone(&payload)).unwrap();
            rt.block_on(all_in.notified());
        })
    });
    let mut receivers: Vec<_> = (1..MEMBERS).map(|_| tx.subscribe()).collect();
    group.bench_function("broadcast_try_recv_bound", |b| {
        b.iter(|| {
            tx.send(Arc::clone(&payload)).unwrap();
            for r in &mut receivers {
                while let Ok(m) = r.try_recv() {
                    received.fetch_add(m.len().min(1) as u64, Ordering::Relaxed);
                }
            }
        })
    });
    group.finish();
}

criterion_group!(benches, fanout);
criterion_main!(benches);
