using System;
using System.Runtime.InteropServices;

namespace Huddle
{
    /// <summary>
    /// Every import of the C ABI (include/huddle.h), grouped as in API.md.
    /// Strings go in as NUL-terminated UTF-8 byte arrays (pinned for the call,
    /// never copied to unmanaged memory) and come out as IntPtr read by Utf8.
    /// </summary>
    internal static class NativeMethods
    {
#if UNITY_IOS && !UNITY_EDITOR
        // iOS links the static library into the player: there is no dylib to load.
        private const string Lib = "__Internal";
#else
        private const string Lib = "huddle";
#endif

        [UnmanagedFunctionPointer(CallingConvention.Cdecl)]
        internal delegate void CommCallback(int code, IntPtr desc, IntPtr jsonParams, IntPtr userData);

        [UnmanagedFunctionPointer(CallingConvention.Cdecl)]
        internal delegate void WakeCallback(IntPtr userData);

        [UnmanagedFunctionPointer(CallingConvention.Cdecl)]
        internal delegate void NetworkStatusCallback(int status, int code, IntPtr desc, IntPtr userData);

        [UnmanagedFunctionPointer(CallingConvention.Cdecl)]
        internal delegate void KickedOfflineCallback(IntPtr userData);

        [UnmanagedFunctionPointer(CallingConvention.Cdecl)]
        internal delegate void UserSigExpiredCallback(IntPtr userData);

        [UnmanagedFunctionPointer(CallingConvention.Cdecl)]
        internal delegate void GroupTipsEventCallback(IntPtr jsonGroupTip, IntPtr userData);

        [UnmanagedFunctionPointer(CallingConvention.Cdecl)]
        internal delegate void RecvNewMsgCallback(IntPtr jsonMsgArray, IntPtr userData);

        [UnmanagedFunctionPointer(CallingConvention.Cdecl)]
        internal delegate void MsgRevokeCallback(IntPtr jsonMsgLocatorArray, IntPtr userData);

        [UnmanagedFunctionPointer(CallingConvention.Cdecl)]
        internal delegate void ConvEventCallback(int convEvent, IntPtr jsonConvArray, IntPtr userData);

        [UnmanagedFunctionPointer(CallingConvention.Cdecl)]
        internal delegate void ConvGroupEventCallback(int groupEvent, IntPtr jsonEvent, IntPtr userData);

        [UnmanagedFunctionPointer(CallingConvention.Cdecl)]
        internal delegate void ConvGroupNameAndConvsCallback(IntPtr groupName, IntPtr conversationArray, IntPtr userData);

        [UnmanagedFunctionPointer(CallingConvention.Cdecl)]
        internal delegate void ConvGroupNameCallback(IntPtr groupName, IntPtr userData);

        [UnmanagedFunctionPointer(CallingConvention.Cdecl)]
        internal delegate void ConvGroupRenamedCallback(IntPtr oldName, IntPtr newName, IntPtr userData);

        [UnmanagedFunctionPointer(CallingConvention.Cdecl)]
        internal delegate void ConvGroupConvsRemovedCallback(IntPtr groupName, IntPtr conversationArray, uint reason, IntPtr userData);

        // Lifecycle

        [DllImport(Lib, CallingConvention = CallingConvention.Cdecl, ExactSpelling = true)]
        internal static extern IntPtr HuddleGetSDKVersion();

        [DllImport(Lib, CallingConvention = CallingConvention.Cdecl, ExactSpelling = true)]
        internal static extern IntPtr HuddleResultString(int code);

        [DllImport(Lib, CallingConvention = CallingConvention.Cdecl, ExactSpelling = true)]
        internal static extern int HuddleInit(byte[] jsonSdkConfig, out IntPtr client);

        [DllImport(Lib, CallingConvention = CallingConvention.Cdecl, ExactSpelling = true)]
        internal static extern int HuddleUninit(IntPtr client);

        [DllImport(Lib, CallingConvention = CallingConvention.Cdecl, ExactSpelling = true)]
        internal static extern int HuddleLogin(IntPtr client, byte[] userId, byte[] userSig, CommCallback cb, IntPtr userData);

        [DllImport(Lib, CallingConvention = CallingConvention.Cdecl, ExactSpelling = true)]
        internal static extern int HuddleLogout(IntPtr client, CommCallback cb, IntPtr userData);

        [DllImport(Lib, CallingConvention = CallingConvention.Cdecl, ExactSpelling = true)]
        internal static extern int HuddleGetLoginUserID(IntPtr client, byte[] buf, UIntPtr bufLen);

        [DllImport(Lib, CallingConvention = CallingConvention.Cdecl, ExactSpelling = true)]
        internal static extern int HuddleGetLoginStatus(IntPtr client);

        [DllImport(Lib, CallingConvention = CallingConvention.Cdecl, ExactSpelling = true)]
        internal static extern int HuddlePoll(IntPtr client, uint maxEvents);

        [DllImport(Lib, CallingConvention = CallingConvention.Cdecl, ExactSpelling = true)]
        internal static extern void HuddleSetWakeCallback(IntPtr client, WakeCallback cb, IntPtr userData);

        [DllImport(Lib, CallingConvention = CallingConvention.Cdecl, ExactSpelling = true)]
        internal static extern void HuddleSetNetworkStatusListenerCallback(IntPtr client, NetworkStatusCallback cb, IntPtr userData);

        [DllImport(Lib, CallingConvention = CallingConvention.Cdecl, ExactSpelling = true)]
        internal static extern void HuddleSetKickedOfflineCallback(IntPtr client, KickedOfflineCallback cb, IntPtr userData);

        [DllImport(Lib, CallingConvention = CallingConvention.Cdecl, ExactSpelling = true)]
        internal static extern void HuddleSetUserSigExpiredCallback(IntPtr client, UserSigExpiredCallback cb, IntPtr userData);

        [DllImport(Lib, CallingConvention = CallingConvention.Cdecl, ExactSpelling = true)]
        internal static extern ulong HuddleGetServerTime(IntPtr client);

        [DllImport(Lib, CallingConvention = CallingConvention.Cdecl, ExactSpelling = true)]
        internal static extern int HuddleGenUserSig(byte[] secretKey, ulong sdkAppId, byte[] userId, ulong expireSeconds, byte[] buf, UIntPtr bufLen);

        // Groups

        [DllImport(Lib, CallingConvention = CallingConvention.Cdecl, ExactSpelling = true)]
        internal static extern int HuddleGroupCreate(IntPtr client, byte[] jsonGroupCreateParam, CommCallback cb, IntPtr userData);

        [DllImport(Lib, CallingConvention = CallingConvention.Cdecl, ExactSpelling = true)]
        internal static extern int HuddleGroupDelete(IntPtr client, byte[] groupId, CommCallback cb, IntPtr userData);

        [DllImport(Lib, CallingConvention = CallingConvention.Cdecl, ExactSpelling = true)]
        internal static extern int HuddleGroupJoin(IntPtr client, byte[] groupId, byte[] helloMsg, CommCallback cb, IntPtr userData);

        [DllImport(Lib, CallingConvention = CallingConvention.Cdecl, ExactSpelling = true)]
        internal static extern int HuddleGroupQuit(IntPtr client, byte[] groupId, CommCallback cb, IntPtr userData);

        [DllImport(Lib, CallingConvention = CallingConvention.Cdecl, ExactSpelling = true)]
        internal static extern int HuddleGroupInviteMember(IntPtr client, byte[] jsonGroupInviteParam, CommCallback cb, IntPtr userData);

        [DllImport(Lib, CallingConvention = CallingConvention.Cdecl, ExactSpelling = true)]
        internal static extern int HuddleGroupDeleteMember(IntPtr client, byte[] jsonGroupDeleteParam, CommCallback cb, IntPtr userData);

        [DllImport(Lib, CallingConvention = CallingConvention.Cdecl, ExactSpelling = true)]
        internal static extern int HuddleGroupGetJoinedGroupList(IntPtr client, CommCallback cb, IntPtr userData);

        [DllImport(Lib, CallingConvention = CallingConvention.Cdecl, ExactSpelling = true)]
        internal static extern int HuddleGroupGetGroupInfoList(IntPtr client, byte[] jsonGroupIdArray, CommCallback cb, IntPtr userData);

        [DllImport(Lib, CallingConvention = CallingConvention.Cdecl, ExactSpelling = true)]
        internal static extern int HuddleGroupModifyGroupInfo(IntPtr client, byte[] jsonGroupModifyInfoParam, CommCallback cb, IntPtr userData);

        [DllImport(Lib, CallingConvention = CallingConvention.Cdecl, ExactSpelling = true)]
        internal static extern int HuddleGroupGetMemberInfoList(IntPtr client, byte[] jsonGroupGetMemInfosParam, CommCallback cb, IntPtr userData);

        [DllImport(Lib, CallingConvention = CallingConvention.Cdecl, ExactSpelling = true)]
        internal static extern int HuddleGroupModifyMemberInfo(IntPtr client, byte[] jsonGroupModifyMemInfoParam, CommCallback cb, IntPtr userData);

        [DllImport(Lib, CallingConvention = CallingConvention.Cdecl, ExactSpelling = true)]
        internal static extern int HuddleGroupGetPendencyList(IntPtr client, byte[] jsonGroupGetPendencyListParam, CommCallback cb, IntPtr userData);

        [DllImport(Lib, CallingConvention = CallingConvention.Cdecl, ExactSpelling = true)]
        internal static extern int HuddleGroupHandlePendency(IntPtr client, byte[] jsonGroupHandlePendencyParam, CommCallback cb, IntPtr userData);

        [DllImport(Lib, CallingConvention = CallingConvention.Cdecl, ExactSpelling = true)]
        internal static extern int HuddleGroupReportPendencyReaded(IntPtr client, ulong timeStamp, CommCallback cb, IntPtr userData);

        [DllImport(Lib, CallingConvention = CallingConvention.Cdecl, ExactSpelling = true)]
        internal static extern int HuddleGroupModifyMuteAllowlist(IntPtr client, byte[] jsonParam, CommCallback cb, IntPtr userData);

        [DllImport(Lib, CallingConvention = CallingConvention.Cdecl, ExactSpelling = true)]
        internal static extern int HuddleGroupGetMuteAllowlist(IntPtr client, byte[] groupId, CommCallback cb, IntPtr userData);

        [DllImport(Lib, CallingConvention = CallingConvention.Cdecl, ExactSpelling = true)]
        internal static extern int HuddleProfileModifySelfUserProfile(IntPtr client, byte[] jsonModifySelfUserProfileParam, CommCallback cb, IntPtr userData);

        [DllImport(Lib, CallingConvention = CallingConvention.Cdecl, ExactSpelling = true)]
        internal static extern int HuddleProfileGetUserProfileList(IntPtr client, byte[] jsonGetUserProfileListParam, CommCallback cb, IntPtr userData);

        [DllImport(Lib, CallingConvention = CallingConvention.Cdecl, ExactSpelling = true)]
        internal static extern int HuddleAdminGetUserGroupList(IntPtr client, byte[] userId, CommCallback cb, IntPtr userData);

        [DllImport(Lib, CallingConvention = CallingConvention.Cdecl, ExactSpelling = true)]
        internal static extern int HuddleAdminGetGroupMemberIDList(IntPtr client, byte[] groupId, CommCallback cb, IntPtr userData);

        [DllImport(Lib, CallingConvention = CallingConvention.Cdecl, ExactSpelling = true)]
        internal static extern void HuddleSetGroupTipsEventCallback(IntPtr client, GroupTipsEventCallback cb, IntPtr userData);

        // Messages

        [DllImport(Lib, CallingConvention = CallingConvention.Cdecl, ExactSpelling = true)]
        internal static extern int HuddleMsgSendMessage(IntPtr client, byte[] convId, int convType, byte[] jsonMsgParam, byte[] messageIdBuffer, CommCallback cb, IntPtr userData);

        [DllImport(Lib, CallingConvention = CallingConvention.Cdecl, ExactSpelling = true)]
        internal static extern void HuddleAddRecvNewMsgCallback(IntPtr client, RecvNewMsgCallback cb, IntPtr userData);

        [DllImport(Lib, CallingConvention = CallingConvention.Cdecl, ExactSpelling = true)]
        internal static extern void HuddleRemoveRecvNewMsgCallback(IntPtr client, RecvNewMsgCallback cb);

        [DllImport(Lib, CallingConvention = CallingConvention.Cdecl, ExactSpelling = true)]
        internal static extern int HuddleMsgGetMsgList(IntPtr client, byte[] convId, int convType, byte[] jsonGetMsgParam, CommCallback cb, IntPtr userData);

        [DllImport(Lib, CallingConvention = CallingConvention.Cdecl, ExactSpelling = true)]
        internal static extern int HuddleMsgRevoke(IntPtr client, byte[] convId, int convType, byte[] jsonMsgParam, CommCallback cb, IntPtr userData);

        [DllImport(Lib, CallingConvention = CallingConvention.Cdecl, ExactSpelling = true)]
        internal static extern void HuddleSetMsgRevokeCallback(IntPtr client, MsgRevokeCallback cb, IntPtr userData);

        [DllImport(Lib, CallingConvention = CallingConvention.Cdecl, ExactSpelling = true)]
        internal static extern int HuddleMsgReportReaded(IntPtr client, byte[] convId, int convType, byte[] jsonMsgParam, CommCallback cb, IntPtr userData);

        // Conversations

        [DllImport(Lib, CallingConvention = CallingConvention.Cdecl, ExactSpelling = true)]
        internal static extern int HuddleConvGetConvList(IntPtr client, CommCallback cb, IntPtr userData);

        [DllImport(Lib, CallingConvention = CallingConvention.Cdecl, ExactSpelling = true)]
        internal static extern int HuddleConvGetConversationListByFilter(IntPtr client, byte[] jsonFilter, CommCallback cb, IntPtr userData);

        [DllImport(Lib, CallingConvention = CallingConvention.Cdecl, ExactSpelling = true)]
        internal static extern int HuddleConvDelete(IntPtr client, byte[] convId, int convType, CommCallback cb, IntPtr userData);

        // C's bool is one byte; P/Invoke's default bool is the 4-byte Win32 BOOL.
        [DllImport(Lib, CallingConvention = CallingConvention.Cdecl, ExactSpelling = true)]
        internal static extern int HuddleConvPinConversation(IntPtr client, byte[] convId, int convType, [MarshalAs(UnmanagedType.U1)] bool isPinned, CommCallback cb, IntPtr userData);

        [DllImport(Lib, CallingConvention = CallingConvention.Cdecl, ExactSpelling = true)]
        internal static extern int HuddleConvGetTotalUnreadMessageCount(IntPtr client, CommCallback cb, IntPtr userData);

        [DllImport(Lib, CallingConvention = CallingConvention.Cdecl, ExactSpelling = true)]
        internal static extern void HuddleSetConvEventCallback(IntPtr client, ConvEventCallback cb, IntPtr userData);

        // Conversation groups

        [DllImport(Lib, CallingConvention = CallingConvention.Cdecl, ExactSpelling = true)]
        internal static extern int HuddleConvCreateConversationGroup(IntPtr client, byte[] groupName, byte[] jsonConversationIdArray, CommCallback cb, IntPtr userData);

        [DllImport(Lib, CallingConvention = CallingConvention.Cdecl, ExactSpelling = true)]
        internal static extern int HuddleConvGetConversationGroupList(IntPtr client, CommCallback cb, IntPtr userData);

        [DllImport(Lib, CallingConvention = CallingConvention.Cdecl, ExactSpelling = true)]
        internal static extern int HuddleConvDeleteConversationGroup(IntPtr client, byte[] groupName, CommCallback cb, IntPtr userData);

        [DllImport(Lib, CallingConvention = CallingConvention.Cdecl, ExactSpelling = true)]
        internal static extern int HuddleConvRenameConversationGroup(IntPtr client, byte[] oldName, byte[] newName, CommCallback cb, IntPtr userData);

        [DllImport(Lib, CallingConvention = CallingConvention.Cdecl, ExactSpelling = true)]
        internal static extern int HuddleConvAddConversationsToGroup(IntPtr client, byte[] groupName, byte[] jsonConversationIdArray, CommCallback cb, IntPtr userData);

        [DllImport(Lib, CallingConvention = CallingConvention.Cdecl, ExactSpelling = true)]
        internal static extern int HuddleConvDeleteConversationsFromGroup(IntPtr client, byte[] groupName, byte[] jsonConversationIdArray, CommCallback cb, IntPtr userData);

        [DllImport(Lib, CallingConvention = CallingConvention.Cdecl, ExactSpelling = true)]
        internal static extern void HuddleSetConvGroupEventCallback(IntPtr client, ConvGroupEventCallback cb, IntPtr userData);

        [DllImport(Lib, CallingConvention = CallingConvention.Cdecl, ExactSpelling = true)]
        internal static extern void HuddleSetConvConversationGroupCreatedCallback(IntPtr client, ConvGroupNameAndConvsCallback cb, IntPtr userData);

        [DllImport(Lib, CallingConvention = CallingConvention.Cdecl, ExactSpelling = true)]
        internal static extern void HuddleSetConvConversationGroupDeletedCallback(IntPtr client, ConvGroupNameCallback cb, IntPtr userData);

        [DllImport(Lib, CallingConvention = CallingConvention.Cdecl, ExactSpelling = true)]
        internal static extern void HuddleSetConvConversationGroupNameChangedCallback(IntPtr client, ConvGroupRenamedCallback cb, IntPtr userData);

        [DllImport(Lib, CallingConvention = CallingConvention.Cdecl, ExactSpelling = true)]
        internal static extern void HuddleSetConvConversationsAddedToGroupCallback(IntPtr client, ConvGroupNameAndConvsCallback cb, IntPtr userData);

        [DllImport(Lib, CallingConvention = CallingConvention.Cdecl, ExactSpelling = true)]
        internal static extern void HuddleSetConvConversationsDeletedFromGroupCallback(IntPtr client, ConvGroupConvsRemovedCallback cb, IntPtr userData);

        [DllImport(Lib, CallingConvention = CallingConvention.Cdecl, ExactSpelling = true)]
        internal static extern int HuddleConvSetDraft(IntPtr client, byte[] convId, int convType, byte[] jsonDraftParam);

        [DllImport(Lib, CallingConvention = CallingConvention.Cdecl, ExactSpelling = true)]
        internal static extern int HuddleConvCancelDraft(IntPtr client, byte[] convId, int convType);

        // Receive options and the newer conversation functions

        [UnmanagedFunctionPointer(CallingConvention.Cdecl)]
        internal delegate void AllRecvOptCallback(IntPtr jsonReceiveMessageOptionInfo, IntPtr userData);

        [UnmanagedFunctionPointer(CallingConvention.Cdecl)]
        internal delegate void TotalUnreadCallback(int totalUnreadCount, IntPtr userData);

        [UnmanagedFunctionPointer(CallingConvention.Cdecl)]
        internal delegate void FilterUnreadCallback(IntPtr filter, int totalUnreadCount, IntPtr userData);

        [DllImport(Lib, CallingConvention = CallingConvention.Cdecl, ExactSpelling = true)]
        internal static extern int HuddleMsgSetC2CReceiveMessageOpt(IntPtr client, byte[] jsonIdentifierArray, int opt, CommCallback cb, IntPtr userData);

        [DllImport(Lib, CallingConvention = CallingConvention.Cdecl, ExactSpelling = true)]
        internal static extern int HuddleMsgGetC2CReceiveMessageOpt(IntPtr client, byte[] jsonIdentifierArray, CommCallback cb, IntPtr userData);

        [DllImport(Lib, CallingConvention = CallingConvention.Cdecl, ExactSpelling = true)]
        internal static extern int HuddleMsgSetGroupReceiveMessageOpt(IntPtr client, byte[] groupId, int opt, CommCallback cb, IntPtr userData);

        [DllImport(Lib, CallingConvention = CallingConvention.Cdecl, ExactSpelling = true)]
        internal static extern int HuddleMsgSetAllReceiveMessageOpt(IntPtr client, int opt, int startHour, int startMinute, int startSecond, uint duration, CommCallback cb, IntPtr userData);

        [DllImport(Lib, CallingConvention = CallingConvention.Cdecl, ExactSpelling = true)]
        internal static extern int HuddleMsgSetAllReceiveMessageOpt2(IntPtr client, int opt, uint startTimeStamp, uint duration, CommCallback cb, IntPtr userData);

        [DllImport(Lib, CallingConvention = CallingConvention.Cdecl, ExactSpelling = true)]
        internal static extern int HuddleMsgGetAllReceiveMessageOpt(IntPtr client, CommCallback cb, IntPtr userData);

        [DllImport(Lib, CallingConvention = CallingConvention.Cdecl, ExactSpelling = true)]
        internal static extern void HuddleSetMsgAllMessageReceiveOptionCallback(IntPtr client, AllRecvOptCallback cb, IntPtr userData);

        [DllImport(Lib, CallingConvention = CallingConvention.Cdecl, ExactSpelling = true)]
        internal static extern int HuddleConvGetConvInfo(IntPtr client, byte[] jsonGetConvListParam, CommCallback cb, IntPtr userData);

        [DllImport(Lib, CallingConvention = CallingConvention.Cdecl, ExactSpelling = true)]
        internal static extern int HuddleConvDeleteConversationList(IntPtr client, byte[] conversationIdArray, [MarshalAs(UnmanagedType.U1)] bool clearMessage, CommCallback cb, IntPtr userData);

        [DllImport(Lib, CallingConvention = CallingConvention.Cdecl, ExactSpelling = true)]
        internal static extern int HuddleConvSetConversationCustomData(IntPtr client, byte[] conversationIdArray, byte[] customData, CommCallback cb, IntPtr userData);

        [DllImport(Lib, CallingConvention = CallingConvention.Cdecl, ExactSpelling = true)]
        internal static extern int HuddleConvMarkConversation(IntPtr client, byte[] conversationIdArray, ulong markType, [MarshalAs(UnmanagedType.U1)] bool enableMark, CommCallback cb, IntPtr userData);

        [DllImport(Lib, CallingConvention = CallingConvention.Cdecl, ExactSpelling = true)]
        internal static extern int HuddleConvGetUnreadMessageCountByFilter(IntPtr client, byte[] filter, CommCallback cb, IntPtr userData);

        [DllImport(Lib, CallingConvention = CallingConvention.Cdecl, ExactSpelling = true)]
        internal static extern int HuddleConvSubscribeUnreadMessageCountByFilter(IntPtr client, byte[] filter);

        [DllImport(Lib, CallingConvention = CallingConvention.Cdecl, ExactSpelling = true)]
        internal static extern int HuddleConvUnsubscribeUnreadMessageCountByFilter(IntPtr client, byte[] filter);

        [DllImport(Lib, CallingConvention = CallingConvention.Cdecl, ExactSpelling = true)]
        internal static extern int HuddleConvCleanConversationUnreadMessageCount(IntPtr client, byte[] conversationId, ulong cleanTimestamp, ulong cleanSequence, CommCallback cb, IntPtr userData);

        [DllImport(Lib, CallingConvention = CallingConvention.Cdecl, ExactSpelling = true)]
        internal static extern void HuddleSetConvTotalUnreadMessageCountChangedCallback(IntPtr client, TotalUnreadCallback cb, IntPtr userData);

        [DllImport(Lib, CallingConvention = CallingConvention.Cdecl, ExactSpelling = true)]
        internal static extern void HuddleSetConvUnreadMessageCountChangedByFilterCallback(IntPtr client, FilterUnreadCallback cb, IntPtr userData);

        // Deleting, editing, finding, inserting and searching messages (issue 13).
        [UnmanagedFunctionPointer(CallingConvention.Cdecl)]
        internal delegate void MsgUpdateCallback(IntPtr jsonMsgArray, IntPtr userData);

        [DllImport(Lib, CallingConvention = CallingConvention.Cdecl, ExactSpelling = true)]
        internal static extern int HuddleMsgDelete(IntPtr client, byte[] convId, int convType, byte[] jsonMsgdelParam, CommCallback cb, IntPtr userData);

        [DllImport(Lib, CallingConvention = CallingConvention.Cdecl, ExactSpelling = true)]
        internal static extern int HuddleMsgListDelete(IntPtr client, byte[] convId, int convType, byte[] jsonMsgArray, CommCallback cb, IntPtr userData);

        [DllImport(Lib, CallingConvention = CallingConvention.Cdecl, ExactSpelling = true)]
        internal static extern int HuddleMsgClearHistoryMessage(IntPtr client, byte[] convId, int convType, CommCallback cb, IntPtr userData);

        [DllImport(Lib, CallingConvention = CallingConvention.Cdecl, ExactSpelling = true)]
        internal static extern int HuddleMsgModifyMessage(IntPtr client, byte[] jsonMsgParam, CommCallback cb, IntPtr userData);

        [DllImport(Lib, CallingConvention = CallingConvention.Cdecl, ExactSpelling = true)]
        internal static extern void HuddleSetMsgUpdateCallback(IntPtr client, MsgUpdateCallback cb, IntPtr userData);

        [DllImport(Lib, CallingConvention = CallingConvention.Cdecl, ExactSpelling = true)]
        internal static extern int HuddleMsgFindMessages(IntPtr client, byte[] jsonMessageIdArray, CommCallback cb, IntPtr userData);

        [DllImport(Lib, CallingConvention = CallingConvention.Cdecl, ExactSpelling = true)]
        internal static extern int HuddleMsgFindByMsgLocatorList(IntPtr client, byte[] convId, int convType, byte[] jsonMsgLocatorArray, CommCallback cb, IntPtr userData);

        [DllImport(Lib, CallingConvention = CallingConvention.Cdecl, ExactSpelling = true)]
        internal static extern int HuddleMsgSetLocalCustomData(IntPtr client, byte[] jsonMsgParam, CommCallback cb, IntPtr userData);

        [DllImport(Lib, CallingConvention = CallingConvention.Cdecl, ExactSpelling = true)]
        internal static extern int HuddleMsgSaveMsg(IntPtr client, byte[] convId, int convType, byte[] jsonMsgParam, CommCallback cb, IntPtr userData);

        [DllImport(Lib, CallingConvention = CallingConvention.Cdecl, ExactSpelling = true)]
        internal static extern int HuddleMsgImportMsgList(IntPtr client, byte[] convId, int convType, byte[] jsonMsgArray, CommCallback cb, IntPtr userData);

        [DllImport(Lib, CallingConvention = CallingConvention.Cdecl, ExactSpelling = true)]
        internal static extern int HuddleMsgSearchLocalMessages(IntPtr client, byte[] jsonSearchMessageParam, CommCallback cb, IntPtr userData);

        [DllImport(Lib, CallingConvention = CallingConvention.Cdecl, ExactSpelling = true)]
        internal static extern int HuddleMsgMarkAllMessageAsRead(IntPtr client, CommCallback cb, IntPtr userData);

        // Community topics, local search and member marks.

        [UnmanagedFunctionPointer(CallingConvention.Cdecl)]
        internal delegate void GroupTopicCallback(IntPtr groupId, IntPtr detail, IntPtr userData);

        [DllImport(Lib, CallingConvention = CallingConvention.Cdecl, ExactSpelling = true)]
        internal static extern int HuddleGroupGetJoinedCommunityList(IntPtr client, CommCallback cb, IntPtr userData);

        [DllImport(Lib, CallingConvention = CallingConvention.Cdecl, ExactSpelling = true)]
        internal static extern int HuddleGroupCreateTopicInCommunity(IntPtr client, byte[] groupId, byte[] jsonTopicInfo, CommCallback cb, IntPtr userData);

        [DllImport(Lib, CallingConvention = CallingConvention.Cdecl, ExactSpelling = true)]
        internal static extern int HuddleGroupDeleteTopicFromCommunity(IntPtr client, byte[] groupId, byte[] jsonTopicIdArray, CommCallback cb, IntPtr userData);

        [DllImport(Lib, CallingConvention = CallingConvention.Cdecl, ExactSpelling = true)]
        internal static extern int HuddleGroupSetTopicInfo(IntPtr client, byte[] jsonTopicInfo, CommCallback cb, IntPtr userData);

        [DllImport(Lib, CallingConvention = CallingConvention.Cdecl, ExactSpelling = true)]
        internal static extern int HuddleGroupGetTopicInfoList(IntPtr client, byte[] groupId, byte[] jsonTopicIdArray, CommCallback cb, IntPtr userData);

        [DllImport(Lib, CallingConvention = CallingConvention.Cdecl, ExactSpelling = true)]
        internal static extern int HuddleGroupSearchGroups(IntPtr client, byte[] jsonParam, CommCallback cb, IntPtr userData);

        [DllImport(Lib, CallingConvention = CallingConvention.Cdecl, ExactSpelling = true)]
        internal static extern int HuddleGroupSearchGroupMembers(IntPtr client, byte[] jsonParam, CommCallback cb, IntPtr userData);

        [DllImport(Lib, CallingConvention = CallingConvention.Cdecl, ExactSpelling = true)]
        internal static extern int HuddleGroupMarkGroupMemberList(IntPtr client, byte[] groupId, byte[] memberArray, uint markType, [MarshalAs(UnmanagedType.U1)] bool enableMark, CommCallback cb, IntPtr userData);

        [DllImport(Lib, CallingConvention = CallingConvention.Cdecl, ExactSpelling = true)]
        internal static extern void HuddleSetGroupTopicCreatedCallback(IntPtr client, GroupTopicCallback cb, IntPtr userData);

        [DllImport(Lib, CallingConvention = CallingConvention.Cdecl, ExactSpelling = true)]
        internal static extern void HuddleSetGroupTopicDeletedCallback(IntPtr client, GroupTopicCallback cb, IntPtr userData);

        [DllImport(Lib, CallingConvention = CallingConvention.Cdecl, ExactSpelling = true)]
        internal static extern void HuddleSetGroupTopicChangedCallback(IntPtr client, GroupTopicCallback cb, IntPtr userData);

        [DllImport(Lib, CallingConvention = CallingConvention.Cdecl, ExactSpelling = true)]
        internal static extern int HuddleGroupGetOnlineMemberCount(IntPtr client, byte[] groupId, CommCallback cb, IntPtr userData);
    

        // Read receipts, extensions, reactions and pinned group messages (issue 13).
        [UnmanagedFunctionPointer(CallingConvention.Cdecl)]
        internal delegate void GroupMessageReadMemberListCallback(IntPtr jsonGroupMemberArray, ulong nextSeq, [MarshalAs(UnmanagedType.U1)] bool isFinished, IntPtr userData);

        [UnmanagedFunctionPointer(CallingConvention.Cdecl)]
        internal delegate void MsgIdJsonCallback(IntPtr messageId, IntPtr json, IntPtr userData);

        [UnmanagedFunctionPointer(CallingConvention.Cdecl)]
        internal delegate void GroupPinnedMessageChangedCallback(IntPtr groupId, IntPtr jsonMsg, [MarshalAs(UnmanagedType.U1)] bool isPinned, IntPtr opUser, IntPtr userData);

        [DllImport(Lib, CallingConvention = CallingConvention.Cdecl, ExactSpelling = true)]
        internal static extern int HuddleMsgSendMessageReadReceipts(IntPtr client, byte[] jsonMsgArray, CommCallback cb, IntPtr userData);

        [DllImport(Lib, CallingConvention = CallingConvention.Cdecl, ExactSpelling = true)]
        internal static extern int HuddleMsgGetMessageReadReceipts(IntPtr client, byte[] jsonMsgArray, CommCallback cb, IntPtr userData);

        [DllImport(Lib, CallingConvention = CallingConvention.Cdecl, ExactSpelling = true)]
        internal static extern int HuddleMsgGetGroupMessageReadMemberList(IntPtr client, byte[] jsonMsg, int filter, ulong nextSeq, uint count, GroupMessageReadMemberListCallback cb, IntPtr userData);

        [DllImport(Lib, CallingConvention = CallingConvention.Cdecl, ExactSpelling = true)]
        internal static extern void HuddleSetMsgReadedReceiptCallback(IntPtr client, RecvNewMsgCallback cb, IntPtr userData);

        [DllImport(Lib, CallingConvention = CallingConvention.Cdecl, ExactSpelling = true)]
        internal static extern int HuddleMsgSetMessageExtensions(IntPtr client, byte[] jsonMsg, byte[] jsonExtensionArray, CommCallback cb, IntPtr userData);

        [DllImport(Lib, CallingConvention = CallingConvention.Cdecl, ExactSpelling = true)]
        internal static extern int HuddleMsgGetMessageExtensions(IntPtr client, byte[] jsonMsg, CommCallback cb, IntPtr userData);

        [DllImport(Lib, CallingConvention = CallingConvention.Cdecl, ExactSpelling = true)]
        internal static extern int HuddleMsgDeleteMessageExtensions(IntPtr client, byte[] jsonMsg, byte[] jsonExtensionKeyArray, CommCallback cb, IntPtr userData);

        [DllImport(Lib, CallingConvention = CallingConvention.Cdecl, ExactSpelling = true)]
        internal static extern void HuddleSetMsgExtensionsChangedCallback(IntPtr client, MsgIdJsonCallback cb, IntPtr userData);

        [DllImport(Lib, CallingConvention = CallingConvention.Cdecl, ExactSpelling = true)]
        internal static extern void HuddleSetMsgExtensionsDeletedCallback(IntPtr client, MsgIdJsonCallback cb, IntPtr userData);

        [DllImport(Lib, CallingConvention = CallingConvention.Cdecl, ExactSpelling = true)]
        internal static extern int HuddleMsgAddMessageReaction(IntPtr client, byte[] jsonMsg, byte[] reactionId, CommCallback cb, IntPtr userData);

        [DllImport(Lib, CallingConvention = CallingConvention.Cdecl, ExactSpelling = true)]
        internal static extern int HuddleMsgRemoveMessageReaction(IntPtr client, byte[] jsonMsg, byte[] reactionId, CommCallback cb, IntPtr userData);

        [DllImport(Lib, CallingConvention = CallingConvention.Cdecl, ExactSpelling = true)]
        internal static extern int HuddleMsgGetMessageReactions(IntPtr client, byte[] jsonMsgArray, uint maxUserCountPerReaction, CommCallback cb, IntPtr userData);

        [DllImport(Lib, CallingConvention = CallingConvention.Cdecl, ExactSpelling = true)]
        internal static extern int HuddleMsgGetAllUserListOfMessageReaction(IntPtr client, byte[] jsonMsg, byte[] reactionId, uint nextSeq, uint count, CommCallback cb, IntPtr userData);

        [DllImport(Lib, CallingConvention = CallingConvention.Cdecl, ExactSpelling = true)]
        internal static extern void HuddleSetMsgReactionsChangedCallback(IntPtr client, RecvNewMsgCallback cb, IntPtr userData);

        [DllImport(Lib, CallingConvention = CallingConvention.Cdecl, ExactSpelling = true)]
        internal static extern int HuddlePinGroupMessage(IntPtr client, byte[] groupId, byte[] jsonMsg, [MarshalAs(UnmanagedType.U1)] bool isPinned, CommCallback cb, IntPtr userData);

        [DllImport(Lib, CallingConvention = CallingConvention.Cdecl, ExactSpelling = true)]
        internal static extern int HuddleGetPinnedGroupMessageList(IntPtr client, byte[] groupId, CommCallback cb, IntPtr userData);

        [DllImport(Lib, CallingConvention = CallingConvention.Cdecl, ExactSpelling = true)]
        internal static extern void HuddleSetMsgGroupPinnedMessageChangedCallback(IntPtr client, GroupPinnedMessageChangedCallback cb, IntPtr userData);

        // Media messages (HuddleClient.Media.cs)

        [UnmanagedFunctionPointer(CallingConvention.Cdecl)]
        internal delegate void MsgElemUploadProgressCallback(IntPtr jsonMsg, uint index, uint curSize, uint totalSize, IntPtr userData);

        [DllImport(Lib, CallingConvention = CallingConvention.Cdecl, ExactSpelling = true)]
        internal static extern void HuddleSetMsgElemUploadProgressCallback(IntPtr client, MsgElemUploadProgressCallback cb, IntPtr userData);

        [DllImport(Lib, CallingConvention = CallingConvention.Cdecl, ExactSpelling = true)]
        internal static extern int HuddleMsgCancelSend(IntPtr client, byte[] convId, int convType, byte[] messageId, CommCallback cb, IntPtr userData);

        [DllImport(Lib, CallingConvention = CallingConvention.Cdecl, ExactSpelling = true)]
        internal static extern int HuddleMsgDownloadElemToPath(IntPtr client, byte[] jsonDownloadElemParam, byte[] path, CommCallback cb, IntPtr userData);

        [DllImport(Lib, CallingConvention = CallingConvention.Cdecl, ExactSpelling = true)]
        internal static extern int HuddleMsgDownloadMergerMessage(IntPtr client, byte[] jsonSingleMsg, CommCallback cb, IntPtr userData);

        // Group attributes and counters

        [UnmanagedFunctionPointer(CallingConvention.Cdecl)]
        internal delegate void GroupAttributeChangedCallback(IntPtr groupId, IntPtr jsonGroupAttributeArray, IntPtr userData);

        [UnmanagedFunctionPointer(CallingConvention.Cdecl)]
        internal delegate void GroupCounterChangedCallback(IntPtr groupId, IntPtr groupCounterKey, long groupCounterNewValue, IntPtr userData);

        [DllImport(Lib, CallingConvention = CallingConvention.Cdecl, ExactSpelling = true)]
        internal static extern int HuddleGroupInitGroupAttributes(IntPtr client, byte[] groupId, byte[] jsonGroupAttributes, CommCallback cb, IntPtr userData);

        [DllImport(Lib, CallingConvention = CallingConvention.Cdecl, ExactSpelling = true)]
        internal static extern int HuddleGroupSetGroupAttributes(IntPtr client, byte[] groupId, byte[] jsonGroupAttributes, CommCallback cb, IntPtr userData);

        [DllImport(Lib, CallingConvention = CallingConvention.Cdecl, ExactSpelling = true)]
        internal static extern int HuddleGroupDeleteGroupAttributes(IntPtr client, byte[] groupId, byte[] jsonKeys, CommCallback cb, IntPtr userData);

        [DllImport(Lib, CallingConvention = CallingConvention.Cdecl, ExactSpelling = true)]
        internal static extern int HuddleGroupGetGroupAttributes(IntPtr client, byte[] groupId, byte[] jsonKeys, CommCallback cb, IntPtr userData);

        [DllImport(Lib, CallingConvention = CallingConvention.Cdecl, ExactSpelling = true)]
        internal static extern void HuddleSetGroupAttributeChangedCallback(IntPtr client, GroupAttributeChangedCallback cb, IntPtr userData);

        [DllImport(Lib, CallingConvention = CallingConvention.Cdecl, ExactSpelling = true)]
        internal static extern int HuddleGroupSetGroupCounters(IntPtr client, byte[] groupId, byte[] jsonGroupCounterArray, CommCallback cb, IntPtr userData);

        [DllImport(Lib, CallingConvention = CallingConvention.Cdecl, ExactSpelling = true)]
        internal static extern int HuddleGroupGetGroupCounters(IntPtr client, byte[] groupId, byte[] jsonGroupCounterKeyArray, CommCallback cb, IntPtr userData);

        [DllImport(Lib, CallingConvention = CallingConvention.Cdecl, ExactSpelling = true)]
        internal static extern int HuddleGroupIncreaseGroupCounter(IntPtr client, byte[] groupId, byte[] groupCounterKey, long groupCounterValue, CommCallback cb, IntPtr userData);

        [DllImport(Lib, CallingConvention = CallingConvention.Cdecl, ExactSpelling = true)]
        internal static extern int HuddleGroupDecreaseGroupCounter(IntPtr client, byte[] groupId, byte[] groupCounterKey, long groupCounterValue, CommCallback cb, IntPtr userData);

        [DllImport(Lib, CallingConvention = CallingConvention.Cdecl, ExactSpelling = true)]
        internal static extern void HuddleSetGroupCounterChangedCallback(IntPtr client, GroupCounterChangedCallback cb, IntPtr userData);
    }
}
