"""In HTTP mode a request is acked once its work is stored; any worker's background thread does it."""

from __future__ import annotations

import json
from datetime import timedelta

from slack_sdk import WebClient
from sqlalchemy import Engine, select, update

from bot.slack.app import build_app
from bot.slack.runtime.dedupe import forget_old_events, record_event
from bot.slack.runtime.jobs import JobRunner, JobStore
from bot.slack.serve import wsgi_app
from bot.storage.db import JobRow, SlackEventRow
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


def test_acked_mention_waits_in_the_job_table_until_the_job_worker_answers_it(
    engine: Engine, fake_slack: FakeSlack
) -> None:
    clock = [tokyo("2026-11-24 10:00")]
    client = WebClient(token=BOT_TOKEN, base_url=fake_slack.base_url)
    services = one_workspace(engine, client, lambda: clock[0])
    web = build_app(services, client, SIGNING_SECRET)
    url, server = serve_wsgi(wsgi_app(web, SIGNING_SECRET, services))
    try:
        event = {
            "type": "app_mention",
            "user": TEACHER,
            "text": "<@UBOT> 教育支援センターの番号を教えて",
            "channel": "C1",
            "ts": "1.1",
        }
        assert (
            signed_post(f"{url}/slack/events", event_body(event, "EvJob1"), "application/json")[0]
            == 200
        )
    finally:
        server.shutdown()
        server.server_close()
    assert fake_slack.called("chat.postMessage") == []
    with engine.connect() as connection:
        assert list(connection.scalars(select(JobRow.status))) == ["pending"]

    worker_app = build_app(services, client, SIGNING_SECRET)
    with engine.begin() as connection:  # a job worker took it and died before finishing
        connection.execute(
            update(JobRow).values(status="running", lease_until=clock[0] + timedelta(seconds=60))
        )
    alive = JobRunner(worker_app, engine, lambda: clock[0])
    assert alive.run_once() == 0  # still leased by the dead worker
    clock[0] += timedelta(seconds=61)
    assert alive.run_once() == 1
    assert alive.run_once() == 0
    posted = fake_slack.wait_for("chat.postMessage")
    assert len(posted) == 1 and "0422-60-1899" in posted[0]["text"]
    with engine.connect() as connection:  # answered: the teacher's words are not kept
        assert list(connection.scalars(select(JobRow.body))) == []


def test_a_mentions_first_copy_is_stored_and_wakes_the_background_and_a_retry_is_not(
    engine: Engine,
) -> None:
    received = tokyo("2026-11-24 10:00")
    woken: list[str] = []
    store = JobStore(engine, lambda: received, on_stored=lambda: woken.append("job"))
    event = {"type": "app_mention", "user": TEACHER, "text": "<@UBOT> 不登校", "ts": "1.1"}
    body = json.loads(event_body(event, "EvFirst"))

    for _ in range(2):  # Slack's retry of the same event
        store.store("on_mention", body)
    assert woken == ["job"]
    with engine.connect() as connection:
        assert len(list(connection.scalars(select(JobRow.id)))) == 1


def test_event_ids_are_kept_a_day_for_retries_then_forgotten(engine: Engine) -> None:
    received = tokyo("2026-11-24 10:00")
    with engine.begin() as connection:
        assert record_event(connection, "EvOld", received)
        assert record_event(connection, "EvNew", received + timedelta(hours=23))
    assert forget_old_events(engine, received + timedelta(hours=2)) == 0
    with engine.begin() as connection:  # Slack's retry an hour later is still caught
        assert not record_event(connection, "EvOld", received + timedelta(hours=1))
    assert forget_old_events(engine, received + timedelta(days=1, minutes=1)) == 1
    with engine.connect() as connection:
        assert list(connection.scalars(select(SlackEventRow.event_id))) == ["EvNew"]
