"""The SSW channel's buttons are the lifecycle's moves: for every status, a consult's message
offers exactly the moves the table allows from it, in one fixed order, and App Home offers
担当する exactly where the channel does."""

from __future__ import annotations

from dataclasses import replace
from typing import Any

import pytest

from bot.slack.blocks.home import home_view
from bot.slack.blocks.queue import queue_message
from consults.lifecycle import TRANSITIONS, Action
from consults.model import Consent, Consult, SchoolType, Status, Urgency
from consults.notifications import channel_view
from tests.queue.conftest import tokyo

# what each queue button does, read off the buttons the way Slack sends them back
MOVE_OF_BUTTON = {
    "queue_claim": Action.CLAIM,
    "queue_start": Action.START,
    "queue_close": Action.CLOSE,
    "queue_details": Action.VIEW,
    "queue_take_over": Action.TAKE_OVER,
}
CHANNEL_ORDER = (Action.CLAIM, Action.START, Action.CLOSE, Action.VIEW, Action.TAKE_OVER)
# moves made outside the channel message: a supervisor's reassignment (CLI), the requester's
# withdrawal and added information, erasing the free text after closing
MADE_ELSEWHERE = {Action.REASSIGN, Action.WITHDRAW, Action.ADD_INFO, Action.PURGE}

CONSULT = Consult(
    id=1,
    number="2026-0007",
    fiscal_year=2026,
    requester="UTEACHER",
    school="第三中学校",
    school_type=SchoolType.JUNIOR_HIGH,
    district="第三中学校区",
    grade=2,
    categories=("不登校",),
    urgency=Urgency.NORMAL,
    summary="2年男子。朝起きられず欠席が続いている。",
    consent=Consent.UNCONFIRMED,
    contact_time="",
    status=Status.RECEIVED,
    assignee=None,
    outcome=None,
    outcome_note=None,
    created_at=tokyo("2026-11-24 10:00"),
    claimed_at=None,
    closed_at=None,
    channel_message=None,
)


def offered_in_channel(status: Status) -> list[dict[str, Any]]:
    consult = replace(CONSULT, status=status, assignee=None if status is Status.RECEIVED else "U1")
    message = queue_message({"consult": channel_view(consult), "mention": []})
    (buttons,) = [block for block in message["blocks"] if block["type"] == "actions"]
    return list(buttons["elements"])


def moves_the_lifecycle_allows(status: Status) -> list[Action]:
    return [action for action in CHANNEL_ORDER if (status, action) in TRANSITIONS]


@pytest.mark.parametrize("status", list(Status), ids=lambda status: status.name.lower())
def test_the_channel_offers_exactly_the_moves_the_lifecycle_allows(status: Status) -> None:
    offered = [MOVE_OF_BUTTON[b["action_id"]] for b in offered_in_channel(status)]
    assert offered == moves_the_lifecycle_allows(status)


def test_an_assigned_consult_offers_start_close_details_and_take_over_in_that_order() -> None:
    labels = [b["text"]["text"] for b in offered_in_channel(Status.ASSIGNED)]
    assert labels == ["対応中", "完了", "詳細を見る", "引き継ぐ"]
    received = offered_in_channel(Status.RECEIVED)
    assert [b["text"]["text"] for b in received] == ["担当する", "詳細を見る"]
    assert received[0]["style"] == "primary" and received[0]["value"] == "2026-0007"


def test_every_move_of_the_lifecycle_is_a_channel_button_or_made_elsewhere() -> None:
    """A new move in the lifecycle must be given a button or named here as made elsewhere."""
    assert set(CHANNEL_ORDER) | MADE_ELSEWHERE == set(Action)
    assert not set(CHANNEL_ORDER) & MADE_ELSEWHERE


@pytest.mark.parametrize("status", list(Status), ids=lambda status: status.name.lower())
def test_an_ssws_home_offers_claim_where_the_lifecycle_allows_it_else_details(
    status: Status,
) -> None:
    consult = replace(CONSULT, status=status)
    home = home_view(is_ssw=True, mine=[consult], unclaimed=[], filed=[], general_window="X")
    (row,) = [block for block in home["blocks"] if "accessory" in block]
    expected = Action.CLAIM if (status, Action.CLAIM) in TRANSITIONS else Action.VIEW
    assert MOVE_OF_BUTTON[row["accessory"]["action_id"]] is expected
