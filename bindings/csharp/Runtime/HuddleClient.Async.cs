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

        public Task GroupJoinAsync(string groupId, string helloMsg) => ToTask(cb => GroupJoin(groupId, helloMsg, cb));

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
