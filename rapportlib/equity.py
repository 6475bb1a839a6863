"""Equity in the numbers: whether alliance and outcomes differ across groups of clients.

Part of a supervisor's bias check. :func:`equity_audit` computes, for every client, how they rated the
alliance (level and trend), how their outcome changed, whether the alliance ruptured (and stayed
unrepaired), whether they stopped therapy early, and how far the clinician's alliance rating sat above
theirs; then, for every group of a client attribute (cultural background, interpreter, language match,
case type, gender, age band), it compares the group with everyone else, in the whole service and within
each clinician's caseload, and each clinician's caseload with the rest of the service.

The client is the unit: each client counts once in every comparison, however many sessions they had.
Group attributes are self-identified and used as given, never inferred; a client without a value is in
no group. Groups of fewer than ``threshold`` (11) clients are not shown, with secondary suppression
(:func:`rapportlib.privacy.suppress_small_cells`), so no small group can be worked out by subtraction.

Results are descriptions, not findings of bias: a difference says these clients' numbers differ, not
why. Each row carries a plain sentence that says how sure the difference is and never names a client.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from .alliance import PAIRS, discrepancy, ruptures
from .countertransference import _as_text, _bh  # one labelling and one Benjamini-Hochberg for the package
from .errors import DataError

__all__ = ["BY_DEFAULT", "METRICS", "TABLE_COLUMNS", "EquityAudit", "equity_audit"]

#: Client attributes compared by default (those present are used; ``language_match`` is derived).
BY_DEFAULT = ("cultural_background", "interpreter", "language_match", "case_type", "gender", "age_band")

#: The per-client metrics, in table order, and whether each is a mean or a proportion of clients.
METRICS: dict[str, str] = {
    "alliance_level": "mean",
    "alliance_trend": "mean",
    "outcome_change": "mean",
    "rupture_rate": "proportion",
    "unrepaired_rate": "proportion",
    "dropout": "proportion",
    "rating_gap": "mean",
}

TABLE_COLUMNS = ["scope", "clinician_id", "by", "group", "metric", "unit", "n", "estimate", "ci_low", "ci_high",
                 "others_n", "others_estimate", "others_ci_low", "others_ci_high", "difference", "diff_low",
                 "diff_high", "p", "q", "stands_out", "suppressed", "text"]

_NUMBERS = ["n", "estimate", "ci_low", "ci_high", "others_n", "others_estimate", "others_ci_low", "others_ci_high",
            "difference", "diff_low", "diff_high", "p", "q"]

_RUPTURE_MIN_SESSIONS = 4           # rapportlib.ruptures' default min_sessions: fewer ratings cannot show one


@dataclass(frozen=True, eq=False)
class EquityAudit:
    """Group comparisons of alliance and outcome metrics (see :func:`equity_audit`).

    ``table``: one row per scope, clinician, attribute (``by``), group and metric, columns
    :data:`TABLE_COLUMNS`; suppressed rows keep their labels, say ``"primary"`` or ``"secondary"`` in
    ``suppressed`` and have no numbers. ``threshold`` is the smallest group shown, ``level`` the
    confidence level, ``by`` the attributes compared and ``notes`` plain sentences: the definitions used,
    clients without a group value, metrics that could not be computed and why.
    """

    table: pd.DataFrame
    threshold: int
    level: float
    by: tuple[str, ...]
    notes: list[str] = field(default_factory=list)
    clinician_id: str | None = None
    false_discovery_rate: float = 0.05

    def findings(self, worth_a_look: bool = False) -> pd.DataFrame:
        """The rows that stand out (q below the false-discovery rate and a CI of the difference without 0);
        with ``worth_a_look`` also those whose CI excludes 0 but whose q does not pass (they may be chance).
        The ``strength`` column says which.

        Of a two-valued attribute's two rows (the same comparison seen from each side) the "true" side of
        a yes/no attribute is kept, otherwise the smaller group's."""
        t = self.table
        keys = ["scope", "clinician_id", "by", "metric"]
        block = t.groupby(keys, sort=False, dropna=False).ngroup().to_numpy()
        pair = np.bincount(block)[block] == 2
        stands = t["stands_out"].fillna(False).to_numpy(dtype=bool)
        excludes = ((t["diff_low"] > 0) | (t["diff_high"] < 0)).fillna(False).to_numpy(dtype=bool)
        hit = stands | (excludes & (t["suppressed"].fillna("") == "").to_numpy()) if worth_a_look else stands
        t = t.assign(strength=np.where(stands, "stands out", "worth a look"))
        # a yes/no attribute is read from its "yes" side (interpreter-mediated clients, not the others)
        size = t["n"][hit].astype("float64").where(t["group"][hit].astype("string").str.lower() != "true", -1.0)
        out = t[hit].assign(_pair=pair[hit], _block=block[hit], _n=size)
        out = out.sort_values(["_n"], kind="stable")
        mirrored = out["_pair"].to_numpy() & out["_block"].duplicated().to_numpy()
        return out[~mirrored].sort_index().drop(columns=["_pair", "_block", "_n"]).reset_index(drop=True)


# --------------------------------------------------------------------------- words
_BY_WORDS = {"cultural_background": "cultural background", "interpreter": "interpreter", "case_type": "case type",
             "age_band": "age band", "gender": "gender", "language_match": "language match",
             "preferred_language": "preferred language", "clinician": "clinician"}


def _by_words(by: str) -> str:
    return _BY_WORDS.get(by, by.replace("_", " "))


def _group_words(by: str, group: str) -> str:
    """'interpreter-mediated clients', 'clients with cultural background Tamil', "clin04's clients"."""
    if by == "clinician":
        return f"{group}'s clients"
    if by == "interpreter":
        return "interpreter-mediated clients" if group == "true" else "clients seen without an interpreter"
    if by == "language_match":
        return ("clients seen in their preferred language" if group == "true"
                else "clients not seen in their preferred language")
    value = {"true": "yes", "false": "no"}.get(group, group.replace("_", " "))
    return f"clients with {_by_words(by)} {value}"


def _scope_words(scope: str, clinician_id) -> str:
    return "in the service" if scope == "service" else f"among {clinician_id}'s clients"


def _units(measure: str, outcome: str | None, instruments) -> tuple[dict, dict, dict]:
    """(unit of each metric for the table, short unit for sentences, words for the metric)."""
    m_name, m_range = _instrument_words(measure, instruments)
    o_name = _instrument_words(outcome, instruments)[0] if outcome else "outcome"
    rng = f" ({m_range[0]:g}-{m_range[1]:g})" if m_range else ""
    unit = {
        "alliance_level": f"{m_name} points{rng}",
        "alliance_trend": f"{m_name} points per session",
        "outcome_change": f"{o_name} points, last minus first (positive = improvement)",
        "rupture_rate": "proportion of clients (0-1)",
        "unrepaired_rate": "proportion of clients (0-1)",
        "dropout": "proportion of therapy clients (0-1)",
        "rating_gap": "SD of client ratings, clinician minus client",
    }
    short = {"alliance_level": "points", "alliance_trend": "points per session", "outcome_change": "points",
             "rupture_rate": "%", "unrepaired_rate": "%", "dropout": "%", "rating_gap": "SD"}
    words = {
        "alliance_level": f"mean client-rated alliance ({m_name})",
        "alliance_trend": f"change in client-rated alliance per session ({m_name})",
        "outcome_change": f"outcome change from first to last {o_name} (positive = improvement)",
        "rupture_rate": "share of clients with an alliance rupture",
        "unrepaired_rate": "share of clients with an unrepaired rupture",
        "dropout": "share of therapy clients who stopped early",
        "rating_gap": "clinician-over-client alliance rating gap",
    }
    return unit, short, words


def _instrument_words(column: str, instruments) -> tuple[str, tuple[float, float] | None]:
    """('SRS total', (0, 40)) for 'srs_total'; the column name and None for unknown columns."""
    from .instruments import instrument_for

    found = instrument_for(column, instruments)
    if found is None:
        return column, None
    inst, scale = found
    name = inst.id.upper().replace("_", "-") + (f" {scale}" if scale else "")
    return name, (inst.scale_range(scale) if scale else None)


# --------------------------------------------------------------------------- per-client metrics
def _labels(values: pd.Series) -> pd.Series:
    """Group labels as text (booleans as true/false, as the countertransference profile labels them); missing
    and blank as <NA>."""
    out = _as_text(values)
    return out.mask(out.str.strip().eq("").fillna(False))


def _language_match(clients: pd.DataFrame, reflections: pd.DataFrame | None) -> tuple[pd.Series, int]:
    """Whether each client's preferred language is the language most of their sessions were held in
    (``reflections.language``); <NA> when either is unknown or two languages tie. Also how many tied."""
    pref = _labels(clients["preferred_language"]).set_axis(clients["client_id"].astype("str"))
    if reflections is None or not {"client_id", "language"} <= set(reflections.columns):
        return pd.Series(pd.NA, index=pref.index, dtype="str"), 0
    r = reflections[["client_id", "language"]].dropna()
    r = r.assign(client_id=r["client_id"].astype("str"), language=r["language"].astype("str").str.strip())
    r = r[r["language"] != ""]
    counts = r.groupby(["client_id", "language"]).size().rename("k").reset_index()
    top = counts.groupby("client_id")["k"].transform("max")
    best = counts[counts["k"] == top]
    ties = best.groupby("client_id").size()
    majority = best.drop_duplicates("client_id").set_index("client_id")["language"]
    majority = majority[ties.reindex(majority.index) == 1]
    maj = majority.reindex(pref.index)
    match = pref.str.strip().str.casefold() == maj.str.casefold()
    out = match.map({True: "true", False: "false"}).astype("str")
    out[pref.isna().to_numpy() | maj.isna().to_numpy()] = pd.NA
    return out, int((ties > 1).sum())


def _client_metrics(sessions: pd.DataFrame, reflections, clients: pd.DataFrame, measure: str, outcome: str | None,
                    wanted: list[str], *, instruments, pairs, dropout_before: int, active_weeks: float,
                    notes: dict[str, str]) -> pd.DataFrame:
    """One row per client (index client_id), one column per metric; NaN where a client has no value."""
    cid = sessions["client_id"].astype("str")
    sess = pd.to_numeric(sessions["session"], errors="coerce").to_numpy(dtype=float, na_value=np.nan)
    out = {}

    # level and trend: one pass over sorted arrays
    v = pd.to_numeric(sessions[measure], errors="coerce").to_numpy(dtype=float, na_value=np.nan)
    ok = np.isfinite(v) & np.isfinite(sess) & cid.notna().to_numpy()
    codes, ids = pd.factorize(cid.to_numpy()[ok], sort=True)
    x, y = sess[ok], v[ok]
    k = np.bincount(codes, minlength=len(ids)).astype(float)
    mean_x = np.bincount(codes, x, len(ids)) / k
    mean_y = np.bincount(codes, y, len(ids)) / k
    dx = x - mean_x[codes]
    sxx = np.bincount(codes, dx * dx, len(ids))
    sxy = np.bincount(codes, dx * (y - mean_y[codes]), len(ids))
    with np.errstate(invalid="ignore", divide="ignore"):
        slope = np.where((k >= 3) & (sxx > 0), sxy / sxx, np.nan)
    ids = pd.Index(np.asarray(ids, dtype=object).astype(str))
    out["alliance_level"] = pd.Series(mean_y, index=ids)
    out["alliance_trend"] = pd.Series(slope, index=ids)
    n_ratings = pd.Series(k, index=ids)

    if "outcome_change" in wanted:
        out["outcome_change"] = _outcome_change(sessions, cid, sess, outcome, instruments, notes)
    if "rupture_rate" in wanted or "unrepaired_rate" in wanted:
        ev = ruptures(sessions, measure, instruments=instruments)
        eligible = n_ratings.index[n_ratings.to_numpy() >= _RUPTURE_MIN_SESSIONS]
        ruptured = set(ev["client_id"].astype("str"))
        unrep = set(ev.loc[(ev["pattern"] == "unrepaired").to_numpy() & ev["window_complete"].to_numpy(dtype=bool),
                           "client_id"].astype("str"))
        out["rupture_rate"] = pd.Series([float(c in ruptured) for c in eligible], index=eligible, dtype=float)
        out["unrepaired_rate"] = pd.Series([float(c in unrep) for c in eligible], index=eligible, dtype=float)
    if "dropout" in wanted:
        out["dropout"] = _dropout(sessions, cid, sess, clients, dropout_before, active_weeks, notes)
    if "rating_gap" in wanted:
        gaps = discrepancy(sessions, by="client", reflections=reflections, pairs=pairs)
        if len(gaps) and gaps["gap_sd"].notna().any():
            out["rating_gap"] = gaps.assign(client_id=gaps["client_id"].astype("str")).groupby(
                "client_id")["gap_sd"].mean().dropna()
        else:
            notes["rating_gap"] = ("rating_gap could not be computed: no session has both a clinician and a client "
                                   "alliance rating (" + "; ".join(p.name for p in pairs) + ").")
    frame = pd.DataFrame({m: out[m] for m in wanted if out.get(m) is not None})
    frame.index = frame.index.astype("str")
    return frame.sort_index()


def _outcome_change(sessions, cid, sess, outcome, instruments, notes) -> pd.Series | None:
    from .change import lower_is_better_for

    if outcome is None:
        notes["outcome_change"] = "outcome_change was not computed: no outcome measure was given."
        return None
    if outcome not in sessions.columns:
        notes["outcome_change"] = f"outcome_change could not be computed: the sessions table has no {outcome!r} column."
        return None
    try:
        lower = lower_is_better_for(outcome, instruments)
    except ValueError:
        notes["outcome_change"] = (f"outcome_change could not be computed: no instrument defines {outcome!r}, so "
                                   "which direction is improvement is unknown.")
        return None
    o = pd.to_numeric(sessions[outcome], errors="coerce").to_numpy(dtype=float, na_value=np.nan)
    ok = np.isfinite(o) & np.isfinite(sess) & cid.notna().to_numpy()
    f = pd.DataFrame({"c": cid.to_numpy()[ok], "s": sess[ok], "o": o[ok]}).sort_values(["c", "s"], kind="stable")
    g = f.groupby("c", sort=True)["o"]
    change = (g.last() - g.first())[g.size() >= 2]
    return -change if lower else change


def _dropout(sessions, cid, sess, clients, before, active_weeks, notes) -> pd.Series | None:
    if "date" not in sessions.columns:
        notes["dropout"] = "dropout could not be computed: the sessions table has no date column."
        return None
    date = pd.to_datetime(sessions["date"], errors="coerce")
    if not date.notna().any():
        notes["dropout"] = "dropout could not be computed: no session has a date."
        return None
    end = date.max()
    f = pd.DataFrame({"c": cid.to_numpy(), "s": sess, "d": date.to_numpy()})[cid.notna().to_numpy()]
    g = f.groupby("c", sort=True)
    last_s, last_d = g["s"].max(), g["d"].max()
    stopped = last_s < before
    gone = (end - last_d) > pd.Timedelta(weeks=active_weeks)
    value = pd.Series(np.where(stopped, np.where(gone, 1.0, np.nan), 0.0), index=last_s.index)
    value[stopped & last_d.isna()] = np.nan
    if clients is not None and "case_type" in clients.columns:
        ct = _labels(clients["case_type"]).set_axis(clients["client_id"].astype("str"))
        ct = ct[~ct.index.duplicated(keep="last")].reindex(value.index)
        value = value[(ct.isna() | (ct.str.strip().str.casefold() == "therapy")).to_numpy()]
    return value.dropna()


# --------------------------------------------------------------------------- statistics
def _t_quantile(p: float, df) -> np.ndarray:
    from scipy.special import stdtrit

    df = np.asarray(df, dtype=float)
    with np.errstate(invalid="ignore"):
        return np.where(df > 0, stdtrit(np.where(df > 0, df, 1.0), p), np.nan)


def _wilson(x, n, z) -> tuple[np.ndarray, np.ndarray]:
    """Wilson score interval for x successes out of n (NaN where n = 0)."""
    x, n = np.asarray(x, float), np.asarray(n, float)
    with np.errstate(invalid="ignore", divide="ignore"):
        p = x / n
        denom = 1 + z * z / n
        centre = (p + z * z / (2 * n)) / denom
        half = z / denom * np.sqrt(p * (1 - p) / n + z * z / (4 * n * n))
    return centre - half, centre + half


def _fisher_exact(a: int, b: int, c: int, d: int) -> float:
    """Two-sided Fisher exact test of the 2x2 table [[a, b], [c, d]] (as scipy.stats.fisher_exact: tables as
    likely as the observed one or less, with a relative tolerance of 1e-7)."""
    from scipy.special import gammaln

    r1, r2, c1 = a + b, c + d, a + c
    n = r1 + r2
    lo, hi = max(0, c1 - r2), min(r1, c1)
    k = np.arange(lo, hi + 1)
    logp = (gammaln(r1 + 1) - gammaln(k + 1) - gammaln(r1 - k + 1) + gammaln(r2 + 1) - gammaln(c1 - k + 1)
            - gammaln(r2 - c1 + k + 1) - gammaln(n + 1) + gammaln(c1 + 1) + gammaln(n - c1 + 1))
    pmf = np.exp(logp)
    observed = pmf[a - lo]
    return float(min(1.0, pmf[pmf <= observed * (1 + 1e-7)].sum()))


def _statistics(rows: pd.DataFrame, level: float) -> pd.DataFrame:
    """Estimates, intervals, differences and p values from each row's sums (vectorised over rows)."""
    from scipy.special import ndtri, stdtr

    n1, n2 = rows["n"].to_numpy(float), rows["others_n"].to_numpy(float)
    c = rows["centre"].to_numpy(float)
    prop = (rows["kind"] == "proportion").to_numpy()
    alpha_q = 0.5 + level / 2
    out = {}
    with np.errstate(invalid="ignore", divide="ignore"):
        m1 = rows["s"].to_numpy(float) / n1 + c
        m2 = rows["os"].to_numpy(float) / n2 + c
        var1 = np.maximum(rows["ss"].to_numpy(float) - rows["s"].to_numpy(float) ** 2 / n1, 0) / (n1 - 1)
        var2 = np.maximum(rows["oss"].to_numpy(float) - rows["os"].to_numpy(float) ** 2 / n2, 0) / (n2 - 1)
        var1[n1 < 2], var2[n2 < 2] = np.nan, np.nan
        # means: t intervals; differences: Welch
        h1 = _t_quantile(alpha_q, n1 - 1) * np.sqrt(var1 / n1)
        h2 = _t_quantile(alpha_q, n2 - 1) * np.sqrt(var2 / n2)
        a, b = var1 / n1, var2 / n2
        se = np.sqrt(a + b)
        df = (a + b) ** 2 / (a * a / (n1 - 1) + b * b / (n2 - 1))
        diff = m1 - m2
        hd = _t_quantile(alpha_q, df) * se
        p_t = np.where(se > 0, 2 * stdtr(df, -np.abs(diff) / se), np.nan)
        # proportions: Wilson intervals; differences: Newcombe's hybrid score interval; Fisher's exact test
        z = float(ndtri(alpha_q))
        x1, x2 = np.round(m1 * n1), np.round(m2 * n2)
        p1, p2 = x1 / n1, x2 / n2
        l1, u1 = _wilson(x1, n1, z)
        l2, u2 = _wilson(x2, n2, z)
        d_lo = (p1 - p2) - np.sqrt((p1 - l1) ** 2 + (u2 - p2) ** 2)
        d_hi = (p1 - p2) + np.sqrt((u1 - p1) ** 2 + (p2 - l2) ** 2)
    out["estimate"] = np.where(prop, p1, m1)
    out["ci_low"] = np.where(prop, l1, m1 - h1)
    out["ci_high"] = np.where(prop, u1, m1 + h1)
    out["others_estimate"] = np.where(prop, p2, m2)
    out["others_ci_low"] = np.where(prop, l2, m2 - h2)
    out["others_ci_high"] = np.where(prop, u2, m2 + h2)
    out["difference"] = np.where(prop, p1 - p2, diff)
    out["diff_low"] = np.where(prop, d_lo, diff - hd)
    out["diff_high"] = np.where(prop, d_hi, diff + hd)
    p = np.where(prop, np.nan, p_t)
    cache: dict[tuple, float] = {}
    for i in np.flatnonzero(prop & (n1 > 0) & (n2 > 0) & rows["_test"].to_numpy(dtype=bool)):
        key = (int(x1[i]), int(n1[i] - x1[i]), int(x2[i]), int(n2[i] - x2[i]))
        if key not in cache:
            cache[key] = _fisher_exact(*key)
        p[i] = cache[key]
    out["p"] = p
    for k, val in out.items():
        val = np.asarray(val, float)
        val[~np.isfinite(val)] = np.nan
        out[k] = val
    return pd.DataFrame(out, index=rows.index)


# --------------------------------------------------------------------------- grouping and suppression
def _sums(frame: pd.DataFrame, keys: list[str]) -> pd.DataFrame:
    g = frame.groupby(keys, sort=True, observed=True)
    return g.agg(n=("v", "size"), s=("v", "sum"), ss=("v2", "sum")).reset_index()


def _comparisons(frame: pd.DataFrame, grid: pd.DataFrame, keys: list[str], total_keys: list[str]) -> pd.DataFrame:
    """Each group's sums (n, s, ss) and those of everyone else in its scope (others_n, os, oss), for every
    group and metric of ``grid`` (which also holds the group's ``size``: its clients, with a value or not)."""
    g = grid.merge(_sums(frame, keys), on=keys, how="left")
    t = _sums(frame, total_keys).rename(columns={"n": "tn", "s": "ts", "ss": "tss"})
    g = g.merge(t, on=total_keys, how="left")
    for c in ("n", "s", "ss", "tn", "ts", "tss"):
        g[c] = g[c].fillna(0).astype(float)
    g["others_n"] = g["tn"] - g["n"]
    g["os"] = g["ts"] - g["s"]
    g["oss"] = g["tss"] - g["ss"]
    return g.drop(columns=["tn", "ts", "tss"])


def _grid(members: pd.DataFrame, keys: list[str], metrics: list[str]) -> pd.DataFrame:
    """Every group (``keys``) with at least one client in ``members``, its size, crossed with every metric."""
    size = members.groupby(keys, sort=True, observed=True).size().rename("size").reset_index()
    return size.merge(pd.DataFrame({"metric": metrics}), how="cross")


def _suppress(rows: pd.DataFrame, threshold: int, keys: list[str], lines=()) -> tuple[np.ndarray, np.ndarray]:
    """Suppression status of ``rows`` (one scope level of one attribute and metric) and which rows were hidden
    because everyone else they are compared with is a small cell.

    Primary: a group of fewer than ``threshold`` clients (or fewer with a value). Secondary, by
    :func:`~rapportlib.privacy.suppress_small_cells` over ``keys``: the groups of a scope sum to the scope's
    total and, for clinicians' caseloads (``keys=["clinician_id", "group"]``), each group's cells sum to the
    service's count of that group, so a lone hidden cell in either direction would be given away. Then a
    row still shown whose "everyone else" has fewer than ``threshold`` clients is hidden too (it would
    describe them), and so is a cell of each of ``lines`` (boolean masks of margins that are hidden
    themselves, such as a clinician's hidden total) whose cells are all shown, since adding them up would
    give the margin away; both repeat until nothing changes."""
    from .privacy import suppress_small_cells

    size, n, others = (rows[c].to_numpy(float) for c in ("size", "n", "others_n"))
    base = np.where(n > 0, np.minimum(size, n), size)
    complement = np.zeros(len(rows), bool)
    margin = np.zeros(len(rows), bool)
    frame = rows[keys].reset_index(drop=True)
    while True:
        tab = frame.assign(cell=np.where(complement | margin, 1, base))
        status = suppress_small_cells(tab, "cell", threshold=threshold, by=keys, values=[])["suppressed"] \
            .to_numpy(dtype=object)
        hidden = status != ""
        more = ~hidden & (others > 0) & (others < threshold)
        complement |= more
        changed = bool(more.any())
        for line in lines:
            idx = np.flatnonzero(line & (size > 0))
            if len(idx) and not hidden[idx].any():
                margin[min(idx, key=lambda i: (size[i], i))] = True
                changed = True
        if not changed:
            status[margin] = "secondary"
            status[complement] = "primary"
            return status, complement


# --------------------------------------------------------------------------- the audit
def equity_audit(dataset, measure: str = "srs_total", by: str | Sequence[str] | None = None, *,
                 outcome: str | None = "ors_total", clinician: str | None = None, threshold: int = 11,
                 level: float = 0.95, metrics: Sequence[str] | None = None, dropout_before: int = 4,
                 active_weeks: float = 6, false_discovery_rate: float = 0.05, caution_below: int = 20,
                 compare_clinicians: bool = True, clients: pd.DataFrame | None = None,
                 reflections: pd.DataFrame | None = None, pairs=PAIRS) -> EquityAudit:
    """Do alliance and outcomes differ across groups of clients? Per group, against everyone else.

    ``dataset`` is a :class:`~rapportlib.Dataset` (or a sessions table, with ``clients=`` and
    ``reflections=``). ``by`` names client-level attributes of the clients table; by default whichever
    of :data:`BY_DEFAULT` exist. ``language_match`` is derived: the client's ``preferred_language``
    equals the language most of their sessions were held in (``reflections.language``); unknown when
    either is missing. Attributes are self-identified and used as given; missing values form no group.

    Metrics, each computed per client first (the client is the unit) and then summarised per group:

    * ``alliance_level`` -- the client's mean ``measure`` (SRS total points);
    * ``alliance_trend`` -- the client's least-squares slope of ``measure`` over session number (points per
      session; clients with fewer than 3 ratings left out);
    * ``outcome_change`` -- last minus first ``outcome`` rating, turned by the instrument's direction so
      that positive = improvement (clients with fewer than 2 ratings left out);
    * ``rupture_rate`` -- proportion of clients with at least one rupture (:func:`~rapportlib.ruptures`
      on ``measure``, default settings), among clients with the 4 ratings a rupture needs;
    * ``unrepaired_rate`` -- proportion of those clients with an unrepaired rupture whose repair window
      has closed;
    * ``dropout`` -- proportion of therapy clients (``case_type`` therapy or missing) whose last session
      was before session ``dropout_before`` (4) and more than ``active_weeks`` (6) weeks before the last
      session date in the data; clients seen within those weeks who have not reached session 4 are left
      out (they may still be coming);
    * ``rating_gap`` -- the clinician's alliance rating minus the client's in SDs of client ratings
      (:func:`~rapportlib.discrepancy` ``gap_sd`` per client, averaged over the rater pairs available);
      positive = the clinician sees a stronger alliance than the client does.

    Scopes: the whole service (``scope="service"``) and each clinician's caseload (``scope="clinician"``;
    ``clinician=`` keeps one clinician). Within a scope each group of each attribute is compared with
    everyone else in that scope whose value is recorded: n clients and estimate with a ``level`` CI on
    both sides (t interval for means, Wilson for proportions), the difference (group minus everyone else)
    with its CI (Welch for means, Newcombe's hybrid score interval for proportions), a p value (Welch's t
    test; two-sided Fisher exact test for proportions) and a Benjamini-Hochberg q value over all
    comparisons shown (the two rows of a two-valued attribute are one comparison). With
    ``compare_clinicians``, each clinician's whole caseload is also compared with the rest of the
    service (``scope="service"``, ``by="clinician"``). A row *stands out* when q <
    ``false_discovery_rate`` and the CI of the difference excludes 0.

    Small cells: a row resting on fewer than ``threshold`` clients (the group, or everyone else it is
    compared with) is suppressed (``suppressed="primary"``), and further rows are hidden
    (``"secondary"``) with :func:`~rapportlib.privacy.suppress_small_cells` wherever a hidden count
    could be worked out by subtraction: within a scope and attribute the groups sum to the scope's total,
    and across clinicians each group's counts sum to the service's. Decided per metric (the clients with a
    value differ by metric). Lower ``threshold`` only within a closed supervision meeting; the result
    records it.
    """
    sessions = getattr(dataset, "sessions", dataset)
    if not isinstance(sessions, pd.DataFrame):
        raise TypeError("dataset must be a rapportlib Dataset or a sessions table")
    if clients is None:
        clients = getattr(dataset, "clients", None)
    if reflections is None:
        reflections = getattr(dataset, "reflections", None)
    instruments = getattr(dataset, "instruments", None) or None
    for col in ("client_id", "session", measure):
        if col not in sessions.columns:
            what = " (the alliance measure)" if col == measure else ""
            raise DataError(f"the sessions table has no column {col!r}{what}", column=col, rule="required column")
    if outcome is not None and outcome not in sessions.columns and outcome != "ors_total":
        raise DataError(f"the sessions table has no column {outcome!r} (the outcome measure)", column=outcome,
                        rule="required column")
    if int(threshold) != threshold or threshold < 1:
        raise ValueError("threshold must be a whole number of clients, at least 1")
    threshold = int(threshold)
    if not 0 < level < 1:
        raise ValueError("level must be between 0 and 1, for example 0.95")
    wanted = list(METRICS) if metrics is None else list(dict.fromkeys(metrics))
    unknown = [m for m in wanted if m not in METRICS]
    if unknown:
        raise ValueError(f"unknown metric {unknown[0]!r}; choose from {', '.join(METRICS)}")
    if clients is None or "client_id" not in clients.columns:
        clients = pd.DataFrame({"client_id": pd.Series(dtype="str")})
    refl_lang = reflections is not None and {"client_id", "language"} <= set(reflections.columns)
    if by is None:
        by_cols = [c for c in BY_DEFAULT if c in clients.columns
                   or (c == "language_match" and "preferred_language" in clients.columns and refl_lang)]
    else:
        by_cols = list(dict.fromkeys([by] if isinstance(by, str) else by))
        for col in by_cols:
            if col == "language_match":
                if "preferred_language" not in clients.columns:
                    raise DataError("language_match needs the clients table's preferred_language column",
                                    column="preferred_language", rule="required column")
                if not refl_lang:
                    raise DataError("language_match needs the reflections table's language column",
                                    column="language", rule="required column")
            elif col not in clients.columns:
                raise DataError(f"the clients table has no column {col!r} to group by", column=col,
                                rule="client-level grouping column")

    notes_by_metric: dict[str, str] = {}
    clients = clients.assign(client_id=clients["client_id"].astype("str")).drop_duplicates("client_id", keep="last")
    values = _client_metrics(sessions, reflections, clients, measure, outcome, wanted, instruments=instruments,
                             pairs=pairs, dropout_before=dropout_before, active_weeks=active_weeks,
                             notes=notes_by_metric)
    # the clients: everyone with a session or a row in the clients table; their clinician
    ids = pd.Index(sorted(set(values.index) | set(clients["client_id"].dropna())), dtype="str")
    table_clin = (clients.set_index("client_id")["clinician_id"].astype("str").reindex(ids)
                  if "clinician_id" in clients.columns else pd.Series(pd.NA, index=ids, dtype="str"))
    if "clinician_id" in sessions.columns:
        s = sessions[["client_id", "clinician_id"]].dropna()
        seen = s.assign(client_id=s["client_id"].astype("str")).groupby("client_id")["clinician_id"].last()
        table_clin = table_clin.fillna(seen.astype("str").reindex(ids))
    clin_of = table_clin
    groups = pd.DataFrame(index=ids)
    notes: list[str] = []
    ties = 0
    for col in by_cols:
        if col == "language_match":
            lm, ties = _language_match(clients, reflections)
            groups[col] = lm.reindex(ids)
        else:
            groups[col] = _labels(clients.set_index("client_id")[col]).reindex(ids)
    clinicians = sorted(set(clin_of.dropna()))
    if clinician is not None and str(clinician) not in clinicians:
        raise ValueError(f"no clinician {str(clinician)!r} in the data")

    unit, short, words = _units(measure, outcome, instruments)
    rows = _all_rows(values, groups, clin_of, by_cols, compare_clinicians and len(clinicians) > 1)
    table, m_tests = _finish(rows, threshold, level, unit, short, words, clinician, false_discovery_rate,
                             caution_below)

    # notes: definitions, missing group values, what could not be computed
    m_name = _instrument_words(measure, instruments)[0]
    o_name = _instrument_words(outcome, instruments)[0] if outcome else "outcome"
    defs = {
        "alliance_level": f"alliance_level: the client's mean {m_name} ({unit['alliance_level']}).",
        "alliance_trend": f"alliance_trend: the slope of a least-squares line through the client's {m_name} "
                          "ratings against session number (points per session); clients with fewer than 3 "
                          "ratings are left out.",
        "outcome_change": f"outcome_change: the client's last minus first {o_name} rating, in points, turned so "
                          "that positive = improvement; clients with fewer than 2 ratings are left out.",
        "rupture_rate": f"rupture_rate: the proportion of clients with at least one alliance rupture in their "
                        f"{m_name} series (rapportlib.ruptures, default settings: a fall of more than 2 of the "
                        f"client's SDs), among clients with at least {_RUPTURE_MIN_SESSIONS} ratings, the fewest "
                        "in which one can be found.",
        "unrepaired_rate": "unrepaired_rate: the proportion of the same clients with a rupture that was not "
                           "repaired and whose repair window has closed.",
        "dropout": f"dropout: the proportion of therapy clients (case type therapy or not recorded) whose last "
                   f"session came before session {dropout_before} and more than {active_weeks:g} weeks before the "
                   f"last session date in the data; therapy clients seen within those {active_weeks:g} weeks "
                   "who have not reached that session are left out, as they may still be coming.",
        "rating_gap": "rating_gap: the clinician's alliance rating minus the client's, in SDs of the client "
                      "ratings across the data, averaged over the client's sessions and the rater pairs "
                      "available (" + "; ".join(p.name for p in pairs) + "); positive = the clinician sees a "
                      "stronger alliance than the client does.",
    }
    notes.append("Each client counts once: every metric is computed per client first, then summarised per "
                 "group; 'everyone else' is the other clients in the same scope (the service, or one clinician's "
                 "caseload) whose value is recorded.")
    for m in wanted:
        notes.append(notes_by_metric.get(m) or defs[m])
    n_clients = len(ids)
    for col in by_cols:
        missing = int(groups[col].isna().sum())
        if missing:
            extra = (f", including {ties} whose sessions were held in two languages equally often"
                     if col == "language_match" and ties else "")
            notes.append(f"{col}: {missing} of {n_clients} clients have no value{extra} and are in no group.")
    if by_cols and "language_match" in by_cols:
        notes.append("language_match is derived: true when the client's preferred language is the language most "
                     "of their sessions were held in (the reflections' language), false when it is not.")
    if not clinicians:
        notes.append("No clinician is recorded, so only the whole service is compared.")
    pct = round(level * 100, 6)
    notes.append(f"Intervals are {pct:g}% intervals: t intervals for means and Welch intervals for differences of "
                 "means (p from Welch's t test), Wilson intervals for proportions and Newcombe's hybrid score "
                 "interval for differences of proportions (p from a two-sided Fisher exact test). q values are "
                 "Benjamini-Hochberg adjusted within each question: one metric across the service (groups and "
                 "clinicians), or one metric within one clinician's caseload "
                 f"({m_tests} comparisons shown in all; the two rows of a two-valued column are one comparison).")
    notes.append(f"'Stands out' means q < {false_discovery_rate:g} and a {pct:g}% interval of the difference that "
                 "excludes 0; 'worth a look' means the interval excludes 0 but q does not pass, so it may be "
                 f"chance. Fewer than {caution_below} clients in a group call for caution. A difference "
                 "describes these clients' numbers; it does not say why they differ.")
    notes.append(f"Rows resting on fewer than {threshold} clients (the group, or everyone else it is compared "
                 "with) are not shown (primary suppression), nor rows from which a hidden number could be worked "
                 "out by subtraction, within a scope and column or across clinicians (secondary suppression). "
                 "This is decided per metric, as the clients with a value differ by metric.")
    if threshold < 11:
        notes.append(f"The small-cell threshold was lowered to {threshold} clients (11 is the default): share "
                     "these numbers only within a closed supervision meeting.")
    return EquityAudit(table=table, threshold=threshold, level=level, by=tuple(by_cols), notes=notes,
                       clinician_id=None if clinician is None else str(clinician),
                       false_discovery_rate=false_discovery_rate)


def _all_rows(values: pd.DataFrame, groups: pd.DataFrame, clin_of: pd.Series, by_cols: list[str],
              compare_clinicians: bool) -> pd.DataFrame:
    """Sums per scope, attribute, group and metric, with those of everyone else in the scope.

    Every group with a client in a scope gets a row for every metric, also when none of its clients has a
    value for it: a missing row would say so as plainly as a zero."""
    metrics = list(values.columns)
    parts = []
    long = values.rename_axis("client_id").reset_index().melt("client_id", var_name="metric", value_name="value")
    long = long[np.isfinite(long["value"].to_numpy(dtype=float))]
    centre = long.groupby("metric")["value"].mean()
    long = long.assign(clinician_id=clin_of.reindex(long["client_id"]).to_numpy(),
                       v=long["value"].to_numpy(float) - centre.reindex(long["metric"]).to_numpy(float))
    long["v2"] = long["v"] ** 2
    people = pd.DataFrame({"client_id": groups.index, "clinician_id": clin_of.reindex(groups.index).to_numpy()})
    for col in by_cols:
        lab = groups[col].reindex(long["client_id"]).to_numpy(dtype=object)
        known = long.assign(group=lab)[pd.notna(lab)]
        members = people.assign(group=groups[col].to_numpy(dtype=object))
        members = members[members["group"].notna().to_numpy()]
        svc = _comparisons(known, _grid(members, ["group"], metrics), ["metric", "group"], ["metric"])
        parts.append(svc.assign(scope="service", clinician_id=pd.NA, by=col))
        kc = known[known["clinician_id"].notna().to_numpy()]
        mc = members[members["clinician_id"].notna().to_numpy()]
        if len(mc):
            per = _comparisons(kc, _grid(mc, ["clinician_id", "group"], metrics),
                               ["metric", "clinician_id", "group"], ["metric", "clinician_id"])
            parts.append(per.assign(scope="clinician", by=col))
    if compare_clinicians:
        mc = people[people["clinician_id"].notna().to_numpy()]
        kc = long[long["clinician_id"].notna().to_numpy()]
        cl = _comparisons(kc, _grid(mc, ["clinician_id"], metrics), ["metric", "clinician_id"], ["metric"])
        parts.append(cl.assign(scope="service", by="clinician", group=cl["clinician_id"]))
    cols = ["scope", "clinician_id", "by", "group", "metric", "size", "n", "s", "ss", "others_n", "os", "oss"]
    if not parts:
        rows = pd.DataFrame({c: pd.Series(dtype=float if c not in cols[:5] else object) for c in cols})
    else:
        rows = pd.concat([p[cols] for p in parts], ignore_index=True)
    rows["centre"] = centre.reindex(rows["metric"]).to_numpy(float)
    rows["kind"] = rows["metric"].map(METRICS)
    return rows


def _finish(rows: pd.DataFrame, threshold: int, level: float, unit: dict, short: dict, words: dict,
            clinician, fdr: float, caution_below: int) -> tuple[pd.DataFrame, int]:
    """Suppress, compute, adjust and word the rows; the tidy table."""
    rows = rows.copy()
    scope_rank = {"service": 0, "clinician": 1}
    by_rank = {b: i for i, b in enumerate(dict.fromkeys([*rows["by"][rows["by"] != "clinician"], "clinician"]))}
    metric_rank = {m: i for i, m in enumerate(METRICS)}
    rows = rows.assign(_s=rows["scope"].map(scope_rank), _b=rows["by"].map(by_rank), _m=rows["metric"].map(metric_rank),
                       _c=rows["clinician_id"].fillna("")).sort_values(
        ["_s", "_c", "_b", "group", "_m"], kind="stable").drop(columns=["_s", "_b", "_m", "_c"]).reset_index(drop=True)

    # --- suppression, per metric: the clinicians' rows, the service's groups, then the clinician x group cells
    status = np.full(len(rows), "", dtype=object)
    complement = np.zeros(len(rows), bool)
    svc = (rows["scope"] == "service").to_numpy()
    is_clin = (rows["by"] == "clinician").to_numpy()
    group = rows["group"].to_numpy(dtype=object)
    for metric in rows["metric"].unique():
        in_m = (rows["metric"] == metric).to_numpy()
        hidden_clin: set = set()
        sel = np.flatnonzero(in_m & svc & is_clin)
        if len(sel):
            status[sel], complement[sel] = _suppress(rows.iloc[sel], threshold, ["group"])
            hidden_clin = set(group[sel][status[sel] != ""])
        for col in rows.loc[in_m & ~is_clin, "by"].unique():
            in_b = in_m & (rows["by"] == col).to_numpy()
            sel = np.flatnonzero(in_b & svc)
            status[sel], complement[sel] = _suppress(rows.iloc[sel], threshold, ["group"])
            hidden_groups = set(group[sel][status[sel] != ""])
            sel = np.flatnonzero(in_b & ~svc)
            if len(sel):
                part = rows.iloc[sel]
                clin, grp = part["clinician_id"].to_numpy(dtype=object), part["group"].to_numpy(dtype=object)
                lines = [clin == c for c in sorted(hidden_clin)] + [grp == g for g in sorted(hidden_groups)]
                status[sel], complement[sel] = _suppress(part, threshold, ["clinician_id", "group"], lines)
    n, others = rows["n"].to_numpy(float), rows["others_n"].to_numpy(float)
    small = (rows["size"].to_numpy(float) < threshold) | ((n > 0) & (n < threshold))
    why = np.where(status == "", "", np.where(complement, "complement",
                                              np.where((status == "primary") & small, "small", "secondary")))

    if clinician is not None:
        keep = ((rows["scope"] == "service") & (rows["by"] != "clinician")).to_numpy() | \
               (rows["clinician_id"].astype("str") == str(clinician)).to_numpy(dtype=bool, na_value=False)
        rows, status, why = rows[keep].reset_index(drop=True), status[keep], why[keep]
        n, others = n[keep], others[keep]
    shown = status == ""
    rows["_test"] = shown
    stats = _statistics(rows, level)

    # --- q values: one per comparison shown; a two-valued column's two rows are the same comparison
    p = stats["p"].to_numpy(float)
    block = rows.groupby(["scope", rows["clinician_id"].fillna(""), "by", "metric"], sort=False).ngroup().to_numpy()
    size = np.bincount(block)[block]
    key = np.where(size == 2, -1 - block, np.arange(len(rows)))
    testable = shown & np.isfinite(p)
    q = np.full(len(rows), np.nan)
    family_size = np.zeros(len(rows), int)
    # one family of comparisons per question: a scope (the service, or one clinician's caseload) and a metric
    family = rows.groupby(["scope", rows["clinician_id"].fillna(""), "metric"], sort=False).ngroup().to_numpy()
    comparisons = 0
    for fam in np.unique(family[testable]):
        sel = testable & (family == fam)
        uk, first = np.unique(key[sel], return_index=True)
        adj = dict(zip(uk, _bh(p[sel][first])))
        q[sel] = [adj[k] for k in key[sel]]
        family_size[family == fam] = len(uk)
        comparisons += len(uk)
    stats["q"] = q
    excludes0 = (stats["diff_low"].to_numpy() > 0) | (stats["diff_high"].to_numpy() < 0)
    stands = testable & (q < fdr) & excludes0

    table = pd.DataFrame({
        "scope": pd.array(rows["scope"], dtype="str"),
        "clinician_id": pd.array(rows["clinician_id"].astype("str"), dtype="str"),
        "by": pd.array(rows["by"], dtype="str"), "group": pd.array(rows["group"].astype("str"), dtype="str"),
        "metric": pd.array(rows["metric"], dtype="str"),
        "unit": pd.array(rows["metric"].map(unit), dtype="str"),
    })
    table["n"] = pd.array(n.astype(np.int64), dtype="Int64")
    for c in ("estimate", "ci_low", "ci_high"):
        table[c] = stats[c].to_numpy()
    table["others_n"] = pd.array(others.astype(np.int64), dtype="Int64")
    for c in ("others_estimate", "others_ci_low", "others_ci_high", "difference", "diff_low", "diff_high", "p", "q"):
        table[c] = stats[c].to_numpy()
    table["stands_out"] = pd.array(stands, dtype="boolean")
    table["suppressed"] = pd.array(status.astype(str), dtype="str")
    # suppressed rows keep their labels and nothing else
    hide = ~shown
    for c in _NUMBERS:
        if c in ("n", "others_n"):
            table[c] = table[c].mask(hide)
        else:
            table.loc[hide, c] = np.nan
    table.loc[hide, "stands_out"] = pd.NA
    pct = f"{round(level * 100, 6):g}%"
    table["text"] = pd.array([_sentence(r, w, threshold, short, words, fdr, caution_below, int(k), pct)
                              for r, w, k in zip(table.itertuples(index=False), why, family_size)], dtype="str")
    return table[TABLE_COLUMNS], comparisons


# --------------------------------------------------------------------------- sentences
def _num(x: float, metric: str, short: dict, sign: bool = False) -> str:
    """A value in the metric's unit: '35.2 points', '+0.62 SD', '25%' (differences of shares in points)."""
    if short[metric] == "%":
        v = 100 * x
        return f"{v:+.0f} percentage points" if sign else f"{v:.0f}%"
    digits = 1 if metric in ("alliance_level", "outcome_change") else 2
    return f"{x:+.{digits}f} {short[metric]}" if sign else f"{x:.{digits}f} {short[metric]}"


_NEEDS = {"alliance_level": "the alliance level needs at least one rating",
          "alliance_trend": "the alliance trend needs at least 3 ratings",
          "outcome_change": "the outcome change needs at least 2 outcome ratings",
          "rupture_rate": "ruptures are looked for in clients with at least 4 ratings",
          "unrepaired_rate": "ruptures are looked for in clients with at least 4 ratings",
          "dropout": "dropout counts therapy clients who have stopped or reached the session it is measured at",
          "rating_gap": "the rating gap needs sessions rated by both the clinician and the client"}


def _family_words(scope: str, clinician_id) -> str:
    return "across the service" if scope == "service" else f"within {clinician_id}'s caseload"


def _fmt_q(q: float) -> str:
    return "q < 0.001" if q < 0.001 else f"q = {q:.3f}"


def _sentence(r, why: str, threshold: int, short: dict, words: dict, fdr: float, caution_below: int,
              comparisons: int, pct: str) -> str:
    """One plain sentence about a row: what was compared, how sure the difference is, no causes, no names."""
    if why == "small":
        return f"Fewer than {threshold} clients: not shown, to protect privacy."
    if why == "complement":
        return f"Fewer than {threshold} other clients to compare with: not shown, to protect privacy."
    if why == "secondary":
        return (f"Not shown, to protect privacy: with it, the numbers of a group of fewer than {threshold} clients "
                "could be worked out.")
    m, what = r.metric, words[r.metric]
    who = _group_words(r.by, r.group)
    others = "the rest of the service" if r.by == "clinician" else \
        f"everyone else {_scope_words(r.scope, r.clinician_id)}"
    n, on = int(r.n), int(r.others_n)
    everyone = "clients in the service" if r.scope == "service" else f"of {r.clinician_id}'s clients"
    if n == 0:
        return f"None of the {who} {_scope_words(r.scope, r.clinician_id)} has a value: {_NEEDS[m]}."
    if on == 0:
        return (f"All {n} {everyone} with a value are {who}, so there is no one to compare them with "
                f"({what}: {_num(r.estimate, m, short)}).")
    if pd.isna(r.estimate) or pd.isna(r.others_estimate):
        return f"Too few clients with a value to compare {who} ({n}) with {others} ({on})."
    mine = f"{who} ({n} clients, {_num(r.estimate, m, short)})"
    theirs = f"{others} ({on} clients, {_num(r.others_estimate, m, short)})"
    diff = _num(r.difference, m, short, True)
    if pd.isna(r.diff_low) or pd.isna(r.diff_high):
        text = (f"The {what} of {mine} differs from {theirs} by {diff}; there are too few clients or too little "
                "variation for an interval.")
    else:
        ci = f"{_num(r.diff_low, m, short, True).split(' ')[0]} to {_num(r.diff_high, m, short, True)}"
        if r.diff_low <= 0 <= r.diff_high:
            text = (f"No clear difference in the {what} between {mine} and {theirs}: the difference of {diff} has "
                    f"a {pct} CI of {ci}, which includes 0.")
        elif not pd.isna(r.q) and r.q < fdr:
            text = (f"The {what} of {mine} stands out against {theirs}: a difference of {diff} ({pct} CI {ci}; "
                    f"{_fmt_q(r.q)}).")
        else:
            qtxt = f" ({_fmt_q(r.q)})" if not pd.isna(r.q) else ""
            text = (f"The {what} of {mine} differs from {theirs} by {diff} ({pct} CI {ci}), but not clearly once the "
                    f"{comparisons} comparisons of the {what} {_family_words(r.scope, r.clinician_id)} are allowed "
                    f"for{qtxt}: worth a look, but it may be chance.")
    small = min(n, on)
    if small < caution_below:
        side = "in this group" if n <= on else "to compare with"
        text += f" Only {small} clients {side}: read with caution."
    return text[0].upper() + text[1:]
