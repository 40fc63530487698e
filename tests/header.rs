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

/// Every code of the header's `HuddleCode` is known at run time (it is
/// generated from the same enum, so this holds `from_i32` and
/// `HuddleResultString`'s table to it).
#[test]
fn every_error_code_is_known_at_run_time() {
    let codes = header_enum("HuddleCode", "HUDDLE_CODE_");
    assert!(codes.len() >= 30, "only {} codes in the header", codes.len());
    for (_, code) in &codes {
        assert!(huddle::Code::from_i32(*code).is_some(), "{} is in HuddleCode but not known at run time", code);
    }
    assert_eq!(huddle::Code::all().count(), codes.len());
}

/// The `NAME = value` items of a C enum of the header, names without `prefix`.
fn header_enum(name: &str, prefix: &str) -> Vec<(String, i32)> {
    let body = GENERATED.split(&format!("enum {}", name)).nth(1).unwrap_or_else(|| panic!("no enum {}", name));
    let body = &body[..body.find("};").unwrap()];
    body.lines()
        .filter_map(|l| l.trim().strip_prefix(prefix))
        .map(|l| {
            let (item, value) = l.trim_end_matches(',').split_once(" = ").unwrap();
            (item.to_string(), value.parse().unwrap())
        })
        .collect()
}

/// The `Name = value` items of a C# enum of the binding, names in SCREAMING_SNAKE_CASE.
fn csharp_enum(name: &str) -> Vec<(String, i32)> {
    let root = env!("CARGO_MANIFEST_DIR");
    let source = std::fs::read_to_string(format!("{}/bindings/csharp/Runtime/Enums.cs", root)).unwrap();
    let body = source.split(&format!("public enum {}", name)).nth(1).unwrap_or_else(|| panic!("no C# enum {}", name));
    let body = &body[body.find('{').unwrap() + 1..body.find('}').unwrap()];
    body.lines()
        .map(str::trim)
        .filter(|l| !l.is_empty() && !l.starts_with("//"))
        .map(|l| {
            let (item, value) = l.trim_end_matches(',').split_once(" = ").unwrap();
            let mut snake = String::new();
            for (i, c) in item.chars().enumerate() {
                if c.is_uppercase() && i > 0 {
                    snake.push('_');
                }
                snake.push(c.to_ascii_uppercase());
            }
            (snake, value.parse().unwrap())
        })
        .collect()
}

fn sorted(mut items: Vec<(String, i32)>) -> Vec<(String, i32)> {
    items.sort_by_key(|(_, v)| *v);
    items
}

/// The C# binding writes the codes out by hand (C# cannot read the
/// header): the same names and numbers, none missing, none extra.
#[test]
fn the_csharp_enums_match_the_header() {
    assert_eq!(sorted(csharp_enum("HuddleCode")), sorted(header_enum("HuddleCode", "HUDDLE_CODE_")));
    let results: Vec<(String, i32)> = header_enum("HuddleResult", "HUDDLE_").into_iter().map(|(n, v)| (n.replace("SDKUNINIT", "SDK_UNINIT").replace("NOTLOGIN", "NOT_LOGIN"), v)).collect();
    assert_eq!(sorted(csharp_enum("HuddleResult")), sorted(results));
}
