"""Fold the many ways Japanese staff write the same words into one form.

Both the questions and every phrase of the data (names, aliases, lexicon) go
through :func:`normalize`, so matching is a plain substring or n-gram test:

- Slack markup (``<@U123>``, ``<#C1|name>``, ``<https://…|label>``) is removed or
  replaced by its label;
- NFKC (full/half width: ``ﾏﾀﾆﾃｨ`` → ``マタニティ``, ``０１２３`` → ``0123``), lower case;
- katakana → hiragana (jaconv), with ヶ/ケ folded first so 緑ヶ丘 = 緑ケ丘;
- 子供 / 子ども / こども → こども, and the other spelling variants of
  ``intents/data/grammar.yaml`` (``spelling:``);
- long-vowel marks and every punctuation, symbol and space are dropped
  (``センター`` = ``センタ``), so word order and spacing do not matter.

``spaced`` keeps single spaces between words for the few checks that need
word boundaries (short Latin aliases like "SC" must not match inside "school").
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass, replace
from functools import lru_cache

import jaconv

from intents.grammar import GRAMMAR
from intents.morphology import HIRAGANA, KATAKANA, Role, Word, analyze

_SLACK_LINK = re.compile(r"<(?:https?|mailto):[^|>]*\|([^>]*)>")
_SLACK_CHANNEL = re.compile(r"<#[A-Z0-9]+\|([^>]*)>")
_SLACK_OTHER = re.compile(r"<[^>]*>")
# a sentence's end, kept through the folding of blanks (one character for one, so the
# places it marks are places in ``spaced``)
_SENTENCE_BREAK = "\x1e"
_BLANKS = re.compile("[ \x1e]+")
# A word that is nothing but Hepburn-style syllables (harappa, kodomo, jidokan); English
# words mostly are not (center, phone, today), and the few that are (open, home) are
# only ever looked up as window names.
_ROMAJI_WORD = re.compile(
    r"(?:(?:kk|ss|tt|pp|gg|zz|dd|bb|tch|cch)?"
    r"(?:ky|gy|sh|ch|ts|ny|hy|by|py|my|ry|[kgsztdnhbpmyrwjf])?[aiueo]|n(?![aiueoy]))+"
)
ROMAJI_MIN_LENGTH = 4
ROMAJI_RUN = 3  # romaji words in a row that are a Japanese sentence, not English
_HIRAGANA_OR_KANJI = re.compile(rf"[{HIRAGANA}\u3400-\u9fff]")
_KATAKANA = re.compile(f"[{KATAKANA}]")
_LATIN = re.compile(r"[a-zA-Z]")
# half-width katakana (U+FF66–U+FF9F, with its sound marks): typed on a terminal or an old
# phone for words written in kana, not for loanwords, even inside kanji text (ｼﾆﾀｲ、ﾓｳ消ｴﾀｲ)
_HALF_WIDTH_KATAKANA = re.compile(r"[\uff66-\uff9f]{2,}")
KATAKANA_SENTENCE_MIN = 8  # letters: a sentence, not one loanword or name


@dataclass(frozen=True)
class Normalized:
    squashed: str
    spaced: str
    words: tuple[Word, ...] = ()  # the analyzed words, for a question (names need none)
    # letter pairs that join a word to the particle after it (0123|は): no part of a name
    particle_joins: frozenset[str] = frozenset()
    # the words' surfaces, normalized and joined, and where each word starts in it
    word_text: str = ""
    word_starts: tuple[int, ...] = ()
    # where a sentence ended in ``spaced`` (the space a full stop, a question mark or a line
    # break became): no English phrase runs across one ("it's all closed. Now I want")
    sentence_breaks: frozenset[int] = frozenset()


def read(text: str) -> Normalized:
    """A question as matching sees it: its surface forms (for names) and its words."""
    surface = normalize_full(text)
    words = analyze(_katakana_sentence_in_hiragana(strip_slack_markup(text)))
    in_kana = romaji_as_kana(surface)
    if in_kana is not None:
        # staff who write English name Japanese things in romaji (ijime, kenshin): read
        # those words too, after the question's own
        words += tuple(
            w for w in analyze(in_kana.spaced) if w.role is Role.CONTENT and not w.key.isascii()
        )
    joins = set()
    for before, after in zip(words, words[1:], strict=False):
        if before.role is Role.CONTENT and after.role is Role.PARTICLE:
            left, right = normalize(before.surface), normalize(after.surface)
            if left and right:
                joins.add(left[-1] + right[0])
    pieces = [normalize(w.surface) for w in words]
    starts = [0]
    for piece in pieces:
        starts.append(starts[-1] + len(piece))
    return replace(
        surface,
        words=words,
        particle_joins=frozenset(joins),
        word_text="".join(pieces),
        word_starts=tuple(starts),
    )


def _katakana_sentence_in_hiragana(text: str) -> str:
    """A question typed all in katakana (half-width on a terminal or an old phone: ｷｮｳ ｷﾀ
    3ﾈﾝｾｲ ﾉ ｺ) is read as the same words in hiragana: the morphology reads katakana as
    loanwords and names, so 「ｸﾋﾞ ｼﾒﾗﾚﾀ」 would be no 首 and no 絞める. Text with any hiragana
    or kanji, or more English than katakana (「where is ハビット?」), is read as written, but
    for its half-width runs (「ｼﾆﾀｲ、ﾓｳ消ｴﾀｲ」: kana words on an old keyboard)."""
    wide = unicodedata.normalize("NFKC", text)
    katakana = len(_KATAKANA.findall(wide))
    if (
        _HIRAGANA_OR_KANJI.search(wide)
        or katakana < KATAKANA_SENTENCE_MIN
        or katakana <= len(_LATIN.findall(wide))
    ):
        # … and the half-width runs of a mixed sentence are kana words too
        return _HALF_WIDTH_KATAKANA.sub(
            lambda run: str(jaconv.kata2hira(unicodedata.normalize("NFKC", run[0]))), text
        )
    return str(jaconv.kata2hira(wide))


def strip_slack_markup(text: str) -> str:
    text = _SLACK_LINK.sub(r" \1 ", text)
    text = _SLACK_CHANNEL.sub(r" \1 ", text)
    return _SLACK_OTHER.sub(" ", text)


def normalize_full(text: str) -> Normalized:
    text = unicodedata.normalize("NFKC", strip_slack_markup(text)).lower()
    for apostrophe in GRAMMAR.english_apostrophes:
        text = text.replace(apostrophe, "'")
    text = GRAMMAR.english_short_words.sub(lambda m: GRAMMAR.english_in_full[m[0]], text)
    for abbreviation in GRAMMAR.abbreviations:
        text = abbreviation.apply(text)
    for variant, canonical in GRAMMAR.spelling_variants:
        text = text.replace(variant, canonical)
    text = jaconv.kata2hira(text)
    for small, full in GRAMMAR.small_kana:
        text = text.replace(small, full)
    text = GRAMMAR.long_vowel_marks.sub("", text)
    spaced_chars = []
    for at, char in enumerate(text):
        category = unicodedata.category(char)
        if _ends_a_sentence(text, at):
            spaced_chars.append(_SENTENCE_BREAK)
        elif category[0] in "PSZC" or char.isspace():
            spaced_chars.append(" ")
        else:
            spaced_chars.append(char)
    marked = _BLANKS.sub(_one_blank, "".join(spaced_chars)).strip(" " + _SENTENCE_BREAK)
    breaks = frozenset(at for at, char in enumerate(marked) if char == _SENTENCE_BREAK)
    spaced = marked.replace(_SENTENCE_BREAK, " ")
    return Normalized(spaced.replace(" ", ""), spaced, sentence_breaks=breaks)


def _one_blank(run: re.Match[str]) -> str:
    return _SENTENCE_BREAK if _SENTENCE_BREAK in run.group() else " "


def _ends_a_sentence(text: str, at: int) -> bool:
    """A question or exclamation mark, a line break, or a full stop before a blank or the
    end (not the one in 37.6 or e.g.)."""
    char = text[at]
    if char in GRAMMAR.sentence_marks or char == "\n":
        return True
    return char == "." and (at + 1 == len(text) or text[at + 1].isspace())


@lru_cache(maxsize=4096)
def normalize(text: str) -> str:
    """The squashed form used for all Japanese matching (the data's labels and names are
    normalized again for every answer, so the last few thousand are kept)."""
    return normalize_full(text).squashed


def romaji_as_kana(question: Normalized) -> Normalized | None:
    """The question with its romaji words in hiragana (「harappa」 → はらっぱ), so a window
    named in romaji by staff who do not type Japanese is found by its reading; None when
    no word is romaji."""
    words = question.spaced.split()
    kana = [
        jaconv.alphabet2kana(w) if len(w) >= ROMAJI_MIN_LENGTH and _ROMAJI_WORD.fullmatch(w) else w
        for w in words
    ]
    if kana == words:
        return None
    return normalize_full(" ".join(kana))


def romaji_as_japanese(question: Normalized) -> str | None:
    """Japanese typed in romaji (「mama wa zutto inai」, 「ie no mae ni shiranai otoko ga」) as
    kana, particles included, each run of romaji words joined as Japanese is written: for
    the danger rules, which read Japanese words. None unless some run has at least
    ``ROMAJI_RUN`` words (an English sentence's one romaji-shaped word, like "same", is
    no Japanese)."""
    pieces: list[str] = []
    run: list[str] = []
    found = False
    for word in [*question.spaced.split(), ""]:
        if word and _ROMAJI_WORD.fullmatch(word):
            run.append(word)
            continue
        if len(run) >= ROMAJI_RUN:
            found = True
            pieces.append(
                "".join(GRAMMAR.romaji_particles.get(w) or jaconv.alphabet2kana(w) for w in run)
            )
        else:
            pieces += run
        pieces += [word] if word else []
        run = []
    return " ".join(pieces) if found else None


def without_long_o(text: str) -> str:
    """A reading as romaji spells it: きちじょうじ is written Kichijoji, じどうかん Jidokan."""
    return GRAMMAR.long_o.apply(text)


def is_latin(text: str) -> bool:
    return bool(text) and all(c.isascii() for c in text)


def contains_word(spaced: str, latin_phrase: str) -> bool:
    """Whether a Latin phrase occurs in ``spaced`` without letters glued to either side."""
    return next(word_spans(spaced, latin_phrase), None) is not None


def word_spans(spaced: str, latin_phrase: str) -> Iterator[tuple[int, int]]:
    """Where a Latin phrase occurs in ``spaced`` as whole words (plural endings allowed)."""
    first_word, pattern = _word_pattern(latin_phrase)
    if first_word in spaced:
        yield from (m.span() for m in pattern.finditer(spaced))


def phrase_spans(
    spaced: str,
    latin_phrase: str,
    plural_is_singular: bool = False,
    sentence_breaks: frozenset[int] = frozenset(),
) -> Iterator[tuple[int, int]]:
    """Where an English phrase of the data occurs in ``spaced``: its words in order, each
    as written or with a plural or third-person ending (puts is put, kids is kid; and,
    with ``plural_is_singular``, a phrase's "train tracks" is a question's train track —
    not for markers, whose form is their meaning: a 24 hour line asks no "hours"), with a
    few words allowed between two of them (a man in a white car is "man in a car", puts
    him out on the balcony is "put out on the balcony"), as Japanese phrases let adverbs
    and the child stand between their words. Tense and derivation are kept: "handled" is
    done, "handle" is not; "parenting" is not "parents". A word that turns it over (not,
    never, n't) right before it is no match, nor one that runs across the end of a
    sentence (``sentence_breaks``). Window names keep :func:`word_spans` (exact words)."""
    wanted = tuple(word for word, _, _ in _english_words(latin_phrase, as_written=True))
    if not wanted:
        return
    words = _english_words(spaced)
    for first, (word, start, _) in enumerate(words):
        if not _same_english(word, wanted[0], plural_is_singular):
            continue
        if first and words[first - 1][0] in GRAMMAR.english_never_before:
            continue  # "they are not starving" is no "starving"
        at: int | None = first
        for next_wanted in wanted[1:]:
            at = _next_word(words, at, next_wanted, plural_is_singular) if at is not None else None
        if at is not None and not any(start < b < words[at][2] for b in sentence_breaks):
            yield start, words[at][2]


def _same_english(word: str, wanted: str, plural_is_singular: bool) -> bool:
    return (
        word == wanted
        or (word.startswith(wanted) and word[len(wanted) :] in GRAMMAR.english_endings)
        or (
            plural_is_singular
            and wanted.startswith(word)
            and wanted[len(word) :] in GRAMMAR.english_plural_endings
        )
    )


def _next_word(
    words: tuple[tuple[str, int, int], ...], after: int, wanted: str, plural_is_singular: bool
) -> int | None:
    """Where ``wanted`` follows the word at ``after``, with at most the allowed words
    between (none of which may turn the phrase over, as "not" does), or None."""
    limit = min(len(words), after + 2 + GRAMMAR.english_words_between)
    for at in range(after + 1, limit):
        word = words[at][0]
        if _same_english(word, wanted, plural_is_singular):
            return at
        if word in GRAMMAR.english_never_between or not word.isascii():
            return None
    return None


@lru_cache(maxsize=1024)
def _words_of(spaced: str) -> tuple[tuple[str, int, int], ...]:
    """The words of ``spaced`` with their spans; a run of other letters (Japanese) is one
    word, which no English phrase matches or passes."""
    return tuple((m.group(), m.start(), m.end()) for m in _SPACED_WORD.finditer(spaced))


_SPACED_WORD = re.compile(r"[a-z0-9]+|[^\sa-z0-9]+")


@lru_cache(maxsize=4096)
def _english_words(spaced: str, as_written: bool = False) -> tuple[tuple[str, int, int], ...]:
    """The words as English phrases are matched on: a helper verb and its n't are one
    "not" (hasn't, doesn't, won't: a phrase says "doesn't go" once for all of them); and a
    question's irregular form is its verb (gone: go), so a phrase's "go" finds it — but a
    phrase's own form (``as_written``) is kept: its "went missing" is no "going missing"
    (the pencils keep going missing)."""
    words = _words_of(spaced)
    folded: list[tuple[str, int, int]] = []
    at = 0
    while at < len(words):
        word, start, end = words[at]
        if (
            word in GRAMMAR.english_negative_helpers
            and at + 1 < len(words)
            and words[at + 1][0] == _NOT_ENDING
        ):
            folded.append((_NOT, start, words[at + 1][2]))
            at += 2
            continue
        verb = word if as_written else GRAMMAR.english_verb_of_form.get(word, word)
        folded.append((verb, start, end))
        at += 1
    return tuple(folded)


def english_key(latin_phrase: str) -> tuple[str, ...]:
    """The words an English phrase matches, as one key for two phrases that match alike
    ("doesn't go to school" and "won't go to school"; "young carers" and "young carer"):
    its folded words, each without the ending a question's word may add."""
    return tuple(
        _without_ending(word) for word, _, _ in _english_words(latin_phrase, as_written=True)
    )


def _without_ending(word: str) -> str:
    for ending in _ENDINGS_LONGEST_FIRST:
        if word.endswith(ending) and len(word) > len(ending) + 1:
            return word[: -len(ending)]
    return word


_ENDINGS_LONGEST_FIRST = sorted(GRAMMAR.english_endings, key=len, reverse=True)
_NOT_ENDING = "t"  # what is left of n't once the apostrophe is a space
_NOT = "not"


@lru_cache(maxsize=4096)
def _word_pattern(latin_phrase: str) -> tuple[str, re.Pattern[str]]:
    """Built once per phrase: every question is checked against every Latin phrase."""
    words = latin_phrase.split()
    # a plural ending is the same word: "burn marks" is "burn mark"
    pattern = r"(?<![a-z0-9])" + r"\s*".join(re.escape(w) for w in words) + r"(?:e?s)?(?![a-z0-9])"
    return (words[0] if words else ""), re.compile(pattern)
