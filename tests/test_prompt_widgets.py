"""The check-in and prompt-deck widgets driven from pytest: set values, click, check state and what the
library returned. No browser."""

from __future__ import annotations

import pytest

from rapportlib.prompts import Trigger, select_prompts
from rapportlib.widgets import CountertransferenceCheckIn, PromptDeck

PW = "a throwaway passphrase"
KDF_N = 2**12
CLINICIAN = "clin02"
ROSTER = [{"name": "Marguerite Okafor", "role": "client"}]
pytestmark = pytest.mark.usefixtures("anonymiser_lists")


def test_deck_shows_the_chosen_prompts_one_at_a_time():
    deck = PromptDeck(["rupture_withdrawal", "ct_helpless"], k=4)
    expected = select_prompts(["rupture_withdrawal", "ct_helpless"], k=4)
    assert deck.state["prompts"] == [p.id for p in expected] and deck.index == 0
    assert expected[0].text.replace("'", "&#x27;") in deck.card.value and "Prompt 1 of 4" in deck.position.value
    assert deck.previous_button.disabled and not deck.next_button.disabled
    deck.next_button.click()
    assert deck.index == 1 and expected[1].reason in deck.card.value.replace("&#x27;", "'")
    deck.answer.value = "Mostly my own expectations."
    deck.next_button.click()
    deck.previous_button.click()
    assert deck.answer.value == "Mostly my own expectations."
    assert deck.state["answers"] == {expected[1].id: "Mostly my own expectations."}


def test_deck_language_switch_keeps_the_prompts_and_answers():
    deck = PromptDeck(["interpreter"], k=3)
    ids = deck.state["prompts"]
    deck.answer.value = "We met the interpreter beforehand."
    deck.language.value = "es"
    assert deck.state["prompts"] == ids and deck.state["lang"] == "es"
    spanish = select_prompts(["interpreter"], k=3, lang="es")
    assert spanish[0].text in deck.card.value.replace("&#x27;", "'") and "Pregunta 1 de 3" in deck.position.value
    assert "Traducción aún no revisada" in deck.card.value      # marked for review
    assert deck.answer.value == "We met the interpreter beforehand."


def test_deck_marks_urgent_prompts_and_says_when_there_are_none():
    deck = PromptDeck([Trigger("escalation_risk", "raised by the supervisor")], k=2)
    assert "Needs urgent action or supervision" in deck.card.value and "raised by the supervisor" in deck.card.value
    empty = PromptDeck([])
    assert empty.state["prompts"] == [] and "No prompts yet" in empty.card.value


def test_check_in_ratings_and_note_raise_triggers_and_prompts():
    ci = CountertransferenceCheckIn()
    assert ci.state["triggers"] == [] and ci.state["deck"]["prompts"] == []
    ci.ratings["ct_criticised"].value = 2
    assert ci.state["triggers"] == []                          # below the threshold
    ci.ratings["ct_criticised"].value = 3
    assert ci.state["triggers"] == ["ct_criticised"]
    assert ci.state["deck"]["prompts"] == [p.id for p in select_prompts(["ct_criticised"], k=5)]
    ci.ratings["ct_sexualised"].value = 1                      # any rating counts for this one
    assert "ct_sexualised" in ci.state["triggers"]


def test_check_in_labels_follow_the_language():
    ci = CountertransferenceCheckIn()
    assert "Helpless" in ci._labels["ct_helpless"].value
    ci.deck.language.value = "ta"
    label = ci.dimensions[1].label["ta"]
    assert label in ci._labels["ct_helpless"].value


def test_check_in_saves_to_the_journal_anonymised(journal):
    ci = CountertransferenceCheckIn(journal, client_id="c017", session=4)
    ci.ratings["ct_parental"].value = 4
    ci.note.value = "I wanted to protect Marguerite Okafor from her landlord."
    ci.save_button.click()
    eid = ci.state["saved"]
    row = journal.entries().set_index("entry_id").loc[eid]
    assert (row["client_id"], row["session"], row["ct_parental"], row["ct_helpless"]) == ("c017", 4, 4, 0)
    assert "Okafor" not in row["ct_note"] and "[CLIENT-1]" in row["ct_note"]
    assert "Saved as journal entry" in ci.status.value and "Okafor" not in ci.status.value


def test_check_in_without_a_journal_returns_the_anonymised_record():
    ci = CountertransferenceCheckIn(client_id="c003")
    ci.note.value = "Thought about Marguerite Okafor after the session."
    rec = ci.save()
    assert rec["ct_note"] and "Okafor" not in rec["ct_note"] and set(rec) >= {"ct_helpless", "ct_note"}


def test_check_in_without_a_journal_adds_to_the_dataset_in_memory():
    import rapportlib as rl

    ds = rl.load(rl.demo.data_path())
    before = len(ds.reflections)
    ci = CountertransferenceCheckIn(dataset=ds, clinician_id="clin02", client_id="c003", session=6)
    ci.ratings["ct_disengaged"].value = 3
    ci.note.value = "Bored, then guilty about it; Marguerite Okafor came up again."
    ci.save_button.click()
    rid = ci.state["saved"]
    assert len(ds.reflections) == before + 1 and rid.startswith("checkin-")
    row = ds.reflections.set_index("reflection_id").loc[rid]
    assert (row["clinician_id"], row["client_id"], row["session"], row["ct_disengaged"]) == ("clin02", "c003", 6, 3)
    assert "Okafor" not in ds.reflections.to_string() and "Added to the dataset" in ci.status.value
    profile = rl.countertransference_profile(ds)            # the library reads the new row like any other
    assert profile.table["n"].sum() > 0
