//! Community topics: channels of a community that supports them, each a
//! group thread of its own (its ID is the community's, `@TOPIC#_` and a
//! suffix, as Tencent forms it) whose members are the community's.

use serde_json::{json, Value};

use crate::error::{err, Code, Error, Result};
use crate::model::{Audience, Change, Draft, Thread, Tip, Topic};
use crate::params::TopicInfoParam;
use crate::types::{topic_modify_flag as flag, ConvEvent, GroupState, GroupType, MsgFlag, TipType};

use super::groups::{base32, JoinedGroup};
use super::publish::Outgoing;
use super::rules::MANAGE;
use super::state::{Group, State};
use super::validate::{self, TOPIC_MARK};
use super::views::MessageView;
use super::{Ctx, Plan};

/// Tencent's byte limits of a topic's fields (V2TIMTopicInfo).
const MAX_TOPIC_NAME: usize = 150;
const MAX_TOPIC_TEXT: usize = 400;
const MAX_TOPIC_FACE_URL: usize = 500;
/// Huddle's: the group custom value's limit.
const MAX_TOPIC_CUSTOM: usize = 512;

/// A topic's shared fields, as every member sees them (and as the
/// TopicInfoChange tip carries them).
fn shared_info(t: &Topic) -> Value {
    json!({
        "group_topic_info_topic_id": t.id,
        "group_topic_info_topic_name": t.name,
        "group_topic_info_introduction": t.introduction,
        "group_topic_info_notification": t.notification,
        "group_topic_info_topic_face_url": t.face_url,
        "group_topic_info_is_all_muted": t.all_muted,
        "group_topic_info_custom_string": t.custom_string,
    })
}

/// The new values of `p`'s fields, checked, applied to `t`; `all` takes
/// every field given, else only those `p.flags` names.
fn apply_fields(t: &mut Topic, p: &TopicInfoParam, all: bool) -> Result<()> {
    let named = |bit: u32| all || p.flags & bit != 0;
    let text = |value: &Option<String>, bit: u32, max: usize, code: Code, what: &str| -> Result<Option<String>> {
        match value {
            Some(v) if named(bit) => validate::max_bytes(v, max, code, what).map(|_| Some(v.clone())),
            None if !all && p.flags & bit != 0 => Err(Error::new(Code::InvalidRequest, format!("the modify flag names the {} but it is missing", what))),
            _ => Ok(None),
        }
    };
    if let Some(name) = text(&p.name, flag::NAME, MAX_TOPIC_NAME, Code::NameTooLong, "topic name")? {
        if name.is_empty() {
            return Err(err!(NameTooLong, "a topic needs a name"));
        }
        t.name = name;
    }
    if let Some(v) = text(&p.introduction, flag::INTRODUCTION, MAX_TOPIC_TEXT, Code::IntroductionTooLong, "topic introduction")? {
        t.introduction = v;
    }
    if let Some(v) = text(&p.notification, flag::NOTIFICATION, MAX_TOPIC_TEXT, Code::NotificationTooLong, "topic notification")? {
        t.notification = v;
    }
    if let Some(v) = text(&p.face_url, flag::FACE_URL, MAX_TOPIC_FACE_URL, Code::FaceUrlTooLong, "topic face URL")? {
        t.face_url = v;
    }
    if let Some(v) = text(&p.custom_string, flag::CUSTOM_STRING, MAX_TOPIC_CUSTOM, Code::InvalidRequest, "topic custom string")? {
        t.custom_string = v;
    }
    match p.all_muted {
        Some(muted) if named(flag::MUTE_ALL) => t.all_muted = muted,
        None if !all && p.flags & flag::MUTE_ALL != 0 => return Err(err!(InvalidRequest, "the modify flag names the topic's mute but it is missing")),
        _ => {}
    }
    Ok(())
}

/// A custom topic ID: `<community>@TOPIC#_<suffix>`, printable ASCII, at
/// most 96 bytes; the suffix holds no `@TGS#_` and does not start as a
/// generated one (`@TOPIC#`), Tencent's rules.
fn check_custom_topic_id(group_id: &str, id: &str) -> Result<()> {
    let bad = |why: &str| Err(Error::new(Code::InvalidGroupIdFormat, format!("topic ID {:?} {}", id, why)));
    let Some(suffix) = id.strip_prefix(group_id).and_then(|rest| rest.strip_prefix(TOPIC_MARK)) else {
        return bad(&format!("is not the community's ID followed by {}", TOPIC_MARK));
    };
    if suffix.is_empty() || id.len() > validate::MAX_TOPIC_ID || !id.bytes().all(|b| b.is_ascii_graphic()) {
        return bad("needs a suffix, printable ASCII, and at most 96 bytes in all");
    }
    if suffix.contains("@TGS#_") || suffix.starts_with("@TOPIC#") {
        return bad("has a suffix holding @TGS#_ or starting with @TOPIC#, kept for generated IDs");
    }
    Ok(())
}

impl Group {
    /// This group, if it is a community that takes topics.
    fn with_topics(&self) -> Result<&Group> {
        if self.profile.group_type != GroupType::Community || !self.profile.support_topic {
            return Err(err!(
                InvalidRequest,
                "group {} does not support topics (a community created with create_group_param_is_support_topic does)",
                self.profile.id
            ));
        }
        Ok(self)
    }

    fn topic(&self, id: &str) -> Result<&Topic> {
        self.profile.topics.get(id).ok_or_else(|| err!(GroupNotFound, "topic {:?} does not exist in {}", id, self.profile.id))
    }
}

impl State {
    /// The community `group_id`, if it takes topics.
    fn community(&self, group_id: &str) -> Result<&Group> {
        validate::group_id(group_id)?;
        self.group(group_id)?.with_topics()
    }

    /// `community`, if the caller may manage its topics (owner, admins, app admins).
    fn managed<'a>(&self, ctx: &Ctx, community: &'a Group) -> Result<&'a Group> {
        if !MANAGE.allows(community.role_of(ctx.user), ctx.app_admin) {
            return Err(err!(PermissionDenied, "only the owner and admins of {} manage its topics", community.profile.id));
        }
        Ok(community)
    }

    /// The caller's communities that take topics.
    pub fn joined_communities(&self, ctx: &Ctx) -> Result<Vec<JoinedGroup>> {
        let mut groups = self.joined_groups(ctx)?;
        groups.retain(|g| g.profile.group_type == GroupType::Community && g.profile.support_topic);
        Ok(groups)
    }

    fn generate_topic_id(&self, ctx: &Ctx, g: &Group) -> String {
        let mut n = (ctx.now << 20 ^ ctx.order).wrapping_mul(0x9E37_79B9_7F4A_7C15);
        loop {
            let id = format!("{}{}@TOPIC#{}", g.profile.id, TOPIC_MARK, base32(n));
            if !g.profile.topics.contains_key(&id) {
                return id;
            }
            n = n.wrapping_add(0x2545_F491_4F6C_DD1D);
        }
    }

    /// Creates a topic; every member gets its conversation and the TopicCreated tip.
    pub fn create_topic(&self, ctx: &Ctx, group_id: &str, p: TopicInfoParam) -> Result<Plan<String>> {
        let g = self.managed(ctx, self.community(group_id)?)?;
        let id = match p.topic_id.as_deref() {
            Some(id) if !id.is_empty() => {
                check_custom_topic_id(group_id, id)?;
                if g.profile.topics.contains_key(id) {
                    return Err(err!(GroupIdInUse, "topic ID {:?} is already in use", id));
                }
                id.to_string()
            }
            _ => self.generate_topic_id(ctx, g),
        };
        let mut topic = Topic { id: id.clone(), create_time: ctx.now, ..Topic::default() };
        if p.name.is_none() {
            return Err(err!(NameTooLong, "a topic needs a name"));
        }
        apply_fields(&mut topic, &p, true)?;
        let mut profile = g.profile.clone();
        profile.topics.insert(id.clone(), topic);
        let mut plan = Plan::new(id.clone());
        plan.changes.push(Change::PutGroup(profile));
        let thread = Thread::Group(id.clone());
        plan.changes.extend(g.member_ids().iter().map(|u| self.conv_joined_thread(ctx, u, thread.clone())));
        let tip = Tip::new(TipType::TopicCreated, &g.profile, ctx.user, Vec::new(), ctx.now, g.member_count(), Audience::members(&g.profile));
        plan.tips.push(Tip { topic_ids: vec![id], ..tip });
        Ok(plan)
    }

    /// Deletes topics, each on its own: a JSON array of Tencent's
    /// TIMGroupTopicOperationResult. Their conversations stay, marked
    /// as of a disbanded group; members get one TopicDeleted tip.
    pub fn delete_topics(&self, ctx: &Ctx, group_id: &str, ids: &[String]) -> Result<Plan<Vec<Value>>> {
        let g = self.managed(ctx, self.community(group_id)?)?;
        let mut profile = g.profile.clone();
        let mut plan = Plan::new(Vec::new());
        let mut deleted = Vec::new();
        for id in ids {
            let result = match profile.topics.remove(id) {
                Some(_) => {
                    let thread = Thread::Group(id.clone());
                    plan.changes.extend(g.member_ids().iter().map(|u| self.conv_left_thread(ctx, u, thread.clone(), GroupState::Disbanded)));
                    deleted.push(id.clone());
                    Ok(())
                }
                None => g.topic(id).map(|_| ()),
            };
            plan.value.push(json!({
                "group_topic_operation_result_error_code": result.as_ref().map_or_else(|e| e.code.as_i32(), |_| 0),
                "group_topic_operation_result_error_message": result.as_ref().map_or_else(|e| e.desc.clone(), |_| String::new()),
                "group_topic_operation_result_topic_id": id,
            }));
        }
        if !deleted.is_empty() {
            plan.changes.insert(0, Change::PutGroup(profile));
            let tip = Tip::new(TipType::TopicDeleted, &g.profile, ctx.user, Vec::new(), ctx.now, g.member_count(), Audience::members(&g.profile));
            plan.tips.push(Tip { topic_ids: deleted, ..tip });
        }
        Ok(plan)
    }

    /// Changes what `p.flags` names of a topic. The draft is the caller's
    /// own (its conversation's draft); the rest is the owner's and admins',
    /// and members get a TopicInfoChange tip with the topic as changed.
    pub fn set_topic_info(&self, ctx: &Ctx, p: TopicInfoParam) -> Result<Plan<()>> {
        let id = p.topic_id.clone().unwrap_or_default();
        validate::group_id(&id)?;
        let community = validate::topic_community(&id).ok_or_else(|| err!(InvalidGroupId, "{:?} is not a topic ID", id))?;
        let g = self.community(community)?;
        let topic = g.topic(&id)?;
        if p.flags == 0 || p.flags & !flag::ALL != 0 {
            return Err(err!(InvalidRequest, "topic modify flag {:#x} names nothing Huddle can modify", p.flags));
        }
        let mut plan = Plan::new(());
        if p.flags & flag::DRAFT != 0 {
            let text = p.draft_text.as_ref().ok_or_else(|| err!(InvalidRequest, "the modify flag names the draft but group_topic_info_draft_text is missing"))?;
            let thread = Thread::Group(id.clone());
            let conv = self.conv(ctx.user, &thread).filter(|_| g.members.contains_key(ctx.user));
            let conv = conv.ok_or_else(|| err!(PermissionDenied, "{} is not a member of {}", ctx.user, community))?;
            let draft = (!text.is_empty()).then(|| Draft { user_define: text.clone(), edit_time: ctx.now, ..Draft::default() });
            plan.changes.push(Change::PutConv(crate::model::ConvState { draft, ..conv.clone() }));
            plan.events.push(Outgoing::Conv { user: ctx.user.to_string(), thread, kind: ConvEvent::Update });
        }
        if p.flags & !flag::DRAFT != 0 {
            self.managed(ctx, g)?;
            let mut changed = topic.clone();
            apply_fields(&mut changed, &p, false)?;
            let tip = Tip::new(TipType::TopicInfoChange, &g.profile, ctx.user, Vec::new(), ctx.now, g.member_count(), Audience::members(&g.profile));
            plan.tips.push(Tip { topic_info: Some(shared_info(&changed)), ..tip });
            let mut profile = g.profile.clone();
            profile.topics.insert(id, changed);
            plan.changes.insert(0, Change::PutGroup(profile));
        }
        Ok(plan)
    }

    /// The topics `ids` names (all when empty) as the caller sees them: a
    /// JSON array of Tencent's TIMGroupTopicInfoResult, with the caller's
    /// unread count, last message, mentions, mute and receive option.
    pub fn topic_infos(&self, ctx: &Ctx, group_id: &str, ids: &[String]) -> Result<Vec<Value>> {
        let g = self.community(group_id)?;
        let me = g.members.get(ctx.user);
        if me.is_none() && !ctx.app_admin {
            return Err(err!(PermissionDenied, "{} is not a member of {}", ctx.user, group_id));
        }
        let ids: Vec<&String> = if ids.is_empty() { g.profile.topics.keys().collect() } else { ids.iter().collect() };
        Ok(ids
            .into_iter()
            .map(|id| match g.topic(id) {
                Ok(t) => {
                    let mut info = shared_info(t);
                    let conv = self.conv(ctx.user, &Thread::Group(id.clone()));
                    let summary = conv.and_then(|c| self.summarize(c));
                    info["group_topic_info_self_mute_time"] = json!(g.shutup_left(ctx.user, ctx.now));
                    info["group_topic_info_recv_opt"] = json!(me.map_or(MsgFlag::Receive, |m| m.msg_flag));
                    info["group_topic_info_draft_text"] = json!(conv.and_then(|c| c.draft.as_ref()).map_or("", |d| d.user_define.as_str()));
                    info["group_topic_info_unread_count"] = json!(summary.as_ref().map_or(0, |s| s.unread));
                    info["group_topic_info_last_message"] = json!(summary.as_ref().and_then(|s| s.last).map(|m| MessageView::new(self, m, ctx.user)));
                    info["group_topic_info_group_at_info_array"] = summary.as_ref().map_or_else(|| json!([]), |s| s.at_info());
                    info["topic_info_read_sequence"] = json!(conv.map_or(0, |c| c.read_seq));
                    json!({ "group_topic_info_result_error_code": 0, "group_topic_info_result_error_message": "", "group_topic_info_result_topic_info": info })
                }
                Err(e) => json!({ "group_topic_info_result_error_code": e.code.as_i32(), "group_topic_info_result_error_message": e.desc }),
            })
            .collect())
    }
}
