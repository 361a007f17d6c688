"""Every sentence ``directory`` says, in one place to read and review.

The people who keep the directory's YAML read these: a problem at a file's line and how
to fix it (``madoguchi check``), and the few words an opening-hours status carries. Code
elsewhere in ``directory`` never writes Japanese inline; it calls these. A problem is a
pair: what is wrong, and how to fix it.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

ProblemText = tuple[str, str]
"""What is wrong, and how to fix it (the hint)."""


def problem_line(file: str, line: int, message: str, hint: str) -> str:
    """One problem as ``madoguchi check`` prints it: ``file:line: message（直し方: hint）``."""
    text = f"{file}:{line}: {message}"
    return f"{text}（直し方: {hint}）" if hint else text


# --- the file itself: found, readable, YAML (yamlfile.py, yaml_limits.py) ------------------


def not_a_regular_file() -> ProblemText:
    return (
        "ふつうのファイルではありません（名前付きパイプやデバイスなど）",
        "YAML はふつうのテキストファイルとして置きます",
    )


def file_too_large(size: int, limit: int) -> ProblemText:
    return (
        f"ファイルが大きすぎます（{size:,} バイト、{limit:,} バイトまで）",
        "市区町村ごと・種類ごとにファイルを分けます",
    )


def unreadable(reason: object) -> ProblemText:
    return f"読み込めません: {reason}", "UTF-8 のテキストで保存します"


def not_yaml(problem: object) -> ProblemText:
    return (
        f"YAMLとして読めません: {problem}",
        "インデントと引用符、コロンの後の空白を確認します",
    )


def empty_file() -> ProblemText:
    return "ファイルが空です", "municipality と resources を書きます"


def unsafe_tag() -> ProblemText:
    return (
        "使えないタグがあります（!! で始まる型の指定）",
        "タグを消して、文字列・数・リストなどの普通の値で書きます",
    )


def unhashable_key() -> ProblemText:
    return "項目名にリストや「項目: 値」の組は使えません", "項目名は文字列で書きます"


def duplicate_key(key: object) -> ProblemText:
    return f"項目 '{key}' が2回書かれています", "どちらか一方を消します"


def nested_too_deep(limit: int) -> ProblemText:
    return f"入れ子が深すぎます（{limit}段まで）", "括弧 [ { やインデントの閉じ忘れを確かめます"


_NO_ALIASES = "別名（* で始まる）を使わず、値をそのまま書きます"


def alias_to_itself(anchor: str) -> ProblemText:
    return f"別名 *{anchor} が、書き終わっていない自分自身を指しています", _NO_ALIASES


def aliases_expand_too_far(limit: int) -> ProblemText:
    return f"別名（*）を展開すると値が多すぎます（{limit:,}個まで）", _NO_ALIASES


# --- the schema: keys and types, for any YAML file checked with pydantic (yamlfile.py) -----


def unknown_field(name: str, close: str | None) -> ProblemText:
    """``close``: the known field the name is closest to, when one is close."""
    hint = (
        f"'{close}' のことでしょうか"
        if close
        else "使える項目は README の「ディレクトリの書き方」を見てください"
    )
    return f"知らない項目 '{name}'", hint


def missing_field(where: str, name: str) -> ProblemText:
    return f"必須の項目 '{where}' がありません", f"'{name}:' を書き足します"


def number_where_text_is_meant(where: str, value: object) -> ProblemText:
    return (
        f"'{where}' が文字列ではなく {value!r} として読まれました",
        '時刻・電話番号・先頭が0の値は "9:00" のように引用符で囲みます',
    )


def wrong_value(where: str, kind: str, value: Any, allowed: str | None = None) -> ProblemText:
    """A value of the wrong type or out of the allowed ones, by pydantic's error ``kind``
    (its own messages are English); ``allowed``: the values it lists, when it lists them."""
    if kind not in _VALUE_KINDS:
        return f"'{where}' の書き方が読めません", "書き方を README で確かめます"
    said, hint = _VALUE_KINDS[kind]
    if allowed:
        hint = f"次のどれかにします: {allowed}"
    return f"'{where}' {said}（いまは {value!r}）", hint


_VALUE_KINDS = {
    "list_type": ("はリストで書きます", "各行を '- ' で始めるか [a, b] の形で書きます"),
    "dict_type": ("は「項目: 値」の形で書きます", "インデントを確かめます"),
    "model_type": ("は「項目: 値」の形で書きます", "インデントを確かめます"),
    "model_attributes_type": ("は「項目: 値」の形で書きます", "インデントを確かめます"),
    "string_type": ("は文字列で書きます", "値を1つの文字列にします"),
    "str_type": ("は文字列で書きます", "値を1つの文字列にします"),
    "bool_type": ("は true か false で書きます", "true / false のどちらかにします"),
    "int_type": ("は整数で書きます", "数字だけを書きます"),
    "date_type": ("は日付で書きます", '"2026-11-24" の形で書きます'),
    "date_from_datetime_parsing": ("は日付として読めません", '"2026-11-24" の形で書きます'),
    "literal_error": ("に使えない値です", "README の一覧にある値にします"),
    "enum": ("に使えない値です", "README の一覧にある値にします"),
    "string_too_short": ("が空です", "値を書きます"),
    "too_short": ("が空です", "1つ以上書きます"),
}


# --- the directory's records (loader.py) ----------------------------------------------------


def no_such_path() -> ProblemText:
    return "ファイルもフォルダもありません", "パスを確認してください"


def no_directory_files() -> ProblemText:
    return (
        "ディレクトリのYAMLファイルがありません",
        "municipality と resources を書いた .yaml を置きます",
    )


def not_a_mapping() -> ProblemText:
    return (
        "ファイルの最上位が項目の集まり（マッピング）ではありません",
        "municipality: と resources: で始めます",
    )


def bad_age_range(stage: str) -> ProblemText:
    return f"段階 '{stage}' の年齢範囲がおかしい", "[開始, 終了) の2つの数で、開始 < 終了"


def emergency_without_number_slot() -> ProblemText:
    return (
        "緊急の文に番号の入る場所 {number} がありません",
        "「今まさに危険なら *{number}*（警察）へ」のように書きます",
    )


def emergency_without_phone() -> ProblemText:
    return "緊急の電話として挙げる窓口に電話番号がありません", "phones を書きます"


def emergency_without_danger() -> ProblemText:
    return "どの危険のときの電話か（for_danger）がありません", "例: for_danger: [abuse]"


def duplicate_municipality(municipality_id: str, first: str) -> ProblemText:
    return f"自治体 id '{municipality_id}' が重複しています", f"最初の定義は {first}"


def bad_id(resource_id: str) -> ProblemText:
    return (
        f"id '{resource_id}' に使えない文字があります",
        "英小文字・数字・ハイフンだけで書きます（例: musashino-harappa）",
    )


def duplicate_id(resource_id: str, first: str) -> ProblemText:
    return f"id '{resource_id}' が重複しています", f"最初の定義は {first}。別の id にします"


def unknown_category(category: str, close: str | None) -> ProblemText:
    hint = f"'{close}' のことでしょうか" if close else "vocabulary.yaml の categories から選びます"
    return f"存在しないカテゴリ '{category}'", hint


def unknown_stage(stage: str, known: Iterable[str]) -> ProblemText:
    return (
        f"知らない対象 '{stage}'",
        "vocabulary.yaml の stages から選ぶか、そこに年齢範囲を足します: " + "、".join(known),
    )


def bad_phone_form(number: str) -> ProblemText:
    return (
        f"電話番号 '{number}' の形がおかしい",
        "'0422-60-1850' のように市外局番からハイフン区切りで書きます（3桁の緊急通報や #8000 のような短縮ダイヤルはそのまま）",
    )


def bad_phone_length(number: str) -> ProblemText:
    return f"電話番号 '{number}' の桁数がおかしい", "市外局番から数えて10桁（携帯は11桁）です"


def bad_verified_date(value: str) -> ProblemText:
    return f"確認日 '{value}' が日付ではありません", '"2026-11-24" のように書きます'


def name_taken(name: str, municipality: str, owner_id: str, owner_at: str) -> ProblemText:
    return (
        f"名前・別名 '{name}' が {municipality} の '{owner_id}' と重なっています",
        f"どちらの窓口のことか分かる別名にします（もう一方は {owner_at}）",
    )


def unknown_holiday(name: str) -> ProblemText:
    return f"祝日の名前 '{name}' がありません", "祝日名で書きます（例: こどもの日、海の日）"


def general_window_missing(window_id: str | None, municipality: str) -> ProblemText:
    return (
        f"総合相談窓口 '{window_id}' が {municipality} にありません",
        "その自治体の resources にある id を書きます",
    )


# --- opening hours (hours.py) ----------------------------------------------------------------


def days_unreadable(part: str) -> ProblemText:
    return (
        f"曜日 '{part}' が読めません",
        "曜日は 月火水木金土日 の1文字で、範囲は '月-金'、列挙は '火,木'、毎日なら '毎日' と書きます",
    )


def time_unreadable(part: str) -> ProblemText:
    return (
        f"時間 '{part}' が読めません",
        "時間は '9:00-16:00' のように 開始-終了 を24時間表記で書き、YAMLでは引用符で囲みます",
    )


def time_out_of_order(part: str) -> ProblemText:
    return (
        f"時間 '{part}' がおかしい（終了が開始より後、24:00まで）",
        "例: '8:30-17:00'。夜をまたぐ時間は2つの規則に分けます",
    )


def rule_unreadable(text: str) -> ProblemText:
    return (
        f"'{text}' は '曜日 時間' の形ではありません",
        "例: '月-金 8:30-17:00'（曜日と時間の間に空白）",
    )


def months_unreadable(text: str) -> ProblemText:
    return f"月の範囲 '{text}' が読めません", '例: months: "4-9" や "10-3"（引用符で囲む）'


def months_out_of_range(text: str) -> ProblemText:
    return f"月 '{text}' は1〜12の範囲外です", '例: "4-9"'


def closure_unreadable(text: str) -> ProblemText:
    return (
        f"休みの指定 '{text}' が読めません",
        "使えるのは 祝日・年末年始、日付 '2026-12-01'、期間 '2026-08-13..2026-08-16'",
    )


def no_such_date(text: str) -> ProblemText:
    return f"日付 '{text}' が存在しません", "YYYY-MM-DD で書きます"


def period_reversed(text: str) -> ProblemText:
    return f"期間 '{text}' の終わりが始まりより前です", "古い日付を先に書きます"


def yearly_period_unreadable(name: str, text: str) -> ProblemText:
    return f"'{name}' の期間 '{text}' が読めません", '例: "12-29..01-03"'


def times_overlap(earlier: object, later: object) -> ProblemText:
    return f"時間 {earlier} と {later} が重なっています", "重ならない時間に分けます"


def rules_overlap(weekday: str, month: int | None, overlap: str) -> ProblemText:
    """Two rules open the same ``weekday`` (in ``month``, when the hours have seasons)."""
    when = f"{weekday}曜" + (f"（{month}月）" if month is not None else "")
    return (
        f"{when}の規則が重なっています: {overlap}",
        "同じ曜日を2つの規則に書かない、または時間が重ならないようにします",
    )


# What an opening-hours status says of a day the place is closed all day.
CLOSED_ALL_DAY = "休み"
TEMPORARILY_CLOSED = "臨時休業"


def closed_on_weekday(weekday: str) -> str:
    return f"{weekday}曜は休み"


# --- the hours notation itself (hours_notation.yaml) ----------------------------------------


def weekdays_not_seven(count: int) -> ProblemText:
    return (
        f"曜日が {count} 個あります（月曜から日曜までの7つ）",
        "月曜から順に、1文字ずつ7つ書きます",
    )


def not_one_character(mark: str) -> ProblemText:
    return f"'{mark}' は1文字ではありません", "曜日と区切りの記号は1文字ずつ書きます"


def written_twice(mark: str) -> ProblemText:
    return f"'{mark}' が2か所に書かれています", "曜日・列挙・範囲のどれか1つにだけ書きます"


# --- where facts come from (provenance.py) ---------------------------------------------------


def unknown_covered_field(name: str, fields: Iterable[str]) -> ProblemText:
    return f"evidence の covers に知らない項目 '{name}'", "次から選びます: " + "、".join(fields)


def phone_not_quoted(resource_id: str, numbers: Iterable[str]) -> ProblemText:
    return (
        f"'{resource_id}' の電話番号 {'、'.join(numbers)} がどの引用にもありません",
        "その番号が書かれた一節を evidence の quote に引用します",
    )


def fact_unsourced(resource_id: str, field: str) -> ProblemText:
    return (
        f"'{resource_id}' の {field} に出典がありません",
        f"出典の一節を evidence に引用するか（covers: [{field}]）、出典にないなら項目を消します",
    )


def quote_or_convention() -> ProblemText:
    return (
        "evidence には quote（出典の一節）か convention（慣行とその根拠）のどちらか一つを書きます",
        "例: - {covers: [hours], quote: 午前9時から午後5時}",
    )


def seed_not_a_source(seed: str) -> ProblemText:
    return (
        f"seed '{seed}' がこの窓口の source にありません",
        "source に足すか、seed を source の一つにします",
    )


def source_text_missing(resource_id: str, sources: Iterable[str]) -> ProblemText:
    return (
        f"'{resource_id}' の出典 {'、'.join(sources) or '（なし）'} の本文が見つかりません",
        "出典のテキストをディレクトリの sources/ フォルダに置きます",
    )


def quote_not_in_source(quote: str, sources: Iterable[str]) -> ProblemText:
    return (
        f"引用「{quote}」が出典 {'、'.join(sources)} にありません",
        "出典の文をそのまま（改行・空白は無視されます）引用します",
    )
