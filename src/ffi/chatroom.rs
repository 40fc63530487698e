//! AVChatRoom functions (Tencent's TIMGroupManager.h): each builds a
//! `Request` and submits it; the chat-room rules live in the engine.

use std::ffi::{c_char, c_void};

use crate::service::Request;

use super::convert::{self, submit};
use super::{HuddleClient, HuddleCommCallback};

/// How many members of group `group_id` are online now: members with a
/// client logged in (Tencent's TIMGroupGetOnlineMemberCount), for every
/// group type. `cb` gets `{"group_get_online_member_count_result": N}`.
///
/// Members and app admins only: others get 10007; a group that does not
/// exist, 10010; an invalid ID, 10015. Returns `HUDDLE_ERR_PARAM` for a
/// NULL `group_id`, `HUDDLE_ERR_JSON` for invalid UTF-8. `cb` runs on the
/// client's dispatcher thread (or in `HuddlePoll`), exactly once if this
/// returns 0. An AVChatRoom member counts while a client of it is logged
/// in: one that logs out, or whose connection is lost, is not online (it
/// stays a member, and gets none of the messages sent while it is away).
#[no_mangle]
pub extern "C" fn HuddleGroupGetOnlineMemberCount(client: *mut HuddleClient, group_id: *const c_char, cb: HuddleCommCallback, user_data: *const c_void) -> i32 {
    // SAFETY: string arguments are NUL-terminated and valid for the call (huddle.h).
    submit(client, cb, user_data, || unsafe { Ok(Request::GroupGetOnlineMemberCount { group_id: convert::text(group_id)?.to_string() }) })
}
