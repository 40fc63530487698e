//! Issue 9's benchmark: huddle-server over loopback against ejabberd (the
//! XMPP server many games' chat runs on) and against a floor, a bare
//! tokio-tungstenite broadcast server, all driven by one load client in the
//! same run. Workloads: connections held (memory per connection), and
//! deliveries/s and delivery latency for (a) a burst into one 500-member
//! room, (b) bursts into ten 50-member rooms, (c) a paced 50 msgs/s into the
//! 500-member room. The servers take turns within each round.
//!
//! `benches/server/run.sh` builds everything, starts ejabberd and runs this;
//! `server floor` is the floor server itself (see floor.rs); `server
//! cluster` is issue 11's scaling run instead (see cluster.rs).

mod client;
mod cluster;
mod fanout;
mod floor;
mod idle;
mod report;
mod scan;
mod servers;
mod xmpp;

use std::net::SocketAddr;
use std::path::PathBuf;
use std::process::ExitCode;
use std::time::Duration;

use fanout::Shape;
use servers::Target;

const USAGE: &str = "usage: server [cluster] --huddle-server PATH [--xmpp ADDR --xmpp-pid PID] [--connections N] [--hold-secs S] [--rounds N] [--paced-secs S]";

struct Options {
    huddle_server: PathBuf,
    /// ejabberd's c2s address and its VM's pid, when run.sh started it.
    ejabberd: Option<(SocketAddr, u32)>,
    /// 19,900 by default: this machine's open-file limit is 20,000 per
    /// process, hard, and the servers need a few files of their own.
    connections: usize,
    hold: Duration,
    rounds: usize,
    paced_secs: u64,
}

impl Options {
    fn parse(args: &[String]) -> Result<Options, String> {
        let mut o = Options { huddle_server: PathBuf::new(), ejabberd: None, connections: 19_900, hold: Duration::from_secs(10), rounds: 3, paced_secs: 10 };
        let (mut xmpp, mut xmpp_pid) = (None, None);
        let mut args = args.iter();
        while let Some(flag) = args.next() {
            let mut value = || args.next().ok_or_else(|| format!("{} needs a value\n{}", flag, USAGE));
            let number = |v: &String| v.parse::<u64>().map_err(|e| format!("{} {}: {}", flag, v, e));
            match flag.as_str() {
                "--huddle-server" => o.huddle_server = value()?.into(),
                "--xmpp" => xmpp = Some(value()?.parse::<SocketAddr>().map_err(|e| format!("--xmpp: {}", e))?),
                "--xmpp-pid" => xmpp_pid = Some(number(value()?)? as u32),
                "--connections" => o.connections = number(value()?)? as usize,
                "--hold-secs" => o.hold = Duration::from_secs(number(value()?)?),
                "--rounds" => o.rounds = number(value()?)?.max(1) as usize,
                "--paced-secs" => o.paced_secs = number(value()?)?.max(1),
                // cargo bench passes --bench to every bench binary.
                "--bench" => {}
                _ => return Err(format!("unknown argument {}\n{}", flag, USAGE)),
            }
        }
        if o.huddle_server.as_os_str().is_empty() {
            return Err(USAGE.into());
        }
        o.ejabberd = match (xmpp, xmpp_pid) {
            (Some(addr), Some(pid)) => Some((addr, pid)),
            (None, None) => None,
            _ => return Err(format!("--xmpp and --xmpp-pid go together\n{}", USAGE)),
        };
        Ok(o)
    }
}

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let first = args.first().map(String::as_str);
    if first == Some("floor") {
        return floor::main();
    }
    let clustered = first == Some("cluster");
    let options = match Options::parse(&args[clustered as usize..]) {
        Ok(o) => o,
        Err(e) => {
            eprintln!("{}", e);
            return ExitCode::from(2);
        }
    };
    raise_open_file_limit();
    let runtime = tokio::runtime::Builder::new_multi_thread().enable_all().build().expect("a tokio runtime");
    if clustered {
        return match runtime.block_on(cluster::run(options)) {
            Ok(()) => ExitCode::SUCCESS,
            Err(e) => {
                eprintln!("cluster bench FAILED: {}", e);
                ExitCode::FAILURE
            }
        };
    }
    match runtime.block_on(run(options)) {
        Ok(true) => ExitCode::SUCCESS,
        Ok(false) => {
            eprintln!("server bench: some targets were not met (see the table)");
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("server bench FAILED: {}", e);
            ExitCode::FAILURE
        }
    }
}

async fn run(o: Options) -> Result<bool, String> {
    let mut targets = vec![Target::huddle(&o.huddle_server, false)?, Target::huddle(&o.huddle_server, true)?];
    if let Some((addr, pid)) = o.ejabberd {
        targets.push(Target::ejabberd(addr, pid));
    }
    targets.push(Target::floor()?);

    // Memory per connection is measured once per kind of server: the durable
    // Huddle holds connections as the in-memory one does.
    let mut held = Vec::new();
    for target in targets.iter().filter(|t| t.name != "Huddle, durable") {
        eprintln!("holding {} connections to {} for {} s", o.connections, target.name, o.hold.as_secs());
        let h = idle::run(target, o.connections, o.hold, &format!("{}-held", tag(target))).await?;
        eprintln!("  {:.1} KiB per connection, all logged in after {:.1} s", h.kib_per_connection(), h.setup.as_secs_f64());
        held.push((target.name, h));
        // Let the server close them before anything else is measured.
        tokio::time::sleep(Duration::from_secs(2)).await;
    }

    let shapes = [Shape::big_room_burst(), Shape::ten_rooms_burst(), Shape::big_room_paced(o.paced_secs)];
    let workloads = take_turns(&targets, &shapes, o.rounds, |_, target| tag(target)).await?;
    println!();
    report::held(&held);
    println!();
    report::deliveries(&workloads, o.rounds);
    println!();
    Ok(report::targets(&held, &[&workloads[0], &workloads[1]], &workloads[2]))
}

/// Every workload against every target, `rounds` times, the targets taking
/// turns within each round, so a slow minute slows all of them alike;
/// `tag(index, target)` starts the names of a target's users and rooms.
async fn take_turns<'a>(targets: &[Target], shapes: &'a [Shape], rounds: usize, tag: impl Fn(usize, &Target) -> String) -> Result<Vec<report::Workload<'a>>, String> {
    let mut outcomes: Vec<Vec<Vec<fanout::Outcome>>> = shapes.iter().map(|_| targets.iter().map(|_| Vec::new()).collect()).collect();
    for round in 0..rounds {
        for (s, shape) in shapes.iter().enumerate() {
            for (t, target) in targets.iter().enumerate() {
                let load = std::fs::read_to_string("/proc/loadavg").unwrap_or_default();
                let out = fanout::run(target, shape, &format!("{}-r{}w{}", tag(t, target), round, s)).await?;
                eprintln!(
                    "round {}, {}, {}: {:.0} deliveries/s, p50 {:?}, p99 {:?}, CPU per delivery {:?} (load average before: {})",
                    round + 1,
                    shape.name,
                    target.name,
                    out.per_sec,
                    out.p50,
                    out.p99,
                    out.cpu_by_kind,
                    load.split_whitespace().next().unwrap_or("?"),
                );
                outcomes[s][t].push(out);
            }
        }
    }
    let workloads = shapes.iter().zip(outcomes);
    Ok(workloads.map(|(shape, per_target)| report::Workload { name: &shape.name, runs: targets.iter().map(|t| t.name).zip(per_target).collect() }).collect())
}

/// Names of users and rooms start with this: unique per server and run, so
/// nothing meets what an earlier workload left behind.
fn tag(target: &Target) -> String {
    format!("{}{}", target.name.split(',').next().unwrap_or(target.name).to_lowercase(), target.pid)
}

/// Soft open-file limit up to the hard one: every connection is a file.
fn raise_open_file_limit() {
    // SAFETY: getrlimit and setrlimit only read and write the struct given.
    unsafe {
        let mut limit = libc::rlimit { rlim_cur: 0, rlim_max: 0 };
        if libc::getrlimit(libc::RLIMIT_NOFILE, &mut limit) == 0 && limit.rlim_cur < limit.rlim_max {
            libc::setrlimit(libc::RLIMIT_NOFILE, &libc::rlimit { rlim_cur: limit.rlim_max, ..limit });
        }
    }
}
