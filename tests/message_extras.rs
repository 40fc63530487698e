//! Read receipts, message extensions, reactions and pinned group messages
//! (issue 13), through the client as an app uses them: who hears what,
//! the counts, Tencent's codes, and what survives a restart.

use std::sync::{Arc, Mutex};

use huddle::client::{Client, SdkConfig};
use huddle::engine::Extension;
use huddle::event::Json;
use huddle::params::{ExtensionTarget, MsgKey};
use huddle::response::Response;
use huddle::service::{ConvRef, Request};
use huddle::types::{ConvType, ReadFilter};
use serde_json::{json, Value};

/// One logged-in user and what its receipt, extension, reaction and pin
/// listeners heard, in order, as (kind, JSON).
struct User {
    client: Client,
    heard: Arc<Mutex<Vec<(String, Value)>>>,
}

fn config(dir: &tempfile::TempDir) -> SdkConfig {
    serde_json::from_value(json!({ "callback_mode": "poll", "sdk_config_data_dir": dir.path() })).unwrap()
}

fn parse(json: &Json) -> Value {
    serde_json::from_str(json.as_str()).unwrap()
}

impl User {
    fn new(cfg: &SdkConfig, name: &str) -> User {
        let client = Client::new(cfg.clone()).unwrap();
        let heard: Arc<Mutex<Vec<(String, Value)>>> = Default::default();
        let h = Arc::clone(&heard);
        client.set_read_receipt_listener(Some(Arc::new(move |j: &Json| h.lock().unwrap().push(("receipt".into(), parse(j))))));
        let h = Arc::clone(&heard);
        client.set_extensions_changed_listener(Some(Arc::new(move |id: &str, j: &Json| h.lock().unwrap().push(("ext_set".into(), json!([id, parse(j)]))))));
        let h = Arc::clone(&heard);
        client.set_extensions_deleted_listener(Some(Arc::new(move |id: &str, j: &Json| h.lock().unwrap().push(("ext_deleted".into(), json!([id, parse(j)]))))));
        let h = Arc::clone(&heard);
        client.set_reactions_listener(Some(Arc::new(move |j: &Json| h.lock().unwrap().push(("reactions".into(), parse(j))))));
        let h = Arc::clone(&heard);
        client.set_pinned_listener(Some(Arc::new(move |g: &str, m: &Json, pinned: bool, op: &Json| {
            h.lock().unwrap().push(("pinned".into(), json!([g, parse(m), pinned, parse(op)])))
        })));
        let (tx, rx) = std::sync::mpsc::channel();
        client.login(name, "", Box::new(move |r| tx.send(r).unwrap())).unwrap();
        client.sync();
        client.poll(10);
        assert_eq!(rx.try_recv().unwrap().code, 0);
        User { client, heard }
    }

    fn call(&self, req: Request) -> Response {
        let slot = Arc::new(Mutex::new(None));
        let s = Arc::clone(&slot);
        self.client.call(req, Box::new(move |r| *s.lock().unwrap() = Some(r))).unwrap();
        self.client.sync();
        while slot.lock().unwrap().is_none() {
            assert_eq!(self.client.poll(1), 1, "the callback is queued once the engine synced");
        }
        let r = slot.lock().unwrap().take().unwrap();
        r
    }

    fn ok(&self, req: Request) -> Value {
        let r = self.call(req);
        assert_eq!(r.code, 0, "{}", r.desc);
        serde_json::from_str(&r.json).unwrap()
    }

    fn code(&self, req: Request) -> i32 {
        self.call(req).code
    }

    /// What the listeners heard of `kind` since the last take.
    fn take(&self, kind: &str) -> Vec<Value> {
        self.client.sync();
        self.client.poll(10_000);
        let mut all = self.heard.lock().unwrap();
        let (mine, rest): (Vec<_>, Vec<_>) = all.drain(..).partition(|(k, _)| k == kind);
        *all = rest;
        mine.into_iter().map(|(_, v)| v).collect()
    }

    /// Everything heard since the last take, of any kind.
    fn heard_nothing(&self) -> bool {
        self.client.sync();
        self.client.poll(10_000);
        self.heard.lock().unwrap().drain(..).next().is_none()
    }
}

/// A public group `id` of alice (owner), bob (admin), carol, dave and erin.
fn five(cfg: &SdkConfig, id: &str) -> [User; 5] {
    let users = ["alice", "bob", "carol", "dave", "erin"].map(|u| User::new(cfg, u));
    let members: Vec<Value> = ["bob", "carol", "dave", "erin"]
        .iter()
        .map(|u| json!({ "group_member_info_identifier": u, "group_member_info_member_role": if *u == "bob" { 300 } else { 200 } }))
        .collect();
    let create = json!({ "create_group_param_group_id": id, "create_group_param_group_name": id, "create_group_param_group_type": 0,
                         "create_group_param_group_member_array": members });
    users[0].ok(Request::GroupCreate(serde_json::from_value(create).unwrap()));
    users
}

fn send(conv_type: ConvType, to: &str, extra: Value) -> Request {
    let mut param = json!({ "message_elem_array": [{ "elem_type": 0, "text_elem_content": "vote?" }] });
    param.as_object_mut().unwrap().extend(extra.as_object().unwrap().clone());
    let conv = ConvRef { conv_type, conv_id: to.into() };
    Request::MsgSend { conv, msg_id: huddle::engine::new_msg_id(0), param: serde_json::from_value(param).unwrap() }
}

/// The message as the send callback (or any reader) gave it: Tencent's calls name it so.
fn key(message: &Value) -> MsgKey {
    serde_json::from_value(message.clone()).unwrap()
}

/// A message as someone else's view names it: its conversation as they see it.
fn key_in(conv_type: ConvType, conv_id: &str, message: &Value) -> MsgKey {
    MsgKey { conv_type, conv_id: conv_id.into(), ..key(message) }
}

fn read_members(u: &User, m: &MsgKey, filter: ReadFilter, next_seq: u64, count: u32) -> Value {
    u.ok(Request::MsgGetGroupMessageReadMemberList { msg: m.clone(), filter, next_seq, count })
}

fn ids(members: &Value) -> Vec<String> {
    members.as_array().unwrap().iter().map(|m| m["group_member_info_identifier"].as_str().unwrap().to_string()).collect()
}

#[test]
fn group_read_receipts_count_three_readers_of_five() {
    let dir = tempfile::tempdir().unwrap();
    let [alice, bob, carol, dave, erin] = five(&config(&dir), "g");
    let sent = alice.ok(send(ConvType::Group, "g", json!({ "message_need_read_receipt": true })));
    assert_eq!(sent["message_need_read_receipt"], true);
    let m = key(&sent);
    for u in [&bob, &carol, &dave] {
        u.ok(Request::MsgSendMessageReadReceipts { msgs: vec![m.clone()] });
    }
    // The sender hears each receipt as it comes, with the counts then.
    let heard = alice.take("receipt");
    let counts: Vec<(Value, Value)> = heard.iter().map(|r| (r[0]["msg_receipt_read_count"].clone(), r[0]["msg_receipt_unread_count"].clone())).collect();
    assert_eq!(counts, [(json!(1), json!(3)), (json!(2), json!(2)), (json!(3), json!(1))]);
    assert_eq!((heard[0][0]["msg_receipt_conv_id"].clone(), heard[0][0]["msg_receipt_conv_type"].clone()), (json!("g"), json!(2)));
    assert_eq!(heard[0][0]["msg_receipt_msg_id"], sent["message_msg_id"]);
    for u in [&bob, &carol, &dave, &erin] {
        assert!(u.heard_nothing(), "only the sender hears receipts");
    }

    // A second receipt of the same reader changes nothing and tells no one.
    bob.ok(Request::MsgSendMessageReadReceipts { msgs: vec![m.clone()] });
    assert!(alice.heard_nothing());
    // The sender's own receipt does not count.
    alice.ok(Request::MsgSendMessageReadReceipts { msgs: vec![m.clone()] });

    let got = alice.ok(Request::MsgGetMessageReadReceipts { msgs: vec![m.clone()] });
    assert_eq!((got[0]["msg_receipt_read_count"].clone(), got[0]["msg_receipt_unread_count"].clone()), (json!(3), json!(1)));
    let first = read_members(&alice, &m, ReadFilter::Read, 0, 2);
    assert_eq!((ids(&first["members"]), first["next_seq"].clone(), first["is_finished"].clone()), (vec!["bob".into(), "carol".into()], json!(2), json!(false)));
    let rest = read_members(&alice, &m, ReadFilter::Read, 2, 2);
    assert_eq!((ids(&rest["members"]), rest["is_finished"].clone()), (vec!["dave".to_string()], json!(true)));
    assert_eq!(ids(&read_members(&alice, &m, ReadFilter::Unread, 0, 100)["members"]), ["erin"]);
    assert_eq!(alice.code(Request::MsgGetGroupMessageReadMemberList { msg: m.clone(), filter: ReadFilter::Read, next_seq: 0, count: 101 }), 6017);

    // Readers see that they acknowledged it.
    let history = bob.ok(Request::MsgGetMsgList { conv: ConvRef { conv_type: ConvType::Group, conv_id: "g".into() }, param: Default::default() });
    assert_eq!(history[0]["message_has_sent_receipt"], true);
    let history = erin.ok(Request::MsgGetMsgList { conv: ConvRef { conv_type: ConvType::Group, conv_id: "g".into() }, param: Default::default() });
    assert_eq!(history[0]["message_has_sent_receipt"], false);

    // A message sent without message_need_read_receipt takes none.
    let plain = alice.ok(send(ConvType::Group, "g", json!({})));
    assert_eq!(bob.code(Request::MsgSendMessageReadReceipts { msgs: vec![key(&plain)] }), 6017);
    // Someone outside the group reads nothing of it.
    let frank = User::new(&config(&dir), "frank");
    assert_eq!(frank.code(Request::MsgGetMessageReadReceipts { msgs: vec![m] }), 10007);
}

#[test]
fn c2c_read_receipts_reach_the_sender() {
    let dir = tempfile::tempdir().unwrap();
    let cfg = config(&dir);
    let (alice, bob) = (User::new(&cfg, "alice"), User::new(&cfg, "bob"));
    let sent = alice.ok(send(ConvType::C2C, "bob", json!({ "message_need_read_receipt": true })));
    assert_eq!(sent["message_receipt_peer_read"], false);
    // Bob names it as his view files it: under alice.
    let m = key_in(ConvType::C2C, "alice", &sent);
    bob.ok(Request::MsgSendMessageReadReceipts { msgs: vec![m] });
    let heard = alice.take("receipt");
    assert_eq!(heard.len(), 1);
    let r = &heard[0][0];
    assert_eq!((r["msg_receipt_conv_id"].clone(), r["msg_receipt_conv_type"].clone(), r["msg_receipt_is_peer_read"].clone()), (json!("bob"), json!(1), json!(true)));
    assert_eq!(r["msg_receipt_msg_id"], sent["message_msg_id"]);
    assert!(bob.heard_nothing(), "the reader hears nothing of its own receipt");

    let got = alice.ok(Request::MsgGetMessageReadReceipts { msgs: vec![key(&sent)] });
    assert_eq!(got[0]["msg_receipt_is_peer_read"], true);
    let history = alice.ok(Request::MsgGetMsgList { conv: ConvRef { conv_type: ConvType::C2C, conv_id: "bob".into() }, param: Default::default() });
    assert_eq!(history[0]["message_receipt_peer_read"], true);

    // Marking the conversation read tells the peer, as Tencent's conversation-wide receipt.
    bob.ok(Request::MsgReportReaded { conv: ConvRef { conv_type: ConvType::C2C, conv_id: "alice".into() }, msg: None });
    let heard = alice.take("receipt");
    assert_eq!(heard.len(), 1);
    assert_eq!((heard[0][0]["msg_receipt_conv_id"].clone(), heard[0][0]["msg_receipt_msg_id"].clone()), (json!("bob"), json!("")));
    assert!(heard[0][0]["msg_receipt_time_stamp"].as_u64().unwrap() > 0);
}

#[test]
fn extensions_set_get_delete_within_tencent_limits() {
    let dir = tempfile::tempdir().unwrap();
    let [alice, bob, carol, ..] = five(&config(&dir), "g");
    let sent = alice.ok(send(ConvType::Group, "g", json!({ "message_support_message_extension": true })));
    let m = key(&sent);
    let ext = |k: &str, v: &str| Extension { key: k.into(), value: v.into() };
    let results = bob.ok(Request::MsgSetMessageExtensions { msg: m.clone().into(), extensions: vec![ext("bob", "yes"), ext("poll", "lunch")] });
    assert_eq!(results.as_array().unwrap().iter().map(|r| r["message_extension_result_code"].clone()).collect::<Vec<_>>(), [json!(0), json!(0)]);
    assert_eq!(results[0]["message_extension_item"], json!({ "message_extension_key": "bob", "message_extension_value": "yes" }));
    for u in [&alice, &bob, &carol] {
        let heard = u.take("ext_set");
        assert_eq!(heard, [json!([sent["message_msg_id"], [{ "message_extension_key": "bob", "message_extension_value": "yes" },
                                                              { "message_extension_key": "poll", "message_extension_value": "lunch" }]])]);
    }
    carol.ok(Request::MsgSetMessageExtensions { msg: m.clone().into(), extensions: vec![ext("poll", "dinner")] });
    let got = alice.ok(Request::MsgGetMessageExtensions { msg: m.clone() });
    assert_eq!(got, json!([{ "message_extension_key": "bob", "message_extension_value": "yes" }, { "message_extension_key": "poll", "message_extension_value": "dinner" }]));

    let deleted = alice.ok(Request::MsgDeleteMessageExtensions { msg: m.clone(), keys: vec!["bob".into(), "nope".into()] });
    assert_eq!(deleted.as_array().unwrap().iter().map(|r| r["message_extension_result_code"].clone()).collect::<Vec<_>>(), [json!(0), json!(23004)]);
    assert_eq!(carol.take("ext_deleted"), [json!([sent["message_msg_id"], [{ "message_extension_key": "bob" }]])]);
    alice.ok(Request::MsgDeleteMessageExtensions { msg: m.clone(), keys: vec![] });
    assert_eq!(alice.ok(Request::MsgGetMessageExtensions { msg: m.clone() }), json!([]), "no keys: all of them go");

    // Tencent's limits: 20 a call, keys to 100 bytes, values to 1 KB, 300 a message.
    let many = |n: usize, from: usize| (from..from + n).map(|i| ext(&format!("k{}", i), "v")).collect::<Vec<_>>();
    assert_eq!(bob.code(Request::MsgSetMessageExtensions { msg: m.clone().into(), extensions: many(21, 0) }), 6017);
    assert_eq!(bob.code(Request::MsgSetMessageExtensions { msg: m.clone().into(), extensions: vec![ext(&"k".repeat(101), "v")] }), 6017);
    assert_eq!(bob.code(Request::MsgSetMessageExtensions { msg: m.clone().into(), extensions: vec![ext("k", &"v".repeat(1025))] }), 6017);
    for round in 0..15 {
        bob.ok(Request::MsgSetMessageExtensions { msg: m.clone().into(), extensions: many(20, round * 20) });
    }
    assert_eq!(bob.code(Request::MsgSetMessageExtensions { msg: m.clone().into(), extensions: many(1, 300) }), 6017, "past 300 a message");
    // Only messages sent with message_support_message_extension take them.
    let plain = alice.ok(send(ConvType::Group, "g", json!({})));
    assert_eq!(bob.code(Request::MsgSetMessageExtensions { msg: key(&plain).into(), extensions: vec![ext("a", "b")] }), 6017);
}

/// Tencent's conflict rule: of two users setting the same key from the
/// same copy of the message, the first wins and the second gets 23001 with
/// the value it lost to; with a fresh copy it succeeds.
#[test]
fn a_set_from_a_stale_copy_of_a_key_is_refused_with_23001() {
    let dir = tempfile::tempdir().unwrap();
    let [alice, bob, carol, ..] = five(&config(&dir), "g");
    let sent = alice.ok(send(ConvType::Group, "g", json!({ "message_support_message_extension": true })));
    assert_eq!(sent["message_extension_version"], 0);
    let copy = |u: &User| -> ExtensionTarget {
        let history = u.ok(Request::MsgGetMsgList { conv: ConvRef { conv_type: ConvType::Group, conv_id: "g".into() }, param: Default::default() });
        serde_json::from_value(history[0].clone()).unwrap()
    };
    let (bobs, carols) = (copy(&bob), copy(&carol));
    let ext = |k: &str, v: &str| Extension { key: k.into(), value: v.into() };
    let codes = |r: &Value| r.as_array().unwrap().iter().map(|r| r["message_extension_result_code"].clone()).collect::<Vec<_>>();

    bob.ok(Request::MsgSetMessageExtensions { msg: bobs.clone(), extensions: vec![ext("seat", "bob")] });
    alice.take("ext_set");
    let r = carol.call(Request::MsgSetMessageExtensions { msg: carols.clone(), extensions: vec![ext("seat", "carol"), ext("carol", "here")] });
    assert_eq!(r.code, 23001);
    let results: Value = serde_json::from_str(&r.json).unwrap();
    assert_eq!(codes(&results), [json!(23001), json!(0)], "the stale key is refused, the other one set");
    assert_eq!(results[0]["message_extension_item"], json!({ "message_extension_key": "seat", "message_extension_value": "bob" }), "with the value it lost to");
    assert_eq!(alice.take("ext_set"), [json!([sent["message_msg_id"], [{ "message_extension_key": "carol", "message_extension_value": "here" }]])]);
    let got = alice.ok(Request::MsgGetMessageExtensions { msg: key(&sent) });
    assert_eq!(got, json!([{ "message_extension_key": "carol", "message_extension_value": "here" }, { "message_extension_key": "seat", "message_extension_value": "bob" }]));

    // A user's own change does not make its copy stale; a fresh copy is not stale.
    assert_eq!(codes(&bob.ok(Request::MsgSetMessageExtensions { msg: bobs, extensions: vec![ext("seat", "bob again")] })), [json!(0)]);
    let fresh = copy(&carol);
    assert_eq!(fresh.seen, Some(3));
    assert_eq!(codes(&carol.ok(Request::MsgSetMessageExtensions { msg: fresh, extensions: vec![ext("seat", "carol")] })), [json!(0)]);
    assert_eq!(alice.ok(Request::MsgGetMessageExtensions { msg: key(&sent) })[1]["message_extension_value"], "carol");
    // A message named by ID alone, with no copy to be stale, is not checked.
    assert_eq!(bob.code(Request::MsgSetMessageExtensions { msg: key(&sent).into(), extensions: vec![ext("seat", "bob")] }), 0);
}

#[test]
fn reactions_add_remove_list_and_tell_every_reader() {
    let dir = tempfile::tempdir().unwrap();
    let [alice, bob, carol, dave, erin] = five(&config(&dir), "g");
    let sent = alice.ok(send(ConvType::Group, "g", json!({})));
    let m = key(&sent);
    let add = |u: &User, r: &str| u.code(Request::MsgAddMessageReaction { msg: m.clone(), reaction_id: r.into() });
    let remove = |u: &User, r: &str| u.code(Request::MsgRemoveMessageReaction { msg: m.clone(), reaction_id: r.into() });
    assert_eq!(add(&bob, "👍"), 0);
    for u in [&alice, &bob, &carol, &dave, &erin] {
        let heard = u.take("reactions");
        assert_eq!(heard.len(), 1, "every reader hears it");
        let change = &heard[0][0];
        assert_eq!(change["message_reaction_change_info_msg_id"], sent["message_msg_id"]);
        let r = &change["message_reaction_change_info_reaction_list"][0];
        assert_eq!((r["message_reaction_id"].clone(), r["message_reaction_total_user_count"].clone()), (json!("👍"), json!(1)));
        assert_eq!(r["message_reaction_partial_user_info_array"][0]["user_profile_identifier"], "bob");
    }
    assert_eq!(add(&bob, "👍"), 23007);
    assert_eq!(add(&carol, "👍"), 0);
    assert_eq!(add(&dave, "🎂"), 0);
    assert_eq!(remove(&erin, "🌧"), 23008);
    assert_eq!(remove(&erin, "👍"), 23009);

    let got = carol.ok(Request::MsgGetMessageReactions { msgs: vec![m.clone()], max_user_count_per_reaction: 1 });
    let list = &got[0]["message_reaction_result_reaction_list"];
    assert_eq!(got[0]["message_reaction_result_msg_id"], sent["message_msg_id"]);
    assert_eq!(list.as_array().unwrap().iter().map(|r| r["message_reaction_id"].clone()).collect::<Vec<_>>(), [json!("👍"), json!("🎂")]);
    assert_eq!((list[0]["message_reaction_total_user_count"].clone(), list[0]["message_reaction_reacted_by_myself"].clone()), (json!(2), json!(true)));
    assert_eq!(list[0]["message_reaction_partial_user_info_array"].as_array().unwrap().len(), 1);
    assert_eq!(list[1]["message_reaction_reacted_by_myself"], false);
    assert_eq!(carol.code(Request::MsgGetMessageReactions { msgs: vec![m.clone()], max_user_count_per_reaction: 11 }), 6017);

    let page = carol.ok(Request::MsgGetAllUserListOfMessageReaction { msg: m.clone(), reaction_id: "👍".into(), next_seq: 0, count: 1 });
    assert_eq!(page["message_reaction_user_result_user_info_array"][0]["user_profile_identifier"], "bob");
    assert_eq!((page["message_reaction_user_result_next_seq"].clone(), page["message_reaction_user_result_is_finished"].clone()), (json!(1), json!(false)));
    let page = carol.ok(Request::MsgGetAllUserListOfMessageReaction { msg: m.clone(), reaction_id: "👍".into(), next_seq: 1, count: 100 });
    assert_eq!(page["message_reaction_user_result_user_info_array"][0]["user_profile_identifier"], "carol");
    assert_eq!(page["message_reaction_user_result_is_finished"], true);

    // A reaction left without users goes, and readers hear its count fall to 0.
    alice.take("reactions");
    assert_eq!(remove(&dave, "🎂"), 0);
    let heard = alice.take("reactions");
    assert_eq!(heard[0][0]["message_reaction_change_info_reaction_list"][0]["message_reaction_total_user_count"], 0);
    assert_eq!(remove(&dave, "🎂"), 23008);
    // At most 10 reactions a message.
    for i in 0..9 {
        assert_eq!(add(&erin, &format!("r{}", i)), 0);
    }
    assert_eq!(add(&erin, "one too many"), 23005);
}

#[test]
fn owner_and_admins_pin_group_messages_and_every_member_hears() {
    let dir = tempfile::tempdir().unwrap();
    let [alice, bob, carol, ..] = five(&config(&dir), "g");
    let messages: Vec<Value> = (0..11).map(|_| carol.ok(send(ConvType::Group, "g", json!({})))).collect();
    let pin = |u: &User, m: &Value, pinned: bool| u.code(Request::PinGroupMessage { group_id: "g".into(), msg: key(m), is_pinned: pinned });
    assert_eq!(pin(&carol, &messages[0], true), 10007, "members do not pin");
    assert_eq!(pin(&bob, &messages[0], true), 0, "admins do");
    for u in [&alice, &bob, &carol] {
        let heard = u.take("pinned");
        assert_eq!(heard.len(), 1);
        assert_eq!((heard[0][0].clone(), heard[0][2].clone()), (json!("g"), json!(true)));
        assert_eq!(heard[0][1]["message_msg_id"], messages[0]["message_msg_id"]);
        assert_eq!(heard[0][3]["user_profile_identifier"], "bob");
    }
    assert_eq!(pin(&alice, &messages[0], true), 10071);
    for m in &messages[1..10] {
        assert_eq!(pin(&alice, m, true), 0);
    }
    assert_eq!(pin(&alice, &messages[10], true), 10070, "at most 10");

    let list = carol.ok(Request::GetPinnedGroupMessageList { group_id: "g".into() });
    assert_eq!(list.as_array().unwrap().len(), 10);
    assert_eq!((list[0]["message_msg_id"].clone(), list[0]["message_pinner_user_id"].clone()), (messages[9]["message_msg_id"].clone(), json!("alice")));
    assert_eq!((list[9]["message_msg_id"].clone(), list[9]["message_pinner_user_id"].clone()), (messages[0]["message_msg_id"].clone(), json!("bob")));

    carol.take("pinned");
    assert_eq!(pin(&alice, &messages[0], false), 0);
    assert_eq!(carol.take("pinned")[0][2], false);
    assert_eq!(carol.ok(Request::GetPinnedGroupMessageList { group_id: "g".into() }).as_array().unwrap().len(), 9);
    assert_eq!(pin(&alice, &messages[0], false), 0, "unpinning what is not pinned changes nothing");
    assert!(carol.take("pinned").is_empty());
    let frank = User::new(&config(&dir), "frank");
    assert_eq!(frank.code(Request::GetPinnedGroupMessageList { group_id: "g".into() }), 10007);
}

#[test]
fn receipts_extensions_reactions_and_pins_survive_a_restart() {
    let dir = tempfile::tempdir().unwrap();
    let sent = {
        let [alice, bob, ..] = five(&config(&dir), "g");
        let sent = alice.ok(send(ConvType::Group, "g", json!({ "message_need_read_receipt": true, "message_support_message_extension": true })));
        let m = key(&sent);
        bob.ok(Request::MsgSendMessageReadReceipts { msgs: vec![m.clone()] });
        bob.ok(Request::MsgSetMessageExtensions { msg: m.clone().into(), extensions: vec![Extension { key: "k".into(), value: "v".into() }] });
        bob.ok(Request::MsgAddMessageReaction { msg: m.clone(), reaction_id: "👍".into() });
        alice.ok(Request::PinGroupMessage { group_id: "g".into(), msg: m, is_pinned: true });
        for u in [&alice, &bob] {
            u.client.shutdown();
        }
        sent
    };
    let [alice, ..] = ["alice"].map(|u| User::new(&config(&dir), u));
    let m = key(&sent);
    let got = alice.ok(Request::MsgGetMessageReadReceipts { msgs: vec![m.clone()] });
    assert_eq!((got[0]["msg_receipt_read_count"].clone(), got[0]["msg_receipt_unread_count"].clone()), (json!(1), json!(3)));
    assert_eq!(alice.ok(Request::MsgGetMessageExtensions { msg: m.clone() }), json!([{ "message_extension_key": "k", "message_extension_value": "v" }]));
    let reactions = alice.ok(Request::MsgGetMessageReactions { msgs: vec![m], max_user_count_per_reaction: 10 });
    assert_eq!(reactions[0]["message_reaction_result_reaction_list"][0]["message_reaction_total_user_count"], 1);
    let pinned = alice.ok(Request::GetPinnedGroupMessageList { group_id: "g".into() });
    assert_eq!(pinned[0]["message_msg_id"], sent["message_msg_id"]);
}
