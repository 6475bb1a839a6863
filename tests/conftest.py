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


@pytest.fixture(scope="session")
def anonymiser_lists():
    """Build the anonymiser's cached word lists once (about 10 s on a fresh machine), before anything is
    timed or run in subprocesses."""
    from rapportlib import privacy

    privacy.anonymise("Warm up with Maria in Boston.")


@pytest.fixture
def jpath(tmp_path):
    """Where a test's throwaway journal goes."""
    return tmp_path / "journal.sqlite"


@pytest.fixture
def journal(jpath, anonymiser_lists, request):
    """An open journal at ``jpath`` with the test module's ``PW``, ``ROSTER``, ``CLINICIAN`` and ``KDF_N``
    (a cheap scrypt cost, for speed)."""
    from rapportlib.journal import Journal

    m = request.module
    with Journal(jpath, m.PW, roster=m.ROSTER, clinician_id=m.CLINICIAN, kdf_n=m.KDF_N) as j:
        yield j
