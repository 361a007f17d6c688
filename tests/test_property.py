"""Whatever Unicode arrives from Slack, ``ask`` answers (speed is measured by benchmarks/, not here)."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from answers.contract import answer_to_json
from bot.questions import QuestionRejected, check_question
from tests.conftest import at

NOW = at("2026-11-24 10:00")


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=400))
def test_ask_never_raises_on_any_unicode(engine, text: str) -> None:  # type: ignore[no-untyped-def]
    try:
        question = check_question(text)
    except QuestionRejected:
        return
    data = answer_to_json(engine.answer(question, NOW))
    assert data["intent"] in {
        "find_service",
        "opening_hours",
        "contact",
        "consult_request",
        "emergency",
        "help",
        "unknown",
    }
    assert isinstance(data["text"], str) and data["text"]


@settings(max_examples=100, deadline=None)
@given(
    st.lists(
        st.sampled_from(
            [
                "はらっぱ",
                "あざ",
                "不登校",
                "SSW",
                "<@U1>",
                "以外",
                "今日",
                "ｰ",
                "子家セン",
                "🙂",
                "0123",
            ]
        ),
        max_size=12,
    )
)
def test_mixed_vocabulary_never_breaks_the_engine(engine, words: list[str]) -> None:  # type: ignore[no-untyped-def]
    text = "".join(words) or "?"
    answer_to_json(engine.answer(text, NOW))
