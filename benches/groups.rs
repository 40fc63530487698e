//! Issue 2's benchmark. Call-to-callback latency of a local
//! `HuddleGroupGetGroupInfoList` through the C ABI in both callback modes,
//! and group creates and joins per second on the durable (SQLite) store.
//! Every measurement has a baseline in the same run, because the machines
//! are noisy: benches/README.md reports the ratios.

use std::collections::VecDeque;
use std::ffi::{c_char, c_void, CString};
use std::sync::atomic::{AtomicI32, Ordering};
use std::sync::{mpsc, Arc, Mutex};
use std::time::{Duration, Instant};

use criterion::{criterion_group, criterion_main, BenchmarkId, Criterion, SamplingMode, Throughput};
use huddle::params::CreateGroupParam;
use huddle::{Engine, EngineConfig, GroupType, JoinStatus};
use tempfile::TempDir;

/// The opaque handle of huddle.h.
#[repr(C)]
struct HuddleClient {
    _private: [u8; 0],
}

type CommCallback = Option<unsafe extern "C" fn(i32, *const c_char, *const c_char, *const c_void)>;

// The crate's `#[no_mangle]` exports, declared as huddle.h gives them to a C
// host, so the latency is that of the real ABI path.
extern "C" {
    fn HuddleInit(json_sdk_config: *const c_char, out_client: *mut *mut HuddleClient) -> i32;
    fn HuddleUninit(client: *mut HuddleClient) -> i32;
    fn HuddleLogin(client: *mut HuddleClient, user_id: *const c_char, user_sig: *const c_char, cb: CommCallback, user_data: *const c_void) -> i32;
    fn HuddlePoll(client: *mut HuddleClient, max_events: u32) -> i32;
    fn HuddleGroupCreate(client: *mut HuddleClient, json: *const c_char, cb: CommCallback, user_data: *const c_void) -> i32;
    fn HuddleGroupGetGroupInfoList(client: *mut HuddleClient, json: *const c_char, cb: CommCallback, user_data: *const c_void) -> i32;
}

/// A code slot's value until its callback has run.
const PENDING: i32 = i32::MIN;

/// The callback of every call: hands its code to the waiting bench thread.
unsafe extern "C" fn record(code: i32, _desc: *const c_char, _json: *const c_char, user_data: *const c_void) {
    (*user_data.cast::<AtomicI32>()).store(code, Ordering::Release);
}

fn slot_ptr(slot: &AtomicI32) -> *const c_void {
    (slot as *const AtomicI32).cast()
}

/// Waits until `slot` holds a code, running `step` between looks. Thread
/// mode yields there: on two busy cores a pure spin can starve the thread
/// it waits for.
fn wait(slot: &AtomicI32, mut step: impl FnMut()) -> i32 {
    loop {
        let code = slot.load(Ordering::Acquire);
        if code != PENDING {
            return code;
        }
        step();
    }
}

/// A client made and driven through the C ABI only, logged in as the owner
/// of one Meeting group whose profile it asks for.
struct AbiClient {
    handle: *mut HuddleClient,
    poll: bool,
    info_query: CString,
}

impl AbiClient {
    fn open(mode: &str) -> AbiClient {
        let config = CString::new(format!(r#"{{"callback_mode": "{mode}"}}"#)).unwrap();
        let mut handle = std::ptr::null_mut();
        assert_eq!(unsafe { HuddleInit(config.as_ptr(), &mut handle) }, 0);
        let group = format!("bench-{mode}");
        let client = AbiClient { handle, poll: mode == "poll", info_query: CString::new(format!(r#"["{group}"]"#)).unwrap() };
        let user = CString::new("alice").unwrap();
        assert_eq!(client.round_trip(|cb, ud| unsafe { HuddleLogin(handle, user.as_ptr(), std::ptr::null(), cb, ud) }), 0);
        let create = CString::new(format!(
            r#"{{"create_group_param_group_id": "{group}", "create_group_param_group_name": "Bench", "create_group_param_group_type": 2}}"#
        ))
        .unwrap();
        assert_eq!(client.round_trip(|cb, ud| unsafe { HuddleGroupCreate(handle, create.as_ptr(), cb, ud) }), 0);
        client
    }

    /// Makes one call and returns its callback's code once the callback has
    /// run: on the dispatcher thread (waited for here) or inside `HuddlePoll`.
    fn round_trip(&self, call: impl FnOnce(CommCallback, *const c_void) -> i32) -> i32 {
        let slot = AtomicI32::new(PENDING);
        assert_eq!(call(Some(record), slot_ptr(&slot)), 0, "the call was refused");
        let handle = self.handle;
        if self.poll {
            wait(&slot, || unsafe {
                HuddlePoll(handle, 1);
            })
        } else {
            wait(&slot, std::thread::yield_now)
        }
    }

    fn group_info(&self) -> i32 {
        let (handle, query) = (self.handle, self.info_query.as_ptr());
        self.round_trip(|cb, ud| unsafe { HuddleGroupGetGroupInfoList(handle, query, cb, ud) })
    }
}

impl Drop for AbiClient {
    fn drop(&mut self) {
        unsafe { HuddleUninit(self.handle) };
    }
}

fn latency(c: &mut Criterion) {
    let mut group = c.benchmark_group("info_list_latency");
    group.sample_size(50).measurement_time(Duration::from_secs(3));

    let threaded = AbiClient::open("thread");
    group.bench_function("thread", |b| b.iter(|| assert_eq!(threaded.group_info(), 0)));
    drop(threaded);

    // Thread mode's floor: wake a thread blocked on a channel, as the
    // dispatcher is, and wait the same way until it signals back.
    let slot = Arc::new(AtomicI32::new(PENDING));
    let (tx, rx) = mpsc::channel::<()>();
    let worker = {
        let slot = Arc::clone(&slot);
        std::thread::spawn(move || {
            for () in rx {
                slot.store(0, Ordering::Release);
            }
        })
    };
    group.bench_function("thread_baseline_handoff", |b| {
        b.iter(|| {
            slot.store(PENDING, Ordering::Relaxed);
            tx.send(()).unwrap();
            wait(&slot, std::thread::yield_now)
        })
    });
    drop(tx);
    worker.join().unwrap();

    let polled = AbiClient::open("poll");
    group.bench_function("poll", |b| b.iter(|| assert_eq!(polled.group_info(), 0)));
    drop(polled);

    // Poll mode's floor: queue the callback, pop it and call it directly.
    let queue: Mutex<VecDeque<Box<dyn FnOnce()>>> = Mutex::new(VecDeque::new());
    group.bench_function("poll_baseline_queue", |b| {
        b.iter(|| {
            let slot = AtomicI32::new(PENDING);
            let ud = slot_ptr(&slot);
            queue.lock().unwrap().push_back(Box::new(move || unsafe { record(0, std::ptr::null(), std::ptr::null(), ud) }));
            let job = queue.lock().unwrap().pop_front().unwrap();
            job();
            slot.load(Ordering::Acquire)
        })
    });
    group.finish();
}

/// Operations timed per iteration, each on a fresh engine so the result does
/// not depend on how many iterations criterion chose. Large enough that the
/// WAL reaches its autocheckpoint (1000 pages) several times.
const BATCH: u64 = 5_000;
/// Joins are spread over groups of this many members, as a game's rooms are.
const MEMBERS_PER_GROUP: u64 = 100;

/// An engine and, when durable, the directory of its SQLite file, which
/// outlives it (fields drop in order).
struct Bench {
    engine: Arc<Engine>,
    _dir: Option<TempDir>,
}

impl Bench {
    fn open(durable: bool) -> Bench {
        let dir = durable.then(|| tempfile::tempdir().unwrap());
        let data_dir = dir.as_ref().map(|d| d.path().to_path_buf());
        Bench { engine: Engine::open(EngineConfig { data_dir, ..EngineConfig::default() }).unwrap(), _dir: dir }
    }
}

fn meeting() -> CreateGroupParam {
    CreateGroupParam { name: "Room".into(), group_type: Some(GroupType::Meeting), ..Default::default() }
}

/// The time of `iters` batches of `op`, each on a fresh engine; opening it
/// and `prepare`, which gives each operation's input, are not timed. The
/// operations are submitted as a client submits them (not waiting for each
/// reply), and the time runs until the last one is durable.
fn batches<T>(iters: u64, durable: bool, prepare: impl Fn(&Engine) -> Vec<T>, op: impl Fn(&Engine, T)) -> Duration {
    (0..iters)
        .map(|_| {
            let bench = Bench::open(durable);
            let inputs = prepare(&bench.engine);
            let start = Instant::now();
            for input in inputs {
                op(&bench.engine, input);
            }
            bench.engine.sync().unwrap();
            start.elapsed()
        })
        .sum()
}

fn create_inputs(_: &Engine) -> Vec<CreateGroupParam> {
    (0..BATCH).map(|_| meeting()).collect()
}

fn create(engine: &Engine, param: CreateGroupParam) {
    let (outcome, _) = engine.submit("owner".into(), |s, c| s.create_group(c, param), |_| None);
    outcome.unwrap();
}

/// Creates the groups, then gives each joiner its group, filling them in turn.
fn join_inputs(engine: &Engine) -> Vec<(String, String)> {
    let groups: Vec<String> = (0..BATCH / MEMBERS_PER_GROUP).map(|_| engine.create_group("owner", meeting()).unwrap().value).collect();
    (0..BATCH).map(|i| (groups[(i / MEMBERS_PER_GROUP) as usize].clone(), format!("user{i}"))).collect()
}

fn join(engine: &Engine, (group, user): (String, String)) {
    let (outcome, _) = engine.submit(user.as_str().into(), |s, c| s.join(c, &group, ""), |_| None);
    assert_eq!(outcome.unwrap().value, JoinStatus::Joined);
}

fn throughput(c: &mut Criterion) {
    let mut group = c.benchmark_group("store_throughput");
    // An iteration is a whole batch: equal-sized samples, few of them.
    group.sampling_mode(SamplingMode::Flat).sample_size(10).measurement_time(Duration::from_secs(5));
    group.throughput(Throughput::Elements(BATCH));
    for (store, durable) in [("sqlite", true), ("memory", false)] {
        group.bench_function(BenchmarkId::new("create", store), |b| b.iter_custom(|iters| batches(iters, durable, create_inputs, create)));
        group.bench_function(BenchmarkId::new("join", store), |b| b.iter_custom(|iters| batches(iters, durable, join_inputs, join)));
    }
    group.finish();
}

criterion_group!(benches, latency, throughput);
criterion_main!(benches);
