"""Read directory YAML files, check them, and build a :class:`Directory`.

The only module of ``directory`` that touches the file system. Every problem is
collected (never just the first) with its file and line, taken from the YAML
node marks, so ``madoguchi check`` can list them all at once.
"""

from __future__ import annotations

import difflib
import re
import unicodedata
from datetime import date
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ValidationError

from directory import messages as msg
from directory.calendar import holiday_names
from directory.hours import (
    DatePeriod,
    HoursSyntaxError,
    MonthDayPeriod,
    Schedule,
    TimeRange,
    WeeklyRule,
    check_rules_do_not_overlap,
    parse_date_period,
    parse_month_day_period,
    parse_months,
    parse_ranges,
    parse_rule,
)
from directory.hours_notation import hours_notation
from directory.model import (
    Directory,
    EmergencyLine,
    Municipality,
    Phone,
    Resource,
    Vocabulary,
)
from directory.problems import DataFileInvalid, Problem
from directory.provenance import (
    FACT_FIELDS,
    ConventionNote,
    Evidence,
    ProvenanceReport,
    RecordFacts,
    assess,
)
from directory.schema import (
    DirectoryFileModel,
    EmergencyModel,
    HoursModel,
    MunicipalityModel,
    ResourceModel,
    VocabularyModel,
)
from directory.yamlfile import LocatedYaml, Path_, read_yaml, validate

BUNDLED_DIRECTORY = Path(__file__).parent / "data"
VOCABULARY_FILE = "vocabulary.yaml"
# the texts that records cite in `source:`, beside the YAML (`madoguchi check --provenance`)
SOURCES_FOLDER = "sources"

_ID_RE = re.compile(r"^[a-z0-9][a-z0-9-]*$")
# a space that YAML folding leaves where a line broke inside Japanese text
_FOLDED_SPACE = re.compile(
    r"(?<=[\u3001-\u30ff\u3400-\u9fff\uff01-\uff5e]) (?=[\u3001-\u30ff\u3400-\u9fff\uff01-\uff5e0-9])"
)
# 110, 119, 189; and the #-dials of a short number service (#8000, #7119)
_SHORT_NUMBER_RE = re.compile(r"^(\d{3}|#\d{4})$")
_PHONE_RE = re.compile(r"^0\d{1,4}-\d{1,4}-\d{3,5}$")
_KNOWN_FIELDS = sorted(
    {
        name
        for model in (
            ResourceModel,
            MunicipalityModel,
            HoursModel,
            DirectoryFileModel,
            EmergencyModel,
        )
        for name in model.model_fields
    }
    | {"label", "number", "months", "date"}
)


def joined_as_written(text: str) -> str:
    """A folded YAML string as it was meant: Japanese sentences broken across lines join
    with no space (「所内会議で 要対協として」 → 「所内会議で要対協として」); spaces between
    Latin words stay."""
    return _FOLDED_SPACE.sub("", " ".join(text.split()))


def load_directory(path: Path | str | None = None) -> Directory:
    """Load and check a directory file or folder; raise :class:`DataFileInvalid` on any problem."""
    directory, problems = check_directory(path)
    if problems or directory is None:
        raise DataFileInvalid(problems)
    return directory


def check_directory(path: Path | str | None = None) -> tuple[Directory | None, list[Problem]]:
    """Every problem in the directory at ``path`` (default: the bundled sample)."""
    directory, problems, _ = _build(path)
    return directory, problems


def check_provenance(
    path: Path | str | None = None,
) -> tuple[ProvenanceReport | None, list[Problem]]:
    """Where each fact of the directory at ``path`` comes from, with every quote checked
    against the source texts in its ``sources/`` folder. ``None`` and the problems when the
    directory itself does not load."""
    directory, problems, builder = _build(path)
    if directory is None or builder is None:
        return None, problems
    root = _root(path)
    folder = (root if root.is_dir() else root.parent) / SOURCES_FOLDER
    texts: dict[str, str] = {}
    if folder.is_dir():
        for file in sorted(folder.iterdir()):
            if file.is_file():
                try:
                    texts[file.name] = file.read_text(encoding="utf-8")
                except (OSError, UnicodeDecodeError) as exc:
                    problems.append(Problem(str(file), 1, *msg.unreadable(exc)))
    report = assess(builder.record_facts, texts)
    report.conventions.extend(builder.conventions)
    return report, problems


def _root(path: Path | str | None) -> Path:
    return Path(path) if path is not None else BUNDLED_DIRECTORY


def _build(
    path: Path | str | None,
) -> tuple[Directory | None, list[Problem], _Builder | None]:
    root = _root(path)
    if not root.exists():
        return None, [Problem(str(root), 1, *msg.no_such_path())], None
    files = sorted(root.rglob("*.yaml")) if root.is_dir() else [root]
    vocabulary_file = next((f for f in files if f.name == VOCABULARY_FILE), None)
    vocabulary_file = vocabulary_file or BUNDLED_DIRECTORY / VOCABULARY_FILE
    problems: list[Problem] = []
    conventions: list[ConventionNote] = []
    vocabulary = _load_vocabulary(vocabulary_file, problems, conventions)
    if vocabulary is None:
        return None, problems, None
    builder = _Builder(vocabulary, problems)
    builder.conventions.extend(conventions)
    data_files = [f for f in files if f.name != VOCABULARY_FILE]
    if not data_files:
        problems.append(Problem(str(root), 1, *msg.no_directory_files()))
    for file in data_files:
        located = read_yaml(file, problems)
        if located is not None:
            builder.add_file(located)
    directory = builder.finish()
    return (directory if not problems else None), problems, builder


def _load_vocabulary(
    file: Path, problems: list[Problem], conventions: list[ConventionNote]
) -> Vocabulary | None:
    located = read_yaml(file, problems)
    if located is None:
        return None
    model = validate(VocabularyModel, located, located.data, (), problems)
    if model is None:
        return None
    stages: dict[str, tuple[int, int]] = {}
    for name, bounds in model.stages.items():
        if len(bounds) != 2 or bounds[0] >= bounds[1]:
            problems.append(
                Problem(located.file, located.line_of(("stages", name)), *msg.bad_age_range(name))
            )
            continue
        stages[name] = (bounds[0], bounds[1])
    closures: dict[str, MonthDayPeriod] = {}
    for name, closure in model.closures.items():
        text = closure if isinstance(closure, str) else closure.period
        if not isinstance(closure, str) and closure.convention:
            where = f"{located.file}:{located.line_of(('closures', name))}"
            conventions.append(ConventionNote(name, where, closure.convention))
        try:
            closures[name] = parse_month_day_period(name, text)
        except HoursSyntaxError as exc:
            problems.append(
                Problem(located.file, located.line_of(("closures", name)), exc.message, exc.hint)
            )
    return Vocabulary(tuple(model.categories), stages, closures, dict(model.generic_names))


class _Builder:
    """Turns validated files into domain values and checks what spans files."""

    def __init__(self, vocabulary: Vocabulary, problems: list[Problem]) -> None:
        self.vocabulary = vocabulary
        self.problems = problems
        self.municipalities: list[Municipality] = []
        self.resources: list[Resource] = []
        self.resource_places: dict[str, str] = {}
        self.municipality_places: dict[str, str] = {}
        self.names_in_municipality: dict[tuple[str, str], tuple[str, str]] = {}
        self.general_windows: list[tuple[Municipality, str]] = []
        self.record_facts: list[RecordFacts] = []
        self.conventions: list[ConventionNote] = []
        self.emergency_lines: list[EmergencyLine] = []

    def problem(self, located: LocatedYaml, path: Path_, text: msg.ProblemText) -> None:
        self.problems.append(Problem(located.file, located.line_of(path), *text))

    def add_file(self, located: LocatedYaml) -> None:
        if not isinstance(located.data, dict):
            self.problem(located, (), msg.not_a_mapping())
            return
        model = validate(
            DirectoryFileModel, located, located.data, (), self.problems, _KNOWN_FIELDS
        )
        if model is None:
            model = _well_formed(located.data)
        if model is None:
            return
        municipality = self._municipality(located, model.municipality)
        for index, resource in enumerate(model.resources):
            if resource is None:
                continue
            built = self._resource(located, ("resources", index), resource, municipality)
            if built is not None:
                self.resources.append(built)
                self._emergency(located, ("resources", index), resource, built)

    def _emergency(
        self, located: LocatedYaml, path: Path_, model: ResourceModel, resource: Resource
    ) -> None:
        """The record's ``emergency:``, checked: a sentence with ``{number}`` and a phone to
        put there. Its danger levels are the answer engine's to check (it owns them)."""
        if model.emergency is None:
            return
        where: Path_ = (*path, "emergency")
        if "{number}" not in model.emergency.say:
            self.problem(located, (*where, "say"), msg.emergency_without_number_slot())
            return
        if not resource.phones:
            self.problem(located, where, msg.emergency_without_phone())
            return
        if not model.emergency.for_danger:
            self.problem(located, (*where, "for_danger"), msg.emergency_without_danger())
            return
        self.emergency_lines.append(
            EmergencyLine(
                resource.id,
                resource.municipality_id,
                resource.phones[0].number,
                model.emergency.say,
                tuple(model.emergency.for_danger),
                tuple(model.emergency.also_for_danger),
                located.file,
                located.line_of((*where, "for_danger")),
            )
        )

    def _municipality(self, located: LocatedYaml, model: MunicipalityModel) -> Municipality:
        path: Path_ = ("municipality", "id")
        if model.id in self.municipality_places:
            self.problem(
                located,
                path,
                msg.duplicate_municipality(model.id, self.municipality_places[model.id]),
            )
        self.municipality_places[model.id] = f"{located.file}:{located.line_of(path)}"
        municipality = Municipality(
            model.id,
            model.name,
            model.reading,
            tuple(model.aliases),
            model.general_window,
            model.national,
        )
        self.municipalities.append(municipality)
        if model.general_window:
            self.general_windows.append(
                (
                    municipality,
                    f"{located.file}:{located.line_of(('municipality', 'general_window'))}",
                )
            )
        return municipality

    def _resource(
        self, located: LocatedYaml, path: Path_, model: ResourceModel, municipality: Municipality
    ) -> Resource | None:
        if not _ID_RE.match(model.id):
            self.problem(located, (*path, "id"), msg.bad_id(model.id))
        if model.id in self.resource_places:
            self.problem(
                located, (*path, "id"), msg.duplicate_id(model.id, self.resource_places[model.id])
            )
        self.resource_places[model.id] = f"{located.file}:{located.line_of((*path, 'id'))}"
        self._check_names(located, path, model, municipality)
        self.record_facts.append(_facts_of(located, path, model))
        for i, category in enumerate(model.categories):
            if category not in self.vocabulary.categories:
                close = difflib.get_close_matches(
                    category, self.vocabulary.categories, n=1, cutoff=0.3
                )
                self.problem(
                    located,
                    (*path, "categories", i),
                    msg.unknown_category(category, close[0] if close else None),
                )
        ages = []
        for i, stage in enumerate(model.serves):
            if stage not in self.vocabulary.stages:
                self.problem(
                    located, (*path, "serves", i), msg.unknown_stage(stage, self.vocabulary.stages)
                )
            else:
                ages.append(self.vocabulary.stages[stage])
        phones = []
        for i, phone in enumerate(model.phones):
            phone_path = (*path, "phones", i)
            if not (_SHORT_NUMBER_RE.match(phone.number) or _PHONE_RE.match(phone.number)):
                self.problem(located, (*phone_path, "number"), msg.bad_phone_form(phone.number))
            elif _PHONE_RE.match(phone.number) and len(re.sub(r"\D", "", phone.number)) not in (
                10,
                11,
            ):
                self.problem(located, (*phone_path, "number"), msg.bad_phone_length(phone.number))
            phones.append(
                Phone(
                    phone.label,
                    phone.number,
                    self._schedule(located, (*phone_path, "hours"), phone.hours),
                )
            )
        verified = None
        if model.verified:
            try:
                verified = date.fromisoformat(model.verified)
            except ValueError:
                self.problem(located, (*path, "verified"), msg.bad_verified_date(model.verified))
        return Resource(
            id=model.id,
            name=model.name,
            municipality_id=municipality.id,
            reading=model.reading,
            aliases=tuple(model.aliases),
            kind=model.kind,
            summary=joined_as_written(model.summary),
            categories=tuple(model.categories),
            topics=tuple(model.topics),
            serves=tuple(model.serves),
            age_ranges=tuple(ages),
            address=model.address,
            phones=tuple(phones),
            schedule=self._schedule(located, (*path, "hours"), model.hours),
            referral=tuple(model.referral),
            how_to_refer=model.how_to_refer,
            source=tuple(model.source),
            verified=verified,
            emergency_only=model.emergency_only,
            many_places=model.many_places,
        )

    def _check_names(
        self, located: LocatedYaml, path: Path_, model: ResourceModel, municipality: Municipality
    ) -> None:
        seen_here: set[str] = set()
        for field_name, values in (("name", [model.name]), ("aliases", model.aliases)):
            for i, value in enumerate(values):
                key = _fold(value)
                if key in seen_here:
                    continue
                seen_here.add(key)
                where: Path_ = (
                    (*path, field_name) if field_name == "name" else (*path, field_name, i)
                )
                owner = self.names_in_municipality.get((municipality.id, key))
                if owner and owner[0] != model.id:
                    self.problem(
                        located, where, msg.name_taken(value, municipality.name, owner[0], owner[1])
                    )
                else:
                    self.names_in_municipality[(municipality.id, key)] = (
                        model.id,
                        f"{located.file}:{located.line_of(where)}",
                    )

    def _schedule(self, located: LocatedYaml, path: Path_, model: HoursModel | None) -> Schedule:
        if model is None:
            return Schedule()
        rules: list[WeeklyRule] = []
        ok = True

        def attempt(where: Path_, parse: Any, *args: Any) -> Any:
            nonlocal ok
            try:
                return parse(*args)
            except HoursSyntaxError as exc:
                ok = False
                self.problem(located, where, (exc.message, exc.hint))
                return None

        for i, text in enumerate(model.open):
            rule = attempt((*path, "open", i), parse_rule, text)
            if rule:
                rules.append(rule)
        for s, season in enumerate(model.seasons):
            months = attempt((*path, "seasons", s, "months"), parse_months, season.months)
            for i, text in enumerate(season.open):
                rule = attempt((*path, "seasons", s, "open", i), parse_rule, text, months)
                if rule:
                    rules.append(rule)
        attempt(
            (*path, "open" if model.open else "seasons"), check_rules_do_not_overlap, tuple(rules)
        )
        notation = hours_notation()
        closed_on_holidays = False
        yearly: list[MonthDayPeriod] = []
        dated: list[DatePeriod] = []
        for i, token in enumerate(model.closed):
            if token == notation.national_holidays:
                closed_on_holidays = True
            elif token in self.vocabulary.closures:
                yearly.append(self.vocabulary.closures[token])
            else:
                period = attempt((*path, "closed", i), parse_date_period, token)
                if period:
                    dated.append(period)
        for i, name in enumerate(model.holiday_open):
            if name not in holiday_names():
                ok = False
                self.problem(located, (*path, "holiday_open", i), msg.unknown_holiday(name))
        special: dict[date, tuple[TimeRange, ...]] = {}
        for i, item in enumerate(model.special):
            period = attempt((*path, "special", i, "date"), parse_date_period, item.date)
            ranges = (
                ()
                if not item.open or item.open == notation.closed_all_day
                else attempt((*path, "special", i, "open"), parse_ranges, item.open)
            )
            if period and ranges is not None:
                special[period.first] = ranges
        if not ok:
            return Schedule()
        return Schedule(
            tuple(rules),
            closed_on_holidays,
            frozenset(model.holiday_open),
            tuple(yearly),
            tuple(dated),
            special,
            model.note,
        )

    def finish(self) -> Directory:
        by_id = {r.id: r for r in self.resources}
        for municipality, where in self.general_windows:
            window = by_id.get(municipality.general_window or "")
            if window is None or window.municipality_id != municipality.id:
                file, _, line = where.rpartition(":")
                self.problems.append(
                    Problem(
                        file,
                        int(line),
                        *msg.general_window_missing(municipality.general_window, municipality.name),
                    )
                )
        return Directory(
            tuple(self.municipalities),
            tuple(self.resources),
            self.vocabulary,
            tuple(self.emergency_lines),
        )


def _well_formed(data: Any) -> DirectoryFileModel | None:
    """The parts of a file whose schema errors are already reported, read as far as they go
    (unknown keys dropped; a record that still does not validate is left as None, keeping the
    others' positions), so one misspelt key does not hide the problems of the rest."""

    def lenient(model: type[BaseModel], value: Any) -> Any:
        if isinstance(value, dict):
            value = {k: v for k, v in value.items() if k in model.model_fields}
        try:
            return model.model_validate(value)
        except ValidationError:
            return None

    if not isinstance(data, dict):
        return None
    municipality = lenient(MunicipalityModel, data.get("municipality"))
    if municipality is None:
        return None
    raw = data.get("resources")
    resources = [lenient(ResourceModel, r) for r in raw] if isinstance(raw, list) else []
    return DirectoryFileModel.model_construct(municipality=municipality, resources=resources)


def _facts_of(located: LocatedYaml, path: Path_, model: ResourceModel) -> RecordFacts:
    """The fact fields a record fills, with their lines, and what its evidence covers."""
    facts = {
        name: located.line_of((*path, name))
        for name in FACT_FIELDS
        if getattr(model, name) not in (None, "", [])
    }
    evidence = tuple(
        Evidence(
            tuple(item.covers),
            located.line_of((*path, "evidence", i)),
            item.quote,
            item.convention,
            item.seed,
        )
        for i, item in enumerate(model.evidence)
    )
    return RecordFacts(
        model.id,
        located.file,
        located.line_of((*path, "id")),
        facts,
        tuple(model.source),
        evidence,
        tuple(phone.number for phone in model.phones),
    )


def _fold(text: str) -> str:
    return re.sub(r"\s+", "", unicodedata.normalize("NFKC", text)).casefold()
