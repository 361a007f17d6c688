"""What the work after the ack (``bot.slack.runtime.jobs``) takes from slack-bolt, each a
documented part of its public API: if an upgrade of slack-bolt changes one, this fails
before an answer is lost or doubled in production.

- a listener with a parameter named ``args`` gets ``slack_bolt.Args`` (every listener
  argument), and the names a handler may ask for are ``Args``' keyword parameters;
- a value a middleware puts in ``context``, and the ``context`` given to a ``BoltRequest``,
  reach the listener (the job store, and the job being done);
- with ``process_before_response=True``, ``App.dispatch`` runs the listener in the calling
  thread and returns after it: 200 with what ``ack()`` said, or 500 once the app's error
  handler has seen the listener's error (the job runner's outcome);
- a Socket Mode request (a dict body) is dispatched without a signature (checked at the door).
"""

from __future__ import annotations

import json
import threading
from collections.abc import Callable
from typing import Any

from slack_bolt import Ack, App, Args, BoltContext
from slack_bolt.request import BoltRequest
from slack_sdk import WebClient

from bot.slack.runtime.jobs import HANDLER_ARGUMENTS
from tests.slack.harness import BOT_TOKEN, SIGNING_SECRET, FakeSlack, event_body, form_body


def app_like_ours(slack: FakeSlack) -> App:
    return App(
        client=WebClient(token=BOT_TOKEN, base_url=slack.base_url),
        signing_secret=SIGNING_SECRET,
        process_before_response=True,
        token_verification_enabled=False,
    )


def mention() -> dict[str, Any]:
    event = {
        "type": "app_mention",
        "user": "U1",
        "text": "<@UBOT> hi",
        "channel": "C1",
        "ts": "1.1",
    }
    body: dict[str, Any] = json.loads(event_body(event, "EvContract"))
    return body


def test_a_listener_naming_args_gets_every_argument_and_both_contexts_before_dispatch_returns(
    fake_slack: FakeSlack,
) -> None:
    app = app_like_ours(fake_slack)
    seen: dict[str, Any] = {}

    @app.middleware
    def hand_over(context: BoltContext, next: Callable[[], None]) -> None:  # noqa: A002
        context["from_middleware"] = "store"
        next()

    @app.event("app_mention")
    def listener(args: Args) -> None:
        seen.update(args=args, thread=threading.current_thread())

    job = object()
    request = BoltRequest(body=mention(), context={"job": job}, mode="socket_mode")
    assert app.dispatch(request).status == 200
    args = seen["args"]
    assert isinstance(args, Args) and seen["thread"] is threading.current_thread()
    assert args.context["job"] is job and args.context["from_middleware"] == "store"
    assert args.body["event_id"] == "EvContract" and args.event["channel"] == "C1"
    assert isinstance(args.client, WebClient) and args.client.token == BOT_TOKEN
    assert callable(args.ack) and callable(args.respond)
    for name in HANDLER_ARGUMENTS:  # every name a handler may ask for is on Args
        assert hasattr(args, name), name
    assert {
        "event",
        "command",
        "action",
        "shortcut",
        "body",
        "client",
        "context",
        "respond",
    } <= HANDLER_ARGUMENTS  # what madoguchi's handlers ask for today


def test_dispatch_answers_what_ack_said_or_500_after_the_error_handler(
    fake_slack: FakeSlack,
) -> None:
    app = app_like_ours(fake_slack)
    errors: list[Exception] = []

    @app.error
    def on_error(error: Exception) -> None:
        errors.append(error)

    @app.command("/ok")
    def ok(ack: Ack) -> None:
        ack("stored")

    @app.command("/broken")
    def broken(ack: Ack) -> None:
        raise LookupError("the listener failed")

    def command(name: str) -> BoltRequest:
        body = form_body({"command": name, "team_id": "T1", "user_id": "U1", "text": ""})
        headers = {"content-type": "application/x-www-form-urlencoded"}
        return BoltRequest(body=body, headers=headers, mode="socket_mode")

    answered = app.dispatch(command("/ok"))
    assert (answered.status, answered.body) == (200, "stored")
    assert errors == []
    assert app.dispatch(command("/broken")).status == 500
    assert [type(error) for error in errors] == [LookupError]
