"""The yearly SSW activity report, as the seeds' 活動状況 tables show it, from the data.

Counting rules (write them in the report's footnote too):
- a consult is one supported child; withdrawn consults (取り下げ) are not counted;
- 抱える問題 counts each category of a consult (重複あり);
- the outcome is the one recorded at 完了; consults still open count as 支援中.
Service levels are in business hours (business days, configured hours).
"""

from __future__ import annotations

import csv
import io
import statistics
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.orm import Session

from bot.queue.db import ConsultRow
from bot.queue.model import OUTCOME_LABELS, Outcome, SchoolType, Status, Urgency
from bot.queue.service import ConsultQueue

SCHOOL_TYPES = (SchoolType.ELEMENTARY, SchoolType.JUNIOR_HIGH)
OUTCOMES = (Outcome.RESOLVED, Outcome.IMPROVING, Outcome.ONGOING, Outcome.OTHER)
FOOTNOTE = "※取り下げは数えない。未完了の相談は「支援中」に数える。時間は営業日・受付時間内の時間。"


@dataclass(frozen=True)
class ProblemRow:
    category: str
    by_school: dict[SchoolType, int]
    outcomes: dict[Outcome, int]

    @property
    def total(self) -> int:
        return sum(self.by_school.values())


@dataclass(frozen=True)
class ServiceLevel:
    urgency: Urgency
    claimed: int
    claim_median: float | None
    claim_p90: float | None
    closed: int
    close_median: float | None
    close_p90: float | None


@dataclass(frozen=True)
class YearReport:
    fiscal_year: int
    children: dict[SchoolType, int]
    problems: tuple[ProblemRow, ...]
    service: tuple[ServiceLevel, ...]
    unclaimed: int

    @property
    def total_children(self) -> int:
        return sum(self.children.values())


def build_report(queue: ConsultQueue, fiscal_year: int, now: datetime) -> YearReport:
    """The year's counts for the queue's own workspace (never another municipality's)."""
    categories, business = queue.categories, queue.business
    with Session(queue.engine) as session:
        rows = session.scalars(
            select(ConsultRow).where(
                ConsultRow.workspace == queue.workspace,
                ConsultRow.fiscal_year == fiscal_year,
                ConsultRow.status != Status.WITHDRAWN.value,
            )
        ).all()
    children = {t: sum(1 for r in rows if r.school_type == t.value) for t in SCHOOL_TYPES}
    problems = []
    for category in categories:
        having = [r for r in rows if category in r.categories]
        by_school = {t: sum(1 for r in having if r.school_type == t.value) for t in SCHOOL_TYPES}
        outcomes = {o: sum(1 for r in having if _outcome(r) is o) for o in OUTCOMES}
        problems.append(ProblemRow(category, by_school, outcomes))
    service = []
    for urgency in (Urgency.URGENT, Urgency.NORMAL):
        mine = [r for r in rows if r.urgency == urgency.value]
        claim_hours = [
            business.business_hours_between(r.created_at, r.claimed_at)
            for r in mine
            if r.claimed_at
        ]
        close_hours = [
            business.business_hours_between(r.created_at, r.closed_at)
            for r in mine
            if r.closed_at and r.status == Status.CLOSED.value
        ]
        service.append(
            ServiceLevel(
                urgency,
                len(claim_hours),
                _median(claim_hours),
                _p90(claim_hours),
                len(close_hours),
                _median(close_hours),
                _p90(close_hours),
            )
        )
    unclaimed = sum(1 for r in rows if r.status == Status.RECEIVED.value)
    return YearReport(fiscal_year, children, tuple(problems), tuple(service), unclaimed)


def _outcome(row: ConsultRow) -> Outcome:
    if row.status == Status.CLOSED.value and row.outcome:
        return Outcome(row.outcome)
    return Outcome.ONGOING


def _median(values: list[float]) -> float | None:
    return statistics.median(values) if values else None


def _p90(values: list[float]) -> float | None:
    if not values:
        return None
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(0.9 * (len(ordered) - 1))))]


def report_text(report: YearReport) -> str:
    lines = [f"■ {report.fiscal_year}年度 SSW活動状況", "", "(1) 支援対象となった児童生徒数"]
    lines.append(
        f"  小学校 {report.children[SchoolType.ELEMENTARY]}  中学校 {report.children[SchoolType.JUNIOR_HIGH]}  合計 {report.total_children}"
    )
    lines += ["", "(2) 支援対象となった児童生徒の抱える問題と支援状況（重複あり）"]
    header = ["抱える問題", "支援件数", "小学校", "中学校", *(OUTCOME_LABELS[o] for o in OUTCOMES)]
    lines.append("  " + " | ".join(header))
    for row in report.problems:
        cells = [
            row.category,
            row.total,
            row.by_school[SchoolType.ELEMENTARY],
            row.by_school[SchoolType.JUNIOR_HIGH],
            *(row.outcomes[o] for o in OUTCOMES),
        ]
        lines.append("  " + " | ".join(str(c) for c in cells))
    lines += ["", "(3) 対応の速さ（営業時間ベース、時間）"]
    for level in report.service:
        lines.append(
            f"  {level.urgency.value}: 受付→担当 中央値 {_h(level.claim_median)} / 90%点 {_h(level.claim_p90)}（{level.claimed}件）"
            f"、受付→完了 中央値 {_h(level.close_median)} / 90%点 {_h(level.close_p90)}（{level.closed}件）"
        )
    lines.append(f"  まだ担当が決まっていない相談: {report.unclaimed}件")
    lines += ["", FOOTNOTE]
    return "\n".join(lines)


def _h(value: float | None) -> str:
    return "-" if value is None else f"{value:.1f}"


def report_csv(report: YearReport) -> str:
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(
        [
            "年度",
            "抱える問題",
            "支援件数",
            "小学校",
            "中学校",
            *(OUTCOME_LABELS[o] for o in OUTCOMES),
        ]
    )
    for row in report.problems:
        writer.writerow(
            [
                report.fiscal_year,
                row.category,
                row.total,
                row.by_school[SchoolType.ELEMENTARY],
                row.by_school[SchoolType.JUNIOR_HIGH],
                *(row.outcomes[o] for o in OUTCOMES),
            ]
        )
    writer.writerow(
        [
            report.fiscal_year,
            "支援対象児童生徒数",
            report.total_children,
            report.children[SchoolType.ELEMENTARY],
            report.children[SchoolType.JUNIOR_HIGH],
        ]
    )
    return out.getvalue()


def report_png(report: YearReport, path: Path) -> None:
    """図1: problems by category and school type, as a grouped bar chart with Japanese labels."""
    import matplotlib

    matplotlib.use("Agg")
    import japanize_matplotlib  # noqa: F401  (registers the bundled IPAexGothic font)
    import matplotlib.pyplot as plt
    from matplotlib.ticker import MaxNLocator

    labels = [row.category for row in report.problems]
    elementary = [row.by_school[SchoolType.ELEMENTARY] for row in report.problems]
    junior = [row.by_school[SchoolType.JUNIOR_HIGH] for row in report.problems]
    positions = range(len(labels))
    figure, axes = plt.subplots(figsize=(11, 5.5))
    axes.bar([p - 0.2 for p in positions], elementary, width=0.4, label="小学校")
    axes.bar([p + 0.2 for p in positions], junior, width=0.4, label="中学校")
    axes.set_xticks(list(positions))
    axes.set_xticklabels(labels, rotation=30, ha="right")
    axes.set_ylabel("件数")
    axes.yaxis.set_major_locator(MaxNLocator(integer=True))
    axes.set_title(
        f"図1 支援対象となった児童生徒が抱える問題（小中学校別件数） {report.fiscal_year}年度"
    )
    axes.legend()
    figure.tight_layout()
    figure.savefig(path, dpi=120)
    plt.close(figure)
