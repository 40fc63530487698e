//! Issue 5: every permission pair and every tip's fields.
//!
//! The permission table is written out from API.md section 5 and the seeds,
//! not read from `engine::rules`: a test that asked the engine's own table
//! what to expect could never disagree with it.

use std::sync::Arc;

use huddle::engine::{Audience, Clock, EngineConfig, GroupChange, MemberChange, OpMemberInfo, OpUserInfo};
use huddle::params::*;
use huddle::types::{ChangeFlag, JoinType};
use huddle::{AddOption, Code, Engine, GroupType, JoinStatus, Role, Tip, TipType};
use serde_json::{json, Value};

const GID: &str = "g";
const NOW: u64 = 1_700_000_000;

/// Time stands still, so that tips carry a known `time`.
struct Frozen;

impl Clock for Frozen {
    fn now(&self) -> u64 {
        NOW
    }
}

#[derive(Clone, Copy, Debug, PartialEq)]
enum Actor {
    Owner,
    Admin,
    Member,
    NonMember,
    AppAdmin,
}

use Actor::*;
use GroupType::*;

const ACTORS: [Actor; 5] = [Owner, Admin, Member, NonMember, AppAdmin];

impl Actor {
    fn user(self) -> &'static str {
        match self {
            Owner => "owner",
            Admin => "admin",
            Member => "member",
            NonMember => "stranger",
            AppAdmin => "root",
        }
    }
}

/// The members of the fixture group, in join order. "peer" is the normal
/// member that operations on "another member" act on.
const EVERYONE: &[&str] = &["owner", "admin", "member", "peer"];

fn engine() -> Arc<Engine> {
    Engine::open(EngineConfig { admins: vec!["root".into()], clock: Arc::new(Frozen), ..EngineConfig::default() }).unwrap()
}

/// Creates group `GID` ("Guild") of type `ty` with everyone of `EVERYONE`,
/// "admin" as an admin, and returns the creation's tips.
fn create(e: &Engine, ty: GroupType) -> Vec<Tip> {
    let keeps_members = ty != AvChatRoom;
    let members = match keeps_members {
        true => EVERYONE[1..]
            .iter()
            .map(|u| InitialMember { user_id: u.to_string(), role: (*u == "admin").then_some(Role::Admin), custom: Vec::new() })
            .collect(),
        false => Vec::new(),
    };
    let p = CreateGroupParam { group_id: Some(GID.into()), name: "Guild".into(), group_type: Some(ty), members, ..Default::default() };
    let tips = e.create_group("owner", p).unwrap().tips;
    if !keeps_members {
        // AVChatRoom takes no initial members: they join, and the owner promotes the admin.
        for user in &EVERYONE[1..] {
            e.join(user, GID, "").unwrap();
        }
        e.modify_member("owner", ModifyMemberParam { role: Some(Role::Admin), ..member_change("admin", 2) }).unwrap();
    }
    tips
}

fn open(ty: GroupType) -> Arc<Engine> {
    let e = engine();
    create(&e, ty);
    e
}

/// The fields of `HuddleGroupModifyGroupInfo`, with their flag bits (API.md section 4).
#[derive(Clone, Copy, Debug)]
enum Field {
    Name,
    Notification,
    Introduction,
    FaceUrl,
    AddOption,
    MaxMemberNum,
    ShutupAll,
    Custom,
    Owner,
}

impl Field {
    fn flag(self) -> u32 {
        match self {
            Field::Name => 0x1,
            Field::Notification => 0x2,
            Field::Introduction => 0x4,
            Field::FaceUrl => 0x8,
            Field::AddOption => 0x10,
            Field::MaxMemberNum => 0x20,
            Field::ShutupAll => 0x100,
            Field::Custom => 0x200,
            Field::Owner => 0x8000_0000,
        }
    }
}

const FACE: &str = "https://example.com/guild.png";

/// A change of one field: every value is filled in, the flag picks one.
fn group_change(field: Field) -> ModifyGroupParam {
    ModifyGroupParam {
        group_id: GID.into(),
        flags: field.flag(),
        name: Some("Renamed".into()),
        notification: Some("Read the rules".into()),
        introduction: Some("About us".into()),
        face_url: Some(FACE.into()),
        add_option: Some(AddOption::Any),
        max_member_num: Some(50),
        shutup_all: Some(true),
        owner: Some("peer".into()),
        custom_info: vec![GroupCustom { key: "level".into(), value: "9".into() }],
    }
}

fn member_change(user: &str, flags: u32) -> ModifyMemberParam {
    ModifyMemberParam { group_id: GID.into(), user_id: user.into(), flags, ..Default::default() }
}

fn pendency_answer(accept: bool, msg: &str) -> HandlePendencyParam {
    let pendency = PendencyRef { group_id: GID.into(), from: "newcomer".into(), key: None };
    HandlePendencyParam { accept, msg: msg.into(), pendency }
}

fn invitation(user: &str) -> InviteParam {
    InviteParam { group_id: GID.into(), users: vec![user.into()], user_data: String::new() }
}

fn allowlist_add(user: &str) -> MuteAllowlistParam {
    MuteAllowlistParam { group_id: GID.into(), users: vec![user.into()], is_add: true }
}

#[derive(Clone, Copy, Debug)]
enum Op {
    InviteNonMember,
    KickMember,
    Disband,
    Quit,
    ModifyGroup(Field),
    SetAdmin,
    CancelAdmin,
    MuteMember,
    NameCardOfAnother,
    ReadMembers,
    HandleJoinRequest,
    ModifyMuteAllowlist,
    ReadMuteAllowlist,
}

/// Runs `op` as `user` on the fixture group; only the result matters here.
fn perform(e: &Engine, op: Op, user: &str) -> huddle::Result<()> {
    match op {
        Op::InviteNonMember => e.invite(user, invitation("guest")).map(drop),
        Op::KickMember => e.kick(user, KickParam { group_id: GID.into(), users: vec!["peer".into()], ..Default::default() }).map(drop),
        Op::Disband => e.disband(user, GID).map(drop),
        Op::Quit => e.quit(user, GID).map(drop),
        Op::ModifyGroup(field) => e.modify_group(user, group_change(field)).map(drop),
        Op::SetAdmin => e.modify_member(user, ModifyMemberParam { role: Some(Role::Admin), ..member_change("peer", 2) }).map(drop),
        Op::CancelAdmin => e.modify_member(user, ModifyMemberParam { role: Some(Role::Normal), ..member_change("admin", 2) }).map(drop),
        Op::MuteMember => e.modify_member(user, ModifyMemberParam { shutup_time: Some(60), ..member_change("peer", 4) }).map(drop),
        Op::NameCardOfAnother => e.modify_member(user, ModifyMemberParam { name_card: Some("Tank".into()), ..member_change("peer", 8) }).map(drop),
        Op::ReadMembers => {
            let p = GetMembersParam { group_id: GID.into(), ..Default::default() };
            e.read(user, |s, c| s.members(c, &p)).map(drop)
        }
        Op::HandleJoinRequest => {
            // Community's default is Any: ask for approval in both types that have requests.
            let auth = ModifyGroupParam { add_option: Some(AddOption::Auth), ..group_change(Field::AddOption) };
            e.modify_group("root", auth).unwrap();
            assert_eq!(e.join("newcomer", GID, "hi").unwrap().value, JoinStatus::WaitingApproval);
            e.handle_pendency(user, pendency_answer(true, "")).map(drop)
        }
        Op::ModifyMuteAllowlist => e.modify_mute_allowlist(user, allowlist_add("peer")).map(drop),
        Op::ReadMuteAllowlist => e.read(user, |s, c| s.mute_allowlist(c, GID)).map(drop),
    }
}

// Who may do what. API.md section 5: an app admin may do everything but
// what no one may do.
const NOBODY: &[Actor] = &[];
const APP_ADMIN: &[Actor] = &[AppAdmin];
const OWNER: &[Actor] = &[Owner, AppAdmin];
const MANAGERS: &[Actor] = &[Owner, Admin, AppAdmin];
const MEMBERS: &[Actor] = &[Owner, Admin, Member, AppAdmin];

struct Row {
    op: Op,
    /// The actors that succeed, per group type; every other actor gets 10007
    /// unless `refusals` names another code for it.
    allowed: &'static [(GroupType, &'static [Actor])],
    refusals: &'static [(Actor, Code)],
}

/// A row whose only refusal is 10007.
const fn row(op: Op, allowed: &'static [(GroupType, &'static [Actor])]) -> Row {
    Row { op, allowed, refusals: &[] }
}

/// Name, texts and custom fields: any member of a Work group, owner or admin elsewhere.
const GROUP_PROFILE: &[(GroupType, &[Actor])] = &[(Public, MANAGERS), (Work, MEMBERS), (Meeting, MANAGERS), (AvChatRoom, MANAGERS), (Community, MANAGERS)];
const EVERY_TYPE_MANAGERS: &[(GroupType, &[Actor])] = &[(Public, MANAGERS), (Work, MANAGERS), (Meeting, MANAGERS), (AvChatRoom, MANAGERS), (Community, MANAGERS)];
const EVERY_TYPE_OWNER: &[(GroupType, &[Actor])] = &[(Public, OWNER), (Work, OWNER), (Meeting, OWNER), (AvChatRoom, OWNER), (Community, OWNER)];
const EVERY_TYPE_MEMBERS: &[(GroupType, &[Actor])] = &[(Public, MEMBERS), (Work, MEMBERS), (Meeting, MEMBERS), (AvChatRoom, MEMBERS), (Community, MEMBERS)];
/// AVChatRoom keeps no member profiles, so no name cards to edit.
const NAME_CARDS: &[(GroupType, &[Actor])] = &[(Public, MANAGERS), (Work, MANAGERS), (Meeting, MANAGERS), (AvChatRoom, NOBODY), (Community, MANAGERS)];

fn table() -> Vec<Row> {
    vec![
        row(Op::InviteNonMember, &[(Public, APP_ADMIN), (Work, MEMBERS), (Meeting, APP_ADMIN), (AvChatRoom, NOBODY), (Community, MEMBERS)]),
        row(Op::KickMember, &[(Public, MANAGERS), (Work, OWNER), (Meeting, MANAGERS), (AvChatRoom, MANAGERS), (Community, MANAGERS)]),
        row(Op::Disband, &[(Public, OWNER), (Work, APP_ADMIN), (Meeting, OWNER), (AvChatRoom, OWNER), (Community, OWNER)]),
        // Quitting needs membership, which an app admin does not have here.
        Row {
            op: Op::Quit,
            allowed: &[
                (Public, &[Admin, Member]),
                (Work, &[Owner, Admin, Member]),
                (Meeting, &[Admin, Member]),
                (AvChatRoom, &[Admin, Member]),
                (Community, &[Admin, Member]),
            ],
            refusals: &[(Owner, Code::OwnerMayNotQuit)],
        },
        row(Op::ModifyGroup(Field::Name), GROUP_PROFILE),
        row(Op::ModifyGroup(Field::Notification), GROUP_PROFILE),
        row(Op::ModifyGroup(Field::Introduction), GROUP_PROFILE),
        row(Op::ModifyGroup(Field::FaceUrl), GROUP_PROFILE),
        row(Op::ModifyGroup(Field::Custom), GROUP_PROFILE),
        row(Op::ModifyGroup(Field::AddOption), EVERY_TYPE_MANAGERS),
        row(Op::ModifyGroup(Field::MaxMemberNum), EVERY_TYPE_OWNER),
        row(Op::ModifyGroup(Field::ShutupAll), EVERY_TYPE_MANAGERS),
        row(Op::ModifyGroup(Field::Owner), &[(Public, OWNER), (Work, OWNER), (Meeting, OWNER), (AvChatRoom, NOBODY), (Community, OWNER)]),
        row(Op::SetAdmin, EVERY_TYPE_OWNER),
        row(Op::CancelAdmin, EVERY_TYPE_OWNER),
        row(Op::MuteMember, EVERY_TYPE_MANAGERS),
        row(Op::NameCardOfAnother, NAME_CARDS),
        // AVChatRoom keeps no member list to read.
        row(Op::ReadMembers, &[(Public, MEMBERS), (Work, MEMBERS), (Meeting, MEMBERS), (AvChatRoom, NOBODY), (Community, MEMBERS)]),
        // Only these types have join requests (Community once its add option is Auth).
        row(Op::HandleJoinRequest, &[(Public, MANAGERS), (Community, MANAGERS)]),
        row(Op::ModifyMuteAllowlist, EVERY_TYPE_MANAGERS),
        row(Op::ReadMuteAllowlist, EVERY_TYPE_MEMBERS),
    ]
}

#[test]
fn every_actor_in_every_group_type_for_every_operation() {
    let mut cases = 0;
    let mut wrong = Vec::new();
    for row in table() {
        for &(ty, allowed) in row.allowed {
            for actor in ACTORS {
                let e = open(ty);
                let got = perform(&e, row.op, actor.user()).map_err(|e| e.code);
                let refusal = row.refusals.iter().find(|(a, _)| *a == actor).map_or(Code::PermissionDenied, |&(_, code)| code);
                let expected = if allowed.contains(&actor) { Ok(()) } else { Err(refusal) };
                if got != expected {
                    wrong.push(format!("{:?} in {:?} by {:?}: got {:?}, expected {:?}", row.op, ty, actor, got, expected));
                }
                cases += 1;
            }
        }
    }
    assert_eq!(cases, 20 * 5 * 5 + 2 * 5);
    // Every wrong cell at once, so that one run shows the whole disagreement.
    assert!(wrong.is_empty(), "{} of {} cases disagree with API.md:\n{}", wrong.len(), cases, wrong.join("\n"));
}

/// The fixture member `user`'s record as a tip names its operator (none
/// for a non-member); no one there has a name card.
fn op_member(user: &str, role: Role) -> Option<OpMemberInfo> {
    Some(OpMemberInfo { user_id: user.into(), name_card: String::new(), role })
}

/// A tip about the fixture group, with no change lists, its operator's
/// profile (no one has set a nickname) and fixture role.
fn tip(tip_type: TipType, op_user: &str, users: &[&str], member_num: u32, recipients: &[&str]) -> Tip {
    let strings = |v: &[&str]| v.iter().map(|s| s.to_string()).collect();
    let role = match op_user {
        "owner" => Some(Role::Owner),
        "admin" => Some(Role::Admin),
        "member" | "peer" => Some(Role::Normal),
        _ => None,
    };
    Tip {
        tip_type,
        group_id: GID.into(),
        group_name: "Guild".into(),
        op_user: op_user.into(),
        op_user_info: Some(OpUserInfo { user_id: op_user.into(), ..Default::default() }),
        op_member_info: role.and_then(|r| op_member(op_user, r)),
        users: strings(users),
        time: NOW,
        member_num,
        join_type: None,
        group_changes: Vec::new(),
        member_changes: Vec::new(),
        msg: String::new(),
        mark_changes: Vec::new(),
        topic_ids: Vec::new(),
        topic_info: None,
        audience: Audience::Users(sorted(strings(recipients))),
        order: 0,
        msg_id: String::new(),
    }
}

fn sorted(mut users: Vec<String>) -> Vec<String> {
    users.sort();
    users
}

/// `tips` with each audience replaced by the users it reaches now, sorted,
/// and without the order and message ID the engine gave them.
fn resolved(e: &Engine, tips: Vec<Tip>) -> Vec<Tip> {
    tips.into_iter()
        .map(|t| {
            assert!(t.order > 0 && !t.msg_id.is_empty(), "a published tip has an order and a message ID");
            Tip { audience: Audience::Users(sorted(e.recipients(&t))), order: 0, msg_id: String::new(), ..t }
        })
        .collect()
}

const WITH_NEWCOMER: &[&str] = &["owner", "admin", "member", "peer", "newcomer"];

type Act = Box<dyn Fn(&Engine) -> Vec<Tip>>;

/// (what happens, doing it on a fresh Public fixture group, the tips it must send).
fn tip_cases() -> Vec<(String, Act, Tip)> {
    let mut cases: Vec<(String, Act, Tip)> = vec![
        (
            "free join".into(),
            Box::new(|e| {
                e.modify_group("owner", group_change(Field::AddOption)).unwrap();
                e.join("newcomer", GID, "").unwrap().tips
            }),
            // The operator's record is the one the join gave them.
            Tip {
                join_type: Some(JoinType::Apply),
                op_member_info: op_member("newcomer", Role::Normal),
                ..tip(TipType::Invite, "newcomer", &["newcomer"], 5, WITH_NEWCOMER)
            },
        ),
        (
            "approved request".into(),
            Box::new(|e| {
                e.join("newcomer", GID, "let me in").unwrap();
                e.handle_pendency("admin", pendency_answer(true, "welcome")).unwrap().tips
            }),
            Tip { join_type: Some(JoinType::Apply), ..tip(TipType::Invite, "admin", &["newcomer"], 5, WITH_NEWCOMER) },
        ),
        (
            "invitation".into(),
            Box::new(|e| e.invite("root", invitation("newcomer")).unwrap().tips),
            Tip { join_type: Some(JoinType::Invite), ..tip(TipType::Invite, "root", &["newcomer"], 5, WITH_NEWCOMER) },
        ),
        ("quit".into(), Box::new(|e| e.quit("member", GID).unwrap().tips), tip(TipType::Quit, "member", &["member"], 3, EVERYONE)),
        (
            "kick".into(),
            Box::new(|e| e.kick("admin", KickParam { group_id: GID.into(), users: vec!["member".into()], ..Default::default() }).unwrap().tips),
            tip(TipType::Kick, "admin", &["member"], 3, EVERYONE),
        ),
        (
            "set admin".into(),
            Box::new(|e| e.modify_member("owner", ModifyMemberParam { role: Some(Role::Admin), ..member_change("peer", 2) }).unwrap().tips),
            tip(TipType::SetAdmin, "owner", &["peer"], 4, EVERYONE),
        ),
        (
            "cancel admin".into(),
            Box::new(|e| e.modify_member("owner", ModifyMemberParam { role: Some(Role::Normal), ..member_change("admin", 2) }).unwrap().tips),
            tip(TipType::CancelAdmin, "owner", &["admin"], 4, EVERYONE),
        ),
        (
            "mute".into(),
            Box::new(|e| e.modify_member("admin", ModifyMemberParam { shutup_time: Some(60), ..member_change("member", 4) }).unwrap().tips),
            Tip {
                member_changes: vec![MemberChange { user_id: "member".into(), shutup_time: 60 }],
                ..tip(TipType::MemberInfoChange, "admin", &["member"], 4, EVERYONE)
            },
        ),
        (
            "name card".into(),
            Box::new(|e| e.modify_member("admin", ModifyMemberParam { name_card: Some("Tank".into()), ..member_change("member", 8) }).unwrap().tips),
            Tip {
                member_changes: vec![MemberChange { user_id: "member".into(), shutup_time: 0 }],
                ..tip(TipType::MemberInfoChange, "admin", &["member"], 4, EVERYONE)
            },
        ),
        (
            "created".into(),
            // The fixture's own creation is the case: disband it and create it again.
            Box::new(|e| {
                e.disband("owner", GID).unwrap();
                create(e, Public)
            }),
            tip(TipType::GroupCreated, "owner", EVERYONE, 4, EVERYONE),
        ),
        ("dismissed".into(), Box::new(|e| e.disband("owner", GID).unwrap().tips), tip(TipType::GroupDismissed, "owner", &[], 0, EVERYONE)),
        (
            "join request".into(),
            Box::new(|e| e.join("newcomer", GID, "let me in").unwrap().tips),
            Tip { msg: "let me in".into(), ..tip(TipType::JoinRequest, "newcomer", &["newcomer"], 4, &["owner", "admin"]) },
        ),
        (
            "mute allowlist".into(),
            Box::new(|e| e.modify_mute_allowlist("admin", allowlist_add("member")).unwrap().tips),
            tip(TipType::MuteAllowlistChange, "admin", &["member"], 4, EVERYONE),
        ),
        (
            "join rejected".into(),
            Box::new(|e| {
                e.join("newcomer", GID, "let me in").unwrap();
                e.handle_pendency("owner", pendency_answer(false, "we are full")).unwrap().tips
            }),
            Tip { msg: "we are full".into(), ..tip(TipType::JoinRejected, "owner", &["newcomer"], 4, &["newcomer"]) },
        ),
    ];
    let text = GroupChange::text;
    let changes = [
        (Field::Name, text(ChangeFlag::Name, "Renamed")),
        (Field::Introduction, text(ChangeFlag::Introduction, "About us")),
        (Field::Notification, text(ChangeFlag::Notification, "Read the rules")),
        (Field::FaceUrl, text(ChangeFlag::FaceUrl, FACE)),
        (Field::Owner, text(ChangeFlag::Owner, "peer")),
        (Field::Custom, GroupChange { key: "level".into(), ..text(ChangeFlag::Custom, "9") }),
        (Field::ShutupAll, GroupChange { bool_value: Some(true), ..text(ChangeFlag::ShutupAll, "true") }),
        (Field::AddOption, GroupChange { int_value: Some(2), ..text(ChangeFlag::AddOption, "2") }),
    ];
    for (field, change) in changes {
        // The tip names the group as it is after the change.
        let group_name = if let Field::Name = field { "Renamed" } else { "Guild" };
        let mut expected = Tip { group_name: group_name.into(), group_changes: vec![change], ..tip(TipType::GroupInfoChange, "owner", &[], 4, EVERYONE) };
        if let Field::Owner = field {
            // The record as the transfer left it.
            expected.op_member_info = op_member("owner", Role::Normal);
        }
        let act: Act = Box::new(move |e| e.modify_group("owner", group_change(field)).unwrap().tips);
        cases.push((format!("{:?} change", field), act, expected));
    }
    cases
}

/// API.md section 4's integers, written out rather than read from the enums.
fn tip_type_number(t: TipType) -> i64 {
    match t {
        TipType::Invite => 1,
        TipType::Quit => 2,
        TipType::Kick => 3,
        TipType::SetAdmin => 4,
        TipType::CancelAdmin => 5,
        TipType::GroupInfoChange => 6,
        TipType::MemberInfoChange => 7,
        TipType::GroupCreated => 12,
        TipType::GroupDismissed => 13,
        TipType::JoinRequest => 14,
        TipType::MuteAllowlistChange => 16,
        TipType::JoinRejected => 17,
        TipType::MemberMarkChange => 8,
        TipType::TopicInfoChange => 9,
        TipType::TopicCreated => 18,
        TipType::TopicDeleted => 19,
    }
}

fn change_flag_number(f: ChangeFlag) -> i64 {
    match f {
        ChangeFlag::Name => 1,
        ChangeFlag::Introduction => 2,
        ChangeFlag::Notification => 3,
        ChangeFlag::FaceUrl => 4,
        ChangeFlag::Owner => 5,
        ChangeFlag::Custom => 6,
        ChangeFlag::ShutupAll => 8,
        ChangeFlag::AddOption => 11,
        other => panic!("API.md has no number for {:?}", other),
    }
}

fn join_type_number(j: JoinType) -> i64 {
    match j {
        JoinType::Apply => 1,
        JoinType::Invite => 2,
    }
}

/// `t` as a Tencent client reads it: `group_tips_elem_*` keys, optional parts
/// only where the tip has them, and no recipients.
fn tencent_json(t: &Tip) -> Value {
    let mut v = json!({
        "group_tips_elem_tip_type": tip_type_number(t.tip_type),
        "group_tips_elem_group_id": t.group_id,
        "group_tips_elem_group_name": t.group_name,
        "group_tips_elem_op_user": t.op_user,
        "group_tips_elem_user_array": t.users,
        "group_tips_elem_time": t.time,
        "group_tips_elem_member_num": t.member_num,
    });
    if let Some(u) = &t.op_user_info {
        v["group_tips_elem_op_user_info"] = json!({
            "user_profile_identifier": u.user_id,
            "user_profile_nick_name": u.nick_name,
            "user_profile_face_url": u.face_url,
        });
    }
    if let Some(m) = &t.op_member_info {
        v["group_tips_elem_op_group_memberinfo"] = json!({
            "group_member_info_identifier": m.user_id,
            "group_member_info_name_card": m.name_card,
            "group_member_info_member_role": m.role.as_int(),
        });
    }
    if let Some(j) = t.join_type {
        v["group_tips_elem_join_type"] = json!(join_type_number(j));
    }
    if !t.group_changes.is_empty() {
        let items = t.group_changes.iter().map(|c| {
            let mut item = json!({
                "group_tips_group_change_info_flag": change_flag_number(c.flag),
                "group_tips_group_change_info_value": c.value,
            });
            if !c.key.is_empty() {
                item["group_tips_group_change_info_key"] = json!(c.key);
            }
            if let Some(b) = c.bool_value {
                item["group_tips_group_change_info_bool_value"] = json!(b);
            }
            if let Some(i) = c.int_value {
                item["group_tips_group_change_info_int_value"] = json!(i);
            }
            item
        });
        v["group_tips_elem_group_change_info_array"] = items.collect();
    }
    if !t.member_changes.is_empty() {
        let items = t.member_changes.iter().map(|m| {
            json!({
                "group_tips_member_change_info_identifier": m.user_id,
                "group_tips_member_change_info_shutupTime": m.shutup_time,
            })
        });
        v["group_tips_elem_member_change_info_array"] = items.collect();
    }
    if !t.msg.is_empty() {
        v["group_tips_elem_msg"] = json!(t.msg);
    }
    v
}

#[test]
fn every_tip_kind_carries_its_fields_under_tencent_keys() {
    let cases = tip_cases();
    assert_eq!(cases.len(), 22);
    for (what, act, expected) in cases {
        let e = open(Public);
        let tips = resolved(&e, act(&e));
        assert_eq!(tips, std::slice::from_ref(&expected), "{}: the tips sent and who they reach", what);
        assert_eq!(serde_json::to_value(&tips[0]).unwrap(), tencent_json(&expected), "{}: the tip's JSON", what);
    }
}
