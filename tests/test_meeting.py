"""The supervision meeting: the library on tiny literal tables (what changed, records and their items, the
summary), then the seven-step wizard driven start to finish on the demo data by setting values and clicking
buttons, reopened on the same record; empty states; errors as messages; the notebook's report run."""

from __future__ import annotations

import datetime as dt
import importlib.util
from pathlib import Path

import ipywidgets as w
import pandas as pd
import pytest

import rapportlib
from rapportlib.bias_check import ActionItem
from rapportlib.journal import Journal
from rapportlib.meeting import (
    bias_check_counts,
    caseload_changes,
    client_focus,
    ct_triggers,
    export_summary,
    meeting_items,
    meeting_summary,
    meetings,
    previous_meeting,
    ranked_alerts,
    save_meeting,
    set_meeting_item_done,
)
from rapportlib.widgets import SupervisionMeeting

PW = "a supervision passphrase"
KDF_N = 2**10
ROOT = Path(__file__).resolve().parents[1]
pytestmark = pytest.mark.usefixtures("anonymiser_lists")


@pytest.fixture(scope="module")
def demo():
    return rapportlib.load(rapportlib.demo.data_path())


@pytest.fixture(scope="module")
def demo_alerts(demo):
    return rapportlib.alerts(demo)


@pytest.fixture
def store(tmp_path):
    with Journal(tmp_path / "supervision.sqlite", PW, roster=[{"name": "Ottoline Barraclough", "role": "client"}],
                 kdf_n=KDF_N) as j:
        yield j


def _view(dataset, **tables):
    """The dataset with some tables replaced (the rest as they are)."""
    names = ("sessions", "clients", "reflections", "instruments")
    return type("D", (), {n: tables.get(n, getattr(dataset, n, None)) for n in names})()


# --------------------------------------------------------------------------- what changed since the last meeting
def _tiny() -> pd.DataFrame:
    rows = []

    def add(client, clinician, dates, srs):
        for i, (d, s) in enumerate(zip(dates, srs), start=1):
            rows.append({"client_id": client, "session": i, "clinician_id": clinician, "date": pd.Timestamp(d),
                         "srs_total": float(s), "ors_total": 30.0})

    # a: fine until the last meeting, then the alliance falls below the cut-off (new alerts)
    add("a", "T", ["2024-02-01", "2024-02-08", "2024-02-15", "2024-02-22", "2024-03-07", "2024-04-15"],
        [38, 38.5, 38, 38.5, 30, 29])
    # b: starts after the last meeting
    add("b", "T", ["2024-03-20", "2024-03-27"], [39, 39])
    # c: seen just before the last meeting, not since (ended)
    add("c", "T", ["2024-01-10", "2024-01-24", "2024-02-20"], [38, 38, 38])
    # q: nothing in the period and long finished: not listed; o: another clinician's client
    add("q", "T", ["2023-05-01", "2023-05-08"], [38, 38])
    add("o", "U", ["2024-03-10", "2024-03-17"], [20, 20])
    return pd.DataFrame(rows)


def test_caseload_changes_since_a_date_on_a_tiny_table():
    ch = caseload_changes(_tiny(), "T", "2024-03-01").set_index("client_id")
    assert list(ch.index) == ["a", "b", "c"]                        # new alerts first, then by id
    a, b, c = ch.loc["a"], ch.loc["b"], ch.loc["c"]
    assert a["status"] == "ongoing" and a["new_sessions"] == 2 and a["last_date"] == pd.Timestamp("2024-04-15")
    assert "low alliance" in a["new_alerts"] and a["gone_alerts"] == ""
    assert a["what"] == "2 new sessions; new alert: low alliance"
    assert b["status"] == "started" and b["new_sessions"] == 2 and b["what"].startswith("Started on 20 Mar 2024")
    assert c["status"] == "ended" and c["new_sessions"] == 0 and "No session since 20 Feb 2024" in c["what"]
    # since the period's end nothing is new; a later "now" makes b's and a's clients look the same
    assert caseload_changes(_tiny(), "T", "2024-04-16").empty
    assert caseload_changes(_tiny(), "nobody", "2024-03-01").empty
    with pytest.raises(ValueError, match="no dates"):
        caseload_changes(_tiny().drop(columns="date"), "T", "2024-03-01")


def test_caseload_changes_counts_ruptures_and_repairs_in_the_period():
    t = _tiny()
    extra = pd.DataFrame({"client_id": "r", "session": range(1, 9), "clinician_id": "T",
                          "date": pd.date_range("2024-02-01", periods=8, freq="7D"),
                          "srs_total": [38, 38.5, 38, 38.5, 38, 28, 38, 38.5], "ors_total": 30.0})
    ch = caseload_changes(pd.concat([t, extra], ignore_index=True), "T", "2024-03-01").set_index("client_id")
    r = ch.loc["r"]                                     # the fall at session 6 (7 Mar), repaired at session 7
    assert r["ruptures"] == 1 and r["repairs"] == 1 and "1 rupture; 1 repair" in r["what"]


def test_ranked_alerts_of_one_caseload(demo_alerts):
    r = ranked_alerts(demo_alerts, "clin04")
    assert list(r["rank"]) == list(range(1, len(r) + 1)) and (r["clinician_id"] == "clin04").all()
    assert r["priority"].is_monotonic_increasing and r.iloc[0]["client_id"] == "c008"
    assert "below the cut-off 36" in r.iloc[0]["reasons"]
    assert ranked_alerts(demo_alerts, "nobody").empty and ranked_alerts(None).empty


# --------------------------------------------------------------------------- one client, patterns, bias counts
def test_client_focus_on_the_demo(demo, demo_alerts):
    f = client_focus(demo, "c008", "2002-01-01", alerts=demo_alerts)
    assert f.clinician_id == "clin04" and f.n_rated == 21 and not f.notes
    assert list(zip(f.ruptures["drop_session"], f.ruptures["pattern"])) == [(9, "v"), (11, "unrepaired")]
    assert (f.ruptures["measure"] == "wai_sr_total").all() and f.ruptures["drop_date"].notna().all()
    why = dict(zip(f.reflections["session"], f.reflections["why"]))
    assert why[9] == "alliance fell at this session" and why[10] == "alliance repaired by this session"
    assert why[15] == "rupture noted (withdrawal)" and why[20] == "latest"
    assert f.reflections["new"].any() and not f.reflections.loc[f.reflections["session"] == 9, "new"].any()
    assert f.techniques.iloc[0]["name"] == "Affirmation" and f.techniques["n"].sum() > 10
    assert [t.id for t in f.triggers][:2] == ["rupture", "low_alliance"]
    with pytest.raises(KeyError):
        client_focus(demo, "c999", alerts=demo_alerts)


def test_client_focus_empty_states(demo):
    s = demo.sessions
    two = s[(s["client_id"] != "c008") | (s["session"] <= 1)]          # c008: intake and one session
    refl = demo.reflections
    data = _view(demo, sessions=two, reflections=refl[refl["client_id"] != "c008"])
    f = client_focus(data, "c008")
    assert f.n_rated == 2 and f.ruptures.empty and f.reflections.empty and f.techniques.empty
    assert any("2 rated sessions so far" in n for n in f.notes)
    assert any("No reflections on c008's sessions yet" in n for n in f.notes)
    assert f.triggers                                                   # still prompts (first sessions, client)


def test_ct_triggers_and_bias_counts(demo):
    pats = rapportlib.countertransference_profile(demo, clinician_id="clin04").patterns_of("clin04")
    trig = {t.id: t.detail for t in ct_triggers(pats)}
    assert {"ct_helpless", "group_difference", "interpreter"} <= set(trig)
    assert trig["interpreter"] == "ct_helpless by interpreter"
    assert ct_triggers(pats.iloc[:0]) == [] and ct_triggers(None) == []
    audit = rapportlib.equity_audit(demo)
    findings = rapportlib.scan_language(demo)
    counts = bias_check_counts(audit, findings, "clin04")
    assert counts["stands_out"] >= 1
    assert counts["language_findings"] == int((findings["clinician_id"] == "clin04").sum())
    assert bias_check_counts(audit, findings, "nobody") == dict.fromkeys(counts, 0)


# --------------------------------------------------------------------------- meeting records
def test_meetings_save_reload_and_track_items(store):
    first = save_meeting(store, "clin04", date="2026-10-01", since=dt.date(2026, 9, 1),
                         agenda="Talk about Ottoline Barraclough's missed sessions.",
                         items=[ActionItem("Ask about the rupture", due="2026-10-15", client_id="c008"),
                                {"text": "Read the interpreter guide"}, "Bring two reflections"],
                         focus_clients=["c008", "c073", "c008"], summary={"alerts": ["c008"], "ct_patterns": 1})
    second = save_meeting(store, "clin04", date="2026-11-01", since="2026-10-01", items=["Review c073's ORS"])
    save_meeting(store, "clin01", date="2026-11-02")
    ms = meetings(store, "clin04")
    assert list(ms["note_id"]) == [first, second] and list(ms["n_items"]) == [3, 1]
    assert ms.iloc[0]["focus_clients"] == ["c008", "c073"] and ms.iloc[0]["since"] == pd.Timestamp("2026-09-01")
    assert "Ottoline" not in ms.iloc[0]["agenda_text"] and "[CLIENT-1]" in ms.iloc[0]["agenda_text"]
    items = meeting_items(store, "clin04")
    assert list(items["text"]) == ["Ask about the rupture", "Read the interpreter guide", "Bring two reflections",
                                   "Review c073's ORS"]
    assert items.iloc[0]["due"] == pd.Timestamp("2026-10-15") and items.iloc[0]["client_id"] == "c008"
    assert set_meeting_item_done(store, first, 1) == 2
    assert list(meeting_items(store, "clin04", open_only=True)["item"]) == [0, 2, 0]
    prev = previous_meeting(store, "clin04")
    assert prev.note_id == second and list(prev.items["text"]) == ["Review c073's ORS"]
    assert previous_meeting(store, "clin04", before=second).note_id == first
    assert previous_meeting(store, "clin05") is None
    assert store.note_history(first)["version"].tolist() == [1, 2]             # the earlier version stays
    path = store.path
    store.close()
    with Journal(path, PW) as again:
        assert list(meeting_items(again, "clin04", note_id=first)["done"]) == [False, True, False]
        assert previous_meeting(again, "clin04").summary == {}
        assert meetings(again, "clin01").iloc[0]["n_items"] == 0
    with pytest.raises(ValueError, match="supervisee"):
        save_meeting(Journal(Path(path).parent / "x.sqlite", PW, kdf_n=KDF_N), " ")


def test_summary_has_ids_counts_and_typed_text_only(demo, demo_alerts, tmp_path):
    refl = demo.reflections
    kw = dict(date="2026-11-24", since="2003-02-26", until="2003-03-26", alerts=demo_alerts,
              focus_clients=["c008"], ct_patterns=pd.DataFrame({"detail": ["clin04 rated ct_helpless 2.1 ..."]}),
              bias_check={"stands_out": 1, "language_findings": 4, "saved": True},
              agenda="Rupture | repair with c008", items=[ActionItem("Ask c008 about it", due="2026-12-01",
                                                                     client_id="c008")])
    md = meeting_summary("clin04", **kw)
    assert md.startswith("# Supervision meeting with clin04, 24 Nov 2026")
    assert "Period: since 26 Feb 2003 (data up to 26 Mar 2003)." in md
    assert "| 1 | c008 | unrepaired rupture, low alliance, not on track, rater gap | ✓ |" in md
    assert "- comparisons that stand out: 1" in md and "- bias-check commitments saved: yes" in md
    assert "> Rupture | repair with c008" in md and "| c008 | Ask c008 about it | 01 Dec 2026 |  |" in md
    assert not any(t[:50] in md for t in refl["text"].dropna() if len(t) > 50)
    html = meeting_summary("clin04", **kw, format="html")
    assert html.startswith("<div") and "<table" in html and "Rupture | repair" in html
    empty = meeting_summary("clin05")
    assert "No alerts for clin05's clients." in empty and "No action items." in empty and "Not looked at." in empty
    out = export_summary("clin04", tmp_path / "s.html", **kw)
    page = out.read_text(encoding="utf-8")
    assert page.startswith("<!DOCTYPE html>") and "<style>" in page and "src=" not in page   # self-contained
    assert export_summary("clin04", tmp_path / "s.md", **kw).read_text(encoding="utf-8") == md
    with pytest.raises(ValueError, match=r"\.md"):
        export_summary("clin04", tmp_path / "s.txt", **kw)


# --------------------------------------------------------------------------- the wizard, start to finish
def test_meeting_driven_start_to_finish_and_reopened(demo, store, tmp_path):
    m = SupervisionMeeting(demo, "clin04", store=store)
    setup = m.setup
    assert m.index == 0 and setup.status == "ready" and "Step 1 of 7" in m.progress.value
    assert setup.state == {"data": "given", "supervisee": "clin04", "since": "2003-02-26", "until": "2003-03-26",
                           "clients": 12, "sessions": 957}
    assert setup.supervisee.options[3] == ("clin04 · 12 clients · 10 with alerts", "clin04")
    setup.supervisee.value = "clin02"                                   # the period follows the supervisee
    assert setup.since.value == dt.date(2002, 12, 8)
    setup.supervisee.value = "clin04"
    setup.since.value = dt.date(2003, 1, 1)

    m.next_button.click()                                               # 2: caseload
    cs = m.caseload
    assert m.index == 1 and cs.message.value == "" and cs.image.value[:4] == b"\x89PNG"
    assert cs.state["clients_with_alerts"][:2] == ["c008", "c059"] and cs.state["alerts"] == 23
    assert "below the cut-off 36" in cs.alerts_html.value and "since 01 Jan 2003" in cs.changes_heading.value
    assert "c067" in cs.state["changes"]

    m.next_button.click()                                               # 3: client focus
    cf = m.client
    assert cf.client.value == "c008" and cf.image.value[:4] == b"\x89PNG"
    assert "unrepaired" in cf.ruptures_html.value and "r0088" in cf.reflections_html.value
    assert "Affirmation ×4" in cf.techniques_html.value and cf.state["prompts"]
    assert "rupture" in cf.state["triggers"]
    cf.client.value = "c073"
    cf.deck.answer.value = "What made the last sessions harder?"
    assert cf.state["discussed"] == ["c008", "c073"] and cf.state["answers"]

    m.next_button.click()                                               # 4: countertransference
    ct = m.ct
    assert ct.image.value[:4] == b"\x89PNG" and ct.state["check_ins"] > 100
    assert any("interpreter = true" in p for p in ct.state["patterns"]) and "ct_helpless" in ct.state["triggers"]
    assert ct.deck.state["prompts"]

    m.next_button.click()                                               # 5: the bias check, embedded
    bc = m.bias
    assert bc.check is not None and bc.check.commit.store is store and bc.state["stands_out"] >= 1
    assert bc.check.next_button.description == "Next in the bias check"
    bc.check.next_button.click()                                        # its own step 2: the language scan
    assert bc.state["language_findings"] == bc.check.language.state["findings"]

    m.next_button.click()                                               # 6: agenda and actions
    ag = m.agenda
    assert "first saved meeting with clin04" in ag.previous.children[0].value
    assert [v for _, v in ag.item_client.options][1:3] == ["c008", "c073"]    # the clients discussed first
    ag.agenda.value = "Ottoline Barraclough's rupture; interpreter sessions."
    ag.add_button.click()
    assert "Write what the action is first" in ag.message.value
    ag.item_client.value = "c008"
    ag.item_text.value = "Ask c008 how the sessions feel"
    ag.item_due.value = dt.date(2026, 12, 8)
    ag.add_button.click()
    ag.item_text.value = "Bring a reflection on an interpreter session"
    ag.add_button.click()
    assert len(ag.state["items"]) == 2 and "due 08 Dec 2026" in ag.item_list.value

    m.next_button.click()                                               # 7: close
    cl = m.closing
    assert m.index == 6 and m.next_button.disabled
    assert "c008" in cl.preview.value and "Ask c008 how the sessions feel" in cl.preview.value
    assert cl.passphrase.layout.display == "none"
    cl.save_button.click()
    assert cl.status == "done" and cl.state["saved"] and "Saved on" in cl.message.value
    cl.path.value = str(tmp_path / "meeting.md")
    cl.export_button.click()
    text = (tmp_path / "meeting.md").read_text(encoding="utf-8")
    assert cl.state["exported"] == str(tmp_path / "meeting.md") and "## Action items" in text
    assert "Ottoline" in text                            # the export is what was typed; the record is anonymised
    saved = meetings(store, "clin04").iloc[-1]
    assert saved["focus_clients"] == ["c008", "c073"] and "Ottoline" not in saved["agenda_text"]
    assert saved["since"] == pd.Timestamp("2003-01-01")

    # the next meeting shows these items, each with a done toggle that is recorded
    again = SupervisionMeeting(demo, "clin04", store=store)
    again.go(5)
    prev = again.agenda
    assert "Last meeting:" in prev.previous.children[0].value and "clients discussed: c008, c073" in \
        prev.previous.children[0].value
    toggles = [t for t in prev.toggles if isinstance(t, w.ToggleButton)]
    assert [t.description for t in toggles] == ["Not done", "Not done"]
    toggles[0].value = True
    assert toggles[0].description == "Done" and list(meeting_items(store, "clin04")["done"]) == [True, False]
    assert prev.state["previous_done"] == [True, False]
    again.go(6)
    assert "1 of 2 done." in again.closing.preview.value


def test_meeting_without_a_store_asks_for_the_passphrase(demo, tmp_path):
    path = tmp_path / "sup.sqlite"
    m = SupervisionMeeting(demo, "clin02", store_path=path, kdf_n=KDF_N)
    m.go(5)
    assert "once your supervision record is open" in m.agenda.previous.children[0].value
    m.go(6)
    cl = m.closing
    assert cl.passphrase.layout.display is None
    assert cl.save() is None and "Enter the passphrase" in cl.message.value
    cl.passphrase.value = PW
    assert cl.save() and cl.status == "done" and cl.passphrase.value == ""
    other = SupervisionMeeting(demo, "clin02", store_path=path)
    other.go(5)
    other.agenda.passphrase.value = "wrong"
    other.agenda.open_button.click()
    assert "does not open" in other.agenda.message.value
    other.agenda.passphrase.value = PW
    other.agenda.open_button.click()
    assert "first saved meeting" not in other.agenda.previous.children[0].value
    assert "No action items were agreed" in other.agenda.previous.children[1].value
    other.go(4)                                          # the bias check saves to the record opened here
    assert other.bias.check.commit.store is other.ctx.store


def test_empty_states_in_the_wizard(demo):
    refl = demo.reflections
    s = demo.sessions
    data = _view(demo, reflections=refl[refl["clinician_id"] != "clin05"],
                 sessions=s[(s["client_id"] != "c004") | (s["session"] <= 1)])      # c004 (clin05): two sessions
    m = SupervisionMeeting(data, "clin05")
    m.go(2)
    m.client.client.value = "c004"
    notes = m.client.notes.value
    assert "c004 has 2 rated sessions so far" in notes and "No reflections on c004" in notes
    assert "Too few ratings" in m.client.ruptures_html.value and m.client.deck.state["prompts"]
    m.go(3)
    assert "No check-ins from clin05 yet" in m.ct.summary.value and m.ct.image.layout.display == "none"
    assert m.ct.deck.state["prompts"]
    # a caseload without alerts
    quiet = _view(demo, sessions=s[s["clinician_id"] == "clin03"].assign(srs_total=39.0, ors_total=35.0))
    q = SupervisionMeeting(quiet, "clin03")
    q.ctx._alerts = q.ctx.alerts.iloc[:0]
    q.go(1)
    assert "No alerts for clin03" in q.caseload.alerts_html.value and q.caseload.state["alerts"] == 0


def test_errors_are_messages(demo, tmp_path):
    m = SupervisionMeeting(demo, "clin04")
    m.setup.folder.value = str(tmp_path / "no such folder")
    assert m.setup.load() is None
    msg = m.setup.message.value
    assert "Could not load the dataset" in msg and "not found" in msg and "Traceback" not in msg
    assert m.setup.status == "ready" and m.ctx.dataset is demo          # the loaded data stay
    (tmp_path / "empty").mkdir()
    m.setup.folder.value = str(tmp_path / "empty")
    m.setup.load_button.click()
    assert "holds no sessions or reflections file" in m.setup.message.value
    with pytest.raises(ValueError, match="clin99"):
        SupervisionMeeting(demo, "clin99")
    # an unexpected failure inside a step is a message naming only the kind of error
    m.go(2)
    m.ctx._alerts = "not a table"
    m.client.show("c008")
    assert "Could not show this client: an unexpected" in m.client.message.value


def test_setup_loads_a_folder_and_blocks_until_ready(tmp_path):
    m = SupervisionMeeting(store_path=tmp_path / "s.sqlite")             # loads the demo in step 1
    assert m.ctx.dataset is not None and m.setup.state["data"] == "demo" and m.setup.status == "ready"
    assert "Loaded the demo dataset" in m.setup.loaded.value
    m.ctx.set_dataset(None)
    m.setup._check()
    assert m.setup.status == "blocked" and not m.next()
    assert "Load a dataset first" in m.message.value


# --------------------------------------------------------------------------- the notebook as a report
def test_notebook_runs_as_a_report(tmp_path, monkeypatch, store):
    if importlib.util.find_spec("papermill") is None:
        pytest.skip("papermill is not installed (pip install papermill) to run the notebook as a report")
    import papermill

    save_meeting(store, "clin04", date="2026-11-01", items=["Ask c008 about the rupture", "Done already"])
    nid = meetings(store, "clin04").iloc[0]["note_id"]
    set_meeting_item_done(store, nid, 1)
    monkeypatch.setenv("RAPPORT_SUPERVISION", str(store.path))
    monkeypatch.setenv("RAPPORT_SUPERVISION_PASSPHRASE", PW)
    out = tmp_path / "report.ipynb"
    papermill.execute_notebook(str(ROOT / "notebooks" / "supervision_meeting.ipynb"), str(out),
                               parameters={"REPORT": True, "SUPERVISEE": "clin04", "SINCE": "2002-06-01"},
                               cwd=str(tmp_path),
                               progress_bar=False, kernel_name="python3")
    import json

    nb = json.loads(out.read_text(encoding="utf-8"))
    shown = []
    for cell in nb["cells"]:
        for o in cell.get("outputs", []):
            assert o.get("output_type") != "error"
            data = o.get("data", {})
            shown.append("".join(data.get("text/markdown", "")) + "".join(data.get("text/html", "")))
            assert "application/vnd.jupyter.widget-view+json" not in data          # no widgets in a report
    text = "\n".join(shown)
    assert "Supervision meeting report: clin04" in text and "1 of 2 items still open" in text
    assert "Ask c008 about the rupture" in text and "c008" in text
    pngs = sum("image/png" in o.get("data", {}) for c in nb["cells"] for o in c.get("outputs", []))
    assert pngs >= 5                                     # caseload, three trends, the check-in grid
