"""The resource directory as the rest of madoguchi sees it: frozen values, no I/O."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date
from functools import cached_property

from directory.hours import MonthDayPeriod, Schedule


@dataclass(frozen=True)
class Phone:
    label: str
    number: str
    schedule: Schedule = field(default_factory=Schedule)


@dataclass(frozen=True)
class Resource:
    """A window, program, hotline or local supporter that staff can refer a family to."""

    id: str
    name: str
    municipality_id: str
    reading: str = ""
    aliases: tuple[str, ...] = ()
    kind: str = ""
    summary: str = ""
    categories: tuple[str, ...] = ()
    topics: tuple[str, ...] = ()
    serves: tuple[str, ...] = ()
    age_ranges: tuple[tuple[int, int], ...] = ()
    address: str | None = None
    phones: tuple[Phone, ...] = ()
    schedule: Schedule = field(default_factory=Schedule)
    referral: tuple[str, ...] = ()
    how_to_refer: str | None = None
    source: tuple[str, ...] = ()
    verified: date | None = None
    emergency_only: bool = False
    # the window stands for many places (a city's 子ども食堂): asked where it is, the answer is
    # the list of them, not one address
    many_places: bool = False

    def serves_ages(self, low: int, high: int) -> bool | None:
        """Whether any served age range overlaps [low, high); None when unknown."""
        if not self.age_ranges:
            return None
        return any(a < high and low < b for a, b in self.age_ranges)


@dataclass(frozen=True)
class EmergencyLine:
    """A line an emergency answer names (national.yaml's 110, 119, 189, 子供SOSダイヤル), as
    its record says: the danger levels it is for, and its sentence with ``{number}`` where
    ``number`` goes. ``file``/``line`` point at the record, for problems found later."""

    resource_id: str
    municipality_id: str
    number: str
    say: str
    for_danger: tuple[str, ...]
    also_for_danger: tuple[str, ...] = ()
    file: str = ""
    line: int = 0


@dataclass(frozen=True)
class Municipality:
    id: str
    name: str
    reading: str = ""
    aliases: tuple[str, ...] = ()
    general_window: str | None = None
    national: bool = False


@dataclass(frozen=True)
class Vocabulary:
    categories: tuple[str, ...]
    stages: Mapping[str, tuple[int, int]]
    closures: Mapping[str, MonthDayPeriod]
    # a kind of window named generically (児相) → the national line that covers it, or ""
    generic_names: Mapping[str, str] = field(default_factory=dict)


@dataclass(frozen=True)
class Directory:
    municipalities: tuple[Municipality, ...]
    resources: tuple[Resource, ...]
    vocabulary: Vocabulary
    # in the data's order, which is the order an emergency answer names them
    emergency_lines: tuple[EmergencyLine, ...] = ()

    @cached_property
    def by_id(self) -> Mapping[str, Resource]:
        return {r.id: r for r in self.resources}

    @cached_property
    def municipality_by_id(self) -> Mapping[str, Municipality]:
        return {m.id: m for m in self.municipalities}

    def find_municipality(self, name_or_id: str) -> Municipality | None:
        """By id, name or alias, as staff would write it (国立市, 国立, kunitachi)."""
        wanted = name_or_id.strip()
        for m in self.municipalities:
            if wanted in (m.id, m.name) or wanted in m.aliases:
                return m
        return None

    def general_window(self, municipality_id: str) -> Resource | None:
        """The city's 総合相談窓口: the honest fallback when nothing else fits."""
        m = self.municipality_by_id.get(municipality_id)
        return self.by_id.get(m.general_window) if m and m.general_window else None

    def emergency_lines_for(self, municipality_id: str) -> tuple[EmergencyLine, ...]:
        """The emergency lines an asker in this city is given: the national ones and the
        city's own, in the data's order."""
        return tuple(
            line
            for line in self.emergency_lines
            if line.municipality_id == municipality_id or line.municipality_id in self.national_ids
        )

    def emergency_number(self, municipality_id: str, level: str) -> str | None:
        """The number of the first line for this danger level (110 for immediate)."""
        lines = self.emergency_lines_for(municipality_id)
        return next((x.number for x in lines if level in x.for_danger), None)

    @cached_property
    def national_ids(self) -> frozenset[str]:
        return frozenset(m.id for m in self.municipalities if m.national)

    @cached_property
    def resources_of(self) -> Mapping[str, tuple[Resource, ...]]:
        """Each municipality's resources in directory order (built once, not per question)."""
        grouped: dict[str, list[Resource]] = {m.id: [] for m in self.municipalities}
        for resource in self.resources:
            grouped.setdefault(resource.municipality_id, []).append(resource)
        return {m: tuple(rs) for m, rs in grouped.items()}
