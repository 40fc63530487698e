//! The seed story on the embedded engine, two clients in one process:
//! alice creates a Public group, bob asks to join, alice approves, carol is
//! refused from a Work group, bob quits, alice disbands. Every tip is printed
//! as it arrives.
//!
//! Run: `cargo run --example quickstart`

use std::sync::mpsc;
use std::sync::Arc;

use huddle::client::{Client, SdkConfig};
use huddle::params::{CreateGroupParam, HandlePendencyParam, PendencyRef};
use huddle::service::{Request, Response};
use huddle::GroupType;

/// Logs in a thread-mode client whose tips are printed with the user's name.
fn login(user: &'static str) -> Client {
    let client = Client::new(SdkConfig::default()).expect("init");
    client.set_tip_listener(Some(Arc::new(move |tip: &huddle::engine::Json| println!("  [tip -> {}] {}", user, tip.as_str()))));
    wait(|done| client.login(user, "", done));
    client
}

/// Makes one call and waits for its callback.
fn wait(call: impl FnOnce(Box<dyn FnOnce(Response) + Send>) -> Result<(), huddle::client::Refused>) -> Response {
    let (tx, rx) = mpsc::channel();
    call(Box::new(move |r| tx.send(r).unwrap())).expect("the call was refused");
    rx.recv().expect("the callback runs exactly once")
}

fn step(who: &str, what: &str, client: &Client, req: Request) -> Response {
    let r = wait(|done| client.call(req, done));
    println!("{} {}: code {} {} {}", who, what, r.code, r.desc, r.json);
    r
}

fn create(id: &str, ty: GroupType) -> Request {
    Request::GroupCreate(CreateGroupParam { group_id: Some(id.into()), name: id.into(), group_type: Some(ty), ..Default::default() })
}

fn main() {
    let (alice, bob, carol) = (login("alice"), login("bob"), login("carol"));

    step("alice", "creates the Public group 'guild'", &alice, create("guild", GroupType::Public));
    step("bob", "asks to join", &bob, Request::GroupJoin { group_id: "guild".into(), hello_msg: "hi, I'm bob".into() });
    step("alice", "lists join requests", &alice, Request::GroupGetPendencyList(Default::default()));
    let approve = HandlePendencyParam { accept: true, msg: "welcome".into(), pendency: PendencyRef { group_id: "guild".into(), from: "bob".into(), key: None } };
    step("alice", "approves bob", &alice, Request::GroupHandlePendency(approve));

    step("alice", "creates the Work group 'office'", &alice, create("office", GroupType::Work));
    let refused = step("carol", "asks to join the Work group", &carol, Request::GroupJoin { group_id: "office".into(), hello_msg: String::new() });
    assert_eq!(refused.code, 8508, "Work groups are entered by invitation only");

    step("bob", "quits", &bob, Request::GroupQuit { group_id: "guild".into() });
    step("alice", "disbands 'guild'", &alice, Request::GroupDelete { group_id: "guild".into() });

    // Shutdown runs every callback still queued, so every tip above is printed.
    for c in [alice, bob, carol] {
        c.shutdown();
    }
}
