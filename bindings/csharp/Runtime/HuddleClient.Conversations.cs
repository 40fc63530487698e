using System;
using System.Collections.Generic;
using System.Threading.Tasks;
using AOT;

namespace Huddle
{
    // Receive options and do-not-disturb, and the newer conversation calls:
    // info by ID, batches over "c2c_" / "group_" IDs (delete, custom data,
    // marks), and the unread model (by filter, cleaning, listeners).
    public sealed partial class HuddleClient
    {
        private static readonly NativeMethods.AllRecvOptCallback AllRecvOptTrampoline = OnAllRecvOpt;
        private static readonly NativeMethods.TotalUnreadCallback TotalUnreadTrampoline = OnTotalUnread;
        private static readonly NativeMethods.FilterUnreadCallback FilterUnreadTrampoline = OnFilterUnread;

        private volatile MsgAllMessageReceiveOptionCallback allRecvOpt;
        private volatile ConvTotalUnreadMessageCountChangedCallback totalUnread;
        private volatile ConvUnreadMessageCountChangedByFilterCallback filterUnread;

        /// <summary>Sets the caller's receive option for the C2C messages of each of 1 to 30 users (HuddleMsgSetC2CReceiveMessageOpt): NotReceive hands none of them over, ReceiveNotNotify pushes none. Returns the sync result; the callback runs exactly once if and only if that is Succ (its code is then 0 or a HuddleCode).</summary>
        public HuddleResult MsgSetC2CReceiveMessageOpt(List<string> userIds, HuddleReceiveMessageOpt opt, NullValueCallback callback)
        {
            return Call((h, cb, ud) => NativeMethods.HuddleMsgSetC2CReceiveMessageOpt(h, Json.Encode(userIds), (int)opt, cb, ud), Null(callback));
        }

        /// <summary>The caller's receive option for each user's C2C messages (HuddleMsgGetC2CReceiveMessageOpt). Returns the sync result; the callback runs exactly once if and only if that is Succ.</summary>
        public HuddleResult MsgGetC2CReceiveMessageOpt(List<string> userIds, ValueCallback<List<C2CRecvMsgOptResult>> callback)
        {
            return Call((h, cb, ud) => NativeMethods.HuddleMsgGetC2CReceiveMessageOpt(h, Json.Encode(userIds), cb, ud), Value(callback));
        }

        /// <summary>Sets the caller's receive option for a group it is in (HuddleMsgSetGroupReceiveMessageOpt; not a member: 10007). Returns the sync result; the callback runs exactly once if and only if that is Succ.</summary>
        public HuddleResult MsgSetGroupReceiveMessageOpt(string groupId, HuddleReceiveMessageOpt opt, NullValueCallback callback)
        {
            return Call((h, cb, ud) => NativeMethods.HuddleMsgSetGroupReceiveMessageOpt(h, Utf8.Encode(groupId), (int)opt, cb, ud), Null(callback));
        }

        /// <summary>Sets the caller's global do-not-disturb for a daily window from a local time of day (HuddleMsgSetAllReceiveMessageOpt): <paramref name="opt"/> Receive, ReceiveNotNotify or NotNotifyExceptAt, <paramref name="duration"/> up to 86400 s (a full day: for good). Returns the sync result; the callback runs exactly once if and only if that is Succ.</summary>
        public HuddleResult MsgSetAllReceiveMessageOpt(HuddleReceiveMessageOpt opt, int startHour, int startMinute, int startSecond, uint duration, NullValueCallback callback)
        {
            return Call((h, cb, ud) => NativeMethods.HuddleMsgSetAllReceiveMessageOpt(h, (int)opt, startHour, startMinute, startSecond, duration, cb, ud), Null(callback));
        }

        /// <summary>Sets the caller's global do-not-disturb for one window from a UTC time stamp (HuddleMsgSetAllReceiveMessageOpt2). Returns the sync result; the callback runs exactly once if and only if that is Succ.</summary>
        public HuddleResult MsgSetAllReceiveMessageOpt2(HuddleReceiveMessageOpt opt, uint startTimeStamp, uint duration, NullValueCallback callback)
        {
            return Call((h, cb, ud) => NativeMethods.HuddleMsgSetAllReceiveMessageOpt2(h, (int)opt, startTimeStamp, duration, cb, ud), Null(callback));
        }

        /// <summary>The caller's global do-not-disturb (HuddleMsgGetAllReceiveMessageOpt). Returns the sync result; the callback runs exactly once if and only if that is Succ.</summary>
        public HuddleResult MsgGetAllReceiveMessageOpt(ValueCallback<ReceiveMessageOptInfo> callback)
        {
            return Call((h, cb, ud) => NativeMethods.HuddleMsgGetAllReceiveMessageOpt(h, cb, ud), Value(callback));
        }

        /// <summary>Sets the listener of the user's global do-not-disturb, changed on any of its devices; null removes it.</summary>
        public void SetMsgAllMessageReceiveOptionCallback(MsgAllMessageReceiveOptionCallback callback)
        {
            allRecvOpt = callback;
            NativeMethods.HuddleSetMsgAllMessageReceiveOptionCallback(handle, callback == null ? null : AllRecvOptTrampoline, new IntPtr(id));
        }

        /// <summary>The caller's conversations among <paramref name="convs"/> that it has, in that order (HuddleConvGetConvInfo). Returns the sync result; the callback runs exactly once if and only if that is Succ.</summary>
        public HuddleResult ConvGetConvInfo(List<GetConversationListParam> convs, ValueCallback<List<ConvInfo>> callback)
        {
            return Call((h, cb, ud) => NativeMethods.HuddleConvGetConvInfo(h, Json.Encode(convs), cb, ud), Value(callback));
        }

        /// <summary>Deletes 1 to 100 conversations from the caller's list, as ConvDelete does (HuddleConvDeleteConversationList); one result per ID. Returns the sync result; the callback runs exactly once if and only if that is Succ.</summary>
        public HuddleResult ConvDeleteConversationList(List<string> conversationIds, bool clearMessage, ValueCallback<List<ConversationOperationResult>> callback)
        {
            return Call((h, cb, ud) => NativeMethods.HuddleConvDeleteConversationList(h, Json.Encode(conversationIds), clearMessage, cb, ud), Value(callback));
        }

        /// <summary>Sets the app's data (at most 256 bytes) on conversations (HuddleConvSetConversationCustomData); one result per ID. Returns the sync result; the callback runs exactly once if and only if that is Succ.</summary>
        public HuddleResult ConvSetConversationCustomData(List<string> conversationIds, string customData, ValueCallback<List<ConversationOperationResult>> callback)
        {
            return Call((h, cb, ud) => NativeMethods.HuddleConvSetConversationCustomData(h, Json.Encode(conversationIds), Utf8.Encode(customData), cb, ud), Value(callback));
        }

        /// <summary>Sets or clears marks on conversations (HuddleConvMarkConversation; <paramref name="markType"/> HuddleConversationMarkType bits or the app's 1 &lt;&lt; 32..63); one result per ID. Returns the sync result; the callback runs exactly once if and only if that is Succ.</summary>
        public HuddleResult ConvMarkConversation(List<string> conversationIds, ulong markType, bool enableMark, ValueCallback<List<ConversationOperationResult>> callback)
        {
            return Call((h, cb, ud) => NativeMethods.HuddleConvMarkConversation(h, Json.Encode(conversationIds), markType, enableMark, cb, ud), Value(callback));
        }

        /// <summary>The unread messages of the conversations <paramref name="filter"/> lists, but the do-not-disturb ones (HuddleConvGetUnreadMessageCountByFilter). Returns the sync result; the callback runs exactly once if and only if that is Succ.</summary>
        public HuddleResult ConvGetUnreadMessageCountByFilter(ConversationListFilter filter, ValueCallback<TotalUnreadResult> callback)
        {
            return Call((h, cb, ud) => NativeMethods.HuddleConvGetUnreadMessageCountByFilter(h, Json.Encode(filter), cb, ud), Value(callback));
        }

        /// <summary>Watches the unread count of <paramref name="filter"/>: SetConvUnreadMessageCountChangedByFilterCallback's listener hears its changes (HuddleConvSubscribeUnreadMessageCountByFilter; no callback, as Tencent's). Returns the sync result.</summary>
        public HuddleResult ConvSubscribeUnreadMessageCountByFilter(ConversationListFilter filter)
        {
            return (HuddleResult)NativeMethods.HuddleConvSubscribeUnreadMessageCountByFilter(handle, Json.Encode(filter));
        }

        /// <summary>Stops watching <paramref name="filter"/> (HuddleConvUnsubscribeUnreadMessageCountByFilter). Returns the sync result.</summary>
        public HuddleResult ConvUnsubscribeUnreadMessageCountByFilter(ConversationListFilter filter)
        {
            return (HuddleResult)NativeMethods.HuddleConvUnsubscribeUnreadMessageCountByFilter(handle, Json.Encode(filter));
        }

        /// <summary>Marks read one conversation ("c2c_" / "group_" ID), every C2C one ("c2c"), every group one ("group") or all (""), up to a time (C2C) or a sequence (group), 0 for all (HuddleConvCleanConversationUnreadMessageCount). Returns the sync result; the callback runs exactly once if and only if that is Succ.</summary>
        public HuddleResult ConvCleanConversationUnreadMessageCount(string conversationId, ulong cleanTimestamp, ulong cleanSequence, NullValueCallback callback)
        {
            return Call((h, cb, ud) => NativeMethods.HuddleConvCleanConversationUnreadMessageCount(h, Utf8.Encode(conversationId ?? ""), cleanTimestamp, cleanSequence, cb, ud), Null(callback));
        }

        /// <summary>Sets the listener of the total of unread messages, told after each change; null removes it.</summary>
        public void SetConvTotalUnreadMessageCountChangedCallback(ConvTotalUnreadMessageCountChangedCallback callback)
        {
            totalUnread = callback;
            NativeMethods.HuddleSetConvTotalUnreadMessageCountChangedCallback(handle, callback == null ? null : TotalUnreadTrampoline, new IntPtr(id));
        }

        /// <summary>Sets the listener of the subscribed filters' unread counts; null removes it.</summary>
        public void SetConvUnreadMessageCountChangedByFilterCallback(ConvUnreadMessageCountChangedByFilterCallback callback)
        {
            filterUnread = callback;
            NativeMethods.HuddleSetConvUnreadMessageCountChangedByFilterCallback(handle, callback == null ? null : FilterUnreadTrampoline, new IntPtr(id));
        }

        /// <summary>The Task form of <c>MsgSetC2CReceiveMessageOpt</c>: completes where its callback would run (inside Poll in poll mode), or faults with HuddleException.</summary>
        public Task MsgSetC2CReceiveMessageOptAsync(List<string> userIds, HuddleReceiveMessageOpt opt) => ToTask(cb => MsgSetC2CReceiveMessageOpt(userIds, opt, cb));

        /// <summary>The Task form of <c>MsgGetC2CReceiveMessageOpt</c>: completes where its callback would run (inside Poll in poll mode), or faults with HuddleException.</summary>
        public Task<List<C2CRecvMsgOptResult>> MsgGetC2CReceiveMessageOptAsync(List<string> userIds) => ToTask<List<C2CRecvMsgOptResult>>(cb => MsgGetC2CReceiveMessageOpt(userIds, cb));

        /// <summary>The Task form of <c>MsgSetGroupReceiveMessageOpt</c>: completes where its callback would run (inside Poll in poll mode), or faults with HuddleException.</summary>
        public Task MsgSetGroupReceiveMessageOptAsync(string groupId, HuddleReceiveMessageOpt opt) => ToTask(cb => MsgSetGroupReceiveMessageOpt(groupId, opt, cb));

        /// <summary>The Task form of <c>MsgSetAllReceiveMessageOpt</c>: completes where its callback would run (inside Poll in poll mode), or faults with HuddleException.</summary>
        public Task MsgSetAllReceiveMessageOptAsync(HuddleReceiveMessageOpt opt, int startHour, int startMinute, int startSecond, uint duration) =>
            ToTask(cb => MsgSetAllReceiveMessageOpt(opt, startHour, startMinute, startSecond, duration, cb));

        /// <summary>The Task form of <c>MsgSetAllReceiveMessageOpt2</c>: completes where its callback would run (inside Poll in poll mode), or faults with HuddleException.</summary>
        public Task MsgSetAllReceiveMessageOpt2Async(HuddleReceiveMessageOpt opt, uint startTimeStamp, uint duration) => ToTask(cb => MsgSetAllReceiveMessageOpt2(opt, startTimeStamp, duration, cb));

        /// <summary>The Task form of <c>MsgGetAllReceiveMessageOpt</c>: completes where its callback would run (inside Poll in poll mode), or faults with HuddleException.</summary>
        public Task<ReceiveMessageOptInfo> MsgGetAllReceiveMessageOptAsync() => ToTask<ReceiveMessageOptInfo>(cb => MsgGetAllReceiveMessageOpt(cb));

        /// <summary>The Task form of <c>ConvGetConvInfo</c>: completes where its callback would run (inside Poll in poll mode), or faults with HuddleException.</summary>
        public Task<List<ConvInfo>> ConvGetConvInfoAsync(List<GetConversationListParam> convs) => ToTask<List<ConvInfo>>(cb => ConvGetConvInfo(convs, cb));

        /// <summary>The Task form of <c>ConvDeleteConversationList</c>: completes where its callback would run (inside Poll in poll mode), or faults with HuddleException.</summary>
        public Task<List<ConversationOperationResult>> ConvDeleteConversationListAsync(List<string> conversationIds, bool clearMessage) =>
            ToTask<List<ConversationOperationResult>>(cb => ConvDeleteConversationList(conversationIds, clearMessage, cb));

        /// <summary>The Task form of <c>ConvSetConversationCustomData</c>: completes where its callback would run (inside Poll in poll mode), or faults with HuddleException.</summary>
        public Task<List<ConversationOperationResult>> ConvSetConversationCustomDataAsync(List<string> conversationIds, string customData) =>
            ToTask<List<ConversationOperationResult>>(cb => ConvSetConversationCustomData(conversationIds, customData, cb));

        /// <summary>The Task form of <c>ConvMarkConversation</c>: completes where its callback would run (inside Poll in poll mode), or faults with HuddleException.</summary>
        public Task<List<ConversationOperationResult>> ConvMarkConversationAsync(List<string> conversationIds, ulong markType, bool enableMark) =>
            ToTask<List<ConversationOperationResult>>(cb => ConvMarkConversation(conversationIds, markType, enableMark, cb));

        /// <summary>The Task form of <c>ConvGetUnreadMessageCountByFilter</c>: completes where its callback would run (inside Poll in poll mode), or faults with HuddleException.</summary>
        public Task<TotalUnreadResult> ConvGetUnreadMessageCountByFilterAsync(ConversationListFilter filter) => ToTask<TotalUnreadResult>(cb => ConvGetUnreadMessageCountByFilter(filter, cb));

        /// <summary>The Task form of <c>ConvCleanConversationUnreadMessageCount</c>: completes where its callback would run (inside Poll in poll mode), or faults with HuddleException.</summary>
        public Task ConvCleanConversationUnreadMessageCountAsync(string conversationId, ulong cleanTimestamp, ulong cleanSequence) =>
            ToTask(cb => ConvCleanConversationUnreadMessageCount(conversationId, cleanTimestamp, cleanSequence, cb));

        [MonoPInvokeCallback(typeof(NativeMethods.AllRecvOptCallback))]
        private static void OnAllRecvOpt(IntPtr json, IntPtr userData)
        {
            Notify(userData, client => client.allRecvOpt,
                callback => callback(Json.Decode<ReceiveMessageOptInfo>(Utf8.Decode(json)), "SetMsgAllMessageReceiveOptionCallback"));
        }

        [MonoPInvokeCallback(typeof(NativeMethods.TotalUnreadCallback))]
        private static void OnTotalUnread(int total, IntPtr userData)
        {
            Notify(userData, client => client.totalUnread, callback => callback(total, "SetConvTotalUnreadMessageCountChangedCallback"));
        }

        [MonoPInvokeCallback(typeof(NativeMethods.FilterUnreadCallback))]
        private static void OnFilterUnread(IntPtr filter, int total, IntPtr userData)
        {
            Notify(userData, client => client.filterUnread,
                callback => callback(Json.Decode<ConversationListFilter>(Utf8.Decode(filter)), total, "SetConvUnreadMessageCountChangedByFilterCallback"));
        }
    }
}
