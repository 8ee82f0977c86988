"""`defenders serve` under gunicorn: a source's request leaves no address or agent in what the server prints."""

import http.cookiejar
import re
import socket
import subprocess
import sys
import time
import urllib.parse
import urllib.request
from pathlib import Path

from defenders.logging import ADDRESS_PATTERN
from tests.serving import create_recovery_key, migrate, serve_environment, served

ROOT = Path(__file__).resolve().parents[1]
AGENT = "MarkerAgent/9.9 (source device)"


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def test_gunicorn_logs_no_address_or_agent_of_a_source(tmp_path):
    env = serve_environment(tmp_path)
    cli = [sys.executable, "-m", "defenders.cli"]
    migrate(env)
    subprocess.run(
        [*cli, "keys", "create-recovery"], env=env, cwd=ROOT, check=True, capture_output=True, timeout=60
    )
    port = free_port()
    server = subprocess.Popen(
        [*cli, "serve", "--bind", f"127.0.0.1:{port}", "--workers", "1"],
        env=env,
        cwd=ROOT,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    try:
        base = f"http://127.0.0.1:{port}"
        jar = http.cookiejar.CookieJar()
        opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar))
        opener.addheaders = [("User-Agent", AGENT)]
        for _ in range(450):  # start-up migrates, checks and collects static files: slow on a loaded machine
            try:
                page = opener.open(f"{base}/contact/", timeout=5).read().decode()
                break
            except OSError:
                time.sleep(0.2)
        match = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page)
        assert match is not None, "the contact form carries a CSRF token"
        token = match.group(1)
        form = {
            "csrfmiddlewaretoken": token,
            "name": "N",
            "email": "n@example.org",
            "subject": "S",
            "message": "M",
        }
        body = (
            opener.open(f"{base}/contact/", urllib.parse.urlencode(form).encode(), timeout=30).read().decode()
        )
        assert "was received" in body
        assert [cookie.name for cookie in jar] == ["session"]
        try:
            opener.open(f"{base}/communications/nothing-here/", timeout=5)
        except urllib.error.HTTPError as error:
            assert error.code == 404
    finally:
        server.terminate()
        output, _ = server.communicate(timeout=30)
    assert "Listening at" in output  # the capture holds gunicorn's own lines
    assert "127.0.0.1" not in output  # not even the server's own address
    assert "MarkerAgent" not in output
    assert "/contact/" not in output


def test_a_malformed_request_line_leaves_no_client_address_in_the_server_log(tmp_path):
    # gunicorn answers a bad request line itself, and its error log says "Invalid request from ip=<client>".
    env = serve_environment(tmp_path)
    create_recovery_key(env)
    with served(env, tmp_path / "serve.log", workers=1) as server:
        port = int(server.url.rsplit(":", 1)[1])
        for request in (b"NOT A REQUEST LINE\r\n\r\n", b"GET /\x00 HTTP/1.1\r\nHost: x\r\n\r\n"):
            with socket.create_connection(("127.0.0.1", port), timeout=10) as client:
                client.sendall(request)
                answer = client.recv(4096)
            assert answer.startswith(b"HTTP/1.1 400")
        deadline = time.monotonic() + 10
        while "Invalid request" not in server.output() and time.monotonic() < deadline:
            time.sleep(0.1)
    output = server.output()
    assert "Invalid request from ip=[address]" in output  # the line is there, without who sent it
    assert "127.0.0.1" not in output
    assert not ADDRESS_PATTERN.search(output)
