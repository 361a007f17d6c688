"""Build a consult queue and connect its database: the one place that connects and migrates.
(Which queues a deployment opens, one per workspace, is ``bot.workspaces``'s.)"""

from __future__ import annotations

from sqlalchemy import Engine
from sqlalchemy.exc import InterfaceError, OperationalError

from bot.settings import Settings
from bot.storage.consult_store import ConsultQueue
from bot.storage.db import make_engine, migrate, sqlite_url_in
from consults.business_time import BusinessCalendar
from consults.errors import StorageUnavailable
from consults.routing import Routing
from directory.calendar import JapaneseHolidays
from directory.model import Vocabulary


def business_calendar(vocabulary: Vocabulary, routing: Routing) -> BusinessCalendar:
    return BusinessCalendar(
        JapaneseHolidays(), tuple(vocabulary.closures.values()), routing.business_hours
    )


def build_queue(
    engine: Engine,
    routing: Routing,
    vocabulary: Vocabulary,
    workspace: str = "",
    safety: tuple[str, str] | None = None,
) -> ConsultQueue:
    """``safety``: the directory's lines for immediate danger and abuse (110, 189)."""
    return ConsultQueue(
        engine,
        routing,
        business_calendar(vocabulary, routing),
        vocabulary.categories,
        workspace,
        safety,
    )


def open_database(settings: Settings) -> Engine:
    """The engine, without a round trip: for a ``serve --http`` worker, whose parent migrated
    before starting it. A worker respawned while the database is away must still start (its
    requests then say so, and Slack sends them again): one that failed at start, twice within
    seconds, would make Granian stop the whole server as a crash loop."""
    return make_engine(settings.database_url or sqlite_url_in(settings.data_dir))


def connect(settings: Settings) -> Engine:
    """Connect (SQLite file by default) and apply migrations."""
    engine = open_database(settings)
    try:
        migrate(engine)
    except (OperationalError, InterfaceError) as exc:
        raise StorageUnavailable("connect") from exc
    return engine
