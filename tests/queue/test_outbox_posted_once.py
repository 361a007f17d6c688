"""A notification is posted once even when the dispatcher posting it dies or stalls: every take
of a row is counted, a dispatcher changes the row only under its own take, and a take after
one that began posting looks for that post before posting again.

Deaths and stalls here are exact, not raced: a dispatcher "dies" when its sender raises
:class:`Killed` (nothing after it runs, as after SIGKILL), and "stalls" while another
dispatcher runs at a later time from inside its round."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import pytest
from sqlalchemy import Engine, Row, select

from bot.storage.consult_store import ConsultQueue
from bot.storage.db import ConsultRow, OutboxRow
from bot.storage.outbox import LEASE, Dispatcher, DispatchResult, Mark
from tests.queue.conftest import SSW_DISTRICT_3, TEACHER, draft, tokyo
from tests.queue.test_queue_stories import RecordingSender

NOW = tokyo("2026-11-24 10:00")
AFTER_THE_LEASE = NOW + LEASE + timedelta(seconds=1)


class Killed(BaseException):
    """The dispatcher's process is gone: no handler of the dispatcher runs after this."""


class DyingSender(RecordingSender):
    """Slack as a dispatcher that dies sees it: the post of ``kind`` reaches Slack and the
    dispatcher dies before hearing back (``after_post``), or it dies just before the post
    goes out (not ``after_post``). Only once: Slack outlives the dispatcher."""

    def __init__(self, kind: str, after_post: bool) -> None:
        super().__init__()
        self.kind: str | None = kind
        self.after_post = after_post

    def post(self, kind: str, target: str, payload: dict[str, Any], mark: Mark) -> str:
        if kind != self.kind:
            return super().post(kind, target, payload, mark)
        self.kind = None
        if self.after_post:
            super().post(kind, target, payload, mark)
        raise Killed


def kinds_posted(sender: RecordingSender) -> list[str]:
    return sorted(kind for kind, _, _ in sender.posts)


def row_of(engine: Engine, kind: str) -> Row[Any]:
    with engine.connect() as connection:
        return connection.execute(select(OutboxRow).where(OutboxRow.kind == kind)).one()


def channel_message(engine: Engine) -> str | None:
    with engine.connect() as connection:
        return connection.scalar(select(ConsultRow.channel_message))


def test_a_consult_whose_dispatcher_died_right_after_slack_took_its_post_is_announced_once(
    engine: Engine, queue: ConsultQueue
) -> None:
    number = queue.submit(draft(), NOW).consult.number
    slack = DyingSender("queue_post", after_post=True)
    with pytest.raises(Killed):
        Dispatcher(engine, slack).run_once(NOW)
    assert kinds_posted(slack) == ["queue_post"]  # in the channel; the row still says sending

    restarted = Dispatcher(engine, slack)
    assert restarted.run_once(NOW + timedelta(seconds=30)) == DispatchResult()  # still leased
    assert restarted.run_once(AFTER_THE_LEASE).delivered == 2
    assert kinds_posted(slack) == ["queue_post", "requester_notice"]  # not posted again
    assert [mark.row for mark in slack.looks] == [row_of(engine, "queue_post").id]
    assert row_of(engine, "queue_post").delivered_ref == channel_message(engine) == "ts-1"

    queue.claim(number, SSW_DISTRICT_3, AFTER_THE_LEASE)  # the found post is the one updated
    assert restarted.run_once(AFTER_THE_LEASE).delivered == 2
    assert [ref for ref, _, _ in slack.updates] == ["ts-1"]


def test_a_notice_whose_dispatcher_died_before_posting_is_still_delivered(
    engine: Engine, queue: ConsultQueue
) -> None:
    queue.submit(draft(), NOW)
    slack = DyingSender("requester_notice", after_post=False)
    with pytest.raises(Killed):
        Dispatcher(engine, slack).run_once(NOW)
    assert kinds_posted(slack) == ["queue_post"]

    assert Dispatcher(engine, slack).run_once(AFTER_THE_LEASE).delivered == 1
    assert kinds_posted(slack) == ["queue_post", "requester_notice"]
    [look] = slack.looks  # it had begun posting: looked, found nothing, posted
    assert look.row == row_of(engine, "requester_notice").id
    assert {(kind, target) for kind, target, _ in slack.posts} == {
        ("queue_post", "channel"),
        ("requester_notice", f"user:{TEACHER}"),
    }


def test_a_dispatcher_whose_rows_were_taken_over_before_posting_may_not_post(
    engine: Engine, queue: ConsultQueue
) -> None:
    queue.submit(draft(), NOW)
    slack = RecordingSender()
    taken_over = []

    def stall_until_taken_over() -> None:  # its lease runs out; another dispatcher takes over
        if not taken_over:
            taken_over.append(Dispatcher(engine, slack).run_once(AFTER_THE_LEASE))

    stalled = Dispatcher(engine, slack).run_once(NOW, before_each=stall_until_taken_over)
    assert taken_over == [DispatchResult(delivered=2)]
    assert stalled == DispatchResult()  # neither posted nor counted
    assert kinds_posted(slack) == ["queue_post", "requester_notice"]
    assert slack.looks == []


def test_a_dispatcher_taken_over_while_its_post_was_on_the_way_may_not_mark_it(
    engine: Engine, queue: ConsultQueue
) -> None:
    queue.submit(draft(), NOW)

    class SlowSlack(RecordingSender):
        """Slack takes the first post; its answer comes after the lease ran out and another
        dispatcher took the row over (and found the post)."""

        taken_over: DispatchResult | None = None

        def post(self, kind: str, target: str, payload: dict[str, Any], mark: Mark) -> str:
            ref = super().post(kind, target, payload, mark)
            if len(self.posts) == 1:
                self.taken_over = Dispatcher(engine, self).run_once(AFTER_THE_LEASE)
            return ref

    slack = SlowSlack()
    stalled = Dispatcher(engine, slack).run_once(NOW)
    assert slack.taken_over == DispatchResult(delivered=2)
    assert stalled == DispatchResult()
    assert kinds_posted(slack) == ["queue_post", "requester_notice"]
    post = row_of(engine, "queue_post")
    assert (post.status, post.takes, post.delivered_ref) == ("sent", 2, "ts-1")
    assert channel_message(engine) == "ts-1"
