"""argparse in Japanese: every usage error is one Japanese sentence and the command that works.

argparse writes its errors in English (``the following arguments are required:
--outcome``); :class:`JapaneseArgumentParser` turns each kind into Japanese, names
the fix with an example of the subcommand, and writes help headings in Japanese.
"""

from __future__ import annotations

import argparse
import re
import sys
from typing import Any, NoReturn

from bot.messages import cli as msg

_PATTERNS: tuple[tuple[re.Pattern[str], str], ...] = (
    (re.compile(r"the following arguments are required: (.+)"), "required"),
    (re.compile(r"argument (\S+): invalid choice: '?(.*?)'? \(choose from (.+)\)"), "choice"),
    (re.compile(r"argument (\S+): invalid (\w+) value: '?(.*?)'?$"), "value"),
    (re.compile(r"argument (\S+): expected one argument"), "one"),
    (re.compile(r"argument (\S+): not allowed with argument (\S+)"), "together"),
    (re.compile(r"unrecognized arguments: (.+)"), "unknown"),
)


def in_japanese(message: str) -> str:
    """argparse's English error as one Japanese sentence."""
    for pattern, kind in _PATTERNS:
        found = pattern.search(message)
        if found:
            return msg.usage_error(kind, found.groups())
    return msg.usage_error("other", (message,))


class JapaneseArgumentParser(argparse.ArgumentParser):
    _argv: list[str] | None = None

    def parse_args(self, args: Any = None, namespace: Any = None) -> Any:
        self._argv = list(sys.argv[1:] if args is None else args)
        return super().parse_args(args, namespace)

    def error(self, message: str) -> NoReturn:
        parser = self._command_named(self._argv or []) if self._argv is not None else self
        example = msg.USAGE_EXAMPLES.get(parser.prog)
        lines = [in_japanese(message), parser.format_usage().rstrip()]
        lines.append(msg.usage_example(example) if example else msg.usage_help(parser.prog))
        print("\n".join(lines), file=sys.stderr)
        sys.exit(2)

    def _command_named(self, argv: list[str]) -> argparse.ArgumentParser:
        """The (sub)command the words name, so an unknown option at the end is explained
        with that command's usage (argparse reports it from the top)."""
        parser: argparse.ArgumentParser = self
        for word in argv:
            commands = [a for a in parser._actions if isinstance(a, argparse._SubParsersAction)]
            if commands and word in commands[0].choices:
                parser = commands[0].choices[word]
        return parser

    def format_usage(self) -> str:
        return _japanese(super().format_usage())

    def format_help(self) -> str:
        return _japanese(super().format_help())


def _japanese(text: str) -> str:
    for english, japanese in msg.ARGPARSE_WORDS:
        text = text.replace(english, japanese)
    return text
