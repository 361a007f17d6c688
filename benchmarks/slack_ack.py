"""Ack latency and answer throughput of `madoguchi serve --http` under load, on loopback.

Sends signed requests (mentions, /madoguchi, consult submissions each sent twice)
over N concurrent keep-alive connections to a real `serve --http`, with a lean
stand-in for Slack's Web API. Reports ack p50/p99, acks/s, answers/s (mentions
answered in the channel plus commands answered at their response_url, counted
from the first request to the last answer), errors, and whether any consult
was filed twice. A warm-up of 200 requests is sent first and not counted.

    .venv/bin/python benchmarks/slack_ack.py [--requests 1000] [--concurrency 50] [--workers 1 2]
    BENCH_POSTGRES=1 …   # on PostgreSQL at 127.0.0.1:5432 (a fresh schema per run)
"""

from __future__ import annotations

import argparse
import os
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from slack_sdk.oauth.installation_store import Installation  # noqa: E402
from slack_sdk.oauth.installation_store.sqlalchemy import SQLAlchemyInstallationStore  # noqa: E402
from slack_sdk.signature import SignatureVerifier  # noqa: E402
from sqlalchemy import create_engine, func, select  # noqa: E402

from benchmarks import loadgen  # noqa: E402
from benchmarks.quiet_slack import QuietSlack  # noqa: E402
from bot.storage.db import ConsultRow  # noqa: E402
from tests.slack.harness import (  # noqa: E402
    BOT_TOKEN,
    SIGNING_SECRET,
    consult_form,
    event_body,
    form_body,
    payload_body,
    start_serve_http,
    stop_process_group,
)

QUESTIONS = [
    "はらっぱって今日は開いてますか？",
    "不登校の相談はどこ？",
    "子家センのフリーダイヤルの番号は？",
    "給食費を滞納している家庭の相談先",
    "使い方おしえて",
]
WARM_UP = 200
POSTGRES = "postgresql+psycopg://postgres@127.0.0.1:5432/test"


@dataclass(frozen=True)
class Run:
    workers: int
    concurrency: int
    ack_p50: float
    ack_p99: float
    acks_per_s: float
    answers_per_s: float
    answered: int
    expected_answers: int
    errors: int
    consults: int
    distinct_forms: int
    server_cpu_ms: float
    database_cpu_ms: float
    loadgen_cpu_ms: float
    web_api_cpu_ms: float


def requests_to_send(
    total: int, response_url: str, tag: str, teams: list[str] | None = None
) -> list[tuple[str, str]]:
    teams = teams or ["T1"]
    out: list[tuple[str, str]] = []
    for i in range(total):
        kind = i % 10
        team = teams[(i // 20) % len(teams)]
        if kind < 6:
            event = {
                "type": "app_mention",
                "user": "U1",
                "text": f"<@UBOT> {QUESTIONS[i % len(QUESTIONS)]}",
                "channel": "C1",
                "ts": f"{i}.1",
            }
            out.append((event_body(event, f"Ev{tag}{i}", team), "application/json"))
        elif kind < 8:
            command = {
                "command": "/madoguchi",
                "text": QUESTIONS[i % len(QUESTIONS)],
                "user_id": "U1",
                "channel_id": "C1",
                "team_id": team,
                "trigger_id": "t",
                "response_url": response_url,
            }
            out.append((form_body(command), "application/x-www-form-urlencoded"))
        else:  # each view id is sent twice: the second copy must not file a second consult
            submission = consult_form(f"V{tag}{i // 20}", "UTEACHER")
            submission["team"] = {"id": team}
            out.append((payload_body(submission), "application/x-www-form-urlencoded"))
    return out


def signed(body: str, content_type: str) -> bytes:
    stamp = str(int(time.time()))
    signature = SignatureVerifier(SIGNING_SECRET).generate_signature(timestamp=stamp, body=body)
    headers = {
        "Content-Type": content_type,
        "X-Slack-Request-Timestamp": stamp,
        "X-Slack-Signature": signature,
    }
    return loadgen.http_request("/slack/events", body.encode(), headers)


def server_cpu(root: int) -> float:
    """CPU seconds used so far by the server's process tree."""
    pids = [root]
    for pid in pids:
        found = subprocess.run(["pgrep", "-P", str(pid)], capture_output=True, text=True)
        pids += [int(p) for p in found.stdout.split()]
    return cpu_of(pids)


def database_cpu() -> float:
    """CPU seconds used so far by PostgreSQL's processes (all of them: the benchmark is alone)."""
    found = subprocess.run(["pgrep", "-x", "postgres"], capture_output=True, text=True)
    return cpu_of([int(p) for p in found.stdout.split()])


def cpu_of(pids: list[int]) -> float:
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


def database(folder: str, postgres: bool) -> str:
    if not postgres:
        return f"sqlite:///{folder}/bench.sqlite3"
    schema = f"bench_{int(time.time() * 1000)}"
    with create_engine(POSTGRES).begin() as connection:
        connection.exec_driver_sql(f"CREATE SCHEMA {schema}")
    return f"postgresql://postgres@127.0.0.1:5432/test?options=-csearch_path%3D{schema}"


def run(
    total: int,
    concurrency: int,
    workers: int,
    postgres: bool = False,
    directory: Path | None = None,
    municipality: str | None = None,
    oauth_workspaces: int = 0,
) -> Run:
    slack = QuietSlack()
    folder = tempfile.mkdtemp()
    env = dict(
        os.environ,
        SLACK_BOT_TOKEN=BOT_TOKEN,
        SLACK_SIGNING_SECRET=SIGNING_SECRET,
        SLACK_API_URL=slack.base_url,
        DATABASE_URL=database(folder, postgres),
        MADOGUCHI_SSW_CHANNEL="CQUEUE",
        MADOGUCHI_LOG=f"{folder}/log.txt",
    )
    env.pop("SLACK_APP_TOKEN", None)
    teams = [f"TW{n:04d}" for n in range(oauth_workspaces)] or None
    if teams:
        distribute(env, folder, teams)
    if directory is not None:
        env["MADOGUCHI_DIRECTORY"] = str(directory)
    if municipality is not None:
        env["MADOGUCHI_MUNICIPALITY"] = municipality
    port = free_port()
    process = start_serve_http(env, port, workers, ROOT)
    if teams:
        install(env["DATABASE_URL"], teams)
    try:
        warm = [
            signed(b, k) for b, k in requests_to_send(WARM_UP, slack.response_url, "warm", teams)
        ]
        loadgen.run("127.0.0.1", port, warm, min(concurrency, 10))
        wait_for_answers(slack, expected_answers(warm), timeout=120)
        before = slack.counts()
        work = requests_to_send(total, slack.response_url, "run", teams)
        prepared = [signed(body, kind) for body, kind in work]  # signed up front
        cpu_before, db_before = server_cpu(process.pid), database_cpu()
        load_before, api_before = cpu_of([os.getpid()]), cpu_of([slack.pid])
        started = time.perf_counter()
        results = loadgen.run("127.0.0.1", port, prepared, concurrency)
        acked = time.perf_counter()
        expected = expected_answers(prepared)
        answered, last_answer = wait_for_answers(slack, expected, timeout=300, since=before)
        cpu_used = server_cpu(process.pid) - cpu_before
        db_used = database_cpu() - db_before
        load_used = cpu_of([os.getpid()]) - load_before
        api_used = cpu_of([slack.pid]) - api_before
        engine = create_engine(
            env["DATABASE_URL"].replace("postgresql://", "postgresql+psycopg://")
        )
        with engine.connect() as connection:
            consults = connection.execute(select(func.count()).select_from(ConsultRow)).scalar_one()
        engine.dispose()
    finally:
        stop_process_group(process)
        slack.stop()
    latencies = [r.latency_ms for r in results]
    return Run(
        workers=workers,
        concurrency=concurrency,
        ack_p50=loadgen.percentile(latencies, 0.5),
        ack_p99=loadgen.percentile(latencies, 0.99),
        acks_per_s=total / (acked - started),
        answers_per_s=answered / (last_answer - started),
        answered=answered,
        expected_answers=expected,
        errors=sum(1 for r in results if r.status != 200),
        consults=consults - WARM_UP // 20,
        distinct_forms=len({b for b, _ in work if "payload=" in b}),
        server_cpu_ms=1000 * cpu_used / total,
        database_cpu_ms=1000 * db_used / total,
        loadgen_cpu_ms=1000 * load_used / total,
        web_api_cpu_ms=1000 * api_used / total,
    )


def distribute(env: dict[str, str], folder: str, teams: list[str]) -> None:
    """OAuth mode: no bot token; one workspace map entry per team (all on the sample routing)."""
    env.pop("SLACK_BOT_TOKEN")
    env.update(SLACK_CLIENT_ID="1.2", SLACK_CLIENT_SECRET="secret")
    routing = Path(folder) / "routing.yaml"
    routing.write_text((ROOT / "consults" / "data" / "routing.yaml").read_text("utf-8"), "utf-8")
    lines = ["workspaces:"] + [
        f"  - {{team: {t}, routing: routing.yaml, ssw_channel: CQUEUE}}" for t in teams
    ]
    (Path(folder) / "workspaces.yaml").write_text("\n".join(lines) + "\n", "utf-8")
    env["MADOGUCHI_WORKSPACES"] = f"{folder}/workspaces.yaml"


def install(database_url: str, teams: list[str]) -> None:
    """What Bolt's OAuth flow stores when each workspace installs the app."""
    engine = create_engine(database_url.replace("postgresql://", "postgresql+psycopg://"))
    store = SQLAlchemyInstallationStore("1.2", engine)
    for team in teams:
        store.save(
            Installation(
                app_id="A1",
                enterprise_id=None,
                team_id=team,
                bot_token=f"xoxb-{team}",
                bot_id="BBOT",
                bot_user_id="UBOT",
                bot_scopes=["chat:write"],
                user_id="UINSTALLER",
            )
        )
    engine.dispose()


def expected_answers(prepared: list[bytes]) -> int:
    return sum(1 for r in prepared if b"event_callback" in r or b"command=" in r)


def answers_in(counts: dict[str, object]) -> int:
    posted = counts["posted"]
    assert isinstance(posted, dict)
    responded = counts["responded"]
    assert isinstance(responded, int)
    return int(posted.get("C1", 0)) + responded


def wait_for_answers(
    slack: QuietSlack, expected: int, timeout: float, since: dict[str, object] | None = None
) -> tuple[int, float]:
    """Poll the stand-in until every answer arrived; returns (answers, when the last one came)."""
    base = answers_in(since) if since else 0
    deadline = time.monotonic() + timeout
    seen, last_change = -1, time.perf_counter()
    while time.monotonic() < deadline:
        now_seen = answers_in(slack.counts()) - base
        if now_seen != seen:
            seen, last_change = now_seen, time.perf_counter()
        if seen >= expected:
            break
        time.sleep(0.02)
    return seen, last_change


def print_table(rows: list[Run]) -> None:
    print(
        f"{'workers':>8}{'conc.':>7}{'ack p50 ms':>12}{'ack p99 ms':>12}{'acks/s':>9}"
        f"{'answers/s':>11}{'answered':>13}{'errors':>8}{'consults':>10}{'forms':>7}{'CPU ms/req':>12}{'DB CPU':>8}"
        f"{'load CPU':>10}{'API CPU':>9}"
    )
    for r in rows:
        print(
            f"{r.workers:>8}{r.concurrency:>7}{r.ack_p50:>12.1f}{r.ack_p99:>12.1f}{r.acks_per_s:>9.0f}"
            f"{r.answers_per_s:>11.0f}{f'{r.answered}/{r.expected_answers}':>13}{r.errors:>8}"
            f"{r.consults:>10}{r.distinct_forms:>7}{r.server_cpu_ms:>12.2f}{r.database_cpu_ms:>8.2f}"
            f"{r.loadgen_cpu_ms:>10.2f}{r.web_api_cpu_ms:>9.2f}"
        )


def run_grid(
    requests: int, workers: list[int], concurrency: list[int], repeat: int, **options: Any
) -> list[Run]:
    """Every (workers, concurrency) setting ``repeat`` times; prints the rows and, when
    repeated, each setting's medians. Settings take turns (all of them, then all again), so
    the machine's drift over the minutes of a run falls on every setting alike."""
    rows = [
        run(requests, c, w, **options) for _ in range(repeat) for w in workers for c in concurrency
    ]
    print_table(rows)
    if repeat > 1:
        print_medians(rows)
    return rows


def median(rows: list[Run], workers: int, concurrency: int, measure: str) -> float:
    """The median of one measure over the runs of one setting."""
    same = [r for r in rows if (r.workers, r.concurrency) == (workers, concurrency)]
    return float(statistics.median(getattr(r, measure) for r in same))


def print_medians(rows: list[Run]) -> None:
    """Per setting, the median run by each measure (not one run's row)."""
    for workers, concurrency in sorted({(r.workers, r.concurrency) for r in rows}):
        runs = sum(1 for r in rows if (r.workers, r.concurrency) == (workers, concurrency))
        errors = sum(r.errors for r in rows if (r.workers, r.concurrency) == (workers, concurrency))
        of = {
            m: median(rows, workers, concurrency, m)
            for m in ("ack_p50", "ack_p99", "acks_per_s", "answers_per_s")
        }
        print(
            f"median of {runs}: {workers} worker(s), {concurrency} concurrent: "
            f"ack p50 {of['ack_p50']:.0f} ms, p99 {of['ack_p99']:.0f} ms, "
            f"{of['acks_per_s']:.0f} acks/s, {of['answers_per_s']:.0f} answers/s, errors {errors}"
        )


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--requests", type=int, default=1000)
    parser.add_argument("--concurrency", type=int, nargs="+", default=[50])
    parser.add_argument("--workers", type=int, nargs="+", default=[1])
    parser.add_argument(
        "--oauth-workspaces",
        type=int,
        default=0,
        help="serve N installed workspaces through OAuth instead of one bot token",
    )
    parser.add_argument(
        "--repeat",
        type=int,
        default=1,
        help="run every setting K times (this machine is shared: one run can be off by 30%%)",
    )
    args = parser.parse_args()
    postgres = bool(os.environ.get("BENCH_POSTGRES"))
    run_grid(
        args.requests,
        args.workers,
        args.concurrency,
        args.repeat,
        postgres=postgres,
        oauth_workspaces=args.oauth_workspaces,
    )
    mode = f"{args.oauth_workspaces} OAuth workspaces" if args.oauth_workspaces else "one bot token"
    print(
        f"({args.requests} signed requests per row on {'PostgreSQL' if postgres else 'SQLite'}, "
        f"{mode}; 60% mentions, 20% /madoguchi, 20% consult forms each sent twice)"
    )


if __name__ == "__main__":
    main()
