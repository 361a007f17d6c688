"""The answer contract of PRODUCT.md: the JSON object scripts and tests rely on."""

from __future__ import annotations

from typing import Any

from answers.engine import Answer, Card
from answers.render import render_text


def answer_to_json(answer: Answer) -> dict[str, Any]:
    return {
        "intent": answer.intent.value,
        "resources": [_resource(card) for card in answer.cards],
        "clarify": list(answer.clarify),
        "text": render_text(answer),
    }


def _resource(card: Card) -> dict[str, Any]:
    resource = card.resource
    return {
        "id": resource.id,
        "name": resource.name,
        "municipality": card.municipality.name,
        "open_now": card.status.open_now,
        "hours_today": card.status.hours_today,
        "phones": [{"label": p.phone.label, "number": p.phone.number} for p in card.phones],
        "address": resource.address,
    }
