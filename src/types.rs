//! Domain enums with the integers of API.md section 4 (Tencent's), so that a
//! value parsed from JSON is either a real variant or an error, never a stray int.

use serde::{Deserialize, Deserializer, Serialize, Serializer};

/// Declares a fieldless enum carried as an integer on the wire.
macro_rules! int_enum {
    ($(#[$meta:meta])* $name:ident : $repr:ty { $($(#[$vmeta:meta])* $variant:ident = $value:expr),+ $(,)? }) => {
        $(#[$meta])*
        #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
        pub enum $name { $($(#[$vmeta])* $variant),+ }

        impl $name {
            pub const ALL: &'static [$name] = &[$($name::$variant),+];

            pub fn from_int(v: i64) -> Option<Self> {
                match v { $(x if x == $value as i64 => Some($name::$variant),)+ _ => None }
            }

            pub fn as_int(self) -> $repr {
                match self { $($name::$variant => $value),+ }
            }
        }

        impl Serialize for $name {
            fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
                self.as_int().serialize(s)
            }
        }

        impl<'de> Deserialize<'de> for $name {
            fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
                let v = i64::deserialize(d)?;
                $name::from_int(v).ok_or_else(|| serde::de::Error::custom(
                    format!("{} is not a valid {}", v, stringify!($name))))
            }
        }
    };
}

int_enum!(
    /// The five group types.
    GroupType: i32 { Public = 0, Work = 1, Meeting = 2, AvChatRoom = 4, Community = 5 }
);

int_enum!(
    /// How a non-member may join.
    AddOption: i32 { Forbid = 0, Auth = 1, Any = 2 }
);

int_enum!(
    /// A member's role; the order of the integers is the order of power.
    Role: i32 { Normal = 200, Admin = 300, Owner = 400 }
);

int_enum!(
    /// Kinds of group tips.
    TipType: i32 {
        Invite = 1, Quit = 2, Kick = 3, SetAdmin = 4, CancelAdmin = 5,
        GroupInfoChange = 6, MemberInfoChange = 7, GroupCreated = 12, GroupDismissed = 13,
        JoinRequest = 14, MuteAllowlistChange = 16, JoinRejected = 17,
        // Tencent's member-mark and topic tips; Huddle adds TopicCreated 18
        // and TopicDeleted 19 for its topic listeners.
        MemberMarkChange = 8, TopicInfoChange = 9, TopicCreated = 18, TopicDeleted = 19,
    }
);

int_enum!(
    /// How a member got in, carried by Invite tips.
    JoinType: i32 { Apply = 1, Invite = 2 }
);

int_enum!(
    /// What a GroupInfoChange tip says changed.
    ChangeFlag: i32 {
        Name = 1, Introduction = 2, Notification = 3, FaceUrl = 4, Owner = 5,
        Custom = 6, ShutupAll = 8, AddOption = 11,
        /// Huddle's own: Tencent has no flag for a changed member cap.
        MaxMemberNum = 20,
    }
);

int_enum!(
    /// Per-user outcome of an invite or a kick.
    MemberResult: i32 { Err = 0, Suc = 1, Included = 2, Invited = 3 }
);

int_enum!(
    /// Result of `HuddleGroupJoin`.
    JoinStatus: i32 { Joined = 0, WaitingApproval = 1, AlreadyMember = 2 }
);

int_enum!(
    /// Kinds of pending requests.
    PendencyType: i32 { JoinNeedApprovedByAdmin = 0, InviteNeedApprovedByInvitee = 1, InviteNeedApprovedByAdmin = 2 }
);

int_enum!(
    /// Who handled a pending request, as seen by the reader of the list.
    PendencyHandled: i32 { NotHandled = 0, OtherHandled = 1, OperatorHandled = 2 }
);

int_enum!(
    /// How a handled request was answered.
    PendencyResult: i32 { Refused = 0, Agreed = 1 }
);

int_enum!(
    /// Whether a user wants a conversation's messages (Tencent's
    /// TIMReceiveMessageOpt): online delivery and offline push.
    #[derive(Default)]
    MsgFlag: i32 {
        /// Delivered, and pushed when offline.
        #[default]
        Receive = 0,
        /// Neither delivered nor pushed.
        NotReceive = 1,
        /// Delivered, never pushed.
        ReceiveNotNotify = 2,
        /// Delivered, pushed only when `@`-ed.
        NotNotifyExceptAt = 3,
        /// Delivered and pushed only when `@`-ed.
        NotReceiveExceptAt = 4,
    }
);

int_enum!(
    /// Conversation kinds: System carries group system messages (reports)
    /// and names no conversation of the user's.
    ConvType: i32 { C2C = 1, Group = 2, System = 3 }
);

int_enum!(
    /// A message's state (Tencent's TIMMsgStatus): sent, deleted (as its
    /// deleter finds it), inserted locally, revoked.
    MsgStatus: i32 { Sent = 2, Deleted = 4, LocalImported = 5, Revoked = 6 }
);

int_enum!(
    /// Tencent's TIMGroupMessageReadMembersFilter: the members who read a
    /// group message, or those who see it and did not.
    ReadFilter: i32 { Read = 0, Unread = 1 }
);

int_enum!(
    /// Kinds of conversation events (`HuddleSetConvEventCallback`).
    ConvEvent: i32 { Add = 0, Delete = 1, Update = 2 }
);

int_enum!(
    /// Kinds of conversation-group events (`HuddleSetConvGroupEventCallback`).
    ConvGroupEvent: i32 { Created = 0, Deleted = 1, Renamed = 2, ConversationsAdded = 3, ConversationsDeleted = 4 }
);

int_enum!(
    /// Why a conversation is marked in `conv_group_state`.
    GroupState: i32 { Member = 0, Left = 1, Disbanded = 2 }
);

int_enum!(
    /// Kinds of group system messages (Tencent's TIMGroupReportType) that Huddle sends.
    ReportType: i32 {
        AddRequest = 1, AddAccept = 2, AddRefuse = 3, BeKicked = 4, Delete = 5, Create = 6,
        Invite = 7, Quit = 8, GrantAdmin = 9, CancelAdmin = 10, GroupRecycle = 11, UserDefine = 16, ShutUpMember = 17,
    }
);

int_enum!(
    /// Tencent's TIMMsgPriority (`message_priority`): under load an
    /// AVChatRoom drops the lower ones first.
    #[derive(Default)]
    MsgPriority: u32 { High = 0, #[default] Normal = 1, Low = 2, Lowest = 3 }
);

int_enum!(
    /// How a message mentions the reader (`conv_group_at_info_at_type`).
    AtType: i32 { AtMe = 1, AtAll = 2, AtAllAtMe = 3 }
);

/// Element types Huddle knows; others are refused when sent.
pub(crate) mod elem_type {
    pub(crate) const TEXT: i64 = 0;
    pub(crate) const IMAGE: i64 = 1;
    pub(crate) const SOUND: i64 = 2;
    pub(crate) const CUSTOM: i64 = 3;
    pub(crate) const FILE: i64 = 4;
    pub(crate) const GROUP_TIPS: i64 = 5;
    pub(crate) const FACE: i64 = 6;
    pub(crate) const LOCATION: i64 = 7;
    pub(crate) const GROUP_REPORT: i64 = 8;
    pub(crate) const VIDEO: i64 = 9;
    pub(crate) const MERGER: i64 = 12;
}

/// The `message_group_at_user_array` entry that mentions everyone.
pub(crate) const AT_ALL: &str = "__kImSDK_MessageAtALL__";

/// Bits of `group_modify_info_param_modify_flag`.
pub(crate) mod modify_flag {
    pub(crate) const NAME: u32 = 0x1;
    pub(crate) const NOTIFICATION: u32 = 0x2;
    pub(crate) const INTRODUCTION: u32 = 0x4;
    pub(crate) const FACE_URL: u32 = 0x8;
    pub(crate) const ADD_OPTION: u32 = 0x10;
    pub(crate) const MAX_MEMBER_NUM: u32 = 0x20;
    pub(crate) const SHUTUP_ALL: u32 = 0x100;
    pub(crate) const CUSTOM: u32 = 0x200;
    pub(crate) const OWNER: u32 = 0x8000_0000;
    pub(crate) const ALL: u32 = NAME | NOTIFICATION | INTRODUCTION | FACE_URL | ADD_OPTION
        | MAX_MEMBER_NUM | SHUTUP_ALL | CUSTOM | OWNER;
}

/// Bits of `group_modify_member_info_modify_flag`.
pub(crate) mod member_flag {
    pub(crate) const MSG_FLAG: u32 = 0x1;
    pub(crate) const ROLE: u32 = 0x2;
    pub(crate) const SHUTUP_TIME: u32 = 0x4;
    pub(crate) const NAME_CARD: u32 = 0x8;
    pub(crate) const CUSTOM: u32 = 0x10;
    pub(crate) const ALL: u32 = MSG_FLAG | ROLE | SHUTUP_TIME | NAME_CARD | CUSTOM;
}

/// Bits of `group_member_get_info_option_role_flag`; 0 means every role.
pub(crate) mod role_filter {
    pub(crate) const OWNER: u32 = 1;
    pub(crate) const ADMIN: u32 = 2;
    pub(crate) const MEMBER: u32 = 4;
}

/// Bits of a topic's modify flag (Tencent's TIMCommunityTopicModifyInfoFlag).
pub(crate) mod topic_modify_flag {
    pub(crate) const NAME: u32 = 0x1;
    pub(crate) const NOTIFICATION: u32 = 0x2;
    pub(crate) const INTRODUCTION: u32 = 0x4;
    pub(crate) const FACE_URL: u32 = 0x8;
    pub(crate) const MUTE_ALL: u32 = 0x100;
    pub(crate) const CUSTOM_STRING: u32 = 0x800;
    pub(crate) const DRAFT: u32 = 0x4000;
    pub(crate) const ALL: u32 = NAME | NOTIFICATION | INTRODUCTION | FACE_URL | MUTE_ALL | CUSTOM_STRING | DRAFT;
}

/// Tencent's TIMGroupSearchFieldKey.
pub(crate) mod group_search_field {
    pub(crate) const GROUP_ID: u32 = 0x1;
    pub(crate) const GROUP_NAME: u32 = 0x2;
}

/// Tencent's TIMGroupMemberSearchFieldKey (Huddle keeps no friend remarks,
/// so Remark matches nobody).
pub(crate) mod member_search_field {
    pub(crate) const IDENTIFIER: u32 = 0x1;
    pub(crate) const NICK_NAME: u32 = 0x2;
    pub(crate) const REMARK: u32 = 0x4;
    pub(crate) const NAME_CARD: u32 = 0x8;
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn integers_match_api_md() {
        assert_eq!(GroupType::AvChatRoom.as_int(), 4);
        assert_eq!(GroupType::from_int(3), None);
        assert_eq!(Role::Owner.as_int(), 400);
        assert_eq!(TipType::JoinRejected.as_int(), 17);
        let t: GroupType = serde_json::from_str("5").unwrap();
        assert_eq!(t, GroupType::Community);
        assert!(serde_json::from_str::<GroupType>("3").is_err());
        assert_eq!(serde_json::to_string(&AddOption::Any).unwrap(), "2");
    }
}
