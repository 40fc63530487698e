//! The engine's Tencent-shaped face: a typed request in, a code, a sentence
//! and a JSON document out. Every transport serves requests through here, so
//! the in-process client and `huddle-server` answer byte for byte alike.

mod encode;
pub mod rest;
mod session;

use serde::{Deserialize, Serialize};
use serde_json::{json, Value};

use crate::engine::views::MessageView;
use crate::engine::{
    conv_results_json, AttrWrite, Caller, ConvResult, CounterWrite, Engine, Extension, JoinedGroup, MemberPage, QuietWindow, ReactionUserPage,
    ReadMemberPage,
};
use crate::model::{GroupAttribute, GroupCounter};
use crate::params::*;
use crate::response::{Reply, Response};
use crate::types::{ConvType, JoinStatus, MemberResult, MsgFlag, ReadFilter};

use encode::{base_info, detail_info, encode_change, extensions_set_response, invite_response, member_infos, member_page, member_results, pendency_page, InfoResult};
pub use session::{Auth, Login, Service, Session};

/// One call of the C API, as it travels to an engine: on the wire
/// `{"method": "GroupJoin", "params": {"group_id": "g", "hello_msg": "hi"}}`
/// (docs/protocol.md lists them all).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, strum::IntoStaticStr)]
#[serde(tag = "method", content = "params")]
pub enum Request {
    GroupCreate(CreateGroupParam),
    GroupDelete { group_id: String },
    GroupJoin { group_id: String, hello_msg: String },
    GroupQuit { group_id: String },
    GroupInviteMember(InviteParam),
    GroupDeleteMember(KickParam),
    GroupGetJoinedGroupList,
    GroupGetGroupInfoList { group_ids: Vec<String> },
    GroupModifyGroupInfo(ModifyGroupParam),
    GroupGetMemberInfoList(GetMembersParam),
    GroupModifyMemberInfo(ModifyMemberParam),
    GroupGetPendencyList(PendencyOption),
    GroupHandlePendency(HandlePendencyParam),
    GroupReportPendencyReaded { time_stamp: u64 },
    GroupModifyMuteAllowlist(MuteAllowlistParam),
    GroupGetMuteAllowlist { group_id: String },
    AdminGetUserGroups { user_id: String },
    AdminGetGroupMemberIds { group_id: String },
    MsgSend { conv: ConvRef, msg_id: String, param: SendParam },
    MsgGetMsgList { conv: ConvRef, param: GetMsgListParam },
    MsgRevoke { conv: ConvRef, msg: MessageRef },
    MsgReportReaded { conv: ConvRef, msg: Option<MessageRef> },
    ConvGetConvList,
    ConvGetConversationListByFilter(ConvFilter),
    ConvDelete { conv: ConvRef },
    ConvPin { conv: ConvRef, pinned: bool },
    /// Sets the draft, or cancels it (`draft` null).
    ConvSetDraft { conv: ConvRef, draft: Option<crate::model::Draft> },
    ConvGetTotalUnreadMessageCount,
    ConvCreateGroup { name: String, conv_ids: Vec<String> },
    ConvGetGroupList,
    ConvDeleteGroup { name: String },
    ConvRenameGroup { old_name: String, new_name: String },
    ConvAddToGroup { name: String, conv_ids: Vec<String> },
    ConvDeleteFromGroup { name: String, conv_ids: Vec<String> },
    ProfileModifySelfUserProfile(ModifySelfProfileParam),
    ProfileGetUserProfileList(GetProfileListParam),
    // Receive options and the newer conversation calls (issue 13).
    MsgSetC2CReceiveMessageOpt { user_ids: Vec<String>, opt: MsgFlag },
    MsgGetC2CReceiveMessageOpt { user_ids: Vec<String> },
    MsgSetGroupReceiveMessageOpt { group_id: String, opt: MsgFlag },
    /// Both of Tencent's setters: a daily window or one from a time stamp.
    MsgSetAllReceiveMessageOpt { opt: MsgFlag, window: QuietWindow },
    MsgGetAllReceiveMessageOpt,
    ConvGetConvInfo { convs: Vec<ConvRef> },
    ConvDeleteConversationList { conv_ids: Vec<String>, clear_message: bool },
    ConvSetConversationCustomData { conv_ids: Vec<String>, custom_data: String },
    ConvMarkConversation { conv_ids: Vec<String>, mark_type: u64, enable_mark: bool },
    ConvGetUnreadMessageCountByFilter(ConvFilter),
    ConvCleanConversationUnreadMessageCount { conversation_id: String, clean_timestamp: u64, clean_sequence: u64 },
    /// The SDK's unread listeners: the total and each filter's count, in one answer.
    ConvGetUnreadCounts { filters: Vec<ConvFilter> },
    GroupInitGroupAttributes { group_id: String, attributes: Vec<GroupAttribute> },
    GroupSetGroupAttributes { group_id: String, attributes: Vec<GroupAttribute> },
    /// No keys: all of them.
    GroupDeleteGroupAttributes { group_id: String, keys: Vec<String> },
    /// No keys: all of them.
    GroupGetGroupAttributes { group_id: String, keys: Vec<String> },
    GroupSetGroupCounters { group_id: String, counters: Vec<GroupCounter> },
    /// No keys: all of them.
    GroupGetGroupCounters { group_id: String, keys: Vec<String> },
    GroupIncreaseGroupCounter { group_id: String, key: String, value: i64 },
    GroupDecreaseGroupCounter { group_id: String, key: String, value: i64 },
    // Deleting, editing, finding, inserting and searching messages (issue 13).
    MsgDelete { conv: ConvRef, param: MsgDeleteParam },
    MsgListDelete { conv: ConvRef, msgs: Vec<MessageRef> },
    MsgClearHistoryMessage { conv: ConvRef },
    MsgModifyMessage(MessageParam),
    MsgFindMessages { msg_ids: Vec<String> },
    MsgFindByMsgLocatorList { conv: ConvRef, locators: Vec<MsgLocator> },
    MsgSetLocalCustomData(MessageParam),
    /// One message (`HuddleMsgSaveMsg`) or many (`HuddleMsgImportMsgList`), inserted locally.
    MsgInsertLocal { conv: ConvRef, msgs: Vec<LocalMessage>, one: bool },
    MsgSearchLocalMessages(SearchParam),
    MsgMarkAllMessageAsRead,
    // Community topics, local search and member marks.
    GroupGetJoinedCommunityList,
    GroupCreateTopicInCommunity { group_id: String, topic: TopicInfoParam },
    GroupDeleteTopicFromCommunity { group_id: String, topic_ids: Vec<String> },
    GroupSetTopicInfo(TopicInfoParam),
    GroupGetTopicInfoList { group_id: String, topic_ids: Vec<String> },
    GroupSearchGroups(GroupSearchParam),
    GroupSearchGroupMembers(MemberSearchParam),
    GroupMarkGroupMemberList { group_id: String, users: Vec<String>, mark_type: u32, enable: bool },
    GroupGetOnlineMemberCount { group_id: String },
    // Read receipts, extensions, reactions and pinned group messages (issue 13).
    MsgSendMessageReadReceipts { msgs: Vec<MsgKey> },
    MsgGetMessageReadReceipts { msgs: Vec<MsgKey> },
    MsgGetGroupMessageReadMemberList { msg: MsgKey, filter: ReadFilter, next_seq: u64, count: u32 },
    MsgSetMessageExtensions { msg: ExtensionTarget, extensions: Vec<Extension> },
    MsgGetMessageExtensions { msg: MsgKey },
    /// No keys: every extension.
    MsgDeleteMessageExtensions { msg: MsgKey, keys: Vec<String> },
    MsgAddMessageReaction { msg: MsgKey, reaction_id: String },
    MsgRemoveMessageReaction { msg: MsgKey, reaction_id: String },
    MsgGetMessageReactions { msgs: Vec<MsgKey>, max_user_count_per_reaction: u32 },
    MsgGetAllUserListOfMessageReaction { msg: MsgKey, reaction_id: String, next_seq: u32, count: u32 },
    PinGroupMessage { group_id: String, msg: MsgKey, is_pinned: bool },
    GetPinnedGroupMessageList { group_id: String },
}

/// A conversation as the C API names it: its type and the group or peer user ID.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ConvRef {
    pub conv_type: ConvType,
    pub conv_id: String,
}

/// Runs `req` for `user` and hands the response to `reply`, in order with
/// the operations around it and, on a durable engine, once what it answers
/// is committed (the engine stages it).
pub fn serve(engine: &Engine, caller: Caller, req: Request, reply: Reply) {
    let user = caller.user;
    // Changes: encoded under the engine's lock, before the tips they cause.
    macro_rules! change {
        ($op:expr, $encode:expr) => {{
            engine.call(caller, $op, |r| encode_change(r, $encode), reply);
        }};
    }
    // Reads: answered in order with the changes around them.
    macro_rules! read {
        ($query:expr, $encode:expr) => {{
            engine.query(caller, $query, |r| Response::from_result(r.as_ref().map($encode)), reply);
        }};
    }
    let empty = |_: &()| json!({});
    let batch = |r: &Vec<ConvResult>| conv_results_json(r);
    let counters_json = |v: &Vec<GroupCounter>| json!(v);
    match req {
        Request::GroupCreate(p) => change!(|s, c| s.create_group(c, p), |id: &String| json!({ "create_group_result_groupid": id })),
        Request::GroupDelete { group_id } => change!(|s, c| s.disband(c, &group_id), empty),
        Request::GroupJoin { group_id, hello_msg } => {
            change!(|s, c| s.join(c, &group_id, &hello_msg), |st: &JoinStatus| json!({ "group_join_result_status": st }))
        }
        Request::GroupQuit { group_id } => change!(|s, c| s.quit(c, &group_id), empty),
        Request::GroupInviteMember(p) => {
            engine.call(caller, |s, c| s.invite(c, p), invite_response, reply);
        }
        Request::GroupDeleteMember(p) => change!(|s, c| s.kick(c, p), |r: &Vec<(String, MemberResult)>| member_results(r, "group_delete_member_result")),
        Request::GroupGetJoinedGroupList => read!(|s, c| s.joined_groups(c), |v: &Vec<JoinedGroup>| Value::Array(v.iter().map(base_info).collect())),
        Request::GroupGetGroupInfoList { group_ids } => {
            // Encoded under the read, straight from the engine's records: the hot read of a game's UI.
            let encode = |s: &crate::engine::State, _: &crate::engine::Ctx| {
                let infos: Vec<InfoResult> = s.group_infos(&group_ids, |g| engine.online_members(g)).map(InfoResult::from).collect();
                Ok(serde_json::to_string(&infos).expect("group infos encode"))
            };
            let respond = |text: crate::error::Result<String>| match text {
                Ok(json) => Response { code: 0, desc: String::new(), json },
                Err(e) => Response::error(&e),
            };
            engine.query(caller, encode, respond, reply);
        }
        Request::GroupModifyGroupInfo(p) => change!(|s, c| s.modify_group(c, p), empty),
        Request::GroupGetMemberInfoList(p) => read!(|s, c| s.members(c, &p), member_page),
        Request::GroupModifyMemberInfo(p) => change!(|s, c| s.modify_member(c, p), empty),
        Request::GroupGetPendencyList(opt) => read!(|s, c| s.pendencies(c, &opt), pendency_page),
        Request::GroupHandlePendency(p) => change!(|s, c| s.handle_pendency(c, p), empty),
        Request::GroupReportPendencyReaded { time_stamp } => change!(|s, c| s.report_pendency_read(c, time_stamp), empty),
        Request::GroupModifyMuteAllowlist(p) => change!(|s, c| s.modify_mute_allowlist(c, p), empty),
        Request::GroupGetMuteAllowlist { group_id } => read!(|s, c| s.mute_allowlist(c, &group_id), |v: &Vec<String>| json!(v)),
        Request::AdminGetUserGroups { user_id } => read!(|s, c| s.groups_of_user(c, &user_id), |v: &Vec<String>| json!(v)),
        Request::AdminGetGroupMemberIds { group_id } => read!(|s, c| s.member_ids_of(c, &group_id), |v: &Vec<String>| json!(v)),
        Request::MsgSend { conv, msg_id, param } => change!(
            // Rendered as the sender sees it, under the same lock as the send.
            |s, c| {
                let plan = s.send(c, s.thread_for(c, conv.conv_type, &conv.conv_id)?, msg_id, param)?;
                let view = MessageView::value(s, &plan.value, user);
                Ok(plan.with_value(view))
            },
            |v: &Value| v.clone()
        ),
        Request::MsgGetMsgList { conv, param } => read!(
            |s, c| {
                let messages = s.history(c, &s.thread_for(c, conv.conv_type, &conv.conv_id)?, &param)?;
                Ok(Value::Array(messages.iter().map(|m| MessageView::value(s, m, user)).collect()))
            },
            |v: &Value| v.clone()
        ),
        Request::MsgRevoke { conv, msg } => change!(|s, c| s.revoke(c, &s.thread_for(c, conv.conv_type, &conv.conv_id)?, &msg), empty),
        Request::MsgReportReaded { conv, msg } => {
            change!(|s, c| s.report_read(c, &s.thread_for(c, conv.conv_type, &conv.conv_id)?, msg.as_ref()), empty)
        }
        Request::ConvGetConvList => read!(|s, c| Ok(s.conv_list(c, &ConvFilter::default())), |v: &Vec<Value>| json!(v)),
        Request::ConvGetConversationListByFilter(filter) => read!(|s, c| Ok(s.conv_list(c, &filter)), |v: &Vec<Value>| json!({
            "conversation_list_result_conv_list": v,
            "conversation_list_result_next_seq": 0,
            "conversation_list_result_is_finished": true,
        })),
        Request::ConvDelete { conv } => change!(|s, c| s.delete_conv(c, &s.thread_for(c, conv.conv_type, &conv.conv_id)?), empty),
        Request::ConvPin { conv, pinned } => change!(|s, c| s.pin_conv(c, &s.thread_for(c, conv.conv_type, &conv.conv_id)?, pinned), empty),
        Request::ConvSetDraft { conv, draft } => change!(|s, c| s.set_draft(c, &s.thread_for(c, conv.conv_type, &conv.conv_id)?, draft), empty),
        Request::ConvGetTotalUnreadMessageCount => {
            read!(|s, c| Ok(s.total_unread(c)), |n: &u64| json!({ "conv_get_total_unread_message_count_result_unread_count": n }))
        }
        Request::ConvCreateGroup { name, conv_ids } => change!(|s, c| s.create_conv_group(c, &name, &conv_ids), batch),
        Request::ConvGetGroupList => read!(|s, c| Ok(s.conv_groups(c)), |v: &Vec<String>| json!(v)),
        Request::ConvDeleteGroup { name } => change!(|s, c| s.delete_conv_group(c, &name), empty),
        Request::ConvRenameGroup { old_name, new_name } => change!(|s, c| s.rename_conv_group(c, &old_name, &new_name), empty),
        Request::ConvAddToGroup { name, conv_ids } => change!(|s, c| s.add_to_conv_group(c, &name, &conv_ids), batch),
        Request::ConvDeleteFromGroup { name, conv_ids } => change!(|s, c| s.remove_from_conv_group(c, &name, &conv_ids), batch),
        Request::ProfileModifySelfUserProfile(p) => change!(|s, c| s.modify_self_profile(c, p), empty),
        Request::ProfileGetUserProfileList(p) => read!(|s, c| s.user_profiles(c, &p), |v: &Vec<Value>| json!(v)),
        Request::MsgSetC2CReceiveMessageOpt { user_ids, opt } => change!(|s, c| s.set_c2c_recv_opt(c, &user_ids, opt), empty),
        Request::MsgGetC2CReceiveMessageOpt { user_ids } => read!(|s, c| s.c2c_recv_opts(c, &user_ids), |v: &Value| v.clone()),
        Request::MsgSetGroupReceiveMessageOpt { group_id, opt } => change!(|s, c| s.set_group_recv_opt(c, &group_id, opt), empty),
        Request::MsgSetAllReceiveMessageOpt { opt, window } => change!(|s, c| s.set_all_recv_opt(c, opt, window), empty),
        Request::MsgGetAllReceiveMessageOpt => read!(|s, c| Ok(s.all_recv_opt(c.user).json()), |v: &Value| v.clone()),
        Request::ConvGetConvInfo { convs } => read!(
            |s, c| {
                let threads = convs.iter().map(|conv| s.thread_for(c, conv.conv_type, &conv.conv_id)).collect::<crate::error::Result<Vec<_>>>()?;
                Ok(s.conv_info(c, &threads))
            },
            |v: &Vec<Value>| json!(v)
        ),
        Request::ConvDeleteConversationList { conv_ids, clear_message } => change!(|s, c| s.delete_conv_list(c, &conv_ids, clear_message), batch),
        Request::ConvSetConversationCustomData { conv_ids, custom_data } => change!(|s, c| s.set_conv_custom_data(c, &conv_ids, &custom_data), batch),
        Request::ConvMarkConversation { conv_ids, mark_type, enable_mark } => change!(|s, c| s.mark_convs(c, &conv_ids, mark_type, enable_mark), batch),
        Request::ConvGetUnreadMessageCountByFilter(filter) => {
            read!(|s, c| Ok(s.unread_by_filter(c, &filter)), |n: &u64| json!({ "conv_get_total_unread_message_count_result_unread_count": n }))
        }
        Request::ConvCleanConversationUnreadMessageCount { conversation_id, clean_timestamp, clean_sequence } => {
            change!(|s, c| s.clean_unread(c, &conversation_id, clean_timestamp, clean_sequence), empty)
        }
        Request::ConvGetUnreadCounts { filters } => read!(
            |s, c| Ok(json!({ "total": s.total_unread(c), "filters": filters.iter().map(|f| s.unread_by_filter(c, f)).collect::<Vec<_>>() })),
            |v: &Value| v.clone()
        ),
        Request::GroupInitGroupAttributes { group_id, attributes } => {
            change!(|s, c| s.write_group_attributes(c, &group_id, AttrWrite::Init(attributes)), empty)
        }
        Request::GroupSetGroupAttributes { group_id, attributes } => {
            change!(|s, c| s.write_group_attributes(c, &group_id, AttrWrite::Set(attributes)), empty)
        }
        Request::GroupDeleteGroupAttributes { group_id, keys } => change!(|s, c| s.write_group_attributes(c, &group_id, AttrWrite::Delete(keys)), empty),
        Request::GroupGetGroupAttributes { group_id, keys } => read!(|s, c| s.group_attributes(c, &group_id, &keys), |v: &Vec<GroupAttribute>| json!(v)),
        Request::GroupSetGroupCounters { group_id, counters } => {
            change!(|s, c| s.write_group_counters(c, &group_id, CounterWrite::Set(counters)), counters_json)
        }
        Request::GroupGetGroupCounters { group_id, keys } => read!(|s, c| s.group_counters(c, &group_id, &keys), counters_json),
        Request::GroupIncreaseGroupCounter { group_id, key, value } => {
            change!(|s, c| s.write_group_counters(c, &group_id, CounterWrite::Add { key, by: value }), counters_json)
        }
        Request::GroupDecreaseGroupCounter { group_id, key, value } => change!(
            |s, c| {
                let by = value.checked_neg().ok_or_else(|| crate::error::err!(InvalidRequest, "{} cannot be taken from a counter", value))?;
                s.write_group_counters(c, &group_id, CounterWrite::Add { key, by })
            },
            counters_json
        ),
        Request::MsgDelete { conv, param } => change!(|s, c| s.delete_messages(c, &s.thread_for(c, conv.conv_type, &conv.conv_id)?, &[param.msg]), empty),
        Request::MsgListDelete { conv, msgs } => change!(|s, c| s.delete_messages(c, &s.thread_for(c, conv.conv_type, &conv.conv_id)?, &msgs), empty),
        Request::MsgClearHistoryMessage { conv } => change!(|s, c| s.clear_history(c, &s.thread_for(c, conv.conv_type, &conv.conv_id)?), empty),
        Request::MsgModifyMessage(p) => {
            // Rendered under the same lock as the edit; a conflict still answers the message as it is.
            let op = |s: &crate::engine::State, c: &crate::engine::Ctx| {
                let plan = s.modify_message(c, &p)?;
                let view = MessageView::value(s, &plan.value.message, user);
                let conflict = plan.value.conflict;
                Ok(plan.with_value((view, conflict)))
            };
            let encode = |r: Result<&(Value, bool), &crate::error::Error>| match r {
                Ok((view, true)) => {
                    let e = crate::error::err!(MsgModifyConflict, "the message was edited by someone else first: this is it now");
                    Response { json: view.to_string(), ..Response::error(&e) }
                }
                Ok((view, false)) => Response::ok(view.clone()),
                Err(e) => Response::error(e),
            };
            engine.call(caller, op, encode, reply);
        }
        Request::MsgFindMessages { msg_ids } => read!(
            |s, c| Ok(Value::Array(s.find_messages(c, &msg_ids).iter().map(|m| MessageView::value(s, m, user)).collect())),
            |v: &Value| v.clone()
        ),
        Request::MsgFindByMsgLocatorList { conv, locators } => read!(
            |s, c| {
                let found = s.find_by_locators(c, &s.thread_for(c, conv.conv_type, &conv.conv_id)?, &locators)?;
                Ok(Value::Array(found.iter().map(|m| MessageView::value(s, m, user)).collect()))
            },
            |v: &Value| v.clone()
        ),
        Request::MsgSetLocalCustomData(p) => change!(|s, c| s.set_local_data(c, &p), empty),
        Request::MsgInsertLocal { conv, msgs, one } => change!(
            |s, c| {
                let plan = s.insert_local(c, &s.thread_for(c, conv.conv_type, &conv.conv_id)?, msgs)?;
                let views: Vec<Value> = plan.value.iter().map(|m| MessageView::value(s, m, user)).collect();
                let value = if one { views.into_iter().next().unwrap_or_default() } else { Value::Array(views) };
                Ok(plan.with_value(value))
            },
            |v: &Value| v.clone()
        ),
        Request::MsgSearchLocalMessages(p) => engine.search(caller, &p, reply),
        Request::MsgMarkAllMessageAsRead => change!(|s, c| s.mark_all_read(c), empty),
        Request::GroupGetJoinedCommunityList => {
            read!(|s, c| s.joined_communities(c), |v: &Vec<JoinedGroup>| Value::Array(v.iter().map(base_info).collect()))
        }
        Request::GroupCreateTopicInCommunity { group_id, topic } => {
            change!(|s, c| s.create_topic(c, &group_id, topic), |id: &String| json!({ "group_topic_info_topic_id": id }))
        }
        Request::GroupDeleteTopicFromCommunity { group_id, topic_ids } => {
            change!(|s, c| s.delete_topics(c, &group_id, &topic_ids), |v: &Vec<Value>| json!(v))
        }
        Request::GroupSetTopicInfo(p) => change!(|s, c| s.set_topic_info(c, p), empty),
        Request::GroupGetTopicInfoList { group_id, topic_ids } => read!(|s, c| s.topic_infos(c, &group_id, &topic_ids), |v: &Vec<Value>| json!(v)),
        Request::GroupSearchGroups(p) => read!(
            |s, c| {
                let ids = s.search_groups(c, &p)?;
                let infos: Vec<Value> = s.group_infos(&ids, |g| engine.online_members(g)).filter_map(|i| i.ok().map(detail_info)).collect();
                Ok(infos)
            },
            |v: &Vec<Value>| json!(v)
        ),
        Request::GroupSearchGroupMembers(p) => read!(|s, c| s.search_members(c, &p), |pages: &Vec<MemberPage>| json!(pages
            .iter()
            .map(|page| json!({ "group_search_member_result_groupid": page.group_id, "group_search_member_result_member_info_list": member_infos(page) }))
            .collect::<Vec<_>>())),
        Request::GroupMarkGroupMemberList { group_id, users, mark_type, enable } => {
            change!(|s, c| s.mark_members(c, &group_id, &users, mark_type, enable), empty)
        }
        Request::GroupGetOnlineMemberCount { group_id } => read!(
            |s, c| s.countable_group(c, &group_id).map(|g| engine.online_members(g)),
            |n: &u32| json!({ "group_get_online_member_count_result": n })
        ),
        Request::MsgSendMessageReadReceipts { msgs } => change!(|s, c| s.send_read_receipts(c, &msgs), empty),
        Request::MsgGetMessageReadReceipts { msgs } => read!(|s, c| s.read_receipts(c, &msgs), |v: &Vec<Value>| json!(v)),
        Request::MsgGetGroupMessageReadMemberList { msg, filter, next_seq, count } => read!(
            |s, c| s.read_members(c, &msg, filter, next_seq, count),
            |p: &ReadMemberPage| json!({ "members": p.members, "next_seq": p.next_seq, "is_finished": p.is_finished })
        ),
        Request::MsgSetMessageExtensions { msg, extensions } => engine.call(caller, |s, c| s.set_extensions(c, &msg, extensions), extensions_set_response, reply),
        Request::MsgGetMessageExtensions { msg } => read!(|s, c| s.extensions(c, &msg), |v: &Vec<Extension>| json!(v)),
        Request::MsgDeleteMessageExtensions { msg, keys } => change!(|s, c| s.delete_extensions(c, &msg, keys), |v: &Vec<Value>| json!(v)),
        Request::MsgAddMessageReaction { msg, reaction_id } => change!(|s, c| s.add_reaction(c, &msg, &reaction_id), empty),
        Request::MsgRemoveMessageReaction { msg, reaction_id } => change!(|s, c| s.remove_reaction(c, &msg, &reaction_id), empty),
        Request::MsgGetMessageReactions { msgs, max_user_count_per_reaction } => {
            read!(|s, c| s.reactions(c, &msgs, max_user_count_per_reaction), |v: &Vec<Value>| json!(v))
        }
        Request::MsgGetAllUserListOfMessageReaction { msg, reaction_id, next_seq, count } => read!(
            |s, c| s.reaction_users(c, &msg, &reaction_id, next_seq, count),
            |p: &ReactionUserPage| json!({
                "message_reaction_user_result_user_info_array": p.users,
                "message_reaction_user_result_next_seq": p.next_seq,
                "message_reaction_user_result_is_finished": p.is_finished,
            })
        ),
        Request::PinGroupMessage { group_id, msg, is_pinned } => change!(|s, c| s.pin_message(c, &group_id, &msg, is_pinned), empty),
        Request::GetPinnedGroupMessageList { group_id } => read!(|s, c| s.pinned_messages(c, &group_id), |v: &Vec<Value>| json!(v)),
    }
}

