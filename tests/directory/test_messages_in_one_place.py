"""Everything ``directory`` says to a person is in ``directory/messages.py``, and every word
its hours parser reads is in its YAML, so the wording can be reviewed in one read and no
Japanese hides in the code (docstrings aside: they are for the maintainers of the code)."""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parents[2] / "directory"
# kana, kanji, the CJK marks (、〜「」) and the full-width forms (（）：)
JAPANESE = re.compile(r"[\u3000-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uff00-\uffef]")


def japanese_literals(path: Path) -> list[str]:
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
        f"{path.name}:{node.lineno}: {node.value!r}"
        for node in ast.walk(tree)
        if isinstance(node, ast.Constant)
        and isinstance(node.value, str)
        and id(node) not in docstrings
        and JAPANESE.search(node.value)
    ]


CODE = sorted(p for p in PACKAGE.rglob("*.py") if p.name != "messages.py")


@pytest.mark.parametrize("path", CODE, ids=lambda p: p.name)
def test_the_code_writes_no_japanese_of_its_own(path: Path) -> None:
    assert japanese_literals(path) == []


def test_the_check_would_find_a_sentence_typed_into_the_code(tmp_path: Path) -> None:
    planted = tmp_path / "planted.py"
    planted.write_text('"""説明は許す。"""\nhint = f"{x}（直し方）"\n', encoding="utf-8")
    assert japanese_literals(planted) == ["planted.py:2: '（直し方）'"]
