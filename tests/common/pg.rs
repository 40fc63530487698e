//! A throwaway PostgreSQL server for a test: its own cluster in a temp dir,
//! on a free loopback port, stopped and removed when dropped. Used as
//! `#[path = "common/pg.rs"] mod pg;` by the tests that need one.
#![allow(dead_code)]

use std::ffi::CString;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

/// PostgreSQL refuses to run as root; tests that run as root (CI here)
/// run the server as this user, which Debian's package creates.
const SERVER_USER: &str = "postgres";

pub struct TempPostgres {
    /// Holds the cluster, the socket and the log; owned by the server's user.
    dir: tempfile::TempDir,
    bin: PathBuf,
    port: u16,
}

impl TempPostgres {
    /// A new cluster, started: superuser `postgres`, no password.
    pub fn start() -> TempPostgres {
        let dir = tempfile::tempdir().unwrap();
        if as_root() {
            chown_to_server_user(dir.path());
        }
        let pg = TempPostgres { bin: bin_dir(), dir, port: 0 };
        // The ICU default collation orders text as people read it, as a
        // production database usually does, not bytewise: the store must
        // not depend on it.
        pg.run(
            pg.bin.join("initdb").as_os_str().to_str().unwrap(),
            &["-D", pg.data().to_str().unwrap(), "-U", "postgres", "--auth=trust", "--encoding=UTF8", "--locale=C.UTF-8",
              "--locale-provider=icu", "--icu-locale=en-US", "--no-sync"],
        );
        pg.started()
    }

    /// Starts the server on a free port, trying another if one was taken
    /// meanwhile (the port is free when picked, not reserved).
    fn started(mut self) -> TempPostgres {
        for _ in 0..5 {
            self.port = std::net::TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap().port();
            // fsync=off: a test's data need not survive a power loss.
            let options = format!("-p {} -k {} -c listen_addresses=127.0.0.1 -c fsync=off", self.port, self.dir.path().display());
            if self.pg_ctl(&["-o", &options, "start"]).status.success() {
                return self;
            }
        }
        panic!("PostgreSQL did not start; its log:\n{}", self.log());
    }

    /// Connection parameters for the `postgres` database.
    pub fn url(&self) -> String {
        self.url_of("postgres")
    }

    /// Connection parameters for database `name` (see `create_database`).
    pub fn url_of(&self, name: &str) -> String {
        format!("host=127.0.0.1 port={} user=postgres dbname={}", self.port, name)
    }

    /// Creates an empty database and returns its connection parameters.
    pub fn create_database(&self, name: &str) -> String {
        let mut client = postgres::Client::connect(&self.url(), postgres::NoTls).unwrap();
        client.batch_execute(&format!("CREATE DATABASE \"{}\"", name)).unwrap();
        self.url_of(name)
    }

    /// Stops the server (dropping every connection) and starts it again on the same port.
    pub fn restart(&self) {
        let out = self.pg_ctl(&["-m", "fast", "restart"]);
        assert!(out.status.success(), "PostgreSQL did not restart; its log:\n{}", self.log());
    }

    pub fn log(&self) -> String {
        std::fs::read_to_string(self.dir.path().join("log")).unwrap_or_default()
    }

    fn data(&self) -> PathBuf {
        self.dir.path().join("data")
    }

    /// pg_ctl on this cluster, waiting for it, the server logging to `log`.
    fn pg_ctl(&self, args: &[&str]) -> Output {
        let data = self.data();
        let log = self.dir.path().join("log");
        let mut all = vec!["-D", data.to_str().unwrap(), "-l", log.to_str().unwrap(), "-w"];
        all.extend_from_slice(args);
        self.output(self.bin.join("pg_ctl").to_str().unwrap(), &all)
    }

    fn run(&self, program: &str, args: &[&str]) {
        let out = self.output(program, args);
        assert!(out.status.success(), "{} failed: {}{}", program, String::from_utf8_lossy(&out.stdout), String::from_utf8_lossy(&out.stderr));
    }

    /// Runs a PostgreSQL program as the server's user when we are root.
    fn output(&self, program: &str, args: &[&str]) -> Output {
        let mut cmd = if as_root() {
            let mut c = Command::new("runuser");
            c.args(["-u", SERVER_USER, "--", program]);
            c
        } else {
            Command::new(program)
        };
        cmd.args(args).output().unwrap_or_else(|e| panic!("cannot run {}: {}", program, e))
    }
}

impl Drop for TempPostgres {
    fn drop(&mut self) {
        // Immediate: nothing is worth a clean shutdown, and it is fastest.
        self.pg_ctl(&["-m", "immediate", "stop"]);
    }
}

fn as_root() -> bool {
    // SAFETY: geteuid has no preconditions.
    unsafe { libc::geteuid() == 0 }
}

/// Gives `dir` to the server's user, so that it may create the cluster there.
fn chown_to_server_user(dir: &Path) {
    let name = CString::new(SERVER_USER).unwrap();
    // SAFETY: getpwnam reads a NUL-terminated name; the entry it returns
    // is read at once, before any other call could reuse it.
    let (uid, gid) = unsafe {
        let pw = libc::getpwnam(name.as_ptr());
        assert!(!pw.is_null(), "no user {:?} to run PostgreSQL as (install the postgresql package)", SERVER_USER);
        ((*pw).pw_uid, (*pw).pw_gid)
    };
    std::os::unix::fs::chown(dir, Some(uid), Some(gid)).unwrap();
}

/// Where initdb and pg_ctl are: on PATH, or Debian's versioned dir (its
/// package puts only wrappers on PATH), the newest version.
fn bin_dir() -> PathBuf {
    let on_path = std::env::var_os("PATH")
        .into_iter()
        .flat_map(|p| std::env::split_paths(&p).collect::<Vec<_>>())
        .find(|d| d.join("initdb").is_file() && d.join("pg_ctl").is_file());
    on_path
        .or_else(|| {
            let mut versions: Vec<(u32, PathBuf)> = std::fs::read_dir("/usr/lib/postgresql")
                .ok()?
                .filter_map(|e| {
                    let e = e.ok()?;
                    Some((e.file_name().to_str()?.parse().ok()?, e.path().join("bin")))
                })
                .filter(|(_, bin)| bin.join("initdb").is_file())
                .collect();
            versions.sort();
            versions.pop().map(|(_, bin)| bin)
        })
        .expect("PostgreSQL's initdb and pg_ctl (install the postgresql package: tests/deps.sh)")
}
