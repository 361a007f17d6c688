"""Values out of signed Slack payloads, checked at the boundary.

A payload whose signature is good can still be one the app never built: a form
whose grade is not a number, a choice the form does not offer, a
``private_metadata`` that is not ours, a button without a value. Each reader
here returns the value or says which block is wrong, so the listener answers
with an inline form error or a private sentence — never a 500, and never a job
that fails five times in silence.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from datetime import date
from typing import Any

from bot.messages import slack as msg
from bot.slack import ids
from bot.slack.limits import BUTTON_VALUE, PLAIN_INPUT
from consults.model import Consent, ConsultDraft, Outcome, Urgency
from consults.text_rules import LIMITS, text_problem

SLACK_ID = re.compile(r"^[A-Z0-9]{1,64}$", re.IGNORECASE)
CONSULT_NUMBER = re.compile(r"^\d{4}-\d{4,8}$")


@dataclass(frozen=True)
class Refused:
    """Block id → sentence, ready for ``ack(response_action="errors", errors=...)``."""

    errors: dict[str, str]


def user_of(body: dict[str, Any]) -> str | None:
    """The Slack user id of whoever acted, when it looks like one."""
    user = body.get("user")
    user_id = user.get("id") if isinstance(user, dict) else body.get("user_id")
    if isinstance(user_id, str) and SLACK_ID.match(user_id) and len(user_id) <= LIMITS["requester"]:
        return user_id
    return None


def read_consult_form(body: dict[str, Any], view: dict[str, Any]) -> ConsultDraft | Refused:
    """The draft the teacher filled in, or the blocks Slack should mark."""
    user, view_id = user_of(body), view.get("id")
    if user is None or not (isinstance(view_id, str) and SLACK_ID.match(view_id)):
        return Refused({ids.SUMMARY: msg.form_not_ours()})
    values = _values(view)
    errors: dict[str, str] = {}
    grade = _selected(values, ids.GRADE)
    if grade is not None and not (grade.isascii() and grade.isdigit() and len(grade) <= 2):
        errors[ids.GRADE] = msg.choice_not_offered(msg.GRADE_LABEL)
    urgency = _selected(values, ids.URGENCY) or Urgency.NORMAL.value
    if urgency not in {u.value for u in Urgency}:
        errors[ids.URGENCY] = msg.choice_not_offered(msg.URGENCY_FIELD)
    consent = _selected(values, ids.CONSENT) or Consent.UNCONFIRMED.value
    if consent not in {c.value for c in Consent}:
        errors[ids.CONSENT] = msg.choice_not_offered(msg.CONSENT_LABEL)
    categories = _options(values, ids.CATEGORIES)
    if categories is None:
        errors[ids.CATEGORIES] = msg.choice_not_offered(msg.CATEGORIES_FIELD)
    if errors:
        return Refused(errors)
    return ConsultDraft(
        requester=user,
        school=(
            _selected(values, ids.SCHOOL)
            or _text(values, ids.SCHOOL)
            or _text(values, ids.SCHOOL_OTHER)
        ),
        grade=int(grade or 0),
        categories=categories or (),
        urgency=Urgency(urgency),
        summary=_text(values, ids.SUMMARY),
        consent=Consent(consent),
        contact_time=_text(values, ids.CONTACT_TIME),
        idempotency_key=f"slack-view-{view_id}",
    )


@dataclass(frozen=True)
class CloseForm:
    number: str
    outcome: Outcome
    note: str


def read_close_form(body: dict[str, Any], view: dict[str, Any]) -> CloseForm | Refused:
    """The consult number the close form was opened for (ours, in private_metadata), the
    outcome and the note."""
    number = _metadata_number(view.get("private_metadata"))
    if number is None or user_of(body) is None:
        return Refused({ids.OUTCOME: msg.form_not_ours()})
    values = _values(view)
    outcome = _selected(values, ids.OUTCOME) or Outcome.OTHER.value
    if outcome not in {o.value for o in Outcome}:
        return Refused({ids.OUTCOME: msg.choice_not_offered(msg.OUTCOME_LABEL)})
    note = _text(values, ids.NOTE)
    problem = text_problem("note", note, PLAIN_INPUT)
    if problem:
        return Refused({ids.NOTE: problem})
    return CloseForm(number, Outcome(outcome), note)


def action_value(action: dict[str, Any]) -> str | None:
    """A button's value as the app built it: text, not empty, within Slack's limit."""
    value = action.get("value")
    if isinstance(value, str) and value and len(value) <= BUTTON_VALUE:
        return value
    return None


@dataclass(frozen=True)
class Choice:
    """A choice button under an answer: which window, what was asked, for which day."""

    resource_id: str
    intent: str
    day: date | None = None


def choice_of(action: dict[str, Any]) -> Choice | None:
    """The window, intent and day a choice button carries (JSON the app wrote), or None."""
    parsed = _json_object_of(action)
    if parsed is None:
        return None
    resource, intent, day = parsed.get("r"), parsed.get("i"), parsed.get("d")
    if not (isinstance(resource, str) and isinstance(intent, str)):
        return None
    if day is None:
        return Choice(resource, intent)
    try:
        return Choice(resource, intent, date.fromisoformat(day)) if isinstance(day, str) else None
    except ValueError:
        return None


def _json_object_of(action: dict[str, Any]) -> dict[str, Any] | None:
    """The JSON object a button's value holds, or None when it holds none."""
    value = action_value(action)
    try:
        parsed = json.loads(value) if value is not None else None
    except ValueError:
        return None
    return parsed if isinstance(parsed, dict) else None


def consult_number_of(action: dict[str, Any]) -> str | None:
    """The consult number a queue button carries."""
    value = action_value(action)
    return value if value is not None and CONSULT_NUMBER.match(value) else None


def feedback_of(action: dict[str, Any]) -> dict[str, Any] | None:
    """The question and answer a 違った button carries (JSON the app wrote), or None."""
    parsed = _json_object_of(action)
    if parsed is None:
        return None
    texts = all(isinstance(parsed.get(key, ""), str) for key in ("q", "i", "m"))
    answered = parsed.get("r", [])
    if not texts or not (isinstance(answered, list) and all(isinstance(r, str) for r in answered)):
        return None
    return parsed


def _metadata_number(metadata: object) -> str | None:
    try:
        parsed = json.loads(metadata) if isinstance(metadata, str) else None
    except ValueError:
        return None
    number = parsed.get("number") if isinstance(parsed, dict) else None
    return number if isinstance(number, str) and CONSULT_NUMBER.match(number) else None


def _values(view: dict[str, Any]) -> dict[str, Any]:
    state = view.get("state")
    values = state.get("values") if isinstance(state, dict) else None
    return values if isinstance(values, dict) else {}


def _field(values: dict[str, Any], block: str) -> dict[str, Any]:
    element = values.get(block)
    field = element.get(ids.FIELD) if isinstance(element, dict) else None
    return field if isinstance(field, dict) else {}


def _text(values: dict[str, Any], block: str) -> str:
    value = _field(values, block).get("value")
    return value if isinstance(value, str) else ""


def _selected(values: dict[str, Any], block: str) -> str | None:
    """The chosen option's value; "" (never offered) when the option is not well formed."""
    option = _field(values, block).get("selected_option")
    if option is None:
        return None
    value = option.get("value") if isinstance(option, dict) else None
    return value if isinstance(value, str) else ""


def _options(values: dict[str, Any], block: str) -> tuple[str, ...] | None:
    """The chosen options' values (empty when none); None when they are not well formed."""
    options = _field(values, block).get("selected_options") or []
    if not isinstance(options, list):
        return None
    chosen = [o.get("value") if isinstance(o, dict) else None for o in options]
    if not all(isinstance(value, str) for value in chosen):
        return None
    return tuple(str(value) for value in chosen)
