"""Which emergency lines exist, their order and numbers are data (national.yaml's
``emergency:``): adding a line is one YAML entry, and no emergency number is typed in code."""

from __future__ import annotations

import ast
import re
import shutil
from pathlib import Path

import pytest

from answers.engine import AnswerEngine
from answers.render import render_text
from directory.loader import BUNDLED_DIRECTORY, load_directory
from directory.problems import DataFileInvalid
from intents.understand import Intent
from tests.conftest import at

ROOT = Path(__file__).resolve().parents[2]

PEDIATRIC_LINE = """
  - id: national-8000
    name: こども医療でんわ相談（#8000）
    kind: 電話相談
    summary: 夜間・休日に子どもの急な病気やけがで受診を迷うとき、小児科医・看護師に相談できる。
    emergency_only: true
    emergency:
      for_danger: [injury]
      say: 受診を迷うときは *{number}*（こども医療でんわ相談）へ
    phones:
      - label: こども医療でんわ相談
        number: "#8000"
    source: [national]
"""


def _copy_with(tmp_path: Path, extra: str) -> Path:
    copy = tmp_path / "data"
    shutil.copytree(BUNDLED_DIRECTORY, copy)
    national = copy / "national.yaml"
    national.write_text(national.read_text(encoding="utf-8") + extra, encoding="utf-8")
    return copy


def _engine_on(directory: Path, engine: AnswerEngine) -> AnswerEngine:
    """The bundled engine's understanding, on another copy of the directory."""
    understander = engine.understander
    return AnswerEngine(
        load_directory(directory),
        understander.lexicon,
        "武蔵野市",
        understander.danger_rules,
        understander.examples,
    )


def test_a_line_added_to_the_data_is_named_in_an_emergency_answer(
    tmp_path: Path, engine: AnswerEngine
) -> None:
    copy = _copy_with(tmp_path, PEDIATRIC_LINE)
    answer = _engine_on(copy, engine).answer(
        "子どもが階段から落ちて頭から血が出て意識がない", at("2026-11-24 10:00")
    )
    assert answer.intent is Intent.EMERGENCY
    ids = [c.resource.id for c in answer.cards]
    # for injury, after 119: the data's order
    assert ids.index("national-119") < ids.index("national-8000")
    text = render_text(answer)
    assert "受診を迷うときは *#8000*（こども医療でんわ相談）へ" in text
    assert text.index("けがや急病で命に関わるときは") < text.index("受診を迷うときは")


def test_the_order_of_the_lines_is_the_datas_order(ask) -> None:  # type: ignore[no-untyped-def]
    answer = ask("今まさに校門で父親が児童を殴っている、どうしたら")
    lines = [x.resource_id for x in answer.emergency_lines]
    assert lines == [
        "national-110",
        "national-119",
        "national-189",
        "national-kodomo-sos",
    ]
    # the line for immediate danger, then the one named too for it (189), not 119
    assert [c.resource.id for c in answer.cards[:2]] == ["national-110", "national-189"]


def test_a_misspelt_danger_level_is_a_file_line_problem(
    tmp_path: Path, engine: AnswerEngine
) -> None:
    copy = _copy_with(tmp_path, PEDIATRIC_LINE.replace("[injury]", "[injurie]"))
    with pytest.raises(DataFileInvalid) as raised:
        _engine_on(copy, engine)
    (problem,) = raised.value.problems
    assert problem.file.endswith("national.yaml") and "injurie" in problem.message
    text = (copy / "national.yaml").read_text(encoding="utf-8").splitlines()
    assert "for_danger: [injurie]" in text[problem.line - 1]


def test_a_sentence_without_a_place_for_the_number_is_refused(tmp_path: Path) -> None:
    copy = _copy_with(tmp_path, PEDIATRIC_LINE.replace("*{number}*", "*#8000*"))
    with pytest.raises(DataFileInvalid) as raised:
        load_directory(copy)
    assert any("{number}" in p.message for p in raised.value.problems)


def _emergency_numbers() -> set[str]:
    return {line.number for line in load_directory().emergency_lines}


def _code_strings(path: Path) -> list[tuple[int, str]]:
    """Every string constant of a module that is not a docstring, with its line."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    docstrings = {
        id(node.body[0].value)
        for node in ast.walk(tree)
        if isinstance(node, ast.Module | ast.ClassDef | ast.FunctionDef | ast.AsyncFunctionDef)
        and node.body
        and isinstance(node.body[0], ast.Expr)
        and isinstance(node.body[0].value, ast.Constant)
    }
    return [
        (node.lineno, node.value)
        for node in ast.walk(tree)
        if isinstance(node, ast.Constant)
        and isinstance(node.value, str)
        and id(node) not in docstrings
    ]


def test_no_emergency_number_is_typed_in_code() -> None:
    numbers = _emergency_numbers()
    assert {"110", "119", "189", "0120-0-78310"} <= numbers
    pattern = re.compile("|".join(rf"(?<![\d-]){re.escape(n)}(?![\d-])" for n in sorted(numbers)))
    found = [
        f"{path.relative_to(ROOT)}:{line}: {text!r}"
        for folder in ("bot", "directory", "intents", "benchmarks")
        for path in sorted((ROOT / folder).rglob("*.py"))
        for line, text in _code_strings(path)
        if pattern.search(text)
    ]
    assert not found, "emergency numbers belong in national.yaml:\n" + "\n".join(found)


def test_madoguchi_check_finds_a_misspelt_danger_level(tmp_path: Path, capsys) -> None:  # type: ignore[no-untyped-def]
    from bot.cli.main import main

    copy = _copy_with(tmp_path, PEDIATRIC_LINE.replace("[injury]", "[injurie]"))
    assert main(["check", str(copy)]) != 0
    out = capsys.readouterr().out
    assert "national.yaml" in out and "injurie" in out
