"""`madoguchi serve --http` as a real process: signed requests in, Web API calls out."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.queue.conftest import TEACHER
from tests.slack.harness import (
    BOT_TOKEN,
    SIGNING_SECRET,
    FakeSlack,
    event_body,
    signed_post,
    start_serve_http,
    stop_process_group,
)

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
    process = start_serve_http(env, port, 2, ROOT)
    yield f"http://127.0.0.1:{port}"
    stop_process_group(process)


def test_serve_http_answers_a_signed_mention_and_rejects_a_forged_one(
    server: str, fake_slack: FakeSlack
) -> None:
    event = {
        "type": "app_mention",
        "user": TEACHER,
        "text": "<@UBOT> 教育支援センターの番号を教えて",
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
        [sys.executable, "-m", "bot.cli.main", "serve"],
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


def test_serve_http_for_many_workspaces_offers_the_slack_install_page(
    tmp_path: Path, fake_slack: FakeSlack
) -> None:
    routing = (ROOT / "consults" / "data" / "routing.yaml").read_text("utf-8")
    (tmp_path / "musashino.yaml").write_text(routing, "utf-8")
    (tmp_path / "workspaces.yaml").write_text(
        "workspaces:\n  - {team: TMUSASHINO, routing: musashino.yaml, ssw_channel: CQ}\n", "utf-8"
    )
    port = free_port()
    env = {k: v for k, v in os.environ.items() if not k.startswith("SLACK_")}
    env.update(
        SLACK_CLIENT_ID="1234.5678",
        SLACK_CLIENT_SECRET="client-secret",
        SLACK_SIGNING_SECRET=SIGNING_SECRET,
        SLACK_API_URL=fake_slack.base_url,
        MADOGUCHI_WORKSPACES=str(tmp_path / "workspaces.yaml"),
        DATABASE_URL=f"sqlite:///{tmp_path / 'serve.sqlite3'}",
        MADOGUCHI_LOG=str(tmp_path / "serve.log"),
    )
    process = start_serve_http(env, port, 1, ROOT)
    try:
        with urllib.request.urlopen(f"http://127.0.0.1:{port}/slack/install", timeout=10) as page:
            html = page.read().decode()
        assert "oauth/v2/authorize" in html and "client_id=1234.5678" in html
    finally:
        stop_process_group(process)

    env.pop("MADOGUCHI_WORKSPACES")
    done = subprocess.run(
        [sys.executable, "-m", "bot.cli.main", "serve", "--http"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert done.returncode == 2 and "MADOGUCHI_WORKSPACES" in done.stderr
    assert "Traceback" not in done.stderr
