"""Arguments of the queue commands of the CLI: list, act on, report and purge consults.

The handlers live in :mod:`bot.cli.consult_commands` and are imported only when a
queue command runs, so ``madoguchi ask`` does not pay for SQLAlchemy and
Alembic at start-up. Who you are is ``--as USER`` (default ``MADOGUCHI_USER`` or the
login name); whether that is an SSW comes from the routing file or
``MADOGUCHI_SSW_USERS``.
"""

from __future__ import annotations

import argparse
import getpass
import os
from collections.abc import Callable
from typing import Any

from bot.messages import cli as msg
from consults.messages import OUTCOME_LABELS
from consults.model import Consent, Outcome

# what --outcome takes: an outcome's value or the label the report shows for it (解決, 好転 or
# 支援中であるが好転, ...), so a word read in the report can be typed back
OUTCOME_WORDS = {o.value: o for o in Outcome} | {label: o for o, label in OUTCOME_LABELS.items()}


def register(commands: argparse._SubParsersAction[Any]) -> None:
    listing = commands.add_parser("queue", help=msg.HELP_QUEUE)
    listing.add_argument("--mine", action="store_true", help=msg.HELP_QUEUE_MINE)
    listing.add_argument("--json", action="store_true")
    _identity(listing)
    listing.set_defaults(run=_handler("queue"))

    consult = commands.add_parser("consult", help=msg.HELP_CONSULT)
    actions = consult.add_subparsers(dest="action", required=True)
    new = actions.add_parser("new", help=msg.HELP_NEW)
    new.add_argument("--school", required=True)
    new.add_argument("--grade", type=int, required=True)
    new.add_argument("--category", action="append", required=True, help=msg.HELP_NEW_CATEGORY)
    new.add_argument("--urgent", action="store_true", help=msg.HELP_NEW_URGENT)
    new.add_argument("--summary", required=True, help=msg.HELP_NEW_SUMMARY)
    new.add_argument(
        "--consent", choices=[c.value for c in Consent], default=Consent.UNCONFIRMED.value
    )
    new.add_argument("--contact-time", default="")
    new.add_argument("--key", help=msg.HELP_NEW_KEY)
    _identity(new)
    new.set_defaults(run=_handler("new"))
    for name, help_text in (
        ("show", msg.HELP_SHOW),
        ("claim", msg.HELP_CLAIM),
        ("start", msg.HELP_START),
        ("takeover", msg.HELP_TAKEOVER),
        ("withdraw", msg.HELP_WITHDRAW),
    ):
        action = actions.add_parser(name, help=help_text)
        action.add_argument("number")
        _identity(action)
        action.set_defaults(run=_handler("act"))
    close = actions.add_parser("close", help=msg.HELP_CLOSE)
    close.add_argument("number")
    close.add_argument("--outcome", required=True, choices=sorted(OUTCOME_WORDS))
    close.add_argument("--note", default="")
    _identity(close)
    close.set_defaults(run=_handler("act"))
    reassign = actions.add_parser("reassign", help=msg.HELP_REASSIGN)
    reassign.add_argument("number")
    reassign.add_argument("--to", required=True, help=msg.HELP_REASSIGN_TO)
    _identity(reassign)
    reassign.set_defaults(run=_handler("act"))
    add = actions.add_parser("add", help=msg.HELP_ADD)
    add.add_argument("number")
    add.add_argument("text")
    _identity(add)
    add.set_defaults(run=_handler("act"))

    report = commands.add_parser("report", help=msg.HELP_REPORT)
    report.add_argument("--fiscal-year", help=msg.HELP_REPORT_YEAR)
    report.add_argument("--csv", action="store_true", help=msg.HELP_REPORT_CSV)
    report.add_argument("--png", help=msg.HELP_REPORT_PNG)
    report.set_defaults(run=_handler("report"))

    purge = commands.add_parser("purge", help=msg.HELP_PURGE)
    purge.add_argument("--closed-before", required=True, help=msg.HELP_PURGE_BEFORE)
    _identity(purge)
    purge.set_defaults(run=_handler("purge"))

    gaps = commands.add_parser("gaps", help=msg.HELP_GAPS)
    gaps.add_argument("--since", required=True, help=msg.HELP_GAPS_SINCE)
    gaps.set_defaults(run=_handler("gaps"))

    serve = commands.add_parser("serve", help=msg.HELP_SERVE)
    serve.add_argument(
        "--http",
        action="store_true",
        help=msg.HELP_SERVE_HTTP,
    )
    serve.add_argument("--host", default="0.0.0.0")
    serve.add_argument("--port", type=int, default=3000)
    serve.add_argument("--workers", type=int, default=1)
    serve.set_defaults(run=_handler("serve"))

    dispatch = commands.add_parser("dispatch", help=msg.HELP_DISPATCH)
    dispatch.add_argument("--once", action="store_true", help=msg.HELP_DISPATCH_ONCE)
    dispatch.add_argument("--interval", type=float, default=10.0)
    dispatch.set_defaults(run=_handler("dispatch"))


def _identity(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--as", dest="user", help=msg.HELP_AS)


def current_user(args: argparse.Namespace) -> str:
    return args.user or os.environ.get("MADOGUCHI_USER") or getpass.getuser()


def _handler(name: str) -> Callable[[argparse.Namespace], int]:
    def run(args: argparse.Namespace) -> int:
        # the handlers get who is asking and the outcome as values, so they never import
        # this module back; imported here, not at the top, to keep SQLAlchemy out of `ask`
        from bot.cli import consult_commands as queue_commands

        if hasattr(args, "user"):  # the commands with --as
            args.user = current_user(args)
        if isinstance(getattr(args, "outcome", None), str):
            args.outcome = OUTCOME_WORDS[args.outcome]
        result: int = getattr(queue_commands, name)(args)
        return result

    return run
