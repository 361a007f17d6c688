"""Japanese wording for consults outside Slack's blocks: lists, notices, confirmations.

Built from the channel view only (no summary), so any of these lines may be
shown in a shared place.
"""

from __future__ import annotations

from typing import Any

from bot.queue.model import Consult
from bot.queue.notifications import channel_view
from directory.calendar import TOKYO

EVENTS = {
    "received": "受け付けました",
    "claimed": "担当が決まりました",
    "closed": "対応が完了しました",
}


def consult_line(consult: Consult) -> str:
    return (
        channel_line(channel_view(consult))
        + f"（受付 {consult.created_at.astimezone(TOKYO).strftime('%m/%d %H:%M')}）"
    )


def channel_line(view: dict[str, Any]) -> str:
    urgent = "【至急】" if view["urgency"] == "至急" else ""
    assignee = f" 担当: {view['assignee']}" if view.get("assignee") else " 担当: 未定"
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
    mention = " ".join(f"@{u}" for u in payload.get("mention", []))
    if kind == "queue_post":
        return f"新しい相談 {channel_line(view)} {mention}".strip()
    if kind == "escalation":
        return f"至急の相談がまだ担当未定です {channel_line(view)} {mention}".strip()
    if kind == "reminder":
        return f"担当が決まっていない相談があります {channel_line(view)}"
    if kind == "requester_notice":
        event = EVENTS.get(payload.get("event", ""), "状態が変わりました")
        outcome = f"（{payload['outcome']}）" if payload.get("outcome") else ""
        line = f"あなたの相談 {view['number']}: {event}{outcome}"
        if payload.get("event") == "received":
            line += "。担当が決まったらお知らせします。"
        return "\n".join([line, *(f"注意: {w}" for w in payload.get("warnings", []))])
    return channel_line(view)


def details_text(consult: Consult) -> str:
    """For SSWs and the requester only (the caller has checked and audited)."""
    lines = [
        consult_line(consult),
        f"学校: {consult.school}（{consult.district or '中学校区の登録なし'}）",
        f"保護者の同意: {consult.consent.value} / 連絡のつきやすい時間: {consult.contact_time or 'なし'}",
        f"概要: {consult.summary if consult.summary is not None else '（消去済み）'}",
    ]
    if consult.outcome:
        lines.append(f"結果: {consult.outcome.value} {consult.outcome_note or ''}".rstrip())
    return "\n".join(lines)
