using System;
using System.Collections.Generic;
using System.Threading.Tasks;
using AOT;

namespace Huddle
{
    /// <summary>Receives edited messages (SetMsgUpdateCallback), as they are now.</summary>
    public delegate void MsgUpdateCallback(List<Message> message, string user_data);

    // Deleting, editing, finding, inserting and searching messages (huddle.h
    // says what each does and every code it gives). Each call returns the
    // sync result; its callback runs exactly once if and only if that is Succ.
    public sealed partial class HuddleClient
    {
        private static readonly NativeMethods.MsgUpdateCallback MsgUpdateTrampoline = OnMsgUpdate;

        private volatile MsgUpdateCallback msgUpdate;

        /// <summary>Deletes one message for this user only (HuddleMsgDelete); everyone else keeps it. Unknown: 10030.</summary>
        public HuddleResult MsgDelete(string convId, HuddleConvType convType, MsgDeleteParam param, NullValueCallback callback)
        {
            return Call((h, cb, ud) => NativeMethods.HuddleMsgDelete(h, Utf8.Encode(convId), (int)convType, Json.Encode(param), cb, ud), Null(callback));
        }

        /// <summary>Deletes up to 50 messages of one conversation for this user only, all or none (HuddleMsgListDelete).</summary>
        public HuddleResult MsgListDelete(string convId, HuddleConvType convType, List<Message> messages, NullValueCallback callback)
        {
            return Call((h, cb, ud) => NativeMethods.HuddleMsgListDelete(h, Utf8.Encode(convId), (int)convType, Json.Encode(messages), cb, ud), Null(callback));
        }

        /// <summary>Empties this user's history of a conversation; the others keep theirs (HuddleMsgClearHistoryMessage).</summary>
        public HuddleResult MsgClearHistoryMessage(string convId, HuddleConvType convType, NullValueCallback callback)
        {
            return Call((h, cb, ud) => NativeMethods.HuddleMsgClearHistoryMessage(h, Utf8.Encode(convId), (int)convType, cb, ud), Null(callback));
        }

        /// <summary>Edits a message for everyone who has it (HuddleMsgModifyMessage): the message as given, with new elems or cloud data. The callback gets the edited message; MsgModifyConflict (8006) with the message as it is now when someone edited it first.</summary>
        public HuddleResult MsgModifyMessage(Message message, ValueCallback<Message> callback)
        {
            return Call((h, cb, ud) => NativeMethods.HuddleMsgModifyMessage(h, Json.Encode(message), cb, ud), Value(callback));
        }

        /// <summary>Sets the edited-message listener; null removes it.</summary>
        public void SetMsgUpdateCallback(MsgUpdateCallback callback)
        {
            msgUpdate = callback;
            NativeMethods.HuddleSetMsgUpdateCallback(handle, callback == null ? null : MsgUpdateTrampoline, new IntPtr(id));
        }

        /// <summary>This user's messages with these message_msg_ids, in the order asked (HuddleMsgFindMessages); deleted ones with status Deleted.</summary>
        public HuddleResult MsgFindMessages(List<string> messageIds, ValueCallback<List<Message>> callback)
        {
            return Call((h, cb, ud) => NativeMethods.HuddleMsgFindMessages(h, Json.Encode(messageIds), cb, ud), Value(callback));
        }

        /// <summary>Messages of one conversation by locator (HuddleMsgFindByMsgLocatorList): message_locator_seq, checked against message_locator_rand and _time when given.</summary>
        public HuddleResult MsgFindByMsgLocatorList(string convId, HuddleConvType convType, List<MsgLocator> locators, ValueCallback<List<Message>> callback)
        {
            return Call((h, cb, ud) => NativeMethods.HuddleMsgFindByMsgLocatorList(h, Utf8.Encode(convId), (int)convType, Json.Encode(locators), cb, ud), Value(callback));
        }

        /// <summary>Keeps message_custom_str and message_custom_int on a message for this user only (HuddleMsgSetLocalCustomData).</summary>
        public HuddleResult MsgSetLocalCustomData(Message message, NullValueCallback callback)
        {
            return Call((h, cb, ud) => NativeMethods.HuddleMsgSetLocalCustomData(h, Json.Encode(message), cb, ud), Null(callback));
        }

        /// <summary>Inserts a message into this user's conversation without sending it (HuddleMsgSaveMsg): status LocalImported, only this user has it. The callback gets it.</summary>
        public HuddleResult MsgSaveMsg(string convId, HuddleConvType convType, Message message, ValueCallback<Message> callback)
        {
            return Call((h, cb, ud) => NativeMethods.HuddleMsgSaveMsg(h, Utf8.Encode(convId), (int)convType, Json.Encode(message), cb, ud), Value(callback));
        }

        /// <summary>Inserts many messages as MsgSaveMsg does, all or none (HuddleMsgImportMsgList). The callback gets them.</summary>
        public HuddleResult MsgImportMsgList(string convId, HuddleConvType convType, List<Message> messages, ValueCallback<List<Message>> callback)
        {
            return Call((h, cb, ud) => NativeMethods.HuddleMsgImportMsgList(h, Utf8.Encode(convId), (int)convType, Json.Encode(messages), cb, ud), Value(callback));
        }

        /// <summary>Full-text search of this user's messages by keyword, sender, type, time and conversation, in pages (HuddleMsgSearchLocalMessages).</summary>
        public HuddleResult MsgSearchLocalMessages(MessageSearchParam param, ValueCallback<MessageSearchResult> callback)
        {
            return Call((h, cb, ud) => NativeMethods.HuddleMsgSearchLocalMessages(h, Json.Encode(param), cb, ud), Value(callback));
        }

        /// <summary>Marks every conversation of this user read (HuddleMsgMarkAllMessageAsRead).</summary>
        public HuddleResult MsgMarkAllMessageAsRead(NullValueCallback callback)
        {
            return Call((h, cb, ud) => NativeMethods.HuddleMsgMarkAllMessageAsRead(h, cb, ud), Null(callback));
        }

        /// <summary>The Task form of <c>MsgDelete</c>: completes where its callback would run, or faults with HuddleException.</summary>
        public Task MsgDeleteAsync(string convId, HuddleConvType convType, MsgDeleteParam param) => ToTask(cb => MsgDelete(convId, convType, param, cb));

        /// <summary>The Task form of <c>MsgListDelete</c>: completes where its callback would run, or faults with HuddleException.</summary>
        public Task MsgListDeleteAsync(string convId, HuddleConvType convType, List<Message> messages) => ToTask(cb => MsgListDelete(convId, convType, messages, cb));

        /// <summary>The Task form of <c>MsgClearHistoryMessage</c>: completes where its callback would run, or faults with HuddleException.</summary>
        public Task MsgClearHistoryMessageAsync(string convId, HuddleConvType convType) => ToTask(cb => MsgClearHistoryMessage(convId, convType, cb));

        /// <summary>The Task form of <c>MsgModifyMessage</c>: completes with the edited message, or faults with HuddleException (MsgModifyConflict when someone edited it first).</summary>
        public Task<Message> MsgModifyMessageAsync(Message message) => ToTask<Message>(cb => MsgModifyMessage(message, cb));

        /// <summary>The Task form of <c>MsgFindMessages</c>: completes with the messages found, or faults with HuddleException.</summary>
        public Task<List<Message>> MsgFindMessagesAsync(List<string> messageIds) => ToTask<List<Message>>(cb => MsgFindMessages(messageIds, cb));

        /// <summary>The Task form of <c>MsgFindByMsgLocatorList</c>: completes with the messages found, or faults with HuddleException.</summary>
        public Task<List<Message>> MsgFindByMsgLocatorListAsync(string convId, HuddleConvType convType, List<MsgLocator> locators) =>
            ToTask<List<Message>>(cb => MsgFindByMsgLocatorList(convId, convType, locators, cb));

        /// <summary>The Task form of <c>MsgSetLocalCustomData</c>: completes where its callback would run, or faults with HuddleException.</summary>
        public Task MsgSetLocalCustomDataAsync(Message message) => ToTask(cb => MsgSetLocalCustomData(message, cb));

        /// <summary>The Task form of <c>MsgSaveMsg</c>: completes with the inserted message, or faults with HuddleException.</summary>
        public Task<Message> MsgSaveMsgAsync(string convId, HuddleConvType convType, Message message) => ToTask<Message>(cb => MsgSaveMsg(convId, convType, message, cb));

        /// <summary>The Task form of <c>MsgImportMsgList</c>: completes with the inserted messages, or faults with HuddleException.</summary>
        public Task<List<Message>> MsgImportMsgListAsync(string convId, HuddleConvType convType, List<Message> messages) =>
            ToTask<List<Message>>(cb => MsgImportMsgList(convId, convType, messages, cb));

        /// <summary>The Task form of <c>MsgSearchLocalMessages</c>: completes with what was found, or faults with HuddleException.</summary>
        public Task<MessageSearchResult> MsgSearchLocalMessagesAsync(MessageSearchParam param) => ToTask<MessageSearchResult>(cb => MsgSearchLocalMessages(param, cb));

        /// <summary>The Task form of <c>MsgMarkAllMessageAsRead</c>: completes where its callback would run, or faults with HuddleException.</summary>
        public Task MsgMarkAllMessageAsReadAsync() => ToTask(cb => MsgMarkAllMessageAsRead(cb));

        [MonoPInvokeCallback(typeof(NativeMethods.MsgUpdateCallback))]
        private static void OnMsgUpdate(IntPtr jsonMsgArray, IntPtr userData)
        {
            Notify(userData, client => client.msgUpdate,
                callback => callback(Json.Decode<List<Message>>(Utf8.Decode(jsonMsgArray)), "SetMsgUpdateCallback"));
        }
    }
}
