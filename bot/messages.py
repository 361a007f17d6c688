"""Every Japanese sentence madoguchi shows to people, in one place to read and review.

Code elsewhere never writes user-facing Japanese inline; it calls these.
"""

from __future__ import annotations

from datetime import date, datetime

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
GENERAL_WINDOW_REASON = "迷ったときの総合相談窓口"
OPEN_NOW_REASON = "いまつながる窓口"
OPEN_ON_DAY_REASON = "その日に開いている窓口"
OPEN_AT_REASON = "その時間につながる窓口"
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


def reasons_text(reasons: tuple[str, ...]) -> str:
    return "・".join(reasons)


# --- CLI and loading errors: one sentence and what to do next ---


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


def internal_error() -> str:
    return "すみません、処理中に問題が起きました。時間をおいてもう一度試してください。続くときは管理者に連絡してください。"


def workspace_not_set_up(abuse: str | None) -> str:
    """``abuse``: the directory's line for abuse (189)."""
    text = "このワークスペースはまだ市区町村の窓口データに結びつけられていないため、お答えできません。madoguchi の管理者に連絡してください。"
    return text + (f"急ぎのときは {abuse}（児童相談所）へ。" if abuse else "")


# --- The edge: text that cannot be stored, and payloads Slack would not send ---


def text_too_long(label: str, limit: int) -> str:
    return f"{label}は{limit}文字までにしてください。"


def text_unusable_characters(label: str) -> str:
    return f"{label}に使えない文字（制御文字や壊れた文字）が含まれています。普通の文字だけで書き直してください。"


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


def kind_not_registered(kind: str, city: str, with_line: bool) -> str:
    """A kind of window named generically (児相) that the asker's city has no record of."""
    text = f"「{kind}」は{city}の窓口としてはディレクトリに登録されていません。"
    if with_line:
        return text + "全国共通の番号なら、どこからでもつながります。"
    return text + "迷ったときは総合相談窓口へ。"


# --- the SSW consult queue (bot/queue/, the console form, the queue commands) ---


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


# --- the consult form in the terminal (bot/consult_form.py) ---


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


# --- the console (bot/console.py) ---


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


# --- command-line usage errors (bot/cli_parser.py) ---


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


# --- the yearly report (bot/queue/report.py) ---


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
