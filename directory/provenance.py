"""Where each fact of the directory comes from, and whether the quoted passages are really there.

A record's facts are the fields the bot states to a teacher (what it does, whom it
serves, its phone, address, hours, how to refer). Each is *sourced* when an
``evidence`` entry quotes a passage of one of the record's sources that covers it,
*convention* when an entry says it rests on a convention (and why), and
*unsourced* otherwise. A quote counts only if it is found in the source text
(ignoring line breaks, spaces and full/half width, which PDF extraction scatters);
a phone number counts only if a quote covering ``phones`` contains it.

Pure: the loader reads the files and hands the texts in.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from enum import Enum

from directory import messages as msg
from directory.problems import Problem

# the fields a teacher reads as claims; name, reading, aliases and kind identify a record
FACT_FIELDS = (
    "summary",
    "serves",
    "topics",
    "categories",
    "address",
    "phones",
    "hours",
    "referral",
    "how_to_refer",
)


class Support(Enum):
    SOURCED = "sourced"
    CONVENTION = "convention"
    UNSOURCED = "unsourced"


@dataclass(frozen=True)
class Evidence:
    covers: tuple[str, ...]
    line: int
    quote: str | None = None
    convention: str | None = None
    seed: str | None = None


@dataclass(frozen=True)
class RecordFacts:
    """One record as written: which fact fields it fills (with their lines) and its evidence."""

    resource_id: str
    file: str
    line: int
    facts: Mapping[str, int]
    sources: tuple[str, ...]
    evidence: tuple[Evidence, ...] = ()
    phone_numbers: tuple[str, ...] = ()


@dataclass(frozen=True)
class FactSupport:
    resource_id: str
    field: str
    support: Support
    where: str


@dataclass(frozen=True)
class ConventionNote:
    """A named closure (年末年始) whose dates rest on convention, not on a source."""

    name: str
    where: str
    note: str | None


@dataclass
class ProvenanceReport:
    facts: list[FactSupport] = field(default_factory=list)
    conventions: list[ConventionNote] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)

    def count(self, support: Support) -> int:
        return sum(1 for fact in self.facts if fact.support is support)

    def by_record(self) -> dict[str, dict[Support, int]]:
        counts: dict[str, dict[Support, int]] = {}
        for fact in self.facts:
            row = counts.setdefault(fact.resource_id, dict.fromkeys(Support, 0))
            row[fact.support] += 1
        return counts


def comparable(text: str) -> str:
    """Text as PDF extraction leaves it comparable: NFKC, no whitespace of any kind."""
    return re.sub(r"\s+", "", unicodedata.normalize("NFKC", text))


def assess(records: Sequence[RecordFacts], source_texts: Mapping[str, str]) -> ProvenanceReport:
    """Each fact's support, and a problem for every quote its source does not contain,
    every source that is not at hand, and every fact nothing covers."""
    report = ProvenanceReport()
    sources = {name: comparable(text) for name, text in source_texts.items()}
    for record in records:
        covered: dict[str, Support] = {}
        phone_quotes: list[str] = []
        for evidence in record.evidence:
            support = _support_of(record, evidence, sources, report.problems)
            if support is None:
                continue
            for name in evidence.covers:
                if name not in FACT_FIELDS:
                    report.problems.append(
                        Problem(
                            record.file,
                            evidence.line,
                            *msg.unknown_covered_field(name, FACT_FIELDS),
                        )
                    )
                    continue
                if covered.get(name) is not Support.SOURCED:
                    covered[name] = support
                if name == "phones" and evidence.quote:
                    phone_quotes.append(comparable(evidence.quote))
        for name, line in record.facts.items():
            support = covered.get(name, Support.UNSOURCED)
            if name == "phones" and support is Support.SOURCED:
                missing = [n for n in record.phone_numbers if not _number_in(n, phone_quotes)]
                if missing:
                    support = Support.UNSOURCED
                    report.problems.append(
                        Problem(
                            record.file, line, *msg.phone_not_quoted(record.resource_id, missing)
                        )
                    )
            elif support is Support.UNSOURCED:
                report.problems.append(
                    Problem(record.file, line, *msg.fact_unsourced(record.resource_id, name))
                )
            report.facts.append(
                FactSupport(record.resource_id, name, support, f"{record.file}:{line}")
            )
    return report


def _support_of(
    record: RecordFacts,
    evidence: Evidence,
    sources: Mapping[str, str],
    problems: list[Problem],
) -> Support | None:
    if (evidence.quote is None) == (evidence.convention is None):
        problems.append(Problem(record.file, evidence.line, *msg.quote_or_convention()))
        return None
    if evidence.convention is not None:
        return Support.CONVENTION
    assert evidence.quote is not None
    names = (evidence.seed,) if evidence.seed else record.sources
    if evidence.seed and evidence.seed not in record.sources:
        problems.append(Problem(record.file, evidence.line, *msg.seed_not_a_source(evidence.seed)))
        return None
    at_hand = [sources[name] for name in names if name in sources]
    if not at_hand:
        problems.append(
            Problem(record.file, evidence.line, *msg.source_text_missing(record.resource_id, names))
        )
        return None
    quote = comparable(evidence.quote)
    if not quote or not any(quote in text for text in at_hand):
        problems.append(
            Problem(record.file, evidence.line, *msg.quote_not_in_source(evidence.quote, names))
        )
        return None
    return Support.SOURCED


def _number_in(number: str, quotes: Sequence[str]) -> bool:
    """The number is in a quote, at least from its exchange on (seeds often drop the area
    code a city shares: 「60-1850」 for 0422-60-1850)."""
    groups = number.split("-")
    local = "".join(groups[1:]) if len(groups) > 2 else "".join(groups)
    return any(local in re.sub(r"\D", "", quote) for quote in quotes)
