"""`madoguchi check` for the queue's files: routing.yaml and the workspace map.

Each file is read to the end and every problem is reported, schema and meaning
together, with file:line and a fix (see :func:`consults.routing.read_routing`).
A file given on the command line is recognised by its top-level keys.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import yaml

from bot.workspaces import read_workspace_map
from consults.routing import BUNDLED_ROUTING, check_routing
from directory.problems import Problem

ROUTING, WORKSPACE_MAP, DIRECTORY = "routing", "workspaces", "directory"


@dataclass(frozen=True)
class FileChecked:
    kind: str
    path: Path
    problems: tuple[Problem, ...]


def kind_of(path: Path) -> str:
    """routing, workspaces or directory, from the file's top-level keys (a folder is a
    directory). An unreadable file is left to the directory check, which says why."""
    if path.is_dir():
        return DIRECTORY
    try:
        head = yaml.safe_load(path.read_text("utf-8")[:20_000]) if path.is_file() else None
    except (yaml.YAMLError, OSError, UnicodeDecodeError):
        return DIRECTORY
    if isinstance(head, dict) and ({"ssws", "districts", "business_hours"} & set(head)):
        return ROUTING
    if isinstance(head, dict) and "workspaces" in head:
        return WORKSPACE_MAP
    return DIRECTORY


def check_queue_files(
    routing: Path | None, workspace_map: Path | None, is_known: Callable[[str], bool]
) -> list[FileChecked]:
    """The routing file (the bundled sample when none is named) and the map, when there is one."""
    checked = [FileChecked(ROUTING, routing or BUNDLED_ROUTING, tuple(check_routing(routing)))]
    if workspace_map is not None:
        problems = read_workspace_map(workspace_map, is_known)[1]
        checked.append(FileChecked(WORKSPACE_MAP, workspace_map, tuple(problems)))
    return checked
