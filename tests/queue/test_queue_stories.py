"""The SSW queue as teachers and SSWs live it, on SQLite and on PostgreSQL."""

from __future__ import annotations

import json
import threading
from datetime import date, timedelta
from typing import Any

import pytest
from sqlalchemy import Engine, func, select
from sqlalchemy.orm import Session

from bot.storage.consult_store import ConsultQueue
from bot.storage.db import AuditRow, ConsultRow, OutboxRow, make_engine
from bot.storage.outbox import Dispatcher, Mark, RateLimited
from bot.storage.setup import build_queue
from consults import notifications as note
from consults.errors import AlreadyClaimed, InvalidDraft, StorageUnavailable
from consults.lifecycle import NotAllowed
from consults.model import Outcome, Status, Urgency
from tests.queue.conftest import (
    ROUTING,
    SSW_DISTRICT_3,
    SUPERVISOR,
    TEACHER,
    VOCABULARY,
    draft,
    tokyo,
)

NOW = tokyo("2026-11-24 10:00")


class RecordingSender:
    """Plays Slack: records posts (each with the mark naming its outbox row, which a later
    take finds as Slack's metadata is found) and in-place updates."""

    def __init__(self) -> None:
        self.posts: list[tuple[str, str, dict[str, Any]]] = []
        self.updates: list[tuple[str, str, dict[str, Any]]] = []
        self.fail_with: Exception | None = None
        self.posted: dict[Mark, str] = {}
        self.looks: list[Mark] = []

    def post(self, kind: str, target: str, payload: dict[str, Any], mark: Mark) -> str:
        if self.fail_with:
            raise self.fail_with
        self.posts.append((kind, target, payload))
        self.posted[mark] = f"ts-{len(self.posts)}"
        return self.posted[mark]

    def find(self, kind: str, target: str, mark: Mark, last_ref: str | None) -> str | None:
        self.looks.append(mark)
        return self.posted.get(mark)

    def update(self, kind: str, target: str, ref: str, payload: dict[str, Any]) -> None:
        if self.fail_with:
            raise self.fail_with
        self.updates.append((ref, target, payload))


def test_fifty_ssws_pressing_claim_at_once_gives_exactly_one_assignee(engine: Engine) -> None:
    claimers = [f"USSW{i:02d}" for i in range(50)]
    queue = build_queue(engine, ROUTING.with_ssws(claimers), VOCABULARY)
    number = queue.submit(draft(), NOW).consult.number
    barrier = threading.Barrier(len(claimers))
    wins: list[str] = []
    refusals: list[str] = []

    def press(user: str) -> None:
        barrier.wait()
        try:
            queue.claim(number, user, NOW)
            wins.append(user)
        except AlreadyClaimed as exc:
            refusals.append(str(exc))

    threads = [threading.Thread(target=press, args=(u,)) for u in claimers]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert len(wins) == 1 and len(refusals) == 49
    assert all(f"{wins[0]} さんが担当しています" in r for r in refusals)
    assert queue.get(number).assignee == wins[0]
    claims = [a for a in queue.audit_trail(number) if a[1] == "claim"]
    assert len(claims) == 1


def test_the_same_submission_sent_three_times_files_one_consult(
    queue: ConsultQueue, engine: Engine
) -> None:
    results = [queue.submit(draft(idempotency_key="slack-view-V123"), NOW) for _ in range(3)]
    assert [r.created for r in results] == [True, False, False]
    assert len({r.consult.number for r in results}) == 1
    with Session(engine) as session:
        assert session.scalar(select(func.count()).select_from(ConsultRow)) == 1
        kinds = sorted(session.scalars(select(OutboxRow.kind)))
    assert kinds == ["queue_post", "requester_notice"]


def test_concurrent_retries_of_one_submission_still_file_one(
    queue: ConsultQueue, engine: Engine
) -> None:
    barrier = threading.Barrier(8)
    numbers: list[str] = []

    def send() -> None:
        barrier.wait()
        numbers.append(queue.submit(draft(idempotency_key="retry-burst"), NOW).consult.number)

    threads = [threading.Thread(target=send) for _ in range(8)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert len(set(numbers)) == 1
    with Session(engine) as session:
        assert session.scalar(select(func.count()).select_from(ConsultRow)) == 1


def test_numbers_count_up_per_fiscal_year(queue: ConsultQueue) -> None:
    assert queue.submit(draft(), tokyo("2027-03-31 16:00")).consult.number == "2026-0001"
    assert queue.submit(draft(), tokyo("2027-03-31 16:30")).consult.number == "2026-0002"
    assert queue.submit(draft(), tokyo("2027-04-01 09:00")).consult.number == "2027-0001"


def test_new_consult_goes_to_its_district_ssw_and_urgent_to_everyone(
    queue: ConsultQueue, engine: Engine
) -> None:
    normal = queue.submit(draft(), NOW).consult
    urgent = queue.submit(draft(urgency=Urgency.URGENT, school="第一中学校"), NOW).consult
    stray = queue.submit(draft(school="どこかの小学校", grade=4), NOW).consult
    with Session(engine) as session:
        mentions = {
            r.consult_id: r.payload["mention"]
            for r in session.scalars(select(OutboxRow).where(OutboxRow.kind == "queue_post"))
        }
    assert normal.district == "第三中学校区" and mentions[normal.id] == [SSW_DISTRICT_3]
    assert set(mentions[urgent.id]) == {*ROUTING.ssws, SUPERVISOR}
    assert stray.district is None and set(mentions[stray.id]) == set(ROUTING.ssws)


def test_summary_never_reaches_a_channel_bound_notification(
    queue: ConsultQueue, engine: Engine
) -> None:
    secret = "父親から叩かれていると話した。連絡先は母の職場。"
    consult = queue.submit(draft(summary=secret, urgency=Urgency.URGENT), NOW).consult
    queue.claim(consult.number, SSW_DISTRICT_3, NOW)
    queue.start(consult.number, SSW_DISTRICT_3, NOW)
    queue.close(consult.number, SSW_DISTRICT_3, Outcome.IMPROVING, "関係機関と連携中", NOW)
    sender = RecordingSender()
    Dispatcher(engine, sender).run_until_idle(lambda: NOW)
    with Session(engine) as session:
        stored = [
            json.dumps(r.payload, ensure_ascii=False) for r in session.scalars(select(OutboxRow))
        ]
    sent = [json.dumps(p, ensure_ascii=False) for _, _, p in sender.posts + sender.updates]
    for text in stored + sent:
        assert (
            "叩かれて" not in text and "第三中学校" not in text and "関係機関と連携中" not in text
        )
    assert sender.posts[0][2]["consult"]["school_type"] == "中学校"
    assert all(
        set(p["consult"]) == set(note.CHANNEL_FIELDS) for _, _, p in sender.posts + sender.updates
    )


def test_channel_message_is_posted_once_then_updated_in_place(
    queue: ConsultQueue, engine: Engine
) -> None:
    number = queue.submit(draft(), NOW).consult.number
    queue.claim(number, SSW_DISTRICT_3, NOW)
    queue.start(number, SSW_DISTRICT_3, NOW)
    sender = RecordingSender()
    Dispatcher(engine, sender).run_until_idle(lambda: NOW)
    channel_posts = [p for p in sender.posts if p[1] == "channel"]
    assert len(channel_posts) == 1
    assert [u[0] for u in sender.updates] == ["ts-1", "ts-1"]
    assert sender.updates[-1][2]["consult"]["status"] == "対応中"
    assert ("requester_notice", f"user:{TEACHER}") in {(k, t) for k, t, _ in sender.posts}


def test_rate_limit_is_honoured_then_delivered_once(queue: ConsultQueue, engine: Engine) -> None:
    queue.submit(draft(), NOW)
    sender = RecordingSender()
    sender.fail_with = RateLimited(30)
    dispatcher = Dispatcher(engine, sender)
    assert (
        dispatcher.run_once(NOW).retried == 2
    )  # the channel post and the requester's confirmation
    sender.fail_with = None
    assert dispatcher.run_once(NOW + timedelta(seconds=29)).delivered == 0
    assert dispatcher.run_once(NOW + timedelta(seconds=30)).delivered == 2
    assert dispatcher.run_once(NOW + timedelta(seconds=90)).delivered == 0
    assert sorted(kind for kind, _, _ in sender.posts) == ["queue_post", "requester_notice"]


def test_only_ssws_move_a_consult_and_the_requester_may_withdraw(queue: ConsultQueue) -> None:
    number = queue.submit(draft(), NOW).consult.number
    with pytest.raises(NotAllowed, match="SSWだけ"):
        queue.claim(number, TEACHER, NOW)
    with pytest.raises(NotAllowed, match="「受付」なので「完了にする」はできません"):
        queue.close(number, SSW_DISTRICT_3, Outcome.RESOLVED, "", NOW)
    with pytest.raises(NotAllowed, match="「取り下げる」は相談を出した本人だけができます"):
        queue.withdraw(number, SSW_DISTRICT_3, NOW)
    queue.claim(number, SSW_DISTRICT_3, NOW)
    with pytest.raises(NotAllowed, match="この相談の担当SSWかSSW統括だけ"):
        queue.close(number, "USTRANGER", Outcome.RESOLVED, "", NOW)
    assert queue.withdraw(number, TEACHER, NOW).status is Status.WITHDRAWN
    with pytest.raises(NotAllowed):
        queue.claim(number, SSW_DISTRICT_3, NOW)


def test_reading_details_is_for_ssws_and_the_requester_and_is_audited(queue: ConsultQueue) -> None:
    number = queue.submit(draft(), NOW).consult.number
    assert queue.details(number, SSW_DISTRICT_3, NOW).summary
    assert queue.details(number, TEACHER, NOW).summary
    with pytest.raises(NotAllowed):
        queue.details(number, "UOTHERTEACHER", NOW)
    assert queue.get(number).summary is None
    views = [a for a in queue.audit_trail(number) if a[1] == "view"]
    assert [v[0] for v in views] == [SSW_DISTRICT_3, TEACHER]


def test_full_lifecycle_with_reassign_and_additional_information(queue: ConsultQueue) -> None:
    number = queue.submit(draft(), NOW).consult.number
    queue.claim(number, SSW_DISTRICT_3, NOW)
    queue.add_info(number, TEACHER, "昨日は登校できた。", NOW)
    queue.reassign(number, SUPERVISOR, "U0SSW0001", NOW)
    queue.start(number, "U0SSW0001", NOW)
    closed = queue.close(number, "U0SSW0001", Outcome.RESOLVED, "登校再開", NOW + timedelta(days=3))
    assert (
        closed.status is Status.CLOSED
        and closed.assignee == "U0SSW0001"
        and closed.outcome is Outcome.RESOLVED
    )
    assert "昨日は登校できた" in (queue.details(number, TEACHER, NOW).summary or "")
    actions = [a[1] for a in queue.audit_trail(number)]
    assert actions == ["submit", "claim", "add_info", "reassign", "start", "close", "view"]


def test_form_errors_name_each_field(queue: ConsultQueue) -> None:
    with pytest.raises(InvalidDraft) as caught:
        queue.submit(draft(school="第三中学校", grade=5, categories=(), summary=" "), NOW)
    assert set(caught.value.errors) == {"grade", "categories", "summary"}


def test_name_or_phone_in_the_summary_gets_a_warning(queue: ConsultQueue) -> None:
    result = queue.submit(draft(summary="山田太郎くん、母 090-1234-5678 に連絡したい"), NOW)
    assert len(result.warnings) >= 2
    assert queue.submit(draft(summary="5年女子。お母さんと連絡が取れない。"), NOW).warnings == ()
    assert (
        queue.submit(draft(summary="弟の世話をしている様子。君たちと話した。"), NOW).warnings == ()
    )


def test_database_down_gives_a_clear_error_and_writes_nothing(tmp_path) -> None:  # type: ignore[no-untyped-def]
    down = make_engine(
        "postgresql+psycopg://postgres@127.0.0.1:1/test", connect_args={"connect_timeout": 2}
    )
    queue = build_queue(down, ROUTING, VOCABULARY)
    with pytest.raises(StorageUnavailable) as caught:
        queue.submit(draft(), NOW)
    assert "保存できませんでした" in str(caught.value)
    missing = make_engine(f"sqlite:///{tmp_path / 'no' / 'such' / 'dir.sqlite3'}")
    with pytest.raises(StorageUnavailable):
        build_queue(missing, ROUTING, VOCABULARY).submit(draft(), NOW)


def test_a_failure_mid_transaction_leaves_nothing_half_written(
    queue: ConsultQueue, engine: Engine, monkeypatch: pytest.MonkeyPatch
) -> None:
    def broken(*args: object, **kwargs: object) -> None:
        raise RuntimeError("outbox write failed")

    monkeypatch.setattr(queue, "_notify", broken)
    with pytest.raises(RuntimeError):
        queue.submit(draft(), NOW)
    with Session(engine) as session:
        assert session.scalar(select(func.count()).select_from(ConsultRow)) == 0
        assert session.scalar(select(func.count()).select_from(AuditRow)) == 0


def test_unclaimed_normal_consult_reminds_after_one_business_day(
    queue: ConsultQueue, engine: Engine
) -> None:
    friday = tokyo("2026-11-20 16:00")  # Monday 11/23 is 勤労感謝の日
    number = queue.submit(draft(), friday).consult.number
    assert queue.run_reminders(tokyo("2026-11-23 17:00")).reminded == ()
    assert queue.run_reminders(tokyo("2026-11-24 15:59")).reminded == ()
    assert queue.run_reminders(tokyo("2026-11-24 16:00")).reminded == (number,)
    assert queue.run_reminders(tokyo("2026-11-25 16:00")).reminded == ()
    with Session(engine) as session:
        targets = [
            r.target for r in session.scalars(select(OutboxRow).where(OutboxRow.kind == "reminder"))
        ]
    assert targets == [f"user:{SSW_DISTRICT_3}"]


def test_year_end_closure_delays_the_reminder(queue: ConsultQueue) -> None:
    number = queue.submit(draft(), tokyo("2026-12-28 10:00")).consult.number
    assert queue.run_reminders(tokyo("2027-01-03 12:00")).reminded == ()
    assert queue.run_reminders(tokyo("2027-01-04 10:00")).reminded == (number,)


def test_unclaimed_urgent_consult_escalates_after_30_minutes(queue: ConsultQueue) -> None:
    number = queue.submit(draft(urgency=Urgency.URGENT), NOW).consult.number
    assert queue.run_reminders(NOW + timedelta(minutes=29)).escalated == ()
    assert queue.run_reminders(NOW + timedelta(minutes=30)).escalated == (number,)
    assert queue.run_reminders(NOW + timedelta(minutes=90)).escalated == ()


def test_claimed_consults_are_not_reminded(queue: ConsultQueue) -> None:
    number = queue.submit(draft(urgency=Urgency.URGENT), NOW).consult.number
    queue.claim(number, SSW_DISTRICT_3, NOW + timedelta(minutes=5))
    assert queue.run_reminders(NOW + timedelta(days=3)).escalated == ()


def test_purge_erases_free_text_of_closed_consults_and_keeps_the_counts(
    queue: ConsultQueue, engine: Engine
) -> None:
    done = queue.submit(draft(), NOW).consult.number
    queue.claim(done, SSW_DISTRICT_3, NOW)
    queue.close(done, SSW_DISTRICT_3, Outcome.RESOLVED, "登校再開", NOW)
    still_open = queue.submit(draft(), NOW).consult.number
    with pytest.raises(NotAllowed):
        queue.purge(date(2026, 12, 1), TEACHER, NOW)
    assert queue.purge(date(2026, 12, 1), SSW_DISTRICT_3, NOW) == 1
    assert queue.details(done, SSW_DISTRICT_3, NOW).summary is None
    assert queue.details(done, SSW_DISTRICT_3, NOW).outcome is Outcome.RESOLVED
    assert queue.details(still_open, SSW_DISTRICT_3, NOW).summary
    assert queue.purge(date(2026, 12, 1), SSW_DISTRICT_3, NOW) == 0


def test_queue_lists_urgent_first_and_mine(queue: ConsultQueue) -> None:
    first = queue.submit(draft(), NOW).consult.number
    urgent = queue.submit(draft(urgency=Urgency.URGENT), NOW + timedelta(minutes=1)).consult.number
    queue.claim(first, SSW_DISTRICT_3, NOW)
    assert [c.number for c in queue.list_open()] == [urgent, first]
    assert [c.number for c in queue.list_open(mine=SSW_DISTRICT_3)] == [first]


def test_workers_starting_together_migrate_once(engine: Engine) -> None:
    from bot.storage.db import migrate

    errors: list[Exception] = []
    barrier = threading.Barrier(4)

    def start() -> None:
        barrier.wait()
        try:
            migrate(engine)
        except Exception as exc:  # noqa: BLE001
            errors.append(exc)

    threads = [threading.Thread(target=start) for _ in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert errors == []
