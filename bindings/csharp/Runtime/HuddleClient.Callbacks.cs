using System;
using System.Collections.Generic;
using AOT;

namespace Huddle
{
    // Native code calls only these static trampolines (IL2CPP cannot call back
    // into instance delegates). The delegate objects live in static fields for
    // the whole process, so their native thunks stay valid.
    public sealed partial class HuddleClient
    {
        private static readonly NativeMethods.CommCallback CommTrampoline = OnComm;
        private static readonly NativeMethods.GroupTipsEventCallback GroupTipsTrampoline = OnGroupTips;
        private static readonly NativeMethods.NetworkStatusCallback NetworkStatusTrampoline = OnNetworkStatus;
        private static readonly NativeMethods.KickedOfflineCallback KickedOfflineTrampoline = OnKickedOffline;
        private static readonly NativeMethods.UserSigExpiredCallback UserSigExpiredTrampoline = OnUserSigExpired;
        private static readonly NativeMethods.WakeCallback WakeTrampoline = OnWake;
        private static readonly NativeMethods.RecvNewMsgCallback RecvNewMsgTrampoline = OnRecvNewMsg;
        private static readonly NativeMethods.MsgRevokeCallback MsgRevokeTrampoline = OnMsgRevoke;
        private static readonly NativeMethods.ConvEventCallback ConvEventTrampoline = OnConvEvent;
        private static readonly NativeMethods.ConvGroupEventCallback ConvGroupEventTrampoline = OnConvGroupEvent;
        private static readonly NativeMethods.ConvGroupNameAndConvsCallback ConvGroupCreatedTrampoline = OnConvGroupCreated;
        private static readonly NativeMethods.ConvGroupNameCallback ConvGroupDeletedTrampoline = OnConvGroupDeleted;
        private static readonly NativeMethods.ConvGroupRenamedCallback ConvGroupRenamedTrampoline = OnConvGroupRenamed;
        private static readonly NativeMethods.ConvGroupNameAndConvsCallback ConvsAddedToGroupTrampoline = OnConvsAddedToGroup;
        private static readonly NativeMethods.ConvGroupConvsRemovedCallback ConvsDeletedFromGroupTrampoline = OnConvsDeletedFromGroup;

        private volatile GroupTipsEventCallback groupTips;
        private volatile NetworkStatusListenerCallback networkStatus;
        private volatile KickedOfflineCallback kickedOffline;
        private volatile UserSigExpiredCallback userSigExpired;
        private volatile WakeCallback wake;
        private volatile MsgRevokeCallback msgRevoke;
        private volatile ConvEventCallback convEvent;
        private volatile ConvGroupEventCallback convGroupEvent;
        private volatile ConvConversationGroupCreatedCallback convGroupCreated;
        private volatile ConvConversationGroupDeletedCallback convGroupDeleted;
        private volatile ConvConversationGroupNameChangedCallback convGroupRenamed;
        private volatile ConvConversationsAddedToGroupCallback convsAddedToGroup;
        private volatile ConvConversationsDeletedFromGroupCallback convsDeletedFromGroup;

        // The C library tells listeners apart by function pointer, and IL2CPP
        // allows one static trampoline, so the listeners live here and the
        // trampoline is registered while there is at least one.
        private readonly List<RecvNewMsgCallback> recvNewMsg = new List<RecvNewMsgCallback>();

        /// <summary>
        /// Receives every exception a callback of yours throws: it cannot unwind into
        /// native code, so it is caught there. Without a handler it is logged
        /// (UnityEngine.Debug.LogException in Unity, stderr elsewhere).
        /// </summary>
        public static event Action<Exception> CallbackException;

        /// <summary>Sets the group tips listener; null removes it.</summary>
        public void SetGroupTipsEventCallback(GroupTipsEventCallback callback)
        {
            groupTips = callback;
            NativeMethods.HuddleSetGroupTipsEventCallback(handle, callback == null ? null : GroupTipsTrampoline, new IntPtr(id));
        }

        /// <summary>Sets the network status listener; null removes it. The embedded engine reports Connected once.</summary>
        public void SetNetworkStatusListenerCallback(NetworkStatusListenerCallback callback)
        {
            networkStatus = callback;
            NativeMethods.HuddleSetNetworkStatusListenerCallback(handle, callback == null ? null : NetworkStatusTrampoline, new IntPtr(id));
        }

        /// <summary>Sets the kicked-offline listener; null removes it.</summary>
        public void SetKickedOfflineCallback(KickedOfflineCallback callback)
        {
            kickedOffline = callback;
            NativeMethods.HuddleSetKickedOfflineCallback(handle, callback == null ? null : KickedOfflineTrampoline, new IntPtr(id));
        }

        /// <summary>
        /// Sets the user_sig-expired listener (null removes it): the session's
        /// user_sig expired and the session ended; log in again with a new one.
        /// </summary>
        public void SetUserSigExpiredCallback(UserSigExpiredCallback callback)
        {
            userSigExpired = callback;
            NativeMethods.HuddleSetUserSigExpiredCallback(handle, callback == null ? null : UserSigExpiredTrampoline, new IntPtr(id));
        }

        /// <summary>
        /// Poll mode: <paramref name="callback"/> runs, on whatever thread queued
        /// work, each time a callback becomes pending while none was; null removes it.
        /// </summary>
        public void SetWakeCallback(WakeCallback callback)
        {
            wake = callback;
            NativeMethods.HuddleSetWakeCallback(handle, callback == null ? null : WakeTrampoline, new IntPtr(id));
        }

        /// <summary>Adds a new-message listener; adding one already added does nothing (as in C), null is ignored.</summary>
        public void AddRecvNewMsgCallback(RecvNewMsgCallback callback)
        {
            lock (recvNewMsg)
            {
                if (callback == null || recvNewMsg.Contains(callback))
                    return;
                recvNewMsg.Add(callback);
                if (recvNewMsg.Count == 1)
                    NativeMethods.HuddleAddRecvNewMsgCallback(handle, RecvNewMsgTrampoline, new IntPtr(id));
            }
        }

        /// <summary>Removes one new-message listener, the others stay; null removes all.</summary>
        public void RemoveRecvNewMsgCallback(RecvNewMsgCallback callback)
        {
            lock (recvNewMsg)
            {
                if (callback == null)
                    recvNewMsg.Clear();
                else
                    recvNewMsg.Remove(callback);
                if (recvNewMsg.Count == 0)
                    NativeMethods.HuddleRemoveRecvNewMsgCallback(handle, RecvNewMsgTrampoline);
            }
        }

        /// <summary>Sets the recalled-message listener; null removes it.</summary>
        public void SetMsgRevokeCallback(MsgRevokeCallback callback)
        {
            msgRevoke = callback;
            NativeMethods.HuddleSetMsgRevokeCallback(handle, callback == null ? null : MsgRevokeTrampoline, new IntPtr(id));
        }

        /// <summary>Sets the conversation listener (added, deleted, updated); null removes it.</summary>
        public void SetConvEventCallback(ConvEventCallback callback)
        {
            convEvent = callback;
            NativeMethods.HuddleSetConvEventCallback(handle, callback == null ? null : ConvEventTrampoline, new IntPtr(id));
        }

        /// <summary>Sets the conversation-group listener; every client of the user hears the user's changes. Null removes it.</summary>
        public void SetConvGroupEventCallback(ConvGroupEventCallback callback)
        {
            convGroupEvent = callback;
            NativeMethods.HuddleSetConvGroupEventCallback(handle, callback == null ? null : ConvGroupEventTrampoline, new IntPtr(id));
        }

        /// <summary>Tencent's typed listener of new conversation groups (TIMSetConvConversationGroupCreatedCallback); it hears beside SetConvGroupEventCallback's. Null removes it.</summary>
        public void SetConvConversationGroupCreatedCallback(ConvConversationGroupCreatedCallback callback)
        {
            convGroupCreated = callback;
            NativeMethods.HuddleSetConvConversationGroupCreatedCallback(handle, callback == null ? null : ConvGroupCreatedTrampoline, new IntPtr(id));
        }

        /// <summary>Tencent's typed listener of deleted conversation groups (TIMSetConvConversationGroupDeletedCallback). Null removes it.</summary>
        public void SetConvConversationGroupDeletedCallback(ConvConversationGroupDeletedCallback callback)
        {
            convGroupDeleted = callback;
            NativeMethods.HuddleSetConvConversationGroupDeletedCallback(handle, callback == null ? null : ConvGroupDeletedTrampoline, new IntPtr(id));
        }

        /// <summary>Tencent's typed listener of renamed conversation groups (TIMSetConvConversationGroupNameChangedCallback). Null removes it.</summary>
        public void SetConvConversationGroupNameChangedCallback(ConvConversationGroupNameChangedCallback callback)
        {
            convGroupRenamed = callback;
            NativeMethods.HuddleSetConvConversationGroupNameChangedCallback(handle, callback == null ? null : ConvGroupRenamedTrampoline, new IntPtr(id));
        }

        /// <summary>Tencent's typed listener of conversations added to a group (TIMSetConvConversationsAddedToGroupCallback). Null removes it.</summary>
        public void SetConvConversationsAddedToGroupCallback(ConvConversationsAddedToGroupCallback callback)
        {
            convsAddedToGroup = callback;
            NativeMethods.HuddleSetConvConversationsAddedToGroupCallback(handle, callback == null ? null : ConvsAddedToGroupTrampoline, new IntPtr(id));
        }

        /// <summary>Tencent's typed listener of conversations taken out of a group (TIMSetConvConversationsDeletedFromGroupCallback). Null removes it.</summary>
        public void SetConvConversationsDeletedFromGroupCallback(ConvConversationsDeletedFromGroupCallback callback)
        {
            convsDeletedFromGroup = callback;
            NativeMethods.HuddleSetConvConversationsDeletedFromGroupCallback(handle, callback == null ? null : ConvsDeletedFromGroupTrampoline, new IntPtr(id));
        }

        /// <summary>A copy, so listeners may add and remove listeners while they run; null when there are none.</summary>
        private RecvNewMsgCallback[] RecvNewMsgListeners()
        {
            lock (recvNewMsg)
                return recvNewMsg.Count == 0 ? null : recvNewMsg.ToArray();
        }

        [MonoPInvokeCallback(typeof(NativeMethods.CommCallback))]
        private static void OnComm(int code, IntPtr desc, IntPtr jsonParams, IntPtr userData)
        {
            try
            {
                Completion completion = Pending.Take(userData);
                if (completion != null)
                    completion.Complete(code, Utf8.Decode(desc), Utf8.Decode(jsonParams));
            }
            catch (Exception e)
            {
                Report(e);
            }
        }

        [MonoPInvokeCallback(typeof(NativeMethods.GroupTipsEventCallback))]
        private static void OnGroupTips(IntPtr jsonGroupTip, IntPtr userData)
        {
            Notify(userData, client => client.groupTips,
                callback => callback(Json.Decode<GroupTipsElem>(Utf8.Decode(jsonGroupTip)), "SetGroupTipsEventCallback"));
        }

        [MonoPInvokeCallback(typeof(NativeMethods.NetworkStatusCallback))]
        private static void OnNetworkStatus(int status, int code, IntPtr desc, IntPtr userData)
        {
            Notify(userData, client => client.networkStatus,
                callback => callback((HuddleNetworkStatus)status, code, Utf8.Decode(desc), "SetNetworkStatusListenerCallback"));
        }

        [MonoPInvokeCallback(typeof(NativeMethods.KickedOfflineCallback))]
        private static void OnKickedOffline(IntPtr userData)
        {
            Notify(userData, client => client.kickedOffline, callback => callback("SetKickedOfflineCallback"));
        }

        [MonoPInvokeCallback(typeof(NativeMethods.UserSigExpiredCallback))]
        private static void OnUserSigExpired(IntPtr userData)
        {
            Notify(userData, client => client.userSigExpired, callback => callback("SetUserSigExpiredCallback"));
        }

        [MonoPInvokeCallback(typeof(NativeMethods.WakeCallback))]
        private static void OnWake(IntPtr userData)
        {
            Notify(userData, client => client.wake, callback => callback("SetWakeCallback"));
        }

        [MonoPInvokeCallback(typeof(NativeMethods.RecvNewMsgCallback))]
        private static void OnRecvNewMsg(IntPtr jsonMsgArray, IntPtr userData)
        {
            Notify(userData, client => client.RecvNewMsgListeners(), callbacks =>
            {
                string json = Utf8.Decode(jsonMsgArray);
                foreach (RecvNewMsgCallback callback in callbacks)
                {
                    // One listener's exception must not keep the message from the others;
                    // each gets its own list, free to change it.
                    try
                    {
                        callback(Json.Decode<List<Message>>(json), "AddRecvNewMsgCallback");
                    }
                    catch (Exception e)
                    {
                        Report(e);
                    }
                }
            });
        }

        [MonoPInvokeCallback(typeof(NativeMethods.MsgRevokeCallback))]
        private static void OnMsgRevoke(IntPtr jsonMsgLocatorArray, IntPtr userData)
        {
            Notify(userData, client => client.msgRevoke,
                callback => callback(Json.Decode<List<MsgLocator>>(Utf8.Decode(jsonMsgLocatorArray)), "SetMsgRevokeCallback"));
        }

        [MonoPInvokeCallback(typeof(NativeMethods.ConvEventCallback))]
        private static void OnConvEvent(int convEvent, IntPtr jsonConvArray, IntPtr userData)
        {
            Notify(userData, client => client.convEvent,
                callback => callback((HuddleConvEvent)convEvent, Json.Decode<List<ConvInfo>>(Utf8.Decode(jsonConvArray)), "SetConvEventCallback"));
        }

        [MonoPInvokeCallback(typeof(NativeMethods.ConvGroupEventCallback))]
        private static void OnConvGroupEvent(int groupEvent, IntPtr jsonEvent, IntPtr userData)
        {
            Notify(userData, client => client.convGroupEvent,
                callback => callback((HuddleConvGroupEvent)groupEvent, Json.Decode<ConvGroupEvent>(Utf8.Decode(jsonEvent)), "SetConvGroupEventCallback"));
        }

        [MonoPInvokeCallback(typeof(NativeMethods.ConvGroupNameAndConvsCallback))]
        private static void OnConvGroupCreated(IntPtr groupName, IntPtr conversationArray, IntPtr userData)
        {
            Notify(userData, client => client.convGroupCreated,
                callback => callback(Utf8.Decode(groupName), Json.Decode<List<ConvInfo>>(Utf8.Decode(conversationArray)), "SetConvConversationGroupCreatedCallback"));
        }

        [MonoPInvokeCallback(typeof(NativeMethods.ConvGroupNameCallback))]
        private static void OnConvGroupDeleted(IntPtr groupName, IntPtr userData)
        {
            Notify(userData, client => client.convGroupDeleted,
                callback => callback(Utf8.Decode(groupName), "SetConvConversationGroupDeletedCallback"));
        }

        [MonoPInvokeCallback(typeof(NativeMethods.ConvGroupRenamedCallback))]
        private static void OnConvGroupRenamed(IntPtr oldName, IntPtr newName, IntPtr userData)
        {
            Notify(userData, client => client.convGroupRenamed,
                callback => callback(Utf8.Decode(oldName), Utf8.Decode(newName), "SetConvConversationGroupNameChangedCallback"));
        }

        [MonoPInvokeCallback(typeof(NativeMethods.ConvGroupNameAndConvsCallback))]
        private static void OnConvsAddedToGroup(IntPtr groupName, IntPtr conversationArray, IntPtr userData)
        {
            Notify(userData, client => client.convsAddedToGroup,
                callback => callback(Utf8.Decode(groupName), Json.Decode<List<ConvInfo>>(Utf8.Decode(conversationArray)), "SetConvConversationsAddedToGroupCallback"));
        }

        [MonoPInvokeCallback(typeof(NativeMethods.ConvGroupConvsRemovedCallback))]
        private static void OnConvsDeletedFromGroup(IntPtr groupName, IntPtr conversationArray, uint reason, IntPtr userData)
        {
            Notify(userData, client => client.convsDeletedFromGroup,
                callback => callback(Utf8.Decode(groupName), Json.Decode<List<ConvInfo>>(Utf8.Decode(conversationArray)), reason, "SetConvConversationsDeletedFromGroupCallback"));
        }

        /// <summary>
        /// Runs <paramref name="run"/> with the listener the client has now (none once it
        /// is removed or the client is gone), catching what it throws.
        /// </summary>
        private static void Notify<T>(IntPtr id, Func<HuddleClient, T> pick, Action<T> run) where T : class
        {
            try
            {
                HuddleClient client = Find(id);
                T callback = client == null ? null : pick(client);
                if (callback != null)
                    run(callback);
            }
            catch (Exception e)
            {
                Report(e);
            }
        }

        private static void Report(Exception e)
        {
            try
            {
                Action<Exception> handler = CallbackException;
                if (handler != null)
                    handler(e);
                else
                    Log(e);
            }
            catch (Exception inHandler)
            {
                Log(inHandler);
            }
        }

        private static void Log(Exception e)
        {
#if UNITY_5_3_OR_NEWER
            UnityEngine.Debug.LogException(e);
#else
            Console.Error.WriteLine("Huddle: exception in a callback: " + e);
#endif
        }
    }
}
