"""`Client`: one Huddle client (HuddleInit .. HuddleUninit) with Pythonic calls.

Every asynchronous C function is a method that returns a
`concurrent.futures.Future`; its result is a `Result(code, desc, json)`, with
`json` already parsed. A call the library refuses at once (a negative
synchronous code: no callback will come) raises `HuddleError` instead.

Threads and callbacks
---------------------
The C callbacks are a few module-level ctypes trampolines, created once and
never freed, so no ctypes object a C pointer refers to can be collected. A
call passes a fresh integer token as `user_data`; the trampoline finds the
call's Future by it. Listeners (group tips, new messages) are passed the
client's integer id the same way.

- "thread" mode (the default): the trampolines run on the client's library
  dispatcher thread. ctypes takes the GIL for them (and every call into the
  library releases it), so a listener runs like code on any other Python
  thread: guard what it shares with your threads. Block on
  `future.result(timeout)` or `client.wait(future)` from any thread but the
  dispatcher (i.e. not inside a listener).
- "poll" mode: nothing runs until `client.poll()`, which runs the pending
  callbacks on the calling thread. `client.wait(future)` and
  `client.wait_for(predicate)` poll for you, sleeping on the library's wake
  callback in between.

`close()` (or leaving a `with` block, or interpreter exit) calls
HuddleUninit, which runs every callback still owed (a call's Future gets its
result, or 6013) and then no more: the client's id is dropped from the
registry only after it returns, and a late trampoline call finding no client
does nothing. Exceptions raised by a listener are logged (logger "huddle")
and never unwind into the library.
"""

import atexit
import collections
import concurrent.futures
import ctypes
import itertools
import json
import logging
import threading
import time

from . import _native
from ._native import lib

log = logging.getLogger("huddle")

Result = collections.namedtuple("Result", "code desc json")
Result.__doc__ = "An asynchronous result: `code` 0 or a HUDDLE_CODE_* number, `desc` a sentence, `json` parsed."
Result.ok = property(lambda self: self.code == 0)


class HuddleError(Exception):
    """A call the library refused synchronously (HUDDLE_ERR_*: -1 .. -7); no callback follows."""

    def __init__(self, code, call):
        self.code = code
        self.call = call
        super().__init__("%s returned %d: %s" % (call, code, result_string(code)))


def version():
    """The library's version, "x.y.z" (HuddleGetSDKVersion)."""
    return lib.HuddleGetSDKVersion().decode("utf-8")


def result_string(code):
    """The library's English sentence for any sync or async code (HuddleResultString)."""
    return lib.HuddleResultString(code).decode("utf-8")


def library_path():
    """The file of the native library this package loaded."""
    return _native.PATH


def _utf8(text):
    return None if text is None else text.encode("utf-8")


def _json_arg(value):
    if isinstance(value, (bytes, str)):
        return _utf8(value) if isinstance(value, str) else value
    return json.dumps(value, ensure_ascii=False).encode("utf-8")


# The registries the trampolines read: call token -> (client id, Future), client id -> Client.
_ids = itertools.count(1)
_calls = {}
_clients = {}


def _on_comm(code, desc, json_params, user_data):
    entry = _calls.pop(user_data or 0, None)
    if entry is None:
        return
    client_id, future = entry
    try:
        result = Result(code, desc.decode("utf-8") if desc else "",
                        json.loads(json_params.decode("utf-8")) if json_params else None)
        if not future.done():
            future.set_result(result)
    except BaseException as e:  # malformed JSON from the library, or a done-callback's failure
        log.exception("huddle: a call's callback failed")
        if not future.done():
            future.set_exception(e)
    client = _clients.get(client_id)
    if client is not None:
        client._notify()


def _listener(kind):
    def trampoline(json_text, user_data):
        client = _clients.get(user_data or 0)
        if client is not None:
            client._deliver(kind, json_text)
    return trampoline


def _on_wake(user_data):
    client = _clients.get(user_data or 0)
    if client is not None:
        client._woken.set()


# Created once and never freed: C holds these pointers for the process's life.
_COMM = _native.COMM_CB(_on_comm)
_TIPS = _native.JSON_CB(_listener("tips"))
_MESSAGES = _native.JSON_CB(_listener("messages"))
_WAKE = _native.WAKE_CB(_on_wake)


class Client:
    """A Huddle client. `config` holds HuddleInit's keys (`sdk_config_server_url`,
    `sdk_config_data_dir`, ...); `mode` is its `callback_mode` unless `config`
    names one. Without a server URL it uses the process's embedded engine, which
    every client of the process shares."""

    def __init__(self, config=None, mode="thread"):
        config = dict(config or {})
        config.setdefault("callback_mode", mode)
        self.mode = config["callback_mode"]
        handle = _native.c_handle()
        code = lib.HuddleInit(_json_arg(config), ctypes.byref(handle))
        if code != 0:
            raise HuddleError(code, "HuddleInit")
        self._handle = handle.value
        self._id = next(_ids)
        self._listeners = {"tips": [], "messages": []}
        self._changed = threading.Condition()
        self._woken = threading.Event()
        _clients[self._id] = self
        lib.HuddleSetGroupTipsEventCallback(self._handle, _TIPS, self._id)
        lib.HuddleAddRecvNewMsgCallback(self._handle, _MESSAGES, self._id)
        if self.mode == "poll":
            lib.HuddleSetWakeCallback(self._handle, _WAKE, self._id)

    # Lifecycle

    def close(self):
        """HuddleUninit: owed callbacks run (with their result or 6013), then nothing more."""
        handle, self._handle = self._handle, None
        if handle is None:
            return
        lib.HuddleUninit(handle)
        _clients.pop(self._id, None)
        self._listeners = {"tips": [], "messages": []}

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()

    @property
    def closed(self):
        return self._handle is None

    # Listeners

    def on_group_tip(self, fn):
        """Calls `fn(tip: dict)` for each group tip (`group_tips_elem_*` keys). Usable as a decorator."""
        self._listeners["tips"].append(fn)
        return fn

    def on_new_messages(self, fn):
        """Calls `fn(messages: list[dict])` for each batch of new messages (`message_*` keys).
        Group tips come here too, as messages whose elem has `elem_type` 5."""
        self._listeners["messages"].append(fn)
        return fn

    def remove_listener(self, fn):
        for fns in self._listeners.values():
            if fn in fns:
                fns.remove(fn)

    def _deliver(self, kind, json_text):
        try:
            value = json.loads(json_text.decode("utf-8"))
        except ValueError:
            log.exception("huddle: %s listener got invalid JSON", kind)
            return
        for fn in list(self._listeners[kind]):
            try:
                fn(value)
            except Exception:
                log.exception("huddle: a %s listener raised", kind)
        self._notify()

    def _notify(self):
        with self._changed:
            self._changed.notify_all()

    # Waiting

    def poll(self, max_events=256):
        """Poll mode: runs up to `max_events` pending callbacks here; returns how many ran."""
        return lib.HuddlePoll(self._handle, max_events)

    def wait_for(self, predicate, timeout=10.0):
        """Waits until `predicate()` is truthy and returns its value; TimeoutError after `timeout`
        seconds. Poll mode polls meanwhile; thread mode wakes after each callback."""
        deadline = time.monotonic() + timeout
        while True:
            if self.mode == "poll" and self._handle is not None:
                self._woken.clear()
                self.poll()
            value = predicate()
            if value:
                return value
            left = deadline - time.monotonic()
            if left <= 0:
                raise TimeoutError("timed out after %.1f s" % timeout)
            if self.mode == "poll":
                self._woken.wait(min(left, 0.05))
            else:
                with self._changed:
                    self._changed.wait(min(left, 0.05))

    def wait(self, future, timeout=10.0):
        """The `Result` of `future`, in either mode (poll mode polls while it waits)."""
        if self.mode != "poll":
            return future.result(timeout)
        self.wait_for(future.done, timeout)
        return future.result()

    # Calls

    def _call(self, name, *args):
        token = next(_ids)
        future = concurrent.futures.Future()
        _calls[token] = (self._id, future)  # before the call: the callback may come first
        code = getattr(lib, name)(self._handle, *args, _COMM, token)
        if code != 0:
            _calls.pop(token, None)
            raise HuddleError(code, name)
        return future

    def login(self, user_id, user_sig=None):
        return self._call("HuddleLogin", _utf8(user_id), _utf8(user_sig))

    def logout(self):
        return self._call("HuddleLogout")

    def login_user_id(self):
        """The logged-in user's ID, or None when nobody is logged in."""
        buf = ctypes.create_string_buffer(256)
        code = lib.HuddleGetLoginUserID(self._handle, buf, len(buf))
        if code == -2:
            return None
        if code != 0:
            raise HuddleError(code, "HuddleGetLoginUserID")
        return buf.value.decode("utf-8")

    def login_status(self):
        """1 logged in, 2 logging in, 3 logged out, 4 logging out."""
        return lib.HuddleGetLoginStatus(self._handle)

    # Groups (params are dicts with Tencent's keys; see huddle.h)

    def group_create(self, params):
        return self._call("HuddleGroupCreate", _json_arg(params))

    def group_delete(self, group_id):
        return self._call("HuddleGroupDelete", _utf8(group_id))

    def group_join(self, group_id, hello_msg=None):
        return self._call("HuddleGroupJoin", _utf8(group_id), _utf8(hello_msg))

    def group_quit(self, group_id):
        return self._call("HuddleGroupQuit", _utf8(group_id))

    def group_invite_member(self, params):
        return self._call("HuddleGroupInviteMember", _json_arg(params))

    def group_delete_member(self, params):
        return self._call("HuddleGroupDeleteMember", _json_arg(params))

    def group_get_joined_group_list(self):
        return self._call("HuddleGroupGetJoinedGroupList")

    def group_get_group_info_list(self, group_ids):
        return self._call("HuddleGroupGetGroupInfoList", _json_arg(list(group_ids)))

    def group_modify_group_info(self, params):
        return self._call("HuddleGroupModifyGroupInfo", _json_arg(params))

    def group_get_member_info_list(self, params):
        return self._call("HuddleGroupGetMemberInfoList", _json_arg(params))

    def group_modify_member_info(self, params):
        return self._call("HuddleGroupModifyMemberInfo", _json_arg(params))

    def group_get_pendency_list(self, option=None):
        return self._call("HuddleGroupGetPendencyList", _json_arg(option or {}))

    def group_handle_pendency(self, params):
        return self._call("HuddleGroupHandlePendency", _json_arg(params))

    def group_report_pendency_readed(self, time_stamp):
        return self._call("HuddleGroupReportPendencyReaded", time_stamp)

    # Messages and conversations (conv_type: 1 C2C, 2 group)

    def send_message(self, conv_id, conv_type, message):
        """Sends `message` (a dict with `message_elem_array`). The Future's `message_id`
        attribute holds the new message's ID at once."""
        buf = ctypes.create_string_buffer(_native.MESSAGE_ID_BUFFER_LEN)
        future = self._call("HuddleMsgSendMessage", _utf8(conv_id), conv_type, _json_arg(message), buf)
        future.message_id = buf.value.decode("utf-8")
        return future

    def send_text(self, conv_id, text, conv_type=2):
        """Sends one text elem; `conv_type` 2 (a group, the default) or 1 (a user)."""
        return self.send_message(conv_id, conv_type, {"message_elem_array": [{"elem_type": 0, "text_elem_content": text}]})

    def get_msg_list(self, conv_id, conv_type, params=None):
        return self._call("HuddleMsgGetMsgList", _utf8(conv_id), conv_type, None if params is None else _json_arg(params))

    def revoke(self, conv_id, conv_type, message):
        return self._call("HuddleMsgRevoke", _utf8(conv_id), conv_type, _json_arg(message))

    def report_readed(self, conv_id, conv_type, message=None):
        return self._call("HuddleMsgReportReaded", _utf8(conv_id), conv_type, None if message is None else _json_arg(message))

    def get_conv_list(self):
        return self._call("HuddleConvGetConvList")

    def get_total_unread_message_count(self):
        return self._call("HuddleConvGetTotalUnreadMessageCount")


@atexit.register
def _close_all():
    """No library thread may call into an interpreter that is shutting down."""
    for client in list(_clients.values()):
        client.close()
