"""A web worker's background thread does its work when requests leave it a quiet moment."""

from __future__ import annotations

import pytest

from bot.slack.runtime.background import QUIET_GAP, InFlight


class Clock:
    def __init__(self) -> None:
        self.now = 100.0

    def __call__(self) -> float:
        return self.now


def test_a_moment_between_two_requests_is_not_quiet_enough_for_background_work() -> None:
    clock = Clock()
    in_flight = InFlight(clock)
    with in_flight:
        clock.now += 1
        assert not in_flight.quiet()
    clock.now += QUIET_GAP / 5  # the server is handing over the next queued request
    assert not in_flight.quiet()
    clock.now += QUIET_GAP
    assert in_flight.quiet()


def test_a_request_in_flight_is_never_quiet_however_long_it_takes() -> None:
    clock = Clock()
    in_flight = InFlight(clock)
    with in_flight:
        clock.now += 60
        assert not in_flight.quiet()
    assert not in_flight.quiet()


def test_waiting_for_quiet_gives_up_after_the_longest_deferral() -> None:
    clock = Clock()

    def sleep(seconds: float) -> None:
        clock.now += seconds

    in_flight = InFlight(clock, sleep)
    with in_flight:  # a request that goes on while the background thread waits
        in_flight.wait_until_quiet(timeout=0.05)
        assert clock.now == pytest.approx(100.05)


def test_waiting_for_quiet_ends_as_soon_as_the_requests_leave_a_gap() -> None:
    clock = Clock()
    in_flight = InFlight(clock, lambda seconds: setattr(clock, "now", clock.now + seconds))
    with in_flight:
        pass
    in_flight.wait_until_quiet(timeout=10)
    assert clock.now < 100.1
