using System.Collections.Generic;

// Read receipts, extensions, reactions and pinned group messages (Tencent's):
// their data classes and listener delegates. Field names are the C JSON keys.
namespace Huddle
{
    public partial class Message
    {
        /// <summary>JSON key <c>message_need_read_receipt</c>: sending, true lets readers send read receipts.</summary>
        public bool? message_need_read_receipt;
        /// <summary>JSON key <c>message_support_message_extension</c>: sending, true lets readers set extensions.</summary>
        public bool? message_support_message_extension;
        /// <summary>JSON key <c>message_has_sent_receipt</c>: group messages: the reader sent a read receipt for it.</summary>
        public bool? message_has_sent_receipt;
        /// <summary>JSON key <c>message_receipt_peer_read</c>: C2C messages: the peer sent a read receipt for it.</summary>
        public bool? message_receipt_peer_read;
        /// <summary>JSON key <c>message_pinner_user_id</c>: pinned messages (GetPinnedGroupMessageList): who pinned it.</summary>
        public string message_pinner_user_id;
        /// <summary>JSON key <c>message_pinner_nick_name</c>: the pinner's nickname.</summary>
        public string message_pinner_nick_name;
        /// <summary>JSON key <c>message_pinner_friend_remark</c>: always "" (Huddle keeps no friends).</summary>
        public string message_pinner_friend_remark;
        /// <summary>JSON key <c>message_pinner_name_card</c>: the pinner's name card in the group.</summary>
        public string message_pinner_name_card;
        /// <summary>JSON key <c>message_pinner_face_url</c>: the pinner's face URL.</summary>
        public string message_pinner_face_url;
    }

    /// <summary>Tencent's TIMGroupMessageReadMembersFilter.</summary>
    public enum HuddleGroupMessageReadMembersFilter
    {
        /// <summary>The members who read the message.</summary>
        Read = 0,
        /// <summary>The members who see the message and did not read it.</summary>
        Unread = 1,
    }

    /// <summary>Tencent's MessageReceipt: a group message's read and unread counts, or whether a C2C peer read it.</summary>
    public class MessageReceipt
    {
        /// <summary>JSON key <c>msg_receipt_conv_id</c>: the group, or the C2C peer.</summary>
        public string msg_receipt_conv_id;
        /// <summary>JSON key <c>msg_receipt_conv_type</c>: the conversation type.</summary>
        public HuddleConvType msg_receipt_conv_type;
        /// <summary>JSON key <c>msg_receipt_msg_id</c>: the message; "" for a C2C peer's conversation-wide read mark.</summary>
        public string msg_receipt_msg_id;
        /// <summary>JSON key <c>msg_receipt_time_stamp</c>: when (seconds).</summary>
        public ulong msg_receipt_time_stamp;
        /// <summary>JSON key <c>msg_receipt_is_peer_read</c>: C2C: the peer read it.</summary>
        public bool msg_receipt_is_peer_read;
        /// <summary>JSON key <c>msg_receipt_read_count</c>: group: members who read it.</summary>
        public ulong msg_receipt_read_count;
        /// <summary>JSON key <c>msg_receipt_unread_count</c>: group: members who see it and did not.</summary>
        public ulong msg_receipt_unread_count;
    }

    /// <summary>One page of a group message's read or unread members (MsgGetGroupMessageReadMemberList).</summary>
    public class GroupMessageReadMemberPage
    {
        /// <summary>The members: identifier, name card, nickname, face URL.</summary>
        public List<GroupMemberInfo> members;
        /// <summary>Where the next page starts.</summary>
        public ulong next_seq;
        /// <summary>This was the last page (also when the call failed: Tencent's callback has no code).</summary>
        public bool is_finished;
    }

    /// <summary>Tencent's MessageExtension: a key and its value.</summary>
    public class MessageExtension
    {
        /// <summary>JSON key <c>message_extension_key</c>: 1 to 100 bytes.</summary>
        public string message_extension_key;
        /// <summary>JSON key <c>message_extension_value</c>: up to 1 KB.</summary>
        public string message_extension_value;
    }

    /// <summary>Tencent's MessageExtensionResult: one pair's outcome.</summary>
    public class MessageExtensionResult
    {
        /// <summary>JSON key <c>message_extension_result_code</c>: 0, or 23004 (deleting a key the message does not have).</summary>
        public int message_extension_result_code;
        /// <summary>JSON key <c>message_extension_result_info</c>: why, when not 0.</summary>
        public string message_extension_result_info;
        /// <summary>JSON key <c>message_extension_item</c>: the pair.</summary>
        public MessageExtension message_extension_item;
    }

    /// <summary>Tencent's MessageReaction: a reaction, its user count and first users.</summary>
    public class MessageReaction
    {
        /// <summary>JSON key <c>message_reaction_id</c>: the reaction (an emoji's ID, say).</summary>
        public string message_reaction_id;
        /// <summary>JSON key <c>message_reaction_total_user_count</c>: how many reacted; 0 in a change when it went.</summary>
        public uint message_reaction_total_user_count;
        /// <summary>JSON key <c>message_reaction_partial_user_info_array</c>: the first users, in the order they reacted.</summary>
        public List<UserProfile> message_reaction_partial_user_info_array;
        /// <summary>JSON key <c>message_reaction_reacted_by_myself</c>: MsgGetMessageReactions: the caller is one of them.</summary>
        public bool message_reaction_reacted_by_myself;
    }

    /// <summary>Tencent's MessageReactionResult: one message's reactions.</summary>
    public class MessageReactionResult
    {
        /// <summary>JSON key <c>message_reaction_result_code</c>: 0.</summary>
        public int message_reaction_result_code;
        /// <summary>JSON key <c>message_reaction_result_info</c>: "".</summary>
        public string message_reaction_result_info;
        /// <summary>JSON key <c>message_reaction_result_msg_id</c>: the message.</summary>
        public string message_reaction_result_msg_id;
        /// <summary>JSON key <c>message_reaction_result_reaction_list</c>: its reactions, in the order first added.</summary>
        public List<MessageReaction> message_reaction_result_reaction_list;
    }

    /// <summary>Tencent's MessageReactionUserResult: one page of a reaction's users.</summary>
    public class MessageReactionUserResult
    {
        /// <summary>JSON key <c>message_reaction_user_result_user_info_array</c>: the users.</summary>
        public List<UserProfile> message_reaction_user_result_user_info_array;
        /// <summary>JSON key <c>message_reaction_user_result_next_seq</c>: where the next page starts.</summary>
        public uint message_reaction_user_result_next_seq;
        /// <summary>JSON key <c>message_reaction_user_result_is_finished</c>: this was the last page.</summary>
        public bool message_reaction_user_result_is_finished;
    }

    /// <summary>Tencent's MessageReactionChangeInfo: a message's reactions that changed.</summary>
    public class MessageReactionChangeInfo
    {
        /// <summary>JSON key <c>message_reaction_change_info_msg_id</c>: the message.</summary>
        public string message_reaction_change_info_msg_id;
        /// <summary>JSON key <c>message_reaction_change_info_reaction_list</c>: the reactions as they now are.</summary>
        public List<MessageReaction> message_reaction_change_info_reaction_list;
    }

    /// <summary>Receives read receipts of the user's messages, and C2C peers' read marks (SetMsgReadedReceiptCallback).</summary>
    public delegate void MsgReadedReceiptCallback(List<MessageReceipt> msg_read_receipt_array, string user_data);

    /// <summary>Receives a message's ID and the extensions set on it, or the keys deleted (only message_extension_key then).</summary>
    public delegate void MsgExtensionsCallback(string message_id, List<MessageExtension> message_extension_array, string user_data);

    /// <summary>Receives the reactions that changed (SetMsgReactionsChangedCallback).</summary>
    public delegate void MsgReactionsChangedCallback(List<MessageReactionChangeInfo> message_reaction_change_info_array, string user_data);

    /// <summary>Receives a pinned or unpinned group message and who did it (SetMsgGroupPinnedMessageChangedCallback).</summary>
    public delegate void MsgGroupPinnedMessageChangedCallback(string group_id, Message message, bool is_pinned, UserProfile op_user, string user_data);
}
