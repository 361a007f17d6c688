"""Sentences of the console: the chat, the consult form asked question by question, and the
words the console reads from the person; and the terminal's notifications and plain text."""

from __future__ import annotations


def form_intro() -> str:
    return "SSWへの相談票を作ります。途中でやめるときは「キャンセル」と入力してください。"


def form_danger_first(safety: tuple[str, str] | None) -> str:
    """Said before the form; ``safety``: the directory's lines for immediate danger and abuse."""
    if safety is None:
        return "子どもが今危ないときは、相談票を待たずに警察や児童相談所へ電話してください。"
    immediate, abuse = safety
    return f"子どもが今危ないときは、相談票を待たずに {immediate} / {abuse} へ電話してください。"


def form_cancelled() -> str:
    return "相談票の作成をやめました。"


def form_summary_kept(summary: str) -> str:
    return f"入力した概要: {summary}"


def form_filed(number: str, district: str | None) -> str:
    where = f"{district}のSSW" if district else "SSW全員"
    return f"受け付けました。相談番号は {number} です。{where}に届けます。担当が決まったらお知らせします。"


def form_school_prompt() -> str:
    return "学校名（例: 第三中学校、三中）> "


def form_grade_prompt() -> str:
    return "学年（数字）> "


def form_categories_heading() -> str:
    return "困りごと（番号をカンマ区切り、複数可）:"


def form_categories_prompt(chosen: tuple[str, ...]) -> str:
    if chosen:
        return f"番号（Enter だけなら「{'・'.join(chosen)}」のまま）> "
    return "番号> "


def form_categories_retry(count: int) -> str:
    return f"1〜{count} の番号をカンマ区切りで入れてください（例: 1,7）。"


def form_urgent_prompt(urgent: bool) -> str:
    default = "はい" if urgent else "いいえ"
    return f"至急ですか？（はい/いいえ、Enter だけなら{default}）> "


def form_yes_or_no() -> str:
    return "「はい」か「いいえ」で答えてください。"


def form_summary_so_far(summary: str) -> str:
    return f"いまの概要: {summary}"


def form_summary_prompt(has_summary: bool) -> str:
    keep = "（Enter だけなら いまの概要のまま）" if has_summary else ""
    return f"概要（子どもの氏名や電話番号は書かないでください）{keep}> "


def form_summary_too_long(limit: int, length: int) -> str:
    return f"概要は{limit}文字までです（いま{length}文字）。短くして入れ直してください。"


def form_use_anyway() -> str:
    return "このまま使いますか？（はい/いいえ）> "


def form_consent_choices() -> str:
    return "保護者の同意: 1 あり / 2 なし / 3 未確認 / 4 取得不適（虐待が疑われるときなど。同意がなくても相談できます）"


def form_contact_prompt() -> str:
    return "連絡のつきやすい時間（なければ空で Enter）> "


def form_prefilled(urgent: bool, categories: tuple[str, ...]) -> str:
    parts = (["至急"] if urgent else []) + (
        ["困りごと「" + "・".join(categories) + "」"] if categories else []
    )
    return f"{'と'.join(parts)}を選んであります（変えられます）。"


def form_review(rows: list[tuple[str, str]]) -> str:
    """The whole form before sending, each item with the number that changes it."""
    lines = [f"  {i} {item}: {value}" for i, (item, value) in enumerate(rows, 1)]
    return "\n".join(["確認:", *lines])


def form_send_prompt(count: int) -> str:
    return f"この内容で送りますか？（はい / 直す項目の番号 1〜{count}）> "


def form_send_retry(count: int) -> str:
    return f"送るときは「はい」、直すときは項目の番号（1〜{count}）を入れてください。"


def form_which_item(count: int) -> str:
    return f"直す項目の番号（1〜{count}）> "


def form_number_retry() -> str:
    return "数字で入れてください（例: 2）。"


def form_pick_retry(count: int) -> str:
    return f"1〜{count} の番号で選んでください。"


def console_greeting() -> str:
    return "madoguchi です。子どもの支援窓口について聞いてください。SSWへの相談は「SSWに相談したい」（終わるときは「終了」）。"


def console_file_offer() -> str:
    return "続けて至急の相談票を作りますか？（はい/いいえ。ほかの質問もそのまま入力できます）> "


def console_feedback_prompt() -> str:
    return "役に立ちましたか？（はい/いいえ。次の質問もそのまま入力できます）> "


def console_feedback_thanks() -> str:
    return "ありがとうございます。"


def console_feedback_sorry() -> str:
    return "すみません。この質問は、窓口ディレクトリを直す人に届けます（名前や番号は消して保存します）。"


def console_your_consult(line: str) -> str:
    return f"あなたの相談: {line}"


def console_news(line: str) -> str:
    return f"［お知らせ］{line}"


def console_question_prompt() -> str:
    return "質問> "


def form_consent_prompt() -> str:
    return "番号> "


def form_grade_value(grade: int) -> str:
    return f"{grade}年"


def form_categories_value(categories: tuple[str, ...]) -> str:
    return "・".join(categories)


def form_contact_value(contact_time: str) -> str:
    return contact_time or "なし"


# the items of the form, in the order asked; the number a person types to change one is its place
FORM_ITEMS = (
    "学校",
    "学年",
    "困りごと",
    "至急かどうか",
    "概要",
    "保護者の同意",
    "連絡のつきやすい時間",
)

# Words the console reads from the person. Constants, not YAML: a few words each, and the
# prompts above name them (「はい/いいえ」, 「キャンセル」, 「終了」), so a prompt and the
# words it accepts change together in this one file; nobody grows these lists as data.
# Replies are compared after strip() and, except FORM_CANCEL_WORDS, lower().

CHAT_QUIT_WORDS = frozenset({"exit", "quit", "終了", "おわり", "q"})
CHAT_YES = frozenset({"はい", "y", "yes"})
CHAT_NO = frozenset({"いいえ", "n", "no"})
FORM_CANCEL_WORDS = frozenset({"キャンセル", "cancel", "やめる", "中止"})
# in the form, 1 and 2 are the choices' numbers and 至急/通常 the urgency's own words
FORM_YES = frozenset({"はい", "y", "yes", "1", "至急"})
FORM_NO = frozenset({"いいえ", "n", "no", "2", "通常"})
# what an input method types for a number or a list of numbers (２、７), read as 2,7
FORM_NUMBERS_AS_TYPED = str.maketrans("０１２３４５６７８９、，", "0123456789,,")
# what may follow a grade's number and is ignored (2年, 2年生)
FORM_GRADE_SUFFIX_CHARACTERS = "年生"


# The terminal: notifications printed by `madoguchi dispatch` where there is no Slack, and
# Slack's emoji codes as words when an answer is shown as plain text.


def terminal_to_channel() -> str:
    return "SSWチャンネル"


def terminal_to_person(name: str) -> str:
    return f"{name}さんへ"


def terminal_posted(to: str, line: str) -> str:
    return f"[{to}] {line}"


def terminal_updated(to: str, ref: str, line: str) -> str:
    """A notification that replaces the one printed as ``ref``."""
    return f"[{to} 更新 {ref}] {line}"


def terminal_link(text: str, url: str) -> str:
    return f"{text}（{url}）"


# emoji codes that carry meaning get words; the rest are dropped
TERMINAL_EMOJI_WORDS = {"rotating_light": "【緊急】", "warning": "【注意】"}
