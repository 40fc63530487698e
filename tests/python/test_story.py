"""The two-user group story through the installed `huddle` wheel: on the
embedded engine in both callback modes, then with both users on huddle-server."""

import os
import threading

import pytest

import huddle
from story import run_story


def test_the_wheel_bundles_the_library():
    # The test must exercise the wheel's copy, not a library found elsewhere.
    path = huddle.library_path()
    assert os.path.dirname(path) == os.path.dirname(huddle.__file__), path
    assert huddle.version() == huddle.__version__
    assert huddle.result_string(0)


@pytest.mark.parametrize("mode", ["thread", "poll"])
def test_story_embedded(mode):
    with huddle.Client(mode=mode) as alice, huddle.Client(mode=mode) as bob:
        run_story(alice, bob, "alice_" + mode, "bob_" + mode)


def test_story_on_server(server_url):
    config = {"sdk_config_server_url": server_url}
    with huddle.Client(config) as alice, huddle.Client(config, mode="poll") as bob:
        run_story(alice, bob)


def test_thread_mode_listeners_run_on_the_dispatcher_thread():
    seen = []
    with huddle.Client() as alice:
        alice.on_group_tip(lambda tip: seen.append(threading.current_thread()))
        assert alice.wait(alice.login("carol")).ok
        res = alice.wait(alice.group_create({"create_group_param_group_name": "threads"}))
        assert res.ok
        alice.wait_for(lambda: seen)
    assert seen[0] is not threading.main_thread()


def test_poll_mode_listeners_run_inside_poll():
    seen = []
    with huddle.Client(mode="poll") as dave:
        dave.on_group_tip(lambda tip: seen.append(threading.current_thread()))
        future = dave.login("dave")
        assert not future.done()  # nothing runs until poll
        assert dave.wait(future).ok
        assert dave.wait(dave.group_create({"create_group_param_group_name": "poll"})).ok
        dave.wait_for(lambda: seen)
    assert seen == [threading.main_thread()]


def test_refused_calls_raise_and_async_errors_are_results():
    with huddle.Client() as erin:
        with pytest.raises(huddle.HuddleError) as refused:
            erin.group_create({"create_group_param_group_name": "early"})
        assert refused.value.code == -2  # HUDDLE_ERR_NOTLOGIN
        assert erin.wait(erin.login("erin")).ok
        with pytest.raises(huddle.HuddleError) as refused:
            erin.group_create("{not json")
        assert refused.value.code == -3  # HUDDLE_ERR_JSON
        result = erin.wait(erin.group_join("@TGS#nosuchgroup"))
        assert result.code == 10010 and not result.ok and result.desc
