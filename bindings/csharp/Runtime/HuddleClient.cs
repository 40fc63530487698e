using System;
using System.Collections.Generic;
using System.Runtime.CompilerServices;

namespace Huddle
{
    /// <summary>
    /// One Huddle client: the C API on an instance, shaped like Tencent's Unity
    /// TencentIMSDK class. Every call returns its synchronous HuddleResult; its
    /// callback runs exactly once if and only if that is Succ, inside Poll (poll
    /// mode) or on the client's library thread (thread mode).
    /// </summary>
    /// <remarks>
    /// Errors reach you by one of two channels, by API style:
    /// <list type="bullet">
    /// <item><description>The callback methods (<c>GroupCreate(param, callback)</c>, ...) have two,
    /// and a caller checks both. The returned HuddleResult: a negative one (ErrNotLogin,
    /// ErrJson, ErrParam, ...) means the library refused the call before it started, and
    /// the callback will never run. Then the callback's code: 0, or the HuddleCode of
    /// what went wrong (PermissionDenied 10007, GroupNotFound 10010, ...), with a sentence in desc.</description></item>
    /// <item><description>The Async methods (<c>GroupCreateAsync</c>, <c>ModifyGroupInfoAsync</c>, ...)
    /// have one: the task faults with HuddleException, whose Code is the negative
    /// HuddleResult or the HuddleCode, whichever it was. They never throw at the call itself.</description></item>
    /// </list>
    /// The friendlier shapes (<see cref="Message.Text"/>, <see cref="Message.Custom"/>,
    /// <see cref="GroupChange"/>, <see cref="MemberChange"/>) live beside the Tencent-shaped ones and turn into them.
    /// </remarks>
    public sealed partial class HuddleClient : IDisposable
    {
        private const int FirstBufferBytes = 128;
        private const int MaxBufferBytes = 64 * 1024;

        private static readonly Dictionary<int, HuddleClient> Live = new Dictionary<int, HuddleClient>();
        private static int lastId;

        private readonly int id;
        private IntPtr handle;

        private delegate int NativeCall(IntPtr client, NativeMethods.CommCallback cb, IntPtr userData);

        private HuddleClient(IntPtr handle)
        {
            this.handle = handle;
            lock (Live)
            {
                id = ++lastId;
                Live.Add(id, this);
            }
        }

        /// <summary>Creates a client, or throws HuddleException with the sync code (-3 bad JSON, -4 bad value).</summary>
        public static HuddleClient Create(SdkConfig config)
        {
            IntPtr client;
            int result = NativeMethods.HuddleInit(Json.Encode(config ?? new SdkConfig()), out client);
            if (result != 0)
                throw HuddleException.FromResult((HuddleResult)result);
            return new HuddleClient(client);
        }

        /// <summary>
        /// Ends the client (HuddleUninit): every callback still owed runs before this
        /// returns, with its result or 6013, on this thread in poll mode. Later calls
        /// return ErrSdkUninit. Safe to call twice and from inside a callback.
        /// </summary>
        public void Dispose()
        {
            IntPtr client;
            lock (Live)
            {
                client = handle;
                handle = IntPtr.Zero;
            }
            if (client == IntPtr.Zero)
                return;
            NativeMethods.HuddleUninit(client);
            lock (Live)
                Live.Remove(id);
        }

        /// <summary>Managed callbacks of all clients whose native call has not finished yet.</summary>
        public static int PendingCallbackCount
        {
            get { return Pending.Count; }
        }

        /// <summary>The library's version, "MAJOR.MINOR.PATCH" (HuddleGetSDKVersion).</summary>
        public static string GetSDKVersion()
        {
            return Utf8.Decode(NativeMethods.HuddleGetSDKVersion());
        }

        /// <summary>An English sentence for any sync or async code; check codes, not text.</summary>
        public static string ResultString(int code)
        {
            return Utf8.Decode(NativeMethods.HuddleResultString(code));
        }

        /// <summary>A user_sig for tests and tools; a shipped game gets them from its own server.</summary>
        public static HuddleResult GenUserSig(string secretKey, ulong sdkAppId, string userId, ulong expireSeconds, out string userSig)
        {
            byte[] secret = Utf8.Encode(secretKey), user = Utf8.Encode(userId);
            return ReadString(buf => NativeMethods.HuddleGenUserSig(secret, sdkAppId, user, expireSeconds, buf, (UIntPtr)buf.Length), out userSig);
        }

        /// <summary>Poll mode: runs up to <paramref name="max"/> pending callbacks on this thread and returns how many ran.</summary>
        public int Poll(int max)
        {
            return NativeMethods.HuddlePoll(handle, (uint)Math.Max(max, 0));
        }

        /// <summary>Logs <paramref name="userId"/> in (HuddleLogin); <paramref name="userSig"/> may be null when the engine checks no sigs. Returns the sync result; the callback runs exactly once if and only if that is Succ (its code is then 0 or a HuddleCode).</summary>
        public HuddleResult Login(string userId, string userSig, NullValueCallback callback)
        {
            return Call((h, cb, ud) => NativeMethods.HuddleLogin(h, Utf8.Encode(userId), Utf8.Encode(userSig), cb, ud), Null(callback));
        }

        /// <summary>Logs out (HuddleLogout); group tips stop until the next login. Returns the sync result; the callback runs exactly once if and only if that is Succ (its code is then 0 or a HuddleCode).</summary>
        public HuddleResult Logout(NullValueCallback callback)
        {
            return Call((h, cb, ud) => NativeMethods.HuddleLogout(h, cb, ud), Null(callback));
        }

        /// <summary>The logged-in user's ID in <paramref name="userId"/>; ErrNotLogin (null ID) when nobody is logged in.</summary>
        public HuddleResult GetLoginUserID(out string userId)
        {
            return ReadString(buf => NativeMethods.HuddleGetLoginUserID(handle, buf, (UIntPtr)buf.Length), out userId);
        }

        /// <summary>
        /// The server's clock in unix seconds (Tencent's TIMGetServerTime): against
        /// huddle-server, the local clock corrected by the offset measured at the
        /// last connect; on the embedded engine, the local clock.
        /// </summary>
        public ulong GetServerTime()
        {
            return NativeMethods.HuddleGetServerTime(handle);
        }

        /// <summary>Logged in, logging in, logged out or logging out (HuddleGetLoginStatus).</summary>
        public HuddleLoginStatus GetLoginStatus()
        {
            return (HuddleLoginStatus)NativeMethods.HuddleGetLoginStatus(handle);
        }

        /// <summary>Creates a group; the creator becomes its owner and the callback gets its ID (HuddleGroupCreate). Returns the sync result; the callback runs exactly once if and only if that is Succ (its code is then 0 or a HuddleCode).</summary>
        public HuddleResult GroupCreate(CreateGroupParam param, ValueCallback<CreateGroupResult> callback)
        {
            return Call((h, cb, ud) => NativeMethods.HuddleGroupCreate(h, Json.Encode(param), cb, ud), Value(callback));
        }

        /// <summary>Disbands a group: the owner, or an app admin for Work groups (HuddleGroupDelete). Returns the sync result; the callback runs exactly once if and only if that is Succ (its code is then 0 or a HuddleCode).</summary>
        public HuddleResult GroupDelete(string groupId, NullValueCallback callback)
        {
            return Call((h, cb, ud) => NativeMethods.HuddleGroupDelete(h, Utf8.Encode(groupId), cb, ud), Null(callback));
        }

        /// <summary>Joins, or asks to join: the owner and admins then get a JoinRequest tip, and the applicant an Invite tip once approved.</summary>
        public HuddleResult GroupJoin(string groupId, string helloMsg, NullValueCallback callback)
        {
            return Call((h, cb, ud) => NativeMethods.HuddleGroupJoin(h, Utf8.Encode(groupId), Utf8.Encode(helloMsg), cb, ud), Null(callback));
        }

        /// <summary>GroupJoin that also tells joined (0) from waiting for approval (1) from already a member (2).</summary>
        public HuddleResult GroupJoin(string groupId, string helloMsg, ValueCallback<GroupJoinResult> callback)
        {
            return Call((h, cb, ud) => NativeMethods.HuddleGroupJoin(h, Utf8.Encode(groupId), Utf8.Encode(helloMsg), cb, ud), Value(callback));
        }

        /// <summary>Leaves a group; the owner may not, except of a Work group (HuddleGroupQuit). Returns the sync result; the callback runs exactly once if and only if that is Succ (its code is then 0 or a HuddleCode).</summary>
        public HuddleResult GroupQuit(string groupId, NullValueCallback callback)
        {
            return Call((h, cb, ud) => NativeMethods.HuddleGroupQuit(h, Utf8.Encode(groupId), cb, ud), Null(callback));
        }

        /// <summary>With code 10014 (group full) the data still lists who was added.</summary>
        public HuddleResult GroupInviteMember(GroupInviteMemberParam param, ValueCallback<List<GroupInviteMemberResult>> callback)
        {
            return Call((h, cb, ud) => NativeMethods.HuddleGroupInviteMember(h, Json.Encode(param), cb, ud), Value(callback));
        }

        /// <summary>Removes members, optionally banning their return for a while (HuddleGroupDeleteMember). Returns the sync result; the callback runs exactly once if and only if that is Succ (its code is then 0 or a HuddleCode).</summary>
        public HuddleResult GroupDeleteMember(GroupDeleteMemberParam param, ValueCallback<List<GroupDeleteMemberResult>> callback)
        {
            return Call((h, cb, ud) => NativeMethods.HuddleGroupDeleteMember(h, Json.Encode(param), cb, ud), Value(callback));
        }

        /// <summary>The groups the user is in, AVChatRoom groups excepted (HuddleGroupGetJoinedGroupList). Returns the sync result; the callback runs exactly once if and only if that is Succ (its code is then 0 or a HuddleCode).</summary>
        public HuddleResult GroupGetJoinedGroupList(ValueCallback<List<GroupBaseInfo>> callback)
        {
            return Call((h, cb, ud) => NativeMethods.HuddleGroupGetJoinedGroupList(h, cb, ud), Value(callback));
        }

        /// <summary>Group profiles, one result per ID, in order (HuddleGroupGetGroupInfoList). Returns the sync result; the callback runs exactly once if and only if that is Succ (its code is then 0 or a HuddleCode).</summary>
        public HuddleResult GroupGetGroupInfoList(List<string> groupIds, ValueCallback<List<GetGroupInfoResult>> callback)
        {
            return Call((h, cb, ud) => NativeMethods.HuddleGroupGetGroupInfoList(h, Json.Encode(groupIds), cb, ud), Value(callback));
        }

        /// <summary>Changes a group's profile, Tencent's way: set the modify flags yourself, or use ModifyGroupInfoAsync with a GroupChange (HuddleGroupModifyGroupInfo). Returns the sync result; the callback runs exactly once if and only if that is Succ (its code is then 0 or a HuddleCode).</summary>
        public HuddleResult GroupModifyGroupInfo(GroupModifyInfoParam param, NullValueCallback callback)
        {
            return Call((h, cb, ud) => NativeMethods.HuddleGroupModifyGroupInfo(h, Json.Encode(param), cb, ud), Null(callback));
        }

        /// <summary>Member profiles, a page at a time, for members (HuddleGroupGetMemberInfoList). Returns the sync result; the callback runs exactly once if and only if that is Succ (its code is then 0 or a HuddleCode).</summary>
        public HuddleResult GroupGetMemberInfoList(GroupGetMemberInfoListParam param, ValueCallback<GroupGetMemberInfoListResult> callback)
        {
            return Call((h, cb, ud) => NativeMethods.HuddleGroupGetMemberInfoList(h, Json.Encode(param), cb, ud), Value(callback));
        }

        /// <summary>Changes one member, Tencent's way: set the modify flags yourself, or use ModifyMemberInfoAsync with a MemberChange (HuddleGroupModifyMemberInfo). Returns the sync result; the callback runs exactly once if and only if that is Succ (its code is then 0 or a HuddleCode).</summary>
        public HuddleResult GroupModifyMemberInfo(GroupModifyMemberInfoParam param, NullValueCallback callback)
        {
            return Call((h, cb, ud) => NativeMethods.HuddleGroupModifyMemberInfo(h, Json.Encode(param), cb, ud), Null(callback));
        }

        /// <summary>The join requests the user may answer, newest first (HuddleGroupGetPendencyList). Returns the sync result; the callback runs exactly once if and only if that is Succ (its code is then 0 or a HuddleCode).</summary>
        public HuddleResult GroupGetPendencyList(GroupPendencyOption option, ValueCallback<GroupPendencyResult> callback)
        {
            return Call((h, cb, ud) => NativeMethods.HuddleGroupGetPendencyList(h, Json.Encode(option), cb, ud), Value(callback));
        }

        /// <summary>Approves or rejects a join request from the pendency list (HuddleGroupHandlePendency). Returns the sync result; the callback runs exactly once if and only if that is Succ (its code is then 0 or a HuddleCode).</summary>
        public HuddleResult GroupHandlePendency(GroupHandlePendencyParam param, NullValueCallback callback)
        {
            return Call((h, cb, ud) => NativeMethods.HuddleGroupHandlePendency(h, Json.Encode(param), cb, ud), Null(callback));
        }

        /// <summary>Marks the requests added at or before <paramref name="timeStamp"/> (unix seconds) as read.</summary>
        public HuddleResult GroupReportPendencyReaded(ulong timeStamp, NullValueCallback callback)
        {
            return Call((h, cb, ud) => NativeMethods.HuddleGroupReportPendencyReaded(h, timeStamp, cb, ud), Null(callback));
        }

        /// <summary>Adds users to, or removes them from, the list of who may speak while the group is muted for all (HuddleGroupModifyMuteAllowlist). Returns the sync result; the callback runs exactly once if and only if that is Succ (its code is then 0 or a HuddleCode).</summary>
        public HuddleResult GroupModifyMuteAllowlist(GroupMuteAllowlistParam param, NullValueCallback callback)
        {
            return Call((h, cb, ud) => NativeMethods.HuddleGroupModifyMuteAllowlist(h, Json.Encode(param), cb, ud), Null(callback));
        }

        /// <summary>The mute allowlist of a group, for members (HuddleGroupGetMuteAllowlist). Returns the sync result; the callback runs exactly once if and only if that is Succ (its code is then 0 or a HuddleCode).</summary>
        public HuddleResult GroupGetMuteAllowlist(string groupId, ValueCallback<List<string>> callback)
        {
            return Call((h, cb, ud) => NativeMethods.HuddleGroupGetMuteAllowlist(h, Utf8.Encode(groupId), cb, ud), Value(callback));
        }

        /// <summary>Changes the caller's own profile: the keys set are changed, the others kept (HuddleProfileModifySelfUserProfile). Nickname, face URL and custom values are at most 500 bytes (HuddleCode.ProfileSizeLimit); a custom key's name after Tag_Profile_Custom_ is 1 to 8 English letters (HuddleCode.InvalidProfileKey). Returns the sync result; the callback runs exactly once if and only if that is Succ.</summary>
        public HuddleResult ProfileModifySelfUserProfile(UserProfileItem item, NullValueCallback callback)
        {
            return Call((h, cb, ud) => NativeMethods.HuddleProfileModifySelfUserProfile(h, Json.Encode(item), cb, ud), Null(callback));
        }

        /// <summary>The profiles of 1 to 100 users, in the order asked; a user who set none has empty fields (HuddleProfileGetUserProfileList). Returns the sync result; the callback runs exactly once if and only if that is Succ.</summary>
        public HuddleResult ProfileGetUserProfileList(FriendshipGetProfileListParam param, ValueCallback<List<UserProfile>> callback)
        {
            return Call((h, cb, ud) => NativeMethods.HuddleProfileGetUserProfileList(h, Json.Encode(param), cb, ud), Value(callback));
        }

        /// <summary>App admins only: the IDs of every group the user is in, AVChatRoom included.</summary>
        public HuddleResult AdminGetUserGroupList(string userId, ValueCallback<List<string>> callback)
        {
            return Call((h, cb, ud) => NativeMethods.HuddleAdminGetUserGroupList(h, Utf8.Encode(userId), cb, ud), Value(callback));
        }

        /// <summary>App admins only: every member ID of a group.</summary>
        public HuddleResult AdminGetGroupMemberIDList(string groupId, ValueCallback<List<string>> callback)
        {
            return Call((h, cb, ud) => NativeMethods.HuddleAdminGetGroupMemberIDList(h, Utf8.Encode(groupId), cb, ud), Value(callback));
        }

        private HuddleResult Call(NativeCall native, Completion completion)
        {
            if (completion == null)
                return (HuddleResult)native(handle, null, IntPtr.Zero);
            IntPtr key = Pending.Add(completion);
            int result = (int)HuddleResult.ErrSdkUninit;
            try
            {
                result = native(handle, CommTrampoline, key);
            }
            finally
            {
                // The callback runs only after a 0; anything else (or a throw) means it never will.
                if (result != 0)
                    Pending.Take(key);
            }
            return (HuddleResult)result;
        }

        private static Completion Value<T>(ValueCallback<T> callback, [CallerMemberName] string api = null)
        {
            return callback == null ? null : new ValueCompletion<T>(callback, api);
        }

        private static Completion Null(NullValueCallback callback, [CallerMemberName] string api = null)
        {
            return callback == null ? null : new NullValueCompletion(callback, api);
        }

        /// <summary>Fills a growing buffer until the C function stops saying it is too small (-4).</summary>
        private static HuddleResult ReadString(Func<byte[], int> fill, out string value)
        {
            value = null;
            for (int size = FirstBufferBytes; ; size *= 2)
            {
                var buf = new byte[size];
                var result = (HuddleResult)fill(buf);
                if (result == HuddleResult.Succ)
                    value = Utf8.DecodeBuffer(buf);
                if (result != HuddleResult.ErrParam || size >= MaxBufferBytes)
                    return result;
            }
        }

        internal static void CopyLive(List<HuddleClient> into)
        {
            into.Clear();
            lock (Live)
                into.AddRange(Live.Values);
        }

        /// <summary>Ends every client, before Unity unloads the managed code its callbacks point into.</summary>
        internal static void DisposeAll()
        {
            var clients = new List<HuddleClient>();
            CopyLive(clients);
            foreach (var client in clients)
                client.Dispose();
        }

        private static HuddleClient Find(IntPtr id)
        {
            lock (Live)
            {
                HuddleClient client;
                Live.TryGetValue(id.ToInt32(), out client);
                return client;
            }
        }
    }
}
