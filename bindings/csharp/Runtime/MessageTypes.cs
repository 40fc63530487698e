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
    public partial class Elem : GroupTipsElem
    {
        /// <summary>JSON key <c>elem_type</c>: the elem type.</summary>
        public HuddleElemType elem_type;
        /// <summary>JSON key <c>text_elem_content</c>: the text elem content.</summary>
        public string text_elem_content;
        /// <summary>Any string, JSON for example: Huddle passes it through as is.</summary>
        public string custom_elem_data;
        /// <summary>JSON key <c>custom_elem_desc</c>: the custom elem desc.</summary>
        public string custom_elem_desc;
        /// <summary>JSON key <c>custom_elem_ext</c>: the custom elem ext.</summary>
        public string custom_elem_ext;
        /// <summary>JSON key <c>custom_elem_sound</c>: the custom elem sound.</summary>
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
        /// <summary>JSON key <c>message_conv_type</c>: the conversation type.</summary>
        public HuddleConvType message_conv_type;
        /// <summary>JSON key <c>message_sender</c>: the sender.</summary>
        public string message_sender;
        /// <summary>JSON key <c>message_server_time</c>: the server time.</summary>
        public ulong message_server_time;
        /// <summary>JSON key <c>message_client_time</c>: the client time.</summary>
        public ulong message_client_time;
        /// <summary>1, 2, 3, ... per conversation.</summary>
        public ulong message_seq;
        /// <summary>JSON key <c>message_msg_id</c>: the message ID.</summary>
        public string message_msg_id;
        /// <summary>JSON key <c>message_status</c>: the status.</summary>
        public HuddleMsgStatus message_status;
        /// <summary>JSON key <c>message_is_from_self</c>: whether it is from self.</summary>
        public bool message_is_from_self;
        /// <summary>Members mentioned, or Message.AtAll.</summary>
        public List<string> message_group_at_user_array;
        /// <summary>Sending: only these members get the message.</summary>
        public List<string> message_target_group_member_array;
        /// <summary>Who recalled it, on revoked messages.</summary>
        public string message_revoker_user_id;
        /// <summary>JSON key <c>message_rand</c>: the sender's random number.</summary>
        public uint? message_rand;
        /// <summary>JSON key <c>message_unique_id</c>: a number derived from message_msg_id, the same wherever the message shows (identify messages by message_msg_id).</summary>
        public ulong? message_unique_id;
        /// <summary>JSON key <c>message_priority</c>: Tencent's TIMMsgPriority as a number (<see cref="HuddleMsgPriority"/>; absent: Normal). An AVChatRoom under load drops the lower ones first.</summary>
        public uint? message_priority;
        /// <summary>JSON key <c>message_is_read</c>: sent by the reader, or at or before the reader's read mark.</summary>
        public bool? message_is_read;
        /// <summary>JSON key <c>message_is_peer_read</c>: C2C only: sent by the peer, or at or before the peer's read mark.</summary>
        public bool? message_is_peer_read;
        /// <summary>JSON key <c>message_sender_profile</c>: the sender's identifier, nickname and face URL.</summary>
        public UserProfile message_sender_profile;
        /// <summary>JSON key <c>message_sender_group_member_info</c>: in a group, while the sender is a member: its identifier, name card and role.</summary>
        public GroupMemberInfo message_sender_group_member_info;
    }

    /// <summary>The JSON object message get message list param: its fields are the C API's keys (<c>msg_getmsglist_param_count</c>, ...).</summary>
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
        /// <summary>JSON key <c>message_locator_conv_id</c>: the conversation ID.</summary>
        public string message_locator_conv_id;
        /// <summary>JSON key <c>message_locator_conv_type</c>: the conversation type.</summary>
        public HuddleConvType message_locator_conv_type;
        /// <summary>JSON key <c>message_locator_is_revoked</c>: whether it is revoked.</summary>
        public bool message_locator_is_revoked;
        /// <summary>JSON key <c>message_locator_time</c>: the time.</summary>
        public ulong message_locator_time;
        /// <summary>JSON key <c>message_locator_seq</c>: the sequence number.</summary>
        public ulong message_locator_seq;
        /// <summary>JSON key <c>message_locator_is_self</c>: whether it is self.</summary>
        public bool message_locator_is_self;
        /// <summary>JSON key <c>message_locator_msg_id</c>: the message ID.</summary>
        public string message_locator_msg_id;
        /// <summary>JSON key <c>message_locator_revoker_user_id</c>: the revoker user ID.</summary>
        public string message_locator_revoker_user_id;
        /// <summary>JSON key <c>message_locator_rand</c>: finding (MsgFindByMsgLocatorList): the message's message_rand; null or 0: any.</summary>
        public ulong? message_locator_rand;
        /// <summary>JSON key <c>message_locator_unique_id</c>: finding, when message_locator_seq is 0: the message's message_unique_id.</summary>
        public ulong? message_locator_unique_id;
    }

    /// <summary>An unread message that mentions the reader.</summary>
    public class GroupAtInfo
    {
        /// <summary>JSON key <c>conv_group_at_info_seq</c>: the sequence number.</summary>
        public ulong conv_group_at_info_seq;
        /// <summary>JSON key <c>conv_group_at_info_at_type</c>: the at type.</summary>
        public HuddleGroupAtType conv_group_at_info_at_type;
    }

    /// <summary>The JSON object conversation info: its fields are the C API's keys (<c>conv_id</c>, ...).</summary>
    public class ConvInfo
    {
        /// <summary>JSON key <c>conv_id</c>: the ID.</summary>
        public string conv_id;
        /// <summary>JSON key <c>conv_type</c>: the type.</summary>
        public HuddleConvType conv_type;
        /// <summary>The group's name, or the other user's nickname (its ID when it set none).</summary>
        public string conv_show_name;
        /// <summary>JSON key <c>conv_face_url</c>: the group's face URL, or the other user's.</summary>
        public string conv_face_url;
        /// <summary>JSON key <c>conv_recv_opt</c>: the caller's receive option: a group's is its member message flag, a C2C one's the one set for the peer (MsgSetC2CReceiveMessageOpt).</summary>
        public HuddleReceiveMessageOpt conv_recv_opt;
        /// <summary>Null for C2C conversations and disbanded groups.</summary>
        public HuddleGroupType? conv_group_type;
        /// <summary>JSON key <c>conv_unread_num</c>: the unread number.</summary>
        public uint conv_unread_num;
        /// <summary>JSON key <c>conv_active_time</c>: the active time.</summary>
        public ulong conv_active_time;
        /// <summary>JSON key <c>conv_is_has_lastmsg</c>: whether it has a last message.</summary>
        public bool conv_is_has_lastmsg;
        /// <summary>JSON key <c>conv_last_msg</c>: the last message.</summary>
        public Message conv_last_msg;
        /// <summary>JSON key <c>conv_is_pinned</c>: whether it is pinned.</summary>
        public bool conv_is_pinned;
        /// <summary>JSON key <c>conv_is_has_draft</c>: whether the caller left a draft here (ConvSetDraft).</summary>
        public bool conv_is_has_draft;
        /// <summary>JSON key <c>conv_draft</c>: the caller's draft; null when there is none.</summary>
        public Draft conv_draft;
        /// <summary>JSON key <c>conv_custom_data</c>: the app's data on the conversation (ConvSetConversationCustomData).</summary>
        public string conv_custom_data;
        /// <summary>JSON key <c>conv_mark_array</c>: each mark set (ConvMarkConversation), one value per mark (HuddleConversationMarkType, or the app's own bits 32..63).</summary>
        public List<ulong> conv_mark_array;
        /// <summary>JSON key <c>conv_group_at_info_array</c>: the group at info array.</summary>
        public List<GroupAtInfo> conv_group_at_info_array;
        /// <summary>The names of the conversation groups it is in.</summary>
        public List<string> conv_conversation_group_array;
        /// <summary>JSON key <c>conv_group_state</c>: the group state.</summary>
        public HuddleConvGroupState conv_group_state;
    }

    /// <summary>A conversation's draft, Tencent's Draft object (ConvSetDraft, ConvInfo.conv_draft): its fields are the C API's keys.</summary>
    public class Draft
    {
        /// <summary>JSON key <c>draft_msg</c>: the unsent message, kept as the app gave it.</summary>
        public Message draft_msg;
        /// <summary>JSON key <c>draft_user_define</c>: the app's own string.</summary>
        public string draft_user_define;
        /// <summary>JSON key <c>draft_edit_time</c>: when it was edited, in unix seconds; 0 when set: the time of the call.</summary>
        public ulong draft_edit_time;
    }

    /// <summary>The JSON object conversation list filter: its fields are the C API's keys (<c>conversation_list_filter_conversation_group</c>, ...).</summary>
    public class ConversationListFilter
    {
        /// <summary>A conversation group's name; "" for conversations in none; null: any.</summary>
        public string conversation_list_filter_conversation_group;
        /// <summary>JSON key <c>conversation_list_filter_conv_type</c>: the conversation type.</summary>
        public HuddleConvType? conversation_list_filter_conv_type;
        /// <summary>JSON key <c>conversation_list_filter_has_unread_count</c>: whether it has unread count.</summary>
        public bool conversation_list_filter_has_unread_count;
        /// <summary>JSON key <c>conversation_list_filter_has_group_at_info</c>: whether it has group at info.</summary>
        public bool conversation_list_filter_has_group_at_info;
        /// <summary>JSON key <c>conversation_list_filter_mark_type</c>: conversations carrying all these marks (HuddleConversationMarkType bits); 0: those without any; null: any (but hidden ones).</summary>
        public ulong? conversation_list_filter_mark_type;
    }

    /// <summary>The JSON object conversation list result: its fields are the C API's keys (<c>conversation_list_result_conv_list</c>, ...).</summary>
    public class ConversationListResult
    {
        /// <summary>JSON key <c>conversation_list_result_conv_list</c>: the conversation list.</summary>
        public List<ConvInfo> conversation_list_result_conv_list;
        /// <summary>JSON key <c>conversation_list_result_next_seq</c>: the next sequence number.</summary>
        public ulong conversation_list_result_next_seq;
        /// <summary>JSON key <c>conversation_list_result_is_finished</c>: whether it is finished.</summary>
        public bool conversation_list_result_is_finished;
    }

    /// <summary>What a conversation-group call did to one conversation ("c2c_" + user ID or "group_" + group ID).</summary>
    public class ConversationOperationResult
    {
        /// <summary>JSON key <c>conversation_operation_result_conversation_id</c>: the conversation ID.</summary>
        public string conversation_operation_result_conversation_id;
        /// <summary>0, or 6004 for a conversation the user does not have.</summary>
        public int conversation_operation_result_result_code;
        /// <summary>JSON key <c>conversation_operation_result_result_info</c>: the result info.</summary>
        public string conversation_operation_result_result_info;
    }

    /// <summary>The JSON object total unread result: its fields are the C API's keys (<c>conv_get_total_unread_message_count_result_unread_count</c>, ...).</summary>
    public class TotalUnreadResult
    {
        /// <summary>JSON key <c>conv_get_total_unread_message_count_result_unread_count</c>: the conversation get total unread message count result unread count.</summary>
        public ulong conv_get_total_unread_message_count_result_unread_count;
    }

    /// <summary>What ConvGroupEventCallback reports; keys not used by the event are null.</summary>
    public class ConvGroupEvent
    {
        /// <summary>JSON key <c>conversation_group_name</c>: the name.</summary>
        public string conversation_group_name;
        /// <summary>Renamed events.</summary>
        public string conversation_group_new_name;
        /// <summary>Created, ConversationsAdded and ConversationsDeleted events.</summary>
        public List<string> conversation_group_conv_id_array;
    }
}
