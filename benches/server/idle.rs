//! Connections held: many idle members, each connected and logged in, kept
//! open with pings for a while; the server's resident memory before and
//! after, per connection.

use std::net::{IpAddr, Ipv4Addr};
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::Arc;
use std::time::{Duration, Instant};

use futures_util::{StreamExt, TryStreamExt};

use crate::client::{self, Incoming};
use crate::servers::Target;

pub struct Held {
    pub count: usize,
    /// From the first connect until all are logged in.
    pub setup: Duration,
    pub rss_before_kib: u64,
    pub rss_after_kib: u64,
}

impl Held {
    pub fn kib_per_connection(&self) -> f64 {
        (self.rss_after_kib as f64 - self.rss_before_kib as f64) / self.count as f64
    }
}

/// Logins in flight at once.
const CONNECTING: usize = 256;
/// Pings each connection sends during the hold, evenly spread.
const PINGS: u64 = 2;

/// Source addresses 127.0.0.2 to 127.0.0.17 in turn: each has its own
/// ephemeral ports, so the count is not bounded by one address's range.
pub fn source(i: usize) -> IpAddr {
    IpAddr::V4(Ipv4Addr::new(127, 0, 0, 2 + (i % 16) as u8))
}

pub async fn run(target: &Target, count: usize, hold: Duration, tag: &str) -> Result<Held, String> {
    let rss_before_kib = target.rss_kib()?;
    let start = Instant::now();
    let conns: Vec<_> = futures_util::stream::iter(0..count)
        .map(|i| async move { client::connect(target, i, &format!("{}-idle{}", tag, i), source(i)).await })
        .buffer_unordered(CONNECTING)
        .try_collect()
        .await?;
    let setup = start.elapsed();

    let pongs = Arc::new(AtomicU64::new(0));
    let mut writers = Vec::with_capacity(count);
    let mut readers: Vec<tokio::task::JoinHandle<Result<(), String>>> = Vec::with_capacity(count);
    for (i, conn) in conns.into_iter().enumerate() {
        let (writer, mut reader) = conn.split("", &i.to_string());
        writers.push(writer);
        let pongs = Arc::clone(&pongs);
        readers.push(tokio::spawn(async move {
            loop {
                match reader.next().await {
                    Ok(Incoming::Pong) => {
                        pongs.fetch_add(1, Ordering::Relaxed);
                    }
                    Ok(Incoming::Data(_)) => {}
                    Ok(Incoming::Closed) => return Err("the server closed an idle connection".to_string()),
                    Err(e) => return Err(e),
                }
            }
        }));
    }

    for _ in 0..PINGS {
        for writer in &mut writers {
            writer.ping().await?;
        }
        tokio::time::sleep(hold / PINGS as u32).await;
    }
    let expected = PINGS * count as u64;
    let deadline = Instant::now() + Duration::from_secs(30);
    while pongs.load(Ordering::Relaxed) < expected && Instant::now() < deadline {
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    let rss_after_kib = target.rss_kib()?;

    // A reader ends only when its connection failed.
    let (mut lost, mut why) = (0, String::new());
    for reader in readers {
        if reader.is_finished() {
            lost += 1;
            if let Ok(Err(e)) = reader.await {
                why = e;
            }
        } else {
            reader.abort();
        }
    }
    let answered = pongs.load(Ordering::Relaxed);
    if answered != expected || lost > 0 {
        return Err(format!("{}: {} of {} pings answered, {} connections lost while held ({})", target.name, answered, expected, lost, why));
    }
    Ok(Held { count, setup, rss_before_kib, rss_after_kib })
}
