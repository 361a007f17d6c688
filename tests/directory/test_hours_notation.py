"""The hours notation (月-金, 毎日, 祝日, 休み and the marks between days and times) is
data in one short file; a maintainer who breaks it is told where, as for any data file."""

from __future__ import annotations

from pathlib import Path

import pytest

from directory.hours import parse_rule
from directory.hours_notation import NOTATION_FILE, hours_notation, load_hours_notation
from directory.problems import DataFileInvalid


def test_every_mark_of_the_notation_is_read_as_staff_write_it() -> None:
    rule = parse_rule("月・水〜金 9:00〜12:00、13:00–17:00")
    assert rule.days == frozenset({0, 2, 3, 4})
    assert [str(r) for r in rule.ranges] == ["9:00-12:00", "13:00-17:00"]
    assert parse_rule("全日 9:00-17:00").days == frozenset(range(7))


def test_the_bundled_notation_names_the_week_from_monday() -> None:
    notation = hours_notation()
    assert "".join(notation.weekdays) == "月火水木金土日"
    assert (notation.national_holidays, notation.closed_all_day) == ("祝日", "休み")


def broken_copy(tmp_path: Path, old: str, new: str) -> Path:
    text = NOTATION_FILE.read_text(encoding="utf-8")
    assert old in text
    path = tmp_path / "hours_notation.yaml"
    path.write_text(text.replace(old, new), encoding="utf-8")
    return path


def line_of(path: Path, text: str) -> int:
    lines = path.read_text(encoding="utf-8").splitlines()
    return next(i for i, line in enumerate(lines, 1) if text in line)


@pytest.mark.parametrize(
    ("old", "new", "said"),
    [
        ("names: [月, 火, 水, 木, 金, 土, 日]", "names: [月, 火, 水, 木, 金, 土]", "7つ"),
        ("names: [月, 火, 水, 木, 金, 土, 日]", "names: [月曜, 火, 水, 木, 金, 土, 日]", "1文字"),
        ('range_marks: ["-", "~", "〜"]', 'range_marks: ["-", "~", "・"]', "2か所"),
        ("all_day: 休み", "all_day:", "文字列"),
        ("national_holidays: 祝日", "national_holiday: 祝日", "知らない項目"),
    ],
)
def test_a_broken_notation_is_refused_at_its_line_with_how_to_fix_it(
    tmp_path: Path, old: str, new: str, said: str
) -> None:
    path = broken_copy(tmp_path, old, new)
    with pytest.raises(DataFileInvalid) as caught:
        load_hours_notation(path)
    where = f"{path}:{line_of(path, new)}: "
    assert any(str(p).startswith(where) and said in p.message for p in caught.value.problems), [
        str(p) for p in caught.value.problems
    ]
    assert all(p.hint for p in caught.value.problems)
