"""rapportlib: supervision and reflection notebooks for psychotherapy.

The public API is imported lazily so that ``import rapportlib`` stays fast:
pandas, matplotlib and the statistics libraries load when first used.
"""

from __future__ import annotations

from importlib import import_module
from typing import TYPE_CHECKING

from .errors import DataError, DataQualityWarning

__version__ = "0.1.0"

_LAZY = {
    "read_sessions": "loading", "load": "loading", "Dataset": "loading", "LoadReport": "loading",
    "score": "instruments", "reliability": "instruments", "list_instruments": "instruments",
    "get_instrument": "instruments", "load_instrument": "instruments", "Instrument": "schema",
    "sudden_gains": "change", "sudden_losses": "change", "judge_intervals": "change", "crit1_cutoff": "change",
    "reliable_change": "change", "ruptures": "alliance", "discrepancy": "alliance", "alerts": "caseload",
    "expected_trajectories": "caseload", "not_on_track": "caseload",
    "find_identifiers": "privacy", "anonymise": "privacy", "anonymise_frame": "privacy", "Roster": "privacy",
    "Pseudonymiser": "privacy", "suppress_small_cells": "privacy", "IdentifiableDataError": "loading",
    "Journal": "journal",
    "load_banks": "prompts", "select_prompts": "prompts", "recommend_techniques": "prompts",
    "triggers_for": "prompts", "affect_cues": "prompts",
    "countertransference_profile": "countertransference", "latest_check_in": "countertransference",
    "equity_audit": "equity", "scan_language": "language", "load_language_lexicon": "language",
    "load_codebook": "coding", "suggest_codes": "coding", "CodingProject": "coding",
    "demo": None, "plots": None, "widgets": None, "bias_check": None, "research": None, "scale": None,
    "coding": None,
}

__all__ = ["CodingProject", "DataError", "DataQualityWarning", "Dataset", "IdentifiableDataError", "Instrument",
           "Journal", "LoadReport", "Pseudonymiser", "Roster", "affect_cues", "alerts", "anonymise", "anonymise_frame",
           "bias_check", "coding", "countertransference_profile", "crit1_cutoff", "demo", "discrepancy",
           "equity_audit", "expected_trajectories", "find_identifiers", "get_instrument", "judge_intervals",
           "latest_check_in", "list_instruments", "load", "load_banks", "load_codebook", "load_instrument",
           "load_language_lexicon", "not_on_track", "plots", "read_sessions", "recommend_techniques", "reliability",
           "reliable_change", "research", "ruptures", "scale", "scan_language", "score", "select_prompts",
           "sudden_gains", "sudden_losses", "suggest_codes", "suppress_small_cells", "triggers_for", "widgets"]


def __getattr__(name: str):
    if name not in _LAZY:
        raise AttributeError(f"module 'rapportlib' has no attribute {name!r}")
    module = _LAZY[name]
    value = import_module(f".{name}", __name__) if module is None else getattr(
        import_module(f".{module}", __name__), name)
    globals()[name] = value
    return value


def __dir__():
    return sorted(__all__)


if TYPE_CHECKING:  # for editors and type checkers
    from . import coding, demo, plots, research, scale, widgets
    from .coding import CodingProject, load_codebook, suggest_codes
    from .caseload import alerts, expected_trajectories, not_on_track
    from .countertransference import countertransference_profile, latest_check_in
    from . import bias_check
    from .equity import equity_audit
    from .language import load_language_lexicon, scan_language
    from .alliance import discrepancy, ruptures
    from .change import crit1_cutoff, judge_intervals, reliable_change, sudden_gains, sudden_losses
    from .instruments import get_instrument, list_instruments, load_instrument, reliability, score
    from .loading import Dataset, LoadReport, load, read_sessions
    from .prompts import affect_cues, load_banks, recommend_techniques, select_prompts, triggers_for
    from .schema import Instrument
