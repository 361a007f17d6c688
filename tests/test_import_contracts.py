"""The import contracts (pyproject.toml's [tool.importlinter]) hold: the pure core imports no
Slack, SQL, environment or sockets; bot uses intents uses directory, never back; no cycles."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
BIN = Path(sys.executable).parent


def test_the_import_contracts_are_kept() -> None:
    done = subprocess.run(
        [str(BIN / "lint-imports"), "--no-cache"], cwd=ROOT, capture_output=True, text=True
    )
    assert done.returncode == 0, done.stdout + done.stderr
    assert "0 broken" in done.stdout


def test_every_import_is_one_the_contracts_can_see() -> None:
    # an import by name in a string (importlib.import_module("bot.x")) is invisible to
    # lint-imports and once hid a cycle (cli_queue <-> queue_commands): import in the
    # function instead when a module should load late
    found = [
        f"{path.relative_to(ROOT)}"
        for folder in ("bot", "directory", "intents")
        for path in sorted((ROOT / folder).rglob("*.py"))
        if "import_module(" in path.read_text(encoding="utf-8")
        or "__import__(" in path.read_text(encoding="utf-8")
    ]
    assert not found, found
