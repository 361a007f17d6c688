"""Danger from what happens to whom, as data (``intents/data/danger.yaml``).

Concepts name what staff see and hear (a caregiver, a blow, a burn, hunger, a child
missing, the child's words of dying); rules combine them into the four levels. A
rule fires when all its ``all`` concepts, at least one of its ``any`` concepts and
none of its ``unless`` concepts are found; ``passive`` asks that the act was suffered
(殴られた: the child is the one it happened to). Words that it is over or is play
lower the emergency unless it is happening now; risk words that fire no rule are
still remembered, so the answer can end with the 189 / 110 line.

Everything is checked at load: an unknown level or concept is a file:line problem at
start (``DataFileInvalid``), never an exception on the question that needed it.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path
from typing import Annotated

from pydantic import BaseModel, ConfigDict, Field, StrictBool, StrictStr

from directory.problems import DataFileInvalid, Problem
from directory.yamlfile import read_yaml, validate
from intents import messages as msg
from intents.grammar import GRAMMAR
from intents.lexicon import (
    CLASS_NAMED,
    Match,
    Phrase,
    PhraseSet,
    UnknownWordClass,
    WordClass,
    is_numeral,
    one_word_problem,
    phrase_of,
    word_class_of,
)
from intents.morphology import Role, Word
from intents.normalize import Normalized

BUNDLED_DANGER = Path(__file__).parent / "data" / "danger.yaml"

# the examples' share of weight that makes an emergency of a sentence naming no danger word
VOTE_ALONE_SHARE = 0.85

_STRICT = ConfigDict(extra="forbid", strict=True, frozen=True)


# how many words after play or an end may still suppose it (ふざけて|書い|ただけ|か|も,
# ふざけ|て|ん|の|か|わから)
SUPPOSING_REACH = 6


class Danger(StrEnum):
    """The four levels, each with its own first line (national.yaml says which)."""

    IMMEDIATE = "immediate"  # 110
    INJURY = "injury"  # 119
    ABUSE = "abuse"  # 189
    SUICIDE = "suicide"  # 24時間子供SOSダイヤル


class _PhraseModel(BaseModel):
    model_config = _STRICT
    phrase: StrictStr
    negated: StrictBool = False
    active: StrictBool = False
    said: StrictBool = False
    of_a_child: StrictBool = False


class _ConceptModel(BaseModel):
    model_config = _STRICT
    note: StrictStr = ""
    phrases: list[StrictStr | _PhraseModel]


class _RuleModel(BaseModel):
    model_config = _STRICT
    level: Annotated[Danger, Field(strict=False)]  # from its YAML text
    all: list[StrictStr] = []
    any: list[StrictStr] = []
    unless: list[StrictStr] = []
    unless_all: list[StrictStr] = []
    at_least: Annotated[int, Field(ge=1, strict=True)] = 1
    passive: StrictBool = False
    together: StrictBool = False


class _AmongChildrenModel(BaseModel):
    model_config = _STRICT
    by: list[StrictStr]
    acts: list[StrictStr]


class _LessonsModel(BaseModel):
    model_config = _STRICT
    by: list[StrictStr]
    kept_by: list[StrictStr]


class _ExplainedModel(BaseModel):
    model_config = _STRICT
    all: list[StrictStr]
    kept_by: list[StrictStr]


class _DangerModel(BaseModel):
    model_config = _STRICT
    rules: list[_RuleModel]
    lowered_by: list[StrictStr]
    kept_by: list[StrictStr]
    lessons: _LessonsModel
    explained: _ExplainedModel
    qualifiers: list[StrictStr]
    taken_by_windows: list[StrictStr]
    patterns: list[StrictStr]
    said_of_the_whole: list[StrictStr]
    followed_up: list[StrictStr]
    plays: list[StrictStr]
    hastened_by: list[StrictStr]
    among_children: _AmongChildrenModel
    concepts: dict[StrictStr, _ConceptModel]


@dataclass(frozen=True)
class Rule:
    level: Annotated[Danger, Field(strict=False)]  # from its YAML text
    all: tuple[str, ...]
    any: tuple[str, ...]
    unless: tuple[str, ...]
    passive: bool
    # all of these together keep it from firing, where each alone does not (a crisis told
    # as before, and the child settled now)
    unless_all: tuple[str, ...] = ()
    # how many different phrases of the `any` concepts it takes (signs of neglect together)
    at_least: int = 1
    # whether its concepts must be said in one sentence (the carer and what their hands do)
    together: bool = False

    def fires(self, found: dict[str, list[Match]], question: Normalized) -> bool:
        if any(c in found for c in self.unless):
            return False
        if self.unless_all and all(c in found for c in self.unless_all):
            return False
        if not all(c in found for c in self.all):
            return False
        acts = [c for c in self.any if c in found]
        if self.any and not acts:
            return False
        if (
            self.at_least > 1
            and len({m.phrase.text for c in acts for m in found[c]}) < self.at_least
        ):
            return False
        if self.together and not _in_one_sentence([found[c] for c in (*self.all, *acts)], question):
            return False
        if self.passive:
            matches = [m for c in (*self.all, *acts) for m in found[c]]
            return any(_suffered(m, question) for m in matches)
        return True


def _in_one_sentence(groups: list[list[Match]], question: Normalized) -> bool:
    """Whether one sentence holds a match of every group (an English phrase, placed in none,
    is in every one)."""
    sentence_of = []
    sentence = 0
    for word in question.words:
        sentence_of.append(sentence)
        sentence += bool(word.ends)
    sentences = [
        None if any(m.start < 0 for m in group) else {sentence_of[m.start] for m in group}
        for group in groups
    ]
    return any(
        all(found is None or candidate in found for found in sentences)
        for candidate in range(sentence + 1)
    )


@dataclass(frozen=True)
class DangerReading:
    """What the danger rules found in one question."""

    levels: frozenset[Danger]
    concepts: frozenset[str]
    lowered: frozenset[Danger]  # levels that fired, but words say it is over, or play
    risky: bool  # words of danger were there, whether or not a rule fired


@dataclass(frozen=True)
class DangerRules:
    concepts: dict[str, PhraseSet]
    rules: tuple[Rule, ...]
    lowered_by: tuple[str, ...]
    kept_by: tuple[str, ...]
    lessons: tuple[str, ...]
    kept_in_lessons: tuple[str, ...]
    explained_by: tuple[str, ...]  # all together: an injury's cause told and checked
    kept_when_explained: tuple[str, ...]
    qualifiers: frozenset[str]
    taken_by_windows: frozenset[str]
    patterns: frozenset[str]
    said_of_the_whole: frozenset[str]
    followed_up: frozenset[str]
    plays: frozenset[str]
    hastened_by: frozenset[str]  # the asker cannot wait: the examples' vote needs fewer
    peers: frozenset[str]
    peer_acts: frozenset[str]
    # (concept, phrase) said only of the child: 「見つからない」 said of a thing (メモが,
    # 仕事が, ヘルパーが見つからない) is no child missing
    of_a_child: frozenset[tuple[str, str]] = frozenset()

    def read(self, question: Normalized) -> DangerReading:
        scanned = {
            name: [
                m
                for m in phrases.scan(question)
                if (
                    (name, m.phrase.text) not in self.of_a_child
                    or not _said_of_a_thing(m, question)
                )
                # 「ふざけて書いただけかもしれん」: play only supposed; when unsure, it stays
                and (name not in self.lowered_by or not _supposed(m, question))
            ]
            for name, phrases in self.concepts.items()
        }
        readings = [m for matches in scanned.values() for m in matches if m.start >= 0]
        found: dict[str, list[Match]] = {}
        for name, matches in scanned.items():
            # the longest reading wins across concepts too: 「親が帰ってこない」 is a parent
            # away (neglect), not 「帰ってこない」, a child missing
            kept = [m for m in matches if not _within_longer(m, readings)]
            if kept:
                found[name] = kept
        levels = frozenset(r.level for r in self.rules if r.fires(found, question))
        lowered = self._over(frozenset(found))
        return DangerReading(
            levels=frozenset() if lowered else levels,
            concepts=frozenset(found),
            lowered=levels if lowered else frozenset(),
            risky=any(c not in self.qualifiers for c in found),
        )

    def part_vote_stands(
        self, whole: DangerReading, part: DangerReading, level: Danger, share: float
    ) -> bool:
        """Whether the vote of one sentence or quote makes an emergency: the whole question
        may still say it is over, or that peers did it; the habit or hygiene words that
        outrank a vote count only in that part (「ごめんなさいと繰り返す」 elsewhere is no habit
        of what the part tells)."""
        if share < VOTE_ALONE_SHARE or self.says_over(whole):
            return False  # a sentence alone must be as sure as a question naming nothing
        if whole.concepts & self.said_of_the_whole:
            return False  # 「『ピーマン出たら死ぬ』って笑ってる」: the laugh is said of the quote
        if level in (Danger.ABUSE, Danger.IMMEDIATE) and self.among_children(whole):
            return False
        return self.vote_stands(part, level, share)

    def says_over(self, reading: DangerReading) -> bool:
        """Whether words say it is over and handled, or fiction or play, and none that it
        is happening now or that the play is itself the sign."""
        return self._over(reading.concepts)

    def _over(self, concepts: frozenset[str]) -> bool:
        over = any(c in concepts for c in self.lowered_by) and not any(
            c in concepts for c in self.kept_by
        )
        # a lesson or training about a danger is no danger even of sexual abuse, which
        # keeps play from lowering (sexualized play is itself a sign) — unless a parent is
        # named, a child is said to have told of it, or it is happening now
        taught = any(c in concepts for c in self.lessons) and not any(
            c in concepts for c in self.kept_in_lessons
        )
        # an injury whose cause is told and checked (サッカーで転んだと本人も親も同じ説明) —
        # unless an act is named, the child told of one, or the account is doubted; an empty
        # `explained.all` explains nothing
        explained = (
            bool(self.explained_by)
            and all(c in concepts for c in self.explained_by)
            and not any(c in concepts for c in self.kept_when_explained)
        )
        return over or taught or explained

    def played(self, reading: DangerReading) -> bool:
        """Whether words say it is fiction or play: an emergency line named then is the
        play's line (劇のせりふ「110番して！」, 119番ごっこ), not a window asked for."""
        return bool(reading.concepts & self.plays)

    def hastened(self, reading: DangerReading) -> bool:
        """Whether the asker says it cannot wait (至急, URGENT): fewer of the nearest examples
        need to be emergencies for their vote to count."""
        return bool(reading.concepts & self.hastened_by)

    def among_children(self, reading: DangerReading) -> bool:
        """Whether a peer did it: bullying or violence among pupils, not abuse."""
        return bool(reading.concepts & self.peers) and bool(reading.concepts & self.peer_acts)

    def needs_follow_up(self, reading: DangerReading) -> bool:
        """Whether abuse was lowered because it is handled (not play): the answer then
        gives the windows that follow a case up."""
        return Danger.ABUSE in reading.lowered and bool(reading.concepts & self.followed_up)

    def vote_stands(self, reading: DangerReading, level: Danger, share: float) -> bool:
        """Whether the examples' vote for ``level`` (with ``share`` of their weight) makes an
        emergency the words did not. The words outrank it only where they say so: it is
        over, handled or play; a peer did it (bullying, not 189 or 110); it is a habit
        (ことが多い, 繰り返す); hygiene signs the centre takes are all it names (with a carer
        named, the examples read what the carer does or fails to do: 受診を勧めても連れて
        行かない is neglect, not a hygiene note). A sentence
        naming nothing the data knows (not even a parent, a stranger or "now") needs the
        examples to agree strongly: 「万引きを繰り返す子」 reads near an emergency to the
        model, but nothing in it is one."""
        found = reading.concepts
        if self.says_over(reading):
            return False
        if level in (Danger.ABUSE, Danger.IMMEDIATE) and self.among_children(reading):
            return False
        if level is Danger.ABUSE and found and found <= self.taken_by_windows:
            return False
        if found & self.patterns:
            return False
        return bool(found - self.patterns) or share >= VOTE_ALONE_SHARE


def _within_longer(match: Match, readings: list[Match]) -> bool:
    """Whether a longer reading holds this one: one of more telling words, over more of the question.
    Words between a phrase's words make no reading longer: in 「こどもを むりやり つれてかえろう」
    the child taken home and the child taken by force are read alike, neither holds the other."""
    if match.start < 0:
        return False
    words = _telling(match)
    return any(
        other.start <= match.start
        and match.end <= other.end
        and other.end - other.start > match.end - match.start
        and _telling(other) > words
        for other in readings
    )


def _telling(match: Match) -> int:
    """How many of a phrase's words say something: a light word (見る, 居る, 言う) makes no
    reading longer — 「周り見ても大人おらへん」 is no adult there, not one to look after."""
    return sum(word.key not in GRAMMAR.light_words for word in match.phrase.content)


def _said_of_a_thing(match: Match, question: Normalized) -> bool:
    """Whether the noun written as the subject of what matched (just before it, or before
    が, は or も) is a common noun the dictionary knows that names neither the child nor the
    carer a child is left without: 「メモが見つからない」, 「ヘルパーが全然見つからない」. An
    adverb or a time after the particle does not count (「子が もう2時間見つからない」); a
    name, a verb or another particle before it (「探しても見つからない」, 「どこにも」) leaves
    it said of the child, and so does 「親が見当たらない」 (a small child alone)."""
    words = question.words
    at = _before_adverbs(words, match.start - 1)
    if at >= 0 and words[at].role is Role.PARTICLE:
        if words[at].key not in GRAMMAR.said_of_particles:
            return False
        at = _before_adverbs(words, at - 1)
    elif at != match.start - 1:
        return False  # 「母から連絡 もう2時間見つからん」: a bare noun before the adverbs is no subject
    if at < 0 or words[at].role is not Role.CONTENT:
        return False
    subject = words[at]
    return subject.common_noun and not (
        subject.key in GRAMMAR.child_words or subject.key in GRAMMAR.persons_missed
    )


def _supposed(match: Match, question: Normalized) -> bool:
    """Whether what matched is only supposed or doubted: かも, か分からない or かどうか
    follows it in its clause, a few words on (ふざけて書いただけかもしれん, ふざけてんのか
    わからん)."""
    if match.start < 0:
        return False
    keys: list[str] = []
    for word in question.words[match.end : match.end + SUPPOSING_REACH]:
        keys.append(word.key)
        if word.ends:
            break
    return any(
        tuple(keys[at : at + len(wanted)]) == wanted
        for wanted in GRAMMAR.supposing_words
        for at in range(len(keys) - len(wanted) + 1)
    )


def _before_adverbs(words: tuple[Word, ...], at: int) -> int:
    """The index of the first word at or before ``at`` that is no adverb, number or counted
    quantity (全然, もう2時間, 30分), or -1."""
    while (
        at >= 0
        and words[at].role is Role.CONTENT
        and (words[at].skippable or is_numeral(words[at]) or (at > 0 and is_numeral(words[at - 1])))
    ):
        at -= 1
    return at


def _suffered(match: Match, question: Normalized) -> bool:
    """Whether the act matched was suffered: its verb is in the passive."""
    if match.start < 0:
        return False
    return any(w.passive for w in question.words[match.start : match.end] if w.role is Role.CONTENT)


def load_danger(path: Path | str | None = None) -> DangerRules:
    """Read and check the danger data; raise DataFileInvalid (file:line problems)."""
    problems: list[Problem] = []
    located = read_yaml(Path(path or BUNDLED_DANGER), problems)
    model = validate(_DangerModel, located, located.data, (), problems) if located else None
    if model is None or located is None:
        raise DataFileInvalid(problems)
    known = set(model.concepts)
    references: list[tuple[tuple[str | int, ...], str]] = []
    for index, rule in enumerate(model.rules):
        for field in ("all", "any", "unless", "unless_all"):
            for name in getattr(rule, field):
                references.append((("rules", index, field), name))
        if not (rule.all or rule.any):
            problems.append(
                Problem(
                    located.file,
                    located.line_of(("rules", index)),
                    *msg.rule_without_concepts(),
                )
            )
    classes = _word_classes(model)
    for name, concept in model.concepts.items():
        for index, entry in enumerate(concept.phrases):
            line = located.line_of(("concepts", name, "phrases", index))
            text = entry if isinstance(entry, str) else entry.phrase
            try:
                phrase = _concept_phrase(entry, name, classes)
            except UnknownWordClass as unknown:
                problems.append(
                    Problem(
                        located.file, line, *msg.unknown_word_class(unknown.name, sorted(classes))
                    )
                )
                continue
            if not phrase.latin and all(
                w.key in GRAMMAR.light_words and not w.desire for w in phrase.content
            ):
                problems.append(
                    Problem(
                        located.file,
                        line,
                        *msg.phrase_of_light_words_only(
                            phrase.text, [w.key for w in phrase.content]
                        ),
                    )
                )
            elif problem := one_word_problem(text, phrase, located.file, line):
                problems.append(problem)
    for field in (
        "lowered_by",
        "kept_by",
        "qualifiers",
        "taken_by_windows",
        "patterns",
        "said_of_the_whole",
        "followed_up",
        "plays",
        "hastened_by",
    ):
        references += [((field,), name) for name in getattr(model, field)]
    for field in ("by", "kept_by"):
        references += [(("lessons", field), name) for name in getattr(model.lessons, field)]
    for field in ("all", "kept_by"):
        references += [(("explained", field), name) for name in getattr(model.explained, field)]
    for field in ("by", "acts"):
        references += [
            (("among_children", field), name) for name in getattr(model.among_children, field)
        ]
    for where, name in references:
        if name not in known:
            problems.append(
                Problem(
                    located.file,
                    located.line_of(where),
                    *msg.unknown_concept(name, sorted(known)),
                )
            )
    if problems:
        raise DataFileInvalid(problems)
    return DangerRules(
        concepts={
            name: PhraseSet(_concept_phrase(entry, name, classes) for entry in concept.phrases)
            for name, concept in model.concepts.items()
        },
        rules=tuple(
            Rule(
                r.level,
                tuple(r.all),
                tuple(r.any),
                tuple(r.unless),
                r.passive,
                tuple(r.unless_all),
                r.at_least,
                r.together,
            )
            for r in model.rules
        ),
        lowered_by=tuple(model.lowered_by),
        kept_by=tuple(model.kept_by),
        lessons=tuple(model.lessons.by),
        kept_in_lessons=tuple(model.lessons.kept_by),
        explained_by=tuple(model.explained.all),
        kept_when_explained=tuple(model.explained.kept_by),
        qualifiers=frozenset(model.qualifiers),
        taken_by_windows=frozenset(model.taken_by_windows),
        patterns=frozenset(model.patterns),
        said_of_the_whole=frozenset(model.said_of_the_whole),
        followed_up=frozenset(model.followed_up),
        plays=frozenset(model.plays),
        hastened_by=frozenset(model.hastened_by),
        peers=frozenset(model.among_children.by),
        peer_acts=frozenset(model.among_children.acts),
        of_a_child=frozenset(
            (name, _concept_phrase(entry, name, classes).text)
            for name, concept in model.concepts.items()
            for entry in concept.phrases
            if not isinstance(entry, str) and entry.of_a_child
        ),
    )


def _word_classes(model: _DangerModel) -> dict[str, WordClass]:
    """The concepts a phrase names as a word (〈caregiver〉が不在), each as the class of its
    one-word phrases: one phrase stands for what any of the adults around a child does."""
    named = {
        found
        for concept in model.concepts.values()
        for entry in concept.phrases
        for found in CLASS_NAMED.findall(entry if isinstance(entry, str) else entry.phrase)
    }
    classes = {}
    for name in sorted(named & set(model.concepts)):
        entries = model.concepts[name].phrases
        word_class = word_class_of(e if isinstance(e, str) else e.phrase for e in entries)
        if word_class is not None:
            classes[name] = word_class
    return classes


def _concept_phrase(
    entry: str | _PhraseModel, concept: str, classes: dict[str, WordClass]
) -> Phrase:
    if isinstance(entry, str):
        return phrase_of(entry, concept, classes=classes)
    return phrase_of(
        entry.phrase,
        concept,
        negated=entry.negated,
        active=entry.active,
        said=entry.said,
        classes=classes,
    )
