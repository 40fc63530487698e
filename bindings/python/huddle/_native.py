"""The C ABI of libhuddle (include/huddle.h), declared for ctypes.

Only this module knows the library's symbols. It loads the copy bundled in
the package (the wheel puts it beside this file); a source checkout without
one falls back to `$HUDDLE_LIBRARY`, then to the system's search path.

Every function goes through `ctypes.CDLL`, which releases the GIL for the
length of the call: the library's own threads may then take it to run a
callback (HuddleUninit waits for them), so no call can deadlock on it.
"""

import ctypes
import ctypes.util
import os
import sys

if sys.platform == "darwin":
    LIB_NAME = "libhuddle.dylib"
elif sys.platform == "win32":
    LIB_NAME = "huddle.dll"
else:
    LIB_NAME = "libhuddle.so"

MESSAGE_ID_BUFFER_LEN = 128  # HUDDLE_MESSAGE_ID_BUFFER_LEN

c_handle = ctypes.c_void_p
c_str = ctypes.c_char_p  # NUL-terminated UTF-8 in; bytes (a copy) in callbacks
c_user_data = ctypes.c_void_p

# Callback types. A c_char_p argument reaches Python as a bytes copy, so
# nothing outlives the callback's borrowed strings.
COMM_CB = ctypes.CFUNCTYPE(None, ctypes.c_int32, c_str, c_str, c_user_data)
JSON_CB = ctypes.CFUNCTYPE(None, c_str, c_user_data)
WAKE_CB = ctypes.CFUNCTYPE(None, c_user_data)
NETWORK_CB = ctypes.CFUNCTYPE(None, ctypes.c_int32, ctypes.c_int32, c_str, c_user_data)


def _find():
    bundled = os.path.join(os.path.dirname(os.path.abspath(__file__)), LIB_NAME)
    if os.path.isfile(bundled):
        return bundled
    env = os.environ.get("HUDDLE_LIBRARY")
    if env:
        return env
    found = ctypes.util.find_library("huddle")
    if found:
        return found
    raise OSError("%s is not bundled in %s; install the huddle wheel, or set HUDDLE_LIBRARY"
                  % (LIB_NAME, os.path.dirname(bundled)))


PATH = _find()
lib = ctypes.CDLL(PATH)

_I32, _U32, _U64 = ctypes.c_int32, ctypes.c_uint32, ctypes.c_uint64

# name: (restype, argtypes); the trailing (callback, user_data) of the
# asynchronous functions is added by `_async`.
_SIGNATURES = {
    "HuddleGetSDKVersion": (c_str, []),
    "HuddleResultString": (c_str, [_I32]),
    "HuddleInit": (_I32, [c_str, ctypes.POINTER(c_handle)]),
    "HuddleUninit": (_I32, [c_handle]),
    "HuddleGetLoginUserID": (_I32, [c_handle, ctypes.c_char_p, ctypes.c_size_t]),
    "HuddleGetLoginStatus": (_I32, [c_handle]),
    "HuddlePoll": (_I32, [c_handle, _U32]),
    "HuddleGetServerTime": (_U64, [c_handle]),
    "HuddleSetWakeCallback": (None, [c_handle, WAKE_CB, c_user_data]),
    "HuddleSetNetworkStatusListenerCallback": (None, [c_handle, NETWORK_CB, c_user_data]),
    "HuddleSetKickedOfflineCallback": (None, [c_handle, WAKE_CB, c_user_data]),
    "HuddleSetGroupTipsEventCallback": (None, [c_handle, JSON_CB, c_user_data]),
    "HuddleAddRecvNewMsgCallback": (None, [c_handle, JSON_CB, c_user_data]),
    "HuddleSetMsgRevokeCallback": (None, [c_handle, JSON_CB, c_user_data]),
}


def _async(*args):
    return (_I32, [c_handle, *args, COMM_CB, c_user_data])


_SIGNATURES.update({
    "HuddleLogin": _async(c_str, c_str),
    "HuddleLogout": _async(),
    "HuddleGroupCreate": _async(c_str),
    "HuddleGroupDelete": _async(c_str),
    "HuddleGroupJoin": _async(c_str, c_str),
    "HuddleGroupQuit": _async(c_str),
    "HuddleGroupInviteMember": _async(c_str),
    "HuddleGroupDeleteMember": _async(c_str),
    "HuddleGroupGetJoinedGroupList": _async(),
    "HuddleGroupGetGroupInfoList": _async(c_str),
    "HuddleGroupModifyGroupInfo": _async(c_str),
    "HuddleGroupGetMemberInfoList": _async(c_str),
    "HuddleGroupModifyMemberInfo": _async(c_str),
    "HuddleGroupGetPendencyList": _async(c_str),
    "HuddleGroupHandlePendency": _async(c_str),
    "HuddleGroupReportPendencyReaded": _async(_U64),
    "HuddleMsgSendMessage": _async(c_str, _I32, c_str, ctypes.c_char_p),
    "HuddleMsgGetMsgList": _async(c_str, _I32, c_str),
    "HuddleMsgRevoke": _async(c_str, _I32, c_str),
    "HuddleMsgReportReaded": _async(c_str, _I32, c_str),
    "HuddleConvGetConvList": _async(),
    "HuddleConvGetTotalUnreadMessageCount": _async(),
})

for _name, (_restype, _argtypes) in _SIGNATURES.items():
    _fn = getattr(lib, _name)
    _fn.restype = _restype
    _fn.argtypes = _argtypes
