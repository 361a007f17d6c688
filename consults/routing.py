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
from typing import Annotated, Any

from pydantic import BaseModel, ConfigDict, Field, StrictStr, StringConstraints, ValidationError

from consults import messages as msg
from consults.datafiles import DATA
from consults.model import SchoolType, Urgency
from directory.hours import HoursSyntaxError, TimeRange, parse_ranges
from directory.problems import DataFileInvalid, Problem
from directory.yamlfile import LocatedYaml, load_data_file, read_yaml, validate

BUNDLED_ROUTING = DATA / "routing.yaml"
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
    schools: list[Any] = []  # a name, or {name, also}: each checked by _school_entry


class _RoutingModel(BaseModel):
    model_config = _STRICT
    municipality: StrictStr
    supervisor: StrictStr | None = None
    supervisor_name: StrictStr = msg.SUPERVISOR_NAME
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

    def user_named(self, written: str) -> str:
        """The user id of an SSW written by id or by name (SSW A, SSW統括); as written if neither."""
        wanted = written.strip()
        if wanted in self.ssws or wanted == self.supervisor:
            return wanted
        folded = re.sub(r"\s+", "", wanted).removesuffix(NAMES.honorific)
        for user, name in self.names.items():
            if re.sub(r"\s+", "", name) == folded:
                return user
        return wanted

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
    for school_type, written in NAMES.school_types:
        if key.endswith(written.short):
            return school_type
    return None


class _SchoolTypeNamesModel(BaseModel):
    model_config = _STRICT
    endings: list[Annotated[StrictStr, StringConstraints(min_length=1)]] = Field(min_length=1)
    short: Annotated[StrictStr, StringConstraints(min_length=1, max_length=1)]


class _SchoolNamesModel(BaseModel):
    model_config = _STRICT
    run_by: list[Annotated[StrictStr, StringConstraints(min_length=1)]]
    run_by_mark: Annotated[StrictStr, StringConstraints(min_length=1)]
    junior_high: _SchoolTypeNamesModel
    elementary: _SchoolTypeNamesModel
    number_mark: Annotated[StrictStr, StringConstraints(min_length=1)]
    kanji_digits: Annotated[StrictStr, StringConstraints(min_length=10, max_length=10)]
    kanji_ten: Annotated[StrictStr, StringConstraints(min_length=1, max_length=1)]


class _PeopleNamesModel(BaseModel):
    model_config = _STRICT
    honorific: Annotated[StrictStr, StringConstraints(min_length=1)]


class _WrittenNamesModel(BaseModel):
    model_config = _STRICT
    schools: _SchoolNamesModel
    people: _PeopleNamesModel


@dataclass(frozen=True)
class SchoolTypeNames:
    """The endings staff write a school type with (中学校, 中学) and the character they become."""

    ending: re.Pattern[str]
    short: str


@dataclass(frozen=True)
class WrittenNames:
    """How staff write schools and people (``consults/data/written_names.yaml``)."""

    run_by: tuple[str, ...]
    run_by_mark: str
    school_types: tuple[tuple[SchoolType, SchoolTypeNames], ...]
    numbered: re.Pattern[str]  # group 1: the number, before a school type's short ending
    kanji_digits: dict[str, int]
    kanji_ten: str
    honorific: str


WRITTEN_NAMES_FILE = DATA / "written_names.yaml"


def load_written_names(path: Path = WRITTEN_NAMES_FILE) -> WrittenNames:
    """Read and check the file; DataFileInvalid (file:line problems) when it is wrong."""
    model = load_data_file(path, _WrittenNamesModel)
    schools = model.schools
    types = (
        (SchoolType.JUNIOR_HIGH, schools.junior_high),
        (SchoolType.ELEMENTARY, schools.elementary),
    )
    shorts = "".join(re.escape(names.short) for _, names in types)
    numerals = re.escape(schools.kanji_digits + schools.kanji_ten)
    return WrittenNames(
        run_by=tuple(schools.run_by),
        run_by_mark=schools.run_by_mark,
        school_types=tuple(
            (
                school_type,
                SchoolTypeNames(
                    re.compile(f"({'|'.join(re.escape(e) for e in names.endings)})$"),
                    names.short,
                ),
            )
            for school_type, names in types
        ),
        numbered=re.compile(
            f"{re.escape(schools.number_mark)}?([0-9]+|[{numerals}]+)(?=[{shorts}]$)"
        ),
        kanji_digits={c: i for i, c in enumerate(schools.kanji_digits)},
        kanji_ten=schools.kanji_ten,
        honorific=model.people.honorific,
    )


NAMES = load_written_names()


def school_key(written: str, municipality: str = "") -> str:
    """One spelling for every way of writing a school's name.

    >>> {school_key(s, "武蔵野市") for s in ("三中", "第3中", "第三中学校", "武蔵野市立第三中学校", "第３中")}
    {'3中'}
    """
    text = re.sub(r"\s+", "", unicodedata.normalize("NFKC", written))
    city = municipality.strip()
    run_by = NAMES.run_by_mark
    for prefix in (
        *((f"{city}{run_by}", city, f"{city[:-1]}{run_by}", city[:-1]) if len(city) > 2 else ()),
        *NAMES.run_by,
    ):
        if text.startswith(prefix) and len(text) > len(prefix) + 1:
            text = text[len(prefix) :]
            break
    for _, names in NAMES.school_types:
        text = names.ending.sub(names.short, text)
    return NAMES.numbered.sub(lambda m: str(_numeral(m[1])), text)


def _numeral(digits: str) -> int:
    """Arabic or kanji numerals up to 99: 3, 三, 十二, 二十."""
    if digits.isdigit():
        return int(digits)
    kanji = NAMES.kanji_digits
    if NAMES.kanji_ten in digits:
        tens, _, ones = digits.partition(NAMES.kanji_ten)
        return kanji.get(tens, 1) * 10 + kanji.get(ones, 0)
    value = 0
    for c in digits:
        value = value * 10 + kanji[c]
    return value


ROUTING_KEYS = sorted(
    {*_RoutingModel.model_fields, *_SswModel.model_fields, *_DistrictModel.model_fields}
    | set(_SchoolModel.model_fields)
)


def load_routing(path: Path | str | None = None) -> Routing:
    """Read and check the routing file; DataFileInvalid (file:line problems) when it is wrong."""
    routing, problems = read_routing(path)
    if routing is None or problems:
        raise DataFileInvalid(problems)
    return routing


def check_routing(path: Path | str | None = None) -> list[Problem]:
    """Every problem of a routing file in one run (``madoguchi check``)."""
    return read_routing(path)[1]


def _lenient(model: type[BaseModel], data: Any) -> Any:
    """``data`` as ``model`` when it validates, else None: the problems are already reported
    by the whole file's validation; this only lets the other checks go on."""
    try:
        return model.model_validate(data)
    except ValidationError:
        return None


def _parts(data: Any) -> _RoutingModel:
    """The parts of a routing file that are well formed, so one misspelt key does not hide
    the problems of the rest."""
    data = data if isinstance(data, dict) else {}

    def items(key: str, item_model: type[BaseModel]) -> list[Any]:
        raw = data.get(key)
        found = [_lenient(item_model, item) for item in raw] if isinstance(raw, list) else []
        return found

    def text(key: str, default: str) -> str:
        value = data.get(key)
        return value if isinstance(value, str) else default

    return _RoutingModel.model_construct(
        municipality=text("municipality", ""),
        supervisor=data.get("supervisor") if isinstance(data.get("supervisor"), str) else None,
        supervisor_name=text("supervisor_name", msg.SUPERVISOR_NAME),
        business_hours=text("business_hours", "8:30-17:00"),
        ssws=[s for s in items("ssws", _SswModel) if s is not None],
        districts=items("districts", _DistrictModel),
    )


def _school_entry(
    entry: Any, located: LocatedYaml, at: tuple[str | int, ...], problems: list[Problem]
) -> tuple[str, list[str]] | None:
    """A school written as its name, or as {name, also}."""
    if isinstance(entry, str) and entry.strip():
        return entry, []
    if isinstance(entry, dict):
        school = validate(_SchoolModel, located, entry, at, problems, ROUTING_KEYS)
        return (school.name, list(school.also)) if school else None
    problems.append(
        Problem(located.file, located.line_of(at), *msg.routing_school_unreadable(entry))
    )
    return None


def read_routing(path: Path | str | None = None) -> tuple[Routing | None, list[Problem]]:
    """The routing file and every problem found in it (schema and meaning together)."""
    problems: list[Problem] = []
    located = read_yaml(Path(path or BUNDLED_ROUTING), problems)
    if located is None:
        return None, problems
    model = validate(_RoutingModel, located, located.data, (), problems, ROUTING_KEYS)
    whole = model is not None
    raw_ssws = located.data.get("ssws") if isinstance(located.data, dict) else None
    ssws_complete = whole or isinstance(raw_ssws, list)
    written_users = (
        {item.get("user") for item in raw_ssws or [] if isinstance(item, dict)}
        if isinstance(raw_ssws, list)
        else set()
    )
    if model is None:
        model = _parts(located.data)
    users = [s.user for s in model.ssws]
    district_of_school: dict[str, str] = {}
    ssw_of_district: dict[str, str] = {}
    schools: list[School] = []
    school_of_key: dict[str, School] = {}
    for i, district in enumerate(model.districts):
        if district is None:
            continue
        if district.ssw not in users and district.ssw not in written_users and ssws_complete:
            problems.append(
                Problem(
                    located.file,
                    located.line_of(("districts", i, "ssw")),
                    *msg.routing_ssw_not_listed(district.name, district.ssw),
                )
            )
        ssw_of_district[district.name] = district.ssw
        for j, entry in enumerate(district.schools):
            at = ("districts", i, "schools", j)
            written_as = _school_entry(entry, located, at, problems)
            if written_as is None:
                continue
            name, also = written_as
            school = School(name, district.name, school_type_of(name))
            line = located.line_of(at)
            if school.school_type is None:
                problems.append(Problem(located.file, line, *msg.routing_school_type_unknown(name)))
            schools.append(school)
            district_of_school[name] = district.name
            for written in (name, *also):
                key = school_key(written, model.municipality)
                other = school_of_key.get(key)
                if other is not None and other.district != district.name and other.name == name:
                    problems.append(
                        Problem(
                            located.file,
                            line,
                            *msg.routing_school_in_two_districts(
                                name, other.district, district.name
                            ),
                        )
                    )
                elif other is not None and other.name != name:
                    problems.append(
                        Problem(
                            located.file,
                            line,
                            *msg.routing_name_of_two_schools(written, other.name),
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
    if problems or not whole:
        return None, problems
    names = {s.user: s.name for s in model.ssws if s.name}
    if model.supervisor:
        names.setdefault(model.supervisor, model.supervisor_name)
    routing = Routing(
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
    return routing, []
