"""The `rapport` command: demo and check, with their exit statuses."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from rapportlib.cli import main


def test_demo_writes_the_dataset_and_summarises_it(tmp_path, capsys):
    out = tmp_path / "rapport-demo"
    assert main(["demo", "--out", str(out)]) == 0
    text = capsys.readouterr().out
    assert (out / "sessions.csv").is_file() and (out / "dataset.yaml").is_file()
    assert "SYNTHETIC" in text and "quarantined: 0 of" in text and "rapport check" in text


def test_check_exit_statuses(tmp_path, capsys):
    good = tmp_path / "good.csv"
    good.write_text("client_id,session,srs_total\nc1,1,38\n")
    bad = tmp_path / "bad.csv"
    bad.write_text("client_id,session,srs_total\nc1,1,38\nc1,2,48\n")
    unusable = tmp_path / "unusable.csv"
    unusable.write_text("")
    assert main(["check", str(good)]) == 0
    assert "Everything loaded." in capsys.readouterr().out
    assert main(["check", str(bad)]) == 1
    out = capsys.readouterr().out
    assert "bad.csv row 3, column srs_total: above the allowed maximum 40" in out and "48" not in out
    assert main(["check", str(unusable)]) == 2
    assert "the file is empty" in capsys.readouterr().err


def test_check_json_and_options(tmp_path, capsys):
    f = tmp_path / "w.csv"
    f.write_text("id,phq_s0,phq_s1\n1,20,x\n")
    assert main(["check", str(f), "--id-col", "id", "--json"]) == 1
    report = json.loads(capsys.readouterr().out)
    assert (report["read"], report["loaded"], report["quarantined"]) == (2, 1, 1)
    assert report["issues"] == [{"source": "w.csv", "table": "sessions", "row": 2, "column": "phq_s1",
                                 "rule": "not a number"}]
    assert main(["check", str(tmp_path / "missing.csv"), "--json"]) == 2
    assert json.loads(capsys.readouterr().out)["rule"] == "exists"


def test_console_script_is_installed():
    from shutil import which
    exe = which("rapport")
    if exe is None:
        pytest.skip("rapportlib is not installed in this environment (run pip install -e .)")
    res = subprocess.run([exe, "--help"], capture_output=True, text=True)
    assert res.returncode == 0 and "check" in res.stdout and "demo" in res.stdout


def test_import_is_light():
    """`import rapportlib` must not pull in pandas, matplotlib or the statistics stack."""
    code = ("import sys, rapportlib; "
            "print(sorted(m for m in ('pandas', 'matplotlib', 'pingouin', 'pyarrow') if m in sys.modules))")
    res = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert res.stdout.strip() == "[]"
