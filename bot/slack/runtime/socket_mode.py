"""Socket Mode: Slack's envelopes over a WebSocket, each acked by the thread that dispatched it.

slack_sdk's clients hand envelopes out on the same thread that reconnects: its
built-in client stalls every envelope for ~3 s on each ``refresh_requested``
(the old socket's reader is closed with a 3 s read timeout on that thread), past
Slack's 3 s, and notices a socket closed without a close frame only after ~60 s
while spinning a core; the websocket-client adapter also reconnects
(``connect_to_new_endpoint``) on its message-processing thread. Here every
connection has its own reader thread, envelopes go to a pool the moment they
are read, and opening the next connection happens on the supervising thread:

- ``disconnect`` (a refresh): the next connection is opened at once while the old
  one keeps being read and acked until Slack closes it;
- a dead socket: websockets' keepalive pings every ``PING_INTERVAL`` s and gives
  up after ``PING_TIMEOUT`` s without a pong; readers block in ``recv`` (no polling);
- ``stop()``: no new envelope is taken, running ones are acked, every socket is
  closed with a close frame (1000).

The work after the ack is the app's: in ``serve`` it is stored in the jobs table,
as in HTTP mode (``bot.slack.runtime.jobs``), so it survives a 429 and a restart.
"""

from __future__ import annotations

import json
import logging
import threading
import time
from collections.abc import Callable, Sequence
from concurrent.futures import ThreadPoolExecutor
from contextlib import AbstractContextManager, nullcontext
from typing import Any

from slack_bolt import App
from slack_bolt.request import BoltRequest
from slack_bolt.response import BoltResponse
from websockets.exceptions import ConnectionClosed
from websockets.sync.client import ClientConnection, connect

from bot.slack.runtime.edge import shape_problem

log = logging.getLogger(__name__)

PING_INTERVAL = 2.0  # seconds between keepalive pings
PING_TIMEOUT = 3.0  # a socket without a pong for this long is dead
CLOSE_TIMEOUT = 1.0  # how long a close waits for the other side's close frame
OPEN_TIMEOUT = 10.0
RECONNECT_DELAYS = (0.0, 0.5, 1.0, 2.0, 4.0, 8.0)  # after each failed attempt in a row
OLD_SOCKET_GRACE = 30.0  # after a refresh, the old socket is closed by us if Slack has not
ENVELOPE_THREADS = 8
SHORT_LIVED = 1.0  # seconds: after two connections in a row lost this soon, pause this long


def ack_for(envelope_id: str, response: BoltResponse) -> dict[str, Any]:
    """The ack Slack expects: the envelope id, with the listener's answer as its payload (a
    slash command's text, a form's inline errors) when there is one."""
    ack: dict[str, Any] = {"envelope_id": envelope_id}
    if response.status != 200 or not response.body:
        return ack
    content_type = (response.headers.get("content-type") or [""])[0]
    if content_type.startswith("application/json"):
        ack["payload"] = json.loads(response.body)
    else:
        ack["payload"] = {"text": response.body}
    return ack


def retry_headers(envelope: dict[str, Any]) -> dict[str, str | Sequence[str]]:
    """Slack's retry headers, as HTTP mode has them."""
    headers: dict[str, str | Sequence[str]] = {}
    if envelope.get("retry_attempt") is not None:
        headers["x-slack-retry-num"] = str(envelope["retry_attempt"])
    if envelope.get("retry_reason") is not None:
        headers["x-slack-retry-reason"] = str(envelope["retry_reason"])
    return headers


class SocketMode:
    """Keeps one live connection to Slack (two for a moment during a refresh)."""

    def __init__(
        self,
        app: App,
        open_url: Callable[[], str],
        threads: int = ENVELOPE_THREADS,
        ping_interval: float = PING_INTERVAL,
        ping_timeout: float = PING_TIMEOUT,
        in_flight: AbstractContextManager[None] | None = None,
    ) -> None:
        self.app = app
        self.in_flight = in_flight or nullcontext()
        self.open_url = open_url
        self.ping_interval = ping_interval
        self.ping_timeout = ping_timeout
        self.pool = ThreadPoolExecutor(threads, thread_name_prefix="envelope")
        self._lock = threading.Lock()
        self._wake = threading.Event()
        self._stopping = threading.Event()
        self._current: ClientConnection | None = None
        self._replace = False
        self._open: set[ClientConnection] = set()

    @property
    def connected(self) -> bool:
        with self._lock:
            return self._current is not None

    def run(self) -> None:
        """Connect, and connect again whenever the connection is lost or Slack asks for a new
        one, until ``request_stop``; then finish running envelopes and close every socket."""
        failures = quick = 0
        while not self._stopping.is_set():
            try:
                connection = self._connect()
            except Exception as exc:  # noqa: BLE001  (any failure to connect is retried)
                delay = RECONNECT_DELAYS[min(failures, len(RECONNECT_DELAYS) - 1)]
                failures += 1
                log.warning(
                    "could not connect to Slack (%s); trying again in %.1f s",
                    type(exc).__name__,
                    delay,
                )
                self._stopping.wait(delay)
                continue
            failures = 0
            opened = time.monotonic()
            self._wait_for_a_reason_to_reconnect(connection)
            quick = quick + 1 if time.monotonic() - opened < SHORT_LIVED else 0
            if quick > 1:  # sockets that die at once, again and again: no tight loop
                self._stopping.wait(SHORT_LIVED)
        self._close()

    def request_stop(self) -> None:
        """Safe from a signal handler: ``run`` returns after closing cleanly."""
        self._stopping.set()
        self._wake.set()

    def _connect(self) -> ClientConnection:
        connection = connect(
            self.open_url(),
            open_timeout=OPEN_TIMEOUT,
            ping_interval=self.ping_interval,
            ping_timeout=self.ping_timeout,
            close_timeout=CLOSE_TIMEOUT,
        )
        with self._lock:
            previous, self._current, self._replace = self._current, connection, False
            self._open.add(connection)
        if previous is not None:  # a refresh: Slack closes it; we do if it does not
            timer = threading.Timer(OLD_SOCKET_GRACE, previous.close)
            timer.daemon = True
            timer.start()
        threading.Thread(
            target=self._read, args=(connection,), name="socket-reader", daemon=True
        ).start()
        log.info("connected to Slack in Socket Mode")
        return connection

    def _wait_for_a_reason_to_reconnect(self, connection: ClientConnection) -> None:
        while not self._stopping.is_set():
            self._wake.wait()
            self._wake.clear()
            with self._lock:
                if self._replace or self._current is not connection:
                    return

    def _read(self, connection: ClientConnection) -> None:
        try:
            for raw in connection:
                self._on_message(connection, raw)
        except ConnectionClosed:
            pass
        except Exception:
            log.exception("socket reader failed")
        finally:
            with self._lock:
                self._open.discard(connection)
                lost = self._current is connection
                if lost:
                    self._current = None
            if lost and not self._stopping.is_set():
                log.warning(
                    "Slack connection lost (close code %s); reconnecting", connection.close_code
                )
                self._wake.set()

    def _on_message(self, connection: ClientConnection, raw: str | bytes) -> None:
        try:
            message = json.loads(raw)
        except ValueError:
            log.warning("a Socket Mode message that is not JSON was ignored")
            return
        if not isinstance(message, dict):
            return
        kind = message.get("type")
        if kind == "hello":
            return
        if kind == "disconnect":
            log.info("Slack asks for a new connection (%s)", message.get("reason"))
            with self._lock:
                if connection is self._current:
                    self._replace = True
            self._wake.set()
            return
        envelope_id = message.get("envelope_id")
        if not isinstance(envelope_id, str) or self._stopping.is_set():
            return  # while stopping, Slack delivers it again to the next connection
        try:
            self.pool.submit(self._handle, connection, envelope_id, message)
        except RuntimeError:  # the pool was shut down: stopping
            return

    def _handle(
        self, connection: ClientConnection, envelope_id: str, envelope: dict[str, Any]
    ) -> None:
        payload = envelope.get("payload")
        ack: dict[str, Any] = {"envelope_id": envelope_id}
        if isinstance(payload, dict) and shape_problem(payload) is None:
            try:
                request = BoltRequest(
                    body=payload, headers=retry_headers(envelope), mode="socket_mode"
                )
                with self.in_flight:
                    ack = ack_for(envelope_id, self.app.dispatch(request))
            except Exception:
                log.exception("envelope %s failed", envelope_id)
        else:
            log.info("envelope %s is not a payload the app reads; acked only", envelope_id)
        self._send(connection, ack)

    def _send(self, connection: ClientConnection, ack: dict[str, Any]) -> None:
        """On the socket the envelope came on; if that one has just closed, on the current one."""
        text = json.dumps(ack)
        for target in (connection, self._current_or_none()):
            if target is None:
                continue
            try:
                target.send(text)
                return
            except ConnectionClosed:
                continue
        log.warning("envelope %s could not be acked: no open connection", ack["envelope_id"])

    def _current_or_none(self) -> ClientConnection | None:
        with self._lock:
            return self._current

    def _close(self) -> None:
        self.pool.shutdown(wait=True)  # running envelopes are acked first
        with self._lock:
            connections = list(self._open)
            self._current = None
        for connection in connections:
            connection.close(1000, "madoguchi is stopping")
        log.info("Socket Mode stopped")
