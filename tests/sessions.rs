//! Sessions as the service keeps them, for every transport: catching up
//! after a lost connection (and after a restart), idempotent calls, the
//! login policy, a user's own messages on its other devices, and sessions
//! whose user_sig expires.

use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex};

use serde_json::{json, Value};

use huddle::config::LoginPolicy;
use huddle::engine::{Caller, Clock, EngineConfig};
use huddle::event::{Event, EventBody};
use huddle::response::Response;
use huddle::service::{Auth, ConvRef, Login, Request, Service, Session};
use huddle::types::ConvType;
use huddle::{usersig, Engine};

#[path = "common/recorder.rs"]
mod recorder;
use recorder::Recorder;

struct ManualClock(AtomicU64);

impl Clock for ManualClock {
    fn now(&self) -> u64 {
        self.0.load(Ordering::SeqCst)
    }
}

/// One line per event: "tip:<type>", "msg:<text>", "report:<type>", "revoke:<seq>", "edit:<text>", "conv<kind>:<id>", "cg<kind>",
/// "attrs:<group>", "counter:<key>=<value>", "receipt", "update" (extensions, reactions, pins), "kicked", "expired".
fn describe(e: &Event) -> String {
    let parse = |j: &huddle::event::Json| serde_json::from_str::<Value>(j.as_str()).unwrap();
    match e.body() {
        EventBody::GroupTip { tip, .. } => format!("tip:{}", parse(tip)["group_tips_elem_tip_type"]),
        EventBody::NewMessage { messages, .. } => {
            let m = &parse(messages)[0];
            if let Some(report) = m["message_elem_array"][0].get("group_report_elem_report_type") {
                return format!("report:{}", report);
            }
            let text = m["message_elem_array"][0]["text_elem_content"].as_str().unwrap_or("<recalled>");
            format!("msg:{}{}", text, if m["message_is_from_self"] == true { "(self)" } else { "" })
        }
        EventBody::MsgRevoked { locators, .. } => format!("revoke:{}", parse(locators)[0]["message_locator_seq"]),
        EventBody::MsgUpdated { messages, .. } => format!("edit:{}", parse(messages)[0]["message_elem_array"][0]["text_elem_content"].as_str().unwrap_or("")),
        EventBody::Conv { event, convs, .. } => format!("conv{}:{}", event.as_int(), parse(convs)[0]["conv_id"].as_str().unwrap()),
        EventBody::ConvGroup { event, .. } => format!("cg{}", event.as_int()),
        EventBody::GroupAttributes { group_id, .. } => format!("attrs:{}", group_id),
        EventBody::GroupCounter { key, value, .. } => format!("counter:{}={}", key, value),
        EventBody::ReadReceipt { .. } => "receipt".into(),
        EventBody::ExtensionsChanged { .. } | EventBody::ExtensionsDeleted { .. } | EventBody::ReactionsChanged { .. } | EventBody::GroupPinned { .. } => "update".into(),
        EventBody::KickedOffline => "kicked".into(),
        EventBody::UserSigExpired => "expired".into(),
        EventBody::NetworkStatus { .. } => "network".into(),
        EventBody::AllRecvOpt { info, .. } => format!("recvopt:{}", parse(info)["msg_all_recv_msg_opt_level"]),
    }
}

fn describe_all(events: &[Event]) -> Vec<String> {
    events.iter().map(describe).collect()
}

/// The seq a client counts to after these events (see `Event::counts`).
fn seen(after: u64, events: &[Event]) -> u64 {
    events.iter().filter(|e| e.counts()).map(Event::seq).fold(after, u64::max)
}

fn service(engine: &Arc<Engine>, policy: LoginPolicy) -> Service {
    Service::new(Arc::clone(engine), Auth::default(), policy)
}

fn login(svc: &Service, user: &str, platform: i32, resume_after: Option<u64>) -> (Session, Arc<Recorder>) {
    let rec = Arc::new(Recorder::default());
    let session = svc.login(Login { user_id: user, user_sig: "", platform, resume_after, ip: None, instance: None }, rec.clone()).unwrap();
    (session, rec)
}

/// Calls and returns the response (the engine answers before returning, or
/// after its commit: `sync` first).
fn call(engine: &Engine, session: &Session, req: Request, key: Option<&str>) -> Response {
    let got = Arc::new(Mutex::new(None));
    let slot = Arc::clone(&got);
    session.call(req, key, Box::new(move |r| *slot.lock().unwrap() = Some(r)));
    engine.sync().unwrap();
    let r = got.lock().unwrap().take().expect("answered");
    r
}

fn ok(engine: &Engine, session: &Session, req: Request) -> Value {
    let r = call(engine, session, req, None);
    assert_eq!(r.code, 0, "{:?}", r);
    serde_json::from_str(&r.json).unwrap()
}

fn req(v: Value) -> Request {
    serde_json::from_value(v).unwrap()
}

fn create(id: &str) -> Request {
    req(json!({"method": "GroupCreate", "params": {"create_group_param_group_id": id, "create_group_param_group_name": id, "create_group_param_group_type": 2}}))
}

fn join(id: &str) -> Request {
    Request::GroupJoin { group_id: id.into(), hello_msg: String::new() }
}

fn group(id: &str) -> ConvRef {
    ConvRef { conv_type: ConvType::Group, conv_id: id.into() }
}

fn say(text: &str) -> Request {
    Request::MsgSend {
        conv: group("g"),
        msg_id: format!("id-{}", text),
        param: serde_json::from_value(json!({"message_elem_array": [{"elem_type": 0, "text_elem_content": text}]})).unwrap(),
    }
}

fn rename(name: &str) -> Request {
    req(json!({"method": "GroupModifyGroupInfo", "params": {"group_modify_info_param_group_id": "g", "group_modify_info_param_modify_flag": 1, "group_modify_info_param_group_name": name}}))
}

/// Catch-up: what bob missed while away, exactly once, in order, then live
/// events again. `open` gives the engine; it is called again, with every
/// session and handle of the first call gone, for bob's return.
fn catches_up(open: impl Fn() -> Arc<Engine>) {
    let (cursor, recalled) = {
        let engine = open();
        let svc = service(&engine, LoginPolicy::Multi);
        let (alice, _) = login(&svc, "alice", 0, None);
        let (bob, bob_rec) = login(&svc, "bob", 0, None);
        let start = bob.seq();
        ok(&engine, &alice, create("g"));
        ok(&engine, &bob, join("g"));
        ok(&engine, &alice, say("one"));
        let before = bob_rec.take();
        assert_eq!(describe_all(&before), ["tip:1", "msg:one", "conv0:g"], "listed once it shows a message");
        assert!(before.iter().filter(|e| e.counts()).all(|e| e.seq() > start), "events after the login carry higher seqs");

        // Bob's connection drops: his session is gone, the group goes on.
        drop(bob);
        ok(&engine, &alice, say("two"));
        ok(&engine, &alice, rename("Renamed"));
        let sent = ok(&engine, &alice, say("three"));
        let seq = sent["message_seq"].as_u64().unwrap();
        ok(&engine, &alice, Request::MsgRevoke { conv: group("g"), msg: serde_json::from_value(json!({"message_seq": seq})).unwrap() });
        let one = json!({"message_conv_id": "g", "message_conv_type": 2, "message_msg_id": "id-one", "message_elem_array": [{"elem_type": 0, "text_elem_content": "one!"}]});
        ok(&engine, &alice, req(json!({"method": "MsgModifyMessage", "params": one})));
        (seen(start, &before), seq)
    };

    let engine = open();
    let svc = service(&engine, LoginPolicy::Multi);
    let (alice, _) = login(&svc, "alice", 0, None);
    let (_bob, bob_rec) = login(&svc, "bob", 0, Some(cursor));
    engine.sync().unwrap();
    let missed = bob_rec.take();
    let revoke = format!("revoke:{}", recalled);
    assert_eq!(describe_all(&missed), ["msg:two", "tip:6", "msg:<recalled>", &revoke, "edit:one!", "conv2:g"], "an edit of an older message too");
    let seqs: Vec<u64> = missed.iter().filter(|e| e.counts()).map(Event::seq).collect();
    assert!(seqs.windows(2).all(|w| w[0] < w[1]) && seqs[0] > cursor, "in order, after the cursor: {:?}", seqs);
    let conv: Value = match missed.last().unwrap().body() {
        EventBody::Conv { convs, .. } => serde_json::from_str(convs.as_str()).unwrap(),
        _ => unreachable!(),
    };
    assert_eq!(conv[0]["conv_show_name"], "Renamed");
    assert_eq!(conv[0]["conv_unread_num"], 3, "one, two, and the recalled three");

    ok(&engine, &alice, say("four"));
    assert_eq!(describe_all(&bob_rec.take()), ["msg:four", "conv2:g"], "then live, with nothing told twice");
}

#[test]
fn a_session_that_comes_back_hears_what_it_missed_once_and_in_order() {
    let engine = Engine::open(EngineConfig::default()).unwrap();
    catches_up(|| Arc::clone(&engine));
}

#[test]
fn catch_up_survives_a_restart_of_a_durable_engine() {
    let dir = tempfile::tempdir().unwrap();
    catches_up(|| Engine::open(EngineConfig { data_dir: Some(dir.path().to_path_buf()), ..EngineConfig::default() }).unwrap());
}

#[test]
fn a_call_sent_again_with_its_key_runs_once_and_gets_the_same_answer() {
    let engine = Engine::open(EngineConfig::default()).unwrap();
    let svc = service(&engine, LoginPolicy::Multi);
    let (alice, _) = login(&svc, "alice", 0, None);
    let (bob, bob_rec) = login(&svc, "bob", 0, None);
    ok(&engine, &alice, create("g"));
    ok(&engine, &bob, join("g"));
    bob_rec.take();
    let first = call(&engine, &alice, say("once"), Some("k1"));
    let again = call(&engine, &alice, say("once"), Some("k1"));
    assert_eq!(first, again, "the same reply");
    assert_eq!(describe_all(&bob_rec.take()), ["msg:once", "conv0:g"], "delivered once");
    let history = ok(&engine, &alice, Request::MsgGetMsgList { conv: group("g"), param: Default::default() });
    assert_eq!(history.as_array().unwrap().len(), 1, "sent once");
    let other = call(&engine, &alice, say("once"), Some("k2"));
    assert_ne!(first.json, other.json, "another key is another call");

    // A refused call leaves no receipt: the same key may try again.
    let refused = call(&engine, &bob, create("g"), Some("k3"));
    assert_eq!(refused.code, 10021);
    ok(&engine, &alice, Request::GroupDelete { group_id: "g".into() });
    assert_eq!(call(&engine, &bob, create("g"), Some("k3")).code, 0);
}

#[test]
fn the_login_policy_decides_which_sessions_a_login_ends() {
    let engine = Engine::open(EngineConfig::default()).unwrap();
    let cases = [
        (LoginPolicy::PerPlatform, 1, true),
        (LoginPolicy::PerPlatform, 2, false),
        (LoginPolicy::Single, 2, true),
        (LoginPolicy::Multi, 1, false),
    ];
    for (policy, platform, kicked) in cases {
        let svc = service(&engine, policy);
        let (first, first_rec) = login(&svc, "alice", 1, None);
        let (second, _) = login(&svc, "alice", platform, None);
        assert_eq!(describe_all(&first_rec.take()), if kicked { vec!["kicked"] } else { vec![] }, "{:?} {}", policy, platform);
        assert_eq!(first.is_live(), !kicked);
        assert!(second.is_live());
        if kicked {
            let r = call(&engine, &first, create("x"), None);
            assert_eq!(r.code, 6014, "an ended session's calls are refused");
        }
    }
}

#[test]
fn a_users_own_message_reaches_its_other_sessions_but_not_the_sender() {
    let engine = Engine::open(EngineConfig::default()).unwrap();
    let svc = service(&engine, LoginPolicy::Multi);
    let (phone, phone_rec) = login(&svc, "alice", 2, None);
    let (_pc, pc_rec) = login(&svc, "alice", 1, None);
    ok(&engine, &phone, create("g"));
    assert_eq!(describe_all(&pc_rec.take()), ["tip:12", "report:6"], "a group created on one device appears on the other");
    phone_rec.take();
    ok(&engine, &phone, say("hi"));
    assert_eq!(describe_all(&pc_rec.take()), ["msg:hi(self)", "conv0:g"]);
    assert_eq!(describe_all(&phone_rec.take()), ["conv0:g"], "the sender has its reply");
}

#[test]
fn a_call_applied_after_its_client_reconnected_is_not_echoed_back_to_it() {
    let engine = Engine::open(EngineConfig::default()).unwrap();
    let svc = service(&engine, LoginPolicy::Multi);
    let device = |platform: i32, instance: &'static str| {
        let rec = Arc::new(Recorder::default());
        let login = Login { user_id: "alice", user_sig: "", platform, resume_after: None, ip: None, instance: Some(instance) };
        (svc.login(login, rec.clone()).unwrap(), rec)
    };
    let (phone, _) = device(2, "phone-1");
    let (_pc, pc_rec) = device(1, "pc-1");
    ok(&engine, &phone, create("g"));
    pc_rec.take();
    // The phone's call is on its way (relayed to a cluster's leader, say)
    // when its connection drops and the phone logs in again; the call is
    // applied only after that, in the name of the session it came from.
    let before = phone.device();
    let (_phone_again, phone_rec) = device(2, "phone-1");
    assert!(!phone.is_live(), "the new login of the same instance ended the old session");
    let caller = Caller { user: "alice", device: Some(before), key: None, as_admin: false, via: None, platform: 2 };
    huddle::service::serve(&engine, caller, say("late"), Box::new(|r| assert_eq!(r.code, 0, "{:?}", r)));
    engine.sync().unwrap();
    assert_eq!(describe_all(&phone_rec.take()), ["conv0:g"], "the phone sent it: no echo of its own message");
    assert_eq!(describe_all(&pc_rec.take()), ["msg:late(self)", "conv0:g"], "the user's other device hears it");
}

#[test]
fn a_session_ends_when_its_user_sig_expires() {
    let clock = Arc::new(ManualClock(AtomicU64::new(1_000)));
    let engine = Engine::open(EngineConfig { clock: clock.clone(), ..EngineConfig::default() }).unwrap();
    let svc = Service::new(Arc::clone(&engine), Auth { sdk_app_id: 7, secret_key: Some("k".into()) }, LoginPolicy::Multi);
    let sink = Arc::new(Recorder::default());
    let short = usersig::generate("k", 7, "alice", 1_000, 30);
    let session = svc.login(Login { user_id: "alice", user_sig: &short, platform: 0, resume_after: None, ip: None, instance: None }, sink.clone()).unwrap();
    assert_eq!(session.expires_at(), Some(1_030));
    let forged = usersig::generate("other", 7, "alice", 1_000, 30);
    let refused = svc.login(Login { user_id: "alice", user_sig: &forged, platform: 0, resume_after: None, ip: None, instance: None }, sink.clone());
    assert_eq!(refused.err().map(|e| e.code.as_i32()), Some(70003));

    clock.0.store(1_029, Ordering::SeqCst);
    engine.expire_due();
    assert!(session.is_live());
    clock.0.store(1_030, Ordering::SeqCst);
    engine.expire_due();
    assert_eq!(describe_all(&sink.take()), ["expired"]);
    assert!(!session.is_live());
    let late = svc.login(Login { user_id: "alice", user_sig: &short, platform: 0, resume_after: None, ip: None, instance: None }, sink);
    assert_eq!(late.err().map(|e| e.code.as_i32()), Some(70001));
}

#[test]
fn answers_are_kept_for_the_receipt_time_then_dropped() {
    let clock = Arc::new(ManualClock(AtomicU64::new(1_000)));
    let engine = Engine::open(EngineConfig { clock: clock.clone(), ..EngineConfig::default() }).unwrap();
    let svc = service(&engine, LoginPolicy::Multi);
    let (alice, _) = login(&svc, "alice", 0, None);
    ok(&engine, &alice, create("g"));
    let first = call(&engine, &alice, say("x"), Some("k"));
    clock.0.store(1_000 + huddle::engine::Limits::default().receipt_secs, Ordering::SeqCst);
    engine.expire_due();
    assert_eq!(call(&engine, &alice, say("x"), Some("k")), first, "still kept at the limit");
    clock.0.fetch_add(1, Ordering::SeqCst);
    engine.expire_due();
    assert_ne!(call(&engine, &alice, say("x"), Some("k")).json, first.json, "past it, the key is free again");
}

/// The group reports among `events`: (type, group, op user, msg, shut-up time).
fn reports(events: &[Event]) -> Vec<(i64, String, String, String, u64)> {
    let mut out = Vec::new();
    for e in events {
        let EventBody::NewMessage { messages, .. } = e.body() else { continue };
        let m = &serde_json::from_str::<Value>(messages.as_str()).unwrap()[0];
        let elem = &m["message_elem_array"][0];
        if elem["elem_type"] != 8 {
            continue;
        }
        assert_eq!((m["message_conv_type"].clone(), m["message_conv_id"].clone()), (json!(3), json!("")), "reports are system messages: {}", m);
        let text = |k: &str| elem[k].as_str().unwrap().to_string();
        let report_type = elem["group_report_elem_report_type"].as_i64().unwrap();
        out.push((report_type, text("group_report_elem_group_id"), text("group_report_elem_op_user"), text("group_report_elem_msg"), elem["group_report_elem_shut_up_time"].as_u64().unwrap()));
    }
    out
}

#[test]
fn group_reports_reach_the_users_concerned_as_tencent_sends_them() {
    let engine = Engine::open(EngineConfig::default()).unwrap();
    let svc = service(&engine, LoginPolicy::Multi);
    let (alice, a) = login(&svc, "alice", 1, None);
    let (bob, b) = login(&svc, "bob", 1, None);
    let (carol, c) = login(&svc, "carol", 1, None);
    let r = |t: i64, g: &str, op: &str, msg: &str, secs: u64| (t, g.to_string(), op.to_string(), msg.to_string(), secs);
    let create = |id: &str, ty: i32| req(json!({"method": "GroupCreate", "params": {"create_group_param_group_id": id, "create_group_param_group_type": ty, "create_group_param_group_name": id}}));
    let handle = |accept: bool, msg: &str| {
        req(json!({"method": "GroupHandlePendency", "params": {
            "group_handle_pendency_param_is_accept": accept,
            "group_handle_pendency_param_handle_msg": msg,
            "group_handle_pendency_param_pendency": {"group_pendency_group_id": "pub", "group_pendency_form_identifier": "bob"},
        }}))
    };
    let member = |flag: u32, extra: Value| {
        let mut params = json!({"group_modify_member_info_group_id": "pub", "group_modify_member_info_identifier": "bob", "group_modify_member_info_modify_flag": flag});
        params.as_object_mut().unwrap().extend(extra.as_object().unwrap().clone());
        req(json!({"method": "GroupModifyMemberInfo", "params": params}))
    };

    ok(&engine, &alice, create("pub", 0));
    assert_eq!(reports(&a.take()), [r(6, "pub", "alice", "", 0)], "the creator is told");
    ok(&engine, &bob, Request::GroupJoin { group_id: "pub".into(), hello_msg: "let me in".into() });
    assert_eq!(reports(&a.take()), [r(1, "pub", "bob", "let me in", 0)], "the owner is asked");
    assert!(reports(&b.take()).is_empty(), "the applicant is not told of its own request");
    ok(&engine, &alice, handle(false, "not now"));
    assert_eq!(reports(&b.take()), [r(3, "pub", "alice", "not now", 0)]);
    ok(&engine, &bob, Request::GroupJoin { group_id: "pub".into(), hello_msg: "please".into() });
    a.take();
    ok(&engine, &alice, handle(true, "welcome"));
    assert_eq!(reports(&b.take()), [r(2, "pub", "alice", "welcome", 0)]);
    assert!(reports(&a.take()).is_empty(), "the approver has its reply");

    ok(&engine, &alice, member(2, json!({"group_modify_member_info_member_role": 300})));
    ok(&engine, &alice, member(2, json!({"group_modify_member_info_member_role": 200})));
    ok(&engine, &alice, member(4, json!({"group_modify_member_info_shutup_time": 60})));
    assert_eq!(reports(&b.take()), [r(9, "pub", "alice", "", 0), r(10, "pub", "alice", "", 0), r(17, "pub", "alice", "", 60)]);
    let kick = req(json!({"method": "GroupDeleteMember", "params": {"group_delete_member_param_group_id": "pub", "group_delete_member_param_identifier_array": ["bob"], "group_delete_member_param_user_data": "spam"}}));
    ok(&engine, &alice, kick);
    assert_eq!(reports(&b.take()), [r(4, "pub", "alice", "spam", 0)]);

    ok(&engine, &alice, create("work", 1));
    let invite = req(json!({"method": "GroupInviteMember", "params": {"group_invite_member_param_group_id": "work", "group_invite_member_param_identifier_array": ["carol"], "group_invite_member_param_user_data": "join us"}}));
    ok(&engine, &alice, invite);
    assert_eq!(reports(&c.take()), [r(7, "work", "alice", "join us", 0)]);
    ok(&engine, &carol, Request::GroupQuit { group_id: "work".into() });
    assert_eq!(reports(&c.take()), [r(8, "work", "carol", "", 0)]);
    ok(&engine, &alice, create("meet", 2));
    ok(&engine, &carol, join("meet"));
    a.take();
    ok(&engine, &alice, Request::GroupDelete { group_id: "meet".into() });
    assert_eq!(reports(&c.take()), [r(5, "meet", "alice", "", 0)], "every member of a dismissed group is told");
    assert_eq!(reports(&a.take()), [r(5, "meet", "alice", "", 0)]);
    assert!(reports(&b.take()).is_empty(), "a former member is not");
}
