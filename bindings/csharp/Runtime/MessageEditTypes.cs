using System.Collections.Generic;

// Data classes of deleting, editing, finding, inserting and searching
// messages (Tencent's MsgDeleteParam, MessageSearchParam, MessageSearchResult);
// field names are the C JSON keys, and nulls are not sent.
namespace Huddle
{
    public partial class Message
    {
        /// <summary>JSON key <c>message_version</c>: how many times the message was edited (MsgModifyMessage); send it back when editing.</summary>
        public ulong? message_version;
        /// <summary>JSON key <c>message_custom_str</c>: the reader's own string on the message (MsgSetLocalCustomData), never sent.</summary>
        public string message_custom_str;
        /// <summary>JSON key <c>message_custom_int</c>: the reader's own number on the message (MsgSetLocalCustomData), never sent.</summary>
        public uint? message_custom_int;
    }

    /// <summary>The JSON object MsgDelete takes (Tencent's MsgDeleteParam).</summary>
    public class MsgDeleteParam
    {
        /// <summary>JSON key <c>msg_delete_param_msg</c>: the message (its message_msg_id, or message_seq).</summary>
        public Message msg_delete_param_msg;
        /// <summary>JSON key <c>msg_delete_param_is_ramble</c>: local or roaming; the same in Huddle.</summary>
        public bool msg_delete_param_is_ramble;
    }

    /// <summary>Tencent's TIMKeywordListMatchType.</summary>
    public enum HuddleKeywordListMatchType
    {
        /// <summary>Any keyword (0, the default).</summary>
        Or = 0,
        /// <summary>All of them (1).</summary>
        And = 1,
    }

    /// <summary>The JSON object MsgSearchLocalMessages takes (Tencent's MessageSearchParam).</summary>
    public class MessageSearchParam
    {
        /// <summary>JSON key <c>msg_search_param_keyword_array</c>: at most 5 keywords.</summary>
        public List<string> msg_search_param_keyword_array;
        /// <summary>JSON key <c>msg_search_param_keyword_list_match_type</c>: any keyword or all.</summary>
        public HuddleKeywordListMatchType? msg_search_param_keyword_list_match_type;
        /// <summary>JSON key <c>msg_search_param_send_identifier_array</c>: only these senders.</summary>
        public List<string> msg_search_param_send_identifier_array;
        /// <summary>JSON key <c>msg_search_param_message_type_array</c>: messages with any of these elem types.</summary>
        public List<HuddleElemType> msg_search_param_message_type_array;
        /// <summary>JSON key <c>msg_search_param_conv_id</c>: with msg_search_param_conv_type, one conversation only.</summary>
        public string msg_search_param_conv_id;
        /// <summary>JSON key <c>msg_search_param_conv_type</c>: null searches every conversation.</summary>
        public HuddleConvType? msg_search_param_conv_type;
        /// <summary>JSON key <c>msg_search_param_search_time_position</c>: unix seconds; 0: now.</summary>
        public ulong msg_search_param_search_time_position;
        /// <summary>JSON key <c>msg_search_param_search_time_period</c>: seconds before the position; 0: no limit.</summary>
        public ulong msg_search_param_search_time_period;
        /// <summary>JSON key <c>msg_search_param_page_index</c>: from 0.</summary>
        public uint msg_search_param_page_index;
        /// <summary>JSON key <c>msg_search_param_page_size</c>: 0: everything in one page.</summary>
        public uint msg_search_param_page_size;
    }

    /// <summary>One conversation of a search result (Tencent's MessageSearchResultItem).</summary>
    public class MessageSearchResultItem
    {
        /// <summary>JSON key <c>msg_search_result_item_conv_id</c>: the group ID, or the other user's ID.</summary>
        public string msg_search_result_item_conv_id;
        /// <summary>JSON key <c>msg_search_result_item_conv_type</c>: the conversation type.</summary>
        public HuddleConvType msg_search_result_item_conv_type;
        /// <summary>JSON key <c>msg_search_result_item_total_message_count</c>: its matching messages.</summary>
        public uint msg_search_result_item_total_message_count;
        /// <summary>JSON key <c>msg_search_result_item_message_array</c>: one conversation searched: the page of messages, newest first; all searched: the message when it is the only match.</summary>
        public List<Message> msg_search_result_item_message_array;
    }

    /// <summary>What MsgSearchLocalMessages finds (Tencent's MessageSearchResult).</summary>
    public class MessageSearchResult
    {
        /// <summary>JSON key <c>msg_search_result_total_count</c>: one conversation searched: its matching messages; all: the conversations with a match.</summary>
        public uint msg_search_result_total_count;
        /// <summary>JSON key <c>msg_search_result_item_array</c>: the page of conversations.</summary>
        public List<MessageSearchResultItem> msg_search_result_item_array;
    }
}
