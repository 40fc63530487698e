using System;

namespace Huddle
{
    /// <summary>A failed Huddle call: <see cref="Code"/> is a sync HuddleResult (negative) or an async HuddleCode.</summary>
    public sealed class HuddleException : Exception
    {
        public HuddleException(int code, string desc)
            : base(string.Format("Huddle error {0}: {1}", code, desc))
        {
            Code = code;
        }

        public int Code { get; private set; }

        internal static HuddleException FromResult(HuddleResult result)
        {
            return new HuddleException((int)result, HuddleClient.ResultString((int)result));
        }
    }
}
