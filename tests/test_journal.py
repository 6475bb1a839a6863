"""The encrypted reflection journal: round trips, anonymisation before writing, no plaintext in the
file, crash and concurrency safety, tamper detection and export to a loadable dataset."""

from __future__ import annotations

import json
import os
import re
import shutil
import sqlite3
import subprocess
import sys
import time
from datetime import date, datetime, timedelta
from pathlib import Path

import pandas as pd
import pytest

import rapportlib
from rapportlib import privacy
from rapportlib.journal import (
    FIELDS,
    Journal,
    JournalCorruptError,
    JournalError,
    JournalPassphraseError,
    default_path,
)

ROOT = Path(__file__).resolve().parents[1]
PW = "correct horse battery staple"
KDF_N = 2**12                       # cheap scrypt for tests; test_default_kdf uses the real default
ROSTER = [{"name": "Marguerite Okafor", "role": "client"}, {"name": "Thaddeus Brennan", "role": "family"}]
CLINICIAN = "clin01"
SECRET_TEXT = "Marguerite Okafor rang from 07700 900123 about the xylophone recital"
pytestmark = pytest.mark.usefixtures("anonymiser_lists")


def _filled(path: Path, n: int = 3) -> list[str]:
    with Journal(path, PW, roster=ROSTER, clinician_id="clin01", kdf_n=KDF_N) as j:
        return [j.add(f"Reflection number {i} about the week.", client_id="c001", session=i) for i in range(n)]


def _env() -> dict:
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join([str(ROOT), env.get("PYTHONPATH", "")]).rstrip(os.pathsep)
    return env


# --------------------------------------------------------------------------- round trip
def test_round_trip(journal):
    e1 = journal.add("We worked on sleep. Felt steady.", client_id="c001", session=1, date="2024-03-17",
                     techniques=["affirmation", "consistency"], rupture="none", repair_attempted=False,
                     clinician_alliance=8.5, language="English", interpreter=False, ct_positive=3,
                     ct_overwhelmed=0, ct_note="A calm hour.")
    e2 = journal.add("Short note.", client_id="c002", session=0)
    assert re.fullmatch(r"e-[0-9a-f]{8}", e1) and e1 != e2

    df = journal.entries()
    assert list(df.columns[:7]) == ["entry_id", "version", "created", "updated", "client_id", "session", "text"]
    assert set(FIELDS) <= set(df.columns)
    assert list(df.entry_id) == [e1, e2] and len(journal) == 2
    row = df.iloc[0]
    assert row.version == 1 and row.session == 1 and row.client_id == "c001"
    assert row.text == "We worked on sleep. Felt steady."
    assert row.techniques == ["affirmation", "consistency"] and row.rupture == "none"
    assert row.clinician_alliance == 8.5 and row.ct_positive == 3 and not row.repair_attempted
    assert row.date == pd.Timestamp("2024-03-17") and row.ct_note == "A calm hour."
    assert abs(row.created - pd.Timestamp.now()) < pd.Timedelta(minutes=5)
    assert df.iloc[1].techniques == [] and pd.isna(df.iloc[1].rupture) and pd.isna(df.iloc[1].ct_positive)
    assert str(df.session.dtype) == "Int64" and str(df.interpreter.dtype) == "boolean"

    assert journal.edit(e1, "We worked on sleep and on trust.", rupture="withdrawal", ct_note=None) == 2
    assert journal.edit(e1, repair_attempted=True) == 3
    cur = journal.entries().set_index("entry_id").loc[e1]
    assert cur.version == 3 and cur.text == "We worked on sleep and on trust."
    assert cur.rupture == "withdrawal" and bool(cur.repair_attempted) and pd.isna(cur.ct_note)
    assert cur.session == 1 and cur.created <= cur.updated               # fields not given are kept

    journal.delete(e2, reason="Written for the wrong session.")
    assert list(journal.entries().entry_id) == [e1] and len(journal) == 1
    h = journal.history(e2)
    assert list(h.op) == ["add", "delete"] and list(h.version) == [1, 2]
    assert h.iloc[1].reason == "Written for the wrong session." and pd.isna(h.iloc[1].text)
    assert list(journal.history(e1).op) == ["add", "edit", "edit"]
    assert list(journal.history(e1).text)[0] == "We worked on sleep. Felt steady."

    with pytest.raises(JournalError, match="deleted"):
        journal.edit(e2, "again")
    with pytest.raises(JournalError, match="deleted"):
        journal.delete(e2)
    with pytest.raises(KeyError, match="no entry"):
        journal.edit("e-00000000", "x")
    with pytest.raises(ValueError, match="needs a new text"):
        journal.edit(e1)
    assert "records" in repr(journal) and str(journal.path) in repr(journal)


def test_context_manager_closes(jpath):
    with Journal(jpath, PW, kdf_n=KDF_N) as j:
        j.add("A note.")
    assert "closed" in repr(j)
    with pytest.raises(JournalError, match="closed"):
        j.entries()
    j.close()                                           # twice is fine


def test_empty_journal_frames(journal):
    df = journal.entries()
    assert len(df) == 0 and "text" in df.columns and "ct_criticised" in df.columns


@pytest.mark.parametrize(("field", "value"), [
    ("session", -1), ("session", 1.5), ("session", True), ("date", "17/03/2024"), ("date", 20240317),
    ("techniques", "affirmation"), ("techniques", ["a;b"]), ("rupture", "shouting"), ("repair_attempted", "yes"),
    ("clinician_alliance", 11), ("clinician_alliance", float("nan")), ("interpreter", 1), ("ct_helpless", 5),
    ("ct_special", -1), ("client_id", ""), ("client_id", 17), ("language", "  "), ("ct_note", 3),
])
def test_fields_validated(journal, field, value):
    with pytest.raises(ValueError, match=f"field '{field}'"):
        journal.add("Text.", **{field: value})
    assert len(journal) == 0


def test_unknown_field_named_not_valued(journal):
    with pytest.raises(ValueError, match="'mood'") as exc:
        journal.add("Text.", mood="Marguerite was sad")
    assert "Marguerite" not in str(exc.value)
    with pytest.raises(TypeError):
        journal.add(None)


# --------------------------------------------------------------------------- opening
def test_reopen_and_wrong_passphrase(jpath):
    with Journal(jpath, PW, roster=ROSTER, clinician_id="clin01", kdf_n=KDF_N) as j:
        e = j.add("First.", client_id="c001", session=1)
        j.edit(e, session=2)
        j.save_draft({"text": "half typed"})
    with Journal(jpath, PW) as j:
        assert list(j.entries().entry_id) == [e] and j.entries().session.iloc[0] == 2
        assert j.clinician_id == "clin01" and len(j.roster) == 2 and j.draft() == {"text": "half typed"}
    with pytest.raises(JournalPassphraseError) as exc:
        Journal(jpath, "wrong horse")
    assert str(exc.value) == f"wrong passphrase for the journal at {jpath}"
    assert isinstance(exc.value, JournalError)
    with pytest.raises(JournalError, match="no journal"):
        Journal(jpath.with_name("other.sqlite"), PW, create=False)
    assert not jpath.with_name("other.sqlite").exists()
    with pytest.raises(TypeError):
        Journal(jpath)
    with pytest.raises(ValueError):
        Journal(jpath, "")


def test_default_kdf_and_path(tmp_path, monkeypatch):
    import platformdirs

    monkeypatch.setattr(platformdirs, "user_data_dir", lambda appname: str(tmp_path / "data" / appname))
    assert default_path() == tmp_path / "data" / "rapportlib" / "journal.sqlite"
    with Journal(passphrase=PW) as j:                   # default path, default scrypt cost
        e = j.add("Default journal.")
    t = time.perf_counter()
    with Journal(passphrase=PW) as j:
        assert list(j.entries().entry_id) == [e]
    elapsed = time.perf_counter() - t
    con = sqlite3.connect(default_path())
    meta = dict(con.execute("SELECT key, value FROM meta"))
    con.close()
    assert (meta["kdf"], meta["kdf_n"], meta["kdf_r"], meta["kdf_p"]) == ("scrypt", 2**17, 8, 1)
    print(f"\nopen at the default scrypt cost: {elapsed:.2f} s (its target is in benchmarks/run.py --only journal)")
    if os.name == "posix":
        assert default_path().stat().st_mode & 0o077 == 0          # readable by the clinician only


def test_change_passphrase(jpath):
    e = _filled(jpath, 2)[0]
    with Journal(jpath, PW) as j:
        j.change_passphrase("a new passphrase")
    with pytest.raises(JournalPassphraseError):
        Journal(jpath, PW)
    with Journal(jpath, "a new passphrase") as j:
        assert e in set(j.entries().entry_id) and j.verify() == 2


def test_two_handles_see_each_other(jpath):
    with Journal(jpath, PW, roster=ROSTER, kdf_n=KDF_N) as a, Journal(jpath, PW) as b:
        ea = a.add("Thaddeus phoned.")
        eb = b.add("Thaddeus phoned again.")
        assert list(a.entries().entry_id) == [ea, eb] == list(b.entries().entry_id)
        ta, tb = a.entries().text
        assert ta.split()[0] == tb.split()[0] == "[PERSON-1]"
        b.edit(ea, session=4)
        assert a.entries().session.iloc[0] == 4


# --------------------------------------------------------------------------- anonymisation
def test_anonymised_before_write(journal, jpath):
    prev = journal.preview(SECRET_TEXT, client_id="c001")
    assert {r.kind for r in prev.replaced} >= {"name", "phone"}
    assert len(journal) == 0                                         # preview stores nothing
    e = journal.add(SECRET_TEXT, client_id="c001", ct_note="Thinking about Marguerite all evening.")
    stored = journal.entries().set_index("entry_id").loc[e]
    for word in ("Marguerite", "Okafor", "07700", "900123"):
        assert word not in stored.text and word not in stored.ct_note
    assert stored.text.startswith("[CLIENT-1] rang from [PHONE-")
    assert stored.ct_note == "Thinking about [CLIENT-1] all evening."
    journal.edit(e, "Marguerite again, now with Thaddeus Brennan.")
    assert journal.entries().text.iloc[0] == "[CLIENT-1] again, now with [PERSON-1]."
    journal.close()
    raw = b"".join(p.read_bytes() for p in jpath.parent.glob(jpath.name + "*"))
    for word in ("Marguerite", "Okafor", "07700", "900123", "xylophone"):
        assert word.encode() not in raw


def test_roster_set_and_cleared(journal):
    journal.set_roster(["Philippa Strand"])
    assert journal.roster.to_list() == [{"name": "Philippa Strand", "role": "other"}]
    assert "Philippa" not in journal.entries().text.tolist() + [journal.preview("Philippa came.").text]
    journal.set_roster(None)
    assert journal.roster is None


def test_drafts_are_raw_and_encrypted(journal, jpath):
    assert journal.draft() is None
    journal.save_draft({"text": "Marguerite said", "client_id": "c001", "ct_helpless": 2})
    assert journal.draft() == {"text": "Marguerite said", "client_id": "c001", "ct_helpless": 2}
    journal.save_draft({"text": "Marguerite said more"})
    assert journal.draft()["text"] == "Marguerite said more"
    assert len(journal) == 0
    with pytest.raises(TypeError):
        journal.save_draft({"when": datetime.now()})
    journal.clear_draft()
    assert journal.draft() is None


# --------------------------------------------------------------------------- nothing in plaintext
NEEDLES = ["xylophone", "quetzalcoatl", "Marguerite", "Okafor", "client-zebra", "client-narwhal", "clin-walrus",
           "2024-03-17", "17 March", "Brennan", "07700", "technique-pangolin", "Portuguese"]


def _needles_today() -> list[str]:
    today = date.today()
    return NEEDLES + [today.isoformat(), today.strftime("%Y-%m-%dT"), (today - timedelta(days=1)).isoformat()]


def _journal_files(path: Path) -> list[Path]:
    return [p for p in path.parent.iterdir() if p.name.startswith(path.name)]


def _assert_no_plaintext(path: Path):
    files = _journal_files(path)
    assert path in files
    for f in files:
        raw = f.read_bytes()
        low = raw.lower()
        for word in _needles_today():
            for enc in ("ascii", "utf-8", "utf-16-le", "utf-16-be"):
                try:
                    needle = word.encode(enc)
                except UnicodeEncodeError:
                    continue
                assert needle not in raw, f"{word!r} found ({enc}) in {f.name}"
                assert needle.lower() not in low, f"{word!r} found ({enc}, any case) in {f.name}"
    strings = shutil.which("strings")
    if strings:
        for f in files:
            for enc in ("s", "l", "b"):                  # 7-bit/8-bit, UTF-16 LE, UTF-16 BE
                out = subprocess.run([strings, "-a", "-n", "4", "-e", enc, str(f)], capture_output=True,
                                     text=True, errors="replace", check=True).stdout.lower()
                for word in _needles_today():
                    assert word.lower() not in out, f"strings found {word!r} in {f.name}"


def test_no_plaintext_in_files(jpath):
    j = Journal(jpath, PW, roster=ROSTER, clinician_id="clin-walrus", kdf_n=KDF_N)
    ids = []
    for i in range(30):
        ids.append(j.add(f"The xylophone and Quetzalcoatl came up again ({i}); on 2024-03-17 Marguerite cried.",
                         client_id="client-zebra" if i % 2 else "client-narwhal", session=i, date="2024-03-17",
                         techniques=["technique-pangolin"], language="Portuguese",
                         ct_note="17 March: thinking of Okafor, Brennan, 07700 900123."))
    j.edit(ids[0], "Xylophone edit; Quetzalcoatl again.", client_id="client-zebra")
    j.delete(ids[1], reason="xylophone duplicate")
    j.save_draft({"text": "raw draft: Marguerite Okafor, xylophone, 2024-03-17", "client_id": "client-zebra"})
    _assert_no_plaintext(jpath)                          # while open: the -wal file holds the recent writes
    j.close()
    _assert_no_plaintext(jpath)
    with Journal(jpath, PW) as j:
        assert j.draft()["text"].startswith("raw draft: Marguerite") and len(j) == 29


# --------------------------------------------------------------------------- crash and concurrency
WORKER = r"""
import os, sys, time
from rapportlib.journal import Journal
path, n, tag, go = sys.argv[1], int(sys.argv[2]), sys.argv[3], sys.argv[4]
with Journal(path, "correct horse battery staple", kdf_n=4096) as j:
    j.preview("Warm up with Maria.")
    print("ready", flush=True)
    while not os.path.exists(go):
        time.sleep(0.001)
    i = 0
    while n == 0 or i < n:
        eid = j.add(f"Session {i} ({tag}): Marguerite Okafor said her brother Thaddeus called.",
                    client_id="client-zebra", session=i)
        print(eid, flush=True)
        i += 1
"""


def _start_worker(jpath: Path, n: int, tag: str, go: Path) -> subprocess.Popen:
    p = subprocess.Popen([sys.executable, "-c", WORKER, str(jpath), str(n), tag, str(go)], stdout=subprocess.PIPE,
                         text=True, env=_env(), cwd=jpath.parent)
    line = p.stdout.readline().strip()
    if line != "ready":
        p.kill()
        pytest.fail(f"worker did not start (exit code {p.wait()})")
    return p


def test_killed_writer_loses_no_committed_entry(jpath, tmp_path):
    with Journal(jpath, PW, roster=ROSTER, kdf_n=KDF_N):
        pass
    go = tmp_path / "go"
    go.touch()
    p = _start_worker(jpath, 0, "K", go)
    printed = []
    try:
        while len(printed) < 60:
            line = p.stdout.readline()
            assert line, "the worker stopped early"
            printed.append(line.strip())
    finally:
        p.kill()                                         # SIGKILL on POSIX: no clean-up runs
        p.wait()
        p.stdout.close()
    assert p.returncode != 0
    with Journal(jpath, PW) as j:
        stored = set(j.entries().entry_id)
        assert set(printed) <= stored
        assert j.verify() == len(stored) >= 60
        j.add("Still writable after the crash.")


def test_two_processes_add_concurrently(jpath, tmp_path):
    with Journal(jpath, PW, roster=ROSTER, clinician_id="clin01", kdf_n=KDF_N):
        pass
    go = tmp_path / "go"
    workers = [_start_worker(jpath, 1000, tag, go) for tag in "AB"]
    t = time.perf_counter()
    go.touch()                                           # both start adding at the same moment
    outs = [w.communicate(timeout=300)[0].split() for w in workers]
    wall = time.perf_counter() - t
    assert [w.returncode for w in workers] == [0, 0]
    assert [len(o) for o in outs] == [1000, 1000]

    t = time.perf_counter()
    with Journal(jpath, PW) as j:
        opened = time.perf_counter() - t
        t = time.perf_counter()
        assert j.verify() == 2000
        verified = time.perf_counter() - t
        df = j.entries()
    assert len(df) == 2000 and set(df.entry_id) == set(outs[0]) | set(outs[1])
    tails = df.text.str.replace(r"^Session \d+ \([AB]\): ", "", regex=True)
    assert set(tails) == {"[CLIENT-1] said her brother [PERSON-1] called."}      # same tokens in both processes
    assert df.text.str.contains(r"\(A\)").sum() == df.text.str.contains(r"\(B\)").sum() == 1000
    print(f"\n2 x 1000 concurrent adds: {wall:.2f} s; open 2,000 entries: {opened:.3f} s; verify: {verified:.3f} s "
          "(targets in benchmarks/run.py --only journal)")


# --------------------------------------------------------------------------- tampering
def _rows(path: Path, sql: str, params=()):
    con = sqlite3.connect(path)
    try:
        with con:
            return con.execute(sql, params).fetchall()
    finally:
        con.close()


def _corrupt(path: Path, match: str | None = None) -> JournalCorruptError:
    with pytest.raises(JournalCorruptError) as exc:
        Journal(path, PW)
    assert str(path) in str(exc.value)
    if match:
        assert re.search(match, str(exc.value)), str(exc.value)
    return exc.value


def test_flipped_byte_in_file_detected(jpath):
    _filled(jpath, 3)
    (ct,) = _rows(jpath, "SELECT ct FROM log WHERE seq = 2")[0]
    raw = bytearray(jpath.read_bytes())
    at = raw.find(ct)
    assert at > 0 and raw.find(ct, at + 1) < 0
    raw[at + len(ct) // 2] ^= 0x01
    jpath.write_bytes(bytes(raw))
    _corrupt(jpath, r"record 2\b")


def test_deleted_middle_record_detected(jpath):
    _filled(jpath, 3)
    _rows(jpath, "DELETE FROM log WHERE seq = 2")
    _corrupt(jpath, r"record 2 is missing")


def test_deleted_last_record_detected(jpath):
    _filled(jpath, 3)
    _rows(jpath, "DELETE FROM log WHERE seq = 3")
    _corrupt(jpath, r"record 3 of 3 is missing")


def test_reordered_records_detected(jpath):
    _filled(jpath, 3)
    (a, b) = _rows(jpath, "SELECT nonce, ct FROM log WHERE seq IN (1, 2) ORDER BY seq")
    _rows(jpath, "UPDATE log SET nonce = ?, ct = ? WHERE seq = 1", b)
    _rows(jpath, "UPDATE log SET nonce = ?, ct = ? WHERE seq = 2", a)
    _corrupt(jpath, r"record 1\b")


def test_rolled_back_state_detected(jpath):
    with Journal(jpath, PW, roster=["Philippa Strand"], kdf_n=KDF_N) as j:
        old = _rows(jpath, "SELECT nonce, ct FROM slots WHERE id = 2")[0]
        j.set_roster(["Philippa Strand", "Oswin Hale"])
    _rows(jpath, "UPDATE slots SET nonce = ?, ct = ? WHERE id = 2", old)
    _corrupt(jpath, "roster")


def test_missing_head_detected(jpath):
    _filled(jpath, 2)
    _rows(jpath, "DELETE FROM slots WHERE id = 0")
    _corrupt(jpath, "head")


def test_appended_foreign_record_detected(jpath):
    _filled(jpath, 2)
    _rows(jpath, "INSERT INTO log SELECT 3, nonce, ct FROM log WHERE seq = 2")
    _corrupt(jpath)


def test_truncated_file_detected(jpath):
    _filled(jpath, 300)
    size = jpath.stat().st_size
    assert size > 8 * 4096
    with open(jpath, "r+b") as f:
        f.truncate(size // 2)
    _corrupt(jpath)


@pytest.mark.parametrize("content", [b"", b"garbage " * 1000, b"SQLite format 3\x00" + b"\x00" * 50])
def test_empty_or_garbage_file_detected(jpath, content):
    jpath.write_bytes(content)
    _corrupt(jpath)
    assert jpath.read_bytes() == content                       # never "repaired" into an empty journal


def test_other_sqlite_database_rejected(jpath):
    _rows(jpath, "CREATE TABLE t(x)")
    _corrupt(jpath, "not a rapportlib journal")


# --------------------------------------------------------------------------- export
def _export_journal(jpath: Path) -> tuple[Journal, list[str]]:
    j = Journal(jpath, PW, roster=ROSTER, clinician_id="clin01", kdf_n=KDF_N)
    ids = [
        j.add("Marguerite Okafor spoke about the week; she rang from 07700 900123 before the session.",
              client_id="c-alpha", session=1, date="2024-03-17", techniques=["affirmation", "consistency"],
              rupture="withdrawal", repair_attempted=True, clinician_alliance=7.5, language="English",
              interpreter=False, ct_helpless=2, ct_positive=1, ct_note="Marguerite stayed with me."),
        j.add("Quiet session, mostly silence.", client_id="c-beta", session=4, rupture="none"),
        j.add("Team meeting, no client.", ct_overwhelmed=3),
    ]
    return j, ids


@pytest.mark.parametrize("fmt", ["jsonl", "csv"])
def test_export_loads(jpath, tmp_path, fmt):
    j, ids = _export_journal(jpath)
    skipped = j.add("Not exported.", client_id="c-alpha")
    with j:
        out = j.export(tmp_path / "export", ids, format=fmt)
        created = {r.entry_id: r.created for r in j.entries().itertuples()}
        key = j._anon_key
    assert out == tmp_path / "export" and (out / f"reflections.{fmt}").is_file()
    ds = rapportlib.load(out)
    assert ds.report.ok and ds.report.quarantined == 0 and len(ds.quarantine) == 0
    assert ds.report.loaded == len(ds.reflections) == 3
    assert ds.meta.anonymisation.status == "anonymised"
    assert ds.meta.anonymisation.method.startswith("rapportlib journal export:")
    assert [c.clinician_id for c in ds.meta.clinicians] == ["clin01"]
    r = ds.reflections.set_index("reflection_id")
    assert sorted(r.index) == sorted(ids) and skipped not in r.index
    assert set(r.clinician_id) == {"clin01"}
    assert r.loc[ids[0], "client_id"] == "client-1" and r.loc[ids[1], "client_id"] == "client-2"
    assert pd.isna(r.loc[ids[2], "client_id"])
    for eid, client in zip(ids, ["c-alpha", "c-beta", None]):
        shift = pd.Timedelta(days=privacy.date_offset(key, client))
        assert r.loc[eid, "created"] == created[eid] + shift
    first = r.loc[ids[0]]
    assert first.text.startswith("[CLIENT-1] spoke about the week; she rang from [PHONE-")
    assert list(first.techniques) == ["affirmation", "consistency"] and first.rupture == "withdrawal"
    assert bool(first.repair_attempted) and first.clinician_alliance == 7.5 and first.ct_helpless == 2
    assert first.session == 1 and r.loc[ids[2], "ct_overwhelmed"] == 3
    shift = timedelta(days=privacy.date_offset(key, "c-alpha"))
    assert str(pd.Timestamp(first["date"]).date()) == (date(2024, 3, 17) + shift).isoformat()
    raw = (out / f"reflections.{fmt}").read_text(encoding="utf-8")
    for word in ("Marguerite", "Okafor", "07700", "c-alpha", "c-beta", "2024-03-17"):
        assert word not in raw


def test_export_shifts_text_and_field_dates_alike(jpath, tmp_path):
    with Journal(jpath, PW, roster=ROSTER, clinician_id="clin01", kdf_n=KDF_N) as j:
        e = j.add("We agreed to meet again on 2024-03-20.", client_id="c-alpha", date="2024-03-17")
        key = j._anon_key
        out = j.export(tmp_path / "one.jsonl", [e])
    row = json.loads(out.read_text(encoding="utf-8"))
    shift = timedelta(days=privacy.date_offset(key, "c-alpha"))
    assert row["date"] == (date(2024, 3, 17) + shift).isoformat()
    assert row["text"] == f"We agreed to meet again on [{(date(2024, 3, 20) + shift).isoformat()}]."


def test_export_with_person_token_and_date_loads(jpath, tmp_path):
    with Journal(jpath, PW, roster=ROSTER, clinician_id="clin01", kdf_n=KDF_N) as j:
        e = j.add("Marguerite spoke about her brother Thaddeus. Next session on 2024-03-20.", client_id="c-alpha")
        out = j.export(tmp_path / "export", [e])
    ds = rapportlib.load(out)
    assert ds.report.ok and len(ds.reflections) == 1


def test_export_options_and_errors(jpath, tmp_path):
    j, ids = _export_journal(jpath)
    with j:
        with pytest.raises(ValueError, match="empty"):
            j.export(tmp_path / "none", [])
        assert not (tmp_path / "none").exists()
        f = j.export(tmp_path / "one.csv", ids[:1], pseudonymise_clients=False)
        assert f == tmp_path / "one.csv"
        assert "c-alpha" in f.read_text(encoding="utf-8") and not (tmp_path / "dataset.yaml").exists()
        with pytest.raises(FileExistsError):
            j.export(tmp_path / "one.csv", ids[:1])
        j.export(tmp_path / "one.csv", ids[1:2], overwrite=True)
        assert "c-alpha" not in f.read_text(encoding="utf-8") and "client-1" in f.read_text(encoding="utf-8")
        j.export(tmp_path / "again", ids[:2])
        j.export(tmp_path / "again.jsonl", ids[1:2])        # the same client keeps its pseudonym
        assert json.loads((tmp_path / "again.jsonl").read_text())["client_id"] == "client-1"
        j.delete(ids[2])
        with pytest.raises(JournalError, match="deleted"):
            j.export(tmp_path / "deleted", ids[2:])
        with pytest.raises(ValueError, match="does not match"):
            j.export(tmp_path / "x.jsonl", ids[:1], format="csv")
    with Journal(tmp_path / "anon.sqlite", PW, kdf_n=KDF_N) as k:
        e = k.add("No clinician id.")
        with pytest.raises(JournalError, match="clinician id"):
            k.export(tmp_path / "noclin", [e])


# --------------------------------------------------------------------------- messages
def test_error_messages_never_contain_text(jpath, tmp_path):
    secret = "Marguerite Okafor client-zebra 2024-03-17"
    messages = []
    with Journal(jpath, PW, roster=ROSTER, kdf_n=KDF_N) as j:
        e = j.add(secret, client_id="client-zebra", date="2024-03-17")
        for call in (lambda: j.add(secret, mood=secret),
                     lambda: j.add(secret, session=secret),
                     lambda: j.add(secret, date=secret),
                     lambda: j.add(secret, rupture=secret),
                     lambda: j.add(secret, techniques=secret),
                     lambda: j.add(secret, client_id=secret * 10),
                     lambda: j.add(secret, ct_positive=secret),
                     lambda: j.edit(secret, secret),
                     lambda: j.history(secret),
                     lambda: j.export(tmp_path / "x", [secret]),
                     lambda: j.export(tmp_path / "x", [e]),
                     lambda: j.save_draft({secret: object()})):
            with pytest.raises(Exception) as exc:      # any error, as long as it is silent
                call()
            messages.append(str(exc.value))
    _rows(jpath, "UPDATE log SET ct = substr(ct, 2) || substr(ct, 1, 1) WHERE seq = 1")
    messages.append(str(_corrupt(jpath)))
    with pytest.raises(JournalPassphraseError) as exc:
        Journal(jpath, secret)
    messages.append(str(exc.value))
    assert len(messages) == 14
    for m in messages:
        for word in ("Marguerite", "Okafor", "zebra", "2024-03-17"):
            assert word not in m, m


# --------------------------------------------------------------------------- notes
def test_notes_are_anonymised_versioned_encrypted_and_apart_from_entries(journal, jpath):
    eid = journal.add("Saw Marguerite today.", client_id="c1")
    nid = journal.add_note("bias_check", {
        "clinician_id": "clin01", "date": "2026-11-24",
        "commitments_text": "Ask Marguerite Okafor what she meant; ring 07700 900123.",
        "items": [{"text": "Call Thaddeus Brennan", "due": "2026-12-01", "done": False}]})
    assert re.fullmatch(r"n-[0-9a-f]{8}", nid)
    notes = journal.notes("bias_check")
    assert list(notes["note_id"]) == [nid] and notes.iloc[0]["version"] == 1
    data = notes.iloc[0]["data"]
    assert "Marguerite" not in data["commitments_text"] and "07700" not in data["commitments_text"]
    assert data["commitments_text"].startswith("Ask [CLIENT-")
    assert data["items"][0]["text"].startswith("Call [PERSON-") and data["items"][0]["due"] == "2026-12-01"
    assert data["clinician_id"] == "clin01" and data["date"] == "2026-11-24"      # short fields kept as given
    # notes are not entries
    assert list(journal.entries()["entry_id"]) == [eid] and len(journal) == 1
    assert journal.notes("meeting").empty
    # a new version keeps stored text as it was (no second date shift) and the history stays
    data["items"][0]["done"] = True
    assert journal.edit_note(nid, data) == 2
    hist = journal.note_history(nid)
    assert list(hist["version"]) == [1, 2]
    assert hist.iloc[1]["data"]["commitments_text"] == hist.iloc[0]["data"]["commitments_text"]
    assert hist.iloc[1]["data"]["items"][0]["done"] is True
    journal.close()
    raw = jpath.read_bytes() + (jpath.with_name(jpath.name + "-wal").read_bytes()
                                if jpath.with_name(jpath.name + "-wal").exists() else b"")
    for secret in (b"bias_check", b"clin01", b"2026-12-01", b"commitments", b"Marguerite"):
        assert secret not in raw
    with Journal(jpath, PW) as again:
        assert again.notes().iloc[0]["data"]["items"][0]["done"] is True


def test_notes_refuse_bad_input_without_echoing_it(journal):
    with pytest.raises(ValueError, match="kind"):
        journal.add_note("Bias Check", {})
    with pytest.raises(TypeError, match="dict"):
        journal.add_note("x", ["not", "a", "dict"])
    long = "Marguerite " * 40
    with pytest.raises(ValueError, match="'summary'.*'text'") as exc:
        journal.add_note("x", {"summary": long})
    assert "Marguerite" not in str(exc.value)
    with pytest.raises(KeyError, match="note id"):
        journal.edit_note("e-00000000", {})
    assert journal.notes().empty
