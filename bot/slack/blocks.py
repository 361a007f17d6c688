"""Block Kit, built by pure functions from the engine's and the queue's values.

No listener writes a dict literal: they call these. The plain ``text`` of an
answer is the CLI's text (``render_text``), so both surfaces say the same thing.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from types import MappingProxyType
from typing import Any

from answers import messages as msg
from answers.engine import Answer
from answers.render import render_card, render_text
from bot.messages import slack as slack_msg
from bot.slack import ids
from bot.slack.limits import (
    BUTTON_TEXT,
    BUTTON_VALUE,
    MESSAGE_BLOCKS,
    PLAIN_INPUT,
    SECTION_TEXT,
    SELECT_OPTIONS,
    VIEW_BLOCKS,
    clip,
)
from consults.lifecycle import Action, allows
from consults.messages import OUTCOME_LABELS, UNKNOWN_SCHOOL, channel_line, details_text
from consults.model import CONSENTS_ORDER, Consult, Outcome, Status, Urgency
from consults.notifications import NO_NAMES, channel_view
from consults.prefill import emergency_prefill
from intents.danger import Danger
from intents.understand import Intent

Block = dict[str, Any]
View = dict[str, Any]

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


def _option(text: str, value: str | None = None) -> dict[str, Any]:
    return {"text": _plain(text), "value": value or text}


def _school_inputs(schools: tuple[str, ...]) -> list[Block]:
    """The routing file's schools as a select (Slack filters it as the teacher types), and a
    field for a school not in the list; with no list, one field to type the name."""
    typed = {
        "type": "plain_text_input",
        "action_id": ids.FIELD,
        "placeholder": _plain(slack_msg.SCHOOL_PLACEHOLDER),
        "max_length": 100,
    }
    if not schools:
        return [_input(ids.SCHOOL, slack_msg.SCHOOL_NAME_LABEL, typed)]
    return [
        _input(
            ids.SCHOOL,
            slack_msg.SCHOOL_LABEL,
            {
                "type": "static_select",
                "action_id": ids.FIELD,
                "placeholder": _plain(slack_msg.SCHOOL_SELECT_PLACEHOLDER),
                "options": [_option(name) for name in schools[:SELECT_OPTIONS]],
            },
            optional=True,
        ),
        _input(
            ids.SCHOOL_OTHER,
            slack_msg.SCHOOL_OTHER_LABEL,
            typed,
            hint=slack_msg.SCHOOL_OTHER_HINT,
            optional=True,
        ),
    ]


def consult_modal(
    categories: tuple[str, ...],
    draft_summary: str = "",
    urgent: bool = False,
    key: str = "",
    schools: tuple[str, ...] = (),
    chosen: tuple[str, ...] = (),
    safety: tuple[str, str] | None = None,
) -> View:
    """The consult form. Validation errors come back inline (response_action=errors).
    ``safety``: the directory's lines for immediate danger and abuse (110, 189)."""
    urgency_options = [_option(u.value) for u in Urgency]
    blocks: list[Block] = [
        section(slack_msg.modal_warning(safety)),
        *_school_inputs(schools),
        _input(
            ids.GRADE,
            slack_msg.GRADE_LABEL,
            {
                "type": "static_select",
                "action_id": ids.FIELD,
                "options": [_option(slack_msg.grade_option(g), str(g)) for g in range(1, 7)],
            },
        ),
        _input(
            ids.CATEGORIES,
            slack_msg.CATEGORIES_LABEL,
            {
                "type": "multi_static_select",
                "action_id": ids.FIELD,
                "options": [_option(c) for c in categories],
                **(
                    {"initial_options": [_option(c) for c in chosen if c in categories]}
                    if any(c in categories for c in chosen)
                    else {}
                ),
            },
        ),
        _input(
            ids.URGENCY,
            slack_msg.URGENCY_LABEL,
            {
                "type": "radio_buttons",
                "action_id": ids.FIELD,
                "options": urgency_options,
                "initial_option": urgency_options[1 if urgent else 0],
            },
        ),
        _input(
            ids.SUMMARY,
            slack_msg.SUMMARY_LABEL,
            {
                "type": "plain_text_input",
                "action_id": ids.FIELD,
                "multiline": True,
                "max_length": 1000,
                **({"initial_value": clip(draft_summary, 1000)} if draft_summary else {}),
            },
            hint=slack_msg.SUMMARY_HINT,
        ),
        _input(
            ids.CONSENT,
            slack_msg.CONSENT_LABEL,
            {
                "type": "static_select",
                "action_id": ids.FIELD,
                "options": [_option(c.value) for c in CONSENTS_ORDER],
            },
            hint=slack_msg.CONSENT_HINT,
        ),
        _input(
            ids.CONTACT_TIME,
            slack_msg.CONTACT_TIME_LABEL,
            {"type": "plain_text_input", "action_id": ids.FIELD, "max_length": 200},
            optional=True,
        ),
    ]
    return {
        "type": "modal",
        "callback_id": ids.CONSULT_MODAL,
        "title": _plain(slack_msg.CONSULT_FORM_TITLE),
        "submit": _plain(slack_msg.CONSULT_FORM_SUBMIT),
        "close": _plain(slack_msg.CONSULT_FORM_CANCEL),
        "private_metadata": json.dumps({"key": key}),
        "blocks": blocks,
    }


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


def close_modal(number: str) -> View:
    options = [_option(OUTCOME_LABELS[outcome], outcome.value) for outcome in Outcome]
    return {
        "type": "modal",
        "callback_id": ids.CLOSE_MODAL,
        "title": _plain(slack_msg.close_form_title(number)),
        "submit": _plain(slack_msg.CLOSE_FORM_SUBMIT),
        "close": _plain(slack_msg.CLOSE_FORM_CANCEL),
        "private_metadata": json.dumps({"number": number}),
        "blocks": [
            _input(
                ids.OUTCOME,
                slack_msg.OUTCOME_LABEL,
                {"type": "static_select", "action_id": ids.FIELD, "options": options},
            ),
            _input(
                ids.NOTE,
                slack_msg.NOTE_LABEL,
                {
                    "type": "plain_text_input",
                    "action_id": ids.FIELD,
                    "multiline": True,
                    "max_length": 1000,
                },
                optional=True,
            ),
        ],
    }


def details_modal(consult: Consult) -> View:
    return {
        "type": "modal",
        "callback_id": ids.DETAILS_MODAL,
        "title": _plain(slack_msg.details_title(consult.number)),
        "close": _plain(slack_msg.DETAILS_CLOSE),
        "blocks": [
            section(clip(details_text(consult), PLAIN_INPUT)),
            {
                "type": "context",
                "elements": [_text(slack_msg.DETAILS_VIEWING_LOGGED)],
            },
        ],
    }


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
