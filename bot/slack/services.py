"""What the Slack listeners need, passed in (never looked up): its own module, so the
listener modules and the app that wires them import it without importing each other."""

from __future__ import annotations

import threading
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime

from slack_bolt import BoltContext
from sqlalchemy import Engine

from answers.engine import AnswerEngine
from bot.storage.outbox import Dispatcher
from bot.workspaces import Workspace, Workspaces


@dataclass
class Services:
    """What the listeners need, passed in (never looked up)."""

    engine: AnswerEngine
    workspaces: Workspaces
    dispatcher: Dispatcher
    clock: Callable[[], datetime]
    dispatch_inline: bool = False
    wake: threading.Event = field(default_factory=threading.Event)

    @property
    def database(self) -> Engine:
        return self.dispatcher.engine

    def workspace(self, context: BoltContext) -> Workspace:
        """The municipality, queue and channel of the workspace the request came from."""
        return self.workspaces.of(context.team_id)

    def readiness_problems(self) -> list[str]:
        """Why this process cannot serve right now (empty when it can)."""
        problems = []
        try:
            with self.database.connect() as connection:
                connection.exec_driver_sql("SELECT 1")
        except Exception as exc:  # noqa: BLE001  (any failure means not ready)
            problems.append(f"database unreachable: {type(exc).__name__}")
        if not self.engine.directory.resources:
            problems.append("directory not loaded")
        return problems

    def deliver_soon(self) -> None:
        """Notifications were written: deliver now (tests) or wake the background thread."""
        if self.dispatch_inline:
            self.dispatcher.run_until_idle(self.clock)
        else:
            self.wake.set()
