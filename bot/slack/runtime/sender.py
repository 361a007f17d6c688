"""The outbox's Sender for Slack: posts and updates through the Web API.

A post carries its outbox row in Slack's message metadata and is made without
slack_sdk's own retry, so that the outbox can find it (``conversations.history``
with ``include_all_metadata``) instead of posting it again when the worker that
posted it died before marking it sent (``bot.storage.outbox``). Rate limits become
RateLimited with Slack's Retry-After; any other API or network error becomes a
retryable failure. Logs carry Slack's request id, never a message's content.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any

from slack_sdk import WebClient
from slack_sdk.errors import SlackApiError
from slack_sdk.oauth.installation_store import InstallationStore

from bot.slack.blocks.queue import queue_message
from bot.slack.runtime.posted_once import find_marked, marked, single_try
from bot.storage.outbox import DeliveryFailed, Mark, RateLimited
from consults.messages import notification_line
from consults.notifications import CHANNEL

log = logging.getLogger(__name__)

OUTBOX = "madoguchi_outbox"
"""The metadata ``event_type`` of the outbox's posts."""


class SlackSender:
    def __init__(self, client: WebClient, ssw_channel: str | None) -> None:
        self.client = client
        self.poster = WebClient(**single_try(client, client.timeout))
        self.ssw_channel = ssw_channel

    def post(self, kind: str, target: str, payload: dict[str, Any], mark: Mark) -> str:
        channel, message = self._route(kind, target, payload)
        with _failures_retried("chat_postMessage"):
            response = self.poster.chat_postMessage(
                channel=channel, metadata=_metadata(mark), **message
            )
        return f"{response['channel']}:{response['ts']}"

    def find(self, kind: str, target: str, mark: Mark, last_ref: str | None) -> str | None:
        if target == CHANNEL:
            channel = self._ssw_channel()
        elif last_ref is not None:
            channel = last_ref.split(":", 1)[0]  # the person's DM, as an earlier post found it
        else:
            log.warning(
                "outbox %s: a first DM to a person cannot be looked for; posting, which may"
                " double it",
                mark.row,
            )
            return None
        with _failures_retried("conversations_history"):
            found = find_marked(self.client, channel, None, _metadata(mark), f"outbox {mark.row}")
        return None if found is None else f"{channel}:{found['ts']}"

    def update(self, kind: str, target: str, ref: str, payload: dict[str, Any]) -> None:
        channel, ts = ref.split(":", 1)
        with _failures_retried("chat_update"):
            self.client.chat_update(channel=channel, ts=ts, **queue_message(payload))

    def _route(self, kind: str, target: str, payload: dict[str, Any]) -> tuple[str, dict[str, Any]]:
        if target == CHANNEL:
            if kind == "queue_post":
                return self._ssw_channel(), queue_message(payload)
            return self._ssw_channel(), {"text": notification_line(kind, payload)}
        return target.removeprefix("user:"), {"text": notification_line(kind, payload)}

    def _ssw_channel(self) -> str:
        if not self.ssw_channel:
            raise DeliveryFailed("MADOGUCHI_SSW_CHANNEL is not set")
        return self.ssw_channel


def _metadata(mark: Mark) -> dict[str, Any]:
    return marked(OUTBOX, row=mark.row, stored=f"{mark.stored.timestamp():.6f}")


@contextmanager
def _failures_retried(method: str) -> Iterator[None]:
    """Slack's errors as the outbox retries them: a 429 after its Retry-After, others later."""
    try:
        yield
    except SlackApiError as exc:
        request_id = (
            exc.response.headers.get("x-slack-req-id", "-") if exc.response is not None else "-"
        )
        if exc.response is not None and exc.response.status_code == 429:
            retry_after = float(exc.response.headers.get("Retry-After", "1"))
            log.warning(
                "slack %s rate limited (request %s), retry after %ss",
                method,
                request_id,
                retry_after,
            )
            raise RateLimited(retry_after) from exc
        error = exc.response.get("error") if exc.response is not None else "unknown"
        log.warning("slack %s failed: %s (request %s)", method, error, request_id)
        raise DeliveryFailed(f"{method}: {error}") from exc


class InstalledWorkspaceSenders:
    """The outbox's senders when the app is distributed through OAuth: each workspace's
    notifications go out with the bot token it installed, looked up at every delivery so a
    reinstall (a new token) takes effect at once."""

    def __init__(
        self,
        store: InstallationStore,
        api_url: str,
        ssw_channel_of: Callable[[str], str | None],
    ) -> None:
        self.store = store
        self.api_url = api_url
        self.ssw_channel_of = ssw_channel_of

    def __call__(self, workspace: str) -> SlackSender:
        bot = self.store.find_bot(enterprise_id=None, team_id=workspace)
        if bot is None or not bot.bot_token:
            raise DeliveryFailed(f"workspace {workspace} has not installed the app")
        client = WebClient(token=bot.bot_token, base_url=self.api_url)
        return SlackSender(client, self.ssw_channel_of(workspace))
