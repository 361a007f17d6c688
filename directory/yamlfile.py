"""YAML files read with the line of every value, so problems can name file:line.

PyYAML's ``safe_load`` returns plain dicts without positions; composing the node
tree (with the C loader when present) and building the values ourselves keeps
the marks.
"""

from __future__ import annotations

import difflib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml
from pydantic import BaseModel, ValidationError

from directory.problems import Problem
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
        problems.append(
            Problem(
                str(file),
                line,
                f"YAMLとして読めません: {exc.problem}",
                "インデントと引用符、コロンの後の空白を確認します",
            )
        )
        return None
    located = LocatedYaml(str(file), None)
    if node is None:
        problems.append(
            Problem(str(file), 1, "ファイルが空です", "municipality と resources を書きます")
        )
        return None
    constructor = yaml.SafeLoader("")
    try:
        located.data = _to_python(node, (), located, constructor, problems)
    except yaml.MarkedYAMLError as exc:  # a tag the safe loader does not build (!!python/name…)
        mark = exc.problem_mark or exc.context_mark
        problems.append(
            Problem(
                str(file),
                mark.line + 1 if mark else 1,
                "使えないタグがあります（!! で始まる型の指定）",
                "タグを消して、文字列・数・リストなどの普通の値で書きます",
            )
        )
        return None
    return located


def _read_text(file: Path, problems: list[Problem]) -> str | None:
    """A regular file's text, at most ``MAX_FILE_BYTES``: a FIFO or a device named *.yaml is
    refused before it is opened (reading one would wait forever, or never end)."""
    try:
        if not file.is_file():
            problems.append(
                Problem(
                    str(file),
                    1,
                    "ふつうのファイルではありません（名前付きパイプやデバイスなど）",
                    "YAML はふつうのテキストファイルとして置きます",
                )
            )
            return None
        size = file.stat().st_size
        if size > MAX_FILE_BYTES:
            problems.append(
                Problem(
                    str(file),
                    1,
                    f"ファイルが大きすぎます（{size:,} バイト、{MAX_FILE_BYTES:,} バイトまで）",
                    "市区町村ごと・種類ごとにファイルを分けます",
                )
            )
            return None
        with file.open("rb") as reader:
            return reader.read(MAX_FILE_BYTES).decode("utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        problems.append(
            Problem(str(file), 1, f"読み込めません: {exc}", "UTF-8 のテキストで保存します")
        )
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
                    Problem(
                        located.file,
                        key_node.start_mark.line + 1,
                        "項目名にリストや「項目: 値」の組は使えません",
                        "項目名は文字列で書きます",
                    )
                )
                continue
            if key in result:
                problems.append(
                    Problem(
                        located.file,
                        key_node.start_mark.line + 1,
                        f"項目 '{key}' が2回書かれています",
                        "どちらか一方を消します",
                    )
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


def _explain(error: Any, known_fields: list[str]) -> tuple[str, str]:
    where = ".".join(str(p) for p in error["loc"])
    kind = error["type"]
    value = error.get("input")
    if kind == "extra_forbidden":
        name = str(error["loc"][-1])
        close = difflib.get_close_matches(name, known_fields, n=1)
        hint = (
            f"'{close[0]}' のことでしょうか"
            if close
            else "使える項目は README の「ディレクトリの書き方」を見てください"
        )
        return f"知らない項目 '{name}'", hint
    if kind == "missing":
        return f"必須の項目 '{where}' がありません", f"'{error['loc'][-1]}:' を書き足します"
    if kind in ("string_type", "str_type") and isinstance(value, (int, float, bool)):
        return (
            f"'{where}' が文字列ではなく {value!r} として読まれました",
            '時刻・電話番号・先頭が0の値は "9:00" のように引用符で囲みます',
        )
    if kind in _KINDS:
        said, hint = _KINDS[kind]
        expected = (error.get("ctx") or {}).get("expected")
        if kind in ("enum", "literal_error") and expected:
            hint = f"次のどれかにします: {expected}"  # the allowed values, as pydantic lists them
        return f"'{where}' {said}（いまは {value!r}）", hint
    return f"'{where}' の書き方が読めません", "書き方を README で確かめます"


# pydantic's error kinds in Japanese (its own messages are English)
_KINDS = {
    "list_type": ("はリストで書きます", "各行を '- ' で始めるか [a, b] の形で書きます"),
    "dict_type": ("は「項目: 値」の形で書きます", "インデントを確かめます"),
    "model_type": ("は「項目: 値」の形で書きます", "インデントを確かめます"),
    "model_attributes_type": ("は「項目: 値」の形で書きます", "インデントを確かめます"),
    "string_type": ("は文字列で書きます", "値を1つの文字列にします"),
    "str_type": ("は文字列で書きます", "値を1つの文字列にします"),
    "bool_type": ("は true か false で書きます", "true / false のどちらかにします"),
    "int_type": ("は整数で書きます", "数字だけを書きます"),
    "date_type": ("は日付で書きます", '"2026-11-24" の形で書きます'),
    "date_from_datetime_parsing": ("は日付として読めません", '"2026-11-24" の形で書きます'),
    "literal_error": ("に使えない値です", "README の一覧にある値にします"),
    "enum": ("に使えない値です", "README の一覧にある値にします"),
    "string_too_short": ("が空です", "値を書きます"),
    "too_short": ("が空です", "1つ以上書きます"),
}
