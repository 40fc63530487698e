//! The seed story on the embedded engine, three clients in one process:
//! alice creates a Public group, bob asks to join, alice approves, carol is
//! refused from a Work group, bob quits, alice disbands. Every tip is printed
//! as its user's client receives it.
//!
//! Run: `cargo run --example quickstart`

use std::sync::mpsc;
use std::sync::Arc;

use huddle::client::{Client, Refused, SdkConfig};
use huddle::params::{CreateGroupParam, HandlePendencyParam, PendencyRef};
use huddle::response::Response;
use huddle::service::Request;
use huddle::GroupType;

/// A poll-mode client, as a game loop drives it; tips are printed with the user's name.
fn login(user: &'static str) -> Client {
    let config = SdkConfig { callback_mode: Some("poll".into()), ..SdkConfig::default() };
    let client = Client::new(config).expect("init");
    client.set_tip_listener(Some(Arc::new(move |tip: &huddle::event::Json| println!("  [tip -> {}] {}", user, tip.as_str()))));
    wait(&client, |done| client.login(user, "", done));
    client
}

/// Makes one call and polls until its callback has run.
fn wait(client: &Client, call: impl FnOnce(Box<dyn FnOnce(Response) + Send>) -> Result<(), Refused>) -> Response {
    let (tx, rx) = mpsc::channel();
    call(Box::new(move |r| tx.send(r).unwrap())).expect("the call was refused");
    loop {
        client.poll(1);
        if let Ok(r) = rx.try_recv() {
            return r;
        }
    }
}

/// One step of the story: the call, its result, then every tip it caused.
fn step(clients: &[&Client], who: &str, what: &str, client: &Client, req: Request) -> Response {
    let r = wait(client, |done| client.call(req, done));
    println!("{} {}: code {} {} {}", who, what, r.code, r.desc, r.json);
    for c in clients {
        c.poll(u32::MAX);
    }
    r
}

fn create(id: &str, ty: GroupType) -> Request {
    Request::GroupCreate(CreateGroupParam { group_id: Some(id.into()), name: id.into(), group_type: Some(ty), ..Default::default() })
}

fn main() {
    let (alice, bob, carol) = (login("alice"), login("bob"), login("carol"));
    let all = [&alice, &bob, &carol];

    step(&all, "alice", "creates the Public group 'guild'", &alice, create("guild", GroupType::Public));
    step(&all, "bob", "asks to join", &bob, Request::GroupJoin { group_id: "guild".into(), hello_msg: "hi, I'm bob".into() });
    step(&all, "alice", "lists join requests", &alice, Request::GroupGetPendencyList(Default::default()));
    let approve = HandlePendencyParam { accept: true, msg: "welcome".into(), pendency: PendencyRef { group_id: "guild".into(), from: "bob".into(), key: None } };
    step(&all, "alice", "approves bob", &alice, Request::GroupHandlePendency(approve));

    step(&all, "alice", "creates the Work group 'office'", &alice, create("office", GroupType::Work));
    let refused = step(&all, "carol", "asks to join the Work group", &carol, Request::GroupJoin { group_id: "office".into(), hello_msg: String::new() });
    assert_eq!(refused.code, 8508, "Work groups are entered by invitation only");

    step(&all, "bob", "quits", &bob, Request::GroupQuit { group_id: "guild".into() });
    step(&all, "alice", "disbands 'guild'", &alice, Request::GroupDelete { group_id: "guild".into() });

    for c in all {
        c.shutdown();
    }
}
