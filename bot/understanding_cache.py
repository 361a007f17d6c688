"""The lexicon and the danger rules as read last time, kept on disk for the next start.

Reading them analyzes some 3,000 data phrases with SudachiPy: about a fifth of a second, a
quarter of what a one-shot ``madoguchi ask`` spends. Like Python's own ``__pycache__``, the
result is kept beside the user's other caches and used again while nothing it came from has
changed: the key is a hash of every file the loaders read or run (the ``intents`` package's
code and data, the YAML reader) and of the versions of Python, the analyzer and its
dictionary. A missing, stale, foreign or broken file is read again from the sources and
written anew; the cache can make a start faster, never an answer different.
"""

from __future__ import annotations

import hashlib
import logging
import os
import pickle
import sys
import tempfile
from importlib import metadata
from pathlib import Path

import directory
import intents
from intents.danger import DangerRules, load_danger
from intents.lexicon import Lexicon, load_lexicon

log = logging.getLogger(__name__)

_PREFIX = "understanding-"
_SUFFIX = ".pickle"
# the distributions whose behaviour is part of what the loaders produce
_DISTRIBUTIONS = ("sudachipy", "sudachidict-small", "pydantic", "jaconv", "PyYAML")
# the modules of ``directory`` the loaders use (the YAML reader and its problems)
_DIRECTORY_MODULES = ("yamlfile.py", "problems.py")


def load_understanding(cache_dir: Path | None) -> tuple[Lexicon, DangerRules]:
    """The bundled lexicon and danger rules, from ``cache_dir`` when it holds them for
    today's sources; ``None`` reads them from the sources every time (what tests do)."""
    if cache_dir is None:
        return load_lexicon(), load_danger()
    key = source_fingerprint()
    path = cache_dir / f"{_PREFIX}{key[:24]}{_SUFFIX}"
    cached = _read(path, key)
    if cached is not None:
        return cached
    lexicon, danger = load_lexicon(), load_danger()  # raises DataFileInvalid: nothing is kept
    _write(cache_dir, path, (key, lexicon, danger))
    return lexicon, danger


def source_fingerprint() -> str:
    """A hash of everything the loaders' result depends on."""
    digest = hashlib.sha256()
    digest.update(sys.version.encode())
    for name in _DISTRIBUTIONS:
        try:
            version = metadata.version(name)
        except metadata.PackageNotFoundError:
            version = "-"
        digest.update(f"{name}={version}\n".encode())
    intents_root = Path(intents.__file__).parent
    directory_root = Path(directory.__file__).parent
    files = sorted(
        p for p in intents_root.rglob("*") if p.suffix in (".py", ".yaml") and p.is_file()
    )
    files += [directory_root / name for name in _DIRECTORY_MODULES]
    for file in files:
        digest.update(str(file.relative_to(file.parents[1])).encode())
        digest.update(file.read_bytes())
    return digest.hexdigest()


def _read(path: Path, key: str) -> tuple[Lexicon, DangerRules] | None:
    try:
        with path.open("rb") as stream:
            stored = pickle.load(stream)
    except FileNotFoundError:
        return None
    except Exception:  # a broken or foreign file: read the sources again and replace it
        log.info("understanding cache %s unreadable; reading the sources", path, exc_info=True)
        return None
    if (
        isinstance(stored, tuple)
        and len(stored) == 3
        and stored[0] == key
        and isinstance(stored[1], Lexicon)
        and isinstance(stored[2], DangerRules)
    ):
        return stored[1], stored[2]
    log.info("understanding cache %s is not for these sources; reading them", path)
    return None


def _write(cache_dir: Path, path: Path, stored: tuple[str, Lexicon, DangerRules]) -> None:
    """Write atomically (a reader never sees half a file) and drop the caches of older sources."""
    try:
        cache_dir.mkdir(parents=True, exist_ok=True)
        with tempfile.NamedTemporaryFile("wb", dir=cache_dir, suffix=".tmp", delete=False) as out:
            pickle.dump(stored, out, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(out.name, path)
        for old in cache_dir.glob(f"{_PREFIX}*{_SUFFIX}"):
            if old != path:
                old.unlink(missing_ok=True)
    except OSError:
        log.info("understanding cache not written to %s", cache_dir, exc_info=True)
