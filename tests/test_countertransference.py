"""Countertransference profiles and patterns on tiny literal tables, and on the demo's planted patterns."""

from __future__ import annotations

import pandas as pd
import pytest
from scipy.stats import linregress, mannwhitneyu

import rapportlib as rl
from rapportlib.countertransference import (DIMENSIONS, PATTERN_COLUMNS, countertransference_profile,
                                            latest_check_in)

DIMS = list(DIMENSIONS)


def check_ins(clinician: str, client: str | None, *, start: str = "2024-01-01", every_days: int = 7,
              first_session: int = 1, ruptures: dict[int, str] | None = None, **ratings: list[int]) -> list[dict]:
    """One reflection a week for ``client``; every check-in rating 0 except those given (one list per column)."""
    n = len(next(iter(ratings.values())))
    rows = []
    for k in range(n):
        session = first_session + k
        rec = {"reflection_id": f"{clinician}-{client}-{k}", "clinician_id": clinician, "client_id": client,
               "session": session, "created": pd.Timestamp(start) + pd.Timedelta(days=every_days * k),
               "rupture": (ruptures or {}).get(session, "none")}
        rec.update(dict.fromkeys(DIMS, 0))
        rec.update({d: v[k] for d, v in ratings.items()})
        rows.append(rec)
    return rows


def frame(*parts: list[dict]) -> pd.DataFrame:
    return pd.DataFrame([r for part in parts for r in part])


def kinds(profile) -> list[str]:
    return profile.patterns["kind"].tolist()


@pytest.fixture(scope="module")
def demo_data():
    return rl.load(rl.demo.data_path())


# --------------------------------------------------------------------------- the tables
def test_table_by_client_clinician_and_attribute():
    refl = frame(check_ins("k1", "a", ct_helpless=[0, 3, 4, 1]), check_ins("k1", "b", ct_helpless=[2, 2]),
                 check_ins("k2", "c", ct_helpless=[3]), check_ins("k2", None, ct_helpless=[4]))
    p = countertransference_profile(refl)
    assert p.by == "client" and p.group_column == "client_id" and p.high == 3
    t = p.table.set_index(["group", "dimension"])
    assert list(p.table.columns) == ["group", "clinician_id", "dimension", "n", "mean", "share_high"]
    assert t.loc[("a", "ct_helpless"), ["n", "mean", "share_high"]].tolist() == [4, 2.0, 0.5]
    assert t.loc[("b", "ct_helpless"), ["n", "mean", "share_high"]].tolist() == [2, 2.0, 0.0]
    assert t.loc[("a", "ct_helpless"), "clinician_id"] == "k1"
    assert p.table["dimension"].iloc[:8].tolist() == DIMS        # the TRQ order, not alphabetical
    assert len(p.table) == 3 * 8                                 # the general note (no client) is not a client
    # per clinician the general note counts
    t = countertransference_profile(refl, "clinician").table.set_index(["group", "dimension"])
    assert t.loc[("k1", "ct_helpless"), ["n", "mean"]].tolist() == [6, 2.0]
    assert t.loc[("k2", "ct_helpless"), ["n", "mean", "share_high"]].tolist() == [2, 3.5, 1.0]
    # per client attribute, joined from the clients table; booleans as true/false, missing as 'not recorded'
    clients = pd.DataFrame({"client_id": ["a", "b", "c"], "interpreter": pd.array([True, False, pd.NA],
                                                                                   dtype="boolean")})
    p = countertransference_profile(refl, "interpreter", clients=clients)
    assert p.group_column == "interpreter"
    t = p.table.set_index(["group", "dimension"])
    assert t.loc[("true", "ct_helpless"), ["n", "mean"]].tolist() == [4, 2.0]
    assert t.loc[("false", "ct_helpless"), ["n", "mean"]].tolist() == [2, 2.0]
    assert t.loc[("not recorded", "ct_helpless"), ["n", "mean"]].tolist() == [1, 3.0]
    # a column only the reflections have
    refl["language"] = ["Tamil"] * 4 + ["English"] * 4
    t = countertransference_profile(refl, "language").table.set_index(["group", "dimension"])
    assert t.loc[("Tamil", "ct_helpless"), "n"] == 4 and t.loc[("English", "ct_helpless"), "n"] == 3


def test_group_labels_for_yes_no_with_a_client_missing_from_the_clients_table():
    refl = frame(check_ins("k1", "a", ct_helpless=[1]), check_ins("k1", "b", ct_helpless=[2]),
                 check_ins("k1", "z", ct_helpless=[3]))
    clients = pd.DataFrame({"client_id": ["a", "b"], "interpreter": [True, False]})      # numpy booleans
    t = countertransference_profile(refl, "interpreter", clients=clients).table
    assert t[t["dimension"] == "ct_helpless"][["group", "mean"]].values.tolist() == [
        ["false", 2.0], ["not recorded", 3.0], ["true", 1.0]]


def test_missing_ratings_are_left_out_and_one_clinician_kept():
    refl = frame(check_ins("k1", "a", ct_helpless=[4, 0, 2]), check_ins("k2", "b", ct_helpless=[1]))
    refl["ct_helpless"] = pd.array([4, pd.NA, 2, 1], dtype="Int64")
    p = countertransference_profile(refl, clinician_id="k1")
    assert p.clinician_id == "k1"
    t = p.table.set_index(["group", "dimension"])
    assert t.loc[("a", "ct_helpless"), ["n", "mean"]].tolist() == [2, 3.0]
    assert set(p.table["group"]) == {"a"}


def test_over_time_by_month():
    refl = frame(check_ins("k1", "a", start="2024-01-20", every_days=7, ct_disengaged=[1, 2, 4, 0]))
    ot = countertransference_profile(refl).over_time
    ot = ot[ot["dimension"] == "ct_disengaged"]
    assert ot["month"].tolist() == [pd.Timestamp("2024-01-01"), pd.Timestamp("2024-02-01")]
    assert ot["n"].tolist() == [2, 2] and ot["mean"].tolist() == [1.5, 2.0]     # Jan 20, 27 | Feb 3, 10


def test_errors():
    refl = frame(check_ins("k1", "a", ct_helpless=[1]))
    with pytest.raises(ValueError, match="cultural_background"):
        countertransference_profile(refl, "cultural_background")
    with pytest.raises(ValueError, match="high"):
        countertransference_profile(refl, high=5)
    with pytest.raises(ValueError, match="check-in"):
        countertransference_profile(refl[["reflection_id", "clinician_id", "client_id"]])


def test_no_patterns_in_calm_check_ins():
    refl = frame(*[check_ins("k1", c, ct_positive=[2, 1, 2, 2, 1]) for c in "abcdefg"])
    p = countertransference_profile(refl)
    assert p.patterns.empty and list(p.patterns.columns) == PATTERN_COLUMNS


# --------------------------------------------------------------------------- persistent_high
def test_persistent_high():
    refl = frame(check_ins("k1", "a", ct_special=[3, 4, 3, 1, 3]),
                 check_ins("k1", "b", ct_special=[0, 1, 0, 0]), check_ins("k1", "c", ct_special=[0, 0, 0, 0]))
    pat = countertransference_profile(refl).patterns
    assert len(pat) == 1
    row = pat.iloc[0]
    assert row[["kind", "clinician_id", "client_id", "dimension", "n", "n_baseline"]].tolist() == [
        "persistent_high", "k1", "a", "ct_special", 5, 8]
    assert row["value"] == pytest.approx(2.8) and row["baseline"] == pytest.approx(0.125)
    assert row["difference"] == pytest.approx(2.675)
    assert pd.isna(row["group"]) and pd.isna(row["p"])
    assert row["start"] == pd.Timestamp("2024-01-01") and row["end"] == pd.Timestamp("2024-01-29")
    assert row["detail"] == ("k1 rated ct_special 3 or more in 4 of 5 reflections about a (mean 2.8, against 0.1 "
                             "with their other clients in the same months)")


@pytest.mark.parametrize("a, others, kw", [
    ([4, 4, 4], [0, 0, 0, 0], {}),                           # too few reflections about the client (3 < 4)
    ([3, 3, 1, 1, 1], [0, 0, 0, 0], {}),                     # high in 2 of 5: not most of them
    ([3, 4, 3, 3], [2, 3, 2, 3], {}),                        # high with the other clients too: not above them
    ([3, 4, 3, 3], [0, 0, 0], {}),                           # 3 ratings of other clients: no baseline
    ([3, 4, 3, 3], [0, 0, 0, 0], {"min_above_others": 3.5}),
])
def test_persistent_high_negative(a, others, kw):
    refl = frame(check_ins("k1", "a", ct_special=a), check_ins("k1", "b", ct_special=others))
    assert countertransference_profile(refl, **kw).patterns.empty


def test_persistent_high_thresholds_and_positive():
    refl = frame(check_ins("k1", "a", ct_special=[3, 3, 1, 1, 1], ct_positive=[4, 4, 4, 4, 4]),
                 check_ins("k1", "b", ct_special=[0, 0, 0, 0], ct_positive=[1, 1, 1, 1]))
    assert countertransference_profile(refl).patterns.empty              # 40% high; positive is no concern
    p = countertransference_profile(refl, min_share_high=0.4, min_above_others=0.8)
    assert p.patterns[["kind", "dimension"]].values.tolist() == [["persistent_high", "ct_special"]]
    p = countertransference_profile(refl, include_positive=True)
    assert p.patterns[["client_id", "dimension", "value", "baseline"]].values.tolist() == [
        ["a", "ct_positive", 4.0, 1.0]]
    # 'high' moves the line: rated 1 or more in all five
    p = countertransference_profile(refl, high=1)
    assert p.patterns["detail"].tolist() == [
        "k1 rated ct_special 1 or more in 5 of 5 reflections about a (mean 1.8, against 0.0 with their other "
        "clients in the same months)"]


def test_persistent_high_compares_with_the_same_months():
    # the clinician's disengagement is high with everyone in the autumn: not about client "late"
    early = [check_ins("k1", c, start="2024-01-01", ct_disengaged=[0, 0, 1, 0]) for c in ("e1", "e2")]
    late = [check_ins("k1", c, start="2024-09-02", ct_disengaged=[3, 3, 4, 3]) for c in ("late", "l2")]
    assert countertransference_profile(frame(*early, *late)).patterns.empty
    # against all their clients it would have been 'clearly above'
    p = countertransference_profile(frame(*early, late[0]))
    assert p.patterns[["client_id", "value", "baseline"]].values.tolist() == [["late", 3.25, 0.25]]
    assert p.patterns["detail"].iloc[0].endswith("against 0.2 with their other clients)")


# --------------------------------------------------------------------------- shift_after_rupture
def _ruptured(kind_a="confrontation", kind_b="confrontation", a=(0, 0, 3, 2, 0, 0), b=(0, 3, 1, 0, 0)):
    return frame(check_ins("k1", "a", ruptures={3: kind_a}, ct_criticised=list(a)),
                 check_ins("k1", "b", ruptures={2: kind_b}, ct_criticised=list(b)))


def test_shift_after_rupture():
    pat = countertransference_profile(_ruptured()).patterns
    assert len(pat) == 1
    row = pat.iloc[0]
    # a: sessions 3 (rupture) and 4 against 1, 2, 5, 6; b: sessions 2 and 3 against 1, 4, 5
    assert row[["kind", "clinician_id", "group_column", "group", "dimension", "n", "n_baseline"]].tolist() == [
        "shift_after_rupture", "k1", "rupture", "confrontation", "ct_criticised", 4, 7]
    assert pd.isna(row["client_id"])
    assert row["value"] == pytest.approx(2.25) and row["baseline"] == 0.0
    assert row["detail"] == ("k1 rated ct_criticised 2.2 on average in the 4 reflections of 2 sessions with a "
                             "confrontation rupture and the session after (a, b), against 0.0 with the same clients "
                             "at sessions without a rupture")
    # the rupture session alone: the session after counts among the calm ones
    row = countertransference_profile(_ruptured(), after_sessions=0).patterns.iloc[0]
    assert row["n"] == 2 and row["value"] == 3.0
    assert row["baseline"] == pytest.approx((2 / 5 + 1 / 4) / 2)              # a: 0,0,2,0,0; b: 0,1,0,0


@pytest.mark.parametrize("data, kw", [
    (dict(kind_b="withdrawal"), {}),                          # one confrontation only (and one withdrawal)
    (dict(a=(0, 0, 1, 1, 0, 0), b=(0, 1, 0, 0, 0)), {}),       # 0.75 points more after ruptures: under 1
    (dict(), {"min_ruptures": 3}),
    (dict(), {"min_rupture_shift": 2.5}),
    (dict(), {"min_pair_baseline": 4}),                       # b has 3 calm reflections, a 4: only a is left
])
def test_shift_after_rupture_negative(data, kw):
    assert countertransference_profile(_ruptured(**data), **kw).patterns.empty


def test_shift_after_rupture_at_the_threshold():
    # one point more after ruptures is "at least one point"
    pat = countertransference_profile(_ruptured(a=(0, 0, 1, 1, 0, 0), b=(0, 1, 1, 0, 0))).patterns
    assert pat[["value", "baseline", "difference"]].values.tolist() == [[1.0, 0.0, 1.0]]


def test_shift_after_rupture_kinds_are_pooled_separately():
    refl = frame(check_ins("k1", "a", ruptures={2: "withdrawal", 5: "withdrawal"},
                           ct_helpless=[0, 3, 3, 0, 2, 2, 0, 1]))
    pat = countertransference_profile(refl).patterns
    # sessions 2, 3, 5, 6 against 1, 4, 7, 8
    assert pat[["group", "dimension", "value", "baseline", "n", "n_baseline"]].values.tolist() == [
        ["withdrawal", "ct_helpless", 2.5, 0.25, 4, 4]]


# --------------------------------------------------------------------------- differs_by_group
HIGH, LOW = [2, 3, 2, 3, 2, 3], [0, 1, 0, 1, 0, 1]


def _grouped(n_with=3, n_without=3, one_client=False):
    """Clients of k1 with (i0, i1, ...) and without (n0, n1, ...) an interpreter, six reflections each."""
    with_ = [HIGH] * n_with if not one_client else [[4] * 6] + [LOW] * (n_with - 1)
    parts = [check_ins("k1", f"i{j}", ct_helpless=r) for j, r in enumerate(with_)]
    parts += [check_ins("k1", f"n{j}", ct_helpless=LOW) for j in range(n_without)]
    clients = pd.DataFrame({"client_id": [f"i{j}" for j in range(n_with)] + [f"n{j}" for j in range(n_without)],
                            "interpreter": [True] * n_with + [False] * n_without})
    return frame(*parts), clients


def test_differs_by_group():
    refl, clients = _grouped()
    pat = countertransference_profile(refl, clients=clients, min_clinician_reflections=30).patterns
    assert len(pat) == 1
    row = pat.iloc[0]
    assert row[["kind", "clinician_id", "group_column", "group", "dimension", "n", "n_baseline"]].tolist() == [
        "differs_by_group", "k1", "interpreter", "true", "ct_helpless", 18, 18]
    assert row["value"] == 2.5 and row["baseline"] == 0.5 and row["difference"] == 2.0
    p = mannwhitneyu(HIGH * 3, LOW * 3, alternative="two-sided").pvalue
    assert row["p"] == pytest.approx(p)
    assert row["p_adjusted"] == pytest.approx(8 * p)       # eight dimensions compared; the other seven p = 1
    assert row["detail"] == ("k1 rated ct_helpless 2.5 on average with clients with interpreter = true "
                             "(18 reflections), against 0.5 with interpreter = false (18 reflections); "
                             "adjusted p < 0.001")


def test_differs_by_group_negative():
    refl, clients = _grouped(n_with=2)                       # two interpreter-mediated clients: not compared
    assert countertransference_profile(refl, clients=clients).patterns.empty
    assert len(countertransference_profile(refl, clients=clients, min_group_clients=2).patterns) == 1
    refl, clients = _grouped()                               # 36 reflections: below 40, the clinician is left out
    assert countertransference_profile(refl, clients=clients, min_clinician_reflections=40).patterns.empty
    assert countertransference_profile(refl, clients=clients, min_group_reflections=19).patterns.empty
    assert countertransference_profile(refl, clients=clients, min_group_difference=2.5).patterns.empty
    assert countertransference_profile(refl).patterns.empty                       # no clients table, no groups


def test_differs_by_group_not_one_clients_doing():
    # one interpreter-mediated client rated 4 every time, the other two like everyone else
    refl, clients = _grouped(one_client=True)
    pat = countertransference_profile(refl, clients=clients).patterns
    g = refl.assign(i=refl["client_id"].str.startswith("i"))
    means = g.groupby("i")["ct_helpless"].mean()
    assert means[True] - means[False] > 1.0                  # over a point apart, counting reflections ...
    assert pat["kind"].tolist() == ["persistent_high"]       # ... but it is client i0, not the group
    assert pat["client_id"].tolist() == ["i0"]


def test_differs_by_group_same_split_and_shadows():
    refl, clients = _grouped(n_with=4, n_without=4)
    clients["preferred_language"] = ["Tamil"] * 4 + ["English"] * 4            # the same split as interpreter
    clients["cultural_background"] = ["Tamil"] * 3 + ["Other"] * 5              # mostly the same clients
    pat = countertransference_profile(refl, clients=clients).patterns
    assert pat[["group_column", "group", "dimension"]].values.tolist() == [["interpreter", "true", "ct_helpless"]]
    p = mannwhitneyu(HIGH * 4, LOW * 4, alternative="two-sided").pvalue
    # the same split is one comparison, not two: 8 dimensions x (interpreter, cultural background) = 16 tests
    assert pat["p_adjusted"].iloc[0] == pytest.approx(16 * p)
    assert pat["detail"].iloc[0].endswith(
        "adjusted p < 0.001; preferred_language splits the clients the same way; it accounts for the "
        "differences by cultural_background = Tamil")
    # without the interpreter column, background is a pattern of its own
    pat = countertransference_profile(refl, clients=clients.drop(columns=["interpreter", "preferred_language"]))
    assert pat.patterns[["group_column", "group"]].values.tolist() == [["cultural_background", "Tamil"]]


def test_differs_by_group_lower_group_and_many_values():
    parts = [check_ins("k1", f"{g}{j}", ct_positive=[0, 1] * 3 if g == "x" else [2, 3] * 3)
             for g in "xyz" for j in range(3)]
    clients = pd.DataFrame({"client_id": [f"{g}{j}" for g in "xyz" for j in range(3)],
                            "case_type": [g for g in "xyz" for _ in range(3)]})
    pat = countertransference_profile(frame(*parts), clients=clients).patterns
    # x against y and z together: lower. y (and z) against the rest is 1 point higher, but only because x is
    # lower: within the clients other than x, y and z are alike
    assert pat[["group_column", "group", "dimension", "value", "baseline", "n", "n_baseline"]].values.tolist() == [
        ["case_type", "x", "ct_positive", 0.5, 2.5, 18, 36]]
    assert pat["detail"].iloc[0] == (
        "k1 rated ct_positive 0.5 on average with clients with case_type = x (18 reflections), against 2.5 with "
        "their other clients (36 reflections); adjusted p < 0.001; it accounts for the differences by "
        "case_type = y, case_type = z")


# --------------------------------------------------------------------------- rising_disengagement
def _rising(values, every_days=28):
    return frame(check_ins("k1", "a", every_days=every_days, ct_disengaged=values[::2]),
                 check_ins("k1", "b", start="2024-01-08", every_days=every_days, ct_disengaged=values[1::2]))


RISING = [0, 0, 1, 0, 1, 1, 0, 1, 1, 2, 1, 1, 2, 2, 1, 2, 2, 3, 2, 2, 3, 3, 2, 3]   # 24 ratings over 10 months


def test_rising_disengagement():
    refl = _rising(RISING)
    pat = countertransference_profile(refl).patterns
    assert pat["kind"].tolist() == ["rising_disengagement"]
    row = pat.iloc[0]
    t = refl.sort_values("created")
    years = ((t["created"] - t["created"].min()) / pd.Timedelta(days=365.25)).to_numpy()
    fit = linregress(years, t["ct_disengaged"].to_numpy(float))
    assert fit.slope > 2.5 and fit.pvalue < 1e-6
    assert row[["clinician_id", "dimension", "n"]].tolist() == ["k1", "ct_disengaged", 24]
    assert row["baseline"] == pytest.approx(fit.intercept)
    assert row["value"] == pytest.approx(fit.intercept + fit.slope * years.max())
    assert row["p"] == pytest.approx(fit.pvalue)
    assert row["start"] == pd.Timestamp("2024-01-01") and row["end"] == pd.Timestamp("2024-11-11")
    assert row["detail"] == (f"k1's ct_disengaged rose by {fit.slope:.1f} points a year over 10 months "
                             f"(2024-01 to 2024-11; fitted {fit.intercept:.1f} to {row['value']:.1f}, 24 ratings, "
                             "p < 0.001)")


@pytest.mark.parametrize("values, every_days, kw", [
    (sorted(RISING, reverse=True), 28, {}),                 # falling
    ([1, 2] * 12, 28, {}),                                   # flat
    (RISING[:18], 28, {}),                                   # 18 ratings: too few
    (RISING, 14, {}),                                        # 24 ratings within five months: too short
    (RISING, 28, {"min_rise_per_year": 4.0}),
    (RISING, 28, {"trend_alpha": 1e-9}),
])
def test_rising_disengagement_negative(values, every_days, kw):
    assert "rising_disengagement" not in kinds(countertransference_profile(_rising(values, every_days), **kw))


def test_a_rise_over_time_is_not_a_group_difference():
    # the clients seen later are the interpreter-mediated ones: disengagement rose with time, not with them
    early = [check_ins("k1", f"n{j}", start=f"2024-0{1 + j}-01", ct_disengaged=[0, 0, 1, 0, 1, 1])
             for j in range(3)]
    late = [check_ins("k1", f"i{j}", start=f"2024-0{6 + j}-01", ct_disengaged=[2, 2, 3, 2, 3, 3])
            for j in range(3)]
    clients = pd.DataFrame({"client_id": ["n0", "n1", "n2", "i0", "i1", "i2"],
                            "interpreter": [False] * 3 + [True] * 3})
    pat = countertransference_profile(frame(*early, *late), clients=clients).patterns
    assert pat["kind"].tolist() == ["rising_disengagement"]
    assert pat["detail"].iloc[0].endswith("; it accounts for the differences by interpreter = true")


# --------------------------------------------------------------------------- latest_check_in
def test_latest_check_in(demo_data):
    refl = frame(check_ins("k1", "a", ct_criticised=[0, 3, 4], ct_helpless=[4, 1, 3], ct_positive=[3, 3, 1]),
                 check_ins("k2", "a", first_session=9, ct_overwhelmed=[4]))
    assert latest_check_in(refl, "a") == {"ct_overwhelmed": 4}                       # session 9, another clinician
    assert latest_check_in(refl, "a", clinician_id="k1") == {"ct_criticised": 4, "ct_helpless": 3}
    assert list(latest_check_in(refl, "a", clinician_id="k1")) == ["ct_criticised", "ct_helpless"]
    assert latest_check_in(refl, "a", 1) == {"ct_helpless": 4, "ct_positive": 3}
    assert latest_check_in(refl, "a", 2, high=4) == {}
    assert latest_check_in(refl, "a", 7) == {} and latest_check_in(refl, "nobody") == {}
    # two reflections on one session: the one written last
    again = frame(check_ins("k1", "a", first_session=3, start="2024-02-01", ct_parental=[3]))
    assert latest_check_in(pd.concat([refl, again]), "a", 3) == {"ct_parental": 3}
    # a dataset works too, with types as loaded
    latest = latest_check_in(demo_data, "c064")
    assert set(latest) <= set(DIMS) and all(isinstance(v, int) and v >= 3 for v in latest.values())


# --------------------------------------------------------------------------- the demo's planted patterns
def _key(kind, clinician, client, group_column, group, dimension):
    text = lambda v: "" if pd.isna(v) else str(v)               # noqa: E731
    return kind, clinician, text(client), text(group_column), text(group), dimension


def test_demo_profile_finds_exactly_the_planted_patterns(demo_data):
    ds = demo_data
    truth = pd.read_csv(rl.demo.data_path() / "truth_ct.csv", dtype=str, keep_default_na=False)
    assert set(truth["kind"]) == {"persistent_high", "shift_after_rupture", "differs_by_group",
                                  "rising_disengagement"}
    planted = {_key(*r) for r in truth.itertuples(index=False)}
    pat = countertransference_profile(ds).patterns
    found = {_key(*r) for r in pat[["kind", "clinician_id", "client_id", "group_column", "group",
                                    "dimension"]].itertuples(index=False)}
    assert planted - found == set(), "planted but not found"
    assert found - planted == set(), "found but not planted"
    assert len(pat) == len(truth)
    # texts say ids, numbers and dimension names, never reflection text
    texts = set(ds.reflections["text"].dropna())
    assert not any(d in texts or any(len(t) > 20 and t[:20] in d for t in texts) for d in pat["detail"])
    special = pat[pat["kind"] == "persistent_high"].iloc[0]
    assert special["value"] - special["baseline"] > 2.5
    # the planted group difference is the interpreter one, and the language split is the same split
    group = pat[pat["kind"] == "differs_by_group"].iloc[0]
    assert "preferred_language splits the clients the same way" in group["detail"]
    assert countertransference_profile(ds, "interpreter", clinician_id="clin04").table.set_index(
        ["group", "dimension"]).loc[("true", "ct_helpless"), "mean"] > 2.0
