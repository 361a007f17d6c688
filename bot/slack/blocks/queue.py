"""A consult's message in the SSW channel: its channel view (never the summary) and the buttons the
lifecycle allows from its status."""

from __future__ import annotations

from collections.abc import Mapping
from types import MappingProxyType
from typing import Any

from bot.messages import slack as slack_msg
from bot.slack import ids
from bot.slack.blocks.kit import Block, _text, actions, button, section
from consults.lifecycle import Action, allows
from consults.messages import UNKNOWN_SCHOOL, channel_line
from consults.model import Status, Urgency

QUEUE_BUTTONS: Mapping[Action, tuple[str, str, str | None]] = MappingProxyType(
    {
        Action.CLAIM: (slack_msg.CLAIM_BUTTON, ids.QUEUE_CLAIM, "primary"),
        Action.START: (slack_msg.START_BUTTON, ids.QUEUE_START, None),
        Action.CLOSE: (slack_msg.CLOSE_BUTTON, ids.QUEUE_CLOSE, None),
        Action.VIEW: (slack_msg.DETAILS_BUTTON, ids.QUEUE_DETAILS, None),
        Action.TAKE_OVER: (slack_msg.TAKE_OVER_BUTTON, ids.QUEUE_TAKE_OVER, None),
    }
)
"""A consult's buttons (label, action id, style), in the order they stand. Each is offered
exactly when the lifecycle allows its move from the consult's status; who may press it is
checked on the press."""


def queue_message(payload: dict[str, Any]) -> dict[str, Any]:
    """The SSW channel message of one consult: no summary, ever (it is not in the payload)."""
    view = payload["consult"]
    mention = " ".join(f"<@{u}>" for u in payload.get("mention", []))
    line = channel_line(view)
    heading = slack_msg.URGENT_HEADING if view["urgency"] == Urgency.URGENT.value else ""
    blocks: list[Block] = [section(f"{heading}{line}" + (f"\n{mention}" if mention else ""))]
    if not payload.get("known_school", True):
        line = f"{line}\n{UNKNOWN_SCHOOL}"
        blocks.append({"type": "context", "elements": [_text(UNKNOWN_SCHOOL)]})
    status = Status(view["status"])
    number = view["number"]
    buttons = [
        button(label, action_id, number, style)
        for action, (label, action_id, style) in QUEUE_BUTTONS.items()
        if allows(status, action)
    ]
    blocks.append(actions(f"queue_{number}", buttons))
    return {"text": line, "blocks": blocks}
