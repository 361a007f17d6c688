"""Block Kit, built by pure functions from the engine's and the queue's values.

No listener writes a dict literal: they call these. The plain ``text`` of an
answer is the CLI's text (``render_text``), so both surfaces say the same thing.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from types import MappingProxyType
from typing import Any

from answers import messages as msg
from answers.engine import Answer
from answers.render import render_card, render_text
from bot.messages import slack as slack_msg
from bot.slack import ids
from bot.slack.limits import (
    BUTTON_TEXT,
    BUTTON_VALUE,
    MESSAGE_BLOCKS,
    PLAIN_INPUT,
    SECTION_TEXT,
    SELECT_OPTIONS,
    VIEW_BLOCKS,
    clip,
)
from consults.messages import UNKNOWN_SCHOOL, channel_line, details_text
from consults.model import CONSENTS_ORDER, Consult, Outcome, Status, Urgency
from consults.notifications import NO_NAMES, channel_view
from consults.prefill import emergency_prefill
from intents.danger import Danger
from intents.understand import Intent

Block = dict[str, Any]
View = dict[str, Any]

OUTCOME_OPTIONS = (
    (Outcome.RESOLVED, "解決"),
    (Outcome.IMPROVING, "支援中であるが好転"),
    (Outcome.ONGOING, "支援中"),
    (Outcome.OTHER, "その他"),
)


def _text(text: str) -> dict[str, Any]:
    return {"type": "mrkdwn", "text": clip(text, SECTION_TEXT)}


def _plain(text: str) -> dict[str, Any]:
    return {"type": "plain_text", "text": text, "emoji": True}


def section(text: str) -> Block:
    return {"type": "section", "text": _text(text)}


def button(label: str, action_id: str, value: str, style: str | None = None) -> dict[str, Any]:
    element: dict[str, Any] = {
        "type": "button",
        "text": _plain(clip(label, BUTTON_TEXT)),
        "action_id": action_id,
        "value": clip(value, BUTTON_VALUE),
    }
    if style:
        element["style"] = style
    return element


def actions(block_id: str, elements: list[dict[str, Any]]) -> Block:
    return {"type": "actions", "block_id": block_id, "elements": elements[:25]}


def choice_value(answer: Answer, resource_id: str) -> str:
    """What a choice button means, carried on it: the window, what was asked about it, and
    the day asked when not today — so the press is answered from ids, never re-read."""
    value: dict[str, str] = {"r": resource_id, "i": answer.intent.value}
    day = answer.other_day_asked
    if day is not None:
        value["d"] = day.isoformat()
    return json.dumps(value)


def answer_message(answer: Answer, question: str) -> dict[str, Any]:
    """Blocks and fallback text for an answer posted in a channel, thread or DM."""
    blocks: list[Block] = []
    text = render_text(answer)
    if answer.intent is Intent.EMERGENCY:
        blocks.append(section(text))
        blocks.append(
            actions(
                "emergency",
                [
                    button(
                        "至急でSSWに相談する",
                        ids.OPEN_URGENT_CONSULT,
                        ":".join(["至急", *emergency_prefill(answer.danger).categories]),
                        "danger",
                    )
                ],
            )
        )
    elif answer.intent in (Intent.HELP, Intent.UNKNOWN, Intent.CONSULT_REQUEST) or not answer.cards:
        blocks.append(section(text))
        if answer.intent is Intent.CONSULT_REQUEST:
            blocks.append(
                actions("consult", [button("SSWに相談する", ids.OPEN_CONSULT, "通常", "primary")])
            )
    else:
        shows_header = answer.intent is Intent.FIND_SERVICE or answer.asks_what_is_open
        header = text.split("\n", 1)[0] if shows_header else None
        if header:
            blocks.append(section(header))
        if answer.clarify:
            blocks.append(section(msg.CLARIFY_TEXT.format(choices="")))
            blocks.append(
                actions(
                    "clarify",
                    [
                        button(name, f"clarify_{i}", choice_value(answer, resource_id))
                        for i, (name, resource_id) in enumerate(
                            zip(answer.clarify, answer.clarify_ids, strict=True)
                        )
                    ],
                )
            )
        for index, card in enumerate(answer.cards, start=1):
            block = section(render_card(card, answer, index if len(answer.cards) > 1 else None))
            if card.resource.schedule.known or any(p.phone.schedule.known for p in card.phones):
                block["accessory"] = button("今日の開館時間", ids.HOURS_TODAY, card.resource.id)
            blocks.append(block)
        if (
            answer.fallback
            and answer.intent is Intent.FIND_SERVICE
            and answer.fallback.resource.id not in {c.resource.id for c in answer.cards}
        ):
            blocks.append(section(text.rsplit("\n", 1)[-1]))
        if answer.intent is Intent.FIND_SERVICE and answer.understanding.needs:
            blocks.append(actions("consult", [button("SSWに相談する", ids.OPEN_CONSULT, "通常")]))
    answered = [c.resource.name for c in answer.cards]
    feedback_value = json.dumps(
        {
            "q": clip(question, 500),
            "i": answer.intent.value,
            "m": answer.municipality.name,
            "r": answered,
        },
        ensure_ascii=False,
    )
    blocks.append(
        actions(
            "feedback",
            [
                button("役に立った", ids.FEEDBACK_GOOD, feedback_value),
                button("違った", ids.FEEDBACK_BAD, feedback_value),
            ],
        )
    )
    return {"text": text, "blocks": blocks[:MESSAGE_BLOCKS]}


def _option(text: str, value: str | None = None) -> dict[str, Any]:
    return {"text": _plain(text), "value": value or text}


def _school_inputs(schools: tuple[str, ...]) -> list[Block]:
    """The routing file's schools as a select (Slack filters it as the teacher types), and a
    field for a school not in the list; with no list, one field to type the name."""
    typed = {
        "type": "plain_text_input",
        "action_id": ids.FIELD,
        "placeholder": _plain("例: 第三中学校"),
        "max_length": 100,
    }
    if not schools:
        return [_input(ids.SCHOOL, "学校名", typed)]
    return [
        _input(
            ids.SCHOOL,
            "学校",
            {
                "type": "static_select",
                "action_id": ids.FIELD,
                "placeholder": _plain("学校名を入力して選ぶ"),
                "options": [_option(name) for name in schools[:SELECT_OPTIONS]],
            },
            optional=True,
        ),
        _input(
            ids.SCHOOL_OTHER,
            "一覧にない学校",
            typed,
            hint="一覧にないときだけ書きます（例: 桜野小学校）。中学校区が分からないため、SSW全員に届けます。",
            optional=True,
        ),
    ]


def consult_modal(
    categories: tuple[str, ...],
    draft_summary: str = "",
    urgent: bool = False,
    key: str = "",
    schools: tuple[str, ...] = (),
    chosen: tuple[str, ...] = (),
    safety: tuple[str, str] | None = None,
) -> View:
    """The consult form. Validation errors come back inline (response_action=errors).
    ``safety``: the directory's lines for immediate danger and abuse (110, 189)."""
    urgency_options = [_option(u.value) for u in Urgency]
    blocks: list[Block] = [
        section(slack_msg.modal_warning(safety)),
        *_school_inputs(schools),
        _input(
            ids.GRADE,
            "学年",
            {
                "type": "static_select",
                "action_id": ids.FIELD,
                "options": [_option(f"{g}年", str(g)) for g in range(1, 7)],
            },
        ),
        _input(
            ids.CATEGORIES,
            "困りごと（複数可）",
            {
                "type": "multi_static_select",
                "action_id": ids.FIELD,
                "options": [_option(c) for c in categories],
                **(
                    {"initial_options": [_option(c) for c in chosen if c in categories]}
                    if any(c in categories for c in chosen)
                    else {}
                ),
            },
        ),
        _input(
            ids.URGENCY,
            "急ぎ",
            {
                "type": "radio_buttons",
                "action_id": ids.FIELD,
                "options": urgency_options,
                "initial_option": urgency_options[1 if urgent else 0],
            },
        ),
        _input(
            ids.SUMMARY,
            "概要",
            {
                "type": "plain_text_input",
                "action_id": ids.FIELD,
                "multiline": True,
                "max_length": 1000,
                **({"initial_value": clip(draft_summary, 1000)} if draft_summary else {}),
            },
            hint="氏名は書かず「5年女子」のように。事実と、SSWにお願いしたいことを。",
        ),
        _input(
            ids.CONSENT,
            "保護者の同意",
            {
                "type": "static_select",
                "action_id": ids.FIELD,
                "options": [_option(c.value) for c in CONSENTS_ORDER],
            },
            hint="虐待が疑われるときは「取得不適」。同意がなくても相談できます。",
        ),
        _input(
            ids.CONTACT_TIME,
            "連絡のつきやすい時間",
            {"type": "plain_text_input", "action_id": ids.FIELD, "max_length": 200},
            optional=True,
        ),
    ]
    return {
        "type": "modal",
        "callback_id": ids.CONSULT_MODAL,
        "title": _plain("SSWへの相談"),
        "submit": _plain("送信"),
        "close": _plain("キャンセル"),
        "private_metadata": json.dumps({"key": key}),
        "blocks": blocks,
    }


def _input(
    block_id: str,
    label: str,
    element: dict[str, Any],
    hint: str | None = None,
    optional: bool = False,
) -> Block:
    block: Block = {
        "type": "input",
        "block_id": block_id,
        "label": _plain(label),
        "element": element,
        "optional": optional,
    }
    if hint:
        block["hint"] = _plain(hint)
    return block


def close_modal(number: str) -> View:
    options = [_option(label, outcome.value) for outcome, label in OUTCOME_OPTIONS]
    return {
        "type": "modal",
        "callback_id": ids.CLOSE_MODAL,
        "title": _plain(f"完了 {number}"),
        "submit": _plain("完了にする"),
        "close": _plain("やめる"),
        "private_metadata": json.dumps({"number": number}),
        "blocks": [
            _input(
                ids.OUTCOME,
                "結果",
                {"type": "static_select", "action_id": ids.FIELD, "options": options},
            ),
            _input(
                ids.NOTE,
                "メモ（SSWと相談者だけが見ます）",
                {
                    "type": "plain_text_input",
                    "action_id": ids.FIELD,
                    "multiline": True,
                    "max_length": 1000,
                },
                optional=True,
            ),
        ],
    }


def details_modal(consult: Consult) -> View:
    return {
        "type": "modal",
        "callback_id": ids.DETAILS_MODAL,
        "title": _plain(f"相談 {consult.number}"),
        "close": _plain("閉じる"),
        "blocks": [
            section(clip(details_text(consult), PLAIN_INPUT)),
            {
                "type": "context",
                "elements": [
                    _text("この閲覧は記録されます。内容をチャンネルに貼らないでください。")
                ],
            },
        ],
    }


def queue_message(payload: dict[str, Any]) -> dict[str, Any]:
    """The SSW channel message of one consult: no summary, ever (it is not in the payload)."""
    view = payload["consult"]
    mention = " ".join(f"<@{u}>" for u in payload.get("mention", []))
    line = channel_line(view)
    heading = ":rotating_light: *至急* " if view["urgency"] == Urgency.URGENT.value else ""
    blocks: list[Block] = [section(f"{heading}{line}" + (f"\n{mention}" if mention else ""))]
    if not payload.get("known_school", True):
        line = f"{line}\n{UNKNOWN_SCHOOL}"
        blocks.append({"type": "context", "elements": [_text(UNKNOWN_SCHOOL)]})
    status = view["status"]
    number = view["number"]
    buttons = [button("詳細を見る", ids.QUEUE_DETAILS, number)]
    if status == Status.RECEIVED.value:
        buttons.insert(0, button("担当する", ids.QUEUE_CLAIM, number, "primary"))
    if status == Status.ASSIGNED.value:
        buttons.insert(0, button("対応中", ids.QUEUE_START, number))
    if status in (Status.ASSIGNED.value, Status.IN_PROGRESS.value):
        buttons.insert(1, button("完了", ids.QUEUE_CLOSE, number))
        buttons.append(button("引き継ぐ", ids.QUEUE_TAKE_OVER, number))
    blocks.append(actions(f"queue_{number}", buttons))
    return {"text": line, "blocks": blocks}


NO_NUMBERS: Mapping[str, str] = MappingProxyType({})


def home_view(
    *,
    is_ssw: bool,
    mine: list[Consult],
    unclaimed: list[Consult],
    filed: list[Consult],
    general_window: str,
    names: Mapping[str, str] = NO_NAMES,
    emergency_numbers: Mapping[str, str] = NO_NUMBERS,
) -> View:
    """``emergency_numbers``: the first line's number for each danger level (from the
    directory), which the home names beside the general window."""
    immediate, abuse, child = (
        emergency_numbers.get(level) for level in (Danger.IMMEDIATE, Danger.ABUSE, Danger.SUICIDE)
    )
    blocks: list[Block] = [
        {"type": "header", "text": _plain("madoguchi（窓口）")},
        section(msg.help_text((immediate, abuse) if immediate and abuse else None)),
        section(slack_msg.home_first_calls(general_window, abuse, child)),
        actions("home_consult", [button("SSWに相談する", ids.OPEN_CONSULT, "通常", "primary")]),
    ]
    if is_ssw:
        blocks.append({"type": "header", "text": _plain("担当中の相談")})
        blocks += _consult_rows(mine, "担当中の相談はありません。", names=names)
        blocks.append({"type": "header", "text": _plain("担当が決まっていない相談")})
        blocks += _consult_rows(unclaimed, "担当待ちの相談はありません。", names=names)
    blocks.append({"type": "header", "text": _plain("あなたが出した相談")})
    blocks += _consult_rows(filed, "まだ相談は出していません。", buttons=False, names=names)
    return {"type": "home", "blocks": blocks[:VIEW_BLOCKS]}


def _consult_rows(
    consults: list[Consult],
    empty: str,
    buttons: bool = True,
    names: Mapping[str, str] = NO_NAMES,
) -> list[Block]:
    if not consults:
        return [section(empty)]
    rows = []
    for consult in consults[:20]:
        block = section(channel_line(channel_view(consult, names)))
        if buttons:
            action = ids.QUEUE_CLAIM if consult.status is Status.RECEIVED else ids.QUEUE_DETAILS
            block["accessory"] = button(
                "担当する" if action == ids.QUEUE_CLAIM else "詳細を見る", action, consult.number
            )
        rows.append(block)
    return rows
