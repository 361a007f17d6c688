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


# --- the words of Slack's blocks: buttons, forms, the queue channel, App Home ---

URGENT_CONSULT_BUTTON = "至急でSSWに相談する"
CONSULT_BUTTON = "SSWに相談する"
HOURS_TODAY_BUTTON = "今日の開館時間"
FEEDBACK_GOOD_BUTTON = "役に立った"
FEEDBACK_BAD_BUTTON = "違った"

FEEDBACK_THANKS = "ありがとうございます。今後の改善に使います。"
FEEDBACK_SORRY = "ありがとうございます。合わなかった質問として記録し、窓口ディレクトリの見直しに使います（個人が分かる部分は消して保存します）。"

CONSULT_FORM_TITLE = "SSWへの相談"
CONSULT_FORM_SUBMIT = "送信"
CONSULT_FORM_CANCEL = "キャンセル"
SCHOOL_PLACEHOLDER = "例: 第三中学校"
SCHOOL_NAME_LABEL = "学校名"
SCHOOL_LABEL = "学校"
SCHOOL_SELECT_PLACEHOLDER = "学校名を入力して選ぶ"
SCHOOL_OTHER_LABEL = "一覧にない学校"
SCHOOL_OTHER_HINT = (
    "一覧にないときだけ書きます（例: 桜野小学校）。中学校区が分からないため、SSW全員に届けます。"
)
GRADE_LABEL = "学年"
CATEGORIES_LABEL = "困りごと（複数可）"
URGENCY_LABEL = "急ぎ"
SUMMARY_LABEL = "概要"
SUMMARY_HINT = "氏名は書かず「5年女子」のように。事実と、SSWにお願いしたいことを。"
CONSENT_LABEL = "保護者の同意"
CONSENT_HINT = "虐待が疑われるときは「取得不適」。同意がなくても相談できます。"
CONTACT_TIME_LABEL = "連絡のつきやすい時間"


def grade_option(grade: int) -> str:
    return f"{grade}年"


# two fields a refusal (choice_not_offered) names otherwise than the form's label does
URGENCY_FIELD = "緊急度"
CATEGORIES_FIELD = "困りごと"


def close_form_title(number: str) -> str:
    return f"完了 {number}"


CLOSE_FORM_SUBMIT = "完了にする"
CLOSE_FORM_CANCEL = "やめる"
OUTCOME_LABEL = "結果"
NOTE_LABEL = "メモ（SSWと相談者だけが見ます）"


def details_title(number: str) -> str:
    return f"相談 {number}"


DETAILS_CLOSE = "閉じる"
DETAILS_VIEWING_LOGGED = "この閲覧は記録されます。内容をチャンネルに貼らないでください。"

URGENT_HEADING = ":rotating_light: *至急* "
CLAIM_BUTTON = "担当する"
START_BUTTON = "対応中"
CLOSE_BUTTON = "完了"
DETAILS_BUTTON = "詳細を見る"
TAKE_OVER_BUTTON = "引き継ぐ"

HOME_TITLE = "madoguchi（窓口）"
HOME_MINE = "担当中の相談"
HOME_MINE_EMPTY = "担当中の相談はありません。"
HOME_UNCLAIMED = "担当が決まっていない相談"
HOME_UNCLAIMED_EMPTY = "担当待ちの相談はありません。"
HOME_FILED = "あなたが出した相談"
HOME_FILED_EMPTY = "まだ相談は出していません。"
# the general window the seeds send everyone to, named when the directory has none for the city
GENERAL_WINDOW_UNREGISTERED = "子ども家庭支援センター"


def missing_settings(names: list[str]) -> str:
    """What to set to run on Slack, and where to start without it."""
    return (
        "Slack で動かすには環境変数 "
        + "、".join(names)
        + " が必要です（README「Slack に入れる」を参照）。"
        "Slack なしで試すときは `madoguchi console` を使ってください。"
    )
