"""Socket Mode through a refresh, a TCP reset and a socket dropped without a close frame, on
loopback: madoguchi's client (``bot.slack.runtime.socket_mode``) against slack_sdk's built-in client
(what ``serve`` ran before). Prints a table; the README quotes it.

    .venv/bin/python -m benchmarks.socket_mode            # both clients
    .venv/bin/python -m benchmarks.socket_mode --only madoguchi
"""

from __future__ import annotations

import argparse
import contextlib
import logging
import statistics
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass

from slack_bolt import App
from slack_sdk import WebClient
from websockets.exceptions import ConnectionClosed

from bot.slack.runtime.socket_mode import SocketMode
from tests.slack.fake_socket_mode import FakeSocketMode
from tests.slack.harness import FakeSlack

ENVELOPE_EVERY = 0.05  # seconds
REFRESH_RUN = 14.0  # seconds of envelopes, with a refresh after one second
OLD_SOCKET_CLOSED_AFTER = 10.0  # seconds after its disconnect warning (Slack: about 10)
GIVE_UP = 120.0  # seconds to wait for a reconnection


@dataclass
class Row:
    client: str
    scenario: str
    acks: str
    reconnected: str
    cpu: str


def bolt_app(slack: FakeSlack) -> App:
    app = App(
        client=WebClient(token="xoxb-bench", base_url=slack.base_url),
        signing_secret="bench",
        token_verification_enabled=False,
        process_before_response=True,
    )

    @app.event("app_mention")
    def on_mention() -> None:  # acked by Bolt; nothing to do
        return

    return app


def envelope(i: int) -> dict[str, object]:
    return {
        "type": "event_callback",
        "team_id": "T1",
        "event_id": f"EvB{i:06d}",
        "event": {"type": "app_mention", "user": "U1", "text": "x", "channel": "C1", "ts": "1.1"},
    }


def start(client: str, app: App, slack: FakeSlack) -> Callable[[], None]:
    """Connect with ``client``; returns how to stop it."""
    web = WebClient(base_url=slack.base_url)
    if client == "madoguchi":
        socket_mode = SocketMode(app, lambda: str(web.apps_connections_open(app_token="x")["url"]))
        thread = threading.Thread(target=socket_mode.run, daemon=True)
        thread.start()
        return socket_mode.request_stop
    from slack_bolt.adapter.socket_mode.builtin import SocketModeHandler

    handler = SocketModeHandler(app, "xapp-bench", web_client=web)  # type: ignore[no-untyped-call]
    handler.connect()  # type: ignore[no-untyped-call]
    return handler.close  # type: ignore[no-any-return]


def refresh(client: str) -> Row:
    with running(client) as (fake, _):
        sent, i, began = [], 0, time.monotonic()
        refreshed = False
        while time.monotonic() - began < REFRESH_RUN:
            if not refreshed and time.monotonic() - began > 1.0:
                fake.refresh(close_after=OLD_SOCKET_CLOSED_AFTER)
                refreshed = True
            with contextlib.suppress(AssertionError, ConnectionClosed):  # between two sockets
                sent.append(fake.send("events_api", envelope(i)))
            i += 1
            time.sleep(ENVELOPE_EVERY)
        waits = [fake.ack_seconds(e, timeout=10) for e in sent]
        late = sum(1 for w in waits if w > 3.0)
        acks = (
            f"{len(waits)} acks: median {statistics.median(waits) * 1000:.1f} ms, "
            f"max {max(waits) * 1000:.0f} ms, {late} over 3 s"
        )
        return Row(client, "refresh_requested", acks, f"{len(fake.links)} sockets", "-")


def broken(client: str, scenario: str) -> Row:
    with running(client) as (fake, _):
        (fake.reset if scenario == "TCP reset" else fake.drop)()
        began, cpu = time.monotonic(), time.process_time()
        try:
            fake.wait_for_links(2, timeout=GIVE_UP)
            down = time.monotonic() - began
            busy = time.process_time() - cpu
            wait = fake.ack_seconds(fake.send("events_api", envelope(1)), timeout=10)
            return Row(
                client,
                scenario,
                f"next ack {wait * 1000:.1f} ms",
                f"{down:.1f} s",
                f"{busy * 1000:.0f} ms ({busy / down:.0%} of a core)",
            )
        except AssertionError:
            return Row(client, scenario, "-", f"not within {GIVE_UP:.0f} s", "-")


class running:
    """A fake Slack (Web API and Socket Mode) with ``client`` connected to it."""

    def __init__(self, client: str) -> None:
        self.client = client

    def __enter__(self) -> tuple[FakeSocketMode, FakeSlack]:
        self.slack = FakeSlack().start()
        self.fake = FakeSocketMode()
        self.slack.socket_url = self.fake.url
        self.stop = start(self.client, bolt_app(self.slack), self.slack)
        self.fake.wait_for_links(1)
        return self.fake, self.slack

    def __exit__(self, *exc: object) -> None:
        self.stop()
        self.fake.stop()
        self.slack.stop()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--only", choices=["madoguchi", "builtin"])
    args = parser.parse_args()
    logging.basicConfig(level=logging.CRITICAL)
    clients = [args.only] if args.only else ["madoguchi", "builtin"]
    rows = []
    for client in clients:
        rows.append(refresh(client))
        rows.append(broken(client, "TCP reset"))
        rows.append(broken(client, "dropped, no close frame"))
    print("| client | scenario | acks | reconnected after | CPU while down |")
    print("| --- | --- | --- | --- | --- |")
    for row in rows:
        print(f"| {row.client} | {row.scenario} | {row.acks} | {row.reconnected} | {row.cpu} |")


if __name__ == "__main__":
    main()
