"""What a question must look like before the engine sees it, and the asker's clock."""

from __future__ import annotations

from datetime import datetime

from bot.messages import common as msg
from consults.characters import unusable_characters
from directory.calendar import TOKYO

MAX_QUESTION_CHARS = 2000
NOW_YEARS = (1990, 2100)
"""The years a --now may name: the holiday calendar and the fiscal years are known there."""


class QuestionRejected(ValueError):
    """The input cannot be answered; ``str(exc)`` is the Japanese sentence to show."""


def check_question(text: object) -> str:
    if not isinstance(text, str) or not text.strip():
        raise QuestionRejected(msg.empty_question())
    if len(text) > MAX_QUESTION_CHARS:
        raise QuestionRejected(msg.question_too_long(MAX_QUESTION_CHARS))
    if unusable_characters(text):
        raise QuestionRejected(msg.control_characters())
    return text.strip()


def parse_now(value: object) -> datetime:
    """ISO-8601; a time without zone is taken as Asia/Tokyo. Empty is not "now" but a mistake,
    and a year the calendar cannot answer for (year 1, 9999) is refused in one sentence."""
    if not isinstance(value, str) or not value.strip():
        raise QuestionRejected(msg.invalid_now(str(value)))
    try:
        parsed = datetime.fromisoformat(value.strip())
        parsed = parsed.replace(tzinfo=TOKYO) if parsed.tzinfo is None else parsed.astimezone(TOKYO)
    except ValueError as exc:
        raise QuestionRejected(msg.invalid_now(value)) from exc
    except OverflowError as exc:  # year 1 in Tokyo is before year 1 in UTC
        raise QuestionRejected(msg.now_out_of_range(value, *NOW_YEARS)) from exc
    if not NOW_YEARS[0] <= parsed.year <= NOW_YEARS[1]:
        raise QuestionRejected(msg.now_out_of_range(value, *NOW_YEARS))
    return parsed


def tokyo_now() -> datetime:
    return datetime.now(TOKYO)
