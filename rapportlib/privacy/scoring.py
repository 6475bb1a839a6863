"""Scoring the detector on labelled sets (``tests/data/identifiers_*.jsonl``): recall and precision per kind."""

from __future__ import annotations

from collections.abc import Iterable

import numpy as np
import pandas as pd

from .detect import find_identifiers
from .spans import KINDS, parse_marked


def score_detector(records: Iterable[dict], *, find=None) -> pd.DataFrame:
    """Recall and precision per kind on labelled records (``{"marked", "roster", "lang"}``).

    A gold identifier is *found* when detected spans of any kind cover all of its
    letters and digits (what matters for privacy: none of it survives). A
    detected span is *correct* when it overlaps a gold identifier. Also counts
    ``kind_ok``: found with the right kind. The last row, ``all``, pools kinds.
    ``find(text, roster, lang)`` defaults to :func:`find_identifiers`.
    """
    find = find or (lambda text, roster, lang: find_identifiers(text, roster, lang))
    stats: dict[str, dict[str, int]] = {k: dict(gold=0, found=0, kind_ok=0, predicted=0, correct=0) for k in KINDS}
    for rec in records:
        text, gold = parse_marked(rec["marked"])
        pred = find(text, rec.get("roster"), rec.get("lang"))
        covered = np.zeros(len(text) + 1, bool)
        for p in pred:
            covered[p.start:p.end] = True
        gold_mask = np.zeros(len(text) + 1, bool)
        for g in gold:
            gold_mask[g.start:g.end] = True
            s = stats.setdefault(g.kind, dict(gold=0, found=0, kind_ok=0, predicted=0, correct=0))
            s["gold"] += 1
            must = [i for i in range(g.start, g.end) if text[i].isalnum()]
            if all(covered[i] for i in must):
                s["found"] += 1
                if any(p.kind == g.kind and p.start < g.end and g.start < p.end for p in pred):
                    s["kind_ok"] += 1
        for p in pred:
            s = stats.setdefault(p.kind, dict(gold=0, found=0, kind_ok=0, predicted=0, correct=0))
            s["predicted"] += 1
            s["correct"] += int(gold_mask[p.start:p.end].any())
    frame = pd.DataFrame([{"kind": k, **v} for k, v in stats.items()])
    total = frame.drop(columns="kind").sum()
    frame = pd.concat([frame, pd.DataFrame([{"kind": "all", **total.to_dict()}])], ignore_index=True)
    frame["recall"] = frame["found"] / frame["gold"].where(frame["gold"] > 0)
    frame["precision"] = frame["correct"] / frame["predicted"].where(frame["predicted"] > 0)
    return frame.astype({"kind": "string"})
