//! The process's in-memory engine (clients with no data dir share it) lives
//! as long as its clients, not longer. A test binary of its own: any other
//! test's in-memory client running alongside would keep the engine alive.

use std::sync::{Arc, Mutex};
use std::time::Duration;

use huddle::client::{Client, SdkConfig};
use huddle::params::CreateGroupParam;
use huddle::response::Response;
use huddle::service::Request;

type Log = Arc<Mutex<Vec<String>>>;

fn recorder(log: &Log, tag: &str) -> Box<dyn FnOnce(Response) + Send> {
    let (log, tag) = (Arc::clone(log), tag.to_string());
    Box::new(move |r: Response| log.lock().unwrap().push(format!("cb:{}:{}", tag, r.code)))
}

/// Logs `user` in on a new in-memory client and creates group "guild".
fn login_and_create(log: &Log, user: &str) -> Client {
    let client = Client::new(SdkConfig { callback_mode: Some("poll".into()), ..SdkConfig::default() }).unwrap();
    client.login(user, "", recorder(log, "login")).unwrap();
    let p: CreateGroupParam = serde_json::from_value(serde_json::json!({
        "create_group_param_group_id": "guild", "create_group_param_group_name": "guild", "create_group_param_group_type": 2,
    }))
    .unwrap();
    client.call(Request::GroupCreate(p), recorder(log, "create")).unwrap();
    let want = log.lock().unwrap().len() + 2;
    for _ in 0..1000 {
        client.poll(u32::MAX);
        if log.lock().unwrap().len() >= want {
            return client;
        }
        std::thread::sleep(Duration::from_millis(2));
    }
    panic!("no answers after 2 s: {:?}", log.lock().unwrap());
}

#[test]
fn an_in_memory_engine_ends_with_its_last_client_though_its_timer_holds_it_a_moment_longer() {
    let log: Log = Default::default();
    let held = huddle::transport::shared_engine(None, &[], Default::default()).unwrap();
    // What the timer thread does during a round: hold the engine itself.
    let timer: Arc<huddle::Engine> = Arc::clone(&held);
    let first = login_and_create(&log, "alice");
    first.shutdown();
    drop(first);
    drop(held);

    let second = login_and_create(&log, "alice");
    assert_eq!(*log.lock().unwrap(), ["cb:login:0", "cb:create:0", "cb:login:0", "cb:create:0"], "a new client after the last one finds nothing of the old engine");
    assert!(timer.read("alice", |s, _| Ok(s.groups.contains_key("guild"))).unwrap(), "the old engine kept its own group");
    second.shutdown();
}
