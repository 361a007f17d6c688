"""The schema the migrations build is the schema the code uses, and upgrades keep old data."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from alembic import command
from alembic.autogenerate import compare_metadata
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from sqlalchemy import Engine, text

from bot.storage.db import MIGRATIONS, Base, make_engine, migrate
from bot.storage.setup import build_queue
from tests.queue.conftest import ROUTING, VOCABULARY, draft, engine, tokyo  # noqa: F401

NOW = tokyo("2026-11-24 10:00")

BOLT_TABLES = {"slack_installations", "slack_bots", "slack_oauth_states"}


def test_the_migrated_schema_matches_the_models(engine: Engine) -> None:  # noqa: F811
    with engine.connect() as connection:
        differences = compare_metadata(MigrationContext.configure(connection), Base.metadata)
    assert [d for d in differences if _table_of(d[1]) not in BOLT_TABLES] == []


def _table_of(schema_item: Any) -> str:
    """Bolt's OAuth tables are migrated by us but modelled by slack_sdk, not in Base."""
    table = getattr(schema_item, "table", schema_item)
    return str(getattr(table, "name", ""))


def database_at(tmp_path: Path, revision: str, *rows: tuple[str, dict[str, Any]]) -> Engine:
    """A SQLite database migrated only up to ``revision``, holding ``rows`` (SQL, parameters)."""
    old = make_engine(f"sqlite:///{tmp_path / 'old.sqlite3'}")
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    with old.begin() as connection:
        config.attributes["connection"] = connection
        command.upgrade(config, revision)
        for sql, parameters in rows:
            connection.execute(text(sql), parameters)
    return old


def test_consults_filed_before_workspaces_existed_keep_their_numbers(tmp_path: Path) -> None:
    old = database_at(
        tmp_path,
        "0003",
        (
            "INSERT INTO consults (number, fiscal_year, requester, school, school_type, grade,"
            " categories, urgency, consent, status, created_at)"
            " VALUES ('2026-0001', 2026, 'UOLD', '第三中学校', '中学校', 2, '[\"不登校\"]',"
            " '通常', '未確認', '受付', '2026-11-01 01:00:00')",
            {},
        ),
        ("INSERT INTO consult_counters (fiscal_year, last_number) VALUES (2026, 1)", {}),
    )
    migrate(old)
    queue = build_queue(old, ROUTING, VOCABULARY)
    assert [c.number for c in queue.filed_by("UOLD")] == ["2026-0001"]
    assert queue.submit(draft(), NOW).consult.number == "2026-0002"


def test_questions_answered_before_the_upgrade_are_forgotten_and_pending_work_stays(
    tmp_path: Path,
) -> None:
    job = (
        "INSERT INTO jobs (function, body, headers, status, attempts,"
        " next_attempt_at, created_at, done_at)"
        " VALUES ('on_mention', :body, '{}', :status, 0,"
        " '2026-11-01 01:00:00', '2026-11-01 01:00:00', NULL)"
    )
    old = database_at(
        tmp_path,
        "0004",
        *(
            (job, {"body": f'{{"text": "{question}"}}', "status": status})
            for status, question in (("done", "虐待かもしれない"), ("pending", "不登校の相談先"))
        ),
    )
    migrate(old)
    with old.connect() as connection:
        kept = connection.execute(text("SELECT status, body FROM jobs")).all()
    assert [(status, "不登校" in body) for status, body in kept] == [("pending", True)]
