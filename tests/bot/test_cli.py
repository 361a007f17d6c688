"""The command line as a person or a script uses it: one clear line on bad input, never a traceback."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from bot.cli.main import main

ROOT = Path(__file__).resolve().parents[2]


def run(*args: str, stdin: str = "") -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "bot.cli.main", *args],
        input=stdin,
        capture_output=True,
        text=True,
        cwd=ROOT,
        timeout=60,
    )


def test_ask_json_as_a_real_process() -> None:
    done = run(
        "ask", "--json", "--now", "2026-11-24T10:00:00+09:00", "はらっぱって今日は開いてますか？"
    )
    assert done.returncode == 0, done.stderr
    data = json.loads(done.stdout)
    assert data["intent"] == "opening_hours" and data["resources"][0]["open_now"] is True


def test_the_same_question_gets_the_same_answer_in_every_process() -> None:
    """Two windows named with equal scores come in the order the question names them, not in
    the order of a set, which changes with the process's hash seed."""
    question = "0123吉祥寺と0123はらっぱの違いは？"
    orders = set()
    for seed in ("0", "1", "2", "3"):
        done = subprocess.run(
            [sys.executable, "-m", "bot.cli.main", "ask", "--json", question],
            capture_output=True,
            text=True,
            cwd=ROOT,
            timeout=60,
            env={**os.environ, "PYTHONHASHSEED": seed},
        )
        assert done.returncode == 0, done.stderr
        orders.add(tuple(r["name"] for r in json.loads(done.stdout)["resources"]))
    assert orders == {("0123吉祥寺", "0123はらっぱ")}


def test_jsonl_answers_in_order_and_a_bad_line_does_not_stop_the_batch() -> None:
    lines = "\n".join(
        [
            json.dumps(
                {"text": "はらっぱって今日は開いてますか？", "now": "2026-11-27T10:00:00+09:00"}
            ),
            "not json",
            json.dumps({"text": ""}),
            json.dumps({"text": "教育相談室の番号", "municipality": "国分寺市"}),
            json.dumps({"text": "x", "municipality": "横浜市"}),
        ]
    )
    done = run("ask", "--jsonl", stdin=lines + "\n")
    out = [json.loads(line) for line in done.stdout.splitlines()]
    assert len(out) == 5
    assert out[0]["resources"][0]["open_now"] is False
    assert "error" in out[1] and "error" in out[2]
    assert "042-573-4376" in out[3]["text"]
    assert "横浜市" in out[4]["error"]


@pytest.mark.parametrize(
    ("args", "words"),
    [
        (["ask", ""], "質問が空です"),
        (["ask", "あ" * 10_000], "長すぎます"),
        (["ask", "はらっぱ\x07"], "制御文字"),
        (["ask", "--municipality", "横浜市", "はらっぱ"], "横浜市"),
        (["ask", "--now", "きのう", "はらっぱ"], "ISO-8601"),
    ],
)
def test_bad_input_gets_one_clear_line(
    capsys: pytest.CaptureFixture[str], args: list[str], words: str
) -> None:
    assert main(args) == 2
    err = capsys.readouterr().err.strip()
    assert words in err and len(err.splitlines()) == 1 and "Traceback" not in err


def test_check_reports_problems_and_exits_1(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    bad = tmp_path / "bad.yaml"
    bad.write_text(
        "municipality:\n  id: x\n  name: X市\nresources:\n  - id: a\n    name: A\n    categories: [なし]\n"
    )
    assert main(["check", str(bad)]) == 1
    assert f"{bad}:7:" in capsys.readouterr().out


def test_check_on_the_sample_is_clean_with_one_line_per_kind_of_file(
    capsys: pytest.CaptureFixture[str],
) -> None:
    assert main(["check"]) == 0
    out = capsys.readouterr().out.strip().splitlines()
    assert len(out) == 2 and all(line.startswith("OK:") for line in out)
    assert "routing.yaml" in out[1]


def test_ask_refuses_to_start_on_an_invalid_directory(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    bad = tmp_path / "bad.yaml"
    bad.write_text(
        "municipality:\n  id: x\n  name: X市\nresources:\n  - id: a\n    name: A\n    colour: red\n"
    )
    assert main(["ask", "--directory", str(bad), "はらっぱ"]) == 1
    err = capsys.readouterr().err
    assert "知らない項目 'colour'" in err and "madoguchi check" in err


def test_list_json_has_every_resource(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["list", "--json"]) == 0
    rows = json.loads(capsys.readouterr().out)
    assert len(rows) > 60 and {"id", "name", "municipality", "phones", "address"} <= set(rows[0])


def test_console_answers_until_the_user_quits() -> None:
    done = run("console", stdin="はらっぱの電話番号\n終了\n")
    assert done.returncode == 0
    assert "0422-56-3210" in done.stdout


def test_queue_for_a_workspace_not_in_the_map_names_the_map_file_and_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / "routing.yaml").write_text(
        (ROOT / "consults" / "data" / "routing.yaml").read_text("utf-8"), "utf-8"
    )
    workspace_map = tmp_path / "workspaces.yaml"
    workspace_map.write_text(
        "workspaces:\n  - {team: TA1, routing: routing.yaml, ssw_channel: C1}\n", "utf-8"
    )
    monkeypatch.setenv("MADOGUCHI_DATA_DIR", str(tmp_path))
    monkeypatch.setenv("MADOGUCHI_WORKSPACES", str(workspace_map))
    monkeypatch.setenv("MADOGUCHI_WORKSPACE", "TNOTHERE")
    monkeypatch.delenv("DATABASE_URL", raising=False)
    assert main(["queue"]) == 1
    err = capsys.readouterr().err
    assert f"{workspace_map}:1:" in err and "TNOTHERE" in err
    assert "データファイルに1件の問題" in err and "ディレクトリに" not in err
