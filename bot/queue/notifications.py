"""What each notification says, built only from fields that may leave the queue.

The channel view is a whitelist: number, school type, grade, categories,
urgency, status and assignee. The summary, the school name, the consent and the
contact time are not in it, so no notification can carry them by accident.
"""

from __future__ import annotations

from typing import Any

from bot.queue.model import Consult

CHANNEL = "channel"
CHANNEL_FIELDS = ("number", "school_type", "grade", "categories", "urgency", "status", "assignee")


def user_target(user: str) -> str:
    return f"user:{user}"


def channel_view(consult: Consult) -> dict[str, Any]:
    """The only data about a consult that may reach a shared channel."""
    return {
        "number": consult.number,
        "school_type": consult.school_type.value,
        "grade": consult.grade,
        "categories": list(consult.categories),
        "urgency": consult.urgency.value,
        "status": consult.status.value,
        "assignee": consult.assignee,
    }


def new_consult(consult: Consult, mention: tuple[str, ...]) -> dict[str, Any]:
    return {"consult": channel_view(consult), "mention": list(mention)}


def status_changed(consult: Consult) -> dict[str, Any]:
    return {"consult": channel_view(consult)}


def requester_notice(consult: Consult, event: str) -> dict[str, Any]:
    outcome = consult.outcome.value if consult.outcome else None
    return {"consult": channel_view(consult), "event": event, "outcome": outcome}


def reminder(consult: Consult, mention: tuple[str, ...], escalation: bool) -> dict[str, Any]:
    return {"consult": channel_view(consult), "mention": list(mention), "escalation": escalation}
