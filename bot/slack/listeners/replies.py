"""Replies only the person who acted can see."""

from __future__ import annotations

from typing import Any

from slack_sdk import WebClient


def ephemeral(client: WebClient, body: dict[str, Any], text: str) -> None:
    """In the channel where the button was, visible to that user only; in a DM otherwise."""
    channel = (body.get("channel") or {}).get("id") or (body.get("container") or {}).get(
        "channel_id"
    )
    user = body["user"]["id"]
    if channel:
        client.chat_postEphemeral(channel=channel, user=user, text=text)
    else:
        client.chat_postMessage(channel=user, text=text)
