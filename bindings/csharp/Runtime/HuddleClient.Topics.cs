using System;
using System.Collections.Generic;
using System.Threading.Tasks;
using AOT;

namespace Huddle
{
    // Community topics (channels of a community created with
    // create_group_param_is_support_topic: a topic's messages are group
    // messages whose conversation ID is the topic ID), local search of the
    // caller's groups and their members, and member marks.
    public sealed partial class HuddleClient
    {
        private static readonly NativeMethods.GroupTopicCallback TopicCreatedTrampoline = OnTopicCreated;
        private static readonly NativeMethods.GroupTopicCallback TopicDeletedTrampoline = OnTopicDeleted;
        private static readonly NativeMethods.GroupTopicCallback TopicChangedTrampoline = OnTopicChanged;

        private volatile GroupTopicCreatedCallback topicCreated;
        private volatile GroupTopicDeletedCallback topicDeleted;
        private volatile GroupTopicChangedCallback topicChanged;

        /// <summary>The caller's communities that take topics (HuddleGroupGetJoinedCommunityList). Returns the sync result; the callback runs exactly once if and only if that is Succ (its code is then 0 or a HuddleCode).</summary>
        public HuddleResult GroupGetJoinedCommunityList(ValueCallback<List<GroupBaseInfo>> callback)
        {
            return Call((h, cb, ud) => NativeMethods.HuddleGroupGetJoinedCommunityList(h, cb, ud), Value(callback));
        }

        /// <summary>Creates a topic in a community that takes topics, by its owner or an admin (HuddleGroupCreateTopicInCommunity): 10004 for a group without topics, 10007 for a member, 8501/10021 for a bad or taken custom ID. Every member's topic-created listener fires. Returns the sync result; the callback runs exactly once if and only if that is Succ.</summary>
        public HuddleResult GroupCreateTopicInCommunity(string groupId, GroupTopicInfo topicInfo, ValueCallback<CreateTopicResult> callback)
        {
            return Call((h, cb, ud) => NativeMethods.HuddleGroupCreateTopicInCommunity(h, Utf8.Encode(groupId), Json.Encode(topicInfo), cb, ud), Value(callback));
        }

        /// <summary>Deletes topics, each on its own (HuddleGroupDeleteTopicFromCommunity): one result per ID (0, or 10010 unknown). Returns the sync result; the callback runs exactly once if and only if that is Succ.</summary>
        public HuddleResult GroupDeleteTopicFromCommunity(string groupId, List<string> topicIds, ValueCallback<List<GroupTopicOperationResult>> callback)
        {
            return Call((h, cb, ud) => NativeMethods.HuddleGroupDeleteTopicFromCommunity(h, Utf8.Encode(groupId), Json.Encode(topicIds), cb, ud), Value(callback));
        }

        /// <summary>Changes what the info's modify flag names of a topic (HuddleGroupSetTopicInfo): the draft is the caller's own, the rest the owner's and admins'. Returns the sync result; the callback runs exactly once if and only if that is Succ.</summary>
        public HuddleResult GroupSetTopicInfo(GroupTopicInfo topicInfo, NullValueCallback callback)
        {
            return Call((h, cb, ud) => NativeMethods.HuddleGroupSetTopicInfo(h, Json.Encode(topicInfo), cb, ud), Null(callback));
        }

        /// <summary>The topics named (all when the list is empty) as the caller sees them, with its unread count and last message (HuddleGroupGetTopicInfoList). Returns the sync result; the callback runs exactly once if and only if that is Succ.</summary>
        public HuddleResult GroupGetTopicInfoList(string groupId, List<string> topicIds, ValueCallback<List<GroupTopicInfoResult>> callback)
        {
            return Call((h, cb, ud) => NativeMethods.HuddleGroupGetTopicInfoList(h, Utf8.Encode(groupId), Json.Encode(topicIds ?? new List<string>()), cb, ud), Value(callback));
        }

        /// <summary>The caller's groups whose ID or name holds a keyword (HuddleGroupSearchGroups; 6017 for no keyword or more than 5). Returns the sync result; the callback runs exactly once if and only if that is Succ.</summary>
        public HuddleResult GroupSearchGroups(GroupSearchParam param, ValueCallback<List<GroupDetailInfo>> callback)
        {
            return Call((h, cb, ud) => NativeMethods.HuddleGroupSearchGroups(h, Json.Encode(param), cb, ud), Value(callback));
        }

        /// <summary>The members of the caller's groups whose chosen fields hold a keyword, by group (HuddleGroupSearchGroupMembers). Returns the sync result; the callback runs exactly once if and only if that is Succ.</summary>
        public HuddleResult GroupSearchGroupMembers(GroupMemberSearchParam param, ValueCallback<List<GroupSearchGroupMembersResult>> callback)
        {
            return Call((h, cb, ud) => NativeMethods.HuddleGroupSearchGroupMembers(h, Json.Encode(param), cb, ud), Value(callback));
        }

        /// <summary>Sets or removes the app's mark (from 1000) on AVChatRoom members, by the owner (HuddleGroupMarkGroupMemberList); GroupGetMemberInfoList with that number as role flag lists them. Returns the sync result; the callback runs exactly once if and only if that is Succ.</summary>
        public HuddleResult GroupMarkGroupMemberList(string groupId, List<string> members, uint markType, bool enableMark, NullValueCallback callback)
        {
            return Call((h, cb, ud) => NativeMethods.HuddleGroupMarkGroupMemberList(h, Utf8.Encode(groupId), Json.Encode(members), markType, enableMark, cb, ud), Null(callback));
        }

        /// <summary>The Task form of <c>GroupGetJoinedCommunityList</c>: completes where its callback would run (inside Poll in poll mode), or faults with HuddleException.</summary>
        public Task<List<GroupBaseInfo>> GroupGetJoinedCommunityListAsync() => ToTask<List<GroupBaseInfo>>(cb => GroupGetJoinedCommunityList(cb));

        /// <summary>The Task form of <c>GroupCreateTopicInCommunity</c>: completes with the new topic's ID, or faults with HuddleException.</summary>
        public Task<CreateTopicResult> GroupCreateTopicInCommunityAsync(string groupId, GroupTopicInfo topicInfo) =>
            ToTask<CreateTopicResult>(cb => GroupCreateTopicInCommunity(groupId, topicInfo, cb));

        /// <summary>The Task form of <c>GroupDeleteTopicFromCommunity</c>: completes with one result per ID, or faults with HuddleException.</summary>
        public Task<List<GroupTopicOperationResult>> GroupDeleteTopicFromCommunityAsync(string groupId, List<string> topicIds) =>
            ToTask<List<GroupTopicOperationResult>>(cb => GroupDeleteTopicFromCommunity(groupId, topicIds, cb));

        /// <summary>The Task form of <c>GroupSetTopicInfo</c>: completes where its callback would run, or faults with HuddleException.</summary>
        public Task GroupSetTopicInfoAsync(GroupTopicInfo topicInfo) => ToTask(cb => GroupSetTopicInfo(topicInfo, cb));

        /// <summary>The Task form of <c>GroupGetTopicInfoList</c>: completes with one result per topic, or faults with HuddleException.</summary>
        public Task<List<GroupTopicInfoResult>> GroupGetTopicInfoListAsync(string groupId, List<string> topicIds) =>
            ToTask<List<GroupTopicInfoResult>>(cb => GroupGetTopicInfoList(groupId, topicIds, cb));

        /// <summary>The Task form of <c>GroupSearchGroups</c>: completes with the matching groups, or faults with HuddleException.</summary>
        public Task<List<GroupDetailInfo>> GroupSearchGroupsAsync(GroupSearchParam param) => ToTask<List<GroupDetailInfo>>(cb => GroupSearchGroups(param, cb));

        /// <summary>The Task form of <c>GroupSearchGroupMembers</c>: completes with the matching members by group, or faults with HuddleException.</summary>
        public Task<List<GroupSearchGroupMembersResult>> GroupSearchGroupMembersAsync(GroupMemberSearchParam param) =>
            ToTask<List<GroupSearchGroupMembersResult>>(cb => GroupSearchGroupMembers(param, cb));

        /// <summary>The Task form of <c>GroupMarkGroupMemberList</c>: completes where its callback would run, or faults with HuddleException.</summary>
        public Task GroupMarkGroupMemberListAsync(string groupId, List<string> members, uint markType, bool enableMark) =>
            ToTask(cb => GroupMarkGroupMemberList(groupId, members, markType, enableMark, cb));

        /// <summary>Tencent's listener of new topics in the user's communities (TIMSetGroupTopicCreatedCallback). Null removes it.</summary>
        public void SetGroupTopicCreatedCallback(GroupTopicCreatedCallback callback)
        {
            topicCreated = callback;
            NativeMethods.HuddleSetGroupTopicCreatedCallback(handle, callback == null ? null : TopicCreatedTrampoline, new IntPtr(id));
        }

        /// <summary>Tencent's listener of deleted topics (TIMSetGroupTopicDeletedCallback). Null removes it.</summary>
        public void SetGroupTopicDeletedCallback(GroupTopicDeletedCallback callback)
        {
            topicDeleted = callback;
            NativeMethods.HuddleSetGroupTopicDeletedCallback(handle, callback == null ? null : TopicDeletedTrampoline, new IntPtr(id));
        }

        /// <summary>Tencent's listener of changed topics (TIMSetGroupTopicChangedCallback): the topic's shared info. Null removes it.</summary>
        public void SetGroupTopicChangedCallback(GroupTopicChangedCallback callback)
        {
            topicChanged = callback;
            NativeMethods.HuddleSetGroupTopicChangedCallback(handle, callback == null ? null : TopicChangedTrampoline, new IntPtr(id));
        }

        [MonoPInvokeCallback(typeof(NativeMethods.GroupTopicCallback))]
        private static void OnTopicCreated(IntPtr groupId, IntPtr topicId, IntPtr userData)
        {
            Notify(userData, client => client.topicCreated,
                callback => callback(Utf8.Decode(groupId), Utf8.Decode(topicId), "SetGroupTopicCreatedCallback"));
        }

        [MonoPInvokeCallback(typeof(NativeMethods.GroupTopicCallback))]
        private static void OnTopicDeleted(IntPtr groupId, IntPtr topicIdArray, IntPtr userData)
        {
            Notify(userData, client => client.topicDeleted,
                callback => callback(Utf8.Decode(groupId), Json.Decode<List<string>>(Utf8.Decode(topicIdArray)), "SetGroupTopicDeletedCallback"));
        }

        [MonoPInvokeCallback(typeof(NativeMethods.GroupTopicCallback))]
        private static void OnTopicChanged(IntPtr groupId, IntPtr topicInfo, IntPtr userData)
        {
            Notify(userData, client => client.topicChanged,
                callback => callback(Utf8.Decode(groupId), Json.Decode<GroupTopicInfo>(Utf8.Decode(topicInfo)), "SetGroupTopicChangedCallback"));
        }
    }
}
