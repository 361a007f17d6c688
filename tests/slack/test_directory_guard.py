"""Files in the watched directory folder that would once have taken the service down — brackets
nested 100,000 deep, a FIFO named *.yaml, a billion laughs, an alias to itself, a list as a key,
a Python tag — are refused with file:line, the maintainers are told, and answers go on from the
last good directory. `madoguchi check` names the same file:line and returns."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import threading
from pathlib import Path

import pytest
from sqlalchemy import Engine

from directory.loader import BUNDLED_DIRECTORY
from tests.slack.harness import FakeSlack
from tests.slack.test_directory_reload import MAINTAINERS, a_worker, phones_in_answer

ROOT = Path(__file__).resolve().parents[2]

LAUGHS = "lol0: &lol0 [lol, lol, lol, lol, lol, lol, lol, lol, lol, lol]\n" + "".join(
    f"lol{i}: &lol{i} [{', '.join([f'*lol{i - 1}'] * 10)}]\n" for i in range(1, 10)
)
HOSTILE: list[tuple[str, str, int]] = [  # file name, text, the line a maintainer is sent to
    ("nested.yaml", "municipality: " + "[" * 100_000 + "]" * 100_000 + "\n", 1),
    ("laughs.yaml", LAUGHS, 6),
    ("recursive.yaml", "municipality: 武蔵野市\nresources: &r [*r]\n", 2),
    ("unhashable.yaml", "municipality: 武蔵野市\n? [a, b]\n: c\n", 2),
    ("tagged.yaml", "municipality: !!python/name:os.system\n", 1),
]


def poll_within(watcher: object, seconds: float) -> bool:
    """Poll on another thread: a poll that waits on a FIFO must not hang the test."""
    result: list[bool] = []
    thread = threading.Thread(target=lambda: result.append(watcher.poll()), daemon=True)  # type: ignore[attr-defined]
    thread.start()
    thread.join(seconds)
    assert result, f"poll did not return within {seconds} s"
    return result[0]


def test_hostile_files_are_refused_with_file_and_line_and_answers_go_on(
    tmp_path: Path, engine: Engine, fake_slack: FakeSlack
) -> None:
    folder = tmp_path / "directory"
    shutil.copytree(BUNDLED_DIRECTORY, folder)
    services, watcher = a_worker(folder, engine, fake_slack)
    told: list[str] = []

    def maintainers_hear_about(where: str) -> None:
        services.dispatcher.run_until_idle(services.clock)
        said = [
            c["text"] for c in fake_slack.called("chat.postMessage") if c["channel"] == MAINTAINERS
        ]
        assert len(said) == len(told) + 1, "one message per refused edit"
        told.append(said[-1])
        assert where in said[-1]

    os.mkfifo(folder / "municipalities" / "pipe.yaml")
    assert not poll_within(watcher, 10)
    maintainers_hear_about("pipe.yaml:1")
    assert "0422-60-1899" in phones_in_answer(services)

    (folder / "municipalities" / "gone.yaml").symlink_to(folder / "nowhere.yaml")
    assert not poll_within(watcher, 10)
    maintainers_hear_about("gone.yaml:1")

    for name, text, line in HOSTILE:
        (folder / "municipalities" / name).write_text(text, encoding="utf-8")
        assert not poll_within(watcher, 10)
        maintainers_hear_about(f"{name}:{line}")
        assert "0422-60-1899" in phones_in_answer(services)  # the last good directory answers


@pytest.mark.parametrize(("name", "text", "line"), HOSTILE, ids=[h[0] for h in HOSTILE])
def test_check_names_the_file_and_line_and_returns(
    tmp_path: Path, name: str, text: str, line: int
) -> None:
    folder = tmp_path / "directory"
    shutil.copytree(BUNDLED_DIRECTORY, folder)
    (folder / "municipalities" / name).write_text(text, encoding="utf-8")
    os.mkfifo(folder / "municipalities" / "pipe.yaml")
    done = subprocess.run(
        [sys.executable, "-m", "bot.cli.main", "check", str(folder)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert done.returncode == 1
    assert f"{name}:{line}" in done.stdout + done.stderr
    assert "pipe.yaml:1" in done.stdout + done.stderr
    assert "Traceback" not in done.stderr and "予期しない" not in done.stdout + done.stderr
