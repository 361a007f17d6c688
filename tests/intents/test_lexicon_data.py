"""The lexicon as data a maintainer edits: every phrase written once."""

from __future__ import annotations

from collections import Counter

import pytest

from intents.lexicon import Lexicon, PhraseSet, load_lexicon

SECTIONS = [name for name, kind in Lexicon.__annotations__.items() if kind == "PhraseSet"]


@pytest.mark.parametrize("section", SECTIONS)
def test_every_phrase_of_a_section_is_written_once(section: str) -> None:
    """Two spellings that normalize alike (ゴミ/ごみ, タバコ/たばこ), or a negative that its plain
    form already matches (学校に来ていない beside 学校に来ない), are one phrase."""
    phrases: PhraseSet = getattr(load_lexicon(), section)
    written = Counter((p.text, p.tag) for p in phrases.phrases)
    plain = {(p.negative_stem, p.tag) for p in phrases.phrases if p.negative_stem}
    twice = [text for (text, _), n in written.items() if n > 1]
    covered = [
        p.text
        for p in phrases.phrases
        if p.negative_stem
        and any(
            p.negative_stem.endswith(ending)
            and (p.negative_stem.removesuffix(ending), p.tag) in plain
            for ending in ("てい", "て")
        )
    ]
    assert not twice and not covered, (twice, covered)
