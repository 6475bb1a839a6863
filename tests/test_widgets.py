"""Widgets driven from pytest: set values, click, and check state and what the library returned."""

from __future__ import annotations

import io

import pytest
from PIL import Image

import rapportlib as rl
from rapportlib.caseload import priority
from rapportlib.widgets import TrendExplorer

PNG = b"\x89PNG\r\n\x1a\n"


@pytest.fixture(scope="module")
def demo():
    return rl.load(rl.demo.data_path())


@pytest.fixture(scope="module")
def explorer(demo):
    return TrendExplorer(demo)


def test_clinician_then_client_most_urgent_first(demo, explorer):
    ranked = priority(rl.alerts(demo))
    clin = ranked["clinician_id"].iloc[0]
    explorer.clinician.value = clin
    expected = ranked.loc[ranked["clinician_id"] == clin, "client_id"].tolist()
    shown = explorer.clients_of(clin)
    assert shown[: len(expected)] == expected                      # alert priority order, then the rest
    assert set(shown) == set(demo.sessions.loc[demo.sessions["clinician_id"] == clin, "client_id"])
    assert explorer.state == {"clinician": clin, "client": expected[0], "measures": ["srs", "ors"]}
    assert explorer.client.options[0][0].startswith(f"{expected[0]} · ")
    assert bytes(explorer.image.value).startswith(PNG)


def test_client_shows_its_alerts_and_events(demo, explorer):
    explorer.select("c004")                                          # the planted decline-then-repair
    assert explorer.state["client"] == "c004"
    assert explorer.state["clinician"] == demo.sessions.loc[demo.sessions["client_id"] == "c004",
                                                            "clinician_id"].iloc[-1]
    assert "decline, then sudden repair" in explorer.events_html.value
    assert "repaired by session 9" in explorer.events_html.value
    urgent = priority(explorer.alerts)["client_id"].iloc[0]
    explorer.select(urgent)
    reasons = explorer.alerts.loc[explorer.alerts["client_id"] == urgent, "reason"]
    assert all(r.replace("'", "&#x27;") in explorer.alerts_html.value for r in reasons)
    assert "priority 1 of" in explorer.caption.value


def test_measure_toggles_redraw(explorer):
    explorer.select("c027")
    two = bytes(explorer.image.value)
    explorer.measure_boxes["wai"].value = True
    three = bytes(explorer.image.value)
    assert explorer.state["measures"] == ["srs", "ors", "wai"]
    assert three != two and bytes(three).startswith(PNG)
    h2, h3 = Image.open(io.BytesIO(two)).height, Image.open(io.BytesIO(three)).height
    assert h3 > h2                                                   # a third panel makes the figure taller
    explorer.measure_boxes["wai"].value = False


def test_never_shows_reflection_text(demo, explorer):
    for client in ("c004", "c021", "c002"):
        explorer.select(client)
        shown = explorer.alerts_html.value + explorer.events_html.value + explorer.caption.value
        texts = demo.reflections.loc[demo.reflections["client_id"] == client, "text"]
        assert not any(t[:40] in shown for t in texts)


def test_unknown_client_is_a_clear_error(explorer):
    with pytest.raises(KeyError, match="c999"):
        explorer.select("c999")


def test_works_on_a_bare_sessions_table(demo):
    ex = TrendExplorer(demo.sessions[demo.sessions["clinician_id"] == "clin06"])
    assert ex.clinician.options == (("clin06 (" + str(
        demo.sessions.loc[demo.sessions["clinician_id"] == "clin06", "client_id"].nunique()) + " clients)", "clin06"),)
    assert bytes(ex.image.value).startswith(PNG)
