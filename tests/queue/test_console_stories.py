"""A teacher at the terminal console, on SQLite and PostgreSQL: the form checks each answer as
it is given and loses nothing, an emergency's 「はい」 carries 至急 and its category, any other
reply is answered, the requester hears of claim/reassign/close by name, and what the console
could not answer (or answered wrongly) reaches `gaps`."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime, timedelta

import pytest

from answers.engine import AnswerEngine
from bot.console.chat import run_console
from bot.engine import build_engine
from bot.storage import gaps
from bot.storage.consult_store import ConsultQueue
from consults.model import Outcome, Urgency
from directory.calendar import TOKYO
from tests.queue.conftest import SSW_DISTRICT_3, SUPERVISOR

TEACHER = "UCONSOLE1"
Line = str | Callable[[], str]


@pytest.fixture(scope="module")
def answers() -> AnswerEngine:
    return build_engine()


class Terminal:
    """Plays the person at the keyboard: answers prompts in order, records everything shown."""

    def __init__(self, lines: list[Line]) -> None:
        self.lines = list(lines)
        self.prompts: list[str] = []
        self.shown: list[str] = []

    def input(self, prompt: str) -> str | None:
        self.prompts.append(prompt)
        if not self.lines:
            return None
        line = self.lines.pop(0)
        return line() if callable(line) else line

    def output(self, text: str) -> None:
        self.shown.append(text)

    @property
    def text(self) -> str:
        return "\n".join(self.shown)


def console(answers: AnswerEngine, queue: ConsultQueue, lines: list[Line]) -> Terminal:
    terminal = Terminal(lines)
    run_console(answers, None, terminal.input, terminal.output, lambda: queue, TEACHER)
    return terminal


def test_a_wrong_grade_is_caught_at_once_and_every_other_answer_is_kept(
    answers: AnswerEngine, queue: ConsultQueue
) -> None:
    summary = "2年男子。9月から欠席が続いている。"
    terminal = console(
        answers,
        queue,
        ["SSWに相談したい", "三中", "5", "2", "1,7", "いいえ", summary, "3", "放課後"]
        + ["5", "2年男子。9月から欠席が続き、昼夜逆転している。", "はい", "終了"],
    )
    assert "「第三中学校」（第三中学校区）として受け付けます" in terminal.text
    assert "中学校の学年は 1〜3 です。" in terminal.text
    assert terminal.prompts.count("学年（数字）> ") == 2
    filed = queue.filed_by(TEACHER)
    assert len(filed) == 1
    consult = queue.details(filed[0].number, TEACHER, datetime.now(TOKYO))
    assert (consult.school, consult.grade, consult.contact_time) == ("第三中学校", 2, "放課後")
    assert consult.categories == ("不登校", "家庭環境")
    assert consult.summary == "2年男子。9月から欠席が続き、昼夜逆転している。"
    assert "1 学校: 第三中学校" in terminal.text and "2 学年: 2年" in terminal.text


def test_an_unknown_school_is_accepted_and_the_form_says_it_goes_to_every_ssw(
    answers: AnswerEngine, queue: ConsultQueue
) -> None:
    terminal = console(
        answers,
        queue,
        ["SSWに相談したい", "さくら学園", "桜野小", "4", "1", "", "4年女子", "3", "", "はい"],
    )
    assert "小学校か中学校か分かりません" in terminal.text
    assert "学校の一覧（routing.yaml）にないため、SSW全員に届けます" in terminal.text
    assert "SSW全員に届けます。担当が決まったら" in terminal.text
    assert queue.filed_by(TEACHER)[0].district is None


def test_yes_after_an_emergency_opens_the_form_with_urgent_and_abuse_chosen(
    answers: AnswerEngine, queue: ConsultQueue
) -> None:
    terminal = console(
        answers,
        queue,
        ["あざがあって家に帰りたくないと言っている", "はい", "第四中学校", "1", "", ""]
        + ["1年女子。腕にあざ。帰りたくないと話す。", "4", "", "はい", "終了"],
    )
    assert "至急と困りごと「児童虐待」を選んであります" in terminal.text
    consult = queue.filed_by(TEACHER)[0]
    assert consult.urgency is Urgency.URGENT and consult.categories == ("児童虐待",)


def test_a_new_question_typed_at_the_emergency_prompt_is_answered(
    answers: AnswerEngine, queue: ConsultQueue
) -> None:
    terminal = console(
        answers, queue, ["あざがあって家に帰りたくないと言っている", "はらっぱの電話番号", "終了"]
    )
    assert "0422-56-3210" in terminal.text
    assert queue.filed_by(TEACHER) == []


def test_the_console_speaks_plain_text_not_slack(
    answers: AnswerEngine, queue: ConsultQueue
) -> None:
    terminal = console(
        answers,
        queue,
        ["あざがあって家に帰りたくないと言っている", "いいえ", "はらっぱ今日あいてる？"],
    )
    assert "189" in terminal.text and "0123はらっぱ" in terminal.text
    assert "*" not in terminal.text and ":rotating_light:" not in terminal.text
    assert "`" not in terminal.text


def test_the_requester_sees_claim_reassign_and_close_in_the_console_by_name(
    answers: AnswerEngine, queue: ConsultQueue
) -> None:
    now = datetime.now(TOKYO)

    def ssws_work_on_it() -> str:
        number = queue.filed_by(TEACHER)[0].number
        queue.claim(number, SSW_DISTRICT_3, now)
        queue.reassign(number, SUPERVISOR, "U0SSW0001", now + timedelta(minutes=1))
        queue.close(number, "U0SSW0001", Outcome.RESOLVED, "", now + timedelta(minutes=2))
        return ""

    terminal = console(
        answers,
        queue,
        ["SSWに相談したい", "第3中", "2", "1", "", "2年男子。欠席が続く。", "3", "", "はい"]
        + [ssws_work_on_it, "終了"],
    )
    news = [line for line in terminal.shown if line.startswith("［お知らせ］")]
    assert [n.split(": ", 1)[1] for n in news] == [
        "担当が決まりました（担当: SSW Cさん）",
        "担当が替わりました（SSW CさんからSSW Aさんへ）",
        "対応が完了しました（SSW Aさん、結果: 解決）",
    ]
    again = console(answers, queue, ["終了"])
    assert not any("あなたの相談" in line for line in again.shown)  # closed: no longer open


def test_an_open_consult_is_shown_when_the_console_starts(
    answers: AnswerEngine, queue: ConsultQueue
) -> None:
    console(answers, queue, ["SSWに相談したい", "三中", "2", "1", "", "2年男子", "3", "", "はい"])
    number = queue.filed_by(TEACHER)[0].number
    queue.claim(number, SSW_DISTRICT_3, datetime.now(TOKYO))
    terminal = console(answers, queue, ["終了"])
    assert f"あなたの相談: {number}" in terminal.text and "担当: SSW C" in terminal.text


def test_unanswered_questions_and_a_no_to_was_it_useful_reach_gaps(
    answers: AnswerEngine, queue: ConsultQueue
) -> None:
    started = datetime.now(TOKYO) - timedelta(seconds=1)
    terminal = console(
        answers,
        queue,
        ["宇宙旅行の予約はどこ？ 090-1234-5678", "不登校の相談はどこ？", "いいえ", "終了"],
    )
    assert "役に立ちましたか？" in "".join(terminal.prompts)
    kept = gaps.since(queue.engine, started)
    assert [(g.kind, g.intent) for g in kept][-2:] == [
        (gaps.NO_ANSWER, "unknown"),
        (gaps.WRONG, "find_service"),
    ]
    assert "090-1234-5678" not in kept[-2].question and kept[-1].answered


def test_plain_text_keeps_clock_times_and_drops_only_emoji_codes() -> None:
    from bot.console.terminal_text import plain

    assert plain("今 *開いています*（今日（12/7(月)）は 9:00-16:00、16:00まで）") == (
        "今 開いています（今日（12/7(月)）は 9:00-16:00、16:00まで）"
    )
    assert plain(":rotating_light: *緊急* :smile: `/ssw`") == "【緊急】緊急 /ssw"
