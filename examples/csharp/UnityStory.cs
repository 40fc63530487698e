using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Huddle;

// The seed's Unity group-management story as a console program: a guild
// leader and a player on the embedded engine, in poll mode, where this loop
// stands in for Unity's Update (HuddleDispatcher does it in a game).
internal static class UnityStory
{
    private static HuddleClient leader, player;

    private static int Main()
    {
        using (leader = HuddleClient.Create(new SdkConfig { callback_mode = SdkConfig.CallbackModePoll }))
        using (player = HuddleClient.Create(new SdkConfig { callback_mode = SdkConfig.CallbackModePoll }))
        {
            try
            {
                Run();
                return 0;
            }
            catch (Exception e)
            {
                Console.Error.WriteLine(e.GetBaseException().Message);
                return 1;
            }
        }
    }

    private static void Run()
    {
        Listen(leader, "leader");
        Listen(player, "player");
        Wait(leader.LoginAsync("leader", null));
        Wait(player.LoginAsync("player", null));

        // A Public group: joining needs the owner's approval.
        var created = Wait(leader.GroupCreateAsync(new CreateGroupParam
        {
            create_group_param_group_id = "guild-dragons",
            create_group_param_group_name = "龙之谷 Dragons 🐉",
            create_group_param_group_type = HuddleGroupType.Public,
            create_group_param_add_option = HuddleGroupAddOption.Auth,
        }));
        string guild = created.create_group_result_groupid;
        Console.WriteLine("created " + guild);

        Wait(player.GroupJoinAsync(guild, "Let me in!"));
        var requests = Wait(leader.GroupGetPendencyListAsync(new GroupPendencyOption()));
        foreach (var request in requests.group_pendency_result_pendency_array)
        {
            Console.WriteLine("{0} asks: {1}", request.group_pendency_form_identifier, request.group_pendency_apply_invite_msg);
            Wait(leader.GroupHandlePendencyAsync(new GroupHandlePendencyParam
            {
                group_handle_pendency_param_is_accept = true,
                group_handle_pendency_param_pendency = request,
            }));
        }

        // Chat: the leader greets the guild; the player reads it and marks the conversation read.
        player.AddRecvNewMsgCallback((messages, userData) =>
        {
            foreach (var m in messages.Where(m => m.message_elem_array[0].elem_type == HuddleElemType.Text))
                Console.WriteLine("player reads {0} in {1}: {2}", m.message_sender, m.message_conv_id, m.message_elem_array[0].text_elem_content);
        });
        Wait(leader.MsgSendMessageAsync(guild, HuddleConvType.Group, new Message
        {
            message_elem_array = new List<Elem> { new Elem { elem_type = HuddleElemType.Text, text_elem_content = "欢迎 Welcome, raid at 8! 🐉" } },
        }));
        foreach (var conv in Wait(player.ConvGetConvListAsync()))
            Console.WriteLine("player has {0} unread in {1}", conv.conv_unread_num, conv.conv_show_name);
        Wait(player.MsgReportReadedAsync(guild, HuddleConvType.Group, null));

        // A Work group: members invite, nobody asks.
        var party = Wait(player.GroupCreateAsync(new CreateGroupParam
        {
            create_group_param_group_id = "raid-party",
            create_group_param_group_name = "Raid party",
            create_group_param_group_type = HuddleGroupType.Work,
        })).create_group_result_groupid;
        foreach (var result in Wait(player.GroupInviteMemberAsync(new GroupInviteMemberParam
        {
            group_invite_member_param_group_id = party,
            group_invite_member_param_identifier_array = new List<string> { "leader" },
        })))
            Console.WriteLine("invited {0}: {1}", result.group_invite_member_result_identifier, result.group_invite_member_result_result);

        foreach (var group in Wait(player.GroupGetJoinedGroupListAsync()))
            Console.WriteLine("player is in {0} ({1}) as {2}", group.group_base_info_group_name, group.group_base_info_group_type,
                group.group_base_info_self_info.group_self_info_role);

        Wait(player.GroupQuitAsync(guild));
        Wait(leader.GroupDeleteAsync(guild));
        Console.WriteLine("done");
    }

    private static void Listen(HuddleClient client, string who)
    {
        client.SetGroupTipsEventCallback((tip, userData) =>
            Console.WriteLine("{0} sees tip {1} in {2} by {3}: [{4}]", who, tip.group_tips_elem_tip_type, tip.group_tips_elem_group_name,
                tip.group_tips_elem_op_user, string.Join(", ", tip.group_tips_elem_user_array)));
    }

    private static void Wait(Task task)
    {
        while (!task.IsCompleted)
        {
            if (leader.Poll(100) + player.Poll(100) == 0)
                Thread.Sleep(1);
        }
        task.Wait();
    }

    private static T Wait<T>(Task<T> task)
    {
        Wait((Task)task);
        return task.Result;
    }
}
