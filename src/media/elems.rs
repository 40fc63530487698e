//! Media elems in messages, with Tencent's keys. What the app sends names a
//! local file (`image_elem_orig_path`, `sound_elem_file_path`,
//! `file_elem_file_path`, `video_elem_video_path` and its snapshot's
//! `video_elem_image_path`) or, for a merged message, carries the messages
//! (`merge_elem_message_array`); the client stores those first (`uploads`)
//! and sends the elem filled with what was stored (`fill`): IDs, sizes,
//! URLs, an image's three sizes, a merged message's relay key. The local
//! path is not sent. The engine takes only filled elems (`check`).

use std::path::{Path, PathBuf};

use serde_json::{json, Value};

use crate::error::{err, Result};
use crate::types::elem_type;

use super::{MediaKind, Stored};

/// Messages one merged message holds at most (Tencent's limit).
pub const MAX_MERGED_MESSAGES: usize = 300;

/// A file one elem names, to store before the message is sent.
#[derive(Debug)]
pub struct Upload {
    /// The elem's index in `message_elem_array`.
    pub index: usize,
    pub kind: MediaKind,
    pub source: Source,
}

#[derive(Debug)]
pub enum Source {
    /// A local file the app named.
    Path(PathBuf),
    /// Bytes made here (a merged message's list).
    Bytes(Vec<u8>),
}

/// The key naming the local file of `kind`'s elem.
fn path_key(kind: MediaKind) -> &'static str {
    match kind {
        MediaKind::Image => "image_elem_orig_path",
        MediaKind::Sound => "sound_elem_file_path",
        MediaKind::File => "file_elem_file_path",
        MediaKind::Video => "video_elem_video_path",
        MediaKind::Snapshot => "video_elem_image_path",
        MediaKind::Merger => "merge_elem_message_array",
    }
}

/// The kinds of file an elem of `ty` may name.
fn kinds_of(ty: i64) -> &'static [MediaKind] {
    match ty {
        elem_type::IMAGE => &[MediaKind::Image],
        elem_type::SOUND => &[MediaKind::Sound],
        elem_type::FILE => &[MediaKind::File],
        elem_type::VIDEO => &[MediaKind::Video, MediaKind::Snapshot],
        elem_type::MERGER => &[MediaKind::Merger],
        _ => &[],
    }
}

/// Whether any of `elems` names a file to store (or a list to merge).
pub fn names_files(elems: &[Value]) -> bool {
    elems.iter().any(|e| {
        let ty = e.get("elem_type").and_then(Value::as_i64).unwrap_or(-1);
        kinds_of(ty).iter().any(|&kind| match e.get(path_key(kind)) {
            Some(Value::String(p)) => !p.is_empty(),
            Some(_) => kind == MediaKind::Merger,
            None => false,
        })
    })
}

/// What `elems` name to store, in order; 6017 for a merged message whose
/// list is not one Tencent accepts (1 to 300 messages, none of them tips
/// or group reports).
pub fn uploads(elems: &[Value]) -> Result<Vec<Upload>> {
    let mut out = Vec::new();
    for (index, e) in elems.iter().enumerate() {
        let ty = e.get("elem_type").and_then(Value::as_i64).unwrap_or(-1);
        for &kind in kinds_of(ty) {
            let source = match (kind, e.get(path_key(kind))) {
                (MediaKind::Merger, Some(list)) => Source::Bytes(merged_list(index, list)?),
                (_, Some(Value::String(p))) if !p.is_empty() => Source::Path(PathBuf::from(p)),
                _ => continue,
            };
            out.push(Upload { index, kind, source });
        }
    }
    Ok(out)
}

fn merged_list(index: usize, list: &Value) -> Result<Vec<u8>> {
    let messages = list.as_array().filter(|m| (1..=MAX_MERGED_MESSAGES).contains(&m.len())).ok_or_else(|| {
        err!(InvalidParameters, "elem {}: merge_elem_message_array must be an array of 1 to {} messages", index, MAX_MERGED_MESSAGES)
    })?;
    for m in messages {
        let elems = m.get("message_elem_array").and_then(Value::as_array);
        let notice = |e: &Value| matches!(e.get("elem_type").and_then(Value::as_i64), Some(elem_type::GROUP_TIPS | elem_type::GROUP_REPORT));
        if !elems.is_some_and(|elems| !elems.iter().any(notice)) {
            return Err(err!(InvalidParameters, "elem {}: a merged message's messages need message_elem_array, without group tips or reports", index));
        }
    }
    Ok(serde_json::to_vec(list).expect("JSON values encode"))
}

/// Fills `elem` with what was stored for its file of `kind` (from `source`).
pub fn fill(elem: &mut Value, kind: MediaKind, source: &Source, stored: &Stored) {
    let Some(e) = elem.as_object_mut() else { return };
    e.remove(path_key(kind));
    let pairs = match kind {
        MediaKind::Image => match &stored.pictures {
            Some(p) => json!({
                    "image_elem_format": p.format,
                    "image_elem_orig_id": p.orig.id, "image_elem_orig_pic_width": p.orig.width,
                    "image_elem_orig_pic_height": p.orig.height, "image_elem_orig_pic_size": p.orig.size, "image_elem_orig_url": p.orig.url,
                    "image_elem_large_id": p.large.id, "image_elem_large_pic_width": p.large.width,
                    "image_elem_large_pic_height": p.large.height, "image_elem_large_pic_size": p.large.size, "image_elem_large_url": p.large.url,
                    "image_elem_thumb_id": p.thumb.id, "image_elem_thumb_pic_width": p.thumb.width,
                    "image_elem_thumb_pic_height": p.thumb.height, "image_elem_thumb_pic_size": p.thumb.size, "image_elem_thumb_url": p.thumb.url,
            }),
            None => json!({}),
        },
        MediaKind::Sound => json!({ "sound_elem_file_id": stored.id, "sound_elem_file_size": stored.size, "sound_elem_url": stored.url, "sound_elem_business_id": 0 }),
        MediaKind::File => {
            let name = match source {
                Source::Path(p) => p.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default(),
                Source::Bytes(_) => String::new(),
            };
            if e.get("file_elem_file_name").and_then(Value::as_str).map_or(true, str::is_empty) {
                e.insert("file_elem_file_name".into(), json!(name));
            }
            json!({ "file_elem_file_id": stored.id, "file_elem_file_size": stored.size, "file_elem_url": stored.url, "file_elem_business_id": 0 })
        }
        MediaKind::Video => json!({ "video_elem_video_id": stored.id, "video_elem_video_size": stored.size, "video_elem_video_url": stored.url, "video_elem_business_id": 0 }),
        MediaKind::Snapshot => json!({ "video_elem_image_id": stored.id, "video_elem_image_size": stored.size, "video_elem_image_url": stored.url }),
        MediaKind::Merger => json!({ "merge_elem_relay_json_key": stored.id, "merge_elem_layer_over_limit": false }),
    };
    if let Value::Object(pairs) = pairs {
        e.extend(pairs);
    }
}

/// The key a sent elem of `ty` must have, stored: a file's ID (`None`: no
/// file, or not a media elem).
fn stored_key(ty: i64) -> Option<&'static str> {
    Some(match ty {
        elem_type::IMAGE => "image_elem_orig_id",
        elem_type::SOUND => "sound_elem_file_id",
        elem_type::FILE => "file_elem_file_id",
        elem_type::VIDEO => "video_elem_video_id",
        elem_type::MERGER => "merge_elem_relay_json_key",
        _ => return None,
    })
}

/// Whether the engine takes `e`, an elem of type `ty` other than text and
/// custom: media elems with their file stored (an ID), a face with its
/// `face_elem_index`, a location with both coordinates, a merged message
/// with its list stored and a `merge_elem_compatible_text`.
pub fn check(ty: i64, e: &Value) -> bool {
    let id = |key: &str| e.get(key).and_then(Value::as_str).is_some_and(super::is_media_id);
    let number = |key: &str| e.get(key).is_some_and(Value::is_number);
    match ty {
        elem_type::FACE => e.get("face_elem_index").is_some_and(|i| i.is_i64() || i.is_u64()),
        elem_type::LOCATION => number("location_elem_longitude") && number("location_elem_latitude"),
        elem_type::MERGER => id("merge_elem_relay_json_key") && e.get("merge_elem_compatible_text").and_then(Value::as_str).is_some_and(|t| !t.is_empty()),
        _ => stored_key(ty).is_some_and(id),
    }
}

/// The ID a download names in `msg_download_elem_param_id`, or the last
/// segment of `msg_download_elem_param_url` (any of an elem's URLs).
pub fn download_id(id: &str, url: &str) -> Option<String> {
    let from_url = || Path::new(url.split(['?', '#']).next().unwrap_or_default()).file_name().map(|n| n.to_string_lossy().into_owned());
    Some(id.to_string()).filter(|id| !id.is_empty()).or_else(from_url).filter(|id| super::is_media_id(id))
}

/// The relay key of a merged message's elem in `message`, for its download.
pub fn relay_key(message: &Value) -> Option<&str> {
    message
        .get("message_elem_array")?
        .as_array()?
        .iter()
        .find(|e| e.get("elem_type").and_then(Value::as_i64) == Some(elem_type::MERGER))?
        .get("merge_elem_relay_json_key")?
        .as_str()
}
