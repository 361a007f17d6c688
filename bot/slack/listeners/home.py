"""App Home: an SSW's open and waiting consults, a teacher's filed ones, and how to use the bot."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from slack_bolt import App, BoltContext
from slack_sdk import WebClient

from bot.messages import slack as msg
from bot.slack.blocks.home import home_view
from bot.slack.listeners.lazy import lazy
from consults.lifecycle import Action, allows
from intents.danger import Danger

if TYPE_CHECKING:
    from bot.slack.services import Services
    from bot.workspaces import Workspace


def register(app: App, services: Services) -> None:
    @lazy(app.event("app_home_opened"))
    def on_home_opened(event: dict[str, Any], client: WebClient, context: BoltContext) -> None:
        if event.get("tab", "home") != "home":
            return
        view = build_home(services, services.workspace(context), event["user"])
        client.views_publish(user_id=event["user"], view=view)


def build_home(services: Services, workspace: Workspace, user: str) -> dict[str, Any]:
    queue = workspace.queue
    is_ssw = queue.routing.is_ssw(user)
    mine: list[Any] = []
    unclaimed: list[Any] = []
    if is_ssw:
        mine = queue.list_open(mine=user)
        districts = [d for d, ssw in queue.routing.ssw_of_district.items() if ssw == user]
        waiting = [c for c in queue.list_open() if allows(c.status, Action.CLAIM)]
        unclaimed = [
            c for c in waiting if not districts or c.district in districts or c.district is None
        ]
    directory = services.engine.directory
    city = services.engine.municipality(workspace.municipality).id
    window = directory.general_window(city)
    numbers: dict[str, str] = {
        level: number
        for level in Danger
        if (number := directory.emergency_number(city, level)) is not None
    }
    return home_view(
        is_ssw=is_ssw,
        mine=mine,
        unclaimed=unclaimed,
        filed=queue.filed_by(user),
        general_window=window.name if window else msg.GENERAL_WINDOW_UNREGISTERED,
        names=queue.routing.names,
        emergency_numbers=numbers,
    )
