"""The YAML schema of a directory file, checked with pydantic at the boundary.

Strict strings: PyYAML reads an unquoted ``9:00`` as 540 and ``0123`` as 83, so a
number where text is meant is refused with a hint to quote it.
"""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict, StrictBool, StrictStr

_STRICT = ConfigDict(extra="forbid", strict=True, frozen=True)


class SeasonModel(BaseModel):
    model_config = _STRICT
    months: StrictStr
    open: list[StrictStr]


class SpecialModel(BaseModel):
    model_config = _STRICT
    date: StrictStr
    open: StrictStr | None = None


class HoursModel(BaseModel):
    model_config = _STRICT
    open: list[StrictStr] = []
    seasons: list[SeasonModel] = []
    closed: list[StrictStr] = []
    holiday_open: list[StrictStr] = []
    special: list[SpecialModel] = []
    note: StrictStr | None = None


class PhoneModel(BaseModel):
    model_config = _STRICT
    label: StrictStr
    number: StrictStr
    hours: HoursModel | None = None


class EvidenceModel(BaseModel):
    """Where some of a record's facts come from: a passage of one of its sources, quoted
    as written, or a convention with a note saying what it rests on."""

    model_config = _STRICT
    covers: list[StrictStr]
    quote: StrictStr | None = None
    convention: StrictStr | None = None
    seed: StrictStr | None = None


class EmergencyModel(BaseModel):
    """A line an emergency answer names: for which danger levels (the answer engine's
    levels: immediate, injury, abuse, suicide), and the sentence that says when to call it,
    with ``{number}`` where the record's first phone number goes. Emergency answers list
    the lines in the order the data gives them."""

    model_config = _STRICT
    for_danger: list[StrictStr]
    # named too for these levels, after the lines that are for them (189 after 110)
    also_for_danger: list[StrictStr] = []
    say: StrictStr


class ResourceModel(BaseModel):
    model_config = _STRICT
    id: StrictStr
    name: StrictStr
    reading: StrictStr = ""
    aliases: list[StrictStr] = []
    kind: StrictStr = ""
    summary: StrictStr = ""
    categories: list[StrictStr] = []
    topics: list[StrictStr] = []
    serves: list[StrictStr] = []
    address: StrictStr | None = None
    phones: list[PhoneModel] = []
    hours: HoursModel | None = None
    referral: list[StrictStr] = []
    how_to_refer: StrictStr | None = None
    source: list[StrictStr] = []
    verified: StrictStr | None = None
    emergency_only: StrictBool = False
    many_places: StrictBool = False
    emergency: EmergencyModel | None = None
    evidence: list[EvidenceModel] = []


class MunicipalityModel(BaseModel):
    model_config = _STRICT
    id: StrictStr
    name: StrictStr
    reading: StrictStr = ""
    aliases: list[StrictStr] = []
    general_window: StrictStr | None = None
    national: StrictBool = False
    source: list[StrictStr] = []


class DirectoryFileModel(BaseModel):
    model_config = _STRICT
    municipality: MunicipalityModel
    resources: list[ResourceModel] = []


class ClosureModel(BaseModel):
    """A named closure whose dates a city did not publish: ``convention`` says so."""

    model_config = _STRICT
    period: StrictStr
    convention: StrictStr | None = None


class VocabularyModel(BaseModel):
    model_config = _STRICT
    categories: list[StrictStr]
    stages: dict[StrictStr, list[int]]
    closures: dict[StrictStr, StrictStr | ClosureModel] = {}
    generic_names: dict[StrictStr, StrictStr] = {}
