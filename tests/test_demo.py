"""Tests of the synthetic demo data set (rapportlib.demo) and of the committed copy in data/demo/."""

from __future__ import annotations

import json
import re
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
import yaml

from rapportlib import demo

ROOT = Path(__file__).parents[1]
DEMO_DIR = ROOT / "data" / "demo"
FILES = ["sessions.csv", "clients.csv", "reflections.jsonl", "dataset.yaml",
         "truth_ruptures.csv", "truth_language.csv", "truth_ct.csv", "README.md"]
SRS = [f"srs_{i}" for i in range(1, 5)]
ORS = [f"ors_{i}" for i in range(1, 5)]
WAI_SR = [f"wai_sr_{i}" for i in range(1, 13)]
WAI_SRT = [f"wai_srt_{i}" for i in range(1, 13)]
CATEGORIES = {"credibility", "difficult_label", "blame", "stereotyping", "authoritarian", "identity_first"}


# --------------------------------------------------------------------------- fixtures
def _read_csv(name: str) -> pd.DataFrame:
    return pd.read_csv(DEMO_DIR / name, keep_default_na=False, na_values=[""], dtype={"client_id": str})


@pytest.fixture(scope="module")
def sessions() -> pd.DataFrame:
    return _read_csv("sessions.csv")


@pytest.fixture(scope="module")
def clients() -> pd.DataFrame:
    return _read_csv("clients.csv")


@pytest.fixture(scope="module")
def reflections() -> pd.DataFrame:
    lines = (DEMO_DIR / "reflections.jsonl").read_text(encoding="utf-8").splitlines()
    return pd.DataFrame([json.loads(line) for line in lines])


@pytest.fixture(scope="module")
def meta() -> dict:
    return yaml.safe_load((DEMO_DIR / "dataset.yaml").read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def truth_ruptures() -> pd.DataFrame:
    return _read_csv("truth_ruptures.csv")


@pytest.fixture(scope="module")
def truth_language() -> pd.DataFrame:
    return _read_csv("truth_language.csv")


@pytest.fixture(scope="module")
def truth_ct() -> pd.DataFrame:
    return pd.read_csv(DEMO_DIR / "truth_ct.csv", dtype=str, keep_default_na=False)


@pytest.fixture(scope="module")
def schema() -> dict:
    return yaml.safe_load((ROOT / "data" / "schema" / "tables.yaml").read_text(encoding="utf-8"))


# --------------------------------------------------------------------------- reproducibility and API
def test_regenerates_committed_files_byte_for_byte(tmp_path):
    out = demo.write(tmp_path / "demo")
    assert out == tmp_path / "demo"
    assert sorted(p.name for p in out.iterdir()) == sorted(FILES)
    for name in FILES:
        assert (out / name).read_bytes() == (DEMO_DIR / name).read_bytes(), f"{name} differs from data/demo"


def test_files_are_plain_utf8_with_lf_endings():
    for name in FILES:
        data = (DEMO_DIR / name).read_bytes()
        assert b"\r" not in data, name
        assert data.endswith(b"\n"), name
        data.decode("utf-8")


def test_generate_api():
    assert demo.DEFAULT_SEED == 20261123
    data = demo.generate(7)
    assert isinstance(data, demo.DemoData)
    for frame in (data.sessions, data.clients, data.reflections, data.truth_ruptures, data.truth_language,
                  data.truth_ct):
        assert isinstance(frame, pd.DataFrame) and len(frame) > 0
    assert data.meta["seed"] == 7 and data.meta["synthetic"] is True
    again = demo.generate(7)
    pd.testing.assert_frame_equal(data.sessions, again.sessions)
    pd.testing.assert_frame_equal(data.reflections.drop(columns="techniques"),
                                  again.reflections.drop(columns="techniques"))
    other = demo.generate(8)
    assert not data.sessions[["srs_total"]].equals(other.sessions[["srs_total"]])


# --------------------------------------------------------------------------- meta
def test_dataset_yaml(meta):
    assert meta["synthetic"] is True
    assert "SYNTHETIC" in meta["description"]
    assert meta["generator"] == "rapportlib.demo"
    assert meta["seed"] == demo.DEFAULT_SEED
    assert meta["files"] == {"sessions": "sessions.csv", "clients": "clients.csv", "reflections": "reflections.jsonl"}
    assert meta["instruments"] == {"srs": "3.0", "ors": "3.0", "wai_sr": "2006", "wai_srt": "2006"}
    assert meta["anonymisation"]["status"] == "synthetic"
    assert meta["ground_truth"] == {"ruptures": "truth_ruptures.csv", "language": "truth_language.csv",
                                    "countertransference": "truth_ct.csv"}
    roles = {c["clinician_id"]: c["role"] for c in meta["clinicians"]}
    assert 5 <= len(roles) <= 8
    assert list(roles.values()).count("trainee") == 1
    assert set(roles.values()) <= {"trainee", "licensed"}
    assert any(demo.OVER_RATER in p and "interpreter" in p for p in meta["planted"])
    readme = (DEMO_DIR / "README.md").read_text(encoding="utf-8")
    assert "synthetic" in readme.lower() and "rapportlib.demo.write" in readme


# --------------------------------------------------------------------------- tables and counts
def test_columns_follow_the_schema(sessions, clients, reflections, schema):
    assert list(sessions.columns) == (list(schema["sessions"]["columns"]) + SRS + ["srs_total"] + ORS
                                      + ["ors_total"] + WAI_SR + WAI_SRT)
    assert list(clients.columns) == list(schema["clients"]["columns"])
    assert set(reflections.columns) == set(schema["reflections"]["columns"])
    first = json.loads((DEMO_DIR / "reflections.jsonl").read_text(encoding="utf-8").splitlines()[0])
    assert list(first) == sorted(first)


def test_counts(sessions, clients, reflections, meta):
    assert 60 <= len(clients) <= 90
    assert clients["client_id"].str.fullmatch(r"c\d{3}").all()
    assert set(clients["clinician_id"]) == {c["clinician_id"] for c in meta["clinicians"]}
    n = sessions[sessions["session"] >= 1].groupby("client_id").size()
    case = clients.set_index("client_id")["case_type"]
    assert set(case) == {"therapy", "immigration_evaluation"}
    assert n[case[case == "therapy"].index].between(4, 24).all()
    assert n[case[case == "immigration_evaluation"].index].between(2, 3).all()
    # consecutive session numbers 0..N per client, keys unique
    for cid, group in sessions.groupby("client_id"):
        assert list(group["session"]) == list(range(len(group))), cid
    assert not sessions.duplicated(["client_id", "session"]).any()
    # 60-75 % of sessions >= 1 have a reflection
    about = reflections[reflections["client_id"].notna()]
    share = len(about) / (sessions["session"] >= 1).sum()
    assert 0.60 <= share <= 0.75
    assert not about.duplicated(["client_id", "session"]).any()
    assert reflections["reflection_id"].is_unique


def test_clients_are_varied(clients):
    languages = set(clients["preferred_language"])
    assert {"English", "Spanish", "Tamil"} <= languages and len(languages) >= 5
    assert clients["cultural_background"].nunique() >= 6
    assert clients["interpreter"].dtype == bool
    assert clients["interpreter"].sum() >= 8
    assert not clients.loc[clients["interpreter"], "preferred_language"].eq("English").any()
    assert (clients["case_type"] == "immigration_evaluation").sum() >= 5
    assert clients["gender"].nunique() >= 3 and clients["age_band"].nunique() >= 4


def test_intake_is_ors_only(sessions):
    intake = sessions[sessions["session"] == 0]
    assert intake[SRS + ["srs_total"] + WAI_SR + WAI_SRT].isna().all().all()
    assert intake[ORS + ["ors_total"]].notna().all().all()
    later = sessions[sessions["session"] >= 1]
    assert later[["srs_total", "ors_total"] + ORS].notna().all().all()
    # missing values are rare
    assert later[WAI_SR + WAI_SRT + SRS].isna().mean().max() < 0.05


def test_item_ranges_and_totals(sessions):
    for cols, total in ((SRS, "srs_total"), (ORS, "ors_total")):
        items = sessions[cols]
        assert ((items >= 0) & (items <= 10) | items.isna()).all().all()
        assert np.allclose(items.stack().dropna() * 10, np.round(items.stack().dropna() * 10))          # one decimal
        complete = items.notna().all(axis=1)
        assert np.allclose(items[complete].sum(axis=1).round(1), sessions.loc[complete, total])
        assert sessions[total].dropna().between(0, 40).all()
    wai = sessions[WAI_SR + WAI_SRT].stack().dropna()
    assert wai.between(1, 5).all() and (wai == wai.round()).all()
    raw = (DEMO_DIR / "sessions.csv").read_text(encoding="utf-8").splitlines()[1:]
    for line in raw[:50]:
        cells = line.split(",")
        assert all(c == "" or re.fullmatch(r"\d+\.\d", c) for c in cells[4:14])
        assert all(c == "" or re.fullmatch(r"[1-5]", c) for c in cells[14:])


def test_dates_are_synthetic_weekly_and_ordered(sessions, reflections):
    dates = pd.to_datetime(sessions["date"], format="%Y-%m-%d")
    assert dates.min().year >= 2001 and dates.max().year <= 2004
    for _, group in sessions.assign(d=dates).groupby("client_id"):
        gaps = group["d"].diff().dropna().dt.days
        assert (gaps > 0).all()
    assert pd.to_datetime(reflections["created"], format="ISO8601").notna().all()


# --------------------------------------------------------------------------- planted ruptures
def test_truth_ruptures_are_visible(sessions, clients, truth_ruptures):
    therapy = (clients["case_type"] == "therapy").sum()
    assert 0.20 <= len(truth_ruptures) / therapy <= 0.30
    assert set(truth_ruptures["pattern"]) == {"v", "decline_repair", "unrepaired"}
    srs = sessions.set_index(["client_id", "session"])["srs_total"]
    for row in truth_ruptures.itertuples():
        series = srs.loc[row.client_id]
        pre, drop = series[row.pre_session], series[row.drop_session]
        assert pre - drop == pytest.approx(row.size, abs=0.051)
        assert 6.0 <= row.size <= 15.0
        # clearly beyond the client's own session-to-session noise outside the rupture
        end = row.repaired_session if not pd.isna(row.repaired_session) else series.index.max() + 1
        calm = series[(series.index < row.pre_session) | (series.index >= end)].dropna()
        noise = calm.diff().abs()[calm.index.to_series().diff() == 1]
        if len(noise) >= 3:
            assert row.size > 2 * 2 * noise.std(), row.client_id
        if row.pattern == "unrepaired":
            assert pd.isna(row.repaired_session)
            assert (series[series.index > row.drop_session] <= pre - 4).all()
        else:
            rep = int(row.repaired_session)
            assert series[rep] >= pre - 2
            if row.pattern == "v":
                assert row.drop_session == row.pre_session + 1 and 1 <= rep - row.drop_session <= 3
            else:
                assert 2 <= row.drop_session - row.pre_session <= 3 and rep == row.drop_session + 1
                steps = np.diff(series[row.pre_session:row.drop_session + 1].to_numpy())
                assert (steps < 0).all()


def test_wai_follows_the_rupture(sessions, truth_ruptures):
    by = sessions.set_index(["client_id", "session"])
    wai = by[WAI_SR].mean(axis=1)
    drops = [wai[(r.client_id, r.pre_session)] - wai[(r.client_id, r.drop_session)]
             for r in truth_ruptures.itertuples()]
    assert np.mean(drops) > 0.6


def test_reflections_notice_most_ruptures(reflections, truth_ruptures):
    keyed = reflections.dropna(subset=["client_id"]).set_index(["client_id", "session"])
    seen = [keyed.loc[(r.client_id, r.drop_session), "rupture"]
            for r in truth_ruptures.itertuples() if (r.client_id, r.drop_session) in keyed.index]
    assert len(seen) >= 0.7 * len(truth_ruptures)
    assert sum(s != "none" for s in seen) >= 0.7 * len(seen)
    others = keyed[~keyed.index.isin(list(zip(truth_ruptures["client_id"], truth_ruptures["drop_session"])))]
    assert (others["rupture"] != "none").mean() < 0.1


# --------------------------------------------------------------------------- planted over-rating
def test_over_rater_gap(sessions, clients, reflections):
    s = sessions[sessions["session"] >= 1].copy()
    s["gap"] = s[WAI_SRT].mean(axis=1) - s[WAI_SR].mean(axis=1)
    s["interpreter"] = s["client_id"].map(clients.set_index("client_id")["interpreter"])
    gaps = s.dropna(subset=["gap"]).groupby(["clinician_id", "interpreter"])["gap"].mean().unstack()
    over = demo.OVER_RATER
    assert gaps.loc[over, True] - gaps.loc[over, False] > 0.4
    others = gaps.drop(index=over)
    assert gaps.loc[over, True] - others.max().max() > 0.35
    assert others.abs().max().max() < 0.3                   # other clinicians track their clients
    # the clinician's own 0-10 rating in reflections shows the same bias
    r = reflections.dropna(subset=["client_id"]).merge(sessions[["client_id", "session", "srs_total"]],
                                                         on=["client_id", "session"])
    r["diff"] = r["clinician_alliance"] - r["srs_total"] / 4
    flagged = (r["clinician_id"] == over) & r["interpreter"].astype(bool)
    assert r.loc[flagged, "diff"].mean() - r.loc[~flagged, "diff"].mean() > 0.5


# --------------------------------------------------------------------------- reflections and planted language
def test_reflection_fields(reflections):
    about = reflections[reflections["client_id"].notna()]
    assert set(about["rupture"]) <= {"none", "withdrawal", "confrontation"}
    assert about["repair_attempted"].map(type).eq(bool).all()
    assert about["interpreter"].map(type).eq(bool).all()
    for col in [c for c in reflections.columns if c.startswith("ct_")]:
        assert reflections[col].between(0, 4).all() and (reflections[col] == reflections[col].round()).all()
    assert about["clinician_alliance"].between(0, 10).all()
    known = set(demo.TECHNIQUES)
    assert len(known) == 20
    assert all(isinstance(t, list) and set(t) <= known for t in reflections["techniques"])
    assert about["techniques"].map(len).ge(1).all()
    assert about["text"].str.len().gt(80).all()
    # varied composition: many distinct sentences
    sentences = {s for t in reflections["text"] for s in re.split(r"(?<=[.!?])\s+", t)}
    assert len(sentences) >= 150


def test_truth_language(reflections, truth_language):
    about = reflections[reflections["client_id"].notna()]
    share = truth_language["reflection_id"].nunique() / len(about)
    assert 0.08 <= share <= 0.12
    assert set(truth_language["category"]) <= CATEGORIES
    assert truth_language["category"].nunique() >= 5
    text = reflections.set_index("reflection_id")["text"]
    for row in truth_language.itertuples():
        assert row.term in text[row.reflection_id], (row.reflection_id, row.term)
    # innocent near-miss sentences exist for precision checks
    clean = text.drop(index=truth_language["reflection_id"])
    assert clean.str.contains("no signs of agitation").any()
    assert clean.str.contains("not aggressive").any()


def test_texts_hold_no_names_places_or_numbers(reflections, clients):
    allowed = {"I", "SRS", "ORS", "WAI"} | set(clients["preferred_language"])
    for text in reflections["text"]:
        assert not re.search(r"\d", text), text              # no dates, phone numbers, house numbers
        for sentence in re.split(r"(?<=[.!?])\s+", text):
            words = re.findall(r"[A-Za-z][A-Za-z'-]*", sentence)
            for word in words[1:]:
                assert not word[0].isupper() or word in allowed, (word, text)


# --------------------------------------------------------------------------- presentation
def test_presentation(clients, schema):
    spec = schema["clients"]["columns"]["presentation"]
    assert spec["type"] == "category" and spec["values"] == ["anxious", "mistrustful", "low_engagement"]
    counts = clients["presentation"].fillna("").value_counts()
    n = len(clients)
    assert counts.to_dict() == {"": round(n * 0.35) + (n - sum(round(n * x) for x in (0.25, 0.2, 0.2, 0.35))),
                                "anxious": round(n * 0.25), "mistrustful": round(n * 0.2),
                                "low_engagement": round(n * 0.2)}
    raw = (DEMO_DIR / "clients.csv").read_text(encoding="utf-8").splitlines()
    assert raw[0].endswith(",presentation") and any(line.endswith(",") for line in raw[1:])   # empty: not assessed


# --------------------------------------------------------------------------- planted countertransference
def test_truth_ct(truth_ct):
    assert list(truth_ct.columns) == ["kind", "clinician_id", "client_id", "group_column", "group_value", "dimension"]
    rows = {tuple(r) for r in truth_ct.itertuples(index=False)}
    special = truth_ct[truth_ct["kind"] == "persistent_high"]
    assert len(special) == 1 and special["clinician_id"].iloc[0] == demo.CT_SPECIAL_CLINICIAN
    assert ("differs_by_group", demo.CT_HELPLESS_CLINICIAN, "", "interpreter", "true", "ct_helpless") in rows
    assert ("rising_disengagement", demo.CT_RISING_CLINICIAN, "", "", "", "ct_disengaged") in rows
    shifts = truth_ct[truth_ct["kind"] == "shift_after_rupture"]
    assert (shifts["group_column"] == "rupture").all() and (shifts["client_id"] == "").all()
    assert len(shifts[shifts["dimension"] == "ct_criticised"]) >= 2


def test_planted_countertransference(reflections, clients, truth_ct):
    about = reflections[reflections["client_id"].notna()]
    special = truth_ct[truth_ct["kind"] == "persistent_high"].iloc[0]
    mine = about[about["clinician_id"] == special["clinician_id"]]
    own = mine[mine["client_id"] == special["client_id"]]
    others = mine[mine["client_id"] != special["client_id"]]
    assert len(own) >= 8 and (own["ct_special"] >= 3).mean() >= 0.7
    assert own["ct_special"].mean() - others["ct_special"].mean() > 2
    # the text names the feeling the check-in rates highest
    sentences = [s for s in demo.FEELINGS["ct_special"]]
    assert sum(any(x in t for x in sentences) for t in own["text"]) >= len(own) / 2
    # helpless with interpreter-mediated clients
    helpless = about[about["clinician_id"] == demo.CT_HELPLESS_CLINICIAN]
    interp = helpless["client_id"].map(clients.set_index("client_id")["interpreter"])
    assert helpless.loc[interp, "ct_helpless"].mean() - helpless.loc[~interp, "ct_helpless"].mean() > 1.0
    # disengagement rising over the months
    rising = reflections[reflections["clinician_id"] == demo.CT_RISING_CLINICIAN]
    years = pd.to_datetime(rising["created"]).dt.year
    by_year = rising.groupby(years)["ct_disengaged"].mean()
    assert by_year.is_monotonic_increasing and by_year.iloc[-1] - by_year.iloc[0] > 1.0
    rest = reflections[reflections["clinician_id"] != demo.CT_RISING_CLINICIAN]
    assert rest["ct_disengaged"].mean() < 0.8


def test_planted_countertransference_leaves_the_rest_alone(monkeypatch):
    # the plants draw from their own random streams: without them, everything else comes out the same
    planted = demo.generate()
    monkeypatch.setattr(demo, "_ct_planted", lambda seed, key, ct, *args: dict(ct))
    plain = demo.generate()
    for name in ("sessions", "truth_ruptures", "truth_language"):
        pd.testing.assert_frame_equal(getattr(plain, name), getattr(planted, name))
    pd.testing.assert_frame_equal(plain.clients, planted.clients)
    same = [c for c in planted.reflections.columns if not c.startswith("ct_") and c != "text"]
    pd.testing.assert_frame_equal(plain.reflections[same], planted.reflections[same])
    changed = {c for c in demo.CT_COLUMNS if not plain.reflections[c].equals(planted.reflections[c])}
    assert changed == {"ct_special", "ct_helpless", "ct_disengaged"}
    # a reflection's text changes only where the feeling it names follows a planted rating
    differs = plain.reflections["text"] != planted.reflections["text"]
    assert 0 < differs.sum() < 0.15 * len(differs)
    ct_moved = (plain.reflections[list(changed)] != planted.reflections[list(changed)]).any(axis=1)
    assert not (differs & ~ct_moved).any()
