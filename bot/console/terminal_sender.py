"""A Sender for deployments without Slack: prints channel-safe notifications.

Each line starts with who it is for — the SSW channel, or a person by the name
the routing file gives (the id only when no name is known)."""

from __future__ import annotations

import itertools
from collections.abc import Callable, Mapping
from typing import Any

from bot.messages import console as msg
from bot.storage.outbox import Mark
from consults.messages import notification_line
from consults.notifications import CHANNEL, NO_NAMES


class TerminalSender:
    def __init__(
        self, output: Callable[[str], None] = print, names: Mapping[str, str] = NO_NAMES
    ) -> None:
        self.output = output
        self.names = names
        self._refs = itertools.count(1)

    def post(self, kind: str, target: str, payload: dict[str, Any], mark: Mark) -> str:
        self.output(msg.terminal_posted(self._to(target), notification_line(kind, payload)))
        return f"terminal-{next(self._refs)}"

    def find(self, kind: str, target: str, mark: Mark, last_ref: str | None) -> str | None:
        """A printed line cannot be looked for: after a crash mid-print it is printed again."""
        return None

    def update(self, kind: str, target: str, ref: str, payload: dict[str, Any]) -> None:
        self.output(msg.terminal_updated(self._to(target), ref, notification_line(kind, payload)))

    def _to(self, target: str) -> str:
        if target == CHANNEL:
            return msg.terminal_to_channel()
        user = target.removeprefix("user:")
        return msg.terminal_to_person(self.names.get(user, user))
