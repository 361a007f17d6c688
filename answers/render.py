"""One renderer: the reply text that both the CLI and Slack post (Slack mrkdwn).

Short, the way a helpful colleague writes: the best windows, why they fit,
whether they are open now, the phone for this need, and how to refer.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import replace

from answers import messages as msg
from answers import reasons
from answers.engine import Answer, Card
from intents.danger import Danger
from intents.understand import Intent

TEXT_CARDS = 3
MAX_PHONES = 3


def render_text(answer: Answer) -> str:
    """The reply as posted to Slack, and printed by the CLI."""
    parts: list[str]
    if answer.intent is Intent.EMERGENCY:
        parts = _emergency(answer)
    elif answer.intent is Intent.HELP:
        parts = [msg.help_text(safety_numbers(answer)), *_fallback(answer)]
    elif answer.intent is Intent.UNKNOWN:
        parts = [msg.UNKNOWN_TEXT, *_fallback(answer)]
    elif answer.intent is Intent.CONSULT_REQUEST:
        parts = [msg.CONSULT_REQUEST_TEXT, *(render_card(c, answer) for c in answer.cards[:1])]
    else:
        parts = _service(answer)
    numbers = safety_numbers(answer)
    if answer.intent is not Intent.EMERGENCY and answer.understanding.caution and numbers:
        parts.append(msg.caution_line(*numbers))
    return "\n".join(p for p in parts if p)


def safety_numbers(answer: Answer) -> tuple[str, str] | None:
    """The numbers a reply names when a child may be in danger: the lines for immediate
    danger (110) and for abuse (189), as the directory gives them."""
    immediate = answer.emergency_number(Danger.IMMEDIATE)
    abuse = answer.emergency_number(Danger.ABUSE)
    return (immediate, abuse) if immediate and abuse else None


def _emergency(answer: Answer) -> list[str]:
    # the lines for the dangers found first, then the others, each in the data's order
    found = set(answer.danger)
    detected = [x for x in answer.emergency_lines if found & set(x.for_danger)]
    others = [x for x in answer.emergency_lines if x not in detected]
    lines = [
        msg.EMERGENCY_HEADER,
        *(msg.emergency_line(x.say, x.number) for x in detected + others),
    ]
    local = [c for c in answer.cards if not c.municipality.national]
    for card in local:
        lines.append(msg.local_window_line(_name(card), _phones(card, 1), _status(card, answer)))
    lines.append(msg.EMERGENCY_CONSULT_OFFER)
    lines.append(msg.NOT_WATCHED)
    return lines


def _named_once(needs: Iterable[str]) -> list[str]:
    """A need already said by a longer one is left out (問題行動 beside
    いじめ・暴力行為・非行等の問題行動)."""
    named: list[str] = []
    for need in needs:
        if not any(need in other or other in need for other in named):
            named.append(need)
    return named


def _open_list_header(answer: Answer, city: str) -> tuple[str, str]:
    """The header of 「今から/夜でも/日曜に相談できるところ」, and what to say when none is open."""
    at, day = answer.later_time_asked, answer.other_day_asked
    if at:
        return msg.open_at_header(city, at), msg.nothing_open_at(city, at)
    if day:
        return msg.open_on_day_header(city, day), msg.nothing_open_on_day(city, day)
    return msg.open_now_header(city, answer.now), msg.nothing_open_now(city, answer.now)


def _service(answer: Answer) -> list[str]:
    city = answer.municipality.name
    parts: list[str] = []
    if answer.unregistered_kind:
        parts.append(msg.kind_not_registered(answer.unregistered_kind, city, bool(answer.cards)))
    if answer.asks_what_is_open:
        header, nothing = _open_list_header(answer, city)
        if not answer.cards:
            return [nothing, *_fallback(answer)]
        parts.append(header)
    if not answer.cards:
        if not answer.unregistered_kind:  # that sentence already says it
            parts.append(msg.NO_MATCH_TEXT.format(city=city))
        parts.extend(_fallback(answer))
        return parts
    if answer.only_general_window:
        return [msg.NO_MATCH_GENERAL_TEXT.format(city=city), render_card(answer.cards[0], answer)]
    if answer.intent is Intent.FIND_SERVICE:
        needs = _named_once(
            n
            for n, w in sorted(answer.understanding.needs.items(), key=lambda t: -t[1])
            if w >= 0.5
        )[:3]
        header = (
            msg.FIND_HEADER.format(needs=msg.words_joined(needs), city=city)
            if needs
            else msg.FIND_HEADER_NO_NEEDS.format(city=city)
        )
        parts.append(header)
    if answer.clarify:
        parts.append(msg.CLARIFY_TEXT.format(choices=" / ".join(answer.clarify)))
    shown = (
        answer.cards[:TEXT_CARDS]
        if answer.intent is Intent.FIND_SERVICE or answer.clarify or answer.asks_what_is_open
        else answer.cards[:1]
    )
    numbered = len(shown) > 1
    for index, card in enumerate(shown, start=1):
        parts.append(render_card(card, answer, index if numbered else None))
    shown_ids = {c.resource.id for c in shown}
    if (
        answer.intent is Intent.FIND_SERVICE
        and answer.fallback
        and answer.fallback.resource.id not in shown_ids
    ):
        parts.extend(_fallback(answer))
    return parts


def render_card(card: Card, answer: Answer, number: int | None = None) -> str:
    resource = card.resource
    head = f"{number}. " if number else ""
    why = msg.reasons_text(card.reasons)
    lines = [f"{head}{_name(card)}" + (f" — {why}" if why else "")]
    describe = answer.intent is Intent.FIND_SERVICE and reasons.NAMED in card.reasons
    if describe and resource.summary:
        lines.append(f"   {resource.summary}")
    lines.append(f"   {_status(card, answer)}")
    lines.append(f"   {_phones(card, MAX_PHONES)}")
    # a contact answer says where a window is, or that its address is not on record — but a
    # national line (189, 119) is a number, not a place, unless an address was asked
    asks_place = answer.intent is Intent.CONTACT and not card.municipality.national
    if resource.address or asks_place or answer.understanding.wants_address:
        lines.append(f"   {msg.address_line(resource.address)}")
    if resource.serves and answer.intent is Intent.FIND_SERVICE:
        lines.append(f"   {msg.serves_line(resource.serves)}")
    how = resource.how_to_refer or msg.listed(resource.referral)
    if how and answer.intent in (Intent.FIND_SERVICE, Intent.CONSULT_REQUEST):
        lines.append(f"   {msg.referral_line(how)}")
    return "\n".join(lines)


def _name(card: Card) -> str:
    city = "" if card.municipality.national else msg.parenthesized(card.municipality.name)
    return f"*{card.resource.name}*{city}"


def _phones(card: Card, limit: int) -> str:
    if not card.phones:
        return msg.phones_unknown()
    return msg.PHONE_SEPARATOR.join(
        msg.phone_line(p.phone.number, p.phone.label) for p in card.phones[:limit]
    )


def _status(card: Card, answer: Answer) -> str:
    if len(card.tied_lines) > 1 and answer.intent is Intent.OPENING_HOURS:
        # the question fits two lines alike: each with its own hours, not one picked
        return "\n   ".join(
            _status(
                replace(card, status=line.status, status_phone=line.phone.label, tied_lines=()),
                answer,
            )
            for line in card.tied_lines
        )
    status = card.status
    if status.open_now is None:
        note = card.resource.schedule.note
        return msg.HOURS_UNKNOWN + (msg.parenthesized(note) if note else "")
    prefix = f"{card.status_phone}: " if card.status_phone and len(card.resource.phones) > 1 else ""
    is_line = bool(card.status_phone)
    if status.open_now:
        now_text = msg.LINE_OPEN_NOW if is_line else msg.OPEN_NOW
        if status.hours_today == msg.ALL_DAY_RANGE:
            detail = msg.open_all_day(answer.now)
        else:
            detail = msg.today_hours(status.hours_today or "", answer.now)
            if status.closes_at:
                detail = msg.clauses(detail, msg.closes_at(status.closes_at))
        text = prefix + now_text + msg.parenthesized(detail)
    else:
        now_text = msg.LINE_CLOSED_NOW if is_line else msg.CLOSED_NOW
        detail = (
            msg.today_hours(status.hours_today or "", answer.now)
            if status.today
            else msg.closed_today(status.closed_reason, answer.now)
        )
        text = prefix + now_text + msg.parenthesized(detail)
        if status.next_open:
            text = msg.sentences(text, msg.next_opening(status.next_open))
    if card.asked_day:
        day, ranges = card.asked_day
        hours = ",".join(str(r) for r in ranges) if ranges else None
        text = msg.sentences(text, msg.asked_day(day, hours))
    return text


def _fallback(answer: Answer) -> list[str]:
    card = answer.fallback
    if card is None:
        return []
    phone = msg.parenthesized(card.phones[0].phone.number) if card.phones else ""
    return [msg.FALLBACK_LINE.format(name=card.resource.name, phone=phone)]
