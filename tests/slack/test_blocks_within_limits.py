"""Every payload fits Slack's Block Kit limits, checked with slack_sdk's own block models."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import yaml
from slack_sdk.models.blocks import Block
from slack_sdk.models.views import View

from bot.slack import limits
from bot.slack.blocks.answer import answer_message
from bot.slack.blocks.forms import close_modal, consult_modal, details_modal
from bot.slack.blocks.home import home_view
from bot.slack.blocks.queue import queue_message
from consults.model import Consent, Consult, SchoolType, Status, Urgency
from consults.notifications import channel_view
from tests.queue.conftest import VOCABULARY, tokyo
from tests.slack.conftest import ANSWER_ENGINE

DEV = Path(__file__).resolve().parents[3] / "shared" / "eval" / "dev.yaml"
QUESTIONS = (
    [c["q"] for c in yaml.safe_load(DEV.read_text(encoding="utf-8"))] if DEV.exists() else []
)
QUESTIONS += ["はらっぱ", "児童館 今日あいてる？", "x" * 2000, "あざ " * 300, "使い方"]


def valid_blocks(blocks: list[dict], most: int) -> None:  # type: ignore[type-arg]
    assert len(blocks) <= most
    for block in Block.parse_all(blocks):
        block.validate_json()
    for block in blocks:
        for element in block.get("elements", []) + (
            [block["accessory"]] if "accessory" in block else []
        ):
            if element.get("type") == "button":
                assert len(element["text"]["text"]) <= limits.BUTTON_TEXT
                assert len(element["value"]) <= limits.BUTTON_VALUE
    assert len(json.dumps(blocks)) < 50_000


def valid_view(view: dict) -> None:  # type: ignore[type-arg]
    View(**view).validate_json()
    for key in ("title", "submit", "close"):
        if key in view:
            assert len(view[key]["text"]) <= limits.MODAL_TITLE
    assert len(view.get("private_metadata", "")) <= limits.PRIVATE_METADATA
    valid_blocks(view["blocks"], limits.VIEW_BLOCKS)


@pytest.mark.parametrize("question", QUESTIONS)
def test_every_answer_fits_a_message(question: str) -> None:
    answer = ANSWER_ENGINE.answer(question, tokyo("2026-11-24 10:00"))
    message = answer_message(answer, question)
    valid_blocks(message["blocks"], limits.MESSAGE_BLOCKS)
    assert message["text"]


CONSULT = Consult(
    id=1,
    number="2026-0042",
    fiscal_year=2026,
    requester="U1",
    school="第三中学校",
    school_type=SchoolType.JUNIOR_HIGH,
    district="第三中学校区",
    grade=2,
    categories=tuple(VOCABULARY.categories),
    urgency=Urgency.URGENT,
    summary="概要" * 400,
    consent=Consent.UNCONFIRMED,
    contact_time="放課後",
    status=Status.RECEIVED,
    assignee=None,
    outcome=None,
    outcome_note=None,
    created_at=tokyo("2026-11-24 10:00"),
    claimed_at=None,
    closed_at=None,
    channel_message=None,
)


def test_modals_fit_including_24_character_titles() -> None:
    valid_view(consult_modal(VOCABULARY.categories, "下書き" * 600, urgent=True, key="k"))
    valid_view(close_modal("2026-0042"))
    valid_view(details_modal(CONSULT))


def test_queue_message_and_home_fit() -> None:
    for status in Status:
        payload = {
            "consult": channel_view(CONSULT) | {"status": status.value},
            "mention": [f"U{i:08d}" for i in range(8)],
        }
        valid_blocks(queue_message(payload)["blocks"], limits.MESSAGE_BLOCKS)
    many = [CONSULT] * 60
    valid_view(
        home_view(
            is_ssw=True,
            mine=many,
            unclaimed=many,
            filed=many,
            general_window="子ども家庭支援センター",
        )
    )
