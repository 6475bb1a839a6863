"""Where the files that ship with rapportlib live.

In a wheel, ``data/``, ``seeds/`` and ``notebooks/`` are bundled under
``rapportlib/_bundled/`` (see ``pyproject.toml``); in a source checkout or an
editable install they are read from the repository root.
"""

from __future__ import annotations

from importlib.resources import files
from pathlib import Path


def bundled(*parts: str) -> Path:
    """Path of a shipped file or folder, e.g. ``bundled("data", "demo")``."""
    inside = Path(str(files("rapportlib"))) / "_bundled"
    if inside.is_dir():
        return inside.joinpath(*parts)
    return Path(__file__).resolve().parent.parent.joinpath(*parts)
