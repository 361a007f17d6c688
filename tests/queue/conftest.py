"""Every storage test runs on real SQLite and real PostgreSQL (127.0.0.1:5432, database test).

PostgreSQL tests never skip: if the server is down they fail and say so.
Each PostgreSQL test gets its own schema, dropped afterwards.
"""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator
from datetime import datetime

import pytest
from sqlalchemy import Engine, create_engine, text

from answers.engine import safety_numbers
from bot.storage.consult_store import ConsultQueue
from bot.storage.db import make_engine, migrate
from bot.storage.setup import build_queue
from consults.model import Consent, ConsultDraft, Urgency
from consults.routing import load_routing
from directory.loader import load_directory

POSTGRES_URL = os.environ.get(
    "MADOGUCHI_TEST_POSTGRES", "postgresql+psycopg://postgres@127.0.0.1:5432/test"
)
DIRECTORY = load_directory()
VOCABULARY = DIRECTORY.vocabulary
# the directory's lines for immediate danger and abuse, which the form and escalations name
SAFETY = safety_numbers(DIRECTORY, "musashino")
ROUTING = load_routing()
SSW_DISTRICT_3 = "U0SSW0003"
SUPERVISOR = "U0SSWLEAD"
TEACHER = "UTEACHER1"


@pytest.fixture(params=["sqlite", "postgresql"])
def engine(request: pytest.FixtureRequest, tmp_path) -> Iterator[Engine]:  # type: ignore[no-untyped-def]
    if request.param == "sqlite":
        engine = make_engine(f"sqlite:///{tmp_path / 'queue.sqlite3'}")
        migrate(engine)
        yield engine
        engine.dispose()
        return
    schema = f"mg_{uuid.uuid4().hex[:12]}"
    admin = create_engine(POSTGRES_URL)
    try:
        with admin.begin() as connection:
            connection.execute(text(f"CREATE SCHEMA {schema}"))
    except Exception as exc:  # noqa: BLE001
        pytest.fail(
            f"PostgreSQL at {POSTGRES_URL} is required for the queue tests and is not reachable: {exc}"
        )
    engine = make_engine(
        POSTGRES_URL,
        connect_args={"options": f"-csearch_path={schema}"},
        pool_size=60,
        max_overflow=10,
    )
    migrate(engine)
    yield engine
    engine.dispose()
    with admin.begin() as connection:
        connection.execute(text(f"DROP SCHEMA {schema} CASCADE"))
    admin.dispose()


@pytest.fixture
def queue(engine: Engine) -> ConsultQueue:
    return build_queue(engine, ROUTING, VOCABULARY, safety=SAFETY)


def draft(**changes: object) -> ConsultDraft:
    values: dict[str, object] = dict(
        requester=TEACHER,
        school="第三中学校",
        grade=2,
        categories=("不登校",),
        urgency=Urgency.NORMAL,
        summary="2年男子。9月から欠席が続いている。保護者と連絡が取りにくい。",
        consent=Consent.UNCONFIRMED,
        contact_time="放課後",
    )
    values.update(changes)
    return ConsultDraft(**values)  # type: ignore[arg-type]


def tokyo(text_: str) -> datetime:
    from directory.calendar import TOKYO

    return datetime.fromisoformat(text_).replace(tzinfo=TOKYO)
