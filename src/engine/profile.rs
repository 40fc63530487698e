//! Group profile changes: name, texts, options, custom fields, ownership.

use crate::error::{err, Code, Result};
use crate::model::{Audience, Change, GroupChange, Tip};
use crate::params::ModifyGroupParam;
use crate::types::{modify_flag as flag, ChangeFlag, Role, TipType};

use super::rules::{Who, MANAGE, SET_MAX_MEMBERS};
use super::state::State;
use super::validate;
use super::{Ctx, Plan};

/// A text field of the profile: its flag bit, value, name, byte limit, error and tip flag.
type TextField<'a> = (u32, &'a Option<String>, &'static str, usize, Code, ChangeFlag);

fn required<'a, T>(v: &'a Option<T>, key: &str) -> Result<&'a T> {
    v.as_ref().ok_or_else(|| err!(InvalidRequest, "the modify flag names {} but the key is missing", key))
}

impl State {
    pub fn modify_group(&self, ctx: &Ctx, p: ModifyGroupParam) -> Result<Plan<()>> {
        validate::group_id(&p.group_id)?;
        let g = self.group(&p.group_id)?;
        let role = g.role_of(ctx.user);
        let r = g.rules();
        if p.flags == 0 || p.flags & !flag::ALL != 0 {
            return Err(err!(InvalidRequest, "modify flag {:#x} names nothing Huddle can modify", p.flags));
        }
        if p.flags & flag::OWNER != 0 && p.flags != flag::OWNER {
            return Err(err!(InvalidRequest, "an owner transfer must be the only change in its call"));
        }
        let need = |who: Who, what: &str| -> Result<()> {
            if who.allows(role, ctx.app_admin) {
                Ok(())
            } else {
                Err(err!(PermissionDenied, "{} may not change the {} of {:?} group {}", ctx.user, what, g.profile.group_type, g.profile.id))
            }
        };
        let mut profile = g.profile.clone();
        let mut changes = Vec::new();
        let mut plan = Plan::new(());
        let texts: [TextField; 4] = [
            (flag::NAME, &p.name, "name", validate::MAX_NAME, Code::NameTooLong, ChangeFlag::Name),
            (flag::NOTIFICATION, &p.notification, "notification", validate::MAX_NOTIFICATION, Code::NotificationTooLong, ChangeFlag::Notification),
            (flag::INTRODUCTION, &p.introduction, "introduction", validate::MAX_INTRODUCTION, Code::IntroductionTooLong, ChangeFlag::Introduction),
            (flag::FACE_URL, &p.face_url, "face URL", validate::MAX_FACE_URL, Code::FaceUrlTooLong, ChangeFlag::FaceUrl),
        ];
        for (bit, value, what, max, code, change) in texts {
            if p.flags & bit == 0 {
                continue;
            }
            need(r.edit_profile, what)?;
            let value = required(value, what)?;
            validate::max_bytes(value, max, code, &format!("the {}", what))?;
            if bit == flag::NAME && value.is_empty() {
                return Err(err!(NameTooLong, "a group name cannot be empty"));
            }
            match bit {
                flag::NAME => profile.name = value.clone(),
                flag::NOTIFICATION => profile.notification = value.clone(),
                flag::INTRODUCTION => profile.introduction = value.clone(),
                _ => profile.face_url = value.clone(),
            }
            changes.push(GroupChange::text(change, value.clone()));
        }
        if p.flags & flag::ADD_OPTION != 0 {
            need(MANAGE, "add option")?;
            let opt = *required(&p.add_option, "group_modify_info_param_add_option")?;
            profile.add_option = opt;
            changes.push(GroupChange { int_value: Some(opt.as_int() as i64), ..GroupChange::text(ChangeFlag::AddOption, opt.as_int().to_string()) });
        }
        if p.flags & flag::MAX_MEMBER_NUM != 0 {
            need(SET_MAX_MEMBERS, "member limit")?;
            let n = *required(&p.max_member_num, "group_modify_info_param_max_member_num")?;
            let type_max = r.max_members.unwrap_or(u32::MAX);
            if n == 0 || n > type_max || n < g.member_count() {
                return Err(err!(InvalidRequest, "max_member_num {} must be between the {} current members and the type's limit of {}", n, g.member_count(), type_max));
            }
            profile.max_member_num = n;
            changes.push(GroupChange { int_value: Some(n as i64), ..GroupChange::text(ChangeFlag::MaxMemberNum, n.to_string()) });
        }
        if p.flags & flag::SHUTUP_ALL != 0 {
            need(MANAGE, "mute-all switch")?;
            let on = *required(&p.shutup_all, "group_modify_info_param_is_shutup_all")?;
            profile.shutup_all = on;
            changes.push(GroupChange { bool_value: Some(on), ..GroupChange::text(ChangeFlag::ShutupAll, on.to_string()) });
        }
        if p.flags & flag::CUSTOM != 0 {
            need(r.edit_profile, "custom fields")?;
            for (key, value) in validate::group_custom(&p.custom_info)? {
                changes.push(GroupChange { key: key.clone(), ..GroupChange::text(ChangeFlag::Custom, value.clone()) });
                profile.custom.insert(key, value);
            }
        }
        if p.flags & flag::OWNER != 0 {
            need(r.transfer_owner, "owner")?;
            let new_owner = required(&p.owner, "group_modify_info_param_owner")?;
            let Some(mut heir) = g.members.get(new_owner).cloned() else {
                return Err(err!(InvalidRequest, "the new owner {} is not a member of {}", new_owner, g.profile.id));
            };
            if heir.role != Role::Owner {
                if let Some(mut old) = g.members.get(&profile.owner).cloned() {
                    old.role = Role::Normal;
                    plan.changes.push(Change::PutMember { group_id: g.profile.id.clone(), member: old });
                }
                heir.role = Role::Owner;
                plan.changes.push(Change::PutMember { group_id: g.profile.id.clone(), member: heir });
            }
            profile.owner = new_owner.clone();
            changes.push(GroupChange::text(ChangeFlag::Owner, new_owner.clone()));
        }
        profile.info_seq += 1;
        profile.last_info_time = ctx.now;
        let tip = Tip { group_changes: changes, ..Tip::new(TipType::GroupInfoChange, &profile, ctx.user, Vec::new(), ctx.now, g.member_count(), Audience::members(&profile)) };
        plan.tips.push(tip);
        plan.changes.insert(0, Change::PutGroup(profile));
        Ok(plan)
    }
}
