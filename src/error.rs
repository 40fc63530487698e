//! One error type for the whole crate: a Tencent-compatible code plus a sentence.

use std::fmt;

/// Every asynchronous error number Huddle reports (API.md section 6), grouped
/// by area, each with the sentence `HuddleResultString` gives: this enum is
/// the one table of them (the header's `HuddleCode` is generated from it, and
/// a test holds the C# binding's enum to the header). The values are part of
/// the ABI: a retired one stays reserved.
/// cbindgen:prefix-with-name=true
#[repr(i32)]
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, strum::EnumIter, strum::EnumMessage, strum::FromRepr)]
pub enum Code {
    // SDK (client side)
    #[strum(message = "invalid or unknown conversation")]
    InvalidConversation = 6004,
    #[strum(message = "invalid message element")]
    InvalidMsgElem = 6016,
    #[strum(message = "the SDK is not initialized, or the client was uninitialized")]
    SdkNotInitialized = 6013,
    #[strum(message = "the client is not logged in")]
    NotLoggedIn = 6014,
    #[strum(message = "invalid parameters")]
    InvalidParameters = 6017,
    #[strum(message = "the local store could not be read or written")]
    IoOperationFailed = 6022,
    #[strum(message = "invalid JSON")]
    InvalidJson = 6027,
    /// Known to the SDK before it asks a server.
    #[strum(message = "the user_sig has expired")]
    UserSigExpired = 6206,
    // Media files (message elems that name a local file) and their transfer
    #[strum(message = "the file to send does not exist")]
    FileNotFound = 7004,
    #[strum(message = "the file is over Tencent's limit: 28 MB for images and sounds, 100 MB for files and videos")]
    FileTooLarge = 7005,
    #[strum(message = "the file to send is empty")]
    FileSizeEmpty = 7006,
    #[strum(message = "the file to send cannot be opened or read")]
    FileOpenFailed = 7007,
    #[strum(message = "the upload was refused: its token is not valid (log in again)")]
    FileTransAuthFailed = 6006,
    #[strum(message = "the file could not be uploaded")]
    FileTransUploadFailed = 6008,
    #[strum(message = "the file could not be downloaded (no such file, or it was not received whole)")]
    FileTransDownloadFailed = 6009,
    #[strum(message = "the file sent as an image is not an image Huddle reads (PNG, JPEG, GIF, WebP)")]
    ImageNotImage = 6031,
    #[strum(message = "no message of that ID is being sent: it was sent, failed or never was")]
    InvalidCancelMessage = 8020,
    #[strum(message = "the message was cancelled before it was sent")]
    SendFailedWithCancel = 8021,
    // Network (the SDK's transport to huddle-server, and the server's limits)
    #[strum(message = "too many requests per second on this connection")]
    NetFreqLimit = 9506,
    #[strum(message = "no connection to the server")]
    NetDisconnect = 9508,
    #[strum(message = "the server refused the connection: it holds all it may")]
    NetConnRefuse = 9511,
    #[strum(message = "the server did not answer in time")]
    NetWaitAckTimeout = 9520,
    #[strum(message = "a request is larger than the server accepts")]
    NetPkgSizeLimit = 9522,
    // SDK internals
    #[strum(message = "the library failed inside (a bug, logged): the call did nothing")]
    InternalError = 7012,
    #[strum(message = "too many changes are waiting for the store: try again shortly")]
    StoreBusy = 7008,
    // Account
    #[strum(message = "the user_sig has expired")]
    SvrUserSigExpired = 70001,
    #[strum(message = "the user_sig is malformed, forged, or for another user or app")]
    UserSigCheckFailed = 70003,
    // Group parameters checked before anything changes
    #[strum(message = "invalid custom group ID")]
    InvalidGroupIdFormat = 8501,
    #[strum(message = "group name is longer than 100 bytes")]
    NameTooLong = 8502,
    #[strum(message = "group introduction is longer than 240 bytes")]
    IntroductionTooLong = 8503,
    #[strum(message = "group notification is longer than 300 bytes")]
    NotificationTooLong = 8504,
    #[strum(message = "group face URL is longer than 100 bytes")]
    FaceUrlTooLong = 8505,
    #[strum(message = "name card is longer than 50 bytes")]
    NameCardTooLong = 8506,
    #[strum(message = "too many members in one request")]
    MemberCountLimit = 8507,
    #[strum(message = "Work groups cannot be joined by request, only by invitation")]
    JoinWorkGroupDenied = 8508,
    #[strum(message = "the group owner cannot be invited")]
    InviteSuperDenied = 8509,
    #[strum(message = "no user to invite")]
    InviteNoMember = 8510,
    #[strum(message = "too many group attribute calls in 5 seconds")]
    GroupAttrFreqLimit = 8511,
    /// Tencent's C SDK documentation's number (its headers have none yet).
    #[strum(message = "too many group counter calls in 5 seconds")]
    GroupCounterFreqLimit = 8516,
    // Group service
    #[strum(message = "invalid request parameters")]
    InvalidRequest = 10004,
    #[strum(message = "too many operations: a quota or rate of the app was reached")]
    GroupFreqLimit = 10006,
    #[strum(message = "permission denied")]
    PermissionDenied = 10007,
    #[strum(message = "the owner cannot quit this type of group")]
    OwnerMayNotQuit = 10009,
    #[strum(message = "the group does not exist or was disbanded")]
    GroupNotFound = 10010,
    #[strum(message = "the user is already a member")]
    AlreadyMember = 10013,
    #[strum(message = "the group is full")]
    GroupFull = 10014,
    #[strum(message = "invalid group ID")]
    InvalidGroupId = 10015,
    #[strum(message = "the sender is muted in this group")]
    Muted = 10017,
    #[strum(message = "the group ID is already in use")]
    GroupIdInUse = 10021,
    #[strum(message = "too many messages to this group per second")]
    SendRateLimit = 10023,
    #[strum(message = "the request was already handled")]
    RequestHandled = 10024,
    #[strum(message = "no such message")]
    MsgNotFound = 10030,
    #[strum(message = "the message is too old to recall")]
    RevokeTimeLimit = 10031,
    #[strum(message = "no permission to recall this message")]
    RevokeDenied = 10032,
    #[strum(message = "the app's server refused the operation (a webhook)")]
    CallbackRefused = 10016,
    #[strum(message = "no such command")]
    InvalidCommand = 10003,
    // Messages
    #[strum(message = "the message is larger than 12 KB")]
    MsgTooLarge = 80002,
    #[strum(message = "the message was edited by someone else first")]
    MsgModifyConflict = 8006,
    // Extensions, reactions and pins (Tencent's message services)
    #[strum(message = "someone else changed the extension first")]
    MsgExtensionConflict = 23001,
    #[strum(message = "the message has no extension with that key")]
    MsgExtensionNotExist = 23004,
    #[strum(message = "a message holds at most 10 reactions")]
    MsgReactionCountLimit = 23005,
    #[strum(message = "a reaction holds at most 100 users")]
    MsgReactionUserCountLimit = 23006,
    #[strum(message = "the user already added this reaction")]
    MsgReactionAlreadyContainUser = 23007,
    #[strum(message = "the message has no such reaction")]
    MsgReactionNotExists = 23008,
    #[strum(message = "the user did not add this reaction")]
    MsgReactionNotContainUser = 23009,
    #[strum(message = "a group holds at most 10 pinned messages")]
    GroupPinnedMessageCountLimit = 10070,
    #[strum(message = "the message is already pinned")]
    GroupMessageAlreadyPinned = 10071,
    // The REST API (huddle-server's app-server side)
    #[strum(message = "the request body is not valid JSON")]
    RestJsonInvalid = 60003,
    #[strum(message = "the sdkappid is not this server's")]
    RestSdkAppIdInvalid = 60006,
    #[strum(message = "the server did not answer in time: try again")]
    RestTimeout = 60008,
    #[strum(message = "no such resource")]
    RestNoSuchResource = 60009,
    #[strum(message = "the identifier must be an app admin")]
    RestAdminRequired = 60010,
    #[strum(message = "the request names no sdkappid")]
    RestSdkAppIdMissing = 60012,
    #[strum(message = "invalid message-log request (ChatType, MsgTime)")]
    HistoryBadRequest = 1002,
    #[strum(message = "no message log for that hour (not over yet, or no messages)")]
    HistoryNotFound = 1004,
    #[strum(message = "the message log of that hour is gone (deleted or past retention)")]
    HistoryExpired = 1005,
    // User profiles (Tencent's profile service)
    #[strum(message = "a custom profile field's name must be English letters, at most 8 of them after the Tag_Profile_Custom_ prefix")]
    InvalidProfileKey = 9001,
    #[strum(message = "invalid profile request")]
    ProfileInvalidParameters = 40001,
    #[strum(message = "no user named whose profile to get")]
    ProfileAccountMiss = 40002,
    #[strum(message = "a profile field's value is longer than 500 bytes")]
    ProfileSizeLimit = 40601,
    // Conversation groups
    #[strum(message = "no conversation group has that name")]
    ConvGroupNotFound = 51009,
    #[strum(message = "at most 20 conversation groups per user")]
    ConvGroupLimit = 51010,
    #[strum(message = "conversation group names are 1 to 32 bytes")]
    ConvGroupNameInvalid = 51011,
}

impl Code {
    pub fn as_i32(self) -> i32 {
        self as i32
    }

    /// A static English sentence for the code (what `HuddleResultString` returns).
    pub fn describe(self) -> &'static str {
        strum::EnumMessage::get_message(&self).expect("every code has a message")
    }

    /// Every code, in the order declared.
    pub fn all() -> impl Iterator<Item = Code> {
        <Code as strum::IntoEnumIterator>::iter()
    }

    pub fn from_i32(v: i32) -> Option<Code> {
        Code::from_repr(v)
    }
}

/// An error: the number a caller switches on and a sentence naming what was wrong.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Error {
    pub code: Code,
    pub desc: String,
}

impl Error {
    pub fn new(code: Code, desc: impl Into<String>) -> Error {
        Error { code, desc: desc.into() }
    }
}

/// `Error::new` with a formatted sentence: `err!(PermissionDenied, "{} is not a member", user)`.
macro_rules! err {
    ($code:ident, $($fmt:tt)+) => {
        $crate::error::Error::new($crate::error::Code::$code, format!($($fmt)+))
    };
}
pub(crate) use err;

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} ({})", self.desc, self.code.as_i32())
    }
}

impl std::error::Error for Error {}

pub type Result<T, E = Error> = std::result::Result<T, E>;
