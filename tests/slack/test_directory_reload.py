"""A maintainer edits the directory folder while the bot runs: good edits go live, bad ones
are refused with file:line in the maintainers' channel, and answers never stop."""

from __future__ import annotations

import shutil
from pathlib import Path

from slack_sdk import WebClient
from sqlalchemy import Engine

from answers.render import render_text
from bot.engine import build_engine
from bot.settings import Settings
from bot.slack.app import Services
from bot.slack.runtime.sender import SlackSender
from bot.slack.serve import directory_watcher
from bot.storage.outbox import Dispatcher
from bot.storage.setup import build_queue
from bot.workspaces import Workspace, Workspaces
from directory.loader import BUNDLED_DIRECTORY
from tests.queue.conftest import ROUTING, VOCABULARY, tokyo
from tests.slack.harness import BOT_TOKEN, FakeSlack

NOW = tokyo("2026-11-24 10:00")
QUESTION = "教育支援センターの番号を教えて"
MAINTAINERS = "CMAINTAIN"


def a_worker(folder: Path, engine: Engine, slack: FakeSlack) -> tuple[Services, object]:
    client = WebClient(token=BOT_TOKEN, base_url=slack.base_url)
    queue = build_queue(engine, ROUTING, VOCABULARY)
    services = Services(
        build_engine(folder),
        Workspaces.single(Workspace("", "武蔵野市", queue, "CQUEUE"), MAINTAINERS),
        Dispatcher(engine, SlackSender(client, "CQUEUE")),
        lambda: NOW,
    )
    watcher = directory_watcher(Settings(directory=folder), services)
    assert watcher is not None
    return services, watcher


def phones_in_answer(services: Services) -> str:
    return render_text(services.engine.answer(QUESTION, NOW, "武蔵野市"))


def test_maintainer_edit_goes_live_and_a_broken_edit_is_refused_with_file_and_line(
    tmp_path: Path, engine: Engine, fake_slack: FakeSlack
) -> None:
    folder = tmp_path / "directory"
    shutil.copytree(BUNDLED_DIRECTORY, folder)
    city = folder / "municipalities" / "musashino.yaml"
    first, first_watcher = a_worker(folder, engine, fake_slack)
    second, second_watcher = a_worker(folder, engine, fake_slack)
    assert "0422-60-1899" in phones_in_answer(first)

    city.write_text(
        city.read_text(encoding="utf-8").replace("0422-60-1899", "0422-60-1800"), encoding="utf-8"
    )
    assert first_watcher.poll() and second_watcher.poll()  # type: ignore[attr-defined]
    assert "0422-60-1800" in phones_in_answer(first)

    broken = city.read_text(encoding="utf-8").replace(
        'number: "0422-60-1800"', 'number: "電話なし"'
    )
    city.write_text(broken, encoding="utf-8")
    line = next(i for i, text in enumerate(broken.splitlines(), 1) if "電話なし" in text)
    assert not first_watcher.poll() and not second_watcher.poll()  # type: ignore[attr-defined]
    assert "0422-60-1800" in phones_in_answer(first)  # the last good directory keeps answering
    assert "0422-60-1800" in phones_in_answer(second)

    first.dispatcher.run_until_idle(first.clock)
    second.dispatcher.run_until_idle(second.clock)
    told = [c for c in fake_slack.called("chat.postMessage") if c["channel"] == MAINTAINERS]
    assert len(told) == 1  # two workers noticed; the maintainers hear once
    assert f"musashino.yaml:{line}" in told[0]["text"]
