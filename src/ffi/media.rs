//! Media messages: upload progress, cancelling a send, downloads (Tencent's
//! TIMSetMsgElemUploadProgressCallback, TIMMsgCancelSend,
//! TIMMsgDownloadElemToPath, TIMMsgDownloadMergerMessage). Sending one is
//! `HuddleMsgSendMessage`'s.

use std::ffi::{c_char, c_void};
use std::path::PathBuf;

use serde::Deserialize;

use super::convert::{self, ffi_boundary, guarded, logged_in, UserData};
use super::HuddleResult::*;
use super::{HuddleClient, HuddleCommCallback};

/// Receives the progress of a media message's upload: the message (JSON:
/// `message_msg_id`, `message_conv_id`, `message_conv_type` and
/// `message_elem_array` as given to `HuddleMsgSendMessage`), the index of the
/// elem whose file it is in `message_elem_array`, the bytes stored so far and
/// the file's size (a video elem's snapshot follows its video, with the same
/// index). The string is valid until the callback returns.
pub type HuddleMsgElemUploadProgressCallback =
    Option<unsafe extern "C" fn(json_msg: *const c_char, index: u32, cur_size: u32, total_size: u32, user_data: *const c_void)>;

/// Sets the listener of media uploads' progress (NULL removes it); it
/// replaces the one set before. It runs as every listener of the client (on
/// its dispatcher thread, or inside `HuddlePoll`), in order with the client's
/// other callbacks: at least once per percent each file goes, from 0 up to
/// `cur_size == total_size`, before the send's callback. Progress is
/// reported whether the file goes to huddle-server (an HTTP upload) or into
/// the embedded engine's store (a copy under the data dir).
#[no_mangle]
pub extern "C" fn HuddleSetMsgElemUploadProgressCallback(client: *mut HuddleClient, cb: HuddleMsgElemUploadProgressCallback, user_data: *const c_void) {
    ffi_boundary!((), {
        let Ok(c) = convert::client(client) else { return };
        let listener = cb.map(|f| {
            let ud = UserData(user_data);
            std::sync::Arc::new(move |json: &str, index: u32, cur: u32, total: u32| {
                let ud = ud;
                let json = convert::cstring(json);
                // SAFETY: the caller's callback; the string lives until it returns.
                unsafe { f(json.as_ptr(), index, cur, total, ud.get()) }
            }) as crate::client::ProgressListener
        });
        c.set_upload_progress_listener(listener);
    })
}

/// Cancels the send of message `message_id` (from `HuddleMsgSendMessage`'s
/// `message_id_buffer`) in conversation `conv_id` / `conv_type` while its
/// files are still being stored (uploaded to huddle-server, or copied into
/// the embedded engine's store): the message is not sent, and its send's
/// callback gets 8021 (`HUDDLE_CODE_SEND_FAILED_WITH_CANCEL`). `cb` gets `{}`,
/// or 8020 (`HUDDLE_CODE_INVALID_CANCEL_MESSAGE`) when no send of that ID is
/// under way: a message without files, one already sent, or one that failed.
///
/// Sync returns: 0 (`cb` will run), -1, -2, -5 (NULL `conv_id` or unknown
/// `conv_type`), -4 (NULL `message_id`), -3 (invalid UTF-8).
#[no_mangle]
pub extern "C" fn HuddleMsgCancelSend(
    client: *mut HuddleClient,
    conv_id: *const c_char,
    conv_type: i32,
    message_id: *const c_char,
    cb: HuddleCommCallback,
    user_data: *const c_void,
) -> i32 {
    guarded(|| {
        let c = logged_in(client)?;
        // SAFETY: string arguments are NUL-terminated and valid for the call (huddle.h).
        let msg_id = unsafe {
            convert::conv(conv_id, conv_type)?;
            convert::text(message_id)?
        };
        c.cancel_send(msg_id, convert::completion(cb, user_data)).map_err(convert::refused)
    })
}

/// Tencent's DownloadElemParam.
#[derive(Deserialize)]
struct DownloadElemParam {
    /// Tencent's TIMDownloadType: 0 video snapshot, 1 file, 2 video, 3 sound.
    #[serde(rename = "msg_download_elem_param_type", default)]
    kind: Option<u32>,
    #[serde(rename = "msg_download_elem_param_id", default)]
    id: String,
    #[serde(rename = "msg_download_elem_param_url", default)]
    url: String,
}

/// Downloads the file of a received media elem to `path` (UTF-8; an
/// existing file there is replaced, and nothing is left there unless the
/// whole file came).
///
/// `json_download_elem_param` is Tencent's DownloadElemParam:
/// `msg_download_elem_param_id` (the elem's `sound_elem_file_id`,
/// `file_elem_file_id`, `video_elem_video_id`, `video_elem_image_id`, or an
/// image's `image_elem_orig_id` / `_large_id` / `_thumb_id`: Tencent has no
/// download type for images, Huddle takes their IDs all the same), or
/// `msg_download_elem_param_url` (the elem's URL of that file) when there is
/// no ID; `msg_download_elem_param_type` (Tencent's TIMDownloadType: 0 video
/// snapshot, 1 file, 2 video, 3 sound) is checked to be one of those, and
/// `msg_download_elem_param_business_id` is ignored. Unknown keys are ignored.
///
/// `cb` runs once (unlike Tencent's, which also reports progress through it),
/// with `msg_download_elem_result_current_size` and
/// `msg_download_elem_result_total_size`, both the file's size; or 6009
/// (`HUDDLE_CODE_FILE_TRANS_DOWNLOAD_FAILED`: no such file, or the transfer
/// broke off), 6022 (`path` cannot be written). On huddle-server the file
/// comes over HTTP (`GET /v1/media/<id>`), streamed to disk.
///
/// Sync returns: 0 (`cb` will run), -1, -2, -3 (invalid UTF-8 or JSON), -4
/// (NULL argument, no usable ID or URL, or an unknown type).
#[no_mangle]
pub extern "C" fn HuddleMsgDownloadElemToPath(
    client: *mut HuddleClient,
    json_download_elem_param: *const c_char,
    path: *const c_char,
    cb: HuddleCommCallback,
    user_data: *const c_void,
) -> i32 {
    guarded(|| {
        let c = logged_in(client)?;
        // SAFETY: string arguments are NUL-terminated and valid for the call (huddle.h).
        let (param, path) = unsafe { (convert::json_object::<DownloadElemParam>(json_download_elem_param)?, convert::text(path)?) };
        if param.kind.is_some_and(|k| k > 3) || path.is_empty() {
            return Err(HUDDLE_ERR_PARAM);
        }
        let id = crate::media::elems::download_id(&param.id, &param.url).ok_or(HUDDLE_ERR_PARAM)?;
        c.download_elem(id, PathBuf::from(path), convert::completion(cb, user_data)).map_err(convert::refused)
    })
}

/// Gives the messages of a merged message (elem 12): `json_single_msg` is
/// the message as received (or from history), whose merge elem carries
/// `merge_elem_relay_json_key`. `cb` gets the JSON array of the messages
/// that were merged, as the sender gave them in `merge_elem_message_array`;
/// or 6009 when they cannot be had.
///
/// Sending one: `HuddleMsgSendMessage` with an elem `{"elem_type": 12,
/// "merge_elem_title": ..., "merge_elem_abstract_array": [...],
/// "merge_elem_compatible_text": "..." (required, not empty),
/// "merge_elem_message_array": [1 to 300 messages, no group tips or
/// reports]}`: the list is stored apart (as files are), and receivers get
/// the elem without it, with `merge_elem_relay_json_key`.
///
/// Sync returns: 0 (`cb` will run), -1, -2, -3 (invalid UTF-8 or JSON), -4
/// (NULL, or a message with no merge elem that has a relay key).
#[no_mangle]
pub extern "C" fn HuddleMsgDownloadMergerMessage(client: *mut HuddleClient, json_single_msg: *const c_char, cb: HuddleCommCallback, user_data: *const c_void) -> i32 {
    guarded(|| {
        let c = logged_in(client)?;
        // SAFETY: string arguments are NUL-terminated and valid for the call (huddle.h).
        let message: serde_json::Value = unsafe { convert::json_object(json_single_msg)? };
        let key = crate::media::elems::relay_key(&message).filter(|k| crate::media::is_media_id(k)).ok_or(HUDDLE_ERR_PARAM)?;
        c.download_merger(key.to_string(), convert::completion(cb, user_data)).map_err(convert::refused)
    })
}
