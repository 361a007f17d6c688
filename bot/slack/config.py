"""Slack settings, read once from the environment; a missing one is named, with what to do."""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass

from bot.messages import slack as msg

SLACK_API_DEFAULT = "https://slack.com/api/"
BOT_SCOPES = (
    "app_mentions:read",
    "chat:write",
    "commands",
    "im:history",
    "channels:history",
    "groups:history",
    "mpim:history",
)
"""The least the app needs; manifest.yaml asks for the same (a test holds them equal). The
``*:history`` scopes are read only after a worker died while posting: the job or the outbox row
it held looks for the message it may have posted before posting again
(``bot.slack.runtime.posted_once``). Nothing else reads a conversation."""
INSTALL_PATH = "/slack/install"
OAUTH_REDIRECT_PATH = "/slack/oauth_redirect"


class MissingSettings(Exception):
    """``str()`` explains, in Japanese, what to set and where to start without Slack."""

    def __init__(self, names: list[str]) -> None:
        super().__init__(msg.missing_settings(names))
        self.names = names


@dataclass(frozen=True)
class OAuthApp:
    """The app's OAuth credentials, for distributing it to many workspaces."""

    client_id: str
    client_secret: str


@dataclass(frozen=True)
class SlackSettings:
    """``bot_token`` serves one workspace; ``oauth`` (HTTP only) serves every workspace that
    installs the app, each mapped to its municipality in MADOGUCHI_WORKSPACES."""

    bot_token: str | None
    signing_secret: str
    app_token: str | None
    api_url: str
    ssw_channel: str | None
    maintainer_channel: str | None = None
    oauth: OAuthApp | None = None

    @classmethod
    def from_env(cls, env: Mapping[str, str] | None = None, http: bool = False) -> SlackSettings:
        env = os.environ if env is None else env
        many = http and bool(env.get("SLACK_CLIENT_ID"))
        if many:
            required = [
                "SLACK_CLIENT_ID",
                "SLACK_CLIENT_SECRET",
                "SLACK_SIGNING_SECRET",
                "MADOGUCHI_WORKSPACES",
            ]
        else:
            required = ["SLACK_BOT_TOKEN", "SLACK_SIGNING_SECRET"] + (
                [] if http else ["SLACK_APP_TOKEN"]
            )
        missing = [name for name in required if not env.get(name)]
        if missing:
            raise MissingSettings(missing)
        api_url = env.get("SLACK_API_URL") or SLACK_API_DEFAULT
        return cls(
            bot_token=None if many else env["SLACK_BOT_TOKEN"],
            signing_secret=env["SLACK_SIGNING_SECRET"],
            app_token=env.get("SLACK_APP_TOKEN") or None,
            api_url=api_url if api_url.endswith("/") else api_url + "/",
            ssw_channel=env.get("MADOGUCHI_SSW_CHANNEL") or None,
            maintainer_channel=env.get("MADOGUCHI_MAINTAINER_CHANNEL") or None,
            oauth=OAuthApp(env["SLACK_CLIENT_ID"], env["SLACK_CLIENT_SECRET"]) if many else None,
        )
