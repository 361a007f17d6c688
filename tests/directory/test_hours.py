"""Every hours rule in the seeds, on real dates of 2026–2027 (Asia/Tokyo)."""

from __future__ import annotations

import pytest

from directory.calendar import JapaneseHolidays
from directory.hours import (
    HoursSyntaxError,
    parse_days,
    parse_months,
    parse_ranges,
    parse_rule,
    status_at,
)
from directory.loader import load_directory
from tests.conftest import at

CALENDAR = JapaneseHolidays()
DIRECTORY = load_directory()


def open_at(resource_id: str, when: str, phone: str | None = None) -> bool | None:
    resource = DIRECTORY.by_id[resource_id]
    schedule = resource.schedule
    if phone:
        schedule = next(p.schedule for p in resource.phones if p.label == phone)
    return status_at(schedule, at(when), CALENDAR).open_now


KICHIJOJI = "musashino-0123-kichijoji"
HARAPPA = "musashino-0123-harappa"
SAKURAZUTSUMI = "musashino-sakurazutsumi-jidokan"
HOKEN = "musashino-hoken-center"
KOKASEN = "musashino-kodomo-katei-shien-center"


@pytest.mark.parametrize(
    ("resource", "when", "expected"),
    [
        (KICHIJOJI, "2026-11-24 09:00", True),  # opening minute is inclusive
        (KICHIJOJI, "2026-11-24 08:59", False),
        (KICHIJOJI, "2026-11-26 15:59", True),
        (KICHIJOJI, "2026-11-26 16:00", False),  # closing minute is exclusive
        (KICHIJOJI, "2026-11-23 11:00", False),  # 勤労感謝の日 (a Monday, closed anyway)
        (KICHIJOJI, "2026-11-29 11:00", False),  # 日曜
        (KICHIJOJI, "2026-11-28 11:00", True),  # 土曜 open
        (KICHIJOJI, "2027-05-05 10:00", True),  # こどもの日 is the exception
        (KICHIJOJI, "2026-05-06 10:00", False),  # 振替休日 is not こどもの日
        (KICHIJOJI, "2026-09-22 10:00", False),  # 国民の休日
        (KICHIJOJI, "2026-12-29 10:00", False),  # 年末年始 starts
        (KICHIJOJI, "2027-01-03 10:00", False),  # 年末年始 ends
        (KICHIJOJI, "2027-01-05 10:00", True),
        (HARAPPA, "2026-11-27 10:00", False),  # 金
        (HARAPPA, "2026-11-28 10:00", False),  # 土
        (HARAPPA, "2026-11-29 10:00", True),  # 日 open
        (HARAPPA, "2026-12-30 10:00", False),
        (SAKURAZUTSUMI, "2026-09-30 17:15", True),  # 4–9月 until 17:30
        (SAKURAZUTSUMI, "2026-10-01 17:15", False),  # 10–3月 until 17:00
        (SAKURAZUTSUMI, "2027-03-31 16:59", True),
        (SAKURAZUTSUMI, "2027-04-01 17:29", True),
        (SAKURAZUTSUMI, "2027-07-19 10:00", False),  # 海の日
        (HOKEN, "2026-11-25 08:29", False),
        (HOKEN, "2026-11-25 08:30", True),
        (HOKEN, "2026-11-25 16:59", True),
        (HOKEN, "2026-11-25 17:00", False),
        (HOKEN, "2026-11-28 10:00", False),
    ],
)
def test_seed_hours_on_real_dates(resource: str, when: str, expected: bool) -> None:
    assert open_at(resource, when) is expected


def test_consultation_line_has_its_own_hours_not_the_centres() -> None:
    assert open_at(KOKASEN, "2026-11-24 21:59", phone="相談専用電話") is True
    assert open_at(KOKASEN, "2026-11-24 21:59", phone="子育て・ひとり親相談電話") is False
    assert open_at(KOKASEN, "2026-11-28 10:00", phone="相談専用電話") is True  # 土曜 open
    assert open_at(KOKASEN, "2026-11-28 10:00", phone="子育て・ひとり親相談電話") is False
    assert open_at(KOKASEN, "2026-11-29 10:00", phone="相談専用電話") is False


def test_unknown_hours_are_unknown_not_closed() -> None:
    assert open_at("musashino-habit", "2026-11-24 10:00") is None


def test_closed_place_says_when_it_opens_next() -> None:
    harappa = DIRECTORY.by_id[HARAPPA]
    status = status_at(harappa.schedule, at("2026-11-27 10:00"), CALENDAR)
    assert status.next_open == at("2026-11-29 09:00")
    year_end = status_at(harappa.schedule, at("2026-12-28 16:30"), CALENDAR)
    assert year_end.next_open == at("2027-01-04 09:00")


def test_rules_parse_wrapping_weeks_and_months() -> None:
    assert parse_days("日-木") == frozenset({6, 0, 1, 2, 3})
    assert parse_days("火,木") == frozenset({1, 3})
    assert parse_months("10-3") == frozenset({10, 11, 12, 1, 2, 3})
    assert [str(r) for r in parse_ranges("9:00-12:00,13:00-17:00")] == ["9:00-12:00", "13:00-17:00"]
    assert parse_rule("毎日 0:00-24:00").days == frozenset(range(7))


@pytest.mark.parametrize(
    "bad", ["月-金 9:00", "月-金 17:00-9:00", "げつ 9:00-17:00", "月-金 9:00-12:00,11:00-13:00"]
)
def test_bad_rules_are_refused_with_a_hint(bad: str) -> None:
    with pytest.raises(HoursSyntaxError) as caught:
        parse_rule(bad)
    assert caught.value.hint
