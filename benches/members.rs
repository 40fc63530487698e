//! Issue 5's benchmark: member-list paging over a 100,000-member Community
//! group, and a ModifyMemberInfo storm (mute, unmute every member, each with
//! its tip to all 2,000) on a 2,000-member Public group. Baselines in the same run: paging against walking the same
//! members in a plain BTreeMap; the storm on the durable (SQLite) engine
//! against the in-memory one.

use std::collections::BTreeMap;
use std::sync::Arc;

use criterion::{criterion_group, criterion_main, BenchmarkId, Criterion, Throughput};
use huddle::engine::EngineConfig;
use huddle::params::{CreateGroupParam, GetMembersParam, InviteParam, ModifyMemberParam};
use huddle::{AddOption, Engine, GroupType};

/// A group of `members` (owner included), filled by an app admin's invites
/// of 500 users at a time: one tip per invite rather than per member.
fn group(e: &Engine, id: &str, ty: GroupType, members: usize) {
    let p = CreateGroupParam { group_id: Some(id.into()), name: id.into(), group_type: Some(ty), add_option: Some(AddOption::Any), ..Default::default() };
    e.create_group("owner", p).unwrap();
    let users: Vec<String> = (1..members).map(|i| format!("u{:06}", i)).collect();
    for chunk in users.chunks(500) {
        let p = InviteParam { group_id: id.into(), users: chunk.to_vec(), user_data: String::new() };
        assert!(!e.invite("root", p).unwrap().value.full);
    }
}

fn paging(c: &mut Criterion) {
    const MEMBERS: usize = 100_000;
    let e = Engine::open(EngineConfig { admins: vec!["root".into()], ..EngineConfig::default() }).unwrap();
    group(&e, "big", GroupType::Community, MEMBERS);
    let baseline: BTreeMap<u64, String> = (0..MEMBERS as u64).map(|i| (i, format!("u{:06}", i))).collect();

    let mut g = c.benchmark_group("member_list_100k");
    g.throughput(Throughput::Elements(MEMBERS as u64));
    g.sample_size(10);
    g.bench_function("huddle_all_pages", |b| {
        b.iter(|| {
            let (mut next_seq, mut seen) = (0, 0);
            loop {
                let p = GetMembersParam { group_id: "big".into(), next_seq, ..Default::default() };
                let page = e.read("owner", |s, c| s.members(c, &p)).unwrap();
                seen += page.members.len();
                next_seq = page.next_seq;
                if next_seq == 0 {
                    break;
                }
            }
            assert_eq!(seen, MEMBERS);
        })
    });
    g.bench_function("btreemap_pages_floor", |b| {
        b.iter(|| {
            let (mut next, mut seen) = (0, 0);
            loop {
                let page: Vec<String> = baseline.range(next..).take(100).map(|(_, u)| u.clone()).collect();
                seen += page.len();
                match baseline.range(next..).nth(100) {
                    Some((k, _)) => next = *k,
                    None => break,
                }
            }
            assert_eq!(seen, MEMBERS);
        })
    });
    g.finish();
}

fn storm(c: &mut Criterion) {
    const MEMBERS: usize = 2000;
    let dir = tempfile::tempdir().unwrap();
    let admins = vec!["root".to_string()];
    let engines: [(&str, Arc<Engine>); 2] = [
        ("durable", Engine::open(EngineConfig { data_dir: Some(dir.path().into()), admins: admins.clone(), ..EngineConfig::default() }).unwrap()),
        ("in_memory", Engine::open(EngineConfig { admins, ..EngineConfig::default() }).unwrap()),
    ];
    let mut g = c.benchmark_group("modify_member_storm_2000");
    g.throughput(Throughput::Elements(MEMBERS as u64 - 1));
    g.sample_size(10);
    for (name, e) in &engines {
        group(e, "pub", GroupType::Public, MEMBERS);
        let mut round = 0u64;
        g.bench_with_input(BenchmarkId::new("mute_every_member", name), e, |b, e| {
            b.iter(|| {
                round += 1;
                for i in 1..MEMBERS {
                    let p = ModifyMemberParam {
                        group_id: "pub".into(),
                        user_id: format!("u{:06}", i),
                        flags: 4,
                        shutup_time: Some(round % 2 * 60),
                        ..Default::default()
                    };
                    let (outcome, _) = e.submit("owner".into(), |s, c| s.modify_member(c, p), |_| None);
                    outcome.unwrap();
                }
                // Submitted as clients submit; timed until the last is durable.
                e.sync().unwrap();
            })
        });
    }
    g.finish();
}

criterion_group!(benches, paging, storm);
criterion_main!(benches);
