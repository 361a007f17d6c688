"""Answer latency with the analyzer (SudachiPy) and the sentence model loaded: in-process
(sample vs a generated 10,000-resource directory), whole-process ``madoguchi ask``
start-up, and a ``--jsonl`` batch of 200 questions. Prints a table; targets: p99 ≤ 50 ms
per answer at 10,000 resources, whole-process ask ≤ 1 s, batch of 200 ≤ 10 s.

    .venv/bin/python benchmarks/answer_latency.py [--resources 10000] [--rounds 5]
"""

from __future__ import annotations

import argparse
import json
import os
import random
import subprocess
import sys
import tempfile
import time
from datetime import datetime
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bot.engine import build_engine  # noqa: E402
from directory.calendar import TOKYO  # noqa: E402
from directory.loader import BUNDLED_DIRECTORY  # noqa: E402

QUESTIONS = [
    "不登校の相談はどこにすればいい？",
    "はらっぱって今日は開いてますか？",
    "子家センのフリーダイヤルの番号は？",
    "4年の男子の腕に新しいあざ。「家に帰りたくない」と言って泣いている",
    "給食費も滞納してて経済的にかなりきびしそうな家庭。紹介できる窓口ある？",
    "吉祥寺の0123に今から行っても間に合いますか",
    "SSWさんに相談したいケースがあります。どう出せばいい？",
    "給食の牛乳が余ったらどうする？",
    "Where can I refer a mom with a newborn who seems overwhelmed?",
    "発達がゆっくりな年少さんの保護者、どこを紹介すればいい？",
]
KINDS = [
    "子ども相談室",
    "子育てひろば",
    "児童館",
    "教育相談所",
    "保健相談所",
    "学習支援教室",
    "子ども食堂",
    "家庭支援窓口",
]
TOPICS = [
    "不登校",
    "居場所",
    "子育て相談",
    "発達相談",
    "貧困",
    "子ども食堂",
    "見守り",
    "妊娠・出産",
    "ひとり親",
    "学習支援",
]
CATEGORIES = [
    "不登校",
    "児童虐待",
    "貧困",
    "家庭環境",
    "発達障害等",
    "心身の健康・保健",
    "ヤングケアラー",
]
BATCH = 200
TOWNS = "東西南北中上下本新元若緑桜松梅竹山川森宮浜"


def generate(folder: Path, total: int, per_city: int = 200) -> None:
    """A prefecture-sized directory: the bundled sample plus generated cities."""
    rng = random.Random(7)
    for file in BUNDLED_DIRECTORY.rglob("*.yaml"):
        (folder / file.name).write_text(file.read_text(encoding="utf-8"), encoding="utf-8")
    cities = max(1, -(-(total - 66) // per_city))
    for c in range(cities):
        city = f"{TOWNS[c % len(TOWNS)]}{TOWNS[(c * 7) % len(TOWNS)]}市{c}"
        resources = []
        for i in range(per_city):
            town = TOWNS[rng.randrange(len(TOWNS))] + TOWNS[rng.randrange(len(TOWNS))]
            kind = rng.choice(KINDS)
            resources.append(
                {
                    "id": f"gen-{c}-{i}",
                    "name": f"{town}{kind}{i}",
                    "aliases": [f"{town}{i}{kind}"] if i % 3 == 0 else [],
                    "categories": rng.sample(CATEGORIES, 2),
                    "topics": rng.sample(TOPICS, 3),
                    "serves": rng.sample(["未就学", "小学生", "中学生", "18歳未満"], 2),
                    "phones": [{"label": "代表", "number": f"042-{100 + c:03d}-{i:04d}"}],
                    "hours": {
                        "open": [
                            rng.choice(["月-金 8:30-17:00", "火-土 9:00-16:00", "毎日 10:00-18:00"])
                        ],
                        "closed": ["祝日", "年末年始"],
                    },
                }
            )
        resources[0]["aliases"] = [f"{city}の総合窓口"]
        data = {
            "municipality": {"id": f"gen{c}", "name": city, "general_window": f"gen-{c}-0"},
            "resources": resources,
        }
        (folder / f"gen{c:03d}.yaml").write_text(
            yaml.safe_dump(data, allow_unicode=True), encoding="utf-8"
        )


def latencies(setups: list[tuple[object, str | None]], rounds: int) -> list[list[float]]:
    """Milliseconds per answer for each (engine, municipality), taken in turns question by
    question, so a machine that slows down mid-run slows every setup alike."""
    now = datetime(2026, 11, 24, 10, 0, tzinfo=TOKYO)
    out: list[list[float]] = [[] for _ in setups]
    for _ in range(rounds):
        for question in QUESTIONS:
            for times, (engine, municipality) in zip(out, setups, strict=True):
                started = time.perf_counter()
                engine.answer(question, now, municipality)  # type: ignore[attr-defined]
                times.append((time.perf_counter() - started) * 1000)
    return out


def whole_process(arguments: list[str], stdin: str, runs: int, cache: str) -> list[float]:
    """Milliseconds for ``madoguchi ARGUMENTS`` as a fresh process, start to exit, with
    MADOGUCHI_CACHE set to ``cache`` (a folder, or ``off``)."""
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        subprocess.run(
            [sys.executable, "-m", "bot.cli.main", *arguments],
            cwd=ROOT,
            input=stdin,
            text=True,
            capture_output=True,
            check=True,
            env={**os.environ, "MADOGUCHI_CACHE": cache},
        )
        times.append((time.perf_counter() - started) * 1000)
    return times


def percentile(values: list[float], p: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(p / 100 * (len(ordered) - 1))))]


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--resources", type=int, default=10_000)
    parser.add_argument("--rounds", type=int, default=20)
    parser.add_argument("--process-runs", type=int, default=10)
    parser.add_argument("--batch-runs", type=int, default=3)
    args = parser.parse_args()

    rows = []
    sample = build_engine()
    with tempfile.TemporaryDirectory() as tmp:
        generate(Path(tmp), args.resources)
        started = time.perf_counter()
        big = build_engine(Path(tmp))
        load_s = time.perf_counter() - started
        sample_ms, big_default_ms, big_city_ms = latencies(
            [(sample, None), (big, None), (big, "gen3")], args.rounds
        )
    big_ms = big_default_ms + big_city_ms
    rows.append(
        (f"in-process answer, sample ({len(sample.directory.resources)} resources)", sample_ms)
    )
    rows.append(
        (f"in-process answer, generated ({len(big.directory.resources)} resources)", big_ms)
    )

    one = ["ask", "はらっぱって今日は開いてますか？"]
    batch = "\n".join(
        json.dumps({"text": f"{QUESTIONS[i % len(QUESTIONS)]}（{i}）"}, ensure_ascii=False)
        for i in range(BATCH)
    )
    with tempfile.TemporaryDirectory() as cache:
        whole_process(one, "", 1, cache)  # the first start keeps the analyzed lexicon
        # cold and warm in turns, so both see the same machine
        cold_ms: list[float] = []
        warm_ms: list[float] = []
        for _ in range(args.process_runs):
            cold_ms += whole_process(one, "", 1, "off")
            warm_ms += whole_process(one, "", 1, cache)
        batch_ms = whole_process(["ask", "--jsonl"], batch, args.batch_runs, cache)
    rows.append(("whole-process `madoguchi ask` (sample, cache kept)", warm_ms))
    rows.append(("whole-process `madoguchi ask` (sample, no cache)", cold_ms))
    rows.append((f"whole-process `ask --jsonl`, {BATCH} questions", batch_ms))

    print(f"{'measure':<58}{'n':>6}{'p50 ms':>10}{'p90 ms':>10}{'p99 ms':>10}")
    for name, values in rows:
        print(
            f"{name:<58}{len(values):>6}{percentile(values, 50):>10.2f}{percentile(values, 90):>10.2f}{percentile(values, 99):>10.2f}"
        )
    ratio = percentile(big_ms, 50) / percentile(sample_ms, 50)
    print(
        f"generated directory load + index: {load_s:.2f} s; p50 ratio generated/sample: {ratio:.2f}x"
    )


if __name__ == "__main__":
    main()
