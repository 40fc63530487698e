//! What the network must not lose: a server killed mid-traffic and
//! restarted on its data dir, and connections cut mid-traffic. Every call
//! that reported success is kept, none runs twice, and every member hears
//! every message exactly once, in order, with the clients reconnecting and
//! catching up by themselves.

mod common;

use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use common::*;
use serde_json::{json, Value};

/// Limits loose enough for a burst from one connection.
const CONFIG: &str = r#"
login_policy = "multi"
[limits]
requests_per_second = 100000
request_burst = 100000
group_msgs_per_second = 100000
member_msgs_per_second = 0
"#;

#[test]
fn a_server_killed_mid_traffic_loses_nothing_it_acknowledged() {
    let dir = tempfile::tempdir().unwrap();
    let mut server = ServerProcess::start(dir.path(), CONFIG);
    let (alice, bob, carol) = group_of_three(&server.url());
    let outcomes: Outcomes = Default::default();
    let answered = Arc::new(AtomicUsize::new(0));
    const EACH: usize = 300;
    fire(&alice, "a", EACH, &outcomes, &answered);
    fire(&bob, "b", EACH, &outcomes, &answered);
    eventually("some sends are answered", || answered.load(Ordering::SeqCst) >= 50);
    server.kill();
    let answered_before = answered.load(Ordering::SeqCst);
    assert!(answered_before < 2 * EACH, "the kill came mid-traffic ({} of {} answered)", answered_before, 2 * EACH);
    std::thread::sleep(Duration::from_millis(300));
    server.restart();
    eventually("every send is answered", || answered.load(Ordering::SeqCst) == 2 * EACH);
    assert_nothing_lost_or_doubled(&carol, &[&alice, &bob, &carol], &outcomes, 2 * EACH);
    for peer in [&alice, &bob, &carol] {
        let statuses = peer.statuses.lock().unwrap().clone();
        let back = statuses.windows(3).any(|w| w == [1, 2, 0]);
        assert!(back, "{} lost the connection and came back by itself: {:?}", peer.user, statuses);
    }
}

#[test]
fn connections_cut_mid_traffic_lose_nothing_and_run_nothing_twice() {
    let dir = tempfile::tempdir().unwrap();
    let server = ServerProcess::start(dir.path(), CONFIG);
    let proxy = Proxy::start(server.addr);
    let (alice, bob, carol) = group_of_three(&proxy.url());
    let outcomes: Outcomes = Default::default();
    let answered = Arc::new(AtomicUsize::new(0));
    const EACH: usize = 300;
    fire(&alice, "a", EACH, &outcomes, &answered);
    fire(&bob, "b", EACH, &outcomes, &answered);
    // Groups with generated IDs: one applied twice would be a group too many.
    let created: Arc<Mutex<Vec<(i32, String)>>> = Default::default();
    for _ in 0..30 {
        let c = Arc::clone(&created);
        let req = req(serde_json::json!({"method": "GroupCreate", "params": {"create_group_param_group_name": "gen", "create_group_param_group_type": 1}}));
        alice.client.call(req, Box::new(move |r| c.lock().unwrap().push((r.code, r.json)))).unwrap();
    }
    let mut cuts = 0;
    while answered.load(Ordering::SeqCst) < 2 * EACH && cuts < 5 {
        std::thread::sleep(Duration::from_millis(40));
        if proxy.cut() > 0 {
            cuts += 1;
        }
    }
    assert!(cuts >= 2, "connections were cut during the traffic ({} cuts)", cuts);
    eventually("every send is answered", || answered.load(Ordering::SeqCst) == 2 * EACH);
    eventually("every create is answered", || created.lock().unwrap().len() == 30);
    assert_nothing_lost_or_doubled(&carol, &[&alice, &bob, &carol], &outcomes, 2 * EACH);
    let created = created.lock().unwrap();
    assert!(created.iter().all(|(code, _)| *code == 0), "every create in flight succeeds: {:?}", created);
    let mut ids: Vec<String> = created.iter().map(|(_, json)| json.clone()).collect();
    ids.sort();
    ids.dedup();
    assert_eq!(ids.len(), 30, "30 creates, 30 group IDs");
    alice.wait_connected();
    let joined = alice.ok(huddle::service::Request::GroupGetJoinedGroupList);
    let work_groups = joined.as_array().unwrap().iter().filter(|g| g["group_base_info_group_type"] == 1).count();
    assert_eq!(work_groups, 30, "no create ran twice");
    drop(server);
}

/// A server that answers every frame as `answer` says (after the hello,
/// which carries the clock `time`): a stand-in for a broken or hostile one.
fn scripted_server(time: u64, answer: fn(&Value) -> Option<Value>) -> String {
    use huddle::protocol::ServerFrame;
    use tokio_tungstenite::tungstenite::{accept, Message};
    let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let url = format!("ws://{}", listener.local_addr().unwrap());
    std::thread::spawn(move || {
        for stream in listener.incoming() {
            let Ok(mut ws) = accept(stream.unwrap()) else { continue };
            std::thread::spawn(move || {
                while let Ok(msg) = ws.read() {
                    let Message::Text(text) = msg else { continue };
                    let frame: Value = serde_json::from_str(text.as_str()).unwrap();
                    let reply = if frame["type"] == "hello" {
                        Some(serde_json::to_value(ServerFrame::Hello { protocol: huddle::protocol::VERSION, server: "scripted".into(), time }).unwrap())
                    } else {
                        answer(&frame)
                    };
                    if let Some(reply) = reply {
                        if ws.send(Message::text(reply.to_string())).is_err() {
                            return;
                        }
                    }
                }
            });
        }
    });
    url
}

#[test]
fn a_server_that_answers_nonsense_cannot_crash_a_client_or_confuse_its_host() {
    // A clock past i64::MAX, and a login refused with a code no call has.
    let url = scripted_server(u64::MAX, |f| Some(json!({ "type": "reply", "id": f["id"], "code": -5, "desc": "", "json": {} })));
    let refused = Peer::try_connect(&url, "alice", "").err().expect("refused");
    assert_eq!(refused.code, 6027, "a negative code would read as a synchronous result: {:?}", refused);
    assert!(refused.desc.contains("-5"), "{:?}", refused);

    // Codes this SDK does not know pass through, with a sentence; known
    // codes without one get theirs.
    let url = scripted_server(u64::MAX, |f| {
        let code = match f["type"].as_str()? {
            "login" => return Some(json!({ "type": "reply", "id": f["id"], "code": 0, "desc": "", "json": {}, "seq": 0 })),
            _ if f.to_string().contains("\"unknown\"") => 99_999,
            _ => 10010,
        };
        Some(json!({ "type": "reply", "id": f["id"], "code": code, "desc": "", "json": {} }))
    });
    let peer = Peer::connect(&url, "alice", "");
    assert!(peer.client.server_time() > i64::MAX as u64, "the server's clock is taken as it is, saturated");
    let unknown = peer.call(join("unknown"));
    assert_eq!((unknown.code, unknown.desc.as_str()), (99_999, "the server refused the call with code 99999"));
    let known = peer.call(join("g"));
    assert_eq!(known.code, 10010);
    assert_eq!(known.desc, huddle::error::Code::from_i32(10010).unwrap().describe());
}
