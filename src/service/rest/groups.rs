//! The group commands of `group_open_http_svc`: founding, reading and
//! changing groups and their members.

use std::collections::HashMap;

use serde::Deserialize;
use serde_json::{json, Map, Value};

use crate::engine::{Founding, ImportedMember, InviteOutcome, State};
use crate::error::err;
use crate::model::Thread;
use crate::params::{CreateGroupParam, GroupCustom, InitialMember, InviteParam, KickParam, MemberCustom, ModifyGroupParam, ModifyMemberParam};
use crate::types::{member_flag, modify_flag, MemberResult, Role};

use super::wire::{group_object, member_object, ApplyJoinName, GroupFacts, GroupFilter, KeyValue, MemberFacts, MemberFilter, MsgFlagName, RoleName, Switch, TypeName};
use super::Admin;
use crate::response::Reply;

#[derive(Debug, Deserialize)]
pub struct Account {
    #[serde(rename = "Member_Account")]
    pub account: String,
    #[serde(rename = "Role", default)]
    pub role: Option<RoleName>,
    #[serde(rename = "AppMemberDefinedData", default)]
    pub custom: Vec<KeyValue>,
    #[serde(rename = "JoinTime", default)]
    pub join_time: Option<u64>,
    #[serde(rename = "UnreadMsgNum", default)]
    pub unread: u64,
}

/// `create_group` and `import_group`.
#[derive(Debug, Deserialize)]
#[serde(rename_all = "PascalCase")]
pub struct CreateGroup {
    #[serde(rename = "Owner_Account", default)]
    pub owner: Option<String>,
    #[serde(rename = "Type")]
    pub group_type: TypeName,
    #[serde(default)]
    pub group_id: Option<String>,
    pub name: String,
    #[serde(default)]
    pub introduction: String,
    #[serde(default)]
    pub notification: String,
    #[serde(default)]
    pub face_url: String,
    #[serde(default)]
    pub max_member_count: Option<u32>,
    #[serde(default)]
    pub apply_join_option: Option<ApplyJoinName>,
    #[serde(default)]
    pub app_defined_data: Vec<KeyValue>,
    #[serde(default)]
    pub member_list: Vec<Account>,
    /// import_group only.
    #[serde(default)]
    pub create_time: Option<u64>,
    /// Communities: 1 when it takes topics.
    #[serde(default)]
    pub support_topic: u32,
}

impl CreateGroup {
    pub fn param(&self) -> CreateGroupParam {
        CreateGroupParam {
            group_id: self.group_id.clone(),
            name: self.name.clone(),
            group_type: Some(self.group_type.0),
            members: self
                .member_list
                .iter()
                .map(|m| InitialMember {
                    user_id: m.account.clone(),
                    // Only admins may be named at creation; anyone else is a member.
                    role: m.role.map(|r| if r.0 == Role::Admin { Role::Admin } else { Role::Normal }),
                    custom: m.custom.iter().map(|c| MemberCustom { key: c.key.clone(), value: c.value.clone() }).collect(),
                })
                .collect(),
            notification: self.notification.clone(),
            introduction: self.introduction.clone(),
            face_url: self.face_url.clone(),
            add_option: Some(self.apply_join_option.map_or(crate::types::AddOption::Auth, |o| o.0)),
            max_member_num: self.max_member_count,
            custom_info: self.app_defined_data.iter().map(|c| GroupCustom { key: c.key.clone(), value: c.value.clone() }).collect(),
            support_topic: self.support_topic == 1,
        }
    }

    pub fn run(self, admin: &Admin, imported: bool, reply: Reply) {
        let param = self.param();
        let founding = Founding { owner: self.owner.filter(|o| !o.is_empty()), imported_at: imported.then_some(self.create_time).flatten() };
        let founding = match (imported, founding.imported_at) {
            (true, None) => Founding { imported_at: Some(admin.engine.now()), ..founding },
            _ => founding,
        };
        admin.change(admin.identifier, None, move |s, c| s.create_group_for_app(c, param, founding), |id| json!({ "GroupId": id }), reply);
    }
}

#[derive(Debug, Deserialize)]
pub struct GroupRef {
    #[serde(rename = "GroupId")]
    pub group_id: String,
}

pub fn destroy_group(admin: &Admin, r: GroupRef, reply: Reply) {
    admin.change(admin.identifier, None, move |s, c| s.disband(c, &r.group_id), |_| json!({}), reply);
}

/// The facts of a group the REST API shows beside its profile.
fn facts(s: &State, g: &crate::engine::Group) -> GroupFacts {
    let thread = Thread::Group(g.profile.id.clone());
    let last = s.threads.get(&thread).and_then(|t| t.messages.values().next_back());
    GroupFacts { member_num: g.member_count(), last_msg_time: last.map_or(0, |m| m.server_time), next_msg_seq: s.last_seq(&thread) + 1 }
}

/// What a member has read of the group.
fn read_seq(s: &State, group_id: &str, user: &str) -> u64 {
    s.conv(user, &Thread::Group(group_id.to_string())).map_or(0, |c| c.read_seq)
}

/// When each member last sent to the group, of the messages kept; read
/// only when member objects show it.
fn last_sends<'a>(s: &'a State, group_id: &str, filter: &MemberFilter) -> HashMap<&'a str, u64> {
    let mut last = HashMap::new();
    if filter.shows("LastSendMsgTime") {
        for m in s.threads.get(&Thread::Group(group_id.to_string())).into_iter().flat_map(|t| t.messages.values().rev()) {
            last.entry(m.sender.as_str()).or_insert(m.server_time);
        }
    }
    last
}

/// A member object of group `group_id`.
fn member(s: &State, group_id: &str, m: &crate::model::Member, last: &HashMap<&str, u64>, now: u64, filter: &MemberFilter) -> Value {
    let facts = MemberFacts { read_seq: read_seq(s, group_id, &m.user_id), last_send: last.get(m.user_id.as_str()).copied().unwrap_or(0) };
    Value::Object(member_object(m, &facts, now, filter))
}

#[derive(Debug, Deserialize)]
pub struct GetGroupInfo {
    #[serde(rename = "GroupIdList")]
    pub group_ids: Vec<String>,
    #[serde(rename = "ResponseFilter", default)]
    pub filter: Option<InfoFilter>,
}

#[derive(Debug, Default, Deserialize)]
pub struct InfoFilter {
    #[serde(flatten)]
    pub group: GroupFilter,
    #[serde(flatten)]
    pub member: MemberFilter,
}

/// At most this many groups per `get_group_info` (Tencent's limit).
const MAX_INFO_GROUPS: usize = 50;

pub fn get_group_info(admin: &Admin, q: GetGroupInfo, reply: Reply) {
    if q.group_ids.is_empty() || q.group_ids.len() > MAX_INFO_GROUPS {
        return reply(crate::response::Response::error(&err!(InvalidRequest, "GroupIdList names 1 to {} groups", MAX_INFO_GROUPS)));
    }
    let app = admin.sdk_app_id;
    admin.read(
        move |s, c| {
            let filter = q.filter.unwrap_or_default();
            // Members are listed unless a filter leaves them out.
            let with_members = q.group_ids.len() == 1 || filter.member.info.is_some() || filter.group.base.is_none();
            let infos: Vec<Value> = q
                .group_ids
                .iter()
                .map(|id| {
                    let mut object = Map::new();
                    object.insert("GroupId".into(), json!(id));
                    match crate::engine::validate_group_id(id).and_then(|_| s.group(id)) {
                        Ok(g) => {
                            object.insert("ErrorCode".into(), json!(0));
                            object.insert("ErrorInfo".into(), json!(""));
                            object.extend(group_object(&g.profile, &facts(s, g), &filter.group, app));
                            if with_members && g.rules().keeps_member_profiles {
                                let last = last_sends(s, id, &filter.member);
                                let members: Vec<Value> = g.by_seq.values().map(|u| member(s, id, &g.members[u], &last, c.now, &filter.member)).collect();
                                object.insert("MemberList".into(), Value::Array(members));
                            }
                        }
                        Err(e) => {
                            object.insert("ErrorCode".into(), json!(super::rest_code(e.code)));
                            object.insert("ErrorInfo".into(), json!(e.desc));
                        }
                    }
                    Value::Object(object)
                })
                .collect();
            Ok(json!({ "GroupInfo": infos }))
        },
        reply,
    );
}

#[derive(Debug, Deserialize)]
#[serde(rename_all = "PascalCase")]
pub struct GetGroupMemberInfo {
    pub group_id: String,
    #[serde(flatten)]
    pub filter: MemberFilter,
    #[serde(default)]
    pub member_role_filter: Option<Vec<RoleName>>,
    #[serde(default)]
    pub limit: Option<usize>,
    #[serde(default)]
    pub offset: usize,
}

/// At most this many members per page (Tencent's limit).
const MAX_MEMBER_PAGE: usize = 6000;

pub fn get_group_member_info(admin: &Admin, q: GetGroupMemberInfo, reply: Reply) {
    admin.read(
        move |s, c| {
            crate::engine::validate_group_id(&q.group_id)?;
            let g = s.group(&q.group_id)?;
            if !g.rules().keeps_member_profiles {
                return Err(err!(PermissionDenied, "{:?} groups keep no member list", g.profile.group_type));
            }
            let roles = q.member_role_filter.as_ref();
            let last = last_sends(s, &q.group_id, &q.filter);
            let members: Vec<Value> = g
                .by_seq
                .values()
                .map(|u| &g.members[u])
                .filter(|m| roles.map_or(true, |r| r.iter().any(|r| r.0 == m.role)))
                .skip(q.offset)
                .take(q.limit.unwrap_or(MAX_MEMBER_PAGE).min(MAX_MEMBER_PAGE))
                .map(|m| member(s, &q.group_id, m, &last, c.now, &q.filter))
                .collect();
            Ok(json!({ "MemberNum": g.member_count(), "MemberList": members }))
        },
        reply,
    );
}

#[derive(Debug, Deserialize)]
#[serde(rename_all = "PascalCase")]
pub struct ModifyGroupBaseInfo {
    pub group_id: String,
    #[serde(default)]
    pub name: Option<String>,
    #[serde(default)]
    pub introduction: Option<String>,
    #[serde(default)]
    pub notification: Option<String>,
    #[serde(default)]
    pub face_url: Option<String>,
    #[serde(default)]
    pub max_member_num: Option<u32>,
    #[serde(default)]
    pub apply_join_option: Option<ApplyJoinName>,
    #[serde(default, alias = "ShutUpAllMember")]
    pub mute_all_member: Option<Switch>,
    #[serde(default)]
    pub app_defined_data: Option<Vec<KeyValue>>,
    /// Who the tip names as acting; the calling admin when absent.
    #[serde(rename = "From_Account", default)]
    pub from: Option<String>,
}

pub fn modify_group_base_info(admin: &Admin, q: ModifyGroupBaseInfo, reply: Reply) {
    let bit = |set: bool, flag: u32| if set { flag } else { 0 };
    let flags = bit(q.name.is_some(), modify_flag::NAME)
        | bit(q.introduction.is_some(), modify_flag::INTRODUCTION)
        | bit(q.notification.is_some(), modify_flag::NOTIFICATION)
        | bit(q.face_url.is_some(), modify_flag::FACE_URL)
        | bit(q.max_member_num.is_some(), modify_flag::MAX_MEMBER_NUM)
        | bit(q.apply_join_option.is_some(), modify_flag::ADD_OPTION)
        | bit(q.mute_all_member.is_some(), modify_flag::SHUTUP_ALL)
        | bit(q.app_defined_data.is_some(), modify_flag::CUSTOM);
    let p = ModifyGroupParam {
        group_id: q.group_id,
        flags,
        name: q.name,
        notification: q.notification,
        introduction: q.introduction,
        face_url: q.face_url,
        add_option: q.apply_join_option.map(|o| o.0),
        max_member_num: q.max_member_num,
        shutup_all: q.mute_all_member.map(|s| s.0),
        owner: None,
        custom_info: q.app_defined_data.unwrap_or_default().into_iter().map(|c| GroupCustom { key: c.key, value: c.value }).collect(),
    };
    let actor = q.from.unwrap_or_else(|| admin.identifier.to_string());
    admin.change(&actor, None, move |s, c| s.modify_group(c, p), |_| json!({}), reply);
}

#[derive(Debug, Deserialize)]
#[serde(rename_all = "PascalCase")]
pub struct AddGroupMember {
    pub group_id: String,
    #[serde(default)]
    pub silence: u8,
    pub member_list: Vec<Account>,
}

/// Tencent's per-member results: 0 failed, 1 added, 2 already a member.
fn result_code(r: MemberResult) -> u8 {
    match r {
        MemberResult::Err => 0,
        MemberResult::Suc => 1,
        MemberResult::Included => 2,
        MemberResult::Invited => 3,
    }
}

fn member_results(results: &[(String, MemberResult)]) -> Value {
    Value::Array(results.iter().map(|(u, r)| json!({ "Member_Account": u, "Result": result_code(*r) })).collect())
}

pub fn add_group_member(admin: &Admin, q: AddGroupMember, reply: Reply) {
    let p = InviteParam { group_id: q.group_id, users: q.member_list.into_iter().map(|m| m.account).collect(), user_data: String::new() };
    let silent = q.silence == 1;
    admin.change(admin.identifier, None, move |s, c| s.add_members(c, p, silent), |o: &InviteOutcome| json!({ "MemberList": member_results(&o.results) }), reply);
}

#[derive(Debug, Deserialize)]
#[serde(rename_all = "PascalCase")]
pub struct DeleteGroupMember {
    pub group_id: String,
    #[serde(default)]
    pub silence: u8,
    #[serde(default)]
    pub reason: String,
    #[serde(rename = "MemberToDel_Account")]
    pub members: Vec<String>,
}

pub fn delete_group_member(admin: &Admin, q: DeleteGroupMember, reply: Reply) {
    let p = KickParam { group_id: q.group_id, users: q.members, user_data: q.reason, duration: 0 };
    let silent = q.silence == 1;
    admin.change(
        admin.identifier,
        None,
        move |s, c| {
            // Removing someone who is not a member succeeds (Tencent's rule): only members are named to the engine.
            let g = s.group(&p.group_id)?;
            let members: Vec<String> = p.users.iter().filter(|u| g.members.contains_key(*u)).cloned().collect();
            if members.is_empty() {
                crate::engine::validate_group_id(&p.group_id)?;
                return Ok(crate::engine::Plan::new(Vec::new()));
            }
            s.remove_members(c, KickParam { users: members, ..p }, silent)
        },
        |_| json!({}),
        reply,
    );
}

#[derive(Debug, Deserialize)]
#[serde(rename_all = "PascalCase")]
pub struct ModifyGroupMemberInfo {
    pub group_id: String,
    #[serde(rename = "Member_Account")]
    pub member: String,
    #[serde(default)]
    pub role: Option<RoleName>,
    #[serde(default)]
    pub msg_flag: Option<MsgFlagName>,
    #[serde(default)]
    pub name_card: Option<String>,
    #[serde(default)]
    pub app_member_defined_data: Option<Vec<KeyValue>>,
    #[serde(default, alias = "ShutUpTime")]
    pub mute_time: Option<u64>,
}

pub fn modify_group_member_info(admin: &Admin, q: ModifyGroupMemberInfo, reply: Reply) {
    let bit = |set: bool, flag: u32| if set { flag } else { 0 };
    let flags = bit(q.role.is_some(), member_flag::ROLE)
        | bit(q.msg_flag.is_some(), member_flag::MSG_FLAG)
        | bit(q.name_card.is_some(), member_flag::NAME_CARD)
        | bit(q.app_member_defined_data.is_some(), member_flag::CUSTOM)
        | bit(q.mute_time.is_some(), member_flag::SHUTUP_TIME);
    let p = ModifyMemberParam {
        group_id: q.group_id,
        user_id: q.member,
        flags,
        msg_flag: q.msg_flag.map(|f| f.0),
        role: q.role.map(|r| r.0),
        shutup_time: q.mute_time,
        name_card: q.name_card,
        custom_info: q.app_member_defined_data.unwrap_or_default().into_iter().map(|c| MemberCustom { key: c.key, value: c.value }).collect(),
    };
    admin.change(admin.identifier, None, move |s, c| s.modify_member(c, p), |_| json!({}), reply);
}

#[derive(Debug, Deserialize)]
pub struct ChangeGroupOwner {
    #[serde(rename = "GroupId")]
    pub group_id: String,
    #[serde(rename = "NewOwner_Account")]
    pub new_owner: String,
}

pub fn change_group_owner(admin: &Admin, q: ChangeGroupOwner, reply: Reply) {
    let p = ModifyGroupParam { group_id: q.group_id, flags: modify_flag::OWNER, owner: Some(q.new_owner), ..ModifyGroupParam::default() };
    admin.change(admin.identifier, None, move |s, c| s.modify_group(c, p), |_| json!({}), reply);
}

#[derive(Debug, Deserialize)]
#[serde(rename_all = "PascalCase")]
pub struct GetJoinedGroupList {
    #[serde(rename = "Member_Account")]
    pub member: String,
    #[serde(default)]
    pub limit: Option<usize>,
    #[serde(default)]
    pub offset: usize,
    #[serde(default)]
    pub group_type: Option<TypeName>,
    #[serde(default)]
    pub with_huge_groups: u8,
    #[serde(default)]
    pub response_filter: Option<JoinedFilter>,
}

#[derive(Debug, Default, Deserialize)]
pub struct JoinedFilter {
    #[serde(rename = "GroupBaseInfoFilter", default)]
    pub base: Option<Vec<String>>,
    #[serde(rename = "SelfInfoFilter", default)]
    pub self_info: Option<Vec<String>>,
}

pub fn get_joined_group_list(admin: &Admin, q: GetJoinedGroupList, reply: Reply) {
    let app = admin.sdk_app_id;
    admin.read(
        move |s, c| {
            crate::engine::validate_user_id(&q.member)?;
            let ids = s.groups_of_user(c, &q.member)?;
            let filter = q.response_filter.unwrap_or_default();
            let groups: Vec<&crate::engine::Group> = ids
                .iter()
                .filter_map(|id| s.groups.get(id))
                .filter(|g| q.with_huge_groups == 1 || g.rules().in_joined_list)
                .filter(|g| q.group_type.map_or(true, |t| t.0 == g.profile.group_type))
                .collect();
            let list: Vec<Value> = groups
                .iter()
                .skip(q.offset)
                .take(q.limit.unwrap_or(usize::MAX))
                .map(|g| {
                    let mut object = match &filter.base {
                        // Unfiltered, an item names its group only (Tencent's default).
                        None => Map::from_iter([("GroupId".to_string(), json!(g.profile.id))]),
                        Some(_) => group_object(&g.profile, &facts(s, g), &GroupFilter { base: filter.base.clone(), custom: None }, app),
                    };
                    if let (Some(keys), Some(me)) = (&filter.self_info, g.members.get(&q.member)) {
                        let thread = Thread::Group(g.profile.id.clone());
                        let unread = s.conv(&q.member, &thread).and_then(|conv| s.summarize(conv)).map_or(0, |sum| sum.unread);
                        let all = [
                            ("Role", json!(RoleName(me.role))),
                            ("JoinTime", json!(me.join_time)),
                            ("MsgFlag", json!(MsgFlagName::rest(me.msg_flag))),
                            ("MsgSeq", json!(read_seq(s, &g.profile.id, &q.member))),
                            ("UnreadMsgNum", json!(unread)),
                        ];
                        let info: Map<String, Value> = all.into_iter().filter(|(k, _)| keys.iter().any(|w| w == k)).map(|(k, v)| (k.to_string(), v)).collect();
                        object.insert("SelfInfo".into(), Value::Object(info));
                    }
                    Value::Object(object)
                })
                .collect();
            Ok(json!({ "TotalCount": groups.len(), "GroupIdList": list }))
        },
        reply,
    );
}

#[derive(Debug, Deserialize)]
pub struct GetRoleInGroup {
    #[serde(rename = "GroupId")]
    pub group_id: String,
    #[serde(rename = "User_Account")]
    pub users: Vec<String>,
}

pub fn get_role_in_group(admin: &Admin, q: GetRoleInGroup, reply: Reply) {
    admin.read(
        move |s, c| {
            let roles = s.roles_in_group(c, &q.group_id, &q.users)?;
            let list: Vec<Value> = roles
                .into_iter()
                .map(|(u, r)| json!({ "Member_Account": u, "Role": r.map_or("NotMember", RoleName::text) }))
                .collect();
            Ok(json!({ "UserIdList": list }))
        },
        reply,
    );
}

#[derive(Debug, Deserialize)]
pub struct ForbidSendMsg {
    #[serde(rename = "GroupId")]
    pub group_id: String,
    #[serde(rename = "Members_Account")]
    pub members: Vec<String>,
    #[serde(rename = "MuteTime", alias = "ShutUpTime")]
    pub mute_time: u64,
}

pub fn forbid_send_msg(admin: &Admin, q: ForbidSendMsg, reply: Reply) {
    admin.change(admin.identifier, None, move |s, c| s.mute_members(c, &q.group_id, &q.members, q.mute_time), |_| json!({}), reply);
}

/// `get_group_muted_account`, or its older name `get_group_shutted_uin`,
/// whose reply has the older keys.
pub fn get_group_muted_account(admin: &Admin, r: GroupRef, old_names: bool, reply: Reply) {
    admin.read(
        move |s, c| {
            let muted = s.muted_members(c, &r.group_id)?;
            let (list, until) = if old_names { ("ShuttedUinList", "ShuttedUntil") } else { ("MutedAccountList", "MutedUntil") };
            let accounts: Vec<Value> = muted.into_iter().map(|(u, t)| json!({ "Member_Account": u, until: t })).collect();
            Ok(json!({ "GroupId": r.group_id, list: accounts }))
        },
        reply,
    );
}

#[derive(Debug, Deserialize)]
pub struct ImportGroupMember {
    #[serde(rename = "GroupId")]
    pub group_id: String,
    #[serde(rename = "MemberList")]
    pub members: Vec<Account>,
    /// Some clients send these once for all members rather than per member.
    #[serde(rename = "JoinTime", default)]
    pub join_time: Option<u64>,
    #[serde(rename = "UnreadMsgNum", default)]
    pub unread: Option<u64>,
}

pub fn import_group_member(admin: &Admin, q: ImportGroupMember, reply: Reply) {
    let members: Vec<ImportedMember> = q
        .members
        .into_iter()
        .map(|m| ImportedMember {
            user_id: m.account,
            role: if m.role.is_some_and(|r| r.0 == Role::Admin) { Role::Admin } else { Role::Normal },
            join_time: m.join_time.or(q.join_time),
            unread: if m.unread > 0 { m.unread } else { q.unread.unwrap_or(0) },
        })
        .collect();
    admin.change(admin.identifier, None, move |s, c| s.import_members(c, &q.group_id, members), |r| json!({ "MemberList": member_results(r) }), reply);
}

#[derive(Debug, Default, Deserialize)]
#[serde(rename_all = "PascalCase")]
pub struct GetAppidGroupList {
    #[serde(default)]
    pub limit: Option<usize>,
    #[serde(default)]
    pub next: u64,
    #[serde(default)]
    pub group_type: Option<TypeName>,
}

/// At most this many groups per page (Tencent's limit and default).
const MAX_GROUP_PAGE: usize = 10_000;

pub fn get_appid_group_list(admin: &Admin, q: GetAppidGroupList, reply: Reply) {
    admin.read(
        move |s, c| {
            let limit = q.limit.unwrap_or(MAX_GROUP_PAGE).clamp(1, MAX_GROUP_PAGE);
            let page = s.app_groups(c, q.group_type.map(|t| t.0), q.next, limit)?;
            let ids: Vec<Value> = page.group_ids.iter().map(|id| json!({ "GroupId": id })).collect();
            Ok(json!({ "TotalCount": page.total, "GroupIdList": ids, "Next": page.next }))
        },
        reply,
    );
}
