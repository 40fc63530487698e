#if UNITY_5_3_OR_NEWER
using System.Collections.Generic;
using UnityEngine;

namespace Huddle
{
    /// <summary>
    /// Runs the callbacks of every poll-mode client on Unity's main thread, in
    /// Update, and ends every client before Unity drops the managed code their
    /// native callbacks point into (leaving Play mode, quitting, reloading scripts).
    /// It installs itself before the first scene loads.
    /// </summary>
    public sealed class HuddleDispatcher : MonoBehaviour
    {
        /// <summary>A bound per client and frame, so a burst of events cannot stall a frame.</summary>
        public static int MaxCallbacksPerFrame = 256;

        private readonly List<HuddleClient> clients = new List<HuddleClient>();

        [RuntimeInitializeOnLoadMethod(RuntimeInitializeLoadType.BeforeSceneLoad)]
        private static void Install()
        {
            var host = new GameObject("HuddleDispatcher");
            host.hideFlags = HideFlags.HideInHierarchy;
            DontDestroyOnLoad(host);
            host.AddComponent<HuddleDispatcher>();
#if UNITY_EDITOR
            // Play mode may be entered again without a reload: subscribe once.
            UnityEditor.AssemblyReloadEvents.beforeAssemblyReload -= HuddleClient.DisposeAll;
            UnityEditor.AssemblyReloadEvents.beforeAssemblyReload += HuddleClient.DisposeAll;
#endif
        }

        private void Update()
        {
            HuddleClient.CopyLive(clients);
            foreach (var client in clients)
                client.Poll(MaxCallbacksPerFrame);
        }

        private void OnApplicationQuit()
        {
            HuddleClient.DisposeAll();
        }
    }
}
#endif
