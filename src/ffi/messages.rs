//! Message functions.

use std::ffi::{c_char, c_void};

use crate::params::MessageRef;
use crate::service::Request;

use super::convert::{self, ffi_boundary, submit, submit_then};
use super::{HuddleClient, HuddleCommCallback, HuddleMsgRevokeCallback, HuddleRecvNewMsgCallback};

/// Bytes `message_id_buffer` must hold.
pub const HUDDLE_MESSAGE_ID_BUFFER_LEN: usize = 128;

/// Sends a message to a group (`conv_type` 2, `conv_id` the group ID) or a
/// user (`conv_type` 1, `conv_id` the peer's user ID).
///
/// `json_msg_param` is a message object: `message_elem_array` (required: text
/// elems `{"elem_type": 0, "text_elem_content": "..."}`, custom elems
/// `{"elem_type": 3, "custom_elem_data": "...", ...}`, faces (6,
/// `face_elem_index`, `face_elem_buf`), locations (7, `location_elem_desc`,
/// `location_elem_longitude`, `location_elem_latitude`), media elems naming
/// a local file (below) and merged messages (12, see
/// `HuddleMsgDownloadMergerMessage`); group tips and reports, or an elem
/// without what its type needs: 6016; more than 12 KB in all: 80002),
/// `message_group_at_user_array` (members
/// mentioned, or `"__kImSDK_MessageAtALL__"` for everyone),
/// `message_target_group_member_array` (only these members get it),
/// `message_client_time`.
///
/// If `message_id_buffer` is not NULL (it must hold 128 bytes), the message ID
/// is written there, NUL-terminated, before this returns 0 (and only then: a
/// refused call leaves it as it was). `cb` gets the sent
/// message (`message_seq`, `message_server_time`, `message_msg_id`, ...).
///
/// Every message Huddle gives out (this callback, the new-message listener,
/// `HuddleMsgGetMsgList`, `conv_last_msg`) also has Tencent's
/// `message_rand` (the sender's), `message_unique_id` (a number derived from
/// `message_msg_id`, the same wherever the message shows, below 2^53;
/// identify messages by `message_msg_id`, as Tencent advises),
/// `message_priority` (the sender's, Tencent's TIMMsgPriority: 0 High,
/// 1 Normal, the default, 2 Low, 3 Lowest), `message_is_read` (for whoever
/// reads it: sent by the reader, or at or before the reader's read mark in
/// the conversation, see `HuddleMsgReportReaded`), `message_is_peer_read`
/// (C2C only: sent by the peer, or at or before the peer's read mark), `message_sender_profile`
/// (`user_profile_identifier`, `user_profile_nick_name`,
/// `user_profile_face_url`, from `HuddleProfileModifySelfUserProfile`, as the
/// profile is now), and in a group, while the sender is a member,
/// `message_sender_group_member_info` (`group_member_info_identifier`,
/// `group_member_info_name_card`, `group_member_info_member_role`), and
/// `message_platform`: the TIMPlatform the sender's client logged in with
/// (`sdk_config_platform`, by default the build's OS; 0, Other, for messages
/// the app's server sent or imported, and for those kept before Huddle
/// recorded it).
/// Media elems name a local file: images `{"elem_type": 1,
/// "image_elem_orig_path": "...", "image_elem_level": 0}`, sounds (2,
/// `sound_elem_file_path`, `sound_elem_file_time`), files (4,
/// `file_elem_file_path`, `file_elem_file_name`, by default the path's file
/// name) and videos (9, `video_elem_video_path`, `video_elem_video_type`,
/// `video_elem_video_duration`, and its snapshot `video_elem_image_path`,
/// `_image_type`, `_image_width`, `_image_height`). The files are stored
/// first: on the embedded engine under the data dir (with none, in a folder
/// the engine removes when it goes), on huddle-server uploaded over HTTP,
/// streamed; `HuddleSetMsgElemUploadProgressCallback` hears how far each
/// has got, `HuddleMsgCancelSend` stops the send meanwhile (this callback
/// then gets 8021), and calls made meanwhile do not wait for it. Every
/// receiver (and this callback) gets the elem without the path, filled with
/// what was stored: `file_elem_file_id`, `_file_size`, `_url` (a `file://`
/// URL on the embedded engine, the server's HTTP URL on huddle-server),
/// `_business_id` 0, and the same for sounds (`sound_elem_file_id`, ...)
/// and videos (`video_elem_video_id`, ..., `video_elem_image_id`, ...); an
/// image gets `image_elem_format` (1 JPG, 2 GIF, 3 PNG, 255 other) and its
/// three sizes as Tencent makes them, each with `_id`, `_pic_width`,
/// `_pic_height`, `_pic_size` and `_url`: `image_elem_orig_*`, the large
/// copy `image_elem_large_*` (shorter side 720 pixels) and the thumbnail
/// `image_elem_thumb_*` (shorter side 198); an image already that small
/// keeps its own. `HuddleMsgDownloadElemToPath` fetches any of them by ID.
/// Refused, with nothing sent: 7004 no such file, 7007 it cannot be read,
/// 7006 it is empty, 7005 it is over Tencent's limit (28 MB for images
/// and sounds, 100 MB for files and videos), 6031 an image that is not a
/// PNG, JPEG, GIF or WebP, 6008 the upload failed, 6006 the server refused
/// the session's upload token. A media elem that already carries its ID
/// (one forwarded from a message received) is sent as it is.
///
/// Group checks: a member (10007), not muted (10017: member mute, or mute-all
/// unless owner, admin or allowlisted), at most `group_msgs_per_second`
/// messages per group per second (10023).
/// AVChatRoom (online only): the message goes to the members online now and
/// is kept for no one (no offline delivery, no catching up after a
/// reconnect, no history: `HuddleMsgGetMsgList` gives `[]`, no conversation
/// event, no recall), but the room's latest are given to whoever joins next.
/// A room takes `msgs_per_second` messages a second (default 40); past a
/// share of it a message is dropped before anyone gets it and the sender's
/// `cb` gets 10023 (Tencent's ERR_SVR_GROUP_SEND_MSG_FREQ_LIMIT): Lowest
/// past a quarter, Low past half, Normal past three quarters, High past all,
/// so High is never dropped while Low gets through. Messages of app admins,
/// the room's owner and admins and the engine's `allowlist` are never
/// dropped. Tips and group system messages are never dropped. Sync: -5 for a NULL `conv_id` or an
/// unknown `conv_type` (as in every message and conversation function), -3
/// for invalid UTF-8 or JSON, -4 for a JSON of the wrong shape.
#[no_mangle]
pub extern "C" fn HuddleMsgSendMessage(
    client: *mut HuddleClient,
    conv_id: *const c_char,
    conv_type: i32,
    json_msg_param: *const c_char,
    message_id_buffer: *mut c_char,
    cb: HuddleCommCallback,
    user_data: *const c_void,
) -> i32 {
    let msg_id = crate::engine::new_msg_id(crate::engine::Clock::now(&crate::engine::SystemClock));
    debug_assert!(msg_id.len() < HUDDLE_MESSAGE_ID_BUFFER_LEN);
    let write_id = || {
        // SAFETY: the caller provides HUDDLE_MESSAGE_ID_BUFFER_LEN bytes or NULL; IDs are shorter.
        let _ = unsafe { convert::write_cstr(message_id_buffer, HUDDLE_MESSAGE_ID_BUFFER_LEN, &msg_id) };
    };
    // SAFETY: string arguments are NUL-terminated and valid for the call (huddle.h).
    let build = || unsafe {
        let conv = convert::conv(conv_id, conv_type)?;
        let param = convert::json_object(json_msg_param)?;
        Ok(Request::MsgSend { conv, msg_id: msg_id.clone(), param })
    };
    submit_then(client, cb, user_data, build, write_id)
}

/// Adds a listener of new messages; adding the same `cb` again replaces its
/// `user_data`. It gets a JSON array of messages (the `message_*` keys;
/// `message_conv_id` is the group ID or the sender's user ID) from the
/// client's dispatcher, in the order they were sent per conversation. Group
/// tips also arrive here, as messages with one GroupTips elem (`elem_type` 5
/// and the `group_tips_elem_*` keys), a `message_msg_id` of their own and
/// `message_seq` 0 (tips are not kept in history); `message_sender` is who
/// acted. Group system messages (Tencent's group reports) arrive here too,
/// one per message, to the users concerned only, after the tips of the same
/// operation: `elem_type` 8, `message_conv_type` 3 (System) and
/// `message_conv_id` "", with `group_report_elem_report_type` (AddRequest 1
/// to the owner and admins, AddAccept 2 and AddRefuse 3 to the applicant,
/// BeKicked 4 to the removed, Delete 5 to every member of a dismissed group,
/// Create 6 to the creator, Invite 7 to the invited, Quit 8 to who left,
/// GrantAdmin 9 and CancelAdmin 10 to the member, UserDefine 16 (the app
/// server's system notification), ShutUpMember 17 to the muted member),
/// `group_report_elem_group_id`, `group_report_elem_op_user`,
/// `group_report_elem_msg` (a request's hello, an answer's text, a removal's
/// reason), `group_report_elem_user_data` and
/// `group_report_elem_shut_up_time` (seconds; 0 ends a mute). They are not
/// kept in any conversation. A user's own messages come back only through
/// the send callback. NULL `cb` is ignored.
#[no_mangle]
pub extern "C" fn HuddleAddRecvNewMsgCallback(client: *mut HuddleClient, cb: HuddleRecvNewMsgCallback, user_data: *const c_void) {
    ffi_boundary!((), {
        let (Ok(c), Some(f)) = (convert::client(client), cb) else { return };
        c.add_message_listener(f as usize, convert::json_listener(f, user_data));
    })
}

/// Removes the new-message listener `cb`; the others stay. NULL removes all.
#[no_mangle]
pub extern "C" fn HuddleRemoveRecvNewMsgCallback(client: *mut HuddleClient, cb: HuddleRecvNewMsgCallback) {
    ffi_boundary!((), {
        let Ok(c) = convert::client(client) else { return };
        c.remove_message_listener(cb.map(|f| f as usize));
    })
}

/// History of a conversation, newest first. `json_get_msg_param` (may be
/// NULL): `msg_getmsglist_param_count` (default 20, at most 100),
/// `msg_getmsglist_param_last_msg` (a message from an earlier page, named by
/// `message_msg_id` or `message_seq`: the page starts below it). New members
/// see only what was sent after they joined; a user who left keeps what came
/// before. `cb` gets an array of messages; revoked ones have `message_status` 6.
/// A group the caller never belonged to: 10007.
#[no_mangle]
pub extern "C" fn HuddleMsgGetMsgList(
    client: *mut HuddleClient,
    conv_id: *const c_char,
    conv_type: i32,
    json_get_msg_param: *const c_char,
    cb: HuddleCommCallback,
    user_data: *const c_void,
) -> i32 {
    // SAFETY: string arguments are NUL-terminated and valid for the call (huddle.h).
    submit(client, cb, user_data, || unsafe {
        let conv = convert::conv(conv_id, conv_type)?;
        let param = if json_get_msg_param.is_null() { Default::default() } else { convert::json_object(json_get_msg_param)? };
        Ok(Request::MsgGetMsgList { conv, param })
    })
}

/// Recalls a message named by `message_msg_id` (or `message_seq`) in
/// `json_msg_param`. The sender may within the revoke window (default 120 s:
/// 10031 after), a group's owner and admins at any time; others: 10032;
/// unknown message: 10030. Everyone who has it gets the revoke callback, and
/// history shows it with `message_status` 6 and no elems. `cb` gets `{}`.
#[no_mangle]
pub extern "C" fn HuddleMsgRevoke(
    client: *mut HuddleClient,
    conv_id: *const c_char,
    conv_type: i32,
    json_msg_param: *const c_char,
    cb: HuddleCommCallback,
    user_data: *const c_void,
) -> i32 {
    // SAFETY: string arguments are NUL-terminated and valid for the call (huddle.h).
    submit(client, cb, user_data, || unsafe {
        let conv = convert::conv(conv_id, conv_type)?;
        let msg: MessageRef = convert::json_object(json_msg_param)?;
        Ok(Request::MsgRevoke { conv, msg })
    })
}

/// Sets the listener of recalled messages (NULL removes it). It gets a JSON
/// array of locators: `message_locator_conv_id`, `_conv_type`, `_is_revoked`,
/// `_time`, `_seq`, `_is_self`, `_msg_id`, `_revoker_user_id`.
#[no_mangle]
pub extern "C" fn HuddleSetMsgRevokeCallback(client: *mut HuddleClient, cb: HuddleMsgRevokeCallback, user_data: *const c_void) {
    ffi_boundary!((), {
        let Ok(c) = convert::client(client) else { return };
        c.set_revoke_listener(cb.map(|f| convert::json_listener(f, user_data)));
    })
}

/// Marks a conversation read: up to the message named in `json_msg_param`
/// (`message_msg_id` or `message_seq`), or entirely when it is NULL, "" or
/// `null` (what Tencent's wrappers send for "no message"). The
/// conversation's `conv_unread_num` and @ info clear; a conversation event
/// (update) follows. `cb` gets `{}`.
#[no_mangle]
pub extern "C" fn HuddleMsgReportReaded(
    client: *mut HuddleClient,
    conv_id: *const c_char,
    conv_type: i32,
    json_msg_param: *const c_char,
    cb: HuddleCommCallback,
    user_data: *const c_void,
) -> i32 {
    // SAFETY: string arguments are NUL-terminated and valid for the call (huddle.h).
    submit(client, cb, user_data, || unsafe {
        let conv = convert::conv(conv_id, conv_type)?;
        let msg = match convert::text_or_empty(json_msg_param)?.trim() {
            "" | "null" => None,
            _ => Some(convert::json_object(json_msg_param)?),
        };
        Ok(Request::MsgReportReaded { conv, msg })
    })
}
