using System;
using System.Collections.Generic;
using System.Linq;
using System.Text;
using System.Threading.Tasks;
using Huddle;

// Messages, conversations and conversation groups: alice and bob talk in the
// group "chat-guild" and one to one, while every listener of theirs records
// what it hears, in order.
internal static partial class HuddleTests
{
    private const string Guild = "chat-guild";

    /// <summary>Everything one client's message, revoke, conversation and conversation-group listeners heard.</summary>
    private sealed class Listening
    {
        public readonly List<Message> Messages = new List<Message>();
        public readonly List<MsgLocator> Revoked = new List<MsgLocator>();
        public readonly List<ConvInfo> Convs = new List<ConvInfo>();
        public readonly List<ConvGroupEvent> ConvGroups = new List<ConvGroupEvent>();
        /// <summary>One line per event, across all four listeners.</summary>
        public readonly List<string> Order = new List<string>();
        public readonly RecvNewMsgCallback OnMessages;
        private readonly HuddleClient client;

        public Listening(HuddleClient client)
        {
            this.client = client;
            OnMessages = (messages, userData) =>
            {
                Eq("AddRecvNewMsgCallback", userData, "new-message user_data");
                Messages.AddRange(messages);
                Order.AddRange(messages.Select(m => "msg " + Describe(m)));
            };
            client.AddRecvNewMsgCallback(OnMessages);
            client.SetMsgRevokeCallback((locators, userData) =>
            {
                Revoked.AddRange(locators);
                Order.AddRange(locators.Select(l => "revoke " + l.message_locator_seq));
            });
            client.SetConvEventCallback((kind, convs, userData) =>
            {
                Convs.AddRange(convs);
                Order.AddRange(convs.Select(c => "conv " + kind + " " + c.conv_id));
            });
            client.SetConvGroupEventCallback((kind, data, userData) =>
            {
                ConvGroups.Add(data);
                Order.Add("cg " + kind + " " + data.conversation_group_name);
            });
        }

        public void Clear()
        {
            Messages.Clear();
            Revoked.Clear();
            Convs.Clear();
            ConvGroups.Clear();
            Order.Clear();
        }

        public void Stop()
        {
            client.RemoveRecvNewMsgCallback(OnMessages);
            client.SetMsgRevokeCallback(null);
            client.SetConvEventCallback(null);
            client.SetConvGroupEventCallback(null);
        }
    }

    private static string Describe(Message m)
    {
        Elem e = m.message_elem_array.FirstOrDefault();
        if (e == null)
            return "(no elems)";
        switch (e.elem_type)
        {
            case HuddleElemType.Text:
                return e.text_elem_content;
            case HuddleElemType.Custom:
                return "custom " + e.custom_elem_data;
            case HuddleElemType.GroupReport:
                return "report " + e.group_report_elem_report_type;
            default:
                return "tip " + e.group_tips_elem_tip_type;
        }
    }

    private static Message Text(string text)
    {
        return new Message { message_elem_array = new List<Elem> { new Elem { elem_type = HuddleElemType.Text, text_elem_content = text } } };
    }

    private static T Await<T>(Task<T> task)
    {
        Await((Task)task);
        return task.Result;
    }

    private static void Await(Task task)
    {
        PollUntil(() => task.IsCompleted);
        task.Wait();
    }

    private static void GroupJoinTellsTheStatus()
    {
        var a = AliceOf();
        a.Client.GroupCreate(new CreateGroupParam { create_group_param_group_id = "status-auth", create_group_param_group_name = "Auth" }, null);
        a.Client.GroupCreate(new CreateGroupParam
        {
            create_group_param_group_id = "status-free",
            create_group_param_group_name = "Free",
            create_group_param_group_type = HuddleGroupType.Meeting,
        }, null);
        PollUntil(() => true);

        var asked = Do<GroupJoinResult>(cb => bob.Client.GroupJoin("status-auth", "let me in", cb));
        Eq(0, asked.Code, "join a Public group");
        Eq("GroupJoin", asked.UserData, "the status overload's user_data");
        Eq(HuddleGroupJoinStatus.WaitingForApproval, asked.Data.group_join_result_status, "a Public group (Auth) makes bob wait");
        Eq(HuddleGroupJoinStatus.Joined, Await(bob.Client.GroupJoinAsync("status-free", null)), "GroupJoinAsync: a Meeting group lets bob in");
        Eq(HuddleGroupJoinStatus.AlreadyMember, Do<GroupJoinResult>(cb => bob.Client.GroupJoin("status-free", null, cb)).Data.group_join_result_status,
            "joining again");
        Eq((int)HuddleCode.GroupNotFound, Do<GroupJoinResult>(cb => bob.Client.GroupJoin("status-none", null, cb)).Code, "an unknown group");
        ClearTips();
    }

    // After the message tests: alice's nickname then shows wherever she does.
    private static void ProfilesAndTheFieldsTheyFill()
    {
        AliceOf();
        Await(alice.Client.ProfileModifySelfUserProfileAsync(new UserProfileItem
        {
            user_profile_item_nick_name = "Alice ✓",
            user_profile_item_face_url = "https://example.com/alice.png",
            user_profile_item_custom_string_array = new List<UserProfileCustomStringInfo>
            {
                new UserProfileCustomStringInfo { user_profile_custom_string_info_key = "Level", user_profile_custom_string_info_value = "7" },
            },
        }));
        var profiles = Await(bob.Client.ProfileGetUserProfileListAsync(new FriendshipGetProfileListParam
        {
            friendship_getprofilelist_param_identifier_array = new List<string> { "alice", "bob" },
        }));
        Eq(2, profiles.Count, "one profile per user asked");
        Eq("Alice ✓", profiles[0].user_profile_nick_name, "user_profile_nick_name");
        Eq("https://example.com/alice.png", profiles[0].user_profile_face_url, "user_profile_face_url");
        Eq("Tag_Profile_Custom_Level", profiles[0].user_profile_custom_string_array[0].user_profile_custom_string_info_key, "the key gets Tencent's prefix");
        Eq("", profiles[1].user_profile_nick_name, "bob set none");
        Eq((int)HuddleCode.ProfileSizeLimit,
            Do(cb => alice.Client.ProfileModifySelfUserProfile(new UserProfileItem { user_profile_item_nick_name = new string('n', 501) }, cb)).Code,
            "a 501-byte nickname");
        Eq((int)HuddleCode.InvalidProfileKey, Do(cb => alice.Client.ProfileModifySelfUserProfile(new UserProfileItem
        {
            user_profile_item_custom_string_array = new List<UserProfileCustomStringInfo>
            {
                new UserProfileCustomStringInfo { user_profile_custom_string_info_key = "Level2", user_profile_custom_string_info_value = "x" },
            },
        }, cb)).Code, "a custom key with a digit");
        Eq((int)HuddleCode.ProfileAccountMiss, Do<List<UserProfile>>(cb => bob.Client.ProfileGetUserProfileList(
            new FriendshipGetProfileListParam { friendship_getprofilelist_param_identifier_array = new List<string>() }, cb)).Code, "no user named");

        var dm = Await(alice.Client.MsgSendMessageAsync("bob", HuddleConvType.C2C, Text("profile check")));
        Eq("Alice ✓", dm.message_sender_profile.user_profile_nick_name, "the sent message's message_sender_profile");
        var got = Await(bob.Client.MsgGetMsgListAsync("alice", HuddleConvType.C2C, null))[0];
        Eq("Alice ✓", got.message_sender_profile.user_profile_nick_name, "message_sender_profile");
        Eq(1u, got.message_priority.Value, "message_priority: Normal");
        Check(got.message_unique_id.HasValue && got.message_unique_id.Value > 0, "message_unique_id");
        Eq(true, got.message_is_peer_read.Value, "alice, the peer, sent it");
        Eq(false, got.message_is_read.Value, "bob has not read it");
        var sent = Await(alice.Client.MsgGetMsgListAsync("bob", HuddleConvType.C2C, null))[0];
        Eq(true, sent.message_is_read.Value, "alice's own");
        Eq(false, sent.message_is_peer_read.Value, "bob has not read it");
        Eq(0, Do(cb => bob.Client.MsgReportReaded("alice", HuddleConvType.C2C, null, cb)).Code, "bob reads");
        Eq(true, Await(alice.Client.MsgGetMsgListAsync("bob", HuddleConvType.C2C, null))[0].message_is_peer_read.Value, "now bob has");
        var conv = Await(bob.Client.ConvGetConvListAsync()).First(c => c.conv_id == "alice");
        Eq("Alice ✓", conv.conv_show_name, "a C2C conversation shows the peer's nickname");
        Eq("https://example.com/alice.png", conv.conv_face_url, "and face");
        Eq(HuddleReceiveMessageOpt.Receive, conv.conv_recv_opt, "conv_recv_opt");

        var info = Await(bob.Client.GroupGetGroupInfoListAsync(new List<string> { Guild }))[0].get_groups_info_result_info;
        Check(info.group_detail_info_next_msg_seq > 1, "group_detail_info_next_msg_seq");
        Check(info.group_detail_info_online_member_num >= 1, "group_detail_info_online_member_num");
        ClearTips();
    }

    private static void MessagesAndConversations()
    {
        AliceOf();
        var aliceHears = new Listening(alice.Client);
        var bobHears = new Listening(bob.Client);
        var bobSecond = new List<Message>();
        RecvNewMsgCallback second = (messages, userData) => bobSecond.AddRange(messages);
        bob.Client.AddRecvNewMsgCallback(second);
        try
        {
            TalkInAGuildAndOneToOne(aliceHears, bobHears, bobSecond);
            ConversationGroups(aliceHears, bobHears);
            OneListenerRemoved(bobHears, bobSecond, second);
        }
        finally
        {
            aliceHears.Stop();
            bobHears.Stop();
            bob.Client.RemoveRecvNewMsgCallback(second);
            ClearTips();
        }
    }

    private static void TalkInAGuildAndOneToOne(Listening aliceHears, Listening bobHears, List<Message> bobSecond)
    {
        Await(alice.Client.GroupCreateAsync(new CreateGroupParam
        {
            create_group_param_group_id = Guild,
            create_group_param_group_name = "聊天 Guild",
            create_group_param_group_type = HuddleGroupType.Meeting,
        }));
        Await(bob.Client.GroupJoinAsync(Guild, null));
        Seq(new[] { "msg tip GroupCreated", "msg report Create", "msg tip Invite" }, aliceHears.Order, "alice hears the group's tips as messages, and her group report");
        Seq(new[] { "msg tip Invite" }, bobHears.Order, "bob hears his join as a message");
        Message joinTip = aliceHears.Messages.Last();
        Elem tip = joinTip.message_elem_array.Single();
        Eq(HuddleElemType.GroupTips, tip.elem_type, "a tip message has one GroupTips elem");
        Eq(Guild, joinTip.message_conv_id, "tip message_conv_id");
        Eq(HuddleConvType.Group, joinTip.message_conv_type, "tip message_conv_type");
        Seq(new[] { "bob" }, tip.group_tips_elem_user_array, "tip elem group_tips_elem_user_array");
        Eq(HuddleGroupJoinType.Apply, tip.group_tips_elem_join_type, "tip elem group_tips_elem_join_type");
        aliceHears.Clear();
        bobHears.Clear();
        bobSecond.Clear();

        // Three-byte Chinese, four-byte emoji (one a surrogate pair plus a joiner sequence) and a NUL-free control character.
        const string hello = "你好，世界 👋🐉 👩‍💻 ünï\tend";
        string helloId;
        Message sent = null;
        Eq(HuddleResult.Succ, alice.Client.MsgSendMessage(Guild, HuddleConvType.Group, Text(hello), out helloId, (code, desc, data, userData) => sent = data),
            "MsgSendMessage");
        Check(!string.IsNullOrEmpty(helloId), "the message ID is there when MsgSendMessage returns");
        PollUntil(() => sent != null);
        Eq(helloId, sent.message_msg_id, "the out message ID is the sent message's message_msg_id");
        Eq(1ul, sent.message_seq, "message_seq");
        Eq(HuddleMsgStatus.Sent, sent.message_status, "message_status");
        Check(sent.message_is_from_self, "message_is_from_self on the sender's copy");
        Eq("alice", sent.message_sender, "message_sender");
        Eq(Guild, sent.message_conv_id, "message_conv_id");

        Message quest = Await(alice.Client.MsgSendMessageAsync(Guild, HuddleConvType.Group, new Message
        {
            message_elem_array = new List<Elem> { new Elem { elem_type = HuddleElemType.Custom, custom_elem_data = "{\"quest\":7}", custom_elem_desc = "任务" } },
        }));
        Message hiAlice = Await(bob.Client.MsgSendMessageAsync("alice", HuddleConvType.C2C, Text("hi alice")));
        Eq("alice", hiAlice.message_conv_id, "a C2C message is filed under the peer");

        Seq(new[] { "msg " + hello, "conv Add " + Guild, "msg custom {\"quest\":7}", "conv Update " + Guild, "conv Add alice" }, bobHears.Order,
            "bob hears the guild's messages, then his own C2C conversation");
        Seq(new[] { "conv Add " + Guild, "conv Update " + Guild, "msg hi alice", "conv Add bob" }, aliceHears.Order,
            "alice hears her conversations and bob's C2C message, not her own messages");
        Seq(new[] { helloId, quest.message_msg_id }, bobSecond.Select(m => m.message_msg_id), "bob's second listener hears the same");
        Message got = bobHears.Messages[0];
        Seq(Encoding.UTF8.GetBytes(hello), Encoding.UTF8.GetBytes(got.message_elem_array[0].text_elem_content), "Chinese and emoji text bytes");
        Eq(helloId, got.message_msg_id, "received message_msg_id");
        Check(!got.message_is_from_self && got.message_sender == "alice" && got.message_conv_id == Guild && got.message_conv_type == HuddleConvType.Group,
            "received message_is_from_self, message_sender, message_conv_id, message_conv_type");
        Elem custom = bobHears.Messages[1].message_elem_array.Single();
        Check(custom.elem_type == HuddleElemType.Custom && custom.custom_elem_data == "{\"quest\":7}" && custom.custom_elem_desc == "任务",
            "custom elem_type, custom_elem_data, custom_elem_desc");
        Check(custom.group_tips_elem_user_array == null && custom.group_tips_elem_op_user == null, "a custom elem carries no tip keys");
        Message fromBob = aliceHears.Messages.Single();
        Check(fromBob.message_conv_id == "bob" && fromBob.message_conv_type == HuddleConvType.C2C, "alice files bob's C2C message under bob");
        ConvInfo added = bobHears.Convs[0];
        Check(added.conv_show_name == "聊天 Guild" && added.conv_group_type == HuddleGroupType.Meeting && added.conv_unread_num == 1,
            "the Add event's conv_show_name, conv_group_type, conv_unread_num");

        var list = Await(bob.Client.ConvGetConvListAsync());
        Seq(new[] { "alice", Guild }, list.Select(c => c.conv_id), "bob's conversations, most recent first");
        ConvInfo dm = list[0], guild = list[1];
        Check(dm.conv_type == HuddleConvType.C2C && dm.conv_group_type == null && dm.conv_unread_num == 0 && dm.conv_last_msg.message_msg_id == hiAlice.message_msg_id,
            "C2C conv_type, conv_group_type, conv_unread_num, conv_last_msg");
        Check(guild.conv_type == HuddleConvType.Group && guild.conv_unread_num == 2 && guild.conv_is_has_lastmsg && !guild.conv_is_pinned
            && guild.conv_group_state == HuddleConvGroupState.Member && guild.conv_last_msg.message_elem_array[0].custom_elem_data == "{\"quest\":7}",
            "group conv_type, conv_unread_num, conv_is_has_lastmsg, conv_is_pinned, conv_group_state, conv_last_msg");
        Eq(2ul, Await(bob.Client.ConvGetTotalUnreadMessageCountAsync()).conv_get_total_unread_message_count_result_unread_count, "bob's unread count");
        Eq(1ul, Await(alice.Client.ConvGetTotalUnreadMessageCountAsync()).conv_get_total_unread_message_count_result_unread_count, "alice's unread count");

        var mention = Text("@bob @all");
        mention.message_group_at_user_array = new List<string> { "bob", Message.AtAll };
        Message at = Await(alice.Client.MsgSendMessageAsync(Guild, HuddleConvType.Group, mention));
        var mentioned = Await(bob.Client.ConvGetConversationListByFilterAsync(new ConversationListFilter { conversation_list_filter_has_group_at_info = true }));
        Check(mentioned.conversation_list_result_is_finished && mentioned.conversation_list_result_next_seq == 0, "conversation_list_result_is_finished, _next_seq");
        var atInfo = mentioned.conversation_list_result_conv_list.Single().conv_group_at_info_array.Single();
        Check(atInfo.conv_group_at_info_seq == at.message_seq && atInfo.conv_group_at_info_at_type == HuddleGroupAtType.AtAllAtMe,
            "conv_group_at_info_seq and _at_type for @bob @all");

        bobHears.Clear();
        Eq(0, Do(cb => bob.Client.MsgReportReaded(Guild, HuddleConvType.Group, quest, cb)).Code, "read up to the custom message");
        ConvInfo readUpTo = bobHears.Convs.Single();
        Check(readUpTo.conv_unread_num == 1 && readUpTo.conv_group_at_info_array.Count == 1, "the mention is still unread");
        Await(bob.Client.MsgReportReadedAsync(Guild, HuddleConvType.Group, null));
        ConvInfo read = bobHears.Convs.Last();
        Check(read.conv_unread_num == 0 && read.conv_group_at_info_array.Count == 0, "reading it all clears conv_unread_num and the @ info");
        Seq(new[] { "conv Update " + Guild, "conv Update " + Guild }, bobHears.Order, "each read is an Update event");
        Eq(0ul, Await(bob.Client.ConvGetTotalUnreadMessageCountAsync()).conv_get_total_unread_message_count_result_unread_count, "bob has read all");

        var page = Await(bob.Client.MsgGetMsgListAsync(Guild, HuddleConvType.Group, new MsgGetMsgListParam { msg_getmsglist_param_count = 2 }));
        Seq(new[] { at.message_msg_id, quest.message_msg_id }, page.Select(m => m.message_msg_id), "history page 1, newest first");
        var rest = Await(bob.Client.MsgGetMsgListAsync(Guild, HuddleConvType.Group, new MsgGetMsgListParam { msg_getmsglist_param_last_msg = page[1] }));
        Seq(new[] { helloId }, rest.Select(m => m.message_msg_id), "history page 2 starts below page 1");
        Eq(3, Await(bob.Client.MsgGetMsgListAsync(Guild, HuddleConvType.Group, null)).Count, "history without parameters");

        aliceHears.Clear();
        bobHears.Clear();
        Eq(0, Do(cb => alice.Client.MsgRevoke(Guild, HuddleConvType.Group, sent, cb)).Code, "alice recalls her message");
        foreach (var heard in new[] { aliceHears, bobHears })
        {
            MsgLocator l = heard.Revoked.SingleOrDefault();
            Check(l != null && l.message_locator_msg_id == helloId && l.message_locator_conv_id == Guild && l.message_locator_conv_type == HuddleConvType.Group
                && l.message_locator_is_revoked && l.message_locator_seq == 1 && l.message_locator_revoker_user_id == "alice"
                && l.message_locator_is_self == (heard == aliceHears),
                "the revoke locator's fields, for " + (heard == aliceHears ? "alice" : "bob"));
        }
        var revoked = Await(bob.Client.MsgGetMsgListAsync(Guild, HuddleConvType.Group, null)).Last();
        Check(revoked.message_status == HuddleMsgStatus.Revoked && revoked.message_elem_array.Count == 0 && revoked.message_revoker_user_id == "alice",
            "history shows it revoked, without elems");
        Eq((int)HuddleCode.RevokeDenied, Do(cb => alice.Client.MsgRevoke("bob", HuddleConvType.C2C, hiAlice, cb)).Code, "only the sender recalls a C2C message");
        Eq((int)HuddleCode.MsgNotFound, Do(cb => alice.Client.MsgRevoke(Guild, HuddleConvType.Group, new Message { message_msg_id = "nope" }, cb)).Code,
            "an unknown message");

        Await(bob.Client.ConvPinConversationAsync("alice", HuddleConvType.C2C, true));
        var pinned = Await(bob.Client.ConvGetConvListAsync());
        Check(pinned[0].conv_id == "alice" && pinned[0].conv_is_pinned, "a pinned conversation lists first");

        string id;
        Eq(HuddleResult.ErrConv, alice.Client.MsgSendMessage(null, HuddleConvType.Group, Text("x"), out id, null), "no conversation ID");
        Eq(null, id, "no message ID after a sync failure");
        Eq(HuddleResult.ErrParam, alice.Client.MsgSendMessage(Guild, HuddleConvType.Group, null, out id, null), "no message");
        Eq((int)HuddleCode.InvalidMsgElem, Do<Message>(cb => alice.Client.MsgSendMessage(Guild, HuddleConvType.Group,
            new Message { message_elem_array = new List<Elem> { new Elem { elem_type = HuddleElemType.GroupTips } } }, out id, cb)).Code, "a GroupTips elem cannot be sent");
        // The limit is on the elems' JSON: [{"elem_type":0,"text_elem_content":"..."}] is 40 bytes and the text,
        // so a text of 12 KB - 40 bytes fits exactly, unless the binding sends keys it should not.
        string full = new string('x', 12 * 1024 - 40);
        Eq(0, Do<Message>(cb => alice.Client.MsgSendMessage(Guild, HuddleConvType.Group, Text(full), out id, cb)).Code, "a message of exactly 12 KB");
        Eq((int)HuddleCode.MsgTooLarge, Do<Message>(cb => alice.Client.MsgSendMessage(Guild, HuddleConvType.Group, Text(full + "x"), out id, cb)).Code,
            "a message one byte over 12 KB");
    }

    private static void ConversationGroups(Listening aliceHears, Listening bobHears)
    {
        const string friends = "好友 Friends", clan = "Clan 🐉";
        aliceHears.Clear();
        bobHears.Clear();
        // Tencent's five typed listeners hear beside the one of all kinds.
        var typed = new List<string>();
        Func<List<ConvInfo>, string> convs = list => string.Join(",", list.Select(c => c.conv_id + ":" + c.conv_type));
        bob.Client.SetConvConversationGroupCreatedCallback((name, list, ud) => typed.Add("created " + name + " " + convs(list)));
        bob.Client.SetConvConversationGroupDeletedCallback((name, ud) => typed.Add("deleted " + name));
        bob.Client.SetConvConversationGroupNameChangedCallback((from, to, ud) => typed.Add("renamed " + from + ">" + to));
        bob.Client.SetConvConversationsAddedToGroupCallback((name, list, ud) => typed.Add("added " + name + " " + convs(list)));
        bob.Client.SetConvConversationsDeletedFromGroupCallback((name, list, reason, ud) => typed.Add("removed " + name + " " + convs(list) + " " + reason));
        var made = Do<List<ConversationOperationResult>>(cb => bob.Client.ConvCreateConversationGroup(friends,
            new List<string> { "c2c_alice", "group_" + Guild, "c2c_nobody" }, cb));
        Eq(0, made.Code, "ConvCreateConversationGroup");
        Seq(new[] { "c2c_alice:0", "group_" + Guild + ":0", "c2c_nobody:6004" },
            made.Data.Select(r => r.conversation_operation_result_conversation_id + ":" + r.conversation_operation_result_result_code), "per-conversation results");
        Check(made.Data[2].conversation_operation_result_result_info.Length > 0, "a failed conversation says why");
        Seq(new[] { "c2c_alice", "group_" + Guild }, bobHears.ConvGroups.Single().conversation_group_conv_id_array, "Created event's conversations");
        Seq(new[] { "conv Update alice", "conv Update " + Guild, "cg Created " + friends }, bobHears.Order,
            "the conversations put in the new group are updated first");
        Check(bobHears.Convs.All(c => c.conv_conversation_group_array.SequenceEqual(new[] { friends })), "their conv_conversation_group_array");

        Await(bob.Client.ConvCreateConversationGroupAsync("Guild", new List<string> { "group_" + Guild }));
        var inGuild = Await(bob.Client.ConvGetConversationListByFilterAsync(new ConversationListFilter { conversation_list_filter_conversation_group = "Guild" }));
        // A set: the order of conv_conversation_group_array is not the groups' creation order.
        Seq(new[] { "Guild", friends }, inGuild.conversation_list_result_conv_list.Single().conv_conversation_group_array.OrderBy(n => n, StringComparer.Ordinal),
            "one conversation, two groups");

        Eq(0, Do(cb => bob.Client.ConvRenameConversationGroup("Guild", clan, cb)).Code, "ConvRenameConversationGroup");
        Eq(clan, bobHears.ConvGroups.Last().conversation_group_new_name, "Renamed event's new name");
        Seq(new[] { friends, clan }, Await(bob.Client.ConvGetConversationGroupListAsync()), "ConvGetConversationGroupList, in creation order");
        var removed = Await(bob.Client.ConvDeleteConversationsFromGroupAsync(friends, new List<string> { "group_" + Guild }));
        Eq(0, removed.Single().conversation_operation_result_result_code, "ConvDeleteConversationsFromGroup result");
        Await(bob.Client.ConvAddConversationsToGroupAsync(clan, new List<string> { "c2c_alice" }));
        Seq(new[] { "c2c_alice" }, bobHears.ConvGroups.Last().conversation_group_conv_id_array, "ConversationsAdded event's conversations");
        Eq(0, Do(cb => bob.Client.ConvDeleteConversationGroup(friends, cb)).Code, "ConvDeleteConversationGroup");
        var inNone = Await(bob.Client.ConvGetConversationListByFilterAsync(new ConversationListFilter { conversation_list_filter_conversation_group = "" }));
        Eq(0, inNone.conversation_list_result_conv_list.Count, "both conversations are in " + clan);
        Seq(new[] { "cg Created " + friends, "cg Created Guild", "cg Renamed Guild", "cg ConversationsDeleted " + friends,
            "cg ConversationsAdded " + clan, "cg Deleted " + friends }, bobHears.Order.Where(e => e.StartsWith("cg ")), "bob's conversation-group events, in order");
        Seq(new string[0], aliceHears.Order, "alice hears nothing of bob's conversation groups");
        Seq(new[] { "created " + friends + " alice:C2C," + Guild + ":Group", "created Guild " + Guild + ":Group", "renamed Guild>" + clan,
            "removed " + friends + " " + Guild + ":Group 0", "added " + clan + " alice:C2C", "deleted " + friends }, typed,
            "Tencent's typed listeners, each with its event's parts");
        bob.Client.SetConvConversationGroupCreatedCallback(null);
        bob.Client.SetConvConversationGroupDeletedCallback(null);
        bob.Client.SetConvConversationGroupNameChangedCallback(null);
        bob.Client.SetConvConversationsAddedToGroupCallback(null);
        bob.Client.SetConvConversationsDeletedFromGroupCallback(null);

        // Names are limited in UTF-8 bytes: ten three-byte characters and two ASCII are 32, eleven are 33.
        string name32 = new string('龙', 10) + "ab", name33 = new string('龙', 11);
        Func<Func<NullValueCallback, HuddleResult>, int> code = call => Do(call).Code;
        Func<Func<ValueCallback<List<ConversationOperationResult>>, HuddleResult>, int> listCode = call => Do(call).Code;
        var none = new List<string>();
        Eq((int)HuddleCode.ConvGroupNameInvalid, listCode(cb => bob.Client.ConvCreateConversationGroup("", none, cb)), "an empty name");
        Eq((int)HuddleCode.ConvGroupNameInvalid, listCode(cb => bob.Client.ConvCreateConversationGroup(name33, none, cb)), "a 33-byte name");
        Eq((int)HuddleCode.ConvGroupNameInvalid, code(cb => bob.Client.ConvRenameConversationGroup(clan, name33, cb)), "renaming to 33 bytes");
        Eq((int)HuddleCode.ConvGroupNotFound, code(cb => bob.Client.ConvDeleteConversationGroup("Nope", cb)), "deleting an unknown group");
        Eq((int)HuddleCode.ConvGroupNotFound, code(cb => bob.Client.ConvRenameConversationGroup("Nope", "z", cb)), "renaming an unknown group");
        Eq((int)HuddleCode.ConvGroupNotFound, listCode(cb => bob.Client.ConvAddConversationsToGroup("Nope", none, cb)), "adding to an unknown group");
        Eq((int)HuddleCode.ConvGroupNotFound, listCode(cb => bob.Client.ConvDeleteConversationsFromGroup("Nope", none, cb)), "removing from an unknown group");
        Eq(0, listCode(cb => bob.Client.ConvCreateConversationGroup(name32, none, cb)), "a 32-byte name");
        for (int i = 3; i <= 20; i++)
            Eq(0, listCode(cb => bob.Client.ConvCreateConversationGroup("group " + i, none, cb)), "conversation group " + i);
        Eq(20, Await(bob.Client.ConvGetConversationGroupListAsync()).Count, "20 conversation groups");
        Eq((int)HuddleCode.ConvGroupLimit, listCode(cb => bob.Client.ConvCreateConversationGroup("group 21", none, cb)), "the 21st conversation group");
        Eq(6 + 19, bobHears.ConvGroups.Count, "only the calls that succeeded made events");
        Eq(6, typed.Count, "removed typed listeners hear no more");

        // Drafts: no callback, as Tencent's; in order with the client's other calls.
        Eq(HuddleResult.Succ, bob.Client.ConvSetDraft("alice", HuddleConvType.C2C, new Draft { draft_msg = Text("half a thought"), draft_user_define = "d" }), "ConvSetDraft");
        var drafted = Await(bob.Client.ConvGetConvListAsync()).Single(c => c.conv_id == "alice");
        Check(drafted.conv_is_has_draft, "conv_is_has_draft after ConvSetDraft");
        Eq("half a thought", drafted.conv_draft.draft_msg.message_elem_array[0].text_elem_content, "the draft's message");
        Eq("d", drafted.conv_draft.draft_user_define, "the draft's user data");
        Check(!Await(alice.Client.ConvGetConvListAsync()).Single(c => c.conv_id == "bob").conv_is_has_draft, "a draft is its writer's alone");
        Eq(HuddleResult.Succ, bob.Client.ConvCancelDraft("alice", HuddleConvType.C2C), "ConvCancelDraft");
        var cleared = Await(bob.Client.ConvGetConvListAsync()).Single(c => c.conv_id == "alice");
        Check(!cleared.conv_is_has_draft && cleared.conv_draft == null, "no draft after ConvCancelDraft");
    }

    private static void OneListenerRemoved(Listening bobHears, List<Message> bobSecond, RecvNewMsgCallback second)
    {
        bobHears.Clear();
        Eq(0, Do(cb => bob.Client.ConvDelete("alice", HuddleConvType.C2C, cb)).Code, "ConvDelete");
        Seq(new[] { "conv Delete alice" }, bobHears.Order, "a Delete event");
        Seq(new[] { Guild }, Await(bob.Client.ConvGetConvListAsync()).Select(c => c.conv_id), "the deleted conversation is gone");
        Eq((int)HuddleCode.InvalidConversation, Do(cb => bob.Client.ConvDelete("alice", HuddleConvType.C2C, cb)).Code, "deleting it again");

        bobHears.Clear();
        bobSecond.Clear();
        bob.Client.RemoveRecvNewMsgCallback(bobHears.OnMessages);
        Await(alice.Client.MsgSendMessageAsync("bob", HuddleConvType.C2C, Text("again")));
        Seq(new[] { "again" }, bobSecond.Select(Describe), "the other listener still hears");
        Seq(new[] { "conv Add alice" }, bobHears.Order, "the removed one does not; a new message brings the conversation back");
        var back = Await(bob.Client.ConvGetConvListAsync()).Single(c => c.conv_id == "alice");
        Eq(1u, back.conv_unread_num, "without the deleted messages");

        bob.Client.RemoveRecvNewMsgCallback(second);
        Await(alice.Client.MsgSendMessageAsync("bob", HuddleConvType.C2C, Text("nobody listens")));
        Eq(1, bobSecond.Count, "after the last listener goes, nothing arrives");
        bob.Client.AddRecvNewMsgCallback(second);
        bob.Client.AddRecvNewMsgCallback(second);
        Await(alice.Client.MsgSendMessageAsync("bob", HuddleConvType.C2C, Text("once")));
        Seq(new[] { "again", "once" }, bobSecond.Select(Describe), "a listener added twice hears once");

        var caught = new List<Exception>();
        Action<Exception> handler = caught.Add;
        RecvNewMsgCallback throwing = (messages, userData) => { throw new InvalidOperationException("listener bug"); };
        HuddleClient.CallbackException += handler;
        // The throwing listener goes first, ahead of the other.
        bob.Client.RemoveRecvNewMsgCallback(second);
        bob.Client.AddRecvNewMsgCallback(throwing);
        bob.Client.AddRecvNewMsgCallback(second);
        try
        {
            Await(alice.Client.MsgSendMessageAsync("bob", HuddleConvType.C2C, Text("still")));
        }
        finally
        {
            bob.Client.RemoveRecvNewMsgCallback(throwing);
            HuddleClient.CallbackException -= handler;
        }
        Seq(new[] { "again", "once", "still" }, bobSecond.Select(Describe), "a throwing listener does not keep the message from the others");
        Seq(new[] { "listener bug" }, caught.Select(e => e.Message), "its exception reaches CallbackException");
    }
}
