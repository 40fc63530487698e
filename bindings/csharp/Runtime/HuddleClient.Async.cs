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
        public Task LoginAsync(string userId, string userSig) => ToTask(cb => Login(userId, userSig, cb));

        public Task LogoutAsync() => ToTask(cb => Logout(cb));

        public Task<CreateGroupResult> GroupCreateAsync(CreateGroupParam param) => ToTask<CreateGroupResult>(cb => GroupCreate(param, cb));

        public Task GroupDeleteAsync(string groupId) => ToTask(cb => GroupDelete(groupId, cb));

        /// <summary>Completes with Joined, WaitingForApproval or AlreadyMember.</summary>
        public Task<HuddleGroupJoinStatus> GroupJoinAsync(string groupId, string helloMsg) =>
            ToTask<HuddleGroupJoinStatus>(done => GroupJoin(groupId, helloMsg, (int code, string desc, GroupJoinResult data, string userData) =>
                done(code, desc, code == 0 ? data.group_join_result_status : default(HuddleGroupJoinStatus), userData)));

        public Task GroupQuitAsync(string groupId) => ToTask(cb => GroupQuit(groupId, cb));

        public Task<List<GroupInviteMemberResult>> GroupInviteMemberAsync(GroupInviteMemberParam param) =>
            ToTask<List<GroupInviteMemberResult>>(cb => GroupInviteMember(param, cb));

        public Task<List<GroupDeleteMemberResult>> GroupDeleteMemberAsync(GroupDeleteMemberParam param) =>
            ToTask<List<GroupDeleteMemberResult>>(cb => GroupDeleteMember(param, cb));

        public Task<List<GroupBaseInfo>> GroupGetJoinedGroupListAsync() => ToTask<List<GroupBaseInfo>>(cb => GroupGetJoinedGroupList(cb));

        public Task<List<GetGroupInfoResult>> GroupGetGroupInfoListAsync(List<string> groupIds) =>
            ToTask<List<GetGroupInfoResult>>(cb => GroupGetGroupInfoList(groupIds, cb));

        public Task GroupModifyGroupInfoAsync(GroupModifyInfoParam param) => ToTask(cb => GroupModifyGroupInfo(param, cb));

        public Task<GroupGetMemberInfoListResult> GroupGetMemberInfoListAsync(GroupGetMemberInfoListParam param) =>
            ToTask<GroupGetMemberInfoListResult>(cb => GroupGetMemberInfoList(param, cb));

        public Task GroupModifyMemberInfoAsync(GroupModifyMemberInfoParam param) => ToTask(cb => GroupModifyMemberInfo(param, cb));

        public Task<GroupPendencyResult> GroupGetPendencyListAsync(GroupPendencyOption option) =>
            ToTask<GroupPendencyResult>(cb => GroupGetPendencyList(option, cb));

        public Task GroupHandlePendencyAsync(GroupHandlePendencyParam param) => ToTask(cb => GroupHandlePendency(param, cb));

        public Task GroupReportPendencyReadedAsync(ulong timeStamp) => ToTask(cb => GroupReportPendencyReaded(timeStamp, cb));

        public Task GroupModifyMuteAllowlistAsync(GroupMuteAllowlistParam param) => ToTask(cb => GroupModifyMuteAllowlist(param, cb));

        public Task<List<string>> GroupGetMuteAllowlistAsync(string groupId) => ToTask<List<string>>(cb => GroupGetMuteAllowlist(groupId, cb));

        public Task<List<string>> AdminGetUserGroupListAsync(string userId) => ToTask<List<string>>(cb => AdminGetUserGroupList(userId, cb));

        public Task<List<string>> AdminGetGroupMemberIDListAsync(string groupId) =>
            ToTask<List<string>>(cb => AdminGetGroupMemberIDList(groupId, cb));

        /// <summary>The message ID is the result's message_msg_id.</summary>
        public Task<Message> MsgSendMessageAsync(string convId, HuddleConvType convType, Message message) =>
            ToTask<Message>(cb =>
            {
                string messageId;
                return MsgSendMessage(convId, convType, message, out messageId, cb);
            });

        public Task<List<Message>> MsgGetMsgListAsync(string convId, HuddleConvType convType, MsgGetMsgListParam param) =>
            ToTask<List<Message>>(cb => MsgGetMsgList(convId, convType, param, cb));

        public Task MsgRevokeAsync(string convId, HuddleConvType convType, Message message) => ToTask(cb => MsgRevoke(convId, convType, message, cb));

        public Task MsgReportReadedAsync(string convId, HuddleConvType convType, Message message) =>
            ToTask(cb => MsgReportReaded(convId, convType, message, cb));

        public Task<List<ConvInfo>> ConvGetConvListAsync() => ToTask<List<ConvInfo>>(cb => ConvGetConvList(cb));

        public Task<ConversationListResult> ConvGetConversationListByFilterAsync(ConversationListFilter filter) =>
            ToTask<ConversationListResult>(cb => ConvGetConversationListByFilter(filter, cb));

        public Task ConvDeleteAsync(string convId, HuddleConvType convType) => ToTask(cb => ConvDelete(convId, convType, cb));

        public Task ConvPinConversationAsync(string convId, HuddleConvType convType, bool isPinned) =>
            ToTask(cb => ConvPinConversation(convId, convType, isPinned, cb));

        public Task<TotalUnreadResult> ConvGetTotalUnreadMessageCountAsync() => ToTask<TotalUnreadResult>(cb => ConvGetTotalUnreadMessageCount(cb));

        public Task<List<ConversationOperationResult>> ConvCreateConversationGroupAsync(string groupName, List<string> conversationIds) =>
            ToTask<List<ConversationOperationResult>>(cb => ConvCreateConversationGroup(groupName, conversationIds, cb));

        public Task<List<string>> ConvGetConversationGroupListAsync() => ToTask<List<string>>(cb => ConvGetConversationGroupList(cb));

        public Task ConvDeleteConversationGroupAsync(string groupName) => ToTask(cb => ConvDeleteConversationGroup(groupName, cb));

        public Task ConvRenameConversationGroupAsync(string oldName, string newName) => ToTask(cb => ConvRenameConversationGroup(oldName, newName, cb));

        public Task<List<ConversationOperationResult>> ConvAddConversationsToGroupAsync(string groupName, List<string> conversationIds) =>
            ToTask<List<ConversationOperationResult>>(cb => ConvAddConversationsToGroup(groupName, conversationIds, cb));

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
