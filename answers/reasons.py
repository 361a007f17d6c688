"""Why a window is in an answer, as values.

The engine says *why* a window was chosen (a need of the question it takes, the asker named
it, it is the city's 総合相談窓口, it is open at the time asked); only the renderer puts a
reason into words (``answers.messages.reason_text``), so no logic ever compares display text.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import Enum


class Why(Enum):
    NEED = "need"  # the window takes a need of the question (words: the need, as the data names it)
    SERVES_STAGES = "serves_stages"  # it says it serves the stages asked (words: the stages)
    SERVES_AGES = "serves_ages"  # it serves the ages asked, which named no stage
    NAMED = "named"  # the asker named the window
    NATIONAL_LINE = "national_line"  # the asker's city has no window of the kind named
    SSW_CONSULT = "ssw_consult"  # where a consult request goes
    GENERAL_WINDOW = "general_window"  # nothing fit: the city's 総合相談窓口 instead
    FALLBACK = "fallback"  # the 総合相談窓口 offered under an answer
    OPEN_NOW = "open_now"  # an hours question naming nothing: open now
    OPEN_ON_DAY = "open_on_day"  # … open on the day asked
    OPEN_AT = "open_at"  # … open at the time asked


OPEN_THEN = frozenset({Why.OPEN_NOW, Why.OPEN_ON_DAY, Why.OPEN_AT})


@dataclass(frozen=True)
class Reason:
    why: Why
    words: tuple[str, ...] = ()  # what the data calls it (a need's tag, the stages served)

    @classmethod
    def need(cls, tag: str) -> Reason:
        return cls(Why.NEED, (tag,))

    @classmethod
    def serves(cls, stages: tuple[str, ...]) -> Reason:
        return cls(Why.SERVES_STAGES, stages) if stages else cls(Why.SERVES_AGES)


NAMED = Reason(Why.NAMED)
NATIONAL_LINE = Reason(Why.NATIONAL_LINE)
SSW_CONSULT = Reason(Why.SSW_CONSULT)
GENERAL_WINDOW = Reason(Why.GENERAL_WINDOW)
FALLBACK = Reason(Why.FALLBACK)
