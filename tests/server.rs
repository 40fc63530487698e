//! huddle-server as a peer sees it, frame by frame (docs/protocol.md): the
//! hello, logins and their refusals (TLSSigAPIv2 sigs made by Tencent's own
//! Python signer), every limit that protects the server, the login policy,
//! a session whose sig expires while connected, and a graceful stop.

mod common;

use std::time::Duration;

use futures_util::{SinkExt, StreamExt};
use serde_json::{json, Value};
use tokio::net::TcpStream;
use tokio_tungstenite::tungstenite::Message;
use tokio_tungstenite::{MaybeTlsStream, WebSocketStream};

use huddle::server::{Running, ServerConfig};

type Ws = WebSocketStream<MaybeTlsStream<TcpStream>>;

const APP: u64 = 1400000000;
const SECRET: &str = "5bd2850fff3ecb11d7c805251c51ee463a25727bddc2385f3fa8bfee1bb93b5e";

fn server(edit: impl FnOnce(&mut ServerConfig)) -> Running {
    let mut config = ServerConfig { listen: "127.0.0.1:0".parse().unwrap(), ..Default::default() };
    edit(&mut config);
    Running::start(config).unwrap()
}

fn rt() -> tokio::runtime::Runtime {
    tokio::runtime::Builder::new_current_thread().enable_all().build().unwrap()
}

async fn connect(url: &str) -> Ws {
    tokio_tungstenite::connect_async(url).await.expect("connect").0
}

async fn send(ws: &mut Ws, frame: Value) {
    ws.send(Message::text(frame.to_string())).await.expect("send");
}

/// The next frame, as JSON; `None` once the server closed the connection.
async fn next(ws: &mut Ws) -> Option<Value> {
    loop {
        let msg = tokio::time::timeout(Duration::from_secs(10), ws.next()).await.expect("a frame within 10 s")?;
        match msg {
            Ok(Message::Text(text)) => return Some(serde_json::from_str(text.as_str()).unwrap()),
            Ok(Message::Close(_)) | Err(_) => return None,
            Ok(_) => continue,
        }
    }
}

/// The next frame that is not an event.
async fn next_answer(ws: &mut Ws) -> Option<Value> {
    loop {
        let frame = next(ws).await?;
        if frame["type"] != "event" {
            return Some(frame);
        }
    }
}

async fn hello(url: &str) -> Ws {
    let mut ws = connect(url).await;
    send(&mut ws, json!({"type": "hello", "protocol": 1})).await;
    let hello = next(&mut ws).await.unwrap();
    assert_eq!((hello["type"].as_str(), hello["protocol"].as_u64()), (Some("hello"), Some(1)), "{}", hello);
    ws
}

/// A connection logged in as `user`; the login's answer.
async fn login(url: &str, user: &str, sig: &str, platform: i32) -> (Ws, Value) {
    let mut ws = hello(url).await;
    send(&mut ws, json!({"type": "login", "id": 1, "user_id": user, "user_sig": sig, "platform": platform})).await;
    let reply = next_answer(&mut ws).await.unwrap();
    (ws, reply)
}

/// Sigs from Tencent's published Python TLSSigAPIv2 (PyPI tls-sig-api-v2,
/// which tests/deps.sh installs): `(app, secret, user, seconds valid)`,
/// signed `age` seconds ago.
fn python_sig_aged(app: u64, secret: &str, user: &str, expire: u64, age: u64) -> String {
    let script = format!(
        "import time, TLSSigAPIv2\nnow = time.time()\ntime.time = lambda: now - {}\nprint(TLSSigAPIv2.TLSSigAPIv2({}, {:?}).gen_sig({:?}, {}))",
        age, app, secret, user, expire
    );
    let out = std::process::Command::new("python3").args(["-c", &script]).output().expect("run python3");
    assert!(out.status.success(), "the Python signer (pip install tls-sig-api-v2): {}", String::from_utf8_lossy(&out.stderr));
    String::from_utf8(out.stdout).unwrap().trim().to_string()
}

fn python_sig(app: u64, secret: &str, user: &str, expire: u64) -> String {
    python_sig_aged(app, secret, user, expire, 0)
}

#[test]
fn sigs_from_tencents_signer_are_accepted_and_bad_ones_refused_with_tencents_codes() {
    let server = server(|c| {
        c.sdk_app_id = APP;
        c.secret_key = Some(SECRET.into());
    });
    let url = server.url();
    let good = python_sig(APP, SECRET, "alice", 86400);
    let cases = [
        ("a sig from Tencent's signer", good.clone(), 0),
        ("expired (signed a day ago for an hour)", python_sig_aged(APP, SECRET, "alice", 3600, 86400), 70001),
        ("forged (another secret)", python_sig(APP, "not-the-secret", "alice", 86400), 70003),
        ("another app's", python_sig(APP + 1, SECRET, "alice", 86400), 70003),
        ("another user's", python_sig(APP, SECRET, "bob", 86400), 70003),
        ("malformed", "eJyrVkrOz83N".to_string(), 70003),
        ("empty", String::new(), 70003),
    ];
    rt().block_on(async {
        for (what, sig, code) in cases {
            let (_, reply) = login(&url, "alice", &sig, 0).await;
            assert_eq!(reply["code"].as_i64(), Some(code), "{}: {}", what, reply);
            assert!(!reply["desc"].as_str().unwrap().is_empty() || code == 0, "{}: a sentence says why", what);
        }
    });
}

#[test]
fn a_session_whose_sig_expires_is_told_and_closed() {
    let server = server(|c| {
        c.sdk_app_id = APP;
        c.secret_key = Some(SECRET.into());
    });
    // Signers count whole seconds from a truncated clock: a sig for 3 s lasts 2 to 3.
    // Through the SDK: the callback fires, the client is logged out, the
    // connection is gone.
    let peer = common::Peer::connect(&server.url(), "alice", &python_sig(APP, SECRET, "alice", 3));
    common::eventually("the sig-expired callback", || peer.notices.lock().unwrap().contains(&"sig expired"));
    assert_eq!(peer.client.login_status(), huddle::client::LoginStatus::LoggedOut);
    common::eventually("the connection is closed", || peer.statuses.lock().unwrap().last() == Some(&1));
    let r = peer.client.call(huddle::service::Request::GroupGetJoinedGroupList, Box::new(|_| {}));
    assert_eq!(r, Err(huddle::client::Refused::NotLoggedIn));
    // And on the wire: the event, then the close.
    rt().block_on(async {
        let (mut ws, reply) = login(&server.url(), "bob", &python_sig(APP, SECRET, "bob", 3), 0).await;
        assert_eq!(reply["code"], 0);
        let event = next(&mut ws).await.expect("the expiry event");
        assert_eq!(event["event"]["kind"], "user_sig_expired");
        assert_eq!(next(&mut ws).await, None, "then the server closes the connection");
    });
}

#[test]
fn a_second_login_on_the_same_platform_ends_the_first() {
    let server = server(|_| {});
    rt().block_on(async {
        let (mut phone, reply) = login(&server.url(), "alice", "", 2).await;
        assert_eq!(reply["code"], 0);
        let (mut desktop, _) = login(&server.url(), "alice", "", 1).await;
        let (mut phone2, _) = login(&server.url(), "alice", "", 2).await;
        assert_eq!(next(&mut phone).await.unwrap()["event"]["kind"], "kicked_offline");
        assert_eq!(next(&mut phone).await, None, "the kicked session's connection is closed");
        for ws in [&mut desktop, &mut phone2] {
            send(ws, json!({"type": "call", "id": 5, "method": "GroupGetJoinedGroupList"})).await;
            assert_eq!(next_answer(ws).await.unwrap()["code"], 0, "other platforms and the new login stay");
        }
    });
}

#[test]
fn the_hello_comes_first_and_names_our_version() {
    let server = server(|_| {});
    rt().block_on(async {
        let mut ws = connect(&server.url()).await;
        send(&mut ws, json!({"type": "hello", "protocol": 2})).await;
        let error = next(&mut ws).await.unwrap();
        assert_eq!((error["type"].as_str(), error["code"].as_i64()), (Some("error"), Some(6017)), "{}", error);
        assert!(error["desc"].as_str().unwrap().contains("speaks 1"));
        assert_eq!(next(&mut ws).await, None);

        let mut ws = connect(&server.url()).await;
        send(&mut ws, json!({"type": "login", "id": 1, "user_id": "alice"})).await;
        assert_eq!(next(&mut ws).await.unwrap()["code"], 6017, "no login before the hello");
        assert_eq!(next(&mut ws).await, None);
    });
}

#[test]
fn a_bad_frame_gets_a_clear_answer_and_the_connection_goes_on() {
    let server = server(|_| {});
    rt().block_on(async {
        let (mut ws, _) = login(&server.url(), "alice", "", 0).await;
        ws.send(Message::text("{not json")).await.unwrap();
        assert_eq!(next(&mut ws).await.unwrap()["code"], 6027);
        send(&mut ws, json!({"type": "call", "id": 7, "method": "NoSuchMethod", "params": {}})).await;
        let reply = next(&mut ws).await.unwrap();
        assert_eq!((reply["id"].as_u64(), reply["code"].as_i64()), (Some(7), Some(6017)), "{}", reply);
        send(&mut ws, json!({"type": "call", "id": 8, "method": "GroupJoin", "params": {"group_id": 5}})).await;
        assert_eq!(next(&mut ws).await.unwrap()["code"], 6017);
        ws.send(Message::binary(vec![1, 2, 3])).await.unwrap();
        assert_eq!(next(&mut ws).await.unwrap()["code"], 6027);
        send(&mut ws, json!({"type": "call", "id": 9, "method": "GroupGetJoinedGroupList"})).await;
        let reply = next_answer(&mut ws).await.unwrap();
        assert_eq!((reply["id"].as_u64(), reply["code"].as_i64()), (Some(9), Some(0)), "still served: {}", reply);
        let mut anon = hello(&server.url()).await;
        send(&mut anon, json!({"type": "call", "id": 1, "method": "GroupGetJoinedGroupList"})).await;
        assert_eq!(next(&mut anon).await.unwrap()["code"], 6014, "calls need a login");
    });
}

#[test]
fn limits_refuse_with_codes_and_never_take_the_server_down() {
    let server = server(|c| {
        c.limits.max_connections = 3;
        c.limits.max_frame_bytes = 1024;
        c.limits.requests_per_second = 1;
        c.limits.request_burst = 5;
    });
    rt().block_on(async {
        let (mut ws, _) = login(&server.url(), "alice", "", 0).await;
        for id in 0..8 {
            send(&mut ws, json!({"type": "call", "id": id, "method": "GroupGetJoinedGroupList"})).await;
        }
        let mut codes = Vec::new();
        for _ in 0..8 {
            codes.push(next_answer(&mut ws).await.unwrap()["code"].as_i64().unwrap());
        }
        assert_eq!(codes, [0, 0, 0, 0, 0, 9506, 9506, 9506], "a burst of 5, then refused with 9506");

        let _second = hello(&server.url()).await;
        let _third = hello(&server.url()).await;
        let mut fourth = connect(&server.url()).await;
        let refused = next(&mut fourth).await.expect("an error frame");
        assert_eq!(refused["code"], 9511, "a fourth connection is refused: {}", refused);
        assert_eq!(next(&mut fourth).await, None);

        send(&mut ws, json!({"type": "call", "id": 99, "method": "GroupCreate", "params": {"create_group_param_group_name": "x".repeat(2000)}})).await;
        let error = next_answer(&mut ws).await.expect("an error frame");
        assert_eq!(error["code"], 9522, "a frame over the size limit: {}", error);
        assert_eq!(next(&mut ws).await, None, "ends the connection");
        let (_, reply) = login(&server.url(), "bob", "", 0).await;
        assert_eq!(reply["code"], 0, "the server serves on");
    });
}

#[test]
fn a_reader_that_falls_behind_is_cut_off_and_a_silent_one_times_out() {
    let server = server(|c| {
        c.limits.max_pending_bytes = 64 * 1024;
        c.limits.ping_interval_secs = 1;
        c.limits.idle_timeout_secs = 2;
        c.limits.requests_per_second = 100_000;
        c.limits.request_burst = 100_000;
        c.limits.group_msgs_per_second = 100_000;
        c.limits.member_msgs_per_second = 0;
        c.login_policy = huddle::config::LoginPolicy::Multi;
    });
    rt().block_on(async {
        let (mut talker, _) = login(&server.url(), "alice", "", 0).await;
        send(&mut talker, json!({"type": "call", "id": 1, "method": "GroupCreate", "params": {"create_group_param_group_id": "g", "create_group_param_group_name": "g", "create_group_param_group_type": 2}})).await;
        assert_eq!(next_answer(&mut talker).await.unwrap()["code"], 0);
        // A raw TCP peer that upgrades, logs in, joins, then never reads.
        let mut sleeper = login(&server.url(), "bob", "", 0).await.0;
        send(&mut sleeper, json!({"type": "call", "id": 2, "method": "GroupJoin", "params": {"group_id": "g", "hello_msg": ""}})).await;
        let text = "x".repeat(8 * 1024);
        for i in 0..200 {
            let msg = json!({"message_elem_array": [{"elem_type": 0, "text_elem_content": text}]});
            let params = json!({"conv": {"conv_type": 2, "conv_id": "g"}, "msg_id": format!("m{}", i), "param": msg});
            send(&mut talker, json!({"type": "call", "id": 10 + i, "method": "MsgSend", "params": params})).await;
            assert_eq!(next_answer(&mut talker).await.unwrap()["code"], 0, "the sender, who reads, is served throughout");
        }
        // The sleeper's queue passed 64 KiB: it was closed, not grown.
        let mut frames = 0;
        while next(&mut sleeper).await.is_some() {
            frames += 1;
        }
        assert!(frames < 200, "cut off before 200 messages of 8 KiB ({} frames)", frames);

        // A connection that says nothing and answers no ping is closed.
        let mut silent = connect(&server.url()).await;
        send(&mut silent, json!({"type": "hello", "protocol": 1})).await;
        let started = std::time::Instant::now();
        // Read nothing (so no pong goes back) until the server gives up.
        tokio::time::sleep(Duration::from_secs(4)).await;
        let mut closed = false;
        while let Ok(Some(msg)) = tokio::time::timeout(Duration::from_secs(5), silent.next()).await {
            if matches!(msg, Ok(Message::Close(_)) | Err(_)) {
                closed = true;
                break;
            }
        }
        assert!(closed || silent.next().await.is_none(), "the idle connection was closed after {:?}", started.elapsed());
    });
}

#[test]
fn a_stop_closes_every_connection_and_keeps_what_was_acknowledged() {
    let dir = tempfile::tempdir().unwrap();
    let mut server = common::ServerProcess::start(dir.path(), "");
    let peer = common::Peer::connect(&server.url(), "alice", "");
    peer.ok(common::create("kept", 2));
    assert!(server.stop().expect("it ran").success(), "SIGTERM: a clean exit");
    common::eventually("the client saw the connection go", || peer.statuses.lock().unwrap().last() == Some(&1));
    let mut server = common::ServerProcess::start(dir.path(), "");
    let again = common::Peer::connect(&server.url(), "bob", "");
    let info = again.ok(huddle::service::Request::GroupGetGroupInfoList { group_ids: vec!["kept".into()] });
    assert_eq!(info[0]["get_groups_info_result_code"], 0, "the group outlived the stop");
    server.stop();
}
