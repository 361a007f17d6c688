"""A second, independent reading: what the whole question means, by its nearest examples.

The lemma rules (danger.yaml, the lexicon) find what is written in words they know;
a question written in words nobody listed can still mean the same as an example
staff wrote (``intents/data/examples.yaml``). Each example is embedded once with a
sentence-embedding model; a question's nearest examples vote, weighted by how close
they are, for its intent and its danger level. For danger, recall comes first:
either signal is enough to make a question an emergency.

The model sits behind ``Embedder`` (one method), so another can replace it; the one
shipped is in ``intents.embedder``. Vectors of the examples are cached in
``examples.vectors.npz`` keyed by a hash of the examples and the model's name, so a
start does not re-embed them; ``python -m intents.meaning`` refreshes the cache.
"""

from __future__ import annotations

import contextlib
import hashlib
import io
import sys
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Annotated

import numpy as np
from pydantic import BaseModel, ConfigDict, Field, StrictStr

from directory.problems import DataFileInvalid, Problem
from directory.yamlfile import read_yaml, validate
from intents import messages as msg
from intents.danger import Danger
from intents.embedder import E5Embedder, Embedder, Vectors
from intents.grammar import GRAMMAR

BUNDLED_EXAMPLES = Path(__file__).parent / "data" / "examples.yaml"
EMERGENCY = "emergency"
INTENTS = (
    "find_service",
    "opening_hours",
    "contact",
    "consult_request",
    EMERGENCY,
    "help",
    "unknown",
)
NEIGHBOURS = 7
# how fast a neighbour's weight falls with distance: exp(similarity / TEMPERATURE)
# (e5's similarities crowd into 0.85-0.97, so plain similarities would vote alike)
TEMPERATURE = 0.02
# an emergency vote needs this share of the neighbours' weight (measured: README)
EMERGENCY_SHARE = 0.6
# below this similarity to the nearest example, the examples say nothing
MIN_SIMILARITY = 0.82
# a sentence or a quote shorter than this (「ごめんなさい」) is too little to vote alone
MIN_PART_CHARS = 6
# The sentences of a question vote only when the whole already leans to an emergency (this
# share of its neighbours' weight), and a sentence's vote counts only when an example is
# this close to it: measured on every eval and first-look set (README), where looser
# settings made a false alarm of joking quotes (「死ぬほどお腹すいた」) and of English
# sentences, which sit far from every example.
WHOLE_SHARE_FOR_PARTS = 0.3
CLOSE_PART_SIMILARITY = 0.89

_STRICT = ConfigDict(extra="forbid", strict=True, frozen=True)


class _ExampleModel(BaseModel):
    model_config = _STRICT
    text: StrictStr
    intent: StrictStr
    danger: Annotated[Danger, Field(strict=False)] | None = None  # from its YAML text


class _ExamplesModel(BaseModel):
    model_config = _STRICT
    examples: list[_ExampleModel]


@dataclass(frozen=True)
class Example:
    text: str
    intent: str
    danger: Danger | None


@dataclass(frozen=True)
class MeaningVote:
    """What the nearest examples say about one question."""

    intent: str  # the intent with the most weight
    confidence: float  # its share of the weight, 0..1
    emergency_share: float
    # the level most emergency neighbours have, however few they are: an asker who says it
    # cannot wait (至急, URGENT) needs fewer of them (understand.HASTENED_SHARE)
    leaning: Danger | None
    nearest: float  # similarity of the closest example

    @property
    def danger(self) -> Danger | None:
        """The level most emergency neighbours have, when they hold EMERGENCY_SHARE of the weight."""
        return self.level_from(EMERGENCY_SHARE)

    def level_from(self, share: float) -> Danger | None:
        """The leaning level when emergencies hold at least ``share`` of the weight, else None."""
        return self.leaning if self.emergency_share >= share else None

    @property
    def says_emergency(self) -> bool:
        return self.danger is not None


class ExampleBank:
    """The labelled examples with their vectors, ready to vote on questions."""

    def __init__(self, examples: Sequence[Example], vectors: Vectors, embedder: Embedder) -> None:
        self.examples = tuple(examples)
        self.vectors = vectors
        self.embedder = embedder

    def vote(self, text: str) -> MeaningVote:
        """The vote of the question's nearest examples, weighted by how close they are."""
        return self._vote(self.embedder.embed([text])[0])

    def _vote(self, query: Vectors) -> MeaningVote:
        similarities = self.vectors @ query
        nearest = np.argsort(-similarities)[:NEIGHBOURS]
        top = float(similarities[nearest[0]])
        if top < MIN_SIMILARITY:
            return MeaningVote("unknown", 0.0, 0.0, None, top)
        weights: dict[str, float] = defaultdict(float)
        levels: dict[Danger, float] = defaultdict(float)
        for index in nearest:
            example = self.examples[int(index)]
            weight = float(np.exp((similarities[index] - top) / TEMPERATURE))
            weights[example.intent] += weight
            if example.danger is not None:
                levels[example.danger] += weight
        total = sum(weights.values())
        intent = max(INTENTS, key=lambda i: weights.get(i, 0.0))
        share = weights.get(EMERGENCY, 0.0) / total
        leaning = max(Danger, key=lambda d: levels.get(d, 0.0)) if levels else None
        return MeaningVote(intent, weights[intent] / total, share, leaning, top)

    def part_votes(self, text: str, whole: MeaningVote) -> tuple[tuple[str, MeaningVote], ...]:
        """The votes of the sentences and quotes of a question whose whole vote leans to an
        emergency without reaching it, each from an example close to it: in a long report
        the one sentence that matters (a child put out on the balcony, a child's own words
        of wanting to vanish) is drowned in the rest when the whole is embedded."""
        parts = parts_of(text)
        if not parts or whole.emergency_share < WHOLE_SHARE_FOR_PARTS:
            return ()
        queries = self.embedder.embed(parts)
        votes = ((part, self._vote(query)) for part, query in zip(parts, queries, strict=True))
        return tuple((part, vote) for part, vote in votes if vote.nearest >= CLOSE_PART_SIMILARITY)


def parts_of(text: str) -> list[str]:
    """The sentences of ``text`` and the words quoted in it, each long enough to mean
    something alone; the whole text when it is one sentence."""
    quotes = [q.strip() for q in GRAMMAR.quoted.findall(text)]
    sentences = [s.strip() for s in GRAMMAR.sentence_split.split(text)]
    parts = [p for p in (*sentences, *quotes) if len(p) >= MIN_PART_CHARS]
    unique = list(dict.fromkeys(parts))
    return unique if len(unique) > 1 or (unique and unique[0] != text.strip()) else []


def examples_hash(examples: Sequence[Example], embedder_name: str) -> str:
    digest = hashlib.sha256(embedder_name.encode())
    for example in examples:
        digest.update(example.text.encode())
        digest.update(b"\0")
    return digest.hexdigest()[:16]


def read_examples(path: Path | str | None = None) -> list[Example]:
    """Read and check the examples; raise DataFileInvalid (file:line problems)."""
    problems: list[Problem] = []
    located = read_yaml(Path(path or BUNDLED_EXAMPLES), problems)
    model = validate(_ExamplesModel, located, located.data, (), problems) if located else None
    if model is None or located is None:
        raise DataFileInvalid(problems)
    for index, example in enumerate(model.examples):
        line = located.line_of(("examples", index))
        if example.intent not in INTENTS:
            problems.append(
                Problem(
                    located.file,
                    line,
                    *msg.unknown_intent(example.intent, INTENTS),
                )
            )
        if (example.danger is not None) != (example.intent == EMERGENCY):
            problems.append(
                Problem(
                    located.file,
                    line,
                    *msg.danger_only_with_emergency(),
                )
            )
    if problems:
        raise DataFileInvalid(problems)
    return [Example(e.text, e.intent, e.danger) for e in model.examples]


def load_bank(
    embedder: Embedder, path: Path | str | None = None, cache: Path | None = None
) -> ExampleBank:
    """The examples with their vectors: from the cache when it was made from these
    examples by this model, else embedded now (and the cache rewritten when it can be)."""
    examples_path = Path(path or BUNDLED_EXAMPLES)
    examples = read_examples(examples_path)
    cache = cache or examples_path.with_suffix(".vectors.npz")
    key = examples_hash(examples, embedder.name)
    vectors = _read_cache(cache, key)
    if vectors is None:
        # stored as float16: round now too, so a fresh start votes as a cached one does
        vectors = embedder.embed([e.text for e in examples]).astype(np.float16).astype(np.float32)
        _write_cache(cache, key, vectors)
    return ExampleBank(examples, vectors, embedder)


def _read_cache(cache: Path, key: str) -> Vectors | None:
    try:
        with np.load(io.BytesIO(cache.read_bytes())) as stored:
            if str(stored["key"]) != key:
                return None
            vectors: Vectors = stored["vectors"].astype(np.float32)
            return vectors
    except (OSError, KeyError, ValueError):
        return None


def _write_cache(cache: Path, key: str, vectors: Vectors) -> None:
    buffer = io.BytesIO()
    np.savez_compressed(buffer, key=np.array(key), vectors=vectors.astype(np.float16))
    # an installed, read-only package: embed again at the next start
    with contextlib.suppress(OSError):
        cache.write_bytes(buffer.getvalue())


def main() -> int:
    """Refresh the cached vectors of the bundled examples (after editing them)."""
    bank = load_bank(E5Embedder())
    print(f"{len(bank.examples)} examples, vectors cached", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
