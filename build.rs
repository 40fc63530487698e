//! Generates include/huddle.h from the Rust sources with cbindgen. The header
//! is committed; `tests/header.rs` fails when the committed copy is stale.

use std::env;
use std::path::PathBuf;

fn main() {
    let crate_dir = PathBuf::from(env::var("CARGO_MANIFEST_DIR").unwrap());
    let mut config = cbindgen::Config::from_file(crate_dir.join("cbindgen.toml")).expect("read cbindgen.toml");
    let major: u32 = env::var("CARGO_PKG_VERSION_MAJOR").unwrap().parse().unwrap();
    let minor: u32 = env::var("CARGO_PKG_VERSION_MINOR").unwrap().parse().unwrap();
    let patch: u32 = env::var("CARGO_PKG_VERSION_PATCH").unwrap().parse().unwrap();
    config.after_includes = Some(format!(
        r#"
/** Library version at compile time; `HuddleGetSDKVersion()` gives it at run time. */
#define HUDDLE_VERSION "{major}.{minor}.{patch}"
#define HUDDLE_VERSION_MAJOR {major}
#define HUDDLE_VERSION_MINOR {minor}
#define HUDDLE_VERSION_PATCH {patch}
/** MAJOR*1000000 + MINOR*1000 + PATCH, for comparisons in the preprocessor. */
#define HUDDLE_VERSION_NUMBER {number}

/** Marks every exported function: dllexport/dllimport on Windows, default visibility elsewhere. */
#ifndef HUDDLE_API
#  if defined(_WIN32)
#    if defined(HUDDLE_BUILD)
#      define HUDDLE_API __declspec(dllexport)
#    elif defined(HUDDLE_STATIC)
#      define HUDDLE_API
#    else
#      define HUDDLE_API __declspec(dllimport)
#    endif
#  else
#    define HUDDLE_API __attribute__((visibility("default")))
#  endif
#endif
"#,
        number = major * 1_000_000 + minor * 1_000 + patch
    ));
    config.header = Some(HEADER_DOC.to_string());
    let bindings = cbindgen::Builder::new()
        .with_crate(&crate_dir)
        .with_config(config)
        .generate()
        .expect("cbindgen could not generate huddle.h");
    let out = PathBuf::from(env::var("OUT_DIR").unwrap()).join("huddle.h");
    bindings.write_to_file(&out);
    bindings.write_to_file(crate_dir.join("include/huddle.h"));
    // A SONAME lets programs linked by path record `libhuddle.so`, not the path.
    // cargo-c (`cargo cinstall`, which turns the `capi` feature on) gives its own,
    // versioned one (libhuddle.so.0.1), which a second -soname would override.
    if env::var("CARGO_CFG_TARGET_OS").as_deref() == Ok("linux") && env::var_os("CARGO_FEATURE_CAPI").is_none() {
        println!("cargo:rustc-cdylib-link-arg=-Wl,-soname,libhuddle.so");
    }
    println!("cargo:rerun-if-changed=src");
    println!("cargo:rerun-if-changed=cbindgen.toml");
}

const HEADER_DOC: &str = r#"/*
 * huddle.h: the C API of Huddle, a group-chat engine for games and native apps.
 *
 * The shape follows Tencent Cloud IM's native C API: every function takes the
 * client handle first, JSON strings with Tencent's keys for parameters, and a
 * callback plus user_data last.
 *
 * Rules every function keeps:
 * - The return value is a synchronous result: HUDDLE_SUCC (0) or a negative
 *   HUDDLE_ERR_*. The callback runs exactly once if and only if the call
 *   returned 0. A NULL callback is allowed: the work still happens.
 * - The callback's code is 0 or a HuddleCode number; desc is a sentence;
 *   json_params is valid JSON, never empty.
 * - Strings in are NUL-terminated UTF-8, borrowed only for the call. Invalid
 *   UTF-8 or JSON is HUDDLE_ERR_JSON; a missing required value is
 *   HUDDLE_ERR_PARAM. Unknown JSON keys are ignored.
 * - Strings out are owned by the library and valid until the callback
 *   returns. The caller never frees anything the library gives it.
 * - Any function may be called from any thread and from inside any callback.
 * - Callbacks of one client run one at a time, in the order events happened:
 *   on the client's dispatcher thread ("thread" mode, the default) or inside
 *   HuddlePoll ("poll" mode).
 */"#;
