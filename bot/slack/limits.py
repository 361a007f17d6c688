"""Slack's limits that bite in Japanese (FIELD_NOTES.md), as named constants."""

MODAL_TITLE = 24
MESSAGE_BLOCKS = 50
VIEW_BLOCKS = 100
SECTION_TEXT = 3000
BUTTON_TEXT = 75
BUTTON_VALUE = 2000
PRIVATE_METADATA = 3000
PLAIN_INPUT = 3000
SELECT_OPTIONS = 100  # options in a static_select; more schools would need external_select


def clip(text: str, limit: int) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"
