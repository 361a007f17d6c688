"""Taking due rows (outbox notifications, stored jobs) so that each is worked by one process.

On PostgreSQL the due rows are locked with ``FOR UPDATE SKIP LOCKED`` inside the
UPDATE that leases them: several workers polling at once never wait on each
other and never take the same row. SQLite has one writer at a time (every
transaction begins IMMEDIATE), where the same statement is just as safe. A lease
that runs out (its worker died) makes the row due again.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import Connection, Row, or_, select, update


def runnable(table: Any, working: str, now: datetime) -> Any:
    """Pending, or taken by a worker whose lease has run out."""
    return or_(table.status == "pending", (table.status == working) & (table.lease_until < now))


def take_due(
    connection: Connection,
    table: Any,
    working: str,
    now: datetime,
    lease: timedelta,
    limit: int,
    columns: Sequence[Any] = (),
    also: Mapping[str, Any] | None = None,
) -> list[Row[Any]]:
    """Lease up to ``limit`` due rows to the caller, oldest first, setting ``also`` as well
    (e.g. a count of takes); returns each row's id and ``columns`` (as updated) from the same
    statement, so taking work is one round trip."""
    due = (
        select(table.id)
        .where(runnable(table, working, now), table.next_attempt_at <= now)
        .order_by(table.id)
        .limit(limit)
        .with_for_update(skip_locked=True)
        .scalar_subquery()
    )
    taken = connection.execute(
        update(table)
        .where(table.id.in_(due))
        .values(status=working, lease_until=now + lease, **(also or {}))
        .returning(table.id, *columns)
    )
    return sorted(taken.all(), key=lambda row: int(row[0]))
