"""An answer is posted once even when the worker posting it dies: the next worker to take the
job looks for the answer it may have left (its metadata names the job) before posting.

Deaths here are exact, not raced: a worker "dies" right after Slack took its post when the
fake Slack holds back its answer, and the lease runs out on the test's clock."""

from __future__ import annotations

import json
import threading
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import datetime, timedelta

import pytest
from slack_bolt import App
from slack_bolt.request import BoltRequest
from slack_sdk import WebClient
from sqlalchemy import Engine, select

from bot.slack.app import build_app
from bot.slack.runtime.jobs import LEASE, RETRY_AFTER, Attempt, JobRunner, TakenOver
from bot.storage.db import JobRow, one_statement
from bot.storage.leases import take_due
from tests.queue.conftest import TEACHER, tokyo
from tests.slack.conftest import one_workspace
from tests.slack.harness import BOT_TOKEN, SIGNING_SECRET, FakeSlack, event_body

THREAD = "1700000100.000100"
ANSWERED = "0422-60-1899"  # 教育支援センター's number: in the answer


@dataclass
class Office:
    """One workspace's app, its job table and a clock the test moves."""

    app: App
    engine: Engine
    slack: FakeSlack
    now: list[datetime]

    def clock(self) -> datetime:
        return self.now[0]

    def ask(self, event_id: str, channel: str = "C1") -> None:
        """A teacher's mention, acked and stored as a job (Socket Mode's way in)."""
        event = {
            "type": "app_mention",
            "user": TEACHER,
            "text": "<@UBOT> 教育支援センターの番号を教えて",
            "channel": channel,
            "ts": THREAD,
        }
        body = json.loads(event_body(event, event_id))
        assert self.app.dispatch(BoltRequest(body=body, mode="socket_mode")).status == 200

    def worker(self) -> JobRunner:
        return JobRunner(self.app, self.engine, self.clock)

    def later(self, delay: timedelta) -> None:
        self.now[0] += delay

    def answers(self) -> list[dict[str, object]]:
        """Answers Slack accepted (an attempt answered 500 posted nothing)."""
        return [
            c.args for c in self.slack.calls if c.method == "chat.postMessage" and c.reply.get("ok")
        ]

    def looks(self) -> list[dict[str, object]]:
        return self.slack.called("conversations.replies") + self.slack.called(
            "conversations.history"
        )

    def jobs_left(self) -> list[int]:
        with self.engine.connect() as connection:
            return list(connection.scalars(select(JobRow.id)))


@pytest.fixture
def office(engine: Engine, fake_slack: FakeSlack) -> Iterator[Office]:
    now = [tokyo("2026-11-24 10:00")]
    client = WebClient(token=BOT_TOKEN, base_url=fake_slack.base_url)
    services = one_workspace(engine, client, lambda: now[0])
    yield Office(build_app(services, client, SIGNING_SECRET), engine, fake_slack, now)


def test_a_worker_killed_after_slack_took_its_answer_is_not_answered_twice(
    office: Office,
) -> None:
    office.ask("EvOnce1")
    held = office.slack.hold("chat.postMessage")
    dying = threading.Thread(target=office.worker().run_once)
    dying.start()
    assert held.accepted.wait(10)  # Slack has the answer; its worker never hears back

    office.later(LEASE + timedelta(seconds=1))  # its lease runs out; another worker takes the job
    assert office.worker().run_once() == 1
    assert len(office.answers()) == 1 and ANSWERED in str(office.answers()[0]["text"])
    assert [look["ts"] for look in office.looks()] == [THREAD]  # it looked in the thread
    assert office.jobs_left() == []

    held.release()  # the first worker wakes up too late: it changes nothing
    dying.join(10)
    assert len(office.answers()) == 1 and office.jobs_left() == []


def test_a_worker_killed_before_posting_leaves_the_answer_to_the_next_one(
    office: Office,
) -> None:
    office.ask("EvOnce2")
    with one_statement(office.engine) as connection:  # taken, then its worker died
        taken = take_due(
            connection,
            JobRow,
            "running",
            office.clock(),
            LEASE,
            5,
            also={"takes": JobRow.takes + 1},
        )
    assert len(taken) == 1
    assert office.worker().run_once() == 0  # still leased to the dead worker

    office.later(LEASE + timedelta(seconds=1))
    assert office.worker().run_once() == 1
    assert len(office.answers()) == 1 and ANSWERED in str(office.answers()[0]["text"])
    assert office.looks() == []  # no take had begun posting: nothing to look for
    assert office.jobs_left() == []


def test_a_post_slack_failed_is_looked_for_then_made(office: Office) -> None:
    office.ask("EvOnce3")
    office.slack.failures["chat.postMessage"] = [(500, {}, {"ok": False, "error": "fatal_error"})]
    assert office.worker().run_once() == 0  # Slack's 500: maybe posted, maybe not

    office.later(RETRY_AFTER)
    assert office.worker().run_once() == 1
    assert len(office.looks()) == 1
    assert len(office.answers()) == 1 and ANSWERED in str(office.answers()[0]["text"])
    assert office.jobs_left() == []


def test_the_answer_carries_its_job_and_a_dm_is_looked_for_in_the_conversation(
    office: Office,
) -> None:
    event = {"type": "message", "channel_type": "im", "user": TEACHER, "channel": "D1"}
    event |= {"text": "教育支援センターの番号を教えて", "ts": "1700000200.000100"}
    body = json.loads(event_body(event, "EvOnce4"))
    assert office.app.dispatch(BoltRequest(body=body, mode="socket_mode")).status == 200
    held = office.slack.hold("chat.postMessage")
    dying = threading.Thread(target=office.worker().run_once)
    dying.start()
    assert held.accepted.wait(10)

    office.later(LEASE + timedelta(seconds=1))
    assert office.worker().run_once() == 1
    held.release()
    dying.join(10)
    [answer] = office.answers()
    assert answer["channel"] == "D1" and "thread_ts" not in answer
    metadata = answer["metadata"]
    assert isinstance(metadata, dict) and metadata["event_type"] == "madoguchi_job"
    [look] = office.looks()
    assert look["channel"] == "D1" and "ts" not in look and look["include_all_metadata"]


def test_a_worker_whose_job_was_taken_over_may_not_post(office: Office) -> None:
    office.ask("EvOnce5")
    takes = []
    for _ in range(2):  # the first worker's lease runs out and a second worker takes the job
        with one_statement(office.engine) as connection:
            takes += take_due(
                connection,
                JobRow,
                "running",
                office.clock(),
                LEASE,
                5,
                (JobRow.takes, JobRow.created_at),
                also={"takes": JobRow.takes + 1},
            )
        office.later(LEASE + timedelta(seconds=1))
    [first, second] = takes

    def attempt(take: int) -> Attempt:
        return Attempt(first.id, take, False, first.created_at, office.engine, office.clock, LEASE)

    with pytest.raises(TakenOver):
        attempt(first.takes).begin_post()
    attempt(second.takes).begin_post()  # the worker that has it may
