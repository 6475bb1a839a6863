"""Sudden gains/losses and reliable change: tiny literal tables with the expected answer spelled out."""

from __future__ import annotations

import math

import numpy as np
import pandas as pd
import pytest

import rapportlib as rl
from rapportlib.change import crit1_cutoff, judge_intervals, reliable_change, sudden_gains, sudden_losses


def long(rows: dict[str, list], measure: str = "bdi", first_session: int = 1) -> pd.DataFrame:
    """Wide literal rows -> the long sessions table (None = missing)."""
    recs = [{"client_id": cid, "session": first_session + j, measure: v}
            for cid, vals in rows.items() for j, v in enumerate(vals)]
    return pd.DataFrame(recs).astype({measure: "float64"})


def events_by_interval(iv: pd.DataFrame) -> dict[str, list]:
    wide = iv.pivot(index="client_id", columns="pre_session", values="event")
    return {cid: [None if pd.isna(v) else bool(v) for v in row] for cid, row in wide.iterrows()}


# suddengains' own test table (tests/testthat/test-identify_sg.R, "Identify sg works 1"), six values each
SG_DF1 = {
    "01": [28, 19, 23, 12, 13, None], "02": [28, 19, 23, 11, 12, None], "03": [28, 19, None, 12, 13, None],
    "04": [28, 19, 23, 12, 13, None], "05": [28, 19, 23, 12, 14, None], "06": [28, 19, None, 12, 13, None],
    "07": [28, 19, 23, 11, 12, None], "08": [28, 25, 28, 11, 12, None], "09": [28, 26, 28, 11, 12, None],
    "10": [None, 26, 28, None, 12, 11],
}
# expected sg_2to3, sg_3to4, sg_4to5 (None = NA: the interval can't be judged)
SG_DF1_EXPECTED = {
    "01": [False, False, None], "02": [False, True, None], "03": [None, None, None], "04": [False, False, None],
    "05": [False, False, None], "06": [None, None, None], "07": [False, True, None], "08": [False, True, None],
    "09": [False, True, None], "10": [None, None, None],
}


def test_suddengains_published_table_1():
    iv = judge_intervals(long(SG_DF1), "bdi", 7, lower_is_better=True)
    assert list(iv["pre_session"].unique()) == [2, 3, 4]          # 2->3 .. third-last -> second-last
    assert events_by_interval(iv) == SG_DF1_EXPECTED


def test_suddengains_published_table_2_peer_readme_cases():
    rows = {"a": [35, 37, 23, 23, 24, 21], "b": [35, 37, 34, 24, 24, 21],
            "c": [35, 37, 34, 34, 24, 21], "d": [35, 37, 34, 37, 37, 37]}
    got = events_by_interval(judge_intervals(long(rows), "bdi", 7, lower_is_better=True))
    assert got == {"a": [True, False, False], "b": [False, True, False],
                   "c": [False, False, True], "d": [False, False, False]}
    gains = sudden_gains(long(rows), "bdi", 7, lower_is_better=True)
    assert gains[["client_id", "pre_session", "post_session", "pre_score", "post_score", "magnitude"]] \
        .values.tolist() == [["a", 2, 3, 37.0, 23.0, 14.0], ["b", 3, 4, 34.0, 24.0, 10.0],
                             ["c", 4, 5, 34.0, 24.0, 10.0]]
    assert set(gains["kind"]) == {"gain"} and set(gains["measure"]) == {"bdi"}


def test_third_criterion_with_missing_values_uses_adjusted_critical_t():
    # client 02 of the published table, interval 3->4: pre {28, 19, 23}, post {11, 12}:
    # pooled SD = sqrt((2 * 20.333 + 1 * 0.5) / 3) = 3.7044; t(3) = 3.182 -> 11.79 < 23.333 - 11.5 = 11.83: gain.
    # client 01 differs only in 12 instead of 11: 23.333 - 12.5 = 10.83 < 11.79: no gain.
    iv = judge_intervals(long(SG_DF1), "bdi", 7, lower_is_better=True).set_index(["client_id", "pre_session"])
    row = iv.loc[("02", 3)]
    assert (row["n_pre"], row["n_post"]) == (3, 2)
    assert row["t_crit"] == pytest.approx(3.182, abs=5e-4)
    assert bool(row["crit3"]) and not bool(iv.loc[("01", 3), "crit3"])
    # the three critical values suddengains lists: 6 values 2.776, 5 values 3.182, 4 values 4.303
    t = judge_intervals(long({"x": [10, 20, 30, 40, 30, 20, 10, 5], "y": [10, None, 30, 40, None, 20, 10, 5]}),
                        "bdi", None, pct=None, lower_is_better=True)
    t = t.set_index(["client_id", "pre_session"])["t_crit"]
    assert t[("x", 4)] == pytest.approx(2.776, abs=5e-4)
    assert t[("y", 4)] == pytest.approx(4.303, abs=5e-4)
    assert t[("y", 5)] == pytest.approx(3.182, abs=5e-4)


def test_each_criterion_can_be_switched_off():
    # 23 -> 12 (client 01, 3->4) meets criteria 1 and 2 but not 3
    data = long(SG_DF1)
    no3 = judge_intervals(data, "bdi", 7, stability=False, lower_is_better=True).set_index(["client_id", "pre_session"])
    assert bool(no3.loc[("01", 3), "event"]) and pd.isna(no3.loc[("01", 3), "crit3"])
    # without the stability criterion, the 4->5 interval becomes judgeable (12 -> 13: no gain)
    assert no3.loc[("01", 4), "event"] is np.False_ or no3.loc[("01", 4), "event"] == False  # noqa: E712
    only3 = judge_intervals(data, "bdi", None, pct=None, lower_is_better=True).set_index(["client_id", "pre_session"])
    assert pd.isna(only3.loc[("01", 3), "crit1"]) and not bool(only3.loc[("01", 3), "event"])
    # a drop of 5 from 20 (25%) fails a cut-off of 7 but passes without criterion 1
    small = long({"z": [20, 20, 20, 15, 15, 15]})
    assert len(sudden_gains(small, "bdi", 7, stability=False, lower_is_better=True)) == 0
    assert len(sudden_gains(small, "bdi", None, stability=False, lower_is_better=True)) == 1
    # pct: a drop of 8 from 40 is 20% < 25%
    big = long({"w": [40, 40, 40, 32, 32, 32]})
    assert len(sudden_gains(big, "bdi", 7, stability=False, lower_is_better=True)) == 0
    assert len(sudden_gains(big, "bdi", 7, pct=None, stability=False, lower_is_better=True)) == 1
    with pytest.raises(ValueError, match="switched off"):
        sudden_gains(small, "bdi", None, pct=None, stability=False, lower_is_better=True)
    with pytest.raises(ValueError, match="positive"):
        sudden_gains(small, "bdi", -7, lower_is_better=True)


def test_losses_mirror_gains_and_direction_comes_from_the_instrument():
    rows = {"a": [35, 37, 23, 23, 24, 21], "b": [35, 37, 34, 24, 24, 21]}
    mirrored = {k: [40 - v for v in vals] for k, vals in rows.items()}
    gains = sudden_gains(long(rows), "bdi", 7, lower_is_better=True)
    losses = sudden_losses(long(mirrored), "bdi", 7, lower_is_better=True)
    cols = ["client_id", "pre_session", "post_session", "magnitude"]
    assert losses[cols].values.tolist() == gains[cols].values.tolist()
    assert set(losses["kind"]) == {"loss"}
    # ORS: higher is better (from the shipped instrument), so a rise is a gain
    ors = long(mirrored, measure="ors_total")
    assert sudden_gains(ors, "ors_total", 7)[cols].values.tolist() == gains[cols].values.tolist()
    assert len(sudden_losses(ors, "ors_total", 7)) == 0
    with pytest.raises(ValueError, match="lower_is_better"):
        sudden_gains(long(rows, measure="mystery"), "mystery", 7)


def test_missing_session_rows_are_gaps_on_the_session_grid():
    # session 4 absent as a row: intervals 3->4 and 4->5 can't be judged
    data = long({"a": [30, 31, 30, 20, 20, 21, 20]}).query("session != 4")
    iv = judge_intervals(data, "bdi", 7, lower_is_better=True).set_index("pre_session")
    assert iv["event"].isna().loc[[3, 4]].all()
    assert iv["post_session"].tolist() == [3, 4, 5, 6]


def test_baseline_at_session_zero_makes_interval_1_to_2_judgeable():
    rows = {"a": [38, 35, 20, 19, 21, 24]}
    iv = judge_intervals(long(rows, first_session=0), "bdi", 7, lower_is_better=True)
    assert iv["pre_session"].iloc[0] == 1 and bool(iv["event"].iloc[0])
    iv1 = judge_intervals(long(rows, first_session=1), "bdi", 7, lower_is_better=True)
    assert iv1["pre_session"].iloc[0] == 2


def test_crit1_cutoff_matches_define_crit1_cutoff():
    # suddengains' example: define_crit1_cutoff(sd = 10.5, reliability = 0.931)
    assert crit1_cutoff(10.5, 0.931) == pytest.approx(1.96 * math.sqrt(2) * 10.5 * math.sqrt(0.069))
    assert crit1_cutoff(10.5, 0.931) == pytest.approx(7.645, abs=1e-3)
    with pytest.raises(ValueError):
        crit1_cutoff(10.5, 1.2)


def test_duplicate_scores_are_refused_without_echoing_values():
    data = pd.DataFrame({"client_id": ["a", "a"], "session": [1, 1], "bdi": [12.0, 13.0]})
    with pytest.raises(rl.DataError) as err:
        sudden_gains(data, "bdi", 7, lower_is_better=True)
    assert "12" not in str(err.value) and "13" not in str(err.value)


# --------------------------------------------------------------------------- reliable change
def rc_table():
    # pre scores 20, 30, 20, 30, 10: SD = sqrt(70); reliability 23/28 gives SE^2 = 12.5 and S_diff = 5 exactly,
    # so |change| > 9.8 is reliable. Cut-off a with M_clin 25, SD_clin 5 (lower is better): 25 - 2 * 5 = 15.
    pre = {"A": 20, "B": 30, "C": 20, "D": 30, "E": 10, "F": 50}
    post = {"A": 5, "B": 18, "C": 25, "D": 42, "E": 25}
    rows = [{"client_id": c, "session": 0, "score": v} for c, v in pre.items()]
    rows += [{"client_id": c, "session": 8, "score": v} for c, v in post.items()]
    return pd.DataFrame(rows)


def test_reliable_change_every_category():
    rc = reliable_change(rc_table(), "score", pre=0, post=8, reliability=23 / 28, lower_is_better=True,
                         cutoff="a", m_clinical=25, sd_clinical=5)
    assert rc.s_diff == pytest.approx(5.0) and rc.cutoff == pytest.approx(15.0)
    got = dict(zip(rc.clients["client_id"], rc.clients["category"].astype(str)))
    assert got == {"A": "recovered", "B": "improved", "C": "unchanged", "D": "deteriorated", "E": "harmed"}
    assert rc.clients.set_index("client_id")["rci"].to_dict() == pytest.approx(
        {"A": -3.0, "B": -2.4, "C": 1.0, "D": 2.4, "E": 3.0})
    assert rc.n_read == 6 and rc.n_used == 5
    assert rc.excluded.to_dict("records") == [{"client_id": "F", "reason": "no post score"}]
    assert rc.counts()["n"].tolist() == [1, 1, 1, 1, 1]
    # without a cut-off there are three categories only
    plain = reliable_change(rc_table(), "score", pre=0, post=8, reliability=23 / 28, lower_is_better=True)
    assert dict(zip(plain.clients["client_id"], plain.clients["category"].astype(str))) == {
        "A": "improved", "B": "improved", "C": "unchanged", "D": "deteriorated", "E": "deteriorated"}
    assert plain.counts()["category"].tolist() == ["improved", "unchanged", "deteriorated"]


def test_reliable_change_higher_is_better_is_the_mirror_image():
    t = rc_table().assign(score=lambda d: -d["score"])
    rc = reliable_change(t, "score", pre=0, post=8, reliability=23 / 28, lower_is_better=False,
                         cutoff="a", m_clinical=-25, sd_clinical=5)
    assert rc.cutoff == pytest.approx(-15.0)
    assert rc.clients["category"].astype(str).tolist() == ["recovered", "improved", "unchanged", "deteriorated",
                                                            "harmed"]


def test_cutoffs_b_and_c():
    t = rc_table()
    b = reliable_change(t, "score", pre=0, post=8, reliability=0.8, lower_is_better=True, cutoff="b",
                        m_functional=8, sd_functional=3)
    assert b.cutoff == pytest.approx(8 + 2 * 3)
    c = reliable_change(t, "score", pre=0, post=8, reliability=0.8, lower_is_better=True, cutoff="c",
                        m_clinical=30, sd_clinical=6, m_functional=8, sd_functional=3)
    assert c.cutoff == pytest.approx((6 * 8 + 3 * 30) / (6 + 3))
    given = reliable_change(t, "score", pre=0, post=8, reliability=0.8, lower_is_better=True, cutoff=15)
    assert given.cutoff == 15 and given.cutoff_type == "given"
    with pytest.raises(ValueError, match="m_functional"):
        reliable_change(t, "score", pre=0, post=8, reliability=0.8, lower_is_better=True, cutoff="c")


def test_reliable_change_first_to_last_by_default():
    t = pd.DataFrame({"client_id": ["a", "a", "a", "b", "b", "c"], "session": [0, 3, 9, 0, 5, 0],
                      "score": [30.0, 25, 10, 28, 20, 22]})
    rc = reliable_change(t, "score", reliability=0.8, lower_is_better=True)
    assert rc.clients[["client_id", "pre", "post"]].values.tolist() == [["a", 30.0, 10.0], ["b", 28.0, 20.0]]
    assert rc.excluded.to_dict("records") == [{"client_id": "c", "reason": "no post score"}]


# --------------------------------------------------------------------------- peer datasets (../shared)
def test_claus_2020_matches_clinicalsignificance(peer):
    claus = rl.read_sessions(peer / "claus_2020.csv", id_col="id", session_col="time")
    # clinicalsignificance README: bdi, pre 1, post 4, reliability .81, functional M = SD = 8, cut-off c
    rc = reliable_change(claus, "bdi", pre=1, post=4, reliability=0.81, cutoff="c", m_functional=8,
                         sd_functional=8, lower_is_better=True)
    assert (rc.n_read, rc.n_used) == (43, 40)
    assert round(rc.m_pre, 2) == 35.48 and round(rc.sd_pre, 2) == 8.16 and round(rc.cutoff, 1) == 21.6
    assert rc.counts()["n"].tolist() == [10, 9, 21, 0, 0]
    # its test snapshot: reliability .80, cut-off a = 19.16, and by treatment group
    rc = reliable_change(claus, "bdi", pre=1, post=4, reliability=0.80, cutoff="a", lower_is_better=True)
    assert round(rc.cutoff, 2) == 19.16 and rc.counts()["n"].tolist() == [10, 8, 22, 0, 0]
    groups = rc.clients.merge(claus.loc[claus["session"] == 1, ["client_id", "treatment"]], on="client_id")
    table = groups.groupby("treatment")["category"].value_counts().unstack()
    assert table.loc["TAU"].tolist() == [3, 2, 14, 0, 0] and table.loc["PA"].tolist() == [7, 6, 8, 0, 0]


def test_sgdata_runs_and_hand_checked_clients(peer):
    sg = rl.read_sessions(peer / "sgdata.csv", id_col="id")
    iv = judge_intervals(sg, "bdi", 7, lower_is_better=True)
    assert len(iv) == 43 * 10                                  # bdi_s0..s12: intervals 1->2 .. 10->11
    one = iv[iv["client_id"] == "1"].set_index("pre_session")
    # client 1: 35 37 34 | 23 24 21 -> means 35.33 / 22.67, pooled SD 1.528, 2.776 * 1.528 = 4.24 < 12.67: gain
    # 24 21 29 | 17 11 11 -> 24.67 / 13.00, pooled SD 3.764, 10.45 < 11.67: gain
    assert one.index[one["event"].fillna(False).to_numpy(bool)].tolist() == [3, 7]
    assert one.loc[7, "mean_pre"] == pytest.approx(24.6667, abs=1e-4)
    # client 22: 38 35 | 20 19 21 -> 5 values, t(3) = 3.182, 3.182 * 1.472 = 4.68 < 16.5: gain at 1->2
    c22 = iv[(iv["client_id"] == "22") & iv["event"].fillna(False)]
    assert c22["pre_session"].tolist() == [1]
    losses = sudden_losses(sg, "bdi", 7, lower_is_better=True)
    assert {"34", "35"} <= set(losses["client_id"])
