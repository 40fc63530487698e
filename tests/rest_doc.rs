//! docs/rest.md is the REST API's reference: every command of the server is
//! there, and every request shown parses as the server parses it.

use huddle::service::rest::history::Query;
use huddle::service::rest::{Command, COMMANDS};

/// The server's own commands (message logs), besides `COMMANDS`.
const LOG_COMMANDS: [&str; 2] = ["open_msg_svc/get_history", "open_msg_svc/delete_history"];

/// Each `### `path`` section's first JSON block: its request.
fn requests(doc: &str) -> Vec<(String, String)> {
    let mut found = Vec::new();
    for section in doc.split("\n### `").skip(1) {
        let path = section.split('`').next().unwrap().to_string();
        let body = section.split("```json\n").nth(1).and_then(|b| b.split("\n```").next()).unwrap_or_else(|| panic!("{} shows no request", path));
        found.push((path, body.to_string()));
    }
    found
}

#[test]
fn every_command_is_documented_and_its_example_parses() {
    let doc = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/docs/rest.md")).unwrap();
    let shown = requests(&doc);
    for path in COMMANDS.iter().map(|(p, _)| *p).chain(LOG_COMMANDS) {
        assert!(shown.iter().any(|(p, _)| p == path), "docs/rest.md does not show {}", path);
    }
    for (path, body) in &shown {
        if LOG_COMMANDS.contains(&path.as_str()) {
            Query::parse(body.as_bytes()).unwrap_or_else(|e| panic!("{}: {}", path, e.desc));
        } else {
            Command::parse(path, body.as_bytes()).unwrap_or_else(|e| panic!("{}: {} ({})", path, e.desc, body));
        }
    }
    assert_eq!(shown.len(), COMMANDS.len() + LOG_COMMANDS.len(), "each command is shown once");
}

#[test]
fn unknown_commands_and_bodies_are_refused_with_tencents_codes() {
    let code = |path: &str, body: &str| Command::parse(path, body.as_bytes()).unwrap_err().code.as_i32();
    assert_eq!(code("group_open_http_svc/no_such", "{}"), 10003);
    assert_eq!(code("no_such_svc/x", "{}"), 60009);
    assert_eq!(code("group_open_http_svc/destroy_group", "{"), 60003);
    assert_eq!(code("group_open_http_svc/destroy_group", "[]"), 60003);
    assert_eq!(code("group_open_http_svc/destroy_group", "{}"), 10004, "GroupId is required");
    assert_eq!(code("group_open_http_svc/create_group", r#"{"Type":"Nope","Name":"x"}"#), 10004);
    assert!(Command::parse("group_open_http_svc/get_appid_group_list", b"").is_ok(), "an empty body is {{}}");
}
