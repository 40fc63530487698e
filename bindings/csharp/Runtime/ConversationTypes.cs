using System;
using System.Collections.Generic;

namespace Huddle
{
    /// <summary>Tencent's TIMConversationMarkType bits (ConvMarkConversation); an app's own marks are bits 32..63.</summary>
    [Flags]
    public enum HuddleConversationMarkType : ulong
    {
        /// <summary>Starred (0x1).</summary>
        Star = 0x1,
        /// <summary>Marked unread (0x2).</summary>
        Unread = 0x2,
        /// <summary>Folded (0x4).</summary>
        Fold = 0x4,
        /// <summary>Hidden (0x8): out of the list and the totals until a newer message comes.</summary>
        Hide = 0x8,
    }

    /// <summary>The caller's receive option for one user's C2C messages (MsgGetC2CReceiveMessageOpt): its fields are the C API's keys.</summary>
    public class C2CRecvMsgOptResult
    {
        /// <summary>JSON key <c>msg_recv_msg_opt_result_identifier</c>: the user.</summary>
        public string msg_recv_msg_opt_result_identifier;
        /// <summary>JSON key <c>msg_recv_msg_opt_result_opt</c>: the option.</summary>
        public HuddleReceiveMessageOpt msg_recv_msg_opt_result_opt;
    }

    /// <summary>The user's global do-not-disturb, Tencent's TIMReceiveMessageOptInfo: its fields are the C API's keys.</summary>
    public class ReceiveMessageOptInfo
    {
        /// <summary>JSON key <c>msg_all_recv_msg_opt_level</c>: Receive, ReceiveNotNotify or NotNotifyExceptAt, in the quiet window.</summary>
        public HuddleReceiveMessageOpt msg_all_recv_msg_opt_level;
        /// <summary>JSON key <c>msg_all_recv_msg_opt_start_hour</c>: a daily window's start, local hour.</summary>
        public uint msg_all_recv_msg_opt_start_hour;
        /// <summary>JSON key <c>msg_all_recv_msg_opt_start_minute</c>: a daily window's start, minute.</summary>
        public uint msg_all_recv_msg_opt_start_minute;
        /// <summary>JSON key <c>msg_all_recv_msg_opt_start_second</c>: a daily window's start, second.</summary>
        public uint msg_all_recv_msg_opt_start_second;
        /// <summary>JSON key <c>msg_all_recv_msg_opt_start_time_stamp</c>: a single window's start, UTC seconds; 0 for a daily one.</summary>
        public ulong msg_all_recv_msg_opt_start_time_stamp;
        /// <summary>JSON key <c>msg_all_recv_msg_duration</c>: the window's length in seconds.</summary>
        public ulong msg_all_recv_msg_duration;
    }

    /// <summary>One conversation for ConvGetConvInfo, Tencent's GetConversationListParam: its fields are the C API's keys.</summary>
    public class GetConversationListParam
    {
        /// <summary>JSON key <c>get_conversation_list_param_conv_id</c>: the group ID, or the other user's ID.</summary>
        public string get_conversation_list_param_conv_id;
        /// <summary>JSON key <c>get_conversation_list_param_conv_type</c>: C2C or Group.</summary>
        public HuddleConvType get_conversation_list_param_conv_type;
    }

    /// <summary>The user's global do-not-disturb after a change, made on any of its devices (SetMsgAllMessageReceiveOptionCallback).</summary>
    public delegate void MsgAllMessageReceiveOptionCallback(ReceiveMessageOptInfo info, string user_data);

    /// <summary>The total of unread messages after a change (SetConvTotalUnreadMessageCountChangedCallback).</summary>
    public delegate void ConvTotalUnreadMessageCountChangedCallback(int total_unread_count, string user_data);

    /// <summary>A subscribed filter and its unread count after a change (SetConvUnreadMessageCountChangedByFilterCallback).</summary>
    public delegate void ConvUnreadMessageCountChangedByFilterCallback(ConversationListFilter filter, int total_unread_count, string user_data);
}
