"""The supervision meeting: what changed in a supervisee's caseload, one client in focus, the meeting's
record and its summary.

Plain functions on tables, used by :class:`rapportlib.widgets.SupervisionMeeting` and the notebook
``supervision_meeting.ipynb``:

* :func:`caseload_changes`: per client, what changed since the last meeting (new sessions, alerts that
  are new or gone, ruptures and repairs, clients who started or stopped);
* :func:`ranked_alerts`: a supervisee's clients with alerts, most urgent first, with the reasons;
* :func:`client_focus`: everything the meeting looks at for one client (:class:`ClientFocus`);
* :func:`ct_triggers`: the prompt triggers a supervisee's countertransference patterns raise;
* :func:`bias_check_counts`: the bias check's evidence for one caseload, as counts;
* meeting records, kept as encrypted :class:`~rapportlib.Journal` notes of kind ``"meeting"``:
  :func:`save_meeting`, :func:`meetings`, :func:`meeting_items`, :func:`set_meeting_item_done` and
  :func:`previous_meeting` (action items are :class:`rapportlib.bias_check.ActionItem`; the agenda and
  the items' text are anonymised by the journal before they are written);
* :func:`meeting_summary` and :func:`export_summary`: the meeting in Markdown or self-contained HTML.

A summary may leave the meeting, so it holds ids, counts, library sentences made of ids and numbers,
and what the supervisor typed: never a reflection's text.
"""

from __future__ import annotations

import html as _html
from dataclasses import asdict, dataclass, field
from datetime import date as _date
from datetime import datetime
from pathlib import Path

import numpy as np
import pandas as pd

from .bias_check import ActionItem, _item
from .prompts import Trigger, rank_triggers

__all__ = ["KIND", "ActionItem", "ClientFocus", "MeetingRecord", "bias_check_counts", "caseload_changes",
           "client_focus", "ct_triggers", "export_summary", "meeting_items", "meeting_summary", "meetings",
           "previous_meeting", "ranked_alerts", "save_meeting", "set_meeting_item_done"]

KIND = "meeting"

CHANGE_COLUMNS = ["client_id", "status", "new_sessions", "last_date", "new_alerts", "gone_alerts", "ruptures",
                  "repairs", "what"]


@dataclass
class _Cut:
    """A dataset seen up to a date: fewer session and reflection rows, the rest as it is."""

    _of: object
    sessions: pd.DataFrame
    reflections: pd.DataFrame | None

    def __getattr__(self, name):
        return getattr(self._of, name)


def _sessions(dataset) -> pd.DataFrame:
    return getattr(dataset, "sessions", dataset)


def _day(x) -> pd.Timestamp:
    if x is None:
        raise ValueError("a date is needed")
    t = pd.Timestamp(x)
    if t.tzinfo is not None:
        t = t.tz_convert("UTC").tz_localize(None)
    return t.normalize()


def _words(kinds) -> str:
    return ", ".join(str(k).replace("_", " ") for k in kinds)


def _sentence(text: str) -> str:
    return text[:1].upper() + text[1:]


def _alliance_measure(sessions: pd.DataFrame) -> str | None:
    for col in ("srs_total", "wai_sr_total"):
        if col in sessions.columns and sessions[col].notna().any():
            return col
    return None


def _alerts(dataset) -> pd.DataFrame:
    from .caseload import alerts

    if not len(_sessions(dataset)):
        return pd.DataFrame(columns=["priority", "client_id", "kind", "severity", "reason"])
    return alerts(dataset)


# --------------------------------------------------------------------------- what changed
def caseload_changes(dataset, clinician: str, since, *, until=None, active_weeks: float = 6.0,
                     alerts: pd.DataFrame | None = None) -> pd.DataFrame:
    """What changed in ``clinician``'s caseload since ``since`` (the last meeting), one row per client.

    ``dataset`` is a :class:`~rapportlib.Dataset` (or a sessions table) whose sessions have a ``date``.
    ``until`` is "now", by default the clinician's latest session date. For each of the clinician's
    clients with something to report:

    * ``status``: ``"started"`` (first session after ``since``), ``"ended"`` (seen within
      ``active_weeks`` weeks before ``since`` but not within ``active_weeks`` weeks before ``until``),
      ``"ongoing"`` (a session in the period) or ``"quiet"`` (none);
    * ``new_sessions``: sessions after ``since`` up to ``until``; ``last_date``: the latest session date;
    * ``new_alerts`` / ``gone_alerts``: alert kinds (:func:`rapportlib.alerts`) raised on all the data
      up to ``until`` but not on the data up to ``since``, and the reverse (comma-separated words);
      ``alerts`` reuses a table of the alerts now;
    * ``ruptures`` / ``repairs``: alliance ruptures (:func:`rapportlib.ruptures`) whose drop, and
      repairs whose repair session, fall in the period;
    * ``what``: the row as a sentence.

    Rows: clients with new alerts first, then ruptures, then the others by client id. Nothing but
    dates, counts and alert kinds is read: no reflection text.
    """
    from .alliance import ruptures

    sessions = _sessions(dataset)
    if "date" not in sessions.columns or not sessions["date"].notna().any():
        raise ValueError("the sessions have no dates: what changed since the last meeting needs a date per session")
    since = _day(since)
    dates = pd.to_datetime(sessions["date"], errors="coerce")
    mine_mask = (sessions["clinician_id"] == clinician).fillna(False).to_numpy(dtype=bool) \
        if "clinician_id" in sessions.columns else np.ones(len(sessions), dtype=bool)
    mine = sessions.loc[mine_mask].assign(_date=dates[mine_mask])
    if mine.empty:
        return pd.DataFrame(columns=CHANGE_COLUMNS)
    given_until = until is not None
    until = _day(until) if given_until else mine["_date"].max().normalize()
    window = pd.Timedelta(weeks=active_weeks)

    def cut(day):
        keep = (dates <= day + pd.Timedelta(days=1) - pd.Timedelta(microseconds=1)).to_numpy(dtype=bool)
        if not hasattr(dataset, "sessions"):
            return sessions.loc[keep]
        refl = getattr(dataset, "reflections", None)
        if refl is not None and len(refl) and "created" in refl.columns:
            refl = refl[(pd.to_datetime(refl["created"], errors="coerce") < day + pd.Timedelta(days=1)).to_numpy(
                dtype=bool)]
        return _Cut(dataset, sessions.loc[keep], refl)

    now = _alerts(cut(until)) if given_until or alerts is None else alerts
    then = _alerts(cut(since))

    def kinds(table):
        if table is None or table.empty:
            return {}
        return {c: list(dict.fromkeys(g["kind"])) for c, g in table.groupby("client_id", sort=False)}

    k_now, k_then = kinds(now), kinds(then)

    rup_drop: dict[str, int] = {}
    rup_repair: dict[str, int] = {}
    when = dict(zip(zip(mine["client_id"].astype(str), mine["session"].astype("float")), mine["_date"]))

    def date_of(c, s):
        return pd.NaT if pd.isna(s) else when.get((str(c), float(s)), pd.NaT)

    for measure in _CLIENT_ALLIANCE:
        if measure not in mine.columns or not mine[measure].notna().any():
            continue
        ev = ruptures(mine, measure, instruments=getattr(dataset, "instruments", None))
        if len(ev):
            for e in ev.itertuples(index=False):
                d = date_of(e.client_id, e.drop_session)
                if pd.notna(d) and since < d <= until + pd.Timedelta(days=1):
                    rup_drop[str(e.client_id)] = rup_drop.get(str(e.client_id), 0) + 1
                r = date_of(e.client_id, e.repaired_session)
                if pd.notna(r) and since < r <= until + pd.Timedelta(days=1):
                    rup_repair[str(e.client_id)] = rup_repair.get(str(e.client_id), 0) + 1

    rows = []
    for cid, g in mine.groupby(mine["client_id"].astype(str), sort=True):
        d = g["_date"].dropna()
        if d.empty:
            continue
        first, last = d.min().normalize(), d.max().normalize()
        upto = d[d <= until + pd.Timedelta(days=1)]
        new = int(((upto > since + pd.Timedelta(days=1) - pd.Timedelta(microseconds=1))).sum())
        before = d[d < since + pd.Timedelta(days=1)]
        active_then = not before.empty and before.max() >= since - window
        active_now = not upto.empty and upto.max() > until - window
        if first > since:
            status = "started"
        elif active_then and not active_now:
            status = "ended"
        elif new:
            status = "ongoing"
        else:
            status = "quiet"
        added = [k for k in k_now.get(cid, []) if k not in k_then.get(cid, [])]
        gone = [k for k in k_then.get(cid, []) if k not in k_now.get(cid, [])]
        nr, nrep = rup_drop.get(cid, 0), rup_repair.get(cid, 0)
        if not (new or added or gone or nr or nrep or status in ("started", "ended")):
            continue
        parts = []
        if status == "started":
            parts.append(f"started on {first:%d %b %Y}")
        if status == "ended":
            parts.append(f"no session since {last:%d %b %Y} (more than {active_weeks:g} weeks)")
        if new:
            parts.append(f"{new} new session{'s' if new != 1 else ''}")
        if added:
            parts.append(f"new alert{'s' if len(added) != 1 else ''}: {_words(added)}")
        if gone:
            parts.append(f"no longer: {_words(gone)}")
        if nr:
            parts.append(f"{nr} rupture{'s' if nr != 1 else ''}")
        if nrep:
            parts.append(f"{nrep} repair{'s' if nrep != 1 else ''}")
        rows.append({"client_id": cid, "status": status, "new_sessions": new, "last_date": last,
                     "new_alerts": _words(added), "gone_alerts": _words(gone), "ruptures": nr, "repairs": nrep,
                     "what": _sentence("; ".join(parts))})
    out = pd.DataFrame(rows, columns=CHANGE_COLUMNS)
    if out.empty:
        return out
    out["_n"] = out["new_alerts"].str.count(",") + (out["new_alerts"] != "").astype(int)
    out = out.sort_values(["_n", "ruptures", "client_id"], ascending=[False, False, True], kind="stable")
    return out.drop(columns="_n").reset_index(drop=True)


# --------------------------------------------------------------------------- alerts of one caseload
def ranked_alerts(alerts: pd.DataFrame, clinician: str | None = None) -> pd.DataFrame:
    """One row per client with alerts (of ``clinician``), most urgent first: ``rank`` (1 = first in this
    caseload), ``priority`` (in the whole service), ``client_id``, ``clinician_id``, ``n_alerts``,
    ``top_severity``, ``summary`` (alert kinds in words) and ``reasons`` (the alerts' reasons, "; ")."""
    from .caseload import priority

    cols = ["rank", "priority", "client_id", "clinician_id", "n_alerts", "top_severity", "summary", "reasons"]
    if alerts is None or alerts.empty:
        return pd.DataFrame(columns=cols)
    a = alerts
    if clinician is not None and "clinician_id" in a.columns:
        a = a[(a["clinician_id"] == clinician).fillna(False).to_numpy(dtype=bool)]
    if a.empty:
        return pd.DataFrame(columns=cols)
    out = priority(a)
    reasons = a.groupby("client_id", sort=False)["reason"].agg(lambda r: "; ".join(map(str, r)))
    out["reasons"] = out["client_id"].map(reasons)
    out.insert(0, "rank", np.arange(1, len(out) + 1))
    return out[cols].reset_index(drop=True)


# --------------------------------------------------------------------------- one client in focus
@dataclass
class ClientFocus:
    """What a supervision meeting looks at for one client (see :func:`client_focus`).

    ``sessions``: the client's session rows by session (ready for :func:`rapportlib.plots.client_trend`);
    ``n_rated``: sessions with an alliance or outcome rating; ``ruptures``: alliance ruptures
    (:func:`rapportlib.ruptures`) with ``drop_date`` and ``repaired_date``; ``reflections``: the
    supervisee's reflections on the rupture sessions and the latest ones (``reflection_id``, ``session``,
    ``created``, ``rupture``, ``why``, ``new`` (written after ``since``) and ``text``, anonymised as
    loaded); ``techniques``: techniques named in the reflections (``technique``, ``name`` from the
    technique bank, ``n``, ``last_session``); ``triggers``: :func:`rapportlib.triggers_for`;
    ``alerts``: the client's alerts; ``events``: ruptures and sudden changes in words; ``notes``:
    what is missing and what to do about it (empty states), in sentences.
    """

    client_id: str
    clinician_id: str | None
    sessions: pd.DataFrame
    n_rated: int
    ruptures: pd.DataFrame
    reflections: pd.DataFrame
    techniques: pd.DataFrame
    triggers: list[Trigger]
    alerts: pd.DataFrame
    events: pd.DataFrame
    notes: list[str] = field(default_factory=list)
    measure: str | None = None

    @property
    def panels(self) -> list[tuple[str, str]]:
        """The trend panels worth drawing for this client (for :func:`rapportlib.plots.client_trend`): the
        SRS and ORS when rated, and the WAI-SR when a rupture was found on it."""
        s, r = self.sessions, self.ruptures
        wai_rupture = len(r) and "measure" in r.columns and (r["measure"] == "wai_sr_total").any()
        return [(col, title) for col, title in TREND_PANELS if col in s.columns and s[col].notna().any()
                and (col != "wai_sr_total" or wai_rupture)]


TREND_PANELS = (("srs_total", "Alliance, client-rated (SRS total, 0\u201340)"),
                ("ors_total", "Outcome (ORS total, 0\u201340)"),
                ("wai_sr_total", "Alliance, WAI-SR (item mean, 1\u20135)"))

MIN_TREND = 3
_CLIENT_ALLIANCE = ("srs_total", "wai_sr_total")


def client_focus(dataset, client_id: str, since=None, *, alerts: pd.DataFrame | None = None, latest: int = 3,
                 lang: str = "en", banks=None) -> ClientFocus:
    """Everything the meeting's client step shows for ``client_id`` (a :class:`ClientFocus`).

    Reflections: those on sessions with a rupture (found in the ratings, or noted by the supervisee) or
    its repair, and the ``latest`` most recent; ``new`` marks those written after ``since``.
    ``alerts`` reuses an alerts table (:func:`rapportlib.alerts`); technique names are in ``lang``.
    Raises KeyError for a client with no sessions and no reflections.
    """
    from .alliance import ruptures as find_ruptures
    from .caseload import events as find_events
    from .prompts import load_banks, localise, triggers_for

    banks = banks or load_banks()
    sessions = _sessions(dataset)
    mine = sessions[(sessions["client_id"] == client_id).fillna(False).to_numpy(dtype=bool)]
    mine = mine.sort_values("session", kind="stable").reset_index(drop=True)
    refl = getattr(dataset, "reflections", None)
    refl = refl[(refl["client_id"] == client_id).fillna(False).to_numpy(dtype=bool)] \
        if refl is not None and len(refl) and "client_id" in refl.columns else pd.DataFrame(
            columns=["reflection_id", "client_id", "session", "created", "rupture", "text"])
    if mine.empty and refl.empty:
        raise KeyError(f"client {client_id!r} has no sessions or reflections in this dataset")
    clinician = None
    for t in (mine, refl):
        if "clinician_id" in t.columns and t["clinician_id"].notna().any():
            clinician = str(t["clinician_id"].dropna().iloc[-1])
            break
    measure = _alliance_measure(mine) if len(mine) else None
    rated_cols = [c for c in ("srs_total", "ors_total", "wai_sr_total") if c in mine.columns]
    n_rated = int(mine[rated_cols].notna().any(axis=1).sum()) if rated_cols else 0
    instruments = getattr(dataset, "instruments", None)

    # ruptures and repairs, with their dates
    found = [find_ruptures(mine, col, instruments=instruments).assign(measure=col) for col in _CLIENT_ALLIANCE
             if col in mine.columns and mine[col].notna().sum() >= MIN_TREND]
    found = [f for f in found if len(f)]
    rup = pd.concat(found, ignore_index=True) if found else pd.DataFrame(
        columns=["client_id", "pre_session", "drop_session", "size", "pattern", "repaired_session", "measure"])
    rup = rup.sort_values("drop_session", kind="stable").reset_index(drop=True)
    if "date" in mine.columns:
        when = dict(zip(mine["session"].astype("float"), pd.to_datetime(mine["date"], errors="coerce")))
        rup["drop_date"] = [when.get(float(s), pd.NaT) if pd.notna(s) else pd.NaT for s in rup["drop_session"]]
        rup["repaired_date"] = [when.get(float(s), pd.NaT) if pd.notna(s) else pd.NaT
                                for s in rup["repaired_session"]]
    ev = find_events(mine, instruments=instruments).table if measure else pd.DataFrame(
        columns=["client_id", "session", "what"])

    # reflections on rupture sessions, and the latest ones
    cols = ["reflection_id", "session", "created", "rupture", "why", "new", "text"]
    if refl.empty:
        chosen = pd.DataFrame(columns=cols)
    else:
        r = refl.copy()
        r["created"] = pd.to_datetime(r["created"], errors="coerce") if "created" in r else pd.NaT
        r = r.sort_values(["session", "created"], kind="stable")
        why: dict[int, list[str]] = {}
        drops = {float(s) for s in rup["drop_session"].dropna()}
        repairs = {float(s) for s in rup["repaired_session"].dropna()}
        noted = r["rupture"].astype("string").fillna("none").isin(["withdrawal", "confrontation"]).to_numpy() \
            if "rupture" in r.columns else np.zeros(len(r), dtype=bool)
        for i, (idx, s) in enumerate(zip(r.index, r["session"])):
            s = float(s) if pd.notna(s) else None
            if noted[i]:
                why.setdefault(idx, []).append(f"rupture noted ({r.at[idx, 'rupture']})")
            if s is not None and s in drops:
                why.setdefault(idx, []).append("alliance fell at this session")
            if s is not None and s in repairs:
                why.setdefault(idx, []).append("alliance repaired by this session")
        for idx in r.index[-latest:] if latest else []:
            why.setdefault(idx, []).append("latest")
        chosen = r.loc[[i for i in r.index if i in why]].copy()
        chosen["why"] = [", ".join(why[i]) for i in chosen.index]
        chosen["new"] = chosen["created"] > _day(since) + pd.Timedelta(days=1) if since is not None else False
        for c in cols:
            if c not in chosen.columns:
                chosen[c] = None
        chosen = chosen[cols].reset_index(drop=True)

    # techniques named in the reflections
    tcols = ["technique", "name", "n", "last_session"]
    if not refl.empty and "techniques" in refl.columns:
        t = refl[["session", "techniques"]].explode("techniques").dropna(subset=["techniques"])
        t = t[t["techniques"].astype(str).str.strip() != ""]
        names = {e.id: localise(e.name, lang).text for e in banks.techniques}
        tech = t.groupby("techniques").agg(n=("session", "size"), last_session=("session", "max")).reset_index()
        tech = tech.rename(columns={"techniques": "technique"})
        tech["name"] = [names.get(str(k), str(k).replace("_", " ")) for k in tech["technique"]]
        tech = tech.sort_values(["n", "technique"], ascending=[False, True], kind="stable")[tcols]
        tech = tech.reset_index(drop=True)
    else:
        tech = pd.DataFrame(columns=tcols)

    if alerts is None:
        alerts = _alerts(dataset)
    mine_alerts = alerts[alerts["client_id"] == client_id].reset_index(drop=True) if len(alerts) else alerts
    triggers = triggers_for(dataset, client_id, alerts=alerts, banks=banks)

    notes = []
    if n_rated < MIN_TREND:
        notes.append(f"{client_id} has {n_rated} rated session{'s' if n_rated != 1 else ''} so far: a trend and "
                     f"ruptures need at least {MIN_TREND}. Use the reflections and the prompts below for now; "
                     "the trend fills in as sessions are rated.")
    if refl.empty:
        notes.append(f"No reflections on {client_id}'s sessions yet: ask the supervisee to write one after the "
                     "next session (the reflection journal), so that the next meeting has their view too.")
    if tech.empty and not refl.empty:
        notes.append(f"No techniques are recorded in the reflections on {client_id}'s sessions: ask the supervisee "
                     "to tick the techniques they used when they write the next one.")
    return ClientFocus(client_id=client_id, clinician_id=clinician, sessions=mine, n_rated=n_rated, ruptures=rup,
                       reflections=chosen, techniques=tech, triggers=triggers, alerts=mine_alerts, events=ev,
                       notes=notes, measure=measure)


# --------------------------------------------------------------------------- countertransference, bias check
def ct_triggers(patterns: pd.DataFrame | None) -> list[Trigger]:
    """The prompt triggers a supervisee's countertransference patterns raise, most pressing first.

    ``patterns`` are :attr:`rapportlib.countertransference.CTProfile.patterns` rows: every pattern
    raises its dimension's trigger (``ct_helpless`` ...); ``differs_by_group`` also raises
    ``group_difference`` (and ``interpreter`` / ``language_difference`` for those attributes);
    ``rising_disengagement`` raises ``ct_disengaged``. Details hold kinds, ids and column names only.
    """
    from .bias_check import _BY_TRIGGER

    found: dict[str, list[str]] = {}

    def add(tid, detail):
        found.setdefault(tid, [])
        if detail not in found[tid]:
            found[tid].append(detail)

    if patterns is None or patterns.empty:
        return []
    for r in patterns.itertuples(index=False):
        dim = str(r.dimension) if isinstance(r.dimension, str) else "ct_disengaged"
        kind = str(r.kind)
        if kind == "persistent_high":
            add(dim, f"{dim} persistently high with {r.client_id}")
        elif kind == "shift_after_rupture":
            add(dim, f"{dim} higher after {r.group} ruptures")
        elif kind == "differs_by_group":
            where = f"{dim} by {str(r.group_column).replace('_', ' ')}"
            add(dim, where)
            add("group_difference", where)
            if r.group_column in _BY_TRIGGER:
                add(_BY_TRIGGER[r.group_column], where)
        else:
            add(dim, f"{kind.replace('_', ' ')}")
    return rank_triggers(Trigger(t, "; ".join(d)) for t, d in found.items())


def bias_check_counts(audit, findings: pd.DataFrame | None, clinician: str) -> dict:
    """The bias check's evidence for one caseload as counts: ``stands_out`` and ``worth_a_look``
    (comparisons of the caseload with the rest of the service and between its client groups),
    ``language_findings`` and ``reflections_flagged`` (:func:`rapportlib.bias_check.clinicians_to_review`)."""
    from .bias_check import clinicians_to_review

    keys = ["stands_out", "worth_a_look", "language_findings", "reflections_flagged"]
    review = clinicians_to_review(audit, findings)
    row = review[review["clinician_id"] == clinician]
    if row.empty:
        return dict.fromkeys(keys, 0)
    return {k: int(row.iloc[0][k]) for k in keys}


# --------------------------------------------------------------------------- meeting records
@dataclass
class MeetingRecord:
    """One saved meeting (see :func:`previous_meeting`): its note id, supervisee, date, period start
    (``since``), agenda (anonymised), focus clients, action items (a :func:`meeting_items` frame) and
    the summary counts it was saved with."""

    note_id: str
    supervisee: str
    date: pd.Timestamp
    since: pd.Timestamp | None
    agenda_text: str
    focus_clients: list[str]
    items: pd.DataFrame
    summary: dict


def _iso(x) -> str | None:
    if x is None or (not isinstance(x, str) and pd.isna(x)):
        return None
    if isinstance(x, str):
        return _date.fromisoformat(x.strip()[:10]).isoformat()
    if isinstance(x, datetime | pd.Timestamp):
        return x.date().isoformat()
    return x.isoformat()


def _plain(x):
    """Counts and ids as JSON-able values (numpy numbers to Python ones)."""
    if isinstance(x, dict):
        return {str(k): _plain(v) for k, v in x.items()}
    if isinstance(x, list | tuple):
        return [_plain(v) for v in x]
    if isinstance(x, np.generic):
        return x.item()
    return x


def save_meeting(store, supervisee: str, *, date=None, since=None, agenda: str = "", items=(),
                 focus_clients=(), summary: dict | None = None) -> str:
    """Keep a supervision meeting in ``store`` (an open :class:`~rapportlib.Journal`); return the note id.

    ``date``: the meeting's date (default today); ``since``: the start of the period it looked at;
    ``agenda``: free text; ``items``: :class:`~rapportlib.bias_check.ActionItem` objects (or dicts with
    text, due, client_id, done, or texts); ``focus_clients``: the client ids discussed; ``summary``: a
    dict of ids and counts (alerts discussed, patterns, bias-check counts; no free text). The agenda and
    the items' text are anonymised by the journal before they are written.
    """
    if not isinstance(supervisee, str) or not supervisee.strip():
        raise ValueError("a meeting needs the supervisee's id")
    items = [_item(x) for x in items]
    data = {"supervisee": supervisee, "date": _iso(date) or _date.today().isoformat(), "since": _iso(since),
            "agenda_text": (agenda or "").strip(),
            "items": [{**asdict(i), "text": i.text.strip()} for i in items],
            "focus_clients": [str(c) for c in dict.fromkeys(focus_clients)],
            "summary": _plain(dict(summary or {}))}
    return store.add_note(KIND, data)


def meetings(store, supervisee: str | None = None) -> pd.DataFrame:
    """Saved meetings, oldest first: note_id, supervisee, date, since, agenda_text, focus_clients (a list),
    n_items, n_open (items not done), saved (when written)."""
    cols = ["note_id", "supervisee", "date", "since", "agenda_text", "focus_clients", "n_items", "n_open", "saved"]
    rows = []
    for rec in store.notes(KIND).itertuples(index=False):
        d = rec.data
        if supervisee is not None and d.get("supervisee") != supervisee:
            continue
        items = d.get("items") or []
        rows.append({"note_id": rec.note_id, "supervisee": d.get("supervisee"), "date": d.get("date"),
                     "since": d.get("since"), "agenda_text": d.get("agenda_text", ""),
                     "focus_clients": list(d.get("focus_clients") or []), "n_items": len(items),
                     "n_open": sum(not i.get("done") for i in items), "saved": rec.created})
    out = pd.DataFrame(rows, columns=cols)
    for c in ("date", "since"):
        out[c] = pd.to_datetime(out[c], format="ISO8601")
    return out.sort_values(["date", "saved"], kind="stable").reset_index(drop=True)


def meeting_items(store, supervisee: str | None = None, open_only: bool = False, *,
                  note_id: str | None = None) -> pd.DataFrame:
    """Every action item of the saved meetings (of ``supervisee``, or of one meeting ``note_id``): note_id,
    item (its position), supervisee, date (of the meeting), client_id, text, due, done. ``open_only``
    keeps the items not done."""
    cols = ["note_id", "item", "supervisee", "date", "client_id", "text", "due", "done"]
    rows = []
    for rec in store.notes(KIND).itertuples(index=False):
        d = rec.data
        if supervisee is not None and d.get("supervisee") != supervisee:
            continue
        if note_id is not None and rec.note_id != note_id:
            continue
        for i, it in enumerate(d.get("items") or []):
            if open_only and it.get("done"):
                continue
            rows.append({"note_id": rec.note_id, "item": i, "supervisee": d.get("supervisee"), "date": d.get("date"),
                         "client_id": it.get("client_id"), "text": it.get("text"), "due": it.get("due"),
                         "done": bool(it.get("done"))})
    out = pd.DataFrame(rows, columns=cols)
    for c in ("date", "due"):
        out[c] = pd.to_datetime(out[c], format="ISO8601")
    out["done"] = out["done"].astype(bool)
    out["item"] = out["item"].astype("int64")
    return out.sort_values(["date", "note_id", "item"], kind="stable").reset_index(drop=True)


def set_meeting_item_done(store, note_id: str, item: int, done: bool = True) -> int:
    """Mark action item ``item`` (its position) of a saved meeting done or not; returns the note's new
    version (the earlier one stays in the journal's history)."""
    notes = store.notes(KIND)
    match = notes[notes["note_id"] == note_id]
    if match.empty:
        raise KeyError(f"there is no saved meeting {note_id}")
    data = dict(match.iloc[0]["data"])
    items = [dict(i) for i in data.get("items") or []]
    if not 0 <= int(item) < len(items):
        raise IndexError(f"meeting {note_id} has {len(items)} action items")
    items[int(item)]["done"] = bool(done)
    data["items"] = items
    return store.edit_note(note_id, data)


def previous_meeting(store, supervisee: str, *, before: str | None = None) -> MeetingRecord | None:
    """The latest saved meeting with ``supervisee`` (other than note ``before``, e.g. the one just
    saved), or None when there is none."""
    ms = meetings(store, supervisee)
    if before is not None:
        ms = ms[ms["note_id"] != before]
    if ms.empty:
        return None
    last = ms.iloc[-1]
    data = store.notes(KIND).set_index("note_id").loc[last["note_id"], "data"]
    return MeetingRecord(note_id=last["note_id"], supervisee=supervisee, date=last["date"],
                         since=None if pd.isna(last["since"]) else last["since"],
                         agenda_text=last["agenda_text"] or "", focus_clients=list(last["focus_clients"]),
                         items=meeting_items(store, note_id=last["note_id"]), summary=dict(data.get("summary") or {}))


# --------------------------------------------------------------------------- the summary
def _cell_date(x) -> str:
    if x is None or (not isinstance(x, str) and pd.isna(x)):
        return ""
    return f"{pd.Timestamp(x):%d %b %Y}"


def _blocks(supervisee, *, date, since, until, alerts, focus_clients, ct_patterns, bias_check, agenda, items,
            previous_items) -> tuple[str, list]:
    """The summary as a title and blocks: ("h", text), ("p", text), ("quote", text), ("ul", [texts]),
    ("table", [headers], [[cells]])."""
    b: list = []
    day = _cell_date(date or _date.today())
    title = f"Supervision meeting with {supervisee}, {day}"
    period = f"Period: since {_cell_date(since)}" if since is not None else "Period: the whole record"
    if until is not None:
        period += f" (data up to {_cell_date(until)})"
    b.append(("p", period + "."))
    ranked = ranked_alerts(alerts, supervisee) if alerts is not None else ranked_alerts(None)
    focus = list(dict.fromkeys(str(c) for c in focus_clients))
    b.append(("h", "Alerts"))
    if ranked.empty:
        b.append(("p", f"No alerts for {supervisee}'s clients."))
    else:
        b.append(("p", f"{len(ranked)} client{'s' if len(ranked) != 1 else ''} with alerts, most urgent first"
                       + (" (discussed: ✓)." if focus else ".")))
        b.append(("table", ["#", "client", "alerts", "discussed"],
                  [[str(r.rank), str(r.client_id), str(r.summary), "✓" if r.client_id in focus else ""]
                   for r in ranked.itertuples(index=False)]))
    b.append(("h", "Clients in focus"))
    if focus:
        kinds = dict(zip(ranked["client_id"], ranked["summary"])) if len(ranked) else {}
        b.append(("ul", [f"{c}: {kinds[c]}" if c in kinds else f"{c}: no alerts" for c in focus]))
    else:
        b.append(("p", "No client was looked at in detail."))
    b.append(("h", "Countertransference patterns"))
    if ct_patterns is None:
        b.append(("p", "Not looked at."))
    elif len(ct_patterns) == 0:
        b.append(("p", "No pattern in the check-ins."))
    else:
        b.append(("ul", [str(d) for d in ct_patterns["detail"]]))
    b.append(("h", "Bias check"))
    if not bias_check:
        b.append(("p", "Not done in this meeting."))
    else:
        labels = {"stands_out": "comparisons that stand out", "worth_a_look": "worth a look",
                  "language_findings": "language findings", "reflections_flagged": "reflections with a finding",
                  "reviewed": "findings talked about", "answers": "questions answered",
                  "items": "bias-check action items", "saved": "bias-check commitments saved"}
        b.append(("ul", [f"{labels.get(k, k.replace('_', ' '))}: "
                         f"{('yes' if v else 'no') if isinstance(v, bool) else v}"
                         for k, v in bias_check.items() if k in labels]))
    b.append(("h", "Agenda"))
    b.append(("quote", agenda.strip()) if agenda and agenda.strip() else ("p", "No agenda was written."))
    b.append(("h", "Action items"))
    its = [_item(x) for x in items]
    if its:
        b.append(("table", ["client", "action", "due", "done"],
                  [[i.client_id or "", i.text, _cell_date(i.due), "✓" if i.done else ""] for i in its]))
    else:
        b.append(("p", "No action items."))
    if previous_items is not None and len(previous_items):
        done = int(previous_items["done"].sum())
        b.append(("h", "The previous meeting's action items"))
        b.append(("p", f"{done} of {len(previous_items)} done."))
        b.append(("table", ["client", "action", "due", "done"],
                  [[r.client_id if isinstance(r.client_id, str) else "", str(r.text), _cell_date(r.due),
                    "✓" if r.done else ""] for r in previous_items.itertuples(index=False)]))
    return title, b


def _md_cell(s: str) -> str:
    return str(s).replace("\\", "\\\\").replace("|", "\\|").replace("\n", " ")


def _md(title: str, blocks: list) -> str:
    out = [f"# {title}", ""]
    for blk in blocks:
        kind = blk[0]
        if kind == "h":
            out += [f"## {blk[1]}", ""]
        elif kind == "p":
            out += [blk[1], ""]
        elif kind == "quote":
            out += ["> " + line if line.strip() else ">" for line in blk[1].splitlines()] + [""]
        elif kind == "ul":
            out += [f"- {_md_cell(t)}" for t in blk[1]] + [""]
        elif kind == "table":
            out.append("| " + " | ".join(blk[1]) + " |")
            out.append("|" + "|".join("---" for _ in blk[1]) + "|")
            out += ["| " + " | ".join(_md_cell(c) for c in row) + " |" for row in blk[2]]
            out.append("")
    return "\n".join(out).rstrip() + "\n"


def _render_html(title: str, blocks: list, *, fragment: bool) -> str:
    e = _html.escape
    out = [f"<h2 style='margin:4px 0'>{e(title)}</h2>" if fragment else f"<h1>{e(title)}</h1>"]
    for blk in blocks:
        kind = blk[0]
        if kind == "h":
            out.append(f"<h3 style='margin:10px 0 2px 0'>{e(blk[1])}</h3>" if fragment else f"<h2>{e(blk[1])}</h2>")
        elif kind == "p":
            out.append(f"<p style='margin:2px 0'>{e(blk[1])}</p>")
        elif kind == "quote":
            out.append("<blockquote style='margin:2px 0 2px 8px;padding-left:8px;border-left:3px solid #ccc;"
                       f"white-space:pre-wrap'>{e(blk[1])}</blockquote>")
        elif kind == "ul":
            out.append("<ul style='margin:2px 0;padding-left:20px'>" + "".join(f"<li>{e(t)}</li>" for t in blk[1])
                       + "</ul>")
        elif kind == "table":
            head = "".join(f"<th style='text-align:left;padding:2px 8px;border-bottom:1px solid #999'>{e(h)}</th>"
                           for h in blk[1])
            td = "padding:2px 8px;vertical-align:top;text-align:left"
            rows = "".join("<tr>" + "".join(f"<td style='{td}'>{e(c)}</td>" for c in row) + "</tr>"
                           for row in blk[2])
            out.append(f"<table style='border-collapse:collapse;font-size:92%'><thead><tr>{head}</tr></thead>"
                       f"<tbody>{rows}</tbody></table>")
    body = "\n".join(out)
    if fragment:
        return f"<div style='line-height:1.45'>{body}</div>"
    return ("<!DOCTYPE html>\n<html lang='en'><head><meta charset='utf-8'>"
            f"<title>{e(title)}</title><style>body{{font-family:system-ui,sans-serif;max-width:52em;margin:2em auto;"
            "padding:0 1em;line-height:1.5;color:#222}h1{font-size:1.5em}h2{font-size:1.15em;margin-top:1.4em}"
            "table{border-collapse:collapse}</style></head><body>\n" + body + "\n</body></html>\n")


def meeting_summary(supervisee: str, *, date=None, since=None, until=None, alerts: pd.DataFrame | None = None,
                    focus_clients=(), ct_patterns: pd.DataFrame | None = None, bias_check: dict | None = None,
                    agenda: str = "", items=(), previous_items: pd.DataFrame | None = None,
                    format: str = "markdown") -> str:
    """The meeting as Markdown (``format="html"``: an HTML fragment): date, period, the supervisee, the
    alerts (:func:`rapportlib.alerts` rows; the caseload's are ranked, focus clients ticked), the clients
    in focus, the countertransference patterns (their ``detail`` sentences: ids and numbers), the bias
    check's counts (:func:`bias_check_counts` or the wizard's), the agenda, the action items and,
    when given, the previous meeting's items with how many are done.

    It holds no reflection text: ids, counts, library sentences and what the supervisor typed only.
    """
    title, blocks = _blocks(supervisee, date=date, since=since, until=until, alerts=alerts,
                            focus_clients=focus_clients, ct_patterns=ct_patterns, bias_check=bias_check,
                            agenda=agenda, items=items, previous_items=previous_items)
    if format == "markdown":
        return _md(title, blocks)
    if format == "html":
        return _render_html(title, blocks, fragment=True)
    raise ValueError("format is 'markdown' or 'html'")


def export_summary(supervisee: str, path, *, format: str | None = None, **kwargs) -> Path:
    """Write :func:`meeting_summary` to ``path``: Markdown (``.md``) or a self-contained HTML page
    (``.html``); ``format`` ("markdown" / "html") overrides the suffix. Returns the path written."""
    path = Path(path)
    if format is None:
        suffix = path.suffix.lower()
        if suffix in (".md", ".markdown"):
            format = "markdown"
        elif suffix in (".html", ".htm"):
            format = "html"
        else:
            raise ValueError("the summary is written as .md (Markdown) or .html: name the file with one of those")
    title, blocks = _blocks(supervisee, **{k: kwargs.get(k) for k in (
        "date", "since", "until", "alerts", "ct_patterns", "bias_check", "previous_items")},
        focus_clients=kwargs.get("focus_clients", ()), agenda=kwargs.get("agenda", ""), items=kwargs.get("items", ()))
    unknown = set(kwargs) - {"date", "since", "until", "alerts", "ct_patterns", "bias_check", "previous_items",
                             "focus_clients", "agenda", "items"}
    if unknown:
        raise TypeError(f"unexpected arguments: {', '.join(sorted(unknown))}")
    text = _md(title, blocks) if format == "markdown" else _render_html(title, blocks, fragment=False)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path
