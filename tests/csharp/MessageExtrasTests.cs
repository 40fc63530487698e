using System.Collections.Generic;
using System.Linq;
using Huddle;

// Read receipts, extensions, reactions and pinned group messages: wes sends
// to a group of five and to xia alone; each call names the message by the
// Message Huddle gave, and each listener records what it hears.
internal static partial class HuddleTests
{
    private const string Votes = "cs-votes";

    private static void ReceiptsExtensionsReactionsAndPins()
    {
        var poll = new SdkConfig { callback_mode = SdkConfig.CallbackModePoll };
        var five = new[] { "wes", "xia", "yan", "zed", "abe" }.Select(id => new User(id, Cfg(poll))).ToArray();
        User wes = five[0], xia = five[1];
        var receipts = new List<MessageReceipt>();
        var extensions = new List<string>();
        var reactions = new List<MessageReactionChangeInfo>();
        var pins = new List<string>();
        wes.Client.SetMsgReadedReceiptCallback((list, userData) => receipts.AddRange(list));
        xia.Client.SetMsgReadedReceiptCallback((list, userData) => Fail("a reader hears no receipts"));
        xia.Client.SetMsgExtensionsChangedCallback((id, list, userData) => extensions.Add(id + " " + string.Join(",", list.Select(e => e.message_extension_key + "=" + e.message_extension_value))));
        xia.Client.SetMsgExtensionsDeletedCallback((id, list, userData) => extensions.Add(id + " -" + string.Join(",", list.Select(e => e.message_extension_key))));
        five[4].Client.SetMsgReactionsChangedCallback((list, userData) => reactions.AddRange(list));
        five[3].Client.SetMsgGroupPinnedMessageChangedCallback((groupId, message, isPinned, opUser, userData) =>
            pins.Add(groupId + " " + isPinned + " " + opUser.user_profile_identifier + " " + message.message_msg_id));
        try
        {
            Await(wes.Client.GroupCreateAsync(new CreateGroupParam
            {
                create_group_param_group_id = Votes,
                create_group_param_group_name = "Votes",
                create_group_param_group_type = HuddleGroupType.Meeting,
            }));
            foreach (var user in five.Skip(1))
                Await(user.Client.GroupJoinAsync(Votes, null));
            Message vote = Await(wes.Client.MsgSendMessageAsync(Votes, HuddleConvType.Group, new Message
            {
                message_elem_array = new List<Elem> { new Elem { elem_type = HuddleElemType.Text, text_elem_content = "lunch?" } },
                message_need_read_receipt = true,
                message_support_message_extension = true,
            }));
            Eq(true, vote.message_need_read_receipt, "the sent message keeps message_need_read_receipt");
            var one = new List<Message> { vote };

            // Three readers of five: the sender hears each, with the counts then.
            foreach (var reader in five.Skip(1).Take(3))
                Await(reader.Client.MsgSendMessageReadReceiptsAsync(one));
            PollUntil(() => receipts.Count == 3);
            Seq(new ulong[] { 1, 2, 3 }, receipts.Select(r => r.msg_receipt_read_count), "read counts as receipts come");
            Seq(new ulong[] { 3, 2, 1 }, receipts.Select(r => r.msg_receipt_unread_count), "unread counts as receipts come");
            Eq(vote.message_msg_id, receipts[0].msg_receipt_msg_id, "msg_receipt_msg_id");
            MessageReceipt now = Await(wes.Client.MsgGetMessageReadReceiptsAsync(one)).Single();
            Eq(3UL, now.msg_receipt_read_count, "MsgGetMessageReadReceipts read count");
            Eq(1UL, now.msg_receipt_unread_count, "MsgGetMessageReadReceipts unread count");
            GroupMessageReadMemberPage page = Await(wes.Client.MsgGetGroupMessageReadMemberListAsync(vote, HuddleGroupMessageReadMembersFilter.Read, 0, 2));
            Seq(new[] { "xia", "yan" }, page.members.Select(m => m.group_member_info_identifier), "the first page of readers");
            Check(!page.is_finished && page.next_seq == 2, "a second page follows");
            page = Await(wes.Client.MsgGetGroupMessageReadMemberListAsync(vote, HuddleGroupMessageReadMembersFilter.Unread, 0, 100));
            Seq(new[] { "abe" }, page.members.Select(m => m.group_member_info_identifier), "who has not read it");
            Eq(HuddleResult.ErrParam, wes.Client.MsgGetGroupMessageReadMemberList(vote, (HuddleGroupMessageReadMembersFilter)2, 0, 10, (c, d, p, u) => Fail("refused calls call nothing back")), "an unknown filter");

            // C2C: xia names the message as her view files it (under wes).
            Message dm = Await(wes.Client.MsgSendMessageAsync("xia", HuddleConvType.C2C, new Message
            {
                message_elem_array = new List<Elem> { new Elem { elem_type = HuddleElemType.Text, text_elem_content = "psst" } },
                message_need_read_receipt = true,
            }));
            receipts.Clear();
            Await(xia.Client.MsgSendMessageReadReceiptsAsync(new List<Message> { new Message { message_conv_id = "wes", message_conv_type = HuddleConvType.C2C, message_msg_id = dm.message_msg_id } }));
            PollUntil(() => receipts.Count == 1);
            Eq("xia", receipts[0].msg_receipt_conv_id, "a C2C receipt names the reader");
            Eq(true, receipts[0].msg_receipt_is_peer_read, "msg_receipt_is_peer_read");
            Eq(true, Await(wes.Client.MsgGetMsgListAsync("xia", HuddleConvType.C2C, null))[0].message_receipt_peer_read, "history shows the peer read it");

            // Extensions.
            var set = Await(five[2].Client.MsgSetMessageExtensionsAsync(vote, new List<MessageExtension> { new MessageExtension { message_extension_key = "yan", message_extension_value = "yes" } }));
            Eq(0, set.Single().message_extension_result_code, "the set's result");
            PollUntil(() => extensions.Count == 1);
            Eq(vote.message_msg_id + " yan=yes", extensions[0], "every reader hears the extension");
            Eq("yes", Await(xia.Client.MsgGetMessageExtensionsAsync(vote)).Single().message_extension_value, "MsgGetMessageExtensions");
            var deleted = Await(wes.Client.MsgDeleteMessageExtensionsAsync(vote, new List<string> { "yan", "nope" }));
            Seq(new[] { 0, (int)HuddleCode.MsgExtensionNotExist }, deleted.Select(r => r.message_extension_result_code), "per-key delete results");
            PollUntil(() => extensions.Count == 2);
            Eq(vote.message_msg_id + " -yan", extensions[1], "every reader hears the deletion");

            // Reactions.
            Await(five[3].Client.MsgAddMessageReactionAsync(vote, "cake"));
            Eq((int)HuddleCode.MsgReactionAlreadyContainUser, Do(cb => five[3].Client.MsgAddMessageReaction(vote, "cake", cb)).Code, "a second add");
            Eq((int)HuddleCode.MsgReactionNotExists, Do(cb => xia.Client.MsgRemoveMessageReaction(vote, "pie", cb)).Code, "removing an unknown reaction");
            PollUntil(() => reactions.Count == 1);
            Eq(1U, reactions[0].message_reaction_change_info_reaction_list.Single().message_reaction_total_user_count, "the change's count");
            var got = Await(five[3].Client.MsgGetMessageReactionsAsync(one, 10)).Single().message_reaction_result_reaction_list.Single();
            Check(got.message_reaction_reacted_by_myself && got.message_reaction_id == "cake", "MsgGetMessageReactions");
            var users = Await(xia.Client.MsgGetAllUserListOfMessageReactionAsync(vote, "cake", 0, 10));
            Seq(new[] { "zed" }, users.message_reaction_user_result_user_info_array.Select(u => u.user_profile_identifier), "the reaction's users");
            Await(five[3].Client.MsgRemoveMessageReactionAsync(vote, "cake"));

            // Pins: the owner and admins only; every member hears.
            Eq((int)HuddleCode.PermissionDenied, Do(cb => xia.Client.PinGroupMessage(Votes, vote, true, cb)).Code, "members do not pin");
            Await(wes.Client.PinGroupMessageAsync(Votes, vote, true));
            PollUntil(() => pins.Count == 1);
            Eq(Votes + " True wes " + vote.message_msg_id, pins[0], "the pin as members hear it");
            Eq("wes", Await(five[3].Client.GetPinnedGroupMessageListAsync(Votes)).Single().message_pinner_user_id, "message_pinner_user_id");
            Eq((int)HuddleCode.GroupMessageAlreadyPinned, Do(cb => wes.Client.PinGroupMessage(Votes, vote, true, cb)).Code, "pinned already");
            Await(wes.Client.PinGroupMessageAsync(Votes, vote, false));
            PollUntil(() => pins.Count == 2);
            Check(pins[1].StartsWith(Votes + " False wes "), "the unpin as members hear it");
        }
        finally
        {
            foreach (var user in five)
            {
                user.Client.SetMsgReadedReceiptCallback(null);
                user.Client.SetMsgExtensionsChangedCallback(null);
                user.Client.SetMsgExtensionsDeletedCallback(null);
                user.Client.SetMsgReactionsChangedCallback(null);
                user.Client.SetMsgGroupPinnedMessageChangedCallback(null);
            }
        }
    }
}
