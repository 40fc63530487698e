//! PostgresStore: an engine's state survives a reopen on it; it holds what
//! SqliteStore holds after the same changes; a batch applied again (a retry
//! after an unknown outcome) changes nothing; nodes opening together migrate
//! once; a restarted database server costs one failed apply; and a fenced
//! store stops writing once its lease is another node's.
#![cfg(feature = "server")]

#[path = "common/pg.rs"]
mod pg;

use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Barrier, Mutex};
use std::time::Duration;

use serde_json::{json, Value};

use huddle::engine::{Caller, Clock, EngineConfig, Extension, Limits};
use huddle::model::{AppEventKind, Change, Receipt, Snapshot, UserMeta};
use huddle::params::*;
use huddle::response::Response;
use huddle::service::{serve, ConvRef, Request};
use huddle::store::{PostgresStore, SqliteStore, Store};
use huddle::types::ConvType;
use huddle::{Engine, GroupType, JoinStatus, Role};

use pg::TempPostgres;

/// Time that moves only when the test says.
struct TestClock(AtomicU64);

impl Clock for TestClock {
    fn now(&self) -> u64 {
        self.0.load(Ordering::SeqCst)
    }
}

/// Hands every batch to PostgreSQL and SQLite alike, and records it.
struct Tee {
    pg: PostgresStore,
    sqlite: SqliteStore,
    batches: Arc<Mutex<Vec<Vec<Change>>>>,
}

impl Store for Tee {
    fn load(&mut self) -> huddle::Result<Snapshot> {
        self.pg.load()
    }

    fn apply(&mut self, changes: &[Change]) -> huddle::Result<()> {
        self.sqlite.apply(changes)?;
        self.pg.apply(changes)?;
        self.batches.lock().unwrap().push(changes.to_vec());
        Ok(())
    }
}

/// Retention and receipts kept 500 s, so the story can outlive some of both.
fn open(store: Box<dyn Store>, clock: Arc<TestClock>) -> Arc<Engine> {
    let limits = Limits { retention_secs: 500, receipt_secs: 500, ..Limits::default() };
    let app_events = AppEventKind::ALL.into_iter().collect();
    let config = EngineConfig { clock, limits, app_events, ..EngineConfig::default() };
    Engine::open_with(config, Some(store)).unwrap()
}

/// Serves one request, as a network call with idempotency key `key` when given.
fn call(e: &Engine, user: &str, key: Option<&str>, req: Request) -> Response {
    let (tx, rx) = std::sync::mpsc::channel();
    let caller = Caller { key, ..Caller::from(user) };
    serve(e, caller, req, Box::new(move |r| tx.send(r).unwrap()));
    rx.recv_timeout(Duration::from_secs(10)).expect("an answer")
}

fn ok(e: &Engine, user: &str, key: Option<&str>, req: Request) -> Value {
    let r = call(e, user, key, req);
    assert_eq!(r.code, 0, "{} {:?}", user, r);
    serde_json::from_str(&r.json).unwrap()
}

fn create(id: &str, group_type: GroupType, members: &[(&str, Role)]) -> Request {
    let members = members.iter().map(|(u, r)| InitialMember { user_id: u.to_string(), role: Some(*r), custom: Vec::new() }).collect();
    Request::GroupCreate(CreateGroupParam { group_id: Some(id.into()), name: format!("{} 🐉", id), group_type: Some(group_type), members, ..Default::default() })
}

fn group(id: &str) -> ConvRef {
    ConvRef { conv_type: ConvType::Group, conv_id: id.into() }
}

fn c2c(peer: &str) -> ConvRef {
    ConvRef { conv_type: ConvType::C2C, conv_id: peer.into() }
}

fn send(conv: ConvRef, msg_id: &str, text: &str) -> Request {
    let param = SendParam { elems: vec![json!({"elem_type": 0, "text_elem_content": text})], ..Default::default() };
    Request::MsgSend { conv, msg_id: msg_id.into(), param }
}

/// Every kind of change: groups made, joined, asked to join, invited to,
/// kicked from, changed and disbanded; messages sent, recalled and read;
/// conversations pinned and grouped; a system notice; the outbox filled and
/// partly taken; old messages, tips and receipts purged.
fn story(e: &Engine, clock: &TestClock) {
    // Before the retention and receipt times: purged at the end. Groups
    // "Zed" and "guild" sort one way bytewise and the other way in the
    // test database's collation.
    ok(e, "alice", Some("k-old"), create("Zed", GroupType::Meeting, &[]));
    ok(e, "alice", None, send(group("Zed"), "m-old", "old"));
    clock.0.fetch_add(1_000, Ordering::SeqCst);
    ok(e, "alice", Some("k-guild"), create("guild", GroupType::Public, &[("bob", Role::Admin)]));
    let join = |msg: &str| Request::GroupJoin { group_id: "guild".into(), hello_msg: msg.into() };
    assert_eq!(ok(e, "carol", Some("k-carol"), join("please"))["group_join_result_status"], json!(JoinStatus::WaitingApproval));
    ok(e, "frank", None, join("me too"));
    let pendency = PendencyRef { group_id: "guild".into(), from: "frank".into(), key: None };
    ok(e, "alice", None, Request::GroupHandlePendency(HandlePendencyParam { accept: true, msg: "welcome".into(), pendency }));
    ok(e, "alice", None, create("room", GroupType::Meeting, &[]));
    ok(e, "dave", None, Request::GroupJoin { group_id: "room".into(), hello_msg: String::new() });
    let p = ModifyGroupParam { group_id: "room".into(), flags: 0x4, introduction: Some("kept".into()), ..Default::default() };
    ok(e, "alice", None, Request::GroupModifyGroupInfo(p));
    ok(e, "alice", None, create("work", GroupType::Work, &[]));
    ok(e, "alice", None, Request::GroupInviteMember(InviteParam { group_id: "work".into(), users: vec!["erin".into()], ..Default::default() }));
    ok(e, "alice", None, Request::GroupDeleteMember(KickParam { group_id: "work".into(), users: vec!["erin".into()], ..Default::default() }));
    ok(e, "alice", None, create("gone", GroupType::Meeting, &[]));
    ok(e, "alice", None, Request::GroupDelete { group_id: "gone".into() });
    // A community's topic and its message live in the community's record.
    let hall = json!({ "create_group_param_group_id": HALL, "create_group_param_group_name": "hall", "create_group_param_group_type": 5,
        "create_group_param_is_support_topic": true });
    ok(e, "alice", None, Request::GroupCreate(serde_json::from_value(hall).unwrap()));
    ok(e, "bob", None, Request::GroupJoin { group_id: HALL.into(), hello_msg: String::new() });
    let news = json!({ "group_topic_info_topic_id": NEWS, "group_topic_info_topic_name": "News", "group_topic_info_is_all_muted": true });
    ok(e, "alice", None, Request::GroupCreateTopicInCommunity { group_id: HALL.into(), topic: serde_json::from_value(news).unwrap() });
    ok(e, "alice", None, send(group(NEWS), "m-news", "topic news"));
    ok(e, "alice", Some("k-hello"), send(group("guild"), "m-hello", "hello"));
    ok(e, "bob", None, send(group("guild"), "m-hi", "hi"));
    ok(e, "alice", None, send(group("guild"), "m-oops", "oops"));
    ok(e, "alice", None, Request::MsgRevoke { conv: group("guild"), msg: MessageRef::Id("m-oops".into()) });
    ok(e, "alice", None, send(group("Zed"), "m-new", "new"));
    ok(e, "alice", None, send(c2c("Émile"), "m-bonjour", "bonjour"));
    ok(e, "Émile", None, Request::MsgReportReaded { conv: c2c("alice"), msg: None });
    ok(e, "alice", None, Request::ConvPin { conv: group("guild"), pinned: true });
    ok(e, "alice", None, Request::ConvCreateGroup { name: "friends".into(), conv_ids: vec!["c2c_Émile".into(), "group_guild".into()] });
    ok(e, "bob", None, Request::GroupReportPendencyReaded { time_stamp: clock.now() });
    let profile = json!({ "user_profile_item_nick_name": "Émile", "user_profile_item_face_url": "e.png",
        "user_profile_item_custom_string_array": [{ "user_profile_custom_string_info_key": "Level", "user_profile_custom_string_info_value": "3" }] });
    ok(e, "Émile", None, Request::ProfileModifySelfUserProfile(serde_json::from_value(profile).unwrap()));
    let seats = json!([{ "group_attribute_key": "seat1", "group_attribute_value": "dave 🎲" }, { "group_attribute_key": "state", "group_attribute_value": "playing" }]);
    ok(e, "dave", None, Request::GroupInitGroupAttributes { group_id: "room".into(), attributes: serde_json::from_value(seats).unwrap() });
    ok(e, "alice", None, Request::GroupIncreaseGroupCounter { group_id: "room".into(), key: "likes".into(), value: 7 });
    ok(e, "dave", None, Request::GroupDecreaseGroupCounter { group_id: "room".into(), key: "likes".into(), value: 2 });
    // Issue 13: a read receipt, an extension, a reaction and a pin, kept
    // with the message and the group.
    let param = SendParam { elems: vec![json!({"elem_type": 0, "text_elem_content": "vote"})], need_read_receipt: true, support_extension: true, ..Default::default() };
    ok(e, "alice", None, Request::MsgSend { conv: group("guild"), msg_id: "m-vote".into(), param });
    let vote = MsgKey { conv_type: ConvType::Group, conv_id: "guild".into(), msg: MessageRef::Id("m-vote".into()) };
    ok(e, "bob", None, Request::MsgSendMessageReadReceipts { msgs: vec![vote.clone()] });
    ok(e, "bob", None, Request::MsgSetMessageExtensions { msg: vote.clone().into(), extensions: vec![Extension { key: "bob".into(), value: "yes".into() }] });
    ok(e, "frank", None, Request::MsgAddMessageReaction { msg: vote.clone(), reaction_id: "👍".into() });
    ok(e, "bob", None, Request::PinGroupMessage { group_id: "guild".into(), msg: vote, is_pinned: true });
    e.run(Caller::admin("root"), |s, c| s.system_notice(c, "guild", &[], "maintenance")).unwrap();
    e.ack_outbox(2).unwrap();
    e.expire_due();
    e.sync().unwrap();
}

const USERS: [&str; 7] = ["alice", "bob", "carol", "dave", "erin", "frank", "Émile"];
const HALL: &str = "@TGS#_hall";
const NEWS: &str = "@TGS#_hall@TOPIC#_news";

/// What the users can read of the engine, every read's answer.
fn view(e: &Engine) -> Vec<(i32, String)> {
    let mut reads = vec![("alice", Request::GroupGetGroupInfoList { group_ids: ["Zed", "guild", "room", "work", "gone"].map(String::from).to_vec() })];
    for g in ["Zed", "guild", "room", "work"] {
        reads.push(("alice", Request::GroupGetMemberInfoList(GetMembersParam { group_id: g.into(), ..Default::default() })));
        reads.push(("alice", Request::MsgGetMsgList { conv: group(g), param: GetMsgListParam::default() }));
    }
    for user in USERS {
        reads.push((user, Request::GroupGetJoinedGroupList));
        reads.push((user, Request::GroupGetPendencyList(PendencyOption::default())));
        reads.push((user, Request::ConvGetConvList));
        reads.push((user, Request::ConvGetGroupList));
        reads.push((user, Request::ConvGetTotalUnreadMessageCount));
    }
    reads.push(("alice", Request::MsgGetMsgList { conv: c2c("Émile"), param: GetMsgListParam::default() }));
    reads.push(("bob", Request::GroupGetTopicInfoList { group_id: HALL.into(), topic_ids: Vec::new() }));
    reads.push(("bob", Request::MsgGetMsgList { conv: group(NEWS), param: GetMsgListParam::default() }));
    let vote = MsgKey { conv_type: ConvType::Group, conv_id: "guild".into(), msg: MessageRef::Id("m-vote".into()) };
    reads.push(("alice", Request::MsgGetMessageReadReceipts { msgs: vec![vote.clone()] }));
    reads.push(("alice", Request::MsgGetMessageExtensions { msg: vote.clone() }));
    reads.push(("alice", Request::MsgGetMessageReactions { msgs: vec![vote], max_user_count_per_reaction: 10 }));
    reads.push(("alice", Request::GetPinnedGroupMessageList { group_id: "guild".into() }));
    let everyone = json!({ "friendship_getprofilelist_param_identifier_array": USERS });
    reads.push(("bob", Request::ProfileGetUserProfileList(serde_json::from_value(everyone).unwrap())));
    reads.push(("dave", Request::GroupGetGroupAttributes { group_id: "room".into(), keys: vec![] }));
    reads.push(("dave", Request::GroupGetGroupCounters { group_id: "room".into(), keys: vec![] }));
    let mut answers: Vec<(i32, String)> = reads.into_iter().map(|(user, req)| call(e, user, None, req)).map(|r| (r.code, r.json)).collect();
    answers.push((0, serde_json::to_string(&e.outbox(0, 1_000)).unwrap()));
    answers
}

/// A snapshot's records as JSON, table by table; sorted where the load
/// order is the storage's, not one the snapshot promises.
fn docs(s: Snapshot) -> Vec<Vec<String>> {
    fn each<T: serde::Serialize>(v: &[T]) -> Vec<String> {
        v.iter().map(|r| serde_json::to_string(r).unwrap()).collect()
    }
    fn sorted(mut v: Vec<String>) -> Vec<String> {
        v.sort();
        v
    }
    vec![
        sorted(each(&s.groups)),
        sorted(each(&s.members)),
        each(&s.pendencies),
        sorted(each(&s.users)),
        each(&s.messages),
        sorted(each(&s.convs)),
        each(&s.tips),
        sorted(each(&s.receipts)),
        each(&s.reports),
        each(&s.outbox),
    ]
}

/// Runs the story on a tee of PostgreSQL (`url`) and SQLite (`dir`);
/// returns the batches it committed and what the users could read.
fn tell_story(url: &str, dir: &std::path::Path) -> (Vec<Vec<Change>>, Vec<(i32, String)>) {
    let batches = Arc::default();
    let tee = Tee { pg: PostgresStore::open(url).unwrap(), sqlite: SqliteStore::open(dir).unwrap(), batches: Arc::clone(&batches) };
    let clock = Arc::new(TestClock(AtomicU64::new(1_700_000_000)));
    let e = open(Box::new(tee), Arc::clone(&clock));
    story(&e, &clock);
    let seen = view(&e);
    drop(e);
    let batches = std::mem::take(&mut *batches.lock().unwrap());
    (batches, seen)
}

#[test]
fn an_engine_on_postgres_is_restored_whole_and_holds_what_sqlite_holds() {
    let pg = TempPostgres::start();
    let dir = tempfile::tempdir().unwrap();
    let (batches, seen) = tell_story(&pg.url(), dir.path());
    let changes: Vec<&Change> = batches.iter().flatten().collect();
    for kind in ["PutReceipt", "DeleteReceiptsBefore", "DeleteMessagesBefore", "DeleteOutboxThrough", "DeleteGroup", "PutReport"] {
        assert!(changes.iter().any(|c| format!("{:?}", c).starts_with(kind)), "the story makes a {}", kind);
    }

    let kept = PostgresStore::open(&pg.url()).unwrap().load().unwrap();
    assert_eq!(docs(kept), docs(SqliteStore::open(dir.path()).unwrap().load().unwrap()), "the same changes, the same records");

    let clock = Arc::new(TestClock(AtomicU64::new(1_700_001_000)));
    let e = open(Box::new(PostgresStore::open(&pg.url()).unwrap()), clock);
    assert_eq!(view(&e), seen, "every read answers as before the reopen");
    let topics = ok(&e, "bob", None, Request::GroupGetTopicInfoList { group_id: HALL.into(), topic_ids: Vec::new() });
    let news = &topics[0]["group_topic_info_result_topic_info"];
    assert_eq!((news["group_topic_info_topic_name"].clone(), news["group_topic_info_unread_count"].clone()), (json!("News"), json!(1)), "the topic and bob's unread in it");
    // As tests/persistence.rs checks it of SQLite.
    let info = e.read("x", |s, c| Ok(s.group_info(c, &["guild".into(), "room".into()]))).unwrap();
    let (guild, n) = info[0].1.as_ref().unwrap();
    assert_eq!((guild.name.as_str(), *n, guild.owner.as_str()), ("guild 🐉", 3, "alice"));
    let (room, n) = info[1].1.as_ref().unwrap();
    assert_eq!((room.introduction.as_str(), *n), ("kept", 2));
    let pending = e.read("bob", |s, c| s.pendencies(c, &PendencyOption::default())).unwrap();
    assert_eq!(pending.items.iter().filter(|p| p.pendency.handled.is_none()).map(|p| p.pendency.from.as_str()).collect::<Vec<_>>(), ["carol"]);
    let texts: Vec<String> = ok(&e, "alice", None, Request::MsgGetMsgList { conv: group("Zed"), param: GetMsgListParam::default() })
        .as_array()
        .unwrap()
        .iter()
        .map(|m| m["message_elem_array"][0]["text_elem_content"].as_str().unwrap().to_string())
        .collect();
    assert_eq!(texts, ["new"], "the purged message stays gone");
    let attributes = ok(&e, "dave", None, Request::GroupGetGroupAttributes { group_id: "room".into(), keys: vec!["seat1".into()] });
    assert_eq!(attributes, json!([{ "group_attribute_key": "seat1", "group_attribute_value": "dave 🎲" }]), "group attributes are kept");
    let counters = ok(&e, "dave", None, Request::GroupGetGroupCounters { group_id: "room".into(), keys: vec![] });
    assert_eq!(counters, json!([{ "group_counter_key": "likes", "group_counter_value": 5 }]), "group counters are kept");
    // A kept answer is given again; a purged one is not, so the call runs again.
    assert_eq!(call(&e, "alice", Some("k-guild"), create("guild", GroupType::Public, &[])).code, 0);
    assert_ne!(call(&e, "alice", Some("k-old"), create("Zed", GroupType::Meeting, &[])).code, 0);
    // A new member after the reopen continues the join order.
    ok(&e, "erin", None, Request::GroupJoin { group_id: "room".into(), hello_msg: String::new() });
    let p = GetMembersParam { group_id: "room".into(), ..Default::default() };
    let order: Vec<_> = e.read("alice", |s, c| s.members(c, &p)).unwrap().members.into_iter().map(|m| m.user_id).collect();
    assert_eq!(order, ["alice", "dave", "erin"]);
}

#[test]
fn a_batch_applied_twice_leaves_what_it_left_once() {
    let pg = TempPostgres::start();
    let dir = tempfile::tempdir().unwrap();
    let (batches, _) = tell_story(&pg.url(), dir.path());
    let mut twice = PostgresStore::open(&pg.create_database("twice")).unwrap();
    for batch in &batches {
        twice.apply(batch).unwrap();
        twice.apply(batch).unwrap();
    }
    let once = PostgresStore::open(&pg.url()).unwrap().load().unwrap();
    assert_eq!(docs(twice.load().unwrap()), docs(once));
}

#[test]
fn nodes_opening_together_migrate_once() {
    let pg = TempPostgres::start();
    let url = pg.create_database("fresh");
    let start = Arc::new(Barrier::new(8));
    let opens: Vec<_> = (0..8)
        .map(|_| {
            let (url, start) = (url.clone(), Arc::clone(&start));
            std::thread::spawn(move || {
                start.wait();
                PostgresStore::open(&url).map(drop)
            })
        })
        .collect();
    for open in opens {
        open.join().unwrap().unwrap();
    }
    PostgresStore::open(&url).unwrap();
    let mut client = postgres::Client::connect(&url, postgres::NoTls).unwrap();
    let versions: Vec<i32> = client.query("SELECT version FROM huddle_migrations ORDER BY version", &[]).unwrap().iter().map(|r| r.get(0)).collect();
    assert_eq!(versions, [1, 2, 3]);
}

fn put_user(id: &str) -> Vec<Change> {
    vec![Change::PutUser(UserMeta { user_id: id.into(), ..UserMeta::default() })]
}

#[test]
fn a_restarted_server_fails_one_apply_then_the_store_reconnects() {
    let pg = TempPostgres::start();
    let mut store = PostgresStore::open(&pg.url()).unwrap();
    store.apply(&put_user("before")).unwrap();
    pg.restart();
    let e = store.apply(&put_user("lost")).expect_err("the old connection is gone");
    assert_eq!(e.code, huddle::Code::IoOperationFailed);
    store.apply(&put_user("after")).unwrap();
    let users: Vec<String> = store.load().unwrap().users.into_iter().map(|u| u.user_id).collect();
    assert_eq!(users, ["after", "before"]);
}

/// A node that lost the lease (another took it: a higher epoch) cannot write.
#[test]
fn a_fenced_store_writes_only_while_its_lease_holds() {
    let pg = TempPostgres::start();
    let mut store = PostgresStore::open(&pg.url()).unwrap();
    let mut client = postgres::Client::connect(&pg.url(), postgres::NoTls).unwrap();
    client.execute("INSERT INTO huddle_lease VALUES ('engine', 'a', 1, now() + interval '1 minute')", &[]).unwrap();
    store.fence("engine", "a", 1);
    store.apply(&put_user("while a leads")).unwrap();
    client.execute("UPDATE huddle_lease SET holder = 'b', epoch = 2", &[]).unwrap();
    let e = store.apply(&put_user("after b took over")).expect_err("fenced off");
    assert!(e.desc.contains("no longer"), "{}", e.desc);
    let users: Vec<String> = store.load().unwrap().users.into_iter().map(|u| u.user_id).collect();
    assert_eq!(users, ["while a leads"]);
}

/// An idempotency key is whatever a client sent: a NUL, or kilobytes.
#[test]
fn any_idempotency_key_is_kept() {
    let pg = TempPostgres::start();
    let mut store = PostgresStore::open(&pg.url()).unwrap();
    let keys = ["a\0b".to_string(), "k".repeat(10_000), "a".to_string()];
    let response = Response { code: 0, desc: String::new(), json: "{}".into() };
    let receipts: Vec<Change> =
        keys.iter().map(|key| Change::PutReceipt(Receipt { user: "alice".into(), key: key.clone(), time: 1, response: response.clone() })).collect();
    store.apply(&receipts).unwrap();
    let mut kept: Vec<String> = store.load().unwrap().receipts.into_iter().map(|r| r.key).collect();
    kept.sort();
    let mut keys = keys.to_vec();
    keys.sort();
    assert_eq!(kept, keys);
}
