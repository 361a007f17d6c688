"""The words and marks of the opening-hours notation, read once from ``hours_notation.yaml``.

They are the grammar of ``hours:`` in every directory (月-金, 毎日, 祝日, 休み, the marks
between days and between times), kept as data so a maintainer sees the whole notation in
one short file. The file is read and checked the first time hours are parsed; a mistake
in it is a file:line problem (:class:`DataFileInvalid`), like a mistake in a directory.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Annotated

from pydantic import BaseModel, ConfigDict, Field, StrictStr

from directory import messages as msg
from directory.problems import Problem
from directory.yamlfile import LocatedYaml, Path_, load_data_file

NOTATION_FILE = Path(__file__).with_name("hours_notation.yaml")

_STRICT = ConfigDict(extra="forbid", strict=True, frozen=True)
_Word = Annotated[StrictStr, Field(min_length=1)]
_Words = Annotated[list[_Word], Field(min_length=1)]
_TIME = r"(\d{1,2}):(\d{2})"
_MONTH = r"(\d{1,2})"


class _MarksModel(BaseModel):
    model_config = _STRICT
    separators: _Words
    range_marks: _Words


class _DaysModel(_MarksModel):
    names: _Words
    every_day: _Words


class _ClosedModel(BaseModel):
    model_config = _STRICT
    national_holidays: _Word
    all_day: _Word


class _NotationModel(BaseModel):
    model_config = _STRICT
    days: _DaysModel
    times: _MarksModel
    closed: _ClosedModel


_FIELDS = sorted(
    {name for model in (_NotationModel, _DaysModel, _ClosedModel) for name in model.model_fields}
)


@dataclass(frozen=True)
class HoursNotation:
    """The notation, ready for the parser: words to compare and patterns to split by."""

    weekdays: tuple[str, ...]
    """Monday first, one character each."""
    every_day: frozenset[str]
    national_holidays: str
    closed_all_day: str
    day_separator: re.Pattern[str]
    day_range_mark: re.Pattern[str]
    time_separator: re.Pattern[str]
    time_range: re.Pattern[str]
    """A whole time range, its hours and minutes in groups: ``9:00-16:00``."""
    month_range: re.Pattern[str]
    """A whole range of months, the first and last in groups: ``4-9``."""


@lru_cache(maxsize=1)
def hours_notation() -> HoursNotation:
    """The bundled notation, read the first time it is needed."""
    return load_hours_notation(NOTATION_FILE)


def load_hours_notation(path: Path) -> HoursNotation:
    """Read and check a notation file; raise :class:`DataFileInvalid` (file:line problems)."""
    model = load_data_file(path, _NotationModel, _marks_problems, _FIELDS)
    days, times = model.days, model.times
    return HoursNotation(
        weekdays=tuple(days.names),
        every_day=frozenset(days.every_day),
        national_holidays=model.closed.national_holidays,
        closed_all_day=model.closed.all_day,
        day_separator=re.compile(_one_of(days.separators)),
        day_range_mark=re.compile(_one_of(days.range_marks)),
        time_separator=re.compile(_one_of(times.separators)),
        time_range=re.compile(rf"^{_TIME}\s*{_one_of(times.range_marks)}\s*{_TIME}$"),
        month_range=re.compile(rf"^{_MONTH}\s*{_one_of(days.range_marks)}\s*{_MONTH}$"),
    )


def _marks_problems(model: _NotationModel, located: LocatedYaml) -> list[Problem]:
    """Seven weekday names; every name and mark one character; none in two places of the
    same part (a mark that both lists and ranges days could not be read either way)."""
    problems: list[Problem] = []

    def add(path: Path_, text: msg.ProblemText) -> None:
        problems.append(Problem(located.file, located.line_of(path), *text))

    if len(model.days.names) != 7:
        add(("days", "names"), msg.weekdays_not_seven(len(model.days.names)))
    parts: dict[str, dict[str, list[str]]] = {
        "days": {
            "names": model.days.names,
            "separators": model.days.separators,
            "range_marks": model.days.range_marks,
        },
        "times": {"separators": model.times.separators, "range_marks": model.times.range_marks},
    }
    for part, lists in parts.items():
        seen: set[str] = set()
        for key, marks in lists.items():
            for i, mark in enumerate(marks):
                if len(mark) != 1:
                    add((part, key, i), msg.not_one_character(mark))
                elif mark in seen:
                    add((part, key, i), msg.written_twice(mark))
                seen.add(mark)
    return problems


def _one_of(marks: Iterable[str]) -> str:
    """A regular expression matching any one of ``marks``: ``[,、・]``."""
    return "[" + "".join(re.escape(mark) for mark in marks) + "]"
