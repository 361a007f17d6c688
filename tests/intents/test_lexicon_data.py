"""The lexicon as data a maintainer edits: every phrase written once."""

from __future__ import annotations

from collections import Counter

import pytest

from intents.lexicon import Lexicon, PhraseSet, load_lexicon

SECTIONS = [name for name, kind in Lexicon.__annotations__.items() if kind == "PhraseSet"]


@pytest.mark.parametrize("section", SECTIONS)
def test_every_phrase_of_a_section_is_written_once(section: str) -> None:
    """Two phrases that read as the same words are one phrase: an inflection (殴られた /
    殴られていた), a politeness (行けない / 行けません), a particle (学校に / 学校へ行けない)
    or a spelling the analyzer folds (ゴミ / ごみ, 子供 / 子ども)."""
    phrases: PhraseSet = getattr(load_lexicon(), section)
    keys = Counter((p.key(phrases.exact), p.tag) for p in phrases.phrases)
    twice = [p.text for p in phrases.phrases if keys[(p.key(phrases.exact), p.tag)] > 1]
    assert not twice, twice
