"""Tables: scanning and anonymising the free-text columns of a DataFrame, and suppressing small cells."""

from __future__ import annotations

from collections.abc import Iterable

import numpy as np
import pandas as pd

from .detect import find_identifiers
from .lexicon import _roster, load_lexicon
from .replacing import Pseudonymiser, anonymise


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
