"""Japanese wording for consults outside Slack's blocks: lists, notices, confirmations.

Built from the channel view only (no summary), so any of these lines may be
shown in a shared place.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from consults.model import Consult
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
    urgent = "【至急】" if view["urgency"] == "至急" else ""
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
