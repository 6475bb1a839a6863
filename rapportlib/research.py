"""Research analyses across clinicians, cohorts and sites.

Each function takes a :class:`~rapportlib.Dataset` (or its sessions table) and returns a dataclass
whose ``table()`` is a tidy DataFrame, ready for :func:`export_tables`:

* measurement quality: :func:`internal_consistency` (Cronbach's alpha per scale and occasion) and
  :func:`rater_agreement` (clinician against client: correlation, intraclass correlations with their
  form named, Bland-Altman limits; :func:`rapportlib.plots.bland_altman`);
* alliance development: :func:`alliance_growth` (a multilevel growth model, sessions in clients in
  clinicians; :func:`rapportlib.plots.growth_trajectories`) and :func:`early_alliance_outcome`;
* ruptures and change across a cohort: :func:`rupture_summary`, :func:`sudden_gains_summary`
  (suddengains-style descriptives and the average change around the gain;
  :func:`rapportlib.plots.sudden_gain_average`) and :func:`clinical_significance_by`;
* :func:`run` does them all on a dataset (:func:`research_tables`: as named tables) and
  :func:`export_tables` writes every table as CSV or Parquet with a data dictionary (``data/schema/derived.yaml``).

The statistics come from established libraries: pingouin (alpha, ICC, correlations), statsmodels
(mixed and linear models, Wilson intervals) and scipy (Welch's t).

Group comparisons (``by=``) accept any column of the sessions table, of the clients table or of the
clinicians listed in ``dataset.yaml`` (``role``, ``site``, ``cohort`` …): see :func:`with_attributes`.
"""

from __future__ import annotations

import warnings
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
import pandas as pd

from .errors import DataError

__all__ = ["ALL", "EarlyAllianceOutcome", "GrowthModel", "RaterAgreement", "ResearchResults", "RuptureSummary",
           "SuddenGainsSummary", "alliance_growth", "clinical_significance_by", "data_dictionary",
           "early_alliance_outcome", "export_tables", "first_occasion", "internal_consistency", "rater_agreement",
           "research_tables", "run", "rupture_summary", "sudden_gains_summary", "with_attributes"]

ALL = "all"     # the group label of whole-sample rows in by-group tables


# --------------------------------------------------------------------------- attributes and groups
def _sessions(data) -> pd.DataFrame:
    return getattr(data, "sessions", data)


def with_attributes(data, columns: str | list[str] | None = None, *, id_col: str = "client_id") -> pd.DataFrame:
    """The sessions table with client and clinician attributes joined on.

    Client attributes come from the dataset's clients table (joined on ``client_id``), clinician
    attributes (``role``, ``site``, ``cohort`` or any other key) from the ``clinicians`` list of its
    ``dataset.yaml``. ``columns`` names the attributes needed: one that is found nowhere raises a
    :class:`DataError` listing those that are.
    """
    sessions = _sessions(data)
    wanted = [columns] if isinstance(columns, str) else list(columns or [])
    out = sessions
    clients = getattr(data, "clients", None)
    if clients is not None and not clients.empty and id_col in clients.columns:
        extra = [c for c in clients.columns if c not in out.columns]
        if extra:
            out = out.merge(clients[[id_col, *extra]].drop_duplicates(id_col), on=id_col, how="left")
    meta = getattr(data, "meta", None)
    clinicians = getattr(meta, "clinicians", None) or []
    if clinicians and "clinician_id" in out.columns:
        table = pd.DataFrame([c.model_dump() for c in clinicians])
        extra = [c for c in table.columns if c not in out.columns]
        if extra:
            table = table[["clinician_id", *extra]].astype({"clinician_id": "str"})
            out = out.merge(table, on="clinician_id", how="left")
    missing = [c for c in wanted if c not in out.columns]
    if missing:
        have = sorted(c for c in out.columns if not c[-1].isdigit())
        raise DataError(f"no column {missing[0]!r} in the sessions, the clients or the clinicians of this dataset; "
                        f"columns there: {', '.join(have)}", column=missing[0], rule="grouping column exists")
    return out


def _client_groups(data, by: str | None, id_col: str) -> pd.Series:
    """One group label per client (the client's first non-missing value of ``by``)."""
    frame = with_attributes(data, by, id_col=id_col) if by else _sessions(data)
    ids = frame[id_col].astype("str")
    if by is None:
        return pd.Series(ALL, index=pd.Index(ids.unique(), name=id_col))
    labels = frame[by].astype("str").where(frame[by].notna())
    first = pd.DataFrame({id_col: ids, by: labels}).dropna().drop_duplicates(id_col).set_index(id_col)[by]
    return first.reindex(pd.Index(ids.unique(), name=id_col)).fillna("(missing)")


def _wilson(x, n) -> tuple[float, float]:
    """Wilson 95% interval (the equity audit's :func:`rapportlib.equity._wilson`; NaN when ``n`` is 0)."""
    from .equity import _wilson as wilson

    lo, hi = wilson(x, n, 1.959963984540054)
    return float(lo), float(hi)


def _welch(a: np.ndarray, b: np.ndarray) -> float:
    from scipy.stats import ttest_ind

    a, b = a[~np.isnan(a)], b[~np.isnan(b)]
    if len(a) < 2 or len(b) < 2:
        return np.nan
    return float(ttest_ind(a, b, equal_var=False).pvalue)


def _pearson(x, y) -> tuple[float, tuple[float, float], float]:
    """Pearson's r with its 95% CI and p-value, from pingouin (column names differ across its versions)."""
    import pingouin as pg

    row = pg.corr(np.asarray(x, float), np.asarray(y, float), method="pearson").iloc[0]
    ci = row["CI95"] if "CI95" in row.index else row["CI95%"]
    p = row["p_val"] if "p_val" in row.index else row["p-val"]
    return float(row["r"]), (float(ci[0]), float(ci[1])), float(p)


def _first_last(sessions: pd.DataFrame, measure: str, id_col: str, session_col: str,
                after: int | None = None) -> pd.DataFrame:
    """Each client's first and last score of ``measure`` (the last at a session > ``after``)."""
    f = sessions[[id_col, session_col, measure]].dropna()
    f = f.assign(**{id_col: f[id_col].astype("str")}).sort_values([id_col, session_col])
    g = f.groupby(id_col, sort=True)
    first = g.nth(0).set_index(id_col)
    last = (f[f[session_col] > after] if after is not None else f).groupby(id_col).nth(-1).set_index(id_col)
    out = pd.DataFrame({"pre_session": first[session_col], "pre": first[measure].astype(float)})
    out["post_session"] = last[session_col].reindex(out.index)
    out["post"] = last[measure].astype(float).reindex(out.index)
    same = out["post_session"] == out["pre_session"]
    out.loc[same.fillna(False).to_numpy(bool), ["post", "post_session"]] = np.nan
    out["change"] = out["post"] - out["pre"]
    return out


# --------------------------------------------------------------------------- measurement quality
def internal_consistency(data, instruments=None, *, by: str = "session", min_n: int = 10,
                         session_col: str = "session") -> pd.DataFrame:
    """Cronbach's alpha (95% CI) per instrument scale and occasion, for every instrument whose items are present.

    ``by="session"`` gives one estimate per session number with at least ``min_n`` complete forms
    (rows of one occasion come from different clients, so they are independent), then one row
    ``occasion="all"`` pooling every session: that one counts clients several times and is
    descriptive only. ``by`` may also be another column (a cohort, a site) of the sessions table.
    Computed by :func:`rapportlib.reliability` (pingouin's ``cronbach_alpha``, reverse keys applied).
    """
    from .instruments import _item_matrix, list_instruments, reliability

    sessions = _sessions(data)
    insts = instruments or getattr(data, "instruments", None) or list_instruments()
    insts = list(insts.values() if isinstance(insts, dict) else insts)
    frames = []
    for inst in insts:
        if _item_matrix(sessions, inst) is None:
            continue
        per = reliability(sessions, inst, by=by).rename(columns={by: "occasion"})
        per = per[per["n"] >= min_n]
        pooled = reliability(sessions, inst).assign(occasion=ALL)
        frames += [per.assign(occasion=per["occasion"].astype("str")), pooled]
    cols = ["instrument", "scale", "occasion", "items", "n", "alpha", "ci_low", "ci_high"]
    if not frames:
        return pd.DataFrame(columns=cols)
    out = pd.concat(frames, ignore_index=True)[cols]
    out["occasion_kind"] = np.where(out["occasion"] == ALL, "all occasions pooled (descriptive)", by)
    return out


def first_occasion(consistency: pd.DataFrame) -> pd.DataFrame:
    """One row per instrument scale from :func:`internal_consistency`: alpha at the scale's first occasion (the
    usual one to report, and the reliability the reliable change index uses), with the pooled row's alpha and
    n beside it as ``alpha_pooled`` and ``n_pooled``."""
    per = consistency[consistency["occasion"] != ALL]
    per = per.assign(_o=pd.to_numeric(per["occasion"], errors="coerce")).sort_values("_o", kind="stable")
    first = per.drop_duplicates(["instrument", "scale"]).drop(columns="_o")
    pooled = consistency.loc[consistency["occasion"] == ALL, ["instrument", "scale", "alpha", "n"]]
    return first.merge(pooled, on=["instrument", "scale"], how="left", suffixes=("", "_pooled")).reset_index(drop=True)


ICC_FORMS = {
    "ICC(A,1)": ("ICC2", "two-way, absolute agreement, single measures (McGraw & Wong 1996; Shrout & Fleiss "
                         "ICC(2,1)): counts a systematic difference between the raters as disagreement"),
    "ICC(C,1)": ("ICC3", "two-way, consistency, single measures (McGraw & Wong 1996; Shrout & Fleiss ICC(3,1)): "
                         "ignores a constant difference between the raters"),
}


@dataclass
class RaterAgreement:
    """Clinician against client on one alliance scale (:func:`rater_agreement`)."""

    pair: str
    unit: str
    level: str
    pairs: pd.DataFrame          # per unit: unit, clinician_id, clinician_rating, client_rating, mean, difference
    n_clients: int
    pearson_r: float
    pearson_ci: tuple[float, float]
    spearman_rho: float
    icc: pd.DataFrame            # form, name, description, icc, ci_low, ci_high, F, p
    bias: float                  # mean clinician - client
    bias_ci: tuple[float, float]
    sd_difference: float
    limits: tuple[float, float]  # bias -/+ 1.96 SD
    limits_ci: tuple[tuple[float, float], tuple[float, float]]
    proportional_bias_slope: float
    proportional_bias_p: float
    notes: list[str] = field(default_factory=list)

    def table(self) -> pd.DataFrame:
        """Every statistic as one tidy row: pair, level, statistic, value, ci_low, ci_high, n, note."""
        rows = [("pearson_r", self.pearson_r, *self.pearson_ci, "Pearson correlation"),
                ("spearman_rho", self.spearman_rho, np.nan, np.nan, "Spearman rank correlation")]
        for r in self.icc.itertuples():
            rows.append((r.name, r.icc, r.ci_low, r.ci_high, r.description))
        rows += [("bias", self.bias, *self.bias_ci, "mean difference, clinician - client"),
                 ("sd_difference", self.sd_difference, np.nan, np.nan, "SD of the differences"),
                 ("loa_lower", self.limits[0], *self.limits_ci[0], "Bland-Altman lower limit of agreement"),
                 ("loa_upper", self.limits[1], *self.limits_ci[1], "Bland-Altman upper limit of agreement"),
                 ("proportional_bias_slope", self.proportional_bias_slope, np.nan, np.nan,
                  f"difference regressed on the mean (p = {self.proportional_bias_p:.3g})")]
        return pd.DataFrame([{"pair": self.pair, "level": self.level, "statistic": s, "value": v, "ci_low": lo,
                              "ci_high": hi, "n": len(self.pairs), "note": note} for s, v, lo, hi, note in rows])

    def summary(self) -> str:
        a = self.icc.set_index("form").loc["ICC(A,1)"]
        units = f"{self.n_clients} clients" if self.level == "client" else \
            f"{len(self.pairs)} sessions of {self.n_clients} clients"
        return (f"{self.pair} ({self.unit}), {units}: "
                f"r = {self.pearson_r:.2f}; {a['name']} = {a['icc']:.2f} ({a['ci_low']:.2f} to {a['ci_high']:.2f}); "
                f"the clinician rates {abs(self.bias):.2f} points {'higher' if self.bias >= 0 else 'lower'} on "
                f"average, and 95% of differences fall between {self.limits[0]:+.2f} and {self.limits[1]:+.2f}.")


def rater_agreement(data, pair=None, *, level: str = "client", reflections: pd.DataFrame | None = None,
                    id_col: str = "client_id", session_col: str = "session") -> RaterAgreement:
    """How closely the clinician's alliance rating agrees with the client's.

    ``pair`` is a :class:`rapportlib.alliance.RaterPair` (default: the WAI-SR therapist form against
    the client form, both item means 1-5). ``level="client"`` (default) averages each client's
    sessions first, so each client counts once and the statistics assume independent units;
    ``level="session"`` uses every rated session (clients count many times: the intervals are then
    too narrow, and the result is descriptive).

    Returns the Pearson and Spearman correlations, two intraclass correlations with their form named
    (pingouin's ``intraclass_corr``: ICC(A,1) absolute agreement and ICC(C,1) consistency, two-way,
    single measures; clinician and client are the two fixed "raters"), and the Bland-Altman bias and
    95% limits of agreement with approximate confidence intervals (Bland & Altman 1999: SE of a
    limit = sqrt(3 s² / n)), plus the slope of the difference on the mean (proportional bias).
    """
    import pingouin as pg
    from scipy import stats

    from .alliance import PAIRS, _pair_frame

    if level not in ("client", "session"):
        raise ValueError("level must be 'client' or 'session'")
    pair = pair or PAIRS[0]
    sessions = _sessions(data)
    if reflections is None:
        reflections = getattr(data, "reflections", None)
    f = _pair_frame(sessions, reflections, pair, id_col, session_col)
    if f is None or len(f) == 0:
        raise DataError(f"no session has both {pair.clinician!r} and {pair.client!r}", column=pair.clinician,
                        rule="both raters present")
    f = f.assign(**{id_col: f[id_col].astype("str")})
    if level == "client":
        keys = [id_col] + (["clinician_id"] if "clinician_id" in f.columns else [])
        units = f.groupby(keys, sort=True).agg(clinician_rating=("clinician_rating", "mean"),
                                               client_rating=("client_rating", "mean"),
                                               sessions=("client_rating", "size")).reset_index()
        units["unit"] = units[id_col]
    else:
        units = f.reset_index(drop=True)
        units["unit"] = units[id_col] + "/" + units[session_col].astype("str")
    n = len(units)
    if n < 5:
        raise DataError(f"rater agreement needs at least 5 {level}s with both ratings; {n} have them",
                        rule="enough units")
    x, y = units["clinician_rating"].to_numpy(float), units["client_rating"].to_numpy(float)
    units["mean"] = (x + y) / 2
    units["difference"] = x - y
    r, r_ci, _ = _pearson(x, y)
    long = pd.DataFrame({"unit": np.tile(units["unit"].to_numpy(), 2),
                         "rater": np.repeat(["clinician", "client"], n), "rating": np.r_[x, y]})
    icc = pg.intraclass_corr(long, targets="unit", raters="rater", ratings="rating").set_index("Type")
    icc_rows = []
    for form, (old_name, desc) in ICC_FORMS.items():       # pingouin < 0.7 calls them ICC2 and ICC3
        got = icc.loc[form if form in icc.index else old_name]
        ci = got["CI95"] if "CI95" in got.index else got["CI95%"]
        icc_rows.append({"form": form, "name": form, "description": desc, "icc": float(got["ICC"]),
                         "ci_low": float(ci[0]), "ci_high": float(ci[1]), "F": float(got["F"]),
                         "p": float(got["pval"])})
    d = units["difference"].to_numpy(float)
    bias, sd = float(d.mean()), float(d.std(ddof=1))
    t = float(stats.t.ppf(0.975, n - 1))
    se_bias, se_loa = sd / np.sqrt(n), np.sqrt(3 * sd ** 2 / n)
    lo, hi = bias - 1.96 * sd, bias + 1.96 * sd
    slope = stats.linregress(units["mean"].to_numpy(float), d)
    notes = []
    if level == "session":
        notes.append("Each client contributes several sessions, so these intervals are too narrow; "
                     "use level='client' for inference.")
    if slope.pvalue < 0.05:
        notes.append(f"The difference changes with the level of the alliance (slope {slope.slope:+.2f} per point, "
                     f"p = {slope.pvalue:.3f}): one pair of limits does not describe the whole range.")
    return RaterAgreement(
        pair=pair.name, unit=pair.unit, level=level,
        pairs=units[["unit", *[c for c in ("clinician_id",) if c in units.columns], "clinician_rating",
                     "client_rating", "mean", "difference"]],
        n_clients=int(f[id_col].nunique()), pearson_r=r, pearson_ci=r_ci,
        spearman_rho=float(stats.spearmanr(x, y).statistic), icc=pd.DataFrame(icc_rows),
        bias=bias, bias_ci=(bias - t * se_bias, bias + t * se_bias), sd_difference=sd, limits=(lo, hi),
        limits_ci=((lo - t * se_loa, lo + t * se_loa), (hi - t * se_loa, hi + t * se_loa)),
        proportional_bias_slope=float(slope.slope), proportional_bias_p=float(slope.pvalue), notes=notes)


# --------------------------------------------------------------------------- alliance development
_STRUCTURES = (
    ("clinician intercept, client intercept and slope", True, True),
    ("clinician intercept, client intercept", True, False),
    ("client intercept and slope", False, True),
    ("client intercept", False, False),
)


@dataclass
class GrowthModel:
    """A fitted multilevel growth model of one alliance measure (:func:`alliance_growth`)."""

    measure: str
    time: str                    # "session" or "log(session)"
    structure: str               # the random effects kept, in words
    fixed: pd.DataFrame          # term, estimate, se, z, p, ci_low, ci_high
    random: pd.DataFrame         # component, variance, sd
    residual_variance: float
    converged: bool
    n_sessions: int
    n_clients: int
    n_clinicians: int
    notes: list[str]
    tried: pd.DataFrame          # structure, converged, problems, kept
    data: pd.DataFrame           # the rows used: client, clinician, session, t, y, fitted
    cov_fixed: np.ndarray
    log_likelihood: float

    def table(self) -> pd.DataFrame:
        """Fixed effects and variance components as one tidy table."""
        fx = self.fixed.assign(part="fixed")
        rx = self.random.rename(columns={"component": "term", "variance": "estimate"}).assign(part="random")
        out = pd.concat([fx, rx], ignore_index=True)
        out.insert(0, "measure", self.measure)
        out["structure"] = self.structure
        return out

    def predicted(self, sessions: np.ndarray | None = None) -> pd.DataFrame:
        """The average trajectory (fixed effects) with a 95% confidence band, at ``sessions``."""
        s = np.arange(int(self.data["session"].min()), int(self.data["session"].max()) + 1) \
            if sessions is None else np.asarray(sessions, float)
        t = self._t(s)
        X = np.column_stack([np.ones_like(t), t])
        b = self.fixed["estimate"].to_numpy(float)
        fit = X @ b
        se = np.sqrt(np.einsum("ij,jk,ik->i", X, self.cov_fixed, X))
        return pd.DataFrame({"session": s, "predicted": fit, "ci_low": fit - 1.96 * se, "ci_high": fit + 1.96 * se})

    def _t(self, s: np.ndarray) -> np.ndarray:
        s = np.asarray(s, float)
        return np.log(s) if self.time == "log(session)" else s - 1

    def summary(self) -> str:
        slope = self.fixed.set_index("term").loc["time"]
        unit = "per session" if self.time == "session" else "per unit of log(session)"
        lines = [f"Growth of {self.measure}: {self.n_sessions} ratings, {self.n_clients} clients, "
                 f"{self.n_clinicians} clinicians; random effects: {self.structure}.",
                 f"  Average change {slope['estimate']:+.3f} {unit} (95% CI {slope['ci_low']:+.3f} to "
                 f"{slope['ci_high']:+.3f}, p = {slope['p']:.3g})."]
        lines += [f"  {n}" for n in self.notes]
        return "\n".join(lines)


def _fit_growth(df: pd.DataFrame, clinician_level: bool, slopes: bool):
    import statsmodels.formula.api as smf

    if clinician_level:
        vc = {"client": "0 + C(client)"}
        if slopes:
            vc["client_slope"] = "0 + C(client):t"
        model = smf.mixedlm("y ~ t", df, groups="clinician", re_formula="1", vc_formula=vc)
    else:
        model = smf.mixedlm("y ~ t", df, groups="client", re_formula="~t" if slopes else "1")
    problems: list[str] = []
    result = None
    for method in (["powell", "lbfgs"], ["nm", "lbfgs"], ["bfgs"]):
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always")
            try:
                result = model.fit(reml=True, method=method)
            except (np.linalg.LinAlgError, ValueError) as exc:
                problems = [f"the fit failed ({type(exc).__name__})"]
                result = None
                continue
        messages = " ".join(str(w.message) for w in caught)
        problems = []
        if not result.converged:
            problems.append("the optimiser did not converge")
        if "not positive definite" in messages:
            problems.append("the estimates are not at a proper maximum (Hessian not positive definite)")
        if result.converged and not problems:
            break
    return result, problems


def _random_table(result, clinician_level: bool, slopes: bool) -> pd.DataFrame:
    rows = []
    cov = np.asarray(result.cov_re, float)
    if clinician_level:
        rows.append(("clinician intercept", float(cov[0, 0])))
        names = ["client intercept"] + (["client slope"] if slopes else [])
        rows += list(zip(names, (float(v) for v in result.vcomp)))
    else:
        rows.append(("client intercept", float(cov[0, 0])))
        if slopes:
            rows += [("client slope", float(cov[1, 1])), ("client intercept-slope covariance", float(cov[0, 1]))]
    out = pd.DataFrame(rows, columns=["component", "variance"])
    out["sd"] = np.sqrt(out["variance"].clip(lower=0)).where(~out["component"].str.contains("covariance"))
    return out


def alliance_growth(data, measure: str = "srs_total", *, log_time: bool = False, min_sessions: int = 3,
                    id_col: str = "client_id", clinician_col: str = "clinician_id",
                    session_col: str = "session") -> GrowthModel:
    """A multilevel growth model of ``measure`` over sessions: sessions in clients in clinicians.

    Fitted by statsmodels' ``MixedLM`` (REML): ``y = b0 + b1 * time`` with ``time = session - 1`` (so
    the intercept is the alliance at session 1), or ``log(session)`` with ``log_time=True`` (alliance
    often rises fast, then levels off). Clients with fewer than ``min_sessions`` ratings are left out.

    Random effects, most complete first, keeping the first that the data support: a clinician
    intercept with client intercepts and slopes (clients nested in clinicians; statsmodels fits the
    client effects as independent variance components within each clinician, so the client
    intercept-slope covariance is not estimated), then without client slopes, then without the
    clinician level (client intercepts and slopes with their covariance), then client intercepts
    only. A structure is not supported when the optimiser does not converge, the Hessian is not
    positive definite, or a variance is estimated at (nearly) zero; ``notes`` says which in plain
    words and ``tried`` lists every attempt. With fewer than 3 clinicians the clinician level is not tried.
    """
    sessions = _sessions(data)
    for c in (id_col, clinician_col, session_col, measure):
        if c not in sessions.columns:
            raise DataError(f"the sessions table has no column {c!r}", column=c, rule="required column")
    df = pd.DataFrame({"client": sessions[id_col].astype("str"), "clinician": sessions[clinician_col].astype("str"),
                       "session": pd.to_numeric(sessions[session_col], errors="coerce").astype(float),
                       "y": pd.to_numeric(sessions[measure], errors="coerce").astype(float)})
    df = df.dropna()
    df = df[df["session"] >= 1]
    counts = df.groupby("client")["y"].transform("size")
    df = df[counts >= min_sessions].sort_values(["clinician", "client", "session"]).reset_index(drop=True)
    if df["client"].nunique() < 5:
        raise DataError(f"a growth model of {measure!r} needs at least 5 clients with {min_sessions} or more "
                        f"ratings; {df['client'].nunique()} have them", column=measure, rule="enough clients")
    df["t"] = np.log(df["session"]) if log_time else df["session"] - 1
    n_clin = int(df["clinician"].nunique())
    notes: list[str] = []
    tried = []
    chosen = fitted = None                  # fitted: the last structure that fitted at all (the simplest tried)
    for words, clin_level, slopes in _STRUCTURES:
        if clin_level and n_clin < 3:
            tried.append({"structure": words, "converged": False, "problems": f"only {n_clin} clinician(s)",
                          "kept": False})
            continue
        result, problems = _fit_growth(df, clin_level, slopes)
        if result is not None:
            fitted = (words, clin_level, slopes, result)
            rnd = _random_table(result, clin_level, slopes)
            scale = float(result.scale)
            tiny = rnd[(rnd["sd"].notna()) & (rnd["variance"] < 1e-4 * scale)]["component"].tolist()
            problems += [f"the {c} variance is estimated at about zero" for c in tiny]
        tried.append({"structure": words, "converged": bool(result is not None and result.converged),
                      "problems": "; ".join(problems), "kept": not problems})
        if not problems:
            chosen = (words, clin_level, slopes, result)
            break
    if chosen is None:                      # nothing clean: keep the simplest that fitted at all, and say so
        if fitted is None:
            raise DataError(f"the growth model of {measure!r} could not be fitted with any random-effects structure",
                            column=measure, rule="model fits")
        chosen = fitted
        notes.append("No random-effects structure fitted cleanly; the simplest that fitted is reported and its "
                     "estimates should be read with caution.")
        next(t for t in tried if t["structure"] == fitted[0])["kept"] = True
    words, clin_level, slopes, result = chosen
    dropped = [t for t in tried if not t["kept"]]
    for t in dropped:
        notes.append(f"The model with {t['structure']} was not kept: {t['problems']}.")
    if dropped:
        notes.append(f"Kept: {words}. Simpler random effects make the standard errors of the average trajectory "
                     "less trustworthy when the dropped variation is real; with more clients or clinicians the "
                     "fuller model may be supported.")
    rnd = _random_table(result, clin_level, slopes)
    if clin_level:
        share = rnd.loc[rnd["component"] == "clinician intercept", "variance"].iloc[0] / (
            rnd.loc[rnd["component"].isin(["clinician intercept", "client intercept"]), "variance"].sum()
            + float(result.scale))
        notes.append(f"{100 * share:.0f}% of the variation in {measure} at session 1 lies between clinicians.")
    fe = result.fe_params
    bse = result.bse_fe
    ci = result.conf_int().loc[fe.index]
    fixed = pd.DataFrame({"term": ["intercept", "time"], "estimate": fe.to_numpy(float), "se": bse.to_numpy(float),
                          "z": (fe / bse).to_numpy(float), "p": result.pvalues.loc[fe.index].to_numpy(float),
                          "ci_low": ci.iloc[:, 0].to_numpy(float), "ci_high": ci.iloc[:, 1].to_numpy(float)})
    df["fitted"] = np.asarray(result.fittedvalues, float)
    cov = np.asarray(result.cov_params().loc[fe.index, fe.index], float)
    return GrowthModel(measure=measure, time="log(session)" if log_time else "session", structure=words,
                       fixed=fixed, random=rnd, residual_variance=float(result.scale),
                       converged=bool(result.converged), n_sessions=len(df), n_clients=int(df["client"].nunique()),
                       n_clinicians=n_clin, notes=notes, tried=pd.DataFrame(tried),
                       data=df.rename(columns={"client": id_col, "clinician": clinician_col}), cov_fixed=cov,
                       log_likelihood=float(result.llf))


@dataclass
class EarlyAllianceOutcome:
    """Early alliance predicting outcome change (:func:`early_alliance_outcome`)."""

    alliance: str
    outcome: str
    early_sessions: int
    clients: pd.DataFrame        # client_id, clinician_id, early_alliance, pre, post, change
    coefficients: pd.DataFrame   # term, estimate, se, p, ci_low, ci_high
    r: float
    r_ci: tuple[float, float]
    r_p: float
    se_type: str
    excluded: pd.DataFrame
    notes: list[str] = field(default_factory=list)

    def table(self) -> pd.DataFrame:
        out = self.coefficients.copy()
        out.insert(0, "model", f"change in {self.outcome} ~ early {self.alliance} + starting {self.outcome}")
        out["se_type"] = self.se_type
        out["n"] = len(self.clients)
        return out

    def summary(self) -> str:
        b = self.coefficients.set_index("term").loc["early_alliance"]
        return (f"{len(self.clients)} clients: each point of mean {self.alliance} over sessions "
                f"1-{self.early_sessions} "
                f"goes with {b['estimate']:+.2f} points of change in {self.outcome} (95% CI {b['ci_low']:+.2f} to "
                f"{b['ci_high']:+.2f}, p = {b['p']:.3g}), for clients starting at the same {self.outcome}; "
                f"r = {self.r:.2f} ({self.r_ci[0]:.2f} to {self.r_ci[1]:.2f}) without that adjustment.")


def early_alliance_outcome(data, alliance: str = "srs_total", outcome: str = "ors_total", *, early_sessions: int = 3,
                           id_col: str = "client_id", clinician_col: str = "clinician_id",
                           session_col: str = "session") -> EarlyAllianceOutcome:
    """Does the early alliance predict how much clients improve?

    Per client: ``early_alliance`` is the mean of ``alliance`` over sessions 1 to ``early_sessions``;
    the outcome change runs from the first ``outcome`` score to the last one after the early window.
    An ordinary least-squares regression (statsmodels) of the change on the early alliance and the
    starting outcome score gives the coefficient in points; the standard errors are cluster-robust by
    clinician when there are at least 10 clinicians, otherwise HC3 heteroscedasticity-robust (too few
    clusters for clustering, so clients of one clinician are treated as independent: said in
    ``notes``). The plain correlation of early alliance with change (pingouin) is given beside it.
    """
    import statsmodels.api as sm

    sessions = _sessions(data)
    for c in (id_col, session_col, alliance, outcome):
        if c not in sessions.columns:
            raise DataError(f"the sessions table has no column {c!r}", column=c, rule="required column")
    s = sessions.assign(**{id_col: sessions[id_col].astype("str")})
    early = s[(s[session_col] >= 1) & (s[session_col] <= early_sessions)]
    ea = early.groupby(id_col)[alliance].mean().rename("early_alliance")
    fl = _first_last(s, outcome, id_col, session_col, after=early_sessions)
    table = fl.join(ea, how="outer")
    if clinician_col in s.columns:
        table = table.join(s.drop_duplicates(id_col).set_index(id_col)[clinician_col].astype("str"))
    reasons = np.where(table["early_alliance"].isna(), f"no {alliance} in sessions 1-{early_sessions}",
                       np.where(table["pre"].isna(), f"no {outcome} score",
                                np.where(table["post"].isna(), f"no {outcome} score after session {early_sessions}",
                                         "")))
    table = table.rename_axis(id_col).reset_index()
    excluded = pd.DataFrame({id_col: table[id_col], "reason": reasons})
    excluded = excluded[excluded["reason"] != ""].reset_index(drop=True)
    used = table[reasons == ""].reset_index(drop=True)
    if len(used) < 10:
        raise DataError(f"early alliance and outcome need at least 10 clients with both; {len(used)} have them",
                        rule="enough clients")
    X = sm.add_constant(used[["early_alliance", "pre"]].astype(float))
    model = sm.OLS(used["change"].astype(float), X)
    n_clin = int(used[clinician_col].nunique()) if clinician_col in used.columns else 0
    notes = []
    if n_clin >= 10:
        groups = pd.factorize(used[clinician_col])[0]
        res = model.fit(cov_type="cluster", cov_kwds={"groups": groups})
        se_type = f"cluster-robust by clinician ({n_clin} clusters)"
    else:
        res = model.fit(cov_type="HC3")
        se_type = "HC3 (heteroscedasticity-robust)"
        if n_clin:
            notes.append(f"Only {n_clin} clinicians: too few to cluster the standard errors, so clients of the same "
                         "clinician are treated as independent and the intervals may be too narrow.")
    ci = res.conf_int()
    coef = pd.DataFrame({"term": ["intercept", "early_alliance", "starting_outcome"],
                         "estimate": res.params.to_numpy(float), "se": res.bse.to_numpy(float),
                         "p": res.pvalues.to_numpy(float), "ci_low": ci.iloc[:, 0].to_numpy(float),
                         "ci_high": ci.iloc[:, 1].to_numpy(float)})
    r, r_ci, r_p = _pearson(used["early_alliance"], used["change"])
    if len(excluded):
        why = "; ".join(f"{n}: {reason}" for reason, n in excluded["reason"].value_counts().items())
        notes.append(f"{len(excluded)} clients left out ({why}).")
    return EarlyAllianceOutcome(alliance=alliance, outcome=outcome, early_sessions=early_sessions,
                                clients=used[[id_col, *[c for c in (clinician_col,) if c in used.columns],
                                              "early_alliance", "pre", "post", "change"]],
                                coefficients=coef, r=r, r_ci=r_ci, r_p=r_p,
                                se_type=se_type, excluded=excluded, notes=notes)


# --------------------------------------------------------------------------- ruptures and change by cohort
_COUNTS = ("clients", "eligible", "with_rupture", "episodes", "episodes_judged", "repaired", "n", "group_n")


def _suppress(table: pd.DataFrame, count: str, min_cell: int | None, values: list[str],
              by: list[str] | None = None) -> pd.DataFrame:
    """Small-cell suppression (:func:`rapportlib.suppress_small_cells`), counts kept as whole numbers."""
    if not min_cell:
        return table
    from .privacy import suppress_small_cells

    out = suppress_small_cells(table, count, threshold=min_cell, by=by, values=values)
    return out.astype({c: "Int64" for c in _COUNTS if c in out.columns})


@dataclass
class RuptureSummary:
    """Rupture prevalence, repair and outcome across a cohort (:func:`rupture_summary`)."""

    by: str | None
    groups: pd.DataFrame         # one row per group and one for the whole sample
    clients: pd.DataFrame        # one row per client: group, sessions, eligible, ruptures, repaired, change
    episodes: pd.DataFrame       # rapportlib.ruptures output with the group

    def table(self) -> pd.DataFrame:
        return self.groups


def rupture_summary(data, by: str | None = None, *, measure: str = "srs_total", outcome: str = "ors_total",
                    threshold: float = 2.0, min_sessions: int = 4, min_cell: int | None = None,
                    id_col: str = "client_id", session_col: str = "session", **rupture_options) -> RuptureSummary:
    """How often ruptures happen, how often and how fast they are repaired, and how they relate to outcome.

    Episodes come from :func:`rapportlib.ruptures` (``threshold`` SDs of the client's own series;
    ``rupture_options`` pass on). Per group of ``by`` (and a row ``group="all"``):

    * ``clients`` and ``eligible`` (clients with at least ``min_sessions`` ratings of ``measure``, the
      only ones whose ruptures can be detected); ``with_rupture`` and ``prevalence`` among the
      eligible, with a Wilson 95% interval; ``episodes`` and ``episodes_per_100_sessions``;
    * ``repaired`` and ``repair_rate`` among episodes whose repair window is complete (an episode at the
      end of a series can't be judged yet), with a Wilson interval, and the median ``sessions_to_repair``
      (from the low point to the repair session);
    * ``change_with`` / ``change_without``: mean change in ``outcome`` (first to last score) of eligible
      clients with and without a rupture, their ``difference`` and Welch's t-test ``p_value``.

    ``min_cell`` (for example 11) hides counts below it with secondary suppression
    (:func:`rapportlib.suppress_small_cells`) before a table leaves the team.
    """
    from .alliance import ruptures

    sessions = _sessions(data)
    groups = _client_groups(data, by, id_col)
    eps = ruptures(sessions, measure, threshold=threshold, min_sessions=min_sessions, id_col=id_col,
                   session_col=session_col, **rupture_options)
    eps = eps.assign(group=eps[id_col].map(groups).astype("str"))
    rated = sessions[[id_col, measure]].dropna()
    n_rated = rated.groupby(rated[id_col].astype("str")).size()
    cl = pd.DataFrame({"group": groups})
    cl["rated_sessions"] = n_rated.reindex(cl.index).fillna(0).astype(int)
    cl["eligible"] = cl["rated_sessions"] >= min_sessions
    per = eps.groupby(id_col).agg(ruptures=("pattern", "size"),
                                  repaired=("repaired_session", lambda s: int(s.notna().sum())))
    cl = cl.join(per).fillna({"ruptures": 0, "repaired": 0})
    cl[["ruptures", "repaired"]] = cl[["ruptures", "repaired"]].astype(int)
    if outcome in sessions.columns:
        cl["outcome_change"] = _first_last(sessions, outcome, id_col, session_col)["change"].reindex(cl.index)
    else:
        cl["outcome_change"] = np.nan
    cl = cl.rename_axis(id_col).reset_index()
    rows = []
    labels = sorted(cl["group"].unique()) + ([ALL] if by else [])
    for g in labels if by else [ALL]:
        c = cl if g == ALL else cl[cl["group"] == g]
        e = eps if g == ALL else eps[eps["group"] == g]
        elig = c[c["eligible"]]
        with_r = int((elig["ruptures"] > 0).sum())
        judged = e[e["window_complete"].to_numpy(bool)]
        repaired = int(judged["repaired_session"].notna().sum())
        to_repair = (judged["repaired_session"] - judged["drop_session"]).dropna().astype(float)
        ch = elig["outcome_change"].to_numpy(float)
        has = (elig["ruptures"] > 0).to_numpy()
        p_lo, p_hi = _wilson(with_r, len(elig))
        r_lo, r_hi = _wilson(repaired, len(judged))
        rows.append({"group": g, "clients": len(c), "eligible": len(elig), "with_rupture": with_r,
                     "prevalence": with_r / len(elig) if len(elig) else np.nan, "prevalence_ci_low": p_lo,
                     "prevalence_ci_high": p_hi, "episodes": len(e),
                     "episodes_per_100_sessions": 100 * len(e) / max(int(elig["rated_sessions"].sum()), 1),
                     "episodes_judged": len(judged), "repaired": repaired,
                     "repair_rate": repaired / len(judged) if len(judged) else np.nan,
                     "repair_ci_low": r_lo, "repair_ci_high": r_hi,
                     "sessions_to_repair": float(to_repair.median()) if len(to_repair) else np.nan,
                     "change_with": float(np.nanmean(ch[has])) if np.any(has & ~np.isnan(ch)) else np.nan,
                     "change_without": float(np.nanmean(ch[~has])) if np.any(~has & ~np.isnan(ch)) else np.nan,
                     "p_value": _welch(ch[has], ch[~has])})
    table = pd.DataFrame(rows)
    table["difference"] = table["change_with"] - table["change_without"]
    table.insert(0, "by", by or ALL)
    table = _suppress(table, "eligible", min_cell, [c for c in table.columns if c not in ("by", "group", "clients")])
    return RuptureSummary(by=by, groups=table, clients=cl, episodes=eps)


_AROUND = (("pre3", -2, "pre"), ("pre2", -1, "pre"), ("pre1", 0, "pre"),
           ("post1", 0, "post"), ("post2", 1, "post"), ("post3", 2, "post"))


@dataclass
class SuddenGainsSummary:
    """Sudden gains across a cohort, described as suddengains does (:func:`sudden_gains_summary`)."""

    measure: str
    by: str | None
    gains: pd.DataFrame          # one row per gain: scores around it, reversal, group
    clients: pd.DataFrame        # one row per client with a judgeable interval: group, gains
    lower_is_better: bool

    def describe(self) -> pd.DataFrame:
        """suddengains' ``describe_sg`` per group: clients, gains, clients with gains, multiple gains,
        magnitude (mean, SD) and reversals."""
        rows = []
        groups = sorted(self.clients["group"].unique()) + ([ALL] if self.by else [])
        for g in groups if self.by else [ALL]:
            c = self.clients if g == ALL else self.clients[self.clients["group"] == g]
            s = self.gains if g == ALL else self.gains[self.gains["group"] == g]
            rows.append({"group": g, "total_n": len(c), "sg_total_n": len(s), "sg_n": int((c["gains"] > 0).sum()),
                         "sg_pct": 100 * (c["gains"] > 0).mean() if len(c) else np.nan,
                         "sg_multiple_n": int((c["gains"] > 1).sum()),
                         "sg_magnitude_mean": float(s["magnitude"].mean()) if len(s) else np.nan,
                         "sg_magnitude_sd": float(s["magnitude"].std(ddof=1)) if len(s) > 1 else np.nan,
                         "sg_reversal_n": int(s["reversal"].sum()) if len(s) else 0})
        out = pd.DataFrame(rows)
        out.insert(0, "measure", self.measure)
        return out

    def around(self) -> pd.DataFrame:
        """Average change around the gain (suddengains' ``plot_sg`` numbers): mean, SD, n and a 95% CI
        of the score at the three sessions before and after each gain, per group."""
        from scipy import stats

        rows = []
        groups = sorted(self.gains["group"].unique()) + ([ALL] if self.by else [])
        for g in groups if self.by else [ALL]:
            s = self.gains if g == ALL else self.gains[self.gains["group"] == g]
            for pos, (col, _, _) in enumerate(_AROUND):
                v = s[col].dropna().to_numpy(float)
                n = len(v)
                m = float(v.mean()) if n else np.nan
                sd = float(v.std(ddof=1)) if n > 1 else np.nan
                half = float(stats.t.ppf(0.975, n - 1)) * sd / np.sqrt(n) if n > 1 else np.nan
                rows.append({"measure": self.measure, "group": g, "position": col, "order": pos, "n": n, "mean": m,
                             "sd": sd, "ci_low": m - half, "ci_high": m + half})
        return pd.DataFrame(rows)

    def table(self) -> pd.DataFrame:
        return self.describe()


def sudden_gains_summary(data, measure: str, cutoff: float | None, *, by: str | None = None,
                         lower_is_better: bool | None = None, id_col: str = "client_id",
                         session_col: str = "session", **criteria) -> SuddenGainsSummary:
    """Sudden gains of every client and their descriptive tables, as suddengains reports them.

    Gains come from :func:`rapportlib.sudden_gains` (``cutoff`` and ``criteria`` — ``pct``,
    ``stability``, ``alpha``, ``adjust``, ``critical_value`` — pass on). For each gain the scores at
    the three sessions up to and including the pre-gain session (``pre3``, ``pre2``, ``pre1``) and the
    three from the post-gain session on (``post1``, ``post2``, ``post3``) are kept (missing where the
    client has no score), as in suddengains' ``create_bysg``; ``reversal`` is True when a later score
    returns by more than half the gain (suddengains' reversal rule: worse than the post-gain score
    by at least 50% of the gain's magnitude). ``clients`` counts only clients with at least one
    judgeable interval, like suddengains' ``total_n``.
    """
    from .change import _grid, judge_intervals, lower_is_better_for

    sessions = _sessions(data)
    if lower_is_better is None:
        lower_is_better = lower_is_better_for(measure)
    iv = judge_intervals(sessions, measure, cutoff, lower_is_better=lower_is_better, id_col=id_col,
                         session_col=session_col, **criteria)
    judged = iv[iv["event"].notna().to_numpy(bool)]
    gains = iv[iv["event"].fillna(False).to_numpy(bool)][[id_col, "pre_session", "post_session", "pre_score",
                                                          "post_score", "magnitude"]].reset_index(drop=True)
    grid = _grid(sessions, measure, id_col, session_col)
    row = grid.clients.get_indexer(gains[id_col].to_numpy())
    width = grid.values.shape[1]

    def at(session_no: np.ndarray) -> np.ndarray:
        j = session_no - grid.first_session
        ok = (j >= 0) & (j < width) & (row >= 0)
        out = np.full(len(j), np.nan)
        out[ok] = grid.values[row[ok], j[ok]]
        return out

    pre_s = gains["pre_session"].to_numpy(dtype=np.int64) if len(gains) else np.zeros(0, np.int64)
    post_s = gains["post_session"].to_numpy(dtype=np.int64) if len(gains) else np.zeros(0, np.int64)
    for col, offset, side in _AROUND:
        gains[col] = at((pre_s if side == "pre" else post_s) + offset)
    sign = -1.0 if lower_is_better else 1.0          # +: higher is better
    reversal = np.zeros(len(gains), bool)
    for k in range(len(gains)):
        later = grid.values[row[k], post_s[k] - grid.first_session + 1:]
        later = later[~np.isnan(later)]
        back = sign * (gains["post_score"].iat[k] - later)       # how far later scores fell back from post-gain
        reversal[k] = bool(np.any(back >= 0.5 * gains["magnitude"].iat[k])) if len(later) else False
    gains["reversal"] = reversal
    groups = _client_groups(data, by, id_col)
    gains.insert(1, "group", gains[id_col].map(groups).astype("str").to_numpy())
    gains.insert(2, "measure", measure)
    counts = gains.groupby(id_col).size()
    clients = pd.DataFrame({id_col: pd.unique(judged[id_col])})
    clients["group"] = clients[id_col].map(groups).astype("str")
    clients["gains"] = clients[id_col].map(counts).fillna(0).astype(int)
    return SuddenGainsSummary(measure=measure, by=by, gains=gains, clients=clients,
                              lower_is_better=bool(lower_is_better))


def clinical_significance_by(data, measure: str, reliability: float, by: str | None = None, *,
                             min_cell: int | None = None, id_col: str = "client_id", session_col: str = "session",
                             **options) -> pd.DataFrame:
    """Jacobson & Truax categories (recovered, improved, unchanged, deteriorated, harmed) per group.

    :func:`rapportlib.reliable_change` runs once on the whole sample (so the SD behind the reliable
    change index and the cut-off are the same for every group; ``options`` such as ``cutoff=``,
    ``pre=``, ``post=`` pass on), then the clients are counted per group of ``by``. Returns one row
    per group and category: ``n``, ``percent`` of the group and the group's ``group_n``; ``min_cell``
    suppresses small counts (secondary suppression across the categories of a group).
    """
    from .change import reliable_change

    rc = reliable_change(_sessions(data), measure, reliability=reliability, id_col=id_col, session_col=session_col,
                         **options)
    return _categories_by(rc, data, by, min_cell=min_cell, id_col=id_col)


def _categories_by(rc, data, by: str | None, *, min_cell: int | None, id_col: str) -> pd.DataFrame:
    """The clients of a :class:`~rapportlib.change.ReliableChange` counted per category and group of ``by``."""
    groups = _client_groups(data, by, id_col)
    cl = rc.clients.assign(group=rc.clients[id_col].map(groups).astype("str"))
    rows = []
    labels = sorted(cl["group"].unique()) + ([ALL] if by else [])
    for g in labels if by else [ALL]:
        c = cl if g == ALL else cl[cl["group"] == g]
        counts = c["category"].astype("str").value_counts()
        for cat in rc.categories:
            n = int(counts.get(cat, 0))
            rows.append({"group": g, "category": cat, "n": n, "percent": 100 * n / len(c) if len(c) else np.nan,
                         "group_n": len(c)})
    out = pd.DataFrame(rows)
    out.insert(0, "measure", rc.measure)
    out.insert(1, "by", by or ALL)
    return _suppress(out, "n", min_cell, ["percent"], by=["group", "category"])


# --------------------------------------------------------------------------- all tables, exports, data dictionary
@dataclass
class ResearchResults:
    """Every analysis of this module on one dataset (:func:`run`); ``None`` where the data can't support
    one, with the reason in ``notes``."""

    by: str | None
    alliance: str
    outcome: str
    consistency: pd.DataFrame | None = None
    agreement: RaterAgreement | None = None
    growth: GrowthModel | None = None
    early: EarlyAllianceOutcome | None = None
    ruptures: RuptureSummary | None = None
    gains: SuddenGainsSummary | None = None
    gain_cutoff: float | None = None
    outcome_reliability: float | None = None
    change: object | None = None               # rapportlib.change.ReliableChange, whole sample
    significance: pd.DataFrame | None = None   # categories per group
    notes: list[dict] = field(default_factory=list)

    def tables(self) -> dict[str, pd.DataFrame]:
        """The named tidy tables :func:`export_tables` writes: summaries, then per-client tables."""
        out: dict[str, pd.DataFrame] = {}
        if self.consistency is not None:
            out["internal_consistency"] = self.consistency
        if self.agreement is not None:
            out["rater_agreement"] = self.agreement.table()
            out["rater_agreement_pairs"] = self.agreement.pairs.assign(pair=self.agreement.pair,
                                                                       level=self.agreement.level)
        if self.growth is not None:
            out["alliance_growth"] = self.growth.table()
            out["alliance_growth_predicted"] = self.growth.predicted().assign(measure=self.alliance)
        if self.early is not None:
            out["early_alliance_outcome"] = self.early.table()
            out["early_alliance_clients"] = self.early.clients
        if self.ruptures is not None:
            out["ruptures_by_group"] = self.ruptures.table()
            out["rupture_clients"] = self.ruptures.clients
            out["rupture_episodes"] = self.ruptures.episodes
        if self.gains is not None:
            out["sudden_gains"] = self.gains.describe().assign(cutoff=self.gain_cutoff)
            out["sudden_gains_around"] = self.gains.around()
            out["sudden_gain_events"] = self.gains.gains
        if self.significance is not None:
            out["clinical_significance"] = self.significance
            out["reliable_change_clients"] = self.change.clients.assign(measure=self.outcome)
        out["notes"] = pd.DataFrame(self.notes, columns=["table", "note"])
        return out


def run(data, *, by: str | None = None, alliance: str = "srs_total", outcome: str = "ors_total",
        outcome_reliability: float | None = None, sudden_gain_cutoff: float | None = None,
        min_cell: int | None = None) -> ResearchResults:
    """Every analysis of this module on one dataset, with the defaults a training researcher would pick.

    ``outcome_reliability`` (for the reliable change index) defaults to the outcome scale's Cronbach's
    alpha at its first occasion in this dataset; ``sudden_gain_cutoff`` to the reliable-change value
    in the outcome's instrument file (5 points for the ORS), else :func:`rapportlib.crit1_cutoff`; the
    clinical cut-off is the instrument file's (25 for the ORS). ``min_cell`` suppresses small counts in
    the by-group tables. An analysis the data can't support is left as ``None`` and the reason is in
    ``notes``, as are the models' own notes.
    """
    from .change import crit1_cutoff, reliable_change

    if by is not None:
        with_attributes(data, by)            # a grouping column that does not exist is the caller's error
    res = ResearchResults(by=by, alliance=alliance, outcome=outcome)

    def attempt(name: str, fn):
        try:
            return fn()
        except (DataError, ValueError) as exc:
            res.notes.append({"table": name, "note": f"not computed: {exc}"})
            return None

    sessions = _sessions(data)
    res.consistency = attempt("internal_consistency", lambda: internal_consistency(data))
    res.agreement = attempt("rater_agreement", lambda: rater_agreement(data))
    res.growth = attempt("alliance_growth", lambda: alliance_growth(data, alliance))
    if res.growth is not None:
        res.notes += [{"table": "alliance_growth", "note": n} for n in res.growth.notes]
    res.early = attempt("early_alliance_outcome", lambda: early_alliance_outcome(data, alliance, outcome))
    if res.early is not None:
        res.notes += [{"table": "early_alliance_outcome", "note": n} for n in res.early.notes]
    res.ruptures = attempt("ruptures_by_group", lambda: rupture_summary(data, by, measure=alliance, outcome=outcome,
                                                                        min_cell=min_cell))
    if outcome not in sessions.columns:
        res.notes.append({"table": "sudden_gains", "note": f"not computed: no column {outcome!r}"})
        return res
    inst, scale = _outcome_instrument(outcome)
    rel = outcome_reliability
    if rel is None and res.consistency is not None and inst is not None:
        ic = first_occasion(res.consistency)
        ic = ic[(ic["instrument"] == inst.id) & (ic["scale"] == scale)]
        if len(ic):
            first = ic.iloc[0]
            rel = float(first["alpha"])
            res.notes.append({"table": "clinical_significance",
                              "note": f"reliability of {outcome}: Cronbach's alpha {rel:.2f} at session "
                                      f"{first['occasion']} (n = {int(first['n'])}), from this dataset"})
    res.outcome_reliability = rel
    cut = sudden_gain_cutoff
    if cut is None and inst is not None:
        cut = next((r.value for r in inst.reliable_change if r.scale == scale), None)
    if cut is None and rel is not None:
        cut = crit1_cutoff(float(_first_last(sessions, outcome, "client_id", "session")["pre"].std()), rel)
    res.gain_cutoff = cut
    if cut is None:
        res.notes.append({"table": "sudden_gains", "note": f"not computed: no reliable-change value for {outcome!r}"})
    else:
        res.gains = attempt("sudden_gains", lambda: sudden_gains_summary(data, outcome, cut, by=by))
    if rel is None:
        res.notes.append({"table": "clinical_significance", "note": f"not computed: no reliability for {outcome!r}"})
        return res
    clinical = next((c.value for c in (inst.cutoffs if inst else []) if c.scale == scale), None)
    res.change = attempt("clinical_significance", lambda: reliable_change(sessions, outcome, reliability=rel,
                                                                          cutoff=clinical))
    if res.change is not None:
        res.significance = _categories_by(res.change, data, by, min_cell=min_cell, id_col="client_id")
    return res


def research_tables(data, **options) -> dict[str, pd.DataFrame]:
    """``run(data, **options).tables()``: every analysis as named tidy tables."""
    return run(data, **options).tables()


def _outcome_instrument(outcome: str):
    from .instruments import instrument_for

    found = instrument_for(outcome)
    return found if found else (None, None)


def _dictionary_source() -> dict:
    import yaml

    from ._resources import bundled

    with open(bundled("data", "schema", "derived.yaml"), encoding="utf-8") as fh:
        return yaml.safe_load(fh)


def data_dictionary(tables: dict[str, pd.DataFrame]) -> pd.DataFrame:
    """One row per table and column: its type and what it means (from ``data/schema/derived.yaml``).

    A column the dictionary does not describe gets ``description`` "(not described)"; the tests
    keep every column of :func:`research_tables` described.
    """
    source = _dictionary_source()
    shared = source.get("columns", {})
    rows = []
    for name, frame in tables.items():
        own = source.get("tables", {}).get(name, {})
        for col in frame.columns:
            rows.append({"table": name, "column": col, "type": str(frame[col].dtype),
                         "description": own.get("columns", {}).get(col) or shared.get(col) or "(not described)",
                         "table_description": own.get("description", "")})
    return pd.DataFrame(rows)


def export_tables(tables: dict[str, pd.DataFrame], folder: str | Path, *, format: str = "csv") -> list[Path]:
    """Write every table to ``folder`` as ``<name>.csv`` or ``<name>.parquet`` (``format="both"``
    writes both), with ``data_dictionary.csv`` beside them. Returns the paths written."""
    if format not in ("csv", "parquet", "both"):
        raise ValueError("format must be 'csv', 'parquet' or 'both'")
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    for name, frame in tables.items():
        flat = frame.copy()
        for col in flat.columns:            # lists and tuples are not tidy cells: write them as text
            if flat[col].dtype == object and flat[col].map(lambda v: isinstance(v, (list, tuple))).any():
                flat[col] = flat[col].map(lambda v: "; ".join(map(str, v)) if isinstance(v, (list, tuple)) else v)
        if format in ("csv", "both"):
            flat.to_csv(folder / f"{name}.csv", index=False)
            written.append(folder / f"{name}.csv")
        if format in ("parquet", "both"):
            flat.to_parquet(folder / f"{name}.parquet", index=False)
            written.append(folder / f"{name}.parquet")
    data_dictionary(tables).to_csv(folder / "data_dictionary.csv", index=False)
    written.append(folder / "data_dictionary.csv")
    return written
