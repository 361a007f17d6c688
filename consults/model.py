"""The values of the SSW consult queue, in the vocabulary of the seeds' 活動状況 table.

The words each value is stored as are data (``consults/data/stored_words.yaml``): rows, Slack
options and command-line arguments are read back by them, so they never change. What people
read is worded in :mod:`consults.messages`.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from enum import StrEnum, unique
from pathlib import Path
from typing import Annotated

from pydantic import BaseModel, ConfigDict, StringConstraints

from consults.datafiles import DATA
from directory.yamlfile import load_data_file

_STRICT = ConfigDict(extra="forbid", strict=True, frozen=True)
# the columns are VARCHAR(8) (migration 0001)
_StoredWord = Annotated[str, StringConstraints(min_length=1, max_length=8)]


class _StatusWords(BaseModel):
    model_config = _STRICT
    received: _StoredWord
    assigned: _StoredWord
    in_progress: _StoredWord
    closed: _StoredWord
    withdrawn: _StoredWord


class _OutcomeWords(BaseModel):
    model_config = _STRICT
    resolved: _StoredWord
    improving: _StoredWord
    ongoing: _StoredWord
    other: _StoredWord


class _UrgencyWords(BaseModel):
    model_config = _STRICT
    normal: _StoredWord
    urgent: _StoredWord


class _ConsentWords(BaseModel):
    model_config = _STRICT
    given: _StoredWord
    refused: _StoredWord
    unconfirmed: _StoredWord
    not_appropriate: _StoredWord


class _SchoolTypeWords(BaseModel):
    model_config = _STRICT
    elementary: _StoredWord
    junior_high: _StoredWord


class StoredWords(BaseModel):
    """The words of ``consults/data/stored_words.yaml``, field by field."""

    model_config = _STRICT
    status: _StatusWords
    outcome: _OutcomeWords
    urgency: _UrgencyWords
    consent: _ConsentWords
    school_type: _SchoolTypeWords


STORED_WORDS_FILE = DATA / "stored_words.yaml"


def load_stored_words(path: Path = STORED_WORDS_FILE) -> StoredWords:
    """Read and check the file; DataFileInvalid (file:line problems) when it is wrong."""
    return load_data_file(path, StoredWords)


# a wrong file stops the import at its file:line; a word written twice for one field, which
# would make two values one, stops it at @unique (whose error names both)
_WORDS = load_stored_words()


@unique
class Status(StrEnum):
    RECEIVED = _WORDS.status.received
    ASSIGNED = _WORDS.status.assigned
    IN_PROGRESS = _WORDS.status.in_progress
    CLOSED = _WORDS.status.closed
    WITHDRAWN = _WORDS.status.withdrawn


OPEN_STATUSES = (Status.RECEIVED, Status.ASSIGNED, Status.IN_PROGRESS)
FINAL_STATUSES = (Status.CLOSED, Status.WITHDRAWN)


@unique
class Outcome(StrEnum):
    """The columns of the seed's table: 解決 / 支援中であるが好転 / 支援中 / その他."""

    RESOLVED = _WORDS.outcome.resolved
    IMPROVING = _WORDS.outcome.improving
    ONGOING = _WORDS.outcome.ongoing
    OTHER = _WORDS.outcome.other


@unique
class Urgency(StrEnum):
    NORMAL = _WORDS.urgency.normal
    URGENT = _WORDS.urgency.urgent


@unique
class Consent(StrEnum):
    """保護者の同意. Consent never holds up a suspected-abuse case: 取得不適 exists for that."""

    GIVEN = _WORDS.consent.given
    REFUSED = _WORDS.consent.refused
    UNCONFIRMED = _WORDS.consent.unconfirmed
    NOT_APPROPRIATE = _WORDS.consent.not_appropriate


CONSENTS_ORDER = (Consent.GIVEN, Consent.REFUSED, Consent.UNCONFIRMED, Consent.NOT_APPROPRIATE)


@unique
class SchoolType(StrEnum):
    ELEMENTARY = _WORDS.school_type.elementary
    JUNIOR_HIGH = _WORDS.school_type.junior_high


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
