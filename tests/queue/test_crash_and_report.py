"""A process dies after commit; the yearly report matches a hand count; the chart renders."""

from __future__ import annotations

import csv
import io
import subprocess
import sys
import textwrap
from datetime import timedelta
from pathlib import Path

import pytest
from sqlalchemy import Engine

from bot.report import (
    ReportProblem,
    build_report,
    parse_fiscal_year,
    report_csv,
    report_png,
    report_text,
)
from bot.storage.consult_store import ConsultQueue
from bot.storage.db import OutboxRow
from bot.storage.leases import take_due
from bot.storage.outbox import LEASE, Dispatcher
from consults.model import Outcome, SchoolType, Urgency
from tests.queue.conftest import SSW_DISTRICT_3, draft, tokyo
from tests.queue.test_queue_stories import RecordingSender

ROOT = Path(__file__).resolve().parents[2]
NOW = tokyo("2026-11-24 10:00")


def _url_and_options(engine: Engine) -> tuple[str, str]:
    url = engine.url.render_as_string(hide_password=False)
    schema = ""
    if engine.dialect.name == "postgresql":
        with engine.connect() as connection:
            schema = connection.exec_driver_sql("SHOW search_path").scalar() or ""
    return url, schema


def test_process_killed_after_commit_delivers_the_notification_once_after_restart(
    engine: Engine, queue: ConsultQueue
) -> None:
    url, schema = _url_and_options(engine)
    script = textwrap.dedent(
        f"""
        import os, signal
        from bot.storage.db import make_engine
        from bot.storage.setup import build_queue
        from tests.queue.conftest import ROUTING, VOCABULARY, draft, tokyo
        kwargs = {{"connect_args": {{"options": "-csearch_path={schema}"}}}} if {bool(schema)!r} else {{}}
        queue = build_queue(make_engine({url!r}, **kwargs), ROUTING, VOCABULARY)
        queue.submit(draft(idempotency_key="before-crash"), tokyo("2026-11-24 10:00"))
        os.kill(os.getpid(), signal.SIGKILL)  # dies after commit, before any delivery
        """
    )
    died = subprocess.run(
        [sys.executable, "-c", script], cwd=ROOT, capture_output=True, text=True, timeout=60
    )
    assert died.returncode == -9, died.stderr
    sender = RecordingSender()
    restarted = Dispatcher(engine, sender)
    assert restarted.run_once(NOW + timedelta(seconds=5)).delivered == 2
    assert restarted.run_once(NOW + timedelta(minutes=5)).delivered == 0
    assert sorted(kind for kind, _, _ in sender.posts) == ["queue_post", "requester_notice"]


def test_a_lease_left_by_a_dead_worker_expires_and_is_delivered_once(
    engine: Engine, queue: ConsultQueue
) -> None:
    queue.submit(draft(), NOW)
    with engine.begin() as connection:  # a worker took one row, then "died" before sending
        assert len(take_due(connection, OutboxRow, "sending", NOW, LEASE, limit=1)) == 1
    sender = RecordingSender()
    alive = Dispatcher(engine, sender)
    assert alive.run_once(NOW + timedelta(seconds=30)).delivered == 1  # only the row nobody held
    assert (
        alive.run_once(NOW + timedelta(seconds=61)).delivered == 1
    )  # the dead worker's, after its lease
    assert sorted(kind for kind, _, _ in sender.posts) == ["queue_post", "requester_notice"]


def seed_year(queue: ConsultQueue) -> None:
    """A small year: counted by hand in the test below."""
    day = tokyo("2026-06-01 10:00")
    plans = [
        ("第三中学校", 2, ("不登校",), Outcome.RESOLVED),
        ("第三中学校", 3, ("不登校", "家庭環境"), Outcome.IMPROVING),
        ("第一小学校", 4, ("不登校",), None),
        ("第一小学校", 1, ("発達障害等", "家庭環境"), Outcome.OTHER),
        ("第二小学校", 6, ("児童虐待",), Outcome.ONGOING),
        ("第二中学校", 1, ("貧困", "ヤングケアラー"), None),
    ]
    for i, (school, grade, categories, outcome) in enumerate(plans):
        number = queue.submit(
            draft(school=school, grade=grade, categories=categories), day + timedelta(days=i)
        ).consult.number
        queue.claim(number, SSW_DISTRICT_3, day + timedelta(days=i, hours=2))
        if outcome:
            queue.close(number, SSW_DISTRICT_3, outcome, "", day + timedelta(days=i + 7))
    withdrawn = queue.submit(draft(), day).consult.number
    queue.withdraw(withdrawn, "UTEACHER1", day)
    queue.submit(draft(urgency=Urgency.URGENT, school="第四中学校", grade=1), day)
    queue.submit(draft(), tokyo("2027-04-02 10:00"))  # next fiscal year


def test_yearly_report_matches_a_hand_count(queue: ConsultQueue) -> None:
    seed_year(queue)
    report = build_report(queue, 2026, NOW)
    assert report.children == {SchoolType.ELEMENTARY: 3, SchoolType.JUNIOR_HIGH: 4}
    rows = {r.category: r for r in report.problems}
    assert rows["不登校"].total == 4 and rows["不登校"].by_school == {
        SchoolType.ELEMENTARY: 1,
        SchoolType.JUNIOR_HIGH: 3,
    }
    assert rows["不登校"].outcomes == {
        Outcome.RESOLVED: 1,
        Outcome.IMPROVING: 1,
        Outcome.ONGOING: 2,
        Outcome.OTHER: 0,
    }
    assert rows["家庭環境"].total == 2 and rows["家庭環境"].outcomes[Outcome.OTHER] == 1
    assert rows["児童虐待"].outcomes[Outcome.ONGOING] == 1
    assert rows["その他"].total == 0
    assert report.unclaimed == 1
    normal = next(s for s in report.service if s.urgency is Urgency.NORMAL)
    assert normal.claimed == 6 and normal.claim_median == 2.0 and normal.closed == 4
    text = report_text(report)
    assert "小学校 3  中学校 4  合計 7" in text and "不登校 | 4 | 1 | 3 | 1 | 1 | 2 | 0" in text
    assert report_csv(report).splitlines()[1].startswith("2026,令和8年度,不登校,4,1,3,1,1,2,0")
    assert "■ 令和8年度（2026年度） SSW活動状況" in text


def test_report_chart_is_written_with_japanese_labels(queue: ConsultQueue, tmp_path: Path) -> None:
    seed_year(queue)
    report = build_report(queue, 2026, NOW)
    path = tmp_path / "fig1.png"
    drawn = report_png(report, path)
    assert path.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n" and path.stat().st_size > 10_000
    by_school = [
        str(n)
        for school in (SchoolType.ELEMENTARY, SchoolType.JUNIOR_HIGH)
        for n in (row.by_school[school] for row in report.problems)
        if n
    ]
    assert sorted(drawn) == sorted(by_school) and "3" in drawn


def test_the_csv_opens_in_excel_with_japanese_intact(queue: ConsultQueue, tmp_path: Path) -> None:
    seed_year(queue)
    file = tmp_path / "report.csv"
    file.write_bytes(report_csv(build_report(queue, 2026, NOW)).encode("utf-8"))
    raw = file.read_bytes()
    assert raw[:3] == b"\xef\xbb\xbf"  # the BOM Excel looks for
    rows = list(csv.reader(io.StringIO(raw.decode("utf-8-sig"))))
    assert rows[0][:3] == ["年度", "年度（和暦）", "抱える問題"]
    assert rows[1][2] == "不登校"


def test_a_missing_folder_or_a_bad_year_is_one_clear_sentence(
    queue: ConsultQueue, tmp_path: Path
) -> None:
    report = build_report(queue, 2026, NOW)
    with pytest.raises(ReportProblem, match="フォルダ「.*nowhere」がありません"):
        report_png(report, tmp_path / "nowhere" / "fig1.png")
    assert [parse_fiscal_year(t) for t in ("2026", "令和8", "R8", "令和8年度", "２０２６")] == [
        2026
    ] * 5
    for wrong in ("0", "令和0", "1999年度"):
        with pytest.raises(ReportProblem, match="使えません"):
            parse_fiscal_year(wrong)
    with pytest.raises(ReportProblem, match="読めません"):
        parse_fiscal_year("来年")
