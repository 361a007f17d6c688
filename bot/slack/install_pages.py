"""The pages a municipality's Slack admin sees while installing the app, in Japanese.

Bolt's own install, success and failure pages are English; these replace them
through Bolt's hooks (``OAuthFlow.build_install_page_html`` and the callback
options). The success page says whether the workspace is already mapped to a
municipality, and if not, shows the team id that operations need for the map.
"""

from __future__ import annotations

import html
from collections.abc import Callable, Sequence

from slack_bolt.oauth import OAuthFlow
from slack_bolt.oauth.callback_options import CallbackOptions, FailureArgs, SuccessArgs
from slack_bolt.request import BoltRequest
from slack_bolt.response import BoltResponse

from bot.messages import slack as msg


def html_headers() -> dict[str, str | Sequence[str]]:
    return {"Content-Type": "text/html; charset=utf-8"}


class JapaneseOAuthFlow(OAuthFlow):
    """Bolt's OAuth flow, with the install page in Japanese."""

    def build_install_page_html(self, url: str, request: BoltRequest) -> str:
        button = f'<p><a class="button" href="{html.escape(url)}">{msg.INSTALL_BUTTON}</a></p>'
        return page(msg.INSTALL_PAGE_TITLE, [msg.INSTALL_PAGE_LEAD], button)


def callback_options(municipality_of: Callable[[str], str | None]) -> CallbackOptions:
    """Success and failure pages; ``municipality_of(team)`` is None for an unmapped team."""

    def success(args: SuccessArgs) -> BoltResponse:
        team = args.installation.team_id or ""
        municipality = municipality_of(team)
        lines = (
            msg.installed_and_mapped(team, municipality)
            if municipality
            else msg.installed_not_mapped(team)
        )
        return BoltResponse(
            status=200, body=page(msg.INSTALLED_TITLE, lines), headers=html_headers()
        )

    def failure(args: FailureArgs) -> BoltResponse:
        body = page(msg.INSTALL_FAILED_TITLE, msg.install_failed(args.reason))
        return BoltResponse(status=args.suggested_status_code, body=body, headers=html_headers())

    return CallbackOptions(success=success, failure=failure)


def page(title: str, lines: list[str], extra: str = "") -> str:
    paragraphs = "".join(f"<p>{html.escape(line)}</p>" for line in lines)
    return (
        '<!doctype html><html lang="ja"><head><meta charset="utf-8">'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        f"<title>{html.escape(title)}</title><style>"
        "body{font-family:sans-serif;max-width:40em;margin:2em auto;padding:0 1em;line-height:1.7}"
        ".button{display:inline-block;padding:.6em 1.4em;background:#4a154b;color:#fff;"
        "border-radius:4px;text-decoration:none}"
        f"</style></head><body><h1>{html.escape(title)}</h1>{paragraphs}{extra}</body></html>"
    )
