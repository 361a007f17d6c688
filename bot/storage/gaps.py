"""Learning from use: questions that got no good answer, and answers marked 違った.

Kept without personal details (phone numbers and names are redacted) so the
people who maintain the directory can see which needs and phrasings it misses
(``madoguchi gaps --since DATE``).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING

from answers.engine import Answer
from consults.privacy import redact
from intents.understand import Intent

if TYPE_CHECKING:
    from sqlalchemy import Engine

# SQLAlchemy and the tables are imported only to keep or read a gap, so that `madoguchi ask`
# (which asks is_gap of every answer) does not pay half a second for them

NO_ANSWER = "no_answer"
WRONG = "wrong"
MAX_QUESTION = 500


@dataclass(frozen=True)
class Gap:
    at: datetime
    kind: str
    question: str
    intent: str
    answered: tuple[str, ...]
    municipality: str


def is_gap(answer: Answer) -> bool:
    """No window found for a question that was about a service."""
    return answer.intent is Intent.UNKNOWN or (
        answer.intent is Intent.FIND_SERVICE and (not answer.cards or answer.only_general_window)
    )


def record(
    engine: Engine,
    kind: str,
    question: str,
    intent: str,
    answered: Sequence[str],
    municipality: str,
    now: datetime,
) -> None:
    from sqlalchemy.orm import Session

    from bot.storage.db import AnswerGapRow

    with Session(engine) as session, session.begin():
        session.add(
            AnswerGapRow(
                at=now,
                kind=kind,
                question=redact(question)[:MAX_QUESTION],
                intent=intent,
                answered=list(answered),
                municipality=municipality,
            )
        )


def since(engine: Engine, moment: datetime) -> list[Gap]:
    from sqlalchemy import select
    from sqlalchemy.orm import Session

    from bot.storage.db import AnswerGapRow

    with Session(engine) as session:
        rows = session.scalars(
            select(AnswerGapRow).where(AnswerGapRow.at >= moment).order_by(AnswerGapRow.at)
        ).all()
        return [
            Gap(r.at, r.kind, r.question, r.intent, tuple(r.answered), r.municipality) for r in rows
        ]
