"""Replacing what was found: keyed pseudonyms (:class:`Pseudonymiser`), per-client date shifts
(:func:`date_offset`) and :func:`anonymise`."""

from __future__ import annotations

import hashlib
import hmac
import re
import secrets
from datetime import date, timedelta

from .detect import find_identifiers
from .lexicon import _roster
from .patterns import _MONTH_NUM, WORD
from .spans import TOKEN_PREFIX, Anonymised, Replacement, Span, _fold


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
