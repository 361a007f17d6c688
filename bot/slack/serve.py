"""``madoguchi serve``: run the Slack app.

Socket Mode when an app token is set (no public URL: the default for one
school district). ``--http`` serves ``POST /slack/events`` under Granian, a
production server, with several worker processes for deployments behind a
load balancer; its ASGI edge (``bot.slack.runtime.edge``) reads bodies without holding
a thread and refuses what is not a signed, well-formed Slack request. Every process is the same and keeps no state of its own: each
acks, stores the work after the ack in the database, and runs a background
thread that takes stored work, the outbox and reminders from the shared tables.
"""

from __future__ import annotations

import logging
import os
import signal
import time
from collections.abc import Callable, Iterable
from typing import TYPE_CHECKING, Any

from slack_bolt import App
from slack_bolt.authorization.authorize import InstallationStoreAuthorize
from slack_bolt.oauth.oauth_settings import OAuthSettings
from slack_sdk import WebClient
from slack_sdk.oauth.installation_store.sqlalchemy import SQLAlchemyInstallationStore
from slack_sdk.oauth.state_store.sqlalchemy import SQLAlchemyOAuthStateStore
from sqlalchemy import Engine

from answers.engine import AnswerEngine
from bot import logs
from bot.directory_watch import DirectoryWatcher, tell_maintainers
from bot.engine import build_engine
from bot.questions import tokyo_now
from bot.settings import Settings
from bot.slack.app import build_app
from bot.slack.config import (
    BOT_SCOPES,
    INSTALL_PATH,
    OAUTH_REDIRECT_PATH,
    OAuthApp,
    SlackSettings,
)
from bot.slack.install_pages import callback_options
from bot.slack.runtime import edge
from bot.slack.runtime.background import Background, InFlight
from bot.slack.runtime.jobs import JobRunner
from bot.slack.runtime.keep_alive import keep_connections_alive
from bot.slack.runtime.sender import InstalledWorkspaceSenders, SlackSender
from bot.slack.runtime.socket_mode import SocketMode
from bot.slack.services import Services
from bot.storage.outbox import Dispatcher
from bot.storage.setup import connect, open_database
from bot.workspaces import open_workspaces
from directory.problems import Problem

log = logging.getLogger(__name__)
EVENTS_PATH = edge.EVENTS_PATH
OAUTH_STATE_SECONDS = 600
STOP_TIMEOUT = 20  # seconds a stopping process gives the job under way
REQUEST_THREADS = edge.REQUEST_THREADS

if TYPE_CHECKING:
    from _typeshed.wsgi import StartResponse

WsgiApp = Callable[[dict[str, Any], "StartResponse"], Iterable[bytes]]


def make_app(settings: Settings, slack: SlackSettings, database: Engine) -> tuple[App, Services]:
    """The Bolt app and what its listeners need, for one workspace (a bot token) or, with
    OAuth, for every workspace in MADOGUCHI_WORKSPACES that installs it."""
    answers = build_engine(settings.directory, settings.municipality, settings.cache_dir)
    workspaces = open_workspaces(
        settings, database, answers.directory, slack.ssw_channel, slack.maintainer_channel
    )
    client = WebClient(token=slack.bot_token, base_url=slack.api_url)
    oauth = (
        oauth_settings(slack.oauth, database, workspaces.municipality_of) if slack.oauth else None
    )
    senders: SlackSender | InstalledWorkspaceSenders = (
        InstalledWorkspaceSenders(
            oauth.installation_store,
            slack.api_url,
            lambda team: workspaces.of(team).ssw_channel,
        )
        if oauth is not None and oauth.installation_store is not None
        else SlackSender(client, slack.ssw_channel)
    )
    dispatcher = Dispatcher(database, senders, lease=settings.lease)
    services = Services(answers, workspaces, dispatcher, tokyo_now)
    return build_app(services, client, slack.signing_secret, oauth_settings=oauth), services


def oauth_settings(
    oauth: OAuthApp, database: Engine, municipality: Callable[[str], str | None]
) -> OAuthSettings:
    """Bolt's OAuth flow with its installations and one-time states kept in our database
    (tables created by our migrations), so any worker can finish any install; the pages
    the installing admin sees are Japanese and name the team's municipality (or its id)."""
    store = SQLAlchemyInstallationStore(oauth.client_id, database)
    settings = OAuthSettings(
        client_id=oauth.client_id,
        client_secret=oauth.client_secret,
        scopes=list(BOT_SCOPES),
        installation_store=store,
        installation_store_bot_only=True,
        state_store=SQLAlchemyOAuthStateStore(OAUTH_STATE_SECONDS, database),
        install_path=INSTALL_PATH,
        redirect_uri_path=OAUTH_REDIRECT_PATH,
        callback_options=callback_options(municipality),
    )
    # Bolt would call auth.test for every request, in the ack path; a token's identity never
    # changes (a reinstall issues a new token), so its answer is kept per token.
    settings.authorize = InstallationStoreAuthorize(
        logger=log,
        installation_store=store,
        client_id=oauth.client_id,
        client_secret=oauth.client_secret,
        bot_only=True,  # madoguchi never acts as a user: one lookup (find_bot), not two
        cache_enabled=True,
    )
    return settings


def directory_watcher(settings: Settings, services: Services) -> DirectoryWatcher | None:
    """Watch MADOGUCHI_DIRECTORY when it is a folder; refused edits go to the maintainers."""
    folder = settings.directory
    if folder is None or not folder.is_dir():
        return None

    def install(engine: AnswerEngine) -> None:
        services.engine = engine

    def refused(version: str, problems: list[Problem]) -> None:
        for problem in problems:
            log.warning("directory problem: %s", problem)
        maintainers = services.workspaces.maintainers
        if maintainers:
            tell_maintainers(services.database, maintainers, version, problems, services.clock())
            services.wake.set()

    return DirectoryWatcher(
        folder,
        lambda path: build_engine(path, settings.municipality, settings.cache_dir),
        install,
        refused,
    )


def wsgi_app(
    app: App, signing_secret: str, services: Services, in_flight: InFlight | None = None
) -> WsgiApp:
    """The HTTP edge as a WSGI app, for in-process tests: POST /slack/events to Bolt once the
    request is signed and well formed (``bot.slack.runtime.edge``); /healthz, /readyz; 404 otherwise."""
    return edge.wsgi(edge.Edge(app, signing_secret, services, in_flight or InFlight(), time.time))


def http_worker(settings: Settings, slack: SlackSettings) -> edge.AsgiEdge:
    """One web worker: Bolt for the requests, a background thread for the work after them.
    It does not migrate (``serve_http`` did, once): it starts even while the database is away."""
    app, services = make_app(settings, slack, open_database(settings))
    in_flight = InFlight()
    jobs = JobRunner(app, services.database, services.clock, settings.lease)
    stop = Background(services, jobs, in_flight, directory_watcher(settings, services)).start()
    log.info("madoguchi web worker %d ready", os.getpid())
    return edge.AsgiEdge(
        edge.Edge(app, slack.signing_secret, services, in_flight, time.time),
        REQUEST_THREADS,
        on_shutdown=stop.set,
    )


def create_worker() -> edge.AsgiEdge:
    """Granian's factory: each worker process reads the same environment and builds itself."""
    logs.configure(to_stderr=True, structured=True)
    keep_connections_alive()
    return http_worker(Settings.from_env(), SlackSettings.from_env(http=True))


def serve_socket_mode(settings: Settings, slack: SlackSettings) -> None:
    """Socket Mode, as durable as HTTP mode: acked work is stored in the jobs table and done by
    the background thread (a 429 or a restart does not lose it). SIGTERM or Ctrl-C: stop taking
    envelopes, ack the running ones, close the socket with a close frame, finish the job under
    way, return (exit 0)."""
    logs.configure(to_stderr=True, structured=True)
    keep_connections_alive()
    app, services = make_app(settings, slack, connect(settings))
    in_flight = InFlight()
    jobs = JobRunner(app, services.database, services.clock, settings.lease)
    background = Background(services, jobs, in_flight, directory_watcher(settings, services))
    background.start()
    web = WebClient(base_url=slack.api_url)

    def open_url() -> str:
        url: str = web.apps_connections_open(app_token=slack.app_token or "")["url"]
        return url

    socket_mode = SocketMode(app, open_url, in_flight=in_flight)
    for stop_signal in (signal.SIGTERM, signal.SIGINT):
        signal.signal(stop_signal, lambda *_: socket_mode.request_stop())
    log.info("madoguchi is connecting to Slack in Socket Mode")
    socket_mode.run()
    if not background.stop(timeout=STOP_TIMEOUT):
        log.warning("the job under way did not finish in %d s; its lease hands it on", STOP_TIMEOUT)
    log.info("madoguchi stopped")


def serve_http(settings: Settings, host: str, port: int, workers: int) -> None:
    from granian.constants import Interfaces
    from granian.server import Server

    logs.configure(to_stderr=True, structured=True)
    connect(settings)  # migrate once before the workers start; fail here, clearly, if unreachable
    log.info("madoguchi serving %s on %s:%s with %d workers", EVENTS_PATH, host, port, workers)
    Server(
        "bot.slack.serve:create_worker",
        address=host,
        port=port,
        interface=Interfaces.ASGI,
        workers=workers,
        factory=True,
        respawn_failed_workers=True,
        log_access=False,
    ).serve()
