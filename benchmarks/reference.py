"""Plain per-client reference implementations of rapportlib's vectorised statistics.

Each function reads the sessions table into one series per client and then walks that client's
sessions in ordinary Python, rule by rule as the docstrings of :mod:`rapportlib.change`,
:mod:`rapportlib.alliance` and :mod:`rapportlib.caseload` state them. Nothing is vectorised across
clients: these are meant to be obviously right, not fast.

* ``tests/test_reference.py`` checks the vectorised functions against them on the demo data and on a
  synthetic table from ``benchmarks/run.py``;
* ``benchmarks/run.py`` times both on the same data.

Arithmetic is plain float arithmetic on the stored values. One exception: rapportlib's own "at least
N points" thresholds on score differences (the rupture floor, the drop alerts, reliable deterioration)
are compared with ``ROUNDING`` of room, because scores are decimals (steps of 0.1 or 1/12) and their
difference in binary floating point can miss the threshold by 1e-15 (49/12 - 43/12 = 0.49999999999999956
for a WAI-SR fall of exactly half a point). The sudden-gain criteria stay exact, as in the R package
suddengains that they follow.
"""

from __future__ import annotations

import math
from bisect import bisect_right
from collections import defaultdict

import pandas as pd

from rapportlib.alliance import _drop_threshold  # the instrument lookup, not the statistic

__all__ = ["EVENT_COLUMNS", "RUPTURE_COLUMNS", "alerts_loop", "client_ruptures", "client_series",
           "ruptures_loop", "sudden_gains_loop", "sudden_losses_loop"]

#: room for binary rounding when a difference of decimal scores is compared with an "at least" threshold
ROUNDING = 1e-9

EVENT_COLUMNS = ["client_id", "measure", "pre_session", "post_session", "pre_score", "post_score", "magnitude",
                 "kind"]
RUPTURE_COLUMNS = ["client_id", "pre_session", "drop_session", "pre_score", "drop_score", "size", "size_sd",
                   "repaired_session", "pattern", "window_complete"]


# --------------------------------------------------------------------------- small helpers
def _missing(value) -> bool:
    """None, pandas' NA or a float NaN."""
    return value is None or value is pd.NA or (isinstance(value, float) and math.isnan(value))


def _at_least(difference: float, threshold: float) -> bool:
    """``difference >= threshold`` for differences of decimal scores (see ``ROUNDING``)."""
    return difference >= threshold - ROUNDING


def _mean(values: list[float]) -> float:
    return sum(values) / len(values)


def _variance(values: list[float]) -> float:
    """Sample variance (n - 1 in the denominator)."""
    m = _mean(values)
    return sum((v - m) ** 2 for v in values) / (len(values) - 1)


def client_series(sessions: pd.DataFrame, measure: str, id_col: str = "client_id",
                  session_col: str = "session") -> dict[str, list[tuple[int, float]]]:
    """Each client's ``(session, score)`` pairs where there is a score, in session order.

    Rows without a client, a session number or a score are skipped; two scores for one client and
    session are refused, as rapportlib does.
    """
    for c in (id_col, session_col, measure):
        if c not in sessions.columns:
            raise ValueError(f"the sessions table has no column {c!r}")
    scores: dict[str, dict[int, float]] = defaultdict(dict)
    for client, session, score in zip(sessions[id_col].tolist(), sessions[session_col].tolist(),
                                      pd.to_numeric(sessions[measure], errors="coerce").tolist()):
        if _missing(client) or _missing(session) or _missing(score):
            continue
        if float(session) != int(session):
            raise ValueError(f"session numbers must be whole numbers, not {session!r}")
        client, session = str(client), int(session)
        if session in scores[client]:
            raise ValueError(f"client {client!r} has more than one {measure!r} score at session {session}")
        scores[client][session] = float(score)
    return {client: sorted(by_session.items()) for client, by_session in scores.items()}


# --------------------------------------------------------------------------- sudden gains and losses
def _is_sudden_change(x: list[float], n: int, *, cutoff, pct, stability: bool, alpha: float,
                      fall_is_event: bool) -> bool:
    """Whether the interval from grid value ``n`` to ``n + 1`` is a sudden gain (loss) by every criterion in use.

    ``fall_is_event``: a fall in the score is what is looked for (a gain where lower is better, a loss where
    higher is better). An interval where a criterion in use cannot be evaluated is not judged: False.
    """
    from scipy.stats import t

    pre, post = x[n], x[n + 1]
    change = pre - post if fall_is_event else post - pre
    if cutoff is not None or pct is not None:
        if math.isnan(pre) or math.isnan(post):
            return False
        # 1. at least the cut-off
        if cutoff is not None and not change >= cutoff:
            return False
        # 2. at least pct of the pre-gain score
        if pct is not None and not change >= pct * pre:
            return False
    if stability:
        # 3. mean of the three sessions up to and including n against the three after it, missing values
        #    dropped, at least two on each side, critical t with k_pre + k_post - 2 degrees of freedom
        before = [v for v in x[max(n - 2, 0):n + 1] if not math.isnan(v)]
        after = [v for v in x[n + 1:n + 4] if not math.isnan(v)]
        if len(before) < 2 or len(after) < 2:
            return False
        df = len(before) + len(after) - 2
        t_crit = t.ppf(1 - alpha / 2, df)
        pooled_sd = math.sqrt(((len(before) - 1) * _variance(before) + (len(after) - 1) * _variance(after)) / df)
        mean_change = _mean(before) - _mean(after) if fall_is_event else _mean(after) - _mean(before)
        if not mean_change > t_crit * pooled_sd:
            return False
    return True


def sudden_gains_loop(sessions: pd.DataFrame, measure: str, cutoff: float | None, pct: float | None = 0.25,
                      stability: bool = True, alpha: float = 0.05, lower_is_better: bool = True, *,
                      identify: str = "gain") -> pd.DataFrame:
    """Sudden gains (``identify="gain"``) or losses (``"loss"``), Tang & DeRubeis as suddengains applies them.

    Every client is laid on one session grid: all session numbers from the first to the last session
    with a score anywhere in the table (a missed session is a missing value). The intervals judged run
    from the 2nd to the 3rd grid value up to the third-last to the second-last.
    """
    if identify not in ("gain", "loss"):
        raise ValueError("identify must be 'gain' or 'loss'")
    series = client_series(sessions, measure)
    fall_is_event = lower_is_better == (identify == "gain")
    rows = []
    if series:
        first = min(session for pairs in series.values() for session, _ in pairs)
        last = max(session for pairs in series.values() for session, _ in pairs)
        grid = list(range(first, last + 1))
        for client in sorted(series):
            scores = dict(series[client])
            x = [scores.get(session, math.nan) for session in grid]
            for n in range(1, len(grid) - 2):          # pre-gain value: 2nd .. third-last grid value
                if _is_sudden_change(x, n, cutoff=cutoff, pct=pct, stability=stability, alpha=alpha,
                                     fall_is_event=fall_is_event):
                    pre, post = x[n], x[n + 1]
                    rows.append({"client_id": client, "measure": measure, "pre_session": grid[n],
                                 "post_session": grid[n + 1], "pre_score": pre, "post_score": post,
                                 "magnitude": pre - post if fall_is_event else post - pre, "kind": identify})
    out = pd.DataFrame(rows, columns=EVENT_COLUMNS)
    for c in ("pre_session", "post_session"):
        out[c] = out[c].astype("Int64")
    for c in ("pre_score", "post_score", "magnitude"):
        out[c] = out[c].astype(float)
    return out


def sudden_losses_loop(sessions: pd.DataFrame, measure: str, cutoff: float | None, pct: float | None = 0.25,
                       stability: bool = True, alpha: float = 0.05, lower_is_better: bool = True) -> pd.DataFrame:
    """Sudden losses: :func:`sudden_gains_loop` looking for worsening instead of improvement."""
    return sudden_gains_loop(sessions, measure, cutoff, pct, stability, alpha, lower_is_better, identify="loss")


# --------------------------------------------------------------------------- ruptures
def client_ruptures(client: str, pairs: list[tuple[int, float]], *, threshold: float = 2.0, window: int = 3,
                    decline_sessions: int = 3, repair_tolerance: float = 0.5, min_size: float = 0.0,
                    min_sessions: int = 4) -> list[dict]:
    """One client's rupture-repair episodes from their ``(session, rating)`` pairs in session order.

    Each episode is a dict with the columns of :func:`rapportlib.ruptures` and ``sd``, the client's SD.
    """
    sessions = [s for s, _ in pairs]
    v = [r for _, r in pairs]
    if len(v) < min_sessions:
        return []
    sd = math.sqrt(_variance(v))                     # SD of the client's whole series, rupture included
    if not sd > 0:
        return []

    def sudden(change: float) -> bool:
        """More than ``threshold`` SDs and at least ``min_size`` points: a rupture when it is a fall."""
        return change > threshold * sd and _at_least(change, min_size)

    def decline_start(i: int) -> int | None:
        """Start of a decline of 2 .. decline_sessions steps ending at rating i, the longest one first."""
        for k in range(decline_sessions, 1, -1):
            if i - k < 0:
                continue
            steps = [v[j - 1] - v[j] for j in range(i - k + 1, i + 1)]
            if all(step > 0 and not sudden(step) for step in steps) and sudden(v[i - k] - v[i]):
                return i - k
        return None

    episodes = []
    for i in range(1, len(v)):                        # i: the low point; the previous rating is i - 1
        if sudden(v[i - 1] - v[i]):
            pre, decline = i - 1, False
        else:
            # a decline counts only when a sudden rise follows at the next rating
            if i + 1 >= len(v) or not sudden(v[i + 1] - v[i]):
                continue
            pre = decline_start(i)
            if pre is None:
                continue
            decline = True
        level = v[pre] - repair_tolerance * sd       # back to the pre-drop level, less the tolerance
        repaired = None
        for j in range(i + 1, len(v)):
            if sessions[j] - sessions[i] > window:
                break
            if v[j] >= level:
                repaired = j
                break
        if decline:
            if repaired != i + 1:                     # the rise has to bring it straight back, within the window
                continue
            pattern = "decline_repair"
        else:
            pattern = "v" if repaired is not None else "unrepaired"
        size = v[pre] - v[i]
        episodes.append({
            "client_id": client, "pre_session": sessions[pre], "drop_session": sessions[i],
            "pre_score": v[pre], "drop_score": v[i], "size": size, "size_sd": size / sd,
            "repaired_session": sessions[repaired] if repaired is not None else None, "pattern": pattern,
            "window_complete": repaired is not None or sessions[-1] - sessions[i] >= window, "sd": sd,
        })
    return episodes


def ruptures_loop(sessions: pd.DataFrame, measure: str = "srs_total", threshold: float = 2.0, window: int = 3,
                  decline_sessions: int = 3, repair_tolerance: float = 0.5, min_size: float | None = None,
                  min_sessions: int = 4, *, instruments=None) -> pd.DataFrame:
    """Alliance rupture-repair episodes, client by client (see :func:`rapportlib.ruptures` and
    :func:`client_ruptures`)."""
    if min_size is None:
        min_size = _drop_threshold(measure, instruments) or 0.0
    rows = []
    for client, pairs in sorted(client_series(sessions, measure).items()):
        rows += client_ruptures(client, pairs, threshold=threshold, window=window,
                                decline_sessions=decline_sessions, repair_tolerance=repair_tolerance,
                                min_size=min_size, min_sessions=min_sessions)
    out = pd.DataFrame(rows, columns=RUPTURE_COLUMNS)
    for c in ("pre_session", "drop_session", "repaired_session"):
        out[c] = out[c].astype("Int64")
    for c in ("pre_score", "drop_score", "size", "size_sd"):
        out[c] = out[c].astype(float)
    out["window_complete"] = out["window_complete"].astype(bool)
    return out


# --------------------------------------------------------------------------- alerts
def _rater_pairs(sessions: pd.DataFrame, reflections: pd.DataFrame | None, pairs) -> list[tuple[dict, float]]:
    """For each rater pair: {client: [(session, gap)]} of sessions with both ratings, and the SD of the
    client ratings over the whole table (the unit of ``gap_sd``)."""
    keys = ["client_id", "session"]
    out = []
    for pair in pairs:
        need = [c for c in (pair.clinician, pair.client) if c not in sessions.columns]
        extra = None
        if need:
            if reflections is None or any(c not in reflections.columns for c in need):
                continue
            extra = {}                                 # the last reflection row with a rating wins
            for rec in reflections[keys + need].to_dict("records"):
                if any(not _missing(rec[c]) for c in need):
                    extra[(rec["client_id"], rec["session"])] = rec
        gaps: dict[str, list[tuple[int, float]]] = defaultdict(list)
        client_ratings = []
        cols = keys + [c for c in (pair.clinician, pair.client) if c in sessions.columns]
        for rec in sessions[cols].to_dict("records"):
            if extra is not None:
                match = extra.get((rec["client_id"], rec["session"]))
                if match is None:
                    continue
                rec = {**rec, **{c: match[c] for c in need}}
            clin, cl = rec[pair.clinician], rec[pair.client]
            if _missing(clin) or _missing(cl) or _missing(rec["client_id"]) or _missing(rec["session"]):
                continue
            clin, cl = float(clin) * pair.clinician_scale, float(cl) * pair.client_scale
            client_ratings.append(cl)
            gaps[str(rec["client_id"])].append((rec["session"], clin - cl))
        if not client_ratings:
            continue
        sd = math.sqrt(_variance(client_ratings)) if len(client_ratings) > 1 else math.nan
        out.append(({c: sorted(g, key=lambda p: p[0]) for c, g in gaps.items()}, sd))
    return out


def alerts_loop(data, *, instruments=None, rupture_threshold: float = 2.0, rater_gap_sd: float = 1.0,
                recent: int = 3, outcome: str = "ors_total", from_session: int = 3) -> set[tuple[str, str]]:
    """The ``(client_id, kind)`` alerts of :func:`rapportlib.alerts`, rule by rule for one client at a time.

    ``data`` is a Dataset or a sessions table. Table-wide quantities are computed once, the way the
    rules define them: the expected trajectories (:func:`rapportlib.caseload.expected_trajectories`) and
    the SD of the client's alliance ratings that the rater gap is measured in.
    """
    from rapportlib.alliance import PAIRS
    from rapportlib.caseload import expected_trajectories
    from rapportlib.instruments import list_instruments

    sessions = getattr(data, "sessions", data)
    reflections = getattr(data, "reflections", None)
    insts = getattr(data, "instruments", None) or instruments or list_instruments()
    # instruments with a cut-off first, as rapportlib orders them (only the set of alerts matters here)
    ordered = sorted(insts.values(), key=lambda i: (not i.cutoffs, i.id))

    # the columns of the table that hold at least one value (rules on other columns are skipped)
    filled = {c for c in sessions.columns if sessions[c].notna().any()}

    def present(col: str) -> bool:
        return col in filled

    # the rules' columns, one list of rows per client in session order
    wanted = {"client_id", "session", outcome}
    for inst in ordered:
        wanted.update(inst.scale_columns)
        wanted.update(inst.item_columns)
    cols = [c for c in sessions.columns if c in wanted]
    by_client: dict[str, list[dict]] = defaultdict(list)
    for rec in sessions[cols].to_dict("records"):
        if _missing(rec["client_id"]) or _missing(rec["session"]):
            continue
        by_client[str(rec["client_id"])].append(rec)

    # table-wide quantities
    outcome_on = present(outcome)
    if outcome_on:
        traj = expected_trajectories(sessions, outcome)
        lower = {(row.band_low, row.k): row.lower for row in traj.itertuples()}
        edges = sorted(set(traj["band_low"]))
        kmax = int(traj["k"].max())
        rc_value, higher_is_better = None, True
        for inst in insts.values():
            for rc in inst.reliable_change:
                if inst.scale_column(rc.scale) == outcome:
                    rc_value, higher_is_better = rc.value, inst.higher_is_better
    rater_pairs = _rater_pairs(sessions, reflections, PAIRS)
    rupture_columns = {inst.scale_column("total"): _drop_threshold(inst.scale_column("total"), insts) or 0.0
                       for inst in ordered if inst.kind == "alliance" and inst.respondent == "client"
                       and "total" in inst.scales and present(inst.scale_column("total"))}

    found: set[tuple[str, str]] = set()
    for client in sorted(by_client):
        recs = sorted(by_client[client], key=lambda r: r["session"])

        def rated(col: str, recs=recs) -> list[dict]:
            return [r for r in recs if not _missing(r[col])]

        # alliance and outcome rules on the latest rating of each instrument scale with an alert rule
        for inst in ordered:
            for rule in inst.alerts:
                col = inst.scale_column(rule.scale)
                if not present(col):
                    continue
                rows = rated(col)
                if not rows:
                    continue
                latest = rows[-1]
                if inst.kind == "alliance":
                    for cut in inst.cutoffs:
                        if cut.scale == rule.scale and cut.direction == "below" and latest[col] < cut.value:
                            found.add((client, "low_alliance"))
                if rule.item_below is not None and all(c in sessions.columns for c in inst.item_columns):
                    marks = [latest[c] for c in inst.item_columns if not _missing(latest[c])]
                    if any(m < rule.item_below for m in marks):
                        found.add((client, "low_item"))
                if rule.drop is not None and len(rows) >= 2 and _at_least(rows[-2][col] - latest[col], rule.drop):
                    found.add((client, "alliance_drop" if inst.kind == "alliance" else "outcome_drop"))

        # an unrepaired rupture of a client-rated alliance total (SRS, WAI-SR), the latest rating still
        # below the pre-rupture level (less the same half SD that counts as repaired)
        for col, min_size in rupture_columns.items():
            pairs = [(int(r["session"]), float(r[col])) for r in rated(col)]
            for ep in client_ruptures(client, pairs, threshold=rupture_threshold, min_size=min_size):
                if ep["pattern"] == "unrepaired" and pairs[-1][1] < ep["pre_score"] - 0.5 * ep["sd"]:
                    found.add((client, "unrepaired_rupture"))

        # outcome against the expected trajectory, and reliable deterioration since intake
        if outcome_on:
            rows = rated(outcome)
            if rows:
                first, latest = rows[0], rows[-1]
                intake, score = first[outcome], latest[outcome]
                k = int(latest["session"] - first["session"])
                if k >= from_session:
                    band = edges[min(max(bisect_right(edges, intake) - 1, 0), len(edges) - 1)]
                    limit = lower.get((band, min(k, kmax)), math.nan)
                    if score - intake < limit:
                        found.add((client, "not_on_track"))
                if rc_value is not None and latest["session"] != first["session"]:
                    worsening = intake - score if higher_is_better else score - intake
                    if _at_least(worsening, rc_value):
                        found.add((client, "reliable_deterioration"))

        # the clinician rates the alliance higher than the client over the last `recent` paired sessions
        for gaps, sd in rater_pairs:
            last = gaps.get(client, [])[-recent:]
            if len(last) >= min(recent, 2) and sd > 0 and _mean([g / sd for _, g in last]) > rater_gap_sd:
                found.add((client, "rater_gap"))
    return found
