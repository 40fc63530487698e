using System.Collections.Generic;

// The friendlier shapes beside the Tencent-shaped data classes: messages made
// in one call, and profile changes whose modify flags follow from the
// properties set. Each turns into the Tencent-shaped object the C API takes.
namespace Huddle
{
    /// <summary>A message: sent with MsgSendMessage, received by the new-message listeners, kept in history. Make one with <see cref="Text"/> or <see cref="Custom"/>, or set <see cref="message_elem_array"/>.</summary>
    public partial class Message
    {
        /// <summary>A message of one text elem: <c>client.MsgSendMessageAsync(groupId, HuddleConvType.Group, Message.Text("hi"))</c>.</summary>
        /// <param name="text">Any Unicode text; it travels as UTF-8.</param>
        public static Message Text(string text)
        {
            return new Message
            {
                message_elem_array = new List<Elem> { new Elem { elem_type = HuddleElemType.Text, text_elem_content = text } },
            };
        }

        /// <summary>A message of one custom elem, which Huddle passes through as is (game moves, invitations, ...).</summary>
        /// <param name="data">The payload, JSON for example.</param>
        /// <param name="desc">A description (Tencent's custom_elem_desc); may be null.</param>
        /// <param name="ext">An extension field (Tencent's custom_elem_ext); may be null.</param>
        public static Message Custom(string data, string desc = null, string ext = null)
        {
            return new Message
            {
                message_elem_array = new List<Elem>
                {
                    new Elem { elem_type = HuddleElemType.Custom, custom_elem_data = data, custom_elem_desc = desc, custom_elem_ext = ext },
                },
            };
        }

        /// <summary>The text of the first text elem, or null: what a chat window shows of a message.</summary>
        public string FirstText()
        {
            if (message_elem_array == null)
                return null;
            foreach (Elem elem in message_elem_array)
            {
                if (elem.elem_type == HuddleElemType.Text)
                    return elem.text_elem_content;
            }
            return null;
        }
    }

    /// <summary>
    /// A change to a group's profile: set the properties to change and leave
    /// the others null; the modify flags follow from what is set
    /// (<c>client.ModifyGroupInfoAsync(id, new GroupChange { Name = "x", Notification = "y" })</c>).
    /// Who may change what is huddle.h's HuddleGroupModifyGroupInfo: texts by any member of a
    /// Work group and by the owner and admins of the others, MaxMemberNum by the owner.
    /// </summary>
    public sealed class GroupChange
    {
        /// <summary>The new name, 1..100 UTF-8 bytes (else 8502).</summary>
        public string Name;
        /// <summary>The new notification, at most 300 UTF-8 bytes (else 8504).</summary>
        public string Notification;
        /// <summary>The new introduction, at most 240 UTF-8 bytes (else 8503).</summary>
        public string Introduction;
        /// <summary>The new face URL, at most 100 bytes (else 8505).</summary>
        public string FaceUrl;
        /// <summary>How users may join from now on.</summary>
        public HuddleGroupAddOption? AddOption;
        /// <summary>The new member limit (the owner only).</summary>
        public uint? MaxMemberNum;
        /// <summary>True mutes everyone but the owner, the admins and the mute allowlist; false lifts it.</summary>
        public bool? ShutupAll;
        /// <summary>Custom fields to set, key to value.</summary>
        public Dictionary<string, string> Custom;
        /// <summary>
        /// The user to hand the group to (a member; the owner only, not in AVChatRoom).
        /// Tencent's API makes an ownership transfer a change of its own: set nothing else with it.
        /// </summary>
        public string Owner;

        /// <summary>The modify flags this change sets: one per property that is not null.</summary>
        public HuddleGroupModifyInfoFlag Flags
        {
            get
            {
                var flags = HuddleGroupModifyInfoFlag.None;
                if (Name != null) flags |= HuddleGroupModifyInfoFlag.Name;
                if (Notification != null) flags |= HuddleGroupModifyInfoFlag.Notification;
                if (Introduction != null) flags |= HuddleGroupModifyInfoFlag.Introduction;
                if (FaceUrl != null) flags |= HuddleGroupModifyInfoFlag.FaceUrl;
                if (AddOption != null) flags |= HuddleGroupModifyInfoFlag.AddOption;
                if (MaxMemberNum != null) flags |= HuddleGroupModifyInfoFlag.MaxMemberNum;
                if (ShutupAll != null) flags |= HuddleGroupModifyInfoFlag.ShutupAll;
                if (Custom != null) flags |= HuddleGroupModifyInfoFlag.Custom;
                if (Owner != null) flags |= HuddleGroupModifyInfoFlag.Owner;
                return flags;
            }
        }

        /// <summary>The Tencent-shaped parameter of <c>HuddleClient.GroupModifyGroupInfo</c>, for the callback API.</summary>
        /// <param name="groupId">The group to change.</param>
        public GroupModifyInfoParam ToParam(string groupId)
        {
            List<GroupInfoCustomStringInfo> custom = null;
            if (Custom != null)
            {
                custom = new List<GroupInfoCustomStringInfo>();
                foreach (KeyValuePair<string, string> field in Custom)
                    custom.Add(new GroupInfoCustomStringInfo { group_info_custom_string_info_key = field.Key, group_info_custom_string_info_value = field.Value });
            }
            return new GroupModifyInfoParam
            {
                group_modify_info_param_group_id = groupId,
                group_modify_info_param_modify_flag = Flags,
                group_modify_info_param_group_name = Name,
                group_modify_info_param_notification = Notification,
                group_modify_info_param_introduction = Introduction,
                group_modify_info_param_face_url = FaceUrl,
                group_modify_info_param_add_option = AddOption,
                group_modify_info_param_max_member_num = MaxMemberNum,
                group_modify_info_param_is_shutup_all = ShutupAll,
                group_modify_info_param_custom_info = custom,
                group_modify_info_param_owner = Owner,
            };
        }
    }

    /// <summary>
    /// A change to one member of a group: set the properties to change and
    /// leave the others null; the modify flags follow from what is set
    /// (<c>client.ModifyMemberInfoAsync(groupId, "bob", new MemberChange { NameCard = "Bobby" })</c>).
    /// Who may change what is huddle.h's HuddleGroupModifyMemberInfo.
    /// </summary>
    public sealed class MemberChange
    {
        /// <summary>How the member receives the group's messages (the member itself only).</summary>
        public HuddleReceiveMessageOpt? MsgFlag;
        /// <summary>Member or Admin (the owner only); SetAdmin and CancelAdmin tips follow.</summary>
        public HuddleGroupMemberRole? Role;
        /// <summary>Seconds the member may not speak; 0 lifts a mute (owner and admins, over members below them).</summary>
        public ulong? ShutupSeconds;
        /// <summary>The member's name in this group, at most 50 UTF-8 bytes (else 8506).</summary>
        public string NameCard;
        /// <summary>Member custom fields to set, key to value.</summary>
        public Dictionary<string, string> Custom;

        /// <summary>The modify flags this change sets: one per property that is not null.</summary>
        public HuddleGroupMemberModifyFlag Flags
        {
            get
            {
                var flags = HuddleGroupMemberModifyFlag.None;
                if (MsgFlag != null) flags |= HuddleGroupMemberModifyFlag.MsgFlag;
                if (Role != null) flags |= HuddleGroupMemberModifyFlag.MemberRole;
                if (ShutupSeconds != null) flags |= HuddleGroupMemberModifyFlag.ShutupTime;
                if (NameCard != null) flags |= HuddleGroupMemberModifyFlag.NameCard;
                if (Custom != null) flags |= HuddleGroupMemberModifyFlag.Custom;
                return flags;
            }
        }

        /// <summary>The Tencent-shaped parameter of <c>HuddleClient.GroupModifyMemberInfo</c>, for the callback API.</summary>
        /// <param name="groupId">The group.</param>
        /// <param name="userId">The member to change.</param>
        public GroupModifyMemberInfoParam ToParam(string groupId, string userId)
        {
            List<GroupMemberInfoCustomStringInfo> custom = null;
            if (Custom != null)
            {
                custom = new List<GroupMemberInfoCustomStringInfo>();
                foreach (KeyValuePair<string, string> field in Custom)
                    custom.Add(new GroupMemberInfoCustomStringInfo { group_member_info_custom_string_info_key = field.Key, group_member_info_custom_string_info_value = field.Value });
            }
            return new GroupModifyMemberInfoParam
            {
                group_modify_member_info_group_id = groupId,
                group_modify_member_info_identifier = userId,
                group_modify_member_info_modify_flag = Flags,
                group_modify_member_info_msg_flag = MsgFlag,
                group_modify_member_info_member_role = Role,
                group_modify_member_info_shutup_time = ShutupSeconds,
                group_modify_member_info_name_card = NameCard,
                group_modify_member_info_custom_info = custom,
            };
        }
    }
}
