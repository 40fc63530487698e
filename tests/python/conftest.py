"""Fixtures: huddle-server in a process of its own (on a free loopback port,
with a temp data dir), for the network runs of the story."""

import os
import signal
import subprocess
import tempfile

import pytest

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))
SERVER_BIN = os.path.join(os.environ.get("CARGO_TARGET_DIR", os.path.join(ROOT, "target")), "debug", "huddle-server")


@pytest.fixture(scope="session")
def server_url():
    """Starts target/debug/huddle-server on port 0 and yields its ws:// URL."""
    data = tempfile.mkdtemp(prefix="huddle-py-")
    log = open(os.path.join(data, "server.log"), "wb")
    proc = subprocess.Popen([SERVER_BIN, "--listen", "127.0.0.1:0", "--data-dir", os.path.join(data, "data")],
                            stdout=subprocess.PIPE, stderr=log)
    line = proc.stdout.readline().decode()
    prefix = "huddle-server listening on "
    if not line.startswith(prefix):
        proc.kill()
        raise RuntimeError("huddle-server did not start: %r (log: %s)" % (line, log.name))
    yield line[len(prefix):].strip()
    proc.send_signal(signal.SIGTERM)
    try:
        proc.wait(timeout=20)
    except subprocess.TimeoutExpired:
        proc.kill()
    log.close()
