//! Sessions as the service keeps them, for every transport: catching up
//! after a lost connection (and after a restart), idempotent calls, the
//! login policy, a user's own messages on its other devices, and sessions
//! whose user_sig expires.

use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex};

use serde_json::{json, Value};

use huddle::config::LoginPolicy;
use huddle::engine::{Clock, EngineConfig};
use huddle::event::{Event, EventBody, EventSink};
use huddle::response::Response;
use huddle::service::{Auth, ConvRef, Login, Request, Service, Session};
use huddle::types::ConvType;
use huddle::{usersig, Engine};

struct ManualClock(AtomicU64);

impl Clock for ManualClock {
    fn now(&self) -> u64 {
        self.0.load(Ordering::SeqCst)
    }
}

/// Records every event a session hears.
#[derive(Default)]
struct Recorder(Mutex<Vec<Event>>);

impl EventSink for Recorder {
    fn deliver(&self, event: Event) {
        self.0.lock().unwrap().push(event);
    }
}

impl Recorder {
    fn take(&self) -> Vec<Event> {
        std::mem::take(&mut *self.0.lock().unwrap())
    }
}

/// One line per event: "tip:<type>", "msg:<text>", "revoke:<seq>", "conv<kind>:<id>", "cg<kind>", "kicked", "expired".
fn describe(e: &Event) -> String {
    let parse = |j: &huddle::event::Json| serde_json::from_str::<Value>(j.as_str()).unwrap();
    match e.body() {
        EventBody::GroupTip { tip, .. } => format!("tip:{}", parse(tip)["group_tips_elem_tip_type"]),
        EventBody::NewMessage { messages, .. } => {
            let m = &parse(messages)[0];
            let text = m["message_elem_array"][0]["text_elem_content"].as_str().unwrap_or("<recalled>");
            format!("msg:{}{}", text, if m["message_is_from_self"] == true { "(self)" } else { "" })
        }
        EventBody::MsgRevoked { locators, .. } => format!("revoke:{}", parse(locators)[0]["message_locator_seq"]),
        EventBody::Conv { event, convs, .. } => format!("conv{}:{}", event.as_int(), parse(convs)[0]["conv_id"].as_str().unwrap()),
        EventBody::ConvGroup { event, .. } => format!("cg{}", event.as_int()),
        EventBody::KickedOffline => "kicked".into(),
        EventBody::UserSigExpired => "expired".into(),
        EventBody::NetworkStatus { .. } => "network".into(),
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
        (seen(start, &before), seq)
    };

    let engine = open();
    let svc = service(&engine, LoginPolicy::Multi);
    let (alice, _) = login(&svc, "alice", 0, None);
    let (_bob, bob_rec) = login(&svc, "bob", 0, Some(cursor));
    engine.sync().unwrap();
    let missed = bob_rec.take();
    let revoke = format!("revoke:{}", recalled);
    assert_eq!(describe_all(&missed), ["msg:two", "tip:6", "msg:<recalled>", &revoke, "conv2:g"]);
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
    assert_eq!(describe_all(&pc_rec.take()), ["tip:12"], "a group created on one device appears on the other");
    phone_rec.take();
    ok(&engine, &phone, say("hi"));
    assert_eq!(describe_all(&pc_rec.take()), ["msg:hi(self)", "conv0:g"]);
    assert_eq!(describe_all(&phone_rec.take()), ["conv0:g"], "the sender has its reply");
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
