"""Build the Bolt app: the one function that takes every dependency and wires the listeners.

Listeners are thin (pull values out, call the engine or the queue, build blocks,
send). Nothing here reads the environment; ``bot.slack.serve`` does that.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Any

from slack_bolt import App, BoltContext, BoltResponse
from slack_bolt.logger.messages import warning_client_prioritized_and_token_skipped
from slack_bolt.oauth.oauth_settings import OAuthSettings
from slack_sdk import WebClient

from bot import logs
from bot.messages import common as common_msg
from bot.messages import slack as msg
from bot.slack.install_pages import JapaneseOAuthFlow
from bot.slack.listeners import answers, consults, home
from bot.slack.runtime.jobs import JobStore
from bot.slack.services import Services
from intents.danger import Danger

log = logging.getLogger(__name__)


def build_app(
    services: Services,
    client: WebClient,
    signing_secret: str,
    oauth_settings: OAuthSettings | None = None,
    jobs: JobStore | None = None,
) -> App:
    """Every listener runs in the thread that dispatched the request, before Bolt answers
    (``process_before_response``): the form submissions do their work there; every other
    listener stores its work in the jobs table and acks, and a ``JobRunner`` does the work
    (``bot.slack.runtime.jobs``). ``jobs`` defaults to the services' database and clock.

    With ``oauth_settings`` (and a client without a token) the app serves every workspace
    that installed it: Bolt finds each request's bot token in the installation store."""
    logger = logging.getLogger("madoguchi.bolt")
    logger.addFilter(_same_token_twice)
    app = App(
        client=client,
        signing_secret=signing_secret,
        process_before_response=True,  # the job runner learns a job's outcome from dispatch()
        token_verification_enabled=False,
        oauth_flow=JapaneseOAuthFlow(client=client, logger=logger, settings=oauth_settings)
        if oauth_settings is not None
        else None,
        logger=logger,
    )

    @app.middleware
    def tag_logs(body: dict[str, Any], next: Callable[[], None]) -> None:  # noqa: A002  (Bolt's name)
        with logs.tagged(request_id=str(body.get("event_id") or body.get("trigger_id") or "-")):
            next()

    @app.middleware
    def only_mapped_workspaces(
        context: BoltContext,
        body: dict[str, Any],
        next: Callable[[], None],  # noqa: A002  (Bolt's name)
    ) -> BoltResponse | None:
        """A workspace that installed the app but has no municipality yet gets one plain
        sentence (a slash command shows the ack's text) and nothing else happens; its
        uninstall still goes through, so its bot token is forgotten."""
        if services.workspaces.knows(context.team_id) or _revokes_tokens(body):
            next()
            return None
        log.warning("workspace %s is not in the workspace map", context.team_id)
        return BoltResponse(
            status=200,
            body=msg.workspace_not_set_up(_abuse_line(services)) if "command" in body else "",
        )

    @app.error
    def on_error(error: Exception, body: dict[str, Any], respond: Any) -> None:
        log.error("listener failed: %s", type(error).__name__, exc_info=error)
        if body.get("response_url"):
            try:
                respond(
                    text=common_msg.internal_error(),
                    response_type="ephemeral",
                    replace_original=False,
                )
            except Exception:
                log.warning("could not tell the user about the failure")

    (jobs or JobStore(services.database, lambda: services.clock(), services.wake.set)).attach(app)
    if oauth_settings is not None:
        # app_uninstalled / tokens_revoked: Bolt deletes the workspace's installation, so
        # no request or notification of that workspace is sent with a dead token again.
        app.enable_token_revocation_listeners()
    answers.register(app, services)
    consults.register(app, services)
    home.register(app, services)
    return app


def _same_token_twice(record: logging.LogRecord) -> bool:
    """Bolt reads SLACK_BOT_TOKEN by itself and warns at every start that the client's token
    wins over it; they are the same token, so the warning says nothing."""
    return record.getMessage() != warning_client_prioritized_and_token_skipped()


REVOCATION_EVENTS = frozenset({"app_uninstalled", "tokens_revoked"})


def _abuse_line(services: Services) -> str | None:
    """The directory's line for abuse (189): a workspace with no city yet still gets it."""
    engine = services.engine
    return engine.directory.emergency_number(engine.default_municipality.id, Danger.ABUSE)


def _revokes_tokens(body: dict[str, Any]) -> bool:
    event = body.get("event")
    return isinstance(event, dict) and event.get("type") in REVOCATION_EVENTS
