"""A maintainer can see where every fact the bot states comes from: a passage of the
city's own report, quoted and checked against it, or a convention that says so."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from directory.loader import check_provenance
from directory.provenance import Support

ROOT = Path(__file__).resolve().parents[2]

REPORT = """令和7年度 子ども支援の報告
テスト子ども相談室（市役所2階）
電話 0422-11-2233 受付 平日 午前9時～午後5時
18歳未満のお子さんの子育ての悩みをお受けします。
"""

RECORD = """
municipality:
  id: testcity
  name: テスト市
resources:
  - id: test-sodanshitsu
    name: テスト子ども相談室
    summary: 18歳未満の子の子育ての悩みを受ける。
    serves: [18歳未満]
    address: 市役所2階
    phones:
      - label: 代表
        number: "0422-11-2233"
    hours:
      open: ["月-金 9:00-17:00"]
      closed: [祝日, 年末年始]
    source: [report.txt]
    evidence:
      - covers: [summary, serves]
        quote: 18歳未満のお子さんの子育ての悩みをお受けします。
      - covers: [address, phones, hours]
        quote: >-
          テスト子ども相談室（市役所2階）
          電話 0422-11-2233 受付 平日 午前9時～午後5時
"""


def planted(tmp_path: Path, record: str = RECORD, report: str = REPORT) -> Path:
    (tmp_path / "sources").mkdir()
    (tmp_path / "sources" / "report.txt").write_text(report, encoding="utf-8")
    (tmp_path / "city.yaml").write_text(record, encoding="utf-8")
    return tmp_path


def test_the_sample_states_nothing_unsourced_and_every_quote_is_in_its_seed() -> None:
    report, problems = check_provenance()
    assert report is not None and problems == []
    assert [str(p) for p in report.problems] == []
    assert report.count(Support.UNSOURCED) == 0
    assert report.count(Support.SOURCED) > 300
    # the 年末年始 dates are the usual municipal closure, not something a seed says
    assert [c.name for c in report.conventions] == ["年末年始"]


def test_every_fact_of_a_record_whose_quotes_are_in_its_source_is_sourced(
    tmp_path: Path,
) -> None:
    report, problems = check_provenance(planted(tmp_path))
    assert problems == [] and report is not None
    assert report.problems == []
    assert {f.field: f.support for f in report.facts} == {
        "summary": Support.SOURCED,
        "serves": Support.SOURCED,
        "address": Support.SOURCED,
        "phones": Support.SOURCED,
        "hours": Support.SOURCED,
    }


def test_a_fact_nothing_covers_is_unsourced_at_its_line(tmp_path: Path) -> None:
    record = RECORD.replace(
        "    serves: [18歳未満]\n", "    serves: [18歳未満]\n    topics: [不登校]\n"
    )
    report, _ = check_provenance(planted(tmp_path, record))
    assert report is not None
    assert [(f.field, f.support) for f in report.facts if f.support is Support.UNSOURCED] == [
        ("topics", Support.UNSOURCED)
    ]
    (problem,) = report.problems
    assert problem.line == 10 and "topics に出典がありません" in problem.message


def test_a_quote_its_source_does_not_contain_is_refused(tmp_path: Path) -> None:
    record = RECORD.replace(
        "子育ての悩みをお受けします。", "子育ての悩みと虐待の通告をお受けします。"
    )
    report, _ = check_provenance(planted(tmp_path, record))
    assert report is not None
    assert any("が出典 report.txt にありません" in p.message for p in report.problems)
    assert {f.field for f in report.facts if f.support is Support.UNSOURCED} == {
        "summary",
        "serves",
    }


def test_a_phone_number_no_quote_contains_is_unsourced(tmp_path: Path) -> None:
    record = RECORD.replace('number: "0422-11-2233"', 'number: "0422-11-9999"')
    report, _ = check_provenance(planted(tmp_path, record))
    assert report is not None
    assert any("0422-11-9999 がどの引用にもありません" in p.message for p in report.problems)


def test_a_convention_counts_as_convention_and_needs_its_note(tmp_path: Path) -> None:
    record = RECORD.replace(
        "    evidence:\n",
        "    referral: [電話]\n    evidence:\n"
        "      - covers: [referral]\n        convention: 相談室は電話で受けるのが市の通例\n"
        "      - covers: [referral]\n",
    )
    report, _ = check_provenance(planted(tmp_path, record))
    assert report is not None
    assert ("referral", Support.CONVENTION) in [(f.field, f.support) for f in report.facts]
    assert any("quote" in p.message and "convention" in p.message for p in report.problems)


def test_a_source_that_is_not_at_hand_is_named(tmp_path: Path) -> None:
    path = planted(tmp_path)
    (path / "sources" / "report.txt").unlink()
    report, _ = check_provenance(path)
    assert report is not None
    assert any("report.txt の本文が見つかりません" in p.message for p in report.problems)


def test_the_command_reports_counts_and_fails_on_an_unsourced_fact(tmp_path: Path) -> None:
    def check(*args: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [sys.executable, "-m", "bot.cli.main", "check", "--provenance", *args],
            capture_output=True,
            text=True,
            cwd=ROOT,
            timeout=60,
        )

    sample = check()
    assert sample.returncode == 0, sample.stdout
    assert "出典なし 0" in sample.stdout and "慣行: 年末年始" in sample.stdout
    record = RECORD.replace(
        "    serves: [18歳未満]\n", "    serves: [18歳未満]\n    topics: [不登校]\n"
    )
    planted_run = check(str(planted(tmp_path, record)))
    assert planted_run.returncode == 1
    assert "city.yaml:10: 'test-sodanshitsu' の topics に出典がありません" in planted_run.stdout
