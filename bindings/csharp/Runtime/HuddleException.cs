using System;

namespace Huddle
{
    /// <summary>A failed Huddle call: <see cref="Code"/> is a sync HuddleResult (negative) or an async HuddleCode.</summary>
    public sealed class HuddleException : Exception
    {
        /// <summary>A failure with its code and the library's sentence.</summary>
        public HuddleException(int code, string desc)
            : base(string.Format("Huddle error {0}: {1}", code, desc))
        {
            Code = code;
        }

        /// <summary>A negative HuddleResult when the library refused the call at once; otherwise the HuddleCode its callback reported.</summary>
        public int Code { get; private set; }

        internal static HuddleException FromResult(HuddleResult result)
        {
            return new HuddleException((int)result, HuddleClient.ResultString((int)result));
        }
    }
}
