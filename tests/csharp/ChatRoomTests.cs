using System.Collections.Generic;
using System.Linq;
using Huddle;

// AVChatRoom (type 4), online only: a member logged out gets nothing of what
// was said meanwhile, nor on its return; a flood of Low messages is dropped
// with 10023 while High ones and the owner's go; a late joiner gets the
// latest 50 once and no history; the online count as members see it.
internal static partial class HuddleTests
{
    private const string Lobby = "cs-lobby";

    private static Message Prioritized(string text, HuddleMsgPriority priority)
    {
        Message m = Text(text);
        m.message_priority = (uint)priority;
        return m;
    }

    private static int SendToLobby(User from, string text, HuddleMsgPriority priority)
    {
        string id;
        return Do<Message>(cb => from.Client.MsgSendMessage(Lobby, HuddleConvType.Group, Prioritized(text, priority), out id, cb)).Code;
    }

    private static List<string> TextsOf(List<Message> heard)
    {
        return heard.Where(m => m.message_elem_array[0].elem_type == HuddleElemType.Text).Select(Describe).ToList();
    }

    private static void ChatRoomsAreOnlineOnly()
    {
        var poll = new SdkConfig { callback_mode = SdkConfig.CallbackModePoll };
        var host = new User("cs-host", Cfg(poll));
        var ben = new User("cs-ben", Cfg(poll));
        var cat = new User("cs-cat", Cfg(poll));
        var dan = new User("cs-dan", Cfg(poll));
        Await(host.Client.GroupCreateAsync(new CreateGroupParam
        {
            create_group_param_group_id = Lobby,
            create_group_param_group_name = "Lobby",
            create_group_param_group_type = HuddleGroupType.AVChatRoom,
        }));
        Eq(HuddleGroupJoinStatus.Joined, Await(ben.Client.GroupJoinAsync(Lobby, null)), "anyone joins a chat room");
        Eq(HuddleGroupJoinStatus.Joined, Await(cat.Client.GroupJoinAsync(Lobby, null)), "cat joins");
        Eq(3u, Await(ben.Client.GroupGetOnlineMemberCountAsync(Lobby)), "GroupGetOnlineMemberCountAsync: three online");
        var counted = Do<GroupGetOnlineMemberCountResult>(cb => cat.Client.GroupGetOnlineMemberCount(Lobby, cb));
        Eq(3u, counted.Data.group_get_online_member_count_result, "group_get_online_member_count_result");
        Eq((int)HuddleCode.PermissionDenied, Do<GroupGetOnlineMemberCountResult>(cb => dan.Client.GroupGetOnlineMemberCount(Lobby, cb)).Code,
            "a non-member may not count");
        Eq((int)HuddleCode.GroupNotFound, Do<GroupGetOnlineMemberCountResult>(cb => dan.Client.GroupGetOnlineMemberCount("cs-no-room", cb)).Code,
            "an unknown room");

        var benHeard = new List<Message>();
        RecvNewMsgCallback onBen = (messages, userData) => benHeard.AddRange(messages);
        ben.Client.AddRecvNewMsgCallback(onBen);
        Eq(0, Do(cb => ben.Client.Logout(cb)).Code, "ben logs out");
        Eq(2u, Await(cat.Client.GroupGetOnlineMemberCountAsync(Lobby)), "ben is not online");
        Await(host.Client.MsgSendMessageAsync(Lobby, HuddleConvType.Group, Text("while away")));
        Eq(0, Do(cb => ben.Client.Login("cs-ben", null, cb)).Code, "ben is back");
        Await(host.Client.MsgSendMessageAsync(Lobby, HuddleConvType.Group, Text("back")));
        PollUntil(() => TextsOf(benHeard).Contains("back"));
        Seq(new[] { "back" }, TextsOf(benHeard), "nothing of the room while away, nor on return");

        int code = 0;
        for (int i = 0; i < 100 && code == 0; i++)
            code = SendToLobby(ben, "low " + i, HuddleMsgPriority.Low);
        Eq((int)HuddleCode.SendRateLimit, code, "a flood of Low messages is dropped, the sender told");
        Eq(0, SendToLobby(cat, "high", HuddleMsgPriority.High), "High goes while Low drops");
        Check(Enumerable.Range(0, 50).All(i => SendToLobby(host, "host " + i, HuddleMsgPriority.Low) == 0), "the owner's are never dropped");

        var danHeard = new List<Message>();
        RecvNewMsgCallback onDan = (messages, userData) => danHeard.AddRange(messages);
        dan.Client.AddRecvNewMsgCallback(onDan);
        Eq(HuddleGroupJoinStatus.Joined, Await(dan.Client.GroupJoinAsync(Lobby, null)), "dan joins late");
        PollUntil(() => TextsOf(danHeard).Count >= 50);
        Seq(Enumerable.Range(0, 50).Select(i => "host " + i), TextsOf(danHeard), "the latest 50, oldest first");
        Eq((uint)HuddleMsgPriority.Low, danHeard.Last().message_priority.Value, "message_priority as sent");
        Eq(0, Await(dan.Client.MsgGetMsgListAsync(Lobby, HuddleConvType.Group, null)).Count, "no history roams");

        ben.Client.RemoveRecvNewMsgCallback(onBen);
        dan.Client.RemoveRecvNewMsgCallback(onDan);
        Await(host.Client.GroupDeleteAsync(Lobby));
        ClearTips();
    }
}
