"""The values of the SSW consult queue, in the vocabulary of the seeds' 活動状況 table."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from enum import StrEnum


class Status(StrEnum):
    RECEIVED = "受付"
    ASSIGNED = "担当決定"
    IN_PROGRESS = "対応中"
    CLOSED = "完了"
    WITHDRAWN = "取り下げ"


OPEN_STATUSES = (Status.RECEIVED, Status.ASSIGNED, Status.IN_PROGRESS)
FINAL_STATUSES = (Status.CLOSED, Status.WITHDRAWN)


class Outcome(StrEnum):
    """The columns of the seed's table: 解決 / 支援中であるが好転 / 支援中 / その他."""

    RESOLVED = "解決"
    IMPROVING = "好転"
    ONGOING = "支援中"
    OTHER = "その他"


OUTCOME_LABELS = {
    Outcome.RESOLVED: "解決",
    Outcome.IMPROVING: "支援中であるが好転",
    Outcome.ONGOING: "支援中",
    Outcome.OTHER: "その他",
}


class Urgency(StrEnum):
    NORMAL = "通常"
    URGENT = "至急"


class Consent(StrEnum):
    """保護者の同意. Consent never holds up a suspected-abuse case: 取得不適 exists for that."""

    GIVEN = "あり"
    REFUSED = "なし"
    UNCONFIRMED = "未確認"
    NOT_APPROPRIATE = "取得不適"


CONSENTS_ORDER = (Consent.GIVEN, Consent.REFUSED, Consent.UNCONFIRMED, Consent.NOT_APPROPRIATE)


class SchoolType(StrEnum):
    ELEMENTARY = "小学校"
    JUNIOR_HIGH = "中学校"


@dataclass(frozen=True)
class ConsultDraft:
    """What a requester submits (from the console, the CLI or the Slack modal)."""

    requester: str
    school: str
    grade: int
    categories: tuple[str, ...]
    urgency: Urgency
    summary: str
    consent: Consent
    contact_time: str = ""
    idempotency_key: str | None = None


@dataclass(frozen=True)
class Consult:
    id: int
    number: str
    fiscal_year: int
    requester: str
    school: str
    school_type: SchoolType
    district: str | None
    grade: int
    categories: tuple[str, ...]
    urgency: Urgency
    summary: str | None
    consent: Consent
    contact_time: str | None
    status: Status
    assignee: str | None
    outcome: Outcome | None
    outcome_note: str | None
    created_at: datetime
    claimed_at: datetime | None
    closed_at: datetime | None
    channel_message: str | None

    @property
    def is_open(self) -> bool:
        return self.status in OPEN_STATUSES


def fiscal_year_of(day: date) -> int:
    """Japanese fiscal year: April to March (2027-03-31 is in FY2026)."""
    return day.year if day.month >= 4 else day.year - 1


def consult_number(fiscal_year: int, sequence: int) -> str:
    return f"{fiscal_year}-{sequence:04d}"
