"""Every sentence of an answer, in one place to read and review: the emergency lines, the
hours, the headers, the fallbacks. ``answers.render`` and the engine call these; the edge
(Slack blocks, the terminal) shows what they return."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, datetime

from answers.reasons import Reason, Why

WEEKDAYS = "月火水木金土日"
NOT_REGISTERED = "登録されていません"
NOT_WATCHED = "※このボットは24時間見守られていません。急ぐときは上の電話へ直接かけてください。"
EMERGENCY_HEADER = ":rotating_light: *緊急の可能性があります。まず子どもの安全を確保してください。*"


def emergency_line(say: str, number: str) -> str:
    """One line of an emergency answer: its sentence from the directory (national.yaml's
    ``emergency.say``) with its number."""
    return "• " + say.replace("{number}", number)


def unknown_danger_level(level: str, known: tuple[str, ...]) -> tuple[str, str]:
    """A directory's emergency line names a danger level the understanding has not: what is
    wrong, and how to fix it."""
    return f"知らない危険の種類 '{level}'", "次から選びます: " + "、".join(known)


def caution_line(immediate: str, abuse: str) -> str:
    """The last line of an answer whose question had words of danger that made no emergency."""
    return f"※子どもに今危険が迫っているときは *{immediate}*、虐待が疑われるときは *{abuse}*（24時間）へ、ボットを待たずに電話してください。"


EMERGENCY_CONSULT_OFFER = (
    "SSWへの「至急」の相談も出せます（Slackでは `/ssw`、ターミナルでは `madoguchi console` で「SSWに相談したい」）。"
    "ただし相談票は通告の代わりにはなりません。"
)


def help_text(numbers: tuple[str, str] | None) -> str:
    """What madoguchi does, with the numbers to call rather than wait for it (the lines for
    immediate danger and for abuse, from the directory; a directory without them, none)."""
    if numbers is None:
        return _HELP_TEXT.rsplit("\n", 1)[0]
    immediate, abuse = numbers
    return _HELP_TEXT.format(immediate=immediate, abuse=abuse)


_HELP_TEXT = (
    "madoguchi は、子どものことで困ったときに「どの窓口が何をしてくれるか」を答えるボットです。\n"
    "• 例: 「不登校の相談はどこ？」「はらっぱ今日あいてる？」「子家センの電話番号」\n"
    "• 窓口の名前・電話・住所・今開いているか・つなぎ方を答えます。\n"
    "• SSWへの相談は「SSWに相談したい」（Slackでは `/ssw`）から出せます。\n"
    "• 子どもが危ないときは、ボットを待たずに *{immediate}* / *{abuse}* へ。"
)
CONSULT_REQUEST_TEXT = (
    "SSWへの相談は相談票で出せます。Slackでは `/ssw`、ターミナルでは `madoguchi console` で「SSWに相談したい」と入力すると、"
    "学校・学年・困りごと・至急かどうか・概要を聞いて、その学校の中学校区のSSWに届けます。"
    "概要には子どもの氏名を書かないでください。"
)
UNKNOWN_TEXT = "すみません、その質問に合う窓口は見つかりませんでした。子どもや家庭の困りごとなら、言い方を変えて聞いてください。"
NO_MATCH_TEXT = "この内容に合う窓口は{city}のディレクトリに登録されていません。"
NO_MATCH_GENERAL_TEXT = "この内容に合う窓口は{city}のディレクトリに登録されていません。迷ったときの総合相談窓口はこちらです。"
ALL_DAY_RANGE = "0:00-24:00"  # a 24-hour line's hours: said as 24時間
FALLBACK_LINE = "迷ったら総合相談窓口「{name}」へ{phone}。"
CLARIFY_TEXT = "どちらのことですか？ {choices}"
FIND_HEADER = "{needs}なら、{city}では次の窓口が合いそうです。"
FIND_HEADER_NO_NEEDS = "{city}の窓口です。"
OPEN_NOW = "今 *開いています*"
CLOSED_NOW = "今 *閉まっています*"
LINE_OPEN_NOW = "今 *つながります*"
LINE_CLOSED_NOW = "今 *つながりません*"
HOURS_UNKNOWN = "開いている時間は" + NOT_REGISTERED


def today_hours(hours: str, now: datetime) -> str:
    return f"今日（{short_date(now.date())}）は {hours}"


def open_all_day(now: datetime) -> str:
    return f"今日（{short_date(now.date())}）は 24時間"


def closed_today(reason: str | None, now: datetime) -> str:
    why = f"（{reason}）" if reason else ""
    return f"今日（{short_date(now.date())}）は休み{why}"


def closes_at(when: datetime) -> str:
    return f"{when.hour}:{when.minute:02d}まで"


def next_opening(when: datetime) -> str:
    return f"次は {short_date(when.date())} {when.hour}:{when.minute:02d}から"


def asked_day(day: date, hours: str | None) -> str:
    if hours == ALL_DAY_RANGE:
        hours = "24時間"
    return f"{short_date(day)}は {hours}" if hours else f"{short_date(day)}は休み"


def short_date(day: date) -> str:
    return f"{day.month}/{day.day}({WEEKDAYS[day.weekday()]})"


def open_now_header(city: str, now: datetime) -> str:
    return f"{city}で今（{short_date(now.date())} {now:%H:%M}）つながる窓口です。"


def nothing_open_now(city: str, now: datetime) -> str:
    return f"{city}で今（{short_date(now.date())} {now:%H:%M}）つながると分かっている窓口はありません。"


def open_at_header(city: str, at: datetime) -> str:
    return f"{city}で{short_date(at.date())} {at:%H:%M}につながる窓口です。"


def nothing_open_at(city: str, at: datetime) -> str:
    return f"{city}で{short_date(at.date())} {at:%H:%M}につながると分かっている窓口はありません。"


def open_on_day_header(city: str, day: date) -> str:
    return f"{city}で{short_date(day)}に開いている窓口です。"


def nothing_open_on_day(city: str, day: date) -> str:
    return f"{city}で{short_date(day)}に開いていると分かっている窓口はありません。"


def phone_line(number: str, label: str) -> str:
    return f"☎ {number}（{label}）"


def phones_unknown() -> str:
    return f"電話: {NOT_REGISTERED}"


def address_line(address: str | None) -> str:
    return f"住所: {address or NOT_REGISTERED}"


def serves_line(stages: tuple[str, ...]) -> str:
    return f"対象: {'・'.join(stages)}"


def referral_line(how: str) -> str:
    return f"つなぎ方: {how}"


REASON_WORDS = {
    Why.SERVES_AGES: "対象年齢",
    Why.NATIONAL_LINE: "全国共通",
    Why.SSW_CONSULT: "SSWへの相談",
    Why.GENERAL_WINDOW: "迷ったときの総合相談窓口",
    Why.FALLBACK: "総合相談窓口",
    Why.OPEN_NOW: "いまつながる窓口",
    Why.OPEN_ON_DAY: "その日に開いている窓口",
    Why.OPEN_AT: "その時間につながる窓口",
}


def reasons_text(reasons: tuple[Reason, ...]) -> str:
    """Why a window is shown, after its name; a window the asker named needs no reason."""
    return "・".join(
        words_joined(r.words) if r.words else REASON_WORDS[r.why]
        for r in reasons
        if r.why is not Why.NAMED
    )


def words_joined(words: Iterable[str]) -> str:
    """Needs or stages said together: 不登校・いじめ."""
    return "・".join(words)


def listed(items: Iterable[str]) -> str:
    """Items of a sentence: 電話、来所."""
    return "、".join(items)


def kind_not_registered(kind: str, city: str, with_line: bool) -> str:
    """A kind of window named generically (児相) that the asker's city has no record of."""
    text = f"「{kind}」は{city}の窓口としてはディレクトリに登録されていません。"
    if with_line:
        return text + "全国共通の番号なら、どこからでもつながります。"
    return text + "迷ったときは総合相談窓口へ。"


def local_window_line(name: str, phones: str, status: str) -> str:
    """Under an emergency answer: the asker's own window for the child, after the lines."""
    return f"• 地域の窓口: {name} {phones} — {status}"


PHONE_SEPARATOR = " ／ "


def parenthesized(text: str) -> str:
    return f"（{text}）"


def clauses(first: str, then: str) -> str:
    """Two clauses of one sentence: 9:00-17:00、17:00まで."""
    return f"{first}、{then}"


def sentences(first: str, then: str) -> str:
    """A sentence followed by another: …閉まっています（…）。次は…."""
    return f"{first}。{then}"
