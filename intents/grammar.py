"""The Japanese the reader itself knows, as data (``intents/data/grammar.yaml``).

Which auxiliaries negate, which part-of-speech tags SudachiPy gives, which spellings
are one word, what is rewritten before the analyzer reads a question, and the patterns
found in questions (an age, a phone number, a date): the code says what to do with
them, the file says which they are, each with why it is there. ``GRAMMAR`` is read once,
when ``intents`` is first imported, and checked then: an unknown key, a value of the
wrong kind or a pattern that does not compile is a file:line problem at start
(``DataFileInvalid``), never an error on the question that needed it.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from types import MappingProxyType

from pydantic import BaseModel, ConfigDict, StrictStr

from directory.problems import DataFileInvalid, Problem
from directory.yamlfile import LocatedYaml, read_yaml, validate
from intents import messages as msg

BUNDLED_GRAMMAR = Path(__file__).parent / "data" / "grammar.yaml"

_STRICT = ConfigDict(extra="forbid", strict=True, frozen=True)


class _RewriteModel(BaseModel):
    model_config = _STRICT
    pattern: StrictStr
    becomes: StrictStr


class _PartsOfSpeechModel(BaseModel):
    model_config = _STRICT
    noun: StrictStr
    verb: StrictStr
    adjective: StrictStr
    auxiliary_verb: StrictStr
    particle: StrictStr
    conjunctive: StrictStr
    suffix: StrictStr
    prefix: StrictStr
    symbol: StrictStr
    blank: StrictStr
    may_be_auxiliary: StrictStr
    numeral: StrictStr
    common_noun: StrictStr
    skippable: list[StrictStr]
    skippable_kinds: list[StrictStr]


class _AuxiliariesModel(BaseModel):
    model_config = _STRICT
    negating: list[StrictStr]
    passive: list[StrictStr]
    causative: list[StrictStr]
    desire: list[StrictStr]
    progressive: list[StrictStr]
    progressive_after_te: list[StrictStr]
    past: list[StrictStr]
    past_particles: list[StrictStr]
    conditional_form: StrictStr
    command_forms: list[StrictStr]
    conditional_particle: StrictStr
    plain_form: StrictStr
    volitional_form: StrictStr


class _WordsModel(BaseModel):
    model_config = _STRICT
    absence: list[StrictStr]
    done: list[StrictStr]
    do_verb: StrictStr
    copula: StrictStr
    exist_verb: StrictStr
    advice_noun: StrictStr
    recall_particle: StrictStr
    what: StrictStr
    formal: list[StrictStr]
    polite: dict[StrictStr, StrictStr]
    short_causatives: dict[StrictStr, StrictStr]
    light: list[StrictStr]
    numerals: list[StrictStr]
    long_counters: list[StrictStr]
    the_child: list[StrictStr]
    persons_missed: list[StrictStr]
    honorifics: list[StrictStr]
    hours_nouns: list[StrictStr]
    person_nouns: list[StrictStr]
    stem_endings: dict[StrictStr, StrictStr]


class _ParticlesModel(BaseModel):
    model_config = _STRICT
    te_links: list[StrictStr]
    of: StrictStr
    sender: StrictStr
    object: StrictStr
    case_markers: list[StrictStr]
    subject: list[StrictStr]
    said_of: list[StrictStr]
    supposing: list[list[StrictStr]]
    question: list[StrictStr]
    not_when_after: list[StrictStr]


class _MarksModel(BaseModel):
    model_config = _STRICT
    sentence_end: list[StrictStr]
    declarative: list[StrictStr]
    pictographs: StrictStr
    clause: StrictStr
    word_class: StrictStr


class _SpellingModel(BaseModel):
    model_config = _STRICT
    variants: dict[StrictStr, StrictStr]
    small_kana: dict[StrictStr, StrictStr]
    long_vowel_marks: StrictStr
    sokuon: StrictStr
    romaji_particles: dict[StrictStr, StrictStr]
    long_o: _RewriteModel
    abbreviations: list[_RewriteModel]


class _BeforeAnalysisModel(BaseModel):
    model_config = _STRICT
    kansai_negatives: list[_RewriteModel]
    kana_misreadings: list[_RewriteModel]
    spellings: list[_RewriteModel]
    supposition: _RewriteModel
    polite_request: _RewriteModel


class _InQuestionsModel(BaseModel):
    model_config = _STRICT
    age: StrictStr
    phone_number: StrictStr
    town: StrictStr
    particles_at_edges: StrictStr
    month_day: StrictStr
    sentence_split: StrictStr
    quoted: StrictStr


class _EnglishModel(BaseModel):
    model_config = _STRICT
    endings: list[StrictStr]
    plural_endings: list[StrictStr]
    apostrophes: list[StrictStr]
    apostrophe_dropped: dict[StrictStr, StrictStr]
    spoken_short_forms: dict[StrictStr, StrictStr]
    misspellings: dict[StrictStr, StrictStr]
    negative_helpers: list[StrictStr]
    irregular_forms: dict[StrictStr, list[StrictStr]]
    words_between: int
    never_between: list[StrictStr]
    never_before: list[StrictStr]


class _GrammarModel(BaseModel):
    model_config = _STRICT
    parts_of_speech: _PartsOfSpeechModel
    auxiliaries: _AuxiliariesModel
    words: _WordsModel
    particles: _ParticlesModel
    marks: _MarksModel
    spelling: _SpellingModel
    before_analysis: _BeforeAnalysisModel
    in_questions: _InQuestionsModel
    english: _EnglishModel


@dataclass(frozen=True)
class Rewrite:
    """A pattern and what its matches become (``\\1`` is the pattern's first group)."""

    pattern: re.Pattern[str]
    becomes: str

    def apply(self, text: str) -> str:
        return self.pattern.sub(self.becomes, text)


@dataclass(frozen=True)
class PartsOfSpeech:
    """SudachiPy's tags, as the reader tests them."""

    noun: str
    verb: str
    adjective: str
    auxiliary_verb: str
    particle: str
    conjunctive: str  # a second-level tag: the て/で that links a helper verb
    suffix: str
    prefix: str
    symbol: str
    blank: str
    may_be_auxiliary: str  # a second-level tag
    numeral: str  # a second-level tag
    common_noun: str  # a second-level tag
    skippable: frozenset[str]
    skippable_kinds: frozenset[str]  # second- or third-level tags


@dataclass(frozen=True)
class Grammar:
    """What the reader knows of Japanese; grammar.yaml says why each entry is there."""

    pos: PartsOfSpeech
    # auxiliaries after a word, by lemma
    negating_auxiliaries: frozenset[str]
    passive_auxiliaries: frozenset[str]
    causative_auxiliaries: frozenset[str]
    desire_auxiliaries: frozenset[str]
    progressive_auxiliaries: frozenset[str]
    progressive_after_te: frozenset[str]
    past_auxiliaries: frozenset[str]
    past_particles: frozenset[str]  # 下校したって: a past heard (the particle たって)
    conditional_form: str  # a conjugation form (SudachiPy's sixth tag) in which た is no past
    command_forms: tuple[str, ...]  # forms of a verb that orders (死ね), unless ば follows
    conditional_particle: str
    plain_form: str  # the dictionary form, which orders nothing (死ぬ)
    volitional_form: str  # 死のう, 消えよう: an intention, read as a wish (死にたい)
    # words with a job of their own, by lemma
    absence_words: frozenset[str]
    done_words: frozenset[str]  # 相談済み: the act before is done
    do_verb: str
    copula: str  # だ: its に/で after a noun is the noun's company, as a particle is
    exist_verb: str
    advice_noun: str
    recall_particle: str  # け: 何でしたっけ asks to be reminded, so its た is no past
    what_word: str  # 何: what a particle-only describe marker (とは) may ask with
    formal_nouns: frozenset[str]  # a negation of one denies the clause before it
    polite_words: Mapping[str, str]  # an honorific word → the plain word it says (御座る → 有る)
    short_causatives: Mapping[str, str]  # 立たす → 立つ, said causative
    light_words: frozenset[str]
    numeral_words: frozenset[str]
    long_counters: frozenset[str]  # 時間, 週間: a number's counter, though not one letter
    child_words: frozenset[str]  # the child named in the middle of a phrase does not break it
    persons_missed: frozenset[str]  # … and the others a phrase `of_a_child` may be said of
    honorific_words: frozenset[str]  # nor does an honorific after a name (児相さん)
    hours_nouns: frozenset[str]  # a verb of opening before one asks the hours
    person_nouns: frozenset[str]  # こと after の: the person before it (ママのこと)
    stem_endings: Mapping[str, str]  # a verb stem's last kana → the dictionary form's (し → す)
    # particles, by lemma
    te_links: frozenset[str]
    object_particle: str
    of_particle: str
    sender_particle: str  # 近所の方からの電話: a call received, not a number asked
    not_when_after: frozenset[str]  # いつ then も is いつも, always
    case_markers: frozenset[str]
    subject_particles: frozenset[str]
    said_of_particles: frozenset[str]  # 仕事も見つからない: said of the job
    # かも, か分からない, かどう in a row: ふざけただけかも supposes play
    supposing_words: tuple[tuple[str, ...], ...]
    question_particles: frozenset[str]
    # marks
    sentence_marks: frozenset[str]
    declarative_marks: frozenset[str]
    pictographs: re.Pattern[str]  # emoji: read as the clause mark
    word_class: re.Pattern[str]  # a phrase's 〈concept〉: any one-word phrase of it
    clause_mark: str
    # spelling folds, in the order they are made
    spelling_variants: tuple[tuple[str, str], ...]
    small_kana: tuple[tuple[str, str], ...]
    long_vowel_marks: re.Pattern[str]
    sokuon: str
    romaji_particles: Mapping[str, str]  # "wa" → は, as romaji writes the particle
    english_endings: frozenset[str]  # a word with one of these is the phrase's word (puts)
    english_plural_endings: frozenset[str]  # a phrase's plural is its singular (tracks: track)
    # "hasnt" → "hasn't", "wanna" → "want to", "dissapear" → "disappear": a contraction
    # typed without its apostrophe, a spoken short form or a common misspelling, as a whole
    # word, and how it is written in full
    english_in_full: Mapping[str, str]
    english_short_words: re.Pattern[str]
    english_apostrophes: tuple[str, ...]  # typed for ' (don’t)
    english_negative_helpers: frozenset[str]  # hasn (of hasn't): with its t, one "not"
    english_verb_of_form: Mapping[str, str]  # went, gone → go: a form no ending makes
    english_words_between: int  # how many words may stand between two of a phrase's
    english_never_between: frozenset[str]  # … but never these (not, no: they turn it over)
    english_never_before: frozenset[str]  # … nor right before a phrase (not starving)
    long_o: Rewrite
    abbreviations: tuple[Rewrite, ...]  # 保健C is 保健センター, as office notes write it
    # rewrites before the analyzer reads a question
    kansai_negatives: tuple[Rewrite, ...]
    kana_misreadings: tuple[Rewrite, ...]
    spellings: tuple[Rewrite, ...]  # one word written two ways the analyzer keeps apart
    supposition: Rewrite
    polite_request: Rewrite
    # patterns found in a question's text
    age: re.Pattern[str]
    phone_number: re.Pattern[str]
    town: re.Pattern[str]
    particles_at_edges: re.Pattern[str]
    month_day: re.Pattern[str]
    sentence_split: re.Pattern[str]
    quoted: re.Pattern[str]


def load_grammar(path: Path | str | None = None) -> Grammar:
    """Read and check the grammar; raise DataFileInvalid (file:line problems)."""
    problems: list[Problem] = []
    located = read_yaml(Path(path or BUNDLED_GRAMMAR), problems)
    model = (
        validate(_GrammarModel, located, located.data, (), problems, _field_names(_GrammarModel))
        if located
        else None
    )
    if model is None or located is None:
        raise DataFileInvalid(problems)
    patterns = _Patterns(located, problems)
    pos, words, particles = model.parts_of_speech, model.words, model.particles
    spelling, before, found = model.spelling, model.before_analysis, model.in_questions
    english = model.english
    in_full = {**english.apostrophe_dropped, **english.spoken_short_forms, **english.misspellings}
    grammar = Grammar(
        pos=PartsOfSpeech(
            noun=pos.noun,
            verb=pos.verb,
            adjective=pos.adjective,
            auxiliary_verb=pos.auxiliary_verb,
            particle=pos.particle,
            conjunctive=pos.conjunctive,
            suffix=pos.suffix,
            prefix=pos.prefix,
            symbol=pos.symbol,
            blank=pos.blank,
            may_be_auxiliary=pos.may_be_auxiliary,
            numeral=pos.numeral,
            common_noun=pos.common_noun,
            skippable=frozenset(pos.skippable),
            skippable_kinds=frozenset(pos.skippable_kinds),
        ),
        negating_auxiliaries=frozenset(model.auxiliaries.negating),
        passive_auxiliaries=frozenset(model.auxiliaries.passive),
        causative_auxiliaries=frozenset(model.auxiliaries.causative),
        desire_auxiliaries=frozenset(model.auxiliaries.desire),
        progressive_auxiliaries=frozenset(model.auxiliaries.progressive),
        progressive_after_te=frozenset(model.auxiliaries.progressive_after_te),
        past_auxiliaries=frozenset(model.auxiliaries.past),
        past_particles=frozenset(model.auxiliaries.past_particles),
        conditional_form=model.auxiliaries.conditional_form,
        command_forms=tuple(model.auxiliaries.command_forms),
        conditional_particle=model.auxiliaries.conditional_particle,
        plain_form=model.auxiliaries.plain_form,
        volitional_form=model.auxiliaries.volitional_form,
        absence_words=frozenset(words.absence),
        done_words=frozenset(words.done),
        do_verb=words.do_verb,
        copula=words.copula,
        exist_verb=words.exist_verb,
        advice_noun=words.advice_noun,
        recall_particle=words.recall_particle,
        what_word=words.what,
        formal_nouns=frozenset(words.formal),
        polite_words=MappingProxyType(dict(words.polite)),
        short_causatives=MappingProxyType(dict(words.short_causatives)),
        light_words=frozenset(words.light),
        numeral_words=frozenset(words.numerals),
        long_counters=frozenset(words.long_counters),
        child_words=frozenset(words.the_child),
        persons_missed=frozenset(words.persons_missed),
        honorific_words=frozenset(words.honorifics),
        hours_nouns=frozenset(words.hours_nouns),
        person_nouns=frozenset(words.person_nouns),
        stem_endings=MappingProxyType(dict(words.stem_endings)),
        te_links=frozenset(particles.te_links),
        object_particle=particles.object,
        of_particle=particles.of,
        sender_particle=particles.sender,
        not_when_after=frozenset(particles.not_when_after),
        case_markers=frozenset(particles.case_markers),
        subject_particles=frozenset(particles.subject),
        said_of_particles=frozenset(particles.said_of),
        supposing_words=tuple(tuple(words) for words in particles.supposing),
        question_particles=frozenset(particles.question),
        sentence_marks=frozenset(model.marks.sentence_end),
        declarative_marks=frozenset(model.marks.declarative),
        pictographs=patterns.compile(model.marks.pictographs, "marks", "pictographs"),
        clause_mark=model.marks.clause,
        word_class=patterns.compile(model.marks.word_class, "marks", "word_class"),
        spelling_variants=tuple(spelling.variants.items()),
        small_kana=tuple(spelling.small_kana.items()),
        long_vowel_marks=patterns.compile(
            spelling.long_vowel_marks, "spelling", "long_vowel_marks"
        ),
        sokuon=spelling.sokuon,
        romaji_particles=MappingProxyType(dict(spelling.romaji_particles)),
        english_endings=frozenset(model.english.endings),
        english_plural_endings=frozenset(model.english.plural_endings),
        english_in_full=MappingProxyType(in_full),
        english_short_words=re.compile(
            r"\b(?:" + "|".join(map(re.escape, in_full)) + r")\b",
            re.ASCII,
        ),
        english_apostrophes=tuple(english.apostrophes),
        english_negative_helpers=frozenset(english.negative_helpers),
        english_verb_of_form=MappingProxyType(
            {form: verb for verb, forms in english.irregular_forms.items() for form in forms}
        ),
        english_words_between=model.english.words_between,
        english_never_between=frozenset(model.english.never_between),
        english_never_before=frozenset(model.english.never_before),
        long_o=patterns.rewrite(spelling.long_o, "spelling", "long_o"),
        abbreviations=tuple(
            patterns.rewrite(r, "spelling", "abbreviations", i)
            for i, r in enumerate(spelling.abbreviations)
        ),
        kansai_negatives=tuple(
            patterns.rewrite(r, "before_analysis", "kansai_negatives", i)
            for i, r in enumerate(before.kansai_negatives)
        ),
        kana_misreadings=tuple(
            patterns.rewrite(r, "before_analysis", "kana_misreadings", i)
            for i, r in enumerate(before.kana_misreadings)
        ),
        spellings=tuple(
            patterns.rewrite(r, "before_analysis", "spellings", i)
            for i, r in enumerate(before.spellings)
        ),
        supposition=patterns.rewrite(before.supposition, "before_analysis", "supposition"),
        polite_request=patterns.rewrite(before.polite_request, "before_analysis", "polite_request"),
        age=patterns.compile(found.age, "in_questions", "age"),
        phone_number=patterns.compile(found.phone_number, "in_questions", "phone_number"),
        town=patterns.compile(found.town, "in_questions", "town"),
        particles_at_edges=patterns.compile(
            found.particles_at_edges, "in_questions", "particles_at_edges"
        ),
        month_day=patterns.compile(found.month_day, "in_questions", "month_day"),
        sentence_split=patterns.compile(found.sentence_split, "in_questions", "sentence_split"),
        quoted=patterns.compile(found.quoted, "in_questions", "quoted"),
    )
    if problems:
        raise DataFileInvalid(problems)
    return grammar


def _field_names(model: type[BaseModel]) -> list[str]:
    """Every key the file may have, at any depth: a misspelt key is told the one it is
    closest to (progresive → progressive)."""
    names = set(model.model_fields)
    for field in model.model_fields.values():
        for inner in (field.annotation, *getattr(field.annotation, "__args__", ())):
            if isinstance(inner, type) and issubclass(inner, BaseModel):
                names.update(_field_names(inner))
    return sorted(names)


class _Patterns:
    """Compiles the file's patterns, each wrong one a problem at its line (and a pattern
    that matches nothing in its place, so every problem of the file is found in one read)."""

    _NOTHING = re.compile(r"(?!)")

    def __init__(self, located: LocatedYaml, problems: list[Problem]) -> None:
        self.located = located
        self.problems = problems

    def compile(self, pattern: str, *where: str | int) -> re.Pattern[str]:
        try:
            return re.compile(pattern)
        except re.error as error:
            self._problem(where, msg.pattern_does_not_compile(str(error)))
            return self._NOTHING

    def rewrite(self, model: _RewriteModel, *where: str | int) -> Rewrite:
        pattern = self.compile(model.pattern, *where, "pattern")
        try:
            pattern.sub(model.becomes, "")  # checks the replacement's \1 against the groups
        except re.error as error:
            if pattern is not self._NOTHING:
                self._problem((*where, "becomes"), msg.replacement_does_not_fit(str(error)))
        return Rewrite(pattern, model.becomes)

    def _problem(self, where: tuple[str | int, ...], said: tuple[str, str]) -> None:
        self.problems.append(Problem(self.located.file, self.located.line_of(where), *said))


# read at import, before a command can catch it: DataFileInvalid's own text (file:line and
# how to fix) is what the traceback shows
GRAMMAR = load_grammar()
