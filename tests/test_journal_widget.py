"""The reflection-journal editor driven from pytest: set values, click, and check the state, what the
widget shows and what the journal stored. No browser."""

from __future__ import annotations

import re
from datetime import date

import ipywidgets as w
import pandas as pd
import pytest

from rapportlib.journal import Journal
from rapportlib.widgets import CT_LABELS, JournalApp, JournalEditor, demo_techniques, journal_app
from rapportlib.widgets._ui import FULL

PW = "a throwaway passphrase"
KDF_N = 2**12
NAME, PHONE = "Marguerite Okafor", "07700 900123"
ROSTER = [{"name": NAME, "role": "client"}, {"name": "Thaddeus Brennan", "role": "family"}]
CLINICIAN = "clin03"
SECRET = f"{NAME} rang me from {PHONE} before the session; we talked about her brother's visit."
pytestmark = pytest.mark.usefixtures("anonymiser_lists")


@pytest.fixture
def editor(journal):
    ed = JournalEditor(journal)
    yield ed
    ed.close()


def _walk(widget):
    yield widget
    for child in getattr(widget, "children", ()):
        yield from _walk(child)


def _shown(widget) -> str:
    """Everything the widget shows outside the boxes the clinician types into."""
    return "\n".join(x.value for x in _walk(widget) if isinstance(x, w.HTML)) + "\n".join(
        str(o) for x in _walk(widget) if isinstance(x, (w.Select, w.Dropdown)) for o in x.options)


def _fill_all(ed: JournalEditor) -> None:
    ed.client_id.value = "c017"
    ed.session.value = "4"
    ed.date.value = date(2024, 3, 17)
    ed.text.value = SECRET
    ed.techniques.value = ("affirmation", "open_questions")
    ed.rupture.value = "withdrawal"
    ed.repair.value = True
    ed.alliance.value = 6.5
    ed.language.value = "English"
    ed.interpreter.value = True
    ed.ct["ct_helpless"].value = 3
    ed.ct["ct_parental"].value = 2
    ed.ct_note.value = "Felt protective of her."


# --------------------------------------------------------------------------- preview
def test_preview_tokens_and_summary(editor):
    editor.client_id.value = "c017"
    editor.text.value = SECRET
    shown = editor.preview_html.value
    assert "[CLIENT-1]" in shown and re.search(r"\[PHONE-\d+\]", shown)
    assert shown.count("<mark") == len(editor.journal.preview(SECRET, client_id="c017").replaced)
    assert editor.state["preview"]["name"] >= 1 and editor.state["preview"]["phone"] == 1
    assert "1 phone" in editor.preview_summary.value and "name" in editor.preview_summary.value
    everything = _shown(editor)
    assert "Okafor" not in everything and "Marguerite" not in everything and PHONE not in everything


def test_preview_follows_the_text(editor):
    editor.text.value = "A calm hour."
    assert editor.state["preview"] == {} and "Nothing to anonymise" in editor.preview_summary.value
    editor.text.value = f"A calm hour. Call {PHONE}."
    assert editor.state["preview"] == {"phone": 1}
    editor.text.value = ""
    assert editor.preview_html.value == "" and editor.state["preview"] == {}


def test_check_in_note_preview(editor):
    editor.ct_note.value = f"I thought of {NAME} all evening."
    assert "[CLIENT-1]" in editor.ct_preview.value and "Okafor" not in editor.ct_preview.value


# --------------------------------------------------------------------------- saving
def test_save_stores_anonymised_text_and_fields(editor, journal):
    _fill_all(editor)
    assert "No entries yet" in _shown(editor)
    editor.save_button.click()
    df = journal.entries()
    assert len(df) == 1 and editor.state["entries"] == 1
    row = df.iloc[0]
    assert "[CLIENT-1]" in row["text"] and re.search(r"\[PHONE-\d+\]", row["text"])
    assert "Okafor" not in row["text"] and PHONE not in row["text"]
    assert (row["client_id"], row["session"], row["date"]) == ("c017", 4, pd.Timestamp("2024-03-17"))
    assert row["techniques"] == ["affirmation", "open_questions"]
    assert (row["rupture"], row["repair_attempted"], row["clinician_alliance"]) == ("withdrawal", True, 6.5)
    assert (row["language"], row["interpreter"]) == ("English", True)
    assert (row["ct_helpless"], row["ct_parental"], row["ct_overwhelmed"]) == (3, 2, 0)
    assert row["ct_note"] == "Felt protective of her."
    # the status says so, the form is clear, the draft is gone, the list shows it
    assert editor.state["status"].startswith("Saved") and row["entry_id"] in editor.state["status"]
    assert editor.text.value == "" and editor.client_id.value == "" and editor.state["editing"] is None
    assert editor.state["form"]["date"] == date.today() and editor.state["form"]["language"] == "English"
    assert journal.draft() is None
    assert editor.entry_list.options == (("2024-03-17 · c017 · session 4 · version 1", row["entry_id"]),)
    assert "No entries yet" not in _shown(editor)


def test_unrated_alliance_is_not_stored(editor, journal):
    editor.text.value = "Short note."
    assert editor.state["form"]["clinician_alliance"] is None and "not rated" in editor.alliance_note.value
    eid = editor.save()
    assert pd.isna(journal.entries().set_index("entry_id").loc[eid, "clinician_alliance"])


def test_empty_form_is_not_saved(editor, journal):
    assert editor.save() is None
    assert "write your reflection" in editor.state["status"] and len(journal) == 0


def test_validation_error_is_a_message_without_the_text(editor, journal):
    editor.text.value = SECRET
    editor.session.value = "-1"
    assert editor.save() is None                                     # no exception
    status = editor.state["status"]
    assert status.startswith("Not saved") and "Session number" in status and "whole number" in status
    assert "Okafor" not in status and PHONE not in status and "brother" not in status
    assert len(journal) == 0 and editor.text.value == SECRET         # nothing lost
    assert journal.draft()["form"]["text"] == SECRET                 # and the draft kept
    editor.session.value = "abc"
    editor.save_button.click()
    assert "Session number" in editor.state["status"] and len(journal) == 0


def test_refusal_quoting_the_text_is_not_shown(editor, journal, monkeypatch):
    def refuse(text, **fields):
        raise ValueError(f"cannot store {text!r}")

    monkeypatch.setattr(journal, "add", refuse)
    editor.text.value = SECRET
    assert editor.save() is None
    assert "Not saved" in editor.state["status"] and "ValueError" in editor.state["status"]
    assert "Okafor" not in editor.status.value and "brother" not in editor.status.value


def test_unexpected_failure_is_a_message(editor, journal, monkeypatch):
    def broken(text, **fields):
        raise RuntimeError("disk on fire")

    monkeypatch.setattr(journal, "add", broken)
    editor.text.value = "Short."
    assert editor.save() is None and "disk on fire" in editor.state["status"]


# --------------------------------------------------------------------------- drafts
def test_autosave_then_a_new_editor_restores_the_draft(journal):
    first = JournalEditor(journal)
    _fill_all(first)
    draft = journal.draft()
    assert draft["form"]["text"] == SECRET and draft["form"]["ct_helpless"] == 3      # raw, encrypted
    assert "Draft kept" in first.draft_status.value
    second = JournalEditor(journal)              # e.g. after the kernel died
    assert second.state["form"] == first.state["form"]
    assert second.state["status"].startswith("Restored the reflection you had not saved")
    assert second.state["preview"] == first.state["preview"]
    eid = second.save()
    assert eid and journal.draft() is None and len(journal) == 1
    assert JournalEditor(journal).state["status"] == ""              # nothing left to restore


def test_every_change_is_kept_as_a_draft_at_once(journal, monkeypatch):
    calls = []
    save_draft = journal.save_draft
    monkeypatch.setattr(journal, "save_draft", lambda d: (calls.append(d["form"]["text"]), save_draft(d)))
    ed = JournalEditor(journal)
    for i in range(1, 21):
        ed.text.value = "x" * i
        assert journal.draft()["form"]["text"] == "x" * i           # before the next keystroke arrives
    assert calls == ["x" * i for i in range(1, 21)]
    ed.ct["ct_helpless"].value = 2
    assert journal.draft()["form"]["ct_helpless"] == 2
    seen = []
    add = journal.add
    monkeypatch.setattr(journal, "add", lambda text, **f: (seen.append(journal.draft()["form"]["text"]),
                                                           add(text, **f))[1])
    ed.save()
    assert seen == ["x" * 20] and journal.draft() is None           # kept until the entry is safely stored
    ed.close()


def test_clearing_the_form_removes_the_draft(editor, journal):
    editor.text.value = "something"
    assert journal.draft() is not None
    editor.reset_button.click()
    assert journal.draft() is None and editor.text.value == "" and "clear" in editor.state["status"]


# --------------------------------------------------------------------------- editing, history, deleting
def _saved(editor, **values) -> str:
    editor.fill(**{"text": "We worked on sleep. Felt steady.", "client_id": "c001", "session": 2,
                   "date": "2024-02-01", **values})
    eid = editor.save()
    assert eid
    return eid


def test_load_edit_save_makes_version_2(editor, journal):
    eid = _saved(editor, techniques=["affirmation"], ct_positive=2)
    editor.entry_list.value = eid
    editor.load_button.click()
    assert editor.state["editing"] == eid and "editing entry" in editor.editing_banner.value
    assert editor.state["form"]["techniques"] == ["affirmation"] and editor.state["form"]["ct_positive"] == 2
    assert editor.state["form"]["session"] == 2 and editor.state["form"]["date"] == date(2024, 2, 1)
    assert "unchanged" in editor.preview_summary.value
    editor.techniques.value = ("affirmation", "pacing")
    editor.alliance.value = 7.5
    editor.save_button.click()
    assert editor.state["status"].startswith("Saved version 2") and editor.state["editing"] is None
    hist = journal.history(eid)
    assert hist["version"].tolist() == [1, 2] and hist["op"].tolist() == ["add", "edit"]
    assert hist["text"].iloc[1] == hist["text"].iloc[0]              # the text was not sent again
    row = journal.entries().set_index("entry_id").loc[eid]
    assert row["version"] == 2 and row["techniques"] == ["affirmation", "pacing"]
    assert row["clinician_alliance"] == 7.5 and row["ct_positive"] == 2
    assert editor.entry_list.options[0][0].endswith("version 2")
    editor.history_button.click()
    assert "History of entry" in editor.history_html.value and "edited" in editor.history_html.value


def test_edit_with_nothing_changed_says_so(editor, journal):
    eid = _saved(editor)
    editor.load_entry(eid)
    assert journal.draft() is None                                   # loading is not typing: no draft
    assert editor.save() is None and "Nothing has changed" in editor.state["status"]
    assert len(journal.history(eid)) == 1


def test_edit_new_text_is_anonymised(editor, journal):
    eid = _saved(editor)
    editor.load_entry(eid)
    editor.text.value = f"Rewritten: {NAME} phoned."
    assert "[CLIENT-1]" in editor.preview_html.value
    editor.save()
    assert journal.entries().set_index("entry_id").loc[eid, "text"] == "Rewritten: [CLIENT-1] phoned."


def test_edit_keeps_the_tokens_of_the_stored_text(editor, journal):
    """An edited text goes through the anonymiser again: the tokens already in it must come out unchanged."""
    eid = _saved(editor, text=f"{NAME} saw Dr Smith on 3 May 2024.")
    editor.load_entry(eid)
    stored = editor.text.value
    editor.text.value = stored + " Added a line."
    editor.save()
    assert journal.entries().set_index("entry_id").loc[eid, "text"] == stored + " Added a line."


def test_loading_over_unsaved_work_is_refused(editor, journal):
    eid = _saved(editor)
    editor.text.value = "half-written new reflection"
    editor.entry_list.value = eid
    editor.load_button.click()
    assert editor.state["editing"] is None and editor.text.value == "half-written new reflection"
    assert "not saved" in editor.state["status"]
    with pytest.raises(KeyError):
        editor.load_entry("e-00000000")


def test_delete_asks_for_a_reason_and_a_second_click(editor, journal):
    keep, gone = _saved(editor), _saved(editor, session=3)
    editor.entry_list.value = gone
    editor.delete_button.click()
    assert editor.delete_box.layout.display is None and len(journal) == 2          # only asked so far
    editor.cancel_delete_button.click()
    assert editor.delete_box.layout.display == "none" and len(journal) == 2
    editor.delete_button.click()
    editor.delete_reason.value = "duplicate"
    editor.confirm_delete_button.click()
    assert journal.entries()["entry_id"].tolist() == [keep]
    hist = journal.history(gone)
    assert hist["op"].tolist() == ["add", "delete"] and hist["reason"].iloc[-1] == "duplicate"
    assert editor.state["entries"] == 1 and [v for _, v in editor.entry_list.options] == [keep]
    assert editor.state["status"].startswith(f"Deleted entry {gone}") and "deleted" in editor.history_html.value


def test_delete_is_cancelled_by_choosing_another_entry(editor, journal):
    a, b = _saved(editor), _saved(editor, session=3)
    editor.entry_list.value = a
    editor.delete_button.click()
    editor.entry_list.value = b
    editor.confirm_delete_button.click()
    assert len(journal) == 2 and editor.delete_box.layout.display == "none"


def test_editing_draft_is_restored_as_an_edit(journal):
    ed = JournalEditor(journal)
    eid = _saved(ed)
    ed.load_entry(eid)
    ed.ct["ct_special"].value = 4
    again = JournalEditor(journal)
    assert again.state["editing"] == eid and again.state["form"]["ct_special"] == 4
    assert f"changes to entry {eid}" in again.state["status"]
    again.save()
    assert journal.entries().set_index("entry_id").loc[eid, "ct_special"] == 4


# --------------------------------------------------------------------------- sessions, techniques, state
def test_sessions_dropdown_fills_the_session(journal):
    sessions = pd.DataFrame({"client_id": ["c001", "c001", "c002", "c009"], "session": [1, 2, 1, 1],
                             "date": ["2002-01-11", "2002-01-18", "2002-01-12", "2002-02-01"],
                             "clinician_id": ["clin03", "clin03", "clin03", "clin01"]})
    ed = JournalEditor(journal, sessions=sessions)
    assert ed.session_picker.label == "— choose one —"
    labels = [label for label, _ in ed.session_picker.options[1:]]
    assert labels == ["c001 · session 2 · 2002-01-18", "c002 · session 1 · 2002-01-12",
                      "c001 · session 1 · 2002-01-11"]                 # this clinician's, newest first
    ed.session_picker.value = ed.session_picker.options[1][1]
    assert (ed.client_id.value, ed.session.value, ed.date.value) == ("c001", "2", date(2002, 1, 18))
    assert [lab for lab, _ in ed.session_picker.options[1:]] == ["c001 · session 2 · 2002-01-18",
                                                                  "c001 · session 1 · 2002-01-11"]
    assert "c002" in ed.client_id.options
    ed.text.value = "A session from the list."
    ed.save()
    assert ed.session_picker.label == "— choose one —" and len(ed.session_picker.options) == 4
    with pytest.raises(ValueError, match="date"):
        JournalEditor(journal, sessions=sessions.drop(columns="date"))


def test_default_techniques_are_the_demo_ones(editor):
    ids = [v for _, v in editor.techniques.options]
    assert ids == demo_techniques() and ids == sorted(ids) and "rupture_repair" in ids
    custom = JournalEditor(editor.journal, techniques=["b_two", "a_one"])
    assert custom.techniques.options == (("b two", "b_two"), ("a one", "a_one"))


def test_state_and_fill(editor):
    editor.fill(client_id="c005", session=7, ct_sexualised=1, rupture="confrontation", text="Hi.")
    s = editor.state
    assert set(s) == {"form", "editing", "preview", "entries", "status"}
    assert set(s["form"]) == {"text", "client_id", "session", "date", "techniques", "rupture", "repair_attempted",
                              "clinician_alliance", "language", "interpreter", *CT_LABELS, "ct_note"}
    assert (s["form"]["client_id"], s["form"]["session"], s["form"]["rupture"]) == ("c005", 7, "confrontation")
    with pytest.raises(ValueError, match="unknown"):
        editor.fill(colour="blue")
    editor.reset()
    assert editor.state["form"]["client_id"] is None and editor.state["form"]["ct_sexualised"] == 0


# --------------------------------------------------------------------------- the app
def test_wrong_passphrase_is_a_message(jpath):
    Journal(jpath, PW, kdf_n=KDF_N).close()
    app = journal_app(jpath)
    assert isinstance(app, JournalApp) and app.editor is None and app.open_button.description == "Open journal"
    app.passphrase.value = "not it"
    app.open_button.click()
    assert "That passphrase does not open this journal." in app.message.value
    assert app.editor is None and app.passphrase.value == ""
    app.passphrase.value = PW
    app.open_button.click()
    assert isinstance(app.editor, JournalEditor) and app.children == (app.editor,) and app.passphrase.value == ""
    app.close()
    direct = journal_app(jpath, "wrong again")
    assert direct.editor is None and "does not open" in direct.message.value
    direct.close()


def test_app_with_passphrase_opens_directly(jpath):
    Journal(jpath, PW, kdf_n=KDF_N).close()
    app = journal_app(jpath, PW)
    assert isinstance(app.editor, JournalEditor)
    app.editor.text.value = "via the app"
    assert app.editor.save() and len(app.journal) == 1
    app.close()


def test_new_journal_asks_for_the_passphrase_twice(jpath):
    app = journal_app(jpath, kdf_n=KDF_N, clinician_id="clin07")
    assert app.open_button.description == "Create journal" and app.confirm.layout.display is None
    app.passphrase.value, app.confirm.value = PW, PW + "x"
    app.open_button.click()
    assert "differ" in app.message.value and not jpath.exists()
    app.passphrase.value, app.confirm.value = PW, PW
    app.open_button.click()
    assert app.editor is not None and app.journal.clinician_id == "clin07"
    app.close()
    with Journal(jpath, PW) as j:
        assert j.clinician_id == "clin07"


# --------------------------------------------------------------------------- layout
def _px(value) -> float | None:
    m = re.fullmatch(r"\s*(\d+(?:\.\d+)?)px\s*", value or "")
    return float(m.group(1)) if m else None


def test_layout_fits_a_1280_pixel_window(journal):
    """No fixed width wider than the notebook's column, and rows of fixed widths wrap rather than scroll."""
    sessions = pd.DataFrame({"client_id": ["c001"], "session": [1], "date": ["2002-01-11"]})
    ed = JournalEditor(journal, sessions=sessions)
    column = 1280 - 2 * 140                                          # JupyterLab's margins and side bar, roughly
    assert ed.layout.width == FULL and _px(ed.layout.max_width) <= 1100     # full width, less the widget margins
    for widget in _walk(ed):
        width = _px(getattr(widget.layout, "width", None))
        assert width is None or width <= column / 2, widget
        if isinstance(widget, w.HBox):
            fixed = sum(_px(c.layout.width) or 0 for c in widget.children)
            assert "wrap" in (widget.layout.flex_flow or "") or fixed <= column, widget
        if isinstance(widget, (w.Textarea, w.Select, w.SelectMultiple, w.GridBox)):
            assert widget.layout.width in (FULL, "100%"), widget              # full width (a max_width may cap it)
    grid = next(x for x in _walk(ed) if isinstance(x, w.GridBox))
    assert "auto-fill" in grid.layout.grid_template_columns              # the check-in sliders reflow
    headings = [x.value for x in _walk(ed) if isinstance(x, w.HTML) and x.value.startswith("<h3")]
    assert len(headings) >= 5                                            # reads like a form


def test_the_check_in_prompts_follow_what_happened(editor):
    assert editor.checkin.state["deck"]["prompts"] == []
    editor.rupture.value = "withdrawal"
    deck = editor.checkin.deck
    assert deck.prompts and all({"rupture", "rupture_withdrawal"} & set(p.triggers) for p in deck.prompts)
    assert "noted in this reflection" in deck.prompts[0].reason
    editor.ct["ct_helpless"].value = 4
    assert "ct_helpless" in editor.checkin.state["triggers"]
    editor.text.value = "I felt completely stuck and out of my depth today."
    assert "the words \u201cout of my depth\u201d in this reflection" in [t.detail for t in editor.checkin.triggers()]
    editor.reset_button.click()
    assert editor.checkin.state["deck"]["prompts"] == []
