"""Research analyses (rapportlib.research): tiny literal tables with their expected numbers spelled
out, then the demo data end to end and the exports with their data dictionary."""

from __future__ import annotations

import math
from types import SimpleNamespace

import numpy as np
import pandas as pd
import pytest

import rapportlib as rl
from rapportlib import plots, research
from rapportlib.errors import DataError
from rapportlib.schema import DatasetMeta


def _sessions(spec: dict[str, tuple[str, list[float], float, float]]) -> pd.DataFrame:
    """client -> (clinician, SRS totals for sessions 1.., ORS at intake, ORS at the last session)."""
    rows = []
    for cid, (clin, srs, ors_pre, ors_post) in spec.items():
        rows.append({"client_id": cid, "clinician_id": clin, "session": 0, "srs_total": np.nan,
                     "ors_total": ors_pre})
        for i, v in enumerate(srs, 1):
            rows.append({"client_id": cid, "clinician_id": clin, "session": i, "srs_total": float(v),
                         "ors_total": ors_post if i == len(srs) else np.nan})
    return pd.DataFrame(rows)


# --------------------------------------------------------------------------- groups
def test_with_attributes_joins_clients_and_clinicians_and_names_a_missing_column():
    sessions = pd.DataFrame({"client_id": ["a", "a", "b"], "clinician_id": ["t1", "t1", "t2"], "session": [1, 2, 1]})
    clients = pd.DataFrame({"client_id": ["a", "b"], "case_type": ["therapy", "assessment"]})
    meta = DatasetMeta(clinicians=[{"clinician_id": "t1", "role": "trainee", "site": "north"},
                                   {"clinician_id": "t2", "role": "licensed", "site": "south"}])
    data = SimpleNamespace(sessions=sessions, clients=clients, meta=meta)
    out = research.with_attributes(data)
    assert out["case_type"].tolist() == ["therapy", "therapy", "assessment"]
    assert out["site"].tolist() == ["north", "north", "south"]
    assert out["role"].tolist() == ["trainee", "trainee", "licensed"]
    with pytest.raises(DataError) as err:
        research.with_attributes(data, "cohort")
    assert "'cohort'" in str(err.value) and "site" in str(err.value)


# --------------------------------------------------------------------------- measurement quality
def test_internal_consistency_per_occasion_matches_cronbachs_formula():
    rng = np.random.default_rng(3)
    rows = []
    for session in (1, 2):
        for i in range(12):
            base = rng.uniform(4, 9)
            rows.append({"client_id": f"c{i}", "session": session,
                         **{f"srs_{k}": round(base + rng.normal(0, 0.8), 1) for k in range(1, 5)}})
    rows += [{"client_id": f"x{i}", "session": 3, **{f"srs_{k}": 5.0 + k + i for k in range(1, 5)}} for i in range(4)]
    s = pd.DataFrame(rows)
    out = research.internal_consistency(s, [rl.get_instrument("srs")], min_n=10)
    assert out["occasion"].tolist() == ["1", "2", "all"]        # session 3 has 4 forms, under min_n
    items = s[s["session"] == 1][[f"srs_{k}" for k in range(1, 5)]]
    k = 4
    alpha = k / (k - 1) * (1 - items.var(ddof=1).sum() / items.sum(axis=1).var(ddof=1))
    assert out.loc[out["occasion"] == "1", "alpha"].iloc[0] == pytest.approx(alpha, abs=1e-9)
    assert out.loc[out["occasion"] == "all", "n"].iloc[0] == 28
    assert out["occasion_kind"].iloc[-1].startswith("all occasions pooled")


def test_rater_agreement_hand_computed():
    # six clients, one session each: clinician 3 4 5 2 4 3, client 2.5 3.5 5 2 3 3 (WAI-SR item means)
    s = pd.DataFrame({"client_id": list("abcdef"), "clinician_id": ["t"] * 6, "session": [1] * 6,
                      "wai_srt_total": [3, 4, 5, 2, 4, 3.0], "wai_sr_total": [2.5, 3.5, 5, 2, 3, 3.0]})
    a = research.rater_agreement(s)
    # differences 0.5 0.5 0 0 1 0: mean 1/3, variance (5/6)/5 = 1/6
    assert a.bias == pytest.approx(1 / 3)
    assert a.sd_difference == pytest.approx(math.sqrt(1 / 6))
    assert a.limits[0] == pytest.approx(1 / 3 - 1.96 * math.sqrt(1 / 6))
    assert a.limits[1] == pytest.approx(1 / 3 + 1.96 * math.sqrt(1 / 6))
    # two-way ANOVA: MS rows 25/12, MS raters 1/3, MS error 1/12 (n = 6, k = 2)
    # ICC(A,1) = (MSR - MSE) / (MSR + MSE + 2/6 (MSC - MSE)) = 2 / (27/12) = 8/9; ICC(C,1) = 2 / (26/12) = 12/13
    icc = a.icc.set_index("form")["icc"]
    assert icc["ICC(A,1)"] == pytest.approx(8 / 9)
    assert icc["ICC(C,1)"] == pytest.approx(12 / 13)
    assert a.pearson_r == pytest.approx(np.corrcoef([3, 4, 5, 2, 4, 3], [2.5, 3.5, 5, 2, 3, 3])[0, 1])
    t = a.table().set_index("statistic")
    assert t.loc["ICC(A,1)", "note"].startswith("two-way, absolute agreement")
    assert t.loc["loa_upper", "value"] == pytest.approx(a.limits[1])
    assert "6 clients" in a.summary()


def test_rater_agreement_per_client_averages_sessions_first():
    s = pd.DataFrame({"client_id": list("aabbccddee"), "session": [1, 2] * 5,
                      "wai_srt_total": [3, 5, 4, 4, 2, 2, 5, 5, 3, 3.0],
                      "wai_sr_total": [3, 3, 4, 3, 2, 1, 5, 4, 3, 3.0]})
    by_client = research.rater_agreement(s)
    assert by_client.pairs["clinician_rating"].tolist() == [4, 4, 2, 5, 3]
    assert by_client.pairs["client_rating"].tolist() == [3, 3.5, 1.5, 4.5, 3]
    by_session = research.rater_agreement(s, level="session")
    assert len(by_session.pairs) == 10 and by_session.notes[0].startswith("Each client contributes")
    with pytest.raises(DataError, match="at least 5"):
        research.rater_agreement(s.head(6))


# --------------------------------------------------------------------------- growth
def _growth_data(n_clinicians: int, clients_each: int = 4, sessions: int = 6, seed: int = 1) -> pd.DataFrame:
    rng = np.random.default_rng(seed)
    rows = []
    for c in range(n_clinicians):
        shift = rng.normal(0, 1.0)
        for k in range(clients_each):
            a, b = 30 + shift + rng.normal(0, 2), 0.5 + rng.normal(0, 0.2)
            for s in range(1, sessions + 1):
                rows.append({"client_id": f"c{c}-{k}", "clinician_id": f"t{c}", "session": s,
                             "srs_total": a + b * (s - 1) + rng.normal(0, 0.7)})
    return pd.DataFrame(rows)


def test_growth_model_on_a_balanced_design_equals_the_average_client_line():
    # every client rated at sessions 1-6 and every clinician with 4 clients: the mixed model's fixed effects
    # are then exactly the ordinary least-squares line through all points (the mean of the clients' own lines)
    s = _growth_data(4, seed=2)          # with this draw the clinicians differ enough for a clinician level
    g = research.alliance_growth(s)
    slope, intercept = np.polyfit(s["session"] - 1, s["srs_total"], 1)
    fx = g.fixed.set_index("term")["estimate"]
    assert fx["time"] == pytest.approx(slope, abs=1e-6)
    assert fx["intercept"] == pytest.approx(intercept, abs=1e-6)
    assert g.converged and g.n_clients == 16 and g.n_clinicians == 4
    assert set(g.random["component"]) >= {"clinician intercept", "client intercept"}
    assert g.tried["kept"].sum() == 1
    pred = g.predicted([1, 6])
    assert pred["predicted"].tolist() == pytest.approx([intercept, intercept + 5 * slope], abs=1e-6)
    assert (pred["ci_low"] < pred["predicted"]).all() and (pred["predicted"] < pred["ci_high"]).all()
    t = g.table()
    assert {"fixed", "random"} == set(t["part"]) and (t["measure"] == "srs_total").all()


def test_growth_model_with_two_clinicians_says_why_there_is_no_clinician_level():
    g = research.alliance_growth(_growth_data(2, clients_each=8))
    assert not g.structure.startswith("clinician")
    first = g.tried.iloc[0]
    assert first["problems"] == "only 2 clinician(s)" and not first["kept"]
    assert any("only 2 clinician(s)" in n for n in g.notes)


def test_growth_model_drops_a_variance_the_data_do_not_support():
    # every client has the same slope and the clinicians the same mean: no slope or clinician variance to find
    rows = []
    offsets = [-3, -1, 1, 3]
    for c in range(4):
        for k, off in enumerate(offsets[c:] + offsets[:c]):
            for s in range(1, 7):
                noise = [0.3, -0.2, 0.1, -0.3, 0.2, -0.1][(s + k + c) % 6]
                rows.append({"client_id": f"c{c}-{k}", "clinician_id": f"t{c}", "session": s,
                             "srs_total": 30 + off + 0.5 * (s - 1) + noise})
    g = research.alliance_growth(pd.DataFrame(rows))
    assert g.tried.iloc[0]["kept"] == False      # noqa: E712 - a numpy bool
    assert "about zero" in g.tried.iloc[0]["problems"] or "converge" in g.tried.iloc[0]["problems"]
    assert any("was not kept" in n for n in g.notes)
    assert g.fixed.set_index("term").loc["time", "estimate"] == pytest.approx(0.5, abs=0.02)


def test_growth_model_needs_enough_clients():
    with pytest.raises(DataError, match="at least 5 clients"):
        research.alliance_growth(_growth_data(1, clients_each=3))


# --------------------------------------------------------------------------- early alliance and outcome
def test_early_alliance_outcome_matches_least_squares_by_hand():
    rng = np.random.default_rng(5)
    spec = {}
    for i in range(14):
        early = 28 + i * 0.7
        pre = 15 + (i * 7) % 10
        post = pre + 1.5 * (early - 30) - 0.3 * (pre - 20) + rng.normal(0, 1)
        spec[f"c{i:02d}"] = ("t1", [early - 1, early, early + 1, early + 2, early + 2], pre, round(post, 2))
    spec["late"] = ("t1", [35, 36], 20, 25)         # no outcome after session 3
    s = _sessions(spec)
    e = research.early_alliance_outcome(s)
    used = e.clients
    assert len(used) == 14 and e.excluded.to_dict("records") == [
        {"client_id": "late", "reason": "no ors_total score after session 3"}]
    X = np.column_stack([np.ones(14), used["early_alliance"], used["pre"]])
    beta = np.linalg.lstsq(X, used["change"].to_numpy(float), rcond=None)[0]
    assert e.coefficients["estimate"].to_numpy() == pytest.approx(beta)
    assert used["early_alliance"].iloc[0] == pytest.approx(28.0)        # mean of 27, 28, 29
    assert e.se_type.startswith("HC3") and "Only 1 clinicians" in e.notes[0]
    assert "goes with" in e.summary()


# --------------------------------------------------------------------------- ruptures, sudden gains, categories
RUPTURES = {
    "a": ("t1", [30, 30, 31, 30, 20, 30, 30, 31], 20, 30),   # V rupture at session 5, back at 6
    "b": ("t1", [34] * 7 + [22, 23, 22, 23], 18, 19),         # unrepaired fall at session 8
    "c": ("t2", [35, 36, 35, 36, 35, 36], 22, 26),            # steady
    "d": ("t2", [35, 36, 35], 20, 28),                        # too few ratings to judge
}


def test_rupture_summary_counts_prevalence_repair_and_outcome():
    r = research.rupture_summary(_sessions(RUPTURES))
    row = r.table().iloc[0]
    assert (row["clients"], row["eligible"], row["with_rupture"], row["episodes"]) == (4, 3, 2, 2)
    assert row["prevalence"] == pytest.approx(2 / 3)
    z = 1.959963984540054                                     # Wilson interval by hand
    centre, half = (2 / 3 + z * z / 6) / (1 + z * z / 3), z * math.sqrt(2 / 9 / 3 + z * z / 36) / (1 + z * z / 3)
    assert (row["prevalence_ci_low"], row["prevalence_ci_high"]) == pytest.approx((centre - half, centre + half))
    assert row["episodes_per_100_sessions"] == pytest.approx(100 * 2 / (8 + 11 + 6))
    assert (row["episodes_judged"], row["repaired"], row["repair_rate"]) == (2, 1, 0.5)
    assert row["sessions_to_repair"] == 1
    # outcome change: a +10 and b +1 with a rupture, c +4 without (d is not eligible)
    assert (row["change_with"], row["change_without"], row["difference"]) == (5.5, 4.0, 1.5)
    assert np.isnan(row["p_value"])                           # one client without: no test
    assert r.clients.set_index("client_id").loc["d", "eligible"] == False  # noqa: E712


def test_rupture_summary_by_group_and_small_cell_suppression():
    data = SimpleNamespace(sessions=_sessions(RUPTURES), clients=None,
                           meta=DatasetMeta(clinicians=[{"clinician_id": "t1", "role": "trainee"},
                                                        {"clinician_id": "t2", "role": "licensed"}]))
    t = research.rupture_summary(data, by="role").table().set_index("group")
    assert t.index.tolist() == ["licensed", "trainee", "all"]
    assert (t.loc["trainee", "with_rupture"], t.loc["licensed", "with_rupture"]) == (2, 0)
    assert (t["by"] == "role").all()
    hidden = research.rupture_summary(data, by="role", min_cell=11).table()
    assert (hidden["suppressed"] != "").all() and hidden["with_rupture"].isna().all()
    assert hidden["clients"].tolist() == [2, 2, 4]            # the number of clients in a group stays visible


def test_sudden_gains_summary_scores_around_the_gain_and_reversals():
    # BDI-like (lower is better), cut-off 7: the suddengains example row 35 37 23 23 24 21 has its gain at 2 -> 3
    rows = [("g", [35, 37, 23, 23, 24, 21]),
            ("r", [30, 31, 20, 21, 29, 30]),           # gain 31 -> 20, later back to 29: reversed
            ("n", [35, 37, 34, 37, 37, 37])]           # no gain
    s = pd.DataFrame([{"client_id": c, "session": i, "bdi": v} for c, vals in rows for i, v in enumerate(vals, 1)])
    sg = research.sudden_gains_summary(s, "bdi", 7, lower_is_better=True, stability=False)
    g = sg.gains.set_index("client_id")
    assert g.loc["g", ["pre_session", "post_session", "magnitude"]].tolist() == [2, 3, 14]
    assert np.isnan(g.loc["g", "pre3"])
    assert g.loc["g", ["pre2", "pre1", "post1", "post2", "post3"]].tolist() == [35, 37, 23, 23, 24]
    assert not g.loc["g", "reversal"] and g.loc["r", "reversal"]
    d = sg.describe().iloc[0]
    assert (d["total_n"], d["sg_total_n"], d["sg_n"], d["sg_multiple_n"], d["sg_reversal_n"]) == (3, 2, 2, 0, 1)
    assert d["sg_magnitude_mean"] == pytest.approx((14 + 11) / 2)
    around = sg.around().set_index("position")
    assert around.loc["pre1", "mean"] == pytest.approx((37 + 31) / 2) and around.loc["pre3", "n"] == 0
    assert around.loc["post1", "mean"] == pytest.approx((23 + 20) / 2)


def test_clinical_significance_by_group_counts_one_shared_reliable_change():
    spec = {f"c{i}": ("t1" if i < 6 else "t2", [34, 35], pre, post)
            for i, (pre, post) in enumerate([(15, 30), (16, 18), (14, 29), (20, 21), (18, 8), (17, 17),
                                             (15, 26), (12, 14), (19, 33), (22, 20), (16, 16), (21, 35)])}
    s = _sessions(spec)
    data = SimpleNamespace(sessions=s, clients=None,
                           meta=DatasetMeta(clinicians=[{"clinician_id": "t1", "cohort": "2024"},
                                                        {"clinician_id": "t2", "cohort": "2025"}]))
    out = research.clinical_significance_by(data, "ors_total", 0.8, by="cohort", cutoff=25.0)
    whole = rl.reliable_change(s, "ors_total", reliability=0.8, cutoff=25.0).clients
    counts = out[out["group"] == "all"].set_index("category")["n"]
    expected = whole["category"].astype("str").value_counts().reindex(counts.index, fill_value=0)
    assert counts.to_dict() == expected.to_dict()
    per = out[out["group"] != "all"].groupby("group")["n"].sum()
    assert per.to_dict() == {"2024": 6, "2025": 6}
    assert out.groupby("group")["percent"].sum().to_numpy() == pytest.approx([100, 100, 100])


# --------------------------------------------------------------------------- the demo, plots and exports
@pytest.fixture(scope="module")
def demo_results():
    return research.run(rl.load(rl.demo.data_path()), by="role")


def test_demo_runs_every_analysis(demo_results):
    res = demo_results
    tables = res.tables()
    assert set(tables) >= {"internal_consistency", "rater_agreement", "alliance_growth", "early_alliance_outcome",
                           "ruptures_by_group", "sudden_gains", "sudden_gains_around", "clinical_significance",
                           "reliable_change_clients", "rupture_episodes", "notes"}
    ic = tables["internal_consistency"].set_index(["instrument", "scale", "occasion"])
    assert 0.75 < ic.loc[("srs", "total", "1"), "alpha"] < 0.99
    assert res.agreement.icc.set_index("form").loc["ICC(A,1)", "icc"] > 0.7
    assert res.agreement.bias > 0                                 # clin04 over-rates interpreter-mediated clients
    assert res.growth.fixed.set_index("term").loc["time", "estimate"] > 0
    assert tables["ruptures_by_group"]["group"].tolist() == ["licensed", "trainee", "all"]
    assert res.outcome_reliability == pytest.approx(ic.loc[("ors", "total", "0"), "alpha"])
    assert res.gain_cutoff == 5                                   # the ORS reliable-change value
    for fig in (plots.bland_altman(res.agreement), plots.growth_trajectories(res.growth),
                plots.sudden_gain_average(res.gains)):
        assert fig.axes and fig.axes[0].get_title()


def test_exports_write_every_table_with_a_complete_data_dictionary(demo_results, tmp_path):
    tables = demo_results.tables()
    paths = research.export_tables(tables, tmp_path, format="both")
    assert {p.name for p in paths} >= {"alliance_growth.csv", "alliance_growth.parquet", "data_dictionary.csv"}
    dd = pd.read_csv(tmp_path / "data_dictionary.csv")
    assert not (dd["description"] == "(not described)").any(), dd[dd["description"] == "(not described)"]
    assert set(dd["table"]) == set(tables)
    back = pd.read_parquet(tmp_path / "ruptures_by_group.parquet")
    pd.testing.assert_frame_equal(back.reset_index(drop=True), tables["ruptures_by_group"].reset_index(drop=True),
                                  check_dtype=False)
    csv = pd.read_csv(tmp_path / "internal_consistency.csv")
    assert len(csv) == len(tables["internal_consistency"])


def test_rapport_research_writes_the_tables(tmp_path, capsys):
    from rapportlib.cli import main

    assert main(["research", str(rl.demo.data_path()), "--out", str(tmp_path / "t"), "--by", "role",
                 "--min-cell", "11"]) == 0
    out = capsys.readouterr().out
    assert "data_dictionary.csv" in out and "ICC(A,1)" in out
    rup = pd.read_csv(tmp_path / "t" / "ruptures_by_group.csv")
    assert rup.set_index("group").loc["trainee", "suppressed"] == "primary"     # 10 eligible trainee clients
    assert main(["research", str(tmp_path / "missing"), "--out", str(tmp_path / "u")]) == 2
    capsys.readouterr()
    assert main(["research", str(rl.demo.data_path()), "--out", str(tmp_path / "v"), "--by", "cohort"]) == 2
    err = capsys.readouterr().err
    assert "no column 'cohort'" in err and "role" in err and not (tmp_path / "v").exists()


def test_suppressed_tables_keep_whole_number_counts(demo_results):
    ds = rl.load(rl.demo.data_path())
    rup = research.rupture_summary(ds, "case_type", min_cell=11).table()
    assert str(rup["with_rupture"].dtype) == "Int64" and str(rup["eligible"].dtype) == "Int64"
    cs = research.clinical_significance_by(ds, "ors_total", 0.82, "case_type", cutoff=25.0, min_cell=11)
    assert str(cs["n"].dtype) == "Int64"
    hidden = cs[cs["suppressed"] != ""]
    assert set(hidden["suppressed"]) == {"primary", "secondary"} and hidden["n"].isna().all()
    assert hidden["percent"].isna().all()


def test_first_occasion_takes_each_scales_earliest_session_and_the_pooled_alpha():
    ic = pd.DataFrame({"instrument": ["srs", "srs", "srs", "ors", "ors"], "scale": ["total"] * 5,
                       "occasion": ["10", "2", "all", "0", "all"], "items": [4] * 5, "n": [12, 30, 300, 40, 400],
                       "alpha": [0.7, 0.8, 0.9, 0.6, 0.85], "ci_low": [0.0] * 5, "ci_high": [1.0] * 5})
    out = research.first_occasion(ic).set_index("instrument")
    assert out.loc["srs", ["occasion", "alpha", "alpha_pooled", "n_pooled"]].tolist() == ["2", 0.8, 0.9, 300]
    assert out.loc["ors", ["occasion", "alpha", "alpha_pooled"]].tolist() == ["0", 0.6, 0.85]
