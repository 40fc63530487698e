using System.Threading.Tasks;

namespace Huddle
{
    // The friendlier calls beside the Tencent-shaped ones: typed changes
    // instead of flag arithmetic, messages by group. Like every Async method,
    // they have one error channel: the task faults with HuddleException,
    // whether the library refused the call at once (a negative HuddleResult)
    // or its callback reported an error (a HuddleCode).
    public sealed partial class HuddleClient
    {
        /// <summary>
        /// Changes a group's profile: the properties of <paramref name="change"/> that are
        /// set, with the modify flags they imply. Every member gets one GroupInfoChange tip.
        /// </summary>
        /// <param name="groupId">The group to change.</param>
        /// <param name="change">What to change; null properties stay as they are.</param>
        /// <returns>A task that completes once the change is made, or faults with HuddleException (10007: not allowed).</returns>
        public Task ModifyGroupInfoAsync(string groupId, GroupChange change)
        {
            return GroupModifyGroupInfoAsync(change == null ? null : change.ToParam(groupId));
        }

        /// <summary>
        /// Changes one member: the properties of <paramref name="change"/> that are set,
        /// with the modify flags they imply.
        /// </summary>
        /// <param name="groupId">The group.</param>
        /// <param name="userId">The member to change.</param>
        /// <param name="change">What to change; null properties stay as they are.</param>
        /// <returns>A task that completes once the change is made, or faults with HuddleException (10007: not allowed).</returns>
        public Task ModifyMemberInfoAsync(string groupId, string userId, MemberChange change)
        {
            return GroupModifyMemberInfoAsync(change == null ? null : change.ToParam(groupId, userId));
        }

        /// <summary>Sends <paramref name="message"/> (<see cref="Message.Text"/>, <see cref="Message.Custom"/>) to a group.</summary>
        /// <param name="groupId">The group.</param>
        /// <param name="message">The message.</param>
        /// <returns>A task of the sent message (its message_msg_id, message_seq, ...), or faulting with HuddleException.</returns>
        public Task<Message> SendGroupMessageAsync(string groupId, Message message)
        {
            return MsgSendMessageAsync(groupId, HuddleConvType.Group, message);
        }

        /// <summary>Sends <paramref name="message"/> to one user.</summary>
        /// <param name="userId">The other user.</param>
        /// <param name="message">The message.</param>
        /// <returns>A task of the sent message, or faulting with HuddleException.</returns>
        public Task<Message> SendC2CMessageAsync(string userId, Message message)
        {
            return MsgSendMessageAsync(userId, HuddleConvType.C2C, message);
        }
    }
}
