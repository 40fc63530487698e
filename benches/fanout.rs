//! Issue 6's benchmark: messages into a 3,000-member group (RC's limit) with
//! every member online on the embedded engine, counted as deliveries, against
//! a plain `tokio::sync::broadcast` fan-out of the same payload in the same
//! run. Two floors: receivers as tasks awaiting `recv` (how a broadcast fans
//! out to consumers, each woken and run), and the bare lower bound of one
//! loop calling `try_recv` on every receiver. Huddle's side runs every
//! member's callback (poll mode) on the bench thread.
//!
//! A bench binary rather than criterion: this machine's noise moves absolute
//! numbers by 2x from one minute to the next, so the contenders take turns,
//! one message each per round, and each ratio is the median of the ratios
//! within a round. `HUDDLE_FANOUT_ROUNDS` sets the rounds (default 1,000).
//!
//! Issue 14 adds an AVChatRoom of 20,000 members, all online, with a floor
//! of its own size, in the same rounds.

use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::sync::Arc;
use std::time::{Duration, Instant};

use huddle::client::{Client, SdkConfig};
use huddle::service::{ConvRef, Request};
use huddle::types::ConvType;
use serde_json::json;

const MEMBERS: usize = 3000;
const RECEIVERS: u64 = MEMBERS as u64 - 1;
/// Issue 14: an AVChatRoom lobby, every member online.
const ROOM_MEMBERS: usize = 20_000;
const ROOM_RECEIVERS: u64 = ROOM_MEMBERS as u64 - 1;
const WARM_UP_ROUNDS: usize = 50;

fn client(user: &str, cfg: &SdkConfig) -> Client {
    let c = Client::new(cfg.clone()).unwrap();
    c.login(user, "", Box::new(|_| {})).unwrap();
    c.poll(16);
    c
}

fn text() -> huddle::params::SendParam {
    serde_json::from_value(json!({ "message_elem_array": [{ "elem_type": 0, "text_elem_content": "gg, regroup at the gate" }] })).unwrap()
}

/// A group's sender and its other members, each a poll-mode client with a
/// message listener that counts.
struct Raid {
    id: &'static str,
    owner: Client,
    members: Vec<Client>,
    delivered: Arc<AtomicU64>,
    _dir: tempfile::TempDir,
}

impl Raid {
    /// Issue 6's raid: a 3,000-member Community group.
    fn new(durable: bool) -> Raid {
        Raid::of("raid", 5, MEMBERS, durable)
    }

    /// Issue 14's lobby: an AVChatRoom of 20,000 online members.
    fn lobby() -> Raid {
        Raid::of("lobby", 4, ROOM_MEMBERS, false)
    }

    fn of(id: &'static str, group_type: i32, size: usize, durable: bool) -> Raid {
        let dir = tempfile::tempdir().unwrap();
        let mut cfg = json!({ "callback_mode": "poll", "sdk_config_group_msg_per_second": 1_000_000 });
        if durable {
            cfg["sdk_config_data_dir"] = json!(dir.path());
        }
        let cfg: SdkConfig = serde_json::from_value(cfg).unwrap();
        let owner = client(&format!("{}0", id), &cfg);
        let mut create = json!({ "create_group_param_group_id": id, "create_group_param_group_name": id, "create_group_param_group_type": group_type });
        if group_type != 4 {
            create["create_group_param_max_member_num"] = json!(size);
        }
        owner.call(Request::GroupCreate(serde_json::from_value(create).unwrap()), Box::new(|r| assert_eq!(r.code, 0))).unwrap();
        owner.sync();
        let members: Vec<Client> = (1..size)
            .map(|i| {
                let m = client(&format!("{}{}", id, i), &cfg);
                m.call(Request::GroupJoin { group_id: id.into(), hello_msg: String::new() }, Box::new(|r| assert_eq!(r.code, 0))).unwrap();
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
        Raid { id, owner, members, delivered, _dir: dir }
    }

    /// Sends one message, polls (as a game loop does) until its callback has
    /// run, then runs every member's callbacks. On a durable engine the
    /// message reaches sessions once committed, by the commit thread.
    fn send(&self) {
        let to = ConvRef { conv_type: ConvType::Group, conv_id: self.id.into() };
        let sent = Arc::new(AtomicBool::new(false));
        let flag = Arc::clone(&sent);
        let done = Box::new(move |r: huddle::response::Response| {
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

/// The message's JSON as a member receives it: the floors' payload.
fn payload() -> Arc<str> {
    huddle::engine::views::MessageView::json(
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
            revoked_order: 0,
            random: 0,
            cloud_custom_data: String::new(),
            platform: 0,
            version: 0,
            modified_order: 0,
            local_to: None,
            priority: Default::default(),
            extras: Default::default(),
        },
        "m1",
    )
    .into()
}

/// The broadcast floor: every receiver a task on a current-thread runtime.
struct TaskFloor {
    tx: tokio::sync::broadcast::Sender<Arc<str>>,
    rt: tokio::runtime::Runtime,
    all_in: Arc<tokio::sync::Notify>,
    payload: Arc<str>,
    received: Arc<AtomicU64>,
}

impl TaskFloor {
    fn new(payload: Arc<str>, receivers: u64) -> TaskFloor {
        let (tx, _) = tokio::sync::broadcast::channel::<Arc<str>>(16);
        let rt = tokio::runtime::Builder::new_current_thread().build().unwrap();
        let received = Arc::new(AtomicU64::new(0));
        let all_in = Arc::new(tokio::sync::Notify::new());
        for _ in 0..receivers {
            let (mut rx, received, all_in) = (tx.subscribe(), Arc::clone(&received), Arc::clone(&all_in));
            rt.spawn(async move {
                while let Ok(m) = rx.recv().await {
                    let n = received.fetch_add(m.len().min(1) as u64, Ordering::Relaxed) + 1;
                    if n % receivers == 0 {
                        all_in.notify_one();
                    }
                }
            });
        }
        TaskFloor { tx, rt, all_in, payload, received }
    }

    fn send(&self) {
        self.tx.send(Arc::clone(&self.payload)).unwrap();
        self.rt.block_on(self.all_in.notified());
    }
}

/// The bare bound: one loop drains every receiver with `try_recv`.
struct TryRecvBound {
    tx: tokio::sync::broadcast::Sender<Arc<str>>,
    receivers: Vec<tokio::sync::broadcast::Receiver<Arc<str>>>,
    payload: Arc<str>,
    received: AtomicU64,
}

impl TryRecvBound {
    fn new(payload: Arc<str>) -> TryRecvBound {
        let (tx, _) = tokio::sync::broadcast::channel::<Arc<str>>(16);
        let receivers = (0..RECEIVERS).map(|_| tx.subscribe()).collect();
        TryRecvBound { tx, receivers, payload, received: AtomicU64::new(0) }
    }

    fn send(&mut self) {
        self.tx.send(Arc::clone(&self.payload)).unwrap();
        for r in &mut self.receivers {
            while let Ok(m) = r.try_recv() {
                self.received.fetch_add(m.len().min(1) as u64, Ordering::Relaxed);
            }
        }
    }
}

fn median(mut xs: Vec<f64>) -> f64 {
    xs.sort_by(f64::total_cmp);
    xs[xs.len() / 2]
}

fn quantile(xs: &[Duration], q: f64) -> Duration {
    let mut xs = xs.to_vec();
    xs.sort();
    xs[((xs.len() - 1) as f64 * q).round() as usize]
}

fn main() {
    let rounds: usize = std::env::var("HUDDLE_FANOUT_ROUNDS").ok().and_then(|r| r.parse().ok()).unwrap_or(1000);
    eprintln!("fanout: 3,000 and 20,000 members online, {} rounds after {} to warm up", rounds, WARM_UP_ROUNDS);
    let (memory, durable, lobby) = (Raid::new(false), Raid::new(true), Raid::lobby());
    let floor = TaskFloor::new(payload(), RECEIVERS);
    let mut bound = TryRecvBound::new(payload());
    let room_floor = TaskFloor::new(payload(), ROOM_RECEIVERS);

    let names = [
        "Huddle, in memory",
        "Huddle, durable (SQLite)",
        "broadcast, receivers as tasks",
        "broadcast, try_recv loop",
        "Huddle AVChatRoom, 20,000 online, in memory",
        "broadcast, 19,999 receivers as tasks",
    ];
    let receivers = [RECEIVERS, RECEIVERS, RECEIVERS, RECEIVERS, ROOM_RECEIVERS, ROOM_RECEIVERS];
    let mut times: [Vec<Duration>; 6] = Default::default();
    let only = std::env::var("ONLY").unwrap_or_default();
    for round in 0..WARM_UP_ROUNDS + rounds {
        let mut timed = |i: usize, run: &mut dyn FnMut()| {
            if !only.is_empty() && only != i.to_string() {
                return;
            }
            let start = Instant::now();
            run();
            if round >= WARM_UP_ROUNDS {
                times[i].push(start.elapsed());
            }
        };
        timed(0, &mut || memory.send());
        timed(1, &mut || durable.send());
        timed(2, &mut || floor.send());
        timed(3, &mut || bound.send());
        timed(4, &mut || lobby.send());
        timed(5, &mut || room_floor.send());
    }

    let sent = (WARM_UP_ROUNDS + rounds) as u64;
    let counts = [
        memory.delivered.load(Ordering::Relaxed),
        durable.delivered.load(Ordering::Relaxed),
        floor.received.load(Ordering::Relaxed),
        bound.received.load(Ordering::Relaxed),
        lobby.delivered.load(Ordering::Relaxed),
        room_floor.received.load(Ordering::Relaxed),
    ];
    for (i, count) in counts.into_iter().enumerate() {
        if only.is_empty() {
            assert_eq!(count, sent * receivers[i], "{}: every receiver gets every message once", names[i]);
        }
    }

    let ratio = |i: usize, base: usize| median(times[i].iter().zip(&times[base]).map(|(t, b)| t.as_secs_f64() / b.as_secs_f64()).collect());
    let us = |d: Duration| format!("{:.0} µs", d.as_secs_f64() * 1e6);
    let rate = |i: usize| receivers[i] as f64 / quantile(&times[i], 0.5).as_secs_f64();
    println!("| measurement | per message (median) | p10 .. p90 | deliveries/s | ÷ tasks floor | ÷ try_recv bound |");
    println!("| --- | --- | --- | --- | --- | --- |");
    // One row: the median and spread of measurement i, then two comparisons.
    let row = |i: usize, first: f64, second: f64| {
        println!(
            "| {} | {} | {} .. {} | {:.2} M | {:.2} | {:.2} |",
            names[i],
            us(quantile(&times[i], 0.5)),
            us(quantile(&times[i], 0.1)),
            us(quantile(&times[i], 0.9)),
            rate(i) / 1e6,
            first,
            second,
        )
    };
    for i in 0..4 {
        row(i, ratio(i, 2), ratio(i, 3));
    }
    // Issue 14: the lobby, as deliveries/s against the floor above (its
    // 2,999 receivers), and per message against a floor of its own size.
    println!();
    println!("| measurement | per message (median) | p10 .. p90 | deliveries/s | deliveries/s ÷ tasks floor's (2,999) | per message ÷ 19,999-receiver floor |");
    println!("| --- | --- | --- | --- | --- | --- |");
    for i in 4..names.len() {
        row(i, rate(i) / rate(2), ratio(i, 5));
    }
}
