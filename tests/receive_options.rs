//! Receive options and do-not-disturb, and the conversation state a user
//! keeps (marks, custom data, unread, drafts, pins): who is handed a
//! message, who is pushed, and what the user's other devices hear, live
//! and when they come back.

use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex};

use serde_json::{json, Value};

use huddle::config::LoginPolicy;
use huddle::engine::{Clock, EngineConfig, PushNotice, PushSink, QuietWindow};
use huddle::event::EventBody;
use huddle::response::Response;
use huddle::service::{Auth, ConvRef, Login, Request, Service, Session};
use huddle::types::{ConvType, MsgFlag};
use huddle::Engine;

#[path = "common/recorder.rs"]
mod recorder;
use recorder::Recorder;

struct ManualClock(AtomicU64);

impl Clock for ManualClock {
    fn now(&self) -> u64 {
        self.0.load(Ordering::SeqCst)
    }
}

/// Records every offline push: (text, users pushed).
#[derive(Default)]
struct Pushes(Mutex<Vec<(String, Vec<String>)>>);

impl PushSink for Pushes {
    fn push(&self, notice: PushNotice) {
        let text = notice.message.elems[0]["text_elem_content"].as_str().unwrap_or_default().to_string();
        self.0.lock().unwrap().push((text, notice.targets.into_iter().map(|t| t.user).collect()));
    }
}

impl Pushes {
    fn take(&self) -> Vec<(String, Vec<String>)> {
        std::mem::take(&mut *self.0.lock().unwrap())
    }
}

/// What a session heard, as lines.
trait Lines {
    /// "msg:<text>", "conv<kind>:<id>", "recvopt:<level>", ... of what came since the last take.
    fn lines(&self) -> Vec<String>;
    /// The last conversation event's conversation.
    fn last_conv(&self) -> Value;
}

impl Lines for Recorder {
    fn lines(&self) -> Vec<String> {
        let parse = |j: &huddle::event::Json| serde_json::from_str::<Value>(j.as_str()).unwrap();
        self.take()
            .iter()
            .filter_map(|e| match e.body() {
                EventBody::NewMessage { messages, .. } => Some(format!("msg:{}", parse(messages)[0]["message_elem_array"][0]["text_elem_content"].as_str().unwrap_or(""))),
                EventBody::Conv { event, convs, .. } => Some(format!("conv{}:{}", event.as_int(), parse(convs)[0]["conv_id"].as_str().unwrap())),
                EventBody::AllRecvOpt { info, .. } => Some(format!("recvopt:{}", parse(info)["msg_all_recv_msg_opt_level"])),
                _ => None,
            })
            .collect()
    }

    fn last_conv(&self) -> Value {
        self.latest(|e| match e.body() {
            EventBody::Conv { convs, .. } => Some(serde_json::from_str::<Value>(convs.as_str()).unwrap()[0].clone()),
            _ => None,
        })
        .expect("a conversation event")
    }
}

struct World {
    engine: Arc<Engine>,
    svc: Service,
    clock: Arc<ManualClock>,
    pushes: Arc<Pushes>,
}

/// Noon UTC of some day.
const NOON: u64 = 20_000 * 86_400 + 12 * 3600;

impl World {
    fn new() -> World {
        World::stored_in(None)
    }

    /// A world whose engine keeps its data in `data_dir` (none: in memory).
    fn stored_in(data_dir: Option<std::path::PathBuf>) -> World {
        let clock = Arc::new(ManualClock(AtomicU64::new(NOON)));
        let pushes = Arc::new(Pushes::default());
        let config = EngineConfig { data_dir, clock: clock.clone(), push: Some(pushes.clone()), ..EngineConfig::default() };
        let engine = Engine::open(config).unwrap();
        let svc = Service::new(Arc::clone(&engine), Auth::default(), LoginPolicy::Multi);
        World { engine, svc, clock, pushes }
    }

    /// A session of `user` on `platform`; `resume_after` catches up.
    fn login(&self, user: &str, platform: i32, resume_after: Option<u64>) -> (Session, Arc<Recorder>) {
        let rec = Arc::new(Recorder::default());
        let session = self.svc.login(Login { user_id: user, user_sig: "", platform, resume_after, ip: None, instance: None }, rec.clone()).unwrap();
        (session, rec)
    }

    fn call(&self, session: &Session, req: Request) -> Response {
        let got = Arc::new(Mutex::new(None));
        let slot = Arc::clone(&got);
        session.call(req, None, Box::new(move |r| *slot.lock().unwrap() = Some(r)));
        self.engine.sync().unwrap();
        let r = got.lock().unwrap().take().expect("answered");
        r
    }

    fn ok(&self, session: &Session, req: Request) -> Value {
        let r = self.call(session, req);
        assert_eq!(r.code, 0, "{:?}", r);
        serde_json::from_str(&r.json).unwrap()
    }
}

fn group(id: &str) -> ConvRef {
    ConvRef { conv_type: ConvType::Group, conv_id: id.into() }
}

fn c2c(peer: &str) -> ConvRef {
    ConvRef { conv_type: ConvType::C2C, conv_id: peer.into() }
}

fn send(to: ConvRef, text: &str, at: &[&str]) -> Request {
    let param = json!({ "message_elem_array": [{ "elem_type": 0, "text_elem_content": text }], "message_group_at_user_array": at });
    Request::MsgSend { conv: to, msg_id: huddle::engine::new_msg_id(0), param: serde_json::from_value(param).unwrap() }
}

fn create(id: &str) -> Request {
    serde_json::from_value(json!({"method": "GroupCreate", "params": {"create_group_param_group_id": id, "create_group_param_group_name": id, "create_group_param_group_type": 2}})).unwrap()
}

fn join(id: &str) -> Request {
    Request::GroupJoin { group_id: id.into(), hello_msg: String::new() }
}

fn set_group_opt(id: &str, opt: MsgFlag) -> Request {
    Request::MsgSetGroupReceiveMessageOpt { group_id: id.into(), opt }
}

fn texts(history: &Value) -> Vec<&str> {
    history.as_array().unwrap().iter().map(|m| m["message_elem_array"][0]["text_elem_content"].as_str().unwrap()).collect()
}

#[test]
fn not_receive_members_get_nothing_and_not_notify_members_get_no_push() {
    let w = World::new();
    let (alice, _) = w.login("alice", 1, None);
    w.ok(&alice, create("g"));
    // Online: bob NotReceive, carol ReceiveNotNotify, hank NotReceiveExceptAt.
    // Offline: dave NotReceive, erin ReceiveNotNotify, gina NotNotifyExceptAt, frank Receive.
    let mut online = Vec::new();
    for (user, opt) in [("bob", MsgFlag::NotReceive), ("carol", MsgFlag::ReceiveNotNotify), ("hank", MsgFlag::NotReceiveExceptAt)] {
        let (s, rec) = w.login(user, 1, None);
        w.ok(&s, join("g"));
        w.ok(&s, set_group_opt("g", opt));
        online.push((s, rec));
    }
    let mut start = 0;
    for (user, opt) in [("dave", MsgFlag::NotReceive), ("erin", MsgFlag::ReceiveNotNotify), ("gina", MsgFlag::NotNotifyExceptAt), ("frank", MsgFlag::Receive)] {
        let (s, _) = w.login(user, 1, None);
        w.ok(&s, join("g"));
        w.ok(&s, set_group_opt("g", opt));
        start = s.seq();
        s.logout(Box::new(|_| {}));
    }
    for (_, rec) in &online {
        rec.lines();
    }

    w.ok(&alice, send(group("g"), "hello", &[]));
    let [(bob, bob_rec), (_, carol_rec), (_, hank_rec)] = &online[..] else { unreachable!() };
    assert_eq!(bob_rec.lines(), Vec::<String>::new(), "NotReceive: no message, no conversation event");
    assert_eq!(carol_rec.lines(), ["msg:hello", "conv0:g"], "ReceiveNotNotify: delivered");
    assert_eq!(hank_rec.lines(), Vec::<String>::new(), "NotReceiveExceptAt: only @ messages");
    assert_eq!(w.pushes.take(), [("hello".to_string(), vec!["frank".to_string()])], "only Receive members are pushed");

    w.ok(&alice, send(group("g"), "hey you", &["hank", "erin", "gina", "dave"]));
    assert_eq!(hank_rec.lines(), ["msg:hey you", "conv2:g"]);
    assert_eq!(bob_rec.lines(), Vec::<String>::new());
    assert_eq!(w.pushes.take(), [("hey you".to_string(), vec!["gina".to_string(), "frank".to_string()])], "NotNotifyExceptAt is pushed when @-ed; NotNotify and NotReceive never");

    // The messages stay in the history, and the conversation says the option.
    assert_eq!(texts(&w.ok(bob, Request::MsgGetMsgList { conv: group("g"), param: Default::default() })), ["hey you", "hello"]);
    let info = w.ok(bob, Request::ConvGetConvInfo { convs: vec![group("g")] });
    assert_eq!(info[0]["conv_recv_opt"], 1);
    // Do-not-disturb conversations are left out of the unread totals.
    assert_eq!(info[0]["conv_unread_num"], 2);
    assert_eq!(w.ok(bob, Request::ConvGetTotalUnreadMessageCount)["conv_get_total_unread_message_count_result_unread_count"], 0);

    // Catching up: dave is not handed what he chose not to receive; erin is.
    let (_, dave_rec) = w.login("dave", 1, Some(start));
    assert!(!dave_rec.lines().iter().any(|e| e.starts_with("msg:")));
    let (_, erin_rec) = w.login("erin", 1, Some(start));
    assert_eq!(erin_rec.lines().iter().filter(|e| e.starts_with("msg:")).count(), 2);

    // Receive again: delivered again.
    w.ok(bob, set_group_opt("g", MsgFlag::Receive));
    bob_rec.lines();
    w.ok(&alice, send(group("g"), "back", &[]));
    assert_eq!(bob_rec.lines(), ["msg:back", "conv2:g"]);
    // Not a member: 10007; no group: 10010.
    let (zed, _) = w.login("zed", 1, None);
    assert_eq!(w.call(&zed, set_group_opt("g", MsgFlag::NotReceive)).code, 10007);
    assert_eq!(w.call(&zed, set_group_opt("nope", MsgFlag::NotReceive)).code, 10010);
}

#[test]
fn c2c_receive_options_are_per_peer() {
    let w = World::new();
    let (alice, _) = w.login("alice", 1, None);
    let (carol, _) = w.login("carol", 1, None);
    let (bob, bob_rec) = w.login("bob", 1, None);
    w.ok(&alice, send(c2c("bob"), "first", &[]));
    bob_rec.lines();
    w.ok(&bob, Request::MsgSetC2CReceiveMessageOpt { user_ids: vec!["alice".into()], opt: MsgFlag::NotReceive });
    assert_eq!(bob_rec.last_conv()["conv_recv_opt"], 1, "the conversation says it");
    bob_rec.lines();
    w.ok(&alice, send(c2c("bob"), "unheard", &[]));
    w.ok(&carol, send(c2c("bob"), "heard", &[]));
    assert_eq!(bob_rec.lines(), ["msg:heard", "conv0:carol"]);
    let opts = w.ok(&bob, Request::MsgGetC2CReceiveMessageOpt { user_ids: vec!["alice".into(), "carol".into()] });
    assert_eq!(opts, json!([
        { "msg_recv_msg_opt_result_identifier": "alice", "msg_recv_msg_opt_result_opt": 1 },
        { "msg_recv_msg_opt_result_identifier": "carol", "msg_recv_msg_opt_result_opt": 0 },
    ]));
    // Offline: bob is pushed carol's, not alice's.
    bob.logout(Box::new(|_| {}));
    w.pushes.take();
    w.ok(&alice, send(c2c("bob"), "quiet", &[]));
    w.ok(&carol, send(c2c("bob"), "loud", &[]));
    assert_eq!(w.pushes.take(), [("loud".to_string(), vec!["bob".to_string()])]);
    // 1 to 30 users.
    let many: Vec<String> = (0..31).map(|i| format!("u{}", i)).collect();
    assert_eq!(w.call(&alice, Request::MsgSetC2CReceiveMessageOpt { user_ids: many, opt: MsgFlag::NotReceive }).code, 6017);
    assert_eq!(w.call(&alice, Request::MsgSetC2CReceiveMessageOpt { user_ids: vec![], opt: MsgFlag::NotReceive }).code, 6017);
}

#[test]
fn the_global_quiet_window_holds_pushes_back_daily_in_local_time() {
    let w = World::new();
    let (alice, _) = w.login("alice", 1, None);
    let (bob, _) = w.login("bob", 1, None);
    // 22:00 to 06:00 at UTC+2 (20:00 to 04:00 UTC).
    let window = QuietWindow::Daily { start_hour: 22, start_minute: 0, start_second: 0, duration: 8 * 3600, utc_offset: 7200 };
    w.ok(&bob, Request::MsgSetAllReceiveMessageOpt { opt: MsgFlag::ReceiveNotNotify, window });
    let got = w.ok(&bob, Request::MsgGetAllReceiveMessageOpt);
    assert_eq!(got, json!({ "msg_all_recv_msg_opt_level": 2, "msg_all_recv_msg_opt_start_hour": 22, "msg_all_recv_msg_opt_start_minute": 0,
                            "msg_all_recv_msg_opt_start_second": 0, "msg_all_recv_msg_opt_start_time_stamp": 0, "msg_all_recv_msg_duration": 28800 }));
    bob.logout(Box::new(|_| {}));
    let at = |secs: u64, text: &str| {
        w.clock.0.store(secs, Ordering::SeqCst);
        w.ok(&alice, send(c2c("bob"), text, &[]));
    };
    at(NOON, "noon");
    at(NOON + 8 * 3600 + 1, "21:00 UTC, 23:00 local");
    at(NOON + 16 * 3600 - 1, "03:59 UTC");
    at(NOON + 16 * 3600, "04:00 UTC, 06:00 local");
    let pushed: Vec<String> = w.pushes.take().into_iter().map(|(t, _)| t).collect();
    assert_eq!(pushed, ["noon", "04:00 UTC, 06:00 local"]);

    // One window from a time stamp; 3 lets @ through (in a group).
    let (bob, _) = w.login("bob", 1, None);
    w.ok(&alice, create("g"));
    w.ok(&bob, join("g"));
    let from = NOON + 20 * 3600;
    w.ok(&bob, Request::MsgSetAllReceiveMessageOpt { opt: MsgFlag::NotNotifyExceptAt, window: QuietWindow::From { start_time_stamp: from, duration: 600 } });
    bob.logout(Box::new(|_| {}));
    w.clock.0.store(from + 10, Ordering::SeqCst);
    w.ok(&alice, send(group("g"), "plain", &[]));
    w.ok(&alice, send(group("g"), "at bob", &["bob"]));
    w.clock.0.store(from + 600, Ordering::SeqCst);
    w.ok(&alice, send(group("g"), "later", &[]));
    let pushed: Vec<String> = w.pushes.take().into_iter().map(|(t, _)| t).collect();
    assert_eq!(pushed, ["at bob", "later"]);

    // The levels that are no global option, and times out of range: 6017.
    let daily = |h, d| QuietWindow::Daily { start_hour: h, start_minute: 0, start_second: 0, duration: d, utc_offset: 0 };
    for (opt, window) in [(MsgFlag::NotReceive, daily(1, 60)), (MsgFlag::NotReceiveExceptAt, daily(1, 60)), (MsgFlag::ReceiveNotNotify, daily(24, 60)), (MsgFlag::ReceiveNotNotify, daily(1, 86_401))] {
        assert_eq!(w.call(&alice, Request::MsgSetAllReceiveMessageOpt { opt, window }).code, 6017);
    }
}

#[test]
fn a_users_other_devices_hear_its_conversation_changes_and_catch_up() {
    let w = World::new();
    let (alice, _) = w.login("alice", 1, None);
    let (phone, phone_rec) = w.login("bob", 1, None);
    let (_pc, pc_rec) = w.login("bob", 7, None);
    let (tablet, _) = w.login("bob", 2, None);
    w.ok(&alice, create("g"));
    w.ok(&phone, join("g"));
    w.ok(&alice, send(group("g"), "one", &[]));
    w.ok(&alice, send(c2c("bob"), "psst", &[]));
    let away = tablet.seq().max(w.engine.read("bob", |s, _| Ok(s.last_order)).unwrap());
    tablet.logout(Box::new(|_| {}));
    phone_rec.lines();
    pc_rec.lines();

    // Each change on the phone is a conversation update on the PC.
    let changes = [
        Request::MsgReportReaded { conv: group("g"), msg: None },
        Request::ConvPin { conv: c2c("alice"), pinned: true },
        set_group_opt("g", MsgFlag::ReceiveNotNotify),
        Request::MsgSetC2CReceiveMessageOpt { user_ids: vec!["alice".into()], opt: MsgFlag::NotNotifyExceptAt },
        Request::ConvSetDraft { conv: c2c("alice"), draft: Some(serde_json::from_value(json!({ "draft_user_define": "d" })).unwrap()) },
        Request::ConvMarkConversation { conv_ids: vec!["group_g".into()], mark_type: 0x1, enable_mark: true },
        Request::ConvSetConversationCustomData { conv_ids: vec!["c2c_alice".into()], custom_data: "cd".into() },
    ];
    w.ok(&phone, Request::ConvCreateGroup { name: "Friends".into(), conv_ids: vec!["c2c_alice".into()] });
    pc_rec.lines();
    for (i, change) in changes.into_iter().enumerate() {
        w.ok(&phone, change);
        let heard = pc_rec.lines();
        assert_eq!(heard.len(), 1, "change {}: {:?}", i, heard);
        assert!(heard[0].starts_with("conv2:"), "change {}: {:?}", i, heard);
    }
    w.ok(&phone, Request::MsgSetAllReceiveMessageOpt { opt: MsgFlag::ReceiveNotNotify, window: QuietWindow::From { start_time_stamp: 1, duration: 10 } });
    assert_eq!(pc_rec.lines(), ["recvopt:2"]);

    // The tablet was away: it catches up with one refresh of each changed
    // conversation, the conversation group and the global option.
    let (_, tablet_rec) = w.login("bob", 2, Some(away));
    let heard = tablet_rec.lines();
    assert!(heard.contains(&"recvopt:2".to_string()), "{:?}", heard);
    assert!(heard.contains(&"conv2:g".to_string()) && heard.contains(&"conv2:alice".to_string()), "{:?}", heard);
    let (tablet, _) = w.login("bob", 3, None);
    let convs = w.ok(&tablet, Request::ConvGetConvInfo { convs: vec![group("g"), c2c("alice")] });
    let (g, a) = (&convs[0], &convs[1]);
    assert_eq!((g["conv_unread_num"].clone(), g["conv_recv_opt"].clone(), g["conv_mark_array"].clone()), (json!(0), json!(2), json!([1])));
    assert_eq!((a["conv_is_pinned"].clone(), a["conv_recv_opt"].clone(), a["conv_custom_data"].clone()), (json!(true), json!(3), json!("cd")));
    assert_eq!(a["conv_draft"]["draft_user_define"], "d");
    assert_eq!(a["conv_conversation_group_array"], json!(["Friends"]));
}

#[test]
fn marks_custom_data_deletion_and_unread_by_filter() {
    let w = World::new();
    let (alice, _) = w.login("alice", 1, None);
    let (carol, _) = w.login("carol", 1, None);
    let (bob, bob_rec) = w.login("bob", 1, None);
    w.ok(&alice, create("g"));
    w.ok(&bob, join("g"));
    w.ok(&alice, send(group("g"), "g1", &[]));
    w.ok(&alice, send(group("g"), "g2", &[]));
    w.ok(&alice, send(c2c("bob"), "a1", &[]));
    w.ok(&carol, send(c2c("bob"), "c1", &[]));
    let unread = |filter: Value| {
        let f = serde_json::from_value(filter).unwrap();
        w.ok(&bob, Request::ConvGetUnreadMessageCountByFilter(f))["conv_get_total_unread_message_count_result_unread_count"].as_u64().unwrap()
    };
    assert_eq!(unread(json!({})), 4);
    assert_eq!(unread(json!({ "conversation_list_filter_conv_type": 2 })), 2);

    let ids = |v: &[&str]| v.iter().map(|s| s.to_string()).collect::<Vec<_>>();
    let r = w.ok(&bob, Request::ConvMarkConversation { conv_ids: ids(&["c2c_alice", "group_g", "c2c_nobody"]), mark_type: 0x1 | (1 << 40), enable_mark: true });
    let codes: Vec<_> = r.as_array().unwrap().iter().map(|x| x["conversation_operation_result_result_code"].clone()).collect();
    assert_eq!(codes, [json!(0), json!(0), json!(6004)]);
    assert_eq!(unread(json!({ "conversation_list_filter_mark_type": 1 })), 3);
    assert_eq!(unread(json!({ "conversation_list_filter_mark_type": 0 })), 1, "0: the unmarked ones (carol's)");
    let listed = w.ok(&bob, Request::ConvGetConversationListByFilter(serde_json::from_value(json!({ "conversation_list_filter_mark_type": 1 })).unwrap()));
    assert_eq!(listed["conversation_list_result_conv_list"][0]["conv_mark_array"], json!([1, 1u64 << 40]));
    w.ok(&bob, Request::ConvMarkConversation { conv_ids: ids(&["c2c_alice"]), mark_type: 0x1, enable_mark: false });
    assert_eq!(unread(json!({ "conversation_list_filter_mark_type": 1 })), 2);

    // Hide: out of the list and the total until a newer message.
    w.ok(&bob, Request::ConvMarkConversation { conv_ids: ids(&["c2c_carol"]), mark_type: 0x8, enable_mark: true });
    let list_ids = || w.ok(&bob, Request::ConvGetConvList).as_array().unwrap().iter().map(|c| c["conv_id"].as_str().unwrap().to_string()).collect::<Vec<_>>();
    assert!(!list_ids().contains(&"carol".to_string()));
    assert_eq!(unread(json!({})), 3);
    assert_eq!(unread(json!({ "conversation_list_filter_mark_type": 8 })), 1, "a filter asking for Hide lists it");
    w.ok(&carol, send(c2c("bob"), "c2", &[]));
    assert!(list_ids().contains(&"carol".to_string()), "a newer message brings it back");
    assert_eq!(unread(json!({})), 5);

    // Custom data: at most 256 bytes, shown per user.
    w.ok(&bob, Request::ConvSetConversationCustomData { conv_ids: ids(&["group_g"]), custom_data: "x".repeat(256) });
    assert_eq!(w.call(&bob, Request::ConvSetConversationCustomData { conv_ids: ids(&["group_g"]), custom_data: "x".repeat(257) }).code, 6017);
    assert_eq!(w.ok(&bob, Request::ConvGetConvInfo { convs: vec![group("g")] })[0]["conv_custom_data"].as_str().unwrap().len(), 256);
    assert_eq!(w.ok(&alice, Request::ConvGetConvInfo { convs: vec![group("g")] })[0]["conv_custom_data"], "");

    // Cleaning unread: a group up to a seq, C2C up to a time, then all.
    w.ok(&bob, Request::ConvCleanConversationUnreadMessageCount { conversation_id: "group_g".into(), clean_timestamp: 0, clean_sequence: 1 });
    assert_eq!(unread(json!({ "conversation_list_filter_conv_type": 2 })), 1);
    assert_eq!(w.call(&bob, Request::ConvCleanConversationUnreadMessageCount { conversation_id: "c2c_nobody".into(), clean_timestamp: 0, clean_sequence: 0 }).code, 6004);
    bob_rec.lines();
    w.ok(&bob, Request::ConvCleanConversationUnreadMessageCount { conversation_id: "c2c".into(), clean_timestamp: 0, clean_sequence: 0 });
    assert_eq!(unread(json!({})), 1, "the group's last one is left");
    let mut heard = bob_rec.lines();
    heard.sort();
    assert_eq!(heard, ["conv2:alice", "conv2:carol"], "an update for each C2C conversation cleaned");
    w.ok(&bob, Request::ConvCleanConversationUnreadMessageCount { conversation_id: String::new(), clean_timestamp: 0, clean_sequence: 0 });
    assert_eq!(unread(json!({})), 0);

    // Deleting a list: each its own result, a delete event each.
    let r = w.ok(&bob, Request::ConvDeleteConversationList { conv_ids: ids(&["c2c_alice", "c2c_nobody"]), clear_message: true });
    assert_eq!(r[1]["conversation_operation_result_result_code"], 6004);
    assert!(bob_rec.lines().contains(&"conv1:alice".to_string()));
    assert!(!list_ids().contains(&"alice".to_string()));
    assert_eq!(w.call(&bob, Request::ConvDeleteConversationList { conv_ids: vec![], clear_message: false }).code, 6017);
}

#[test]
fn deleting_a_conversation_list_keeps_or_clears_its_messages_as_asked() {
    let w = World::new();
    let ((alice, _), (bob, bob_rec)) = (w.login("alice", 1, None), w.login("bob", 1, None));
    let history = |s: &Session, peer: &str| texts(&w.ok(s, Request::MsgGetMsgList { conv: c2c(peer), param: Default::default() })).iter().map(|t| t.to_string()).collect::<Vec<_>>();
    let listed = || w.ok(&bob, Request::ConvGetConvList).as_array().unwrap().iter().any(|c| c["conv_id"] == "alice");
    w.ok(&alice, send(c2c("bob"), "one", &[]));
    w.ok(&alice, send(c2c("bob"), "two", &[]));

    // clear_message false: out of the list, its messages kept for when it comes back.
    bob_rec.lines();
    w.ok(&bob, Request::ConvDeleteConversationList { conv_ids: vec!["c2c_alice".into()], clear_message: false });
    assert_eq!(bob_rec.lines(), ["conv1:alice"]);
    assert!(!listed());
    assert_eq!(w.ok(&bob, Request::ConvGetConvInfo { convs: vec![c2c("alice")] }), json!([]));
    w.ok(&alice, send(c2c("bob"), "three", &[]));
    assert_eq!(bob_rec.lines(), ["msg:three", "conv0:alice"], "a newer message adds it back to the list");
    assert_eq!(w.ok(&bob, Request::ConvGetConvInfo { convs: vec![c2c("alice")] })[0]["conv_unread_num"], 1, "only the newer message is unread");
    assert!(listed());
    assert_eq!(history(&bob, "alice"), ["three", "two", "one"]);

    // clear_message true: the messages so far go too, for bob only.
    w.ok(&bob, Request::ConvDeleteConversationList { conv_ids: vec!["c2c_alice".into()], clear_message: true });
    assert!(!listed());
    assert_eq!(history(&bob, "alice"), Vec::<String>::new());
    w.ok(&alice, send(c2c("bob"), "four", &[]));
    assert_eq!(history(&bob, "alice"), ["four"]);
    assert_eq!(history(&alice, "bob"), ["four", "three", "two", "one"], "the other side keeps its history");
}

#[test]
fn options_marks_and_custom_data_are_kept_on_disk() {
    let dir = tempfile::tempdir().unwrap();
    {
        let w = World::stored_in(Some(dir.path().to_path_buf()));
        let ((alice, _), (bob, _)) = (w.login("alice", 1, None), w.login("bob", 1, None));
        w.ok(&alice, send(c2c("bob"), "hi", &[]));
        w.ok(&bob, Request::MsgSetC2CReceiveMessageOpt { user_ids: vec!["alice".into()], opt: MsgFlag::ReceiveNotNotify });
        w.ok(&bob, Request::MsgSetAllReceiveMessageOpt { opt: MsgFlag::ReceiveNotNotify, window: QuietWindow::From { start_time_stamp: 5, duration: 6 } });
        w.ok(&bob, Request::ConvMarkConversation { conv_ids: vec!["c2c_alice".into()], mark_type: 0x4, enable_mark: true });
        w.ok(&bob, Request::ConvSetConversationCustomData { conv_ids: vec!["c2c_alice".into()], custom_data: "kept".into() });
    }
    let w = World::stored_in(Some(dir.path().to_path_buf()));
    let (bob, _) = w.login("bob", 1, None);
    let conv = w.ok(&bob, Request::ConvGetConvInfo { convs: vec![c2c("alice")] });
    assert_eq!((conv[0]["conv_recv_opt"].clone(), conv[0]["conv_mark_array"].clone(), conv[0]["conv_custom_data"].clone()), (json!(2), json!([4]), json!("kept")));
    let all = w.ok(&bob, Request::MsgGetAllReceiveMessageOpt);
    assert_eq!((all["msg_all_recv_msg_opt_level"].clone(), all["msg_all_recv_msg_opt_start_time_stamp"].clone()), (json!(2), json!(5)));
}
