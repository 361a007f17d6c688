"""What a consult form starts with: after an emergency answer, 至急 and the categories its
kinds of danger name. Shared by the console and Slack's 「至急でSSWに相談する」 button; pure."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from intents.danger import Danger


@dataclass(frozen=True)
class Prefill:
    """What the form starts with, e.g. after an emergency answer: 至急 and 児童虐待."""

    urgent: bool = False
    categories: tuple[str, ...] = ()
    summary: str = ""


# the category an emergency answer's 「はい」 chooses in the form
DANGER_CATEGORY = {
    Danger.ABUSE: "児童虐待",
    Danger.SUICIDE: "心身の健康・保健",
    Danger.INJURY: "心身の健康・保健",
}


def emergency_prefill(danger: Iterable[Danger]) -> Prefill:
    """至急, and the categories the emergency's kinds of danger name (虐待 → 児童虐待)."""
    found = set(danger)
    categories = tuple(
        dict.fromkeys(DANGER_CATEGORY[d] for d in Danger if d in found and d in DANGER_CATEGORY)
    )
    return Prefill(urgent=True, categories=categories)
