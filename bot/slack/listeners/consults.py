"""The consult form (/ssw, the message shortcut, buttons) and the SSW queue channel's buttons.

Every rule is the queue's; a refusal reaches only the person who pressed (ephemeral).
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from slack_bolt import Ack, App, BoltContext
from slack_sdk import WebClient

from bot.messages import slack as msg
from bot.slack import ids
from bot.slack.blocks.forms import close_modal, consult_modal, details_modal
from bot.slack.listeners import payloads
from bot.slack.listeners.lazy import lazy
from bot.slack.listeners.replies import ephemeral
from bot.storage.consult_store import ConsultQueue
from consults.errors import QueueError, StorageUnavailable
from consults.lifecycle import Action, NotAllowed

if TYPE_CHECKING:
    from bot.slack.services import Services

log = logging.getLogger(__name__)
FORM_TO_BLOCK = {
    "school": ids.SCHOOL,
    "grade": ids.GRADE,
    "categories": ids.CATEGORIES,
    "summary": ids.SUMMARY,
}


def register(app: App, services: Services) -> None:
    def open_form(
        client: WebClient,
        context: BoltContext,
        trigger_id: str,
        summary: str = "",
        urgent: bool = False,
        chosen: tuple[str, ...] = (),
    ) -> None:
        queue = services.workspace(context).queue
        schools = tuple(school.name for school in queue.routing.schools)
        client.views_open(
            trigger_id=trigger_id,
            view=consult_modal(
                queue.categories,
                summary,
                urgent,
                schools=schools,
                chosen=chosen,
                safety=queue.safety,
            ),
        )

    @lazy(app.command("/ssw"))
    def on_ssw_command(command: dict[str, Any], client: WebClient, context: BoltContext) -> None:
        open_form(client, context, command["trigger_id"], command.get("text", ""))

    @lazy(app.shortcut(ids.CONSULT_SHORTCUT))
    def on_message_shortcut(
        shortcut: dict[str, Any], client: WebClient, context: BoltContext
    ) -> None:
        draft = shortcut.get("message", {}).get("text", "")
        open_form(client, context, shortcut["trigger_id"], draft)

    @lazy(app.action(ids.OPEN_CONSULT))
    def on_consult_button(body: dict[str, Any], client: WebClient, context: BoltContext) -> None:
        open_form(client, context, body["trigger_id"])

    @lazy(app.action(ids.OPEN_URGENT_CONSULT))
    def on_urgent_button(
        body: dict[str, Any], action: dict[str, Any], client: WebClient, context: BoltContext
    ) -> None:
        # the emergency's categories ride on the button (至急:児童虐待); the form offers only
        # the queue's own categories, so a forged one is simply not chosen
        chosen = tuple((payloads.action_value(action) or "").split(":")[1:])
        open_form(client, context, body["trigger_id"], urgent=True, chosen=chosen)

    @app.view(ids.CONSULT_MODAL)
    def on_consult_submitted(
        ack: Ack,
        body: dict[str, Any],
        view: dict[str, Any],
        client: WebClient,
        context: BoltContext,
    ) -> None:
        queue = services.workspace(context).queue
        draft = payloads.read_consult_form(body, view)
        if isinstance(draft, payloads.Refused):
            ack(response_action="errors", errors=draft.errors)
            return
        errors = queue.validate(draft)
        if errors:
            ack(
                response_action="errors",
                errors={FORM_TO_BLOCK.get(k, k): v for k, v in errors.items()},
            )
            return
        try:
            queue.submit(draft, services.clock())
        except StorageUnavailable as exc:
            ack(response_action="errors", errors={ids.SUMMARY: str(exc)[:150]})
            return
        ack()
        services.deliver_soon()

    @lazy(app.action(ids.QUEUE_CLAIM))
    def on_claim(
        body: dict[str, Any], action: dict[str, Any], client: WebClient, context: BoltContext
    ) -> None:
        _move_by_button(services, client, body, action, context, ConsultQueue.claim)

    @lazy(app.action(ids.QUEUE_START))
    def on_start(
        body: dict[str, Any], action: dict[str, Any], client: WebClient, context: BoltContext
    ) -> None:
        _move_by_button(services, client, body, action, context, ConsultQueue.start)

    @lazy(app.action(ids.QUEUE_TAKE_OVER))
    def on_take_over(
        body: dict[str, Any], action: dict[str, Any], client: WebClient, context: BoltContext
    ) -> None:
        _move_by_button(services, client, body, action, context, ConsultQueue.take_over)

    @lazy(app.action(ids.QUEUE_CLOSE))
    def on_close_button(
        body: dict[str, Any], action: dict[str, Any], client: WebClient, context: BoltContext
    ) -> None:
        queue = services.workspace(context).queue
        number = payloads.consult_number_of(action)
        if number is None:
            ephemeral(client, body, msg.button_not_ours())
            return
        try:
            queue.permits(number, body["user"]["id"], Action.CLOSE)
        except (NotAllowed, QueueError) as exc:
            ephemeral(client, body, str(exc))
            return
        client.views_open(trigger_id=body["trigger_id"], view=close_modal(number))

    @app.view(ids.CLOSE_MODAL)
    def on_close_submitted(
        ack: Ack,
        body: dict[str, Any],
        view: dict[str, Any],
        client: WebClient,
        context: BoltContext,
    ) -> None:
        queue = services.workspace(context).queue
        form = payloads.read_close_form(body, view)
        if isinstance(form, payloads.Refused):
            ack(response_action="errors", errors=form.errors)
            return
        try:
            queue.close(form.number, body["user"]["id"], form.outcome, form.note, services.clock())
        except (NotAllowed, QueueError) as exc:
            ack(response_action="errors", errors={ids.OUTCOME: str(exc)[:150]})
            return
        ack()
        services.deliver_soon()

    @lazy(app.action(ids.QUEUE_DETAILS))
    def on_details(
        body: dict[str, Any], action: dict[str, Any], client: WebClient, context: BoltContext
    ) -> None:
        queue = services.workspace(context).queue
        number = payloads.consult_number_of(action)
        if number is None:
            ephemeral(client, body, msg.button_not_ours())
            return
        try:
            consult = queue.details(number, body["user"]["id"], services.clock())
        except (NotAllowed, QueueError) as exc:
            ephemeral(client, body, str(exc))
            return
        client.views_open(trigger_id=body["trigger_id"], view=details_modal(consult))


def _move_by_button(
    services: Services,
    client: WebClient,
    body: dict[str, Any],
    action: dict[str, Any],
    context: BoltContext,
    move: Callable[[ConsultQueue, str, str, Any], Any],
) -> None:
    """A queue button: the consult number it carries, moved by ``move`` as the person who
    pressed it (claim, start, take over), or one sentence when the button is not ours."""
    queue = services.workspace(context).queue
    number = payloads.consult_number_of(action)
    if number is None:
        ephemeral(client, body, msg.button_not_ours())
        return
    _act(services, client, body, lambda user, now: move(queue, number, user, now))


def _act(services: Services, client: WebClient, body: dict[str, Any], change: Any) -> None:
    try:
        change(body["user"]["id"], services.clock())
    except (NotAllowed, QueueError) as exc:
        ephemeral(client, body, str(exc))
        return
    services.deliver_soon()
