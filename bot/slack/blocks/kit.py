"""The small pieces every Block Kit surface is made of (text, buttons, inputs)."""

from __future__ import annotations

from typing import Any

from bot.slack.limits import (
    BUTTON_TEXT,
    BUTTON_VALUE,
    SECTION_TEXT,
    clip,
)

Block = dict[str, Any]
View = dict[str, Any]


def _text(text: str) -> dict[str, Any]:
    return {"type": "mrkdwn", "text": clip(text, SECTION_TEXT)}


def _plain(text: str) -> dict[str, Any]:
    return {"type": "plain_text", "text": text, "emoji": True}


def section(text: str) -> Block:
    return {"type": "section", "text": _text(text)}


def button(label: str, action_id: str, value: str, style: str | None = None) -> dict[str, Any]:
    element: dict[str, Any] = {
        "type": "button",
        "text": _plain(clip(label, BUTTON_TEXT)),
        "action_id": action_id,
        "value": clip(value, BUTTON_VALUE),
    }
    if style:
        element["style"] = style
    return element


def actions(block_id: str, elements: list[dict[str, Any]]) -> Block:
    return {"type": "actions", "block_id": block_id, "elements": elements[:25]}


def _option(text: str, value: str | None = None) -> dict[str, Any]:
    return {"text": _plain(text), "value": value or text}


def _input(
    block_id: str,
    label: str,
    element: dict[str, Any],
    hint: str | None = None,
    optional: bool = False,
) -> Block:
    block: Block = {
        "type": "input",
        "block_id": block_id,
        "label": _plain(label),
        "element": element,
        "optional": optional,
    }
    if hint:
        block["hint"] = _plain(hint)
    return block
