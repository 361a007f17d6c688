"""`madoguchi serve --http` as a real process: signed requests in, Web API calls out."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.queue.conftest import TEACHER
from tests.slack.harness import BOT_TOKEN, SIGNING_SECRET, FakeSlack, event_body, signed_post

ROOT = Path(__file__).resolve().parents[2]


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@pytest.fixture
def server(tmp_path: Path, fake_slack: FakeSlack) -> Iterator[str]:
    port = free_port()
    env = dict(
        os.environ,
        SLACK_BOT_TOKEN=BOT_TOKEN,
        SLACK_SIGNING_SECRET=SIGNING_SECRET,
        SLACK_API_URL=fake_slack.base_url,
        DATABASE_URL=f"sqlite:///{tmp_path / 'serve.sqlite3'}",
        MADOGUCHI_SSW_CHANNEL="CQUEUE",
        MADOGUCHI_LOG=str(tmp_path / "serve.log"),
    )
    env.pop("SLACK_APP_TOKEN", None)
    process = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "bot.cli",
            "serve",
            "--http",
            "--host",
            "127.0.0.1",
            "--port",
            str(port),
            "--workers",
            "2",
        ],
        cwd=ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,
    )
    url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(f"{url}/healthz", timeout=2) as response:
                if response.status == 200:
                    break
        except OSError:
            time.sleep(0.2)
    else:
        os.killpg(process.pid, signal.SIGKILL)
        pytest.fail("serve --http did not come up within 60 s")
    yield url
    os.killpg(process.pid, signal.SIGTERM)
    try:
        process.wait(timeout=20)
    except subprocess.TimeoutExpired:
        os.killpg(process.pid, signal.SIGKILL)


def test_serve_http_answers_a_signed_mention_and_rejects_a_forged_one(
    server: str, fake_slack: FakeSlack
) -> None:
    event = {
        "type": "app_mention",
        "user": TEACHER,
        "text": "<@UBOT> 教育支援センターの電話番号",
        "channel": "C1",
        "ts": "1.1",
    }
    assert (
        signed_post(
            f"{server}/slack/events",
            event_body(event, "EvServe1"),
            "application/json",
            secret="forged",
        )[0]
        == 401
    )
    status, _ = signed_post(
        f"{server}/slack/events", event_body(event, "EvServe1"), "application/json"
    )
    assert status == 200
    posted = fake_slack.wait_for("chat.postMessage", timeout=20)
    assert len(posted) == 1 and "0422-60-1899" in posted[0]["text"]


def test_serve_without_tokens_explains_and_points_to_the_console(tmp_path: Path) -> None:
    env = {k: v for k, v in os.environ.items() if not k.startswith("SLACK_")}
    done = subprocess.run(
        [sys.executable, "-m", "bot.cli", "serve"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert done.returncode == 2
    assert (
        "SLACK_BOT_TOKEN" in done.stderr
        and "madoguchi console" in done.stderr
        and "Traceback" not in done.stderr
    )
