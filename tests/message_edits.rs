//! Deleting, editing, finding, inserting and searching messages (issue 13),
//! the same story on the embedded engine (then reopened from its data dir)
//! and over huddle-server.

mod common;

use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use huddle::client::{Client, SdkConfig};
use huddle::response::Response;
use huddle::service::Request;
use serde_json::{json, Value};

/// A logged-in client (thread mode) and the edited messages it heard.
struct Who {
    client: Client,
    updates: Arc<Mutex<Vec<Value>>>,
}

impl Who {
    fn login(config: &Value, user: &str) -> Who {
        let client = Client::new(serde_json::from_value::<SdkConfig>(config.clone()).unwrap()).unwrap();
        let updates: Arc<Mutex<Vec<Value>>> = Default::default();
        let heard = Arc::clone(&updates);
        client.set_update_listener(Some(Arc::new(move |json: &huddle::event::Json| {
            heard.lock().unwrap().extend(serde_json::from_str::<Vec<Value>>(json.as_str()).unwrap());
        })));
        let (tx, rx) = std::sync::mpsc::channel();
        client.login(user, "", Box::new(move |r| tx.send(r).unwrap())).unwrap();
        assert_eq!(rx.recv_timeout(Duration::from_secs(20)).unwrap().code, 0);
        Who { client, updates }
    }

    fn call(&self, v: Value) -> Response {
        let (tx, rx) = std::sync::mpsc::channel();
        self.client.call(serde_json::from_value::<Request>(v).unwrap(), Box::new(move |r| tx.send(r).unwrap())).unwrap();
        rx.recv_timeout(Duration::from_secs(30)).unwrap()
    }

    fn ok(&self, v: Value) -> Value {
        let r = self.call(v);
        assert_eq!(r.code, 0, "{}", r.desc);
        serde_json::from_str(&r.json).unwrap()
    }

    fn send(&self, group: &str, text: &str) -> Value {
        self.ok(json!({"method": "MsgSend", "params": {"conv": {"conv_type": 2, "conv_id": group}, "msg_id": huddle::engine::new_msg_id(0),
            "param": {"message_elem_array": [{"elem_type": 0, "text_elem_content": text}]}}}))
    }

    /// The texts of a group's history, newest first, with their status.
    fn history(&self, group: &str) -> Vec<(String, i64)> {
        let page = self.ok(json!({"method": "MsgGetMsgList", "params": {"conv": {"conv_type": 2, "conv_id": group}, "param": {"msg_getmsglist_param_count": 100}}}));
        page.as_array().unwrap().iter().map(|m| (text(m), m["message_status"].as_i64().unwrap())).collect()
    }

    fn search(&self, param: Value) -> Value {
        self.ok(json!({"method": "MsgSearchLocalMessages", "params": param}))
    }

    /// Waits for the `n`th edit heard.
    fn update(&self, n: usize) -> Value {
        let deadline = Instant::now() + Duration::from_secs(20);
        loop {
            if let Some(m) = self.updates.lock().unwrap().get(n) {
                return m.clone();
            }
            assert!(Instant::now() < deadline, "no edit {} heard", n);
            std::thread::sleep(Duration::from_millis(5));
        }
    }
}

fn text(m: &Value) -> String {
    m["message_elem_array"][0]["text_elem_content"].as_str().unwrap_or("").to_string()
}

fn msg_ref(m: &Value) -> Value {
    json!({"message_msg_id": m["message_msg_id"]})
}

/// The texts a search result holds, conversation by conversation.
fn found(result: &Value) -> Vec<String> {
    let items = result["msg_search_result_item_array"].as_array().unwrap();
    items.iter().flat_map(|i| i["msg_search_result_item_message_array"].as_array().unwrap().iter().map(text)).collect()
}

fn in_group(keywords: Value) -> Value {
    json!({"msg_search_param_keyword_array": keywords, "msg_search_param_conv_id": "g", "msg_search_param_conv_type": 2})
}

/// The story: each rule of issue 13 as a user notices it. Returns alice's
/// and bob's messages for the reopened engine to check.
fn story(config: &Value) -> (Value, Value) {
    let (alice, bob) = (Who::login(config, "alice"), Who::login(config, "bob"));
    alice.ok(json!({"method": "GroupCreate", "params": {"create_group_param_group_id": "g", "create_group_param_group_name": "g", "create_group_param_group_type": 2}}));
    bob.ok(json!({"method": "GroupJoin", "params": {"group_id": "g", "hello_msg": ""}}));
    let first = alice.send("g", "meet at 東京大学 tomorrow");
    let poll = bob.send("g", "poll: red 0 blue 0");
    bob.send("g", "안녕하세요 everyone");

    // A delete is the deleter's alone.
    let del = json!({"msg_delete_param_msg": msg_ref(&first), "msg_delete_param_is_ramble": true});
    alice.ok(json!({"method": "MsgDelete", "params": {"conv": {"conv_type": 2, "conv_id": "g"}, "param": del}}));
    assert_eq!(alice.history("g").iter().map(|(t, _)| t.as_str()).collect::<Vec<_>>(), ["안녕하세요 everyone", "poll: red 0 blue 0"]);
    assert_eq!(bob.history("g").len(), 3, "bob keeps the message alice deleted");
    let find = |who: &Who| who.ok(json!({"method": "MsgFindMessages", "params": {"msg_ids": [first["message_msg_id"], "nope"]}}));
    assert_eq!(find(&alice)[0]["message_status"], 4, "alice finds it deleted");
    assert_eq!(find(&bob)[0]["message_status"], 2, "bob finds it as sent");
    assert!(found(&alice.search(in_group(json!(["大学"])))).is_empty(), "alice's search no longer finds it");
    assert_eq!(found(&bob.search(in_group(json!(["大学"])))), ["meet at 東京大学 tomorrow"], "bob's does, by a two-character word inside unspaced text");

    // An edit reaches everyone; an edit of an older version is refused.
    let mut edit = poll.clone();
    edit["message_elem_array"] = json!([{"elem_type": 0, "text_elem_content": "poll: red 1 blue 0"}]);
    let edited = alice.ok(json!({"method": "MsgModifyMessage", "params": edit}));
    assert_eq!((text(&edited), edited["message_version"].as_u64()), ("poll: red 1 blue 0".into(), Some(1)));
    for who in [&alice, &bob] {
        let heard = who.update(0);
        assert_eq!((text(&heard), heard["message_msg_id"].clone()), (text(&edited), poll["message_msg_id"].clone()));
    }
    let mut stale = poll.clone();
    stale["message_elem_array"] = json!([{"elem_type": 0, "text_elem_content": "poll: red 0 blue 1"}]);
    let conflict = bob.call(json!({"method": "MsgModifyMessage", "params": stale}));
    let latest: Value = serde_json::from_str(&conflict.json).unwrap();
    assert_eq!((conflict.code, text(&latest), latest["message_version"].as_u64()), (8006, "poll: red 1 blue 0".into(), Some(1)));
    let mut again = latest.clone();
    again["message_elem_array"] = json!([{"elem_type": 0, "text_elem_content": "poll: red 1 blue 1"}]);
    assert_eq!(bob.ok(json!({"method": "MsgModifyMessage", "params": again}))["message_version"], 2, "the latest version edits");
    assert_eq!(text(&alice.update(1)), "poll: red 1 blue 1");
    assert_eq!(bob.history("g")[1].0, "poll: red 1 blue 1", "history shows the edit");

    // Local custom data and local insertion are the caller's alone.
    let mut mine = poll.clone();
    mine["message_custom_str"] = json!("voted");
    mine["message_custom_int"] = json!(7);
    alice.ok(json!({"method": "MsgSetLocalCustomData", "params": mine}));
    let note = alice.ok(json!({"method": "MsgInsertLocal", "params": {"conv": {"conv_type": 2, "conv_id": "g"}, "one": true,
        "msgs": [{"message_elem_array": [{"elem_type": 0, "text_elem_content": "a note to self"}]}]}}));
    assert_eq!(note["message_status"], 5);
    assert_eq!(alice.history("g")[0], ("a note to self".into(), 5));
    assert_eq!(bob.history("g").len(), 3, "bob never has alice's note");
    assert!(found(&bob.search(in_group(json!(["note"])))).is_empty());
    let locate = |who: &Who| {
        let l = json!([{"message_locator_seq": poll["message_seq"], "message_locator_rand": poll["message_rand"]}]);
        who.ok(json!({"method": "MsgFindByMsgLocatorList", "params": {"conv": {"conv_type": 2, "conv_id": "g"}, "locators": l}}))[0].clone()
    };
    let (for_alice, for_bob) = (locate(&alice), locate(&bob));
    assert_eq!((for_alice["message_custom_str"].as_str(), for_alice["message_custom_int"].as_u64()), (Some("voted"), Some(7)));
    assert!(for_bob.get("message_custom_str").is_none(), "bob sees none of alice's data");

    // Mark all read, then clear: alice's history empties, bob's stays.
    let unread = |who: &Who| who.ok(json!({"method": "ConvGetTotalUnreadMessageCount"}))["conv_get_total_unread_message_count_result_unread_count"].clone();
    assert_eq!(unread(&alice), 2, "bob's poll and greeting");
    alice.ok(json!({"method": "MsgMarkAllMessageAsRead"}));
    assert_eq!(unread(&alice), 0);
    alice.ok(json!({"method": "MsgClearHistoryMessage", "params": {"conv": {"conv_type": 2, "conv_id": "g"}}}));
    assert!(alice.history("g").is_empty());
    assert_eq!(bob.history("g").len(), 3);

    // A search right after a send finds it (alice's too: it came after her
    // clear); once recalled, no one's does.
    let oops = bob.send("g", "wrong window password hunter2");
    assert_eq!(found(&alice.search(in_group(json!(["hunter2"])))), ["wrong window password hunter2"]);
    bob.ok(json!({"method": "MsgRevoke", "params": {"conv": {"conv_type": 2, "conv_id": "g"}, "msg": msg_ref(&oops)}}));
    for who in [&alice, &bob] {
        assert!(found(&who.search(json!({"msg_search_param_keyword_array": ["hunter2"]}))).is_empty(), "a recalled message is found no more");
    }
    (first, poll)
}

fn embedded(dir: &std::path::Path) -> Value {
    json!({"callback_mode": "thread", "sdk_config_data_dir": dir})
}

#[test]
fn the_story_on_the_embedded_engine_survives_a_restart() {
    let dir = tempfile::tempdir().unwrap();
    let (first, poll) = story(&embedded(dir.path()));
    // Reopened: deletes, edits, local data and the search index are as they were.
    let (alice, bob) = (Who::login(&embedded(dir.path()), "alice"), Who::login(&embedded(dir.path()), "bob"));
    let find = |who: &Who| who.ok(json!({"method": "MsgFindMessages", "params": {"msg_ids": [first["message_msg_id"], poll["message_msg_id"]]}}));
    let (a, b) = (find(&alice), find(&bob));
    assert_eq!((a[0]["message_status"].as_i64(), b[0]["message_status"].as_i64()), (Some(4), Some(2)));
    assert_eq!((text(&b[1]), a[1]["message_custom_str"].as_str()), ("poll: red 1 blue 1".into(), Some("voted")));
    assert_eq!(alice.history("g").len(), 1, "the clear is kept: only the message recalled after it shows");
    assert_eq!(found(&bob.search(in_group(json!(["blue"])))), ["poll: red 1 blue 1"], "the index holds the edit");
    assert!(found(&bob.search(in_group(json!(["hunter2"])))).is_empty(), "and not the recalled message");
}

#[test]
fn the_story_over_huddle_server() {
    let dir = tempfile::tempdir().unwrap();
    let server = common::ServerProcess::start(dir.path(), "");
    story(&json!({"callback_mode": "thread", "sdk_config_server_url": server.url()}));
}

/// alice's conversations: "g" with bob, and a C2C one with carol, filled by
/// import at chosen times (seconds), on a durable engine (its index in its
/// SQLite store) or, with no data dir, an in-memory one (its index in memory).
fn searchable(durable: bool) -> (tempfile::TempDir, Who) {
    let dir = tempfile::tempdir().unwrap();
    let config = if durable { embedded(dir.path()) } else { json!({"callback_mode": "thread"}) };
    let alice = Who::login(&config, "alice");
    let bob = Who::login(&config, "bob");
    alice.ok(json!({"method": "GroupCreate", "params": {"create_group_param_group_id": "g", "create_group_param_group_name": "g", "create_group_param_group_type": 2}}));
    bob.ok(json!({"method": "GroupJoin", "params": {"group_id": "g", "hello_msg": ""}}));
    let import = |conv: Value, msgs: Vec<(&str, u64, &str)>| {
        let msgs: Vec<Value> = msgs
            .into_iter()
            .map(|(sender, time, t)| json!({"message_sender": sender, "message_server_time": time, "message_elem_array": [{"elem_type": 0, "text_elem_content": t}]}))
            .collect();
        alice.ok(json!({"method": "MsgInsertLocal", "params": {"conv": conv, "one": false, "msgs": msgs}}));
    };
    import(
        json!({"conv_type": 2, "conv_id": "g"}),
        vec![
            ("bob", 100, "我们明天去北京大学看看"),
            ("alice", 200, "東京に行きました、楽しかった"),
            ("bob", 300, "오늘 날씨가 좋네요"),
            ("bob", 400, "Hello world, the Raid starts at nine"),
            ("alice", 500, "raid loot: 北京烤鸭"),
        ],
    );
    import(json!({"conv_type": 1, "conv_id": "carol"}), vec![("carol", 250, "raid tonight?"), ("carol", 260, "北京见")]);
    let custom = json!({"message_elem_array": [{"elem_type": 3, "custom_elem_data": "{}", "custom_elem_desc": "gift card"}]});
    alice.ok(json!({"method": "MsgInsertLocal", "params": {"conv": {"conv_type": 1, "conv_id": "carol"}, "one": true, "msgs": [custom]}}));
    (dir, alice)
}

#[test]
fn search_finds_words_of_every_script_with_every_filter() {
    for durable in [true, false] {
        every_script_with_every_filter(durable);
    }
}

fn every_script_with_every_filter(durable: bool) {
    let (_dir, alice) = searchable(durable);
    let g = |keywords: Value| found(&alice.search(in_group(keywords)));
    assert_eq!(g(json!(["大学"])), ["我们明天去北京大学看看"], "a two-character Chinese word inside unspaced text");
    assert_eq!(g(json!(["北京大学"])), ["我们明天去北京大学看看"]);
    assert!(g(json!(["京大学看看看"])).is_empty(), "every pair of a long keyword must be there, in order");
    assert_eq!(g(json!(["行き"])), ["東京に行きました、楽しかった"], "Japanese");
    assert_eq!(g(json!(["날씨"])), ["오늘 날씨가 좋네요"], "Korean");
    assert_eq!(g(json!(["烤"])), ["raid loot: 北京烤鸭"], "one character");
    assert_eq!(g(json!(["RAID"])), ["raid loot: 北京烤鸭", "Hello world, the Raid starts at nine"], "English, any case, newest first");
    assert_eq!(g(json!(["star"])), ["Hello world, the Raid starts at nine"], "a word from its start");
    assert_eq!(g(json!(["raid", "北京"])), ["raid loot: 北京烤鸭", "Hello world, the Raid starts at nine", "我们明天去北京大学看看"], "Or, the default");
    let and = json!({"msg_search_param_keyword_array": ["raid", "北京"], "msg_search_param_keyword_list_match_type": 1, "msg_search_param_conv_id": "g", "msg_search_param_conv_type": 2});
    assert_eq!(found(&alice.search(and)), ["raid loot: 北京烤鸭"], "And");

    let mut by_bob = in_group(json!(["raid"]));
    by_bob["msg_search_param_send_identifier_array"] = json!(["bob"]);
    assert_eq!(found(&alice.search(by_bob)), ["Hello world, the Raid starts at nine"], "by sender");
    let mut window = in_group(json!(["北京", "東京"]));
    window["msg_search_param_search_time_position"] = json!(300);
    window["msg_search_param_search_time_period"] = json!(150);
    assert_eq!(found(&alice.search(window)), ["東京に行きました、楽しかった"], "between 150 and 300");
    let mut page = in_group(json!(["raid", "北京"]));
    page["msg_search_param_page_size"] = json!(2);
    page["msg_search_param_page_index"] = json!(1);
    let second = alice.search(page);
    assert_eq!((second["msg_search_result_total_count"].as_u64(), found(&second)), (Some(3), vec!["我们明天去北京大学看看".to_string()]));

    // Every conversation: grouped, newest match first, the message shown only when alone.
    let all = alice.search(json!({"msg_search_param_keyword_array": ["北京"]}));
    let items = all["msg_search_result_item_array"].as_array().unwrap();
    let summary: Vec<(String, u64, usize)> = items
        .iter()
        .map(|i| (i["msg_search_result_item_conv_id"].as_str().unwrap().to_string(), i["msg_search_result_item_total_message_count"].as_u64().unwrap(), i["msg_search_result_item_message_array"].as_array().unwrap().len()))
        .collect();
    assert_eq!(all["msg_search_result_total_count"], 2);
    assert_eq!(summary, [("g".to_string(), 2, 0), ("carol".to_string(), 1, 1)]);
    let gifts = alice.search(json!({"msg_search_param_keyword_array": ["gift"], "msg_search_param_message_type_array": [3]}));
    assert_eq!(gifts["msg_search_result_item_array"][0]["msg_search_result_item_message_array"][0]["message_elem_array"][0]["custom_elem_desc"], "gift card", "a custom elem by its description and type");
    let texts_only = alice.search(json!({"msg_search_param_keyword_array": ["gift"], "msg_search_param_message_type_array": [0]}));
    assert_eq!(texts_only["msg_search_result_total_count"], 0);

    let six = alice.call(json!({"method": "MsgSearchLocalMessages", "params": {"msg_search_param_keyword_array": ["a", "b", "c", "d", "e", "f"]}}));
    let nothing = alice.call(json!({"method": "MsgSearchLocalMessages", "params": {}}));
    assert_eq!((six.code, nothing.code), (6017, 6017), "at most five keywords, and something to search by");
}

#[test]
fn list_delete_and_locators_keep_tencents_limits() {
    let (_dir, alice) = searchable(true);
    let history = alice.ok(json!({"method": "MsgGetMsgList", "params": {"conv": {"conv_type": 2, "conv_id": "g"}, "param": {}}}));
    let two: Vec<Value> = history.as_array().unwrap()[..2].iter().map(msg_ref).collect();
    alice.ok(json!({"method": "MsgListDelete", "params": {"conv": {"conv_type": 2, "conv_id": "g"}, "msgs": two}}));
    assert_eq!(alice.history("g").len(), 3);
    let many: Vec<Value> = (1..=51).map(|seq| json!({"message_seq": seq})).collect();
    let refused = alice.call(json!({"method": "MsgListDelete", "params": {"conv": {"conv_type": 2, "conv_id": "g"}, "msgs": many}}));
    assert_eq!(refused.code, 6017, "at most 50 at once");
    let unknown = alice.call(json!({"method": "MsgDelete", "params": {"conv": {"conv_type": 2, "conv_id": "g"}, "param": {"msg_delete_param_msg": {"message_msg_id": "nope"}}}}));
    assert_eq!(unknown.code, 10030);
    let wrong_rand = json!([{"message_locator_seq": 1, "message_locator_rand": 1}]);
    let none = alice.ok(json!({"method": "MsgFindByMsgLocatorList", "params": {"conv": {"conv_type": 2, "conv_id": "g"}, "locators": wrong_rand}}));
    assert_eq!(none, json!([]), "a locator is exact");
}

/// The index is in the store's file, written with the messages: a reopened
/// engine searches it as it is, without building it again from the
/// messages; a data dir whose index is of no version (one from before the
/// index) has it built at open.
#[test]
fn a_reopened_engine_searches_the_stored_index_without_rebuilding_it() {
    use huddle::engine::{Engine, EngineConfig};
    use huddle::params::{SearchParam, SendParam};
    let dir = tempfile::tempdir().unwrap();
    let open = || Engine::open(EngineConfig { data_dir: Some(dir.path().to_path_buf()), ..EngineConfig::default() }).unwrap();
    let search = |e: &Engine, word: &str| {
        let param = SearchParam { keywords: vec![word.to_string()], ..SearchParam::default() };
        found(&e.search_messages("alice", &param).unwrap())
    };
    {
        let e = open();
        let create = serde_json::from_value(json!({"create_group_param_group_id": "g", "create_group_param_group_name": "g", "create_group_param_group_type": 2})).unwrap();
        e.create_group("alice", create).unwrap();
        let param: SendParam = serde_json::from_value(json!({"message_elem_array": [{"elem_type": 0, "text_elem_content": "the quick fox"}]})).unwrap();
        let thread = huddle::model::Thread::Group("g".into());
        e.run("alice", |s, c| s.send(c, thread, huddle::engine::new_msg_id(0), param)).unwrap();
        assert_eq!(search(&e, "fox"), ["the quick fox"]);
    }
    // Behind the index's back, the stored message's text changes.
    let db = rusqlite::Connection::open(dir.path().join("huddle.db")).unwrap();
    assert_eq!(db.execute("UPDATE messages SET doc = replace(doc, 'fox', 'owl')", []).unwrap(), 1);
    drop(db);
    {
        let e = open();
        assert_eq!((search(&e, "fox"), search(&e, "owl")), (vec!["the quick owl".to_string()], vec![]), "the index was kept as it was, not rebuilt");
    }
    let db = rusqlite::Connection::open(dir.path().join("huddle.db")).unwrap();
    db.execute("DELETE FROM search_version", []).unwrap();
    drop(db);
    let e = open();
    assert_eq!((search(&e, "fox"), search(&e, "owl")), (vec![], vec!["the quick owl".to_string()]), "an index of no version is built at open");
}

#[test]
fn a_search_of_one_conversation_with_nothing_to_search_finds_nothing() {
    for durable in [true, false] {
        let (_dir, alice) = searchable(durable);
        let one = |keyword: &str, conv_id: &str, conv_type: u32| {
            alice.search(json!({"msg_search_param_keyword_array": [keyword], "msg_search_param_conv_id": conv_id, "msg_search_param_conv_type": conv_type}))
        };
        let nothing = json!({"msg_search_result_total_count": 0, "msg_search_result_item_array": []});
        assert_eq!(one("?!", "g", 2), nothing, "a keyword of only punctuation");
        assert_eq!(one("raid", "nobody", 1), nothing, "a peer the caller never talked to");
        assert_eq!(found(&one("raid", "g", 2)).len(), 2, "the engine still answers after them");
    }
}
