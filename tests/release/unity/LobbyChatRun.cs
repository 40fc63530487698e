using System;
using System.Diagnostics;
using System.Linq;
using System.Reflection;
using System.Threading;
using Huddle.Samples.LobbyChat;

// Plays the LobbyChat sample as Unity would: two players' components get Start,
// then Update every "frame", OnGUI, and OnDestroy (Unity calls these private
// methods by name, so this does too). Both run on the embedded engine of this
// process: one opens the lobby, the other joins it, and each sees the other's line.
internal static class LobbyChatRun
{
    private static int Main()
    {
        var alice = Player("alice");
        var bob = Player("bob");
        try
        {
            Call(alice, "Start");
            Call(bob, "Start");
            Frames(alice, bob, () => alice.InLobby && bob.InLobby, "both players in the lobby");
            alice.Send("hello from alice 🐉");
            Frames(alice, bob, () => bob.Lines.Contains("alice: hello from alice 🐉") && alice.Lines.Contains("alice: hello from alice 🐉"),
                "bob sees alice's line, and alice her own");
            bob.Send("hi alice");
            Frames(alice, bob, () => alice.Lines.Contains("bob: hi alice"), "alice sees bob's line");
            Call(alice, "OnGUI");
            Call(bob, "OnGUI");
            Console.WriteLine("alice's screen: " + alice.Status + " | " + string.Join(" | ", alice.Lines));
            Console.WriteLine("bob's screen: " + bob.Status + " | " + string.Join(" | ", bob.Lines));
            return 0;
        }
        catch (Exception e)
        {
            Console.Error.WriteLine("FAIL " + e.Message);
            Console.Error.WriteLine("alice: " + alice.Status + " | " + string.Join(" | ", alice.Lines));
            Console.Error.WriteLine("bob: " + bob.Status + " | " + string.Join(" | ", bob.Lines));
            return 1;
        }
        finally
        {
            Call(alice, "OnDestroy");
            Call(bob, "OnDestroy");
        }
    }

    private static LobbyChat Player(string user)
    {
        var player = new LobbyChat();
        player.userId = user;
        return player;
    }

    private static void Frames(LobbyChat a, LobbyChat b, Func<bool> done, string what)
    {
        var clock = Stopwatch.StartNew();
        while (!done())
        {
            if (clock.Elapsed > TimeSpan.FromSeconds(20))
                throw new Exception("after 20 s, still not: " + what);
            Call(a, "Update");
            Call(b, "Update");
            Thread.Sleep(16);
        }
        Console.WriteLine("ok   " + what);
    }

    private static void Call(LobbyChat player, string method)
    {
        typeof(LobbyChat).GetMethod(method, BindingFlags.Instance | BindingFlags.NonPublic | BindingFlags.Public)
            .Invoke(player, null);
    }
}
