"""The guided bias self-check: what ties the numbers, the language scan and the reflection together,
and the commitments a clinician (alone, or with their supervisor) keeps.

The three kinds of evidence come from :func:`rapportlib.equity.equity_audit` (alliance and outcomes
by client group), :func:`rapportlib.language.scan_language` (wording in the clinician's
reflections) and the cultural-humility prompt bank (questions chosen for what those two found, via
:func:`self_check_triggers`). The widget :class:`rapportlib.widgets.BiasCheck` walks through them.

Commitments and action items are clinical writing, so they are kept in an encrypted
:class:`~rapportlib.Journal` as notes of kind ``"bias_check"`` (free text anonymised like an entry's):
:func:`save_bias_check` writes one, :func:`bias_checks` and :func:`action_items` read them back, and
:func:`set_item_done` records progress on an item (a new version of the note; the old one stays).
"""

from __future__ import annotations

from dataclasses import asdict, dataclass
from datetime import date, datetime
from typing import TYPE_CHECKING

from .prompts import Trigger, rank_triggers

if TYPE_CHECKING:
    import pandas as pd

__all__ = ["KIND", "ActionItem", "action_items", "bias_checks", "caseload_numbers", "check_in_patterns",
           "clinicians_to_review", "save_bias_check", "self_check_triggers", "set_item_done"]

KIND = "bias_check"

_BY_TRIGGER = {"interpreter": "interpreter", "language_match": "language_difference"}


def self_check_triggers(findings: pd.DataFrame | None = None, audit=None, *, clinician: str | None = None,
                        check_ins: pd.DataFrame | None = None) -> list[Trigger]:
    """The prompt-bank triggers the bias check's evidence raises, most pressing first.

    ``findings`` (from :func:`~rapportlib.language.scan_language`): any finding raises
    ``stigmatising_language`` (the detail counts findings per category). ``audit`` (an
    :class:`~rapportlib.equity.EquityAudit`): comparisons that stand out, for ``clinician``'s
    caseload or the clinician against the rest of the service (or the whole service when
    ``clinician`` is None), raise ``rating_gap`` (the clinician-over-client gap), ``group_difference``
    (any metric by a client group) and, for groups defined by interpreter use or a language
    mismatch, ``interpreter`` / ``language_difference``. ``check_ins`` (from :func:`check_in_patterns`):
    a check-in dimension that differs between client groups raises ``group_difference`` and the
    dimension's own trigger. Details carry counts and column names only.
    """
    found: dict[str, list[str]] = {}

    def add(tid: str, detail: str) -> None:
        found.setdefault(tid, [])
        if detail and detail not in found[tid]:
            found[tid].append(detail)

    if findings is not None and len(findings):
        counts = findings["category"].value_counts()
        add("stigmatising_language", ", ".join(f"{n} {c.replace('_', ' ')}" for c, n in counts.items()) +
            " in the language scan")
    if audit is not None:
        table = audit.findings()
        if clinician is not None and "clinician_id" in table.columns:
            mine = table["clinician_id"].astype("string").fillna("") == clinician
            table = table[mine | ((table["scope"] == "service") & (table["by"] == "clinician") &
                                  (table["group"].astype("string") == clinician))]
        for rec in table.itertuples(index=False):
            where = f"{str(rec.metric).replace('_', ' ')} by {str(rec.by).replace('_', ' ')}"
            if rec.metric == "rating_gap":
                add("rating_gap", where)
            if rec.by != "clinician":
                add("group_difference", where)
            if rec.by in _BY_TRIGGER:
                add(_BY_TRIGGER[rec.by], where)
    if check_ins is not None:
        for rec in check_ins.itertuples(index=False):
            where = f"check-in {rec.dimension} by {str(rec.group_column).replace('_', ' ')}"
            add("group_difference", where)
            add(str(rec.dimension), where)
            if rec.group_column in _BY_TRIGGER:
                add(_BY_TRIGGER[rec.group_column], where)
    return rank_triggers(Trigger(t, "; ".join(d)) for t, d in found.items())


def check_in_patterns(dataset, clinician: str) -> pd.DataFrame:
    """The clinician's countertransference check-in ratings that differ between client groups
    (:func:`~rapportlib.countertransference_profile`'s ``differs_by_group`` patterns): one row each with
    dimension, group_column, group, value, baseline, difference and detail (a sentence)."""
    from .countertransference import countertransference_profile

    cols = ["dimension", "group_column", "group", "value", "baseline", "difference", "detail"]
    refl = getattr(dataset, "reflections", None)
    if refl is None or not len(refl) or "clinician_id" not in refl.columns or \
            not (refl["clinician_id"] == clinician).any() or not any(c.startswith("ct_") for c in refl.columns):
        import pandas as pd

        return pd.DataFrame(columns=cols)
    profile = countertransference_profile(dataset, clinician_id=clinician)
    pats = profile.patterns_of(clinician)
    return pats.loc[pats["kind"] == "differs_by_group", cols].reset_index(drop=True)


# --------------------------------------------------------------------------- step 1: the numbers
METRIC_LABELS = {"alliance_level": "Alliance level", "alliance_trend": "Alliance trend (per session)",
                 "outcome_change": "Outcome change", "rupture_rate": "Clients with a rupture",
                 "unrepaired_rate": "Clients with an unrepaired rupture", "dropout": "Early dropout",
                 "rating_gap": "Clinician-over-client rating gap"}


def _value(x, metric: str, sign: bool = False) -> str:
    import pandas as pd

    if x is None or pd.isna(x):
        return "–"
    if metric in ("rupture_rate", "unrepaired_rate", "dropout"):
        return f"{100 * x:+.0f} pp" if sign else f"{100 * x:.0f}%"
    digits = 1 if metric in ("alliance_level", "outcome_change") else 2
    unit = " SD" if metric == "rating_gap" else ""
    return f"{x:+.{digits}f}{unit}" if sign else f"{x:.{digits}f}{unit}"


def _reading(r, threshold: int) -> str:
    import pandas as pd

    if r.suppressed:
        return f"not shown (fewer than {threshold} clients)" if r.suppressed == "primary" else \
            "not shown (protects a small group)"
    if pd.isna(r.diff_low) or pd.isna(r.diff_high):
        return "too few to compare"
    if bool(r.stands_out):
        return "stands out"
    if r.diff_low > 0 or r.diff_high < 0:
        return "worth a look (may be chance)"
    return "no clear difference"


def caseload_numbers(audit, clinician: str) -> dict[str, pd.DataFrame]:
    """What step 1 of the bias check shows, from an :class:`~rapportlib.equity.EquityAudit`.

    ``"versus"``: one row per metric comparing the clinician's caseload with the rest of the service
    (metric, label, n, estimate, others_estimate, difference, ci, reading, text); ``"within"``: the
    comparisons between client groups within the caseload that stand out or are worth a look;
    ``"service"``: the same for client groups across the whole service (context for every clinician);
    ``"hidden"``: a one-row frame counting the caseload's comparisons not shown (small cells) and made.
    """
    import pandas as pd

    t = audit.table
    versus = t[(t["scope"] == "service") & (t["by"] == "clinician") & (t["group"].astype("string") == clinician)]
    rows = []
    for r in versus.itertuples(index=False):
        ci = "–" if pd.isna(r.diff_low) else f"{_value(r.diff_low, r.metric, True)} to " \
                                             f"{_value(r.diff_high, r.metric, True)}"
        rows.append({"metric": r.metric, "label": METRIC_LABELS.get(r.metric, r.metric),
                     "n": r.n, "estimate": _value(r.estimate, r.metric), "others_estimate":
                     _value(r.others_estimate, r.metric), "difference": _value(r.difference, r.metric, True),
                     "ci": ci, "reading": _reading(r, audit.threshold), "text": r.text})
    cols = ["metric", "label", "n", "estimate", "others_estimate", "difference", "ci", "reading", "text"]
    look = audit.findings(worth_a_look=True)
    mine = t[(t["scope"] == "clinician") & (t["clinician_id"].astype("string") == clinician)]
    made = int(((mine["suppressed"].fillna("") == "") & mine["p"].notna()).sum())
    hidden = int((mine["suppressed"].fillna("") != "").sum())
    within = look[(look["scope"] == "clinician") & (look["clinician_id"].astype("string") == clinician)]
    service = look[(look["scope"] == "service") & (look["by"] != "clinician")]
    return {"versus": pd.DataFrame(rows, columns=cols),
            "within": within.reset_index(drop=True), "service": service.reset_index(drop=True),
            "hidden": pd.DataFrame({"hidden": [hidden], "made": [made]})}


def clinicians_to_review(audit, findings: pd.DataFrame | None = None) -> pd.DataFrame:
    """One row per clinician: how much each part of the bias check has to show them, most first.

    Columns: clinician_id, stands_out and worth_a_look (comparisons of their caseload with the rest of the
    service and between groups within it), language_findings, reflections_flagged (distinct reflections
    with a finding) and categories (the language categories found, most frequent first).
    """
    import pandas as pd

    t = audit.table
    clinicians = sorted(set(t.loc[t["by"] == "clinician", "group"].dropna().astype(str)) |
                        set(t["clinician_id"].dropna().astype(str)))
    look = audit.findings(worth_a_look=True)
    rows = []
    for c in clinicians:
        mine = look[((look["by"] == "clinician") & (look["group"].astype("string") == c)) |
                    ((look["scope"] == "clinician") & (look["clinician_id"].astype("string") == c))]
        f = findings[findings["clinician_id"].astype("string") == c] if findings is not None and len(findings) \
            else pd.DataFrame(columns=["reflection_id", "category"])
        rows.append({"clinician_id": c, "stands_out": int((mine["strength"] == "stands out").sum()),
                     "worth_a_look": int((mine["strength"] == "worth a look").sum()),
                     "language_findings": int(len(f)), "reflections_flagged": int(f["reflection_id"].nunique()),
                     "categories": ", ".join(str(k).replace("_", " ") for k in f["category"].value_counts().index)})
    out = pd.DataFrame(rows, columns=["clinician_id", "stands_out", "worth_a_look", "language_findings",
                                      "reflections_flagged", "categories"])
    return out.sort_values(["stands_out", "language_findings", "worth_a_look", "clinician_id"],
                           ascending=[False, False, False, True], kind="stable").reset_index(drop=True)


# --------------------------------------------------------------------------- commitments
@dataclass(frozen=True)
class ActionItem:
    """One thing to do after a bias check: what, by when, for which client (optional), done or not."""

    text: str
    due: str | None = None
    client_id: str | None = None
    done: bool = False

    def __post_init__(self):
        if not isinstance(self.text, str) or not self.text.strip():
            raise ValueError("an action item needs a text saying what will be done")
        if self.due is not None:
            due = self.due
            if isinstance(due, datetime):
                due = due.date()
            if isinstance(due, date):
                due = due.isoformat()
            try:
                due = date.fromisoformat(str(due).strip()).isoformat()
            except ValueError:
                raise ValueError("an action item's due date must be a date (YYYY-MM-DD)") from None
            object.__setattr__(self, "due", due)
        if self.client_id is not None and (not isinstance(self.client_id, str) or not self.client_id.strip()):
            raise ValueError("an action item's client_id must be a client id or None")
        object.__setattr__(self, "done", bool(self.done))

    @classmethod
    def from_form(cls, text: str, due=None, client_id: str | None = None) -> ActionItem:
        """From a form's fields: the text stripped, a date picker's value (or None), a client ('' = none)."""
        return cls(text.strip(), due=due.isoformat() if due else None, client_id=client_id or None)

    def as_dict(self) -> dict:
        return {"text": self.text, "due": self.due, "client_id": self.client_id, "done": self.done}


def _item(x) -> ActionItem:
    if isinstance(x, ActionItem):
        return x
    if isinstance(x, str):
        return ActionItem(x)
    if isinstance(x, dict):
        return ActionItem(**x)
    raise TypeError("action items are ActionItem objects, dicts with text/due/client_id/done, or texts")


def save_bias_check(store, clinician_id: str, *, commitments: str = "", items=(), answers: dict | None = None,
                    findings: pd.DataFrame | None = None, reviewed=(), audit=None, together: bool | None = None,
                    when: date | str | None = None) -> str:
    """Keep a bias check's outcome in ``store`` (an open :class:`~rapportlib.Journal`); return the note id.

    ``commitments``: free text; ``items``: :class:`ActionItem` (or dicts / texts); ``answers``:
    ``{prompt id: the clinician's notes}`` for the reflection questions; ``findings`` and ``reviewed``
    (finding keys talked about, see :func:`finding_key`) and ``audit`` are summarised as counts only.
    ``together``: True for a supervisor and supervisee together, False for a clinician alone.
    ``when`` defaults to today. All free text is anonymised by the journal before it is written.
    """
    items = [_item(x) for x in items]
    answers = {str(k): v for k, v in (answers or {}).items() if isinstance(v, str) and v.strip()}
    if not commitments.strip() and not items and not answers:
        raise ValueError("nothing to save: write a commitment, an action item or a note on a question")
    day = (date.fromisoformat(when) if isinstance(when, str) else when) or date.today()
    data = {
        "clinician_id": clinician_id,
        "date": day.isoformat(),
        "together": together,
        "commitments_text": commitments.strip(),
        "items": [{**asdict(i), "text": i.text.strip()} for i in items],
        "answers": [{"prompt_id": k, "text": v.strip()} for k, v in answers.items()],
        "language_findings": {} if findings is None else {str(k): int(v) for k, v in
                                                          findings["category"].value_counts().items()},
        "reviewed": sorted({str(r) for r in reviewed}),
        "audit_findings": 0 if audit is None else int(len(audit.findings())),
    }
    return store.add_note(KIND, data)


def finding_key(row) -> str:
    """A stable key for one language finding (reflection, offsets and lexicon entry), never its text."""
    return f"{row['reflection_id']}:{int(row['start'])}-{int(row['end'])}:{row['entry']}"


def bias_checks(store, clinician_id: str | None = None) -> pd.DataFrame:
    """Saved bias checks, oldest first: note_id, clinician_id, date, together, commitments_text,
    n_items, n_open (items not done), answers (count), saved (when written)."""
    import pandas as pd

    notes = store.notes(KIND)
    rows = []
    for rec in notes.itertuples(index=False):
        d = rec.data
        if clinician_id is not None and d.get("clinician_id") != clinician_id:
            continue
        items = d.get("items") or []
        rows.append({"note_id": rec.note_id, "clinician_id": d.get("clinician_id"), "date": d.get("date"),
                     "together": d.get("together"), "commitments_text": d.get("commitments_text", ""),
                     "n_items": len(items), "n_open": sum(not i.get("done") for i in items),
                     "answers": len(d.get("answers") or []), "saved": rec.updated})
    out = pd.DataFrame(rows, columns=["note_id", "clinician_id", "date", "together", "commitments_text", "n_items",
                                      "n_open", "answers", "saved"])
    out["date"] = pd.to_datetime(out["date"], format="ISO8601")
    return out.sort_values(["date", "saved"], kind="stable").reset_index(drop=True)


def action_items(store, clinician_id: str | None = None, *, open_only: bool = False) -> pd.DataFrame:
    """Every action item of the saved bias checks: note_id, item (its position), clinician_id, date (of
    the check), text, due, client_id, done. ``open_only`` keeps the items not done."""
    import pandas as pd

    rows = []
    for rec in store.notes(KIND).itertuples(index=False):
        d = rec.data
        if clinician_id is not None and d.get("clinician_id") != clinician_id:
            continue
        for i, it in enumerate(d.get("items") or []):
            if open_only and it.get("done"):
                continue
            rows.append({"note_id": rec.note_id, "item": i, "clinician_id": d.get("clinician_id"),
                         "date": d.get("date"), "text": it.get("text"), "due": it.get("due"),
                         "client_id": it.get("client_id"), "done": bool(it.get("done"))})
    out = pd.DataFrame(rows, columns=["note_id", "item", "clinician_id", "date", "text", "due", "client_id", "done"])
    for c in ("date", "due"):
        out[c] = pd.to_datetime(out[c], format="ISO8601")
    out["done"] = out["done"].astype(bool)
    return out.sort_values(["date", "note_id", "item"], kind="stable").reset_index(drop=True)


def set_item_done(store, note_id: str, item: int, done: bool = True) -> int:
    """Mark action item ``item`` (its position) of a saved check done or not; returns the note's new version."""
    notes = store.notes(KIND)
    match = notes[notes["note_id"] == note_id]
    if match.empty:
        raise KeyError(f"there is no saved bias check {note_id}")
    data = dict(match.iloc[0]["data"])
    items = [dict(i) for i in data.get("items") or []]
    if not 0 <= item < len(items):
        raise IndexError(f"bias check {note_id} has {len(items)} action items")
    items[item]["done"] = bool(done)
    data["items"] = items
    return store.edit_note(note_id, data)
