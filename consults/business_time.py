"""Business days and hours for reminders and service levels. Pure: times are arguments.

Business days are weekdays that are neither national holidays nor inside a
municipal closure such as 年末年始 — the same calendar the directory uses.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, datetime, timedelta

from directory.calendar import TOKYO, HolidayCalendar, Period, is_business_day
from directory.hours import TimeRange


class BusinessCalendar:
    def __init__(
        self, calendar: HolidayCalendar, closures: Sequence[Period], hours: TimeRange
    ) -> None:
        self.calendar = calendar
        self.closures = tuple(closures)
        self.hours = hours

    def is_business_day(self, day: date) -> bool:
        return is_business_day(day, self.calendar, self.closures)

    def next_business_day(self, day: date) -> date:
        day += timedelta(days=1)
        while not self.is_business_day(day):
            day += timedelta(days=1)
        return day

    def is_open(self, moment: datetime) -> bool:
        """Inside business hours on a business day."""
        local = moment.astimezone(TOKYO)
        minute = local.hour * 60 + local.minute
        return self.is_business_day(local.date()) and self.hours.start <= minute < self.hours.end

    def next_opening(self, moment: datetime) -> datetime:
        """``moment`` itself when open; otherwise when business hours next begin
        (22:00 Friday → 8:30 Monday; before a holiday Monday → 8:30 Tuesday)."""
        if self.is_open(moment):
            return moment
        local = moment.astimezone(TOKYO)
        day = local.date()
        if not self.is_business_day(day) or local.hour * 60 + local.minute >= self.hours.end:
            day = self.next_business_day(day)
        return self._at(day, self.hours.start).astimezone(moment.tzinfo)

    def reminder_due(self, filed: datetime) -> datetime:
        """When an unclaimed consult's SSW is reminded: the next business day at the clock time
        it was filed, or at the opening when it was filed outside business hours
        (Fri 16:00 → Mon 16:00; Fri 22:00 → Mon 8:30). Never outside business hours."""
        local = filed.astimezone(TOKYO)
        minute = local.hour * 60 + local.minute
        day = self.next_business_day(local.date())
        if self.hours.start <= minute < self.hours.end:
            return self._at(day, minute, local.second).astimezone(filed.tzinfo)
        return self._at(day, self.hours.start).astimezone(filed.tzinfo)

    def _at(self, day: date, minute: int, second: int = 0) -> datetime:
        return datetime.combine(day, datetime.min.time(), TOKYO) + timedelta(
            minutes=minute, seconds=second
        )

    def business_hours_between(self, start: datetime, end: datetime) -> float:
        """Hours inside business hours on business days between two moments."""
        if end <= start:
            return 0.0
        start, end = start.astimezone(TOKYO), end.astimezone(TOKYO)
        total = 0.0
        day = start.date()
        while day <= end.date():
            if self.is_business_day(day):
                opens = datetime.combine(day, datetime.min.time(), TOKYO) + timedelta(
                    minutes=self.hours.start
                )
                closes = datetime.combine(day, datetime.min.time(), TOKYO) + timedelta(
                    minutes=self.hours.end
                )
                low, high = max(start, opens), min(end, closes)
                if high > low:
                    total += (high - low).total_seconds() / 3600
            day += timedelta(days=1)
        return total
