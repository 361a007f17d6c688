"""Slack's Socket Mode on loopback: a WebSocket server speaking the envelope protocol, behind a
TCP proxy that can lose a connection the ways the internet does.

``FakeSlack`` answers ``apps.connections.open`` with this server's URL. Each connection gets
``hello``; ``send`` puts an envelope on the newest connection and the time its ack comes back
is recorded. ``refresh`` sends Slack's ``disconnect`` warning and closes the old socket with a
close frame a little later; ``reset`` ends a connection with a TCP reset; ``drop`` stops
carrying its bytes without closing anything, as a dead NAT or a sleeping laptop does.
"""

from __future__ import annotations

import contextlib
import itertools
import json
import socket
import struct
import threading
import time
from dataclasses import dataclass, field
from typing import Any

from websockets.exceptions import ConnectionClosed
from websockets.sync.server import Server, ServerConnection, serve


@dataclass
class Link:
    """One client connection: the proxy's two sockets and the server's WebSocket."""

    client: socket.socket
    upstream: socket.socket
    address: tuple[str, int]  # the upstream socket's own address, as the server sees it
    connection: ServerConnection | None = None
    dropped: bool = False
    closed: threading.Event = field(default_factory=threading.Event)
    close_code: int | None = None  # the close frame the client sent, if any


class FakeSocketMode:
    def __init__(self) -> None:
        self.links: list[Link] = []
        self.sent: dict[str, float] = {}
        self.acks: dict[str, float] = {}
        self.ack_payloads: dict[str, Any] = {}
        self._ids = itertools.count(1)
        self._lock = threading.Lock()
        self._server: Server = serve(self._handle, "127.0.0.1", 0, compression=None)
        threading.Thread(target=self._server.serve_forever, daemon=True).start()
        self._listener = socket.create_server(("127.0.0.1", 0))
        threading.Thread(target=self._accept, daemon=True).start()

    @property
    def url(self) -> str:
        return f"ws://127.0.0.1:{self._listener.getsockname()[1]}/link"

    def stop(self) -> None:
        self._server.shutdown()
        self._listener.close()
        for link in self.links:
            for end in (link.client, link.upstream):
                end.close()

    # --- what a test does ---

    def wait_for_links(self, count: int, timeout: float = 15.0) -> Link:
        """Wait until ``count`` connections have said hello; the newest."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            with self._lock:
                ready = [link for link in self.links if link.connection is not None]
            if len(ready) >= count:
                return ready[-1]
            time.sleep(0.01)
        raise AssertionError(f"{count} Socket Mode connection(s) expected, {len(ready)} seen")

    def send(self, kind: str, payload: dict[str, Any], link: Link | None = None) -> str:
        """An envelope on ``link`` (the newest live connection by default); its id."""
        envelope_id = f"env-{next(self._ids)}"
        target = link or self.newest()
        assert target.connection is not None
        envelope = {
            "envelope_id": envelope_id,
            "type": kind,
            "payload": payload,
            "accepts_response_payload": kind != "events_api",
            "retry_attempt": 0,
            "retry_reason": "",
        }
        self.sent[envelope_id] = time.monotonic()
        target.connection.send(json.dumps(envelope))
        return envelope_id

    def newest(self) -> Link:
        with self._lock:
            live = [link for link in self.links if link.connection and not link.closed.is_set()]
        assert live, "no live Socket Mode connection"
        return live[-1]

    def ack_seconds(self, envelope_id: str, timeout: float = 10.0) -> float:
        deadline = time.monotonic() + timeout
        while envelope_id not in self.acks and time.monotonic() < deadline:
            time.sleep(0.005)
        assert envelope_id in self.acks, f"{envelope_id} was never acked"
        return self.acks[envelope_id] - self.sent[envelope_id]

    def refresh(self, close_after: float) -> Link:
        """Slack's routine ``refresh_requested``; the old socket is closed (with a close frame)
        ``close_after`` seconds later, as Slack does."""
        old = self.newest()
        assert old.connection is not None
        old.connection.send(
            json.dumps(
                {
                    "type": "disconnect",
                    "reason": "refresh_requested",
                    "debug_info": {"host": "fake"},
                }
            )
        )
        connection = old.connection
        threading.Timer(close_after, connection.close).start()
        return old

    def reset(self) -> Link:
        """A TCP reset on the newest connection."""
        link = self.newest()
        link.dropped = True  # the pumps stop carrying bytes
        link.client.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
        link.client.shutdown(socket.SHUT_RDWR)  # wakes the pump blocked on it; then the reset
        link.client.close()
        link.upstream.close()
        return link

    def drop(self) -> Link:
        """The newest connection stops carrying anything, and nothing is closed."""
        link = self.newest()
        link.dropped = True
        return link

    # --- the server ---

    def _handle(self, connection: ServerConnection) -> None:
        link = self._link_of(connection)
        connection.send(json.dumps({"type": "hello", "num_connections": 1}))
        link.connection = connection
        try:
            for raw in connection:
                ack = json.loads(raw)
                if isinstance(ack, dict) and "envelope_id" in ack:
                    self.acks.setdefault(ack["envelope_id"], time.monotonic())
                    self.ack_payloads[ack["envelope_id"]] = ack.get("payload")
        except ConnectionClosed:
            pass
        finally:
            received = connection.protocol.close_rcvd
            link.close_code = received.code if received is not None else None
            link.closed.set()

    def _link_of(self, connection: ServerConnection) -> Link:
        deadline = time.monotonic() + 5
        while time.monotonic() < deadline:
            with self._lock:
                for link in self.links:
                    if link.address == connection.remote_address:
                        return link
            time.sleep(0.005)
        raise AssertionError("a connection that did not come through the proxy")

    def _accept(self) -> None:
        while True:
            try:
                client, _ = self._listener.accept()
            except OSError:
                return
            upstream = socket.create_connection(self._server.socket.getsockname()[:2])
            link = Link(client, upstream, upstream.getsockname())
            with self._lock:
                self.links.append(link)
            for source, target in ((client, upstream), (upstream, client)):
                threading.Thread(
                    target=self._pump, args=(link, source, target), daemon=True
                ).start()

    @staticmethod
    def _pump(link: Link, source: socket.socket, target: socket.socket) -> None:
        try:
            while data := source.recv(65536):
                if not link.dropped:
                    target.sendall(data)
        except OSError:
            pass
        finally:
            if not link.dropped:
                for end in (source, target):
                    with contextlib.suppress(OSError):
                        end.shutdown(socket.SHUT_RDWR)
