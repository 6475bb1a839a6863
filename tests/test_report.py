"""Reports (papermill + nbconvert) and the app (Voilà with a token) behind `rapport report`, `demo`, `app`, `lab`.

The supervision-meeting notebook is someone else's; these tests run a tiny notebook with the same parameters
in its place, so they do not depend on it.
"""

from __future__ import annotations

import http.client
import re
import socket
import subprocess
import sys
import time
from pathlib import Path
from urllib.parse import urlsplit

import nbformat
import pytest

import rapportlib.report as report
from rapportlib.cli import main
from rapportlib.report import ReportError, render_report

ROOT = Path(__file__).resolve().parents[1]
SOURCE_MARKER = "CODE_SOURCE_MARKER_7f3a"


def _meeting_like(path: Path, *, fail: bool = False) -> Path:
    """A notebook with the meeting notebook's parameters: markdown, a print of a parameter, a plot, a widget."""
    v4 = nbformat.v4
    nb = v4.new_notebook(metadata={"kernelspec": {"name": "python3", "display_name": "Python 3",
                                                  "language": "python"}})
    nb.cells = [
        v4.new_markdown_cell("# A tiny meeting\n\nWhat the notebook says to the reader."),
        v4.new_code_cell('DATA = None\nSUPERVISEE = None\nSINCE = None\nLANG = "en"\nREPORT = False',
                         metadata={"tags": ["parameters"]}),
        v4.new_code_cell(f"marker = {SOURCE_MARKER!r}\nprint(f'Supervisee: {{SUPERVISEE}} since {{SINCE}}')\n"
                         "import warnings\nwarnings.warn('a warning quoting this line')"),
        v4.new_code_cell("import matplotlib\nmatplotlib.use('module://matplotlib_inline.backend_inline')\n"
                         "import matplotlib.pyplot as plt\nfig, ax = plt.subplots(figsize=(3, 2))\n"
                         "ax.plot([1, 3, 2])\nplt.show()"),
        v4.new_code_cell("import ipywidgets\nipywidgets.IntSlider(value=3)"),
        v4.new_code_cell("print('an output to remove')", metadata={"tags": ["remove-output"]}),
        v4.new_code_cell("print('a cell to remove')", metadata={"tags": ["remove-cell"]}),
    ]
    if fail:
        nb.cells.append(v4.new_code_cell("note = 'The client said her sister Rosa'\n"
                                         "raise ValueError('no sessions since that date')"))
    nbformat.write(nb, path)
    return path


@pytest.fixture(scope="module")
def rendered(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("report")
    seen = []
    t0 = time.perf_counter()
    out = render_report(_meeting_like(tmp / "meeting.ipynb"), tmp / "out" / "report.html",
                        {"SUPERVISEE": "clin04", "SINCE": "2024-03-01", "REPORT": True},
                        title="Supervision meeting: clin04", progress=lambda cell, total: seen.append((cell, total)))
    return out, out.read_text(encoding="utf-8"), seen, time.perf_counter() - t0


def test_report_is_static_self_contained_html(rendered):
    out, page, seen, seconds = rendered
    assert out.is_file() and seconds < 60
    assert "Supervisee: clin04 since 2024-03-01" in page              # the parameters reached the notebook
    assert "A tiny meeting" in page and "<title>Supervision meeting: clin04</title>" in page
    assert re.search(r'<img [^>]*src="data:image/png;base64,', page)   # the plot, embedded
    assert SOURCE_MARKER not in page and "print(" not in page and "plt.subplots" not in page   # no code
    body = page[page.index("<body"):]
    assert not re.search(r'<div class="jp-(Input|Output)Prompt|In&nbsp;\[|Out\[', body)           # no prompts
    assert not re.search(r"""<(script|link)\b[^>]*(src|href)\s*=\s*["']?(https?:)?//""", page, re.I)
    assert 'src="http' not in page and 'href="http' not in page
    assert "an output to remove" not in page and "a cell to remove" not in page
    assert "a warning quoting this line" not in page                  # stderr is not part of the record
    assert "application/vnd.jupyter.widget" not in page and "IntSlider" not in page
    assert "not in a static report" in page                           # the widget degraded to a note
    assert [c for c, _ in seen] == [2, 3, 4, 5, 6, 7] and {t for _, t in seen} == {7}


def test_failing_notebook_names_the_cell_not_its_source(tmp_path):
    nb = _meeting_like(tmp_path / "broken.ipynb", fail=True)
    out = tmp_path / "report.html"
    out.write_text("an earlier report")
    with pytest.raises(ReportError) as err:
        render_report(nb, out, {"SUPERVISEE": "clin01"})
    msg = str(err.value)
    assert "broken.ipynb" in msg and "cell 8 of 8" in msg
    assert "ValueError" in msg and "no sessions since that date" in msg
    assert "Rosa" not in msg and "note =" not in msg and "raise" not in msg
    assert out.read_text() == "an earlier report"                     # nothing half-written
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".")] == []


def test_missing_notebook_is_a_report_error(tmp_path):
    with pytest.raises(ReportError, match="no notebook"):
        render_report(tmp_path / "none.ipynb", tmp_path / "r.html", {})


@pytest.mark.skipif(report.find_chromium() is None, reason="no Chromium or Chrome for the PDF")
def test_pdf_offline(rendered, tmp_path):
    pdf = report.render_pdf(rendered[0], tmp_path / "report.pdf")
    data = pdf.read_bytes()
    assert data.startswith(b"%PDF") and len(data) > 5000


# ------------------------------------------------------------------------------------------------ the CLI

@pytest.fixture
def notebooks(tmp_path, monkeypatch):
    folder = tmp_path / "notebooks"
    folder.mkdir()
    monkeypatch.setattr(report, "notebooks_path", lambda: folder)
    return folder


def test_cli_report_without_the_meeting_notebook(notebooks, tmp_path, capsys):
    assert main(["report", "--supervisee", "clin04", "--out", str(tmp_path / "r.html")]) == 2
    err = capsys.readouterr().err
    assert "supervision_meeting.ipynb" in err and "Traceback" not in err
    assert not (tmp_path / "r.html").exists()


def test_cli_report_bad_date_and_unknown_things(notebooks, tmp_path, capsys):
    _meeting_like(notebooks / "supervision_meeting.ipynb")
    with pytest.raises(SystemExit) as exit_:
        main(["report", "--supervisee", "clin04", "--since", "2024-13-01", "--out", str(tmp_path / "r.html")])
    assert exit_.value.code == 2
    assert "'2024-13-01' is not a date: write it as YYYY-MM-DD" in capsys.readouterr().err
    assert main(["report", "--supervisee", "clin99", "--out", str(tmp_path / "r.html")]) == 2
    err = capsys.readouterr().err
    assert "clin99 is not a clinician" in err and "clin01, clin02" in err
    assert main(["report", "--supervisee", "clin04", "--data", str(tmp_path / "missing"),
                 "--out", str(tmp_path / "r.html")]) == 2
    assert "there is no dataset at" in capsys.readouterr().err


def test_cli_report_failure_is_a_message(notebooks, tmp_path, capsys):
    _meeting_like(notebooks / "supervision_meeting.ipynb", fail=True)
    assert main(["report", "--supervisee", "clin04", "--out", str(tmp_path / "r.html")]) == 1
    err = capsys.readouterr().err
    assert "Cannot write the report: supervision_meeting.ipynb: cell 8 of 8 failed with ValueError" in err
    assert "Traceback" not in err and "Rosa" not in err


def test_demo_ends_with_a_report(notebooks, tmp_path, capsys):
    _meeting_like(notebooks / "supervision_meeting.ipynb")
    out = tmp_path / "rapport-demo"
    assert main(["demo", "--out", str(out)]) == 0
    captured = capsys.readouterr()
    page = (out / "report-clin04.html").read_text(encoding="utf-8")
    assert "Supervisee: clin04 since None" in page
    assert "quarantined: 0 of" in captured.out
    assert "report-clin04.html" in captured.out and f"rapport app --data {out}" in captured.out
    assert "Running the meeting notebook for clin04 ... cell 3 of 7" in captured.err


def test_demo_without_the_meeting_notebook_says_nothing_about_reports(notebooks, tmp_path, capsys):
    assert main(["demo", "--out", str(tmp_path / "d")]) == 0
    captured = capsys.readouterr()
    assert "report-" not in captured.out and "rapport app" not in captured.out and captured.err == ""


def test_lab_print_command(tmp_path, capsys):
    assert main(["lab", "--print-command", "--data", str(tmp_path)]) == 0
    line = capsys.readouterr().out.strip()
    assert "-m jupyterlab" in line and f"--ServerApp.root_dir={report.notebooks_path()}" in line
    assert f"RAPPORT_DATA={tmp_path}" in line and "--ServerApp.ip=127.0.0.1" in line
    assert main(["lab", "--print-command", "--data", str(tmp_path / "missing")]) == 2


def test_lab_on_an_installed_package_works_on_copies(tmp_path, monkeypatch, capsys):
    """Installed notebooks (rapportlib/_bundled/notebooks) are copied out, never opened in place; a copy the
    user already has is kept."""
    bundled = tmp_path / "site" / "rapportlib" / "_bundled" / "notebooks"
    bundled.mkdir(parents=True)
    for name in ("a.ipynb", "b.ipynb"):
        (bundled / name).write_text("{}", encoding="utf-8")
    mine = tmp_path / "work"
    mine.mkdir()
    (mine / "a.ipynb").write_text("my edits", encoding="utf-8")
    monkeypatch.setattr(report, "notebooks_path", lambda: bundled)
    assert main(["lab", "--print-command", "--notebooks", str(mine)]) == 0
    out = capsys.readouterr().out
    assert f"--ServerApp.root_dir={mine}" in out and "Copied 1 notebooks" in out
    assert (mine / "a.ipynb").read_text(encoding="utf-8") == "my edits" and (mine / "b.ipynb").exists()


# ------------------------------------------------------------------------------------------------ the app

def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _get(url: str):
    parts = urlsplit(url)
    conn = http.client.HTTPConnection(parts.hostname, parts.port, timeout=60)
    conn.request("GET", parts.path + (f"?{parts.query}" if parts.query else ""))
    res = conn.getresponse()
    body = res.read().decode("utf-8", "replace")
    conn.close()
    return res.status, res.getheader("Location") or "", body


def test_app_needs_its_token_and_listens_on_localhost(tmp_path):
    pytest.importorskip("voila")
    port = _free_port()
    proc = subprocess.Popen([sys.executable, "-m", "rapportlib.cli", "app", "--no-browser", "--port", str(port),
                             "--data", str(ROOT / "data" / "demo")],
                            cwd=tmp_path, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        lines = []
        deadline = time.time() + 60
        url = None
        while time.time() < deadline and url is None:
            line = proc.stdout.readline()
            if not line:
                break
            lines.append(line)
            m = re.search(r"(http://127\.0\.0\.1:\d+/\S*\?token=(\S+))", line)
            url = m and m.group(1)
        assert url, "".join(lines) + proc.stderr.read() if proc.poll() is not None else "".join(lines)
        token = url.rsplit("token=", 1)[1]
        rest = ""
        while "Ctrl+C" not in rest and time.time() < deadline:
            rest += proc.stdout.readline()
        assert "Only this computer can reach it" in rest and "Ctrl+C" in rest
        assert len(token) >= 32 and token not in " ".join(proc.args)     # not on a command line
        base = f"http://127.0.0.1:{port}"
        status, location, _ = _get(f"{base}/voila/render/getting_started.ipynb")
        assert status in (302, 403) and (status == 403 or "/login" in location)
        status, location, _ = _get(f"{base}/?token=wrong{token}")
        assert status in (302, 403) and (status == 403 or "/login" in location)
        status, _, body = _get(f"{base}/?token={token}")
        assert status == 200 and "Voil" in body                                   # the tree
        status, _, body = _get(f"{base}/voila/render/getting_started.ipynb?token={token}")
        assert status == 200 and "getting_started" in body and "Traceback" not in body
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=30)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()
        proc.stdout.close()
        proc.stderr.close()
