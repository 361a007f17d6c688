"""Matching a school as staff write it: load time of a routing file and time per lookup, for
a city-sized list (6 schools, as the sample) and a large one (99 schools + 3 other names each).
Prints a table.

    .venv/bin/python benchmarks/school_names.py [--lookups 20000]
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from consults.routing import BUNDLED_ROUTING, load_routing  # noqa: E402

KANJI = "〇一二三四五六七八九"
SPELLINGS = ("第三中学校", "三中", "第3中", "第３中学校", "武蔵野市立第三中学校", "桜野小学校")


def kanji(n: int) -> str:
    tens, ones = divmod(n, 10)
    return ("" if tens == 0 else ("十" if tens == 1 else KANJI[tens] + "十")) + (
        KANJI[ones] if ones else ""
    )


def large_routing(folder: Path) -> Path:
    """33 districts, each a 中学校 and two 小学校, every school with three other names."""
    lines = [
        "municipality: 武蔵野市",
        "supervisor: ULEAD",
        "ssws:",
        *(f"  - {{user: U{i:03d}, name: SSW {i}}}" for i in range(1, 34)),
        "districts:",
    ]
    for i in range(1, 34):
        schools = [
            f"{{name: 第{kanji(i)}中学校, also: [むさしの{i}中, 中{i}, 第{i}中学]}}",
            f"{{name: 第{kanji(2 * i - 1)}小学校, also: [むさしの{2 * i - 1}小, 小{2 * i - 1}, 第{2 * i - 1}小学]}}",
            f"{{name: 第{kanji(2 * i)}小学校, also: [むさしの{2 * i}小, 小{2 * i}, 第{2 * i}小学]}}",
        ]
        lines.append(
            f"  - {{name: 第{kanji(i)}中学校区, ssw: U{i:03d}, schools: [{', '.join(schools)}]}}"
        )
    path = folder / "routing.yaml"
    path.write_text("\n".join(lines) + "\n", "utf-8")
    return path


def measure(name: str, path: Path, lookups: int) -> tuple[str, int, float, float, float]:
    started = time.perf_counter()
    routing = load_routing(path)
    load_ms = (time.perf_counter() - started) * 1000
    times = []
    for i in range(lookups):
        written = SPELLINGS[i % len(SPELLINGS)]
        started = time.perf_counter()
        routing.school(written)
        times.append((time.perf_counter() - started) * 1e6)
    ordered = sorted(times)
    return (
        name,
        len(routing.schools),
        load_ms,
        statistics.median(times),
        ordered[int(0.99 * (len(ordered) - 1))],
    )


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--lookups", type=int, default=20000)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        rows = [
            measure("sample (consults/data/routing.yaml)", BUNDLED_ROUTING, args.lookups),
            measure("large (generated)", large_routing(Path(folder)), args.lookups),
        ]
    print(f"{'routing file':32} {'schools':>7} {'load ms':>8} {'lookup µs p50':>14} {'p99':>6}")
    for name, schools, load_ms, p50, p99 in rows:
        print(f"{name:32} {schools:7d} {load_ms:8.1f} {p50:14.1f} {p99:6.1f}")


if __name__ == "__main__":
    main()
