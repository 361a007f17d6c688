"""Words of the yearly SSW activity report (``madoguchi report``): the text table, the CSV
columns a municipality files, the chart's labels, and the year in the era municipalities write.
The errors about ``--fiscal-year`` and ``--png`` are the command line's (:mod:`bot.messages.cli`).
"""

from __future__ import annotations

# The era, as the year label writes it and ``--fiscal-year`` reads it (令和8, 令和元).
# Constants, not YAML: one era and the two words after a year, shared by the label below
# and the one parser in bot/report.py.
ERA = "令和"
ERA_FIRST_YEAR = "元"
YEAR_SUFFIXES = ("年度", "年")  # removed in this order: 令和8年度, 令和8年, 2026年度

ELEMENTARY = "小学校"
JUNIOR_HIGH = "中学校"

FOOTNOTE = "※取り下げは数えない。未完了の相談は「支援中」に数える。時間は営業日・受付時間内の時間。"


def year_label(fiscal_year: int, era_year: int | None) -> str:
    """令和8年度（2026年度）: the era as municipalities file it, and the western year;
    ``era_year`` is None before the era began.

    >>> year_label(2019, 1), year_label(2026, 8), year_label(2018, None)
    ('令和元年度（2019年度）', '令和8年度（2026年度）', '2018年度')
    """
    if era_year is None:
        return f"{fiscal_year}年度"
    return f"{era_year_label(fiscal_year, era_year)}（{fiscal_year}年度）"


def era_year_label(fiscal_year: int, era_year: int | None) -> str:
    """The year as the CSV's 年度（和暦） column gives it: 令和8年度 (2018年度 before the era)."""
    if era_year is None:
        return f"{fiscal_year}年度"
    return f"{ERA}{ERA_FIRST_YEAR if era_year == 1 else era_year}年度"


def text_title(year: str) -> str:
    return f"■ {year} SSW活動状況"


def text_children_heading() -> str:
    return "(1) 支援対象となった児童生徒数"


def text_children(elementary: int, junior_high: int, total: int) -> str:
    return f"  {ELEMENTARY} {elementary}  {JUNIOR_HIGH} {junior_high}  合計 {total}"


def text_problems_heading() -> str:
    return "(2) 支援対象となった児童生徒の抱える問題と支援状況（重複あり）"


def problem_columns(outcomes: tuple[str, ...]) -> list[str]:
    """The problem table's columns, in the text and the CSV: then one per outcome."""
    return ["抱える問題", "支援件数", ELEMENTARY, JUNIOR_HIGH, *outcomes]


def text_service_heading() -> str:
    return "(3) 対応の速さ（営業時間ベース、時間）"


def text_service(
    urgency: str,
    claim_median: str,
    claim_p90: str,
    claimed: int,
    close_median: str,
    close_p90: str,
    closed: int,
) -> str:
    """One urgency's business hours from received to claimed and to closed (numbers already
    written, ``-`` where there is none)."""
    return (
        f"  {urgency}: 受付→担当 中央値 {claim_median} / 90%点 {claim_p90}（{claimed}件）"
        f"、受付→完了 中央値 {close_median} / 90%点 {close_p90}（{closed}件）"
    )


def text_unclaimed(count: int) -> str:
    return f"  まだ担当が決まっていない相談: {count}件"


def csv_columns(outcomes: tuple[str, ...]) -> list[str]:
    return ["年度", "年度（和暦）", *problem_columns(outcomes)]


def csv_children_row() -> str:
    """The last row's name: the children supported, in the 抱える問題 column."""
    return "支援対象児童生徒数"


def chart_title(year: str) -> str:
    return f"図1 支援対象となった児童生徒が抱える問題（小中学校別件数） {year}"


def chart_axis() -> str:
    return "件数"
