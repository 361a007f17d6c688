"""The consult form in the terminal: the same questions as the Slack modal, one at a time.

Each answer is checked as it is given, by the queue's own rules (so the terminal
and Slack accept exactly the same consults), and a wrong one is asked again with
the reason; nothing already typed is lost. Before sending, the whole form is
shown and any item can be changed by its number. 「キャンセル」 at any prompt stops.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable
from dataclasses import replace
from datetime import datetime

from bot.messages import console as msg
from bot.storage.consult_store import MAX_SUMMARY, ConsultQueue, Submitted
from consults import messages as queue_msg
from consults.errors import StorageUnavailable
from consults.model import CONSENTS_ORDER, Consent, ConsultDraft, Urgency
from consults.prefill import Prefill
from consults.privacy import identity_warnings

Ask = Callable[[str], str | None]
Say = Callable[[str], None]


class Cancelled(Exception):
    pass


ITEMS = msg.FORM_ITEMS  # the number a person types to change an item is its place here
FIELD_ITEM = {"school": 1, "grade": 2, "categories": 3, "summary": 5, "contact_time": 7}


def file_consult(
    queue: ConsultQueue,
    requester: str,
    ask: Ask,
    say: Say,
    now: Callable[[], datetime],
    prefill: Prefill | None = None,
) -> Submitted | None:
    """Walk through the form and file the consult; None when the person cancels."""
    prefill = prefill or Prefill()
    say(msg.form_intro())
    say(msg.form_danger_first(queue.safety))
    try:
        draft = _fill(queue, requester, ask, say, prefill)
    except Cancelled:
        say(msg.form_cancelled())
        return None
    try:
        result = queue.submit(draft, now())
    except StorageUnavailable as exc:
        say(str(exc))
        say(msg.form_summary_kept(draft.summary))
        return None
    consult = result.consult
    say(msg.form_filed(consult.number, consult.district))
    return result


class _Form:
    """The answers so far; each ask_* method asks one item until it is right."""

    def __init__(self, queue: ConsultQueue, ask: Ask, say: Say, prefill: Prefill) -> None:
        self.queue, self.ask, self.say = queue, ask, say
        self.school = ""
        self.grade = 0
        self.categories = prefill.categories
        self.urgent = prefill.urgent
        self.summary = prefill.summary
        self.consent = Consent.UNCONFIRMED
        self.contact_time = ""

    def ask_school(self) -> None:
        while True:
            written = _ask(self.ask, msg.form_school_prompt())
            problem = self.queue.school_problem(written)
            if problem:
                self.say(problem)
                continue
            known = self.queue.routing.school(written)
            self.school = known.name if known else written
            self.say(
                queue_msg.school_understood(known.name, known.district)
                if known
                else queue_msg.school_unknown(written)
            )
            if self.grade:
                problem = self.queue.grade_problem(self.school, self.grade)
                if problem:
                    self.say(problem)
                    self.ask_grade()
            return

    def ask_grade(self) -> None:
        while True:
            grade = _number(self.ask, self.say, msg.form_grade_prompt())
            problem = self.queue.grade_problem(self.school, grade)
            if problem is None:
                self.grade = grade
                return
            self.say(problem)

    def ask_categories(self) -> None:
        self.say(msg.form_categories_heading())
        for i, category in enumerate(self.queue.categories, start=1):
            self.say(f"  {i:2d} {category}")
        chosen = self.categories
        while True:
            text = _ask(
                self.ask,
                msg.form_categories_prompt(chosen),
                allow_empty=bool(chosen),
            ).translate(msg.FORM_NUMBERS_AS_TYPED)
            if not text and chosen:
                return
            picked = [p.strip() for p in text.split(",") if p.strip()]
            count = len(self.queue.categories)
            if picked and all(p.isdigit() and 1 <= int(p) <= count for p in picked):
                self.categories = tuple(
                    dict.fromkeys(self.queue.categories[int(p) - 1] for p in picked)
                )
                return
            self.say(msg.form_categories_retry(count))

    def ask_urgent(self) -> None:
        while True:
            text = _ask(self.ask, msg.form_urgent_prompt(self.urgent), allow_empty=True).lower()
            if not text:
                return
            if text in msg.FORM_YES or text in msg.FORM_NO:
                self.urgent = text in msg.FORM_YES
                return
            self.say(msg.form_yes_or_no())

    def ask_summary(self) -> None:
        while True:
            if self.summary:
                self.say(msg.form_summary_so_far(self.summary))
            text = _ask(self.ask, msg.form_summary_prompt(bool(self.summary)), allow_empty=True)
            summary = text or self.summary
            if not summary:
                continue
            if len(summary) > MAX_SUMMARY:
                self.say(msg.form_summary_too_long(MAX_SUMMARY, len(summary)))
                self.summary = summary
                continue
            warnings = identity_warnings(summary)
            for warning in warnings:
                self.say(warning)
            if warnings and _ask(self.ask, msg.form_use_anyway()).lower() not in msg.FORM_YES:
                self.summary = summary
                continue
            self.summary = summary
            return

    def ask_consent(self) -> None:
        self.say(msg.form_consent_choices())
        self.consent = CONSENTS_ORDER[
            _pick(self.ask, self.say, msg.form_consent_prompt(), len(CONSENTS_ORDER)) - 1
        ]

    def ask_contact_time(self) -> None:
        self.contact_time = _ask(self.ask, msg.form_contact_prompt(), allow_empty=True)

    def draft(self, requester: str, key: str) -> ConsultDraft:
        return ConsultDraft(
            requester=requester,
            school=self.school,
            grade=self.grade,
            categories=self.categories,
            urgency=Urgency.URGENT if self.urgent else Urgency.NORMAL,
            summary=self.summary,
            consent=self.consent,
            contact_time=self.contact_time,
            idempotency_key=key,
        )

    def ask_item(self, item: int) -> None:
        (
            self.ask_school,
            self.ask_grade,
            self.ask_categories,
            self.ask_urgent,
            self.ask_summary,
            self.ask_consent,
            self.ask_contact_time,
        )[item - 1]()


def _fill(
    queue: ConsultQueue, requester: str, ask: Ask, say: Say, prefill: Prefill
) -> ConsultDraft:
    form = _Form(queue, ask, say, prefill)
    if prefill.urgent or prefill.categories:
        say(msg.form_prefilled(prefill.urgent, prefill.categories))
    for item in range(1, len(ITEMS) + 1):
        form.ask_item(item)
    key = f"console-{uuid.uuid4()}"
    while True:
        draft = form.draft(requester, key)
        errors = queue.validate(draft)
        if errors:
            field, message = next(iter(errors.items()))
            say(message)
            form.ask_item(FIELD_ITEM.get(field, 5))
            continue
        values = (
            draft.school,
            msg.form_grade_value(draft.grade),
            msg.form_categories_value(draft.categories),
            draft.urgency.value,
            draft.summary,
            draft.consent.value,
            msg.form_contact_value(draft.contact_time),
        )
        say(msg.form_review(list(zip(ITEMS, values, strict=True))))
        reply = (
            _ask(ask, msg.form_send_prompt(len(ITEMS))).translate(msg.FORM_NUMBERS_AS_TYPED).lower()
        )
        if reply in msg.FORM_YES - {"1"}:
            return replace(draft, idempotency_key=key)
        if reply.isdigit() and 1 <= int(reply) <= len(ITEMS):
            form.ask_item(int(reply))
        elif reply in msg.FORM_NO:
            form.ask_item(_pick(ask, say, msg.form_which_item(len(ITEMS)), len(ITEMS)))
        else:
            say(msg.form_send_retry(len(ITEMS)))


def _ask(ask: Ask, prompt: str, allow_empty: bool = False) -> str:
    while True:
        answer = ask(prompt)
        if answer is None or answer.strip() in msg.FORM_CANCEL_WORDS:
            raise Cancelled()
        if answer.strip() or allow_empty:
            return answer.strip()


def _number(ask: Ask, say: Say, prompt: str) -> int:
    while True:
        text = (
            _ask(ask, prompt)
            .translate(msg.FORM_NUMBERS_AS_TYPED)
            .rstrip(msg.FORM_GRADE_SUFFIX_CHARACTERS)
        )
        if text.isdigit():
            return int(text)
        say(msg.form_number_retry())


def _pick(ask: Ask, say: Say, prompt: str, count: int) -> int:
    while True:
        number = _number(ask, say, prompt)
        if 1 <= number <= count:
            return number
        say(msg.form_pick_retry(count))
