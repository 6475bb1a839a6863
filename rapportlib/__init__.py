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
    "demo": None,
}

__all__ = ["DataError", "DataQualityWarning", "Dataset", "Instrument", "LoadReport", "demo", "get_instrument",
           "list_instruments", "load", "load_instrument", "read_sessions", "reliability", "score"]


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
    from . import demo
    from .instruments import get_instrument, list_instruments, load_instrument, reliability, score
    from .loading import Dataset, LoadReport, load, read_sessions
    from .schema import Instrument
