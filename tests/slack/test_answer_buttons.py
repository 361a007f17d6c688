"""The buttons under an answer carry what they mean (the window's id, what was asked, the day)
and are answered from it: a choice among windows answers the question asked about the window
chosen, and 今日の開館時間 gives that window's hours — never a question made up and re-read."""

from __future__ import annotations

import json
from typing import Any

from tests.queue.conftest import TEACHER
from tests.slack.conftest import Running
from tests.slack.harness import form_body, payload_body, signed_post

FORM = "application/x-www-form-urlencoded"


def ask_privately(running: Running, question: str) -> dict[str, Any]:
    body = form_body(
        {
            "command": "/madoguchi",
            "text": question,
            "user_id": TEACHER,
            "channel_id": "CTEACHERS",
            "team_id": "T1",
            "trigger_id": "t",
            "response_url": running.slack.response_url,
        }
    )
    status, _ = signed_post(running.events, body, FORM)
    assert status == 200
    return running.slack.wait_for("response_url")[-1]


def press(running: Running, element: dict[str, Any]) -> None:
    payload = {
        "type": "block_actions",
        "team": {"id": "T1"},
        "user": {"id": TEACHER},
        "api_app_id": "A1",
        "trigger_id": "trigger-3",
        "channel": {"id": "CTEACHERS"},
        "container": {"type": "message", "channel_id": "CTEACHERS", "message_ts": "1.5"},
        "message": {"ts": "1.5", "text": "", "blocks": []},
        "response_url": running.slack.response_url,
        "actions": [
            {
                "action_id": element["action_id"],
                "block_id": "b",
                "type": "button",
                "value": element["value"],
                "action_ts": "1",
            }
        ],
    }
    status, _ = signed_post(running.events, payload_body(payload), FORM)
    assert status == 200


def test_choosing_a_window_after_asking_its_phone_number_gives_its_phone_not_its_hours(
    running: Running,
) -> None:
    reply = ask_privately(running, "教育相談の電話番号")
    (choices,) = [b for b in reply["blocks"] if b.get("block_id") == "clarify"]
    chosen = choices["elements"][0]
    assert chosen["text"]["text"] == "教育支援センター"
    assert json.loads(chosen["value"]) == {
        "r": "musashino-kyoiku-shien-center",
        "i": "contact",
    }
    press(running, chosen)
    answer = running.slack.wait_for("response_url", 2)[-1]
    assert "教育支援センター" in answer["text"] and "0422-60-1899" in answer["text"]
    # a contact answer: the address, as asked of a window's contact
    assert "武蔵野市吉祥寺北町4-11-37" in answer["text"]
    assert "学校派遣相談員" not in answer["text"]


def test_a_contact_answers_hours_button_gives_that_windows_hours(running: Running) -> None:
    reply = ask_privately(running, "子家センのフリーダイヤルの番号は？")
    buttons = [
        b["accessory"]
        for b in reply["blocks"]
        if b.get("accessory", {}).get("action_id") == "hours_today"
    ]
    assert buttons and buttons[0]["value"] == "musashino-kodomo-katei-shien-center"
    press(running, buttons[0])
    (told,) = running.slack.wait_for("chat.postEphemeral")
    assert told["user"] == TEACHER
    text = told["text"]
    assert text.startswith("*子ども家庭支援センター*")
    # today (2026-11-24 10:00, a Tuesday) at that window: its hours, open now
    assert "開いています" in text or "つながります" in text


def test_a_choice_button_the_app_did_not_make_is_refused_in_one_sentence(
    running: Running,
) -> None:
    press(running, {"action_id": "clarify_0", "value": "はらっぱ"})
    told = running.slack.wait_for("response_url")[-1]
    assert told["response_type"] == "ephemeral" and "ボタン" in told["text"]
