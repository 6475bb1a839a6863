"""The therapeutic alliance session by session: rupture-repair episodes and rater discrepancies.

* :func:`ruptures` finds alliance ruptures and their repair in each client's own series, after
  Stiles et al. (2004) and Gumz et al. (2012).
* :func:`discrepancy` compares the clinician's rating of the alliance with the client's, per client
  or per clinician.

Both are vectorised over the whole table: one pass over sorted arrays, no loop over clients.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from .errors import DataError

__all__ = ["PAIRS", "RaterPair", "discrepancy", "rupture_agreement", "ruptures"]


# --------------------------------------------------------------------------- ruptures
def _sorted_series(sessions: pd.DataFrame, measure: str, id_col: str, session_col: str):
    from .change import _columns

    _columns(sessions, measure, id_col, session_col)
    v = pd.to_numeric(sessions[measure], errors="coerce").to_numpy(dtype=float, na_value=np.nan)
    s = pd.to_numeric(sessions[session_col], errors="coerce").to_numpy(dtype=float, na_value=np.nan)
    keep = ~np.isnan(v) & ~np.isnan(s) & sessions[id_col].notna().to_numpy()
    codes, clients = pd.factorize(sessions[id_col].to_numpy()[keep], sort=True)
    v, s = v[keep], s[keep]
    order = np.lexsort((s, codes))
    codes, s, v = codes[order], s[order], v[order]
    if len(s) > 1 and np.any((codes[1:] == codes[:-1]) & (s[1:] == s[:-1])):
        raise DataError(f"a client has more than one {measure!r} score at the same session; "
                        "load the table with rapportlib.load() to quarantine duplicates",
                        column=session_col, rule="one score per client and session")
    return codes, np.asarray(clients), s, v


def _drop_threshold(measure: str, instruments=None) -> float | None:
    """The ``drop`` alert threshold of the instrument scale stored in column ``measure``, if any."""
    from .instruments import instrument_for

    inst, scale = instrument_for(measure, instruments) or (None, None)
    drops = [r.drop for r in (inst.alerts if inst else []) if r.scale == scale and r.drop is not None]
    return float(drops[0]) if drops else None


def _shift(a: np.ndarray, k: int, fill=np.nan) -> np.ndarray:
    """a[i - k] at position i (k > 0 looks back, k < 0 looks ahead)."""
    out = np.full(a.shape, fill, dtype=np.result_type(a.dtype, type(fill)))
    if k > 0:
        out[k:] = a[:-k]
    elif k < 0:
        out[:k] = a[-k:]
    else:
        out[:] = a
    return out


def ruptures(sessions: pd.DataFrame, measure: str = "srs_total", method: str = "sd", threshold: float = 2.0, *,
             window: int = 3, decline_sessions: int = 3, repair_tolerance: float = 0.5, min_size: float | None = None,
             min_sessions: int = 4, id_col: str = "client_id", session_col: str = "session",
             instruments=None) -> pd.DataFrame:
    """Alliance rupture-repair episodes in session-by-session ratings (higher = better alliance).

    After Stiles et al. (2004) and Gumz et al. (2012), in units of each client's own variability:
    with ``SD`` the standard deviation of the client's whole series (at least ``min_sessions``
    ratings),

    * a **rupture** is a fall from one rating to the client's next rating of more than
      ``threshold * SD`` (the strict criterion is 2 SD, the looser one ``threshold=1``) and of at
      least ``min_size`` scale points;
    * it is **repaired** when, within ``window`` sessions of the low point, the rating comes back to
      the pre-drop level (less ``repair_tolerance * SD`` for measurement noise; 0 demands the exact
      level);
    * patterns: ``"v"`` (sudden fall, repaired), ``"unrepaired"`` (sudden fall, not back within the
      window) and ``"decline_repair"`` (a decline over 2 to ``decline_sessions`` steps, none of them a
      rupture on its own but together more than ``threshold * SD``, followed by a sudden rise of more
      than ``threshold * SD`` back to the pre-decline level within the window). A slow decline
      without a sudden repair is a trend, not a rupture-repair episode, and is left to the alerts.

    ``min_size`` is a floor in scale points: a client who rates the alliance almost identically every
    week has a tiny SD, and a fall of a point or two would otherwise count as a rupture. It defaults
    to the ``drop`` alert threshold of the instrument defining ``measure`` (3 points for the SRS
    total; see the instrument file) and to 0 where there is none.

    Sessions a client missed are skipped: "next rating" is the next session with a rating.

    The client's SD includes the rupture itself, as in the published method. A fall that lasts (an
    unrepaired rupture early in a series) raises that SD, so the strict 2 SD criterion can miss it;
    use ``threshold=1`` for screening and read both. On the demo data, against its planted ruptures:
    2 SD finds 15 of 16 with 5 other events, 1 SD finds 15 of 16 with 10 others (see
    ``benchmarks/run.py`` and the alliance-trends notebook).

    Returns one row per episode: ``client_id``, ``pre_session`` (last rating before the fall, or
    the start of the decline), ``drop_session`` (the low point), ``pre_score``, ``drop_score``,
    ``size`` (points), ``size_sd`` (in the client's SDs), ``repaired_session`` (``<NA>`` if not
    repaired), ``pattern`` and ``window_complete`` (False when the series ends before the repair
    window closes, so "unrepaired" may still change).
    """
    if method != "sd":
        raise ValueError("method must be 'sd' (drops in SD units of the client's own series)")
    if threshold <= 0 or window < 1 or decline_sessions < 1:
        raise ValueError("threshold must be positive; window and decline_sessions at least 1")
    if min_size is None:
        min_size = _drop_threshold(measure, instruments) or 0.0
    codes, clients, s, v = _sorted_series(sessions, measure, id_col, session_col)
    n = len(v)
    columns = [id_col, "pre_session", "drop_session", "pre_score", "drop_score", "size", "size_sd",
               "repaired_session", "pattern", "window_complete"]
    if n == 0:
        return _empty_events(columns, id_col)
    # per-client SD of the series (ddof=1), broadcast to rows
    counts = np.bincount(codes)
    sums = np.bincount(codes, v)
    mean = sums / counts
    ss = np.bincount(codes, (v - mean[codes]) ** 2)
    with np.errstate(invalid="ignore", divide="ignore"):
        sd_client = np.sqrt(ss / (counts - 1))
    sd = sd_client[codes]
    eligible = (counts[codes] >= min_sessions) & (sd > 0)
    limit = threshold * sd
    floor = min_size - 1e-9                           # "at least min_size", with room for float rounding

    def exceeds(x, lim):                              # a change that counts: > threshold SDs and >= the floor
        with np.errstate(invalid="ignore"):
            return (x > lim) & (x >= floor)

    def same(k):          # row i - k belongs to the same client as row i
        c = _shift(codes, k, -1)
        return c == codes

    prev, nxt = _shift(v, 1), _shift(v, -1)
    step = prev - v                                   # fall from the previous rating
    big_fall = same(1) & exceeds(step, limit)
    rise = np.where(same(-1), nxt - v, np.nan)
    local_min = ~(same(-1) & (nxt < v))               # the next rating (if any) is not lower

    # decline over k = decline_sessions .. 2 steps; the longest qualifying decline wins
    decline_pre = np.full(n, -1)
    if decline_sessions >= 2:
        for k in range(decline_sessions, 1, -1):
            ok = same(k) & local_min & eligible & (decline_pre < 0)
            for m in range(k):                        # each step a fall, none a rupture by itself
                st = _shift(step, m)
                ok &= (st > 0) & ~exceeds(st, _shift(limit, m))
            start = _shift(v, k)
            ok &= exceeds(start - v, limit)
            decline_pre[ok] = np.flatnonzero(ok) - k
    sudden_rise = exceeds(rise, limit)
    is_decline = (decline_pre >= 0) & sudden_rise & ~big_fall
    is_sudden = big_fall & eligible

    drop_idx = np.flatnonzero(is_sudden | is_decline)
    pre_idx = np.where(is_decline[drop_idx], decline_pre[drop_idx], drop_idx - 1)
    level = v[pre_idx] - repair_tolerance * sd[drop_idx]
    repaired = np.full(len(drop_idx), -1)
    for o in range(1, window + 1):
        j = drop_idx + o
        inside = j < n
        jj = np.where(inside, j, 0)
        inside &= (codes[jj] == codes[drop_idx]) & (s[jj] - s[drop_idx] <= window)
        hit = inside & (repaired < 0) & (v[jj] >= level)
        repaired[hit] = jj[hit]
    # a decline counts only with its sudden rise back to the pre-decline level
    dec = is_decline[drop_idx]
    keep = ~dec | (repaired == drop_idx + 1)
    drop_idx, pre_idx, repaired, dec = (a[keep] for a in (drop_idx, pre_idx, repaired, dec))
    # the window is complete when the client has a session at or beyond its end
    last_session = s[np.r_[np.flatnonzero(codes[1:] != codes[:-1]), n - 1]][codes[drop_idx]]
    complete = (repaired >= 0) | (last_session - s[drop_idx] >= window)

    pattern = np.where(dec, "decline_repair", np.where(repaired >= 0, "v", "unrepaired"))
    size = v[pre_idx] - v[drop_idx]
    rep_session = pd.array(np.where(repaired >= 0, s[np.maximum(repaired, 0)], 0).astype(np.int64), dtype="Int64")
    rep_session[repaired < 0] = pd.NA
    out = pd.DataFrame({
        id_col: pd.array(clients[codes[drop_idx]].astype(str), dtype="str"),
        "pre_session": pd.array(s[pre_idx].astype(np.int64), dtype="Int64"),
        "drop_session": pd.array(s[drop_idx].astype(np.int64), dtype="Int64"),
        "pre_score": v[pre_idx], "drop_score": v[drop_idx], "size": size,
        "size_sd": size / sd[drop_idx],
        "repaired_session": rep_session,
        "pattern": pd.array(pattern, dtype="str"),
        "window_complete": complete,
    })
    return out[columns]


def _empty_events(columns, id_col):
    return pd.DataFrame({id_col: pd.array([], dtype="str"), "pre_session": pd.array([], dtype="Int64"),
                         "drop_session": pd.array([], dtype="Int64"), "pre_score": [], "drop_score": [],
                         "size": [], "size_sd": [], "repaired_session": pd.array([], dtype="Int64"),
                         "pattern": pd.array([], dtype="str"), "window_complete": np.array([], bool)})[columns]


# --------------------------------------------------------------------------- rater discrepancy
@dataclass(frozen=True)
class RaterPair:
    """A clinician-rated and a client-rated alliance score put on one scale.

    ``clinician`` and ``client`` are column names; a column is looked up in the sessions table, then
    in the reflections table (joined on client and session). Each is multiplied by its ``*_scale``
    factor first, so that, for example, the clinician's 0-10 rating meets the SRS total / 4.
    """

    name: str
    clinician: str
    client: str
    clinician_scale: float = 1.0
    client_scale: float = 1.0
    unit: str = ""


PAIRS = (
    RaterPair("WAI-SR: therapist form vs client form", "wai_srt_total", "wai_sr_total", unit="item mean, 1-5"),
    RaterPair("Clinician's 0-10 rating vs SRS total / 4", "clinician_alliance", "srs_total",
              client_scale=0.25, unit="0-10"),
)


def _pair_frame(sessions: pd.DataFrame, reflections: pd.DataFrame | None, pair: RaterPair,
                id_col: str, session_col: str) -> pd.DataFrame | None:
    keys = [id_col, session_col]
    base = sessions
    need = [c for c in (pair.clinician, pair.client) if c not in sessions.columns]
    if need:
        if reflections is None or any(c not in reflections.columns for c in need):
            return None
        extra = reflections[keys + need].dropna(subset=need, how="all")
        extra = extra.drop_duplicates(keys, keep="last")
        base = sessions.merge(extra, on=keys, how="inner")
    cols = keys + ([ "clinician_id"] if "clinician_id" in base.columns else [])
    out = base[cols].copy()
    out["clinician_rating"] = pd.to_numeric(base[pair.clinician], errors="coerce").astype(float) * pair.clinician_scale
    out["client_rating"] = pd.to_numeric(base[pair.client], errors="coerce").astype(float) * pair.client_scale
    out = out.dropna(subset=["clinician_rating", "client_rating"])
    return out


def discrepancy(data, by: str = "client", *, reflections: pd.DataFrame | None = None, pairs=PAIRS,
                id_col: str = "client_id", session_col: str = "session") -> pd.DataFrame:
    """Clinician-rated versus client-rated alliance, per client or per clinician.

    ``data`` is a :class:`~rapportlib.Dataset` or a sessions table (then pass ``reflections=`` for
    ratings kept with the reflections). For each rater pair in ``pairs`` (see :data:`PAIRS`),
    every session with both ratings gives a gap = clinician - client on a common scale; ``gap_sd``
    is that gap in standard deviations of the client ratings across the whole table, so pairs on
    different scales compare. Positive: the clinician sees the alliance as stronger than the client
    does.

    ``by="client"`` (one row per client and pair, with the client's clinician), ``"clinician"``
    (one row per clinician and pair) or ``"session"`` (every matched session).
    """
    if by not in ("client", "clinician", "session"):
        raise ValueError("by must be 'client', 'clinician' or 'session'")
    sessions = getattr(data, "sessions", data)
    if reflections is None:
        reflections = getattr(data, "reflections", None)
    frames = []
    for pair in pairs:
        f = _pair_frame(sessions, reflections, pair, id_col, session_col)
        if f is None or f.empty:
            continue
        sd = float(f["client_rating"].std(ddof=1)) if len(f) > 1 else np.nan
        f["pair"] = pair.name
        f["unit"] = pair.unit
        f["gap"] = f["clinician_rating"] - f["client_rating"]
        f["gap_sd"] = f["gap"] / sd if sd and sd > 0 else np.nan
        frames.append(f)
    cols_by = {"client": [id_col, "clinician_id"], "clinician": ["clinician_id"]}
    if not frames:
        keys = cols_by.get(by, [id_col, session_col])
        return pd.DataFrame(columns=[*keys, "pair", "unit", "n", "clinician_mean", "client_mean", "gap", "gap_sd"])
    allf = pd.concat(frames, ignore_index=True)
    if by == "session":
        return allf
    keys = [k for k in cols_by[by] if k in allf.columns]
    if by == "clinician" and not keys:
        raise ValueError("per-clinician discrepancy needs a clinician_id column")
    g = allf.groupby([*keys, "pair", "unit"], sort=True, observed=True)
    out = g.agg(n=("gap", "size"), clinician_mean=("clinician_rating", "mean"),
                client_mean=("client_rating", "mean"), gap=("gap", "mean"), gap_sd=("gap_sd", "mean")).reset_index()
    return out


def rupture_agreement(found: pd.DataFrame, truth: pd.DataFrame, *, id_col: str = "client_id") -> dict:
    """Compare detected ruptures with known ones (for example the demo's ``truth_ruptures.csv``).

    An episode matches when client and ``drop_session`` agree. Returns counts (``found``, ``true``,
    ``matched``), ``precision`` and ``recall``, and among matches how many have the same ``pattern``
    and ``repaired_session``.
    """
    key = [id_col, "drop_session"]
    f = found[key + ["pattern", "repaired_session"]].astype({id_col: str, "drop_session": "Int64"})
    t = truth[key + ["pattern", "repaired_session"]].astype({id_col: str, "drop_session": "Int64",
                                                              "repaired_session": "Int64"})
    m = f.merge(t, on=key, suffixes=("", "_true"))
    same_rep = (m["repaired_session"].fillna(-1) == m["repaired_session_true"].fillna(-1))
    return {"found": len(f), "true": len(t), "matched": len(m),
            "precision": len(m) / len(f) if len(f) else float("nan"),
            "recall": len(m) / len(t) if len(t) else float("nan"),
            "same_pattern": int((m["pattern"] == m["pattern_true"]).sum()), "same_repair": int(same_rep.sum())}
