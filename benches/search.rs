//! Issue 13: `HuddleMsgSearchLocalMessages` on 1,000,000 stored messages,
//! against a LIKE scan of the same texts in the same run; and what the
//! index costs where it lives, in the SQLite store's file.
//!
//! One user (alice) in 100 groups of 5, 10,000 messages each, written into
//! a data dir by the SQLite store in commits of 1,000 messages, as the
//! engine's committer writes them (index and all), and the same messages
//! into a second dir by the store keeping no index: the ratio is what the
//! index adds to storing. Texts are 6 to 12 words drawn from made-up
//! English words and two-character Chinese words, seeded, so every run
//! stores the same million; a few marker words are planted at known rates.
//!
//! Then: the engine opens the dir (the index is in it: nothing to build),
//! each query runs `ROUNDS` times interleaved with its baselines (medians):
//! the same search with the index in the engine's memory (the store kept
//! no index: how the engine searched before, and still does on
//! PostgreSQL), and a LIKE scan of the same texts in an SQLite table
//! (thread, seq, time, body), `body LIKE '%keyword%'`, newest first, the
//! first page of 20 (what the engine answers too, Tencent's page). Opening
//! the dir each way is timed (the in-memory index is built at open), and
//! an indexed open of the dir the unindexed one left (its index marked
//! stale, so rebuilt: what a data dir from before the index costs once).
//! Last, durable sends through the engine, index in the store against
//! index in memory, on fresh dirs.
//!
//! `cargo bench --bench search --no-default-features` (the server's
//! dependencies are not needed).

use std::path::Path;
use std::sync::Arc;
use std::time::{Duration, Instant};

use huddle::engine::{Engine, EngineConfig, Limits};
use huddle::model::{Change, Message, Thread};
use huddle::params::{SearchParam, SendParam};
use huddle::store::{SqliteStore, Store};
use huddle::types::MsgStatus;
use serde_json::json;

const GROUPS: usize = 100;
const PER_GROUP: usize = 10_000;
const ROUNDS: usize = 21;
/// Messages per store commit while filling the dirs.
const BATCH: usize = 1000;
/// Durable sends per run, and runs of each kind.
const SENDS: usize = 20_000;
const SEND_RUNS: usize = 3;
const MEMBERS: [&str; 5] = ["alice", "m1", "m2", "m3", "m4"];

/// xorshift64*: the same texts every run.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_f491_4f6c_dd1d)
    }

    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }
}

/// Marker words and how often one is planted (one message in `every`, at random).
const MARKERS: [(&str, usize); 4] = [("dragonfly", 1000), ("熊猫", 1000), ("raid", 20), ("北京烤鸭", 5000)];

fn corpus() -> Vec<String> {
    let mut rng = Rng(0x9e37_79b9_7f4a_7c15);
    let letters: Vec<char> = "abcdefghijklmnopqrstuvwxyz".chars().collect();
    let hanzi: Vec<char> = "的一是不了人我在有他这中大来上国个到说们为子和你地出道也时年得就那要下以生会自着去之过家学对可她里后小么心多天而能好都然没日于起还发成事只作当想看文无开手十用主行方又如前所本见经头面公同三已老从动两长知民样现分将外但身些与高意进把法此实回二理美点月明其种声全工己话儿者向情部正名定女问力机给等几很业最间新什打便位因重被走电四第门相次东政海口使教西再平真听世气信北少关并内加化由却代军产入先山五太水万市眼体别处总才场师书比住员九笑性通目华报立马命张活难神数件安表原车白应路期叫死常提感金何更反合放做系计或司利受光王果亲界及今京务制解各任至清物台象记边共风战干接它许八特觉望直服毛林题建南度统色字请交爱让认算论百吃义科怎元社术结六功指思非流每青管夫连远资队跟带花快条院变联言权往展该领传近留红治决周保达办运武半候七必城父强步完革深区即求品士转量空甚众技轻程告江语英基派满式李息写呢识极令黄德收脸钱党倒未持音落".chars().collect();
    let english: Vec<String> = (0..2000).map(|_| (0..3 + rng.below(6)).map(|_| letters[rng.below(26)]).collect()).collect();
    let chinese: Vec<String> = (0..2000).map(|_| (0..2).map(|_| hanzi[rng.below(hanzi.len())]).collect()).collect();
    (0..GROUPS * PER_GROUP)
        .map(|_| {
            let words = 6 + rng.below(7);
            let mut text: Vec<String> = (0..words).map(|_| if rng.below(2) == 0 { english[rng.below(2000)].clone() } else { chinese[rng.below(2000)].clone() }).collect();
            for (marker, every) in MARKERS {
                if rng.below(every) == 0 {
                    let at = rng.below(text.len());
                    text.insert(at, marker.to_string());
                }
            }
            // Chinese is written unspaced: join its words with nothing.
            let mut out = String::new();
            for w in text {
                if !out.is_empty() && (w.is_ascii() || out.chars().last().is_some_and(|c| c.is_ascii())) {
                    out.push(' ');
                }
                out.push_str(&w);
            }
            out
        })
        .collect()
}

fn median(mut v: Vec<Duration>) -> Duration {
    v.sort();
    v[v.len() / 2]
}

fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1e3
}

fn config(dir: &Path) -> EngineConfig {
    EngineConfig { data_dir: Some(dir.to_path_buf()), limits: Limits { group_msgs_per_second: u32::MAX, ..Limits::default() }, ..EngineConfig::default() }
}

/// A durable engine on `dir`, its search index in the store or (`indexed`
/// false) in its memory; how long the open took.
fn open(dir: &Path, indexed: bool) -> (Arc<Engine>, Duration) {
    let started = Instant::now();
    let store = if indexed { SqliteStore::open(dir) } else { SqliteStore::open_without_index(dir) }.unwrap();
    let engine = Engine::open_with(config(dir), Some(Box::new(store))).unwrap();
    (engine, started.elapsed())
}

/// The groups, made through the engine: alice owns them, four others join.
fn groups(dir: &Path, count: usize) {
    let (engine, _) = open(dir, true);
    for g in 0..count {
        let gid = format!("g{}", g);
        let create = serde_json::from_value(json!({"create_group_param_group_id": gid, "create_group_param_group_name": gid, "create_group_param_group_type": 2})).unwrap();
        engine.create_group("alice", create).unwrap();
        for m in &MEMBERS[1..] {
            engine.join(m, &gid, "").unwrap();
        }
    }
}

/// Message `i` of the corpus as the engine stores a sent one.
fn message(i: usize, text: &str, base_time: u64) -> Message {
    let g = i % GROUPS;
    let seq = (i / GROUPS + 1) as u64;
    Message {
        thread: Thread::Group(format!("g{}", g)),
        seq,
        msg_id: format!("m{}", i),
        sender: MEMBERS[i % 5].to_string(),
        server_time: base_time + (i / 100) as u64,
        client_time: base_time + (i / 100) as u64,
        elems: vec![json!({"elem_type": 0, "text_elem_content": text})],
        at_users: Vec::new(),
        targets: Vec::new(),
        status: MsgStatus::Sent,
        revoker: String::new(),
        order: (1 << 33) + i as u64,
        revoked_order: 0,
        random: i as u32,
        cloud_custom_data: String::new(),
        platform: 0,
        version: 0,
        modified_order: 0,
        local_to: None,
        priority: Default::default(),
        extras: Default::default(),
    }
}

/// Writes the corpus into `dir`'s store in commits of `BATCH`; how long it took.
fn fill(dir: &Path, texts: &[String], base_time: u64, indexed: bool) -> Duration {
    let mut store: Box<dyn Store> = Box::new(if indexed { SqliteStore::open(dir) } else { SqliteStore::open_without_index(dir) }.unwrap());
    store.load().unwrap();
    let started = Instant::now();
    for (n, chunk) in texts.chunks(BATCH).enumerate() {
        let changes: Vec<Change> = chunk.iter().enumerate().map(|(k, t)| Change::PutMessage(message(n * BATCH + k, t, base_time))).collect();
        store.apply(&changes).unwrap();
    }
    started.elapsed()
}

/// One search through the engine's call (answered by the reply, as the C
/// API is), timed; its number of matches.
fn search(engine: &Engine, param: &SearchParam, one: bool) -> (Duration, u64) {
    let (tx, rx) = std::sync::mpsc::channel();
    let started = Instant::now();
    engine.search("alice".into(), param, Box::new(move |r| tx.send((Instant::now(), r)).unwrap()));
    let (at, r) = rx.recv().unwrap();
    assert_eq!(r.code, 0, "{}", r.desc);
    let result: serde_json::Value = serde_json::from_str(&r.json).unwrap();
    let matches = match one {
        true => result["msg_search_result_total_count"].as_u64().unwrap(),
        false => result["msg_search_result_item_array"].as_array().unwrap().iter().map(|i| i["msg_search_result_item_total_message_count"].as_u64().unwrap()).sum(),
    };
    (at - started, matches)
}

/// `SENDS` durable sends through the engine into one group, many in
/// flight (group commit), on a fresh dir; how long until all are committed.
fn sends(indexed: bool, texts: &[String]) -> Duration {
    let dir = tempfile::tempdir().unwrap();
    groups(dir.path(), 1);
    let (engine, _) = open(dir.path(), indexed);
    let thread = Thread::Group("g0".into());
    let started = Instant::now();
    for (i, text) in texts.iter().take(SENDS).enumerate() {
        let param: SendParam = serde_json::from_value(json!({"message_elem_array": [{"elem_type": 0, "text_elem_content": text}]})).unwrap();
        let t = thread.clone();
        let (sent, _) = engine.submit(MEMBERS[i % 5].into(), |s, c| s.send(c, t, huddle::engine::new_msg_id(0), param), |_| None);
        sent.unwrap();
    }
    engine.sync().unwrap();
    started.elapsed()
}

fn main() {
    let texts = corpus();
    let base_time = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).unwrap().as_secs() - (texts.len() / 100) as u64 - 60;
    let (indexed_dir, plain_dir) = (tempfile::tempdir().unwrap(), tempfile::tempdir().unwrap());
    groups(indexed_dir.path(), GROUPS);
    groups(plain_dir.path(), GROUPS);
    let with_index = fill(indexed_dir.path(), &texts, base_time, true);
    let without = fill(plain_dir.path(), &texts, base_time, false);
    println!(
        "stored {} messages in commits of {}: {:.1} s with the index, {:.1} s without (ratio {:.2})",
        texts.len(),
        BATCH,
        with_index.as_secs_f64(),
        without.as_secs_f64(),
        with_index.as_secs_f64() / without.as_secs_f64()
    );
    let size = |d: &Path| std::fs::read_dir(d).unwrap().map(|e| e.unwrap().metadata().unwrap().len()).sum::<u64>() as f64 / 1e6;
    println!("data dir: {:.0} MB with the index, {:.0} MB without", size(indexed_dir.path()), size(plain_dir.path()));

    let baseline = rusqlite::Connection::open_in_memory().unwrap();
    baseline.execute_batch("CREATE TABLE plain (thread TEXT NOT NULL, seq INTEGER NOT NULL, time INTEGER NOT NULL, body TEXT NOT NULL); BEGIN").unwrap();
    for (i, text) in texts.iter().enumerate() {
        let m = message(i, text, base_time);
        baseline
            .prepare_cached("INSERT INTO plain VALUES (?1, ?2, ?3, ?4)")
            .unwrap()
            .execute(rusqlite::params![format!("g{}", i % GROUPS), m.seq as i64, m.server_time as i64, text])
            .unwrap();
    }
    baseline.execute_batch("COMMIT").unwrap();

    // The same dir opened both ways, one engine at a time (each holds the
    // million messages in memory).
    let opened_store = open(indexed_dir.path(), true).1;
    let (in_memory, opened_memory) = open(indexed_dir.path(), false);
    let queries: [(&str, &str, Option<&str>); 6] = [
        ("rare English word, all conversations", "dragonfly", None),
        ("rare two-character Chinese word, all conversations", "熊猫", None),
        ("rare four-character Chinese word, all conversations", "北京烤鸭", None),
        ("common English word (5%), all conversations", "raid", None),
        ("rare English word, one conversation", "dragonfly", Some("g50")),
        ("common English word (5%), one conversation", "raid", Some("g50")),
    ];
    // The in-memory index's times first; then the store's, reopened.
    let mut memory_times = Vec::new();
    for (_, keyword, conv) in queries {
        let param = param(keyword, conv);
        memory_times.push(median((0..ROUNDS).map(|_| search(&in_memory, &param, conv.is_some()).0).collect()));
    }
    drop(in_memory);
    let (in_store, reopened_stale) = open(indexed_dir.path(), true);
    println!(
        "opening the dir of 1,000,000 messages: {:.1} s with the index in the store (nothing to build), {:.1} s with the index built in memory (ratio {:.2}); {:.1} s for the first indexed open after it (its index marked stale: rebuilt)",
        opened_store.as_secs_f64(),
        opened_memory.as_secs_f64(),
        opened_store.as_secs_f64() / opened_memory.as_secs_f64(),
        reopened_stale.as_secs_f64()
    );

    println!("| query | matches | FTS5, index in the store | FTS5, index in memory | LIKE scan | store / LIKE | store / memory |");
    println!("| --- | --- | --- | --- | --- | --- | --- |");
    for ((label, keyword, conv), memory) in queries.into_iter().zip(memory_times) {
        let param = param(keyword, conv);
        let sql = match conv {
            Some(_) => "SELECT thread, seq FROM plain WHERE thread = ?2 AND body LIKE ?1 ORDER BY time DESC, seq DESC LIMIT 20",
            None => "SELECT thread, seq FROM plain WHERE body LIKE ?1 AND ?2 IS NOT NULL ORDER BY time DESC, seq DESC LIMIT 20",
        };
        let like = format!("%{}%", keyword);
        let (mut fts, mut scan) = (Vec::new(), Vec::new());
        // Every match, not only the first page's conversations'.
        let matches = search(&in_store, &SearchParam { page_size: 0, ..param.clone() }, conv.is_some()).1;
        for _ in 0..ROUNDS {
            fts.push(search(&in_store, &param, conv.is_some()).0);
            let t = Instant::now();
            let mut stmt = baseline.prepare_cached(sql).unwrap();
            let rows: Vec<(String, i64)> = stmt.query_map(rusqlite::params![like, conv.unwrap_or("")], |r| Ok((r.get(0)?, r.get(1)?))).unwrap().map(Result::unwrap).collect();
            scan.push(t.elapsed());
            assert!(!rows.is_empty(), "the baseline finds {}", keyword);
        }
        let (f, s) = (median(fts), median(scan));
        println!(
            "| {} (`{}`) | {} | {:.2} ms | {:.2} ms | {:.1} ms | {:.3} | {:.2} |",
            label,
            keyword,
            matches,
            ms(f),
            ms(memory),
            ms(s),
            f.as_secs_f64() / s.as_secs_f64(),
            f.as_secs_f64() / memory.as_secs_f64()
        );
    }
    drop(in_store);

    let (mut stored, mut memory) = (Vec::new(), Vec::new());
    for _ in 0..SEND_RUNS {
        stored.push(sends(true, &texts));
        memory.push(sends(false, &texts));
    }
    let (s, m) = (median(stored), median(memory));
    println!(
        "{} durable sends (medians of {}): {:.0}/s with the index in the store, {:.0}/s with it in memory (time ratio {:.2})",
        SENDS,
        SEND_RUNS,
        SENDS as f64 / s.as_secs_f64(),
        SENDS as f64 / m.as_secs_f64(),
        s.as_secs_f64() / m.as_secs_f64()
    );
}

fn param(keyword: &str, conv: Option<&str>) -> SearchParam {
    let mut param = SearchParam { keywords: vec![keyword.to_string()], page_size: 20, ..SearchParam::default() };
    if let Some(g) = conv {
        param.conv_id = g.to_string();
        param.conv_type = 2;
    }
    param
}
