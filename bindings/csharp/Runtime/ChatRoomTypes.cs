namespace Huddle
{
    /// <summary>The JSON object of <c>GroupGetOnlineMemberCount</c>: its field is the C API's key.</summary>
    public class GroupGetOnlineMemberCountResult
    {
        /// <summary>JSON key <c>group_get_online_member_count_result</c>: members with a client logged in now.</summary>
        public uint group_get_online_member_count_result;
    }

    /// <summary>Tencent's TIMMsgPriority, the integers of <c>message_priority</c>: what an AVChatRoom under load drops first (Lowest past a quarter of its rate, Low past half, Normal past three quarters, High past all of it).</summary>
    public enum HuddleMsgPriority : uint
    {
        /// <summary>Gifts and the like: dropped last.</summary>
        High = 0,
        /// <summary>The default.</summary>
        Normal = 1,
        /// <summary>Likes and the like.</summary>
        Low = 2,
        /// <summary>Dropped first.</summary>
        Lowest = 3,
    }
}
