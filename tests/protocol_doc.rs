//! docs/protocol.md is written for people who write a client in another
//! language: every frame it shows must be one the code reads, and every
//! method the server serves must be in its table.

use huddle::protocol::{ClientFrame, ServerFrame};
use huddle::service::Request;

const DOC: &str = include_str!("../docs/protocol.md");

/// The ```json blocks of the doc.
fn json_blocks() -> Vec<&'static str> {
    DOC.split("```json\n").skip(1).map(|rest| rest.split("\n```").next().unwrap()).collect()
}

#[test]
fn every_frame_shown_is_one_the_code_reads() {
    let blocks = json_blocks();
    assert!(blocks.len() >= 12, "only {} frames found", blocks.len());
    for block in blocks {
        let client = serde_json::from_str::<ClientFrame>(block);
        let server = serde_json::from_str::<ServerFrame>(block);
        assert!(client.is_ok() || server.is_ok(), "neither a client nor a server frame: {}\n{:?}\n{:?}", block, client.err(), server.err());
    }
}

/// The method names the code knows, from serde's own list of them.
fn methods() -> Vec<String> {
    let err = serde_json::from_str::<Request>(r#"{"method": "?", "params": {}}"#).unwrap_err().to_string();
    let list = err.split("expected one of ").nth(1).unwrap_or_else(|| panic!("no variant list in {:?}", err));
    list.split('`').filter(|m| !m.is_empty() && m.chars().all(char::is_alphanumeric)).map(str::to_string).collect()
}

#[test]
fn every_method_is_in_the_table() {
    let methods = methods();
    assert!(methods.len() >= 30, "{:?}", methods);
    for method in &methods {
        assert!(DOC.contains(&format!("| `{}` |", method)), "docs/protocol.md has no row for {}", method);
    }
    let table = DOC.split("### Methods").nth(1).unwrap().split("\n\n").find(|p| p.starts_with("| method")).unwrap();
    assert_eq!(table.lines().count() - 2, methods.len(), "a row for a method the code does not serve");
}
