"""Bad input at the HTTP edge, as an attacker or a broken client sends it: every probe gets a
4xx (or, when signed, an inline form error or a private sentence), nothing gets a 500, and the
log holds no traceback and none of the body."""

from __future__ import annotations

import hmac
import json
import logging
import socket
import time
import urllib.error
import urllib.parse
import urllib.request
from typing import Any

import pytest
from sqlalchemy import func, select

from bot.storage.db import ConsultRow
from tests.queue.conftest import SSW_DISTRICT_3, TEACHER
from tests.slack.conftest import Running
from tests.slack.harness import SIGNING_SECRET, consult_form, payload_body, signed_post
from tests.slack.test_slack_end_to_end import button

FORM = "application/x-www-form-urlencoded"
JSON = "application/json"


def raw_post(url: str, body: bytes, headers: dict[str, str]) -> int:
    request = urllib.request.Request(url, data=body, method="POST", headers=headers)
    try:
        with urllib.request.urlopen(request, timeout=10) as response:
            return int(response.status)
    except urllib.error.HTTPError as exc:
        return int(exc.code)


def signed_bytes(url: str, body: bytes, content_type: str) -> int:
    """Signed as Slack signs: an HMAC of the raw bytes (which need not be UTF-8 here)."""
    stamp = str(int(time.time()))
    base = b"v0:" + stamp.encode() + b":" + body
    signature = "v0=" + hmac.new(SIGNING_SECRET.encode(), base, "sha256").hexdigest()
    headers = {
        "Content-Type": content_type,
        "X-Slack-Request-Timestamp": stamp,
        "X-Slack-Signature": signature,
    }
    return raw_post(url, body, headers)


UNSIGNED_JUNK: list[tuple[bytes, dict[str, str]]] = [
    (b'{"type": "event_callback", "event": {', {"Content-Type": JSON}),
    (b'{"team":5}', {"Content-Type": JSON}),
    (b"\xff\xfe\x00garbage", {"Content-Type": JSON}),
    (b"payload=%7B%22type", {"Content-Type": FORM}),
    (b"{}", {"Content-Type": JSON, "X-Slack-Request-Timestamp": "abc"}),
    (b"{}", {"Content-Type": JSON, "X-Slack-Request-Timestamp": "¹²³"}),
    (b"{}", {"Content-Type": JSON, "X-Slack-Request-Timestamp": "99999999999999999999"}),
    (b"{}", {"Content-Type": JSON, "X-Slack-Request-Timestamp": "1", "X-Slack-Signature": "v0=1"}),
    (b"{}", {"Content-Type": JSON, "X-Slack-Signature": "\u00e9"}),
]


def assert_no_traceback(caplog: pytest.LogCaptureFixture) -> None:
    assert not [r for r in caplog.records if r.exc_info or r.levelno >= logging.ERROR]


def test_unsigned_junk_is_refused_before_it_is_parsed(
    running: Running, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.INFO)
    for body, headers in UNSIGNED_JUNK:
        assert raw_post(running.events, body, headers) in (400, 401), body
    assert_no_traceback(caplog)
    assert "event_callback" not in caplog.text and "garbage" not in caplog.text


SIGNED_JUNK: list[tuple[bytes, str]] = [
    (b'{"type": "event_callback", "event": {', JSON),
    (b'{"team":5}', JSON),
    (b"[1, 2, 3]", JSON),
    (b'{"type": "event_callback", "team_id": 7, "event": {"type": "app_mention"}}', JSON),
    (b'{"type": "event_callback", "event": "app_mention"}', JSON),
    (b"\xff\xfe\x00garbage", JSON),
    (b"[" * 5000 + b"]" * 5000, JSON),
    (b"payload=not-json", FORM),
    (b"payload=%5B%5D", FORM),
    (b'payload={"type": "block_actions", "actions": "x"}', FORM),
    (b'payload={"type": "view_submission", "user": "U1", "view": 3}', FORM),
]


def test_signed_but_malformed_bodies_get_400_not_500(
    running: Running, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.INFO)
    for body, content_type in SIGNED_JUNK:
        assert signed_bytes(running.events, body, content_type) == 400, body[:40]
    assert_no_traceback(caplog)


def test_an_oversized_body_gets_413_before_it_is_read(running: Running) -> None:
    host, port = running.url.removeprefix("http://").split(":")
    with socket.create_connection((host, int(port)), timeout=10) as connection:
        connection.sendall(
            b"POST /slack/events HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
            b"Content-Length: 1048577\r\n\r\n{"
        )
        assert connection.recv(100).startswith(b"HTTP/1.0 413")


def submitted(running: Running, **overrides: Any) -> dict[str, Any]:
    form = consult_form("V1", TEACHER, **overrides)  # as Slack sends it: JSON escapes, ASCII
    status, body = signed_post(
        running.events, urllib.parse.urlencode({"payload": json.dumps(form)}), FORM
    )
    assert status == 200
    answer: dict[str, Any] = json.loads(body)
    return answer


def selected(value: str) -> dict[str, Any]:
    return {"value": {"type": "static_select", "selected_option": {"value": value}}}


def typed(value: str) -> dict[str, Any]:
    return {"value": {"type": "plain_text_input", "value": value}}


@pytest.mark.parametrize(
    ("field", "override"),
    [
        ("grade", {"grade": selected("abc")}),
        ("urgency", {"urgency": selected("大至急")}),
        ("consent", {"consent": selected("たぶん")}),
        ("categories", {"categories": {}}),
        ("summary", {"summary": typed("欠席が続いている\ud800")}),
        ("summary", {"summary": typed("欠席が\x00続いている")}),
        ("summary", {"summary": typed("欠席が\x1b[31m続いている")}),
        ("school", {"school": typed("第三" * 100 + "中学校")}),
        ("contact_time", {"contact_time": typed("放課後" * 100)}),
    ],
)
def test_a_malformed_consult_form_is_answered_inline_and_nothing_is_stored(
    running: Running, caplog: pytest.LogCaptureFixture, field: str, override: dict[str, Any]
) -> None:
    caplog.set_level(logging.INFO)
    answer = submitted(running, **override)
    assert answer["response_action"] == "errors" and field in answer["errors"]
    assert all(isinstance(text, str) and text for text in answer["errors"].values())
    with running.queue.engine.connect() as connection:
        assert connection.scalar(select(func.count()).select_from(ConsultRow)) == 0
    assert_no_traceback(caplog)
    assert "続いている" not in caplog.text


def test_a_form_with_a_view_id_no_slack_would_send_is_refused_inline(running: Running) -> None:
    form = consult_form("V" * 500, TEACHER)
    status, body = signed_post(running.events, payload_body(form), FORM)
    assert status == 200 and json.loads(body)["response_action"] == "errors"


def test_a_close_form_with_foreign_private_metadata_is_answered_inline(
    running: Running, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.INFO)
    for metadata in ("not json", "[]", '{"number": 5}', '{"other": "x"}'):
        close = {
            "type": "view_submission",
            "team": {"id": "T1"},
            "user": {"id": SSW_DISTRICT_3},
            "api_app_id": "A1",
            "trigger_id": "t",
            "view": {
                "id": "VCLOSE",
                "type": "modal",
                "callback_id": "close_modal",
                "private_metadata": metadata,
                "state": {"values": {}},
                "hash": "h",
            },
        }
        status, body = signed_post(running.events, payload_body(close), FORM)
        assert status == 200 and json.loads(body)["response_action"] == "errors", metadata
    assert_no_traceback(caplog)


def test_a_button_without_a_value_gets_a_private_sentence_and_no_retried_job(
    running: Running, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.INFO)
    for action_id in ("queue_claim", "queue_start", "queue_close", "queue_details", "feedback_bad"):
        press = button(action_id, "x", SSW_DISTRICT_3)
        del press["actions"][0]["value"]
        assert signed_post(running.events, payload_body(press), FORM)[0] == 200
    told = running.slack.wait_for("chat.postEphemeral", count=5)
    assert len(told) == 5 and all("ボタン" in t["text"] for t in told)
    assert_no_traceback(caplog)
