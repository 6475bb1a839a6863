"""Ruptures, rater discrepancy and alerts on tiny literal tables."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

import rapportlib as rl
from rapportlib.caseload import alerts, events, expected_trajectories, not_on_track, priority
from rapportlib.alliance import discrepancy, ruptures


def series(rows: dict[str, list], measure: str = "srs_total", first: int = 1) -> pd.DataFrame:
    recs = [{"client_id": c, "session": first + j, measure: v} for c, vals in rows.items()
            for j, v in enumerate(vals) if v is not None]
    return pd.DataFrame(recs).astype({measure: "float64"})


V = [38, 38.5, 38, 30, 31, 38, 38.2, 38]                 # fall of 8 at session 4, back at session 6
UNREPAIRED = [38, 38, 38.5, 38, 38.2, 38, 38, 38.1, 30, 30.5, 29.8, 30.2]   # fall of 8 at session 9, never back
DECLINE = [38, 38.2, 38, 35.5, 33, 30.5, 38.3, 38]       # 2.5 a session from session 3 to 6, then back at 7
STEADY = [40, 40, 39.5, 40, 40, 39, 40]                  # one-point dip: tiny SD, below the 3-point floor


def test_rupture_patterns():
    ev = ruptures(series({"v": V, "u": UNREPAIRED, "d": DECLINE, "s": STEADY})).set_index("client_id")
    assert sorted(ev.index) == ["d", "u", "v"]
    assert ev.loc["v", ["pre_session", "drop_session", "repaired_session", "pattern"]].tolist() == [3, 4, 6, "v"]
    assert ev.loc["v", "size"] == 8.0
    assert ev.loc["v", "size_sd"] == pytest.approx(8.0 / np.std(V, ddof=1))
    assert ev.loc["u", ["pre_session", "drop_session", "pattern"]].tolist() == [8, 9, "unrepaired"]
    assert pd.isna(ev.loc["u", "repaired_session"]) and bool(ev.loc["u", "window_complete"])
    assert ev.loc["d", ["pre_session", "drop_session", "repaired_session", "pattern"]].tolist() == [
        3, 6, 7, "decline_repair"]
    assert ev.loc["d", "size"] == pytest.approx(7.5)


def test_strict_and_loose_thresholds_and_the_floor():
    # the one-point dip of a client who always rates 39-40 is 2.6 of their SDs but under the 3-point floor
    assert ruptures(series({"s": STEADY})).empty
    assert ruptures(series({"s": STEADY}), min_size=0)["drop_session"].tolist() == [6]
    # strict (2 SD) and loose (1 SD): the V's fall of 8 is 2.35 of that client's SDs
    size_sd = 8.0 / np.std(V, ddof=1)
    assert 2 < size_sd < 2.5
    assert len(ruptures(series({"v": V}), threshold=2.0)) == 1
    assert ruptures(series({"v": V}), threshold=2.5).empty
    # a long unrepaired fall raises the client's SD: the strict criterion misses it, the loose one finds it
    long_fall = [38, 38, 38.5, 38, 30, 30.5, 30, 29.5]
    assert 8 / np.std(long_fall, ddof=1) < 2
    assert ruptures(series({"l": long_fall})).empty
    assert ruptures(series({"l": long_fall}), threshold=1.0)["pattern"].tolist() == ["unrepaired"]


def test_window_and_missing_sessions():
    # back only 4 sessions after the fall: unrepaired with the default window of 3, repaired with 4
    late = [38, 38, 38, 30, 31, 30, 31, 38, 38]
    assert ruptures(series({"x": late}))["pattern"].tolist() == ["unrepaired"]
    assert ruptures(series({"x": late}), window=4)["repaired_session"].tolist() == [8]
    # a missed session is skipped: the fall is measured to the next rating given
    gap = series({"g": V}).query("session != 3")
    ev = ruptures(gap)
    assert ev[["pre_session", "drop_session"]].values.tolist() == [[2, 4]]
    # too few ratings to know the client's variability
    assert ruptures(series({"t": [38, 30, 38]})).empty
    # the series ends inside the window: unrepaired so far, window not complete
    open_ = ruptures(series({"o": [38, 38, 38.5, 38, 38, 30]}))
    assert open_["pattern"].tolist() == ["unrepaired"] and not open_["window_complete"].iloc[0]


def test_rupture_errors_name_column_not_values():
    with pytest.raises(rl.DataError, match="srs_total"):
        ruptures(pd.DataFrame({"client_id": ["a"], "session": [1]}))
    dup = pd.DataFrame({"client_id": ["a", "a"], "session": [1, 1], "srs_total": [31.5, 37.5]})
    with pytest.raises(rl.DataError) as err:
        ruptures(dup)
    assert "31.5" not in str(err.value) and "37.5" not in str(err.value)


def test_discrepancy_per_client_and_clinician():
    s = pd.DataFrame({"client_id": ["a", "a", "b", "b"], "session": [1, 2, 1, 2], "clinician_id": ["k", "k", "k", "k"],
                      "wai_sr_total": [3.0, 3.0, 4.0, 5.0], "wai_srt_total": [4.0, 4.5, 4.0, 4.0]})
    sd = np.std([3.0, 3.0, 4.0, 5.0], ddof=1)
    by_client = discrepancy(s, by="client").set_index("client_id")
    assert by_client.loc["a", "gap"] == pytest.approx(1.25) and by_client.loc["b", "gap"] == pytest.approx(-0.5)
    assert by_client.loc["a", "gap_sd"] == pytest.approx(1.25 / sd)
    assert by_client.loc["a", "n"] == 2
    by_clin = discrepancy(s, by="clinician")
    assert by_clin["gap"].tolist() == pytest.approx([0.375])
    # the clinician's 0-10 rating kept with the reflections meets SRS total / 4
    s2 = pd.DataFrame({"client_id": ["a", "a"], "session": [1, 2], "srs_total": [32.0, 36.0]})
    refl = pd.DataFrame({"client_id": ["a", "a"], "session": [1, 2], "clinician_alliance": [9.0, 9.5]})
    d = discrepancy(s2, reflections=refl, by="session")
    assert d["gap"].tolist() == pytest.approx([1.0, 0.5])


def test_expected_trajectories_and_not_on_track():
    # 12 clients starting at 10, each improving 2 * ln(1 + k); one starts at 10 and gets worse
    rows = {f"c{i:02d}": [10 + 2 * np.log1p(k) + (0.3 if i % 2 else -0.3) for k in range(0, 7)] for i in range(12)}
    rows["worse"] = [10, 10, 9, 8, 7, 7, 6]
    s = series(rows, "ors_total", first=0)
    traj = expected_trajectories(s, "ors_total", min_clients=10)
    band = traj[traj["band"] == "0–15"].set_index("k")
    assert band.loc[1, "n_clients"] == 13 and not band.loc[1, "pooled"]
    assert band.loc[6, "expected"] > band.loc[1, "expected"] > 0
    track = not_on_track(s, "ors_total").set_index("client_id")
    assert bool(track.loc["worse", "not_on_track"])
    assert not track.drop(index="worse")["not_on_track"].any()


def test_alerts_rank_and_explain():
    srs = {"steady": [38, 38.5, 39, 39], "dropped": [39, 39.2, 39, 35.5], "low": [33, 32, 31, 30]}
    s = series(srs)
    items = {"steady": 9.5, "dropped": 8.8, "low": 7.0}
    s["clinician_id"] = "k1"
    for j in range(1, 5):
        s[f"srs_{j}"] = s["srs_total"] / 4
    s.loc[s["client_id"] == "low", "srs_1"] = items["low"]
    ors = series({"steady": [20, 24, 26, 28, 29], "dropped": [20, 22, 24, 25, 25], "low": [30, 28, 26, 24, 22]},
                 "ors_total", first=0)
    s = ors.merge(s, on=["client_id", "session"], how="left")
    s["clinician_id"] = "k1"
    a = alerts(s)
    kinds = {c: set(g["kind"]) for c, g in a.groupby("client_id")}
    assert "steady" not in kinds
    assert kinds["dropped"] == {"alliance_drop", "low_alliance"}
    assert {"low_alliance", "low_item", "reliable_deterioration"} <= kinds["low"]
    first = priority(a).iloc[0]
    assert first["client_id"] == "low" and first["top_severity"] == 5
    reason = a[(a["client_id"] == "dropped") & (a["kind"] == "alliance_drop")]["reason"].iloc[0]
    assert reason == "Session Rating Scale fell 3.5 points since the previous session (to 35.5 at session 4)"
    det = a[(a["client_id"] == "low") & (a["kind"] == "reliable_deterioration")].iloc[0]
    assert det["value"] == 8 and det["threshold"] == 5


def test_demo_alerts_cover_the_planted_problems():
    ds = rl.load(rl.demo.data_path())
    a = alerts(ds)
    truth = pd.read_csv(rl.demo.data_path() / "truth_ruptures.csv", dtype={"client_id": str})
    unrepaired = set(truth.loc[truth["pattern"] == "unrepaired", "client_id"])
    flagged = set(a.loc[a["kind"] == "unrepaired_rupture", "client_id"])
    assert unrepaired <= flagged
    # clin04 over-rates the alliance of interpreter-mediated clients: most rater-gap alerts are theirs
    gaps = a[a["kind"] == "rater_gap"]
    assert (gaps["clinician_id"] == "clin04").mean() > 0.5
    assert a["priority"].is_monotonic_increasing


def test_events_described_for_each_client():
    s = series({"v": V, "s": STEADY})
    ors = series({"v": [10, 11, 10, 20, 21, 22, 21, 22]}, "ors_total", first=0)
    ev = events(s.merge(ors, on=["client_id", "session"], how="outer"))
    assert ev.ruptures["client_id"].tolist() == ["v"]
    assert ev.changes[["client_id", "pre_session", "post_session", "kind"]].values.tolist() == [["v", 2, 3, "gain"]]
    assert ev.table.to_dict("records") == [
        {"client_id": "v", "session": 3, "what": "ORS sudden gain: 10.0 points (session 2 → 3)"},
        {"client_id": "v", "session": 4,
         "what": "SRS rupture (sudden drop): −8.0 points (2.3 SD), repaired by session 6"},
    ]
