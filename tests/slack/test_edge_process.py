"""`madoguchi serve --http` as a real process under load it does not expect: uploads that stall
halfway, and a flood of junk. It keeps answering health checks and signed requests, answers
the junk with 4xx, and logs no traceback."""

from __future__ import annotations

import json
import os
import socket
import time
import urllib.request
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import create_engine, text

from tests.queue.conftest import POSTGRES_URL, TEACHER
from tests.slack.harness import (
    BOT_TOKEN,
    SIGNING_SECRET,
    FakeSlack,
    event_body,
    signed_post,
    start_serve_http,
    stop_process_group,
)
from tests.slack.test_edge import UNSIGNED_JUNK, raw_post
from tests.slack.test_serve_process import ROOT, free_port

STALLED = 40


@pytest.fixture(params=["sqlite", "postgresql"])
def database_url(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    if request.param == "sqlite":
        yield f"sqlite:///{tmp_path / 'serve.sqlite3'}"
        return
    schema = f"mg_{uuid.uuid4().hex[:12]}"
    admin = create_engine(POSTGRES_URL)
    with admin.begin() as connection:
        connection.execute(text(f"CREATE SCHEMA {schema}"))
    yield f"{POSTGRES_URL}?options=-csearch_path%3D{schema}"
    with admin.begin() as connection:
        connection.execute(text(f"DROP SCHEMA {schema} CASCADE"))
    admin.dispose()


@pytest.fixture
def server(tmp_path: Path, fake_slack: FakeSlack, database_url: str) -> Iterator[tuple[str, Path]]:
    port = free_port()
    log = tmp_path / "serve.log"
    env = dict(
        os.environ,
        SLACK_BOT_TOKEN=BOT_TOKEN,
        SLACK_SIGNING_SECRET=SIGNING_SECRET,
        SLACK_API_URL=fake_slack.base_url,
        DATABASE_URL=database_url,
        MADOGUCHI_SSW_CHANNEL="CQUEUE",
        MADOGUCHI_LOG=str(log),
    )
    env.pop("SLACK_APP_TOKEN", None)
    process = start_serve_http(env, port, 1, ROOT)
    yield f"http://127.0.0.1:{port}", log
    stop_process_group(process)


def stall(url: str) -> socket.socket:
    """Headers and the first bytes of a body that says it is 100,000 bytes long, then nothing."""
    host, port = url.removeprefix("http://").split(":")
    connection = socket.create_connection((host, int(port)), timeout=30)
    connection.sendall(
        b"POST /slack/events HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
        b"Content-Length: 100000\r\n\r\n" + b'{"type": "event_callback", ' * 10
    )
    return connection


def test_forty_stalled_uploads_leave_health_and_a_signed_mention_answered(
    server: tuple[str, Path], fake_slack: FakeSlack
) -> None:
    url, log = server
    stalled = [stall(url) for _ in range(STALLED)]
    try:
        time.sleep(0.5)  # every one of them is now waiting for the rest of its body
        with urllib.request.urlopen(f"{url}/healthz", timeout=2) as health:
            assert health.status == 200
        mention = {
            "type": "app_mention",
            "user": TEACHER,
            "text": "<@UBOT> 教育支援センターの番号を教えて",
            "channel": "C1",
            "ts": "1.1",
        }
        started = time.monotonic()
        status, _ = signed_post(
            f"{url}/slack/events", event_body(mention, "EvStall1"), "application/json"
        )
        assert status == 200 and time.monotonic() - started < 3  # Slack's 3 seconds
        posted = fake_slack.wait_for("chat.postMessage", timeout=20)
        assert len(posted) == 1 and "0422-60-1899" in posted[0]["text"]
        for connection in stalled:  # the body deadline ends each of them with 408
            assert connection.recv(64).startswith(b"HTTP/1.1 408")
    finally:
        for connection in stalled:
            connection.close()
    assert "Traceback" not in log.read_text("utf-8")


def test_a_flood_of_junk_gets_4xx_and_no_traceback_in_the_log(server: tuple[str, Path]) -> None:
    url, log = server
    statuses = [
        raw_post(f"{url}/slack/events", body, headers)
        for _ in range(20)
        for body, headers in UNSIGNED_JUNK
    ]
    assert statuses and all(400 <= status < 500 for status in statuses)
    with urllib.request.urlopen(f"{url}/healthz", timeout=2) as health:
        assert health.status == 200
    lines = [
        json.loads(line) for line in log.read_text("utf-8").splitlines() if line.startswith("{")
    ]
    assert not [line for line in lines if line["level"] == "ERROR" or "error" in line]
    assert "event_callback" not in log.read_text("utf-8")
