"""The command line's corners: a --jsonl line nested 100,000 deep is one bad line (the good
line after it is answered), and a --now outside the calendar's years, or empty, is one Japanese
line and exit 2 — never "unexpected error"."""

from __future__ import annotations

import json

import pytest

from bot.cli.main import main
from tests.bot.test_cli import run


def test_a_deeply_nested_jsonl_line_is_one_bad_line_and_the_batch_goes_on() -> None:
    lines = [
        "[" * 100_000 + "]" * 100_000,
        '{"text": ' + "[" * 40 + "]" * 40 + "}",
        json.dumps(
            {"text": "はらっぱって今日は開いてますか？", "now": "2026-11-27T10:00:00+09:00"}
        ),
        json.dumps({"text": "はらっぱ", "now": ""}),
        json.dumps({"text": "はらっぱ", "now": "9999-01-01T00:00:00"}),
        json.dumps(
            {"text": "はらっぱ\ud83d 明日は何時まで？"}
        ),  # half an emoji, as JSON escapes it
    ]
    done = run("ask", "--jsonl", stdin="\n".join(lines) + "\n")
    assert done.returncode == 0 and "Traceback" not in done.stderr
    out = [json.loads(line) for line in done.stdout.splitlines()]
    assert len(out) == 6
    assert "JSON" in out[0]["error"] and "JSON" in out[1]["error"]
    assert out[2]["resources"][0]["name"] == "0123はらっぱ"
    assert "ISO-8601" in out[3]["error"]
    assert "1990年から2100年" in out[4]["error"]
    assert "壊れた文字" in out[5]["error"]


@pytest.mark.parametrize(
    ("now", "words"),
    [
        ("0001-01-01T00:00:00+09:00", "1990年から2100年"),
        ("0001-01-01T00:00:00", "1990年から2100年"),
        ("9999-12-31T23:59:59", "1990年から2100年"),
        ("9999-12-31T23:59:59-12:00", "1990年から2100年"),
        ("", "ISO-8601"),
        ("   ", "ISO-8601"),
    ],
)
def test_a_now_outside_the_calendar_or_empty_is_one_line_and_exit_2(
    capsys: pytest.CaptureFixture[str], now: str, words: str
) -> None:
    assert main(["ask", "--now", now, "はらっぱは明日何時まで？"]) == 2
    err = capsys.readouterr().err.strip()
    assert words in err and len(err.splitlines()) == 1 and "Traceback" not in err


def test_the_calendars_first_and_last_years_are_answered(
    capsys: pytest.CaptureFixture[str],
) -> None:
    for now in ("1990-01-01T09:00:00+09:00", "2100-12-31T10:00:00+09:00"):
        assert main(["ask", "--json", "--now", now, "はらっぱは明日何時まで？"]) == 0
        assert json.loads(capsys.readouterr().out)["resources"]
