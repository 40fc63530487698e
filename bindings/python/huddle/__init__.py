"""Huddle group chat for Python: a ctypes binding of libhuddle's C API.

    import huddle

    with huddle.Client() as alice:                  # embedded engine, thread mode
        alice.on_group_tip(lambda tip: print(tip["group_tips_elem_tip_type"]))
        assert alice.login("alice").result(5).ok
        res = alice.group_create({"create_group_param_group_name": "公会",
                                  "create_group_param_group_type": huddle.GroupType.PUBLIC}).result(5)
        group_id = res.json["create_group_result_groupid"]

Calls return Futures of `Result(code, desc, json)`; see `huddle.client` for
which thread runs what.
"""

import enum

from .client import Client, HuddleError, Result, library_path, result_string, version

__version__ = "0.1.0"

__all__ = ["Client", "HuddleError", "Result", "library_path", "result_string", "version",
           "GroupType", "AddOption", "TipType", "JoinStatus", "JoinType", "ConvType", "ElemType"]


class GroupType(enum.IntEnum):
    PUBLIC = 0
    WORK = 1
    MEETING = 2
    AV_CHAT_ROOM = 4
    COMMUNITY = 5


class AddOption(enum.IntEnum):
    FORBID = 0
    AUTH = 1
    ANY = 2


class TipType(enum.IntEnum):
    INVITE = 1
    QUIT = 2
    KICK = 3
    SET_ADMIN = 4
    CANCEL_ADMIN = 5
    GROUP_INFO_CHANGE = 6
    MEMBER_INFO_CHANGE = 7
    GROUP_CREATED = 12
    GROUP_DISMISSED = 13
    JOIN_REQUEST = 14
    MUTE_ALLOWLIST_CHANGE = 16
    JOIN_REJECTED = 17


class JoinStatus(enum.IntEnum):
    """`group_join_result_status`."""
    JOINED = 0
    WAITING_APPROVAL = 1
    ALREADY_MEMBER = 2


class JoinType(enum.IntEnum):
    """`group_tips_elem_join_type` of an Invite tip (Tencent's TIMGroupJoinType)."""
    APPLY = 1  # a free join, or a request approved
    INVITE = 2


class ConvType(enum.IntEnum):
    C2C = 1
    GROUP = 2


class ElemType(enum.IntEnum):
    TEXT = 0
    CUSTOM = 3
    GROUP_TIPS = 5
    GROUP_REPORT = 8
