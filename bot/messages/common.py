"""Sentences every surface (terminal, console, Slack) says about a question it cannot take, and
the name of the municipality questions are about by default."""

from __future__ import annotations


def empty_question() -> str:
    return (
        '質問が空です。聞きたいことを書いてください（例: madoguchi ask "不登校の相談はどこ？"）。'
    )


def question_too_long(limit: int) -> str:
    return f"質問が長すぎます（{limit}文字まで）。要点を短くして聞いてください。"


def control_characters() -> str:
    return "質問に使えない文字（制御文字や壊れた文字）が含まれています。普通の文字だけで書いてください。"


def unknown_municipality(name: str, known: tuple[str, ...]) -> str:
    return f"自治体「{name}」はディレクトリにありません。使えるのは: {'、'.join(known)}。"


def invalid_now(value: str) -> str:
    return f"--now「{value}」を日時として読めません。2026-11-24T10:00:00+09:00 のように ISO-8601 で書いてください。"


def now_out_of_range(value: str, first: int, last: int) -> str:
    return f"--now「{value}」は扱える範囲の外です。{first}年から{last}年までの日時にしてください。"


def internal_error() -> str:
    return "すみません、処理中に問題が起きました。時間をおいてもう一度試してください。続くときは管理者に連絡してください。"


# The municipality of the bundled sample (directory/data/municipalities/musashino.yaml and
# consults/data/routing.yaml), by the name they give it: the one questions are about unless
# MADOGUCHI_MUNICIPALITY or --municipality names another (bot.settings), shown in --help.
SAMPLE_MUNICIPALITY = "武蔵野市"
