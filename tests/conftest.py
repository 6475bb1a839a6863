from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
PEER = ROOT.parent / "shared" / "peer-data"


@pytest.fixture
def peer():
    """The public peer datasets in ../shared/peer-data (absent in a user's clone)."""
    if not PEER.is_dir():
        pytest.skip("../shared/peer-data is not beside this clone (it ships with the project's CI only)")
    return PEER


@pytest.fixture
def write(tmp_path):
    """Write text (or bytes) to a file in tmp_path and return its path."""
    def _write(name: str, content: str | bytes) -> Path:
        p = tmp_path / name
        p.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(content, bytes):
            p.write_bytes(content)
        else:
            p.write_text(content, encoding="utf-8")
        return p
    return _write
