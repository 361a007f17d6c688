"""Opening hours: a small notation staff can read, and the rules to evaluate it.

Staff write hours as Japanese weekday rules (``"火-土 9:00-16:00"``), optional
seasons by month, closures (``祝日``, ``年末年始``, dates) with holiday exceptions
(``こどもの日``) and one-off dated hours. The notation's words and marks are data, in
``hours_notation.yaml`` (:mod:`directory.hours_notation`). OpenStreetMap's
opening_hours notation was considered, but it reads poorly for the people who keep
this data and its embedded Japanese holiday list is wrong; national holidays come
from the ``holidays`` library through :mod:`directory.calendar` instead.

Everything here is pure: the moment to evaluate is always an argument.
Opening time is inclusive, closing time exclusive (16:00 at a 9:00-16:00 window
is closed).
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta

from directory import messages as msg
from directory.calendar import HolidayCalendar
from directory.hours_notation import hours_notation

LOOKAHEAD_DAYS = 21

_DATE_RE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_MONTH_DAY_RE = re.compile(r"^(\d{2})-(\d{2})\.\.(\d{2})-(\d{2})$")


class HoursSyntaxError(ValueError):
    """A piece of hours notation that does not parse; carries a fix hint."""

    def __init__(self, message: str, hint: str) -> None:
        super().__init__(message)
        self.message = message
        self.hint = hint


@dataclass(frozen=True, order=True)
class TimeRange:
    """Minutes after midnight, [start, end). ``end`` may be 1440 (24:00)."""

    start: int
    end: int

    def __str__(self) -> str:
        return f"{self.start // 60}:{self.start % 60:02d}-{self.end // 60}:{self.end % 60:02d}"

    def contains(self, minute: int) -> bool:
        return self.start <= minute < self.end


@dataclass(frozen=True)
class WeeklyRule:
    days: frozenset[int]
    ranges: tuple[TimeRange, ...]
    months: frozenset[int] | None = None


@dataclass(frozen=True)
class MonthDayPeriod:
    """A yearly period such as 年末年始 (12/29-1/3), which may wrap the year end."""

    name: str
    start: tuple[int, int]
    end: tuple[int, int]

    def contains(self, day: date) -> bool:
        key = (day.month, day.day)
        if self.start <= self.end:
            return self.start <= key <= self.end
        return key >= self.start or key <= self.end


@dataclass(frozen=True)
class DatePeriod:
    first: date
    last: date

    def contains(self, day: date) -> bool:
        return self.first <= day <= self.last


@dataclass(frozen=True)
class Schedule:
    """When a place (or a phone line) is open. ``known`` is False when no hours are registered."""

    rules: tuple[WeeklyRule, ...] = ()
    closed_on_holidays: bool = False
    holiday_open: frozenset[str] = frozenset()
    yearly_closures: tuple[MonthDayPeriod, ...] = ()
    dated_closures: tuple[DatePeriod, ...] = ()
    special: Mapping[date, tuple[TimeRange, ...]] = field(default_factory=dict)
    note: str | None = None

    @property
    def known(self) -> bool:
        return bool(self.rules or self.special)

    def ranges_on(self, day: date, calendar: HolidayCalendar) -> tuple[TimeRange, ...]:
        """The opening ranges on ``day`` (empty when closed all day)."""
        if day in self.special:
            return self.special[day]
        if any(p.contains(day) for p in self.dated_closures):
            return ()
        if any(p.contains(day) for p in self.yearly_closures):
            return ()
        holiday = calendar.holiday_name(day)
        if self.closed_on_holidays and holiday and holiday not in self.holiday_open:
            return ()
        ranges: list[TimeRange] = []
        for rule in self.rules:
            if day.weekday() in rule.days and (rule.months is None or day.month in rule.months):
                ranges.extend(rule.ranges)
        return tuple(sorted(ranges))

    def closure_reason(self, day: date, calendar: HolidayCalendar) -> str | None:
        """Why the place is closed all day on ``day``, in the directory's own words."""
        if day in self.special and not self.special[day]:
            return msg.TEMPORARILY_CLOSED
        if any(p.contains(day) for p in self.dated_closures):
            return msg.TEMPORARILY_CLOSED
        for period in self.yearly_closures:
            if period.contains(day):
                return period.name
        holiday = calendar.holiday_name(day)
        if self.closed_on_holidays and holiday and holiday not in self.holiday_open:
            return holiday
        if not self.ranges_on(day, calendar):
            return msg.closed_on_weekday(hours_notation().weekdays[day.weekday()])
        return None


@dataclass(frozen=True)
class Status:
    """Open or closed at one moment. ``open_now`` is None when hours are unknown."""

    open_now: bool | None
    today: tuple[TimeRange, ...]
    closes_at: datetime | None
    next_open: datetime | None
    closed_reason: str | None

    @property
    def hours_today(self) -> str | None:
        if self.open_now is None:
            return None
        if not self.today:
            return msg.CLOSED_ALL_DAY
        return ",".join(str(r) for r in self.today)


UNKNOWN_STATUS = Status(None, (), None, None, None)


def status_at(schedule: Schedule, now: datetime, calendar: HolidayCalendar) -> Status:
    """Evaluate ``schedule`` at ``now`` (an aware datetime in the place's time zone)."""
    if not schedule.known:
        return UNKNOWN_STATUS
    today = now.date()
    minute = now.hour * 60 + now.minute
    ranges = schedule.ranges_on(today, calendar)
    for r in ranges:
        if r.contains(minute):
            return Status(True, ranges, _at(today, r.end, now), None, None)
    return Status(
        False,
        ranges,
        None,
        next_opening(schedule, now, calendar),
        schedule.closure_reason(today, calendar) if not ranges else None,
    )


def next_opening(schedule: Schedule, now: datetime, calendar: HolidayCalendar) -> datetime | None:
    """The first opening strictly after ``now`` within three weeks, or None."""
    minute = now.hour * 60 + now.minute
    for offset in range(LOOKAHEAD_DAYS + 1):
        day = now.date() + timedelta(days=offset)
        for r in schedule.ranges_on(day, calendar):
            if offset > 0 or r.start > minute:
                return _at(day, r.start, now)
    return None


def _at(day: date, minute: int, like: datetime) -> datetime:
    if minute >= 24 * 60:
        return datetime.combine(day + timedelta(days=1), time(0, 0), like.tzinfo)
    return datetime.combine(day, time(minute // 60, minute % 60), like.tzinfo)


def parse_days(text: str) -> frozenset[int]:
    """``"月-金"``, ``"火,木"``, ``"日-木"`` (wraps the week) or ``"毎日"``."""
    notation = hours_notation()
    text = text.strip()
    if text in notation.every_day:
        return frozenset(range(7))
    days: set[int] = set()
    for part in notation.day_separator.split(text):
        part = part.strip()
        bounds = [p.strip() for p in notation.day_range_mark.split(part)]
        if not all(b in notation.weekdays for b in bounds) or len(bounds) > 2:
            raise HoursSyntaxError(*msg.days_unreadable(part))
        first = notation.weekdays.index(bounds[0])
        last = notation.weekdays.index(bounds[-1])
        day = first
        while True:
            days.add(day)
            if day == last:
                break
            day = (day + 1) % 7
    return frozenset(days)


def parse_ranges(text: str) -> tuple[TimeRange, ...]:
    """``"9:00-16:00"`` or several joined by commas: ``"9:00-12:00,13:00-17:00"``."""
    notation = hours_notation()
    ranges = []
    for part in notation.time_separator.split(text):
        match = notation.time_range.match(part.strip())
        if not match:
            raise HoursSyntaxError(*msg.time_unreadable(part.strip()))
        h1, m1, h2, m2 = (int(g) for g in match.groups())
        start, end = h1 * 60 + m1, h2 * 60 + m2
        if m1 >= 60 or m2 >= 60 or h1 > 23 or end > 24 * 60 or end <= start:
            raise HoursSyntaxError(*msg.time_out_of_order(part.strip()))
        ranges.append(TimeRange(start, end))
    return _check_no_overlap(tuple(sorted(ranges)))


def parse_rule(text: str, months: frozenset[int] | None = None) -> WeeklyRule:
    """``"火-土 9:00-16:00"``: days, a space, then time ranges."""
    parts = text.strip().split(None, 1)
    if len(parts) != 2:
        raise HoursSyntaxError(*msg.rule_unreadable(text))
    return WeeklyRule(parse_days(parts[0]), parse_ranges(parts[1]), months)


def parse_months(text: str) -> frozenset[int]:
    """``"4-9"`` or ``"10-3"`` (wraps the year)."""
    match = hours_notation().month_range.match(str(text).strip())
    if not match:
        raise HoursSyntaxError(*msg.months_unreadable(text))
    first, last = int(match.group(1)), int(match.group(2))
    if not (1 <= first <= 12 and 1 <= last <= 12):
        raise HoursSyntaxError(*msg.months_out_of_range(text))
    months = set()
    month = first
    while True:
        months.add(month)
        if month == last:
            break
        month = month % 12 + 1
    return frozenset(months)


def parse_date_period(text: str) -> DatePeriod:
    """``"2026-12-01"`` or ``"2026-08-13..2026-08-16"``."""
    parts = [p.strip() for p in text.split("..")]
    if len(parts) > 2 or not all(_DATE_RE.match(p) for p in parts):
        raise HoursSyntaxError(*msg.closure_unreadable(text))
    try:
        first, last = date.fromisoformat(parts[0]), date.fromisoformat(parts[-1])
    except ValueError as exc:
        raise HoursSyntaxError(*msg.no_such_date(text)) from exc
    if last < first:
        raise HoursSyntaxError(*msg.period_reversed(text))
    return DatePeriod(first, last)


def parse_month_day_period(name: str, text: str) -> MonthDayPeriod:
    """A named yearly closure such as ``年末年始: "12-29..01-03"``."""
    match = _MONTH_DAY_RE.match(text.strip())
    if not match:
        raise HoursSyntaxError(*msg.yearly_period_unreadable(name, text))
    m1, d1, m2, d2 = (int(g) for g in match.groups())
    return MonthDayPeriod(name, (m1, d1), (m2, d2))


def check_rules_do_not_overlap(rules: tuple[WeeklyRule, ...]) -> None:
    """Two rules that open the same weekday (in the same month) must not overlap in time."""
    seasonal = any(rule.months is not None for rule in rules)
    for month in range(1, 13) if seasonal else (1,):
        for weekday in range(7):
            ranges = tuple(
                sorted(
                    r
                    for rule in rules
                    if weekday in rule.days and (rule.months is None or month in rule.months)
                    for r in rule.ranges
                )
            )
            try:
                _check_no_overlap(ranges)
            except HoursSyntaxError as exc:
                weekday_name = hours_notation().weekdays[weekday]
                raise HoursSyntaxError(
                    *msg.rules_overlap(weekday_name, month if seasonal else None, exc.message)
                ) from exc


def _check_no_overlap(ranges: tuple[TimeRange, ...]) -> tuple[TimeRange, ...]:
    for earlier, later in zip(ranges, ranges[1:], strict=False):
        if later.start < earlier.end:
            raise HoursSyntaxError(*msg.times_overlap(earlier, later))
    return ranges
