"""The pure core reads no clock and no environment (the clock is an argument, settings are
passed in). Which modules are pure is said once: the "pure core" import contract in
pyproject.toml, whose imports tests/test_import_contracts.py checks."""

from __future__ import annotations

import ast
import tomllib
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
FORBIDDEN_CALLS = (
    "datetime.now",
    "datetime.utcnow",
    "date.today",
    "time.time",
    "time.monotonic",
    "os.environ",
    "os.getenv",
)


def _pure_modules() -> list[str]:
    config = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    contracts = config["tool"]["importlinter"]["contracts"]
    (pure,) = [c for c in contracts if c["name"].startswith("pure core")]
    return list(pure["source_modules"])


def _files(module: str) -> list[Path]:
    path = ROOT.joinpath(*module.split("."))
    if path.is_dir():
        return sorted(path.rglob("*.py"))
    return [path.with_suffix(".py")]


PURE_FILES = sorted({f for m in _pure_modules() for f in _files(m)})


def test_the_pure_list_names_real_modules() -> None:
    assert all(f.is_file() for f in PURE_FILES)
    names = {f.relative_to(ROOT).as_posix() for f in PURE_FILES}
    assert {
        "answers/engine.py",
        "answers/render.py",
        "directory/loader.py",
        "intents/understand.py",
    } <= names


def _dotted(node: ast.expr) -> str:
    if isinstance(node, ast.Attribute):
        return f"{_dotted(node.value)}.{node.attr}"
    return node.id if isinstance(node, ast.Name) else ""


@pytest.mark.parametrize("path", PURE_FILES, ids=lambda p: p.relative_to(ROOT).as_posix())
def test_core_module_reads_no_clock_and_no_environment(path: Path) -> None:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    used = {_dotted(n) for n in ast.walk(tree) if isinstance(n, ast.Attribute)}
    found = [call for call in FORBIDDEN_CALLS if any(u.endswith(call) for u in used)]
    assert not found, f"{path.name} uses {found}"
