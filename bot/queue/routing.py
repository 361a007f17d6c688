"""Who receives a consult: schools → 中学校区 → SSW, read from a deployment YAML.

A new consult goes to its district's SSW; 至急 also to every SSW and the
supervisor; a school without a district goes to all SSWs (never nowhere).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from pydantic import BaseModel, ConfigDict, StrictStr

from bot.queue.model import SchoolType, Urgency
from directory.hours import HoursSyntaxError, TimeRange, parse_ranges
from directory.problems import DirectoryInvalid, Problem
from directory.yamlfile import read_yaml, validate

BUNDLED_ROUTING = Path(__file__).resolve().parents[1] / "data" / "routing.yaml"
_STRICT = ConfigDict(extra="forbid", strict=True, frozen=True)


class _SswModel(BaseModel):
    model_config = _STRICT
    user: StrictStr
    name: StrictStr = ""


class _DistrictModel(BaseModel):
    model_config = _STRICT
    name: StrictStr
    ssw: StrictStr
    schools: list[StrictStr] = []


class _RoutingModel(BaseModel):
    model_config = _STRICT
    municipality: StrictStr
    supervisor: StrictStr | None = None
    business_hours: StrictStr = "8:30-17:00"
    ssws: list[_SswModel]
    districts: list[_DistrictModel] = []


@dataclass(frozen=True)
class Recipients:
    district: str | None
    primary: tuple[str, ...]
    mention: tuple[str, ...]


@dataclass(frozen=True)
class Routing:
    municipality: str
    ssws: tuple[str, ...]
    supervisor: str | None
    district_of_school: dict[str, str]
    ssw_of_district: dict[str, str]
    business_hours: TimeRange
    names: dict[str, str]

    def with_ssws(self, users: Iterable[str]) -> Routing:
        """MADOGUCHI_SSW_USERS overrides the file's list of who is an SSW."""
        return Routing(
            self.municipality,
            tuple(users),
            self.supervisor,
            self.district_of_school,
            self.ssw_of_district,
            self.business_hours,
            self.names,
        )

    def is_ssw(self, user: str) -> bool:
        return user in self.ssws or user == self.supervisor

    def district(self, school: str) -> str | None:
        return self.district_of_school.get(_fold(school))

    def recipients(self, school: str, urgency: Urgency) -> Recipients:
        district = self.district(school)
        ssw = self.ssw_of_district.get(district or "")
        everyone = tuple(
            dict.fromkeys([*self.ssws, *([self.supervisor] if self.supervisor else [])])
        )
        if urgency is Urgency.URGENT:
            primary = (ssw,) if ssw else self.ssws
            return Recipients(district, primary, everyone)
        if ssw:
            return Recipients(district, (ssw,), (ssw,))
        return Recipients(None, self.ssws, self.ssws)


def school_type_of(school: str) -> SchoolType | None:
    if school.endswith(("中学校", "中")):
        return SchoolType.JUNIOR_HIGH
    if school.endswith(("小学校", "小")):
        return SchoolType.ELEMENTARY
    return None


def load_routing(path: Path | str | None = None) -> Routing:
    """Read and check the routing file; DirectoryInvalid (file:line problems) when it is wrong."""
    problems: list[Problem] = []
    located = read_yaml(Path(path or BUNDLED_ROUTING), problems)
    model = validate(_RoutingModel, located, located.data, (), problems) if located else None
    if model is None or located is None:
        raise DirectoryInvalid(problems)
    users = [s.user for s in model.ssws]
    district_of_school: dict[str, str] = {}
    ssw_of_district: dict[str, str] = {}
    for i, district in enumerate(model.districts):
        if district.ssw not in users:
            problems.append(
                Problem(
                    located.file,
                    located.line_of(("districts", i, "ssw")),
                    f"{district.name} のSSW '{district.ssw}' が ssws にいません",
                    "ssws に足すか user を直します",
                )
            )
        ssw_of_district[district.name] = district.ssw
        for j, school in enumerate(district.schools):
            if _fold(school) in district_of_school:
                problems.append(
                    Problem(
                        located.file,
                        located.line_of(("districts", i, "schools", j)),
                        f"学校 '{school}' が2つの中学校区にあります",
                        "どちらか一方にします",
                    )
                )
            district_of_school[_fold(school)] = district.name
    try:
        hours = parse_ranges(model.business_hours)[0]
    except HoursSyntaxError as exc:
        problems.append(
            Problem(located.file, located.line_of(("business_hours",)), exc.message, exc.hint)
        )
        hours = TimeRange(510, 1020)
    if problems:
        raise DirectoryInvalid(problems)
    names = {s.user: s.name for s in model.ssws}
    return Routing(
        model.municipality,
        tuple(users),
        model.supervisor,
        district_of_school,
        ssw_of_district,
        hours,
        names,
    )


def _fold(school: str) -> str:
    return re.sub(r"\s+", "", school)
