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
