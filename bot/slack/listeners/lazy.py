"""Listeners that run after the ack, so Slack hears back within its 3 seconds."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from slack_bolt import Ack


def acknowledge(ack: Ack) -> None:
    ack()


def lazy(registration: Callable[..., Any]) -> Callable[[Callable[..., None]], Callable[..., None]]:
    """Register a listener to run after Slack has its ack: ``@lazy(app.command("/x"))``."""

    def wrap(listener: Callable[..., None]) -> Callable[..., None]:
        registration(ack=acknowledge, lazy=[listener])
        return listener

    return wrap
