//! Crash safety of the durable embedded engine: a process that writes as
//! fast as it can is SIGKILLed at a random moment, twenty times, on the same
//! data dir. After each kill the dir opens again, every operation whose
//! callback reported success is there, the last acknowledged message is
//! found by a search (the index is written with it), and SQLite's and
//! FTS5's integrity checks pass.

use std::io::Write;
use std::path::Path;
use std::process::{Command, Stdio};
use std::time::Duration;

use serde_json::json;

use huddle::client::{Client, SdkConfig};
use huddle::engine::EngineConfig;
use huddle::params::SearchParam;
use huddle::service::Request;
use huddle::Engine;

const KILLS: usize = 20;

/// The child: writes until it is killed, appending to `journal` a line per
/// operation whose callback reported success ("group <id>" or "msg <group>
/// <text>"), written before the next call, so the journal never claims
/// more than was acknowledged.
#[test]
fn child_writes_until_killed() {
    let (Ok(dir), Ok(journal), Ok(round)) = (std::env::var("HUDDLE_CRASH_DIR"), std::env::var("HUDDLE_CRASH_JOURNAL"), std::env::var("HUDDLE_CRASH_ROUND")) else {
        return;
    };
    let config: SdkConfig = serde_json::from_value(json!({"sdk_config_data_dir": dir, "callback_mode": "thread", "sdk_config_group_msg_per_second": 1000000})).unwrap();
    let client = Client::new(config).unwrap();
    let (tx, rx) = std::sync::mpsc::channel();
    let login = tx.clone();
    client.login("writer", "", Box::new(move |r| login.send(r.code).unwrap())).unwrap();
    assert_eq!(rx.recv().unwrap(), 0);
    let journal = std::fs::OpenOptions::new().append(true).create(true).open(journal).unwrap();
    let journal = std::sync::Arc::new(std::sync::Mutex::new(journal));
    for i in 0.. {
        let group = format!("r{}-g{}", round, i / 20);
        let (req, line) = if i % 20 == 0 {
            let create = json!({"method": "GroupCreate", "params": {"create_group_param_group_id": group, "create_group_param_group_name": group, "create_group_param_group_type": 2}});
            (serde_json::from_value::<Request>(create).unwrap(), format!("group {}\n", group))
        } else {
            let text = format!("r{}-m{}", round, i);
            let send = json!({"method": "MsgSend", "params": {"conv": {"conv_type": 2, "conv_id": group}, "msg_id": text, "param": {"message_elem_array": [{"elem_type": 0, "text_elem_content": text}]}}});
            (serde_json::from_value::<Request>(send).unwrap(), format!("msg {} {}\n", group, text))
        };
        // Many calls in flight: the callback journals, the loop does not wait.
        let (j, done) = (std::sync::Arc::clone(&journal), tx.clone());
        client
            .call(req, Box::new(move |r| {
                if r.code == 0 {
                    j.lock().unwrap().write_all(line.as_bytes()).unwrap();
                }
                let _ = done.send(r.code);
            }))
            .unwrap();
        // Keep a few hundred calls in flight at most.
        if i % 200 == 199 {
            for _ in 0..150 {
                rx.recv().unwrap();
            }
        }
    }
}

fn check(dir: &Path, journal: &Path) -> usize {
    let text = std::fs::read_to_string(journal).unwrap_or_default();
    let e = Engine::open(EngineConfig { data_dir: Some(dir.to_path_buf()), ..EngineConfig::default() }).expect("the data dir opens after a kill");
    let mut acknowledged = 0;
    let mut last_msg = None;
    for line in text.lines() {
        let words: Vec<&str> = line.split(' ').collect();
        match words.as_slice() {
            ["group", id] => {
                let info = e.read("writer", |s, c| Ok(s.group_info(c, &[id.to_string()]))).unwrap();
                assert!(info[0].1.is_ok(), "group {} was acknowledged, and is lost", id);
            }
            ["msg", group, text] => {
                let thread = huddle::model::Thread::Group(group.to_string());
                let found = e.read("writer", |s, _| Ok(s.threads.get(&thread).is_some_and(|t| t.messages.values().any(|m| m.msg_id == *text)))).unwrap();
                assert!(found, "message {} was acknowledged, and is lost", text);
                last_msg = Some((group.to_string(), text.to_string()));
            }
            // The kill may cut the last line short: it was not yet a claim.
            _ => assert!(line == text.lines().last().unwrap(), "a journal line in the middle is whole: {:?}", line),
        }
        acknowledged += 1;
    }
    if let Some((group, text)) = last_msg {
        let param = SearchParam { keywords: vec![text.clone()], conv_id: group, conv_type: 2, ..SearchParam::default() };
        let result = e.search_messages("writer", &param).unwrap();
        let texts: Vec<&str> = result["msg_search_result_item_array"][0]["msg_search_result_item_message_array"]
            .as_array()
            .map_or(Vec::new(), |ms| ms.iter().filter_map(|m| m["message_elem_array"][0]["text_elem_content"].as_str()).collect());
        assert!(texts.contains(&text.as_str()), "the last acknowledged message, {}, is found by a search: {:?}", text, texts);
    }
    drop(e);
    let db = rusqlite::Connection::open(dir.join("huddle.db")).unwrap();
    let verdict: String = db.query_row("PRAGMA integrity_check", [], |row| row.get(0)).unwrap();
    assert_eq!(verdict, "ok", "SQLite's integrity check");
    db.execute("INSERT INTO search_fts (search_fts) VALUES ('integrity-check')", []).expect("FTS5's integrity check of the search index");
    acknowledged
}

#[test]
fn twenty_kills_at_random_moments_lose_nothing_acknowledged() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    let journal = dir.path().join("journal");
    let mut seed = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).unwrap().subsec_nanos() as u64 | 1;
    let mut last = 0;
    for round in 0..KILLS {
        let mut child = Command::new(std::env::current_exe().unwrap())
            .args(["--exact", "child_writes_until_killed", "--nocapture", "--test-threads=1"])
            .env("HUDDLE_CRASH_DIR", &data)
            .env("HUDDLE_CRASH_JOURNAL", &journal)
            .env("HUDDLE_CRASH_ROUND", round.to_string())
            .stdout(Stdio::null())
            .spawn()
            .unwrap();
        seed ^= seed << 13;
        seed ^= seed >> 7;
        seed ^= seed << 17;
        std::thread::sleep(Duration::from_millis(150 + seed % 450));
        child.kill().unwrap();
        child.wait().unwrap();
        let acknowledged = check(&data, &journal);
        assert!(acknowledged >= last, "the journal only grows");
        last = acknowledged;
    }
    assert!(last > KILLS * 10, "the children wrote something before their kills ({} acknowledged)", last);
}
