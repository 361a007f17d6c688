"""The consult form in the terminal: the same questions as the Slack modal, one at a time.

Every answer is checked by the queue's own validation, so the terminal and
Slack accept exactly the same consults. 「キャンセル」 at any prompt stops.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable
from datetime import datetime

from bot.queue.errors import StorageUnavailable
from bot.queue.model import CONSENTS_ORDER, ConsultDraft, Urgency
from bot.queue.privacy import identity_warnings
from bot.queue.service import ConsultQueue, Submitted

CANCEL_WORDS = frozenset({"キャンセル", "cancel", "やめる", "中止"})
YES = frozenset({"はい", "y", "yes", "1", "至急"})

Ask = Callable[[str], str | None]
Say = Callable[[str], None]


class Cancelled(Exception):
    pass


def file_consult(
    queue: ConsultQueue, requester: str, ask: Ask, say: Say, now: Callable[[], datetime]
) -> Submitted | None:
    """Walk through the form and file the consult; None when the person cancels."""
    say("SSWへの相談票を作ります。途中でやめるときは「キャンセル」と入力してください。")
    say("子どもが今危ないときは、相談票を待たずに 110 / 189 へ電話してください。")
    try:
        draft = _fill(queue, requester, ask, say)
    except Cancelled:
        say("相談票の作成をやめました。")
        return None
    try:
        result = queue.submit(draft, now())
    except StorageUnavailable as exc:
        say(str(exc))
        say(f"入力した概要: {draft.summary}")
        return None
    consult = result.consult
    where = f"{consult.district}のSSW" if consult.district else "SSW全員"
    say(
        f"受け付けました。相談番号は {consult.number} です。{where}に届けます。担当が決まったらお知らせします。"
    )
    return result


def _fill(queue: ConsultQueue, requester: str, ask: Ask, say: Say) -> ConsultDraft:
    while True:
        school = _ask(ask, "学校名（例: 第三中学校）> ")
        grade = _number(ask, say, "学年（数字）> ")
        say("困りごと（番号をカンマ区切り、複数可）:")
        for i, category in enumerate(queue.categories, start=1):
            say(f"  {i:2d} {category}")
        categories = _choices(ask, say, queue.categories)
        urgent = _ask(ask, "至急ですか？（はい/いいえ）> ").strip().lower() in YES
        summary = _summary(queue, ask, say)
        say(
            "保護者の同意: 1 あり / 2 なし / 3 未確認 / 4 取得不適（虐待が疑われるときなど。同意がなくても相談できます）"
        )
        consent = CONSENTS_ORDER[_pick(ask, say, "番号> ", len(CONSENTS_ORDER)) - 1]
        contact_time = _ask(ask, "連絡のつきやすい時間（なければ空で Enter）> ", allow_empty=True)
        draft = ConsultDraft(
            requester=requester,
            school=school,
            grade=grade,
            categories=categories,
            urgency=Urgency.URGENT if urgent else Urgency.NORMAL,
            summary=summary,
            consent=consent,
            contact_time=contact_time,
            idempotency_key=f"console-{uuid.uuid4()}",
        )
        errors = queue.validate(draft)
        if not errors:
            say(
                f"確認: {school} {grade}年 / {'・'.join(categories)} / {draft.urgency.value} / 同意 {consent.value}"
            )
            if _ask(ask, "この内容で送りますか？（はい/いいえ）> ").strip().lower() in YES:
                return draft
            say("はじめから入力し直します。")
            continue
        for message in errors.values():
            say(message)
        say("はじめから入力し直します。")


def _summary(queue: ConsultQueue, ask: Ask, say: Say) -> str:
    while True:
        summary = _ask(ask, "概要（子どもの氏名や電話番号は書かないでください）> ")
        warnings = identity_warnings(summary)
        if not warnings:
            return summary
        for warning in warnings:
            say(warning)
        if _ask(ask, "このまま使いますか？（はい/いいえ）> ").strip().lower() in YES:
            return summary


def _ask(ask: Ask, prompt: str, allow_empty: bool = False) -> str:
    while True:
        answer = ask(prompt)
        if answer is None or answer.strip() in CANCEL_WORDS:
            raise Cancelled()
        if answer.strip() or allow_empty:
            return answer.strip()


def _number(ask: Ask, say: Say, prompt: str) -> int:
    while True:
        text = (
            _ask(ask, prompt)
            .translate(str.maketrans("０１２３４５６７８９", "0123456789"))
            .rstrip("年生")
        )
        if text.isdigit():
            return int(text)
        say("数字で入れてください（例: 2）。")


def _pick(ask: Ask, say: Say, prompt: str, count: int) -> int:
    while True:
        number = _number(ask, say, prompt)
        if 1 <= number <= count:
            return number
        say(f"1〜{count} の番号で選んでください。")


def _choices(ask: Ask, say: Say, categories: tuple[str, ...]) -> tuple[str, ...]:
    while True:
        text = _ask(ask, "番号> ").translate(str.maketrans("０１２３４５６７８９、", "0123456789,"))
        picked = [p.strip() for p in text.split(",") if p.strip()]
        if picked and all(p.isdigit() and 1 <= int(p) <= len(categories) for p in picked):
            return tuple(dict.fromkeys(categories[int(p) - 1] for p in picked))
        say(f"1〜{len(categories)} の番号をカンマ区切りで入れてください（例: 1,7）。")
