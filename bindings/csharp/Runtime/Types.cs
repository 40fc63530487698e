using System.Collections.Generic;

// Data classes of the JSON the C functions take and give. Field names are the
// C JSON keys, so Newtonsoft maps them with no attributes; nullable fields are
// the ones the library treats differently when absent (nulls are not sent).
namespace Huddle
{
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
        public ulong? sdk_config_sdk_app_id;
        /// <summary>When set, Login verifies user_sigs (see HuddleClient.GenUserSig).</summary>
        public string sdk_config_secret_key;
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

        public const string CallbackModePoll = "poll";
        public const string CallbackModeThread = "thread";
    }

    public class GroupInfoCustomStringInfo
    {
        public string group_info_custom_string_info_key;
        public string group_info_custom_string_info_value;
    }

    public class GroupMemberInfoCustomStringInfo
    {
        public string group_member_info_custom_string_info_key;
        public string group_member_info_custom_string_info_value;
    }

    public class CreateGroupParam
    {
        public string create_group_param_group_name;
        /// <summary>Absent: a generated "@TGS#..." ID.</summary>
        public string create_group_param_group_id;
        public HuddleGroupType create_group_param_group_type;
        public List<GroupMemberInfo> create_group_param_group_member_array;
        public string create_group_param_notification;
        public string create_group_param_introduction;
        public string create_group_param_face_url;
        /// <summary>Absent: the group type's default.</summary>
        public HuddleGroupAddOption? create_group_param_add_option;
        public uint? create_group_param_max_member_num;
        public List<GroupInfoCustomStringInfo> create_group_param_custom_info;
    }

    public class CreateGroupResult
    {
        public string create_group_result_groupid;
    }

    public class GroupJoinResult
    {
        public HuddleGroupJoinStatus group_join_result_status;
    }

    public class GroupMemberInfo
    {
        public string group_member_info_identifier;
        public string group_member_info_group_id;
        public ulong group_member_info_join_time;
        public HuddleGroupMemberRole group_member_info_member_role;
        public HuddleReceiveMessageOpt group_member_info_msg_flag;
        public ulong group_member_info_shutup_time;
        public string group_member_info_name_card;
        public List<GroupMemberInfoCustomStringInfo> group_member_info_custom_info;
    }

    public class GroupInviteMemberParam
    {
        public string group_invite_member_param_group_id;
        public List<string> group_invite_member_param_identifier_array;
        public string group_invite_member_param_user_data;
    }

    public class GroupInviteMemberResult
    {
        public string group_invite_member_result_identifier;
        public HuddleGroupMemberResult group_invite_member_result_result;
    }

    public class GroupDeleteMemberParam
    {
        public string group_delete_member_param_group_id;
        public List<string> group_delete_member_param_identifier_array;
        public string group_delete_member_param_user_data;
        /// <summary>Seconds the removed users may not rejoin.</summary>
        public ulong group_delete_member_param_duration;
    }

    public class GroupDeleteMemberResult
    {
        public string group_delete_member_result_identifier;
        public HuddleGroupMemberResult group_delete_member_result_result;
    }

    public class GroupSelfInfo
    {
        public ulong group_self_info_join_time;
        public HuddleGroupMemberRole group_self_info_role;
        public uint group_self_info_unread_num;
        public HuddleReceiveMessageOpt group_self_info_msg_flag;
    }

    public class GroupBaseInfo
    {
        public string group_base_info_group_id;
        public string group_base_info_group_name;
        public HuddleGroupType group_base_info_group_type;
        public string group_base_info_face_url;
        public ulong group_base_info_info_seq;
        public ulong group_base_info_latest_seq;
        public ulong group_base_info_readed_seq;
        public HuddleReceiveMessageOpt group_base_info_msg_flag;
        public bool group_base_info_is_shutup_all;
        public GroupSelfInfo group_base_info_self_info;
    }

    public class GroupDetailInfo
    {
        public string group_detail_info_group_id;
        public HuddleGroupType group_detail_info_group_type;
        public string group_detail_info_group_name;
        public string group_detail_info_notification;
        public string group_detail_info_introduction;
        public string group_detail_info_face_url;
        public ulong group_detail_info_create_time;
        public ulong group_detail_info_info_seq;
        public ulong group_detail_info_last_info_time;
        public ulong group_detail_info_next_msg_seq;
        public ulong group_detail_info_last_msg_time;
        public uint group_detail_info_member_num;
        public uint group_detail_info_max_member_num;
        public HuddleGroupAddOption group_detail_info_add_option;
        public bool group_detail_info_is_shutup_all;
        public string group_detail_info_owner_identifier;
        public List<GroupInfoCustomStringInfo> group_detail_info_custom_info;
    }

    public class GetGroupInfoResult
    {
        /// <summary>0, or the HuddleCode of this one group (10010 unknown, 10015 invalid ID).</summary>
        public int get_groups_info_result_code;
        public string get_groups_info_result_desc;
        public GroupDetailInfo get_groups_info_result_info;
    }

    public class GroupModifyInfoParam
    {
        public string group_modify_info_param_group_id;
        public HuddleGroupModifyInfoFlag group_modify_info_param_modify_flag;
        public string group_modify_info_param_group_name;
        public string group_modify_info_param_notification;
        public string group_modify_info_param_introduction;
        public string group_modify_info_param_face_url;
        public HuddleGroupAddOption? group_modify_info_param_add_option;
        public uint? group_modify_info_param_max_member_num;
        public bool? group_modify_info_param_is_shutup_all;
        public string group_modify_info_param_owner;
        public List<GroupInfoCustomStringInfo> group_modify_info_param_custom_info;
    }

    public class GroupMemberGetInfoOption
    {
        public HuddleGroupMemberRoleFlag group_member_get_info_option_role_flag;
    }

    public class GroupGetMemberInfoListParam
    {
        public string group_get_members_info_list_param_group_id;
        /// <summary>Absent or empty: every member, a page at a time.</summary>
        public List<string> group_get_members_info_list_param_identifier_array;
        public GroupMemberGetInfoOption group_get_members_info_list_param_option;
        public ulong group_get_members_info_list_param_next_seq;
    }

    public class GroupGetMemberInfoListResult
    {
        /// <summary>0 on the last page.</summary>
        public ulong group_get_member_info_list_result_next_seq;
        public List<GroupMemberInfo> group_get_member_info_list_result_info_array;
    }

    public class GroupModifyMemberInfoParam
    {
        public string group_modify_member_info_group_id;
        public string group_modify_member_info_identifier;
        public HuddleGroupMemberModifyFlag group_modify_member_info_modify_flag;
        public HuddleReceiveMessageOpt? group_modify_member_info_msg_flag;
        public HuddleGroupMemberRole? group_modify_member_info_member_role;
        /// <summary>Seconds; 0 unmutes.</summary>
        public ulong? group_modify_member_info_shutup_time;
        public string group_modify_member_info_name_card;
        public List<GroupMemberInfoCustomStringInfo> group_modify_member_info_custom_info;
    }

    public class GroupPendencyOption
    {
        public ulong group_pendency_option_start_time;
        public uint group_pendency_option_max_limited;
    }

    public class GroupPendency
    {
        public string group_pendency_group_id;
        public string group_pendency_form_identifier;
        public string group_pendency_to_identifier;
        public ulong group_pendency_add_time;
        public HuddleGroupPendencyType group_pendency_pendency_type;
        public HuddleGroupPendencyHandle group_pendency_handled;
        public HuddleGroupPendencyHandleResult group_pendency_handle_result;
        public string group_pendency_apply_invite_msg;
        public string group_pendency_form_user_defined_data;
        public string group_pendency_approval_msg;
        public string group_pendency_to_user_defined_data;
        /// <summary>Identifies one request exactly; null: the applicant's latest in the group.</summary>
        public string group_pendency_key;
    }

    public class GroupPendencyResult
    {
        public ulong group_pendency_result_next_start_time;
        public ulong group_pendency_result_read_time_seq;
        public uint group_pendency_result_unread_num;
        public List<GroupPendency> group_pendency_result_pendency_array;
    }

    public class GroupHandlePendencyParam
    {
        public bool group_handle_pendency_param_is_accept;
        public string group_handle_pendency_param_handle_msg;
        /// <summary>An item of GroupPendencyResult, or one with group_pendency_group_id and group_pendency_form_identifier set.</summary>
        public GroupPendency group_handle_pendency_param_pendency;
    }

    public class GroupMuteAllowlistParam
    {
        public string group_mute_allowlist_param_group_id;
        public List<string> group_mute_allowlist_param_identifier_array;
        public bool group_mute_allowlist_param_is_add;
    }

    public class GroupTipGroupChangeInfo
    {
        public HuddleGroupTipChangeFlag group_tips_group_change_info_flag;
        public string group_tips_group_change_info_value;
        /// <summary>The custom field's key, for HuddleGroupTipChangeFlag.Custom.</summary>
        public string group_tips_group_change_info_key;
        public bool? group_tips_group_change_info_bool_value;
        public long? group_tips_group_change_info_int_value;
    }

    public class GroupTipMemberChangeInfo
    {
        public string group_tips_member_change_info_identifier;
        /// <summary>Seconds of mute left; 0 when unmuted.</summary>
        public ulong group_tips_member_change_info_shutupTime;
    }

    public class GroupTipsElem
    {
        public HuddleGroupTipType group_tips_elem_tip_type;
        public string group_tips_elem_group_id;
        public string group_tips_elem_group_name;
        public string group_tips_elem_op_user;
        public List<string> group_tips_elem_user_array;
        public ulong group_tips_elem_time;
        public uint group_tips_elem_member_num;
        /// <summary>On Invite tips only.</summary>
        public HuddleGroupJoinType? group_tips_elem_join_type;
        public List<GroupTipGroupChangeInfo> group_tips_elem_group_change_info_array;
        public List<GroupTipMemberChangeInfo> group_tips_elem_member_change_info_array;
        /// <summary>The hello message (JoinRequest) or the answer (JoinRejected).</summary>
        public string group_tips_elem_msg;
    }
}
