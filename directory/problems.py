"""Problems found in YAML data files, worded for the people who maintain them."""

from __future__ import annotations

from dataclasses import dataclass

from directory import messages as msg


@dataclass(frozen=True, order=True)
class Problem:
    """One thing wrong in a file: where, what, and how to fix it."""

    file: str
    line: int
    message: str
    hint: str = ""

    def __str__(self) -> str:
        return msg.problem_line(self.file, self.line, self.message, self.hint)


class DataFileInvalid(Exception):
    """A YAML data file the app reads cannot be used (the directory, or any other data
    file read through :mod:`directory.yamlfile`); ``problems`` lists every reason found,
    each with its file:line and how to fix it, for the edge to print or post."""

    def __init__(self, problems: list[Problem]) -> None:
        self.problems = sorted(problems)
        # a traceback (a data file read at import) shows where and how to fix, not a count
        super().__init__("\n".join(str(problem) for problem in self.problems))
