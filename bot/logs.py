"""Logging for people who run madoguchi: details in a file, never request bodies or consult text.

Bolt logs the whole body of a request whose signature fails; ``RedactBodies``
cuts that (and any other "body:" a library logs) before it reaches a handler.
"""

from __future__ import annotations

import logging
import os
import re
import sys
from pathlib import Path

_BODY = re.compile(r"body:.*", re.S)


class RedactBodies(logging.Filter):
    def filter(self, record: logging.LogRecord) -> bool:
        message = record.getMessage()
        if "body:" in message:
            record.msg = _BODY.sub("body: [redacted])", message)
            record.args = ()
        return True


def configure(to_stderr: bool = False) -> None:
    """A log file (MADOGUCHI_LOG or ~/.local/state/madoguchi/madoguchi.log); stderr too for servers."""
    target = os.environ.get("MADOGUCHI_LOG") or str(
        Path.home() / ".local" / "state" / "madoguchi" / "madoguchi.log"
    )
    handlers: list[logging.Handler] = []
    try:
        Path(target).parent.mkdir(parents=True, exist_ok=True)
        handlers.append(logging.FileHandler(target, encoding="utf-8"))
    except OSError:
        handlers.append(logging.NullHandler())
    if to_stderr:
        handlers.append(logging.StreamHandler(sys.stderr))
    formatter = logging.Formatter("%(asctime)s %(levelname)s %(process)d %(name)s %(message)s")
    for handler in handlers:
        handler.setFormatter(formatter)
        handler.addFilter(RedactBodies())
    root = logging.getLogger()
    root.handlers = handlers
    root.setLevel(logging.INFO)
    logging.getLogger("alembic").setLevel(logging.WARNING)
