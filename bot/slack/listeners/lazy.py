"""Listeners that do their work after the ack, so Slack hears back within its 3 seconds."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from bot.slack.runtime.jobs import after_ack


def lazy(registration: Callable[..., Any]) -> Callable[[Callable[..., None]], Callable[..., None]]:
    """Register a listener whose work runs after Slack has its ack: ``@lazy(app.command("/x"))``.

    The request is stored as a job and acked at once; any worker does the work later, once
    (``bot.slack.runtime.jobs``). The listener names the Bolt arguments it needs, as usual."""

    def wrap(listener: Callable[..., None]) -> Callable[..., None]:
        registration(after_ack(listener))
        return listener

    return wrap
