"""Sentences only Slack shows: the modal's safety line, App Home, install pages, refusals of
payloads Slack would not send."""

from __future__ import annotations

from answers.messages import NOT_WATCHED


def modal_warning(safety: tuple[str, str] | None) -> str:
    """The consult form's first line; ``safety``: the directory's lines for immediate
    danger and abuse (110, 189)."""
    if safety is None:
        urgent = "*子どもが今危ないときは、相談票を待たずに警察や児童相談所へ。*"
    else:
        urgent = f"*子どもが今危ないときは、相談票を待たずに {safety[0]} / {safety[1]} へ。*"
    return f"子どもの氏名・電話番号は書かないでください。{urgent} このボットは24時間見守られていません。"


def home_first_calls(general_window: str, abuse: str | None, child: str | None) -> str:
    """The home tab's first places to turn: the general window, then the lines for abuse
    (189) and for the child's own voice (24時間子供SOSダイヤル) when the directory has them."""
    lines = [f"迷ったら総合相談窓口「{general_window}」へ。"]
    calls = [
        f"*{abuse}*（虐待の疑い・24時間）" if abuse else "",
        f"*24時間子供SOSダイヤル {child}*" if child else "",
    ]
    if any(calls):
        lines.append(" / ".join(c for c in calls if c))
    return "\n".join([*lines, NOT_WATCHED])


def workspace_not_set_up(abuse: str | None) -> str:
    """``abuse``: the directory's line for abuse (189)."""
    text = "このワークスペースはまだ市区町村の窓口データに結びつけられていないため、お答えできません。madoguchi の管理者に連絡してください。"
    return text + (f"急ぎのときは {abuse}（児童相談所）へ。" if abuse else "")


def choice_not_offered(label: str) -> str:
    return f"{label}は一覧から選び直してください。"


def form_not_ours() -> str:
    return "このフォームは読み取れませんでした。閉じてから、もう一度開き直してください。"


def button_not_ours() -> str:
    return "このボタンは読み取れませんでした。メッセージを開き直してから、もう一度押してください。"


INSTALL_PAGE_TITLE = "madoguchi を Slack に追加する"
INSTALL_PAGE_LEAD = (
    "市区町村の Slack ワークスペースに madoguchi（子どもの支援窓口の案内と SSW への相談）を入れます。"
    "ワークスペースの管理者の方が押してください。"
)
INSTALL_BUTTON = "Slack に追加"
INSTALLED_TITLE = "madoguchi をインストールしました"
INSTALL_FAILED_TITLE = "インストールできませんでした"


def installed_and_mapped(team: str, municipality: str) -> list[str]:
    return [
        f"このワークスペース（{team}）は{municipality}の窓口データにつながっています。",
        "SSW の相談キュー用チャンネルで /invite @madoguchi と入力して招待すれば、使い始められます。",
    ]


def installed_not_mapped(team: str) -> list[str]:
    return [
        f"このワークスペースのID は {team} です。",
        "まだどの市区町村の窓口データにもつながっていないため、質問には答えられません。"
        "madoguchi の運用担当者にこのIDを伝えてください（ワークスペース対応表に加えると使えるようになります）。",
    ]


def install_failed(reason: str) -> list[str]:
    return [
        f"理由: {reason}",
        "もう一度この画面の最初（/slack/install）から始めてください。"
        "続くときは、この画面を madoguchi の運用担当者に見せてください。",
    ]
