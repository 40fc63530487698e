//! Group attributes and counters: a match room whose seats live in group
//! attributes, a like counter on a live stream. Tencent's keys, limits and
//! codes; every member hears every change, all in one order; on the
//! embedded engine (in memory and on disk) and over huddle-server alike.

mod common;

use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use huddle::client::{Client, SdkConfig};
use huddle::engine::{Clock, Engine, EngineConfig};
use huddle::response::Response;
use huddle::service::{serve, Request};
use serde_json::{json, Value};

use common::{create, eventually, join, req, ServerProcess};

/// One logged-in user and the attribute and counter changes it heard, in order.
struct Member {
    user: String,
    client: Client,
    /// (group, all attributes) per attribute change.
    attributes: Arc<Mutex<Vec<(String, Value)>>>,
    /// (group, key, value) per counter change.
    counters: Arc<Mutex<Vec<(String, String, i64)>>>,
}

impl Member {
    fn login(config: &Value, user: &str) -> Member {
        let config: SdkConfig = serde_json::from_value(config.clone()).unwrap();
        let client = Client::new(config).unwrap();
        let m = Member { user: user.into(), client, attributes: Default::default(), counters: Default::default() };
        let attributes = Arc::clone(&m.attributes);
        m.client.set_group_attributes_listener(Some(Arc::new(move |group: &str, json: &huddle::event::Json| {
            attributes.lock().unwrap().push((group.to_string(), serde_json::from_str(json.as_str()).unwrap()))
        })));
        let counters = Arc::clone(&m.counters);
        m.client.set_group_counter_listener(Some(Arc::new(move |group: &str, key: &str, value: i64| {
            counters.lock().unwrap().push((group.to_string(), key.to_string(), value))
        })));
        let (tx, rx) = std::sync::mpsc::channel();
        m.client.login(user, "", Box::new(move |r| tx.send(r).unwrap())).unwrap();
        assert_eq!(rx.recv_timeout(Duration::from_secs(20)).unwrap().code, 0);
        m
    }

    fn call(&self, req: Request) -> Response {
        let (tx, rx) = std::sync::mpsc::channel();
        self.client.call(req, Box::new(move |r| tx.send(r).unwrap())).unwrap();
        rx.recv_timeout(Duration::from_secs(60)).expect("an answer")
    }

    fn ok(&self, req: Request) -> Value {
        let r = self.call(req);
        assert_eq!(r.code, 0, "{}: {:?}", self.user, r);
        serde_json::from_str(&r.json).unwrap()
    }

    fn counter_values(&self, group: &str, key: &str) -> Vec<i64> {
        self.counters.lock().unwrap().iter().filter(|(g, k, _)| g == group && k == key).map(|(_, _, v)| *v).collect()
    }

    fn attribute_changes(&self, group: &str) -> Vec<Value> {
        self.attributes.lock().unwrap().iter().filter(|(g, _)| g == group).map(|(_, a)| a.clone()).collect()
    }
}

fn attrs(pairs: &[(&str, &str)]) -> Value {
    Value::Array(pairs.iter().map(|(k, v)| json!({ "group_attribute_key": k, "group_attribute_value": v })).collect())
}

fn init(group: &str, pairs: &[(&str, &str)]) -> Request {
    req(json!({ "method": "GroupInitGroupAttributes", "params": { "group_id": group, "attributes": attrs(pairs) } }))
}

fn set(group: &str, pairs: &[(&str, &str)]) -> Request {
    req(json!({ "method": "GroupSetGroupAttributes", "params": { "group_id": group, "attributes": attrs(pairs) } }))
}

fn delete(group: &str, keys: &[&str]) -> Request {
    Request::GroupDeleteGroupAttributes { group_id: group.into(), keys: keys.iter().map(|k| k.to_string()).collect() }
}

fn get(group: &str, keys: &[&str]) -> Request {
    Request::GroupGetGroupAttributes { group_id: group.into(), keys: keys.iter().map(|k| k.to_string()).collect() }
}

fn increase(group: &str, key: &str, by: i64) -> Request {
    Request::GroupIncreaseGroupCounter { group_id: group.into(), key: key.into(), value: by }
}

fn counters(pairs: &[(&str, i64)]) -> Value {
    Value::Array(pairs.iter().map(|(k, v)| json!({ "group_counter_key": k, "group_counter_value": v })).collect())
}

/// Alice's group `id` of `group_type` (one that takes joins) with bob and
/// carol in it; the users are this group's own ("<id>.alice"), so that the
/// tests sharing the in-memory engine do not share their call frequencies.
fn room(config: &Value, id: &str, group_type: i32) -> [Member; 3] {
    let [alice, bob, carol] = ["alice", "bob", "carol"].map(|u| Member::login(config, &format!("{}.{}", id, u)));
    alice.ok(create(id, group_type));
    for m in [&bob, &carol] {
        m.ok(join(id));
    }
    [alice, bob, carol]
}

fn in_memory() -> Value {
    json!({ "callback_mode": "thread" })
}

fn on_disk(dir: &tempfile::TempDir, extra: Value) -> Value {
    let mut c = json!({ "callback_mode": "thread", "sdk_config_data_dir": dir.path() });
    c.as_object_mut().unwrap().extend(extra.as_object().unwrap().clone());
    c
}

/// The match room's story: seats set, read back, changed, freed, and the room reset.
fn match_room_story(config: &Value, id: &str) {
    let [alice, bob, carol] = room(config, id, 2);
    alice.ok(init(id, &[("seat1", "alice"), ("state", "waiting")]));
    assert_eq!(bob.ok(get(id, &[])), attrs(&[("seat1", "alice"), ("state", "waiting")]), "no keys: all of them, by key");
    bob.ok(set(id, &[("seat2", "bob")]));
    carol.ok(set(id, &[("seat3", "carol"), ("state", "playing")]));
    assert_eq!(alice.ok(get(id, &["state", "seat3", "nobody"])), attrs(&[("seat3", "carol"), ("state", "playing")]), "an unknown key is left out");
    bob.ok(delete(id, &["seat2"]));
    assert_eq!(carol.ok(get(id, &[])), attrs(&[("seat1", "alice"), ("seat3", "carol"), ("state", "playing")]));
    alice.ok(init(id, &[("state", "over")]));
    assert_eq!(bob.ok(get(id, &[])), attrs(&[("state", "over")]), "init replaces them all");
    alice.ok(delete(id, &[]));
    assert_eq!(bob.ok(get(id, &[])), json!([]), "no keys: all go");
    // Every member heard every change, each time with all the attributes, in the same order.
    let expected = vec![
        attrs(&[("seat1", "alice"), ("state", "waiting")]),
        attrs(&[("seat1", "alice"), ("seat2", "bob"), ("state", "waiting")]),
        attrs(&[("seat1", "alice"), ("seat2", "bob"), ("seat3", "carol"), ("state", "playing")]),
        attrs(&[("seat1", "alice"), ("seat3", "carol"), ("state", "playing")]),
        attrs(&[("state", "over")]),
        json!([]),
    ];
    for m in [&alice, &bob, &carol] {
        eventually(&format!("{} hears the six changes", m.user), || m.attribute_changes(id).len() == expected.len());
        assert_eq!(m.attribute_changes(id), expected, "{}", m.user);
    }
}

#[test]
fn a_match_room_keeps_its_seats_in_group_attributes() {
    match_room_story(&in_memory(), "attr-room-mem");
}

#[test]
fn a_match_room_over_huddle_server() {
    let dir = tempfile::tempdir().unwrap();
    let server = ServerProcess::start(dir.path(), "login_policy = \"multi\"\n");
    match_room_story(&json!({ "sdk_config_server_url": server.url(), "callback_mode": "thread" }), "attr-room-net");
}

#[test]
fn attributes_keep_tencents_limits_and_rights() {
    let id = "attr-limits";
    let [alice, _bob, _carol] = room(&in_memory(), id, 2);
    let code = |r: Request| alice.call(r).code;
    let many: Vec<(String, String)> = (0..17).map(|i| (format!("k{}", i), "v".to_string())).collect();
    let pairs = |n: usize| many[..n].iter().map(|(k, v)| (k.as_str(), v.as_str())).collect::<Vec<_>>();
    assert_eq!(code(init(id, &pairs(16))), 0, "16 keys");
    assert_eq!(code(set(id, &[("k16", "v")])), 10004, "a 17th key");
    assert_eq!(code(init(id, &pairs(17))), 10004, "17 keys at once");
    let key32 = "k".repeat(32);
    let value4k = "v".repeat(4096);
    assert_eq!(code(init(id, &[(&key32, &value4k)])), 0, "a 32-byte key, a 4 KB value");
    assert_eq!(code(set(id, &[(&"k".repeat(33), "v")])), 10004, "a 33-byte key");
    assert_eq!(code(set(id, &[("big", &"v".repeat(4097))])), 10004, "a value over 4 KB");
    assert_eq!(code(set(id, &[("", "v")])), 10004, "an empty key");
    // 4,128 bytes so far; two more of 4,098 and one of 4,002 make 16,326.
    let (v4096, v4000) = ("v".repeat(4096), "v".repeat(4000));
    assert_eq!(code(set(id, &[("b0", &v4096), ("b1", &v4096), ("b2", &v4000)])), 0, "16,326 bytes of keys and values");
    assert_eq!(code(set(id, &[("b3", &"v".repeat(100))])), 10004, "past 16 KB of keys and values");
    assert_eq!(alice.ok(get(id, &[])).as_array().unwrap().len(), 4, "a refused write changes nothing");
    // Who: members (and app admins); groups that are not there.
    let dave = Member::login(&in_memory(), "limits.dave");
    assert_eq!(dave.call(set(id, &[("x", "y")])).code, 10007, "not a member");
    assert_eq!(dave.call(get(id, &[])).code, 10007, "not a member");
    assert_eq!(code(set("attr-nowhere", &[("x", "y")])), 10010);
    assert_eq!(code(get("bad id", &[])), 10015);
}

#[test]
fn every_group_type_has_attributes_and_all_but_community_counters() {
    let alice = Member::login(&in_memory(), "types.alice");
    for (t, id) in [(0, "attr-type-0"), (1, "attr-type-1"), (2, "attr-type-2"), (4, "attr-type-4"), (5, "attr-type-5")] {
        alice.ok(create(id, t));
        alice.ok(set(id, &[("k", "v")]));
        let r = alice.call(increase(id, "likes", 1));
        assert_eq!(r.code, if t == 5 { 10007 } else { 0 }, "type {}: {:?}", t, r);
    }
}

/// A clock the test moves.
struct ManualClock(AtomicU64);

impl Clock for ManualClock {
    fn now(&self) -> u64 {
        self.0.load(Ordering::SeqCst)
    }
}

/// Serves `req` for `user` on `engine` and returns its answer.
fn serve_now(engine: &Engine, user: &str, req: Request) -> Response {
    let (tx, rx) = std::sync::mpsc::channel();
    serve(engine, user.into(), req, Box::new(move |r| tx.send(r).unwrap()));
    rx.recv().unwrap()
}

#[test]
fn write_and_read_frequencies_are_tencents_on_the_engines_clock() {
    let clock = Arc::new(ManualClock(AtomicU64::new(1_000)));
    let engine = Engine::open(EngineConfig { admins: vec!["root".into()], clock: clock.clone(), ..EngineConfig::default() }).unwrap();
    let code = |user: &str, r: Request| serve_now(&engine, user, r).code;
    assert_eq!(code("alice", create("g", 2)), 0);
    assert_eq!(code("bob", join("g")), 0);
    // Attribute writes: init, set and delete together, 10 in 5 s; then 8511.
    for i in 0..10 {
        let r = match i % 3 {
            0 => init("g", &[("k", "v")]),
            1 => set("g", &[("k", "w")]),
            _ => delete("g", &["k"]),
        };
        assert_eq!(code("alice", r), 0, "write {}", i + 1);
    }
    clock.0.store(1_004, Ordering::SeqCst);
    assert_eq!(code("alice", set("g", &[("k", "v")])), 8511, "an 11th within 5 s");
    assert_eq!(code("bob", set("g", &[("k", "v")])), 0, "each user has its own");
    assert_eq!(code("root", set("g", &[("k", "v")])), 0, "app admins are not limited");
    clock.0.store(1_005, Ordering::SeqCst);
    assert_eq!(code("alice", set("g", &[("k", "v")])), 0, "5 s later");
    // Reads: 20 in 5 s.
    assert!((0..20).all(|_| code("alice", get("g", &[])) == 0));
    assert_eq!(code("alice", get("g", &[])), 8511);
    // Counters: 20 writes and 20 reads in 5 s, each; then 8516.
    assert!((0..20).all(|i| code("alice", increase("g", "likes", i)) == 0));
    assert_eq!(code("alice", increase("g", "likes", 1)), 8516);
    let get_counters = || Request::GroupGetGroupCounters { group_id: "g".into(), keys: vec![] };
    assert!((0..20).all(|_| code("alice", get_counters()) == 0));
    assert_eq!(code("alice", get_counters()), 8516);
    clock.0.store(1_010, Ordering::SeqCst);
    assert_eq!(code("alice", increase("g", "likes", 1)), 0);
}

#[test]
fn counters_set_get_increase_decrease_within_tencents_limits() {
    let id = "counter-calls";
    let [alice, bob, carol] = room(&in_memory(), id, 4);
    let set_counters = |pairs: &[(&str, i64)]| req(json!({ "method": "GroupSetGroupCounters", "params": { "group_id": id, "counters": counters(pairs) } }));
    let get_counters = |keys: &[&str]| Request::GroupGetGroupCounters { group_id: id.into(), keys: keys.iter().map(|k| k.to_string()).collect() };
    assert_eq!(alice.ok(set_counters(&[("viewers", 10), ("likes", 0)])), counters(&[("viewers", 10), ("likes", 0)]), "the counters set");
    assert_eq!(bob.ok(increase(id, "likes", 5)), counters(&[("likes", 5)]));
    assert_eq!(carol.ok(Request::GroupDecreaseGroupCounter { group_id: id.into(), key: "viewers".into(), value: 3 }), counters(&[("viewers", 7)]));
    assert_eq!(carol.ok(increase(id, "gifts", 2)), counters(&[("gifts", 2)]), "a new key starts at 0");
    assert_eq!(bob.ok(get_counters(&[])), counters(&[("gifts", 2), ("likes", 5), ("viewers", 7)]), "no keys: all, by key");
    assert_eq!(bob.ok(get_counters(&["likes", "nobody"])), counters(&[("likes", 5)]));
    for m in [&alice, &bob, &carol] {
        let heard = || -> Vec<(String, i64)> { m.counters.lock().unwrap().iter().filter(|(g, ..)| g == id).map(|(_, k, v)| (k.clone(), *v)).collect() };
        eventually("five changes heard", || heard().len() == 5);
        let heard = heard();
        let expected = [("viewers", 10), ("likes", 0), ("likes", 5), ("viewers", 7), ("gifts", 2)].map(|(k, v)| (k.to_string(), v));
        assert_eq!(heard, expected, "{}: each counter set is a change of its own", m.user);
    }
    // Limits: 20 keys of at most 128 bytes; 64-bit values that never wrap.
    let keys: Vec<String> = (0..17).map(|i| format!("c{}", i)).collect();
    let pairs: Vec<(&str, i64)> = keys.iter().map(|k| (k.as_str(), 1)).collect();
    assert_eq!(alice.ok(set_counters(&pairs)).as_array().unwrap().len(), 17, "20 keys");
    assert_eq!(alice.call(increase(id, "c17", 1)).code, 10004, "a 21st key");
    assert_eq!(alice.call(increase(id, &"k".repeat(129), 1)).code, 10004, "a 129-byte key");
    assert_eq!(alice.call(increase(id, "", 1)).code, 10004, "an empty key");
    assert_eq!(alice.ok(set_counters(&[("likes", i64::MAX)])), counters(&[("likes", i64::MAX)]));
    assert_eq!(alice.call(increase(id, "likes", 1)).code, 10004, "no wrap past the top");
    assert_eq!(alice.call(Request::GroupDecreaseGroupCounter { group_id: id.into(), key: "gifts".into(), value: i64::MIN }).code, 10004);
    assert_eq!(bob.ok(get_counters(&["likes"])), counters(&[("likes", i64::MAX)]), "refused writes change nothing");
    let dave = Member::login(&in_memory(), "counters.dave");
    assert_eq!(dave.call(increase(id, "likes", 1)).code, 10007, "not a member");
}

/// 8 users increment one counter 250 times each, all at once: it ends at
/// 2,000, and every member heard 1, 2, ..., 2,000 in that order.
fn two_thousand_concurrent_increments(config: &Value, id: &str) {
    let users: Vec<Member> = (0..8).map(|i| Member::login(config, &format!("fan{}", i))).collect();
    users[0].ok(create(id, 4));
    for u in &users[1..] {
        u.ok(join(id));
    }
    std::thread::scope(|s| {
        for u in &users {
            s.spawn(move || {
                for _ in 0..250 {
                    u.ok(increase(id, "likes", 1));
                }
            });
        }
    });
    let get = Request::GroupGetGroupCounters { group_id: id.into(), keys: vec!["likes".into()] };
    assert_eq!(users[3].ok(get), counters(&[("likes", 2000)]));
    let expected: Vec<i64> = (1..=2000).collect();
    for u in &users {
        eventually(&format!("{} hears 2,000 changes", u.user), || u.counter_values(id, "likes").len() == 2000);
        assert_eq!(u.counter_values(id, "likes"), expected, "{} heard them in commit order", u.user);
    }
}

/// Records the counter changes a session hears.
#[derive(Default)]
struct CounterSink(Mutex<Vec<i64>>);

impl huddle::event::EventSink for CounterSink {
    fn deliver(&self, event: huddle::event::Event) {
        if let huddle::event::EventBody::GroupCounter { value, .. } = event.body() {
            self.0.lock().unwrap().push(*value);
        }
    }
}

/// The same on an in-memory engine of its own (the clients' in-memory
/// engine is shared by this file's tests, with the default limits).
#[test]
fn two_thousand_concurrent_increments_all_count_in_memory() {
    let limits = huddle::engine::Limits { group_counter_writes_per_5s: 0, ..Default::default() };
    let engine = Engine::open(EngineConfig { limits, ..EngineConfig::default() }).unwrap();
    let fans: Vec<String> = (0..8).map(|i| format!("fan{}", i)).collect();
    assert_eq!(serve_now(&engine, &fans[0], create("likes", 4)).code, 0);
    let sinks: Vec<Arc<CounterSink>> = fans
        .iter()
        .map(|f| {
            assert_eq!(serve_now(&engine, f, join("likes")).code, 0);
            let sink = Arc::new(CounterSink::default());
            engine.subscribe(f, sink.clone());
            sink
        })
        .collect();
    std::thread::scope(|s| {
        for f in &fans {
            let engine = &engine;
            s.spawn(move || (0..250).for_each(|_| assert_eq!(serve_now(engine, f, increase("likes", "likes", 1)).code, 0)));
        }
    });
    let get = Request::GroupGetGroupCounters { group_id: "likes".into(), keys: vec![] };
    assert_eq!(serde_json::from_str::<Value>(&serve_now(&engine, "fan5", get).json).unwrap(), counters(&[("likes", 2000)]));
    let expected: Vec<i64> = (1..=2000).collect();
    for sink in sinks {
        assert_eq!(*sink.0.lock().unwrap(), expected, "every member heard every change, in commit order");
    }
}

#[test]
fn two_thousand_concurrent_increments_all_count_on_disk() {
    let dir = tempfile::tempdir().unwrap();
    two_thousand_concurrent_increments(&on_disk(&dir, json!({ "sdk_config_group_counter_writes_per_5s": 0 })), "likes-disk");
}

#[test]
fn two_thousand_concurrent_increments_all_count_over_huddle_server() {
    let dir = tempfile::tempdir().unwrap();
    let config = "login_policy = \"multi\"\n[limits]\nrequests_per_second = 100000\nrequest_burst = 100000\ngroup_counter_writes_per_5s = 0\n";
    let server = ServerProcess::start(dir.path(), config);
    two_thousand_concurrent_increments(&json!({ "sdk_config_server_url": server.url(), "callback_mode": "thread" }), "likes-net");
}

#[test]
fn concurrent_writers_of_one_key_are_told_to_everyone_in_one_order() {
    let id = "attr-race";
    let members = room(&in_memory(), id, 2);
    std::thread::scope(|s| {
        for m in &members {
            s.spawn(move || {
                for i in 0..10 {
                    m.ok(set(id, &[("seat", &format!("{}{}", m.user, i))]));
                }
            });
        }
    });
    let last = members[0].ok(get(id, &["seat"]));
    let mut seen = Vec::new();
    for m in &members {
        eventually("30 changes heard", || m.attribute_changes(id).len() == 30);
        let values: Vec<String> = m.attribute_changes(id).iter().map(|a| a[0]["group_attribute_value"].as_str().unwrap().to_string()).collect();
        assert_eq!(json!(values.last()), last[0]["group_attribute_value"], "the last change heard is the value kept");
        for u in &members {
            let u = &u.user;
            let own: Vec<&String> = values.iter().filter(|v| v.starts_with(u.as_str())).collect();
            let sent: Vec<String> = (0..10).map(|i| format!("{}{}", u, i)).collect();
            assert_eq!(own, sent.iter().collect::<Vec<_>>(), "each writer's changes in its order");
        }
        seen.push(values);
    }
    assert!(seen.windows(2).all(|w| w[0] == w[1]), "everyone heard the same order");
}

#[test]
fn attributes_and_counters_survive_a_restart() {
    let dir = tempfile::tempdir().unwrap();
    let config = on_disk(&dir, json!({}));
    {
        let [alice, bob, _carol] = room(&config, "kept", 2);
        alice.ok(init("kept", &[("seat1", "alice"), ("state", "waiting")]));
        bob.ok(increase("kept", "likes", 7));
    }
    // The clients are gone, and their engine with them.
    let engine = Engine::open(EngineConfig { data_dir: Some(dir.path().into()), ..EngineConfig::default() }).unwrap();
    let read = |r: Request| {
        let r = serve_now(&engine, "kept.bob", r);
        assert_eq!(r.code, 0, "{:?}", r);
        serde_json::from_str::<Value>(&r.json).unwrap()
    };
    assert_eq!(read(get("kept", &[])), attrs(&[("seat1", "alice"), ("state", "waiting")]));
    assert_eq!(read(Request::GroupGetGroupCounters { group_id: "kept".into(), keys: vec![] }), counters(&[("likes", 7)]));
}
