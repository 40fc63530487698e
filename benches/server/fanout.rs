//! The delivery workloads: rooms of members, some of whom send, everyone
//! receiving. A delivery is one message arriving at one member other than
//! its sender; its latency is when the member's reader scanned it minus the
//! send time the message carries. Every member must get every message of its
//! room exactly once, or the workload fails.

use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::Arc;
use std::time::{Duration, Instant};

use futures_util::{StreamExt, TryStreamExt};
use tokio::sync::watch;

use crate::client::{self, Incoming, Reader, Writer};
use crate::idle;
use crate::scan::{now_ns, Scanner, Token};
use crate::servers::{self, Target};

/// A workload: `rooms` rooms of `members`, whose first `senders` each send
/// `messages`, back to back or one every `interval`.
pub struct Shape {
    pub name: String,
    pub rooms: usize,
    pub members: usize,
    pub senders: usize,
    pub messages: usize,
    pub interval: Option<Duration>,
}

impl Shape {
    /// (a) one 500-member room, one sender, a burst of 200.
    pub fn big_room_burst() -> Shape {
        Shape { name: "(a) 500 members, burst of 200".into(), rooms: 1, members: 500, senders: 1, messages: 200, interval: None }
    }

    /// (b) ten 50-member rooms, two senders each, bursts of 100.
    pub fn ten_rooms_burst() -> Shape {
        Shape { name: "(b) 10 rooms × 50, 2 senders × 100".into(), rooms: 10, members: 50, senders: 2, messages: 100, interval: None }
    }

    /// (c) one 500-member room, 50 messages a second for `secs`.
    pub fn big_room_paced(secs: u64) -> Shape {
        let name = format!("(c) 500 members, 50 msgs/s for {} s", secs);
        Shape { name, rooms: 1, members: 500, senders: 1, messages: 50 * secs as usize, interval: Some(Duration::from_millis(20)) }
    }

    /// Issue 11's workload: ten 500-member rooms, two senders each, bursts of 100.
    pub fn big_rooms_burst() -> Shape {
        Shape { name: "10 rooms × 500, 2 senders × 100, burst".into(), rooms: 10, members: 500, senders: 2, messages: 100, interval: None }
    }

    /// The same rooms paced: 5 messages a second into each (one sender,
    /// the rooms' turns spread over the 200 ms) for `secs`, the offered
    /// 24,950 deliveries/s of (c).
    pub fn big_rooms_paced(secs: u64) -> Shape {
        let name = format!("10 rooms × 500, 5 msgs/s each for {} s", secs);
        Shape { name, rooms: 10, members: 500, senders: 1, messages: 5 * secs as usize, interval: Some(Duration::from_millis(200)) }
    }

    pub fn deliveries(&self) -> u64 {
        (self.rooms * self.senders * self.messages * (self.members - 1)) as u64
    }
}

/// One workload against one server.
pub struct Outcome {
    pub per_sec: f64,
    pub p50: Duration,
    pub p99: Duration,
    /// CPU time per delivery while messages flowed: the server's (all its
    /// processes), the load client's.
    pub server_cpu: Duration,
    pub client_cpu: Duration,
    /// The server's CPU time per delivery by kind of process (`Target::cpu`).
    pub cpu_by_kind: Vec<(&'static str, Duration)>,
    /// Messages published to a cluster's NATS per delivery, and their bytes.
    pub nats: Option<(f64, f64)>,
    /// Bytes the members read, every frame or stanza whole, per delivery.
    pub bytes: f64,
}

/// A workload with nothing arriving for this long has lost messages.
const STALL: Duration = Duration::from_secs(20);
/// Quiet that tells the joins' echoes are over, and the longest wait for it.
const QUIET: Duration = Duration::from_millis(300);
const SETTLING: Duration = Duration::from_secs(120);
/// How long members keep listening after the last expected delivery.
const GRACE: Duration = Duration::from_millis(300);
/// Joins in flight at once while rooms fill.
const JOINING: usize = 32;

pub async fn run(target: &Target, shape: &Shape, tag: &str) -> Result<Outcome, String> {
    let members = fill_rooms(target, shape, tag).await?;

    let delivered = Arc::new(AtomicU64::new(0));
    let read = Arc::new(AtomicU64::new(0));
    let (stop, stopped) = watch::channel(false);
    let mut readers = Vec::new();
    let mut senders = Vec::new();
    let mut idle_writers = Vec::new();
    for (i, (slot, writer, reader)) in members.into_iter().enumerate() {
        let expect = Expect { me: slot, senders: shape.senders as u32, messages: shape.messages as u32 };
        readers.push(tokio::spawn(receive(reader, expect, Arc::clone(&delivered), Arc::clone(&read), stopped.clone())));
        if (slot as usize) < shape.senders {
            // Paced rooms take turns: room r sends r/rooms of an interval late.
            let offset = shape.interval.unwrap_or_default() * (i / shape.members) as u32 / shape.rooms as u32;
            senders.push((slot, writer, offset));
        } else {
            idle_writers.push(writer);
        }
    }

    // The joins' echoes must be over before the clock starts: a multi-user
    // chat room tells every member of every join (250,000 presences for
    // 500 members), which is no part of delivering messages.
    settle(&read).await;
    let read_before = read.load(Ordering::Relaxed);
    let (server_cpu0, client_cpu0, nats0) = (target.cpu_secs()?, servers::cpu_secs(std::process::id())?, target.nats_published()?);
    let start = Instant::now();
    let start_ns = now_ns();
    let sending: Vec<_> = senders
        .into_iter()
        .map(|(slot, writer, offset)| tokio::spawn(send(writer, slot, shape.messages, shape.interval, start + offset)))
        .collect();

    let expected = shape.deliveries();
    let (mut seen, mut progress) = (0, Instant::now());
    while seen < expected {
        tokio::time::sleep(Duration::from_millis(5)).await;
        let now = delivered.load(Ordering::Relaxed);
        if now != seen {
            (seen, progress) = (now, Instant::now());
        } else if progress.elapsed() > STALL {
            break;
        }
    }
    let (server_cpu1, client_cpu1, nats1) = (target.cpu_secs()?, servers::cpu_secs(std::process::id())?, target.nats_published()?);
    let bytes = read.load(Ordering::Relaxed) - read_before;

    let mut writers = idle_writers;
    for s in sending {
        writers.push(s.await.map_err(|e| format!("a sender panicked: {}", e))??);
    }
    // A message delivered twice may come after the last first copy: listen
    // a little longer before the count is final.
    tokio::time::sleep(GRACE).await;
    let _ = stop.send(true);
    let mut latencies = Vec::with_capacity(expected as usize);
    let mut last_ns = start_ns;
    let mut faults = Vec::new();
    for r in readers {
        let record = r.await.map_err(|e| format!("a reader panicked: {}", e))?;
        if let Some(fault) = record.fault() {
            faults.push(fault);
        }
        last_ns = last_ns.max(record.last_ns);
        latencies.extend(record.latencies_ns);
    }
    drop(writers);
    if !faults.is_empty() {
        let n = faults.len();
        faults.truncate(5);
        return Err(format!("{}, {}: {} members did not get every message exactly once ({} of {} delivered); {}", target.name, shape.name, n, latencies.len(), expected, faults.join("; ")));
    }

    latencies.sort_unstable();
    let quantile = |q: f64| Duration::from_nanos(latencies[((latencies.len() - 1) as f64 * q).round() as usize]);
    let per_delivery = |secs: f64| Duration::from_secs_f64(secs / expected as f64);
    let cpu_by_kind: Vec<_> = server_cpu1.iter().zip(&server_cpu0).map(|(&(kind, after), (_, before))| (kind, per_delivery(after - before))).collect();
    Ok(Outcome {
        per_sec: expected as f64 / ((last_ns - start_ns) as f64 / 1e9),
        p50: quantile(0.5),
        p99: quantile(0.99),
        server_cpu: cpu_by_kind.iter().map(|(_, d)| *d).sum(),
        client_cpu: per_delivery(client_cpu1 - client_cpu0),
        cpu_by_kind,
        nats: nats0.zip(nats1).map(|((m0, b0), (m1, b1))| ((m1 - m0) as f64 / expected as f64, (b1 - b0) as f64 / expected as f64)),
        bytes: bytes as f64 / expected as f64,
    })
}

/// Every member connected, logged in and in its room, the room's creator
/// first: `(slot in the room, writer, reader)`, room by room. The members
/// of a cluster go to its nodes in turn.
async fn fill_rooms(target: &Target, shape: &Shape, tag: &str) -> Result<Vec<(u32, Writer, Reader)>, String> {
    let mut members = Vec::with_capacity(shape.rooms * shape.members);
    for r in 0..shape.rooms {
        let room = format!("{}-room{}", tag, r);
        let join = |slot: usize| {
            let room = room.clone();
            async move {
                let user = format!("{}-m{}", room, slot);
                let i = r * shape.members + slot;
                let mut conn = client::connect(target, i, &user, idle::source(i)).await?;
                conn.enter(&room, &user, slot == 0).await?;
                let (writer, reader) = conn.split(&room, &user);
                Ok::<_, String>((slot as u32, writer, reader))
            }
        };
        members.push(join(0).await?);
        let rest: Vec<_> = futures_util::stream::iter(1..shape.members).map(join).buffer_unordered(JOINING).try_collect().await?;
        members.extend(rest);
    }
    Ok(members)
}

/// Waits until no member has read anything for `QUIET`.
async fn settle(read: &AtomicU64) {
    let deadline = Instant::now() + SETTLING;
    let mut last = read.load(Ordering::Relaxed);
    loop {
        tokio::time::sleep(QUIET).await;
        let now = read.load(Ordering::Relaxed);
        if now == last || Instant::now() > deadline {
            return;
        }
        last = now;
    }
}

/// A sender's messages; gives its writer back so its connection stays open
/// until every member is done.
async fn send(mut writer: Writer, slot: u32, messages: usize, interval: Option<Duration>, start: Instant) -> Result<Writer, String> {
    for seq in 0..messages {
        if let Some(interval) = interval {
            tokio::time::sleep_until((start + interval * seq as u32).into()).await;
        }
        writer.send(&Token { sender: slot, seq: seq as u32, sent_ns: now_ns() }.text()).await?;
    }
    Ok(writer)
}

/// What a member must get: every message of every sender but itself.
#[derive(Clone, Copy)]
struct Expect {
    me: u32,
    senders: u32,
    messages: u32,
}

/// What a member got.
struct Record {
    expect: Expect,
    seen: Vec<bool>,
    latencies_ns: Vec<u64>,
    duplicates: u64,
    strays: u64,
    last_ns: u64,
    failure: Option<String>,
}

impl Record {
    fn fault(&self) -> Option<String> {
        let Expect { me, senders, messages } = self.expect;
        let owed = (0..senders).filter(|&s| s != me).count() * messages as usize;
        let missing = owed - self.latencies_ns.len();
        if missing == 0 && self.duplicates == 0 && self.strays == 0 && self.failure.is_none() {
            return None;
        }
        Some(format!(
            "member {}: {} missing, {} twice, {} not of its room{}",
            me,
            missing,
            self.duplicates,
            self.strays,
            self.failure.as_ref().map(|f| format!(", {}", f)).unwrap_or_default()
        ))
    }
}

async fn receive(mut reader: Reader, expect: Expect, delivered: Arc<AtomicU64>, read: Arc<AtomicU64>, mut stop: watch::Receiver<bool>) -> Record {
    let slots = (expect.senders * expect.messages) as usize;
    let mut record = Record { expect, seen: vec![false; slots], latencies_ns: Vec::new(), duplicates: 0, strays: 0, last_ns: 0, failure: None };
    let mut scanner = Scanner::default();
    loop {
        let incoming = tokio::select! {
            incoming = reader.next() => incoming,
            _ = stop.changed() => break,
        };
        let data = match incoming {
            Ok(Incoming::Data(data)) => data,
            Ok(Incoming::Pong) => continue,
            Ok(Incoming::Closed) => {
                record.failure = Some("the server closed the connection".into());
                break;
            }
            Err(e) => {
                record.failure = Some(e);
                break;
            }
        };
        let now = now_ns();
        read.fetch_add(data.len() as u64, Ordering::Relaxed);
        let before = record.latencies_ns.len();
        scanner.feed(&data, |t| {
            // A sender hears its own message back (the MUC echo, Huddle's reply).
            if t.sender == expect.me {
                return;
            }
            if t.sender >= expect.senders || t.seq >= expect.messages {
                record.strays += 1;
                return;
            }
            let slot = &mut record.seen[(t.sender * expect.messages + t.seq) as usize];
            if *slot {
                record.duplicates += 1;
            } else {
                *slot = true;
                record.latencies_ns.push(now.saturating_sub(t.sent_ns));
            }
        });
        let got = record.latencies_ns.len() - before;
        if got > 0 {
            record.last_ns = now;
            delivered.fetch_add(got as u64, Ordering::Relaxed);
        }
    }
    record
}
