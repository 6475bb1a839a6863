"""The prompt banks (seeds/), their schema, the prompt engine, the technique recommender, affect cues and
the triggers derived from data."""

from __future__ import annotations

import textwrap
from pathlib import Path

import pytest

from rapportlib.errors import DataError
from rapportlib.prompts import (
    Trigger,
    load_banks,
    localise,
    recommend_techniques,
    reflection_triggers,
    select_prompts,
    triggers_for,
)
from rapportlib.schema import LANGS

ROOT = Path(__file__).resolve().parents[1]
SEEDS = ROOT.parent / "shared" / "seeds"
SEED_FILES = ("000_e353b3371ffd3356.txt", "001_dfcc950327729ba1.txt", "002_f0e28386d7499994.txt")


# --------------------------------------------------------------------------- a tiny literal bank
TINY_TRIGGERS = """\
bank: triggers
kind: triggers
title: {en: T}
entries:
  - {id: rupture, source: s.txt, meaning: {en: a rupture, es: una ruptura}, derived_from: x}
  - {id: rupture_withdrawal, source: s.txt, meaning: {en: a withdrawal}, derived_from: x}
  - {id: low_alliance, source: s.txt, meaning: {en: a low rating}, derived_from: x}
  - {id: escalation_risk, source: s.txt, meaning: {en: a risk}, derived_from: x}
  - {id: general, source: s.txt, meaning: {en: general}, derived_from: x}
  - {id: presentation_anxious, source: s.txt, meaning: {en: anxious}, derived_from: x}
"""
TINY_PROMPTS = """\
bank: qs
kind: prompts
title: {en: Questions}
entries:
  - {id: q.repair.a, source: s.txt, group: repair, triggers: [rupture, rupture_withdrawal], text: {en: 'A?', es: '¿A?'}}
  - {id: q.repair.b, source: s.txt, group: repair, triggers: [rupture], text: {en: 'B?'}}
  - {id: q.low.c, source: s.txt, group: low, triggers: [low_alliance], text: {en: 'C?'}}
  - {id: q.low.d, source: s.txt, group: low, triggers: [low_alliance, rupture], text: {en: 'D?'}}
  - {id: q.urgent.e, source: s.txt, triggers: [escalation_risk, rupture], urgent: true, text: {en: 'E!'}}
  - {id: q.general.f, source: s.txt, triggers: [general], text: {en: 'F?'}}
"""
TINY_TECHNIQUES = """\
bank: techniques
kind: techniques
title: {en: Techniques}
entries:
  - id: pacing
    source: s.txt
    number: 4
    name: {en: Pacing}
    what: {en: Going slowly.}
    when: {en: When the client is anxious.}
    careful: {en: Not too slow.}
    presentations: [anxious]
    triggers: [presentation_anxious]
"""


@pytest.fixture
def tiny(tmp_path, monkeypatch):
    """A banks object made only of the literal files above (the packaged banks are replaced by id)."""
    folder = tmp_path / "banks"
    folder.mkdir()
    (folder / "triggers.yaml").write_text(TINY_TRIGGERS, encoding="utf-8")
    (folder / "qs.yaml").write_text(TINY_PROMPTS, encoding="utf-8")
    (folder / "techniques.yaml").write_text(TINY_TECHNIQUES, encoding="utf-8")
    from rapportlib import prompts

    banks = {}
    for f in sorted(folder.iterdir()):
        b = prompts._read_bank(f, f.name)
        banks[b.id] = b
    return prompts.Banks(banks)


def _ids(chosen):
    return [p.id for p in chosen]


def test_triggers_take_turns_and_the_best_match_comes_first(tiny):
    chosen = select_prompts(["rupture", "low_alliance"], k=4, banks=tiny)
    # rupture's turn: D answers both triggers; low_alliance's turn: C (D taken); then rupture: B (fewer
    # triggers than A, so more specific), then A
    assert _ids(chosen) == ["q.low.d", "q.low.c", "q.repair.b", "q.repair.a"]
    assert chosen[0].reason == "Chosen because a rupture and a low rating."
    assert chosen[1].reason == "Chosen because a low rating."
    assert [p.triggers for p in chosen] == [("rupture", "low_alliance"), ("low_alliance",), ("rupture",),
                                           ("rupture",)]
    assert {p.source for p in chosen} == {"s.txt"} and {p.bank for p in chosen} == {"qs"}


def test_specific_trigger_prefers_the_prompt_that_answers_more(tiny):
    chosen = select_prompts(["rupture_withdrawal", "rupture"], k=2, banks=tiny)
    assert _ids(chosen) == ["q.repair.a", "q.low.d"]     # A answers both; then a new group is preferred to B
    assert chosen[0].reason == "Chosen because a withdrawal and a rupture."


def test_urgent_prompts_only_with_escalation_risk_and_then_first(tiny):
    assert "q.urgent.e" not in _ids(select_prompts(["rupture"], k=10, banks=tiny))
    chosen = select_prompts(["rupture", "escalation_risk"], k=2, banks=tiny)
    assert _ids(chosen) == ["q.urgent.e", "q.repair.b"] and chosen[0].urgent and not chosen[1].urgent


def test_seen_prompts_come_last_and_are_marked(tiny):
    chosen = select_prompts(["low_alliance"], k=3, seen={"q.low.d"}, banks=tiny)
    assert _ids(chosen) == ["q.low.c", "q.low.d"]
    assert [p.repeated for p in chosen] == [False, True] and "Shown before" in chosen[1].reason


def test_nothing_fits_gives_general_prompts(tiny):
    chosen = select_prompts(["presentation_anxious"], k=3, banks=tiny)
    assert _ids(chosen) == ["q.general.f"] and chosen[0].reason == "Chosen because general."


def test_details_of_a_trigger_are_in_the_reason(tiny):
    chosen = select_prompts([Trigger("low_alliance", "SRS 31 at session 5")], k=1, banks=tiny)
    assert chosen[0].reason == "Chosen because a low rating (SRS 31 at session 5)."


def test_language_fallback_is_visible(tiny):
    a, b = select_prompts(["rupture_withdrawal", "rupture"], lang="es", k=2, banks=tiny)
    assert (a.text, a.lang, a.note) == ("¿A?", "es", "")
    assert (b.text, b.lang) == ("D?", "en")
    assert b.note == "Se muestra en inglés: esta entrada aún no tiene texto en español."
    assert a.reason.startswith("Elegida porque ")


def test_same_input_same_prompts_and_bad_input(tiny):
    assert select_prompts(["rupture", "low_alliance"], k=3, banks=tiny) == \
        select_prompts(["rupture", "low_alliance"], k=3, banks=tiny)
    assert select_prompts(["rupture"], k=0, banks=tiny) == []
    with pytest.raises(ValueError, match="unknown trigger 'ruptures'"):
        select_prompts(["ruptures"], banks=tiny)
    with pytest.raises(ValueError, match="lang must be one of en, es, ta"):
        select_prompts(["rupture"], lang="fr", banks=tiny)


def test_recommend_techniques_on_the_tiny_bank(tiny):
    (t,) = recommend_techniques("anxious", banks=tiny)
    assert (t.id, t.number, t.name) == ("pacing", 4, "Pacing")
    assert t.reason == "Chosen because anxious: when the client is anxious."
    assert recommend_techniques("mistrustful", banks=tiny) == []
    with pytest.raises(ValueError, match="presentation must be one of"):
        recommend_techniques("sad", banks=tiny)


def test_localise():
    assert localise({"en": "Hi", "ta": "வணக்கம்"}, "ta", unreviewed=["ta"]).note.startswith("இந்த மொழிபெயர்ப்பு")
    assert localise({"en": "Hi"}, "ta").lang == "en"


# --------------------------------------------------------------------------- broken bank files
def _write(tmp_path, text: str, name: str = "mine.yaml") -> Path:
    folder = tmp_path / "own"
    folder.mkdir(exist_ok=True)
    (folder / name).write_text(textwrap.dedent(text), encoding="utf-8")
    return folder


MINE = "bank: mine\nkind: prompts\ntitle: {en: Mine}\nentries:\n"     # a programme's bank file, up to its entries


@pytest.mark.parametrize("body, expected", [
    (MINE + """\
       - {id: mine.one, source: s.txt, text: {es: Hola}}
     """, "mine.yaml: 1 problem in this bank file:\n  entry 1 ('mine.one'), field text: needs an English text (en)"),
    (MINE + """\
       - {id: mine.one, source: s.txt, text: {en: Hi}}
       - {id: mine.two, text: {en: Hi}, tone: warm}
     """, "entry 2 ('mine.two'), field source: required field is missing\n"
          "  entry 2 ('mine.two'), field tone: unknown field (check the spelling)"),
    (MINE + """\
       - {id: mine.one, source: s.txt, text: {en: Hi}, triggers: [ruptured]}
     """, "entry 'mine.one' names trigger 'ruptured', which is not in the trigger vocabulary"),
    (MINE + """\
       - {id: mine.one, source: s.txt, text: {en: Hi}}
       - {id: mine.one, source: s.txt, text: {en: Hi again}}
     """, "entry 2 ('mine.one'): the id is used twice in this file"),
    ("""\
     bank: mine
     kind: prompt
     title: {en: Mine}
     entries: []
     """, "field kind: Input should be 'triggers', 'prompts', 'techniques', 'dimensions' or 'lexicon'"),
    (MINE + """\
       - {id: Mine One, source: s.txt, text: {en: Hi}}
     """, "entry 1 ('Mine One'), field id: must be lower-case letters, digits, _ and . "
          "(like phrase.rupture_repair.slow_down)"),
    ("""\
     bank: mine
     kind: prompts
     title: {en: Mine
     """, "mine.yaml: is not valid YAML at line"),
])
def test_a_broken_bank_file_names_file_entry_and_field(tmp_path, body, expected):
    with pytest.raises(DataError) as err:
        load_banks(_write(tmp_path, body))
    assert expected in str(err.value)


def test_an_entry_of_another_kind_cannot_replace_one(tmp_path):
    folder = _write(tmp_path, MINE + "  - {id: pacing, source: s.txt, text: {en: Hi}}\n")
    with pytest.raises(DataError, match="entry 'pacing' replaces a techniques entry with a prompts one"):
        load_banks(folder)


# --------------------------------------------------------------------------- the packaged banks
@pytest.fixture(scope="module")
def banks():
    return load_banks()


def test_every_packaged_entry_has_three_languages_a_source_and_known_triggers(banks):
    assert set(banks.banks) >= {"triggers", "techniques", "phrasings", "pitfalls", "escalation", "cultural_humility",
                                "immigration", "countertransference", "ct_prompts", "affect_cues"}
    table = banks.to_frame()
    missing = table[table["text"].isna() | (table["text"].str.strip() == "")]
    assert missing.empty, missing[["bank", "id", "field", "lang"]].to_string()
    assert set(table["source"]) <= set(SEED_FILES)
    assert set(table["lang"]) == set(LANGS)
    for b in banks.banks.values():
        for e in b.entries:
            assert set(e.unreviewed) <= {"es", "ta"}, e.id     # no fluent clinician has reviewed them yet


def test_sources_exist_beside_the_clone():
    if not SEEDS.is_dir():
        pytest.skip("../shared/seeds is not beside this clone (it ships with the project's CI only)")
    assert {p.name for p in SEEDS.iterdir()} >= set(SEED_FILES)


def _words(text: str) -> list[str]:
    """Words, Tamil ones whole (the regex module's \\w takes in combining vowel signs; re's does not)."""
    import regex

    return regex.findall(r"\w+", text.lower().replace("\u2019", "'"))


def test_no_sentence_of_the_articles_is_copied(banks):
    """Facts carry over, sentences do not: no run of 6 words of an entry (any language) is in an article."""
    if not SEEDS.is_dir():
        pytest.skip("../shared/seeds is not beside this clone (it ships with the project's CI only)")
    n = 6
    runs = set()
    for f in SEED_FILES:
        words = _words((SEEDS / f).read_text(encoding="utf-8"))
        runs |= {tuple(words[i:i + n]) for i in range(len(words) - n + 1)}
    table = banks.to_frame().dropna(subset=["text"])
    copied = []
    for rec in table.itertuples(index=False):
        words = _words(rec.text)
        if any(tuple(words[i:i + n]) in runs for i in range(len(words) - n + 1)):
            copied.append((rec.id, rec.field, rec.lang))
    assert copied == []


def test_the_twenty_techniques_follow_the_guide(banks):
    from rapportlib.demo import TECHNIQUE_IDS

    techniques = banks.techniques
    assert [t.number for t in techniques] == list(range(1, 21))
    assert tuple(t.id for t in techniques) == TECHNIQUE_IDS     # the ids reflections use
    groups = {p: [t.number for t in techniques if p in t.presentations] for p in ("anxious", "mistrustful",
                                                                                   "low_engagement")}
    assert groups == {"anxious": [4, 6, 14], "mistrustful": [10, 17, 20], "low_engagement": [9, 13, 19]}


@pytest.mark.parametrize("presentation, expected", [
    ("anxious", [("pacing", 4), ("empathic_validation", 6), ("behavioural_experiments", 14)]),
    ("mistrustful", [("transparency", 10), ("practical_help", 17), ("boundary_clarity", 20)]),
    ("low_engagement", [("collaborative_goals", 9), ("strengths_focus", 13), ("affirmation", 19)]),
])
def test_recommend_techniques_gives_the_guides_groupings(banks, presentation, expected):
    found = recommend_techniques(presentation)
    assert [(t.id, t.number) for t in found] == expected
    meaning = banks.triggers[f"presentation_{presentation}"].meaning["en"]
    for t in found:
        assert t.reason.startswith(f"Chosen because {meaning}: ") and t.source == SEED_FILES[1]
        assert t.when and t.careful and t.what
    tamil = recommend_techniques(presentation, lang="ta")
    assert [t.id for t in tamil] == [t.id for t in found] and all(t.lang == "ta" and t.note for t in tamil)


def test_the_check_in_dimensions_are_the_eight_of_the_questionnaire(banks):
    from rapportlib.journal import CT_SCALES

    assert [d.id for d in banks.dimensions] == list(CT_SCALES)
    assert all(d.reference and "Betan" in d.reference for d in banks.dimensions)


def _trigger_ids():
    import yaml

    return [e["id"] for e in yaml.safe_load((ROOT / "seeds" / "triggers.yaml").read_text(encoding="utf-8"))["entries"]]


@pytest.mark.parametrize("trigger", _trigger_ids())
def test_each_trigger_gets_prompts_that_answer_it_and_say_why(banks, trigger):
    chosen = select_prompts([trigger], k=5)
    meaning = banks.triggers[trigger].meaning["en"]
    print(f"\n{trigger}:")
    for p in chosen:
        print(f"  {p.id:<40} {p.reason}")
    assert 1 <= len(chosen) <= 5 and len({p.id for p in chosen}) == len(chosen)
    for p in chosen:
        assert trigger in p.triggers and p.reason == f"Chosen because {meaning}."
        assert p.urgent == (trigger == "escalation_risk" and p.bank == "escalation")
        assert p.source in SEED_FILES and p.lang == "en" and p.text
    assert select_prompts([trigger], k=5) == chosen
    spanish = select_prompts([trigger], k=5, lang="es")
    assert [p.id for p in spanish] == [p.id for p in chosen] and all(p.lang == "es" for p in spanish)


def test_escalation_comes_first_and_is_marked(banks):
    chosen = select_prompts(["rupture_confrontation", "escalation_risk"], k=6)
    urgent = [p.id for p in chosen if p.urgent]
    assert urgent == [p.id for p in chosen[:len(urgent)]] and len(urgent) == 4
    assert {p.bank for p in chosen[:4]} == {"escalation"}
    assert any(p.id.startswith("phrase.rupture_repair.") for p in chosen[4:] + select_prompts(
        ["rupture_confrontation"], k=6))


def test_seen_prompts_are_not_repeated_while_others_fit(banks):
    first = select_prompts(["rupture"], k=3)
    second = select_prompts(["rupture"], k=3, seen=[p.id for p in first])
    assert not {p.id for p in first} & {p.id for p in second}


def test_rapport_seeds_lists_the_banks_and_refuses_a_broken_file(tmp_path, capsys):
    from rapportlib.cli import main

    assert main(["seeds"]) == 0
    out = capsys.readouterr().out
    assert "techniques           techniques   20 entries" in out and "not yet reviewed: es 20, ta 20" in out
    assert main(["seeds", "--triggers", "-k", "1", "--lang", "es"]) == 0
    assert "escalation_risk: algo sugiere un riesgo" in capsys.readouterr().out
    folder = _write(tmp_path, MINE + "  - {id: mine.one, source: ours, text: {es: Hola}}\n")
    assert main(["seeds", str(folder)]) == 2
    assert "mine.yaml: 1 problem in this bank file:\n  entry 1 ('mine.one'), field text: needs an English text" in \
        capsys.readouterr().err


def test_a_programmes_own_bank_overrides_by_id_and_adds(tmp_path, monkeypatch):
    folder = _write(tmp_path, """\
        bank: pitfalls
        kind: prompts
        title: {en: Pitfalls}
        entries:
          - id: pitfall.rushing.1
            source: our-programme.md
            triggers: [presentation_anxious]
            text: {en: "Did I leave enough silence today?"}
          - id: pitfall.our_own.1
            source: our-programme.md
            triggers: [presentation_anxious]
            text: {en: "Did I check the plan with the client's family, as our service agreed?"}
        """)
    own = load_banks(folder)
    assert own["pitfall.rushing.1"].text == {"en": "Did I leave enough silence today?"}
    assert own.overrides == [("pitfall.rushing.1", str(folder / "mine.yaml"))]
    assert own.bank_of("pitfall.our_own.1") == "pitfalls" and len(own) == len(load_banks()) + 1
    assert "entry pitfall.rushing.1 replaced by" in own.summary()
    chosen = select_prompts(["presentation_anxious"], k=20, lang="ta", banks=own)
    mine = next(p for p in chosen if p.id == "pitfall.rushing.1")
    assert mine.lang == "en" and mine.note.startswith("ஆங்கிலத்தில் காட்டப்படுகிறது")   # visible fallback
    monkeypatch.setenv("RAPPORT_SEEDS", str(folder))
    assert load_banks()["pitfall.rushing.1"].text["en"] == "Did I leave enough silence today?"


# --------------------------------------------------------------------------- triggers from data
def _tiny_dataset():
    from types import SimpleNamespace

    import pandas as pd

    sessions = pd.DataFrame({"client_id": ["c1", "c1", "c1", "c2"], "session": [1, 2, 5, 1]})
    clients = pd.DataFrame({"client_id": ["c1", "c2"], "case_type": ["immigration_evaluation", "therapy"],
                            "interpreter": [True, False], "preferred_language": ["Tamil", "English"],
                            "presentation": ["mistrustful", None]})
    reflections = pd.DataFrame({
        "client_id": ["c1", "c1", "c2"], "session": [2, 5, 1],
        "created": pd.to_datetime(["2024-01-02", "2024-02-01", "2024-01-03"]),
        "rupture": ["none", "confrontation", "none"], "language": ["English", "English", "English"],
        "interpreter": [True, True, False], "text": ["A steady hour.", "I felt out of my depth today.", "Fine."],
        "ct_criticised": [0, 3, 0], "ct_helpless": [1, 2, 0], "ct_sexualised": [0, 0, 0]})
    return SimpleNamespace(sessions=sessions, clients=clients, reflections=reflections)


def _no_alerts():
    import pandas as pd

    return pd.DataFrame({"client_id": pd.Series(dtype="str"), "kind": pd.Series(dtype="str"),
                         "session": pd.Series(dtype="Int64")})


def test_triggers_for_reads_the_reflection_and_the_client():
    ds = _tiny_dataset()
    got = triggers_for(ds, "c1", alerts=_no_alerts())
    assert [t.id for t in got] == ["rupture_confrontation", "rupture", "ct_criticised", "ct_helpless",
                                   "presentation_mistrustful", "immigration_evaluation", "interpreter",
                                   "language_difference"]
    by = {t.id: t.detail for t in got}
    assert by["ct_criticised"] == "rated 3 of 4 in the reflection on session 5"
    assert by["ct_helpless"] == "the words \u201cout of my depth\u201d in the reflection on session 5"
    assert all("depth today" not in t.detail for t in got)          # lexicon words only, never the text
    early = triggers_for(ds, "c1", session=2, alerts=_no_alerts())
    assert [t.id for t in early] == ["presentation_mistrustful", "immigration_evaluation", "interpreter",
                                     "language_difference", "first_sessions"]
    assert [t.id for t in triggers_for(ds, "c2", alerts=_no_alerts())] == ["first_sessions"]
    with pytest.raises(KeyError, match="c9"):
        triggers_for(ds, "c9", alerts=_no_alerts())


def test_reflection_triggers_from_one_reflection():
    got = reflection_triggers({"rupture": "withdrawal", "ct_helpless": 3, "ct_sexualised": 1, "ct_positive": 2,
                               "text": "I felt out of my depth.", "interpreter": True, "session": 2},
                              where="this reflection")
    assert [(t.id, t.detail) for t in got] == [
        ("rupture_withdrawal", "noted in this reflection"), ("rupture", "withdrawal noted in this reflection"),
        ("ct_sexualised", "rated 1 of 4 in this reflection"), ("ct_helpless", "rated 3 of 4 in this reflection"),
        ("interpreter", "an interpreter was present (this reflection)"), ("first_sessions", "session 2")]
    assert reflection_triggers({"rupture": "none", "ct_helpless": float("nan"), "session": 9}) == []


def test_triggers_for_on_the_demo_data_feeds_select_prompts():
    ds = _demo()
    got = triggers_for(ds, "c002", session=7)
    assert [t.id for t in got][:4] == ["rupture_confrontation", "rupture", "alliance_drop", "low_alliance"]
    chosen = select_prompts(got, k=5)
    assert chosen and "session 7" in chosen[0].reason


def _demo():
    import rapportlib

    return rapportlib.load(rapportlib.demo.data_path())
