"""The core stays pure: no Slack, no database, no environment, no clock in directory/ and intents/."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
PURE_FILES = sorted(
    [
        *(ROOT / "directory").glob("*.py"),
        *(ROOT / "intents").glob("*.py"),
        ROOT / "bot" / "answer.py",
        ROOT / "bot" / "render.py",
    ]
)
FORBIDDEN_MODULES = (
    "slack_bolt",
    "slack_sdk",
    "sqlalchemy",
    "alembic",
    "psycopg",
    "os",
    "socket",
    "requests",
)
FORBIDDEN_CALLS = ("datetime.now", "date.today", "time.time", "os.environ")


@pytest.mark.parametrize("path", PURE_FILES, ids=lambda p: p.name)
def test_core_module_does_no_io(path: Path) -> None:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    for node in ast.walk(tree):
        if isinstance(node, ast.Import | ast.ImportFrom):
            names = (
                [a.name for a in node.names]
                if isinstance(node, ast.Import)
                else [node.module or ""]
            )
            for name in names:
                assert name.split(".")[0] not in FORBIDDEN_MODULES, f"{path.name} imports {name}"
    source = path.read_text(encoding="utf-8")
    for call in FORBIDDEN_CALLS:
        assert call not in source, f"{path.name} uses {call}"
