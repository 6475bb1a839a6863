"""The language scan: the shipped lexicon, the matching rules (inflections, hyphens, negation, quotes,
context), precision and recall on the labelled sentences, and what a broken lexicon file says."""

from __future__ import annotations

import json
from pathlib import Path

import pandas as pd
import pytest

import rapportlib
from rapportlib.errors import DataError
from rapportlib.language import (
    FINDING_COLUMNS,
    find_language,
    load_language_lexicon,
    parse_marked,
    scan_language,
    score_language,
)

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT / "tests" / "data"
SEEDS = ROOT.parent / "shared" / "seeds"

MINI = """
kind: language_lexicon
version: 1
sources: {t: "A test source."}
categories:
  credibility: {label: {en: Doubting the account}, why: {en: Doubt.}, sources: [t]}
  difficult_label: {label: {en: Difficult-client label}, why: {en: Label.}, sources: [t]}
  blame: {label: {en: Blame}, why: {en: Blame.}, sources: [t]}
  stereotyping: {label: {en: Stereotyping}, why: {en: Stereo.}, sources: [t]}
  authoritarian: {label: {en: One-sided}, why: {en: Auth.}, sources: [t]}
  identity_first: {label: {en: Identity-first}, why: {en: Id.}, sources: [t]}
entries:
  - {id: claim, lang: en, category: credibility, terms: [claim], inflect: verb, alternatives: {en: [says]},
     sources: [t], not_preceded_by: [insurance, benefit, an, the, her, his]}
  - {id: noncompliant, lang: en, category: blame, terms: [non-compliant], alternatives: {en: [not taking]},
     sources: [t]}
  - {id: fail_to, lang: en, category: blame, terms: [fail to], inflect: verb, alternatives: {en: [did not]},
     sources: [t]}
  - {id: addict, lang: en, category: identity_first, terms: [addict], inflect: noun,
     alternatives: {en: [person with a substance use disorder]}, sources: [t]}
  - {id: clean, lang: en, category: identity_first, terms: [clean, dirty], alternatives: {en: [negative, positive]},
     sources: [t], only_near: [urine, screen*, test*, tox*]}
  - {id: agitated, lang: en, category: difficult_label, terms: [agitated, agitation], alternatives: {en: [describe]},
     sources: [t]}
  - {id: deny, lang: en, category: credibility, terms: [deny], inflect: verb, alternatives: {en: [says no]},
     sources: [t], not_followed_by: [si, hi, suicid*, hallucinat*]}
  - {id: they_all, lang: en, category: stereotyping, terms: [they all], alternatives: {en: [name the person]},
     sources: [t]}
  - {id: es.agresivo, lang: es, category: difficult_label, terms: [agresivo, agresiva], alternatives: {es: [describir]},
     sources: [t]}
"""


@pytest.fixture
def mini(tmp_path):
    """A small lexicon on its own (the shipped one plus these entries would test the shipped one)."""
    from rapportlib.language import _compile

    p = tmp_path / "mini.yaml"
    p.write_text(MINI, encoding="utf-8")
    return _compile((str(p),))


def terms(text, rules):
    return [(text[a:b], e.id) for a, b, e in find_language(text, rules)]


# --------------------------------------------------------------------------- matching rules
def test_inflections_hyphens_and_case(mini):
    assert terms("He claims he took every dose; she claimed otherwise. Claiming is not lying.", mini) == [
        ("claims", "claim"), ("claimed", "claim"), ("Claiming", "claim")]
    assert terms("Pt noncompliant; NON-COMPLIANT again, non compliant since May.", mini) == [
        ("noncompliant", "noncompliant"), ("NON-COMPLIANT", "noncompliant"), ("non compliant", "noncompliant")]
    assert terms("He failed to attend and fails  to call.", mini) == [("failed to", "fail_to"),
                                                                      ("fails  to", "fail_to")]
    assert terms("Two addicts and one addict.", mini) == [("addicts", "addict"), ("addict", "addict")]


def test_whole_words_only(mini):
    assert terms("The reclaimed land; addictive games; unclean hands.", mini) == []


def test_negated_uses_are_skipped(mini):
    assert terms("No signs of agitation. She was not agitated. Never agitated, without agitation.", mini) == []
    assert terms("He wasn't agitated today.", mini) == []
    assert terms("No estaba agresivo. Nunca agresiva.", mini) == []
    # negation ends at the clause: a later label in another clause is found
    assert terms("She was not late, and was agitated.", mini) == [("agitated", "agitated")]
    assert terms("He was not on time but agitated.", mini) == [("agitated", "agitated")]
    assert terms("Era agresiva.", mini) == [("agresiva", "es.agresivo")]


def test_quoted_words_are_the_clients_own(mini):
    for text in ['She said "I am an addict and always will be."', "He called himself 'an addict' at first.",
                 "Ella dijo «soy agresiva».", "He wrote “they all hate me” on the form.",
                 "He said ‘I’m an addict’ twice."]:
        assert terms(text, mini) == [], text
    # an apostrophe is not a quotation mark
    assert terms("The client's brother is an addict, the clients' father says.", mini) == [("addict", "addict")]


def test_context_rules(mini):
    assert terms("Her insurance claims were late. The claim was paid.", mini) == []
    assert terms("Urine screen was clean. Clean clothes today; dirty dishes at home.", mini) == [("clean", "clean")]
    assert terms("A dirty tox screen.", mini) == [("dirty", "clean")]
    assert terms("Denies SI/HI. Denies suicidal ideation. Denies drinking.", mini) == [("Denies", "deny")]


def test_overlaps_keep_the_longest(tmp_path):
    from rapportlib.language import _compile

    p = tmp_path / "lex.yaml"
    p.write_text(MINI + "  - {id: drug_addict, lang: en, category: identity_first, terms: [drug addict], "
                        "inflect: noun,\n     alternatives: {en: [person who uses drugs]}, sources: [t]}\n",
                 encoding="utf-8")
    rules = _compile((str(p),))
    assert terms("He is a drug addict.", rules) == [("drug addict", "drug_addict")]


def test_scan_language_frame_and_inputs(mini):
    refl = pd.DataFrame({"reflection_id": ["r1", "r2", "r3"], "client_id": ["c1", "c2", None],
                         "clinician_id": ["k1", "k1", "k2"], "session": pd.array([3, 4, None], dtype="Int64"),
                         "text": ["He claims he is fine. No agitation.", None, "They all came late. Pt was agitated."]})
    out = scan_language(refl, rules=mini)
    assert list(out.columns) == FINDING_COLUMNS
    assert list(zip(out["reflection_id"], out["term"], out["category"])) == [
        ("r1", "claims", "credibility"), ("r3", "They all", "stereotyping"), ("r3", "agitated", "difficult_label")]
    first = out.iloc[0]
    assert (first["start"], first["end"]) == (3, 9) and first["alternatives"] == ["says"]
    assert first["context"] == "He claims he is fine." and first["category_label"] == "Doubting the account"
    assert out["session"].dtype == "Int64" and out.iloc[0]["session"] == 3
    # one text, a list, a Series
    assert list(scan_language("He claims so.", rules=mini)["term"]) == ["claims"]
    assert len(scan_language(["a", "he claims"], rules=mini)) == 1
    assert scan_language(pd.Series([], dtype="string"), rules=mini).empty
    with pytest.raises(ValueError, match="'note'"):
        scan_language(refl, rules=mini, text_col="note")


# --------------------------------------------------------------------------- the lexicon file
def test_the_shipped_lexicon_loads_and_covers_every_category():
    rules = load_language_lexicon()
    cats = {e.category for e in rules.entries}
    assert cats == {"credibility", "difficult_label", "blame", "stereotyping", "authoritarian", "identity_first"}
    assert {e.lang for e in rules.entries} == {"en", "es"}
    for e in rules.entries:
        assert e.alternatives.get(e.lang), e.id
        assert rules.sources(e), e.id
        assert rules.why(e), e.id
    assert load_language_lexicon() is rules                 # compiled once


def test_a_programme_can_add_and_override_entries(tmp_path):
    extra = tmp_path / "ours.yaml"
    extra.write_text("""
kind: language_lexicon
sources: {local: "Our programme's style guide."}
entries:
  - {id: ours.frequent_attender, lang: en, category: difficult_label, terms: [frequent attender], inflect: noun,
     alternatives: {en: [a client who comes often]}, sources: [local]}
""", encoding="utf-8")
    text = "A frequent attender at the clinic."
    assert find_language(text) == []
    rules = load_language_lexicon(extra)
    assert [(text[a:b], e.id) for a, b, e in find_language(text, rules)] == [
        ("frequent attender", "ours.frequent_attender")]
    assert len(rules.entries) == len(load_language_lexicon().entries) + 1


def test_a_broken_lexicon_names_the_file_entry_and_field(tmp_path):
    bad = tmp_path / "bad.yaml"
    bad.write_text("""
kind: language_lexicon
sources: {t: "x"}
entries:
  - {id: Bad Id, lang: en, category: credibility, terms: [Claims], alternatives: {en: [says]}, sources: [nowhere]}
""", encoding="utf-8")
    with pytest.raises(DataError) as exc:
        load_language_lexicon(bad)
    msg = str(exc.value)
    assert "bad.yaml" in msg and "entries.0.id" in msg and "entries.0.terms" in msg and "lower case" in msg


# --------------------------------------------------------------------------- measured
def _records(name):
    path = DATA / f"language_{name}.jsonl"
    return [json.loads(x) for x in path.read_text(encoding="utf-8").splitlines() if x.strip()]


def test_parse_marked_round_trips():
    text, spans = parse_marked("He [[credibility:claims]] that [[blame:failed to]] come.")
    assert text == "He claims that failed to come."
    assert [(text[a:b], c) for a, b, c in spans] == [("claims", "credibility"), ("failed to", "blame")]


@pytest.mark.parametrize("name", ["dev", "test"])
def test_precision_and_recall_on_the_labelled_sentences(name):
    """Targets of the issue: precision and recall at least 0.9 each. ``dev`` was used to tune the lexicon;
    ``test`` was written blind to it and is the held-out measure (see tests/data/language_README.md)."""
    score = score_language(_records(name))
    assert score["gold"] >= 150 and score["predicted"] > 0
    assert score["precision"] >= 0.9, score["false_positives"][:10]
    assert score["recall"] >= 0.9, score["misses"][:10]


def test_the_demo_data_planted_phrases_are_found_and_its_decoys_are_not():
    ds = rapportlib.load(rapportlib.demo.data_path())
    truth = pd.read_csv(rapportlib.demo.data_path() / "truth_language.csv")
    found = scan_language(ds)
    hit = {(r, c) for r, c in zip(found["reflection_id"], found["category"])}
    recall = sum((r, c) in hit for r, c in zip(truth["reflection_id"], truth["category"])) / len(truth)
    extra = found[~found["reflection_id"].isin(truth["reflection_id"])]
    assert recall >= 0.95, recall
    assert len(extra) <= 0.05 * len(found), extra[["reflection_id", "term"]].to_string()


def test_no_findings_on_the_source_articles_except_where_they_discuss_such_words():
    if not SEEDS.is_dir():
        pytest.skip("../shared/seeds is not beside this clone (it ships with the project's CI only)")
    texts = {p.name: p.read_text(encoding="utf-8") for p in sorted(SEEDS.glob("*.txt"))}
    found = {name: [(text[a:b], e.id) for a, b, e in find_language(text)] for name, text in texts.items()}
    assert found["000_e353b3371ffd3356.txt"] == []
    assert found["001_dfcc950327729ba1.txt"] == []
    # 002 discusses stereotyping itself ("avoid stereotyping or reducing individuals to their membership in a
    # group"): nothing else may be flagged there
    assert all("stereotyp" in t.lower() for t, _ in found["002_f0e28386d7499994.txt"]), found


def test_stigmatising_language_raises_its_prompt_trigger():
    from rapportlib.prompts import reflection_triggers

    trig = {t.id: t for t in reflection_triggers({"text": "He is noncompliant and claims he forgot."})}
    assert "stigmatising_language" in trig
    assert "noncompliant" in trig["stigmatising_language"].detail
    assert "forgot" not in trig["stigmatising_language"].detail          # never the reflection's own words
    assert "stigmatising_language" not in {t.id for t in reflection_triggers({"text": "He was not aggressive."})}
