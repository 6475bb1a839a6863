"""Change statistics on session-by-session scores: sudden gains and losses, reliable change.

Each function follows one published method and is checked against the R package
that researchers use for it:

* :func:`sudden_gains` / :func:`sudden_losses` / :func:`judge_intervals`:
  Tang & DeRubeis (1999), as implemented by the R package *suddengains*
  (Wiedemann, Thew, Stott & Ehlers, 2020; ``identify_sg`` / ``identify_sl``),
  including the critical *t* adjusted for missing values (Lutz et al., 2013).
* :func:`crit1_cutoff`: the reliable-change value used as the first sudden-gain
  criterion (suddengains' ``define_crit1_cutoff``; Jacobson & Truax, 1991; Stiles et al., 2003).
* :func:`reliable_change`: Jacobson & Truax (1991) reliable change index and clinical
  significance, as the R package *clinicalsignificance* (Claus et al.) computes it.

Sessions are long tables (one row per client and session). A client's series is
laid on the grid of all session numbers from the first to the last session at
which the measure was recorded anywhere in the table, so a session a client
missed is a missing value at its place, exactly like an empty cell in the wide
files the R packages read.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

import numpy as np
import pandas as pd

from .errors import DataError

__all__ = ["ReliableChange", "crit1_cutoff", "judge_intervals", "lower_is_better_for", "reliable_change",
           "sudden_gains", "sudden_losses"]


# --------------------------------------------------------------------------- shared helpers
def lower_is_better_for(measure: str, instruments=None) -> bool:
    """Direction of a score column from the instrument that defines it (``ors_total`` -> ORS).

    ``instruments`` is a dict of :class:`~rapportlib.Instrument` (for example ``dataset.instruments``);
    the shipped instruments are used when it is omitted or has no match.
    """
    from .instruments import instrument_for

    found = instrument_for(measure, instruments)
    if found is None:
        raise ValueError(f"no instrument defines {measure!r}, so its direction is unknown: "
                         "pass lower_is_better=True or False")
    return not found[0].higher_is_better


def _columns(sessions: pd.DataFrame, measure: str, id_col: str, session_col: str) -> None:
    missing = [c for c in (id_col, session_col, measure) if c not in sessions.columns]
    if missing:
        raise DataError(f"the sessions table has no column {', '.join(map(repr, missing))}",
                        column=missing[0], rule="required column")


@dataclass
class _Grid:
    """One row per client, one column per session number (NaN where no score)."""
    values: np.ndarray
    clients: pd.Index
    first_session: int

    def session(self, j: np.ndarray | int):
        return j + self.first_session


def _grid(sessions: pd.DataFrame, measure: str, id_col: str, session_col: str) -> _Grid:
    _columns(sessions, measure, id_col, session_col)
    score = pd.to_numeric(sessions[measure], errors="coerce").to_numpy(dtype=float, na_value=np.nan)
    sess = pd.to_numeric(sessions[session_col], errors="coerce").to_numpy(dtype=float, na_value=np.nan)
    keep = ~np.isnan(score) & ~np.isnan(sess) & sessions[id_col].notna().to_numpy()
    if not keep.any():
        return _Grid(np.empty((0, 0)), pd.Index([], dtype=object), 0)
    if not np.all(sess[keep] == np.round(sess[keep])):
        raise DataError(f"column {session_col!r} holds session numbers that are not whole numbers",
                        column=session_col, rule="whole session numbers")
    codes, clients = pd.factorize(sessions[id_col].to_numpy()[keep], sort=True)
    s = sess[keep].astype(np.int64)
    lo, hi = int(s.min()), int(s.max())
    width = hi - lo + 1
    flat = codes.astype(np.int64) * width + (s - lo)
    if len(np.unique(flat)) != len(flat):
        dup = pd.Series(flat).duplicated(keep=False).to_numpy()
        first = np.flatnonzero(dup)[0]
        raise DataError(f"client {clients[codes[first]]!r} has more than one {measure!r} score at session "
                        f"{s[first]}; load the table with rapportlib.load() to quarantine duplicates",
                        column=session_col, rule="one score per client and session")
    values = np.full(len(clients) * width, np.nan)
    values[flat] = score[keep]
    return _Grid(values.reshape(len(clients), width), pd.Index(clients), lo)


def _window_stats(stack: np.ndarray):
    """Count, mean and sample variance over axis 0, ignoring NaN (no warnings)."""
    ok = ~np.isnan(stack)
    n = ok.sum(axis=0)
    x = np.where(ok, stack, 0.0)
    with np.errstate(invalid="ignore", divide="ignore"):
        mean = x.sum(axis=0) / n
        dev = np.where(ok, stack - mean, 0.0)
        var = (dev ** 2).sum(axis=0) / (n - 1)
    return n, mean, var


# --------------------------------------------------------------------------- sudden gains
def crit1_cutoff(sd: float, reliability: float, critical_value: float = 1.96) -> float:
    """Reliable-change value for the first sudden-gain criterion (suddengains' ``define_crit1_cutoff``).

    ``critical_value * sqrt(2) * sd * sqrt(1 - reliability)``: the smallest change between two
    measurements larger than measurement error at p < .05 (Jacobson & Truax, 1991), with ``sd``
    the pre-treatment standard deviation of the sample (Stiles et al., 2003).
    """
    if not 0 <= reliability <= 1:
        raise ValueError(f"reliability must be between 0 and 1, not {reliability}")
    if sd < 0:
        raise ValueError(f"sd must not be negative, not {sd}")
    return float(critical_value * np.sqrt(2.0) * sd * np.sqrt(1.0 - reliability))


def judge_intervals(sessions: pd.DataFrame, measure: str, cutoff: float | None, *, pct: float | None = 0.25,
                    stability: bool = True, alpha: float = 0.05, adjust: bool = True,
                    critical_value: float = 2.776, lower_is_better: bool | None = None,
                    identify: Literal["gain", "loss"] = "gain", id_col: str = "client_id",
                    session_col: str = "session", instruments=None) -> pd.DataFrame:
    """Every session-to-session interval judged for a sudden gain (or loss), with each criterion.

    The criteria of Tang & DeRubeis (1999), as suddengains' ``identify_sg`` / ``identify_sl`` apply them,
    for the interval from session *n* (pre-gain) to *n + 1* (post-gain), written for a measure where
    lower is better (the mirror image otherwise, and for losses):

    1. ``x[n] - x[n+1] >= cutoff`` (``cutoff=None`` switches it off);
    2. ``x[n] - x[n+1] >= pct * x[n]`` (``pct=None`` switches it off);
    3. ``stability``: mean(x[n-2..n]) - mean(x[n+1..n+3]) > t_crit * pooled SD, where missing values are
       dropped, both sides need at least two values, and ``t_crit`` is the two-tailed critical t at
       ``alpha`` with ``k_pre + k_post - 2`` degrees of freedom (``adjust=False`` uses
       ``critical_value`` throughout).

    Judged intervals run from the 2nd to the 3rd value of the session grid and up to the
    third-last to the second-last, as in suddengains; put an intake score at session 0 to make the
    session 1 to 2 interval judgeable. An interval is judged only where every criterion in use can be
    evaluated: otherwise ``event`` is missing (``<NA>``), never "no gain".

    Returns one row per client and interval: ``client_id``, ``pre_session``, ``post_session``,
    ``pre_score``, ``post_score``, ``magnitude`` (improvement for gains, worsening for losses),
    ``crit1``, ``crit2``, ``crit3`` (boolean, ``<NA>`` where not applied or not computable),
    ``n_pre``, ``n_post``, ``mean_pre``, ``mean_post``, ``t_crit`` and ``event``.
    """
    if identify not in ("gain", "loss"):
        raise ValueError("identify must be 'gain' or 'loss'")
    if cutoff is None and pct is None and not stability:
        raise ValueError("all three criteria are switched off: give a cutoff, a pct or stability=True")
    if cutoff is not None and cutoff < 0:
        raise ValueError("cutoff is a magnitude: give a positive number for gains and losses alike")
    if lower_is_better is None:
        lower_is_better = lower_is_better_for(measure, instruments)
    grid = _grid(sessions, measure, id_col, session_col)
    x = grid.values
    n_clients, width = x.shape
    n_int = max(width - 3, 0)
    # sign: +1 where a fall in the score is an improvement; flip again for losses
    sign = (1.0 if lower_is_better else -1.0) * (1.0 if identify == "gain" else -1.0)

    pad = np.full((n_clients, 3), np.nan)
    xp = np.hstack([pad, x, pad])                           # column j of x is column j + 3 of xp
    pre_idx = np.arange(1, 1 + n_int)                       # pre-gain value n: grid columns 1 .. width-3
    pre, post = x[:, pre_idx], x[:, pre_idx + 1]
    magnitude = sign * (pre - post)
    both = ~np.isnan(pre) & ~np.isnan(post)

    c1 = magnitude >= cutoff if cutoff is not None else None
    c2 = magnitude >= pct * np.abs(pre) if pct is not None else None
    pre_stack = np.stack([xp[:, pre_idx + 3 - k] for k in (2, 1, 0)])
    post_stack = np.stack([xp[:, pre_idx + 3 + k] for k in (1, 2, 3)])
    n_pre, mean_pre, var_pre = _window_stats(pre_stack)
    n_post, mean_post, var_post = _window_stats(post_stack)
    can3 = (n_pre >= 2) & (n_post >= 2)
    t_crit = np.full(n_pre.shape, np.nan)
    if stability:
        if adjust:
            from scipy.stats import t as t_dist

            for df in (2, 3, 4):
                t_crit[can3 & (n_pre + n_post - 2 == df)] = t_dist.ppf(1 - alpha / 2, df)
        else:
            t_crit[can3] = critical_value
        with np.errstate(invalid="ignore", divide="ignore"):
            pooled = np.sqrt(((n_pre - 1) * var_pre + (n_post - 1) * var_post) / (n_pre + n_post - 2))
            c3 = sign * (mean_pre - mean_post) > t_crit * pooled
    else:
        c3 = None

    judged = np.ones(pre.shape, bool)
    event = np.ones(pre.shape, bool)
    for crit, ok in ((c1, both), (c2, both), (c3, can3)):
        if crit is not None:
            judged &= ok
            event &= crit & ok

    def boolean(crit, ok):
        if crit is None:
            return pd.arrays.BooleanArray(np.zeros(pre.size, bool), np.ones(pre.size, bool))
        return pd.arrays.BooleanArray(np.ascontiguousarray(crit, dtype=bool).ravel(), ~ok.ravel())

    sessions_pre = np.broadcast_to(grid.session(pre_idx), pre.shape).ravel()
    out = pd.DataFrame({
        id_col: np.repeat(grid.clients.to_numpy(), n_int),
        "pre_session": pd.array(sessions_pre, dtype="Int64"),
        "post_session": pd.array(sessions_pre + 1, dtype="Int64"),
        "pre_score": pre.ravel(), "post_score": post.ravel(),
        "magnitude": magnitude.ravel(),
        "crit1": boolean(c1, both), "crit2": boolean(c2, both), "crit3": boolean(c3, can3),
        "n_pre": n_pre.ravel().astype(np.int64), "n_post": n_post.ravel().astype(np.int64),
        "mean_pre": mean_pre.ravel(), "mean_post": mean_post.ravel(),
        "t_crit": t_crit.ravel(),
        "event": boolean(event, judged),
    })
    out[id_col] = out[id_col].astype("str")
    return out


def _events(intervals: pd.DataFrame, measure: str, kind: str, id_col: str) -> pd.DataFrame:
    ev = intervals.loc[intervals["event"].fillna(False).to_numpy(bool),
                       [id_col, "pre_session", "post_session", "pre_score", "post_score", "magnitude"]]
    ev = ev.reset_index(drop=True)
    ev.insert(1, "measure", measure)
    ev["kind"] = kind
    return ev


def sudden_gains(sessions: pd.DataFrame, measure: str, cutoff: float | None, pct: float | None = 0.25,
                 stability: bool = True, alpha: float = 0.05, lower_is_better: bool | None = None, *,
                 adjust: bool = True, critical_value: float = 2.776, id_col: str = "client_id",
                 session_col: str = "session", instruments=None) -> pd.DataFrame:
    """Sudden gains (Tang & DeRubeis, 1999) as suddengains' ``identify_sg`` finds them.

    ``cutoff`` is the first criterion's minimum improvement, a positive number of score points
    (:func:`crit1_cutoff` computes the reliable-change value; Tang & DeRubeis used 7 BDI points).
    ``pct`` is the second criterion (0.25 = a quarter of the pre-gain score), ``stability`` the third
    (see :func:`judge_intervals` for all rules and for every interval's judgement).
    ``lower_is_better`` defaults to the direction of the instrument that defines ``measure``.

    Returns one row per gain: ``client_id``, ``measure``, ``pre_session``, ``post_session``,
    ``pre_score``, ``post_score``, ``magnitude`` (the improvement, positive) and ``kind`` (``"gain"``).
    """
    iv = judge_intervals(sessions, measure, cutoff, pct=pct, stability=stability, alpha=alpha, adjust=adjust,
                         critical_value=critical_value, lower_is_better=lower_is_better, identify="gain",
                         id_col=id_col, session_col=session_col, instruments=instruments)
    return _events(iv, measure, "gain", id_col)


def sudden_losses(sessions: pd.DataFrame, measure: str, cutoff: float | None, pct: float | None = 0.25,
                  stability: bool = True, alpha: float = 0.05, lower_is_better: bool | None = None, *,
                  adjust: bool = True, critical_value: float = 2.776, id_col: str = "client_id",
                  session_col: str = "session", instruments=None) -> pd.DataFrame:
    """Sudden losses: the mirror image of :func:`sudden_gains` (suddengains' ``identify_sl``).

    ``cutoff`` is a positive magnitude here too; ``magnitude`` in the result is the worsening.
    """
    iv = judge_intervals(sessions, measure, cutoff, pct=pct, stability=stability, alpha=alpha, adjust=adjust,
                         critical_value=critical_value, lower_is_better=lower_is_better, identify="loss",
                         id_col=id_col, session_col=session_col, instruments=instruments)
    return _events(iv, measure, "loss", id_col)


# --------------------------------------------------------------------------- reliable change
CATEGORIES = ("recovered", "improved", "unchanged", "deteriorated", "harmed")


@dataclass
class ReliableChange:
    """Result of :func:`reliable_change`: one row per client in ``clients`` and the numbers behind it."""

    clients: pd.DataFrame
    measure: str
    pre: object
    post: object
    method: str
    reliability: float
    lower_is_better: bool
    m_pre: float
    sd_pre: float
    s_diff: float
    critical_value: float
    cutoff: float | None = None
    cutoff_type: str | None = None
    m_clinical: float | None = None
    sd_clinical: float | None = None
    m_functional: float | None = None
    sd_functional: float | None = None
    n_read: int = 0
    excluded: pd.DataFrame = field(default_factory=pd.DataFrame)

    @property
    def n_used(self) -> int:
        return len(self.clients)

    @property
    def categories(self) -> tuple[str, ...]:
        return CATEGORIES if self.cutoff is not None else ("improved", "unchanged", "deteriorated")

    def counts(self) -> pd.DataFrame:
        """Number and percentage of clients in each category, in the standard order."""
        n = self.clients["category"].value_counts().reindex(list(self.categories), fill_value=0)
        return pd.DataFrame({"category": n.index, "n": n.to_numpy(),
                             "percent": 100.0 * n.to_numpy() / max(len(self.clients), 1)})

    def summary(self) -> str:
        lines = [f"Reliable change on {self.measure} ({self.method}, Jacobson & Truax 1991), "
                 f"{self.pre} -> {self.post}: {self.n_used} of {self.n_read} clients have both scores"
                 + (f" ({len(self.excluded)} left out)" if len(self.excluded) else "") + ".",
                 f"  SD at pre {self.sd_pre:.2f}, reliability {self.reliability:.2f}, S_diff {self.s_diff:.2f}: "
                 f"a change of more than {self.critical_value * self.s_diff:.2f} points is reliable."]
        if self.cutoff is not None:
            lines.append(f"  Cut-off {self.cutoff_type}: {self.cutoff:.2f} "
                         f"({'lower' if self.lower_is_better else 'higher'} is better).")
        for row in self.counts().itertuples():
            lines.append(f"  {row.category:<13} {row.n:>5}  {row.percent:5.1f}%")
        return "\n".join(lines)


def _cutoff_value(kind: str, m_clin, sd_clin, m_func, sd_func, direction: int) -> float:
    if kind == "a":
        return m_clin + direction * 2 * sd_clin
    if kind == "b":
        if m_func is None or sd_func is None:
            raise ValueError("cut-off b needs m_functional and sd_functional (the non-clinical population)")
        return m_func - direction * 2 * sd_func
    if kind == "c":
        if m_func is None or sd_func is None:
            raise ValueError("cut-off c needs m_functional and sd_functional (the non-clinical population)")
        return (sd_clin * m_func + sd_func * m_clin) / (sd_clin + sd_func)
    raise ValueError(f"cutoff must be None, 'a', 'b' or 'c', not {kind!r}")


def reliable_change(sessions: pd.DataFrame, measure: str, pre=None, post=None, reliability: float | None = None,
                    method: str = "JT", cutoff: Literal["a", "b", "c"] | float | None = None,
                    m_clinical: float | None = None, sd_clinical: float | None = None,
                    m_functional: float | None = None, sd_functional: float | None = None,
                    lower_is_better: bool | None = None, *,
                    significance_level: float = 0.05, id_col: str = "client_id", session_col: str = "session",
                    instruments=None) -> ReliableChange:
    """Jacobson & Truax (1991) reliable change and clinical significance per client.

    Computed as the R package clinicalsignificance does (``cs_distribution`` / ``cs_combined`` with
    ``rci_method = "JT"``):

    * the scores at session ``pre`` and ``post`` are paired per client; clients without both are left
      out and listed in ``excluded`` (``pre=None`` / ``post=None``: each client's first / last session
      with a score, the usual "intake to last session" of routine practice);
    * ``SE = SD_pre * sqrt(1 - reliability)``, ``S_diff = sqrt(2) * SE``, ``RCI = (post - pre) / S_diff``,
      with ``SD_pre`` the sample SD of the used clients' pre scores; reliable when ``|RCI|`` exceeds the
      two-tailed normal critical value (1.96 at ``significance_level=0.05``);
    * cut-off ``"a"``: clinical mean ± 2 clinical SDs (towards better); ``"b"``: functional mean ∓ 2
      functional SDs; ``"c"``: ``(SD_clin * M_func + SD_func * M_clin) / (SD_clin + SD_func)``; the clinical
      mean and SD default to the used clients' pre scores; a number is used as the cut-off itself (for
      example the ORS clinical cut-off of 25 from its instrument file);
    * categories: *recovered* (reliably improved, pre score in the clinical range and post score beyond
      the cut-off), *improved*, *unchanged*, *deteriorated*, *harmed* (reliably deteriorated, pre score
      beyond the cut-off and post score not). Without a cut-off: improved / unchanged / deteriorated.
    """
    from scipy.stats import norm

    if method.upper() != "JT":
        raise ValueError(f"method {method!r} is not available yet; rapportlib computes the Jacobson & Truax (JT) RCI")
    if reliability is None:
        raise ValueError("reliability is required: the instrument's reliability coefficient, between 0 and 1")
    if not 0 <= reliability <= 1:
        raise ValueError(f"reliability must be between 0 and 1, not {reliability}")
    if lower_is_better is None:
        lower_is_better = lower_is_better_for(measure, instruments)
    direction = -1 if lower_is_better else 1
    _columns(sessions, measure, id_col, session_col)
    frame = pd.DataFrame({"id": sessions[id_col].to_numpy(), "time": sessions[session_col].to_numpy(),
                          "score": pd.to_numeric(sessions[measure], errors="coerce")})
    frame = frame[frame["id"].notna()]
    everyone = pd.Index(pd.unique(frame["id"])).sort_values()
    scored = frame[frame["score"].notna() & frame["time"].notna()]
    if scored.duplicated(["id", "time"]).any():
        raise DataError(f"some clients have more than one {measure!r} score at the same {session_col!r}",
                        column=session_col, rule="one score per client and session")
    scored = scored.sort_values(["id", "time"])
    by = scored.groupby("id", sort=True)
    if pre is None:
        pre_s = by.nth(0).set_index("id")["score"]
    else:
        pre_s = scored.loc[scored["time"] == pre].set_index("id")["score"]
    if post is None:
        last = by.nth(-1).set_index("id")
        if pre is None:
            first = by.nth(0).set_index("id")["time"]
            last = last[last["time"] != first.reindex(last.index)]
        post_s = last["score"]
    else:
        post_s = scored.loc[scored["time"] == post].set_index("id")["score"]
    table = pd.DataFrame({"pre": pre_s.reindex(everyone), "post": post_s.reindex(everyone)})
    missing_pre, missing_post = table["pre"].isna(), table["post"].isna()
    reason = np.where(missing_pre & missing_post, "no pre and no post score",
                      np.where(missing_pre, "no pre score", "no post score"))
    excl = missing_pre | missing_post
    excluded = pd.DataFrame({id_col: everyone[excl.to_numpy()].astype(str), "reason": reason[excl.to_numpy()]})
    used = table.loc[~excl].copy()
    if len(used) < 2:
        raise ValueError(f"reliable change needs at least two clients with both scores; {len(used)} have them")
    m_pre = float(used["pre"].mean())
    sd_pre = float(used["pre"].std(ddof=1))
    se = sd_pre * np.sqrt(1 - reliability)
    s_diff = float(np.sqrt(2 * se ** 2))
    crit = float(norm.ppf(1 - significance_level / 2))
    used["change"] = used["post"] - used["pre"]
    with np.errstate(divide="ignore", invalid="ignore"):
        used["rci"] = used["change"] / s_diff
    improved = direction * used["rci"] > crit
    deteriorated = direction * used["rci"] < -crit
    category = np.where(improved, "improved", np.where(deteriorated, "deteriorated", "unchanged")).astype(object)
    cut = None
    if cutoff is not None:
        m_clin = m_pre if m_clinical is None else m_clinical
        sd_clin = sd_pre if sd_clinical is None else sd_clinical
        if isinstance(cutoff, int | float) and not isinstance(cutoff, bool):
            cut = float(cutoff)
        else:
            cut = float(_cutoff_value(cutoff, m_clin, sd_clin, m_functional, sd_functional, direction))
        clinical_pre = direction * used["pre"] < direction * cut
        functional_post = direction * used["post"] > direction * cut
        recovered = clinical_pre & functional_post & improved
        harmed = ~clinical_pre & ~functional_post & deteriorated
        category = np.where(recovered, "recovered", np.where(harmed, "harmed", category)).astype(object)
        used["clinical_pre"] = clinical_pre
        used["functional_post"] = functional_post
        m_clinical, sd_clinical = m_clin, sd_clin
    used["category"] = pd.Categorical(category, categories=list(CATEGORIES))
    used = used.rename_axis(id_col).reset_index()
    used[id_col] = used[id_col].astype("str")
    return ReliableChange(clients=used, measure=measure, pre="first" if pre is None else pre,
                          post="last" if post is None else post, method="JT", reliability=float(reliability),
                          lower_is_better=bool(lower_is_better), m_pre=m_pre, sd_pre=sd_pre, s_diff=s_diff,
                          critical_value=crit, cutoff=cut,
                          cutoff_type=cutoff if isinstance(cutoff, str) or cutoff is None else "given",
                          m_clinical=m_clinical,
                          sd_clinical=sd_clinical, m_functional=m_functional, sd_functional=sd_functional,
                          n_read=len(everyone), excluded=excluded)
