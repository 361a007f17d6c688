"""One deployment, two cities' Slack workspaces installed through the real OAuth flow.

The app is wired by ``serve.make_app`` exactly as ``serve --http`` wires it, on
SQLite and PostgreSQL, with a local Web API standing in for Slack's (it hands
out one bot token per workspace and records which token every call used).
"""

from __future__ import annotations

import json
import re
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
import yaml
from sqlalchemy import Engine, text

from bot.report import build_report
from bot.settings import Settings
from bot.slack.app import REVOCATION_EVENTS, Services
from bot.slack.config import BOT_SCOPES, OAuthApp, SlackSettings
from bot.slack.runtime.jobs import JobRunner
from bot.slack.serve import make_app, wsgi_app
from bot.storage.setup import connect
from bot.workspaces import load_workspace_map
from consults.routing import BUNDLED_ROUTING
from directory.problems import DataFileInvalid
from tests.queue.conftest import SSW_DISTRICT_3, TEACHER, engine, tokyo  # noqa: F401  (fixture)
from tests.slack.harness import (
    SIGNING_SECRET,
    FakeSlack,
    JobThread,
    consult_form,
    event_body,
    eventually,
    payload_body,
    serve_wsgi,
    signed_post,
)

MUSASHINO, KUNITACHI, UNMAPPED = "TMUSASHINO", "TKUNITACHI", "TUNMAPPED"
MUSASHINO_QUEUE, KUNITACHI_QUEUE = "CQMUSASHINO", "CQKUNITACHI"
KUNITACHI_SSW = "UKSSW01"
NOW = tokyo("2026-11-24 10:00")
FORM = "application/x-www-form-urlencoded"
JSON = "application/json"

KUNITACHI_ROUTING = f"""\
municipality: 国立市
ssws:
  - {{user: {KUNITACHI_SSW}, name: SSW（国立市）}}
districts:
  - {{name: 国立第三中学校区, ssw: {KUNITACHI_SSW}, schools: [第三中学校]}}
"""
WORKSPACE_MAP = f"""\
maintainers: {{team: {MUSASHINO}, channel: CMAINTAIN}}
workspaces:
  - {{team: {MUSASHINO}, routing: musashino.yaml, ssw_channel: {MUSASHINO_QUEUE}}}
  - {{team: {KUNITACHI}, routing: kunitachi.yaml, ssw_channel: {KUNITACHI_QUEUE}}}
"""


@dataclass
class Deployment:
    url: str
    slack: FakeSlack
    services: Services

    def post(self, payload: dict[str, Any]) -> tuple[int, str]:
        return signed_post(f"{self.url}/slack/events", payload_body(payload), FORM)

    def event(self, event: dict[str, Any], event_id: str, team: str) -> tuple[int, str]:
        return signed_post(f"{self.url}/slack/events", event_body(event, event_id, team), JSON)

    def install(self, team: str) -> str:
        """Walk Slack's OAuth install: our install page, then Slack redirecting back."""
        self.slack.installing_team = team
        with urllib.request.urlopen(f"{self.url}/slack/install", timeout=10) as page:
            cookie = page.headers["Set-Cookie"].split(";", 1)[0]
            state = re.search(r"state=([\w-]+)", page.read().decode())
        assert state is not None
        callback = urllib.request.Request(
            f"{self.url}/slack/oauth_redirect?code=one-time-code&state={state.group(1)}",
            headers={"Cookie": cookie},
        )
        with urllib.request.urlopen(callback, timeout=10) as done:
            assert done.status == 200
            return str(done.read().decode())


def database_url(engine: Engine) -> str:  # noqa: F811
    """The URL serve would be given for the test's database (its own schema on PostgreSQL)."""
    if engine.dialect.name == "sqlite":
        return engine.url.render_as_string(hide_password=False)
    with engine.connect() as connection:
        schema = connection.execute(text("SELECT current_schema()")).scalar_one()
    return engine.url.update_query_dict({"options": f"-csearch_path={schema}"}).render_as_string(
        hide_password=False
    )


@pytest.fixture
def deployment(engine: Engine, tmp_path: Path) -> Iterator[Deployment]:  # noqa: F811
    (tmp_path / "musashino.yaml").write_text(BUNDLED_ROUTING.read_text("utf-8"), "utf-8")
    (tmp_path / "kunitachi.yaml").write_text(KUNITACHI_ROUTING, "utf-8")
    (tmp_path / "workspaces.yaml").write_text(WORKSPACE_MAP, "utf-8")
    slack = FakeSlack().start()
    settings = Settings(
        database_url=database_url(engine), workspace_map=tmp_path / "workspaces.yaml"
    )
    slack_settings = SlackSettings(
        bot_token=None,
        signing_secret=SIGNING_SECRET,
        app_token=None,
        api_url=slack.base_url,
        ssw_channel=None,
        oauth=OAuthApp("client-id", "client-secret"),
    )
    app, services = make_app(settings, slack_settings, connect(settings))
    services.dispatch_inline = True
    services.clock = lambda: NOW
    jobs = JobThread(JobRunner(app, services.database, services.clock), services.wake).start()
    url, server = serve_wsgi(wsgi_app(app, SIGNING_SECRET, services))
    deployment = Deployment(url, slack, services)
    for team in (MUSASHINO, KUNITACHI, UNMAPPED):
        deployment.install(team)
    yield deployment
    jobs.stop()
    server.shutdown()
    server.server_close()
    slack.stop()
    services.database.dispose()


def file_consult(deployment: Deployment, team: str, view_id: str) -> None:
    form = consult_form(view_id, TEACHER)
    form["team"] = {"id": team}
    assert deployment.post(form)[0] == 200


def press(deployment: Deployment, team: str, action: str, value: str, user: str) -> None:
    deployment.post(
        {
            "type": "block_actions",
            "team": {"id": team},
            "user": {"id": user},
            "api_app_id": "A1",
            "trigger_id": "trigger-9",
            "channel": {"id": "C1"},
            "container": {"type": "message", "channel_id": "C1", "message_ts": "1.2"},
            "response_url": "http://127.0.0.1:9/unused",
            "actions": [{"action_id": action, "block_id": "b", "type": "button", "value": value}],
        }
    )


def test_each_workspace_installed_through_oauth_gets_its_own_bot_token(
    deployment: Deployment,
) -> None:
    with deployment.services.database.connect() as connection:
        teams = connection.execute(text("SELECT team_id, bot_token FROM slack_bots")).all()
    assert sorted(teams) == sorted((t, f"xoxb-{t}") for t in (MUSASHINO, KUNITACHI, UNMAPPED))


def test_a_question_is_answered_for_the_city_of_the_workspace_it_came_from(
    deployment: Deployment,
) -> None:
    question = {"type": "app_mention", "user": TEACHER, "channel": "C1", "ts": "1.1"}
    question["text"] = "<@UBOT> 子ども家庭支援センターの電話番号"
    deployment.event(question, "EvA1", MUSASHINO)
    deployment.event(question, "EvB1", KUNITACHI)
    musashino = eventually(lambda: deployment.slack.calls_by("xoxb-TMUSASHINO", "chat.postMessage"))
    kunitachi = eventually(lambda: deployment.slack.calls_by("xoxb-TKUNITACHI", "chat.postMessage"))
    assert "0120-839-002" in musashino[0]["text"] and "国立市" not in musashino[0]["text"]
    assert "国立市" in kunitachi[0]["text"] and "0120-839-002" not in kunitachi[0]["text"]


def test_consults_never_cross_workspaces(deployment: Deployment) -> None:
    file_consult(deployment, MUSASHINO, "VA1")
    file_consult(deployment, KUNITACHI, "VB1")
    musashino = deployment.services.workspaces.of(MUSASHINO).queue
    kunitachi = deployment.services.workspaces.of(KUNITACHI).queue
    assert [c.number for c in musashino.list_open()] == ["2026-0001"]
    assert [c.number for c in kunitachi.list_open()] == ["2026-0001"]

    queue_posts = {
        token: eventually(lambda t=token: deployment.slack.calls_by(t, "chat.postMessage"))
        for token in ("xoxb-TMUSASHINO", "xoxb-TKUNITACHI")
    }
    assert {p["channel"] for p in queue_posts["xoxb-TMUSASHINO"]} == {MUSASHINO_QUEUE, TEACHER}
    assert {p["channel"] for p in queue_posts["xoxb-TKUNITACHI"]} == {KUNITACHI_QUEUE, TEACHER}
    assert f"<@{SSW_DISTRICT_3}>" in json.dumps(queue_posts["xoxb-TMUSASHINO"])
    assert f"<@{KUNITACHI_SSW}>" in json.dumps(queue_posts["xoxb-TKUNITACHI"])
    assert SSW_DISTRICT_3 not in json.dumps(queue_posts["xoxb-TKUNITACHI"])

    press(deployment, KUNITACHI, "queue_claim", "2026-0001", SSW_DISTRICT_3)
    refusal = eventually(lambda: deployment.slack.calls_by("xoxb-TKUNITACHI", "chat.postEphemeral"))
    assert "SSWだけ" in refusal[0]["text"]
    assert kunitachi.get("2026-0001").assignee is None

    press(deployment, MUSASHINO, "queue_claim", "2026-0001", SSW_DISTRICT_3)
    assert eventually(lambda: musashino.get("2026-0001").assignee == SSW_DISTRICT_3)
    assert kunitachi.get("2026-0001").assignee is None
    assert kunitachi.filed_by(TEACHER)[0].assignee is None
    assert build_report(kunitachi, 2026, NOW).total_children == 1


def test_an_ssw_home_lists_only_the_consults_of_their_own_workspace(
    deployment: Deployment,
) -> None:
    file_consult(deployment, MUSASHINO, "VA1")
    file_consult(deployment, MUSASHINO, "VA2")
    file_consult(deployment, KUNITACHI, "VB1")
    opened = {"type": "app_home_opened", "user": KUNITACHI_SSW, "channel": "D1", "tab": "home"}
    deployment.event(opened, "EvH1", KUNITACHI)
    home = eventually(lambda: deployment.slack.calls_by("xoxb-TKUNITACHI", "views.publish"))
    view = json.dumps(home[0]["view"], ensure_ascii=False)
    assert "2026-0001" in view and "2026-0002" not in view


def test_a_workspace_not_in_the_map_is_told_plainly_and_nothing_is_filed(
    deployment: Deployment,
) -> None:
    command = {
        "command": "/madoguchi",
        "text": "不登校の相談はどこ？",
        "team_id": UNMAPPED,
        "user_id": TEACHER,
        "channel_id": "C1",
        "trigger_id": "t1",
        "response_url": deployment.slack.response_url,
        "api_app_id": "A1",
    }
    status, told = signed_post(
        f"{deployment.url}/slack/events",
        urllib.parse.urlencode(command),
        FORM,
    )
    assert status == 200 and "市区町村の窓口データに結びつけられていない" in told
    file_consult(deployment, UNMAPPED, "VX1")
    with deployment.services.database.connect() as connection:
        assert connection.execute(text("SELECT count(*) FROM consults")).scalar_one() == 0


def test_the_admin_installing_the_app_reads_japanese_pages_that_say_what_to_do_next(
    deployment: Deployment,
) -> None:
    with urllib.request.urlopen(f"{deployment.url}/slack/install", timeout=10) as page:
        install_page = page.read().decode()
    assert "Slack に追加" in install_page and "slack.com/oauth/v2/authorize" in install_page
    assert "国立市の窓口データにつながっています" in deployment.install(KUNITACHI)
    unmapped = deployment.install(UNMAPPED)
    assert UNMAPPED in unmapped and "運用担当者にこのIDを伝えてください" in unmapped


def test_an_install_with_a_stale_state_is_refused_in_japanese(deployment: Deployment) -> None:
    forged = f"{deployment.url}/slack/oauth_redirect?code=one-time-code&state=not-issued"
    with pytest.raises(urllib.error.HTTPError) as refused:
        urllib.request.urlopen(forged, timeout=10)
    page = refused.value.read().decode()
    assert refused.value.code == 400 and "インストールできませんでした" in page
    assert "/slack/install" in page


def test_a_city_that_uninstalls_the_app_has_its_bot_token_forgotten(
    deployment: Deployment,
) -> None:
    file_consult(deployment, KUNITACHI, "VB1")
    for team in (KUNITACHI, UNMAPPED):
        status, _ = deployment.event({"type": "app_uninstalled"}, f"EvU-{team}", team)
        assert status == 200

    def installed() -> list[str]:
        with deployment.services.database.connect() as connection:
            return sorted(connection.execute(text("SELECT team_id FROM slack_bots")).scalars())

    assert eventually(lambda: installed() == [MUSASHINO])
    question = {"type": "app_mention", "user": TEACHER, "channel": "C1", "ts": "1.1"}
    question["text"] = "<@UBOT> 子ども家庭支援センターの電話番号"
    deployment.event(question, "EvB2", KUNITACHI)
    deployment.event(question, "EvA2", MUSASHINO)
    assert eventually(lambda: deployment.slack.calls_by("xoxb-TMUSASHINO", "chat.postMessage"))
    answered_kunitachi = deployment.slack.calls_by("xoxb-TKUNITACHI", "chat.postMessage")
    assert all(post["channel"] != "C1" for post in answered_kunitachi)
    kunitachi = deployment.services.workspaces.of(KUNITACHI).queue
    assert [c.number for c in kunitachi.list_open()] == ["2026-0001"]  # its records stay


def test_the_manifest_asks_for_exactly_the_scopes_the_oauth_install_asks_for() -> None:
    manifest = yaml.safe_load((Path(__file__).parents[2] / "manifest.yaml").read_text("utf-8"))
    assert tuple(manifest["oauth_config"]["scopes"]["bot"]) == BOT_SCOPES


def test_the_manifest_subscribes_to_uninstalls_so_tokens_are_forgotten() -> None:
    manifest = yaml.safe_load((Path(__file__).parents[2] / "manifest.yaml").read_text("utf-8"))
    events = set(manifest["settings"]["event_subscriptions"]["bot_events"])
    assert events >= REVOCATION_EVENTS


def test_a_broken_workspace_map_names_file_and_line(tmp_path: Path) -> None:
    (tmp_path / "kunitachi.yaml").write_text(KUNITACHI_ROUTING.replace("国立市", "国立町"), "utf-8")
    workspace_map = tmp_path / "workspaces.yaml"
    workspace_map.write_text(
        "workspaces:\n"
        "  - {team: TA, routing: kunitachi.yaml, ssw_channel: C1}\n"
        "  - {team: TA, routing: kunitachi.yaml, ssw_channel: C2}\n",
        "utf-8",
    )
    with pytest.raises(DataFileInvalid) as raised:
        load_workspace_map(workspace_map, lambda name: name == "国立市")
    found = [str(p) for p in raised.value.problems]
    assert any("workspaces.yaml:2:" in p and "国立町" in p for p in found), found
    assert any("workspaces.yaml:3:" in p and "2回" in p for p in found), found

    workspace_map.write_text(
        "workspaces:\n  - {team: TA, routing: kunitachi.yaml, ssw_chanel: C1}\n", "utf-8"
    )
    with pytest.raises(DataFileInvalid) as raised:
        load_workspace_map(workspace_map, lambda name: True)
    assert any(
        "workspaces.yaml:2:" in str(p) and "ssw_chanel" in str(p) for p in raised.value.problems
    )
