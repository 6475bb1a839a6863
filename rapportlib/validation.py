"""Checking a table's cells against its column schema and the instruments.

:func:`check` converts every known column to its type and lists each broken
rule as an issue (record, column, rule). It never looks at what a text cell
says and never puts a value into a rule.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

import numpy as np
import pandas as pd

from ._resources import bundled
from .instruments import scale_scores
from .readers import blank_cells
from .schema import ColumnSpec, Instrument, TableSchema, read_model

TRUE = {"true", "yes", "y", "t", "1", "1.0", "si", "sí", "ja", "oui"}
FALSE = {"false", "no", "n", "f", "0", "0.0", "nein", "non"}


@cache
def table_schemas() -> dict[str, TableSchema]:
    """The column schemas of sessions, clients and reflections (``data/schema/tables.yaml``)."""
    path = bundled("data", "schema", "tables.yaml")
    from .schema import read_mapping_file
    return {name: read_model(path, TableSchema, data=spec) for name, spec in read_mapping_file(path).items()}


def instrument_specs(instruments: list[Instrument]) -> dict[str, tuple[ColumnSpec, str]]:
    """Column specs for every item and scale column of the instruments, with the rule's wording."""
    specs = {}
    for inst in instruments:
        r = inst.response
        for c in inst.item_columns:
            specs[c] = (ColumnSpec(type="number", min=r.min, max=r.max, step=r.step), f"{inst.id} item")
        for s in inst.scales:
            lo, hi = inst.scale_range(s)
            specs[inst.scale_column(s)] = (ColumnSpec(type="number", min=lo, max=hi), f"{inst.id} {s} score")
    return specs


@dataclass
class Checked:
    frame: pd.DataFrame        # typed values; cells that broke a rule are missing
    issues: pd.DataFrame       # record (position in frame), column, rule, ref (related record or -1)
    unchecked: list[str]       # columns no schema or instrument defines


class _Issues:
    def __init__(self):
        self.parts: list[pd.DataFrame] = []

    def add(self, mask, column: str, rule: str | np.ndarray, ref: np.ndarray | None = None):
        """Record ``rule`` for every record in ``mask``. ``ref`` names a related record
        (the rule then holds ``{ref}``, replaced by that record's row number)."""
        idx = np.flatnonzero(np.asarray(mask, dtype=bool))
        if len(idx):
            rules = rule[idx] if isinstance(rule, np.ndarray) else rule
            refs = ref[idx] if ref is not None else -1
            self.parts.append(pd.DataFrame({"record": idx, "column": column, "rule": rules, "ref": refs}))

    def frame(self) -> pd.DataFrame:
        if not self.parts:
            return pd.DataFrame({"record": pd.Series([], dtype="int64"), "column": pd.Series([], dtype="str"),
                                 "rule": pd.Series([], dtype="str"), "ref": pd.Series([], dtype="int64")})
        out = pd.concat(self.parts, ignore_index=True)
        return out.astype({"column": "str", "rule": "str"})


def _as_text(s: pd.Series) -> pd.Series:
    """Strings with surrounding space removed and empty cells missing."""
    import pyarrow as pa
    import pyarrow.compute as pc

    if pd.api.types.is_float_dtype(s.dtype):
        whole = s.notna() & (s % 1 == 0) & (s.abs() < 2.0**53)
        t = s.astype("str").where(~whole, s.where(whole).astype("Int64").astype("str"))
        return t.where(s.notna())
    if s.dtype != "str":
        s = s.astype("str")
    arr = pc.utf8_trim_whitespace(pa.array(s, from_pandas=True, type=pa.large_string()))
    arr = pc.if_else(pc.equal(arr, ""), pa.scalar(None, pa.large_string()), arr)
    if isinstance(arr, pa.ChunkedArray):
        arr = arr.combine_chunks()
    return pd.Series(pd.arrays.ArrowStringArray(arr, dtype=pd.StringDtype("pyarrow", na_value=np.nan)),
                     index=s.index)


def _number(s: pd.Series, spec: ColumnSpec, col: str, what: str, issues: _Issues) -> pd.Series:
    if pd.api.types.is_numeric_dtype(s.dtype) and not pd.api.types.is_bool_dtype(s.dtype):
        num = s if s.dtype == "float64" else s.astype("float64")
    else:
        t = _as_text(s).where(~blank_cells(s))
        num = pd.to_numeric(t, errors="coerce")
        comma = num.isna() & t.notna() & t.str.fullmatch(r"[+-]?\d+,\d+").fillna(False).astype(bool)
        if comma.any():                       # decimal comma, as European spreadsheets write it
            num = num.where(~comma, pd.to_numeric(t.where(comma).str.replace(",", ".", regex=False),
                                                  errors="coerce"))
        num = num.astype("float64")
        issues.add(t.notna() & num.isna(), col, "not a number")
    v = num.to_numpy(dtype=float, na_value=np.nan)
    rng = f" ({what} range {_fmt(spec.min)}-{_fmt(spec.max)})" if what and spec.min is not None else ""
    bad = np.zeros(len(v), bool)
    if spec.min is not None:
        low = v < spec.min
        issues.add(low, col, f"below the allowed minimum {_fmt(spec.min)}{rng}")
        bad |= low
    if spec.max is not None:
        high = v > spec.max
        issues.add(high, col, f"above the allowed maximum {_fmt(spec.max)}{rng}")
        bad |= high
    if spec.min is None or spec.max is None:
        huge = np.abs(v) > 2.0**53             # beyond exact integers: a typo, never a score
        issues.add(huge & ~bad, col, "too large")
        bad |= huge
    if spec.step:
        q = v / spec.step
        off = (np.abs(q - np.rint(q)) > 1e-6) & ~bad
        issues.add(off & ~bad, col, "not a whole number" if spec.step == 1 else
                   f"not a multiple of {_fmt(spec.step)}{rng}")
        bad |= off
    return num.where(~bad) if bad.any() else num


def _fmt(x: float | None) -> str:
    return "" if x is None else (str(int(x)) if float(x).is_integer() else str(x))


def _dates(s: pd.Series, col: str, issues: _Issues, *, date_only: bool) -> pd.Series:
    if pd.api.types.is_datetime64_any_dtype(s.dtype):
        out = s
    else:
        t = _as_text(s)
        if date_only:                                  # the common case, parsed in bulk by pyarrow
            import pyarrow as pa
            import pyarrow.compute as pc
            fast = pc.strptime(pa.array(t, from_pandas=True, type=pa.string()), format="%Y-%m-%d", unit="s",
                               error_is_null=True)
            out = pd.Series(fast.to_numpy(zero_copy_only=False), index=s.index)
        else:
            out = pd.Series(pd.NaT, index=s.index, dtype="datetime64[ns]")
        rest = t.notna() & out.isna()
        if rest.any():
            slow = pd.to_datetime(t[rest], format="ISO8601", errors="coerce", utc=True).dt.tz_convert(None)
            out = out.astype("datetime64[us]")
            out[rest] = slow.astype("datetime64[us]")
        issues.add(t.notna() & out.isna(), col,
                   "not a date written YYYY-MM-DD" if date_only else "not an ISO 8601 date-time")
    if getattr(out.dt, "tz", None) is not None:
        out = out.dt.tz_convert(None)
    v = out.to_numpy()
    odd = ~np.isnat(v) & ((v < np.datetime64("1900-01-01")) | (v >= np.datetime64("2101-01-01")))
    issues.add(odd, col, "not a plausible date (year before 1900 or after 2100)")
    out = pd.Series(np.where(odd, np.datetime64("NaT"), v), index=s.index).astype("datetime64[ns]")
    return out.dt.normalize() if date_only else out


def _boolean(s: pd.Series, col: str, issues: _Issues) -> pd.Series:
    if pd.api.types.is_bool_dtype(s.dtype):
        return s.astype("boolean")
    t = _as_text(s).str.lower()
    out = pd.Series(pd.NA, index=s.index, dtype="boolean")
    out[t.isin(TRUE).to_numpy(dtype=bool)] = True
    out[t.isin(FALSE).to_numpy(dtype=bool)] = False
    issues.add(t.notna() & out.isna(), col, "not yes/no (true/false)")
    return out


def _category(s: pd.Series, spec: ColumnSpec, col: str, issues: _Issues) -> pd.Series:
    t = _as_text(s).str.lower()
    ok = t.isin(spec.values)
    issues.add(t.notna() & ~ok, col, "not one of: " + ", ".join(spec.values))
    return t.where(ok)


def _list(s: pd.Series, spec: ColumnSpec, col: str, issues: _Issues) -> pd.Series:
    import json

    def parse(v):
        if isinstance(v, (list, tuple, np.ndarray)):
            items = [str(x).strip() for x in v]
        elif v is None or (isinstance(v, float) and np.isnan(v)) or v is pd.NA:
            return []
        else:
            v = str(v).strip()
            if v.startswith("["):
                try:
                    items = [str(x).strip() for x in json.loads(v)]
                except (ValueError, TypeError):
                    return None
            else:
                items = [x.strip() for x in v.split(";")]
        items = [x for x in items if x]
        return items if not spec.values or all(x in spec.values for x in items) else None

    out = s.map(parse).astype(object)
    bad = out.isna().to_numpy()
    issues.add(bad, col, "not a list of items separated by ';'" if not spec.values
               else "has an item that is not one of: " + ", ".join(spec.values))
    return out.where(~bad, pd.Series([[] for _ in range(len(out))], index=out.index, dtype=object))


def coerce(s: pd.Series, spec: ColumnSpec, col: str, issues: _Issues, what: str = "") -> pd.Series:
    """Convert one column to its type, recording each broken rule."""
    t = spec.type
    if t in ("string", "text"):
        out = _as_text(s) if t == "string" else s.astype("str").where(s.notna())
        if t == "string" and out.str.contains(".", regex=False).any():   # ids written by numeric tools:
            out = out.str.replace(r"^(\d+)\.0+$", r"\1", regex=True)                # "12.0" means "12"
        return out
    if t in ("integer", "number"):
        num = _number(s, spec if t == "number" else spec.model_copy(update={"step": 1}), col, what, issues)
        return num.round().astype("Int64") if t == "integer" else num
    if t in ("date", "datetime"):
        return _dates(s, col, issues, date_only=t == "date")
    if t == "boolean":
        return _boolean(s, col, issues)
    if t == "category":
        return _category(s, spec, col, issues)
    return _list(s, spec, col, issues)


def check(frame: pd.DataFrame, schema: TableSchema, instruments: list[Instrument] = (),
          extra_specs: dict[str, ColumnSpec] | None = None) -> Checked:
    """Type and check every column; find duplicate keys and, for sessions, dates out of order."""
    issues = _Issues()
    specs = {c: (sp, "") for c, sp in schema.columns.items()}
    specs.update({c: (sp, "") for c, sp in (extra_specs or {}).items()})
    specs.update(instrument_specs(list(instruments)))
    frame = frame.reset_index(drop=True)
    typed = frame.copy(deep=False)           # columns that need no change are shared, not copied
    unchecked = []
    for col in frame.columns:
        s = frame[col]
        if col in specs:
            spec, what = specs[col]
            new = coerce(s, spec, col, issues, what)
        else:
            unchecked.append(col)
            if pd.api.types.is_numeric_dtype(s):
                new = s
            else:                                   # numbers if every value is one, else trimmed text
                text = _as_text(s)
                num = pd.to_numeric(text, errors="coerce")
                new = num if (num.notna() == text.notna()).all() else text
        if new is not s:
            typed[col] = new

    for col, spec in schema.columns.items():
        if spec.required:
            if col not in typed.columns:
                continue            # the loader checks required columns before this
            issues.add(typed[col].isna() & frame[col].isna(), col,
                       "required value missing")
    for inst in instruments:
        _check_scale_scores(typed, inst, issues)
    _check_duplicates(frame, typed, schema.key, issues)
    if "session" in schema.key and "date" in typed.columns:
        _check_session_order(typed, issues)
    return Checked(typed, issues.frame(), unchecked)


def _check_scale_scores(typed: pd.DataFrame, inst: Instrument, issues: _Issues) -> None:
    """An entered scale score must agree with its items when all items are there."""
    if not any(c in typed.columns for c in inst.scale_columns):
        return
    for name, (value, n_missing) in scale_scores(typed, inst).items():
        col = inst.scale_column(name)
        if col not in typed.columns:
            continue
        entered = typed[col].to_numpy(dtype=float, na_value=np.nan)
        step = inst.response.step
        tol = 0.051 if inst.scales[name].method == "mean" else max(0.051, step / 2)
        bad = (n_missing == 0) & ~np.isnan(entered) & (np.abs(entered - value) > tol)
        issues.add(bad, col, f"differs from the {inst.id} {name} score of its items")


def _check_duplicates(raw: pd.DataFrame, typed: pd.DataFrame, key: list[str], issues: _Issues) -> None:
    """Exact repeats of a record are flagged after the first; conflicting records sharing a key, all."""
    if not all(k in typed.columns for k in key):
        return
    keys = typed[key]
    dup = keys.duplicated(keep=False).to_numpy() & keys.notna().all(axis=1).to_numpy()
    if not dup.any():
        return
    pos = np.flatnonzero(dup)
    sub = raw.iloc[pos].astype("str").set_axis(pos)
    group = sub.groupby(list(sub.columns), sort=False, dropna=False).ngroup()
    first = pd.Series(pos, index=pos).groupby(group.to_numpy()).transform("min").to_numpy()
    exact = first != pos
    label = " + ".join(key)
    issues.add(_mask(len(typed), pos[exact]), label, "repeats row {ref} exactly",
               ref=_at(len(typed), pos[exact], first[exact]))
    rest = pos[~exact]
    rest = rest[keys.iloc[rest].duplicated(keep=False).to_numpy()]
    issues.add(_mask(len(typed), rest), label, "appears in another row with different values")


def _mask(n: int, idx: np.ndarray) -> np.ndarray:
    m = np.zeros(n, bool)
    m[idx] = True
    return m


def _at(n: int, idx: np.ndarray, values: np.ndarray) -> np.ndarray:
    out = np.full(n, -1, dtype=np.int64)
    out[idx] = values
    return out


def _check_session_order(typed: pd.DataFrame, issues: _Issues) -> None:
    d = typed[["client_id", "session", "date"]].dropna()
    if d.empty:
        return
    d = d.sort_values(["client_id", "session"], kind="stable")
    prev_date = d["date"].shift()
    prev_sess = d["session"].shift()
    same_client = d["client_id"].eq(d["client_id"].shift())
    bad = (same_client & (d["date"] < prev_date) & (d["session"] != prev_sess)).to_numpy(dtype=bool)
    if bad.any():
        idx = d.index.to_numpy()[bad]
        rule = np.empty(len(typed), dtype=object)
        rule[idx] = [f"session out of order: dated before session {int(p)}"
                     for p in prev_sess.to_numpy()[bad]]
        issues.add(_mask(len(typed), idx), "date", rule)
