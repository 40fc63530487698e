//! The app's server's face of the engine: Tencent's server REST API for
//! groups and messages (`v4/group_open_http_svc/<command>`,
//! `v4/openim/sendmsg`), with its PascalCase bodies, string enums and error
//! numbers. A command runs as the calling app admin (or, where Tencent lets
//! the app speak for a user, `From_Account` with an admin's rights) through
//! the same engine operations a client's calls do, so connected clients
//! hear of it at once as tips and messages. docs/rest.md lists the commands.

pub mod groups;
pub mod history;
pub mod messages;
pub mod wire;

use serde::de::DeserializeOwned;
use serde_json::{Map, Value};

use crate::engine::{Caller, Ctx, Engine, Plan, State, Via};
use crate::error::{err, Code, Error, Result};
use crate::response::{Reply, Response};

/// The caller of a command: an engine, the app admin the request named
/// (its user_sig already checked), and where the request came from.
#[derive(Clone, Copy)]
pub struct Admin<'a> {
    pub engine: &'a Engine,
    pub identifier: &'a str,
    pub sdk_app_id: u64,
    pub via: &'a Via,
}

impl Admin<'_> {
    /// Runs a change as `user` with an admin's rights, answering with
    /// `encode`'s fields once it is durable; a `key` makes the same call
    /// sent again get the same answer.
    fn change<T>(&self, user: &str, key: Option<&str>, op: impl FnOnce(&State, &Ctx) -> Result<Plan<T>>, encode: impl FnOnce(&T) -> Value, reply: Reply) {
        let caller = Caller { user, device: None, key, as_admin: true, via: Some(self.via), platform: 0 };
        self.engine.call(caller, op, |r| Response::from_result(r.map(encode)), reply);
    }

    /// Answers with a read, in order with the changes around it.
    fn read(&self, query: impl FnOnce(&State, &Ctx) -> Result<Value>, reply: Reply) {
        self.engine.query(Caller { via: Some(self.via), ..Caller::admin(self.identifier) }, query, |r| Response::from_result(r.as_ref().cloned()), reply);
    }
}

/// A command of the REST API, its body parsed.
#[derive(Debug)]
pub enum Command {
    CreateGroup(groups::CreateGroup),
    ImportGroup(groups::CreateGroup),
    DestroyGroup(groups::GroupRef),
    GetGroupInfo(groups::GetGroupInfo),
    GetGroupMemberInfo(groups::GetGroupMemberInfo),
    ModifyGroupBaseInfo(groups::ModifyGroupBaseInfo),
    AddGroupMember(groups::AddGroupMember),
    DeleteGroupMember(groups::DeleteGroupMember),
    ModifyGroupMemberInfo(groups::ModifyGroupMemberInfo),
    ChangeGroupOwner(groups::ChangeGroupOwner),
    GetJoinedGroupList(groups::GetJoinedGroupList),
    GetRoleInGroup(groups::GetRoleInGroup),
    ForbidSendMsg(groups::ForbidSendMsg),
    /// With the older command's reply keys (`get_group_shutted_uin`) or not.
    GetGroupMutedAccount(groups::GroupRef, bool),
    ImportGroupMember(groups::ImportGroupMember),
    GetAppidGroupList(groups::GetAppidGroupList),
    SendGroupMsg(messages::SendGroupMsg),
    SendGroupSystemNotification(messages::SystemNotification),
    GroupMsgRecall(messages::GroupMsgRecall),
    GroupMsgGetSimple(messages::GroupMsgGetSimple),
    ImportGroupMsg(messages::ImportGroupMsg),
    SendMsg(messages::SendMsg),
}

fn body<T: DeserializeOwned>(v: Value) -> Result<T> {
    serde_json::from_value(v).map_err(|e| err!(InvalidRequest, "{}", e))
}

/// How a command's body is read.
pub type Parser = fn(Value) -> Result<Command>;

/// Every command, by its path after `v4/`, and how its body is read.
pub const COMMANDS: &[(&str, Parser)] = &[
    ("group_open_http_svc/create_group", |v| Ok(Command::CreateGroup(body(v)?))),
    ("group_open_http_svc/import_group", |v| Ok(Command::ImportGroup(body(v)?))),
    ("group_open_http_svc/destroy_group", |v| Ok(Command::DestroyGroup(body(v)?))),
    ("group_open_http_svc/get_group_info", |v| Ok(Command::GetGroupInfo(body(v)?))),
    ("group_open_http_svc/get_group_member_info", |v| Ok(Command::GetGroupMemberInfo(body(v)?))),
    ("group_open_http_svc/modify_group_base_info", |v| Ok(Command::ModifyGroupBaseInfo(body(v)?))),
    ("group_open_http_svc/add_group_member", |v| Ok(Command::AddGroupMember(body(v)?))),
    ("group_open_http_svc/delete_group_member", |v| Ok(Command::DeleteGroupMember(body(v)?))),
    ("group_open_http_svc/modify_group_member_info", |v| Ok(Command::ModifyGroupMemberInfo(body(v)?))),
    ("group_open_http_svc/change_group_owner", |v| Ok(Command::ChangeGroupOwner(body(v)?))),
    ("group_open_http_svc/get_joined_group_list", |v| Ok(Command::GetJoinedGroupList(body(v)?))),
    ("group_open_http_svc/get_role_in_group", |v| Ok(Command::GetRoleInGroup(body(v)?))),
    ("group_open_http_svc/forbid_send_msg", |v| Ok(Command::ForbidSendMsg(body(v)?))),
    ("group_open_http_svc/get_group_muted_account", |v| Ok(Command::GetGroupMutedAccount(body(v)?, false))),
    ("group_open_http_svc/get_group_shutted_uin", |v| Ok(Command::GetGroupMutedAccount(body(v)?, true))),
    ("group_open_http_svc/import_group_member", |v| Ok(Command::ImportGroupMember(body(v)?))),
    ("group_open_http_svc/get_appid_group_list", |v| Ok(Command::GetAppidGroupList(body(v)?))),
    ("group_open_http_svc/send_group_msg", |v| Ok(Command::SendGroupMsg(body(v)?))),
    ("group_open_http_svc/send_group_system_notification", |v| Ok(Command::SendGroupSystemNotification(body(v)?))),
    ("group_open_http_svc/group_msg_recall", |v| Ok(Command::GroupMsgRecall(body(v)?))),
    ("group_open_http_svc/group_msg_get_simple", |v| Ok(Command::GroupMsgGetSimple(body(v)?))),
    ("group_open_http_svc/import_group_msg", |v| Ok(Command::ImportGroupMsg(body(v)?))),
    ("openim/sendmsg", |v| Ok(Command::SendMsg(body(v)?))),
];

impl Command {
    /// Parses the body of a request to `path` (after `v4/`, such as
    /// `group_open_http_svc/create_group`). An empty body reads as `{}`.
    pub fn parse(path: &str, raw: &[u8]) -> Result<Command> {
        let v: Value = if raw.iter().all(u8::is_ascii_whitespace) {
            Value::Object(Map::new())
        } else {
            serde_json::from_slice(raw).map_err(|e| err!(RestJsonInvalid, "the body is not JSON: {}", e))?
        };
        if !v.is_object() {
            return Err(err!(RestJsonInvalid, "the body must be a JSON object"));
        }
        match COMMANDS.iter().find(|(name, _)| *name == path) {
            Some((_, parse)) => parse(v),
            None if path.starts_with("group_open_http_svc/") => Err(err!(InvalidCommand, "group_open_http_svc has no command {:?}", &path[20..])),
            None => Err(err!(RestNoSuchResource, "v4/{} is not a command of this server", path)),
        }
    }

    /// Runs the command; `reply` gets the reply's fields (`envelope` adds
    /// Tencent's status keys).
    pub fn run(self, admin: &Admin, reply: Reply) {
        match self {
            Command::CreateGroup(c) => c.run(admin, false, reply),
            Command::ImportGroup(c) => c.run(admin, true, reply),
            Command::DestroyGroup(r) => groups::destroy_group(admin, r, reply),
            Command::GetGroupInfo(q) => groups::get_group_info(admin, q, reply),
            Command::GetGroupMemberInfo(q) => groups::get_group_member_info(admin, q, reply),
            Command::ModifyGroupBaseInfo(q) => groups::modify_group_base_info(admin, q, reply),
            Command::AddGroupMember(q) => groups::add_group_member(admin, q, reply),
            Command::DeleteGroupMember(q) => groups::delete_group_member(admin, q, reply),
            Command::ModifyGroupMemberInfo(q) => groups::modify_group_member_info(admin, q, reply),
            Command::ChangeGroupOwner(q) => groups::change_group_owner(admin, q, reply),
            Command::GetJoinedGroupList(q) => groups::get_joined_group_list(admin, q, reply),
            Command::GetRoleInGroup(q) => groups::get_role_in_group(admin, q, reply),
            Command::ForbidSendMsg(q) => groups::forbid_send_msg(admin, q, reply),
            Command::GetGroupMutedAccount(r, old) => groups::get_group_muted_account(admin, r, old, reply),
            Command::ImportGroupMember(q) => groups::import_group_member(admin, q, reply),
            Command::GetAppidGroupList(q) => groups::get_appid_group_list(admin, q, reply),
            Command::SendGroupMsg(m) => m.run(admin, reply),
            Command::SendGroupSystemNotification(q) => messages::send_group_system_notification(admin, q, reply),
            Command::GroupMsgRecall(q) => messages::group_msg_recall(admin, q, reply),
            Command::GroupMsgGetSimple(q) => messages::group_msg_get_simple(admin, q, reply),
            Command::ImportGroupMsg(q) => messages::import_group_msg(admin, q, reply),
            Command::SendMsg(m) => m.run(admin, reply),
        }
    }
}

/// The number the REST API reports for `code`: the SDK's own parameter
/// checks read as Tencent's server codes for bad parameters.
pub fn rest_code(code: Code) -> i32 {
    use Code::*;
    match code {
        InvalidGroupIdFormat => InvalidGroupId.as_i32(),
        NameTooLong | IntroductionTooLong | NotificationTooLong | FaceUrlTooLong | NameCardTooLong | InviteSuperDenied | InviteNoMember
        | InvalidParameters | InvalidJson | InvalidMsgElem | InvalidConversation => InvalidRequest.as_i32(),
        MemberCountLimit => 10005,
        JoinWorkGroupDenied => PermissionDenied.as_i32(),
        InternalError | StoreBusy | IoOperationFailed => 10002,
        other => other.as_i32(),
    }
}

/// A reply as Tencent sends it: `ActionStatus`, `ErrorInfo` and
/// `ErrorCode` first, then the command's fields.
pub fn envelope(resp: &Response) -> String {
    let code = Code::from_repr(resp.code).map_or(resp.code, rest_code);
    let mut out = Map::new();
    out.insert("ActionStatus".into(), Value::from(if code == 0 { "OK" } else { "FAIL" }));
    out.insert("ErrorInfo".into(), Value::from(resp.desc.as_str()));
    out.insert("ErrorCode".into(), Value::from(code));
    if let Ok(Value::Object(fields)) = serde_json::from_str::<Value>(&resp.json) {
        out.extend(fields);
    }
    Value::Object(out).to_string()
}

/// The envelope of a refusal made before a command runs.
pub fn refusal(e: &Error) -> String {
    envelope(&Response::error(e))
}
