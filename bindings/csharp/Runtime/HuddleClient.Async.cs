using System;
using System.Collections.Generic;
using System.Threading.Tasks;

namespace Huddle
{
    // Task twins of the callback methods: the task completes where the callback
    // would have run (inside Poll in poll mode) and faults with HuddleException
    // on a non-zero sync or async code.
    public sealed partial class HuddleClient
    {
        /// <summary>The Task form of <c>Login</c>: completes where its callback would run (inside Poll in poll mode), or faults with HuddleException, whether the library refused the call (a negative HuddleResult) or reported an error (a HuddleCode).</summary>
        public Task LoginAsync(string userId, string userSig) => ToTask(cb => Login(userId, userSig, cb));

        /// <summary>The Task form of <c>Logout</c>: completes where its callback would run (inside Poll in poll mode), or faults with HuddleException, whether the library refused the call (a negative HuddleResult) or reported an error (a HuddleCode).</summary>
        public Task LogoutAsync() => ToTask(cb => Logout(cb));

        /// <summary>The Task form of <c>GroupCreate</c>: completes where its callback would run (inside Poll in poll mode), or faults with HuddleException, whether the library refused the call (a negative HuddleResult) or reported an error (a HuddleCode). Completes with the new group's ID.</summary>
        public Task<CreateGroupResult> GroupCreateAsync(CreateGroupParam param) => ToTask<CreateGroupResult>(cb => GroupCreate(param, cb));

        /// <summary>The Task form of <c>GroupDelete</c>: completes where its callback would run (inside Poll in poll mode), or faults with HuddleException, whether the library refused the call (a negative HuddleResult) or reported an error (a HuddleCode).</summary>
        public Task GroupDeleteAsync(string groupId) => ToTask(cb => GroupDelete(groupId, cb));

        /// <summary>Completes with Joined, WaitingForApproval or AlreadyMember.</summary>
        public Task<HuddleGroupJoinStatus> GroupJoinAsync(string groupId, string helloMsg) =>
            ToTask<HuddleGroupJoinStatus>(done => GroupJoin(groupId, helloMsg, (int code, string desc, GroupJoinResult data, string userData) =>
                done(code, desc, code == 0 ? data.group_join_result_status : default(HuddleGroupJoinStatus), userData)));

        /// <summary>The Task form of <c>GroupQuit</c>: completes where its callback would run (inside Poll in poll mode), or faults with HuddleException, whether the library refused the call (a negative HuddleResult) or reported an error (a HuddleCode).</summary>
        public Task GroupQuitAsync(string groupId) => ToTask(cb => GroupQuit(groupId, cb));

        /// <summary>The Task form of <c>GroupInviteMember</c>: completes where its callback would run (inside Poll in poll mode), or faults with HuddleException, whether the library refused the call (a negative HuddleResult) or reported an error (a HuddleCode).</summary>
        public Task<List<GroupInviteMemberResult>> GroupInviteMemberAsync(GroupInviteMemberParam param) =>
            ToTask<List<GroupInviteMemberResult>>(cb => GroupInviteMember(param, cb));

        /// <summary>The Task form of <c>GroupDeleteMember</c>: completes where its callback would run (inside Poll in poll mode), or faults with HuddleException, whether the library refused the call (a negative HuddleResult) or reported an error (a HuddleCode).</summary>
        public Task<List<GroupDeleteMemberResult>> GroupDeleteMemberAsync(GroupDeleteMemberParam param) =>
            ToTask<List<GroupDeleteMemberResult>>(cb => GroupDeleteMember(param, cb));

        /// <summary>The Task form of <c>GroupGetJoinedGroupList</c>: completes where its callback would run (inside Poll in poll mode), or faults with HuddleException, whether the library refused the call (a negative HuddleResult) or reported an error (a HuddleCode).</summary>
        public Task<List<GroupBaseInfo>> GroupGetJoinedGroupListAsync() => ToTask<List<GroupBaseInfo>>(cb => GroupGetJoinedGroupList(cb));

        /// <summary>The Task form of <c>GroupGetGroupInfoList</c>: completes where its callback would run (inside Poll in poll mode), or faults with HuddleException, whether the library refused the call (a negative HuddleResult) or reported an error (a HuddleCode).</summary>
        public Task<List<GetGroupInfoResult>> GroupGetGroupInfoListAsync(List<string> groupIds) =>
            ToTask<List<GetGroupInfoResult>>(cb => GroupGetGroupInfoList(groupIds, cb));

        /// <summary>The Task form of <c>GroupModifyGroupInfo</c>: completes where its callback would run (inside Poll in poll mode), or faults with HuddleException, whether the library refused the call (a negative HuddleResult) or reported an error (a HuddleCode).</summary>
        public Task GroupModifyGroupInfoAsync(GroupModifyInfoParam param) => ToTask(cb => GroupModifyGroupInfo(param, cb));

        /// <summary>The Task form of <c>GroupGetMemberInfoList</c>: completes where its callback would run (inside Poll in poll mode), or faults with HuddleException, whether the library refused the call (a negative HuddleResult) or reported an error (a HuddleCode).</summary>
        public Task<GroupGetMemberInfoListResult> GroupGetMemberInfoListAsync(GroupGetMemberInfoListParam param) =>
            ToTask<GroupGetMemberInfoListResult>(cb => GroupGetMemberInfoList(param, cb));

        /// <summary>The Task form of <c>GroupModifyMemberInfo</c>: completes where its callback would run (inside Poll in poll mode), or faults with HuddleException, whether the library refused the call (a negative HuddleResult) or reported an error (a HuddleCode).</summary>
        public Task GroupModifyMemberInfoAsync(GroupModifyMemberInfoParam param) => ToTask(cb => GroupModifyMemberInfo(param, cb));

        /// <summary>The Task form of <c>GroupGetPendencyList</c>: completes where its callback would run (inside Poll in poll mode), or faults with HuddleException, whether the library refused the call (a negative HuddleResult) or reported an error (a HuddleCode). Completes with the requests.</summary>
        public Task<GroupPendencyResult> GroupGetPendencyListAsync(GroupPendencyOption option) =>
            ToTask<GroupPendencyResult>(cb => GroupGetPendencyList(option, cb));

        /// <summary>The Task form of <c>GroupHandlePendency</c>: completes where its callback would run (inside Poll in poll mode), or faults with HuddleException, whether the library refused the call (a negative HuddleResult) or reported an error (a HuddleCode).</summary>
        public Task GroupHandlePendencyAsync(GroupHandlePendencyParam param) => ToTask(cb => GroupHandlePendency(param, cb));

        /// <summary>The Task form of <c>GroupReportPendencyReaded</c>: completes where its callback would run (inside Poll in poll mode), or faults with HuddleException, whether the library refused the call (a negative HuddleResult) or reported an error (a HuddleCode).</summary>
        public Task GroupReportPendencyReadedAsync(ulong timeStamp) => ToTask(cb => GroupReportPendencyReaded(timeStamp, cb));

        /// <summary>The Task form of <c>GroupModifyMuteAllowlist</c>: completes where its callback would run (inside Poll in poll mode), or faults with HuddleException, whether the library refused the call (a negative HuddleResult) or reported an error (a HuddleCode).</summary>
        public Task GroupModifyMuteAllowlistAsync(GroupMuteAllowlistParam param) => ToTask(cb => GroupModifyMuteAllowlist(param, cb));

        /// <summary>The Task form of <c>GroupGetMuteAllowlist</c>: completes where its callback would run (inside Poll in poll mode), or faults with HuddleException, whether the library refused the call (a negative HuddleResult) or reported an error (a HuddleCode).</summary>
        public Task<List<string>> GroupGetMuteAllowlistAsync(string groupId) => ToTask<List<string>>(cb => GroupGetMuteAllowlist(groupId, cb));

        /// <summary>The Task form of <c>ProfileModifySelfUserProfile</c>: completes where its callback would run (inside Poll in poll mode), or faults with HuddleException, whether the library refused the call (a negative HuddleResult) or reported an error (a HuddleCode).</summary>
        public Task ProfileModifySelfUserProfileAsync(UserProfileItem item) => ToTask(cb => ProfileModifySelfUserProfile(item, cb));

        /// <summary>The Task form of <c>ProfileGetUserProfileList</c>: completes where its callback would run (inside Poll in poll mode), or faults with HuddleException, whether the library refused the call (a negative HuddleResult) or reported an error (a HuddleCode).</summary>
        public Task<List<UserProfile>> ProfileGetUserProfileListAsync(FriendshipGetProfileListParam param) =>
            ToTask<List<UserProfile>>(cb => ProfileGetUserProfileList(param, cb));

        /// <summary>The Task form of <c>AdminGetUserGroupList</c>: completes where its callback would run (inside Poll in poll mode), or faults with HuddleException, whether the library refused the call (a negative HuddleResult) or reported an error (a HuddleCode).</summary>
        public Task<List<string>> AdminGetUserGroupListAsync(string userId) => ToTask<List<string>>(cb => AdminGetUserGroupList(userId, cb));

        /// <summary>The Task form of <c>AdminGetGroupMemberIDList</c>: completes where its callback would run (inside Poll in poll mode), or faults with HuddleException, whether the library refused the call (a negative HuddleResult) or reported an error (a HuddleCode).</summary>
        public Task<List<string>> AdminGetGroupMemberIDListAsync(string groupId) =>
            ToTask<List<string>>(cb => AdminGetGroupMemberIDList(groupId, cb));

        /// <summary>The message ID is the result's message_msg_id.</summary>
        public Task<Message> MsgSendMessageAsync(string convId, HuddleConvType convType, Message message) =>
            ToTask<Message>(cb =>
            {
                string messageId;
                return MsgSendMessage(convId, convType, message, out messageId, cb);
            });

        /// <summary>The Task form of <c>MsgGetMsgList</c>: completes where its callback would run (inside Poll in poll mode), or faults with HuddleException, whether the library refused the call (a negative HuddleResult) or reported an error (a HuddleCode). Completes with the messages, newest first.</summary>
        public Task<List<Message>> MsgGetMsgListAsync(string convId, HuddleConvType convType, MsgGetMsgListParam param) =>
            ToTask<List<Message>>(cb => MsgGetMsgList(convId, convType, param, cb));

        /// <summary>The Task form of <c>MsgRevoke</c>: completes where its callback would run (inside Poll in poll mode), or faults with HuddleException, whether the library refused the call (a negative HuddleResult) or reported an error (a HuddleCode).</summary>
        public Task MsgRevokeAsync(string convId, HuddleConvType convType, Message message) => ToTask(cb => MsgRevoke(convId, convType, message, cb));

        /// <summary>The Task form of <c>MsgReportReaded</c>: completes where its callback would run (inside Poll in poll mode), or faults with HuddleException, whether the library refused the call (a negative HuddleResult) or reported an error (a HuddleCode).</summary>
        public Task MsgReportReadedAsync(string convId, HuddleConvType convType, Message message) =>
            ToTask(cb => MsgReportReaded(convId, convType, message, cb));

        /// <summary>The Task form of <c>ConvGetConvList</c>: completes where its callback would run (inside Poll in poll mode), or faults with HuddleException, whether the library refused the call (a negative HuddleResult) or reported an error (a HuddleCode).</summary>
        public Task<List<ConvInfo>> ConvGetConvListAsync() => ToTask<List<ConvInfo>>(cb => ConvGetConvList(cb));

        /// <summary>The Task form of <c>ConvGetConversationListByFilter</c>: completes where its callback would run (inside Poll in poll mode), or faults with HuddleException, whether the library refused the call (a negative HuddleResult) or reported an error (a HuddleCode).</summary>
        public Task<ConversationListResult> ConvGetConversationListByFilterAsync(ConversationListFilter filter) =>
            ToTask<ConversationListResult>(cb => ConvGetConversationListByFilter(filter, cb));

        /// <summary>The Task form of <c>ConvDelete</c>: completes where its callback would run (inside Poll in poll mode), or faults with HuddleException, whether the library refused the call (a negative HuddleResult) or reported an error (a HuddleCode).</summary>
        public Task ConvDeleteAsync(string convId, HuddleConvType convType) => ToTask(cb => ConvDelete(convId, convType, cb));

        /// <summary>The Task form of <c>ConvPinConversation</c>: completes where its callback would run (inside Poll in poll mode), or faults with HuddleException, whether the library refused the call (a negative HuddleResult) or reported an error (a HuddleCode).</summary>
        public Task ConvPinConversationAsync(string convId, HuddleConvType convType, bool isPinned) =>
            ToTask(cb => ConvPinConversation(convId, convType, isPinned, cb));

        /// <summary>The Task form of <c>ConvGetTotalUnreadMessageCount</c>: completes where its callback would run (inside Poll in poll mode), or faults with HuddleException, whether the library refused the call (a negative HuddleResult) or reported an error (a HuddleCode).</summary>
        public Task<TotalUnreadResult> ConvGetTotalUnreadMessageCountAsync() => ToTask<TotalUnreadResult>(cb => ConvGetTotalUnreadMessageCount(cb));

        /// <summary>The Task form of <c>ConvCreateConversationGroup</c>: completes where its callback would run (inside Poll in poll mode), or faults with HuddleException, whether the library refused the call (a negative HuddleResult) or reported an error (a HuddleCode).</summary>
        public Task<List<ConversationOperationResult>> ConvCreateConversationGroupAsync(string groupName, List<string> conversationIds) =>
            ToTask<List<ConversationOperationResult>>(cb => ConvCreateConversationGroup(groupName, conversationIds, cb));

        /// <summary>The Task form of <c>ConvGetConversationGroupList</c>: completes where its callback would run (inside Poll in poll mode), or faults with HuddleException, whether the library refused the call (a negative HuddleResult) or reported an error (a HuddleCode).</summary>
        public Task<List<string>> ConvGetConversationGroupListAsync() => ToTask<List<string>>(cb => ConvGetConversationGroupList(cb));

        /// <summary>The Task form of <c>ConvDeleteConversationGroup</c>: completes where its callback would run (inside Poll in poll mode), or faults with HuddleException, whether the library refused the call (a negative HuddleResult) or reported an error (a HuddleCode).</summary>
        public Task ConvDeleteConversationGroupAsync(string groupName) => ToTask(cb => ConvDeleteConversationGroup(groupName, cb));

        /// <summary>The Task form of <c>ConvRenameConversationGroup</c>: completes where its callback would run (inside Poll in poll mode), or faults with HuddleException, whether the library refused the call (a negative HuddleResult) or reported an error (a HuddleCode).</summary>
        public Task ConvRenameConversationGroupAsync(string oldName, string newName) => ToTask(cb => ConvRenameConversationGroup(oldName, newName, cb));

        /// <summary>The Task form of <c>ConvAddConversationsToGroup</c>: completes where its callback would run (inside Poll in poll mode), or faults with HuddleException, whether the library refused the call (a negative HuddleResult) or reported an error (a HuddleCode).</summary>
        public Task<List<ConversationOperationResult>> ConvAddConversationsToGroupAsync(string groupName, List<string> conversationIds) =>
            ToTask<List<ConversationOperationResult>>(cb => ConvAddConversationsToGroup(groupName, conversationIds, cb));

        /// <summary>The Task form of <c>ConvDeleteConversationsFromGroup</c>: completes where its callback would run (inside Poll in poll mode), or faults with HuddleException, whether the library refused the call (a negative HuddleResult) or reported an error (a HuddleCode).</summary>
        public Task<List<ConversationOperationResult>> ConvDeleteConversationsFromGroupAsync(string groupName, List<string> conversationIds) =>
            ToTask<List<ConversationOperationResult>>(cb => ConvDeleteConversationsFromGroup(groupName, conversationIds, cb));

        private static Task<T> ToTask<T>(Func<ValueCallback<T>, HuddleResult> call)
        {
            var source = new TaskCompletionSource<T>();
            HuddleResult result = call((code, desc, data, userData) =>
            {
                if (code == 0)
                    source.SetResult(data);
                else
                    source.SetException(new HuddleException(code, desc));
            });
            if (result != HuddleResult.Succ)
                source.SetException(HuddleException.FromResult(result));
            return source.Task;
        }

        private static Task ToTask(Func<NullValueCallback, HuddleResult> call)
        {
            return ToTask<bool>(done => call((code, desc, userData) => done(code, desc, true, userData)));
        }
    }
}
