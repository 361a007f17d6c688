"""``madoguchi console``: the same engine as Slack, in a terminal chat.

Questions get answers; 「SSWに相談したい」 walks through the consult form and
files a real consult (the queue is opened only then, so answering works
without a database).
"""

from __future__ import annotations

from collections.abc import Callable

from bot.answer import AnswerEngine
from bot.consult_form import file_consult
from bot.questions import QuestionRejected, check_question, tokyo_now
from bot.queue.errors import QueueError
from bot.queue.service import ConsultQueue
from bot.render import render_text
from intents.understand import Intent

PROMPT = "質問> "
QUIT_WORDS = frozenset({"exit", "quit", "終了", "おわり", "q"})
GREETING = "madoguchi です。子どもの支援窓口について聞いてください。SSWへの相談は「SSWに相談したい」（終わるときは「終了」）。"
FILE_OFFER = "続けて相談票を作りますか？（はい/いいえ）> "


def run_console(
    engine: AnswerEngine,
    municipality: str | None,
    input_line: Callable[[str], str | None],
    output: Callable[[str], None],
    open_queue: Callable[[], ConsultQueue] | None = None,
    requester: str = "console",
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
        if answer.intent is Intent.CONSULT_REQUEST and open_queue is not None:
            _file(open_queue, requester, input_line, output)
            continue
        output(render_text(answer))
        if answer.intent is Intent.EMERGENCY and open_queue is not None:
            reply = input_line(FILE_OFFER)
            if reply is not None and reply.strip() in ("はい", "y", "yes"):
                _file(open_queue, requester, input_line, output)


def _file(
    open_queue: Callable[[], ConsultQueue],
    requester: str,
    ask: Callable[[str], str | None],
    say: Callable[[str], None],
) -> None:
    try:
        queue = open_queue()
    except QueueError as exc:
        say(str(exc))
        return
    file_consult(queue, requester, ask, say, tokyo_now)
