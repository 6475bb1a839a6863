"""Schemas of the data files rapportlib reads: instruments, table columns,
``dataset.yaml`` and column mappings.

Each is a small pydantic model. :func:`read_model` reads a YAML or TOML file
into one and turns any problem into a :class:`~rapportlib.errors.DataError`
naming the file, the entry and the field.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Literal, TypeVar

from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator, model_validator

from .errors import DataError

M = TypeVar("M", bound=BaseModel)


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


# --------------------------------------------------------------------------- instruments
class Response(_Strict):
    min: float
    max: float
    step: float = Field(1, gt=0, description="Smallest difference between two allowed values.")

    @model_validator(mode="after")
    def _ordered(self):
        if self.max <= self.min:
            raise ValueError("max must be greater than min")
        return self


class Scale(_Strict):
    items: Literal["all"] | list[int]
    method: Literal["sum", "mean"]
    max_missing: int = Field(0, ge=0, description="Items that may be missing before the scale is missing.")


class Cutoff(_Strict):
    scale: str
    value: float
    direction: Literal["below", "above"]
    meaning: str
    source: str


class ReliableChange(_Strict):
    scale: str
    value: float = Field(gt=0)
    source: str


class AlertRule(_Strict):
    """When a supervisor should look: thresholds used by :func:`rapportlib.alerts`."""

    scale: str
    drop: float | None = Field(None, gt=0, description="Fall in the scale score since the previous session.")
    item_below: float | None = Field(None, description="Any single item marked below this value.")
    source: str


class Instrument(_Strict):
    """Scoring facts of one questionnaire. No item wording, ever."""

    id: str = Field(pattern=r"^[a-z][a-z0-9]*(_[a-z0-9]+)*$")
    name: str
    version: str
    kind: Literal["alliance", "outcome", "process", "other"]
    respondent: Literal["client", "clinician"]
    items: int = Field(gt=0)
    response: Response
    reverse_keyed: list[int] = []
    higher_is_better: bool
    total_entry: bool = Field(False, description="Scale scores may be entered without their items.")
    scales: dict[str, Scale]
    missing_rule_source: str
    cutoffs: list[Cutoff] = []
    reliable_change: list[ReliableChange] = []
    alerts: list[AlertRule] = []
    source: str
    licence: str

    @field_validator("scales")
    @classmethod
    def _scale_names(cls, v: dict[str, Scale]):
        if not v:
            raise ValueError("an instrument needs at least one scale")
        for name in v:
            if not re.fullmatch(r"[a-z][a-z0-9_]*", name) or name.isdigit():
                raise ValueError(f"scale name {name!r} must be lower-case letters, digits and _")
        return v

    @model_validator(mode="after")
    def _consistent(self):
        valid = set(range(1, self.items + 1))
        for n in self.reverse_keyed:
            if n not in valid:
                raise ValueError(f"reverse_keyed item {n} is not between 1 and {self.items}")
        for name, scale in self.scales.items():
            members = self.scale_items(name)
            if scale.items != "all":
                bad = [n for n in scale.items if n not in valid]
                if bad:
                    raise ValueError(f"scale {name!r}: item {bad[0]} is not between 1 and {self.items}")
                if len(set(scale.items)) != len(scale.items):
                    raise ValueError(f"scale {name!r} lists an item twice")
            if scale.max_missing >= len(members):
                raise ValueError(f"scale {name!r}: max_missing must be smaller than its {len(members)} items")
        for ref in [*self.cutoffs, *self.reliable_change, *self.alerts]:
            if ref.scale not in self.scales:
                raise ValueError(f"cut-off, reliable change or alert names unknown scale {ref.scale!r}")
        return self

    # column names ---------------------------------------------------------
    def item_column(self, n: int) -> str:
        return f"{self.id}_{n}"

    @property
    def item_columns(self) -> list[str]:
        return [self.item_column(n) for n in range(1, self.items + 1)]

    def scale_column(self, scale: str) -> str:
        return f"{self.id}_{scale}"

    @property
    def scale_columns(self) -> list[str]:
        return [self.scale_column(s) for s in self.scales]

    def scale_items(self, scale: str) -> list[int]:
        items = self.scales[scale].items
        return list(range(1, self.items + 1)) if items == "all" else list(items)

    def scale_range(self, scale: str) -> tuple[float, float]:
        """Smallest and largest possible score of a scale."""
        lo, hi = self.response.min, self.response.max
        if self.scales[scale].method == "mean":
            return lo, hi
        k = len(self.scale_items(scale))
        return lo * k, hi * k


# --------------------------------------------------------------------------- tables
ColumnType = Literal["string", "text", "integer", "number", "boolean", "date", "datetime", "category", "list"]


class ColumnSpec(_Strict):
    type: ColumnType
    required: bool = False
    min: float | None = None
    max: float | None = None
    step: float | None = None
    values: list[str] | None = None
    doc: str = ""


class TableSchema(_Strict):
    key: list[str]
    columns: dict[str, ColumnSpec]


# --------------------------------------------------------------------------- mapping
class ColumnMapping(_Strict):
    """How to read one programme's export: written once, reused for every file."""

    layout: Literal["auto", "sessions", "person-wide"] = "auto"
    id_col: str | None = None
    session_col: str | None = None
    columns: dict[str, str] = Field(default_factory=dict, description="their column name -> ours")
    series: dict[str, list[str]] | None = None
    followups: dict[str, list[str]] | None = None
    delimiter: str | None = None
    sheet: str | int | None = None


# --------------------------------------------------------------------------- dataset.yaml
class ClinicianInfo(BaseModel):
    model_config = ConfigDict(extra="allow", frozen=True)
    clinician_id: str
    role: str = "clinician"


class Anonymisation(BaseModel):
    model_config = ConfigDict(extra="allow", frozen=True)
    status: Literal["synthetic", "anonymised", "pseudonymised", "identifiable", "unknown"] = "unknown"
    method: str = ""


class DatasetMeta(BaseModel):
    """Contents of a dataset folder's ``dataset.yaml``. Unknown keys are kept."""

    model_config = ConfigDict(extra="allow", frozen=True)
    name: str = ""
    description: str = ""
    synthetic: bool = False
    files: dict[Literal["sessions", "clients", "reflections"], str] = Field(default_factory=dict)
    instruments: dict[str, str] = Field(default_factory=dict, description="instrument id -> version")
    custom_instruments: list[str] = Field(default_factory=list, description="paths of user instrument files")
    mapping: str | None = None
    anonymisation: Anonymisation = Anonymisation()
    clinicians: list[ClinicianInfo] = Field(default_factory=list)


# --------------------------------------------------------------------------- prompt banks (seeds/)
LANGS = ("en", "es", "ta")
Lang = Literal["en", "es", "ta"]
PRESENTATIONS = ("anxious", "mistrustful", "low_engagement")
_ENTRY_ID = r"^[a-z][a-z0-9_]*(\.[a-z0-9_]+)*$"


def _texts_ok(v: dict, what: str = "text") -> dict:
    if "en" not in v:
        raise ValueError(f"needs an English {what} (en)")
    for lang, text in v.items():
        if isinstance(text, str) and not text.strip():
            raise ValueError(f"the {lang} {what} is empty")
    return v


Texts = dict[Lang, str]


class BankEntry(_Strict):
    """What every bank entry has: a stable id, the seed it is distilled from, tags and triggers."""

    id: str = Field(pattern=_ENTRY_ID)
    source: str = Field(min_length=1, description="The seed file the entry is distilled from.")
    tags: list[str] = []
    triggers: list[str] = []
    unreviewed: list[Lang] = Field(default_factory=list,
                                   description="Languages no fluent clinician has reviewed yet.")
    reference: str | None = Field(None, description="A published source for a fact that is not in the seed.")

    def texts(self) -> dict[str, dict[str, str]]:
        """The entry's language maps by field name."""
        return {name: getattr(self, name) for name in self._text_fields}

    _text_fields: tuple[str, ...] = ()


class TriggerEntry(BankEntry):
    meaning: Texts = Field(description='Completes "Chosen because ...".')
    derived_from: str = Field(min_length=1, description="Which data raise it (English).")
    _text_fields = ("meaning",)
    _meaning = field_validator("meaning")(lambda v: _texts_ok(v, "meaning"))


class PromptEntry(BankEntry):
    text: Texts
    group: str | None = None
    urgent: bool = False
    _text_fields = ("text",)
    _text = field_validator("text")(lambda v: _texts_ok(v))


class TechniqueEntry(BankEntry):
    number: int = Field(ge=1)
    name: Texts
    what: Texts
    when: Texts
    careful: Texts
    presentations: list[Literal["anxious", "mistrustful", "low_engagement"]] = []
    _text_fields = ("name", "what", "when", "careful")

    @field_validator("name", "what", "when", "careful")
    @classmethod
    def _langs(cls, v, info):
        return _texts_ok(v, info.field_name)


class DimensionEntry(BankEntry):
    label: Texts
    descriptor: Texts
    _text_fields = ("label", "descriptor")

    @field_validator("label", "descriptor")
    @classmethod
    def _langs(cls, v, info):
        return _texts_ok(v, info.field_name)


class CueEntry(BankEntry):
    meaning: Texts
    terms: dict[Lang, list[str]]
    _text_fields = ("meaning",)
    _meaning = field_validator("meaning")(lambda v: _texts_ok(v, "meaning"))

    @field_validator("terms")
    @classmethod
    def _terms(cls, v):
        if not v.get("en"):
            raise ValueError("needs English terms (en)")
        for lang, terms in v.items():
            for t in terms:
                if not t.strip() or "*" in t.rstrip("*") or t.strip() in ("*",):
                    raise ValueError(f"a {lang} term is empty or has * other than at its end")
        return v


ENTRY_MODELS: dict[str, type[BankEntry]] = {
    "triggers": TriggerEntry, "prompts": PromptEntry, "techniques": TechniqueEntry,
    "dimensions": DimensionEntry, "lexicon": CueEntry,
}


class BankHeader(_Strict):
    bank: str = Field(pattern=r"^[a-z][a-z0-9_]*$")
    kind: Literal["triggers", "prompts", "techniques", "dimensions", "lexicon"]
    title: Texts
    description: str = ""
    entries: list[dict] = Field(min_length=1)
    _title = field_validator("title")(lambda v: _texts_ok(v, "title"))


# --------------------------------------------------------------------------- reading
def read_model(path: str | Path, model: type[M], *, data: dict | None = None) -> M:
    """Read a YAML/TOML file into ``model``; problems become a :class:`DataError`.

    The error names the file, the entry (path of keys) and the field, and
    what is wrong with it, without quoting the value.
    """
    path = Path(path)
    if data is None:
        data = read_mapping_file(path)
    try:
        return model.model_validate(data)
    except ValidationError as exc:
        lines = []
        for err in exc.errors():
            where = ".".join(str(p) for p in err["loc"]) or "(top level)"
            lines.append(f"  entry {where}: {_plain(err)}")
        raise DataError(
            f"{len(lines)} problem{'s' if len(lines) > 1 else ''} in this {_LABELS.get(model.__name__, 'settings')} "
            "file:\n" + "\n".join(lines),
            file=path.name, rule="schema",
        ) from None


_LABELS = {"Instrument": "instrument", "ColumnMapping": "column-mapping", "DatasetMeta": "dataset.yaml",
           "TableSchema": "table schema", "LanguageLexicon": "language lexicon", "LanguageEntries": "language lexicon"}


def read_mapping_file(path: Path) -> dict:
    """Parse a YAML or TOML file whose top level is a mapping."""
    if not path.is_file():
        raise DataError("file not found", file=str(path), rule="exists")
    import tomllib

    import yaml

    text = path.read_text(encoding="utf-8-sig")
    try:
        data = tomllib.loads(text) if path.suffix.lower() == ".toml" else yaml.safe_load(text)
    except (yaml.YAMLError, tomllib.TOMLDecodeError) as exc:  # YAML errors carry a line number
        mark = getattr(exc, "problem_mark", None)
        line = f" at line {mark.line + 1}" if mark is not None else ""
        raise DataError(f"is not valid {'TOML' if path.suffix == '.toml' else 'YAML'}{line}",
                        file=path.name, rule="syntax") from None
    if not isinstance(data, dict):
        raise DataError("must hold a mapping of keys to values at the top level", file=path.name, rule="syntax")
    return data


def _plain(err: dict) -> str:
    kind = err["type"]
    if kind == "missing":
        return "required field is missing"
    if kind == "extra_forbidden":
        return "unknown field (check the spelling)"
    if kind == "string_pattern_mismatch" and err.get("ctx", {}).get("pattern") == _ENTRY_ID:
        return "must be lower-case letters, digits, _ and . (like phrase.rupture_repair.slow_down)"
    msg = err["msg"]
    return msg.removeprefix("Value error, ")


# --------------------------------------------------------------------------- language lexicon (bias check)
LANGUAGE_CATEGORIES = ("credibility", "difficult_label", "blame", "stereotyping", "authoritarian", "identity_first")
_TERM = r"^[^\s*A-Z][^*A-Z]*$"
_CONTEXT = r"^[^\s*][^*]*\*?$"


class LanguageCategory(_Strict):
    label: dict[Literal["en", "es"], str]
    why: dict[Literal["en", "es"], str]
    sources: list[str] = Field(min_length=1)
    _label = field_validator("label")(lambda v: _texts_ok(v, "label"))
    _why = field_validator("why")(lambda v: _texts_ok(v, "why"))


class LanguageEntry(_Strict):
    """One stigmatising or deficit term (with its forms) and what to write instead."""

    id: str = Field(pattern=_ENTRY_ID)
    lang: Literal["en", "es"]
    category: Literal[LANGUAGE_CATEGORIES]  # type: ignore[valid-type]
    terms: list[str] = Field(min_length=1, description="Lower-case words or phrases.")
    inflect: Literal["none", "verb", "noun", "adjective"] = "none"
    alternatives: dict[Literal["en", "es"], list[str]]
    why: dict[Literal["en", "es"], str] = Field(default_factory=dict)
    sources: list[str] = Field(min_length=1)
    not_preceded_by: list[str] = []
    not_followed_by: list[str] = []
    only_near: list[str] = []
    note: str = ""

    @field_validator("terms")
    @classmethod
    def _terms(cls, v):
        for t in v:
            if not re.match(_TERM, t) or t != t.strip():
                raise ValueError("a term must be lower case, without * and without spaces at its ends")
        return v

    @field_validator("not_preceded_by", "not_followed_by", "only_near")
    @classmethod
    def _context(cls, v):
        for t in v:
            if not isinstance(t, str) or not re.match(_CONTEXT, t.strip()):
                raise ValueError("context words are words or short phrases, with * only at the end (a prefix)")
        return v

    @model_validator(mode="after")
    def _own_language(self):
        if not self.alternatives.get(self.lang):
            raise ValueError(f"needs alternatives in the entry's own language ({self.lang})")
        if self.inflect != "none" and self.lang != "en":
            raise ValueError("inflect applies to English entries; list the Spanish forms in terms")
        return self


class LanguageEntries(_Strict):
    """The entries of one lexicon file, checked on their own (so errors number that file's entries)."""

    model_config = ConfigDict(extra="ignore", frozen=True)
    entries: list[LanguageEntry] = []


class LanguageLexicon(_Strict):
    kind: Literal["language_lexicon"]
    version: int = 1
    unreviewed: list[Literal["en", "es"]] = []
    sources: dict[str, str] = {}
    categories: dict[Literal[LANGUAGE_CATEGORIES], LanguageCategory] = {}  # type: ignore[valid-type]
    entries: list[LanguageEntry] = []

    @model_validator(mode="after")
    def _refs(self):
        seen: set[str] = set()
        for i, e in enumerate(self.entries):
            if e.id in seen:
                raise ValueError(f"entry {i + 1} ({e.id!r}): the id is used twice")
            seen.add(e.id)
            missing = [s for s in e.sources if s not in self.sources]
            if missing:
                raise ValueError(f"entry {i + 1} ({e.id!r}): source {missing[0]!r} is not defined under sources")
        for name, cat in self.categories.items():
            missing = [s for s in cat.sources if s not in self.sources]
            if missing:
                raise ValueError(f"category {name!r}: source {missing[0]!r} is not defined under sources")
        return self
