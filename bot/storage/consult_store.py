"""The SSW consult queue: every rule about consults, in one place.

The console, the CLI and the Slack app call only this. Each operation is one
transaction: the change, its audit event and its notifications (outbox rows)
commit together or not at all, so nothing is lost between "saved" and "told".
"""

from __future__ import annotations

import logging
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field, replace
from datetime import date, datetime, timedelta
from typing import Any

from sqlalchemy import Engine, select, update
from sqlalchemy.exc import IntegrityError, InterfaceError, OperationalError
from sqlalchemy.orm import Session

from bot.storage.db import (
    AuditRow,
    ConsultRow,
    CounterRow,
    OutboxRow,
    once_more_if_reconnected,
    rowcount,
)
from consults import messages as msg
from consults import notifications as note
from consults.business_time import BusinessCalendar
from consults.errors import AlreadyClaimed, ConsultNotFound, InvalidDraft, StorageUnavailable
from consults.lifecycle import Action, NewAssignee, NotAllowed, Role, check, roles_of
from consults.model import (
    FINAL_STATUSES,
    OPEN_STATUSES,
    Consent,
    Consult,
    ConsultDraft,
    Outcome,
    SchoolType,
    Status,
    Urgency,
    consult_number,
    fiscal_year_of,
)
from consults.privacy import identity_warnings
from consults.routing import Routing, school_type_of
from consults.text_rules import text_problems
from directory.calendar import TOKYO

log = logging.getLogger(__name__)
MAX_SUMMARY = 1000
URGENT_ESCALATION_AFTER = timedelta(minutes=30)
GRADES = {SchoolType.ELEMENTARY: range(1, 7), SchoolType.JUNIOR_HIGH: range(1, 4)}


@dataclass(frozen=True)
class Submitted:
    consult: Consult
    created: bool
    warnings: tuple[str, ...] = ()

    @property
    def known_school(self) -> bool:
        """False when the school is not in the routing file (then every SSW received it)."""
        return self.consult.district is not None


@dataclass(frozen=True)
class ReminderRun:
    reminded: tuple[str, ...] = ()
    escalated: tuple[str, ...] = ()


@dataclass
class _Pending:
    notices: list[tuple[str, str, dict[str, Any]]] = field(default_factory=list)


class ConsultQueue:
    def __init__(
        self,
        engine: Engine,
        routing: Routing,
        business: BusinessCalendar,
        categories: Sequence[str],
        workspace: str = "",
        safety: tuple[str, str] | None = None,
    ) -> None:
        """``workspace`` is the Slack team this queue belongs to ('' in a single-workspace
        deployment): every read and write is confined to it, numbers restart in each."""
        self.engine = engine
        self.routing = routing
        self.business = business
        self.categories = tuple(categories)
        self.workspace = workspace
        # the lines for immediate danger and for abuse (110, 189) from the directory: the
        # form and an after-hours escalation name them
        self.safety = safety
        self._mine = ConsultRow.workspace == workspace

    # --- filing -------------------------------------------------------------

    def validate(self, draft: ConsultDraft) -> dict[str, str]:
        """Field → Japanese message, for inline form errors. Empty when the draft is good."""
        errors: dict[str, str] = {}
        school_error = self.school_problem(draft.school)
        if school_error:
            errors["school"] = school_error
        grade_error = self.grade_problem(draft.school, draft.grade)
        if grade_error:
            errors["grade"] = grade_error
        if not draft.categories:
            errors["categories"] = msg.categories_missing()
        unknown = [c for c in draft.categories if c not in self.categories]
        if unknown:
            errors["categories"] = msg.categories_not_offered(unknown)
        if not draft.summary.strip():
            errors["summary"] = msg.summary_missing()
        elif len(draft.summary) > MAX_SUMMARY:
            errors["summary"] = msg.text_too_long(msg.FIELD_LABELS["summary"], MAX_SUMMARY)
        fields = {"school": draft.school, "summary": draft.summary}
        errors.update(text_problems(fields | {"contact_time": draft.contact_time}))
        return errors

    def school_type(self, written: str) -> SchoolType | None:
        """小学校 or 中学校: from the routing file for a known school, else from the name."""
        school = self.routing.school(written)
        if school is not None and school.school_type is not None:
            return school.school_type
        return school_type_of(written.strip())

    def school_problem(self, written: str) -> str | None:
        """Why a school name cannot be filed (one sentence), or None. An unknown school is fine."""
        if not written.strip():
            return msg.school_missing()
        if self.school_type(written) is None:
            return msg.school_type_unclear(written.strip())
        return None

    def grade_problem(self, written_school: str, grade: int) -> str | None:
        school_type = self.school_type(written_school)
        if school_type and grade not in GRADES[school_type]:
            years = GRADES[school_type]
            return msg.grade_out_of_range(school_type.value, years[0], years[-1])
        return None

    def submit(self, draft: ConsultDraft, now: datetime) -> Submitted:
        """File a consult. The same idempotency key again returns the first consult, unchanged."""
        errors = self.validate(draft)
        if errors:
            raise InvalidDraft(errors)
        warnings = tuple(identity_warnings(draft.summary))
        try:
            return replace(
                once_more_if_reconnected(lambda: self._insert(draft, now)), warnings=warnings
            )
        except IntegrityError:
            existing = self._by_key(draft.idempotency_key) if draft.idempotency_key else None
            if existing is None:
                raise
            return Submitted(existing, created=False, warnings=warnings)

    def _insert(self, draft: ConsultDraft, now: datetime) -> Submitted:
        known = self.routing.school(draft.school)
        school = known.name if known else draft.school.strip()
        school_type = self.school_type(draft.school)
        assert school_type is not None
        recipients = self.routing.recipients(school, draft.urgency)
        with self._session() as session:
            if draft.idempotency_key:
                existing = session.scalar(
                    select(ConsultRow).where(
                        self._mine, ConsultRow.idempotency_key == draft.idempotency_key
                    )
                )
                if existing is not None:
                    return Submitted(consult_from_row(existing), created=False)
            fiscal_year = fiscal_year_of(now.astimezone(TOKYO).date())
            row = ConsultRow(
                workspace=self.workspace,
                number=consult_number(fiscal_year, self._next_sequence(session, fiscal_year)),
                fiscal_year=fiscal_year,
                requester=draft.requester,
                school=school,
                school_type=school_type.value,
                district=recipients.district,
                grade=draft.grade,
                categories=list(dict.fromkeys(draft.categories)),
                urgency=draft.urgency.value,
                summary=draft.summary.strip(),
                consent=draft.consent.value,
                contact_time=draft.contact_time.strip() or None,
                status=Status.RECEIVED.value,
                idempotency_key=draft.idempotency_key,
                created_at=now,
            )
            session.add(row)
            session.flush()
            consult = consult_from_row(row)
            self._audit(session, row.id, draft.requester, "submit", now, {"urgency": row.urgency})
            self._notify(
                session,
                consult,
                "queue_post",
                note.CHANNEL,
                note.new_consult(
                    consult, recipients.mention, known is not None, self.routing.names
                ),
                now,
                "post",
            )
            received = note.requester_notice(consult, "received") | {
                "warnings": list(identity_warnings(draft.summary)),
                "known_school": known is not None,
            }
            self._notify(
                session,
                consult,
                "requester_notice",
                note.user_target(draft.requester),
                received,
                now,
                "received",
            )
            log.info("filed", extra={"consult": consult.number})
            return Submitted(consult, created=True)

    def _next_sequence(self, session: Session, fiscal_year: int) -> int:
        bump = (
            update(CounterRow)
            .where(CounterRow.workspace == self.workspace, CounterRow.fiscal_year == fiscal_year)
            .values(last_number=CounterRow.last_number + 1)
            .returning(CounterRow.last_number)
        )
        number = session.execute(bump).scalar()
        if number is not None:
            return int(number)
        try:
            with session.begin_nested():
                session.add(
                    CounterRow(workspace=self.workspace, fiscal_year=fiscal_year, last_number=1)
                )
            return 1
        except IntegrityError:
            return int(session.execute(bump).scalar_one())

    # --- moving a consult ---------------------------------------------------

    def claim(self, number: str, actor: str, now: datetime) -> Consult:
        """Exactly one SSW wins when several press 担当する at once; the others learn who has it.

        One conditional UPDATE (… WHERE assignee IS NULL) decides, on SQLite and PostgreSQL alike.
        """
        return self._move(
            number,
            actor,
            Action.CLAIM,
            now,
            {"assignee": actor, "claimed_at": now},
            only_if=ConsultRow.assignee.is_(None),
            notify_requester="claimed",
        )

    def start(self, number: str, actor: str, now: datetime) -> Consult:
        return self._move(number, actor, Action.START, now, {}, notify_requester="started")

    def close(
        self, number: str, actor: str, outcome: Outcome, note_text: str, now: datetime
    ) -> Consult:
        return self._move(
            number,
            actor,
            Action.CLOSE,
            now,
            {"outcome": outcome.value, "outcome_note": note_text.strip() or None, "closed_at": now},
            notify_requester="closed",
        )

    def reassign(self, number: str, actor: str, to_user: str, now: datetime) -> Consult:
        """The assignee or the supervisor hands the consult to another SSW (the lifecycle's
        ``NEW_ASSIGNEE`` row says who may receive it); the new and the former assignee and the
        requester are told."""
        to_user = self.routing.user_named(to_user)
        changes: dict[str, Any] = {"assignee": to_user}
        with self._session() as session:
            row = self._row(session, number)
            if row.claimed_at is None:
                changes["claimed_at"] = now
            former = row.assignee
        return self._move(
            number,
            actor,
            Action.REASSIGN,
            now,
            changes,
            notify_requester="reassigned",
            notify_users=tuple(u for u in (to_user, former) if u and u != actor),
            former=former,
        )

    def take_over(self, number: str, actor: str, now: datetime) -> Consult:
        """引き継ぐ: another SSW takes an assigned consult over, explicitly; audited with the
        former assignee, who is told, as are the new assignee and the requester."""
        with self._session() as session:
            former = self._row(session, number).assignee
        return self._move(
            number,
            actor,
            Action.TAKE_OVER,
            now,
            {"assignee": actor},
            only_if=ConsultRow.assignee == former if former else None,
            notify_requester="reassigned",
            notify_users=tuple(u for u in (former, actor) if u),
            former=former,
        )

    def permits(self, number: str, actor: str, action: Action) -> Consult:
        """The consult, when ``actor`` may do ``action`` to it now; NotAllowed otherwise.

        For surfaces that open a dialog before the move (Slack's 完了 opens the outcome form).
        """
        with self._session(reading=True) as session:
            row = self._row(session, number)
            self._check(row, actor, action)
            return replace(consult_from_row(row), summary=None)

    def withdraw(self, number: str, actor: str, now: datetime) -> Consult:
        """The requester takes the consult back; its assignee, if any, is told."""
        with self._session(reading=True) as session:
            assignee = self._row(session, number).assignee
        return self._move(
            number,
            actor,
            Action.WITHDRAW,
            now,
            {"closed_at": now},
            notify_users=(assignee,) if assignee else (),
        )

    def add_info(self, number: str, actor: str, text: str, now: datetime) -> Consult:
        if not text.strip():  # an input check, not a guard: nothing to add
            raise NotAllowed(msg.added_info_missing())
        with self._session() as session:
            row = self._row(session, number)
            self._check(row, actor, Action.ADD_INFO)
            stamp = now.astimezone(TOKYO).strftime("%m/%d %H:%M")
            row.summary = f"{row.summary or ''}{msg.added_info(stamp, text.strip())}"[
                : MAX_SUMMARY * 2
            ]
            self._audit(session, row.id, actor, "add_info", now, {})
            return consult_from_row(row)

    def details(self, number: str, actor: str, now: datetime) -> Consult:
        """The full consult, summary included, for SSWs and the requester; every reading is audited."""
        with self._session() as session:
            row = self._row(session, number)
            self._check(row, actor, Action.VIEW)
            self._audit(session, row.id, actor, "view", now, {})
            log.info("details read (audited)", extra={"consult": number})
            return consult_from_row(row)

    def _move(
        self,
        number: str,
        actor: str,
        action: Action,
        now: datetime,
        changes: dict[str, Any],
        only_if: Any = None,
        notify_requester: str | None = None,
        notify_users: tuple[str, ...] = (),
        former: str | None = None,
    ) -> Consult:
        """Apply one allowed move with a conditional UPDATE; audit it and queue its notifications."""
        with self._session() as session:
            row = self._row(session, number)
            before = Status(row.status)
            after = self._check(row, actor, action, new_assignee=changes.get("assignee"))
            conditions = [ConsultRow.id == row.id, ConsultRow.status == before.value]
            if only_if is not None:
                conditions.append(only_if)
            moved = rowcount(
                session.execute(
                    update(ConsultRow).where(*conditions).values(status=after.value, **changes)
                )
            )
            if moved != 1:
                if action is Action.CLAIM:
                    session.expire(row)
                    winner = self._row(session, number).assignee
                    raise AlreadyClaimed(number, self.routing.name_of(winner) or msg.ANOTHER_SSW)
                raise NotAllowed(msg.updated_by_someone_else())
            session.refresh(row)
            consult = consult_from_row(row)
            log.info(
                "%s: %s → %s", action.value, before.value, after.value, extra={"consult": number}
            )
            detail = {"from": before.value, "to": after.value}
            if former is not None or action in (Action.REASSIGN, Action.TAKE_OVER):
                detail |= {"assignee_before": former or "", "assignee_after": row.assignee or ""}
            event = self._audit(session, row.id, actor, action.value, now, detail)
            by = self.routing.name_of(actor) or actor
            before_name = self.routing.name_of(former)
            self._notify(
                session,
                consult,
                "queue_update",
                note.CHANNEL,
                note.status_changed(consult, self.routing.names),
                now,
                f"update:{event}",
            )
            if notify_requester:
                self._notify(
                    session,
                    consult,
                    "requester_notice",
                    note.user_target(row.requester),
                    note.requester_notice(
                        consult, notify_requester, self.routing.names, by, before_name
                    ),
                    now,
                    f"{notify_requester}:{event}",
                )
            for user in dict.fromkeys(notify_users):
                self._notify(
                    session,
                    consult,
                    "assignee_notice",
                    note.user_target(user),
                    note.assignee_notice(
                        consult, action.value, self.routing.names, by, before_name
                    ),
                    now,
                    f"assigned:{event}:{user}",
                )
            return consult

    # --- reading ------------------------------------------------------------

    def list_open(self, mine: str | None = None, district: str | None = None) -> list[Consult]:
        """Open consults, 至急 first, then oldest first. No summary is needed to list."""
        with self._session(reading=True) as session:
            query = select(ConsultRow).where(
                self._mine, ConsultRow.status.in_([s.value for s in OPEN_STATUSES])
            )
            if mine:
                query = query.where(ConsultRow.assignee == mine)
            if district:
                query = query.where(ConsultRow.district == district)
            rows = session.scalars(query.order_by(ConsultRow.created_at)).all()
            consults = [consult_from_row(r) for r in rows]
        return sorted(consults, key=lambda c: (c.urgency is not Urgency.URGENT, c.created_at))

    def filed_by(self, requester: str) -> list[Consult]:
        with self._session(reading=True) as session:
            rows = session.scalars(
                select(ConsultRow)
                .where(self._mine, ConsultRow.requester == requester)
                .order_by(ConsultRow.created_at.desc())
            ).all()
            return [consult_from_row(r) for r in rows]

    def notices_for(
        self, user: str, after: int = 0
    ) -> tuple[int, list[tuple[str, dict[str, Any]]]]:
        """What this person has been told since notice ``after`` (kind, payload), and the last
        notice's id — so a terminal can show claims and closes as Slack's DMs do."""
        with self._session(reading=True) as session:
            rows = session.scalars(
                select(OutboxRow)
                .where(
                    OutboxRow.workspace == self.workspace,
                    OutboxRow.target == note.user_target(user),
                    OutboxRow.id > after,
                )
                .order_by(OutboxRow.id)
            ).all()
            return (rows[-1].id if rows else after), [(r.kind, dict(r.payload)) for r in rows]

    def get(self, number: str) -> Consult:
        """The consult without reading its details (no audit); callers must not show the summary."""
        with self._session(reading=True) as session:
            return replace(consult_from_row(self._row(session, number)), summary=None)

    def audit_trail(self, number: str) -> list[tuple[str, str, datetime]]:
        with self._session(reading=True) as session:
            row = self._row(session, number)
            events = session.scalars(
                select(AuditRow).where(AuditRow.consult_id == row.id).order_by(AuditRow.id)
            ).all()
            return [(e.actor, e.action, e.at) for e in events]

    # --- time-driven --------------------------------------------------------

    def run_reminders(self, now: datetime) -> ReminderRun:
        """Remind an unclaimed 通常 consult's SSW on the next business day, inside business hours
        only (:meth:`BusinessCalendar.reminder_due`); escalate 至急 after 30 minutes whatever the
        hour, saying so when it is outside business hours (nobody may be watching: 189/110) —
        and once more at the next opening if it is still unclaimed then (``reminded_at`` marks
        that second call for a 至急 consult)."""
        open_now = self.business.is_open(now)
        reminded, escalated = [], []
        with self._session() as session:
            waiting = session.scalars(
                select(ConsultRow).where(
                    self._mine,
                    ConsultRow.status == Status.RECEIVED.value,
                    ConsultRow.assignee.is_(None),
                )
            ).all()
            for row in waiting:
                urgent = row.urgency == Urgency.URGENT.value
                if (
                    urgent
                    and row.escalated_at is None
                    and row.created_at + URGENT_ESCALATION_AFTER <= now
                ):
                    column = ConsultRow.escalated_at
                    key = "escalation"
                elif (
                    urgent
                    and open_now
                    and row.escalated_at is not None
                    and row.reminded_at is None
                    and not self.business.is_open(row.escalated_at)
                ):
                    column = ConsultRow.reminded_at
                    key = "escalation:opening"
                elif (
                    not urgent
                    and open_now
                    and row.reminded_at is None
                    and self.business.reminder_due(row.created_at) <= now
                ):
                    column = ConsultRow.reminded_at
                    key = "reminder"
                else:
                    continue
                marked = rowcount(
                    session.execute(
                        update(ConsultRow)
                        .where(ConsultRow.id == row.id, column.is_(None))
                        .values({column.key: now})
                    )
                )
                if marked != 1:
                    continue
                consult = consult_from_row(row)
                recipients = self.routing.recipients(
                    row.school, Urgency.URGENT if urgent else Urgency.NORMAL
                )
                if urgent:
                    self._notify(
                        session,
                        consult,
                        "escalation",
                        note.CHANNEL,
                        note.reminder(
                            consult,
                            recipients.mention,
                            True,
                            not open_now,
                            self.routing.names,
                            self.safety,
                        ),
                        now,
                        key,
                    )
                    escalated.append(row.number)
                else:
                    for user in recipients.primary:
                        self._notify(
                            session,
                            consult,
                            "reminder",
                            note.user_target(user),
                            note.reminder(consult, (user,), False, names=self.routing.names),
                            now,
                            f"reminder:{user}",
                        )
                    reminded.append(row.number)
        return ReminderRun(tuple(reminded), tuple(escalated))

    def purge(self, closed_before: date, actor: str, now: datetime) -> int:
        """Erase the free text of consults closed before the date; keep what the yearly counts need."""
        roles = self._roles_for(actor, requester="", assignee=None)
        check(Status.CLOSED, Action.PURGE, roles)
        cutoff = datetime.combine(closed_before, datetime.min.time(), TOKYO)
        with self._session() as session:
            rows = session.scalars(
                select(ConsultRow).where(
                    self._mine,
                    ConsultRow.status.in_([s.value for s in FINAL_STATUSES]),
                    ConsultRow.closed_at < cutoff,
                    ConsultRow.purged_at.is_(None),
                )
            ).all()
            for row in rows:
                row.summary = None
                row.outcome_note = None
                row.contact_time = None
                row.purged_at = now
                self._audit(session, row.id, actor, "purge", now, {})
            return len(rows)

    # --- helpers ------------------------------------------------------------

    @contextmanager
    def _session(self, reading: bool = False) -> Iterator[Session]:
        try:
            with Session(self.engine, expire_on_commit=False) as session, session.begin():
                yield session
        except (OperationalError, InterfaceError) as exc:
            if isinstance(exc, OperationalError) and not _is_connection_problem(exc):
                raise
            raise StorageUnavailable("read" if reading else "save") from exc

    def _row(self, session: Session, number: str) -> ConsultRow:
        row = session.scalar(
            select(ConsultRow).where(self._mine, ConsultRow.number == number.strip())
        )
        if row is None:
            raise ConsultNotFound(number)
        return row

    def _by_key(self, key: str) -> Consult | None:
        with self._session() as session:
            row = session.scalar(
                select(ConsultRow).where(self._mine, ConsultRow.idempotency_key == key)
            )
            return consult_from_row(row) if row else None

    def _roles_for(self, actor: str, requester: str, assignee: str | None) -> frozenset[Role]:
        return roles_of(
            actor,
            requester=requester,
            assignee=assignee,
            supervisor=self.routing.supervisor,
            is_ssw=self.routing.is_ssw(actor),
        )

    def _check(
        self, row: ConsultRow, actor: str, action: Action, new_assignee: str | None = None
    ) -> Status:
        """The lifecycle tables' verdict on ``actor`` making ``action`` (handing the consult
        to ``new_assignee``, for a move that does); a claim refused because someone has it
        names them."""
        roles = self._roles_for(actor, row.requester, row.assignee)
        receiver = (
            NewAssignee(new_assignee, self._roles_for(new_assignee, row.requester, None))
            if new_assignee is not None
            else None
        )
        try:
            return check(
                Status(row.status), action, roles, self.routing.name_of(row.assignee), receiver
            )
        except NotAllowed:
            if action is Action.CLAIM and row.assignee and roles & {Role.SSW, Role.SUPERVISOR}:
                raise AlreadyClaimed(
                    row.number, self.routing.name_of(row.assignee) or row.assignee
                ) from None
            raise

    def _audit(
        self,
        session: Session,
        consult_id: int,
        actor: str,
        action: str,
        now: datetime,
        detail: dict[str, Any],
    ) -> int:
        event = AuditRow(consult_id=consult_id, actor=actor, action=action, at=now, detail=detail)
        session.add(event)
        session.flush()
        return event.id

    def _notify(
        self,
        session: Session,
        consult: Consult,
        kind: str,
        target: str,
        payload: dict[str, Any],
        now: datetime,
        key: str,
    ) -> None:
        session.add(
            OutboxRow(
                workspace=self.workspace,
                consult_id=consult.id,
                kind=kind,
                target=target,
                payload=payload,
                dedupe_key=f"{self.workspace}/{consult.number}:{key}".lstrip("/"),
                status="pending",
                attempts=0,
                next_attempt_at=now,
                created_at=now,
            )
        )


def _is_connection_problem(exc: OperationalError) -> bool:
    text = str(exc.orig).lower() if exc.orig else str(exc).lower()
    return exc.connection_invalidated or any(
        word in text
        for word in (
            "connect",
            "connection",
            "unable to open",
            "server closed",
            "terminating",
            "could not",
            "timeout",
            "readonly",
            "read-only",
            "disk",
        )
    )


def consult_from_row(row: ConsultRow) -> Consult:
    return Consult(
        id=row.id,
        number=row.number,
        fiscal_year=row.fiscal_year,
        requester=row.requester,
        school=row.school,
        school_type=SchoolType(row.school_type),
        district=row.district,
        grade=row.grade,
        categories=tuple(row.categories),
        urgency=Urgency(row.urgency),
        summary=row.summary,
        consent=Consent(row.consent),
        contact_time=row.contact_time,
        status=Status(row.status),
        assignee=row.assignee,
        outcome=Outcome(row.outcome) if row.outcome else None,
        outcome_note=row.outcome_note,
        created_at=row.created_at,
        claimed_at=row.claimed_at,
        closed_at=row.closed_at,
        channel_message=row.channel_message,
    )
