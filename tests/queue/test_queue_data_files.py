"""The queue's words are data (consults/data/*.yaml): the ones rows are stored as never change,
and a wrong file is refused when it is loaded, at its file:line."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from consults import messages as msg
from consults.datafiles import DATA
from consults.lifecycle import NEW_ASSIGNEE, Action, NewAssignee, NotAllowed, Role, check
from consults.model import Consent, Outcome, SchoolType, Status, Urgency, load_stored_words
from consults.prefill import DANGER_CATEGORY, load_danger_categories
from consults.privacy import load_identity_patterns
from consults.routing import load_written_names
from directory.problems import DataFileInvalid
from tests.queue.conftest import VOCABULARY


def test_the_words_consults_are_stored_as_never_change() -> None:
    """Rows, audit events and notifications already saved hold these words."""
    assert [s.value for s in Status] == ["受付", "担当決定", "対応中", "完了", "取り下げ"]
    assert [o.value for o in Outcome] == ["解決", "好転", "支援中", "その他"]
    assert [u.value for u in Urgency] == ["通常", "至急"]
    assert [c.value for c in Consent] == ["あり", "なし", "未確認", "取得不適"]
    assert [t.value for t in SchoolType] == ["小学校", "中学校"]
    assert msg.OUTCOME_LABELS[Outcome.IMPROVING] == "支援中であるが好転"


def edited_copy(tmp_path: Path, name: str, old: str, new: str) -> tuple[Path, int]:
    """The bundled file with one line changed, and that line's number."""
    lines = (DATA / name).read_text(encoding="utf-8").splitlines(keepends=True)
    line = next(i for i, text in enumerate(lines, 1) if old in text)
    lines[line - 1] = lines[line - 1].replace(old, new)
    copy = tmp_path / name
    copy.write_text("".join(lines), encoding="utf-8")
    return copy, line


def problems_of(load: Callable[[Path], object], path: Path) -> list[str]:
    with pytest.raises(DataFileInvalid) as refused:
        load(path)
    return [str(problem) for problem in refused.value.problems]


def test_a_stored_word_too_long_for_its_column_is_refused_at_its_line(tmp_path: Path) -> None:
    copy, line = edited_copy(
        tmp_path, "stored_words.yaml", "improving: 好転", "improving: 支援中であるが好転"
    )
    [problem] = problems_of(load_stored_words, copy)
    assert problem.startswith(f"{copy}:{line}: 'outcome.improving'")


def test_identity_patterns_that_cannot_work_are_refused_at_their_lines(tmp_path: Path) -> None:
    copy, phone_line = edited_copy(tmp_path, "identity_patterns.yaml", "phone: '0", "phone: '(0")
    copy.write_text(
        copy.read_text(encoding="utf-8")
        .replace("(さん|くん|ちゃん|君)", "(?:さん|くん|ちゃん|君)")
        .replace("  - sswさん\n", "  - SSWさん\n"),
        encoding="utf-8",
    )
    text = copy.read_text(encoding="utf-8").splitlines()
    name_line = next(i for i, t in enumerate(text, 1) if t.startswith("name_with_honorific"))
    upper_line = next(i for i, t in enumerate(text, 1) if "SSWさん" in t)
    problems = problems_of(load_identity_patterns, copy)
    assert [p.split(": ")[0] for p in problems] == [
        f"{copy}:{phone_line}",
        f"{copy}:{name_line}",
        f"{copy}:{upper_line}",
    ]
    assert "正規表現として読めません" in problems[0] and "'sswさん' と小文字で" in problems[2]


def test_school_name_words_and_emergency_categories_are_checked_on_load(tmp_path: Path) -> None:
    copy, line = edited_copy(tmp_path, "written_names.yaml", "〇一二三四五六七八九", "一二三")
    [problem] = problems_of(load_written_names, copy)
    assert problem.startswith(f"{copy}:{line}: 'schools.kanji_digits'")

    copy, line = edited_copy(tmp_path, "emergency_prefill.yaml", "injury:", "injured:")
    [problem] = problems_of(load_danger_categories, copy)
    assert problem.startswith(f"{copy}:{line}:") and "'injury'" in problem


def test_an_emergency_chooses_only_categories_the_form_offers() -> None:
    assert DANGER_CATEGORY and set(DANGER_CATEGORY.values()) <= set(VOCABULARY.categories)


def test_every_move_and_role_has_its_words() -> None:
    assert set(msg.ACTION_WORDS) == {a.value for a in Action}
    assert set(msg.ROLE_WORDS) == {r.value for r in Role} - {Role.OTHER.value}


def test_a_move_that_hands_a_consult_over_cannot_be_checked_without_its_new_assignee() -> None:
    """So a surface that forgets to say whom cannot slip past the NEW_ASSIGNEE rows."""
    assert Action.REASSIGN in NEW_ASSIGNEE
    with pytest.raises(ValueError, match="new_assignee"):
        check(Status.ASSIGNED, Action.REASSIGN, frozenset({Role.SUPERVISOR}))
    with pytest.raises(NotAllowed, match="SSWとして登録されていません"):
        check(
            Status.ASSIGNED,
            Action.REASSIGN,
            frozenset({Role.SUPERVISOR}),
            new_assignee=NewAssignee("U9", frozenset({Role.OTHER})),
        )
