"""The queue in a teacher's and an SSW's first week, on SQLite and PostgreSQL:
schools as people write them, roles that hold, nudges in working hours, the requester told."""

from __future__ import annotations

from datetime import timedelta

import pytest
from sqlalchemy import Engine, select
from sqlalchemy.orm import Session

from bot.storage.consult_store import ConsultQueue
from bot.storage.db import AuditRow, OutboxRow
from bot.storage.outbox import Dispatcher
from consults.lifecycle import NotAllowed
from consults.messages import notification_line
from consults.model import Outcome, Status, Urgency
from tests.queue.conftest import ROUTING, SSW_DISTRICT_3, SUPERVISOR, TEACHER, draft, tokyo
from tests.queue.test_queue_stories import RecordingSender

NOW = tokyo("2026-11-24 10:00")
SSW_DISTRICT_1 = "U0SSW0001"


def outbox(engine: Engine, kind: str) -> list[OutboxRow]:
    with Session(engine) as session:
        return list(
            session.scalars(select(OutboxRow).where(OutboxRow.kind == kind).order_by(OutboxRow.id))
        )


def told(engine: Engine) -> list[tuple[str, str]]:
    """Every notice delivered so far, as (target, the line a person reads)."""
    sender = RecordingSender()
    Dispatcher(engine, sender).run_until_idle(lambda: tokyo("2027-03-31 12:00"))
    return [(target, notification_line(kind, payload)) for kind, target, payload in sender.posts]


@pytest.mark.parametrize(
    "written",
    [
        "第三中学校",
        "三中",
        "第3中",
        "武蔵野市立第三中学校",
        "第３中学校",
        "３中",
        "武蔵野市立 第三中学",
    ],
)
def test_every_way_of_writing_the_third_junior_high_reaches_its_ssw(
    queue: ConsultQueue, engine: Engine, written: str
) -> None:
    filed = queue.submit(draft(school=written), NOW)
    assert filed.known_school
    assert filed.consult.school == "第三中学校" and filed.consult.district == "第三中学校区"
    assert outbox(engine, "queue_post")[0].payload["mention"] == [SSW_DISTRICT_3]


def test_a_school_not_in_the_list_still_reaches_every_ssw_and_says_so(
    queue: ConsultQueue, engine: Engine
) -> None:
    filed = queue.submit(draft(school="桜野小学校", grade=4), NOW)
    assert not filed.known_school and filed.consult.school == "桜野小学校"
    assert set(outbox(engine, "queue_post")[0].payload["mention"]) == set(ROUTING.ssws)
    lines = told(engine)
    channel = [line for target, line in lines if target == "channel"]
    assert "SSW全員に届けています" in channel[0]
    to_teacher = [line for target, line in lines if target == f"user:{TEACHER}"]
    assert "受け付けました" in to_teacher[0] and "SSW全員に届けています" in to_teacher[0]


def test_a_school_that_is_neither_elementary_nor_junior_high_is_asked_again(
    queue: ConsultQueue,
) -> None:
    assert "小学校か中学校か分かりません" in (queue.school_problem("さくら学園") or "")
    assert queue.grade_problem("三中", 5) == "中学校の学年は 1〜3 です。"
    assert queue.grade_problem("三中", 3) is None


def test_another_ssw_cannot_start_or_close_a_consult_but_can_take_it_over(
    queue: ConsultQueue, engine: Engine
) -> None:
    number = queue.submit(draft(), NOW).consult.number
    queue.claim(number, SSW_DISTRICT_3, NOW)
    with pytest.raises(NotAllowed, match="「対応中にする」はこの相談の担当SSWだけ") as refused:
        queue.start(number, SSW_DISTRICT_1, NOW)
    assert "いまの担当: SSW Cさん" in str(refused.value) and "引き継ぐ" in str(refused.value)
    with pytest.raises(NotAllowed, match="「完了にする」はこの相談の担当SSWかSSW統括だけ"):
        queue.close(number, SSW_DISTRICT_1, Outcome.RESOLVED, "", NOW)
    with pytest.raises(NotAllowed, match="「担当を替える」はこの相談の担当SSWかSSW統括だけ"):
        queue.reassign(number, SSW_DISTRICT_1, SSW_DISTRICT_1, NOW)
    assert queue.get(number).assignee == SSW_DISTRICT_3

    taken = queue.take_over(number, SSW_DISTRICT_1, NOW + timedelta(hours=1))
    assert taken.assignee == SSW_DISTRICT_1 and taken.status is Status.ASSIGNED
    with Session(engine) as session:
        audit = session.scalars(select(AuditRow).where(AuditRow.action == "take_over")).one()
    assert audit.actor == SSW_DISTRICT_1
    assert audit.detail["assignee_before"] == SSW_DISTRICT_3
    assert audit.detail["assignee_after"] == SSW_DISTRICT_1
    lines = dict(told(engine))
    assert "SSW Aさんが SSW Cさんから引き継ぎました" in lines[f"user:{SSW_DISTRICT_3}"]
    assert "引き継ぎました" in lines[f"user:{SSW_DISTRICT_1}"]
    queue.start(number, SSW_DISTRICT_1, NOW + timedelta(hours=2))
    with pytest.raises(NotAllowed, match="「完了にする」はこの相談の担当SSWかSSW統括だけ"):
        queue.close(number, SSW_DISTRICT_3, Outcome.RESOLVED, "", NOW)


def test_the_supervisor_reassigns_and_closes_any_consult(
    queue: ConsultQueue, engine: Engine
) -> None:
    number = queue.submit(draft(), NOW).consult.number
    queue.claim(number, SSW_DISTRICT_3, NOW)
    queue.reassign(number, SUPERVISOR, SSW_DISTRICT_1, NOW)
    closed = queue.close(number, SUPERVISOR, Outcome.OTHER, "転校", NOW)
    assert closed.status is Status.CLOSED and closed.assignee == SSW_DISTRICT_1
    lines = told(engine)
    to_ssws = {target: line for target, line in lines if "担当が SSW Aさんになりました" in line}
    assert set(to_ssws) == {f"user:{SSW_DISTRICT_1}", f"user:{SSW_DISTRICT_3}"}
    assert all("SSW統括さんが替えました" in line for line in to_ssws.values())


def test_the_requester_hears_of_claim_reassign_start_and_close_by_name(
    queue: ConsultQueue, engine: Engine
) -> None:
    number = queue.submit(draft(), NOW).consult.number
    queue.claim(number, SSW_DISTRICT_3, NOW)
    queue.reassign(number, SSW_DISTRICT_3, SSW_DISTRICT_1, NOW)
    queue.start(number, SSW_DISTRICT_1, NOW)
    queue.close(number, SSW_DISTRICT_1, Outcome.IMPROVING, "", NOW)
    to_teacher = [line for target, line in told(engine) if target == f"user:{TEACHER}"]
    assert to_teacher[1:] == [
        f"あなたの相談 {number}: 担当が決まりました（担当: SSW Cさん）",
        f"あなたの相談 {number}: 担当が替わりました（SSW CさんからSSW Aさんへ）",
        f"あなたの相談 {number}: 対応を始めました（担当: SSW Aさん）",
        f"あなたの相談 {number}: 対応が完了しました（SSW Aさん、結果: 好転）",
    ]
    assert not any("U0SSW" in line for line in to_teacher)


def test_a_consult_filed_at_22_on_friday_reminds_at_830_on_monday(queue: ConsultQueue) -> None:
    number = queue.submit(draft(), tokyo("2026-11-27 22:00")).consult.number  # a Friday
    assert queue.run_reminders(tokyo("2026-11-30 07:36")).reminded == ()
    assert queue.run_reminders(tokyo("2026-11-30 08:29")).reminded == ()
    assert queue.run_reminders(tokyo("2026-11-30 08:30")).reminded == (number,)


def test_after_a_holiday_monday_the_reminder_waits_for_tuesday(queue: ConsultQueue) -> None:
    number = queue.submit(draft(), tokyo("2026-11-20 22:00")).consult.number  # 11/23 勤労感謝の日
    assert queue.run_reminders(tokyo("2026-11-23 08:30")).reminded == ()
    assert queue.run_reminders(tokyo("2026-11-24 08:30")).reminded == (number,)


def test_a_reminder_due_yesterday_waits_for_the_opening_when_the_dispatcher_was_down(
    queue: ConsultQueue,
) -> None:
    number = queue.submit(draft(), tokyo("2026-11-24 16:00")).consult.number
    assert queue.run_reminders(tokyo("2026-11-26 07:36")).reminded == ()
    assert queue.run_reminders(tokyo("2026-11-26 08:30")).reminded == (number,)


def test_urgent_keeps_30_minutes_at_night_and_says_nobody_may_be_watching(
    queue: ConsultQueue, engine: Engine
) -> None:
    night = tokyo("2026-11-27 21:00")
    number = queue.submit(draft(urgency=Urgency.URGENT), night).consult.number
    assert queue.run_reminders(night + timedelta(minutes=30)).escalated == (number,)
    escalation = [line for target, line in told(engine) if "至急の相談がまだ担当未定" in line]
    assert "見ていない可能性があります" in escalation[0]
    assert "110" in escalation[0] and "189" in escalation[0]


def test_urgent_in_working_hours_does_not_add_the_night_warning(
    queue: ConsultQueue, engine: Engine
) -> None:
    queue.submit(draft(urgency=Urgency.URGENT), NOW)
    queue.run_reminders(NOW + timedelta(minutes=30))
    escalation = [line for _, line in told(engine) if "至急の相談がまだ担当未定" in line]
    assert escalation and "見ていない" not in escalation[0]


def test_the_supervisor_may_name_the_new_ssw_by_name(queue: ConsultQueue) -> None:
    number = queue.submit(draft(), NOW).consult.number
    assert queue.reassign(number, SUPERVISOR, "SSW A", NOW).assignee == SSW_DISTRICT_1
    with pytest.raises(NotAllowed, match="SSWとして登録されていません"):
        queue.reassign(number, SUPERVISOR, "山田", NOW)


def test_an_urgent_consult_escalated_at_night_is_escalated_again_at_the_opening(
    queue: ConsultQueue, engine: Engine
) -> None:
    night = tokyo("2026-11-27 21:00")  # a Friday
    number = queue.submit(draft(urgency=Urgency.URGENT), night).consult.number
    assert queue.run_reminders(night + timedelta(minutes=30)).escalated == (number,)
    assert queue.run_reminders(tokyo("2026-11-28 10:00")).escalated == ()  # Saturday
    assert queue.run_reminders(tokyo("2026-11-30 08:29")).escalated == ()
    assert queue.run_reminders(tokyo("2026-11-30 08:30")).escalated == (number,)
    assert queue.run_reminders(tokyo("2026-11-30 09:30")).escalated == ()
    calls = [line for _, line in told(engine) if "至急の相談がまだ担当未定" in line]
    assert len(calls) == 2
    assert "見ていない可能性" in calls[0] and "見ていない可能性" not in calls[1]


def test_an_urgent_consult_escalated_in_working_hours_is_not_called_again(
    queue: ConsultQueue,
) -> None:
    number = queue.submit(draft(urgency=Urgency.URGENT), NOW).consult.number
    assert queue.run_reminders(NOW + timedelta(minutes=30)).escalated == (number,)
    assert queue.run_reminders(NOW + timedelta(days=1)).escalated == ()


def test_the_assignee_is_told_when_the_requester_withdraws(
    queue: ConsultQueue, engine: Engine
) -> None:
    number = queue.submit(draft(), NOW).consult.number
    queue.claim(number, SSW_DISTRICT_3, NOW)
    queue.withdraw(number, TEACHER, NOW + timedelta(hours=1))
    to_ssw = [line for target, line in told(engine) if target == f"user:{SSW_DISTRICT_3}"]
    assert to_ssw == [
        f"相談 {number} は相談した人が取り下げました。 {number} 中学校2年 不登校 — 取り下げ 担当: SSW C"
    ]
