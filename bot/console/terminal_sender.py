"""A Sender for deployments without Slack: prints channel-safe notifications.

Each line starts with who it is for — the SSW channel, or a person by the name
the routing file gives (the id only when no name is known)."""

from __future__ import annotations

import itertools
from collections.abc import Callable, Mapping
from typing import Any

from consults.messages import notification_line
from consults.notifications import CHANNEL, NO_NAMES


class TerminalSender:
    def __init__(
        self, output: Callable[[str], None] = print, names: Mapping[str, str] = NO_NAMES
    ) -> None:
        self.output = output
        self.names = names
        self._refs = itertools.count(1)

    def post(self, kind: str, target: str, payload: dict[str, Any]) -> str:
        self.output(f"[{self._to(target)}] {notification_line(kind, payload)}")
        return f"terminal-{next(self._refs)}"

    def update(self, kind: str, target: str, ref: str, payload: dict[str, Any]) -> None:
        self.output(f"[{self._to(target)} 更新 {ref}] {notification_line(kind, payload)}")

    def _to(self, target: str) -> str:
        if target == CHANNEL:
            return "SSWチャンネル"
        user = target.removeprefix("user:")
        return f"{self.names.get(user, user)}さんへ"
