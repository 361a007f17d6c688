"""Storage of the consult queue: SQLAlchemy 2.x typed ORM, schema by Alembic.

SQLite by default (a file, WAL on with synchronous=NORMAL, created on first
run: a killed process loses nothing; an OS crash or power loss may lose the last
commits but never corrupts the file); PostgreSQL, fully durable, when
DATABASE_URL says so. On SQLite every transaction starts with BEGIN IMMEDIATE
so concurrent writers queue on the busy timeout instead of failing to upgrade a
read lock; SQLite ignores SELECT … FOR UPDATE, so every race-prone change here
is one conditional UPDATE with a rowcount check, which is correct on both.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from contextlib import AbstractContextManager
from datetime import UTC, datetime
from functools import cache
from pathlib import Path
from typing import Any, TypeVar
from weakref import WeakKeyDictionary

from alembic import command
from alembic.config import Config
from sqlalchemy import (
    JSON,
    Connection,
    DateTime,
    Engine,
    ForeignKey,
    Integer,
    String,
    Text,
    TypeDecorator,
    UniqueConstraint,
    create_engine,
    event,
)
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.exc import DBAPIError, InterfaceError, OperationalError
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column

from consults.text_rules import LIMITS

MIGRATIONS = Path(__file__).parent / "migrations"
SQLITE_BUSY_TIMEOUT_MS = 15_000
MIGRATION_LOCK = 727_211  # an arbitrary, fixed PostgreSQL advisory lock key


class UtcDateTime(TypeDecorator[datetime]):
    """Aware datetimes in, aware UTC out; stored as naive UTC so SQLite and PostgreSQL agree."""

    impl = DateTime
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect: Any) -> datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError("naive datetime given to the queue")
        return value.astimezone(UTC).replace(tzinfo=None)

    def process_result_value(self, value: datetime | None, dialect: Any) -> datetime | None:
        return value.replace(tzinfo=UTC) if value is not None else None


class Base(DeclarativeBase):
    pass


class ConsultRow(Base):
    __tablename__ = "consults"
    __table_args__ = (UniqueConstraint("workspace", "number", name="uq_consults_workspace_number"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    workspace: Mapped[str] = mapped_column(String(32), server_default="")
    number: Mapped[str] = mapped_column(String(16))
    fiscal_year: Mapped[int] = mapped_column(Integer, index=True)
    requester: Mapped[str] = mapped_column(String(LIMITS["requester"]), index=True)
    school: Mapped[str] = mapped_column(String(LIMITS["school"]))
    school_type: Mapped[str] = mapped_column(String(8))
    district: Mapped[str | None] = mapped_column(String(64))
    grade: Mapped[int] = mapped_column(Integer)
    categories: Mapped[list[str]] = mapped_column(JSON)
    urgency: Mapped[str] = mapped_column(String(8))
    summary: Mapped[str | None] = mapped_column(Text)
    consent: Mapped[str] = mapped_column(String(8))
    contact_time: Mapped[str | None] = mapped_column(String(LIMITS["contact_time"]))
    status: Mapped[str] = mapped_column(String(8), index=True)
    assignee: Mapped[str | None] = mapped_column(String(64), index=True)
    outcome: Mapped[str | None] = mapped_column(String(8))
    outcome_note: Mapped[str | None] = mapped_column(Text)
    idempotency_key: Mapped[str | None] = mapped_column(String(200), unique=True)
    channel_message: Mapped[str | None] = mapped_column(String(64))
    created_at: Mapped[datetime] = mapped_column(UtcDateTime)
    claimed_at: Mapped[datetime | None] = mapped_column(UtcDateTime)
    closed_at: Mapped[datetime | None] = mapped_column(UtcDateTime)
    reminded_at: Mapped[datetime | None] = mapped_column(UtcDateTime)
    escalated_at: Mapped[datetime | None] = mapped_column(UtcDateTime)
    purged_at: Mapped[datetime | None] = mapped_column(UtcDateTime)


class CounterRow(Base):
    __tablename__ = "consult_counters"

    workspace: Mapped[str] = mapped_column(String(32), primary_key=True, server_default="")
    fiscal_year: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=False)
    last_number: Mapped[int] = mapped_column(Integer)


class AuditRow(Base):
    """Append-only: the code only ever inserts here."""

    __tablename__ = "audit_events"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    consult_id: Mapped[int | None] = mapped_column(ForeignKey("consults.id"), index=True)
    actor: Mapped[str] = mapped_column(String(64))
    action: Mapped[str] = mapped_column(String(32))
    at: Mapped[datetime] = mapped_column(UtcDateTime)
    detail: Mapped[dict[str, Any]] = mapped_column(JSON)


class OutboxRow(Base):
    """A notification written with the change that caused it, until it is delivered.

    ``takes`` and ``posting_take`` are a job's (``JobRow``): a dispatcher changes the row
    only under its own take, and a take after one that began posting looks for that post
    before posting (``bot.storage.outbox``)."""

    __tablename__ = "outbox"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    workspace: Mapped[str] = mapped_column(String(32), server_default="")
    consult_id: Mapped[int | None] = mapped_column(ForeignKey("consults.id"), index=True)
    kind: Mapped[str] = mapped_column(String(32))
    target: Mapped[str] = mapped_column(String(80))
    payload: Mapped[dict[str, Any]] = mapped_column(JSON)
    dedupe_key: Mapped[str] = mapped_column(String(200), unique=True)
    status: Mapped[str] = mapped_column(String(12), index=True)
    attempts: Mapped[int] = mapped_column(Integer, default=0)
    next_attempt_at: Mapped[datetime] = mapped_column(UtcDateTime, index=True)
    lease_until: Mapped[datetime | None] = mapped_column(UtcDateTime)
    delivered_ref: Mapped[str | None] = mapped_column(String(80))
    last_error: Mapped[str | None] = mapped_column(String(200))
    created_at: Mapped[datetime] = mapped_column(UtcDateTime)
    delivered_at: Mapped[datetime | None] = mapped_column(UtcDateTime)
    takes: Mapped[int] = mapped_column(Integer, default=0, server_default="0")
    posting_take: Mapped[int | None] = mapped_column(Integer)


class SlackEventRow(Base):
    """Slack event ids already handled: a retried or duplicated event is answered once."""

    __tablename__ = "slack_events"

    event_id: Mapped[str] = mapped_column(String(64), primary_key=True)
    received_at: Mapped[datetime] = mapped_column(UtcDateTime)


class AnswerGapRow(Base):
    """A question that got no good answer (or a 違った), personal details removed."""

    __tablename__ = "answer_gaps"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    at: Mapped[datetime] = mapped_column(UtcDateTime, index=True)
    kind: Mapped[str] = mapped_column(String(16))
    question: Mapped[str] = mapped_column(Text)
    intent: Mapped[str] = mapped_column(String(32))
    answered: Mapped[list[str]] = mapped_column(JSON)
    municipality: Mapped[str] = mapped_column(String(64))


class JobRow(Base):
    """Work acknowledged to Slack and not done yet: the request's body, kept durably.

    ``takes`` counts the times a worker took the job; a worker may change the row only under
    its own take (a fencing token). ``posting_take`` is the take that began posting its
    answer: a later take looks for that post before posting (``bot.slack.runtime.jobs``)."""

    __tablename__ = "jobs"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    function: Mapped[str] = mapped_column(String(100))
    body: Mapped[dict[str, Any]] = mapped_column(JSON)
    status: Mapped[str] = mapped_column(String(12), index=True)
    attempts: Mapped[int] = mapped_column(Integer, default=0)
    next_attempt_at: Mapped[datetime] = mapped_column(UtcDateTime, index=True)
    lease_until: Mapped[datetime | None] = mapped_column(UtcDateTime)
    created_at: Mapped[datetime] = mapped_column(UtcDateTime)
    takes: Mapped[int] = mapped_column(Integer, default=0, server_default="0")
    posting_take: Mapped[int | None] = mapped_column(Integer)


def rowcount(result: Any) -> int:
    """Rows changed by an UPDATE: the check that makes a conditional UPDATE a safe race."""
    count: int = result.rowcount
    return count


def sqlite_url_in(folder: Path) -> str:
    """A SQLite file in ``folder`` (made if missing): the database when none is configured."""
    folder.mkdir(parents=True, exist_ok=True)
    return f"sqlite:///{folder / 'madoguchi.sqlite3'}"


def make_engine(url: str, **kwargs: Any) -> Engine:
    """An engine with the settings this queue relies on (WAL and BEGIN IMMEDIATE on SQLite).

    ``hide_parameters``: a failed statement's error (logged with its traceback) would carry
    its values — a consult's summary, school and requester — into the log."""
    kwargs.setdefault("hide_parameters", True)
    if url.startswith("postgresql://"):
        url = "postgresql+psycopg://" + url.removeprefix("postgresql://")
    if url.startswith("sqlite"):
        engine = create_engine(
            url, connect_args={"timeout": SQLITE_BUSY_TIMEOUT_MS / 1000}, **kwargs
        )

        @event.listens_for(engine, "connect")
        def _sqlite_connect(dbapi_connection: Any, _record: Any) -> None:
            dbapi_connection.isolation_level = None
            cursor = dbapi_connection.cursor()
            cursor.execute("PRAGMA journal_mode=WAL")
            cursor.execute("PRAGMA synchronous=NORMAL")  # WAL-safe: a process crash loses nothing
            cursor.execute(f"PRAGMA busy_timeout={SQLITE_BUSY_TIMEOUT_MS}")
            cursor.execute("PRAGMA foreign_keys=ON")
            cursor.close()

        @event.listens_for(engine, "begin")
        def _sqlite_begin(connection: Any) -> None:
            connection.exec_driver_sql("BEGIN IMMEDIATE")

        return engine
    return create_engine(url, **kwargs)  # no pre-ping: see once_more_if_reconnected


T = TypeVar("T")


def once_more_if_reconnected(work: Callable[[], T]) -> T:
    """Run idempotent work; if its pooled connection had died (the database restarted), run
    it once more. SQLAlchemy then invalidates the old pool, so the second try gets a fresh
    connection: this replaces a ping before every checkout (a round trip per transaction)."""
    try:
        return work()
    except Exception as exc:
        cause = exc if isinstance(exc, DBAPIError) else exc.__cause__
        if not (isinstance(cause, DBAPIError) and cause.connection_invalidated):
            raise
        return work()


def one_statement(engine: Engine) -> AbstractContextManager[Connection]:
    """A connection for a write that is one statement. On PostgreSQL it runs without BEGIN
    and COMMIT (a single statement is atomic on its own): one round trip instead of three,
    for the writes made for every request. On SQLite it is ``engine.begin()`` like every
    write (BEGIN IMMEDIATE)."""
    if engine.dialect.name != "postgresql":
        return engine.begin()
    autocommit = _AUTOCOMMIT.get(engine)
    if autocommit is None:
        autocommit = _AUTOCOMMIT[engine] = engine.execution_options(isolation_level="AUTOCOMMIT")
    return autocommit.connect()


_AUTOCOMMIT: WeakKeyDictionary[Engine, Engine] = WeakKeyDictionary()


def insert_once(connection: Connection, table: Any, key: Any, values: dict[str, Any]) -> bool:
    """Insert unless a row with the same unique ``key`` exists (then do nothing, raise nothing,
    and leave the transaction usable); True when this call inserted it."""
    statement = _insert_unless_present(connection.dialect.name, table, key)
    return connection.execute(statement, values).first() is not None


@cache
def _insert_unless_present(dialect_name: str, table: Any, key: Any) -> Any:
    """Built once per table: the event-id dedupe runs in every ack."""
    dialect = postgresql if dialect_name == "postgresql" else sqlite
    return dialect.insert(table).on_conflict_do_nothing(index_elements=[key]).returning(key)


def record_until_stored(work: Callable[[], T], within: float, pause: float = 0.25) -> T:
    """Record that something already happened outside (a message Slack accepted), retrying
    while the database is away, for up to ``within`` seconds (keep it under the lease, or
    another worker would do the thing a second time)."""
    deadline = time.monotonic() + within
    while True:
        try:
            return work()
        except (OperationalError, InterfaceError):
            if time.monotonic() + pause > deadline:
                raise
            time.sleep(pause)


def migrate(engine: Engine) -> None:
    """Apply Alembic migrations up to head (on every start; a no-op when current)."""
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    with engine.begin() as connection:
        if connection.dialect.name == "postgresql":
            # several workers start at once: one migrates, the others wait, then find nothing to do
            connection.exec_driver_sql(f"SELECT pg_advisory_xact_lock({MIGRATION_LOCK})")
        config.attributes["connection"] = connection
        command.upgrade(config, "head")
