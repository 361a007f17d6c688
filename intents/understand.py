"""From a raw question to an intent and its slots. Pure: no clock, no I/O.

Two independent readings meet here. The words (lemmas, with polarity and voice)
are matched against the danger rules and the lexicon; the whole sentence's meaning
is compared with labelled examples (``intents.meaning``). Danger first, and either
reading is enough to make a question an emergency: it is lowered only by explicit
words that it is over, handled, or play. The intent is then the reading best
supported by both: a marker the lexicon knows (hours, contact, the SSW) is strong
evidence; where the words only say "some need" or nothing at all, the examples'
vote decides. What neither understands is ``unknown``: the answer says so.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from enum import StrEnum

from directory.model import Directory
from intents.danger import Danger, DangerRules
from intents.grammar import GRAMMAR
from intents.kana_words import KanaWords
from intents.lexicon import Lexicon, Match, Phrase, PhraseSet, is_numeral
from intents.meaning import ExampleBank, MeaningVote
from intents.mentions import EXACT as EXACT_MENTION
from intents.mentions import Mention, MentionIndex, best_first
from intents.morphology import Role, Word, all_kana, reading_of
from intents.normalize import (
    Normalized,
    normalize_full,
    read,
    romaji_as_japanese,
    romaji_as_kana,
    without_long_o,
)

NEGATION_REACH = 4
PHONE_MIN_DIGITS = 9
SHARED_HEAD_MIN = 3
SHARED_HEAD_SCORE = 0.9
TOWN_SCORE = 0.8
# how sure the need of a question about a child naming none is (the lexicon's
# ``where_about_a_child``), and of the windows that follow up a handled case
GENERAL_CONSULTATION_WEIGHT = 0.6
FOLLOW_UP_WEIGHT = 0.8
# the share of the nearest examples' weight that makes an emergency when the asker says it
# cannot wait (the examples' own bar is meaning.EMERGENCY_SHARE)
HASTENED_SHARE = 0.5
# words between 「どういう」 and the thing it asks about (どのような仕組みの番号)
DESCRIBED_REACH = 3


class Intent(StrEnum):
    FIND_SERVICE = "find_service"
    OPENING_HOURS = "opening_hours"
    CONTACT = "contact"
    CONSULT_REQUEST = "consult_request"
    EMERGENCY = "emergency"
    HELP = "help"
    UNKNOWN = "unknown"


@dataclass(frozen=True)
class Understanding:
    intent: Intent
    question: Normalized
    needs: Mapping[str, float] = field(default_factory=dict)
    ages: tuple[tuple[int, int], ...] = ()
    stages: frozenset[str] = frozenset()
    municipality_id: str | None = None
    mentions: tuple[Mention, ...] = ()
    excluded: frozenset[str] = frozenset()
    danger: frozenset[Danger] = frozenset()
    caution: bool = False  # words of danger but no emergency: the answer names 189 and 110
    wants_address: bool = False
    phone_prefix: str | None = None
    day_offset: int | None = None
    weekday: int | None = None
    hour: int | None = None
    month_day: tuple[int, int] | None = None
    # where the first word asking for a number or an address begins (in the question's
    # squashed letters): the window named just before it is the one asked about
    contact_at: int | None = None
    # windows named in parentheses, an aside on another (「教育相談室（SSWのいる所）の番号」):
    # never the one whose number is asked when another is named
    asides: frozenset[str] = frozenset()


class Understander:
    """Holds what is built once per directory (the mention index) and reads questions."""

    def __init__(
        self,
        directory: Directory,
        lexicon: Lexicon,
        danger: DangerRules,
        examples: ExampleBank | None = None,
    ) -> None:
        self.directory = directory
        self.lexicon = lexicon
        self.danger_rules = danger
        self.examples = examples
        self.mentions = MentionIndex(directory)
        # 「がくどうに きません」: the data's nouns typed in kana, cut up by the analyzer
        phrases = list(_phrases_of(lexicon, danger))
        self.kana_words = KanaWords(
            (w for p in phrases for w in p.words),
            (p.text for p in phrases if all_kana(p.text)),
            {c for p in phrases for c in _noun_compounds(p.words)},
        )
        places = []
        for m in directory.municipalities:
            if m.national:
                continue
            for name in (m.name, *m.aliases):
                places.append((normalize_full(name).squashed, m.id))
        self.places = sorted(places, key=lambda p: -len(p[0]))
        # 「八幡町にある窓口」: a town named finds the windows whose address is in it
        self.towns = _towns(directory)
        # 「0123」 alone begins two windows' names (0123吉祥寺, 0123はらっぱ): either, so ask
        self.shared_heads = _shared_heads(directory)
        # 「0422-56-3210ってどこ？」: a number asked about finds its window
        self.by_phone: dict[str, list[str]] = {}
        for resource in directory.resources:
            for phone in resource.phones:
                digits = re.sub(r"\D", "", phone.number)
                if len(digits) >= PHONE_MIN_DIGITS:
                    self.by_phone.setdefault(digits, []).append(resource.id)

    def understand(self, text: str) -> Understanding:
        lex = self.lexicon
        question = self._read(text)
        settings = _settings_named(lex, question)
        found = lex.needs.scan(question)
        words = _without_settings(found, settings)
        settings = settings if len(words) < len(found) else []  # alone, the place is asked
        vote = self.examples.vote(text) if self.examples else None
        # the weather asked outright (「天気もつやろか？雨やったらおやつ室内で食べさせな」): the
        # examples hear neglect in its plans, so only danger words make an emergency
        off_topic = lex.off_topic.any_in(question)
        reading = self._danger(text, question, None if off_topic else vote)
        danger = reading.levels
        if reading.among_children:
            words.append(Match(lex.among_children, -1, -1))
        needs = self._needs(words)
        if reading.played and set(needs) - lex.told_in_a_story:
            # 「ドラマで虐待の場面を見て怖がる子の心のケア」: the abuse is the drama's
            needs = {tag: w for tag, w in needs.items() if tag not in lex.told_in_a_story}
        if reading.follow_up:  # 「連絡済みで今は落ち着いている」: the windows that follow it up
            followed_up = lex.followed_up
            needs[followed_up] = max(needs.get(followed_up, 0.0), FOLLOW_UP_WEIGHT)
        if reading.suicide_talked_of:  # 「『死にたい』と言われたときの相談先を配布資料に」
            talked_of = lex.suicide_talked_of
            needs[talked_of] = max(needs.get(talked_of, 0.0), FOLLOW_UP_WEIGHT)
        mentions, excluded = self._mentions(question, bool(needs))
        if reading.played:  # 「劇のせりふに『110番して！』」: the play's line, not one asked for
            by_id = self.directory.by_id
            mentions = tuple(m for m in mentions if not by_id[m.resource_id].emergency_only)
        if settings:  # 「学童の子が…」: 学童 names the asker's place, not a window asked
            places = {
                question.word_text[question.word_starts[s] : question.word_starts[e]]
                for s, e in settings
            }
            mentions = tuple(m for m in mentions if normalize_full(m.alias).squashed not in places)
        month_day = _month_day(text)
        if (
            not needs
            and not mentions
            and not danger
            and not self._asks_when(question, month_day)
            and self._asks_where_about_a_child(question)
        ):
            # "where do I go with this child?" with no named need: the seeds' answer is the
            # city's 総合相談窓口 (相談先に迷うときは子ども家庭支援センターへ)
            needs[lex.where_about_a_child] = GENERAL_CONSULTATION_WEIGHT
        stages = frozenset(lex.stages.tags(question))
        ages = tuple(
            self.directory.vocabulary.stages[s]
            for s in sorted(stages)
            if s in self.directory.vocabulary.stages
        )
        ages += tuple((int(n), int(n) + 1) for n in GRAMMAR.age.findall(question.squashed))
        asks_where = bool(mentions) and lex.where_at_end.ends(question)
        slots = dict(
            question=question,
            needs=needs,
            ages=ages,
            stages=stages,
            municipality_id=self._municipality(question),
            mentions=mentions,
            excluded=excluded,
            danger=danger,
            caution=reading.caution,
            wants_address=asks_where or _marked(lex.address, question, words),
            phone_prefix=next(iter(lex.phone_prefixes.tags(question)), None),
            day_offset=_first_int(lex.day_offsets.tags(question)),
            weekday=_first_int(lex.weekdays.tags(question)),
            hour=_first_int(lex.hours_of_day.tags(question)),
            month_day=month_day,
        )
        # 「…児童館ってある？」: windows of a kind asked for, read once for the rules and the vote
        # … a window that stands for many places (a city's 子ども食堂) names a kind, not one
        # window: only the windows that are one place keep it from asking for some
        one_place_windows = tuple(
            m for m in mentions if not self.directory.by_id[m.resource_id].many_places
        )
        asks_for_some = _asks_for_some(lex, question, needs, one_place_windows)
        intent = self._intent(
            question,
            words,
            needs,
            mentions,
            danger,
            month_day,
            asks_where,
            asks_for_some,
            off_topic,
        )
        intent = _best_supported(
            intent,
            vote,
            mentions,
            described=_describes(lex, question, mentions) or asks_for_some,
            names_ssw=_names_ssw(lex, question) and not lex.choice.any_in(question),
        )
        # only a contact question asks which window's number: no scan for the others
        contact_at = _contact_at(lex, question, words) if intent is Intent.CONTACT else None
        asides = _asides(text, mentions)
        return Understanding(intent=intent, contact_at=contact_at, asides=asides, **slots)  # type: ignore[arg-type]

    def _read(self, text: str) -> Normalized:
        return read(self.kana_words.restore(text))

    def _intent(
        self,
        question: Normalized,
        words: list[Match],
        needs: Mapping[str, float],
        mentions: tuple[Mention, ...],
        danger: frozenset[Danger],
        month_day: tuple[int, int] | None,
        asks_where: bool,
        asks_for_some: bool,
        off_topic: bool,
    ) -> Intent:
        lex = self.lexicon
        if danger:
            return Intent.EMERGENCY
        if lex.bot.any_in(question) and _asks_help_beyond_the_name(lex, question, needs):
            return Intent.HELP  # 「madoguchiの使い方。窓口検索とSSW依頼の違いは？」
        if (
            _names_ssw(lex, question)
            and not lex.choice.any_in(question)
            and not _describes(lex, question, mentions)
            and not _asks_when_word(lex, question)  # 「SSWに相談したい。相談室には何曜日に？」
            # 「今日はSSWさんがいる日ですよね？寄って相談したい」: a day and its hours asked
            and not (_asks_hours(lex, question) and self._names_a_time(question, month_day))
            and (
                # 「SSWにお電話で相談したい、番号を教えて」 asks the number to call, not the queue
                (_asks_to_consult(lex, question) and not _asks_number(lex, question, words))
                or (
                    (any(w.desire for w in question.words) or lex.wish.any_in(question))
                    and not lex.contact.any_in(question)
                    and not lex.find.any_in(question)  # 「振り返りたい。どこが窓口？」 asks where
                )
            )
        ):
            # 「SSWに来てほしい」 wishes the SSW in; 「SSWに連絡したいので番号を」 asks the number
            return Intent.CONSULT_REQUEST
        if off_topic and not _asks_hours(lex, question):
            return Intent.UNKNOWN  # 「学童の遠足、明日の天気どう？」: the weather, not the 学童
        if lex.help.any_in(question) and not needs and not mentions:
            return Intent.HELP
        if mentions and self._only_contact_word_left(question, mentions):
            return Intent.CONTACT  # 「教育支援センター 電話」
        if not needs and not mentions:
            if self._asks_when(question, month_day) and lex.find.any_in(question):
                return (
                    Intent.OPENING_HOURS
                )  # 「今から/日曜に相談できるところ」: whatever answers then
            return Intent.UNKNOWN
        if (
            _asks_hours(lex, question)
            and not asks_for_some
            and (
                mentions
                or not needs
                or (self._names_a_time(question, month_day) and not _asks_for_a_kind(lex, question))
            )
        ):
            # 「家事を全部やっている」 is doing, not open: hours are asked of a window, a day or a
            # time — but 「日曜も開いてる居場所ある？」 asks for places of a kind (find), which
            # the answer lists with today's hours
            return Intent.OPENING_HOURS
        # 「…の場所はどこにある？」 naming no window asks where such places are (find);
        # a phone wanted for a need (「ひとり親の相談はどこに電話すれば」) is contact, and
        # so is "what is the phone number of …" (a number asked is never a description)
        # … but where a window that stands for many places is (a city's 子ども食堂) asks for
        # them: a find question, answered with the list
        placed = self._has_a_place(mentions)
        if asks_where and not needs and placed:
            return Intent.CONTACT  # 「はらっぱはどこ？」: where the named window is (not a need)
        if (
            _contact_asked(lex, question, words)
            and not _contact_described(lex, question)
            # 「妊婦さんが気軽に電話できるとこってある？」: whether there is a line of a kind
            and not asks_for_some
        ):
            if not _only_address_asked(lex, question, words):
                return Intent.CONTACT
            if mentions and not _describes(lex, question, mentions) and placed:
                return Intent.CONTACT
        if (
            self._local_windows(mentions)
            and self._names_a_time(question, month_day)
            and not asks_for_some  # 「夜もいられる子ども食堂、あるなら教えて」: places of a kind
        ):
            return (
                Intent.OPENING_HOURS
            )  # 「はらっぱって土曜は？」: a window and a day ask its hours
        return Intent.FIND_SERVICE

    def _only_contact_word_left(self, question: Normalized, mentions: tuple[Mention, ...]) -> bool:
        """Whether the question is a window's name (and its city) with one contact word, as
        staff type it on a phone: 「子家セン でんわ」, 「国立の子家セン 直通」."""
        left = question.squashed
        names = [normalize_full(m.alias).squashed for m in mentions]
        names += [place for place, _ in self.places if place]
        for name in sorted(names, key=len, reverse=True):
            left = left.replace(name, "")
        left = GRAMMAR.particles_at_edges.sub("", left)
        return left in self.lexicon.contact_alone

    def _has_a_place(self, mentions: tuple[Mention, ...]) -> bool:
        """Whether a window named is one place: 「子ども食堂ってどこにある？」 names many places
        (``many_places`` in the directory) and asks where they are."""
        return any(not self.directory.by_id[m.resource_id].many_places for m in mentions)

    def _local_windows(self, mentions: tuple[Mention, ...]) -> tuple[Mention, ...]:
        """The windows named that have opening hours to ask about: a national line (119,
        named as 救急車 in 「救急車で運ばれた」) answers day and night."""
        national = self.directory.national_ids
        return tuple(
            m
            for m in mentions
            if self.directory.by_id[m.resource_id].municipality_id not in national
        )

    def _asks_when(self, question: Normalized, month_day: tuple[int, int] | None) -> bool:
        return self._names_a_time(question, month_day) or _asks_hours(self.lexicon, question)

    def _names_a_time(self, question: Normalized, month_day: tuple[int, int] | None) -> bool:
        lex = self.lexicon
        if month_day is not None:
            return True
        times = [
            marker
            for markers in (lex.weekdays, lex.day_offsets, lex.hours_of_day)
            for marker in markers.scan(question)
        ]
        if not times:
            return False
        people_end = _people_end(lex, question)
        return any(
            not _said_of_a_person(question, marker, people_end) and not _day_told(question, marker)
            for marker in times
        )

    def _asks_where_about_a_child(self, question: Normalized) -> bool:
        lex = self.lexicon
        return lex.find.any_in(question) and (
            lex.about_children.any_in(question) or lex.stages.any_in(question)
        )

    def _needs(self, words: list[Match]) -> dict[str, float]:
        needs: dict[str, float] = {}
        for match in words:
            phrase = match.phrase
            if phrase.weight == 0:
                continue  # a mask: 家庭科 is found so that 家庭 inside it is not
            for tag, weight in (
                (phrase.tag, phrase.weight),
                *((t, phrase.weight * 0.7) for t in phrase.also),
            ):
                needs[tag] = max(needs.get(tag, 0.0), weight)
        return needs

    def _danger(self, text: str, question: Normalized, vote: MeaningVote | None) -> _DangerFound:
        """The danger levels from the rules and from the examples (either is enough),
        unless words say it is over, handled or play."""
        rules = self.danger_rules
        reading = rules.read(question)
        levels = set(reading.levels)
        in_romaji = romaji_as_japanese(question)
        if in_romaji is not None and not rules.says_over(reading):
            # Japanese typed in romaji by staff without a Japanese keyboard
            levels |= rules.read(self._read(in_romaji)).levels
        # 「URGENT … something like a 包丁」: said in haste, fewer neighbours need agree
        if vote is not None:
            voted = vote.level_from(HASTENED_SHARE) if rules.hastened(reading) else vote.danger
            if voted is not None and rules.vote_stands(reading, voted, vote.emergency_share):
                levels.add(voted)
        if not levels and self.examples is not None and vote is not None:
            # when neither reads danger in the whole, the examples read each sentence and
            # quote: a long report's one telling sentence is drowned in the rest. The words
            # of that part (not a 繰り返す elsewhere) say whether its vote stands.
            for part, said in self.examples.part_votes(text, vote):
                if said.danger is not None and rules.part_vote_stands(
                    reading, rules.read(self._read(part)), said.danger, said.emergency_share
                ):
                    levels.add(said.danger)
                    break
        return _DangerFound(
            levels=frozenset(levels),
            caution=not levels and (reading.risky or bool(reading.lowered)),
            among_children=rules.among_children(reading) and not levels,
            follow_up=rules.needs_follow_up(reading),
            suicide_talked_of=not levels and Danger.SUICIDE in reading.lowered,
            played=not levels and rules.played(reading),
        )

    def _mentions(
        self, question: Normalized, has_needs: bool = False
    ) -> tuple[tuple[Mention, ...], frozenset[str]]:
        found_negations = self.lexicon.negation.scan(question)
        negations = [m.phrase.text for m in found_negations if not m.phrase.latin]
        # English says it before the window (besides 189, other than the 189 line)
        negations_before = [
            m.phrase.text.replace(" ", "") for m in found_negations if m.phrase.latin
        ]
        kept, excluded = [], set()
        found = self.mentions.find(question) + self._phone_mentions(question)
        in_kana = romaji_as_kana(question)
        if in_kana is not None:
            # only windows the letters did not name: a mention's place is in its own text
            named = {m.resource_id for m in found}
            found += [m for m in self.mentions.find(in_kana) if m.resource_id not in named]
        found += self._shared_head_mentions(question, found)
        if not has_needs:  # 「緑町の子育てひろば」 asks for a need; the town does not name one
            found += self._town_mentions(question, found)
        found = _without_owners(
            question,
            _without_contained(
                best_first(
                    {m.resource_id: m for m in sorted(found, key=lambda m: m.score)}.values()
                )
            ),
        )
        for mention in found:
            after = question.squashed[mention.end : mention.end + NEGATION_REACH + 2]
            if any(after.find(n) != -1 and after.find(n) <= NEGATION_REACH for n in negations) or (
                negations_before and _set_aside_before(question, mention, negations_before)
            ):
                excluded.add(mention.resource_id)
            else:
                kept.append(mention)
        return tuple(kept), frozenset(excluded)

    def _shared_head_mentions(self, question: Normalized, found: list[Mention]) -> list[Mention]:
        """Both windows whose names begin with what the question names, when it names no
        more of either (「0123は今日あいてる？」), at one score, so the answer asks which."""
        named = {m.resource_id for m in found}  # 「吉祥寺の0123」 names which one
        extra = []
        for head, resource_ids in self.shared_heads.items():
            at = question.word_text.find(head)
            if at < 0 or at + len(head) not in question.word_starts or named & set(resource_ids):
                continue
            # the rest of one name or its town, said apart (「0123 in Kichijoji」, 「八幡町の0123」)
            apart = [r for r in resource_ids if self._told_apart(question, r, head)]
            chosen = apart if len(apart) == 1 else resource_ids
            extra += [Mention(r, SHARED_HEAD_SCORE, head, at + len(head)) for r in chosen]
        return extra

    def _told_apart(self, question: Normalized, resource_id: str, head: str) -> bool:
        """Whether the question names what only this window of a shared head has: the
        rest of its name (in writing, kana or romaji) or the town of its address."""
        resource = self.directory.by_id[resource_id]
        rest = normalize_full(resource.name).squashed.removeprefix(head)
        spellings = {rest, reading_of(rest), without_long_o(reading_of(rest))}
        spellings |= {t for t, ids in self.towns if resource_id in ids}
        in_kana = romaji_as_kana(question)
        texts = [question.squashed, *([in_kana.squashed] if in_kana else [])]
        return any(s and len(s) >= 2 and s in text for s in spellings for text in texts)

    def _town_mentions(self, question: Normalized, found: list[Mention]) -> list[Mention]:
        """Windows in the town the question names, when it names no window itself."""
        if found:
            return []
        extra = []
        for town, resource_ids in self.towns:
            at = question.squashed.find(town)
            if at >= 0:
                extra += [Mention(r, TOWN_SCORE, town, at + len(town)) for r in resource_ids]
                break
        return extra

    def _phone_mentions(self, question: Normalized) -> list[Mention]:
        found = []
        for written in GRAMMAR.phone_number.finditer(question.spaced):
            digits = re.sub(r"\D", "", written.group())
            for resource_id in self.by_phone.get(digits, ()):
                end = question.squashed.find(digits[-4:]) + 4
                found.append(Mention(resource_id, EXACT_MENTION, written.group(), end))
        return found

    def _municipality(self, question: Normalized) -> str | None:
        for place, municipality_id in self.places:
            if place and place in question.squashed:
                return municipality_id
        return None


def _phrases_of(lexicon: Lexicon, danger: DangerRules) -> Iterator[Phrase]:
    """Every phrase of the lexicon and the danger concepts."""
    sets = [v for v in vars(lexicon).values() if isinstance(v, PhraseSet)]
    sets += danger.concepts.values()
    for phrases in sets:
        yield from phrases.phrases


def _set_aside_before(question: Normalized, mention: Mention, negations: list[str]) -> bool:
    """Whether an English word setting a window aside comes right before it (besides 189)."""
    before = question.squashed[: max(0, mention.end - len(normalize_full(mention.alias).squashed))]
    return any(
        before.rfind(n) != -1 and len(before) - before.rfind(n) - len(n) <= NEGATION_REACH
        for n in negations
    )


def _noun_compounds(words: tuple[Word, ...]) -> Iterator[str]:
    """The nouns of a phrase that the analyzer cut into a noun and its suffixes (熱中 | 症,
    保健 | 室), joined again."""
    pos = GRAMMAR.pos
    at = 0
    while at < len(words):
        end = at + 1
        if words[at].pos == pos.noun:
            while end < len(words) and words[end].pos == pos.suffix:
                end += 1
        if end - at > 1:
            yield "".join(w.key for w in words[at:end])
        at = end


def _without_contained(mentions: list[Mention]) -> list[Mention]:
    """A name inside another name found is that other window (警察 in 小金井警察署, however
    it is typed), not a second one."""
    names = {m.resource_id: normalize_full(m.alias).squashed for m in mentions}
    return [
        m
        for m in mentions
        if not any(
            other.resource_id != m.resource_id
            and len(names[other.resource_id]) > len(names[m.resource_id])
            and names[m.resource_id] in names[other.resource_id]
            for other in mentions
        )
    ]


def _without_owners(question: Normalized, mentions: list[Mention]) -> list[Mention]:
    """A window named, then の, then another (「児童相談所の虐待対応ダイヤル189」) says whose the
    other is: the other is asked. Both named in full; a town before の (吉祥寺の0123) is no
    window."""
    exact = [m for m in mentions if m.score >= EXACT_MENTION]
    starts = {m.end - len(normalize_full(m.alias).squashed) for m in exact}
    of = GRAMMAR.of_particle
    owners = {
        id(m)
        for m in exact
        if question.squashed.startswith(of, m.end) and m.end + len(of) in starts
    }
    return [m for m in mentions if id(m) not in owners]


def _towns(directory: Directory) -> list[tuple[str, tuple[str, ...]]]:
    """Each town that windows' addresses are in, with those windows; longest first."""
    towns: dict[str, list[str]] = {}
    for resource in directory.resources:
        for town in GRAMMAR.town.findall(resource.address or ""):
            towns.setdefault(normalize_full(town).squashed, []).append(resource.id)
    return sorted(((t, tuple(ids)) for t, ids in towns.items()), key=lambda t: -len(t[0]))


def _shared_heads(directory: Directory) -> dict[str, tuple[str, ...]]:
    """Number or Latin name beginnings that two or more windows of one city share up to a
    change of script (0123|吉祥寺, 0123|はらっぱ); Japanese words shared by names
    (こども, くにたち) are words, not a name half said."""
    heads: dict[str, set[str]] = {}
    for municipality in directory.municipalities:
        names = [
            (normalize_full(r.name).squashed, r.id)
            for r in directory.resources_of.get(municipality.id, ())
        ]
        for i, (one, one_id) in enumerate(names):
            for other, other_id in names[i + 1 :]:
                size = next(
                    (i for i, (a, b) in enumerate(zip(one, other, strict=False)) if a != b),
                    min(len(one), len(other)),
                )
                head = one[:size]
                if size < SHARED_HEAD_MIN or size >= min(len(one), len(other)):
                    continue
                if head.isascii() and all(
                    _script(n[size]) != _script(n[size - 1]) for n in (one, other)
                ):
                    heads.setdefault(head, set()).update((one_id, other_id))
    return {head: tuple(sorted(ids)) for head, ids in heads.items()}


def _script(char: str) -> str:
    if char.isdigit():
        return "digit"
    if char.isascii():
        return "latin"
    return unicodedata.name(char, "").split()[0]


@dataclass(frozen=True)
class _DangerFound:
    levels: frozenset[Danger]
    caution: bool
    among_children: bool
    follow_up: bool
    suicide_talked_of: bool
    played: bool  # fiction or play: the emergency lines named are the play's lines


# How much the examples must agree to overrule the words (measured on the dev sets and
# the fresh batches: README). A marker of the lexicon (hours, contact, the SSW, help) is
# never overruled (the vote, confidently wrong on short questions, gained nothing there);
# a need alone is weak evidence, no word at all is none.
OVERRULE_NEED = 0.7
OVERRULE_NOTHING = 0.7
OFF_TOPIC = 0.85
_MARKED = frozenset({Intent.OPENING_HOURS, Intent.CONTACT, Intent.CONSULT_REQUEST, Intent.HELP})


def _best_supported(
    rules: Intent,
    vote: MeaningVote | None,
    mentions: tuple[Mention, ...],
    described: bool,
    names_ssw: bool,
) -> Intent:
    """The reading best supported by both signals (danger is decided before this).
    ``described``: the words ask what a window does (「何をしてくれる」) or whether there
    are windows of a kind (「…児童館ってありますか？」), which is as strong as a marker. A
    consult request is to the SSW: without the SSW named, the examples' vote for one is a
    question about some other window."""
    if rules is Intent.EMERGENCY or vote is None:
        return rules
    voted = Intent(vote.intent)
    if voted is Intent.EMERGENCY or voted is rules:
        return rules
    if voted is Intent.CONSULT_REQUEST and not names_ssw:
        return rules
    if rules in _MARKED or (rules is Intent.FIND_SERVICE and described):
        return rules
    if rules is Intent.UNKNOWN:
        overrule = vote.confidence >= OVERRULE_NOTHING
    elif voted is Intent.UNKNOWN:  # words of a need, but the sentence is off-topic
        overrule = vote.confidence >= OFF_TOPIC and not mentions
    else:
        overrule = voted in _MARKED and vote.confidence >= OVERRULE_NEED
    return voted if overrule else rules


def _asides(text: str, mentions: tuple[Mention, ...]) -> frozenset[str]:
    """The windows named inside parentheses: where each parenthesis falls in the squashed
    letters the mentions are found in, by squashing the text before it."""
    if len(mentions) < 2:
        return frozenset()
    plain = unicodedata.normalize("NFKC", text)
    spans = [
        (
            len(normalize_full(plain[: m.start()]).squashed),
            len(normalize_full(plain[: m.end()]).squashed),
        )
        for m in _PARENTHESES.finditer(plain)
    ]
    return frozenset(m.resource_id for m in mentions if any(s < m.end <= e for s, e in spans))


_PARENTHESES = re.compile(r"\([^()]*\)")


def _month_day(text: str) -> tuple[int, int] | None:
    """A date written out (12月30日, 1/4); the year is the answer's to choose (it knows now)."""
    found = GRAMMAR.month_day.search(unicodedata.normalize("NFKC", text))
    return (int(found.group(1)), int(found.group(2))) if found else None


def _first_int(tags: set[str]) -> int | None:
    return min((int(t) for t in tags), default=None)


def _only_address_asked(lex: Lexicon, question: Normalized, words: list[Match]) -> bool:
    addresses = {p.text for p in lex.address.phrases}
    return all(
        m.phrase.text in addresses
        for m in lex.contact.scan(question)
        if _outside_need_words(m, words)
    )


def _asks_hours(lex: Lexicon, question: Normalized) -> bool:
    """Whether an hours marker is there that is not part of a longer find marker
    (「子ども食堂やってるところ」 asks for places that run one, not whether they are open),
    whose subject is not a person (「家事はその子がやってる」 is what the child does) and
    which is not in the past."""
    markers = lex.hours.scan(question)
    if not markers:
        return False
    finds = lex.find.scan(question)
    people_end = _people_end(lex, question)
    return any(
        not _said_of_a_person(question, m, people_end)
        and not _stated(question, m)
        and not _modifies_a_noun(question, m)
        and not _asks_who_does_it(question, m, finds)
        and not _takes_an_object(question, m)
        # 「市が研修をやってた」 tells what was run, not whether a window is open
        and not (m.start >= 0 and any(w.past for w in question.words[m.start : m.end]))
        and not any(
            f.start <= m.start and m.end <= f.end and f.end - f.start > m.end - m.start
            for f in finds
        )
        for m in markers
    )


def _asks_for_a_kind(lex: Lexicon, question: Normalized) -> bool:
    """Whether a find marker asks for windows of a kind (「日曜も開いてる居場所ある？」), not
    names the one whose hours are asked: 「今日窓口あいてる？」 asks whether the window (the
    subject of the hours marker, right before it or before its particle) is open."""
    hours_at = {m.start for m in lex.hours.scan(question) if m.start >= 0}
    words = question.words

    def subject_of_hours(find: Match) -> bool:
        after = find.end
        if after < len(words) and words[after].key in GRAMMAR.subject_particles:
            after += 1
        return after in hours_at and not words[find.end - 1].ends

    return any(not subject_of_hours(f) for f in lex.find.scan(question))


def _settings_named(lex: Lexicon, question: Normalized) -> list[tuple[int, int]]:
    """Where the asker's own place is named: a setting word then の and its people or
    doings (「児童館の職員研修」「学童の子」「学童の3年生」), or the child's, gone to
    (「放デイに通ってる子」, the going a span of its own), as word spans."""
    words = question.words
    people_at = {m.start for m in (*lex.at_a_setting.scan(question), *lex.stages.scan(question))}
    ours_end = {m.end for m in lex.ours.scan(question) if m.start >= 0}
    attended = {
        m.start
        for m in lex.attending.scan(question)
        if m.start >= 0 and (words[m.start].progressive or words[m.start].past)
    }
    spans = []
    for m in lex.settings.scan(question):
        if m.start < 0:
            continue
        going = _next_content(words, m.end)
        if going in attended:  # 放デイに通ってる子: the place, and the going there (no need)
            spans += [(m.start, m.end), (going, going + 1)]
        elif (
            m.end + 1 < len(words)
            and words[m.end].key == GRAMMAR.of_particle
            and (m.end + 1 in people_at or is_numeral(words[m.end + 1]))  # 学童の3年生
        ) or _after_ours(words, m.start, ours_end):  # うちの学童
            spans.append((m.start, m.end))
    return spans


def _next_content(words: tuple[Word, ...], at: int) -> int:
    """Where the first word after ``at`` that is not a particle is (len(words) if none)."""
    while at < len(words) and words[at].role is Role.PARTICLE:
        at += 1
    return at


def _after_ours(words: tuple[Word, ...], start: int, ours_end: set[int]) -> bool:
    """Whether the word at ``start`` follows the asker's own 「うち」 or 「当」, with only
    particles or light words between (うちの学童, うちみたいな放デイ, 当園)."""
    at = start
    while (
        at > 0
        and at not in ours_end
        and (words[at - 1].role is Role.PARTICLE or words[at - 1].light)
    ):
        at -= 1
    return at in ours_end


def _without_settings(words: list[Match], settings: list[tuple[int, int]]) -> list[Match]:
    """The need words, less those of the asker's own place (「児童館の職員研修で虐待の気づき
    方を」) when the question names another need; alone (「児童館の場所」) it is the need."""
    kept = [m for m in words if not any(m.start <= s and e <= m.end for s, e in settings)]
    return kept if any(m.phrase.weight > 0 for m in kept) else words


def _asks_for_some(
    lex: Lexicon, question: Normalized, needs: Mapping[str, float], mentions: tuple[Mention, ...]
) -> bool:
    """「夜も遊べて日曜もやってる児童館ってありますか？」: whether there are windows of a kind
    (described by their hours, perhaps) asks for them — a find question as strong as a
    description, when no window is named."""
    return bool(needs) and not mentions and _asks_whether_there_is(lex, question)


def _asks_whether_there_is(lex: Lexicon, question: Normalized) -> bool:
    """Whether the question asks if something exists: "is there …" in English, or a
    sentence whose last content word is ある (ある？, ありますか。, ありませんか) with a
    question mark, a question particle or the end of the message after it (「…児童館あり
    ますか。日曜も開いてると助かる」 asks it in its first sentence)."""
    if lex.existence.any_in(question):
        return True
    sentence: list[Word] = []
    for word in question.words:
        sentence.append(word)
        if word.ends or word is question.words[-1]:
            if _asks_it_exists(sentence):
                return True
            sentence = []
    return False


def _asks_it_exists(sentence: list[Word]) -> bool:
    last = max((i for i, w in enumerate(sentence) if w.role is Role.CONTENT), default=None)
    if last is None or sentence[last].key != GRAMMAR.exist_verb:
        return False
    after = sentence[last:]
    return (
        any(w.key in GRAMMAR.question_particles for w in after[1:])
        or after[-1].ends not in GRAMMAR.declarative_marks
    )


def _people_end(lex: Lexicon, question: Normalized) -> frozenset[int]:
    """Where the words naming a child end: by a word (その子) or by a school year (小3)."""
    people = (*lex.about_children.scan(question), *lex.stages.scan(question))
    return frozenset(p.end for p in people if p.start >= 0)


def _said_of_a_person(question: Normalized, marker: Match, people_end: frozenset[int]) -> bool:
    """Whether a person is the subject right before the marker: 「家事はその子がやってる」
    is what the child does, 「小3が夕方ひとりで」 when the child is alone — no window's hours."""
    before = marker.start - 1
    return (
        before >= 1
        and question.words[before].key in GRAMMAR.subject_particles
        and before in people_end
    )


def _day_told(question: Normalized, marker: Match) -> bool:
    """Whether the time named is told, not asked about: its clause ends in the past
    (「今日みんな笑ってて平和でした。ところで…」) unless the past is asked (「今日ってSSWさん
    いる日でしたっけ？」), or its sentence states what happens with a verb (「今日は元気に来て
    ます！」) — a note with no verb (「本日金曜。開所確認。」) still asks about the day."""
    words = question.words
    verbs = (GRAMMAR.pos.verb, GRAMMAR.pos.adjective)
    has_verb = False
    for at in range(max(marker.end, 0), len(words)):
        if words[at].past:
            return not any(
                word.key in GRAMMAR.question_particles
                or (word.ends and word.ends not in GRAMMAR.declarative_marks)
                for word in words[at : at + 2]
            )
        has_verb = has_verb or words[at].pos in verbs
        if words[at].ends:
            break
    return has_verb and _stated(question, marker)


def _asks_who_does_it(question: Normalized, marker: Match, finds: list[Match]) -> bool:
    """Whether a question word of place and its particle come right before the marker
    (「どこがやってる？」「どこでやっている？」 ask which window runs it or where it is held,
    not whether one is open)."""
    before = marker.start - 1
    return (
        before >= 1
        and question.words[before].role is Role.PARTICLE
        and any(f.start < before <= f.end for f in finds)
    )


def _takes_an_object(question: Normalized, marker: Match) -> bool:
    """Whether the marker's verb has an object right before it: 「会議を開いていただきたい」
    holds a meeting; a window open now is said without one (はらっぱ開いてる？)."""
    before = marker.start - 1
    return before >= 1 and question.words[before].key == GRAMMAR.object_particle


def _modifies_a_noun(question: Normalized, marker: Match) -> bool:
    """Whether the marker's verb describes the noun right after it (「センターがやってる研修」
    is a course the centre runs; 「遅くまで開いてる児童館」 a kind of place), unless that noun
    is a time or a place (「やってる時間」「今開いてる窓口」 ask the hours)."""
    if marker.start < 0 or marker.end >= len(question.words):
        return False
    following, verb = question.words[marker.end], question.words[marker.end - 1]
    return (
        verb.pos == GRAMMAR.pos.verb
        and not verb.ends  # 「やってる？」 ends its sentence
        and following.role is Role.CONTENT
        and following.pos not in (GRAMMAR.pos.verb, GRAMMAR.pos.adjective)
        # the child is a noun like any other here (家事をやってる子, 開いてる児童館: 児童 + 館)
        and not (following.skippable and following.key not in GRAMMAR.child_words)
        and following.key not in GRAMMAR.hours_nouns
    )


def _stated(question: Normalized, marker: Match) -> bool:
    """Whether the marker's sentence ends in 。 or ！ with no question particle: 「西区で子ども
    食堂やってます。」 says what the asker does; 「はらっぱ今日やってますか」 asks."""
    for word in question.words[max(marker.end - 1, 0) :]:
        if word.role is Role.PARTICLE and word.key in GRAMMAR.question_particles:
            return False
        if word.ends:
            return word.ends in GRAMMAR.declarative_marks
    return False


def _describes(lex: Lexicon, question: Normalized, mentions: tuple[Mention, ...]) -> bool:
    """Whether the question asks what a window is; a marker made of a name's last letters
    and the particle after it (はびっと + は reads とは) does not count."""
    markers = lex.describe.scan(question)
    return any(
        not any(m.start < n.end < m.end for n in mentions) and _asks_what(question, m, markers)
        for m in markers
    )


def _asks_what(question: Normalized, marker: Match, markers: list[Match]) -> bool:
    """Whether a describe marker asks: one made only of particles (とは) asks what a thing
    is at its sentence's end or before 何 or another describe marker (「SSWとは？」,
    「要対協とはどんな会議」); 「担任の先生とは一度話した」 is with the teacher."""
    words = question.words
    if marker.start < 0 or any(w.role is Role.CONTENT for w in words[marker.start : marker.end]):
        return True
    if words[marker.end - 1].ends:
        return True
    following = next(
        (i for i in range(marker.end, len(words)) if words[i].role is Role.CONTENT), None
    )
    return (
        following is None
        or words[following].key == GRAMMAR.what_word
        or any(m.start == following for m in markers)
    )


def _asks_help_beyond_the_name(
    lex: Lexicon, question: Normalized, needs: Mapping[str, float]
) -> bool:
    """A help word other than the bot's name (「このボットからSSWに送れる？」 names the bot
    but asks to file a consult; 「このボットの使い方」 asks for help). A greeting before a
    need asked is a courtesy, not a help word (「Hello, … soudan madoguchi wa doko?」)."""
    names = {m.phrase.text for m in lex.bot.scan(question)}
    if needs:
        names |= {m.phrase.text for m in lex.greetings.scan(question)}
    return any(m.phrase.text not in names for m in lex.help.scan(question))


def _contact_described(lex: Lexicon, question: Normalized) -> bool:
    """Whether every contact word is what a description asks about: 「189ってどういう番号？」
    asks what the line is, not its number."""
    described = [(m.start, m.end) for m in lex.describe.scan(question) if m.start >= 0]
    contacts = [m for m in lex.contact.scan(question) if m.start >= 0]
    # the contact word is the description's own (「なんの電話ですか」) or just after it
    return bool(contacts) and all(
        _within(m, described) or any(0 <= m.start - end <= DESCRIBED_REACH for _, end in described)
        for m in contacts
    )


def _contact_at(lex: Lexicon, question: Normalized, words: list[Match]) -> int | None:
    """Where the first contact word outside a need word begins, in the squashed letters
    the mentions are found in (the words' own letters may differ: して is read as て)."""
    found = []
    for marker in lex.contact.scan(question):
        if marker.phrase.latin:  # an English word has no analyzed words: its own letters
            letters = marker.phrase.text.replace(" ", "")
        elif marker.start < 0 or not _outside_need_words(marker, words):
            continue
        else:
            letters = question.word_text[
                question.word_starts[marker.start] : question.word_starts[marker.end]
            ]
        at = question.squashed.find(letters) if letters else -1
        if at >= 0:
            found.append(at)
    return min(found, default=None)


def _asks_to_consult(lex: Lexicon, question: Normalized) -> bool:
    """Whether a consult request's word is there, not as the words of a place looked for:
    「相談できたり居場所になるところってある？」 describes places; a wish is always a request
    (「SSWさんにつないでほしい」, though つなぐ also asks where)."""
    words = question.words
    finds = [(m.start, m.end) for m in lex.find.scan(question) if m.start >= 0]
    return any(
        not _within(m, finds) or any(w.desire for w in words[m.start : m.end])
        for m in lex.consult_request.scan(question)
    )


def _contact_asked(lex: Lexicon, question: Normalized, words: list[Match]) -> bool:
    """Whether a contact word asks for a way to reach a window: one right after a person
    and から tells of a call received (「近所の方からの電話の件です」), not a number wanted;
    after a verb, から is "because" (「報告入れたいから番号教えて」)."""
    return any(
        _outside_need_words(m, words) and not _received_from(question.words, m.start)
        for m in lex.contact.scan(question)
    )


def _within(match: Match, spans: list[tuple[int, int]]) -> bool:
    """Whether the words ``match`` found lie inside one of ``spans`` (word indices)."""
    return any(start <= match.start and match.end <= end for start, end in spans)


def _received_from(words: tuple[Word, ...], at: int) -> bool:
    """Whether the word at ``at`` follows a person (a noun) and から: 「方からの電話」."""
    return (
        at >= 2
        and words[at - 1].key == GRAMMAR.sender_particle
        and words[at - 2].pos in (GRAMMAR.pos.noun, GRAMMAR.pos.suffix)
    )


def _asks_number(lex: Lexicon, question: Normalized, words: list[Match]) -> bool:
    """Whether the question asks for a number or an address to reach someone itself."""
    return _marked(lex.number_asked, question, words) and not _contact_described(lex, question)


def _asks_when_word(lex: Lexicon, question: Normalized) -> bool:
    """Whether a word asking when is there: not いつ in いつも (always), which the analyzer
    reads as いつ and も."""
    words = question.words
    return any(
        not (
            0 <= m.end < len(words)
            and words[m.end].role is Role.PARTICLE
            and words[m.end].key in GRAMMAR.not_when_after
        )
        for m in lex.when.scan(question)
    )


def _names_ssw(lex: Lexicon, question: Normalized) -> bool:
    """Whether the SSW is named as the one wanted: 「SSW以外で」「SSWじゃなくて」 name the SSW
    to set them aside (another window is asked for), 「SSWです」 the asker."""
    negations = [p.text for p in (*lex.negation.phrases, *lex.self_named.phrases) if not p.latin]
    for marker in lex.ssw.scan(question):
        if 0 <= marker.end < len(question.word_starts):
            after = question.word_text[question.word_starts[marker.end] :][:8]
        else:  # written in Latin letters (SSW): what follows it in the text
            at = question.squashed.find(marker.phrase.text)
            after = question.squashed[at + len(marker.phrase.text) :][:8] if at >= 0 else ""
        for honorific in GRAMMAR.honorific_words:  # 「SSWさん以外」
            after = after.removeprefix(honorific)
        if not any(after.startswith(n) for n in negations) and not _already_told(question, marker):
            return True
    return False


def _already_told(question: Normalized, marker: Match) -> bool:
    """Whether what follows the SSW says they were consulted already (「SSWとも相談済み」,
    「SSWに共有済」): another window is asked for."""
    words = question.words
    at = marker.end
    if at < 0:  # written in Latin letters (SSW): the word that is it
        at = next((i + 1 for i, w in enumerate(words) if w.key == marker.phrase.text), len(words))
    at = _next_content(words, at)
    return at + 1 < len(words) and words[at + 1].key in GRAMMAR.done_words


def _marked(markers: PhraseSet, question: Normalized, words: list[Match]) -> bool:
    """Whether a marker occurs outside the need words (「居場所は」 holds no 「場所は」)."""
    return any(_outside_need_words(m, words) for m in markers.scan(question))


def _outside_need_words(marker: Match, words: list[Match]) -> bool:
    """Whether a marker is not the tail of a need word begun before it (居場所 + は holds no
    場所は)."""
    return not any(w.start < marker.start < w.end for w in words)
