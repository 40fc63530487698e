//! The result tables, in benches/README.md's style (Markdown): medians over
//! the rounds, and ratios as the median of each round's ratio, so a slow
//! minute slows every server of its round alike.

use std::time::Duration;

use crate::fanout::Outcome;
use crate::idle::Held;

/// Memory per connection the issue asks Huddle to stay under.
const KIB_PER_CONNECTION: f64 = 20.0;
/// How many times ejabberd's deliveries/s Huddle should reach.
const TIMES_EJABBERD: f64 = 3.0;

pub fn held(rows: &[(&str, Held)]) {
    println!("| server | connections | all logged in after | RSS before | RSS after | per connection |");
    println!("| --- | --- | --- | --- | --- | --- |");
    for (name, h) in rows {
        println!(
            "| {} | {} | {:.1} s | {:.1} MiB | {:.1} MiB | {:.1} KiB |",
            name,
            h.count,
            h.setup.as_secs_f64(),
            h.rss_before_kib as f64 / 1024.0,
            h.rss_after_kib as f64 / 1024.0,
            h.kib_per_connection()
        );
    }
}

/// One workload's results: `runs[target][round]`.
pub struct Workload<'a> {
    pub name: &'a str,
    pub runs: Vec<(&'a str, Vec<Outcome>)>,
}

impl Workload<'_> {
    fn of(&self, target: &str) -> Option<&[Outcome]> {
        self.runs.iter().find(|(name, _)| *name == target).map(|(_, runs)| runs.as_slice())
    }

    /// The median over rounds of `f(this round's target) / f(this round's base)`.
    fn ratio(&self, target: &str, base: &str, f: impl Fn(&Outcome) -> f64) -> Option<f64> {
        let (t, b) = (self.of(target)?, self.of(base)?);
        Some(median(t.iter().zip(b).map(|(t, b)| f(t) / f(b)).collect()))
    }
}

pub fn deliveries(workloads: &[Workload], rounds: usize) {
    println!("Medians of {} round(s); ratios are medians of each round's ratio.", rounds);
    println!();
    println!("| workload | server | deliveries/s | p50 | p99 | server CPU per delivery | load client CPU per delivery | bytes per delivery | ÷ ejabberd | ÷ floor |");
    println!("| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |");
    for w in workloads {
        for (name, runs) in &w.runs {
            let med = |f: &dyn Fn(&Outcome) -> f64| median(runs.iter().map(f).collect());
            let ratio = |base| w.ratio(name, base, |o| o.per_sec).map(|r| format!("{:.2}", r)).unwrap_or("–".into());
            println!(
                "| {} | {} | {:.0} | {} | {} | {} | {} | {:.0} | {} | {} |",
                w.name,
                name,
                med(&|o| o.per_sec),
                time(med(&|o| o.p50.as_secs_f64())),
                time(med(&|o| o.p99.as_secs_f64())),
                time(med(&|o| o.server_cpu.as_secs_f64())),
                time(med(&|o| o.client_cpu.as_secs_f64())),
                med(&|o| o.bytes),
                ratio("ejabberd"),
                ratio("floor"),
            );
        }
    }
}

/// Issue 11's table: each target's deliveries/s and latency against `base`'s,
/// and its CPU time per 1,000 deliveries by kind of process (`kinds`, in
/// that order), all its processes and the load client's.
pub fn scaling(workloads: &[Workload], rounds: usize, base: &str, kinds: &[&str]) {
    println!("Medians of {} round(s); ratios are medians of each round's ratio; CPU in ms per 1,000 deliveries.", rounds);
    println!();
    let kind_columns: String = kinds.iter().map(|k| format!(" {} |", k)).collect();
    println!("| workload | server | deliveries/s | ÷ {base} | p50 | p99 | p99 ÷ {base} |{} all servers | load client | NATS msgs per 1,000 deliveries | NATS bytes per delivery |", kind_columns);
    println!("|{}", " --- |".repeat(11 + kinds.len()));
    for w in workloads {
        for (name, runs) in &w.runs {
            let med = |f: &dyn Fn(&Outcome) -> f64| median(runs.iter().map(f).collect());
            let ratio = |f: fn(&Outcome) -> f64| w.ratio(name, base, f).map(|r| format!("{:.2}", r)).unwrap_or("–".into());
            // µs per delivery is ms per 1,000.
            let ms = |d: Duration| d.as_secs_f64() * 1e6;
            let by_kind: String = kinds
                .iter()
                .map(|k| {
                    let of = |o: &Outcome| o.cpu_by_kind.iter().find(|(kind, _)| kind == k).map(|(_, d)| ms(*d));
                    match runs.iter().map(of).collect::<Option<Vec<f64>>>() {
                        Some(xs) => format!(" {:.2} |", median(xs)),
                        None => " – |".into(),
                    }
                })
                .collect();
            let nats = match runs.iter().map(|o| o.nats).collect::<Option<Vec<(f64, f64)>>>() {
                Some(n) => format!("{:.1} | {:.1}", median(n.iter().map(|m| m.0 * 1000.0).collect()), median(n.iter().map(|m| m.1).collect())),
                None => "– | –".into(),
            };
            println!(
                "| {} | {} | {:.0} | {} | {} | {} | {} |{} {:.2} | {:.2} | {} |",
                w.name,
                name,
                med(&|o| o.per_sec),
                ratio(|o| o.per_sec),
                time(med(&|o| o.p50.as_secs_f64())),
                time(med(&|o| o.p99.as_secs_f64())),
                ratio(|o| o.p99.as_secs_f64()),
                by_kind,
                med(&|o| ms(o.server_cpu)),
                med(&|o| ms(o.client_cpu)),
                nats,
            );
        }
    }
}

/// Issue 9's targets, met or not.
pub fn targets(held: &[(&str, Held)], bursts: &[&Workload], paced: &Workload) -> bool {
    println!("| target | measured | met |");
    println!("| --- | --- | --- |");
    let mut all = true;
    let mut row = |what: String, measured: String, met: bool| {
        all &= met;
        println!("| {} | {} | {} |", what, measured, if met { "yes" } else { "**no**" });
    };
    if let Some((_, h)) = held.iter().find(|(name, _)| *name == "Huddle") {
        let kib = h.kib_per_connection();
        row(format!("Huddle memory per connection < {} KiB", KIB_PER_CONNECTION), format!("{:.1} KiB", kib), kib < KIB_PER_CONNECTION);
    }
    for w in bursts {
        if let Some(r) = w.ratio("Huddle", "ejabberd", |o| o.per_sec) {
            row(format!("{}: Huddle ≥ {}x ejabberd's deliveries/s", w.name, TIMES_EJABBERD), format!("{:.2}x", r), r >= TIMES_EJABBERD);
        }
    }
    if let Some(r) = paced.ratio("Huddle", "ejabberd", |o| o.p99.as_secs_f64()) {
        row(format!("{}: Huddle's p99 below ejabberd's", paced.name), format!("{:.2} of ejabberd's", r), r < 1.0);
    }
    all
}

fn median(mut xs: Vec<f64>) -> f64 {
    xs.sort_by(f64::total_cmp);
    xs[xs.len() / 2]
}

fn time(secs: f64) -> String {
    let d = Duration::from_secs_f64(secs);
    if d < Duration::from_millis(1) {
        format!("{:.1} µs", secs * 1e6)
    } else {
        format!("{:.2} ms", secs * 1e3)
    }
}
