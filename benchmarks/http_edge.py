"""The HTTP edge of `madoguchi serve --http` (one worker) under stalled uploads and a flood of
junk, on loopback. Prints a table; the README quotes it.

    .venv/bin/python -m benchmarks.http_edge
"""

from __future__ import annotations

import os
import socket
import statistics
import tempfile
import time
import urllib.request
from collections import Counter
from pathlib import Path

from tests.slack.harness import (
    BOT_TOKEN,
    SIGNING_SECRET,
    FakeSlack,
    event_body,
    signed_post,
    start_serve_http,
    stop_process_group,
)
from tests.slack.test_edge import UNSIGNED_JUNK, raw_post
from tests.slack.test_edge_process import stall
from tests.slack.test_serve_process import ROOT, free_port

STALLED = (0, 40, 200)
SAMPLES = 20


def healthz_ms(url: str) -> float:
    started = time.perf_counter()
    with urllib.request.urlopen(f"{url}/healthz", timeout=10) as response:
        assert response.status == 200
    return (time.perf_counter() - started) * 1000


def mention_ms(url: str, event_id: str) -> float:
    event = {
        "type": "app_mention",
        "user": "U1",
        "text": "<@UBOT> はらっぱ",
        "channel": "C1",
        "ts": "1.1",
    }
    started = time.perf_counter()
    status, _ = signed_post(f"{url}/slack/events", event_body(event, event_id), "application/json")
    assert status == 200
    return (time.perf_counter() - started) * 1000


def main() -> None:
    slack = FakeSlack().start()
    folder = Path(tempfile.mkdtemp())
    port = free_port()
    env = dict(
        os.environ,
        SLACK_BOT_TOKEN=BOT_TOKEN,
        SLACK_SIGNING_SECRET=SIGNING_SECRET,
        SLACK_API_URL=slack.base_url,
        DATABASE_URL=f"sqlite:///{folder / 'edge.sqlite3'}",
        MADOGUCHI_LOG=str(folder / "edge.log"),
    )
    env.pop("SLACK_APP_TOKEN", None)
    process = start_serve_http(env, port, 1, ROOT)
    url = f"http://127.0.0.1:{port}"
    print("| stalled uploads open | /healthz median (max) | signed mention ack median (max) |")
    print("| --- | --- | --- |")
    try:
        for count in STALLED:
            stalled: list[socket.socket] = [stall(url) for _ in range(count)]
            time.sleep(0.5)
            health = [healthz_ms(url) for _ in range(SAMPLES)]
            acks = [mention_ms(url, f"EvBench{count}-{i}") for i in range(SAMPLES)]
            print(
                f"| {count} | {statistics.median(health):.1f} ms ({max(health):.0f}) "
                f"| {statistics.median(acks):.1f} ms ({max(acks):.0f}) |"
            )
            for connection in stalled:
                connection.close()
        started = time.perf_counter()
        statuses = Counter(
            raw_post(f"{url}/slack/events", body, headers)
            for _ in range(600 // len(UNSIGNED_JUNK) + 1)
            for body, headers in UNSIGNED_JUNK
        )
        seconds = time.perf_counter() - started
        print()
        print(
            f"flood of {sum(statuses.values())} unsigned junk requests in {seconds:.1f} s: {dict(statuses)}"
        )
        log = (folder / "edge.log").read_text("utf-8")
        print(f"tracebacks in the log: {log.count('Traceback')}")
    finally:
        stop_process_group(process)
        slack.stop()


if __name__ == "__main__":
    main()
