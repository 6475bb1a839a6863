"""rapportlib benchmarks: each measurement beside a baseline taken in the same run.

    python benchmarks/run.py [--rows 1000000] [--json results.json]

Entries:
- load_1m: read, validate and score a sessions CSV (SRS, ORS and WAI-SR items),
  against a bare ``pandas.read_csv`` of the same file. Target: at most 2.5x.
- import: ``import rapportlib`` in a fresh interpreter, against ``import pandas``
  (rapportlib must not pay pandas' import cost up front). Target: under 0.25x.
"""

from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path


def _best_interleaved(fns, repeat: int) -> list[float]:
    """Fastest of ``repeat`` runs of each function, run in turn so that both see the same machine."""
    import gc

    best = [float("inf")] * len(fns)
    for _ in range(repeat):
        for i, fn in enumerate(fns):
            gc.collect()
            t = time.perf_counter()
            fn()
            best[i] = min(best[i], time.perf_counter() - t)
    return best


def make_sessions_csv(path: Path, rows: int, seed: int = 1) -> None:
    """A realistic sessions file: 20 sessions per client, items with one decimal, a few blanks."""
    import numpy as np
    import pyarrow as pa
    import pyarrow.csv as pcsv

    rng = np.random.default_rng(seed)
    n_clients = rows // 20 + 1
    client = np.arange(rows) // 20
    session = np.arange(rows) % 20
    cols = {
        "client_id": pa.array([f"c{c:06d}" for c in client]),
        "session": pa.array(session),
        "clinician_id": pa.array([f"clin{c % 400:03d}" for c in client]),
        "date": pa.array((np.datetime64("2001-01-01") + (client % 700) + session * 7).astype(str)),
    }
    level = rng.normal(8.5, 1, n_clients)[client]
    for m in ("srs", "ors"):
        items = np.clip(np.round(level[:, None] + rng.normal(0, 0.6, (rows, 4)), 1), 0, 10)
        for j in range(4):
            cols[f"{m}_{j + 1}"] = pa.array(items[:, j])
        cols[f"{m}_total"] = pa.array(np.round(items.sum(axis=1), 1))
    wai = np.clip(np.round(level[:, None] / 2 + rng.normal(0, 0.7, (rows, 12))), 1, 5)
    wai[rng.random((rows, 12)) < 0.01] = np.nan
    for j in range(12):
        cols[f"wai_sr_{j + 1}"] = pa.array(wai[:, j], from_pandas=True)
    pcsv.write_csv(pa.table(cols), path)


def bench_load(rows: int, repeat: int) -> dict:
    import pandas as pd

    import rapportlib

    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "sessions.csv"
        make_sessions_csv(path, rows)
        size_mb = path.stat().st_size / 1e6

        def ours():
            s = rapportlib.read_sessions(path)
            for inst in ("srs", "ors", "wai_sr"):
                s = rapportlib.score(s, inst)
            assert len(s) == rows, len(s)

        baseline, seconds = _best_interleaved([lambda: pd.read_csv(path), ours], repeat)
    return {"name": "read, validate and score sessions CSV", "size": f"{rows:,} rows ({size_mb:.0f} MB)",
            "seconds": seconds, "baseline": "pandas.read_csv", "baseline_seconds": baseline,
            "ratio": seconds / baseline, "target": 2.5}


def bench_import(repeat: int) -> dict:
    def run(stmt: str) -> float:
        times = []
        for _ in range(repeat):
            out = subprocess.run([sys.executable, "-c", f"import time; t=time.perf_counter(); {stmt}; "
                                  "print(time.perf_counter()-t)"], capture_output=True, text=True, check=True)
            times.append(float(out.stdout))
        return statistics.median(times)

    ours, base = run("import rapportlib"), run("import pandas")
    return {"name": "import rapportlib", "size": "fresh interpreter", "seconds": ours, "baseline": "import pandas",
            "baseline_seconds": base, "ratio": ours / base, "target": 0.25}


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--rows", type=int, default=1_000_000)
    ap.add_argument("--repeat", type=int, default=5)
    ap.add_argument("--json", help="also write the table as a JSON list of objects to this file")
    args = ap.parse_args(argv)

    results = [bench_load(args.rows, args.repeat), bench_import(max(args.repeat, 5))]
    for r in results:
        r["passed"] = r["ratio"] <= r["target"]
    head = f"{'what':40} {'size':26} {'seconds':>9} {'baseline':>22} {'ratio':>7} {'target':>7}  result"
    print(head)
    print("-" * len(head))
    for r in results:
        base = f"{r['baseline']} {r['baseline_seconds']:.3f}"
        target = f"<={r['target']}"
        print(f"{r['name']:40} {r['size']:26} {r['seconds']:9.3f} {base:>22} {r['ratio']:7.2f} {target:>7}  "
              f"{'pass' if r['passed'] else 'FAIL'}")
    if args.json:
        Path(args.json).write_text(json.dumps(
            [{k: r[k] for k in ("name", "size", "seconds", "baseline_seconds", "ratio", "target", "passed")}
             for r in results], indent=2))
    return 0 if all(r["passed"] for r in results) else 1


if __name__ == "__main__":
    sys.exit(main())
