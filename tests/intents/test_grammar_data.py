"""The reader's grammar as data a maintainer edits: a mistake in grammar.yaml is a file:line
problem when it is loaded, never a wrong reading or an exception on some later question."""

from __future__ import annotations

from pathlib import Path

import pytest

from directory.problems import DataFileInvalid, Problem
from intents.grammar import BUNDLED_GRAMMAR, GRAMMAR, load_grammar


def planted(tmp_path: Path, *changes: tuple[str, str]) -> Path:
    text = BUNDLED_GRAMMAR.read_text(encoding="utf-8")
    for old, new in changes:
        assert text.count(old) == 1, old
        text = text.replace(old, new)
    path = tmp_path / "grammar.yaml"
    path.write_text(text, encoding="utf-8")
    return path


def line_of(path: Path, fragment: str) -> int:
    [number] = [
        n
        for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
        if fragment in line
    ]
    return number


def problems_of(path: Path) -> list[Problem]:
    with pytest.raises(DataFileInvalid) as raised:
        load_grammar(path)
    return raised.value.problems


def test_the_bundled_grammar_is_what_the_reader_reads() -> None:
    assert load_grammar() == GRAMMAR
    assert GRAMMAR.negating_auxiliaries and GRAMMAR.kansai_negatives


def test_a_misspelt_key_is_an_error_at_its_line_naming_the_key_meant(tmp_path: Path) -> None:
    path = planted(tmp_path, ("  progressive: [", "  progresive: ["))
    [missing, unknown] = problems_of(path)  # in the order of their lines
    assert (unknown.file, unknown.line) == (str(path), line_of(path, "progresive:"))
    assert "progresive" in unknown.message and "progressive" in unknown.hint
    assert "progressive" in missing.message  # and the key it should have been is missing


def test_a_pattern_that_does_not_compile_is_an_error_at_its_line(tmp_path: Path) -> None:
    path = planted(tmp_path, ("'できひん|できへん'", "'(できひん|できへん'"))
    [problem] = problems_of(path)
    assert problem.line == line_of(path, "(できひん|できへん")
    assert "missing )" in problem.message and problem.hint


def test_a_replacement_naming_a_group_its_pattern_lacks_is_an_error_at_its_line(
    tmp_path: Path,
) -> None:
    path = planted(tmp_path, ("becomes: '\\1だろう'", "becomes: '\\2だろう'"))
    [problem] = problems_of(path)
    assert problem.line == line_of(path, "\\2だろう")
    assert "\\1" in problem.hint


def test_every_mistake_of_the_file_is_found_in_one_read(tmp_path: Path) -> None:
    path = planted(
        tmp_path,
        ("  age: '(\\d{1,2})", "  age: '(\\d{1,2}"),
        ("  month_day: '(?<![\\d/])", "  month_day: '(?<![\\d/]"),
    )
    assert [p.line for p in problems_of(path)] == [
        line_of(path, "  age:"),
        line_of(path, "month_day:"),
    ]


def test_a_value_of_the_wrong_kind_is_an_error_at_its_line(tmp_path: Path) -> None:
    path = planted(tmp_path, ("  advice_noun: 方", "  advice_noun: [方]"))
    [problem] = problems_of(path)
    assert problem.line == line_of(path, "advice_noun:")
