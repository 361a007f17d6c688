"""Every sentence a person reads is in a messages module, and every word the code reads is data.

A Japanese string literal anywhere else is either a sentence that escaped its messages module
(and will drift from the others) or a rule written as code where the data should hold it.
Docstrings may say anything; comments are not literals.
"""

from __future__ import annotations

import ast
import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PACKAGES = ("answers", "bot", "consults", "directory", "intents")
# kana, kanji, Japanese punctuation (、。「」) and full-width forms
JAPANESE = re.compile(r"[\u3000-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uff00-\uffef]")


def _is_messages_module(path: Path) -> bool:
    return path.name == "messages.py" or "messages" in path.parent.relative_to(ROOT).parts


def _docstrings(tree: ast.AST) -> set[int]:
    owners = (ast.Module, ast.ClassDef, ast.FunctionDef, ast.AsyncFunctionDef)
    return {
        id(node.body[0].value)
        for node in ast.walk(tree)
        if isinstance(node, owners)
        and node.body
        and isinstance(node.body[0], ast.Expr)
        and isinstance(node.body[0].value, ast.Constant)
    }


def japanese_literals(path: Path) -> list[str]:
    """``file:line: 'literal'`` for each Japanese string literal that is not a docstring."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    docstrings = _docstrings(tree)
    return [
        f"{path.relative_to(ROOT) if path.is_relative_to(ROOT) else path.name}:{node.lineno}: "
        f"{node.value[:40]!r}"
        for node in ast.walk(tree)
        if isinstance(node, ast.Constant)
        and isinstance(node.value, str)
        and id(node) not in docstrings
        and JAPANESE.search(node.value)
    ]


def test_japanese_text_lives_only_in_messages_modules_and_data() -> None:
    found = [
        literal
        for package in PACKAGES
        for path in sorted((ROOT / package).rglob("*.py"))
        if not _is_messages_module(path)
        for literal in japanese_literals(path)
    ]
    assert not found, (
        "Japanese text outside a messages module: move a sentence into the package's "
        "messages module, a word the code reads into its YAML data\n" + "\n".join(found)
    )


def test_the_check_finds_a_planted_sentence_and_spares_a_docstring(tmp_path: Path) -> None:
    planted = tmp_path / "planted.py"
    planted.write_text('"""誰でも書けるdocstring。"""\n\nSAY = "窓口は閉まっています"\n', "utf-8")
    assert [line.split(": ", 1)[0] for line in japanese_literals(planted)] == ["planted.py:3"]
