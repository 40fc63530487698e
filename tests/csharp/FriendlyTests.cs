using System;
using System.Collections.Generic;
using System.Linq;
using Huddle;

// The friendlier shapes beside the Tencent-shaped API: Message.Text and
// Message.Custom, GroupChange and MemberChange setting their own modify flags,
// and the Async methods' one error channel (HuddleException, sync or async code).
internal static partial class HuddleTests
{
    private static void FriendlyShapes()
    {
        var text = Message.Text("héllo 世界");
        Eq(1, text.message_elem_array.Count, "Message.Text: one elem");
        Eq(HuddleElemType.Text, text.message_elem_array[0].elem_type, "Message.Text: a text elem");
        Eq("héllo 世界", text.FirstText(), "Message.Text: the text");

        var custom = Message.Custom("{\"move\":\"e4\"}", "a move", "chess");
        var elem = custom.message_elem_array.Single();
        Eq(HuddleElemType.Custom, elem.elem_type, "Message.Custom: a custom elem");
        Eq("{\"move\":\"e4\"}", elem.custom_elem_data, "Message.Custom: data");
        Eq("a move", elem.custom_elem_desc, "Message.Custom: desc");
        Eq("chess", elem.custom_elem_ext, "Message.Custom: ext");
        Eq(null, custom.FirstText(), "a custom message has no text");

        var change = new GroupChange { Name = "x", Notification = "y" };
        Eq(HuddleGroupModifyInfoFlag.Name | HuddleGroupModifyInfoFlag.Notification, change.Flags, "GroupChange sets the flags of what is set");
        var param = change.ToParam("g");
        Eq("g", param.group_modify_info_param_group_id, "GroupChange.ToParam: the group");
        Eq(change.Flags, param.group_modify_info_param_modify_flag, "GroupChange.ToParam: the flags");
        Eq(null, param.group_modify_info_param_introduction, "GroupChange.ToParam: what is not set is not sent");
        Eq(HuddleGroupModifyInfoFlag.Owner, new GroupChange { Owner = "bob" }.Flags, "an owner change alone");
        Eq(HuddleGroupModifyInfoFlag.AddOption | HuddleGroupModifyInfoFlag.ShutupAll | HuddleGroupModifyInfoFlag.Custom,
            new GroupChange { AddOption = HuddleGroupAddOption.Any, ShutupAll = false, Custom = new Dictionary<string, string>() }.Flags,
            "false and empty are changes too");

        var member = new MemberChange { NameCard = "Bobby", ShutupSeconds = 0, Role = HuddleGroupMemberRole.Admin };
        Eq(HuddleGroupMemberModifyFlag.NameCard | HuddleGroupMemberModifyFlag.ShutupTime | HuddleGroupMemberModifyFlag.MemberRole,
            member.Flags, "MemberChange sets the flags of what is set");
        var memberParam = member.ToParam("g", "bob");
        Eq("bob", memberParam.group_modify_member_info_identifier, "MemberChange.ToParam: the member");
        Eq(member.Flags, memberParam.group_modify_member_info_modify_flag, "MemberChange.ToParam: the flags");
    }

    private static void FriendlyCalls()
    {
        var a = AliceOf();
        const string gid = "friendly";
        var created = a.Client.GroupCreateAsync(new CreateGroupParam
        {
            create_group_param_group_id = gid,
            create_group_param_group_name = "Friendly",
            create_group_param_add_option = HuddleGroupAddOption.Any,
        });
        PollUntil(() => created.IsCompleted);
        var joined = bob.Client.GroupJoinAsync(gid, null);
        PollUntil(() => joined.IsCompleted);
        Eq(HuddleGroupJoinStatus.Joined, joined.Result, "bob joins the friendly group");

        ClearTips();
        var modified = a.Client.ModifyGroupInfoAsync(gid, new GroupChange { Name = "Friendlier 友好", Notification = "bring snacks" });
        PollUntil(() => modified.IsCompleted && bob.Tips.Count > 0);
        Eq(0, AsyncCode(modified), "ModifyGroupInfoAsync completes");
        Tips(bob, "ModifyGroupInfoAsync", HuddleGroupTipType.GroupInfoChange);
        var info = a.Client.GroupGetGroupInfoListAsync(new List<string> { gid });
        PollUntil(() => info.IsCompleted);
        var detail = info.Result.Single().get_groups_info_result_info;
        Eq("Friendlier 友好", detail.group_detail_info_group_name, "the new name");
        Eq("bring snacks", detail.group_detail_info_notification, "the new notification");

        var refused = bob.Client.ModifyGroupInfoAsync(gid, new GroupChange { Name = "Bob's" });
        PollUntil(() => refused.IsCompleted);
        Eq((int)HuddleCode.PermissionDenied, AsyncCode(refused), "a member may not rename a Public group: the task faults with the async code");

        using (var loggedOut = HuddleClient.Create(Cfg(new SdkConfig { callback_mode = SdkConfig.CallbackModePoll })))
        {
            var early = loggedOut.ModifyGroupInfoAsync(gid, new GroupChange { Name = "early" });
            Eq((int)HuddleResult.ErrNotLogin, AsyncCode(early), "a refused call faults the task with the sync code, it does not throw");
        }

        var card = a.Client.ModifyMemberInfoAsync(gid, "bob", new MemberChange { NameCard = "Bobby 🎲" });
        PollUntil(() => card.IsCompleted);
        Eq(0, AsyncCode(card), "ModifyMemberInfoAsync completes");
        var members = a.Client.GroupGetMemberInfoListAsync(new GroupGetMemberInfoListParam
        {
            group_get_members_info_list_param_group_id = gid,
            group_get_members_info_list_param_identifier_array = new List<string> { "bob" },
        });
        PollUntil(() => members.IsCompleted);
        Eq("Bobby 🎲", members.Result.group_get_member_info_list_result_info_array.Single().group_member_info_name_card, "bob's new name card");

        var mute = bob.Client.ModifyMemberInfoAsync(gid, "alice", new MemberChange { ShutupSeconds = 60 });
        PollUntil(() => mute.IsCompleted);
        Eq((int)HuddleCode.PermissionDenied, AsyncCode(mute), "a member may not mute the owner");

        var sent = a.Client.SendGroupMessageAsync(gid, Message.Custom("{\"move\":\"e4\"}", "a move", "chess"));
        PollUntil(() => sent.IsCompleted);
        Check(!string.IsNullOrEmpty(sent.Result.message_msg_id), "SendGroupMessageAsync: the sent message has an ID");
        var history = bob.Client.MsgGetMsgListAsync(gid, HuddleConvType.Group, null);
        PollUntil(() => history.IsCompleted);
        var got = history.Result.First().message_elem_array.Single();
        Eq("{\"move\":\"e4\"}", got.custom_elem_data, "bob has the custom message");
        Eq("a move", got.custom_elem_desc, "with its desc");
        Eq("chess", got.custom_elem_ext, "and its ext");

        var hello = bob.Client.SendGroupMessageAsync(gid, Message.Text("héllo 世界"));
        PollUntil(() => hello.IsCompleted);
        Eq("héllo 世界", hello.Result.FirstText(), "SendGroupMessageAsync(Message.Text)");
    }
}
