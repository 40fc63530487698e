using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Reflection;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using Huddle;
using Newtonsoft.Json;

// The C# binding under Mono, as a game uses it: two users on the embedded
// engine in poll mode, every callback on this (the "main") thread.
internal static partial class HuddleTests
{
    private static readonly int MainThread = Thread.CurrentThread.ManagedThreadId;
    private static readonly List<User> Users = new List<User>();
    private static int passed, failed;

    /// <summary>
    /// Every client of the test goes through here: with HUDDLE_TEST_SERVER_URL
    /// set (tests/csharp/run.sh runs the test again against a huddle-server)
    /// it is a network client of that server, else one of the embedded engine.
    /// </summary>
    private static SdkConfig Cfg(SdkConfig config)
    {
        config.sdk_config_server_url = Environment.GetEnvironmentVariable("HUDDLE_TEST_SERVER_URL");
        return config;
    }

    private sealed class User
    {
        public readonly string Id;
        public readonly HuddleClient Client;
        public readonly List<GroupTipsElem> Tips = new List<GroupTipsElem>();

        public User(string id, SdkConfig config)
        {
            Id = id;
            Client = HuddleClient.Create(config);
            Client.SetGroupTipsEventCallback((tip, userData) => Tips.Add(tip));
            Users.Add(this);
            Eq(0, Do(cb => Client.Login(id, null, cb)).Code, id + " logs in");
        }
    }

    private sealed class Reply<T>
    {
        public HuddleResult Sync;
        public int Code = int.MinValue;
        public string Desc;
        public T Data;
        public string UserData;
        public int Runs;
    }

    private static int Main()
    {
        // Debian's Newtonsoft 6 emits IL unless told not to, and full AOT cannot run emitted IL.
        typeof(JsonConvert).Assembly.GetType("Newtonsoft.Json.Serialization.JsonTypeReflector")
            .GetField("_dynamicCodeGeneration", BindingFlags.NonPublic | BindingFlags.Static)
            .SetValue(null, false);

        var tests = new Action[]
        {
            VersionAndResultStrings, CreateRejectsBadConfig, LoginState, LifecycleOfEveryGroupType,
            UnicodeRoundTrips, MemberAndProfileChanges, CallbackCallsBackIntoClient, CallbackExceptionsAreCaught,
            SyncFailuresRunNoCallback, AsyncTwins, ListenersAndRemoval, GroupJoinTellsTheStatus, MessagesAndConversations,
            ProfilesAndTheFieldsTheyFill, DeleteEditAndSearch, ThreadModeForDotNetHosts, CommunityTopicsSearchAndMarks,
            ReceiveOptionsAndConversationState, ChatRoomsAreOnlineOnly, ReceiptsExtensionsReactionsAndPins,
            MediaFilesAndMergedMessages, GroupAttributesAndCounters, FriendlyShapes, FriendlyCalls,
            // Last: they make thousands of calls, which the server's rate limit counts.
            DisposeWithCallsInFlight, TenThousandCallsDoNotGrowUnmanagedMemory,
        };
        foreach (var test in tests)
        {
            try
            {
                test();
            }
            catch (Exception e)
            {
                Fail(test.Method.Name + " threw " + e);
            }
        }
        foreach (var user in Users)
            user.Client.Dispose();
        Console.WriteLine("{0} passed, {1} failed", passed, failed);
        return failed == 0 ? 0 : 1;
    }

    private static void Check(bool ok, string what)
    {
        if (ok)
            passed++;
        else
            Fail(what);
    }

    private static void Fail(string what)
    {
        failed++;
        Console.WriteLine("FAIL: " + what);
    }

    private static void Eq<T>(T expected, T actual, string what)
    {
        Check(EqualityComparer<T>.Default.Equals(expected, actual), string.Format("{0}: expected {1}, got {2}", what, expected, actual));
    }

    private static void Seq<T>(IEnumerable<T> expected, IEnumerable<T> actual, string what)
    {
        Check(actual != null && expected.SequenceEqual(actual),
            string.Format("{0}: expected [{1}], got [{2}]", what, string.Join(",", expected), actual == null ? "null" : string.Join(",", actual)));
    }

    private static readonly bool OnServer = Environment.GetEnvironmentVariable("HUDDLE_TEST_SERVER_URL") != null;

    /// <summary>
    /// Over a network, what a call told other users travels on their own
    /// connections: a round trip on each logged-in client's connection
    /// (answered after whatever the server queued for it before) brings it in.
    /// </summary>
    private static void Barrier()
    {
        if (!OnServer)
            return;
        int owed = 0;
        foreach (var user in Users.Where(u => u.Client.GetLoginStatus() == HuddleLoginStatus.LoggedIn))
        {
            if (user.Client.GroupGetJoinedGroupList((code, desc, data, userData) => owed--) == HuddleResult.Succ)
                owed++;
        }
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (owed > 0 && DateTime.UtcNow < deadline)
        {
            if (Users.Sum(u => Math.Max(0, u.Client.Poll(100))) == 0)
                Thread.Sleep(1);
        }
    }

    /// <summary>
    /// Polls every client until <paramref name="done"/>, then until nothing is
    /// left (the tips a call caused; over a network, after a <see cref="Barrier"/>).
    /// </summary>
    private static void PollUntil(Func<bool> done)
    {
        PollQuiet(done);
        if (OnServer)
        {
            Barrier();
            PollQuiet(() => true);
        }
    }

    private static void PollQuiet(Func<bool> done)
    {
        var deadline = DateTime.UtcNow.AddSeconds(10);
        int quietRounds = 0;
        while (quietRounds < 3)
        {
            int ran = Users.Sum(u => Math.Max(0, u.Client.Poll(100)));
            quietRounds = ran == 0 && done() ? quietRounds + 1 : 0;
            if (ran == 0)
                Thread.Sleep(1);
            if (DateTime.UtcNow > deadline)
                throw new TimeoutException("callbacks did not arrive");
        }
    }

    private static Reply<T> Do<T>(Func<ValueCallback<T>, HuddleResult> call)
    {
        var reply = new Reply<T>();
        reply.Sync = call((code, desc, data, userData) =>
        {
            Eq(MainThread, Thread.CurrentThread.ManagedThreadId, "poll-mode callbacks run on the polling thread");
            reply.Code = code;
            reply.Desc = desc;
            reply.Data = data;
            reply.UserData = userData;
            reply.Runs++;
        });
        if (reply.Sync == HuddleResult.Succ)
            PollUntil(() => reply.Runs > 0);
        return reply;
    }

    private static Reply<bool> Do(Func<NullValueCallback, HuddleResult> call)
    {
        return Do<bool>(done => call((code, desc, userData) => done(code, desc, true, userData)));
    }

    private static User alice, bob, root;

    private static User AliceOf()
    {
        if (alice == null)
        {
            alice = new User("alice", Cfg(new SdkConfig { callback_mode = SdkConfig.CallbackModePoll }));
            bob = new User("bob", Cfg(new SdkConfig { callback_mode = SdkConfig.CallbackModePoll }));
            root = new User("root", Cfg(new SdkConfig { callback_mode = SdkConfig.CallbackModePoll, sdk_config_admin_user_ids = new List<string> { "root" } }));
        }
        return alice;
    }

    private static void ClearTips()
    {
        foreach (var user in Users)
            user.Tips.Clear();
    }

    private static void Tips(User user, string what, params HuddleGroupTipType[] expected)
    {
        Seq(expected, user.Tips.Select(t => t.group_tips_elem_tip_type), what + ": tips of " + user.Id);
    }

    private static void VersionAndResultStrings()
    {
        Eq("0.1.0", HuddleClient.GetSDKVersion(), "GetSDKVersion");
        Check(HuddleClient.ResultString((int)HuddleCode.PermissionDenied).Length > 0, "ResultString(10007) is a sentence");
        Eq("unknown error code", HuddleClient.ResultString(123456), "ResultString of an unknown code");
        string sig;
        Eq(HuddleResult.Succ, HuddleClient.GenUserSig("secret", 1400000000, "alice", 3600, out sig), "GenUserSig");
        Check(!string.IsNullOrEmpty(sig), "GenUserSig writes a user_sig");
        Eq(HuddleResult.ErrParam, HuddleClient.GenUserSig("secret", 1, null, 3600, out sig), "GenUserSig without a user");
    }

    private static void CreateRejectsBadConfig()
    {
        try
        {
            HuddleClient.Create(Cfg(new SdkConfig { callback_mode = "sometimes" })).Dispose();
            Fail("Create accepted callback_mode \"sometimes\"");
        }
        catch (HuddleException e)
        {
            Eq((int)HuddleResult.ErrParam, e.Code, "Create throws HuddleException with the sync code");
        }
    }

    private static void LoginState()
    {
        var a = AliceOf();
        string id;
        Eq(HuddleResult.Succ, a.Client.GetLoginUserID(out id), "GetLoginUserID");
        Eq("alice", id, "GetLoginUserID value");
        Eq(HuddleLoginStatus.LoggedIn, a.Client.GetLoginStatus(), "GetLoginStatus");

        // A user ID of the maximum 128 bytes, with 4-byte characters, needs more than the first buffer.
        string longId = string.Concat(Enumerable.Repeat("玩家😀", 12)) + "12345678";
        using (var client = HuddleClient.Create(Cfg(new SdkConfig { callback_mode = SdkConfig.CallbackModePoll })))
        {
            Eq(HuddleResult.ErrNotLogin, client.GetLoginUserID(out id), "GetLoginUserID before login");
            Eq(HuddleLoginStatus.LoggedOut, client.GetLoginStatus(), "status before login");
            int code = -1;
            Eq(HuddleResult.Succ, client.Login(longId, null, (c, d, u) => code = c), "Login with a long Unicode ID");
            while (code == -1)
                client.Poll(10);
            Eq(0, code, "Login callback code");
            Eq(HuddleResult.Succ, client.GetLoginUserID(out id), "GetLoginUserID grows its buffer");
            Seq(Encoding.UTF8.GetBytes(longId), id == null ? null : Encoding.UTF8.GetBytes(id), "long Unicode user ID round trip");
        }
    }

    private static void LifecycleOfEveryGroupType()
    {
        var a = AliceOf();
        foreach (HuddleGroupType type in Enum.GetValues(typeof(HuddleGroupType)))
        {
            string gid = "life-" + type;
            string ctx = type + ": ";
            ClearTips();

            var created = Do<CreateGroupResult>(cb => a.Client.GroupCreate(new CreateGroupParam
            {
                create_group_param_group_id = gid,
                create_group_param_group_name = "Guild " + type,
                create_group_param_group_type = type,
            }, cb));
            Eq(0, created.Code, ctx + "GroupCreate code");
            Eq("GroupCreate", created.UserData, ctx + "user_data names the call");
            Eq(gid, created.Data == null ? null : created.Data.create_group_result_groupid, ctx + "create_group_result_groupid");
            Tips(alice, ctx + "create", HuddleGroupTipType.GroupCreated);
            Tips(bob, ctx + "create");
            ClearTips();

            JoinBob(type, gid, ctx);
            var joinTip = alice.Tips.LastOrDefault();
            Check(joinTip != null && joinTip.group_tips_elem_group_id == gid && joinTip.group_tips_elem_user_array.SequenceEqual(new[] { "bob" }),
                ctx + "the Invite tip names the group and bob");
            ClearTips();

            var info = Do<List<GetGroupInfoResult>>(cb => bob.Client.GroupGetGroupInfoList(new List<string> { gid }, cb));
            Eq(0, info.Code, ctx + "GroupGetGroupInfoList code");
            var detail = info.Data[0].get_groups_info_result_info;
            Eq(0, info.Data[0].get_groups_info_result_code, ctx + "get_groups_info_result_code");
            Eq(type, detail.group_detail_info_group_type, ctx + "group_detail_info_group_type");
            Eq("Guild " + type, detail.group_detail_info_group_name, ctx + "group_detail_info_group_name");
            Eq("alice", detail.group_detail_info_owner_identifier, ctx + "group_detail_info_owner_identifier");
            Eq(2u, detail.group_detail_info_member_num, ctx + "group_detail_info_member_num");

            var joined = Do<List<GroupBaseInfo>>(cb => bob.Client.GroupGetJoinedGroupList(cb));
            var mine = joined.Data.FirstOrDefault(g => g.group_base_info_group_id == gid);
            if (type == HuddleGroupType.AVChatRoom)
            {
                Check(mine == null, ctx + "AVChatRoom is not in the joined-group list");
                Eq((int)HuddleCode.PermissionDenied, Do<GroupGetMemberInfoListResult>(cb => a.Client.GroupGetMemberInfoList(
                    new GroupGetMemberInfoListParam { group_get_members_info_list_param_group_id = gid }, cb)).Code, ctx + "AVChatRoom keeps no member list");
            }
            else
            {
                Check(mine != null && mine.group_base_info_group_type == type && mine.group_base_info_self_info.group_self_info_role == HuddleGroupMemberRole.Normal,
                    ctx + "bob's joined-group list has the group with role Normal");
                var members = Do<GroupGetMemberInfoListResult>(cb => a.Client.GroupGetMemberInfoList(
                    new GroupGetMemberInfoListParam { group_get_members_info_list_param_group_id = gid }, cb));
                Seq(new[] { "alice:Owner", "bob:Normal" },
                    members.Data.group_get_member_info_list_result_info_array.Select(m => m.group_member_info_identifier + ":" + m.group_member_info_member_role).OrderBy(s => s),
                    ctx + "member roles");
            }

            Eq(0, Do(cb => bob.Client.GroupQuit(gid, cb)).Code, ctx + "bob quits");
            Tips(alice, ctx + "quit", HuddleGroupTipType.Quit);
            Tips(bob, ctx + "quit", HuddleGroupTipType.Quit);
            ClearTips();

            if (type == HuddleGroupType.Work)
            {
                Eq((int)HuddleCode.PermissionDenied, Do(cb => a.Client.GroupDelete(gid, cb)).Code, ctx + "only app admins disband Work groups");
                Eq(0, Do(cb => root.Client.GroupDelete(gid, cb)).Code, ctx + "an app admin disbands");
            }
            else
            {
                Eq((int)HuddleCode.OwnerMayNotQuit, Do(cb => a.Client.GroupQuit(gid, cb)).Code, ctx + "the owner may not quit");
                Eq(0, Do(cb => a.Client.GroupDelete(gid, cb)).Code, ctx + "the owner disbands");
            }
            Tips(alice, ctx + "delete", HuddleGroupTipType.GroupDismissed);
            Tips(bob, ctx + "delete");
            var gone = Do<List<GetGroupInfoResult>>(cb => bob.Client.GroupGetGroupInfoList(new List<string> { gid }, cb));
            Eq((int)HuddleCode.GroupNotFound, gone.Data[0].get_groups_info_result_code, ctx + "a disbanded group is not found");
        }
    }

    private static void JoinBob(HuddleGroupType type, string gid, string ctx)
    {
        switch (type)
        {
            case HuddleGroupType.Public:
                Eq(0, Do(cb => bob.Client.GroupJoin(gid, "你好 👋", cb)).Code, ctx + "bob asks to join");
                Tips(alice, ctx + "join request", HuddleGroupTipType.JoinRequest);
                Tips(bob, ctx + "join request");
                Eq("你好 👋", alice.Tips[0].group_tips_elem_msg, ctx + "the JoinRequest tip carries the hello message");
                ClearTips();
                var pending = Do<GroupPendencyResult>(cb => alice.Client.GroupGetPendencyList(new GroupPendencyOption(), cb));
                var request = pending.Data.group_pendency_result_pendency_array.Single(p => p.group_pendency_group_id == gid);
                Eq("bob", request.group_pendency_form_identifier, ctx + "group_pendency_form_identifier");
                Eq("你好 👋", request.group_pendency_apply_invite_msg, ctx + "group_pendency_apply_invite_msg");
                Eq(HuddleGroupPendencyHandle.NotHandled, request.group_pendency_handled, ctx + "group_pendency_handled");
                Eq(0, Do(cb => alice.Client.GroupHandlePendency(new GroupHandlePendencyParam
                {
                    group_handle_pendency_param_is_accept = true,
                    group_handle_pendency_param_pendency = request,
                }, cb)).Code, ctx + "alice accepts");
                Eq((int)HuddleCode.RequestHandled, Do(cb => alice.Client.GroupHandlePendency(new GroupHandlePendencyParam
                {
                    group_handle_pendency_param_is_accept = true,
                    group_handle_pendency_param_pendency = request,
                }, cb)).Code, ctx + "a handled request is refused");
                JoinTips(ctx, HuddleGroupJoinType.Apply);
                break;
            case HuddleGroupType.Work:
                Eq((int)HuddleCode.JoinWorkGroupDenied, Do(cb => bob.Client.GroupJoin(gid, null, cb)).Code, ctx + "Work groups refuse joins");
                var invited = Do<List<GroupInviteMemberResult>>(cb => alice.Client.GroupInviteMember(new GroupInviteMemberParam
                {
                    group_invite_member_param_group_id = gid,
                    group_invite_member_param_identifier_array = new List<string> { "bob" },
                }, cb));
                Eq(0, invited.Code, ctx + "GroupInviteMember code");
                Seq(new[] { "bob:Suc" }, invited.Data.Select(r => r.group_invite_member_result_identifier + ":" + r.group_invite_member_result_result), ctx + "invite results");
                JoinTips(ctx, HuddleGroupJoinType.Invite);
                break;
            default:
                Eq(0, Do(cb => bob.Client.GroupJoin(gid, null, cb)).Code, ctx + "bob joins freely");
                JoinTips(ctx, HuddleGroupJoinType.Apply);
                break;
        }
    }

    private static void JoinTips(string ctx, HuddleGroupJoinType joinType)
    {
        foreach (var user in new[] { alice, bob })
        {
            Tips(user, ctx + "join", HuddleGroupTipType.Invite);
            Eq(joinType, user.Tips.Count == 1 ? user.Tips[0].group_tips_elem_join_type : null, ctx + "join type seen by " + user.Id);
        }
    }

    private static void UnicodeRoundTrips()
    {
        var a = AliceOf();
        const string gid = "unicode";
        const string name = "龙之谷🐉公会🎮 ñ";
        ClearTips();
        Eq(0, Do<CreateGroupResult>(cb => a.Client.GroupCreate(new CreateGroupParam
        {
            create_group_param_group_id = gid,
            create_group_param_group_name = name,
            create_group_param_group_type = HuddleGroupType.Meeting,
            create_group_param_introduction = "简介 🧧",
        }, cb)).Code, "create with a Chinese and emoji name");
        Seq(Encoding.UTF8.GetBytes(name), Encoding.UTF8.GetBytes(alice.Tips[0].group_tips_elem_group_name), "tip group name bytes");
        Eq(0, Do(cb => bob.Client.GroupJoin(gid, null, cb)).Code, "bob joins the Unicode group");

        var detail = Do<List<GetGroupInfoResult>>(cb => bob.Client.GroupGetGroupInfoList(new List<string> { gid }, cb)).Data[0].get_groups_info_result_info;
        Seq(Encoding.UTF8.GetBytes(name), Encoding.UTF8.GetBytes(detail.group_detail_info_group_name), "group name bytes");
        Eq("简介 🧧", detail.group_detail_info_introduction, "introduction");

        Eq(0, Do(cb => bob.Client.GroupModifyMemberInfo(new GroupModifyMemberInfoParam
        {
            group_modify_member_info_group_id = gid,
            group_modify_member_info_identifier = "bob",
            group_modify_member_info_modify_flag = HuddleGroupMemberModifyFlag.NameCard,
            group_modify_member_info_name_card = "小明😀",
        }, cb)).Code, "bob sets an emoji name card");
        var card = Do<GroupGetMemberInfoListResult>(cb => a.Client.GroupGetMemberInfoList(new GroupGetMemberInfoListParam
        {
            group_get_members_info_list_param_group_id = gid,
            group_get_members_info_list_param_identifier_array = new List<string> { "bob" },
        }, cb)).Data.group_get_member_info_list_result_info_array.Single().group_member_info_name_card;
        Seq(Encoding.UTF8.GetBytes("小明😀"), Encoding.UTF8.GetBytes(card), "name card bytes");

        // Limits count UTF-8 bytes: 33 three-byte characters and one ASCII is exactly 100.
        string hundred = new string('群', 33) + "a";
        Eq(0, Do<CreateGroupResult>(cb => a.Client.GroupCreate(new CreateGroupParam { create_group_param_group_id = "bytes-100", create_group_param_group_name = hundred }, cb)).Code,
            "a 100-byte name is accepted");
        Eq((int)HuddleCode.NameTooLong, Do<CreateGroupResult>(cb => a.Client.GroupCreate(new CreateGroupParam { create_group_param_group_id = "bytes-103", create_group_param_group_name = hundred + "🎮" }, cb)).Code,
            "a 104-byte name is refused");
    }

    private static void MemberAndProfileChanges()
    {
        var a = AliceOf();
        const string gid = "changes";
        Do<CreateGroupResult>(cb => a.Client.GroupCreate(new CreateGroupParam
        {
            create_group_param_group_id = gid,
            create_group_param_group_name = "Changes",
            create_group_param_group_type = HuddleGroupType.Community,
            create_group_param_group_member_array = new List<GroupMemberInfo> { new GroupMemberInfo { group_member_info_identifier = "bob" } },
        }, cb));
        ClearTips();

        Eq(0, Do(cb => a.Client.GroupModifyGroupInfo(new GroupModifyInfoParam
        {
            group_modify_info_param_group_id = gid,
            group_modify_info_param_modify_flag = HuddleGroupModifyInfoFlag.Name | HuddleGroupModifyInfoFlag.AddOption,
            group_modify_info_param_group_name = "Renamed",
            group_modify_info_param_add_option = HuddleGroupAddOption.Forbid,
        }, cb)).Code, "GroupModifyGroupInfo");
        Tips(bob, "modify info", HuddleGroupTipType.GroupInfoChange);
        Seq(new[] { HuddleGroupTipChangeFlag.Name, HuddleGroupTipChangeFlag.GroupAddOpt },
            bob.Tips[0].group_tips_elem_group_change_info_array.Select(c => c.group_tips_group_change_info_flag).OrderBy(f => f), "change flags");

        Eq(0, Do(cb => a.Client.GroupModifyMemberInfo(new GroupModifyMemberInfoParam
        {
            group_modify_member_info_group_id = gid,
            group_modify_member_info_identifier = "bob",
            group_modify_member_info_modify_flag = HuddleGroupMemberModifyFlag.MemberRole,
            group_modify_member_info_member_role = HuddleGroupMemberRole.Admin,
        }, cb)).Code, "alice makes bob an admin");
        Eq(HuddleGroupTipType.SetAdmin, bob.Tips.Last().group_tips_elem_tip_type, "SetAdmin tip");

        Eq(0, Do(cb => a.Client.GroupModifyMuteAllowlist(new GroupMuteAllowlistParam
        {
            group_mute_allowlist_param_group_id = gid,
            group_mute_allowlist_param_identifier_array = new List<string> { "bob" },
            group_mute_allowlist_param_is_add = true,
        }, cb)).Code, "GroupModifyMuteAllowlist");
        Seq(new[] { "bob" }, Do<List<string>>(cb => bob.Client.GroupGetMuteAllowlist(gid, cb)).Data, "GroupGetMuteAllowlist");

        Seq(new[] { "alice", "bob" }, Do<List<string>>(cb => root.Client.AdminGetGroupMemberIDList(gid, cb)).Data.OrderBy(s => s), "AdminGetGroupMemberIDList");
        Check(Do<List<string>>(cb => root.Client.AdminGetUserGroupList("bob", cb)).Data.Contains(gid), "AdminGetUserGroupList");
        Eq((int)HuddleCode.PermissionDenied, Do<List<string>>(cb => a.Client.AdminGetUserGroupList("bob", cb)).Code, "Admin calls need an app admin");

        var kicked = Do<List<GroupDeleteMemberResult>>(cb => a.Client.GroupDeleteMember(new GroupDeleteMemberParam
        {
            group_delete_member_param_group_id = gid,
            group_delete_member_param_identifier_array = new List<string> { "bob" },
        }, cb));
        Seq(new[] { "bob:Suc" }, kicked.Data.Select(r => r.group_delete_member_result_identifier + ":" + r.group_delete_member_result_result), "GroupDeleteMember results");
        Eq(HuddleGroupTipType.Kick, bob.Tips.Last().group_tips_elem_tip_type, "the kicked member is told");
        Eq(0, Do(cb => a.Client.GroupReportPendencyReaded((ulong)DateTimeOffset.UtcNow.ToUnixTimeSeconds(), cb)).Code, "GroupReportPendencyReaded");
    }

    private static void CallbackCallsBackIntoClient()
    {
        var a = AliceOf();
        var order = new List<string>();
        GetGroupInfoResult inner = null;
        Do<CreateGroupResult>(cb => a.Client.GroupCreate(new CreateGroupParam { create_group_param_group_id = "reentrant", create_group_param_group_name = "Re" },
            (code, desc, data, userData) =>
            {
                order.Add("create");
                Eq(0, a.Client.Poll(10), "Poll inside a callback runs nothing");
                Eq(HuddleResult.Succ, a.Client.GroupGetGroupInfoList(new List<string> { data.create_group_result_groupid }, (c, d, info, u) =>
                {
                    order.Add("info");
                    inner = info[0];
                }), "a call from inside a callback");
                order.Add("create done");
                cb(code, desc, data, userData);
            }));
        PollUntil(() => inner != null);
        Seq(new[] { "create", "create done", "info" }, order, "nested callback order");
        Eq("Re", inner == null ? null : inner.get_groups_info_result_info.group_detail_info_group_name, "nested call result");
    }

    private static void CallbackExceptionsAreCaught()
    {
        var a = AliceOf();
        var caught = new List<Exception>();
        Action<Exception> handler = caught.Add;
        HuddleClient.CallbackException += handler;
        try
        {
            Do<List<GroupBaseInfo>>(cb => a.Client.GroupGetJoinedGroupList((code, desc, data, userData) =>
            {
                cb(code, desc, data, userData);
                throw new InvalidOperationException("game bug");
            }));
        }
        finally
        {
            HuddleClient.CallbackException -= handler;
        }
        Check(caught.Count == 1 && caught[0].Message == "game bug", "an exception in a callback reaches CallbackException");
        Eq(0, Do<List<GroupBaseInfo>>(cb => a.Client.GroupGetJoinedGroupList(cb)).Code, "the client works after a throwing callback");
    }

    private static void SyncFailuresRunNoCallback()
    {
        var a = AliceOf();
        int before = HuddleClient.PendingCallbackCount;
        var reply = Do(cb => a.Client.GroupJoin(null, null, cb));
        Eq(HuddleResult.ErrParam, reply.Sync, "GroupJoin(null) is refused synchronously");
        Eq(0, reply.Runs, "no callback after a sync failure");
        Eq(before, HuddleClient.PendingCallbackCount, "a sync failure leaves no pending entry");
        Eq(HuddleResult.ErrParam, Do(cb => a.Client.GroupHandlePendency(new GroupHandlePendencyParam(), cb)).Sync, "missing pendency is a param error");
        Eq(HuddleResult.Succ, a.Client.GroupGetJoinedGroupList(null), "a null callback is allowed");
        PollUntil(() => true);
    }

    private static void AsyncTwins()
    {
        var a = AliceOf();
        var created = a.Client.GroupCreateAsync(new CreateGroupParam { create_group_param_group_id = "async", create_group_param_group_name = "Async" });
        PollUntil(() => created.IsCompleted);
        Eq("async", created.Result.create_group_result_groupid, "GroupCreateAsync result");

        var bad = a.Client.GroupCreateAsync(new CreateGroupParam { create_group_param_group_id = "@TGS#mine", create_group_param_group_name = "Bad" });
        PollUntil(() => bad.IsCompleted);
        Eq((int)HuddleCode.InvalidGroupIdFormat, AsyncCode(bad), "GroupCreateAsync throws HuddleException with the async code");

        using (var loggedOut = HuddleClient.Create(Cfg(new SdkConfig { callback_mode = SdkConfig.CallbackModePoll })))
            Eq((int)HuddleResult.ErrNotLogin, AsyncCode(loggedOut.GroupQuitAsync("async")), "a sync failure faults the task");

        var joined = bob.Client.GroupJoinAsync("async", null);
        PollUntil(() => joined.IsCompleted);
        Eq(TaskStatus.RanToCompletion, joined.Status, "GroupJoinAsync completes");
    }

    private static int AsyncCode(Task task)
    {
        try
        {
            task.Wait();
            return 0;
        }
        catch (AggregateException e)
        {
            var huddle = e.InnerException as HuddleException;
            return huddle == null ? int.MinValue : huddle.Code;
        }
    }

    private static void ListenersAndRemoval()
    {
        var a = AliceOf();
        var statuses = new List<HuddleNetworkStatus>();
        int wakes = 0;
        using (var client = HuddleClient.Create(Cfg(new SdkConfig { callback_mode = SdkConfig.CallbackModePoll })))
        {
            client.SetWakeCallback(userData => Interlocked.Increment(ref wakes));
            client.SetKickedOfflineCallback(userData => Fail("nothing kicks this client"));
            client.SetUserSigExpiredCallback(userData => Fail("no sig expires here"));
            var clock = (ulong)DateTimeOffset.UtcNow.ToUnixTimeSeconds();
            Check(Math.Abs((long)a.Client.GetServerTime() - (long)clock) <= 2, "GetServerTime is the server's clock, here ours");
            client.SetNetworkStatusListenerCallback((status, code, desc, userData) => statuses.Add(status));
            var deadline = DateTime.UtcNow.AddSeconds(10);
            while (statuses.Count == 0 && DateTime.UtcNow < deadline)
                client.Poll(10);
            // Not logged in: the embedded engine is there all the same; a server is not yet connected.
            var now = OnServer ? HuddleNetworkStatus.Disconnected : HuddleNetworkStatus.Connected;
            Seq(new[] { now }, statuses, "network status listener told the status once");
            Check(Volatile.Read(ref wakes) > 0, "the wake callback ran");
        }

        bob.Client.SetGroupTipsEventCallback(null);
        ClearTips();
        Do<CreateGroupResult>(cb => a.Client.GroupCreate(new CreateGroupParam
        {
            create_group_param_group_id = "silent",
            create_group_param_group_name = "Silent",
            create_group_param_group_type = HuddleGroupType.Work,
            create_group_param_group_member_array = new List<GroupMemberInfo> { new GroupMemberInfo { group_member_info_identifier = "bob" } },
        }, cb));
        Tips(bob, "after SetGroupTipsEventCallback(null)");
        Tips(alice, "alice still listens", HuddleGroupTipType.GroupCreated);
        bob.Client.SetGroupTipsEventCallback((tip, userData) => bob.Tips.Add(tip));
    }

    private static void ThreadModeForDotNetHosts()
    {
        using (var client = HuddleClient.Create(Cfg(new SdkConfig { callback_mode = SdkConfig.CallbackModeThread })))
        {
            int thread = 0;
            var done = new ManualResetEventSlim();
            Eq(HuddleResult.Succ, client.Login("threaded", null, (code, desc, userData) =>
            {
                thread = Thread.CurrentThread.ManagedThreadId;
                done.Set();
            }), "Login in thread mode");
            Check(done.Wait(10000), "thread-mode callback arrives without Poll");
            Check(thread != MainThread, "thread-mode callbacks run on the library's thread");
            Eq(0, client.Poll(10), "Poll does nothing in thread mode");
            Check(client.GroupGetJoinedGroupListAsync().Wait(10000), "async twin in thread mode");
        }
    }

    private static void DisposeWithCallsInFlight()
    {
        int baseline = HuddleClient.PendingCallbackCount;
        foreach (var mode in new[] { SdkConfig.CallbackModePoll, SdkConfig.CallbackModeThread })
        {
            var client = HuddleClient.Create(Cfg(new SdkConfig { callback_mode = mode }));
            var login = client.LoginAsync("carol-" + mode, null);
            while (!login.IsCompleted)
                client.Poll(10);
            var codes = new List<int>();
            for (int i = 0; i < 5; i++)
                client.GroupGetJoinedGroupList((code, desc, data, userData) => { lock (codes) codes.Add(code); });
            client.GroupCreate(new CreateGroupParam { create_group_param_group_id = "inflight-" + mode, create_group_param_group_name = "In flight" },
                (code, desc, data, userData) => { lock (codes) codes.Add(code); });
            client.Dispose();
            lock (codes)
            {
                Eq(6, codes.Count, mode + ": every callback in flight ran once before Dispose returned");
                Check(codes.All(c => c == 0 || c == (int)HuddleCode.SdkNotInitialized), mode + ": in-flight codes are 0 or 6013");
            }
            Eq(baseline, HuddleClient.PendingCallbackCount, mode + ": nothing pending after Dispose");
            int late = 0;
            Eq(HuddleResult.ErrSdkUninit, client.GroupGetJoinedGroupList((c, d, x, u) => late++), mode + ": calls after Dispose");
            Eq(-1, client.Poll(10), mode + ": Poll after Dispose");
            Eq(HuddleLoginStatus.Unknown, client.GetLoginStatus(), mode + ": status after Dispose");
            client.Dispose();
            Eq(0, late, mode + ": no callback after Dispose");
        }

        var self = HuddleClient.Create(Cfg(new SdkConfig { callback_mode = SdkConfig.CallbackModePoll }));
        bool ran = false;
        self.Login("dave", null, (code, desc, userData) =>
        {
            self.Dispose();
            ran = true;
        });
        while (!ran && self.Poll(10) >= 0)
            Thread.Sleep(1);
        Check(ran, "Dispose from inside the client's own callback");
        Eq(HuddleResult.ErrSdkUninit, self.Logout(null), "disposed from its callback");
    }

    private static void TenThousandCallsDoNotGrowUnmanagedMemory()
    {
        var a = AliceOf();
        var ids = new List<string> { "unicode", "changes", "async" };
        Action<int> calls = n =>
        {
            int done = 0, expected = 0;
            for (int i = 0; i < n; i += 4)
            {
                expected += 2; // GroupJoin(null) fails synchronously, so only two callbacks run
                string user;
                a.Client.GetLoginUserID(out user);
                a.Client.GroupJoin(null, "没有群", (c, d, u) => done++);
                a.Client.GroupGetGroupInfoList(ids, (c, d, x, u) => done++);
                a.Client.GroupGetMemberInfoList(new GroupGetMemberInfoListParam { group_get_members_info_list_param_group_id = "unicode" }, (c, d, x, u) => done++);
                while (done < expected)
                    a.Client.Poll(10);
            }
        };
        calls(2000);
        long rssBefore = Rss(), managedBefore = GC.GetTotalMemory(true);
        calls(10000);
        long rssAfter = Rss(), managedAfter = GC.GetTotalMemory(true);
        Console.WriteLine("10,000 calls: RSS {0} KiB -> {1} KiB, managed heap {2} KiB -> {3} KiB",
            rssBefore / 1024, rssAfter / 1024, managedBefore / 1024, managedAfter / 1024);
        // A leak of one small string per call would be 10,000 x ~100 bytes, about 1 MiB.
        Check(rssAfter - rssBefore < 1024 * 1024, "resident memory grew less than 1 MiB over 10,000 calls");
        Eq(0, HuddleClient.PendingCallbackCount, "no pending entries after 10,000 calls");
    }

    private static long Rss()
    {
        GC.Collect();
        GC.WaitForPendingFinalizers();
        string line = File.ReadAllLines("/proc/self/status").First(l => l.StartsWith("VmRSS:"));
        return long.Parse(line.Split(new[] { ' ', '\t' }, StringSplitOptions.RemoveEmptyEntries)[1]) * 1024;
    }
}
