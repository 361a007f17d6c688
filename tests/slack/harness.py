"""Offline Slack: a local Web API that records calls, and signed requests to the real Bolt app.

Follows bolt-python's own tests (tests/mock_web_api_server): the app's WebClient
points at http://127.0.0.1:PORT/api/, auth.test is answered, and every call is
kept for the test to read.
"""

from __future__ import annotations

import itertools
import json
import logging
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from socketserver import ThreadingMixIn
from typing import Any
from wsgiref.simple_server import WSGIRequestHandler, WSGIServer, make_server

from slack_sdk.signature import SignatureVerifier

from bot.slack.config import BOT_SCOPES

SIGNING_SECRET = "test-signing-secret"
BOT_TOKEN = "xoxb-test-token"
# how often a loopback server's loop looks for shutdown(): the standard 0.5 s made every
# test's teardown wait up to half a second per server
SHUTDOWN_POLL = 0.02


@dataclass
class Call:
    method: str
    args: dict[str, Any]
    reply: dict[str, Any] = field(default_factory=dict)
    token: str | None = None
    received_at: float = field(default_factory=time.monotonic)
    """When the fake took the request (monotonic): gaps between calls are measured here,
    not by a test thread that may be scheduled late on a busy machine."""


@dataclass
class Held:
    """A Web API call Slack has done but not answered yet, as a caller that died waiting sees it."""

    accepted: threading.Event = field(default_factory=threading.Event)
    released: threading.Event = field(default_factory=threading.Event)

    def release(self) -> None:
        self.released.set()


@dataclass
class FakeSlack:
    """Plays Slack's Web API on loopback and records what the app asked it to do.

    Posted messages are kept per conversation, so ``conversations.history`` and
    ``conversations.replies`` read them back as Slack does: history newest first and
    without thread replies, a thread oldest first, pages of ``limit`` with a cursor, and a
    message's ``metadata`` only with ``include_all_metadata``. A post to a user id lands in
    the bot's DM with that person, which Slack names by its own id (D…) in the answer;
    reading a user id as a conversation is ``channel_not_found``, as in Slack."""

    calls: list[Call] = field(default_factory=list)
    failures: dict[str, list[tuple[int, dict[str, str], dict[str, Any]]]] = field(
        default_factory=dict
    )
    server: ThreadingHTTPServer | None = None
    team_of_token: dict[str, str] = field(default_factory=dict)
    installing_team: str = "TNEW"
    socket_url: str = ""  # what apps.connections.open answers (a FakeSocketMode's URL)
    messages: dict[str, list[dict[str, Any]]] = field(default_factory=dict)
    holds: dict[str, Held] = field(default_factory=dict)
    _ts: Any = field(default_factory=lambda: itertools.count(1))
    _lock: threading.Lock = field(default_factory=threading.Lock)

    def hold(self, method: str) -> Held:
        """Do the next call of ``method`` but answer it only once released."""
        held = self.holds[method] = Held()
        return held

    @property
    def base_url(self) -> str:
        assert self.server is not None
        return f"http://127.0.0.1:{self.server.server_address[1]}/api/"

    @property
    def response_url(self) -> str:
        assert self.server is not None
        return f"http://127.0.0.1:{self.server.server_address[1]}/response/1"

    def start(self) -> FakeSlack:
        fake = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args: Any) -> None:
                pass

            def do_POST(self) -> None:  # noqa: N802
                length = int(self.headers.get("Content-Length", 0))
                raw = self.rfile.read(length).decode("utf-8")
                if self.headers.get("Content-Type", "").startswith("application/json"):
                    args = json.loads(raw or "{}")
                else:
                    args = {k: v[0] for k, v in urllib.parse.parse_qs(raw).items()}
                self._answer(self.path, args)

            def do_GET(self) -> None:  # noqa: N802  (conversations.history and .replies)
                path, _, query = self.path.partition("?")
                self._answer(path, {k: v[0] for k, v in urllib.parse.parse_qs(query).items()})

            def _answer(self, path: str, args: dict[str, Any]) -> None:
                for key in ("blocks", "view", "metadata"):
                    if isinstance(args.get(key), str):
                        args[key] = json.loads(args[key])
                method = path.removeprefix("/api/") if path.startswith("/api/") else "response_url"
                bearer = self.headers.get("Authorization", "")
                token = bearer.removeprefix("Bearer ") if bearer.startswith("Bearer ") else None
                call = Call(method, args, token=token or args.get("token"))
                fake.calls.append(call)
                if fake.failures.get(method):
                    status, headers, call.reply = fake.failures[method].pop(0)
                    self._send(status, call.reply, headers)
                    return
                call.reply = fake._reply(method, args, call.token)
                held = fake.holds.pop(method, None)
                if held is not None:  # done; the answer waits
                    held.accepted.set()
                    held.released.wait(30)
                self._send(200, call.reply)

            def _send(
                self, status: int, body: dict[str, Any], headers: dict[str, str] | None = None
            ) -> None:
                data = json.dumps(body).encode()
                self.send_response(status)
                self.send_header("Content-Type", "application/json")
                self.send_header("x-slack-req-id", "req-test")
                for key, value in (headers or {}).items():
                    self.send_header(key, value)
                self.send_header("Content-Length", str(len(data)))
                self.end_headers()
                self.wfile.write(data)

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        threading.Thread(
            target=self.server.serve_forever, kwargs={"poll_interval": SHUTDOWN_POLL}, daemon=True
        ).start()
        return self

    def stop(self) -> None:
        if self.server:
            self.server.shutdown()
            self.server.server_close()

    def calls_by(self, token: str, method: str) -> list[dict[str, Any]]:
        return [c.args for c in self.calls if c.method == method and c.token == token]

    def _reply(self, method: str, args: dict[str, Any], token: str | None) -> dict[str, Any]:
        if method == "auth.test":
            return {
                "ok": True,
                "user_id": "UBOT",
                "bot_id": "BBOT",
                "team_id": self.team_of_token.get(token or "", "T1"),
                "url": "https://example.invalid/",
            }
        if method == "oauth.v2.access":
            team = self.installing_team
            self.team_of_token[f"xoxb-{team}"] = team
            return {
                "ok": True,
                "app_id": "A1",
                "authed_user": {"id": "UINSTALLER"},
                "scope": ",".join(BOT_SCOPES),
                "token_type": "bot",
                "access_token": f"xoxb-{team}",
                "bot_user_id": "UBOT",
                "team": {"id": team, "name": f"{team} workspace"},
                "enterprise": None,
                "is_enterprise_install": False,
            }
        if method == "apps.connections.open":
            return {"ok": True, "url": self.socket_url}
        if method == "chat.postMessage":
            channel = dm_of(str(args.get("channel")))
            message = self._keep(channel, args)
            return {"ok": True, "channel": channel, "ts": message["ts"], "message": message}
        if method.startswith("conversations.") and str(args.get("channel")).startswith("U"):
            return {"ok": False, "error": "channel_not_found"}
        if method == "conversations.history":
            top_level = [
                m for m in self._conversation(args) if m.get("thread_ts") in (None, m["ts"])
            ]
            return self._page(list(reversed(top_level)), args)
        if method == "conversations.replies":
            thread = [
                m
                for m in self._conversation(args)
                if args.get("ts") in (m["ts"], m.get("thread_ts"))
            ]
            return self._page(thread, args)
        return {"ok": True}

    def _keep(self, channel: str, args: dict[str, Any]) -> dict[str, Any]:
        """A posted message as conversations.history shows it."""
        with self._lock:
            message: dict[str, Any] = {
                "type": "message",
                "ts": f"1700000000.{next(self._ts):06d}",
                "text": args.get("text", ""),
                "user": "UBOT",
                "bot_id": "BBOT",
                "app_id": "A1",
            }
            for key in ("thread_ts", "blocks", "metadata"):
                if args.get(key):
                    message[key] = args[key]
            self.messages.setdefault(channel, []).append(message)
            return message

    def _conversation(self, args: dict[str, Any]) -> list[dict[str, Any]]:
        with self._lock:
            return list(self.messages.get(str(args.get("channel")), []))

    @staticmethod
    def _page(found: list[dict[str, Any]], args: dict[str, Any]) -> dict[str, Any]:
        start = int(str(args.get("cursor") or "0"))
        limit = int(str(args.get("limit") or "100"))
        with_metadata = str(args.get("include_all_metadata")).lower() in ("1", "true")
        page = [
            {k: v for k, v in m.items() if with_metadata or k != "metadata"}
            for m in found[start : start + limit]
        ]
        more = start + limit < len(found)
        return {
            "ok": True,
            "messages": page,
            "has_more": more,
            "response_metadata": {"next_cursor": str(start + limit) if more else ""},
        }

    def replies(self, method: str) -> list[dict[str, Any]]:
        return [c.reply for c in self.calls if c.method == method]

    def called(self, method: str) -> list[dict[str, Any]]:
        return [c.args for c in self.calls if c.method == method]

    def received_at(self, method: str) -> list[float]:
        """When each call of ``method`` reached the fake, in order (``time.monotonic``)."""
        return [c.received_at for c in self.calls if c.method == method]

    def wait_for(self, method: str, count: int = 1, timeout: float = 10.0) -> list[dict[str, Any]]:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            found = self.called(method)
            if len(found) >= count:
                return found
            time.sleep(0.05)
        return self.called(method)


def dm_of(channel: str) -> str:
    """The conversation a post to ``channel`` lands in: a user's id means the bot's DM with
    them (the fake's DM id is the user's with D for U; Slack's has no such relation)."""
    return "D" + channel[1:] if channel.startswith("U") else channel


def eventually(check: Any, timeout: float = 10.0) -> Any:
    """Wait for work done after the ack (lazy listeners) to show; return the last result."""
    deadline = time.monotonic() + timeout
    result = check()
    while not result and time.monotonic() < deadline:
        time.sleep(0.05)
        result = check()
    return result


class JobThread:
    """Does the jobs an app stores as a serving process's background thread does, and only
    them (the in-process tests deliver notifications inline): woken by ``wake``."""

    def __init__(self, runner: Any, wake: threading.Event) -> None:
        self.runner = runner
        self.wake = wake
        self.stopping = threading.Event()
        self.thread = threading.Thread(target=self._run, name="jobs", daemon=True)

    def start(self) -> JobThread:
        self.thread.start()
        return self

    def stop(self) -> None:
        self.stopping.set()
        self.wake.set()
        self.thread.join(10)

    def _run(self) -> None:
        while not self.stopping.is_set():
            try:
                worked = self.runner.run_once()
            except Exception:  # noqa: BLE001  (as the background thread: log and go on)
                logging.getLogger(__name__).exception("job round failed")
                worked = 0
            if not worked:
                self.wake.wait(0.05)
                self.wake.clear()


class _ThreadingWSGIServer(ThreadingMixIn, WSGIServer):
    daemon_threads = True


class _QuietHandler(WSGIRequestHandler):
    def log_message(self, *args: Any) -> None:
        pass


def serve_wsgi(application: Any) -> tuple[str, Any]:
    server = make_server(
        "127.0.0.1", 0, application, server_class=_ThreadingWSGIServer, handler_class=_QuietHandler
    )
    threading.Thread(
        target=server.serve_forever, kwargs={"poll_interval": SHUTDOWN_POLL}, daemon=True
    ).start()
    return f"http://127.0.0.1:{server.server_address[1]}", server


def signed_post(
    url: str,
    body: str,
    content_type: str,
    secret: str = SIGNING_SECRET,
    timestamp: int | None = None,
    headers: dict[str, str] | None = None,
) -> tuple[int, str]:
    stamp = str(timestamp if timestamp is not None else int(time.time()))
    signature = SignatureVerifier(secret).generate_signature(timestamp=stamp, body=body)
    request = urllib.request.Request(
        url,
        data=body.encode("utf-8"),
        method="POST",
        headers={
            "Content-Type": content_type,
            "X-Slack-Request-Timestamp": stamp,
            "X-Slack-Signature": signature,
            **(headers or {}),
        },
    )
    try:
        with urllib.request.urlopen(request, timeout=30) as response:
            return response.status, response.read().decode("utf-8")
    except urllib.error.HTTPError as exc:
        return exc.code, exc.read().decode("utf-8")


def event_body(event: dict[str, Any], event_id: str, team: str = "T1") -> str:
    return json.dumps(
        {
            "token": "legacy",
            "team_id": team,
            "api_app_id": "A1",
            "type": "event_callback",
            "event_id": event_id,
            "event_time": int(time.time()),
            "event": event,
        }
    )


def form_body(fields: dict[str, str]) -> str:
    return urllib.parse.urlencode(fields)


def payload_body(payload: dict[str, Any]) -> str:
    return urllib.parse.urlencode({"payload": json.dumps(payload, ensure_ascii=False)})


def start_serve_http(env: dict[str, str], port: int, workers: int, cwd: Any) -> Any:
    """`madoguchi serve --http` as a real process group; returns the Popen once /readyz answers."""
    import subprocess
    import sys

    process = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "bot.cli.main",
            "serve",
            "--http",
            "--host",
            "127.0.0.1",
            "--port",
            str(port),
            "--workers",
            str(workers),
        ],
        cwd=cwd,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,
    )
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{port}/readyz", timeout=2) as response:
                if response.status == 200:
                    return process
        except OSError:
            time.sleep(0.2)
    stop_process_group(process)
    raise RuntimeError("serve --http did not come up within 60 s")


def stop_process_group(process: Any) -> None:
    import os
    import signal
    import subprocess

    os.killpg(process.pid, signal.SIGTERM)
    try:
        process.wait(timeout=20)
    except subprocess.TimeoutExpired:
        os.killpg(process.pid, signal.SIGKILL)


def consult_form(view_id: str, user: str, **overrides: Any) -> dict[str, Any]:
    """A view_submission of the consult modal as Slack sends it; override any field's state."""
    values: dict[str, Any] = {
        "school": {"value": {"type": "plain_text_input", "value": "第三中学校"}},
        "grade": {"value": {"type": "static_select", "selected_option": {"value": "2"}}},
        "categories": {
            "value": {
                "type": "multi_static_select",
                "selected_options": [{"value": "不登校"}, {"value": "家庭環境"}],
            }
        },
        "urgency": {"value": {"type": "radio_buttons", "selected_option": {"value": "通常"}}},
        "summary": {
            "value": {
                "type": "plain_text_input",
                "value": "2年男子。9月から欠席が続き、家で弟の世話をしている様子。",
            }
        },
        "consent": {"value": {"type": "static_select", "selected_option": {"value": "未確認"}}},
        "contact_time": {"value": {"type": "plain_text_input", "value": "放課後"}},
    }
    values.update(overrides)
    return {
        "type": "view_submission",
        "team": {"id": "T1"},
        "user": {"id": user},
        "api_app_id": "A1",
        "trigger_id": "trigger-1",
        "view": {
            "id": view_id,
            "type": "modal",
            "callback_id": "consult_modal",
            "private_metadata": "{}",
            "state": {"values": values},
            "hash": "h",
        },
    }
