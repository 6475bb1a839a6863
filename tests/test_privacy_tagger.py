"""The learned recall layer of the identifier detector (rapportlib.privacy.tagger)."""

from __future__ import annotations

import hashlib
import json

import numpy as np
import pytest

from rapportlib import find_identifiers
from rapportlib.privacy import load_lexicon, tagger
from rapportlib.privacy.tagger import CLASSES, TaggerModel, tag, train
from test_privacy import DATA, HELD_OUT, TUNING


class _Stub(TaggerModel):
    """A model that gives each token the class it is told, in order (so the spans ``tag`` builds are spelled out);
    a class written "date?" is given a probability of 0.3 only, the rest going to "O"."""

    def __init__(self, classes: list[str]):
        super().__init__(np.zeros((1 << 12, len(CLASSES)), np.int8), np.ones(len(CLASSES), np.float32), 12)
        self.classes = classes

    def logits(self, rows):
        assert len(rows) == len(self.classes), "one class per token"
        z = np.full((len(rows), len(CLASSES)), -30.0, np.float32)
        for i, c in enumerate(self.classes):
            if c.endswith("?"):                  # p = 0.3 for the class, 0.7 for "O"
                z[i, CLASSES.index(c[:-1])], z[i, 0] = np.log(0.3), np.log(0.7)
            else:
                z[i, CLASSES.index(c)] = 0.0
        return z


def _tokens(text):
    return [m.group() for m in tagger.TOKEN.finditer(text)]


def _tag(text, classes, taken=None, found=None):
    lex = load_lexicon()
    assert len(classes) == len(_tokens(text)), _tokens(text)
    return [(text[s:e], kind) for s, e, kind in tag(text, "en", model=_Stub(classes), lexicon=lex, taken=taken,
                                                    found=found)]


def test_tag_joins_a_run_of_tokens_of_one_class_into_one_span():
    text = "Loveness moved to 132 Bondgate Without, Evesham."
    classes = ["name", "O", "O", "address", "address", "address", "O", "place", "O"]
    assert _tag(text, classes) == [("Loveness", "name"), ("132 Bondgate Without", "address"), ("Evesham", "place")]


def test_tag_leaves_out_net_lone_years_common_words_safelisted_words_and_possessives():
    text = "From 2014 most days Arabic; mail ab@cd.org; Nurul's file"
    classes = ["O", "date", "O", "date", "name", "O", "O", "net", "net", "net", "net", "net", "O",
               "name", "place", "place", "O"]
    assert _tokens(text)[13:16] == ["Nurul", "'", "s"]
    taken = np.zeros(len(text) + 1, bool)
    start = text.index("Nurul")
    taken[start:start + 5] = True
    # the year alone, "days" (a common word), "Arabic" (safelisted), the e-mail (the rules' job) and the "'s" left
    # over beside a name the rules found: nothing is added
    assert _tag(text, classes, taken) == []


def test_tag_adds_only_what_the_rules_left_uncovered():
    text = "at 132 Bondgate Without"
    classes = ["O", "address", "address", "address"]
    taken = np.zeros(len(text) + 1, bool)
    taken[text.index("Bondgate"):text.index("Bondgate") + 8] = True
    # "Without" alone is a common word, so only the number is added
    assert _tag(text, classes, taken) == [("132", "address")]
    taken[:] = False
    assert _tag(text, classes, taken) == [("132 Bondgate Without", "address")]


def test_a_number_alone_is_an_address_only_beside_an_identifier_the_rules_found():
    text = "Session 497 (B): Marguerite said"
    classes = ["O", "address", "O", "O", "O", "O", "name", "O"]
    found = np.zeros(len(text) + 1, bool)
    found[text.index("Marguerite"):text.index(" said")] = True
    taken = found.copy()
    taken[:len("Session")] = True        # a word the rules know is no identifier: kept from the tagger, but no
    assert _tag(text, classes, taken, found) == []          # identifier for a number beside it to belong to
    found[:len("Session")] = True        # were it an identifier (a street name), the number would go with it
    assert _tag(text, classes, taken, found) == [("497", "address")]


def test_numbers_are_reported_as_ids_and_a_newline_ends_a_span():
    text = "reg 88213\nSPR no. 2290"
    classes = ["O", "number", "number", "O", "O", "number"]
    assert _tag(text, classes) == [("88213", "id"), ("2290", "id")]


def test_a_date_or_an_age_is_kept_only_where_one_can_stand():
    # a count and its unit, not a duration ("for two days") or a frequency ("three days a week"), not digits alone
    text = "Seen twenty days gone; slept for two days; gym three days a week; law 7/2015."
    classes = (["O"] + ["date"] * 3 + ["O"] * 3 + ["date"] * 2 + ["O"] * 2 + ["date"] * 2 + ["O"] * 4
               + ["date"] * 3 + ["O"])
    assert _tag(text, classes) == [("twenty days gone", "date")]
    # an age after an age label, not before a unit; "then" after a relative
    text = "Age - ninety-four. Turned ninety degrees. Her nan, then 98, fell."
    classes = (["O", "O", "age", "age", "age", "O", "O", "age", "O", "O", "O", "O", "O", "O", "age", "O", "O",
                "O"])
    assert _tag(text, classes) == [("ninety-four", "age"), ("98", "age")]


def test_a_run_goes_on_over_neighbours_likely_enough_of_its_class():
    text = "Next review sixteen days down the line, fine."
    # "down" is marked (p 1); "sixteen", "days", "the" and "line" only have p 0.3 for a date: under the threshold
    # they start no run, but they join the run beside them; "fine" (p 0.3) is cut off by the comma
    classes = ["O", "O", "date?", "date?", "date", "date?", "date?", "O", "date?", "O"]
    assert _tag(text, classes) == [("sixteen days down the line", "date")]


_TINY = [{"marked": f"Session {i} with [[name:{n}]] today. [[name:{n}]] showed me the letter.", "lang": "en"}
         for i, n in enumerate(["Quillon", "Marbeck", "Tessaly", "Orrin", "Valdane", "Corvina", "Ismery", "Pellam",
                                "Rhosyn", "Aldous", "Brisa", "Caddock"], 1)] + \
        [{"marked": "Session 4 with the family today. The letter showed me a lot.", "lang": "en"}] * 4


def test_training_is_deterministic_and_learns_the_shape(tmp_path):
    path = tmp_path / "tiny.jsonl"
    path.write_text("\n".join(json.dumps(r) for r in _TINY), encoding="utf-8")
    a = train([path], bits=12)
    b = train([path], bits=12)
    assert np.array_equal(a.weights, b.weights) and np.array_equal(a.scale, b.scale)
    assert a.trained_on == {"tiny.jsonl": hashlib.sha256(path.read_bytes()).hexdigest()}
    text = "Session 9 with Dorwenna today. Dorwenna showed me the letter."
    found = [(text[s:e], k) for s, e, k in tag(text, "en", model=a, lexicon=load_lexicon())]
    assert found == [("Dorwenna", "name"), ("Dorwenna", "name")]
    a.save(tmp_path / "m.npz")
    back = TaggerModel.load(tmp_path / "m.npz")
    assert np.array_equal(back.weights, a.weights) and back.trained_on == a.trained_on and back.bits == 12


def test_a_model_for_other_features_is_refused_with_the_retrain_command(tmp_path):
    model = TaggerModel(np.zeros((16, len(CLASSES)), np.int8), np.ones(len(CLASSES), np.float32), 4, version="0")
    model.save(tmp_path / "old.npz")
    with pytest.raises(ValueError, match="python -m rapportlib.privacy.tagger"):
        TaggerModel.load(tmp_path / "old.npz")


def test_the_shipped_model_learned_from_the_tuning_sets_and_never_from_the_held_out_set():
    model = tagger.load_tagger()
    assert HELD_OUT not in model.trained_on
    # the model must be retrained when a tuning set changes or the held-out set moves into the tuning sets
    expected = {name: hashlib.sha256((DATA / name).read_bytes()).hexdigest() for name in TUNING}
    assert model.trained_on == expected, "retrain: python -m rapportlib.privacy.tagger --held-out " + HELD_OUT + \
        " tests/data/identifiers_*.jsonl"


def test_find_identifiers_adds_the_tagger_spans_unless_asked_not_to(monkeypatch):
    text = "the quillonby file was sent."
    monkeypatch.setattr(tagger, "load_tagger", lambda: _Stub(["O", "name", "O", "O", "O", "O"]))
    assert [(text[s.start:s.end], s.kind) for s in find_identifiers(text, lang="en")] == [("quillonby", "name")]
    assert find_identifiers(text, lang="en", tagger=False) == []


def test_the_cli_trains_without_the_held_out_set(tmp_path, capsys):
    for name in ("a.jsonl", "held.jsonl"):
        (tmp_path / name).write_text("\n".join(json.dumps(r) for r in _TINY), encoding="utf-8")
    out = tmp_path / "m.npz"
    assert tagger.main([str(tmp_path / "a.jsonl"), str(tmp_path / "held.jsonl"), "--held-out", "held.jsonl",
                                "--out", str(out)]) == 0
    assert list(TaggerModel.load(out).trained_on) == ["a.jsonl"]
    with pytest.raises(SystemExit):          # a held-out name that matches no file is a mistake, not a no-op
        tagger.main([str(tmp_path / "a.jsonl"), "--held-out", "r99.jsonl", "--out", str(out)])
    assert "check the held-out name" in capsys.readouterr().err


def _clean_sentences():
    """The clean clinical sentences of test_privacy.py's "left alone" tests: (text, lang, roster)."""
    import test_privacy
    rows = []
    for name in sorted(dir(test_privacy)):
        if name.startswith("test_") and "left_alone" in name:
            for mark in getattr(getattr(test_privacy, name), "pytestmark", []):
                if mark.name == "parametrize":
                    for args in mark.args[1]:
                        args = tuple(args.values) if hasattr(args, "values") else tuple(args)
                        rows.append((args[0], args[1] if len(args) > 1 else None, args[2] if len(args) > 2 else None))
    return rows


def test_the_learned_layer_leaves_clean_clinical_sentences_mostly_alone():
    """The near-miss sentences the rule rounds collected ("Behavioural Activation", "BP 120/80", "a Day Centre"):
    the tagger may add a span to a few of them, never to more than it does now."""
    rows = _clean_sentences()
    assert len(rows) >= 150
    touched = [text for text, lang, roster in rows
               if find_identifiers(text, roster, lang) != find_identifiers(text, roster, lang, tagger=False)]
    # 13 of 306 now (retrained with r28): "Garda" (a police form), "de Bogotá" (Banco de Bogotá), "Community
    # Behavioral Health Center", "Church of England", "Psychology" (Services), "cien varas al norte y" (a walk, no
    # address), "Day Centre", "Cama 14, piso" (a hospital bed), "CPT 90837", "Mental Health Awareness", "Via Zoom" (and
    # "10 2023" of "K10 2023"); words opening a clause: "Shores", "Marcó". (13 of 293 after the retraining with r27,
    # with "the Lord's Prayer"; 17 of 293 before the rules kept a count of days after a verb of duration and a span
    # before "hace" from it: "three days out" at sea, "three days on" and off, "four days since", "hace una semana";
    # 14 of 278 after the retraining with r26; 15 of 248 before r25: "Voicemail"; 16 of 237 before r24: "Box
    # Breathing".)
    assert len(touched) <= 13, touched


def test_missing_weights_are_an_error_not_a_quiet_fall_back_to_the_rules(monkeypatch, tmp_path):
    monkeypatch.setattr(tagger, "bundled", lambda *parts: tmp_path.joinpath(*parts))
    tagger.load_tagger.cache_clear()
    try:
        with pytest.raises(FileNotFoundError, match="tagger=False"):
            find_identifiers("Met Ana today.", lang="en")
        assert find_identifiers("Met Ana today.", lang="en", tagger=False)      # the rules alone still work
    finally:
        tagger.load_tagger.cache_clear()
