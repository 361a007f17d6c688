"""The queue channel shows a consult once and a DM comes once even when the worker posting it
dies: its post carries the outbox row in Slack's metadata, and the next worker to take the row
looks for it (``conversations.history``) before posting.

Deaths here are exact, not raced: a worker "dies" right after Slack took its post when the
fake Slack holds back its answer, and the lease runs out on the test's clock."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

import pytest
from slack_sdk import WebClient
from sqlalchemy import Engine, select

from bot.slack.runtime.sender import SlackSender
from bot.storage.consult_store import ConsultQueue
from bot.storage.db import OutboxRow, one_statement
from bot.storage.leases import take_due
from bot.storage.outbox import BASE_BACKOFF, LEASE, Dispatcher, DispatchResult
from bot.storage.setup import build_queue
from tests.queue.conftest import ROUTING, SAFETY, SSW_DISTRICT_3, TEACHER, VOCABULARY, draft, tokyo
from tests.slack.conftest import QUEUE_CHANNEL
from tests.slack.harness import BOT_TOKEN, FakeSlack, Held, dm_of

TEACHERS_DM = dm_of(TEACHER)


@dataclass
class Dying:
    held: Held
    thread: threading.Thread

    def wakes_too_late(self) -> None:
        """Slack's answer reaches the worker after another took its rows over."""
        self.held.release()
        self.thread.join(10)
        assert not self.thread.is_alive()


@dataclass
class Office:
    """One workspace's queue, Slack, and a clock the test moves."""

    queue: ConsultQueue
    engine: Engine
    slack: FakeSlack
    now: list[datetime]

    def worker(self) -> Dispatcher:
        client = WebClient(token=BOT_TOKEN, base_url=self.slack.base_url)
        return Dispatcher(self.engine, SlackSender(client, QUEUE_CHANNEL))

    def deliver(self) -> int:
        return self.worker().run_until_idle(lambda: self.now[0]).delivered

    def later(self, delay: timedelta) -> None:
        self.now[0] += delay

    def posted_in(self, channel: str) -> list[dict[str, Any]]:
        """Posts Slack accepted there (an attempt answered 500 posted nothing)."""
        return [
            c.args
            for c in self.slack.calls
            if c.method == "chat.postMessage"
            and c.reply.get("ok")
            and c.reply["channel"] == channel
        ]

    def looked_in(self) -> list[str]:
        return [look["channel"] for look in self.slack.called("conversations.history")]

    def dies_after_slack_took_a_post(self) -> Dying:
        """A worker delivering the due rows, whose next post Slack takes and never answers."""
        held = self.slack.hold("chat.postMessage")
        thread = threading.Thread(target=self.worker().run_once, args=(self.now[0],))
        thread.start()
        assert held.accepted.wait(10)
        return Dying(held, thread)

    def unsent(self) -> list[str]:
        with self.engine.connect() as connection:
            return list(
                connection.scalars(select(OutboxRow.kind).where(OutboxRow.status != "sent"))
            )


@pytest.fixture
def office(engine: Engine, fake_slack: FakeSlack) -> Iterator[Office]:
    yield Office(
        build_queue(engine, ROUTING, VOCABULARY, safety=SAFETY),
        engine,
        fake_slack,
        [tokyo("2026-11-24 10:00")],
    )


def test_a_consult_whose_worker_died_after_slack_took_its_post_shows_once_in_the_channel(
    office: Office,
) -> None:
    number = office.queue.submit(draft(), office.now[0]).consult.number
    dying = office.dies_after_slack_took_a_post()  # the queue post: the first row

    office.later(LEASE + timedelta(seconds=1))  # its lease runs out; another worker takes over
    assert office.worker().run_once(office.now[0]).delivered == 2
    [announced] = office.posted_in(QUEUE_CHANNEL)
    assert number in str(announced) and announced["metadata"]["event_type"] == "madoguchi_outbox"
    assert len(office.posted_in(TEACHERS_DM)) == 1  # never begun: posted without a look
    assert office.looked_in() == [QUEUE_CHANNEL]
    dying.wakes_too_late()  # the first worker's mark is refused: nothing changes
    assert len(office.posted_in(QUEUE_CHANNEL)) == 1 and office.unsent() == []

    office.queue.claim(number, SSW_DISTRICT_3, office.now[0])  # the post found is kept up to date
    office.deliver()
    [update] = office.slack.called("chat.update")
    posted = office.slack.replies("chat.postMessage")[0]  # Slack's answer the worker never heard
    assert (update["channel"], update["ts"]) == (QUEUE_CHANNEL, posted["ts"])


def test_a_dm_whose_worker_died_after_slack_took_it_comes_once(office: Office) -> None:
    number = office.queue.submit(draft(), office.now[0]).consult.number
    assert office.deliver() == 2  # the teacher's first DM names their conversation with the bot
    office.queue.claim(number, SSW_DISTRICT_3, office.now[0])
    dying = office.dies_after_slack_took_a_post()  # 担当が決まりました, after the channel's update

    office.later(LEASE + timedelta(seconds=1))
    assert office.deliver() == 1
    told = [p for p in office.posted_in(TEACHERS_DM) if "担当が決まりました" in p["text"]]
    assert len(told) == 1
    assert office.looked_in() == [TEACHERS_DM]
    dying.wakes_too_late()
    assert office.unsent() == []


def test_a_consult_whose_worker_died_before_posting_is_announced_by_the_next(
    office: Office,
) -> None:
    office.queue.submit(draft(), office.now[0])
    with one_statement(office.engine) as connection:  # taken, then its worker died
        taken = take_due(
            connection,
            OutboxRow,
            "sending",
            office.now[0],
            LEASE,
            10,
            also={"takes": OutboxRow.takes + 1},
        )
    assert len(taken) == 2
    assert office.deliver() == 0  # still leased to the dead worker

    office.later(LEASE + timedelta(seconds=1))
    assert office.deliver() == 2
    assert len(office.posted_in(QUEUE_CHANNEL)) == len(office.posted_in(TEACHERS_DM)) == 1
    assert office.looked_in() == []  # no take had begun posting: nothing to look for


def test_a_post_slack_failed_is_looked_for_then_made(office: Office) -> None:
    office.queue.submit(draft(), office.now[0])
    office.slack.failures["chat.postMessage"] = [(500, {}, {"ok": False, "error": "fatal_error"})]
    first = office.worker().run_once(office.now[0])
    assert first == DispatchResult(delivered=1, retried=1)  # the queue post: maybe made, maybe not

    office.later(BASE_BACKOFF)
    assert office.deliver() == 1
    assert office.looked_in() == [QUEUE_CHANNEL]
    assert len(office.posted_in(QUEUE_CHANNEL)) == len(office.posted_in(TEACHERS_DM)) == 1
