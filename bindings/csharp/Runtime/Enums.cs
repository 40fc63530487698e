using System;

// Tencent's integers (API.md section 4); names follow Tencent's Unity SDK without the kTIM prefix.
namespace Huddle
{
    /// <summary>Synchronous result of every call (huddle.h's HUDDLE_SUCC / HUDDLE_ERR_*).</summary>
    public enum HuddleResult
    {
        Succ = 0,
        ErrSdkUninit = -1,
        ErrNotLogin = -2,
        ErrJson = -3,
        ErrParam = -4,
        ErrConv = -5,
        /// <summary>Reserved, never returned.</summary>
        ErrGroup = -6,
        /// <summary>A bug inside the library: it panicked; the panic was caught and logged, and the call did nothing.</summary>
        ErrInternal = -7,
    }

    /// <summary>Asynchronous error numbers passed to callbacks (huddle.h's HuddleCode).</summary>
    public enum HuddleCode
    {
        InvalidConversation = 6004,
        SdkNotInitialized = 6013,
        NotLoggedIn = 6014,
        InvalidMsgElem = 6016,
        InvalidParameters = 6017,
        IoOperationFailed = 6022,
        InvalidJson = 6027,
        UserSigExpired = 6206,
        NetFreqLimit = 9506,
        NetDisconnect = 9508,
        NetConnRefuse = 9511,
        NetWaitAckTimeout = 9520,
        NetPkgSizeLimit = 9522,
        StoreBusy = 7008,
        InternalError = 7012,
        SvrUserSigExpired = 70001,
        UserSigCheckFailed = 70003,
        InvalidGroupIdFormat = 8501,
        NameTooLong = 8502,
        IntroductionTooLong = 8503,
        NotificationTooLong = 8504,
        FaceUrlTooLong = 8505,
        NameCardTooLong = 8506,
        MemberCountLimit = 8507,
        JoinWorkGroupDenied = 8508,
        InviteSuperDenied = 8509,
        InviteNoMember = 8510,
        InvalidRequest = 10004,
        PermissionDenied = 10007,
        OwnerMayNotQuit = 10009,
        GroupNotFound = 10010,
        AlreadyMember = 10013,
        GroupFull = 10014,
        InvalidGroupId = 10015,
        Muted = 10017,
        GroupIdInUse = 10021,
        SendRateLimit = 10023,
        GroupFreqLimit = 10006,
        RequestHandled = 10024,
        MsgNotFound = 10030,
        RevokeTimeLimit = 10031,
        RevokeDenied = 10032,
        /// <summary>A webhook of the app's server refused the operation.</summary>
        CallbackRefused = 10016,
        InvalidCommand = 10003,
        MsgTooLarge = 80002,
        RestJsonInvalid = 60003,
        RestSdkAppIdInvalid = 60006,
        RestTimeout = 60008,
        RestNoSuchResource = 60009,
        RestAdminRequired = 60010,
        RestSdkAppIdMissing = 60012,
        HistoryBadRequest = 1002,
        HistoryNotFound = 1004,
        HistoryExpired = 1005,
        ConvGroupNotFound = 51009,
        ConvGroupLimit = 51010,
        ConvGroupNameInvalid = 51011,
    }

    /// <summary>HuddleGetLoginStatus; Unknown only for a disposed client.</summary>
    public enum HuddleLoginStatus
    {
        Unknown = -1,
        LoggedIn = 1,
        LoggingIn = 2,
        LoggedOut = 3,
        LoggingOut = 4,
    }

    public enum HuddleNetworkStatus
    {
        Connected = 0,
        Disconnected = 1,
        Connecting = 2,
        ConnectFailed = 3,
    }

    public enum HuddleGroupType
    {
        Public = 0,
        Work = 1,
        Meeting = 2,
        AVChatRoom = 4,
        Community = 5,
    }

    public enum HuddleGroupAddOption
    {
        Forbid = 0,
        Auth = 1,
        Any = 2,
    }

    public enum HuddleGroupMemberRole
    {
        None = 0,
        Normal = 200,
        Admin = 300,
        Owner = 400,
    }

    public enum HuddleReceiveMessageOpt
    {
        Receive = 0,
        NotReceive = 1,
        ReceiveNotNotify = 2,
    }

    public enum HuddleGroupTipType
    {
        None = 0,
        Invite = 1,
        Quit = 2,
        Kick = 3,
        SetAdmin = 4,
        CancelAdmin = 5,
        GroupInfoChange = 6,
        MemberInfoChange = 7,
        GroupCreated = 12,
        GroupDismissed = 13,
        JoinRequest = 14,
        MuteAllowlistChange = 16,
        JoinRejected = 17,
    }

    /// <summary>How a member came in, on Invite tips.</summary>
    public enum HuddleGroupJoinType
    {
        Free = 0,
        Approved = 1,
        Invited = 2,
    }

    /// <summary>What a GroupInfoChange tip item changed; MaxMemberNum is Huddle's addition.</summary>
    public enum HuddleGroupTipChangeFlag
    {
        Unknown = 0,
        Name = 1,
        Introduction = 2,
        Notification = 3,
        FaceUrl = 4,
        Owner = 5,
        Custom = 6,
        ShutupAll = 8,
        GroupAddOpt = 11,
        MaxMemberNum = 20,
    }

    [Flags]
    public enum HuddleGroupModifyInfoFlag : uint
    {
        None = 0,
        Name = 0x1,
        Notification = 0x2,
        Introduction = 0x4,
        FaceUrl = 0x8,
        AddOption = 0x10,
        MaxMemberNum = 0x20,
        ShutupAll = 0x100,
        Custom = 0x200,
        /// <summary>Must be the only bit set.</summary>
        Owner = 0x80000000,
    }

    [Flags]
    public enum HuddleGroupMemberModifyFlag
    {
        None = 0,
        MsgFlag = 0x1,
        MemberRole = 0x2,
        ShutupTime = 0x4,
        NameCard = 0x8,
        Custom = 0x10,
    }

    public enum HuddleGroupMemberRoleFlag
    {
        All = 0,
        Owner = 1,
        Admin = 2,
        Member = 4,
    }

    /// <summary>Per-user result of GroupInviteMember and GroupDeleteMember.</summary>
    public enum HuddleGroupMemberResult
    {
        Err = 0,
        Suc = 1,
        Included = 2,
        Invited = 3,
    }

    public enum HuddleGroupPendencyType
    {
        JoinNeedApprovedByAdmin = 0,
        InviteNeedApprovedByInvitee = 1,
        InviteNeedApprovedByAdmin = 2,
    }

    public enum HuddleGroupPendencyHandle
    {
        NotHandled = 0,
        OtherHandled = 1,
        OperatorHandled = 2,
    }

    public enum HuddleGroupPendencyHandleResult
    {
        Refuse = 0,
        Agree = 1,
    }

    /// <summary>GroupJoin's result.</summary>
    public enum HuddleGroupJoinStatus
    {
        Joined = 0,
        WaitingForApproval = 1,
        AlreadyMember = 2,
    }

    public enum HuddleConvType
    {
        C2C = 1,
        Group = 2,
        /// <summary>Group system messages (elem 8) arrive filed under it; it names no conversation to call with.</summary>
        System = 3,
    }

    /// <summary>The elem types Huddle knows; only Text and Custom may be sent.</summary>
    public enum HuddleElemType
    {
        Text = 0,
        Custom = 3,
        GroupTips = 5,
        /// <summary>A group system message: the group_report_elem_* keys of <see cref="Elem"/>.</summary>
        GroupReport = 8,
    }

    /// <summary>
    /// Kinds of group system messages (Tencent's TIMGroupReportType), each to
    /// the users it concerns, through the new-message callback.
    /// </summary>
    public enum HuddleGroupReportType
    {
        /// <summary>A join request, to the owner and admins.</summary>
        AddRequest = 1,
        /// <summary>A join request approved, to the applicant.</summary>
        AddAccept = 2,
        /// <summary>A join request refused, to the applicant.</summary>
        AddRefuse = 3,
        /// <summary>Removed from the group, to the removed member.</summary>
        BeKicked = 4,
        /// <summary>The group was dismissed, to every member.</summary>
        Delete = 5,
        /// <summary>The group was created, to its creator.</summary>
        Create = 6,
        /// <summary>Invited in, to the invited user.</summary>
        Invite = 7,
        /// <summary>Left the group, to who left.</summary>
        Quit = 8,
        /// <summary>Made an admin, to the member.</summary>
        GrantAdmin = 9,
        /// <summary>No longer an admin, to the member.</summary>
        CancelAdmin = 10,
        /// <summary>The app server's system notification.</summary>
        UserDefine = 16,
        /// <summary>Muted or unmuted, to the member.</summary>
        ShutUpMember = 17,
    }

    /// <summary>Huddle keeps only sent and revoked messages.</summary>
    public enum HuddleMsgStatus
    {
        Sent = 2,
        Revoked = 6,
    }

    public enum HuddleConvEvent
    {
        Add = 0,
        Delete = 1,
        Update = 2,
    }

    public enum HuddleConvGroupEvent
    {
        Created = 0,
        Deleted = 1,
        Renamed = 2,
        ConversationsAdded = 3,
        ConversationsDeleted = 4,
    }

    /// <summary>How an unread message mentions the reader.</summary>
    public enum HuddleGroupAtType
    {
        AtMe = 1,
        AtAll = 2,
        AtAllAtMe = 3,
    }

    /// <summary>Huddle's conv_group_state: a group conversation stays, with its history, after the reader leaves or the group goes.</summary>
    public enum HuddleConvGroupState
    {
        Member = 0,
        Left = 1,
        Disbanded = 2,
    }
}
