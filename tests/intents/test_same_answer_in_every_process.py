"""The same question gets the same answer in every process.

Python salts the hash of every string per process (PYTHONHASHSEED), so anything that
iterates a set of words decides differently from one run to the next. A teacher who asks
twice, or two workers behind a load balancer, must not get two different windows.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
# names inside longer names (児童委員 in 主任児童委員 and 民生委員・児童委員), shared heads
# (0123), a name typed in kana: where a tie between two aliases could be broken by set order
QUESTIONS = [
    ("主任児童委員をしています。ことばの遅い幼児のことで相談先を教えてください", "国立市"),
    ("民生委員・児童委員さんにつなぐにはどうしたらいい", "国分寺市"),
    ("0123って何時まで？", "武蔵野市"),
    ("こどもかていしえんせんたーのでんわ", "武蔵野市"),
]
FIND_MENTIONS = """
import json, sys
from directory.loader import load_directory
from intents.mentions import MentionIndex
from intents.normalize import normalize_full
index = MentionIndex(load_directory())
for text in json.loads(sys.argv[1]):
    print(json.dumps([(m.resource_id, m.alias, m.end) for m in index.find(normalize_full(text))]))
"""


def _mentions_with_seed(seed: int) -> str:
    texts = json.dumps([text for text, _ in QUESTIONS], ensure_ascii=False)
    done = subprocess.run(
        [sys.executable, "-c", FIND_MENTIONS, texts],
        capture_output=True,
        text=True,
        cwd=ROOT,
        env={**os.environ, "PYTHONHASHSEED": str(seed)},
        timeout=120,
        check=True,
    )
    return done.stdout


def test_the_windows_a_question_names_do_not_depend_on_the_hash_seed() -> None:
    runs = {seed: _mentions_with_seed(seed) for seed in (0, 19, 4242)}
    assert len(set(runs.values())) == 1, runs
    assert runs[0].count("\n") == len(QUESTIONS)
