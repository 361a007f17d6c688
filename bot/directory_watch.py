"""Live directory updates: a folder of YAML files, re-read when a file changes.

An edit that passes every check replaces the answer engine at once (in this
process; every worker watches for itself). An edit that fails is refused: the
engine built from the last good files keeps answering, and the maintainers are
told what is wrong (file:line) in their channel, once per broken version
however many workers notice it.
"""

from __future__ import annotations

import hashlib
import logging
from collections.abc import Callable
from datetime import datetime
from pathlib import Path

from sqlalchemy import Engine

from answers.engine import AnswerEngine
from bot.messages import deployment as msg
from bot.storage.db import OutboxRow, insert_once
from bot.workspaces import Maintainers
from directory.problems import DataFileInvalid, Problem

log = logging.getLogger(__name__)
DIRECTORY_PROBLEM = "directory_problem"


def fingerprint(folder: Path) -> str:
    """Changes whenever a YAML file is added, removed or written."""
    digest = hashlib.sha256()
    for file in sorted(folder.rglob("*.yaml")):
        try:
            stat = file.stat()
        except OSError:  # a link to nothing: still a change, refused (and reported) when loaded
            stat = file.lstat()
        digest.update(f"{file}:{stat.st_size}:{stat.st_mtime_ns}\n".encode())
    return digest.hexdigest()


def tell_maintainers(
    engine: Engine, maintainers: Maintainers, version: str, problems: list[Problem], now: datetime
) -> None:
    """Queue one message per broken version (the outbox's unique key drops the other workers')."""
    with engine.begin() as connection:
        insert_once(
            connection,
            OutboxRow,
            OutboxRow.dedupe_key,
            {
                "consult_id": None,
                "workspace": maintainers.team,
                "kind": DIRECTORY_PROBLEM,
                "target": maintainers.channel,
                "payload": {"problems": [str(p) for p in problems]},
                "dedupe_key": f"directory:{version[:40]}",
                "status": "pending",
                "attempts": 0,
                "next_attempt_at": now,
                "created_at": now,
            },
        )


class DirectoryWatcher:
    def __init__(
        self,
        folder: Path,
        build: Callable[[Path], AnswerEngine],
        install: Callable[[AnswerEngine], None],
        refused: Callable[[str, list[Problem]], None],
    ) -> None:
        self.folder = folder
        self.build = build
        self.install = install
        self.refused = refused
        self.version = fingerprint(folder)

    def poll(self) -> bool:
        """Look once; True when a new directory was installed."""
        try:
            version = fingerprint(self.folder)
        except OSError as exc:
            log.warning("directory folder unreadable: %s", type(exc).__name__)
            return False
        if version == self.version:
            return False
        self.version = version
        try:
            engine = self.build(self.folder)
        except DataFileInvalid as exc:
            problems = exc.problems
        except Exception as exc:  # noqa: BLE001  (whatever the reason, the edit is refused)
            log.exception("directory edit could not be loaded")
            problems = [
                Problem(
                    str(self.folder),
                    1,
                    *msg.directory_edit_unreadable(type(exc).__name__),
                )
            ]
        else:
            self.install(engine)
            log.info("directory reloaded: %d resources", len(engine.directory.resources))
            return True
        log.warning(
            "directory edit refused: %d problem(s); still serving the last good one", len(problems)
        )
        self.refused(version, problems)
        return False
