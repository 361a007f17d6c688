"""``madoguchi console``: the same engine as Slack, in a terminal chat.

Questions get answers in plain text; 「SSWに相談したい」 walks through the
consult form and files a real consult. The person is kept informed as in Slack:
their open consults at the start, and each claim, reassignment, start and close
as it happens (shown before the next prompt). An answer is followed by
役に立ちましたか？ (いいえ is kept for the people who maintain the directory, as
Slack's 違った button is), and a question with no answer is kept the same way.
Without a database the console still answers; it only cannot file or remember.
"""

from __future__ import annotations

import logging
from collections.abc import Callable

from answers.engine import Answer, AnswerEngine
from answers.render import render_text
from bot.console.form import file_consult
from bot.console.terminal_text import plain
from bot.messages import common as common_msg
from bot.messages import console as msg
from bot.questions import QuestionRejected, check_question, tokyo_now
from bot.storage.consult_store import ConsultQueue
from consults.errors import QueueError
from consults.messages import consult_line, notification_line
from consults.prefill import Prefill, emergency_prefill
from directory.problems import DataFileInvalid
from intents.understand import Intent

log = logging.getLogger(__name__)
ASKS_FEEDBACK = (Intent.FIND_SERVICE, Intent.OPENING_HOURS, Intent.CONTACT)


class Console:
    def __init__(
        self,
        engine: AnswerEngine,
        municipality: str | None,
        input_line: Callable[[str], str | None],
        output: Callable[[str], None],
        open_queue: Callable[[], ConsultQueue] | None,
        requester: str,
    ) -> None:
        self.engine, self.municipality = engine, municipality
        self.input_line, self.output = input_line, output
        self.open_queue, self.requester = open_queue, requester
        self._queue: ConsultQueue | None = None
        self._queue_problem: str | None = None
        self._seen = 0

    def run(self) -> int:
        self.output(msg.console_greeting())
        queue = self.queue()
        if queue is not None:
            self._seen = queue.notices_for(self.requester)[0]
            for consult in [c for c in queue.filed_by(self.requester) if c.is_open][:5]:
                self.output(msg.console_your_consult(consult_line(consult, queue.routing.names)))
        line = self.input_line(msg.console_question_prompt())
        while line is not None and line.strip().lower() not in msg.CHAT_QUIT_WORDS:
            line = self.turn(line) if line.strip() else self.next_line()
        return 0

    def next_line(self) -> str | None:
        self.show_news()
        return self.input_line(msg.console_question_prompt())

    def turn(self, line: str) -> str | None:
        """Answer one line; returns the next line to handle (a reply that was a new question)."""
        try:
            answer = self.engine.answer(check_question(line), tokyo_now(), self.municipality)
        except QuestionRejected as exc:
            self.output(str(exc))
            return self.next_line()
        if answer.intent is Intent.CONSULT_REQUEST and self.open_queue is not None:
            self.file(Prefill())
            return self.next_line()
        self.output(plain(render_text(answer)))
        if _is_gap(answer):
            self.remember(answer, line, wrong=False)
        if answer.intent is Intent.EMERGENCY and self.open_queue is not None:
            reply = self.input_line(msg.console_file_offer())
            if reply is None or reply.strip().lower() in msg.CHAT_NO or not reply.strip():
                return self.next_line()
            if reply.strip().lower() in msg.CHAT_YES:
                self.file(emergency_prefill(answer.danger))
                return self.next_line()
            return reply
        if answer.intent in ASKS_FEEDBACK and answer.cards:
            reply = self.input_line(msg.console_feedback_prompt())
            if reply is None:
                return None
            if reply.strip().lower() in msg.CHAT_YES:
                self.output(msg.console_feedback_thanks())
            elif reply.strip().lower() in msg.CHAT_NO:
                self.remember(answer, line, wrong=True)
                self.output(msg.console_feedback_sorry())
            elif reply.strip():
                return reply
        return self.next_line()

    def file(self, prefill: Prefill) -> None:
        queue = self.queue()
        if queue is None:
            self.output(self._queue_problem or common_msg.internal_error())
            return
        file_consult(queue, self.requester, self.input_line, self.output, tokyo_now, prefill)
        self._seen = max(self._seen, queue.notices_for(self.requester, self._seen)[0])

    def show_news(self) -> None:
        """Notices for this person since the last prompt (claim, reassign, start, close)."""
        if self._queue is None:
            return
        try:
            self._seen, notices = self._queue.notices_for(self.requester, self._seen)
        except QueueError:
            return
        for kind, payload in notices:
            if payload.get("event") != "received":
                self.output(msg.console_news(plain(notification_line(kind, payload))))

    def remember(self, answer: Answer, question: str, wrong: bool) -> None:
        """Keep a question with no answer, or an answer marked wrong (names and numbers removed)."""
        from bot.storage import gaps

        queue = self.queue()
        if queue is None:
            return
        try:
            gaps.record(
                queue.engine,
                gaps.WRONG if wrong else gaps.NO_ANSWER,
                question,
                answer.intent.value,
                [card.resource.name for card in answer.cards[:3]] if wrong else [],
                answer.municipality.name,
                tokyo_now(),
            )
        except Exception:  # noqa: BLE001  (learning from use never stops the answer)
            log.exception("could not keep a gap")

    def queue(self) -> ConsultQueue | None:
        if self._queue is None and self._queue_problem is None and self.open_queue is not None:
            try:
                self._queue = self.open_queue()
            except (QueueError, DataFileInvalid) as exc:
                self._queue_problem = (
                    str(exc) if isinstance(exc, QueueError) else common_msg.internal_error()
                )
                log.warning("console without the queue: %s", type(exc).__name__)
        return self._queue


def run_console(
    engine: AnswerEngine,
    municipality: str | None,
    input_line: Callable[[str], str | None],
    output: Callable[[str], None],
    open_queue: Callable[[], ConsultQueue] | None = None,
    requester: str = "console",
) -> int:
    return Console(engine, municipality, input_line, output, open_queue, requester).run()


def _is_gap(answer: Answer) -> bool:
    from bot.storage.gaps import is_gap

    return is_gap(answer)
