"""``madoguchi serve``: run the Slack app.

Socket Mode when an app token is set (no public URL: the default for one
school district); work after the ack runs in threads of the same process.
``--http`` serves ``POST /slack/events`` under gunicorn for deployments behind a
load balancer: the web workers only verify, ack and store the work; a job
process (lower CPU priority) runs it, the outbox and the reminders.
"""

from __future__ import annotations

import logging
import multiprocessing
import os
import threading
from collections.abc import Callable, Iterable
from typing import TYPE_CHECKING, Any

from slack_bolt import App
from slack_bolt.adapter.wsgi import SlackRequestHandler
from slack_sdk import WebClient

from bot import logs
from bot.engine import build_engine
from bot.questions import tokyo_now
from bot.queue.outbox import Dispatcher
from bot.queue.setup import open_queue
from bot.settings import Settings
from bot.slack.app import Services, build_app
from bot.slack.config import SlackSettings
from bot.slack.jobs import DatabaseLazyRunner, JobWorker
from bot.slack.sender import SlackSender

log = logging.getLogger(__name__)
EVENTS_PATH = "/slack/events"

if TYPE_CHECKING:
    from _typeshed.wsgi import StartResponse


def make_services(settings: Settings, slack: SlackSettings, client: WebClient) -> Services:
    engine = build_engine(settings.directory, settings.municipality)
    queue = open_queue(settings)
    dispatcher = Dispatcher(queue.engine, SlackSender(client, slack.ssw_channel))
    return Services(engine, queue, dispatcher, tokyo_now, settings.municipality)


def make_app(settings: Settings, slack: SlackSettings) -> tuple[App, Services]:
    client = WebClient(token=slack.bot_token, base_url=slack.api_url)
    services = make_services(settings, slack, client)
    return build_app(services, client, slack.signing_secret), services


def start_dispatcher(services: Services, interval: float = 5.0) -> threading.Event:
    stop = threading.Event()
    threading.Thread(
        target=services.run_dispatcher_forever, args=(stop, interval), name="outbox", daemon=True
    ).start()
    return stop


def wsgi_app(
    app: App, services: Services
) -> Callable[[dict[str, Any], StartResponse], Iterable[bytes]]:
    """POST /slack/events to Bolt; GET /healthz for the load balancer; 404 otherwise."""
    bolt = SlackRequestHandler(app)

    def application(environ: dict[str, Any], start_response: StartResponse) -> Iterable[bytes]:
        path, method = environ.get("PATH_INFO", ""), environ.get("REQUEST_METHOD", "")
        if path == EVENTS_PATH and method == "POST":
            return bolt(environ, start_response)
        if path == "/healthz":
            start_response("200 OK", [("Content-Type", "text/plain")])
            return [b"ok"]
        start_response("404 Not Found", [("Content-Type", "text/plain")])
        return [b"not found"]

    return application


def serve_socket_mode(settings: Settings, slack: SlackSettings) -> None:
    from slack_bolt.adapter.socket_mode import SocketModeHandler

    logs.configure(to_stderr=True)
    app, services = make_app(settings, slack)
    start_dispatcher(services)
    log.info("madoguchi is connecting to Slack in Socket Mode")
    SocketModeHandler(app, slack.app_token).start()  # type: ignore[no-untyped-call]


JOB_PROCESS_NICENESS = 15


def run_jobs(settings: Settings, slack: SlackSettings, stop: threading.Event | None = None) -> None:
    """The job process: work after the ack, the outbox and reminders, at a lower CPU
    priority than the web workers so that acknowledging Slack always comes first."""
    os.nice(JOB_PROCESS_NICENESS)
    logs.configure(to_stderr=True)
    app, services = make_app(settings, slack)
    start_dispatcher(services, interval=1.0)
    log.info("madoguchi job process ready")
    JobWorker(app, services.queue.engine, tokyo_now).run_forever(stop or threading.Event())


def serve_http(
    settings: Settings, slack: SlackSettings, host: str, port: int, workers: int
) -> None:
    from gunicorn.app.base import BaseApplication

    jobs = multiprocessing.get_context("fork").Process(
        target=run_jobs, args=(settings, slack), name="madoguchi-jobs", daemon=True
    )
    jobs.start()

    class Server(BaseApplication):  # type: ignore[misc]
        def load_config(self) -> None:
            self.cfg.set("bind", f"{host}:{port}")
            self.cfg.set("workers", workers)
            self.cfg.set("worker_class", "gthread")
            self.cfg.set("threads", 8)
            self.cfg.set("timeout", 30)
            self.cfg.set("accesslog", None)

        def load(self) -> Any:
            logs.configure(to_stderr=True)
            app, services = make_app(settings, slack)
            app.listener_runner.lazy_listener_runner = DatabaseLazyRunner(
                services.queue.engine, tokyo_now
            )
            log.info("madoguchi web worker ready on %s:%s%s", host, port, EVENTS_PATH)
            return wsgi_app(app, services)

    Server().run()
