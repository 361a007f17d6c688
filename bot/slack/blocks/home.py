"""App Home: an SSW's open consults and the ones waiting, a teacher's own, the first calls."""

from __future__ import annotations

from collections.abc import Mapping
from types import MappingProxyType
from typing import Any

from answers import messages as msg
from bot.messages import slack as slack_msg
from bot.slack import ids
from bot.slack.blocks.kit import Block, View, _plain, actions, button, section
from bot.slack.blocks.queue import QUEUE_BUTTONS
from bot.slack.limits import (
    VIEW_BLOCKS,
)
from consults.lifecycle import Action, allows
from consults.messages import channel_line
from consults.model import Consult, Urgency
from consults.notifications import NO_NAMES, channel_view
from intents.danger import Danger

NO_NUMBERS: Mapping[str, str] = MappingProxyType({})


def home_view(
    *,
    is_ssw: bool,
    mine: list[Consult],
    unclaimed: list[Consult],
    filed: list[Consult],
    general_window: str,
    names: Mapping[str, str] = NO_NAMES,
    emergency_numbers: Mapping[str, str] = NO_NUMBERS,
) -> View:
    """``emergency_numbers``: the first line's number for each danger level (from the
    directory), which the home names beside the general window."""
    immediate, abuse, child = (
        emergency_numbers.get(level) for level in (Danger.IMMEDIATE, Danger.ABUSE, Danger.SUICIDE)
    )
    blocks: list[Block] = [
        {"type": "header", "text": _plain(slack_msg.HOME_TITLE)},
        section(msg.help_text((immediate, abuse) if immediate and abuse else None)),
        section(slack_msg.home_first_calls(general_window, abuse, child)),
        actions(
            "home_consult",
            [button(slack_msg.CONSULT_BUTTON, ids.OPEN_CONSULT, Urgency.NORMAL.value, "primary")],
        ),
    ]
    if is_ssw:
        blocks.append({"type": "header", "text": _plain(slack_msg.HOME_MINE)})
        blocks += _consult_rows(mine, slack_msg.HOME_MINE_EMPTY, names=names)
        blocks.append({"type": "header", "text": _plain(slack_msg.HOME_UNCLAIMED)})
        blocks += _consult_rows(unclaimed, slack_msg.HOME_UNCLAIMED_EMPTY, names=names)
    blocks.append({"type": "header", "text": _plain(slack_msg.HOME_FILED)})
    blocks += _consult_rows(filed, slack_msg.HOME_FILED_EMPTY, buttons=False, names=names)
    return {"type": "home", "blocks": blocks[:VIEW_BLOCKS]}


def _consult_rows(
    consults: list[Consult],
    empty: str,
    buttons: bool = True,
    names: Mapping[str, str] = NO_NAMES,
) -> list[Block]:
    if not consults:
        return [section(empty)]
    rows = []
    for consult in consults[:20]:
        block = section(channel_line(channel_view(consult, names)))
        if buttons:
            block["accessory"] = _home_row_button(consult)
        rows.append(block)
    return rows


def _home_row_button(consult: Consult) -> dict[str, Any]:
    """A home row has room for one button: claim it when the lifecycle lets it be claimed,
    else open its details (same label, id and value as the channel message's)."""
    wanted = Action.CLAIM if allows(consult.status, Action.CLAIM) else Action.VIEW
    label, action_id, _ = QUEUE_BUTTONS[wanted]
    return button(label, action_id, consult.number)
