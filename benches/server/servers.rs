//! The servers under test as processes: huddle-server and the floor are
//! started here and stopped on drop; ejabberd is started by run.sh and only
//! named. What the bench reads of any of them comes from /proc.

use std::io::{BufRead, BufReader};
use std::net::SocketAddr;
use std::path::Path;
use std::process::{Child, Command, Stdio};

/// How the load client speaks to a server.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Protocol {
    Huddle,
    Floor,
    Xmpp,
}

/// A server to measure.
pub struct Target {
    pub name: &'static str,
    pub protocol: Protocol,
    pub addr: SocketAddr,
    pub pid: u32,
    /// The child process, killed when the target is dropped (none for ejabberd).
    _process: Option<Process>,
}

impl Target {
    /// huddle-server with loose limits, in memory or on SQLite in a temp dir.
    pub fn huddle(bin: &Path, durable: bool) -> Result<Target, String> {
        let dir = tempfile::tempdir().map_err(|e| format!("a temp dir: {}", e))?;
        let config = dir.path().join("server.toml");
        std::fs::write(&config, HUDDLE_CONFIG).map_err(|e| format!("{}: {}", config.display(), e))?;
        let mut cmd = Command::new(bin);
        cmd.args(["--listen", "127.0.0.1:0", "--config"]).arg(&config).env("HUDDLE_LOG", "error");
        if durable {
            cmd.arg("--data-dir").arg(dir.path().join("data"));
        }
        let name = if durable { "Huddle, durable" } else { "Huddle" };
        let (process, addr) = Process::start(cmd, "huddle-server listening on ws://", dir)?;
        Ok(Target { name, protocol: Protocol::Huddle, addr, pid: process.child.id(), _process: Some(process) })
    }

    /// This bench binary again, as `floor`: a process of its own, like the others.
    pub fn floor() -> Result<Target, String> {
        let exe = std::env::current_exe().map_err(|e| format!("the bench's own path: {}", e))?;
        let mut cmd = Command::new(exe);
        cmd.arg("floor");
        let dir = tempfile::tempdir().map_err(|e| format!("a temp dir: {}", e))?;
        let (process, addr) = Process::start(cmd, crate::floor::LISTENING, dir)?;
        Ok(Target { name: "floor", protocol: Protocol::Floor, addr, pid: process.child.id(), _process: Some(process) })
    }

    /// ejabberd, started by run.sh: its c2s address and its Erlang VM's pid.
    pub fn ejabberd(addr: SocketAddr, pid: u32) -> Target {
        Target { name: "ejabberd", protocol: Protocol::Xmpp, addr, pid, _process: None }
    }

    /// Resident memory in KiB (VmRSS).
    pub fn rss_kib(&self) -> Result<u64, String> {
        let path = format!("/proc/{}/status", self.pid);
        let status = std::fs::read_to_string(&path).map_err(|e| format!("{}: {}", path, e))?;
        status
            .lines()
            .find_map(|l| l.strip_prefix("VmRSS:"))
            .and_then(|v| v.trim().trim_end_matches("kB").trim().parse().ok())
            .ok_or_else(|| format!("no VmRSS in {}", path))
    }

    /// CPU seconds used so far, user and system, every thread.
    pub fn cpu_secs(&self) -> Result<f64, String> {
        cpu_secs(self.pid)
    }
}

/// CPU seconds of a process so far (utime + stime of /proc/PID/stat).
pub fn cpu_secs(pid: u32) -> Result<f64, String> {
    let path = format!("/proc/{}/stat", pid);
    let stat = std::fs::read_to_string(&path).map_err(|e| format!("{}: {}", path, e))?;
    // The command name may hold spaces: fields are counted after its ')'.
    let fields: Vec<&str> = stat.rsplit_once(')').map(|(_, rest)| rest.split_whitespace().collect()).unwrap_or_default();
    let ticks = |i: usize| fields.get(i).and_then(|f| f.parse::<u64>().ok());
    // utime and stime are fields 14 and 15 of stat(5), 12 and 13 after the name.
    let (Some(user), Some(system)) = (ticks(11), ticks(12)) else { return Err(format!("{}: unreadable", path)) };
    // SAFETY: sysconf only reads a configuration value.
    let hz = unsafe { libc::sysconf(libc::_SC_CLK_TCK) } as f64;
    Ok((user + system) as f64 / hz)
}

const HUDDLE_CONFIG: &str = r#"# Loose limits: the bench measures the server's work, not its refusals.
login_policy = "multi"

[limits]
max_connections = 100000
requests_per_second = 1000000
request_burst = 1000000
group_msgs_per_second = 1000000
max_pending_bytes = 67108864
# Held connections see pings during the hold.
ping_interval_secs = 5
"#;

struct Process {
    child: Child,
    _dir: tempfile::TempDir,
}

impl Process {
    /// Starts `cmd` and reads its first stdout line, `<prefix><address>`.
    fn start(mut cmd: Command, prefix: &str, dir: tempfile::TempDir) -> Result<(Process, SocketAddr), String> {
        let mut child = cmd.stdout(Stdio::piped()).spawn().map_err(|e| format!("cannot start {:?}: {}", cmd, e))?;
        let mut line = String::new();
        let stdout = child.stdout.take().expect("stdout is piped");
        let _ = BufReader::new(stdout).read_line(&mut line);
        let process = Process { child, _dir: dir };
        let addr = line.trim().strip_prefix(prefix).and_then(|a| a.parse().ok());
        let addr = addr.ok_or_else(|| format!("{:?} said {:?}, not {:?} and an address", cmd, line, prefix))?;
        Ok((process, addr))
    }
}

impl Drop for Process {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}
