//! Three huddle-server nodes on one PostgreSQL and one NATS, each started
//! here on a free loopback port with its own temp dir: the C ABI test's
//! scenarios with their users spread over the nodes; a node SIGKILLed
//! mid-traffic (the leader, then another) with its clients reconnecting to
//! another node and nothing acknowledged lost, nothing doubled; and the rules
//! holding across nodes (concurrent ownership transfers leave one owner).
#![cfg(unix)]

mod common;
#[path = "common/cprog.rs"]
mod cprog;
#[path = "common/nodes.rs"]
mod nodes;
#[path = "common/pg.rs"]
mod pg;

use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Arc;
use std::time::{Duration, Instant};

use serde_json::{json, Value};

use common::*;
use nodes::*;

/// The limits of the network tests: loose enough for bursts.
const LOOSE: &str = r#"login_policy = "multi"
admins = ["root"]
[limits]
requests_per_second = 100000
request_burst = 100000
group_msgs_per_second = 100000
member_msgs_per_second = 0"#;

#[test]
fn the_c_scenarios_pass_with_their_users_on_three_nodes() {
    let cluster = Cluster::start(LOOSE);
    let dir = tempfile::tempdir().unwrap();
    let exe = dir.path().join("abi_test");
    cprog::compile(&exe);
    let urls = cluster.urls().join(",");
    let out = cprog::run_with(&exe, &[], &[("HUDDLE_TEST_SERVER_URL", &urls)]);
    assert!(String::from_utf8_lossy(&out.stdout).contains(" passed, 0 failed"), "abi_test printed no pass line");
    // What an operator watches: the leader counted the calls and timed its commits.
    let metrics = get(cluster.nodes[cluster.leader()].addr, "/metrics").expect("/metrics answers");
    for family in ["huddle_requests_total{method=\"GroupCreate\",code=\"0\"}", "huddle_commit_seconds_count", "huddle_deliveries_total", "huddle_leading 1"] {
        assert!(metrics.contains(family), "/metrics shows {}:\n{}", family, metrics);
    }
}

/// Alice on the leader, bob and carol on the others, all through balancers;
/// the node `victim` picks (given the leader's index) is SIGKILLed while
/// alice and bob send.
/// Sends of alice and bob each.
const EACH: usize = 200;

/// Alice, bob and carol in group "g", each on another node (alice on the
/// `first`th after the leader, bob and carol on the next two), alice and
/// bob sending `EACH` messages at once.
struct Traffic {
    _proxies: Vec<Proxy>,
    alice: Peer,
    bob: Peer,
    carol: Peer,
    outcomes: Outcomes,
    answered: Arc<AtomicUsize>,
}

impl Traffic {
    /// Starts it, and returns once some sends are answered.
    fn start(cluster: &Cluster, first: usize) -> Traffic {
        let leader = cluster.leader();
        let proxies: Vec<Proxy> = (0..3).map(|i| cluster.balancer((leader + first + i) % 3)).collect();
        let peer = |i: usize, user: &str| Peer::connect(&proxies[i].url(), user, "");
        let (alice, bob, carol) = (peer(0, "alice"), peer(1, "bob"), peer(2, "carol"));
        alice.ok(create("g", 2));
        bob.ok(join("g"));
        carol.ok(join("g"));
        let outcomes: Outcomes = Default::default();
        let answered = Arc::new(AtomicUsize::new(0));
        fire(&alice, "a", EACH, &outcomes, &answered);
        fire(&bob, "b", EACH, &outcomes, &answered);
        eventually("some sends are answered", || answered.load(Ordering::SeqCst) >= 40);
        Traffic { _proxies: proxies, alice, bob, carol, outcomes, answered }
    }

    /// Waits for the cluster to serve and every send to be answered, then
    /// checks that none was lost or doubled.
    fn finish(&self, cluster: &Cluster) {
        cluster.wait_serving();
        eventually_within("every send is answered", Duration::from_secs(60), || self.answered.load(Ordering::SeqCst) == 2 * EACH);
        assert_nothing_lost_or_doubled(&self.carol, &[&self.alice, &self.bob, &self.carol], &self.outcomes, 2 * EACH);
    }
}

fn kill_mid_traffic(victim: impl Fn(usize) -> usize) {
    let mut cluster = Cluster::start(LOOSE);
    let leader = cluster.leader();
    let t = Traffic::start(&cluster, 0);
    let killed = victim(leader);
    cluster.nodes[killed].kill();
    let before = t.answered.load(Ordering::SeqCst);
    assert!(before < 2 * EACH, "the kill came mid-traffic ({} of {} answered)", before, 2 * EACH);
    t.finish(&cluster);
    if killed == leader {
        assert_ne!(cluster.leader(), killed, "another node leads");
    }
    // The client whose node died lost its connection and came back by itself.
    let moved = [&t.alice, &t.bob, &t.carol][(killed + 3 - leader) % 3];
    let statuses = moved.statuses.lock().unwrap().clone();
    assert!(statuses.windows(3).any(|w| w == [1, 2, 0]), "{} reconnected: {:?}", moved.user, statuses);
}

#[test]
fn the_leader_killed_mid_traffic_loses_nothing_and_another_node_leads() {
    kill_mid_traffic(|leader| leader);
}

#[test]
fn a_node_killed_mid_traffic_loses_nothing_its_clients_move_on() {
    kill_mid_traffic(|leader| (leader + 1) % 3);
}

#[test]
fn owners_transferred_at_once_from_two_nodes_leave_one_owner() {
    let cluster = Cluster::start(LOOSE);
    let urls = cluster.urls();
    let owner = Peer::connect(&urls[0], "owner", "");
    owner.ok(req(json!({"method": "GroupCreate", "params": {
        "create_group_param_group_id": "pub", "create_group_param_group_name": "pub", "create_group_param_group_type": 0,
        "create_group_param_group_member_array": [{"group_member_info_identifier": "x"}, {"group_member_info_identifier": "y"}]}})));
    let others: Vec<Peer> = ["x", "y"].iter().enumerate().map(|(i, u)| Peer::connect(&urls[i + 1], u, "")).collect();
    // Two sessions of the owner, on two nodes, hand the group to two users at once.
    let owner_again = Peer::connect(&urls[2], "owner", "");
    let transfer = |p: &Peer, to: &str| {
        p.call(req(json!({"method": "GroupModifyGroupInfo", "params": {
            "group_modify_info_param_group_id": "pub", "group_modify_info_param_modify_flag": 0x8000_0000u32, "group_modify_info_param_owner": to}})))
    };
    let (a, b) = std::thread::scope(|s| {
        let a = s.spawn(|| transfer(&owner, "x"));
        let b = s.spawn(|| transfer(&owner_again, "y"));
        (a.join().unwrap(), b.join().unwrap())
    });
    assert!(a.code == 0 || b.code == 0, "one transfer succeeds: {:?} {:?}", a, b);
    assert!(a.code != 0 || b.code != 0, "the second, run after the first, is no longer the owner's to make: {:?} {:?}", a, b);
    let members = others[0].ok(req(json!({"method": "GroupGetMemberInfoList", "params": {"group_get_members_info_list_param_group_id": "pub"}})));
    let owners: Vec<&Value> = members["group_get_member_info_list_result_info_array"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|m| m["group_member_info_member_role"] == 400)
        .collect();
    assert_eq!(owners.len(), 1, "one owner: {:?}", members);
}

/// Waits for `cond` for up to `within`.
fn eventually_within(what: &str, within: Duration, mut cond: impl FnMut() -> bool) {
    let deadline = Instant::now() + within;
    while !cond() {
        assert!(Instant::now() < deadline, "timed out waiting: {}", what);
        std::thread::sleep(Duration::from_millis(20));
    }
}

#[test]
fn nats_paused_mid_traffic_loses_nothing() {
    let cluster = Cluster::start(LOOSE);
    let leader = cluster.leader();
    // Alice and bob on other nodes than the leader, carol on it.
    let t = Traffic::start(&cluster, 1);
    // Shorter than a lease: held in the clients of NATS, then delivered.
    cluster.pause_nats(Duration::from_millis(800));
    // Longer: the other nodes lose the leader and close their clients, which come back.
    cluster.pause_nats(Duration::from_secs(4));
    t.finish(&cluster);
    assert_eq!(cluster.leader(), leader, "the leader kept its lease through the bus's outage");
}

impl Cluster {
    /// Stops nats-server (SIGSTOP) for `d`, then lets it go on.
    fn pause_nats(&self, d: Duration) {
        let pid = self.nats.child.id() as i32;
        // SAFETY: kill(2) on our own child's pid.
        unsafe { libc::kill(pid, libc::SIGSTOP) };
        std::thread::sleep(d);
        // SAFETY: as above.
        unsafe { libc::kill(pid, libc::SIGCONT) };
    }
}
