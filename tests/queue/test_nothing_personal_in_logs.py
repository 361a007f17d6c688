"""What a teacher types never reaches a log, and what one database refuses the other refuses too.

A school name over the column's length, a NUL, a control character or half an emoji
is answered with one Japanese sentence by validation, on SQLite exactly as on
PostgreSQL. And should an insert fail all the same (a bug, a migration gone wrong),
the logged error names the statement, never its values.
"""

from __future__ import annotations

import logging

import pytest
from sqlalchemy import Engine, func, insert, select
from sqlalchemy.exc import DBAPIError, StatementError

from bot.storage.consult_store import ConsultQueue
from bot.storage.db import ConsultRow
from consults.errors import InvalidDraft
from tests.queue.conftest import draft, tokyo

NOW = tokyo("2026-11-24 10:00")
SUMMARY = "2年男子。9月から欠席が続き、家で弟の世話をしている様子。"


@pytest.mark.parametrize(
    ("field", "value", "says"),
    [
        ("school", "第三" * 70 + "中学校", "128文字まで"),
        ("contact_time", "放課後" * 70, "200文字まで"),
        ("summary", SUMMARY + "\x00", "使えない文字"),
        ("summary", SUMMARY + "\ud83d", "使えない文字"),
        ("summary", SUMMARY + "\x1b[2J", "使えない文字"),
        ("school", "第三中学校\x07", "使えない文字"),
        ("contact_time", "放課後\x00", "使えない文字"),
    ],
)
def test_text_no_database_would_keep_is_refused_with_a_sentence_on_both_databases(
    queue: ConsultQueue, field: str, value: str, says: str
) -> None:
    with pytest.raises(InvalidDraft) as refused:
        queue.submit(draft(**{field: value}), NOW)
    assert says in refused.value.errors[field]
    with queue.engine.connect() as connection:
        assert connection.scalar(select(func.count()).select_from(ConsultRow)) == 0


def test_a_line_break_and_a_tab_in_a_summary_are_fine(queue: ConsultQueue) -> None:
    assert queue.submit(draft(summary="欠席が続く。\n\t家庭訪問は未実施。"), NOW).created


def test_a_failed_insert_logs_the_statement_but_not_the_summary(
    engine: Engine, caplog: pytest.LogCaptureFixture
) -> None:
    row = {
        "workspace": "",
        "number": "2026-0001",
        "fiscal_year": 2026,
        "requester": "UTEACHER1",
        "school": "第三中学校" * 40,  # PostgreSQL: too long; SQLite: a NUL below
        "school_type": "中学校",
        "grade": 2,
        "categories": ["不登校"],
        "urgency": "通常",
        "summary": SUMMARY + "\x00",
        "consent": "未確認",
        "status": "受付",
        "created_at": NOW,
    }
    log = logging.getLogger("madoguchi.test")
    try:
        with engine.begin() as connection:
            connection.execute(insert(ConsultRow), row)
            connection.execute(insert(ConsultRow), row)  # SQLite stores the first: fail on its key
            connection.execute(insert(ConsultRow).values(id=1), row)
    except (DBAPIError, StatementError) as exc:
        log.error("insert failed: %s", type(exc).__name__, exc_info=exc)
    else:  # pragma: no cover - the story is about a failure
        pytest.fail("the insert was expected to fail")
    assert "insert failed" in caplog.text and "INSERT INTO consults" in caplog.text
    assert "欠席" not in caplog.text and "第三中学校" not in caplog.text
    assert "UTEACHER1" not in caplog.text
