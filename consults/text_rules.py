"""What text a consult may hold: checked before the database sees it, the same on both.

PostgreSQL enforces each VARCHAR's length and refuses NUL; SQLite does neither and
would keep what PostgreSQL refuses (and a refused insert's error would carry the
values to the log). So the limits are said here, the consults table is declared with
them (``bot.storage.db``), and every field is checked here, whichever database is behind:
a person gets one sentence naming the field, never a storage error.
"""

from __future__ import annotations

from consults import messages as msg
from consults.characters import unusable_characters

LIMITS = {  # the VARCHAR lengths of the consults table (migration 0001)
    "school": 128,
    "contact_time": 200,
    "requester": 64,
}


def text_problem(field: str, text: str, limit: int | None = None) -> str | None:
    """One sentence about ``text`` for the person who wrote it, or None when it can be stored."""
    label = msg.FIELD_LABELS.get(field, field)
    limit = limit if limit is not None else LIMITS.get(field)
    if limit is not None and len(text) > limit:
        return msg.text_too_long(label, limit)
    if unusable_characters(text):
        return msg.text_unusable_characters(label)
    return None


def text_problems(fields: dict[str, str]) -> dict[str, str]:
    """Field → sentence, for each field that cannot be stored as written."""
    problems = {name: text_problem(name, value) for name, value in fields.items()}
    return {name: problem for name, problem in problems.items() if problem}
