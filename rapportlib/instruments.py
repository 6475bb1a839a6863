"""Questionnaire definitions and scoring.

Instruments are data: one YAML file each in ``data/instruments/`` (facts only,
no item wording), validated by :class:`rapportlib.schema.Instrument`. Users add
their own with :func:`load_instrument`.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

import numpy as np
import pandas as pd

from ._resources import bundled
from .errors import DataError
from .schema import Instrument, read_model

__all__ = [
    "Instrument",
    "get_instrument",
    "instrument_for",
    "list_instruments",
    "load_instrument",
    "reliability",
    "scale_scores",
    "score",
]


def load_instrument(path: str | Path) -> Instrument:
    """Read and validate a user-written instrument file (YAML or TOML)."""
    return read_model(path, Instrument)


@cache
def _shipped() -> dict[str, Instrument]:
    found = {}
    for path in sorted(bundled("data", "instruments").glob("*.yaml")):
        inst = load_instrument(path)
        if inst.id != path.stem:
            raise DataError(f"declares id {inst.id!r}; the file must be named {inst.id}.yaml",
                            file=path.name, column="id", rule="file name matches id")
        found[inst.id] = inst
    return found


def list_instruments() -> dict[str, Instrument]:
    """The instruments that ship with rapportlib, by id."""
    return dict(_shipped())


def get_instrument(instrument: str | Path | Instrument) -> Instrument:
    """An :class:`Instrument` from a shipped id, a file path, or an instrument itself."""
    if isinstance(instrument, Instrument):
        return instrument
    shipped = _shipped()
    if isinstance(instrument, str) and instrument in shipped:
        return shipped[instrument]
    path = Path(instrument)
    if path.suffix.lower() in {".yaml", ".yml", ".toml"}:
        return load_instrument(path)
    raise DataError(f"unknown instrument {str(instrument)!r}; shipped instruments are "
                    + ", ".join(sorted(shipped)) + ", or give the path of your own instrument file",
                    rule="instrument")


def instrument_for(column: str,
                   instruments: dict[str, Instrument] | None = None) -> tuple[Instrument, str | None] | None:
    """The instrument a score column belongs to, and the scale when the column is a scale score.

    ``ors_total`` -> (ORS, ``"total"``); ``ors_2`` -> (ORS, None); unknown columns -> None. ``instruments``
    (for example ``dataset.instruments``) are searched first, then the shipped ones; the longest
    matching id wins, so ``wai_srt_total`` is the therapist form and not ``wai_sr``.
    """
    for pool in (instruments or {}, _shipped()):
        matches = [i for i in pool.values() if column == i.id or column.startswith(i.id + "_")]
        if matches:
            inst = max(matches, key=lambda i: len(i.id))
            scale = column[len(inst.id) + 1:]
            return inst, (scale if scale in inst.scales else None)
    return None


def _item_matrix(frame: pd.DataFrame, inst: Instrument) -> np.ndarray | None:
    """Items as a matrix (NaN where missing, reverse keys applied); None if no item column exists."""
    items = _item_arrays(frame, inst)
    if not items:
        return None
    x = np.full((len(frame), inst.items), np.nan)
    for n, v in items.items():
        x[:, n - 1] = v
    return x


def _item_arrays(frame: pd.DataFrame, inst: Instrument) -> dict[int, np.ndarray]:
    """Each present item column as floats with reverse keys applied (NaN where missing)."""
    out = {}
    for n in range(1, inst.items + 1):
        c = inst.item_column(n)
        if c in frame.columns:
            col = frame[c]
            if col.dtype == "float64":
                v = col.to_numpy()                 # a view: NaN already marks missing
            else:
                v = pd.to_numeric(col, errors="coerce").to_numpy(dtype=float, na_value=np.nan)
            if n in inst.reverse_keyed:
                v = inst.response.min + inst.response.max - v
            out[n] = v
    return out


def scale_scores(frame: pd.DataFrame, inst: Instrument) -> dict[str, tuple[np.ndarray, np.ndarray]]:
    """Score every scale from the items alone.

    Returns ``{scale: (score, n_missing)}``. A scale is missing when more than
    its ``max_missing`` items are; with fewer missing, a mean scale is the mean
    of the items present and a sum scale is prorated (that mean times the
    number of items). Empty when the frame has none of the item columns.
    """
    items = _item_arrays(frame, inst)
    if not items:
        return {}
    present = {n: ~np.isnan(v) for n, v in items.items()}
    out = {}
    for name, scale in inst.scales.items():
        members = inst.scale_items(name)
        total = np.zeros(len(frame))
        n_present = np.zeros(len(frame), dtype=np.int16)
        for n in members:
            if n in items:
                np.add(total, items[n], out=total, where=present[n])
                n_present += present[n]
        n_missing = len(members) - n_present
        with np.errstate(invalid="ignore", divide="ignore"):
            mean = total / n_present
        value = mean if scale.method == "mean" else np.where(n_missing == 0, total, mean * len(members))
        if scale.method == "sum" and not float(inst.response.step).is_integer():
            value = np.round(value, 6)          # sums of 0.1 marks: no 35.500000000000004
        ok = (n_missing <= scale.max_missing) & (n_present > 0)
        out[name] = (np.where(ok, value, np.nan), n_missing)
    return out


def score(sessions: pd.DataFrame, instrument: str | Path | Instrument) -> pd.DataFrame:
    """Add the instrument's scale columns (e.g. ``wai_sr_task`` … ``wai_sr_total``).

    Scores computed from items take precedence; where the items cannot give a
    score (absent, or too many missing) a score entered in the file is kept,
    if the instrument allows entering scale scores directly.
    """
    inst = get_instrument(instrument)
    out = sessions.copy(deep=False)
    for name, (value, _) in scale_scores(sessions, inst).items():
        col = inst.scale_column(name)
        if col in out.columns and inst.total_entry:
            entered = pd.to_numeric(out[col], errors="coerce").to_numpy(dtype=float, na_value=np.nan)
            value = np.where(np.isnan(value), entered, value)
        out[col] = value
    return out


def reliability(sessions: pd.DataFrame, instrument: str | Path | Instrument, *,
                by: str | None = None) -> pd.DataFrame:
    """Cronbach's alpha with its 95% confidence interval, per scale (and per ``by`` group).

    Computed by pingouin (``cronbach_alpha``, listwise deletion) on the items
    with reverse keys applied. Rows are client-sessions: with repeated sessions
    they are not independent, so pass ``by="session"`` for one estimate per
    occasion. McDonald's omega is not given: no maintained Python library
    computes it (see the README).
    """
    import pingouin as pg

    inst = get_instrument(instrument)
    x = _item_matrix(sessions, inst)
    if x is None:
        raise DataError(f"none of the {inst.id} item columns ({inst.item_columns[0]} …) are in the table",
                        rule="items present")
    groups = [(None, np.ones(len(sessions), bool))] if by is None else [
        (g, (sessions[by] == g).to_numpy(dtype=bool, na_value=False))
        for g in sorted(sessions[by].dropna().unique())]
    rows = []
    for g, mask in groups:
        for name in inst.scales:
            idx = [n - 1 for n in inst.scale_items(name)]
            items = pd.DataFrame(x[np.ix_(mask, idx)], columns=[inst.item_column(n + 1) for n in idx])
            complete = int(items.notna().all(axis=1).sum())
            alpha, lo, hi = np.nan, np.nan, np.nan
            if complete >= 3 and len(idx) >= 2:
                a, ci = pg.cronbach_alpha(data=items, nan_policy="listwise")
                alpha, (lo, hi) = float(a), map(float, ci)
            row = {"instrument": inst.id, "scale": name, "items": len(idx), "n": complete,
                   "alpha": alpha, "ci_low": lo, "ci_high": hi}
            rows.append(row if by is None else {by: g, **row})
    return pd.DataFrame(rows)
