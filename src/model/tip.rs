//! Group tips: what members are told when a group changes, and to whom.

use serde::{Deserialize, Serialize};

use crate::types::{ChangeFlag, JoinType, Role, TipType};

/// The operator's profile as Tencent's UserProfile
/// (`group_tips_elem_op_user_info`), as it was when the tip was sent.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct OpUserInfo {
    #[serde(rename = "user_profile_identifier")]
    pub user_id: String,
    #[serde(rename = "user_profile_nick_name", default)]
    pub nick_name: String,
    #[serde(rename = "user_profile_face_url", default)]
    pub face_url: String,
}

/// The operator's member record as Tencent's GroupMemberInfo
/// (`group_tips_elem_op_group_memberinfo`): as the operation left it, or
/// as it was before when the operation ended the membership.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct OpMemberInfo {
    #[serde(rename = "group_member_info_identifier")]
    pub user_id: String,
    #[serde(rename = "group_member_info_name_card", default)]
    pub name_card: String,
    #[serde(rename = "group_member_info_member_role")]
    pub role: Role,
}

/// One item of a GroupInfoChange tip.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct GroupChange {
    #[serde(rename = "group_tips_group_change_info_flag")]
    pub flag: ChangeFlag,
    /// The new value as text (IDs, names, the add option's integer).
    #[serde(rename = "group_tips_group_change_info_value")]
    pub value: String,
    /// The custom field's key, for `ChangeFlag::Custom`.
    #[serde(rename = "group_tips_group_change_info_key", default, skip_serializing_if = "String::is_empty")]
    pub key: String,
    #[serde(rename = "group_tips_group_change_info_bool_value", default, skip_serializing_if = "Option::is_none")]
    pub bool_value: Option<bool>,
    #[serde(rename = "group_tips_group_change_info_int_value", default, skip_serializing_if = "Option::is_none")]
    pub int_value: Option<i64>,
}

impl GroupChange {
    pub fn text(flag: ChangeFlag, value: impl Into<String>) -> GroupChange {
        GroupChange { flag, value: value.into(), key: String::new(), bool_value: None, int_value: None }
    }
}

/// One item of a MemberInfoChange tip.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct MemberChange {
    #[serde(rename = "group_tips_member_change_info_identifier")]
    pub user_id: String,
    /// Seconds of mute left; 0 when unmuted.
    #[serde(rename = "group_tips_member_change_info_shutupTime")]
    pub shutup_time: u64,
}

/// One item of a MemberMarkChange tip (Tencent's GroupTipMemberMarkChangeInfo).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct MarkChange {
    #[serde(rename = "group_tips_member_mark_change_info_enableMark")]
    pub enable: bool,
    #[serde(rename = "group_tips_member_mark_change_info_markType")]
    pub mark_type: u32,
    #[serde(rename = "group_tips_member_mark_change_info_userIDList")]
    pub users: Vec<String>,
}

/// A group tip and who receives it. Serializes with Tencent's `group_tips_elem_*` keys.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Tip {
    #[serde(rename = "group_tips_elem_tip_type")]
    pub tip_type: TipType,
    #[serde(rename = "group_tips_elem_group_id")]
    pub group_id: String,
    #[serde(rename = "group_tips_elem_group_name")]
    pub group_name: String,
    #[serde(rename = "group_tips_elem_op_user")]
    pub op_user: String,
    /// The operator's profile; none when the system acted (an empty `op_user`).
    #[serde(rename = "group_tips_elem_op_user_info", default, skip_serializing_if = "Option::is_none")]
    pub op_user_info: Option<OpUserInfo>,
    /// The operator's member record; none when the operator is not a member
    /// (an app admin, an applicant).
    #[serde(rename = "group_tips_elem_op_group_memberinfo", default, skip_serializing_if = "Option::is_none")]
    pub op_member_info: Option<OpMemberInfo>,
    /// The users the change is about.
    #[serde(rename = "group_tips_elem_user_array")]
    pub users: Vec<String>,
    #[serde(rename = "group_tips_elem_time")]
    pub time: u64,
    /// Member count after the change.
    #[serde(rename = "group_tips_elem_member_num")]
    pub member_num: u32,
    #[serde(rename = "group_tips_elem_join_type", default, skip_serializing_if = "Option::is_none")]
    pub join_type: Option<JoinType>,
    #[serde(rename = "group_tips_elem_group_change_info_array", default, skip_serializing_if = "Vec::is_empty")]
    pub group_changes: Vec<GroupChange>,
    #[serde(rename = "group_tips_elem_member_change_info_array", default, skip_serializing_if = "Vec::is_empty")]
    pub member_changes: Vec<MemberChange>,
    /// The applicant's hello message (JoinRequest) or the handler's answer (JoinRejected).
    #[serde(rename = "group_tips_elem_msg", default, skip_serializing_if = "String::is_empty")]
    pub msg: String,
    /// MemberMarkChange: the marks set or removed.
    #[serde(rename = "group_tips_elem_member_mark_info_array", default, skip_serializing_if = "Vec::is_empty")]
    pub mark_changes: Vec<MarkChange>,
    /// TopicCreated and TopicDeleted: the topics (Huddle's key).
    #[serde(rename = "group_tips_elem_topic_id_array", default, skip_serializing_if = "Vec::is_empty")]
    pub topic_ids: Vec<String>,
    /// TopicInfoChange: the topic as changed, Tencent's TIMGroupTopicInfo
    /// without the reader's own fields (Huddle's key).
    #[serde(rename = "group_tips_elem_topic_info", default, skip_serializing_if = "Option::is_none")]
    pub topic_info: Option<serde_json::Value>,
    /// Who receives the tip; not part of its JSON.
    #[serde(skip)]
    pub audience: Audience,
    /// The engine-wide order of the tip: its event's seq.
    #[serde(skip)]
    pub order: u64,
    /// The ID of the GroupTips message the tip also arrives as.
    #[serde(skip)]
    pub msg_id: String,
}

/// Who receives a tip. Named rather than listed, so that a tip in a group
/// of thousands copies no member list; resolved when it is published,
/// against the group as the operation left it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Audience {
    /// The group's members, and these users besides (who just left or were removed).
    Members { group_id: String, and: Vec<String> },
    /// Exactly these users: a group's managers, an applicant, the members of a disbanded group.
    Users(Vec<String>),
}

/// Nobody: what a stored tip's JSON alone says (its record names the audience).
impl Default for Audience {
    fn default() -> Self {
        Audience::Users(Vec::new())
    }
}

impl Audience {
    /// The members of `group`.
    pub fn members(group: &super::GroupProfile) -> Audience {
        Audience::Members { group_id: group.id.clone(), and: Vec::new() }
    }

    /// The members of `group`, and `gone`, who no longer are.
    pub fn members_and(group: &super::GroupProfile, gone: Vec<String>) -> Audience {
        Audience::Members { group_id: group.id.clone(), and: gone }
    }
}

impl Tip {
    /// A tip with no change lists; callers fill in what their kind carries.
    pub fn new(
        tip_type: TipType,
        group: &super::GroupProfile,
        op_user: &str,
        users: Vec<String>,
        time: u64,
        member_num: u32,
        audience: Audience,
    ) -> Tip {
        Tip {
            tip_type,
            group_id: group.id.clone(),
            group_name: group.name.clone(),
            op_user: op_user.to_string(),
            op_user_info: None,
            op_member_info: None,
            users,
            time,
            member_num,
            join_type: None,
            group_changes: Vec::new(),
            member_changes: Vec::new(),
            msg: String::new(),
            mark_changes: Vec::new(),
            topic_ids: Vec::new(),
            topic_info: None,
            audience,
            order: 0,
            msg_id: String::new(),
        }
    }
}
