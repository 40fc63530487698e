//! The committed header is the one build.rs generates, and its version
//! macros agree with Cargo.toml and with `HuddleGetSDKVersion`.

use std::process::Command;

const GENERATED: &str = include_str!(concat!(env!("OUT_DIR"), "/huddle.h"));

#[test]
fn committed_header_is_up_to_date() {
    let root = env!("CARGO_MANIFEST_DIR");
    let committed = Command::new("git").args(["show", "HEAD:include/huddle.h"]).current_dir(root).output();
    let committed = match committed {
        Ok(out) if out.status.success() => String::from_utf8(out.stdout).unwrap(),
        // Outside a git checkout (a packaged crate) compare with the file.
        _ => std::fs::read_to_string(format!("{}/include/huddle.h", root)).unwrap(),
    };
    assert!(
        committed == GENERATED,
        "include/huddle.h in HEAD differs from what build.rs generates: commit the regenerated header"
    );
}

fn macro_value(name: &str) -> String {
    let line = GENERATED.lines().find(|l| l.starts_with(&format!("#define {} ", name))).unwrap_or_else(|| panic!("no {}", name));
    line.split_whitespace().nth(2).unwrap().trim_matches('"').to_string()
}

#[test]
fn version_macros_match_the_crate() {
    let (major, minor, patch): (u32, u32, u32) = (
        env!("CARGO_PKG_VERSION_MAJOR").parse().unwrap(),
        env!("CARGO_PKG_VERSION_MINOR").parse().unwrap(),
        env!("CARGO_PKG_VERSION_PATCH").parse().unwrap(),
    );
    assert_eq!(macro_value("HUDDLE_VERSION"), env!("CARGO_PKG_VERSION"));
    assert_eq!(macro_value("HUDDLE_VERSION_MAJOR"), major.to_string());
    assert_eq!(macro_value("HUDDLE_VERSION_MINOR"), minor.to_string());
    assert_eq!(macro_value("HUDDLE_VERSION_PATCH"), patch.to_string());
    assert_eq!(macro_value("HUDDLE_VERSION_NUMBER"), (major * 1_000_000 + minor * 1_000 + patch).to_string());
    assert_eq!(huddle::VERSION, env!("CARGO_PKG_VERSION"));
}

#[test]
fn every_exported_function_is_documented() {
    let lines: Vec<&str> = GENERATED.lines().collect();
    let exported: Vec<usize> = (0..lines.len()).filter(|&i| lines[i].starts_with("HUDDLE_API")).collect();
    for &i in &exported {
        assert_eq!(lines[i - 1].trim(), "*/", "undocumented: {} {}", lines[i], lines[i + 1]);
    }
    assert!(exported.len() >= 25, "only {} exported functions found", exported.len());
}

/// `Code::ALL` (behind `from_i32` and `HuddleResultString`) is written out by
/// hand beside the enum; the header's `HuddleCode`, generated from the enum,
/// names every variant, so each must be found in it.
#[test]
fn every_error_code_is_known_at_run_time() {
    let codes: Vec<i32> = GENERATED
        .lines()
        .filter_map(|l| l.trim().strip_prefix("HUDDLE_CODE_"))
        .filter_map(|l| l.split(" = ").nth(1))
        .map(|v| v.trim_end_matches(',').parse().unwrap())
        .collect();
    assert!(codes.len() >= 30, "only {} codes in the header", codes.len());
    for code in codes {
        assert!(huddle::Code::from_i32(code).is_some(), "{} is in HuddleCode but not in Code::ALL", code);
    }
    assert_eq!(huddle::Code::ALL.len(), GENERATED.matches("  HUDDLE_CODE_").count());
}
