"""Property-based tests: malformed files never crash the loaders and never lose a row."""

from __future__ import annotations

import json

import pandas as pd
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import rapportlib
from rapportlib import DataError
from rapportlib.readers import NULL_VALUES

COLUMNS = ["client_id", "session", "clinician_id", "date", "srs_1", "srs_2", "srs_3", "srs_4", "srs_total", "note"]
CELL = st.one_of(
    st.sampled_from(["", "c1", "c2", "0", "1", "2", "3", "10", "9.5", "-1", "41", "1e3", "nan", "NA", "2001-01-05",
                     "2001-13-45", "yes", "abc", "ñandú", "தமிழ்", "  7 ", "7,5", "1.0", "0x10"]),
    st.text(alphabet=st.characters(blacklist_characters=',"\r\n', blacklist_categories=("Cs",)), max_size=8),
)
ROW = st.lists(CELL, min_size=1, max_size=len(COLUMNS) + 2)
SETTINGS = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])


def _check_accounting(ds, expected_records: int):
    rep = ds.report
    assert rep.read == expected_records
    assert rep.loaded + rep.quarantined == rep.read
    assert len(ds.sessions) + len(ds.quarantine) == rep.read
    assert len(rep.issues) >= rep.quarantined


@SETTINGS
@given(rows=st.lists(ROW, max_size=25), final_newline=st.booleans(), sep=st.sampled_from([",", ";", "\t"]))
def test_malformed_csv_loses_no_row(tmp_path, rows, final_newline, sep):
    lines = [sep.join(COLUMNS)] + [sep.join(r) for r in rows]
    body = "\n".join(lines) + ("\n" if final_newline else "")
    path = tmp_path / "s.csv"
    path.write_text(body, encoding="utf-8")
    records = sum(1 for line in lines[1:] if line)
    try:
        ds = rapportlib.load(path, delimiter=sep)
    except DataError:
        return
    _check_accounting(ds, records)


@SETTINGS
@given(data=st.binary(max_size=400))
def test_arbitrary_bytes_raise_only_data_error(tmp_path, data):
    path = tmp_path / "s.csv"
    path.write_bytes(b"client_id,session,srs_total\n" + data)
    try:
        ds = rapportlib.load(path)
    except DataError:
        return
    rep = ds.report
    assert rep.loaded + rep.quarantined == rep.read == len(ds.sessions) + len(ds.quarantine)


@SETTINGS
@given(objs=st.lists(st.one_of(
    st.dictionaries(st.sampled_from(["client_id", "session", "srs_total", "date", "x"]),
                    st.one_of(st.none(), st.integers(-5, 50), st.floats(allow_nan=True), st.text(max_size=5),
                              st.booleans(), st.lists(st.integers(), max_size=2)), max_size=5),
    st.text(max_size=10)), max_size=15))
def test_malformed_jsonl_loses_no_row(tmp_path, objs):
    lines = [json.dumps(o) if isinstance(o, dict) else o.replace("\n", " ").replace("\r", " ") for o in objs]
    path = tmp_path / "s.jsonl"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    records = sum(1 for line in lines if line.strip(" \t"))
    try:
        ds = rapportlib.load(path)
    except DataError:
        return
    _check_accounting(ds, records)


@SETTINGS
@given(rows=st.lists(st.lists(CELL, min_size=4, max_size=4), min_size=1, max_size=12))
def test_malformed_person_wide_loses_no_record(tmp_path, rows):
    header = ["id", "phq_s0", "phq_s1", "phq_fu1"]
    frame = pd.DataFrame(rows, columns=header)
    path = tmp_path / "w.csv"
    frame.to_csv(path, index=False)
    try:
        ds = rapportlib.load(path, id_col="id", layout="person-wide")
    except DataError:
        return
    def has_value(cell: str) -> bool:
        return cell.strip() not in NULL_VALUES and cell.strip().lower() != "nan"

    # a record per person and session with a value; the id column plays no part in whether it exists
    expected = sum(has_value(r[1]) + has_value(r[2]) for r in rows)
    sessions_report = ds.report.files[0]
    assert sessions_report.read == sessions_report.loaded + sessions_report.quarantined
    assert sessions_report.read == expected
