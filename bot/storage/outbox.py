"""Deliver the outbox: notifications written with the change that caused them.

Rows are taken with a lease (``bot.storage.leases``: SKIP LOCKED on PostgreSQL,
so every worker can dispatch at once), handed to a :class:`Sender`, and marked
sent with the message reference it got back. A crash before marking leaves the
lease to expire and the row is taken again after restart.

A post is made once, as far as Slack lets anyone know (the design of work after
the ack, ``bot.slack.runtime.jobs``). Every take counts (``takes``): a dispatcher
changes the row only under its own take, so one whose lease ran out and was taken
over can neither post nor mark. Before posting, the take marks the row "posting"
(renewing its lease), and the post carries a :class:`Mark` naming the row. A take
after one that began posting first asks the sender to find that post, and posts
only if it is not there: a worker killed between Slack taking the post and the
mark costs a look, not a second message. What the sender cannot look for may
come twice after such a kill (the terminal; a person's first DM, whose
conversation Slack's API names only in the answer to a post).

The channel message of a consult is posted once; later changes update it in
place with the consult's *current* channel view, so a late or retried update
can never show an older status (an update is made again safely: it needs no look).
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any, Protocol

from sqlalchemy import Engine, select, update
from sqlalchemy.orm import Session

from bot.storage.consult_store import consult_from_row
from bot.storage.db import (
    ConsultRow,
    OutboxRow,
    once_more_if_reconnected,
    one_statement,
    record_until_stored,
    rowcount,
)
from bot.storage.leases import take_due
from consults import notifications as note


def _name_given(
    session: Session, consult_id: int, assignee: str | None, stored: dict[str, Any]
) -> str | None:
    """The assignee's name as the queue wrote it into one of this consult's updates (the
    dispatcher has no routing file; a message refreshed to a later assignee keeps a name)."""
    if assignee is None:
        return None
    if stored.get("assignee") == assignee:
        return stored.get("assignee_name")
    for payload in session.scalars(
        select(OutboxRow.payload)
        .where(OutboxRow.consult_id == consult_id, OutboxRow.kind == "queue_update")
        .order_by(OutboxRow.id.desc())
    ):
        view = payload.get("consult", {})
        if view.get("assignee") == assignee and view.get("assignee_name"):
            return str(view["assignee_name"])
    return None


log = logging.getLogger(__name__)

LEASE = timedelta(seconds=60)
BASE_BACKOFF = timedelta(seconds=2)
MAX_BACKOFF = timedelta(minutes=10)
MAX_ATTEMPTS = 12
BATCH = 10


class RateLimited(Exception):
    def __init__(self, retry_after: float) -> None:
        super().__init__(f"rate limited, retry after {retry_after}s")
        self.retry_after = retry_after


class DeliveryFailed(Exception):
    """A failure worth retrying (network, 5xx)."""


@dataclass(frozen=True)
class Mark:
    """Names one row's post wherever it lands (Slack keeps it in the message's metadata), so
    that a later take of the row can find what an earlier take posted. The row's creation
    time goes with its id: a database made again numbers its rows from 1 again."""

    row: int
    stored: datetime


class Sender(Protocol):
    """Where notifications go: Slack in production, the terminal or a recorder elsewhere."""

    def post(self, kind: str, target: str, payload: dict[str, Any], mark: Mark) -> str: ...

    def find(self, kind: str, target: str, mark: Mark, last_ref: str | None) -> str | None:
        """The reference of the post carrying ``mark`` if an earlier take made it, else None
        (also when the sender cannot look: the row is then posted again). ``last_ref`` is
        the reference of the latest notification delivered to ``target``: Slack names a
        person's conversation with the bot only in the answer to a post."""
        ...

    def update(self, kind: str, target: str, ref: str, payload: dict[str, Any]) -> None: ...


SenderFor = Callable[[str], Sender]
"""The sender for a workspace's notifications (each Slack workspace has its own token)."""


@dataclass(frozen=True)
class DispatchResult:
    delivered: int = 0
    retried: int = 0
    failed: int = 0


@dataclass(frozen=True)
class Take:
    """One take of one row by one dispatcher. ``number`` (the row's ``takes`` when taken) is
    the fencing token every change to the row is made under."""

    row_id: int
    number: int
    earlier_take_posted: bool

    @property
    def held(self) -> Any:
        """The row, as long as no later take has it."""
        return (OutboxRow.id == self.row_id) & (OutboxRow.takes == self.number)


class TakenOver(Exception):
    """This dispatcher's lease on the row ran out and another took it: it must not post."""


class Dispatcher:
    def __init__(
        self,
        engine: Engine,
        sender: Sender | SenderFor,
        worker: str = "worker",
        lease: timedelta = LEASE,
    ) -> None:
        self.engine = engine
        self.sender_for: SenderFor = sender if callable(sender) else lambda _workspace: sender
        self.worker = worker
        self.lease = lease

    def run_once(
        self, now: datetime, before_each: Callable[[], None] = lambda: None
    ) -> DispatchResult:
        """Deliver a few due notifications; ``before_each`` lets a web worker put acks first."""
        delivered = retried = failed = 0
        began = time.monotonic()

        def clock() -> datetime:
            """``now`` moved on by the time this round has taken (a post renews its lease)."""
            return now + timedelta(seconds=time.monotonic() - began)

        with one_statement(self.engine) as connection:
            taken = take_due(
                connection,
                OutboxRow,
                "sending",
                now,
                self.lease,
                BATCH,
                (OutboxRow.takes, OutboxRow.posting_take),
                also={"takes": OutboxRow.takes + 1},
            )
        for row in taken:
            before_each()
            take = Take(row.id, row.takes, row.posting_take is not None)
            outcome = self._deliver(take, now, clock)
            delivered += outcome == "sent"
            retried += outcome == "retry"
            failed += outcome == "failed"
        return DispatchResult(delivered, retried, failed)

    def run_until_idle(self, clock: Callable[[], datetime], rounds: int = 20) -> DispatchResult:
        total = DispatchResult()
        for _ in range(rounds):
            result = self.run_once(clock())
            total = DispatchResult(
                total.delivered + result.delivered,
                total.retried + result.retried,
                total.failed + result.failed,
            )
            if result == DispatchResult():
                break
        return total

    def _deliver(self, take: Take, now: datetime, clock: Callable[[], datetime]) -> str:
        # Ended by COMMIT, not ROLLBACK: on PostgreSQL a rollback drops the connection's
        # prepared statements (psycopg), and every delivery would prepare them again.
        with Session(self.engine) as session, session.begin():
            row = session.get_one(OutboxRow, take.row_id)
            consult_id = row.consult_id
            consult_row = session.get(ConsultRow, consult_id) if consult_id else None
            kind, target, payload, attempts = row.kind, row.target, dict(row.payload), row.attempts
            workspace = row.workspace
            mark = Mark(row.id, row.created_at)
            channel_ref = consult_row.channel_message if consult_row else None
            if consult_row is not None and kind in ("queue_update",):
                fresh = note.status_changed(consult_from_row(consult_row))
                stored = payload.get("consult", {})
                fresh["consult"]["assignee_name"] = _name_given(
                    session, consult_row.id, fresh["consult"]["assignee"], stored
                )
                payload = fresh
            last_ref = _last_ref(session, workspace, target) if take.earlier_take_posted else None
        try:
            sender = self.sender_for(workspace)
            if kind == "queue_update":
                if channel_ref is None:
                    raise _NotYet()
                sender.update(kind, target, channel_ref, payload)
                ref = channel_ref
            else:
                found = (
                    sender.find(kind, target, mark, last_ref) if take.earlier_take_posted else None
                )
                if found is not None:
                    log.info("outbox %s was posted by an earlier take; not posted again", mark.row)
                    ref = found
                else:
                    self._begin_post(take, clock())
                    ref = sender.post(kind, target, payload, mark)
        except TakenOver as lost:
            log.warning("%s; left to the dispatcher that has it", lost)
            return "taken over"
        except _NotYet:
            return self._reschedule(
                take, now, attempts, BASE_BACKOFF, "channel message not posted yet", count=False
            )
        except RateLimited as exc:
            log.warning("outbox %s rate limited; retry after %.0fs", take.row_id, exc.retry_after)
            return self._reschedule(
                take, now, attempts, timedelta(seconds=exc.retry_after), "rate limited"
            )
        except Exception as exc:
            log.warning("outbox %s delivery failed: %s", take.row_id, type(exc).__name__)
            backoff = min(BASE_BACKOFF * (2**attempts), MAX_BACKOFF)
            return self._reschedule(take, now, attempts, backoff, type(exc).__name__)

        def mark_sent() -> bool:
            with Session(self.engine) as session, session.begin():
                marked = session.execute(
                    update(OutboxRow)
                    .where(take.held)
                    .values(
                        status="sent",
                        delivered_ref=ref,
                        delivered_at=now,
                        lease_until=None,
                        attempts=attempts + 1,
                    )
                )
                if rowcount(marked) == 0:
                    return False
                if kind == "queue_post" and consult_id and ref:
                    session.execute(
                        update(ConsultRow)
                        .where(ConsultRow.id == consult_id)
                        .values(channel_message=ref)
                    )
                return True

        if not record_until_stored(mark_sent, within=self.lease.total_seconds() / 2):
            log.warning("outbox %s was taken over after take %d", take.row_id, take.number)
            return "taken over"
        return "sent"

    def _begin_post(self, take: Take, now: datetime) -> None:
        """Mark the row as posting under this take, renewing the lease so the post ends before
        anyone may take the row again; refused when another dispatcher has taken it."""

        def mark() -> int:
            with one_statement(self.engine) as connection:
                return rowcount(
                    connection.execute(
                        update(OutboxRow)
                        .where(take.held)
                        .values(posting_take=take.number, lease_until=now + self.lease)
                    )
                )

        if once_more_if_reconnected(mark) == 0:
            raise TakenOver(f"outbox {take.row_id} was taken over after take {take.number}")

    def _reschedule(
        self,
        take: Take,
        now: datetime,
        attempts: int,
        delay: timedelta,
        error: str,
        count: bool = True,
    ) -> str:
        attempts = attempts + 1 if count else attempts
        give_up = attempts >= MAX_ATTEMPTS
        with Session(self.engine) as session, session.begin():
            session.execute(
                update(OutboxRow)
                .where(take.held)
                .values(
                    status="failed" if give_up else "pending",
                    attempts=attempts,
                    next_attempt_at=now + delay,
                    lease_until=None,
                    last_error=error[:200],
                )
            )
        if give_up:
            log.error("outbox %s gave up after %d attempts: %s", take.row_id, attempts, error)
            return "failed"
        return "retry"


def _last_ref(session: Session, workspace: str, target: str) -> str | None:
    """Where the latest notification delivered to ``target`` went (see :meth:`Sender.find`)."""
    return session.scalar(
        select(OutboxRow.delivered_ref)
        .where(
            OutboxRow.workspace == workspace,
            OutboxRow.target == target,
            OutboxRow.delivered_ref.is_not(None),
        )
        .order_by(OutboxRow.id.desc())
        .limit(1)
    )


class _NotYet(Exception):
    """An update whose channel message has not been posted yet: try again shortly."""
