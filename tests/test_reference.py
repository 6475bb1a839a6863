"""The vectorised statistics against the plain per-client loops of benchmarks/reference.py.

Same events, row for row, on the demo data and on a synthetic table of about 2,000 clients made by the
benchmark's generator (``make_sessions_frame`` in benchmarks/run.py).
"""

from __future__ import annotations

import functools
import importlib.util
import sys
from pathlib import Path

import pandas as pd
import pytest

import rapportlib as rl

ROOT = Path(__file__).resolve().parents[1]


def _load(name: str):
    spec = importlib.util.spec_from_file_location(f"_benchmarks_{name}", ROOT / "benchmarks" / f"{name}.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module


ref = _load("reference")
bench = _load("run")


@functools.cache
def _data(name: str):
    if name == "demo":
        return rl.load(rl.demo.data_path())
    if name == "synthetic":
        return bench.make_sessions_frame(rows=40_000, seed=2)            # about 2,100 clients
    raise ValueError(name)


def sessions(name: str) -> pd.DataFrame:
    return getattr(_data(name), "sessions", _data(name))


def assert_same_events(got: pd.DataFrame, expected: pd.DataFrame, keys: list[str]) -> None:
    """Same rows (sorted by ``keys``), floats to 1e-9; the message names the rows found by one side only."""
    assert list(got.columns) == list(expected.columns)
    k_got = set(map(tuple, got[keys].astype(object).itertuples(index=False)))
    k_exp = set(map(tuple, expected[keys].astype(object).itertuples(index=False)))
    assert k_got == k_exp, (f"only vectorised: {sorted(k_got - k_exp)[:5]} ({len(k_got - k_exp)}); "
                            f"only loop: {sorted(k_exp - k_got)[:5]} ({len(k_exp - k_got)})")
    got = got.sort_values(keys).reset_index(drop=True)
    expected = expected.sort_values(keys).reset_index(drop=True)
    for c in got.columns:
        if pd.api.types.is_float_dtype(got[c]):
            pd.testing.assert_series_equal(got[c], expected[c].astype(float), check_exact=False, rtol=0, atol=1e-9)
        else:
            assert got[c].astype(object).tolist() == expected[c].astype(object).tolist(), c


# --------------------------------------------------------------------------- sudden gains and losses
CHANGE_CASES = {
    "gains ors_total": dict(identify="gain", measure="ors_total", cutoff=5, lower_is_better=False),
    "gains srs_total": dict(identify="gain", measure="srs_total", cutoff=5, lower_is_better=False),
    "losses ors_total": dict(identify="loss", measure="ors_total", cutoff=5, lower_is_better=False),
    "losses srs_total": dict(identify="loss", measure="srs_total", cutoff=3, lower_is_better=False),
    "gains ors_total, no cut-off": dict(identify="gain", measure="ors_total", cutoff=None, lower_is_better=False),
    "gains ors_total, no pct, alpha .1": dict(identify="gain", measure="ors_total", cutoff=5, pct=None, alpha=0.1,
                                             lower_is_better=False),
    "gains ors_total, no stability": dict(identify="gain", measure="ors_total", cutoff=5, stability=False,
                                         lower_is_better=False),
    "ors_total read as lower is better": dict(identify="gain", measure="ors_total", cutoff=5, lower_is_better=True),
}


@pytest.mark.parametrize("data", ["demo", "synthetic"])
@pytest.mark.parametrize("case", list(CHANGE_CASES))
def test_sudden_gains_and_losses_match_the_loop(data, case):
    kw = dict(CHANGE_CASES[case])
    identify, measure, cutoff = kw.pop("identify"), kw.pop("measure"), kw.pop("cutoff")
    s = sessions(data)
    vectorised = rl.sudden_gains if identify == "gain" else rl.sudden_losses
    got = vectorised(s, measure, cutoff, **kw)
    expected = ref.sudden_gains_loop(s, measure, cutoff, identify=identify, **kw)
    assert_same_events(got, expected, ["client_id", "pre_session"])
    if case in ("gains ors_total", "gains srs_total"):
        assert len(expected) > 0


# --------------------------------------------------------------------------- ruptures
@pytest.mark.parametrize("data", ["demo", "synthetic"])
@pytest.mark.parametrize("measure", ["srs_total", "wai_sr_total"])
@pytest.mark.parametrize("threshold", [2.0, 1.0])
def test_ruptures_match_the_loop(data, measure, threshold):
    s = sessions(data)
    expected = ref.ruptures_loop(s, measure, threshold=threshold)
    assert_same_events(rl.ruptures(s, measure, threshold=threshold), expected, ["client_id", "drop_session"])
    if data == "synthetic":
        assert set(expected["pattern"]) == {"v", "unrepaired", "decline_repair"}


def test_a_fall_of_exactly_the_floor_is_a_rupture():
    """Demo client c047: SRS 36.9 -> 33.9 at session 15, exactly the 3-point floor and 1.83 of the client's SDs."""
    s = sessions("demo")
    s = s[s["client_id"] == "c047"]
    for found in (ref.ruptures_loop(s, "srs_total", threshold=1.0), rl.ruptures(s, "srs_total", threshold=1.0)):
        row = found.set_index("drop_session").loc[15]
        assert (row["pre_score"], row["drop_score"], row["pattern"]) == (36.9, 33.9, "unrepaired")
        assert row["size"] == pytest.approx(3.0) and 1 < row["size_sd"] < 2


# --------------------------------------------------------------------------- alerts
ALERT_DATA = {"demo sessions": lambda: sessions("demo"), "demo dataset": lambda: _data("demo"),
              "synthetic": lambda: sessions("synthetic")}
@functools.cache
def _alert_set(name: str) -> frozenset[tuple[str, str]]:
    a = rl.alerts(ALERT_DATA[name]())
    assert not a.duplicated(["client_id", "kind"]).any()
    return frozenset(zip(a["client_id"], a["kind"]))


@pytest.mark.parametrize("data", ["demo sessions", "demo dataset", "synthetic"])
def test_alerts_match_the_loop(data):
    got, expected = _alert_set(data), ref.alerts_loop(ALERT_DATA[data]())
    assert got == expected, f"only vectorised: {sorted(got - expected)[:5]}; only loop: {sorted(expected - got)[:5]}"
    kinds = {k for _, k in expected}
    assert {"low_alliance", "unrepaired_rupture", "not_on_track", "rater_gap", "alliance_drop"} <= kinds


def test_a_fall_of_exactly_half_a_wai_sr_point_is_an_alliance_drop():
    """A fall of exactly the threshold counts even when binary rounding makes it 0.49999999999999956."""
    wai = [4.0, 4.0, 49 / 12, 43 / 12]                   # ... 4.0833 -> 3.5833: half a point, 0.49999999999999956
    s = pd.DataFrame({"client_id": "a", "session": range(1, 5), "clinician_id": "k", "wai_sr_total": wai})
    assert ("a", "alliance_drop") in ref.alerts_loop(s)
    a = rl.alerts(s)
    assert "alliance_drop" in set(a["kind"])


def test_generator_is_realistic():
    s = bench.make_sessions_frame(rows=40_000, seed=2)
    assert len(s) == 40_000 and 1_900 < s["client_id"].nunique() < 2_300
    intake = s[s["session"] == 0]
    assert intake["srs_total"].isna().all() and intake["ors_total"].notna().mean() > 0.95
    later = s[s["session"] > 0]
    assert later["srs_total"].between(34, 40).mean() > 0.75
    assert 0.005 < later["srs_total"].isna().mean() < 0.05
    items = later[[f"srs_{j}" for j in range(1, 5)]].sum(axis=1, min_count=4)
    assert (items - later["srs_total"]).abs().max() < 1e-6
    assert bench.make_sessions_frame(rows=1_000, seed=2).equals(bench.make_sessions_frame(rows=1_000, seed=2))
