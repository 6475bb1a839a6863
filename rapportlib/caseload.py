"""Which clients a supervisor should look at first, and why, in plain language.

:func:`alerts` applies a handful of rules to each client's most recent ratings and returns one ranked
table. Thresholds come from the instrument files (``cutoffs``, ``reliable_change`` and ``alerts``
entries), so a service changes them there, not in code. :func:`expected_trajectories` is the
"expected treatment response" behind the not-on-track rule, estimated from the dataset itself.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from .alliance import discrepancy, ruptures

__all__ = ["SEVERITY", "Events", "alerts", "events", "expected_trajectories", "not_on_track", "priority"]

#: How urgent each kind of alert is (5 = look first). Ranking uses the highest, then the count.
SEVERITY = {
    "unrepaired_rupture": 5,
    "reliable_deterioration": 5,
    "low_alliance": 4,
    "alliance_drop": 4,
    "outcome_drop": 3,
    "not_on_track": 3,
    "low_item": 3,
    "rater_gap": 2,
}

COLUMNS = ["priority", "client_id", "clinician_id", "session", "kind", "severity", "measure", "value", "threshold",
           "reason"]

#: "At least N points" allows for binary rounding: 49/12 - 43/12 is a fall of half a point.
_EPS = 1e-9

#: Intake-severity bands of the ORS total (clinical cut-off 25): lower edges, inclusive.
ORS_BANDS = (0.0, 15.0, 20.0, 25.0)


def _fmt(x: float) -> str:
    return f"{x:.1f}".rstrip("0").rstrip(".") if abs(x - round(x)) > 1e-9 else f"{x:.0f}"


def _last_rows(sessions: pd.DataFrame, column: str, n: int = 1) -> pd.DataFrame:
    """Each client's last ``n`` rows with a value in ``column``.

    ``sessions`` is the working copy of :func:`_working_copy`: integer client codes, sorted by client
    and session. A row is among its client's last ``n`` when the row ``n`` places on is another client's.
    """
    s = sessions.loc[sessions[column].notna(), ["client_id", "session", column]
                     + (["clinician_id"] if "clinician_id" in sessions else [])]
    codes = s["client_id"].to_numpy()
    ahead = np.full(len(codes), -1, dtype=np.int64)
    if n < len(codes):
        ahead[:-n] = codes[n:]
    return s.iloc[np.flatnonzero(ahead != codes)]


def _rows(kind, measure, df, value, threshold, reason) -> pd.DataFrame:
    return pd.DataFrame({"client_id": df["client_id"].to_numpy(), "clinician_id":
                         df["clinician_id"].to_numpy() if "clinician_id" in df else None,
                         "session": df["session"].to_numpy(), "kind": kind, "severity": SEVERITY[kind],
                         "measure": measure, "value": np.asarray(value, float),
                         "threshold": np.asarray(threshold, float) * np.ones(len(df)), "reason": reason})


# --------------------------------------------------------------------------- expected trajectories
def expected_trajectories(sessions: pd.DataFrame, measure: str = "ors_total", *, bands=ORS_BANDS,
                          z: float = 1.0, min_clients: int = 10, max_session: int | None = None) -> pd.DataFrame:
    """Expected change from intake, by intake-severity band, estimated from the data themselves.

    For each client the first score is the intake; every later score gives a change from intake at
    ``k`` sessions since intake. Within each intake band (``bands`` are lower edges) the expected
    change is the least-squares fit ``b * ln(1 + k)`` (change is 0 at intake and most of it comes early,
    the dose-effect curve of Howard et al., 1986), and the tolerance is ``z`` residual SDs below it
    (``z = 1``: roughly the slowest sixth of comparable clients). A band with fewer than
    ``min_clients`` clients uses the fit of all clients together.

    Returns one row per band and ``k``: ``band``, ``band_low``, ``band_high``, ``k``, ``expected``,
    ``lower``, ``slope``, ``residual_sd``, ``n_clients`` and ``pooled`` (True when the band borrowed
    the overall fit).
    """
    s = sessions.loc[sessions[measure].notna(), ["client_id", "session", measure]].sort_values(
        ["client_id", "session"], kind="stable")
    first = s.groupby("client_id", sort=False).transform("first")
    k = (s["session"] - first["session"]).to_numpy(dtype=float, na_value=np.nan)
    change = (s[measure] - first[measure]).to_numpy(dtype=float)
    intake = first[measure].to_numpy(dtype=float)
    edges = np.asarray(bands, float)
    band = np.searchsorted(edges, intake, side="right") - 1
    later = k > 0
    lk = np.log1p(np.where(later, k, 0.0))

    def fit(mask):
        x, y = lk[mask], change[mask]
        if len(x) < 3 or not np.any(x > 0):
            return np.nan, np.nan
        b = float(np.dot(x, y) / np.dot(x, x))
        resid = y - b * x
        return b, float(np.sqrt(np.sum(resid ** 2) / max(len(x) - 1, 1)))

    b_all, sd_all = fit(later)
    kmax = int(np.nanmax(k)) if max_session is None and len(k) else int(max_session or 0)
    ks = np.arange(1, max(kmax, 1) + 1)
    rows = []
    client_codes = pd.factorize(s["client_id"])[0]
    for i, lo in enumerate(edges):
        hi = edges[i + 1] if i + 1 < len(edges) else np.inf
        mask = later & (band == i)
        n_clients = len(np.unique(client_codes[band == i]))
        b, sd = fit(mask) if n_clients >= min_clients else (np.nan, np.nan)
        pooled = bool(np.isnan(b))
        if pooled:
            b, sd = b_all, sd_all
        exp = b * np.log1p(ks)
        label = f"{_fmt(lo)}–{_fmt(hi)}" if np.isfinite(hi) else f"{_fmt(lo)} and above"
        rows.append(pd.DataFrame({"band": label, "band_low": lo, "band_high": hi, "k": ks, "expected": exp,
                                  "lower": exp - z * sd, "slope": b, "residual_sd": sd, "n_clients": n_clients,
                                  "pooled": pooled}))
    return pd.concat(rows, ignore_index=True)


def not_on_track(sessions: pd.DataFrame, measure: str = "ors_total", *, from_session: int = 3,
                 trajectories: pd.DataFrame | None = None, **kwargs) -> pd.DataFrame:
    """Each client's latest score compared with the expected trajectory of clients who started alike.

    Returns one row per client with a latest score at least ``from_session`` sessions after intake:
    ``client_id``, ``session``, ``k``, ``intake``, ``score``, ``change``, ``band``, ``expected``
    (expected score), ``lower`` and ``not_on_track`` (the change is below the band's tolerance).
    """
    traj = expected_trajectories(sessions, measure, **kwargs) if trajectories is None else trajectories
    s = sessions.loc[sessions[measure].notna(), ["client_id", "session", measure]].sort_values(
        ["client_id", "session"], kind="stable")
    g = s.groupby("client_id", sort=False)
    first, last = g.head(1).set_index("client_id"), g.tail(1).set_index("client_id")
    out = pd.DataFrame({"session": last["session"], "intake": first[measure].reindex(last.index),
                        "score": last[measure]})
    out["k"] = (out["session"] - first["session"].reindex(last.index)).astype("Int64")
    out = out[out["k"] >= from_session].copy()
    out["change"] = out["score"] - out["intake"]
    edges = np.sort(traj["band_low"].unique())
    idx = np.searchsorted(edges, out["intake"].to_numpy(float), side="right") - 1
    out["band_low"] = edges[np.clip(idx, 0, len(edges) - 1)]
    kmax = int(traj["k"].max())
    out["k_lookup"] = np.minimum(out["k"].to_numpy(dtype=np.int64), kmax)
    t = traj[["band_low", "band", "k", "expected", "lower"]].rename(columns={"k": "k_lookup"})
    out = out.reset_index().merge(t, on=["band_low", "k_lookup"], how="left")
    out["not_on_track"] = out["change"] < out["lower"]
    out["expected"] = out["intake"] + out["expected"]
    out["lower"] = out["intake"] + out["lower"]
    return out[["client_id", "session", "k", "intake", "score", "change", "band", "expected", "lower", "not_on_track"]]


# --------------------------------------------------------------------------- alerts
def alerts(dataset, *, instruments=None, rupture_threshold: float = 2.0, rater_gap_sd: float = 1.0,
           recent: int = 3, outcome: str = "ors_total", from_session: int = 3) -> pd.DataFrame:
    """A ranked table of what a supervisor should look at first, one row per alert.

    ``dataset`` is a :class:`~rapportlib.Dataset` (or a sessions table, then ``instruments`` is a
    dict of instruments or the shipped ones are used). Rules, each on the client's latest ratings:

    * ``low_alliance``: an alliance total below its instrument's cut-off (SRS: below 36);
    * ``low_item``: any single item below the instrument's ``item_below`` (SRS: 8);
    * ``alliance_drop`` / ``outcome_drop``: a fall since the previous rating of at least the
      instrument's ``drop`` threshold (SRS 3 points, ORS 5, WAI-SR half a point);
    * ``unrepaired_rupture``: a rupture (:func:`~rapportlib.ruptures`, ``rupture_threshold`` SDs) not
      repaired within its window, with the latest rating still below the pre-rupture level;
    * ``not_on_track``: the outcome is below the expected trajectory for clients with a similar intake
      score (:func:`not_on_track`), from ``from_session`` sessions after intake;
    * ``reliable_deterioration``: the outcome has fallen from intake by the instrument's reliable-change
      value or more (ORS: 5 points);
    * ``rater_gap``: over the last ``recent`` sessions the clinician rated the alliance higher than the
      client by more than ``rater_gap_sd`` SDs (:func:`~rapportlib.discrepancy`).

    Columns: ``priority`` (1 = look at this client first; by highest severity, then number of
    alerts, then lowest latest alliance), ``client_id``, ``clinician_id``, ``session``, ``kind``,
    ``severity`` (see :data:`SEVERITY`), ``measure``, ``value``, ``threshold`` and ``reason``.
    """
    from .instruments import list_instruments

    insts = getattr(dataset, "instruments", None) or instruments or list_instruments()
    sessions, reflections, clients = _working_copy(dataset, insts, outcome)
    found = []
    # instruments with a cut-off first (SRS before WAI-SR), so each kind of alert names the main measure
    ordered = sorted(insts.values(), key=lambda i: (not i.cutoffs, i.id))
    found += _threshold_alerts(sessions, ordered)
    found += _rupture_alerts(sessions, ordered, insts, rupture_threshold)
    found += _outcome_alerts(sessions, insts, outcome, from_session)
    found += _rater_gap_alerts(sessions, reflections, recent, rater_gap_sd)
    found = [f for f in found if len(f)]
    if not found:
        return pd.DataFrame({c: pd.Series(dtype=t) for c, t in zip(
            COLUMNS, ["int64", "str", "str", "Int64", "str", "int64", "str", "float64", "float64", "str"])})
    out = pd.concat(found, ignore_index=True)
    out = out.drop_duplicates(["client_id", "kind"], keep="first")      # one alert of a kind per client
    out["session"] = pd.array(out["session"], dtype="Int64")
    out = _rank(out, sessions, insts)
    out["client_id"] = clients[out["client_id"].to_numpy(dtype=np.int64)]
    for c in ("client_id", "clinician_id", "kind", "measure", "reason"):
        out[c] = out[c].astype("str")
    return out[COLUMNS]


def _threshold_alerts(sessions: pd.DataFrame, ordered) -> list[pd.DataFrame]:
    """Cut-off, single-item and drop-since-last-session alerts, from each instrument's ``alerts`` entries."""
    out = []
    for inst in ordered:
        for rule in inst.alerts:
            col = inst.scale_column(rule.scale)
            if col not in sessions.columns or not sessions[col].notna().any():
                continue
            last2 = _last_rows(sessions, col, 2)
            last = last2.groupby("client_id", sort=False).tail(1)
            if inst.kind == "alliance":
                for cut in inst.cutoffs:
                    if cut.scale != rule.scale or cut.direction != "below":
                        continue
                    low = last[last[col] < cut.value]
                    out.append(_rows("low_alliance", col, low, low[col], cut.value,
                                     [f"{inst.name} total {_fmt(v)} at session {int(ss)} is below the cut-off "
                                      f"{_fmt(cut.value)}" for v, ss in zip(low[col], low["session"])]))
            if rule.item_below is not None and all(c in sessions.columns for c in inst.item_columns):
                items = sessions.loc[last.index, inst.item_columns].to_numpy(dtype=float, na_value=np.nan)
                worst = np.where(np.isnan(items), np.inf, items).min(axis=1)     # a missing item is not low
                low = worst < rule.item_below
                sub = last[low]
                out.append(_rows("low_item", f"{inst.id}_items", sub, worst[low],
                                 rule.item_below,
                                 [f"one {inst.name} item marked {_fmt(w)} (below {_fmt(rule.item_below)}) at "
                                  f"session {int(ss)}" for w, ss in zip(worst[low], sub["session"])]))
            if rule.drop is not None:
                prev = last2.groupby("client_id", sort=False)[col].shift(1)
                fall = (prev - last2[col]).loc[last.index]
                hit = fall >= rule.drop - _EPS
                sub = last[hit.to_numpy()]
                kind = "alliance_drop" if inst.kind == "alliance" else "outcome_drop"
                out.append(_rows(kind, col, sub, fall[hit], rule.drop,
                                 [f"{inst.name} fell {_fmt(f)} points since the previous session (to {_fmt(v)} "
                                  f"at session {int(ss)})" for f, v, ss in zip(fall[hit], sub[col], sub["session"])]))
    return out


def _rupture_alerts(sessions: pd.DataFrame, ordered, insts, rupture_threshold: float) -> list[pd.DataFrame]:
    """Unrepaired ruptures in a client-rated alliance total whose latest rating is still below the pre-drop level."""
    out = []
    for inst in ordered:
        if inst.kind != "alliance" or inst.respondent != "client":
            continue
        col = inst.scale_column("total") if "total" in inst.scales else None
        if col is None or col not in sessions.columns or not sessions[col].notna().any():
            continue
        ev = ruptures(sessions, col, threshold=rupture_threshold, instruments=insts)
        ev = ev[ev["pattern"] == "unrepaired"]
        if ev.empty:
            continue
        ev = ev.assign(client_id=ev["client_id"].astype(np.int64))          # back to the working codes
        last = _last_rows(sessions, col).set_index("client_id")
        ev = ev.join(last[[col, "session"] + (["clinician_id"] if "clinician_id" in last else [])]
                     .rename(columns={col: "latest", "session": "latest_session"}), on="client_id")
        tol = 0.5 * ev["size"] / ev["size_sd"]
        ev = ev[ev["latest"] < ev["pre_score"] - tol].drop_duplicates("client_id", keep="last")
        sub = ev.assign(session=ev["drop_session"])
        out.append(_rows("unrepaired_rupture", col, sub, sub["size"], np.nan,
                         [f"{inst.name} fell {_fmt(sz)} points at session {int(d)} (from {_fmt(p)}) and has not "
                          + (f"come back: {_fmt(lt)} at session {int(ls)}" if ls != d else
                             "come back yet: it is the latest session")
                          for sz, d, p, lt, ls in zip(sub["size"], sub["drop_session"], sub["pre_score"],
                                                      sub["latest"], sub["latest_session"])]))
    return out


def _outcome_alerts(sessions: pd.DataFrame, insts, outcome: str, from_session: int) -> list[pd.DataFrame]:
    """Not on track against the expected trajectory, and reliable deterioration since intake."""
    from .instruments import instrument_for

    out = []
    if outcome not in sessions.columns or not sessions[outcome].notna().any():
        return out
    inst, scale = instrument_for(outcome, insts) or (None, None)
    name = inst.name if inst else outcome
    rc_value = next((rc.value for rc in (inst.reliable_change if inst else []) if rc.scale == scale), None)
    clin = (sessions.drop_duplicates("client_id", keep="last").set_index("client_id")["clinician_id"]
            if "clinician_id" in sessions else None)
    track = not_on_track(sessions, outcome, from_session=from_session)
    if clin is not None:
        track["clinician_id"] = clin.reindex(track["client_id"]).to_numpy()
    off = track[track["not_on_track"]]
    out.append(_rows("not_on_track", outcome, off, off["score"], off["lower"],
                     [f"{name} {_fmt(sc)} at session {int(ss)}, {int(k)} sessions after intake, is below the "
                      f"{_fmt(lo)} expected of clients who started at {b} (expected {_fmt(ex)})"
                      for sc, ss, k, lo, b, ex in zip(off["score"], off["session"], off["k"], off["lower"],
                                                      off["band"], off["expected"])]))
    if rc_value is not None:
        s = sessions.loc[sessions[outcome].notna()].sort_values(["client_id", "session"], kind="stable")
        g = s.groupby("client_id", sort=False)
        first, last = g.head(1).set_index("client_id"), g.tail(1).set_index("client_id")
        fall = first[outcome].reindex(last.index) - last[outcome]
        fall = (1 if inst.higher_is_better else -1) * fall
        hit = (fall >= rc_value - _EPS) & (last["session"] != first["session"].reindex(last.index))
        sub = last[hit].reset_index()
        out.append(_rows("reliable_deterioration", outcome, sub, fall[hit], rc_value,
                         [f"{name} is {_fmt(f)} points worse than at intake ({_fmt(a)} -> {_fmt(b)}); a change "
                          f"of {_fmt(rc_value)} is reliable" for f, a, b in
                          zip(fall[hit], first[outcome].reindex(sub["client_id"]), sub[outcome])]))
    return out


def _rater_gap_alerts(sessions: pd.DataFrame, reflections, recent: int, rater_gap_sd: float) -> list[pd.DataFrame]:
    """The clinician rated the alliance more than ``rater_gap_sd`` SDs above the client, lately."""
    out = []
    gaps = discrepancy(sessions, reflections=reflections, by="session")
    if len(gaps):
        gaps = gaps.sort_values(["client_id", "session"], kind="stable")
        recent_gaps = gaps.groupby(["client_id", "pair"], sort=False).tail(recent)
        agg = recent_gaps.groupby(["client_id", "pair"], sort=False).agg(
            gap_sd=("gap_sd", "mean"), gap=("gap", "mean"), n=("gap", "size"), session=("session", "max"),
            unit=("unit", "first"), **({"clinician_id": ("clinician_id", "last")} if "clinician_id" in gaps else {}))
        agg = agg.reset_index()
        agg = agg[(agg["gap_sd"] > rater_gap_sd) & (agg["n"] >= min(recent, 2))]
        agg = agg.sort_values("gap_sd", ascending=False).drop_duplicates("client_id")
        out.append(_rows("rater_gap", "alliance", agg, agg["gap_sd"], rater_gap_sd,
                         [f"over the last {n} sessions the clinician rated the alliance {_fmt(gsd)} SD higher than "
                          f"the client ({p}: {_fmt(g)} points on {u})" for n, gsd, p, g, u in
                          zip(agg["n"], agg["gap_sd"].round(1), agg["pair"], agg["gap"].round(2), agg["unit"])]))
    return out


def _working_copy(dataset, insts, outcome: str):
    """The columns the rules read, sorted by client and session once, with clients as integer codes.

    Grouping and sorting on integers instead of strings is what keeps the alerts fast on a million rows;
    the codes are turned back into client ids at the end (``clients[code]``).
    """
    from .alliance import PAIRS

    sessions = getattr(dataset, "sessions", dataset)
    reflections = getattr(dataset, "reflections", None)
    wanted = {"client_id", "session", "clinician_id", outcome}
    for inst in insts.values():
        wanted.update(inst.scale_columns)
        if inst.alerts:
            wanted.update(inst.item_columns)
    for pair in PAIRS:
        wanted.update((pair.clinician, pair.client))
    cols = [c for c in sessions.columns if c in wanted]
    codes, clients = pd.factorize(sessions["client_id"], sort=True)
    sess = sessions["session"].to_numpy(dtype=np.float64, na_value=np.nan)
    order = np.lexsort((sess, codes))
    work = sessions[cols].take(order).reset_index(drop=True)
    work["client_id"] = codes[order].astype(np.int64)
    clients = np.asarray(clients, dtype=object)
    if reflections is not None and len(reflections) and "client_id" in reflections:
        idx = pd.Index(clients).get_indexer(reflections["client_id"])
        keep = idx >= 0
        reflections = reflections.loc[keep].assign(client_id=idx[keep].astype(np.int64))
    return work, reflections, clients


def _rank(out: pd.DataFrame, sessions: pd.DataFrame, insts) -> pd.DataFrame:
    by_client = out.groupby("client_id").agg(top=("severity", "max"), n=("severity", "size"))
    latest = None
    for inst in insts.values():
        col = inst.scale_column("total") if "total" in inst.scales else None
        if inst.kind == "alliance" and inst.respondent == "client" and col in sessions.columns:
            latest = _last_rows(sessions, col).set_index("client_id")[col] / inst.scale_range("total")[1]
            break
    by_client["latest"] = latest.reindex(by_client.index).fillna(np.inf) if latest is not None else 0.0
    by_client = by_client.sort_values(["top", "n", "latest"], ascending=[False, False, True], kind="stable")
    by_client["priority"] = np.arange(1, len(by_client) + 1)
    out = out.join(by_client["priority"], on="client_id")
    return out.sort_values(["priority", "severity", "session"], ascending=[True, False, False],
                           kind="stable").reset_index(drop=True)


def priority(alerts_table: pd.DataFrame) -> pd.DataFrame:
    """One row per client in priority order: ``priority``, ``client_id``, ``clinician_id``, ``n_alerts``,
    ``top_severity`` and ``summary`` (the alert kinds, most severe first)."""
    g = alerts_table.groupby(["priority", "client_id"], sort=True)
    return g.agg(clinician_id=("clinician_id", "first"), n_alerts=("kind", "size"),
                 top_severity=("severity", "max"),
                 summary=("kind", lambda k: ", ".join(dict.fromkeys(x.replace("_", " ") for x in k)))
                 ).reset_index()


# --------------------------------------------------------------------------- events, described
@dataclass
class Events:
    """Every client's alliance ruptures and sudden outcome changes, and a plain-language list of them.

    ``ruptures`` is :func:`~rapportlib.ruptures` output, ``changes`` sudden gains and losses together
    (each None when its measure is absent), ``table`` one row per event: ``client_id``, ``session`` and
    ``what``.
    """

    ruptures: pd.DataFrame | None
    changes: pd.DataFrame | None
    table: pd.DataFrame


_PATTERN_WORDS = {"v": "rupture (sudden drop)", "decline_repair": "rupture (decline, then sudden repair)",
                  "unrepaired": "rupture"}


def events(sessions: pd.DataFrame, *, alliance: str = "srs_total", outcome: str = "ors_total",
           rupture_threshold: float = 2.0, instruments=None) -> Events:
    """Ruptures in ``alliance`` and sudden gains and losses in ``outcome``, for every client at once.

    Sudden changes use the outcome instrument's reliable-change value as the first criterion (ORS: 5
    points), with the other two criteria at their defaults; without such a value none are looked for.
    """
    from .change import sudden_gains, sudden_losses
    from .instruments import instrument_for

    empty = pd.DataFrame(columns=["client_id", "session", "what"])
    rup = ruptures(sessions, alliance, threshold=rupture_threshold, instruments=instruments) \
        if alliance in sessions else None
    inst, scale = instrument_for(outcome, instruments) or (None, None)
    cut = next((rc.value for rc in (inst.reliable_change if inst else []) if rc.scale == scale), None)
    changes = None
    if outcome in sessions and cut is not None:
        changes = pd.concat([sudden_gains(sessions, outcome, cut, instruments=instruments),
                             sudden_losses(sessions, outcome, cut, instruments=instruments)], ignore_index=True)
    rows = []
    a_name = alliance.split("_")[0].upper()
    o_name = outcome.split("_")[0].upper()
    if rup is not None:
        rows += [(e.client_id, e.drop_session,
                  f"{a_name} {_PATTERN_WORDS[e.pattern]}: −{e.size:.1f} points ({e.size_sd:.1f} SD), "
                  + (f"repaired by session {e.repaired_session}" if not pd.isna(e.repaired_session)
                     else "not repaired"))
                 for e in rup.itertuples(index=False)]
    if changes is not None:
        rows += [(e.client_id, e.post_session, f"{o_name} sudden {e.kind}: {e.magnitude:.1f} points "
                                               f"(session {e.pre_session} → {e.post_session})")
                 for e in changes.itertuples(index=False)]
    table = pd.DataFrame(rows, columns=empty.columns) if rows else empty
    table = table.sort_values(["client_id", "session"], kind="stable").reset_index(drop=True)
    return Events(ruptures=rup, changes=changes, table=table)
