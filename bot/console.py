"""``madoguchi console``: the same engine as Slack, in a terminal chat."""

from __future__ import annotations

from collections.abc import Callable

from bot.answer import AnswerEngine
from bot.questions import QuestionRejected, check_question, tokyo_now
from bot.render import render_text

PROMPT = "質問> "
QUIT_WORDS = frozenset({"exit", "quit", "終了", "おわり", "q"})
GREETING = "madoguchi です。子どもの支援窓口について聞いてください（終わるときは「終了」）。"


def run_console(
    engine: AnswerEngine,
    municipality: str | None,
    input_line: Callable[[str], str | None],
    output: Callable[[str], None],
) -> int:
    output(GREETING)
    while True:
        line = input_line(PROMPT)
        if line is None or line.strip().lower() in QUIT_WORDS:
            return 0
        if not line.strip():
            continue
        try:
            answer = engine.answer(check_question(line), tokyo_now(), municipality)
        except QuestionRejected as exc:
            output(str(exc))
            continue
        output(render_text(answer))
