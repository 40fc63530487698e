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
        /// <summary>Marks a static method as the target of native callbacks of delegate type <paramref name="type"/>.</summary>
        public MonoPInvokeCallbackAttribute(Type type)
        {
            Type = type;
        }

        /// <summary>The delegate type the native code calls the method through.</summary>
        public Type Type { get; private set; }
    }
}
#endif
