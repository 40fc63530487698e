//! Media of messages (Tencent's image, sound, file and video elems, and the
//! message lists of merged messages): the files stay out of the message, in
//! a content-addressed store, and the message carries their IDs, sizes and
//! URLs.
//!
//! - `store`: the store (the embedded engine's, and huddle-server's behind
//!   its HTTP endpoints), and the images' large and thumbnail copies.
//! - `elems`: the elem keys: which elems name a local file to store, how the
//!   stored file fills them, and the checks the engine makes of what is sent.
//! - `postgres`: the same store on PostgreSQL, for huddle-server on a
//!   database (every node of a cluster serves every file; server only).
//! - `tokens`: huddle-server's upload tokens (server only).

pub mod elems;
mod pictures;
#[cfg(feature = "server")]
pub mod postgres;
pub mod store;
#[cfg(feature = "server")]
pub mod tokens;

use serde::{Deserialize, Serialize};

pub use store::{Incoming, MediaStore};

/// Tencent's limit for images and sounds (7005 past it).
pub const MAX_PICTURE_BYTES: u64 = 28 * 1024 * 1024;
/// Tencent's limit for files and videos (7005 past it).
pub const MAX_FILE_BYTES: u64 = 100 * 1024 * 1024;

/// What a stored file is for, which sets its size limit and whether the
/// store makes an image's smaller copies. On huddle-server's upload
/// endpoint it is the `kind` query parameter.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum MediaKind {
    Image,
    Sound,
    File,
    Video,
    /// A video's snapshot (an image, kept as sent).
    Snapshot,
    /// The message list of a merged message.
    Merger,
}

impl MediaKind {
    pub fn max_bytes(self) -> u64 {
        match self {
            MediaKind::Image | MediaKind::Sound | MediaKind::Snapshot => MAX_PICTURE_BYTES,
            MediaKind::File | MediaKind::Video | MediaKind::Merger => MAX_FILE_BYTES,
        }
    }
}

/// One stored picture: an image's original, large copy or thumbnail.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Picture {
    pub id: String,
    pub width: u32,
    pub height: u32,
    pub size: u64,
    pub url: String,
}

/// An image's three sizes (Tencent's ImageElem), and its format
/// (`image_elem_format`: 1 JPG, 2 GIF, 3 PNG, 4 BMP, 255 other).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct PictureSet {
    pub format: u32,
    pub orig: Picture,
    pub large: Picture,
    pub thumb: Picture,
}

/// A stored file: its ID (the SHA-256 of its bytes, in hex), size and URL,
/// and for an image its three sizes. huddle-server's upload endpoint
/// answers with it.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Stored {
    pub id: String,
    pub size: u64,
    pub url: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub pictures: Option<PictureSet>,
}

impl Stored {
    /// The same, with every URL made from its ID by `url`.
    pub fn with_urls(mut self, url: impl Fn(&str) -> String) -> Stored {
        self.url = url(&self.id);
        if let Some(p) = &mut self.pictures {
            for pic in [&mut p.orig, &mut p.large, &mut p.thumb] {
                pic.url = url(&pic.id);
            }
        }
        self
    }
}

/// A media ID: 64 lowercase hex digits (so that it names a file and nothing else).
pub fn is_media_id(id: &str) -> bool {
    id.len() == 64 && id.bytes().all(|b| matches!(b, b'0'..=b'9' | b'a'..=b'f'))
}
