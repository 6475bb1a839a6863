"""The clinician's countertransference check-in across a caseload: profiles and patterns for supervision.

After each session the clinician rates eight feelings 0-4 (``ct_*`` columns of the reflections
table), one per factor of the Therapist Response Questionnaire (TRQ; Betan, Heim, Zittel Conklin &
Westen, 2005): overwhelmed/disorganised, helpless/inadequate, positive/satisfying,
special/overinvolved, sexualised, disengaged, parental/protective and criticised/mistreated.

* :func:`countertransference_profile` summarises the ratings per client, per clinician or per group
  of clients (a column of the clients table), month by month, and lists the patterns worth raising in
  supervision: a feeling that stays high with one client, a shift after ruptures, a difference
  between groups of clients (the start of a bias check) and rising disengagement.
* :func:`latest_check_in` says which feelings are high in the latest check-in about a client.

Patterns are descriptions, not diagnoses: each names what was compared, with ids, numbers and
dimension names only. Reflection text is never read or quoted.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass, field

import numpy as np
import pandas as pd

__all__ = ["DIMENSIONS", "GROUP_ATTRIBUTES", "PATTERN_KINDS", "CTProfile", "countertransference_profile",
           "latest_check_in"]

#: The eight check-in columns (TRQ factors, Betan et al., 2005) and what each means, in words.
DIMENSIONS: dict[str, str] = {
    "ct_overwhelmed": "overwhelmed / disorganised",
    "ct_helpless": "helpless / inadequate",
    "ct_positive": "positive / satisfying",
    "ct_special": "special / overinvolved",
    "ct_sexualised": "sexualised",
    "ct_disengaged": "disengaged",
    "ct_parental": "parental / protective",
    "ct_criticised": "criticised / mistreated",
}

#: The one factor where a high rating is not itself a concern (see ``include_positive``).
POSITIVE = "ct_positive"

#: Client attributes compared for ``differs_by_group`` (those present in the clients table are used).
GROUP_ATTRIBUTES = ("interpreter", "cultural_background", "preferred_language", "case_type", "gender", "age_band")

PATTERN_KINDS = ("persistent_high", "shift_after_rupture", "differs_by_group", "rising_disengagement")

PATTERN_COLUMNS = ["kind", "clinician_id", "client_id", "group_column", "group", "dimension", "value", "baseline",
                   "difference", "n", "n_baseline", "p", "p_adjusted", "start", "end", "detail"]

_RUPTURE_KINDS = ("withdrawal", "confrontation")
_NOT_RECORDED = "not recorded"


@dataclass(frozen=True, eq=False)
class CTProfile:
    """Countertransference check-ins summarised, as tidy tables (see :func:`countertransference_profile`).

    ``table``: one row per group and dimension (``group``, for ``by="client"`` also ``clinician_id``,
    ``dimension``, ``n``, ``mean``, ``share_high``). ``over_time``: one row per clinician, month and
    dimension (``clinician_id``, ``month``, ``dimension``, ``n``, ``mean``). ``patterns``: one row per
    pattern worth raising (columns :data:`PATTERN_COLUMNS`). ``by`` is what the table is grouped by,
    ``group_column`` the column that holds it, ``high`` the rating that counts as high and
    ``thresholds`` every criterion used; ``clinician_id`` the one clinician kept, if any.
    """

    by: str
    group_column: str
    high: int
    table: pd.DataFrame
    over_time: pd.DataFrame
    patterns: pd.DataFrame
    thresholds: dict = field(default_factory=dict)
    clinician_id: str | None = None

    def patterns_of(self, clinician_id: str) -> pd.DataFrame:
        """The patterns about one clinician."""
        return self.patterns[self.patterns["clinician_id"] == str(clinician_id)].reset_index(drop=True)


# --------------------------------------------------------------------------- helpers
def _fmt(x: float) -> str:
    return f"{x:.1f}"


def _fmt_p(p: float) -> str:
    return "< 0.001" if p < 0.001 else f"= {p:.3f}"


def _as_text(values: pd.Series) -> pd.Series:
    """Group labels as text: booleans as true/false (as the CSV files write them); missing stays missing."""
    known = values.dropna()
    if pd.api.types.is_bool_dtype(values.dtype) or (
            len(known) and values.dtype == object and known.map(lambda v: isinstance(v, bool | np.bool_)).all()):
        return values.map({True: "true", False: "false"}).astype("str")
    return values.astype("str")


def _label(values: pd.Series) -> pd.Series:
    """Group labels as text (:func:`_as_text`), missing as 'not recorded'."""
    return _as_text(values).fillna(_NOT_RECORDED).astype("str")


def _dims(reflections: pd.DataFrame, dimensions: Sequence[str] | None) -> list[str]:
    dims = [d for d in (dimensions or DIMENSIONS) if d in reflections.columns]
    if not dims:
        raise ValueError("the reflections table has none of the check-in columns " + ", ".join(DIMENSIONS))
    return dims


def _long(reflections: pd.DataFrame, dims: list[str]) -> pd.DataFrame:
    """One row per reflection and rated dimension: clinician, client, session, rupture, created, month, rating."""
    r = reflections
    n = len(r)
    created = pd.to_datetime(r["created"], errors="coerce", format="ISO8601") if "created" in r \
        else pd.Series(pd.NaT, index=r.index)
    if getattr(created.dt, "tz", None) is not None:
        created = created.dt.tz_convert("UTC").dt.tz_localize(None)
    month = pd.to_datetime(pd.DataFrame({"year": created.dt.year, "month": created.dt.month, "day": 1}),
                           errors="coerce")
    session = pd.to_numeric(r["session"], errors="coerce") if "session" in r else pd.Series(np.nan, index=r.index)
    rupture = r["rupture"].astype("str").str.lower() if "rupture" in r else pd.Series("none", index=r.index)
    base = pd.DataFrame({
        "row": np.arange(n),
        "clinician_id": r["clinician_id"].astype("str").to_numpy() if "clinician_id" in r else None,
        "client_id": r["client_id"].astype("str").to_numpy() if "client_id" in r else None,
        "session": session.to_numpy(dtype=float, na_value=np.nan),
        "rupture": rupture.to_numpy(),
        "created": created.to_numpy(),
        "month": month.to_numpy(),
    })
    ratings = np.column_stack([pd.to_numeric(r[d], errors="coerce").to_numpy(dtype=float, na_value=np.nan)
                               for d in dims]) if n else np.empty((0, len(dims)))
    long = base.loc[base.index.repeat(len(dims))].reset_index(drop=True)
    long["dimension"] = np.tile(np.asarray(dims, dtype=object), n)
    long["dimension"] = long["dimension"].astype("str")
    long["rating"] = ratings.ravel()
    long = long[np.isfinite(long["rating"].to_numpy()) & long["clinician_id"].notna().to_numpy()]
    return long.reset_index(drop=True)


def _attribute(long: pd.DataFrame, reflections: pd.DataFrame, clients: pd.DataFrame | None, column: str):
    """The values of ``column`` for each row of ``long``: from the clients table (joined on client_id),
    else from the reflections table itself. None when neither has it."""
    if clients is not None and column in clients.columns and "client_id" in clients.columns:
        c = clients.drop_duplicates("client_id", keep="last")
        values = c.set_index(c["client_id"].astype("str"))[column]
        return values.reindex(long["client_id"].to_numpy()).reset_index(drop=True)
    if column in reflections.columns:
        return reflections[column].reset_index(drop=True).take(long["row"].to_numpy()).reset_index(drop=True)
    return None


def _bh(p: np.ndarray) -> np.ndarray:
    """Benjamini-Hochberg adjusted p values (step-up, monotone, capped at 1)."""
    p = np.asarray(p, dtype=float)
    m = len(p)
    if m == 0:
        return p
    order = np.argsort(p, kind="stable")
    ranked = p[order] * m / np.arange(1, m + 1)
    ranked = np.minimum.accumulate(ranked[::-1])[::-1]
    out = np.empty(m)
    out[order] = np.minimum(ranked, 1.0)
    return out


def _pattern_frame(rows: list[dict]) -> pd.DataFrame:
    df = pd.DataFrame(rows, columns=PATTERN_COLUMNS)
    for c in ("kind", "clinician_id", "client_id", "group_column", "group", "dimension", "detail"):
        df[c] = df[c].astype("str")
    for c in ("value", "baseline", "difference", "p", "p_adjusted"):
        df[c] = pd.to_numeric(df[c]).astype("float64")
    for c in ("n", "n_baseline"):
        df[c] = pd.array(df[c].tolist(), dtype="Int64")
    for c in ("start", "end"):
        df[c] = pd.to_datetime(df[c]).astype("datetime64[ns]")
    return df


# --------------------------------------------------------------------------- the profile
def countertransference_profile(
        reflections, by: str = "client", *, clients: pd.DataFrame | None = None, high: int = 3,
        clinician_id: str | None = None, dimensions: Sequence[str] | None = None, include_positive: bool = False,
        min_reflections: int = 4, min_share_high: float = 0.6, min_above_others: float = 1.0,
        min_rupture_shift: float = 1.0, after_sessions: int = 1, min_ruptures: int = 2,
        min_pair_baseline: int = 2,
        group_attributes: Sequence[str] = GROUP_ATTRIBUTES, min_group_difference: float = 1.0,
        min_group_clients: int = 3, min_group_reflections: int = 10, min_clinician_reflections: int = 30,
        false_discovery_rate: float = 0.05,
        min_rise_per_year: float = 0.5, trend_alpha: float = 0.05, min_trend_reflections: int = 20,
        min_trend_months: int = 6) -> CTProfile:
    """Countertransference check-ins per client, clinician or group of clients, and the patterns in them.

    ``reflections`` is the reflections table (or a :class:`~rapportlib.Dataset`, whose clients table is
    then used unless ``clients`` is given). The check-in has eight ratings 0-4, the factors of the
    Therapist Response Questionnaire (Betan et al., 2005; see :data:`DIMENSIONS`); a rating of ``high``
    or more counts as high. ``by`` is ``"client"``, ``"clinician"`` or a column of the clients table
    (``"interpreter"``, ``"cultural_background"``, ...; joined on ``client_id``; a column only the
    reflections table has, such as ``"language"``, is taken from there). ``clinician_id`` keeps one
    clinician's reflections. Missing ratings are left out, never counted as 0.

    Patterns (``CTProfile.patterns``, one row each; every comparison is within one clinician, since
    clinicians use the scale differently):

    * ``persistent_high`` -- one client: a dimension rated ``high`` or more in at least
      ``min_share_high`` (60%) of at least ``min_reflections`` (4) reflections about the client, with a
      mean at least ``min_above_others`` (1 point) above the same clinician's mean with their other
      clients in the months this client's reflections span (all their other clients when those months
      give fewer than ``min_reflections`` ratings; with fewer than that in all, nothing is reported).
      Four check-ins is the fewest where "most of them" means more than a bad week or two; the same
      months keep a phase of the clinician's (rising disengagement) from being read as one client's.
      A client on the higher side of a ``differs_by_group`` pattern of the same clinician and
      dimension must also be that far above the other clients of that side; if not, the client is
      named in the group pattern's detail instead.
    * ``shift_after_rupture`` -- a dimension higher in the reflections of sessions where the clinician
      recorded a rupture of one kind (withdrawal or confrontation) and of the ``after_sessions`` (1)
      sessions after each, than in the same clinician-client pairs' reflections with no rupture in or
      just before them: each of those reflections is compared with its own pair's mean (pairs need
      ``min_pair_baseline`` (2) such reflections), and the differences are pooled over the clinician's
      ruptures of that kind, at least ``min_ruptures`` (2) of them. Reported when the pooled mean
      difference is at least ``min_rupture_shift`` (1 point, a quarter of the scale).
    * ``differs_by_group`` -- for a clinician with at least ``min_clinician_reflections`` (30) client
      reflections, a dimension whose mean differs between groups of a client attribute
      (``group_attributes``: interpreter, cultural background, preferred language, case type, gender,
      age band). Each group with at least ``min_group_clients`` (3) clients and
      ``min_group_reflections`` (10) ratings is compared with the clinician's other clients whose value
      is recorded (two-valued attributes: one comparison, reported for the higher group); smaller groups
      are not compared (their clients still count among "the other clients"), and clients whose value
      is missing are left out. Reported when (1) the means differ by at least
      ``min_group_difference`` (1 point), (2) a two-sided Mann-Whitney U test on the ratings is
      significant after Benjamini-Hochberg correction over every comparison made in this call, at
      false-discovery rate ``false_discovery_rate`` (0.05), and (3) the difference is not one client's
      doing: with each client's mean counted once and the most extreme client on each side left out
      (the highest of the higher side, the lowest of the lower), it is still at least half of
      ``min_group_difference`` in the same direction. A split of the clinician's clients that an attribute
      earlier in ``group_attributes`` made already (all interpreter-mediated clients are the ones whose
      preferred language is not English) is the same comparison: tested and reported once, its detail
      naming the other attributes. Attributes go together (most Tamil-speaking clients may need an
      interpreter), so a difference is also reported only if it does not shrink below half of
      ``min_group_difference`` when compared within the groups of a stronger difference of the same
      clinician and dimension (smaller adjusted p first), nor, for ``ct_disengaged``, with a
      ``rising_disengagement`` line taken out (clients seen later would look more disengaging); the
      pattern that accounts for it names it in its detail. Only attributes with groups large enough to
      compare can account for another's difference: with too few clients on one side of a confounder,
      a difference may still be its shadow. Ratings of one client are not independent, so the test is
      optimistic; (1) and (3) guard against that. A pattern is a question for supervision (is this
      about the clients, the work with interpreters, or me?), not a finding of bias.
    * ``rising_disengagement`` -- ``ct_disengaged`` across a clinician's caseload rising over time: a
      least-squares line through all their ratings against the date written, over at least
      ``min_trend_reflections`` (20) ratings spanning at least ``min_trend_months`` (6) months, with a
      slope of at least ``min_rise_per_year`` (0.5 points a year, 2 points over four years) and
      p < ``trend_alpha`` (0.05, two-sided test of the slope).

    ``ct_positive`` (positive / satisfying) is the one factor where a high rating is no concern: it is
    left out of ``persistent_high`` and ``shift_after_rupture`` unless ``include_positive=True``;
    ``differs_by_group`` always compares it (feeling less positive with one group is what a bias check
    looks for).

    Pattern columns: ``kind``, ``clinician_id``, ``client_id`` (persistent_high only), ``group_column``
    and ``group`` (the attribute and its value; for shift_after_rupture ``"rupture"`` and its kind),
    ``dimension``, ``value`` (the mean of the pattern's ratings; for rising_disengagement the fitted
    level at the last rating), ``baseline`` (what it is compared with; the fitted level at the first
    rating), ``difference``, ``n``, ``n_baseline``, ``p``, ``p_adjusted``, ``start`` and ``end`` (when the
    pattern's ratings were written: first and last; empty for differs_by_group) and ``detail``, a
    sentence of ids, numbers and dimension names.
    """
    if high not in range(0, 5):
        raise ValueError("high must be a rating from 0 to 4")
    if not 0 < min_share_high <= 1:
        raise ValueError("min_share_high must be a share between 0 and 1")
    if after_sessions < 0:
        raise ValueError("after_sessions must be 0 or more")
    if clients is None:
        clients = getattr(reflections, "clients", None)
        if clients is not None and len(clients.columns) == 0:
            clients = None
    reflections = getattr(reflections, "reflections", reflections)
    if "clinician_id" not in reflections.columns:
        raise ValueError("the reflections table needs a clinician_id column")
    dims = _dims(reflections, dimensions)
    reflections = reflections.reset_index(drop=True)
    if clinician_id is not None:
        reflections = reflections[reflections["clinician_id"].astype("str") == str(clinician_id)]
        reflections = reflections.reset_index(drop=True)
    long = _long(reflections, dims)
    about_client = long["client_id"].notna().to_numpy()

    # --- the table, grouped by `by`
    if by == "client":
        group_column = "client_id"
        sub = long[about_client]
        groups = sub["client_id"]
    elif by == "clinician":
        group_column = "clinician_id"
        sub = long
        groups = sub["clinician_id"]
    else:
        group_column = by
        values = _attribute(long, reflections, clients, by)
        if values is None:
            raise ValueError(f"by must be 'client', 'clinician' or a column of the clients table; {by!r} is in "
                             "neither the clients nor the reflections table")
        sub = long[about_client]
        groups = _label(values[about_client].reset_index(drop=True))
    sub = sub.assign(group=groups.to_numpy(), high=(sub["rating"] >= high).to_numpy())
    table = _summary(sub, dims, by == "client")

    over_time = _over_time(long, dims)
    concern = [d for d in dims if include_positive or d != POSITIVE]
    rising = _rising(long, min_rise_per_year, trend_alpha, min_trend_reflections, min_trend_months)
    trends = {(r["clinician_id"], r["dimension"]): r["_trend"] for r in rising}
    groups = _differs_by_group(long[about_client].reset_index(drop=True), reflections, clients, dims,
                               group_attributes, min_group_difference, min_group_clients, min_group_reflections,
                               min_clinician_reflections, false_discovery_rate, trends)
    patterns = _persistent_high(long[about_client], concern, high, min_reflections, min_share_high,
                                min_above_others, groups)
    patterns += _shift_after_rupture(long[about_client], concern, after_sessions, min_ruptures, min_pair_baseline,
                                     min_rupture_shift)
    for g in groups:
        g.pop("_higher_side")
        named = g.pop("_clients")
        if named:
            g["detail"] += (f"; {', '.join(named)}, rated {g['dimension']} {high} or more in most reflections, "
                            f"{'is' if len(named) == 1 else 'are'} no higher than the rest of that group")
    patterns += groups
    for r in rising:
        trend = r.pop("_trend")
        if trend["accounts_for"]:
            r["detail"] += f"; it accounts for the differences by {', '.join(trend['accounts_for'])}"
    patterns += rising
    pat = _pattern_frame(patterns)
    order = {k: i for i, k in enumerate(PATTERN_KINDS)}
    dim_order = {d: i for i, d in enumerate(DIMENSIONS)}
    pat = pat.sort_values(["kind", "clinician_id", "client_id", "group_column", "group", "dimension"],
                          key=lambda s: s.map(order) if s.name == "kind" else
                          s.map(dim_order) if s.name == "dimension" else s.fillna(""),
                          kind="stable").reset_index(drop=True)
    thresholds = {
        "high": high, "min_reflections": min_reflections, "min_share_high": min_share_high,
        "min_above_others": min_above_others, "min_rupture_shift": min_rupture_shift,
        "after_sessions": after_sessions, "min_ruptures": min_ruptures, "min_pair_baseline": min_pair_baseline,
        "group_attributes": tuple(group_attributes), "min_group_difference": min_group_difference,
        "min_group_clients": min_group_clients, "min_group_reflections": min_group_reflections,
        "min_clinician_reflections": min_clinician_reflections, "false_discovery_rate": false_discovery_rate,
        "min_rise_per_year": min_rise_per_year, "trend_alpha": trend_alpha,
        "min_trend_reflections": min_trend_reflections, "min_trend_months": min_trend_months,
        "include_positive": include_positive,
    }
    return CTProfile(by=by, group_column=group_column, high=high, table=table, over_time=over_time, patterns=pat,
                     thresholds=thresholds, clinician_id=None if clinician_id is None else str(clinician_id))


def _summary(sub: pd.DataFrame, dims: list[str], with_clinician: bool) -> pd.DataFrame:
    cols = ["group"] + (["clinician_id"] if with_clinician else []) + ["dimension", "n", "mean", "share_high"]
    if sub.empty:
        return pd.DataFrame({c: pd.Series(dtype="str" if c in ("group", "clinician_id", "dimension") else
                                          "Int64" if c == "n" else "float64") for c in cols})
    g = sub.groupby(["group", "dimension"], sort=False)
    out = g.agg(n=("rating", "size"), mean=("rating", "mean"), share_high=("high", "mean")).reset_index()
    if with_clinician:      # the clinician who wrote most of the client's reflections
        who = (sub.drop_duplicates("row").groupby(["group", "clinician_id"]).size().rename("k").reset_index()
               .sort_values(["group", "k", "clinician_id"], ascending=[True, False, True], kind="stable")
               .drop_duplicates("group"))
        out = out.merge(who[["group", "clinician_id"]], on="group", how="left")
    out["n"] = out["n"].astype("Int64")
    out["_d"] = out["dimension"].map({d: i for i, d in enumerate(dims)})
    out = out.sort_values(["group", "_d"], kind="stable").drop(columns="_d").reset_index(drop=True)
    for c in ("group", "dimension") + (("clinician_id",) if with_clinician else ()):
        out[c] = out[c].astype("str")
    return out[cols]


def _over_time(long: pd.DataFrame, dims: list[str]) -> pd.DataFrame:
    sub = long[long["month"].notna()]
    g = sub.groupby(["clinician_id", "month", "dimension"], sort=True)
    out = g.agg(n=("rating", "size"), mean=("rating", "mean")).reset_index()
    out["n"] = out["n"].astype("Int64")
    out["_d"] = out["dimension"].map({d: i for i, d in enumerate(dims)})
    out = out.sort_values(["clinician_id", "_d", "month"], kind="stable").drop(columns="_d").reset_index(drop=True)
    for c in ("clinician_id", "dimension"):
        out[c] = out[c].astype("str")
    return out[["clinician_id", "month", "dimension", "n", "mean"]]


# --------------------------------------------------------------------------- patterns
def _persistent_high(long: pd.DataFrame, dims, high, min_reflections, min_share_high, min_above,
                     groups: list[dict]) -> list[dict]:
    sub = long[long["dimension"].isin(dims)]
    if sub.empty:
        return []
    sub = sub.assign(is_high=sub["rating"] >= high)
    pair = sub.groupby(["clinician_id", "client_id", "dimension"], sort=True).agg(
        n=("rating", "size"), mean=("rating", "mean"), k=("is_high", "sum"), first=("month", "min"),
        last=("month", "max"), first_at=("created", "min"), last_at=("created", "max")).reset_index()
    pair = pair[(pair["n"] >= min_reflections) & (pair["k"] >= min_share_high * pair["n"] - 1e-9)]
    rows = []
    for r in pair.itertuples(index=False):
        others = sub[(sub["clinician_id"] == r.clinician_id) & (sub["dimension"] == r.dimension)
                     & (sub["client_id"] != r.client_id)]
        everyone = others
        when = "their other clients"
        if not pd.isna(r.first):     # the same months first: a phase of the clinician's is not about this client
            same = others[(others["month"] >= r.first) & (others["month"] <= r.last)]
            if len(same) >= min_reflections:
                others = same
                when = "their other clients in the same months"
        if len(others) < min_reflections:
            continue
        other = float(others["rating"].mean())
        if r.mean - other < min_above - 1e-9:
            continue
        # a client on the higher side of a group difference is compared with that side's other clients
        own_rows = set(sub.loc[(sub["clinician_id"] == r.clinician_id) & (sub["client_id"] == r.client_id), "row"])
        group = next((g for g in groups if g["clinician_id"] == r.clinician_id and g["dimension"] == r.dimension
                      and own_rows <= g["_higher_side"]), None)
        if group is not None:
            side = everyone[everyone["row"].isin(group["_higher_side"])]
            if len(side) >= min_reflections and r.mean - float(side["rating"].mean()) < min_above - 1e-9:
                group["_clients"].append(r.client_id)
                continue
        rows.append({
            "kind": "persistent_high", "clinician_id": r.clinician_id, "client_id": r.client_id,
            "group_column": None, "group": None, "dimension": r.dimension, "value": r.mean, "baseline": other,
            "difference": r.mean - other, "n": int(r.n), "n_baseline": len(others), "p": np.nan,
            "p_adjusted": np.nan, "start": r.first_at, "end": r.last_at,
            "detail": f"{r.clinician_id} rated {r.dimension} {high} or more in {int(r.k)} of {int(r.n)} reflections "
                      f"about {r.client_id} (mean {_fmt(r.mean)}, against {_fmt(other)} with {when})",
        })
    return rows


def _shift_after_rupture(long: pd.DataFrame, dims, after_sessions, min_ruptures, min_pair_baseline,
                         min_shift) -> list[dict]:
    sub = long[long["dimension"].isin(dims) & long["session"].notna()]
    if sub.empty:
        return []
    refl = sub.drop_duplicates("row")[["row", "clinician_id", "client_id", "session", "rupture"]]
    ruptured = refl[refl["rupture"].isin(_RUPTURE_KINDS)]
    if ruptured.empty:
        return []
    # each rupture's window: its own session and the next `after_sessions` sessions of the same pair
    win = pd.concat([ruptured.assign(session=ruptured["session"] + k) for k in range(after_sessions + 1)])
    win = win.rename(columns={"rupture": "after"})[["clinician_id", "client_id", "session", "after"]]
    in_any = refl.merge(win[["clinician_id", "client_id", "session"]].drop_duplicates(),
                        on=["clinician_id", "client_id", "session"], how="inner")["row"]
    calm = sub[~sub["row"].isin(in_any) & (sub["rupture"] == "none")]
    base = calm.groupby(["clinician_id", "client_id", "dimension"]).agg(
        b_n=("rating", "size"), b_mean=("rating", "mean")).reset_index()
    base = base[base["b_n"] >= min_pair_baseline]
    rows = []
    for kind in _RUPTURE_KINDS:
        w = win[win["after"] == kind].drop_duplicates(["clinician_id", "client_id", "session"])
        hits = sub.merge(w, on=["clinician_id", "client_id", "session"], how="inner")
        hits = hits.merge(base, on=["clinician_id", "client_id", "dimension"], how="inner")
        if hits.empty:
            continue
        kept_rows = set(hits["row"])
        n_rupt = (ruptured[(ruptured["rupture"] == kind) & ruptured["row"].isin(kept_rows)]
                  .groupby("clinician_id").size())
        agg = hits.groupby(["clinician_id", "dimension"], sort=True).agg(
            n=("rating", "size"), value=("rating", "mean"), baseline=("b_mean", "mean"), start=("created", "min"),
            end=("created", "max"), clients=("client_id", lambda s: sorted(set(s)))).reset_index()
        for r in agg.itertuples(index=False):
            k = int(n_rupt.get(r.clinician_id, 0))
            diff = r.value - r.baseline
            if k < min_ruptures or diff < min_shift - 1e-9:
                continue
            n_base = int(base[(base["clinician_id"] == r.clinician_id) & (base["dimension"] == r.dimension)
                              & base["client_id"].isin(r.clients)]["b_n"].sum())
            who = ", ".join(r.clients) if len(r.clients) <= 5 else f"{len(r.clients)} clients"
            after = "" if after_sessions == 0 else \
                " and the session after" if after_sessions == 1 else f" and the {after_sessions} sessions after"
            rows.append({
                "kind": "shift_after_rupture", "clinician_id": r.clinician_id, "client_id": None,
                "group_column": "rupture", "group": kind, "dimension": r.dimension, "value": r.value,
                "baseline": r.baseline, "difference": diff, "n": int(r.n), "n_baseline": n_base, "p": np.nan,
                "p_adjusted": np.nan, "start": r.start, "end": r.end,
                "detail": f"{r.clinician_id} rated {r.dimension} {_fmt(r.value)} on average in the {int(r.n)} "
                          f"reflections of {k} sessions with a {kind} rupture{after} ({who}), against "
                          f"{_fmt(r.baseline)} with the same clients at sessions without a rupture",
            })
    return rows


def _differs_by_group(long: pd.DataFrame, reflections, clients, dims, attributes, min_diff, min_clients,
                      min_n, min_clinician, fdr, trends: dict) -> list[dict]:
    from scipy.stats import mannwhitneyu

    if long.empty:
        return []
    n_refl = long.drop_duplicates("row").groupby("clinician_id").size()
    eligible = set(n_refl[n_refl >= min_clinician].index)
    tests, splits = [], {}
    for attr in attributes:
        values = _attribute(long, reflections, clients, attr)
        if values is None:
            continue
        keep = values.notna().to_numpy() & long["clinician_id"].isin(eligible).to_numpy()
        frame = long.assign(group=_label(values).to_numpy())[keep]
        rating, group = frame["rating"].to_numpy(dtype=float), frame["group"].to_numpy(dtype=object)
        client, row = frame["client_id"].to_numpy(dtype=object), frame["row"].to_numpy()
        for (clin, dim), idx in sorted(frame.groupby(["clinician_id", "dimension"]).indices.items()):
            g_all, c_all, r_all = group[idx], client[idx], rating[idx]
            names = sorted(set(g_all))
            big = []
            for g in names:
                inside = g_all == g
                if inside.sum() >= min_n and len(set(c_all[inside])) >= min_clients:
                    big.append(g)
            if len(names) == 2:
                big = big[:1] if len(big) == 2 else []
            for g in big:
                inside = g_all == g
                c_in, c_out = frozenset(c_all[inside]), frozenset(c_all[~inside])
                if (~inside).sum() < min_n or len(c_out) < min_clients:
                    continue
                # a split of the clients that an earlier attribute made already is the same comparison
                split = (clin, dim, frozenset({c_in, c_out}))
                if split in splits:
                    splits[split]["same_as"].append(attr)
                    continue
                x, y = r_all[inside], r_all[~inside]
                p = float(mannwhitneyu(x, y, alternative="two-sided").pvalue)
                other = names[1 - names.index(g)] if len(names) == 2 else None
                if other is not None and y.mean() > x.mean():              # report the higher of two groups
                    g, other, inside, x, y = other, g, ~inside, y, x
                tests.append({"clinician_id": clin, "dimension": dim, "attr": attr, "group": g, "other": other,
                              "rows_in": row[idx][inside], "rows_out": row[idx][~inside],
                              "value": float(x.mean()), "baseline": float(y.mean()),
                              "p": 1.0 if math.isnan(p) else p, "robust": _without_extremes(r_all, c_all, inside),
                              "same_as": [], "accounts_for": []})
                splits[split] = tests[-1]
    if not tests:
        return []
    for t, q in zip(tests, _bh(np.array([t["p"] for t in tests]))):
        t["p_adjusted"] = float(q)
    found = []
    for t in tests:
        diff = t["value"] - t["baseline"]
        if (abs(diff) >= min_diff - 1e-9 and t["p_adjusted"] < fdr
                and t["robust"] * np.sign(diff) >= min_diff / 2 - 1e-9):
            found.append(t)
    pairs = {(t["clinician_id"], t["dimension"]) for t in found}
    ratings = {key: part.set_index("row")["rating"] for key, part in long.groupby(["clinician_id", "dimension"])
               if key in pairs}
    # strongest first; a difference that vanishes within the groups of a stronger one (or with the clinician's
    # trend over time taken out) is that one's shadow, not a pattern of its own
    found.sort(key=lambda t: (t["p_adjusted"], t["p"], list(attributes).index(t["attr"])))
    kept = []
    for t in found:
        r = ratings[(t["clinician_id"], t["dimension"])]
        trend = trends.get((t["clinician_id"], t["dimension"]))
        if trend is not None and abs(_detrended_difference(t, r, long, trend)) < min_diff / 2:
            trend["accounts_for"].append(f"{t['attr']} = {t['group']}")
            continue
        stronger = [k for k in kept if k["clinician_id"] == t["clinician_id"] and k["dimension"] == t["dimension"]]
        explained = next((k for k in stronger if _stratified_difference(t, k, r) * np.sign(
            t["value"] - t["baseline"]) < min_diff / 2), None)
        if explained is not None:
            explained["accounts_for"].append(f"{t['attr']} = {t['group']}")
            continue
        kept.append(t)
    rows = []
    for t in kept:
        other = f"{t['attr']} = {t['other']}" if t["other"] is not None else "their other clients"
        notes = ""
        if t["same_as"]:
            verb = "splits" if len(t["same_as"]) == 1 else "split"
            notes += f"; {', '.join(t['same_as'])} {verb} the clients the same way"
        if t["accounts_for"]:
            notes += f"; it accounts for the differences by {', '.join(t['accounts_for'])}"
        higher = t["rows_in"] if t["value"] >= t["baseline"] else t["rows_out"]
        rows.append({
            "kind": "differs_by_group", "clinician_id": t["clinician_id"], "client_id": None,
            "group_column": t["attr"], "group": t["group"], "dimension": t["dimension"], "value": t["value"],
            "baseline": t["baseline"], "difference": t["value"] - t["baseline"], "n": len(t["rows_in"]),
            "n_baseline": len(t["rows_out"]), "p": t["p"], "p_adjusted": t["p_adjusted"], "start": pd.NaT,
            "end": pd.NaT,
            "detail": f"{t['clinician_id']} rated {t['dimension']} {_fmt(t['value'])} on average with clients "
                      f"with {t['attr']} = {t['group']} ({len(t['rows_in'])} reflections), against "
                      f"{_fmt(t['baseline'])} with {other} ({len(t['rows_out'])} reflections); adjusted p "
                      f"{_fmt_p(t['p_adjusted'])}{notes}",
            "_higher_side": set(higher), "_clients": [],
        })
    return rows


def _stratified_difference(t: dict, k: dict, ratings: pd.Series) -> float:
    """Test ``t``'s difference (its group minus the rest) within each side of the stronger split ``k``,
    averaged with weights 1 / (1/n1 + 1/n2); 0 when no side of ``k`` holds both of ``t``'s sides."""
    t_in, t_out = set(t["rows_in"]), set(t["rows_out"])
    num = den = 0.0
    for side in (k["rows_in"], k["rows_out"]):
        side = set(side)
        a, b = sorted(side & t_in), sorted(side & t_out)
        if a and b:
            w = 1.0 / (1.0 / len(a) + 1.0 / len(b))
            num += w * (ratings[a].mean() - ratings[b].mean())
            den += w
    return num / den if den else 0.0


def _detrended_difference(t: dict, ratings: pd.Series, long: pd.DataFrame, trend: dict) -> float:
    """Test ``t``'s difference on the ratings with the clinician's fitted line over time taken out."""
    when = long.drop_duplicates("row").set_index("row")["created"]
    def resid(rows):
        years = ((when[rows] - trend["first"]) / pd.Timedelta(days=365.25)).to_numpy(dtype=float)
        return ratings[rows].to_numpy(dtype=float) - (trend["intercept"] + trend["slope"] * years)

    a, b = resid(t["rows_in"]), resid(t["rows_out"])
    a, b = a[np.isfinite(a)], b[np.isfinite(b)]
    return float(a.mean() - b.mean()) if len(a) and len(b) else 0.0


def _without_extremes(rating: np.ndarray, client: np.ndarray, inside: np.ndarray) -> float:
    """Difference of the two sides' client means (each client once), the most extreme client of each side
    (the highest of the higher side, the lowest of the lower side) left out."""
    def client_means(mask):
        codes, uniques = pd.factorize(client[mask])
        return np.bincount(codes, rating[mask], len(uniques)) / np.bincount(codes, minlength=len(uniques))

    means_in, means_out = client_means(inside), client_means(~inside)
    if len(means_in) < 2 or len(means_out) < 2:
        return 0.0
    up = means_in.mean() >= means_out.mean()
    a = np.sort(means_in)[:-1] if up else np.sort(means_in)[1:]
    b = np.sort(means_out)[1:] if up else np.sort(means_out)[:-1]
    return float(a.mean() - b.mean())


def _rising(long: pd.DataFrame, min_slope, alpha, min_n, min_months) -> list[dict]:
    """Rising ct_disengaged per clinician: the pattern rows, each with its fitted line (``_trend``)."""
    from scipy.stats import linregress

    dim = "ct_disengaged"
    sub = long[(long["dimension"] == dim) & long["created"].notna()]
    rows = []
    for clin, part in sub.groupby("clinician_id", sort=True):
        t = part["created"]
        first, last = t.min(), t.max()
        months = (last.year - first.year) * 12 + (last.month - first.month)
        if len(part) < min_n or months < min_months:
            continue
        years = ((t - first) / pd.Timedelta(days=365.25)).to_numpy(dtype=float)
        y = part["rating"].to_numpy(dtype=float)
        fit = linregress(years, y)
        p = float(fit.pvalue) if not math.isnan(fit.pvalue) else 1.0
        if fit.slope < min_slope - 1e-12 or p >= alpha:
            continue
        span = float(years.max())
        start, end = float(fit.intercept), float(fit.intercept + fit.slope * span)
        rows.append({
            "kind": "rising_disengagement", "clinician_id": clin, "client_id": None, "group_column": None,
            "group": None, "dimension": dim, "value": end, "baseline": start, "difference": end - start,
            "n": len(part), "n_baseline": None, "p": p, "p_adjusted": np.nan, "start": first, "end": last,
            "detail": f"{clin}'s {dim} rose by {_fmt(fit.slope)} points a year over {months} months "
                      f"({first:%Y-%m} to {last:%Y-%m}; fitted {_fmt(start)} to {_fmt(end)}, {len(part)} "
                      f"ratings, p {_fmt_p(p)})",
            "_trend": {"first": first, "intercept": float(fit.intercept), "slope": float(fit.slope),
                       "accounts_for": []},
        })
    return rows


# --------------------------------------------------------------------------- the latest check-in
def latest_check_in(reflections, client_id: str, session: int | None = None, *, clinician_id: str | None = None,
                    high: int = 3) -> dict[str, int]:
    """The dimensions rated ``high`` (3) or more in the latest check-in about a client, highest first.

    ``reflections`` is the reflections table or a :class:`~rapportlib.Dataset`. The latest check-in is
    the reflection about ``client_id`` (by ``clinician_id``, if given) with the highest session number,
    the latest written among several; with ``session`` given, the latest about that session. Returns
    ``{dimension: rating}`` (for example ``{"ct_criticised": 4, "ct_helpless": 3}``), empty when nothing
    is high or there is no such reflection. All eight dimensions count, ``ct_positive`` included.
    """
    r = getattr(reflections, "reflections", reflections)
    if "client_id" not in r.columns:
        return {}
    mine = r[(r["client_id"].astype("str") == str(client_id)).to_numpy(dtype=bool, na_value=False)]
    if clinician_id is not None:
        mine = mine[(mine["clinician_id"].astype("str") == str(clinician_id)).to_numpy(dtype=bool, na_value=False)]
    s = pd.to_numeric(mine["session"], errors="coerce") if "session" in mine else pd.Series(np.nan, index=mine.index)
    if session is not None:
        mine, s = mine[(s == session).to_numpy(dtype=bool, na_value=False)], s[s == session]
    if mine.empty:
        return {}
    created = pd.to_datetime(mine["created"], errors="coerce", format="ISO8601") if "created" in mine \
        else pd.Series(pd.NaT, index=mine.index)
    order = pd.DataFrame({"s": s.fillna(-np.inf).to_numpy(dtype=float), "c": created.to_numpy()},
                         index=mine.index).sort_values(["s", "c"], kind="stable", na_position="first")
    latest = mine.loc[order.index[-1]]
    found = {}
    for d in DIMENSIONS:
        v = pd.to_numeric(pd.Series([latest.get(d)]), errors="coerce").iloc[0] if d in mine.columns else np.nan
        if not pd.isna(v) and v >= high:
            found[d] = int(v)
    return dict(sorted(found.items(), key=lambda kv: (-kv[1], list(DIMENSIONS).index(kv[0]))))
