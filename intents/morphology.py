"""Read Japanese by its words: SudachiPy lemmas, with polarity, voice and desire.

Staff write the same fact in many forms: 殴られていた, なぐられてた, 殴られてます;
食べさせてもらえず, ご飯食べてない. SudachiPy gives each word its normalized form
(殴る, 食べる; 子供/子ども/こども → 子供), and the auxiliaries after a verb say the
rest: ない/ず/ぬ negate it, れる/られる make it passive (the child is the one it
happened to), たい is a wish. So a lexicon phrase is written once, in a natural
form, analyzed the same way at load time, and matched on these ``Word`` values:
whatever the conjugation, the politeness, the spelling or the particle, a phrase
matches when its content words come in order with the same polarity.

Particles carry no meaning here (学校に/へ/には行けない are one phrase), except in a
phrase made only of them (とは), which matches them as written. Adverbs and fillers
between two words of a phrase are skipped (ご飯を全然食べてない).

Dialect: Kansai negatives (来えへん, 行かへん, できひん) are folded to ない before the
analyzer sees them, at token boundaries only: a global へん→ない would turn
たいへん into たいない (FIELD_NOTES.md).

Which auxiliaries, tags, particles and rewrites these are is data, with why each is
there: ``intents/data/grammar.yaml`` (``intents.grammar.GRAMMAR``).
"""

from __future__ import annotations

import re
import threading
import unicodedata
from dataclasses import dataclass, replace
from enum import Enum
from functools import lru_cache
from typing import NamedTuple

import jaconv
from sudachipy import Dictionary, SplitMode, Tokenizer

from intents.grammar import GRAMMAR

# the small dictionary: as good as core on staff questions here, 80 MB lighter (README)
SUDACHI_DICTIONARY = "small"

# the scripts' letters as a character class writes them (ぁ to ゖ, ァ to ヺ; escapes, which
# the regular expression reads) and the long-vowel mark either may use: named once, for
# the reader here and the normalizer
HIRAGANA = r"\u3041-\u3096"
KATAKANA = r"\u30a1-\u30fa"
LONG_VOWEL_MARK = r"\u30fc"
_KANA_ONLY = re.compile(f"[{HIRAGANA}{LONG_VOWEL_MARK}]+")
_KATAKANA_ONLY = re.compile(f"[{KATAKANA}{LONG_VOWEL_MARK}]+")
_KANJI = re.compile(r"[\u4e00-\u9fff]")


def has_kanji(text: str) -> bool:
    """Whether any letter is a kanji (a name or a noun written with one, not kana alone)."""
    return _KANJI.search(text) is not None


class Role(Enum):
    CONTENT = "content"
    PARTICLE = "particle"


@dataclass(frozen=True)
class Word:
    """One word of a question or phrase as matching sees it."""

    key: str  # normalized form, folded (NFKC, lower case, katakana → hiragana)
    role: Role
    pos: str = ""
    negated: bool = False
    passive: bool = False
    causative: bool = False
    desire: bool = False
    progressive: bool = False  # て居る/てる/とる: 「やってる」 (open now) is not 「やる」
    past: bool = False  # た: 通告した, 保護された
    conditional: bool = False  # たら: 連絡したら (a condition, not a past: nothing is done yet)
    active: bool = False  # a phrase's word that must not be passive (母親を殴る, not 殴られる)
    # a phrase's verb that must be said in its dictionary form, as a child says what they
    # will do (「まだ遊ぶ！」), not what is going on (子どもたちはまだ遊んでる)
    said: bool = False
    kana: str = ""  # the lemma's reading in hiragana (触る → さわる), for words typed in kana
    surface: str = ""  # as written
    ends: str = ""  # the sentence mark right after the word (。？！), if any
    head: str = ""  # a compound's last part (風邪薬 → 薬): a kind of what it ends with
    verb: str = ""  # the verb a noun is the stem of (締め出し → 締め出す): it names that act
    # negated only by denying a formal noun after it: 「子がいるわけじゃない」 denies that a
    # child is there, it does not tell of a child gone (子がいない)
    denied: bool = False
    # a hedge, a noun of time, the child, an honorific or こと after の: it does not break a
    # phrase (みたい, 先月, 子ども, 児相さん, ママのこと)
    light: bool = False
    command: bool = False  # a verb that orders (死ね): a phrase's order wants no plain 死ぬ
    plain: bool = False  # a verb in its dictionary form (「もう死ぬ〜」)
    # a common noun the dictionary knows (メモ, 仕事), not a name nor a word it guessed
    common_noun: bool = False
    # a phrase's word written as a concept of people (〈caregiver〉が不在): any of its words
    # (母親, 祖母, パパ) is this word
    members: frozenset[str] = frozenset()

    @property
    def typed_in_kana(self) -> bool:
        """Whether the word was written in kana (さわる, こわい, 指のあと): the kanji of its
        lemma is then the analyzer's guess (あと → 後, not 跡), so it matches a phrase's
        word by reading."""
        return all_kana(self.key) or all_kana(fold_key(self.surface))

    @property
    def skippable(self) -> bool:
        return self.light or self.pos in GRAMMAR.pos.skippable


def all_katakana(text: str) -> bool:
    """Whether ``text`` is written in katakana alone (ベランダ; the long-vowel mark too)."""
    return _KATAKANA_ONLY.fullmatch(text) is not None


def all_kana(text: str) -> bool:
    """Whether ``text`` is written in hiragana alone (the long-vowel mark too)."""
    return _KANA_ONLY.fullmatch(text) is not None


_local = threading.local()


def _tokenizer() -> Tokenizer:
    """One tokenizer per thread: a SudachiPy tokenizer is not thread-safe (FIELD_NOTES.md)."""
    tokenizer: Tokenizer | None = getattr(_local, "tokenizer", None)
    if tokenizer is None:
        tokenizer = _dictionary().tokenizer(mode=SplitMode.C)
        _local.tokenizer = tokenizer
    return tokenizer


@lru_cache(maxsize=1)
def _dictionary() -> Dictionary:
    return Dictionary(dict=SUDACHI_DICTIONARY)


def fold_dialect(text: str) -> str:
    """Kansai negatives as the standard ない, at token boundaries only; kana the analyzer
    misreads without kanji (かえってこない); one word's two spellings as one (痕 and 跡);
    a polite request (〜てもらえませんか) as the wish it is (〜てほしい). An emoji ends a
    clause as 、 does."""
    text = GRAMMAR.pictographs.sub(GRAMMAR.clause_mark, text)
    rewrites = (
        *GRAMMAR.kansai_negatives,
        *GRAMMAR.kana_misreadings,
        *GRAMMAR.spellings,
        GRAMMAR.supposition,
        GRAMMAR.polite_request,
    )
    for rewrite in rewrites:
        text = rewrite.apply(text)
    return text


def fold_key(text: str) -> str:
    return str(jaconv.kata2hira(unicodedata.normalize("NFKC", text).lower()))


def _in_digits(numeral: str) -> str:
    """A one-letter kanji numeral in digits (一 → 1), as SudachiPy writes 一箱's but not
    ひと箱's: either spelling then matches a phrase; 何, 数 and 半 (a half) stay as they are."""
    if len(numeral) != 1:
        return numeral
    value = unicodedata.numeric(numeral, -1.0)
    return str(int(value)) if value >= 0 and value == int(value) else numeral


def analyze(text: str) -> tuple[Word, ...]:
    """The words of ``text`` with what the auxiliaries after each one say about it.

    >>> [(w.key, w.negated, w.passive) for w in analyze("殴られていた") if w.role is Role.CONTENT]
    [('殴る', False, True)]
    """
    return _analyzed(text)[0]


def dropped_helpers(text: str) -> tuple[str, ...]:
    """The helper verbs after て that the reading drops, saying nothing of them (入ってもらえる
    reads as 入る; 触ってくる as 触る): a data phrase that is only its first verb then matches
    every use of that verb, which the loaders report."""
    return _analyzed(text)[1]


@lru_cache(maxsize=8192)
def _analyzed(text: str) -> tuple[tuple[Word, ...], tuple[str, ...]]:
    prepared = fold_dialect(unicodedata.normalize("NFKC", text))
    words: list[Word] = []
    dropped: list[str] = []
    last_content: int | None = None  # index in ``words`` that auxiliaries apply to
    previous_pos = ""
    previous_lemma = ""
    previous_minor = ""
    for morpheme in _tokenizer().tokenize(prepared):
        pos = morpheme.part_of_speech()
        major, minor = pos[0], pos[1]
        lemma = morpheme.normalized_form()
        # a helper verb follows the て/で of a verb (読んでくれる), not the case で (車で行く)
        te_linked = previous_lemma in GRAMMAR.te_links and previous_minor == GRAMMAR.pos.conjunctive
        if major == GRAMMAR.pos.blank:
            continue  # 「へんじ しない」: staff typing in kana space their words; a space joins
        if (
            lemma == GRAMMAR.do_verb
            and last_content is not None
            and words[last_content].pos == GRAMMAR.pos.noun
            and (previous_pos == GRAMMAR.pos.noun or previous_lemma == GRAMMAR.object_particle)
            and all(w.role is Role.PARTICLE for w in words[last_content + 1 :])
        ):
            # a サ変 noun and its する are one word (帰宅していない negates 帰宅; 息をしていない, 息
            # してない and 息をしない read alike)
            previous_pos, previous_lemma, previous_minor = GRAMMAR.pos.auxiliary_verb, lemma, ""
            continue
        if lemma in GRAMMAR.absence_words and last_content is not None:  # 反応なし
            words[last_content] = replace(words[last_content], negated=True)
            noun = last_content - 1
            if (
                words[last_content].pos == GRAMMAR.pos.suffix
                and noun >= 0
                and words[noun].role is Role.CONTENT
            ):
                # あざ等なし: the noun before 等 (or など) is what there is none of
                words[noun] = replace(words[noun], negated=True)
            previous_pos, previous_lemma, previous_minor = major, lemma, minor
            continue
        if major == GRAMMAR.pos.symbol:
            if words and morpheme.surface() in GRAMMAR.sentence_marks:
                words[-1] = replace(words[-1], ends=morpheme.surface())
            last_content = None  # a negation never reaches over punctuation
            previous_pos, previous_lemma, previous_minor = major, lemma, minor
            continue
        auxiliary = major == GRAMMAR.pos.auxiliary_verb or (
            minor == GRAMMAR.pos.may_be_auxiliary
            and major in (GRAMMAR.pos.verb, GRAMMAR.pos.adjective)
            and last_content is not None
            and (previous_pos == GRAMMAR.pos.auxiliary_verb or te_linked)
        )
        if (
            lemma in GRAMMAR.negating_auxiliaries
            and last_content is not None
            and major in (GRAMMAR.pos.auxiliary_verb, GRAMMAR.pos.adjective)
        ):
            last_content = _negate(words, last_content)
        elif auxiliary:
            if last_content is not None:
                if lemma in GRAMMAR.passive_auxiliaries:
                    words[last_content] = replace(words[last_content], passive=True)
                elif lemma in GRAMMAR.causative_auxiliaries:
                    words[last_content] = replace(words[last_content], causative=True)
                elif lemma in GRAMMAR.desire_auxiliaries:
                    words[last_content] = replace(words[last_content], desire=True)
                elif lemma in GRAMMAR.progressive_auxiliaries or (
                    te_linked and lemma in GRAMMAR.progressive_after_te
                ):
                    words[last_content] = replace(words[last_content], progressive=True)
                elif lemma in GRAMMAR.past_auxiliaries:
                    conditional = pos[5].startswith(GRAMMAR.conditional_form)
                    words[last_content] = replace(
                        words[last_content], past=not conditional, conditional=conditional
                    )
                elif te_linked:
                    dropped.append(lemma)
        elif major == GRAMMAR.pos.particle:
            if lemma == GRAMMAR.conditional_particle and last_content is not None:
                words[last_content] = replace(words[last_content], command=False)  # 死ねば
            elif lemma in GRAMMAR.past_particles and last_content is not None:
                words[last_content] = replace(words[last_content], past=True)  # 下校したって
            elif (
                lemma == GRAMMAR.recall_particle
                and previous_lemma in GRAMMAR.past_auxiliaries
                and last_content is not None
            ):
                # 「どこに連絡するんでしたっけ」 asks to be reminded: nothing is done yet
                words[last_content] = replace(words[last_content], past=False)
            words.append(Word(fold_key(lemma), Role.PARTICLE, major, surface=morpheme.surface()))
        else:
            surface = morpheme.surface()
            # English words keep their spelling (Sudachi reads "not" as ノット)
            if surface.isascii():
                words.append(Word(surface.lower(), Role.CONTENT, major, surface=surface))
            else:
                key = fold_key(lemma)
                key = GRAMMAR.polite_words.get(key, key)
                made_to = key in GRAMMAR.short_causatives  # 立たされる: made to stand
                key = GRAMMAR.short_causatives.get(key, key)
                if minor == GRAMMAR.pos.numeral:
                    key = _in_digits(key)
                if (
                    key == GRAMMAR.advice_noun
                    and previous_lemma in GRAMMAR.past_auxiliaries
                    and last_content is not None
                ):
                    # 通告したほうがいい is advice about what is not done yet, not a past act
                    words[last_content] = replace(words[last_content], past=False)
                parts = morpheme.split(SplitMode.A) if major == GRAMMAR.pos.noun else []
                head = fold_key(parts[-1].normalized_form()) if len(parts) > 1 else ""
                light = (
                    bool(GRAMMAR.pos.skippable_kinds & set(pos[1:3]))
                    or key in GRAMMAR.child_words
                    or key in GRAMMAR.honorific_words
                    or (key in GRAMMAR.person_nouns and previous_lemma == GRAMMAR.of_particle)
                )
                words.append(
                    Word(
                        key,
                        Role.CONTENT,
                        major,
                        kana=reading_of(lemma),
                        surface=surface,
                        head=head,
                        light=light,
                        verb=verb_of_stem(surface) if major == GRAMMAR.pos.noun else "",
                        command=major == GRAMMAR.pos.verb
                        and pos[5].startswith(GRAMMAR.command_forms),
                        plain=major == GRAMMAR.pos.verb and pos[5].startswith(GRAMMAR.plain_form),
                        desire=major == GRAMMAR.pos.verb
                        and pos[5].startswith(GRAMMAR.volitional_form),
                        common_noun=minor == GRAMMAR.pos.common_noun and not morpheme.is_oov(),
                        causative=made_to,
                    )
                )
            if major not in GRAMMAR.pos.skippable:  # 全然ない negates what came before 全然
                last_content = len(words) - 1
        previous_pos, previous_lemma, previous_minor = major, lemma, minor
    return tuple(words), tuple(dropped)


def negate_last(words: tuple[Word, ...]) -> tuple[Word, ...]:
    """The words with their last content word negated as the analyzer would negate it
    (a phrase written plain but meant in the negative: けががある → けががない)."""
    content = [i for i, w in enumerate(words) if w.role is Role.CONTENT]
    if not content:
        return words
    changed = list(words)
    _negate(changed, content[-1])
    return tuple(changed)


def _negate(words: list[Word], index: int) -> int:
    """Negate the word at ``index``; a negated 有る after a noun negates the noun, as ない
    does (緊急性はありません reads as 緊急性はない, けががありません as けががない).
    Returns the index of the word now negated."""
    word = words[index]
    if word.key == GRAMMAR.exist_verb and word.pos == GRAMMAR.pos.verb:
        noun = index - 1
        while noun >= 0 and words[noun].role is Role.PARTICLE:
            noun -= 1
        if noun >= 0 and words[noun].pos in (GRAMMAR.pos.noun, GRAMMAR.pos.suffix):
            del words[index]
            words[noun] = replace(words[noun], negated=True)
            _deny_the_clause_before(words, noun)
            return noun
    words[index] = replace(word, negated=True)
    _deny_the_clause_before(words, index)
    return index


def _deny_the_clause_before(words: list[Word], index: int) -> None:
    """「ふざけている感じではない」, 「叩かれたことはない」: a formal noun stands for the clause
    before it, so denying the noun denies that clause's verb."""
    if words[index].key not in _formal_nouns():
        return
    before = index - 1
    while before >= 0 and words[before].role is Role.PARTICLE:
        before -= 1
    if before >= 0 and words[before].pos in (GRAMMAR.pos.verb, GRAMMAR.pos.adjective):
        words[before] = replace(words[before], negated=not words[before].negated, denied=True)


@lru_cache(maxsize=1)
def _formal_nouns() -> frozenset[str]:
    """The formal nouns and their readings: typed in kana (ふざけてるかんじじゃない) the
    analyzer leaves かんじ as it is."""
    return GRAMMAR.formal_nouns | {reading_of(noun) for noun in GRAMMAR.formal_nouns}


@lru_cache(maxsize=4096)
def verb_of_stem(noun: str) -> str:
    """The verb whose stem a noun is, as the analyzer knows it (締め出し → 締め出す, 蹴り → 蹴る),
    or "": terse notes name an act by its stem (夜間ベランダ締め出し), which the dictionary
    lists as a noun of its own. Only a noun written with a kanji is tried (まつり is no verb)."""
    ending = GRAMMAR.stem_endings.get(noun[-1:]) if has_kanji(noun) else None
    if ending is None:
        return ""
    candidate = noun[:-1] + ending
    morphemes = list(_tokenizer().tokenize(candidate))
    if (
        len(morphemes) == 1
        and morphemes[0].part_of_speech()[0] == GRAMMAR.pos.verb
        and morphemes[0].dictionary_form() == candidate
    ):
        return fold_key(morphemes[0].normalized_form())
    return ""


@lru_cache(maxsize=16384)
def reading_of(lemma: str) -> str:
    """The reading of a dictionary form, in hiragana (怖い → こわい)."""
    return fold_key("".join(m.reading_form() for m in _tokenizer().tokenize(lemma)))


class KanaPiece(NamedTuple):
    """One piece of a run of hiragana, as the analyzer cut it."""

    surface: str
    begin: int  # where it begins and ends in the text analyzed
    end: int
    pos: str  # the part of speech the analyzer gave it
    lemma: str  # its normalized form


def kana_runs(text: str) -> tuple[tuple[KanaPiece, ...], ...]:
    """The runs of hiragana in ``text`` as the analyzer cuts them: each run the pieces
    between two letters of another kind, a space or a mark (for :mod:`intents.kana_words`)."""
    runs: list[list[KanaPiece]] = []
    for m in _tokenizer().tokenize(text):
        surface = m.surface()
        if _KANA_ONLY.fullmatch(surface) is None:
            continue
        piece = KanaPiece(surface, m.begin(), m.end(), m.part_of_speech()[0], m.normalized_form())
        if runs and runs[-1][-1].end == piece.begin:
            runs[-1].append(piece)
        else:
            runs.append([piece])
    return tuple(tuple(run) for run in runs)
