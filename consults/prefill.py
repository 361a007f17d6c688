"""What a consult form starts with: after an emergency answer, 至急 and the categories its
kinds of danger name (``consults/data/emergency_prefill.yaml``). Shared by the console and
Slack's 「至急でSSWに相談する」 button; pure."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from pydantic import BaseModel, ConfigDict, StrictStr

from consults.datafiles import DATA
from directory.yamlfile import load_data_file
from intents.danger import Danger


@dataclass(frozen=True)
class Prefill:
    """What the form starts with, e.g. after an emergency answer: 至急 and 児童虐待."""

    urgent: bool = False
    categories: tuple[str, ...] = ()
    summary: str = ""


class _EmergencyPrefillModel(BaseModel):
    # not strict: a danger level is written as its value (abuse) and read as the Danger
    model_config = ConfigDict(extra="forbid", frozen=True)
    categories_for_danger: dict[Danger, StrictStr]


EMERGENCY_PREFILL_FILE = DATA / "emergency_prefill.yaml"


def load_danger_categories(path: Path = EMERGENCY_PREFILL_FILE) -> dict[Danger, str]:
    """Read and check the file; DataFileInvalid (file:line problems) when it is wrong."""
    return dict(load_data_file(path, _EmergencyPrefillModel).categories_for_danger)


# the category an emergency answer's 「はい」 chooses in the form
DANGER_CATEGORY = load_danger_categories()


def emergency_prefill(danger: Iterable[Danger]) -> Prefill:
    """至急, and the categories the emergency's kinds of danger name (虐待 → 児童虐待)."""
    found = set(danger)
    categories = tuple(
        dict.fromkeys(DANGER_CATEGORY[d] for d in Danger if d in found and d in DANGER_CATEGORY)
    )
    return Prefill(urgent=True, categories=categories)
