"""Open the consult queue from settings: the one place that connects and migrates."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from sqlalchemy import Engine
from sqlalchemy.exc import InterfaceError, OperationalError

from bot.answer import safety_numbers
from bot.queue.business_time import BusinessCalendar
from bot.queue.db import default_database_url, make_engine, migrate
from bot.queue.errors import StorageUnavailable
from bot.queue.routing import Routing, load_routing
from bot.queue.service import ConsultQueue
from bot.settings import Settings
from bot.workspaces import Workspace, Workspaces, load_workspace_map
from directory.calendar import JapaneseHolidays
from directory.loader import load_directory
from directory.model import Directory, Vocabulary
from directory.problems import DirectoryInvalid, Problem


def business_calendar(vocabulary: Vocabulary, routing: Routing) -> BusinessCalendar:
    return BusinessCalendar(
        JapaneseHolidays(), tuple(vocabulary.closures.values()), routing.business_hours
    )


def build_queue(
    engine: Engine,
    routing: Routing,
    vocabulary: Vocabulary,
    workspace: str = "",
    safety: tuple[str, str] | None = None,
) -> ConsultQueue:
    """``safety``: the directory's lines for immediate danger and abuse (110, 189)."""
    return ConsultQueue(
        engine,
        routing,
        business_calendar(vocabulary, routing),
        vocabulary.categories,
        workspace,
        safety,
    )


def connect(settings: Settings) -> Engine:
    """Connect (SQLite file by default) and apply migrations."""
    engine = make_engine(settings.database_url or default_database_url())
    try:
        migrate(engine)
    except (OperationalError, InterfaceError) as exc:
        raise StorageUnavailable("connect") from exc
    return engine


def open_queue(settings: Settings, directory_path: Path | None = None) -> ConsultQueue:
    """The queue of this deployment, ready to use; in a many-workspace deployment, the queue of
    MADOGUCHI_WORKSPACE (the CLI's way to work on one municipality's consults)."""
    directory = load_directory(directory_path or settings.directory)
    if not settings.workspace:
        settings = replace(settings, workspace_map=None)
    workspaces = open_workspaces(settings, connect(settings), directory, None, None)
    team = settings.workspace
    if not workspaces.knows(team):
        raise DirectoryInvalid(
            [
                Problem(
                    str(settings.workspace_map),
                    1,
                    f"MADOGUCHI_WORKSPACE のワークスペース {team} がありません",
                    "workspaces に足すか MADOGUCHI_WORKSPACE を直します",
                )
            ]
        )
    return workspaces.of(team).queue


def open_workspaces(
    settings: Settings,
    engine: Engine,
    directory: Directory,
    ssw_channel: str | None,
    maintainer_channel: str | None,
) -> Workspaces:
    """Every workspace this deployment serves, each with its own queue on the one database."""
    if settings.workspace_map is None:
        safety = _safety(directory, settings.municipality)
        queue = build_queue(engine, _routing(settings), directory.vocabulary, "", safety)
        workspace = Workspace("", settings.municipality, queue, ssw_channel)
        return Workspaces.single(workspace, maintainer_channel)
    workspace_map = load_workspace_map(
        settings.workspace_map, lambda name: directory.find_municipality(name) is not None
    )
    return Workspaces.from_map(
        workspace_map,
        lambda entry: build_queue(
            engine,
            entry.routing,
            directory.vocabulary,
            entry.team,
            _safety(directory, entry.routing.municipality),
        ),
    )


def _safety(directory: Directory, municipality: str) -> tuple[str, str] | None:
    city = directory.find_municipality(municipality)
    return safety_numbers(directory, city.id if city else "")


def _routing(settings: Settings) -> Routing:
    routing = load_routing(settings.routing)
    return routing.with_ssws(settings.ssw_users) if settings.ssw_users else routing
