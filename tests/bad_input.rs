//! Issue 10, item 5: hostile input through every function of include/huddle.h.
//!
//! Tables, not copy-paste: each C function sits in the tables of the
//! arguments it takes (client handle, C string, JSON, number, out-buffer),
//! every hostile value of a kind goes to every argument of that kind, and the
//! documented code is asserted: the sync return and, when it is 0, exactly
//! one callback with the async code. Every mismatch is collected, so one run
//! lists them all. "Header silent" marks codes the header does not name,
//! asserted as the implementation gives them where that is the Tencent-style
//! number for the case.
//!
//! The functions are declared as huddle.h gives them to a C host; the test
//! links the crate's rlib, so they resolve to its `#[no_mangle]` exports.
//! Clients of one process share the in-memory engine and the tests run in
//! parallel threads, so each test has users and groups of its own (`bad-<test>-*`).

use std::cell::RefCell;
use std::ffi::{c_char, c_void, CStr, CString};
use std::ptr::{null, null_mut};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Mutex, OnceLock};
use std::time::{Duration, Instant};

use serde_json::{json, Value};

// Links the crate's rlib: nothing else here names the crate, and the extern
// block below resolves to its exports.
extern crate huddle;

/// The opaque handle of huddle.h.
#[repr(C)]
struct HuddleClient {
    _private: [u8; 0],
}

type H = *mut HuddleClient;
type CommCallback = Option<unsafe extern "C" fn(i32, *const c_char, *const c_char, *const c_void)>;
type JsonCallback = Option<unsafe extern "C" fn(*const c_char, *const c_void)>;
type KindCallback = Option<unsafe extern "C" fn(i32, *const c_char, *const c_void)>;
type NetworkCallback = Option<unsafe extern "C" fn(i32, i32, *const c_char, *const c_void)>;
/// Tencent's typed conversation-group listeners: (name, conversations or new name, user_data).
type TwoStrCallback = Option<unsafe extern "C" fn(*const c_char, *const c_char, *const c_void)>;
/// The conversations-deleted-from-group listener: (name, conversations, reason, user_data).
type RemovedCallback = Option<unsafe extern "C" fn(*const c_char, *const c_char, u32, *const c_void)>;
type ReadMembersCallback = Option<unsafe extern "C" fn(*const c_char, u64, bool, *const c_void)>;
type PinCallback = Option<unsafe extern "C" fn(*const c_char, *const c_char, bool, *const c_char, *const c_void)>;
type ProgressCallback = Option<unsafe extern "C" fn(*const c_char, u32, u32, u32, *const c_void)>;
type NoticeCallback = Option<unsafe extern "C" fn(*const c_void)>;
/// The unread listeners: (total, user_data) and (filter, total, user_data).
type CountCallback = Option<unsafe extern "C" fn(i32, *const c_void)>;
type FilterCountCallback = Option<unsafe extern "C" fn(*const c_char, i32, *const c_void)>;
/// The group counter listener: (group ID, key, new value, user_data).
type CounterCallback = Option<unsafe extern "C" fn(*const c_char, *const c_char, i64, *const c_void)>;

extern "C" {
    fn HuddleGetSDKVersion() -> *const c_char;
    fn HuddleResultString(code: i32) -> *const c_char;
    fn HuddleInit(json_sdk_config: *const c_char, out_client: *mut H) -> i32;
    fn HuddleUninit(client: H) -> i32;
    fn HuddleLogin(client: H, user_id: *const c_char, user_sig: *const c_char, cb: CommCallback, ud: *const c_void) -> i32;
    fn HuddleLogout(client: H, cb: CommCallback, ud: *const c_void) -> i32;
    fn HuddleGetLoginUserID(client: H, buf: *mut c_char, buf_len: usize) -> i32;
    fn HuddleGetLoginStatus(client: H) -> i32;
    fn HuddlePoll(client: H, max_events: u32) -> i32;
    fn HuddleSetWakeCallback(client: H, cb: NoticeCallback, ud: *const c_void);
    fn HuddleSetNetworkStatusListenerCallback(client: H, cb: NetworkCallback, ud: *const c_void);
    fn HuddleSetKickedOfflineCallback(client: H, cb: NoticeCallback, ud: *const c_void);
    fn HuddleSetUserSigExpiredCallback(client: H, cb: NoticeCallback, ud: *const c_void);
    fn HuddleGetServerTime(client: H) -> u64;
    fn HuddleGenUserSig(secret_key: *const c_char, sdk_app_id: u64, user_id: *const c_char, expire_seconds: u64, buf: *mut c_char, buf_len: usize) -> i32;
    fn HuddleConvGetConvList(client: H, cb: CommCallback, ud: *const c_void) -> i32;
    fn HuddleConvGetConversationListByFilter(client: H, json_filter: *const c_char, cb: CommCallback, ud: *const c_void) -> i32;
    fn HuddleConvDelete(client: H, conv_id: *const c_char, conv_type: i32, cb: CommCallback, ud: *const c_void) -> i32;
    fn HuddleConvPinConversation(client: H, conv_id: *const c_char, conv_type: i32, is_pinned: bool, cb: CommCallback, ud: *const c_void) -> i32;
    fn HuddleConvSetDraft(client: H, conv_id: *const c_char, conv_type: i32, json_draft_param: *const c_char) -> i32;
    fn HuddleConvCancelDraft(client: H, conv_id: *const c_char, conv_type: i32) -> i32;
    fn HuddleConvGetTotalUnreadMessageCount(client: H, cb: CommCallback, ud: *const c_void) -> i32;
    fn HuddleSetConvEventCallback(client: H, cb: KindCallback, ud: *const c_void);
    fn HuddleConvCreateConversationGroup(client: H, group_name: *const c_char, json_conversation_id_array: *const c_char, cb: CommCallback, ud: *const c_void) -> i32;
    fn HuddleConvGetConversationGroupList(client: H, cb: CommCallback, ud: *const c_void) -> i32;
    fn HuddleConvDeleteConversationGroup(client: H, group_name: *const c_char, cb: CommCallback, ud: *const c_void) -> i32;
    fn HuddleConvRenameConversationGroup(client: H, old_name: *const c_char, new_name: *const c_char, cb: CommCallback, ud: *const c_void) -> i32;
    fn HuddleConvAddConversationsToGroup(client: H, group_name: *const c_char, json_conversation_id_array: *const c_char, cb: CommCallback, ud: *const c_void) -> i32;
    fn HuddleConvDeleteConversationsFromGroup(client: H, group_name: *const c_char, json_conversation_id_array: *const c_char, cb: CommCallback, ud: *const c_void) -> i32;
    fn HuddleSetConvGroupEventCallback(client: H, cb: KindCallback, ud: *const c_void);
    // Receive options and the newer conversation functions.
    fn HuddleMsgSetC2CReceiveMessageOpt(client: H, json_identifier_array: *const c_char, opt: i32, cb: CommCallback, ud: *const c_void) -> i32;
    fn HuddleMsgGetC2CReceiveMessageOpt(client: H, json_identifier_array: *const c_char, cb: CommCallback, ud: *const c_void) -> i32;
    fn HuddleMsgSetGroupReceiveMessageOpt(client: H, group_id: *const c_char, opt: i32, cb: CommCallback, ud: *const c_void) -> i32;
    fn HuddleMsgSetAllReceiveMessageOpt(client: H, opt: i32, start_hour: i32, start_minute: i32, start_second: i32, duration: u32, cb: CommCallback, ud: *const c_void) -> i32;
    fn HuddleMsgSetAllReceiveMessageOpt2(client: H, opt: i32, start_time_stamp: u32, duration: u32, cb: CommCallback, ud: *const c_void) -> i32;
    fn HuddleMsgGetAllReceiveMessageOpt(client: H, cb: CommCallback, ud: *const c_void) -> i32;
    fn HuddleSetMsgAllMessageReceiveOptionCallback(client: H, cb: JsonCallback, ud: *const c_void);
    fn HuddleConvGetConvInfo(client: H, json_get_conv_list_param: *const c_char, cb: CommCallback, ud: *const c_void) -> i32;
    fn HuddleConvDeleteConversationList(client: H, conversation_id_array: *const c_char, clear_message: bool, cb: CommCallback, ud: *const c_void) -> i32;
    fn HuddleConvSetConversationCustomData(client: H, conversation_id_array: *const c_char, custom_data: *const c_char, cb: CommCallback, ud: *const c_void) -> i32;
    fn HuddleConvMarkConversation(client: H, conversation_id_array: *const c_char, mark_type: u64, enable_mark: bool, cb: CommCallback, ud: *const c_void) -> i32;
    fn HuddleConvGetUnreadMessageCountByFilter(client: H, filter: *const c_char, cb: CommCallback, ud: *const c_void) -> i32;
    fn HuddleConvSubscribeUnreadMessageCountByFilter(client: H, filter: *const c_char) -> i32;
    fn HuddleConvUnsubscribeUnreadMessageCountByFilter(client: H, filter: *const c_char) -> i32;
    fn HuddleConvCleanConversationUnreadMessageCount(client: H, conversation_id: *const c_char, clean_timestamp: u64, clean_sequence: u64, cb: CommCallback, ud: *const c_void) -> i32;
    fn HuddleSetConvTotalUnreadMessageCountChangedCallback(client: H, cb: CountCallback, ud: *const c_void);
    fn HuddleSetConvUnreadMessageCountChangedByFilterCallback(client: H, cb: FilterCountCallback, ud: *const c_void);
    fn HuddleSetConvConversationGroupCreatedCallback(client: H, cb: TwoStrCallback, ud: *const c_void);
    fn HuddleSetConvConversationGroupDeletedCallback(client: H, cb: JsonCallback, ud: *const c_void);
    fn HuddleSetConvConversationGroupNameChangedCallback(client: H, cb: TwoStrCallback, ud: *const c_void);
    fn HuddleSetConvConversationsAddedToGroupCallback(client: H, cb: TwoStrCallback, ud: *const c_void);
    fn HuddleSetConvConversationsDeletedFromGroupCallback(client: H, cb: RemovedCallback, ud: *const c_void);
    fn HuddleGroupCreate(client: H, json_group_create_param: *const c_char, cb: CommCallback, ud: *const c_void) -> i32;
    fn HuddleGroupDelete(client: H, group_id: *const c_char, cb: CommCallback, ud: *const c_void) -> i32;
    fn HuddleGroupJoin(client: H, group_id: *const c_char, hello_msg: *const c_char, cb: CommCallback, ud: *const c_void) -> i32;
    fn HuddleGroupQuit(client: H, group_id: *const c_char, cb: CommCallback, ud: *const c_void) -> i32;
    fn HuddleGroupInviteMember(client: H, json_group_invite_param: *const c_char, cb: CommCallback, ud: *const c_void) -> i32;
    fn HuddleGroupDeleteMember(client: H, json_group_delete_param: *const c_char, cb: CommCallback, ud: *const c_void) -> i32;
    fn HuddleGroupGetJoinedGroupList(client: H, cb: CommCallback, ud: *const c_void) -> i32;
    fn HuddleGroupGetGroupInfoList(client: H, json_group_id_array: *const c_char, cb: CommCallback, ud: *const c_void) -> i32;
    fn HuddleGroupModifyGroupInfo(client: H, json_group_modifyinfo_param: *const c_char, cb: CommCallback, ud: *const c_void) -> i32;
    fn HuddleGroupGetMemberInfoList(client: H, json_group_getmeminfos_param: *const c_char, cb: CommCallback, ud: *const c_void) -> i32;
    fn HuddleGroupModifyMemberInfo(client: H, json_group_modifymeminfo_param: *const c_char, cb: CommCallback, ud: *const c_void) -> i32;
    fn HuddleGroupGetPendencyList(client: H, json_group_getpendency_list_param: *const c_char, cb: CommCallback, ud: *const c_void) -> i32;
    fn HuddleGroupHandlePendency(client: H, json_group_handle_pendency_param: *const c_char, cb: CommCallback, ud: *const c_void) -> i32;
    fn HuddleGroupReportPendencyReaded(client: H, time_stamp: u64, cb: CommCallback, ud: *const c_void) -> i32;
    fn HuddleGroupModifyMuteAllowlist(client: H, json_param: *const c_char, cb: CommCallback, ud: *const c_void) -> i32;
    fn HuddleGroupGetMuteAllowlist(client: H, group_id: *const c_char, cb: CommCallback, ud: *const c_void) -> i32;
    fn HuddleGroupGetOnlineMemberCount(client: H, group_id: *const c_char, cb: CommCallback, ud: *const c_void) -> i32;
    fn HuddleProfileModifySelfUserProfile(client: H, json_modify_self_user_profile_param: *const c_char, cb: CommCallback, ud: *const c_void) -> i32;
    fn HuddleProfileGetUserProfileList(client: H, json_get_user_profile_list_param: *const c_char, cb: CommCallback, ud: *const c_void) -> i32;
    fn HuddleAdminGetUserGroupList(client: H, user_id: *const c_char, cb: CommCallback, ud: *const c_void) -> i32;
    fn HuddleAdminGetGroupMemberIDList(client: H, group_id: *const c_char, cb: CommCallback, ud: *const c_void) -> i32;
    fn HuddleSetGroupTipsEventCallback(client: H, cb: JsonCallback, ud: *const c_void);
    fn HuddleGroupInitGroupAttributes(client: H, group_id: *const c_char, json_group_attributes: *const c_char, cb: CommCallback, ud: *const c_void) -> i32;
    fn HuddleGroupSetGroupAttributes(client: H, group_id: *const c_char, json_group_attributes: *const c_char, cb: CommCallback, ud: *const c_void) -> i32;
    fn HuddleGroupDeleteGroupAttributes(client: H, group_id: *const c_char, json_keys: *const c_char, cb: CommCallback, ud: *const c_void) -> i32;
    fn HuddleGroupGetGroupAttributes(client: H, group_id: *const c_char, json_keys: *const c_char, cb: CommCallback, ud: *const c_void) -> i32;
    fn HuddleSetGroupAttributeChangedCallback(client: H, cb: TwoStrCallback, ud: *const c_void);
    fn HuddleGroupSetGroupCounters(client: H, group_id: *const c_char, json_group_counter_array: *const c_char, cb: CommCallback, ud: *const c_void) -> i32;
    fn HuddleGroupGetGroupCounters(client: H, group_id: *const c_char, json_group_counter_key_array: *const c_char, cb: CommCallback, ud: *const c_void) -> i32;
    fn HuddleGroupIncreaseGroupCounter(client: H, group_id: *const c_char, group_counter_key: *const c_char, group_counter_value: i64, cb: CommCallback, ud: *const c_void) -> i32;
    fn HuddleGroupDecreaseGroupCounter(client: H, group_id: *const c_char, group_counter_key: *const c_char, group_counter_value: i64, cb: CommCallback, ud: *const c_void) -> i32;
    fn HuddleSetGroupCounterChangedCallback(client: H, cb: CounterCallback, ud: *const c_void);
    // Community topics, search and marks.
    fn HuddleGroupGetJoinedCommunityList(client: H, cb: CommCallback, ud: *const c_void) -> i32;
    fn HuddleGroupCreateTopicInCommunity(client: H, group_id: *const c_char, json_topic_info: *const c_char, cb: CommCallback, ud: *const c_void) -> i32;
    fn HuddleGroupDeleteTopicFromCommunity(client: H, group_id: *const c_char, json_topic_id_array: *const c_char, cb: CommCallback, ud: *const c_void) -> i32;
    fn HuddleGroupSetTopicInfo(client: H, json_topic_info: *const c_char, cb: CommCallback, ud: *const c_void) -> i32;
    fn HuddleGroupGetTopicInfoList(client: H, group_id: *const c_char, json_topic_id_array: *const c_char, cb: CommCallback, ud: *const c_void) -> i32;
    fn HuddleGroupSearchGroups(client: H, json_param: *const c_char, cb: CommCallback, ud: *const c_void) -> i32;
    fn HuddleGroupSearchGroupMembers(client: H, json_param: *const c_char, cb: CommCallback, ud: *const c_void) -> i32;
    fn HuddleGroupMarkGroupMemberList(client: H, group_id: *const c_char, member_array: *const c_char, mark_type: u32, enable_mark: bool, cb: CommCallback, ud: *const c_void) -> i32;
    fn HuddleSetGroupTopicCreatedCallback(client: H, cb: TwoStrCallback, ud: *const c_void);
    fn HuddleSetGroupTopicDeletedCallback(client: H, cb: TwoStrCallback, ud: *const c_void);
    fn HuddleSetGroupTopicChangedCallback(client: H, cb: TwoStrCallback, ud: *const c_void);
    fn HuddleMsgSendMessage(
        client: H,
        conv_id: *const c_char,
        conv_type: i32,
        json_msg_param: *const c_char,
        message_id_buffer: *mut c_char,
        cb: CommCallback,
        ud: *const c_void,
    ) -> i32;
    fn HuddleAddRecvNewMsgCallback(client: H, cb: JsonCallback, ud: *const c_void);
    fn HuddleRemoveRecvNewMsgCallback(client: H, cb: JsonCallback);
    fn HuddleMsgGetMsgList(client: H, conv_id: *const c_char, conv_type: i32, json_get_msg_param: *const c_char, cb: CommCallback, ud: *const c_void) -> i32;
    fn HuddleMsgRevoke(client: H, conv_id: *const c_char, conv_type: i32, json_msg_param: *const c_char, cb: CommCallback, ud: *const c_void) -> i32;
    fn HuddleSetMsgRevokeCallback(client: H, cb: JsonCallback, ud: *const c_void);
    fn HuddleMsgReportReaded(client: H, conv_id: *const c_char, conv_type: i32, json_msg_param: *const c_char, cb: CommCallback, ud: *const c_void) -> i32;
    // Deleting, editing, finding, inserting and searching messages (issue 13).
    fn HuddleMsgDelete(client: H, conv_id: *const c_char, conv_type: i32, json_msgdel_param: *const c_char, cb: CommCallback, ud: *const c_void) -> i32;
    fn HuddleMsgListDelete(client: H, conv_id: *const c_char, conv_type: i32, json_msg_array: *const c_char, cb: CommCallback, ud: *const c_void) -> i32;
    fn HuddleMsgClearHistoryMessage(client: H, conv_id: *const c_char, conv_type: i32, cb: CommCallback, ud: *const c_void) -> i32;
    fn HuddleMsgModifyMessage(client: H, json_msg_param: *const c_char, cb: CommCallback, ud: *const c_void) -> i32;
    fn HuddleSetMsgUpdateCallback(client: H, cb: JsonCallback, ud: *const c_void);
    fn HuddleMsgFindMessages(client: H, json_message_id_array: *const c_char, cb: CommCallback, ud: *const c_void) -> i32;
    fn HuddleMsgFindByMsgLocatorList(client: H, conv_id: *const c_char, conv_type: i32, json_msg_locator_array: *const c_char, cb: CommCallback, ud: *const c_void) -> i32;
    fn HuddleMsgSetLocalCustomData(client: H, json_msg_param: *const c_char, cb: CommCallback, ud: *const c_void) -> i32;
    fn HuddleMsgSaveMsg(client: H, conv_id: *const c_char, conv_type: i32, json_msg_param: *const c_char, cb: CommCallback, ud: *const c_void) -> i32;
    fn HuddleMsgImportMsgList(client: H, conv_id: *const c_char, conv_type: i32, json_msg_array: *const c_char, cb: CommCallback, ud: *const c_void) -> i32;
    fn HuddleMsgSearchLocalMessages(client: H, json_search_message_param: *const c_char, cb: CommCallback, ud: *const c_void) -> i32;
    fn HuddleMsgMarkAllMessageAsRead(client: H, cb: CommCallback, ud: *const c_void) -> i32;
    // Read receipts, extensions, reactions and pins (issue 13).
    fn HuddleMsgSendMessageReadReceipts(client: H, json_msg_array: *const c_char, cb: CommCallback, ud: *const c_void) -> i32;
    fn HuddleMsgGetMessageReadReceipts(client: H, json_msg_array: *const c_char, cb: CommCallback, ud: *const c_void) -> i32;
    fn HuddleMsgGetGroupMessageReadMemberList(client: H, json_msg: *const c_char, filter: i32, next_seq: u64, count: u32, cb: ReadMembersCallback, ud: *const c_void) -> i32;
    fn HuddleSetMsgReadedReceiptCallback(client: H, cb: JsonCallback, ud: *const c_void);
    fn HuddleMsgSetMessageExtensions(client: H, json_msg: *const c_char, json_extension_array: *const c_char, cb: CommCallback, ud: *const c_void) -> i32;
    fn HuddleMsgGetMessageExtensions(client: H, json_msg: *const c_char, cb: CommCallback, ud: *const c_void) -> i32;
    fn HuddleMsgDeleteMessageExtensions(client: H, json_msg: *const c_char, json_extension_key_array: *const c_char, cb: CommCallback, ud: *const c_void) -> i32;
    fn HuddleSetMsgExtensionsChangedCallback(client: H, cb: TwoStrCallback, ud: *const c_void);
    fn HuddleSetMsgExtensionsDeletedCallback(client: H, cb: TwoStrCallback, ud: *const c_void);
    fn HuddleMsgAddMessageReaction(client: H, json_msg: *const c_char, reaction_id: *const c_char, cb: CommCallback, ud: *const c_void) -> i32;
    fn HuddleMsgRemoveMessageReaction(client: H, json_msg: *const c_char, reaction_id: *const c_char, cb: CommCallback, ud: *const c_void) -> i32;
    fn HuddleMsgGetMessageReactions(client: H, json_msg_array: *const c_char, max_user_count_per_reaction: u32, cb: CommCallback, ud: *const c_void) -> i32;
    fn HuddleMsgGetAllUserListOfMessageReaction(client: H, json_msg: *const c_char, reaction_id: *const c_char, next_seq: u32, count: u32, cb: CommCallback, ud: *const c_void) -> i32;
    fn HuddleSetMsgReactionsChangedCallback(client: H, cb: JsonCallback, ud: *const c_void);
    fn HuddlePinGroupMessage(client: H, group_id: *const c_char, json_msg: *const c_char, is_pinned: bool, cb: CommCallback, ud: *const c_void) -> i32;
    fn HuddleGetPinnedGroupMessageList(client: H, group_id: *const c_char, cb: CommCallback, ud: *const c_void) -> i32;
    fn HuddleSetMsgGroupPinnedMessageChangedCallback(client: H, cb: PinCallback, ud: *const c_void);
    fn HuddleSetMsgElemUploadProgressCallback(client: H, cb: ProgressCallback, ud: *const c_void);
    fn HuddleMsgCancelSend(client: H, conv_id: *const c_char, conv_type: i32, message_id: *const c_char, cb: CommCallback, ud: *const c_void) -> i32;
    fn HuddleMsgDownloadElemToPath(client: H, json_download_elem_param: *const c_char, path: *const c_char, cb: CommCallback, ud: *const c_void) -> i32;
    fn HuddleMsgDownloadMergerMessage(client: H, json_single_msg: *const c_char, cb: CommCallback, ud: *const c_void) -> i32;
}

// ------------------------------------------------------------ expectations

/// What one case must do.
#[derive(Clone, Copy, Debug, PartialEq)]
enum Expect {
    /// Returns this value and never calls back: a refused call, or a
    /// function without a callback.
    Returns(i64),
    /// Returns 0, then calls back exactly once with this code.
    Async(i32),
    /// Returns 0, then calls back exactly once with code 0 and a JSON array
    /// whose first item has `key` equal to this code (per-item results).
    Item(&'static str, i32),
}
use Expect::{Async, Item, Returns};

const UNINIT: Expect = Returns(-1);
const NOTLOGIN: Expect = Returns(-2);
const JSON: Expect = Returns(-3);
const PARAM: Expect = Returns(-4);
const CONV: Expect = Returns(-5);
/// A void function, or an accepted call whose callback is NULL.
const NOTHING: Expect = Returns(0);
/// Header silent: RFC 8259 section 9 lets a parser limit nesting depth and
/// number range; serde_json refuses 10,000 levels and 1e400, so the text
/// cannot be read: -3, like any JSON the library cannot parse.
const TOO_DEEP: Expect = JSON;
const OUT_OF_RANGE: Expect = JSON;

const INFO_CODE: &str = "get_groups_info_result_code";
const CONV_OP_CODE: &str = "conversation_operation_result_result_code";

// ------------------------------------------------------------ hostile values

/// Ten megabytes, the size of every huge string.
const BIG_LEN: usize = 10 << 20;
/// Nesting depth of the deep JSON documents.
const DEPTH: usize = 10_000;

/// The huge string as a C string argument, built once.
fn big_cstring() -> &'static CString {
    static BIG: OnceLock<CString> = OnceLock::new();
    BIG.get_or_init(|| CString::new(vec![b'a'; BIG_LEN]).unwrap())
}

/// The huge string as a JSON string value (quoted), built once.
fn big_json() -> &'static [u8] {
    static BIG: OnceLock<Vec<u8>> = OnceLock::new();
    BIG.get_or_init(|| [&b"\""[..], &vec![b'a'; BIG_LEN], b"\""].concat())
}

fn deep_arrays() -> Vec<u8> {
    [vec![b'['; DEPTH], vec![b']'; DEPTH]].concat()
}

fn deep_objects() -> Vec<u8> {
    [b"{\"a\":".repeat(DEPTH), b"1".to_vec(), vec![b'}'; DEPTH]].concat()
}

/// The hostile values of a C string argument, in the order of every
/// `[Expect; 6]` of the string table.
const STRINGS: [&str; 6] = ["NULL", "invalid UTF-8", "\"\"", "10 MB", "\"a\\x01b\"", "\"\\n\""];

fn hostile_string(i: usize) -> *const c_char {
    static VALUES: OnceLock<[CString; 4]> = OnceLock::new();
    let values = VALUES.get_or_init(|| {
        [b"bad-\xc3\x28\xff".to_vec(), Vec::new(), b"a\x01b".to_vec(), b"\n".to_vec()].map(|v| CString::new(v).unwrap())
    });
    match i {
        0 => null(),
        3 => big_cstring().as_ptr(),
        1 | 2 => values[i - 1].as_ptr(),
        _ => values[i - 2].as_ptr(),
    }
}

/// Malformed group IDs: they cannot name a group (custom IDs are printable
/// ASCII of 1..48 bytes, 8501 at creation), API.md section 6 gives 10015.
// Every group ID is printable ASCII: an empty, 10 MB, NUL or control-character
// one ("a\x01b", "\n", "a\u0000b" in JSON) cannot name a group: 10015.
const GROUP_IDS: [Expect; 6] = [PARAM, JSON, Async(10015), Async(10015), Async(10015), Async(10015)];
/// Malformed C2C conversation IDs (peer user IDs): 6004, invalid
/// conversation (header silent; what the engine says for them).
const PEER_IDS: [Expect; 6] = [CONV, JSON, Async(6004), Async(6004), Async(6004), Async(6004)];
/// Malformed group conversation IDs: 10015 like any malformed group ID.
// As GROUP_IDS, in the message and conversation functions too.
const GROUP_CONV_IDS: [Expect; 6] = [CONV, JSON, Async(10015), Async(10015), Async(10015), Async(10015)];

/// `expects` for a function without a callback (the drafts, as Tencent's):
/// what would be called back is accepted, 0, and nothing comes.
const fn without_callback(expects: [Expect; 6]) -> [Expect; 6] {
    let mut out = expects;
    let mut i = 0;
    while i < 6 {
        if let Async(_) = out[i] {
            out[i] = NOTHING;
        }
        i += 1;
    }
    out
}

// ------------------------------------------------------------ callbacks

/// What one callback brought, and any way it broke the callback contract.
struct Reply {
    code: i32,
    json: Value,
    faults: Vec<&'static str>,
}

impl Reply {
    /// # Safety
    /// The arguments of a `HuddleCommCallback`.
    unsafe fn new(code: i32, desc: *const c_char, json: *const c_char) -> Reply {
        let mut faults = Vec::new();
        if desc.is_null() {
            faults.push("desc is NULL");
        }
        let text = if json.is_null() {
            faults.push("json_params is NULL");
            ""
        } else {
            CStr::from_ptr(json).to_str().unwrap_or("")
        };
        let json = serde_json::from_str(text).unwrap_or_else(|_| {
            faults.push("json_params is not valid UTF-8 JSON");
            Value::Null
        });
        Reply { code, json, faults }
    }
}

/// A case's user_data: every callback the case got.
#[derive(Default)]
struct Recorder(Mutex<Vec<Reply>>);

impl Recorder {
    fn ud(&self) -> *const c_void {
        (self as *const Recorder).cast()
    }

    fn take(&self) -> Vec<Reply> {
        std::mem::take(&mut *self.0.lock().unwrap())
    }
}

unsafe extern "C" fn record(code: i32, desc: *const c_char, json: *const c_char, ud: *const c_void) {
    let reply = Reply::new(code, desc, json);
    (*ud.cast::<Recorder>()).0.lock().unwrap().push(reply);
}

thread_local! {
    /// Callbacks given a NULL user_data; poll mode runs them on the polling thread.
    static NULL_UD_REPLIES: RefCell<Vec<Reply>> = const { RefCell::new(Vec::new()) };
}

/// The callback of the NULL user_data cases: user_data must come back NULL.
unsafe extern "C" fn record_null_ud(code: i32, desc: *const c_char, json: *const c_char, ud: *const c_void) {
    let mut reply = Reply::new(code, desc, json);
    if !ud.is_null() {
        reply.faults.push("user_data did not come back as given (NULL)");
    }
    NULL_UD_REPLIES.with(|r| r.borrow_mut().push(reply));
}

// Listeners the setters install; what they hear is not this file's subject.
unsafe extern "C" fn ignore_notice(_: *const c_void) {}
unsafe extern "C" fn ignore_json(_: *const c_char, _: *const c_void) {}
unsafe extern "C" fn ignore_kind(_: i32, _: *const c_char, _: *const c_void) {}
unsafe extern "C" fn ignore_network(_: i32, _: i32, _: *const c_char, _: *const c_void) {}
const NOTICE_LISTENER: NoticeCallback = Some(ignore_notice);
const JSON_LISTENER: JsonCallback = Some(ignore_json);
const KIND_LISTENER: KindCallback = Some(ignore_kind);
const NETWORK_LISTENER: NetworkCallback = Some(ignore_network);
unsafe extern "C" fn ignore_two(_: *const c_char, _: *const c_char, _: *const c_void) {}
unsafe extern "C" fn ignore_removed(_: *const c_char, _: *const c_char, _: u32, _: *const c_void) {}
const TWO_STR_LISTENER: TwoStrCallback = Some(ignore_two);
const REMOVED_LISTENER: RemovedCallback = Some(ignore_removed);
unsafe extern "C" fn ignore_count(_: i32, _: *const c_void) {}
unsafe extern "C" fn ignore_filter_count(_: *const c_char, _: i32, _: *const c_void) {}
const COUNT_LISTENER: CountCallback = Some(ignore_count);
const FILTER_COUNT_LISTENER: FilterCountCallback = Some(ignore_filter_count);
unsafe extern "C" fn ignore_counter(_: *const c_char, _: *const c_char, _: i64, _: *const c_void) {}
const COUNTER_LISTENER: CounterCallback = Some(ignore_counter);
unsafe extern "C" fn ignore_pin(_: *const c_char, _: *const c_char, _: bool, _: *const c_char, _: *const c_void) {}
const PIN_LISTENER: PinCallback = Some(ignore_pin);
unsafe extern "C" fn ignore_progress(_: *const c_char, _: u32, _: u32, _: u32, _: *const c_void) {}
const PROGRESS_LISTENER: ProgressCallback = Some(ignore_progress);

/// The wake callback of the HuddlePoll case: user_data is an AtomicBool.
unsafe extern "C" fn raise_flag(ud: *const c_void) {
    (*ud.cast::<AtomicBool>()).store(true, Ordering::SeqCst);
}

// ------------------------------------------------------------ clients

/// Every client of this file: poll mode (callbacks only inside HuddlePoll, so
/// each case's callback is waited for deterministically); the message rate
/// is raised in case this client is the one that opens the shared engine.
const POLL_CONFIG: &str = r#"{"callback_mode":"poll","sdk_config_group_msg_per_second":1000000}"#;

fn c(s: &str) -> CString {
    CString::new(s).unwrap()
}

fn init(config: &str) -> H {
    let mut h = null_mut();
    assert_eq!(unsafe { HuddleInit(c(config).as_ptr(), &mut h) }, 0, "HuddleInit({config})");
    h
}

fn drain(h: H) {
    while unsafe { HuddlePoll(h, u32::MAX) } > 0 {}
}

/// Polls `clients` until `done` holds, for at most 5 s.
fn settle(clients: &[H], done: impl Fn() -> bool) {
    let deadline = Instant::now() + Duration::from_secs(5);
    loop {
        clients.iter().for_each(|&h| drain(h));
        if done() || Instant::now() > deadline {
            return;
        }
        std::thread::sleep(Duration::from_millis(1));
    }
}

/// A poll-mode client, uninitialized when dropped.
struct Client {
    h: H,
}

impl Client {
    fn login(user: &str, config: &str) -> Client {
        let client = Client { h: init(config) };
        client.call_ok(|cb, ud| unsafe { HuddleLogin(client.h, c(user).as_ptr(), null(), cb, ud) });
        client
    }

    /// Runs a setup call and returns its result; panics unless it succeeds.
    fn call_ok(&self, call: impl FnOnce(CommCallback, *const c_void) -> i32) -> Value {
        let rec = Recorder::default();
        assert_eq!(call(Some(record), rec.ud()), 0, "a setup call was refused");
        settle(&[self.h], || !rec.0.lock().unwrap().is_empty());
        let replies = rec.take();
        assert!(replies.len() == 1 && replies[0].code == 0, "a setup call failed: {:?}", replies.iter().map(|r| (r.code, &r.json)).collect::<Vec<_>>());
        replies.into_iter().next().unwrap().json
    }
}

impl Drop for Client {
    fn drop(&mut self) {
        unsafe { HuddleUninit(self.h) };
    }
}

/// Runs `call` on a new poll-mode client that is not logged in, then ends
/// it. Its callbacks run in the order of its calls, so once a logout made
/// after the case has called back, the case's callback has run too.
fn on_fresh_client(call: impl FnOnce(H) -> i64) -> i64 {
    let h = init(POLL_CONFIG);
    let ret = call(h);
    let sentinel = Recorder::default();
    if unsafe { HuddleLogout(h, Some(record), sentinel.ud()) } == 0 {
        settle(&[h], || !sentinel.0.lock().unwrap().is_empty());
    }
    unsafe { HuddleUninit(h) };
    ret
}

/// Threads of this process now (Linux; None elsewhere).
fn threads() -> Option<usize> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    status.lines().find_map(|l| l.strip_prefix("Threads:"))?.trim().parse().ok()
}

/// The process still works: a fresh client logs in, creates a group, sends
/// to it and hears both callbacks.
fn assert_healthy(tag: &str) {
    let version = unsafe { CStr::from_ptr(HuddleGetSDKVersion()) }.to_str().unwrap();
    assert_eq!(version.split('.').filter(|n| n.parse::<u32>().is_ok()).count(), 3, "version {version:?}");
    let client = Client::login(&format!("bad-{tag}-healthy"), POLL_CONFIG);
    let create = c(r#"{"create_group_param_group_name":"healthy","create_group_param_group_type":2}"#);
    let created = client.call_ok(|cb, ud| unsafe { HuddleGroupCreate(client.h, create.as_ptr(), cb, ud) });
    let group = c(created["create_group_result_groupid"].as_str().unwrap());
    let text = c(r#"{"message_elem_array":[{"elem_type":0,"text_elem_content":"still here"}]}"#);
    let mut id = [0 as c_char; 128];
    let sent = client.call_ok(|cb, ud| unsafe { HuddleMsgSendMessage(client.h, group.as_ptr(), 2, text.as_ptr(), id.as_mut_ptr(), cb, ud) });
    assert_eq!(sent["message_msg_id"].as_str(), Some(unsafe { CStr::from_ptr(id.as_ptr()) }.to_str().unwrap()));
}

// ------------------------------------------------------------ the world of one test

/// One test's users, group, messages and conversation group, all `bad-<tag>-*`.
struct World {
    tag: &'static str,
    /// Owner of `g`; every case runs as alice unless it says otherwise.
    alice: Client,
    alice_id: String,
    /// An app admin, for the admin-only functions.
    admin: Client,
    /// Members of `g`: bob stays; carol and dave are there to be removed.
    bob: String,
    carol: String,
    dave: String,
    /// A Community group alice owns: any member invites, the owner kicks.
    g: String,
    /// A message of alice's in `g`, and another one the revoke cases recall.
    msg_id: String,
    msg_seq: u64,
    victim_id: String,
    /// Alice's conversation group, holding `group_<g>`.
    cg: String,
    /// Out-parameter faults the call closures find (`send`, HuddleInit's
    /// `*out_client`), reported with the case they belong to.
    notes: RefCell<Vec<String>>,
}

impl World {
    fn new(tag: &'static str) -> World {
        let id = |who: &str| format!("bad-{tag}-{who}");
        let alice_id = id("alice");
        let alice = Client::login(&alice_id, POLL_CONFIG);
        let root = id("root");
        let admin = Client::login(&root, &format!(r#"{{"callback_mode":"poll","sdk_config_admin_user_ids":["{root}"]}}"#));
        let (bob, carol, dave, g) = (id("bob"), id("carol"), id("dave"), id("g"));
        let member = |u: &str| json!({"group_member_info_identifier": u, "group_member_info_member_role": 200});
        let create = json!({
            "create_group_param_group_id": g, "create_group_param_group_name": "bad", "create_group_param_group_type": 5,
            "create_group_param_group_member_array": [member(&bob), member(&carol), member(&dave)],
        });
        alice.call_ok(|cb, ud| unsafe { HuddleGroupCreate(alice.h, c(&create.to_string()).as_ptr(), cb, ud) });
        let text = c(r#"{"message_elem_array":[{"elem_type":0,"text_elem_content":"hi"}]}"#);
        let send = |to: &str, conv_type: i32| {
            alice.call_ok(|cb, ud| unsafe { HuddleMsgSendMessage(alice.h, c(to).as_ptr(), conv_type, text.as_ptr(), null_mut(), cb, ud) })
        };
        let msg = send(&g, 2);
        let victim = send(&g, 2);
        send(&bob, 1);
        let cg = id("cg");
        let ids = c(&json!([format!("group_{g}")]).to_string());
        alice.call_ok(|cb, ud| unsafe { HuddleConvCreateConversationGroup(alice.h, c(&cg).as_ptr(), ids.as_ptr(), cb, ud) });
        drain(alice.h);
        World {
            tag,
            alice,
            alice_id,
            admin,
            bob,
            carol,
            dave,
            g,
            msg_id: msg["message_msg_id"].as_str().unwrap().to_string(),
            msg_seq: msg["message_seq"].as_u64().unwrap(),
            victim_id: victim["message_msg_id"].as_str().unwrap().to_string(),
            cg,
            notes: RefCell::new(Vec::new()),
        }
    }

    fn h(&self) -> H {
        self.alice.h
    }

    fn walk(&self) -> Walk<'_> {
        Walk { world: self, cases: 0, failures: Vec::new(), recorders: Vec::new() }
    }

    /// HuddleMsgSendMessage with a 128-byte `message_id_buffer` full of 0x5A:
    /// a refused call must leave it so, an accepted one holds an ID there.
    fn send(&self, conv_id: *const c_char, conv_type: i32, json: *const c_char, cb: CommCallback, ud: *const c_void) -> i64 {
        let mut buf = [0x5A as c_char; 128];
        let ret = unsafe { HuddleMsgSendMessage(self.h(), conv_id, conv_type, json, buf.as_mut_ptr(), cb, ud) };
        let untouched = buf.iter().all(|&b| b == 0x5A as c_char);
        let holds_id = buf[0] != 0 && buf.contains(&0);
        if (ret != 0 && !untouched) || (ret == 0 && !holds_id) {
            self.notes.borrow_mut().push(format!("HuddleMsgSendMessage returned {ret} and left message_id_buffer {}", if untouched { "untouched" } else { "written" }));
        }
        ret as i64
    }
}

// ------------------------------------------------------------ the walk

/// Runs cases against a world and collects every mismatch.
struct Walk<'w> {
    world: &'w World,
    cases: usize,
    failures: Vec<String>,
    /// Every case's recorder, leaked so that a late callback still lands in
    /// valid memory, and checked empty at the end: a second callback shows.
    recorders: Vec<(String, &'static Recorder)>,
}

impl Walk<'_> {
    fn clients(&self) -> [H; 2] {
        [self.world.alice.h, self.world.admin.h]
    }

    /// One case: `call` gets the recorder callback and its user_data.
    fn case(&mut self, func: &str, input: &str, expect: Expect, call: impl FnOnce(CommCallback, *const c_void) -> i64) {
        let rec: &'static Recorder = Box::leak(Box::default());
        let ret = call(Some(record), rec.ud());
        let wants_callback = ret == 0 && matches!(expect, Async(_) | Item(..));
        let got = || !rec.0.lock().unwrap().is_empty() || NULL_UD_REPLIES.with(|r| !r.borrow().is_empty());
        settle(&self.clients(), || !wants_callback || got());
        let mut replies = rec.take();
        NULL_UD_REPLIES.with(|r| replies.append(&mut r.borrow_mut()));
        self.judge(func, input, expect, ret, &replies);
        self.recorders.push((format!("{func}({input})"), rec));
    }

    /// A case of a function that calls nothing back: its value is compared.
    fn value(&mut self, func: &str, input: &str, expected: i64, actual: i64) {
        self.judge(func, input, Returns(expected), actual, &[]);
    }

    fn judge(&mut self, func: &str, input: &str, expect: Expect, ret: i64, replies: &[Reply]) {
        self.cases += 1;
        let first = replies.first();
        let ok = match expect {
            Returns(v) => ret == v && replies.is_empty(),
            Async(code) => ret == 0 && replies.len() == 1 && first.unwrap().code == code,
            Item(key, code) => ret == 0 && replies.len() == 1 && first.unwrap().code == 0 && item_code(&first.unwrap().json, key) == Some(code),
        };
        let faults: Vec<&str> = replies.iter().flat_map(|r| r.faults.iter().copied()).collect();
        let notes = std::mem::take(&mut *self.world.notes.borrow_mut());
        if !ok || !faults.is_empty() || !notes.is_empty() {
            let got: Vec<String> = replies
                .iter()
                .map(|r| match expect {
                    Item(key, _) => format!("{} (first {key}: {:?})", r.code, item_code(&r.json, key)),
                    _ => r.code.to_string(),
                })
                .collect();
            self.failures.push(format!("{func}({input}): expected {expect:?}, got return {ret} and callbacks {got:?} {faults:?} {notes:?}"));
        }
    }

    /// Checks that no callback came late or twice, then fails with every mismatch.
    fn finish(mut self) {
        settle(&self.clients(), || true);
        for (case, rec) in &self.recorders {
            let late = rec.take();
            if !late.is_empty() {
                self.failures.push(format!("{case}: {} callback(s) after the case was judged", late.len()));
            }
        }
        let tag = self.world.tag;
        eprintln!("bad_input {tag}: {} cases, {} failed", self.cases, self.failures.len());
        assert!(self.failures.is_empty(), "{tag}: {} of {} cases broke the contract:\n{}", self.failures.len(), self.cases, self.failures.join("\n"));
    }
}

/// `key` of the first item of a JSON array.
fn item_code(json: &Value, key: &str) -> Option<i32> {
    json.get(0)?.get(key)?.as_i64().map(|v| v as i32)
}

// ------------------------------------------------------------ JSON arguments

/// What a field holds, and what the well-typed hostile values there give;
/// wrong types, NULL-like `null` and absence are the `Field`'s own.
#[derive(Clone, Copy)]
enum Ty {
    /// A string: a 10 MB value, one with NUL (`"a\u0000b"`), ones with control characters.
    Str { big: Expect, nul: Expect, ctrl: Expect },
    /// An integer: -1, 2^63 and 2^64-1 (1.5 and strings are wrong types, 1e400 out of range).
    Int { neg: Expect, big63: Expect, max64: Expect },
    Bool,
    Arr,
    Obj,
}

/// A field of a valid document, named by its JSON pointer.
struct Field {
    ptr: &'static str,
    ty: Ty,
    /// A value of another JSON type.
    wrong: Expect,
    /// `null`: an optional key reads it as absent (header silent).
    null: Expect,
    /// The key removed (not for array items).
    absent: Expect,
}

fn field(ptr: &'static str, ty: Ty) -> Field {
    Field { ptr, ty, wrong: PARAM, null: PARAM, absent: PARAM }
}

impl Field {
    /// An optional key: absent and `null` give `e`.
    fn optional(self, e: Expect) -> Field {
        Field { null: e, absent: e, ..self }
    }

    fn absent(self, e: Expect) -> Field {
        Field { absent: e, ..self }
    }

    /// Every other type, `null` and absence give `e` (a value the engine checks).
    fn wrong(self, e: Expect) -> Field {
        Field { wrong: e, null: e, absent: e, ..self }
    }
}

/// A group ID field of any call but creation (see GROUP_IDS).
// See GROUP_IDS.
fn gid() -> Ty {
    Ty::Str { big: Async(10015), nul: Async(10015), ctrl: Async(10015) }
}

/// A user ID field: 10004, invalid parameters (header silent; validate::user_id).
fn uid() -> Ty {
    Ty::Str { big: Async(10004), nul: Async(10004), ctrl: Async(10004) }
}

/// Text with a byte limit: too long is `limit`, NUL and control characters are text.
fn text(limit: i32) -> Ty {
    Ty::Str { big: Async(limit), nul: Async(0), ctrl: Async(0) }
}

/// A string every value of which gives `e`.
fn any_str(e: Expect) -> Ty {
    Ty::Str { big: e, nul: e, ctrl: e }
}

/// An integer field whose -1, 2^63 and 2^64-1 are all refused (enums, u32, i32).
fn small_int() -> Ty {
    Ty::Int { neg: PARAM, big63: PARAM, max64: PARAM }
}

/// A u64 field: -1 is refused, 2^63 and 2^64-1 are numbers like any other.
fn u64_int(huge: Expect) -> Ty {
    Ty::Int { neg: PARAM, big63: huge, max64: huge }
}

/// A string the splice points replace: every case is the valid document with
/// this string swapped for raw bytes, so that 10 MB values and invalid UTF-8
/// never go through a JSON serializer.
const MARK: &str = "\u{1}hostile\u{1}";

fn splice(doc: &Value, raw: &[u8]) -> Vec<u8> {
    let text = doc.to_string();
    let mark = Value::from(MARK).to_string();
    let at = text.find(&mark).expect("the document holds the mark");
    let text = text.as_bytes();
    [&text[..at], raw, &text[at + mark.len()..]].concat()
}

fn marked(doc: &Value, ptr: &str) -> Value {
    let mut doc = doc.clone();
    *doc.pointer_mut(ptr).unwrap_or_else(|| panic!("{ptr} is not in the valid document")) = Value::from(MARK);
    doc
}

fn without(doc: &Value, ptr: &str) -> Value {
    let (parent, key) = ptr.rsplit_once('/').unwrap();
    let mut doc = doc.clone();
    doc.pointer_mut(parent).and_then(Value::as_object_mut).unwrap().remove(key);
    doc
}

type JsonCall<'a> = Box<dyn Fn(*const c_char, CommCallback, *const c_void) -> i64 + 'a>;

/// A JSON argument of one function: its valid document, what that gives, and
/// its fields. Every hostile whole-argument input goes to it, and every
/// hostile value of its type to each field.
struct JsonArg<'a> {
    func: &'static str,
    call: JsonCall<'a>,
    /// The argument NULL.
    null: Expect,
    /// Whether `""` and `null` mean what NULL means (Tencent's wrappers send
    /// them for "none"), rather than bad JSON and a document of another kind.
    empty_is_null: bool,
    valid: Value,
    ok: Expect,
    fields: Vec<Field>,
    /// Documents of their own: (label, document with MARK, raw value for MARK, expected).
    extra: Vec<(&'static str, Value, Vec<u8>, Expect)>,
}

fn json_arg<'a>(func: &'static str, valid: Value, ok: Expect, call: impl Fn(*const c_char, CommCallback, *const c_void) -> i64 + 'a) -> JsonArg<'a> {
    JsonArg { func, call: Box::new(call), null: PARAM, empty_is_null: false, valid, ok, fields: Vec::new(), extra: Vec::new() }
}

impl<'a> JsonArg<'a> {
    fn null(self, e: Expect) -> Self {
        JsonArg { null: e, ..self }
    }

    fn empty_is_null(self) -> Self {
        JsonArg { empty_is_null: true, ..self }
    }

    fn fields(self, fields: Vec<Field>) -> Self {
        JsonArg { fields, ..self }
    }

    /// A document of its own: `doc` with `raw` in place of MARK.
    fn extra(mut self, label: &'static str, doc: Value, raw: &[u8], e: Expect) -> Self {
        self.extra.push((label, doc, raw.to_vec(), e));
        self
    }

    fn walk(&self, walk: &mut Walk) {
        let run = |walk: &mut Walk, input: &str, doc: &[u8], e: Expect| {
            let text = CString::new(doc).expect("hostile JSON holds no raw NUL");
            walk.case(self.func, input, e, |cb, ud| (self.call)(text.as_ptr(), cb, ud));
        };
        walk.case(self.func, "NULL", self.null, |cb, ud| (self.call)(null(), cb, ud));
        let array = self.valid.is_array();
        let wrong_container: &[u8] = if array { b"{}" } else { b"[]" };
        let (empty, json_null) = if self.empty_is_null { (self.null, self.null) } else { (JSON, PARAM) };
        let whole: [(&str, Vec<u8>, Expect); 13] = [
            ("the valid document", self.valid.to_string().into_bytes(), self.ok),
            ("invalid UTF-8", b"\xff\xfe{}".to_vec(), JSON),
            ("\"\"", Vec::new(), empty),
            ("truncated JSON", b"{\"a\":".to_vec(), JSON),
            ("a 10 MB JSON string", big_json().to_vec(), PARAM),
            ("10 MB, then invalid UTF-8", [big_json(), b"\xff"].concat(), JSON),
            ("10,000-deep arrays", deep_arrays(), TOO_DEEP),
            ("10,000-deep objects", deep_objects(), TOO_DEEP),
            ("1", b"1".to_vec(), PARAM),
            ("null", b"null".to_vec(), json_null),
            ("true", b"true".to_vec(), PARAM),
            ("\"s\"", b"\"s\"".to_vec(), PARAM),
            (if array { "{}" } else { "[]" }, wrong_container.to_vec(), PARAM),
        ];
        for (input, doc, e) in &whole {
            run(walk, input, doc, *e);
        }
        if let Some(object) = self.valid.as_object() {
            // Unknown keys are ignored, whatever they hold; a real key in
            // other case is unknown too (its wrong type would show).
            let mut unknown = self.valid.clone();
            let shouting = object.keys().next().unwrap().to_uppercase();
            let map = unknown.as_object_mut().unwrap();
            map.insert("bad_unknown_key".into(), json!({"nested": [1, "x", null, {"y": [true]}], "id": "a\u{0}b"}));
            map.insert(shouting, json!(1));
            map.insert("bad_unknown_value".into(), Value::from(MARK));
            run(walk, "unknown keys", &splice(&unknown, b"-1.5e3"), self.ok);
            run(walk, "a 10 MB unknown key", &splice(&unknown, big_json()), self.ok);
            run(walk, "10,000-deep unknown key", &splice(&unknown, &deep_arrays()), TOO_DEEP);
        }
        for f in &self.fields {
            let doc = marked(&self.valid, f.ptr);
            let values: Vec<(&str, &[u8], Expect)> = match f.ty {
                Ty::Str { big, nul, ctrl } => vec![
                    ("1", &b"1"[..], f.wrong),
                    ("[]", &b"[]"[..], f.wrong),
                    ("{}", &b"{}"[..], f.wrong),
                    ("true", &b"true"[..], f.wrong),
                    ("invalid UTF-8", &b"\"bad-\xff\""[..], JSON),
                    ("10 MB", big_json(), big),
                    ("\"a\\u0000b\"", &b"\"a\\u0000b\""[..], nul),
                    ("\"a\\u0001b\"", &b"\"a\\u0001b\""[..], ctrl),
                    ("\"\\n\"", &b"\"\\n\""[..], ctrl),
                ],
                Ty::Int { neg, big63, max64 } => vec![
                    ("\"1\"", &b"\"1\""[..], f.wrong),
                    ("[]", &b"[]"[..], f.wrong),
                    ("{}", &b"{}"[..], f.wrong),
                    ("true", &b"true"[..], f.wrong),
                    ("1.5", &b"1.5"[..], f.wrong),
                    ("-1", &b"-1"[..], neg),
                    ("2^63", &b"9223372036854775808"[..], big63),
                    ("2^64-1", &b"18446744073709551615"[..], max64),
                    ("1e400", &b"1e400"[..], OUT_OF_RANGE),
                ],
                Ty::Bool => vec![("1", &b"1"[..], f.wrong), ("\"true\"", &b"\"true\""[..], f.wrong), ("[]", &b"[]"[..], f.wrong), ("{}", &b"{}"[..], f.wrong)],
                Ty::Arr => vec![("{}", &b"{}"[..], f.wrong), ("\"x\"", &b"\"x\""[..], f.wrong), ("1", &b"1"[..], f.wrong), ("true", &b"true"[..], f.wrong)],
                Ty::Obj => vec![("[]", &b"[]"[..], f.wrong), ("\"x\"", &b"\"x\""[..], f.wrong), ("1", &b"1"[..], f.wrong), ("true", &b"true"[..], f.wrong)],
            };
            for (label, raw, e) in values.into_iter().chain([("null", &b"null"[..], f.null)]) {
                run(walk, &format!("{} = {label}", f.ptr), &splice(&doc, raw), e);
            }
            let is_item = f.ptr.rsplit('/').next().is_some_and(|k| k.parse::<usize>().is_ok());
            if !is_item {
                run(walk, &format!("{} absent", f.ptr), without(&self.valid, f.ptr).to_string().as_bytes(), f.absent);
            }
        }
        for (label, doc, raw, e) in &self.extra {
            run(walk, label, &splice(doc, raw), *e);
        }
    }
}

// ------------------------------------------------------------ tests

/// Every function huddle.h declares has cases here: its name appears quoted
/// (as the cases' labels name it) in this file. A function added to the
/// header fails this test until it is walked.
#[test]
fn every_function_of_the_header_is_walked() {
    let header = include_str!("../include/huddle.h");
    let source = include_str!("bad_input.rs");
    let functions: Vec<&str> = header
        .split("HUDDLE_API")
        .skip(1)
        .filter_map(|decl| decl.split('(').next()?.split_whitespace().last())
        .map(|name| name.trim_start_matches('*'))
        .filter(|name| name.starts_with("Huddle"))
        .collect();
    assert!(functions.len() >= 54, "found only {} functions in huddle.h", functions.len());
    let missing: Vec<&&str> = functions.iter().filter(|f| !source.contains(&format!("\"{f}\""))).collect();
    assert!(missing.is_empty(), "functions of huddle.h with no case in bad_input.rs: {missing:?}");
}

/// Every function that takes a client handle, with a NULL handle, a destroyed
/// one, a made-up address and the address of a local buffer (as if from
/// another process's memory): -1, nothing called back, nothing dereferenced.
/// Then on a client that is not logged in (-2 where a login is needed), and
/// on a logged-in one with a NULL callback and with a NULL user_data.
#[test]
fn client_handles() {
    let w = World::new("handles");
    let mut walk = w.walk();
    let h = w.h();
    let nope_id = format!("{}-nope", w.g);
    let (nope_group, bob, cg, nope) = (c(&nope_id), c(&w.bob), c(&w.cg), c("bad-handles-nope"));
    let (text, empty_object, empty_array) = (c(r#"{"message_elem_array":[{"elem_type":0,"text_elem_content":"hi"}]}"#), c("{}"), c("[]"));
    let create = c(r#"{"create_group_param_group_name":"bad"}"#);
    let seq = c(r#"{"message_seq":9223372036854775808}"#);
    let doc = |v: Value| c(&v.to_string());
    let invite = doc(json!({"group_invite_member_param_group_id": nope_id, "group_invite_member_param_identifier_array": [w.bob]}));
    let kick = doc(json!({"group_delete_member_param_group_id": nope_id, "group_delete_member_param_identifier_array": [w.bob]}));
    let infos = doc(json!([nope_id]));
    let modify = doc(json!({"group_modify_info_param_group_id": nope_id, "group_modify_info_param_modify_flag": 1, "group_modify_info_param_group_name": "x"}));
    let members = doc(json!({"group_get_members_info_list_param_group_id": nope_id}));
    let member = doc(json!({"group_modify_member_info_group_id": nope_id, "group_modify_member_info_identifier": w.bob, "group_modify_member_info_modify_flag": 8, "group_modify_member_info_name_card": "x"}));
    let pendency = doc(json!({"group_handle_pendency_param_pendency": {"group_pendency_group_id": nope_id, "group_pendency_form_identifier": w.bob}}));
    let allowlist = doc(json!({"group_mute_allowlist_param_group_id": nope_id, "group_mute_allowlist_param_identifier_array": [w.bob], "group_mute_allowlist_param_is_add": true}));
    let no_profiles = doc(json!({"friendship_getprofilelist_param_identifier_array": []}));
    let delete = doc(json!({"msg_delete_param_msg": {"message_seq": 9223372036854775808u64}}));
    let whole = doc(json!({"message_conv_id": w.bob, "message_conv_type": 1, "message_seq": 9223372036854775808u64}));
    let topic = doc(json!({"group_topic_info_topic_name": "t"}));
    let set_topic = doc(json!({"group_topic_info_topic_id": format!("{nope_id}@TOPIC#_t"), "group_topic_info_topic_name": "t", "group_modify_info_param_modify_flag": 1}));
    let search = doc(json!({"group_search_params_keyword_list": ["bad"]}));
    let search_members = doc(json!({"group_search_member_params_keyword_list": ["bad"], "group_search_member_params_field_list": [1]}));
    let marked = doc(json!([w.bob]));
    let nope_msg_json = json!({"message_conv_id": nope_id, "message_conv_type": 2, "message_msg_id": "nope"});
    let (nope_msg, nope_msgs) = (doc(nope_msg_json.clone()), doc(json!([nope_msg_json])));
    let (extension, reaction) = (doc(json!([{"message_extension_key": "k", "message_extension_value": "v"}])), c("r"));
    let no_file = doc(json!({"msg_download_elem_param_id": "0".repeat(64)}));
    let merged = doc(json!({"message_elem_array": [{"elem_type": 12, "merge_elem_relay_json_key": "0".repeat(64)}]}));
    let mut user = [0 as c_char; 64];
    let user_ptr = user.as_mut_ptr();

    /// How a function answers a handle.
    enum Kind {
        /// Needs a login: -1 for a bad handle, -2 logged out, `ok` with
        /// harmless arguments on alice.
        Call(Expect),
        /// Login, Logout: -1 for a bad handle, `ok` on a fresh client.
        Session(Expect),
        /// Returns a value and calls nothing back: for a bad handle, logged
        /// out, and on alice (None: not run on alice).
        Answer(i64, i64, Option<i64>),
        /// Returns nothing; the closure sets its listener when given a
        /// callback, NULL otherwise.
        Void,
    }
    use Kind::*;
    type Row<'a> = (&'static str, Kind, Box<dyn Fn(H, CommCallback, *const c_void) -> i64 + 'a>);
    fn row<'a>(func: &'static str, kind: Kind, call: impl Fn(H, CommCallback, *const c_void) -> i64 + 'a) -> Row<'a> {
        (func, kind, Box::new(call))
    }
    let rows: Vec<Row> = vec![
        row("HuddleUninit", Answer(-1, 0, None), |h, _, _| unsafe { HuddleUninit(h) } as i64),
        row("HuddleLogin", Session(Async(0)), |h, cb, ud| unsafe { HuddleLogin(h, bob.as_ptr(), null(), cb, ud) } as i64),
        row("HuddleLogout", Session(Async(0)), |h, cb, ud| unsafe { HuddleLogout(h, cb, ud) } as i64),
        row("HuddleGetLoginUserID", Answer(-1, -2, Some(0)), |h, _, _| unsafe { HuddleGetLoginUserID(h, user_ptr, 64) } as i64),
        row("HuddleGetLoginStatus", Answer(-1, 3, Some(1)), |h, _, _| unsafe { HuddleGetLoginStatus(h) } as i64),
        row("HuddlePoll", Answer(-1, 0, Some(0)), |h, _, _| unsafe { HuddlePoll(h, u32::MAX) } as i64),
        // 0 for an unknown handle, else the clock: compared as min(time, 1).
        row("HuddleGetServerTime", Answer(0, 1, Some(1)), |h, _, _| unsafe { HuddleGetServerTime(h) }.min(1) as i64),
        row("HuddleSetWakeCallback", Void, |h, cb, _| {
            unsafe { HuddleSetWakeCallback(h, cb.and(NOTICE_LISTENER), null()) };
            0
        }),
        row("HuddleSetNetworkStatusListenerCallback", Void, |h, cb, _| {
            unsafe { HuddleSetNetworkStatusListenerCallback(h, cb.and(NETWORK_LISTENER), null()) };
            0
        }),
        row("HuddleSetKickedOfflineCallback", Void, |h, cb, _| {
            unsafe { HuddleSetKickedOfflineCallback(h, cb.and(NOTICE_LISTENER), null()) };
            0
        }),
        row("HuddleSetUserSigExpiredCallback", Void, |h, cb, _| {
            unsafe { HuddleSetUserSigExpiredCallback(h, cb.and(NOTICE_LISTENER), null()) };
            0
        }),
        row("HuddleSetGroupTipsEventCallback", Void, |h, cb, _| {
            unsafe { HuddleSetGroupTipsEventCallback(h, cb.and(JSON_LISTENER), null()) };
            0
        }),
        row("HuddleAddRecvNewMsgCallback", Void, |h, cb, _| {
            unsafe { HuddleAddRecvNewMsgCallback(h, cb.and(JSON_LISTENER), null()) };
            0
        }),
        row("HuddleRemoveRecvNewMsgCallback", Void, |h, cb, _| {
            unsafe { HuddleRemoveRecvNewMsgCallback(h, cb.and(JSON_LISTENER)) };
            0
        }),
        row("HuddleSetMsgRevokeCallback", Void, |h, cb, _| {
            unsafe { HuddleSetMsgRevokeCallback(h, cb.and(JSON_LISTENER), null()) };
            0
        }),
        row("HuddleSetConvEventCallback", Void, |h, cb, _| {
            unsafe { HuddleSetConvEventCallback(h, cb.and(KIND_LISTENER), null()) };
            0
        }),
        row("HuddleSetConvGroupEventCallback", Void, |h, cb, _| {
            unsafe { HuddleSetConvGroupEventCallback(h, cb.and(KIND_LISTENER), null()) };
            0
        }),
        row("HuddleSetConvConversationGroupCreatedCallback", Void, |h, cb, _| {
            unsafe { HuddleSetConvConversationGroupCreatedCallback(h, cb.and(TWO_STR_LISTENER), null()) };
            0
        }),
        row("HuddleSetConvConversationGroupDeletedCallback", Void, |h, cb, _| {
            unsafe { HuddleSetConvConversationGroupDeletedCallback(h, cb.and(JSON_LISTENER), null()) };
            0
        }),
        row("HuddleSetConvConversationGroupNameChangedCallback", Void, |h, cb, _| {
            unsafe { HuddleSetConvConversationGroupNameChangedCallback(h, cb.and(TWO_STR_LISTENER), null()) };
            0
        }),
        row("HuddleSetConvConversationsAddedToGroupCallback", Void, |h, cb, _| {
            unsafe { HuddleSetConvConversationsAddedToGroupCallback(h, cb.and(TWO_STR_LISTENER), null()) };
            0
        }),
        row("HuddleSetConvConversationsDeletedFromGroupCallback", Void, |h, cb, _| {
            unsafe { HuddleSetConvConversationsDeletedFromGroupCallback(h, cb.and(REMOVED_LISTENER), null()) };
            0
        }),
        row("HuddleGroupCreate", Call(Async(0)), |h, cb, ud| unsafe { HuddleGroupCreate(h, create.as_ptr(), cb, ud) } as i64),
        row("HuddleGroupDelete", Call(Async(10010)), |h, cb, ud| unsafe { HuddleGroupDelete(h, nope_group.as_ptr(), cb, ud) } as i64),
        row("HuddleGroupJoin", Call(Async(10010)), |h, cb, ud| unsafe { HuddleGroupJoin(h, nope_group.as_ptr(), null(), cb, ud) } as i64),
        row("HuddleGroupQuit", Call(Async(10010)), |h, cb, ud| unsafe { HuddleGroupQuit(h, nope_group.as_ptr(), cb, ud) } as i64),
        row("HuddleGroupInviteMember", Call(Async(10010)), |h, cb, ud| unsafe { HuddleGroupInviteMember(h, invite.as_ptr(), cb, ud) } as i64),
        row("HuddleGroupDeleteMember", Call(Async(10010)), |h, cb, ud| unsafe { HuddleGroupDeleteMember(h, kick.as_ptr(), cb, ud) } as i64),
        row("HuddleGroupGetJoinedGroupList", Call(Async(0)), |h, cb, ud| unsafe { HuddleGroupGetJoinedGroupList(h, cb, ud) } as i64),
        row("HuddleGroupGetGroupInfoList", Call(Item(INFO_CODE, 10010)), |h, cb, ud| unsafe { HuddleGroupGetGroupInfoList(h, infos.as_ptr(), cb, ud) } as i64),
        row("HuddleGroupModifyGroupInfo", Call(Async(10010)), |h, cb, ud| unsafe { HuddleGroupModifyGroupInfo(h, modify.as_ptr(), cb, ud) } as i64),
        row("HuddleGroupGetMemberInfoList", Call(Async(10010)), |h, cb, ud| unsafe { HuddleGroupGetMemberInfoList(h, members.as_ptr(), cb, ud) } as i64),
        row("HuddleGroupModifyMemberInfo", Call(Async(10010)), |h, cb, ud| unsafe { HuddleGroupModifyMemberInfo(h, member.as_ptr(), cb, ud) } as i64),
        row("HuddleGroupGetPendencyList", Call(Async(0)), |h, cb, ud| unsafe { HuddleGroupGetPendencyList(h, empty_object.as_ptr(), cb, ud) } as i64),
        row("HuddleGroupHandlePendency", Call(Async(10010)), |h, cb, ud| unsafe { HuddleGroupHandlePendency(h, pendency.as_ptr(), cb, ud) } as i64),
        row("HuddleGroupReportPendencyReaded", Call(Async(0)), |h, cb, ud| unsafe { HuddleGroupReportPendencyReaded(h, 0, cb, ud) } as i64),
        row("HuddleGroupModifyMuteAllowlist", Call(Async(10010)), |h, cb, ud| unsafe { HuddleGroupModifyMuteAllowlist(h, allowlist.as_ptr(), cb, ud) } as i64),
        row("HuddleProfileModifySelfUserProfile", Call(Async(0)), |h, cb, ud| unsafe { HuddleProfileModifySelfUserProfile(h, empty_object.as_ptr(), cb, ud) } as i64),
        row("HuddleProfileGetUserProfileList", Call(Async(40002)), |h, cb, ud| unsafe { HuddleProfileGetUserProfileList(h, no_profiles.as_ptr(), cb, ud) } as i64),
        row("HuddleGroupGetMuteAllowlist", Call(Async(10010)), |h, cb, ud| unsafe { HuddleGroupGetMuteAllowlist(h, nope_group.as_ptr(), cb, ud) } as i64),
        row("HuddleGroupGetOnlineMemberCount", Call(Async(10010)), |h, cb, ud| unsafe { HuddleGroupGetOnlineMemberCount(h, nope_group.as_ptr(), cb, ud) } as i64),
        // Alice is no app admin.
        row("HuddleAdminGetUserGroupList", Call(Async(10007)), |h, cb, ud| unsafe { HuddleAdminGetUserGroupList(h, bob.as_ptr(), cb, ud) } as i64),
        row("HuddleAdminGetGroupMemberIDList", Call(Async(10007)), |h, cb, ud| unsafe { HuddleAdminGetGroupMemberIDList(h, nope_group.as_ptr(), cb, ud) } as i64),
        row("HuddleMsgSendMessage", Call(Async(0)), |h, cb, ud| unsafe { HuddleMsgSendMessage(h, bob.as_ptr(), 1, text.as_ptr(), null_mut(), cb, ud) } as i64),
        row("HuddleMsgGetMsgList", Call(Async(0)), |h, cb, ud| unsafe { HuddleMsgGetMsgList(h, bob.as_ptr(), 1, null(), cb, ud) } as i64),
        row("HuddleMsgRevoke", Call(Async(10030)), |h, cb, ud| unsafe { HuddleMsgRevoke(h, bob.as_ptr(), 1, seq.as_ptr(), cb, ud) } as i64),
        row("HuddleMsgReportReaded", Call(Async(0)), |h, cb, ud| unsafe { HuddleMsgReportReaded(h, bob.as_ptr(), 1, null(), cb, ud) } as i64),
        row("HuddleConvGetConvList", Call(Async(0)), |h, cb, ud| unsafe { HuddleConvGetConvList(h, cb, ud) } as i64),
        row("HuddleConvGetConversationListByFilter", Call(Async(0)), |h, cb, ud| unsafe { HuddleConvGetConversationListByFilter(h, empty_object.as_ptr(), cb, ud) } as i64),
        row("HuddleConvDelete", Call(Async(6004)), |h, cb, ud| unsafe { HuddleConvDelete(h, nope.as_ptr(), 1, cb, ud) } as i64),
        row("HuddleConvPinConversation", Call(Async(6004)), |h, cb, ud| unsafe { HuddleConvPinConversation(h, nope.as_ptr(), 1, true, cb, ud) } as i64),
        // No callback (as Tencent's): accepted, and nothing comes.
        row("HuddleConvSetDraft", Answer(-1, -2, Some(0)), |h, _, _| unsafe { HuddleConvSetDraft(h, nope.as_ptr(), 1, empty_object.as_ptr()) } as i64),
        row("HuddleConvCancelDraft", Answer(-1, -2, Some(0)), |h, _, _| unsafe { HuddleConvCancelDraft(h, nope.as_ptr(), 1) } as i64),
        row("HuddleConvGetTotalUnreadMessageCount", Call(Async(0)), |h, cb, ud| unsafe { HuddleConvGetTotalUnreadMessageCount(h, cb, ud) } as i64),
        // A name in use: 6017, and nothing is created.
        row("HuddleConvCreateConversationGroup", Call(Async(6017)), |h, cb, ud| unsafe { HuddleConvCreateConversationGroup(h, cg.as_ptr(), empty_array.as_ptr(), cb, ud) } as i64),
        row("HuddleConvGetConversationGroupList", Call(Async(0)), |h, cb, ud| unsafe { HuddleConvGetConversationGroupList(h, cb, ud) } as i64),
        row("HuddleConvDeleteConversationGroup", Call(Async(51009)), |h, cb, ud| unsafe { HuddleConvDeleteConversationGroup(h, nope.as_ptr(), cb, ud) } as i64),
        row("HuddleConvRenameConversationGroup", Call(Async(51009)), |h, cb, ud| unsafe { HuddleConvRenameConversationGroup(h, nope.as_ptr(), nope.as_ptr(), cb, ud) } as i64),
        row("HuddleConvAddConversationsToGroup", Call(Async(51009)), |h, cb, ud| unsafe { HuddleConvAddConversationsToGroup(h, nope.as_ptr(), empty_array.as_ptr(), cb, ud) } as i64),
        row("HuddleConvDeleteConversationsFromGroup", Call(Async(51009)), |h, cb, ud| unsafe {
            HuddleConvDeleteConversationsFromGroup(h, nope.as_ptr(), empty_array.as_ptr(), cb, ud)
        } as i64),
        // Receive options and the newer conversation functions.
        row("HuddleMsgSetC2CReceiveMessageOpt", Call(Async(6017)), |h, cb, ud| unsafe { HuddleMsgSetC2CReceiveMessageOpt(h, empty_array.as_ptr(), 0, cb, ud) } as i64),
        row("HuddleMsgGetC2CReceiveMessageOpt", Call(Async(0)), |h, cb, ud| unsafe { HuddleMsgGetC2CReceiveMessageOpt(h, empty_array.as_ptr(), cb, ud) } as i64),
        row("HuddleMsgSetGroupReceiveMessageOpt", Call(Async(10010)), |h, cb, ud| unsafe { HuddleMsgSetGroupReceiveMessageOpt(h, nope_group.as_ptr(), 1, cb, ud) } as i64),
        row("HuddleMsgSetAllReceiveMessageOpt", Call(Async(0)), |h, cb, ud| unsafe { HuddleMsgSetAllReceiveMessageOpt(h, 0, 0, 0, 0, 0, cb, ud) } as i64),
        row("HuddleMsgSetAllReceiveMessageOpt2", Call(Async(0)), |h, cb, ud| unsafe { HuddleMsgSetAllReceiveMessageOpt2(h, 0, 0, 0, cb, ud) } as i64),
        row("HuddleMsgGetAllReceiveMessageOpt", Call(Async(0)), |h, cb, ud| unsafe { HuddleMsgGetAllReceiveMessageOpt(h, cb, ud) } as i64),
        row("HuddleSetMsgAllMessageReceiveOptionCallback", Void, |h, cb, _| {
            unsafe { HuddleSetMsgAllMessageReceiveOptionCallback(h, cb.and(JSON_LISTENER), null()) };
            0
        }),
        row("HuddleConvGetConvInfo", Call(Async(0)), |h, cb, ud| unsafe { HuddleConvGetConvInfo(h, empty_array.as_ptr(), cb, ud) } as i64),
        row("HuddleConvDeleteConversationList", Call(Async(6017)), |h, cb, ud| unsafe { HuddleConvDeleteConversationList(h, empty_array.as_ptr(), true, cb, ud) } as i64),
        row("HuddleConvSetConversationCustomData", Call(Async(6017)), |h, cb, ud| unsafe {
            HuddleConvSetConversationCustomData(h, empty_array.as_ptr(), empty_object.as_ptr(), cb, ud)
        } as i64),
        row("HuddleConvMarkConversation", Call(Async(6017)), |h, cb, ud| unsafe { HuddleConvMarkConversation(h, empty_array.as_ptr(), 1, true, cb, ud) } as i64),
        row("HuddleConvGetUnreadMessageCountByFilter", Call(Async(0)), |h, cb, ud| unsafe { HuddleConvGetUnreadMessageCountByFilter(h, empty_object.as_ptr(), cb, ud) } as i64),
        // No callback (as Tencent's).
        row("HuddleConvSubscribeUnreadMessageCountByFilter", Answer(-1, -2, Some(0)), |h, _, _| unsafe { HuddleConvSubscribeUnreadMessageCountByFilter(h, empty_object.as_ptr()) } as i64),
        row("HuddleConvUnsubscribeUnreadMessageCountByFilter", Answer(-1, -2, Some(0)), |h, _, _| unsafe { HuddleConvUnsubscribeUnreadMessageCountByFilter(h, empty_object.as_ptr()) } as i64),
        row("HuddleConvCleanConversationUnreadMessageCount", Call(Async(6004)), |h, cb, ud| unsafe {
            HuddleConvCleanConversationUnreadMessageCount(h, nope.as_ptr(), 0, 0, cb, ud)
        } as i64),
        row("HuddleSetConvTotalUnreadMessageCountChangedCallback", Void, |h, cb, _| {
            unsafe { HuddleSetConvTotalUnreadMessageCountChangedCallback(h, cb.and(COUNT_LISTENER), null()) };
            0
        }),
        row("HuddleSetConvUnreadMessageCountChangedByFilterCallback", Void, |h, cb, _| {
            unsafe { HuddleSetConvUnreadMessageCountChangedByFilterCallback(h, cb.and(FILTER_COUNT_LISTENER), null()) };
            0
        }),
        // Group attributes and counters of a group that is not there.
        row("HuddleGroupInitGroupAttributes", Call(Async(10010)), |h, cb, ud| unsafe { HuddleGroupInitGroupAttributes(h, nope_group.as_ptr(), empty_array.as_ptr(), cb, ud) } as i64),
        row("HuddleGroupSetGroupAttributes", Call(Async(10010)), |h, cb, ud| unsafe { HuddleGroupSetGroupAttributes(h, nope_group.as_ptr(), empty_array.as_ptr(), cb, ud) } as i64),
        row("HuddleGroupDeleteGroupAttributes", Call(Async(10010)), |h, cb, ud| unsafe { HuddleGroupDeleteGroupAttributes(h, nope_group.as_ptr(), empty_array.as_ptr(), cb, ud) } as i64),
        row("HuddleGroupGetGroupAttributes", Call(Async(10010)), |h, cb, ud| unsafe { HuddleGroupGetGroupAttributes(h, nope_group.as_ptr(), null(), cb, ud) } as i64),
        row("HuddleGroupSetGroupCounters", Call(Async(10010)), |h, cb, ud| unsafe { HuddleGroupSetGroupCounters(h, nope_group.as_ptr(), empty_array.as_ptr(), cb, ud) } as i64),
        row("HuddleGroupGetGroupCounters", Call(Async(10010)), |h, cb, ud| unsafe { HuddleGroupGetGroupCounters(h, nope_group.as_ptr(), null(), cb, ud) } as i64),
        row("HuddleGroupIncreaseGroupCounter", Call(Async(10010)), |h, cb, ud| unsafe { HuddleGroupIncreaseGroupCounter(h, nope_group.as_ptr(), nope.as_ptr(), 1, cb, ud) } as i64),
        row("HuddleGroupDecreaseGroupCounter", Call(Async(10010)), |h, cb, ud| unsafe { HuddleGroupDecreaseGroupCounter(h, nope_group.as_ptr(), nope.as_ptr(), 1, cb, ud) } as i64),
        row("HuddleSetGroupAttributeChangedCallback", Void, |h, cb, _| {
            unsafe { HuddleSetGroupAttributeChangedCallback(h, cb.and(TWO_STR_LISTENER), null()) };
            0
        }),
        row("HuddleSetGroupCounterChangedCallback", Void, |h, cb, _| {
            unsafe { HuddleSetGroupCounterChangedCallback(h, cb.and(COUNTER_LISTENER), null()) };
            0
        }),
        // Issue 13: messages that name nothing are 10030; empty lists 6017.
        row("HuddleMsgDelete", Call(Async(10030)), |h, cb, ud| unsafe { HuddleMsgDelete(h, bob.as_ptr(), 1, delete.as_ptr(), cb, ud) } as i64),
        row("HuddleMsgListDelete", Call(Async(6017)), |h, cb, ud| unsafe { HuddleMsgListDelete(h, bob.as_ptr(), 1, empty_array.as_ptr(), cb, ud) } as i64),
        row("HuddleMsgClearHistoryMessage", Call(Async(0)), |h, cb, ud| unsafe { HuddleMsgClearHistoryMessage(h, nope.as_ptr(), 1, cb, ud) } as i64),
        row("HuddleMsgModifyMessage", Call(Async(10030)), |h, cb, ud| unsafe { HuddleMsgModifyMessage(h, whole.as_ptr(), cb, ud) } as i64),
        row("HuddleSetMsgUpdateCallback", Void, |h, cb, _| {
            unsafe { HuddleSetMsgUpdateCallback(h, cb.and(JSON_LISTENER), null()) };
            0
        }),
        row("HuddleMsgFindMessages", Call(Async(0)), |h, cb, ud| unsafe { HuddleMsgFindMessages(h, empty_array.as_ptr(), cb, ud) } as i64),
        row("HuddleMsgFindByMsgLocatorList", Call(Async(0)), |h, cb, ud| unsafe { HuddleMsgFindByMsgLocatorList(h, bob.as_ptr(), 1, empty_array.as_ptr(), cb, ud) } as i64),
        row("HuddleMsgSetLocalCustomData", Call(Async(10030)), |h, cb, ud| unsafe { HuddleMsgSetLocalCustomData(h, whole.as_ptr(), cb, ud) } as i64),
        row("HuddleMsgSaveMsg", Call(Async(0)), |h, cb, ud| unsafe { HuddleMsgSaveMsg(h, nope.as_ptr(), 1, text.as_ptr(), cb, ud) } as i64),
        row("HuddleMsgImportMsgList", Call(Async(6017)), |h, cb, ud| unsafe { HuddleMsgImportMsgList(h, nope.as_ptr(), 1, empty_array.as_ptr(), cb, ud) } as i64),
        row("HuddleMsgSearchLocalMessages", Call(Async(6017)), |h, cb, ud| unsafe { HuddleMsgSearchLocalMessages(h, empty_object.as_ptr(), cb, ud) } as i64),
        row("HuddleMsgMarkAllMessageAsRead", Call(Async(0)), |h, cb, ud| unsafe { HuddleMsgMarkAllMessageAsRead(h, cb, ud) } as i64),
        // Community topics, search and marks: an unknown community is 10010.
        row("HuddleGroupGetJoinedCommunityList", Call(Async(0)), |h, cb, ud| unsafe { HuddleGroupGetJoinedCommunityList(h, cb, ud) } as i64),
        row("HuddleGroupCreateTopicInCommunity", Call(Async(10010)), |h, cb, ud| unsafe { HuddleGroupCreateTopicInCommunity(h, nope_group.as_ptr(), topic.as_ptr(), cb, ud) } as i64),
        row("HuddleGroupDeleteTopicFromCommunity", Call(Async(10010)), |h, cb, ud| unsafe {
            HuddleGroupDeleteTopicFromCommunity(h, nope_group.as_ptr(), empty_array.as_ptr(), cb, ud)
        } as i64),
        row("HuddleGroupSetTopicInfo", Call(Async(10010)), |h, cb, ud| unsafe { HuddleGroupSetTopicInfo(h, set_topic.as_ptr(), cb, ud) } as i64),
        row("HuddleGroupGetTopicInfoList", Call(Async(10010)), |h, cb, ud| unsafe { HuddleGroupGetTopicInfoList(h, nope_group.as_ptr(), empty_array.as_ptr(), cb, ud) } as i64),
        row("HuddleGroupSearchGroups", Call(Async(0)), |h, cb, ud| unsafe { HuddleGroupSearchGroups(h, search.as_ptr(), cb, ud) } as i64),
        row("HuddleGroupSearchGroupMembers", Call(Async(0)), |h, cb, ud| unsafe { HuddleGroupSearchGroupMembers(h, search_members.as_ptr(), cb, ud) } as i64),
        row("HuddleGroupMarkGroupMemberList", Call(Async(10010)), |h, cb, ud| unsafe { HuddleGroupMarkGroupMemberList(h, nope_group.as_ptr(), marked.as_ptr(), 1000, true, cb, ud) } as i64),
        row("HuddleSetGroupTopicCreatedCallback", Void, |h, cb, _| {
            unsafe { HuddleSetGroupTopicCreatedCallback(h, cb.and(TWO_STR_LISTENER), null()) };
            0
        }),
        row("HuddleSetGroupTopicDeletedCallback", Void, |h, cb, _| {
            unsafe { HuddleSetGroupTopicDeletedCallback(h, cb.and(TWO_STR_LISTENER), null()) };
            0
        }),
        row("HuddleSetGroupTopicChangedCallback", Void, |h, cb, _| {
            unsafe { HuddleSetGroupTopicChangedCallback(h, cb.and(TWO_STR_LISTENER), null()) };
            0
        }),
        // Read receipts, extensions, reactions and pins, of a message of a group that is not there.
        row("HuddleMsgSendMessageReadReceipts", Call(Async(10010)), |h, cb, ud| unsafe { HuddleMsgSendMessageReadReceipts(h, nope_msgs.as_ptr(), cb, ud) } as i64),
        row("HuddleMsgGetMessageReadReceipts", Call(Async(10010)), |h, cb, ud| unsafe { HuddleMsgGetMessageReadReceipts(h, nope_msgs.as_ptr(), cb, ud) } as i64),
        // Tencent's callback of its own, with no code: run with none, the sync code counts.
        row("HuddleMsgGetGroupMessageReadMemberList", Answer(-1, -2, Some(0)), |h, _, _| unsafe {
            HuddleMsgGetGroupMessageReadMemberList(h, nope_msg.as_ptr(), 0, 0, 10, None, null())
        } as i64),
        row("HuddleSetMsgReadedReceiptCallback", Void, |h, cb, _| {
            unsafe { HuddleSetMsgReadedReceiptCallback(h, cb.and(JSON_LISTENER), null()) };
            0
        }),
        row("HuddleMsgSetMessageExtensions", Call(Async(10010)), |h, cb, ud| unsafe { HuddleMsgSetMessageExtensions(h, nope_msg.as_ptr(), extension.as_ptr(), cb, ud) } as i64),
        row("HuddleMsgGetMessageExtensions", Call(Async(10010)), |h, cb, ud| unsafe { HuddleMsgGetMessageExtensions(h, nope_msg.as_ptr(), cb, ud) } as i64),
        row("HuddleMsgDeleteMessageExtensions", Call(Async(10010)), |h, cb, ud| unsafe { HuddleMsgDeleteMessageExtensions(h, nope_msg.as_ptr(), null(), cb, ud) } as i64),
        row("HuddleSetMsgExtensionsChangedCallback", Void, |h, cb, _| {
            unsafe { HuddleSetMsgExtensionsChangedCallback(h, cb.and(TWO_STR_LISTENER), null()) };
            0
        }),
        row("HuddleSetMsgExtensionsDeletedCallback", Void, |h, cb, _| {
            unsafe { HuddleSetMsgExtensionsDeletedCallback(h, cb.and(TWO_STR_LISTENER), null()) };
            0
        }),
        row("HuddleMsgAddMessageReaction", Call(Async(10010)), |h, cb, ud| unsafe { HuddleMsgAddMessageReaction(h, nope_msg.as_ptr(), reaction.as_ptr(), cb, ud) } as i64),
        row("HuddleMsgRemoveMessageReaction", Call(Async(10010)), |h, cb, ud| unsafe { HuddleMsgRemoveMessageReaction(h, nope_msg.as_ptr(), reaction.as_ptr(), cb, ud) } as i64),
        row("HuddleMsgGetMessageReactions", Call(Async(10010)), |h, cb, ud| unsafe { HuddleMsgGetMessageReactions(h, nope_msgs.as_ptr(), 10, cb, ud) } as i64),
        row("HuddleMsgGetAllUserListOfMessageReaction", Call(Async(10010)), |h, cb, ud| unsafe {
            HuddleMsgGetAllUserListOfMessageReaction(h, nope_msg.as_ptr(), reaction.as_ptr(), 0, 10, cb, ud)
        } as i64),
        row("HuddleSetMsgReactionsChangedCallback", Void, |h, cb, _| {
            unsafe { HuddleSetMsgReactionsChangedCallback(h, cb.and(JSON_LISTENER), null()) };
            0
        }),
        row("HuddlePinGroupMessage", Call(Async(10010)), |h, cb, ud| unsafe { HuddlePinGroupMessage(h, nope_group.as_ptr(), nope_msg.as_ptr(), true, cb, ud) } as i64),
        row("HuddleGetPinnedGroupMessageList", Call(Async(10010)), |h, cb, ud| unsafe { HuddleGetPinnedGroupMessageList(h, nope_group.as_ptr(), cb, ud) } as i64),
        row("HuddleSetMsgGroupPinnedMessageChangedCallback", Void, |h, cb, _| {
            unsafe { HuddleSetMsgGroupPinnedMessageChangedCallback(h, cb.and(PIN_LISTENER), null()) };
            0
        }),
        // Media: nothing is being sent (8020), no file has the ID (6009).
        row("HuddleSetMsgElemUploadProgressCallback", Void, |h, cb, _| {
            unsafe { HuddleSetMsgElemUploadProgressCallback(h, cb.and(PROGRESS_LISTENER), null()) };
            0
        }),
        row("HuddleMsgCancelSend", Call(Async(8020)), |h, cb, ud| unsafe { HuddleMsgCancelSend(h, bob.as_ptr(), 1, nope.as_ptr(), cb, ud) } as i64),
        row("HuddleMsgDownloadElemToPath", Call(Async(6009)), |h, cb, ud| unsafe { HuddleMsgDownloadElemToPath(h, no_file.as_ptr(), nope.as_ptr(), cb, ud) } as i64),
        row("HuddleMsgDownloadMergerMessage", Call(Async(6009)), |h, cb, ud| unsafe { HuddleMsgDownloadMergerMessage(h, merged.as_ptr(), cb, ud) } as i64),
    ];

    let destroyed = init(r#"{"callback_mode":"thread"}"#);
    assert_eq!(unsafe { HuddleUninit(destroyed) }, 0);
    let mut local = [0x11u8; 256];
    let bad_handles: [(&str, H); 4] = [
        ("NULL handle", null_mut()),
        ("destroyed handle", destroyed),
        ("made-up handle 0x7e57deadbee8", 0x7e57_dead_bee8_usize as H),
        ("local buffer as handle", local.as_mut_ptr().cast()),
    ];
    for (func, kind, call) in &rows {
        let bad = match kind {
            Call(_) | Session(_) => UNINIT,
            Answer(bad, ..) => Returns(*bad),
            Void => NOTHING,
        };
        for (input, handle) in bad_handles {
            walk.case(func, input, bad, |cb, ud| call(handle, cb, ud));
        }
        let logged_out = match kind {
            Call(_) => NOTLOGIN,
            Session(ok) => *ok,
            Answer(_, logged_out, _) => Returns(*logged_out),
            Void => NOTHING,
        };
        walk.case(func, "a client not logged in", logged_out, |cb, ud| on_fresh_client(|fresh| call(fresh, cb, ud)));
        match kind {
            Call(ok) => {
                walk.case(func, "logged in", *ok, |cb, ud| call(h, cb, ud));
                walk.case(func, "NULL callback", NOTHING, |_, _| call(h, None, null()));
                walk.case(func, "NULL user_data", *ok, |_, _| call(h, Some(record_null_ud), null()));
            }
            Session(ok) => {
                walk.case(func, "NULL callback", NOTHING, |_, _| on_fresh_client(|fresh| call(fresh, None, null())));
                walk.case(func, "NULL user_data", *ok, |_, _| on_fresh_client(|fresh| call(fresh, Some(record_null_ud), null())));
            }
            Answer(_, _, Some(ok)) => walk.case(func, "logged in", Returns(*ok), |cb, ud| call(h, cb, ud)),
            Answer(_, _, None) => {}
            Void => {
                walk.case(func, "logged in", NOTHING, |cb, ud| call(h, cb, ud));
                walk.case(func, "NULL listener", NOTHING, |_, _| call(h, None, null()));
            }
        }
    }
    // A second HuddleUninit of the same handle.
    let twice = init(POLL_CONFIG);
    walk.value("HuddleUninit", "first", 0, unsafe { HuddleUninit(twice) } as i64);
    walk.value("HuddleUninit", "the same handle again", -1, unsafe { HuddleUninit(twice) } as i64);
    assert_eq!(unsafe { CStr::from_ptr(user.as_ptr()) }.to_str().unwrap(), w.alice_id, "HuddleGetLoginUserID wrote alice's ID");
    walk.finish();
    assert_healthy("handles");
}

/// Every C string argument with NULL, invalid UTF-8, "", 10 MB, and control
/// characters (STRINGS, in order).
#[test]
fn string_arguments() {
    let w = World::new("strings");
    let mut walk = w.walk();
    let h = w.h();
    let (admin, hi, cg) = (w.admin.h, c("hi"), c(&w.cg));
    let g = c(&w.g);
    let text = c(r#"{"message_elem_array":[{"elem_type":0,"text_elem_content":"hi"}]}"#);
    let (seq, renamed, empty) = (c(r#"{"message_seq":1}"#), c("bad-strings-renamed"), c("[]"));
    let draft = c(r#"{"draft_user_define":"d"}"#);
    let delete = c(r#"{"msg_delete_param_msg":{"message_seq":9223372036854775808}}"#);
    let seqs = c(r#"[{"message_seq":9223372036854775808}]"#);
    let texts = c(r#"[{"message_elem_array":[{"elem_type":0,"text_elem_content":"hi"}]}]"#);
    let topic = c(r#"{"group_topic_info_topic_name":"t"}"#);
    let members = c(&json!([w.bob]).to_string());
    let no_file = c(&json!({"msg_download_elem_param_id": "0".repeat(64)}).to_string());
    let peer_conv = c(&json!([format!("c2c_{}", w.bob)]).to_string());
    let sig_user = c("bad-strings-sig");
    // A message that takes receipts and extensions, for the issue 13 rows.
    let extras = json!({"message_elem_array": [{"elem_type": 0, "text_elem_content": "vote"}], "message_need_read_receipt": true, "message_support_message_extension": true});
    let extras = c(&extras.to_string());
    let vote = w.alice.call_ok(|cb, ud| unsafe { HuddleMsgSendMessage(h, g.as_ptr(), 2, extras.as_ptr(), null_mut(), cb, ud) });
    let vote = c(&vote.to_string());
    let extension = c(r#"[{"message_extension_key":"k","message_extension_value":"v"}]"#);
    let secret = c("secret");
    let gen_sig = |secret: *const c_char, user: *const c_char| {
        let mut buf = [0 as c_char; 512];
        unsafe { HuddleGenUserSig(secret, 1_400_000_000, user, 86400, buf.as_mut_ptr(), buf.len()) as i64 }
    };
    let login = |user: *const c_char, sig: *const c_char, cb: CommCallback, ud: *const c_void| {
        on_fresh_client(|fresh| unsafe { HuddleLogin(fresh, user, sig, cb, ud) } as i64)
    };
    // Header silent: Login of a malformed user ID is 10004 (validate::user_id).
    let bad_user = Async(10004);
    // g is a Community group, which has no counters (Tencent): 10007
    // whatever the key (tests/attributes.rs checks keys on other types).
    const NO_COUNTERS: [Expect; 6] = [PARAM, JSON, Async(10007), Async(10007), Async(10007), Async(10007)];
    type Row<'a> = (&'static str, &'static str, [Expect; 6], Box<dyn Fn(*const c_char, CommCallback, *const c_void) -> i64 + 'a>);
    fn row<'a>(func: &'static str, arg: &'static str, expect: [Expect; 6], call: impl Fn(*const c_char, CommCallback, *const c_void) -> i64 + 'a) -> Row<'a> {
        (func, arg, expect, Box::new(call))
    }
    let rows: Vec<Row> = vec![
        row("HuddleLogin", "user_id", [PARAM, JSON, bad_user, bad_user, bad_user, bad_user], |s, cb, ud| login(s, null(), cb, ud)),
        // Without a secret key the sig is not checked, and may be NULL.
        row("HuddleLogin", "user_sig", [Async(0), JSON, Async(0), Async(0), Async(0), Async(0)], |s, cb, ud| login(sig_user.as_ptr(), s, cb, ud)),
        // An empty secret and odd user IDs sign as well (header: 0, -3, -4);
        // a 10 MB user ID's sig does not fit 512 bytes: -4.
        row("HuddleGenUserSig", "secret_key", [PARAM, JSON, NOTHING, NOTHING, NOTHING, NOTHING], |s, _, _| gen_sig(s, sig_user.as_ptr())),
        row("HuddleGenUserSig", "user_id", [PARAM, JSON, NOTHING, PARAM, NOTHING, NOTHING], |s, _, _| gen_sig(secret.as_ptr(), s)),
        row("HuddleGroupDelete", "group_id", GROUP_IDS, |s, cb, ud| unsafe { HuddleGroupDelete(h, s, cb, ud) } as i64),
        row("HuddleGroupJoin", "group_id", GROUP_IDS, |s, cb, ud| unsafe { HuddleGroupJoin(h, s, hi.as_ptr(), cb, ud) } as i64),
        // Alice is in g already: status 2 whatever the hello (which may be NULL).
        row("HuddleGroupJoin", "hello_msg", [Async(0), JSON, Async(0), Async(0), Async(0), Async(0)], |s, cb, ud| unsafe { HuddleGroupJoin(h, g.as_ptr(), s, cb, ud) } as i64),
        row("HuddleGroupQuit", "group_id", GROUP_IDS, |s, cb, ud| unsafe { HuddleGroupQuit(h, s, cb, ud) } as i64),
        row("HuddleGroupGetMuteAllowlist", "group_id", GROUP_IDS, |s, cb, ud| unsafe { HuddleGroupGetMuteAllowlist(h, s, cb, ud) } as i64),
        row("HuddleGroupCreateTopicInCommunity", "group_id", GROUP_IDS, |s, cb, ud| unsafe { HuddleGroupCreateTopicInCommunity(h, s, topic.as_ptr(), cb, ud) } as i64),
        row("HuddleGroupDeleteTopicFromCommunity", "group_id", GROUP_IDS, |s, cb, ud| unsafe { HuddleGroupDeleteTopicFromCommunity(h, s, empty.as_ptr(), cb, ud) } as i64),
        row("HuddleGroupGetTopicInfoList", "group_id", GROUP_IDS, |s, cb, ud| unsafe { HuddleGroupGetTopicInfoList(h, s, empty.as_ptr(), cb, ud) } as i64),
        row("HuddleGroupMarkGroupMemberList", "group_id", GROUP_IDS, |s, cb, ud| unsafe { HuddleGroupMarkGroupMemberList(h, s, members.as_ptr(), 1000, true, cb, ud) } as i64),
        // Every hostile string is unreadable as JSON but NULL (-4).
        row("HuddleGroupCreateTopicInCommunity", "json_topic_info", [PARAM, JSON, JSON, JSON, JSON, JSON], |s, cb, ud| unsafe { HuddleGroupCreateTopicInCommunity(h, g.as_ptr(), s, cb, ud) } as i64),
        row("HuddleGroupDeleteTopicFromCommunity", "json_topic_id_array", [PARAM, JSON, JSON, JSON, JSON, JSON], |s, cb, ud| unsafe { HuddleGroupDeleteTopicFromCommunity(h, g.as_ptr(), s, cb, ud) } as i64),
        row("HuddleGroupSetTopicInfo", "json_topic_info", [PARAM, JSON, JSON, JSON, JSON, JSON], |s, cb, ud| unsafe { HuddleGroupSetTopicInfo(h, s, cb, ud) } as i64),
        row("HuddleGroupGetTopicInfoList", "json_topic_id_array", [PARAM, JSON, JSON, JSON, JSON, JSON], |s, cb, ud| unsafe { HuddleGroupGetTopicInfoList(h, g.as_ptr(), s, cb, ud) } as i64),
        row("HuddleGroupSearchGroups", "json_param", [PARAM, JSON, JSON, JSON, JSON, JSON], |s, cb, ud| unsafe { HuddleGroupSearchGroups(h, s, cb, ud) } as i64),
        row("HuddleGroupSearchGroupMembers", "json_param", [PARAM, JSON, JSON, JSON, JSON, JSON], |s, cb, ud| unsafe { HuddleGroupSearchGroupMembers(h, s, cb, ud) } as i64),
        row("HuddleGroupMarkGroupMemberList", "member_array", [PARAM, JSON, JSON, JSON, JSON, JSON], |s, cb, ud| unsafe { HuddleGroupMarkGroupMemberList(h, g.as_ptr(), s, 1000, true, cb, ud) } as i64),
        row("HuddleGroupGetOnlineMemberCount", "group_id", GROUP_IDS, |s, cb, ud| unsafe { HuddleGroupGetOnlineMemberCount(h, s, cb, ud) } as i64),
        row("HuddleAdminGetGroupMemberIDList", "group_id", GROUP_IDS, |s, cb, ud| unsafe { HuddleAdminGetGroupMemberIDList(admin, s, cb, ud) } as i64),
        // A malformed user ID is 10004, as in every other function.
        row("HuddleAdminGetUserGroupList", "user_id", [PARAM, JSON, Async(10004), Async(10004), Async(10004), Async(10004)], |s, cb, ud| unsafe {
            HuddleAdminGetUserGroupList(admin, s, cb, ud)
        } as i64),
        row("HuddleMsgSendMessage", "conv_id (group)", GROUP_CONV_IDS, |s, cb, ud| w.send(s, 2, text.as_ptr(), cb, ud)),
        row("HuddleMsgSendMessage", "conv_id (C2C)", PEER_IDS, |s, cb, ud| w.send(s, 1, text.as_ptr(), cb, ud)),
        row("HuddleMsgGetMsgList", "conv_id (group)", GROUP_CONV_IDS, |s, cb, ud| unsafe { HuddleMsgGetMsgList(h, s, 2, null(), cb, ud) } as i64),
        row("HuddleMsgGetMsgList", "conv_id (C2C)", PEER_IDS, |s, cb, ud| unsafe { HuddleMsgGetMsgList(h, s, 1, null(), cb, ud) } as i64),
        row("HuddleMsgRevoke", "conv_id (group)", GROUP_CONV_IDS, |s, cb, ud| unsafe { HuddleMsgRevoke(h, s, 2, seq.as_ptr(), cb, ud) } as i64),
        row("HuddleMsgRevoke", "conv_id (C2C)", PEER_IDS, |s, cb, ud| unsafe { HuddleMsgRevoke(h, s, 1, seq.as_ptr(), cb, ud) } as i64),
        row("HuddleMsgReportReaded", "conv_id (group)", GROUP_CONV_IDS, |s, cb, ud| unsafe { HuddleMsgReportReaded(h, s, 2, null(), cb, ud) } as i64),
        row("HuddleMsgReportReaded", "conv_id (C2C)", PEER_IDS, |s, cb, ud| unsafe { HuddleMsgReportReaded(h, s, 1, null(), cb, ud) } as i64),
        row("HuddleConvDelete", "conv_id (group)", GROUP_CONV_IDS, |s, cb, ud| unsafe { HuddleConvDelete(h, s, 2, cb, ud) } as i64),
        row("HuddleConvDelete", "conv_id (C2C)", PEER_IDS, |s, cb, ud| unsafe { HuddleConvDelete(h, s, 1, cb, ud) } as i64),
        row("HuddleConvPinConversation", "conv_id (group)", GROUP_CONV_IDS, |s, cb, ud| unsafe { HuddleConvPinConversation(h, s, 2, true, cb, ud) } as i64),
        row("HuddleConvPinConversation", "conv_id (C2C)", PEER_IDS, |s, cb, ud| unsafe { HuddleConvPinConversation(h, s, 1, true, cb, ud) } as i64),
        row("HuddleConvSetDraft", "conv_id (group)", without_callback(GROUP_CONV_IDS), |s, _, _| unsafe { HuddleConvSetDraft(h, s, 2, draft.as_ptr()) } as i64),
        row("HuddleConvSetDraft", "conv_id (C2C)", without_callback(PEER_IDS), |s, _, _| unsafe { HuddleConvSetDraft(h, s, 1, draft.as_ptr()) } as i64),
        // Every hostile string is unreadable as JSON but NULL (-4).
        row("HuddleConvSetDraft", "json_draft_param", [PARAM, JSON, JSON, JSON, JSON, JSON], |s, _, _| unsafe { HuddleConvSetDraft(h, g.as_ptr(), 2, s) } as i64),
        row("HuddleConvCancelDraft", "conv_id (group)", without_callback(GROUP_CONV_IDS), |s, _, _| unsafe { HuddleConvCancelDraft(h, s, 2) } as i64),
        row("HuddleConvCancelDraft", "conv_id (C2C)", without_callback(PEER_IDS), |s, _, _| unsafe { HuddleConvCancelDraft(h, s, 1) } as i64),
        // Issue 13: the conversation arguments, as in every message function.
        row("HuddleMsgDelete", "conv_id (group)", GROUP_CONV_IDS, |s, cb, ud| unsafe { HuddleMsgDelete(h, s, 2, delete.as_ptr(), cb, ud) } as i64),
        row("HuddleMsgDelete", "conv_id (C2C)", PEER_IDS, |s, cb, ud| unsafe { HuddleMsgDelete(h, s, 1, delete.as_ptr(), cb, ud) } as i64),
        row("HuddleMsgListDelete", "conv_id (group)", GROUP_CONV_IDS, |s, cb, ud| unsafe { HuddleMsgListDelete(h, s, 2, seqs.as_ptr(), cb, ud) } as i64),
        row("HuddleMsgListDelete", "conv_id (C2C)", PEER_IDS, |s, cb, ud| unsafe { HuddleMsgListDelete(h, s, 1, seqs.as_ptr(), cb, ud) } as i64),
        row("HuddleMsgClearHistoryMessage", "conv_id (group)", GROUP_CONV_IDS, |s, cb, ud| unsafe { HuddleMsgClearHistoryMessage(h, s, 2, cb, ud) } as i64),
        row("HuddleMsgClearHistoryMessage", "conv_id (C2C)", PEER_IDS, |s, cb, ud| unsafe { HuddleMsgClearHistoryMessage(h, s, 1, cb, ud) } as i64),
        row("HuddleMsgFindByMsgLocatorList", "conv_id (group)", GROUP_CONV_IDS, |s, cb, ud| unsafe { HuddleMsgFindByMsgLocatorList(h, s, 2, empty.as_ptr(), cb, ud) } as i64),
        row("HuddleMsgFindByMsgLocatorList", "conv_id (C2C)", PEER_IDS, |s, cb, ud| unsafe { HuddleMsgFindByMsgLocatorList(h, s, 1, empty.as_ptr(), cb, ud) } as i64),
        row("HuddleMsgSaveMsg", "conv_id (group)", GROUP_CONV_IDS, |s, cb, ud| unsafe { HuddleMsgSaveMsg(h, s, 2, text.as_ptr(), cb, ud) } as i64),
        row("HuddleMsgSaveMsg", "conv_id (C2C)", PEER_IDS, |s, cb, ud| unsafe { HuddleMsgSaveMsg(h, s, 1, text.as_ptr(), cb, ud) } as i64),
        row("HuddleMsgImportMsgList", "conv_id (group)", GROUP_CONV_IDS, |s, cb, ud| unsafe { HuddleMsgImportMsgList(h, s, 2, texts.as_ptr(), cb, ud) } as i64),
        row("HuddleMsgImportMsgList", "conv_id (C2C)", PEER_IDS, |s, cb, ud| unsafe { HuddleMsgImportMsgList(h, s, 1, texts.as_ptr(), cb, ud) } as i64),
        // Conversation-group names, in this order: the names with control
        // characters do not exist until the creation row makes them (header
        // silent: a name is any 1..32 bytes), and the deletion row removes them.
        row("HuddleConvRenameConversationGroup", "old_name", [CONV, JSON, Async(51009), Async(51009), Async(51009), Async(51009)], |s, cb, ud| unsafe {
            HuddleConvRenameConversationGroup(h, s, renamed.as_ptr(), cb, ud)
        } as i64),
        // Each accepted rename is undone at once, so every case starts from cg.
        row("HuddleConvRenameConversationGroup", "new_name", [CONV, JSON, Async(51011), Async(51011), Async(0), Async(0)], |s, cb, ud| unsafe {
            let ret = HuddleConvRenameConversationGroup(h, cg.as_ptr(), s, cb, ud);
            HuddleConvRenameConversationGroup(h, s, cg.as_ptr(), None, null());
            ret
        } as i64),
        row("HuddleConvAddConversationsToGroup", "group_name", [CONV, JSON, Async(51009), Async(51009), Async(51009), Async(51009)], |s, cb, ud| unsafe {
            HuddleConvAddConversationsToGroup(h, s, peer_conv.as_ptr(), cb, ud)
        } as i64),
        row("HuddleConvDeleteConversationsFromGroup", "group_name", [CONV, JSON, Async(51009), Async(51009), Async(51009), Async(51009)], |s, cb, ud| unsafe {
            HuddleConvDeleteConversationsFromGroup(h, s, peer_conv.as_ptr(), cb, ud)
        } as i64),
        row("HuddleConvCreateConversationGroup", "group_name", [CONV, JSON, Async(51011), Async(51011), Async(0), Async(0)], |s, cb, ud| unsafe {
            HuddleConvCreateConversationGroup(h, s, empty.as_ptr(), cb, ud)
        } as i64),
        row("HuddleConvDeleteConversationGroup", "group_name", [CONV, JSON, Async(51009), Async(51009), Async(0), Async(0)], |s, cb, ud| unsafe {
            HuddleConvDeleteConversationGroup(h, s, cb, ud)
        } as i64),
        // Receive options and the newer conversation functions: every
        // hostile string is unreadable as JSON but NULL (-4).
        row("HuddleMsgSetC2CReceiveMessageOpt", "json_identifier_array", [PARAM, JSON, JSON, JSON, JSON, JSON], |s, cb, ud| unsafe { HuddleMsgSetC2CReceiveMessageOpt(h, s, 0, cb, ud) } as i64),
        row("HuddleMsgGetC2CReceiveMessageOpt", "json_identifier_array", [PARAM, JSON, JSON, JSON, JSON, JSON], |s, cb, ud| unsafe { HuddleMsgGetC2CReceiveMessageOpt(h, s, cb, ud) } as i64),
        row("HuddleMsgSetGroupReceiveMessageOpt", "group_id", GROUP_IDS, |s, cb, ud| unsafe { HuddleMsgSetGroupReceiveMessageOpt(h, s, 0, cb, ud) } as i64),
        row("HuddleConvGetConvInfo", "json_get_conv_list_param", [PARAM, JSON, JSON, JSON, JSON, JSON], |s, cb, ud| unsafe { HuddleConvGetConvInfo(h, s, cb, ud) } as i64),
        row("HuddleConvDeleteConversationList", "conversation_id_array", [PARAM, JSON, JSON, JSON, JSON, JSON], |s, cb, ud| unsafe { HuddleConvDeleteConversationList(h, s, false, cb, ud) } as i64),
        row("HuddleConvSetConversationCustomData", "conversation_id_array", [PARAM, JSON, JSON, JSON, JSON, JSON], |s, cb, ud| unsafe {
            HuddleConvSetConversationCustomData(h, s, hi.as_ptr(), cb, ud)
        } as i64),
        // A conversation the caller does not have is a result of the batch
        // (the call answers 0); past 256 bytes the call is refused, 6017.
        row("HuddleConvSetConversationCustomData", "custom_data", [PARAM, JSON, Async(0), Async(6017), Async(0), Async(0)], |s, cb, ud| unsafe {
            HuddleConvSetConversationCustomData(h, peer_conv.as_ptr(), s, cb, ud)
        } as i64),
        row("HuddleConvMarkConversation", "conversation_id_array", [PARAM, JSON, JSON, JSON, JSON, JSON], |s, cb, ud| unsafe { HuddleConvMarkConversation(h, s, 1, true, cb, ud) } as i64),
        row("HuddleConvGetUnreadMessageCountByFilter", "filter", [PARAM, JSON, JSON, JSON, JSON, JSON], |s, cb, ud| unsafe { HuddleConvGetUnreadMessageCountByFilter(h, s, cb, ud) } as i64),
        row("HuddleConvSubscribeUnreadMessageCountByFilter", "filter", [PARAM, JSON, JSON, JSON, JSON, JSON], |s, _, _| unsafe { HuddleConvSubscribeUnreadMessageCountByFilter(h, s) } as i64),
        row("HuddleConvUnsubscribeUnreadMessageCountByFilter", "filter", [PARAM, JSON, JSON, JSON, JSON, JSON], |s, _, _| unsafe { HuddleConvUnsubscribeUnreadMessageCountByFilter(h, s) } as i64),
        // NULL and "" clean every conversation (Tencent's); anything else
        // that is no conversation ID: 6004.
        row("HuddleConvCleanConversationUnreadMessageCount", "conversation_id", [Async(0), JSON, Async(0), Async(6004), Async(6004), Async(6004)], |s, cb, ud| unsafe {
            HuddleConvCleanConversationUnreadMessageCount(h, s, 0, 0, cb, ud)
        } as i64),
        row("HuddleGroupInitGroupAttributes", "group_id", GROUP_IDS, |s, cb, ud| unsafe { HuddleGroupInitGroupAttributes(h, s, empty.as_ptr(), cb, ud) } as i64),
        row("HuddleGroupSetGroupAttributes", "group_id", GROUP_IDS, |s, cb, ud| unsafe { HuddleGroupSetGroupAttributes(h, s, empty.as_ptr(), cb, ud) } as i64),
        row("HuddleGroupDeleteGroupAttributes", "group_id", GROUP_IDS, |s, cb, ud| unsafe { HuddleGroupDeleteGroupAttributes(h, s, empty.as_ptr(), cb, ud) } as i64),
        row("HuddleGroupGetGroupAttributes", "group_id", GROUP_IDS, |s, cb, ud| unsafe { HuddleGroupGetGroupAttributes(h, s, null(), cb, ud) } as i64),
        row("HuddleGroupSetGroupCounters", "group_id", GROUP_IDS, |s, cb, ud| unsafe { HuddleGroupSetGroupCounters(h, s, empty.as_ptr(), cb, ud) } as i64),
        row("HuddleGroupGetGroupCounters", "group_id", GROUP_IDS, |s, cb, ud| unsafe { HuddleGroupGetGroupCounters(h, s, null(), cb, ud) } as i64),
        row("HuddleGroupIncreaseGroupCounter", "group_id", GROUP_IDS, |s, cb, ud| unsafe { HuddleGroupIncreaseGroupCounter(h, s, hi.as_ptr(), 1, cb, ud) } as i64),
        row("HuddleGroupDecreaseGroupCounter", "group_id", GROUP_IDS, |s, cb, ud| unsafe { HuddleGroupDecreaseGroupCounter(h, s, hi.as_ptr(), 1, cb, ud) } as i64),
        row("HuddleGroupIncreaseGroupCounter", "group_counter_key", NO_COUNTERS, |s, cb, ud| unsafe { HuddleGroupIncreaseGroupCounter(h, g.as_ptr(), s, 1, cb, ud) } as i64),
        row("HuddleGroupDecreaseGroupCounter", "group_counter_key", NO_COUNTERS, |s, cb, ud| unsafe {
            HuddleGroupDecreaseGroupCounter(h, g.as_ptr(), s, 1, cb, ud)
        } as i64),
        // Key lists: NULL and "" read all; anything else must be a JSON array.
        row("HuddleGroupGetGroupAttributes", "json_keys", [Async(0), JSON, Async(0), JSON, JSON, JSON], |s, cb, ud| unsafe { HuddleGroupGetGroupAttributes(h, g.as_ptr(), s, cb, ud) } as i64),
        row("HuddleGroupGetGroupCounters", "json_group_counter_key_array", [Async(10007), JSON, Async(10007), JSON, JSON, JSON], |s, cb, ud| unsafe {
            HuddleGroupGetGroupCounters(h, g.as_ptr(), s, cb, ud)
        } as i64),
        row("HuddleGroupDeleteGroupAttributes", "json_keys", [PARAM, JSON, JSON, JSON, JSON, JSON], |s, cb, ud| unsafe { HuddleGroupDeleteGroupAttributes(h, g.as_ptr(), s, cb, ud) } as i64),
        // Media: a message ID that names no send under way is 8020; a
        // download's path is checked once the file is found (none is: 6009).
        row("HuddleMsgCancelSend", "message_id", [PARAM, JSON, Async(8020), Async(8020), Async(8020), Async(8020)], |s, cb, ud| unsafe {
            HuddleMsgCancelSend(h, g.as_ptr(), 2, s, cb, ud)
        } as i64),
        row("HuddleMsgDownloadElemToPath", "path", [PARAM, JSON, PARAM, Async(6009), Async(6009), Async(6009)], |s, cb, ud| unsafe {
            HuddleMsgDownloadElemToPath(h, no_file.as_ptr(), s, cb, ud)
        } as i64),
        row("HuddleMsgDownloadElemToPath", "json_download_elem_param", [PARAM, JSON, JSON, JSON, JSON, JSON], |s, cb, ud| unsafe {
            HuddleMsgDownloadElemToPath(h, s, hi.as_ptr(), cb, ud)
        } as i64),
        row("HuddleMsgDownloadMergerMessage", "json_single_msg", [PARAM, JSON, JSON, JSON, JSON, JSON], |s, cb, ud| unsafe { HuddleMsgDownloadMergerMessage(h, s, cb, ud) } as i64),
        // Receipts, extensions, reactions and pins of a real message: every
        // hostile string is unreadable as JSON but NULL (-4).
        row("HuddleMsgSendMessageReadReceipts", "json_msg_array", [PARAM, JSON, JSON, JSON, JSON, JSON], |s, cb, ud| unsafe { HuddleMsgSendMessageReadReceipts(h, s, cb, ud) } as i64),
        row("HuddleMsgGetMessageReadReceipts", "json_msg_array", [PARAM, JSON, JSON, JSON, JSON, JSON], |s, cb, ud| unsafe { HuddleMsgGetMessageReadReceipts(h, s, cb, ud) } as i64),
        row("HuddleMsgGetGroupMessageReadMemberList", "json_msg", without_callback([PARAM, JSON, JSON, JSON, JSON, JSON]), |s, _, _| unsafe {
            HuddleMsgGetGroupMessageReadMemberList(h, s, 0, 0, 10, None, null())
        } as i64),
        row("HuddleMsgSetMessageExtensions", "json_msg", [PARAM, JSON, JSON, JSON, JSON, JSON], |s, cb, ud| unsafe { HuddleMsgSetMessageExtensions(h, s, extension.as_ptr(), cb, ud) } as i64),
        row("HuddleMsgSetMessageExtensions", "json_extension_array", [PARAM, JSON, JSON, JSON, JSON, JSON], |s, cb, ud| unsafe { HuddleMsgSetMessageExtensions(h, vote.as_ptr(), s, cb, ud) } as i64),
        row("HuddleMsgGetMessageExtensions", "json_msg", [PARAM, JSON, JSON, JSON, JSON, JSON], |s, cb, ud| unsafe { HuddleMsgGetMessageExtensions(h, s, cb, ud) } as i64),
        row("HuddleMsgDeleteMessageExtensions", "json_msg", [PARAM, JSON, JSON, JSON, JSON, JSON], |s, cb, ud| unsafe { HuddleMsgDeleteMessageExtensions(h, s, null(), cb, ud) } as i64),
        // NULL and "" delete every extension; anything else must be a JSON array.
        row("HuddleMsgDeleteMessageExtensions", "json_extension_key_array", [Async(0), JSON, Async(0), JSON, JSON, JSON], |s, cb, ud| unsafe {
            HuddleMsgDeleteMessageExtensions(h, vote.as_ptr(), s, cb, ud)
        } as i64),
        row("HuddleMsgAddMessageReaction", "json_msg", [PARAM, JSON, JSON, JSON, JSON, JSON], |s, cb, ud| unsafe { HuddleMsgAddMessageReaction(h, s, hi.as_ptr(), cb, ud) } as i64),
        // A reaction ID is 1..100 bytes of anything (control characters too).
        row("HuddleMsgAddMessageReaction", "reaction_id", [PARAM, JSON, Async(6017), Async(6017), Async(0), Async(0)], |s, cb, ud| unsafe {
            HuddleMsgAddMessageReaction(h, vote.as_ptr(), s, cb, ud)
        } as i64),
        row("HuddleMsgRemoveMessageReaction", "json_msg", [PARAM, JSON, JSON, JSON, JSON, JSON], |s, cb, ud| unsafe { HuddleMsgRemoveMessageReaction(h, s, hi.as_ptr(), cb, ud) } as i64),
        // The two the row above added go.
        row("HuddleMsgRemoveMessageReaction", "reaction_id", [PARAM, JSON, Async(6017), Async(6017), Async(0), Async(0)], |s, cb, ud| unsafe {
            HuddleMsgRemoveMessageReaction(h, vote.as_ptr(), s, cb, ud)
        } as i64),
        row("HuddleMsgGetMessageReactions", "json_msg_array", [PARAM, JSON, JSON, JSON, JSON, JSON], |s, cb, ud| unsafe { HuddleMsgGetMessageReactions(h, s, 10, cb, ud) } as i64),
        row("HuddleMsgGetAllUserListOfMessageReaction", "json_msg", [PARAM, JSON, JSON, JSON, JSON, JSON], |s, cb, ud| unsafe {
            HuddleMsgGetAllUserListOfMessageReaction(h, s, hi.as_ptr(), 0, 10, cb, ud)
        } as i64),
        row("HuddleMsgGetAllUserListOfMessageReaction", "reaction_id", [PARAM, JSON, Async(23008), Async(23008), Async(23008), Async(23008)], |s, cb, ud| unsafe {
            HuddleMsgGetAllUserListOfMessageReaction(h, vote.as_ptr(), s, 0, 10, cb, ud)
        } as i64),
        row("HuddlePinGroupMessage", "group_id", GROUP_IDS, |s, cb, ud| unsafe { HuddlePinGroupMessage(h, s, vote.as_ptr(), true, cb, ud) } as i64),
        row("HuddlePinGroupMessage", "json_msg", [PARAM, JSON, JSON, JSON, JSON, JSON], |s, cb, ud| unsafe { HuddlePinGroupMessage(h, g.as_ptr(), s, true, cb, ud) } as i64),
        row("HuddleGetPinnedGroupMessageList", "group_id", GROUP_IDS, |s, cb, ud| unsafe { HuddleGetPinnedGroupMessageList(h, s, cb, ud) } as i64),
    ];
    for (func, arg, expects, call) in &rows {
        for (i, expect) in expects.iter().enumerate() {
            walk.case(func, &format!("{arg} = {}", STRINGS[i]), *expect, |cb, ud| call(hostile_string(i), cb, ud));
        }
    }
    walk.finish();
    assert_healthy("strings");
}

/// The JSON arguments of the group functions: every whole-argument input, and
/// every field with wrong types, null, absence, huge and odd values.
#[test]
fn group_json_arguments() {
    let w = World::new("groups");
    let mut walk = w.walk();
    let h = w.h();
    let custom = |prefix: &str| json!([{ format!("{prefix}_key"): "k", format!("{prefix}_value"): "v" }]);
    let ok = Async(0);
    let args = [
        json_arg(
            "HuddleGroupCreate",
            json!({
                "create_group_param_group_id": "", "create_group_param_group_name": "bad", "create_group_param_group_type": 5,
                "create_group_param_group_member_array": [{"group_member_info_identifier": w.bob, "group_member_info_member_role": 200}],
                "create_group_param_introduction": "i", "create_group_param_notification": "n", "create_group_param_face_url": "f",
                "create_group_param_add_option": 2, "create_group_param_max_member_num": 50,
                "create_group_param_custom_info": custom("group_info_custom_string_info"),
            }),
            ok,
            |j, cb, ud| unsafe { HuddleGroupCreate(h, j, cb, ud) } as i64,
        )
        .fields(vec![
            field("/create_group_param_group_id", any_str(Async(8501))).optional(ok),
            // The name is documented "required": absent is -4 (a JSON argument lacks a key).
            field("/create_group_param_group_name", text(8502)),
            field("/create_group_param_group_type", small_int()).optional(ok),
            field("/create_group_param_group_member_array", Ty::Arr).absent(ok),
            field("/create_group_param_group_member_array/0", Ty::Obj),
            field("/create_group_param_group_member_array/0/group_member_info_identifier", uid()),
            field("/create_group_param_group_member_array/0/group_member_info_member_role", small_int()).optional(ok),
            field("/create_group_param_introduction", text(8503)).absent(ok),
            field("/create_group_param_notification", text(8504)).absent(ok),
            field("/create_group_param_face_url", text(8505)).absent(ok),
            field("/create_group_param_add_option", small_int()).optional(ok),
            field("/create_group_param_max_member_num", small_int()).optional(ok),
            field("/create_group_param_custom_info", Ty::Arr).absent(ok),
            field("/create_group_param_custom_info/0", Ty::Obj),
            // Header silent: custom keys over 16 bytes and values over 512 are
            // 10004, as HuddleGroupModifyGroupInfo says.
            field("/create_group_param_custom_info/0/group_info_custom_string_info_key", text(10004)),
            field("/create_group_param_custom_info/0/group_info_custom_string_info_value", text(10004)).absent(ok),
        ]),
        json_arg(
            "HuddleGroupInviteMember",
            json!({"group_invite_member_param_group_id": w.g, "group_invite_member_param_identifier_array": [w.bob], "group_invite_member_param_user_data": "u"}),
            ok,
            |j, cb, ud| unsafe { HuddleGroupInviteMember(h, j, cb, ud) } as i64,
        )
        .fields(vec![
            field("/group_invite_member_param_group_id", gid()),
            field("/group_invite_member_param_identifier_array", Ty::Arr),
            field("/group_invite_member_param_identifier_array/0", uid()),
            field("/group_invite_member_param_user_data", any_str(ok)).absent(ok),
        ]),
        json_arg(
            "HuddleGroupDeleteMember",
            json!({
                "group_delete_member_param_group_id": w.g, "group_delete_member_param_identifier_array": ["bad-groups-nobody"],
                "group_delete_member_param_user_data": "u", "group_delete_member_param_duration": 0,
            }),
            ok,
            |j, cb, ud| unsafe { HuddleGroupDeleteMember(h, j, cb, ud) } as i64,
        )
        .fields(vec![
            field("/group_delete_member_param_group_id", gid()),
            field("/group_delete_member_param_identifier_array", Ty::Arr),
            field("/group_delete_member_param_identifier_array/0", uid()),
            field("/group_delete_member_param_user_data", any_str(ok)).absent(ok),
            field("/group_delete_member_param_duration", u64_int(ok)).absent(ok),
        ])
        // A ban of 2^63 or 2^64-1 seconds on a real member: "rejoin in never".
        // 2^64-1 seconds: a ban until the end of time, not an overflow.
        .extra("carol removed for 2^64-1 seconds", json!({"group_delete_member_param_group_id": w.g, "group_delete_member_param_identifier_array": [w.carol], "group_delete_member_param_duration": MARK}), b"18446744073709551615", ok)
        .extra("dave removed for 2^63 seconds", json!({"group_delete_member_param_group_id": w.g, "group_delete_member_param_identifier_array": [w.dave], "group_delete_member_param_duration": MARK}), b"9223372036854775808", ok),
        json_arg("HuddleGroupGetGroupInfoList", json!([w.g]), Item(INFO_CODE, 0), |j, cb, ud| unsafe { HuddleGroupGetGroupInfoList(h, j, cb, ud) } as i64).fields(vec![
            field("/0", any_str(Item(INFO_CODE, 10015))),
        ]),
        json_arg(
            "HuddleGroupModifyGroupInfo",
            json!({
                "group_modify_info_param_group_id": w.g, "group_modify_info_param_modify_flag": 0x33F,
                "group_modify_info_param_group_name": "bad", "group_modify_info_param_notification": "n",
                "group_modify_info_param_introduction": "i", "group_modify_info_param_face_url": "f",
                "group_modify_info_param_add_option": 2, "group_modify_info_param_max_member_num": 1000,
                "group_modify_info_param_is_shutup_all": false, "group_modify_info_param_custom_info": custom("group_info_custom_string_info"),
            }),
            ok,
            |j, cb, ud| unsafe { HuddleGroupModifyGroupInfo(h, j, cb, ud) } as i64,
        )
        // A key its flag bit names is required: null or absent is -4 (a JSON
        // argument lacks a key or has a wrong type).
        .fields(vec![
            field("/group_modify_info_param_group_id", gid()),
            // -1 is 0xFFFFFFFF, read as Tencent's negative int32 flags: every
            // bit, naming keys the call lacks: -4.
            field("/group_modify_info_param_modify_flag", Ty::Int { neg: PARAM, big63: PARAM, max64: PARAM }),
            field("/group_modify_info_param_group_name", text(8502)),
            field("/group_modify_info_param_notification", text(8504)),
            field("/group_modify_info_param_introduction", text(8503)),
            field("/group_modify_info_param_face_url", text(8505)),
            field("/group_modify_info_param_add_option", small_int()),
            field("/group_modify_info_param_max_member_num", small_int()),
            field("/group_modify_info_param_is_shutup_all", Ty::Bool),
            field("/group_modify_info_param_custom_info", Ty::Arr).absent(ok),
            field("/group_modify_info_param_custom_info/0", Ty::Obj),
            field("/group_modify_info_param_custom_info/0/group_info_custom_string_info_key", text(10004)),
            field("/group_modify_info_param_custom_info/0/group_info_custom_string_info_value", text(10004)).absent(ok),
        ]),
        json_arg(
            "HuddleGroupGetMemberInfoList",
            json!({
                "group_get_members_info_list_param_group_id": w.g, "group_get_members_info_list_param_identifier_array": [w.bob],
                "group_get_members_info_list_param_option": {"group_member_get_info_option_role_flag": 0},
                "group_get_members_info_list_param_next_seq": 0,
            }),
            ok,
            |j, cb, ud| unsafe { HuddleGroupGetMemberInfoList(h, j, cb, ud) } as i64,
        )
        .fields(vec![
            field("/group_get_members_info_list_param_group_id", gid()),
            field("/group_get_members_info_list_param_identifier_array", Ty::Arr).absent(ok),
            // Header silent: users who are not members are left out of the page.
            field("/group_get_members_info_list_param_identifier_array/0", any_str(ok)),
            // An array where this object goes is a wrong type: -4 (serde
            // alone would fill the struct from it by position).
            field("/group_get_members_info_list_param_option", Ty::Obj).absent(ok),
            field("/group_get_members_info_list_param_option/group_member_get_info_option_role_flag", small_int()).absent(ok),
            field("/group_get_members_info_list_param_next_seq", u64_int(ok)).absent(ok),
        ])
        // The page position counts only when no user is named.
        .extra("next_seq = 2^64-1, all members", json!({"group_get_members_info_list_param_group_id": w.g, "group_get_members_info_list_param_next_seq": MARK}), b"18446744073709551615", ok),
        json_arg(
            "HuddleGroupModifyMemberInfo",
            json!({
                "group_modify_member_info_group_id": w.g, "group_modify_member_info_identifier": w.bob,
                "group_modify_member_info_modify_flag": 0x1E, "group_modify_member_info_msg_flag": 0,
                "group_modify_member_info_member_role": 200, "group_modify_member_info_shutup_time": 0,
                "group_modify_member_info_name_card": "card", "group_modify_member_info_custom_info": custom("group_member_info_custom_string_info"),
            }),
            ok,
            |j, cb, ud| unsafe { HuddleGroupModifyMemberInfo(h, j, cb, ud) } as i64,
        )
        // As in HuddleGroupModifyGroupInfo, a key its flag names null or absent is -4.
        .fields(vec![
            field("/group_modify_member_info_group_id", gid()),
            // Header silent: a user who is not a member is 10004.
            field("/group_modify_member_info_identifier", uid()),
            field("/group_modify_member_info_modify_flag", Ty::Int { neg: Async(10004), big63: PARAM, max64: PARAM }),
            // Its flag bit is not set: ignored when absent.
            field("/group_modify_member_info_msg_flag", small_int()).optional(ok),
            field("/group_modify_member_info_member_role", small_int()),
            field("/group_modify_member_info_shutup_time", u64_int(ok)),
            field("/group_modify_member_info_name_card", text(8506)),
            field("/group_modify_member_info_custom_info", Ty::Arr).absent(ok),
            field("/group_modify_member_info_custom_info/0", Ty::Obj),
            field("/group_modify_member_info_custom_info/0/group_member_info_custom_string_info_key", text(10004)),
            field("/group_modify_member_info_custom_info/0/group_member_info_custom_string_info_value", text(10004)).absent(ok),
        ]),
        json_arg(
            "HuddleGroupGetPendencyList",
            json!({"group_pendency_option_start_time": 0, "group_pendency_option_max_limited": 20}),
            ok,
            |j, cb, ud| unsafe { HuddleGroupGetPendencyList(h, j, cb, ud) } as i64,
        )
        .fields(vec![
            field("/group_pendency_option_start_time", u64_int(ok)).absent(ok),
            field("/group_pendency_option_max_limited", small_int()).absent(ok),
        ]),
        // Header silent: there is no such request, 10004.
        json_arg(
            "HuddleGroupHandlePendency",
            json!({
                "group_handle_pendency_param_is_accept": true, "group_handle_pendency_param_handle_msg": "m",
                "group_handle_pendency_param_pendency": {"group_pendency_group_id": w.g, "group_pendency_form_identifier": "bad-groups-nobody", "group_pendency_key": ""},
            }),
            Async(10004),
            |j, cb, ud| unsafe { HuddleGroupHandlePendency(h, j, cb, ud) } as i64,
        )
        .fields(vec![
            field("/group_handle_pendency_param_is_accept", Ty::Bool).absent(Async(10004)),
            field("/group_handle_pendency_param_handle_msg", any_str(Async(10004))).absent(Async(10004)),
            field("/group_handle_pendency_param_pendency", Ty::Obj),
            field("/group_handle_pendency_param_pendency/group_pendency_group_id", gid()),
            field("/group_handle_pendency_param_pendency/group_pendency_form_identifier", any_str(Async(10004))),
            field("/group_handle_pendency_param_pendency/group_pendency_key", any_str(Async(10004))).optional(Async(10004)),
        ]),
        json_arg(
            "HuddleGroupModifyMuteAllowlist",
            json!({"group_mute_allowlist_param_group_id": w.g, "group_mute_allowlist_param_identifier_array": [w.bob], "group_mute_allowlist_param_is_add": true}),
            ok,
            |j, cb, ud| unsafe { HuddleGroupModifyMuteAllowlist(h, j, cb, ud) } as i64,
        )
        .fields(vec![
            field("/group_mute_allowlist_param_group_id", gid()),
            field("/group_mute_allowlist_param_identifier_array", Ty::Arr),
            field("/group_mute_allowlist_param_identifier_array/0", uid()),
            field("/group_mute_allowlist_param_is_add", Ty::Bool),
        ]),
    ];
    for arg in &args {
        arg.walk(&mut walk);
    }
    walk.finish();
    assert_healthy("groups");
}

/// The JSON arguments of the message and conversation functions.
#[test]
fn message_and_conversation_json_arguments() {
    let w = World::new("messages");
    let mut walk = w.walk();
    let h = w.h();
    let (g, cg) = (c(&w.g), c(&w.cg));
    let (peer_conv, group_conv) = (format!("c2c_{}", w.bob), format!("group_{}", w.g));
    let (peer_array, group_array) = (c(&json!([peer_conv]).to_string()), c(&json!([group_conv]).to_string()));
    let ok = Async(0);
    let invalid_elem = Async(6016);
    let args = [
        json_arg(
            "HuddleMsgSendMessage",
            json!({
                "message_elem_array": [{"elem_type": 0, "text_elem_content": "hi"}],
                "message_group_at_user_array": [w.bob], "message_target_group_member_array": [w.bob], "message_client_time": 0,
            }),
            ok,
            |j, cb, ud| w.send(g.as_ptr(), 2, j, cb, ud),
        )
        .fields(vec![
            field("/message_elem_array", Ty::Arr),
            // Elems are checked by the engine: anything but a text or custom elem is 6016.
            field("/message_elem_array/0", Ty::Obj).wrong(invalid_elem),
            field("/message_elem_array/0/elem_type", Ty::Int { neg: invalid_elem, big63: invalid_elem, max64: invalid_elem }).wrong(invalid_elem),
            field("/message_elem_array/0/text_elem_content", text(80002)).wrong(invalid_elem),
            field("/message_group_at_user_array", Ty::Arr).absent(ok),
            // Header silent: a mention or a target who is not a member is 10004.
            field("/message_group_at_user_array/0", uid()),
            field("/message_target_group_member_array", Ty::Arr).absent(ok),
            field("/message_target_group_member_array/0", uid()),
            field("/message_client_time", u64_int(ok)).absent(ok),
        ])
        .extra("a 10 MB custom elem", json!({"message_elem_array": [{"elem_type": 3, "custom_elem_data": MARK}]}), big_json(), Async(80002)),
        json_arg(
            "HuddleMsgGetMsgList",
            json!({"msg_getmsglist_param_count": 20, "msg_getmsglist_param_last_msg": {"message_msg_id": w.msg_id, "message_seq": w.msg_seq}}),
            ok,
            |j, cb, ud| unsafe { HuddleMsgGetMsgList(h, g.as_ptr(), 2, j, cb, ud) } as i64,
        )
        .null(ok)
        .fields(vec![
            field("/msg_getmsglist_param_count", small_int()).absent(ok),
            // As group_get_members_info_list_param_option: `[]` is -4.
            field("/msg_getmsglist_param_last_msg", Ty::Obj).optional(ok),
            field("/msg_getmsglist_param_last_msg/message_msg_id", any_str(Async(10030))).optional(ok),
            // The message ID names the message: its seq is not read.
            field("/msg_getmsglist_param_last_msg/message_seq", u64_int(ok)).optional(ok),
        ])
        .extra("last_msg named by seq 2^63", json!({"msg_getmsglist_param_last_msg": {"message_seq": MARK}}), b"9223372036854775808", Async(10030))
        .extra("last_msg named by seq 2^64-1", json!({"msg_getmsglist_param_last_msg": {"message_seq": MARK}}), b"18446744073709551615", Async(10030)),
        // Recalling a recalled message succeeds again: the valid case repeats.
        json_arg("HuddleMsgRevoke", json!({"message_msg_id": w.victim_id, "message_seq": 0}), ok, |j, cb, ud| unsafe {
            HuddleMsgRevoke(h, g.as_ptr(), 2, j, cb, ud)
        } as i64)
        .fields(vec![
            // Without an ID the seq names the message, and seq 0 names none.
            field("/message_msg_id", any_str(Async(10030))).optional(Async(10030)),
            field("/message_seq", u64_int(ok)).optional(ok),
        ])
        .extra("message_seq = 2^63 alone", json!({"message_seq": MARK}), b"9223372036854775808", Async(10030))
        .extra("message_seq = 2^64-1 alone", json!({"message_seq": MARK}), b"18446744073709551615", Async(10030))
        .extra("message_seq = -1 alone", json!({"message_seq": MARK}), b"-1", PARAM)
        .extra("{} (no message named)", json!({"x": MARK}), b"null", PARAM),
        json_arg("HuddleMsgReportReaded", json!({"message_msg_id": w.msg_id}), ok, |j, cb, ud| unsafe { HuddleMsgReportReaded(h, g.as_ptr(), 2, j, cb, ud) } as i64)
            .null(ok)
            .empty_is_null()
            .fields(vec![
                // A document naming no message (null or absent ID, no seq)
                // lacks a key: -4, as in HuddleMsgRevoke.
                field("/message_msg_id", any_str(Async(10030))),
            ])
            .extra("message_seq = 2^64-1 alone", json!({"message_seq": MARK}), b"18446744073709551615", Async(10030))
            .extra("message_seq = -1 alone", json!({"message_seq": MARK}), b"-1", PARAM),
        // Checked before kept: a refused case leaves the profile as it was.
        json_arg(
            "HuddleProfileModifySelfUserProfile",
            json!({
                "user_profile_item_nick_name": "n", "user_profile_item_face_url": "f",
                "user_profile_item_custom_string_array": [{"user_profile_custom_string_info_key": "Bad", "user_profile_custom_string_info_value": "v"}],
            }),
            ok,
            |j, cb, ud| unsafe { HuddleProfileModifySelfUserProfile(h, j, cb, ud) } as i64,
        )
        .fields(vec![
            field("/user_profile_item_nick_name", text(40601)).optional(ok),
            field("/user_profile_item_face_url", text(40601)).optional(ok),
            field("/user_profile_item_custom_string_array", Ty::Arr).absent(ok),
            field("/user_profile_item_custom_string_array/0", Ty::Obj),
            // The name after Tag_Profile_Custom_ is 1 to 8 English letters (9001).
            field("/user_profile_item_custom_string_array/0/user_profile_custom_string_info_key", any_str(Async(9001))),
            // Absent is "": the field is removed.
            field("/user_profile_item_custom_string_array/0/user_profile_custom_string_info_value", text(40601)).absent(ok),
        ]),
        json_arg(
            "HuddleProfileGetUserProfileList",
            json!({"friendship_getprofilelist_param_identifier_array": [w.bob]}),
            ok,
            |j, cb, ud| unsafe { HuddleProfileGetUserProfileList(h, j, cb, ud) } as i64,
        )
        .fields(vec![
            field("/friendship_getprofilelist_param_identifier_array", Ty::Arr),
            // A malformed user ID is the profile service's 40001.
            field("/friendship_getprofilelist_param_identifier_array/0", any_str(Async(40001))),
        ]),
        json_arg(
            "HuddleConvGetConversationListByFilter",
            json!({
                "conversation_list_filter_conversation_group": w.cg, "conversation_list_filter_conv_type": 2,
                "conversation_list_filter_has_unread_count": false, "conversation_list_filter_has_group_at_info": false,
            }),
            ok,
            |j, cb, ud| unsafe { HuddleConvGetConversationListByFilter(h, j, cb, ud) } as i64,
        )
        .fields(vec![
            // An unknown group name filters everything out: an empty list.
            field("/conversation_list_filter_conversation_group", any_str(ok)).optional(ok),
            field("/conversation_list_filter_conv_type", small_int()).optional(ok),
            field("/conversation_list_filter_has_unread_count", Ty::Bool).absent(ok),
            field("/conversation_list_filter_has_group_at_info", Ty::Bool).absent(ok),
        ]),
        // The name is in use (6017), so nothing is ever created: the array is
        // read (sync codes) but the call stops at the name.
        json_arg("HuddleConvCreateConversationGroup", json!([group_conv]), Async(6017), |j, cb, ud| unsafe {
            HuddleConvCreateConversationGroup(h, cg.as_ptr(), j, cb, ud)
        } as i64)
        .fields(vec![field("/0", any_str(Async(6017)))]),
        // After each case cg holds group_<g> and not c2c_<bob> again (the
        // undo fails harmlessly when the case changed nothing), so the valid
        // case repeats; IDs that name no conversation are 6004 each.
        json_arg("HuddleConvAddConversationsToGroup", json!([peer_conv]), Item(CONV_OP_CODE, 0), |j, cb, ud| unsafe {
            let ret = HuddleConvAddConversationsToGroup(h, cg.as_ptr(), j, cb, ud);
            HuddleConvDeleteConversationsFromGroup(h, cg.as_ptr(), peer_array.as_ptr(), None, null());
            ret
        } as i64)
        .fields(vec![field("/0", any_str(Item(CONV_OP_CODE, 6004)))]),
        json_arg("HuddleConvDeleteConversationsFromGroup", json!([group_conv]), Item(CONV_OP_CODE, 0), |j, cb, ud| unsafe {
            let ret = HuddleConvDeleteConversationsFromGroup(h, cg.as_ptr(), j, cb, ud);
            HuddleConvAddConversationsToGroup(h, cg.as_ptr(), group_array.as_ptr(), None, null());
            ret
        } as i64)
        .fields(vec![field("/0", any_str(Item(CONV_OP_CODE, 6004)))]),
        // Issue 13. Deletes and edits name a message past every seq: 10030,
        // so nothing changes and every case starts from the same history.
        json_arg("HuddleMsgDelete", json!({"msg_delete_param_msg": {"message_seq": 9223372036854775808u64}, "msg_delete_param_is_ramble": false}), Async(10030), |j, cb, ud| unsafe {
            HuddleMsgDelete(h, g.as_ptr(), 2, j, cb, ud)
        } as i64)
        .fields(vec![field("/msg_delete_param_msg", Ty::Obj), field("/msg_delete_param_is_ramble", Ty::Bool).absent(Async(10030))]),
        json_arg("HuddleMsgListDelete", json!([{"message_seq": 9223372036854775808u64}]), Async(10030), |j, cb, ud| unsafe {
            HuddleMsgListDelete(h, g.as_ptr(), 2, j, cb, ud)
        } as i64)
        .fields(vec![field("/0", Ty::Obj)]),
        json_arg("HuddleMsgModifyMessage", json!({"message_conv_id": w.g, "message_conv_type": 2, "message_seq": 9223372036854775808u64}), Async(10030), |j, cb, ud| unsafe {
            HuddleMsgModifyMessage(h, j, cb, ud)
        } as i64),
        json_arg("HuddleMsgSetLocalCustomData", json!({"message_conv_id": w.g, "message_conv_type": 2, "message_msg_id": w.msg_id, "message_custom_str": "x"}), ok, |j, cb, ud| unsafe {
            HuddleMsgSetLocalCustomData(h, j, cb, ud)
        } as i64),
        json_arg("HuddleMsgFindMessages", json!([w.msg_id]), ok, |j, cb, ud| unsafe { HuddleMsgFindMessages(h, j, cb, ud) } as i64).fields(vec![field("/0", any_str(ok))]),
        json_arg("HuddleMsgFindByMsgLocatorList", json!([{"message_locator_seq": w.msg_seq}]), ok, |j, cb, ud| unsafe {
            HuddleMsgFindByMsgLocatorList(h, g.as_ptr(), 2, j, cb, ud)
        } as i64)
        .fields(vec![field("/0", Ty::Obj)]),
        json_arg("HuddleMsgSaveMsg", json!({"message_elem_array": [{"elem_type": 0, "text_elem_content": "note"}]}), ok, |j, cb, ud| unsafe {
            HuddleMsgSaveMsg(h, g.as_ptr(), 2, j, cb, ud)
        } as i64)
        .fields(vec![field("/message_elem_array", Ty::Arr), field("/message_elem_array/0", Ty::Obj).wrong(invalid_elem)]),
        json_arg("HuddleMsgImportMsgList", json!([{"message_elem_array": [{"elem_type": 0, "text_elem_content": "note"}]}]), ok, |j, cb, ud| unsafe {
            HuddleMsgImportMsgList(h, g.as_ptr(), 2, j, cb, ud)
        } as i64)
        .fields(vec![field("/0", Ty::Obj)]),
        json_arg("HuddleMsgSearchLocalMessages", json!({"msg_search_param_keyword_array": ["hi"], "msg_search_param_page_size": 10}), ok, |j, cb, ud| unsafe {
            HuddleMsgSearchLocalMessages(h, j, cb, ud)
        } as i64)
        // Nothing to search by: 6017.
        .fields(vec![field("/msg_search_param_keyword_array", Ty::Arr).absent(Async(6017)), field("/msg_search_param_keyword_array/0", any_str(ok))]),
    ];
    for arg in &args {
        arg.walk(&mut walk);
    }
    walk.finish();
    assert_healthy("messages");
}

/// HuddleInit's config: every whole-argument input and every key. Thread mode,
/// so a client made and lost on a refused config would show as a thread.
#[test]
fn init_config_json() {
    let w = World::new("init");
    let mut walk = w.walk();
    let ok = NOTHING;
    // Every accepted config makes a client, which goes at once; a refused
    // one must leave `*out_client` as it was.
    let init = |j: *const c_char, _: CommCallback, _: *const c_void| {
        let sentinel = 0x5A5A_5A5A_usize as H;
        let mut out = sentinel;
        let ret = unsafe { HuddleInit(j, &mut out) };
        if ret == 0 {
            unsafe { HuddleUninit(out) };
        } else if out != sentinel {
            w.notes.borrow_mut().push(format!("HuddleInit returned {ret} and wrote *out_client"));
        }
        ret as i64
    };
    let config = json_arg(
        "HuddleInit",
        json!({
            "callback_mode": "thread", "sdk_config_server_url": "", "sdk_config_sdk_app_id": 1_400_000_000,
            "sdk_config_admin_user_ids": ["bad-init-root"], "sdk_config_secret_key": "s",
            "sdk_config_group_msg_per_second": 1_000_000, "sdk_config_msg_retention_seconds": 604_800,
            "sdk_config_msg_revoke_seconds": 120, "sdk_config_request_timeout_ms": 30_000, "sdk_config_platform": 0,
            "sdk_config_max_pending_events": 1000, "sdk_config_login_policy": "multi",
        }),
        ok,
        init,
    )
    .null(ok)
    .fields(vec![
        field("/callback_mode", any_str(PARAM)).optional(ok),
        // Not a ws:// or wss:// URL: -4.
        field("/sdk_config_server_url", any_str(PARAM)).optional(ok),
        field("/sdk_config_sdk_app_id", u64_int(ok)).absent(ok),
        field("/sdk_config_admin_user_ids", Ty::Arr).absent(ok),
        // Header silent: admin IDs are not checked.
        field("/sdk_config_admin_user_ids/0", any_str(ok)),
        field("/sdk_config_secret_key", any_str(ok)).optional(ok),
        field("/sdk_config_group_msg_per_second", small_int()).optional(ok),
        field("/sdk_config_msg_retention_seconds", u64_int(ok)).optional(ok),
        field("/sdk_config_msg_revoke_seconds", u64_int(ok)).optional(ok),
        // Header: for the network only; the embedded engine does not read it.
        field("/sdk_config_request_timeout_ms", u64_int(ok)).optional(ok),
        // -1 is no TIMPlatform (0 to 5): a bad key value, -4.
        field("/sdk_config_platform", small_int()).optional(ok),
        field("/sdk_config_max_pending_events", u64_int(ok)).optional(ok),
        field("/sdk_config_login_policy", any_str(PARAM)).optional(ok),
    ])
    // The store cannot be opened at a path with NUL: -4.
    .extra("sdk_config_data_dir = \"a\\u0000b\"", json!({"callback_mode": "thread", "sdk_config_data_dir": MARK}), b"\"a\\u0000b\"", PARAM);
    config.walk(&mut walk);
    let mut out = null_mut();
    walk.value("HuddleInit", "NULL out_client", -4, unsafe { HuddleInit(c(POLL_CONFIG).as_ptr(), null_mut()) } as i64);
    walk.value("HuddleInit", "NULL config", 0, unsafe { HuddleInit(null(), &mut out) } as i64);
    unsafe { HuddleUninit(out) };
    walk.finish();
    assert_healthy("init");
}

/// Numeric arguments at their extremes, and out-buffers NULL or too small.
#[test]
fn numbers_and_out_buffers() {
    let w = World::new("numbers");
    let mut walk = w.walk();
    let h = w.h();
    let bob = c(&w.bob);
    let text = c(r#"{"message_elem_array":[{"elem_type":0,"text_elem_content":"hi"}]}"#);
    let seq = c(r#"{"message_seq":1}"#);
    let draft = c(r#"{"draft_user_define":"d"}"#);
    // conv_type: 1 and 2 only; anything else is -5 in every function that takes one.
    type ConvCall<'a> = Box<dyn Fn(i32, CommCallback, *const c_void) -> i64 + 'a>;
    fn conv_call<'a>(func: &'static str, call: impl Fn(i32, CommCallback, *const c_void) -> i64 + 'a) -> (&'static str, ConvCall<'a>) {
        (func, Box::new(call))
    }
    let conv_calls = [
        conv_call("HuddleMsgSendMessage", |t, cb, ud| w.send(bob.as_ptr(), t, text.as_ptr(), cb, ud)),
        conv_call("HuddleMsgGetMsgList", |t, cb, ud| unsafe { HuddleMsgGetMsgList(h, bob.as_ptr(), t, null(), cb, ud) } as i64),
        conv_call("HuddleMsgRevoke", |t, cb, ud| unsafe { HuddleMsgRevoke(h, bob.as_ptr(), t, seq.as_ptr(), cb, ud) } as i64),
        conv_call("HuddleMsgReportReaded", |t, cb, ud| unsafe { HuddleMsgReportReaded(h, bob.as_ptr(), t, null(), cb, ud) } as i64),
        conv_call("HuddleConvDelete", |t, cb, ud| unsafe { HuddleConvDelete(h, bob.as_ptr(), t, cb, ud) } as i64),
        conv_call("HuddleConvPinConversation", |t, cb, ud| unsafe { HuddleConvPinConversation(h, bob.as_ptr(), t, false, cb, ud) } as i64),
        conv_call("HuddleConvSetDraft", |t, _, _| unsafe { HuddleConvSetDraft(h, bob.as_ptr(), t, draft.as_ptr()) } as i64),
        conv_call("HuddleConvCancelDraft", |t, _, _| unsafe { HuddleConvCancelDraft(h, bob.as_ptr(), t) } as i64),
    ];
    // A draft of the wrong shape: -4 (Tencent's Draft is an object, its
    // draft_msg one too); a document that is no JSON: -3.
    for (input, expect) in [("[]", PARAM), (r#"{"draft_msg":1}"#, PARAM), (r#"{"draft_edit_time":-1}"#, PARAM), (r#"{"draft_user_define":7}"#, PARAM), ("{", JSON), ("null", PARAM)] {
        let doc = c(input);
        walk.case("HuddleConvSetDraft", &format!("json_draft_param = {input}"), expect, |_, _| unsafe { HuddleConvSetDraft(h, bob.as_ptr(), 1, doc.as_ptr()) } as i64);
    }
    // Receive options: TIMReceiveMessageOpt is 0..4, anything else -4; the
    // quiet window's times are not negative (-4), and past their range 6017.
    let users = c(&json!([w.bob]).to_string());
    for opt in [-1, 5, i32::MAX, i32::MIN] {
        walk.case("HuddleMsgSetC2CReceiveMessageOpt", &format!("opt = {opt}"), PARAM, |cb, ud| unsafe { HuddleMsgSetC2CReceiveMessageOpt(h, users.as_ptr(), opt, cb, ud) } as i64);
        walk.case("HuddleMsgSetGroupReceiveMessageOpt", &format!("opt = {opt}"), PARAM, |cb, ud| unsafe { HuddleMsgSetGroupReceiveMessageOpt(h, bob.as_ptr(), opt, cb, ud) } as i64);
        walk.case("HuddleMsgSetAllReceiveMessageOpt", &format!("opt = {opt}"), PARAM, |cb, ud| unsafe { HuddleMsgSetAllReceiveMessageOpt(h, opt, 0, 0, 0, 0, cb, ud) } as i64);
        walk.case("HuddleMsgSetAllReceiveMessageOpt2", &format!("opt = {opt}"), PARAM, |cb, ud| unsafe { HuddleMsgSetAllReceiveMessageOpt2(h, opt, 0, 0, cb, ud) } as i64);
    }
    for (hms, expect) in [([-1, 0, 0], PARAM), ([0, i32::MIN, 0], PARAM), ([0, 0, -1], PARAM), ([24, 0, 0], Async(6017)), ([0, 60, 0], Async(6017)), ([i32::MAX, 0, 0], Async(6017))] {
        walk.case("HuddleMsgSetAllReceiveMessageOpt", &format!("start = {hms:?}"), expect, |cb, ud| unsafe { HuddleMsgSetAllReceiveMessageOpt(h, 2, hms[0], hms[1], hms[2], 60, cb, ud) } as i64);
    }
    walk.case("HuddleMsgSetAllReceiveMessageOpt", "duration = u32::MAX", Async(6017), |cb, ud| unsafe { HuddleMsgSetAllReceiveMessageOpt(h, 2, 0, 0, 0, u32::MAX, cb, ud) } as i64);
    walk.case("HuddleMsgSetAllReceiveMessageOpt", "opt = 1 (no global option)", Async(6017), |cb, ud| unsafe { HuddleMsgSetAllReceiveMessageOpt(h, 1, 0, 0, 0, 60, cb, ud) } as i64);
    walk.case("HuddleMsgSetAllReceiveMessageOpt2", "u32::MAX both", Async(0), |cb, ud| unsafe { HuddleMsgSetAllReceiveMessageOpt2(h, 0, u32::MAX, u32::MAX, cb, ud) } as i64);
    walk.case("HuddleConvMarkConversation", "mark_type = 0", Async(6017), |cb, ud| unsafe { HuddleConvMarkConversation(h, users.as_ptr(), 0, true, cb, ud) } as i64);
    walk.case("HuddleConvCleanConversationUnreadMessageCount", "u64::MAX both", Async(0), |cb, ud| unsafe {
        HuddleConvCleanConversationUnreadMessageCount(h, null(), u64::MAX, u64::MAX, cb, ud)
    } as i64);
    for (func, call) in &conv_calls {
        for conv_type in [-1, 0, 3, i32::MAX, i32::MIN] {
            walk.case(func, &format!("conv_type = {conv_type}"), CONV, |cb, ud| call(conv_type, cb, ud));
        }
    }
    for time_stamp in [0, 1 << 63, u64::MAX] {
        walk.case("HuddleGroupReportPendencyReaded", &format!("time_stamp = {time_stamp}"), Async(0), |cb, ud| unsafe {
            HuddleGroupReportPendencyReaded(h, time_stamp, cb, ud)
        } as i64);
    }
    // HuddlePoll(0) runs nothing, even with a callback pending (the wake
    // callback says when one is); the walk's own polls (u32::MAX) then run it.
    walk.case("HuddlePoll", "max_events = 0 with a callback pending", Async(0), |cb, ud| unsafe {
        let pending = AtomicBool::new(false);
        HuddleSetWakeCallback(h, Some(raise_flag), (&pending as *const AtomicBool).cast());
        let ret = HuddleConvGetConvList(h, cb, ud);
        let deadline = Instant::now() + Duration::from_secs(5);
        while !pending.load(Ordering::SeqCst) && Instant::now() < deadline {
            std::thread::sleep(Duration::from_millis(1));
        }
        HuddleSetWakeCallback(h, None, null());
        match HuddlePoll(h, 0) {
            0 => ret as i64,
            ran => 1000 + ran as i64,
        }
    });
    let version = unsafe { HuddleGetSDKVersion() };
    let version = (!version.is_null()).then(|| unsafe { CStr::from_ptr(version) }.to_str().ok()).flatten();
    walk.value("HuddleGetSDKVersion", "no argument: \"x.y.z\"", 1, version.is_some_and(|v| v.split('.').filter(|n| n.parse::<u32>().is_ok()).count() == 3) as i64);
    // Any code has a static sentence; an unknown one "unknown error code".
    for code in [i32::MIN, -8, -7, -1, 0, 7, 6013, 80002, i32::MAX] {
        let text = unsafe { HuddleResultString(code) };
        let sentence = (!text.is_null()).then(|| unsafe { CStr::from_ptr(text) }.to_str().ok()).flatten();
        let known = ![i32::MIN, -8, 7, i32::MAX].contains(&code);
        let right = sentence.is_some_and(|s| !s.is_empty() && (s == "unknown error code") != known);
        walk.value("HuddleResultString", &format!("code = {code}"), 1, right as i64);
    }
    // HuddleGenUserSig: any app ID and expiry sign; buffers NULL or too small
    // are -4 and stay untouched.
    let (secret, user) = (c("secret"), c("bad-numbers-user"));
    let sig = |app: u64, expire: u64, buf: *mut c_char, len: usize| unsafe { HuddleGenUserSig(secret.as_ptr(), app, user.as_ptr(), expire, buf, len) } as i64;
    for (app, expire) in [(0, 0), (u64::MAX, u64::MAX), (1_400_000_000, u64::MAX), (u64::MAX, 0)] {
        let mut buf = [0 as c_char; 512];
        walk.value("HuddleGenUserSig", &format!("sdk_app_id = {app}, expire_seconds = {expire}"), 0, sig(app, expire, buf.as_mut_ptr(), 512));
    }
    walk.value("HuddleGenUserSig", "NULL buf", -4, sig(1, 1, null_mut(), 512));
    for len in [0, 1, 16] {
        let mut buf = [0x5A as c_char; 512];
        let ret = sig(1, 86400, buf.as_mut_ptr(), len);
        let untouched = buf.iter().all(|&b| b == 0x5A as c_char);
        walk.value("HuddleGenUserSig", &format!("buf_len = {len} (too small), buffer untouched"), -4, if untouched { ret } else { 1 });
    }
    // HuddleGetLoginUserID: NULL, and too small by one byte, are -4 and write nothing.
    let id = w.alice_id.as_bytes();
    walk.value("HuddleGetLoginUserID", "NULL buf", -4, unsafe { HuddleGetLoginUserID(h, null_mut(), 64) } as i64);
    for len in [0, id.len()] {
        let mut buf = [0x5A as c_char; 64];
        let ret = unsafe { HuddleGetLoginUserID(h, buf.as_mut_ptr(), len) } as i64;
        let untouched = buf.iter().all(|&b| b == 0x5A as c_char);
        walk.value("HuddleGetLoginUserID", &format!("buf_len = {len} (too small), buffer untouched"), -4, if untouched { ret } else { 1 });
    }
    let mut buf = [0x5A as c_char; 64];
    let ret = unsafe { HuddleGetLoginUserID(h, buf.as_mut_ptr(), id.len() + 1) } as i64;
    let exact = unsafe { CStr::from_ptr(buf.as_ptr()) }.to_bytes() == id;
    walk.value("HuddleGetLoginUserID", "buf_len = the ID and its NUL", 0, if exact { ret } else { 1 });
    // message_id_buffer NULL is allowed; a refused send leaves it untouched (w.send checks).
    walk.case("HuddleMsgSendMessage", "NULL message_id_buffer", Async(0), |cb, ud| unsafe {
        HuddleMsgSendMessage(h, bob.as_ptr(), 1, text.as_ptr(), null_mut(), cb, ud)
    } as i64);
    walk.case("HuddleMsgSendMessage", "refused (bad JSON), message_id_buffer untouched", JSON, |cb, ud| w.send(bob.as_ptr(), 1, c("{").as_ptr(), cb, ud));
    walk.finish();
    assert_healthy("numbers");
}

/// A config number that only shows later: the largest revoke window must not
/// overflow when a sender recalls a message. A data dir gives this client an
/// engine of its own, with its own limits.
#[test]
fn config_numbers_reach_the_engine_safely() {
    let dir = tempfile::tempdir().unwrap();
    let config = json!({"callback_mode": "poll", "sdk_config_data_dir": dir.path(), "sdk_config_msg_revoke_seconds": u64::MAX, "sdk_config_msg_retention_seconds": u64::MAX});
    let bob = Client::login("bad-limits-bob", &config.to_string());
    let text = c(r#"{"message_elem_array":[{"elem_type":0,"text_elem_content":"hi"}]}"#);
    let alice = c("bad-limits-alice");
    let sent = bob.call_ok(|cb, ud| unsafe { HuddleMsgSendMessage(bob.h, alice.as_ptr(), 1, text.as_ptr(), null_mut(), cb, ud) });
    let revoke = c(&json!({"message_msg_id": sent["message_msg_id"]}).to_string());
    let rec = Recorder::default();
    // `server_time + revoke_window_secs` saturates: no overflow, a recall within the window.
    let ret = unsafe { HuddleMsgRevoke(bob.h, alice.as_ptr(), 1, revoke.as_ptr(), Some(record), rec.ud()) };
    settle(&[bob.h], || ret != 0 || !rec.0.lock().unwrap().is_empty());
    let codes: Vec<i32> = rec.take().iter().map(|r| r.code).collect();
    assert_eq!((ret, codes), (0, vec![0]), "HuddleMsgRevoke with sdk_config_msg_revoke_seconds = 2^64-1");
}

/// After hostile input the process is whole: thread-mode clients made on
/// refused configs, fed hostile calls and ended leave no thread behind, and a
/// fresh client still logs in, creates, sends and hears back.
#[test]
fn the_process_stays_healthy() {
    let before = threads();
    let bad = c("{");
    let refused_configs = [
        r#"{"callback_mode":"thread","sdk_config_server_url":"http://example.invalid"}"#,
        r#"{"callback_mode":"thread","sdk_config_data_dir":"a\u0000b"}"#,
    ];
    for round in 0..20 {
        for config in refused_configs {
            let mut out = null_mut();
            assert_eq!(unsafe { HuddleInit(c(config).as_ptr(), &mut out) }, -4, "{config}");
        }
        let h = init(r#"{"callback_mode":"thread"}"#);
        let rec = Recorder::default();
        let user = c(&format!("bad-health-{round}"));
        assert_eq!(unsafe { HuddleLogin(h, user.as_ptr(), null(), Some(record), rec.ud()) }, 0);
        let deadline = Instant::now() + Duration::from_secs(5);
        while rec.0.lock().unwrap().is_empty() && Instant::now() < deadline {
            std::thread::sleep(Duration::from_millis(1));
        }
        assert_eq!(rec.take().iter().map(|r| r.code).collect::<Vec<_>>(), [0], "thread-mode login");
        unsafe {
            assert_eq!(HuddleGroupCreate(h, bad.as_ptr(), Some(record), rec.ud()), -3);
            assert_eq!(HuddleGroupCreate(h, big_cstring().as_ptr(), Some(record), rec.ud()), -3);
            assert_eq!(HuddleMsgSendMessage(h, null(), 1, bad.as_ptr(), null_mut(), Some(record), rec.ud()), -5);
            assert_eq!(HuddleUninit(h), 0);
            assert_eq!(HuddleUninit(h), -1);
        }
        assert!(rec.take().is_empty(), "a refused call called back");
    }
    if let (Some(before), Some(after)) = (before, threads()) {
        // Other tests of this file run in parallel threads of their own: a
        // margin for them; a leak per client or per round would be 20 or more.
        // A thread-mode HuddleInit refused at transport open (a server URL
        // that is not ws://, a data dir with NUL) leaves no dispatcher thread.
        assert!(after <= before + 10, "threads grew from {before} to {after} over 20 rounds of hostile clients");
    }
    assert_healthy("health");
}
