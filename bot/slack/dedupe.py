"""Durable deduplication of Slack events on their event id (a unique key in the database).

Retries are not dropped by their X-Slack-Retry-Num header: a retry may be the
only copy that arrives, and Socket Mode does not pass the header on.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import Engine, insert
from sqlalchemy.exc import IntegrityError

from bot.queue.db import SlackEventRow


def first_time(engine: Engine, event_id: str, now: datetime) -> bool:
    """True the first time an event id is seen, False for every later copy."""
    try:
        with engine.begin() as connection:
            if connection.dialect.name == "postgresql":
                # losing this row in a server crash could at worst answer a retry twice: not worth a flush
                connection.exec_driver_sql("SET LOCAL synchronous_commit = off")
            connection.execute(insert(SlackEventRow).values(event_id=event_id, received_at=now))
        return True
    except IntegrityError:
        return False
