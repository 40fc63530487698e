//! Member management: roles, mute and its expiry, mute-all and the
//! allowlist, name cards, owner transfer, kick with a ban, paging, and the
//! app admin's user-group sync.

use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::Arc;

use huddle::engine::{Clock, EngineConfig};
use huddle::params::*;
use huddle::{Code, Engine, GroupType, Role, TipType};

struct ManualClock(AtomicU64);

impl Clock for ManualClock {
    fn now(&self) -> u64 {
        self.0.load(Ordering::SeqCst)
    }
}

fn engine() -> (Arc<Engine>, Arc<ManualClock>) {
    let clock = Arc::new(ManualClock(AtomicU64::new(1_000)));
    let e = Engine::open(EngineConfig { admins: vec!["root".into()], clock: clock.clone(), ..EngineConfig::default() }).unwrap();
    let members = ["admin", "bob", "carol"]
        .iter()
        .map(|u| InitialMember { user_id: u.to_string(), role: Some(if *u == "admin" { Role::Admin } else { Role::Normal }), custom: Vec::new() })
        .collect();
    let p = CreateGroupParam { group_id: Some("g".into()), name: "g".into(), group_type: Some(GroupType::Public), members, ..Default::default() };
    e.create_group("owner", p).unwrap();
    (e, clock)
}

fn modify(user: &str, flags: u32) -> ModifyMemberParam {
    ModifyMemberParam { group_id: "g".into(), user_id: user.into(), flags, ..Default::default() }
}

fn mute(user: &str, secs: u64) -> ModifyMemberParam {
    ModifyMemberParam { shutup_time: Some(secs), ..modify(user, 4) }
}

fn can_send(e: &Engine, user: &str) -> Result<(), Code> {
    e.read(user, |s, c| s.can_send(c, "g")).map_err(|e| e.code)
}

#[test]
fn mute_blocks_sending_until_it_expires_and_the_group_is_told() {
    let (e, clock) = engine();
    let muted = e.modify_member("admin", mute("bob", 10)).unwrap();
    let tip = &muted.tips[0];
    assert_eq!((tip.tip_type, tip.op_user.as_str()), (TipType::MemberInfoChange, "admin"));
    assert_eq!((tip.member_changes[0].user_id.as_str(), tip.member_changes[0].shutup_time), ("bob", 10));
    assert_eq!(e.recipients(tip).len(), 4);
    assert_eq!(can_send(&e, "bob"), Err(Code::Muted));
    assert_eq!(can_send(&e, "carol"), Ok(()));

    let (tx, rx) = std::sync::mpsc::channel();
    struct Sink(std::sync::Mutex<std::sync::mpsc::Sender<String>>);
    impl huddle::event::EventSink for Sink {
        fn deliver(&self, event: huddle::event::Event) {
            if let huddle::event::EventBody::GroupTip { tip, .. } = event.body() {
                self.0.lock().unwrap().send(tip.as_str().to_string()).unwrap();
            }
        }
    }
    e.subscribe("carol", Arc::new(Sink(std::sync::Mutex::new(tx))));
    clock.0.store(1_010, Ordering::SeqCst);
    assert_eq!(can_send(&e, "bob"), Ok(()), "expiry needs no action to take effect");
    e.expire_due();
    let tip: serde_json::Value = serde_json::from_str(&rx.try_recv().unwrap()).unwrap();
    assert_eq!(tip["group_tips_elem_tip_type"], 7);
    assert_eq!(tip["group_tips_elem_member_change_info_array"][0]["group_tips_member_change_info_identifier"], "bob");
    assert_eq!(tip["group_tips_elem_member_change_info_array"][0]["group_tips_member_change_info_shutupTime"], 0);
    e.expire_due();
    assert!(rx.try_recv().is_err(), "told once");
}

#[test]
fn who_may_mute_whom() {
    let (e, _) = engine();
    assert_eq!(e.modify_member("bob", mute("carol", 5)).unwrap_err().code, Code::PermissionDenied, "members do not mute");
    assert_eq!(e.modify_member("admin", mute("owner", 5)).unwrap_err().code, Code::PermissionDenied, "admins do not mute the owner");
    e.modify_member("owner", ModifyMemberParam { role: Some(Role::Admin), ..modify("carol", 2) }).unwrap();
    assert_eq!(e.modify_member("admin", mute("carol", 5)).unwrap_err().code, Code::PermissionDenied, "admins do not mute admins");
    e.modify_member("owner", mute("carol", 5)).unwrap();
    assert_eq!(e.modify_member("owner", mute("owner", 5)).unwrap_err().code, Code::InvalidRequest, "nobody mutes themselves");
    e.modify_member("root", mute("owner", 5)).unwrap();
}

#[test]
fn mute_all_spares_owner_admins_and_the_allowlist() {
    let (e, _) = engine();
    let p = ModifyGroupParam { group_id: "g".into(), flags: 0x100, shutup_all: Some(true), ..Default::default() };
    let tip = &e.modify_group("admin", p).unwrap().tips[0];
    assert_eq!(tip.group_changes[0].bool_value, Some(true));
    assert_eq!(can_send(&e, "owner"), Ok(()));
    assert_eq!(can_send(&e, "admin"), Ok(()));
    assert_eq!(can_send(&e, "bob"), Err(Code::Muted));
    let allow = MuteAllowlistParam { group_id: "g".into(), users: vec!["bob".into()], is_add: true };
    assert_eq!(e.modify_mute_allowlist("bob", allow.clone()).unwrap_err().code, Code::PermissionDenied);
    let tip = &e.modify_mute_allowlist("owner", allow.clone()).unwrap().tips[0];
    assert_eq!((tip.tip_type, tip.users.clone()), (TipType::MuteAllowlistChange, vec!["bob".to_string()]));
    assert_eq!(can_send(&e, "bob"), Ok(()));
    assert_eq!(can_send(&e, "carol"), Err(Code::Muted));
    assert_eq!(e.read("carol", |s, c| s.mute_allowlist(c, "g")).unwrap(), ["bob"]);
    e.modify_mute_allowlist("owner", MuteAllowlistParam { is_add: false, ..allow }).unwrap();
    assert_eq!(can_send(&e, "bob"), Err(Code::Muted));
    assert_eq!(can_send(&e, "stranger"), Err(Code::PermissionDenied));
}

#[test]
fn roles_tips_and_owner_transfer() {
    let (e, _) = engine();
    assert_eq!(e.modify_member("admin", ModifyMemberParam { role: Some(Role::Admin), ..modify("bob", 2) }).unwrap_err().code, Code::PermissionDenied);
    let set = e.modify_member("owner", ModifyMemberParam { role: Some(Role::Admin), ..modify("bob", 2) }).unwrap();
    assert_eq!((set.tips[0].tip_type, set.tips[0].users.clone()), (TipType::SetAdmin, vec!["bob".to_string()]));
    let cancel = e.modify_member("owner", ModifyMemberParam { role: Some(Role::Normal), ..modify("bob", 2) }).unwrap();
    assert_eq!(cancel.tips[0].tip_type, TipType::CancelAdmin);

    let transfer = |who: &str, to: &str, flags: u32| {
        e.modify_group(who, ModifyGroupParam { group_id: "g".into(), flags, owner: Some(to.into()), name: Some("x".into()), ..Default::default() })
    };
    assert_eq!(transfer("admin", "bob", 0x8000_0000).unwrap_err().code, Code::PermissionDenied);
    assert_eq!(transfer("owner", "bob", 0x8000_0001).unwrap_err().code, Code::InvalidRequest, "the owner flag stands alone");
    assert_eq!(transfer("owner", "stranger", 0x8000_0000).unwrap_err().code, Code::InvalidRequest);
    let done = transfer("owner", "bob", 0x8000_0000).unwrap();
    assert_eq!(done.tips[0].group_changes[0].flag, huddle::types::ChangeFlag::Owner);
    assert_eq!(done.tips[0].group_changes[0].value, "bob");
    let p = GetMembersParam { group_id: "g".into(), users: vec!["owner".into(), "bob".into()], ..Default::default() };
    let roles: Vec<_> = e.read("bob", |s, c| s.members(c, &p)).unwrap().members.into_iter().map(|m| m.role).collect();
    assert_eq!(roles, [Role::Normal, Role::Owner]);
    assert_eq!(e.quit("owner", "g").map(|_| ()).map_err(|e| e.code), Ok(()), "the old owner is a member now");
}

#[test]
fn name_cards_and_custom_fields() {
    let (e, _) = engine();
    let card = |who: &str, whose: &str, text: &str| {
        e.modify_member(who, ModifyMemberParam { name_card: Some(text.into()), ..modify(whose, 8) }).map(|_| ()).map_err(|e| e.code)
    };
    assert_eq!(card("bob", "bob", "鲍勃 🎮"), Ok(()));
    assert_eq!(card("bob", "carol", "x"), Err(Code::PermissionDenied));
    assert_eq!(card("admin", "carol", "c"), Ok(()));
    assert_eq!(card("admin", "owner", "o"), Err(Code::PermissionDenied));
    assert_eq!(card("bob", "bob", &"é".repeat(26)), Err(Code::NameCardTooLong));
    let p = ModifyMemberParam { msg_flag: Some(huddle::types::MsgFlag::NotReceive), ..modify("carol", 1) };
    assert_eq!(e.modify_member("admin", p.clone()).unwrap_err().code, Code::PermissionDenied, "message flag: self only");
    e.modify_member("carol", p).unwrap();
    let p = GetMembersParam { group_id: "g".into(), users: vec!["bob".into()], ..Default::default() };
    assert_eq!(e.read("bob", |s, c| s.members(c, &p)).unwrap().members[0].name_card, "鲍勃 🎮");
}

#[test]
fn kick_with_a_ban_keeps_the_user_out_until_it_ends() {
    let (e, clock) = engine();
    let p = ModifyGroupParam { group_id: "g".into(), flags: 0x10, add_option: Some(huddle::AddOption::Any), ..Default::default() };
    e.modify_group("owner", p).unwrap();
    let kick = KickParam { group_id: "g".into(), users: vec!["bob".into()], duration: 60, ..Default::default() };
    e.kick("admin", kick).unwrap();
    assert_eq!(e.join("bob", "g", "").unwrap_err().code, Code::PermissionDenied);
    clock.0.store(1_060, Ordering::SeqCst);
    assert_eq!(e.join("bob", "g", "").unwrap().value, huddle::JoinStatus::Joined);
}

#[test]
fn member_list_pages_by_100_with_role_filter_and_is_for_members() {
    let (e, _) = engine();
    let users: Vec<String> = (0..250).map(|i| format!("u{:03}", i)).collect();
    let p = ModifyGroupParam { group_id: "g".into(), flags: 0x10, add_option: Some(huddle::AddOption::Any), ..Default::default() };
    e.modify_group("owner", p).unwrap();
    for u in &users {
        e.join(u, "g", "").unwrap();
    }
    let mut seen = Vec::new();
    let mut next_seq = 0;
    loop {
        let p = GetMembersParam { group_id: "g".into(), next_seq, ..Default::default() };
        let page = e.read("bob", |s, c| s.members(c, &p)).unwrap();
        assert!(page.members.len() <= 100);
        seen.extend(page.members.into_iter().map(|m| m.user_id));
        next_seq = page.next_seq;
        if next_seq == 0 {
            break;
        }
    }
    assert_eq!(seen.len(), 254);
    assert_eq!(&seen[..4], ["owner", "admin", "bob", "carol"]);
    let admins = GetMembersParam { group_id: "g".into(), option: MemberInfoOption { role_flag: 1 | 2 }, ..Default::default() };
    let ids: Vec<_> = e.read("bob", |s, c| s.members(c, &admins)).unwrap().members.into_iter().map(|m| m.user_id).collect();
    assert_eq!(ids, ["owner", "admin"]);
    let p = GetMembersParam { group_id: "g".into(), ..Default::default() };
    assert_eq!(e.read("stranger", |s, c| s.members(c, &p)).unwrap_err().code, Code::PermissionDenied);
}

#[test]
fn app_admin_reads_any_users_groups_and_any_groups_members() {
    let (e, _) = engine();
    assert_eq!(e.read("root", |s, c| s.groups_of_user(c, "bob")).unwrap(), ["g"]);
    assert_eq!(e.read("root", |s, c| s.member_ids_of(c, "g")).unwrap(), ["owner", "admin", "bob", "carol"]);
    assert_eq!(e.read("bob", |s, c| s.groups_of_user(c, "carol")).unwrap_err().code, Code::PermissionDenied);
    assert_eq!(e.read("bob", |s, c| s.member_ids_of(c, "g")).unwrap_err().code, Code::PermissionDenied);
}
