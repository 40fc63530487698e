//! API.md section 5 as data: one row of rules per group type. Operations ask
//! the table; no `if group_type == ...` elsewhere decides a permission.

use crate::types::{AddOption, GroupType, Role};

/// Who may perform an operation. An app admin passes every check but `Nobody`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Who {
    Nobody,
    AppAdmin,
    Owner,
    OwnerOrAdmin,
    AnyMember,
}

impl Who {
    /// `role` is the actor's role in the group, `None` for a non-member.
    pub fn allows(self, role: Option<Role>, app_admin: bool) -> bool {
        match self {
            Who::Nobody => false,
            _ if app_admin => true,
            Who::AppAdmin => false,
            Who::Owner => role == Some(Role::Owner),
            Who::OwnerOrAdmin => matches!(role, Some(Role::Owner | Role::Admin)),
            Who::AnyMember => role.is_some(),
        }
    }
}

/// What `GroupJoin` does for a non-member.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum JoinPolicy {
    /// Refused with 8508: the group is entered by invitation only.
    InviteOnly,
    /// The group's add option decides: Any joins, Auth asks, Forbid refuses.
    ByAddOption,
    /// Anyone joins at once.
    Free,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct TypeRules {
    pub join: JoinPolicy,
    pub default_add_option: AddOption,
    pub invite: Who,
    pub owner_may_quit: bool,
    pub disband: Who,
    pub kick: Who,
    /// Edits of name, introduction, notification, face URL and custom fields.
    pub edit_profile: Who,
    pub transfer_owner: Who,
    pub in_joined_list: bool,
    pub keeps_member_profiles: bool,
    /// `None`: no limit.
    pub max_members: Option<u32>,
    /// Messages reach only the members online, are kept for no one, and
    /// the group behaves as a chat room (`chatroom`): AVChatRoom.
    pub online_only: bool,
}

const WORK: TypeRules = TypeRules {
    join: JoinPolicy::InviteOnly,
    default_add_option: AddOption::Forbid,
    invite: Who::AnyMember,
    owner_may_quit: true,
    disband: Who::AppAdmin,
    kick: Who::Owner,
    edit_profile: Who::AnyMember,
    transfer_owner: Who::Owner,
    in_joined_list: true,
    keeps_member_profiles: true,
    max_members: Some(200),
    online_only: false,
};

const PUBLIC: TypeRules = TypeRules {
    join: JoinPolicy::ByAddOption,
    default_add_option: AddOption::Auth,
    invite: Who::AppAdmin,
    owner_may_quit: false,
    disband: Who::Owner,
    kick: Who::OwnerOrAdmin,
    edit_profile: Who::OwnerOrAdmin,
    transfer_owner: Who::Owner,
    in_joined_list: true,
    keeps_member_profiles: true,
    max_members: Some(2000),
    online_only: false,
};

// Tencent's group rules: beyond Work and Community, "the result of the
// membership application depends on the ApplyJoinOption field"; a Meeting
// group is free to join by default (API.md's "free").
const MEETING: TypeRules = TypeRules {
    join: JoinPolicy::ByAddOption,
    default_add_option: AddOption::Any,
    max_members: Some(10000),
    ..PUBLIC
};

const COMMUNITY: TypeRules = TypeRules {
    join: JoinPolicy::ByAddOption,
    default_add_option: AddOption::Any,
    invite: Who::AnyMember,
    max_members: Some(100_000),
    ..PUBLIC
};

// Audio-video groups are free to join whatever the add option says (Tencent).
const AV_CHAT_ROOM: TypeRules = TypeRules {
    join: JoinPolicy::Free,
    default_add_option: AddOption::Any,
    invite: Who::Nobody,
    transfer_owner: Who::Nobody,
    in_joined_list: false,
    keeps_member_profiles: false,
    max_members: None,
    online_only: true,
    ..PUBLIC
};

pub fn rules(t: GroupType) -> &'static TypeRules {
    match t {
        GroupType::Work => &WORK,
        GroupType::Public => &PUBLIC,
        GroupType::Meeting => &MEETING,
        GroupType::Community => &COMMUNITY,
        GroupType::AvChatRoom => &AV_CHAT_ROOM,
    }
}

/// Who may change the add option, the shutup-all switch, the mute allowlist,
/// roles and other members' mute and name cards, in every type.
pub(crate) const MANAGE: Who = Who::OwnerOrAdmin;

/// Who may raise or lower a group's member cap.
pub(crate) const SET_MAX_MEMBERS: Who = Who::Owner;

/// Who may set and cancel admins.
pub(crate) const SET_ADMIN: Who = Who::Owner;
