"""Datasets too big for memory: Parquet partitioned by site or cohort, read through DuckDB.

A consortium's sessions table can have tens of millions of rows. Here it lives as a folder of Parquet
files partitioned by a column (``site=north/part-0.parquet`` …) and is read through DuckDB, which scans,
filters, aggregates and sorts out of core. rapportlib's per-client functions (:func:`rapportlib.ruptures`,
:func:`rapportlib.sudden_gains`, :func:`rapportlib.judge_intervals` …) then run on batches of whole
clients, so the same functions give the same results as on a table in memory, while only one batch is in
pandas at a time:

>>> src = ParquetSessions("consortium/")                    # doctest: +SKIP
>>> src.check()                                             # rows read, used and quarantined, by rule
>>> src.per_client(rapportlib.ruptures, "srs_total")         # every client's rupture episodes
>>> src.summary("srs_total", by="site")                      # aggregated in DuckDB
>>> src.load(where="site = 'north'")                         # one partition into pandas

:func:`write_parquet` writes such a folder from DataFrames (one at a time, so it can be built from a
stream), and :func:`synthetic_sessions` makes a large synthetic one for trying the path
(``benchmarks/run.py --only scale`` runs 20,000,000 rows). ``docs/scaling.md`` says how the same
analyses would run beyond one machine.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from pathlib import Path

import numpy as np
import pandas as pd

from .errors import DataError

__all__ = ["ParquetSessions", "synthetic_sessions", "write_parquet"]

_ID_COLUMNS = ("client_id", "session")


def write_parquet(frames: pd.DataFrame | Iterable[pd.DataFrame], folder: str | Path, *,
                  partition_by: str | list[str] | None = "site") -> Path:
    """Write sessions to ``folder`` as Parquet, partitioned by ``partition_by`` (hive style:
    ``folder/site=north/…``), one file per partition per frame. ``frames`` may be one DataFrame or an
    iterable of them (written one at a time). Every frame must have the same columns. Returns ``folder``."""
    import pyarrow as pa
    import pyarrow.dataset as pads

    folder = Path(folder)
    parts = [partition_by] if isinstance(partition_by, str) else list(partition_by or [])
    frames = [frames] if isinstance(frames, pd.DataFrame) else frames
    schema = None
    for i, frame in enumerate(frames):
        missing = [c for c in parts if c not in frame.columns]
        if missing:
            raise DataError(f"cannot partition by {missing[0]!r}: the table has no such column", column=missing[0],
                            rule="partition column exists")
        table = pa.Table.from_pandas(frame, preserve_index=False)
        if schema is None:
            schema = table.schema
        elif table.schema != schema:
            table = table.cast(schema)
        pads.write_dataset(table, folder, format="parquet", partitioning=parts or None,
                           partitioning_flavor="hive" if parts else None,
                           basename_template=f"part-{i:05d}-{{i}}.parquet",
                           existing_data_behavior="overwrite_or_ignore")
    return folder


def synthetic_sessions(rows: int, *, seed: int = 7, sites: int = 4, clinicians_per_site: int = 25,
                       chunk_rows: int = 1_000_000) -> Iterator[pd.DataFrame]:
    """A large synthetic sessions table in chunks of about ``chunk_rows`` rows (whole clients per chunk).

    Columns: client_id, clinician_id, site, cohort, session (0 = intake), srs_total (sessions 1-…),
    ors_total; 8-32 sessions a client, alliance rising slowly with client-level noise and about one
    client in six with a sudden drop, so per-client statistics have something to find. Deterministic
    for a seed. For benchmarks and for trying the scale path, not for research.
    """
    rng = np.random.default_rng(seed)
    made, chunk_no = 0, 0
    while made < rows:
        want = min(chunk_rows, rows - made)
        lengths = rng.integers(9, 34, size=max(want // 20, 1))           # intake + 8-32 sessions
        lengths = lengths[np.cumsum(lengths) <= want] if lengths.sum() > want else lengths
        if len(lengths) == 0:
            lengths = np.array([want])
        n = int(lengths.sum())
        k = len(lengths)
        client = np.repeat(np.arange(k), lengths)
        start = np.repeat(np.cumsum(lengths) - lengths, lengths)
        session = (np.arange(n) - start).astype(np.int16)
        site = rng.integers(0, sites, size=k)
        clinician = site * clinicians_per_site + rng.integers(0, clinicians_per_site, size=k)
        base = rng.normal(33, 3, size=k)
        slope = rng.normal(0.12, 0.08, size=k)
        srs = base[client] + slope[client] * session + rng.normal(0, 1.2, size=n)
        drop_at = np.where(rng.random(k) < 0.17, rng.integers(3, 8, size=k), -1)
        dropped = (session == drop_at[client]) | (session == drop_at[client] + 1) * (rng.random(n) < 0.3)
        srs = np.where(dropped, srs - rng.uniform(7, 12, size=n), srs)
        srs = np.clip(np.round(srs, 1), 0, 40).astype(np.float32)
        srs[session == 0] = np.nan
        o_base = rng.normal(21, 6, size=k)
        ors = np.clip(np.round(o_base[client] + 0.35 * session + rng.normal(0, 2.5, size=n), 1), 0, 40)
        ids = np.char.add(f"k{chunk_no:04d}-", np.arange(k).astype("U7"))
        site_names = np.array([f"site{j:02d}" for j in range(sites)])
        yield pd.DataFrame({
            "client_id": pd.array(ids[client], dtype="str"),
            "clinician_id": pd.array(np.char.add("t", clinician.astype("U4"))[client], dtype="str"),
            "site": pd.array(site_names[site][client], dtype="str"),
            "cohort": pd.array(np.where(clinician % 5 == 0, "trainee", "licensed")[client], dtype="str"),
            "session": session, "srs_total": srs, "ors_total": ors.astype(np.float32)})
        made += n
        chunk_no += 1


class ParquetSessions:
    """A sessions table in Parquet files (a folder, partitioned or not, or a glob), read through DuckDB.

    ``memory_limit`` caps DuckDB's own memory (it spills sorts and aggregations to ``temp_directory``);
    ``threads`` defaults to DuckDB's choice (all cores). The table is the view ``sessions`` in
    :meth:`sql`. Rows without a client or session number, and every row of a client-session that occurs
    more than once, are left out of :meth:`client_batches` (and so of :meth:`per_client`) and counted by
    :meth:`check`, as :func:`rapportlib.load` quarantines them.
    """

    def __init__(self, source: str | Path, *, memory_limit: str = "4GB", threads: int | None = None,
                 temp_directory: str | Path | None = None):
        import duckdb

        source = Path(source)
        if source.is_dir():
            pattern = str(source / "**" / "*.parquet")
            if not any(source.rglob("*.parquet")):
                raise DataError(f"{source}: no Parquet files in this folder", file=str(source),
                                rule="Parquet files present")
        elif source.exists() or any(ch in str(source) for ch in "*?["):
            pattern = str(source)
        else:
            raise DataError(f"{source}: not found; give a folder of Parquet files or a file", file=str(source),
                            rule="file exists")
        self.source = source
        self.con = duckdb.connect()
        self.con.execute(f"SET memory_limit = '{memory_limit}'")
        self.con.execute("SET enable_progress_bar = false")      # a library prints nothing of its own
        if threads:
            self.con.execute(f"SET threads = {int(threads)}")
        if temp_directory:
            self.con.execute("SET temp_directory = ?", [str(temp_directory)])
        self.con.execute(f"CREATE VIEW sessions AS SELECT * FROM read_parquet({_quote(pattern)}, "
                         "hive_partitioning = true, union_by_name = true)")
        self.columns = [r[0] for r in self.con.execute("DESCRIBE sessions").fetchall()]
        missing = [c for c in _ID_COLUMNS if c not in self.columns]
        if missing:
            raise DataError(f"{source}: the sessions have no column {missing[0]!r}", file=str(source),
                            column=missing[0], rule="required column")

    # ------------------------------------------------------------------ SQL
    def sql(self, query: str, params: list | None = None) -> pd.DataFrame:
        """Run ``query`` (it can read the view ``sessions``) and return the result as a DataFrame."""
        return self.con.execute(query, params or []).df()

    def count(self) -> int:
        return int(self.con.execute("SELECT count(*) FROM sessions").fetchall()[0][0])

    def check(self) -> pd.DataFrame:
        """Rows read, left out by rule, and used: ``read = used + quarantined`` (the ``total`` rows)."""
        q = """
        WITH flagged AS (
          SELECT client_id IS NULL AS no_client, session IS NULL AS no_session,
                 count(*) OVER (PARTITION BY client_id, session) > 1 AS duplicate FROM sessions)
        SELECT count(*) AS read,
               count(*) FILTER (WHERE no_client) AS no_client,
               count(*) FILTER (WHERE no_session AND NOT no_client) AS no_session,
               count(*) FILTER (WHERE duplicate AND NOT no_client AND NOT no_session) AS duplicate
        FROM flagged"""
        read, no_client, no_session, dup = self.con.execute(q).fetchall()[0]
        rows = [("client_id missing", "client_id", no_client), ("session missing", "session", no_session),
                ("client and session occur more than once", "session", dup)]
        out = pd.DataFrame([{"rule": r, "column": c, "rows": int(n)} for r, c, n in rows])
        quarantined = int(out["rows"].sum())
        total = pd.DataFrame([{"rule": "total quarantined", "column": "", "rows": quarantined},
                              {"rule": "used", "column": "", "rows": int(read) - quarantined},
                              {"rule": "read", "column": "", "rows": int(read)}])
        return pd.concat([out, total], ignore_index=True)

    def summary(self, measure: str, by: str | None = None) -> pd.DataFrame:
        """Clients, sessions, and the mean, SD, min and max of ``measure`` (per ``by`` group), in DuckDB."""
        self._need(measure, *( [by] if by else []))
        group = f"{_ident(by)} AS {by}, " if by else ""
        q = (f"SELECT {group}count(DISTINCT client_id) AS clients, count(*) AS sessions, "
             f"count({_ident(measure)}) AS scored, avg({_ident(measure)}) AS mean, "
             f"stddev_samp({_ident(measure)}) AS sd, min({_ident(measure)}) AS min, max({_ident(measure)}) AS max "
             f"FROM sessions WHERE {_VALID_WHERE} " + (f"GROUP BY {_ident(by)} ORDER BY {_ident(by)}" if by else ""))
        return self.sql(q)

    def first_last(self, measure: str) -> pd.DataFrame:
        """Each client's first and last score of ``measure`` and the change, computed in DuckDB (one row per client,
        the same numbers as the first-to-last change of :func:`rapportlib.reliable_change`)."""
        self._need(measure)
        m = _ident(measure)
        q = f"""
        SELECT client_id,
               arg_min({m}, session) AS pre, min(session) AS pre_session,
               arg_max({m}, session) AS post, max(session) AS post_session
        FROM sessions WHERE {m} IS NOT NULL AND {_VALID_WHERE}
        GROUP BY client_id ORDER BY client_id"""
        out = self.sql(q)
        same = out["pre_session"] == out["post_session"]
        out.loc[same, ["post", "post_session"]] = np.nan
        out["change"] = out["post"] - out["pre"]
        return out

    # ------------------------------------------------------------------ into pandas
    def load(self, *, where: str | None = None, columns: list[str] | None = None) -> pd.DataFrame:
        """Rows (``where`` is a SQL condition, e.g. ``"site = 'north'"``) into one pandas DataFrame.

        For a part that fits in memory; the whole table of a large consortium would not.
        """
        cols = ", ".join(_ident(c) for c in (columns or self.columns))
        q = f"SELECT {cols} FROM sessions" + (f" WHERE {where}" if where else "")
        rel = self.con.sql(q)
        table = rel.to_arrow_table() if hasattr(rel, "to_arrow_table") else rel.arrow()    # duckdb 2 / 1
        return self._typed(table.to_pandas())

    def client_batches(self, columns: list[str] | None = None, *, rows_per_batch: int = 1_000_000,
                       where: str | None = None) -> Iterator[pd.DataFrame]:
        """The sessions in batches of about ``rows_per_batch`` rows, sorted by client and session, each batch
        holding whole clients (a client is never split across two batches)."""
        cols = list(dict.fromkeys([*_ID_COLUMNS, *(columns or self.columns)]))
        self._need(*cols)
        cond = _VALID_WHERE + (f" AND ({where})" if where else "")
        q = (f"SELECT {', '.join(_ident(c) for c in cols)} FROM sessions WHERE {cond} "
             "ORDER BY client_id, session")
        rel = self.con.sql(q)
        reader = (rel.to_arrow_reader(rows_per_batch) if hasattr(rel, "to_arrow_reader")      # duckdb 2
                  else rel.fetch_arrow_reader(rows_per_batch))                               # duckdb 1
        carry, previous = None, None
        for batch in reader:
            frame = self._typed(batch.to_pandas())
            if frame.empty:
                continue
            ids = frame["client_id"].to_numpy()
            # whole clients per batch rest on DuckDB streaming the sorted rows in order: check it, never assume
            if (previous is not None and ids[0] < previous) or np.any(ids[1:] < ids[:-1]):
                raise RuntimeError("DuckDB returned the sorted sessions out of order; batches could split a client")
            previous = ids[-1]
            if carry is not None:
                frame = pd.concat([carry, frame], ignore_index=True)
                ids = frame["client_id"].to_numpy()
            last = ids[-1]
            cut = int(np.searchsorted(ids, last, side="left"))      # sorted: the last client starts here
            carry = frame.iloc[cut:].reset_index(drop=True)
            if cut:
                yield frame.iloc[:cut].reset_index(drop=True)
        if carry is not None and len(carry):
            yield carry

    def per_client(self, fn: Callable[..., pd.DataFrame], *args, columns: list[str] | None = None,
                   rows_per_batch: int = 1_000_000, where: str | None = None, **kwargs) -> pd.DataFrame:
        """``fn(batch, *args, **kwargs)`` on every batch of whole clients, concatenated.

        ``fn`` must be a per-client function of a sessions table that returns a DataFrame
        (:func:`rapportlib.ruptures`, :func:`rapportlib.sudden_gains`, :func:`rapportlib.judge_intervals`):
        then the result is the one ``fn`` gives on the whole table, with one batch in memory at a time
        (:func:`~rapportlib.judge_intervals` pads each client to the batch's session range with unjudged
        rows; its judged intervals are the same).
        ``columns`` limits what is read (default: every column; the measure is enough for most).
        """
        parts = [fn(batch, *args, **kwargs) for batch in
                 self.client_batches(columns, rows_per_batch=rows_per_batch, where=where)]
        parts = [p for p in parts if len(p)] or parts[:1]
        if not parts:
            raise DataError(f"{self.source}: no sessions to analyse", file=str(self.source), rule="rows present")
        return pd.concat(parts, ignore_index=True)

    # ------------------------------------------------------------------ helpers
    def _need(self, *cols: str) -> None:
        missing = [c for c in cols if c not in self.columns]
        if missing:
            raise DataError(f"{self.source}: the sessions have no column {missing[0]!r}; columns there: "
                            f"{', '.join(self.columns)}", file=str(self.source), column=missing[0],
                            rule="column exists")

    @staticmethod
    def _typed(frame: pd.DataFrame) -> pd.DataFrame:
        """Types as :func:`rapportlib.load` gives them: text ids, whole-number sessions, float scores."""
        out = frame
        for c in out.columns:
            if c in ("client_id", "clinician_id") or out[c].dtype == object:
                out[c] = out[c].astype("str")
        if "session" in out.columns:
            out["session"] = out["session"].astype("Int64")
        for c in out.columns:
            if str(out[c].dtype) == "float32":
                out[c] = out[c].astype("float64")
        return out

    def close(self) -> None:
        self.con.close()

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()


_VALID_WHERE = ("client_id IS NOT NULL AND session IS NOT NULL AND (client_id, session) NOT IN "
                "(SELECT (client_id, session) FROM sessions WHERE client_id IS NOT NULL AND session IS NOT NULL "
                "GROUP BY client_id, session HAVING count(*) > 1)")


def _ident(name: str) -> str:
    return '"' + str(name).replace('"', '""') + '"'


def _quote(text: str) -> str:
    return "'" + text.replace("'", "''") + "'"
