"""A one-shot `madoguchi ask` starts from the lexicon and danger rules analyzed last time,
and the kept copy never changes an answer: a broken, foreign or unwritable cache is read
around, and the sources are read again."""

from __future__ import annotations

import pickle
from pathlib import Path

import pytest

from answers.contract import answer_to_json
from bot import understanding_cache
from bot.engine import build_engine
from bot.settings import Settings
from bot.understanding_cache import load_understanding, source_fingerprint
from tests.conftest import at

QUESTIONS = (
    "はらっぱ今日あいてる？",
    "児童の腕に新しいあざが何か所もあって、家で叩かれたと言っています",
    "不登校の相談はどこ？",
)


def _kept(cache_dir: Path) -> list[Path]:
    return sorted(cache_dir.glob("understanding-*.pickle"))


def test_the_second_start_reads_what_the_first_kept(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    load_understanding(tmp_path)
    assert len(_kept(tmp_path)) == 1

    def must_not_read(*_: object) -> None:
        raise AssertionError("the sources were read again")

    monkeypatch.setattr(understanding_cache, "load_lexicon", must_not_read)
    monkeypatch.setattr(understanding_cache, "load_danger", must_not_read)
    lexicon, danger = load_understanding(tmp_path)
    assert lexicon.needs and danger is not None


def test_a_cached_engine_answers_exactly_like_one_read_from_the_sources(tmp_path: Path) -> None:
    build_engine(cache_dir=tmp_path)  # writes the cache
    cached = build_engine(cache_dir=tmp_path)
    fresh = build_engine()
    now = at("2026-11-24 10:00")
    for question in QUESTIONS:
        assert answer_to_json(cached.answer(question, now)) == answer_to_json(
            fresh.answer(question, now)
        )


def test_a_broken_cache_file_is_read_around_and_replaced(tmp_path: Path) -> None:
    load_understanding(tmp_path)
    (kept,) = _kept(tmp_path)
    kept.write_bytes(b"not a pickle at all")
    lexicon, _ = load_understanding(tmp_path)
    assert lexicon.needs
    with kept.open("rb") as stream:
        assert pickle.load(stream)[0] == source_fingerprint()


def test_a_cache_of_other_sources_is_not_used(tmp_path: Path) -> None:
    load_understanding(tmp_path)
    (kept,) = _kept(tmp_path)
    kept.write_bytes(pickle.dumps(("sources of another version", None, None)))
    lexicon, _ = load_understanding(tmp_path)
    assert lexicon.needs
    with kept.open("rb") as stream:
        assert pickle.load(stream)[0] == source_fingerprint()


def test_the_caches_of_older_sources_are_removed(tmp_path: Path) -> None:
    stale = tmp_path / "understanding-0123456789abcdef01234567.pickle"
    stale.write_bytes(b"old")
    load_understanding(tmp_path)
    assert stale not in _kept(tmp_path) and len(_kept(tmp_path)) == 1


def test_an_unwritable_cache_folder_still_answers(tmp_path: Path) -> None:
    blocked = tmp_path / "a-file-not-a-folder"
    blocked.write_text("x")
    lexicon, danger = load_understanding(blocked)
    assert lexicon.needs and danger is not None


def test_the_fingerprint_is_stable_between_starts() -> None:
    assert source_fingerprint() == source_fingerprint()


def test_the_cache_folder_follows_the_environment(tmp_path: Path) -> None:
    assert Settings.from_env({"MADOGUCHI_CACHE": str(tmp_path)}).cache_dir == tmp_path
    assert Settings.from_env({"MADOGUCHI_CACHE": "off"}).cache_dir is None
    assert Settings.from_env({"XDG_CACHE_HOME": str(tmp_path)}).cache_dir == tmp_path / "madoguchi"
    assert Settings.from_env({}).cache_dir == Path.home() / ".cache" / "madoguchi"
