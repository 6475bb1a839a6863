"""What the detector returns, and what every part of it shares: the identifier kinds, :class:`Span` and the
results of :func:`~rapportlib.privacy.anonymise`, folding a word for a list lookup, putting a span on the list of
what was found (``found``, with ``taken``, the mask of the characters already covered), and the marked-text notation
of the labelled sets (``[[kind:text]]``)."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass, field

import numpy as np
import regex

KINDS = ("name", "date", "age", "phone", "fax", "email", "url", "ip", "address", "place", "postcode",
         "ssn", "mrn", "account", "licence", "id")
"""Identifier kinds, as returned in :attr:`Span.kind`."""

# A form's separator: a short run of punctuation between spaces (" | ", " + ", " ~ ", " :: ", " -> ", " » "), whatever
# its marks, so that a new form's separator needs no new rule. SEPARATOR_MARKS ends a field's value; FIELD_SEPARATOR,
# before a field, is stricter: no comma, full stop or bracket, and no hyphen or ampersand alone ("Marks & Spencer").
SEPARATOR_MARKS = r"[^\w\s(\[\"'“‘]{1,3}"
FIELD_SEPARATOR = r"(?:[^\w\s(\[\"'“‘,.&\-]{1,3}|-[^\w\s]{1,2}|[^\w\s]-)"

TOKEN_PREFIX = {"name": "PERSON", "place": "PLACE", "address": "ADDRESS", "phone": "PHONE", "fax": "FAX",
                "email": "EMAIL", "url": "URL", "ip": "IP", "postcode": "POSTCODE", "ssn": "SSN", "mrn": "MRN",
                "account": "ACCOUNT", "licence": "LICENCE", "id": "ID"}


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
