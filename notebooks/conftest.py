"""Run the notebooks on throwaway data.

``reflection_journal.ipynb`` reads its journal file and passphrase from ``RAPPORT_JOURNAL`` and
``RAPPORT_JOURNAL_PASSPHRASE``. When ``RAPPORT_JOURNAL`` is not set, the tests point it at a new file in
a temporary folder (removed afterwards), give it a throwaway passphrase and a clinician id, and set
``RAPPORT_JOURNAL_DEMO=1`` so that the notebook saves and exports one made-up entry. A journal named
by the person running the tests is never written to by the notebook. ``bias_check.ipynb``'s supervision
record (``RAPPORT_SUPERVISION``, ``RAPPORT_SUPERVISION_PASSPHRASE``, ``RAPPORT_SUPERVISION_DEMO``) is
handled the same way, and so is ``research_feedback.ipynb``'s coding file (``RAPPORT_CODING``,
``RAPPORT_CODING_PASSPHRASE``, ``RAPPORT_CODING_DEMO``). The kernels nbval starts inherit this environment.
"""

from __future__ import annotations

import os
import shutil
import tempfile

_made: str | None = None


def pytest_configure(config):
    global _made
    if os.environ.get("RAPPORT_JOURNAL"):
        return
    _made = tempfile.mkdtemp(prefix="rapport-journal-")
    os.environ["RAPPORT_JOURNAL"] = os.path.join(_made, "journal.sqlite")
    os.environ.setdefault("RAPPORT_JOURNAL_PASSPHRASE", "a throwaway passphrase for the notebook test")
    os.environ.setdefault("RAPPORT_CLINICIAN_ID", "clin01")
    os.environ["RAPPORT_JOURNAL_DEMO"] = "1"
    if not os.environ.get("RAPPORT_SUPERVISION"):     # bias_check.ipynb's supervision record, likewise
        os.environ["RAPPORT_SUPERVISION"] = os.path.join(_made, "supervision.sqlite")
        os.environ.setdefault("RAPPORT_SUPERVISION_PASSPHRASE", "a throwaway passphrase for the notebook test")
        os.environ["RAPPORT_SUPERVISION_DEMO"] = "1"
    if not os.environ.get("RAPPORT_CODING"):          # research_feedback.ipynb's coding file, likewise
        os.environ["RAPPORT_CODING"] = os.path.join(_made, "coding.sqlite")
        os.environ.setdefault("RAPPORT_CODING_PASSPHRASE", "a throwaway passphrase for the notebook test")
        os.environ["RAPPORT_CODING_DEMO"] = "1"


def pytest_unconfigure(config):
    if _made is not None:
        shutil.rmtree(_made, ignore_errors=True)
        for name in ("RAPPORT_JOURNAL", "RAPPORT_JOURNAL_DEMO", "RAPPORT_SUPERVISION", "RAPPORT_SUPERVISION_DEMO",
                     "RAPPORT_CODING", "RAPPORT_CODING_DEMO"):
            os.environ.pop(name, None)
