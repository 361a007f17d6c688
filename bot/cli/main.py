"""``madoguchi``: the command line. Each command calls the library and turns its
exceptions into one clear sentence; details go to the log file, never a traceback.
"""

from __future__ import annotations

import argparse
import json
import logging
import os
import sys
from collections.abc import Sequence
from dataclasses import asdict
from datetime import datetime
from pathlib import Path
from typing import Any, TextIO

from answers.contract import answer_to_json
from answers.engine import Answer, AnswerEngine, UnknownMunicipality, emergency_problems
from answers.render import render_text
from bot import logs
from bot.cli.consults import current_user
from bot.cli.consults import register as register_queue_commands
from bot.cli.parser import JapaneseArgumentParser
from bot.console.terminal_text import plain
from bot.engine import build_engine
from bot.json_input import json_object
from bot.messages import cli as msg
from bot.messages import common as common_msg
from bot.questions import QuestionRejected, check_question, parse_now, tokyo_now
from bot.settings import DEFAULT_MUNICIPALITY, Settings
from consults.errors import QueueError
from consults.lifecycle import NotAllowed
from directory.loader import (
    BUNDLED_DIRECTORY,
    check_directory,
    check_provenance,
    load_directory,
)
from directory.problems import DataFileInvalid
from directory.provenance import Support

log = logging.getLogger("madoguchi")

EXIT_OK, EXIT_PROBLEMS, EXIT_USAGE = 0, 1, 2


def main(argv: Sequence[str] | None = None) -> int:
    parser = _parser()
    args = parser.parse_args(argv)
    logs.configure()
    try:
        result: int = args.run(args)
        return result
    except (QuestionRejected, NotAllowed, QueueError) as exc:
        print(str(exc), file=sys.stderr)
        return EXIT_USAGE
    except UnknownMunicipality as exc:
        print(common_msg.unknown_municipality(exc.name, exc.known), file=sys.stderr)
        return EXIT_USAGE
    except DataFileInvalid as exc:
        for problem in exc.problems:
            print(str(problem), file=sys.stderr)
        print(msg.directory_invalid(len(exc.problems)), file=sys.stderr)
        return EXIT_PROBLEMS
    except (KeyboardInterrupt, BrokenPipeError):
        sys.stdout = open(os.devnull, "w")  # noqa: SIM115  (the reader went away; say nothing more)
        return EXIT_OK
    except Exception:
        log.exception("unexpected error in command %s", args.command)
        print(common_msg.internal_error(), file=sys.stderr)
        return EXIT_PROBLEMS


def _parser() -> argparse.ArgumentParser:
    parser = JapaneseArgumentParser(prog="madoguchi", description=msg.HELP_PROGRAM)
    commands = parser.add_subparsers(dest="command", required=True)

    ask = commands.add_parser("ask", help=msg.HELP_ASK)
    ask.add_argument("question", nargs="?", help=msg.HELP_ASK_QUESTION)
    output = ask.add_mutually_exclusive_group()
    output.add_argument("--json", action="store_true", help=msg.HELP_ASK_JSON)
    output.add_argument("--jsonl", action="store_true", help=msg.HELP_ASK_JSONL)
    ask.add_argument("--now", help=msg.HELP_ASK_NOW)
    _engine_options(ask)
    ask.set_defaults(run=_ask)

    console = commands.add_parser("console", help=msg.HELP_CONSOLE)
    _engine_options(console)
    console.add_argument("--as", dest="user", help=msg.HELP_CONSOLE_AS)
    console.set_defaults(run=_console)

    check = commands.add_parser("check", help=msg.HELP_CHECK)
    check.add_argument(
        "path",
        nargs="?",
        help=msg.HELP_CHECK_PATH,
    )
    check.add_argument(
        "--provenance",
        action="store_true",
        help=msg.HELP_CHECK_PROVENANCE,
    )
    check.set_defaults(run=_check)

    listing = commands.add_parser("list", help=msg.HELP_LIST)
    listing.add_argument("--json", action="store_true", help=msg.HELP_LIST_JSON)
    listing.add_argument("--directory", help=msg.HELP_LIST_DIRECTORY)
    listing.set_defaults(run=_list)
    register_queue_commands(commands)
    return parser


def _engine_options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--municipality", help=msg.help_municipality(DEFAULT_MUNICIPALITY))
    parser.add_argument("--directory", help=msg.HELP_DIRECTORY)


def _engine(args: argparse.Namespace) -> AnswerEngine:
    settings = Settings.from_env()
    directory = Path(args.directory) if args.directory else settings.directory
    engine = build_engine(directory, settings.municipality, settings.cache_dir)
    if args.municipality:
        engine.municipality(args.municipality)
    return engine


def _ask(args: argparse.Namespace) -> int:
    engine = _engine(args)
    if args.jsonl:
        return _ask_jsonl(engine, args, sys.stdin, sys.stdout)
    question = check_question(args.question)
    now = parse_now(args.now) if args.now is not None else tokyo_now()
    answer = engine.answer(question, now, args.municipality)
    if args.json:
        print(json.dumps(answer_to_json(answer), ensure_ascii=False))
    else:
        print(plain(render_text(answer)))
    _keep_if_unanswered(answer, question, now)
    return EXIT_OK


def _keep_if_unanswered(answer: Answer, question: str, now: datetime) -> None:
    """A question with no answer is kept for `madoguchi gaps` (names and numbers removed), as
    in Slack; failing to keep it never fails the answer."""
    from bot.storage import gaps

    if not gaps.is_gap(answer):
        return
    try:
        from bot.storage.setup import connect

        gaps.record(
            connect(Settings.from_env()),
            gaps.NO_ANSWER,
            question,
            answer.intent.value,
            [],
            answer.municipality.name,
            now,
        )
    except Exception:  # noqa: BLE001
        log.warning("could not keep an unanswered question", exc_info=True)


def _ask_jsonl(engine: AnswerEngine, args: argparse.Namespace, lines: TextIO, out: TextIO) -> int:
    default_now = parse_now(args.now) if args.now is not None else None
    for line in lines:
        if not line.strip():
            continue
        out.write(
            json.dumps(
                _answer_line(engine, line, default_now, args.municipality), ensure_ascii=False
            )
            + "\n"
        )
        out.flush()
    return EXIT_OK


def _answer_line(
    engine: AnswerEngine, line: str, default_now: Any, default_municipality: str | None
) -> dict[str, Any]:
    request = json_object(line)  # each line on its own: no line can end the batch
    if request is None:
        return {"error": msg.invalid_json_line()}
    try:
        question = check_question(request.get("text"))
        given = request.get("now")
        now = parse_now(given) if given is not None else default_now or tokyo_now()
        municipality = request.get("municipality") or default_municipality
        return answer_to_json(engine.answer(question, now, municipality))
    except QuestionRejected as exc:
        return {"error": str(exc)}
    except UnknownMunicipality as exc:
        return {"error": common_msg.unknown_municipality(exc.name, exc.known)}
    except Exception:
        log.exception("unexpected error answering one --jsonl line")
        return {"error": common_msg.internal_error()}


def _console(args: argparse.Namespace) -> int:
    engine = _engine(args)
    settings = Settings.from_env()
    # imported here: they load the queue (SQLAlchemy), which only the console needs
    from bot import workspaces
    from bot.console import chat as console

    result: int = console.run_console(
        engine,
        args.municipality,
        input_line=_input,
        output=print,
        open_queue=lambda: workspaces.open_queue(settings),
        requester=current_user(args),
    )
    return result


def _input(prompt: str) -> str | None:
    try:
        return input(prompt)
    except EOFError:
        return None


def _check(args: argparse.Namespace) -> int:
    path = Path(args.path) if args.path else None
    if args.provenance:
        return _check_provenance(path)
    from bot.cli import deployment_check as deployment

    kind = deployment.kind_of(path) if path else deployment.DIRECTORY
    if kind != deployment.DIRECTORY:
        routing = path if kind == deployment.ROUTING else None
        workspace_map = path if kind == deployment.WORKSPACE_MAP else None
        return _report_queue_files(deployment.check_queue_files(routing, workspace_map, _known()))
    directory, problems = check_directory(path)
    if directory is not None:  # the emergency lines' danger levels are the engine's to know
        problems = [*problems, *emergency_problems(directory)]
    queue_files = []
    if path is None:
        settings = Settings.from_env()
        queue_files = deployment.check_queue_files(
            settings.routing, settings.workspace_map, _known()
        )
        problems = [*problems, *(p for f in queue_files for p in f.problems)]
    for problem in problems:
        print(str(problem))
    if problems or directory is None:
        print(msg.directory_problems(len(problems)))
        return EXIT_PROBLEMS
    files = (
        len(list(path.rglob("*.yaml")))
        if path and path.is_dir()
        else 1
        if path
        else _bundled_file_count()
    )
    print(msg.directory_clean(files, len(directory.resources), len(directory.municipalities)))
    for file in queue_files:
        print(msg.queue_file_clean(str(file.path)))
    return EXIT_OK


def _known() -> Any:
    """Whether a municipality is in the directory (for the workspace map's routing files)."""
    try:
        directory = load_directory(Settings.from_env().directory)
    except DataFileInvalid:
        return lambda name: True
    return lambda name: directory.find_municipality(name) is not None


def _report_queue_files(checked: Any) -> int:
    problems = sorted(p for f in checked for p in f.problems)
    for problem in problems:
        print(str(problem))
    if problems:
        print(msg.directory_problems(len(problems)))
        return EXIT_PROBLEMS
    for file in checked:
        print(msg.queue_file_clean(str(file.path)))
    return EXIT_OK


def _check_provenance(path: Path | None) -> int:
    report, problems = check_provenance(path)
    if report is None:
        for problem in problems:
            print(str(problem))
        print(msg.directory_problems(len(problems)))
        return EXIT_PROBLEMS
    for name, where, note in ((c.name, c.where, c.note) for c in report.conventions):
        print(msg.provenance_convention(name, where, note))
    by_record = report.by_record()
    for resource_id, counts in by_record.items():
        print(
            msg.provenance_record(
                resource_id,
                counts[Support.SOURCED],
                counts[Support.CONVENTION],
                counts[Support.UNSOURCED],
            )
        )
    print(
        msg.provenance_summary(
            len(by_record),
            report.count(Support.SOURCED),
            report.count(Support.CONVENTION),
            report.count(Support.UNSOURCED),
        )
    )
    found = sorted(problems + report.problems)
    for problem in found:
        print(str(problem))
    if found:
        print(msg.directory_problems(len(found)))
        return EXIT_PROBLEMS
    print(msg.provenance_clean())
    return EXIT_OK


def _bundled_file_count() -> int:
    return len(list(BUNDLED_DIRECTORY.rglob("*.yaml")))


def _list(args: argparse.Namespace) -> int:
    settings = Settings.from_env()
    directory = load_directory(Path(args.directory) if args.directory else settings.directory)
    if args.json:
        rows = []
        for resource in directory.resources:
            row = asdict(resource)
            row.pop("schedule")
            row["municipality"] = directory.municipality_by_id[resource.municipality_id].name
            row["phones"] = [{"label": p.label, "number": p.number} for p in resource.phones]
            row["verified"] = resource.verified.isoformat() if resource.verified else None
            row["hours_note"] = resource.schedule.note
            rows.append(row)
        print(json.dumps(rows, ensure_ascii=False, indent=1))
    else:
        for resource in directory.resources:
            print(
                f"{resource.id}\t{resource.name}\t{directory.municipality_by_id[resource.municipality_id].name}"
            )
    return EXIT_OK


if __name__ == "__main__":
    sys.exit(main())
