"""The real Bolt app over signed HTTP, a fake Web API, and a real queue (SQLite or PostgreSQL)."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import datetime

import pytest
from slack_sdk import WebClient
from sqlalchemy import Engine

from bot.engine import build_engine
from bot.slack.app import Services, build_app
from bot.slack.runtime.jobs import JobRunner
from bot.slack.runtime.sender import SlackSender
from bot.slack.serve import wsgi_app
from bot.storage.consult_store import ConsultQueue
from bot.storage.outbox import Dispatcher
from bot.storage.setup import build_queue
from bot.workspaces import Workspace, Workspaces
from tests.queue.conftest import ROUTING, SAFETY, VOCABULARY, engine, tokyo  # noqa: F401  (the engine fixture)
from tests.slack.harness import BOT_TOKEN, SIGNING_SECRET, FakeSlack, JobThread, serve_wsgi

QUEUE_CHANNEL = "CQUEUE"
ANSWER_ENGINE = build_engine()


@dataclass
class Running:
    url: str
    slack: FakeSlack
    queue: ConsultQueue
    services: Services

    @property
    def events(self) -> str:
        return f"{self.url}/slack/events"


def one_workspace(
    database: Engine, client: WebClient, clock: Callable[[], datetime], channel: str = "CQ"
) -> Services:
    """武蔵野市's queue alone, its notifications to ``channel`` through ``client``."""
    return Services(
        ANSWER_ENGINE,
        Workspaces.single(
            Workspace("", "武蔵野市", build_queue(database, ROUTING, VOCABULARY), channel)
        ),
        Dispatcher(database, SlackSender(client, channel)),
        clock,
    )


@pytest.fixture
def fake_slack() -> Iterator[FakeSlack]:
    slack = FakeSlack().start()
    yield slack
    slack.stop()


@pytest.fixture
def running(engine: Engine, fake_slack: FakeSlack) -> Iterator[Running]:  # noqa: F811
    client = WebClient(token=BOT_TOKEN, base_url=fake_slack.base_url)
    queue = build_queue(engine, ROUTING, VOCABULARY, safety=SAFETY)
    dispatcher = Dispatcher(engine, SlackSender(client, QUEUE_CHANNEL))
    services = Services(
        ANSWER_ENGINE,
        Workspaces.single(Workspace("", "武蔵野市", queue, QUEUE_CHANNEL)),
        dispatcher,
        lambda: tokyo("2026-11-24 10:00"),
        dispatch_inline=True,
    )
    app = build_app(services, client, SIGNING_SECRET)
    jobs = JobThread(JobRunner(app, engine, lambda: services.clock()), services.wake).start()
    url, server = serve_wsgi(wsgi_app(app, SIGNING_SECRET, services))
    yield Running(url, fake_slack, queue, services)
    server.shutdown()
    server.server_close()
    jobs.stop()
