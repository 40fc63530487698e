using System;

// Tencent's integers (API.md section 4); names follow Tencent's Unity SDK without the kTIM prefix.
namespace Huddle
{
    /// <summary>Synchronous result of every call (huddle.h's HUDDLE_SUCC / HUDDLE_ERR_*).</summary>
    public enum HuddleResult
    {
        /// <summary>Success. (0)</summary>
        Succ = 0,
        /// <summary>The client handle is not initialized. (-1)</summary>
        ErrSdkUninit = -1,
        /// <summary>The client is not logged in. (-2)</summary>
        ErrNotLogin = -2,
        /// <summary>Invalid UTF-8 or invalid JSON in an argument. (-3)</summary>
        ErrJson = -3,
        /// <summary>An argument is missing or has the wrong type. (-4)</summary>
        ErrParam = -4,
        /// <summary>Invalid conversation argument. (-5)</summary>
        ErrConv = -5,
        /// <summary>Reserved, never returned.</summary>
        ErrGroup = -6,
        /// <summary>A bug inside the library: it panicked; the panic was caught and logged, and the call did nothing.</summary>
        ErrInternal = -7,
    }

    /// <summary>Asynchronous error numbers passed to callbacks (huddle.h's HuddleCode).</summary>
    public enum HuddleCode
    {
        /// <summary>Invalid or unknown conversation. (6004)</summary>
        InvalidConversation = 6004,
        /// <summary>The SDK is not initialized, or the client was uninitialized. (6013)</summary>
        SdkNotInitialized = 6013,
        /// <summary>The client is not logged in. (6014)</summary>
        NotLoggedIn = 6014,
        /// <summary>Invalid message element. (6016)</summary>
        InvalidMsgElem = 6016,
        /// <summary>Invalid parameters. (6017)</summary>
        InvalidParameters = 6017,
        /// <summary>The local store could not be read or written. (6022)</summary>
        IoOperationFailed = 6022,
        /// <summary>Invalid JSON. (6027)</summary>
        InvalidJson = 6027,
        /// <summary>The user_sig has expired. (6206)</summary>
        UserSigExpired = 6206,
        /// <summary>The file to send does not exist. (7004)</summary>
        FileNotFound = 7004,
        /// <summary>The file is over Tencent's limit: 28 MB for images and sounds, 100 MB for files and videos. (7005)</summary>
        FileTooLarge = 7005,
        /// <summary>The file to send is empty. (7006)</summary>
        FileSizeEmpty = 7006,
        /// <summary>The file to send cannot be opened or read. (7007)</summary>
        FileOpenFailed = 7007,
        /// <summary>The upload was refused: its token is not valid (log in again). (6006)</summary>
        FileTransAuthFailed = 6006,
        /// <summary>The file could not be uploaded. (6008)</summary>
        FileTransUploadFailed = 6008,
        /// <summary>The file could not be downloaded (no such file, or it was not received whole). (6009)</summary>
        FileTransDownloadFailed = 6009,
        /// <summary>The file sent as an image is not an image Huddle reads (PNG, JPEG, GIF, WebP). (6031)</summary>
        ImageNotImage = 6031,
        /// <summary>No message of that ID is being sent: it was sent, failed or never was. (8020)</summary>
        InvalidCancelMessage = 8020,
        /// <summary>The message was cancelled before it was sent. (8021)</summary>
        SendFailedWithCancel = 8021,
        /// <summary>Too many requests per second on this connection. (9506)</summary>
        NetFreqLimit = 9506,
        /// <summary>No connection to the server. (9508)</summary>
        NetDisconnect = 9508,
        /// <summary>The server refused the connection: it holds all it may. (9511)</summary>
        NetConnRefuse = 9511,
        /// <summary>The server did not answer in time. (9520)</summary>
        NetWaitAckTimeout = 9520,
        /// <summary>A request is larger than the server accepts. (9522)</summary>
        NetPkgSizeLimit = 9522,
        /// <summary>Too many changes are waiting for the store: try again shortly. (7008)</summary>
        StoreBusy = 7008,
        /// <summary>The library failed inside (a bug, logged): the call did nothing. (7012)</summary>
        InternalError = 7012,
        /// <summary>The user_sig has expired. (70001)</summary>
        SvrUserSigExpired = 70001,
        /// <summary>The user_sig is malformed, forged, or for another user or app. (70003)</summary>
        UserSigCheckFailed = 70003,
        /// <summary>Invalid custom group ID. (8501)</summary>
        InvalidGroupIdFormat = 8501,
        /// <summary>Group name is longer than 100 bytes. (8502)</summary>
        NameTooLong = 8502,
        /// <summary>Group introduction is longer than 240 bytes. (8503)</summary>
        IntroductionTooLong = 8503,
        /// <summary>Group notification is longer than 300 bytes. (8504)</summary>
        NotificationTooLong = 8504,
        /// <summary>Group face URL is longer than 100 bytes. (8505)</summary>
        FaceUrlTooLong = 8505,
        /// <summary>Name card is longer than 50 bytes. (8506)</summary>
        NameCardTooLong = 8506,
        /// <summary>Too many members in one request. (8507)</summary>
        MemberCountLimit = 8507,
        /// <summary>Work groups cannot be joined by request, only by invitation. (8508)</summary>
        JoinWorkGroupDenied = 8508,
        /// <summary>The group owner cannot be invited. (8509)</summary>
        InviteSuperDenied = 8509,
        /// <summary>No user to invite. (8510)</summary>
        InviteNoMember = 8510,
        /// <summary>Too many group attribute calls in 5 seconds. (8511)</summary>
        GroupAttrFreqLimit = 8511,
        /// <summary>Too many group counter calls in 5 seconds. (8516)</summary>
        GroupCounterFreqLimit = 8516,
        /// <summary>Invalid request parameters. (10004)</summary>
        InvalidRequest = 10004,
        /// <summary>Permission denied. (10007)</summary>
        PermissionDenied = 10007,
        /// <summary>The owner cannot quit this type of group. (10009)</summary>
        OwnerMayNotQuit = 10009,
        /// <summary>The group does not exist or was disbanded. (10010)</summary>
        GroupNotFound = 10010,
        /// <summary>The user is already a member. (10013)</summary>
        AlreadyMember = 10013,
        /// <summary>The group is full. (10014)</summary>
        GroupFull = 10014,
        /// <summary>Invalid group ID. (10015)</summary>
        InvalidGroupId = 10015,
        /// <summary>The sender is muted in this group. (10017)</summary>
        Muted = 10017,
        /// <summary>The group ID is already in use. (10021)</summary>
        GroupIdInUse = 10021,
        /// <summary>Too many messages to this group per second. (10023)</summary>
        SendRateLimit = 10023,
        /// <summary>Too many operations: a quota or rate of the app was reached. (10006)</summary>
        GroupFreqLimit = 10006,
        /// <summary>The request was already handled. (10024)</summary>
        RequestHandled = 10024,
        /// <summary>No such message. (10030)</summary>
        MsgNotFound = 10030,
        /// <summary>The message is too old to recall. (10031)</summary>
        RevokeTimeLimit = 10031,
        /// <summary>No permission to recall this message. (10032)</summary>
        RevokeDenied = 10032,
        /// <summary>A webhook of the app's server refused the operation.</summary>
        CallbackRefused = 10016,
        /// <summary>No such command. (10003)</summary>
        InvalidCommand = 10003,
        /// <summary>The message is larger than 12 KB. (80002)</summary>
        MsgTooLarge = 80002,
        /// <summary>The message was edited by someone else first. (8006)</summary>
        MsgModifyConflict = 8006,
        /// <summary>Someone else changed the extension first. (23001)</summary>
        MsgExtensionConflict = 23001,
        /// <summary>The message has no extension with that key. (23004)</summary>
        MsgExtensionNotExist = 23004,
        /// <summary>A message holds at most 10 reactions. (23005)</summary>
        MsgReactionCountLimit = 23005,
        /// <summary>A reaction holds at most 100 users. (23006)</summary>
        MsgReactionUserCountLimit = 23006,
        /// <summary>The user already added this reaction. (23007)</summary>
        MsgReactionAlreadyContainUser = 23007,
        /// <summary>The message has no such reaction. (23008)</summary>
        MsgReactionNotExists = 23008,
        /// <summary>The user did not add this reaction. (23009)</summary>
        MsgReactionNotContainUser = 23009,
        /// <summary>A group holds at most 10 pinned messages. (10070)</summary>
        GroupPinnedMessageCountLimit = 10070,
        /// <summary>The message is already pinned. (10071)</summary>
        GroupMessageAlreadyPinned = 10071,
        /// <summary>The request body is not valid JSON. (60003)</summary>
        RestJsonInvalid = 60003,
        /// <summary>The sdkappid is not this server's. (60006)</summary>
        RestSdkAppIdInvalid = 60006,
        /// <summary>The server did not answer in time: try again. (60008)</summary>
        RestTimeout = 60008,
        /// <summary>No such resource. (60009)</summary>
        RestNoSuchResource = 60009,
        /// <summary>The identifier must be an app admin. (60010)</summary>
        RestAdminRequired = 60010,
        /// <summary>The request names no sdkappid. (60012)</summary>
        RestSdkAppIdMissing = 60012,
        /// <summary>Invalid message-log request (ChatType, MsgTime). (1002)</summary>
        HistoryBadRequest = 1002,
        /// <summary>No message log for that hour (not over yet, or no messages). (1004)</summary>
        HistoryNotFound = 1004,
        /// <summary>The message log of that hour is gone (deleted or past retention). (1005)</summary>
        HistoryExpired = 1005,
        /// <summary>No conversation group has that name. (51009)</summary>
        ConvGroupNotFound = 51009,
        /// <summary>A custom profile field's name is not English letters, at most 8 after the Tag_Profile_Custom_ prefix. (9001)</summary>
        InvalidProfileKey = 9001,
        /// <summary>Invalid profile request. (40001)</summary>
        ProfileInvalidParameters = 40001,
        /// <summary>No user named whose profile to get. (40002)</summary>
        ProfileAccountMiss = 40002,
        /// <summary>A profile field's value is longer than 500 bytes. (40601)</summary>
        ProfileSizeLimit = 40601,
        /// <summary>At most 20 conversation groups per user. (51010)</summary>
        ConvGroupLimit = 51010,
        /// <summary>Conversation group names are 1 to 32 bytes. (51011)</summary>
        ConvGroupNameInvalid = 51011,
    }

    /// <summary>HuddleGetLoginStatus; Unknown only for a disposed client.</summary>
    public enum HuddleLoginStatus
    {
        /// <summary>Unknown (-1).</summary>
        Unknown = -1,
        /// <summary>Logged in (1).</summary>
        LoggedIn = 1,
        /// <summary>Logging in (2).</summary>
        LoggingIn = 2,
        /// <summary>Logged out (3).</summary>
        LoggedOut = 3,
        /// <summary>Logging out (4).</summary>
        LoggingOut = 4,
    }

    /// <summary>Tencent's network status values (API.md section 4).</summary>
    public enum HuddleNetworkStatus
    {
        /// <summary>Connected (0).</summary>
        Connected = 0,
        /// <summary>Disconnected (1).</summary>
        Disconnected = 1,
        /// <summary>Connecting (2).</summary>
        Connecting = 2,
        /// <summary>Connect failed (3).</summary>
        ConnectFailed = 3,
    }

    /// <summary>Tencent's group type values (API.md section 4).</summary>
    public enum HuddleGroupType
    {
        /// <summary>Public (0).</summary>
        Public = 0,
        /// <summary>Work (1).</summary>
        Work = 1,
        /// <summary>Meeting (2).</summary>
        Meeting = 2,
        /// <summary>Av chat room (4).</summary>
        AVChatRoom = 4,
        /// <summary>Community (5).</summary>
        Community = 5,
    }

    /// <summary>Tencent's group add option values (API.md section 4).</summary>
    public enum HuddleGroupAddOption
    {
        /// <summary>Forbid (0).</summary>
        Forbid = 0,
        /// <summary>Auth (1).</summary>
        Auth = 1,
        /// <summary>Any (2).</summary>
        Any = 2,
    }

    /// <summary>Tencent's group member role values (API.md section 4).</summary>
    public enum HuddleGroupMemberRole
    {
        /// <summary>None (0).</summary>
        None = 0,
        /// <summary>Normal (200).</summary>
        Normal = 200,
        /// <summary>Admin (300).</summary>
        Admin = 300,
        /// <summary>Owner (400).</summary>
        Owner = 400,
    }

    /// <summary>Tencent's receive message option values (API.md section 4).</summary>
    public enum HuddleReceiveMessageOpt
    {
        /// <summary>Receive (0).</summary>
        Receive = 0,
        /// <summary>Not receive (1).</summary>
        NotReceive = 1,
        /// <summary>Receive not notify (2).</summary>
        ReceiveNotNotify = 2,
        /// <summary>Receive; pushed offline only when @-ed (3).</summary>
        NotNotifyExceptAt = 3,
        /// <summary>Receive only messages that @ the user, online and offline (4).</summary>
        NotReceiveExceptAt = 4,
    }

    /// <summary>Tencent's group tip type values (API.md section 4).</summary>
    public enum HuddleGroupTipType
    {
        /// <summary>None (0).</summary>
        None = 0,
        /// <summary>Invite (1).</summary>
        Invite = 1,
        /// <summary>Quit (2).</summary>
        Quit = 2,
        /// <summary>Kick (3).</summary>
        Kick = 3,
        /// <summary>Set admin (4).</summary>
        SetAdmin = 4,
        /// <summary>Cancel admin (5).</summary>
        CancelAdmin = 5,
        /// <summary>Group info change (6).</summary>
        GroupInfoChange = 6,
        /// <summary>Member info change (7).</summary>
        MemberInfoChange = 7,
        /// <summary>Group created (12).</summary>
        GroupCreated = 12,
        /// <summary>Group dismissed (13).</summary>
        GroupDismissed = 13,
        /// <summary>Join request (14).</summary>
        JoinRequest = 14,
        /// <summary>Mute allowlist change (16).</summary>
        MuteAllowlistChange = 16,
        /// <summary>Join rejected (17).</summary>
        JoinRejected = 17,
        /// <summary>Member mark change (8): an AVChatRoom owner marked members (GroupMarkGroupMemberList).</summary>
        MemberMarkChange = 8,
        /// <summary>Topic info change (9): a community's topic changed (GroupSetTopicInfo).</summary>
        TopicInfoChange = 9,
        /// <summary>Topic created (18, Huddle's): a topic of the community was created.</summary>
        TopicCreated = 18,
        /// <summary>Topic deleted (19, Huddle's): topics of the community were deleted.</summary>
        TopicDeleted = 19,
    }

    /// <summary>How a member came in, on Invite tips (Tencent's TIMGroupJoinType).</summary>
    public enum HuddleGroupJoinType
    {
        /// <summary>Joined by asking: a free join, or a request approved (1).</summary>
        Apply = 1,
        /// <summary>Invited (2).</summary>
        Invite = 2,
    }

    /// <summary>What a GroupInfoChange tip item changed; MaxMemberNum is Huddle's addition.</summary>
    public enum HuddleGroupTipChangeFlag
    {
        /// <summary>Unknown (0).</summary>
        Unknown = 0,
        /// <summary>Name (1).</summary>
        Name = 1,
        /// <summary>Introduction (2).</summary>
        Introduction = 2,
        /// <summary>Notification (3).</summary>
        Notification = 3,
        /// <summary>Face url (4).</summary>
        FaceUrl = 4,
        /// <summary>Owner (5).</summary>
        Owner = 5,
        /// <summary>Custom (6).</summary>
        Custom = 6,
        /// <summary>Shutup all (8).</summary>
        ShutupAll = 8,
        /// <summary>Group add opt (11).</summary>
        GroupAddOpt = 11,
        /// <summary>Max member num (20).</summary>
        MaxMemberNum = 20,
    }

    /// <summary>Tencent's group modify info flag values (API.md section 4).</summary>
    [Flags]
    public enum HuddleGroupModifyInfoFlag : uint
    {
        /// <summary>None (0).</summary>
        None = 0,
        /// <summary>Name (0x1).</summary>
        Name = 0x1,
        /// <summary>Notification (0x2).</summary>
        Notification = 0x2,
        /// <summary>Introduction (0x4).</summary>
        Introduction = 0x4,
        /// <summary>Face url (0x8).</summary>
        FaceUrl = 0x8,
        /// <summary>Add option (0x10).</summary>
        AddOption = 0x10,
        /// <summary>Max member num (0x20).</summary>
        MaxMemberNum = 0x20,
        /// <summary>Shutup all (0x100).</summary>
        ShutupAll = 0x100,
        /// <summary>Custom (0x200).</summary>
        Custom = 0x200,
        /// <summary>Must be the only bit set.</summary>
        Owner = 0x80000000,
    }

    /// <summary>Tencent's group member modify flag values (API.md section 4).</summary>
    [Flags]
    public enum HuddleGroupMemberModifyFlag
    {
        /// <summary>None (0).</summary>
        None = 0,
        /// <summary>Msg flag (0x1).</summary>
        MsgFlag = 0x1,
        /// <summary>Member role (0x2).</summary>
        MemberRole = 0x2,
        /// <summary>Shutup time (0x4).</summary>
        ShutupTime = 0x4,
        /// <summary>Name card (0x8).</summary>
        NameCard = 0x8,
        /// <summary>Custom (0x10).</summary>
        Custom = 0x10,
    }

    /// <summary>Tencent's group member role flag values (API.md section 4).</summary>
    public enum HuddleGroupMemberRoleFlag
    {
        /// <summary>All (0).</summary>
        All = 0,
        /// <summary>Owner (1).</summary>
        Owner = 1,
        /// <summary>Admin (2).</summary>
        Admin = 2,
        /// <summary>Member (4).</summary>
        Member = 4,
    }

    /// <summary>Per-user result of GroupInviteMember and GroupDeleteMember.</summary>
    public enum HuddleGroupMemberResult
    {
        /// <summary>Err (0).</summary>
        Err = 0,
        /// <summary>Suc (1).</summary>
        Suc = 1,
        /// <summary>Included (2).</summary>
        Included = 2,
        /// <summary>Invited (3).</summary>
        Invited = 3,
    }

    /// <summary>Tencent's group pendency type values (API.md section 4).</summary>
    public enum HuddleGroupPendencyType
    {
        /// <summary>Join need approved by admin (0).</summary>
        JoinNeedApprovedByAdmin = 0,
        /// <summary>Invite need approved by invitee (1).</summary>
        InviteNeedApprovedByInvitee = 1,
        /// <summary>Invite need approved by admin (2).</summary>
        InviteNeedApprovedByAdmin = 2,
    }

    /// <summary>Tencent's group pendency handle values (API.md section 4).</summary>
    public enum HuddleGroupPendencyHandle
    {
        /// <summary>Not handled (0).</summary>
        NotHandled = 0,
        /// <summary>Other handled (1).</summary>
        OtherHandled = 1,
        /// <summary>Operator handled (2).</summary>
        OperatorHandled = 2,
    }

    /// <summary>Tencent's group pendency handle result values (API.md section 4).</summary>
    public enum HuddleGroupPendencyHandleResult
    {
        /// <summary>Refuse (0).</summary>
        Refuse = 0,
        /// <summary>Agree (1).</summary>
        Agree = 1,
    }

    /// <summary>GroupJoin's result.</summary>
    public enum HuddleGroupJoinStatus
    {
        /// <summary>Joined (0).</summary>
        Joined = 0,
        /// <summary>Waiting for approval (1).</summary>
        WaitingForApproval = 1,
        /// <summary>Already member (2).</summary>
        AlreadyMember = 2,
    }

    /// <summary>Tencent's conversation type values (API.md section 4).</summary>
    public enum HuddleConvType
    {
        /// <summary>C2 c (1).</summary>
        C2C = 1,
        /// <summary>Group (2).</summary>
        Group = 2,
        /// <summary>Group system messages (elem 8) arrive filed under it; it names no conversation to call with.</summary>
        System = 3,
    }

    /// <summary>The elem types Huddle knows; only Text and Custom may be sent.</summary>
    public enum HuddleElemType
    {
        /// <summary>Text (0).</summary>
        Text = 0,
        /// <summary>An image: send image_elem_orig_path; receivers get its three sizes (1).</summary>
        Image = 1,
        /// <summary>A sound: send sound_elem_file_path (2).</summary>
        Sound = 2,
        /// <summary>Custom (3).</summary>
        Custom = 3,
        /// <summary>A file: send file_elem_file_path (4).</summary>
        File = 4,
        /// <summary>Group tips (5).</summary>
        GroupTips = 5,
        /// <summary>A face: face_elem_index and face_elem_buf (6).</summary>
        Face = 6,
        /// <summary>A location: location_elem_desc, _longitude, _latitude (7).</summary>
        Location = 7,
        /// <summary>A group system message: the group_report_elem_* keys of <see cref="Elem"/>.</summary>
        GroupReport = 8,
        /// <summary>A video: send video_elem_video_path and its snapshot's video_elem_image_path (9).</summary>
        Video = 9,
        /// <summary>A merged message: send merge_elem_message_array; receivers download it with MsgDownloadMergerMessage (12).</summary>
        Merge = 12,
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
        /// <summary>Sent (2).</summary>
        Sent = 2,
        /// <summary>Deleted by the reader (4): MsgFindMessages and MsgFindByMsgLocatorList still find it.</summary>
        Deleted = 4,
        /// <summary>Inserted locally, never sent (5): MsgSaveMsg and MsgImportMsgList.</summary>
        LocalImported = 5,
        /// <summary>Revoked (6).</summary>
        Revoked = 6,
    }

    /// <summary>Tencent's conversation event values (API.md section 4).</summary>
    public enum HuddleConvEvent
    {
        /// <summary>Add (0).</summary>
        Add = 0,
        /// <summary>Delete (1).</summary>
        Delete = 1,
        /// <summary>Update (2).</summary>
        Update = 2,
    }

    /// <summary>Tencent's conversation group event values (API.md section 4).</summary>
    public enum HuddleConvGroupEvent
    {
        /// <summary>Created (0).</summary>
        Created = 0,
        /// <summary>Deleted (1).</summary>
        Deleted = 1,
        /// <summary>Renamed (2).</summary>
        Renamed = 2,
        /// <summary>Conversations added (3).</summary>
        ConversationsAdded = 3,
        /// <summary>Conversations deleted (4).</summary>
        ConversationsDeleted = 4,
    }

    /// <summary>How an unread message mentions the reader.</summary>
    public enum HuddleGroupAtType
    {
        /// <summary>At me (1).</summary>
        AtMe = 1,
        /// <summary>At all (2).</summary>
        AtAll = 2,
        /// <summary>At all at me (3).</summary>
        AtAllAtMe = 3,
    }

    /// <summary>Huddle's conv_group_state: a group conversation stays, with its history, after the reader leaves or the group goes.</summary>
    public enum HuddleConvGroupState
    {
        /// <summary>Member (0).</summary>
        Member = 0,
        /// <summary>Left (1).</summary>
        Left = 1,
        /// <summary>Disbanded (2).</summary>
        Disbanded = 2,
    }
}
