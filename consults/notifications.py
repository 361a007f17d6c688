"""What each notification says, built only from fields that may leave the queue.

The channel view is a whitelist: number, school type, grade, categories,
urgency, status and assignee. The summary, the school name, the consent and the
contact time are not in it, so no notification can carry them by accident.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from consults.model import Consult

CHANNEL = "channel"
CHANNEL_FIELDS = (
    "number",
    "school_type",
    "grade",
    "categories",
    "urgency",
    "status",
    "assignee",
    "assignee_name",
)
NO_NAMES: Mapping[str, str] = {}


def user_target(user: str) -> str:
    return f"user:{user}"


def channel_view(consult: Consult, names: Mapping[str, str] = NO_NAMES) -> dict[str, Any]:
    """The only data about a consult that may reach a shared channel.

    ``assignee_name`` is the SSW's name from the routing file, so no surface shows a raw id
    where a name is known."""
    return {
        "number": consult.number,
        "school_type": consult.school_type.value,
        "grade": consult.grade,
        "categories": list(consult.categories),
        "urgency": consult.urgency.value,
        "status": consult.status.value,
        "assignee": consult.assignee,
        "assignee_name": names.get(consult.assignee) if consult.assignee else None,
    }


def new_consult(
    consult: Consult,
    mention: tuple[str, ...],
    known_school: bool = True,
    names: Mapping[str, str] = NO_NAMES,
) -> dict[str, Any]:
    return {
        "consult": channel_view(consult),
        "mention": list(mention),
        "mention_names": [names.get(user, user) for user in mention],
        "known_school": known_school,
    }


def status_changed(consult: Consult, names: Mapping[str, str] = NO_NAMES) -> dict[str, Any]:
    return {"consult": channel_view(consult, names)}


def requester_notice(
    consult: Consult,
    event: str,
    names: Mapping[str, str] = NO_NAMES,
    by: str | None = None,
    former: str | None = None,
) -> dict[str, Any]:
    """What the requester is told: the event (received, claimed, reassigned, started, closed),
    who did it and who had it before, by name."""
    outcome = consult.outcome.value if consult.outcome else None
    return {
        "consult": channel_view(consult, names),
        "event": event,
        "outcome": outcome,
        "by": by,
        "former": former,
    }


def assignee_notice(
    consult: Consult, action: str, names: Mapping[str, str], by: str, former: str | None
) -> dict[str, Any]:
    """What an SSW is told when a consult is handed to them or taken from them."""
    return {"consult": channel_view(consult, names), "action": action, "by": by, "former": former}


def reminder(
    consult: Consult,
    mention: tuple[str, ...],
    escalation: bool,
    after_hours: bool = False,
    names: Mapping[str, str] = NO_NAMES,
    safety: tuple[str, str] | None = None,
) -> dict[str, Any]:
    """``after_hours``: sent outside business hours, so it says nobody may be watching, and
    names the ``safety`` lines (110, 189: the directory's numbers)."""
    return {
        "consult": channel_view(consult, names),
        "mention": list(mention),
        "mention_names": [names.get(user, user) for user in mention],
        "escalation": escalation,
        "after_hours": after_hours,
        "safety": list(safety) if safety else None,
    }
