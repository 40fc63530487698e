using System;
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
        private static readonly NativeMethods.WakeCallback WakeTrampoline = OnWake;

        private volatile GroupTipsEventCallback groupTips;
        private volatile NetworkStatusListenerCallback networkStatus;
        private volatile KickedOfflineCallback kickedOffline;
        private volatile WakeCallback wake;

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
        /// Poll mode: <paramref name="callback"/> runs, on whatever thread queued
        /// work, each time a callback becomes pending while none was; null removes it.
        /// </summary>
        public void SetWakeCallback(WakeCallback callback)
        {
            wake = callback;
            NativeMethods.HuddleSetWakeCallback(handle, callback == null ? null : WakeTrampoline, new IntPtr(id));
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
            try
            {
                GroupTipsEventCallback callback = Listener(userData, client => client.groupTips);
                if (callback != null)
                    callback(Json.Decode<GroupTipsElem>(Utf8.Decode(jsonGroupTip)), "SetGroupTipsEventCallback");
            }
            catch (Exception e)
            {
                Report(e);
            }
        }

        [MonoPInvokeCallback(typeof(NativeMethods.NetworkStatusCallback))]
        private static void OnNetworkStatus(int status, int code, IntPtr desc, IntPtr userData)
        {
            try
            {
                NetworkStatusListenerCallback callback = Listener(userData, client => client.networkStatus);
                if (callback != null)
                    callback((HuddleNetworkStatus)status, code, Utf8.Decode(desc), "SetNetworkStatusListenerCallback");
            }
            catch (Exception e)
            {
                Report(e);
            }
        }

        [MonoPInvokeCallback(typeof(NativeMethods.KickedOfflineCallback))]
        private static void OnKickedOffline(IntPtr userData)
        {
            try
            {
                KickedOfflineCallback callback = Listener(userData, client => client.kickedOffline);
                if (callback != null)
                    callback("SetKickedOfflineCallback");
            }
            catch (Exception e)
            {
                Report(e);
            }
        }

        [MonoPInvokeCallback(typeof(NativeMethods.WakeCallback))]
        private static void OnWake(IntPtr userData)
        {
            try
            {
                WakeCallback callback = Listener(userData, client => client.wake);
                if (callback != null)
                    callback("SetWakeCallback");
            }
            catch (Exception e)
            {
                Report(e);
            }
        }

        /// <summary>The listener a client has now; null once it is removed or the client is gone.</summary>
        private static T Listener<T>(IntPtr id, Func<HuddleClient, T> pick) where T : class
        {
            HuddleClient client = Find(id);
            return client == null ? null : pick(client);
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
