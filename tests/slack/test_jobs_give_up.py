"""Stored work that can never succeed is not retried five times in silence: a listener that
fails on what it was given fails once and is set aside; Slack or the network failing is retried,
after Slack's Retry-After when it gives one."""

from __future__ import annotations

import json
from datetime import timedelta

from slack_sdk import WebClient
from slack_sdk.errors import SlackApiError
from slack_sdk.web import SlackResponse
from sqlalchemy import Engine, select

from bot.slack.app import build_app
from bot.slack.runtime.jobs import RETRY_AFTER, JobRunner, retry_delay, worth_retrying
from bot.slack.serve import wsgi_app
from bot.storage.db import JobRow
from tests.queue.conftest import TEACHER, tokyo
from tests.slack.conftest import one_workspace
from tests.slack.harness import (
    BOT_TOKEN,
    SIGNING_SECRET,
    FakeSlack,
    event_body,
    serve_wsgi,
    signed_post,
)

NOW = tokyo("2026-11-24 10:00")


def test_a_mention_the_listener_cannot_read_fails_once_and_is_set_aside(
    engine: Engine, fake_slack: FakeSlack
) -> None:
    client = WebClient(token=BOT_TOKEN, base_url=fake_slack.base_url)
    services = one_workspace(engine, client, lambda: NOW)
    app = build_app(services, client, SIGNING_SECRET)
    url, server = serve_wsgi(wsgi_app(app, SIGNING_SECRET, services))
    try:
        no_channel = {"type": "app_mention", "user": TEACHER, "text": "<@UBOT> 不登校", "ts": "1.1"}
        status, _ = signed_post(
            f"{url}/slack/events", event_body(no_channel, "EvBug1"), "application/json"
        )
        assert status == 200
    finally:
        server.shutdown()
        server.server_close()
    runner = JobRunner(app, engine, lambda: NOW)
    assert runner.run_once() == 0
    with engine.connect() as connection:
        assert list(connection.execute(select(JobRow.status, JobRow.attempts))) == [("failed", 1)]
    assert runner.run_once() == 0  # not taken again


def rate_limited(retry_after: str) -> SlackApiError:
    response = SlackResponse(
        client=None,
        http_verb="POST",
        api_url="https://slack.invalid/api/chat.postMessage",
        req_args={},
        data={"ok": False, "error": "ratelimited"},
        headers={"Retry-After": retry_after},
        status_code=429,
    )
    return SlackApiError("ratelimited", response)


def test_slack_and_the_network_are_retried_and_a_429_waits_for_retry_after() -> None:
    assert worth_retrying(rate_limited("1")) and worth_retrying(ConnectionResetError())
    assert not worth_retrying(KeyError("channel")) and not worth_retrying(
        json.JSONDecodeError("x", "", 0)
    )
    assert retry_delay(rate_limited("7"), attempts=1) == timedelta(seconds=7)
    assert retry_delay(rate_limited("soon"), attempts=2) == RETRY_AFTER * 2
    assert retry_delay(ConnectionResetError(), attempts=3) == RETRY_AFTER * 4
