//! Concurrency stress: 50 clients with 8 threads each hammer the same groups
//! (create, join, invite, kick, quit, modify, mute, send, recall) for a few
//! seconds, then the invariants are checked: one owner per group, no member
//! twice, member counts equal member lists, every message delivered exactly
//! once to every member who could read it, every tip at most once, and
//! every item of a group in one order for all its members. Once with
//! thread-mode clients; once in poll mode, with wake callbacks that poll
//! and listeners that call back into the library. A watchdog fails the test
//! instead of letting a deadlock hang CI.

use std::collections::{HashMap, HashSet};
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::{mpsc, Arc, Mutex};
use std::time::{Duration, Instant};

use serde_json::{json, Value};

use huddle::client::{Client, SdkConfig};
use huddle::event::Json;
use huddle::model::Thread;
use huddle::service::{ConvRef, Request};
use huddle::types::ConvType;

const CLIENTS: usize = 50;
const THREADS: usize = 8;
const GROUPS: usize = 6;
const HAMMER: Duration = Duration::from_secs(3);
/// Everything, hammering and checking, within this or the test fails.
const WATCHDOG: Duration = Duration::from_secs(120);

/// A small xorshift generator: each thread its own, no shared state.
struct Rng(u64);

impl Rng {
    fn below(&mut self, n: usize) -> usize {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        (self.0 % n as u64) as usize
    }
}

/// What one client heard, in order: ("g:<group>", id) for messages and tips.
type Heard = Arc<Mutex<Vec<(String, String)>>>;

struct Peer {
    user: String,
    client: Client,
    heard: Heard,
}

fn req(v: Value) -> Request {
    serde_json::from_value(v).unwrap()
}

fn group_id(i: usize) -> String {
    format!("stress-{}", i)
}

fn user_id(i: usize) -> String {
    format!("u{}", i)
}

/// One random operation of user `me`.
fn act(client: &Client, me: usize, rng: &mut Rng, sent: &AtomicUsize) {
    let g = group_id(rng.below(GROUPS));
    let other = user_id(rng.below(CLIENTS));
    let request = match rng.below(12) {
        0..=3 => {
            let n = sent.fetch_add(1, Ordering::Relaxed);
            let param = json!({"message_elem_array": [{"elem_type": 0, "text_elem_content": format!("{}-{}", me, n)}]});
            req(json!({"method": "MsgSend", "params": {"conv": {"conv_type": 2, "conv_id": g}, "msg_id": format!("s-{}-{}", me, n), "param": param}}))
        }
        4 => Request::GroupJoin { group_id: g, hello_msg: String::new() },
        5 => Request::GroupQuit { group_id: g },
        6 => req(json!({"method": "GroupInviteMember", "params": {"group_invite_member_param_group_id": g, "group_invite_member_param_identifier_array": [other]}})),
        7 => req(json!({"method": "GroupDeleteMember", "params": {"group_delete_member_param_group_id": g, "group_delete_member_param_identifier_array": [other]}})),
        8 => req(json!({"method": "GroupModifyGroupInfo", "params": {"group_modify_info_param_group_id": g, "group_modify_info_param_modify_flag": 1, "group_modify_info_param_group_name": format!("n{}", rng.below(100))}})),
        9 => req(json!({"method": "GroupModifyMemberInfo", "params": {"group_modify_member_info_group_id": g, "group_modify_member_info_identifier": other, "group_modify_member_info_modify_flag": 4, "group_modify_member_info_shutup_time": rng.below(2)}})),
        10 => req(json!({"method": "GroupModifyMemberInfo", "params": {"group_modify_member_info_group_id": g, "group_modify_member_info_identifier": other, "group_modify_member_info_modify_flag": 2, "group_modify_member_info_member_role": if rng.below(2) == 0 { 300 } else { 200 }}})),
        _ => {
            let seq = 1 + rng.below(20);
            Request::MsgRevoke { conv: ConvRef { conv_type: ConvType::Group, conv_id: g }, msg: serde_json::from_value(json!({"message_seq": seq})).unwrap() }
        }
    };
    // Refusals (no permission, not a member, muted...) are part of the storm.
    let _ = client.call(request, Box::new(|_| {}));
}

/// Records messages and tips by group, in order.
fn listen(client: &Client, heard: &Heard) {
    let h = Arc::clone(heard);
    client.add_message_listener(
        1,
        Arc::new(move |json: &Json| {
            let msgs: Value = serde_json::from_str(json.as_str()).unwrap();
            let mut h = h.lock().unwrap();
            for m in msgs.as_array().unwrap() {
                if m["message_conv_type"] == 2 {
                    h.push((m["message_conv_id"].as_str().unwrap().to_string(), m["message_msg_id"].as_str().unwrap().to_string()));
                }
            }
        }),
    );
}

fn config(dir: &std::path::Path, mode: &str) -> SdkConfig {
    serde_json::from_value(json!({
        "sdk_config_data_dir": dir, "callback_mode": mode, "sdk_config_group_msg_per_second": 1000000,
        "sdk_config_admin_user_ids": ["u0"],
    }))
    .unwrap()
}

fn storm(mode: &'static str) {
    let dir = tempfile::tempdir().unwrap();
    let (done_tx, done_rx) = mpsc::channel();
    let path = dir.path().to_path_buf();
    std::thread::spawn(move || {
        let peers: Vec<Arc<Peer>> = (0..CLIENTS)
            .map(|i| {
                let client = Client::new(config(&path, mode)).unwrap();
                let heard: Heard = Default::default();
                listen(&client, &heard);
                client.login(&user_id(i), "", Box::new(|_| {})).unwrap();
                Arc::new(Peer { user: user_id(i), client, heard })
            })
            .collect();
        let poll_all = |peers: &[Arc<Peer>]| peers.iter().map(|p| p.client.poll(u32::MAX)).sum::<u32>();
        if mode == "poll" {
            poll_all(&peers);
            for p in &peers {
                // A wake callback that calls back: it polls, on whatever thread woke it.
                let again = p.client.clone();
                p.client.set_wake(Some(Arc::new(move || {
                    again.poll(64);
                })));
                // And a listener that calls back into the library from its callback.
                let again = p.client.clone();
                p.client.add_message_listener(
                    2,
                    Arc::new(move |json: &Json| {
                        let m: Value = serde_json::from_str(json.as_str()).unwrap();
                        if let Some(g) = m[0]["message_conv_id"].as_str().filter(|_| m[0]["message_conv_type"] == 2) {
                            let conv = ConvRef { conv_type: ConvType::Group, conv_id: g.to_string() };
                            let _ = again.call(Request::MsgReportReaded { conv, msg: None }, Box::new(|_| {}));
                        }
                    }),
                );
            }
        }
        // u0, an app admin, makes the groups; everyone joins them.
        for i in 0..GROUPS {
            let ty = [0, 2, 1, 5, 2, 0][i];
            let create = req(json!({"method": "GroupCreate", "params": {"create_group_param_group_id": group_id(i), "create_group_param_group_name": "s", "create_group_param_group_type": ty, "create_group_param_add_option": 2}}));
            peers[0].client.call(create, Box::new(|_| {})).unwrap();
        }
        peers[0].client.sync();
        for p in &peers[1..] {
            for i in 0..GROUPS {
                let _ = p.client.call(Request::GroupJoin { group_id: group_id(i), hello_msg: String::new() }, Box::new(|_| {}));
            }
        }
        let stop = Arc::new(AtomicBool::new(false));
        let sent = Arc::new(AtomicUsize::new(0));
        let workers: Vec<_> = peers
            .iter()
            .enumerate()
            .flat_map(|(i, p)| (0..THREADS).map(move |t| (i, t, Arc::clone(p))))
            .map(|(i, t, p)| {
                let (stop, sent) = (Arc::clone(&stop), Arc::clone(&sent));
                std::thread::spawn(move || {
                    let mut rng = Rng(0x9E37_79B9 ^ (((i * THREADS + t) as u64 + 1) * 0x2545_F491));
                    while !stop.load(Ordering::Relaxed) {
                        act(&p.client, i, &mut rng, &sent);
                        if mode == "poll" && rng.below(4) == 0 {
                            p.client.poll(64);
                        }
                    }
                })
            })
            .collect();
        std::thread::sleep(HAMMER);
        stop.store(true, Ordering::Relaxed);
        for w in workers {
            w.join().unwrap();
        }
        // Quiet: every call answered, every event handed over and run.
        for p in &peers {
            p.client.sync();
        }
        let deadline = Instant::now() + Duration::from_secs(30);
        while (poll_all(&peers) > 0 || peers.iter().any(|p| p.client.queued() > 0)) && Instant::now() < deadline {
            std::thread::sleep(Duration::from_millis(5));
        }
        let engine = huddle::transport::shared_engine(Some(path.clone()), &[], Default::default()).unwrap();
        engine.sync().unwrap();
        done_tx.send((peers, engine, sent.load(Ordering::Relaxed))).ok();
    });
    let (peers, engine, sent) = done_rx.recv_timeout(WATCHDOG).expect("no deadlock: the storm ended within the watchdog's time");
    check(&peers, &engine, sent);
    for p in &peers {
        p.client.shutdown();
    }
}

fn check(peers: &[Arc<Peer>], engine: &huddle::Engine, sent: usize) {
    let state = engine.read("u0", |s, ctx| {
        let mut groups = Vec::new();
        for i in 0..GROUPS {
            let id = group_id(i);
            let Some(g) = s.groups.get(&id) else { continue };
            let members: Vec<(String, huddle::Role)> = g.by_seq.values().map(|u| (u.clone(), g.members[u].role)).collect();
            let info = s.group_info(ctx, std::slice::from_ref(&id)).remove(0).1.unwrap();
            // Who should have each message: every reader of it but its sender.
            let thread = Thread::Group(id.clone());
            let messages: Vec<(String, HashSet<String>)> = s
                .threads
                .get(&thread)
                .map(|log| {
                    log.messages
                        .values()
                        .map(|m| {
                            let readers = (0..CLIENTS)
                                .map(user_id)
                                .filter(|u| *u != m.sender && s.conv(u, &thread).is_some_and(|c| c.shows(m)))
                                .collect();
                            (m.msg_id.clone(), readers)
                        })
                        .collect()
                })
                .unwrap_or_default();
            groups.push((id, members, info.0.owner.clone(), info.1, g.members.len(), messages));
        }
        Ok(groups)
    });
    let groups = state.unwrap();
    assert!(sent > 100, "the storm sent messages ({})", sent);
    let mut delivered = 0;
    for (id, members, owner, member_num, member_map, messages) in &groups {
        let owners: Vec<&String> = members.iter().filter(|(_, r)| *r == huddle::Role::Owner).map(|(u, _)| u).collect();
        assert!(owners.len() <= 1, "{}: one owner at most: {:?}", id, owners);
        if let Some(o) = owners.first() {
            assert_eq!(*o, owner, "{}: the profile names the owner", id);
        }
        let unique: HashSet<&String> = members.iter().map(|(u, _)| u).collect();
        assert_eq!(unique.len(), members.len(), "{}: no member twice", id);
        assert_eq!(*member_num as usize, members.len(), "{}: the member count is the member list's", id);
        assert_eq!(*member_map, members.len(), "{}: the index agrees", id);
        // A reader now (a member since before it and still, or until it
        // left) heard it once; others (who left and came back since) at most once.
        for (msg_id, readers) in messages {
            for p in peers {
                let times = p.heard.lock().unwrap().iter().filter(|(g, m)| g == id && m == msg_id).count();
                if readers.contains(&p.user) {
                    assert_eq!(times, 1, "{}: {} heard message {} {} times", id, p.user, msg_id, times);
                } else {
                    assert!(times <= 1, "{}: {} heard message {} {} times", id, p.user, msg_id, times);
                }
                delivered += times;
            }
        }
    }
    assert!(delivered > 0, "messages were delivered");
    // Tips arrive as messages too: none twice, and one order for everyone.
    let heard: Vec<Vec<(String, String)>> = peers.iter().map(|p| p.heard.lock().unwrap().clone()).collect();
    for h in &heard {
        let unique: HashSet<&(String, String)> = h.iter().collect();
        assert_eq!(unique.len(), h.len(), "nothing heard twice");
    }
    let positions: Vec<HashMap<&(String, String), usize>> = heard.iter().map(|h| h.iter().enumerate().map(|(i, x)| (x, i)).collect()).collect();
    for a in 0..heard.len() {
        for b in a + 1..heard.len() {
            let common: Vec<usize> = heard[b].iter().filter_map(|x| positions[a].get(x).copied()).collect();
            assert!(common.windows(2).all(|w| w[0] < w[1]), "{} and {} heard common items in different orders", peers[a].user, peers[b].user);
        }
    }
}

#[test]
fn fifty_thread_mode_clients_hammer_the_same_groups() {
    storm("thread");
}

#[test]
fn fifty_poll_mode_clients_with_callbacks_that_call_back() {
    storm("poll");
}
