"""Open the consult queue from settings: the one place that connects and migrates."""

from __future__ import annotations

from pathlib import Path

from sqlalchemy import Engine
from sqlalchemy.exc import InterfaceError, OperationalError

from bot.queue.business_time import BusinessCalendar
from bot.queue.db import default_database_url, make_engine, migrate
from bot.queue.errors import StorageUnavailable
from bot.queue.routing import Routing, load_routing
from bot.queue.service import ConsultQueue
from bot.settings import Settings
from directory.calendar import JapaneseHolidays
from directory.loader import load_directory
from directory.model import Vocabulary


def business_calendar(vocabulary: Vocabulary, routing: Routing) -> BusinessCalendar:
    return BusinessCalendar(
        JapaneseHolidays(), tuple(vocabulary.closures.values()), routing.business_hours
    )


def build_queue(engine: Engine, routing: Routing, vocabulary: Vocabulary) -> ConsultQueue:
    return ConsultQueue(
        engine, routing, business_calendar(vocabulary, routing), vocabulary.categories
    )


def open_queue(settings: Settings, directory_path: Path | None = None) -> ConsultQueue:
    """Connect (SQLite file by default), apply migrations, load routing; ready to use."""
    engine = make_engine(settings.database_url or default_database_url())
    try:
        migrate(engine)
    except (OperationalError, InterfaceError) as exc:
        raise StorageUnavailable() from exc
    routing = load_routing(settings.routing)
    if settings.ssw_users:
        routing = routing.with_ssws(settings.ssw_users)
    vocabulary = load_directory(directory_path or settings.directory).vocabulary
    return build_queue(engine, routing, vocabulary)
