"""Build the answer engine from files: the one place that loads the directory, the lexicon,
the danger rules and the example questions (with the model that reads them)."""

from __future__ import annotations

from pathlib import Path

from answers.engine import AnswerEngine
from bot.settings import DEFAULT_MUNICIPALITY
from directory.loader import load_directory
from intents.danger import load_danger
from intents.embedder import E5Embedder
from intents.lexicon import load_lexicon
from intents.meaning import load_bank


def build_engine(
    directory_path: Path | None = None, municipality: str = DEFAULT_MUNICIPALITY
) -> AnswerEngine:
    """Load and check everything; raises DataFileInvalid with file:line problems."""
    return AnswerEngine(
        load_directory(directory_path),
        load_lexicon(),
        municipality,
        load_danger(),
        load_bank(E5Embedder()),
    )
