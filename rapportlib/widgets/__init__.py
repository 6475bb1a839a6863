"""Widgets: thin views over the library's functions, for notebooks and Voilà.

Each widget computes nothing itself: it calls library functions and shows their results. Each
exposes ``state`` (a plain dict of what the user chose) so a guided notebook or a wizard can read
it without knowing the widget's insides.

* :mod:`.trends`: :class:`TrendExplorer`, a client's alliance and outcome over sessions;
* :mod:`.journal`: :class:`JournalEditor` and :func:`journal_app`, the clinician's reflection journal;
* :mod:`.prompts`: :class:`CountertransferenceCheckIn` and :class:`PromptDeck`, the check-in and
  the prompts that follow from it;
* :mod:`.wizard`: :class:`Wizard` and :class:`Step`, a step-by-step guide whose steps are independent
  widgets with a ``title``, a ``status`` and a ``state``;
* :mod:`.bias_check`: :class:`BiasCheck`, the guided bias self-check (numbers, language, reflection,
  commitments).
* :mod:`.coding`: :class:`ThemeCoder`, coding reflections one at a time with the themes of a codebook,
  and :class:`AgreementView`, how far the coders agree.
* :mod:`.meeting`: :class:`SupervisionMeeting`, the supervision meeting as a seven-step guided flow
  (setup, caseload, client focus, countertransference, bias check, agenda and actions, close).
"""

from __future__ import annotations

from .bias_check import BiasCheck
from .coding import AgreementView, ThemeCoder
from .journal import JournalApp, JournalEditor, demo_techniques, journal_app
from .meeting import SupervisionMeeting
from .prompts import CountertransferenceCheckIn, PromptDeck
from .trends import TrendExplorer
from .wizard import Step, Wizard

__all__ = ["AgreementView", "BiasCheck", "CT_LABELS", "CountertransferenceCheckIn", "JournalApp", "JournalEditor",
           "PromptDeck", "Step", "SupervisionMeeting", "ThemeCoder", "TrendExplorer", "Wizard", "demo_techniques",
           "journal_app"]


def __getattr__(name: str):
    if name == "CT_LABELS":     # read from the seeds on first use
        from . import journal

        return journal.CT_LABELS
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
