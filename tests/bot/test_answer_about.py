"""An answer about one window chosen by id (what the buttons under an answer call)."""

from __future__ import annotations

from datetime import date

from answers.engine import AnswerEngine
from intents.understand import Intent
from tests.conftest import at


def test_hours_of_a_window_on_the_day_asked(engine: AnswerEngine) -> None:
    sunday = date(2026, 11, 29)
    answer = engine.about(
        "musashino-kodomo-katei-shien-center",
        Intent.OPENING_HOURS,
        at("2026-11-24 10:00"),
        day=sunday,
    )
    assert answer is not None and answer.intent is Intent.OPENING_HOURS
    (card,) = answer.cards
    assert card.resource.id == "musashino-kodomo-katei-shien-center"
    assert card.asked_day is not None and card.asked_day[0] == sunday
    assert answer.other_day_asked == sunday


def test_contact_of_a_window_of_another_city_keeps_the_askers_city(engine: AnswerEngine) -> None:
    answer = engine.about(
        "musashino-kyoiku-shien-center", Intent.CONTACT, at("2026-11-24 10:00"), "国立市"
    )
    assert answer is not None and answer.municipality.name == "国立市"
    assert answer.cards[0].municipality.name == "武蔵野市"


def test_a_window_no_longer_in_the_directory_or_a_question_kind_it_cannot_answer(
    engine: AnswerEngine,
) -> None:
    now = at("2026-11-24 10:00")
    assert engine.about("gone-window", Intent.CONTACT, now) is None
    assert engine.about("musashino-kyoiku-shien-center", Intent.EMERGENCY, now) is None
