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

    def one_business_day_after(self, moment: datetime) -> datetime:
        """The same clock time on the next business day (filed Fri 16:00 → Mon 16:00)."""
        local = moment.astimezone(TOKYO)
        next_day = self.next_business_day(local.date())
        return datetime.combine(next_day, local.timetz()).astimezone(moment.tzinfo)

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
