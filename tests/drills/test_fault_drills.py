"""Fault drills on PostgreSQL with two real `serve --http` workers (issue: beyond one office).

Slack is played by a client that behaves like Slack: it signs every request and
retries an event that got no 200 (with X-Slack-Retry-Num), and a teacher whose
form came back with an error presses 送信 again. After every drill: no consult
lost or filed twice, every question answered once, every notification
delivered once, and a clear message wherever something failed.
"""

from __future__ import annotations

import json
import os
import shutil
import signal
import subprocess
import tempfile
import threading
import time
from collections import Counter
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import create_engine, text

from tests.drills.postgres import PrivatePostgres
from tests.queue.conftest import TEACHER
from tests.slack.harness import (
    BOT_TOKEN,
    SIGNING_SECRET,
    FakeSlack,
    consult_form,
    event_body,
    eventually,
    payload_body,
    signed_post,
    start_serve_http,
    stop_process_group,
)
from tests.slack.test_serve_process import free_port

ROOT = Path(__file__).resolve().parents[2]
QUEUE = "CQUEUE"
LEASE_SECONDS = 6  # longer than the database outage below, as in production (60 s)
QUESTIONS = [
    "不登校の相談はどこ？",
    "はらっぱって今日は開いてますか？",
    "教育支援センターの番号を教えて",
]


@pytest.fixture(scope="module")
def postgres() -> Iterator[PrivatePostgres]:
    folder = Path(tempfile.mkdtemp(prefix="madoguchi-drill-"))
    server = PrivatePostgres(folder)
    server.start()
    yield server
    try:
        server.stop()
    finally:
        shutil.rmtree(folder, ignore_errors=True)


@dataclass
class Deployment:
    url: str
    slack: FakeSlack
    database: str
    process: subprocess.Popen[bytes]
    log: Path

    @property
    def events(self) -> str:
        return f"{self.url}/slack/events"

    def workers(self) -> list[int]:
        found = subprocess.run(
            ["pgrep", "-P", str(self.process.pid)], capture_output=True, text=True
        )
        return [int(p) for p in found.stdout.split()]

    def ready_workers(self) -> set[int]:
        """Workers that finished starting (each logs it once it is built)."""
        lines = self.log.read_text("utf-8").splitlines() if self.log.exists() else []
        messages = (json.loads(line).get("message", "") for line in lines if line.strip())
        return {
            int(m.split()[3])
            for m in messages
            if m.startswith("madoguchi web worker ") and m.endswith(" ready")
        }


@pytest.fixture
def deployment(postgres: PrivatePostgres, tmp_path: Path) -> Iterator[Deployment]:
    name = f"drill_{int(time.time() * 1000)}"
    admin = create_engine(postgres.url, isolation_level="AUTOCOMMIT")
    with admin.connect() as connection:
        connection.execute(text(f"CREATE DATABASE {name}"))
    admin.dispose()
    database = postgres.url.rsplit("/", 1)[0] + f"/{name}"
    slack = FakeSlack().start()
    port = free_port()
    env = dict(
        os.environ,
        SLACK_BOT_TOKEN=BOT_TOKEN,
        SLACK_SIGNING_SECRET=SIGNING_SECRET,
        SLACK_API_URL=slack.base_url,
        DATABASE_URL=database,
        MADOGUCHI_SSW_CHANNEL=QUEUE,
        MADOGUCHI_LEASE_SECONDS=str(LEASE_SECONDS),
        MADOGUCHI_LOG=str(tmp_path / "serve.log"),
    )
    env.pop("SLACK_APP_TOKEN", None)
    process = start_serve_http(env, port, 2, ROOT)
    yield Deployment(f"http://127.0.0.1:{port}", slack, database, process, tmp_path / "serve.log")
    stop_process_group(process)
    slack.stop()


def mention(number: int) -> str:
    event = {
        "type": "app_mention",
        "user": TEACHER,
        "text": f"<@UBOT> {QUESTIONS[number % len(QUESTIONS)]}",
        "channel": "C1",
        "ts": f"{number}.000100",
    }
    return event_body(event, f"EvDrill{number}")


def like_slack(url: str, body: str, content_type: str, attempts: int = 8) -> int:
    """Send as Slack does: an event that got no 200 is sent again, marked as a retry."""
    for attempt in range(attempts):
        headers = {"X-Slack-Retry-Num": str(attempt)} if attempt else {}
        try:
            status, _ = signed_post(url, body, content_type, headers=headers)
        except OSError:
            status = 0
        if status == 200:
            return attempt
        time.sleep(1.0)
    raise AssertionError(f"Slack gave up after {attempts} tries")


def teacher_submits(url: str, view_id: str, attempts: int = 15) -> list[str]:
    """A teacher presses 送信 until the form closes; returns the error lines they saw."""
    seen: list[str] = []
    body = payload_body(consult_form(view_id, TEACHER))
    for _ in range(attempts):
        try:
            status, reply = signed_post(url, body, "application/x-www-form-urlencoded")
        except OSError:
            status, reply = 0, ""
        if status == 200 and not reply.strip():
            return seen
        if status == 200:
            seen += list(json.loads(reply).get("errors", {}).values())
        time.sleep(1.0)
    raise AssertionError(f"the form never closed; the teacher saw {seen}")


def delivered(slack: FakeSlack) -> list[dict[str, Any]]:
    """Posts Slack accepted: an attempt answered with 500 or 429 was not delivered."""
    return [c.args for c in slack.calls if c.method == "chat.postMessage" and c.reply.get("ok")]


def answers_by_thread(slack: FakeSlack) -> Counter[str]:
    return Counter(str(c["thread_ts"]) for c in delivered(slack) if c.get("channel") == "C1")


def assert_every_question_answered_once(
    slack: FakeSlack, numbers: range, settle: bool = True
) -> None:
    """``settle=False`` where a wait of a lease follows anyway (the consults' check): the
    drill checks again after it, once, and a late duplicate has had its time."""
    expected = {f"{n}.000100" for n in numbers}
    eventually(lambda: expected <= set(answers_by_thread(slack)), timeout=90)
    if settle:
        time.sleep(LEASE_SECONDS + 1)  # a late duplicate would come after an expired lease
    answered = answers_by_thread(slack)
    assert {t for t in expected if answered[t] != 1} == set(), answered


def assert_every_consult_filed_and_announced_once(deployment: Deployment, views: list[str]) -> None:
    engine = create_engine(deployment.database)
    keys = [f"slack-view-{v}" for v in views]

    def numbers() -> list[str]:
        with engine.connect() as connection:
            rows = connection.execute(
                text("SELECT number, idempotency_key FROM consults ORDER BY number")
            ).all()
        assert sorted(k for _, k in rows) == sorted(keys)  # none lost, none twice
        return [n for n, _ in rows]

    filed = numbers()

    def announced() -> Counter[str]:
        posts = delivered(deployment.slack)
        return Counter(
            n
            for c in posts
            for n in filed
            if n in json.dumps(c, ensure_ascii=False) and c.get("channel") in (QUEUE, TEACHER)
        )

    eventually(lambda: all(announced()[n] >= 2 for n in filed), timeout=90)
    time.sleep(LEASE_SECONDS + 1)
    assert {n: k for n, k in announced().items() if k != 2} == {}  # the queue post and the DM
    numbers()
    engine.dispose()


def test_the_same_event_delivered_to_two_workers_at_once_is_answered_once(
    deployment: Deployment,
) -> None:
    assert len(deployment.workers()) == 2
    with ThreadPoolExecutor(16) as pool:
        statuses = list(
            pool.map(
                lambda n: signed_post(deployment.events, mention(n // 8), "application/json")[0],
                range(8 * 8),
            )
        )
        forms = list(
            pool.map(lambda n: teacher_submits(deployment.events, f"VTWICE{n // 6}"), range(24))
        )
    assert set(statuses) == {200}
    assert all(seen == [] for seen in forms)
    assert_every_question_answered_once(deployment.slack, range(8), settle=False)
    assert_every_consult_filed_and_announced_once(deployment, [f"VTWICE{i}" for i in range(4)])
    assert_every_question_answered_once(deployment.slack, range(8), settle=False)


def test_web_api_answering_500_then_429_delays_but_never_doubles_or_drops(
    deployment: Deployment,
) -> None:
    failing = [(500, {}, {"ok": False, "error": "internal_error"})] * 3 + [
        (429, {"Retry-After": "1"}, {"ok": False, "error": "ratelimited"})
    ] * 3
    deployment.slack.failures["chat.postMessage"] = list(failing)
    for n in range(6):
        like_slack(deployment.events, mention(n), "application/json")
    views = [f"VOUTAGE{i}" for i in range(3)]
    for view in views:
        assert teacher_submits(deployment.events, view) == []  # stored: the form closes at once
    assert_every_question_answered_once(deployment.slack, range(6), settle=False)
    assert_every_consult_filed_and_announced_once(deployment, views)
    assert_every_question_answered_once(deployment.slack, range(6), settle=False)
    assert deployment.slack.failures["chat.postMessage"] == []  # every failure was really met


class AfterSends:
    """Starts a fault (in its own thread) once a given number of requests have gone out."""

    def __init__(self, after: int, fault: object) -> None:
        self.after = after
        self.fault = fault
        self.sent = 0
        self.lock = threading.Lock()
        self.thread = threading.Thread(target=fault)  # type: ignore[arg-type]

    def __call__(self) -> None:
        with self.lock:
            self.sent += 1
            if self.sent == self.after:
                self.thread.start()


def test_a_worker_killed_mid_burst_loses_nothing_and_doubles_nothing(
    deployment: Deployment,
) -> None:
    victim = deployment.workers()[0]
    kill = AfterSends(20, lambda: os.kill(victim, signal.SIGKILL))

    def ask(n: int) -> int:
        kill()
        return like_slack(deployment.events, mention(n), "application/json")

    with ThreadPoolExecutor(12) as pool:
        list(pool.map(ask, range(80)))
        forms = list(pool.map(lambda n: teacher_submits(deployment.events, f"VKILL{n}"), range(6)))
    kill.thread.join()
    eventually(lambda: len(deployment.workers()) == 2, timeout=30)  # the server starts a new one
    assert victim not in deployment.workers()
    assert all(seen == [] for seen in forms)
    assert_every_question_answered_once(deployment.slack, range(80), settle=False)
    assert_every_consult_filed_and_announced_once(deployment, [f"VKILL{n}" for n in range(6)])
    assert_every_question_answered_once(deployment.slack, range(80), settle=False)


def test_postgresql_restarted_while_requests_arrive(
    deployment: Deployment, postgres: PrivatePostgres
) -> None:
    def restart() -> None:
        postgres.stop()
        time.sleep(2.0)
        postgres.start()

    outage = AfterSends(10, restart)

    def ask(n: int) -> int:
        outage()
        return like_slack(deployment.events, mention(n), "application/json")

    def submit(n: int) -> list[str]:
        outage()
        return teacher_submits(deployment.events, f"VRESTART{n}")

    with ThreadPoolExecutor(6) as pool:
        asked = pool.map(ask, range(40))
        submitted = pool.map(submit, range(12))
        retries, forms = list(asked), list(submitted)
    outage.thread.join()
    assert sum(retries) + sum(len(seen) for seen in forms) > 0  # the outage was really met
    for seen in forms:  # a teacher who hit it was told in one sentence, then it worked
        assert all("データベース" in line for line in seen), seen
    assert_every_question_answered_once(deployment.slack, range(40), settle=False)
    assert_every_consult_filed_and_announced_once(deployment, [f"VRESTART{n}" for n in range(12)])
    assert_every_question_answered_once(deployment.slack, range(40), settle=False)


def test_a_worker_respawned_while_the_database_is_away_starts_and_serves_when_it_is_back(
    deployment: Deployment, postgres: PrivatePostgres
) -> None:
    """A worker that needed the database to start would fail twice within seconds while it is
    away, and Granian would stop the whole server as a crash loop: no window answers."""
    started = set(deployment.workers())
    victim = min(started)
    postgres.stop()
    try:
        os.kill(victim, signal.SIGKILL)
        eventually(lambda: len(set(deployment.workers()) - started) == 1, timeout=30)
        respawned = set(deployment.workers()) - started
        eventually(lambda: respawned <= deployment.ready_workers(), timeout=30)
    finally:
        postgres.start()
    assert deployment.process.poll() is None  # the server kept serving
    for n in range(6):
        like_slack(deployment.events, mention(n), "application/json")
    assert_every_question_answered_once(deployment.slack, range(6))
