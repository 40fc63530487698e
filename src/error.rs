//! One error type for the whole crate: a Tencent-compatible code plus a sentence.

use std::fmt;

/// Every asynchronous error number Huddle reports (API.md section 6), grouped
/// by area. The values are part of the ABI: a retired one stays reserved.
#[repr(i32)]
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Code {
    // SDK (client side)
    InvalidConversation = 6004,
    InvalidMsgElem = 6016,
    SdkNotInitialized = 6013,
    NotLoggedIn = 6014,
    InvalidParameters = 6017,
    IoOperationFailed = 6022,
    InvalidJson = 6027,
    /// Known to the SDK before it asks a server.
    UserSigExpired = 6206,
    // Network (the SDK's transport to huddle-server, and the server's limits)
    NetFreqLimit = 9506,
    NetDisconnect = 9508,
    NetConnRefuse = 9511,
    NetWaitAckTimeout = 9520,
    NetPkgSizeLimit = 9522,
    // Account
    SvrUserSigExpired = 70001,
    UserSigCheckFailed = 70003,
    // Group parameters checked before anything changes
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
    // Group service
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
    RequestHandled = 10024,
    MsgNotFound = 10030,
    RevokeTimeLimit = 10031,
    RevokeDenied = 10032,
    // Messages
    MsgTooLarge = 80002,
    // Conversation groups
    ConvGroupNotFound = 51009,
    ConvGroupLimit = 51010,
    ConvGroupNameInvalid = 51011,
}

impl Code {
    pub fn as_i32(self) -> i32 {
        self as i32
    }

    /// A static English sentence for the code (what `HuddleResultString` returns).
    pub fn describe(self) -> &'static str {
        match self {
            Code::InvalidConversation => "invalid or unknown conversation",
            Code::InvalidMsgElem => "invalid message element",
            Code::SdkNotInitialized => "the SDK is not initialized, or the client was uninitialized",
            Code::NotLoggedIn => "the client is not logged in",
            Code::InvalidParameters => "invalid parameters",
            Code::IoOperationFailed => "the local store could not be read or written",
            Code::InvalidJson => "invalid JSON",
            Code::UserSigExpired => "the user_sig has expired",
            Code::NetFreqLimit => "too many requests per second on this connection",
            Code::NetDisconnect => "no connection to the server",
            Code::NetConnRefuse => "the server refused the connection: it holds all it may",
            Code::NetWaitAckTimeout => "the server did not answer in time",
            Code::NetPkgSizeLimit => "a request is larger than the server accepts",
            Code::SvrUserSigExpired => "the user_sig has expired",
            Code::UserSigCheckFailed => "the user_sig is malformed, forged, or for another user or app",
            Code::InvalidGroupIdFormat => "invalid custom group ID",
            Code::NameTooLong => "group name is longer than 100 bytes",
            Code::IntroductionTooLong => "group introduction is longer than 240 bytes",
            Code::NotificationTooLong => "group notification is longer than 300 bytes",
            Code::FaceUrlTooLong => "group face URL is longer than 100 bytes",
            Code::NameCardTooLong => "name card is longer than 50 bytes",
            Code::MemberCountLimit => "too many members in one request",
            Code::JoinWorkGroupDenied => "Work groups cannot be joined by request, only by invitation",
            Code::InviteSuperDenied => "the group owner cannot be invited",
            Code::InviteNoMember => "no user to invite",
            Code::InvalidRequest => "invalid request parameters",
            Code::PermissionDenied => "permission denied",
            Code::OwnerMayNotQuit => "the owner cannot quit this type of group",
            Code::GroupNotFound => "the group does not exist or was disbanded",
            Code::AlreadyMember => "the user is already a member",
            Code::GroupFull => "the group is full",
            Code::InvalidGroupId => "invalid group ID",
            Code::Muted => "the sender is muted in this group",
            Code::GroupIdInUse => "the group ID is already in use",
            Code::SendRateLimit => "too many messages to this group per second",
            Code::RequestHandled => "the request was already handled",
            Code::MsgNotFound => "no such message",
            Code::RevokeTimeLimit => "the message is too old to recall",
            Code::RevokeDenied => "no permission to recall this message",
            Code::MsgTooLarge => "the message is larger than 12 KB",
            Code::ConvGroupNotFound => "no conversation group has that name",
            Code::ConvGroupLimit => "at most 20 conversation groups per user",
            Code::ConvGroupNameInvalid => "conversation group names are 1 to 32 bytes",
        }
    }

    pub const ALL: &'static [Code] = &[
        Code::InvalidConversation, Code::InvalidMsgElem, Code::SdkNotInitialized, Code::NotLoggedIn, Code::InvalidParameters,
        Code::IoOperationFailed, Code::InvalidJson, Code::UserSigExpired,
        Code::NetFreqLimit, Code::NetDisconnect, Code::NetConnRefuse, Code::NetWaitAckTimeout, Code::NetPkgSizeLimit, Code::SvrUserSigExpired, Code::UserSigCheckFailed, Code::InvalidGroupIdFormat,
        Code::NameTooLong, Code::IntroductionTooLong, Code::NotificationTooLong,
        Code::FaceUrlTooLong, Code::NameCardTooLong, Code::MemberCountLimit,
        Code::JoinWorkGroupDenied, Code::InviteSuperDenied, Code::InviteNoMember,
        Code::InvalidRequest, Code::PermissionDenied, Code::OwnerMayNotQuit,
        Code::GroupNotFound, Code::AlreadyMember, Code::GroupFull, Code::InvalidGroupId,
        Code::Muted, Code::GroupIdInUse, Code::SendRateLimit, Code::RequestHandled,
        Code::MsgNotFound, Code::RevokeTimeLimit, Code::RevokeDenied, Code::MsgTooLarge,
        Code::ConvGroupNotFound,
        Code::ConvGroupLimit, Code::ConvGroupNameInvalid,
    ];

    pub fn from_i32(v: i32) -> Option<Code> {
        Code::ALL.iter().copied().find(|c| c.as_i32() == v)
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
