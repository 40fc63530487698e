using System;
using System.Collections.Generic;
using System.Linq;
using Huddle;

// Group attributes and counters: a match room's seats and a like counter,
// written by two members, each of whom hears every change in the same order.
internal static partial class HuddleTests
{
    private static List<GroupAttributes> Attrs(params string[] keysAndValues)
    {
        var list = new List<GroupAttributes>();
        for (int i = 0; i < keysAndValues.Length; i += 2)
            list.Add(new GroupAttributes { group_attribute_key = keysAndValues[i], group_attribute_value = keysAndValues[i + 1] });
        return list;
    }

    private static string Show(IEnumerable<GroupAttributes> attributes)
    {
        return string.Join(",", attributes.Select(a => a.group_attribute_key + "=" + a.group_attribute_value));
    }

    private static string Show(IEnumerable<GroupCounter> counters)
    {
        return string.Join(",", counters.Select(c => c.group_counter_key + "=" + c.group_counter_value));
    }

    private static void GroupAttributesAndCounters()
    {
        var config = Cfg(new SdkConfig { callback_mode = SdkConfig.CallbackModePoll });
        var ann = new User("cs_attr_ann", config);
        var ben = new User("cs_attr_ben", config);
        const string room = "cs-attr-room";
        var heard = new Dictionary<User, List<string>> { { ann, new List<string>() }, { ben, new List<string>() } };
        foreach (var user in heard.Keys)
        {
            var log = heard[user];
            user.Client.SetGroupAttributeChangedCallback((groupId, attributes, userData) => log.Add(groupId + " " + Show(attributes)));
            user.Client.SetGroupCounterChangedCallback((groupId, key, value, userData) => log.Add(groupId + " " + key + "=" + value));
        }
        Eq(0, Do<CreateGroupResult>(cb => ann.Client.GroupCreate(new CreateGroupParam
        {
            create_group_param_group_id = room,
            create_group_param_group_name = "Match",
            create_group_param_group_type = HuddleGroupType.Meeting,
        }, cb)).Code, "the room is created");
        Eq(0, Do<GroupJoinResult>(cb => ben.Client.GroupJoin(room, null, cb)).Code, "ben joins");

        Eq(0, Do(cb => ann.Client.GroupInitGroupAttributes(room, Attrs("seat1", "ann"), cb)).Code, "GroupInitGroupAttributes");
        Await(ben.Client.GroupSetGroupAttributesAsync(room, Attrs("seat2", "ben")));
        Eq("seat1=ann,seat2=ben", Show(Do<List<GroupAttributes>>(cb => ben.Client.GroupGetGroupAttributes(room, null, cb)).Data), "null keys: all attributes");
        Eq("seat2=ben", Show(Await(ann.Client.GroupGetGroupAttributesAsync(room, new List<string> { "seat2" }))), "GroupGetGroupAttributesAsync by key");
        Eq((int)HuddleCode.InvalidRequest, Do(cb => ann.Client.GroupSetGroupAttributes(room, Attrs(new string('k', 33), "x"), cb)).Code, "a 33-byte key");
        Await(ann.Client.GroupDeleteGroupAttributesAsync(room, new List<string> { "seat1" }));
        Eq(HuddleResult.ErrParam, ann.Client.GroupDeleteGroupAttributes(room, null, (code, desc, userData) => Fail("a refused call called back")), "no key list to delete");

        Eq("likes=10", Show(Await(ann.Client.GroupSetGroupCountersAsync(room, new List<GroupCounter> { new GroupCounter { group_counter_key = "likes", group_counter_value = 10 } }))), "GroupSetGroupCounters");
        Eq("likes=15", Show(Do<List<GroupCounter>>(cb => ben.Client.GroupIncreaseGroupCounter(room, "likes", 5, cb)).Data), "GroupIncreaseGroupCounter");
        Eq("likes=12", Show(Await(ann.Client.GroupDecreaseGroupCounterAsync(room, "likes", 3))), "GroupDecreaseGroupCounterAsync");
        Eq("likes=12", Show(Await(ben.Client.GroupGetGroupCountersAsync(room, null))), "GroupGetGroupCountersAsync");
        Eq(9223372036854775807L, Await(ann.Client.GroupIncreaseGroupCounterAsync(room, "big", long.MaxValue)).Single().group_counter_value, "64-bit values");
        Eq((int)HuddleCode.InvalidRequest, Do<List<GroupCounter>>(cb => ben.Client.GroupIncreaseGroupCounter(room, "big", 1, cb)).Code, "no wrap past the top");

        PollUntil(() => heard.Values.All(l => l.Count == 7));
        var expected = new[]
        {
            room + " seat1=ann", room + " seat1=ann,seat2=ben", room + " seat2=ben",
            room + " likes=10", room + " likes=15", room + " likes=12", room + " big=9223372036854775807",
        };
        foreach (var user in heard.Keys)
            Seq(expected, heard[user], user.Id + " hears every change in the engine's order");

        ann.Client.SetGroupCounterChangedCallback(null);
        Await(ben.Client.GroupIncreaseGroupCounterAsync(room, "likes", 1));
        PollUntil(() => heard[ben].Count == 8);
        Eq(7, heard[ann].Count, "a removed listener hears nothing");
        Eq(room + " likes=13", heard[ben].Last(), "the other member still hears");
        ben.Client.SetGroupAttributeChangedCallback(null);
        ben.Client.SetGroupCounterChangedCallback(null);
        ann.Client.SetGroupAttributeChangedCallback(null);
    }
}
