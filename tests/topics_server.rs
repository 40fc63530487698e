//! Community topics over huddle-server: two network clients, a topic's
//! message and its listeners' news travel as on the embedded engine, and the
//! server's data dir keeps the topic across a restart.

mod common;

use std::sync::{Arc, Mutex};

use common::*;
use huddle::server::{Running, ServerConfig};
use huddle::service::Request;
use huddle::types::TipType;
use serde_json::json;

const HALL: &str = "@TGS#_net-hall";
const NEWS: &str = "@TGS#_net-hall@TOPIC#_news";

fn server(dir: &std::path::Path) -> Running {
    Running::start(ServerConfig { listen: "127.0.0.1:0".parse().unwrap(), data_dir: Some(dir.to_path_buf()), ..Default::default() }).unwrap()
}

#[test]
fn a_topic_works_over_the_network_and_outlives_a_restart() {
    let dir = tempfile::tempdir().unwrap();
    let running = server(dir.path());
    let (alice, bob) = (Peer::connect(&running.url(), "alice", ""), Peer::connect(&running.url(), "bob", ""));
    let news: Arc<Mutex<Vec<String>>> = Default::default();
    for kind in [TipType::TopicCreated, TipType::TopicInfoChange, TipType::TopicDeleted] {
        let news = Arc::clone(&news);
        bob.client.set_topic_listener(kind, Some(Arc::new(move |g: &str, d: &str| news.lock().unwrap().push(format!("{kind:?} {g} {d}")))));
    }
    alice.ok(req(json!({"method": "GroupCreate", "params": {"create_group_param_group_id": HALL, "create_group_param_group_name": "hall",
        "create_group_param_group_type": 5, "create_group_param_is_support_topic": true}})));
    bob.ok(join(HALL));
    let topic = req(json!({"method": "GroupCreateTopicInCommunity", "params": {"group_id": HALL, "topic": {"group_topic_info_topic_id": NEWS, "group_topic_info_topic_name": "News"}}}));
    assert_eq!(bob.call(topic.clone()).code, 10007, "a member makes no topic");
    alice.ok(topic);
    eventually("bob hears of the topic", || news.lock().unwrap().first() == Some(&format!("TopicCreated {HALL} {NEWS}")));
    bob.ok(send_text(NEWS, "m-1", "over the wire"));
    eventually("alice hears the topic's message", || alice.heard().contains(&"over the wire".to_string()));
    assert_eq!(history(&alice, NEWS), ["over the wire"]);
    let infos = |p: &Peer| p.ok(Request::GroupGetTopicInfoList { group_id: HALL.into(), topic_ids: Vec::new() });
    assert_eq!(infos(&alice)[0]["group_topic_info_result_topic_info"]["group_topic_info_unread_count"], 1);
    let found = bob.ok(req(json!({"method": "GroupSearchGroups", "params": {"group_search_params_keyword_list": ["net-hall"]}})));
    assert_eq!(found[0]["group_detail_info_group_id"], HALL);
    drop((alice, bob));
    running.stop().unwrap();

    let running = server(dir.path());
    let alice = Peer::connect(&running.url(), "alice", "");
    let kept = infos(&alice);
    assert_eq!(kept[0]["group_topic_info_result_topic_info"]["group_topic_info_topic_name"], "News", "the topic is kept");
    assert_eq!(kept[0]["group_topic_info_result_topic_info"]["group_topic_info_unread_count"], 1, "and alice's unread in it");
    assert_eq!(history(&alice, NEWS), ["over the wire"]);
    drop(alice);
    running.stop().unwrap();
}
