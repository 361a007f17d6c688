"""Sentences of the command line: checks of the YAML files, usage errors, the yearly report."""

from __future__ import annotations


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
