//! A panic inside the library is a bug, but it must not leave a mess: the
//! engine is as it was before the operation, nothing of it is committed,
//! the timer thread survives it, and the C caller hears -7 with no callback.

use std::panic::{catch_unwind, AssertUnwindSafe};
use std::sync::Arc;

use huddle::engine::EngineConfig;
use huddle::params::{CreateGroupParam, InitialMember};
use huddle::{Engine, GroupType};

fn create(id: &str, members: &[&str]) -> CreateGroupParam {
    CreateGroupParam {
        group_id: Some(id.into()),
        name: id.into(),
        group_type: Some(GroupType::Public),
        members: members.iter().map(|u| InitialMember { user_id: u.to_string(), role: None, custom: Vec::new() }).collect(),
        ..Default::default()
    }
}

fn groups_of(e: &Engine, user: &str) -> Vec<String> {
    e.read(user, |s, c| s.joined_groups(c)).unwrap().into_iter().map(|g| g.profile.id).collect()
}

/// Runs a real operation whose answer panics once every change of it is
/// applied: as if the reply's encoder had a bug.
fn panicking_create(e: &Engine, id: &str) {
    let p = create(id, &["bob", "carol"]);
    let run = catch_unwind(AssertUnwindSafe(|| e.submit("alice".into(), |s, c| s.create_group(c, p), |_| panic!("a bug in the answer"))));
    assert!(run.is_err(), "the panic goes on up to the caller's boundary");
}

#[test]
fn a_panic_halfway_through_an_operation_takes_it_back() {
    let e = Engine::open(EngineConfig::default()).unwrap();
    e.create_group("alice", create("kept", &["bob"])).unwrap();
    let before = (groups_of(&e, "alice"), groups_of(&e, "bob"), groups_of(&e, "carol"));
    panicking_create(&e, "lost");
    assert_eq!((groups_of(&e, "alice"), groups_of(&e, "bob"), groups_of(&e, "carol")), before, "no group, no member, no conversation left behind");
    let info = e.read("x", |s, c| Ok(s.group_info(c, &["lost".into()]))).unwrap();
    assert_eq!(info[0].1.as_ref().unwrap_err().code, huddle::Code::GroupNotFound);
    // The engine goes on: the same ID can be made properly now.
    e.create_group("alice", create("lost", &["carol"])).unwrap();
    assert_eq!(groups_of(&e, "carol"), ["lost"]);
}

#[test]
fn a_durable_engine_commits_nothing_of_an_operation_that_panicked() {
    let dir = tempfile::tempdir().unwrap();
    let open = || Engine::open(EngineConfig { data_dir: Some(dir.path().to_path_buf()), ..EngineConfig::default() }).unwrap();
    {
        let e = open();
        e.create_group("alice", create("kept", &[])).unwrap();
        panicking_create(&e, "lost");
        e.create_group("alice", create("after", &[])).unwrap();
        e.sync().unwrap();
    }
    let e = open();
    let mut groups = groups_of(&e, "alice");
    groups.sort();
    assert_eq!(groups, ["after", "kept"]);
    assert!(groups_of(&e, "bob").is_empty());
}

#[test]
fn a_caller_whose_call_panicked_gets_no_callback() {
    use huddle::client::{Client, Mode};
    use huddle::event::NetworkStatus;
    use huddle::response::{Reply, Response};
    use huddle::service::Request;
    use huddle::transport::Transport;

    struct Buggy;
    impl Transport for Buggy {
        fn login(&self, _: &str, _: &str, reply: Reply) {
            reply(Response::ok(serde_json::json!({})));
        }
        fn logout(&self, reply: Reply) {
            reply(Response::ok(serde_json::json!({})));
        }
        fn call(&self, _: Request, _: Reply) {
            panic!("a bug below the client");
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
    let c = Client::with_transport(Mode::Poll, |_| Ok(Box::new(Buggy))).unwrap();
    c.login("alice", "", Box::new(|_| {})).unwrap();
    let called = Arc::new(std::sync::atomic::AtomicUsize::new(0));
    let counted = Arc::clone(&called);
    let call = catch_unwind(AssertUnwindSafe(|| {
        c.call(Request::GroupGetJoinedGroupList, Box::new(move |_| {
            counted.fetch_add(1, std::sync::atomic::Ordering::SeqCst);
        }))
    }));
    assert!(call.is_err());
    c.shutdown();
    c.poll(100);
    assert_eq!(called.load(std::sync::atomic::Ordering::SeqCst), 0, "a call that did not return 0 never calls back, not even at shutdown");
}
