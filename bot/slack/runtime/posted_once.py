"""Posting to Slack once when the worker posting may die between Slack taking the post and
the database recording it.

A post carries its name in Slack's message ``metadata``. A later take of the same work
looks for that name in the conversation (``conversations.replies`` in a thread, else
``conversations.history``, both with ``include_all_metadata``) before posting again, so a
worker killed at the wrong moment costs a look, not a second message. Used by work after
the ack (``bot.slack.runtime.jobs``) and by the outbox's sender (``bot.slack.runtime.sender``).
"""

from __future__ import annotations

import logging
from typing import Any

from slack_sdk import WebClient
from slack_sdk.errors import SlackApiError

log = logging.getLogger(__name__)

LOOK_PAGE = 200  # messages per page when looking for an earlier post
LOOK_PAGES = 10  # a thread, a DM or the queue channel since the post was due is far shorter
CANNOT_LOOK = frozenset(
    {
        "missing_scope",
        "not_in_channel",
        "channel_not_found",
        "thread_not_found",
        "not_allowed_token_type",
    }
)
"""Slack's answers meaning the app may not read that conversation (so it posts: at least once)."""


def marked(event_type: str, **names: object) -> dict[str, Any]:
    """The metadata naming one post: Slack keeps it with the message and shows it to a look."""
    return {"event_type": event_type, "event_payload": dict(names)}


def single_try(client: WebClient, timeout: int) -> dict[str, Any]:
    """``client``'s settings for a client that posts at most once per call: slack_sdk's own
    retry would post again after a connection lost once Slack had the post (the caller's
    retry looks first), and a post gives up after ``timeout`` seconds (keep it inside the
    lease, or another worker could look before the post lands)."""
    return {
        "token": client.token,
        "base_url": client.base_url,
        "timeout": min(client.timeout, timeout),
        "ssl": client.ssl,
        "proxy": client.proxy,
        "headers": dict(client.headers),
        "team_id": client.default_params.get("team_id"),
        "logger": client.logger,
        "retry_handlers": [],
    }


def carries(message: dict[str, Any], mark: dict[str, Any]) -> bool:
    metadata = message.get("metadata") or {}
    if metadata.get("event_type") != mark["event_type"]:
        return False
    found, wanted = metadata.get("event_payload") or {}, mark["event_payload"]
    return all(str(found.get(key)) == str(value) for key, value in wanted.items())


def find_marked(
    client: WebClient, channel: str, thread_ts: str | None, mark: dict[str, Any], who: str
) -> dict[str, Any] | None:
    """Our message carrying ``mark`` in the thread (or the conversation), or None when it is
    not there or the app may not read there (logged: posting may double it). Slack or the
    network failing raises: the work is retried, and looks again."""
    cursor = None
    try:
        for _ in range(LOOK_PAGES):
            if thread_ts:
                page = client.conversations_replies(
                    channel=channel,
                    ts=thread_ts,
                    include_all_metadata=True,
                    limit=LOOK_PAGE,
                    cursor=cursor,
                )
            else:
                page = client.conversations_history(
                    channel=channel, include_all_metadata=True, limit=LOOK_PAGE, cursor=cursor
                )
            for message in page.get("messages") or []:
                if carries(message, mark):
                    return dict(message)
            cursor = (page.get("response_metadata") or {}).get("next_cursor")
            if not cursor:
                return None
    except SlackApiError as error:
        code = error.response.get("error") if error.response is not None else None
        if code not in CANNOT_LOOK:
            raise
        log.warning(
            "%s may not look for its earlier post in %s (%s); posting, which may double it",
            who,
            channel,
            code,
        )
        return None
    log.warning("%s: no earlier post in %d pages; posting", who, LOOK_PAGES)
    return None
