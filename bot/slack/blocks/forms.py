"""The consult form (a modal), the close form with its outcome, and a consult's details."""

from __future__ import annotations

import json

from bot.messages import slack as slack_msg
from bot.slack import ids
from bot.slack.blocks.kit import Block, View, _input, _option, _plain, _text, section
from bot.slack.limits import (
    PLAIN_INPUT,
    SELECT_OPTIONS,
    clip,
)
from consults.messages import OUTCOME_LABELS, details_text
from consults.model import CONSENTS_ORDER, Consult, Outcome, Urgency


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
