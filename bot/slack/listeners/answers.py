"""Ways in for questions: @mention, DM, /madoguchi, and the buttons under answers."""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING, Any

from slack_bolt import App, BoltContext, Respond
from slack_sdk import WebClient

from answers.engine import Answer
from answers.render import render_card
from bot.messages import slack as msg
from bot.questions import QuestionRejected, check_question
from bot.slack import ids
from bot.slack.blocks.answer import answer_message
from bot.slack.listeners import payloads
from bot.slack.listeners.lazy import lazy
from bot.slack.listeners.replies import ephemeral
from bot.storage import gaps
from intents.understand import Intent

if TYPE_CHECKING:
    from bot.slack.services import Services

log = logging.getLogger(__name__)


def register(app: App, services: Services) -> None:
    def answer(context: BoltContext, question: str) -> tuple[Answer, dict[str, Any]]:
        now = services.clock()
        municipality = services.workspace(context).municipality
        result = services.engine.answer(check_question(question), now, municipality)
        if gaps.is_gap(result):
            gaps.record(
                services.database,
                gaps.NO_ANSWER,
                question,
                result.intent.value,
                [],
                result.municipality.name,
                now,
            )
        return result, answer_message(result, question)

    @lazy(app.event("app_mention"))
    def on_mention(event: dict[str, Any], client: WebClient, context: BoltContext) -> None:
        _reply(client, event, lambda question: answer(context, question))

    @lazy(app.event("message"))
    def on_direct_message(event: dict[str, Any], client: WebClient, context: BoltContext) -> None:
        if event.get("channel_type") != "im" or event.get("bot_id") or event.get("subtype"):
            return
        _reply(client, event, lambda question: answer(context, question))

    @lazy(app.command("/madoguchi"))
    def on_command(command: dict[str, Any], respond: Respond, context: BoltContext) -> None:
        try:
            _, message = answer(context, command.get("text", ""))
        except QuestionRejected as exc:
            respond(text=str(exc), response_type="ephemeral")
            return
        respond(response_type="ephemeral", **message)

    @lazy(app.action(ids.CLARIFY))
    def on_clarify(action: dict[str, Any], respond: Respond, context: BoltContext) -> None:
        """「どちらのことですか？」 answered by a press: what was asked, about the window
        chosen, from the ids the button carries (never a question made up and re-read)."""
        choice = payloads.choice_of(action)
        intent = _intent(choice.intent) if choice else None
        result = None
        if choice is not None and intent is not None:
            result = services.engine.about(
                choice.resource_id,
                intent,
                services.clock(),
                services.workspace(context).municipality,
                choice.day,
            )
        if result is None:
            respond(text=msg.button_not_ours(), response_type="ephemeral", replace_original=False)
            return
        message = answer_message(result, result.cards[0].resource.name)
        respond(response_type="ephemeral", replace_original=False, **message)

    @lazy(app.action(ids.HOURS_TODAY))
    def on_hours_today(
        action: dict[str, Any], body: dict[str, Any], client: WebClient, context: BoltContext
    ) -> None:
        """今日の開館時間: today's hours of the window whose card carried the button, by id."""
        result = services.engine.about(
            payloads.action_value(action) or "",
            Intent.OPENING_HOURS,
            services.clock(),
            services.workspace(context).municipality,
        )
        if result is not None:
            ephemeral(client, body, render_card(result.cards[0], result))

    @lazy(app.action(ids.FEEDBACK_GOOD))
    def on_helpful(body: dict[str, Any], client: WebClient) -> None:
        ephemeral(client, body, msg.FEEDBACK_THANKS)

    @lazy(app.action(ids.FEEDBACK_BAD))
    def on_wrong(action: dict[str, Any], body: dict[str, Any], client: WebClient) -> None:
        value = payloads.feedback_of(action)
        if value is None:
            ephemeral(client, body, msg.button_not_ours())
            return
        gaps.record(
            services.database,
            gaps.WRONG,
            value.get("q", ""),
            value.get("i", ""),
            value.get("r", []),
            value.get("m", ""),
            services.clock(),
        )
        ephemeral(client, body, msg.FEEDBACK_SORRY)


def _intent(value: str) -> Intent | None:
    try:
        return Intent(value)
    except ValueError:
        return None


def _reply(client: WebClient, event: dict[str, Any], answer: Any) -> None:
    channel = event["channel"]
    thread = event.get("thread_ts") or (event["ts"] if event.get("channel_type") != "im" else None)
    try:
        _, message = answer(event.get("text", ""))
    except QuestionRejected as exc:
        message = {"text": str(exc)}
    client.chat_postMessage(channel=channel, thread_ts=thread, **message)
