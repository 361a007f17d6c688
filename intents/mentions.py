"""Find which resources a question names, by name, reading or alias.

rapidfuzz alone cannot do this well on Japanese: its tokenizers split on spaces
only, ``partial_ratio`` ties every name that contains the query, and no scorer
relates kana to kanji (FIELD_NOTES.md). So candidates come from a character
bigram index weighted by rarity (``センター`` says little, ``はらっぱ`` a lot),
which also tolerates word order (吉祥寺の0123 ~ 0123吉祥寺); rapidfuzz's
``partial_ratio`` then scores the alignment, forgiving a dropped or changed kana.
Readings and aliases in the data do the rest (こどもかていしえんせんたー, 子家セン).
"""

from __future__ import annotations

import math
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass

from rapidfuzz import fuzz

from directory.model import Directory
from intents.grammar import GRAMMAR
from intents.morphology import has_kanji, reading_of
from intents.normalize import (
    Normalized,
    contains_word,
    is_latin,
    normalize_full,
    without_long_o,
)

EXACT = 1.0
MENTION_THRESHOLD = 0.72
MIN_COVERAGE = 0.55
COMMON_BIGRAM_SHARE = 0.02
SHORT_ALIAS = 2
SHORT_NAME = 3
# an English name typed with a letter slipped ("education suport center"): only names of
# more than one word and this many letters, so that a short one (police) is never read
# into another word, and only where the words align whole
LATIN_SLIP_MIN_LENGTH = 12
LATIN_SLIP_RATIO = 90
# the CJK unified ideographs: a script's range, not a word


@dataclass(frozen=True)
class Mention:
    resource_id: str
    score: float
    alias: str
    end: int


@dataclass(frozen=True)
class _Alias:
    text: str
    resource_id: str
    display: str
    latin: bool
    bigrams: frozenset[str]


def best_first(mentions: Iterable[Mention]) -> list[Mention]:
    """Highest score first; equal scores in the order the question names them, so the same
    question gets the same answer in every process (set order changes with the hash seed)."""
    return sorted(mentions, key=lambda m: (-m.score, m.end, m.resource_id))


def _better(found: Mention, kept: Mention) -> bool:
    """A higher score; at the same score, the longer alias, then the earlier one."""
    return (found.score, len(found.alias), -found.end) > (kept.score, len(kept.alias), -kept.end)


def bigrams(text: str) -> frozenset[str]:
    return frozenset(text[i : i + 2] for i in range(len(text) - 1))


class MentionIndex:
    """Built once per directory; ``find`` is called for every question."""

    def __init__(self, directory: Directory) -> None:
        aliases: list[_Alias] = []
        for resource in directory.resources:
            seen: set[str] = set()
            for display in (resource.name, resource.reading, *resource.aliases):
                if not display:
                    continue
                normalized = normalize_full(display)
                latin = is_latin(normalized.spaced)
                text = normalized.spaced if latin else normalized.squashed
                texts = [text] if display != resource.reading else [text, without_long_o(text)]
                if not latin and display != resource.reading and has_kanji(text):
                    # staff who type in kana: 「いずみほけんせんたー」 names いずみ保健センター
                    parts = normalize_full(display).spaced.split()  # 記号 has a reading too
                    kana = normalize_full("".join(reading_of(part) for part in parts)).squashed
                    texts += [kana, without_long_o(kana)]
                if not latin:  # a dropped small っ is the commonest slip (はらぱ for はらっぱ)
                    texts += [t.replace(GRAMMAR.sokuon, "") for t in texts if len(t) > SHORT_NAME]
                for text in texts:
                    if text and text not in seen:
                        seen.add(text)
                        aliases.append(_Alias(text, resource.id, display, latin, bigrams(text)))
        self.aliases = tuple(aliases)
        self.latin = tuple(a for a in aliases if a.latin)
        self.short = tuple(a for a in aliases if not a.latin and len(a.text) <= SHORT_ALIAS)
        frequency: dict[str, int] = defaultdict(int)
        postings: dict[str, list[int]] = defaultdict(list)
        for position, alias in enumerate(aliases):
            if alias.latin or len(alias.text) <= SHORT_ALIAS:
                continue
            for gram in alias.bigrams:
                frequency[gram] += 1
                postings[gram].append(position)
        total = max(len(aliases), 1)
        self.idf = {gram: math.log(1 + total / count) for gram, count in frequency.items()}
        common = max(50, int(total * COMMON_BIGRAM_SHARE))
        self.postings = {g: tuple(p) for g, p in postings.items() if len(p) <= common}
        self.weight = tuple(sum(self.idf.get(g, 0.0) for g in a.bigrams) for a in aliases)

    def find(self, question: Normalized) -> list[Mention]:
        """The best mention of each named resource, best first."""
        text = question.squashed
        best: dict[str, Mention] = {}

        def keep(mention: Mention) -> None:
            # of two aliases found alike, the longer says more (主任児童委員 over 児童委員); the
            # choice must not depend on the order the bigrams are visited in (the hash seed)
            current = best.get(mention.resource_id)
            if current is None or _better(mention, current):
                best[mention.resource_id] = mention

        for alias in self.latin:
            if contains_word(question.spaced, alias.text):
                glued = alias.text.replace(" ", "")
                keep(
                    Mention(alias.resource_id, EXACT, alias.display, text.find(glued) + len(glued))
                )
            else:
                slipped = _latin_slip(alias, question.spaced)
                if slipped is not None:
                    keep(slipped)
        for alias in self.short:
            position = text.find(alias.text)
            if position >= 0:
                keep(Mention(alias.resource_id, EXACT, alias.display, position + len(alias.text)))
        # 「0123は今日…」: the は is a particle, not the start of はらっぱ
        question_grams = bigrams(text) - question.particle_joins
        shared: dict[int, float] = defaultdict(float)  # idf of the question's bigrams, per alias
        common = []
        for gram in sorted(question_grams):
            posting = self.postings.get(gram)
            if posting is None:
                if gram in self.idf:
                    common.append(gram)
                continue
            weight = self.idf[gram]
            for position in posting:
                shared[position] += weight
        at_most = sum(self.idf[g] for g in common)
        for position, weight in shared.items():
            if weight + at_most < MIN_COVERAGE * self.weight[position]:
                continue  # too little in common even to be contained: neither test can pass
            alias = self.aliases[position]
            found = text.find(alias.text)
            if found >= 0:
                keep(Mention(alias.resource_id, EXACT, alias.display, found + len(alias.text)))
                continue
            coverage = self._coverage(position, weight, common)
            if coverage < MIN_COVERAGE:
                continue
            alignment = fuzz.partial_ratio_alignment(alias.text, text)
            score = 0.6 * coverage + 0.4 * (alignment.score / 100 if alignment else 0.0)
            if score >= MENTION_THRESHOLD:
                end = alignment.dest_end if alignment else len(text)
                keep(Mention(alias.resource_id, round(score, 3), alias.display, end))
        return best_first(best.values())

    def _coverage(self, position: int, shared: float, common: list[str]) -> float:
        """Share of the alias's bigram weight found in the question; ``shared`` is summed
        from the postings, the question's too-common bigrams (not indexed) are added here."""
        total = self.weight[position]
        if total == 0:
            return 0.0
        alias_grams = self.aliases[position].bigrams
        return (shared + sum(self.idf.get(g, 0.0) for g in common if g in alias_grams)) / total


def _latin_slip(alias: _Alias, spaced: str) -> Mention | None:
    """The English name found with a letter slipped, added or left out, whole words
    aligned ("education suport center"), scored below an exact match; None otherwise."""
    if len(alias.text) < LATIN_SLIP_MIN_LENGTH or " " not in alias.text:
        return None
    alignment = fuzz.partial_ratio_alignment(alias.text, spaced, score_cutoff=LATIN_SLIP_RATIO)
    if alignment is None:
        return None
    start, end = alignment.dest_start, alignment.dest_end
    while start < end and spaced[start] == " ":
        start += 1
    while end > start and spaced[end - 1] == " ":
        end -= 1
    # the slip may be the name's first or last letter: widen the aligned span to whole words
    while start > 0 and spaced[start - 1].isalpha():
        start -= 1
    while end < len(spaced) and spaced[end].isalpha():
        end += 1
    written = spaced[start:end]
    if (
        abs(len(written) - len(alias.text)) > 1
        or fuzz.ratio(alias.text, written) < LATIN_SLIP_RATIO
    ):
        return None
    squashed_end = len(spaced[:end].replace(" ", ""))
    return Mention(alias.resource_id, round(alignment.score / 100, 3), alias.display, squashed_end)
