"""Teachers and SSWs using the queue from the terminal, under the same rules as Slack."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
CONSOLE_FORM = "SSWに相談したい\n第四中学校\n１年\n1,7\nはい\n1年女子、朝起きられず欠席が増えている\n3\n放課後\nはい\n終了\n"


@pytest.fixture
def env(tmp_path: Path) -> dict[str, str]:
    values = dict(
        os.environ, MADOGUCHI_DATA_DIR=str(tmp_path), MADOGUCHI_LOG=str(tmp_path / "log.txt")
    )
    values.pop("DATABASE_URL", None)
    return values


def cli(env: dict[str, str], *args: str, stdin: str = "") -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "bot.cli.main", *args],
        input=stdin,
        capture_output=True,
        text=True,
        cwd=ROOT,
        env=env,
        timeout=120,
    )


def file_from_cli(
    env: dict[str, str], key: str | None = None, summary: str = "2年男子"
) -> subprocess.CompletedProcess[str]:
    args = [
        "--school",
        "第三中学校",
        "--grade",
        "2",
        "--category",
        "不登校",
        "--summary",
        summary,
    ]
    keyed = ["--key", key] if key else []
    return cli(env, "consult", "new", *args, "--as", "UTEACHER1", *keyed)


def test_teacher_files_a_real_consult_from_the_console(env: dict[str, str]) -> None:
    done = cli(env, "console", "--as", "UTEACHER2", stdin=CONSOLE_FORM)
    assert done.returncode == 0, done.stderr
    assert "相談番号は 2026-" in done.stdout or "相談番号は 20" in done.stdout
    assert "第四中学校区のSSWに届けます" in done.stdout
    listing = json.loads(cli(env, "queue", "--json").stdout)
    assert listing[0]["urgency"] == "至急" and listing[0]["categories"] == ["不登校", "家庭環境"]
    assert "summary" not in listing[0]


def test_console_form_can_be_cancelled_and_files_nothing(env: dict[str, str]) -> None:
    done = cli(env, "console", stdin="SSWに相談したい\n第四中学校\nキャンセル\n終了\n")
    assert "相談票の作成をやめました" in done.stdout
    assert "未完了の相談はありません" in cli(env, "queue").stdout


def test_status_changes_from_the_cli_follow_the_same_rules(env: dict[str, str]) -> None:
    filed = file_from_cli(env, key="k")
    number = filed.stdout.split("相談番号 ")[1].split()[0]
    again = file_from_cli(env, key="k")
    assert "すでに受け付けています" in again.stdout
    refused = cli(env, "consult", "claim", number, "--as", "UTEACHER1")
    assert (
        refused.returncode == 2
        and "SSWだけ" in refused.stderr
        and "Traceback" not in refused.stderr
    )
    assert "担当決定" in cli(env, "consult", "claim", number, "--as", "U0SSW0003").stdout
    taken = cli(env, "consult", "claim", number, "--as", "U0SSW0001")
    assert "SSW C さんが担当しています" in taken.stderr
    assert number in cli(env, "queue", "--mine", "--as", "U0SSW0003").stdout
    assert (
        "完了"
        in cli(env, "consult", "close", number, "--outcome", "解決", "--as", "U0SSW0003").stdout
    )
    report = cli(env, "report", "--csv")
    assert "不登校,1,0,1,1,0,0,0" in report.stdout
    outbox = cli(env, "dispatch", "--once")
    assert "新しい相談" in outbox.stdout and "2年男子" not in outbox.stdout


def test_unknown_number_and_unreachable_database_get_one_clear_line(env: dict[str, str]) -> None:
    missing = cli(env, "consult", "show", "2026-9999", "--as", "U0SSW0003")
    assert missing.returncode == 2 and "見つかりません" in missing.stderr
    env["DATABASE_URL"] = "postgresql://postgres@127.0.0.1:1/test"
    down = file_from_cli(env, summary="2年男子の件")
    assert down.returncode == 2
    assert (
        "保存できませんでした" in down.stderr
        and "2年男子の件" in down.stdout
        and "Traceback" not in down.stderr
    )


def test_filing_times_are_shown_in_tokyo_time_whatever_the_server_zone() -> None:
    from consults.messages import consult_line
    from consults.model import Consent, Consult, SchoolType, Status, Urgency
    from tests.queue.conftest import tokyo

    consult = Consult(
        id=1,
        number="2026-0001",
        fiscal_year=2026,
        requester="U1",
        school="第三中学校",
        school_type=SchoolType.JUNIOR_HIGH,
        district=None,
        grade=2,
        categories=("不登校",),
        urgency=Urgency.NORMAL,
        summary=None,
        consent=Consent.UNCONFIRMED,
        contact_time=None,
        status=Status.RECEIVED,
        assignee=None,
        outcome=None,
        outcome_note=None,
        created_at=tokyo("2026-11-24 09:05"),
        claimed_at=None,
        closed_at=None,
        channel_message=None,
    )
    assert "受付 11/24 09:05" in consult_line(consult)


def test_a_question_ask_could_not_answer_is_listed_by_gaps(env: dict[str, str]) -> None:
    asked = cli(env, "ask", "宇宙旅行の予約はどこ？ 担当は山田 090-1234-5678")
    assert asked.returncode == 0, asked.stderr
    listed = cli(env, "gaps", "--since", "2026-01-01")
    assert "[答えなし]" in listed.stdout and "宇宙旅行の予約はどこ" in listed.stdout
    assert "090-1234-5678" not in listed.stdout
    answered = cli(env, "ask", "はらっぱの電話番号")
    assert "*" not in answered.stdout and "0422-56-3210" in answered.stdout
    assert listed.stdout.count("[答えなし]") == cli(
        env, "gaps", "--since", "2026-01-01"
    ).stdout.count("[答えなし]")


@pytest.mark.parametrize(
    ("args", "said", "fix"),
    [
        (
            ["consult", "close", "2026-0001"],
            "必要な引数がありません: --outcome",
            "例: madoguchi consult close 2026-0001 --outcome 解決",
        ),
        (
            ["consult", "close", "2026-0001", "--outcome", "良い"],
            "--outcome に「良い」は使えません。使えるのは",
            "例: madoguchi consult close",
        ),
        (
            ["consult", "new", "--school", "三中", "--grade", "二年", "--category", "不登校"],
            "--grade の「二年」を数字として読めません",
            "例: madoguchi consult new --school 三中 --grade 2",
        ),
        (["consult", "new", "--school", "三中"], "必要な引数がありません", "--category 不登校"),
        (["queue", "--everything"], "知らない引数です: --everything", "madoguchi queue --help"),
        (["consult", "fix", "2026-0001"], "「fix」は使えません", "madoguchi consult --help"),
    ],
)
def test_every_usage_error_is_japanese_and_names_the_fix(
    env: dict[str, str], args: list[str], said: str, fix: str
) -> None:
    done = cli(env, *args)
    assert done.returncode == 2
    assert said in done.stderr and fix in done.stderr
    assert "usage:" not in done.stderr and "error:" not in done.stderr
    assert "the following" not in done.stderr and "invalid" not in done.stderr


def test_reading_the_queue_without_a_database_does_not_claim_a_save_failed(
    env: dict[str, str],
) -> None:
    env["DATABASE_URL"] = "postgresql://postgres@127.0.0.1:1/test"
    listing = cli(env, "queue")
    assert listing.returncode == 2 and "データベースにつながりません" in listing.stderr
    assert "保存できませんでした" not in listing.stderr


def test_another_ssw_takes_a_consult_over_from_the_cli_and_refusals_say_who_may(
    env: dict[str, str],
) -> None:
    filed = file_from_cli(env)
    number = filed.stdout.split("相談番号 ")[1].split()[0]
    assert "「第三中学校」（第三中学校区）として受け付けます" in filed.stdout
    cli(env, "consult", "claim", number, "--as", "U0SSW0003")
    refused = cli(env, "consult", "close", number, "--outcome", "解決", "--as", "U0SSW0001")
    assert refused.returncode == 2
    assert "この相談の担当SSWかSSW統括だけができます（いまの担当: SSW Cさん）" in refused.stderr
    assert "「引き継ぐ」" in refused.stderr
    taken = cli(env, "consult", "takeover", number, "--as", "U0SSW0001")
    assert taken.returncode == 0 and "担当: SSW A" in taken.stdout
    withdraw = cli(env, "consult", "withdraw", number, "--as", "U0SSW0001")
    assert "「取り下げる」は相談を出した本人だけができます" in withdraw.stderr
    show = cli(env, "consult", "show", number, "--as", "UOTHERTEACHER")
    assert "「詳細を見る」はSSWか相談を出した本人だけができます" in show.stderr
    sent = cli(env, "dispatch", "--once").stdout
    assert "SSW Aさんが SSW Cさんから引き継ぎました" in sent
    assert "U0SSW0003" not in sent and "[SSW Cさんへ]" in sent


def test_the_report_command_takes_reiwa_and_refuses_year_zero_and_a_missing_folder(
    env: dict[str, str], tmp_path: Path
) -> None:
    file_from_cli(env)
    year = cli(env, "report", "--fiscal-year", "令和8")
    assert year.returncode == 0 and "令和8年度（2026年度）" in year.stdout
    exported = cli(env, "report", "--csv")
    assert exported.stdout.startswith("\ufeff年度,")
    zero = cli(env, "report", "--fiscal-year", "0")
    assert zero.returncode == 2 and "--fiscal-year「0」は使えません" in zero.stderr
    missing = cli(env, "report", "--png", str(tmp_path / "nowhere" / "fig1.png"))
    assert (
        missing.returncode == 2
        and "フォルダ" in missing.stderr
        and "がありません" in missing.stderr
    )
    assert "問題が起きました" not in missing.stderr


PLANTED = """\
municipality: 武蔵野市
supervisor: U0SSWLEAD
business_hours: "8:30-25:00"
ssws:
  - {user: U0SSW0001, name: SSW A}
  - {user: U0SSW0002, nmae: SSW B}
districts:
  - {name: 第一中学校区, ssw: U0SSW0001, schools: [第一中学校]}
  - {name: 第二中学校区, ssw: U0SSW0009, schools: [第二中学校, さくら学園]}
  - {name: 第三中学校区, ssw: U0SSW0001, shools: [第三中学校]}
"""


def test_check_lists_every_planted_mistake_of_a_routing_file_in_one_run(
    env: dict[str, str], tmp_path: Path
) -> None:
    routing = tmp_path / "routing.yaml"
    routing.write_text(PLANTED, "utf-8")
    done = cli(env, "check", str(routing))
    assert done.returncode == 1
    lines = done.stdout.splitlines()
    expected = [
        (3, "時間 '8:30-25:00' がおかしい"),
        (6, "知らない項目 'nmae'（直し方: 'name' のことでしょうか）"),
        (9, "学校 'さくら学園' が小学校か中学校か分かりません"),
        (9, "第二中学校区 のSSW 'U0SSW0009' が ssws にいません"),
        (10, "知らない項目 'shools'（直し方: 'schools' のことでしょうか）"),
    ]
    for line_number, said in expected:
        assert any(
            line.startswith(f"{routing}:{line_number}: ") and said in line for line in lines
        ), said
    assert "5件の問題" in done.stdout and "Input should" not in done.stdout


def test_check_reads_a_workspace_map_and_the_routing_files_it_names(
    env: dict[str, str], tmp_path: Path
) -> None:
    (tmp_path / "routing.yaml").write_text(PLANTED, "utf-8")
    workspace_map = tmp_path / "workspaces.yaml"
    workspace_map.write_text(
        "workspaces:\n"
        "  - {team: TA1, routing: routing.yaml, ssw_channel: C1}\n"
        "  - {team: TA2, routing: nowhere.yaml, ssw_chanel: C2}\n"
        "  - {team: TA3, routing: nowhere.yaml, ssw_channel: C3}\n",
        "utf-8",
    )
    done = cli(env, "check", str(workspace_map))
    assert done.returncode == 1
    assert f"{workspace_map}:3: 知らない項目 'ssw_chanel'" in done.stdout
    assert "'ssw_channel' のことでしょうか" in done.stdout
    assert f"{workspace_map}:4: routing のファイル" in done.stdout
    assert f"{tmp_path / 'routing.yaml'}:10: 知らない項目 'shools'" in done.stdout
    assert "Input should" not in done.stdout


def test_check_with_no_path_checks_the_directory_and_the_routing_file(
    env: dict[str, str],
) -> None:
    done = cli(env, "check")
    assert done.returncode == 0
    assert "routing.yaml に問題はありません" in done.stdout


def test_check_lists_three_planted_mistakes_of_different_kinds_in_a_directory_file(
    env: dict[str, str], tmp_path: Path
) -> None:
    text = (ROOT / "directory/data/municipalities/osaka-nishi.yaml").read_text("utf-8")
    planted = (
        text.replace("    kind: 相談窓口\n", "    knid: 相談窓口\n", 1)
        .replace('    verified: "2026-11-24"\n', '    verified: "2026-13-24"\n', 1)
        .replace("    serves: [小学生, 中学生]\n", "    serves: [小学生, 宇宙人]\n", 1)
    )
    assert planted.count("knid") == 1 and "2026-13-24" in planted and "宇宙人" in planted
    file = tmp_path / "osaka-nishi.yaml"
    file.write_text(planted, "utf-8")
    done = cli(env, "check", str(file))
    assert done.returncode == 1
    assert f"{file}:17: 知らない項目 'knid'（直し方: 'kind' のことでしょうか）" in done.stdout
    assert f"{file}:23: 知らない対象 '宇宙人'" in done.stdout
    assert f"{file}:25: 確認日 '2026-13-24' が日付ではありません" in done.stdout
    assert "3件の問題" in done.stdout


def test_a_command_without_its_subcommand_says_to_choose_one(env: dict[str, str]) -> None:
    done = cli(env, "consult")
    assert done.returncode == 2
    assert "何をするかを1つ書いてください" in done.stderr and "takeover" in done.stderr
    assert "action" not in done.stderr.splitlines()[0]
