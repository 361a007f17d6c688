"""The outbox's Sender for Slack: posts and updates through the Web API.

Rate limits become RateLimited with Slack's Retry-After; any other API or
network error becomes a retryable failure. Logs carry Slack's request id,
never a message's content.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Any

from slack_sdk import WebClient
from slack_sdk.errors import SlackApiError
from slack_sdk.oauth.installation_store import InstallationStore

from bot.slack.blocks.queue import queue_message
from bot.storage.outbox import DeliveryFailed, RateLimited
from consults.messages import notification_line
from consults.notifications import CHANNEL

log = logging.getLogger(__name__)


class SlackSender:
    def __init__(self, client: WebClient, ssw_channel: str | None) -> None:
        self.client = client
        self.ssw_channel = ssw_channel

    def post(self, kind: str, target: str, payload: dict[str, Any]) -> str:
        channel, message = self._route(kind, target, payload)
        response = self._call("chat_postMessage", channel=channel, **message)
        return f"{response['channel']}:{response['ts']}"

    def update(self, kind: str, target: str, ref: str, payload: dict[str, Any]) -> None:
        channel, ts = ref.split(":", 1)
        self._call("chat_update", channel=channel, ts=ts, **queue_message(payload))

    def _route(self, kind: str, target: str, payload: dict[str, Any]) -> tuple[str, dict[str, Any]]:
        if target == CHANNEL:
            if not self.ssw_channel:
                raise DeliveryFailed("MADOGUCHI_SSW_CHANNEL is not set")
            if kind == "queue_post":
                return self.ssw_channel, queue_message(payload)
            return self.ssw_channel, {"text": notification_line(kind, payload)}
        return target.removeprefix("user:"), {"text": notification_line(kind, payload)}

    def _call(self, method: str, **arguments: Any) -> Any:
        try:
            return getattr(self.client, method)(**arguments)
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
