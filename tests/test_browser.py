"""The notebooks served as web apps by Voilà, rendered in headless Chromium.

Needs Debian's ``chromium`` (``.ci/run`` installs it) and the ``voila`` and ``playwright`` packages of the
test extra; skips with the reason when any is missing. Screenshots go to ``$RAPPORT_SCREENSHOTS``
(default: the test's temporary folder) so that a person can look at them.
"""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
        "--no-first-run"]


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="module")
def voila(tmp_path_factory):
    pytest.importorskip("voila", reason="voila is not installed (pip install -e '.[test]')")
    pytest.importorskip("playwright", reason="playwright is not installed (pip install -e '.[test]')")
    if not Path(CHROMIUM).exists():
        pytest.skip("Debian's chromium is not installed (apt-get install chromium; .ci/run does this)")
    port = _free_port()
    log = open(ROOT / "tests" / ".voila.log", "w")   # closed in the teardown
    # the reflection journal opens a throwaway journal (the kernels Voilà starts inherit this environment)
    env = {**os.environ, "RAPPORT_JOURNAL": str(tmp_path_factory.mktemp("journal") / "journal.sqlite"),
           "RAPPORT_JOURNAL_PASSPHRASE": "a throwaway passphrase for the browser test",
           "RAPPORT_CLINICIAN_ID": "clin01", "RAPPORT_JOURNAL_DEMO": "0",
           # and the research notebook's coding file
           "RAPPORT_CODING": str(tmp_path_factory.mktemp("coding") / "coding.sqlite"),
           "RAPPORT_CODING_PASSPHRASE": "a throwaway passphrase for the browser test", "RAPPORT_CODING_DEMO": "0",
           "RAPPORT_CODER": "coder A"}
    proc = subprocess.Popen([sys.executable, "-m", "voila", "--no-browser", f"--port={port}", "--Voila.ip=127.0.0.1",
                             "--show_tracebacks=True", str(ROOT / "notebooks")],
                            cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT)
    deadline = time.time() + 60
    while time.time() < deadline:
        try:
            socket.create_connection(("127.0.0.1", port), timeout=1).close()
            break
        except OSError:
            time.sleep(0.5)
    else:
        proc.kill()
        pytest.fail("voila did not start within 60 s; see tests/.voila.log")
    yield f"http://127.0.0.1:{port}"
    proc.terminate()
    proc.wait(timeout=20)
    log.close()


def _shots(tmp_path: Path) -> Path:
    out = Path(os.environ.get("RAPPORT_SCREENSHOTS", tmp_path))
    out.mkdir(parents=True, exist_ok=True)
    return out


# the page, or any scrolling box inside it (Voilà scrolls an inner panel), wider than its window
_SCROLLS_SIDEWAYS = """() => [document.documentElement, ...document.querySelectorAll('*')].filter(e =>
    (e === document.documentElement || ['auto', 'scroll'].includes(getComputedStyle(e).overflowX))
    && e.scrollWidth > e.clientWidth + 2)
    .map(e => [e.className, e.scrollWidth, e.clientWidth, e.innerText.slice(0, 60)])"""


def test_alliance_trends_renders_as_a_web_app(voila, tmp_path):
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        page = browser.new_page(viewport={"width": 1400, "height": 1000})
        page.goto(f"{voila}/voila/render/alliance_trends.ipynb", timeout=180_000)
        # the explorer's plot is an <img> filled with a PNG once the kernel has run the notebook
        img = page.wait_for_selector("img.widget-image[src^='blob:'], img.widget-image[src^='data:']",
                                     timeout=180_000)
        page.wait_for_timeout(1500)
        page.screenshot(path=str(_shots(tmp_path) / "alliance_trends.png"))
        img.scroll_into_view_if_needed()
        page.mouse.wheel(0, -250)
        page.wait_for_timeout(300)
        page.screenshot(path=str(_shots(tmp_path) / "alliance_trends_explorer.png"))
        text = page.inner_text("body")
        n_images = len(page.query_selector_all("img"))
        box = img.bounding_box()
        selects = page.query_selector_all("select")
        # choose another client in the explorer and wait for a new plot
        before = img.get_attribute("src")
        client = selects[1]
        n_options = len(client.query_selector_all("option"))
        client.select_option(index=min(2, n_options - 1))
        page.wait_for_function("(b) => document.querySelector('img.widget-image').src !== b", arg=before,
                               timeout=30_000)
        page.screenshot(path=str(_shots(tmp_path) / "alliance_trends_other_client.png"))
        browser.close()
    assert "Traceback" not in text and "Error" not in text
    assert "<Figure size" not in text                   # every figure rendered as an image, none as its repr
    assert n_images >= 6                                # caseload, client, Jacobson, categories, cohort, explorer
    assert "Who to look at first" in text and "Reliable and clinically significant change" in text
    assert box is not None and box["width"] > 400
    assert len(selects) >= 2


def test_reflection_journal_previews_and_saves_in_the_browser(voila, tmp_path):
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        page = browser.new_page(viewport={"width": 1280, "height": 1000})
        page.goto(f"{voila}/voila/render/reflection_journal.ipynb", timeout=180_000)
        box = page.wait_for_selector("textarea", timeout=180_000)       # the journal opened: the form is shown
        box.click()
        page.keyboard.type("Called Marguerite Okafor back on 07700 900123 after the session.", delay=5)
        page.wait_for_selector("mark:has-text('[PHONE-')", timeout=30_000)   # the live preview
        preview = page.inner_text("body")
        page.locator("mark").first.scroll_into_view_if_needed()
        page.screenshot(path=str(_shots(tmp_path) / "reflection_journal.png"))
        page.get_by_role("button", name="Save to my journal").click()
        page.wait_for_selector("text=is in your journal, anonymised and encrypted", timeout=30_000)
        page.screenshot(path=str(_shots(tmp_path) / "reflection_journal_saved.png"))
        listed = page.locator("select[size]").last.inner_text().replace("\xa0", " ")
        text = page.inner_text("body")
        browser.close()
    assert "Traceback" not in text and "Error" not in text
    assert "Your reflection" in preview and "[PERSON-" in preview
    assert "version 1" in listed and "No entries yet" not in text
    assert "07700" not in text.replace("Called Marguerite Okafor back on 07700 900123", "")


def test_bias_check_steps_through_in_the_browser(voila, tmp_path):
    from playwright.sync_api import sync_playwright

    shots = _shots(tmp_path)
    seen = []
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        page = browser.new_page(viewport={"width": 1280, "height": 800})
        page.goto(f"{voila}/voila/render/bias_check.ipynb", timeout=180_000)
        page.wait_for_selector("text=Step 1 of 4", timeout=180_000)
        page.wait_for_selector("img.widget-image[src^='blob:'], img.widget-image[src^='data:']", timeout=60_000)
        page.locator("text=Compared with the rest of the service").scroll_into_view_if_needed()
        page.screenshot(path=str(shots / "bias_check_1_numbers.png"))
        seen.append(page.inner_text("body"))
        for step, heading, name in ((2, "What the language scan found", "language"),
                                    (3, "Questions to reflect on", "reflection"),
                                    (4, "Commitments from this check", "commitments")):
            page.get_by_role("button", name="Next step").click()
            page.wait_for_selector(f"text=Step {step} of 4", timeout=60_000)
            page.locator("h3", has_text=heading).first.scroll_into_view_if_needed()
            page.wait_for_timeout(500)
            page.screenshot(path=str(shots / f"bias_check_{step}_{name}.png"))
            seen.append(page.inner_text("body"))
        wide = page.evaluate(_SCROLLS_SIDEWAYS)
        browser.close()
    for text in seen:
        assert "Traceback" not in text and "Error" not in text
    assert "rest of service" in seen[0] and "stands out" in seen[0]
    assert "Instead:" in seen[1] and "talked about" in seen[1]
    assert "Chosen because" in seen[2] or "Elegida porque" in seen[2]
    assert "Action items" in seen[3] and "Save" in seen[3]
    assert not wide                                     # no horizontal scrolling at 1280 px


def test_research_notebook_renders_and_codes_a_reflection(voila, tmp_path):
    from playwright.sync_api import sync_playwright

    shots = _shots(tmp_path)
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        page = browser.new_page(viewport={"width": 1280, "height": 900})
        page.goto(f"{voila}/voila/render/research_feedback.ipynb", timeout=300_000)
        page.wait_for_selector("text=Reflection 1 of 615", timeout=300_000)     # the last widget is up
        page.locator("h2", has_text="Alliance development").first.scroll_into_view_if_needed()
        page.screenshot(path=str(shots / "research_growth.png"))
        page.locator("h2", has_text="Ruptures and change").first.scroll_into_view_if_needed()
        page.screenshot(path=str(shots / "research_ruptures.png"))
        page.get_by_text("Agreeing goals and tasks").first.click()        # tick a theme, save, move on
        page.get_by_role("button", name="Save and next").click()
        page.wait_for_selector("text=Reflection 2 of 615", timeout=30_000)
        page.locator("text=Reflection 2 of 615").scroll_into_view_if_needed()
        page.screenshot(path=str(shots / "research_theme_coding.png"))
        text = page.inner_text("body")
        n_images = len(page.query_selector_all("img"))
        wide = page.evaluate(_SCROLLS_SIDEWAYS)
        browser.close()
    assert "Traceback" not in text and "Error" not in text and "<Figure size" not in text
    assert n_images >= 4                 # Bland-Altman, growth trajectories, sudden gains, change categories
    assert "ICC(A,1)" in text, text[:3000]
    assert "1 of 615 coded" in text, text[text.find("Theme coding"):][:600]
    assert not wide                      # no horizontal scrolling at 1280 px


@pytest.fixture(scope="module")
def app(tmp_path_factory):
    """``rapport app`` on the demo data, as a user starts it; yields the meeting's address with the token."""
    pytest.importorskip("voila", reason="voila is not installed (pip install -e '.[test]')")
    pytest.importorskip("playwright", reason="playwright is not installed (pip install -e '.[test]')")
    if not Path(CHROMIUM).exists():
        pytest.skip("Debian's chromium is not installed (apt-get install chromium; .ci/run does this)")
    import re

    port = _free_port()
    record = tmp_path_factory.mktemp("record") / "supervision.sqlite"
    env = {**os.environ, "RAPPORT_SUPERVISION": str(record)}
    env.pop("RAPPORT_SUPERVISION_DEMO", None)
    log = tmp_path_factory.mktemp("app") / "app.log"
    with open(log, "w") as out:
        proc = subprocess.Popen([sys.executable, "-m", "rapportlib.cli", "app", "--no-browser", "--port", str(port)],
                                cwd=ROOT, env=env, stdout=out, stderr=subprocess.STDOUT, start_new_session=True)
    url = None
    deadline = time.time() + 120
    while time.time() < deadline and url is None and proc.poll() is None:
        m = re.search(r"http://127\.0\.0\.1:\d+/voila/render/supervision_meeting\.ipynb\?token=[\w-]+",
                      log.read_text())
        url = m.group() if m else None
        time.sleep(0.5)
    if url is None:
        proc.kill()
        pytest.fail("rapport app did not print its address within 120 s:\n" + log.read_text()[-2000:])
    yield url
    proc.terminate()
    proc.wait(timeout=30)


def test_the_meeting_app_clicks_through_every_step(app, tmp_path):
    """Starts ``rapport app``, walks the seven steps of the meeting at 1280x800, opens the record, adds an
    action item, saves the meeting; fails on a traceback, a widget error or a step that does not render."""
    import re

    from playwright.sync_api import sync_playwright

    shots = _shots(tmp_path)
    texts, wide = {}, []
    steps = [(1, "setup", "Supervisee"), (2, "caseload", "most urgent first"), (3, "client_focus", "Client"),
             (4, "countertransference", "check-in"), (5, "bias_check", "Bias check"),
             (6, "agenda", "Action items"), (7, "close", "Save meeting")]
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        page = browser.new_page(viewport={"width": 1280, "height": 800})
        page.goto(app, timeout=180_000)
        for number, name, expect in steps:
            if number > 1:
                page.get_by_role("button", name="Next step").click()      # the bias check's own say "in the bias check"
            page.wait_for_selector(f"text=Step {number} of 7", timeout=120_000)
            page.wait_for_selector(f"text={expect}", timeout=120_000)
            page.wait_for_timeout(800)
            if name == "agenda":
                page.get_by_placeholder("Passphrase of your supervision record").first.fill("a browser-test phrase")
                page.get_by_role("button", name="Open the record").click()
                page.get_by_placeholder("Action, e.g.").fill("Ask about the rupture in the last session")
                page.get_by_role("button", name=re.compile(r"(^|\W)Add$")).click()
                page.wait_for_selector("text=Ask about the rupture in the last session", timeout=30_000)
            if name == "close":
                page.get_by_role("button", name="Save meeting").click()
                page.wait_for_selector("text=Saved on", timeout=60_000)
            page.locator(f"text=Step {number} of 7").first.evaluate("e => e.scrollIntoView({block: 'start'})")
            page.wait_for_timeout(300)
            page.screenshot(path=str(shots / f"meeting_{number}_{name}.png"), full_page=False)
            texts[name] = page.inner_text("body")
            wide.append(page.evaluate(_SCROLLS_SIDEWAYS))
        browser.close()
    for name, text in texts.items():
        assert "Traceback" not in text, name
        assert "Error displaying widget" not in text and "Failed to display" not in text, name
    assert "Saved on" in texts["close"]
    assert not any(wide), wide                      # no horizontal scrolling at 1280 px, on any step
