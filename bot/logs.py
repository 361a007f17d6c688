"""Logging for people who run madoguchi: details in a file, never request bodies or consult text.

Bolt logs the whole body of a request whose signature fails; ``RedactBodies``
cuts that (and any other "body:" a library logs) before it reaches a handler.
Servers log JSON lines carrying the Slack request id and the consult number
(``tagged``), so one request can be followed across workers; a consult's text
is never a field.
"""

from __future__ import annotations

import json
import logging
import os
import re
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from datetime import UTC, datetime
from pathlib import Path

_BODY = re.compile(r"body:.*", re.S)


class RedactBodies(logging.Filter):
    def filter(self, record: logging.LogRecord) -> bool:
        message = record.getMessage()
        if "body:" in message:
            record.msg = _BODY.sub("body: [redacted])", message)
            record.args = ()
        return True


_FIELDS: ContextVar[tuple[tuple[str, str], ...]] = ContextVar("madoguchi_log_fields", default=())
TAGS = ("request_id", "consult", "job")


@contextmanager
def tagged(**fields: str) -> Iterator[None]:
    """Every line logged inside carries these fields (request_id, consult, job)."""
    token = _FIELDS.set((*_FIELDS.get(), *fields.items()))
    try:
        yield
    finally:
        _FIELDS.reset(token)


class JsonLines(logging.Formatter):
    def format(self, record: logging.LogRecord) -> str:
        entry: dict[str, object] = {
            "time": datetime.fromtimestamp(record.created, UTC).isoformat(timespec="milliseconds"),
            "level": record.levelname,
            "pid": record.process,
            "logger": record.name,
            "message": record.getMessage(),
            **dict(_FIELDS.get()),
        }
        for tag in TAGS:
            if hasattr(record, tag):
                entry[tag] = getattr(record, tag)
        if record.exc_info:
            entry["error"] = self.formatException(record.exc_info)
        return json.dumps(entry, ensure_ascii=False)


def configure(to_stderr: bool = False, structured: bool = False) -> None:
    """A log file (MADOGUCHI_LOG or ~/.local/state/madoguchi/madoguchi.log); stderr too for
    servers, in JSON lines when ``structured``."""
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
    formatter = (
        JsonLines()
        if structured
        else logging.Formatter("%(asctime)s %(levelname)s %(process)d %(name)s %(message)s")
    )
    for handler in handlers:
        handler.setFormatter(formatter)
        handler.addFilter(RedactBodies())
    root = logging.getLogger()
    root.handlers = handlers
    root.setLevel(logging.INFO)
    logging.getLogger("alembic").setLevel(logging.WARNING)
