"""The shared development set, scored by the shared tool, must stay above its floor."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
FLOOR = 0.95


@pytest.mark.skipif(
    not (SHARED / "eval" / "dev.yaml").exists(), reason="../shared is not beside this clone"
)
def test_dev_set_passes_the_floor_and_every_emergency() -> None:
    done = subprocess.run(
        [
            sys.executable,
            str(SHARED / "tools" / "eval_score.py"),
            str(SHARED / "eval" / "dev.yaml"),
            "--cmd",
            f"{sys.executable} -m bot.cli.main ask --jsonl",
            "--show-failures",
            "--min-pass",
            str(FLOOR),
        ],
        capture_output=True,
        text=True,
        cwd=ROOT,
        timeout=300,
    )
    print(done.stdout)
    assert done.returncode == 0, done.stdout + done.stderr
    emergency = re.search(r"^emergency\s+(\d+)\s+(\d+)$", done.stdout, re.M)
    assert emergency and emergency.group(1) == emergency.group(2), done.stdout
