using System;
using System.Collections.Generic;
using System.Threading.Tasks;
using AOT;

namespace Huddle
{
    // Read receipts, extensions, reactions and pinned group messages (Tencent's).
    // Each call names a message by the Message Huddle gave (the send callback,
    // history, the new-message listener): its conversation and message_msg_id count.
    public sealed partial class HuddleClient
    {
        private static readonly NativeMethods.GroupMessageReadMemberListCallback ReadMembersTrampoline = OnReadMembers;
        private static readonly NativeMethods.RecvNewMsgCallback ReadReceiptTrampoline = OnReadReceipt;
        private static readonly NativeMethods.MsgIdJsonCallback ExtensionsChangedTrampoline = OnExtensionsChanged;
        private static readonly NativeMethods.MsgIdJsonCallback ExtensionsDeletedTrampoline = OnExtensionsDeleted;
        private static readonly NativeMethods.RecvNewMsgCallback ReactionsChangedTrampoline = OnReactionsChanged;
        private static readonly NativeMethods.GroupPinnedMessageChangedCallback PinnedTrampoline = OnPinned;

        private volatile MsgReadedReceiptCallback readReceipt;
        private volatile MsgExtensionsCallback extensionsChanged;
        private volatile MsgExtensionsCallback extensionsDeleted;
        private volatile MsgReactionsChangedCallback reactionsChanged;
        private volatile MsgGroupPinnedMessageChangedCallback pinnedChanged;

        /// <summary>Marks <paramref name="messages"/> read and tells their senders (HuddleMsgSendMessageReadReceipts); each must have been sent with message_need_read_receipt (else 6017). Returns the sync result; the callback runs exactly once if and only if that is Succ.</summary>
        public HuddleResult MsgSendMessageReadReceipts(List<Message> messages, NullValueCallback callback)
        {
            return Call((h, cb, ud) => NativeMethods.HuddleMsgSendMessageReadReceipts(h, Json.Encode(messages), cb, ud), Null(callback));
        }

        /// <summary>The read receipts of messages of one conversation (HuddleMsgGetMessageReadReceipts). Returns the sync result; the callback runs exactly once if and only if that is Succ.</summary>
        public HuddleResult MsgGetMessageReadReceipts(List<Message> messages, ValueCallback<List<MessageReceipt>> callback)
        {
            return Call((h, cb, ud) => NativeMethods.HuddleMsgGetMessageReadReceipts(h, Json.Encode(messages), cb, ud), Value(callback));
        }

        /// <summary>A page of a group message's read or unread members (HuddleMsgGetGroupMessageReadMemberList). Tencent's callback has no code: a failed call completes with code 0 and an empty, finished page. Returns the sync result.</summary>
        public HuddleResult MsgGetGroupMessageReadMemberList(Message message, HuddleGroupMessageReadMembersFilter filter, ulong nextSeq, uint count, ValueCallback<GroupMessageReadMemberPage> callback)
        {
            Completion completion = Value(callback);
            if (completion == null)
                return (HuddleResult)NativeMethods.HuddleMsgGetGroupMessageReadMemberList(handle, Json.Encode(message), (int)filter, nextSeq, count, null, IntPtr.Zero);
            IntPtr key = Pending.Add(completion);
            int result = (int)HuddleResult.ErrSdkUninit;
            try
            {
                result = NativeMethods.HuddleMsgGetGroupMessageReadMemberList(handle, Json.Encode(message), (int)filter, nextSeq, count, ReadMembersTrampoline, key);
            }
            finally
            {
                if (result != 0)
                    Pending.Take(key);
            }
            return (HuddleResult)result;
        }

        /// <summary>Sets the read-receipt listener (null removes it): receipts of the user's messages, and C2C peers' read marks.</summary>
        public void SetMsgReadedReceiptCallback(MsgReadedReceiptCallback callback)
        {
            readReceipt = callback;
            NativeMethods.HuddleSetMsgReadedReceiptCallback(handle, callback == null ? null : ReadReceiptTrampoline, new IntPtr(id));
        }

        /// <summary>Sets extensions of a message sent with message_support_message_extension (HuddleMsgSetMessageExtensions): 1 to 20 a call, 300 a message. Returns the sync result; the callback gets one result per pair.</summary>
        public HuddleResult MsgSetMessageExtensions(Message message, List<MessageExtension> extensions, ValueCallback<List<MessageExtensionResult>> callback)
        {
            return Call((h, cb, ud) => NativeMethods.HuddleMsgSetMessageExtensions(h, Json.Encode(message), Json.Encode(extensions), cb, ud), Value(callback));
        }

        /// <summary>A message's extensions, by key (HuddleMsgGetMessageExtensions). Returns the sync result.</summary>
        public HuddleResult MsgGetMessageExtensions(Message message, ValueCallback<List<MessageExtension>> callback)
        {
            return Call((h, cb, ud) => NativeMethods.HuddleMsgGetMessageExtensions(h, Json.Encode(message), cb, ud), Value(callback));
        }

        /// <summary>Deletes extensions by key, all of them when <paramref name="keys"/> is null or empty (HuddleMsgDeleteMessageExtensions). Returns the sync result; the callback gets one result per key (23004 for one the message does not have).</summary>
        public HuddleResult MsgDeleteMessageExtensions(Message message, List<string> keys, ValueCallback<List<MessageExtensionResult>> callback)
        {
            return Call((h, cb, ud) => NativeMethods.HuddleMsgDeleteMessageExtensions(h, Json.Encode(message), Json.Encode(keys), cb, ud), Value(callback));
        }

        /// <summary>Sets the listener of extensions set (null removes it).</summary>
        public void SetMsgExtensionsChangedCallback(MsgExtensionsCallback callback)
        {
            extensionsChanged = callback;
            NativeMethods.HuddleSetMsgExtensionsChangedCallback(handle, callback == null ? null : ExtensionsChangedTrampoline, new IntPtr(id));
        }

        /// <summary>Sets the listener of extensions deleted (null removes it).</summary>
        public void SetMsgExtensionsDeletedCallback(MsgExtensionsCallback callback)
        {
            extensionsDeleted = callback;
            NativeMethods.HuddleSetMsgExtensionsDeletedCallback(handle, callback == null ? null : ExtensionsDeletedTrampoline, new IntPtr(id));
        }

        /// <summary>Adds the user to a reaction of a message (HuddleMsgAddMessageReaction): 23005, 23006, 23007 past Tencent's limits. Returns the sync result.</summary>
        public HuddleResult MsgAddMessageReaction(Message message, string reactionId, NullValueCallback callback)
        {
            return Call((h, cb, ud) => NativeMethods.HuddleMsgAddMessageReaction(h, Json.Encode(message), Utf8.Encode(reactionId), cb, ud), Null(callback));
        }

        /// <summary>Takes the user out of a reaction (HuddleMsgRemoveMessageReaction): 23008 no such reaction, 23009 not in it. Returns the sync result.</summary>
        public HuddleResult MsgRemoveMessageReaction(Message message, string reactionId, NullValueCallback callback)
        {
            return Call((h, cb, ud) => NativeMethods.HuddleMsgRemoveMessageReaction(h, Json.Encode(message), Utf8.Encode(reactionId), cb, ud), Null(callback));
        }

        /// <summary>The reactions of messages of one conversation, each with its first <paramref name="maxUserCountPerReaction"/> (0..10) users (HuddleMsgGetMessageReactions). Returns the sync result.</summary>
        public HuddleResult MsgGetMessageReactions(List<Message> messages, uint maxUserCountPerReaction, ValueCallback<List<MessageReactionResult>> callback)
        {
            return Call((h, cb, ud) => NativeMethods.HuddleMsgGetMessageReactions(h, Json.Encode(messages), maxUserCountPerReaction, cb, ud), Value(callback));
        }

        /// <summary>A page of a reaction's users (HuddleMsgGetAllUserListOfMessageReaction). Returns the sync result.</summary>
        public HuddleResult MsgGetAllUserListOfMessageReaction(Message message, string reactionId, uint nextSeq, uint count, ValueCallback<MessageReactionUserResult> callback)
        {
            return Call((h, cb, ud) => NativeMethods.HuddleMsgGetAllUserListOfMessageReaction(h, Json.Encode(message), Utf8.Encode(reactionId), nextSeq, count, cb, ud), Value(callback));
        }

        /// <summary>Sets the listener of reaction changes (null removes it).</summary>
        public void SetMsgReactionsChangedCallback(MsgReactionsChangedCallback callback)
        {
            reactionsChanged = callback;
            NativeMethods.HuddleSetMsgReactionsChangedCallback(handle, callback == null ? null : ReactionsChangedTrampoline, new IntPtr(id));
        }

        /// <summary>Pins or unpins a group message (HuddlePinGroupMessage): owner and admins (10007), at most 10 (10070), pinned already 10071. Returns the sync result.</summary>
        public HuddleResult PinGroupMessage(string groupId, Message message, bool isPinned, NullValueCallback callback)
        {
            return Call((h, cb, ud) => NativeMethods.HuddlePinGroupMessage(h, Utf8.Encode(groupId), Json.Encode(message), isPinned, cb, ud), Null(callback));
        }

        /// <summary>A group's pinned messages, latest pin first, with message_pinner_* (HuddleGetPinnedGroupMessageList). Returns the sync result.</summary>
        public HuddleResult GetPinnedGroupMessageList(string groupId, ValueCallback<List<Message>> callback)
        {
            return Call((h, cb, ud) => NativeMethods.HuddleGetPinnedGroupMessageList(h, Utf8.Encode(groupId), cb, ud), Value(callback));
        }

        /// <summary>Sets the listener of pinned and unpinned group messages (null removes it).</summary>
        public void SetMsgGroupPinnedMessageChangedCallback(MsgGroupPinnedMessageChangedCallback callback)
        {
            pinnedChanged = callback;
            NativeMethods.HuddleSetMsgGroupPinnedMessageChangedCallback(handle, callback == null ? null : PinnedTrampoline, new IntPtr(id));
        }

        /// <summary>The Task form of <c>MsgSendMessageReadReceipts</c>: completes where its callback would run (inside Poll in poll mode), or faults with HuddleException.</summary>
        public Task MsgSendMessageReadReceiptsAsync(List<Message> messages) => ToTask(cb => MsgSendMessageReadReceipts(messages, cb));

        /// <summary>The Task form of <c>MsgGetMessageReadReceipts</c>: completes where its callback would run, or faults with HuddleException.</summary>
        public Task<List<MessageReceipt>> MsgGetMessageReadReceiptsAsync(List<Message> messages) =>
            ToTask<List<MessageReceipt>>(cb => MsgGetMessageReadReceipts(messages, cb));

        /// <summary>The Task form of <c>MsgGetGroupMessageReadMemberList</c>: completes with the page (empty and finished when the call failed), or faults with HuddleException when the library refused it.</summary>
        public Task<GroupMessageReadMemberPage> MsgGetGroupMessageReadMemberListAsync(Message message, HuddleGroupMessageReadMembersFilter filter, ulong nextSeq, uint count) =>
            ToTask<GroupMessageReadMemberPage>(cb => MsgGetGroupMessageReadMemberList(message, filter, nextSeq, count, cb));

        /// <summary>The Task form of <c>MsgSetMessageExtensions</c>: completes where its callback would run, or faults with HuddleException.</summary>
        public Task<List<MessageExtensionResult>> MsgSetMessageExtensionsAsync(Message message, List<MessageExtension> extensions) =>
            ToTask<List<MessageExtensionResult>>(cb => MsgSetMessageExtensions(message, extensions, cb));

        /// <summary>The Task form of <c>MsgGetMessageExtensions</c>: completes where its callback would run, or faults with HuddleException.</summary>
        public Task<List<MessageExtension>> MsgGetMessageExtensionsAsync(Message message) =>
            ToTask<List<MessageExtension>>(cb => MsgGetMessageExtensions(message, cb));

        /// <summary>The Task form of <c>MsgDeleteMessageExtensions</c>: completes where its callback would run, or faults with HuddleException.</summary>
        public Task<List<MessageExtensionResult>> MsgDeleteMessageExtensionsAsync(Message message, List<string> keys) =>
            ToTask<List<MessageExtensionResult>>(cb => MsgDeleteMessageExtensions(message, keys, cb));

        /// <summary>The Task form of <c>MsgAddMessageReaction</c>: completes where its callback would run, or faults with HuddleException.</summary>
        public Task MsgAddMessageReactionAsync(Message message, string reactionId) => ToTask(cb => MsgAddMessageReaction(message, reactionId, cb));

        /// <summary>The Task form of <c>MsgRemoveMessageReaction</c>: completes where its callback would run, or faults with HuddleException.</summary>
        public Task MsgRemoveMessageReactionAsync(Message message, string reactionId) => ToTask(cb => MsgRemoveMessageReaction(message, reactionId, cb));

        /// <summary>The Task form of <c>MsgGetMessageReactions</c>: completes where its callback would run, or faults with HuddleException.</summary>
        public Task<List<MessageReactionResult>> MsgGetMessageReactionsAsync(List<Message> messages, uint maxUserCountPerReaction) =>
            ToTask<List<MessageReactionResult>>(cb => MsgGetMessageReactions(messages, maxUserCountPerReaction, cb));

        /// <summary>The Task form of <c>MsgGetAllUserListOfMessageReaction</c>: completes where its callback would run, or faults with HuddleException.</summary>
        public Task<MessageReactionUserResult> MsgGetAllUserListOfMessageReactionAsync(Message message, string reactionId, uint nextSeq, uint count) =>
            ToTask<MessageReactionUserResult>(cb => MsgGetAllUserListOfMessageReaction(message, reactionId, nextSeq, count, cb));

        /// <summary>The Task form of <c>PinGroupMessage</c>: completes where its callback would run, or faults with HuddleException.</summary>
        public Task PinGroupMessageAsync(string groupId, Message message, bool isPinned) => ToTask(cb => PinGroupMessage(groupId, message, isPinned, cb));

        /// <summary>The Task form of <c>GetPinnedGroupMessageList</c>: completes where its callback would run, or faults with HuddleException.</summary>
        public Task<List<Message>> GetPinnedGroupMessageListAsync(string groupId) => ToTask<List<Message>>(cb => GetPinnedGroupMessageList(groupId, cb));

        [MonoPInvokeCallback(typeof(NativeMethods.GroupMessageReadMemberListCallback))]
        private static void OnReadMembers(IntPtr jsonGroupMemberArray, ulong nextSeq, bool isFinished, IntPtr userData)
        {
            try
            {
                Completion completion = Pending.Take(userData);
                if (completion != null)
                {
                    string page = "{\"members\":" + Utf8.Decode(jsonGroupMemberArray) + ",\"next_seq\":" + nextSeq + ",\"is_finished\":" + (isFinished ? "true" : "false") + "}";
                    completion.Complete(0, "", page);
                }
            }
            catch (Exception e)
            {
                Report(e);
            }
        }

        [MonoPInvokeCallback(typeof(NativeMethods.RecvNewMsgCallback))]
        private static void OnReadReceipt(IntPtr json, IntPtr userData)
        {
            Notify(userData, client => client.readReceipt,
                callback => callback(Json.Decode<List<MessageReceipt>>(Utf8.Decode(json)), "SetMsgReadedReceiptCallback"));
        }

        [MonoPInvokeCallback(typeof(NativeMethods.MsgIdJsonCallback))]
        private static void OnExtensionsChanged(IntPtr messageId, IntPtr json, IntPtr userData)
        {
            Notify(userData, client => client.extensionsChanged,
                callback => callback(Utf8.Decode(messageId), Json.Decode<List<MessageExtension>>(Utf8.Decode(json)), "SetMsgExtensionsChangedCallback"));
        }

        [MonoPInvokeCallback(typeof(NativeMethods.MsgIdJsonCallback))]
        private static void OnExtensionsDeleted(IntPtr messageId, IntPtr json, IntPtr userData)
        {
            Notify(userData, client => client.extensionsDeleted,
                callback => callback(Utf8.Decode(messageId), Json.Decode<List<MessageExtension>>(Utf8.Decode(json)), "SetMsgExtensionsDeletedCallback"));
        }

        [MonoPInvokeCallback(typeof(NativeMethods.RecvNewMsgCallback))]
        private static void OnReactionsChanged(IntPtr json, IntPtr userData)
        {
            Notify(userData, client => client.reactionsChanged,
                callback => callback(Json.Decode<List<MessageReactionChangeInfo>>(Utf8.Decode(json)), "SetMsgReactionsChangedCallback"));
        }

        [MonoPInvokeCallback(typeof(NativeMethods.GroupPinnedMessageChangedCallback))]
        private static void OnPinned(IntPtr groupId, IntPtr jsonMsg, bool isPinned, IntPtr opUser, IntPtr userData)
        {
            Notify(userData, client => client.pinnedChanged,
                callback => callback(Utf8.Decode(groupId), Json.Decode<Message>(Utf8.Decode(jsonMsg)), isPinned, Json.Decode<UserProfile>(Utf8.Decode(opUser)), "SetMsgGroupPinnedMessageChangedCallback"));
        }
    }
}
