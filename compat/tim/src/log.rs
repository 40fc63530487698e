//! Tencent's logging over Huddle's `tracing` events: TIMSetLogCallback,
//! TIMSetConfig's levels and console switch, and a log file in TIMInit's
//! `sdk_config_log_file_path`.
//!
//! The first of TIMInit, TIMSetConfig and TIMSetLogCallback installs a
//! `tracing` subscriber for the process whose one layer hands each event, as
//! one line, to the reply thread, which writes it to the console (stderr),
//! the file and the callback, each by its own level. A host that installed
//! its own global subscriber first keeps it, and then this gets nothing.

use std::ffi::{c_char, c_int, c_void, CStr, CString};
use std::fmt::Write as _;
use std::fs::{File, OpenOptions};
use std::io::Write as _;
use std::path::PathBuf;
use std::sync::atomic::{AtomicBool, AtomicI32, Ordering};
use std::sync::Once;
use std::time::{SystemTime, UNIX_EPOCH};

use once_cell::sync::Lazy;
use parking_lot::Mutex;
use serde_json::{json, Value};
use tracing::field::{Field, Visit};
use tracing::subscriber::Interest;
use tracing::{Event, Level, Metadata, Subscriber};
use tracing_subscriber::layer::{Context, Layer, SubscriberExt};

use crate::exports::*;
use crate::table::{TIMCommCallback, TIMLogCallback};

// TIMLogLevel (TIMManager.h): 0 off, 1 test, 2 verbose, 3 debug, 4 info,
// 5 warn, 6 error, 7 assert. An event is written where its level is at least
// the sink's, and the sink's is not 0.
const LOG_OFF: i32 = 0;
const LOG_INFO: i32 = 4;

/// `set_config_log_level`: the console's and the file's level.
static FILE_LEVEL: AtomicI32 = AtomicI32::new(LOG_INFO);
/// `set_config_callback_log_level`: the callback's level.
static CALLBACK_LEVEL: AtomicI32 = AtomicI32::new(LOG_INFO);
/// `set_config_is_log_output_console` (Tencent's default: true).
static CONSOLE: AtomicBool = AtomicBool::new(true);

/// `TIMSetLogCallback`'s callback and its user_data (as an address).
type LogCallback = (unsafe extern "C" fn(c_int, *const c_char, *const c_void), usize);
static CALLBACK: Lazy<Mutex<Option<LogCallback>>> = Lazy::new(|| Mutex::new(None));
/// The log dir from TIMInit, and the file open in it (its day, the file),
/// written on the reply thread.
type LogFile = (Option<PathBuf>, Option<(String, File)>);
static FILE: Lazy<Mutex<LogFile>> = Lazy::new(|| Mutex::new((None, None)));

fn tim_level(level: &Level) -> i32 {
    match *level {
        Level::TRACE => 2,
        Level::DEBUG => 3,
        Level::INFO => 4,
        Level::WARN => 5,
        _ => 6,
    }
}

fn passes(level: i32, sink: i32) -> bool {
    sink != LOG_OFF && level >= sink
}

fn wanted(level: i32) -> bool {
    let to_file = CONSOLE.load(Ordering::Relaxed) || FILE.lock().0.is_some();
    (to_file && passes(level, FILE_LEVEL.load(Ordering::Relaxed)))
        || (CALLBACK.lock().is_some() && passes(level, CALLBACK_LEVEL.load(Ordering::Relaxed)))
}

struct TimLayer;

struct Line<'a>(&'a mut String);

impl Visit for Line<'_> {
    fn record_debug(&mut self, field: &Field, value: &dyn std::fmt::Debug) {
        if field.name() == "message" {
            let _ = write!(self.0, "{value:?}");
        } else {
            let _ = write!(self.0, " {}={:?}", field.name(), value);
        }
    }
}

impl<S: Subscriber> Layer<S> for TimLayer {
    // Levels change at run time (TIMSetConfig): ask every time, cache nothing.
    fn register_callsite(&self, _: &'static Metadata<'static>) -> Interest {
        Interest::sometimes()
    }

    fn enabled(&self, metadata: &Metadata<'_>, _: Context<'_, S>) -> bool {
        wanted(tim_level(metadata.level()))
    }

    fn on_event(&self, event: &Event<'_>, _: Context<'_, S>) {
        let meta = event.metadata();
        let level = tim_level(meta.level());
        let mut message = String::new();
        event.record(&mut Line(&mut message));
        let (date, time) = utc_now();
        let line = format!("{date} {time} {} {}: {message}", meta.level(), meta.target());
        crate::reply::post(Box::new(move || write_line(level, date, line)));
    }
}

/// On the reply thread: one event to each sink that wants it.
fn write_line(level: i32, date: String, line: String) {
    let file_level = FILE_LEVEL.load(Ordering::Relaxed);
    if CONSOLE.load(Ordering::Relaxed) && passes(level, file_level) {
        eprintln!("[ImSDK] {line}");
    }
    {
        let mut file = FILE.lock();
        let (dir, open) = &mut *file;
        if let (Some(dir), true) = (dir.as_ref(), passes(level, file_level)) {
            // One file a day (UTC), as Tencent's SDK keeps them.
            if open.as_ref().map(|(d, _)| d != &date).unwrap_or(true) {
                let _ = std::fs::create_dir_all(dir);
                let path = dir.join(format!("huddle-imsdk-{}.log", date.replace('-', "")));
                *open = OpenOptions::new().create(true).append(true).open(path).ok().map(|f| (date.clone(), f));
            }
            if let Some((_, f)) = open.as_mut() {
                let _ = writeln!(f, "{line}");
            }
        }
    }
    let callback = *CALLBACK.lock();
    if let Some((cb, ud)) = callback {
        if passes(level, CALLBACK_LEVEL.load(Ordering::Relaxed)) {
            let text = CString::new(line.replace('\0', " ")).unwrap_or_default();
            // SAFETY: the app's callback, the string valid until it returns.
            unsafe { cb(level, text.as_ptr(), ud as *const c_void) };
        }
    }
}

/// "YYYY-MM-DD" and "HH:MM:SS.mmm UTC", by the calendar code Huddle's
/// message logs use (no date crate).
fn utc_now() -> (String, String) {
    let now = SystemTime::now().duration_since(UNIX_EPOCH).unwrap_or_default();
    let stamp = huddle::service::rest::history::format_time(now.as_secs());
    let (date, time) = stamp.split_once(' ').expect("format_time writes the date, a space, the time");
    (date.to_string(), format!("{}.{:03} UTC", time, now.subsec_millis()))
}

fn install() {
    static ONCE: Once = Once::new();
    ONCE.call_once(|| {
        let _ = tracing::subscriber::set_global_default(tracing_subscriber::registry().with(TimLayer));
    });
}

/// TIMInit: the log file's dir (none: no file), and the subscriber.
pub(crate) fn start(log_dir: Option<PathBuf>) {
    let mut file = FILE.lock();
    if file.0 != log_dir {
        *file = (log_dir, None);
    }
    drop(file);
    install();
}

/// Sets (or with NULL removes) the callback that gets the library's log
/// lines at or above `set_config_callback_log_level` (default 4, info), each
/// as one UTF-8 line, on the library's reply thread. May be called before
/// TIMInit.
#[no_mangle]
pub unsafe extern "C" fn TIMSetLogCallback(cb: TIMLogCallback, user_data: *const c_void) {
    boundary((), || {
        *CALLBACK.lock() = cb.map(|f| (f, user_data as usize));
        install();
    })
}

/// Tencent's extra settings (TIMManager.h 4.5). Honoured: `set_config_log_level`
/// (console and file, default 4), `set_config_callback_log_level` (default 4),
/// `set_config_is_log_output_console` (default true); the proxy, user-config
/// and DNS keys are accepted and ignored. `cb` gets the log settings in
/// effect. Returns TIM_SUCC, TIM_ERR_JSON, or TIM_ERR_PARAM for a level
/// outside 0..=7. May be called before TIMInit.
#[no_mangle]
pub unsafe extern "C" fn TIMSetConfig(json_config: *const c_char, cb: TIMCommCallback, user_data: *const c_void) -> c_int {
    boundary(TIM_ERR_PARAM, || {
        if json_config.is_null() {
            return TIM_ERR_PARAM;
        }
        // SAFETY: a NUL-terminated string for the call (Tencent's contract).
        let Ok(text) = (unsafe { CStr::from_ptr(json_config) }).to_str() else { return TIM_ERR_JSON };
        let Ok(Value::Object(config)) = serde_json::from_str::<Value>(text) else { return TIM_ERR_JSON };
        let level = |key: &str| match config.get(key) {
            None => Ok(None),
            Some(v) => v.as_i64().filter(|l| (0..=7).contains(l)).map(|l| Some(l as i32)).ok_or(TIM_ERR_PARAM),
        };
        let (file_level, callback_level) = match (level("set_config_log_level"), level("set_config_callback_log_level")) {
            (Ok(f), Ok(c)) => (f, c),
            _ => return TIM_ERR_PARAM,
        };
        let console = match config.get("set_config_is_log_output_console") {
            None => None,
            Some(Value::Bool(b)) => Some(*b),
            Some(_) => return TIM_ERR_PARAM,
        };
        if let Some(l) = file_level {
            FILE_LEVEL.store(l, Ordering::Relaxed);
        }
        if let Some(l) = callback_level {
            CALLBACK_LEVEL.store(l, Ordering::Relaxed);
        }
        if let Some(c) = console {
            CONSOLE.store(c, Ordering::Relaxed);
        }
        install();
        let in_effect = json!({
            "set_config_log_level": FILE_LEVEL.load(Ordering::Relaxed),
            "set_config_callback_log_level": CALLBACK_LEVEL.load(Ordering::Relaxed),
            "set_config_is_log_output_console": CONSOLE.load(Ordering::Relaxed),
        });
        crate::reply::comm(cb, 0, String::new(), in_effect.to_string(), user_data);
        TIM_SUCC
    })
}
