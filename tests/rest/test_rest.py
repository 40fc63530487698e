"""huddle-server's REST API (Tencent's server REST API) driven as an app's
server drives it, while C-ABI clients of libhuddle.so, connected to the
same server, check that every effect reaches them as tips and messages
exactly as if a client had acted: who is told, by whom, about whom, with
what text.

Why timsdk: it is the PyPI client apps' servers already use against
console.tim.qq.com (TLSSigAPIv2 signing, its own URL and bodies, its bugs:
the same `random` on every request, the same `Random` for every
send_group_msg, GET with no body for get_appid_group_list, the older names
get_group_shutted_uin / ShutUpTime / ShutUpAllMember). Huddle claims to be
a drop-in for that API, so the commands timsdk covers are sent by timsdk
itself, unchanged but for its host (`use_server` below). Hand-written
requests (`rest`, Tencent's exact PascalCase bodies) are used only where
timsdk cannot express a command or field: get_group_muted_account,
open_msg_svc/delete_history (Huddle's), create_group's GroupId and
AppDefinedData, send_group_msg's From_Account/CloudCustomData (timsdk drops
them), ToMembers_Account, MuteTime 0 / MuteAllMember "Off", From_Account
of modify_group_base_info, MemberRoleFilter, WithRecalledMsg,
get_appid_group_list's Limit/Next/GroupType, SyncOtherMachine 2 - and for
what no client would send: broken auth, broken JSON, unknown paths.

Run: tests/rest/run.sh (builds, then runs every tests/rest/test_*.py).
"""

import datetime
import gzip
import hashlib
import hmac
import json
import os
import random
import sys
import threading
import time
import unittest
import urllib.parse

import requests
import timsdk
import TLSSigAPIv2

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from common import ADMIN, APP_ID, COMM_CB, SECRET, Client, Server, lib, sig  # noqa: E402

USERS = ("alice", "bob", "carol", "dave", "erin")

# Tip types (group_tips_elem_tip_type) and change flags (group_tips_group_change_info_flag).
INVITE, KICK, SET_ADMIN, CANCEL_ADMIN, GROUP_INFO, MEMBER_INFO, CREATED, DISMISSED = 1, 3, 4, 5, 6, 7, 12, 13
NAME, INTRODUCTION, NOTIFICATION, FACE_URL, OWNER, SHUTUP_ALL = 1, 2, 3, 4, 5, 8

_ids = iter(range(1, 1 << 30))


def uid(prefix):
    """A group ID no other test uses (custom IDs: printable ASCII, not @TGS#)."""
    return "%s-%d-%d" % (prefix, os.getpid() % 10000, next(_ids))


def text_body(text):
    return [{"MsgType": "TIMTextElem", "MsgContent": {"Text": text}}]


def rand():
    return random.randint(1, 4294967295)


# -- The REST API ---------------------------------------------------------

def use_server(tim, server):
    """Points a timsdk TimClient at `server`: timsdk hardcodes
    https://console.tim.qq.com in HttpClient.get_url, so the instance's
    get_url is wrapped to swap the host; path, query and body stay timsdk's."""
    http = tim.group_open_http_svc.get_client()  # one HttpClient serves every API of the TimClient
    original = http.get_url

    def get_url(path, **kwargs):
        return original(path, **kwargs).replace("https://console.tim.qq.com", server.http, 1)

    http.get_url = get_url
    return tim


def tim_for(server):
    return use_server(timsdk.TimClient(APP_ID, SECRET, ADMIN), server)


_sigs = {}


def cached_sig(user):
    if user not in _sigs:
        _sigs[user] = sig(user)
    return _sigs[user]


def rest_request(server, command, body=None, raw=None, method="POST", query=None):
    """The (url, params, data) of a hand-written request to v4/<command>."""
    params = {"sdkappid": str(APP_ID), "identifier": ADMIN, "usersig": cached_sig(ADMIN), "random": str(rand()), "contenttype": "json"}
    for k, v in (query or {}).items():
        if v is None:
            params.pop(k, None)
        else:
            params[k] = v
    data = raw if raw is not None else (b"" if body is None else json.dumps(body).encode())
    return server.http + "/v4/" + command, params, data


_http = requests.Session()


def rest(server, command, body=None, raw=None, method="POST", query=None, session=None):
    """A hand-written request (Tencent's exact PascalCase body); `query`
    overrides (None removes) query parameters. Returns the reply's JSON:
    Tencent's replies are always HTTP 200."""
    url, params, data = rest_request(server, command, body, raw, method, query)
    r = (session or _http).request(method, url, params=params, data=data, timeout=15)
    assert r.status_code == 200, "HTTP %d from %s: %s" % (r.status_code, command, r.text)
    return r.json()


# -- Clients --------------------------------------------------------------

def poll_all(clients, cond, timeout=10, what="condition"):
    """Polls every client until cond() holds."""
    deadline = time.time() + timeout
    while True:
        for c in clients:
            c.poll()
        if cond():
            return
        if time.time() > deadline:
            raise AssertionError("timed out waiting for " + what)
        time.sleep(0.01)


def tips(client, gid, tip_type=None):
    return [t for t in client.tips if t["group_tips_elem_group_id"] == gid and (tip_type is None or t["group_tips_elem_tip_type"] == tip_type)]


def group_msgs(client, gid):
    """The group's messages a client got, group tips (elem 5) excepted."""
    return [m for m in client.messages
            if m["message_conv_type"] == 2 and m["message_conv_id"] == gid and all(e["elem_type"] != 5 for e in m["message_elem_array"])]


def tip_msgs(client, gid):
    """Group tips as they also arrive through the new-message callback."""
    return [m for m in client.messages
            if m["message_conv_type"] == 2 and m["message_conv_id"] == gid and any(e["elem_type"] == 5 for e in m["message_elem_array"])]


def texts(messages):
    return [e.get("text_elem_content") for m in messages for e in m["message_elem_array"] if e["elem_type"] == 0]


def texts_of_records(records):
    """The texts of REST message records (group_msg_get_simple, logs)."""
    return [e["MsgContent"].get("Text") for r in records for e in r["MsgBody"] if e["MsgType"] == "TIMTextElem"]


def reports(client, gid):
    """Group system messages (elem 8) about `gid`."""
    return [m for m in client.messages for e in m["message_elem_array"] if e["elem_type"] == 8 and e["group_report_elem_group_id"] == gid]


def send_from(client, gid, text):
    """A client's group send: (code, desc, message)."""
    param = json.dumps({"message_elem_array": [{"elem_type": 0, "text_elem_content": text}]}).encode()
    return client.call("HuddleMsgSendMessage", gid.encode(), 2, param, None)


def history(client, conv_id, conv_type=2, count=50):
    code, desc, msgs = client.call("HuddleMsgGetMsgList", conv_id.encode(), conv_type, json.dumps({"msg_getmsglist_param_count": count}).encode())
    assert code == 0, "history of %s for %s: %d %s" % (conv_id, client.user, code, desc)
    return msgs


def fire_sends(client, gid, texts_):
    """Sends several messages without waiting between them; returns each
    one's code in order, and how long the burst took (s)."""
    results = {}
    callbacks = []
    start = time.monotonic()
    for i, text in enumerate(texts_):
        cb = COMM_CB(lambda code, desc, js, _, i=i: results.__setitem__(i, code))
        callbacks.append(cb)
        param = json.dumps({"message_elem_array": [{"elem_type": 0, "text_elem_content": text}]}).encode()
        assert lib().HuddleMsgSendMessage(client.handle, gid.encode(), 2, param, None, cb, None) == 0
    client._pending.extend(callbacks)
    client.poll_until(lambda: len(results) == len(texts_))
    return [results[i] for i in range(len(texts_))], time.monotonic() - start


# -- The shared server ------------------------------------------------------

SERVER = None
CLIENTS = {}
EXPIRED_SIG = None  # made with expire=1 when the module starts


def setUpModule():
    global SERVER, EXPIRED_SIG
    EXPIRED_SIG = (TLSSigAPIv2.TLSSigAPIv2(APP_ID, SECRET).gen_sig(ADMIN, 1), time.time())
    SERVER = Server()
    for user in USERS:
        CLIENTS[user] = Client(SERVER.url, user)


def tearDownModule():
    for c in CLIENTS.values():
        c.close()
    CLIENTS.clear()
    if SERVER:
        SERVER.stop()
        SERVER.proc.stdout.close()


class RestCase(unittest.TestCase):
    """Helpers over the shared server, its timsdk client and the users' clients."""

    @classmethod
    def setUpClass(cls):
        cls.server = SERVER
        cls.tim = tim_for(SERVER)
        cls.g = cls.tim.group_open_http_svc
        cls.c = CLIENTS

    def ok(self, reply, what=""):
        self.assertEqual((reply.get("ActionStatus"), reply.get("ErrorCode"), reply.get("ErrorInfo")), ("OK", 0, ""), "%s: %s" % (what, reply))
        return reply

    def fails(self, reply, code, what=""):
        self.assertEqual((reply.get("ActionStatus"), reply.get("ErrorCode")), ("FAIL", code), "%s: %s" % (what, reply))
        self.assertTrue(reply.get("ErrorInfo"), "a refusal says why: %s" % reply)
        return reply

    def clients(self, *users):
        return [self.c[u] for u in users]

    def create(self, owner="alice", members=("bob", "carol"), group_type="Public", name=None, wait=True):
        """A group made through timsdk; waits until every member has heard of it."""
        member_list = [{"Member_Account": m} for m in members]
        reply = self.ok(self.g.create_group(name or "grp", owner_account=owner, member_list=member_list, group_type=group_type), "create_group")
        gid = reply["GroupId"]
        everyone = [u for u in (owner, *members) if u]
        if wait:
            poll_all(self.clients(*everyone), lambda: all(tips(self.c[u], gid, CREATED) for u in everyone), what="GroupCreated tips")
        return gid

    def rest_send(self, gid, text, **extra):
        body = {"GroupId": gid, "Random": rand(), "MsgBody": text_body(text)}
        body.update(extra)
        return rest(self.server, "group_open_http_svc/send_group_msg", body)

    def mark(self, gid, users):
        """Sends a marker message to the group and waits until each of
        `users` has it. Events reach a client in the order they happened, so
        whatever an earlier operation would have told them is in by then."""
        text = "marker %d" % next(_ids)
        self.ok(self.rest_send(gid, text), "marker")
        poll_all(self.clients(*users), lambda: all(text in texts(group_msgs(self.c[u], gid)) for u in users), what="marker in " + gid)
        return text

    def mark_c2c(self, users):
        """The same for users in no group: a one-to-one message from the admin."""
        text = "c2c marker %d" % next(_ids)
        for u in users:
            self.ok(rest(self.server, "openim/sendmsg", {"To_Account": u, "MsgRandom": rand(), "MsgBody": text_body(text), "SyncOtherMachine": 2}))
        got = lambda u: any(m["message_conv_type"] == 1 and text in texts([m]) for m in self.c[u].messages)
        poll_all(self.clients(*users), lambda: all(got(u) for u in users), what="C2C marker")


# -- Auth and envelope ----------------------------------------------------------

class AuthTest(RestCase):
    """Tencent's checks of the caller, before any command runs."""

    def probe(self, query=None, command="group_open_http_svc/get_appid_group_list", body=None, raw=None):
        return rest(self.server, command, body if body is not None or raw is not None else {}, raw=raw, query=query)

    def test_good_request_is_ok(self):
        reply = self.ok(self.probe())
        self.assertEqual(list(reply)[:3], ["ActionStatus", "ErrorInfo", "ErrorCode"], "the envelope's keys come first")

    def test_sdkappid_missing_60012(self):
        self.fails(self.probe({"sdkappid": None}), 60012)

    def test_sdkappid_wrong_60006(self):
        self.fails(self.probe({"sdkappid": str(APP_ID + 1)}), 60006)
        self.fails(self.probe({"sdkappid": "abc"}), 60006)

    def test_identifier_not_admin_60010(self):
        # alice's own, valid sig: she is a user, not an app admin.
        self.fails(self.probe({"identifier": "alice", "usersig": sig("alice")}), 60010)
        self.fails(self.probe({"identifier": None}), 60010)

    def test_expired_sig_70001(self):
        made_sig, made_at = EXPIRED_SIG
        time.sleep(max(0.0, made_at + 2.0 - time.time()))
        self.fails(self.probe({"usersig": made_sig}), 70001)

    def test_bad_sig_70003(self):
        self.fails(self.probe({"usersig": "not-a-sig"}), 70003)
        other_key = TLSSigAPIv2.TLSSigAPIv2(APP_ID, "0" * 64).gen_sig(ADMIN, 3600)
        self.fails(self.probe({"usersig": other_key}), 70003)
        # alice's sig presented for the admin: Tencent documents 70013 for a
        # sig of another identifier; Huddle's 70003 ("verification failed") is also a refusal.
        reply = self.probe({"usersig": sig("alice")})
        self.assertEqual(reply["ActionStatus"], "FAIL")
        self.assertIn(reply["ErrorCode"], (70003, 70013), reply)

    def test_refused_request_does_nothing(self):
        gid = uid("refused")
        body = {"Owner_Account": "alice", "Type": "Public", "GroupId": gid, "Name": "nope"}
        self.fails(self.probe({"identifier": "alice", "usersig": sig("alice")}, "group_open_http_svc/create_group", body), 60010)
        self.fails(self.probe({"usersig": "junk"}, "group_open_http_svc/create_group", body), 70003)
        info = self.ok(self.g.get_group_info([gid]))["GroupInfo"][0]
        self.assertEqual(info["ErrorCode"], 10010, info)

    def test_bad_json_60003(self):
        self.fails(self.probe(command="group_open_http_svc/create_group", raw=b'{"Name": "x", "Type": '), 60003)
        self.fails(self.probe(command="group_open_http_svc/get_group_info", raw=b"[1, 2]"), 60003)

    def test_unknown_group_command_10003(self):
        self.fails(self.probe(command="group_open_http_svc/no_such_command"), 10003)

    def test_unknown_path_60009(self):
        self.fails(self.probe(command="no_such_svc/create_group"), 60009)
        self.fails(self.probe(command="openim/no_such_command"), 60009)

    def test_parameter_errors(self):
        # No Type: 10004. An AVChatRoom takes no MemberList: 10007. A group that is not there: 10010.
        self.fails(self.probe(command="group_open_http_svc/create_group", body={"Name": "no type"}), 10004)
        body = {"Type": "AVChatRoom", "Name": "live", "MemberList": [{"Member_Account": "bob"}]}
        self.fails(self.probe(command="group_open_http_svc/create_group", body=body), 10007)
        live = self.ok(self.g.create_group("live", group_type="AVChatRoom"))["GroupId"]
        self.fails(self.g.add_group_member(live, [{"Member_Account": "bob"}]), 10007, "AVChatRoom add_group_member")
        self.fails(self.g.modify_group_base_info(uid("missing"), name="x"), 10010)
        self.fails(self.g.destroy_group(uid("missing")), 10010)


# -- Groups -------------------------------------------------------------------

class GroupTest(RestCase):

    def test_create_group_tells_members(self):
        alice, bob, carol, dave = self.clients("alice", "bob", "carol", "dave")
        reply = self.ok(self.g.create_group(
            "Lobby", owner_account="alice", member_list=[{"Member_Account": "bob", "Role": "Admin"}, {"Member_Account": "carol"}],
            introduction="intro", notification="notice", face_url="http://face/1", max_member_count=50,
            apply_join_option="FreeAccess"))
        gid = reply["GroupId"]
        self.assertTrue(gid.startswith("@TGS#"), gid)
        poll_all([alice, bob, carol], lambda: all(tips(c, gid, CREATED) for c in (alice, bob, carol)))
        for c in (alice, bob, carol):
            (tip,) = tips(c, gid)
            self.assertEqual(tip["group_tips_elem_op_user"], ADMIN)
            self.assertEqual(sorted(tip["group_tips_elem_user_array"]), ["alice", "bob", "carol"])
            self.assertEqual(tip["group_tips_elem_group_name"], "Lobby")
            self.assertEqual(tip["group_tips_elem_member_num"], 3)
            (m,) = tip_msgs(c, gid)
            self.assertEqual(m["message_sender"], ADMIN)
        self.mark_c2c(["dave"])
        self.assertEqual(tips(dave, gid), [], "a non-member hears nothing")

        info = self.ok(self.g.get_group_info([gid]))["GroupInfo"][0]
        expected = {"GroupId": gid, "ErrorCode": 0, "Type": "Public", "Name": "Lobby", "Introduction": "intro", "Notification": "notice",
                    "FaceUrl": "http://face/1", "Owner_Account": "alice", "MemberNum": 3, "MaxMemberNum": 50,
                    "ApplyJoinOption": "FreeAccess", "MuteAllMember": "Off", "Appid": APP_ID}
        self.assertEqual({k: info.get(k) for k in expected}, expected)
        for key in ("CreateTime", "LastInfoTime", "LastMsgTime", "NextMsgSeq"):
            self.assertIsInstance(info.get(key), int, key)
        roles = {m["Member_Account"]: m["Role"] for m in info["MemberList"]}
        self.assertEqual(roles, {"alice": "Owner", "bob": "Admin", "carol": "Member"})

        # What a member's client shows is the same group.
        code, _, infos = alice.call("HuddleGroupGetGroupInfoList", json.dumps([gid]).encode())
        self.assertEqual(code, 0)
        detail = infos[0]["get_groups_info_result_info"]
        self.assertEqual((detail["group_detail_info_group_name"], detail["group_detail_info_owner_identifier"], detail["group_detail_info_member_num"]),
                         ("Lobby", "alice", 3))
        # FreeAccess: dave joins from his client at once.
        code, desc, joined = dave.call("HuddleGroupJoin", gid.encode(), b"hi")
        self.assertEqual((code, joined["group_join_result_status"]), (0, 0), desc)

    def test_create_group_custom_id_and_data(self):
        gid = uid("custom")
        body = {"Owner_Account": "alice", "Type": "Private", "GroupId": gid, "Name": "Work",
                "AppDefinedData": [{"Key": "Level", "Value": "7"}],
                "MemberList": [{"Member_Account": "bob", "AppMemberDefinedData": [{"Key": "Rank", "Value": "3"}]}]}
        self.assertEqual(self.ok(rest(self.server, "group_open_http_svc/create_group", body))["GroupId"], gid)
        bob = self.c["bob"]
        bob.poll_until(lambda: tips(bob, gid, CREATED))
        self.fails(rest(self.server, "group_open_http_svc/create_group", body), 10021, "the same GroupId again")
        info = self.ok(self.g.get_group_info([gid]))["GroupInfo"][0]
        self.assertEqual((info["Type"], info["AppDefinedData"]), ("Private", [{"Key": "Level", "Value": "7"}]))
        bob_info = [m for m in info["MemberList"] if m["Member_Account"] == "bob"][0]
        self.assertEqual(bob_info["AppMemberDefinedData"], [{"Key": "Rank", "Value": "3"}])

    def test_get_group_info_filters_and_errors(self):
        gid = self.create()
        missing = uid("missing")
        flt = {"GroupBaseInfoFilter": ["Name", "MemberNum"], "MemberInfoFilter": ["Role"]}
        reply = self.ok(self.g.get_group_info([gid, missing], response_filter=flt))
        first, second = reply["GroupInfo"]
        self.assertEqual(set(first), {"GroupId", "ErrorCode", "ErrorInfo", "Name", "MemberNum", "MemberList"})
        self.assertEqual((first["Name"], first["MemberNum"]), ("grp", 3))
        self.assertEqual(first["MemberList"], [{"Member_Account": "alice", "Role": "Owner"}, {"Member_Account": "bob", "Role": "Member"},
                                               {"Member_Account": "carol", "Role": "Member"}])
        self.assertEqual((second["GroupId"], second["ErrorCode"]), (missing, 10010))

    def test_modify_group_base_info_tells_members(self):
        gid = self.create()
        members = self.clients("alice", "bob", "carol")
        self.ok(self.g.modify_group_base_info(gid, name="Renamed", introduction="new intro", notification="new notice",
                                              face_url="http://face/2", shut_up_all_member="On"))
        poll_all(members, lambda: all(tips(c, gid, GROUP_INFO) for c in members))
        for c in members:
            (tip,) = tips(c, gid, GROUP_INFO)
            self.assertEqual(tip["group_tips_elem_op_user"], ADMIN)
            changes = {ch["group_tips_group_change_info_flag"]: ch for ch in tip["group_tips_elem_group_change_info_array"]}
            self.assertEqual({f: changes[f]["group_tips_group_change_info_value"] for f in (NAME, INTRODUCTION, NOTIFICATION, FACE_URL)},
                             {NAME: "Renamed", INTRODUCTION: "new intro", NOTIFICATION: "new notice", FACE_URL: "http://face/2"})
            self.assertTrue(changes[SHUTUP_ALL]["group_tips_group_change_info_bool_value"])
        info = self.ok(self.g.get_group_info([gid]))["GroupInfo"][0]
        self.assertEqual((info["Name"], info["MuteAllMember"], info["ShutUpAllMember"]), ("Renamed", "On", "On"))
        # Muted for all: a member's client cannot speak, the owner's can.
        self.assertEqual(send_from(self.c["bob"], gid, "muted?")[0], 10017)
        self.assertEqual(send_from(self.c["alice"], gid, "owner speaks")[0], 0)

        # Tencent's newer spelling, with From_Account naming who acted (timsdk has neither).
        self.ok(rest(self.server, "group_open_http_svc/modify_group_base_info", {"GroupId": gid, "MuteAllMember": "Off", "From_Account": "alice"}))
        poll_all(members, lambda: all(len(tips(c, gid, GROUP_INFO)) == 2 for c in members))
        tip = tips(self.c["carol"], gid, GROUP_INFO)[1]
        self.assertEqual(tip["group_tips_elem_op_user"], "alice")
        (change,) = tip["group_tips_elem_group_change_info_array"]
        self.assertEqual((change["group_tips_group_change_info_flag"], change["group_tips_group_change_info_bool_value"]), (SHUTUP_ALL, False))
        self.assertEqual(send_from(self.c["bob"], gid, "free again")[0], 0)

    def test_add_group_member_tells_everyone(self):
        gid = self.create(members=("bob",))
        alice, bob, carol = self.clients("alice", "bob", "carol")
        reply = self.ok(self.g.add_group_member(gid, [{"Member_Account": "carol"}, {"Member_Account": "bob"}], silence=0))
        self.assertEqual(sorted((m["Member_Account"], m["Result"]) for m in reply["MemberList"]), [("bob", 2), ("carol", 1)])
        poll_all([alice, bob, carol], lambda: all(tips(c, gid, INVITE) for c in (alice, bob, carol)))
        for c in (alice, bob, carol):
            (tip,) = tips(c, gid, INVITE)
            self.assertEqual((tip["group_tips_elem_op_user"], tip["group_tips_elem_user_array"], tip["group_tips_elem_member_num"]),
                             (ADMIN, ["carol"], 3))
        # The new member is in: her client sends, the others get it.
        self.assertEqual(send_from(carol, gid, "hello from carol")[0], 0)
        poll_all([alice, bob], lambda: all("hello from carol" in texts(group_msgs(c, gid)) for c in (alice, bob)))

    def test_add_group_member_silence_tells_only_the_added(self):
        gid = self.create(members=("bob",))
        alice, bob, dave = self.clients("alice", "bob", "dave")
        # timsdk's default: Silence 1.
        reply = self.ok(self.g.add_group_member(gid, [{"Member_Account": "dave"}]))
        self.assertEqual(reply["MemberList"], [{"Member_Account": "dave", "Result": 1}])
        dave.poll_until(lambda: tips(dave, gid, INVITE))
        (tip,) = tips(dave, gid, INVITE)
        self.assertEqual((tip["group_tips_elem_op_user"], tip["group_tips_elem_user_array"]), (ADMIN, ["dave"]))
        self.mark(gid, ["alice", "bob", "dave"])
        for c in (alice, bob):
            self.assertEqual(tips(c, gid, INVITE), [], "%s was told of a silent add" % c.user)
            self.assertEqual([t for m in tip_msgs(c, gid) for t in m["message_elem_array"] if t["group_tips_elem_tip_type"] == INVITE], [])
        members = self.ok(self.g.get_group_member_info(gid))
        self.assertEqual(members["MemberNum"], 3)

    def test_delete_group_member(self):
        gid = self.create(members=("bob", "carol", "dave"))
        alice, bob, carol, dave = self.clients("alice", "bob", "carol", "dave")
        # Silence 0 with a reason: everyone, the removed one too, gets a Kick tip.
        self.ok(self.g.delete_group_member(gid, ["carol"], silence=0, reason="spam"))
        poll_all([alice, bob, carol, dave], lambda: all(tips(c, gid, KICK) for c in (alice, bob, carol, dave)))
        for c in (alice, bob, carol, dave):
            (tip,) = tips(c, gid, KICK)
            self.assertEqual((tip["group_tips_elem_op_user"], tip["group_tips_elem_user_array"]), (ADMIN, ["carol"]))
        self.assertEqual(send_from(carol, gid, "still here?")[0], 10007)
        # Silence 1 (timsdk's default): only the removed member is told.
        self.ok(self.g.delete_group_member(gid, ["dave"]))
        dave.poll_until(lambda: len(tips(dave, gid, KICK)) == 2)
        self.assertEqual(tips(dave, gid, KICK)[1]["group_tips_elem_user_array"], ["dave"])
        self.mark(gid, ["alice", "bob"])
        for c in (alice, bob):
            self.assertEqual(len(tips(c, gid, KICK)), 1, "%s was told of a silent removal" % c.user)
        # Removing someone who is not a member succeeds (Tencent's rule) and tells nobody.
        self.ok(self.g.delete_group_member(gid, ["erin"], silence=0))
        roles = self.ok(self.g.get_role_in_group(gid, ["alice", "bob", "carol", "dave"]))["UserIdList"]
        self.assertEqual({r["Member_Account"]: r["Role"] for r in roles}, {"alice": "Owner", "bob": "Member", "carol": "NotMember", "dave": "NotMember"})

    def test_modify_group_member_info(self):
        gid = self.create()
        members = self.clients("alice", "bob", "carol")
        bob = self.c["bob"]
        self.ok(self.g.modify_group_member_info(gid, "bob", role="Admin"))
        poll_all(members, lambda: all(tips(c, gid, SET_ADMIN) for c in members))
        for c in members:
            (tip,) = tips(c, gid, SET_ADMIN)
            self.assertEqual((tip["group_tips_elem_op_user"], tip["group_tips_elem_user_array"]), (ADMIN, ["bob"]))
        self.ok(self.g.modify_group_member_info(gid, "bob", role="Member"))
        poll_all(members, lambda: all(tips(c, gid, CANCEL_ADMIN) for c in members))
        self.assertEqual(tips(self.c["alice"], gid, CANCEL_ADMIN)[0]["group_tips_elem_user_array"], ["bob"])

        self.ok(self.g.modify_group_member_info(gid, "carol", name_card="Caz", msg_flag="AcceptNotNotify"))
        poll_all(members, lambda: all(tips(c, gid, MEMBER_INFO) for c in members))
        tip = tips(self.c["alice"], gid, MEMBER_INFO)[0]
        self.assertEqual((tip["group_tips_elem_op_user"], tip["group_tips_elem_user_array"]), (ADMIN, ["carol"]))
        carol = self.ok(self.g.get_group_member_info(gid, member_info_filter=["NameCard", "MsgFlag"]))["MemberList"]
        carol = [m for m in carol if m["Member_Account"] == "carol"][0]
        self.assertEqual((carol["NameCard"], carol["MsgFlag"]), ("Caz", "AcceptNotNotify"))

        # ShutUpTime (timsdk's older name): bob is muted, and everyone is told for how long.
        self.ok(self.g.modify_group_member_info(gid, "bob", shut_up_time=120))
        poll_all(members, lambda: all(len(tips(c, gid, MEMBER_INFO)) == 2 for c in members))
        (change,) = tips(self.c["carol"], gid, MEMBER_INFO)[1]["group_tips_elem_member_change_info_array"]
        self.assertEqual(change["group_tips_member_change_info_identifier"], "bob")
        self.assertTrue(110 <= change["group_tips_member_change_info_shutupTime"] <= 120, change)
        self.assertEqual(send_from(bob, gid, "muted")[0], 10017)
        # MuteTime 0 unmutes (timsdk never sends a 0).
        self.ok(rest(self.server, "group_open_http_svc/modify_group_member_info", {"GroupId": gid, "Member_Account": "bob", "MuteTime": 0}))
        poll_all(members, lambda: all(len(tips(c, gid, MEMBER_INFO)) == 3 for c in members))
        (change,) = tips(self.c["alice"], gid, MEMBER_INFO)[2]["group_tips_elem_member_change_info_array"]
        self.assertEqual(change["group_tips_member_change_info_shutupTime"], 0)
        self.assertEqual(send_from(bob, gid, "unmuted")[0], 0)
        self.fails(self.g.modify_group_member_info(gid, "erin", name_card="x"), 10004, "not a member")

    def test_change_group_owner(self):
        gid = self.create()
        members = self.clients("alice", "bob", "carol")
        self.ok(self.g.change_group_owner(gid, "bob"))
        poll_all(members, lambda: all(tips(c, gid, GROUP_INFO) for c in members))
        for c in members:
            (tip,) = tips(c, gid, GROUP_INFO)
            self.assertEqual(tip["group_tips_elem_op_user"], ADMIN)
            (change,) = tip["group_tips_elem_group_change_info_array"]
            self.assertEqual((change["group_tips_group_change_info_flag"], change["group_tips_group_change_info_value"]), (OWNER, "bob"))
        roles = self.ok(self.g.get_role_in_group(gid, ["alice", "bob", "carol", "erin"]))["UserIdList"]
        self.assertEqual(roles, [{"Member_Account": "alice", "Role": "Member"}, {"Member_Account": "bob", "Role": "Owner"},
                                 {"Member_Account": "carol", "Role": "Member"}, {"Member_Account": "erin", "Role": "NotMember"}])
        code, _, infos = self.c["carol"].call("HuddleGroupGetGroupInfoList", json.dumps([gid]).encode())
        self.assertEqual(infos[0]["get_groups_info_result_info"]["group_detail_info_owner_identifier"], "bob")
        self.fails(self.g.change_group_owner(gid, "erin"), 10004, "a non-member cannot own the group")

    def test_get_group_member_info_paging_and_filters(self):
        gid = self.create(members=("bob", "carol", "dave"))
        self.ok(self.g.modify_group_member_info(gid, "carol", role="Admin"))
        everyone = self.ok(self.g.get_group_member_info(gid))
        self.assertEqual(everyone["MemberNum"], 4)
        self.assertEqual([m["Member_Account"] for m in everyone["MemberList"]], ["alice", "bob", "carol", "dave"])
        member = everyone["MemberList"][1]
        for key in ("Member_Account", "Role", "JoinTime", "MsgSeq", "MsgFlag", "NameCard", "AppMemberDefinedData"):
            self.assertIn(key, member)
        self.assertIn(member.get("MuteUntil", member.get("ShutUpUntil")), (0,), member)
        page = self.ok(self.g.get_group_member_info(gid, limit=2, offset=2))
        self.assertEqual((page["MemberNum"], [m["Member_Account"] for m in page["MemberList"]]), (4, ["carol", "dave"]))
        filtered = self.ok(self.g.get_group_member_info(gid, limit=1, member_info_filter=["Role"]))
        self.assertEqual(filtered["MemberList"], [{"Member_Account": "alice", "Role": "Owner"}])
        by_role = self.ok(rest(self.server, "group_open_http_svc/get_group_member_info",
                               {"GroupId": gid, "MemberRoleFilter": ["Owner", "Admin"], "MemberInfoFilter": ["Role"]}))
        self.assertEqual((by_role["MemberNum"], by_role["MemberList"]),
                         (4, [{"Member_Account": "alice", "Role": "Owner"}, {"Member_Account": "carol", "Role": "Admin"}]))
        with self.subTest("LastSendMsgTime"):
            # Tencent's member object has LastSendMsgTime: when the member last
            # sent to the group, 0 if never.
            before = int(time.time())
            self.assertEqual(send_from(self.c["bob"], gid, "bob speaks")[0], 0)
            after = int(time.time())
            listed = self.ok(self.g.get_group_member_info(gid, member_info_filter=["LastSendMsgTime"]))["MemberList"]
            last = {m["Member_Account"]: m.get("LastSendMsgTime") for m in listed}
            self.assertEqual(last["dave"], 0, listed)
            self.assertTrue(last["bob"] is not None and before <= last["bob"] <= after, listed)

    def test_get_joined_group_list(self):
        erin = "erin"
        public = self.create(owner=None, members=(erin,), name="Pub")
        private = self.create(owner=None, members=(erin,), group_type="Private", name="Priv")
        reply = self.ok(self.g.get_joined_group_list(erin))
        ids = [g["GroupId"] for g in reply["GroupIdList"]]
        self.assertIn(public, ids)
        self.assertIn(private, ids)
        self.assertEqual(reply["TotalCount"], len(ids))
        flt = {"GroupBaseInfoFilter": ["Type", "Name", "MemberNum"], "SelfInfoFilter": ["Role", "MsgFlag"]}
        only_private = self.ok(self.g.get_joined_group_list(erin, group_type="Private", response_filter=flt))
        found = [g for g in only_private["GroupIdList"] if g["GroupId"] == private]
        self.assertEqual(found, [{"GroupId": private, "Type": "Private", "Name": "Priv", "MemberNum": 1,
                                  "SelfInfo": {"Role": "Member", "MsgFlag": "AcceptAndNotify"}}])
        self.assertTrue(all(g["Type"] == "Private" for g in only_private["GroupIdList"]))
        first = self.ok(self.g.get_joined_group_list(erin, limit=1))
        self.assertEqual((first["TotalCount"], len(first["GroupIdList"])), (reply["TotalCount"], 1))
        # And what erin's own client lists.
        code, _, joined = self.c["erin"].call("HuddleGroupGetJoinedGroupList")
        self.assertEqual(code, 0)
        client_ids = {g["group_base_info_group_id"] for g in joined}
        self.assertTrue({public, private} <= client_ids, client_ids)

    def test_forbid_send_msg_and_muted_lists(self):
        gid = self.create(members=("bob", "carol", "dave"))
        members = self.clients("alice", "bob", "carol", "dave")
        before = time.time()
        self.ok(self.g.forbid_send_msg(gid, ["bob", "carol"], 300))
        poll_all(members, lambda: all(tips(c, gid, MEMBER_INFO) for c in members))
        for c in members:
            (tip,) = tips(c, gid, MEMBER_INFO)
            self.assertEqual(tip["group_tips_elem_op_user"], ADMIN)
            self.assertEqual(sorted(tip["group_tips_elem_user_array"]), ["bob", "carol"])
            times = {ch["group_tips_member_change_info_identifier"]: ch["group_tips_member_change_info_shutupTime"]
                     for ch in tip["group_tips_elem_member_change_info_array"]}
            self.assertEqual(times, {"bob": 300, "carol": 300})
        self.assertEqual(send_from(self.c["bob"], gid, "muted")[0], 10017)
        self.fails(self.rest_send(gid, "as muted bob", From_Account="bob"), 10017, "the server speaking for a muted member")
        self.assertEqual(send_from(self.c["dave"], gid, "not muted")[0], 0)
        old = self.ok(self.g.get_group_shut_uin(gid))
        self.assertEqual(old["GroupId"], gid)
        until = {m["Member_Account"]: m["ShuttedUntil"] for m in old["ShuttedUinList"]}
        self.assertEqual(sorted(until), ["bob", "carol"])
        self.assertTrue(all(int(before) + 299 <= t <= time.time() + 301 for t in until.values()), until)
        new = self.ok(rest(self.server, "group_open_http_svc/get_group_muted_account", {"GroupId": gid}))
        self.assertEqual({m["Member_Account"]: m["MutedUntil"] for m in new["MutedAccountList"]}, until)
        info = self.ok(self.g.get_group_member_info(gid, member_info_filter=["MuteUntil"]))
        self.assertEqual({m["Member_Account"]: m["MuteUntil"] for m in info["MemberList"]}, {"alice": 0, "bob": until["bob"], "carol": until["carol"], "dave": 0})
        # ShutUpTime 0 unmutes.
        self.ok(self.g.forbid_send_msg(gid, ["bob"], 0))
        poll_all(members, lambda: all(len(tips(c, gid, MEMBER_INFO)) == 2 for c in members))
        (change,) = tips(self.c["alice"], gid, MEMBER_INFO)[1]["group_tips_elem_member_change_info_array"]
        self.assertEqual((change["group_tips_member_change_info_identifier"], change["group_tips_member_change_info_shutupTime"]), ("bob", 0))
        self.assertEqual([m["Member_Account"] for m in self.ok(self.g.get_group_shut_uin(gid))["ShuttedUinList"]], ["carol"])
        self.assertEqual(send_from(self.c["bob"], gid, "free")[0], 0)

    def test_destroy_group(self):
        gid = self.create()
        members = self.clients("alice", "bob", "carol")
        self.ok(self.g.destroy_group(gid))
        poll_all(members, lambda: all(tips(c, gid, DISMISSED) for c in members))
        for c in members:
            (tip,) = tips(c, gid, DISMISSED)
            self.assertEqual(tip["group_tips_elem_op_user"], ADMIN)
        self.assertEqual(self.ok(self.g.get_group_info([gid]))["GroupInfo"][0]["ErrorCode"], 10010)
        self.assertEqual(send_from(self.c["bob"], gid, "anyone?")[0], 10010)
        self.fails(self.rest_send(gid, "gone"), 10010)

    def test_get_appid_group_list(self):
        private = self.create(owner="alice", members=(), group_type="Private", name="listed")
        # timsdk: GET, no body, no Limit/Next.
        reply = self.ok(self.g.get_app_id_group_list())
        all_ids = [g["GroupId"] for g in reply["GroupIdList"]]
        self.assertEqual(reply["TotalCount"], len(all_ids))
        self.assertIn(private, all_ids)
        self.assertEqual(reply["Next"], 0)
        paged, nxt = [], 0
        for _ in range(100):
            page = self.ok(rest(self.server, "group_open_http_svc/get_appid_group_list", {"Limit": 2, "Next": nxt}))
            self.assertEqual(page["TotalCount"], len(all_ids))
            self.assertLessEqual(len(page["GroupIdList"]), 2)
            paged += [g["GroupId"] for g in page["GroupIdList"]]
            nxt = page["Next"]
            if nxt == 0:
                break
        self.assertEqual(sorted(paged), sorted(all_ids))
        privates = self.ok(rest(self.server, "group_open_http_svc/get_appid_group_list", {"GroupType": "Private"}))
        ids = [g["GroupId"] for g in privates["GroupIdList"]]
        self.assertIn(private, ids)
        self.assertEqual(privates["TotalCount"], len(ids))
        types = self.ok(self.g.get_group_info(ids[:50], response_filter={"GroupBaseInfoFilter": ["Type"]}))["GroupInfo"]
        self.assertEqual({g["Type"] for g in types}, {"Private"})


# -- Messages -------------------------------------------------------------------

class MessageTest(RestCase):

    def test_send_group_msg_reaches_members(self):
        gid = self.create()
        alice, bob, carol, dave = self.clients("alice", "bob", "carol", "dave")
        r = rand()
        reply = self.ok(self.g.send_group_msg(gid, text_body("hello all"), msg_random=r))
        self.assertIsInstance(reply["MsgTime"], int)
        seq = reply["MsgSeq"]
        poll_all([alice, bob, carol], lambda: all(group_msgs(c, gid) for c in (alice, bob, carol)))
        for c in (alice, bob, carol):
            (m,) = group_msgs(c, gid)
            self.assertEqual((texts([m]), m["message_sender"], m["message_seq"], m["message_rand"], m["message_server_time"]),
                             (["hello all"], ADMIN, seq, r, reply["MsgTime"]))
            self.assertFalse(m["message_is_from_self"])
        self.mark_c2c(["dave"])
        self.assertEqual(group_msgs(dave, gid), [])

        # From_Account, CloudCustomData and a custom element (timsdk drops the first two).
        custom = {"MsgType": "TIMCustomElem", "MsgContent": {"Data": "payload", "Desc": "push text", "Ext": "ext", "Sound": "ding"}}
        reply = self.ok(self.rest_send(gid, "from bob", From_Account="bob", CloudCustomData="ccd",
                                       MsgBody=text_body("from bob") + [custom]))
        self.assertEqual(reply["MsgSeq"], seq + 1)
        poll_all([alice, bob, carol], lambda: all(len(group_msgs(c, gid)) >= 2 for c in (alice, bob, carol)))
        m = [x for x in group_msgs(carol, gid) if "from bob" in texts([x])][0]
        self.assertEqual((m["message_sender"], m["message_seq"], m.get("message_cloud_custom_str")), ("bob", seq + 1, "ccd"))
        elem = [e for e in m["message_elem_array"] if e["elem_type"] == 3][0]
        self.assertEqual((elem["custom_elem_data"], elem["custom_elem_desc"], elem["custom_elem_ext"], elem["custom_elem_sound"]),
                         ("payload", "push text", "ext", "ding"))
        # bob's own client gets it too (it was not sent from there), as his.
        mine = [x for x in group_msgs(bob, gid) if "from bob" in texts([x])][0]
        self.assertTrue(mine["message_is_from_self"])
        # History, as each member's client reads it, and the group's counters.
        self.assertEqual(texts(history(alice, gid))[:2], ["from bob", "hello all"])
        info = self.ok(self.g.get_group_info([gid], response_filter={"GroupBaseInfoFilter": ["NextMsgSeq", "LastMsgTime"]}))["GroupInfo"][0]
        self.assertEqual((info["NextMsgSeq"], info["LastMsgTime"]), (seq + 2, reply["MsgTime"]))
        # What is refused.
        self.fails(self.g.send_group_msg(uid("missing"), text_body("x"), msg_random=rand()), 10010)
        self.fails(self.rest_send(gid, "x", MsgBody=[]), 10004)

    def test_send_group_msg_dedupe(self):
        gid = self.create(members=("bob",))
        alice, bob = self.clients("alice", "bob")
        # timsdk sends the same Random on every call of the process (its
        # default argument): the same body twice is one message.
        first = self.ok(self.g.send_group_msg(gid, text_body("only once")))
        again = self.ok(self.g.send_group_msg(gid, text_body("only once")))
        self.assertEqual((again["MsgSeq"], again["MsgTime"]), (first["MsgSeq"], first["MsgTime"]))
        # Another body with that Random is another message.
        other = self.ok(self.g.send_group_msg(gid, text_body("another")))
        self.assertEqual(other["MsgSeq"], first["MsgSeq"] + 1)
        self.mark(gid, ["alice", "bob"])
        for c in (alice, bob):
            self.assertEqual(texts(group_msgs(c, gid)).count("only once"), 1, c.user)
        self.assertEqual(texts(history(bob, gid)).count("only once"), 1)
        simple = self.ok(self.g.group_msg_get_simple(gid, 20))
        self.assertEqual(texts_of_records(simple["RspMsgList"]).count("only once"), 1)

    def test_send_group_system_notification(self):
        gid = self.create()
        alice, bob, carol = self.clients("alice", "bob", "carol")
        self.ok(self.g.send_group_system_notification(gid, "maintenance at noon"))
        poll_all([alice, bob, carol], lambda: all(reports(c, gid) for c in (alice, bob, carol)))
        for c in (alice, bob, carol):
            (m,) = reports(c, gid)
            (e,) = m["message_elem_array"]
            self.assertEqual((m["message_conv_type"], e["elem_type"], e["group_report_elem_user_data"], e["group_report_elem_op_user"]),
                             (3, 8, "maintenance at noon", ADMIN))
        self.assertEqual(group_msgs(alice, gid), [], "a system notification is not a group message")
        # ToMembers_Account (timsdk never sends it): only bob.
        self.ok(rest(self.server, "group_open_http_svc/send_group_system_notification",
                     {"GroupId": gid, "ToMembers_Account": ["bob"], "Content": "just bob"}))
        bob.poll_until(lambda: len(reports(bob, gid)) == 2)
        self.assertEqual(reports(bob, gid)[1]["message_elem_array"][0]["group_report_elem_user_data"], "just bob")
        self.mark(gid, ["alice", "carol"])
        for c in (alice, carol):
            self.assertEqual(len(reports(c, gid)), 1, "%s got bob's notification" % c.user)
        self.fails(self.g.send_group_system_notification(uid("missing"), "x"), 10010)

    def test_group_msg_recall(self):
        gid = self.create()
        alice, bob, carol = self.clients("alice", "bob", "carol")
        s1 = self.ok(self.g.send_group_msg(gid, text_body("rest one"), msg_random=rand()))["MsgSeq"]
        code, desc, sent = send_from(bob, gid, "bob's")
        self.assertEqual(code, 0, desc)
        s2 = sent["message_seq"]
        s3 = self.ok(self.g.send_group_msg(gid, text_body("kept"), msg_random=rand()))["MsgSeq"]
        poll_all([alice, carol], lambda: all(len(group_msgs(c, gid)) == 3 for c in (alice, carol)))
        reply = self.ok(self.g.group_msg_recall(gid, [{"MsgSeq": s1}, {"MsgSeq": s2}, {"MsgSeq": 9999}]))
        self.assertEqual(reply["RecallRetList"], [{"MsgSeq": s1, "RetCode": 0}, {"MsgSeq": s2, "RetCode": 0}, {"MsgSeq": 9999, "RetCode": 10030}])
        recalled = lambda c: sorted(l["message_locator_seq"] for l in c.recalls if l["message_locator_conv_id"] == gid)
        poll_all([alice, bob, carol], lambda: all(recalled(c) == [s1, s2] for c in (alice, bob, carol)))
        for c in (alice, bob, carol):
            for loc in (l for l in c.recalls if l["message_locator_conv_id"] == gid):
                self.assertEqual((loc["message_locator_conv_type"], loc["message_locator_is_revoked"], loc["message_locator_revoker_user_id"]),
                                 (2, True, ADMIN))
                self.assertEqual(loc["message_locator_is_self"], c.user == "bob" and loc["message_locator_seq"] == s2)
        status = {m["message_seq"]: m["message_status"] for m in history(carol, gid)}
        self.assertEqual(status, {s1: 6, s2: 6, s3: 2})
        simple = self.ok(self.g.group_msg_get_simple(gid, 10))
        self.assertEqual([r["MsgSeq"] for r in simple["RspMsgList"]], [s3])
        with_recalled = self.ok(rest(self.server, "group_open_http_svc/group_msg_get_simple", {"GroupId": gid, "ReqMsgNumber": 10, "WithRecalledMsg": 1}))
        self.assertEqual([(r["MsgSeq"], r["IsPlaceMsg"]) for r in with_recalled["RspMsgList"]], [(s3, 0), (s2, 2), (s1, 2)])

    def test_group_msg_get_simple_pages(self):
        gid = self.create(members=("bob",))
        sent = []
        for i in range(3):
            r = rand()
            reply = self.ok(self.g.send_group_msg(gid, text_body("page %d" % i), msg_random=r))
            sent.append((reply["MsgSeq"], r, reply["MsgTime"]))
        code, _, bobs = send_from(self.c["bob"], gid, "page 3")
        self.assertEqual(code, 0)
        newest = self.ok(self.g.group_msg_get_simple(gid, 2))
        self.assertEqual(newest["GroupId"], gid)
        self.assertEqual(newest["IsFinished"], 0)
        first, second = newest["RspMsgList"]
        self.assertEqual((first["MsgSeq"], first["From_Account"], first["MsgBody"]), (bobs["message_seq"], "bob", text_body("page 3")))
        seq, r, t = sent[2]
        self.assertEqual({k: second[k] for k in ("MsgSeq", "MsgRandom", "MsgTimeStamp", "From_Account", "MsgBody", "IsPlaceMsg")},
                         {"MsgSeq": seq, "MsgRandom": r, "MsgTimeStamp": t, "From_Account": ADMIN, "MsgBody": text_body("page 2"), "IsPlaceMsg": 0})
        rest_of = self.ok(self.g.group_msg_get_simple(gid, 20, req_msg_seq=second["MsgSeq"] - 1))
        self.assertEqual(rest_of["IsFinished"], 1)
        self.assertEqual([m["MsgSeq"] for m in rest_of["RspMsgList"]], [sent[1][0], sent[0][0]])

    def test_openim_sendmsg(self):
        alice, dave = self.clients("alice", "dave")
        reply = self.ok(self.tim.open_im.send_text_msg("dave", "psst dave", from_account="alice"))
        self.assertIsInstance(reply["MsgTime"], int)
        self.assertTrue(reply.get("MsgKey"), reply)
        got = lambda c, text: [m for m in c.messages if m["message_conv_type"] == 1 and text in texts([m])]
        dave.poll_until(lambda: got(dave, "psst dave"))
        (m,) = got(dave, "psst dave")
        self.assertEqual((m["message_conv_id"], m["message_sender"], m["message_is_from_self"]), ("alice", "alice", False))
        # SyncOtherMachine 1 (timsdk's): the sender's online clients get it too.
        alice.poll_until(lambda: got(alice, "psst dave"))
        self.assertEqual(got(alice, "psst dave")[0]["message_conv_id"], "dave")
        self.assertIn("psst dave", texts(history(dave, "alice", conv_type=1)))
        with self.subTest("SyncOtherMachine 2"):
            # SyncOtherMachine 2: "the message is not synced to From_Account"
            # (Tencent's sendmsg doc; 1 syncs to its online clients).
            body = {"SyncOtherMachine": 2, "From_Account": "alice", "To_Account": "dave", "MsgRandom": rand(), "MsgBody": text_body("no sync")}
            self.ok(rest(self.server, "openim/sendmsg", body))
            dave.poll_until(lambda: got(dave, "no sync"))
            self.mark_c2c(["alice"])
            self.assertEqual(got(alice, "no sync"), [], "SyncOtherMachine 2 must not reach the sender's clients")

    def test_rest_sent_messages_take_extensions_and_read_receipts_when_asked(self):
        gid = self.create(members=("bob",))
        alice, bob = self.clients("alice", "bob")
        self.ok(self.rest_send(gid, "vote", From_Account="alice", SupportMessageExtension=1, NeedReadReceipt=1))
        self.ok(self.rest_send(gid, "plain", From_Account="alice"))
        poll_all([bob], lambda: len(group_msgs(bob, gid)) >= 2)
        vote, plain = [[m for m in group_msgs(bob, gid) if text in texts([m])][0] for text in ("vote", "plain")]
        self.assertEqual((vote["message_support_message_extension"], vote["message_need_read_receipt"]), (True, True))
        self.assertEqual((plain["message_support_message_extension"], plain["message_need_read_receipt"]), (False, False))
        seat = json.dumps([{"message_extension_key": "seat", "message_extension_value": "bob"}]).encode()
        code, desc, results = bob.call("HuddleMsgSetMessageExtensions", json.dumps(vote).encode(), seat)
        self.assertEqual((code, results[0]["message_extension_result_code"]), (0, 0), desc)
        self.assertEqual(bob.call("HuddleMsgSendMessageReadReceipts", json.dumps([vote]).encode())[0], 0)
        code, _, receipts = alice.call("HuddleMsgGetMessageReadReceipts", json.dumps([vote]).encode())
        self.assertEqual((code, receipts[0]["msg_receipt_read_count"]), (0, 1))
        self.assertEqual(bob.call("HuddleMsgSetMessageExtensions", json.dumps(plain).encode(), seat)[0], 6017)
        self.assertEqual(bob.call("HuddleMsgSendMessageReadReceipts", json.dumps([plain]).encode())[0], 6017)

        # openim/sendmsg: IsNeedReadReceipt (not NeedReadReceipt) and SupportMessageExtension.
        body = {"From_Account": "alice", "To_Account": "bob", "MsgRandom": rand(), "MsgBody": text_body("dm vote"),
                "SupportMessageExtension": 1, "IsNeedReadReceipt": 1}
        self.ok(rest(self.server, "openim/sendmsg", body))
        dm = lambda: [m for m in bob.messages if m["message_conv_type"] == 1 and "dm vote" in texts([m])]
        bob.poll_until(dm)
        (m,) = dm()
        self.assertEqual((m["message_support_message_extension"], m["message_need_read_receipt"]), (True, True))
        code, desc, results = bob.call("HuddleMsgSetMessageExtensions", json.dumps(m).encode(), seat)
        self.assertEqual(code, 0, desc)
        self.assertEqual(bob.call("HuddleMsgSendMessageReadReceipts", json.dumps([m]).encode())[0], 0)


# -- Imports and message logs ---------------------------------------------------

class ImportAndHistoryTest(RestCase):

    def test_import_tells_nobody_and_history_exports(self):
        now = time.time()
        if now % 3600 > 3600 - 20:  # too close to an hour's end: the "previous hour" would move under us
            time.sleep(3600 - now % 3600 + 1)
        hour = int(time.time()) // 3600 * 3600
        prev = hour - 3600
        prev_name = time.strftime("%Y%m%d%H", time.gmtime(prev))
        alice, bob, carol = self.clients("alice", "bob", "carol")
        gid = uid("imported")
        counts = {c.user: (len(c.tips), len(c.messages)) for c in (alice, bob, carol)}

        created = prev + 10
        reply = self.ok(self.g.import_group("Old Group", owner_account="alice", group_id=gid, create_time=created,
                                            introduction="from the old system"))
        self.assertEqual(reply["GroupId"], gid)
        # Tencent's order: the group, its messages, then its members.
        msgs = [{"From_Account": "alice", "SendTime": prev + 20 + i, "Random": 1000 + i, "MsgBody": text_body("old %d" % i)} for i in range(3)]
        imported = self.ok(self.g.import_group_msg(gid, msgs))["ImportMsgResult"]
        self.assertEqual(imported, [{"Result": 0, "MsgSeq": i + 1, "MsgTime": prev + 20 + i} for i in range(3)])
        future = self.ok(self.g.import_group_msg(gid, [{"From_Account": "alice", "SendTime": int(time.time()) + 3600, "MsgBody": text_body("future")}]))
        self.assertEqual(future["ImportMsgResult"][0]["Result"], 10004, "a SendTime in the future is refused")
        # bob's JoinTime per member (Tencent's form); carol's from timsdk's top-level JoinTime.
        members = [{"Member_Account": "bob", "JoinTime": created + 5}, {"Member_Account": "carol", "Role": "Admin"}]
        reply = self.ok(self.g.import_group_member(gid, members, join_time=created + 6))
        self.assertEqual(reply["MemberList"], [{"Member_Account": "bob", "Result": 1}, {"Member_Account": "carol", "Result": 1}])
        again = self.ok(self.g.import_group_member(gid, [{"Member_Account": "bob"}]))
        self.assertEqual(again["MemberList"], [{"Member_Account": "bob", "Result": 2}])

        # Nobody was told: the first thing each member hears of the group is the marker.
        marker = self.mark(gid, ["alice", "bob", "carol"])
        for c in (alice, bob, carol):
            t0, m0 = counts[c.user]
            self.assertEqual([t for t in c.tips[t0:] if t["group_tips_elem_group_id"] == gid], [], "%s got a tip" % c.user)
            new = [m for m in c.messages[m0:] if m["message_conv_id"] == gid or any(e.get("group_report_elem_group_id") == gid for e in m["message_elem_array"])]
            self.assertEqual(texts(new), [marker], "%s heard of the import" % c.user)

        # But the group, its members and its messages are there.
        info = self.ok(self.g.get_group_info([gid]))["GroupInfo"][0]
        self.assertEqual((info["CreateTime"], info["Owner_Account"], info["MemberNum"], info["Introduction"]), (created, "alice", 3, "from the old system"))
        joined = {m["Member_Account"]: (m["Role"], m["JoinTime"]) for m in info["MemberList"]}
        self.assertEqual(joined, {"alice": ("Owner", created), "bob": ("Member", created + 5), "carol": ("Admin", created + 6)})
        simple = self.ok(self.g.group_msg_get_simple(gid, 20))["RspMsgList"]
        self.assertEqual(texts_of_records(simple), [marker, "old 2", "old 1", "old 0"])
        self.assertEqual([(r["MsgSeq"], r["MsgTimeStamp"], r["From_Account"], r["MsgRandom"]) for r in simple[1:]],
                         [(3 - i, prev + 22 - i, "alice", 1002 - i) for i in range(3)])
        for c in (bob, carol):
            self.assertEqual(texts(history(c, gid)), [marker, "old 2", "old 1", "old 0"], c.user)
        self.assertEqual([m["message_seq"] for m in history(bob, gid)][1:], [3, 2, 1])

        # The previous hour's log holds the imported messages, in Tencent's format.
        reply = self.ok(self.tim.open_msg_svc.get_history("Group", prev_name))
        (f,) = reply["File"]
        got = requests.get(f["URL"], timeout=10)
        self.assertEqual(got.status_code, 200)
        gz = got.content
        text = gzip.decompress(gz)
        self.assertEqual((f["GzipSize"], f["GzipMD5"]), (len(gz), hashlib.md5(gz).hexdigest()))
        self.assertEqual((f["FileSize"], f["FileMD5"]), (len(text), hashlib.md5(text).hexdigest()))
        expire = datetime.datetime.strptime(f["ExpireTime"], "%Y-%m-%d %H:%M:%S")
        self.assertGreater(expire, datetime.datetime.utcnow())
        text = text.decode()
        whole = json.loads(text)
        self.assertEqual((whole["SdkAppId"], whole["ChatType"], whole["MsgTime"]), (APP_ID, "Group", prev_name))
        lines = text.rstrip("\n").split("\n")
        self.assertTrue(lines[0].endswith('"MsgList":['), lines[0])
        self.assertEqual(json.loads(lines[0] + "]}"), {"SdkAppId": APP_ID, "ChatType": "Group", "MsgTime": prev_name, "MsgList": []})
        self.assertEqual(lines[-1], "]}")
        records = [json.loads(l.rstrip(",")) for l in lines[1:-1]]
        self.assertEqual(records, whole["MsgList"], "one message per line")
        self.assertTrue(all(l.endswith(",") for l in lines[1:-2]) and not lines[-2].endswith(","))
        self.assertTrue(all(prev <= r["MsgTimestamp"] < hour for r in records))
        mine = [r for r in records if r["GroupId"] == gid]
        self.assertEqual([(r["From_Account"], r["MsgTimestamp"], r["MsgSeq"], r["MsgBody"]) for r in mine],
                         [("alice", prev + 20 + i, i + 1, text_body("old %d" % i)) for i in range(3)])
        self.assertNotIn("MsgTimeStamp", mine[0], "files spell it MsgTimestamp")

        # Links: tampered or expired ones are refused.
        url = urllib.parse.urlsplit(f["URL"])
        q = dict(urllib.parse.parse_qsl(url.query))
        file_name = url.path.rsplit("/", 1)[1]

        def fetch(name, expires, sig_):
            link = "%s/export/%s?%s" % (self.server.http, name, urllib.parse.urlencode({"expires": expires, "sig": sig_}))
            return requests.get(link, timeout=10).status_code

        def signed(name, expires):
            # The link's signature, as src/server/rest.rs makes it (HMAC-SHA256 of the secret key).
            return hmac.new(SECRET.encode(), ("%s\n%s" % (name, expires)).encode(), hashlib.sha256).hexdigest()

        self.assertEqual(fetch(file_name, q["expires"], q["sig"]), 200)
        bad_sig = ("0" if q["sig"][0] != "0" else "1") + q["sig"][1:]
        self.assertEqual(fetch(file_name, q["expires"], bad_sig), 403, "a tampered signature")
        self.assertEqual(fetch(file_name, int(q["expires"]) + 3600, q["sig"]), 403, "a lengthened link")
        self.assertEqual(fetch(file_name.replace("Group", "C2C"), q["expires"], q["sig"]), 403, "another file")
        self.assertEqual(fetch(file_name, int(time.time()) + 60, signed(file_name, int(time.time()) + 60)), 200, "signing as the server does")
        self.assertEqual(fetch(file_name, int(time.time()) - 5, signed(file_name, int(time.time()) - 5)), 403, "an expired link")

        # Hours with nothing, hours not over, malformed hours.
        self.fails(self.tim.open_msg_svc.get_history("Group", time.strftime("%Y%m%d%H", time.gmtime(hour - 7200))), 1004, "an empty hour")
        self.fails(self.tim.open_msg_svc.get_history("Group", time.strftime("%Y%m%d%H", time.gmtime(hour))), 1004, "the current hour")
        with self.subTest("malformed MsgTime"):
            # Tencent's get_history reports bad parameters as 1002 ("invalid
            # params", its error list: 1001..1005).
            self.fails(rest(self.server, "open_msg_svc/get_history", {"ChatType": "Group", "MsgTime": "2026-11-29"}), 1002)
            self.fails(rest(self.server, "open_msg_svc/get_history", {"ChatType": "Group", "MsgTime": "2026113024"}), 1002)

        # Deleted: gone for good, the old link too.
        self.ok(rest(self.server, "open_msg_svc/delete_history", {"ChatType": "Group", "MsgTime": prev_name}))
        self.fails(self.tim.open_msg_svc.get_history("Group", prev_name), 1005)
        self.assertNotEqual(fetch(file_name, q["expires"], q["sig"]), 200, "a deleted log's link")
        # The messages themselves stay.
        self.assertEqual(texts_of_records(self.ok(self.g.group_msg_get_simple(gid, 20))["RspMsgList"])[1:], ["old 2", "old 1", "old 0"])


# -- Limits -------------------------------------------------------------------

class RateLimitTest(RestCase):

    def test_rest_sends_past_20_a_second_get_10023(self):
        busy = self.create(members=("bob",))
        quiet = self.create(members=("bob",))
        bob = self.c["bob"]
        n = 60
        codes = [None] * n
        barrier = threading.Barrier(n)

        def one(i):
            url, params, data = rest_request(self.server, "group_open_http_svc/send_group_msg",
                                             {"GroupId": busy, "Random": rand(), "MsgBody": text_body("flood %d" % i)})
            with requests.Session() as s:
                barrier.wait()
                codes[i] = s.post(url, params=params, data=data, timeout=30).json()["ErrorCode"]

        threads = [threading.Thread(target=one, args=(i,)) for i in range(n)]
        start = time.monotonic()
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        elapsed = time.monotonic() - start
        self.ok(self.rest_send(quiet, "the other group still works"))
        self.assertEqual(set(codes) - {0, 10023}, set(), codes)
        sent = codes.count(0)
        self.assertGreater(codes.count(10023), 0, "%d sends in %.2f s and none refused" % (n, elapsed))
        self.assertGreaterEqual(sent, 20)
        self.assertLessEqual(sent, 20 + int(20 * elapsed) + 1, "%d accepted in %.2f s" % (sent, elapsed))
        bob.poll_until(lambda: "the other group still works" in texts(group_msgs(bob, quiet)))
        # A second later the busy group takes messages again (the marker is one),
        # and its members got exactly the accepted ones.
        time.sleep(1.05)
        self.mark(busy, ["alice", "bob"])
        for c in self.clients("alice", "bob"):
            self.assertEqual(len([t for t in texts(group_msgs(c, busy)) if t.startswith("flood")]), sent, c.user)

    def test_member_sends_past_5_a_second_get_10023(self):
        gid = self.create(members=("bob", "carol"))
        bob, carol = self.clients("bob", "carol")
        n = 12
        codes, elapsed = fire_sends(bob, gid, ["burst %d" % i for i in range(n)])
        self.assertEqual(set(codes) - {0, 10023}, set(), codes)
        sent = codes.count(0)
        self.assertGreater(codes.count(10023), 0, "%d sends in %.2f s and none refused" % (n, elapsed))
        self.assertGreaterEqual(sent, 5)
        self.assertLessEqual(sent, 5 + int(5 * elapsed) + 1, "%d accepted in %.2f s" % (sent, elapsed))
        # Another member, and the app's server, are not held back by bob's burst.
        self.assertEqual(send_from(carol, gid, "carol is fine")[0], 0)
        self.ok(self.rest_send(gid, "the server is fine"))
        self.mark(gid, ["carol"])
        self.assertEqual(len([t for t in texts(group_msgs(carol, gid)) if t.startswith("burst")]), sent)


class QuotaTest(unittest.TestCase):
    """A server whose app may create 2 groups a day."""

    @classmethod
    def setUpClass(cls):
        cls.server = Server("[limits]\ndaily_group_quota = 2\n")
        cls.tim = tim_for(cls.server)
        cls.g = cls.tim.group_open_http_svc
        cls.alice = Client(cls.server.url, "alice")
        cls.bob = Client(cls.server.url, "bob")

    @classmethod
    def tearDownClass(cls):
        cls.alice.close()
        cls.bob.close()
        cls.server.stop()
        cls.server.proc.stdout.close()

    def test_third_group_of_the_day_is_refused_10006(self):
        g, alice, bob = self.g, self.alice, self.bob
        first = g.create_group("one", owner_account="alice", member_list=[{"Member_Account": "bob"}])
        second = g.create_group("two", owner_account="alice")
        self.assertEqual((first["ErrorCode"], second["ErrorCode"]), (0, 0), (first, second))
        one, two = first["GroupId"], second["GroupId"]
        third = g.create_group("three", owner_account="alice")
        self.assertEqual((third["ActionStatus"], third["ErrorCode"]), ("FAIL", 10006), third)
        code, desc, _ = alice.call("HuddleGroupCreate", json.dumps({"create_group_param_group_name": "from a client"}).encode())
        self.assertEqual(code, 10006, desc)
        # Nothing else broke.
        listed = g.get_app_id_group_list()
        self.assertEqual((listed["TotalCount"], sorted(x["GroupId"] for x in listed["GroupIdList"])), (2, sorted([one, two])))
        sent = g.send_group_msg(one, text_body("still working"), msg_random=rand())
        self.assertEqual(sent["ErrorCode"], 0, sent)
        bob.poll_until(lambda: "still working" in texts(group_msgs(bob, one)))
        self.assertEqual(send_from(alice, one, "me too")[0], 0)
        bob.poll_until(lambda: "me too" in texts(group_msgs(bob, one)))
        added = g.add_group_member(two, [{"Member_Account": "bob"}], silence=0)
        self.assertEqual(added["MemberList"], [{"Member_Account": "bob", "Result": 1}], added)
        # The quota counts groups made today that are still there: one gone, one more may be made.
        self.assertEqual(g.destroy_group(two)["ErrorCode"], 0)
        poll_all([alice, bob], lambda: tips(alice, two, DISMISSED) and tips(bob, two, DISMISSED))
        self.assertEqual(tips(bob, two, DISMISSED)[0]["group_tips_elem_op_user"], ADMIN)
        code, desc, made = alice.call("HuddleGroupCreate", json.dumps({"create_group_param_group_name": "after a destroy"}).encode())
        self.assertEqual(code, 0, desc)
        again = g.create_group("four", owner_account="alice")
        self.assertEqual(again["ErrorCode"], 10006, again)


if __name__ == "__main__":
    unittest.main()
