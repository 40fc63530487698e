//! Issue 14: group attribute writes and counter increments per second,
//! against a group-info modify (ModifyGroupInfo of the notification) in the
//! same run, each as a batch on a fresh engine of a 20-member match room.
//! `cargo bench --bench attributes`; benches/README.md has the numbers.

use std::sync::Arc;
use std::time::{Duration, Instant};

use criterion::{criterion_group, criterion_main, BenchmarkId, Criterion, SamplingMode, Throughput};
use huddle::engine::{AttrWrite, CounterWrite, Limits};
use huddle::model::GroupAttribute;
use huddle::params::{CreateGroupParam, ModifyGroupParam};
use huddle::{Engine, EngineConfig, GroupType};
use tempfile::TempDir;

/// Operations timed per iteration.
const BATCH: u64 = 2_000;
const MEMBERS: u64 = 20;
const ROOM: &str = "room";

/// A fresh engine (SQLite in a temp dir, or in memory) with the room and
/// its members; the frequency limits are off, as for a game's server.
fn room(durable: bool) -> (Arc<Engine>, Option<TempDir>) {
    let dir = durable.then(|| tempfile::tempdir().unwrap());
    let data_dir = dir.as_ref().map(|d| d.path().to_path_buf());
    let limits = Limits { group_attr_writes_per_5s: 0, group_counter_writes_per_5s: 0, ..Limits::default() };
    let engine = Engine::open(EngineConfig { data_dir, limits, ..EngineConfig::default() }).unwrap();
    let p = CreateGroupParam { group_id: Some(ROOM.into()), name: "Match".into(), group_type: Some(GroupType::Meeting), ..Default::default() };
    engine.create_group("p0", p).unwrap();
    for i in 1..MEMBERS {
        engine.join(&format!("p{i}"), ROOM, "").unwrap();
    }
    (engine, dir)
}

/// The time of `iters` batches of `op(engine, i)`, submitted as clients
/// submit them (not waiting for each reply), until the last is durable.
fn batches(iters: u64, durable: bool, op: impl Fn(&Engine, u64)) -> Duration {
    (0..iters)
        .map(|_| {
            let (engine, _dir) = room(durable);
            let start = Instant::now();
            for i in 0..BATCH {
                op(&engine, i);
            }
            engine.sync().unwrap();
            start.elapsed()
        })
        .sum()
}

/// Member i % 20 takes seat i % 16.
fn attribute_set(engine: &Engine, i: u64) {
    let user = format!("p{}", i % MEMBERS);
    let seat = GroupAttribute { key: format!("seat{}", i % 16), value: format!("{user} at move {i}") };
    let (outcome, _) = engine.submit(user.as_str().into(), |s, c| s.write_group_attributes(c, ROOM, AttrWrite::Set(vec![seat])), |_| None);
    outcome.unwrap();
}

fn counter_increase(engine: &Engine, i: u64) {
    let user = format!("p{}", i % MEMBERS);
    let add = CounterWrite::Add { key: "likes".into(), by: 1 };
    let (outcome, _) = engine.submit(user.as_str().into(), |s, c| s.write_group_counters(c, ROOM, add), |_| None);
    outcome.unwrap();
}

/// The baseline: the owner changes the notification (every member gets a tip).
fn info_modify(engine: &Engine, i: u64) {
    let p = ModifyGroupParam { group_id: ROOM.into(), flags: 0x2, notification: Some(format!("round {i}")), ..Default::default() };
    let (outcome, _) = engine.submit("p0".into(), |s, c| s.modify_group(c, p), |_| None);
    outcome.unwrap();
}

fn throughput(c: &mut Criterion) {
    let mut group = c.benchmark_group("attribute_throughput");
    group.sampling_mode(SamplingMode::Flat).sample_size(10).measurement_time(Duration::from_secs(5));
    group.throughput(Throughput::Elements(BATCH));
    for (store, durable) in [("sqlite", true), ("memory", false)] {
        group.bench_function(BenchmarkId::new("info_modify_baseline", store), |b| b.iter_custom(|iters| batches(iters, durable, info_modify)));
        group.bench_function(BenchmarkId::new("attribute_set", store), |b| b.iter_custom(|iters| batches(iters, durable, attribute_set)));
        group.bench_function(BenchmarkId::new("counter_increase", store), |b| b.iter_custom(|iters| batches(iters, durable, counter_increase)));
    }
    group.finish();
}

criterion_group!(benches, throughput);
criterion_main!(benches);
