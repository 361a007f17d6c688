"""National holidays must match the Cabinet Office list; 年末年始 is not one of them."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from directory.calendar import JapaneseHolidays, is_business_day
from directory.hours import MonthDayPeriod

# 内閣府「国民の祝日について」 2025–2027, 振替休日 and 国民の休日 included.
OFFICIAL = {
    2025: [
        "01-01",
        "01-13",
        "02-11",
        "02-23",
        "02-24",
        "03-20",
        "04-29",
        "05-03",
        "05-04",
        "05-05",
        "05-06",
        "07-21",
        "08-11",
        "09-15",
        "09-23",
        "10-13",
        "11-03",
        "11-23",
        "11-24",
    ],
    2026: [
        "01-01",
        "01-12",
        "02-11",
        "02-23",
        "03-20",
        "04-29",
        "05-03",
        "05-04",
        "05-05",
        "05-06",
        "07-20",
        "08-11",
        "09-21",
        "09-22",
        "09-23",
        "10-12",
        "11-03",
        "11-23",
    ],
    2027: [
        "01-01",
        "01-11",
        "02-11",
        "02-23",
        "03-21",
        "03-22",
        "04-29",
        "05-03",
        "05-04",
        "05-05",
        "07-19",
        "08-11",
        "09-20",
        "09-23",
        "10-11",
        "11-03",
        "11-23",
    ],
}


@pytest.mark.parametrize("year", sorted(OFFICIAL))
def test_holidays_match_the_official_list(year: int) -> None:
    calendar = JapaneseHolidays()
    found = []
    day = date(year, 1, 1)
    while day.year == year:
        if calendar.holiday_name(day):
            found.append(day.strftime("%m-%d"))
        day += timedelta(days=1)
    assert found == OFFICIAL[year]


@pytest.mark.parametrize(
    ("day", "name"),
    [
        (date(2026, 5, 6), "振替休日"),
        (date(2026, 9, 22), "国民の休日"),
        (date(2027, 3, 22), "振替休日"),
        (date(2027, 5, 5), "こどもの日"),
        (date(2026, 11, 23), "勤労感謝の日"),
    ],
)
def test_substitute_and_citizens_holidays_have_japanese_names(day: date, name: str) -> None:
    assert JapaneseHolidays().holiday_name(day) == name


def test_year_end_is_a_closure_not_a_national_holiday() -> None:
    calendar = JapaneseHolidays()
    year_end = MonthDayPeriod("年末年始", (12, 29), (1, 3))
    assert calendar.holiday_name(date(2026, 12, 29)) is None
    assert not is_business_day(date(2026, 12, 29), calendar, [year_end])
    assert not is_business_day(date(2027, 1, 4 - 1), calendar, [year_end])
    assert is_business_day(date(2027, 1, 4), calendar, [year_end])
    assert not is_business_day(date(2026, 11, 23), calendar)
    assert not is_business_day(date(2026, 11, 28), calendar)


def test_every_holiday_name_is_known_for_the_data_check() -> None:
    from directory.calendar import holiday_names

    calendar = JapaneseHolidays()
    names = {
        calendar.holiday_name(date(2027, 1, 1) + timedelta(days=i)) for i in range(3 * 365)
    } - {None}
    assert names <= holiday_names()
