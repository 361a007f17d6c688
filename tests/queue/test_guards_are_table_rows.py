"""A guard on who may do what to which consult is one row of the lifecycle's tables.

A row planted in a table holds at once on every surface (the command line and Slack's
buttons), with no other change; a row taken out lets the move through, so no code outside
the tables refuses it. The tables are patched for one test only (``monkeypatch``).
"""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from bot.cli.main import main
from consults import lifecycle
from consults.lifecycle import Action, Role
from consults.model import Status
from tests.queue.conftest import SSW_DISTRICT_3, SUPERVISOR, TEACHER
from tests.slack.conftest import QUEUE_CHANNEL, Running, fake_slack, running  # noqa: F401
from tests.slack.harness import consult_form, eventually, payload_body, signed_post

OTHER_SSW = "U0SSW0001"
Cli = Callable[..., tuple[int, str, str]]


@pytest.fixture
def cli(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> Cli:
    """``madoguchi`` run in this process (so the patched tables are the ones it reads), on a
    fresh SQLite queue; returns the exit status, stdout and stderr."""
    monkeypatch.setenv("MADOGUCHI_DATA_DIR", str(tmp_path))
    monkeypatch.setenv("MADOGUCHI_LOG", str(tmp_path / "log.txt"))
    for name in ("DATABASE_URL", "MADOGUCHI_SSW_USERS", "MADOGUCHI_ROUTING", "MADOGUCHI_WORKSPACE"):
        monkeypatch.delenv(name, raising=False)

    def run(*args: str) -> tuple[int, str, str]:
        status = main(list(args))
        said = capsys.readouterr()
        return status, said.out, said.err

    return run


def filed_and_claimed(cli: Cli) -> str:
    """A teacher's consult for 第三中学校, claimed by its district's SSW: its number."""
    status, out, err = cli(
        "consult", "new", "--school", "第三中学校", "--grade", "2", "--category", "不登校",
        "--summary", "2年男子、欠席が続く", "--as", TEACHER,
    )  # fmt: skip
    assert status == 0, err
    number = out.split("相談番号 ")[1].split()[0]
    assert cli("consult", "claim", number, "--as", SSW_DISTRICT_3)[0] == 0
    return number


def status_in_listing(cli: Cli, number: str) -> tuple[str, str | None]:
    listing = json.loads(cli("queue", "--json")[1])
    found = next(c for c in listing if c["number"] == number)
    return found["status"], found["assignee"]


# --- the command line ---------------------------------------------------------------------


def test_a_row_planted_in_permitted_refuses_the_assignee_on_the_command_line(
    cli: Cli, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setitem(lifecycle.PERMITTED, Action.START, frozenset({Role.SUPERVISOR}))
    number = filed_and_claimed(cli)

    status, _, refused = cli("consult", "start", number, "--as", SSW_DISTRICT_3)
    assert status == 2 and "「対応中にする」はSSW統括だけができます" in refused
    assert status_in_listing(cli, number) == (Status.ASSIGNED, SSW_DISTRICT_3)

    assert cli("consult", "start", number, "--as", SUPERVISOR)[0] == 0
    assert status_in_listing(cli, number)[0] == Status.IN_PROGRESS


def test_a_row_planted_in_new_assignee_limits_whom_a_consult_is_handed_to(
    cli: Cli, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setitem(lifecycle.NEW_ASSIGNEE, Action.REASSIGN, frozenset({Role.SUPERVISOR}))
    number = filed_and_claimed(cli)

    status, _, refused = cli("consult", "reassign", number, "--to", OTHER_SSW, "--as", SUPERVISOR)
    assert status == 2
    assert (
        f"「担当を替える」で担当にできるのはSSW統括だけです（{OTHER_SSW} さんは違います）"
        in refused
    )
    assert status_in_listing(cli, number) == (Status.ASSIGNED, SSW_DISTRICT_3)

    assert cli("consult", "reassign", number, "--to", SUPERVISOR, "--as", SSW_DISTRICT_3)[0] == 0
    assert status_in_listing(cli, number) == (Status.ASSIGNED, SUPERVISOR)


def test_rows_taken_out_let_the_moves_through_so_no_other_code_guards_them(
    cli: Cli, monkeypatch: pytest.MonkeyPatch
) -> None:
    number = filed_and_claimed(cli)
    refused = cli("consult", "reassign", number, "--to", "山田", "--as", SUPERVISOR)
    assert refused[0] == 2 and "SSWとして登録されていません" in refused[2]

    monkeypatch.delitem(lifecycle.NEW_ASSIGNEE, Action.REASSIGN)
    assert cli("consult", "reassign", number, "--to", "山田", "--as", SUPERVISOR)[0] == 0
    assert status_in_listing(cli, number) == (Status.ASSIGNED, "山田")

    monkeypatch.delitem(lifecycle.TRANSITIONS, (Status.ASSIGNED, Action.START))
    status, _, said = cli("consult", "start", number, "--as", "山田")
    assert status == 2 and "この相談は「担当決定」なので「対応中にする」はできません" in said


def test_a_teacher_let_claim_by_permitted_is_still_refused_by_new_assignee(
    cli: Cli, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Each table holds on its own: widening who may claim does not let a consult be handed to
    someone who is not an SSW."""
    status, out, _ = cli(
        "consult", "new", "--school", "第三中学校", "--grade", "2", "--category", "不登校",
        "--summary", "2年男子", "--as", TEACHER,
    )  # fmt: skip
    number = out.split("相談番号 ")[1].split()[0]
    claim_roles = lifecycle.PERMITTED[Action.CLAIM] | {Role.REQUESTER}
    monkeypatch.setitem(lifecycle.PERMITTED, Action.CLAIM, claim_roles)

    status, _, refused = cli("consult", "claim", number, "--as", TEACHER)
    assert status == 2 and f"{TEACHER} さんはSSWとして登録されていません" in refused
    assert status_in_listing(cli, number) == (Status.RECEIVED, None)

    monkeypatch.delitem(lifecycle.NEW_ASSIGNEE, Action.CLAIM)
    assert cli("consult", "claim", number, "--as", TEACHER)[0] == 0
    assert status_in_listing(cli, number) == (Status.ASSIGNED, TEACHER)


# --- Slack's buttons ----------------------------------------------------------------------


def press(app: Running, action_id: str, user: str) -> None:
    payload: dict[str, Any] = {
        "type": "block_actions",
        "team": {"id": "T1"},
        "user": {"id": user},
        "api_app_id": "A1",
        "trigger_id": "trigger-2",
        "channel": {"id": QUEUE_CHANNEL},
        "container": {"type": "message", "channel_id": QUEUE_CHANNEL, "message_ts": "1.2"},
        "message": {"ts": "1.2", "text": "", "blocks": []},
        "response_url": "http://127.0.0.1:9/unused",
        "actions": [
            {"action_id": action_id, "block_id": "b", "type": "button", "value": "2026-0001"}
        ],
    }
    status, _ = signed_post(app.events, payload_body(payload), "application/x-www-form-urlencoded")
    assert status == 200


def claimed_in_slack(app: Running) -> None:
    signed_post(
        app.events,
        payload_body(consult_form("V1", TEACHER)),
        "application/x-www-form-urlencoded",
    )
    press(app, "queue_claim", SSW_DISTRICT_3)
    assert eventually(lambda: app.queue.get("2026-0001").assignee == SSW_DISTRICT_3)


def refusals_to(app: Running, user: str) -> list[str]:
    return [p["text"] for p in app.slack.called("chat.postEphemeral") if p["user"] == user]


def test_a_row_planted_in_permitted_holds_on_slacks_start_and_close_buttons(
    running: Running,  # noqa: F811
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setitem(lifecycle.PERMITTED, Action.START, frozenset({Role.SUPERVISOR}))
    monkeypatch.setitem(lifecycle.PERMITTED, Action.CLOSE, frozenset({Role.SUPERVISOR}))
    claimed_in_slack(running)

    press(running, "queue_start", SSW_DISTRICT_3)
    said = eventually(lambda: refusals_to(running, SSW_DISTRICT_3))
    assert "「対応中にする」はSSW統括だけができます" in said[0]
    press(running, "queue_close", SSW_DISTRICT_3)
    said = eventually(lambda: refusals_to(running, SSW_DISTRICT_3)[1:])
    assert "「完了にする」はSSW統括だけができます" in said[0]
    assert running.slack.called("views.open") == []  # no outcome form for a refused close
    assert running.queue.get("2026-0001").status is Status.ASSIGNED

    press(running, "queue_start", SUPERVISOR)
    assert eventually(lambda: running.queue.get("2026-0001").status is Status.IN_PROGRESS)


def test_a_row_planted_in_new_assignee_holds_on_slacks_take_over_button(
    running: Running,  # noqa: F811
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setitem(lifecycle.NEW_ASSIGNEE, Action.TAKE_OVER, frozenset({Role.SUPERVISOR}))
    claimed_in_slack(running)

    press(running, "queue_take_over", OTHER_SSW)
    said = eventually(lambda: refusals_to(running, OTHER_SSW))
    assert f"「引き継ぐ」で担当にできるのはSSW統括だけです（{OTHER_SSW} さんは違います）" in said[0]
    assert running.queue.get("2026-0001").assignee == SSW_DISTRICT_3
    assert "take_over" not in [a for _, a, _ in running.queue.audit_trail("2026-0001")]
