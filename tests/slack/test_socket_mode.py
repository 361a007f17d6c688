"""Socket Mode, the mode every city runs, against a loopback Slack that refreshes, resets and
drops its connections: every envelope is acked well within Slack's 3 seconds, a dead socket is
replaced within seconds without burning a core, and acked work is done once, through a 429
and a restart."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from slack_sdk import WebClient
from sqlalchemy import Engine, func, select

from bot.slack.app import Services, build_app
from bot.slack.runtime.background import Background
from bot.slack.runtime.jobs import JobRunner, JobStore
from bot.slack.runtime.sender import SlackSender
from bot.slack.runtime.socket_mode import SocketMode
from bot.storage.db import JobRow
from bot.storage.outbox import Dispatcher
from bot.storage.setup import build_queue
from bot.workspaces import Workspace, Workspaces
from tests.queue.conftest import ROUTING, TEACHER, VOCABULARY, tokyo
from tests.slack.conftest import ANSWER_ENGINE
from tests.slack.fake_socket_mode import FakeSocketMode
from tests.slack.harness import BOT_TOKEN, SIGNING_SECRET, FakeSlack

ROOT = Path(__file__).resolve().parents[2]
NOW = tokyo("2026-11-24 10:00")
ACK_WITHIN = 1.0  # seconds; Slack allows 3
RECONNECT_WITHIN = 10.0
IDLE_CPU = 0.10  # of one core, while the connection is down


@dataclass
class Bot:
    socket_mode: SocketMode
    services: Services
    engine: Engine
    thread: threading.Thread
    background: Background | None

    def stop(self) -> None:
        self.socket_mode.request_stop()
        self.thread.join(10)
        if self.background is not None:
            self.background.stop(10)


def start_bot(engine: Engine, slack: FakeSlack, background: bool = True) -> Bot:
    """The app as `madoguchi serve` builds it for Socket Mode: work after the ack is stored in
    the jobs table and done by the background thread."""
    client = WebClient(token=BOT_TOKEN, base_url=slack.base_url)
    queue = build_queue(engine, ROUTING, VOCABULARY)
    services = Services(
        ANSWER_ENGINE,
        Workspaces.single(Workspace("", "武蔵野市", queue, "CQUEUE")),
        Dispatcher(engine, SlackSender(client, "CQUEUE")),
        lambda: NOW,
    )
    app = build_app(
        services, client, SIGNING_SECRET, jobs=JobStore(engine, tokyo_now, services.wake.set)
    )
    jobs = Background(services, JobRunner(app, engine, tokyo_now)) if background else None
    if jobs is not None:
        jobs.start()
    web = WebClient(base_url=slack.base_url)
    socket_mode = SocketMode(
        app, lambda: str(web.apps_connections_open(app_token="xapp-test")["url"])
    )
    thread = threading.Thread(target=socket_mode.run, daemon=True)
    thread.start()
    return Bot(socket_mode, services, engine, thread, jobs)


def tokyo_now():  # type: ignore[no-untyped-def]
    """Jobs are due by the real clock (a 429's Retry-After is real seconds)."""
    from bot.questions import tokyo_now as now

    return now()


@pytest.fixture
def socket_slack(fake_slack: FakeSlack) -> Iterator[FakeSocketMode]:
    fake = FakeSocketMode()
    fake_slack.socket_url = fake.url
    yield fake
    fake.stop()


@pytest.fixture
def bot(engine: Engine, fake_slack: FakeSlack, socket_slack: FakeSocketMode) -> Iterator[Bot]:
    running = start_bot(engine, fake_slack)
    socket_slack.wait_for_links(1)
    yield running
    running.stop()


def mention(event_id: str, text: str = "教育支援センターの番号を教えて") -> dict[str, object]:
    return {
        "token": "legacy",
        "team_id": "T1",
        "api_app_id": "A1",
        "type": "event_callback",
        "event_id": event_id,
        "event_time": int(time.time()),
        "event": {
            "type": "app_mention",
            "user": TEACHER,
            "text": f"<@UBOT> {text}",
            "channel": "C1",
            "ts": f"1700000000.{event_id[-4:]}",
        },
    }


def answers(slack: FakeSlack) -> list[dict[str, object]]:
    return [c for c in slack.called("chat.postMessage") if c["channel"] == "C1"]


def test_every_envelope_is_acked_within_a_second_through_a_refresh(
    bot: Bot, socket_slack: FakeSocketMode, fake_slack: FakeSlack
) -> None:
    sent = [socket_slack.send("events_api", mention(f"EvR{i:04d}")) for i in range(5)]
    socket_slack.refresh(close_after=1.5)  # Slack warns, then closes the old socket
    for i in range(5, 25):  # on the old socket until it closes, then on the new one
        sent.append(socket_slack.send("events_api", mention(f"EvR{i:04d}")))
        time.sleep(0.1)
    assert len(socket_slack.links) >= 2
    slowest = max(socket_slack.ack_seconds(envelope) for envelope in sent)
    assert slowest < ACK_WITHIN, f"slowest ack {slowest:.3f} s"
    fake_slack.wait_for("chat.postMessage", count=25, timeout=30)
    time.sleep(0.3)
    assert len(answers(fake_slack)) == 25  # each answered once


def test_a_tcp_reset_is_noticed_and_the_next_envelope_acked(
    bot: Bot, socket_slack: FakeSocketMode
) -> None:
    socket_slack.reset()
    started = time.monotonic()
    socket_slack.wait_for_links(2, timeout=RECONNECT_WITHIN)
    assert time.monotonic() - started < RECONNECT_WITHIN
    assert (
        socket_slack.ack_seconds(socket_slack.send("events_api", mention("EvT0001"))) < ACK_WITHIN
    )


def test_a_socket_dropped_without_a_close_frame_is_replaced_within_seconds_without_spinning(
    bot: Bot, socket_slack: FakeSocketMode
) -> None:
    socket_slack.drop()
    started, cpu = time.monotonic(), time.process_time()
    socket_slack.wait_for_links(2, timeout=RECONNECT_WITHIN)
    down, busy = time.monotonic() - started, time.process_time() - cpu
    assert down < RECONNECT_WITHIN
    assert busy / down < IDLE_CPU, f"{busy / down:.0%} of a core while down"
    assert (
        socket_slack.ack_seconds(socket_slack.send("events_api", mention("EvD0001"))) < ACK_WITHIN
    )


def test_a_mention_whose_answer_meets_a_429_is_answered_once_after_retry_after(
    bot: Bot, socket_slack: FakeSocketMode, fake_slack: FakeSlack
) -> None:
    fake_slack.failures["chat.postMessage"] = [
        (429, {"Retry-After": "1"}, {"ok": False, "error": "ratelimited"})
    ]
    envelope = socket_slack.send("events_api", mention("Ev4290001"))
    assert socket_slack.ack_seconds(envelope) < ACK_WITHIN
    posted = fake_slack.wait_for("chat.postMessage", count=2, timeout=20)
    assert len(posted) == 2  # the one refused, and the answer
    refused_at, answered_at = fake_slack.received_at("chat.postMessage")
    waited = answered_at - refused_at
    assert 0.95 <= waited < 5.0, f"answered {waited:.2f} s after the 429 (Retry-After: 1)"
    time.sleep(0.5)
    assert len(fake_slack.called("chat.postMessage")) == 2
    assert "0422-60-1899" in str(posted[1]["text"])


def test_acked_work_survives_a_restart_before_it_is_done(
    engine: Engine, fake_slack: FakeSlack, socket_slack: FakeSocketMode
) -> None:
    first = start_bot(engine, fake_slack, background=False)  # acks, then "dies" before work
    socket_slack.wait_for_links(1)
    assert socket_slack.ack_seconds(socket_slack.send("events_api", mention("EvS0001"))) < 1
    first.stop()
    with engine.connect() as connection:
        assert connection.scalar(select(func.count()).select_from(JobRow)) == 1
    assert not fake_slack.called("chat.postMessage")

    second = start_bot(engine, fake_slack)  # the next process finds the work and does it
    try:
        posted = fake_slack.wait_for("chat.postMessage", timeout=20)
        assert len(posted) == 1 and "0422-60-1899" in str(posted[0]["text"])
    finally:
        second.stop()


def test_sigterm_closes_the_socket_with_a_close_frame_and_exits_0(
    tmp_path: Path, fake_slack: FakeSlack, socket_slack: FakeSocketMode
) -> None:
    env = dict(
        os.environ,
        SLACK_BOT_TOKEN=BOT_TOKEN,
        SLACK_APP_TOKEN="xapp-test",
        SLACK_SIGNING_SECRET=SIGNING_SECRET,
        SLACK_API_URL=fake_slack.base_url,
        DATABASE_URL=f"sqlite:///{tmp_path / 'socket.sqlite3'}",
        MADOGUCHI_LOG=str(tmp_path / "socket.log"),
    )
    process = subprocess.Popen(
        [sys.executable, "-m", "bot.cli.main", "serve"],
        cwd=ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        link = socket_slack.wait_for_links(1, timeout=60)
        envelope = socket_slack.send("events_api", mention("EvK0001"))
        assert socket_slack.ack_seconds(envelope) < ACK_WITHIN
        fake_slack.wait_for("chat.postMessage", timeout=20)
        process.send_signal(signal.SIGTERM)
        assert process.wait(timeout=30) == 0
    finally:
        if process.poll() is None:
            process.kill()
    assert link.closed.wait(5) and link.close_code == 1000
    assert len(fake_slack.called("chat.postMessage")) == 1
    stderr = process.stderr.read() if process.stderr else ""
    assert "Traceback" not in stderr and "will be unused" not in stderr
