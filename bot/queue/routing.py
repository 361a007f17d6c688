"""Who receives a consult: schools → 中学校区 → SSW, read from a deployment YAML.

A new consult goes to its district's SSW; 至急 also to every SSW and the
supervisor; a school without a district goes to all SSWs (never nowhere).

Schools are matched as staff write them: 三中, 第3中, ３中, 第三中学校 and
武蔵野市立第三中学校 are one school (:func:`school_key`), and a school may list
the other names people use for it (``also``).
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass, field, replace
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


class _SchoolModel(BaseModel):
    model_config = _STRICT
    name: StrictStr
    also: list[StrictStr] = []


class _DistrictModel(BaseModel):
    model_config = _STRICT
    name: StrictStr
    ssw: StrictStr
    schools: list[StrictStr | _SchoolModel] = []


class _RoutingModel(BaseModel):
    model_config = _STRICT
    municipality: StrictStr
    supervisor: StrictStr | None = None
    supervisor_name: StrictStr = "SSW統括"
    business_hours: StrictStr = "8:30-17:00"
    ssws: list[_SswModel]
    districts: list[_DistrictModel] = []


@dataclass(frozen=True)
class Recipients:
    district: str | None
    primary: tuple[str, ...]
    mention: tuple[str, ...]


@dataclass(frozen=True)
class School:
    """A school of the routing file: its official name, its district and its type."""

    name: str
    district: str
    school_type: SchoolType | None


@dataclass(frozen=True)
class Routing:
    municipality: str
    ssws: tuple[str, ...]
    supervisor: str | None
    district_of_school: dict[str, str]
    ssw_of_district: dict[str, str]
    business_hours: TimeRange
    names: dict[str, str]
    schools: tuple[School, ...] = ()
    school_of_key: dict[str, School] = field(default_factory=dict)

    def with_ssws(self, users: Iterable[str]) -> Routing:
        """MADOGUCHI_SSW_USERS overrides the file's list of who is an SSW."""
        return replace(self, ssws=tuple(users))

    def is_ssw(self, user: str) -> bool:
        return user in self.ssws or user == self.supervisor

    def name_of(self, user: str | None) -> str | None:
        """The person's name as the routing file writes it; the id when no name is known."""
        if user is None:
            return None
        return self.names.get(user) or user

    def school(self, written: str) -> School | None:
        """The school meant by a name as a person wrote it (三中, 第3中学校 …), or None."""
        return self.school_of_key.get(school_key(written, self.municipality))

    def district(self, school: str) -> str | None:
        found = self.school(school)
        return found.district if found else None

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
    key = school_key(school)
    if key.endswith("中"):
        return SchoolType.JUNIOR_HIGH
    if key.endswith("小"):
        return SchoolType.ELEMENTARY
    return None


_KANJI_DIGITS = {c: i for i, c in enumerate("〇一二三四五六七八九")}
_SETTERS = ("市立", "区立", "町立", "村立", "都立", "府立", "県立", "道立")
_NUMBERED = re.compile(r"第?([0-9]+|[〇一二三四五六七八九十]+)(?=[中小]$)")


def school_key(written: str, municipality: str = "") -> str:
    """One spelling for every way of writing a school's name.

    >>> {school_key(s, "武蔵野市") for s in ("三中", "第3中", "第三中学校", "武蔵野市立第三中学校", "第３中")}
    {'3中'}
    """
    text = re.sub(r"\s+", "", unicodedata.normalize("NFKC", written))
    city = municipality.strip()
    for prefix in (
        *((f"{city}立", city, f"{city[:-1]}立", city[:-1]) if len(city) > 2 else ()),
        *_SETTERS,
    ):
        if text.startswith(prefix) and len(text) > len(prefix) + 1:
            text = text[len(prefix) :]
            break
    text = re.sub(r"(中学校|中学)$", "中", text)
    text = re.sub(r"(小学校|小学)$", "小", text)
    return _NUMBERED.sub(lambda m: str(_numeral(m[1])), text)


def _numeral(digits: str) -> int:
    """Arabic or kanji numerals up to 99: 3, 三, 十二, 二十."""
    if digits.isdigit():
        return int(digits)
    if "十" in digits:
        tens, _, ones = digits.partition("十")
        return _KANJI_DIGITS.get(tens, 1) * 10 + _KANJI_DIGITS.get(ones, 0)
    value = 0
    for c in digits:
        value = value * 10 + _KANJI_DIGITS[c]
    return value


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
    schools: list[School] = []
    school_of_key: dict[str, School] = {}
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
        for j, entry in enumerate(district.schools):
            name, also = (entry, []) if isinstance(entry, str) else (entry.name, entry.also)
            school = School(name, district.name, school_type_of(name))
            line = located.line_of(("districts", i, "schools", j))
            if school.school_type is None:
                problems.append(
                    Problem(
                        located.file,
                        line,
                        f"学校 '{name}' が小学校か中学校か分かりません",
                        "正式名（〇〇小学校・〇〇中学校）で書きます",
                    )
                )
            schools.append(school)
            district_of_school[name] = district.name
            for written in (name, *also):
                key = school_key(written, model.municipality)
                other = school_of_key.get(key)
                if other is not None and other.name != name:
                    problems.append(
                        Problem(
                            located.file,
                            line,
                            f"'{written}' が '{other.name}' と同じ学校に読めます（2つの学校に同じ呼び名）",
                            "どちらかの学校の also から外すか、正式名を確かめます",
                        )
                    )
                school_of_key[key] = school
    try:
        hours = parse_ranges(model.business_hours)[0]
    except HoursSyntaxError as exc:
        problems.append(
            Problem(located.file, located.line_of(("business_hours",)), exc.message, exc.hint)
        )
        hours = TimeRange(510, 1020)
    if problems:
        raise DirectoryInvalid(problems)
    names = {s.user: s.name for s in model.ssws if s.name}
    if model.supervisor:
        names.setdefault(model.supervisor, model.supervisor_name)
    return Routing(
        model.municipality,
        tuple(users),
        model.supervisor,
        district_of_school,
        ssw_of_district,
        hours,
        names,
        tuple(schools),
        school_of_key,
    )
