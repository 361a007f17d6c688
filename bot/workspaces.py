"""Which municipality, SSW routing and queue channel serve each Slack workspace.

A single-workspace deployment (a bot token in the environment) serves every
request with one :class:`Workspace`. With OAuth distribution one deployment
serves many workspaces, and the operator maps each Slack team id to its
municipality's routing file in a YAML file (``MADOGUCHI_WORKSPACES``), checked
on load with file:line problems like every other data file. A workspace that
installed the app but is not in the map is refused politely, never guessed.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ConfigDict, StrictStr, ValidationError
from sqlalchemy import Engine

from answers.engine import safety_numbers
from bot.messages import deployment as msg
from bot.settings import Settings
from bot.storage.consult_store import ConsultQueue
from bot.storage.setup import build_queue, connect
from consults.routing import Routing, load_routing, read_routing
from directory.loader import load_directory
from directory.model import Directory
from directory.problems import DataFileInvalid, Problem
from directory.yamlfile import read_yaml, validate

_STRICT = ConfigDict(extra="forbid", strict=True, frozen=True)


class _WorkspaceModel(BaseModel):
    model_config = _STRICT
    team: StrictStr
    routing: StrictStr
    ssw_channel: StrictStr
    ssw_users: list[StrictStr] = []


class _MaintainersModel(BaseModel):
    model_config = _STRICT
    team: StrictStr
    channel: StrictStr


class _WorkspaceMapModel(BaseModel):
    model_config = _STRICT
    maintainers: _MaintainersModel | None = None
    workspaces: list[_WorkspaceModel]


@dataclass(frozen=True)
class WorkspaceEntry:
    """One line of the map: a Slack team and how its consults are routed."""

    team: str
    routing: Routing
    ssw_channel: str


@dataclass(frozen=True)
class Maintainers:
    """Where refused directory edits are reported: a channel in one of the workspaces."""

    team: str
    channel: str


@dataclass(frozen=True)
class WorkspaceMap:
    entries: tuple[WorkspaceEntry, ...]
    maintainers: Maintainers | None


MAP_KEYS = sorted(
    {*_WorkspaceMapModel.model_fields, *_WorkspaceModel.model_fields}
    | set(_MaintainersModel.model_fields)
)


def load_workspace_map(path: Path, is_known: Callable[[str], bool]) -> WorkspaceMap:
    """Read and check the map; DataFileInvalid (file:line problems) when it is wrong.

    Routing files are named relative to the map's folder."""
    found, problems = read_workspace_map(path, is_known)
    if found is None or problems:
        raise DataFileInvalid(problems)
    return found


def _well_formed(data: Any) -> _WorkspaceMapModel:
    """The entries of a map that validate, so one misspelt key does not hide the rest's
    problems (the schema errors themselves are already reported)."""
    data = data if isinstance(data, dict) else {}
    rows = data.get("workspaces") if isinstance(data.get("workspaces"), list) else []
    workspaces: list[Any] = []
    for row in rows or []:
        try:
            workspaces.append(_WorkspaceModel.model_validate(row))
        except ValidationError:
            workspaces.append(None)
    return _WorkspaceMapModel.model_construct(maintainers=None, workspaces=workspaces)


def read_workspace_map(
    path: Path, is_known: Callable[[str], bool]
) -> tuple[WorkspaceMap | None, list[Problem]]:
    """The map and every problem in it and in the routing files it names, in one run."""
    problems: list[Problem] = []
    located = read_yaml(path, problems)
    if located is None:
        return None, problems
    model = validate(_WorkspaceMapModel, located, located.data, (), problems, MAP_KEYS)
    whole = model is not None
    if model is None:
        model = _well_formed(located.data)
    entries: list[WorkspaceEntry] = []
    seen: set[str] = set()
    for i, workspace in enumerate(model.workspaces):
        if workspace is None:
            continue
        line = located.line_of(("workspaces", i, "team"))
        if workspace.team in seen:
            problems.append(
                Problem(
                    located.file,
                    line,
                    *msg.workspace_twice(workspace.team),
                )
            )
        seen.add(workspace.team)
        routing_file = path.parent / workspace.routing
        if not routing_file.is_file():
            problems.append(
                Problem(
                    located.file,
                    located.line_of(("workspaces", i, "routing")),
                    *msg.routing_file_missing(str(routing_file)),
                )
            )
            continue
        routing, routing_problems = read_routing(routing_file)
        problems.extend(p for p in routing_problems if p not in problems)
        if routing is None:
            continue
        if not is_known(routing.municipality):
            problems.append(
                Problem(
                    located.file,
                    located.line_of(("workspaces", i, "routing")),
                    *msg.routing_municipality_unknown(workspace.routing, routing.municipality),
                )
            )
        if workspace.ssw_users:
            routing = routing.with_ssws(workspace.ssw_users)
        entries.append(WorkspaceEntry(workspace.team, routing, workspace.ssw_channel))
    if model.maintainers and model.maintainers.team not in seen:
        problems.append(
            Problem(
                located.file,
                located.line_of(("maintainers", "team")),
                *msg.maintainers_workspace_unknown(model.maintainers.team),
            )
        )
    if problems or not whole:
        return None, problems
    maintainers = (
        Maintainers(model.maintainers.team, model.maintainers.channel)
        if model.maintainers
        else None
    )
    return WorkspaceMap(tuple(entries), maintainers), []


@dataclass(frozen=True)
class Workspace:
    """What a request from one Slack workspace is served with."""

    team: str
    municipality: str
    queue: ConsultQueue
    ssw_channel: str | None


class UnknownWorkspace(Exception):
    """A workspace installed the app but the operator has not mapped it to a municipality."""

    def __init__(self, team: str | None) -> None:
        super().__init__(f"workspace {team!r} is not in the workspace map")
        self.team = team


class Workspaces:
    """Look up the workspace of a request; one shared default in a single-workspace deployment."""

    def __init__(
        self,
        workspaces: list[Workspace],
        default: Workspace | None = None,
        maintainers: Maintainers | None = None,
    ) -> None:
        self.by_team = {w.team: w for w in workspaces}
        self.default = default
        self.maintainers = maintainers

    @classmethod
    def single(cls, workspace: Workspace, maintainer_channel: str | None = None) -> Workspaces:
        maintainers = (
            Maintainers(workspace.team, maintainer_channel) if maintainer_channel else None
        )
        return cls([workspace], default=workspace, maintainers=maintainers)

    @classmethod
    def from_map(
        cls, workspace_map: WorkspaceMap, build_queue: Callable[[WorkspaceEntry], ConsultQueue]
    ) -> Workspaces:
        return cls(
            [
                Workspace(e.team, e.routing.municipality, build_queue(e), e.ssw_channel or None)
                for e in workspace_map.entries
            ],
            maintainers=workspace_map.maintainers,
        )

    def of(self, team: str | None) -> Workspace:
        if self.default is not None:
            return self.default
        found = self.by_team.get(team or "")
        if found is None:
            raise UnknownWorkspace(team)
        return found

    def knows(self, team: str | None) -> bool:
        return self.default is not None or (team or "") in self.by_team

    def municipality_of(self, team: str | None) -> str | None:
        """The municipality a team is mapped to; None for a team not in the map."""
        return self.of(team).municipality if self.knows(team) else None

    def all(self) -> list[Workspace]:
        return list(self.by_team.values())


def open_queue(settings: Settings, directory_path: Path | None = None) -> ConsultQueue:
    """The queue of this deployment, ready to use; in a many-workspace deployment, the queue of
    MADOGUCHI_WORKSPACE (the CLI's way to work on one municipality's consults)."""
    directory = load_directory(directory_path or settings.directory)
    if not settings.workspace:
        settings = replace(settings, workspace_map=None)
    workspaces = open_workspaces(settings, connect(settings), directory, None, None)
    team = settings.workspace
    if not workspaces.knows(team):
        raise DataFileInvalid(
            [
                Problem(
                    str(settings.workspace_map),
                    1,
                    *msg.chosen_workspace_unknown(team),
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
