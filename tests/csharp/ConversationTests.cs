using System.Collections.Generic;
using System.Linq;
using Huddle;

// Receive options and do-not-disturb, and the conversation state a user keeps
// (marks, custom data, unread): amy talks to ben, who is logged in on two
// devices; what ben changes on one, the other hears.
internal static partial class HuddleTests
{
    private static void ReceiveOptionsAndConversationState()
    {
        var poll = new SdkConfig { callback_mode = SdkConfig.CallbackModePoll };
        var amy = new User("cs-dnd-amy", Cfg(poll));
        var ben = new User("cs-dnd-ben", Cfg(new SdkConfig { callback_mode = SdkConfig.CallbackModePoll }));
        var benPc = new User("cs-dnd-ben", Cfg(new SdkConfig { callback_mode = SdkConfig.CallbackModePoll }));
        const string group = "cs-dnd-group";
        Await(amy.Client.GroupCreateAsync(new CreateGroupParam
        {
            create_group_param_group_id = group,
            create_group_param_group_name = "Quiet",
            create_group_param_group_type = HuddleGroupType.Meeting,
        }));
        Await(ben.Client.GroupJoinAsync(group, null));
        var heard = new List<string>();
        ben.Client.AddRecvNewMsgCallback((messages, userData) => heard.AddRange(messages.Where(m => m.message_elem_array[0].elem_type == HuddleElemType.Text).Select(Describe)));
        var pcConvs = new List<ConvInfo>();
        benPc.Client.SetConvEventCallback((kind, convs, userData) => pcConvs.AddRange(convs));
        var pcOptions = new List<ReceiveMessageOptInfo>();
        benPc.Client.SetMsgAllMessageReceiveOptionCallback((option, userData) =>
        {
            Eq("SetMsgAllMessageReceiveOptionCallback", userData, "the listener's user_data");
            pcOptions.Add(option);
        });

        // NotReceive: nothing comes; Receive again: it does. The history keeps both.
        Await(amy.Client.MsgSendMessageAsync(group, HuddleConvType.Group, Text("before")));
        Await(ben.Client.MsgSetGroupReceiveMessageOptAsync(group, HuddleReceiveMessageOpt.NotReceive));
        Await(amy.Client.MsgSendMessageAsync(group, HuddleConvType.Group, Text("unheard")));
        Await(ben.Client.MsgSetGroupReceiveMessageOptAsync(group, HuddleReceiveMessageOpt.ReceiveNotNotify));
        Await(amy.Client.MsgSendMessageAsync(group, HuddleConvType.Group, Text("heard")));
        PollUntil(() => heard.Count == 2);
        Seq(new[] { "before", "heard" }, heard, "NotReceive hands nothing over; ReceiveNotNotify does");
        Seq(new[] { "heard", "unheard", "before" }, Await(ben.Client.MsgGetMsgListAsync(group, HuddleConvType.Group, null)).Select(Describe), "the history keeps them all");
        Eq(HuddleReceiveMessageOpt.ReceiveNotNotify, pcConvs.Last().conv_recv_opt, "the other device hears the option");
        Eq(HuddleResult.ErrParam, ben.Client.MsgSetGroupReceiveMessageOpt(group, (HuddleReceiveMessageOpt)9, null), "an option outside 0..4");

        // C2C options, per peer; the global one, heard on the other device.
        Await(ben.Client.MsgSetC2CReceiveMessageOptAsync(new List<string> { amy.Id }, HuddleReceiveMessageOpt.NotNotifyExceptAt));
        var c2c = Await(ben.Client.MsgGetC2CReceiveMessageOptAsync(new List<string> { amy.Id, "cs-dnd-nobody" }));
        Eq(HuddleReceiveMessageOpt.NotNotifyExceptAt, c2c[0].msg_recv_msg_opt_result_opt, "amy's option");
        Eq(HuddleReceiveMessageOpt.Receive, c2c[1].msg_recv_msg_opt_result_opt, "anyone else's");
        Await(ben.Client.MsgSetAllReceiveMessageOptAsync(HuddleReceiveMessageOpt.ReceiveNotNotify, 22, 30, 0, 3600));
        PollUntil(() => pcOptions.Count == 1);
        Check(pcOptions[0].msg_all_recv_msg_opt_level == HuddleReceiveMessageOpt.ReceiveNotNotify && pcOptions[0].msg_all_recv_msg_opt_start_minute == 30
            && pcOptions[0].msg_all_recv_msg_duration == 3600, "the global option on the other device");
        Await(ben.Client.MsgSetAllReceiveMessageOpt2Async(HuddleReceiveMessageOpt.NotNotifyExceptAt, 1700000000, 600));
        var all = Await(benPc.Client.MsgGetAllReceiveMessageOptAsync());
        Check(all.msg_all_recv_msg_opt_level == HuddleReceiveMessageOpt.NotNotifyExceptAt && all.msg_all_recv_msg_opt_start_time_stamp == 1700000000,
            "MsgGetAllReceiveMessageOpt after Opt2");
        Eq((int)HuddleCode.InvalidParameters, Do(cb => ben.Client.MsgSetAllReceiveMessageOpt(HuddleReceiveMessageOpt.NotReceive, 1, 0, 0, 60, cb)).Code,
            "NotReceive is no global option");

        // Unread: listeners on the other device, filters, cleaning.
        var totals = new List<int>();
        var filtered = new List<string>();
        benPc.Client.SetConvTotalUnreadMessageCountChangedCallback((total, userData) => totals.Add(total));
        benPc.Client.SetConvUnreadMessageCountChangedByFilterCallback((filter, total, userData) => filtered.Add(filter.conversation_list_filter_conv_type + "=" + total));
        var groups = new ConversationListFilter { conversation_list_filter_conv_type = HuddleConvType.Group };
        Eq(HuddleResult.Succ, benPc.Client.ConvSubscribeUnreadMessageCountByFilter(groups), "subscribe");
        // A call of the same client answers after the counts were learned.
        Await(benPc.Client.ConvGetTotalUnreadMessageCountAsync());
        Eq(0ul, Await(ben.Client.ConvGetUnreadMessageCountByFilterAsync(groups)).conv_get_total_unread_message_count_result_unread_count, "do-not-disturb counts for nothing");
        Await(ben.Client.MsgSetGroupReceiveMessageOptAsync(group, HuddleReceiveMessageOpt.Receive));
        Eq(3ul, Await(ben.Client.ConvGetUnreadMessageCountByFilterAsync(groups)).conv_get_total_unread_message_count_result_unread_count, "unread in groups");
        Await(ben.Client.ConvCleanConversationUnreadMessageCountAsync("group_" + group, 0, 2));
        PollUntil(() => totals.Contains(1) && filtered.Contains("Group=1"));
        Eq(HuddleResult.Succ, benPc.Client.ConvUnsubscribeUnreadMessageCountByFilter(groups), "unsubscribe");
        benPc.Client.SetConvTotalUnreadMessageCountChangedCallback(null);

        // Marks and custom data, one result per ID.
        var ids = new List<string> { "group_" + group, "c2c_cs-dnd-nobody" };
        var marked = Await(ben.Client.ConvMarkConversationAsync(ids, (ulong)HuddleConversationMarkType.Star | (1ul << 40), true));
        Seq(new[] { 0, 6004 }, marked.Select(r => r.conversation_operation_result_result_code), "a result per conversation");
        Await(ben.Client.ConvSetConversationCustomDataAsync(ids.Take(1).ToList(), "cd"));
        var info = Await(benPc.Client.ConvGetConvInfoAsync(new List<GetConversationListParam>
        {
            new GetConversationListParam { get_conversation_list_param_conv_id = group, get_conversation_list_param_conv_type = HuddleConvType.Group },
        })).Single();
        Seq(new[] { 1ul, 1ul << 40 }, info.conv_mark_array, "conv_mark_array");
        Eq("cd", info.conv_custom_data, "conv_custom_data");
        Eq(1u, info.conv_unread_num, "conv_unread_num after cleaning up to seq 2");
        var starred = new ConversationListFilter { conversation_list_filter_mark_type = (ulong)HuddleConversationMarkType.Star };
        Eq(1ul, Await(ben.Client.ConvGetUnreadMessageCountByFilterAsync(starred)).conv_get_total_unread_message_count_result_unread_count, "unread of the starred");
        var deleted = Await(ben.Client.ConvDeleteConversationListAsync(ids.Take(1).ToList(), false));
        Eq(0, deleted.Single().conversation_operation_result_result_code, "deleted");
        Check(Await(benPc.Client.ConvGetConvListAsync()).All(c => c.conv_id != group), "gone on the other device too");
    }
}
