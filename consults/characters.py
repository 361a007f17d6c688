"""Which characters text from a person may hold: one rule for questions and consult forms.

NUL and the other control characters (a line break or a tab is fine) and lone surrogates (half
of an emoji, broken in transit) are refused: PostgreSQL refuses NUL, UTF-8 cannot encode a
lone surrogate, and a terminal or Slack would show the rest as noise.
"""

from __future__ import annotations

import unicodedata

ALLOWED_CONTROLS = frozenset("\n\t\r")


def unusable_characters(text: str) -> bool:
    return any(
        (category := unicodedata.category(c)) == "Cs"
        or (category == "Cc" and c not in ALLOWED_CONTROLS)
        for c in text
    )
