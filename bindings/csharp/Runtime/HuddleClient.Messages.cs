using System.Collections.Generic;

namespace Huddle
{
    // Messages, conversations and conversation groups. A conversation is named
    // by its ID and type: the group ID with Group, the other user's ID with C2C.
    // Arrays of conversation IDs (conversation groups) use "c2c_" + user ID and
    // "group_" + group ID instead.
    public sealed partial class HuddleClient
    {
        /// <summary>HUDDLE_MESSAGE_ID_BUFFER_LEN: the library writes the ID, NUL-terminated, into this many bytes.</summary>
        private const int MessageIdBufferBytes = 128;

        /// <summary>
        /// Sends <paramref name="message"/> (text and custom elems). On Succ,
        /// <paramref name="messageId"/> is already its message_msg_id, before the
        /// callback gets the sent message; otherwise it is null.
        /// </summary>
        public HuddleResult MsgSendMessage(string convId, HuddleConvType convType, Message message, out string messageId, ValueCallback<Message> callback)
        {
            var buffer = new byte[MessageIdBufferBytes];
            HuddleResult result = Call((h, cb, ud) =>
                NativeMethods.HuddleMsgSendMessage(h, Utf8.Encode(convId), (int)convType, Json.Encode(message), buffer, cb, ud), Value(callback));
            messageId = result == HuddleResult.Succ ? Utf8.DecodeBuffer(buffer) : null;
            return result;
        }

        /// <summary>History, newest first; <paramref name="param"/> may be null (the newest 20).</summary>
        public HuddleResult MsgGetMsgList(string convId, HuddleConvType convType, MsgGetMsgListParam param, ValueCallback<List<Message>> callback)
        {
            return Call((h, cb, ud) => NativeMethods.HuddleMsgGetMsgList(h, Utf8.Encode(convId), (int)convType, Json.Encode(param), cb, ud), Value(callback));
        }

        /// <summary>Recalls <paramref name="message"/> (its message_msg_id, or message_seq); everyone who has it gets the revoke callback.</summary>
        public HuddleResult MsgRevoke(string convId, HuddleConvType convType, Message message, NullValueCallback callback)
        {
            return Call((h, cb, ud) => NativeMethods.HuddleMsgRevoke(h, Utf8.Encode(convId), (int)convType, Json.Encode(message), cb, ud), Null(callback));
        }

        /// <summary>Marks the conversation read up to <paramref name="message"/>, or entirely when it is null.</summary>
        public HuddleResult MsgReportReaded(string convId, HuddleConvType convType, Message message, NullValueCallback callback)
        {
            return Call((h, cb, ud) => NativeMethods.HuddleMsgReportReaded(h, Utf8.Encode(convId), (int)convType, Json.Encode(message), cb, ud), Null(callback));
        }

        /// <summary>Conversations with a message the user can see: pinned first, then the most recently active.</summary>
        public HuddleResult ConvGetConvList(ValueCallback<List<ConvInfo>> callback)
        {
            return Call((h, cb, ud) => NativeMethods.HuddleConvGetConvList(h, cb, ud), Value(callback));
        }

        /// <summary>The conversations matching <paramref name="filter"/> (HuddleConvGetConversationListByFilter). Returns the sync result; the callback runs exactly once if and only if that is Succ (its code is then 0 or a HuddleCode).</summary>
        public HuddleResult ConvGetConversationListByFilter(ConversationListFilter filter, ValueCallback<ConversationListResult> callback)
        {
            return Call((h, cb, ud) => NativeMethods.HuddleConvGetConversationListByFilter(h, Json.Encode(filter), cb, ud), Value(callback));
        }

        /// <summary>Removes a conversation from the list until a newer message brings it back. Unknown: 6004.</summary>
        public HuddleResult ConvDelete(string convId, HuddleConvType convType, NullValueCallback callback)
        {
            return Call((h, cb, ud) => NativeMethods.HuddleConvDelete(h, Utf8.Encode(convId), (int)convType, cb, ud), Null(callback));
        }

        /// <summary>Pins or unpins a conversation; pinned ones list first (HuddleConvPinConversation). Returns the sync result; the callback runs exactly once if and only if that is Succ (its code is then 0 or a HuddleCode).</summary>
        public HuddleResult ConvPinConversation(string convId, HuddleConvType convType, bool isPinned, NullValueCallback callback)
        {
            return Call((h, cb, ud) => NativeMethods.HuddleConvPinConversation(h, Utf8.Encode(convId), (int)convType, isPinned, cb, ud), Null(callback));
        }

        /// <summary>Sets the caller's draft in a conversation (HuddleConvSetDraft; no callback, as Tencent's TIMConvSetDraft). It shows in ConvInfo.conv_draft, and the conversation listener gets an update. Returns the sync result (Succ: the draft is set in order with the client's other calls; a conversation the caller does not have keeps none).</summary>
        public HuddleResult ConvSetDraft(string convId, HuddleConvType convType, Draft draft)
        {
            return (HuddleResult)NativeMethods.HuddleConvSetDraft(handle, Utf8.Encode(convId), (int)convType, Json.Encode(draft));
        }

        /// <summary>Removes the caller's draft from a conversation (HuddleConvCancelDraft; no callback, as Tencent's TIMConvCancelDraft). Returns the sync result.</summary>
        public HuddleResult ConvCancelDraft(string convId, HuddleConvType convType)
        {
            return (HuddleResult)NativeMethods.HuddleConvCancelDraft(handle, Utf8.Encode(convId), (int)convType);
        }

        /// <summary>The unread messages of all conversations (HuddleConvGetTotalUnreadMessageCount). Returns the sync result; the callback runs exactly once if and only if that is Succ (its code is then 0 or a HuddleCode).</summary>
        public HuddleResult ConvGetTotalUnreadMessageCount(ValueCallback<TotalUnreadResult> callback)
        {
            return Call((h, cb, ud) => NativeMethods.HuddleConvGetTotalUnreadMessageCount(h, cb, ud), Value(callback));
        }

        /// <summary>
        /// Creates a conversation group (name 1..32 UTF-8 bytes: 51011; at most 20 per user: 51010)
        /// with the conversations of <paramref name="conversationIds"/>; the result has one entry per ID.
        /// </summary>
        public HuddleResult ConvCreateConversationGroup(string groupName, List<string> conversationIds, ValueCallback<List<ConversationOperationResult>> callback)
        {
            return Call((h, cb, ud) =>
                NativeMethods.HuddleConvCreateConversationGroup(h, Utf8.Encode(groupName), Json.Encode(conversationIds), cb, ud), Value(callback));
        }

        /// <summary>The user's conversation-group names, in creation order.</summary>
        public HuddleResult ConvGetConversationGroupList(ValueCallback<List<string>> callback)
        {
            return Call((h, cb, ud) => NativeMethods.HuddleConvGetConversationGroupList(h, cb, ud), Value(callback));
        }

        /// <summary>Deletes a conversation group; its conversations stay. Unknown: 51009.</summary>
        public HuddleResult ConvDeleteConversationGroup(string groupName, NullValueCallback callback)
        {
            return Call((h, cb, ud) => NativeMethods.HuddleConvDeleteConversationGroup(h, Utf8.Encode(groupName), cb, ud), Null(callback));
        }

        /// <summary>Unknown <paramref name="oldName"/>: 51009; <paramref name="newName"/> not 1..32 bytes: 51011, taken: 6017.</summary>
        public HuddleResult ConvRenameConversationGroup(string oldName, string newName, NullValueCallback callback)
        {
            return Call((h, cb, ud) =>
                NativeMethods.HuddleConvRenameConversationGroup(h, Utf8.Encode(oldName), Utf8.Encode(newName), cb, ud), Null(callback));
        }

        /// <summary>Adds conversations to a conversation group; one result per conversation (HuddleConvAddConversationsToGroup). Returns the sync result; the callback runs exactly once if and only if that is Succ (its code is then 0 or a HuddleCode).</summary>
        public HuddleResult ConvAddConversationsToGroup(string groupName, List<string> conversationIds, ValueCallback<List<ConversationOperationResult>> callback)
        {
            return Call((h, cb, ud) =>
                NativeMethods.HuddleConvAddConversationsToGroup(h, Utf8.Encode(groupName), Json.Encode(conversationIds), cb, ud), Value(callback));
        }

        /// <summary>Removes conversations from a conversation group; one result per conversation (HuddleConvDeleteConversationsFromGroup). Returns the sync result; the callback runs exactly once if and only if that is Succ (its code is then 0 or a HuddleCode).</summary>
        public HuddleResult ConvDeleteConversationsFromGroup(string groupName, List<string> conversationIds, ValueCallback<List<ConversationOperationResult>> callback)
        {
            return Call((h, cb, ud) =>
                NativeMethods.HuddleConvDeleteConversationsFromGroup(h, Utf8.Encode(groupName), Json.Encode(conversationIds), cb, ud), Value(callback));
        }
    }
}
