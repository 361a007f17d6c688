"""Handlers of the queue commands (see :mod:`bot.cli.consults` for their arguments).

Each calls :class:`ConsultQueue` once; its rules are the same ones Slack uses.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from datetime import date, datetime
from pathlib import Path

from bot.console.terminal_sender import TerminalSender
from bot.messages import cli as cli_msg
from bot.questions import QuestionRejected, tokyo_now
from bot.report import (
    ReportProblem,
    build_report,
    parse_fiscal_year,
    report_csv,
    report_png,
    report_text,
)
from bot.settings import Settings
from bot.storage.consult_store import ConsultQueue
from bot.storage.outbox import Dispatcher
from bot.workspaces import open_queue
from consults import messages as msg
from consults.errors import StorageUnavailable
from consults.messages import consult_line, details_text
from consults.model import Consent, ConsultDraft, Urgency, fiscal_year_of
from consults.notifications import channel_view
from directory.calendar import TOKYO


def _open(args: argparse.Namespace) -> ConsultQueue:
    return open_queue(Settings.from_env())


def queue(args: argparse.Namespace) -> int:
    queue = _open(args)
    consults = queue.list_open(mine=args.user if args.mine else None)
    if args.json:
        print(json.dumps([channel_view(c) for c in consults], ensure_ascii=False))
    elif not consults:
        print(cli_msg.queue_empty())
    else:
        for consult in consults:
            print(consult_line(consult, queue.routing.names))
    return 0


def new(args: argparse.Namespace) -> int:
    draft = ConsultDraft(
        requester=args.user,
        school=args.school,
        grade=args.grade,
        categories=tuple(args.category),
        urgency=Urgency.URGENT if args.urgent else Urgency.NORMAL,
        summary=args.summary,
        consent=Consent(args.consent),
        contact_time=args.contact_time,
        idempotency_key=args.key,
    )
    try:
        queue = _open(args)
        result = queue.submit(draft, tokyo_now())
    except StorageUnavailable as exc:
        print(cli_msg.consult_summary_kept(args.summary))
        raise StorageUnavailable("save") from exc
    for warning in result.warnings:
        print(cli_msg.consult_warning(warning))
    print(cli_msg.consult_filed(result.consult.number, result.created))
    known = queue.routing.school(args.school)
    print(
        msg.school_understood(known.name, known.district)
        if known
        else msg.school_unknown(args.school.strip())
    )
    return 0


def act(args: argparse.Namespace) -> int:
    queue = _open(args)
    user, now, number = args.user, tokyo_now(), args.number
    if args.action == "show":
        print(details_text(queue.details(number, user, now), queue.routing.names))
        return 0
    if args.action == "claim":
        consult = queue.claim(number, user, now)
    elif args.action == "start":
        consult = queue.start(number, user, now)
    elif args.action == "withdraw":
        consult = queue.withdraw(number, user, now)
    elif args.action == "close":
        consult = queue.close(number, user, args.outcome, args.note, now)
    elif args.action == "reassign":
        consult = queue.reassign(number, user, args.to, now)
    elif args.action == "takeover":
        consult = queue.take_over(number, user, now)
    else:
        consult = queue.add_info(number, user, args.text, now)
    print(consult_line(consult, queue.routing.names))
    return 0


def report(args: argparse.Namespace) -> int:
    now = tokyo_now()
    year = parse_fiscal_year(args.fiscal_year) if args.fiscal_year else fiscal_year_of(now.date())
    if args.png and not Path(args.png).parent.is_dir():
        raise ReportProblem(cli_msg.report_folder_missing(str(Path(args.png).parent), args.png))
    queue = _open(args)
    report = build_report(queue, year, now)
    print(report_csv(report) if args.csv else report_text(report), end="" if args.csv else "\n")
    if args.png:
        report_png(report, Path(args.png))
        print(cli_msg.report_png_written(args.png), file=sys.stderr if args.csv else sys.stdout)
    return 0


def purge(args: argparse.Namespace) -> int:
    try:
        before = date.fromisoformat(args.closed_before)
    except ValueError as exc:
        raise QuestionRejected(
            cli_msg.date_unreadable("--closed-before", args.closed_before)
        ) from exc
    count = _open(args).purge(before, args.user, tokyo_now())
    print(cli_msg.purged(count))
    return 0


def dispatch(args: argparse.Namespace) -> int:
    queue = _open(args)
    dispatcher = Dispatcher(queue.engine, TerminalSender(names=queue.routing.names))
    while True:
        queue.run_reminders(tokyo_now())
        dispatcher.run_until_idle(tokyo_now)
        if args.once:
            return 0
        time.sleep(args.interval)


def gaps(args: argparse.Namespace) -> int:
    from bot.storage import gaps as gap_log

    try:
        day = date.fromisoformat(args.since)
    except ValueError as exc:
        raise QuestionRejected(cli_msg.date_unreadable("--since", args.since)) from exc
    found = gap_log.since(_open(args).engine, datetime.combine(day, datetime.min.time(), TOKYO))
    if not found:
        print(cli_msg.gaps_none())
    for gap in found:
        print(
            cli_msg.gap_line(
                gap.at.astimezone(TOKYO),
                gap.kind == gap_log.NO_ANSWER,
                gap.municipality,
                gap.question,
                gap.answered,
            )
        )
    return 0


def serve(args: argparse.Namespace) -> int:
    from bot.slack.config import MissingSettings, SlackSettings
    from bot.slack.serve import serve_http, serve_socket_mode

    try:
        slack = SlackSettings.from_env(http=args.http)
    except MissingSettings as exc:
        print(str(exc), file=sys.stderr)
        return 2
    settings = Settings.from_env()
    if args.http:
        serve_http(settings, args.host, args.port, args.workers)
    else:
        serve_socket_mode(settings, slack)
    return 0
