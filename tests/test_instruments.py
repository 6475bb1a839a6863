"""Instrument definitions and scoring, checked against hand-computed examples."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

import rapportlib
from rapportlib import DataError


def items(prefix: str, values) -> dict:
    return {f"{prefix}_{i}": v for i, v in enumerate(values, start=1)}


def test_shipped_instruments_hold_the_published_facts():
    inst = rapportlib.list_instruments()
    assert set(inst) == {"srs", "ors", "wai_sr", "wai_srt", "haq2"}
    assert (inst["srs"].items, inst["srs"].response.min, inst["srs"].response.max) == (4, 0, 10)
    assert inst["srs"].scale_range("total") == (0, 40)
    assert [(c.scale, c.value, c.direction) for c in inst["srs"].cutoffs] == [("total", 36, "below")]
    assert [(c.scale, c.value) for c in inst["ors"].cutoffs] == [("total", 25)]
    for wai in ("wai_sr", "wai_srt"):
        w = inst[wai]
        assert (w.items, w.response.min, w.response.max) == (12, 1, 5)
        assert {s: w.scale_items(s) for s in ("task", "bond", "goal")} == {
            "task": [1, 2, 10, 12], "bond": [3, 5, 7, 9], "goal": [4, 6, 8, 11]}
    assert inst["wai_srt"].respondent == "clinician"
    h = inst["haq2"]
    assert (h.items, h.response.min, h.response.max, h.reverse_keyed) == (19, 1, 6, [4, 8, 11, 16, 19])
    for i in inst.values():
        assert i.source and i.licence            # every instrument says where its facts come from


def test_srs_and_ors_sum_and_keep_entered_totals():
    df = pd.DataFrame([
        {**items("srs", [8.5, 9.0, 7.5, 9.2]), **items("ors", [5.5, 6.0, 4.5, 7.0])},
        {**items("srs", [8.5, None, 7.5, 9.2]), "srs_total": 31.0},   # missing mark: entered total kept
        {**items("srs", [8.5, None, 7.5, 9.2])},                       # missing mark, no total: missing
    ])
    out = rapportlib.score(rapportlib.score(df, "srs"), "ors")
    assert out["srs_total"].tolist()[:2] == [34.2, 31.0] and np.isnan(out["srs_total"][2])
    assert out["ors_total"][0] == 23.0
    assert df["srs_total"].isna().tolist() == [True, False, True]     # input left alone


WAI = [5, 4, 3, 4, 5, 4, 3, 2, 4, 5, 3, 4]   # items 1..12


@pytest.mark.parametrize("inst", ["wai_sr", "wai_srt"])
def test_wai_subscales_means_and_prorating(inst):
    rows = [WAI,
            [None] + WAI[1:],                       # item 1 missing: prorated
            [None, None] + WAI[2:],                 # items 1 and 2 missing: task missing
            [None, None, None] + WAI[3:]]           # three missing: total missing
    out = rapportlib.score(pd.DataFrame([items(inst, r) for r in rows]), inst)

    def col(scale: str) -> list[float]:
        return out[f"{inst}_{scale}"].round(6).tolist()

    # task = items 1,2,10,12; bond = 3,5,7,9; goal = 4,6,8,11
    assert col("task")[:2] == [4.5, round(13 / 3, 6)] and np.isnan(col("task")[2])
    assert col("bond") == [3.75, 3.75, 3.75, 4.0]
    assert col("goal") == [3.25] * 4
    assert col("total")[:3] == [round(46 / 12, 6), round(41 / 11, 6), 3.7] and np.isnan(col("total")[3])


def test_haq2_reverse_keys_and_prorating():
    rev = {4, 8, 11, 16, 19}
    all_six = [6] * 19
    fives = [2 if i in rev else 5 for i in range(1, 20)]
    three_missing = [None, None, None] + [6] * 16
    four_missing = [None] * 4 + [6] * 15
    out = rapportlib.score(pd.DataFrame([items("haq2", r) for r in (all_six, fives, three_missing, four_missing)]),
                           "haq2")
    t = out["haq2_total"].tolist()
    assert t[0] == 14 * 6 + 5 * 1          # reverse-keyed 6s count as 1s
    assert t[1] == 19 * 5
    assert t[2] == pytest.approx((11 * 6 + 5 * 1) / 16 * 19)   # 84.3125
    assert np.isnan(t[3])


def test_user_defined_instrument(tmp_path):
    path = tmp_path / "calm.yaml"
    path.write_text("""
id: calm
name: A three-item calm scale
version: "1"
kind: process
respondent: client
items: 3
response: {min: 0, max: 4}
reverse_keyed: [2]
higher_is_better: true
scales:
  total: {items: all, method: sum, max_missing: 1}
missing_rule_source: ours
source: our clinic
licence: ours
""")
    calm = rapportlib.load_instrument(path)
    out = rapportlib.score(pd.DataFrame([items("calm", [4, 1, 2]), items("calm", [4, None, 2])]), path)
    assert out["calm_total"].tolist() == [4 + 3 + 2, 9.0]
    data = tmp_path / "s.csv"
    data.write_text("client_id,session,calm_1,calm_2,calm_3\nc1,1,4,1,2\nc1,2,5,1,2\n")
    ds = rapportlib.load(data, instruments=[calm])
    assert ds.sessions["calm_total"].tolist() == [9.0]
    assert ds.quarantine["rule"].tolist() == ["above the allowed maximum 4 (calm item range 0-4)"]


@pytest.mark.parametrize("body, message", [
    ("id: Bad Id\n", "entry id: String should match pattern"),
    ("items: 3\nreverse_keyed: [5]\n", "reverse_keyed item 5 is not between 1 and 3"),
    ("scales:\n  total: {items: [1, 9], method: sum}\n", "scale 'total': item 9 is not between 1 and 3"),
    ("scales:\n  total: {items: all, method: median}\n", "entry scales.total.method"),
    ("response: {min: 4, max: 0}\n", "max must be greater than min"),
    ("colour: blue\n", "entry colour: unknown field"),
])
def test_broken_instrument_file_names_file_entry_and_field(tmp_path, body, message):
    base = {"id": "calm", "name": "n", "version": "1", "kind": "process", "respondent": "client", "items": 3,
            "response": {"min": 0, "max": 4}, "higher_is_better": True,
            "scales": {"total": {"items": "all", "method": "sum"}}, "missing_rule_source": "x", "source": "x",
            "licence": "x"}
    import yaml
    base.update(yaml.safe_load(body))
    path = tmp_path / "calm.yaml"
    path.write_text(yaml.safe_dump(base))
    with pytest.raises(DataError) as info:
        rapportlib.load_instrument(path)
    assert "calm.yaml" in str(info.value) and message in str(info.value)


def test_unknown_instrument_lists_the_shipped_ones():
    with pytest.raises(DataError, match="shipped instruments are haq2, ors, srs, wai_sr, wai_srt"):
        rapportlib.score(pd.DataFrame(), "phq9")


def test_entered_total_must_agree_with_items(tmp_path):
    p = tmp_path / "s.csv"
    p.write_text("client_id,session,srs_1,srs_2,srs_3,srs_4,srs_total\nc1,1,9,9,9,9,36\nc1,2,9,9,9,9,30\n")
    ds = rapportlib.load(p)
    assert ds.quarantine["rule"].tolist() == ["differs from the srs total score of its items"]


def cronbach_by_hand(x: np.ndarray) -> float:
    k = x.shape[1]
    return k / (k - 1) * (1 - x.var(axis=0, ddof=1).sum() / x.sum(axis=1).var(ddof=1))


def test_reliability_matches_hand_computed_alpha():
    rng = np.random.default_rng(3)
    true = rng.normal(3, 0.8, 200)
    x = np.clip(np.round(true[:, None] + rng.normal(0, 0.7, (200, 12))), 1, 5)
    df = pd.DataFrame(x, columns=[f"wai_sr_{i}" for i in range(1, 13)])
    rel = rapportlib.reliability(df, "wai_sr").set_index("scale")
    task = x[:, [0, 1, 9, 11]]
    assert rel.loc["task", "alpha"] == pytest.approx(cronbach_by_hand(task), abs=1e-6)
    assert rel.loc["total", "alpha"] == pytest.approx(cronbach_by_hand(x), abs=1e-6)
    assert rel.loc["total", "n"] == 200 and rel.loc["task", "ci_low"] < rel.loc["task", "alpha"]


def test_reliability_applies_reverse_keys_and_groups():
    rng = np.random.default_rng(4)
    true = rng.normal(3.5, 1, 120)
    x = np.clip(np.round(true[:, None] + rng.normal(0, 0.6, (120, 19))), 1, 6)
    raw = x.copy()
    rev = [3, 7, 10, 15, 18]
    raw[:, rev] = 7 - raw[:, rev]                       # as a client would mark reverse-worded items
    df = pd.DataFrame(raw, columns=[f"haq2_{i}" for i in range(1, 20)]).assign(session=[1, 2] * 60)
    rel = rapportlib.reliability(df, "haq2")
    assert rel["alpha"][0] == pytest.approx(cronbach_by_hand(x), abs=1e-6) and rel["alpha"][0] > 0.9
    by = rapportlib.reliability(df, "haq2", by="session")
    assert by["session"].tolist() == [1, 2] and (by["n"] == 60).all()


def test_instrument_for_a_column():
    from rapportlib.instruments import instrument_for

    inst, scale = instrument_for("ors_total")
    assert (inst.id, scale) == ("ors", "total")
    assert [(i.id, s) for i, s in [instrument_for("wai_srt_bond"), instrument_for("wai_sr_2")]] == [
        ("wai_srt", "bond"), ("wai_sr", None)]
    assert instrument_for("bdi") is None
