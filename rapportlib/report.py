"""Static reports of a notebook: run it with parameters, keep the outputs, hide the code.

``render_report`` executes a copy of a notebook with papermill in a temporary folder and converts the result
with nbconvert into one self-contained HTML file: no code cells or prompts, plots embedded as ``data:`` URIs,
and no ``<script src>`` or ``<link href>`` pointing at the network (the template's require.js, MathJax,
Mermaid and widget-manager tags are left out), so the file opens offline and can be kept in a supervision
record. ``render_pdf`` prints such a file to PDF with a local Chromium (headless, no network).

Parameters are passed with papermill: the notebook needs a cell tagged ``parameters``. What the report
leaves out:

- code, input prompts and output prompts;
- cells tagged ``remove-cell``, outputs of cells tagged ``remove-output``, inputs tagged ``remove-input``;
- ``stderr`` streams (warnings quote source lines and paths; they are not part of a record);
- interactive widgets: a static file cannot run them, so each becomes a short note saying so.

Errors are ``ReportError``: the message names the notebook, the failing cell's number and the exception's
type and message, never the cell's source (it may hold clinical text).
"""

from __future__ import annotations

import contextlib
import copy
import datetime as _dt
import html
import logging
import os
import re
import shutil
import subprocess
import tempfile
from collections.abc import Callable
from pathlib import Path

from ._resources import bundled

__all__ = ["MEETING_NOTEBOOK", "ReportError", "find_chromium", "meeting_notebook", "notebooks_path",
           "render_pdf", "render_report"]

MEETING_NOTEBOOK = "supervision_meeting.ipynb"
WIDGET_NOTE = "[An interactive control: it works in the app (rapport app), not in a static report.]"

Progress = Callable[[int, int], None]
"""``progress(cell, total)``: called as each code cell starts; ``cell`` is its 1-based number in the notebook."""


class ReportError(RuntimeError):
    """A report could not be written; the message says why (never quoting the notebook's code)."""


def notebooks_path() -> Path:
    """The notebooks folder: bundled in a wheel, the repository's ``notebooks/`` in a checkout."""
    return bundled("notebooks")


def meeting_notebook() -> Path | None:
    """``supervision_meeting.ipynb`` in the notebooks folder, or None when this installation has none."""
    path = notebooks_path() / MEETING_NOTEBOOK
    return path if path.is_file() else None


# --------------------------------------------------------------------------------------------- execution

def _engine():
    """Papermill's nbclient engine, with a hook that reports each cell as it starts."""
    from papermill.engines import NBClientEngine, papermill_engines

    class _RapportEngine(NBClientEngine):
        @classmethod
        def execute_managed_notebook(cls, nb_man, kernel_name, **kwargs):
            hook = kwargs.pop("rapport_cell_hook", None)
            if hook is not None:
                start = nb_man.cell_start

                def cell_start(cell, cell_index=None, **kw):
                    hook(nb_man.nb, cell, cell_index)
                    return start(cell, cell_index, **kw)

                nb_man.cell_start = cell_start
            return super().execute_managed_notebook(nb_man, kernel_name, **kwargs)

    papermill_engines.register("rapport", _RapportEngine)
    return "rapport"


def _injected_index(nb) -> int | None:
    for i, cell in enumerate(nb.cells):
        if "injected-parameters" in cell.get("metadata", {}).get("tags", []):
            return i
    return None


def _cell_number(nb, index: int) -> int:
    """1-based number of an executed cell in the notebook as its author sees it (without papermill's cell)."""
    injected = _injected_index(nb)
    return index if injected is not None and index >= injected else index + 1


def _execute(notebook: Path, parameters: dict, workdir: Path, timeout: float | None,
             progress: Progress | None) -> Path:
    import papermill as pm
    from papermill.exceptions import PapermillExecutionError

    import nbformat

    source_nb = nbformat.read(notebook, as_version=4)
    total = len(source_nb.cells)
    state = {"cell": None}

    def hook(nb, cell, index):
        number = _cell_number(nb, index)
        state["cell"] = number
        if progress is not None and cell.cell_type == "code" and "injected-parameters" not in cell.metadata.get(
                "tags", []):
            progress(number, total)

    copy_in = workdir / notebook.name
    shutil.copyfile(notebook, copy_in)
    executed = workdir / f"executed-{notebook.name}"
    where = f"{notebook.name}"
    pm_log = logging.getLogger("papermill")
    level = pm_log.level
    pm_log.setLevel(logging.ERROR)        # "Passed unknown parameter", "Black is not installed": not for users
    try:
        pm.execute_notebook(str(copy_in), str(executed), parameters=parameters, kernel_name="python3",
                            language="python", cwd=str(workdir), progress_bar=False, log_output=False,
                            execution_timeout=timeout, engine_name=_engine(), rapport_cell_hook=hook,
                            extra_arguments=["--IPKernelApp.log_level=ERROR"])   # no start-up chatter
    except PapermillExecutionError as exc:
        number = state["cell"] if state["cell"] is not None else exc.cell_index + 1
        evalue = str(exc.evalue).strip().splitlines()[0] if str(exc.evalue).strip() else ""
        raise ReportError(f"{where}: cell {number} of {total} failed with {exc.ename}"
                          + (f": {evalue}" if evalue else "")) from None
    except Exception as exc:   # noqa: BLE001 - kernels, timeouts, files: all become one clear message
        name = type(exc).__name__
        at = f" in cell {state['cell']} of {total}" if state["cell"] is not None else ""
        if name == "CellTimeoutError":          # its message quotes the cell's source: not repeated here
            raise ReportError(f"{where}: cell {state['cell']} of {total} was still running after {timeout} s "
                              "(the timeout); nothing was written") from None
        if name == "DeadKernelError":
            raise ReportError(f"{where}: the Python kernel stopped{at} (out of memory?)") from None
        if name == "NoSuchKernel":
            raise ReportError(f"{where}: no Jupyter kernel named python3 is installed here "
                              "(pip install ipykernel)") from None
        detail = str(exc).strip().splitlines()[0] if str(exc).strip() and state["cell"] is None else ""
        raise ReportError(f"{where}: could not be run{at}: {name}" + (f": {detail}" if detail else "")) from None
    finally:
        pm_log.setLevel(level)
    return executed


# --------------------------------------------------------------------------------------------- conversion

_TEMPLATE = r"""{%- extends 'index.html.j2' -%}
{#- everything the lab template would fetch from a CDN is left out: the report must open offline -#}
{%- block html_head_js -%}{%- endblock html_head_js -%}
{%- block jupyter_widgets -%}{%- endblock jupyter_widgets -%}
{%- block html_head_js_mathjax -%}{%- endblock html_head_js_mathjax -%}
{%- block html_head_js_mermaidjs -%}{%- endblock html_head_js_mermaidjs -%}
{%- block extra_css -%}
<style type="text/css">
  body { max-width: 1100px; margin: 0 auto; }
  footer.rapport-footer { color: #555; font-family: var(--jp-ui-font-family); font-size: 0.85em;
                          margin: 2em 1em 1em; border-top: 1px solid #ddd; padding-top: 0.5em; }
  @media print { body { max-width: none; } .jp-Cell { break-inside: avoid; } }
</style>
{%- endblock extra_css -%}
{%- block body_footer -%}
<footer class="rapport-footer">{{ resources.rapport_footer }}</footer>
</body>
{%- endblock body_footer -%}
"""

_EXTERNAL = re.compile(r"""<(script|link)\b[^>]*\b(?:src|href)\s*=\s*["']?(?:https?:)?//[^>]*>(?:\s*</script>)?""",
                       re.IGNORECASE)
_WIDGET = "application/vnd.jupyter.widget-view+json"


def _static(nb):
    """The executed notebook made fit for a static file: no widget state, no widget views, no stderr."""
    nb = copy.deepcopy(nb)
    nb.metadata.pop("widgets", None)
    for cell in nb.cells:
        if cell.cell_type != "code":
            continue
        kept = []
        for out in cell.get("outputs", []):
            if out.get("output_type") == "stream" and out.get("name") == "stderr":
                continue
            data = out.get("data")
            if data is not None and _WIDGET in data:
                data.pop(_WIDGET)
                if not any(k != "text/plain" for k in data):   # only the widget's repr was left
                    data.clear()
                    data["text/plain"] = WIDGET_NOTE
            kept.append(out)
        cell.outputs = kept
    return nb


def _to_html(nb, title: str, footer: str) -> str:
    from jinja2 import DictLoader
    from nbconvert import HTMLExporter
    from traitlets.config import Config

    c = Config()
    c.TagRemovePreprocessor.enabled = True
    c.TagRemovePreprocessor.remove_cell_tags = {"remove-cell"}
    c.TagRemovePreprocessor.remove_all_outputs_tags = {"remove-output"}
    c.TagRemovePreprocessor.remove_input_tags = {"remove-input"}
    exporter = HTMLExporter(config=c, template_name="lab", template_file="rapport_report.html.j2",
                            extra_loaders=[DictLoader({"rapport_report.html.j2": _TEMPLATE})],
                            exclude_input=True, exclude_input_prompt=True, exclude_output_prompt=True,
                            embed_images=True)
    nb = _static(nb)
    nb.metadata["title"] = title
    body, _ = exporter.from_notebook_node(nb, resources={"metadata": {"name": title},
                                                         "rapport_footer": html.escape(footer)})
    return _EXTERNAL.sub("", body)           # belt and braces: nothing may load from the network


def _write_atomic(path: Path, data: bytes) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as f:
            f.write(data)
            f.flush()
            os.fsync(f.fileno())
        os.replace(tmp, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise


def render_report(notebook, out, parameters: dict, *, title: str | None = None, timeout: float | None = 600,
                  progress: Progress | None = None) -> Path:
    """Run ``notebook`` with ``parameters`` and write a self-contained HTML report of its outputs to ``out``.

    The notebook runs as a copy in a temporary folder (which is also its working directory) on the
    ``python3`` kernel; ``timeout`` is the longest one cell may run, in seconds (None: no limit);
    ``progress(cell, total)`` is called as each code cell starts. The file is written atomically (a
    temporary file, then renamed), so an earlier report at ``out`` is never left half-written. Returns
    ``out``; the seconds taken are in ``render_report.last_seconds``. Raises ``ReportError``.
    """
    notebook, out = Path(notebook), Path(out)
    if not notebook.is_file():
        raise ReportError(f"there is no notebook at {notebook}")
    with tempfile.TemporaryDirectory(prefix="rapport-report-") as tmp:
        executed = _execute(notebook, dict(parameters), Path(tmp), timeout, progress)
        import nbformat

        nb = nbformat.read(executed, as_version=4)
    title = title or notebook.stem.replace("_", " ").capitalize()
    when = _dt.datetime.now().astimezone().strftime("%Y-%m-%d %H:%M %Z").strip()
    try:
        page = _to_html(nb, title, f"Written by rapport report from {notebook.name} on {when}.")
        _write_atomic(out, page.encode("utf-8"))
    except OSError as exc:
        raise ReportError(f"could not write {out}: {exc.strerror or exc}") from None
    return out


# --------------------------------------------------------------------------------------------- PDF

def find_chromium() -> str | None:
    """A local Chromium or Chrome executable (``RAPPORT_CHROMIUM`` first), or None."""
    env = os.environ.get("RAPPORT_CHROMIUM")
    if env:
        return env if Path(env).exists() else None
    for name in ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable", "chrome"):
        found = shutil.which(name)
        if found:
            return found
    return None


def render_pdf(html_file, out, *, timeout: float = 120) -> Path:
    """Print a report's HTML file to PDF with a local headless Chromium, offline; written atomically.

    nbconvert's own ``webpdf`` exporter needs a Chromium that playwright downloaded; this uses the one
    installed on the system (Debian's ``chromium``) directly, so nothing is downloaded.
    """
    html_file, out = Path(html_file).resolve(), Path(out)
    exe = find_chromium()
    if exe is None:
        raise ReportError("a PDF needs Chromium or Chrome installed (e.g. apt-get install chromium); "
                          "the HTML report was written")
    with tempfile.TemporaryDirectory(prefix="rapport-pdf-") as tmp:
        pdf = Path(tmp) / "report.pdf"
        cmd = [exe, "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
               "--disable-component-update", "--disable-sync", "--no-first-run", "--no-pdf-header-footer",
               f"--user-data-dir={Path(tmp) / 'profile'}", f"--print-to-pdf={pdf}", html_file.as_uri()]
        try:
            res = subprocess.run(cmd, capture_output=True, text=True, timeout=timeout)
        except subprocess.TimeoutExpired:
            raise ReportError(f"Chromium did not finish the PDF within {timeout} s") from None
        except OSError as exc:
            raise ReportError(f"could not start Chromium ({exe}): {exc.strerror or exc}") from None
        if not pdf.is_file() or pdf.stat().st_size == 0:
            last = (res.stderr.strip().splitlines() or ["no message"])[-1]
            raise ReportError(f"Chromium did not write a PDF (exit status {res.returncode}: {last})")
        try:
            _write_atomic(out, pdf.read_bytes())
        except OSError as exc:
            raise ReportError(f"could not write {out}: {exc.strerror or exc}") from None
    return out
