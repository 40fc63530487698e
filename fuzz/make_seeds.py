#!/usr/bin/env python3
"""Writes the seed corpus fuzz/corpus/<target>/: valid and near-valid inputs
taken from include/huddle.h's documented JSON and docs/protocol.md's frames.

    python3 fuzz/make_seeds.py

Each seed is named after what it is, so a reader of the corpus can tell what
it starts the fuzzer from. The files are committed; re-running this replaces
them (and adds nothing else).
"""

import json
import os
import re
import shutil

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
CORPUS = os.path.join(ROOT, "fuzz", "corpus")

# c_api_json: the first byte picks the function (byte % 18) and the
# conversation or conversation group (byte // 18); see fuzz_targets/c_api_json.rs.
FUNCS = [
    "HuddleGroupCreate", "HuddleGroupInviteMember", "HuddleGroupDeleteMember",
    "HuddleGroupGetGroupInfoList", "HuddleGroupModifyGroupInfo", "HuddleGroupGetMemberInfoList",
    "HuddleGroupModifyMemberInfo", "HuddleGroupGetPendencyList", "HuddleGroupHandlePendency",
    "HuddleGroupModifyMuteAllowlist", "HuddleConvGetConversationListByFilter",
    "HuddleConvCreateConversationGroup", "HuddleConvAddConversationsToGroup",
    "HuddleConvDeleteConversationsFromGroup", "HuddleMsgSendMessage", "HuddleMsgGetMsgList",
    "HuddleMsgRevoke", "HuddleMsgReportReaded",
]
# Variants (byte // 18): conversations guild(2) bob(1) work(2) room(2) nosuch(2) alice(1);
# conversation groups fav, new, "", a name longer than 32 bytes.
CONV = {"guild": 0, "bob": 1, "work": 2, "room": 3, "nosuch": 4, "alice": 5}
CGROUP = {"fav": 0, "new": 1, "empty": 2, "long": 3}

TEXT = {"elem_type": 0, "text_elem_content": "hello"}
CUSTOM = {"elem_type": 3, "custom_elem_data": "{\"score\": 1.5}", "custom_elem_desc": "d", "custom_elem_ext": "e"}

API = [
    # (function, variant, name, argument: a JSON value, or bytes as they are)
    ("HuddleGroupCreate", 0, "header_example", {
        "create_group_param_group_name": "Guild 2", "create_group_param_group_type": 0,
        "create_group_param_group_id": "guild2",
        "create_group_param_group_member_array": [
            {"group_member_info_identifier": "bob", "group_member_info_member_role": 200},
            {"group_member_info_identifier": "erin", "group_member_info_member_role": 300}],
        "create_group_param_introduction": "intro", "create_group_param_notification": "notice",
        "create_group_param_face_url": "https://example.invalid/f.png", "create_group_param_add_option": 2,
        "create_group_param_max_member_num": 100,
        "create_group_param_custom_info": [{"group_info_custom_string_info_key": "k", "group_info_custom_string_info_value": "v"}]}),
    ("HuddleGroupCreate", 0, "generated_id", {"create_group_param_group_name": "Meet", "create_group_param_group_type": 2}),
    ("HuddleGroupCreate", 0, "avchatroom_with_members", {"create_group_param_group_name": "Live", "create_group_param_group_type": 4,
                                                         "create_group_param_group_member_array": [{"group_member_info_identifier": "bob"}]}),
    ("HuddleGroupCreate", 0, "id_in_use", {"create_group_param_group_name": "Again", "create_group_param_group_id": "guild"}),
    ("HuddleGroupCreate", 0, "reserved_id_prefix", {"create_group_param_group_name": "X", "create_group_param_group_id": "@TGS#abc"}),
    ("HuddleGroupCreate", 0, "name_missing", {"create_group_param_group_type": 5}),
    ("HuddleGroupCreate", 0, "type_is_a_string", {"create_group_param_group_name": "X", "create_group_param_group_type": "Public"}),
    ("HuddleGroupCreate", 0, "an_array", ["create_group_param_group_name", "X"]),
    ("HuddleGroupCreate", 0, "truncated", b'{"create_group_param_group_name": "X'),
    ("HuddleGroupCreate", 0, "bad_utf8", b'{"create_group_param_group_name": "\xff\xfe"}'),
    ("HuddleGroupCreate", 0, "nul_inside", b'{"create_group_param_group_name": "X"}\x00garbage'),
    ("HuddleGroupInviteMember", 0, "header_example", {"group_invite_member_param_group_id": "work",
                                                      "group_invite_member_param_identifier_array": ["erin", "bob"],
                                                      "group_invite_member_param_user_data": "x"}),
    ("HuddleGroupInviteMember", 0, "empty_array", {"group_invite_member_param_group_id": "guild", "group_invite_member_param_identifier_array": []}),
    ("HuddleGroupDeleteMember", 0, "header_example", {"group_delete_member_param_group_id": "guild",
                                                      "group_delete_member_param_identifier_array": ["bob", "nobody"],
                                                      "group_delete_member_param_user_data": "", "group_delete_member_param_duration": 60}),
    ("HuddleGroupDeleteMember", 0, "the_owner", {"group_delete_member_param_group_id": "guild", "group_delete_member_param_identifier_array": ["alice"]}),
    ("HuddleGroupGetGroupInfoList", 0, "header_example", ["guild", "work", "nosuch", ""]),
    ("HuddleGroupGetGroupInfoList", 0, "empty", []),
    ("HuddleGroupGetGroupInfoList", 0, "not_strings", ["guild", 1]),
    ("HuddleGroupGetGroupInfoList", 0, "an_object", {"group_ids": ["guild"]}),
    ("HuddleGroupModifyGroupInfo", 0, "name", {"group_modify_info_param_group_id": "guild", "group_modify_info_param_modify_flag": 1,
                                               "group_modify_info_param_group_name": "New name"}),
    ("HuddleGroupModifyGroupInfo", 0, "many", {"group_modify_info_param_group_id": "guild", "group_modify_info_param_modify_flag": 0x33e,
                                               "group_modify_info_param_notification": "n", "group_modify_info_param_introduction": "i",
                                               "group_modify_info_param_face_url": "f", "group_modify_info_param_add_option": 2,
                                               "group_modify_info_param_max_member_num": 10, "group_modify_info_param_is_shutup_all": True,
                                               "group_modify_info_param_custom_info": [{"group_info_custom_string_info_key": "k", "group_info_custom_string_info_value": "v"}]}),
    ("HuddleGroupModifyGroupInfo", 0, "owner", {"group_modify_info_param_group_id": "guild", "group_modify_info_param_modify_flag": 0x80000000,
                                                "group_modify_info_param_owner": "bob"}),
    ("HuddleGroupModifyGroupInfo", 0, "owner_not_alone", {"group_modify_info_param_group_id": "guild", "group_modify_info_param_modify_flag": 0x80000001,
                                                          "group_modify_info_param_owner": "bob", "group_modify_info_param_group_name": "x"}),
    ("HuddleGroupGetMemberInfoList", 0, "header_example", {"group_get_members_info_list_param_group_id": "guild",
                                                           "group_get_members_info_list_param_identifier_array": [],
                                                           "group_get_members_info_list_param_option": {"group_member_get_info_option_role_flag": 0},
                                                           "group_get_members_info_list_param_next_seq": 0}),
    ("HuddleGroupGetMemberInfoList", 0, "some", {"group_get_members_info_list_param_group_id": "guild",
                                                 "group_get_members_info_list_param_identifier_array": ["bob", "carol", "x"]}),
    ("HuddleGroupGetMemberInfoList", 0, "admins_of_room", {"group_get_members_info_list_param_group_id": "room",
                                                           "group_get_members_info_list_param_option": {"group_member_get_info_option_role_flag": 2}}),
    ("HuddleGroupModifyMemberInfo", 0, "mute", {"group_modify_member_info_group_id": "guild", "group_modify_member_info_identifier": "bob",
                                                "group_modify_member_info_modify_flag": 4, "group_modify_member_info_shutup_time": 60}),
    ("HuddleGroupModifyMemberInfo", 0, "admin", {"group_modify_member_info_group_id": "guild", "group_modify_member_info_identifier": "bob",
                                                 "group_modify_member_info_modify_flag": 2, "group_modify_member_info_member_role": 300}),
    ("HuddleGroupModifyMemberInfo", 0, "self", {"group_modify_member_info_group_id": "guild", "group_modify_member_info_identifier": "alice",
                                                "group_modify_member_info_modify_flag": 0x19, "group_modify_member_info_msg_flag": 1,
                                                "group_modify_member_info_name_card": "Al",
                                                "group_modify_member_info_custom_info": [{"group_member_info_custom_string_info_key": "k", "group_member_info_custom_string_info_value": "v"}]}),
    ("HuddleGroupGetPendencyList", 0, "header_example", {"group_pendency_option_start_time": 0, "group_pendency_option_max_limited": 20}),
    ("HuddleGroupGetPendencyList", 0, "empty_object", {}),
    ("HuddleGroupHandlePendency", 0, "accept", {"group_handle_pendency_param_is_accept": True, "group_handle_pendency_param_handle_msg": "welcome",
                                                "group_handle_pendency_param_pendency": {"group_pendency_group_id": "guild", "group_pendency_form_identifier": "dave"}}),
    ("HuddleGroupHandlePendency", 0, "reject_unknown", {"group_handle_pendency_param_is_accept": False,
                                                        "group_handle_pendency_param_pendency": {"group_pendency_group_id": "guild", "group_pendency_form_identifier": "zed",
                                                                                                 "group_pendency_key": "k"}}),
    ("HuddleGroupModifyMuteAllowlist", 0, "header_example", {"group_mute_allowlist_param_group_id": "guild",
                                                             "group_mute_allowlist_param_identifier_array": ["bob"], "group_mute_allowlist_param_is_add": True}),
    ("HuddleConvGetConversationListByFilter", 0, "header_example", {"conversation_list_filter_conversation_group": "fav",
                                                                    "conversation_list_filter_conv_type": 2,
                                                                    "conversation_list_filter_has_unread_count": True,
                                                                    "conversation_list_filter_has_group_at_info": False}),
    ("HuddleConvGetConversationListByFilter", 0, "in_no_group", {"conversation_list_filter_conversation_group": ""}),
    ("HuddleConvCreateConversationGroup", CGROUP["new"], "header_example", ["c2c_bob", "group_guild"]),
    ("HuddleConvCreateConversationGroup", CGROUP["fav"], "name_in_use", ["c2c_bob"]),
    ("HuddleConvCreateConversationGroup", CGROUP["empty"], "empty_name", ["c2c_bob"]),
    ("HuddleConvCreateConversationGroup", CGROUP["long"], "long_name", []),
    ("HuddleConvAddConversationsToGroup", CGROUP["fav"], "add", ["c2c_bob", "group_work", "c2c_nobody"]),
    ("HuddleConvAddConversationsToGroup", CGROUP["new"], "unknown_group", ["c2c_bob"]),
    ("HuddleConvDeleteConversationsFromGroup", CGROUP["fav"], "delete", ["group_guild"]),
    ("HuddleMsgSendMessage", CONV["guild"], "text", {"message_elem_array": [TEXT], "message_client_time": 1795950000}),
    ("HuddleMsgSendMessage", CONV["guild"], "at_all", {"message_elem_array": [TEXT], "message_group_at_user_array": ["__kImSDK_MessageAtALL__", "bob"]}),
    ("HuddleMsgSendMessage", CONV["guild"], "targets", {"message_elem_array": [CUSTOM], "message_target_group_member_array": ["bob"]}),
    ("HuddleMsgSendMessage", CONV["guild"], "image_elem", {"message_elem_array": [{"elem_type": 1, "image_elem_orig_path": "/x"}]}),
    ("HuddleMsgSendMessage", CONV["guild"], "no_elems", {"message_elem_array": []}),
    ("HuddleMsgSendMessage", CONV["guild"], "elems_missing", {"message_client_time": 1}),
    ("HuddleMsgSendMessage", CONV["bob"], "c2c", {"message_elem_array": [TEXT, CUSTOM]}),
    ("HuddleMsgSendMessage", CONV["room"], "not_a_member", {"message_elem_array": [TEXT]}),
    ("HuddleMsgSendMessage", CONV["nosuch"], "unknown_group", {"message_elem_array": [TEXT]}),
    ("HuddleMsgGetMsgList", CONV["guild"], "count", {"msg_getmsglist_param_count": 20}),
    ("HuddleMsgGetMsgList", CONV["guild"], "page", {"msg_getmsglist_param_count": 1, "msg_getmsglist_param_last_msg": {"message_seq": 2}}),
    ("HuddleMsgGetMsgList", CONV["bob"], "c2c", {}),
    ("HuddleMsgGetMsgList", CONV["room"], "never_a_member", {"msg_getmsglist_param_count": 500}),
    ("HuddleMsgRevoke", CONV["guild"], "by_seq", {"message_seq": 1}),
    ("HuddleMsgRevoke", CONV["guild"], "unknown_id", {"message_msg_id": "nope"}),
    ("HuddleMsgRevoke", CONV["bob"], "neither", {}),
    ("HuddleMsgReportReaded", CONV["guild"], "by_seq", {"message_seq": 2}),
    ("HuddleMsgReportReaded", CONV["bob"], "c2c", {"message_seq": 1}),
    ("HuddleMsgReportReaded", CONV["alice"], "self", {}),
]

INIT = [
    ("empty_object", {}),
    ("poll", {"callback_mode": "poll"}),
    ("thread", {"callback_mode": "thread", "sdk_config_max_pending_events": 10}),
    ("limits", {"sdk_config_group_msg_per_second": 40, "sdk_config_msg_retention_seconds": 604800, "sdk_config_msg_revoke_seconds": 120}),
    ("auth", {"sdk_config_sdk_app_id": 1400000000, "sdk_config_secret_key": "secret", "sdk_config_admin_user_ids": ["admin"],
              "sdk_config_login_policy": "per_platform", "sdk_config_platform": 2}),
    ("network", {"sdk_config_server_url": "ws://127.0.0.1:9", "sdk_config_request_timeout_ms": 5000, "callback_mode": "poll"}),
    ("network_tls_timeout_too_long", {"sdk_config_server_url": "wss://127.0.0.1:9", "sdk_config_request_timeout_ms": 120001}),
    ("not_a_ws_url", {"sdk_config_server_url": "http://127.0.0.1:9"}),
    ("empty_url", {"sdk_config_server_url": "", "callback_mode": "poll"}),
    ("data_dir", {"sdk_config_data_dir": "/tmp/huddle-fuzz-init/a", "callback_mode": "poll"}),
    ("bad_mode", {"callback_mode": "fast"}),
    ("bad_policy", {"sdk_config_login_policy": "everyone"}),
    ("wrong_types", {"sdk_config_sdk_app_id": "1400000000", "sdk_config_platform": 2.5}),
    ("unknown_keys", {"sdk_config_log_level": 3, "whatever": [1, {"a": None}]}),
    ("array", []),
    ("string", b'"poll"'),
    ("truncated", b'{"callback_mode": "po'),
    ("bad_utf8", b'{"callback_mode": "\xc3\x28"}'),
]


def frames_from_docs():
    """Every JSON frame docs/protocol.md shows: the ```json blocks and the
    C:/S: lines of its sample session (some hold "...": near-valid)."""
    doc = open(os.path.join(ROOT, "docs", "protocol.md"), encoding="utf-8").read()
    frames = [b.strip() for b in re.findall(r"```json\n(.*?)```", doc, re.S)]
    frames += [m for m in re.findall(r"^[CS]: (\{.*\})$", doc, re.M)]
    return frames


# Every method of docs/protocol.md's table, with params of the documented shape.
CONV_PARAM = {"conv_type": 2, "conv_id": "guild"}
METHODS = {
    "GroupCreate": {"create_group_param_group_name": "G", "create_group_param_group_id": "g"},
    "GroupDelete": {"group_id": "g"},
    "GroupJoin": {"group_id": "g", "hello_msg": "hi"},
    "GroupQuit": {"group_id": "g"},
    "GroupInviteMember": {"group_invite_member_param_group_id": "g", "group_invite_member_param_identifier_array": ["bob"]},
    "GroupDeleteMember": {"group_delete_member_param_group_id": "g", "group_delete_member_param_identifier_array": ["bob"]},
    "GroupGetJoinedGroupList": None,
    "GroupGetGroupInfoList": {"group_ids": ["g"]},
    "GroupModifyGroupInfo": {"group_modify_info_param_group_id": "g", "group_modify_info_param_modify_flag": 1, "group_modify_info_param_group_name": "n"},
    "GroupGetMemberInfoList": {"group_get_members_info_list_param_group_id": "g"},
    "GroupModifyMemberInfo": {"group_modify_member_info_group_id": "g", "group_modify_member_info_identifier": "bob",
                              "group_modify_member_info_modify_flag": 8, "group_modify_member_info_name_card": "B"},
    "GroupGetPendencyList": {"group_pendency_option_start_time": 0},
    "GroupHandlePendency": {"group_handle_pendency_param_is_accept": True,
                            "group_handle_pendency_param_pendency": {"group_pendency_group_id": "g", "group_pendency_form_identifier": "d"}},
    "GroupReportPendencyReaded": {"time_stamp": 1795950000},
    "GroupModifyMuteAllowlist": {"group_mute_allowlist_param_group_id": "g", "group_mute_allowlist_param_identifier_array": ["bob"],
                                 "group_mute_allowlist_param_is_add": False},
    "GroupGetMuteAllowlist": {"group_id": "g"},
    "AdminGetUserGroups": {"user_id": "bob"},
    "AdminGetGroupMemberIds": {"group_id": "g"},
    "MsgSend": {"conv": CONV_PARAM, "msg_id": "m1", "param": {"message_elem_array": [TEXT, CUSTOM]}},
    "MsgGetMsgList": {"conv": {"conv_type": 1, "conv_id": "bob"}, "param": {"msg_getmsglist_param_count": 20}},
    "MsgRevoke": {"conv": CONV_PARAM, "msg": {"message_seq": 1}},
    "MsgReportReaded": {"conv": CONV_PARAM, "msg": None},
    "ConvGetConvList": None,
    "ConvGetConversationListByFilter": {"conversation_list_filter_conv_type": 1},
    "ConvDelete": {"conv": CONV_PARAM},
    "ConvPin": {"conv": CONV_PARAM, "pinned": True},
    "ConvGetTotalUnreadMessageCount": None,
    "ConvCreateGroup": {"name": "fav", "conv_ids": ["c2c_bob", "group_guild"]},
    "ConvGetGroupList": None,
    "ConvDeleteGroup": {"name": "fav"},
    "ConvRenameGroup": {"old_name": "fav", "new_name": "best"},
    "ConvAddToGroup": {"name": "fav", "conv_ids": ["c2c_bob"]},
    "ConvDeleteFromGroup": {"name": "fav", "conv_ids": ["c2c_bob"]},
}

CLIENT_EXTRA = [
    ("hello_other_version", {"type": "hello", "protocol": 2}),
    ("login_kinds", {"type": "login", "id": 1, "user_id": "bob", "kinds": ["group_tip", "message", "revoke", "conv", "conv_group"]}),
    ("login_bad_kind", {"type": "login", "id": 1, "user_id": "bob", "kinds": ["session", "nope"]}),
    ("call_unknown_method", {"type": "call", "id": 3, "method": "GroupFly", "params": {}}),
    ("call_wrong_params", {"type": "call", "id": 4, "method": "GroupJoin", "params": {"group_id": 5}}),
    ("call_float_id", {"type": "call", "id": 4.0, "method": "GroupGetJoinedGroupList"}),
    ("no_type", {"id": 5}),
    ("unknown_type", {"type": "ping", "id": 6}),
    ("listen_empty", {"type": "listen", "kinds": []}),
    ("array", [1, 2]),
    ("not_json", b"hello"),
    ("truncated", b'{"type": "call", "id": 1, "method": "Gr'),
    ("duplicate_keys", b'{"type": "logout", "id": 1, "id": 2}'),
]

SERVER_EXTRA = [
    ("reply_array", {"type": "reply", "id": 2, "code": 0, "desc": "", "json": [{"group_base_info_group_id": "g"}]}),
    ("reply_error", {"type": "reply", "id": 3, "code": 10007, "desc": "no permission", "json": {}}),
    ("reply_string_json", {"type": "reply", "id": 3, "code": 0, "desc": "", "json": "text"}),
    ("reply_nul_desc", {"type": "reply", "id": 3, "code": 0, "desc": "a\u0000b", "json": {"k": "a\u0000b"}}),
    ("reply_no_json", {"type": "reply", "id": 3, "code": 0, "desc": ""}),
    ("event_group_tip", {"type": "event", "event": {"kind": "group_tip", "seq": 5, "tip": {"group_tips_elem_tip_type": 1, "group_tips_elem_group_id": "g"},
                                                    "message": [{"message_elem_array": [{"elem_type": 5}]}]}}),
    ("event_msg_revoked", {"type": "event", "event": {"kind": "msg_revoked", "seq": 6, "locators": [{"message_locator_conv_id": "g", "message_locator_seq": 1}]}}),
    ("event_conv", {"type": "event", "event": {"kind": "conv", "seq": 6, "event": 2, "convs": [{"conv_id": "g", "conv_type": 2}]}}),
    ("event_conv_bad_kind", {"type": "event", "event": {"kind": "conv", "seq": 6, "event": 9, "convs": []}}),
    ("event_conv_group", {"type": "event", "event": {"kind": "conv_group", "seq": 7, "event": 0, "json": {"conversation_group_name": "fav"}}}),
    ("event_user_sig_expired", {"type": "event", "event": {"kind": "user_sig_expired"}}),
    ("event_network_status", {"type": "event", "event": {"kind": "network_status", "status": 1, "code": 9508, "desc": "lost"}}),
    ("event_float", {"type": "event", "event": {"kind": "new_message", "seq": 8, "messages": [{"x": 1.0000000000000002e-300}]}}),
    ("unknown_type", {"type": "pong"}),
    ("not_json", b"\x00\x01"),
]


def write(target, name, content):
    d = os.path.join(CORPUS, target)
    os.makedirs(d, exist_ok=True)
    data = content if isinstance(content, bytes) else json.dumps(content, ensure_ascii=False).encode()
    with open(os.path.join(d, name), "wb") as f:
        f.write(data)


def write_dict():
    """fuzz/huddle.dict: every JSON key and value word huddle.h and
    docs/protocol.md name in backticks (snake_case keys, method names, frame
    types), quoted as they appear in JSON, for libFuzzer's -dict."""
    words = set()
    for path in (os.path.join(ROOT, "include", "huddle.h"), os.path.join(ROOT, "docs", "protocol.md")):
        text = open(path, encoding="utf-8").read()
        for quoted in re.findall(r"`([^`]+)`", re.sub(r"```.*?```", "", text, flags=re.S)):
            words.update(re.findall(r"\b[a-z][a-z0-9]*(?:_[a-z0-9]+)+\b", quoted))
            words.update(re.findall(r"\b(?:Group|Msg|Conv|Admin)[A-Za-z]+\b", quoted))
        words.update(re.findall(r'"([a-z_]+)"\s*:', text))
    words.update(["hello", "login", "call", "listen", "logout", "reply", "event", "error", "thread", "poll",
                  "multi", "single", "per_platform", "__kImSDK_MessageAtALL__", "@TGS#"])
    with open(os.path.join(ROOT, "fuzz", "huddle.dict"), "w", encoding="utf-8") as f:
        f.write("# libFuzzer dictionary of Huddle's JSON keys and words; made by fuzz/make_seeds.py.\n")
        for w in sorted(words):
            f.write('"\\"%s\\""\n' % w)


def rest_requests():
    """rest_body: (selector, name, body) for every request docs/rest.md shows;
    the selector is the path's index in src/service/rest/mod.rs's COMMANDS,
    or len(COMMANDS) for the message-log query (see fuzz_targets/rest_body.rs)."""
    with open(os.path.join(ROOT, "src", "service", "rest", "mod.rs")) as f:
        commands = re.findall(r'^    \("([a-z_/]+)", ', f.read(), re.M)
    with open(os.path.join(ROOT, "docs", "rest.md")) as f:
        doc = f.read()
    for section in doc.split("\n### `")[1:]:
        path = section.split("`")[0]
        body = section.split("```json\n")[1].split("\n```")[0]
        if path in commands:
            yield commands.index(path), path.replace("/", "-"), body
        elif path.startswith("open_msg_svc/"):
            yield len(commands), path.replace("/", "-"), body


def main():
    write_dict()
    for target in ("c_api_json", "init_config", "client_frame", "server_frame", "rest_body"):
        shutil.rmtree(os.path.join(CORPUS, target), ignore_errors=True)
    for func, variant, name, arg in API:
        selector = FUNCS.index(func) + 18 * variant
        assert selector < 256
        data = arg if isinstance(arg, bytes) else json.dumps(arg).encode()
        write("c_api_json", f"{func}-{name}", bytes([selector]) + data)
    for name, config in INIT:
        write("init_config", name, config)
    for i, frame in enumerate(frames_from_docs()):
        for target in ("client_frame", "server_frame"):
            write(target, f"protocol_md_{i:02}", frame.encode())
    for method, params in METHODS.items():
        frame = {"type": "call", "id": 10, "key": f"k-{method}", "method": method}
        if params is not None:
            frame["params"] = params
        write("client_frame", f"call_{method}", frame)
    for name, frame in CLIENT_EXTRA:
        write("client_frame", name, frame)
    for name, frame in SERVER_EXTRA:
        write("server_frame", name, frame)
    for selector, name, body in rest_requests():
        write("rest_body", name, bytes([selector]) + body.encode())


if __name__ == "__main__":
    main()
