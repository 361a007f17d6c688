"""Several workers on PostgreSQL with a prefecture-sized directory (50 municipalities × 200
resources): signed requests at 50 and 200 concurrent against 1, 2 and 4 workers on loopback.

Prints the table of `slack_ack.py` per setting, then the answers/s ratio of 2 workers to 1 at
200 concurrent (target ≥ 1.7×, p99 ack < 200 ms, zero errors). Answer latency on this
directory against the sample's is `answer_latency.py`'s last line.

    .venv/bin/python benchmarks/scale_out.py [--requests 2000] [--workers 1 2 4] [--concurrency 50 200]
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from benchmarks.answer_latency import generate  # noqa: E402
from benchmarks.slack_ack import median, run_grid  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--requests", type=int, default=2000)
    parser.add_argument("--workers", type=int, nargs="+", default=[1, 2, 4])
    parser.add_argument("--concurrency", type=int, nargs="+", default=[50, 200])
    parser.add_argument("--repeat", type=int, default=1, help="run every setting K times")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        generate(Path(folder), 50 * 200 + 66)
        rows = run_grid(
            args.requests,
            args.workers,
            args.concurrency,
            args.repeat,
            postgres=True,
            directory=Path(folder),
        )
    print(
        f"({args.requests} signed requests per row on PostgreSQL, directory of 50 generated "
        "municipalities × 200 resources plus the sample; 60% mentions, 20% /madoguchi, "
        "20% consult forms each sent twice)"
    )
    one = [r.answers_per_s for r in rows if (r.workers, r.concurrency) == (1, 200)]
    two = [r.answers_per_s for r in rows if (r.workers, r.concurrency) == (2, 200)]
    if one and two:
        ratio = median(rows, 2, 200, "answers_per_s") / median(rows, 1, 200, "answers_per_s")
        turns = " ".join(f"{b / a:.2f}" for a, b in zip(one, two, strict=True))
        print(
            f"answers/s at 200 concurrent, 2 workers / 1 worker: {ratio:.2f}x of the medians; "
            f"turn by turn {turns} (target >= 1.7x)"
        )


if __name__ == "__main__":
    main()
