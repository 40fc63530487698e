"""What the REST and webhook tests share: huddle-server in a process of its
own (on a free loopback port, with a temp data dir, SIGKILL-able and
restartable on the same port), Tencent's TLSSigAPIv2 signer, and C-ABI
clients of libhuddle.so driven through ctypes in poll mode."""

import ctypes
import json
import os
import signal
import subprocess
import tempfile
import threading
import time

import TLSSigAPIv2

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))
TARGET = os.environ.get("CARGO_TARGET_DIR", os.path.join(ROOT, "target"))
SERVER_BIN = os.path.join(TARGET, "debug", "huddle-server")
LIBRARY = os.path.join(TARGET, "debug", "libhuddle.so")

APP_ID = 1400000001
SECRET = "5bd2850fff3ecb11d7c805251c51ee463a25727bddc2385f3fa8bfee1bb93b5e"
ADMIN = "administrator"


def sig(user, expire=86400):
    return TLSSigAPIv2.TLSSigAPIv2(APP_ID, SECRET).gen_sig(user, expire)


class Server:
    """huddle-server with `config` (TOML text, appended to the basics)."""

    def __init__(self, config="", data_dir=None):
        self.dir = data_dir or tempfile.mkdtemp(prefix="huddle-rest-")
        self.config_path = os.path.join(self.dir, "server.toml")
        with open(self.config_path, "w") as f:
            f.write('sdk_app_id = %d\nsecret_key = "%s"\nadmins = ["%s"]\n%s\n' % (APP_ID, SECRET, ADMIN, config))
        self.proc = None
        self.addr = None
        self.start("127.0.0.1:0")

    def start(self, listen):
        self.log = open(os.path.join(self.dir, "server.log"), "ab")
        env = dict(os.environ, HUDDLE_LOG=os.environ.get("TEST_SERVER_LOG", "warn"))
        self.proc = subprocess.Popen(
            [SERVER_BIN, "--config", self.config_path, "--data-dir", os.path.join(self.dir, "data"), "--listen", listen],
            stdout=subprocess.PIPE, stderr=self.log, env=env)
        line = self.proc.stdout.readline().decode()
        prefix = "huddle-server listening on ws://"
        if not line.startswith(prefix):
            raise RuntimeError("huddle-server did not start: %r (see %s)" % (line, self.log.name))
        self.addr = line[len(prefix):].strip()

    @property
    def url(self):
        return "ws://" + self.addr

    @property
    def http(self):
        return "http://" + self.addr

    def kill(self):
        """SIGKILL: no flush, no goodbye."""
        self.proc.send_signal(signal.SIGKILL)
        self.proc.wait()
        self.proc.stdout.close()
        self.log.close()

    def restart(self):
        """Starts again on the same port and data dir."""
        self.start(self.addr)

    def stop(self):
        if self.proc and self.proc.poll() is None:
            self.proc.send_signal(signal.SIGTERM)
            try:
                self.proc.wait(timeout=20)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait()
        if not self.log.closed:
            self.proc.stdout.close()
            self.log.close()


# The C ABI, as huddle.h declares it.
COMM_CB = ctypes.CFUNCTYPE(None, ctypes.c_int32, ctypes.c_char_p, ctypes.c_char_p, ctypes.c_void_p)
JSON_CB = ctypes.CFUNCTYPE(None, ctypes.c_char_p, ctypes.c_void_p)

_lib = None


def lib():
    global _lib
    if _lib is None:
        _lib = ctypes.CDLL(LIBRARY)
        _lib.HuddleInit.argtypes = [ctypes.c_char_p, ctypes.POINTER(ctypes.c_void_p)]
        _lib.HuddleUninit.argtypes = [ctypes.c_void_p]
        _lib.HuddlePoll.argtypes = [ctypes.c_void_p, ctypes.c_uint32]
        _lib.HuddleLogin.argtypes = [ctypes.c_void_p, ctypes.c_char_p, ctypes.c_char_p, COMM_CB, ctypes.c_void_p]
        for name in ("HuddleSetGroupTipsEventCallback", "HuddleAddRecvNewMsgCallback", "HuddleSetMsgRevokeCallback"):
            getattr(_lib, name).argtypes = [ctypes.c_void_p, JSON_CB, ctypes.c_void_p]
    return _lib


class Client:
    """A poll-mode C-ABI client of the server at `url`, logged in as `user`,
    recording the tips, messages and recalls it hears. `call(name, *args)`
    runs one asynchronous Huddle function and returns (code, desc, json)."""

    def __init__(self, url, user):
        self.user = user
        self.tips, self.messages, self.recalls = [], [], []
        self.handle = ctypes.c_void_p()
        config = json.dumps({"sdk_config_server_url": url, "callback_mode": "poll", "sdk_config_sdk_app_id": APP_ID})
        assert lib().HuddleInit(config.encode(), ctypes.byref(self.handle)) == 0
        # Kept referenced: ctypes callbacks must outlive their use.
        self._tip = JSON_CB(lambda j, _: self.tips.append(json.loads(j)))
        self._msg = JSON_CB(lambda j, _: self.messages.extend(json.loads(j)))
        self._revoke = JSON_CB(lambda j, _: self.recalls.extend(json.loads(j)))
        lib().HuddleSetGroupTipsEventCallback(self.handle, self._tip, None)
        lib().HuddleAddRecvNewMsgCallback(self.handle, self._msg, None)
        lib().HuddleSetMsgRevokeCallback(self.handle, self._revoke, None)
        self._pending = []
        code, desc, _ = self.call("HuddleLogin", user.encode(), sig(user).encode())
        assert code == 0, "login of %s: %d %s" % (user, code, desc)

    def call(self, name, *args, timeout=10):
        done = []
        cb = COMM_CB(lambda code, desc, js, _: done.append((code, desc.decode(), json.loads(js) if js else None)))
        self._pending.append(cb)
        fn = getattr(lib(), name)
        rc = fn(self.handle, *args, cb, None)
        assert rc == 0, "%s returned %d" % (name, rc)
        self.poll_until(lambda: done, timeout)
        return done[0]

    def poll(self):
        lib().HuddlePoll(self.handle, 1000)

    def poll_until(self, cond, timeout=10):
        deadline = time.time() + timeout
        while not cond():
            if time.time() > deadline:
                raise AssertionError("timed out waiting")
            self.poll()
            time.sleep(0.01)
        return cond()

    def close(self):
        lib().HuddleUninit(self.handle)

