//! Tencent's REST vocabulary: type and option names as strings, message
//! bodies (`MsgBody`), custom data lists, and the group and member objects
//! replies carry, with their filters.

use std::collections::BTreeMap;

use serde::{Deserialize, Deserializer, Serialize};
use serde_json::{json, Map, Value};

use crate::error::{err, Result};
use crate::model::{GroupProfile, Member, Message};
use crate::types::{elem_type, AddOption, GroupType, MsgFlag, Role, AT_ALL};

/// Declares a string enum of the REST API and its mapping to a domain enum.
macro_rules! names {
    ($(#[$meta:meta])* $name:ident => $domain:ty { $($text:literal $(| $alias:literal)* => $variant:expr),+ $(,)? }) => {
        $(#[$meta])*
        #[derive(Clone, Copy, Debug, PartialEq, Eq)]
        pub struct $name(pub $domain);

        impl $name {
            pub fn text(v: $domain) -> &'static str {
                $(if v == $variant { return $text; })+
                unreachable!("every variant has a name")
            }
        }

        impl<'de> Deserialize<'de> for $name {
            fn deserialize<D: Deserializer<'de>>(d: D) -> std::result::Result<Self, D::Error> {
                let s = String::deserialize(d)?;
                match s.as_str() {
                    $($text $(| $alias)* => Ok($name($variant)),)+
                    _ => Err(serde::de::Error::custom(format!("{:?} is not a valid {}", s, stringify!($name)))),
                }
            }
        }

        impl Serialize for $name {
            fn serialize<S: serde::Serializer>(&self, s: S) -> std::result::Result<S::Ok, S::Error> {
                $name::text(self.0).serialize(s)
            }
        }
    };
}

names!(
    /// `Type`: Tencent's REST names Work groups "Private" and Meeting ones "ChatRoom".
    TypeName => GroupType {
        "Public" => GroupType::Public,
        "Private" | "Work" => GroupType::Work,
        "ChatRoom" | "Meeting" => GroupType::Meeting,
        "AVChatRoom" => GroupType::AvChatRoom,
        "Community" => GroupType::Community,
    }
);

names!(
    /// `ApplyJoinOption`.
    ApplyJoinName => AddOption {
        "FreeAccess" => AddOption::Any,
        "NeedPermission" => AddOption::Auth,
        "DisableApply" => AddOption::Forbid,
    }
);

names!(
    /// `Role` of a member.
    RoleName => Role {
        "Owner" => Role::Owner,
        "Admin" => Role::Admin,
        "Member" => Role::Normal,
    }
);

names!(
    /// `MsgFlag`: how a member receives the group's messages. The REST API
    /// names three; the SDK's "except @" options read as the nearest
    /// (`MsgFlagName::rest`).
    MsgFlagName => MsgFlag {
        "AcceptAndNotify" => MsgFlag::Receive,
        "AcceptNotNotify" => MsgFlag::ReceiveNotNotify,
        "Discard" => MsgFlag::NotReceive,
    }
);

impl MsgFlagName {
    /// The REST name of any receive option.
    pub fn rest(flag: MsgFlag) -> MsgFlagName {
        MsgFlagName(match flag {
            MsgFlag::NotNotifyExceptAt => MsgFlag::ReceiveNotNotify,
            MsgFlag::NotReceiveExceptAt => MsgFlag::NotReceive,
            other => other,
        })
    }
}

names!(
    /// `MuteAllMember` / `ShutUpAllMember`.
    Switch => bool {
        "On" => true,
        "Off" => false,
    }
);

/// One `{"Key", "Value"}` of `AppDefinedData` and `AppMemberDefinedData`.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct KeyValue {
    #[serde(rename = "Key")]
    pub key: String,
    #[serde(rename = "Value", default)]
    pub value: String,
}

pub fn key_values(fields: &BTreeMap<String, String>, only: Option<&[String]>) -> Value {
    let wanted = |k: &String| only.map_or(true, |keys| keys.contains(k));
    Value::Array(fields.iter().filter(|(k, _)| wanted(k)).map(|(k, v)| json!({ "Key": k, "Value": v })).collect())
}

/// One element of `MsgBody`.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct MsgElem {
    #[serde(rename = "MsgType")]
    pub msg_type: String,
    #[serde(rename = "MsgContent")]
    pub content: Value,
}

/// A REST message body as the C API's elems; only text and custom elements
/// (the kinds Huddle stores) are accepted.
pub fn elems_from_body(body: &[MsgElem]) -> Result<Vec<Value>> {
    if body.is_empty() {
        return Err(err!(InvalidRequest, "MsgBody has no element"));
    }
    let text = |c: &Value, key: &str| c.get(key).and_then(Value::as_str).unwrap_or_default().to_string();
    body.iter()
        .enumerate()
        .map(|(i, e)| match e.msg_type.as_str() {
            "TIMTextElem" => match e.content.get("Text").and_then(Value::as_str) {
                Some(t) => Ok(json!({ "elem_type": elem_type::TEXT, "text_elem_content": t })),
                None => Err(err!(InvalidRequest, "MsgBody[{}]: a TIMTextElem needs MsgContent.Text", i)),
            },
            "TIMCustomElem" => Ok(json!({
                "elem_type": elem_type::CUSTOM,
                "custom_elem_data": text(&e.content, "Data"),
                "custom_elem_desc": text(&e.content, "Desc"),
                "custom_elem_ext": text(&e.content, "Ext"),
                "custom_elem_sound": text(&e.content, "Sound"),
            })),
            other => Err(err!(InvalidRequest, "MsgBody[{}]: {:?} is not an element Huddle stores (TIMTextElem, TIMCustomElem)", i, other)),
        })
        .collect()
}

/// The C API's elems as a REST message body.
pub fn body_from_elems(elems: &[Value]) -> Vec<MsgElem> {
    let text = |e: &Value, key: &str| e.get(key).and_then(Value::as_str).unwrap_or_default().to_string();
    elems
        .iter()
        .filter_map(|e| match e.get("elem_type").and_then(Value::as_i64)? {
            elem_type::TEXT => Some(MsgElem { msg_type: "TIMTextElem".into(), content: json!({ "Text": text(e, "text_elem_content") }) }),
            elem_type::CUSTOM => Some(MsgElem {
                msg_type: "TIMCustomElem".into(),
                content: json!({
                    "Data": text(e, "custom_elem_data"),
                    "Desc": text(e, "custom_elem_desc"),
                    "Ext": text(e, "custom_elem_ext"),
                    "Sound": text(e, "custom_elem_sound"),
                }),
            }),
            _ => None,
        })
        .collect()
}

/// One entry of `GroupAtInfo`.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct GroupAt {
    #[serde(rename = "GroupAtAllFlag", default)]
    pub all: u8,
    #[serde(rename = "GroupAt_Account", default, skip_serializing_if = "String::is_empty")]
    pub account: String,
}

pub fn at_users(at: &[GroupAt]) -> Vec<String> {
    at.iter().map(|a| if a.all == 1 { AT_ALL.to_string() } else { a.account.clone() }).collect()
}

pub fn group_at(users: &[String]) -> Vec<GroupAt> {
    users
        .iter()
        .map(|u| if u == AT_ALL { GroupAt { all: 1, account: String::new() } } else { GroupAt { all: 0, account: u.clone() } })
        .collect()
}

/// A stored message as `group_msg_get_simple` and exports show it.
pub fn message_record(m: &Message) -> Map<String, Value> {
    let mut record = Map::new();
    record.insert("From_Account".into(), json!(m.sender));
    record.insert("MsgSeq".into(), json!(m.seq));
    record.insert("MsgRandom".into(), json!(m.random));
    record.insert("MsgTimeStamp".into(), json!(m.server_time));
    record.insert("MsgBody".into(), json!(body_from_elems(&m.elems)));
    if !m.cloud_custom_data.is_empty() {
        record.insert("CloudCustomData".into(), json!(m.cloud_custom_data));
    }
    record
}

/// What a group object shows: `GroupBaseInfoFilter` and
/// `AppDefinedDataFilter_Group`; absent filters show everything.
#[derive(Clone, Debug, Default, Deserialize)]
pub struct GroupFilter {
    #[serde(rename = "GroupBaseInfoFilter", default)]
    pub base: Option<Vec<String>>,
    #[serde(rename = "AppDefinedDataFilter_Group", default)]
    pub custom: Option<Vec<String>>,
}

/// The group's facts the REST API shows beside its profile.
pub struct GroupFacts {
    pub member_num: u32,
    pub last_msg_time: u64,
    pub next_msg_seq: u64,
}

pub fn group_object(p: &GroupProfile, facts: &GroupFacts, filter: &GroupFilter, sdk_app_id: u64) -> Map<String, Value> {
    let all = [
        ("Type", json!(TypeName(p.group_type))),
        ("Name", json!(p.name)),
        ("Introduction", json!(p.introduction)),
        ("Notification", json!(p.notification)),
        ("FaceUrl", json!(p.face_url)),
        ("Owner_Account", json!(p.owner)),
        ("CreateTime", json!(p.create_time)),
        ("InfoSeq", json!(p.info_seq)),
        ("LastInfoTime", json!(p.last_info_time)),
        ("LastMsgTime", json!(facts.last_msg_time)),
        ("NextMsgSeq", json!(facts.next_msg_seq)),
        ("MemberNum", json!(facts.member_num)),
        ("MaxMemberNum", json!(p.max_member_num)),
        ("ApplyJoinOption", json!(ApplyJoinName(p.add_option))),
        ("MuteAllMember", json!(Switch(p.shutup_all))),
        ("ShutUpAllMember", json!(Switch(p.shutup_all))),
        ("Appid", json!(sdk_app_id)),
    ];
    let mut object = Map::new();
    object.insert("GroupId".into(), json!(p.id));
    for (key, value) in all {
        let old_name = |k: &str| key == "ShutUpAllMember" && k == "MuteAllMember" || key == "MuteAllMember" && k == "ShutUpAllMember";
        if filter.base.as_ref().map_or(true, |keys| keys.iter().any(|k| k == key || old_name(k))) {
            object.insert(key.into(), value);
        }
    }
    if filter.base.is_none() || filter.custom.is_some() {
        object.insert("AppDefinedData".into(), key_values(&p.custom, filter.custom.as_deref()));
    }
    object
}

/// What a member object shows: `MemberInfoFilter` and
/// `AppDefinedDataFilter_GroupMember`.
#[derive(Clone, Debug, Default, Deserialize)]
pub struct MemberFilter {
    #[serde(rename = "MemberInfoFilter", default)]
    pub info: Option<Vec<String>>,
    #[serde(rename = "AppDefinedDataFilter_GroupMember", default)]
    pub custom: Option<Vec<String>>,
}

impl MemberFilter {
    /// Whether member objects show `key`.
    pub fn shows(&self, key: &str) -> bool {
        self.info.as_ref().map_or(true, |keys| keys.iter().any(|k| k == key))
    }
}

/// What a member object shows besides the member's record.
pub struct MemberFacts {
    /// The last message it read.
    pub read_seq: u64,
    /// When it last sent to the group (of the messages kept); 0: not since.
    pub last_send: u64,
}

pub fn member_object(m: &Member, facts: &MemberFacts, now: u64, filter: &MemberFilter) -> Map<String, Value> {
    let muted_until = if m.shutup_until > now { m.shutup_until } else { 0 };
    let all = [
        ("Role", json!(RoleName(m.role))),
        ("JoinTime", json!(m.join_time)),
        ("MsgSeq", json!(facts.read_seq)),
        ("MsgFlag", json!(MsgFlagName::rest(m.msg_flag))),
        ("LastSendMsgTime", json!(facts.last_send)),
        ("MuteUntil", json!(muted_until)),
        ("ShutUpUntil", json!(muted_until)),
        ("NameCard", json!(m.name_card)),
    ];
    let mut object = Map::new();
    object.insert("Member_Account".into(), json!(m.user_id));
    for (key, value) in all {
        let older = match key {
            "ShutUpUntil" => "MuteUntil",
            "MuteUntil" => "ShutUpUntil",
            _ => key,
        };
        if filter.shows(key) || filter.shows(older) {
            object.insert(key.into(), value);
        }
    }
    if filter.info.is_none() || filter.custom.is_some() {
        object.insert("AppMemberDefinedData".into(), key_values(&m.custom, filter.custom.as_deref()));
    }
    object
}
