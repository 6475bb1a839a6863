"""The scale path (rapportlib.scale): Parquet partitioned by site, read through DuckDB, per-client functions
on whole-client batches. On data that fits in memory it must give exactly what the pandas path gives."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

import rapportlib as rl
from rapportlib import research, scale
from rapportlib.errors import DataError

pytest.importorskip("duckdb")


@pytest.fixture(scope="module")
def synthetic(tmp_path_factory):
    folder = tmp_path_factory.mktemp("consortium")
    frames = list(scale.synthetic_sessions(60_000, chunk_rows=20_000, seed=3))
    scale.write_parquet(frames, folder, partition_by="site")
    whole = scale.ParquetSessions._typed(pd.concat(frames, ignore_index=True))
    return folder, whole


def _sorted(frame: pd.DataFrame, keys: list[str]) -> pd.DataFrame:
    return frame.sort_values(keys).reset_index(drop=True)


def test_partitioned_folder_has_every_row(synthetic):
    folder, whole = synthetic
    assert sorted(p.name for p in folder.iterdir()) == [f"site={s}" for s in sorted(whole["site"].unique())]
    with scale.ParquetSessions(folder) as src:
        assert src.count() == len(whole)
        check = src.check().set_index("rule")["rows"]
        assert (check["read"], check["used"], check["total quarantined"]) == (len(whole), len(whole), 0)
        assert set(src.columns) == set(whole.columns)


@pytest.mark.parametrize("fn, args, keys", [
    (rl.ruptures, ("srs_total",), ["client_id", "drop_session"]),
    (rl.sudden_gains, ("ors_total", 5.0), ["client_id", "pre_session"]),
    (rl.judge_intervals, ("ors_total", 5.0), ["client_id", "pre_session"]),
])
def test_per_client_on_batches_equals_the_whole_table_in_memory(synthetic, fn, args, keys):
    folder, whole = synthetic
    with scale.ParquetSessions(folder) as src:
        batched = src.per_client(fn, *args, columns=[args[0]], rows_per_batch=4_000)   # 15+ batches
    expected = fn(whole, *args)
    if fn is rl.judge_intervals:      # the judged intervals; unjudged rows pad each table to its own session range
        batched, expected = (f[f["event"].notna().to_numpy(bool)] for f in (batched, expected))
    assert len(expected) > 100
    pd.testing.assert_frame_equal(_sorted(batched, keys), _sorted(expected, keys))


def test_batches_hold_whole_clients_in_order(synthetic):
    folder, whole = synthetic
    seen: set[str] = set()
    sizes = []
    with scale.ParquetSessions(folder) as src:
        for batch in src.client_batches(["srs_total"], rows_per_batch=3_000):
            ids = set(batch["client_id"])
            assert not ids & seen                     # a client is never split across batches
            seen |= ids
            sizes.append(len(batch))
            assert batch["session"].dtype == "Int64" and batch["srs_total"].dtype == "float64"
    assert seen == set(whole["client_id"]) and sum(sizes) == len(whole) and len(sizes) >= 15


def test_sql_summaries_match_pandas(synthetic):
    folder, whole = synthetic
    with scale.ParquetSessions(folder) as src:
        summary = src.summary("srs_total", by="site").set_index("site")
        fl = src.first_last("ors_total").set_index("client_id")
        north = src.load(where="site = 'site01'", columns=["client_id", "session", "srs_total"])
    g = whole.groupby("site")["srs_total"]
    assert summary["scored"].to_dict() == g.count().to_dict()
    assert summary["mean"].to_numpy() == pytest.approx(g.mean().to_numpy())
    assert summary["sd"].to_numpy() == pytest.approx(g.std().to_numpy())
    assert summary["clients"].to_dict() == whole.groupby("site")["client_id"].nunique().to_dict()
    ours = research._first_last(whole, "ors_total", "client_id", "session")
    assert fl["change"].to_numpy() == pytest.approx(ours["change"].reindex(fl.index).to_numpy(), nan_ok=True)
    assert len(north) == int((whole["site"] == "site01").sum()) and list(north.columns) == [
        "client_id", "session", "srs_total"]


def test_rows_without_ids_and_duplicates_are_counted_and_left_out(tmp_path):
    s = pd.DataFrame({"client_id": ["a", "a", "a", "a", "a", None, "b", "b", "b", "b", "b"],
                      "session": [1, 2, 3, 4, 5, 1, 1, 2, 2, 3, None],
                      "srs_total": [30, 31, 20, 30, 31, 30, 35, 36, 36, 35, 34.0],
                      "site": ["x"] * 11})
    s["session"] = s["session"].astype("Int64")
    scale.write_parquet(s, tmp_path / "d", partition_by="site")
    with scale.ParquetSessions(tmp_path / "d") as src:
        check = src.check().set_index("rule")["rows"]
        assert check["client_id missing"] == 1 and check["session missing"] == 1
        assert check["client and session occur more than once"] == 2
        assert check["read"] == 11 == check["used"] + check["total quarantined"]
        used = pd.concat(list(src.client_batches(["srs_total"])))
    assert used.groupby("client_id")["session"].apply(list).to_dict() == {"a": [1, 2, 3, 4, 5], "b": [1, 3]}


def test_clear_errors_for_a_missing_folder_or_column(tmp_path):
    with pytest.raises(DataError, match="not found"):
        scale.ParquetSessions(tmp_path / "nowhere")
    (tmp_path / "empty").mkdir()
    with pytest.raises(DataError, match="no Parquet files"):
        scale.ParquetSessions(tmp_path / "empty")
    scale.write_parquet(pd.DataFrame({"client_id": ["a"], "session": [1], "srs_total": [30.0]}), tmp_path / "one",
                        partition_by=None)
    with scale.ParquetSessions(tmp_path / "one") as src, pytest.raises(DataError, match="no column 'ors_total'"):
        src.summary("ors_total")
    with pytest.raises(DataError, match="cannot partition by 'site'"):
        scale.write_parquet(pd.DataFrame({"client_id": ["a"], "session": [1]}), tmp_path / "two")


def test_synthetic_sessions_are_deterministic_and_sized():
    a = pd.concat(scale.synthetic_sessions(10_000, seed=1, chunk_rows=5_000), ignore_index=True)
    b = pd.concat(scale.synthetic_sessions(10_000, seed=1, chunk_rows=5_000), ignore_index=True)
    pd.testing.assert_frame_equal(a, b)
    assert 9_000 < len(a) <= 10_000 and not a.duplicated(["client_id", "session"]).any()
    assert np.isnan(a.loc[a["session"] == 0, "srs_total"]).all()
