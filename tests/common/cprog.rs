//! Building and running the C ABI test program (tests/c/abi_test.c), for
//! the tests that run it: plainly, under valgrind, against a server, and
//! across a cluster.
#![allow(dead_code)]

use std::env::consts::{DLL_PREFIX, DLL_SUFFIX};
use std::ffi::OsStr;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

/// Where cargo left the package's cdylib for this test run: it builds it in
/// target/<profile>/deps/ next to this test binary, and only `cargo build`
/// copies it up to target/<profile>/, so look in both.
pub fn lib_dir() -> PathBuf {
    let exe = std::env::current_exe().expect("the test binary's path");
    let deps = exe.parent().expect("target/<profile>/deps/<test binary>");
    let name = format!("{DLL_PREFIX}huddle{DLL_SUFFIX}");
    let found = [Some(deps), deps.parent()]
        .into_iter()
        .flatten()
        .find(|dir| dir.join(&name).is_file())
        .unwrap_or_else(|| panic!("{name} is in neither {} nor its parent: cargo builds the cdylib before integration tests", deps.display()))
        .to_path_buf();
    found
}

pub fn compile(out: &Path) {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let lib_dir = lib_dir();
    let status = Command::new("cc")
        .args(["-std=c11", "-Wall", "-Wextra", "-Wpedantic", "-Werror", "-g"])
        .arg("-I")
        .arg(root.join("include"))
        .arg(root.join("tests/c/abi_test.c"))
        .arg("-o")
        .arg(out)
        .arg("-L")
        .arg(&lib_dir)
        .arg("-lhuddle")
        .arg(format!("-Wl,-rpath,{}", lib_dir.display()))
        .arg("-pthread")
        .status()
        .expect("run the system C compiler `cc`");
    assert!(status.success(), "cc failed to build abi_test.c: {status}");
}

/// Runs `program args...`, echoes its output, and asserts it exited 0.
pub fn run(program: impl AsRef<OsStr>, args: &[&OsStr]) -> Output {
    run_with(program, args, &[])
}

/// `run` with environment variables.
pub fn run_with(program: impl AsRef<OsStr>, args: &[&OsStr], env: &[(&str, &str)]) -> Output {
    let program = program.as_ref();
    let mut command = Command::new(program);
    command.args(args).envs(env.iter().copied());
    let out = command.output().unwrap_or_else(|e| panic!("run {program:?}: {e}"));
    print!("{}", String::from_utf8_lossy(&out.stdout));
    eprint!("{}", String::from_utf8_lossy(&out.stderr));
    assert!(out.status.success(), "{program:?} {args:?} failed: {}", out.status);
    out
}

pub fn on_path(program: &str) -> bool {
    std::env::var_os("PATH").is_some_and(|path| std::env::split_paths(&path).any(|dir| dir.join(program).is_file()))
}
