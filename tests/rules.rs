//! API.md section 5, row by row, for every group type: the expected column of
//! each row is written out as a table and checked against the engine.

use std::sync::Arc;

use huddle::engine::{Clock, EngineConfig};
use huddle::params::*;
use huddle::{AddOption, Code, Engine, GroupType, JoinStatus, MemberResult, Role, TipType};

const ADMIN: &str = "root";

fn engine() -> Arc<Engine> {
    Engine::open(EngineConfig { admins: vec![ADMIN.into()], ..EngineConfig::default() }).unwrap()
}

fn code<T: std::fmt::Debug>(r: huddle::Result<T>) -> Code {
    r.expect_err("expected an error").code
}

/// A group of `ty` with an owner, an admin and a normal member.
fn setup(e: &Engine, ty: GroupType, id: &str, add_option: Option<AddOption>) -> String {
    let keeps = ty != GroupType::AvChatRoom;
    let members = if keeps {
        vec![
            InitialMember { user_id: "admin".into(), role: Some(Role::Admin), custom: Vec::new() },
            InitialMember { user_id: "member".into(), role: None, custom: Vec::new() },
        ]
    } else {
        Vec::new()
    };
    let p = CreateGroupParam { group_id: Some(id.into()), name: format!("{:?}", ty), group_type: Some(ty), members, add_option, ..Default::default() };
    let gid = e.create_group("owner", p).unwrap().value;
    if !keeps {
        e.join("admin", &gid, "").unwrap();
        e.join("member", &gid, "").unwrap();
    }
    if !keeps || ty == GroupType::Work {
        // Work and AVChatRoom have no initial admins in this setup: the owner promotes one.
        let p = ModifyMemberParam { group_id: gid.clone(), user_id: "admin".into(), flags: 2, role: Some(Role::Admin), ..Default::default() };
        e.modify_member("owner", p).unwrap();
    }
    gid
}

struct Row {
    ty: GroupType,
    join_default: Result<JoinStatus, Code>,
    /// (inviter, expected) pairs.
    invite: [(&'static str, Result<MemberResult, Code>); 3],
    owner_quit: Result<(), Code>,
    /// (who disbands, expected).
    disband: [(&'static str, Result<(), Code>); 3],
    /// (who kicks "member", expected).
    kick: [(&'static str, Result<(), Code>); 2],
    listed: bool,
    keeps_members: bool,
    max_members: u32,
}

const DENIED: Code = Code::PermissionDenied;

fn table() -> Vec<Row> {
    use GroupType::*;
    vec![
        Row {
            ty: Work,
            join_default: Err(Code::JoinWorkGroupDenied),
            invite: [("member", Ok(MemberResult::Suc)), ("stranger", Err(DENIED)), (ADMIN, Ok(MemberResult::Suc))],
            owner_quit: Ok(()),
            disband: [("owner", Err(DENIED)), ("admin", Err(DENIED)), (ADMIN, Ok(()))],
            kick: [("admin", Err(DENIED)), ("owner", Ok(()))],
            listed: true,
            keeps_members: true,
            max_members: 200,
        },
        Row {
            ty: Public,
            join_default: Ok(JoinStatus::WaitingApproval),
            invite: [("member", Err(DENIED)), ("owner", Err(DENIED)), (ADMIN, Ok(MemberResult::Suc))],
            owner_quit: Err(Code::OwnerMayNotQuit),
            disband: [("admin", Err(DENIED)), ("member", Err(DENIED)), ("owner", Ok(()))],
            kick: [("member", Err(DENIED)), ("admin", Ok(()))],
            listed: true,
            keeps_members: true,
            max_members: 2000,
        },
        Row {
            ty: Meeting,
            join_default: Ok(JoinStatus::Joined),
            invite: [("member", Err(DENIED)), ("owner", Err(DENIED)), (ADMIN, Ok(MemberResult::Suc))],
            owner_quit: Err(Code::OwnerMayNotQuit),
            disband: [("admin", Err(DENIED)), ("member", Err(DENIED)), ("owner", Ok(()))],
            kick: [("member", Err(DENIED)), ("admin", Ok(()))],
            listed: true,
            keeps_members: true,
            max_members: 10000,
        },
        Row {
            ty: Community,
            join_default: Ok(JoinStatus::Joined),
            invite: [("member", Ok(MemberResult::Suc)), ("stranger", Err(DENIED)), (ADMIN, Ok(MemberResult::Suc))],
            owner_quit: Err(Code::OwnerMayNotQuit),
            disband: [("admin", Err(DENIED)), ("member", Err(DENIED)), ("owner", Ok(()))],
            kick: [("member", Err(DENIED)), ("admin", Ok(()))],
            listed: true,
            keeps_members: true,
            max_members: 100_000,
        },
        Row {
            ty: AvChatRoom,
            join_default: Ok(JoinStatus::Joined),
            invite: [("member", Err(DENIED)), ("owner", Err(DENIED)), (ADMIN, Err(DENIED))],
            owner_quit: Err(Code::OwnerMayNotQuit),
            disband: [("admin", Err(DENIED)), ("member", Err(DENIED)), (ADMIN, Ok(()))],
            kick: [("member", Err(DENIED)), ("admin", Ok(()))],
            listed: false,
            keeps_members: false,
            max_members: u32::MAX,
        },
    ]
}

#[test]
fn join_by_request_row() {
    for row in table() {
        let e = engine();
        let gid = setup(&e, row.ty, "g", None);
        let got = e.join("newcomer", &gid, "hello").map(|o| o.value).map_err(|e| e.code);
        assert_eq!(got, row.join_default, "{:?}", row.ty);
        assert_eq!(e.join("member", &gid, "").unwrap().value, JoinStatus::AlreadyMember, "{:?}", row.ty);
    }
}

#[test]
fn add_option_decides_but_for_work_and_av_chat_rooms() {
    use GroupType::*;
    for (ty, opt, expected) in [
        (Public, AddOption::Any, Ok(JoinStatus::Joined)),
        (Public, AddOption::Auth, Ok(JoinStatus::WaitingApproval)),
        (Public, AddOption::Forbid, Err(DENIED)),
        (Community, AddOption::Any, Ok(JoinStatus::Joined)),
        (Community, AddOption::Auth, Ok(JoinStatus::WaitingApproval)),
        (Community, AddOption::Forbid, Err(DENIED)),
        (Meeting, AddOption::Forbid, Err(DENIED)),
        (Meeting, AddOption::Auth, Ok(JoinStatus::WaitingApproval)),
        (AvChatRoom, AddOption::Forbid, Ok(JoinStatus::Joined)),
        (AvChatRoom, AddOption::Auth, Ok(JoinStatus::Joined)),
        (Work, AddOption::Any, Err(Code::JoinWorkGroupDenied)),
    ] {
        let e = engine();
        let gid = setup(&e, ty, "g", Some(opt));
        let got = e.join("newcomer", &gid, "").map(|o| o.value).map_err(|e| e.code);
        assert_eq!(got, expected, "{:?} with {:?}", ty, opt);
    }
}

#[test]
fn invite_row() {
    for row in table() {
        for (n, (inviter, expected)) in row.invite.iter().enumerate() {
            let e = engine();
            let gid = setup(&e, row.ty, "g", None);
            let p = InviteParam { group_id: gid.clone(), users: vec![format!("guest{}", n)], user_data: String::new() };
            let got = e.invite(inviter, p).map(|o| o.value.results[0].1).map_err(|e| e.code);
            assert_eq!(&got, expected, "{:?} invited by {}", row.ty, inviter);
            if got.is_ok() {
                let p = InviteParam { group_id: gid, users: vec!["member".into()], user_data: String::new() };
                assert_eq!(e.invite(inviter, p).unwrap().value.results[0].1, MemberResult::Included);
            }
        }
    }
}

#[test]
fn owner_quit_row() {
    for row in table() {
        let e = engine();
        let gid = setup(&e, row.ty, "g", None);
        assert_eq!(e.quit("owner", &gid).map(|_| ()).map_err(|e| e.code), row.owner_quit, "{:?}", row.ty);
        assert_eq!(e.quit("member", &gid).map(|_| ()).map_err(|e| e.code), Ok(()), "{:?}", row.ty);
        assert_eq!(code(e.quit("member", &gid)), DENIED, "{:?}: quitting twice", row.ty);
    }
}

#[test]
fn disband_row() {
    for row in table() {
        let e = engine();
        let gid = setup(&e, row.ty, "g", None);
        for (who, expected) in &row.disband {
            assert_eq!(&e.disband(who, &gid).map(|_| ()).map_err(|e| e.code), expected, "{:?} disbanded by {}", row.ty, who);
        }
        assert_eq!(code(e.join("member", &gid, "")), Code::GroupNotFound, "{:?} after disband", row.ty);
    }
}

#[test]
fn kick_row() {
    for row in table() {
        let e = engine();
        let gid = setup(&e, row.ty, "g", None);
        for (who, expected) in &row.kick {
            let p = KickParam { group_id: gid.clone(), users: vec!["member".into()], ..Default::default() };
            let got = e.kick(who, p).map(|o| assert_eq!(o.value, vec![("member".to_string(), MemberResult::Suc)]));
            assert_eq!(&got.map_err(|e| e.code), expected, "{:?} kicked by {}", row.ty, who);
        }
        let owner = KickParam { group_id: gid.clone(), users: vec!["owner".into()], ..Default::default() };
        assert_eq!(code(e.kick("admin", owner.clone())), DENIED, "{:?}: nobody kicks the owner", row.ty);
        assert_eq!(code(e.kick(ADMIN, owner)), DENIED, "{:?}: not even an app admin", row.ty);
    }
}

#[test]
fn joined_list_and_member_profiles_rows() {
    for row in table() {
        let e = engine();
        let gid = setup(&e, row.ty, "g", None);
        let listed = e.read("member", |s, c| s.joined_groups(c)).unwrap();
        assert_eq!(listed.iter().any(|g| g.profile.id == gid), row.listed, "{:?} in joined list", row.ty);
        let p = GetMembersParam { group_id: gid.clone(), ..Default::default() };
        let members = e.read("member", |s, c| s.members(c, &p));
        match row.keeps_members {
            true => assert_eq!(members.unwrap().members.len(), 3, "{:?}", row.ty),
            false => assert_eq!(code(members), DENIED, "{:?}", row.ty),
        }
    }
}

#[test]
fn max_members_row_and_10014() {
    for row in table() {
        let e = engine();
        let gid = setup(&e, row.ty, "g", None);
        let infos = e.read("stranger", |s, c| Ok(s.group_info(c, std::slice::from_ref(&gid)))).unwrap();
        let (profile, count) = infos[0].1.as_ref().unwrap();
        assert_eq!((profile.max_member_num, *count), (row.max_members, 3), "{:?}", row.ty);

        let p = ModifyGroupParam { group_id: gid.clone(), flags: 0x20, max_member_num: Some(3), ..Default::default() };
        e.modify_group("owner", p).unwrap();
        let joined = e.join("late", &gid, "");
        if row.join_default.is_ok() {
            assert_eq!(code(joined), Code::GroupFull, "{:?} full", row.ty);
        }
        if row.invite[2].1.is_ok() {
            let p = InviteParam { group_id: gid.clone(), users: vec!["x".into()], user_data: String::new() };
            let out = e.invite(ADMIN, p).unwrap().value;
            assert!(out.full, "{:?}", row.ty);
            assert_eq!(out.results, vec![("x".to_string(), MemberResult::Err)]);
        }
    }
}

#[test]
fn tips_reach_every_member_including_the_one_leaving() {
    let e = engine();
    let gid = setup(&e, GroupType::Community, "g", None);
    let quit = e.quit("member", &gid).unwrap();
    let tip = &quit.tips[0];
    assert_eq!(tip.tip_type, TipType::Quit);
    assert_eq!(tip.op_user, "member");
    assert_eq!(tip.users, vec!["member"]);
    assert_eq!(e.recipients(tip), vec!["owner", "admin", "member"]);
    assert_eq!(tip.member_num, 2);

    let p = KickParam { group_id: gid.clone(), users: vec!["admin".into()], ..Default::default() };
    let kick = e.kick("owner", p).unwrap();
    assert_eq!(kick.tips[0].tip_type, TipType::Kick);
    assert_eq!((kick.tips[0].op_user.as_str(), kick.tips[0].users.clone()), ("owner", vec!["admin".to_string()]));
    assert_eq!(e.recipients(&kick.tips[0]), vec!["owner", "admin"]);

    let joined = e.join("newcomer", &gid, "").unwrap();
    assert_eq!(joined.tips[0].tip_type, TipType::Invite);
    assert_eq!(joined.tips[0].join_type, Some(huddle::types::JoinType::Apply));
    assert_eq!(e.recipients(&joined.tips[0]), vec!["owner", "newcomer"]);

    let gone = e.disband("owner", &gid).unwrap();
    assert_eq!(gone.tips[0].tip_type, TipType::GroupDismissed);
    assert_eq!(e.recipients(&gone.tips[0]), vec!["owner", "newcomer"]);
}

#[test]
fn approval_flow_and_10024() {
    let e = engine();
    let gid = setup(&e, GroupType::Public, "g", None);
    let asked = e.join("bob", &gid, "let me in").unwrap();
    assert_eq!(asked.value, JoinStatus::WaitingApproval);
    assert_eq!(asked.tips[0].tip_type, TipType::JoinRequest);
    assert_eq!(e.recipients(&asked.tips[0]), vec!["owner", "admin"], "owner and admins are asked");
    assert_eq!(asked.tips[0].msg, "let me in");

    let list = e.read("admin", |s, c| s.pendencies(c, &PendencyOption::default())).unwrap();
    assert_eq!((list.items.len(), list.unread_num), (1, 1));
    assert!(e.read("member", |s, c| s.pendencies(c, &PendencyOption::default())).unwrap().items.is_empty(), "members see no requests");

    let handle = |accept| HandlePendencyParam {
        accept,
        msg: "ok".into(),
        pendency: PendencyRef { group_id: gid.clone(), from: "bob".into(), key: None },
    };
    assert_eq!(code(e.handle_pendency("member", handle(true))), DENIED);
    let approved = e.handle_pendency("admin", handle(true)).unwrap();
    assert_eq!(approved.tips[0].join_type, Some(huddle::types::JoinType::Apply));
    assert!(e.recipients(&approved.tips[0]).contains(&"bob".to_string()));
    assert_eq!(code(e.handle_pendency("owner", handle(true))), Code::RequestHandled);
    assert_eq!(code(e.handle_pendency("owner", handle(false))), Code::RequestHandled);

    e.join("carol", &gid, "").unwrap();
    let rejected = e.handle_pendency("owner", HandlePendencyParam { pendency: PendencyRef { from: "carol".into(), ..handle(false).pendency }, ..handle(false) }).unwrap();
    assert_eq!(rejected.tips[0].tip_type, TipType::JoinRejected);
    assert_eq!(e.recipients(&rejected.tips[0]), vec!["carol"]);
}

#[test]
fn at_most_50_unhandled_requests_per_user() {
    let e = engine();
    for i in 0..51 {
        setup(&e, GroupType::Public, &format!("g{}", i), None);
        e.join("bob", &format!("g{}", i), "").unwrap();
    }
    let list = e.read("owner", |s, c| s.pendencies(c, &PendencyOption { start_time: 0, max_limited: 100 })).unwrap();
    assert_eq!(list.items.len(), 50);
    assert!(list.items.iter().all(|v| v.pendency.group_id != "g0"), "the oldest was dropped");
}

#[test]
fn pendency_read_time_clears_unread() {
    struct Fixed;
    impl Clock for Fixed {
        fn now(&self) -> u64 {
            1000
        }
    }
    let e = Engine::open(EngineConfig { clock: Arc::new(Fixed), ..EngineConfig::default() }).unwrap();
    setup(&e, GroupType::Public, "g", None);
    e.join("bob", "g", "").unwrap();
    let unread = |e: &Engine| e.read("owner", |s, c| s.pendencies(c, &PendencyOption::default())).unwrap().unread_num;
    assert_eq!(unread(&e), 1);
    e.report_pendency_read("owner", 999).unwrap();
    assert_eq!(unread(&e), 1);
    e.report_pendency_read("owner", 1000).unwrap();
    assert_eq!(unread(&e), 0);
}

#[test]
fn custom_ids_generated_ids_and_byte_limits() {
    let e = engine();
    let create = |id: Option<&str>, name: &str| {
        e.create_group("owner", CreateGroupParam { group_id: id.map(String::from), name: name.into(), ..Default::default() })
    };
    let generated = create(None, "x").unwrap().value;
    assert!(generated.starts_with("@TGS#"), "{}", generated);
    assert_eq!(code(create(Some("@TGS#mine"), "x")), Code::InvalidGroupIdFormat);
    assert_eq!(code(create(Some(&"a".repeat(49)), "x")), Code::InvalidGroupIdFormat);
    assert_eq!(code(create(Some("has space"), "x")), Code::InvalidGroupIdFormat);
    assert_eq!(code(create(Some("中文"), "x")), Code::InvalidGroupIdFormat);
    create(Some(&"a".repeat(48)), "x").unwrap();
    assert_eq!(code(create(Some(&"a".repeat(48)), "x")), Code::GroupIdInUse);
    // 33 three-byte characters are 99 bytes; 34 are 102.
    create(Some("n1"), &"名".repeat(33)).unwrap();
    assert_eq!(code(create(Some("n2"), &"名".repeat(34))), Code::NameTooLong);
    let long = |f: fn(&mut CreateGroupParam, String), len: usize| {
        let mut p = CreateGroupParam { group_id: Some(format!("len{}", len)), name: "x".into(), ..Default::default() };
        f(&mut p, "x".repeat(len));
        code(e.create_group("owner", p))
    };
    assert_eq!(long(|p, s| p.introduction = s, 241), Code::IntroductionTooLong);
    assert_eq!(long(|p, s| p.notification = s, 301), Code::NotificationTooLong);
    assert_eq!(long(|p, s| p.face_url = s, 101), Code::FaceUrlTooLong);
}

#[test]
fn unknown_and_invalid_group_ids() {
    let e = engine();
    assert_eq!(code(e.join("bob", "nope", "")), Code::GroupNotFound);
    assert_eq!(code(e.quit("bob", "nope")), Code::GroupNotFound);
    assert_eq!(code(e.disband("bob", "")), Code::InvalidGroupId);
    let infos = e.read("bob", |s, c| Ok(s.group_info(c, &["nope".into(), "".into()]))).unwrap();
    assert_eq!(infos[0].1.as_ref().unwrap_err().code, Code::GroupNotFound);
    assert_eq!(infos[1].1.as_ref().unwrap_err().code, Code::InvalidGroupId);
}

/// The app's daily group quota counts the groups made today that still
/// exist (Tencent's "net group consumption"); past it, 10006.
#[test]
fn the_daily_group_quota_counts_groups_made_today_and_kept() {
    let limits = huddle::engine::Limits { daily_group_quota: 2, ..Default::default() };
    let e = Engine::open(EngineConfig { limits, ..EngineConfig::default() }).unwrap();
    let make = |id: &str| e.create_group("alice", CreateGroupParam { group_id: Some(id.into()), name: id.into(), ..Default::default() }).map(|_| ()).map_err(|e| e.code);
    assert_eq!(make("q1"), Ok(()));
    assert_eq!(make("q2"), Ok(()));
    assert_eq!(make("q3"), Err(Code::GroupFreqLimit));
    e.disband("alice", "q1").unwrap();
    assert_eq!(make("q3"), Ok(()), "a group disbanded today gives its place back");
}

/// The seeds' client limit: a member sends so many messages a second to a
/// group (a burst of that many), the app's server is not limited.
#[test]
fn a_member_sends_so_many_messages_a_second_to_a_group() {
    let limits = huddle::engine::Limits { member_msgs_per_second: 2, ..Default::default() };
    let e = Engine::open(EngineConfig { limits, admins: vec!["root".into()], ..EngineConfig::default() }).unwrap();
    e.create_group("alice", CreateGroupParam { group_id: Some("talk".into()), name: "t".into(), group_type: Some(GroupType::Meeting), ..Default::default() }).unwrap();
    e.join("bob", "talk", "").unwrap();
    let thread = huddle::model::Thread::Group("talk".into());
    let send = |user: &str, text: &str| {
        let param: SendParam = serde_json::from_value(serde_json::json!({"message_elem_array": [{"elem_type": 0, "text_elem_content": text}]})).unwrap();
        let t = thread.clone();
        e.run(user, move |s, c| s.send(c, t, huddle::engine::new_msg_id(0), param)).map(|_| ()).map_err(|e| e.code)
    };
    assert_eq!((send("alice", "1"), send("alice", "2"), send("alice", "3")), (Ok(()), Ok(()), Err(Code::SendRateLimit)));
    assert_eq!(send("bob", "1"), Ok(()), "each member has a budget of its own");
    assert!((0..5).all(|i| send("root", &i.to_string()).is_ok()), "the app's server is not limited");
}
