"""huddle-server's calls to the app's server (Tencent's third-party callbacks)
and its offline push hook, against "the app's server": an HTTP server in a
thread of this process that records every request (query and JSON body, in
order) and answers each CallbackCommand as a test programs it (answer JSON,
HTTP status, delay).

Covered (issue 12, "Done when" bullets 2-4):
  * BeforeHooks: before-callbacks refuse (10016), refuse with the app's own
    code (10100..10200, ErrorInfo passed on), rewrite a message, drop it
    silently (ErrorCode 2), and time out (allowed by default); their bodies
    and query parameters.
  * RefusePolicy: with on_failure = "refuse", a before-callback that times out
    or answers HTTP 500 refuses (10016).
  * AfterHooks: every after-callback with Tencent's body, signed, in the order
    of the operations.
  * CrashAndSubset: an after-callback the app's server has not taken survives
    a SIGKILL and arrives after the restart; callbacks configured out are
    never made.
  * PushHook: who is pushed (offline, do-not-disturb only when @-ed, never
    NotReceive, C2C peer), what a push says, unread counts, batching.

Run: cd tests/rest && python3 -m unittest test_webhooks -v
(after `cargo build --bin huddle-server --lib`).
"""

import hashlib
import json
import threading
import time
import unittest
import urllib.parse
import urllib.request
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import common
from common import ADMIN, APP_ID, Client, Server

TOKEN = "hook-token-0123456789"
DOCUMENTED_PLATFORMS = {"RESTAPI", "Web", "Android", "iOS", "Windows", "Mac", "iPad", "Unknown"}
OK = {"ActionStatus": "OK", "ErrorInfo": "", "ErrorCode": 0}

BEFORE_CREATE = "Group.CallbackBeforeCreateGroup"
AFTER_CREATE = "Group.CallbackAfterCreateGroup"
BEFORE_APPLY = "Group.CallbackBeforeApplyJoinGroup"
AFTER_JOIN = "Group.CallbackAfterNewMemberJoin"
AFTER_EXIT = "Group.CallbackAfterMemberExit"
BEFORE_SEND = "Group.CallbackBeforeSendMsg"
AFTER_SEND = "Group.CallbackAfterSendMsg"
AFTER_INFO = "Group.CallbackAfterGroupInfoChanged"
AFTER_DESTROYED = "Group.CallbackAfterGroupDestroyed"
OFFLINE_PUSH = "Huddle.OfflinePush"
AFTERS = {AFTER_CREATE, AFTER_JOIN, AFTER_EXIT, AFTER_SEND, AFTER_INFO, AFTER_DESTROYED}

AT_ALL = "__kImSDK_MessageAtALL__"


# ---------------------------------------------------------------------------
# The app's server.

class Receiver:
    """An HTTP server in a thread that records every request and answers
    per CallbackCommand as programmed with `answer`."""

    def __init__(self):
        self.records = []
        self.rules = {}
        self.cond = threading.Condition()
        receiver = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"  # keep-alive, as Tencent's callbacks do

            def log_message(self, *args):
                pass

            def do_POST(self):
                parts = urllib.parse.urlsplit(self.path)
                query = dict(urllib.parse.parse_qsl(parts.query, keep_blank_values=True))
                raw = self.rfile.read(int(self.headers.get("Content-Length") or 0))
                try:
                    body = json.loads(raw)
                except ValueError:
                    body = raw.decode(errors="replace")
                command = query.get("CallbackCommand")
                with receiver.cond:
                    answer, status, delay = receiver.rules.get(command, (OK, 200, 0))
                    receiver.records.append({
                        "path": parts.path, "query": query, "body": body, "time": time.time(),
                        "status": status, "delay": delay, "content_type": self.headers.get("Content-Type"),
                    })
                    receiver.cond.notify_all()
                if delay:
                    time.sleep(delay)
                out = json.dumps(answer).encode()
                try:
                    self.send_response(status)
                    self.send_header("Content-Type", "application/json")
                    self.send_header("Content-Length", str(len(out)))
                    self.end_headers()
                    self.wfile.write(out)
                except OSError:
                    pass  # the caller gave up (a before-callback's timeout)

        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.httpd.daemon_threads = True
        self.thread = threading.Thread(target=self.httpd.serve_forever, daemon=True)
        self.thread.start()

    def url(self, path):
        return "http://127.0.0.1:%d%s" % (self.httpd.server_address[1], path)

    def answer(self, command, body=None, status=200, delay=0):
        """How `command` is answered from now on: `body` (ErrorCode 0 when
        None; a dict is merged over Tencent's OK answer) with `status`,
        after `delay` seconds."""
        answer = dict(OK, **(body or {}))
        with self.cond:
            self.rules[command] = (answer, status, delay)

    def reset(self):
        with self.cond:
            self.rules.clear()

    def snapshot(self):
        with self.cond:
            return list(self.records)

    def find(self, command=None, path=None, since=0, **fields):
        """Records of `command` (by the query) whose body has `fields`."""
        out = []
        for r in self.snapshot()[since:]:
            if command is not None and r["query"].get("CallbackCommand") != command:
                continue
            if path is not None and r["path"] != path:
                continue
            body = r["body"] if isinstance(r["body"], dict) else {}
            if all(body.get(k) == v for k, v in fields.items()):
                out.append(r)
        return out

    def wait(self, pred, timeout=15, what="a callback"):
        """Waits until pred(records) is truthy; returns its value."""
        deadline = time.time() + timeout
        with self.cond:
            while True:
                value = pred(list(self.records))
                if value:
                    return value
                left = deadline - time.time()
                if left <= 0:
                    raise AssertionError("timed out waiting for %s; received: %s" % (what, summary(self.records)))
                self.cond.wait(min(left, 0.5))

    def wait_for(self, command, timeout=15, since=0, **fields):
        """The first record of `command` with body `fields`, waited for."""
        def found(records):
            return self.find(command, since=since, **fields)
        return self.wait(found, timeout, "%s %s" % (command, fields))[0]

    def close(self):
        self.httpd.shutdown()
        self.httpd.server_close()


def summary(records):
    out = []
    for r in records[-30:]:
        body = r["body"] if isinstance(r["body"], dict) else {}
        out.append("%s %s %s" % (r["query"].get("CallbackCommand"), body.get("GroupId", ""), r["status"]))
    return out


# ---------------------------------------------------------------------------
# Helpers.

def rest(server, command, body):
    """One REST call as the app admin: the parsed reply."""
    url = "%s/v4/%s?sdkappid=%d&identifier=%s&usersig=%s&random=%d&contenttype=json" % (
        server.http, command, APP_ID, ADMIN, urllib.parse.quote(common.sig(ADMIN)), int(time.time() * 1000) % 100000000)
    req = urllib.request.Request(url, data=json.dumps(body).encode(), method="POST", headers={"Content-Type": "application/json"})
    with urllib.request.urlopen(req, timeout=20) as resp:
        return json.loads(resp.read())


def create_group(client, name, members=(), group_type=0, group_id=None, add_option=2):
    param = {
        "create_group_param_group_name": name,
        "create_group_param_group_type": group_type,
        "create_group_param_group_member_array": [{"group_member_info_identifier": m} for m in members],
    }
    if add_option is not None:
        param["create_group_param_add_option"] = add_option
    if group_id:
        param["create_group_param_group_id"] = group_id
    return client.call("HuddleGroupCreate", json.dumps(param).encode())


def created(client, name, members=(), **kw):
    code, desc, js = create_group(client, name, members, **kw)
    assert code == 0, "create %s: %d %s" % (name, code, desc)
    return js["create_group_result_groupid"]


def send(client, conv_id, text, conv_type=2, at=None):
    msg = {"message_elem_array": [{"elem_type": 0, "text_elem_content": text}]}
    if at:
        msg["message_group_at_user_array"] = at
    return client.call("HuddleMsgSendMessage", conv_id.encode(), conv_type, json.dumps(msg).encode(), None)


def texts(client, conv_id):
    """Texts `client` received in conversation `conv_id`, in order."""
    out = []
    for m in client.messages:
        if m.get("message_conv_id") != conv_id:
            continue
        for e in m.get("message_elem_array", []):
            if e.get("elem_type") == 0:
                out.append(e.get("text_elem_content"))
    return out


def history_texts(client, conv_id, conv_type=2):
    code, desc, msgs = client.call("HuddleMsgGetMsgList", conv_id.encode(), conv_type, json.dumps({"msg_getmsglist_param_count": 50}).encode())
    assert code == 0, "history of %s: %d %s" % (conv_id, code, desc)
    return [e.get("text_elem_content") for m in msgs for e in m.get("message_elem_array", []) if e.get("elem_type") == 0]


def text_body(text):
    return [{"MsgType": "TIMTextElem", "MsgContent": {"Text": text}}]


def accounts(lst):
    return sorted(m["Member_Account"] for m in lst)


class HookTest(unittest.TestCase):
    """A receiver and a server configured by `webhooks` (the [webhooks]
    table, `{url}` and `{push}` filled in), shared by the class."""

    webhooks = 'url = "{url}"\ntoken = "%s"\n' % TOKEN

    @classmethod
    def setUpClass(cls):
        cls.receiver = Receiver()
        cls.clients = []
        config = "[webhooks]\n" + cls.webhooks.format(url=cls.receiver.url("/cb"), push=cls.receiver.url("/push"))
        cls.server = Server(config)

    @classmethod
    def tearDownClass(cls):
        for c in cls.clients:
            if not getattr(c, "closed", False):
                c.close()
        cls.server.stop()
        cls.receiver.close()

    def setUp(self):
        self.receiver.reset()

    @classmethod
    def client(cls, user):
        c = Client(cls.server.url, user)
        cls.clients.append(c)
        return c

    @staticmethod
    def offline(client):
        """Logs `client` out (its session ends before the answer) and closes it."""
        code, desc, _ = client.call("HuddleLogout")
        assert code == 0, "logout: %d %s" % (code, desc)
        client.close()
        client.closed = True

    def assert_signed(self, record):
        """Tencent's common query and callback authentication."""
        q = record["query"]
        self.assertEqual(q.get("SdkAppid"), str(APP_ID), q)
        if isinstance(record["body"], dict):
            self.assertEqual(q.get("CallbackCommand"), record["body"].get("CallbackCommand"), q)
        self.assertEqual(q.get("contenttype"), "json", q)
        self.assertIn("RequestTime", q)
        self.assertIn("Sign", q)
        self.assertLessEqual(abs(int(q["RequestTime"]) - record["time"]), 60, "RequestTime within 60 s")
        self.assertEqual(q["Sign"], hashlib.sha256((TOKEN + q["RequestTime"]).encode()).hexdigest())

    def assert_origin(self, record, platform=None):
        q = record["query"]
        self.assertEqual(q.get("ClientIP"), "127.0.0.1", q)
        self.assertIn(q.get("OptPlatform"), DOCUMENTED_PLATFORMS, q)
        if platform:
            self.assertEqual(q.get("OptPlatform"), platform, q)

    def assert_event_time(self, body):
        t = body.get("EventTime")
        self.assertIsNotNone(t, body)
        t = int(t)  # Tencent's examples write it as an integer or a string
        self.assertLess(abs(t - time.time() * 1000), 60_000, "EventTime in ms, now: %r" % body)

    def assert_no_group(self, group_id):
        reply = rest(self.server, "group_open_http_svc/get_group_info", {"GroupIdList": [group_id]})
        self.assertEqual(reply["GroupInfo"][0]["ErrorCode"], 10010, reply)


# ---------------------------------------------------------------------------

class BeforeHooks(HookTest):
    """Before-callbacks decide: allow, refuse, refuse with the app's code,
    rewrite, discard; a timeout allows (the default policy)."""

    webhooks = 'url = "{url}"\ntoken = "%s"\ntimeout_ms = 500\non_failure = "allow"\n' % TOKEN

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.alice = cls.client("alice")
        cls.bob = cls.client("bob")
        cls.carol = cls.client("carol")

    def test_create_group_refused_client(self):
        self.receiver.answer(BEFORE_CREATE, {"ErrorCode": 1})
        since = len(self.receiver.snapshot())
        code, desc, _ = create_group(self.alice, "Refused", ["bob"], group_id="refused-client")
        self.assertEqual(code, 10016, desc)
        self.assert_no_group("refused-client")
        r = self.receiver.wait_for(BEFORE_CREATE, since=since, Name="Refused")
        self.assert_signed(r)
        self.assert_origin(r)
        self.assertEqual(r["path"], "/cb")
        b = r["body"]
        self.assertEqual(b["CallbackCommand"], BEFORE_CREATE)
        self.assertEqual(b["Operator_Account"], "alice")
        self.assertEqual(b["Owner_Account"], "alice")
        self.assertEqual(b["Type"], "Public")
        self.assertEqual(accounts(b["MemberList"]), ["bob"])
        self.assert_event_time(b)
        # No group, so no AfterCreateGroup: a later group's arrives, and after-callbacks come in order.
        self.receiver.reset()
        later = created(self.alice, "Later")
        self.receiver.wait_for(AFTER_CREATE, GroupId=later)
        self.assertEqual(self.receiver.find(AFTER_CREATE, since=since, Name="Refused"), [])

    def test_create_group_refused_rest(self):
        self.receiver.answer(BEFORE_CREATE, {"ErrorCode": 1})
        since = len(self.receiver.snapshot())
        reply = rest(self.server, "group_open_http_svc/create_group",
                     {"Owner_Account": "alice", "Type": "Public", "Name": "RestRefused", "GroupId": "refused-rest",
                      "MemberList": [{"Member_Account": "bob"}]})
        self.assertEqual(reply["ErrorCode"], 10016, reply)
        self.assertEqual(reply["ActionStatus"], "FAIL", reply)
        self.assert_no_group("refused-rest")
        r = self.receiver.wait_for(BEFORE_CREATE, since=since, Name="RestRefused")
        self.assert_signed(r)
        self.assert_origin(r, "RESTAPI")
        b = r["body"]
        self.assertEqual(b["Operator_Account"], ADMIN)
        self.assertEqual(b["Owner_Account"], "alice")
        self.assertEqual(b["Type"], "Public")
        self.assertEqual(accounts(b["MemberList"]), ["bob"])

    def test_create_group_types_named_as_tencent(self):
        since = len(self.receiver.snapshot())
        for group_type, name in ((1, "Private"), (2, "ChatRoom"), (5, "Community")):
            with self.subTest(group_type=group_type):
                created(self.alice, "Typed%d" % group_type, group_type=group_type, add_option=None)
                r = self.receiver.wait_for(BEFORE_CREATE, since=since, Name="Typed%d" % group_type)
                self.assertEqual(r["body"]["Type"], name)

    def test_custom_refusal_code_passed_through(self):
        self.receiver.answer(BEFORE_CREATE, {"ErrorCode": 10150, "ErrorInfo": "no groups on Sundays"})
        code, desc, _ = create_group(self.alice, "Sunday", group_id="custom-code")
        self.assertEqual(code, 10150)
        self.assertEqual(desc, "no groups on Sundays")
        self.assert_no_group("custom-code")
        reply = rest(self.server, "group_open_http_svc/create_group",
                     {"Owner_Account": "alice", "Type": "Public", "Name": "SundayRest", "GroupId": "custom-code-rest"})
        self.assertEqual(reply["ErrorCode"], 10150, reply)
        self.assertEqual(reply["ErrorInfo"], "no groups on Sundays", reply)
        self.assert_no_group("custom-code-rest")

    def test_apply_join_refused(self):
        gid = created(self.alice, "NoJoin")
        self.receiver.answer(BEFORE_APPLY, {"ErrorCode": 1})
        since = len(self.receiver.snapshot())
        code, desc, _ = self.carol.call("HuddleGroupJoin", gid.encode(), b"let me in")
        self.assertEqual(code, 10016, desc)
        r = self.receiver.wait_for(BEFORE_APPLY, since=since, GroupId=gid)
        self.assert_signed(r)
        self.assert_origin(r)
        b = r["body"]
        self.assertEqual(b["Type"], "Public")
        self.assertEqual(b["Requestor_Account"], "carol")
        self.assert_event_time(b)
        reply = rest(self.server, "group_open_http_svc/get_group_info", {"GroupIdList": [gid]})
        members = [m["Member_Account"] for m in reply["GroupInfo"][0].get("MemberList", [])]
        self.assertNotIn("carol", members)
        # Allowed again: the join goes through.
        self.receiver.answer(BEFORE_APPLY, {"ErrorCode": 0})
        code, desc, js = self.carol.call("HuddleGroupJoin", gid.encode(), b"again")
        self.assertEqual(code, 0, desc)

    def test_send_rewritten(self):
        gid = created(self.alice, "Rewrite", ["bob"])
        self.receiver.answer(BEFORE_SEND, {"ErrorCode": 0, "MsgBody": text_body("rewritten by the app")})
        since = len(self.receiver.snapshot())
        code, desc, sent = send(self.alice, gid, "the original", at=["bob"])
        self.assertEqual(code, 0, desc)
        self.bob.poll_until(lambda: texts(self.bob, gid))
        self.assertEqual(texts(self.bob, gid), ["rewritten by the app"])
        self.assertEqual(history_texts(self.bob, gid), ["rewritten by the app"])
        self.assertEqual(history_texts(self.alice, gid), ["rewritten by the app"])
        r = self.receiver.wait_for(BEFORE_SEND, since=since, GroupId=gid)
        self.assert_signed(r)
        self.assert_origin(r)
        b = r["body"]
        self.assertEqual(b["Type"], "Public")
        self.assertEqual(b["From_Account"], "alice")
        self.assertEqual(b["Operator_Account"], "alice")
        self.assertEqual(b["MsgBody"], text_body("the original"))
        self.assertIsInstance(b["Random"], int)
        self.assertEqual(b["MsgId"], sent["message_msg_id"])
        self.assertNotIn("MsgSeq", b)
        self.assert_event_time(b)
        # The after-callback tells of the message as delivered (Tencent's C2C rule).
        a = self.receiver.wait_for(AFTER_SEND, since=since, GroupId=gid)
        self.assertEqual(a["body"]["MsgBody"], text_body("rewritten by the app"))

    def test_send_refused_and_discarded(self):
        gid = created(self.alice, "Discard", ["bob"])
        since = len(self.receiver.snapshot())
        self.receiver.answer(BEFORE_SEND, {"ErrorCode": 1})
        code, desc, _ = send(self.alice, gid, "refused one")
        self.assertEqual(code, 10016, desc)
        self.receiver.answer(BEFORE_SEND, {"ErrorCode": 2})
        code, desc, _ = send(self.alice, gid, "dropped one")
        self.assertEqual(code, 0, "ErrorCode 2: the sender sees success (%s)" % desc)
        self.receiver.answer(BEFORE_SEND, {"ErrorCode": 0})
        code, desc, _ = send(self.alice, gid, "allowed one")
        self.assertEqual(code, 0, desc)
        self.bob.poll_until(lambda: "allowed one" in texts(self.bob, gid))
        self.assertEqual(texts(self.bob, gid), ["allowed one"])
        self.assertEqual(history_texts(self.bob, gid), ["allowed one"])
        self.assertEqual(history_texts(self.alice, gid), ["allowed one"])
        # Only the allowed message has an after-callback (in order: the others would have come first).
        self.receiver.wait_for(AFTER_SEND, since=since, GroupId=gid)
        after = [r["body"]["MsgBody"] for r in self.receiver.find(AFTER_SEND, since=since, GroupId=gid)]
        self.assertEqual(after, [text_body("allowed one")])
        self.assertEqual(len(self.receiver.find(BEFORE_SEND, since=since, GroupId=gid)), 3)

    def test_send_custom_code(self):
        gid = created(self.alice, "CustomSend", ["bob"])
        self.receiver.answer(BEFORE_SEND, {"ErrorCode": 10199, "ErrorInfo": "watch your language"})
        code, desc, _ = send(self.alice, gid, "a bad word")
        self.assertEqual(code, 10199)
        self.assertEqual(desc, "watch your language")

    def test_timeout_allows_by_default(self):
        gid = created(self.alice, "Slow", ["bob"])
        self.receiver.answer(BEFORE_SEND, {"ErrorCode": 1}, delay=3)  # would refuse, but too late
        since = len(self.receiver.snapshot())
        started = time.time()
        code, desc, _ = send(self.alice, gid, "late but allowed")
        self.assertEqual(code, 0, desc)
        self.assertLess(time.time() - started, 2.5, "timeout_ms = 500 ends the wait, not the answer")
        self.bob.poll_until(lambda: "late but allowed" in texts(self.bob, gid))
        self.assertEqual(len(self.receiver.find(BEFORE_SEND, since=since, GroupId=gid)), 1)
        # A 500 is a failure too: allowed.
        self.receiver.answer(BEFORE_SEND, {"ErrorCode": 1}, status=500)
        code, desc, _ = send(self.alice, gid, "server error but allowed")
        self.assertEqual(code, 0, desc)
        self.bob.poll_until(lambda: "server error but allowed" in texts(self.bob, gid))

    def test_rest_send(self):
        gid = created(self.alice, "RestSend", ["bob"])
        self.receiver.answer(BEFORE_SEND, {"ErrorCode": 1})
        since = len(self.receiver.snapshot())
        reply = rest(self.server, "group_open_http_svc/send_group_msg",
                     {"GroupId": gid, "From_Account": "alice", "Random": 4242, "MsgBody": text_body("rest refused")})
        self.assertEqual(reply["ErrorCode"], 10016, reply)
        r = self.receiver.wait_for(BEFORE_SEND, since=since, GroupId=gid)
        self.assert_signed(r)
        self.assert_origin(r, "RESTAPI")
        b = r["body"]
        self.assertEqual(b["From_Account"], "alice")
        self.assertEqual(b["Operator_Account"], ADMIN)
        self.assertEqual(b["Random"], 4242)
        self.assertEqual(b["MsgBody"], text_body("rest refused"))
        # ForbidBeforeSendMsgCallback: no before-callback, so not refused.
        reply = rest(self.server, "group_open_http_svc/send_group_msg",
                     {"GroupId": gid, "From_Account": "alice", "Random": 4343, "MsgBody": text_body("rest unchecked"),
                      "ForbidCallbackControl": ["ForbidBeforeSendMsgCallback"]})
        self.assertEqual(reply["ErrorCode"], 0, reply)
        self.bob.poll_until(lambda: "rest unchecked" in texts(self.bob, gid))
        self.assertEqual(len(self.receiver.find(BEFORE_SEND, since=since, GroupId=gid)), 1)
        # A rewrite through REST.
        self.receiver.answer(BEFORE_SEND, {"ErrorCode": 0, "MsgBody": text_body("rest rewritten")})
        reply = rest(self.server, "group_open_http_svc/send_group_msg",
                     {"GroupId": gid, "From_Account": "alice", "Random": 4444, "MsgBody": text_body("rest original")})
        self.assertEqual(reply["ErrorCode"], 0, reply)
        self.bob.poll_until(lambda: "rest rewritten" in texts(self.bob, gid))
        self.assertNotIn("rest original", texts(self.bob, gid))


class RefusePolicy(HookTest):
    """on_failure = "refuse": a before-callback that fails refuses (10016)."""

    webhooks = 'url = "{url}"\ntoken = "%s"\ntimeout_ms = 500\non_failure = "refuse"\n' % TOKEN

    def test_failed_before_callback_refuses(self):
        alice, bob = self.client("alice"), self.client("bob")
        gid = created(alice, "Strict", ["bob"])
        self.receiver.answer(BEFORE_SEND, {"ErrorCode": 0}, delay=1.5)  # would allow, but too late
        code, desc, _ = send(alice, gid, "too slow")
        self.assertEqual(code, 10016, desc)
        self.receiver.answer(BEFORE_SEND, {"ErrorCode": 0}, status=500)
        code, desc, _ = send(alice, gid, "server error")
        self.assertEqual(code, 10016, desc)
        self.receiver.answer(BEFORE_CREATE, {"ErrorCode": 0}, delay=1.5)
        code, desc, _ = create_group(alice, "TooSlow", group_id="too-slow")
        self.assertEqual(code, 10016, desc)
        self.assert_no_group("too-slow")
        self.receiver.reset()
        code, desc, _ = send(alice, gid, "answered")
        self.assertEqual(code, 0, desc)
        bob.poll_until(lambda: "answered" in texts(bob, gid))
        self.assertEqual(texts(bob, gid), ["answered"])


class AfterHooks(HookTest):
    """Every after-callback, as Tencent documents its body, signed, in order."""

    def test_every_after_callback_in_order(self):
        alice, bob, carol = self.client("alice"), self.client("bob"), self.client("carol")
        start = time.time()
        gid = created(alice, "AfterGroup", ["bob"])                                   # AfterCreateGroup
        code, desc, js = carol.call("HuddleGroupJoin", gid.encode(), b"hi")          # Apply
        self.assertEqual((code, js.get("group_join_result_status")), (0, 0), desc)
        reply = rest(self.server, "group_open_http_svc/add_group_member",
                     {"GroupId": gid, "MemberList": [{"Member_Account": "dave"}]})    # Invited (REST)
        self.assertEqual(reply["ErrorCode"], 0, reply)
        code, desc, _ = carol.call("HuddleGroupQuit", gid.encode())                  # Quit
        self.assertEqual(code, 0, desc)
        code, desc, _ = alice.call("HuddleGroupDeleteMember", json.dumps({           # Kicked
            "group_delete_member_param_group_id": gid,
            "group_delete_member_param_identifier_array": ["dave"]}).encode())
        self.assertEqual(code, 0, desc)
        code, desc, sent = send(alice, gid, "@all @bob red packet", at=[AT_ALL, "bob"])  # AfterSendMsg
        self.assertEqual(code, 0, desc)
        code, desc, _ = alice.call("HuddleGroupModifyGroupInfo", json.dumps({         # Notification only
            "group_modify_info_param_group_id": gid,
            "group_modify_info_param_modify_flag": 0x2,
            "group_modify_info_param_notification": "new notice"}).encode())
        self.assertEqual(code, 0, desc)
        code, desc, _ = alice.call("HuddleGroupDelete", gid.encode())                # AfterGroupDestroyed
        self.assertEqual(code, 0, desc)

        def mine(records):
            out = [r for r in records if r["query"].get("CallbackCommand") in AFTERS
                   and isinstance(r["body"], dict) and r["body"].get("GroupId") == gid]
            return out if any(r["body"]["CallbackCommand"] == AFTER_DESTROYED for r in out) else None
        records = self.receiver.wait(mine, what="the group's after-callbacks")
        commands = [r["body"]["CallbackCommand"] for r in records]
        self.assertEqual(commands, [AFTER_CREATE, AFTER_JOIN, AFTER_JOIN, AFTER_EXIT, AFTER_EXIT, AFTER_SEND, AFTER_INFO, AFTER_DESTROYED])
        for r in records:
            self.assertEqual(r["path"], "/cb")
            self.assert_signed(r)
            self.assert_event_time(r["body"])
            self.assertGreaterEqual(int(r["query"]["RequestTime"]), int(start) - 1)
            self.assertEqual(r["body"]["Type"], "Public")
        with self.subTest(known="after-callbacks carry ClientIP and OptPlatform"):
            # Tencent's common query (its overview, and its raw AfterNewMemberJoin
            # example) has ClientIP and OptPlatform on every callback but Push.*.
            missing = [r["body"]["CallbackCommand"] for r in records
                       if "ClientIP" not in r["query"] or r["query"].get("OptPlatform") not in DOCUMENTED_PLATFORMS]
            self.assertEqual(missing, [], "after-callbacks without ClientIP/OptPlatform")
        create, apply, invited, quit, kicked, msg, info, destroyed = [r["body"] for r in records]

        self.assertEqual(create["Operator_Account"], "alice")
        self.assertEqual(create["Owner_Account"], "alice")
        self.assertEqual(create["Name"], "AfterGroup")
        self.assertIn("bob", accounts(create["MemberList"]))
        self.assertTrue(set(accounts(create["MemberList"])) <= {"alice", "bob"}, create)

        self.assertEqual(apply["JoinType"], "Apply")
        self.assertEqual(apply["Operator_Account"], "carol")
        self.assertEqual(accounts(apply["NewMemberList"]), ["carol"])

        self.assertEqual(invited["JoinType"], "Invited")
        self.assertEqual(invited["Operator_Account"], ADMIN)
        self.assertEqual(accounts(invited["NewMemberList"]), ["dave"])

        self.assertEqual(quit["ExitType"], "Quit")
        self.assertEqual(quit["Operator_Account"], "carol")
        self.assertEqual(accounts(quit["ExitMemberList"]), ["carol"])

        self.assertEqual(kicked["ExitType"], "Kicked")
        self.assertEqual(kicked["Operator_Account"], "alice")
        self.assertEqual(accounts(kicked["ExitMemberList"]), ["dave"])

        self.assertEqual(msg["From_Account"], "alice")
        self.assertEqual(msg["MsgSeq"], sent["message_seq"])
        self.assertEqual(msg["MsgTime"], sent["message_server_time"])
        self.assertLess(abs(msg["MsgTime"] - time.time()), 60, "MsgTime in seconds")
        self.assertEqual(msg["MsgId"], sent["message_msg_id"])
        self.assertEqual(msg["MsgBody"], text_body("@all @bob red packet"))
        self.assertIsInstance(msg["Random"], int)
        self.assertEqual(msg["GroupAtInfo"], [{"GroupAtAllFlag": 1}, {"GroupAtAllFlag": 0, "GroupAt_Account": "bob"}])
        before = self.receiver.find(BEFORE_SEND, GroupId=gid)
        self.assertEqual(len(before), 1)
        self.assertEqual(before[0]["body"]["Random"], msg["Random"])
        self.assertEqual(before[0]["body"]["MsgId"], msg["MsgId"])

        self.assertEqual(info["Operator_Account"], "alice")
        self.assertEqual(info["Notification"], "new notice")
        for other in ("Name", "Introduction", "FaceUrl", "AppDefinedData"):
            self.assertNotIn(other, info, "only what changed")

        self.assertEqual(destroyed["Owner_Account"], "alice")
        self.assertEqual(destroyed["Name"], "AfterGroup")
        self.assertEqual(accounts(destroyed["MemberList"]), ["alice", "bob"])

        # Only the free join asked BeforeApplyJoinGroup; the REST add did not.
        applies = self.receiver.find(BEFORE_APPLY, GroupId=gid)
        self.assertEqual([r["body"]["Requestor_Account"] for r in applies], ["carol"])

    def test_join_by_approval_is_apply(self):
        alice, carol = self.client("alice"), self.client("carol")
        since = len(self.receiver.snapshot())
        gid = created(alice, "Approval", add_option=1)
        code, desc, js = carol.call("HuddleGroupJoin", gid.encode(), b"please")
        self.assertEqual((code, js.get("group_join_result_status")), (0, 1), desc)
        code, desc, pend = alice.call("HuddleGroupGetPendencyList", json.dumps({"group_pendency_option_start_time": 0}).encode())
        self.assertEqual(code, 0, desc)
        request = [p for p in pend["group_pendency_result_pendency_array"] if p.get("group_pendency_group_id") == gid][0]
        code, desc, _ = alice.call("HuddleGroupHandlePendency", json.dumps({
            "group_handle_pendency_param_is_accept": True,
            "group_handle_pendency_param_handle_msg": "welcome",
            "group_handle_pendency_param_pendency": request}).encode())
        self.assertEqual(code, 0, desc)
        r = self.receiver.wait_for(AFTER_JOIN, since=since, GroupId=gid)
        self.assert_signed(r)
        self.assertEqual(r["body"]["JoinType"], "Apply")
        self.assertEqual(accounts(r["body"]["NewMemberList"]), ["carol"])
        self.assertIn(r["body"]["Operator_Account"], ("alice", "carol"), "the approver or the applicant")

    def test_rest_operations(self):
        since = len(self.receiver.snapshot())
        reply = rest(self.server, "group_open_http_svc/create_group",
                     {"Owner_Account": "alice", "Type": "Public", "Name": "RestOps",
                      "MemberList": [{"Member_Account": "bob"}, {"Member_Account": "carol"}]})
        self.assertEqual(reply["ErrorCode"], 0, reply)
        gid = reply["GroupId"]
        sent = rest(self.server, "group_open_http_svc/send_group_msg",
                    {"GroupId": gid, "From_Account": "alice", "Random": 777, "MsgBody": text_body("as alice"),
                     "GroupAtInfo": [{"GroupAtAllFlag": 0, "GroupAt_Account": "bob"}]})
        self.assertEqual(sent["ErrorCode"], 0, sent)
        quiet = rest(self.server, "group_open_http_svc/send_group_msg",
                     {"GroupId": gid, "From_Account": "alice", "Random": 778, "MsgBody": text_body("no after-callback"),
                      "ForbidCallbackControl": ["ForbidAfterSendMsgCallback"]})
        self.assertEqual(quiet["ErrorCode"], 0, quiet)
        for change in ({"Name": "RestOps2", "FaceUrl": "https://example.com/face.png"},
                       {"ApplyJoinOption": "FreeAccess"},  # not a field the callback tells of
                       {"AppDefinedData": [{"Key": "level", "Value": "3"}]}):
            reply = rest(self.server, "group_open_http_svc/modify_group_base_info", dict(GroupId=gid, **change))
            self.assertEqual(reply["ErrorCode"], 0, reply)
        reply = rest(self.server, "group_open_http_svc/delete_group_member", {"GroupId": gid, "MemberToDel_Account": ["carol"]})
        self.assertEqual(reply["ErrorCode"], 0, reply)
        reply = rest(self.server, "group_open_http_svc/destroy_group", {"GroupId": gid})
        self.assertEqual(reply["ErrorCode"], 0, reply)

        self.receiver.wait_for(AFTER_DESTROYED, since=since, GroupId=gid)
        records = [r for r in self.receiver.find(since=since, GroupId=gid) if r["query"].get("CallbackCommand") in AFTERS]
        for r in records:
            self.assert_signed(r)
        commands = [r["body"]["CallbackCommand"] for r in records]
        with self.subTest(known="ForbidAfterSendMsgCallback"):
            # Tencent's REST send_group_msg takes ForbidCallbackControl
            # ["ForbidAfterSendMsgCallback"]: that message has no AfterSendMsg.
            texts_after = [r["body"]["MsgBody"] for r in records if r["body"]["CallbackCommand"] == AFTER_SEND]
            self.assertNotIn(text_body("no after-callback"), texts_after)
        commands = [c for c, r in zip(commands, records)
                    if not (c == AFTER_SEND and r["body"]["MsgBody"] == text_body("no after-callback"))]
        self.assertEqual(commands, [AFTER_CREATE, AFTER_SEND, AFTER_INFO, AFTER_INFO, AFTER_EXIT, AFTER_DESTROYED])
        create, msg, names, custom, kicked, destroyed = [r["body"] for r in records
                                                        if r["body"].get("MsgBody") != text_body("no after-callback")]
        self.assertEqual(create["Operator_Account"], ADMIN)
        self.assertEqual(create["Owner_Account"], "alice")
        self.assertEqual(accounts(create["MemberList"]), ["bob", "carol"])

        self.assertEqual(msg["From_Account"], "alice")
        self.assertEqual(msg["MsgSeq"], sent["MsgSeq"])
        self.assertEqual(msg["MsgTime"], sent["MsgTime"])
        self.assertEqual(msg["Random"], 777)
        self.assertEqual(msg["MsgBody"], text_body("as alice"))
        self.assertEqual(msg["GroupAtInfo"], [{"GroupAtAllFlag": 0, "GroupAt_Account": "bob"}])
        with self.subTest(known="Operator_Account of a REST send"):
            # Tencent: Operator_Account is the request's initiator, so an admin
            # sending as From_Account is told apart (its BeforeSendMsg and AfterSendMsg docs).
            self.assertEqual(msg["Operator_Account"], ADMIN)

        self.assertEqual(names["Name"], "RestOps2")
        self.assertEqual(names["FaceUrl"], "https://example.com/face.png")
        self.assertEqual(names["Operator_Account"], ADMIN)
        for other in ("Introduction", "Notification", "AppDefinedData"):
            self.assertNotIn(other, names, "only what changed")
        self.assertEqual(custom["AppDefinedData"], [{"Key": "level", "Value": "3"}])
        for other in ("Name", "Introduction", "Notification", "FaceUrl"):
            self.assertNotIn(other, custom, "only what changed")

        self.assertEqual(kicked["ExitType"], "Kicked")
        self.assertEqual(kicked["Operator_Account"], ADMIN)
        self.assertEqual(accounts(kicked["ExitMemberList"]), ["carol"])

        self.assertEqual(destroyed["Owner_Account"], "alice")
        self.assertEqual(destroyed["Name"], "RestOps2")
        self.assertEqual(accounts(destroyed["MemberList"]), ["alice", "bob"])

    def test_invite_by_client_and_rest_create(self):
        alice = self.client("alice")
        since = len(self.receiver.snapshot())
        gid = created(alice, "WorkGroup", group_type=1, add_option=None)
        code, desc, _ = alice.call("HuddleGroupInviteMember", json.dumps({
            "group_invite_member_param_group_id": gid,
            "group_invite_member_param_identifier_array": ["erin", "frank"]}).encode())
        self.assertEqual(code, 0, desc)
        r = self.receiver.wait_for(AFTER_JOIN, since=since, GroupId=gid)
        self.assert_signed(r)
        b = r["body"]
        self.assertEqual(b["Type"], "Private")
        self.assertEqual(b["JoinType"], "Invited")
        self.assertEqual(b["Operator_Account"], "alice")
        self.assertEqual(accounts(b["NewMemberList"]), ["erin", "frank"])
        create = self.receiver.find(AFTER_CREATE, since=since, GroupId=gid)
        self.assertEqual(len(create), 1)
        self.assertEqual(create[0]["body"]["Type"], "Private")

        reply = rest(self.server, "group_open_http_svc/create_group",
                     {"Owner_Account": "alice", "Type": "Public", "Name": "ByRest", "MemberList": [{"Member_Account": "bob"}]})
        self.assertEqual(reply["ErrorCode"], 0, reply)
        r = self.receiver.wait_for(AFTER_CREATE, since=since, GroupId=reply["GroupId"])
        self.assert_signed(r)
        b = r["body"]
        self.assertEqual(b["Operator_Account"], ADMIN)
        self.assertEqual(b["Owner_Account"], "alice")
        self.assertEqual(b["Name"], "ByRest")
        self.assertIn("bob", accounts(b["MemberList"]))


class CrashAndSubset(HookTest):
    """Only the configured callbacks are made; an after-callback not yet
    taken survives a SIGKILL."""

    webhooks = ('url = "{url}"\ntoken = "%s"\nretry_max_secs = 1\ncommands = ["%s"]\n' % (TOKEN, AFTER_SEND))

    def test_after_callback_survives_sigkill(self):
        alice, bob = self.client("alice"), self.client("bob")
        gid = created(alice, "Crash", ["bob"])  # BeforeCreateGroup, AfterCreateGroup: configured out
        code, desc, _ = bob.call("HuddleGroupQuit", gid.encode())  # AfterMemberExit: configured out
        self.assertEqual(code, 0, desc)
        self.receiver.answer(AFTER_SEND, status=500)
        code, desc, sent = send(alice, gid, "survives the crash")
        self.assertEqual(code, 0, desc)
        seq = sent["message_seq"]
        first = self.receiver.wait_for(AFTER_SEND, GroupId=gid, MsgSeq=seq)
        self.assertEqual(first["status"], 500)
        for c in (alice, bob):
            c.close()
            c.closed = True
        self.server.kill()
        self.receiver.answer(AFTER_SEND, status=200)
        since = len(self.receiver.snapshot())
        self.server.restart()
        r = self.receiver.wait_for(AFTER_SEND, since=since, GroupId=gid, MsgSeq=seq, timeout=20)
        self.assertEqual(r["status"], 200)
        self.assert_signed(r)
        b = r["body"]
        self.assertEqual(b["MsgBody"], text_body("survives the crash"))
        self.assertEqual(b["From_Account"], "alice")
        self.assertEqual(b["MsgId"], sent["message_msg_id"])
        # Taken: no more tries.
        time.sleep(1.5)
        self.assertEqual(len(self.receiver.find(AFTER_SEND, since=since, GroupId=gid, MsgSeq=seq)), 1)
        # Configured out: create, join, quit; before-callbacks too.
        commands = {rec["query"].get("CallbackCommand") for rec in self.receiver.snapshot()}
        self.assertEqual(commands, {AFTER_SEND})


class PushHook(HookTest):
    """Offline pushes: to whom, what they say, batched."""

    webhooks = 'push_url = "{push}"\ntoken = "%s"\n' % TOKEN

    def pushes(self, **fields):
        """Events (with their record) of the push hook that have `fields`."""
        out = []
        for r in self.receiver.find(OFFLINE_PUSH, path="/push"):
            for e in r["body"].get("Events", []):
                if all(e.get(k) == v for k, v in fields.items()):
                    out.append((e, r))
        return out

    def wait_push(self, **fields):
        self.receiver.wait(lambda _: self.pushes(**fields), what="push %s" % fields)
        return self.pushes(**fields)

    def test_offline_push(self):
        alice, bob = self.client("alice"), self.client("bob")  # bob stays online
        gid = created(alice, "PushGroup", ["bob", "carol", "dave", "erin", "frank"])  # carol never logs in
        # TIMReceiveMessageOpt: dave 3, pushed only when @-ed; erin 1, receives
        # nothing; frank 2, receives without any push.
        for user, flag in (("dave", 3), ("erin", 1), ("frank", 2)):
            c = self.client(user)
            code, desc, _ = c.call("HuddleGroupModifyMemberInfo", json.dumps({
                "group_modify_member_info_group_id": gid,
                "group_modify_member_info_identifier": user,
                "group_modify_member_info_modify_flag": 1,
                "group_modify_member_info_msg_flag": flag}).encode())
            self.assertEqual(code, 0, desc)
            self.offline(c)

        code, desc, m1 = send(alice, gid, "hello all")
        self.assertEqual(code, 0, desc)
        (e1, r1), = self.wait_push(MsgSeq=m1["message_seq"], GroupId=gid, To_Account="carol")
        self.assertEqual(r1["path"], "/push")
        self.assert_signed(r1)
        self.assertEqual(r1["body"]["CallbackCommand"], OFFLINE_PUSH)
        self.assertEqual(e1["From_Account"], "alice")
        self.assertEqual(e1["ConvType"], "Group")
        self.assertEqual(e1["Title"], "PushGroup")
        self.assertEqual(e1["Desc"], "hello all")
        self.assertEqual(e1["MsgId"], m1["message_msg_id"])
        self.assertEqual(e1["MsgTime"], m1["message_server_time"])
        self.assertEqual(e1["MsgBody"], text_body("hello all"))
        self.assertEqual(e1["UnreadCount"], 1)
        self.assertIs(e1["Mentioned"], False)

        code, desc, m2 = send(alice, gid, "@dave look", at=["dave", "frank"])
        self.assertEqual(code, 0, desc)
        self.wait_push(MsgSeq=m2["message_seq"], GroupId=gid, To_Account="carol")
        # All of a message's targets go together: now every push of both messages is in.
        first = {e["To_Account"] for e, _ in self.pushes(MsgSeq=m1["message_seq"], GroupId=gid)}
        self.assertEqual(first, {"carol"}, "not the online bob, not the sender, not DND dave unmentioned, not NotReceive erin")
        second = {e["To_Account"]: (e, r) for e, r in self.pushes(MsgSeq=m2["message_seq"], GroupId=gid)}
        self.assertEqual(set(second), {"carol", "dave"}, "the @-ed except-@ member too, never NotNotify or NotReceive")
        self.assertEqual(len(self.pushes(MsgSeq=m2["message_seq"], GroupId=gid)), 2, "each pushed once")
        carol2, dave2 = second["carol"][0], second["dave"][0]
        self.assertIs(carol2["Mentioned"], False)
        self.assertIs(dave2["Mentioned"], True)
        self.assertEqual(carol2["UnreadCount"], 2, "carol's unread grows")
        self.assertEqual(dave2["UnreadCount"], 2, "dave has both messages unread")
        self.assertEqual(carol2["Desc"], "@dave look")
        self.assertIs(second["carol"][1], second["dave"][1], "one POST carries both events")
        self.assertEqual(len(second["carol"][1]["body"]["Events"]), 2)

        code, desc, m3 = send(alice, gid, "@all dinner", at=[AT_ALL])
        self.assertEqual(code, 0, desc)
        self.wait_push(MsgSeq=m3["message_seq"], GroupId=gid, To_Account="carol")
        third = {e["To_Account"]: e for e, _ in self.pushes(MsgSeq=m3["message_seq"], GroupId=gid)}
        self.assertEqual(set(third), {"carol", "dave"}, "@all reaches except-@, never NotNotify or NotReceive")
        self.assertIs(third["carol"]["Mentioned"], True)
        self.assertIs(third["dave"]["Mentioned"], True)
        self.assertEqual(third["carol"]["UnreadCount"], 3)

        # C2C: the online peer is not pushed, the offline one is.
        code, desc, _ = send(alice, "bob", "to online bob", conv_type=1)
        self.assertEqual(code, 0, desc)
        code, desc, c2c = send(alice, "carol", "psst", conv_type=1)
        self.assertEqual(code, 0, desc)
        (e, r), = self.wait_push(ConvType="C2C", To_Account="carol")
        self.assert_signed(r)
        self.assertEqual(e["From_Account"], "alice")
        self.assertEqual(e["Desc"], "psst")
        self.assertEqual(e["Title"], "alice")
        self.assertEqual(e["MsgSeq"], c2c["message_seq"])
        self.assertEqual(e["MsgId"], c2c["message_msg_id"])
        self.assertEqual(e["MsgBody"], text_body("psst"))
        self.assertEqual(e["UnreadCount"], 1)
        self.assertIs(e["Mentioned"], False)
        self.assertFalse(e.get("GroupId"), "no group for C2C")
        self.assertEqual(self.pushes(To_Account="bob"), [])
        self.assertEqual(self.pushes(To_Account="alice"), [])
        self.assertEqual(self.pushes(To_Account="erin"), [])
        self.assertEqual(self.pushes(To_Account="frank"), [])
        self.assertEqual(self.receiver.find(path="/cb"), [], "no callback URL: no callbacks")


if __name__ == "__main__":
    unittest.main()
