"""Japanese wording for consults outside Slack's blocks: lists, notices, confirmations.

Built from the channel view only (no summary), so any of these lines may be
shown in a shared place.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from consults.model import Consult, Outcome, Urgency
from consults.notifications import NO_NAMES, channel_view
from directory.calendar import TOKYO

EVENTS = {
    "received": "受け付けました",
    "claimed": "担当が決まりました",
    "reassigned": "担当が替わりました",
    "started": "対応を始めました",
    "closed": "対応が完了しました",
}


def after_hours(safety: list[str] | None) -> str:
    """An escalation sent outside business hours; ``safety``: the directory's lines for
    immediate danger and abuse (110, 189), carried in the notice."""
    text = "いまは業務時間外のため、SSWが見ていない可能性があります。"
    if safety:
        immediate, abuse = safety
        text += f"子どもが今危ないときは {immediate}、虐待が疑われるときは {abuse}（24時間）へ電話してください。"
    return text


UNKNOWN_SCHOOL = "学校が一覧（routing.yaml）にないため、SSW全員に届けています。"


def person(view: dict[str, Any]) -> str:
    """The assignee by name when the routing file gives one, else by id."""
    return str(view.get("assignee_name") or view.get("assignee") or "")


def consult_line(consult: Consult, names: Mapping[str, str] = NO_NAMES) -> str:
    return (
        channel_line(channel_view(consult, names))
        + f"（受付 {consult.created_at.astimezone(TOKYO).strftime('%m/%d %H:%M')}）"
    )


def channel_line(view: dict[str, Any]) -> str:
    urgent = "【至急】" if view["urgency"] == Urgency.URGENT else ""
    assignee = f" 担当: {person(view)}" if view.get("assignee") else " 担当: 未定"
    return f"{urgent}{view['number']} {view['school_type']}{view['grade']}年 {'・'.join(view['categories'])} — {view['status']}{assignee}"


def notification_line(kind: str, payload: dict[str, Any]) -> str:
    if kind == "directory_problem":
        return "\n".join(
            [
                "窓口ディレクトリの変更を受け付けませんでした。直すまでは前のディレクトリで答えています。",
                *(f"• {problem}" for problem in payload["problems"]),
            ]
        )
    view = payload["consult"]
    mention = " ".join(f"@{u}" for u in payload.get("mention_names", payload.get("mention", [])))
    if kind == "queue_post":
        line = f"新しい相談 {channel_line(view)} {mention}".strip()
        return line if payload.get("known_school", True) else f"{line}\n{UNKNOWN_SCHOOL}"
    if kind == "escalation":
        line = f"至急の相談がまだ担当未定です {channel_line(view)} {mention}".strip()
        return (
            f"{line}\n{after_hours(payload.get('safety'))}" if payload.get("after_hours") else line
        )
    if kind == "reminder":
        return f"担当が決まっていない相談があります {channel_line(view)}"
    if kind == "requester_notice":
        return requester_line(payload)
    if kind == "assignee_notice":
        return assignee_line(payload)
    return channel_line(view)


def requester_line(payload: dict[str, Any]) -> str:
    """The requester's notice: what happened to their consult, who did it, by name."""
    view = payload["consult"]
    event = payload.get("event", "")
    said = EVENTS.get(event, "状態が変わりました")
    if event in ("claimed", "started") and view.get("assignee"):
        said += f"（担当: {person(view)}さん）"
    elif event == "reassigned":
        former = f"{payload['former']}さんから" if payload.get("former") else ""
        said += f"（{former}{person(view)}さんへ）"
    elif event == "closed":
        by = f"{payload['by']}さん、" if payload.get("by") else ""
        said += f"（{by}結果: {payload['outcome']}）" if payload.get("outcome") else ""
    line = f"あなたの相談 {view['number']}: {said}"
    if event == "received":
        line += "。担当が決まったらお知らせします。"
        if not payload.get("known_school", True):
            line += UNKNOWN_SCHOOL
    return "\n".join([line, *(f"注意: {w}" for w in payload.get("warnings", []))])


def assignee_line(payload: dict[str, Any]) -> str:
    """An SSW told that a consult was handed to them, or taken over from them."""
    view = payload["consult"]
    by, former, now = payload.get("by"), payload.get("former"), person(view)
    if payload.get("action") == "withdraw":
        return f"相談 {view['number']} は相談した人が取り下げました。 {channel_line(view)}"
    if payload.get("action") == "take_over":
        return f"相談 {view['number']} を {now}さんが{f' {former}さんから' if former else ''}引き継ぎました。 {channel_line(view)}"
    return f"相談 {view['number']} の担当が {now}さんになりました（{by}さんが替えました）。 {channel_line(view)}"


def details_text(consult: Consult, names: Mapping[str, str] = NO_NAMES) -> str:
    """For SSWs and the requester only (the caller has checked and audited)."""
    lines = [
        consult_line(consult, names),
        f"学校: {consult.school}（{consult.district or '中学校区の登録なし・SSW全員に届けました'}）",
        f"保護者の同意: {consult.consent.value} / 連絡のつきやすい時間: {consult.contact_time or 'なし'}",
        f"概要: {consult.summary if consult.summary is not None else '（消去済み）'}",
    ]
    if consult.outcome:
        lines.append(f"結果: {consult.outcome.value} {consult.outcome_note or ''}".rstrip())
    return "\n".join(lines)


# --- sentences of the queue's rules: the school, the grade, who may do what, the text ---


def text_too_long(label: str, limit: int) -> str:
    return f"{label}は{limit}文字までにしてください。"


def text_unusable_characters(label: str) -> str:
    return f"{label}に使えない文字（制御文字や壊れた文字）が含まれています。普通の文字だけで書き直してください。"


def school_missing() -> str:
    return "学校名を入れてください（例: 第三中学校、三中）。"


def school_type_unclear(written: str) -> str:
    return f"「{written}」が小学校か中学校か分かりません。「〇〇小学校」「〇〇中」のように入れてください。"


def grade_out_of_range(school_type: str, first: int, last: int) -> str:
    return f"{school_type}の学年は {first}〜{last} です。"


def school_understood(name: str, district: str) -> str:
    return f"「{name}」（{district}）として受け付けます。"


def school_unknown(written: str) -> str:
    return f"「{written}」は学校の一覧（routing.yaml）にないため、SSW全員に届けます。"


def not_permitted(action: str, who: list[str], assignee: str | None) -> str:
    whose = f"（いまの担当: {assignee}さん）" if assignee else ""
    return f"「{action}」は{'か'.join(who)}だけができます{whose}。"


def take_over_hint() -> str:
    return "担当を引き受けるときは「引き継ぐ」を使ってください（記録され、担当だったSSWにも知らせます）。"


def not_in_this_status(status: str, action: str) -> str:
    return f"この相談は「{status}」なので「{action}」はできません。"


def not_an_ssw(user: str) -> str:
    return f"{user} さんはSSWとして登録されていません（routing.yaml の ssws を確かめてください）。"


# --- what the queue's values are called --------------------------------------------------

# the seed's column names; the stored word (consults/data/stored_words.yaml) may be shorter
OUTCOME_LABELS = {
    Outcome.RESOLVED: "解決",
    Outcome.IMPROVING: "支援中であるが好転",
    Outcome.ONGOING: "支援中",
    Outcome.OTHER: "その他",
}

# the supervisor's name when routing.yaml gives none (``supervisor_name``)
SUPERVISOR_NAME = "SSW統括"

# each move of consults.lifecycle.Action, by its value, as a refusal names it
ACTION_WORDS = {
    "claim": "担当する",
    "start": "対応中にする",
    "close": "完了にする",
    "reassign": "担当を替える",
    "take_over": "引き継ぐ",
    "withdraw": "取り下げる",
    "add_info": "情報を追加する",
    "view": "詳細を見る",
    "purge": "自由記述を消す",
}

# each consults.lifecycle.Role, by its value, as "…だけができます" names it
ROLE_WORDS = {
    "assignee": "この相談の担当SSW",
    "supervisor": SUPERVISOR_NAME,
    "ssw": "SSW",
    "requester": "相談を出した本人",
}

# the fields of a consult, as a sentence about their text names them
FIELD_LABELS = {
    "school": "学校名",
    "summary": "概要",
    "contact_time": "連絡のつきやすい時間",
    "note": "メモ",
}


def not_a_new_assignee(action: str, who: list[str], user: str) -> str:
    """A move that hands the consult to someone the lifecycle does not let hold it."""
    return f"「{action}」で担当にできるのは{'か'.join(who)}だけです（{user} さんは違います）。"


# --- the queue's errors -------------------------------------------------------------------


def consult_not_found(number: str) -> str:
    return f"相談番号 {number} は見つかりません。番号を確かめてください（例: 2026-0042）。"


def already_claimed(number: str, assignee: str) -> str:
    return f"{number} はすでに {assignee} さんが担当しています。"


ANOTHER_SSW = "ほかのSSW"  # who won a claim, when the routing file cannot name them


def draft_problems(problems: list[str]) -> str:
    return "相談票に直すところがあります: " + " ".join(problems)


STORAGE_UNAVAILABLE = {
    "save": "相談を保存できませんでした（データベースにつながりません）。入力した内容は下に残しています。少し待ってもう一度送ってください。",
    "read": "相談を読み出せませんでした（データベースにつながりません）。何も変わっていません。少し待ってもう一度試してください。",
    "connect": "データベースにつながりません。DATABASE_URL（既定は MADOGUCHI_DATA_DIR の SQLite）とデータベースの状態を確かめて、もう一度試してください。",
}


def updated_by_someone_else() -> str:
    return "ほかの人が先にこの相談を更新しました。もう一度開いて確かめてください。"


# --- the consult form ---------------------------------------------------------------------


def categories_missing() -> str:
    return "困りごとを1つ以上選んでください。"


def categories_not_offered(unknown: list[str]) -> str:
    return f"選べない困りごとがあります: {'、'.join(unknown)}"


def summary_missing() -> str:
    return "概要を書いてください（子どもの氏名は書かないでください）。"


def added_info_missing() -> str:
    return "追加する内容を書いてください。"


def added_info(stamp: str, text: str) -> str:
    """What 情報を追加する appends to the summary: when, and the text."""
    return f"\n[追記 {stamp}] {text}"


# --- a child's identity in the text (consults.privacy) ------------------------------------


def phone_number_warning() -> str:
    return "電話番号のような数字があります。相談票には書かないでください。"


def name_warning(word: str) -> str:
    return f"「{word}」は名前のようです。子どもの氏名は書かず「5年女子」のように書いてください。"


def full_name_warning() -> str:
    return "氏名のような書き方があります。子どもの氏名は書かないでください。"


REDACTED_PHONE = "＊＊＊"  # what a kept question shows instead of a phone number
REDACTED_NAME = "＊＊"  # … instead of a name (the honorific stays: ＊＊さん)


# --- problems of the queue's files, at file:line: (what is wrong, how to fix it) ---------


def routing_school_unreadable(entry: object) -> tuple[str, str]:
    return (
        f"学校の書き方が読めません: {entry!r}",
        "学校名だけ（第三中学校）か {name: 第三中学校, also: [三中]} の形で書きます",
    )


def routing_ssw_not_listed(district: str, ssw: str) -> tuple[str, str]:
    return f"{district} のSSW '{ssw}' が ssws にいません", "ssws に足すか user を直します"


def routing_school_type_unknown(name: str) -> tuple[str, str]:
    return (
        f"学校 '{name}' が小学校か中学校か分かりません",
        "正式名（〇〇小学校・〇〇中学校）で書きます",
    )


def routing_school_in_two_districts(name: str, first: str, second: str) -> tuple[str, str]:
    return (
        f"学校 '{name}' が2つの中学校区（{first}・{second}）にあります",
        "どちらか一方にします",
    )


def routing_name_of_two_schools(written: str, other: str) -> tuple[str, str]:
    return (
        f"'{written}' が '{other}' と同じ学校に読めます（2つの学校に同じ呼び名）",
        "どちらかの学校の also から外すか、正式名を確かめます",
    )


def pattern_unreadable(error: str) -> tuple[str, str]:
    return (
        f"正規表現として読めません: {error}",
        "Python の正規表現で書き、括弧と [ ] の対応を確かめます",
    )


def pattern_without_honorific_group() -> tuple[str, str]:
    return (
        "敬称を囲む ( ) がありません",
        "名前の後の敬称を (さん|くん) のように ( ) で囲みます。伏せるときも敬称は残ります",
    )


def not_name_in_upper_case(word: str) -> tuple[str, str]:
    return (
        f"'{word}' に大文字があります。本文は小文字にしてから比べます",
        f"'{word.lower()}' と小文字で書きます",
    )
