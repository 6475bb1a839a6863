"""The clinician's encrypted reflection journal.

A :class:`Journal` keeps the reflections a clinician writes after each session
in one file on their own machine (by default
``platformdirs.user_data_dir("rapportlib")/journal.sqlite``)::

    with Journal(passphrase=pw, roster=["Anna Jansen"], clinician_id="clin03") as j:
        eid = j.add("Anna was quieter today ...", client_id="c017", session=4, rupture="withdrawal")
        j.entries()                 # a DataFrame of the current version of every entry
        j.export("to-supervisor", [eid])

What is stored
    Text is **anonymised before it is written**: :meth:`Journal.add` and
    :meth:`Journal.edit` pass it through :func:`rapportlib.privacy.anonymise`
    with the journal's roster, a key derived from the journal's data key, the
    entry's client and the journal's pseudonym table, and store only the
    result (:meth:`Journal.preview` shows that result without storing it).
    Drafts (:meth:`Journal.save_draft`) are the one exception: they hold what
    was typed, raw, so that a dead kernel loses nothing; they are encrypted
    like everything else and :meth:`Journal.clear_draft` removes them.

Notes
    Besides entries, a journal keeps structured notes (:meth:`Journal.add_note`): a bias check's
    commitments and action items, a supervision meeting's record. They are encrypted, append-only
    and versioned like entries; their free text (keys named ``text`` or ending in ``_text``) is
    anonymised the same way; they never appear in :meth:`Journal.entries` or exports.

Encryption
    The file is an SQLite database (stdlib :mod:`sqlite3`) whose rows are
    AES-256-GCM ciphertexts (the ``cryptography`` package). A random 256-bit
    data key encrypts every record with a fresh random 96-bit nonce; the data
    key itself is stored wrapped (AES-GCM) by a key derived from the
    passphrase with scrypt (n=2**17, r=8, p=1 by default, OWASP's
    recommendation; about 0.4 s and 128 MiB once per open). A separate
    key-check value (an HMAC of the passphrase key) tells a wrong passphrase
    (:class:`JournalPassphraseError`) from a damaged key record
    (:class:`JournalCorruptError`). Changing the passphrase re-wraps the data
    key only (:meth:`Journal.change_passphrase`).

    Why this rather than SQLCipher: SQLCipher needs a system library or a
    compiled extension that has no wheels for every platform a clinician may
    use, while ``cryptography`` ships wheels everywhere and the stdlib
    ``sqlite3`` is always there. Per-record authenticated encryption also
    gives tamper *detection* (below), which page encryption alone reports
    only as an unreadable page.

What the file contains in plaintext
    The SQLite schema (table names ``meta``, ``slots``, ``log``), the format
    version, the KDF name and parameters, the salt, the wrapped data key and
    key-check value (both useless without the passphrase), the sequence
    numbers of the log records and the small fixed numbers of the state slots
    (head, settings, roster, pseudonyms, draft). Everything else, including
    entry ids, client ids, dates and the ``created``/``updated`` times, is
    inside ciphertexts. Plaintexts are padded to a multiple of 64 bytes, so
    ciphertext sizes tell lengths only roughly. The number of records, and
    which state slots exist, are visible.

Integrity
    Entry versions form an append-only log: ``add``, ``edit`` and ``delete``
    each append a record (a deletion is a recorded tombstone; older versions
    stay, encrypted, in the file). The associated data of record *n* binds
    its sequence number and the SHA-256 digest of record *n-1* (a hash
    chain). An encrypted head record, rewritten in the same transaction as
    every change, holds the number of records, the last digest and the
    digests of the state slots. Opening a journal decrypts and checks every
    record (a few milliseconds per thousand), so a modified, reordered,
    removed or truncated record, a rolled-back state slot, or a truncated or
    garbage file raises :class:`JournalCorruptError` naming the file and the
    record that failed; nothing is ever silently read as empty. A rollback of
    the *whole* file to an earlier copy of itself cannot be detected without
    state kept elsewhere.

Crashes and concurrency
    SQLite in WAL mode; every write is one ``BEGIN IMMEDIATE`` transaction
    (with a 30 s busy timeout) that first reads what other processes
    appended, reloads the pseudonym table, appends, saves the pseudonym table
    and the head, and commits; so two notebooks writing to one journal stay
    consistent (the same name gets the same pseudonym in both).
    ``synchronous=FULL``: a committed entry survives a killed process and a
    power loss; a process killed mid-write leaves the file readable and loses
    only the entry it had not committed. (Measured on a 2-core developer
    machine: two processes adding 1,000 entries each at once took about
    2.6 s with FULL, so NORMAL's weaker power-loss guarantee buys nothing
    worth having.)

Messages
    Errors name the file, the record number or the field, never entry text,
    client ids, dates or detected identifiers. Nothing is logged or printed.
"""

from __future__ import annotations

import csv
import hashlib
import hmac
import json
import math
import os
import re
import secrets
import sqlite3
import threading
import unicodedata
from datetime import date, datetime, timedelta
from numbers import Integral, Real
from pathlib import Path
from typing import TYPE_CHECKING, Any

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from cryptography.hazmat.primitives.kdf.hkdf import HKDF
from cryptography.hazmat.primitives.kdf.scrypt import Scrypt

if TYPE_CHECKING:
    import pandas as pd

__all__ = ["CT_SCALES", "FIELDS", "RUPTURES", "Journal", "JournalCorruptError", "JournalError",
           "JournalPassphraseError", "default_path"]

FORMAT = 1
APPLICATION_ID = 0x524A4E4C          # "RJNL" in the SQLite header: `file` and we can tell a journal
DEFAULT_KDF_N = 2**17
KDF_R, KDF_P = 8, 1
BUSY_TIMEOUT = 30.0                  # seconds a write waits for another process's transaction
PAD = 64                             # plaintexts are padded to a multiple of this many bytes
_MAX_TEXT = 1_000_000

_HEAD, _SETTINGS, _ROSTER, _PSEUDONYMS, _DRAFT = 0, 1, 2, 3, 4
_SLOT_NAMES = {_HEAD: "head", _SETTINGS: "settings", _ROSTER: "roster", _PSEUDONYMS: "pseudonym table",
               _DRAFT: "draft"}
_DOMAIN = b"rapportlib-journal/1/"
_ID_RE = re.compile(r"^e-[0-9a-f]{8}$")
_NOTE_RE = re.compile(r"^n-[0-9a-f]{8}$")
_KIND_RE = re.compile(r"^[a-z][a-z0-9_]{0,39}$")

CT_SCALES = ("ct_overwhelmed", "ct_helpless", "ct_positive", "ct_special", "ct_sexualised", "ct_disengaged",
             "ct_parental", "ct_criticised")
RUPTURES = ("none", "withdrawal", "confrontation")


# --------------------------------------------------------------------------- errors
class JournalError(Exception):
    """A journal cannot be opened, read or written. Never quotes entry text or identifiers."""


class JournalPassphraseError(JournalError):
    """The passphrase does not open this journal."""


class JournalCorruptError(JournalError):
    """The journal file was damaged, truncated or tampered with; the message names the file and the record."""


def default_path() -> Path:
    """``platformdirs.user_data_dir("rapportlib")/journal.sqlite``: where :class:`Journal` keeps its file."""
    import platformdirs

    return Path(platformdirs.user_data_dir("rapportlib")) / "journal.sqlite"


# --------------------------------------------------------------------------- fields
def _text(name: str, v: Any) -> str:
    if not isinstance(v, str) or not v.strip() or len(v) > 200:
        raise ValueError(f"field {name!r} must be a non-empty text of at most 200 characters")
    return v.strip()


def _note(name: str, v: Any) -> str:
    if not isinstance(v, str) or len(v) > _MAX_TEXT:
        raise ValueError(f"field {name!r} must be a text")
    return v


def _whole(lo: int, hi: int | None):
    def check(name: str, v: Any) -> int:
        if isinstance(v, bool) or not isinstance(v, Integral) or v < lo or (hi is not None and v > hi):
            raise ValueError(f"field {name!r} must be a whole number from {lo}" + (f" to {hi}" if hi is not None
                                                                                  else " up"))
        return int(v)
    return check


def _number(name: str, v: Any) -> float:
    if isinstance(v, bool) or not isinstance(v, Real) or not math.isfinite(v) or not 0 <= v <= 10:
        raise ValueError(f"field {name!r} must be a number from 0 to 10")
    return float(v)


def _bool(name: str, v: Any) -> bool:
    if not (isinstance(v, bool) or type(v).__name__ == "bool_"):       # numpy's bool too
        raise ValueError(f"field {name!r} must be True or False")
    return bool(v)


def _iso_date(name: str, v: Any) -> str:
    if isinstance(v, datetime):
        v = v.date()
    if isinstance(v, date):
        return v.isoformat()
    if isinstance(v, str):
        try:
            return date.fromisoformat(v.strip()).isoformat()
        except ValueError:
            pass
    raise ValueError(f"field {name!r} must be a date (a datetime.date or text written YYYY-MM-DD)")


def _techniques(name: str, v: Any) -> list[str]:
    if isinstance(v, str) or not isinstance(v, (list, tuple)):
        raise ValueError(f"field {name!r} must be a list of technique ids")
    out = []
    for item in v:
        if not isinstance(item, str) or not item.strip() or len(item) > 100 or any(c in item for c in ";\n\r"):
            raise ValueError(f"field {name!r} must be a list of technique ids (non-empty texts without ';')")
        out.append(item.strip())
    return out


def _rupture(name: str, v: Any) -> str:
    if not isinstance(v, str) or v.strip().lower() not in RUPTURES:
        raise ValueError(f"field {name!r} must be one of: {', '.join(RUPTURES)}")
    return v.strip().lower()


FIELDS: dict[str, Any] = {
    "client_id": _text, "session": _whole(0, None), "date": _iso_date, "techniques": _techniques,
    "rupture": _rupture, "repair_attempted": _bool, "clinician_alliance": _number, "language": _text,
    "interpreter": _bool, **{c: _whole(0, 4) for c in CT_SCALES}, "ct_note": _note,
}
"""The structured fields :meth:`Journal.add` and :meth:`Journal.edit` accept, each with its check."""


def _check_fields(fields: dict[str, Any]) -> dict[str, Any]:
    """Checked and normalised fields; ``None`` values are kept (they mean "not given" or "clear")."""
    out = {}
    for name, value in fields.items():
        if name not in FIELDS:
            shown = repr(name) if name.isidentifier() and len(name) <= 40 else "(a field name)"
            raise ValueError(f"unknown field {shown}; the fields are: text, {', '.join(FIELDS)}")
        out[name] = None if value is None else FIELDS[name](name, value)
    return out


def _check_text(text: Any, what: str = "text") -> str:
    if not isinstance(text, str):
        raise TypeError(f"{what} must be a str")
    if len(text) > _MAX_TEXT:
        raise ValueError(f"{what} is longer than {_MAX_TEXT:,} characters")
    return text


def _passphrase_bytes(passphrase: Any) -> bytes:
    if isinstance(passphrase, str):
        passphrase = unicodedata.normalize("NFC", passphrase).encode("utf-8")   # same bytes on every OS
    if not isinstance(passphrase, (bytes, bytearray)):
        raise TypeError("the passphrase must be a str or bytes")
    if not passphrase:
        raise ValueError("the passphrase must not be empty")
    return bytes(passphrase)


def _now() -> str:
    return datetime.now().isoformat(timespec="seconds")     # local wall-clock time, as clinicians read it


# --------------------------------------------------------------------------- crypto helpers
def _u64(n: int) -> bytes:
    return n.to_bytes(8, "big")


def _digest(label: bytes, n: int, nonce: bytes, ct: bytes) -> bytes:
    return hashlib.sha256(_DOMAIN + label + _u64(n) + nonce + ct).digest()


def _log_aad(seq: int, prev: bytes) -> bytes:
    return _DOMAIN + b"log" + _u64(seq) + prev


def _slot_aad(slot: int) -> bytes:
    return _DOMAIN + b"slot" + _u64(slot)


def _kdf(passphrase: bytes, salt: bytes, n: int, r: int, p: int) -> bytes:
    return Scrypt(salt=salt, length=32, n=n, r=r, p=p).derive(passphrase)


def _subkey(master: bytes, label: bytes) -> bytes:
    return hmac.new(master, _DOMAIN + label, hashlib.sha256).digest()


def _wrap(passphrase: bytes, meta: dict, dek: bytes, master: bytes | None = None) -> dict:
    """The key-check value and the wrapped data key for the KDF parameters and salt in ``meta``."""
    if master is None:
        master = _kdf(passphrase, meta["salt"], meta["kdf_n"], meta["kdf_r"], meta["kdf_p"])
    nonce = os.urandom(12)
    return {"key_check": _subkey(master, b"key-check"),
            "wrapped_key": nonce + AESGCM(_subkey(master, b"wrap")).encrypt(nonce, dek, _header_aad(meta))}


def _header_aad(meta: dict) -> bytes:
    params = json.dumps({k: meta[k] for k in ("format", "kdf", "kdf_n", "kdf_r", "kdf_p")}, sort_keys=True)
    return _DOMAIN + b"dek" + params.encode() + meta["salt"]


class _Bad(Exception):
    """A record that failed authentication or decoding (internal; becomes JournalCorruptError)."""


def _seal(aead: AESGCM, aad: bytes, obj: Any) -> tuple[bytes, bytes]:
    data = json.dumps(obj, ensure_ascii=False, separators=(",", ":")).encode("utf-8")
    data += b" " * (-len(data) % PAD)                 # JSON ignores trailing white space
    nonce = os.urandom(12)
    return nonce, aead.encrypt(nonce, data, aad)


def _unseal(aead: AESGCM, aad: bytes, nonce: Any, ct: Any) -> Any:
    if not isinstance(nonce, bytes) or not isinstance(ct, bytes) or len(nonce) != 12:
        raise _Bad
    try:
        return json.loads(aead.decrypt(nonce, ct, aad))
    except (InvalidTag, ValueError) as exc:
        raise _Bad from exc


def _privacy():
    from . import privacy
    return privacy


# --------------------------------------------------------------------------- file creation
def _create_file(path: Path, passphrase: bytes, kdf_n: int) -> tuple[bytes, bytes]:
    """Make a new journal at ``path`` atomically; return (salt, master key).

    The file is built under a temporary name and hard-linked into place, so a
    crash never leaves a half-made journal and two processes creating the
    same journal at once cannot overwrite each other (the loser opens the
    winner's file).
    """
    if not (isinstance(kdf_n, int) and 2**10 <= kdf_n <= 2**22 and kdf_n & (kdf_n - 1) == 0):
        raise ValueError("kdf_n must be a power of two from 2**10 to 2**22")
    path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
    salt, dek = os.urandom(16), AESGCM.generate_key(256)
    meta = {"format": FORMAT, "kdf": "scrypt", "kdf_n": kdf_n, "kdf_r": KDF_R, "kdf_p": KDF_P, "salt": salt}
    master = _kdf(passphrase, salt, kdf_n, KDF_R, KDF_P)
    meta.update(_wrap(passphrase, meta, dek, master))

    aead = AESGCM(dek)
    tmp = path.with_name(f".{path.name}.{secrets.token_hex(6)}.tmp")
    os.close(os.open(tmp, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o600))
    try:
        con = sqlite3.connect(tmp, isolation_level=None)
        try:
            con.execute(f"PRAGMA application_id={APPLICATION_ID}")
            con.execute(f"PRAGMA user_version={FORMAT}")
            con.execute("PRAGMA journal_mode=WAL")
            con.execute("BEGIN")
            con.execute("CREATE TABLE meta(key TEXT PRIMARY KEY, value NOT NULL)")
            con.execute("CREATE TABLE slots(id INTEGER PRIMARY KEY, nonce BLOB NOT NULL, ct BLOB NOT NULL)")
            con.execute("CREATE TABLE log(seq INTEGER PRIMARY KEY, nonce BLOB NOT NULL, ct BLOB NOT NULL)")
            con.executemany("INSERT INTO meta VALUES (?, ?)", meta.items())
            settings = _seal(aead, _slot_aad(_SETTINGS), {"clinician_id": None})
            con.execute("INSERT INTO slots VALUES (?, ?, ?)", (_SETTINGS, *settings))
            head = {"count": 0, "last": _subkey(dek, b"genesis").hex(),
                    "slots": {str(_SETTINGS): _digest(b"slot", _SETTINGS, *settings).hex()}}
            con.execute("INSERT INTO slots VALUES (?, ?, ?)", (_HEAD, *_seal(aead, _slot_aad(_HEAD), head)))
            con.execute("COMMIT")
        finally:
            con.close()
        _link_into_place(tmp, path)
    finally:
        tmp.unlink(missing_ok=True)
    return salt, master


def _link_into_place(tmp: Path, path: Path) -> None:
    try:
        os.link(tmp, path)                       # fails if path exists: never overwrites a journal
    except FileExistsError:
        return
    except (OSError, NotImplementedError):      # no hard links here (some network or FAT drives)
        if os.name == "nt":
            try:
                os.rename(tmp, path)             # Windows' rename does not overwrite either
            except FileExistsError:
                return
        elif not path.exists():
            os.rename(tmp, path)
        return
    if os.name != "nt":                          # make the new name durable
        fd = os.open(path.parent, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)


def _precheck(path: Path) -> None:
    """Reject what is not a journal before SQLite touches it (SQLite would take a 0-byte file as empty)."""
    try:
        with open(path, "rb") as f:
            header = f.read(100)
    except OSError as exc:
        raise JournalError(f"cannot read the journal at {path}: {exc.strerror}") from None
    if not header:
        raise JournalCorruptError(f"the journal at {path} is empty (0 bytes): it was truncated or is not a journal")
    if len(header) < 100 or not header.startswith(b"SQLite format 3\x00"):
        raise JournalCorruptError(f"the file at {path} is not a rapportlib journal (too short, or no SQLite "
                                  "header): it is damaged or another kind of file")
    if int.from_bytes(header[68:72], "big") != APPLICATION_ID:
        raise JournalCorruptError(f"the file at {path} is an SQLite database but not a rapportlib journal")


# --------------------------------------------------------------------------- the journal
class Journal:
    """An encrypted, append-only journal of session reflections (see the module docstring for the design).

    Parameters
    ----------
    path:
        The journal file; by default :func:`default_path`. Made (with its
        folder) if it does not exist and ``create`` is true.
    passphrase:
        Required. Opens the journal; a wrong one raises
        :class:`JournalPassphraseError`. Nothing recovers a journal whose
        passphrase is lost.
    roster:
        Names the clinician knows occur (anything
        :class:`rapportlib.privacy.Roster` accepts); stored, encrypted, in the
        journal and used by every later write. ``None`` keeps the stored one.
    clinician_id:
        The clinician's id, stored in the journal and written into exports.
        ``None`` keeps the stored one.
    kdf_n:
        scrypt cost of a *new* journal (a power of two). The default 2**17 is
        OWASP's recommendation; tests use smaller values. An existing
        journal keeps the parameters stored in it.

    A journal is a context manager; :meth:`close` it when done. It may be
    used from several threads and from several processes at once.
    """

    def __init__(self, path: str | os.PathLike | None = None, passphrase: str | bytes | None = None, *,
                 roster=None, clinician_id: str | None = None, create: bool = True,
                 kdf_n: int = DEFAULT_KDF_N):
        if passphrase is None:
            raise TypeError("Journal() needs the journal's passphrase")
        secret = _passphrase_bytes(passphrase)
        if clinician_id is not None:
            clinician_id = _text("clinician_id", clinician_id)
        if roster is not None and not isinstance(roster, _privacy().Roster):
            roster = _privacy().Roster(roster)              # check it before anything is written
        self.path = Path(path).expanduser() if path is not None else default_path()
        self._lock = threading.RLock()
        self._con: sqlite3.Connection | None = None
        self._reset_state()
        known = None
        if not self.path.exists():
            if not create:
                raise JournalError(f"there is no journal at {self.path} (create=True makes one)")
            known = _create_file(self.path, secret, kdf_n)
        _precheck(self.path)
        try:
            self._con = self._connect()
            self._unlock(secret, known)
            self.verify()
            if clinician_id is not None:
                if clinician_id != self.clinician_id:
                    self._write(lambda tx: tx.put(_SETTINGS, {**(tx.get(_SETTINGS) or {}),
                                                              "clinician_id": clinician_id}))
            if roster is not None:
                self.set_roster(roster)
        except BaseException:
            self.close()
            raise

    # ------------------------------------------------------------------ opening
    def _reset_state(self) -> None:
        self._aead: AESGCM | None = None
        self._dek = b""
        self._genesis = b""
        self._anon_key: bytes | None = None
        self._seq = 0
        self._last = b""
        self._versions: dict[str, list[dict]] = {}

    def _connect(self) -> sqlite3.Connection:
        uri = self.path.resolve().as_uri() + "?mode=rw"           # never creates a file
        try:
            con = sqlite3.connect(uri, uri=True, timeout=BUSY_TIMEOUT, isolation_level=None,
                                  check_same_thread=False)
        except sqlite3.Error as exc:
            raise self._sqlite_error(exc) from None
        con.text_factory = bytes            # a tampered TEXT cell must read as bad bytes, not fail to decode
        try:
            con.execute(f"PRAGMA busy_timeout={int(BUSY_TIMEOUT * 1000)}")
            con.execute("PRAGMA synchronous=FULL")
            if con.execute("PRAGMA journal_mode").fetchone()[0] not in ("wal", b"wal"):
                con.execute("PRAGMA journal_mode=WAL")
        except sqlite3.Error as exc:
            con.close()
            raise self._sqlite_error(exc) from None
        return con

    def _unlock(self, secret: bytes, known: tuple[bytes, bytes] | None) -> None:
        try:
            rows = self._con.execute("SELECT key, value FROM meta").fetchall()
        except sqlite3.Error as exc:
            raise self._sqlite_error(exc, "the key record") from None
        meta = {k.decode("utf-8", "replace") if isinstance(k, bytes) else k: v for k, v in rows}
        if isinstance(meta.get("kdf"), bytes):
            meta["kdf"] = meta["kdf"].decode("utf-8", "replace")
        fmt = meta.get("format")
        if isinstance(fmt, int) and fmt > FORMAT:
            raise JournalError(f"the journal at {self.path} was written by a newer rapportlib (format {fmt}); "
                               "update rapportlib to open it")
        types = {"format": int, "kdf": str, "kdf_n": int, "kdf_r": int, "kdf_p": int, "salt": bytes,
                 "key_check": bytes, "wrapped_key": bytes}
        if fmt != FORMAT or meta.get("kdf") != "scrypt" or any(not isinstance(meta.get(k), t)
                                                                for k, t in types.items()):
            raise JournalCorruptError(f"the journal at {self.path} is damaged: its key record is incomplete")
        n, r, p = meta["kdf_n"], meta["kdf_r"], meta["kdf_p"]
        if not (2**10 <= n <= 2**22 and n & (n - 1) == 0 and 1 <= r <= 32 and 1 <= p <= 16):
            raise JournalCorruptError(f"the journal at {self.path} is damaged: its key parameters are invalid")
        if known is not None and known[0] == meta["salt"]:
            master = known[1]                    # we just made it: no second scrypt
        else:
            master = _kdf(secret, meta["salt"], n, r, p)
        if not hmac.compare_digest(_subkey(master, b"key-check"), meta["key_check"]):
            raise JournalPassphraseError(f"wrong passphrase for the journal at {self.path}")
        wrapped = meta["wrapped_key"]
        try:
            dek = AESGCM(_subkey(master, b"wrap")).decrypt(wrapped[:12], wrapped[12:], _header_aad(meta))
        except (InvalidTag, ValueError):
            raise JournalCorruptError(f"the journal at {self.path} is damaged: its key record failed "
                                      "authentication") from None
        self._aead, self._dek = AESGCM(dek), dek
        self._genesis = _subkey(dek, b"genesis")
        self._anon_key = HKDF(algorithm=hashes.SHA256(), length=32, salt=None,
                              info=_DOMAIN + b"anonymise").derive(dek)

    def _sqlite_error(self, exc: sqlite3.Error, what: str = "") -> JournalError:
        name = getattr(exc, "sqlite_errorname", "") or type(exc).__name__
        if name.startswith(("SQLITE_BUSY", "SQLITE_LOCKED")):
            return JournalError(f"the journal at {self.path} is busy: another process held it for more than "
                                f"{BUSY_TIMEOUT:.0f} s; try again")
        if name.startswith(("SQLITE_CORRUPT", "SQLITE_NOTADB", "SQLITE_IOERR_SHORT_READ")) or (
                type(exc) is sqlite3.DatabaseError):
            at = f" ({what})" if what else ""
            return JournalCorruptError(f"the journal at {self.path} is damaged{at}: SQLite cannot read it "
                                       f"({name}); it was truncated or overwritten")
        return JournalError(f"SQLite could not use the journal at {self.path} ({name})")

    # ------------------------------------------------------------------ reading and verifying
    def _corrupt(self, what: str) -> JournalCorruptError:
        return JournalCorruptError(f"the journal at {self.path} is damaged or was tampered with: {what}")

    def _read_head(self, con: sqlite3.Connection) -> dict:
        row = con.execute("SELECT nonce, ct FROM slots WHERE id = ?", (_HEAD,)).fetchone()
        if row is None:
            raise self._corrupt("the head record (slot 0) is missing")
        try:
            head = _unseal(self._aead, _slot_aad(_HEAD), *row)
        except _Bad:
            raise self._corrupt("the head record (slot 0) failed authentication") from None
        if not (isinstance(head, dict) and isinstance(head.get("count"), int) and isinstance(head.get("slots"), dict)):
            raise self._corrupt("the head record (slot 0) is malformed")
        return head

    def _read_slot(self, con: sqlite3.Connection, head: dict, slot: int) -> Any:
        want = head["slots"].get(str(slot))
        row = con.execute("SELECT nonce, ct FROM slots WHERE id = ?", (slot,)).fetchone()
        what = f"the {_SLOT_NAMES[slot]} record (slot {slot})"
        if want is None:
            if row is not None:
                raise self._corrupt(f"{what} is not listed in the head record")
            return None
        if row is None:
            raise self._corrupt(f"{what} is missing")
        if _digest(b"slot", slot, *row).hex() != want:
            raise self._corrupt(f"{what} does not match the head record (modified or rolled back)")
        try:
            return _unseal(self._aead, _slot_aad(slot), *row)
        except _Bad:
            raise self._corrupt(f"{what} failed authentication") from None

    def _read_log(self, con: sqlite3.Connection, head: dict, seq: int, last: bytes) -> tuple[list[dict], bytes]:
        """Verify the records after ``seq`` (whose digest is ``last``) against the head; return them."""
        count = head["count"]
        if count < seq:
            raise self._corrupt(f"the head record counts {count} records but {seq} were read before "
                                "(records were removed)")
        if seq:
            row = con.execute("SELECT seq, nonce, ct FROM log WHERE seq = ?", (seq,)).fetchone()
            if row is None or _digest(b"log", *row) != last:
                raise self._corrupt(f"record {seq} changed or disappeared since it was read")
        out = []
        expected = seq
        for n, nonce, ct in self._rows_guarded(con, seq):
            expected += 1
            if n != expected:
                raise self._corrupt(f"record {expected} is missing (the next one is {n})")
            try:
                rec = _unseal(self._aead, _log_aad(n, last), nonce, ct)
            except _Bad:
                raise self._corrupt(f"record {n} failed authentication (modified, moved or out of its "
                                    "chain)") from None
            if not (isinstance(rec, dict) and rec.get("k") in ("entry", "note") and isinstance(rec.get("id"), str)):
                raise self._corrupt(f"record {n} is malformed")
            last = _digest(b"log", n, nonce, ct)
            out.append(rec)
        if expected < count:
            which = f"record {count}" if expected + 1 == count else f"records {expected + 1} to {count}"
            raise self._corrupt(f"{which} of {count} {'is' if expected + 1 == count else 'are'} missing "
                                "(the log was truncated or its last records removed)")
        if expected > count:
            raise self._corrupt(f"records {count + 1} to {expected} are not counted by the head record")
        if last.hex() != head.get("last"):
            raise self._corrupt(f"the last record ({count}) does not match the head record")
        return out, last

    def _rows_guarded(self, con: sqlite3.Connection, seq: int):
        """The log rows after ``seq``; an SQLite read error names the last record read before it."""
        cur = con.execute("SELECT seq, nonce, ct FROM log WHERE seq > ? ORDER BY seq", (seq,))
        while True:
            try:
                row = cur.fetchone()
            except sqlite3.Error as exc:
                err = self._sqlite_error(exc)
                if isinstance(err, JournalCorruptError):
                    name = getattr(exc, "sqlite_errorname", "") or type(exc).__name__
                    raise self._corrupt(f"SQLite cannot read the log after record {seq} ({name}); "
                                        "the file was truncated or overwritten") from None
                raise err from None
            if row is None:
                return
            seq = row[0]
            yield row

    def _apply(self, recs: list[dict]) -> None:
        for rec in recs:
            self._versions.setdefault(rec["id"], []).append(rec)

    def _sync(self, con: sqlite3.Connection) -> dict:
        """Read and verify what other processes appended since our last look; return the head."""
        head = self._read_head(con)
        if head["count"] != self._seq or head.get("last") != self._last.hex():
            recs, last = self._read_log(con, head, self._seq, self._last)
            self._apply(recs)
            self._seq, self._last = head["count"], last
        return head

    def verify(self) -> int:
        """Decrypt and check every record and state slot from scratch; return the number of log records.

        Raises :class:`JournalCorruptError` naming what failed. Runs when a
        journal is opened; thousands of records take milliseconds.
        """
        with self._lock:
            self._check_open()
            self._seq, self._last, self._versions = 0, self._genesis, {}

            def run(con, head):
                for slot in _SLOT_NAMES:
                    if slot != _HEAD:
                        self._read_slot(con, head, slot)
                return head["count"]

            return self._read(run)

    def _read(self, fn):
        """Run ``fn(con, head)`` in one read transaction (a consistent snapshot), after syncing."""
        with self._lock:
            self._check_open()
            con = self._con
            try:
                con.execute("BEGIN")
                try:
                    return fn(con, self._sync(con))
                finally:
                    con.execute("COMMIT")
            except sqlite3.Error as exc:
                raise self._sqlite_error(exc) from None

    def _write(self, fn):
        """Run ``fn(tx)`` in one ``BEGIN IMMEDIATE`` transaction that also rewrites the head."""
        with self._lock:
            self._check_open()
            con = self._con
            try:
                con.execute("BEGIN IMMEDIATE")
                try:
                    tx = _Tx(self, con, self._sync(con))
                    result = fn(tx)
                    tx.finish()
                    con.execute("COMMIT")
                except BaseException:
                    if con.in_transaction:
                        con.execute("ROLLBACK")
                    raise
            except sqlite3.Error as exc:
                raise self._sqlite_error(exc) from None
            self._apply(tx.appended)
            self._seq, self._last = tx.head["count"], bytes.fromhex(tx.head["last"])
            return result

    def _check_open(self) -> None:
        if self._con is None or self._aead is None:
            raise JournalError(f"the journal at {self.path} is closed")

    # ------------------------------------------------------------------ settings
    @property
    def clinician_id(self) -> str | None:
        """The clinician id stored in the journal (set it with ``Journal(..., clinician_id=...)``)."""
        settings = self._read(lambda con, head: self._read_slot(con, head, _SETTINGS)) or {}
        return settings.get("clinician_id")

    @property
    def roster(self):
        """The stored :class:`rapportlib.privacy.Roster`, or ``None`` if none was set."""
        entries = self._read(lambda con, head: self._read_slot(con, head, _ROSTER))
        return None if entries is None else _privacy().Roster(entries)

    def set_roster(self, entries) -> None:
        """Store the names the clinician knows occur (a Roster, or what Roster accepts); ``None`` clears it."""
        if entries is None:
            self._write(lambda tx: tx.put(_ROSTER, None))
            return
        roster = entries if isinstance(entries, _privacy().Roster) else _privacy().Roster(entries)
        stored = roster.to_list()

        def op(tx: _Tx) -> None:
            if tx.get(_ROSTER) != stored:
                tx.put(_ROSTER, stored)

        self._write(op)

    def change_passphrase(self, new_passphrase: str | bytes, *, kdf_n: int | None = None) -> None:
        """Re-wrap the data key under a new passphrase (new salt; optionally a new scrypt cost).

        The records are not re-encrypted: they stay under the same data key.
        """
        secret = _passphrase_bytes(new_passphrase)
        with self._lock:
            self._check_open()
            if kdf_n is None:
                kdf_n = self._con.execute("SELECT value FROM meta WHERE key = 'kdf_n'").fetchone()[0]
            if not (isinstance(kdf_n, int) and 2**10 <= kdf_n <= 2**22 and kdf_n & (kdf_n - 1) == 0):
                raise ValueError("kdf_n must be a power of two from 2**10 to 2**22")
            meta = {"format": FORMAT, "kdf": "scrypt", "kdf_n": kdf_n, "kdf_r": KDF_R, "kdf_p": KDF_P,
                    "salt": os.urandom(16)}
            meta.update(_wrap(secret, meta, self._dek))
            self._write(lambda tx: tx.con.executemany("INSERT OR REPLACE INTO meta VALUES (?, ?)", meta.items()))

    # ------------------------------------------------------------------ entries
    def add(self, text: str, **fields) -> str:
        """Anonymise ``text`` (and ``ct_note``) and append a new entry; return its id (like ``"e-3f9a2c1d"``).

        ``fields`` are those of :data:`FIELDS` (client_id, session, date,
        techniques, rupture, repair_attempted, clinician_alliance, language,
        interpreter, ct_* check-in ratings 0-4, ct_note); an unknown or
        invalid one raises ``ValueError`` naming the field (never its value).
        """
        text = _check_text(text)
        checked = {k: v for k, v in _check_fields(fields).items() if v is not None}

        def op(tx: _Tx) -> str:
            entry_id = self._new_id("e-", tx)
            client = checked.get("client_id")
            stored = dict(checked)
            if "ct_note" in stored:
                stored["ct_note"] = tx.anonymise(stored["ct_note"], client, stored.get("language"))
            tx.append({"k": "entry", "op": "add", "id": entry_id, "v": 1, "at": _now(),
                       "text": tx.anonymise(text, client, stored.get("language")), "f": stored})
            return entry_id

        return self._write(op)

    def edit(self, entry_id: str, text: str | None = None, **fields) -> int:
        """Append a new version of an entry; return its version number.

        ``text`` replaces the text (anonymised again); each field given
        replaces that field, and a field given as ``None`` is cleared. Fields
        not given keep their values. The stored text is already anonymised,
        so changing ``client_id`` without a new ``text`` keeps the text as it
        was anonymised for the earlier client (dates shifted by its offset).
        """
        if text is not None:
            text = _check_text(text)
        checked = _check_fields(fields)
        if text is None and not checked:
            raise ValueError("edit() needs a new text or at least one field")

        def op(tx: _Tx) -> int:
            prev = self._current(entry_id)
            merged = {**prev["f"], **checked}
            merged = {k: v for k, v in merged.items() if v is not None}
            client = merged.get("client_id")
            if checked.get("ct_note") is not None:
                merged["ct_note"] = tx.anonymise(checked["ct_note"], client, merged.get("language"))
            new_text = prev["text"] if text is None else tx.anonymise(text, client, merged.get("language"))
            version = prev["v"] + 1
            tx.append({"k": "entry", "op": "edit", "id": entry_id, "v": version, "at": _now(), "text": new_text,
                       "f": merged})
            return version

        return self._write(op)

    def delete(self, entry_id: str, reason: str = "") -> None:
        """Record the deletion of an entry (a tombstone version; ``reason`` is anonymised and kept).

        The entry leaves :meth:`entries` and exports; :meth:`history` still
        shows every version. Earlier versions stay in the file, encrypted.
        """
        reason = _check_text(reason, "reason")

        def op(tx: _Tx) -> None:
            prev = self._current(entry_id)
            why = tx.anonymise(reason, prev["f"].get("client_id"), prev["f"].get("language")) if reason else ""
            tx.append({"k": "entry", "op": "delete", "id": entry_id, "v": prev["v"] + 1, "at": _now(),
                       "text": None, "f": {}, "reason": why})

        self._write(op)

    def _versions_of(self, entry_id: Any) -> list[dict]:
        if not isinstance(entry_id, str) or not _ID_RE.match(entry_id):
            raise KeyError("not an entry id (entry ids look like 'e-3f9a2c1d')")
        versions = self._versions.get(entry_id)
        if not versions:
            raise KeyError(f"there is no entry {entry_id} in the journal at {self.path}")
        return versions

    def _current(self, entry_id: Any) -> dict:
        rec = self._versions_of(entry_id)[-1]
        if rec["op"] == "delete":
            raise JournalError(f"entry {entry_id} was deleted")
        return rec

    def preview(self, text: str, client_id: str | None = None, language: str | None = None):
        """What :meth:`add` would store: the :class:`~rapportlib.privacy.Anonymised` result. Stores nothing.

        ``client_id`` and ``language`` are the entry's fields of those names (dates are shifted per
        client; the language picks the detector's word lists). Pseudonyms a new name would get are
        provisional: another process may take that number first.
        """
        text = _check_text(text)
        if client_id is not None:
            client_id = _text("client_id", client_id)
        if language is not None:
            language = _text("language", language)

        def run(con, head):
            priv = _privacy()
            roster = self._read_slot(con, head, _ROSTER)
            table = self._read_slot(con, head, _PSEUDONYMS)
            pseudo = priv.Pseudonymiser.from_dict(self._anon_key, table) if table is not None else \
                priv.Pseudonymiser(self._anon_key)
            return priv.anonymise(text, roster=None if roster is None else priv.Roster(roster),
                                  key=self._anon_key, client=client_id, lang=_lang(language), pseudonyms=pseudo)

        return self._read(run)

    def entries(self) -> pd.DataFrame:
        """The current version of every entry not deleted, in the order they were added.

        Columns: entry_id, version, created, updated, client_id, session,
        text, then every field of :data:`FIELDS` (missing values are NA;
        ``techniques`` is a list, empty when not given).
        """
        def run(con, head):
            return [(versions[0], versions[-1]) for versions in self._versions.values()
                    if versions[-1]["op"] != "delete" and versions[0]["k"] == "entry"]

        rows = [{"entry_id": last["id"], "version": last["v"], "created": first["at"], "updated": last["at"],
                 "text": last["text"], **last["f"]} for first, last in self._read(run)]
        return _frame(rows, ["entry_id", "version", "created", "updated", "client_id", "session", "text"])

    def history(self, entry_id: str) -> pd.DataFrame:
        """Every version of one entry, oldest first, including a deletion.

        Columns: entry_id, version, op (add, edit or delete), created,
        updated (when that version was written), reason (of a deletion),
        client_id, session, text and the fields.
        """
        versions = self._read(lambda con, head: list(self._versions_of(entry_id)))
        created = versions[0]["at"]
        rows = [{"entry_id": r["id"], "version": r["v"], "op": r["op"], "created": created, "updated": r["at"],
                 "reason": r.get("reason"), "text": r["text"], **r["f"]} for r in versions]
        return _frame(rows, ["entry_id", "version", "op", "created", "updated", "reason", "client_id", "session",
                             "text"])

    def __len__(self) -> int:
        return self._read(lambda con, head: sum(v[-1]["op"] != "delete" and v[0]["k"] == "entry"
                                                for v in self._versions.values()))

    # ------------------------------------------------------------------ notes
    def _new_id(self, prefix: str, tx: _Tx) -> str:
        new = prefix + secrets.token_hex(4)
        while new in self._versions or any(r["id"] == new for r in tx.appended):
            new = prefix + secrets.token_hex(4)
        return new

    def add_note(self, kind: str, data: dict, *, client_id: str | None = None, language: str | None = None) -> str:
        """Append a structured note (a bias check's commitments, a meeting's action items ...); return its id.

        ``kind`` names what it is (lower-case letters, digits and ``_``, like ``"bias_check"``); ``data``
        is a dict of texts, numbers, booleans, ``None``, lists and dicts. Free text goes under keys named
        ``text`` or ending in ``_text`` (at any depth): it is anonymised like an entry's text, with
        ``client_id`` and ``language``. Every other string must be short (at most 200 characters: ids,
        dates, choices), so that free text cannot slip past the anonymiser. Notes are encrypted and
        append-only like entries, and are not entries: :meth:`entries` and exports leave them out.
        """
        if not isinstance(kind, str) or not _KIND_RE.match(kind):
            raise ValueError("a note's kind is lower-case letters, digits and _ (like 'bias_check')")
        _check_note(data)
        if client_id is not None:
            client_id = _text("client_id", client_id)

        def op(tx: _Tx) -> str:
            note_id = self._new_id("n-", tx)
            tx.append({"k": "note", "op": "add", "id": note_id, "v": 1, "at": _now(), "kind": kind,
                       "client_id": client_id, "data": _anonymise_note(tx, data, client_id, language)})
            return note_id

        return self._write(op)

    def edit_note(self, note_id: str, data: dict, *, language: str | None = None) -> int:
        """Append a new version of a note with ``data`` in place of the old; return the version number.

        Free text that changed is anonymised; text kept from the previous version (as :meth:`notes`
        returned it) is stored as it was. The earlier versions stay readable in :meth:`note_history`."""
        _check_note(data)

        def op(tx: _Tx) -> int:
            prev = self._note_versions(note_id)[-1]
            version = prev["v"] + 1
            tx.append({"k": "note", "op": "edit", "id": note_id, "v": version, "at": _now(), "kind": prev["kind"],
                       "client_id": prev["client_id"],
                       "data": _anonymise_note(tx, data, prev["client_id"], language, before=prev["data"])})
            return version

        return self._write(op)

    def _note_versions(self, note_id: Any) -> list[dict]:
        if not isinstance(note_id, str) or not _NOTE_RE.match(note_id):
            raise KeyError("not a note id (note ids look like 'n-3f9a2c1d')")
        versions = self._versions.get(note_id)
        if not versions:
            raise KeyError(f"there is no note {note_id} in the journal at {self.path}")
        return versions

    def notes(self, kind: str | None = None) -> pd.DataFrame:
        """The current version of every note (of ``kind``, if given), oldest first.

        Columns: note_id, kind, version, created, updated, client_id and data (the dict as stored, its
        free text anonymised).
        """
        def run(con, head):
            return [(v[0], v[-1]) for v in self._versions.values()
                    if v[0]["k"] == "note" and (kind is None or v[0]["kind"] == kind)]

        return _note_frame([{"note_id": last["id"], "kind": last["kind"], "version": last["v"],
                             "created": first["at"], "updated": last["at"], "client_id": last["client_id"],
                             "data": last["data"]} for first, last in self._read(run)])

    def note_history(self, note_id: str) -> pd.DataFrame:
        """Every version of one note, oldest first (columns as :meth:`notes`, ``updated`` per version)."""
        versions = self._read(lambda con, head: list(self._note_versions(note_id)))
        return _note_frame([{"note_id": r["id"], "kind": r["kind"], "version": r["v"], "created": versions[0]["at"],
                             "updated": r["at"], "client_id": r["client_id"], "data": r["data"]} for r in versions])

    # ------------------------------------------------------------------ drafts
    def save_draft(self, draft: dict) -> None:
        """Keep what is being typed (any JSON-able dict), encrypted and *not* anonymised; replaces the last one."""
        if not isinstance(draft, dict):
            raise TypeError("a draft must be a dict")
        try:
            json.dumps(draft, ensure_ascii=False)
        except (TypeError, ValueError):
            raise TypeError("a draft must hold only texts, numbers, booleans, None, lists and dicts") from None
        self._write(lambda tx: tx.put(_DRAFT, {"draft": draft, "at": _now()}))

    def draft(self) -> dict | None:
        """The last saved draft, or ``None``."""
        stored = self._read(lambda con, head: self._read_slot(con, head, _DRAFT))
        return None if stored is None else stored["draft"]

    def clear_draft(self) -> None:
        """Remove the saved draft (its row is deleted; its ciphertext may linger in free pages of the file)."""
        self._write(lambda tx: tx.put(_DRAFT, None))

    # ------------------------------------------------------------------ export
    def export(self, path: str | os.PathLike, entry_ids, *, format: str | None = None,
               pseudonymise_clients: bool = True, overwrite: bool = False) -> Path:
        """Write chosen entries as a reflections table :func:`rapportlib.load` reads; return what was written.

        ``path`` ending in ``.jsonl`` or ``.csv`` is written as that one
        file. Any other ``path`` is a dataset folder: it gets
        ``reflections.jsonl`` (or ``.csv`` with ``format="csv"``) and a
        ``dataset.yaml`` describing the anonymisation.

        Nothing is exported unless named: ``entry_ids`` must list at least
        one entry (deleted entries cannot be exported). Each row has
        ``reflection_id`` = entry id and the journal's clinician id (required);
        ``client_id`` becomes a keyed pseudonym ``client-<n>`` unless
        ``pseudonymise_clients=False``; ``created`` and ``date`` are shifted by
        the client's keyed day offset (dates inside the text were already
        shifted by the anonymiser with the same offset). Existing files are
        not overwritten unless ``overwrite=True``.
        """
        if isinstance(entry_ids, str):
            entry_ids = [entry_ids]
        entry_ids = list(entry_ids or [])
        if not entry_ids:
            raise ValueError("name the entries to export: entry_ids is empty, so nothing would be written")
        if len(set(entry_ids)) != len(entry_ids):
            raise ValueError("entry_ids names an entry twice")
        target = Path(path).expanduser()
        suffix = target.suffix.lower()
        folder = suffix not in (".jsonl", ".csv") or target.is_dir()
        if format is not None and format not in ("jsonl", "csv"):
            raise ValueError("format must be 'jsonl' or 'csv'")
        if not folder and format is not None and format != suffix[1:]:
            raise ValueError(f"format {format!r} does not match the file name ending {suffix!r}")
        fmt = format or ("jsonl" if folder else suffix[1:])
        if folder and suffix in (".json", ".ndjson", ".xlsx", ".xls", ".parquet", ".pq", ".tsv", ".txt", ".yaml"):
            raise ValueError("export writes a .jsonl or .csv file, or a dataset folder")
        out = target / f"reflections.{fmt}" if folder else target
        outputs = [out, target / "dataset.yaml"] if folder else [out]
        if not overwrite:
            for p in outputs:
                if p.exists():
                    raise FileExistsError(f"{p} exists; pass overwrite=True to replace it")

        clinician = self.clinician_id
        if not clinician:
            raise JournalError("this journal has no clinician id, which exports need: open it with "
                               "Journal(..., clinician_id='...')")

        def op(tx: _Tx) -> list[dict]:
            recs = [self._current(e) for e in entry_ids]
            pseudo = tx.pseudonymiser()
            rows = []
            for rec in recs:
                f = dict(rec["f"])
                client = f.pop("client_id", None)
                shift = timedelta(days=_privacy().date_offset(self._anon_key, client))
                created = datetime.fromisoformat(self._versions[rec["id"]][0]["at"]) + shift
                row = {"reflection_id": rec["id"], "clinician_id": clinician,
                       "client_id": None if client is None else (
                           _client_pseudonym(pseudo, client) if pseudonymise_clients else client),
                       "session": f.pop("session", None), "created": created.isoformat(timespec="seconds"),
                       "text": rec["text"]}
                if "date" in f:
                    f["date"] = (date.fromisoformat(f["date"]) + shift).isoformat()
                rows.append({**row, **f})
            tx.save_pseudonyms(pseudo)
            return rows

        rows = self._write(op)
        columns = ["reflection_id", "clinician_id", "client_id", "session", "created", "text",
                   *[c for c in FIELDS if c not in ("client_id", "session", *_EXTRA)]]
        columns += [c for c in _EXTRA if any(c in r for r in rows)]    # not in the schema: only when used
        if folder:
            target.mkdir(parents=True, exist_ok=True)
        _write_table(out, fmt, columns, rows)
        if folder:
            _write_meta(target / "dataset.yaml", out.name, clinician, pseudonymise_clients)
        return target if folder else out

    # ------------------------------------------------------------------ closing
    def close(self) -> None:
        """Close the file and forget the keys. Safe to call twice."""
        with self._lock:
            con, self._con = self._con, None
            self._reset_state()
            if con is not None:
                con.close()

    def __enter__(self) -> Journal:
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    def __repr__(self) -> str:
        state = "closed" if self._con is None else f"{self._seq} records"
        return f"Journal({str(self.path)!r}, {state})"


class _Tx:
    """One write transaction: appends log records and replaces state slots, then rewrites the head."""

    def __init__(self, journal: Journal, con: sqlite3.Connection, head: dict):
        self.j, self.con, self.head = journal, con, {**head, "slots": dict(head["slots"])}
        self.appended: list[dict] = []
        self._pseudo = self._pseudo_before = None
        self._roster = None
        self._roster_read = False

    def get(self, slot: int) -> Any:
        return self.j._read_slot(self.con, self.head, slot)

    def put(self, slot: int, value: Any) -> None:
        if value is None:
            self.con.execute("DELETE FROM slots WHERE id = ?", (slot,))
            self.head["slots"].pop(str(slot), None)
            return
        nonce, ct = _seal(self.j._aead, _slot_aad(slot), value)
        self.con.execute("INSERT OR REPLACE INTO slots VALUES (?, ?, ?)", (slot, nonce, ct))
        self.head["slots"][str(slot)] = _digest(b"slot", slot, nonce, ct).hex()

    def append(self, rec: dict) -> None:
        seq = self.head["count"] + 1
        prev = bytes.fromhex(self.head["last"])
        nonce, ct = _seal(self.j._aead, _log_aad(seq, prev), rec)
        self.con.execute("INSERT INTO log VALUES (?, ?, ?)", (seq, nonce, ct))
        self.head["count"], self.head["last"] = seq, _digest(b"log", seq, nonce, ct).hex()
        self.appended.append(rec)

    def pseudonymiser(self):
        """The journal's pseudonym table as stored now (inside this transaction)."""
        if self._pseudo is None:
            priv = _privacy()
            table = self.get(_PSEUDONYMS)
            self._pseudo = priv.Pseudonymiser.from_dict(self.j._anon_key, table) if table is not None else \
                priv.Pseudonymiser(self.j._anon_key)
            self._pseudo_before = table
        return self._pseudo

    def save_pseudonyms(self, pseudo) -> None:
        state = pseudo.to_dict()
        if state != self._pseudo_before:
            self.put(_PSEUDONYMS, state)
            self._pseudo_before = state

    def anonymise(self, text: str, client: str | None, language: str | None = None) -> str:
        priv = _privacy()
        if not self._roster_read:
            stored = self.get(_ROSTER)
            self._roster = None if stored is None else priv.Roster(stored)
            self._roster_read = True
        return priv.anonymise(text, roster=self._roster, key=self.j._anon_key, client=client, lang=_lang(language),
                              pseudonyms=self.pseudonymiser()).text

    def finish(self) -> None:
        if self._pseudo is not None:
            self.save_pseudonyms(self._pseudo)
        nonce, ct = _seal(self.j._aead, _slot_aad(_HEAD), self.head)
        self.con.execute("INSERT OR REPLACE INTO slots VALUES (?, ?, ?)", (_HEAD, nonce, ct))


_EXTRA = ("date", "ct_note")          # journal fields the reflections schema does not define


def _check_note(data: Any, key: str = "", depth: int = 0) -> None:
    if depth == 0:
        if not isinstance(data, dict):
            raise TypeError("a note's data must be a dict")
        try:
            json.dumps(data, ensure_ascii=False)
        except (TypeError, ValueError):
            raise TypeError("a note holds only texts, numbers, booleans, None, lists and dicts") from None
    if isinstance(data, dict):
        for k, v in data.items():
            if not isinstance(k, str):
                raise TypeError("a note's keys must be texts")
            _check_note(v, k, depth + 1)
    elif isinstance(data, list):
        for v in data:
            _check_note(v, key, depth + 1)
    elif isinstance(data, str):
        if len(data) > _MAX_TEXT:
            raise ValueError(f"note field {key!r} is longer than {_MAX_TEXT:,} characters")
        if not _is_text_key(key) and len(data) > 200:
            raise ValueError(f"note field {key!r} holds a long text: free text goes under a key named 'text' or "
                             "ending in '_text', so that it is anonymised")


def _is_text_key(key: str) -> bool:
    return key == "text" or key.endswith("_text")


def _anonymise_note(tx: _Tx, data: Any, client: str | None, language: str | None, key: str = "",
                    before: Any = None) -> Any:
    """``data`` with its free text anonymised; text equal to what ``before`` (the previous version) holds
    at the same place was stored anonymised already and is kept as it is (dates are not shifted twice)."""
    if isinstance(data, dict):
        prev = before if isinstance(before, dict) else {}
        return {k: _anonymise_note(tx, v, client, language, k, prev.get(k)) for k, v in data.items()}
    if isinstance(data, list):
        prev = before if isinstance(before, list) else []
        return [_anonymise_note(tx, v, client, language, key, prev[i] if i < len(prev) else None)
                for i, v in enumerate(data)]
    if isinstance(data, str) and _is_text_key(key) and data.strip() and data != before:
        return tx.anonymise(data, client, language)
    return data


def _note_frame(rows: list[dict]) -> pd.DataFrame:
    import pandas as pd

    out = pd.DataFrame(rows, columns=["note_id", "kind", "version", "created", "updated", "client_id", "data"])
    for c in ("created", "updated"):
        out[c] = pd.to_datetime(out[c], format="ISO8601").astype("datetime64[s]")
    out["version"] = out["version"].astype("int64")
    for c in ("note_id", "kind", "client_id"):
        out[c] = out[c].astype("str").where(out[c].notna())
    return out


def _client_pseudonym(pseudo, client: str) -> str:
    return f"client-{pseudo.number('client_id', client)}"


_LANGS = {"en": "en", "english": "en", "es": "es", "spanish": "es", "español": "es", "espanol": "es",
          "castellano": "es", "ta": "ta", "tamil": "ta", "தமிழ்": "ta"}


def _lang(language: str | None) -> str | None:
    """The anonymiser's language code for a ``language`` field, or None (detected from the text)."""
    return _LANGS.get(language.strip().lower()) if isinstance(language, str) else None


# --------------------------------------------------------------------------- frames and files
_TYPES = {"session": "Int64", **{c: "Int64" for c in CT_SCALES}, "version": "int64",
          "repair_attempted": "boolean", "interpreter": "boolean", "clinician_alliance": "float64"}


def _frame(rows: list[dict], first: list[str]) -> pd.DataFrame:
    import pandas as pd

    columns = first + [c for c in FIELDS if c not in first]
    data = {}
    for c in columns:
        values = [r.get(c) for r in rows]
        if c == "techniques":
            data[c] = pd.Series([list(v) if v else [] for v in values], dtype=object)
        elif c in ("created", "updated", "date"):
            data[c] = pd.to_datetime(pd.Series(values, dtype=object), format="ISO8601")
            data[c] = data[c].astype("datetime64[s]")
        elif c in _TYPES:
            data[c] = pd.Series(values, dtype=_TYPES[c])
        else:
            data[c] = pd.Series(values, dtype="str")
    return pd.DataFrame(data, columns=columns)


def _write_table(path: Path, fmt: str, columns: list[str], rows: list[dict]) -> None:
    tmp = path.with_name(f".{path.name}.{secrets.token_hex(4)}.tmp")
    try:
        with open(tmp, "w", encoding="utf-8", newline="") as f:
            if fmt == "jsonl":
                for row in rows:
                    f.write(json.dumps({c: row.get(c) for c in columns}, ensure_ascii=False) + "\n")
            else:
                w = csv.writer(f)
                w.writerow(columns)
                for row in rows:
                    w.writerow([_csv_cell(row.get(c)) for c in columns])
        os.replace(tmp, path)
    finally:
        tmp.unlink(missing_ok=True)


def _csv_cell(v: Any) -> str:
    if v is None:
        return ""
    if isinstance(v, bool):
        return "true" if v else "false"
    if isinstance(v, list):
        return ";".join(v)
    return str(v)


def _write_meta(path: Path, table_file: str, clinician: str, pseudonymised: bool) -> None:
    import yaml

    method = ("rapportlib journal export: names, contacts and other identifiers in the text replaced by "
              "rapportlib.privacy.anonymise (roster and patterns) before storage; dates shifted per client by a "
              "keyed offset of 1-180 days; client ids " +
              ("replaced by keyed pseudonyms" if pseudonymised else "kept as entered in the journal"))
    meta = {"name": "rapportlib-journal-export",
            "description": "Reflections exported from a clinician's rapportlib journal.",
            "synthetic": False, "files": {"reflections": table_file},
            "anonymisation": {"status": "anonymised" if pseudonymised else "pseudonymised", "method": method},
            "clinicians": [{"clinician_id": clinician}]}
    path.write_text(yaml.safe_dump(meta, sort_keys=False, allow_unicode=True), encoding="utf-8")
