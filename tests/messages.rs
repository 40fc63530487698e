//! Messages, conversations and conversation groups, through the client as an
//! app uses them: JSON in, callbacks and events out.

use std::sync::{Arc, Mutex};

use huddle::client::{Client, SdkConfig};
use huddle::response::Response;
use huddle::service::{ConvRef, Request};
use huddle::types::ConvType;
use serde_json::{json, Value};

/// One logged-in user and everything its listeners heard, in order.
struct User {
    client: Client,
    events: Arc<Mutex<Vec<(String, Value)>>>,
}

fn config(dir: &tempfile::TempDir, extra: Value) -> SdkConfig {
    let mut c = json!({ "callback_mode": "poll", "sdk_config_data_dir": dir.path(), "sdk_config_admin_user_ids": ["root"] });
    c.as_object_mut().unwrap().extend(extra.as_object().unwrap().clone());
    serde_json::from_value(c).unwrap()
}

impl User {
    fn new(cfg: &SdkConfig, name: &str) -> User {
        let client = Client::new(cfg.clone()).unwrap();
        let events: Arc<Mutex<Vec<(String, Value)>>> = Default::default();
        let record = |kind: &'static str| {
            let events = Arc::clone(&events);
            move |json: &huddle::event::Json| events.lock().unwrap().push((kind.to_string(), serde_json::from_str(json.as_str()).unwrap()))
        };
        client.add_message_listener(1, Arc::new(record("msg")));
        client.set_revoke_listener(Some(Arc::new(record("revoke"))));
        let conv = Arc::clone(&events);
        client.set_conv_listener(Some(Arc::new(move |k, json: &huddle::event::Json| conv.lock().unwrap().push((format!("conv{}", k), serde_json::from_str(json.as_str()).unwrap())))));
        let group = Arc::clone(&events);
        client.set_conv_group_listener(Some(Arc::new(move |k, json: &huddle::event::Json| group.lock().unwrap().push((format!("cg{}", k), serde_json::from_str(json.as_str()).unwrap())))));
        let u = User { client, events };
        let (tx, rx) = std::sync::mpsc::channel();
        u.client.login(name, "", Box::new(move |r| tx.send(r).unwrap())).unwrap();
        u.client.sync();
        u.client.poll(10);
        assert_eq!(rx.try_recv().unwrap().code, 0);
        u
    }

    /// Makes a call and returns its response (its callback has run).
    fn call(&self, req: Request) -> Response {
        let slot = Arc::new(Mutex::new(None));
        let s = Arc::clone(&slot);
        self.client.call(req, Box::new(move |r| *s.lock().unwrap() = Some(r))).unwrap();
        self.client.sync();
        while slot.lock().unwrap().is_none() {
            assert!(self.client.poll(1) == 1, "the callback is queued once the engine synced");
        }
        let r = slot.lock().unwrap().take().unwrap();
        r
    }

    fn ok(&self, req: Request) -> Value {
        let r = self.call(req);
        assert_eq!(r.code, 0, "{}", r.desc);
        serde_json::from_str(&r.json).unwrap()
    }

    /// Runs queued callbacks and returns the events heard since the last take.
    fn take(&self, kind: &str) -> Vec<Value> {
        self.client.sync();
        self.client.poll(10_000);
        let mut all = self.events.lock().unwrap();
        let (mine, rest): (Vec<_>, Vec<_>) = all.drain(..).partition(|(k, _)| k == kind);
        *all = rest;
        mine.into_iter().map(|(_, v)| v).collect()
    }
}

fn group(id: &str) -> ConvRef {
    ConvRef { conv_type: ConvType::Group, conv_id: id.into() }
}

fn c2c(peer: &str) -> ConvRef {
    ConvRef { conv_type: ConvType::C2C, conv_id: peer.into() }
}

fn text(t: &str) -> huddle::params::SendParam {
    serde_json::from_value(json!({ "message_elem_array": [{ "elem_type": 0, "text_elem_content": t }] })).unwrap()
}

fn send(to: ConvRef, p: huddle::params::SendParam) -> Request {
    Request::MsgSend { conv: to, msg_id: huddle::engine::new_msg_id(0), param: p }
}

fn create(id: &str, ty: i32) -> Request {
    Request::GroupCreate(serde_json::from_value(json!({
        "create_group_param_group_id": id, "create_group_param_group_name": id, "create_group_param_group_type": ty,
    })).unwrap())
}

fn join(id: &str) -> Request {
    Request::GroupJoin { group_id: id.into(), hello_msg: String::new() }
}

/// alice owns the Meeting group "g"; bob and carol are in it.
fn trio(dir: &tempfile::TempDir) -> (User, User, User) {
    let cfg = config(dir, json!({}));
    let (a, b, c) = (User::new(&cfg, "alice"), User::new(&cfg, "bob"), User::new(&cfg, "carol"));
    a.ok(create("g", 2));
    b.ok(join("g"));
    c.ok(join("g"));
    for u in [&a, &b, &c] {
        u.take("msg");
    }
    (a, b, c)
}

fn texts(messages: &[Value]) -> Vec<String> {
    messages.iter().map(|m| m[0]["message_elem_array"][0]["text_elem_content"].as_str().unwrap_or("").to_string()).collect()
}

#[test]
fn every_member_gets_each_group_message_once_in_order() {
    let dir = tempfile::tempdir().unwrap();
    let (a, b, c) = trio(&dir);
    let mut ids = Vec::new();
    for i in 0..5 {
        let sent = a.ok(send(group("g"), text(&format!("m{}", i))));
        assert_eq!(sent["message_seq"], i + 1);
        assert_eq!(sent["message_is_from_self"], true);
        assert_eq!(sent["message_status"], 2);
        ids.push(sent["message_msg_id"].as_str().unwrap().to_string());
    }
    for u in [&b, &c] {
        let got = u.take("msg");
        assert_eq!(texts(&got), ["m0", "m1", "m2", "m3", "m4"]);
        assert!(got.iter().all(|m| m[0]["message_sender"] == "alice" && m[0]["message_conv_id"] == "g" && m[0]["message_is_from_self"] == false));
        assert_eq!(got.iter().map(|m| m[0]["message_msg_id"].as_str().unwrap().to_string()).collect::<Vec<_>>(), ids);
    }
    assert!(a.take("msg").is_empty(), "the sender hears back through its callback only");
}

/// The text messages (not tips) a user heard since the last take.
fn heard(u: &User) -> Vec<String> {
    let texts = u.take("msg").into_iter().filter(|m| m[0]["message_elem_array"][0]["elem_type"] == 0);
    texts.map(|m| m[0]["message_elem_array"][0]["text_elem_content"].as_str().unwrap().to_string()).collect()
}

#[test]
fn group_messages_follow_membership_and_sessions() {
    let dir = tempfile::tempdir().unwrap();
    let (a, b, c) = trio(&dir);
    let say = |t: &str| a.ok(send(group("g"), text(t)));
    say("m0");
    assert_eq!((heard(&b), heard(&c)), (vec!["m0".to_string()], vec!["m0".to_string()]));

    let dave = User::new(&config(&dir, json!({})), "dave");
    say("before dave joins");
    dave.ok(join("g"));
    say("m1");
    assert_eq!(heard(&dave), ["m1"], "a newcomer hears what is sent after the join");
    assert_eq!(heard(&b), ["before dave joins", "m1"]);

    b.ok(Request::GroupQuit { group_id: "g".into() });
    say("m2");
    assert!(heard(&b).is_empty(), "who left hears nothing more");
    assert_eq!(heard(&c), ["before dave joins", "m1", "m2"]);

    let c2 = User::new(&config(&dir, json!({})), "carol");
    say("m3");
    assert_eq!((heard(&c), heard(&c2)), (vec!["m3".to_string()], vec!["m3".to_string()]), "every session of a member hears it");

    let (tx, rx) = std::sync::mpsc::channel();
    c.client.logout(Box::new(move |r| tx.send(r.code).unwrap())).unwrap();
    c.client.sync();
    c.client.poll(100);
    assert_eq!(rx.try_recv(), Ok(0));
    say("m4");
    assert!(heard(&c).is_empty(), "a logged-out session hears nothing");
    assert_eq!(heard(&c2), ["m4"]);
    assert_eq!(heard(&dave), ["m2", "m3", "m4"]);
}

#[test]
fn send_checks_membership_mute_size_elems_and_rate() {
    let dir = tempfile::tempdir().unwrap();
    let cfg = config(&dir, json!({ "sdk_config_group_msg_per_second": 3 }));
    let (a, b) = (User::new(&cfg, "alice"), User::new(&cfg, "bob"));
    let stranger = User::new(&cfg, "stranger");
    a.ok(create("g", 2));
    b.ok(join("g"));
    assert_eq!(stranger.call(send(group("g"), text("hi"))).code, 10007);
    assert_eq!(a.call(send(group("nope"), text("hi"))).code, 10010);
    let big = "x".repeat(12 * 1024);
    assert_eq!(a.call(send(group("g"), text(&big))).code, 80002);
    let tips: huddle::params::SendParam = serde_json::from_value(json!({ "message_elem_array": [{ "elem_type": 5 }] })).unwrap();
    assert_eq!(a.call(send(group("g"), tips)).code, 6016);
    let empty: huddle::params::SendParam = serde_json::from_value(json!({ "message_elem_array": [] })).unwrap();
    assert_eq!(a.call(send(group("g"), empty)).code, 6016);

    let mute = json!({ "group_modify_member_info_group_id": "g", "group_modify_member_info_identifier": "bob",
                       "group_modify_member_info_modify_flag": 4, "group_modify_member_info_shutup_time": 60 });
    a.ok(Request::GroupModifyMemberInfo(serde_json::from_value(mute).unwrap()));
    assert_eq!(b.call(send(group("g"), text("let me talk"))).code, 10017);

    let codes: Vec<i32> = (0..5).map(|i| a.call(send(group("g"), text(&format!("fast {}", i)))).code).collect();
    assert_eq!(codes, [0, 0, 0, 10023, 10023], "3 per second, then a clear code");
}

#[test]
fn mentions_and_targeted_messages() {
    let dir = tempfile::tempdir().unwrap();
    let (a, b, c) = trio(&dir);
    let targeted: huddle::params::SendParam = serde_json::from_value(json!({
        "message_elem_array": [{ "elem_type": 0, "text_elem_content": "just bob" }],
        "message_target_group_member_array": ["bob"],
    })).unwrap();
    a.ok(send(group("g"), targeted));
    assert_eq!(texts(&b.take("msg")), ["just bob"]);
    assert!(c.take("msg").is_empty(), "only the targets get it");
    let history = |u: &User| texts(&[u.ok(Request::MsgGetMsgList { conv: group("g"), param: Default::default() })]);
    assert_eq!(history(&c), [""], "nor see it in history");

    let at: huddle::params::SendParam = serde_json::from_value(json!({
        "message_elem_array": [{ "elem_type": 0, "text_elem_content": "@carol @all" }],
        "message_group_at_user_array": ["carol", "__kImSDK_MessageAtALL__"],
    })).unwrap();
    a.ok(send(group("g"), at));
    let conv = &c.ok(Request::ConvGetConvList)[0];
    assert_eq!(conv["conv_group_at_info_array"], json!([{ "conv_group_at_info_seq": 2, "conv_group_at_info_at_type": 3 }]));
    let conv = &b.ok(Request::ConvGetConvList)[0];
    assert_eq!(conv["conv_group_at_info_array"], json!([{ "conv_group_at_info_seq": 2, "conv_group_at_info_at_type": 2 }]));
    c.ok(Request::MsgReportReaded { conv: group("g"), msg: None });
    assert_eq!(c.ok(Request::ConvGetConvList)[0]["conv_group_at_info_array"], json!([]));
}

#[test]
fn group_tips_also_arrive_as_messages() {
    let dir = tempfile::tempdir().unwrap();
    let (a, b, _c) = trio(&dir);
    b.ok(Request::GroupQuit { group_id: "g".into() });
    let got = a.take("msg");
    assert_eq!(got.len(), 1);
    let elem = &got[0][0]["message_elem_array"][0];
    assert_eq!((elem["elem_type"].clone(), elem["group_tips_elem_tip_type"].clone()), (json!(5), json!(2)));
    assert_eq!(got[0][0]["message_conv_type"], 2);
    assert_eq!((got[0][0]["message_sender"].clone(), got[0][0]["message_is_from_self"].clone()), (json!("bob"), json!(false)));
    assert!(!got[0][0]["message_msg_id"].as_str().unwrap().is_empty());
    let own = b.take("msg");
    assert_eq!(own[0][0]["message_is_from_self"], true, "the one who acted hears it as its own");
    assert_eq!(own[0][0]["message_msg_id"], got[0][0]["message_msg_id"], "one tip, one ID");
}

#[test]
fn removing_one_listener_leaves_the_others() {
    let dir = tempfile::tempdir().unwrap();
    let (a, b, _c) = trio(&dir);
    let second: Arc<Mutex<Vec<String>>> = Default::default();
    let s = Arc::clone(&second);
    b.client.add_message_listener(2, Arc::new(move |json: &huddle::event::Json| s.lock().unwrap().push(json.as_str().to_string())));
    a.ok(send(group("g"), text("both")));
    assert_eq!(texts(&b.take("msg")), ["both"]);
    assert_eq!(second.lock().unwrap().len(), 1);
    b.client.remove_message_listener(Some(1));
    a.ok(send(group("g"), text("second only")));
    assert!(b.take("msg").is_empty());
    assert_eq!(second.lock().unwrap().len(), 2);
}

#[test]
fn a_listener_removed_by_a_callback_hears_no_later_event_of_the_same_poll() {
    let dir = tempfile::tempdir().unwrap();
    let (a, b, _c) = trio(&dir);
    let once: Arc<Mutex<Vec<String>>> = Default::default();
    let (heard, client) = (Arc::clone(&once), b.client.clone());
    b.client.add_message_listener(2, Arc::new(move |json: &huddle::event::Json| {
        heard.lock().unwrap().push(json.as_str().to_string());
        client.remove_message_listener(Some(2));
    }));
    for t in ["one", "two", "three"] {
        a.ok(send(group("g"), text(t)));
    }
    assert_eq!(texts(&b.take("msg")), ["one", "two", "three"], "one poll runs all three");
    assert_eq!(once.lock().unwrap().len(), 1);
}

#[test]
fn history_is_newest_first_paged_and_starts_at_the_join() {
    let dir = tempfile::tempdir().unwrap();
    let (a, b, _c) = trio(&dir);
    for i in 0..5 {
        a.ok(send(group("g"), text(&format!("m{}", i))));
    }
    let cfg = config(&dir, json!({}));
    let late = User::new(&cfg, "late");
    late.ok(join("g"));
    a.ok(send(group("g"), text("after")));
    let page = |u: &User, last: Option<Value>, n: u32| {
        let param = serde_json::from_value(json!({ "msg_getmsglist_param_count": n, "msg_getmsglist_param_last_msg": last })).unwrap();
        u.ok(Request::MsgGetMsgList { conv: group("g"), param })
    };
    let first = page(&b, None, 2);
    assert_eq!(first.as_array().unwrap().iter().map(|m| m["message_elem_array"][0]["text_elem_content"].clone()).collect::<Vec<_>>(), [json!("after"), json!("m4")]);
    let next = page(&b, Some(first[1].clone()), 10);
    assert_eq!(next.as_array().unwrap().len(), 4);
    assert_eq!(next[0]["message_elem_array"][0]["text_elem_content"], "m3");
    let seen = page(&late, None, 10);
    assert_eq!(seen.as_array().unwrap().len(), 1, "new members see only what came after they joined");
    let stranger = User::new(&cfg, "stranger");
    assert_eq!(stranger.call(Request::MsgGetMsgList { conv: group("g"), param: Default::default() }).code, 10007);

    b.ok(Request::GroupQuit { group_id: "g".into() });
    a.ok(send(group("g"), text("after bob left")));
    let kept = page(&b, None, 100);
    assert_eq!(kept.as_array().unwrap().len(), 6, "who leaves keeps what came before");
    let conv = &b.ok(Request::ConvGetConvList)[0];
    assert_eq!((conv["conv_id"].clone(), conv["conv_group_state"].clone()), (json!("g"), json!(1)));
    a.ok(Request::GroupDelete { group_id: "g".into() });
    assert_eq!(a.ok(Request::ConvGetConvList)[0]["conv_group_state"], 2, "a disbanded group's conversation stays, marked");
}

#[test]
fn messages_survive_a_restart() {
    let dir = tempfile::tempdir().unwrap();
    {
        let (a, _b, _c) = trio(&dir);
        a.ok(send(group("g"), text("kept")));
        a.ok(send(c2c("bob"), text("private")));
        a.client.shutdown();
    }
    let cfg = config(&dir, json!({}));
    let b = User::new(&cfg, "bob");
    let convs = b.ok(Request::ConvGetConvList);
    assert_eq!(convs.as_array().unwrap().len(), 2);
    assert_eq!(b.ok(Request::ConvGetTotalUnreadMessageCount)["conv_get_total_unread_message_count_result_unread_count"], 2);
}

#[test]
fn c2c_messages_and_recall() {
    let dir = tempfile::tempdir().unwrap();
    let cfg = config(&dir, json!({ "sdk_config_msg_revoke_seconds": 0 }));
    let (a, b) = (User::new(&cfg, "alice"), User::new(&cfg, "bob"));
    let sent = a.ok(send(c2c("bob"), text("hi bob")));
    assert_eq!(sent["message_conv_id"], "bob");
    let got = b.take("msg");
    assert_eq!((got[0][0]["message_conv_id"].clone(), got[0][0]["message_conv_type"].clone()), (json!("alice"), json!(1)));
    let added = b.take("conv0");
    assert_eq!(added[0][0]["conv_id"], "alice", "the first message creates the conversation");
    let reply = b.ok(send(c2c("alice"), text("hi alice")));
    assert_eq!(b.take("conv2").len(), 1, "then it updates");

    let by_id = |m: &Value| serde_json::from_value(json!({ "message_msg_id": m["message_msg_id"] })).unwrap();
    assert_eq!(a.call(Request::MsgRevoke { conv: c2c("bob"), msg: by_id(&reply) }).code, 10032, "only the sender recalls a C2C message");
    std::thread::sleep(std::time::Duration::from_millis(1100));
    assert_eq!(a.call(Request::MsgRevoke { conv: c2c("bob"), msg: by_id(&sent) }).code, 10031, "past the window");
}

#[test]
fn recall_within_the_window_or_by_managers() {
    let dir = tempfile::tempdir().unwrap();
    let (a, b, c) = trio(&dir);
    let by_id = |m: &Value| serde_json::from_value(json!({ "message_msg_id": m["message_msg_id"] })).unwrap();
    let mine = b.ok(send(group("g"), text("oops")));
    let theirs = c.ok(send(group("g"), text("spam")));
    assert_eq!(b.call(Request::MsgRevoke { conv: group("g"), msg: by_id(&theirs) }).code, 10032);
    b.ok(Request::MsgRevoke { conv: group("g"), msg: by_id(&mine) });
    a.ok(Request::MsgRevoke { conv: group("g"), msg: by_id(&theirs) });
    for u in [&a, &b, &c] {
        let locators = u.take("revoke");
        assert_eq!(locators.len(), 2, "every member is told");
        assert_eq!(locators[0][0]["message_locator_is_revoked"], true);
    }
    let history = c.ok(Request::MsgGetMsgList { conv: group("g"), param: Default::default() });
    assert!(history.as_array().unwrap().iter().all(|m| m["message_status"] == 6 && m["message_elem_array"] == json!([])));
    let unknown = serde_json::from_value(json!({ "message_msg_id": "nope" })).unwrap();
    assert_eq!(a.call(Request::MsgRevoke { conv: group("g"), msg: unknown }).code, 10030);
}

#[test]
fn unread_read_pin_and_delete() {
    let dir = tempfile::tempdir().unwrap();
    let (a, b, _c) = trio(&dir);
    a.ok(send(group("g"), text("1")));
    a.ok(send(group("g"), text("2")));
    a.ok(send(c2c("bob"), text("dm")));
    let total = |u: &User| u.ok(Request::ConvGetTotalUnreadMessageCount)["conv_get_total_unread_message_count_result_unread_count"].clone();
    assert_eq!(total(&b), 3);
    let list = b.ok(Request::ConvGetConvList);
    assert_eq!(list.as_array().unwrap().iter().map(|c| c["conv_id"].clone()).collect::<Vec<_>>(), [json!("alice"), json!("g")], "most recent first");
    assert_eq!(list[1]["conv_unread_num"], 2);
    assert_eq!(list[1]["conv_last_msg"]["message_elem_array"][0]["text_elem_content"], "2");
    b.take("conv2");
    b.ok(Request::MsgReportReaded { conv: group("g"), msg: None });
    assert_eq!(total(&b), 1);
    assert_eq!(b.take("conv2")[0][0]["conv_unread_num"], 0);

    b.ok(Request::ConvPin { conv: group("g"), pinned: true });
    let list = b.ok(Request::ConvGetConvList);
    assert_eq!((list[0]["conv_id"].clone(), list[0]["conv_is_pinned"].clone()), (json!("g"), json!(true)));

    b.ok(Request::ConvDelete { conv: c2c("alice") });
    assert_eq!(b.take("conv1").len(), 1);
    assert_eq!(b.ok(Request::ConvGetConvList).as_array().unwrap().len(), 1);
    assert_eq!(b.call(Request::ConvDelete { conv: c2c("alice") }).code, 6004);
    a.ok(send(c2c("bob"), text("again")));
    let list = b.ok(Request::ConvGetConvList);
    assert_eq!(list.as_array().unwrap().len(), 2, "a new message brings it back");
    let dm = list.as_array().unwrap().iter().find(|c| c["conv_id"] == "alice").unwrap();
    assert_eq!(dm["conv_unread_num"], 1, "without the deleted messages");
}

#[test]
fn conversation_groups_with_limits_and_events_on_every_client() {
    let dir = tempfile::tempdir().unwrap();
    let (a, b, _c) = trio(&dir);
    a.ok(send(group("g"), text("hi")));
    a.ok(send(c2c("bob"), text("dm")));
    let cfg = config(&dir, json!({}));
    let b2 = User::new(&cfg, "bob");
    let ids = |v: &[&str]| v.iter().map(|s| s.to_string()).collect::<Vec<_>>();

    let made = b.ok(Request::ConvCreateGroup { name: "Friends".into(), conv_ids: ids(&["c2c_alice", "group_g", "c2c_nobody"]) });
    let codes: Vec<_> = made.as_array().unwrap().iter().map(|r| r["conversation_operation_result_result_code"].clone()).collect();
    assert_eq!(codes, [json!(0), json!(0), json!(6004)]);
    assert_eq!(made[0]["conversation_operation_result_conversation_id"], "c2c_alice");
    for u in [&b, &b2] {
        let ev = u.take("cg0");
        assert_eq!(ev[0]["conversation_group_name"], "Friends", "every client of the user hears it");
        assert_eq!(ev[0]["conversation_group_conv_id_array"], json!(["c2c_alice", "group_g"]));
    }
    b.ok(Request::ConvCreateGroup { name: "Guild".into(), conv_ids: ids(&["group_g"]) });
    let filter = |name: &str| serde_json::from_value(json!({ "conversation_list_filter_conversation_group": name })).unwrap();
    let in_guild = b2.ok(Request::ConvGetConversationListByFilter(filter("Guild")));
    assert_eq!(in_guild["conversation_list_result_conv_list"][0]["conv_conversation_group_array"], json!(["Friends", "Guild"]), "one conversation, two groups");

    b.take("conv2");
    b.ok(Request::ConvRenameGroup { old_name: "Guild".into(), new_name: "Clan".into() });
    assert_eq!(b2.take("cg2")[0]["conversation_group_new_name"], "Clan");
    let updated = b.take("conv2");
    assert_eq!(updated[0][0]["conv_conversation_group_array"], json!(["Clan", "Friends"]), "the renamed group's conversations are updated");
    assert_eq!(b.ok(Request::ConvGetGroupList), json!(["Friends", "Clan"]));
    let removed = b.ok(Request::ConvDeleteFromGroup { name: "Friends".into(), conv_ids: ids(&["group_g"]) });
    assert_eq!(removed[0]["conversation_operation_result_result_code"], 0);
    assert_eq!(b2.take("cg4")[0]["conversation_group_conv_id_array"], json!(["group_g"]));
    b.ok(Request::ConvAddToGroup { name: "Clan".into(), conv_ids: ids(&["c2c_alice"]) });
    assert_eq!(b2.take("cg3")[0]["conversation_group_conv_id_array"], json!(["c2c_alice"]));
    b.ok(Request::ConvDeleteGroup { name: "Friends".into() });
    assert_eq!(b2.take("cg1")[0]["conversation_group_name"], "Friends");
    let none = b.ok(Request::ConvGetConversationListByFilter(filter("")));
    assert!(none["conversation_list_result_conv_list"].as_array().unwrap().is_empty(), "both conversations are in Clan");

    let code = |r: Request| b.call(r).code;
    assert_eq!(code(Request::ConvCreateGroup { name: String::new(), conv_ids: vec![] }), 51011);
    assert_eq!(code(Request::ConvCreateGroup { name: "x".repeat(33), conv_ids: vec![] }), 51011);
    assert_eq!(code(Request::ConvRenameGroup { old_name: "Clan".into(), new_name: "y".repeat(33) }), 51011);
    assert_eq!(code(Request::ConvDeleteGroup { name: "Nope".into() }), 51009);
    assert_eq!(code(Request::ConvRenameGroup { old_name: "Nope".into(), new_name: "z".into() }), 51009);
    assert_eq!(code(Request::ConvAddToGroup { name: "Nope".into(), conv_ids: ids(&["group_g"]) }), 51009);
    assert_eq!(code(Request::ConvDeleteFromGroup { name: "Nope".into(), conv_ids: ids(&["group_g"]) }), 51009);
    for i in 1..20 {
        b.ok(Request::ConvCreateGroup { name: format!("g{}", i), conv_ids: vec![] });
    }
    assert_eq!(b.ok(Request::ConvGetGroupList).as_array().unwrap().len(), 20);
    assert_eq!(code(Request::ConvCreateGroup { name: "one too many".into(), conv_ids: vec![] }), 51010);
}

#[test]
fn messages_are_kept_for_the_retention_time() {
    use huddle::engine::{Clock, EngineConfig, Limits};
    use huddle::model::Thread;
    use std::sync::atomic::{AtomicU64, Ordering};
    struct Manual(AtomicU64);
    impl Clock for Manual {
        fn now(&self) -> u64 {
            self.0.load(Ordering::SeqCst)
        }
    }
    let clock = Arc::new(Manual(AtomicU64::new(1_000)));
    let limits = Limits { retention_secs: 100, ..Limits::default() };
    let e = huddle::Engine::open(EngineConfig { clock: clock.clone(), limits, ..EngineConfig::default() }).unwrap();
    e.create_group("alice", serde_json::from_value(json!({ "create_group_param_group_id": "g", "create_group_param_group_name": "g", "create_group_param_group_type": 2 })).unwrap()).unwrap();
    let thread = Thread::Group("g".into());
    let send = |t: &str| e.run("alice", |s, c| s.send(c, thread.clone(), huddle::engine::new_msg_id(0), text(t))).unwrap();
    send("old");
    clock.0.store(1_050, Ordering::SeqCst);
    send("newer");
    let history = |e: &huddle::Engine| e.read("alice", |s, c| s.history(c, &thread, &Default::default())).unwrap().len();
    clock.0.store(1_120, Ordering::SeqCst);
    e.expire_due();
    assert_eq!(history(&e), 1, "the message older than 100 s went");
    let seq = send("latest").value.seq;
    assert_eq!(seq, 3, "sequence numbers never go back");
}

fn modify_profile(p: Value) -> Request {
    Request::ProfileModifySelfUserProfile(serde_json::from_value(p).unwrap())
}

fn get_profiles(ids: &[&str]) -> Request {
    Request::ProfileGetUserProfileList(serde_json::from_value(json!({ "friendship_getprofilelist_param_identifier_array": ids })).unwrap())
}

#[test]
fn self_profiles_are_checked_kept_and_read_by_anyone() {
    let dir = tempfile::tempdir().unwrap();
    {
        let cfg = config(&dir, json!({}));
        let (a, b) = (User::new(&cfg, "alice"), User::new(&cfg, "bob"));
        a.ok(modify_profile(json!({
            "user_profile_item_nick_name": "Alice 🐇",
            "user_profile_item_face_url": "https://example.com/a.png",
            "user_profile_item_gender": 2,
            "user_profile_item_custom_string_array": [
                { "user_profile_custom_string_info_key": "Level", "user_profile_custom_string_info_value": "42" },
                { "user_profile_custom_string_info_key": "Tag_Profile_Custom_Clan", "user_profile_custom_string_info_value": "Foxes" },
            ],
        })));
        let got = b.ok(get_profiles(&["alice", "bob"]));
        assert_eq!(got, json!([
            { "user_profile_identifier": "alice", "user_profile_nick_name": "Alice 🐇", "user_profile_face_url": "https://example.com/a.png",
              "user_profile_custom_string_array": [
                  { "user_profile_custom_string_info_key": "Tag_Profile_Custom_Clan", "user_profile_custom_string_info_value": "Foxes" },
                  { "user_profile_custom_string_info_key": "Tag_Profile_Custom_Level", "user_profile_custom_string_info_value": "42" } ] },
            { "user_profile_identifier": "bob", "user_profile_nick_name": "", "user_profile_face_url": "", "user_profile_custom_string_array": [] },
        ]));

        // Checked before anything is kept: a failed call changes nothing.
        let code = |p: Value| a.call(modify_profile(p)).code;
        let custom = |k: &str, v: &str| json!({ "user_profile_item_nick_name": "changed",
            "user_profile_item_custom_string_array": [{ "user_profile_custom_string_info_key": k, "user_profile_custom_string_info_value": v }] });
        assert_eq!(code(json!({ "user_profile_item_nick_name": "x".repeat(501) })), 40601);
        assert_eq!(code(json!({ "user_profile_item_face_url": "x".repeat(501) })), 40601);
        assert_eq!(code(custom("Level", &"x".repeat(501))), 40601);
        for bad in ["", "Tag_Profile_Custom_", "Level2", "TooLongKey", "Niveau é", "Tag_Profile_Custom_TooLongKey"] {
            assert_eq!(code(custom(bad, "v")), 9001, "key {:?}", bad);
        }
        a.ok(modify_profile(json!({ "user_profile_item_nick_name": "x".repeat(500) })));
        a.ok(modify_profile(json!({ "user_profile_item_nick_name": "Alice 🐇" })));
        let many: Vec<Value> = (0..19).map(|i| json!({ "user_profile_custom_string_info_key": format!("K{}", (b'a' + i) as char),
                                                          "user_profile_custom_string_info_value": "v" })).collect();
        assert_eq!(code(json!({ "user_profile_item_custom_string_array": many })), 40001, "2 kept + 19 new is past 20");
        // An empty value removes a field.
        a.ok(modify_profile(json!({ "user_profile_item_custom_string_array": [
            { "user_profile_custom_string_info_key": "Clan", "user_profile_custom_string_info_value": "" }] })));
        assert_eq!(b.call(get_profiles(&[])).code, 40002);
        let ids: Vec<String> = (0..101).map(|i| format!("u{}", i)).collect();
        assert_eq!(b.call(get_profiles(&ids.iter().map(String::as_str).collect::<Vec<_>>())).code, 40001);
        assert_eq!(b.call(get_profiles(&[""])).code, 40001);
        a.client.shutdown();
        b.client.shutdown();
    }
    // Kept on disk.
    let b = User::new(&config(&dir, json!({})), "bob");
    let got = b.ok(get_profiles(&["alice"]));
    assert_eq!(got[0]["user_profile_nick_name"], "Alice 🐇");
    assert_eq!(got[0]["user_profile_face_url"], "https://example.com/a.png");
    assert_eq!(got[0]["user_profile_custom_string_array"], json!([
        { "user_profile_custom_string_info_key": "Tag_Profile_Custom_Level", "user_profile_custom_string_info_value": "42" }]));
}

/// Alice (the `trio`'s group owner) names herself "Alice" with a face, and
/// takes the card "The Boss" in group "g".
fn name_alice(a: &User) {
    a.ok(modify_profile(json!({ "user_profile_item_nick_name": "Alice", "user_profile_item_face_url": "a.png" })));
    let card = json!({ "group_modify_member_info_group_id": "g", "group_modify_member_info_identifier": "alice",
                       "group_modify_member_info_modify_flag": 8, "group_modify_member_info_name_card": "The Boss" });
    a.ok(Request::GroupModifyMemberInfo(serde_json::from_value(card).unwrap()));
}

#[test]
fn messages_carry_the_sender_profile_member_info_and_read_state() {
    let dir = tempfile::tempdir().unwrap();
    let (a, b, _c) = trio(&dir);
    name_alice(&a);
    b.take("msg");
    let sent = a.ok(send(group("g"), text("hello")));
    assert_eq!(sent["message_is_read"], true, "the sender's own");
    assert_eq!(sent["message_priority"], 1);
    assert!(sent.get("message_is_peer_read").is_none(), "C2C only");
    assert_eq!(sent["message_sender_profile"], json!({ "user_profile_identifier": "alice", "user_profile_nick_name": "Alice", "user_profile_face_url": "a.png" }));
    assert_eq!(sent["message_sender_group_member_info"], json!({ "group_member_info_identifier": "alice", "group_member_info_name_card": "The Boss", "group_member_info_member_role": 400 }));
    let got = b.take("msg");
    let m = &got[0][0];
    assert_eq!(m["message_is_read"], false, "new to bob");
    assert_eq!(m["message_sender_profile"], sent["message_sender_profile"]);
    assert_eq!(m["message_sender_group_member_info"], sent["message_sender_group_member_info"]);
    assert_eq!(m["message_unique_id"], sent["message_unique_id"]);
    assert!(sent["message_unique_id"].as_u64().unwrap() < 1 << 53);
    assert_ne!(sent["message_rand"], 0, "a message sent without message_rand gets one, as Tencent's do");
    assert_eq!(m["message_rand"], sent["message_rand"]);
    let mine = b.ok(send(group("g"), text("hi")));
    let history = |u: &User, conv: ConvRef| u.ok(Request::MsgGetMsgList { conv, param: Default::default() });
    let h = history(&b, group("g"));
    assert_eq!((h[0]["message_is_read"].clone(), h[1]["message_is_read"].clone()), (json!(true), json!(false)), "bob's own, then alice's unread");
    assert_eq!(h[1]["message_unique_id"], sent["message_unique_id"]);
    assert_eq!(h[0]["message_sender_group_member_info"]["group_member_info_member_role"], 200);
    assert_eq!(h[0]["message_sender_profile"]["user_profile_nick_name"], "", "bob set no profile");
    assert_ne!(mine["message_unique_id"], sent["message_unique_id"]);
    b.ok(Request::MsgReportReaded { conv: group("g"), msg: None });
    assert_eq!(history(&b, group("g"))[1]["message_is_read"], true, "at or before bob's read mark");
    b.ok(Request::GroupQuit { group_id: "g".into() });
    let h = history(&a, group("g"));
    assert!(h[0].get("message_sender_group_member_info").is_none(), "bob is no longer a member");

    // C2C: the peer's read mark.
    let dm = a.ok(send(c2c("bob"), text("psst")));
    assert_eq!((dm["message_is_read"].clone(), dm["message_is_peer_read"].clone()), (json!(true), json!(false)));
    assert!(dm.get("message_sender_group_member_info").is_none());
    let got = b.take("msg");
    let m = got.iter().map(|m| &m[0]).find(|m| m["message_conv_type"] == 1).unwrap();
    assert_eq!((m["message_is_read"].clone(), m["message_sender_profile"]["user_profile_nick_name"].clone()), (json!(false), json!("Alice")));
    assert_eq!(m["message_is_peer_read"], true, "the peer sent it");
    assert_eq!(history(&a, c2c("bob"))[0]["message_is_peer_read"], false);
    b.ok(Request::MsgReportReaded { conv: c2c("alice"), msg: None });
    assert_eq!(history(&a, c2c("bob"))[0]["message_is_peer_read"], true, "bob read it");
    assert_eq!(history(&b, c2c("alice"))[0]["message_is_read"], true);
    // The C2C conversation shows the peer's nickname and face.
    let convs = b.ok(Request::ConvGetConvList);
    let dm = convs.as_array().unwrap().iter().find(|c| c["conv_id"] == "alice").unwrap();
    assert_eq!((dm["conv_show_name"].clone(), dm["conv_face_url"].clone(), dm["conv_recv_opt"].clone()), (json!("Alice"), json!("a.png"), json!(0)));
    let chosen: huddle::params::SendParam = serde_json::from_value(json!({ "message_elem_array": [{ "elem_type": 0, "text_elem_content": "r" }], "message_rand": 7 })).unwrap();
    assert_eq!(a.ok(send(group("g"), chosen))["message_rand"], 7, "one the sender chose stays");
}

#[test]
fn group_info_members_conversations_and_requests_fill_tencents_fields() {
    let dir = tempfile::tempdir().unwrap();
    let (a, b, c) = trio(&dir);
    b.ok(modify_profile(json!({ "user_profile_item_nick_name": "Bobby", "user_profile_item_face_url": "b.png" })));
    let info = |u: &User| u.ok(Request::GroupGetGroupInfoList { group_ids: vec!["g".into()] })[0]["get_groups_info_result_info"].clone();
    let i = info(&a);
    assert_eq!((i["group_detail_info_online_member_num"].clone(), i["group_detail_info_next_msg_seq"].clone(), i["group_detail_info_last_msg_time"].clone()),
               (json!(3), json!(1), json!(0)));
    let sent = a.ok(send(group("g"), text("one")));
    a.ok(send(group("g"), text("two")));
    c.client.shutdown();
    let i = info(&b);
    assert_eq!(i["group_detail_info_online_member_num"], 2, "carol logged out");
    assert_eq!(i["group_detail_info_next_msg_seq"], 3);
    assert_eq!(i["group_detail_info_last_msg_time"], sent["message_server_time"]);

    let members = a.ok(Request::GroupGetMemberInfoList(serde_json::from_value(json!({ "group_get_members_info_list_param_group_id": "g" })).unwrap()));
    let list = members["group_get_member_info_list_result_info_array"].as_array().unwrap();
    let bob = list.iter().find(|m| m["group_member_info_identifier"] == "bob").unwrap();
    assert_eq!((bob["group_member_info_nick_name"].clone(), bob["group_member_info_face_url"].clone()), (json!("Bobby"), json!("b.png")));
    let alice = list.iter().find(|m| m["group_member_info_identifier"] == "alice").unwrap();
    assert_eq!(alice["group_member_info_nick_name"], "");

    let flag = json!({ "group_modify_member_info_group_id": "g", "group_modify_member_info_identifier": "bob",
                       "group_modify_member_info_modify_flag": 1, "group_modify_member_info_msg_flag": 2 });
    b.ok(Request::GroupModifyMemberInfo(serde_json::from_value(flag).unwrap()));
    let convs = b.ok(Request::ConvGetConvList);
    assert_eq!(convs[0]["conv_recv_opt"], 2, "a group's receive option is the member's message flag");
    assert_eq!(a.ok(Request::ConvGetConvList)[0]["conv_recv_opt"], 0);

    // A Public group asks: the request list names who reads it.
    a.ok(create("pub", 0));
    assert_eq!(b.ok(join("pub"))["group_join_result_status"], 1);
    let page = a.ok(Request::GroupGetPendencyList(Default::default()));
    assert_eq!(page["group_pendency_result_pendency_array"][0]["group_pendency_self_identifier"], "alice");
}

#[test]
fn tips_carry_the_operator_profile_and_member_record() {
    let dir = tempfile::tempdir().unwrap();
    let (a, b, _c) = trio(&dir);
    name_alice(&a);
    let got = b.take("msg");
    let tip = &got.last().unwrap()[0]["message_elem_array"][0];
    assert_eq!(tip["group_tips_elem_op_user"], "alice");
    assert_eq!(tip["group_tips_elem_op_user_info"], json!({ "user_profile_identifier": "alice", "user_profile_nick_name": "Alice", "user_profile_face_url": "a.png" }));
    assert_eq!(tip["group_tips_elem_op_group_memberinfo"], json!({ "group_member_info_identifier": "alice", "group_member_info_name_card": "The Boss", "group_member_info_member_role": 400 }), "as the change left it");
    // A member who leaves is named with the record they had.
    b.ok(Request::GroupQuit { group_id: "g".into() });
    let got = a.take("msg");
    let tip = &got.last().unwrap()[0]["message_elem_array"][0];
    assert_eq!(tip["group_tips_elem_tip_type"], 2);
    assert_eq!(tip["group_tips_elem_op_user_info"]["user_profile_nick_name"], "", "bob set no profile");
    assert_eq!(tip["group_tips_elem_op_group_memberinfo"]["group_member_info_member_role"], 200);
}

#[test]
fn messages_carry_the_sender_platform_from_the_login() {
    let dir = tempfile::tempdir().unwrap();
    {
        let a = User::new(&config(&dir, json!({ "sdk_config_platform": 3 })), "alice");
        let b = User::new(&config(&dir, json!({ "sdk_config_platform": 2 })), "bob");
        let sent = a.ok(send(c2c("bob"), text("from iOS")));
        assert_eq!(sent["message_platform"], 3, "kTIMPlatform_IOS, the sender's");
        let got = b.take("msg");
        assert_eq!(got[0][0]["message_platform"], 3, "the receiver sees the sender's platform, not its own");
        let reply = b.ok(send(c2c("alice"), text("from Android")));
        assert_eq!(reply["message_platform"], 2);
        a.client.shutdown();
        b.client.shutdown();
    }
    // Kept on disk, and read back by a client of another platform.
    let c = User::new(&config(&dir, json!({ "sdk_config_platform": 1 })), "bob");
    let h = c.ok(Request::MsgGetMsgList { conv: c2c("alice"), param: Default::default() });
    let platforms: Vec<&Value> = h.as_array().unwrap().iter().map(|m| &m["message_platform"]).collect();
    assert_eq!(platforms, [&json!(2), &json!(3)], "newest first");

    // A message stored before Huddle recorded platforms reads as Other (0).
    let stored = huddle::model::Message {
        thread: huddle::model::Thread::c2c("alice", "bob"),
        seq: 1,
        msg_id: "old".into(),
        sender: "alice".into(),
        server_time: 1,
        client_time: 1,
        elems: Vec::new(),
        at_users: Vec::new(),
        targets: Vec::new(),
        status: huddle::types::MsgStatus::Sent,
        revoker: String::new(),
        order: 1,
        revoked_order: 0,
        random: 0,
        cloud_custom_data: String::new(),
        platform: 4,
        version: 0,
        modified_order: 0,
        local_to: None,
        priority: Default::default(),
        extras: Default::default(),
    };
    let mut doc = serde_json::to_value(&stored).unwrap();
    doc.as_object_mut().unwrap().remove("platform").expect("the document names the platform");
    assert_eq!(serde_json::from_value::<huddle::model::Message>(doc).unwrap().platform, 0);
}

#[test]
fn drafts_are_kept_per_user_and_conversation() {
    let dir = tempfile::tempdir().unwrap();
    let set = |conv: ConvRef, draft: Value| Request::ConvSetDraft { conv, draft: serde_json::from_value(draft).unwrap() };
    let conv_of = |u: &User, id: &str| {
        let list = u.ok(Request::ConvGetConvList);
        list.as_array().unwrap().iter().find(|c| c["conv_id"] == id).cloned().unwrap()
    };
    {
        let (a, b, _c) = trio(&dir);
        a.ok(send(c2c("bob"), text("hi")));
        a.ok(send(group("g"), text("hi all")));
        assert_eq!(conv_of(&a, "g")["conv_is_has_draft"], false);
        assert_eq!(conv_of(&a, "g")["conv_draft"], Value::Null);
        let draft = json!({ "draft_msg": { "message_elem_array": [{ "elem_type": 0, "text_elem_content": "half a thou" }] },
                            "draft_user_define": "cursor=11", "draft_edit_time": 1551271429 });
        a.ok(set(group("g"), draft.clone()));
        a.ok(set(c2c("bob"), json!({ "draft_user_define": "x" })));
        let g = conv_of(&a, "g");
        assert_eq!(g["conv_is_has_draft"], true);
        assert_eq!(g["conv_draft"], draft);
        let c = conv_of(&a, "bob");
        assert_eq!(c["conv_draft"]["draft_msg"], json!({}), "default");
        assert!(c["conv_draft"]["draft_edit_time"].as_u64().unwrap() > 0, "0 or absent: now");
        assert!(a.take("conv2").len() >= 2, "each change is an update of the conversation");
        // The user's own: bob's conversations have none.
        assert_eq!(conv_of(&b, "g")["conv_is_has_draft"], false);
        assert_eq!(conv_of(&b, "alice")["conv_is_has_draft"], false);
        // Cancelled; a conversation the caller does not have keeps none.
        a.ok(Request::ConvSetDraft { conv: c2c("bob"), draft: None });
        assert_eq!(conv_of(&a, "bob")["conv_is_has_draft"], false);
        assert_eq!(a.call(set(c2c("nobody"), json!({}))).code, 6004);
        a.client.shutdown();
        b.client.shutdown();
    }
    // Kept on disk.
    let a = User::new(&config(&dir, json!({})), "alice");
    assert_eq!(conv_of(&a, "g")["conv_draft"]["draft_user_define"], "cursor=11");
    assert_eq!(conv_of(&a, "bob")["conv_is_has_draft"], false);
}

// ------------------------------------------------ community topics, search, marks

fn topic_param(v: Value) -> huddle::params::TopicInfoParam {
    serde_json::from_value(v).unwrap()
}

fn create_topic(group_id: &str, v: Value) -> Request {
    Request::GroupCreateTopicInCommunity { group_id: group_id.into(), topic: topic_param(v) }
}

fn topic_infos(group_id: &str, ids: &[&str]) -> Request {
    Request::GroupGetTopicInfoList { group_id: group_id.into(), topic_ids: ids.iter().map(|s| s.to_string()).collect() }
}

/// What topic listeners heard, as (kind, community, detail).
type TopicNews = Arc<Mutex<Vec<(&'static str, String, String)>>>;

fn listen_to_topics(u: &User) -> TopicNews {
    let heard: TopicNews = Default::default();
    for (kind, name) in [(huddle::types::TipType::TopicCreated, "created"), (huddle::types::TipType::TopicDeleted, "deleted"), (huddle::types::TipType::TopicInfoChange, "changed")] {
        let heard = Arc::clone(&heard);
        u.client.set_topic_listener(kind, Some(Arc::new(move |g: &str, d: &str| heard.lock().unwrap().push((name, g.to_string(), d.to_string())))));
    }
    heard
}

#[test]
fn topics_are_channels_of_a_community_with_their_own_messages() {
    let dir = tempfile::tempdir().unwrap();
    let guild = "@TGS#_guild";
    let news = "@TGS#_guild@TOPIC#_news";
    let generated;
    {
        let cfg = config(&dir, json!({}));
        let (a, b, c) = (User::new(&cfg, "alice"), User::new(&cfg, "bob"), User::new(&cfg, "carol"));
        let community = |id: &str, topics: bool| {
            Request::GroupCreate(serde_json::from_value(json!({
                "create_group_param_group_id": id, "create_group_param_group_name": id, "create_group_param_group_type": 5,
                "create_group_param_is_support_topic": topics,
            })).unwrap())
        };
        // Tencent's community IDs: `@TGS#_` custom ones, and generated ones like it.
        assert_eq!(a.call(create("@TGS#_public", 0)).code, 8501, "only a community's ID may start with @TGS#_");
        assert_eq!(a.call(community("@TGS#x", true)).code, 8501);
        assert_eq!(a.call(community("a@TOPIC#_b", true)).code, 8501, "topic IDs are made with @TOPIC#");
        a.ok(community(guild, true));
        let made = a.ok(Request::GroupCreate(serde_json::from_value(json!({ "create_group_param_group_name": "g", "create_group_param_group_type": 5 })).unwrap()));
        let plaza = made["create_group_result_groupid"].as_str().unwrap().to_string();
        assert!(plaza.starts_with("@TGS#_@TGS#"), "{plaza}");
        a.ok(create("pub", 0));
        b.ok(join(guild));
        b.ok(join(&plaza));
        let heard = listen_to_topics(&b);
        // Only a community that takes topics has them, and only its managers make them.
        assert_eq!(a.call(create_topic(&plaza, json!({ "group_topic_info_topic_name": "x" }))).code, 10004);
        assert_eq!(a.call(create_topic("pub", json!({ "group_topic_info_topic_name": "x" }))).code, 10004);
        assert_eq!(b.call(create_topic(guild, json!({ "group_topic_info_topic_name": "x" }))).code, 10007);
        assert_eq!(a.call(create_topic(guild, json!({ "group_topic_info_topic_id": "@TGS#_other@TOPIC#_x", "group_topic_info_topic_name": "x" }))).code, 8501);
        assert_eq!(a.call(create_topic(guild, json!({ "group_topic_info_topic_name": "x".repeat(151) }))).code, 8502);
        let r = a.ok(create_topic(guild, json!({ "group_topic_info_topic_id": news, "group_topic_info_topic_name": "News", "group_topic_info_introduction": "what's new" })));
        assert_eq!(r["group_topic_info_topic_id"], news);
        assert_eq!(a.call(create_topic(guild, json!({ "group_topic_info_topic_id": news, "group_topic_info_topic_name": "again" }))).code, 10021);
        let r = a.ok(create_topic(guild, json!({ "group_topic_info_topic_name": "Chat" })));
        generated = r["group_topic_info_topic_id"].as_str().unwrap().to_string();
        assert!(generated.starts_with("@TGS#_guild@TOPIC#_@TOPIC#"), "{generated}");
        b.take("msg");
        a.take("msg");
        assert_eq!(heard.lock().unwrap().drain(..).collect::<Vec<_>>(), [("created", guild.to_string(), news.to_string()), ("created", guild.to_string(), generated.clone())]);

        // A topic's messages: a group conversation named by the topic ID, for every member of the community.
        b.ok(send(group(news), text("hello news")));
        assert_eq!(c.call(send(group(news), text("let me in"))).code, 10007, "carol is no member");
        assert_eq!(c.call(topic_infos(guild, &[])).code, 10007);
        let got = a.take("msg");
        assert_eq!(texts(&got), ["hello news"]);
        assert_eq!(got[0][0]["message_conv_id"], news);
        assert!(texts(&a.ok(Request::MsgGetMsgList { conv: group(guild), param: Default::default() }).as_array().unwrap().iter().map(|m| json!([m])).collect::<Vec<_>>()).is_empty(), "the community's own thread is apart");
        let history = a.ok(Request::MsgGetMsgList { conv: group(news), param: Default::default() });
        assert_eq!(history[0]["message_elem_array"][0]["text_elem_content"], "hello news");
        let infos = a.ok(topic_infos(guild, &[news, "@TGS#_guild@TOPIC#_nope"]));
        let info = &infos[0]["group_topic_info_result_topic_info"];
        assert_eq!(info["group_topic_info_topic_name"], "News");
        assert_eq!(info["group_topic_info_introduction"], "what's new");
        assert_eq!(info["group_topic_info_unread_count"], 1);
        assert_eq!(info["group_topic_info_last_message"]["message_elem_array"][0]["text_elem_content"], "hello news");
        assert_eq!(infos[1]["group_topic_info_result_error_code"], 10010);
        assert_eq!(a.ok(topic_infos(guild, &[])).as_array().unwrap().len(), 2, "empty: every topic");
        let convs = a.ok(Request::ConvGetConvList);
        let conv = convs.as_array().unwrap().iter().find(|c| c["conv_id"] == news).expect("the topic's conversation is listed");
        assert_eq!((conv["conv_show_name"].clone(), conv["conv_unread_num"].clone()), (json!("News"), json!(1)));
        a.ok(Request::MsgReportReaded { conv: group(news), msg: None });
        assert_eq!(a.ok(topic_infos(guild, &[news]))[0]["group_topic_info_result_topic_info"]["group_topic_info_unread_count"], 0);

        // Mute and the rest of the info: the managers'; the draft: the caller's own.
        let set = |v: Value| Request::GroupSetTopicInfo(topic_param(v));
        assert_eq!(b.call(set(json!({ "group_topic_info_topic_id": news, "group_topic_info_is_all_muted": true, "group_modify_info_param_modify_flag": 0x100 }))).code, 10007);
        assert_eq!(a.call(set(json!({ "group_topic_info_topic_id": news, "group_modify_info_param_modify_flag": 0x100 }))).code, 10004, "the flag names a missing key");
        a.ok(set(json!({ "group_topic_info_topic_id": news, "group_topic_info_is_all_muted": true, "group_topic_info_topic_name": "Newsroom", "group_modify_info_param_modify_flag": 0x101 })));
        assert_eq!(b.call(send(group(news), text("muted?"))).code, 10017);
        b.ok(send(group(&generated), text("the other topic speaks")));
        a.ok(send(group(news), text("the owner speaks")));
        b.ok(set(json!({ "group_topic_info_topic_id": news, "group_topic_info_draft_text": "half", "group_modify_info_param_modify_flag": 0x4000 })));
        let mine = b.ok(topic_infos(guild, &[news]));
        assert_eq!(mine[0]["group_topic_info_result_topic_info"]["group_topic_info_draft_text"], "half");
        assert_eq!(a.ok(topic_infos(guild, &[news]))[0]["group_topic_info_result_topic_info"]["group_topic_info_draft_text"], "");
        b.take("msg");
        let changed: Vec<_> = heard.lock().unwrap().drain(..).collect();
        assert_eq!(changed.len(), 1, "{changed:?}");
        let info: Value = serde_json::from_str(&changed[0].2).unwrap();
        assert_eq!((changed[0].0, info["group_topic_info_topic_name"].clone(), info["group_topic_info_is_all_muted"].clone()), ("changed", json!("Newsroom"), json!(true)));

        // Deleted one by one; its conversation stays, marked.
        let r = a.ok(Request::GroupDeleteTopicFromCommunity { group_id: guild.into(), topic_ids: vec![news.into(), "@TGS#_guild@TOPIC#_nope".into()] });
        assert_eq!(r[0]["group_topic_operation_result_error_code"], 0);
        assert_eq!(r[1]["group_topic_operation_result_error_code"], 10010);
        assert_eq!(b.call(send(group(news), text("gone?"))).code, 10010);
        b.take("msg");
        assert_eq!(heard.lock().unwrap().drain(..).collect::<Vec<_>>(), [("deleted", guild.to_string(), json!([news]).to_string())]);
        let joined = b.ok(Request::GroupGetJoinedCommunityList);
        assert_eq!(joined.as_array().unwrap().iter().map(|g| g["group_base_info_group_id"].clone()).collect::<Vec<_>>(), [json!(guild)], "the plaza takes no topics");
        for u in [a, b, c] {
            u.client.shutdown();
        }
    }
    // Kept on disk, and a new member of the community is a member of its topics.
    let cfg = config(&dir, json!({}));
    let (a, c) = (User::new(&cfg, "alice"), User::new(&cfg, "carol"));
    let infos = a.ok(topic_infos(guild, &[]));
    assert_eq!(infos.as_array().unwrap().len(), 1);
    assert_eq!(infos[0]["group_topic_info_result_topic_info"]["group_topic_info_topic_id"], generated);
    c.ok(join(guild));
    a.take("msg");
    c.ok(send(group(&generated), text("carol is in")));
    assert_eq!(texts(&a.take("msg")), ["carol is in"]);
}

#[test]
fn groups_and_members_are_searched_among_the_callers_own() {
    let dir = tempfile::tempdir().unwrap();
    let (a, b, _c) = trio(&dir);
    a.ok(create("Dragons", 2));
    b.ok(create("elsewhere", 2));
    a.ok(Request::ProfileModifySelfUserProfile(serde_json::from_value(json!({ "user_profile_item_nick_name": "Ally" })).unwrap()));
    let search = |v: Value| Request::GroupSearchGroups(serde_json::from_value(v).unwrap());
    let ids = |v: Value| v.as_array().unwrap().iter().map(|g| g["group_detail_info_group_id"].as_str().unwrap().to_string()).collect::<Vec<_>>();
    assert_eq!(ids(a.ok(search(json!({ "group_search_params_keyword_list": ["DRAG"] })))), ["Dragons"], "either field, any case");
    assert_eq!(ids(a.ok(search(json!({ "group_search_params_keyword_list": ["g", "else"], "group_search_params_field_list": [1] })))).len(), 2, "g and Dragons, not bob's");
    assert_eq!(a.call(search(json!({ "group_search_params_keyword_list": [] }))).code, 6017);
    assert_eq!(a.call(search(json!({ "group_search_params_keyword_list": ["a", "b", "c", "d", "e", "f"] }))).code, 6017);
    assert_eq!(a.call(search(json!({ "group_search_params_keyword_list": ["a"], "group_search_params_field_list": [4] }))).code, 6017);

    let members = |v: Value| Request::GroupSearchGroupMembers(serde_json::from_value(v).unwrap());
    let found = b.ok(members(json!({ "group_search_member_params_keyword_list": ["ally"], "group_search_member_params_field_list": [2] })));
    assert_eq!(found.as_array().unwrap().len(), 1, "only g has alice among bob's groups: {found}");
    assert_eq!(found[0]["group_search_member_result_groupid"], "g");
    assert_eq!(found[0]["group_search_member_result_member_info_list"][0]["group_member_info_identifier"], "alice");
    assert_eq!(found[0]["group_search_member_result_member_info_list"][0]["group_member_info_nick_name"], "Ally");
    let by_id = b.ok(members(json!({ "group_search_member_params_groupid_list": ["g"], "group_search_member_params_keyword_list": ["o", "r"], "group_search_member_params_field_list": [1] })));
    let found_ids: Vec<_> = by_id[0]["group_search_member_result_member_info_list"].as_array().unwrap().iter().map(|m| m["group_member_info_identifier"].clone()).collect();
    assert_eq!(found_ids, [json!("bob"), json!("carol")], "in join order");
    assert_eq!(b.ok(members(json!({ "group_search_member_params_keyword_list": ["ally"], "group_search_member_params_field_list": [1, 8] }))), json!([]), "the nickname is not a field here");
    assert_eq!(b.call(members(json!({ "group_search_member_params_keyword_list": ["ally"] }))).code, 6017, "fields are required");
}

#[test]
fn avchatroom_owners_mark_members_and_every_member_is_told() {
    let dir = tempfile::tempdir().unwrap();
    let cfg = config(&dir, json!({}));
    let (a, b) = (User::new(&cfg, "alice"), User::new(&cfg, "bob"));
    a.ok(create("live", 4));
    a.ok(create("meet", 2));
    b.ok(join("live"));
    b.ok(join("meet"));
    let mark = |g: &str, users: &[&str], mark_type: u32, enable: bool| Request::GroupMarkGroupMemberList {
        group_id: g.into(),
        users: users.iter().map(|s| s.to_string()).collect(),
        mark_type,
        enable,
    };
    assert_eq!(a.call(mark("meet", &["bob"], 1000, true)).code, 10004, "AVChatRoom only");
    assert_eq!(b.call(mark("live", &["bob"], 1000, true)).code, 10007, "the owner only");
    assert_eq!(a.call(mark("live", &["bob"], 999, true)).code, 10004);
    assert_eq!(a.call(mark("live", &["nobody"], 1000, true)).code, 10004);
    b.take("msg");
    a.ok(mark("live", &["bob"], 1000, true));
    let tips = b.take("msg");
    let elem = &tips.last().unwrap()[0]["message_elem_array"][0];
    assert_eq!(elem["group_tips_elem_tip_type"], 8);
    assert_eq!(elem["group_tips_elem_member_mark_info_array"], json!([{ "group_tips_member_mark_change_info_enableMark": true, "group_tips_member_mark_change_info_markType": 1000, "group_tips_member_mark_change_info_userIDList": ["bob"] }]));
    let by_mark = |n: u32| Request::GroupGetMemberInfoList(serde_json::from_value(json!({ "group_get_members_info_list_param_group_id": "live", "group_get_members_info_list_param_option": { "group_member_get_info_option_role_flag": n } })).unwrap());
    let listed = a.ok(by_mark(1000));
    assert_eq!(listed["group_get_member_info_list_result_info_array"].as_array().unwrap().iter().map(|m| m["group_member_info_identifier"].clone()).collect::<Vec<_>>(), [json!("bob")]);
    for n in 1001..1010 {
        a.ok(mark("live", &["alice"], n, true));
    }
    assert_eq!(a.call(mark("live", &["alice"], 1010, true)).code, 10004, "ten kinds of marks at most");
    a.ok(mark("live", &["bob"], 1000, false));
    assert_eq!(a.ok(by_mark(1000))["group_get_member_info_list_result_info_array"], json!([]));
    assert_eq!(a.call(by_mark(4)).code, 10007, "an AVChatRoom keeps no member list but by mark");
}
