"""Ack latency of `madoguchi serve --http` under load, on loopback, with a fake Slack Web API.

Sends signed requests (mentions, /madoguchi, consult submissions each sent twice)
from N concurrent clients; reports ack p50/p99, errors, and whether any consult was
filed twice. Prints a table.

    .venv/bin/python benchmarks/slack_ack.py [--requests 1000] [--concurrency 50] [--workers 1 2]
    BENCH_POSTGRES=1 …   # on PostgreSQL at 127.0.0.1:5432 (a fresh schema per run)
    BENCH_BY_KIND=1 …    # latency per request kind too
"""

from __future__ import annotations

import argparse
import http.client
import multiprocessing
import multiprocessing.connection
import multiprocessing.synchronize
import os
import resource
import socket
import subprocess
import sys
import tempfile
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from slack_sdk.signature import SignatureVerifier  # noqa: E402
from sqlalchemy import create_engine, func, select  # noqa: E402

from bot.queue.db import ConsultRow  # noqa: E402
from tests.slack.harness import (  # noqa: E402
    BOT_TOKEN,
    SIGNING_SECRET,
    FakeSlack,
    consult_form,
    event_body,
    form_body,
    payload_body,
    start_serve_http,
    stop_process_group,
)

QUESTIONS = [
    "はらっぱ今日あいてる？",
    "不登校の相談はどこ？",
    "子家センのフリーダイヤル教えて",
    "給食費を滞納している家庭の相談先",
    "使い方おしえて",
]


def submission(view_id: str) -> str:
    return payload_body(consult_form(view_id, "UTEACHER"))


def requests_to_send(total: int, response_url: str) -> list[tuple[str, str]]:
    out: list[tuple[str, str]] = []
    for i in range(total):
        kind = i % 10
        if kind < 6:
            event = {
                "type": "app_mention",
                "user": "U1",
                "text": f"<@UBOT> {QUESTIONS[i % len(QUESTIONS)]}",
                "channel": "C1",
                "ts": f"{i}.1",
            }
            out.append((event_body(event, f"EvBench{i}"), "application/json"))
        elif kind < 8:
            out.append(
                (
                    form_body(
                        {
                            "command": "/madoguchi",
                            "text": QUESTIONS[i % len(QUESTIONS)],
                            "user_id": "U1",
                            "channel_id": "C1",
                            "team_id": "T1",
                            "trigger_id": "t",
                            "response_url": response_url,
                        }
                    ),
                    "application/x-www-form-urlencoded",
                )
            )
        else:
            out.append(
                (submission(f"VBENCH{i // 20}"), "application/x-www-form-urlencoded")
            )  # each view id is sent twice
    return out


def server_cpu(master: int) -> float:
    """CPU seconds used so far by the server's processes (the gunicorn master and its workers)."""
    pids = [master] + [
        int(p)
        for p in subprocess.run(
            ["pgrep", "-P", str(master)], capture_output=True, text=True
        ).stdout.split()
    ]
    ticks = 0
    for pid in pids:
        try:
            fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
            ticks += int(fields[11]) + int(fields[12])
        except OSError:
            pass
    return ticks / os.sysconf("SC_CLK_TCK")


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def fake_slack_process(
    port_out: multiprocessing.connection.Connection, stop: multiprocessing.synchronize.Event
) -> None:
    """The fake Web API in its own process, so it does not share the load generator's GIL."""
    slack = FakeSlack().start()
    port_out.send((slack.base_url, slack.response_url))
    stop.wait()
    answered = sum(
        1 for c in slack.calls if c.method == "chat.postMessage" and c.args.get("channel") == "C1"
    )
    port_out.send((answered, len(slack.called("response_url"))))
    slack.stop()


def signed(body: str, content_type: str) -> tuple[bytes, dict[str, str]]:
    stamp = str(int(time.time()))
    signature = SignatureVerifier(SIGNING_SECRET).generate_signature(timestamp=stamp, body=body)
    return body.encode(), {
        "Content-Type": content_type,
        "X-Slack-Request-Timestamp": stamp,
        "X-Slack-Signature": signature,
    }


def run(
    total: int, concurrency: int, workers: int
) -> tuple[int, float, float, float, int, int, int]:
    receive, send_end = multiprocessing.Pipe(duplex=True)
    stop = multiprocessing.Event()
    fake = multiprocessing.Process(target=fake_slack_process, args=(send_end, stop), daemon=True)
    fake.start()
    base_url, response_url = receive.recv()
    folder = tempfile.mkdtemp()
    database = f"sqlite:///{folder}/bench.sqlite3"
    if os.environ.get("BENCH_POSTGRES"):
        schema = f"bench_ack_{int(time.time() * 1000)}"
        admin = create_engine("postgresql+psycopg://postgres@127.0.0.1:5432/test")
        with admin.begin() as connection:
            connection.exec_driver_sql(f"CREATE SCHEMA {schema}")
        database = f"postgresql://postgres@127.0.0.1:5432/test?options=-csearch_path%3D{schema}"
    port = free_port()
    env = dict(
        os.environ,
        SLACK_BOT_TOKEN=BOT_TOKEN,
        SLACK_SIGNING_SECRET=SIGNING_SECRET,
        SLACK_API_URL=base_url,
        DATABASE_URL=database,
        MADOGUCHI_SSW_CHANNEL="CQUEUE",
        MADOGUCHI_LOG=f"{folder}/log.txt",
    )
    process = start_serve_http(env, port, workers, ROOT)
    try:
        work = requests_to_send(total, response_url)
        prepared = [
            signed(body, kind) for body, kind in work
        ]  # signed up front: the clock is the server's
        local = threading.local()

        def send(item: tuple[bytes, dict[str, str]]) -> tuple[float, int]:
            if not hasattr(local, "connection"):
                local.connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
            started = time.perf_counter()
            try:
                local.connection.request("POST", "/slack/events", body=item[0], headers=item[1])
                response = local.connection.getresponse()
                response.read()
                status = response.status
            except (OSError, http.client.HTTPException):
                local.connection.close()
                del local.connection
                status = 0
            return (time.perf_counter() - started) * 1000, status

        server_before, client_before = (
            server_cpu(process.pid),
            resource.getrusage(resource.RUSAGE_SELF),
        )
        started = time.perf_counter()
        with ThreadPoolExecutor(concurrency) as pool:
            results = list(pool.map(send, prepared))
        elapsed = time.perf_counter() - started
        time.sleep(1)
        server_used = server_cpu(process.pid) - server_before
        client_after = resource.getrusage(resource.RUSAGE_SELF)
        client_used = (client_after.ru_utime + client_after.ru_stime) - (
            client_before.ru_utime + client_before.ru_stime
        )
        if os.environ.get("BENCH_BY_KIND"):
            print(
                f"  CPU per request: server {1000 * server_used / total:.2f} ms, load generator {1000 * client_used / total:.2f} ms"
            )
        drained = time.perf_counter()
        mentions = sum(1 for body, _ in work if "event_callback" in body)
        commands = sum(1 for body, _ in work if "command=" in body)
        engine = create_engine(
            env["DATABASE_URL"].replace("postgresql://", "postgresql+psycopg://")
        )
        with engine.connect() as connection:
            consults = connection.execute(select(func.count()).select_from(ConsultRow)).scalar_one()
        unique_views = len({body for body, _ in work if "VBENCH" in body})
        deadline = time.monotonic() + 120
        while (
            time.monotonic() < deadline
        ):  # the work after the ack: every mention answered, every command responded
            with engine.connect() as connection:
                pending = connection.exec_driver_sql(
                    "SELECT count(*) FROM jobs WHERE status IN ('pending', 'running')"
                ).scalar_one()
            if not pending:
                break
            time.sleep(0.5)
        drain_s = time.perf_counter() - drained
    finally:
        stop_process_group(process)
        stop.set()
        answered, responded = receive.recv()
        fake.join(timeout=10)
    print(
        f"  work after the ack: {answered}/{mentions} mentions answered, {responded}/{commands} commands responded, drained {drain_s:.1f} s after the last ack"
    )
    if os.environ.get("BENCH_BY_KIND"):
        kinds = [
            "mention" if "event_callback" in body else "command" if "command=" in body else "form"
            for body, _ in work
        ]
        for kind in ("mention", "command", "form"):
            mine = sorted(ms for (ms, _), k in zip(results, kinds, strict=True) if k == kind)
            print(
                f"  {kind:<8} n={len(mine):4d} p50={mine[len(mine) // 2]:7.1f} ms p99={mine[int(0.99 * (len(mine) - 1))]:7.1f} ms"
            )
    if os.environ.get("BENCH_BY_KIND"):
        first = sorted(ms for ms, _ in results[:100])
        rest = sorted(ms for ms, _ in results[100:])
        print(
            f"  first 100: p50={first[50]:.1f} max={first[-1]:.1f} ms; the other {len(rest)}: p50={rest[len(rest) // 2]:.1f} p99={rest[int(0.99 * (len(rest) - 1))]:.1f} ms"
        )
    latencies = sorted(ms for ms, _ in results)
    errors = sum(1 for _, status in results if status != 200)
    p = lambda q: latencies[min(len(latencies) - 1, int(round(q * (len(latencies) - 1))))]  # noqa: E731
    return workers, p(0.5), p(0.99), total / elapsed, errors, consults, unique_views


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--requests", type=int, default=1000)
    parser.add_argument("--concurrency", type=int, default=50)
    parser.add_argument("--workers", type=int, nargs="+", default=[1])
    args = parser.parse_args()
    rows = [run(args.requests, args.concurrency, w) for w in args.workers]
    print(
        f"{'workers':>8}{'ack p50 ms':>12}{'ack p99 ms':>12}{'req/s':>9}{'errors':>8}{'consults':>10}{'distinct forms':>16}"
    )
    for workers, p50, p99, rate, errors, consults, unique in rows:
        print(
            f"{workers:>8}{p50:>12.1f}{p99:>12.1f}{rate:>9.0f}{errors:>8}{consults:>10}{unique:>16}"
        )
    print(
        f"({args.requests} signed requests at {args.concurrency} concurrent; 60% mentions, 20% /madoguchi, 20% consult forms each sent twice)"
    )


if __name__ == "__main__":
    main()
