"""Stigmatising and deficit language in reflections (the language part of a bias check).

:func:`scan_language` finds wording that the research on clinical notes links to
bias (doubting the client's account, difficult-client labels, blame and
non-compliance framing, stereotyping, unilateral framing, identity-first and
outdated labels) and says for each finding what to write instead and why.

The terms are data: ``data/lexicons/language.yaml`` (format in its header), which a
programme can extend or override by id with files of the same shape
(``load_language_lexicon(extra=...)`` or the ``RAPPORT_LANGUAGE_LEXICON``
environment variable, a path list separated by ``os.pathsep``).

How matching works:

* all forms of all terms are compiled once into a single regular expression written
  as a trie, so a reflection is scanned in one pass whatever the lexicon's size;
* case-insensitive, whole words; a hyphen in a term also matches a space or nothing
  (``non-compliant`` finds ``noncompliant``), a space matches any whitespace or a
  hyphen; English entries can ask for verb or noun inflections;
* a match is dropped when it is negated (``not``, ``no``, ``never``, ``without``,
  ``n't``, ``no signs of`` ... up to four words before it, in the same clause;
  Spanish ``no``, ``nunca``, ``sin``, ``ni``, ``ningún`` ...), when it lies inside
  quotation marks (the client's own words), or when the entry's context rules
  (``not_preceded_by``, ``not_followed_by``, ``only_near``) say so;
* overlapping matches keep the longest.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from collections.abc import Iterable

import pandas as pd

from ._resources import bundled
from .schema import (
    LANGUAGE_CATEGORIES,
    LanguageEntries,
    LanguageEntry,
    LanguageLexicon,
    read_mapping_file,
    read_model,
)

__all__ = ["FINDING_COLUMNS", "LanguageRules", "load_language_lexicon", "scan_language"]

FINDING_COLUMNS = ["reflection_id", "client_id", "clinician_id", "session", "start", "end", "term", "entry",
                   "category", "category_label", "alternatives", "why", "sources", "lang", "context"]

ENV = "RAPPORT_LANGUAGE_LEXICON"
WINDOW = 4                      # words around a term for negation and `only_near`

_NEGATORS = {"not", "no", "never", "without", "nor", "neither", "hardly", "nothing", "none", "denies", "denied",
             "deny", "denying", "absent", "absence", "free", "nunca", "sin", "ni", "ningún", "ninguna", "ninguno",
             "jamás", "tampoco", "niega", "negó", "niegan", "ausencia"}
_CLAUSE_BREAK = {"but", "although", "though", "however", "yet", "and", "while", "whereas", "then",
                 "pero", "aunque", "sino", "y", "mientras"}
# negations that cover the rest of their clause, however far: "at no point was the patient hostile"
_WHOLE_CLAUSE_NEGATION = re.compile(r"\b(?:at no (?:point|time|stage)|not at any (?:point|time)|never once"
                                    r"|en ningún momento|en ninguna ocasión)\b", re.I)
# words that may stand between a context word and the term: "a very demanding job", "un trabajo muy exigente"
_INTENSIFIERS = re.compile(r"(?:\s+(?:very|so|quite|really|extremely|too|rather|highly|incredibly|fairly|pretty"
                           r"|muy|tan|bastante|demasiado|más|mas|súper|super|realmente|sumamente))+\s*$", re.I)
_WORD = re.compile(r"[^\W_]+(?:['’][^\W_]+)*")
_QUOTES = re.compile(
    r"\"[^\"\n]{1,400}\"|“[^”\n]{1,400}”|«[^»\n]{1,400}»|„[^“”\n]{1,400}[“”]"
    r"|‘(?:[^’\n]|’(?=\w)){1,400}’(?!\w)"                       # an apostrophe inside (I’m) does not close it
    r"|(?<![\w'])'(?=\S)(?:[^'\n]|'(?=\w)){1,400}(?<=\S)'(?!\w)")
_QUOTE_CHARS = frozenset("\"“”«»„‘'")
_SENTENCE = re.compile(r"[^.!?\n]*(?:[.!?]+|\n|$)")


# --------------------------------------------------------------------------- inflection
def _verb_forms(word: str) -> set[str]:
    forms = {word, word + "s", word + "es", word + "ed", word + "d", word + "ing"}
    if word.endswith("e"):
        forms |= {word[:-1] + "ing", word + "d"}
    if word.endswith("y") and len(word) > 2 and word[-2] not in "aeiou":
        forms |= {word[:-1] + "ies", word[:-1] + "ied"}
    if len(word) >= 3 and word[-1] not in "aeiouwxy" and word[-2] in "aeiou" and word[-3] not in "aeiou":
        forms |= {word + word[-1] + "ed", word + word[-1] + "ing"}
    return forms


def _noun_forms(word: str) -> set[str]:
    forms = {word, word + "s", word + "es"}
    if word.endswith("y") and len(word) > 2 and word[-2] not in "aeiou":
        forms.add(word[:-1] + "ies")
    return forms


def _forms(entry: LanguageEntry) -> set[str]:
    out: set[str] = set()
    for term in entry.terms:
        words = term.split(" ")
        if entry.inflect == "verb":
            out |= {" ".join([f, *words[1:]]) for f in _verb_forms(words[0])}
        elif entry.inflect == "noun":
            out |= {" ".join([*words[:-1], f]) for f in _noun_forms(words[-1])}
        else:
            out.add(term)
    return out


# --------------------------------------------------------------------------- compiled rules
def _piece(ch: str) -> str:
    if ch == "-":
        return r"[\s\-]?"
    if ch == " ":
        return r"[\s\-]+"
    if ch in "'’":
        return "['’]"
    return re.escape(ch)


def _trie(forms: Iterable[str]) -> str:
    """One regex for many phrases, longest first, written as a trie over characters."""
    root: dict = {}
    for form in forms:
        node = root
        for ch in form:
            node = node.setdefault(_piece(ch), {})
        node[""] = {}

    def walk(node: dict) -> str:
        alts = [piece + walk(sub) for piece, sub in sorted(node.items()) if piece]
        if not alts:
            return ""
        body = alts[0] if len(alts) == 1 else "(?:" + "|".join(alts) + ")"
        return f"(?:{body})?" if "" in node else body

    return "(?:" + walk(root) + ")"


def _norm(text: str) -> str:
    """The lookup key of a form or a match: separators (which match each other) dropped."""
    return re.sub(r"[\s\-]+", "", text.replace("’", "'")).casefold()


def _context_rx(words: list[str]) -> re.Pattern | None:
    if not words:
        return None
    parts = []
    for w in words:
        w = w.strip().casefold()
        stem = w.endswith("*")
        body = r"[\s\-]+".join(re.escape(p) for p in w.rstrip("*").split())
        parts.append(body + (r"\w*" if stem else r"(?!\w)"))
    return re.compile("(?:" + "|".join(parts) + ")", re.I)


@dataclass(frozen=True)
class _Rule:
    entry: LanguageEntry
    not_preceded: re.Pattern | None
    not_followed: re.Pattern | None
    only_near: re.Pattern | None


@dataclass(frozen=True)
class LanguageRules:
    """The lexicon compiled for scanning: one regex and a lookup from each form to its entry."""

    lexicon: LanguageLexicon
    regex: re.Pattern
    by_form: dict[str, _Rule]
    files: tuple[str, ...]

    @property
    def entries(self) -> list[LanguageEntry]:
        return list(self.lexicon.entries)

    def category_label(self, category: str, lang: str = "en") -> str:
        cat = self.lexicon.categories.get(category)
        return (cat.label.get(lang) or cat.label["en"]) if cat else category.replace("_", " ")

    def why(self, entry: LanguageEntry, lang: str = "en") -> str:
        if entry.why:
            return entry.why.get(lang) or entry.why.get("en") or next(iter(entry.why.values()))
        cat = self.lexicon.categories.get(entry.category)
        return (cat.why.get(lang) or cat.why["en"]) if cat else ""

    def sources(self, entry: LanguageEntry) -> str:
        return "; ".join(self.lexicon.sources[s] for s in entry.sources)


def _merge(base: dict, extra: dict) -> dict:
    out = dict(base)
    out["sources"] = {**base.get("sources", {}), **(extra.get("sources") or {})}
    out["categories"] = {**base.get("categories", {}), **(extra.get("categories") or {})}
    out["unreviewed"] = sorted(set(base.get("unreviewed", [])) | set(extra.get("unreviewed") or []))
    entries = {e.get("id"): e for e in base.get("entries", []) if isinstance(e, dict)}
    for e in extra.get("entries") or []:
        key = e.get("id") if isinstance(e, dict) else None
        entries[key if key is not None else f"#{len(entries)}"] = e
    out["entries"] = list(entries.values())
    return out


@lru_cache(maxsize=8)
def _compile(files: tuple[str, ...]) -> LanguageRules:
    data: dict = {}
    for f in files:
        raw = read_mapping_file(Path(f))
        read_model(Path(f), LanguageEntries, data=raw)          # each file's entries, numbered in that file
        data = raw if not data else _merge(data, raw)
    data.setdefault("kind", "language_lexicon")
    lexicon = read_model(Path(files[-1]), LanguageLexicon, data=data)
    missing = [c for c in LANGUAGE_CATEGORIES if c not in lexicon.categories]
    if missing:
        from .errors import DataError
        raise DataError(f"the language lexicon needs a definition of category {missing[0]!r}",
                        file=Path(files[0]).name, rule="schema")
    by_form: dict[str, _Rule] = {}
    forms: set[str] = set()
    for entry in lexicon.entries:              # later entries (a programme's) win a shared form
        rule = _Rule(entry, _context_rx(entry.not_preceded_by), _context_rx(entry.not_followed_by),
                     _context_rx(entry.only_near))
        for form in _forms(entry):
            by_form[_norm(form)] = rule
            forms.add(form)
    pattern = r"(?<![\w\-])" + _trie(sorted(forms)) + r"(?![\w])"
    return LanguageRules(lexicon, re.compile(pattern, re.I), by_form, files)


def load_language_lexicon(extra: str | os.PathLike | Iterable[str | os.PathLike] | None = None) -> LanguageRules:
    """The shipped lexicon plus ``extra`` files (or ``$RAPPORT_LANGUAGE_LEXICON``), compiled.

    An extra file has the same shape as ``data/lexicons/language.yaml``; its entries
    replace shipped entries with the same id and add the others, and it may add
    sources and redefine categories. Compiled once per set of files.
    """
    if extra is None:
        env = os.environ.get(ENV, "")
        extra = [p for p in env.split(os.pathsep) if p]
    elif isinstance(extra, (str, os.PathLike)):
        extra = [extra]
    files = (str(bundled("data", "lexicons", "language.yaml")), *(str(Path(p)) for p in extra))
    return _compile(files)


# --------------------------------------------------------------------------- scanning
def _quoted(text: str) -> list[tuple[int, int]]:
    if not _QUOTE_CHARS.intersection(text):
        return []
    return [m.span() for m in _QUOTES.finditer(text)]


def _negated(text: str, start: int) -> bool:
    before = text[max(0, start - 80):start]
    cut = max(before.rfind(c) for c in ".;:!?,()[]\n—–")
    if cut >= 0:
        before = before[cut + 1:]
    if _WHOLE_CLAUSE_NEGATION.search(before):
        return True
    words = [w.casefold() for w in _WORD.findall(before)][-WINDOW:]
    for w in reversed(words):
        if w in _CLAUSE_BREAK:
            return False
        if w in _NEGATORS or w.endswith(("n't", "n’t")):
            return True
    return False


def _context_ok(rule: _Rule, text: str, start: int, end: int) -> bool:
    if rule.not_preceded is not None:
        before = text[max(0, start - 60):start].rstrip()
        before = _INTENSIFIERS.sub("", " " + before)[1:] if _INTENSIFIERS.search(" " + before) else before
        for m in rule.not_preceded.finditer(before):
            if m.end() == len(before) and (m.start() == 0 or not before[m.start() - 1].isalnum()):
                return False
    if rule.not_followed is not None:
        after = text[end:end + 60]
        stripped = after.lstrip(" \t-")
        m = rule.not_followed.match(stripped)
        if m:
            return False
    if rule.only_near is not None:                  # within the sentence
        left = re.split(r"[.!?;\n]", text[max(0, start - 80):start])[-1]
        right = re.split(r"[.!?;\n]", text[end:end + 80])[0]
        left = " ".join(_WORD.findall(left)[-WINDOW:])
        right = " ".join(_WORD.findall(right)[:WINDOW])
        if not any(rule.only_near.search(part) and _whole(rule.only_near, part) for part in (left, right)):
            return False
    return True


def _whole(rx: re.Pattern, part: str) -> bool:
    return any(m.start() == 0 or not part[m.start() - 1].isalnum() for m in rx.finditer(part))


def _sentence(text: str, start: int, end: int, limit: int = 240) -> str:
    lo = max(text.rfind(c, 0, start) for c in ".!?\n") + 1
    hi_candidates = [i for i in (text.find(c, end) for c in ".!?\n") if i >= 0]
    hi = min(hi_candidates) + 1 if hi_candidates else len(text)
    s = text[lo:hi].strip()
    if len(s) > limit:
        rel = start - lo - (len(text[lo:hi]) - len(text[lo:hi].lstrip()))
        a = max(0, rel - limit // 2)
        s = ("…" if a else "") + s[a:a + limit].strip() + "…"
    return s


def find_language(text: str, rules: LanguageRules | None = None) -> list[tuple[int, int, LanguageEntry]]:
    """Findings in one text: ``(start, end, entry)``, in order. See :func:`scan_language`."""
    if not isinstance(text, str) or not text:
        return []
    rules = rules or load_language_lexicon()
    quoted: list[tuple[int, int]] | None = None
    found: list[tuple[int, int, LanguageEntry]] = []
    for m in rules.regex.finditer(text):
        start, end = m.span()
        rule = rules.by_form.get(_norm(m.group()))
        if rule is None:
            continue
        if quoted is None:
            quoted = _quoted(text)
        if any(a <= start and end <= b for a, b in quoted):
            continue
        if _negated(text, start) or not _context_ok(rule, text, start, end):
            continue
        found.append((start, end, rule.entry))
    return found


def _as_frame(reflections, text_col: str) -> pd.DataFrame:
    if isinstance(reflections, str):
        return pd.DataFrame({text_col: [reflections]})
    frame = getattr(reflections, "reflections", reflections)
    if frame is None:
        return pd.DataFrame({text_col: pd.Series([], dtype="string")})
    if isinstance(frame, pd.Series):
        return pd.DataFrame({text_col: frame})
    if not isinstance(frame, pd.DataFrame):
        return pd.DataFrame({text_col: list(frame)})
    if text_col not in frame.columns:
        raise ValueError(f"the reflections have no {text_col!r} column (columns: {', '.join(map(str, frame.columns))})")
    return frame


def scan_language(reflections, *, rules: LanguageRules | None = None, lexicon=None, text_col: str = "text",
                  lang: str = "en") -> pd.DataFrame:
    """Stigmatising and deficit language in reflections: one row per finding.

    ``reflections``: a :class:`~rapportlib.Dataset` (its reflections), a reflections
    DataFrame (``text`` plus, where present, ``reflection_id``, ``client_id``,
    ``clinician_id``, ``session``), a Series or list of texts, or one text.
    ``lexicon``: extra lexicon files (see :func:`load_language_lexicon`); ``rules``: an
    already compiled lexicon. ``lang``: language of the explanations (``en``/``es``).

    Columns: ``reflection_id`` (the row's id, or its position when the table has none),
    ``client_id``, ``clinician_id``, ``session``, ``start``/``end`` (character offsets in
    the text), ``term`` (the words as written), ``entry`` (lexicon id), ``category``,
    ``category_label``, ``alternatives`` (a list), ``why``, ``sources``, ``lang`` (the
    entry's language) and ``context`` (the sentence the finding is in, for review).
    Rows are in text order; a text with nothing to flag gives no rows.
    """
    rules = rules or load_language_lexicon(lexicon)
    frame = _as_frame(reflections, text_col)
    texts = frame[text_col].tolist()
    ids = frame["reflection_id"].tolist() if "reflection_id" in frame.columns else list(range(len(frame)))
    extra = {c: frame[c].tolist() if c in frame.columns else [None] * len(frame)
             for c in ("client_id", "clinician_id", "session")}
    rows: list[tuple] = []
    for i, text in enumerate(texts):
        if not isinstance(text, str):
            continue
        for start, end, entry in find_language(text, rules):
            rows.append((ids[i], extra["client_id"][i], extra["clinician_id"][i], extra["session"][i], start, end,
                         text[start:end], entry.id, entry.category, rules.category_label(entry.category, lang),
                         list(entry.alternatives.get(entry.lang) or next(iter(entry.alternatives.values()))),
                         rules.why(entry, lang), rules.sources(entry), entry.lang, _sentence(text, start, end)))
    out = pd.DataFrame(rows, columns=FINDING_COLUMNS)
    out["start"] = out["start"].astype("int64")
    out["end"] = out["end"].astype("int64")
    if "session" in frame.columns:
        out["session"] = out["session"].astype(frame["session"].dtype)
    return out


# --------------------------------------------------------------------------- evaluation
_MARK = re.compile(r"\[\[(?P<cat>[a-z_]+):(?P<surface>.*?)\]\]", re.S)


def parse_marked(marked: str) -> tuple[str, list[tuple[int, int, str]]]:
    """Plain text and ``(start, end, category)`` spans of a ``[[category:surface]]``-marked sentence."""
    out, spans, pos = [], [], 0
    length = 0
    for m in _MARK.finditer(marked):
        out.append(marked[pos:m.start()])
        length += m.start() - pos
        spans.append((length, length + len(m.group("surface")), m.group("cat")))
        out.append(m.group("surface"))
        length += len(m.group("surface"))
        pos = m.end()
    out.append(marked[pos:])
    return "".join(out), spans


def score_language(records: Iterable[dict], *, rules: LanguageRules | None = None) -> dict:
    """Precision and recall of the scan on labelled records (``tests/data/language_README.md``).

    A finding is correct when it overlaps a marked span; a marked span is found when a finding
    overlaps it. ``category_agreement``: of the correct findings, the share with the marked category.
    ``by_category``: a DataFrame of marked, found and recall per marked category, and flagged and
    precision per category the scan gave.
    """
    rules = rules or load_language_lexicon()
    gold_n = found_n = pred_n = correct_n = same_cat = 0
    per: dict[str, dict[str, int]] = {c: {"marked": 0, "found": 0, "flagged": 0, "correct": 0}
                                      for c in LANGUAGE_CATEGORIES}
    misses, false = [], []
    for rec in records:
        text, gold = parse_marked(rec["marked"])
        pred = find_language(text, rules)
        gold_n += len(gold)
        pred_n += len(pred)
        for a, b, cat in gold:
            hit = [e for s, t, e in pred if s < b and a < t]
            per.setdefault(cat, {"marked": 0, "found": 0, "flagged": 0, "correct": 0})["marked"] += 1
            if hit:
                found_n += 1
                per[cat]["found"] += 1
            else:
                misses.append((rec.get("id"), cat, text[a:b]))
        for s, t, e in pred:
            per[e.category]["flagged"] += 1
            match = [cat for a, b, cat in gold if s < b and a < t]
            if match:
                correct_n += 1
                per[e.category]["correct"] += 1
                same_cat += e.category in match
            else:
                false.append((rec.get("id"), e.id, text[s:t]))
    table = pd.DataFrame([{"category": c, **v} for c, v in per.items()])
    table["recall"] = table["found"] / table["marked"].where(table["marked"] > 0)
    table["precision"] = table["correct"] / table["flagged"].where(table["flagged"] > 0)
    return {"gold": gold_n, "found": found_n, "predicted": pred_n, "correct": correct_n,
            "recall": found_n / gold_n if gold_n else float("nan"),
            "precision": correct_n / pred_n if pred_n else float("nan"),
            "category_agreement": same_cat / correct_n if correct_n else float("nan"),
            "by_category": table, "misses": misses, "false_positives": false}
