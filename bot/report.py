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
import re
import statistics
import unicodedata
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.orm import Session

from bot.messages import cli as cli_msg
from bot.messages import report as msg
from bot.storage.consult_store import ConsultQueue
from bot.storage.db import ConsultRow
from consults.errors import QueueError
from consults.messages import OUTCOME_LABELS
from consults.model import Outcome, SchoolType, Status, Urgency

SCHOOL_TYPES = (SchoolType.ELEMENTARY, SchoolType.JUNIOR_HIGH)
OUTCOMES = (Outcome.RESOLVED, Outcome.IMPROVING, Outcome.ONGOING, Outcome.OTHER)
REIWA_FIRST = 2019  # 令和元年度 is the fiscal year that began in April 2019
FIRST_YEAR, LAST_YEAR = 2000, 2100
BOM = "\ufeff"  # Excel reads a CSV as UTF-8 only when it starts with one
_ERA_YEAR = re.compile(  # 令和8, R8, 令和元
    rf"(?:{re.escape(msg.ERA)}|R|r)({re.escape(msg.ERA_FIRST_YEAR)}|\d{{1,2}})"
)


class ReportProblem(QueueError):
    """A year or a path the report cannot use; ``str()`` says what to write instead."""


def year_label(fiscal_year: int) -> str:
    """令和8年度（2026年度）: the era as municipalities file it, and the western year.

    >>> year_label(2019), year_label(2026)
    ('令和元年度（2019年度）', '令和8年度（2026年度）')
    """
    return msg.year_label(fiscal_year, _era_year(fiscal_year))


def _era_year(fiscal_year: int) -> int | None:
    """令和's count of the year (1 for 元), None before it began."""
    return fiscal_year - REIWA_FIRST + 1 if fiscal_year >= REIWA_FIRST else None


def parse_fiscal_year(text: str) -> int:
    """2026, ２０２６, 令和8, 令和8年度, R8 → 2026; anything else is a ReportProblem.

    >>> [parse_fiscal_year(t) for t in ("2026", "令和8年度", "R8", "令和元年度", "２０２６年度")]
    [2026, 2026, 2026, 2019, 2026]
    """
    written = unicodedata.normalize("NFKC", text).strip()
    for suffix in msg.YEAR_SUFFIXES:
        written = written.removesuffix(suffix)
    era = _ERA_YEAR.fullmatch(written)
    if era:
        year = REIWA_FIRST - 1 + (1 if era[1] == msg.ERA_FIRST_YEAR else int(era[1]))
    elif written.isdigit():
        year = int(written)
    else:
        raise ReportProblem(cli_msg.report_year_unreadable(text))
    if not FIRST_YEAR <= year <= LAST_YEAR or (era and year < REIWA_FIRST):
        raise ReportProblem(cli_msg.report_year_out_of_range(text, FIRST_YEAR, LAST_YEAR))
    return year


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
    lines = [
        msg.text_title(year_label(report.fiscal_year)),
        "",
        msg.text_children_heading(),
    ]
    lines.append(
        msg.text_children(
            report.children[SchoolType.ELEMENTARY],
            report.children[SchoolType.JUNIOR_HIGH],
            report.total_children,
        )
    )
    lines += ["", msg.text_problems_heading()]
    lines.append("  " + " | ".join(msg.problem_columns(_outcome_labels())))
    for row in report.problems:
        cells = [
            row.category,
            row.total,
            row.by_school[SchoolType.ELEMENTARY],
            row.by_school[SchoolType.JUNIOR_HIGH],
            *(row.outcomes[o] for o in OUTCOMES),
        ]
        lines.append("  " + " | ".join(str(c) for c in cells))
    lines += ["", msg.text_service_heading()]
    for level in report.service:
        lines.append(
            msg.text_service(
                level.urgency.value,
                _h(level.claim_median),
                _h(level.claim_p90),
                level.claimed,
                _h(level.close_median),
                _h(level.close_p90),
                level.closed,
            )
        )
    lines.append(msg.text_unclaimed(report.unclaimed))
    lines += ["", msg.FOOTNOTE]
    return "\n".join(lines)


def _outcome_labels() -> tuple[str, ...]:
    return tuple(OUTCOME_LABELS[o] for o in OUTCOMES)


def _h(value: float | None) -> str:
    return "-" if value is None else f"{value:.1f}"


def report_csv(report: YearReport) -> str:
    """The table as CSV, starting with a BOM so that Excel shows the Japanese intact."""
    out = io.StringIO()
    out.write(BOM)
    writer = csv.writer(out)
    writer.writerow(msg.csv_columns(_outcome_labels()))
    year_as_filed = msg.era_year_label(report.fiscal_year, _era_year(report.fiscal_year))
    for row in report.problems:
        writer.writerow(
            [
                report.fiscal_year,
                year_as_filed,
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
            year_as_filed,
            msg.csv_children_row(),
            report.total_children,
            report.children[SchoolType.ELEMENTARY],
            report.children[SchoolType.JUNIOR_HIGH],
        ]
    )
    return out.getvalue()


def report_png(report: YearReport, path: Path) -> list[str]:
    """図1: problems by category and school type, as a grouped bar chart with Japanese labels
    and the count on each bar. A missing folder or an unwritable file is a ReportProblem.
    Returns the texts drawn on the bars (what a reader sees above each one)."""
    if not path.parent.is_dir():
        raise ReportProblem(cli_msg.report_folder_missing(str(path.parent), str(path)))
    if path.suffix.lower() not in (".png", ""):
        raise ReportProblem(cli_msg.report_not_png(str(path)))
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
    for offset, counts, label in (
        (-0.2, elementary, msg.ELEMENTARY),
        (0.2, junior, msg.JUNIOR_HIGH),
    ):
        bars = axes.bar([p + offset for p in positions], counts, width=0.4, label=label)
        axes.bar_label(bars, labels=[str(c) if c else "" for c in counts], padding=2, fontsize=9)
    axes.margins(y=0.12)
    axes.set_xticks(list(positions))
    axes.set_xticklabels(labels, rotation=30, ha="right")
    axes.set_ylabel(msg.chart_axis())
    axes.yaxis.set_major_locator(MaxNLocator(integer=True))
    axes.set_title(msg.chart_title(year_label(report.fiscal_year)))
    axes.legend()
    figure.tight_layout()
    drawn = [text.get_text() for text in axes.texts if text.get_text()]
    try:
        figure.savefig(path, dpi=120, format="png")
    except OSError as exc:
        raise ReportProblem(cli_msg.report_cannot_write(str(path), exc.strerror or "")) from exc
    finally:
        plt.close(figure)
    return drawn
