"""YAML files read with the line of every value, so problems can name file:line.

PyYAML's ``safe_load`` returns plain dicts without positions; composing the node
tree (with the C loader when present) and building the values ourselves keeps
the marks.
"""

from __future__ import annotations

import difflib
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TypeVar

import yaml
from pydantic import BaseModel, ValidationError

from directory import messages as msg
from directory.problems import DataFileInvalid, Problem
from directory.yaml_limits import over_limit

MAX_FILE_BYTES = 1_000_000
"""The largest bundled file is under 60 KB."""

Path_ = tuple[str | int, ...]


@dataclass
class LocatedYaml:
    """A YAML document as plain data, with the line of every value and key."""

    file: str
    data: Any
    value_lines: dict[Path_, int] = field(default_factory=dict)
    key_lines: dict[Path_, int] = field(default_factory=dict)

    def line_of(self, path: Path_) -> int:
        for end in range(len(path), -1, -1):
            prefix = path[:end]
            if prefix in self.key_lines:
                return self.key_lines[prefix]
            if prefix in self.value_lines:
                return self.value_lines[prefix]
        return 1


def read_yaml(file: Path, problems: list[Problem]) -> LocatedYaml | None:
    text = _read_text(file, problems)
    if text is None:
        return None
    loader_class = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    try:
        refused = over_limit(text)  # before composing: a too-deep text would crash the composer
        if refused is not None:
            problems.append(Problem(str(file), refused.line, refused.message, refused.hint))
            return None
        node = yaml.compose(text, Loader=loader_class)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 if mark else 1
        problems.append(Problem(str(file), line, *msg.not_yaml(exc.problem)))
        return None
    located = LocatedYaml(str(file), None)
    if node is None:
        problems.append(Problem(str(file), 1, *msg.empty_file()))
        return None
    constructor = yaml.SafeLoader("")
    try:
        located.data = _to_python(node, (), located, constructor, problems)
    except yaml.MarkedYAMLError as exc:  # a tag the safe loader does not build (!!python/name…)
        mark = exc.problem_mark or exc.context_mark
        problems.append(Problem(str(file), mark.line + 1 if mark else 1, *msg.unsafe_tag()))
        return None
    return located


def _read_text(file: Path, problems: list[Problem]) -> str | None:
    """A regular file's text, at most ``MAX_FILE_BYTES``: a FIFO or a device named *.yaml is
    refused before it is opened (reading one would wait forever, or never end)."""
    try:
        if not file.is_file():
            problems.append(Problem(str(file), 1, *msg.not_a_regular_file()))
            return None
        size = file.stat().st_size
        if size > MAX_FILE_BYTES:
            problems.append(Problem(str(file), 1, *msg.file_too_large(size, MAX_FILE_BYTES)))
            return None
        with file.open("rb") as reader:
            return reader.read(MAX_FILE_BYTES).decode("utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        problems.append(Problem(str(file), 1, *msg.unreadable(exc)))
        return None


def _to_python(
    node: yaml.Node,
    path: Path_,
    located: LocatedYaml,
    constructor: yaml.SafeLoader,
    problems: list[Problem],
) -> Any:
    located.value_lines[path] = node.start_mark.line + 1
    if isinstance(node, yaml.MappingNode):
        result: dict[Any, Any] = {}
        for key_node, value_node in node.value:
            key = constructor.construct_object(key_node)
            if isinstance(key, list | dict | set):  # unhashable: cannot be a key
                problems.append(
                    Problem(located.file, key_node.start_mark.line + 1, *msg.unhashable_key())
                )
                continue
            if key in result:
                problems.append(
                    Problem(located.file, key_node.start_mark.line + 1, *msg.duplicate_key(key))
                )
            located.key_lines[(*path, key)] = key_node.start_mark.line + 1
            result[key] = _to_python(value_node, (*path, key), located, constructor, problems)
        return result
    if isinstance(node, yaml.SequenceNode):
        return [
            _to_python(item, (*path, i), located, constructor, problems)
            for i, item in enumerate(node.value)
        ]
    return constructor.construct_object(node)


def validate(
    model: type[BaseModel],
    located: LocatedYaml,
    data: Any,
    base: Path_,
    problems: list[Problem],
    known_fields: list[str] | None = None,
) -> Any:
    """Validate ``data`` with ``model``; each error becomes a Problem at its line."""
    known_fields = known_fields or sorted(model.model_fields)
    try:
        return model.model_validate(data)
    except ValidationError as exc:
        for error in exc.errors():
            loc: Path_ = (*base, *error["loc"])
            problems.append(
                Problem(located.file, located.line_of(loc), *_explain(error, known_fields))
            )
        return None


def _explain(error: Any, known_fields: list[str]) -> msg.ProblemText:
    where = ".".join(str(p) for p in error["loc"])
    kind = error["type"]
    value = error.get("input")
    if kind == "extra_forbidden":
        name = str(error["loc"][-1])
        close = difflib.get_close_matches(name, known_fields, n=1)
        return msg.unknown_field(name, close[0] if close else None)
    if kind == "missing":
        return msg.missing_field(where, str(error["loc"][-1]))
    if kind in ("string_type", "str_type") and isinstance(value, (int, float, bool)):
        return msg.number_where_text_is_meant(where, value)
    # the allowed values, as pydantic lists them
    allowed = (
        (error.get("ctx") or {}).get("expected") if kind in ("enum", "literal_error") else None
    )
    return msg.wrong_value(where, kind, value, allowed)


Model = TypeVar("Model", bound=BaseModel)
Check = Callable[[Model, LocatedYaml], list[Problem]]


def load_data_file(
    path: Path,
    model: type[Model],
    check: Check[Model] | None = None,
    known_fields: list[str] | None = None,
) -> Model:
    """A YAML data file read as ``model``: ``check`` finds what the schema cannot say (a
    pattern that does not compile, a mark in two places), ``known_fields`` are the keys a
    misspelt one is compared with. Raises DataFileInvalid with every problem found."""
    problems: list[Problem] = []
    located = read_yaml(path, problems)
    parsed = validate(model, located, located.data, (), problems, known_fields) if located else None
    if parsed is not None and located is not None and check is not None:
        problems.extend(check(parsed, located))
    if parsed is None or problems:
        raise DataFileInvalid(problems)
    loaded: Model = parsed
    return loaded
