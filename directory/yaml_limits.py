"""Limits a YAML text must keep before it is composed, so no file can take the process down.

PyYAML's composer (the C one above all) recurses once per nesting level: 200 KB of
``[[[[…`` overflows the C stack and kills the process. Aliases are composed as
shared nodes, and whatever walks the tree afterwards expands them: ten levels of
ten aliases (a "billion laughs") is 10^10 nodes. libyaml's *parser* keeps its own
stack and does not recurse, so the text's events are read first (1.8 ms for the
largest bundled file), counting nesting and the nodes every alias stands for; a
text over a limit is refused at its line and never composed.
"""

from __future__ import annotations

from dataclasses import dataclass

import yaml

from directory import messages as msg

MAX_DEPTH = 64
"""Nesting levels; the directory's deepest value nests about eight."""
MAX_NODES = 200_000
"""Values after aliases are expanded; the largest bundled file has about 2,700."""


@dataclass(frozen=True)
class OverLimit:
    line: int
    message: str
    hint: str


def over_limit(text: str) -> OverLimit | None:
    """The first place where ``text`` nests too deep, expands too far or refers to itself."""
    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    open_collections: list[tuple[int, str | None]] = []  # (nodes so far, anchor)
    sizes: dict[str, int] = {}  # an anchor's node count, once its node is complete
    expanded = 0

    def count(nodes: int) -> None:
        """``nodes`` more values, in the innermost open collection (and in all)."""
        nonlocal expanded
        expanded += nodes
        if open_collections:
            size, anchor = open_collections[-1]
            open_collections[-1] = (size + nodes, anchor)

    for event in yaml.parse(text, Loader=loader):
        line = event.start_mark.line + 1 if event.start_mark else 1
        if isinstance(event, yaml.CollectionStartEvent):
            count(1)
            open_collections.append((1, event.anchor))
            if len(open_collections) > MAX_DEPTH:
                return OverLimit(line, *msg.nested_too_deep(MAX_DEPTH))
        elif isinstance(event, yaml.CollectionEndEvent):
            size, anchor = open_collections.pop()
            if anchor is not None:
                sizes[anchor] = size
            if open_collections:  # the parent counted this node at its start; now its contents
                parent_size, parent_anchor = open_collections[-1]
                open_collections[-1] = (parent_size + size - 1, parent_anchor)
        elif isinstance(event, yaml.ScalarEvent):
            count(1)
            if event.anchor is not None:
                sizes[event.anchor] = 1
        elif isinstance(event, yaml.AliasEvent):
            if event.anchor not in sizes:
                return OverLimit(line, *msg.alias_to_itself(str(event.anchor)))
            count(sizes[event.anchor])
        if expanded > MAX_NODES:
            return OverLimit(line, *msg.aliases_expand_too_far(MAX_NODES))
    return None
