using System.Collections.Generic;

// Data classes of the JSON the C functions take and give. Field names are the
// C JSON keys, so Newtonsoft maps them with no attributes; nullable fields are
// the ones the library treats differently when absent (nulls are not sent).
namespace Huddle
{
    /// <summary>HuddleInit's config: its fields are the C API's keys (<c>sdk_config_server_url</c>, ...); null fields are left out, so the library's defaults apply.</summary>
    public class SdkConfig
    {
        /// <summary>"ws://host:port" of a huddle-server; absent: the embedded engine, in this process.</summary>
        public string sdk_config_server_url;
        /// <summary>Network: how long a call waits for its reply before it fails with 9520 (default 30000, at most 120000).</summary>
        public ulong? sdk_config_request_timeout_ms;
        /// <summary>Tencent's TIMPlatform of this device (0 other, 1 Windows, 2 Android, 3 iOS, 4 Mac); default: the OS.</summary>
        public int? sdk_config_platform;
        /// <summary>Embedded engine: "multi" (default), "per_platform" or "single": what a login does to the user's other clients.</summary>
        public string sdk_config_login_policy;
        /// <summary>Where the embedded engine persists; absent: in memory, shared by the process's clients.</summary>
        public string sdk_config_data_dir;
        /// <summary>JSON key <c>sdk_config_sdk_app_id</c>: the app's SDKAppID, for user_sig checks.</summary>
        public ulong? sdk_config_sdk_app_id;
        /// <summary>When set, Login verifies user_sigs (see HuddleClient.GenUserSig).</summary>
        public string sdk_config_secret_key;
        /// <summary>JSON key <c>sdk_config_admin_user_ids</c>: users with app-admin rights on the embedded engine.</summary>
        public List<string> sdk_config_admin_user_ids;
        /// <summary>
        /// "poll" (callbacks run inside HuddleClient.Poll) or "thread" (on a library thread).
        /// Unity builds default to "poll" so that HuddleDispatcher runs every callback on the main thread.
        /// </summary>
#if UNITY_5_3_OR_NEWER
        public string callback_mode = CallbackModePoll;
#else
        public string callback_mode;
#endif

        /// <summary>The callback_mode that runs callbacks inside HuddleClient.Poll, on the polling thread.</summary>
        public const string CallbackModePoll = "poll";
        /// <summary>The callback_mode that runs callbacks on one library thread per client, in order.</summary>
        public const string CallbackModeThread = "thread";
    }

    /// <summary>The JSON object group info custom string info: its fields are the C API's keys (<c>group_info_custom_string_info_key</c>, ...).</summary>
    public class GroupInfoCustomStringInfo
    {
        /// <summary>JSON key <c>group_info_custom_string_info_key</c>: the key.</summary>
        public string group_info_custom_string_info_key;
        /// <summary>JSON key <c>group_info_custom_string_info_value</c>: the value.</summary>
        public string group_info_custom_string_info_value;
    }

    /// <summary>The JSON object group member info custom string info: its fields are the C API's keys (<c>group_member_info_custom_string_info_key</c>, ...).</summary>
    public class GroupMemberInfoCustomStringInfo
    {
        /// <summary>JSON key <c>group_member_info_custom_string_info_key</c>: the key.</summary>
        public string group_member_info_custom_string_info_key;
        /// <summary>JSON key <c>group_member_info_custom_string_info_value</c>: the value.</summary>
        public string group_member_info_custom_string_info_value;
    }

    /// <summary>The JSON object create group param: its fields are the C API's keys (<c>create_group_param_group_name</c>, ...).</summary>
    public class CreateGroupParam
    {
        /// <summary>JSON key <c>create_group_param_group_name</c>: the group name.</summary>
        public string create_group_param_group_name;
        /// <summary>Absent: a generated "@TGS#..." ID.</summary>
        public string create_group_param_group_id;
        /// <summary>JSON key <c>create_group_param_group_type</c>: the group type.</summary>
        public HuddleGroupType create_group_param_group_type;
        /// <summary>JSON key <c>create_group_param_group_member_array</c>: the group member array.</summary>
        public List<GroupMemberInfo> create_group_param_group_member_array;
        /// <summary>JSON key <c>create_group_param_notification</c>: the notification.</summary>
        public string create_group_param_notification;
        /// <summary>JSON key <c>create_group_param_introduction</c>: the introduction.</summary>
        public string create_group_param_introduction;
        /// <summary>JSON key <c>create_group_param_face_url</c>: the face URL.</summary>
        public string create_group_param_face_url;
        /// <summary>Absent: the group type's default.</summary>
        public HuddleGroupAddOption? create_group_param_add_option;
        /// <summary>JSON key <c>create_group_param_max_member_num</c>: the max member number.</summary>
        public uint? create_group_param_max_member_num;
        /// <summary>JSON key <c>create_group_param_custom_info</c>: the custom info.</summary>
        public List<GroupInfoCustomStringInfo> create_group_param_custom_info;
        /// <summary>JSON key <c>create_group_param_is_support_topic</c>: Community only, whether it takes topics (GroupCreateTopicInCommunity).</summary>
        public bool? create_group_param_is_support_topic;
    }

    /// <summary>The JSON object create group result: its fields are the C API's keys (<c>create_group_result_groupid</c>, ...).</summary>
    public class CreateGroupResult
    {
        /// <summary>JSON key <c>create_group_result_groupid</c>: the create group result group ID.</summary>
        public string create_group_result_groupid;
    }

    /// <summary>The JSON object group join result: its fields are the C API's keys (<c>group_join_result_status</c>, ...).</summary>
    public class GroupJoinResult
    {
        /// <summary>JSON key <c>group_join_result_status</c>: the group join result status.</summary>
        public HuddleGroupJoinStatus group_join_result_status;
    }

    /// <summary>The JSON object group member info: its fields are the C API's keys (<c>group_member_info_identifier</c>, ...).</summary>
    public class GroupMemberInfo
    {
        /// <summary>JSON key <c>group_member_info_identifier</c>: the user ID.</summary>
        public string group_member_info_identifier;
        /// <summary>JSON key <c>group_member_info_group_id</c>: the group ID.</summary>
        public string group_member_info_group_id;
        /// <summary>JSON key <c>group_member_info_join_time</c>: the join time.</summary>
        public ulong group_member_info_join_time;
        /// <summary>JSON key <c>group_member_info_member_role</c>: the member role.</summary>
        public HuddleGroupMemberRole group_member_info_member_role;
        /// <summary>JSON key <c>group_member_info_msg_flag</c>: the message flag.</summary>
        public HuddleReceiveMessageOpt group_member_info_msg_flag;
        /// <summary>JSON key <c>group_member_info_shutup_time</c>: the mute time.</summary>
        public ulong group_member_info_shutup_time;
        /// <summary>JSON key <c>group_member_info_name_card</c>: the name card.</summary>
        public string group_member_info_name_card;
        /// <summary>JSON key <c>group_member_info_custom_info</c>: the custom info.</summary>
        public List<GroupMemberInfoCustomStringInfo> group_member_info_custom_info;
        /// <summary>JSON key <c>group_member_info_nick_name</c>: the member's own nickname (its profile), "" when not set.</summary>
        public string group_member_info_nick_name;
        /// <summary>JSON key <c>group_member_info_face_url</c>: the member's own face URL (its profile), "" when not set.</summary>
        public string group_member_info_face_url;
    }

    /// <summary>The JSON object group invite member param: its fields are the C API's keys (<c>group_invite_member_param_group_id</c>, ...).</summary>
    public class GroupInviteMemberParam
    {
        /// <summary>JSON key <c>group_invite_member_param_group_id</c>: the group ID.</summary>
        public string group_invite_member_param_group_id;
        /// <summary>JSON key <c>group_invite_member_param_identifier_array</c>: the user ID array.</summary>
        public List<string> group_invite_member_param_identifier_array;
        /// <summary>JSON key <c>group_invite_member_param_user_data</c>: the user data.</summary>
        public string group_invite_member_param_user_data;
    }

    /// <summary>The JSON object group invite member result: its fields are the C API's keys (<c>group_invite_member_result_identifier</c>, ...).</summary>
    public class GroupInviteMemberResult
    {
        /// <summary>JSON key <c>group_invite_member_result_identifier</c>: the user ID.</summary>
        public string group_invite_member_result_identifier;
        /// <summary>JSON key <c>group_invite_member_result_result</c>: the result.</summary>
        public HuddleGroupMemberResult group_invite_member_result_result;
    }

    /// <summary>The JSON object group delete member param: its fields are the C API's keys (<c>group_delete_member_param_group_id</c>, ...).</summary>
    public class GroupDeleteMemberParam
    {
        /// <summary>JSON key <c>group_delete_member_param_group_id</c>: the group ID.</summary>
        public string group_delete_member_param_group_id;
        /// <summary>JSON key <c>group_delete_member_param_identifier_array</c>: the user ID array.</summary>
        public List<string> group_delete_member_param_identifier_array;
        /// <summary>JSON key <c>group_delete_member_param_user_data</c>: the user data.</summary>
        public string group_delete_member_param_user_data;
        /// <summary>Seconds the removed users may not rejoin.</summary>
        public ulong group_delete_member_param_duration;
    }

    /// <summary>The JSON object group delete member result: its fields are the C API's keys (<c>group_delete_member_result_identifier</c>, ...).</summary>
    public class GroupDeleteMemberResult
    {
        /// <summary>JSON key <c>group_delete_member_result_identifier</c>: the user ID.</summary>
        public string group_delete_member_result_identifier;
        /// <summary>JSON key <c>group_delete_member_result_result</c>: the result.</summary>
        public HuddleGroupMemberResult group_delete_member_result_result;
    }

    /// <summary>The JSON object group self info: its fields are the C API's keys (<c>group_self_info_join_time</c>, ...).</summary>
    public class GroupSelfInfo
    {
        /// <summary>JSON key <c>group_self_info_join_time</c>: the join time.</summary>
        public ulong group_self_info_join_time;
        /// <summary>JSON key <c>group_self_info_role</c>: the role.</summary>
        public HuddleGroupMemberRole group_self_info_role;
        /// <summary>JSON key <c>group_self_info_unread_num</c>: the unread number.</summary>
        public uint group_self_info_unread_num;
        /// <summary>JSON key <c>group_self_info_msg_flag</c>: the message flag.</summary>
        public HuddleReceiveMessageOpt group_self_info_msg_flag;
    }

    /// <summary>The JSON object group base info: its fields are the C API's keys (<c>group_base_info_group_id</c>, ...).</summary>
    public class GroupBaseInfo
    {
        /// <summary>JSON key <c>group_base_info_group_id</c>: the group ID.</summary>
        public string group_base_info_group_id;
        /// <summary>JSON key <c>group_base_info_group_name</c>: the group name.</summary>
        public string group_base_info_group_name;
        /// <summary>JSON key <c>group_base_info_group_type</c>: the group type.</summary>
        public HuddleGroupType group_base_info_group_type;
        /// <summary>JSON key <c>group_base_info_face_url</c>: the face URL.</summary>
        public string group_base_info_face_url;
        /// <summary>JSON key <c>group_base_info_info_seq</c>: the info sequence number.</summary>
        public ulong group_base_info_info_seq;
        /// <summary>JSON key <c>group_base_info_latest_seq</c>: the latest sequence number.</summary>
        public ulong group_base_info_latest_seq;
        /// <summary>JSON key <c>group_base_info_readed_seq</c>: the read sequence number.</summary>
        public ulong group_base_info_readed_seq;
        /// <summary>JSON key <c>group_base_info_msg_flag</c>: the message flag.</summary>
        public HuddleReceiveMessageOpt group_base_info_msg_flag;
        /// <summary>JSON key <c>group_base_info_is_shutup_all</c>: whether it is mute all.</summary>
        public bool group_base_info_is_shutup_all;
        /// <summary>JSON key <c>group_base_info_self_info</c>: the self info.</summary>
        public GroupSelfInfo group_base_info_self_info;
    }

    /// <summary>The JSON object group detail info: its fields are the C API's keys (<c>group_detail_info_group_id</c>, ...).</summary>
    public class GroupDetailInfo
    {
        /// <summary>JSON key <c>group_detail_info_group_id</c>: the group ID.</summary>
        public string group_detail_info_group_id;
        /// <summary>JSON key <c>group_detail_info_group_type</c>: the group type.</summary>
        public HuddleGroupType group_detail_info_group_type;
        /// <summary>JSON key <c>group_detail_info_group_name</c>: the group name.</summary>
        public string group_detail_info_group_name;
        /// <summary>JSON key <c>group_detail_info_notification</c>: the notification.</summary>
        public string group_detail_info_notification;
        /// <summary>JSON key <c>group_detail_info_introduction</c>: the introduction.</summary>
        public string group_detail_info_introduction;
        /// <summary>JSON key <c>group_detail_info_face_url</c>: the face URL.</summary>
        public string group_detail_info_face_url;
        /// <summary>JSON key <c>group_detail_info_create_time</c>: the create time.</summary>
        public ulong group_detail_info_create_time;
        /// <summary>JSON key <c>group_detail_info_info_seq</c>: the info sequence number.</summary>
        public ulong group_detail_info_info_seq;
        /// <summary>JSON key <c>group_detail_info_last_info_time</c>: the last info time.</summary>
        public ulong group_detail_info_last_info_time;
        /// <summary>JSON key <c>group_detail_info_next_msg_seq</c>: the message_seq the group's next message takes.</summary>
        public ulong group_detail_info_next_msg_seq;
        /// <summary>JSON key <c>group_detail_info_last_msg_time</c>: when the latest message kept was sent; 0 when none is.</summary>
        public ulong group_detail_info_last_msg_time;
        /// <summary>JSON key <c>group_detail_info_member_num</c>: the member number.</summary>
        public uint group_detail_info_member_num;
        /// <summary>JSON key <c>group_detail_info_max_member_num</c>: the max member number.</summary>
        public uint group_detail_info_max_member_num;
        /// <summary>JSON key <c>group_detail_info_add_option</c>: the add option.</summary>
        public HuddleGroupAddOption group_detail_info_add_option;
        /// <summary>JSON key <c>group_detail_info_is_shutup_all</c>: whether it is mute all.</summary>
        public bool group_detail_info_is_shutup_all;
        /// <summary>JSON key <c>group_detail_info_owner_identifier</c>: the owner user ID.</summary>
        public string group_detail_info_owner_identifier;
        /// <summary>JSON key <c>group_detail_info_custom_info</c>: the custom info.</summary>
        public List<GroupInfoCustomStringInfo> group_detail_info_custom_info;
        /// <summary>JSON key <c>group_detail_info_online_member_num</c>: members with a client logged in now.</summary>
        public uint group_detail_info_online_member_num;
        /// <summary>JSON key <c>group_detail_info_is_support_topic</c>: whether this community takes topics.</summary>
        public bool group_detail_info_is_support_topic;
    }

    /// <summary>The JSON object get group info result: its fields are the C API's keys (<c>get_groups_info_result_code</c>, ...).</summary>
    public class GetGroupInfoResult
    {
        /// <summary>0, or the HuddleCode of this one group (10010 unknown, 10015 invalid ID).</summary>
        public int get_groups_info_result_code;
        /// <summary>JSON key <c>get_groups_info_result_desc</c>: the description.</summary>
        public string get_groups_info_result_desc;
        /// <summary>JSON key <c>get_groups_info_result_info</c>: the info.</summary>
        public GroupDetailInfo get_groups_info_result_info;
    }

    /// <summary>The JSON object group modify info param: its fields are the C API's keys (<c>group_modify_info_param_group_id</c>, ...).</summary>
    public class GroupModifyInfoParam
    {
        /// <summary>JSON key <c>group_modify_info_param_group_id</c>: the group ID.</summary>
        public string group_modify_info_param_group_id;
        /// <summary>JSON key <c>group_modify_info_param_modify_flag</c>: the modify flag.</summary>
        public HuddleGroupModifyInfoFlag group_modify_info_param_modify_flag;
        /// <summary>JSON key <c>group_modify_info_param_group_name</c>: the group name.</summary>
        public string group_modify_info_param_group_name;
        /// <summary>JSON key <c>group_modify_info_param_notification</c>: the notification.</summary>
        public string group_modify_info_param_notification;
        /// <summary>JSON key <c>group_modify_info_param_introduction</c>: the introduction.</summary>
        public string group_modify_info_param_introduction;
        /// <summary>JSON key <c>group_modify_info_param_face_url</c>: the face URL.</summary>
        public string group_modify_info_param_face_url;
        /// <summary>JSON key <c>group_modify_info_param_add_option</c>: the add option.</summary>
        public HuddleGroupAddOption? group_modify_info_param_add_option;
        /// <summary>JSON key <c>group_modify_info_param_max_member_num</c>: the max member number.</summary>
        public uint? group_modify_info_param_max_member_num;
        /// <summary>JSON key <c>group_modify_info_param_is_shutup_all</c>: whether it is mute all.</summary>
        public bool? group_modify_info_param_is_shutup_all;
        /// <summary>JSON key <c>group_modify_info_param_owner</c>: the owner.</summary>
        public string group_modify_info_param_owner;
        /// <summary>JSON key <c>group_modify_info_param_custom_info</c>: the custom info.</summary>
        public List<GroupInfoCustomStringInfo> group_modify_info_param_custom_info;
    }

    /// <summary>The JSON object group member get info option: its fields are the C API's keys (<c>group_member_get_info_option_role_flag</c>, ...).</summary>
    public class GroupMemberGetInfoOption
    {
        /// <summary>JSON key <c>group_member_get_info_option_role_flag</c>: the group member get info option role flag.</summary>
        public HuddleGroupMemberRoleFlag group_member_get_info_option_role_flag;
    }

    /// <summary>The JSON object group get member info list param: its fields are the C API's keys (<c>group_get_members_info_list_param_group_id</c>, ...).</summary>
    public class GroupGetMemberInfoListParam
    {
        /// <summary>JSON key <c>group_get_members_info_list_param_group_id</c>: the group ID.</summary>
        public string group_get_members_info_list_param_group_id;
        /// <summary>Absent or empty: every member, a page at a time.</summary>
        public List<string> group_get_members_info_list_param_identifier_array;
        /// <summary>JSON key <c>group_get_members_info_list_param_option</c>: the option.</summary>
        public GroupMemberGetInfoOption group_get_members_info_list_param_option;
        /// <summary>JSON key <c>group_get_members_info_list_param_next_seq</c>: the next sequence number.</summary>
        public ulong group_get_members_info_list_param_next_seq;
    }

    /// <summary>The JSON object group get member info list result: its fields are the C API's keys (<c>group_get_member_info_list_result_next_seq</c>, ...).</summary>
    public class GroupGetMemberInfoListResult
    {
        /// <summary>0 on the last page.</summary>
        public ulong group_get_member_info_list_result_next_seq;
        /// <summary>JSON key <c>group_get_member_info_list_result_info_array</c>: the info array.</summary>
        public List<GroupMemberInfo> group_get_member_info_list_result_info_array;
    }

    /// <summary>The JSON object group modify member info param: its fields are the C API's keys (<c>group_modify_member_info_group_id</c>, ...).</summary>
    public class GroupModifyMemberInfoParam
    {
        /// <summary>JSON key <c>group_modify_member_info_group_id</c>: the group ID.</summary>
        public string group_modify_member_info_group_id;
        /// <summary>JSON key <c>group_modify_member_info_identifier</c>: the user ID.</summary>
        public string group_modify_member_info_identifier;
        /// <summary>JSON key <c>group_modify_member_info_modify_flag</c>: the modify flag.</summary>
        public HuddleGroupMemberModifyFlag group_modify_member_info_modify_flag;
        /// <summary>JSON key <c>group_modify_member_info_msg_flag</c>: the message flag.</summary>
        public HuddleReceiveMessageOpt? group_modify_member_info_msg_flag;
        /// <summary>JSON key <c>group_modify_member_info_member_role</c>: the member role.</summary>
        public HuddleGroupMemberRole? group_modify_member_info_member_role;
        /// <summary>Seconds; 0 unmutes.</summary>
        public ulong? group_modify_member_info_shutup_time;
        /// <summary>JSON key <c>group_modify_member_info_name_card</c>: the name card.</summary>
        public string group_modify_member_info_name_card;
        /// <summary>JSON key <c>group_modify_member_info_custom_info</c>: the custom info.</summary>
        public List<GroupMemberInfoCustomStringInfo> group_modify_member_info_custom_info;
    }

    /// <summary>The JSON object group pendency option: its fields are the C API's keys (<c>group_pendency_option_start_time</c>, ...).</summary>
    public class GroupPendencyOption
    {
        /// <summary>JSON key <c>group_pendency_option_start_time</c>: the start time.</summary>
        public ulong group_pendency_option_start_time;
        /// <summary>JSON key <c>group_pendency_option_max_limited</c>: the max limited.</summary>
        public uint group_pendency_option_max_limited;
    }

    /// <summary>The JSON object group pendency: its fields are the C API's keys (<c>group_pendency_group_id</c>, ...).</summary>
    public class GroupPendency
    {
        /// <summary>JSON key <c>group_pendency_group_id</c>: the group ID.</summary>
        public string group_pendency_group_id;
        /// <summary>JSON key <c>group_pendency_form_identifier</c>: the form user ID.</summary>
        public string group_pendency_form_identifier;
        /// <summary>JSON key <c>group_pendency_to_identifier</c>: the to user ID.</summary>
        public string group_pendency_to_identifier;
        /// <summary>JSON key <c>group_pendency_add_time</c>: the add time.</summary>
        public ulong group_pendency_add_time;
        /// <summary>JSON key <c>group_pendency_pendency_type</c>: the pendency type.</summary>
        public HuddleGroupPendencyType group_pendency_pendency_type;
        /// <summary>JSON key <c>group_pendency_handled</c>: the handled.</summary>
        public HuddleGroupPendencyHandle group_pendency_handled;
        /// <summary>JSON key <c>group_pendency_handle_result</c>: the handle result.</summary>
        public HuddleGroupPendencyHandleResult group_pendency_handle_result;
        /// <summary>JSON key <c>group_pendency_apply_invite_msg</c>: the apply invite message.</summary>
        public string group_pendency_apply_invite_msg;
        /// <summary>JSON key <c>group_pendency_form_user_defined_data</c>: the form user defined data.</summary>
        public string group_pendency_form_user_defined_data;
        /// <summary>JSON key <c>group_pendency_approval_msg</c>: the approval message.</summary>
        public string group_pendency_approval_msg;
        /// <summary>JSON key <c>group_pendency_to_user_defined_data</c>: the to user defined data.</summary>
        public string group_pendency_to_user_defined_data;
        /// <summary>Identifies one request exactly; null: the applicant's latest in the group.</summary>
        public string group_pendency_key;
        /// <summary>JSON key <c>group_pendency_self_identifier</c>: who read the list (the caller).</summary>
        public string group_pendency_self_identifier;
    }

    /// <summary>The JSON object group pendency result: its fields are the C API's keys (<c>group_pendency_result_next_start_time</c>, ...).</summary>
    public class GroupPendencyResult
    {
        /// <summary>JSON key <c>group_pendency_result_next_start_time</c>: the next start time.</summary>
        public ulong group_pendency_result_next_start_time;
        /// <summary>JSON key <c>group_pendency_result_read_time_seq</c>: the read time sequence number.</summary>
        public ulong group_pendency_result_read_time_seq;
        /// <summary>JSON key <c>group_pendency_result_unread_num</c>: the unread number.</summary>
        public uint group_pendency_result_unread_num;
        /// <summary>JSON key <c>group_pendency_result_pendency_array</c>: the pendency array.</summary>
        public List<GroupPendency> group_pendency_result_pendency_array;
    }

    /// <summary>The JSON object group handle pendency param: its fields are the C API's keys (<c>group_handle_pendency_param_is_accept</c>, ...).</summary>
    public class GroupHandlePendencyParam
    {
        /// <summary>JSON key <c>group_handle_pendency_param_is_accept</c>: whether it is accept.</summary>
        public bool group_handle_pendency_param_is_accept;
        /// <summary>JSON key <c>group_handle_pendency_param_handle_msg</c>: the handle message.</summary>
        public string group_handle_pendency_param_handle_msg;
        /// <summary>An item of GroupPendencyResult, or one with group_pendency_group_id and group_pendency_form_identifier set.</summary>
        public GroupPendency group_handle_pendency_param_pendency;
    }

    /// <summary>A custom string field of a user's profile (<c>user_profile_custom_string_info_*</c>).</summary>
    public class UserProfileCustomStringInfo
    {
        /// <summary>JSON key <c>user_profile_custom_string_info_key</c>: with or without the Tag_Profile_Custom_ prefix when set; always with it when read.</summary>
        public string user_profile_custom_string_info_key;
        /// <summary>JSON key <c>user_profile_custom_string_info_value</c>: at most 500 bytes; "" removes the field.</summary>
        public string user_profile_custom_string_info_value;
    }

    /// <summary>What ProfileModifySelfUserProfile changes (Tencent's UserProfileItem): null fields are kept as they are.</summary>
    public class UserProfileItem
    {
        /// <summary>JSON key <c>user_profile_item_nick_name</c>: the nickname.</summary>
        public string user_profile_item_nick_name;
        /// <summary>JSON key <c>user_profile_item_face_url</c>: the face URL.</summary>
        public string user_profile_item_face_url;
        /// <summary>JSON key <c>user_profile_item_custom_string_array</c>: custom fields to set.</summary>
        public List<UserProfileCustomStringInfo> user_profile_item_custom_string_array;
    }

    /// <summary>The users ProfileGetUserProfileList reads (Tencent's FriendShipGetProfileListParam).</summary>
    public class FriendshipGetProfileListParam
    {
        /// <summary>JSON key <c>friendship_getprofilelist_param_identifier_array</c>: 1 to 100 user IDs.</summary>
        public List<string> friendship_getprofilelist_param_identifier_array;
    }

    /// <summary>A user's profile (Tencent's UserProfile), as ProfileGetUserProfileList and message_sender_profile give it.</summary>
    public class UserProfile
    {
        /// <summary>JSON key <c>user_profile_identifier</c>: the user ID.</summary>
        public string user_profile_identifier;
        /// <summary>JSON key <c>user_profile_nick_name</c>: the nickname, "" when not set.</summary>
        public string user_profile_nick_name;
        /// <summary>JSON key <c>user_profile_face_url</c>: the face URL, "" when not set.</summary>
        public string user_profile_face_url;
        /// <summary>JSON key <c>user_profile_custom_string_array</c>: the custom fields (not in message_sender_profile).</summary>
        public List<UserProfileCustomStringInfo> user_profile_custom_string_array;
    }

    /// <summary>The JSON object group mute allowlist param: its fields are the C API's keys (<c>group_mute_allowlist_param_group_id</c>, ...).</summary>
    public class GroupMuteAllowlistParam
    {
        /// <summary>JSON key <c>group_mute_allowlist_param_group_id</c>: the group ID.</summary>
        public string group_mute_allowlist_param_group_id;
        /// <summary>JSON key <c>group_mute_allowlist_param_identifier_array</c>: the user ID array.</summary>
        public List<string> group_mute_allowlist_param_identifier_array;
        /// <summary>JSON key <c>group_mute_allowlist_param_is_add</c>: whether it is add.</summary>
        public bool group_mute_allowlist_param_is_add;
    }

    /// <summary>The JSON object group tip group change info: its fields are the C API's keys (<c>group_tips_group_change_info_flag</c>, ...).</summary>
    public class GroupTipGroupChangeInfo
    {
        /// <summary>JSON key <c>group_tips_group_change_info_flag</c>: the flag.</summary>
        public HuddleGroupTipChangeFlag group_tips_group_change_info_flag;
        /// <summary>JSON key <c>group_tips_group_change_info_value</c>: the value.</summary>
        public string group_tips_group_change_info_value;
        /// <summary>The custom field's key, for HuddleGroupTipChangeFlag.Custom.</summary>
        public string group_tips_group_change_info_key;
        /// <summary>JSON key <c>group_tips_group_change_info_bool_value</c>: the bool value.</summary>
        public bool? group_tips_group_change_info_bool_value;
        /// <summary>JSON key <c>group_tips_group_change_info_int_value</c>: the int value.</summary>
        public long? group_tips_group_change_info_int_value;
    }

    /// <summary>The JSON object group tip member change info: its fields are the C API's keys (<c>group_tips_member_change_info_identifier</c>, ...).</summary>
    public class GroupTipMemberChangeInfo
    {
        /// <summary>JSON key <c>group_tips_member_change_info_identifier</c>: the user ID.</summary>
        public string group_tips_member_change_info_identifier;
        /// <summary>Seconds of mute left; 0 when unmuted.</summary>
        public ulong group_tips_member_change_info_shutupTime;
    }

    /// <summary>The JSON object group tips elem: its fields are the C API's keys (<c>group_tips_elem_tip_type</c>, ...).</summary>
    public class GroupTipsElem
    {
        /// <summary>JSON key <c>group_tips_elem_tip_type</c>: the tip type.</summary>
        public HuddleGroupTipType group_tips_elem_tip_type;
        /// <summary>JSON key <c>group_tips_elem_group_id</c>: the group ID.</summary>
        public string group_tips_elem_group_id;
        /// <summary>JSON key <c>group_tips_elem_group_name</c>: the group name.</summary>
        public string group_tips_elem_group_name;
        /// <summary>JSON key <c>group_tips_elem_op_user</c>: the operating user.</summary>
        public string group_tips_elem_op_user;
        /// <summary>JSON key <c>group_tips_elem_user_array</c>: the user array.</summary>
        public List<string> group_tips_elem_user_array;
        /// <summary>JSON key <c>group_tips_elem_time</c>: the time.</summary>
        public ulong group_tips_elem_time;
        /// <summary>JSON key <c>group_tips_elem_member_num</c>: the member number.</summary>
        public uint group_tips_elem_member_num;
        /// <summary>On Invite tips only.</summary>
        public HuddleGroupJoinType? group_tips_elem_join_type;
        /// <summary>JSON key <c>group_tips_elem_group_change_info_array</c>: the group change info array.</summary>
        public List<GroupTipGroupChangeInfo> group_tips_elem_group_change_info_array;
        /// <summary>JSON key <c>group_tips_elem_member_change_info_array</c>: the member change info array.</summary>
        public List<GroupTipMemberChangeInfo> group_tips_elem_member_change_info_array;
        /// <summary>The hello message (JoinRequest) or the answer (JoinRejected).</summary>
        public string group_tips_elem_msg;
    }
}
