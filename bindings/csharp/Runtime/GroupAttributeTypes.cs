using System.Collections.Generic;

namespace Huddle
{
    /// <summary>One group attribute, Tencent's GroupAttributes object (GroupSetGroupAttributes, GroupGetGroupAttributes): its fields are the C API's keys.</summary>
    public class GroupAttributes
    {
        /// <summary>JSON key <c>group_attribute_key</c>: 1 to 32 bytes; a group has at most 16.</summary>
        public string group_attribute_key;
        /// <summary>JSON key <c>group_attribute_value</c>: at most 4096 bytes; keys and values of a group are 16384 bytes at most.</summary>
        public string group_attribute_value;
    }

    /// <summary>One group counter, Tencent's GroupCounter object (GroupSetGroupCounters and the other counter calls): its fields are the C API's keys.</summary>
    public class GroupCounter
    {
        /// <summary>JSON key <c>group_counter_key</c>: 1 to 128 bytes; a group has at most 20.</summary>
        public string group_counter_key;
        /// <summary>JSON key <c>group_counter_value</c>: a 64-bit signed value.</summary>
        public long group_counter_value;
    }

    /// <summary>A group's attributes changed (SetGroupAttributeChangedCallback): the group's ID and all its attributes now.</summary>
    public delegate void GroupAttributeChangedCallback(string group_id, List<GroupAttributes> group_attributes, string user_data);

    /// <summary>A group counter changed (SetGroupCounterChangedCallback): the group's ID, the counter's key and its new value.</summary>
    public delegate void GroupCounterChangedCallback(string group_id, string group_counter_key, long group_counter_new_value, string user_data);
}
