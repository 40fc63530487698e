using System.Collections.Generic;

// Data classes of messages, conversations and conversation groups; as in
// Types.cs, field names are the C JSON keys and nulls are not sent.
namespace Huddle
{
    /// <summary>
    /// One element of a message. Text and custom elems are sent; GroupTips elems
    /// (elem_type 5) only arrive, with the tip's group_tips_elem_* keys, which is
    /// why Elem extends GroupTipsElem; GroupReport elems (elem_type 8) too, with
    /// the group_report_elem_* keys.
    /// </summary>
    public class Elem : GroupTipsElem
    {
        public HuddleElemType elem_type;
        public string text_elem_content;
        /// <summary>Any string, JSON for example: Huddle passes it through as is.</summary>
        public string custom_elem_data;
        public string custom_elem_desc;
        public string custom_elem_ext;
        public string custom_elem_sound;
        /// <summary>On GroupReport elems (elem_type 8): what happened.</summary>
        public HuddleGroupReportType group_report_elem_report_type;
        /// <summary>On GroupReport elems: the group concerned.</summary>
        public string group_report_elem_group_id;
        /// <summary>On GroupReport elems: who acted (empty: the app server).</summary>
        public string group_report_elem_op_user;
        /// <summary>On GroupReport elems: a request's hello, an answer's text, a removal's reason.</summary>
        public string group_report_elem_msg;
        /// <summary>On GroupReport elems: the app server's notification text (UserDefine).</summary>
        public string group_report_elem_user_data;
        /// <summary>On GroupReport elems (ShutUpMember): seconds of mute; 0 ends it.</summary>
        public ulong group_report_elem_shut_up_time;
    }

    public partial class Message
    {
        /// <summary>The message_group_at_user_array entry that mentions every member.</summary>
        public const string AtAll = "__kImSDK_MessageAtALL__";

        /// <summary>The only key a sender must set.</summary>
        public List<Elem> message_elem_array;
        /// <summary>The group ID, or the other user's ID in a C2C conversation.</summary>
        public string message_conv_id;
        public HuddleConvType message_conv_type;
        public string message_sender;
        public ulong message_server_time;
        public ulong message_client_time;
        /// <summary>1, 2, 3, ... per conversation.</summary>
        public ulong message_seq;
        public string message_msg_id;
        public HuddleMsgStatus message_status;
        public bool message_is_from_self;
        /// <summary>Members mentioned, or Message.AtAll.</summary>
        public List<string> message_group_at_user_array;
        /// <summary>Sending: only these members get the message.</summary>
        public List<string> message_target_group_member_array;
        /// <summary>Who recalled it, on revoked messages.</summary>
        public string message_revoker_user_id;
    }

    public class MsgGetMsgListParam
    {
        /// <summary>0: 20; at most 100.</summary>
        public uint msg_getmsglist_param_count;
        /// <summary>The last message of the previous page (its message_msg_id is enough); null: from the newest.</summary>
        public Message msg_getmsglist_param_last_msg;
    }

    /// <summary>Where a recalled message was, for MsgRevokeCallback.</summary>
    public class MsgLocator
    {
        public string message_locator_conv_id;
        public HuddleConvType message_locator_conv_type;
        public bool message_locator_is_revoked;
        public ulong message_locator_time;
        public ulong message_locator_seq;
        public bool message_locator_is_self;
        public string message_locator_msg_id;
        public string message_locator_revoker_user_id;
    }

    /// <summary>An unread message that mentions the reader.</summary>
    public class GroupAtInfo
    {
        public ulong conv_group_at_info_seq;
        public HuddleGroupAtType conv_group_at_info_at_type;
    }

    public class ConvInfo
    {
        public string conv_id;
        public HuddleConvType conv_type;
        /// <summary>The group's name, or the other user's ID.</summary>
        public string conv_show_name;
        /// <summary>Null for C2C conversations and disbanded groups.</summary>
        public HuddleGroupType? conv_group_type;
        public uint conv_unread_num;
        public ulong conv_active_time;
        public bool conv_is_has_lastmsg;
        public Message conv_last_msg;
        public bool conv_is_pinned;
        public List<GroupAtInfo> conv_group_at_info_array;
        /// <summary>The names of the conversation groups it is in.</summary>
        public List<string> conv_conversation_group_array;
        public HuddleConvGroupState conv_group_state;
    }

    public class ConversationListFilter
    {
        /// <summary>A conversation group's name; "" for conversations in none; null: any.</summary>
        public string conversation_list_filter_conversation_group;
        public HuddleConvType? conversation_list_filter_conv_type;
        public bool conversation_list_filter_has_unread_count;
        public bool conversation_list_filter_has_group_at_info;
    }

    public class ConversationListResult
    {
        public List<ConvInfo> conversation_list_result_conv_list;
        public ulong conversation_list_result_next_seq;
        public bool conversation_list_result_is_finished;
    }

    /// <summary>What a conversation-group call did to one conversation ("c2c_" + user ID or "group_" + group ID).</summary>
    public class ConversationOperationResult
    {
        public string conversation_operation_result_conversation_id;
        /// <summary>0, or 6004 for a conversation the user does not have.</summary>
        public int conversation_operation_result_result_code;
        public string conversation_operation_result_result_info;
    }

    public class TotalUnreadResult
    {
        public ulong conv_get_total_unread_message_count_result_unread_count;
    }

    /// <summary>What ConvGroupEventCallback reports; keys not used by the event are null.</summary>
    public class ConvGroupEvent
    {
        public string conversation_group_name;
        /// <summary>Renamed events.</summary>
        public string conversation_group_new_name;
        /// <summary>Created, ConversationsAdded and ConversationsDeleted events.</summary>
        public List<string> conversation_group_conv_id_array;
    }
}
