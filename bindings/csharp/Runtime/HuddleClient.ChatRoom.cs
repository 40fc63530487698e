using System.Threading.Tasks;

namespace Huddle
{
    // AVChatRoom (HuddleGroupType.AVChatRoom): online only. A message reaches the
    // members online when it is sent and no one else, ever; a joiner gets the
    // room's latest messages once; a room drops messages past its rate, the
    // lowest HuddleMsgPriority first (10023, HuddleCode.SendRateLimit).
    public sealed partial class HuddleClient
    {
        /// <summary>How many members of the group have a client logged in now (HuddleGroupGetOnlineMemberCount, Tencent's TIMGroupGetOnlineMemberCount), for any group type. Members and app admins only (10007); an unknown group: 10010. Returns the sync result; the callback runs exactly once if and only if that is Succ (its code is then 0 or a HuddleCode).</summary>
        public HuddleResult GroupGetOnlineMemberCount(string groupId, ValueCallback<GroupGetOnlineMemberCountResult> callback)
        {
            return Call((h, cb, ud) => NativeMethods.HuddleGroupGetOnlineMemberCount(h, Utf8.Encode(groupId), cb, ud), Value(callback));
        }

        /// <summary>The Task form of <c>GroupGetOnlineMemberCount</c>: the count; completes where its callback would run (inside Poll in poll mode), or faults with HuddleException, whether the library refused the call (a negative HuddleResult) or reported an error (a HuddleCode).</summary>
        public Task<uint> GroupGetOnlineMemberCountAsync(string groupId) =>
            ToTask<uint>(done => GroupGetOnlineMemberCount(groupId, (int code, string desc, GroupGetOnlineMemberCountResult data, string userData) =>
                done(code, desc, code == 0 ? data.group_get_online_member_count_result : 0u, userData)));
    }
}
