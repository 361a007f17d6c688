"""A Sender for deployments without Slack: prints channel-safe notifications."""

from __future__ import annotations

import itertools
from collections.abc import Callable
from typing import Any

from bot.queue_text import notification_line


class TerminalSender:
    def __init__(self, output: Callable[[str], None] = print) -> None:
        self.output = output
        self._refs = itertools.count(1)

    def post(self, kind: str, target: str, payload: dict[str, Any]) -> str:
        self.output(f"[{target}] {notification_line(kind, payload)}")
        return f"terminal-{next(self._refs)}"

    def update(self, kind: str, target: str, ref: str, payload: dict[str, Any]) -> None:
        self.output(f"[{target} 更新 {ref}] {notification_line(kind, payload)}")
