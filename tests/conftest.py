"""Shared fixtures: the real bundled directory and lexicon, loaded once."""

from __future__ import annotations

import os
import tempfile
from datetime import datetime

import pytest

from answers.engine import Answer, AnswerEngine
from bot.engine import build_engine
from directory.calendar import TOKYO

# The tests and every process they start keep their database and log out of the person's own
# (~/.local/share/madoguchi, ~/.local/state/madoguchi, ~/.cache/madoguchi): a test that needs its
# own sets its own.
_SCRATCH = tempfile.mkdtemp(prefix="madoguchi-tests-")
os.environ["MADOGUCHI_DATA_DIR"] = _SCRATCH
os.environ["MADOGUCHI_LOG"] = os.path.join(_SCRATCH, "madoguchi.log")
os.environ["MADOGUCHI_CACHE"] = os.path.join(_SCRATCH, "cache")


@pytest.fixture(scope="session")
def engine() -> AnswerEngine:
    return build_engine()


def at(text: str) -> datetime:
    """A moment in Asia/Tokyo, e.g. at("2026-11-24 10:00")."""
    return datetime.fromisoformat(text).replace(tzinfo=TOKYO)


@pytest.fixture
def ask(engine: AnswerEngine):  # type: ignore[no-untyped-def]
    def _ask(
        question: str, now: str = "2026-11-24 10:00", municipality: str | None = None
    ) -> Answer:
        return engine.answer(question, at(now), municipality)

    return _ask
