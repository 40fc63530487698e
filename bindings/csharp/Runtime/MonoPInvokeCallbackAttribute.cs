#if !UNITY_5_3_OR_NEWER
using System;

namespace AOT
{
    /// <summary>
    /// Unity's marker for static methods native code calls back into; IL2CPP
    /// and Mono's full AOT generate the native-to-managed wrapper from it.
    /// Unity defines it in UnityEngine, so this copy exists only outside Unity.
    /// </summary>
    [AttributeUsage(AttributeTargets.Method)]
    public sealed class MonoPInvokeCallbackAttribute : Attribute
    {
        public MonoPInvokeCallbackAttribute(Type type)
        {
            Type = type;
        }

        public Type Type { get; private set; }
    }
}
#endif
