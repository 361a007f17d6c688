"""What a question must look like before the engine sees it, and the asker's clock."""

from __future__ import annotations

import unicodedata
from datetime import datetime

from bot import messages as msg
from directory.calendar import TOKYO

MAX_QUESTION_CHARS = 2000


class QuestionRejected(ValueError):
    """The input cannot be answered; ``str(exc)`` is the Japanese sentence to show."""


def check_question(text: object) -> str:
    if not isinstance(text, str) or not text.strip():
        raise QuestionRejected(msg.empty_question())
    if len(text) > MAX_QUESTION_CHARS:
        raise QuestionRejected(msg.question_too_long(MAX_QUESTION_CHARS))
    if any(unicodedata.category(c) == "Cc" and c not in "\n\t\r" for c in text):
        raise QuestionRejected(msg.control_characters())
    return text.strip()


def parse_now(value: object) -> datetime:
    """ISO-8601; a time without zone is taken as Asia/Tokyo."""
    if not isinstance(value, str):
        raise QuestionRejected(msg.invalid_now(str(value)))
    try:
        parsed = datetime.fromisoformat(value.strip())
    except ValueError as exc:
        raise QuestionRejected(msg.invalid_now(value)) from exc
    if parsed.tzinfo is None:
        return parsed.replace(tzinfo=TOKYO)
    return parsed.astimezone(TOKYO)


def tokyo_now() -> datetime:
    return datetime.now(TOKYO)
