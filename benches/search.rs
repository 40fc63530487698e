//! Issue 13: `HuddleMsgSearchLocalMessages` on 1,000,000 stored messages,
//! against a LIKE scan of the same texts in the same run.
//!
//! One user (alice) in 100 groups of 5, 10,000 messages each, sent through
//! the in-memory engine (so each is indexed as a sent message is). Texts are
//! 6 to 12 words drawn from made-up English words and two-character Chinese
//! words, seeded, so every run stores the same million; a few marker words
//! are planted at known rates. Each query runs `ROUNDS` times, interleaved
//! with its baseline, and the medians are printed.
//!
//! The baseline is what a search without the index costs: the same texts
//! in an SQLite table (thread, seq, time, body), `body LIKE '%keyword%'`,
//! newest first, the first page of 20; that is what the engine's own search
//! also answers (Tencent's page), from the index.
//!
//! `cargo bench --bench search --no-default-features` (the server's
//! dependencies are not needed).

use std::sync::Arc;
use std::time::{Duration, Instant};

use huddle::engine::{Engine, EngineConfig, Limits};
use huddle::model::Thread;
use huddle::params::{SearchParam, SendParam};
use serde_json::json;

const GROUPS: usize = 100;
const PER_GROUP: usize = 10_000;
const ROUNDS: usize = 21;

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

fn main() {
    let texts = corpus();
    let engine = Engine::open(EngineConfig { limits: Limits { group_msgs_per_second: u32::MAX, ..Limits::default() }, ..EngineConfig::default() }).unwrap();
    let started = Instant::now();
    for g in 0..GROUPS {
        let gid = format!("g{}", g);
        let create = serde_json::from_value(json!({"create_group_param_group_id": gid, "create_group_param_group_name": gid, "create_group_param_group_type": 2})).unwrap();
        engine.create_group("alice", create).unwrap();
        for m in 1..5 {
            engine.join(&format!("m{}", m), &gid, "").unwrap();
        }
    }
    let baseline = rusqlite::Connection::open_in_memory().unwrap();
    baseline.execute_batch("CREATE TABLE plain (thread TEXT NOT NULL, seq INTEGER NOT NULL, time INTEGER NOT NULL, body TEXT NOT NULL); BEGIN").unwrap();
    for (i, text) in texts.iter().enumerate() {
        let (g, sender) = (i % GROUPS, ["alice", "m1", "m2", "m3", "m4"][i % 5]);
        let thread = Thread::Group(format!("g{}", g));
        let param: SendParam = serde_json::from_value(json!({"message_elem_array": [{"elem_type": 0, "text_elem_content": text}]})).unwrap();
        let sent = engine.run(sender, |s, c| s.send(c, thread, huddle::engine::new_msg_id(0), param)).unwrap().value;
        baseline
            .prepare_cached("INSERT INTO plain VALUES (?1, ?2, ?3, ?4)")
            .unwrap()
            .execute(rusqlite::params![format!("g{}", g), sent.seq as i64, sent.server_time as i64, text])
            .unwrap();
    }
    baseline.execute_batch("COMMIT").unwrap();
    println!("stored {} messages in {:.1} s (sent through the engine, indexed, and the baseline table)", texts.len(), started.elapsed().as_secs_f64());

    let engine = Arc::new(engine);
    let queries: [(&str, &str, Option<&str>); 6] = [
        ("rare English word, all conversations", "dragonfly", None),
        ("rare two-character Chinese word, all conversations", "熊猫", None),
        ("rare four-character Chinese word, all conversations", "北京烤鸭", None),
        ("common English word (5%), all conversations", "raid", None),
        ("rare English word, one conversation", "dragonfly", Some("g50")),
        ("common English word (5%), one conversation", "raid", Some("g50")),
    ];
    println!("| query | matches | FTS5 search (engine, page of 20) | LIKE scan (page of 20) | ratio |");
    println!("| --- | --- | --- | --- | --- |");
    for (label, keyword, conv) in queries {
        let mut param = SearchParam { keywords: vec![keyword.to_string()], page_size: 20, ..SearchParam::default() };
        if let Some(g) = conv {
            param.conv_id = g.to_string();
            param.conv_type = 2;
        }
        let sql = match conv {
            Some(_) => "SELECT thread, seq FROM plain WHERE thread = ?2 AND body LIKE ?1 ORDER BY time DESC, seq DESC LIMIT 20",
            None => "SELECT thread, seq FROM plain WHERE body LIKE ?1 AND ?2 IS NOT NULL ORDER BY time DESC, seq DESC LIMIT 20",
        };
        let like = format!("%{}%", keyword);
        let (mut fts, mut scan) = (Vec::new(), Vec::new());
        let mut matches = 0;
        for _ in 0..ROUNDS {
            let t = Instant::now();
            let result = engine.read("alice", |s, c| s.search_messages(c, &param)).unwrap();
            fts.push(t.elapsed());
            matches = match conv {
                Some(_) => result["msg_search_result_total_count"].as_u64().unwrap(),
                None => result["msg_search_result_item_array"].as_array().unwrap().iter().map(|i| i["msg_search_result_item_total_message_count"].as_u64().unwrap()).sum(),
            };
            let t = Instant::now();
            let mut stmt = baseline.prepare_cached(sql).unwrap();
            let rows: Vec<(String, i64)> = stmt.query_map(rusqlite::params![like, conv.unwrap_or("")], |r| Ok((r.get(0)?, r.get(1)?))).unwrap().map(Result::unwrap).collect();
            scan.push(t.elapsed());
            assert!(!rows.is_empty(), "the baseline finds {}", keyword);
        }
        let (f, s) = (median(fts), median(scan));
        println!("| {} (`{}`) | {} | {:.2} ms | {:.1} ms | {:.3} |", label, keyword, matches, f.as_secs_f64() * 1e3, s.as_secs_f64() * 1e3, f.as_secs_f64() / s.as_secs_f64());
    }
}
