//! The servers under test as processes: huddle-server and the floor are
//! started here and stopped on drop (a cluster of nodes in cluster.rs);
//! ejabberd is started by run.sh and only named. What the bench reads of
//! any of them comes from /proc.

use std::io::{BufRead, BufReader, Read, Write};
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

/// A server to measure: one process, or a cluster of them.
pub struct Target {
    pub name: &'static str,
    pub protocol: Protocol,
    /// Where clients connect: member `i` to `addrs[i % addrs.len()]`.
    pub addrs: Vec<SocketAddr>,
    /// The process whose memory is measured (a cluster's leader).
    pub pid: u32,
    /// The processes whose CPU time is measured, each under its kind's name;
    /// several of one kind are added up.
    pub cpu: Vec<(&'static str, Cpu)>,
    /// A NATS monitoring address (`/varz`), for a cluster.
    pub nats_monitor: Option<SocketAddr>,
    /// What the target runs on, stopped when it is dropped (nothing for ejabberd).
    pub _owned: Vec<Box<dyn std::any::Any + Send + Sync>>,
}

/// How a process's CPU time is read.
#[derive(Clone, Copy, Debug)]
pub enum Cpu {
    Process(u32),
    /// A server that forks a process per connection (PostgreSQL): the
    /// process, its live children and those it has reaped.
    Tree(u32),
}

impl Target {
    /// huddle-server with loose limits, in memory or on SQLite in a temp dir.
    pub fn huddle(bin: &Path, durable: bool) -> Result<Target, String> {
        let name = if durable { "Huddle, durable" } else { "Huddle" };
        let (process, addr) = start_huddle(bin, HUDDLE_CONFIG, durable)?;
        Ok(Target::of_process(name, Protocol::Huddle, addr, process))
    }

    fn of_process(name: &'static str, protocol: Protocol, addr: SocketAddr, process: Process) -> Target {
        let pid = process.pid();
        Target { name, protocol, addrs: vec![addr], pid, cpu: vec![(name, Cpu::Process(pid))], nats_monitor: None, _owned: vec![Box::new(process)] }
    }

    /// Where member `i` connects.
    pub fn addr(&self, i: usize) -> SocketAddr {
        self.addrs[i % self.addrs.len()]
    }

    /// This bench binary again, as `floor`: a process of its own, like the others.
    pub fn floor() -> Result<Target, String> {
        let exe = std::env::current_exe().map_err(|e| format!("the bench's own path: {}", e))?;
        let mut cmd = Command::new(exe);
        cmd.arg("floor");
        let dir = tempfile::tempdir().map_err(|e| format!("a temp dir: {}", e))?;
        let (process, addr) = Process::start(cmd, crate::floor::LISTENING, dir)?;
        Ok(Target::of_process("floor", Protocol::Floor, addr, process))
    }

    /// ejabberd, started by run.sh: its c2s address and its Erlang VM's pid.
    pub fn ejabberd(addr: SocketAddr, pid: u32) -> Target {
        Target { name: "ejabberd", protocol: Protocol::Xmpp, addrs: vec![addr], pid, cpu: vec![("ejabberd", Cpu::Process(pid))], nats_monitor: None, _owned: Vec::new() }
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

    /// CPU seconds used so far, user and system, every thread, of each
    /// kind of process.
    pub fn cpu_secs(&self) -> Result<Vec<(&'static str, f64)>, String> {
        let mut kinds: Vec<(&'static str, f64)> = Vec::new();
        for &(kind, cpu) in &self.cpu {
            let secs = match cpu {
                Cpu::Process(pid) => cpu_secs(pid)?,
                Cpu::Tree(pid) => tree_cpu_secs(pid)?,
            };
            match kinds.iter_mut().find(|(k, _)| *k == kind) {
                Some((_, sum)) => *sum += secs,
                None => kinds.push((kind, secs)),
            }
        }
        Ok(kinds)
    }
}

impl Target {
    /// Messages and bytes published to the cluster's NATS so far (`in_msgs`,
    /// `in_bytes` of its `/varz`); `None` without one.
    pub fn nats_published(&self) -> Result<Option<(u64, u64)>, String> {
        let Some(monitor) = self.nats_monitor else { return Ok(None) };
        let response = http_get(monitor, "/varz").map_err(|e| format!("NATS's /varz: {}", e))?;
        let body = response.split_once("\r\n\r\n").map_or("", |(_, body)| body);
        let varz: serde_json::Value = serde_json::from_str(body).map_err(|e| format!("NATS's /varz: {}", e))?;
        match (varz["in_msgs"].as_u64(), varz["in_bytes"].as_u64()) {
            (Some(msgs), Some(bytes)) => Ok(Some((msgs, bytes))),
            _ => Err(format!("NATS's /varz has no in_msgs and in_bytes: {}", body)),
        }
    }
}

/// The whole HTTP/1.1 response to `GET path`, headers and body.
pub fn http_get(addr: SocketAddr, path: &str) -> std::io::Result<String> {
    let mut stream = std::net::TcpStream::connect_timeout(&addr, std::time::Duration::from_secs(1))?;
    stream.set_read_timeout(Some(std::time::Duration::from_secs(2)))?;
    write!(stream, "GET {} HTTP/1.1\r\nHost: bench\r\nConnection: close\r\n\r\n", path)?;
    let mut response = String::new();
    stream.read_to_string(&mut response)?;
    Ok(response)
}

/// CPU seconds of a process so far: the scheduler's run time of each of its
/// threads (`se.sum_exec_runtime` of /proc/PID/task/TID/sched, in ns),
/// where /proc/PID/stat counts 10 ms ticks, too coarse for a process that
/// runs for a few of them. A thread that ends takes its time with it: the
/// processes measured keep theirs (runtimes' workers, a commit thread).
/// Without the scheduler's file, utime + stime of /proc/PID/stat.
pub fn cpu_secs(pid: u32) -> Result<f64, String> {
    let tasks = format!("/proc/{}/task", pid);
    let mut ms = 0.0;
    for task in std::fs::read_dir(&tasks).map_err(|e| format!("{}: {}", tasks, e))?.filter_map(|e| e.ok()) {
        let Ok(sched) = std::fs::read_to_string(task.path().join("sched")) else { continue };
        let runtime = sched.lines().find_map(|l| l.strip_prefix("se.sum_exec_runtime")).and_then(|v| v.trim_start_matches([' ', ':']).trim().parse::<f64>().ok());
        match runtime {
            Some(t) => ms += t,
            None => return Ok(Stat::read(pid)?.seconds(&[UTIME, STIME])),
        }
    }
    Ok(ms / 1e3)
}

/// CPU seconds so far of a process, of its live children and of the
/// children it has waited for (cutime + cstime, in ticks).
fn tree_cpu_secs(pid: u32) -> Result<f64, String> {
    let mut secs = cpu_secs(pid)? + Stat::read(pid)?.seconds(&[CUTIME, CSTIME]);
    let dir = std::fs::read_dir("/proc").map_err(|e| format!("/proc: {}", e))?;
    for child in dir.filter_map(|e| e.ok()?.file_name().to_str()?.parse::<u32>().ok()) {
        // A child may end between the listing and the read: it is then in cutime.
        if Stat::read(child).is_ok_and(|stat| stat.field(PPID) == Some(pid as u64)) {
            secs += cpu_secs(child).unwrap_or(0.0);
        }
    }
    Ok(secs)
}

/// Fields of stat(5), counted from 0 after the command name: ppid is the
/// 4th field, utime, stime, cutime and cstime the 14th to 17th.
const PPID: usize = 1;
const UTIME: usize = 11;
const STIME: usize = 12;
const CUTIME: usize = 13;
const CSTIME: usize = 14;

/// /proc/PID/stat, the fields after the command name.
struct Stat(String);

impl Stat {
    fn read(pid: u32) -> Result<Stat, String> {
        let path = format!("/proc/{}/stat", pid);
        let stat = std::fs::read_to_string(&path).map_err(|e| format!("{}: {}", path, e))?;
        // The command name may hold spaces: fields are counted after its ')'.
        let rest = stat.rsplit_once(')').map(|(_, rest)| rest.to_string()).ok_or_else(|| format!("{}: unreadable", path))?;
        Ok(Stat(rest))
    }

    fn field(&self, i: usize) -> Option<u64> {
        self.0.split_whitespace().nth(i).and_then(|f| f.parse().ok())
    }

    /// The sum of clock-tick fields, in seconds.
    fn seconds(&self, fields: &[usize]) -> f64 {
        // SAFETY: sysconf only reads a configuration value.
        let hz = unsafe { libc::sysconf(libc::_SC_CLK_TCK) } as f64;
        fields.iter().filter_map(|&i| self.field(i)).sum::<u64>() as f64 / hz
    }
}

/// huddle-server on a free loopback port with `config` (TOML) and, if
/// `data`, a data dir, both in a temp dir of its own.
pub fn start_huddle(bin: &Path, config: &str, data: bool) -> Result<(Process, SocketAddr), String> {
    let dir = tempfile::tempdir().map_err(|e| format!("a temp dir: {}", e))?;
    let path = dir.path().join("server.toml");
    std::fs::write(&path, config).map_err(|e| format!("{}: {}", path.display(), e))?;
    let mut cmd = Command::new(bin);
    cmd.args(["--listen", "127.0.0.1:0", "--config"]).arg(&path).env("HUDDLE_LOG", "error");
    if data {
        cmd.arg("--data-dir").arg(dir.path().join("data"));
    }
    Process::start(cmd, "huddle-server listening on ws://", dir)
}

pub const HUDDLE_CONFIG: &str = r#"# Loose limits: the bench measures the server's work, not its refusals.
login_policy = "multi"

[limits]
max_connections = 100000
requests_per_second = 1000000
request_burst = 1000000
group_msgs_per_second = 1000000
# No per-member rate either: a sender sends its burst back to back.
member_msgs_per_second = 0
max_pending_bytes = 67108864
# Held connections see pings during the hold.
ping_interval_secs = 5
"#;

pub struct Process {
    child: Child,
    _dir: tempfile::TempDir,
}

impl Process {
    /// Starts `cmd` and reads its first stdout line, `<prefix><address>`;
    /// `dir` goes when the process does.
    pub fn start(mut cmd: Command, prefix: &str, dir: tempfile::TempDir) -> Result<(Process, SocketAddr), String> {
        let mut child = cmd.stdout(Stdio::piped()).spawn().map_err(|e| format!("cannot start {:?}: {}", cmd, e))?;
        let mut line = String::new();
        let stdout = child.stdout.take().expect("stdout is piped");
        let _ = BufReader::new(stdout).read_line(&mut line);
        let process = Process { child, _dir: dir };
        let addr = line.trim().strip_prefix(prefix).and_then(|a| a.parse().ok());
        let addr = addr.ok_or_else(|| format!("{:?} said {:?}, not {:?} and an address", cmd, line, prefix))?;
        Ok((process, addr))
    }

    /// Starts `cmd`, whose output is its own business; `dir` goes when it does.
    pub fn spawn(mut cmd: Command, dir: tempfile::TempDir) -> Result<Process, String> {
        let child = cmd.stdout(Stdio::null()).stderr(Stdio::null()).spawn().map_err(|e| format!("cannot start {:?}: {}", cmd, e))?;
        Ok(Process { child, _dir: dir })
    }

    pub fn pid(&self) -> u32 {
        self.child.id()
    }

    /// Whether it has ended.
    pub fn ended(&mut self) -> bool {
        !matches!(self.child.try_wait(), Ok(None))
    }
}

impl Drop for Process {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}
