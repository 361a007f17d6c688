"""The lexicon as data a maintainer edits: every phrase written once."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest

from directory.problems import DataFileInvalid
from intents.lexicon import BUNDLED_LEXICON, Lexicon, PhraseSet, load_lexicon

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


def test_a_marker_that_reads_as_its_first_verb_alone_is_refused(tmp_path: Path) -> None:
    # 「見てもらえる」 reads as 見る: every question that says 見る would file a consult
    text = BUNDLED_LEXICON.read_text(encoding="utf-8")
    anchor = "  consult_request:\n"
    path = tmp_path / "lexicon.yaml"
    path.write_text(text.replace(anchor, anchor + "    - 見てもらえる\n", 1), encoding="utf-8")
    with pytest.raises(DataFileInvalid) as raised:
        load_lexicon(path)
    [problem] = raised.value.problems
    assert problem.line == text[: text.index(anchor)].count("\n") + 2
    assert "見る" in problem.message


def test_a_need_named_outside_the_needs_is_an_error_at_load_with_its_line(
    tmp_path: Path,
) -> None:
    # a misspelt need in told_in_a_story would silently keep a drama's abuse as the need
    text = BUNDLED_LEXICON.read_text(encoding="utf-8")
    anchor = "told_in_a_story:\n  needs: [児童虐待]\n"
    assert anchor in text
    path = tmp_path / "lexicon.yaml"
    path.write_text(
        text.replace(anchor, "told_in_a_story:\n  needs: [児童虐待, 虐待通知]\n", 1),
        encoding="utf-8",
    )
    with pytest.raises(DataFileInvalid) as raised:
        load_lexicon(path)
    [problem] = raised.value.problems
    assert problem.line == text[: text.index(anchor)].count("\n") + 2
    assert "虐待通知" in problem.message
