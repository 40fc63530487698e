//! A group op that reported success survives a reopen and a killed process.

use std::process::Command;

use huddle::engine::EngineConfig;
use huddle::params::*;
use huddle::{Engine, GroupType, JoinStatus, Role};

fn open(dir: &std::path::Path) -> std::sync::Arc<Engine> {
    Engine::open(EngineConfig { data_dir: Some(dir.to_path_buf()), ..EngineConfig::default() }).unwrap()
}

/// Creates two groups, adds members, leaves a request pending, changes a profile.
fn populate(e: &Engine) {
    let p = CreateGroupParam {
        group_id: Some("guild".into()),
        name: "公会 🐉".into(),
        group_type: Some(GroupType::Public),
        members: vec![InitialMember { user_id: "bob".into(), role: Some(Role::Admin), custom: Vec::new() }],
        ..Default::default()
    };
    e.create_group("alice", p).unwrap();
    assert_eq!(e.join("carol", "guild", "please").unwrap().value, JoinStatus::WaitingApproval);
    let p = CreateGroupParam { group_id: Some("room".into()), name: "room".into(), group_type: Some(GroupType::Meeting), ..Default::default() };
    e.create_group("alice", p).unwrap();
    e.join("dave", "room", "").unwrap();
    let p = ModifyGroupParam { group_id: "room".into(), flags: 0x4, introduction: Some("kept".into()), ..Default::default() };
    e.modify_group("alice", p).unwrap();
}

fn assert_restored(e: &Engine) {
    let info = e.read("x", |s, c| Ok(s.group_info(c, &["guild".into(), "room".into()]))).unwrap();
    let (guild, n) = info[0].1.as_ref().unwrap();
    assert_eq!((guild.name.as_str(), *n, guild.owner.as_str()), ("公会 🐉", 2, "alice"));
    let (room, n) = info[1].1.as_ref().unwrap();
    assert_eq!((room.introduction.as_str(), *n), ("kept", 2));
    let p = GetMembersParam { group_id: "guild".into(), ..Default::default() };
    let members = e.read("alice", |s, c| s.members(c, &p)).unwrap().members;
    let roles: Vec<_> = members.iter().map(|m| (m.user_id.as_str(), m.role)).collect();
    assert_eq!(roles, [("alice", Role::Owner), ("bob", Role::Admin)]);
    let pending = e.read("bob", |s, c| s.pendencies(c, &PendencyOption::default())).unwrap();
    assert_eq!(pending.items.len(), 1);
    assert_eq!((pending.items[0].pendency.from.as_str(), pending.items[0].pendency.msg.as_str()), ("carol", "please"));
    let joined = e.read("dave", |s, c| s.joined_groups(c)).unwrap();
    assert_eq!(joined.iter().map(|g| g.profile.id.as_str()).collect::<Vec<_>>(), ["room"]);
    // A new member after the reopen continues the join order.
    e.join("erin", "room", "").unwrap();
    let p = GetMembersParam { group_id: "room".into(), ..Default::default() };
    let order: Vec<_> = e.read("alice", |s, c| s.members(c, &p)).unwrap().members.into_iter().map(|m| m.user_id).collect();
    assert_eq!(order, ["alice", "dave", "erin"]);
}

#[test]
fn reopening_the_dir_restores_groups_members_and_requests() {
    let dir = tempfile::tempdir().unwrap();
    {
        let e = open(dir.path());
        populate(&e);
    }
    assert_restored(&open(dir.path()));
}

#[test]
fn disbanded_and_left_state_stays_gone() {
    let dir = tempfile::tempdir().unwrap();
    {
        let e = open(dir.path());
        populate(&e);
        e.disband("alice", "guild").unwrap();
        e.quit("dave", "room").unwrap();
    }
    let e = open(dir.path());
    let info = e.read("x", |s, c| Ok(s.group_info(c, &["guild".into()]))).unwrap();
    assert_eq!(info[0].1.as_ref().unwrap_err().code, huddle::Code::GroupNotFound);
    assert!(e.read("bob", |s, c| s.pendencies(c, &PendencyOption::default())).unwrap().items.is_empty());
    assert!(e.read("dave", |s, c| s.joined_groups(c)).unwrap().is_empty());
}

/// The child half of the kill test: populate, then die without any cleanup.
#[test]
fn child_populates_then_aborts() {
    let Ok(dir) = std::env::var("HUDDLE_KILL_TEST_DIR") else { return };
    populate(&open(std::path::Path::new(&dir)));
    std::process::abort();
}

#[test]
fn a_killed_process_loses_nothing_it_reported() {
    let dir = tempfile::tempdir().unwrap();
    let status = Command::new(std::env::current_exe().unwrap())
        .args(["--exact", "child_populates_then_aborts", "--nocapture", "--test-threads=1"])
        .env("HUDDLE_KILL_TEST_DIR", dir.path())
        .status()
        .unwrap();
    assert!(!status.success(), "the child must die by abort, not exit cleanly");
    assert_restored(&open(dir.path()));
}

/// The child half of the exclusivity test: hold the dir open for a while.
#[test]
fn child_holds_the_dir() {
    let Ok(dir) = std::env::var("HUDDLE_HOLD_DIR") else { return };
    let _engine = open(std::path::Path::new(&dir));
    std::fs::write(std::path::Path::new(&dir).join("held"), b"").unwrap();
    std::thread::sleep(std::time::Duration::from_secs(20));
}

#[test]
fn a_data_dir_belongs_to_one_process() {
    let dir = tempfile::tempdir().unwrap();
    let mut child = Command::new(std::env::current_exe().unwrap())
        .args(["--exact", "child_holds_the_dir", "--nocapture", "--test-threads=1"])
        .env("HUDDLE_HOLD_DIR", dir.path())
        .spawn()
        .unwrap();
    while !dir.path().join("held").exists() {
        std::thread::sleep(std::time::Duration::from_millis(10));
    }
    let refused = Engine::open(EngineConfig { data_dir: Some(dir.path().to_path_buf()), ..EngineConfig::default() });
    child.kill().unwrap();
    child.wait().unwrap();
    let e = refused.err().expect("a second process must not open the same data dir");
    assert_eq!(e.code, huddle::Code::IoOperationFailed);
    assert!(e.desc.contains("in use by another process"), "{}", e.desc);
    open(dir.path());
}

/// An engine's last handle may go on another thread a moment after its
/// user let go (its timer thread holds it while it works): opening the dir
/// again meanwhile waits for that close instead of failing, as a Unity
/// Play/Stop cycle (Uninit, then Init at once) needs.
#[test]
fn a_dir_opened_again_while_its_engine_closes_waits_for_it() {
    let dir = tempfile::tempdir().unwrap();
    let e = open(dir.path());
    populate(&e);
    let last = std::sync::Arc::clone(&e);
    drop(e);
    let closer = std::thread::spawn(move || {
        std::thread::sleep(std::time::Duration::from_millis(200));
        drop(last);
    });
    let again = open(dir.path());
    assert_restored(&again);
    closer.join().unwrap();
}

/// A store that takes its time: the commit queue of a durable engine must
/// not grow without bound when the disk cannot keep up.
struct SlowStore;

impl huddle::store::Store for SlowStore {
    fn load(&mut self) -> huddle::Result<huddle::model::Snapshot> {
        Ok(Default::default())
    }

    fn apply(&mut self, _: &[huddle::model::Change]) -> huddle::Result<()> {
        std::thread::sleep(std::time::Duration::from_millis(100));
        Ok(())
    }
}

#[test]
fn a_store_that_falls_behind_refuses_calls_with_7008_then_recovers() {
    let limits = huddle::engine::Limits { max_uncommitted: 5, ..Default::default() };
    let e = Engine::open_with(EngineConfig { limits, ..EngineConfig::default() }, Some(Box::new(SlowStore))).unwrap();
    let codes: Vec<i32> = (0..30)
        .map(|i| {
            let p = CreateGroupParam { group_id: Some(format!("g{}", i)), name: "g".into(), group_type: Some(GroupType::Meeting), ..Default::default() };
            let (outcome, _) = e.submit("alice".into(), |s, c| s.create_group(c, p), |_| None);
            outcome.map_or_else(|e| e.code.as_i32(), |_| 0)
        })
        .collect();
    assert!(codes.contains(&7008), "refused once the queue was full: {:?}", codes);
    assert!(codes.iter().take(5).all(|c| *c == 0), "the first ones fit: {:?}", codes);
    e.sync().unwrap();
    let p = CreateGroupParam { group_id: Some("later".into()), name: "g".into(), group_type: Some(GroupType::Meeting), ..Default::default() };
    assert!(e.create_group("alice", p).is_ok(), "served again once the store caught up");
}

/// A store that fails while `down` is set, counting its tries.
#[derive(Clone, Default)]
struct FlakyStore {
    down: std::sync::Arc<std::sync::atomic::AtomicBool>,
    tries: std::sync::Arc<std::sync::atomic::AtomicUsize>,
}

impl huddle::store::Store for FlakyStore {
    fn load(&mut self) -> huddle::Result<huddle::model::Snapshot> {
        Ok(Default::default())
    }

    fn apply(&mut self, _: &[huddle::model::Change]) -> huddle::Result<()> {
        self.tries.fetch_add(1, std::sync::atomic::Ordering::SeqCst);
        if self.down.load(std::sync::atomic::Ordering::SeqCst) {
            return Err(huddle::error::Error::new(huddle::error::Code::IoOperationFailed, "the database went away"));
        }
        Ok(())
    }
}

fn flaky_engine(store: &FlakyStore, retry_secs: u64) -> std::sync::Arc<Engine> {
    let limits = huddle::engine::Limits { commit_retry_secs: retry_secs, ..Default::default() };
    Engine::open_with(EngineConfig { limits, ..EngineConfig::default() }, Some(Box::new(store.clone()))).unwrap()
}

fn meeting(id: &str) -> CreateGroupParam {
    CreateGroupParam { group_id: Some(id.into()), name: "g".into(), group_type: Some(GroupType::Meeting), ..Default::default() }
}

#[test]
fn a_commit_that_fails_for_a_moment_is_tried_again() {
    let store = FlakyStore::default();
    let e = flaky_engine(&store, 30);
    store.down.store(true, std::sync::atomic::Ordering::SeqCst);
    let healer = {
        let (down, tries) = (store.down.clone(), store.tries.clone());
        std::thread::spawn(move || {
            while tries.load(std::sync::atomic::Ordering::SeqCst) < 3 {
                std::thread::sleep(std::time::Duration::from_millis(10));
            }
            down.store(false, std::sync::atomic::Ordering::SeqCst);
        })
    };
    e.create_group("alice", meeting("g1")).expect("committed once the store came back");
    healer.join().unwrap();
    assert!(store.tries.load(std::sync::atomic::Ordering::SeqCst) >= 3);
    assert!(e.read("alice", |s, _| Ok(s.groups.contains_key("g1"))).unwrap());
}

#[test]
fn a_commit_that_fails_for_good_is_taken_back_with_what_came_after_and_the_engine_goes_on() {
    let store = FlakyStore::default();
    let e = flaky_engine(&store, 0);
    e.create_group("alice", meeting("before")).unwrap();
    store.down.store(true, std::sync::atomic::Ordering::SeqCst);
    for id in ["g1", "g2", "g3"] {
        let (outcome, _) = e.submit("alice".into(), |s, c| s.create_group(c, meeting(id)), |_| None);
        assert!(outcome.is_ok(), "planned and applied to memory");
    }
    let failed = e.sync().expect_err("the commit failed for good");
    assert_eq!(failed.code.as_i32(), 6022);
    for id in ["g1", "g2", "g3"] {
        assert!(!e.read("alice", |s, _| Ok(s.groups.contains_key(id))).unwrap(), "{} was taken back out of memory", id);
    }
    assert!(e.read("alice", |s, _| Ok(s.groups.contains_key("before"))).unwrap(), "what was committed stays");
    store.down.store(false, std::sync::atomic::Ordering::SeqCst);
    e.create_group("alice", meeting("g1")).expect("the engine goes on: the same ID is free again");
    e.create_group("alice", meeting("after")).unwrap();
}
