//! Huddle: a group-chat engine for games and native apps.
//!
//! The map:
//! - [`engine`]: every group rule, in pure Rust; operations take the acting
//!   user and return a result plus the tips they caused.
//! - [`store`]: durable storage behind a trait (SQLite for the embedded engine).
//! - [`service`]: Tencent-shaped JSON in and out of the engine, shared by
//!   every transport.
//! - [`client`]: a logged-in session with its callbacks and dispatcher.
//! - [`transport`]: how a client reaches an engine (in-process today).
//! - `ffi`: the C ABI of `include/huddle.h`, a thin layer over `client`.
//!
//! ```
//! use huddle::{Engine, EngineConfig, params::CreateGroupParam, GroupType};
//!
//! let engine = Engine::open(EngineConfig::default()).unwrap();
//! let param = CreateGroupParam {
//!     group_id: Some("guild".into()),
//!     name: "Guild".into(),
//!     group_type: Some(GroupType::Meeting),
//!     ..Default::default()
//! };
//! let created = engine.create_group("alice", param).unwrap();
//! assert_eq!(created.value, "guild");
//! engine.join("bob", "guild", "hi").unwrap();
//! ```

pub mod client;
pub mod config;
pub mod engine;
pub mod error;
pub mod event;
mod ffi;
pub mod media;
pub mod model;
pub mod params;
pub mod protocol;
pub mod response;
#[cfg(feature = "server")]
pub mod server;
pub mod service;
pub mod store;
pub mod transport;
pub mod types;
pub mod usersig;
mod wake;

pub use engine::{Engine, EngineConfig, Outcome, Tip};
pub use error::{Code, Error, Result};
pub use types::{AddOption, GroupType, JoinStatus, MemberResult, Role, TipType};

/// The crate version, which is also the SDK version `HuddleGetSDKVersion` reports.
pub const VERSION: &str = env!("CARGO_PKG_VERSION");
