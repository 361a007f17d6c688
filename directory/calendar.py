"""Japanese national holidays and business days, from the ``holidays`` library.

The library follows the Cabinet Office list, 振替休日 and 国民の休日 included; we
never keep our own list. 年末年始 is a municipal closure, not a national holiday,
so it lives in the directory data (``vocabulary.yaml``), not here.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from functools import lru_cache
from typing import Protocol
from zoneinfo import ZoneInfo

import holidays

TOKYO = ZoneInfo("Asia/Tokyo")


class HolidayCalendar(Protocol):
    def holiday_name(self, day: date) -> str | None: ...


class Period(Protocol):
    def contains(self, day: date) -> bool: ...


class JapaneseHolidays:
    """National holidays of Japan with their Japanese names (こどもの日, 振替休日 …)."""

    def holiday_name(self, day: date) -> str | None:
        return _holidays_of(day.year).get(day)


@lru_cache(maxsize=1)
def holiday_names() -> frozenset[str]:
    """Every national holiday name, for checking こどもの日 and the like in the data.

    Two years hold them all: 2026 has both 振替休日 and 国民の休日.
    """
    return frozenset(holidays.country_holidays("JP", language="ja", years=(2025, 2026)).values())


@lru_cache(maxsize=16)
def _holidays_of(year: int) -> dict[date, str]:
    return dict(holidays.country_holidays("JP", language="ja", years=year).items())


def is_business_day(day: date, calendar: HolidayCalendar, closures: Iterable[Period] = ()) -> bool:
    """Weekdays that are neither a national holiday nor inside a closure such as 年末年始."""
    if day.weekday() >= 5 or calendar.holiday_name(day):
        return False
    return not any(period.contains(day) for period in closures)
