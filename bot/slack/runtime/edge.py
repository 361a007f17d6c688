"""The HTTP edge: what a request from outside must be before Bolt sees it.

A request to ``/slack/events`` is read with a size cap, its timestamp's form and
its signature are checked before anything parses the body, and the body must
then parse as the JSON object or form Slack sends; anything else is answered
400/401/413 with a short plain reason and logged by reason only (never the body,
never a traceback). Only then does Bolt dispatch it.

``Edge.handle`` is the whole decision for a request whose body has been read; the
WSGI app (tests, in-process) and the ASGI app (``serve --http`` under Granian)
differ only in how they read the body. The ASGI app reads it on the event loop
with a deadline, so a client that sends half a body holds no thread: Bolt runs
on a small thread pool only for requests that arrived whole.
"""

from __future__ import annotations

import asyncio
import hmac
import logging
import urllib.parse
from collections.abc import Awaitable, Callable, Iterable, Mapping
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from slack_bolt import App
from slack_bolt.request import BoltRequest
from slack_bolt.response import BoltResponse

from bot.json_input import json_object
from bot.slack.config import INSTALL_PATH, OAUTH_REDIRECT_PATH

if TYPE_CHECKING:
    from _typeshed.wsgi import StartResponse

    from bot.slack.runtime.background import InFlight
    from bot.slack.services import Services

log = logging.getLogger(__name__)

EVENTS_PATH = "/slack/events"
OAUTH_PATHS = (INSTALL_PATH, OAUTH_REDIRECT_PATH)
MAX_BODY = 1024 * 1024
"""Bytes. Slack's largest payload (a message shortcut on a 40,000-character message,
form-encoded) stays under a megabyte; anything bigger is not from Slack."""
BODY_DEADLINE = 5.0
"""Seconds to receive a whole body. Slack sends it at once and wants an answer in 3 s."""
MAX_TIMESTAMP_SKEW = 300  # seconds, as Slack's own verification allows
REQUEST_THREADS = 4


@dataclass(frozen=True)
class Response:
    status: int
    headers: list[tuple[str, str]] = field(default_factory=list)
    body: bytes = b""

    @property
    def status_line(self) -> str:
        return f"{self.status} {REASONS.get(self.status, 'Error')}"


TEXT = ("Content-Type", "text/plain; charset=utf-8")
REASONS = {
    200: "OK",
    302: "Found",
    400: "Bad Request",
    401: "Unauthorized",
    404: "Not Found",
    408: "Request Timeout",
    413: "Content Too Large",
    500: "Internal Server Error",
    503: "Service Unavailable",
}


def refuse(status: int, reason: str) -> Response:
    """A plain refusal; the reason is ours (never from the body), and only it is logged."""
    log.info("request refused (%d): %s", status, reason)
    return Response(status, [TEXT], reason.encode())


def check_signature(
    headers: Mapping[str, str], body: bytes, secret: str, now: float
) -> Response | None:
    """None when the request is signed by Slack now; else a 401 saying which part is wrong.
    Checked on the raw bytes, before anything parses them."""
    stamp = headers.get("x-slack-request-timestamp", "")
    signature = headers.get("x-slack-signature", "")
    if not (stamp.isascii() and stamp.isdigit() and 0 < len(stamp) <= 12):
        return refuse(401, "missing or malformed X-Slack-Request-Timestamp")
    if abs(now - int(stamp)) > MAX_TIMESTAMP_SKEW:
        return refuse(401, "stale X-Slack-Request-Timestamp")
    if not signature.isascii() or not signature.startswith("v0="):
        return refuse(401, "missing or malformed X-Slack-Signature")
    base = b"v0:" + stamp.encode() + b":" + body
    expected = "v0=" + hmac.new(secret.encode(), base, "sha256").hexdigest()
    if not hmac.compare_digest(expected, signature):
        return refuse(401, "invalid signature")
    return None


def parse_body(content_type: str, body: bytes) -> dict[str, Any] | Response:
    """The payload Slack sends: a JSON object, or a form whose ``payload`` (if any) is one."""
    try:
        text = body.decode("utf-8")
    except UnicodeDecodeError:
        return refuse(400, "body is not UTF-8")
    if content_type.startswith("application/json"):
        parsed = json_object(text)
        return parsed if parsed is not None else refuse(400, "body is not a JSON object")
    try:
        fields = dict(urllib.parse.parse_qsl(text, keep_blank_values=True, strict_parsing=False))
    except ValueError:
        return refuse(400, "body is not a form")
    if "payload" in fields:
        payload = json_object(fields["payload"])
        if payload is None:
            return refuse(400, "payload is not a JSON object")
        return payload
    return dict(fields)


_IDS = ("team_id", "user_id", "channel_id", "api_app_id", "enterprise_id", "trigger_id")
_OBJECTS = ("team", "user", "channel", "enterprise", "event", "view", "container", "message")


def shape_problem(payload: dict[str, Any]) -> str | None:
    """Where Bolt would trip on a signed payload before any listener runs: the ids it reads
    to route the request must be text, and the objects that hold them objects."""
    for key in ("type", "command", "callback_id", *_IDS):
        if key in payload and payload[key] is not None and not isinstance(payload[key], str):
            return f"{key} is not text"
    for key in _OBJECTS:
        if key in payload and payload[key] is not None and not isinstance(payload[key], dict):
            return f"{key} is not an object"
    for key in ("team", "user", "channel", "enterprise"):
        inner = payload.get(key)
        if isinstance(inner, dict) and not isinstance(inner.get("id", ""), str | None):
            return f"{key}.id is not text"
    event = payload.get("event")
    if isinstance(event, dict):
        for key in ("type", "user", "channel", "team", "text", "ts", "thread_ts"):
            if key in event and event[key] is not None and not isinstance(event[key], str):
                return f"event.{key} is not text"
    actions = payload.get("actions")
    if actions is not None and not (
        isinstance(actions, list) and all(isinstance(a, dict) for a in actions)
    ):
        return "actions is not a list of objects"
    return None


class Edge:
    """Every HTTP request of one worker, once its body is read: health, OAuth, Slack events."""

    def __init__(
        self,
        app: App,
        signing_secret: str,
        services: Services,
        in_flight: InFlight,
        clock: Callable[[], float],
    ) -> None:
        self.app = app
        self.services = services
        self.in_flight = in_flight
        self.clock = clock
        self.secret = signing_secret  # the one the app was built with (serve.make_app)

    def handle(
        self, method: str, path: str, query: str, headers: Mapping[str, str], body: bytes
    ) -> Response:
        if path == EVENTS_PATH and method == "POST":
            with self.in_flight:
                return self.slack_event(query, headers, body)
        if self.app.oauth_flow is not None and method == "GET" and path in OAUTH_PATHS:
            request = BoltRequest(body="", query=query, headers=dict(headers))
            flow = self.app.oauth_flow
            if path == INSTALL_PATH:
                return _from_bolt(flow.handle_installation(request))
            return _from_bolt(flow.handle_callback(request))
        if path == "/healthz":
            return Response(200, [TEXT], b"ok")
        if path == "/readyz":
            problems = self.services.readiness_problems()
            return Response(
                503 if problems else 200,
                [TEXT],
                "\n".join(problems or ["ready"]).encode(),
            )
        return Response(404, [TEXT], b"not found")

    def slack_event(self, query: str, headers: Mapping[str, str], body: bytes) -> Response:
        refused = check_signature(headers, body, self.secret, self.clock())
        if refused is not None:
            return refused
        parsed = parse_body(headers.get("content-type", ""), body)
        if isinstance(parsed, Response):
            return parsed
        problem = shape_problem(parsed)
        if problem is not None:
            return refuse(400, problem)
        request = BoltRequest(body=body.decode("utf-8"), query=query, headers=dict(headers))
        return _from_bolt(self.app.dispatch(request))


def _from_bolt(response: BoltResponse) -> Response:
    headers = [(name, value) for name, values in response.headers.items() for value in values]
    body = response.body.encode("utf-8") if isinstance(response.body, str) else response.body
    return Response(response.status, headers, body or b"")


def wsgi(edge: Edge) -> Callable[[dict[str, Any], StartResponse], Iterable[bytes]]:
    """The edge as a WSGI app (for in-process tests): the body is read with the same cap."""

    def application(environ: dict[str, Any], start_response: StartResponse) -> Iterable[bytes]:
        headers = {
            key[5:].replace("_", "-").lower(): str(value)
            for key, value in environ.items()
            if key.startswith("HTTP_")
        }
        headers["content-type"] = environ.get("CONTENT_TYPE", "")
        length = environ.get("CONTENT_LENGTH") or "0"
        if not length.isdigit():
            response = refuse(400, "bad Content-Length")
        elif int(length) > MAX_BODY:
            response = refuse(413, "body too large")
        else:
            body = environ["wsgi.input"].read(int(length)) if int(length) else b""
            response = edge.handle(
                environ.get("REQUEST_METHOD", ""),
                environ.get("PATH_INFO", ""),
                environ.get("QUERY_STRING", ""),
                headers,
                body,
            )
        start_response(response.status_line, response.headers)
        return [response.body]

    return application


Receive = Callable[[], Awaitable[dict[str, Any]]]
Send = Callable[[dict[str, Any]], Awaitable[None]]


class AsgiEdge:
    """The edge as an ASGI app: bodies are read on the event loop with a deadline and a cap;
    health is answered there; everything else runs on ``threads`` threads."""

    def __init__(
        self,
        edge: Edge,
        threads: int = REQUEST_THREADS,
        deadline: float = BODY_DEADLINE,
        on_shutdown: Callable[[], None] = lambda: None,
    ) -> None:
        self.edge = edge
        self.pool = ThreadPoolExecutor(threads, thread_name_prefix="edge")
        self.deadline = deadline
        self.on_shutdown = on_shutdown

    async def __call__(self, scope: dict[str, Any], receive: Receive, send: Send) -> None:
        if scope["type"] == "lifespan":
            await self._lifespan(receive, send)
            return
        if scope["type"] != "http":
            return
        method, path = scope.get("method", ""), scope.get("path", "")
        if path == "/healthz":
            await _send(send, Response(200, [TEXT], b"ok"))
            return
        headers = {
            name.decode("latin-1").lower(): value.decode("latin-1")
            for name, value in scope.get("headers", [])
        }
        body = await self._read_body(headers, receive)
        if isinstance(body, Response):
            await _send(send, body)
            return
        query = scope.get("query_string", b"").decode("latin-1")
        loop = asyncio.get_running_loop()
        try:
            response = await loop.run_in_executor(
                self.pool, self.edge.handle, method, path, query, headers, body
            )
        except Exception:
            log.exception("request to %s failed", path)
            response = Response(500, [TEXT], b"internal error")
        await _send(send, response)

    async def _read_body(self, headers: Mapping[str, str], receive: Receive) -> bytes | Response:
        length = headers.get("content-length")
        if length is not None and not length.isdigit():
            return refuse(400, "bad Content-Length")
        if length is not None and int(length) > MAX_BODY:
            return refuse(413, "body too large")
        chunks: list[bytes] = []
        size = 0
        try:
            async with asyncio.timeout(self.deadline):
                while True:
                    message = await receive()
                    if message["type"] == "http.disconnect":
                        return refuse(400, "client went away")
                    chunk = message.get("body", b"")
                    size += len(chunk)
                    if size > MAX_BODY:
                        return refuse(413, "body too large")
                    chunks.append(chunk)
                    if not message.get("more_body"):
                        return b"".join(chunks)
        except TimeoutError:
            return refuse(408, f"body not received within {self.deadline:g} s")

    async def _lifespan(self, receive: Receive, send: Send) -> None:
        while True:
            message = await receive()
            if message["type"] == "lifespan.startup":
                await send({"type": "lifespan.startup.complete"})
            elif message["type"] == "lifespan.shutdown":
                self.on_shutdown()
                self.pool.shutdown(wait=True, cancel_futures=True)
                await send({"type": "lifespan.shutdown.complete"})
                return


async def _send(send: Send, response: Response) -> None:
    await send(
        {
            "type": "http.response.start",
            "status": response.status,
            "headers": [
                (name.lower().encode("latin-1"), value.encode("latin-1"))
                for name, value in response.headers
            ],
        }
    )
    await send({"type": "http.response.body", "body": response.body})
