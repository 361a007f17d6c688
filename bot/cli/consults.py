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

from consults.model import Consent, Outcome

OUTCOME_WORDS = {o.value: o for o in Outcome} | {"支援中であるが好転": Outcome.IMPROVING}


def register(commands: argparse._SubParsersAction[Any]) -> None:
    listing = commands.add_parser(
        "queue", help="SSWキューの未完了の相談を一覧する（概要は出さない）"
    )
    listing.add_argument("--mine", action="store_true", help="自分が担当している相談だけ")
    listing.add_argument("--json", action="store_true")
    _identity(listing)
    listing.set_defaults(run=_handler("queue"))

    consult = commands.add_parser("consult", help="相談を出す・担当する・状態を変える")
    actions = consult.add_subparsers(dest="action", required=True)
    new = actions.add_parser("new", help="相談票を出す（対話なら `madoguchi console`）")
    new.add_argument("--school", required=True)
    new.add_argument("--grade", type=int, required=True)
    new.add_argument("--category", action="append", required=True, help="困りごと（複数可）")
    new.add_argument("--urgent", action="store_true", help="至急")
    new.add_argument("--summary", required=True, help="概要（子どもの氏名は書かない）")
    new.add_argument(
        "--consent", choices=[c.value for c in Consent], default=Consent.UNCONFIRMED.value
    )
    new.add_argument("--contact-time", default="")
    new.add_argument("--key", help="再送しても1件にするための idempotency key")
    _identity(new)
    new.set_defaults(run=_handler("new"))
    for name, help_text in (
        ("show", "詳細を見る（記録される）"),
        ("claim", "担当する"),
        ("start", "対応中にする"),
        (
            "takeover",
            "引き継ぐ（ほかのSSWが担当している相談を引き受ける。記録され、両方のSSWに知らせる）",
        ),
        ("withdraw", "取り下げる"),
    ):
        action = actions.add_parser(name, help=help_text)
        action.add_argument("number")
        _identity(action)
        action.set_defaults(run=_handler("act"))
    close = actions.add_parser("close", help="完了にする")
    close.add_argument("number")
    close.add_argument("--outcome", required=True, choices=sorted(OUTCOME_WORDS))
    close.add_argument("--note", default="")
    _identity(close)
    close.set_defaults(run=_handler("act"))
    reassign = actions.add_parser("reassign", help="担当を替える")
    reassign.add_argument("number")
    reassign.add_argument(
        "--to", required=True, help="新しい担当（ユーザーIDか routing.yaml の名前）"
    )
    _identity(reassign)
    reassign.set_defaults(run=_handler("act"))
    add = actions.add_parser("add", help="情報を追加する")
    add.add_argument("number")
    add.add_argument("text")
    _identity(add)
    add.set_defaults(run=_handler("act"))

    report = commands.add_parser("report", help="年度の活動状況の表")
    report.add_argument("--fiscal-year", help="年度: 2026・令和8・R8 のどれでも（既定は今年度）")
    report.add_argument(
        "--csv", action="store_true", help="CSV で出す（BOM付き UTF-8: Excel でそのまま開ける）"
    )
    report.add_argument("--png", help="図1（問題別・小中別の棒グラフ）を書き出すファイル")
    report.set_defaults(run=_handler("report"))

    purge = commands.add_parser("purge", help="完了した相談の自由記述を消す（件数の集計は残る）")
    purge.add_argument(
        "--closed-before", required=True, help="この日より前に完了したもの（YYYY-MM-DD）"
    )
    _identity(purge)
    purge.set_defaults(run=_handler("purge"))

    gaps = commands.add_parser(
        "gaps", help="答えられなかった質問と「違った」の一覧（個人情報は消して保存）"
    )
    gaps.add_argument("--since", required=True, help="この日以降（YYYY-MM-DD）")
    gaps.set_defaults(run=_handler("gaps"))

    serve = commands.add_parser("serve", help="Slack アプリを動かす（既定は Socket Mode）")
    serve.add_argument(
        "--http",
        action="store_true",
        help="POST /slack/events を HTTP で受ける（ロードバランサの後ろで）",
    )
    serve.add_argument("--host", default="0.0.0.0")
    serve.add_argument("--port", type=int, default=3000)
    serve.add_argument("--workers", type=int, default=1)
    serve.set_defaults(run=_handler("serve"))

    dispatch = commands.add_parser("dispatch", help="通知を送り、リマインドを出す")
    dispatch.add_argument("--once", action="store_true", help="1回だけ回して終わる")
    dispatch.add_argument("--interval", type=float, default=10.0)
    dispatch.set_defaults(run=_handler("dispatch"))


def _identity(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--as", dest="user", help="あなたのユーザーID（既定は MADOGUCHI_USER かログイン名）"
    )


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
