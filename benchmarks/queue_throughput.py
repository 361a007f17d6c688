"""Consults filed per second, claim latency, and the double-claim check at 50 concurrent
claimers, on SQLite (file, WAL) and PostgreSQL (127.0.0.1:5432). Prints a table.

    .venv/bin/python benchmarks/queue_throughput.py [--consults 300] [--rounds 10]
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import threading
import time
import uuid
from datetime import datetime
from pathlib import Path

from sqlalchemy import create_engine, text

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bot.storage.db import make_engine, migrate  # noqa: E402
from bot.storage.setup import build_queue  # noqa: E402
from consults.errors import AlreadyClaimed  # noqa: E402
from consults.model import Consent, ConsultDraft, Urgency  # noqa: E402
from consults.routing import load_routing  # noqa: E402
from directory.calendar import TOKYO  # noqa: E402
from directory.loader import load_directory  # noqa: E402

POSTGRES = "postgresql+psycopg://postgres@127.0.0.1:5432/test"
NOW = datetime(2026, 11, 24, 10, 0, tzinfo=TOKYO)
CLAIMERS = [f"UBENCH{i:02d}" for i in range(50)]


def draft(i: int) -> ConsultDraft:
    return ConsultDraft(
        "UTEACHER",
        "第三中学校",
        2,
        ("不登校",),
        Urgency.NORMAL,
        "2年男子。欠席が続く。",
        Consent.UNCONFIRMED,
        idempotency_key=f"bench-{i}",
    )


def percentile(values: list[float], p: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(p / 100 * (len(ordered) - 1))))]


def measure(
    name: str, url: str, kwargs: dict[str, object], consults: int, rounds: int
) -> tuple[str, float, float, float, str]:
    engine = make_engine(url, **kwargs)
    migrate(engine)
    queue = build_queue(engine, load_routing().with_ssws(CLAIMERS), load_directory().vocabulary)
    started = time.perf_counter()
    numbers = [queue.submit(draft(i), NOW).consult.number for i in range(consults)]
    per_second = consults / (time.perf_counter() - started)
    latencies = []
    for number in numbers:
        begun = time.perf_counter()
        queue.claim(number, CLAIMERS[0], NOW)
        latencies.append((time.perf_counter() - begun) * 1000)
    exact = 0
    for r in range(rounds):
        number = queue.submit(draft(consults + r), NOW).consult.number
        barrier = threading.Barrier(len(CLAIMERS))
        wins: list[str] = []
        refused: list[str] = []

        def press(
            user: str,
            number: str = number,
            barrier: threading.Barrier = barrier,
            wins: list[str] = wins,
            refused: list[str] = refused,
        ) -> None:
            barrier.wait()
            try:
                queue.claim(number, user, NOW)
                wins.append(user)
            except AlreadyClaimed:
                refused.append(user)

        threads = [threading.Thread(target=press, args=(u,)) for u in CLAIMERS]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        exact += len(wins) == 1 and len(refused) == len(CLAIMERS) - 1
    engine.dispose()
    return (
        name,
        per_second,
        statistics.median(latencies),
        percentile(latencies, 99),
        f"{exact}/{rounds}",
    )


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--consults", type=int, default=300)
    parser.add_argument("--rounds", type=int, default=10)
    args = parser.parse_args()
    rows = []
    with tempfile.TemporaryDirectory() as folder:
        rows.append(
            measure(
                "SQLite (file, WAL)",
                f"sqlite:///{folder}/bench.sqlite3",
                {},
                args.consults,
                args.rounds,
            )
        )
    schema = f"bench_{uuid.uuid4().hex[:8]}"
    admin = create_engine(POSTGRES)
    with admin.begin() as connection:
        connection.execute(text(f"CREATE SCHEMA {schema}"))
    try:
        rows.append(
            measure(
                "PostgreSQL 15 (loopback)",
                POSTGRES,
                {"connect_args": {"options": f"-csearch_path={schema}"}, "pool_size": 60},
                args.consults,
                args.rounds,
            )
        )
    finally:
        with admin.begin() as connection:
            connection.execute(text(f"DROP SCHEMA {schema} CASCADE"))
    print(
        f"{'database':<26}{'filed/s':>10}{'claim p50 ms':>14}{'claim p99 ms':>14}{'50 claimers: exactly one':>28}"
    )
    for name, per_second, p50, p99, exact in rows:
        print(f"{name:<26}{per_second:>10.0f}{p50:>14.2f}{p99:>14.2f}{exact:>28}")


if __name__ == "__main__":
    main()
