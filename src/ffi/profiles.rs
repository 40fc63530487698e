//! User profile functions (Tencent's TIMProfile calls).

use std::ffi::{c_char, c_void};

use crate::service::Request;

use super::convert::{self, submit};
use super::{HuddleClient, HuddleCommCallback};

/// Changes the caller's own profile (Tencent's TIMProfileModifySelfUserProfile).
///
/// `json_modify_self_user_profile_param` keys (Tencent's UserProfileItem; the
/// keys present are changed, the others kept): `user_profile_item_nick_name`
/// and `user_profile_item_face_url` (each at most 500 UTF-8 bytes: 40601,
/// `HUDDLE_CODE_PROFILE_SIZE_LIMIT`), and `user_profile_item_custom_string_array`,
/// an array of `{"user_profile_custom_string_info_key": "Level",
/// "user_profile_custom_string_info_value": "42"}`. A custom key may carry
/// Tencent's `Tag_Profile_Custom_` prefix or not (it is added when absent); the
/// name after it is 1 to 8 English letters (9001, `HUDDLE_CODE_INVALID_PROFILE_KEY`);
/// a value is at most 500 bytes (40601); an empty value removes the field; a
/// user keeps at most 20 custom fields (40001). Every value is checked before
/// any is kept: a failed call changes nothing. Tencent's other items (gender,
/// signature, birthday, ...) are not kept by Huddle and are ignored, as are
/// unknown keys.
///
/// The profile is kept with the user (durably with a data dir, or on the
/// server), and shows in `HuddleProfileGetUserProfileList`, in every message's
/// `message_sender_profile`, in group members' `group_member_info_nick_name`
/// and `_face_url`, and as a C2C conversation's `conv_show_name` and
/// `conv_face_url`. No one is notified of the change (Huddle has no friend list).
///
/// Sync returns: 0 (`cb` will run), -1 (`client` is not a live handle),
/// -2 (not logged in), -3 (not valid UTF-8 or JSON), -4 (NULL, not a JSON
/// object, or a key of the wrong type). `cb` gets `{}` on success; it runs once,
/// like every callback of the client: on its dispatcher thread, or inside
/// `HuddlePoll` in poll mode, in order with the client's other callbacks.
#[no_mangle]
pub extern "C" fn HuddleProfileModifySelfUserProfile(
    client: *mut HuddleClient,
    json_modify_self_user_profile_param: *const c_char,
    cb: HuddleCommCallback,
    user_data: *const c_void,
) -> i32 {
    // SAFETY: string arguments are NUL-terminated and valid for the call (huddle.h).
    submit(client, cb, user_data, || unsafe { Ok(Request::ProfileModifySelfUserProfile(convert::json_object(json_modify_self_user_profile_param)?)) })
}

/// The profiles of some users, the caller's own included (Tencent's
/// TIMProfileGetUserProfileList).
///
/// `json_get_user_profile_list_param`: `{"friendship_getprofilelist_param_identifier_array":
/// ["alice", "bob"]}` (1 to 100 user IDs: none is 40002,
/// `HUDDLE_CODE_PROFILE_ACCOUNT_MISS`; more, or an invalid user ID, 40001,
/// `HUDDLE_CODE_PROFILE_INVALID_PARAMETERS`). `cb` gets a JSON array, in the
/// order asked, of Tencent's UserProfile: `user_profile_identifier`,
/// `user_profile_nick_name`, `user_profile_face_url` and
/// `user_profile_custom_string_array` (`[{"user_profile_custom_string_info_key":
/// "Tag_Profile_Custom_Level", "user_profile_custom_string_info_value": "42"}]`,
/// keys in byte order). Huddle keeps no list of accounts: a user who never set
/// a profile gets empty fields, not an error.
///
/// Sync returns: 0 (`cb` will run), -1, -2, -3 (invalid UTF-8 or JSON), -4
/// (NULL, not a JSON object, or the array key missing or not an array of
/// strings). `cb` runs
/// once, on the client's dispatcher thread or inside `HuddlePoll`, in order
/// with the client's other callbacks.
#[no_mangle]
pub extern "C" fn HuddleProfileGetUserProfileList(
    client: *mut HuddleClient,
    json_get_user_profile_list_param: *const c_char,
    cb: HuddleCommCallback,
    user_data: *const c_void,
) -> i32 {
    // SAFETY: string arguments are NUL-terminated and valid for the call (huddle.h).
    submit(client, cb, user_data, || unsafe { Ok(Request::ProfileGetUserProfileList(convert::json_object(json_get_user_profile_list_param)?)) })
}
