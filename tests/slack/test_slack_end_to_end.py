"""What Slack users see, driven through the real Bolt app with signed HTTP requests."""

from __future__ import annotations

import json
import logging
import time
from typing import Any

import pytest

from bot.storage import gaps
from tests.queue.conftest import SSW_DISTRICT_3, TEACHER, tokyo
from tests.slack.conftest import QUEUE_CHANNEL, Running
from tests.slack.harness import (
    consult_form,
    event_body,
    eventually,
    form_body,
    payload_body,
    signed_post,
)

FORM = "application/x-www-form-urlencoded"
JSON = "application/json"


def consult_submission(view_id: str = "V1", **overrides: Any) -> dict[str, Any]:
    return consult_form(view_id, TEACHER, **overrides)


def button(action_id: str, value: str, user: str, channel: str = QUEUE_CHANNEL) -> dict[str, Any]:
    return {
        "type": "block_actions",
        "team": {"id": "T1"},
        "user": {"id": user},
        "api_app_id": "A1",
        "trigger_id": "trigger-2",
        "channel": {"id": channel},
        "container": {"type": "message", "channel_id": channel, "message_ts": "1700000000.000002"},
        "message": {"ts": "1700000000.000002", "text": "", "blocks": []},
        "response_url": "http://127.0.0.1:9/unused",
        "actions": [
            {
                "action_id": action_id,
                "block_id": "b",
                "type": "button",
                "value": value,
                "action_ts": "1",
            }
        ],
    }


def post_payload(running: Running, payload: dict[str, Any]) -> tuple[int, str]:
    return signed_post(running.events, payload_body(payload), FORM)


def test_teacher_asks_with_a_mention_and_gets_the_answer_in_the_thread(running: Running) -> None:
    event = {
        "type": "app_mention",
        "user": TEACHER,
        "text": "<@UBOT> はらっぱって今日は開いてますか？",
        "channel": "CTEACHERS",
        "ts": "1700000100.000100",
    }
    status, _ = signed_post(running.events, event_body(event, "Ev001"), JSON)
    assert status == 200
    posted = running.slack.wait_for("chat.postMessage")[0]
    assert posted["channel"] == "CTEACHERS" and posted["thread_ts"] == "1700000100.000100"
    assert "0123はらっぱ" in posted["text"] and "0422-56-3210" in posted["text"]
    assert any(b["type"] == "actions" and b["block_id"] == "feedback" for b in posted["blocks"])


def test_a_retried_event_is_answered_once(running: Running) -> None:
    event = {
        "type": "app_mention",
        "user": TEACHER,
        "text": "<@UBOT> 不登校の相談はどこ？",
        "channel": "C1",
        "ts": "1.2",
    }
    for retry in ("", "1", "2"):
        headers = (
            {"X-Slack-Retry-Num": retry, "X-Slack-Retry-Reason": "http_timeout"} if retry else {}
        )
        status, _ = signed_post(running.events, event_body(event, "Ev002"), JSON, headers=headers)
        assert status == 200
    running.slack.wait_for("chat.postMessage")
    time.sleep(0.5)
    assert len(running.slack.called("chat.postMessage")) == 1


def test_dm_to_the_bot_is_answered_and_emergency_comes_first(running: Running) -> None:
    event = {
        "type": "message",
        "channel_type": "im",
        "user": TEACHER,
        "text": "腕にあざがあって家に帰りたくないと言っている子がいる",
        "channel": "D1",
        "ts": "1.3",
    }
    signed_post(running.events, event_body(event, "Ev003"), JSON)
    posted = running.slack.wait_for("chat.postMessage")[0]
    assert posted["channel"] == "D1" and posted.get("thread_ts") in (None, "")
    first = posted["blocks"][0]["text"]["text"]
    assert "189" in first and first.index("189") < first.index("子ども家庭支援センター")
    assert "24時間見守られていません" in first
    assert posted["blocks"][1]["elements"][0]["action_id"] == "open_urgent_consult"


def test_slash_madoguchi_answers_privately(running: Running) -> None:
    body = form_body(
        {
            "command": "/madoguchi",
            "text": "子家センのフリーダイヤルの番号は？",
            "user_id": TEACHER,
            "channel_id": "C1",
            "team_id": "T1",
            "trigger_id": "t",
            "response_url": running.slack.response_url,
        }
    )
    status, _ = signed_post(running.events, body, FORM)
    assert status == 200
    reply = running.slack.wait_for("response_url")[0]
    assert reply["response_type"] == "ephemeral" and "0120-839-002" in reply["text"]


def test_ssw_command_and_message_shortcut_open_the_form(running: Running) -> None:
    signed_post(
        running.events,
        form_body(
            {
                "command": "/ssw",
                "text": "",
                "user_id": TEACHER,
                "channel_id": "C1",
                "team_id": "T1",
                "trigger_id": "trig-ssw",
                "response_url": running.slack.response_url,
            }
        ),
        FORM,
    )
    shortcut = {
        "type": "message_action",
        "callback_id": "consult_from_message",
        "trigger_id": "trig-sc",
        "team": {"id": "T1"},
        "user": {"id": TEACHER},
        "channel": {"id": "C1"},
        "message": {"type": "message", "text": "3年の女子、最近元気がない", "ts": "1.5"},
        "response_url": running.slack.response_url,
    }
    post_payload(running, shortcut)
    opened = {
        o["trigger_id"]: o for o in running.slack.wait_for("views.open", 2)
    }  # two lazy listeners: any order
    assert set(opened) == {"trig-ssw", "trig-sc"}
    summary = next(b for b in opened["trig-sc"]["view"]["blocks"] if b.get("block_id") == "summary")
    assert summary["element"]["initial_value"] == "3年の女子、最近元気がない"


def test_consult_goes_to_the_queue_channel_without_its_summary_and_is_claimed_in_place(
    running: Running,
) -> None:
    status, body = post_payload(running, consult_submission())
    assert status == 200 and body in ("", "null")
    posts = running.slack.wait_for("chat.postMessage", 2)
    assert "注意" not in next(p for p in posts if p["channel"] == TEACHER)["text"]
    dm = next(p for p in posts if p["channel"] == TEACHER)
    assert "2026-0001" in dm["text"]
    queue_post = next(p for p in posts if p["channel"] == QUEUE_CHANNEL)
    shared = json.dumps(queue_post, ensure_ascii=False)
    assert "欠席が続き" not in shared and "第三中学校" not in shared and "放課後" not in shared
    assert f"<@{SSW_DISTRICT_3}>" in shared and "中学校2年" in shared

    post_payload(running, button("queue_claim", "2026-0001", "UOTHERTEACHER"))
    refusal = running.slack.wait_for("chat.postEphemeral")[0]
    assert refusal["user"] == "UOTHERTEACHER" and "SSWだけ" in refusal["text"]

    post_payload(running, button("queue_claim", "2026-0001", SSW_DISTRICT_3))
    update = running.slack.wait_for("chat.update")[0]
    posted_ts = next(
        r["ts"]
        for r in running.slack.replies("chat.postMessage")
        if r.get("channel") == QUEUE_CHANNEL
    )
    assert update["channel"] == QUEUE_CHANNEL and update["ts"] == posted_ts
    assert "担当: SSW C" in update["text"] and "欠席" not in json.dumps(update, ensure_ascii=False)
    told = eventually(
        lambda: [
            p
            for p in running.slack.called("chat.postMessage")
            if p["channel"] == TEACHER and "担当が決まりました" in p["text"]
        ]
    )
    assert len(told) == 1


def test_a_retried_submission_files_one_consult(running: Running) -> None:
    for _ in range(3):
        assert post_payload(running, consult_submission(view_id="VSAME"))[0] == 200
    assert [c.number for c in running.queue.list_open()] == ["2026-0001"]
    queue_posts = eventually(
        lambda: [
            p for p in running.slack.called("chat.postMessage") if p["channel"] == QUEUE_CHANNEL
        ]
    )
    assert len(queue_posts) == 1


def test_form_errors_come_back_inline(running: Running) -> None:
    status, body = post_payload(
        running,
        consult_submission(
            grade={"value": {"type": "static_select", "selected_option": {"value": "5"}}},
            summary={"value": {"type": "plain_text_input", "value": ""}},
        ),
    )
    assert status == 200
    reply = json.loads(body)
    assert reply["response_action"] == "errors" and set(reply["errors"]) == {"grade", "summary"}
    assert running.queue.list_open() == []


def test_details_open_in_a_modal_for_the_ssw_and_are_refused_to_others(running: Running) -> None:
    post_payload(running, consult_submission())
    post_payload(running, button("queue_details", "2026-0001", "UOTHERTEACHER"))
    assert "SSWか相談を出した本人だけ" in running.slack.wait_for("chat.postEphemeral")[0]["text"]
    post_payload(running, button("queue_details", "2026-0001", SSW_DISTRICT_3))
    modal = running.slack.wait_for("views.open")[0]["view"]
    assert "欠席が続き" in json.dumps(modal, ensure_ascii=False)
    assert [a[1] for a in running.queue.audit_trail("2026-0001")].count("view") == 1


def test_close_asks_for_the_outcome_and_tells_the_requester(running: Running) -> None:
    post_payload(running, consult_submission())
    post_payload(running, button("queue_claim", "2026-0001", SSW_DISTRICT_3))
    assert eventually(lambda: running.queue.get("2026-0001").assignee == SSW_DISTRICT_3)
    post_payload(running, button("queue_close", "2026-0001", SSW_DISTRICT_3))
    modal = running.slack.wait_for("views.open")[0]["view"]
    assert modal["callback_id"] == "close_modal" and len(modal["title"]["text"]) <= 24
    values = {
        "outcome": {"value": {"type": "static_select", "selected_option": {"value": "解決"}}},
        "note": {"value": {"type": "plain_text_input", "value": "登校再開"}},
    }
    submission = {
        "type": "view_submission",
        "team": {"id": "T1"},
        "user": {"id": SSW_DISTRICT_3},
        "api_app_id": "A1",
        "view": {
            "id": "VC",
            "type": "modal",
            "callback_id": "close_modal",
            "private_metadata": modal["private_metadata"],
            "state": {"values": values},
            "hash": "h",
        },
    }
    assert post_payload(running, submission)[0] == 200
    assert running.queue.get("2026-0001").status.value == "完了"
    closed = eventually(
        lambda: [
            p
            for p in running.slack.called("chat.postMessage")
            if p["channel"] == TEACHER and "完了" in p["text"]
        ]
    )
    assert len(closed) == 1 and "解決" in closed[0]["text"]


def test_home_shows_an_ssw_their_waiting_consults_and_a_teacher_their_own(running: Running) -> None:
    post_payload(running, consult_submission())
    for user, event_id in ((SSW_DISTRICT_3, "EvH1"), (TEACHER, "EvH2")):
        signed_post(
            running.events,
            event_body(
                {"type": "app_home_opened", "user": user, "channel": "D9", "tab": "home"}, event_id
            ),
            JSON,
        )
    published = {
        p["user_id"]: json.dumps(p["view"], ensure_ascii=False)
        for p in running.slack.wait_for("views.publish", 2)
    }
    ssw_home, teacher_home = published[SSW_DISTRICT_3], published[TEACHER]
    assert (
        "担当が決まっていない相談" in ssw_home
        and "2026-0001" in ssw_home
        and "queue_claim" in ssw_home
    )
    assert (
        "あなたが出した相談" in teacher_home
        and "2026-0001" in teacher_home
        and "queue_claim" not in teacher_home
    )
    assert "欠席が続き" not in ssw_home + teacher_home


def test_wrong_answer_feedback_is_kept_without_personal_details(running: Running) -> None:
    value = json.dumps(
        {
            "q": "山田太郎くんの母 090-1234-5678 の件で使える制度",
            "i": "find_service",
            "m": "武蔵野市",
            "r": ["生活福祉課"],
        },
        ensure_ascii=False,
    )
    post_payload(running, button("feedback_bad", value, TEACHER, channel="C1"))
    kept = eventually(lambda: gaps.since(running.queue.engine, tokyo("2026-11-01 00:00")))
    assert len(kept) == 1 and kept[0].answered == ("生活福祉課",)
    assert "山田" not in kept[0].question and "090" not in kept[0].question


def test_bad_or_stale_signatures_are_rejected_and_the_body_is_not_logged(
    running: Running, caplog: pytest.LogCaptureFixture
) -> None:
    from bot.logs import RedactBodies

    for handler in logging.getLogger().handlers:
        handler.addFilter(RedactBodies())
    caplog.handler.addFilter(RedactBodies())
    event = event_body(
        {
            "type": "app_mention",
            "user": TEACHER,
            "text": "秘密の相談内容",
            "channel": "C1",
            "ts": "1.9",
        },
        "EvBAD",
    )
    with caplog.at_level(logging.DEBUG):
        assert signed_post(running.events, event, JSON, secret="wrong-secret")[0] == 401
        assert signed_post(running.events, event, JSON, timestamp=int(time.time()) - 600)[0] == 401
    assert "秘密の相談内容" not in caplog.text
    assert running.slack.called("chat.postMessage") == []


def test_rate_limited_queue_post_is_retried_through_the_outbox(running: Running) -> None:
    running.slack.failures["chat.postMessage"] = [
        (429, {"Retry-After": "1"}, {"ok": False, "error": "ratelimited"})
    ]
    post_payload(running, consult_submission())
    assert running.slack.called("chat.postMessage")[0]["channel"] == QUEUE_CHANNEL
    assert running.queue.get("2026-0001").channel_message is None
    running.services.clock = lambda: tokyo("2026-11-24 10:00:05")
    running.services.dispatcher.run_until_idle(running.services.clock)
    assert running.queue.get("2026-0001").channel_message is not None


def test_another_ssw_is_refused_close_but_takes_over_and_both_ssws_and_the_teacher_are_told(
    running: Running,
) -> None:
    post_payload(running, consult_submission())
    post_payload(running, button("queue_claim", "2026-0001", SSW_DISTRICT_3))
    running.slack.wait_for("chat.update")
    post_payload(running, button("queue_close", "2026-0001", "U0SSW0001"))
    refusal = running.slack.wait_for("chat.postEphemeral")[0]
    assert refusal["user"] == "U0SSW0001"
    assert "担当SSWかSSW統括だけ" in refusal["text"] and "引き継ぐ" in refusal["text"]
    assert running.slack.called("views.open") == []

    post_payload(running, button("queue_take_over", "2026-0001", "U0SSW0001"))

    def handed_over() -> dict[str, str] | None:
        said = {
            p["channel"]: p["text"]
            for p in running.slack.called("chat.postMessage")
            if "引き継ぎました" in p["text"] or "担当が替わりました" in p["text"]
        }
        return said if len(said) >= 3 else None

    told = eventually(handed_over)
    assert set(told) == {SSW_DISTRICT_3, "U0SSW0001", TEACHER}
    assert "SSW CさんからSSW Aさんへ" in told[TEACHER]
    assert running.queue.get("2026-0001").assignee == "U0SSW0001"
    actions = [a for _, a, _ in running.queue.audit_trail("2026-0001")]
    assert "take_over" in actions


def test_the_form_offers_the_schools_to_pick_and_a_school_not_listed_reaches_every_ssw(
    running: Running,
) -> None:
    signed_post(
        running.events,
        form_body(
            {
                "command": "/ssw",
                "text": "",
                "user_id": TEACHER,
                "channel_id": "C1",
                "team_id": "T1",
                "trigger_id": "trig-ssw",
                "response_url": running.slack.response_url,
            }
        ),
        FORM,
    )
    view = running.slack.wait_for("views.open")[0]["view"]
    school = next(b for b in view["blocks"] if b.get("block_id") == "school")
    assert school["element"]["type"] == "static_select"
    assert [o["value"] for o in school["element"]["options"]][:3] == [
        "第一中学校",
        "第二中学校",
        "第三中学校",
    ]
    assert any(b.get("block_id") == "school_other" for b in view["blocks"])

    picked = {"value": {"type": "static_select", "selected_option": {"value": "第三中学校"}}}
    post_payload(running, consult_submission(view_id="VPICK", school=picked))
    typed = {"value": {"type": "plain_text_input", "value": "桜野小学校"}}
    nothing = {"value": {"type": "static_select", "selected_option": None}}
    post_payload(
        running,
        consult_submission(view_id="VTYPE", school=nothing, school_other=typed, grade=GRADE_4),
    )
    first, second = sorted(running.queue.list_open(), key=lambda c: c.number)
    assert (first.school, first.district) == ("第三中学校", "第三中学校区")
    assert (second.school, second.district) == ("桜野小学校", None)

    def queue_posts() -> list[dict[str, Any]] | None:
        posts = [
            p for p in running.slack.called("chat.postMessage") if p["channel"] == QUEUE_CHANNEL
        ]
        return posts if len(posts) >= 2 else None

    posts = eventually(queue_posts)
    assert any("SSW全員に届けています" in p["text"] for p in posts)


GRADE_4 = {"value": {"type": "static_select", "selected_option": {"value": "4"}}}


def test_the_urgent_button_after_an_emergency_opens_the_form_with_urgent_and_abuse_chosen(
    running: Running,
) -> None:
    event = {
        "type": "message",
        "channel_type": "im",
        "user": TEACHER,
        "text": "腕にあざがあって家に帰りたくないと言っている子がいる",
        "channel": "D1",
        "ts": "1.9",
    }
    signed_post(running.events, event_body(event, "Ev909"), JSON)
    posted = running.slack.wait_for("chat.postMessage")[0]
    offered = posted["blocks"][1]["elements"][0]
    assert offered["value"] == "至急:児童虐待"
    pressed = button("open_urgent_consult", offered["value"] + ":存在しない分類", TEACHER, "D1")
    post_payload(running, pressed)
    view = running.slack.wait_for("views.open")[0]["view"]
    fields = {b.get("block_id"): b.get("element", {}) for b in view["blocks"]}
    assert [o["value"] for o in fields["categories"]["initial_options"]] == ["児童虐待"]
    assert fields["urgency"]["initial_option"]["value"] == "至急"
