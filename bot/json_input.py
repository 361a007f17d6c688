"""JSON from outside (a Slack request, a --jsonl line), read so that no input can end the reader.

``json.loads`` recurses once per nesting level: a line of 100,000 brackets raises
RecursionError (not ValueError), and a handler that catches only ValueError lets it
end the request or the whole batch. Here either is simply "not a JSON object", and
an object nested deeper than any honest input is refused too.
"""

from __future__ import annotations

import json
from typing import Any

MAX_DEPTH = 32
"""Slack's deepest payload (a view's state) nests about ten levels; a --jsonl line two."""


def json_object(text: str | bytes, max_depth: int = MAX_DEPTH) -> dict[str, Any] | None:
    """The JSON object ``text`` holds, or None when it is not one (or nests too deep)."""
    try:
        value = json.loads(text)
    except (ValueError, RecursionError):
        return None
    if not isinstance(value, dict) or depth(value, max_depth) > max_depth:
        return None
    return value


def depth(value: Any, limit: int = MAX_DEPTH) -> int:
    """How deep a parsed JSON value nests, counted without recursion (stops once past ``limit``)."""
    deepest, stack = 0, [(value, 1)]
    while stack:
        item, level = stack.pop()
        deepest = max(deepest, level)
        if deepest > limit:
            return deepest
        children = (
            item.values() if isinstance(item, dict) else item if isinstance(item, list) else ()
        )
        stack.extend((child, level + 1) for child in children)
    return deepest
