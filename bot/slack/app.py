"""Build the Bolt app: the one function that takes every dependency and wires the listeners.

Listeners are thin (pull values out, call the engine or the queue, build blocks,
send). Nothing here reads the environment; ``bot.slack.serve`` does that.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from slack_bolt import App
from slack_sdk import WebClient

from bot import messages as msg
from bot.answer import AnswerEngine
from bot.queue.outbox import Dispatcher
from bot.queue.service import ConsultQueue
from bot.slack import answers, consults, home
from bot.slack.dedupe import first_time

log = logging.getLogger(__name__)


@dataclass
class Services:
    """What the listeners need, passed in (never looked up)."""

    engine: AnswerEngine
    queue: ConsultQueue
    dispatcher: Dispatcher
    clock: Callable[[], datetime]
    municipality: str | None = None
    dispatch_inline: bool = False
    _wake: threading.Event = field(default_factory=threading.Event)

    def first_time(self, body: dict[str, Any]) -> bool:
        """Whether this event is new: Bolt has already acked it, so the check costs Slack nothing."""
        event_id = body.get("event_id")
        if not event_id:
            return True
        if first_time(self.queue.engine, str(event_id), self.clock()):
            return True
        log.info("duplicate event %s ignored", event_id)
        return False

    def deliver_soon(self) -> None:
        """Notifications were written: deliver now (tests) or wake the background dispatcher."""
        if self.dispatch_inline:
            self.dispatcher.run_until_idle(self.clock)
        else:
            self._wake.set()

    def run_dispatcher_forever(self, stop: threading.Event, interval: float = 5.0) -> None:
        while not stop.is_set():
            try:
                self.queue.run_reminders(self.clock())
                self.dispatcher.run_until_idle(self.clock)
            except Exception:
                log.exception("dispatcher round failed; trying again")
            self._wake.wait(interval)
            self._wake.clear()


def build_app(
    services: Services,
    client: WebClient,
    signing_secret: str,
    process_before_response: bool = True,
) -> App:
    """With process_before_response, acks are sent from the request thread (no polling);
    the work of every listener but the form submissions runs lazily, after the ack."""
    app = App(
        client=client,
        signing_secret=signing_secret,
        process_before_response=process_before_response,
        token_verification_enabled=False,
        logger=logging.getLogger("madoguchi.bolt"),
    )

    @app.error
    def on_error(error: Exception, body: dict[str, Any], respond: Any) -> None:
        log.error("listener failed: %s", type(error).__name__, exc_info=error)
        if body.get("response_url"):
            try:
                respond(
                    text=msg.internal_error(), response_type="ephemeral", replace_original=False
                )
            except Exception:
                log.warning("could not tell the user about the failure")

    answers.register(app, services)
    consults.register(app, services)
    home.register(app, services)
    return app
