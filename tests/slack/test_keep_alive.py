"""Answers go to Slack over kept-open connections (no new TCP and TLS handshake per answer)."""

from __future__ import annotations

import json
import threading
import urllib.request
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

import pytest
from slack_sdk import WebClient
from slack_sdk.errors import SlackApiError
from slack_sdk.webhook import WebhookClient

from bot.slack.runtime.keep_alive import IDLE_LIMIT, KeepAliveHandler
from tests.slack.harness import SHUTDOWN_POLL


class KeepAliveSlack:
    """An HTTP/1.1 stand-in for Slack that notes which connection (client port) each call came on."""

    def __init__(self) -> None:
        self.ports: list[int] = []
        self.close_after_next = False
        self.rate_limit_next = False
        slack = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def log_message(self, *args: Any) -> None:
                pass

            def do_POST(self) -> None:  # noqa: N802
                self.rfile.read(int(self.headers.get("Content-Length", 0)))
                slack.ports.append(self.client_address[1])
                status, reply = 200, {"ok": True, "channel": "C1", "ts": "1.1"}
                if slack.rate_limit_next:
                    slack.rate_limit_next = False
                    status, reply = 429, {"ok": False, "error": "ratelimited"}
                data = json.dumps(reply).encode()
                self.send_response(status)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(data)))
                if status == 429:
                    self.send_header("Retry-After", "1")
                self.end_headers()
                self.wfile.write(data)
                if slack.close_after_next:
                    slack.close_after_next = False
                    self.close_connection = True

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.server.daemon_threads = True
        threading.Thread(
            target=self.server.serve_forever, kwargs={"poll_interval": SHUTDOWN_POLL}, daemon=True
        ).start()
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}"

    def connections(self) -> int:
        return len(set(self.ports))


@pytest.fixture
def slack() -> Iterator[KeepAliveSlack]:
    stand_in = KeepAliveSlack()
    yield stand_in
    stand_in.server.shutdown()
    stand_in.server.server_close()


@pytest.fixture
def clock() -> Iterator[list[float]]:
    """Installs the keep-alive opener for the test (with a clock it can move), then removes it."""
    now = [1000.0]
    urllib.request.install_opener(urllib.request.build_opener(KeepAliveHandler(lambda: now[0])))
    yield now
    urllib.request.install_opener(None)  # type: ignore[arg-type]


@pytest.fixture
def client(slack: KeepAliveSlack, clock: list[float]) -> WebClient:
    """slack_sdk's client against the stand-in, posting through the keep-alive opener."""
    return WebClient(token="xoxb-test", base_url=f"{slack.url}/api/")


def test_answers_and_responses_reuse_one_connection(
    slack: KeepAliveSlack, client: WebClient
) -> None:
    for n in range(3):
        client.chat_postMessage(channel="C1", text=f"answer {n}")
    WebhookClient(f"{slack.url}/response/1").send(text="a private answer")
    assert len(slack.ports) == 4
    assert slack.connections() == 1


def test_a_connection_the_server_closed_is_not_used_again(
    slack: KeepAliveSlack, client: WebClient
) -> None:
    slack.close_after_next = True
    client.chat_postMessage(channel="C1", text="first")
    client.chat_postMessage(channel="C1", text="second")
    assert slack.connections() == 2


def test_a_connection_idle_for_long_is_replaced(
    slack: KeepAliveSlack, client: WebClient, clock: list[float]
) -> None:
    client.chat_postMessage(channel="C1", text="first")
    clock[0] += IDLE_LIMIT + 1
    client.chat_postMessage(channel="C1", text="second")
    assert slack.connections() == 2


def test_a_rate_limited_call_still_reaches_the_caller_as_slack_sdk_reports_it(
    slack: KeepAliveSlack, client: WebClient
) -> None:
    slack.rate_limit_next = True
    with pytest.raises(SlackApiError) as raised:
        client.chat_postMessage(channel="C1", text="first")
    assert raised.value.response.status_code == 429
    assert raised.value.response.headers["Retry-After"] == "1"
    client.chat_postMessage(channel="C1", text="second")
    assert len(slack.ports) == 2


def test_each_thread_has_its_own_connection(slack: KeepAliveSlack, client: WebClient) -> None:

    def post_twice() -> None:
        client.chat_postMessage(channel="C1", text="one")
        client.chat_postMessage(channel="C1", text="two")

    threads = [threading.Thread(target=post_twice) for _ in range(3)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert len(slack.ports) == 6
    assert slack.connections() == 3
