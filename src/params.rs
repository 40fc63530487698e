//! Request parameters, deserialized straight from Tencent's JSON keys. Unknown
//! keys are ignored, absent optional keys take the documented defaults.

use serde::de::DeserializeOwned;
use serde::{Deserialize, Deserializer, Serialize};

use crate::types::{AddOption, GroupType, MsgFlag, Role};

/// A custom field of a group (`group_info_custom_string_info_*`).
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct GroupCustom {
    #[serde(rename = "group_info_custom_string_info_key")]
    pub key: String,
    #[serde(rename = "group_info_custom_string_info_value", default)]
    pub value: String,
}

/// A custom field of a member (`group_member_info_custom_string_info_*`).
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct MemberCustom {
    #[serde(rename = "group_member_info_custom_string_info_key")]
    pub key: String,
    #[serde(rename = "group_member_info_custom_string_info_value", default)]
    pub value: String,
}

/// An initial member of a new group.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct InitialMember {
    #[serde(rename = "group_member_info_identifier")]
    pub user_id: String,
    #[serde(rename = "group_member_info_member_role", default, deserialize_with = "role_or_none")]
    pub role: Option<Role>,
    #[serde(rename = "group_member_info_custom_info", default, deserialize_with = "objects")]
    pub custom: Vec<MemberCustom>,
}

/// Tencent's "None" role (0) means "not given".
fn role_or_none<'de, D: Deserializer<'de>>(d: D) -> Result<Option<Role>, D::Error> {
    match Option::<i64>::deserialize(d)? {
        None | Some(0) => Ok(None),
        Some(v) => Role::from_int(v)
            .map(Some)
            .ok_or_else(|| serde::de::Error::custom(format!("{} is not a valid member role", v))),
    }
}

#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct CreateGroupParam {
    #[serde(rename = "create_group_param_group_id", default)]
    pub group_id: Option<String>,
    #[serde(rename = "create_group_param_group_name")]
    pub name: String,
    #[serde(rename = "create_group_param_group_type", default)]
    pub group_type: Option<GroupType>,
    #[serde(rename = "create_group_param_group_member_array", default, deserialize_with = "objects")]
    pub members: Vec<InitialMember>,
    #[serde(rename = "create_group_param_notification", default)]
    pub notification: String,
    #[serde(rename = "create_group_param_introduction", default)]
    pub introduction: String,
    #[serde(rename = "create_group_param_face_url", default)]
    pub face_url: String,
    #[serde(rename = "create_group_param_add_option", default)]
    pub add_option: Option<AddOption>,
    #[serde(rename = "create_group_param_max_member_num", default)]
    pub max_member_num: Option<u32>,
    #[serde(rename = "create_group_param_custom_info", default, deserialize_with = "objects")]
    pub custom_info: Vec<GroupCustom>,
    /// Communities only: whether it takes topics.
    #[serde(rename = "create_group_param_is_support_topic", default)]
    pub support_topic: bool,
}

#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct InviteParam {
    #[serde(rename = "group_invite_member_param_group_id")]
    pub group_id: String,
    #[serde(rename = "group_invite_member_param_identifier_array")]
    pub users: Vec<String>,
    #[serde(rename = "group_invite_member_param_user_data", default)]
    pub user_data: String,
}

#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct KickParam {
    #[serde(rename = "group_delete_member_param_group_id")]
    pub group_id: String,
    #[serde(rename = "group_delete_member_param_identifier_array")]
    pub users: Vec<String>,
    #[serde(rename = "group_delete_member_param_user_data", default)]
    pub user_data: String,
    /// Seconds during which the kicked users cannot rejoin.
    #[serde(rename = "group_delete_member_param_duration", default)]
    pub duration: u64,
}

/// A nested object. serde would also fill a struct from an array, by
/// position (`[1, "x"]` for `{"a": 1, "b": "x"}`): Tencent's JSON never
/// means that, so it is refused.
fn object<'de, D: Deserializer<'de>, T: DeserializeOwned>(d: D) -> Result<T, D::Error> {
    from_object(serde_json::Value::deserialize(d)?)
}

fn from_object<E: serde::de::Error, T: DeserializeOwned>(v: serde_json::Value) -> Result<T, E> {
    if !v.is_object() {
        return Err(E::custom(format!("expected a JSON object, not {}", v)));
    }
    T::deserialize(v).map_err(E::custom)
}

/// `object`, or null / absent.
fn optional_object<'de, D: Deserializer<'de>, T: DeserializeOwned>(d: D) -> Result<Option<T>, D::Error> {
    Option::<serde_json::Value>::deserialize(d)?.map(from_object).transpose()
}

/// An array of nested objects (see `object`).
fn objects<'de, D: Deserializer<'de>, T: DeserializeOwned>(d: D) -> Result<Vec<T>, D::Error> {
    Vec::<serde_json::Value>::deserialize(d)?.into_iter().map(from_object).collect()
}

/// Tencent's examples write the Owner flag (1 << 31) as a negative int32: take both.
fn flag_bits<'de, D: Deserializer<'de>>(d: D) -> Result<u32, D::Error> {
    let v = i64::deserialize(d)?;
    if (i32::MIN as i64..=u32::MAX as i64).contains(&v) {
        Ok(v as u32)
    } else {
        Err(serde::de::Error::custom(format!("{} is not a 32-bit flag set", v)))
    }
}

#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct ModifyGroupParam {
    #[serde(rename = "group_modify_info_param_group_id")]
    pub group_id: String,
    #[serde(rename = "group_modify_info_param_modify_flag", deserialize_with = "flag_bits")]
    pub flags: u32,
    #[serde(rename = "group_modify_info_param_group_name", default)]
    pub name: Option<String>,
    #[serde(rename = "group_modify_info_param_notification", default)]
    pub notification: Option<String>,
    #[serde(rename = "group_modify_info_param_introduction", default)]
    pub introduction: Option<String>,
    #[serde(rename = "group_modify_info_param_face_url", default)]
    pub face_url: Option<String>,
    #[serde(rename = "group_modify_info_param_add_option", default)]
    pub add_option: Option<AddOption>,
    #[serde(rename = "group_modify_info_param_max_member_num", default)]
    pub max_member_num: Option<u32>,
    #[serde(rename = "group_modify_info_param_is_shutup_all", default)]
    pub shutup_all: Option<bool>,
    #[serde(rename = "group_modify_info_param_owner", default)]
    pub owner: Option<String>,
    #[serde(rename = "group_modify_info_param_custom_info", default, deserialize_with = "objects")]
    pub custom_info: Vec<GroupCustom>,
}

impl ModifyGroupParam {
    /// Whether every key the modify flag names is there (the C API refuses
    /// a call that lacks one, -4).
    pub fn names_its_keys(&self) -> bool {
        use crate::types::modify_flag as f;
        let has = |bit: u32, present: bool| self.flags & bit == 0 || present;
        has(f::NAME, self.name.is_some())
            && has(f::NOTIFICATION, self.notification.is_some())
            && has(f::INTRODUCTION, self.introduction.is_some())
            && has(f::FACE_URL, self.face_url.is_some())
            && has(f::ADD_OPTION, self.add_option.is_some())
            && has(f::MAX_MEMBER_NUM, self.max_member_num.is_some())
            && has(f::SHUTUP_ALL, self.shutup_all.is_some())
            && has(f::OWNER, self.owner.is_some())
    }
}

#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct MemberInfoOption {
    /// Bits of `types::role_filter`; 0 for every role.
    #[serde(rename = "group_member_get_info_option_role_flag", default)]
    pub role_flag: u32,
}

#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct GetMembersParam {
    #[serde(rename = "group_get_members_info_list_param_group_id")]
    pub group_id: String,
    /// Empty: every member (a page at a time).
    #[serde(rename = "group_get_members_info_list_param_identifier_array", default)]
    pub users: Vec<String>,
    #[serde(rename = "group_get_members_info_list_param_option", default, deserialize_with = "object")]
    pub option: MemberInfoOption,
    #[serde(rename = "group_get_members_info_list_param_next_seq", default)]
    pub next_seq: u64,
}

#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct ModifyMemberParam {
    #[serde(rename = "group_modify_member_info_group_id")]
    pub group_id: String,
    #[serde(rename = "group_modify_member_info_identifier")]
    pub user_id: String,
    #[serde(rename = "group_modify_member_info_modify_flag", deserialize_with = "flag_bits")]
    pub flags: u32,
    #[serde(rename = "group_modify_member_info_msg_flag", default)]
    pub msg_flag: Option<MsgFlag>,
    #[serde(rename = "group_modify_member_info_member_role", default)]
    pub role: Option<Role>,
    /// Seconds of mute from now; 0 unmutes.
    #[serde(rename = "group_modify_member_info_shutup_time", default)]
    pub shutup_time: Option<u64>,
    #[serde(rename = "group_modify_member_info_name_card", default)]
    pub name_card: Option<String>,
    #[serde(rename = "group_modify_member_info_custom_info", default, deserialize_with = "objects")]
    pub custom_info: Vec<MemberCustom>,
}

impl ModifyMemberParam {
    /// Whether every key the modify flag names is there (see `ModifyGroupParam::names_its_keys`).
    pub fn names_its_keys(&self) -> bool {
        use crate::types::member_flag as f;
        let has = |bit: u32, present: bool| self.flags & bit == 0 || present;
        has(f::MSG_FLAG, self.msg_flag.is_some())
            && has(f::ROLE, self.role.is_some())
            && has(f::SHUTUP_TIME, self.shutup_time.is_some())
            && has(f::NAME_CARD, self.name_card.is_some())
    }
}

#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct PendencyOption {
    /// 0 for the first page, then the previous page's `next_start_time`.
    #[serde(rename = "group_pendency_option_start_time", default)]
    pub start_time: u64,
    #[serde(rename = "group_pendency_option_max_limited", default)]
    pub max_limited: u32,
}

/// The pendency to handle, as `HuddleGroupGetPendencyList` returned it. The
/// key identifies it; without one, the newest unhandled request of the user
/// for the group is meant.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct PendencyRef {
    #[serde(rename = "group_pendency_group_id")]
    pub group_id: String,
    #[serde(rename = "group_pendency_form_identifier")]
    pub from: String,
    #[serde(rename = "group_pendency_key", default)]
    pub key: Option<String>,
}

#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct HandlePendencyParam {
    #[serde(rename = "group_handle_pendency_param_is_accept", default)]
    pub accept: bool,
    #[serde(rename = "group_handle_pendency_param_handle_msg", default)]
    pub msg: String,
    #[serde(rename = "group_handle_pendency_param_pendency", deserialize_with = "object")]
    pub pendency: PendencyRef,
}

#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct MuteAllowlistParam {
    #[serde(rename = "group_mute_allowlist_param_group_id")]
    pub group_id: String,
    #[serde(rename = "group_mute_allowlist_param_identifier_array")]
    pub users: Vec<String>,
    #[serde(rename = "group_mute_allowlist_param_is_add")]
    pub is_add: bool,
}

/// The message of `HuddleMsgSendMessage` (Tencent's Message object, the keys a sender sets).
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct SendParam {
    #[serde(rename = "message_elem_array")]
    pub elems: Vec<serde_json::Value>,
    #[serde(rename = "message_group_at_user_array", default)]
    pub at_users: Vec<String>,
    #[serde(rename = "message_target_group_member_array", default)]
    pub targets: Vec<String>,
    #[serde(rename = "message_client_time", default)]
    pub client_time: u64,
    #[serde(rename = "message_rand", default)]
    pub random: u32,
    #[serde(rename = "message_cloud_custom_str", default)]
    pub cloud_custom_data: String,
    /// Tencent's TIMMsgPriority: what an AVChatRoom under load drops first.
    #[serde(rename = "message_priority", default)]
    pub priority: crate::types::MsgPriority,
    /// Readers may send read receipts (`HuddleMsgSendMessageReadReceipts`).
    #[serde(rename = "message_need_read_receipt", default)]
    pub need_read_receipt: bool,
    /// Readers may set extensions (`HuddleMsgSetMessageExtensions`).
    #[serde(rename = "message_support_message_extension", default)]
    pub support_extension: bool,
    /// The sender's sessions are not told of it (the REST API's `SyncOtherMachine` 2).
    #[serde(skip)]
    pub quiet_to_sender: bool,
}

/// Names a message: by ID, or by its sequence in the conversation (its ID
/// when JSON gives both). JSON that names neither is refused.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(try_from = "MessageKeys", into = "MessageKeys")]
pub enum MessageRef {
    Id(String),
    Seq(u64),
}

/// A message as Tencent's receipt, extension, reaction and pin calls name
/// it: the message's own JSON, of which its conversation (`message_conv_id`
/// and `message_conv_type`, as the caller got them) and its ID or sequence
/// count; the other keys are ignored.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct MsgKey {
    #[serde(rename = "message_conv_type")]
    pub conv_type: crate::types::ConvType,
    #[serde(rename = "message_conv_id")]
    pub conv_id: String,
    #[serde(flatten)]
    pub msg: MessageRef,
}

/// A message as `HuddleMsgSetMessageExtensions` names it: which one, and the
/// `message_extension_version` the caller's copy shows (none: not checked).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ExtensionTarget {
    #[serde(flatten)]
    pub key: MsgKey,
    #[serde(rename = "message_extension_version", default, skip_serializing_if = "Option::is_none")]
    pub seen: Option<u64>,
}

impl From<MsgKey> for ExtensionTarget {
    /// A message named without a copy of it: its extension version is not checked.
    fn from(key: MsgKey) -> ExtensionTarget {
        ExtensionTarget { key, seen: None }
    }
}

/// `MessageRef` as Tencent's keys carry it.
#[derive(Clone, Debug, Serialize, Deserialize)]
struct MessageKeys {
    #[serde(rename = "message_msg_id", default, skip_serializing_if = "Option::is_none")]
    msg_id: Option<String>,
    #[serde(rename = "message_seq", default, skip_serializing_if = "Option::is_none")]
    seq: Option<u64>,
}

impl TryFrom<MessageKeys> for MessageRef {
    type Error = &'static str;

    fn try_from(k: MessageKeys) -> Result<MessageRef, &'static str> {
        match (k.msg_id, k.seq) {
            (Some(id), _) => Ok(MessageRef::Id(id)),
            (None, Some(seq)) => Ok(MessageRef::Seq(seq)),
            (None, None) => Err("name the message by message_msg_id or message_seq"),
        }
    }
}

impl From<MessageRef> for MessageKeys {
    fn from(r: MessageRef) -> MessageKeys {
        match r {
            MessageRef::Id(id) => MessageKeys { msg_id: Some(id), seq: None },
            MessageRef::Seq(seq) => MessageKeys { msg_id: None, seq: Some(seq) },
        }
    }
}

#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct GetMsgListParam {
    /// At most 100; default 20.
    #[serde(rename = "msg_getmsglist_param_count", default)]
    pub count: u32,
    /// Start below this message (exclusive); absent: from the newest.
    #[serde(rename = "msg_getmsglist_param_last_msg", default, deserialize_with = "optional_object")]
    pub last_msg: Option<MessageRef>,
}

#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct ConvFilter {
    /// Conversations in this conversation group; "" means in none.
    #[serde(rename = "conversation_list_filter_conversation_group", default)]
    pub conversation_group: Option<String>,
    #[serde(rename = "conversation_list_filter_conv_type", default)]
    pub conv_type: Option<crate::types::ConvType>,
    #[serde(rename = "conversation_list_filter_has_unread_count", default)]
    pub has_unread: bool,
    #[serde(rename = "conversation_list_filter_has_group_at_info", default)]
    pub has_at_info: bool,
    /// Tencent's TIMConversationMarkType bits the conversations carry (all
    /// of them); 0: conversations without any mark.
    #[serde(rename = "conversation_list_filter_mark_type", default, skip_serializing_if = "Option::is_none")]
    pub mark_type: Option<u64>,
}

/// A custom string field of a user's profile (`user_profile_custom_string_info_*`).
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct ProfileCustom {
    /// With or without Tencent's `Tag_Profile_Custom_` prefix.
    #[serde(rename = "user_profile_custom_string_info_key")]
    pub key: String,
    #[serde(rename = "user_profile_custom_string_info_value", default)]
    pub value: String,
}

/// `HuddleProfileModifySelfUserProfile`'s param (Tencent's UserProfileItem):
/// the keys present are changed, the others kept. Tencent's other items
/// (gender, signature, ...) are not kept by Huddle and are ignored.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct ModifySelfProfileParam {
    #[serde(rename = "user_profile_item_nick_name", default)]
    pub nick_name: Option<String>,
    #[serde(rename = "user_profile_item_face_url", default)]
    pub face_url: Option<String>,
    #[serde(rename = "user_profile_item_custom_string_array", default, deserialize_with = "objects")]
    pub custom: Vec<ProfileCustom>,
}

/// `HuddleProfileGetUserProfileList`'s param (Tencent's FriendShipGetProfileListParam).
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct GetProfileListParam {
    #[serde(rename = "friendship_getprofilelist_param_identifier_array")]
    pub user_ids: Vec<String>,
}

/// One entry of `HuddleConvGetConvInfo`'s array (Tencent's GetConversationListParam).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct GetConvListParam {
    #[serde(rename = "get_conversation_list_param_conv_id")]
    pub conv_id: String,
    #[serde(rename = "get_conversation_list_param_conv_type")]
    pub conv_type: crate::types::ConvType,
}

// Deleting, editing, finding, inserting and searching messages (issue 13).

/// `HuddleMsgDelete`'s param (Tencent's MsgDeleteParam).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct MsgDeleteParam {
    #[serde(rename = "msg_delete_param_msg", deserialize_with = "object")]
    pub msg: MessageRef,
    /// Local or roaming: the same in Huddle, which keeps one copy of the user's messages.
    #[serde(rename = "msg_delete_param_is_ramble", default)]
    pub is_ramble: bool,
}

/// A whole message as `HuddleMsgModifyMessage` and `HuddleMsgSetLocalCustomData`
/// take it: where it is, which one, and the keys they change.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct MessageParam {
    #[serde(rename = "message_conv_id")]
    pub conv_id: String,
    #[serde(rename = "message_conv_type")]
    pub conv_type: crate::types::ConvType,
    #[serde(rename = "message_msg_id", default)]
    pub msg_id: Option<String>,
    #[serde(rename = "message_seq", default)]
    pub seq: Option<u64>,
    #[serde(rename = "message_elem_array", default)]
    pub elems: Option<Vec<serde_json::Value>>,
    #[serde(rename = "message_cloud_custom_str", default)]
    pub cloud_custom_data: Option<String>,
    /// The version the caller edited (0 if absent: the message as sent).
    #[serde(rename = "message_version", default)]
    pub version: u64,
    #[serde(rename = "message_custom_str", default)]
    pub custom_str: String,
    #[serde(rename = "message_custom_int", default)]
    pub custom_int: u32,
}

impl MessageParam {
    pub fn msg_ref(&self) -> Result<MessageRef, &'static str> {
        MessageRef::try_from(MessageKeys { msg_id: self.msg_id.clone(), seq: self.seq })
    }
}

/// A message inserted locally (`HuddleMsgSaveMsg`, `HuddleMsgImportMsgList`):
/// Tencent's Message keys an app sets when it builds one.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct LocalMessage {
    #[serde(rename = "message_elem_array")]
    pub elems: Vec<serde_json::Value>,
    /// Default: the caller.
    #[serde(rename = "message_sender", default)]
    pub sender: String,
    /// Default: now.
    #[serde(rename = "message_server_time", default)]
    pub server_time: u64,
    #[serde(rename = "message_client_time", default)]
    pub client_time: u64,
    #[serde(rename = "message_cloud_custom_str", default)]
    pub cloud_custom_data: String,
    #[serde(rename = "message_rand", default)]
    pub random: u32,
}

/// Tencent's MsgLocator: a message by its seq (or `message_locator_unique_id`,
/// or Huddle's `message_locator_msg_id`), checked against the rest given.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct MsgLocator {
    #[serde(rename = "message_locator_seq", default)]
    pub seq: u64,
    #[serde(rename = "message_locator_unique_id", default)]
    pub unique_id: u64,
    #[serde(rename = "message_locator_msg_id", default)]
    pub msg_id: String,
    /// 0: any.
    #[serde(rename = "message_locator_rand", default)]
    pub random: u64,
    /// 0: any.
    #[serde(rename = "message_locator_time", default)]
    pub time: u64,
}

/// Tencent's TIMKeywordListMatchType.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(into = "i32", try_from = "i32")]
pub enum KeywordMatch {
    #[default]
    Or = 0,
    And = 1,
}

impl From<KeywordMatch> for i32 {
    fn from(m: KeywordMatch) -> i32 {
        m as i32
    }
}

impl TryFrom<i32> for KeywordMatch {
    type Error = String;
    fn try_from(v: i32) -> Result<Self, String> {
        match v {
            0 => Ok(KeywordMatch::Or),
            1 => Ok(KeywordMatch::And),
            _ => Err(format!("{} is not a keyword match type (0 Or, 1 And)", v)),
        }
    }
}

/// `HuddleMsgSearchLocalMessages`' param (Tencent's MessageSearchParam).
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct SearchParam {
    #[serde(rename = "msg_search_param_keyword_array", default)]
    pub keywords: Vec<String>,
    #[serde(rename = "msg_search_param_keyword_list_match_type", default)]
    pub match_type: KeywordMatch,
    #[serde(rename = "msg_search_param_message_type_array", default)]
    pub message_types: Vec<u32>,
    #[serde(rename = "msg_search_param_send_identifier_array", default)]
    pub senders: Vec<String>,
    /// With `conv_type` 1 or 2: that conversation only; otherwise all.
    #[serde(rename = "msg_search_param_conv_id", default)]
    pub conv_id: String,
    /// Tencent's TIMConvType; 0 (Invalid): every conversation.
    #[serde(rename = "msg_search_param_conv_type", default)]
    pub conv_type: i32,
    /// Seconds; 0: now.
    #[serde(rename = "msg_search_param_search_time_position", default)]
    pub time_position: u64,
    /// Seconds before the position; 0: no limit.
    #[serde(rename = "msg_search_param_search_time_period", default)]
    pub time_period: u64,
    #[serde(rename = "msg_search_param_page_index", default)]
    pub page_index: u32,
    /// 0: everything in one page.
    #[serde(rename = "msg_search_param_page_size", default)]
    pub page_size: u32,
}

/// Tencent's TIMGroupTopicInfo as a caller writes it: to create a topic
/// (`HuddleGroupCreateTopicInCommunity`, every key optional but the name)
/// or to change one (`HuddleGroupSetTopicInfo`, the ID and the modify flag
/// required, the keys the flag names).
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct TopicInfoParam {
    #[serde(rename = "group_topic_info_topic_id", default)]
    pub topic_id: Option<String>,
    #[serde(rename = "group_topic_info_topic_name", default)]
    pub name: Option<String>,
    #[serde(rename = "group_topic_info_introduction", default)]
    pub introduction: Option<String>,
    #[serde(rename = "group_topic_info_notification", default)]
    pub notification: Option<String>,
    #[serde(rename = "group_topic_info_topic_face_url", default)]
    pub face_url: Option<String>,
    #[serde(rename = "group_topic_info_is_all_muted", default)]
    pub all_muted: Option<bool>,
    #[serde(rename = "group_topic_info_custom_string", default)]
    pub custom_string: Option<String>,
    #[serde(rename = "group_topic_info_draft_text", default)]
    pub draft_text: Option<String>,
    /// Bits of `types::topic_modify_flag` (Tencent's TIMCommunityTopicModifyInfoFlag).
    #[serde(rename = "group_modify_info_param_modify_flag", default, deserialize_with = "flag_bits")]
    pub flags: u32,
}

/// Tencent's GroupSearchParam, as local search reads it.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct GroupSearchParam {
    #[serde(rename = "group_search_params_keyword_list", default)]
    pub keywords: Vec<String>,
    /// Bits of `types::group_search_field`; empty: both.
    #[serde(rename = "group_search_params_field_list", default)]
    pub fields: Vec<u32>,
}

/// Tencent's GroupMemberSearchParam, as local search reads it.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct MemberSearchParam {
    /// Empty: every group of the caller's.
    #[serde(rename = "group_search_member_params_groupid_list", default)]
    pub group_ids: Vec<String>,
    #[serde(rename = "group_search_member_params_keyword_list", default)]
    pub keywords: Vec<String>,
    /// Bits of `types::member_search_field`.
    #[serde(rename = "group_search_member_params_field_list", default)]
    pub fields: Vec<u32>,
}
