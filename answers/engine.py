"""The answer engine: a question, a moment and a city in; ranked windows out.

Pure like ``directory`` and ``intents`` (the clock is an argument), so the CLI,
the console and Slack all get the same answer for the same question. Ranking
is explainable on purpose: every point a window gets comes from a need it lists
in the directory, and the reasons are shown to the asker.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, replace
from datetime import date, datetime, time, timedelta

from rapidfuzz import fuzz

from answers import reasons
from answers.messages import unknown_danger_level
from answers.reasons import Reason, Why
from directory.calendar import HolidayCalendar, JapaneseHolidays
from directory.hours import UNKNOWN_STATUS, Status, TimeRange, status_at
from directory.model import Directory, EmergencyLine, Municipality, Phone, Resource
from directory.problems import DataFileInvalid, Problem
from intents.danger import Danger, DangerRules
from intents.lexicon import Lexicon
from intents.meaning import ExampleBank
from intents.mentions import EXACT as EXACT_MENTION
from intents.morphology import reading_of
from intents.normalize import normalize, normalize_full
from intents.understand import Intent, Understander, Understanding

MAX_RESOURCES = 5
TOPIC_WEIGHTS = (1.0, 0.9, 0.8)
LATER_TOPIC_WEIGHT = 0.7
CATEGORY_WEIGHT = 0.6
GENERAL_WINDOW_BONUS = 0.1
NATIONAL_PENALTY = 0.05
STAGE_MISMATCH_FACTOR = 0.3
STAGE_FIT_FACTOR = 1.2
AMBIGUOUS_MARGIN = 0.03
PHONE_LABEL_MIN = 70
NEED_IN_LABEL = 100.0  # a line whose label names the need asked, at the need's weight
PHONE_LABEL_MARGIN = 8


class UnknownMunicipality(ValueError):
    def __init__(self, name: str, known: Sequence[str]) -> None:
        super().__init__(name)
        self.name = name
        self.known = tuple(known)


@dataclass(frozen=True)
class PhoneStatus:
    phone: Phone
    status: Status


@dataclass(frozen=True)
class Card:
    """One window in an answer, with everything the asker needs to act."""

    resource: Resource
    municipality: Municipality
    status: Status
    status_phone: str | None
    phones: tuple[PhoneStatus, ...]
    reasons: tuple[Reason, ...] = ()
    asked_day: tuple[date, tuple[TimeRange, ...]] | None = None
    # lines the question fits equally well (子育て…電話 and 子育て相談（電話…）): each its own hours
    tied_lines: tuple[PhoneStatus, ...] = ()


@dataclass(frozen=True)
class Answer:
    intent: Intent
    cards: tuple[Card, ...]
    municipality: Municipality
    now: datetime
    understanding: Understanding
    clarify: tuple[str, ...] = ()
    fallback: Card | None = None
    danger: frozenset[Danger] = field(default_factory=frozenset)
    # a kind of window named generically (児相) that the asker's city has no record of
    unregistered_kind: str | None = None
    # every emergency line the asker's city is given, in the data's order (national.yaml)
    emergency_lines: tuple[EmergencyLine, ...] = ()
    # the ids of the windows named in ``clarify``, in its order (what a choice button carries)
    clarify_ids: tuple[str, ...] = ()

    def emergency_number(self, level: Danger) -> str | None:
        """The number of the first line that is for this danger level (110 for immediate)."""
        return next((x.number for x in self.emergency_lines if level in x.for_danger), None)

    @property
    def only_general_window(self) -> bool:
        """Nothing in the directory fit; the one card is the city's 総合相談窓口."""
        return len(self.cards) == 1 and reasons.GENERAL_WINDOW in self.cards[0].reasons

    @property
    def asks_what_is_open(self) -> bool:
        """「今から相談できるところ」: an hours question naming no window and no need."""
        return (
            self.intent is Intent.OPENING_HOURS
            and not self.understanding.needs
            and not self.understanding.mentions
            and all(reasons.OPEN_THEN & {r.why for r in c.reasons} for c in self.cards)
        )

    @property
    def other_day_asked(self) -> date | None:
        return _other_day_asked(self.understanding, self.now)

    @property
    def later_time_asked(self) -> datetime | None:
        return _later_time_asked(self.understanding, self.now)


class AnswerEngine:
    """Built once per directory; ``answer`` is cheap and thread-safe (no shared mutation)."""

    def __init__(
        self,
        directory: Directory,
        lexicon: Lexicon,
        default_municipality: str,
        danger: DangerRules,
        examples: ExampleBank | None = None,
        calendar: HolidayCalendar | None = None,
    ) -> None:
        problems = emergency_problems(directory)
        if problems:
            raise DataFileInvalid(problems)
        self.directory = directory
        self.calendar = calendar or JapaneseHolidays()
        self.understander = Understander(directory, lexicon, danger, examples)
        self.default_municipality = self.municipality(default_municipality)
        self._position = {r.id: i for i, r in enumerate(directory.resources)}
        self._by_tag: dict[tuple[str, str], list[tuple[int, float]]] = defaultdict(list)
        for position, resource in enumerate(directory.resources):
            if resource.emergency_only:
                continue
            for tag, weight in _tag_weights(resource).items():
                self._by_tag[(resource.municipality_id, tag)].append((position, weight))

    def municipality(self, name_or_id: str | None) -> Municipality:
        """The asker's city by name, alias or id; raise UnknownMunicipality otherwise."""
        if name_or_id is None:
            return self.default_municipality
        found = self.directory.find_municipality(name_or_id)
        if found is None or found.national:
            raise UnknownMunicipality(
                name_or_id, [m.name for m in self.directory.municipalities if not m.national]
            )
        return found

    def answer(self, text: str, now: datetime, municipality: str | None = None) -> Answer:
        found = self._answer(text, now, municipality)
        lines = self.directory.emergency_lines_for(found.municipality.id)
        return replace(found, emergency_lines=lines)

    def _answer(self, text: str, now: datetime, municipality: str | None) -> Answer:
        asker = self.municipality(municipality)
        understanding = self.understander.understand(text)
        target = self.directory.municipality_by_id.get(understanding.municipality_id or "", asker)
        intent = understanding.intent
        if intent is Intent.EMERGENCY:
            return self._emergency(understanding, target, now)
        if intent in (Intent.HELP, Intent.UNKNOWN):
            return Answer(
                intent,
                (),
                target,
                now,
                understanding,
                fallback=self._general_window_card(target, now, understanding),
            )
        named = self._named(understanding, target)
        named, unregistered_kind, covering = self._own_kind(understanding, named, target)
        if intent is Intent.CONSULT_REQUEST:
            ssw = [r for r, _, _ in self._ranked({"SSW": 1.0}, understanding, target)][:1]
            cards = tuple(
                self._card(r, target, now, understanding, (reasons.SSW_CONSULT,)) for r in ssw
            )
            return Answer(intent, cards, target, now, understanding)
        ranked = self._ranked(understanding.needs, understanding, target)
        if ranked and understanding.municipality_id is None:
            # another city's generic name (ショートステイ, 社協, 児相) must not outrank the asker's
            # own windows for the same need — but a window asked about by its full name (its
            # hours, its number: 「向こうの0123吉祥寺、今日やってる？」) is the one asked
            exact = {m.resource_id for m in understanding.mentions if m.score >= EXACT_MENTION}
            named = [
                r
                for r in named
                if self._is_local(r, target)
                or (intent is not Intent.FIND_SERVICE and r.id in exact)
            ]
        clarify_with: list[Resource] = []
        picked: list[tuple[Resource, tuple[Reason, ...]]]
        if unregistered_kind and not named:
            # 「児相の番号は？」 asked from a city without one: say so, give the line that
            # reaches that kind of window from anywhere, and no other city's window as ours
            picked = [(r, (reasons.NATIONAL_LINE,)) for r in covering]
            if intent is Intent.FIND_SERVICE:
                picked += [(r, why) for r, _, why in ranked if r not in covering]
        elif named:
            picked = [(r, (reasons.NAMED,)) for r in named]
            if intent is Intent.FIND_SERVICE:
                picked += [(r, why) for r, _, why in ranked if r not in named]
            if (
                len(named) > 1
                and intent is not Intent.FIND_SERVICE
                and self._ambiguous(understanding)
            ):
                clarify_with = named
        else:
            picked = [(r, why) for r, _, why in ranked]
            if intent in (Intent.OPENING_HOURS, Intent.CONTACT) and len(picked) > 1:
                clarify_with = [r for r, _ in picked[:MAX_RESOURCES]]
            general = self.directory.general_window(target.id)
            if not picked and intent is Intent.FIND_SERVICE and general is not None:
                # the seeds' honest fallback when nothing matches: 迷ったら総合相談窓口へ,
                # as a card, so its phone and whether it is open now come with it
                picked = [(general, (reasons.GENERAL_WINDOW,))]
            if not picked and intent is Intent.OPENING_HOURS and not understanding.needs:
                at = _later_time_asked(understanding, now)
                day = None if at else _other_day_asked(understanding, now)
                open_then = Reason(Why.OPEN_AT if at else Why.OPEN_ON_DAY if day else Why.OPEN_NOW)
                picked = [(r, (open_then,)) for r in self._open_then(target, at or now, day)]
        clarify = tuple(r.name for r in clarify_with)
        cards = tuple(
            self._card(r, target, now, understanding, why) for r, why in picked[:MAX_RESOURCES]
        )
        if intent is Intent.OPENING_HOURS and len(named) > 1 and not clarify:
            # 「吉祥寺とはらっぱ、今日開いてるのはどっち？」: the open one first
            cards = tuple(sorted(cards, key=lambda c: c.status.open_now is not True))
        fallback = self._general_window_card(target, now, understanding)
        return Answer(
            intent,
            cards,
            target,
            now,
            understanding,
            clarify,
            fallback,
            unregistered_kind=unregistered_kind,
            clarify_ids=tuple(r.id for r in clarify_with),
        )

    def about(
        self,
        resource_id: str,
        intent: Intent,
        now: datetime,
        municipality: str | None = None,
        day: date | None = None,
    ) -> Answer | None:
        """The answer about one window chosen by id (a button under an answer): its hours
        (on ``day`` when another day was asked) or how to contact it, with no question to
        read again. None when the directory no longer has that window."""
        resource = self.directory.by_id.get(resource_id)
        if resource is None or intent not in (Intent.OPENING_HOURS, Intent.CONTACT):
            return None
        asker = self.municipality(municipality)
        asked = day if day is not None and day != now.date() else None
        understanding = Understanding(
            intent,
            normalize_full(resource.name),
            month_day=(asked.month, asked.day) if asked else None,
        )
        card = self._card(resource, asker, now, understanding, ())
        lines = self.directory.emergency_lines_for(asker.id)
        return Answer(intent, (card,), asker, now, understanding, emergency_lines=lines)

    def _emergency(
        self, understanding: Understanding, target: Municipality, now: datetime
    ) -> Answer:
        # the lines for the dangers found, then those named too for them (189 after 110),
        # each in the data's order
        found = set(understanding.danger)
        lines = self.directory.emergency_lines_for(target.id)
        first = [x for x in lines if found & set(x.for_danger)]
        also = [x for x in lines if x not in first and found & set(x.also_for_danger)]
        ids = [x.resource_id for x in first + also]
        window = self.directory.general_window(target.id)
        resources = [self.directory.by_id[i] for i in ids if i in self.directory.by_id]
        if window:
            resources.append(window)
        cards = tuple(self._card(r, target, now, understanding, ()) for r in resources)
        return Answer(
            Intent.EMERGENCY, cards, target, now, understanding, danger=understanding.danger
        )

    def _open_then(self, target: Municipality, at: datetime, day: date | None) -> list[Resource]:
        """「今から相談できるところ」 names no window: the ones that answer at ``at`` (now, or
        the time of day asked: 「夜でも」), or that open on the other ``day`` asked
        (「日曜に相談できるところ」); the city's general window first, then its other
        windows, then the national lines."""
        general = self.directory.general_window(target.id)
        local = self.directory.resources_of.get(target.id, ())
        national = [
            r
            for m in sorted(self.directory.national_ids)
            for r in self.directory.resources_of.get(m, ())
            if not r.emergency_only
        ]
        ordered = ([general] if general else []) + [r for r in local if r is not general]
        found = []
        for resource in ordered + national:
            schedules = (resource.schedule, *(p.schedule for p in resource.phones))
            if day is not None:
                if any(s.known and s.ranges_on(day, self.calendar) for s in schedules):
                    found.append(resource)
            elif any(status_at(s, at, self.calendar).open_now for s in schedules if s.known):
                found.append(resource)
        return found[:MAX_RESOURCES]

    def _named(self, understanding: Understanding, target: Municipality) -> list[Resource]:
        """Resources the question names; the asker's city wins where two cities share a name."""
        scored = []
        for mention in understanding.mentions:
            resource = self.directory.by_id[mention.resource_id]
            if resource.emergency_only:
                continue
            bonus = 0.05 if self._is_local(resource, target) else -0.15
            scored.append((mention.score + bonus, resource))
        if not scored and not understanding.needs and understanding.intent is not Intent.EMERGENCY:
            # 「救急車の番号は？」, "when should kids call 119 vs 110?": a line kept for
            # emergencies (110, 119) is a window of its own when it is all the question names;
            # beside another window or a need it is the story (「去年110番した。子家センの番号
            # は？」, "a lesson on 110 and 119: is there a number for the bullied?")
            scored = [
                (mention.score, self.directory.by_id[mention.resource_id])
                for mention in understanding.mentions
            ]
        scored.sort(key=lambda s: -s[0])
        if not scored:
            return []
        best = scored[0][0]
        names_taken: set[str] = set()
        named = []
        for score, resource in scored:
            if score < best - 0.2 or score < 0.7:
                break
            key = normalize(resource.name)
            if key in names_taken:
                continue
            names_taken.add(key)
            named.append(resource)
        if understanding.intent is Intent.CONTACT:
            # 「去年189して児相も入った。子家センの番号は？」: the number asked is of the window
            # named just before the word asking it (「学校指導課の電話番号を。SSWの件で」), or
            # else of the window named last; the others are the story
            # … and of a window named in an aside (「教育相談室（SSWのいる所）の番号」) only
            # when no other is; with none before the word, of the one named right after it
            # ("the phone number of the kyoiku soudanshitsu? The SSW is based there")
            end_of = {m.resource_id: m.end for m in understanding.mentions}
            asked = understanding.contact_at

            def asked_first(resource: Resource) -> tuple[bool, int, int]:
                end = end_of[resource.id]
                aside = resource.id in understanding.asides
                if asked is None:
                    return (aside, 2, -end)  # the window named last
                if end <= asked:
                    return (aside, 0, asked - end)  # the nearest before the word
                return (aside, 1, end)  # the first after it

            named.sort(key=asked_first)
        return named

    def _own_kind(
        self, understanding: Understanding, named: list[Resource], target: Municipality
    ) -> tuple[list[Resource], str | None, list[Resource]]:
        """Windows named by a generic word (児相, 警察, SC) count only in the asker's city
        (or the city the question names) and nationally. Returns the named windows kept,
        the generic word when the city has no window of that kind, and the national line
        that covers it."""
        asked = understanding.question.squashed
        # written in kanji or in kana (けいさつ): the mention index finds a name by its reading too
        generic = [
            (normalize(word), (word, line))
            for word, line in self.directory.vocabulary.generic_names.items()
            if normalize(word) in asked or (reading_of(word) or normalize(word)) in asked
        ]
        by_id = {m.resource_id: m for m in understanding.mentions}
        kept: list[Resource] = []
        dropped_kind: tuple[str, str] | None = None
        for resource in named:
            mention = by_id.get(resource.id)
            alias = normalize(mention.alias) if mention else ""
            # named by its kind alone: 児相 (an alias), or スクールカウンセラー for
            # 都スクールカウンセラー — not by the window's own full name
            by_kind = next(
                (k for key, k in generic if key in alias and (alias == key or alias not in asked)),
                None,
            )
            if by_kind and not (self._is_local(resource, target) or self._is_national(resource)):
                dropped_kind = dropped_kind or by_kind
                continue
            kept.append(resource)
        if dropped_kind is None or kept:
            return kept, None, []
        kind, line = dropped_kind
        covering = [self.directory.by_id[line]] if line in self.directory.by_id else []
        return kept, kind, covering

    def _is_national(self, resource: Resource) -> bool:
        return resource.municipality_id in self.directory.national_ids

    def _is_local(self, resource: Resource, target: Municipality) -> bool:
        return (
            resource.municipality_id == target.id
            or resource.municipality_id in self.directory.national_ids
        )

    def _ambiguous(self, understanding: Understanding) -> bool:
        """Two windows about as likely, or named by the one alias they share (0123)."""
        mentions = understanding.mentions
        if len(mentions) < 2:
            return False
        first, second = mentions[0], mentions[1]
        shared_alias = normalize(first.alias) == normalize(second.alias)
        return shared_alias or (
            first.score < 1.0 and first.score - second.score <= AMBIGUOUS_MARGIN
        )

    def _ranked(
        self, needs: Mapping[str, float], understanding: Understanding, target: Municipality
    ) -> list[tuple[Resource, float, tuple[Reason, ...]]]:
        scores: dict[int, float] = defaultdict(float)
        why_of: dict[int, list[Reason]] = defaultdict(list)
        places = [target.id, *sorted(self.directory.national_ids)]
        for tag, asked in sorted(needs.items(), key=lambda t: -t[1]):
            for place in places:
                for position, weight in self._by_tag.get((place, tag), ()):
                    scores[position] += asked * weight
                    why_of[position].append(Reason.need(tag))
        general = self.directory.general_window(target.id)
        ranked = []
        for position, score in scores.items():
            resource = self.directory.resources[position]
            if resource.id in understanding.excluded:
                continue
            why = why_of[position]
            if general is not None and resource.id == general.id:
                score += GENERAL_WINDOW_BONUS
            if resource.municipality_id in self.directory.national_ids:
                score -= NATIONAL_PENALTY
            if understanding.ages:
                fits = any(resource.serves_ages(low, high) for low, high in understanding.ages)
                if resource.age_ranges and not fits:
                    score *= STAGE_MISMATCH_FACTOR
                elif fits:
                    score *= STAGE_FIT_FACTOR  # it says it serves them; an unknown age does not
                if fits and understanding.stages:
                    why = [
                        *why,
                        Reason.serves(tuple(sorted(understanding.stages & set(resource.serves)))),
                    ]
            ranked.append((resource, score, tuple(dict.fromkeys(why))))
        ranked.sort(key=lambda r: (-r[1], self._position[r[0].id]))
        return ranked

    def _card(
        self,
        resource: Resource,
        target: Municipality,
        now: datetime,
        understanding: Understanding,
        why: tuple[Reason, ...],
    ) -> Card:
        municipality = self.directory.municipality_by_id.get(resource.municipality_id, target)
        asked, tied = _asked_phone(resource, understanding)
        phones = (
            (asked, *(p for p in resource.phones if p is not asked)) if asked else resource.phones
        )
        statuses = tuple(PhoneStatus(p, status_at(p.schedule, now, self.calendar)) for p in phones)
        status, source = UNKNOWN_STATUS, None
        if asked and asked.schedule.known:
            status, source = statuses[0].status, asked.label
        elif resource.schedule.known:
            status = status_at(resource.schedule, now, self.calendar)
        else:
            first = next((s for s in statuses if s.status.open_now is not None), None)
            if first:
                status, source = first.status, first.phone.label
        asked_day = None
        day = _asked_day(understanding, now)
        schedule = next((p.schedule for p in phones if p.label == source), resource.schedule)
        if day is not None and schedule.known:
            asked_day = (day, schedule.ranges_on(day, self.calendar))
        tied_lines = tuple(s for s in statuses if s.phone in tied and s.phone.schedule.known)
        return Card(resource, municipality, status, source, statuses, why, asked_day, tied_lines)

    def _general_window_card(
        self, target: Municipality, now: datetime, understanding: Understanding
    ) -> Card | None:
        window = self.directory.general_window(target.id)
        return (
            self._card(window, target, now, understanding, (reasons.FALLBACK,)) if window else None
        )


def safety_numbers(directory: Directory, municipality_id: str) -> tuple[str, str] | None:
    """The numbers said wherever a child may be in danger (a consult form, an after-hours
    escalation): the first lines for immediate danger and for abuse (110, 189); None when
    the directory has no such lines."""
    immediate = directory.emergency_number(municipality_id, Danger.IMMEDIATE)
    abuse = directory.emergency_number(municipality_id, Danger.ABUSE)
    return (immediate, abuse) if immediate and abuse else None


def emergency_problems(directory: Directory) -> list[Problem]:
    """Each emergency line's danger levels must be levels the understanding finds: a
    misspelt one would never be named (file:line, found when the engine is built)."""
    known = {d.value for d in Danger}
    return [
        Problem(line.file, line.line, *unknown_danger_level(level, tuple(Danger)))
        for line in directory.emergency_lines
        for level in (*line.for_danger, *line.also_for_danger)
        if level not in known
    ]


def _tag_weights(resource: Resource) -> dict[str, float]:
    weights = {category: CATEGORY_WEIGHT for category in resource.categories}
    for index, topic in enumerate(resource.topics):
        weight = TOPIC_WEIGHTS[index] if index < len(TOPIC_WEIGHTS) else LATER_TOPIC_WEIGHT
        weights[topic] = max(weights.get(topic, 0.0), weight)
    return weights


def _asked_phone(
    resource: Resource, understanding: Understanding
) -> tuple[Phone | None, tuple[Phone, ...]]:
    """The phone line the question asks for (by kind, e.g. フリーダイヤル, or by its label),
    or, when two or more labels fit it equally well, those lines (each keeps its hours)."""
    phones = resource.phones
    if len(phones) < 2:
        return None, ()
    if understanding.phone_prefix:
        matching = [p for p in phones if p.number.startswith(understanding.phone_prefix)]
        if matching:
            return matching[0], ()
    scored = sorted(
        ((_label_score(p, understanding), i) for i, p in enumerate(phones)), reverse=True
    )
    best, runner_up = scored[0], scored[1]
    if best[0] < PHONE_LABEL_MIN:
        return None, ()
    if best[0] - runner_up[0] >= PHONE_LABEL_MARGIN:
        return phones[best[1]], ()
    tied = tuple(phones[i] for score, i in scored if best[0] - score < PHONE_LABEL_MARGIN)
    return None, tied


def _label_score(phone: Phone, understanding: Understanding) -> float:
    """How well a line's label fits the question: its words, or the need it names
    (ひとり親の相談 → 子育て・ひとり親相談電話)."""
    label = normalize(phone.label)
    if not label:
        return 0.0
    written = float(fuzz.partial_ratio(label, understanding.question.squashed))
    named = max(
        (
            NEED_IN_LABEL * weight
            for need, weight in understanding.needs.items()
            if normalize(need) in label
        ),
        default=0.0,
    )
    # the whole label written in the question wins over a need the label shares with
    # another line (子育て・ひとり親相談電話 vs 子育て相談（電話・面接・訪問）)
    return max(written, named)


def _other_day_asked(understanding: Understanding, now: datetime) -> date | None:
    """The day asked about when it is not today (「日曜に」「明日」)."""
    day = _asked_day(understanding, now)
    return day if day != now.date() else None


def _later_time_asked(understanding: Understanding, now: datetime) -> datetime | None:
    """The moment asked about when the question names a time of day (「今夜」「夜でも」) that
    is still to come: that hour on the day asked (or today). None once it is that late."""
    if understanding.hour is None:
        return None
    day = _asked_day(understanding, now) or now.date()
    at = datetime.combine(day, time(understanding.hour), now.tzinfo)
    return at if at > now else None


def _asked_day(understanding: Understanding, now: datetime) -> date | None:
    today = now.date()
    if understanding.month_day is not None:
        return _next_date(*understanding.month_day, today)
    if understanding.weekday is not None:
        return today + timedelta(days=(understanding.weekday - today.weekday()) % 7)
    if understanding.day_offset:
        return today + timedelta(days=understanding.day_offset)
    return None


def _next_date(month: int, day: int, today: date) -> date | None:
    """12月30日 asked on 11/24 is this year's; 1/4 asked on 12/28 is next year's."""
    for year in (today.year, today.year + 1):
        try:
            asked = date(year, month, day)
        except ValueError:  # 2/30
            return None
        if asked >= today:
            return asked
    return None
