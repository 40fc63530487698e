//! AVChatRoom (group type 4), the seeds' chat-room semantics: online only,
//! the latest messages once on join, dismissal when idle, one room per user,
//! and under a flood the lower priorities dropped first, never an
//! allow-listed sender's. On the embedded engine with a lobby of 20,000
//! online members; over huddle-server with fewer.

mod common;

use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex};

use huddle::engine::{Attach, Caller, ChatRoomConfig, Clock, EngineConfig, Limits};
use huddle::event::{Event, EventBody, EventSink};
use huddle::model::Thread;
use huddle::params::{CreateGroupParam, SendParam};
use huddle::service::Request;
use huddle::{Code, Engine, GroupType, JoinStatus, TipType};
use serde_json::{json, Value};

use common::{eventually, join, req, Peer};

struct ManualClock(AtomicU64);

impl Clock for ManualClock {
    fn now(&self) -> u64 {
        self.0.load(Ordering::SeqCst)
    }
}

/// What one session heard: messages (each event's array) and tips, in order.
#[derive(Default)]
struct Heard {
    events: Mutex<Vec<Event>>,
}

impl EventSink for Heard {
    fn deliver(&self, event: Event) {
        self.events.lock().unwrap().push(event);
    }
}

impl Heard {
    /// The texts of the messages heard, one list per new-message event.
    fn batches(&self) -> Vec<Vec<String>> {
        let events = self.events.lock().unwrap();
        events
            .iter()
            .filter_map(|e| match e.body() {
                EventBody::NewMessage { messages, .. } => {
                    let msgs: Value = serde_json::from_str(messages.as_str()).unwrap();
                    Some(msgs.as_array().unwrap().iter().filter_map(|m| m["message_elem_array"][0]["text_elem_content"].as_str().map(String::from)).collect())
                }
                _ => None,
            })
            .collect()
    }

    fn texts(&self) -> Vec<String> {
        self.batches().concat()
    }

    fn tips(&self) -> Vec<Value> {
        let events = self.events.lock().unwrap();
        events
            .iter()
            .filter_map(|e| match e.body() {
                EventBody::GroupTip { tip, .. } => Some(serde_json::from_str(tip.as_str()).unwrap()),
                _ => None,
            })
            .collect()
    }

    fn last_tip(&self) -> Option<Value> {
        let events = self.events.lock().unwrap();
        events.iter().rev().find_map(|e| match e.body() {
            EventBody::GroupTip { tip, .. } => Some(serde_json::from_str(tip.as_str()).unwrap()),
            _ => None,
        })
    }

    /// The report type of the last group system message heard.
    fn last_report(&self) -> Option<i64> {
        let events = self.events.lock().unwrap();
        let messages = events.iter().rev().find_map(|e| match e.body() {
            EventBody::NewMessage { messages, .. } => Some(messages.as_str().to_string()),
            _ => None,
        })?;
        let msgs: Value = serde_json::from_str(&messages).unwrap();
        msgs[0]["message_elem_array"][0]["group_report_elem_report_type"].as_i64()
    }

    fn last_seq(&self) -> u64 {
        self.events.lock().unwrap().iter().filter(|e| e.counts()).map(Event::seq).max().unwrap_or(0)
    }
}

fn engine(chatroom: ChatRoomConfig) -> (Arc<Engine>, Arc<ManualClock>) {
    let clock = Arc::new(ManualClock(AtomicU64::new(1_000_000)));
    let limits = Limits { chatroom, ..Limits::default() };
    let e = Engine::open(EngineConfig { clock: clock.clone(), limits, ..EngineConfig::default() }).unwrap();
    (e, clock)
}

fn room(e: &Engine, owner: &str, id: &str) {
    let p = CreateGroupParam { group_id: Some(id.into()), name: id.into(), group_type: Some(GroupType::AvChatRoom), ..Default::default() };
    e.create_group(owner, p).unwrap();
}

fn text(t: &str, priority: u32) -> SendParam {
    serde_json::from_value(json!({ "message_elem_array": [{ "elem_type": 0, "text_elem_content": t }], "message_priority": priority })).unwrap()
}

fn send(e: &Engine, user: &str, group: &str, t: &str, priority: u32) -> Result<(), Code> {
    let thread = Thread::Group(group.into());
    e.run(Caller::from(user), |s, c| s.send(c, thread, huddle::engine::new_msg_id(0), text(t, priority))).map(|_| ()).map_err(|e| e.code)
}

fn online(e: &Engine, user: &str, group: &str) -> Result<u32, Code> {
    e.read(user, |s, c| s.countable_group(c, group).map(|g| e.online_members(g))).map_err(|e| e.code)
}

const HIGH: u32 = 0;
const NORMAL: u32 = 1;
const LOW: u32 = 2;
const LOWEST: u32 = 3;

#[test]
fn a_lobby_of_20000_online_members() {
    const PLAYERS: usize = 20_000;
    let (e, clock) = engine(ChatRoomConfig { allowlist: vec!["bot".into()], ..ChatRoomConfig::default() });
    room(&e, "host", "lobby");
    let players: Vec<String> = (0..PLAYERS).map(|i| format!("p{}", i)).collect();
    for p in &players {
        assert_eq!(e.join(p, "lobby", "").unwrap().value, JoinStatus::Joined);
    }
    e.join("bot", "lobby", "").unwrap();
    assert_eq!(online(&e, "p0", "lobby"), Ok(0), "members, none online yet");
    let mut heard: Vec<Arc<Heard>> = Vec::new();
    let mut sessions = Vec::new();
    for p in &players {
        let h = Arc::new(Heard::default());
        sessions.push(e.subscribe(p, h.clone()));
        heard.push(h);
    }
    assert_eq!(online(&e, "p0", "lobby"), Ok(PLAYERS as u32));
    assert_eq!(online(&e, "stranger", "lobby"), Err(Code::PermissionDenied), "members count, others may not");
    assert_eq!(online(&e, "p0", "nowhere"), Err(Code::GroupNotFound));

    // p1 goes offline: a message meanwhile never reaches it, nor on its return.
    send(&e, "host", "lobby", "before", NORMAL).unwrap();
    let seen = heard[1].last_seq();
    assert!(e.detach(sessions[1]));
    assert_eq!(online(&e, "p0", "lobby"), Ok(PLAYERS as u32 - 1));
    send(&e, "host", "lobby", "while away", NORMAL).unwrap();
    e.join("newcomer", "lobby", "").unwrap();
    let back = Arc::new(Heard::default());
    e.attach("p1", back.clone(), Attach { resume_after: Some(seen), ..Attach::default() });
    assert!(back.tips().is_empty(), "nor the room's tips");
    send(&e, "host", "lobby", "after", NORMAL).unwrap();
    assert_eq!(heard[1].texts(), ["before"]);
    assert_eq!(back.texts(), ["after"], "nothing of the room is caught up");
    assert_eq!(heard[2].texts(), ["before", "while away", "after"], "the others got all three");
    let got_after = heard.iter().enumerate().filter(|(i, h)| *i != 1 && h.texts().len() == 3).count();
    assert_eq!(got_after, PLAYERS - 1, "every other player got it");

    // No history roams: the room's messages are nobody's to read back.
    let history = e.read("p2", |s, c| s.history(c, &Thread::Group("lobby".into()), &Default::default())).unwrap();
    assert!(history.is_empty(), "no history in a chat room");

    // A flood in one second (the clock stands still): Lowest, Low, Normal,
    // High and the allow-listed bot (Low) in turns.
    clock.0.fetch_add(1, Ordering::SeqCst);
    let turns = [(LOWEST, "p10"), (LOW, "p11"), (NORMAL, "p12"), (HIGH, "p13"), (LOW, "bot")];
    let mut outcomes: Vec<(u32, &str, Result<(), Code>)> = Vec::new();
    for round in 0..30 {
        for (priority, sender) in turns {
            let r = send(&e, sender, "lobby", &format!("flood {} {}", sender, round), priority);
            outcomes.push((priority, sender, r));
        }
    }
    assert!(outcomes.iter().filter(|o| o.1 == "bot").all(|o| o.2.is_ok()), "the allow-listed sender loses none");
    assert!(outcomes.iter().all(|o| o.2 == Ok(()) || o.2 == Err(Code::SendRateLimit)), "a drop is told with 10023");
    let lost = |p: u32| outcomes.iter().filter(|o| o.0 == p && o.1 != "bot" && o.2.is_err()).count();
    assert!(lost(LOWEST) > 0, "the flood is past the room's rate");
    assert!(lost(LOWEST) >= lost(LOW) && lost(LOW) >= lost(NORMAL) && lost(NORMAL) >= lost(HIGH), "lower priorities lose more");
    assert!(lost(LOW) > lost(HIGH), "low-priority messages are the ones dropped");
    for (i, (p, _, r)) in outcomes.iter().enumerate() {
        if r.is_err() {
            let later_lower = outcomes[i..].iter().filter(|o| o.0 > *p && o.1 != "bot");
            assert!(later_lower.clone().all(|o| o.2.is_err()), "priority {} dropped while a lower one got through", p);
        }
    }
    let accepted: Vec<String> =
        outcomes.iter().enumerate().filter(|(_, o)| o.2.is_ok()).map(|(i, o)| format!("flood {} {}", o.1, i / turns.len())).collect();
    let flood_heard: Vec<String> = heard[3].texts().into_iter().filter(|t| t.starts_with("flood")).collect();
    assert_eq!(flood_heard, accepted, "members get exactly what was not dropped, before fan-out");

    // A late joiner gets exactly the latest 50, once, oldest first.
    clock.0.fetch_add(1, Ordering::SeqCst);
    let sent: Vec<String> = (0..60).map(|i| format!("latest {}", i)).collect();
    for t in &sent {
        send(&e, "host", "lobby", t, NORMAL).unwrap();
    }
    let late = Arc::new(Heard::default());
    e.subscribe("late", late.clone());
    e.join("late", "lobby", "").unwrap();
    assert_eq!(late.batches(), [sent[10..].to_vec()]);
    assert_eq!(e.join("late", "lobby", "").unwrap().value, JoinStatus::AlreadyMember);
    assert_eq!(late.batches().len(), 1, "delivered once");

    // Idle for an hour (without messages): dismissed, every member told.
    let last = clock.0.load(Ordering::SeqCst);
    clock.0.store(last + 3599, Ordering::SeqCst);
    e.expire_due();
    assert_eq!(online(&e, "p0", "lobby"), Ok(PLAYERS as u32 + 1), "not yet idle an hour: the players and the late joiner online");
    clock.0.store(last + 3600, Ordering::SeqCst);
    e.expire_due();
    assert_eq!(online(&e, "p0", "lobby"), Err(Code::GroupNotFound), "dismissed");
    heard[1] = back;
    for h in heard.iter().chain([&late]) {
        let tip = h.last_tip().unwrap();
        assert_eq!((tip["group_tips_elem_tip_type"].as_i64(), tip["group_tips_elem_group_id"].as_str()), (Some(13), Some("lobby")));
        assert_eq!(h.last_report(), Some(11), "Tencent's GroupRecycle group system message");
    }
}

#[test]
fn a_user_is_in_one_room_at_a_time_unless_configured() {
    let (e, _) = engine(ChatRoomConfig::default());
    room(&e, "host", "a");
    room(&e, "host", "b");
    room(&e, "alice", "mine");
    let watcher = Arc::new(Heard::default());
    e.subscribe("host", watcher.clone());
    e.join("alice", "a", "").unwrap();
    e.join("alice", "b", "").unwrap();
    let member = |g: &str, u: &str| e.read(u, |s, _| Ok(s.groups[g].members.contains_key(u))).unwrap();
    assert!(!member("a", "alice") && member("b", "alice"), "joining b left a");
    assert!(member("mine", "alice"), "a room she owns stays hers");
    let quit = watcher.tips().into_iter().find(|t| t["group_tips_elem_tip_type"] == 2).expect("a's members heard her quit");
    assert_eq!(quit["group_tips_elem_group_id"], "a");

    let (e, _) = engine(ChatRoomConfig { one_per_user: false, ..ChatRoomConfig::default() });
    room(&e, "host", "a");
    room(&e, "host", "b");
    e.join("alice", "a", "").unwrap();
    e.join("alice", "b", "").unwrap();
    let both = e.read("alice", |s, _| Ok(["a", "b"].iter().all(|g| s.groups[*g].members.contains_key("alice")))).unwrap();
    assert!(both, "one_per_user false: in both");
}

#[test]
fn a_room_that_gives_joiners_nothing_still_delivers() {
    let (e, _) = engine(ChatRoomConfig { latest_on_join: 0, ..ChatRoomConfig::default() });
    room(&e, "host", "r");
    e.join("bob", "r", "").unwrap();
    let bob = Arc::new(Heard::default());
    e.subscribe("bob", bob.clone());
    send(&e, "host", "r", "live", NORMAL).unwrap();
    let late = Arc::new(Heard::default());
    e.subscribe("late", late.clone());
    e.join("late", "r", "").unwrap();
    send(&e, "host", "r", "next", NORMAL).unwrap();
    assert_eq!(bob.texts(), ["live", "next"]);
    assert_eq!(late.texts(), ["next"], "latest_on_join 0: nothing on join");
}

#[test]
fn an_idle_room_lives_while_it_talks_and_other_groups_never_idle_out() {
    let (e, clock) = engine(ChatRoomConfig { idle_destroy_secs: 100, ..ChatRoomConfig::default() });
    room(&e, "host", "r");
    let p = CreateGroupParam { group_id: Some("guild".into()), name: "guild".into(), group_type: Some(GroupType::Public), ..Default::default() };
    e.create_group("host", p).unwrap();
    clock.0.fetch_add(99, Ordering::SeqCst);
    send(&e, "host", "r", "still here", NORMAL).unwrap();
    clock.0.fetch_add(99, Ordering::SeqCst);
    e.expire_due();
    assert_eq!(online(&e, "host", "r"), Ok(0), "a message keeps it");
    clock.0.fetch_add(1, Ordering::SeqCst);
    e.expire_due();
    assert_eq!(online(&e, "host", "r"), Err(Code::GroupNotFound));
    assert_eq!(online(&e, "host", "guild"), Ok(0), "only chat rooms idle out");
}

/// Over huddle-server: a network member whose connection is cut gets
/// nothing of what was sent meanwhile; a late joiner gets the latest;
/// drops by priority with 10023; the online count as members see it.
#[test]
fn over_the_server() {
    let dir = tempfile::tempdir().unwrap();
    let mut config = huddle::server::ServerConfig {
        listen: "127.0.0.1:0".parse().unwrap(),
        data_dir: Some(dir.path().join("data")),
        login_policy: huddle::config::LoginPolicy::Multi,
        chatroom: ChatRoomConfig { msgs_per_second: 8, latest_on_join: 5, allowlist: vec!["bot".into()], ..ChatRoomConfig::default() },
        ..Default::default()
    };
    config.limits.member_msgs_per_second = 0;
    let server = huddle::server::Running::start(config).expect("start huddle-server");
    let url = server.url();
    let proxy = common::Proxy::start(server.addr());
    let host = Peer::connect(&url, "host", "");
    host.ok(common::create("lobby", 4));
    let away = Peer::connect(&proxy.url(), "away", "");
    let players: Vec<Peer> = (0..8).map(|i| Peer::connect(&url, &format!("p{}", i), "")).collect();
    let bot = Peer::connect(&url, "bot", "");
    for p in players.iter().chain([&away, &bot]) {
        assert_eq!(p.ok(join("lobby"))["group_join_result_status"], 0);
    }
    let count = |p: &Peer| p.ok(Request::GroupGetOnlineMemberCount { group_id: "lobby".into() })["group_get_online_member_count_result"].clone();
    assert_eq!(count(&host), 11);

    host.ok(common::send_text("lobby", "m-before", "before"));
    eventually("away hears before", || away.heard() == ["before"]);
    proxy.cut();
    eventually("the server sees away gone", || count(&host) == 10);
    host.ok(common::send_text("lobby", "m-away", "while away"));
    away.wait_connected();
    eventually("away is back", || count(&host) == 11);
    host.ok(common::send_text("lobby", "m-after", "after"));
    eventually("away hears after", || away.heard().last().map(String::as_str) == Some("after"));
    assert_eq!(away.heard(), ["before", "after"], "nothing of the room while away, nor on return");

    // Low messages until the room drops one; High still goes; the bot never loses one.
    let low = |p: &Peer, t: &str, priority: u32| {
        let param = json!({"message_elem_array": [{"elem_type": 0, "text_elem_content": t}], "message_priority": priority});
        p.call(req(json!({"method": "MsgSend", "params": {"conv": {"conv_type": 2, "conv_id": "lobby"}, "msg_id": huddle::engine::new_msg_id(0), "param": param}}))).code
    };
    let dropped = (0..200).find(|i| low(&players[0], &format!("low {}", i), LOW) != 0);
    assert!(dropped.is_some(), "a flood of Low messages is dropped past half the rate");
    assert_eq!(low(&players[0], "one more", LOW), Code::SendRateLimit as i32);
    assert_eq!(low(&players[1], "high", HIGH), 0, "High goes while Low drops");
    assert!((0..20).all(|i| low(&bot, &format!("bot {}", i), LOW) == 0), "the allow-listed sender loses none");

    let latest: Vec<String> = (0..7).map(|i| format!("h{}", i)).collect();
    for (i, t) in latest.iter().enumerate() {
        host.ok(common::send_text("lobby", &format!("m-h{}", i), t));
    }
    let late = Peer::connect(&url, "late", "");
    late.ok(join("lobby"));
    eventually("late hears the latest 5", || late.heard().len() >= 5);
    assert_eq!(late.heard(), latest[2..].to_vec());
    let history = common::history(&late, "lobby");
    assert!(history.is_empty(), "no history roams");
    drop(proxy);
    server.stop().expect("a clean stop");
}

/// Over huddle-server, on its own timer (a running server's clock cannot be
/// set): a room nobody talks in is dismissed, its member told with the
/// dismissal tip, and a guild of the same owner stays.
#[test]
fn the_server_dismisses_an_idle_room_by_itself() {
    let dir = tempfile::tempdir().unwrap();
    let config = huddle::server::ServerConfig {
        listen: "127.0.0.1:0".parse().unwrap(),
        data_dir: Some(dir.path().join("data")),
        chatroom: ChatRoomConfig { idle_destroy_secs: 2, ..ChatRoomConfig::default() },
        ..Default::default()
    };
    let server = huddle::server::Running::start(config).expect("start huddle-server");
    let host = Peer::connect(&server.url(), "host", "");
    let player = Peer::connect(&server.url(), "player", "");
    let tips: Arc<Mutex<Vec<Value>>> = Default::default();
    let heard = Arc::clone(&tips);
    player.client.set_tip_listener(Some(Arc::new(move |json: &huddle::event::Json| heard.lock().unwrap().push(serde_json::from_str(json.as_str()).unwrap()))));
    host.ok(common::create("lobby", 4));
    host.ok(common::create("guild", 0));
    player.ok(join("lobby"));
    player.ok(join("guild"));
    let gone = |group: &str| player.call(Request::GroupGetOnlineMemberCount { group_id: group.into() }).code == Code::GroupNotFound as i32;
    eventually("the idle room is dismissed", || gone("lobby"));
    eventually("the player is told", || {
        tips.lock().unwrap().iter().any(|t| t["group_tips_elem_group_id"] == "lobby" && t["group_tips_elem_tip_type"] == TipType::GroupDismissed.as_int())
    });
    assert!(!gone("guild"), "only chat rooms idle out");
    server.stop().expect("a clean stop");
}
