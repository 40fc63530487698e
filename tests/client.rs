//! The client's promises: dispatch modes, order, re-entrancy, login checks,
//! and shutdown with calls in flight.

use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::mpsc;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use huddle::client::{Client, LoginStatus, Mode, Refused, SdkConfig};
use huddle::event::{EventSink, NetworkStatus};
use huddle::params::{CreateGroupParam, KickParam};
use huddle::response::Response;
use huddle::service::Request;
use huddle::response::Reply;
use huddle::transport::Transport;

/// Everything one client saw, in order: "cb:<tag>:<code>" and "tip:<type>".
type Log = Arc<Mutex<Vec<String>>>;

fn config(dir: &tempfile::TempDir, mode: &str) -> SdkConfig {
    SdkConfig {
        sdk_config_data_dir: Some(dir.path().to_string_lossy().into()),
        callback_mode: Some(mode.into()),
        ..SdkConfig::default()
    }
}

fn recorder(log: &Log, tag: &str) -> Box<dyn FnOnce(Response) + Send> {
    let (log, tag) = (Arc::clone(log), tag.to_string());
    Box::new(move |r: Response| log.lock().unwrap().push(format!("cb:{}:{}", tag, r.code)))
}

fn client(dir: &tempfile::TempDir, mode: &str, user: &str) -> (Client, Log) {
    logged_in(config(dir, mode), user)
}

/// A client of `config`, logging its tips and callbacks, logging `user` in.
fn logged_in(config: SdkConfig, user: &str) -> (Client, Log) {
    let c = Client::new(config).unwrap();
    let log: Log = Default::default();
    let tips = Arc::clone(&log);
    c.set_tip_listener(Some(Arc::new(move |json: &huddle::event::Json| {
        let v: serde_json::Value = serde_json::from_str(json.as_str()).unwrap();
        tips.lock().unwrap().push(format!("tip:{}", v["group_tips_elem_tip_type"]));
    })));
    c.login(user, "", recorder(&log, "login")).unwrap();
    (c, log)
}

fn create(id: &str, ty: i32) -> Request {
    let p: CreateGroupParam = serde_json::from_value(serde_json::json!({
        "create_group_param_group_id": id,
        "create_group_param_group_name": id,
        "create_group_param_group_type": ty,
    }))
    .unwrap();
    Request::GroupCreate(p)
}

fn join(id: &str) -> Request {
    Request::GroupJoin { group_id: id.into(), hello_msg: String::new() }
}

/// Waits until `log` holds `n` entries, running callbacks in poll mode. On a
/// durable engine (every test here has a data dir) callbacks come after the
/// commit, so a moment after the call.
fn settle(c: &Client, log: &Log, n: usize) {
    for _ in 0..1000 {
        c.poll(u32::MAX);
        if log.lock().unwrap().len() >= n {
            return;
        }
        std::thread::sleep(Duration::from_millis(2));
    }
    panic!("only {:?} after 2 s", log.lock().unwrap());
}

/// Waits until `n` callbacks are queued, without running them.
fn wait_queued(c: &Client, n: usize) {
    for _ in 0..1000 {
        if c.queued() >= n {
            return;
        }
        std::thread::sleep(Duration::from_millis(2));
    }
    panic!("only {} callbacks queued after 2 s", c.queued());
}

#[test]
fn poll_mode_runs_nothing_until_polled_then_everything_in_order() {
    let dir = tempfile::tempdir().unwrap();
    let (alice, a) = client(&dir, "poll", "alice");
    let (bob, b) = client(&dir, "poll", "bob");
    alice.call(create("g", 2), recorder(&a, "create")).unwrap();
    bob.call(join("g"), recorder(&b, "join")).unwrap();
    wait_queued(&alice, 4);
    wait_queued(&bob, 3);
    assert!(a.lock().unwrap().is_empty(), "nothing runs before HuddlePoll");
    assert_eq!(alice.poll(2), 2);
    assert_eq!(*a.lock().unwrap(), ["cb:login:0", "cb:create:0"]);
    assert_eq!(alice.poll(100), 2);
    assert_eq!(*a.lock().unwrap(), ["cb:login:0", "cb:create:0", "tip:12", "tip:1"]);
    assert_eq!(bob.poll(100), 3);
    assert_eq!(*b.lock().unwrap(), ["cb:login:0", "cb:join:0", "tip:1"], "the caller's callback precedes its tips");
    assert_eq!(alice.poll(100), 0);
}

#[test]
fn thread_mode_runs_callbacks_on_one_library_thread() {
    let dir = tempfile::tempdir().unwrap();
    let (alice, log) = client(&dir, "thread", "alice");
    let threads = Arc::new(Mutex::new(Vec::new()));
    for i in 0..20 {
        let (t, l) = (Arc::clone(&threads), Arc::clone(&log));
        alice
            .call(create(&format!("g{}", i), 2), Box::new(move |r| {
                t.lock().unwrap().push(std::thread::current().id());
                l.lock().unwrap().push(format!("cb:{}:{}", i, r.code));
            }))
            .unwrap();
    }
    settle(&alice, &log, 1 + 20 * 2);
    let threads = threads.lock().unwrap();
    assert!(threads.iter().all(|t| *t == threads[0]) && threads[0] != std::thread::current().id());
    let order: Vec<String> = log.lock().unwrap().iter().filter(|s| s.starts_with("cb:") && !s.contains("login")).cloned().collect();
    assert_eq!(order, (0..20).map(|i| format!("cb:{}:0", i)).collect::<Vec<_>>());
    assert_eq!(alice.poll(10), 0, "HuddlePoll does nothing in thread mode");
}

#[test]
fn callbacks_may_call_back_into_the_client() {
    for mode in ["thread", "poll"] {
        let dir = tempfile::tempdir().unwrap();
        let (alice, log) = client(&dir, mode, "alice");
        let (inner_client, inner_log) = (alice.clone(), Arc::clone(&log));
        alice
            .call(create("outer", 2), Box::new(move |r| {
                inner_log.lock().unwrap().push(format!("cb:outer:{}", r.code));
                // Re-entrant: a call, a nested poll (a no-op inside a callback) and a status read.
                inner_client.call(create("inner", 2), recorder(&inner_log, "inner")).unwrap();
                assert_eq!(inner_client.poll(10), 0);
                assert_eq!(inner_client.login_status(), LoginStatus::LoggedIn);
            }))
            .unwrap();
        settle(&alice, &log, 5);
        assert_eq!(*log.lock().unwrap(), ["cb:login:0", "cb:outer:0", "tip:12", "cb:inner:0", "tip:12"], "{}", mode);
    }
}

#[test]
fn wake_callback_may_poll_directly() {
    let dir = tempfile::tempdir().unwrap();
    let (alice, log) = client(&dir, "poll", "alice");
    alice.poll(10);
    let wakes = Arc::new(AtomicUsize::new(0));
    let (w, c) = (Arc::clone(&wakes), alice.clone());
    alice.set_wake(Some(Arc::new(move || {
        w.fetch_add(1, Ordering::SeqCst);
        c.poll(100);
    })));
    alice.call(create("g", 2), recorder(&log, "create")).unwrap();
    for _ in 0..1000 {
        if log.lock().unwrap().len() >= 3 {
            break;
        }
        std::thread::sleep(Duration::from_millis(2));
    }
    assert!(wakes.load(Ordering::SeqCst) >= 1);
    assert_eq!(*log.lock().unwrap(), ["cb:login:0", "cb:create:0", "tip:12"], "the wake callback ran them");
}

#[test]
fn shutdown_runs_ready_callbacks_and_nothing_after() {
    for mode in ["thread", "poll"] {
        let dir = tempfile::tempdir().unwrap();
        let (alice, log) = client(&dir, mode, "alice");
        for i in 0..50 {
            alice.call(create(&format!("g{}", i), 2), recorder(&log, "c")).unwrap();
        }
        alice.shutdown();
        let after = log.lock().unwrap().len();
        assert_eq!(log.lock().unwrap().iter().filter(|s| s.as_str() == "cb:c:0").count(), 50, "{}", mode);
        assert_eq!(alice.call(create("late", 2), recorder(&log, "late")), Err(Refused::Uninitialized));
        std::thread::sleep(Duration::from_millis(20));
        assert_eq!(log.lock().unwrap().len(), after, "{}: nothing runs after shutdown", mode);
    }
}

/// A transport whose calls never complete until the test says so.
#[derive(Clone, Default)]
struct Stalled {
    replies: Arc<Mutex<Vec<Reply>>>,
}

impl Transport for Stalled {
    fn login(&self, _: &str, _: &str, reply: Reply) {
        reply(Response::ok(serde_json::json!({})));
    }
    fn logout(&self, reply: Reply) {
        reply(Response::ok(serde_json::json!({})));
    }
    fn call(&self, _: Request, reply: Reply) {
        self.replies.lock().unwrap().push(reply);
    }
    fn close(&self) {}
    fn sync(&self) {}
    fn status(&self) -> NetworkStatus {
        NetworkStatus::Connected
    }
    fn server_time(&self) -> u64 {
        0
    }
}

#[test]
fn shutdown_completes_calls_in_flight_with_6013_exactly_once() {
    for mode in [Mode::Thread, Mode::Poll] {
        let stalled = Stalled::default();
        let open = |_: Arc<dyn EventSink>| -> huddle::Result<Box<dyn Transport>> { Ok(Box::new(stalled.clone())) };
        let c = Client::with_transport(mode, open).unwrap();
        let log: Log = Default::default();
        c.login("alice", "", recorder(&log, "login")).unwrap();
        for _ in 0..3 {
            c.call(join("g"), recorder(&log, "join")).unwrap();
        }
        c.shutdown();
        assert_eq!(*log.lock().unwrap(), ["cb:login:0", "cb:join:6013", "cb:join:6013", "cb:join:6013"], "{:?}", mode);
        for reply in stalled.replies.lock().unwrap().drain(..) {
            reply(Response::ok(serde_json::json!({})));
        }
        std::thread::sleep(Duration::from_millis(20));
        assert_eq!(log.lock().unwrap().len(), 4, "{:?}: a late reply is dropped", mode);
    }
}

#[test]
fn a_reply_that_races_shutdown_still_gets_its_one_callback_before_shutdown_returns() {
    const CALLS: usize = 2000;
    for round in 0..50 {
        let stalled = Stalled::default();
        let open = |_: Arc<dyn EventSink>| -> huddle::Result<Box<dyn Transport>> { Ok(Box::new(stalled.clone())) };
        let c = Client::with_transport(Mode::Thread, open).unwrap();
        let ran = Arc::new(AtomicUsize::new(0));
        let count = |ran: &Arc<AtomicUsize>| -> Box<dyn FnOnce(Response) + Send> {
            let ran = Arc::clone(ran);
            Box::new(move |_| {
                ran.fetch_add(1, Ordering::SeqCst);
            })
        };
        c.login("alice", "", count(&ran)).unwrap();
        for _ in 0..CALLS {
            c.call(join("g"), count(&ran)).unwrap();
        }
        // The replies arrive on more threads than there are cores while the
        // client shuts down: some are preempted in the middle of settling
        // their call.
        const THREADS: usize = 8;
        let mut replies: Vec<Reply> = stalled.replies.lock().unwrap().drain(..).collect();
        let go = Arc::new(std::sync::Barrier::new(THREADS + 1));
        let answering: Vec<_> = (0..THREADS)
            .map(|_| {
                let mine: Vec<Reply> = replies.drain(..CALLS / THREADS).collect();
                let go = Arc::clone(&go);
                std::thread::spawn(move || {
                    go.wait();
                    mine.into_iter().for_each(|reply| reply(Response::ok(serde_json::json!({}))));
                })
            })
            .collect();
        go.wait();
        std::thread::sleep(Duration::from_micros(200 * (round as u64 % 5)));
        c.shutdown();
        assert_eq!(ran.load(Ordering::SeqCst), CALLS + 1, "round {}: every callback ran before shutdown returned", round);
        answering.into_iter().for_each(|t| t.join().unwrap());
        assert_eq!(ran.load(Ordering::SeqCst), CALLS + 1, "round {}: and none after", round);
    }
}

#[test]
fn shutdown_from_inside_a_callback() {
    for mode in ["thread", "poll"] {
        let dir = tempfile::tempdir().unwrap();
        let (alice, log) = client(&dir, mode, "alice");
        let (done_tx, done_rx) = mpsc::channel();
        let (c, l) = (alice.clone(), Arc::clone(&log));
        alice.call(create("a", 2), recorder(&log, "before")).unwrap();
        alice
            .call(create("b", 2), Box::new(move |r| {
                l.lock().unwrap().push(format!("cb:closer:{}", r.code));
                // A call in flight when the callback ends its own client.
                c.call(create("c", 2), recorder(&l, "after")).unwrap();
                c.shutdown();
                done_tx.send(()).unwrap();
            }))
            .unwrap();
        for _ in 0..1000 {
            alice.poll(100);
            if done_rx.try_recv().is_ok() {
                break;
            }
            std::thread::sleep(Duration::from_millis(2));
        }
        let log = log.lock().unwrap();
        assert!(log.contains(&"cb:after:0".to_string()), "{}: owed callbacks ran: {:?}", mode, log);
        assert_eq!(log.iter().filter(|s| s.starts_with("cb:")).count(), 4, "{}: each exactly once", mode);
    }
}

#[test]
fn calls_need_a_login_and_sigs_are_checked() {
    let dir = tempfile::tempdir().unwrap();
    let c = Client::new(SdkConfig { sdk_config_secret_key: Some("s3cret".into()), sdk_config_sdk_app_id: 42, ..config(&dir, "poll") }).unwrap();
    let log: Log = Default::default();
    assert_eq!(c.call(join("g"), recorder(&log, "x")), Err(Refused::NotLoggedIn));
    let now = huddle::engine::Clock::now(&huddle::engine::SystemClock);
    let cases = [
        ("bad", "nonsense".to_string(), 70003),
        ("wrong", huddle::usersig::generate("other", 42, "alice", now, 60), 70003),
        ("expired", huddle::usersig::generate("s3cret", 42, "alice", now - 61, 60), 70001),
        ("good", huddle::usersig::generate("s3cret", 42, "alice", now, 60), 0),
    ];
    for (tag, sig, _) in &cases {
        c.login("alice", sig, recorder(&log, tag)).unwrap();
        c.poll(10);
    }
    let expected: Vec<String> = cases.iter().map(|(t, _, code)| format!("cb:{}:{}", t, code)).collect();
    assert_eq!(*log.lock().unwrap(), expected);
    assert_eq!(c.login_user().as_deref(), Some("alice"));
    c.login("bob", &huddle::usersig::generate("s3cret", 42, "bob", now, 60), recorder(&log, "other")).unwrap();
    c.poll(10);
    assert_eq!(log.lock().unwrap().last().unwrap(), "cb:other:6017", "one user per client until logout");
    c.logout(recorder(&log, "logout")).unwrap();
    settle(&c, &log, expected.len() + 2);
    assert_eq!(log.lock().unwrap().last().unwrap(), "cb:logout:0");
    assert_eq!(c.login_status(), LoginStatus::LoggedOut);
    assert_eq!(c.call(join("g"), recorder(&log, "x")), Err(Refused::NotLoggedIn));
}

#[test]
fn clients_of_one_data_dir_share_an_engine_and_others_do_not() {
    let (d1, d2) = (tempfile::tempdir().unwrap(), tempfile::tempdir().unwrap());
    let (alice, a) = client(&d1, "poll", "alice");
    let (bob, b) = client(&d1, "poll", "bob");
    let (carol, c) = client(&d2, "poll", "carol");
    alice.call(create("shared", 2), recorder(&a, "create")).unwrap();
    bob.call(join("shared"), recorder(&b, "join")).unwrap();
    carol.call(join("shared"), recorder(&c, "join")).unwrap();
    settle(&alice, &a, 4);
    settle(&bob, &b, 3);
    settle(&carol, &c, 2);
    assert!(b.lock().unwrap().contains(&"cb:join:0".to_string()));
    assert!(c.lock().unwrap().contains(&"cb:join:10010".to_string()), "another dir is another engine");
}

#[test]
fn logout_is_answered_after_the_calls_before_it() {
    let dir = tempfile::tempdir().unwrap();
    let (alice, log) = client(&dir, "poll", "alice");
    for i in 0..20 {
        alice.call(create(&format!("g{}", i), 2), recorder(&log, "create")).unwrap();
    }
    alice.logout(recorder(&log, "logout")).unwrap();
    settle(&alice, &log, 1 + 20 * 2 + 1);
    let log = log.lock().unwrap();
    let callbacks: Vec<&String> = log.iter().filter(|s| s.starts_with("cb:")).collect();
    assert_eq!(callbacks.len(), 22);
    assert_eq!(callbacks.last().unwrap().as_str(), "cb:logout:0", "{:?}", callbacks);
}

#[test]
fn tips_reach_every_session_concerned_and_no_other() {
    let dir = tempfile::tempdir().unwrap();
    let users = ["owner", "ann", "bob", "cat"];
    let clients: Vec<(Client, Log)> = users.iter().map(|u| client(&dir, "poll", u)).collect();
    let (owner, ann, bob, cat) = (&clients[0], &clients[1], &clients[2], &clients[3]);
    let call = |(c, log): &(Client, Log), req: Request| {
        c.call(req, recorder(log, "call")).unwrap();
        c.sync();
    };
    call(owner, create("guild", 5));
    for c in [ann, bob, cat] {
        call(c, join("guild"));
    }
    call(bob, Request::GroupQuit { group_id: "guild".into() });
    let kick = KickParam { group_id: "guild".into(), users: vec!["cat".into()], ..Default::default() };
    call(owner, Request::GroupDeleteMember(kick));
    call(owner, Request::GroupDelete { group_id: "guild".into() });
    let tips = |(c, log): &(Client, Log)| {
        c.sync();
        c.poll(u32::MAX);
        log.lock().unwrap().iter().filter(|e| e.starts_with("tip:")).cloned().collect::<Vec<_>>()
    };
    // 12 created, 1 joins (each of ann, bob, cat), 2 quit, 3 kick, 13 dismissed.
    assert_eq!(tips(owner), ["tip:12", "tip:1", "tip:1", "tip:1", "tip:2", "tip:3", "tip:13"]);
    assert_eq!(tips(ann), ["tip:1", "tip:1", "tip:1", "tip:2", "tip:3", "tip:13"]);
    assert_eq!(tips(bob), ["tip:1", "tip:1", "tip:2"], "who quits hears of it, then nothing");
    assert_eq!(tips(cat), ["tip:1", "tip:2", "tip:3"], "who is kicked hears of it, then nothing");
}

/// A poll-mode client's wake callback may call into the library (the header
/// allows any function there). A mute running out is told by the engine's
/// timer thread; its wake must not run while that thread holds the engine.
#[test]
fn a_wake_callback_that_calls_back_never_deadlocks_with_the_timer() {
    let (done_tx, done_rx) = mpsc::channel();
    std::thread::spawn(move || {
        // In memory: the timer thread then tells sessions itself (a durable
        // engine's commit thread would, with no lock held).
        let in_memory = |user: &str| logged_in(SdkConfig { callback_mode: Some("poll".into()), ..SdkConfig::default() }, user);
        let (alice, log) = in_memory("wake-alice");
        let (bob, _) = in_memory("wake-bob");
        alice.call(create("wake-muted", 2), recorder(&log, "create")).unwrap();
        bob.call(join("wake-muted"), Box::new(|_| {})).unwrap();
        settle(&alice, &log, 3);
        let again = alice.clone();
        // Wakes that called back into the library, and calls that returned.
        let (woken, returned) = (Arc::new(AtomicUsize::new(0)), Arc::new(AtomicUsize::new(0)));
        let (w, r) = (Arc::clone(&woken), Arc::clone(&returned));
        alice.set_wake(Some(Arc::new(move || {
            w.fetch_add(1, Ordering::SeqCst);
            // Any call will do: it takes the engine's lock.
            let _ = again.call(Request::GroupGetJoinedGroupList, Box::new(|_| {}));
            r.fetch_add(1, Ordering::SeqCst);
        })));
        let mute: huddle::params::ModifyMemberParam = serde_json::from_value(serde_json::json!({
            "group_modify_member_info_group_id": "wake-muted", "group_modify_member_info_identifier": "wake-bob",
            "group_modify_member_info_modify_flag": 4, "group_modify_member_info_shutup_time": 1,
        }))
        .unwrap();
        alice.call(Request::GroupModifyMemberInfo(mute), Box::new(|_| {})).unwrap();
        // The mute tip, then (about a second later) the timer's unmute tip.
        for _ in 0..400 {
            alice.poll(100);
            if log.lock().unwrap().iter().filter(|e| *e == "tip:7").count() >= 2 {
                break;
            }
            std::thread::sleep(Duration::from_millis(10));
        }
        // The engine still answers, and every wake's call returned.
        let (tx, rx) = mpsc::channel();
        alice.call(Request::GroupGetJoinedGroupList, Box::new(move |r| tx.send(r.code).unwrap())).unwrap();
        for _ in 0..200 {
            alice.poll(100);
            if rx.try_recv().is_ok() {
                break;
            }
            std::thread::sleep(Duration::from_millis(10));
        }
        done_tx.send((log.lock().unwrap().clone(), woken.load(Ordering::SeqCst), returned.load(Ordering::SeqCst))).unwrap();
    });
    let (log, woken, returned) = done_rx.recv_timeout(Duration::from_secs(20)).expect("no deadlock: the story ends");
    assert_eq!(log.iter().filter(|e| *e == "tip:7").count(), 2, "the mute and its end: {:?}", log);
    assert!(woken >= 2, "the wake callback ran and called back");
    assert_eq!(returned, woken, "every call made from a wake callback returned");
}

/// A poll-mode client that stops polling does not grow without bound: past
/// `sdk_config_max_pending_events` the oldest events go, and never a
/// call's result, which is owed exactly once.
#[test]
fn a_client_that_never_polls_keeps_the_newest_events_and_every_result() {
    let config = |extra: serde_json::Value| -> SdkConfig {
        let mut c = serde_json::json!({ "callback_mode": "poll" });
        c.as_object_mut().unwrap().extend(extra.as_object().unwrap().clone());
        serde_json::from_value(c).unwrap()
    };
    let idle = Client::new(config(serde_json::json!({ "sdk_config_max_pending_events": 10 }))).unwrap();
    let heard: Log = Default::default();
    let h = Arc::clone(&heard);
    idle.add_message_listener(1, Arc::new(move |json: &huddle::event::Json| {
        let v: serde_json::Value = serde_json::from_str(json.as_str()).unwrap();
        if let Some(text) = v[0]["message_elem_array"][0]["text_elem_content"].as_str() {
            h.lock().unwrap().push(text.to_string());
        }
    }));
    let talker = Client::new(config(serde_json::json!({}))).unwrap();
    let results: Log = Default::default();
    idle.login("bound-idle", "", recorder(&results, "login")).unwrap();
    talker.login("bound-talker", "", Box::new(|_| {})).unwrap();
    talker.call(create("bounded", 2), Box::new(|_| {})).unwrap();
    idle.call(join("bounded"), recorder(&results, "join")).unwrap();
    // 30: under the group's default rate limit of 40 a second.
    for i in 0..30 {
        let param = serde_json::from_value(serde_json::json!({ "message_elem_array": [{ "elem_type": 0, "text_elem_content": format!("m{}", i) }] })).unwrap();
        let conv = huddle::service::ConvRef { conv_type: huddle::types::ConvType::Group, conv_id: "bounded".into() };
        talker.call(Request::MsgSend { conv, msg_id: format!("bound-{}", i), param }, Box::new(|_| {})).unwrap();
    }
    for i in 0..5 {
        idle.call(Request::GroupGetJoinedGroupList, recorder(&results, &format!("list{}", i))).unwrap();
    }
    assert!(idle.queued() <= 10 + 7, "at most 10 events and the 7 owed results wait: {}", idle.queued());
    idle.poll(u32::MAX);
    let expected: Vec<String> = (20..30).map(|i| format!("m{}", i)).collect();
    assert_eq!(*heard.lock().unwrap(), expected, "the newest 10 messages");
    assert_eq!(results.lock().unwrap().len(), 7, "login, join and 5 lists: every result ran: {:?}", results.lock().unwrap());
}
