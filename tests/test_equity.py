"""The equity audit on tiny literal tables (numbers worked out by hand), its small-cell suppression, its wording,
its forest plot, and the demo's planted rating-gap pattern."""

from __future__ import annotations

import re
from types import SimpleNamespace

import numpy as np
import pandas as pd
import pytest
from matplotlib.figure import Figure
from scipy.stats import fisher_exact, ttest_ind
from statsmodels.stats.multitest import multipletests
from statsmodels.stats.proportion import confint_proportions_2indep, proportion_confint

import rapportlib as rl
from rapportlib import plots
from rapportlib.equity import TABLE_COLUMNS, EquityAudit, _fisher_exact, equity_audit
from rapportlib.errors import DataError

NUMBERS = ["n", "estimate", "ci_low", "ci_high", "others_n", "others_estimate", "others_ci_low", "others_ci_high",
           "difference", "diff_low", "diff_high", "p", "q"]


def client_rows(client: str, mean: float, *, early: bool, start: str, clinician: str | None = None) -> list[dict]:
    """SRS totals mean-1, mean, mean+1 at sessions 1-3 (an early stopper ends there), then mean at session 4:
    the client's mean is ``mean`` either way. Weekly sessions from ``start``."""
    values = [mean - 1, mean, mean + 1] + ([] if early else [mean])
    rows = []
    for k, v in enumerate(values):
        row = {"client_id": client, "session": k + 1, "date": pd.Timestamp(start) + pd.Timedelta(weeks=k),
               "srs_total": v}
        if clinician is not None:
            row["clinician_id"] = clinician
        rows.append(row)
    return rows


def tiny() -> SimpleNamespace:
    """24 therapy clients, no clinician recorded: group A's means 30..35 twice, group B's 34..39 twice; 2 of A
    and 8 of B stop after session 3 (in January, months before the data end in June), the others reach 4."""
    rows, clients = [], []
    for group, offset, n_early in (("A", 30, 2), ("B", 34, 8)):
        for i in range(12):
            cid = f"{group.lower()}{i:02d}"
            early = i < n_early
            rows += client_rows(cid, offset + i % 6, early=early, start="2020-01-06" if early else "2020-06-01")
            clients.append({"client_id": cid, "cultural_background": group, "case_type": "therapy"})
    return SimpleNamespace(sessions=pd.DataFrame(rows), clients=pd.DataFrame(clients), reflections=None)


def row(audit: EquityAudit, metric: str, group: str, *, scope: str = "service", by: str | None = None,
        clinician_id: str | None = None) -> pd.Series:
    t = audit.table
    mask = (t["metric"] == metric) & (t["group"] == group) & (t["scope"] == scope)
    if by is not None:
        mask &= t["by"] == by
    if clinician_id is not None:
        mask &= (t["clinician_id"] == clinician_id).fillna(False)
    found = t[mask.to_numpy(dtype=bool)]
    assert len(found) == 1, found
    return found.iloc[0]


@pytest.fixture(scope="module")
def demo_data():
    return rl.load(rl.demo.data_path())


@pytest.fixture(scope="module")
def demo_audit(demo_data):
    return equity_audit(demo_data)


# --------------------------------------------------------------------------- (1) hand calculation
def test_hand_calculation_means_proportions_and_intervals():
    a = equity_audit(tiny())
    assert list(a.table.columns) == TABLE_COLUMNS
    assert a.threshold == 11 and a.level == 0.95 and a.by == ("cultural_background", "case_type")
    t = a.table
    assert set(t["scope"]) == {"service"}                        # no clinician recorded: the service only

    # alliance level. A: client means 30..35 twice -> mean 32.5; deviations -2.5..2.5 twice, SS = 2 * 17.5 = 35,
    # variance 35 / 11 = 3.18182, SE = sqrt(3.18182 / 12) = 0.514929; t(11, 0.975) = 2.200985, half-width
    # 1.133350 -> 31.36665 to 33.63335. B: the same shifted by 4 -> 36.5, 35.36665 to 37.63335.
    # Welch: SE = sqrt(2 * 3.18182 / 12) = 0.728219 with df = 22 (equal variances and sizes), t(22, 0.975) =
    # 2.073873, half-width 1.510234 -> -4 +- 1.510234 = -5.510234 to -2.489766; t = -4 / 0.728219 = -5.49285.
    r = row(a, "alliance_level", "A")
    assert (r["n"], r["others_n"]) == (12, 12)
    assert r["unit"] == "SRS total points (0-40)"
    assert r[["estimate", "ci_low", "ci_high"]].astype(float).tolist() == pytest.approx([32.5, 31.36665, 33.63335],
                                                                                          abs=5e-6)
    assert r[["others_estimate", "others_ci_low", "others_ci_high"]].astype(float).tolist() == pytest.approx(
        [36.5, 35.36665, 37.63335], abs=5e-6)
    assert r[["difference", "diff_low", "diff_high"]].astype(float).tolist() == pytest.approx(
        [-4.0, -5.510234, -2.489766], abs=5e-7)
    A = np.array([30, 31, 32, 33, 34, 35] * 2, float)
    welch = ttest_ind(A, A + 4, equal_var=False)
    assert welch.statistic == pytest.approx(-5.49285, abs=5e-6)
    assert r["p"] == pytest.approx(welch.pvalue, rel=1e-9)

    # dropout: A 2 of 12, B 8 of 12. Wilson (z = 1.959964, z^2 = 3.841459): for 2/12 the centre is
    # (1/6 + 3.841459/24) / (1 + 3.841459/12) = 0.247498 and the half-width
    # 1.959964 / 1.320122 * sqrt((1/6)(5/6)/12 + 3.841459/576) = 0.200533 -> 0.046965 to 0.448031;
    # for 8/12: 0.390622 to 0.861880. Newcombe (hybrid score) for 1/6 - 2/3 = -0.5:
    # -0.5 - sqrt((1/6 - 0.046965)^2 + (0.861880 - 2/3)^2) = -0.728991 and
    # -0.5 + sqrt((0.448031 - 1/6)^2 + (2/3 - 0.390622)^2) = -0.105835. Fisher exact on [[2, 10], [8, 4]]: 0.036075.
    r = row(a, "dropout", "A")
    assert (r["n"], r["others_n"]) == (12, 12) and r["unit"] == "proportion of therapy clients (0-1)"
    assert r[["estimate", "ci_low", "ci_high"]].astype(float).tolist() == pytest.approx(
        [2 / 12, 0.046965, 0.448031], abs=1e-6)
    assert r[["others_estimate", "others_ci_low", "others_ci_high"]].astype(float).tolist() == pytest.approx(
        [8 / 12, 0.390622, 0.861880], abs=1e-6)
    assert r[["difference", "diff_low", "diff_high"]].astype(float).tolist() == pytest.approx(
        [-0.5, -0.728991, -0.105835], abs=1e-6)
    assert r["p"] == pytest.approx(0.036075, abs=1e-6)
    # ... and the same from statsmodels and scipy
    assert (r["ci_low"], r["ci_high"]) == pytest.approx(proportion_confint(2, 12, method="wilson"), rel=1e-12)
    assert (r["diff_low"], r["diff_high"]) == pytest.approx(
        confint_proportions_2indep(2, 12, 8, 12, method="newcomb"), rel=1e-12)
    assert r["p"] == pytest.approx(fisher_exact([[2, 10], [8, 4]]).pvalue, rel=1e-12)

    # the two rows of a two-valued column are one comparison, mirrored
    b = row(a, "alliance_level", "B")
    assert b["difference"] == pytest.approx(4.0) and b["p"] == row(a, "alliance_level", "A")["p"]
    # q: Benjamini-Hochberg within each question (a scope and a metric). Here each metric has one comparison
    # shown (A against B; case_type has no one to compare with), so q = p
    shown = t[(t["suppressed"] == "") & t["p"].notna() & (t["group"] == "A")]
    assert shown["metric"].tolist() == ["alliance_level", "alliance_trend", "dropout"]
    assert shown["q"].tolist() == pytest.approx(shown["p"].tolist())
    # ... and over several comparisons of one metric, the statsmodels adjustment
    data = tiny()
    data.clients["parity"] = ["even", "odd"] * 12
    two = equity_audit(data, by=["cultural_background", "case_type", "parity"], metrics=["alliance_level"])
    fam = two.table[(two.table["suppressed"] == "") & two.table["p"].notna()].drop_duplicates("by")
    assert len(fam) == 2
    assert fam["q"].tolist() == pytest.approx(multipletests(fam["p"], method="fdr_bh")[1].tolist())
    # trend: early stoppers rise 1 point a session, the others 0.4 (-1, 0, +1, 0 around their mean)
    trend = row(a, "alliance_trend", "A")
    slopes_a, slopes_b = np.r_[[1.0] * 2, [0.4] * 10], np.r_[[1.0] * 8, [0.4] * 4]
    assert trend["estimate"] == pytest.approx(0.5) and trend["others_estimate"] == pytest.approx(0.8)
    assert trend["p"] == pytest.approx(ttest_ind(slopes_a, slopes_b, equal_var=False).pvalue, rel=1e-9)
    assert trend["unit"] == "SRS total points per session"

    # clients with fewer than 4 ratings cannot show a rupture: 10 of A and 4 of B are left, too few to show
    assert row(a, "rupture_rate", "A")["suppressed"] == "primary"
    assert row(a, "rupture_rate", "B")["suppressed"] == "primary"
    # no ORS and no clinician ratings: said in the notes, no rows
    assert not t["metric"].isin(["outcome_change", "rating_gap"]).any()
    notes = " ".join(a.notes)
    assert "outcome_change could not be computed: the sessions table has no 'ors_total' column" in notes
    assert "rating_gap could not be computed" in notes
    assert "Each client counts once" in notes


def test_dropout_leaves_out_clients_who_may_still_be_coming():
    data = tiny()
    # a client seen 2 weeks before the data end who has had 2 sessions is not a dropout, nor counted
    recent = pd.DataFrame(client_rows("a99", 33, early=True, start="2020-06-08")[:2])
    data.sessions = pd.concat([data.sessions, recent], ignore_index=True)
    data.clients = pd.concat([data.clients, pd.DataFrame([{"client_id": "a99", "cultural_background": "A",
                                                            "case_type": "therapy"}])], ignore_index=True)
    r = row(equity_audit(data), "dropout", "A")
    assert r["n"] == 12 and r["estimate"] == pytest.approx(2 / 12)
    # an immigration evaluation is not therapy: never counted as dropping out
    data.clients.loc[data.clients["client_id"] == "a00", "case_type"] = "immigration_evaluation"
    a = equity_audit(data, by="cultural_background")
    assert row(a, "dropout", "A")["n"] == 11 and row(a, "alliance_level", "A")["n"] == 13


def test_fisher_exact_matches_scipy():
    for table in ([[2, 10], [8, 4]], [[0, 5], [5, 0]], [[3, 3], [3, 3]], [[1, 20], [9, 40]], [[0, 0], [4, 7]]):
        (a, b), (c, d) = table
        assert _fisher_exact(a, b, c, d) == pytest.approx(fisher_exact(table).pvalue, rel=1e-9, abs=1e-15)


# --------------------------------------------------------------------------- (2) small cells
def small_group_data() -> SimpleNamespace:
    """25 clients: 5 with cultural background X, 20 with Y."""
    rows, clients = [], []
    for i in range(25):
        cid = f"c{i:02d}"
        rows += client_rows(cid, 30 + i % 7, early=False, start="2020-01-06")
        clients.append({"client_id": cid, "cultural_background": "X" if i < 5 else "Y"})
    return SimpleNamespace(sessions=pd.DataFrame(rows), clients=pd.DataFrame(clients), reflections=None)


def test_small_group_is_suppressed_with_its_complement_and_nothing_leaks():
    a = equity_audit(small_group_data(), metrics=["alliance_level"])
    x, y = row(a, "alliance_level", "X"), row(a, "alliance_level", "Y")
    assert (x["suppressed"], y["suppressed"]) == ("primary", "secondary")
    for r in (x, y):                                   # labels kept, no numbers, a visible marker
        assert r[["scope", "by", "metric"]].tolist() == ["service", "cultural_background", "alliance_level"]
        assert all(pd.isna(r[c]) for c in NUMBERS)
        assert pd.isna(r["stands_out"])
    assert x["text"] == "Fewer than 11 clients: not shown, to protect privacy."
    assert y["text"].startswith("Not shown, to protect privacy") and "fewer than 11 clients" in y["text"]
    assert not re.search(r"\d", x["text"].replace("11", ""))
    assert a.threshold == 11
    assert a.findings().empty
    # lowered in a closed meeting: shown, and the result says so
    b = equity_audit(small_group_data(), metrics=["alliance_level"], threshold=5)
    x, y = row(b, "alliance_level", "X"), row(b, "alliance_level", "Y")
    assert (x["suppressed"], y["suppressed"]) == ("", "")
    assert (x["n"], x["others_n"], y["n"]) == (5, 20, 20)
    assert x["estimate"] == pytest.approx(np.mean([30, 31, 32, 33, 34]))
    assert b.threshold == 5 and any("lowered to 5" in n for n in b.notes)
    assert "Only 5 clients in this group: read with caution." in x["text"]


def test_everyone_else_of_fewer_than_threshold_clients_is_not_shown():
    """X 16, Y 4, Z 5: Y and Z are small, and X's 'everyone else' is their 9 clients together."""
    data = small_group_data()
    data.clients["cultural_background"] = ["Y"] * 4 + ["Z"] * 5 + ["X"] * 16
    a = equity_audit(data, metrics=["alliance_level"], threshold=9)
    assert [row(a, "alliance_level", g)["suppressed"] for g in "XYZ"] == ["", "primary", "primary"]
    a = equity_audit(data, metrics=["alliance_level"], threshold=10)
    x = row(a, "alliance_level", "X")
    assert x["suppressed"] == "primary" and all(pd.isna(x[c]) for c in NUMBERS)
    assert x["text"] == "Fewer than 10 other clients to compare with: not shown, to protect privacy."


def test_everyone_else_too_small_and_suppression_across_clinicians():
    """k1 and k2: 11 X and 11 Y clients each; k3: 11 X and 5 Y. k3's Y is a small cell, and k3's X with it (its
    'everyone else' is those 5). Adding up the clinicians' Y counts against the service's would give k3's 5 away,
    so one more clinician's Y is hidden, and then, in that clinician's caseload, its X too."""
    rows, clients = [], []
    plan = {"k1": (11, 11), "k2": (11, 11), "k3": (11, 5)}
    i = 0
    for clin, (nx, ny) in plan.items():
        for group, count in (("X", nx), ("Y", ny)):
            for _ in range(count):
                cid = f"c{i:03d}"
                rows += client_rows(cid, 30 + i % 5, early=False, start="2020-01-06", clinician=clin)
                clients.append({"client_id": cid, "clinician_id": clin, "cultural_background": group})
                i += 1
    data = SimpleNamespace(sessions=pd.DataFrame(rows), clients=pd.DataFrame(clients), reflections=None)
    a = equity_audit(data, metrics=["alliance_level"])
    status = {(r.clinician_id, r.group): r.suppressed for r in
              a.table[a.table["scope"] == "clinician"].itertuples(index=False)}
    assert status[("k3", "Y")] == "primary"
    assert status[("k3", "X")] == "secondary"                      # its 'everyone else' is k3's 5 Y clients
    assert status[("k1", "Y")] == "secondary" and status[("k1", "X")] == "secondary"
    assert status[("k2", "X")] == "" and status[("k2", "Y")] == ""
    # the service shows Y's 27; the Y cells still shown (k2's 11) do not give k3's 5 away
    assert row(a, "alliance_level", "Y")["n"] == 27
    # the clinicians' caseloads against the rest of the service are all large enough
    assert (a.table.loc[a.table["by"] == "clinician", "suppressed"] == "").all()
    # one caseload kept: the service rows and that clinician's only
    one = equity_audit(data, metrics=["alliance_level"], clinician="k2")
    assert set(one.table["clinician_id"].dropna()) == {"k2"} and one.clinician_id == "k2"
    assert (one.table["scope"] == "service").sum() == 2 + 1          # X, Y, and k2 against the rest


# --------------------------------------------------------------------------- (3) the demo's planted pattern
def test_demo_planted_rating_gap(demo_data, demo_audit):
    a = demo_audit
    # interpreter-mediated clients (service): clinicians rate the alliance higher than the clients do, against
    # everyone else; the interval excludes 0 but the difference does not survive the correction (q = 0.34)
    r = row(a, "rating_gap", "true", by="interpreter")
    assert (r["n"], r["others_n"], r["suppressed"]) == (16, 60, "")
    assert r["difference"] == pytest.approx(0.524, abs=0.001)
    assert (r["diff_low"], r["diff_high"]) == pytest.approx((0.043, 1.005), abs=0.001)
    assert r["p"] == pytest.approx(0.0347, abs=0.0005) and r["q"] == pytest.approx(0.347, abs=0.002)
    assert not r["stands_out"] and "stands out" not in r["text"] and "worth a look, but it may be chance" in r["text"]
    assert "10 comparisons of the clinician-over-client alliance rating gap across the service" in r["text"]
    # clin04 against the rest of the service: the largest rating gap of any clinician, and it stands out
    c4 = row(a, "rating_gap", "clin04", by="clinician")
    assert (c4["n"], c4["others_n"]) == (12, 64)
    assert c4["difference"] == pytest.approx(0.797, abs=0.001)
    assert (c4["diff_low"], c4["diff_high"]) == pytest.approx((0.262, 1.332), abs=0.001)
    assert c4["q"] == pytest.approx(0.0071, abs=0.0002) and c4["stands_out"]
    assert c4["text"].startswith("The clinician-over-client alliance rating gap of clin04's clients (12 clients, "
                                 "0.81 SD) stands out against the rest of the service")
    gaps = a.table[(a.table["by"] == "clinician") & (a.table["metric"] == "rating_gap")]
    assert gaps.loc[gaps["difference"].idxmax(), "group"] == "clin04"
    # clin04's interpreter-mediated clients (7) and the others (5): too few to show at the default threshold
    for group in ("true", "false"):
        assert row(a, "rating_gap", group, scope="clinician", by="interpreter", clinician_id="clin04")[
            "suppressed"] == "primary"
    # what stands out at the default threshold: immigration evaluations (alliance and outcome), the clinicians
    # whose rating gap differs from the rest (clin04 most, then clin02 above; clin01, 03, 06 below) and clin06's
    # alliance level (the trainee's, planted at -1.5 points)
    f = a.findings()
    assert sorted(zip(f["by"], f["group"], f["metric"])) == [
        ("case_type", "immigration_evaluation", "alliance_level"),
        ("case_type", "immigration_evaluation", "outcome_change"), ("clinician", "clin01", "rating_gap"),
        ("clinician", "clin02", "rating_gap"), ("clinician", "clin03", "rating_gap"),
        ("clinician", "clin04", "rating_gap"), ("clinician", "clin06", "alliance_level"),
        ("clinician", "clin06", "rating_gap")]
    assert set(f["strength"]) == {"stands out"}
    # worth a look (interval without 0, not after correction): the interpreter-mediated clients' rating gap
    look = a.findings(worth_a_look=True)
    look = look[look["strength"] == "worth a look"]
    assert ("interpreter", "true", "rating_gap") in set(zip(look["by"], look["group"], look["metric"]))
    # with the threshold lowered to 5, clin04's split shows: +1.30 SD for the interpreter-mediated clients
    low = equity_audit(demo_data, threshold=5, clinician="clin04", metrics=["rating_gap"])
    r = row(low, "rating_gap", "true", scope="clinician", by="interpreter", clinician_id="clin04")
    assert (r["n"], r["others_n"], r["suppressed"]) == (7, 5, "")
    assert r["estimate"] == pytest.approx(1.353, abs=0.001) and r["others_estimate"] == pytest.approx(0.055, abs=0.001)
    assert (r["diff_low"], r["diff_high"]) == pytest.approx((0.683, 1.912), abs=0.001)
    assert r["p"] == pytest.approx(0.0013, abs=0.0001)


def test_demo_audit_privacy_and_notes(demo_audit):
    t = demo_audit.table
    hidden = t["suppressed"] != ""
    assert set(t["suppressed"]) == {"", "primary", "secondary"}
    assert t.loc[hidden, NUMBERS].isna().all().all()
    assert t.loc[~hidden, ["n", "others_n"]].notna().all().all()
    assert not t["text"].str.contains(r"\bc\d{3}\b").any()                     # never a client id
    assert not t["text"].str.contains(r"\b(?:because|caus|due to|effect|bias)", case=False).any()
    notes = " ".join(demo_audit.notes)
    assert "cultural_background: 2 of 76 clients have no value" in notes
    assert "language_match is derived" in notes and "Benjamini-Hochberg" in notes


# --------------------------------------------------------------------------- (4) wording
def test_wording_follows_q_and_the_interval(demo_audit):
    t = demo_audit.table
    t = t[t["suppressed"] == ""]
    says = t["text"].str.contains("stands out")
    assert (says == t["stands_out"].fillna(False)).all()
    assert not says[t["q"].isna() | (t["q"] >= 0.05)].any()
    includes0 = (t["diff_low"] <= 0) & (t["diff_high"] >= 0)
    assert (t["text"].str.startswith("No clear difference") == includes0.fillna(False)).all()
    small = (t[["n", "others_n"]].min(axis=1) < 20) & (t["others_n"] > 0) & t["difference"].notna()
    assert t.loc[small, "text"].str.contains("read with caution").all()
    assert not t.loc[~small & t["difference"].notna(), "text"].str.contains("caution").any()


def test_wording_on_the_hand_table():
    a = equity_audit(tiny())
    level = row(a, "alliance_level", "A")["text"]
    assert level.startswith("The mean client-rated alliance (SRS total) of clients with cultural background A "
                            "(12 clients, 32.5 points) stands out against everyone else in the service "
                            "(12 clients, 36.5 points): a difference of -4.0 points (95% CI -5.5 to -2.5 points")
    assert level.endswith("Only 12 clients in this group: read with caution.")
    whole = row(a, "alliance_level", "therapy")
    assert whole["others_n"] == 0 and "no one to compare them with" in whole["text"]


# --------------------------------------------------------------------------- (5) the forest plot
def test_equity_forest_labels_suppressed_rows():
    a = equity_audit(small_group_data(), metrics=["alliance_level"])
    fig = plots.equity_forest(a, metric="alliance_level")
    assert isinstance(fig, Figure)
    ax = fig.axes[0]
    labels = [t.get_text() for t in ax.get_yticklabels()]
    assert labels == ["Cultural background", "   X", "   Y"]
    words = sorted(t.get_text() for t in ax.texts if t.get_gid() == "suppressed-label")
    assert words == ["suppressed (n < 11)", "suppressed (protects a group with n < 11)"]
    assert not [ln for ln in ax.lines if ln.get_gid() in ("difference", "stands-out", "ci")]     # no markers
    assert "each group minus everyone else in the service" in fig._suptitle.get_text()
    assert "SRS total points (0-40)" in fig._suptitle.get_text()
    # lowered threshold: markers with their CI, n beside each row, the threshold in the label
    b = equity_audit(small_group_data(), metrics=["alliance_level"], threshold=5)
    ax = plots.equity_forest(b, metric="alliance_level").axes[0]
    assert len([ln for ln in ax.lines if ln.get_gid() == "difference"]) == 2
    right = ax.child_axes[0]                                        # the n column on the right
    assert [t.get_text() for t in right.get_yticklabels()] == ["", "5 vs 20", "20 vs 5"]


def test_equity_forest_demo(demo_audit, tmp_path):
    fig = plots.equity_forest(demo_audit)
    ax = fig.axes[0]
    assert "⚠ clin02" in [t.get_text() for t in ax.get_yticklabels()] or \
        "! clin02" in [t.get_text() for t in ax.get_yticklabels()]
    assert len([ln for ln in ax.lines if ln.get_gid() == "stands-out"]) == 5       # five clinicians' gaps
    assert any(t.get_text() == "suppressed (n < 11)" for t in ax.texts)
    fig.savefig(tmp_path / "forest.png", dpi=60)
    one = plots.equity_forest(demo_audit, scope="clinician", clinician_id="clin04")
    assert "among clin04's clients" in one._suptitle.get_text()
    with pytest.raises(ValueError, match="scope='clinician'"):
        plots.equity_forest(demo_audit, clinician_id="clin04")


# --------------------------------------------------------------------------- (6) bad input
def test_bad_input_names_the_column():
    data = tiny()
    with pytest.raises(DataError, match="srs_totl"):
        equity_audit(data, measure="srs_totl")
    with pytest.raises(DataError, match="ethnicity") as err:
        equity_audit(data, by=["cultural_background", "ethnicity"])
    assert err.value.column == "ethnicity"
    with pytest.raises(DataError, match="ors_totl"):
        equity_audit(data, outcome="ors_totl")
    with pytest.raises(DataError, match="preferred_language"):
        equity_audit(data, by="language_match")
    with pytest.raises(ValueError, match="'dropouts'"):
        equity_audit(data, metrics=["dropouts"])
    with pytest.raises(ValueError, match="threshold"):
        equity_audit(data, threshold=0)
    with pytest.raises(ValueError, match="'k9'"):
        equity_audit(data, clinician="k9")


def test_language_match_is_derived_from_the_session_language():
    data = small_group_data()
    data.clients["preferred_language"] = ["Tamil"] * 12 + ["English"] * 12 + [None]
    refl = []
    for i in range(25):
        lang = "Tamil" if i < 6 else "English"            # c06..c11 prefer Tamil but are seen in English
        refl += [{"client_id": f"c{i:02d}", "session": s, "language": lang} for s in (1, 2, 3)]
    data.reflections = pd.DataFrame(refl)
    a = equity_audit(data, by="language_match", metrics=["alliance_level"], threshold=5)
    assert row(a, "alliance_level", "false")["n"] == 6 and row(a, "alliance_level", "true")["n"] == 18
    assert any("language_match: 1 of 25 clients have no value" in n for n in a.notes)
