"""The lexicon (``intents/data/lexicon.yaml``) and the phrase matcher over it.

Phrases are normalized once at load. Matching a question is a substring scan;
where phrases of one section overlap, the longest wins (給食費 over 給食,
中学卒業 over 中学), so data can be added without thinking about order.

A phrase that ends in the negative ない is written once in its plain form and
matches the forms staff write it in: 学校に行けない also finds 行けなくなった,
行けなくて, 行けなかった and 行けていない (polite ません is folded to ない by
normalization, and so is Kansai へん). Without this every negative need was listed
five times over.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Annotated

from pydantic import BaseModel, ConfigDict, Field, StrictFloat, StrictInt, StrictStr

from directory.problems import DirectoryInvalid, Problem
from directory.yamlfile import read_yaml, validate
from intents.normalize import Normalized, is_latin, normalize_full, word_spans

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
    ssw: list[StrictStr]
    help: list[StrictStr]
    about_children: list[StrictStr]
    negation: list[StrictStr]
    where_at_end: list[StrictStr]


class _DaysModel(BaseModel):
    model_config = _STRICT
    offsets: dict[StrictStr, StrictInt]
    weekdays: dict[StrictStr, StrictInt]
    hours: dict[StrictStr, Annotated[int, Field(strict=True, ge=0, le=23)]]


class _AmongChildrenModel(BaseModel):
    model_config = _STRICT
    peers: list[StrictStr]
    need: StrictStr
    also: list[StrictStr] = []


class _LexiconModel(BaseModel):
    model_config = _STRICT
    needs: dict[StrictStr, list[_Entry]]
    stages: dict[StrictStr, list[StrictStr]]
    danger: dict[StrictStr, list[StrictStr]]
    danger_resolved: list[StrictStr]
    danger_among_children: _AmongChildrenModel
    danger_needs_negation: list[StrictStr]
    negations_en: list[StrictStr]
    markers: _MarkersModel
    phone_prefixes: dict[StrictStr, StrictStr]
    days: _DaysModel


_NEGATIVE = "ない"
# what may follow a negative phrase's stem: (て/てい) then ない, なく, なかっ, なけれ
_NEGATIVE_FORMS = re.compile(r"(?:てい|て)?な[いくかけ]")
# a shorter stem (いない → い) would be found everywhere; such phrases match as written
_NEGATIVE_MIN_STEM = 2
_LETTER = re.compile(r"[a-z]")


@dataclass(frozen=True)
class Phrase:
    text: str
    tag: str
    weight: float = 1.0
    also: tuple[str, ...] = ()
    latin: bool = False

    @property
    def negative_stem(self) -> str | None:
        """The part before ない when the phrase is a negative that may be conjugated."""
        stem = self.text.removesuffix(_NEGATIVE)
        if self.latin or stem == self.text or len(stem) < _NEGATIVE_MIN_STEM:
            return None
        return stem


@dataclass(frozen=True)
class Match:
    phrase: Phrase
    start: int
    end: int


class PhraseSet:
    """A section of the lexicon, ready to scan normalized questions."""

    def __init__(self, phrases: Iterable[Phrase]) -> None:
        self.phrases = tuple(sorted(phrases, key=lambda p: -len(p.text)))
        # what to look for: the phrase as written, or a negative's stem (checked after a hit)
        self._searched = tuple(
            (p, p.negative_stem or p.text, p.negative_stem is not None) for p in self.phrases
        )
        self._endings = tuple(p.text for p in self.phrases if not p.latin)

    @classmethod
    def from_mapping(cls, mapping: Mapping[str, Iterable[str]]) -> PhraseSet:
        return cls(_phrase(text, tag) for tag, texts in mapping.items() for text in texts)

    @classmethod
    def from_list(cls, texts: Iterable[str], tag: str = "") -> PhraseSet:
        return cls(_phrase(text, tag) for text in texts)

    def scan(self, question: Normalized) -> list[Match]:
        """Every phrase found, longest first; a phrase inside a longer match is skipped."""
        taken: list[tuple[int, int]] = []
        taken_latin: list[tuple[int, int]] = []  # spans in question.spaced
        found: list[Match] = []
        text = question.squashed
        has_letters = _LETTER.search(question.spaced) is not None
        for phrase, written, negative in self._searched:
            if phrase.latin:
                if not has_letters:  # a Japanese question: no Latin phrase can be in it
                    continue
                for span in word_spans(question.spaced, phrase.text):
                    if not _inside(span, taken_latin):
                        taken_latin.append(span)
                        found.append(Match(phrase, -1, -1))
                        break
                continue
            start = text.find(written)  # most phrases are not in the question: one find
            while start >= 0:
                at = (
                    _negative_span(text, start, len(written))
                    if negative
                    else (start, start + len(written))
                )
                if at is not None and not _inside(at, taken):
                    taken.append(at)
                    found.append(Match(phrase, *at))
                    break
                start = text.find(written, start + 1)
        return found

    def tags(self, question: Normalized) -> set[str]:
        return {m.phrase.tag for m in self.scan(question)}

    def any_in(self, question: Normalized) -> bool:
        return bool(self.scan(question))

    def ends(self, question: Normalized) -> bool:
        """Whether the question ends with one of the phrases (as 「はらっぱはどこ？」 does)."""
        return question.squashed.endswith(self._endings)


def _negative_span(text: str, start: int, stem_length: int) -> tuple[int, int] | None:
    """The span of a negative whose stem was found at ``start``, if a negative form follows."""
    form = _NEGATIVE_FORMS.match(text, start + stem_length)
    return (start, form.end()) if form else None


def _inside(span: tuple[int, int], taken: list[tuple[int, int]]) -> bool:
    """Whether ``span`` lies within a longer phrase already found."""
    start, end = span
    return any(s <= start and end <= e and (s, e) != span for s, e in taken)


def _phrase(text: str, tag: str, weight: float = 1.0, also: Iterable[str] = ()) -> Phrase:
    normalized = normalize_full(text)
    latin = is_latin(normalized.spaced)
    return Phrase(
        normalized.spaced if latin else normalized.squashed, tag, weight, tuple(also), latin
    )


@dataclass(frozen=True)
class AmongChildren:
    """Who else hurts a child at school: a peer. An abuse signal done by a peer (「友達に
    蹴られた」) is the need ``need`` (bullying, violence among pupils), not abuse."""

    by_peer: re.Pattern[str]
    need: Phrase

    @classmethod
    def of(cls, peers: Iterable[str], need: Phrase) -> AmongChildren:
        words = sorted((normalize_full(p).squashed for p in peers), key=len, reverse=True)
        # the peer, its particle (に/から, also …たちに, …にも), then at most a body part and を
        return cls(
            re.compile(
                rf"(?:{'|'.join(map(re.escape, words))})(?:たち|ら)?(?:に|から)も?(?:[^にを]{{1,3}}を)?$"
            ),
            need,
        )

    def did(self, question: Normalized, match: Match) -> bool:
        """Whether the signal at ``match`` is something a peer did to the child."""
        if match.phrase.latin:
            return False
        before = question.squashed[: match.start]
        if match.phrase.text[:1] in (
            "に",
            "を",
        ):  # にけられ, に殴られ: the particle is the phrase's
            before += match.phrase.text[0]
        return bool(self.by_peer.search(before))


@dataclass(frozen=True)
class Lexicon:
    needs: PhraseSet
    stages: PhraseSet
    danger: PhraseSet
    danger_resolved: PhraseSet
    among_children: AmongChildren
    danger_needs_negation: frozenset[str]
    negations_en: tuple[str, ...]
    hours: PhraseSet
    contact: PhraseSet
    address: PhraseSet
    describe: PhraseSet
    find: PhraseSet
    consult_request: PhraseSet
    ssw: PhraseSet
    help: PhraseSet
    about_children: PhraseSet
    negation: PhraseSet
    where_at_end: PhraseSet
    phone_prefixes: PhraseSet
    day_offsets: PhraseSet
    weekdays: PhraseSet
    hours_of_day: PhraseSet
    stage_names: frozenset[str]


def load_lexicon(path: Path | str | None = None) -> Lexicon:
    """Read and check the lexicon; raise DirectoryInvalid (file:line problems) when it is wrong."""
    problems: list[Problem] = []
    located = read_yaml(Path(path or BUNDLED_LEXICON), problems)
    model = validate(_LexiconModel, located, located.data, (), problems) if located else None
    if model is None:
        raise DirectoryInvalid(problems)
    needs = []
    for tag, entries in model.needs.items():
        for entry in entries:
            if isinstance(entry, str):
                needs.append(_phrase(entry, tag))
            else:
                needs.append(_phrase(entry.phrase, tag, float(entry.weight), entry.also))
    markers = model.markers
    return Lexicon(
        needs=PhraseSet(needs),
        stages=PhraseSet.from_mapping(model.stages),
        danger=PhraseSet.from_mapping(model.danger),
        danger_resolved=PhraseSet.from_list(model.danger_resolved),
        among_children=AmongChildren.of(
            model.danger_among_children.peers,
            _phrase("", model.danger_among_children.need, also=model.danger_among_children.also),
        ),
        danger_needs_negation=frozenset(
            normalize_full(t).spaced for t in model.danger_needs_negation
        ),
        negations_en=tuple(normalize_full(n).spaced for n in model.negations_en),
        hours=PhraseSet.from_list(markers.hours),
        contact=PhraseSet.from_list(markers.contact),
        address=PhraseSet.from_list(markers.address),
        describe=PhraseSet.from_list(markers.describe),
        find=PhraseSet.from_list(markers.find),
        consult_request=PhraseSet.from_list(markers.consult_request),
        ssw=PhraseSet.from_list(markers.ssw),
        help=PhraseSet.from_list(markers.help),
        about_children=PhraseSet.from_list(markers.about_children),
        negation=PhraseSet.from_list(markers.negation),
        where_at_end=PhraseSet.from_list(markers.where_at_end),
        phone_prefixes=PhraseSet(
            _phrase(word, prefix) for word, prefix in model.phone_prefixes.items()
        ),
        day_offsets=PhraseSet(_phrase(word, str(n)) for word, n in model.days.offsets.items()),
        weekdays=PhraseSet(_phrase(word, str(n)) for word, n in model.days.weekdays.items()),
        hours_of_day=PhraseSet(_phrase(word, str(n)) for word, n in model.days.hours.items()),
        stage_names=frozenset(model.stages),
    )
