"""The data's nouns as staff type them in kana, written back in their kanji.

A question typed all in hiragana (a 学童 worker on a phone, a child's words quoted) gives
the analyzer no kanji to find words by: 「げこう したって」 comes out as げ | こう | する and
「がくどうに」 as がく | どう | に, so no phrase's 下校 or 学童 is met, and a kana word matched
by its reading (:func:`intents.lexicon._same_lemma`) is never reached. The nouns the data's
phrases are written with are the words that matter here; where the analyzer cut the start
of a run of kana (as staff space their words: 「げこう」, 「がくどうに」) into pieces that
together spell one of their readings, and a particle, the copula or する follows them (the
rest of the run may be the sentence going on: 「がくどうにきてない」), that start is the
noun, and the question is read again with it in kanji. A noun the data writes in katakana
(ベランダ) is met the same way: 「べらんだに」 comes out as べ | らんだ | に.

What keeps it from reading nouns into other words: two or more pieces must be joined (a
word the analyzer read whole is left to it); none of them a verb, an adjective or a helper
verb the analyzer found (「あいて」 is 開いて, never 相手); the last not a particle
(「いえでも」 is 家でも, never 家出も; 「やけど」 after おるん is a particle, not 火傷); only at a
run's start (「くやくしょ」 holds no 役所 of its own); and only readings of three kana or
more that one noun of the data has (ほけん is 保健 and 保険: neither is restored).
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable

from intents.grammar import GRAMMAR
from intents.morphology import (
    KanaPiece,
    Role,
    Word,
    all_katakana,
    has_kanji,
    kana_runs,
    reading_of,
)

# a reading shorter than this is too easily a piece of other words (かい, こう, いえ)
MIN_READING = 3
# a reading this long is a noun wherever the analyzer cut it (ねっちゅうしょう)
LONG_READING = 6
# the most pieces one noun is cut into (き | ょう | いく | しえん is never seen; two or
# three are: がく | どう, じ | どう | かん)
MAX_PIECES = 4


class KanaWords:
    """Readings of the data's kanji nouns, each with its one spelling."""

    def __init__(
        self, nouns: Iterable[Word], kana_phrases: Iterable[str] = (), compounds: Iterable[str] = ()
    ) -> None:
        """``kana_phrases``: what the data itself writes in kana (the bot's name まどぐち):
        a reading of one of them is that word, never a noun to restore (窓口). ``compounds``:
        nouns the analyzer reads as a noun and a suffix (熱中症: 熱中 | 症), whose reading
        is the whole's (ねっちゅうしょう), not its parts' read alone (症 alone is no しょう)."""
        spellings: dict[str, set[str]] = {}
        for compound in compounds:
            reading = reading_of(compound)
            if len(reading) >= MIN_READING and reading != compound:
                spellings.setdefault(reading, set()).add(compound)
        for word in nouns:
            if (
                word.role is Role.CONTENT
                and word.pos == GRAMMAR.pos.noun
                and len(word.kana) >= MIN_READING
            ):
                if has_kanji(word.key):
                    spellings.setdefault(word.kana, set()).add(word.key)
                elif all_katakana(word.surface):
                    spellings.setdefault(word.kana, set()).add(word.surface)
        kept = set(kana_phrases)
        self.spelling = {
            reading: next(iter(keys))
            for reading, keys in spellings.items()
            if len(keys) == 1 and reading not in kept
        }

    def restore(self, text: str) -> str:
        """``text`` with each run of kana that begins with one noun's reading, cut into
        pieces, in its kanji (「がくどうに きません」 → 「学童に きません」), or ``text`` itself."""
        if not self.spelling:
            return text
        normalized = unicodedata.normalize("NFKC", text)
        replaced: list[tuple[int, int, str]] = []
        for run in kana_runs(normalized):
            found = self._noun_at_start(run)
            if found is not None:
                replaced.append(found)
        for start, end, spelling in reversed(replaced):
            normalized = normalized[:start] + spelling + normalized[end:]
        return normalized if replaced else text

    def _noun_at_start(self, run: tuple[KanaPiece, ...]) -> tuple[int, int, str] | None:
        pos = GRAMMAR.pos
        for count in range(min(MAX_PIECES, len(run)), 1, -1):
            pieces, rest = run[:count], run[count:]
            reading = "".join(piece.surface for piece in pieces)
            if (
                # a long reading is the noun even where the analyzer found a helper verb in it
                # (ね | っちゅう | しょう): no verb's forms spell one by chance
                (any(piece.pos in _CONJUGATED for piece in pieces) and len(reading) < LONG_READING)
                or pieces[-1].pos == pos.particle
                or not _a_nouns_company(rest)
            ):
                continue
            spelling = self.spelling.get(reading)
            if spelling is not None:
                return pieces[0].begin, pieces[-1].end, spelling
        return None


def _a_nouns_company(rest: tuple[KanaPiece, ...]) -> bool:
    """Whether what follows the pieces in their run begins as a noun's company does: a
    particle (がくどう|に), the copula (べらんだ|に read as だ) or する (げこう|する), or
    nothing. Anything else may make the pieces the start of a longer word, and they are
    left as the analyzer read them."""
    if not rest:
        return True
    first = rest[0]
    return first.pos in (GRAMMAR.pos.particle, GRAMMAR.pos.suffix) or first.lemma in (
        GRAMMAR.do_verb,
        GRAMMAR.copula,
    )


_CONJUGATED = frozenset({GRAMMAR.pos.verb, GRAMMAR.pos.adjective, GRAMMAR.pos.auxiliary_verb})
