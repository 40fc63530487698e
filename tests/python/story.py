"""The two-user group story, told through the `huddle` package (the wheel).

alice creates a Public group that joins by approval; bob asks to join; alice
hears the request, finds it in her pendency list and approves it; both hear
bob's join tip; messages (non-ASCII ones) go both ways; bob quits and both
hear the quit tip. Every step checks what the C API promises (huddle.h).
"""

import huddle
from huddle import AddOption, ConvType, ElemType, GroupType, JoinStatus, JoinType, TipType

HELLO = "héllo 世界"
REPLY = "bienvenue, 朋友 🎲"
TIMEOUT = 10.0


class Watcher:
    """Collects what one client hears: its group tips and its new messages."""

    def __init__(self, client):
        self.client = client
        self.tips = []
        self.messages = []
        client.on_group_tip(self.tips.append)
        client.on_new_messages(self.messages.extend)

    def tip(self, tip_type, group_id, **fields):
        """Waits for a tip of `tip_type` in `group_id` whose fields match, and returns it."""
        def find():
            for tip in list(self.tips):
                if tip["group_tips_elem_tip_type"] == tip_type and tip["group_tips_elem_group_id"] == group_id \
                        and all(tip.get(k) == v for k, v in fields.items()):
                    return tip
            return None
        return self.client.wait_for(find, TIMEOUT)

    def text(self, group_id, text):
        """Waits for a text message `text` in `group_id`, and returns it."""
        def find():
            for msg in list(self.messages):
                elems = msg["message_elem_array"]
                if msg["message_conv_id"] == group_id and elems and elems[0]["elem_type"] == ElemType.TEXT \
                        and elems[0]["text_elem_content"] == text:
                    return msg
            return None
        return self.client.wait_for(find, TIMEOUT)


def ok(client, future):
    result = client.wait(future, TIMEOUT)
    assert result.code == 0, "%d: %s" % (result.code, result.desc)
    return result.json


def run_story(alice, bob, alice_id="alice", bob_id="bob"):
    a, b = Watcher(alice), Watcher(bob)
    ok(alice, alice.login(alice_id))
    ok(bob, bob.login(bob_id))
    assert alice.login_user_id() == alice_id and bob.login_user_id() == bob_id

    created = ok(alice, alice.group_create({
        "create_group_param_group_name": "Guild 公会",
        "create_group_param_group_type": GroupType.PUBLIC,
        "create_group_param_add_option": AddOption.AUTH,
    }))
    group = created["create_group_result_groupid"]
    assert group.startswith("@TGS#")
    a.tip(TipType.GROUP_CREATED, group, group_tips_elem_op_user=alice_id)

    joined = ok(bob, bob.group_join(group, "let me in, s'il vous plaît"))
    assert joined["group_join_result_status"] == JoinStatus.WAITING_APPROVAL
    request = a.tip(TipType.JOIN_REQUEST, group, group_tips_elem_op_user=bob_id)
    assert request["group_tips_elem_user_array"] == [bob_id]

    pendencies = ok(alice, alice.group_get_pendency_list({}))["group_pendency_result_pendency_array"]
    mine = [p for p in pendencies if p["group_pendency_group_id"] == group and p["group_pendency_form_identifier"] == bob_id]
    assert len(mine) == 1, pendencies
    ok(alice, alice.group_handle_pendency({
        "group_handle_pendency_param_is_accept": True,
        "group_handle_pendency_param_handle_msg": "bienvenue",
        "group_handle_pendency_param_pendency": mine[0],
    }))
    for watcher in (a, b):
        tip = watcher.tip(TipType.INVITE, group, group_tips_elem_join_type=JoinType.APPLY)
        assert tip["group_tips_elem_op_user"] == alice_id and tip["group_tips_elem_user_array"] == [bob_id]
        assert tip["group_tips_elem_member_num"] == 2

    members = ok(bob, bob.group_get_member_info_list({"group_get_members_info_list_param_group_id": group}))
    ids = sorted(m["group_member_info_identifier"] for m in members["group_get_member_info_list_result_info_array"])
    assert ids == sorted([alice_id, bob_id])

    sent = bob.send_text(group, HELLO)
    assert sent.message_id
    echo = ok(bob, sent)
    assert echo["message_msg_id"] == sent.message_id
    got = a.text(group, HELLO)
    assert got["message_sender"] == bob_id and got["message_conv_type"] == ConvType.GROUP
    assert got["message_msg_id"] == sent.message_id

    ok(alice, alice.send_text(group, REPLY))
    got = b.text(group, REPLY)
    assert got["message_sender"] == alice_id

    history = ok(alice, alice.get_msg_list(group, ConvType.GROUP, {"msg_getmsglist_param_count": 10}))
    texts = [m["message_elem_array"][0]["text_elem_content"] for m in history]
    assert texts[:2] == [REPLY, HELLO]  # newest first

    ok(bob, bob.group_quit(group))
    for watcher in (a, b):
        tip = watcher.tip(TipType.QUIT, group, group_tips_elem_op_user=bob_id)
        assert tip["group_tips_elem_member_num"] == 1
    joined = [g["group_base_info_group_id"] for g in ok(bob, bob.group_get_joined_group_list())]
    assert group not in joined

    ok(alice, alice.logout())
    ok(bob, bob.logout())
    return group
