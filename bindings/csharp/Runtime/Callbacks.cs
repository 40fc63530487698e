using System;
using System.Collections.Generic;
using Newtonsoft.Json;
using Newtonsoft.Json.Serialization;

namespace Huddle
{
    /// <summary>Result of a call with a result; <paramref name="user_data"/> names the method that was called.</summary>
    public delegate void ValueCallback<T>(int code, string desc, T data, string user_data);

    /// <summary>Result of a call with no result; <paramref name="user_data"/> names the method that was called.</summary>
    public delegate void NullValueCallback(int code, string desc, string user_data);

    /// <summary>Receives each group tip (SetGroupTipsEventCallback); <paramref name="user_data"/> names the setter.</summary>
    public delegate void GroupTipsEventCallback(GroupTipsElem message, string user_data);

    /// <summary>Receives network status changes (SetNetworkStatusListenerCallback): the status, and a code and sentence saying why.</summary>
    public delegate void NetworkStatusListenerCallback(HuddleNetworkStatus status, int code, string desc, string user_data);

    /// <summary>A newer login of the same user ended this session (SetKickedOfflineCallback); the client is logged out.</summary>
    public delegate void KickedOfflineCallback(string user_data);
    /// <summary>The session's user_sig expired and the session ended (SetUserSigExpiredCallback); log in again with a new one.</summary>
    public delegate void UserSigExpiredCallback(string user_data);

    /// <summary>Poll mode: callbacks are waiting for Poll. Runs on whatever thread queued them.</summary>
    public delegate void WakeCallback(string user_data);

    /// <summary>New messages; group tips come here too, as messages with one GroupTips elem.</summary>
    public delegate void RecvNewMsgCallback(List<Message> message, string user_data);

    /// <summary>Receives recalled messages (SetMsgRevokeCallback): where each one was.</summary>
    public delegate void MsgRevokeCallback(List<MsgLocator> msg_locator, string user_data);

    /// <summary>A Delete event's conversations carry only conv_id and conv_type.</summary>
    public delegate void ConvEventCallback(HuddleConvEvent conv_event, List<ConvInfo> conv_list, string user_data);

    /// <summary>Receives conversation-group events (SetConvGroupEventCallback): created, deleted, renamed, conversations added or removed.</summary>
    public delegate void ConvGroupEventCallback(HuddleConvGroupEvent group_event, ConvGroupEvent data, string user_data);

    /// <summary>Tencent's typed listener of a new conversation group: its name and its conversations (conv_id and conv_type only).</summary>
    public delegate void ConvConversationGroupCreatedCallback(string group_name, List<ConvInfo> conversation_array, string user_data);

    /// <summary>Tencent's typed listener of a deleted conversation group: its name.</summary>
    public delegate void ConvConversationGroupDeletedCallback(string group_name, string user_data);

    /// <summary>Tencent's typed listener of a renamed conversation group: the old name and the new.</summary>
    public delegate void ConvConversationGroupNameChangedCallback(string old_name, string new_name, string user_data);

    /// <summary>Tencent's typed listener of conversations added to a group (conv_id and conv_type only).</summary>
    public delegate void ConvConversationsAddedToGroupCallback(string group_name, List<ConvInfo> conversation_array, string user_data);

    /// <summary>Tencent's typed listener of conversations taken out of a group (conv_id and conv_type only); the reason is always 0, the user took them out.</summary>
    public delegate void ConvConversationsDeletedFromGroupCallback(string group_name, List<ConvInfo> conversation_array, uint reason, string user_data);

    internal static class Json
    {
        // Absent and null differ for the library (absent add option: the type's default), so nulls are left out.
        private static readonly JsonSerializerSettings Settings = new JsonSerializerSettings
        {
            NullValueHandling = NullValueHandling.Ignore,
            ContractResolver = new ElemResolver(),
        };

        /// <summary>
        /// Null becomes a NULL pointer, not "null": the library reads NULL as an
        /// absent optional argument (history parameters, read-up-to message) and
        /// refuses it where one is required (ErrParam).
        /// </summary>
        internal static byte[] Encode(object value)
        {
            return value == null ? null : Utf8.Encode(JsonConvert.SerializeObject(value, Settings));
        }

        internal static T Decode<T>(string json)
        {
            return JsonConvert.DeserializeObject<T>(json, Settings);
        }

        /// <summary>
        /// Leaves the group_tips_elem_* keys an Elem inherits, and its group_report_elem_*
        /// keys, out of text and custom elems: the library keeps an elem's keys as sent,
        /// so their zeros would reach every reader.
        /// </summary>
        private sealed class ElemResolver : DefaultContractResolver
        {
            protected override IList<JsonProperty> CreateProperties(Type type, MemberSerialization memberSerialization)
            {
                IList<JsonProperty> properties = base.CreateProperties(type, memberSerialization);
                if (type == typeof(Elem))
                {
                    foreach (JsonProperty property in properties)
                    {
                        if (property.DeclaringType == typeof(GroupTipsElem))
                            property.ShouldSerialize = elem => ((Elem)elem).elem_type == HuddleElemType.GroupTips;
                        else if (property.PropertyName.StartsWith("group_report_elem_", StringComparison.Ordinal))
                            property.ShouldSerialize = elem => ((Elem)elem).elem_type == HuddleElemType.GroupReport;
                    }
                }
                return properties;
            }
        }
    }

    /// <summary>A managed callback waiting for its native call to finish.</summary>
    internal abstract class Completion
    {
        protected Completion(string userData)
        {
            UserData = userData;
        }

        protected string UserData { get; private set; }

        internal abstract void Complete(int code, string desc, string json);
    }

    internal sealed class ValueCompletion<T> : Completion
    {
        private readonly ValueCallback<T> callback;

        internal ValueCompletion(ValueCallback<T> callback, string userData) : base(userData)
        {
            this.callback = callback;
        }

        internal override void Complete(int code, string desc, string json)
        {
            T data;
            try
            {
                // A failure's JSON is "{}" or "[]" unless it carries partial results (invite into a full group).
                data = code == 0 || json.Length > 2 ? Json.Decode<T>(json) : default(T);
            }
            catch (JsonException e)
            {
                // The callback must still run exactly once, so an unreadable result becomes an error.
                callback((int)HuddleCode.InvalidJson, e.Message, default(T), UserData);
                return;
            }
            callback(code, desc, data, UserData);
        }
    }

    internal sealed class NullValueCompletion : Completion
    {
        private readonly NullValueCallback callback;

        internal NullValueCompletion(NullValueCallback callback, string userData) : base(userData)
        {
            this.callback = callback;
        }

        internal override void Complete(int code, string desc, string json)
        {
            callback(code, desc, UserData);
        }
    }

    /// <summary>
    /// The calls in flight. Native code gets an integer key as user_data, never a
    /// GCHandle or a delegate, so nothing managed is pinned or kept alive by the
    /// library; an entry leaves when its callback runs or its call fails synchronously.
    /// </summary>
    internal static class Pending
    {
        private static readonly Dictionary<int, Completion> Calls = new Dictionary<int, Completion>();
        private static int last;

        internal static IntPtr Add(Completion completion)
        {
            lock (Calls)
            {
                // Keys are ints so they fit a pointer on 32-bit players; wrap-around skips live ones.
                do
                    last = last == int.MaxValue ? 1 : last + 1;
                while (Calls.ContainsKey(last));
                Calls.Add(last, completion);
                return new IntPtr(last);
            }
        }

        internal static Completion Take(IntPtr key)
        {
            lock (Calls)
            {
                Completion completion;
                if (Calls.TryGetValue(key.ToInt32(), out completion))
                    Calls.Remove(key.ToInt32());
                return completion;
            }
        }

        internal static int Count
        {
            get { lock (Calls) return Calls.Count; }
        }
    }
}
