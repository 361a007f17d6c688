"""Build the answer engine from files: the one place that loads the directory, the lexicon,
the danger rules and the example questions (with the model that reads them)."""

from __future__ import annotations

from pathlib import Path

from answers.engine import AnswerEngine
from bot.settings import DEFAULT_MUNICIPALITY
from bot.understanding_cache import load_understanding
from directory.loader import load_directory
from intents.embedder import E5Embedder
from intents.meaning import load_bank


def build_engine(
    directory_path: Path | None = None,
    municipality: str = DEFAULT_MUNICIPALITY,
    cache_dir: Path | None = None,
) -> AnswerEngine:
    """Load and check everything; raises DataFileInvalid with file:line problems.
    ``cache_dir`` keeps the analyzed lexicon and danger rules for the next start
    (``bot.understanding_cache``)."""
    lexicon, danger = load_understanding(cache_dir)
    return AnswerEngine(
        load_directory(directory_path),
        lexicon,
        municipality,
        danger,
        load_bank(E5Embedder()),
    )
