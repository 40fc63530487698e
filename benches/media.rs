//! Media files (issue 13): a 50 MB file sent as a file elem and downloaded
//! back, on the embedded engine (into and out of its store under the data
//! dir), through huddle-server (HTTP upload and download, streamed), and
//! through huddle-server on PostgreSQL (a cluster's store: the file in the
//! database, in chunks), each against a plain copy of the same file on the
//! same disk (`std::fs::copy`), measured in the same run, round by round.
//!
//! `cargo bench --bench media` (about two minutes once built; PostgreSQL's
//! binaries installed, as tests/postgres.rs needs them).

use std::path::{Path, PathBuf};
use std::sync::mpsc;
use std::time::{Duration, Instant};

#[path = "../tests/common/pg.rs"]
mod pg;

use huddle::client::{Client, SdkConfig};
use serde_json::{json, Value};

const BYTES: usize = 50 * 1024 * 1024;
const ROUNDS: usize = 5;

fn login(config: Value, user: &str) -> Client {
    let client = Client::new(serde_json::from_value::<SdkConfig>(config).unwrap()).unwrap();
    let (tx, rx) = mpsc::channel();
    client.login(user, "", Box::new(move |r| tx.send(r.code).unwrap())).unwrap();
    assert_eq!(rx.recv_timeout(Duration::from_secs(30)).unwrap(), 0);
    client
}

/// When the upload progress listener last heard of the whole file: the
/// file stored, the message not yet sent.
type Stored = std::sync::Arc<std::sync::Mutex<Option<Instant>>>;

fn hear_stored(alice: &Client) -> Stored {
    let stored = Stored::default();
    let at = std::sync::Arc::clone(&stored);
    alice.set_upload_progress_listener(Some(std::sync::Arc::new(move |_: &str, _, sent, total| {
        if sent == total {
            *at.lock().unwrap() = Some(Instant::now());
        }
    })));
    stored
}

/// Sends `path` as a file elem to bob; the time until the send's callback, and the file's ID.
fn send(alice: &Client, path: &Path, round: usize) -> (Duration, String) {
    let req = serde_json::from_value(json!({"method": "MsgSend", "params": {
        "conv": {"conv_type": 1, "conv_id": "bob"}, "msg_id": format!("bench-{}", round),
        "param": {"message_elem_array": [{"elem_type": 4, "file_elem_file_path": path}]}
    }}))
    .unwrap();
    let (tx, rx) = mpsc::channel();
    let start = Instant::now();
    alice.call(req, Box::new(move |r| tx.send(r).unwrap())).unwrap();
    let r = rx.recv_timeout(Duration::from_secs(600)).unwrap();
    let took = start.elapsed();
    assert_eq!(r.code, 0, "{}", r.desc);
    let sent: Value = serde_json::from_str(&r.json).unwrap();
    (took, sent["message_elem_array"][0]["file_elem_file_id"].as_str().unwrap().to_string())
}

fn download(bob: &Client, id: &str, to: &Path) -> Duration {
    let (tx, rx) = mpsc::channel();
    let start = Instant::now();
    bob.download_elem(id.into(), to.into(), Box::new(move |r| tx.send(r).unwrap())).unwrap();
    let r = rx.recv_timeout(Duration::from_secs(600)).unwrap();
    let took = start.elapsed();
    assert_eq!(r.code, 0, "{}", r.desc);
    took
}

fn copy(from: &Path, to: &Path) -> Duration {
    let start = Instant::now();
    std::fs::copy(from, to).unwrap();
    let took = start.elapsed();
    std::fs::remove_file(to).unwrap();
    took
}

/// A file of `BYTES` that differs each round (a stored file is kept once:
/// the same bytes again would be found, not stored).
fn source(dir: &Path, round: usize) -> PathBuf {
    let path = dir.join(format!("source-{}.bin", round));
    let bytes: Vec<u8> = (0..BYTES).map(|i| ((i.wrapping_mul(2_654_435_761) >> 13) as u8) ^ round as u8).collect();
    std::fs::write(&path, bytes).unwrap();
    path
}

fn median(mut v: Vec<Duration>) -> Duration {
    v.sort();
    v[v.len() / 2]
}

fn mb_per_s(d: Duration) -> f64 {
    BYTES as f64 / (1024.0 * 1024.0) / d.as_secs_f64()
}

/// Reads `path` in steps of `chunk` bytes, hashing (`hash`) and writing to
/// `to` (`to`), as much of the store's import as is asked: its parts, timed apart.
fn part(path: &Path, chunk: usize, hash: bool, to: Option<&Path>) -> Duration {
    use sha2::Digest;
    use std::io::{Read, Write};
    let start = Instant::now();
    let mut file = std::fs::File::open(path).unwrap();
    let mut out = to.map(|t| std::fs::File::create(t).unwrap());
    let mut hasher = sha2::Sha256::new();
    let mut buf = vec![0u8; chunk];
    loop {
        let n = file.read(&mut buf).unwrap();
        if n == 0 {
            break;
        }
        if hash {
            hasher.update(&buf[..n]);
        }
        if let Some(out) = out.as_mut() {
            out.write_all(&buf[..n]).unwrap();
        }
    }
    std::hint::black_box(hasher.finalize());
    drop(out);
    let took = start.elapsed();
    if let Some(t) = to {
        std::fs::remove_file(t).unwrap();
    }
    took
}

/// The embedded upload's parts, each against a plain copy in the same round.
fn parts(dir: &Path) {
    let store = huddle::media::MediaStore::open(Some(&dir.join("parts"))).unwrap();
    let names = ["plain copy", "read", "read + SHA-256", "read + write", "read + SHA-256 + write, 1 MiB steps", "MediaStore::import", "the same, on a new thread"];
    let mut times: Vec<Vec<Duration>> = vec![Vec::new(); names.len()];
    let chunk = huddle::media::store::CHUNK;
    for round in 0..ROUNDS {
        let file = source(dir, 1000 + round);
        let to = dir.join("part.bin");
        times[0].push(copy(&file, &to));
        times[1].push(part(&file, chunk, false, None));
        times[2].push(part(&file, chunk, true, None));
        times[3].push(part(&file, chunk, false, Some(&to)));
        times[4].push(part(&file, 1024 * 1024, true, Some(&to)));
        let import = || {
            let start = Instant::now();
            let stored = store.import(&file, huddle::media::MediaKind::File, &mut |_, _| true).unwrap();
            let took = start.elapsed();
            std::fs::remove_file(store.path(&stored.id).unwrap()).unwrap();
            took
        };
        times[5].push(import());
        times[6].push(std::thread::scope(|s| s.spawn(import).join().unwrap()));
        std::fs::remove_file(&file).unwrap();
    }
    let base = median(times[0].clone());
    for (name, t) in names.iter().zip(times) {
        let m = median(t);
        println!("part      {:<40} {:>8.1} ms {:>7.0} MB/s | ratio {:.2}", name, m.as_secs_f64() * 1e3, mb_per_s(m), m.as_secs_f64() / base.as_secs_f64());
    }
}

fn run(name: &str, alice: &Client, bob: &Client, dir: &Path) {
    let (mut up, mut down, mut base_up, mut base_down) = (Vec::new(), Vec::new(), Vec::new(), Vec::new());
    let (stored, mut storing) = (hear_stored(alice), Vec::new());
    for round in 0..ROUNDS {
        let file = source(dir, round + name.len() * 100);
        base_up.push(copy(&file, &dir.join("baseline-up.bin")));
        let start = Instant::now();
        let (took, id) = send(alice, &file, round);
        storing.push(stored.lock().unwrap().take().expect("the listener heard the whole file") - start);
        up.push(took);
        base_down.push(copy(&file, &dir.join("baseline-down.bin")));
        let to = dir.join("downloaded.bin");
        down.push(download(bob, &id, &to));
        std::fs::remove_file(&to).unwrap();
        std::fs::remove_file(&file).unwrap();
    }
    let base = median(base_up.clone());
    for (what, m, b) in [("stored", median(storing), base), ("upload", median(up), base), ("download", median(down), median(base_down))] {
        println!(
            "{:<9} {:<8} {:>8.1} ms {:>7.0} MB/s | plain copy {:>7.1} ms {:>7.0} MB/s | ratio {:.2}",
            name, what, m.as_secs_f64() * 1e3, mb_per_s(m), b.as_secs_f64() * 1e3, mb_per_s(b), m.as_secs_f64() / b.as_secs_f64()
        );
    }
}

fn main() {
    let dir = tempfile::tempdir().unwrap();
    println!("{} MB files, median of {} rounds each, contenders interleaved", BYTES >> 20, ROUNDS);

    parts(dir.path());

    let config = json!({ "callback_mode": "thread", "sdk_config_data_dir": dir.path().join("embedded") });
    let (alice, bob) = (login(config.clone(), "alice"), login(config, "bob"));
    run("embedded", &alice, &bob, dir.path());
    alice.shutdown();
    bob.shutdown();

    on_server("server", None, dir.path());
    let pg = pg::TempPostgres::start();
    on_server("postgres", Some(pg.url()), dir.path());
}

/// `run` through an in-process huddle-server with a data dir, on `store` if given.
fn on_server(name: &str, store: Option<String>, dir: &Path) {
    let server = huddle::server::Running::start(huddle::server::ServerConfig {
        listen: "127.0.0.1:0".parse().unwrap(),
        data_dir: Some(dir.join(name)),
        login_policy: huddle::config::LoginPolicy::Multi,
        store,
        ..Default::default()
    })
    .unwrap();
    let config = json!({ "callback_mode": "thread", "sdk_config_server_url": server.url() });
    let (alice, bob) = (login(config.clone(), "alice"), login(config, "bob"));
    run(name, &alice, &bob, dir);
    alice.shutdown();
    bob.shutdown();
    server.stop().unwrap();
}
