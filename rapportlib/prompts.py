"""The prompt banks in ``seeds/`` and the engine that picks prompts for a situation.

The banks are data (see ``seeds/README.md``): techniques, sample phrasings,
pitfalls, escalation cues, cultural-humility, immigration-evaluation and
countertransference questions, the check-in dimensions and the affect cues, in
English, Spanish and Tamil. :func:`load_banks` reads and validates them (plus a
programme's own files); :func:`select_prompts` picks prompts for a set of
triggers and says why; :func:`recommend_techniques` follows the technique
guide's groupings; :func:`triggers_for` derives the triggers from a dataset.
"""

from __future__ import annotations

import os
import unicodedata
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from collections.abc import Iterable

from pydantic import ValidationError

from ._resources import bundled
from .errors import DataError
from .schema import ENTRY_MODELS, LANGS, BankEntry, BankHeader, CueEntry, DimensionEntry, PromptEntry, \
    TechniqueEntry, TriggerEntry, _plain, read_mapping_file

__all__ = ["Bank", "Banks", "ChosenPrompt", "Cue", "Localised", "Technique", "Trigger", "affect_cues", "load_banks",
           "localise", "recommend_techniques", "reflection_triggers", "select_prompts", "triggers_for"]

# A handful of interface words per language (the clinical content itself is in seeds/).
_UI = {
    "because": {"en": "Chosen because {}.", "es": "Elegida porque {}.", "ta": "தேர்ந்தெடுக்கப்பட்ட காரணம்: {}."},
    "and": {"en": " and ", "es": " y ", "ta": " மற்றும் "},
    "fallback": {"en": "Shown in English: this entry has no {lang} text yet.",
                 "es": "Se muestra en inglés: esta entrada aún no tiene texto en {lang}.",
                 "ta": "ஆங்கிலத்தில் காட்டப்படுகிறது: இந்தப் பதிவுக்கு இன்னும் {lang} உரை இல்லை."},
    "unreviewed": {"en": "", "es": "Traducción aún no revisada por un clínico con dominio del idioma.",
                   "ta": "இந்த மொழிபெயர்ப்பு மொழியில் தேர்ச்சி பெற்ற மருத்துவரால் இன்னும் சரிபார்க்கப்படவில்லை."},
    "repeated": {"en": "(Shown before: nothing new fits.)", "es": "(Ya mostrada: no hay otra que encaje.)",
                 "ta": "(முன்பே காட்டப்பட்டது: பொருந்தும் புதியது இல்லை.)"},
    "lang_names": {"en": {"en": "English", "es": "Spanish", "ta": "Tamil"},
                   "es": {"en": "inglés", "es": "español", "ta": "tamil"},
                   "ta": {"en": "ஆங்கில", "es": "ஸ்பானிஷ்", "ta": "தமிழ்"}},
}
PRESENTATIONS = ("anxious", "mistrustful", "low_engagement")


# =========================================================================== banks
@dataclass(frozen=True)
class Bank:
    """One bank file: its id, kind, title and entries (after a programme's overrides)."""

    id: str
    kind: str
    title: dict[str, str]
    description: str
    files: tuple[str, ...]
    entries: tuple[BankEntry, ...]

    def __len__(self) -> int:
        return len(self.entries)


@dataclass(frozen=True)
class Localised:
    """A text in the language asked for, or in English with a note saying so."""

    text: str
    lang: str
    note: str = ""


def localise(texts: dict[str, str], lang: str = "en", unreviewed: Iterable[str] = ()) -> Localised:
    """``texts[lang]``, or the English text with a visible note when there is none."""
    lang = _check_lang(lang)
    if texts.get(lang):
        note = _UI["unreviewed"][lang] if lang in set(unreviewed) else ""
        return Localised(texts[lang], lang, note)
    name = _UI["lang_names"][lang][lang]
    return Localised(texts["en"], "en", _UI["fallback"][lang].format(lang=name))


@dataclass
class Banks:
    """Every bank, packaged and a programme's own, with entries looked up by id."""

    banks: dict[str, Bank]
    overrides: list[tuple[str, str]] = field(default_factory=list)   # (entry id, file that replaced it)

    def __post_init__(self):
        # triggers are a vocabulary of their own (a dimension shares its id with its trigger)
        self._by_id = {e.id: (e, b.id) for b in self.banks.values() if b.kind != "triggers" for e in b.entries}
        self._cue_patterns: dict[str | None, list] = {}

    def cue_patterns(self, lang: str | None = None) -> list:
        """``(cue entry, term, compiled pattern)`` for every affect-cue term (of ``lang``, or all)."""
        if lang not in self._cue_patterns:
            import regex

            langs = LANGS if lang is None else (_check_lang(lang),)
            self._cue_patterns[lang] = [
                (c, term, regex.compile(_word_pattern(_fold(term)), regex.IGNORECASE | regex.V1))
                for c in self.cues for lg in langs for term in c.terms.get(lg, [])]
        return self._cue_patterns[lang]

    # ------------------------------------------------------------------ lookups
    def __getitem__(self, entry_id: str) -> BankEntry:
        try:
            return self._by_id[entry_id][0]
        except KeyError:
            raise KeyError(f"no bank entry has the id {entry_id!r}") from None

    def __contains__(self, entry_id: str) -> bool:
        return entry_id in self._by_id

    def __len__(self) -> int:
        return len(self._by_id)

    def bank_of(self, entry_id: str) -> str:
        return self._by_id[entry_id][1]

    def of_kind(self, kind: str) -> list[BankEntry]:
        return [e for b in self.banks.values() if b.kind == kind for e in b.entries]

    @property
    def triggers(self) -> dict[str, TriggerEntry]:
        return {e.id: e for e in self.of_kind("triggers")}

    @property
    def techniques(self) -> list[TechniqueEntry]:
        return sorted(self.of_kind("techniques"), key=lambda t: t.number)

    @property
    def dimensions(self) -> list[DimensionEntry]:
        return self.of_kind("dimensions")

    @property
    def cues(self) -> list[CueEntry]:
        return self.of_kind("lexicon")

    @property
    def prompts(self) -> list[PromptEntry]:
        return self.of_kind("prompts")

    # ------------------------------------------------------------------ views
    def to_frame(self):
        """Every text of every entry as a tidy table: bank, kind, id, field, lang, text, source, reviewed."""
        import pandas as pd

        rows = []
        for b in self.banks.values():
            for e in b.entries:
                for name, texts in e.texts().items():
                    for lang in LANGS:
                        rows.append({"bank": b.id, "kind": b.kind, "id": e.id, "field": name, "lang": lang,
                                     "text": texts.get(lang), "source": e.source,
                                     "reviewed": lang == "en" or lang not in e.unreviewed})
                if isinstance(e, CueEntry):
                    for lang in LANGS:
                        rows.append({"bank": b.id, "kind": b.kind, "id": e.id, "field": "terms", "lang": lang,
                                     "text": "; ".join(e.terms.get(lang, [])) or None, "source": e.source,
                                     "reviewed": lang == "en" or lang not in e.unreviewed})
        return pd.DataFrame(rows, columns=["bank", "kind", "id", "field", "lang", "text", "source", "reviewed"])

    def summary(self) -> str:
        """A few lines: each bank with its entries and languages, unreviewed translations, overrides."""
        lines = []
        for b in self.banks.values():
            missing = {lang: sum(any(not t.get(lang) for t in e.texts().values()) for e in b.entries)
                       for lang in LANGS[1:]}
            unrev = {lang: sum(lang in e.unreviewed for e in b.entries) for lang in LANGS[1:]}
            gaps = ", ".join(f"{n} without {lang}" for lang, n in missing.items() if n)
            lines.append(f"{b.id:<20} {b.kind:<11} {len(b):>3} entries"
                         f"{'; ' + gaps if gaps else ''}"
                         f"; not yet reviewed: es {unrev['es']}, ta {unrev['ta']}"
                         f"{'  (' + ', '.join(b.files) + ')' if any(not _packaged(f) for f in b.files) else ''}")
        for eid, file in self.overrides:
            lines.append(f"entry {eid} replaced by {file}")
        return "\n".join(lines)

    def __repr__(self) -> str:
        return f"<Banks: {len(self.banks)} banks, {len(self)} entries>\n{self.summary()}"


def _packaged(file: str) -> bool:
    return not os.path.isabs(file)


def seeds_path() -> Path:
    """The packaged ``seeds/`` folder."""
    return bundled("seeds")


def load_banks(extra: str | os.PathLike | Iterable[str | os.PathLike] | None = None) -> Banks:
    """Read and validate the packaged banks, then a programme's own bank files.

    ``extra`` is a folder or file, or a list of them; ``RAPPORT_SEEDS`` (a folder,
    or several separated by ``os.pathsep``) is read too. An extra entry whose id
    is already taken replaces that entry (listed in ``Banks.overrides``); an
    extra bank id adds a bank. Every trigger an entry names must be in the
    trigger vocabulary. Problems raise :class:`~rapportlib.errors.DataError`
    naming the file, the entry and the field.
    """
    paths: list[Path] = []
    env = os.environ.get("RAPPORT_SEEDS")
    for item in ([] if extra is None else [extra] if isinstance(extra, (str, os.PathLike)) else list(extra)):
        paths.append(Path(item).expanduser())
    if env:
        paths += [Path(p).expanduser() for p in env.split(os.pathsep) if p]
    packaged = _packaged_banks()
    if not paths:
        return packaged
    banks = {k: b for k, b in packaged.banks.items()}
    overrides: list[tuple[str, str]] = []
    owner = {_key(b.kind, e.id): b.id for b in banks.values() for e in b.entries}
    for file in _bank_files(paths):
        bank = _read_bank(file, label=str(file.resolve()))
        if bank.id in banks and banks[bank.id].kind != bank.kind:
            raise DataError(f"bank {bank.id!r} is a {banks[bank.id].kind} bank; this file makes it {bank.kind}",
                            file=file.name, rule="bank kind")
        new_entries = []
        for e in bank.entries:
            if _key(bank.kind, e.id) in owner:
                target = banks[owner[_key(bank.kind, e.id)]]
                if target.kind != bank.kind:
                    raise DataError(f"entry {e.id!r} replaces a {target.kind} entry with a {bank.kind} one",
                                    file=file.name, rule="override kind")
                banks[target.id] = _replace(target, e, file)
                overrides.append((e.id, str(file)))
            else:
                new_entries.append(e)
                owner[_key(bank.kind, e.id)] = bank.id
        if new_entries:
            base = banks.get(bank.id)
            banks[bank.id] = Bank(bank.id, bank.kind, base.title if base else bank.title,
                                  base.description if base else bank.description,
                                  (base.files if base else ()) + (str(file),),
                                  (base.entries if base else ()) + tuple(new_entries))
    result = Banks(banks, overrides)
    _check_triggers(result)
    return result


def _key(kind: str, entry_id: str) -> tuple[bool, str]:
    """Ids are unique among entries, and separately among triggers."""
    return kind == "triggers", entry_id


def _replace(bank: Bank, entry: BankEntry, file: Path) -> Bank:
    entries = tuple(entry if e.id == entry.id else e for e in bank.entries)
    files = bank.files if str(file) in bank.files else bank.files + (str(file),)
    return Bank(bank.id, bank.kind, bank.title, bank.description, files, entries)


def _bank_files(paths: list[Path]) -> list[Path]:
    files: list[Path] = []
    for p in paths:
        if p.is_dir():
            files += sorted(f for f in p.iterdir() if f.suffix.lower() in (".yaml", ".yml", ".toml"))
        elif p.is_file():
            files.append(p)
        else:
            raise DataError("bank file or folder not found", file=str(p), rule="exists")
    return files


@lru_cache(maxsize=1)
def _packaged_banks() -> Banks:
    folder = seeds_path()
    banks: dict[str, Bank] = {}
    seen: dict[tuple[bool, str], str] = {}
    for file in sorted(folder.glob("*.yaml")):
        bank = _read_bank(file, label=file.name)
        if bank.id in banks:
            raise DataError(f"bank id {bank.id!r} is also used by {banks[bank.id].files[0]}", file=file.name,
                            rule="unique bank id")
        for e in bank.entries:
            key = _key(bank.kind, e.id)
            if key in seen:
                raise DataError(f"entry {e.id!r}: the id is also used in {seen[key]}", file=file.name,
                                rule="unique id")
            seen[key] = file.name
        banks[bank.id] = bank
    result = Banks(banks)
    _check_triggers(result)
    return result


def _read_bank(file: Path, label: str) -> Bank:
    data = read_mapping_file(file)
    try:
        header = BankHeader.model_validate(data)
    except ValidationError as exc:
        raise _schema_error(file, exc, "the bank header") from None
    model = ENTRY_MODELS[header.kind]
    entries, ids = [], set()
    for i, raw in enumerate(header.entries, start=1):
        name = raw.get("id") if isinstance(raw, dict) and isinstance(raw.get("id"), str) else None
        where = f"entry {i}" + (f" ({name!r})" if name else "")
        if not isinstance(raw, dict):
            raise DataError(f"{where}: must be a mapping of fields", file=file.name, rule="schema")
        try:
            entry = model.model_validate(raw)
        except ValidationError as exc:
            raise _schema_error(file, exc, where) from None
        if entry.id in ids:
            raise DataError(f"{where}: the id is used twice in this file", file=file.name, rule="unique id")
        ids.add(entry.id)
        entries.append(entry)
    if header.kind == "techniques":
        numbers = [e.number for e in entries]
        if len(set(numbers)) != len(numbers):
            raise DataError("two techniques share a number", file=file.name, rule="unique number")
    return Bank(header.bank, header.kind, dict(header.title), header.description, (label,), tuple(entries))


def _schema_error(file: Path, exc: ValidationError, where: str) -> DataError:
    lines = []
    for err in exc.errors():
        loc = ".".join(str(p) for p in err["loc"])
        lines.append(f"  {where}, field {loc or '(the entry)'}: {_plain(err)}")
    return DataError(f"{len(lines)} problem{'s' if len(lines) > 1 else ''} in this bank file:\n" + "\n".join(lines),
                     file=file.name, rule="schema")


def _check_triggers(banks: Banks) -> None:
    known = set(banks.triggers)
    if not known:
        raise DataError("no trigger vocabulary (a bank of kind 'triggers') was found", rule="triggers")
    for b in banks.banks.values():
        for e in b.entries:
            bad = [t for t in e.triggers if t not in known]
            if bad:
                raise DataError(f"entry {e.id!r} names trigger {bad[0]!r}, which is not in the trigger vocabulary "
                                f"({', '.join(sorted(known))})", file=Path(b.files[-1]).name, rule="trigger")


def _check_lang(lang: str) -> str:
    if lang not in LANGS:
        raise ValueError(f"lang must be one of {', '.join(LANGS)}")
    return lang


# =========================================================================== choosing prompts
@dataclass(frozen=True)
class Trigger:
    """A trigger raised for a client, with what it is based on (``detail``, never free text)."""

    id: str
    detail: str = ""
    session: int | None = None


@dataclass(frozen=True)
class ChosenPrompt:
    """A prompt chosen for a situation: what to show, and why."""

    id: str
    text: str
    reason: str
    source: str
    lang: str
    bank: str
    group: str | None = None
    urgent: bool = False
    triggers: tuple[str, ...] = ()
    note: str = ""
    repeated: bool = False


def _as_triggers(triggers) -> list[Trigger]:
    if isinstance(triggers, (str, Trigger)):
        triggers = [triggers]
    out: list[Trigger] = []
    for t in triggers:
        out.append(t if isinstance(t, Trigger) else Trigger(str(t)))
    return out


def select_prompts(triggers, lang: str = "en", k: int = 5, seen: Iterable[str] = (), *,
                   banks: Banks | None = None, bank: str | Iterable[str] | None = None) -> list[ChosenPrompt]:
    """Up to ``k`` prompts for ``triggers``, each with the reason it was chosen.

    ``triggers`` are trigger ids (see ``seeds/triggers.yaml``) or :class:`Trigger`
    objects from :func:`triggers_for`, most important first. The choice:

    * escalation cues (``urgent``) come first, and only when ``escalation_risk``
      is among the triggers;
    * then the triggers take turns, in the order given: each turn takes the
      prompt answering that trigger which answers the most of the given
      triggers, preferring a bank and group not yet used, then the most
      specific prompt (the fewest triggers); ties keep bank order;
    * prompts whose ids are in ``seen`` are skipped unless nothing else fits
      (then they are marked ``repeated``);
    * when no prompt answers any trigger, general prompts are offered.

    The same input always gives the same prompts. ``bank`` limits the choice to
    some banks. Texts are in ``lang`` (English with a note where missing).
    """
    lang = _check_lang(lang)
    if k < 1:
        return []
    banks = banks or load_banks()
    wanted = _as_triggers(triggers)
    vocabulary = banks.triggers
    unknown = [t.id for t in wanted if t.id not in vocabulary]
    if unknown:
        raise ValueError(f"unknown trigger {unknown[0]!r}; the vocabulary is {', '.join(sorted(vocabulary))}")
    order: list[str] = []
    details: dict[str, list[str]] = {}
    for t in wanted:
        if t.id not in order:
            order.append(t.id)
        if t.detail and t.detail not in details.setdefault(t.id, []):
            details[t.id].append(t.detail)
    only = None if bank is None else {bank} if isinstance(bank, str) else set(bank)
    pool = [p for p in banks.prompts if only is None or banks.bank_of(p.id) in only]
    seen = set(seen)
    given = set(order)
    escalate = "escalation_risk" in given

    def matches(p: PromptEntry) -> list[str]:
        return [t for t in order if t in p.triggers]

    candidates = [p for p in pool if matches(p) and (escalate or not p.urgent)]
    if not candidates:
        order, given = ["general"], {"general"}
        candidates = [p for p in pool if "general" in p.triggers and not p.urgent]
    chosen: list[tuple[PromptEntry, bool]] = []

    def take(ps: list[PromptEntry], repeated: bool) -> None:
        used_groups = {(banks.bank_of(p.id), p.group) for p, _ in chosen}
        used_banks = {banks.bank_of(p.id) for p, _ in chosen}
        urgent = [p for p in ps if p.urgent]
        for p in urgent:
            if len(chosen) < k and p not in [c for c, _ in chosen]:
                chosen.append((p, repeated))
        while len(chosen) < k:
            progressed = False
            for trig in order:
                if len(chosen) >= k:
                    break
                have = [c for c, _ in chosen]
                fits = [p for p in ps if trig in p.triggers and p not in have]
                if not fits:
                    continue
                best = min(fits, key=lambda p: (-len(matches(p)),
                                                (banks.bank_of(p.id), p.group) in used_groups,
                                                banks.bank_of(p.id) in used_banks,
                                                len(p.triggers),
                                                ps.index(p)))
                chosen.append((best, repeated))
                used_groups.add((banks.bank_of(best.id), best.group))
                used_banks.add(banks.bank_of(best.id))
                progressed = True
            if not progressed:
                break

    take([p for p in candidates if p.id not in seen], False)
    if len(chosen) < k:
        take([p for p in candidates if p.id in seen], True)
    return [_chosen(p, [t for t in order if t in p.triggers], details, vocabulary, lang, banks, repeated)
            for p, repeated in chosen]


def _chosen(p: PromptEntry, matched: list[str], details: dict[str, list[str]], vocabulary, lang: str, banks: Banks,
            repeated: bool) -> ChosenPrompt:
    shown = localise(p.text, lang, p.unreviewed)
    parts = []
    for t in matched:
        meaning = localise(vocabulary[t].meaning, lang).text
        d = details.get(t)
        parts.append(f"{meaning} ({'; '.join(d)})" if d else meaning)
    reason = _UI["because"][lang].format(_UI["and"][lang].join(parts))
    if repeated:
        reason = f"{reason} {_UI['repeated'][lang]}"
    return ChosenPrompt(id=p.id, text=shown.text, reason=reason, source=p.source, lang=shown.lang,
                        bank=banks.bank_of(p.id), group=p.group, urgent=p.urgent, triggers=tuple(matched),
                        note=shown.note, repeated=repeated)


# =========================================================================== techniques
@dataclass(frozen=True)
class Technique:
    """A recommended rapport technique and why."""

    id: str
    number: int
    name: str
    reason: str
    what: str
    when: str
    careful: str
    source: str
    lang: str
    note: str = ""


def recommend_techniques(presentation: str, lang: str = "en", *, banks: Banks | None = None) -> list[Technique]:
    """The techniques the guide groups with a client presentation (``anxious``, ``mistrustful`` or
    ``low_engagement``), in its numbering, each with the reason: the presentation and when to use it."""
    lang = _check_lang(lang)
    key = presentation.removeprefix("presentation_")
    if key == "avoidant":
        key = "anxious"
    if key not in PRESENTATIONS:
        raise ValueError(f"presentation must be one of {', '.join(PRESENTATIONS)}")
    banks = banks or load_banks()
    trigger = banks.triggers.get(f"presentation_{key}")
    because = localise(trigger.meaning, lang).text if trigger else key.replace("_", " ")
    out = []
    for t in banks.techniques:
        if key not in t.presentations:
            continue
        texts = {name: localise(v, lang, t.unreviewed) for name, v in t.texts().items()}
        when = texts["when"].text.rstrip(".")
        reason = _UI["because"][lang].format(f"{because}: {when[:1].lower()}{when[1:]}")
        note = next((x.note for x in texts.values() if x.note), "")
        out.append(Technique(t.id, t.number, texts["name"].text, reason, texts["what"].text, texts["when"].text,
                             texts["careful"].text, t.source, texts["name"].lang, note))
    return out


# =========================================================================== affect cues in text
@dataclass(frozen=True)
class Cue:
    """A lexicon term found in a text: which cue, the triggers it raises, the term and where."""

    cue: str
    triggers: tuple[str, ...]
    term: str
    start: int
    end: int


def affect_cues(text: str, lang: str | None = None, *, banks: Banks | None = None) -> list[Cue]:
    """The affect-cue terms of ``seeds/affect_cues.yaml`` found in ``text`` (all languages unless ``lang``).

    Each :class:`Cue` names the term that matched (a lexicon word, never the text around it), so a
    prompt's reason can say what it was based on. A term matches whole words, case-insensitively; a
    ``*`` at a word's end matches any ending. Of overlapping matches of one cue the longest is kept.
    """
    banks = banks or load_banks()
    found = []
    folded = _fold(text or "")
    for c, term, pat in banks.cue_patterns(lang):
        for m in pat.finditer(folded):
            found.append(Cue(c.id, tuple(c.triggers), term, m.start(), m.end()))
    found.sort(key=lambda x: (x.cue, x.start, -(x.end - x.start)))
    kept: list[Cue] = []
    for cue in found:
        if kept and kept[-1].cue == cue.cue and cue.start < kept[-1].end:
            continue
        kept.append(cue)
    return sorted(kept, key=lambda x: (x.start, x.cue))


_VIRAMA = "\u0bcd"        # Tamil pulli: a stem's final consonant loses it before a vowel ending


def _fold(text: str) -> str:
    """Latin letters without their accents (``aburría`` -> ``aburria``), one character for one, so
    positions stay; other scripts (Tamil vowel signs are marks too) are left alone."""
    out = []
    for ch in text:
        if ord(ch) > 127 and ch.isalpha():
            base = unicodedata.normalize("NFD", ch)[0]
            out.append(base if base.isascii() else ch)
        else:
            out.append(ch)
    return "".join(out)


def _word_pattern(term: str) -> str:
    """A regex for a lexicon term (already :func:`_fold`-ed): whole words (letters with their combining
    marks, as in Tamil), any run of spaces between words, ``*`` at a word's end for any ending (a Tamil
    stem's final pulli is optional then: எரிச்சல்* matches எரிச்சலாக)."""
    import regex

    parts = []
    for w in term.strip().split():
        if w.endswith("*"):
            parts.append(regex.escape(w.rstrip("*").removesuffix(_VIRAMA)) + r"\w*")
        else:
            parts.append(regex.escape(w))
    return r"(?<!\w)" + r"\s+".join(parts) + r"(?!\w)"


# =========================================================================== triggers from data
CT_HIGH = 3
"""A check-in rating at or above this raises its ``ct_`` trigger (``ct_sexualised``: any rating above 0)."""
FIRST_SESSIONS = 3
_ALERT_TRIGGERS = {"unrepaired_rupture": "rupture", "alliance_drop": "alliance_drop", "low_alliance": "low_alliance",
                   "low_item": "low_alliance", "not_on_track": "not_improving",
                   "reliable_deterioration": "not_improving", "outcome_drop": "not_improving"}
_ORDER = ("escalation_risk", "rupture_confrontation", "rupture_withdrawal", "rupture", "alliance_drop", "low_alliance",
          "ct_sexualised", "ct_criticised", "ct_helpless", "ct_overwhelmed", "ct_disengaged", "ct_special",
          "ct_parental", "ct_positive", "not_improving", "rating_gap", "group_difference", "stigmatising_language",
          "presentation_mistrustful",
          "presentation_anxious", "presentation_low_engagement", "immigration_evaluation", "interpreter",
          "language_difference", "first_sessions", "general")


def triggers_for(dataset, client_id: str, session: int | None = None, *, alerts=None,
                 banks: Banks | None = None) -> list[Trigger]:
    """The triggers the data raise for one client, most pressing first (see ``seeds/triggers.yaml``).

    Looks at the client's data up to ``session`` (default: the latest):

    * alerts (:func:`rapportlib.alerts`; pass ``alerts`` to reuse a table): an unrepaired rupture raises
      ``rupture``; a drop ``alliance_drop``; a low total or item ``low_alliance``; not on track,
      reliable deterioration or an outcome drop ``not_improving``;
    * the reflection of that session (or the latest): its ``rupture`` (``rupture`` and
      ``rupture_withdrawal`` / ``rupture_confrontation``), check-in ratings of :data:`CT_HIGH` or more
      (``ct_sexualised``: any), affect cues in its text (:func:`affect_cues`; the detail names the
      terms), an interpreter;
    * the client: ``case_type`` immigration_evaluation, ``interpreter``, a ``preferred_language``
      other than the session's language, ``presentation``;
    * session numbers 1 to :data:`FIRST_SESSIONS`: ``first_sessions``.

    ``escalation_risk`` is never raised here: that is a person's judgement, passed to
    :func:`select_prompts` directly. Each :class:`Trigger`'s ``detail`` is made of numbers, ids and
    lexicon terms only, never of reflection text.
    """

    banks = banks or load_banks()
    sessions = dataset.sessions
    mine = sessions[sessions["client_id"] == client_id]
    refl = dataset.reflections
    refl = refl[refl["client_id"] == client_id] if refl is not None and len(refl) else None
    if mine.empty and (refl is None or refl.empty):
        raise KeyError(f"client {client_id!r} has no sessions or reflections in this dataset")
    if session is None:
        known = list(mine["session"].dropna()) + ([] if refl is None else list(refl["session"].dropna()))
        session = int(max(known)) if known else None
    found: dict[str, Trigger] = {}

    def add(tid: str, detail: str = "") -> None:
        if tid in found:
            if detail and detail not in found[tid].detail:
                detail = f"{found[tid].detail}; {detail}" if found[tid].detail else detail
            else:
                return
        found[tid] = Trigger(tid, detail, session)

    # alerts, on the data up to the session
    if alerts is None:
        from .caseload import alerts as _alerts

        data = dataset
        if session is not None:
            keep = (sessions["client_id"] != client_id) | (sessions["session"] <= session)
            data = _Subset(dataset, sessions[keep])
        alerts = _alerts(data)
    for row in alerts[alerts["client_id"] == client_id].itertuples(index=False):
        tid = _ALERT_TRIGGERS.get(row.kind)
        if tid is not None:
            add(tid, f"{row.kind.replace('_', ' ')} at session {row.session}")

    # the reflection of the session
    latest = None
    if refl is not None and not refl.empty:
        upto = refl[refl["session"].notna() & (refl["session"] <= session)] if session is not None else refl
        if not upto.empty:
            latest = upto.sort_values(["session", "created"], kind="stable").iloc[-1]
    if latest is not None:
        for t in reflection_triggers(latest, where=f"the reflection on session {int(latest['session'])}", banks=banks):
            if t.id != "first_sessions":                # from the session asked about, below
                add(t.id, t.detail)

    # the client
    clients = dataset.clients
    row = clients[clients["client_id"] == client_id] if clients is not None and len(clients) else None
    if row is not None and not row.empty:
        c = row.iloc[0]
        if c.get("case_type") == "immigration_evaluation":
            add("immigration_evaluation", "case type")
        if _true(c.get("interpreter")):
            add("interpreter", "the client's sessions are interpreter-mediated")
        pref = c.get("preferred_language")
        spoken = latest.get("language") if latest is not None else None
        if isinstance(pref, str) and isinstance(spoken, str) and pref.strip().lower() != spoken.strip().lower():
            add("language_difference", "preferred language differs from the session's")
        pres = c.get("presentation")
        if isinstance(pres, str) and f"presentation_{pres}" in banks.triggers:
            add(f"presentation_{pres}", "client's presentation")
    if session is not None and 1 <= session <= FIRST_SESSIONS:
        add("first_sessions", f"session {session}")
    return rank_triggers(found.values())


def rank_triggers(triggers) -> list[Trigger]:
    """Triggers most pressing first: ruptures, alliance alerts, check-in reactions, then the context."""
    rank = {t: i for i, t in enumerate(_ORDER)}
    return sorted(_as_triggers(list(triggers)), key=lambda t: rank.get(t.id, len(rank)))


def _true(v) -> bool:
    """A yes in a boolean column (numpy, pandas or Python bool; missing is no)."""
    import pandas as pd

    return v is not None and not (isinstance(v, float) or v is pd.NA) and bool(v) is True


def reflection_triggers(reflection, *, where: str = "this reflection", banks: Banks | None = None) -> list[Trigger]:
    """The triggers one reflection raises (a mapping or row with any of its fields).

    ``rupture`` withdrawal or confrontation raises ``rupture`` and ``rupture_<kind>``; a check-in rating
    of :data:`CT_HIGH` or more its ``ct_`` trigger (``ct_sexualised``: any rating above 0); affect cues
    in ``text`` and ``ct_note`` (:func:`affect_cues`) their triggers, the detail naming the lexicon
    term, never the text; wording the language scan flags in ``text``
    (:func:`rapportlib.language.find_language`) ``stigmatising_language``, naming the lexicon terms;
    ``interpreter`` true raises ``interpreter``; a ``session`` from 1 to :data:`FIRST_SESSIONS` raises
    ``first_sessions``. ``where`` ends each detail ("noted in {where}").
    """
    import pandas as pd

    banks = banks or load_banks()
    found: dict[str, Trigger] = {}

    def add(tid: str, detail: str) -> None:
        found.setdefault(tid, Trigger(tid, detail))

    def get(name):
        v = reflection.get(name) if hasattr(reflection, "get") else None
        return None if v is None or (not isinstance(v, (str, list)) and pd.isna(v)) else v

    kind = get("rupture")
    if kind in ("withdrawal", "confrontation"):
        add(f"rupture_{kind}", f"noted in {where}")
        add("rupture", f"{kind} noted in {where}")
    for dim in (d.id for d in banks.dimensions):
        v = get(dim)
        if v is not None and (v >= CT_HIGH or (dim == "ct_sexualised" and v > 0)):
            add(dim, f"rated {int(v)} of 4 in {where}")
    for name in ("text", "ct_note"):
        text = get(name)
        for cue in affect_cues(text, banks=banks) if isinstance(text, str) and text.strip() else ():
            for tid in cue.triggers:
                add(tid, f"the words \u201c{cue.term}\u201d in {where}")
    text = get("text")
    if isinstance(text, str) and text.strip() and "stigmatising_language" in banks.triggers:
        from .language import find_language

        terms = list(dict.fromkeys(entry.terms[0] for _, _, entry in find_language(text)))
        if terms:
            shown = ", ".join(f"\u201c{t}\u201d" for t in terms[:3]) + (" \u2026" if len(terms) > 3 else "")
            add("stigmatising_language", f"{shown} in {where} (see the language scan)")
    if _true(get("interpreter")):
        add("interpreter", f"an interpreter was present ({where})")
    session = get("session")
    if isinstance(session, (int, float)) and 1 <= session <= FIRST_SESSIONS:
        add("first_sessions", f"session {int(session)}")
    return rank_triggers(found.values())


@dataclass
class _Subset:
    """A dataset with fewer session rows (what :func:`triggers_for` looks at up to a session)."""

    _of: object
    sessions: object

    def __getattr__(self, name):
        return getattr(self._of, name)
