"""Deliver the outbox: notifications written with the change that caused them.

Rows are taken with a lease (``bot.storage.leases``: SKIP LOCKED on PostgreSQL,
so every worker can dispatch at once), handed to a :class:`Sender`, and marked sent with the message
reference it got back. A crash before marking leaves the lease to expire and
the row is sent again after restart, so delivery is at least once; the window
for a double is the moment between Slack accepting a post and the mark.

The channel message of a consult is posted once; later changes update it in
place with the consult's *current* channel view, so a late or retried update
can never show an older status.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any, Protocol

from sqlalchemy import Engine, select, update
from sqlalchemy.orm import Session

from bot.storage.consult_store import consult_from_row
from bot.storage.db import ConsultRow, OutboxRow, one_statement, record_until_stored
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


class Sender(Protocol):
    """Where notifications go: Slack in production, the terminal or a recorder elsewhere."""

    def post(self, kind: str, target: str, payload: dict[str, Any]) -> str: ...

    def update(self, kind: str, target: str, ref: str, payload: dict[str, Any]) -> None: ...


SenderFor = Callable[[str], Sender]
"""The sender for a workspace's notifications (each Slack workspace has its own token)."""


@dataclass(frozen=True)
class DispatchResult:
    delivered: int = 0
    retried: int = 0
    failed: int = 0


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
        with one_statement(self.engine) as connection:
            taken = take_due(connection, OutboxRow, "sending", now, self.lease, BATCH)
        for row_id in (row.id for row in taken):
            before_each()
            outcome = self._deliver(row_id, now)
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

    def _deliver(self, row_id: int, now: datetime) -> str:
        # Ended by COMMIT, not ROLLBACK: on PostgreSQL a rollback drops the connection's
        # prepared statements (psycopg), and every delivery would prepare them again.
        with Session(self.engine) as session, session.begin():
            row = session.get_one(OutboxRow, row_id)
            consult_id = row.consult_id
            consult_row = session.get(ConsultRow, consult_id) if consult_id else None
            kind, target, payload, attempts = row.kind, row.target, dict(row.payload), row.attempts
            workspace = row.workspace
            channel_ref = consult_row.channel_message if consult_row else None
            if consult_row is not None and kind in ("queue_update",):
                fresh = note.status_changed(consult_from_row(consult_row))
                stored = payload.get("consult", {})
                fresh["consult"]["assignee_name"] = _name_given(
                    session, consult_row.id, fresh["consult"]["assignee"], stored
                )
                payload = fresh
        try:
            ref = self._send(self.sender_for(workspace), kind, target, payload, channel_ref)
        except _NotYet:
            return self._reschedule(
                row_id, now, attempts, BASE_BACKOFF, "channel message not posted yet", count=False
            )
        except RateLimited as exc:
            log.warning("outbox %s rate limited; retry after %.0fs", row_id, exc.retry_after)
            return self._reschedule(
                row_id, now, attempts, timedelta(seconds=exc.retry_after), "rate limited"
            )
        except Exception as exc:
            log.warning("outbox %s delivery failed: %s", row_id, type(exc).__name__)
            backoff = min(BASE_BACKOFF * (2**attempts), MAX_BACKOFF)
            return self._reschedule(row_id, now, attempts, backoff, type(exc).__name__)

        def mark_sent() -> None:
            with Session(self.engine) as session, session.begin():
                session.execute(
                    update(OutboxRow)
                    .where(OutboxRow.id == row_id)
                    .values(
                        status="sent",
                        delivered_ref=ref,
                        delivered_at=now,
                        lease_until=None,
                        attempts=attempts + 1,
                    )
                )
                if kind == "queue_post" and consult_id and ref:
                    session.execute(
                        update(ConsultRow)
                        .where(ConsultRow.id == consult_id)
                        .values(channel_message=ref)
                    )

        record_until_stored(mark_sent, within=self.lease.total_seconds() / 2)
        return "sent"

    def _send(
        self,
        sender: Sender,
        kind: str,
        target: str,
        payload: dict[str, Any],
        channel_ref: str | None,
    ) -> str | None:
        if kind == "queue_update":
            if channel_ref is None:
                raise _NotYet()
            sender.update(kind, target, channel_ref, payload)
            return channel_ref
        return sender.post(kind, target, payload)

    def _reschedule(
        self,
        row_id: int,
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
                .where(OutboxRow.id == row_id)
                .values(
                    status="failed" if give_up else "pending",
                    attempts=attempts,
                    next_attempt_at=now + delay,
                    lease_until=None,
                    last_error=error[:200],
                )
            )
        if give_up:
            log.error("outbox %s gave up after %d attempts: %s", row_id, attempts, error)
            return "failed"
        return "retry"


class _NotYet(Exception):
    """An update whose channel message has not been posted yet: try again shortly."""
