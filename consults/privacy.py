"""Keep children's identities out of the queue: warn on names and phone numbers.

This is a warning, not a filter: the requester sees it and rewrites. It can't
catch every name, so the summary is also never sent to a shared channel or a
log line, whatever it holds. What looks like a name or a number is data
(``consults/data/identity_patterns.yaml``), checked when it is loaded.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from pydantic import BaseModel, ConfigDict, Field, StrictStr

from consults import messages as msg
from consults.datafiles import DATA
from directory.problems import Problem
from directory.yamlfile import LocatedYaml, load_data_file

IDENTITY_PATTERNS_FILE = DATA / "identity_patterns.yaml"


class _PatternsModel(BaseModel):
    model_config = ConfigDict(extra="forbid", strict=True, frozen=True)
    phone: StrictStr
    name_with_honorific: StrictStr
    full_name: StrictStr
    not_names: list[StrictStr] = Field(min_length=1)


@dataclass(frozen=True)
class IdentityPatterns:
    phone: re.Pattern[str]
    name_with_honorific: re.Pattern[str]  # group 1: the honorific
    full_name: re.Pattern[str]
    not_names: tuple[str, ...]

    def is_not_a_name(self, word: str) -> bool:
        """True for お母さん, 先生, SSWさん …: a word with an honorific that names no one."""
        lowered = word.lower()
        return any(lowered.endswith(n) or n.endswith(lowered) for n in self.not_names)


_PATTERN_FIELDS = ("phone", "name_with_honorific", "full_name")


def _problems(model: _PatternsModel, located: LocatedYaml) -> list[Problem]:
    """What the schema cannot see: a pattern that does not compile, a name pattern without its
    honorific group, a not-name in capitals (the text is lowered, so it would never match)."""
    problems = []
    for field in _PATTERN_FIELDS:
        try:
            compiled = re.compile(getattr(model, field))
        except re.error as exc:
            problems.append(
                Problem(located.file, located.line_of((field,)), *msg.pattern_unreadable(str(exc)))
            )
            continue
        if field == "name_with_honorific" and compiled.groups < 1:
            problems.append(
                Problem(
                    located.file, located.line_of((field,)), *msg.pattern_without_honorific_group()
                )
            )
    for i, word in enumerate(model.not_names):
        if word != word.lower():
            problems.append(
                Problem(
                    located.file,
                    located.line_of(("not_names", i)),
                    *msg.not_name_in_upper_case(word),
                )
            )
    return problems


def load_identity_patterns(path: Path = IDENTITY_PATTERNS_FILE) -> IdentityPatterns:
    """Read and check the patterns; DataFileInvalid (file:line problems) when they are wrong."""
    model = load_data_file(path, _PatternsModel, _problems)
    return IdentityPatterns(
        re.compile(model.phone),
        re.compile(model.name_with_honorific),
        re.compile(model.full_name),
        tuple(model.not_names),
    )


PATTERNS = load_identity_patterns()


def identity_warnings(summary: str) -> list[str]:
    """Japanese warnings for text that looks like it holds a name or a phone number."""
    warnings = []
    if PATTERNS.phone.search(summary):
        warnings.append(msg.phone_number_warning())
    for match in PATTERNS.name_with_honorific.finditer(summary.lower()):
        if not PATTERNS.is_not_a_name(match.group(0)):
            warnings.append(msg.name_warning(match.group(0)))
            break
    if PATTERNS.full_name.search(summary):
        warnings.append(msg.full_name_warning())
    return warnings


def redact(text: str) -> str:
    """The text with phone numbers and name-like words replaced, for keeping questions."""
    text = PATTERNS.phone.sub(msg.REDACTED_PHONE, text)

    def hide(match: re.Match[str]) -> str:
        word = match.group(0)
        return word if PATTERNS.is_not_a_name(word) else msg.REDACTED_NAME + match.group(1)

    text = PATTERNS.name_with_honorific.sub(hide, text)
    return PATTERNS.full_name.sub(msg.REDACTED_NAME, text)
