"""Sentences of the command line: checks of the YAML files, usage errors, the yearly report's
errors, the queue commands' lines, and what ``--help`` shows."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime


def invalid_json_line() -> str:
    return 'この行は JSON として読めません。{"text": "質問"} の形で1行に1件書いてください。'


def directory_invalid(count: int) -> str:
    return (
        f"データファイルに{count}件の問題があるため起動できません。"
        "上の行（ファイル:行 と直し方）のとおりに直してください。"
        "窓口ディレクトリは `madoguchi check` でも確かめられます。"
    )


def directory_clean(files: int, resources: int, municipalities: int) -> str:
    return f"OK: {files}ファイル、{municipalities}自治体、{resources}件の窓口に問題はありません。"


def provenance_summary(records: int, sourced: int, convention: int, unsourced: int) -> str:
    total = sourced + convention + unsourced
    return (
        f"出典の確認: {records}件の窓口、{total}件の事実 — "
        f"出典あり {sourced}、慣行 {convention}、出典なし {unsourced}"
    )


def provenance_record(resource_id: str, sourced: int, convention: int, unsourced: int) -> str:
    return f"  {resource_id}: 出典あり {sourced} / 慣行 {convention} / 出典なし {unsourced}"


def provenance_convention(name: str, where: str, note: str | None) -> str:
    return f"慣行: {name}（{where}）— {note or '根拠の説明なし'}"


def provenance_clean() -> str:
    return "OK: 出典なしの事実はなく、引用はすべて出典にあります。"


def directory_problems(count: int) -> str:
    return f"{count}件の問題が見つかりました。"


def usage_error(kind: str, parts: tuple[str | None, ...]) -> str:
    """argparse's error of one kind, in Japanese; ``parts`` are the names and values it gave."""
    p = [x or "" for x in parts]
    if kind == "required" and p[0] in ("command", "action"):
        return "何をするかを1つ書いてください（下の { } の中から選びます）。"
    if kind == "required":
        return f"必要な引数がありません: {p[0]}。"
    if kind == "choice":
        return f"{p[0]} に「{p[1]}」は使えません。使えるのは {p[2]} です。"
    if kind == "value":
        what = "数字" if p[1] in ("int", "float") else "値"
        return f"{p[0]} の「{p[2]}」を{what}として読めません。"
    if kind == "one":
        return f"{p[0]} のあとに値を書いてください。"
    if kind == "together":
        return f"{p[0]} と {p[1]} は一緒には使えません。どちらか一方にしてください。"
    if kind == "unknown":
        return f"知らない引数です: {p[0]}。"
    return f"コマンドの書き方が読めません（{p[0]}）。"


def usage_example(example: str) -> str:
    return f"例: {example}"


def usage_help(prog: str) -> str:
    return f"書き方は `{prog} --help` で見られます。"


def report_year_unreadable(text: str) -> str:
    return f"--fiscal-year「{text}」を年度として読めません。2026 か 令和8（R8）のように書いてください。"


def report_year_out_of_range(text: str, first: int, last: int) -> str:
    return f"--fiscal-year「{text}」は使えません。{first}〜{last} の年度（令和なら 令和元〜）を書いてください（例: --fiscal-year 2026）。"


def report_folder_missing(folder: str, path: str) -> str:
    return f"--png のフォルダ「{folder}」がありません。先にフォルダを作るか、ある場所を指定してください（例: --png ./図1.png）。"


def report_not_png(path: str) -> str:
    return f"--png「{path}」は .png で終わる名前にしてください（例: --png ./図1.png）。"


def report_cannot_write(path: str, reason: str) -> str:
    return f"図を「{path}」に書けませんでした（{reason}）。書き込めるフォルダとファイル名を指定してください。"


def report_png_written(path: str) -> str:
    return f"図を書き出しました: {path}"


def queue_file_clean(path: str) -> str:
    return f"OK: {path} に問題はありません。"


# The queue commands' own lines (`madoguchi queue`, `consult new`, `purge`, `gaps`).


def queue_empty() -> str:
    return "未完了の相談はありません。"


def consult_summary_kept(summary: str) -> str:
    """Printed when the consult could not be saved, so the summary typed is not lost."""
    return f"入力した概要: {summary}"


def consult_warning(warning: str) -> str:
    return f"注意: {warning}"


def consult_filed(number: str, created: bool) -> str:
    """``created`` is False when the same idempotency key was sent before."""
    state = "受け付けました" if created else "同じ相談はすでに受け付けています"
    return f"{state}。相談番号 {number}"


def date_unreadable(option: str, value: str) -> str:
    return f"{option}「{value}」は YYYY-MM-DD で書いてください。"


def purged(count: int) -> str:
    return f"{count}件の相談の自由記述を消しました（集計に使う項目は残っています）。"


def gaps_none() -> str:
    return "この期間に答えられなかった質問はありません。"


def gap_line(
    at: datetime, no_answer: bool, municipality: str, question: str, answered: Sequence[str]
) -> str:
    """One kept question: when (Tokyo time), whether it had no answer or was marked wrong
    (違った), and the windows the wrong answer named."""
    kind = "答えなし" if no_answer else "違った"
    named = f" → {'、'.join(answered)}" if answered else ""
    return f"{at:%Y-%m-%d %H:%M} [{kind}] ({municipality}) {question}{named}"


# What `--help` shows: the program, each command and each option.

HELP_PROGRAM = "子どもの支援窓口を答えるボット（CLI）"
HELP_ASK = "質問に1回答える"
HELP_ASK_QUESTION = "質問（--jsonl のときは標準入力から）"
HELP_ASK_JSON = "回答を JSON で出す（PRODUCT.md の形）"
HELP_ASK_JSONL = "標準入力の1行1件の JSON に1行ずつ答える"
HELP_ASK_NOW = "時計（ISO-8601、既定は現在の東京時間）"
HELP_CONSOLE = "ターミナルで対話する（「SSWに相談したい」で相談票も出せる）"
HELP_CONSOLE_AS = "相談票を出すときのあなたのユーザーID"
HELP_CHECK = "ディレクトリ・routing.yaml・ワークスペース対応表の YAML を検査する"
HELP_CHECK_PATH = (
    "ファイルかフォルダ（routing.yaml と対応表は中身で見分ける。既定は使っているものすべて）"
)
HELP_CHECK_PROVENANCE = "事実ごとの出典（sources/ の本文への引用・慣行・出典なし）を数えて確かめる"
HELP_LIST = "読み込んだ窓口をすべて出す"
HELP_LIST_JSON = "JSON で出す"
HELP_LIST_DIRECTORY = "ディレクトリのファイルかフォルダ"
HELP_DIRECTORY = "ディレクトリのファイルかフォルダ（既定は同梱のサンプル）"
HELP_QUEUE = "SSWキューの未完了の相談を一覧する（概要は出さない）"
HELP_QUEUE_MINE = "自分が担当している相談だけ"
HELP_CONSULT = "相談を出す・担当する・状態を変える"
HELP_NEW = "相談票を出す（対話なら `madoguchi console`）"
HELP_NEW_CATEGORY = "困りごと（複数可）"
HELP_NEW_URGENT = "至急"
HELP_NEW_SUMMARY = "概要（子どもの氏名は書かない）"
HELP_NEW_KEY = "再送しても1件にするための idempotency key"
HELP_SHOW = "詳細を見る（記録される）"
HELP_CLAIM = "担当する"
HELP_START = "対応中にする"
HELP_TAKEOVER = "引き継ぐ（ほかのSSWが担当している相談を引き受ける。記録され、両方のSSWに知らせる）"
HELP_WITHDRAW = "取り下げる"
HELP_CLOSE = "完了にする"
HELP_REASSIGN = "担当を替える"
HELP_REASSIGN_TO = "新しい担当（ユーザーIDか routing.yaml の名前）"
HELP_ADD = "情報を追加する"
HELP_REPORT = "年度の活動状況の表"
HELP_REPORT_YEAR = "年度: 2026・令和8・R8 のどれでも（既定は今年度）"
HELP_REPORT_CSV = "CSV で出す（BOM付き UTF-8: Excel でそのまま開ける）"
HELP_REPORT_PNG = "図1（問題別・小中別の棒グラフ）を書き出すファイル"
HELP_PURGE = "完了した相談の自由記述を消す（件数の集計は残る）"
HELP_PURGE_BEFORE = "この日より前に完了したもの（YYYY-MM-DD）"
HELP_GAPS = "答えられなかった質問と「違った」の一覧（個人情報は消して保存）"
HELP_GAPS_SINCE = "この日以降（YYYY-MM-DD）"
HELP_SERVE = "Slack アプリを動かす（既定は Socket Mode）"
HELP_SERVE_HTTP = "POST /slack/events を HTTP で受ける（ロードバランサの後ろで）"
HELP_DISPATCH = "通知を送り、リマインドを出す"
HELP_DISPATCH_ONCE = "1回だけ回して終わる"
HELP_AS = "あなたのユーザーID（既定は MADOGUCHI_USER かログイン名）"


def help_municipality(default: str) -> str:
    return f"質問者の自治体（名前か id。既定は {default}）"


# argparse's own English words in help and usage, and the Japanese shown instead
ARGPARSE_WORDS = (
    ("usage: ", "使い方: "),
    ("positional arguments:", "引数:"),
    ("options:", "オプション:"),
    ("show this help message and exit", "この説明を出して終わる"),
)

# an example that works, by the command it shows, for the commands people mistype most
USAGE_EXAMPLES = {
    "madoguchi ask": 'madoguchi ask "不登校の相談はどこ？"',
    "madoguchi consult new": (
        "madoguchi consult new --school 三中 --grade 2 --category 不登校 --summary "
        '"2年男子。9月から欠席が続いている"'
    ),
    "madoguchi consult close": "madoguchi consult close 2026-0001 --outcome 解決",
    "madoguchi consult reassign": "madoguchi consult reassign 2026-0001 --to U0SSW0001",
    "madoguchi consult claim": "madoguchi consult claim 2026-0001",
    "madoguchi consult add": 'madoguchi consult add 2026-0001 "昨日は登校できた"',
    "madoguchi report": "madoguchi report --fiscal-year 2026 --csv",
    "madoguchi purge": "madoguchi purge --closed-before 2025-04-01",
    "madoguchi gaps": "madoguchi gaps --since 2026-11-01",
}
