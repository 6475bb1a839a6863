"""Loading datasets without losing a row.

:func:`read_sessions` reads one sessions file (long or person-wide);
:func:`load` reads a dataset folder (sessions, clients, reflections and
``dataset.yaml``) into a :class:`Dataset`. Every record read is either loaded
or quarantined with the rule it broke, and the :class:`LoadReport` says so:
loaded + quarantined = read, always.
"""

from __future__ import annotations

import re
import warnings
from dataclasses import asdict, dataclass, field
from pathlib import Path

import numpy as np
import pandas as pd

from .errors import DataError, DataQualityWarning
from .instruments import get_instrument, list_instruments, score
from .readers import SUPPORTED, RawTable, blank_cells, read_raw
from .schema import ColumnMapping, ColumnSpec, DatasetMeta, Instrument, TableSchema, read_model
from .validation import check, table_schemas

TABLES = ("sessions", "clients", "reflections")
SESSION_RE = re.compile(r"^(?P<measure>.+?)_s(?P<n>\d+)$")
PLAIN_RE = re.compile(r"^(?P<measure>.+?)_(?P<n>\d+)$")
FOLLOWUP_RE = re.compile(r"^(?P<measure>.+?)_fu(?P<n>\d+)$")
FOLLOWUP_SCHEMA = TableSchema(key=["client_id", "followup"], columns={
    "client_id": ColumnSpec(type="string", required=True),
    "followup": ColumnSpec(type="integer", required=True, min=1)})


# --------------------------------------------------------------------------- report
@dataclass
class FileReport:
    """Counts for one table read from one file."""

    source: str
    table: str
    layout: str
    read: int
    loaded: int
    quarantined: int
    unit: str = "rows"
    encoding: str = ""
    delimiter: str = ""
    notes: list[str] = field(default_factory=list)

    def __post_init__(self):
        if self.read != self.loaded + self.quarantined:       # a bug, never a data problem
            raise RuntimeError(f"{self.source}: {self.read} read but {self.loaded} loaded + "
                               f"{self.quarantined} quarantined")


@dataclass
class LoadReport:
    """What was read, loaded and quarantined, and why. Never contains cell values."""

    files: list[FileReport]
    issues: pd.DataFrame          # source, table, row, column, rule

    @property
    def read(self) -> int:
        return sum(f.read for f in self.files)

    @property
    def loaded(self) -> int:
        return sum(f.loaded for f in self.files)

    @property
    def quarantined(self) -> int:
        return sum(f.quarantined for f in self.files)

    @property
    def ok(self) -> bool:
        return self.quarantined == 0

    def to_dict(self) -> dict:
        return {"read": self.read, "loaded": self.loaded, "quarantined": self.quarantined,
                "files": [asdict(f) for f in self.files],
                "issues": self.issues.astype(object).where(self.issues.notna(), None).to_dict("records")}

    def to_text(self, max_issues: int = 40) -> str:
        lines = []
        for f in self.files:
            how = f"{f.layout} layout" if f.table in ("sessions", "followups") else f.table
            lines.append(f"{f.source} ({how}): {f.read:,} {f.unit} read, {f.loaded:,} loaded, "
                         f"{f.quarantined:,} quarantined")
            lines += [f"    note: {n}" for n in f.notes]
        if len(self.issues):
            lines.append("")
            lines.append(f"Problems ({len(self.issues):,}; the rows concerned are in the quarantine table):")
            for r in self.issues.head(max_issues).itertuples():
                col = f", column {r.column}" if isinstance(r.column, str) and r.column else ""
                lines.append(f"  {r.source} row {r.row}{col}: {r.rule}")
            if len(self.issues) > max_issues:
                lines.append(f"  … and {len(self.issues) - max_issues:,} more (see report.issues, or --json)")
        lines.append("")
        lines.append("Everything loaded." if self.ok else
                     f"{self.quarantined:,} of {self.read:,} records quarantined; fix them in the file and load again.")
        return "\n".join(lines)

    __str__ = to_text


# --------------------------------------------------------------------------- privacy
@dataclass
class PrivacyCheck:
    """What ``dataset.yaml`` says about anonymisation, and what the scan of free text found
    (``findings``: source, table, row, column, kind, count; never the values)."""

    status: str
    method: str
    findings: pd.DataFrame
    allowed: bool = False

    @staticmethod
    def empty() -> pd.DataFrame:
        return pd.DataFrame({c: pd.array([], dtype=t) for c, t in (
            ("source", "string"), ("table", "string"), ("row", "int64"), ("column", "string"),
            ("kind", "string"), ("count", "int64"))})

    @property
    def rows(self) -> int:
        return int(self.findings[["source", "row"]].drop_duplicates().shape[0]) if len(self.findings) else 0

    def describe(self) -> str:
        if not len(self.findings):
            return "free text scanned: no identifiers found"
        return f"IDENTIFIERS FOUND in {self.rows} rows of free text (loaded with allow_identifiers=True)"

    def to_text(self, max_rows: int = 20) -> str:
        """Row, column and kinds of each finding, one line a row."""
        if not len(self.findings):
            return "No identifiers found in free text."
        lines = []
        grouped = self.findings.groupby(["source", "row", "column"], sort=True)["kind"].agg(
            lambda k: ", ".join(sorted(set(k))))
        for (source, row, column), kinds in list(grouped.items())[:max_rows]:
            lines.append(f"  {source} row {row}, column {column!r}: {kinds}")
        if len(grouped) > max_rows:
            lines.append(f"  … and {len(grouped) - max_rows} more")
        return "\n".join(lines)


class IdentifiableDataError(DataError):
    """Free text in a dataset holds identifiers; ``.privacy.findings`` says where (never what)."""

    def __init__(self, privacy: PrivacyCheck):
        self.privacy = privacy
        kinds = ", ".join(f"{k} ({n})" for k, n in privacy.findings.groupby("kind")["count"].sum().items())
        first = privacy.findings.iloc[0]
        super().__init__(
            f"free text looks identifiable: {privacy.rows} rows hold identifiers ({kinds}). Nothing was loaded.\n"
            + privacy.to_text(10)
            + "\nAnonymise the text first (rapportlib.anonymise_frame, or export from the journal), or, if this "
              "data may hold identifiers and you are allowed to use it, load(..., allow_identifiers=True).",
            file=str(first["source"]), row=None, column=str(first["column"]), rule="identifiable")


# --------------------------------------------------------------------------- dataset
@dataclass
class Dataset:
    """A loaded dataset: the valid rows of each table, what was quarantined, and the report."""

    sessions: pd.DataFrame
    clients: pd.DataFrame
    reflections: pd.DataFrame
    followups: pd.DataFrame
    quarantine: pd.DataFrame
    report: LoadReport
    meta: DatasetMeta = field(default_factory=DatasetMeta)
    instruments: dict[str, Instrument] = field(default_factory=dict)
    path: Path | None = None
    privacy: PrivacyCheck | None = None

    def summary(self) -> str:
        s = self.sessions
        lines = [f"{self.meta.name or (self.path.name if self.path else 'dataset')}"
                 + (" (SYNTHETIC demo data)" if self.meta.synthetic else "")]
        if len(s):
            n_clin = s["clinician_id"].nunique() if "clinician_id" in s else 0
            lines.append(f"  sessions: {len(s):,} rows, {s['client_id'].nunique():,} clients"
                         + (f", {n_clin} clinicians" if n_clin else "")
                         + f", sessions {int(s['session'].min())}-{int(s['session'].max())}")
        if len(self.clients):
            lines.append(f"  clients: {len(self.clients):,} rows")
        if len(self.reflections):
            lines.append(f"  reflections: {len(self.reflections):,}")
        if self.instruments:
            lines.append("  instruments: " + ", ".join(f"{i.id} ({i.name})" for i in self.instruments.values()))
        lines.append(f"  anonymisation: {self.meta.anonymisation.status}"
                     + (f"; {self.privacy.describe()}" if self.privacy else ""))
        lines.append(f"  quarantined: {self.report.quarantined:,} of {self.report.read:,} records read")
        return "\n".join(lines)


# --------------------------------------------------------------------------- one table
@dataclass
class _Loaded:
    frame: pd.DataFrame
    quarantine: pd.DataFrame
    issues: pd.DataFrame
    report: FileReport
    identifiers: pd.DataFrame | None = None


def _finish(table: str, raw: RawTable, records: pd.DataFrame, rows: np.ndarray, schema: TableSchema,
            insts: list[Instrument], *, layout: str, unit: str = "rows", source_column=None,
            notes: list[str] = (), include_unparsed: bool = True, numeric: list[str] = ()) -> _Loaded:
    """Check ``records`` (target column names), split good from bad, and account for all.
    ``numeric`` columns must hold numbers even where no instrument defines them."""
    checked = check(records, schema, insts, {c: ColumnSpec(type="number") for c in numeric})
    iss = checked.issues
    bad = np.zeros(len(records), bool)
    bad[iss["record"].to_numpy()] = True
    rec = iss["record"].to_numpy()
    cols = iss["column"].to_numpy(dtype=object)
    if source_column is not None and len(iss):
        cols = source_column(rec, cols)
    rules = [r.replace("{ref}", str(rows[ref])) if ref >= 0 else r
             for r, ref in zip(iss["rule"], iss["ref"])]
    issues = pd.DataFrame({"source": raw.source, "table": table, "row": rows[rec], "column": cols,
                           "rule": rules})
    unparsed = raw.unparsed if include_unparsed else raw.unparsed.iloc[:0]
    if len(unparsed):
        issues = pd.concat([issues, pd.DataFrame({"source": raw.source, "table": table, "row": unparsed["row"],
                                                  "column": "", "rule": unparsed["rule"]})], ignore_index=True)
    issues = issues.sort_values("row", kind="stable").reset_index(drop=True)

    per_record = issues.iloc[:0]
    if bad.any():
        g = pd.DataFrame({"record": rec, "column": cols, "rule": rules}).groupby("record", sort=True)
        per_record = pd.DataFrame({"column": g["column"].agg(lambda c: ", ".join(dict.fromkeys(c))),
                                   "rule": g["rule"].agg("; ".join)})
    values = records.iloc[np.flatnonzero(bad)].astype("str").reset_index(drop=True)
    quarantine = pd.concat([
        pd.DataFrame({"table": table, "source": raw.source, "row": rows[bad],
                      "column": per_record["column"].to_numpy(), "rule": per_record["rule"].to_numpy()}),
        values], axis=1)
    if len(unparsed):
        quarantine = pd.concat([quarantine, pd.DataFrame({
            "table": table, "source": raw.source, "row": unparsed["row"], "column": "",
            "rule": unparsed["rule"], "raw": unparsed["raw"]})], ignore_index=True)
    quarantine = quarantine.sort_values("row", kind="stable").reset_index(drop=True)

    loaded = checked.frame[~bad].reset_index(drop=True)
    all_notes = list(raw.notes) + list(notes)
    if checked.unchecked:
        all_notes.append(f"column{'s' if len(checked.unchecked) > 1 else ''} "
                         + ", ".join(map(repr, checked.unchecked))
                         + f" not defined by the {table} schema or any instrument: kept, not checked")
    report = FileReport(raw.source, table, layout, len(records) + len(unparsed), len(loaded),
                        int(bad.sum()) + len(unparsed), unit, raw.encoding, raw.delimiter, all_notes)
    return _Loaded(loaded, quarantine, issues, report)


def _require(frame: pd.DataFrame, cols: list[str], source: str, hint: str = "") -> None:
    for c in cols:
        if c not in frame.columns:
            shown = ", ".join(map(str, list(frame.columns)[:25])) + (" …" if frame.shape[1] > 25 else "")
            err = DataError(f"has no column {c!r} (its columns are: {shown}).{hint}", file=source,
                            rule="required column")
            err.column = c
            raise err


def _rename(frame: pd.DataFrame, columns: dict[str, str], source: str) -> pd.DataFrame:
    columns = {k: v for k, v in columns.items() if k in frame.columns and k != v}
    targets = [columns.get(c, c) for c in frame.columns]
    seen = set()
    for t in targets:
        if t in seen:
            raise DataError(f"two columns would both be called {t!r} after mapping; map only one of them",
                            file=source, column=t, rule="mapping")
        seen.add(t)
    return frame.rename(columns=columns)


# --------------------------------------------------------------------------- sessions
def _resolve_mapping(mapping, **given) -> ColumnMapping:
    if mapping is None:
        base = ColumnMapping()
    elif isinstance(mapping, ColumnMapping):
        base = mapping
    else:
        base = read_model(mapping, ColumnMapping)
    update = {k: v for k, v in given.items() if v is not None and v != {}}
    if "columns" in update:
        update["columns"] = {**base.columns, **update["columns"]}
    return base.model_copy(update=update)


def _session_numbers(columns: list[str], known_items: set[str]):
    """Auto-detect ``<measure>_s<N>`` (or ``<measure>_<N>``) series and ``<measure>_fu<N>`` follow-ups."""
    series: dict[str, dict[int, str]] = {}
    follow: dict[str, dict[int, str]] = {}
    with_s = any(SESSION_RE.match(c) for c in columns)
    for c in columns:
        m = FOLLOWUP_RE.match(c)
        if m:
            follow.setdefault(m["measure"], {})[int(m["n"])] = c
            continue
        m = SESSION_RE.match(c) if with_s else PLAIN_RE.match(c)
        if m and c not in known_items:
            series.setdefault(m["measure"], {})[int(m["n"])] = c
    series = {k: v for k, v in series.items() if len(v) >= 2}
    return series, follow


def _explicit(spec: dict[str, list[str | None]] | None, start: int) -> dict[str, dict[int, str]]:
    return {m: {i: c for i, c in enumerate(cols, start=start) if c} for m, cols in (spec or {}).items()}


def _wide_to_long(frame: pd.DataFrame, rows: np.ndarray, series: dict[str, dict[int, str]], key: str,
                  source: str, id_col: str = "client_id"):
    """One record per (person, number) with at least one value; returns records, their file rows,
    and a function giving the file's own column name of a (record, measure) cell."""
    for m, cols in series.items():
        for c in cols.values():
            if c not in frame.columns:
                raise DataError(f"the series for {m!r} names column {c!r}, which the file does not have",
                                file=source, column=c, rule="series column")
    used = {c for cols in series.values() for c in cols.values()}
    carry = [c for c in frame.columns if c not in used]
    numbers = sorted({n for cols in series.values() for n in cols})
    pieces, piece_rows, piece_numbers = [], [], []
    for n in numbers:
        part = {m: frame[cols[n]] if n in cols else pd.Series(np.nan, index=frame.index)
                for m, cols in series.items()}
        block = pd.DataFrame(part)
        keep = ~np.logical_and.reduce([blank_cells(block[m]) for m in block.columns])
        if not keep.any():
            continue
        block = pd.concat([frame.loc[keep, carry], block[keep]], axis=1)
        block.insert(carry.index("client_id") + 1 if "client_id" in carry else 0, key, n)
        pieces.append(block)
        piece_rows.append(rows[keep])
        piece_numbers.append(np.full(int(keep.sum()), n))
    if not pieces:
        empty = pd.DataFrame({c: [] for c in [*carry, key, *series]})
        return empty, np.zeros(0, np.int64), lambda rec, cols: cols
    long = pd.concat(pieces, ignore_index=True)
    out_rows = np.concatenate(piece_rows)
    nums = np.concatenate(piece_numbers)
    order = np.lexsort((nums, out_rows))          # file order, then session
    long = long.iloc[order].reset_index(drop=True)
    out_rows, nums = out_rows[order], nums[order]

    def source_column(rec: np.ndarray, cols: np.ndarray) -> np.ndarray:
        return np.array([series[c].get(int(nums[r]), c) if c in series else _their_name(c, {"client_id": id_col})
                         for r, c in zip(rec, cols)], dtype=object)

    return long, out_rows, source_column


def _read_sessions(source, *, layout="auto", id_col=None, session_col=None, series=None, followups=None,
                   columns=None, mapping=None, instruments=None, delimiter=None, sheet=None):
    """Read one sessions file; returns (sessions _Loaded, followups _Loaded or None, instruments)."""
    path = Path(source)
    mp = _resolve_mapping(mapping, layout=None if layout == "auto" else layout, id_col=id_col,
                          session_col=session_col, series=series, followups=followups, columns=columns,
                          delimiter=delimiter, sheet=sheet)
    insts = _instrument_list(instruments)
    id_col = mp.id_col or "client_id"
    session_col = mp.session_col or "session"
    rename = {**mp.columns, id_col: "client_id", session_col: "session"}
    strings = {id_col} | {k for k, v in mp.columns.items() if v in ("client_id", "clinician_id")} | {"clinician_id"}
    raw = read_raw(path, delimiter=mp.delimiter, sheet=mp.sheet, string_columns=strings)
    frame = _rename(raw.frame, rename, raw.source)
    sessions_schema = table_schemas()["sessions"]
    lay = mp.layout
    if lay == "auto":
        lay = "sessions" if "session" in frame.columns else "person-wide"
    hint = (" Say which column identifies the client: id_col=… in Python, --id-col on the command line, "
            "or id_col: in a mapping file." if id_col == "client_id" else "")
    _require(frame, ["client_id"], raw.source, hint)

    if lay == "sessions":
        _require(frame, ["session"], raw.source,
                 " Say which column holds the session number (session_col=… in Python, --session-col on the "
                 "command line), or read a one-row-per-person file with layout='person-wide'.")
        theirs = {v: k for k, v in rename.items() if k in raw.frame.columns}
        loaded = _finish("sessions", raw, frame, raw.rows, sessions_schema, insts, layout="sessions",
                         source_column=lambda rec, cols: np.array([_their_name(c, theirs) for c in cols], dtype=object))
        return loaded, None, insts

    known_items = {c for i in insts for c in i.item_columns}
    auto_series, auto_follow = _session_numbers([c for c in frame.columns if c != "client_id"], known_items)
    ser = _explicit(mp.series, 0) if mp.series else auto_series
    fol = _explicit(mp.followups, 1) if mp.followups is not None else (auto_follow if not mp.series else {})
    if not ser:
        raise DataError("is one row per person, but no session columns were recognised. Name them "
                        "<measure>_s<N> (bdi_s0, bdi_s1, …) or pass series={'bdi': [column, column, …]} in "
                        "session order", file=raw.source, rule="person-wide series")
    fol_cols = {c for cols in fol.values() for c in cols.values()}
    body = frame[[c for c in frame.columns if c not in fol_cols]]
    long, rows, srccol = _wide_to_long(body, raw.rows, ser, "session", raw.source, id_col)
    notes = [f"person-wide: {len(ser)} measure(s) over sessions "
             f"{min(min(c) for c in ser.values())}-{max(max(c) for c in ser.values())}"]
    loaded = _finish("sessions", raw, long, rows, sessions_schema, insts, layout="person-wide",
                     unit="client-session records", source_column=srccol, notes=notes, numeric=list(ser))
    fu = None
    if fol:
        fu_frame = frame[["client_id", *sorted(fol_cols)]]
        flong, frows, fsrc = _wide_to_long(fu_frame, raw.rows, fol, "followup", raw.source, id_col)
        fu = _finish("followups", raw, flong, frows, FOLLOWUP_SCHEMA, insts, layout="person-wide",
                     unit="follow-up records", source_column=fsrc, include_unparsed=False, numeric=list(fol))
    return loaded, fu, insts


def _their_name(column: str, theirs: dict[str, str]) -> str:
    """The file's own name for a column we report on (``a + b`` for a key of several)."""
    return " + ".join(theirs.get(part, part) for part in column.split(" + "))


def _instrument_list(extra) -> list[Instrument]:
    insts = list_instruments()
    for i in extra or ():
        inst = get_instrument(i)
        insts[inst.id] = inst
    return list(insts.values())


def read_sessions(source: str | Path, layout: str = "auto", id_col: str | None = None,
                  session_col: str | None = None, series: dict[str, list[str | None]] | None = None,
                  columns: dict[str, str] | None = None, *, followups: dict[str, list[str]] | None = None,
                  mapping: str | Path | ColumnMapping | None = None, instruments=None,
                  delimiter: str | None = None, sheet: str | int | None = None) -> pd.DataFrame:
    """Read a sessions file (CSV, Excel, JSON Lines or Parquet) into the sessions table.

    Parameters
    ----------
    layout
        ``"sessions"``: one row per client-session; ``"person-wide"``: one row
        per person with a column per session (``bdi_s0``, ``bdi_s1``, … or
        ``bdi_0``, …; ``bdi_fu1`` are follow-ups, kept apart); ``"auto"``
        (default) picks sessions when there is a session column.
    id_col, session_col
        The file's names for the client identifier and session number
        (default ``client_id`` and ``session``).
    series
        For inconsistently named person-wide files: each measure's columns in
        session order, starting at session 0, e.g.
        ``{"bdi": ["bdi_intake", "bdi1", "wk2bdi", …]}`` (``None`` for a
        session without a column).
    columns
        Renames: ``{"their name": "our name"}``.
    followups
        Follow-up columns per measure, in order (follow-up 1, 2, …).
    mapping
        A column-mapping YAML file holding any of the arguments above, written
        once for a programme's export; explicit arguments win.
    instruments
        Extra instrument definitions (ids, files or :class:`Instrument`) to
        validate against, besides the shipped ones.

    Rows that break a rule are left out with a :class:`DataQualityWarning`;
    ``rapportlib.load(source, …)`` returns them with the full report.
    """
    loaded, _, _ = _read_sessions(source, layout=layout, id_col=id_col, session_col=session_col, series=series,
                                  followups=followups, columns=columns, mapping=mapping, instruments=instruments,
                                  delimiter=delimiter, sheet=sheet)
    if loaded.report.quarantined:
        warnings.warn(f"{loaded.report.source}: {loaded.report.quarantined:,} of {loaded.report.read:,} records "
                      "were quarantined; rapportlib.load() on this file gives the report and the rows",
                      DataQualityWarning, stacklevel=2)
    return loaded.frame


# --------------------------------------------------------------------------- folders
def _find(folder: Path, table: str, meta: DatasetMeta) -> Path | None:
    if table in meta.files:
        p = folder / meta.files[table]
        if not p.is_file():
            raise DataError(f"dataset.yaml names {meta.files[table]!r} for the {table} table, but it does not exist",
                            file=str(folder), rule="files")
        return p
    found = sorted(p for p in folder.iterdir() if p.stem == table and p.suffix.lower() in SUPPORTED)
    if len(found) > 1:
        raise DataError(f"has more than one {table} file ({', '.join(p.name for p in found)}); "
                        "keep one or name it in dataset.yaml", file=str(folder), rule="files")
    return found[0] if found else None


def _read_meta(folder: Path) -> DatasetMeta:
    for name in ("dataset.yaml", "dataset.yml", "dataset.toml"):
        if (folder / name).is_file():
            return read_model(folder / name, DatasetMeta)
    return DatasetMeta()


def _free_text_columns(frame: pd.DataFrame, schema: TableSchema) -> list[str]:
    """Columns holding free text: the schema's ``text`` columns, and columns the schema does not
    know whose values read like sentences (a space and over 30 characters somewhere)."""
    cols = [c for c, spec in schema.columns.items() if spec.type == "text" and c in frame.columns]
    for c in frame.columns:
        if c in schema.columns or not (pd.api.types.is_string_dtype(frame[c]) or frame[c].dtype == object):
            continue
        v = frame[c].dropna().astype(str)
        if len(v) and (v.str.len().gt(30) & v.str.contains(" ", regex=False)).any():
            cols.append(c)
    return cols


def _read_table(path: Path, table: str, roster=None) -> _Loaded:
    from .privacy import scan_frame

    schema = table_schemas()[table]
    strings = {c for c, s in schema.columns.items() if s.type in ("string", "text", "category", "list")}
    raw = read_raw(path, string_columns=strings)
    _require(raw.frame, [c for c, s in schema.columns.items() if s.required], raw.source)
    loaded = _finish(table, raw, raw.frame, raw.rows, schema, [], layout=table)
    found = scan_frame(raw.frame, _free_text_columns(raw.frame, schema), rows=raw.rows, roster=roster)
    loaded.identifiers = pd.concat([pd.DataFrame({"source": pd.array([raw.source] * len(found), dtype="string"),
                                                  "table": pd.array([table] * len(found), dtype="string")}),
                                    found], axis=1)
    return loaded


def _empty(table: str) -> pd.DataFrame:
    return pd.DataFrame({c: [] for c in table_schemas()[table].columns})


def load(source: str | Path, *, mapping=None, instruments=None, allow_identifiers: bool = False, roster=None,
         **read_options) -> Dataset:
    """Load a dataset folder (or a single sessions file) into a :class:`Dataset`.

    A folder holds ``sessions.*``, optionally ``clients.*`` and
    ``reflections.*`` (CSV, Excel, JSON Lines or Parquet), and optionally a
    ``dataset.yaml`` describing it (see ``docs/data-format.md``). Instrument
    scale scores are computed for every instrument whose items are present.
    ``read_options`` are those of :func:`read_sessions`. Bad rows are not
    raised but quarantined: see ``Dataset.quarantine`` and ``Dataset.report``.

    Free text (reflections) is scanned for identifiers with
    :func:`rapportlib.find_identifiers` (and ``roster``, names known to occur).
    If any are found, :class:`IdentifiableDataError` is raised with a report of
    row, column and kind, never the values; ``allow_identifiers=True`` loads
    anyway and keeps that report in ``Dataset.privacy``.
    """
    path = Path(source)
    if not path.exists():
        raise DataError("not found; give a dataset folder or a sessions file", file=str(path), rule="exists")
    meta = _read_meta(path) if path.is_dir() else DatasetMeta()
    folder = path if path.is_dir() else path.parent
    extra = list(instruments or []) + [folder / p for p in meta.custom_instruments]
    if mapping is None and meta.mapping:
        mapping = folder / meta.mapping
    files = {t: _find(path, t, meta) for t in TABLES} if path.is_dir() else {"sessions": path}
    if path.is_dir() and not (files["sessions"] or files["reflections"]):
        raise DataError("holds no sessions or reflections file (expected sessions.csv, reflections.jsonl, …; "
                        "see docs/data-format.md)", file=str(path), rule="files")

    parts: list[_Loaded] = []
    sessions, followups, insts = _empty("sessions"), pd.DataFrame({"client_id": [], "followup": []}), []
    if files.get("sessions"):
        s, fu, insts = _read_sessions(files["sessions"], mapping=mapping, instruments=extra, **read_options)
        parts.append(s)
        sessions = s.frame
        if fu is not None:
            parts.append(fu)
            followups = fu.frame
    tables = {}
    for t in ("clients", "reflections"):
        if files.get(t):
            parts.append(_read_table(files[t], t, roster))
            tables[t] = parts[-1].frame
        else:
            tables[t] = _empty(t)
    found = [p.identifiers for p in parts if p.identifiers is not None]
    privacy = PrivacyCheck(meta.anonymisation.status, meta.anonymisation.method,
                           pd.concat(found, ignore_index=True) if found else PrivacyCheck.empty(), allow_identifiers)
    if len(privacy.findings) and not allow_identifiers:
        raise IdentifiableDataError(privacy)
    if len(privacy.findings):
        warnings.warn(f"{privacy.rows} rows of free text hold identifiers (loaded because allow_identifiers=True); "
                      "see Dataset.privacy", DataQualityWarning, stacklevel=2)

    present = {}
    for inst in insts:
        if any(c in sessions.columns for c in [*inst.item_columns, *inst.scale_columns]):
            sessions = score(sessions, inst)
            present[inst.id] = inst
    quarantine = pd.concat([p.quarantine for p in parts], ignore_index=True) if parts else pd.DataFrame()
    issues = pd.concat([p.issues for p in parts], ignore_index=True) if parts else pd.DataFrame(
        columns=["source", "table", "row", "column", "rule"])
    report = LoadReport([p.report for p in parts], issues)
    return Dataset(sessions, tables["clients"], tables["reflections"], followups, quarantine, report, meta,
                   present, path, privacy)
