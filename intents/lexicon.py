"""The lexicon (``intents/data/lexicon.yaml``) and the phrase matcher over it.

Phrases are written as staff say them and analyzed once at load by the same
reader as the questions (``intents.morphology``): a phrase matches on lemmas, with
its polarity, whatever the conjugation, politeness, spelling or particles.
学校に行けない finds 行けなくなった, 学校へは行けてません and 学校行かへん; nothing
needs writing twice. Where phrases of one section overlap, the longest wins
(給食費 over 給食, 中学卒業 over 中学), so data can be added without thinking about
order. English phrases match whole words on the spaced text.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, replace
from functools import cached_property
from pathlib import Path
from typing import Annotated

from pydantic import BaseModel, ConfigDict, Field, StrictFloat, StrictInt, StrictStr

from directory.problems import DataFileInvalid, Problem
from directory.yamlfile import read_yaml, validate
from intents import messages as msg
from intents.grammar import GRAMMAR
from intents.kana_words import MIN_READING
from intents.morphology import (
    Role,
    Word,
    all_kana,
    analyze,
    dropped_helpers,
    fold_key,
    negate_last,
    reading_of,
)
from intents.normalize import Normalized, english_key, is_latin, normalize_full, phrase_spans

BUNDLED_LEXICON = Path(__file__).parent / "data" / "lexicon.yaml"

_STRICT = ConfigDict(extra="forbid", strict=True, frozen=True)


class _PhraseModel(BaseModel):
    model_config = _STRICT
    phrase: StrictStr
    weight: StrictFloat | StrictInt = 1.0
    also: list[StrictStr] = []


_Entry = StrictStr | _PhraseModel


class _MarkersModel(BaseModel):
    model_config = _STRICT
    hours: list[StrictStr]
    contact: list[StrictStr]
    address: list[StrictStr]
    describe: list[StrictStr]
    find: list[StrictStr]
    consult_request: list[StrictStr]
    wish: list[StrictStr]
    existence: list[StrictStr]
    settings: list[StrictStr]
    at_a_setting: list[StrictStr]
    attending: list[StrictStr]
    ours: list[StrictStr]
    ssw: list[StrictStr]
    help: list[StrictStr]
    greetings: list[StrictStr]
    bot: list[StrictStr]
    choice: list[StrictStr]
    contact_alone: list[StrictStr]
    number_asked: list[StrictStr]
    about_children: list[StrictStr]
    negation: list[StrictStr]
    self_named: list[StrictStr]
    where_at_end: list[StrictStr]
    when: list[StrictStr]
    off_topic: list[StrictStr]


class _DaysModel(BaseModel):
    model_config = _STRICT
    offsets: dict[StrictStr, StrictInt]
    weekdays: dict[StrictStr, StrictInt]
    hours: dict[StrictStr, Annotated[int, Field(strict=True, ge=0, le=23)]]


class _AmongChildrenModel(BaseModel):
    model_config = _STRICT
    need: StrictStr
    also: list[StrictStr] = []


class _NeedModel(BaseModel):
    model_config = _STRICT
    need: StrictStr


class _StoryModel(BaseModel):
    model_config = _STRICT
    needs: list[StrictStr]


class _LexiconModel(BaseModel):
    model_config = _STRICT
    needs: dict[StrictStr, list[_Entry]]
    stages: dict[StrictStr, list[StrictStr]]
    among_children: _AmongChildrenModel
    followed_up: _NeedModel
    suicide_talked_of: _NeedModel
    where_about_a_child: _NeedModel
    told_in_a_story: _StoryModel
    markers: _MarkersModel
    phone_prefixes: dict[StrictStr, StrictStr]
    days: _DaysModel


_LETTER = re.compile(r"[a-z]")
# what a lone kana read as one of these is not a noun typed without its particle
_NOT_A_NOUN = frozenset(
    {GRAMMAR.pos.verb, GRAMMAR.pos.adjective, GRAMMAR.pos.auxiliary_verb, GRAMMAR.pos.particle}
)


@dataclass(frozen=True)
class Phrase:
    text: str  # normalized surface: how it is shown and how Latin phrases match
    tag: str
    weight: float = 1.0
    also: tuple[str, ...] = ()
    latin: bool = False
    words: tuple[Word, ...] = ()

    @property
    def content(self) -> tuple[Word, ...]:
        return tuple(w for w in self.words if w.role is Role.CONTENT)

    @cached_property
    def doers(self) -> frozenset[int]:
        """The content words (by their place among them) said with a subject particle
        (保護者が帰ってこない): the doer — never the one a call or a word comes from, so
        「保護者から『まだ帰ってこない』と電話」 is no carer who does not come home."""
        found: set[int] = set()
        index = -1
        for word, following in zip(self.words, (*self.words[1:], None), strict=True):
            if word.role is Role.CONTENT:
                index += 1
                if following is not None and following.key in GRAMMAR.subject_particles:
                    found.add(index)
        return frozenset(found)

    @property
    def particles_matter(self) -> bool:
        """One word and its particle (夜まで, 日曜も, 相談するには): the particle is the
        meaning, so it is matched as written, as markers are — unless it is only a case
        marker (返事をしない)."""
        return len(self.content) == 1 and any(
            w.role is Role.PARTICLE
            and w.key not in GRAMMAR.te_links
            and w.key not in GRAMMAR.case_markers
            for w in self.words
        )

    def key(self, exact: bool) -> tuple[object, ...]:
        """What the phrase matches: two phrases with one key are the same phrase."""
        if self.latin:
            return english_key(self.text)
        if exact or not self.content or self.particles_matter:
            return tuple((w.key, w.passive, w.desire, w.progressive) for w in self.words)
        return tuple((w.key, w.negated, w.passive, w.desire, w.progressive) for w in self.content)


@dataclass(frozen=True)
class Match:
    phrase: Phrase
    start: int  # index of the first word matched in the question's words
    end: int  # one past the last


class PhraseSet:
    """A section of the lexicon, ready to scan questions."""

    def __init__(self, phrases: Iterable[Phrase], exact: bool = False) -> None:
        """``exact``: particles must match as written (markers such as 何時まで, とは, ってどこ,
        where the particle is the meaning); otherwise only the content words count."""
        self.exact = exact
        self.phrases = tuple(
            sorted(phrases, key=lambda p: (-len(p.content or p.words), -len(p.text)))
        )
        self._by_first: dict[str, list[Phrase]] = {}
        self._by_kana: dict[str, list[Phrase]] = {}  # for questions typed in kana
        self._as_written: list[Phrase] = []  # markers, and one word with its particle
        # a compound noun written as its parts (スクール|ソーシャル|ワーカー), which the
        # analyzer may read as one word in a longer sentence: the parts joined
        self._by_joined: dict[str, list[Phrase]] = {}
        for phrase in self.phrases:
            if phrase.latin:
                continue
            if phrase.content and not exact and not phrase.particles_matter:
                first = phrase.content[0]
                for key in first.members or {first.key}:
                    self._by_first.setdefault(key, []).append(phrase)
                if first.kana and first.kana != first.key:
                    self._by_kana.setdefault(first.kana, []).append(phrase)
                if len(phrase.words) > 1 and all(
                    w.role is Role.CONTENT and w.pos == GRAMMAR.pos.noun and not w.negated
                    for w in phrase.words
                ):
                    joined = "".join(w.key for w in phrase.words)
                    self._by_joined.setdefault(joined, []).append(phrase)
            elif phrase.words:
                self._as_written.append(phrase)
        self._latin = tuple(p for p in self.phrases if p.latin)
        self._order = {id(p): i for i, p in enumerate(self.phrases)}

    def __reduce__(self) -> tuple[type[PhraseSet], tuple[tuple[Phrase, ...], bool]]:
        """Pickled as its phrases (bot/understanding_cache.py): the indexes above are keyed by
        the phrases' identity, so they are built again for the unpickled phrases."""
        return (PhraseSet, (self.phrases, self.exact))

    @classmethod
    def from_mapping(cls, mapping: Mapping[str, Iterable[str]], exact: bool = False) -> PhraseSet:
        return cls(
            (phrase_of(text, tag) for tag, texts in mapping.items() for text in texts), exact
        )

    @classmethod
    def from_list(cls, texts: Iterable[str], tag: str = "", exact: bool = False) -> PhraseSet:
        return cls((phrase_of(text, tag) for text in texts), exact)

    def scan(self, question: Normalized) -> list[Match]:
        """Every phrase found, longest first; a phrase inside a longer match is skipped."""
        words = question.words
        candidates: list[Match] = []
        for start, word in enumerate(words):
            if word.role is Role.CONTENT:
                starting = self._by_first.get(word.key, [])
                if word.head:
                    starting = starting + self._by_first.get(word.head, [])
                if word.verb:
                    starting = starting + self._by_first.get(word.verb, [])
                stem = _stem_as_noun(word)
                if stem:
                    starting = starting + self._by_first.get(stem, [])
                if word.typed_in_kana:
                    starting = starting + self._by_kana.get(word.key, [])
                    if word.kana != word.key:
                        # a kana word the analyzer gave a kanji to is another word of its
                        # reading — a bare word of two kana only with more around it: うえ
                        # is 上 as often as 飢え (いき してない is still 息をする)
                        starting = starting + [
                            p
                            for p in self._by_kana.get(word.kana, [])
                            if len(word.kana) >= MIN_READING or len(p.words) > 1
                        ]
                        # 「きゃらの せりふ」 read as 台詞: a phrase the data writes in kana
                        # or katakana (セリフ) is keyed by that reading — of three kana or
                        # more, as kana_words restores them (そのまま's まま is no ママ)
                        if len(word.kana) >= MIN_READING:
                            starting = starting + self._by_first.get(word.kana, [])
                lone = _lone_kana(word)
                if lone:  # 「ふかくて ち とまらない」: ち read as ちっ is 血 when more follows
                    starting = starting + [
                        p for p in self._by_kana.get(lone, ()) if len(p.content) > 1
                    ]
                for phrase in starting:
                    end = _match_content(phrase, words, start)
                    if end is not None:
                        candidates.append(Match(phrase, start, end))
                for phrase in self._by_joined.get(word.key, ()):
                    if not word.negated:
                        candidates.append(Match(phrase, start, start + 1))
        for phrase in self._as_written:
            end = len(phrase.words)
            found_by_words = False
            for start in range(len(words) - end + 1):
                if all(
                    _same(w, p, marker=True)
                    for w, p in zip(words[start : start + end], phrase.words, strict=True)
                ):
                    candidates.append(Match(phrase, start, start + end))
                    found_by_words = True
            if not found_by_words:
                at = _at_word_bounds(phrase.text, question)
                if at is not None:  # 何時まで read as 何 | 時 | まで after って
                    candidates.append(Match(phrase, *at))
        candidates.sort(key=lambda m: (self._order[id(m.phrase)], m.start))
        taken: list[tuple[int, int]] = []
        found: list[Match] = []
        seen: set[int] = set()
        for match in candidates:
            span = (match.start, match.end)
            if id(match.phrase) in seen or _inside(span, taken):
                continue
            seen.add(id(match.phrase))
            taken.append(span)
            found.append(match)
        if self._latin and _LETTER.search(question.spaced):
            taken_latin: list[tuple[int, int]] = []
            for phrase in self._latin:
                for latin_span in phrase_spans(
                    question.spaced,
                    phrase.text,
                    plural_is_singular=not self.exact,
                    sentence_breaks=question.sentence_breaks,
                ):
                    if not _inside(latin_span, taken_latin):
                        taken_latin.append(latin_span)
                        found.append(Match(phrase, -1, -1))
                        break
        return found

    def tags(self, question: Normalized) -> set[str]:
        return {m.phrase.tag for m in self.scan(question)}

    def any_in(self, question: Normalized) -> bool:
        return bool(self.scan(question))

    def ends(self, question: Normalized) -> bool:
        """Whether the question ends with one of the phrases (as 「はらっぱはどこ？」 does)."""
        words = question.words
        for phrase in self.phrases:
            n = len(phrase.words)
            if not phrase.latin and n and len(words) >= n:
                tail = words[-n:]
                if all(_same(w, p, marker=True) for w, p in zip(tail, phrase.words, strict=True)):
                    return True
        return False


def _at_word_bounds(text: str, question: Normalized) -> tuple[int, int] | None:
    """Where a marker is written in the question from the start of a word to the end of
    one, in words: the analyzer may split the same letters differently in context
    (「って何時まで」 → 何 | 時 | まで), but a marker never begins or ends inside a word
    (ハビット|は holds no とは)."""
    starts = question.word_starts
    found = question.word_text.find(text) if text else -1
    while found >= 0:
        end = found + len(text)
        if found in starts and end in starts:
            return starts.index(found), starts.index(end)
        found = question.word_text.find(text, found + 1)
    return None


def _match_content(phrase: Phrase, words: tuple[Word, ...], start: int) -> int | None:
    """Where a phrase whose first word is at ``start`` ends, or None: its content words in
    order, with particles and adverbs between them skipped, each with the phrase's polarity
    — but a doer (the phrase's が) is never the one a call comes from (the question's から)."""
    at = start
    for index, wanted in enumerate(phrase.content):
        if index:
            at += 1
            # から right after the doer (保護者から), not after a time (母は昼から不在)
            from_whom = at < len(words) and words[at].key == GRAMMAR.sender_particle
            while at < len(words) and (
                words[at].role is Role.PARTICLE
                or (words[at].skippable and not _same_lemma(words[at], wanted))
                or (_quantity_at(words, at) and not _same_lemma(words[at], wanted))
            ):
                at += _quantity_at(words, at) or 1
            if at >= len(words) or (from_whom and index - 1 in phrase.doers):
                return None
        if not _same(words[at], wanted):
            return None
    return at + 1


def is_numeral(word: Word) -> bool:
    """Whether a word is a number (3, 一 read as 1) or a numeral word (何, 数, 半)."""
    return word.key.isdigit() or word.key in GRAMMAR.numeral_words


def _quantity_at(words: tuple[Word, ...], at: int) -> int:
    """How many words a quantity takes at ``at`` (a number and its counter: 3錠, 何錠, 2回),
    which does not break a phrase (睡眠薬を何錠か飲んだ is 睡眠薬を飲んだ); 0 when none."""
    word = words[at]
    if not is_numeral(word):
        return 0
    following = words[at + 1] if at + 1 < len(words) else None
    counter = (
        following is not None
        and following.role is Role.CONTENT
        and (len(following.key) == 1 or following.key in GRAMMAR.long_counters)
    )
    return 2 if counter else 1


def _same(word: Word, wanted: Word, marker: bool = False) -> bool:
    """Whether a question's word is the phrase's: one lemma, one polarity, the wish a
    wished or negated phrase has (帰りたくない is not 帰らない; 通告 matches 通告したい),
    and the voice and aspect the phrase asks for (a plain phrase matches every voice and
    aspect; やってる, open now, is not やる). A marker asks the same in either polarity
    (「開いてる？」 and 「開いてない？」 both ask the hours)."""
    return (
        _same_lemma(word, wanted)
        and (word.negated == wanted.negated or marker)
        and not (word.denied and wanted.negated and not marker)
        and (word.desire == wanted.desire or not (wanted.desire or wanted.negated))
        and (word.passive or not wanted.passive)
        and not (wanted.active and word.passive)
        and (word.plain or not wanted.said)
        and (word.past or not wanted.past)
        and (word.conditional or not wanted.conditional)
        and (word.causative or not wanted.causative)
        and (word.progressive or not wanted.progressive)
        and not (wanted.command and word.plain)
    )


def _same_lemma(word: Word, wanted: Word) -> bool:
    """One lemma (a compound noun counting as its last part), or one reading where the
    question was typed in kana: a kana lemma
    (さわる), or a kana word the analyzer gave a kanji to (指のあと → 後, meant 跡) if it
    is the same part of speech (a kana よう is 様, never 酔う)."""
    if word.key == wanted.key:
        return True
    if word.head and word.head == wanted.key and wanted.pos == GRAMMAR.pos.noun:
        return True  # 風邪薬を全部飲んだ: a compound is a kind of its last part (薬)
    if word.verb and word.verb == wanted.key and wanted.pos == GRAMMAR.pos.verb:
        return True  # 夜間ベランダ締め出し: the noun of a verb's stem names its act
    if wanted.pos == GRAMMAR.pos.noun and _stem_as_noun(word) == wanted.key:
        return True  # 「今日の読み聞かせ、」: the analyzer took the noun for the verb's stem
    if wanted.members:  # 〈caregiver〉: any of the concept's words
        return word.key in wanted.members or word.head in wanted.members
    if wanted.pos == GRAMMAR.pos.noun and wanted.kana and _lone_kana(word) == wanted.kana:
        return True  # one kana the analyzer took for another word: a noun of that reading
    if not wanted.kana or not word.typed_in_kana or is_numeral(word):
        return False  # a number in kana (じゅうしょ's じゅう, 10) is no other word (銃)
    if word.key == wanted.kana:  # a kana lemma: the analyzer's kind is a guess (いえ, an
        # interjection, is 家) — but not for a hedge (どのような's よう is no 酔う), a word it
        # conjugated (にさい's さい, 咲く, is no 柵; うった is no 鬱) or a part of a word (こ, 個)
        return word.pos == wanted.pos or not (
            word.light or _conjugated(word) or word.pos in (GRAMMAR.pos.prefix, GRAMMAR.pos.suffix)
        )
    return word.kana == wanted.kana and word.pos == wanted.pos


def _lone_kana(word: Word) -> str | None:
    """A single kana the analyzer read as another word, no verb nor particle (「ち とまらない」:
    ち as the interjection ちっ): it may be a one-kana noun (血, 手, 目) typed without its
    particle. Only a phrase of more words than that noun is matched from it."""
    written = fold_key(word.surface)
    if (
        len(written) == 1
        and all_kana(written)
        and written != word.key
        and word.pos not in _NOT_A_NOUN
    ):
        return written
    return None


def _stem_as_noun(word: Word) -> str | None:
    """A verb as written when it is not its lemma (読み聞かせ read as 読み聞かせる before a
    comma): the noun the stem may be, which a phrase's noun matches; None otherwise."""
    if word.pos != GRAMMAR.pos.verb:
        return None
    written = fold_key(word.surface)
    return written if written != word.key else None


def _conjugated(word: Word) -> bool:
    """Whether the analyzer read the word as conjugated (written otherwise than its lemma):
    then it is surely of the kind the analyzer says."""
    return fold_key(word.surface) != word.key


def _inside(span: tuple[int, int], taken: list[tuple[int, int]]) -> bool:
    """Whether ``span`` lies within a longer phrase already found."""
    start, end = span
    return any(s <= start and end <= e and (s, e) != span for s, e in taken)


def phrase_of(
    text: str,
    tag: str,
    weight: float = 1.0,
    also: Iterable[str] = (),
    negated: bool = False,
    active: bool = False,
    said: bool = False,
    classes: Mapping[str, WordClass] | None = None,
) -> Phrase:
    """A phrase of the data, analyzed like a question. ``negated`` says the phrase is
    meant in the negative although written plain (家に入れる: 「家に入れてもらえない」);
    ``active`` that its verb is done, not suffered (母親に暴力を振るう, not 振るわれる);
    ``said`` that its verb is in the dictionary form (「まだ遊ぶ！」, not まだ遊んでる).
    A word written 〈name〉 is any word of that class (``classes``; a name not in it is
    :class:`UnknownWordClass`)."""
    normalized = normalize_full(text)
    latin = is_latin(normalized.spaced)
    named = CLASS_NAMED.search(text)
    if named and not latin:
        word_class = (classes or {}).get(named[1])
        if word_class is None:
            raise UnknownWordClass(named[1])
        words = _with_class(
            analyze(CLASS_NAMED.sub(word_class.stand_in, text, count=1)), word_class
        )
    else:
        words = () if latin else analyze(text)
    if negated and words:
        words = negate_last(words)
    if (active or said) and words:
        last = max(i for i, w in enumerate(words) if w.role is Role.CONTENT)
        verb = replace(words[last], active=words[last].active or active, said=said)
        words = (*words[:last], verb, *words[last + 1 :])
    return Phrase(
        normalized.spaced if latin else normalized.squashed,
        tag,
        weight,
        tuple(also),
        latin,
        words,
    )


# a word of a phrase written as a class of words: 〈caregiver〉が不在 (grammar.yaml's marks)
CLASS_NAMED = GRAMMAR.word_class


@dataclass(frozen=True)
class WordClass:
    """Words that stand for one another in a phrase (the adults a child lives with)."""

    stand_in: str  # the word the phrase is analyzed with in its place
    stand_in_key: str  # … and its normalized form, the word marked in the analyzed phrase
    keys: frozenset[str]  # the normalized forms of all its words


class UnknownWordClass(ValueError):
    """A phrase names a class of words the data does not define."""

    def __init__(self, name: str) -> None:
        super().__init__(name)
        self.name = name


def word_class_of(texts: Iterable[str]) -> WordClass | None:
    """The class of the texts that are one word each (母親, パパ, 祖母; not 母の彼氏 nor
    English), or None when none is."""
    keys: list[str] = []
    stand_in = stand_in_key = ""
    for text in texts:
        if CLASS_NAMED.search(text) or is_latin(normalize_full(text).spaced):
            continue
        content = [
            w
            for w in analyze(text)
            if w.role is Role.CONTENT and not w.light and w.pos != GRAMMAR.pos.prefix
        ]
        if len(content) == 1:  # お母さん is 母: the お and the さん say nothing more
            keys.append(content[0].key)
            if not stand_in:
                stand_in, stand_in_key = text, content[0].key
    return WordClass(stand_in, stand_in_key, frozenset(keys)) if keys else None


def _with_class(words: tuple[Word, ...], word_class: WordClass) -> tuple[Word, ...]:
    """The words with the stand-in's marked as any word of its class."""
    at = next(i for i, w in enumerate(words) if w.key == word_class.stand_in_key)
    return (*words[:at], replace(words[at], members=word_class.keys), *words[at + 1 :])


def one_word_problem(text: str, phrase: Phrase, file: str, line: int) -> Problem | None:
    """A problem when a phrase reads as its first word alone, its helper verbs after て
    dropped (入ってもらえる → 入る): it would match every use of that word."""
    content = phrase.content
    if phrase.latin or len(content) != 1 or phrase.particles_matter:
        return None  # a word with its particle (帰ってくるな) is matched as written
    dropped = dropped_helpers(text)
    if not dropped:
        return None
    return Problem(file, line, *msg.phrase_reads_as_one_word(text, content[0].key, dropped))


@dataclass(frozen=True)
class Lexicon:
    needs: PhraseSet
    stages: PhraseSet
    among_children: Phrase  # the need a peer's violence asks for (bullying)
    followed_up: str  # the need of a case reported and handled (abuse lowered)
    suicide_talked_of: str  # the need of words of dying talked of, not said now
    where_about_a_child: str  # the need of 「この子のことはどこに」 naming none
    # the needs a danger asks for, which give way when the danger is a story's (ドラマの虐待)
    told_in_a_story: frozenset[str]
    hours: PhraseSet
    contact: PhraseSet
    address: PhraseSet
    describe: PhraseSet
    find: PhraseSet
    consult_request: PhraseSet
    wish: PhraseSet  # a wish said in English (would like): Japanese desire is the analyzer's
    # whether there is one, asked in English (is there): Japanese ある？ is the reader's
    existence: PhraseSet
    # the places staff work in: 「児童館の職員」「学童のプリンター」 say where the asker is
    settings: PhraseSet
    at_a_setting: PhraseSet  # the people and doings of a place (職員, 研修, 子, 保護者)
    attending: PhraseSet  # going there (放デイに通ってる子): the child's place, not one asked
    ours: PhraseSet  # the asker's own (うちの学童, 当園)
    ssw: PhraseSet
    help: PhraseSet  # help words, greetings among them
    greetings: PhraseSet  # 「こんにちは」: help alone, a courtesy before a need
    bot: PhraseSet  # the bot named (madoguchi, このボット): with a help word, help whatever else
    choice: PhraseSet  # 「SCとSSWどちらに」: which window, not a consult filed
    contact_alone: frozenset[str]  # 「子家セン でんわ」: a window and one of these asks its contact
    # the number or address itself (番号, 連絡先), not the medium (電話で話した, answer the phone)
    number_asked: PhraseSet
    about_children: PhraseSet
    negation: PhraseSet
    self_named: PhraseSet  # 「SSWです」: the asker is the SSW, not the one wanted
    where_at_end: PhraseSet
    when: PhraseSet  # a question word asking when (何曜, 何時, いつ)
    off_topic: PhraseSet  # 「明日の天気どう？」: asked outright, nothing a window answers
    phone_prefixes: PhraseSet
    day_offsets: PhraseSet
    weekdays: PhraseSet
    hours_of_day: PhraseSet
    stage_names: frozenset[str]


def load_lexicon(path: Path | str | None = None) -> Lexicon:
    """Read and check the lexicon; raise DataFileInvalid (file:line problems) when it is wrong."""
    problems: list[Problem] = []
    located = read_yaml(Path(path or BUNDLED_LEXICON), problems)
    model = validate(_LexiconModel, located, located.data, (), problems) if located else None
    if model is None or located is None:
        raise DataFileInvalid(problems)
    needs = []
    for tag, entries in model.needs.items():
        for index, entry in enumerate(entries):
            if isinstance(entry, str):
                needs.append(phrase_of(entry, tag))
            else:
                needs.append(phrase_of(entry.phrase, tag, float(entry.weight), entry.also))
            text = entry if isinstance(entry, str) else entry.phrase
            where = located.line_of(("needs", tag, index))
            problem = one_word_problem(text, needs[-1], located.file, where)
            problems += [problem] if problem else []
    for section, names in (
        (("followed_up", "need"), [model.followed_up.need]),
        (("suicide_talked_of", "need"), [model.suicide_talked_of.need]),
        (("where_about_a_child", "need"), [model.where_about_a_child.need]),
        (("told_in_a_story", "needs"), model.told_in_a_story.needs),
    ):
        for index, need in enumerate(names):
            if need not in model.needs:
                where = located.line_of((*section, index))
                problems.append(Problem(located.file, where, *msg.unknown_need(need, model.needs)))
    markers = model.markers
    for name in ("consult_request", "wish", "ssw", "help", "greetings", "bot", "about_children"):
        for index, text in enumerate(getattr(markers, name)):
            where = located.line_of(("markers", name, index))
            problem = one_word_problem(text, phrase_of(text, ""), located.file, where)
            problems += [problem] if problem else []
    if problems:
        raise DataFileInvalid(problems)
    return Lexicon(
        needs=PhraseSet(needs),
        stages=PhraseSet.from_mapping(model.stages),
        among_children=phrase_of("", model.among_children.need, also=model.among_children.also),
        followed_up=model.followed_up.need,
        suicide_talked_of=model.suicide_talked_of.need,
        where_about_a_child=model.where_about_a_child.need,
        told_in_a_story=frozenset(model.told_in_a_story.needs),
        hours=PhraseSet.from_list(markers.hours, exact=True),
        contact=PhraseSet.from_list(markers.contact, exact=True),
        address=PhraseSet.from_list(markers.address, exact=True),
        describe=PhraseSet.from_list(markers.describe, exact=True),
        find=PhraseSet.from_list(markers.find, exact=True),
        consult_request=PhraseSet.from_list(markers.consult_request),
        wish=PhraseSet.from_list(markers.wish),
        existence=PhraseSet.from_list(markers.existence),
        settings=PhraseSet.from_list(markers.settings),
        at_a_setting=PhraseSet.from_list(markers.at_a_setting),
        attending=PhraseSet.from_list(markers.attending),
        ours=PhraseSet.from_list(markers.ours),
        ssw=PhraseSet.from_list(markers.ssw),
        help=PhraseSet.from_list([*markers.help, *markers.greetings]),
        greetings=PhraseSet.from_list(markers.greetings),
        bot=PhraseSet.from_list(markers.bot),
        choice=PhraseSet.from_list(markers.choice, exact=True),
        contact_alone=frozenset(
            spelling
            for word in markers.contact_alone
            for spelling in (normalize_full(word).squashed, reading_of(word))
        ),
        number_asked=PhraseSet.from_list(markers.number_asked, exact=True),
        about_children=PhraseSet.from_list(markers.about_children),
        negation=PhraseSet.from_list(markers.negation, exact=True),
        self_named=PhraseSet.from_list(markers.self_named, exact=True),
        where_at_end=PhraseSet.from_list(markers.where_at_end, exact=True),
        when=PhraseSet.from_list(markers.when, exact=True),
        off_topic=PhraseSet.from_list(markers.off_topic),
        phone_prefixes=PhraseSet(
            phrase_of(word, prefix) for word, prefix in model.phone_prefixes.items()
        ),
        day_offsets=PhraseSet(phrase_of(word, str(n)) for word, n in model.days.offsets.items()),
        weekdays=PhraseSet(phrase_of(word, str(n)) for word, n in model.days.weekdays.items()),
        hours_of_day=PhraseSet(phrase_of(word, str(n)) for word, n in model.days.hours.items()),
        stage_names=frozenset(model.stages),
    )
