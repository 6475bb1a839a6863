"""Loading files without losing a row: formats, layouts, validation, quarantine, messages."""

from __future__ import annotations

import json

import numpy as np
import pandas as pd
import pytest

import rapportlib
from rapportlib import DataError, DataQualityWarning

HEADER = "client_id,session,clinician_id,date,srs_1,srs_2,srs_3,srs_4,srs_total,ors_total,notes\n"

BROKEN = (HEADER
          + "c1,1,k1,2001-01-05,9,9,9,9,36,20,fine\n"        # row 2 ok
          + "c1,2,k1,2001-01-12,9,12,9,9,39,21,x\n"          # row 3 srs_2 out of range; conflicting duplicate
          + "c1,2,k1,2001-01-12,9,9,9,9,36,21,y\n"           # row 4 conflicting duplicate of row 3
          + "c2,1,k1,2001-01-05,8,8,8,8,32,abc,z\n"          # row 5 non-numeric ORS total
          + "c2,2,k1,2001-01-12,8,8,8,8,32,22,z\n"           # row 6 ok
          + "c3,1,k1,2001-01-05,7,7,7,7,28,19,w\n"           # row 7 ok
          + "c3,1,k1,2001-01-05,7,7,7,7,28,19,w\n"           # row 8 exact repeat of row 7
          + "\n"                                             # row 9 blank: not a record
          + 'c3,2,k1,2001-01-12,7,7,7,7,28,20,"quoted, text"\n'  # row 10 ok
          + "c3,3,k1,2001-01-19,7,7")                        # row 11 truncated last line


def test_broken_file_loads_what_is_valid_and_quarantines_the_rest(write):
    ds = rapportlib.load(write("sessions.csv", BROKEN))
    rep = ds.report
    assert (rep.read, rep.loaded, rep.quarantined) == (9, 4, 5)
    assert len(ds.sessions) + len(ds.quarantine) == rep.read
    assert ds.sessions[["client_id", "session"]].values.tolist() == [["c1", 1], ["c2", 2], ["c3", 1], ["c3", 2]]
    q = ds.quarantine.set_index("row")
    assert sorted(q.index) == [3, 4, 5, 8, 11]
    assert "above the allowed maximum 10" in q.loc[3, "rule"] and "srs_2" in q.loc[3, "column"]
    assert "appears in another row with different values" in q.loc[4, "rule"]
    assert q.loc[4, "column"] == "client_id + session"
    assert q.loc[5, "column"] == "ors_total" and q.loc[5, "rule"] == "not a number"
    assert q.loc[8, "rule"].startswith("repeats row 7 exactly")
    assert q.loc[11, "rule"].startswith("truncated last line: 6 of 11 fields")
    assert q.loc[5, "ors_total"] == "abc"          # the quarantined row keeps its values for fixing
    text = rep.to_text()
    assert "sessions.csv row 5, column ors_total: not a number" in text
    assert "abc" not in text and "quoted" not in text


def test_loaded_rows_are_typed(write):
    ds = rapportlib.load(write("sessions.csv", BROKEN))
    s = ds.sessions
    assert s["client_id"].dtype == "str" and s["session"].dtype == "Int64"
    assert s["date"].dtype == "datetime64[ns]" and s["srs_1"].dtype == "float64"
    row = s[(s.client_id == "c3") & (s.session == 2)].iloc[0]
    assert row["notes"] == "quoted, text" and row["date"] == pd.Timestamp("2001-01-12")


def test_read_sessions_warns_when_rows_are_quarantined(write):
    with pytest.warns(DataQualityWarning, match="5 of 9 records were quarantined"):
        s = rapportlib.read_sessions(write("sessions.csv", BROKEN))
    assert len(s) == 4


def test_messages_never_echo_values(write):
    secret = "Zelda-Quintanilla"
    body = HEADER + f"{secret},1,k1,2001-01-05,99,9,9,9,36,20,{secret} said\n,2,k1,2001-01-05,9,9,9,9,36,20,x\n"
    ds = rapportlib.load(write("sessions.csv", body))
    assert ds.report.quarantined == 2
    assert secret not in ds.report.to_text()
    assert secret not in json.dumps(ds.report.to_dict(), default=str)
    assert "required value missing" in ds.report.to_text()


@pytest.mark.parametrize("sep", [",", ";", "\t", "|"])
def test_any_delimiter_and_decimal_comma(write, sep):
    rows = [["client_id", "session", "ors_total"], ["a", "1", "20,5" if sep == ";" else "20.5"], ["a", "2", "22"]]
    body = "\n".join(sep.join(r) for r in rows) + "\n"
    s = rapportlib.read_sessions(write("s.csv", body))
    assert s["ors_total"].tolist() == [20.5, 22.0]


def test_bom_and_latin1(write):
    utf = "\ufeffclient_id,session,notes\nc1,1,señal\n"
    s = rapportlib.load(write("a.csv", utf.encode("utf-8")))
    assert s.sessions.columns[0] == "client_id" and s.sessions["notes"][0] == "señal"
    lat = rapportlib.load(write("b.csv", "client_id,session,notes\nc1,1,señal\n".encode("latin-1")))
    assert lat.sessions["notes"][0] == "señal"
    assert any("Latin-1" in n for n in lat.report.files[0].notes)


def test_quoted_values_across_lines_keep_row_numbers(write):
    body = 'client_id,session,notes\nc1,1,"two\nlines"\nc1,2,ok\nc1,x,bad\n'
    ds = rapportlib.load(write("s.csv", body))
    assert ds.sessions["notes"].tolist() == ["two\nlines", "ok"]
    assert ds.quarantine["row"].tolist() == [5] and ds.quarantine["column"].tolist() == ["session"]


def test_too_many_fields_in_the_middle(write):
    body = "client_id,session,ors_total\nc1,1,20\nc1,2,21,extra\nc1,3,22\n"
    ds = rapportlib.load(write("s.csv", body))
    assert ds.sessions["session"].tolist() == [1, 3]
    assert ds.quarantine["rule"].tolist() == ["has 4 fields, the header has 3"]
    assert ds.quarantine["row"].tolist() == [3]


def test_ids_keep_leading_zeros_and_numeric_ids_become_text(write):
    ds = rapportlib.load(write("s.csv", "client_id,session\n007,1\n12.0,1\n"))
    assert ds.sessions["client_id"].tolist() == ["007", "12"]


def test_excel_jsonl_parquet_match_csv(write, tmp_path):
    frame = pd.DataFrame({"client_id": ["c1", "c1", "c2"], "session": [1, 2, 1],
                          "srs_total": [35.5, 37.0, 30.0], "date": ["2001-02-01", "2001-02-08", "2001-02-01"]})
    csv_path = write("s.csv", frame.to_csv(index=False))
    frame.to_excel(tmp_path / "s.xlsx", index=False)
    (tmp_path / "s.jsonl").write_text("\n".join(json.dumps(r) for r in frame.to_dict("records")) + "\n")
    frame.to_parquet(tmp_path / "s.parquet")
    ref = rapportlib.read_sessions(csv_path)
    for ext in ("xlsx", "jsonl", "parquet"):
        pd.testing.assert_frame_equal(rapportlib.read_sessions(tmp_path / f"s.{ext}"), ref, obj=ext)


def test_excel_rows_are_spreadsheet_rows(tmp_path):
    pd.DataFrame({"client_id": ["c1", "c2", "c3"], "session": [1, "two", 1]}).to_excel(tmp_path / "s.xlsx", index=False)
    ds = rapportlib.load(tmp_path / "s.xlsx")
    assert ds.quarantine["row"].tolist() == [3]
    assert ds.quarantine["rule"].tolist() == ["not a number"]
    assert ds.quarantine["column"].tolist() == ["session"]


def test_jsonl_broken_line_is_quarantined(write):
    body = '{"client_id": "c1", "session": 1}\n{"client_id": "c1", "sess\n{"client_id": "c2", "session": 1}\n'
    ds = rapportlib.load(write("s.jsonl", body))
    assert ds.report.read == 3 and ds.report.loaded == 2
    assert ds.quarantine["row"].tolist() == [2]
    assert "not a complete JSON object" in ds.quarantine["rule"][0]


# --------------------------------------------------------------------------- person-wide
WIDE = "id,phq_s0,phq_s1,phq_s2,phq_fu1,age\n1,20,18,,15,34\n2,25,,22,,41\n"


def test_person_wide_auto(write):
    ds = rapportlib.load(write("w.csv", WIDE), id_col="id")
    s = ds.sessions
    assert s[["client_id", "session", "phq"]].values.tolist() == [
        ["1", 0, 20.0], ["1", 1, 18.0], ["2", 0, 25.0], ["2", 2, 22.0]]
    assert s["age"].tolist() == [34, 34, 41, 41]               # person columns travel with each record
    assert ds.followups[["client_id", "followup", "phq"]].values.tolist() == [["1", 1, 15.0]]
    assert ds.report.files[0].unit == "client-session records"


def test_person_wide_explicit_series_and_issue_columns(write):
    body = "id,intake,wk1,week_two\n1,20,x,16\n"
    ds = rapportlib.load(write("w.csv", body), id_col="id", layout="person-wide",
                         series={"phq": ["intake", "wk1", "week_two"]})
    assert ds.sessions["session"].tolist() == [0, 2]
    assert ds.quarantine["column"].tolist() == ["wk1"]           # the file's own column name
    assert ds.quarantine["row"].tolist() == [2]
    assert ds.report.read == 3


def test_person_wide_without_recognisable_columns_is_a_clear_error(write):
    with pytest.raises(DataError, match="no session columns were recognised"):
        rapportlib.read_sessions(write("w.csv", "id,a,b\n1,2,3\n"), id_col="id")


def test_sgdata_and_sgdata_bad_load_to_identical_tables(peer):
    cols = pd.read_csv(peer / "sgdata_bad.csv", nrows=0).columns.tolist()
    good = rapportlib.load(peer / "sgdata.csv", id_col="id")
    bad = rapportlib.load(peer / "sgdata_bad.csv", id_col="id",
                          series={"bdi": cols[1:14], "rq": cols[16:29]},
                          followups={"bdi": cols[14:16], "rq": cols[29:31]})
    pd.testing.assert_frame_equal(good.sessions, bad.sessions)
    pd.testing.assert_frame_equal(good.followups, bad.followups)
    s = good.sessions
    assert s["client_id"].nunique() == 43 and (s["session"].min(), s["session"].max()) == (0, 12)
    assert good.report.ok and bad.report.ok
    first = s[s.client_id == "1"].set_index("session")["bdi"]
    assert first[0] == 33 and first[12] == 7                     # read straight off the file's first row


def test_claus_and_anxiety_load(peer):
    claus = rapportlib.load(peer / "claus_2020.csv", id_col="id", session_col="time")
    assert claus.report.ok and len(claus.sessions) == 172 and claus.sessions["client_id"].nunique() == 43
    assert claus.sessions["session"].tolist()[:4] == [1, 2, 3, 4]
    anx = rapportlib.load(peer / "anxiety.csv", id_col="subject", session_col="measurement")
    assert anx.report.ok and len(anx.sessions) == 580


# --------------------------------------------------------------------------- mapping
def test_mapping_file_maps_an_export_once(write):
    mapping = write("acme.yaml", "id_col: ClientCode\nsession_col: Visit\ncolumns:\n  SRS Total: srs_total\n"
                                 "  Therapist: clinician_id\ndelimiter: ';'\n")
    data = write("export.csv", "ClientCode;Visit;Therapist;SRS Total\nA-1;1;T9;38\nA-1;2;T9;41\n")
    ds = rapportlib.load(data, mapping=mapping)
    assert ds.sessions.columns.tolist()[:4] == ["client_id", "session", "clinician_id", "srs_total"]
    assert ds.quarantine["rule"].tolist() == ["above the allowed maximum 40 (srs total score range 0-40)"]
    assert ds.report.issues["column"].tolist() == ["SRS Total"]          # problems use the file's own names


def test_broken_mapping_file_names_the_field(write):
    mapping = write("m.yaml", "id_col: x\nlayuot: sessions\n")
    with pytest.raises(DataError, match=r"(?s)m.yaml: 1 problem.*column-mapping file.*entry layuot: unknown field"):
        rapportlib.read_sessions(write("s.csv", "x,session\n1,1\n"), mapping=mapping)


# --------------------------------------------------------------------------- unusable files
@pytest.mark.parametrize("content, match", [
    ("", "the file is empty"),
    (b"PK\x03\x04\x00\x00binary", "does not look like a text file"),
    ("\nclient_id,session\n", "first line must hold the column names"),
    ("client_id,session,client_id\n1,1,1\n", "two columns are named 'client_id'"),
    ("patient,visit\nSecretName,1\n", r"has no column 'client_id' \(its columns are: patient, visit\)"),
])
def test_unusable_files_raise_data_error(write, content, match):
    p = write("s.csv", content)
    with pytest.raises(DataError, match=match) as info:
        rapportlib.read_sessions(p)
    assert "SecretName" not in str(info.value)


def test_missing_file_and_unknown_format(tmp_path):
    with pytest.raises(DataError, match="not found"):
        rapportlib.load(tmp_path / "nope.csv")
    (tmp_path / "s.doc").write_text("x")
    with pytest.raises(DataError, match="unsupported file type"):
        rapportlib.read_sessions(tmp_path / "s.doc")


# --------------------------------------------------------------------------- folders
def test_folder_with_all_tables(write, tmp_path):
    write("ds/dataset.yaml", "name: t\nanonymisation: {status: pseudonymised}\n")
    write("ds/sessions.csv", "client_id,session,wai_sr_1,wai_sr_2,wai_sr_10,wai_sr_12\nc1,1,5,4,5,4\n")
    write("ds/clients.csv", "client_id,interpreter,case_type\nc1,yes,therapy\nc2,maybe,therapy\n")
    write("ds/reflections.jsonl",
          json.dumps({"reflection_id": "r1", "clinician_id": "k1", "client_id": "c1", "session": 1,
                      "created": "2001-01-05T17:00:00", "text": "Felt connected.",
                      "techniques": ["active_listening"], "rupture": "none", "ct_positive": 3}) + "\n"
          + json.dumps({"reflection_id": "r2", "clinician_id": "k1", "created": "2001-01-06T10:00:00",
                        "rupture": "storming", "ct_helpless": 7}) + "\n")
    ds = rapportlib.load(tmp_path / "ds")
    assert ds.meta.anonymisation.status == "pseudonymised"
    assert ds.sessions["wai_sr_task"].tolist() == [4.5]             # scored on load
    assert "wai_sr" in ds.instruments
    assert ds.clients["interpreter"].tolist() == [True]
    assert ds.reflections["techniques"].tolist() == [["active_listening"]]
    q = ds.quarantine
    assert set(zip(q["table"], q["row"])) == {("clients", 3), ("reflections", 2)}
    assert "not one of: none, withdrawal, confrontation" in q[q.table == "reflections"]["rule"].iloc[0]
    assert "above the allowed maximum 4" in q[q.table == "reflections"]["rule"].iloc[0]
    assert ds.report.read == 5 and ds.report.loaded == 3


def test_empty_folder_is_a_clear_error(tmp_path):
    with pytest.raises(DataError, match="holds no sessions or reflections file"):
        rapportlib.load(tmp_path)


def test_large_file_fast_path_agrees_with_slow_path(write):
    rng = np.random.default_rng(1)
    n = 5000
    frame = pd.DataFrame({"client_id": [f"c{i // 10}" for i in range(n)], "session": [i % 10 for i in range(n)],
                          "ors_total": rng.integers(0, 41, n).astype(float)})
    plain = write("a.csv", frame.to_csv(index=False))
    quoted = write("b.csv", frame.assign(note='"a\nb"').to_csv(index=False))   # forces the record-by-record path
    a, b = rapportlib.read_sessions(plain), rapportlib.read_sessions(quoted)
    pd.testing.assert_frame_equal(a, b.drop(columns="note"))


def test_bundled_demo_loads_cleanly():
    ds = rapportlib.load(rapportlib.demo.data_path())
    assert ds.report.ok and ds.meta.synthetic and ds.meta.anonymisation.status == "synthetic"
    assert set(ds.instruments) == {"srs", "ors", "wai_sr", "wai_srt"}
    s = ds.sessions
    assert 60 <= s["client_id"].nunique() <= 90 and s["clinician_id"].nunique() == 6
    assert s["wai_sr_total"].notna().sum() > 0.9 * (s["session"] > 0).sum()    # scored on load
    assert len(ds.reflections) > 500 and ds.reflections["techniques"].map(len).gt(0).any()
    assert ds.clients["interpreter"].dtype == "boolean" and ds.clients["interpreter"].any()
