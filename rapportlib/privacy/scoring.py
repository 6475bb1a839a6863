"""Scoring the detector on labelled sets (``tests/data/identifiers_*.jsonl``): recall and precision per kind,
and the misses and false positives behind them.

From a shell: ``python -m rapportlib.privacy tests/data/identifiers_r23.jsonl --misses`` (see :func:`main`).
These sets are synthetic, so the report prints the text of what was missed; run it on labelled test sets only.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from pathlib import Path

import numpy as np
import pandas as pd

from .detect import find_identifiers
from .spans import KINDS, parse_marked

PATTERN_KINDS = tuple(k for k in KINDS if k not in ("name", "place"))
"""The kinds with a recall target of 0.98 (names have 0.95; places are reported on their own)."""

_CONTEXT = 40


def read_labelled(path) -> list[dict]:
    """The records of a labelled JSONL file (``{"id", "lang", "roster", "marked"}`` per line)."""
    return [json.loads(line) for line in Path(path).read_text(encoding="utf-8").splitlines() if line.strip()]


def span_outcomes(records: Iterable[dict], *, find=None) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Every gold identifier with whether it was found, and every detected span with whether it was correct.

    A gold identifier is *found* when detected spans of any kind cover all of its
    letters and digits (what matters for privacy: none of it survives), and
    ``kind_ok`` when a detected span of its own kind overlaps it. A detected span is
    *correct* when it overlaps a gold identifier. Both frames have ``id``, ``lang``,
    ``kind``, ``start``, ``end``, ``surface`` and ``context`` (the text around it).
    ``find(text, roster, lang)`` defaults to :func:`find_identifiers`.
    """
    find = find or (lambda text, roster, lang: find_identifiers(text, roster, lang))
    gold_rows, pred_rows = [], []
    for n, rec in enumerate(records):
        text, gold = parse_marked(rec["marked"])
        pred = find(text, rec.get("roster"), rec.get("lang"))
        covered = np.zeros(len(text) + 1, bool)
        for p in pred:
            covered[p.start:p.end] = True
        gold_mask = np.zeros(len(text) + 1, bool)
        where = dict(id=rec.get("id", str(n)), lang=rec.get("lang"))
        for g in gold:
            gold_mask[g.start:g.end] = True
            found = all(covered[i] for i in range(g.start, g.end) if text[i].isalnum())
            kind_ok = found and any(p.kind == g.kind and p.start < g.end and g.start < p.end for p in pred)
            gold_rows.append(dict(where, kind=g.kind, start=g.start, end=g.end, surface=text[g.start:g.end],
                                  found=found, kind_ok=kind_ok, context=_context(text, g.start, g.end)))
        for p in pred:
            pred_rows.append(dict(where, kind=p.kind, start=p.start, end=p.end, surface=text[p.start:p.end],
                                  correct=bool(gold_mask[p.start:p.end].any()),
                                  context=_context(text, p.start, p.end)))
    columns = ["id", "lang", "kind", "start", "end", "surface"]
    gold = pd.DataFrame(gold_rows, columns=columns + ["found", "kind_ok", "context"])
    pred = pd.DataFrame(pred_rows, columns=columns + ["correct", "context"])
    return gold, pred


def _context(text: str, start: int, end: int) -> str:
    """The text around a span, the span between ``⟦ ⟧``, on one line."""
    left, right = text[max(0, start - _CONTEXT):start], text[end:end + _CONTEXT]
    return " ".join(f"{left}⟦{text[start:end]}⟧{right}".split())


def score_detector(records: Iterable[dict], *, find=None) -> pd.DataFrame:
    """Recall and precision per kind on labelled records (``{"marked", "roster", "lang"}``).

    Counts per kind: ``gold``, ``found`` (all its letters and digits covered by
    detected spans of any kind), ``kind_ok`` (found, with the right kind),
    ``predicted`` and ``correct`` (a detected span overlapping a gold identifier);
    see :func:`span_outcomes`. The last row, ``all``, pools kinds.
    ``find(text, roster, lang)`` defaults to :func:`find_identifiers`.
    """
    return _scores(*span_outcomes(records, find=find))


def _scores(gold: pd.DataFrame, pred: pd.DataFrame) -> pd.DataFrame:
    kinds = list(KINDS) + sorted(set(gold["kind"]).union(pred["kind"]) - set(KINDS))
    counts = {
        "gold": gold.groupby("kind").size(),
        "found": gold.groupby("kind")["found"].sum(),
        "kind_ok": gold.groupby("kind")["kind_ok"].sum(),
        "predicted": pred.groupby("kind").size(),
        "correct": pred.groupby("kind")["correct"].sum(),
    }
    frame = pd.DataFrame({c: s.reindex(kinds, fill_value=0).astype("int64") for c, s in counts.items()})
    frame = frame.rename_axis("kind").reset_index()
    total = frame.drop(columns="kind").sum()
    frame = pd.concat([frame, pd.DataFrame([{"kind": "all", **total.to_dict()}])], ignore_index=True)
    frame["recall"] = frame["found"] / frame["gold"].where(frame["gold"] > 0)
    frame["precision"] = frame["correct"] / frame["predicted"].where(frame["predicted"] > 0)
    return frame.astype({"kind": "string"})


def summary_line(scores: pd.DataFrame) -> str:
    """One line: name recall, pooled pattern recall, place recall, precision, and the kinds under their target."""
    s = scores.set_index("kind")
    pattern = s.loc[list(PATTERN_KINDS)]
    found, gold = int(pattern["found"].sum()), int(pattern["gold"].sum())
    under = [f"{k} {s.loc[k, 'recall']:.3f}" for k in PATTERN_KINDS if s.loc[k, "gold"] and s.loc[k, "recall"] < 0.98]
    if s.loc["name", "gold"] and s.loc["name", "recall"] < 0.95:
        under.insert(0, f"name {s.loc['name', 'recall']:.3f}")
    return (f"names {s.loc['name', 'recall']:.3f}  pattern {found / gold:.3f} ({found}/{gold})  "
            f"places {s.loc['place', 'recall']:.3f}  precision {s.loc['all', 'precision']:.3f} "
            f"({int(s.loc['all', 'predicted'] - s.loc['all', 'correct'])} false)  "
            f"under target: {', '.join(under) or 'none'}")


def markdown_table(scores: dict[str, pd.DataFrame]) -> str:
    """Recall per kind (rows) and labelled set (columns, named by the keys) as a Markdown table."""
    frames = {name: s.set_index("kind") for name, s in scores.items()}
    kinds = [k for k in list(KINDS) + ["all"] if any(f.loc[k, "gold"] > 0 for f in frames.values() if k in f.index)]
    lines = ["| kind | " + " | ".join(frames) + " |", "|---" * (len(frames) + 1) + "|"]
    for k in kinds:
        cells = [f"{f.loc[k, 'recall']:.3f}" if k in f.index and f.loc[k, "gold"] > 0 else "-" for f in frames.values()]
        lines.append(f"| {k} | " + " | ".join(cells) + " |")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    """Score labelled sets: ``python -m rapportlib.privacy tests/data/identifiers_r23.jsonl``.

    Prints one summary line per file; ``--table`` adds the per-kind table,
    ``--misses`` every gold identifier not found, ``--false-positives`` every
    detected span that overlaps none, each with its record id and context.
    ``--rules-only`` leaves out the learned tagger.
    """
    import argparse
    ap = argparse.ArgumentParser(prog="python -m rapportlib.privacy", description=main.__doc__)
    ap.add_argument("files", nargs="+", type=Path, help="labelled JSONL files (tests/data/identifiers_*.jsonl)")
    ap.add_argument("--rules-only", action="store_true", help="leave out the learned tagger")
    ap.add_argument("--table", action="store_true", help="print recall and precision per kind")
    ap.add_argument("--misses", action="store_true", help="print the identifiers not found")
    ap.add_argument("--false-positives", action="store_true", help="print the spans that overlap no identifier")
    ap.add_argument("--kind", action="append", help="only misses/false positives of this kind; may repeat")
    ap.add_argument("--markdown", action="store_true",
                    help="instead: one Markdown table of recall, a row per kind and a column per file")
    args = ap.parse_args(argv)
    tagger = not args.rules_only
    find = lambda text, roster, lang: find_identifiers(text, roster, lang, tagger=tagger)   # noqa: E731
    if args.markdown:
        print(markdown_table({p.stem.removeprefix("identifiers_"): score_detector(read_labelled(p), find=find)
                              for p in args.files}))
        return 0
    width = max(len(p.name) for p in args.files)
    for path in args.files:
        gold, pred = span_outcomes(read_labelled(path), find=find)
        scores = _scores(gold, pred)
        print(f"{path.name:<{width}}  {summary_line(scores)}")
        if args.table:
            shown = scores[scores["gold"].gt(0) | scores["predicted"].gt(0)]
            print(shown.to_string(index=False, float_format=lambda x: f"{x:.3f}"))
        if args.misses:
            _print_rows(gold[~gold["found"]], args.kind, "missed")
        if args.false_positives:
            _print_rows(pred[~pred["correct"]], args.kind, "false positive")
    return 0


def _print_rows(rows: pd.DataFrame, kinds, what: str) -> None:
    if kinds:
        rows = rows[rows["kind"].isin(kinds)]
    print(f"  {len(rows)} {what}")
    for r in rows.sort_values(["kind", "id"]).itertuples():
        print(f"  {r.id:<10} {r.lang:<3} {r.kind:<9} {r.context}")
