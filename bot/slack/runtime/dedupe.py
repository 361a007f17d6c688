"""Durable deduplication of Slack events on their event id (a unique key in the database).

Retries are not dropped by their X-Slack-Retry-Num header: a retry may be the
only copy that arrives, and Socket Mode does not pass the header on. The check
is made where work after the ack is scheduled (``bot.slack.runtime.jobs``), so a copy
that arrives twice is acknowledged twice and worked once.
"""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import Connection, Engine, delete

from bot.storage.db import SlackEventRow, insert_once, one_statement, rowcount

KEEP_EVENT_IDS = timedelta(days=1)  # Slack gives up retrying an event within the hour


def event_id_of(body: dict[str, Any]) -> str | None:
    """Events carry an id; commands and interactions (no retries by Slack) do not."""
    event_id = body.get("event_id")
    return str(event_id) if event_id else None


def record_event(connection: Connection, event_id: str, now: datetime) -> bool:
    """True the first time an event id is recorded, False for every later copy."""
    return insert_once(
        connection,
        SlackEventRow,
        SlackEventRow.event_id,
        {"event_id": event_id, "received_at": now},
    )


def forget_old_events(engine: Engine, now: datetime) -> int:
    """Delete event ids no copy can still arrive for, so the table stays a day long."""
    with one_statement(engine) as connection:
        old = SlackEventRow.received_at < now - KEEP_EVENT_IDS
        return rowcount(connection.execute(delete(SlackEventRow).where(old)))
