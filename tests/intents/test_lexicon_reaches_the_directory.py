"""Every topic a window is tagged with can be asked for: some need phrase in the lexicon
produces it. A topic no phrase produces is a window nobody can find by describing the need."""

from __future__ import annotations

from directory.loader import load_directory
from intents.lexicon import load_lexicon


def test_every_topic_in_the_bundled_directory_is_reachable_from_the_lexicon() -> None:
    lexicon = load_lexicon()
    reachable = {tag for phrase in lexicon.needs.phrases for tag in (phrase.tag, *phrase.also)}
    unreachable = sorted(
        f"{resource.id}: {topic}"
        for resource in load_directory().resources
        for topic in resource.topics
        if topic not in reachable
    )
    assert unreachable == [], (
        "add phrases under `needs:` in intents/data/lexicon.yaml for: " + ", ".join(unreachable)
    )
