"""The queue's data files (``consults/data/*.yaml``): read once, checked on load.

Each file holds words the code reads (the words a consult is stored as, how staff write a
school's name, what looks like a child's name); a wrong file stops the start with every
problem at its file:line (``DataFileInvalid``), never a wrong answer later.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TypeVar

from pydantic import BaseModel

from directory.problems import DataFileInvalid, Problem
from directory.yamlfile import LocatedYaml, read_yaml, validate

DATA = Path(__file__).resolve().parent / "data"

Model = TypeVar("Model", bound=BaseModel)
Check = Callable[[Model, LocatedYaml], list[Problem]]


def load_data_file(path: Path, model: type[Model], check: Check[Model] | None = None) -> Model:
    """``path`` read as ``model``; ``check`` finds what the schema cannot say (a pattern
    that does not compile …). Raises DataFileInvalid with every problem found."""
    problems: list[Problem] = []
    located = read_yaml(path, problems)
    parsed = validate(model, located, located.data, (), problems) if located else None
    if parsed is not None and located is not None and check is not None:
        problems.extend(check(parsed, located))
    if parsed is None or problems:
        raise DataFileInvalid(problems)
    loaded: Model = parsed
    return loaded
