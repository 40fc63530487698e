using System.Collections.Generic;

namespace Huddle
{
    /// <summary>Receives a new topic: its community's ID and its own (SetGroupTopicCreatedCallback, Tencent's TIMGroupTopicCreatedCallback).</summary>
    public delegate void GroupTopicCreatedCallback(string group_id, string topic_id, string user_data);

    /// <summary>Receives deleted topics: their community's ID and their IDs (SetGroupTopicDeletedCallback, Tencent's TIMGroupTopicDeletedCallback).</summary>
    public delegate void GroupTopicDeletedCallback(string group_id, List<string> topic_id_array, string user_data);

    /// <summary>Receives a changed topic: its community's ID and its shared info (SetGroupTopicChangedCallback, Tencent's TIMGroupTopicChangedCallback).</summary>
    public delegate void GroupTopicChangedCallback(string group_id, GroupTopicInfo topic_info, string user_data);

    /// <summary>Tencent's TIMGroupTopicInfo: a topic of a community, as written (create, set) and read (GroupGetTopicInfoList); its fields are the C API's keys.</summary>
    public class GroupTopicInfo
    {
        /// <summary>JSON key <c>group_topic_info_topic_id</c>: the community's ID, "@TOPIC#_" and a suffix; absent at creation: a generated one.</summary>
        public string group_topic_info_topic_id;
        /// <summary>JSON key <c>group_topic_info_topic_name</c>: 1..150 bytes.</summary>
        public string group_topic_info_topic_name;
        /// <summary>JSON key <c>group_topic_info_introduction</c>: at most 400 bytes.</summary>
        public string group_topic_info_introduction;
        /// <summary>JSON key <c>group_topic_info_notification</c>: at most 400 bytes.</summary>
        public string group_topic_info_notification;
        /// <summary>JSON key <c>group_topic_info_topic_face_url</c>: at most 500 bytes.</summary>
        public string group_topic_info_topic_face_url;
        /// <summary>JSON key <c>group_topic_info_is_all_muted</c>: only the community's owner and admins speak in it.</summary>
        public bool? group_topic_info_is_all_muted;
        /// <summary>JSON key <c>group_topic_info_custom_string</c>: the app's string, at most 512 bytes.</summary>
        public string group_topic_info_custom_string;
        /// <summary>JSON key <c>group_topic_info_draft_text</c>: the caller's own draft in the topic.</summary>
        public string group_topic_info_draft_text;
        /// <summary>JSON key <c>group_modify_info_param_modify_flag</c>: what GroupSetTopicInfo changes (HuddleTopicModifyFlag bits).</summary>
        public HuddleTopicModifyFlag? group_modify_info_param_modify_flag;
        /// <summary>Read only, JSON key <c>group_topic_info_self_mute_time</c>: the caller's mute in the community, seconds left.</summary>
        public ulong group_topic_info_self_mute_time;
        /// <summary>Read only, JSON key <c>group_topic_info_recv_opt</c>: the caller's message flag in the community.</summary>
        public HuddleReceiveMessageOpt group_topic_info_recv_opt;
        /// <summary>Read only, JSON key <c>group_topic_info_unread_count</c>: the caller's unread messages in the topic.</summary>
        public ulong group_topic_info_unread_count;
        /// <summary>Read only, JSON key <c>group_topic_info_last_message</c>: the newest message the caller sees; null when none.</summary>
        public Message group_topic_info_last_message;
        /// <summary>Read only, JSON key <c>group_topic_info_group_at_info_array</c>: the caller's unread mentions.</summary>
        public List<GroupAtInfo> group_topic_info_group_at_info_array;
    }

    /// <summary>The bits of GroupTopicInfo's modify flag (Tencent's TIMCommunityTopicModifyInfoFlag).</summary>
    [System.Flags]
    public enum HuddleTopicModifyFlag : uint
    {
        /// <summary>Name (0x1).</summary>
        Name = 0x1,
        /// <summary>Notification (0x2).</summary>
        Notification = 0x2,
        /// <summary>Introduction (0x4).</summary>
        Introduction = 0x4,
        /// <summary>Face URL (0x8).</summary>
        FaceUrl = 0x8,
        /// <summary>Mute all (0x100).</summary>
        MuteAll = 0x100,
        /// <summary>Custom string (0x800).</summary>
        CustomString = 0x800,
        /// <summary>The caller's draft (0x4000).</summary>
        Draft = 0x4000,
    }

    /// <summary>The reply of GroupCreateTopicInCommunity.</summary>
    public class CreateTopicResult
    {
        /// <summary>JSON key <c>group_topic_info_topic_id</c>: the new topic's ID.</summary>
        public string group_topic_info_topic_id;
    }

    /// <summary>Tencent's TIMGroupTopicInfoResult: one topic of GroupGetTopicInfoList.</summary>
    public class GroupTopicInfoResult
    {
        /// <summary>JSON key <c>group_topic_info_result_error_code</c>: 0, or 10010 for an unknown topic.</summary>
        public int group_topic_info_result_error_code;
        /// <summary>JSON key <c>group_topic_info_result_error_message</c>: why, when it failed.</summary>
        public string group_topic_info_result_error_message;
        /// <summary>JSON key <c>group_topic_info_result_topic_info</c>: the topic as the caller sees it.</summary>
        public GroupTopicInfo group_topic_info_result_topic_info;
    }

    /// <summary>Tencent's TIMGroupTopicOperationResult: one topic of GroupDeleteTopicFromCommunity.</summary>
    public class GroupTopicOperationResult
    {
        /// <summary>JSON key <c>group_topic_operation_result_error_code</c>: 0, or 10010 for an unknown topic.</summary>
        public int group_topic_operation_result_error_code;
        /// <summary>JSON key <c>group_topic_operation_result_error_message</c>: why, when it failed.</summary>
        public string group_topic_operation_result_error_message;
        /// <summary>JSON key <c>group_topic_operation_result_topic_id</c>: the topic.</summary>
        public string group_topic_operation_result_topic_id;
    }

    /// <summary>Tencent's GroupSearchParam (GroupSearchGroups).</summary>
    public class GroupSearchParam
    {
        /// <summary>JSON key <c>group_search_params_keyword_list</c>: 1..5 keywords, matched ignoring case.</summary>
        public List<string> group_search_params_keyword_list;
        /// <summary>JSON key <c>group_search_params_field_list</c>: 1 group ID, 2 name; null or empty: both.</summary>
        public List<uint> group_search_params_field_list;
    }

    /// <summary>Tencent's GroupMemberSearchParam (GroupSearchGroupMembers).</summary>
    public class GroupMemberSearchParam
    {
        /// <summary>JSON key <c>group_search_member_params_groupid_list</c>: the groups; null or empty: all the caller's.</summary>
        public List<string> group_search_member_params_groupid_list;
        /// <summary>JSON key <c>group_search_member_params_keyword_list</c>: 1..5 keywords, matched ignoring case.</summary>
        public List<string> group_search_member_params_keyword_list;
        /// <summary>JSON key <c>group_search_member_params_field_list</c>: 1 user ID, 2 nickname, 4 friend remark, 8 name card (required).</summary>
        public List<uint> group_search_member_params_field_list;
    }

    /// <summary>Tencent's GroupSearchGroupMembersResult: one group's matching members.</summary>
    public class GroupSearchGroupMembersResult
    {
        /// <summary>JSON key <c>group_search_member_result_groupid</c>: the group.</summary>
        public string group_search_member_result_groupid;
        /// <summary>JSON key <c>group_search_member_result_member_info_list</c>: its members that match.</summary>
        public List<GroupMemberInfo> group_search_member_result_member_info_list;
    }
}
