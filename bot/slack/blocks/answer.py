"""An answer as a Slack message: the same text as the CLI (``render_text``), with buttons that carry
what they mean (a window's id, an intent)."""

from __future__ import annotations

import json
from typing import Any

from answers import messages as msg
from answers.engine import Answer
from answers.render import render_card, render_text
from bot.messages import slack as slack_msg
from bot.slack import ids
from bot.slack.blocks.kit import Block, actions, button, section
from bot.slack.limits import (
    MESSAGE_BLOCKS,
    clip,
)
from consults.model import Urgency
from consults.prefill import emergency_prefill
from intents.understand import Intent


def choice_value(answer: Answer, resource_id: str) -> str:
    """What a choice button means, carried on it: the window, what was asked about it, and
    the day asked when not today — so the press is answered from ids, never re-read."""
    value: dict[str, str] = {"r": resource_id, "i": answer.intent.value}
    day = answer.other_day_asked
    if day is not None:
        value["d"] = day.isoformat()
    return json.dumps(value)


def answer_message(answer: Answer, question: str) -> dict[str, Any]:
    """Blocks and fallback text for an answer posted in a channel, thread or DM."""
    blocks: list[Block] = []
    text = render_text(answer)
    if answer.intent is Intent.EMERGENCY:
        blocks.append(section(text))
        blocks.append(
            actions(
                "emergency",
                [
                    button(
                        slack_msg.URGENT_CONSULT_BUTTON,
                        ids.OPEN_URGENT_CONSULT,
                        ":".join(
                            [Urgency.URGENT.value, *emergency_prefill(answer.danger).categories]
                        ),
                        "danger",
                    )
                ],
            )
        )
    elif answer.intent in (Intent.HELP, Intent.UNKNOWN, Intent.CONSULT_REQUEST) or not answer.cards:
        blocks.append(section(text))
        if answer.intent is Intent.CONSULT_REQUEST:
            blocks.append(
                actions(
                    "consult",
                    [
                        button(
                            slack_msg.CONSULT_BUTTON,
                            ids.OPEN_CONSULT,
                            Urgency.NORMAL.value,
                            "primary",
                        )
                    ],
                )
            )
    else:
        shows_header = answer.intent is Intent.FIND_SERVICE or answer.asks_what_is_open
        header = text.split("\n", 1)[0] if shows_header else None
        if header:
            blocks.append(section(header))
        if answer.clarify:
            blocks.append(section(msg.CLARIFY_TEXT.format(choices="")))
            blocks.append(
                actions(
                    "clarify",
                    [
                        button(name, f"clarify_{i}", choice_value(answer, resource_id))
                        for i, (name, resource_id) in enumerate(
                            zip(answer.clarify, answer.clarify_ids, strict=True)
                        )
                    ],
                )
            )
        for index, card in enumerate(answer.cards, start=1):
            block = section(render_card(card, answer, index if len(answer.cards) > 1 else None))
            if card.resource.schedule.known or any(p.phone.schedule.known for p in card.phones):
                block["accessory"] = button(
                    slack_msg.HOURS_TODAY_BUTTON, ids.HOURS_TODAY, card.resource.id
                )
            blocks.append(block)
        if (
            answer.fallback
            and answer.intent is Intent.FIND_SERVICE
            and answer.fallback.resource.id not in {c.resource.id for c in answer.cards}
        ):
            blocks.append(section(text.rsplit("\n", 1)[-1]))
        if answer.intent is Intent.FIND_SERVICE and answer.understanding.needs:
            blocks.append(
                actions(
                    "consult",
                    [button(slack_msg.CONSULT_BUTTON, ids.OPEN_CONSULT, Urgency.NORMAL.value)],
                )
            )
    answered = [c.resource.name for c in answer.cards]
    feedback_value = json.dumps(
        {
            "q": clip(question, 500),
            "i": answer.intent.value,
            "m": answer.municipality.name,
            "r": answered,
        },
        ensure_ascii=False,
    )
    blocks.append(
        actions(
            "feedback",
            [
                button(slack_msg.FEEDBACK_GOOD_BUTTON, ids.FEEDBACK_GOOD, feedback_value),
                button(slack_msg.FEEDBACK_BAD_BUTTON, ids.FEEDBACK_BAD, feedback_value),
            ],
        )
    )
    return {"text": text, "blocks": blocks[:MESSAGE_BLOCKS]}
