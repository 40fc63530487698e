using System.Collections.Generic;
using System.Linq;
using Huddle;

// Community topics, local search and member marks: alice owns the community
// "@TGS#_cs-guild" and its topics, bob is a member and listens to them.
internal static partial class HuddleTests
{
    private static void CommunityTopicsSearchAndMarks()
    {
        AliceOf();
        const string guild = "@TGS#_cs-guild";
        const string news = guild + "@TOPIC#_news";
        var heard = new List<string>();
        bob.Client.SetGroupTopicCreatedCallback((groupId, topicId, userData) => heard.Add("created " + groupId + " " + topicId));
        bob.Client.SetGroupTopicChangedCallback((groupId, info, userData) => heard.Add("changed " + info.group_topic_info_topic_id + " " + info.group_topic_info_is_all_muted));
        bob.Client.SetGroupTopicDeletedCallback((groupId, ids, userData) => heard.Add("deleted " + string.Join(",", ids)));
        var aliceHears = new Listening(alice.Client);
        try
        {
            Await(alice.Client.GroupCreateAsync(new CreateGroupParam
            {
                create_group_param_group_id = guild,
                create_group_param_group_name = "Guild",
                create_group_param_group_type = HuddleGroupType.Community,
                create_group_param_is_support_topic = true,
            }));
            Await(bob.Client.GroupJoinAsync(guild, null));
            Check(Await(bob.Client.GroupGetJoinedCommunityListAsync()).Any(g => g.group_base_info_group_id == guild), "bob's communities list the guild");
            Eq(true, Await(bob.Client.GroupGetGroupInfoListAsync(new List<string> { guild })).Single().get_groups_info_result_info.group_detail_info_is_support_topic, "group_detail_info_is_support_topic");
            Eq(10007, Do<CreateTopicResult>(cb => bob.Client.GroupCreateTopicInCommunity(guild, new GroupTopicInfo { group_topic_info_topic_name = "x" }, cb)).Code, "a member creates no topic");
            var made = Await(alice.Client.GroupCreateTopicInCommunityAsync(guild, new GroupTopicInfo { group_topic_info_topic_id = news, group_topic_info_topic_name = "News" }));
            Eq(news, made.group_topic_info_topic_id, "the custom topic ID");
            PollUntil(() => heard.Count >= 1);
            Seq(new[] { "created " + guild + " " + news }, heard, "bob's topic-created listener");

            aliceHears.Clear();
            Await(bob.Client.MsgSendMessageAsync(news, HuddleConvType.Group, Text("in the topic")));
            PollUntil(() => aliceHears.Messages.Count >= 1);
            Message sent = aliceHears.Messages.Last();
            Eq(news, sent.message_conv_id, "a topic message's conversation is the topic");
            var info = Await(alice.Client.GroupGetTopicInfoListAsync(guild, new List<string>())).Single().group_topic_info_result_topic_info;
            Eq("News", info.group_topic_info_topic_name, "topic name");
            Eq(1UL, info.group_topic_info_unread_count, "alice's unread in the topic");
            Eq("in the topic", info.group_topic_info_last_message.message_elem_array.Single().text_elem_content, "the topic's last message");

            Await(alice.Client.GroupSetTopicInfoAsync(new GroupTopicInfo
            {
                group_topic_info_topic_id = news,
                group_topic_info_is_all_muted = true,
                group_modify_info_param_modify_flag = HuddleTopicModifyFlag.MuteAll,
            }));
            Eq(10017, Do<Message>(cb => { string id; return bob.Client.MsgSendMessage(news, HuddleConvType.Group, Text("muted?"), out id, cb); }).Code, "all muted");
            var deleted = Await(alice.Client.GroupDeleteTopicFromCommunityAsync(guild, new List<string> { news, guild + "@TOPIC#_none" }));
            Seq(new[] { 0, 10010 }, deleted.Select(r => r.group_topic_operation_result_error_code), "one result per topic");
            PollUntil(() => heard.Count >= 3);
            Seq(new[] { "created " + guild + " " + news, "changed " + news + " True", "deleted " + news }, heard, "bob's topic listeners, in order");

            var groups = Await(bob.Client.GroupSearchGroupsAsync(new GroupSearchParam { group_search_params_keyword_list = new List<string> { "CS-GUILD" } }));
            Seq(new[] { guild }, groups.Select(g => g.group_detail_info_group_id), "search by ID, ignoring case");
            Eq(6017, Do<List<GroupDetailInfo>>(cb => bob.Client.GroupSearchGroups(new GroupSearchParam { group_search_params_keyword_list = new List<string>() }, cb)).Code, "no keyword");
            var members = Await(bob.Client.GroupSearchGroupMembersAsync(new GroupMemberSearchParam
            {
                group_search_member_params_groupid_list = new List<string> { guild },
                group_search_member_params_keyword_list = new List<string> { "alic" },
                group_search_member_params_field_list = new List<uint> { 1 },
            }));
            Seq(new[] { "alice" }, members.Single().group_search_member_result_member_info_list.Select(m => m.group_member_info_identifier), "member search by user ID");

            Await(alice.Client.GroupCreateAsync(new CreateGroupParam { create_group_param_group_id = "cs-live", create_group_param_group_name = "Live", create_group_param_group_type = HuddleGroupType.AVChatRoom }));
            Await(bob.Client.GroupJoinAsync("cs-live", null));
            Eq(10007, Do(cb => bob.Client.GroupMarkGroupMemberList("cs-live", new List<string> { "bob" }, 1000, true, cb)).Code, "only the owner marks");
            Await(alice.Client.GroupMarkGroupMemberListAsync("cs-live", new List<string> { "bob" }, 1000, true));
            var marked = Await(alice.Client.GroupGetMemberInfoListAsync(new GroupGetMemberInfoListParam
            {
                group_get_members_info_list_param_group_id = "cs-live",
                group_get_members_info_list_param_option = new GroupMemberGetInfoOption { group_member_get_info_option_role_flag = (HuddleGroupMemberRoleFlag)1000 },
            }));
            Seq(new[] { "bob" }, marked.group_get_member_info_list_result_info_array.Select(m => m.group_member_info_identifier), "the members marked 1000");
        }
        finally
        {
            aliceHears.Stop();
            bob.Client.SetGroupTopicCreatedCallback(null);
            bob.Client.SetGroupTopicChangedCallback(null);
            bob.Client.SetGroupTopicDeletedCallback(null);
            ClearTips();
        }
    }
}
