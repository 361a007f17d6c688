"""The example questions: checked at load, cached by content, never copied from an eval set."""

from __future__ import annotations

import ast
from pathlib import Path

import numpy as np
import pytest
import yaml
from rapidfuzz import fuzz, process

from directory.loader import load_directory
from directory.problems import DataFileInvalid
from intents.danger import Danger, load_danger
from intents.lexicon import load_lexicon
from intents.meaning import (
    BUNDLED_EXAMPLES,
    Example,
    ExampleBank,
    MeaningVote,
    Vectors,
    examples_hash,
    load_bank,
    parts_of,
    read_examples,
)
from intents.normalize import normalize

ROOT = Path(__file__).resolve().parents[2]
EVAL_SETS = sorted(
    [*(ROOT.parent / "shared" / "eval").glob("*.yaml"), *(ROOT / "eval").rglob("*.yaml")]
)
NEAR_COPY = 90  # rapidfuzz ratio on normalized text


class LetterCounts:
    """A tiny stand-in model: a text's vector counts a few marker letters."""

    name = "letter-counts"
    letters = "殴死息窓"

    def __init__(self) -> None:
        self.calls = 0

    def embed(self, texts: list[str]) -> Vectors:  # type: ignore[override]
        self.calls += 1
        rows = [[t.count(c) + 0.01 for c in self.letters] for t in texts]
        vectors = np.array(rows, dtype=np.float32)
        return vectors / np.linalg.norm(vectors, axis=1, keepdims=True)


def _bank_of(examples: list[Example]) -> ExampleBank:
    model = LetterCounts()
    return ExampleBank(examples, model.embed([e.text for e in examples]), model)


def test_the_nearest_examples_vote_for_intent_and_danger() -> None:
    examples = [
        Example("父に殴られた", "emergency", Danger.ABUSE),
        Example("母に殴られた", "emergency", Danger.ABUSE),
        Example("窓口はどこ", "find_service", None),
    ]
    bank = _bank_of(examples)
    vote = bank.vote("兄に殴られた")
    assert vote.intent == "emergency" and vote.danger is Danger.ABUSE
    calm = bank.vote("相談の窓口")
    assert calm.intent == "find_service" and calm.danger is None


def test_a_question_is_parted_into_its_sentences_and_quotes() -> None:
    assert parts_of("父が怒ると怖い。窓口はどこですか") == ["父が怒ると怖い。", "窓口はどこですか"]
    # a child's own words count alone as well; a part too short to mean anything does not
    assert parts_of("帰りに「もう家にいたくない」と言った。はい。") == [
        "帰りに「もう家にいたくない」と言った。",
        "もう家にいたくない",
    ]
    assert parts_of("窓口はどこですか") == []


def test_sentences_vote_alone_only_when_the_whole_leans_to_an_emergency() -> None:
    examples = [
        Example("殴殴殴", "emergency", Danger.ABUSE),
        Example("殴殴殴殴", "emergency", Danger.ABUSE),
        Example("窓窓窓", "find_service", None),
    ]
    bank = _bank_of(examples)
    question = "窓口のことで相談です。きのう父に殴られたそうです。今日はいい天気です。"
    leaning = MeaningVote("find_service", 0.6, 0.4, None, 0.9)  # the whole, short of 0.6
    votes = dict(bank.part_votes(question, leaning))
    assert votes["きのう父に殴られたそうです。"].danger is Danger.ABUSE
    assert votes["窓口のことで相談です。"].danger is None
    assert "今日はいい天気です。" not in votes  # far from every example: it says nothing
    calm = MeaningVote("find_service", 0.9, 0.1, None, 0.9)
    assert bank.part_votes(question, calm) == ()


def test_vectors_are_cached_by_the_examples_and_the_model(tmp_path: Path) -> None:
    path = tmp_path / "examples.yaml"
    path.write_text(
        "examples:\n  - {text: 窓口はどこ, intent: find_service}\n"
        "  - {text: 息をしていない, intent: emergency, danger: injury}\n",
        encoding="utf-8",
    )
    model = LetterCounts()
    load_bank(model, path)
    load_bank(model, path)
    assert model.calls == 1  # the second start read the cache
    path.write_text(
        path.read_text(encoding="utf-8")
        + "  - {text: 死にたい, intent: emergency, danger: suicide}\n",
        encoding="utf-8",
    )
    assert len(load_bank(model, path).examples) == 3 and model.calls == 2


def test_the_shipped_cache_matches_the_shipped_examples() -> None:
    """Edit examples.yaml, then run `python -m intents.meaning` to refresh the cache."""
    from intents.embedder import E5Embedder

    stored = np.load(BUNDLED_EXAMPLES.with_suffix(".vectors.npz"))
    assert str(stored["key"]) == examples_hash(read_examples(), E5Embedder.name)


def test_a_wrong_label_is_an_error_with_its_line(tmp_path: Path) -> None:
    path = tmp_path / "examples.yaml"
    path.write_text(
        "examples:\n  - {text: 窓口はどこ, intent: find_servce}\n"
        "  - {text: 死にたい, intent: emergency}\n",
        encoding="utf-8",
    )
    with pytest.raises(DataFileInvalid) as raised:
        read_examples(path)
    assert [p.line for p in raised.value.problems] == [2, 3]
    path.write_text(
        "examples:\n  - {text: 殴られた, intent: emergency, danger: abused}\n", encoding="utf-8"
    )
    with pytest.raises(DataFileInvalid) as raised:
        read_examples(path)
    assert [p.line for p in raised.value.problems] == [2]


def eval_questions() -> list[str]:
    questions = []
    for path in EVAL_SETS:
        questions += [normalize(c["q"]) for c in yaml.safe_load(path.read_text(encoding="utf-8"))]
    return questions


def data_texts() -> list[str]:
    texts = [e.text for e in read_examples()]
    lexicon = load_lexicon()
    texts += [
        p.text
        for section in vars(lexicon).values()
        if hasattr(section, "phrases")
        for p in section.phrases
    ]
    texts += [p.text for phrases in load_danger().concepts.values() for p in phrases.phrases]
    # what the bot itself tells people to type (「SSWに相談したい」, 「はらっぱ今日あいてる？」) is
    # the product's wording, not a copy of an evaluation question that happens to say it too
    offered = "".join(
        path.read_text(encoding="utf-8")
        for path in (*(ROOT / "bot" / "messages").glob("*.py"), ROOT / "answers" / "messages.py")
    )
    # a window's name in a test (「ﾏﾀﾆﾃｨ安心コール」 as NFKC reads it) is the directory's
    # wording, not a copy of the question that asks for that window's number by its name
    names = {
        normalize(name)
        for resource in load_directory().resources
        for name in (resource.name, *resource.aliases)
    }
    for test_file in (ROOT / "tests").rglob("*.py"):
        for node in ast.walk(ast.parse(test_file.read_text(encoding="utf-8"))):
            if (
                isinstance(node, ast.Constant)
                and isinstance(node.value, str)
                and len(node.value) > 8
                and node.value not in offered
                and normalize(node.value) not in names
            ):
                texts.append(node.value)
    return texts


@pytest.mark.skipif(not EVAL_SETS, reason="no evaluation set beside this clone")
def test_no_eval_question_is_copied_into_the_data_or_the_tests() -> None:
    questions = eval_questions()
    texts = [text for text in data_texts() if len(normalize(text)) >= 8]
    # every text against every question in one call (rapidfuzz's C loop, both cores): the
    # same ratio as fuzz.ratio, some 18 times faster than a Python loop over the pairs
    scores = process.cdist(
        [normalize(text) for text in texts],
        questions,
        scorer=fuzz.ratio,
        score_cutoff=NEAR_COPY,
        dtype=np.uint8,
        workers=-1,
    )
    copied = [(texts[i], questions[j]) for i, j in zip(*np.nonzero(scores), strict=True)]
    assert not copied, copied
