using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using Huddle;

// Bob's half of the seeds' two-user story, in C#, in its own process; alice's
// half is tests/c/peer_alice.c, in C, in another. Both are clients of one
// huddle-server (HUDDLE_TEST_SERVER_URL). Bob runs in thread mode: his
// callbacks arrive on the library's thread.
internal static class PeerBob
{
    private static int passed, failed;
    private static readonly object Gate = new object();
    private static readonly List<GroupTipsElem> Tips = new List<GroupTipsElem>();
    private static readonly List<string> Texts = new List<string>();

    private static void Check(bool ok, string what)
    {
        if (ok) passed++;
        else
        {
            failed++;
            Console.Error.WriteLine("FAIL PeerBob: " + what);
        }
    }

    /// <summary>Waits (30 s at most) until <paramref name="done"/> holds, under the gate.</summary>
    private static bool WaitFor(Func<bool> done)
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        lock (Gate)
        {
            while (!done())
            {
                var left = deadline - DateTime.UtcNow;
                if (left <= TimeSpan.Zero) return false;
                Monitor.Wait(Gate, left);
            }
            return true;
        }
    }

    private static void Signal(Action change)
    {
        lock (Gate)
        {
            change();
            Monitor.PulseAll(Gate);
        }
    }

    private static T Call<T>(Func<ValueCallback<T>, HuddleResult> call, int expected, string what)
    {
        int code = int.MinValue;
        T data = default(T);
        bool came = false;
        var sync = call((c, desc, d, userData) => Signal(() => { code = c; data = d; came = true; }));
        Check(sync == HuddleResult.Succ, what + " returns Succ");
        Check(WaitFor(() => came), what + " calls back");
        Check(code == expected, string.Format("{0} answers {1}, expected {2}", what, code, expected));
        return data;
    }

    private static void Call(Func<NullValueCallback, HuddleResult> call, int expected, string what)
    {
        Call<bool>(done => call((code, desc, userData) => done(code, desc, true, userData)), expected, what);
    }

    private static int Main()
    {
        var url = Environment.GetEnvironmentVariable("HUDDLE_TEST_SERVER_URL");
        var config = new SdkConfig { sdk_config_server_url = url, callback_mode = SdkConfig.CallbackModeThread };
        using (var bob = HuddleClient.Create(config))
        {
            bob.SetGroupTipsEventCallback((tip, userData) => Signal(() => Tips.Add(tip)));
            bob.AddRecvNewMsgCallback((messages, userData) => Signal(() =>
                Texts.AddRange(messages.Where(m => m.message_elem_array[0].elem_type == HuddleElemType.Text).Select(m => m.message_elem_array[0].text_elem_content))));
            Call(cb => bob.Login("bob", null, cb), 0, "login");

            // Alice's process creates the group; until it has, joining finds none.
            GroupJoinResult joined = null;
            for (int i = 0; i < 300 && joined == null; i++)
            {
                int code = int.MinValue;
                GroupJoinResult result = null;
                bool came = false;
                bob.GroupJoin("xlang", "hi from C#", (c, desc, r, ud) => Signal(() => { code = c; result = r; came = true; }));
                WaitFor(() => came);
                if (code == 0) joined = result;
                else if (code == (int)HuddleCode.GroupNotFound) Thread.Sleep(100);
                else Check(false, "join answers " + code);
            }
            Check(joined != null && joined.group_join_result_status == HuddleGroupJoinStatus.WaitingForApproval, "bob waits for approval");
            Check(WaitFor(() => Tips.Any(t => t.group_tips_elem_tip_type == HuddleGroupTipType.Invite)), "alice's approval arrives as a join tip");
            var approval = Tips.First(t => t.group_tips_elem_tip_type == HuddleGroupTipType.Invite);
            Check(approval.group_tips_elem_join_type == HuddleGroupJoinType.Apply, "joined by approval");
            Check(approval.group_tips_elem_op_user == "alice" && approval.group_tips_elem_user_array.SequenceEqual(new[] { "bob" }), "alice let bob in");

            string id;
            var message = new Message { message_elem_array = new List<Elem> { new Elem { elem_type = HuddleElemType.Text, text_elem_content = "hello from C# 🎮" } } };
            Call<Message>(cb => bob.MsgSendMessage("xlang", HuddleConvType.Group, message, out id, cb), 0, "send");
            Check(WaitFor(() => Texts.Contains("hello from C ✔")), "alice's answer arrives, UTF-8 intact");
            Call(cb => bob.GroupQuit("xlang", cb), 0, "quit");
            Check(WaitFor(() => Tips.Any(t => t.group_tips_elem_tip_type == HuddleGroupTipType.Quit)), "bob hears his own quit");
            Call(cb => bob.Logout(cb), 0, "logout");
        }
        Console.WriteLine("PeerBob: {0} passed, {1} failed", passed, failed);
        return failed == 0 ? 0 : 1;
    }
}
