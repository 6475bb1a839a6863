"""The guided bias self-check: the wizard protocol, the library pieces behind each step, and the widget
driven start to finish by setting values and clicking buttons, with the saved action items reloaded."""

from __future__ import annotations

import datetime as dt

import ipywidgets as w
import pandas as pd
import pytest
import traitlets

import rapportlib
from rapportlib.bias_check import (
    ActionItem,
    action_items,
    bias_checks,
    caseload_numbers,
    check_in_patterns,
    save_bias_check,
    self_check_triggers,
    set_item_done,
)
from rapportlib.equity import equity_audit
from rapportlib.journal import Journal
from rapportlib.widgets import BiasCheck, Step, Wizard

PW = "a supervision passphrase"
KDF_N = 2**10
pytestmark = pytest.mark.usefixtures("anonymiser_lists")


@pytest.fixture(scope="module")
def demo():
    return rapportlib.load(rapportlib.demo.data_path())


@pytest.fixture(scope="module")
def audit(demo):
    return equity_audit(demo)


@pytest.fixture
def store(tmp_path):
    with Journal(tmp_path / "supervision.sqlite", PW, roster=[{"name": "Ottoline Barraclough", "role": "client"}],
                 kdf_n=KDF_N) as j:
        yield j


# --------------------------------------------------------------------------- the wizard protocol
class Plain(w.VBox):
    """A step that is not a Step subclass: only title, status and state."""

    status = traitlets.Unicode("waiting")

    def __init__(self, title):
        super().__init__()
        self.title = title

    @property
    def state(self):
        return {"title": self.title}


def test_wizard_moves_through_independent_steps_and_respects_a_blocked_one():
    a, b, c = Step("First"), Plain("Second"), Step("Third")
    wiz = Wizard([a, b, c], title="Test")
    assert wiz.index == 0 and a.status == "ready" and b.status == "waiting"
    assert wiz.back_button.disabled and not wiz.next_button.disabled
    assert "Step 1 of 3" in wiz.progress.value
    assert wiz.next() and wiz.index == 1 and b.status == "ready"     # a plain widget is made ready when shown
    b.status, b.blocked_reason = "blocked", "Choose a client first."
    assert wiz.next_button.disabled
    assert not wiz.next() and wiz.index == 1 and "Choose a client first." in wiz.message.value
    b.status = "done"
    assert "✓ Second" in wiz.progress.value
    wiz.next_button.click()
    assert wiz.index == 2 and wiz.next_button.disabled               # the last step
    wiz.back_button.click()
    assert wiz.index == 1
    assert wiz.state == {"First": {}, "Second": {"title": "Second"}, "Third": {}}
    with pytest.raises(ValueError):
        Wizard([])


# --------------------------------------------------------------------------- the library behind the steps
def test_caseload_numbers_show_the_planted_gap_for_clin04(audit):
    nums = caseload_numbers(audit, "clin04")
    versus = nums["versus"].set_index("metric")
    assert list(versus.index) == ["alliance_level", "alliance_trend", "outcome_change", "rupture_rate",
                                  "unrepaired_rate", "dropout", "rating_gap"]
    gap = versus.loc["rating_gap"]
    assert gap["reading"] == "stands out" and gap["estimate"] == "0.81 SD" and gap["difference"] == "+0.80 SD"
    assert gap["ci"] == "+0.26 SD to +1.33 SD"
    # the caseload's group splits are all under 11 clients at the default threshold: none shown, counted
    assert nums["within"].empty and nums["hidden"]["hidden"].iloc[0] > 0
    # across the service, interpreter-mediated clients' rating gap is worth a look
    svc = nums["service"]
    row = svc[(svc["by"] == "interpreter") & (svc["metric"] == "rating_gap")].iloc[0]
    assert row["group"] == "true" and row["strength"] == "worth a look"


def test_self_check_triggers_follow_the_evidence(audit):
    findings = pd.DataFrame({"category": ["blame", "blame", "credibility"]})
    trig = {t.id: t for t in self_check_triggers(findings, audit, clinician="clin04")}
    assert set(trig) == {"rating_gap", "stigmatising_language"}
    assert trig["stigmatising_language"].detail == "2 blame, 1 credibility in the language scan"
    assert trig["rating_gap"].detail == "rating gap by clinician"
    # clin03 has no language findings here and a lower-than-the-rest gap, which stands out too
    assert {t.id for t in self_check_triggers(None, audit, clinician="clin03")} == {"rating_gap"}
    # the whole service: immigration evaluations' alliance and outcome differ (a group difference)
    assert "group_difference" in {t.id for t in self_check_triggers(None, audit)}
    assert self_check_triggers() == []


def test_check_in_patterns_by_client_group_feed_the_check(demo, audit):
    pats = check_in_patterns(demo, "clin04")          # the demo plants clin04's helplessness with interpreters
    assert list(zip(pats["dimension"], pats["group_column"], pats["group"])) == [("ct_helpless", "interpreter", "true")]
    assert check_in_patterns(demo, "clin02").empty
    trig = {t.id: t.detail for t in self_check_triggers(None, audit, clinician="clin04", check_ins=pats)}
    assert {"group_difference", "ct_helpless", "interpreter", "rating_gap"} <= set(trig)
    assert trig["interpreter"] == "check-in ct_helpless by interpreter"


def test_saved_checks_and_items_reload_and_track_done(store, tmp_path):
    nid = save_bias_check(store, "clin04", commitments="Ask Ottoline Barraclough how the sessions feel.",
                          items=[ActionItem("Rewrite the intake note", due=dt.date(2026, 12, 1)),
                                 {"text": "Review SRS with the interpreter present", "client_id": "c010"},
                                 "Read the person-first language guide"],
                          answers={"humility.whose_view": "I assume interpreter sessions go well.", "x": "  "},
                          findings=pd.DataFrame({"category": ["blame"]}), reviewed=["r1:3-9:claim"],
                          together=False, when="2026-11-24")
    save_bias_check(store, "clin01", commitments="Something else.", when="2026-11-20")
    checks = bias_checks(store, "clin04")
    assert list(checks["note_id"]) == [nid] and checks.iloc[0]["n_items"] == 3 and checks.iloc[0]["answers"] == 1
    assert checks.iloc[0]["date"] == pd.Timestamp("2026-11-24") and checks["together"].tolist() == [False]
    assert "Ottoline" not in checks.iloc[0]["commitments_text"]                # anonymised before it was written
    assert "[CLIENT-1]" in checks.iloc[0]["commitments_text"]
    items = action_items(store, "clin04")
    assert list(items["text"]) == ["Rewrite the intake note", "Review SRS with the interpreter present",
                                   "Read the person-first language guide"]
    assert items.iloc[0]["due"] == pd.Timestamp("2026-12-01") and items.iloc[1]["client_id"] == "c010"
    assert not items["done"].any()
    assert set_item_done(store, nid, 1) == 2
    assert list(action_items(store, "clin04", open_only=True)["item"]) == [0, 2]
    path = store.path
    store.close()
    with Journal(path, PW) as again:                                            # reloads from the file
        assert list(action_items(again, "clin04")["done"]) == [False, True, False]
        assert len(bias_checks(again)) == 2
    with pytest.raises(ValueError, match="nothing to save"):
        save_bias_check(Journal(tmp_path / "other.sqlite", PW, kdf_n=KDF_N), "clin04", commitments="  ")
    with pytest.raises(ValueError, match="due date"):
        ActionItem("x", due="next week")


# --------------------------------------------------------------------------- the widget, start to finish
def test_bias_check_driven_start_to_finish_and_reloaded(demo, store):
    bc = BiasCheck(demo, "clin04", store=store)
    assert bc.index == 0 and bc.numbers.status == "ready"
    numbers = bc.state["The numbers"]
    assert numbers["threshold"] == 11 and numbers["suppressed"] > 0
    assert any("clin04's clients" in s and "stands out" in s for s in numbers["stands_out"])
    assert "stands out" in bc.numbers.versus.value and bc.numbers.image.value[:4] == b"\x89PNG"
    assert "ct_helpless" in bc.numbers.check_ins.value and "interpreter = true" in bc.numbers.check_ins.value
    # small groups, within the meeting: clin04's interpreter-mediated clients now show, and stand out
    bc.numbers.small.value = True
    assert bc.numbers.state["threshold"] == 5 and "keep these numbers inside this meeting" in bc.numbers.warning.value
    assert any("interpreter-mediated clients" in s for s in bc.numbers.state["stands_out"])
    bc.numbers.metric.value = "alliance_level"
    bc.numbers.scope.value = "service"
    assert bc.numbers.image.value[:4] == b"\x89PNG"

    bc.next_button.click()                                          # 2: the language scan
    lang = bc.language.state
    assert bc.index == 1 and lang["reflections"] > 0 and lang["findings"] == len(bc.language.findings) > 0
    assert "<mark" in bc.language.list.children[0].children[0].value
    first = bc.language.list.children[0].children[1]
    first.value = True                                              # "talked about"
    assert len(bc.language.state["reviewed"]) == 1

    bc.next_button.click()                                          # 3: reflection questions
    reflect = bc.reflect.state
    assert set(reflect["triggers"]) >= {"rating_gap", "stigmatising_language", "group_difference", "interpreter"}
    assert reflect["prompts"][0] == "humility.whose_view"
    bc.reflect.deck.answer.value = "My sense of the sessions may run warmer than the clients'."

    bc.next_button.click()                                          # 4: commitments
    c = bc.commit
    assert "first saved bias check" in c.previous.children[0].value
    c.together.value = False
    c.commitments.value = "Ask each interpreter-mediated client for feedback in their own language."
    c.item_text.value = "Go through the SRS with the interpreter present"
    c.item_due.value = dt.date(2026, 12, 8)
    c.item_client.value = [v for _, v in c.item_client.options][1]            # the caseload's first client
    c.add_button.click()
    c.item_text.value = "Reread three notes for wording"          # typed but not added: saved too
    c.save_button.click()
    assert c.status == "done" and c.saved_id and "Saved on" in c.message.value
    assert "✓ Commitments" in bc.progress.value

    items = action_items(store, "clin04")
    assert list(items["text"]) == ["Go through the SRS with the interpreter present", "Reread three notes for wording"]
    assert items.iloc[0]["due"] == pd.Timestamp("2026-12-08") and items.iloc[0]["client_id"].startswith("c")
    assert pd.isna(items.iloc[1]["client_id"])
    saved = store.notes("bias_check").iloc[0]["data"]
    assert saved["together"] is False and saved["answers"][0]["prompt_id"] == "humility.whose_view"
    assert saved["reviewed"] == bc.language.state["reviewed"] and sum(saved["language_findings"].values()) == \
        lang["findings"]

    # next time: the earlier commitments and open items are shown, and ticking one records it
    again = BiasCheck(demo, "clin04", store=store)
    again.go(3)
    prev = again.commit.previous.children
    assert "Ask each interpreter-mediated client" in prev[0].value
    boxes = [x for x in prev if isinstance(x, w.Checkbox)]
    assert [b.description for b in boxes] == ["Go through the SRS with the interpreter present (due 08 Dec 2026)",
                                              "Reread three notes for wording"]
    boxes[0].value = True
    assert list(action_items(store, "clin04")["done"]) == [True, False]


def test_bias_check_without_a_store_asks_for_a_passphrase(demo, tmp_path):
    bc = BiasCheck(demo, "clin02", store_path=tmp_path / "sup.sqlite", kdf_n=KDF_N)
    bc.go(3)
    c = bc.commit
    assert c.passphrase.layout.display is None and "passphrase" in c.previous.children[0].value
    c.commitments.value = "Slow down at the start of sessions."
    assert c.save() is None and "Enter the passphrase" in c.message.value
    c.passphrase.value = PW
    assert c.save() and c.status == "done" and c.passphrase.value == ""
    with Journal(tmp_path / "sup.sqlite", PW) as j:
        assert list(bias_checks(j)["clinician_id"]) == ["clin02"]
    other = BiasCheck(demo, "clin02", store_path=tmp_path / "sup.sqlite")
    other.go(3)
    other.commit.commitments.value = "x"
    other.commit.passphrase.value = "wrong"
    assert other.commit.save() is None and "does not open" in other.commit.message.value


def test_empty_states_and_unknown_clinician(demo):
    with pytest.raises(ValueError, match="clin99"):
        BiasCheck(demo, "clin99")
    refl = demo.reflections
    no_text = type("D", (), {"sessions": demo.sessions, "clients": demo.clients,
                             "reflections": refl[refl["clinician_id"] != "clin05"], "instruments": None})()
    bc = BiasCheck(no_text, "clin05")
    bc.go(1)
    assert "no reflections in this dataset yet" in bc.language.summary.value
    assert bc.language.state["findings"] == 0
    bc.go(2)
    assert bc.reflect.state["prompts"]                               # still questions to reflect on
