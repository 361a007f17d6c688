"""Maintainers see every problem at once, with file:line and how to fix it."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from directory.loader import check_directory, load_directory
from directory.problems import DataFileInvalid

GOOD_RESOURCE = """
  - id: test-hiroba
    name: テストひろば
    aliases: [ひろばT]
    categories: [家庭環境]
    phones:
      - label: 代表
        number: "0422-00-0000"
    hours:
      open: ["月-金 9:00-16:00"]
      closed: [祝日, 年末年始]
"""


def write(tmp_path: Path, body: str) -> Path:
    path = tmp_path / "city.yaml"
    path.write_text(
        "municipality:\n  id: testcity\n  name: テスト市\nresources:\n" + body, encoding="utf-8"
    )
    return path


def lines_of(problems: list) -> list[int]:  # type: ignore[type-arg]
    return [p.line for p in problems]


def test_bundled_sample_directory_is_clean() -> None:
    directory, problems = check_directory()
    assert problems == []
    assert directory is not None
    names = {r.name for r in directory.resources}
    assert {
        "0123吉祥寺",
        "0123はらっぱ",
        "桜堤児童館",
        "くにたち子育てサポート窓口（くにサポ）",
    } <= names
    assert {m.name for m in directory.municipalities} >= {
        "武蔵野市",
        "国立市",
        "国分寺市",
        "大阪市西区",
        "全国",
    }


def test_three_planted_errors_are_all_reported_with_their_lines(tmp_path: Path) -> None:
    path = write(
        tmp_path,
        GOOD_RESOURCE
        + """
  - id: test-hiroba
    name: ふたつめ
    phones:
      - label: 代表
        number: "04-22"
    hours:
      open: ["月-金 9:00-16:00", "水 15:00-18:00"]
""",
    )
    _, problems = check_directory(path)
    text = "\n".join(str(p) for p in problems)
    assert len(problems) == 3, text
    assert lines_of(problems) == [17, 21, 23]  # the duplicate id, the phone, the second rule's list
    assert "id 'test-hiroba' が重複" in text
    assert "電話番号 '04-22'" in text
    assert "重なっています" in text
    assert all(str(path) in str(p) and "直し方" in str(p) for p in problems)


@pytest.mark.parametrize(
    ("body", "line", "words"),
    [
        (GOOD_RESOURCE.replace("    aliases:", "    alias:"), 8, "知らない項目 'alias'"),
        (GOOD_RESOURCE.replace("[家庭環境]", "[ふとうこう]"), 9, "存在しないカテゴリ"),
        (GOOD_RESOURCE.replace('"0422-00-0000"', '"042-2"'), 12, "電話番号"),
        (GOOD_RESOURCE.replace('["月-金 9:00-16:00"]', '["月-金 9時-16時"]'), 14, "読めません"),
        (GOOD_RESOURCE.replace("[祝日, 年末年始]", "[祝日, 夏休み]"), 15, "休みの指定 '夏休み'"),
        (
            GOOD_RESOURCE
            + GOOD_RESOURCE.replace("test-hiroba", "test-other").replace("テストひろば", "べつ"),
            19,
            "'ひろばT'",
        ),
        (
            GOOD_RESOURCE.replace(
                "    name: テストひろば", "    name: テストひろば\n    serves: [幼稚園]"
            ),
            8,
            "知らない対象",
        ),
    ],
)
def test_each_kind_of_mistake_names_its_line(
    tmp_path: Path, body: str, line: int, words: str
) -> None:
    _, problems = check_directory(write(tmp_path, body))
    assert any(p.line == line and words in p.message for p in problems), [str(p) for p in problems]


def test_unquoted_number_read_as_a_number_gets_a_quote_hint(tmp_path: Path) -> None:
    body = GOOD_RESOURCE.replace('"0422-00-0000"', "0123")  # YAML 1.1 reads this as octal 83
    _, problems = check_directory(write(tmp_path, body))
    assert any("引用符" in p.hint for p in problems), [str(p) for p in problems]


def test_broken_yaml_reports_the_line(tmp_path: Path) -> None:
    path = tmp_path / "broken.yaml"
    path.write_text("municipality:\n  id: x\n  name: [unclosed\nresources: []\n", encoding="utf-8")
    _, problems = check_directory(path)
    assert problems and problems[0].line in (3, 4)


def test_load_refuses_an_invalid_directory(tmp_path: Path) -> None:
    with pytest.raises(DataFileInvalid) as caught:
        load_directory(write(tmp_path, GOOD_RESOURCE.replace("[家庭環境]", "[なし]")))
    assert len(caught.value.problems) == 1


def test_an_invalid_data_file_says_where_and_how_to_fix_it_even_in_a_traceback(
    tmp_path: Path,
) -> None:
    with pytest.raises(DataFileInvalid) as caught:
        load_directory(write(tmp_path, GOOD_RESOURCE.replace("[家庭環境]", "[なし]")))
    assert str(caught.value) == str(caught.value.problems[0])
    assert f"{tmp_path}" in str(caught.value)


def test_a_folder_with_one_file_per_city_loads(tmp_path: Path) -> None:
    write(tmp_path, GOOD_RESOURCE)
    directory = load_directory(tmp_path)
    assert [r.id for r in directory.resources] == ["test-hiroba"]


def test_folded_summaries_keep_no_space_inside_japanese_text() -> None:
    """YAML folding joins a broken line with a space; in Japanese that space is a typo
    (「所内会議で 要対協として」)."""
    stray = re.compile(r"[\u3001-\u30ff\u3400-\u9fff\uff01-\uff5e] [\u3001-\u30ff\u3400-\u9fff]")
    assert not [r.id for r in load_directory().resources if stray.search(r.summary or "")]


def test_every_generic_window_word_names_a_national_line_or_none() -> None:
    directory = load_directory()
    for word, line in directory.vocabulary.generic_names.items():
        assert line == "" or line in {r.id for r in directory.resources_of["national"]}, word
