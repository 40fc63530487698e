using System;
using System.Collections.Generic;
using System.Linq;
using Huddle;

// Issue 13: alice and bob in the group "edit-guild". A delete is the
// deleter's alone; an edit reaches both, and an edit of an older version is
// refused with MsgModifyConflict and the message as it is now; local data and
// local insertion stay with their user; search finds a two-character Chinese
// word inside unspaced text.
internal static partial class HuddleTests
{
    private const string EditGuild = "edit-guild";

    private static void DeleteEditAndSearch()
    {
        AliceOf();
        var bobHeard = new List<Message>();
        bob.Client.SetMsgUpdateCallback((messages, userData) =>
        {
            Eq("SetMsgUpdateCallback", userData, "update user_data");
            bobHeard.AddRange(messages);
        });
        try
        {
            Await(alice.Client.GroupCreateAsync(new CreateGroupParam
            {
                create_group_param_group_id = EditGuild,
                create_group_param_group_name = "edits",
                create_group_param_group_type = HuddleGroupType.Meeting,
            }));
            Await(bob.Client.GroupJoinAsync(EditGuild, null));
            Message first = Await(alice.Client.MsgSendMessageAsync(EditGuild, HuddleConvType.Group, Text("我们去北京大学吧")));
            Message poll = Await(bob.Client.MsgSendMessageAsync(EditGuild, HuddleConvType.Group, Text("poll: 0")));

            // alice deletes her message for herself; bob keeps it.
            Await(alice.Client.MsgDeleteAsync(EditGuild, HuddleConvType.Group, new MsgDeleteParam { msg_delete_param_msg = new Message { message_msg_id = first.message_msg_id } }));
            Func<HuddleClient, List<string>> history = c => Await(c.MsgGetMsgListAsync(EditGuild, HuddleConvType.Group, null)).Select(m => m.message_msg_id).ToList();
            Check(!history(alice.Client).Contains(first.message_msg_id), "alice's history no longer has her deleted message");
            Check(history(bob.Client).Contains(first.message_msg_id), "bob's still has it");
            Eq(HuddleMsgStatus.Deleted, Await(alice.Client.MsgFindMessagesAsync(new List<string> { first.message_msg_id })).Single().message_status, "alice finds it deleted");
            var search = new MessageSearchParam
            {
                msg_search_param_keyword_array = new List<string> { "大学" },
                msg_search_param_conv_id = EditGuild,
                msg_search_param_conv_type = HuddleConvType.Group,
            };
            MessageSearchResult found = Await(bob.Client.MsgSearchLocalMessagesAsync(search));
            Eq(1u, found.msg_search_result_total_count, "bob's search finds 大学 inside unspaced text");
            Eq(first.message_msg_id, found.msg_search_result_item_array.Single().msg_search_result_item_message_array.Single().message_msg_id, "the message found");
            Eq(0u, Await(alice.Client.MsgSearchLocalMessagesAsync(search)).msg_search_result_total_count, "alice's search does not find what she deleted");

            // alice edits bob's poll; both hear it; bob's edit of the old version is refused.
            poll.message_elem_array = Text("poll: 1").message_elem_array;
            Message edited = Await(alice.Client.MsgModifyMessageAsync(poll));
            Eq(1ul, edited.message_version ?? 0, "the edit's version");
            PollUntil(() => bobHeard.Count > 0);
            Eq("poll: 1", bobHeard.Single().message_elem_array[0].text_elem_content, "bob hears the edit");
            poll.message_elem_array = Text("poll: 2").message_elem_array;
            poll.message_version = 0;
            var conflict = Do<Message>(cb => bob.Client.MsgModifyMessage(poll, cb));
            Eq((int)HuddleCode.MsgModifyConflict, conflict.Code, "an edit of an older version");
            Eq("poll: 1", conflict.Data.message_elem_array[0].text_elem_content, "the conflict gives the message as it is now");

            // Local data and local insertion are bob's and alice's alone.
            Await(bob.Client.MsgSetLocalCustomDataAsync(new Message
            {
                message_conv_id = EditGuild, message_conv_type = HuddleConvType.Group, message_msg_id = poll.message_msg_id, message_custom_str = "voted", message_custom_int = 7,
            }));
            var locator = new List<MsgLocator> { new MsgLocator { message_locator_seq = poll.message_seq } };
            Message bobsView = Await(bob.Client.MsgFindByMsgLocatorListAsync(EditGuild, HuddleConvType.Group, locator)).Single();
            Eq("voted", bobsView.message_custom_str, "bob's own string");
            Eq(7u, bobsView.message_custom_int ?? 0, "bob's own number");
            Eq(null, Await(alice.Client.MsgFindByMsgLocatorListAsync(EditGuild, HuddleConvType.Group, locator)).Single().message_custom_str, "alice sees none of it");
            Message note = Await(alice.Client.MsgSaveMsgAsync(EditGuild, HuddleConvType.Group, Text("a note")));
            Eq(HuddleMsgStatus.LocalImported, note.message_status, "a saved message's status");
            Check(!history(bob.Client).Contains(note.message_msg_id), "bob never has alice's note");
            List<Message> imported = Await(alice.Client.MsgImportMsgListAsync("bob", HuddleConvType.C2C, new List<Message> { Text("old one"), Text("old two") }));
            Eq(2, imported.Count, "both imported");

            // Everything read; then bob's history of the guild cleared, alice's kept.
            Await(bob.Client.MsgMarkAllMessageAsReadAsync());
            Eq(0u, Await(bob.Client.ConvGetTotalUnreadMessageCountAsync()).conv_get_total_unread_message_count_result_unread_count, "all read");
            Await(bob.Client.MsgClearHistoryMessageAsync(EditGuild, HuddleConvType.Group));
            Eq(0, history(bob.Client).Count, "bob's history is empty");
            Check(history(alice.Client).Contains(poll.message_msg_id), "alice's is not");
            Eq(HuddleResult.ErrParam, alice.Client.MsgListDelete(EditGuild, HuddleConvType.Group, null, null), "MsgListDelete without messages is refused at once");
            Eq(HuddleResult.ErrConv, alice.Client.MsgClearHistoryMessage(null, HuddleConvType.Group, null), "MsgClearHistoryMessage without a conversation ID");
        }
        finally
        {
            bob.Client.SetMsgUpdateCallback(null);
            ClearTips();
        }
    }
}
