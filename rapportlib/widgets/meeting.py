"""The supervision meeting as a seven-step guided flow (see :mod:`.wizard` for the step protocol).

1. :class:`SetupStep`: the dataset (the demo by default), the supervisee and the period since the last
   meeting;
2. :class:`CaseloadStep`: the caseload at a glance: alerts ranked with reasons
   (:func:`rapportlib.meeting.ranked_alerts`), the small multiples (:func:`rapportlib.plots.caseload`) and
   what changed since the last meeting (:func:`rapportlib.meeting.caseload_changes`);
3. :class:`ClientFocusStep`: one client (:func:`rapportlib.meeting.client_focus`): trend, ruptures and
   repairs, the supervisee's reflections, techniques used and prompts chosen for what happened;
4. :class:`CountertransferenceStep`: the supervisee's check-ins as a profile, its patterns and prompts;
5. :class:`BiasCheckStep`: the guided bias check (:class:`~rapportlib.widgets.BiasCheck`) for this caseload;
6. :class:`AgendaStep`: agenda and action items; the previous meeting's items with done toggles;
7. :class:`CloseStep`: the summary, saved to the supervision record and exported.

The steps share a :class:`MeetingContext` (the dataset, the supervisee, the period, the encrypted
supervision record and the tables computed once); each keeps its own ``state``. Everything shown comes
from library functions; errors are shown as messages, never as tracebacks, and never quote clinical text.
"""

from __future__ import annotations

import functools
import html
from datetime import date
from pathlib import Path

import ipywidgets as w
import pandas as pd

from . import _ui as ui
from .prompts import PromptDeck
from .wizard import Step, Wizard

__all__ = ["AgendaStep", "BiasCheckStep", "CaseloadStep", "ClientFocusStep", "CloseStep", "CountertransferenceStep",
           "MeetingContext", "SetupStep", "SupervisionMeeting"]

PERIOD_WEEKS = 4
IMAGE = w.Layout(width="100%", max_width="980px")


def _safe(exc: Exception) -> str:
    """What went wrong, in words that never quote clinical text: the library's own messages for data and
    record errors (they name files, rows and rules, never values), the kind of error otherwise."""
    from ..errors import DataError
    from ..journal import JournalError

    if isinstance(exc, DataError | JournalError):
        return str(exc)
    return f"an unexpected {type(exc).__name__}"


def _guard(what: str):
    """Run a step's callback; on an error show ``Could not {what}: ...`` in the step's message."""
    def wrap(fn):
        @functools.wraps(fn)
        def run(self, *args, **kwargs):
            try:
                return fn(self, *args, **kwargs)
            except Exception as exc:  # noqa: BLE001 -- an app shows a message, not a traceback
                self.message.value = ui.box(f"Could not {what}: {_safe(exc)}.", "error")
                self._busy(None)
                return None
        return run
    return wrap


def _image(fig, dpi: int = 80) -> bytes:
    return ui.figure_png(fig, dpi=dpi)


def _p(text: str, style: str = "") -> str:
    return f"<p style='margin:2px 0;{style}'>{html.escape(text)}</p>"


def _empty(text: str) -> str:
    return ui.box(text, "info")


class MeetingContext:
    """What the steps share: the dataset, the supervisee, the period, the language, the supervision
    record (an open :class:`~rapportlib.Journal` or the path of one, opened with its passphrase), and the
    tables computed once per dataset (the alerts)."""

    def __init__(self, dataset=None, supervisee=None, since=None, *, store=None, store_path=None, lang="en",
                 kdf_n=None, data_path=None):
        self.dataset, self.supervisee, self.lang = dataset, supervisee, lang
        self.since = None if since is None else pd.Timestamp(since).date()
        self.store, self.store_path, self.kdf_n = store, store_path, kdf_n
        self.data_path = data_path
        self.data_label = "given" if dataset is not None else None
        self.saved_meeting: str | None = None
        self._alerts = None
        self.listeners: list = []

    @property
    def key(self) -> tuple:
        return id(self.dataset), self.supervisee, self.since

    @property
    def alerts(self) -> pd.DataFrame:
        if self._alerts is None:
            from ..caseload import alerts

            self._alerts = alerts(self.dataset)
        return self._alerts

    def set_dataset(self, dataset, path=None) -> None:
        self.dataset, self.data_path, self._alerts = dataset, path, None
        self.data_label = str(path) if path else "demo"

    @property
    def until(self) -> date | None:
        s = self._mine()
        if s is None or "date" not in s.columns or not s["date"].notna().any():
            return None
        return pd.Timestamp(s["date"].max()).date()

    def _mine(self):
        if self.dataset is None or self.supervisee is None:
            return None
        s = self.dataset.sessions
        return s[(s["clinician_id"] == self.supervisee).fillna(False).to_numpy(dtype=bool)] \
            if "clinician_id" in s.columns else s

    def clinicians(self) -> list[str]:
        from .bias_check import _clinicians

        return _clinicians(self.dataset) if self.dataset is not None else []

    def clients(self) -> list[str]:
        from .bias_check import _clients_of

        return _clients_of(self.dataset, self.supervisee) if self.dataset is not None and self.supervisee else []

    def default_since(self, supervisee: str | None = None) -> date | None:
        """Four weeks before the supervisee's latest session date."""
        s = self.dataset.sessions if self.dataset is not None else None
        if s is None or "date" not in s.columns or supervisee is None:
            return None
        d = s.loc[(s["clinician_id"] == supervisee).fillna(False).to_numpy(dtype=bool), "date"].dropna()
        return (pd.Timestamp(d.max()) - pd.Timedelta(weeks=PERIOD_WEEKS)).date() if len(d) else None

    def open_store(self, passphrase: str):
        """Open (or make) the supervision record at ``store_path`` with ``passphrase``."""
        from ..journal import Journal

        if self.store is not None:
            return self.store
        path = self.store_path or _default_store()
        kwargs = {"kdf_n": self.kdf_n} if self.kdf_n else {}
        self.store = Journal(path, passphrase, **kwargs)
        for fn in list(self.listeners):
            fn()
        return self.store


def _default_store():
    from .bias_check import _default_store as default

    return default()


class _MeetingStep(Step):
    """A step reading the shared context; recomputes in :meth:`refresh` when the context changed."""

    def __init__(self, ctx: MeetingContext):
        super().__init__()
        self.ctx = ctx
        self.message = w.HTML(layout=w.Layout(width=ui.FULL))
        self.progress = w.IntProgress(value=0, min=0, max=1, layout=w.Layout(width="320px", display="none"))
        self._key = None

    def _busy(self, text: str | None) -> None:
        if text is None:
            self.progress.layout.display = "none"
            if self.message.value == getattr(self, "_busy_html", None):
                self.message.value = ""
            return
        self.progress.layout.display = None
        self.progress.bar_style = "info"
        self.message.value = self._busy_html = ui.box(text, "info")

    def enter(self) -> None:
        if self.ctx.dataset is None or self.ctx.supervisee is None:
            self.message.value = _empty("Choose the dataset and the supervisee in step 1 first.")
            self.status = "ready"
            return
        if self._key != self._want():
            self._key = self._want()
            self._safe_refresh()
        if self.status == "waiting":
            self.status = "ready"

    def _want(self):
        return self.ctx.key

    @_guard("show this step")
    def _safe_refresh(self):
        self.message.value = ""
        self.refresh()
        self._busy(None)

    def refresh(self) -> None:
        raise NotImplementedError


# =========================================================================== 1. setup
class SetupStep(_MeetingStep):
    """Step 1: the dataset (a folder; empty for the demo), the supervisee and the period.

    ``state``: ``{"data", "supervisee", "since", "until", "clients", "sessions"}``.
    """

    title = "Setup"

    def __init__(self, ctx: MeetingContext):
        super().__init__(ctx)
        self.folder = w.Text(value=str(ctx.data_path or ""), placeholder="A dataset folder, or empty for the demo "
                                                                         "dataset", layout=w.Layout(width="460px"))
        self.load_button = w.Button(description="Load", icon="folder-open", layout=w.Layout(width="auto"))
        self.load_button.on_click(lambda _: self.load())
        self.loaded = w.HTML(layout=w.Layout(width=ui.FULL))
        self.supervisee = w.Dropdown(description="Supervisee", options=[], style={"description_width": "initial"},
                                     layout=w.Layout(width="380px"))
        self.since = w.DatePicker(description="Since the last meeting on", style={"description_width": "initial"},
                                  layout=w.Layout(width="330px"))
        self.period = w.HTML(layout=w.Layout(width=ui.FULL))
        self.children = [
            ui.heading("The data"),
            ui.help_text("A dataset folder (sessions, reflections and clients files; see docs/data-format.md). "
                         "Leave it empty to use the synthetic demo dataset."),
            ui.row(self.folder, self.load_button, self.progress), self.loaded,
            ui.heading("Who and which period"),
            ui.help_text("The supervisee whose caseload this meeting is about, and the date of the last meeting: "
                         "step 2 shows what changed since then. It starts four weeks before the supervisee's "
                         "latest session."),
            ui.row(self.supervisee, self.since), self.period, self.message]
        self.supervisee.observe(self._on_supervisee, "value")
        self.since.observe(self._on_since, "value")
        self._quiet = False

    @property
    def state(self) -> dict:
        ds = self.ctx.dataset
        return {"data": self.ctx.data_label,
                "supervisee": self.ctx.supervisee, "since": self.ctx.since.isoformat() if self.ctx.since else None,
                "until": self.ctx.until.isoformat() if self.ctx.until else None,
                "clients": len(self.ctx.clients()),
                "sessions": int(len(ds.sessions)) if ds is not None else 0}

    def enter(self) -> None:
        if self.ctx.dataset is None:
            self.load()
        elif not self.supervisee.options:
            self._fill()
            self.loaded.value = ui.box(f"Using {self._what_loaded()}. To use another dataset, type its folder and "
                                       "press Load.", "ok")
        self._check()

    def _check(self) -> None:
        if self.ctx.dataset is None:
            self.status, self.blocked_reason = "blocked", "Load a dataset first (or leave the folder empty for " \
                                                          "the demo and press Load)."
        elif not self.ctx.supervisee:
            self.status, self.blocked_reason = "blocked", "Choose the supervisee first."
        else:
            self.status = "ready"

    @_guard("load the dataset")
    def load(self) -> bool:
        import rapportlib as rl

        path = self.folder.value.strip()
        self._busy("Loading the dataset and checking every row (a few seconds)…")
        self.progress.value = 0
        ds = rl.load(path or rl.demo.data_path())
        self.progress.value = 1
        self.ctx.set_dataset(ds, path or None)
        _ = self.ctx.alerts                      # computed once, for every step
        self._busy(None)
        self.message.value = ""
        quarantine = getattr(ds, "quarantine", None)
        n_q = len(quarantine) if quarantine is not None else 0
        self.loaded.value = ui.box(f"Loaded {self._what_loaded()}" + (
            f"; {n_q} rows were set aside (rapport check {path} says which and why)" if n_q else "") + ".", "ok")
        self._fill()
        self._check()
        return True

    def _what_loaded(self) -> str:
        ds, label = self.ctx.dataset, self.ctx.data_label
        name = {"demo": "the demo dataset", "given": "the dataset this notebook loaded"}.get(label, label)
        refl = ds.reflections if ds.reflections is not None else ()
        return (f"{name}: {ds.sessions['client_id'].nunique()} clients, {len(ds.sessions)} session rows, "
                f"{len(refl)} reflections")

    def _fill(self) -> None:
        clinicians = self.ctx.clinicians()
        alerts = self.ctx.alerts
        from .bias_check import _clients_of

        opts = []
        for c in clinicians:
            n = len(_clients_of(self.ctx.dataset, c))
            k = alerts.loc[alerts["clinician_id"] == c, "client_id"].nunique() if len(alerts) else 0
            opts.append((f"{c} · {n} clients · {k} with alerts", c))
        before = self.ctx.supervisee
        want = before if before in clinicians else (clinicians[0] if clinicians else None)
        self._quiet = True
        self.supervisee.options = opts
        self.supervisee.value = want
        self.ctx.supervisee = want
        if self.ctx.since is None or want != before:
            self.ctx.since = self.ctx.default_since(want)
        self.since.value = self.ctx.since
        self._quiet = False
        self._describe()
        if not clinicians:
            self.message.value = _empty("This dataset names no clinicians (no clinician_id column): add one to see "
                                        "a supervisee's caseload.")

    def _on_supervisee(self, change) -> None:
        if self._quiet:
            return
        self.ctx.supervisee = change["new"]
        self.ctx.since = self.ctx.default_since(change["new"])
        self.since.value = self.ctx.since
        self._describe()
        self._check()

    def _on_since(self, change) -> None:
        if self._quiet:
            return
        self.ctx.since = change["new"]
        self._describe()

    def _describe(self) -> None:
        until = self.ctx.until
        if self.ctx.supervisee is None:
            self.period.value = ""
        elif until is None:
            self.period.value = _p("The sessions have no dates: the changes since the last meeting cannot be "
                                   "shown (the rest of the meeting works).", ui.HELP)
        elif self.ctx.since is None:
            self.period.value = _p("Choose the date of the last meeting to see what changed since.", ui.HELP)
        else:
            self.period.value = _p(f"Period: {self.ctx.since:%d %b %Y} to {until:%d %b %Y} "
                                   f"({self.ctx.supervisee}'s latest session).", ui.HELP)


# =========================================================================== 2. caseload
def alerts_html(ranked: pd.DataFrame) -> str:
    """The ranked alerts of a caseload (:func:`rapportlib.meeting.ranked_alerts`) as an HTML table, reasons
    listed under each client."""
    head = "".join(f"<th style='text-align:left;padding:3px 8px;border-bottom:1px solid #bbb'>{h}</th>"
                   for h in ("#", "client", "alerts", "why"))
    rows = []
    for r in ranked.itertuples(index=False):
        reasons = "".join(f"<li style='margin:0;line-height:1.35'>{html.escape(x)}</li>"
                          for x in str(r.reasons).split("; "))
        colour = "#b3261e" if r.top_severity >= 5 else "#a15c00" if r.top_severity >= 4 else "#444"
        td = "padding:3px 8px;vertical-align:top;text-align:left"
        rows.append(f"<tr><td style='{td}'>{r.rank}</td>"
                    f"<td style='{td}'><b>{html.escape(str(r.client_id))}</b></td>"
                    f"<td style='{td};color:{colour};min-width:140px;"
                    f"line-height:1.35'>"
                    f"{html.escape(str(r.summary))}</td>"
                    f"<td style='{td}'><ul style='margin:0;padding-left:16px;"
                    f"font-size:90%;color:#333'>{reasons}</ul></td></tr>")
    return (f"<table style='border-collapse:collapse;font-size:92%;width:100%'><thead><tr>{head}</tr></thead>"
            f"<tbody>{''.join(rows)}</tbody></table>")


class CaseloadStep(_MeetingStep):
    """Step 2: the supervisee's alerts ranked with reasons, the caseload's small multiples and what changed
    since the last meeting. ``state``: ``{"clients_with_alerts": [ids], "alerts", "changes": [client ids]}``."""

    title = "Caseload"

    def __init__(self, ctx: MeetingContext):
        super().__init__(ctx)
        self.alerts_html = w.HTML(layout=w.Layout(width=ui.FULL))
        self.image = w.Image(format="png", layout=IMAGE)
        self.changes_html = w.HTML(layout=w.Layout(width=ui.FULL))
        self.heading = w.HTML()
        self.changes_heading = w.HTML()
        self.ranked = pd.DataFrame()
        self.changes = pd.DataFrame()
        self.children = [self.heading, ui.help_text(
            "Clients whose latest ratings need a look, most urgent first, each with the reasons. Alerts are "
            "prompts for a conversation, not verdicts."), self.progress, self.message, self.alerts_html,
            ui.heading("Every client's alliance (SRS), clients with alerts first"),
            ui.help_text("One small chart per client: the shaded band is below the SRS cut-off of 36, the last "
                         "rating is labelled, a warning sign marks clients with alerts."),
            self.image, self.changes_heading, self.changes_html]

    @property
    def state(self) -> dict:
        return {"clients_with_alerts": [str(c) for c in self.ranked.get("client_id", [])],
                "alerts": int(self.ranked["n_alerts"].sum()) if len(self.ranked) else 0,
                "changes": [str(c) for c in self.changes.get("client_id", [])]}

    def refresh(self) -> None:
        from .. import plots
        from ..meeting import caseload_changes, ranked_alerts

        ctx = self.ctx
        sup = ctx.supervisee
        self.heading.value = f"<h3 style='margin:14px 0 2px 0'>Alerts for {html.escape(sup)}'s clients</h3>"
        self._busy("Drawing the caseload…")
        self.ranked = ranked_alerts(ctx.alerts, sup)
        self.alerts_html.value = alerts_html(self.ranked) if len(self.ranked) else _empty(
            f"No alerts for {sup}'s clients: no latest rating is low, falling or off track. Use the meeting for "
            "the clients the supervisee brings (step 3 lists every client).")
        fig = plots.caseload(ctx.dataset.sessions, sup, alerts=ctx.alerts)
        self.image.value = _image(fig, dpi=72)
        until = ctx.until
        if ctx.since is None or until is None:
            self.changes = pd.DataFrame()
            self.changes_heading.value = "<h3 style='margin:14px 0 2px 0'>What changed since the last meeting</h3>"
            self.changes_html.value = _empty("Choose the date of the last meeting in step 1 (and the sessions need "
                                             "dates) to see what changed since.")
            return
        self.changes_heading.value = (f"<h3 style='margin:14px 0 2px 0'>What changed since "
                                      f"{ctx.since:%d %b %Y}</h3>")
        self.changes = caseload_changes(ctx.dataset, sup, ctx.since, alerts=ctx.alerts)
        self.changes_html.value = ui.table(
            self.changes, {"client_id": "client", "status": "status", "new_sessions": "new sessions",
                           "what": "what changed"},
            f"Nothing changed in {sup}'s caseload since {ctx.since:%d %b %Y}: no new sessions, alerts, ruptures or "
            "clients. Check the date of the last meeting in step 1.")


# =========================================================================== 3. client focus
def reflection_cards(refl: pd.DataFrame) -> str:
    """The supervisee's reflections (anonymised text as loaded) as small cards, newest last."""
    cards = []
    for r in refl.itertuples(index=False):
        created = f" · {pd.Timestamp(r.created):%d %b %Y}" if pd.notna(r.created) else ""
        new = " · <b style='color:#1f4e99'>since the last meeting</b>" if bool(r.new) else ""
        session = f"session {int(r.session)}" if pd.notna(r.session) else "no session"
        text = html.escape(str(r.text)) if isinstance(r.text, str) and r.text.strip() else "<i>(no text)</i>"
        cards.append(
            "<div style='border:1px solid #d8dde6;border-left:4px solid #1f4e99;background:#fafbfd;"
            "padding:4px 10px;margin:4px 0'>"
            f"<div style='{ui.HELP}'>{html.escape(str(r.reflection_id))} · {session}{created} · "
            f"<i>{html.escape(str(r.why))}</i>{new}</div>"
            f"<div style='font-size:92%;line-height:1.45;max-height:7.5em;overflow-y:auto;white-space:pre-wrap;"
            f"overflow-wrap:anywhere'>{text}</div></div>")
    return "".join(cards)


class ClientFocusStep(_MeetingStep):
    """Step 3: one client at a time (clients with alerts first): trend, ruptures and repairs, the
    supervisee's reflections on those sessions, techniques used and prompts for what happened.

    ``state``: ``{"client", "discussed": [ids, in the order looked at], "triggers", "prompts", "answers"}``.
    """

    title = "Client focus"

    def __init__(self, ctx: MeetingContext):
        super().__init__(ctx)
        self.client = w.Dropdown(description="Client", style={"description_width": "initial"},
                                 layout=w.Layout(width="520px"))
        self.notes = w.HTML(layout=w.Layout(width=ui.FULL))
        self.caption = w.HTML(layout=w.Layout(width=ui.FULL))
        self.image = w.Image(format="png", layout=w.Layout(width="100%", max_width="820px"))
        self.ruptures_html = w.HTML(layout=w.Layout(width=ui.FULL))
        self.reflections_html = w.HTML(layout=w.Layout(width=ui.FULL))
        self.techniques_html = w.HTML(layout=w.Layout(width=ui.FULL))
        self.why = w.HTML(layout=w.Layout(width=ui.FULL))
        self.deck = PromptDeck((), lang=ctx.lang, k=5)
        self.focus = None
        self.discussed: list[str] = []
        self._quiet = False
        self.children = [
            ui.help_text("Pick a client: those with alerts come first, most urgent first. Everything below is about "
                         "the client chosen; each client you open is listed as discussed in the summary."),
            ui.row(self.client, self.progress), self.message, self.notes, self.caption, self.image,
            ui.heading("Ruptures and repairs"), self.ruptures_html,
            ui.heading("The supervisee's reflections on these sessions"),
            ui.help_text("On the sessions where the alliance fell or was repaired, where a rupture was noted, and the "
                         "latest ones. Names and other identifiers were replaced when the data were loaded."),
            self.reflections_html,
            ui.heading("Techniques used"), self.techniques_html,
            ui.heading("Prompts for the conversation"), self.why, self.deck]
        self.client.observe(self._on_client, "value")

    @property
    def state(self) -> dict:
        return {"client": self.client.value, "discussed": list(self.discussed),
                "triggers": [t.id for t in self.focus.triggers] if self.focus else [],
                "prompts": self.deck.state["prompts"], "answers": self.deck.state["answers"]}

    def refresh(self) -> None:
        from ..meeting import ranked_alerts

        ranked = ranked_alerts(self.ctx.alerts, self.ctx.supervisee)
        first = [(f"{c} · {s}", c) for c, s in zip(ranked["client_id"], ranked["summary"])]
        rest = [(f"{c} · no alerts", c) for c in self.ctx.clients() if c not in set(ranked["client_id"])]
        self.discussed = []
        self._quiet = True
        self.client.options = first + rest
        self.client.value = None
        self._quiet = False
        if not first + rest:
            self.notes.value = _empty(f"{self.ctx.supervisee} has no clients in this dataset.")
            return
        self.client.value = (first + rest)[0][1]

    def _on_client(self, change) -> None:
        if not self._quiet and change["new"] is not None:
            self.show(change["new"])

    @_guard("show this client")
    def show(self, client_id: str) -> None:
        from .. import plots
        from ..meeting import client_focus
        from ..prompts import load_banks, localise

        ctx = self.ctx
        if self.client.value != client_id:
            self.client.value = client_id            # comes back here through the observer
            return
        self.message.value = ""
        f = self.focus = client_focus(ctx.dataset, client_id, ctx.since, alerts=ctx.alerts, lang=self.deck.lang)
        if client_id not in self.discussed:
            self.discussed.append(client_id)
        self.notes.value = "".join(_empty(n) for n in f.notes)
        al = f.alerts
        self.caption.value = (f"<b>{html.escape(client_id)}</b> · {f.n_rated} rated sessions · "
                              + (html.escape("; ".join(al["reason"])) if len(al) else "no alerts"))
        if f.n_rated:
            fig = plots.client_trend(f.sessions, client_id, panels=f.panels or None, ruptures=f.ruptures)
            self.image.value = _image(fig)
            self.image.layout.display = None
        else:
            self.image.value = b""
            self.image.layout.display = "none"
        if len(f.ruptures):
            r = f.ruptures.assign(
                fell=[f"session {int(s)}" + (f" ({d:%d %b %Y})" if pd.notna(d) else "")
                      for s, d in zip(f.ruptures["drop_session"], f.ruptures.get("drop_date", pd.NaT))],
                scale=[m.split("_")[0].upper() if m != "wai_sr_total" else "WAI-SR" for m in f.ruptures["measure"]],
                repaired=["not yet" if pd.isna(s) else f"by session {int(s)}" for s in f.ruptures["repaired_session"]],
                kind=[{"v": "sudden drop", "decline_repair": "decline, then sudden repair",
                       "unrepaired": "unrepaired"}.get(p, p) for p in f.ruptures["pattern"]],
                points=[f"−{x:.1f}" for x in f.ruptures["size"]])
            self.ruptures_html.value = ui.table(r, {"scale": "measure", "fell": "fell at", "points": "fall",
                                                    "kind": "pattern", "repaired": "repaired"}, "")
        elif f.n_rated >= 3:
            self.ruptures_html.value = _p(f"No ruptures in {client_id}'s alliance ratings.", ui.HELP)
        else:
            self.ruptures_html.value = _p("Too few ratings to look for ruptures yet.", ui.HELP)
        self.reflections_html.value = reflection_cards(f.reflections) if len(f.reflections) else _p(
            f"No reflections on {client_id}'s sessions yet.", ui.HELP)
        self.techniques_html.value = _p(" · ".join(f"{n} ×{k}" for n, k in zip(f.techniques["name"],
                                                                             f.techniques["n"]))) \
            if len(f.techniques) else _p("None recorded.", ui.HELP)
        vocab = load_banks().triggers
        said = [localise(vocab[t.id].meaning, "en").text + (f" ({t.detail})" if t.detail else "")
                for t in f.triggers if t.id in vocab]
        self.why.value = (f"<div style='{ui.HELP}'>What happened: {html.escape('; '.join(said))}.</div>" if said
                          else f"<div style='{ui.HELP}'>Nothing specific stood out, so these are general "
                               "questions.</div>")
        self.deck.set_triggers(list(f.triggers) or ["general"])


# =========================================================================== 4. countertransference
class CountertransferenceStep(_MeetingStep):
    """Step 4: the supervisee's check-ins as a profile (:func:`rapportlib.countertransference_profile`,
    :func:`rapportlib.plots.ct_heatmap`), the patterns as sentences and the prompts they raise
    (:func:`rapportlib.meeting.ct_triggers`). ``state``: ``{"check_ins", "patterns": [sentences],
    "triggers", "prompts", "answers"}``."""

    title = "Countertransference"

    def __init__(self, ctx: MeetingContext):
        super().__init__(ctx)
        self.summary = w.HTML(layout=w.Layout(width=ui.FULL))
        self.image = w.Image(format="png", layout=IMAGE)
        self.patterns_html = w.HTML(layout=w.Layout(width=ui.FULL))
        self.why = w.HTML(layout=w.Layout(width=ui.FULL))
        self.deck = PromptDeck((), lang=ctx.lang, k=5, bank=["ct_prompts", "cultural_humility"])
        self.profile = None
        self.patterns = pd.DataFrame()
        self.check_ins = 0
        self.triggers: list = []
        self.children = [
            ui.help_text("After each session the supervisee rates eight feelings from 0 (not at all) to 4 "
                         "(strongly). The grid shows the mean rating per client; framed cells stay high with "
                         "one client. Patterns are questions for supervision, not findings."),
            self.progress, self.message, self.summary, self.image,
            ui.heading("Patterns worth raising"), self.patterns_html,
            ui.heading("Prompts"), self.why, self.deck]

    @property
    def state(self) -> dict:
        return {"check_ins": self.check_ins, "patterns": [str(d) for d in self.patterns.get("detail", [])],
                "triggers": [t.id for t in self.triggers],
                "prompts": self.deck.state["prompts"], "answers": self.deck.state["answers"]}

    def refresh(self) -> None:
        from .. import plots
        from ..countertransference import DIMENSIONS, countertransference_profile
        from ..meeting import ct_triggers

        ctx, sup = self.ctx, self.ctx.supervisee
        refl = ctx.dataset.reflections
        dims = [d for d in DIMENSIONS if refl is not None and d in refl.columns]
        mine = refl[(refl["clinician_id"] == sup).fillna(False).to_numpy(dtype=bool)] \
            if refl is not None and len(refl) and "clinician_id" in refl.columns else None
        rated = mine[dims].notna().any(axis=1) if mine is not None and dims else None
        self.check_ins = int(rated.sum()) if rated is not None else 0
        if not self.check_ins:
            self.profile, self.patterns = None, pd.DataFrame()
            self.summary.value = _empty(
                f"No check-ins from {sup} yet: the after-session check-in is part of the reflection journal "
                "(notebooks/reflection_journal.ipynb). The profile fills in as check-ins are saved; patterns need "
                "about 30.")
            self.image.value, self.image.layout.display = b"", "none"
            self.patterns_html.value = ""
            self.triggers = []
            self.why.value = f"<div style='{ui.HELP}'>General questions about the supervisee's reactions.</div>"
            self.deck.set_triggers(["general"])
            return
        self._busy(f"Reading {sup}'s check-ins…")
        self.profile = countertransference_profile(ctx.dataset, clinician_id=sup)
        self.patterns = self.profile.patterns_of(sup)
        created = pd.to_datetime(mine.loc[rated, "created"], errors="coerce") if "created" in mine else None
        recent = int((created > pd.Timestamp(ctx.since)).sum()) if created is not None and ctx.since else None
        self.summary.value = _p(f"{self.check_ins} check-ins by {sup}"
                                + (f", {recent} since {ctx.since:%d %b %Y}" if recent is not None else "") + ".")
        self.image.value = _image(plots.ct_heatmap(self.profile, clinician_id=sup))
        self.image.layout.display = None
        if len(self.patterns):
            self.patterns_html.value = "<ul style='margin:2px 0;padding-left:20px;line-height:1.45'>" + "".join(
                f"<li>{html.escape(str(d))}</li>" for d in self.patterns["detail"]) + "</ul>"
        else:
            self.patterns_html.value = _p(f"No pattern in {sup}'s check-ins: no feeling stays high with one client, "
                                          "shifts after ruptures, differs between groups of clients or rises over "
                                          "time.", ui.HELP)
        trig = self.triggers = ct_triggers(self.patterns)
        self.why.value = (f"<div style='{ui.HELP}'>Chosen for: {html.escape('; '.join(t.detail for t in trig))}."
                          "</div>" if trig else
                          f"<div style='{ui.HELP}'>No pattern, so these are general questions.</div>")
        self.deck.set_triggers(trig or ["general"])


# =========================================================================== 5. bias check
class BiasCheckStep(_MeetingStep):
    """Step 5: the guided bias check (:class:`~rapportlib.widgets.BiasCheck`) for the supervisee's caseload,
    built when first shown. Its own Save (its step 4) writes to the same supervision record.

    ``state``: ``{"stands_out", "worth_a_look", "language_findings", "reviewed", "answers", "items", "saved"}``
    (counts; ``saved`` is True once its commitments are saved), or ``{}`` before it is built.
    """

    title = "Bias check"

    def __init__(self, ctx: MeetingContext, *, threshold: int = 11):
        super().__init__(ctx)
        self.threshold = threshold
        self.check = None
        self.holder = w.VBox(layout=w.Layout(width=ui.FULL))
        self.children = [ui.help_text("The guided self-check from the bias check notebook, for this caseload: "
                                      "the numbers by client group, wording in the reflections, questions, and "
                                      "commitments (saved to the same supervision record with its own Save)."),
                         self.progress, self.message, self.holder]
        ctx.listeners.append(self._share_store)

    def _want(self):
        return id(self.ctx.dataset), self.ctx.supervisee

    @property
    def state(self) -> dict:
        bc = self.check
        if bc is None:
            return {}
        numbers = bc.numbers.state
        out = {"stands_out": len(numbers["stands_out"]), "worth_a_look": len(numbers["worth_a_look"])}
        if bc.language.status != "waiting":
            lang = bc.language.state
            out.update(language_findings=int(lang.get("findings", 0)), reviewed=len(lang.get("reviewed", [])))
        if bc.reflect.status != "waiting":
            out["answers"] = len(bc.reflect.deck.state["answers"])
        out.update(items=len(bc.commit.items), saved=bool(bc.commit.saved_id))
        return out

    def refresh(self) -> None:
        from .bias_check import BiasCheck

        ctx = self.ctx
        self._busy(f"Working out the numbers for {ctx.supervisee}'s caseload (a few seconds)…")
        self.check = BiasCheck(ctx.dataset, ctx.supervisee, store=ctx.store, store_path=ctx.store_path,
                               lang=ctx.lang, threshold=self.threshold, kdf_n=ctx.kdf_n)
        self.check.layout.max_width = None
        self.check.layout.border = "1px solid #d8dde6"
        self.check.layout.padding = "4px 12px"
        # its own Back / Next move within the bias check; the meeting's are below the frame
        for b, words in ((self.check.back_button, "Back in the bias check"),
                         (self.check.next_button, "Next in the bias check")):
            b.description, b.layout.width = words, "auto"
        self.check.commit.save_button.on_click(lambda _: self._adopt_store())
        self.holder.children = [self.check]
        self._busy(None)
        self.message.value = ""

    def _share_store(self) -> None:
        """The meeting opened the supervision record: the bias check saves there without asking again."""
        c = self.check.commit if self.check is not None else None
        if c is not None and c.store is None and self.ctx.store is not None:
            c.store = self.ctx.store
            c.passphrase.layout.display = "none"
            c._render_previous()

    def _adopt_store(self) -> None:
        """The bias check opened the supervision record with its passphrase: the meeting uses it too."""
        store = self.check.commit.store if self.check is not None else None
        if store is not None and self.ctx.store is None:
            self.ctx.store = store
            for fn in list(self.ctx.listeners):
                fn()


# =========================================================================== 6. agenda and action items
class AgendaStep(_MeetingStep):
    """Step 6: the agenda (free text), this meeting's action items (client, action, due), and the previous
    meeting's items with a done / not done toggle each (:func:`rapportlib.meeting.set_meeting_item_done`).

    ``state``: ``{"agenda", "items": [dicts], "previous": note id or None, "previous_done": [bools]}``.
    """

    title = "Agenda and actions"

    def __init__(self, ctx: MeetingContext, *, focus=None):
        super().__init__(ctx)
        self._focus = focus
        self.previous = w.VBox(layout=w.Layout(width=ui.FULL))
        self.previous_record = None
        self.toggles: list[w.ToggleButton] = []
        self.passphrase = w.Password(placeholder="Passphrase of your supervision record",
                                     layout=w.Layout(width="320px"))
        self.open_button = w.Button(description="Open the record", icon="unlock", layout=w.Layout(width="auto"))
        self.open_button.on_click(lambda _: self.open_record())
        self.agenda = w.Textarea(placeholder="What to talk about, and what was agreed (anonymised before it is saved)",
                                 layout=w.Layout(width=ui.FULL, height="7em"))
        self.item_client = w.Dropdown(description="Client", options=[("(no client)", "")], value="",
                                      layout=w.Layout(width="240px"))
        self.item_text = w.Text(placeholder="Action, e.g. ask about the last session's rupture",
                                layout=w.Layout(width="100%", max_width="440px"))
        self.item_due = w.DatePicker(description="Due", layout=w.Layout(width="230px"))
        self.add_button = w.Button(description="Add", icon="plus", layout=w.Layout(width="auto"))
        self.add_button.on_click(lambda _: self.add_item())
        self.item_list = w.HTML(layout=w.Layout(width=ui.FULL))
        self.items: list[dict] = []
        self.children = [
            ui.heading("The previous meeting's action items"), self.previous,
            ui.heading("Agenda"), self.agenda,
            ui.heading("Action items"),
            ui.row(self.item_client, self.item_text, self.item_due, self.add_button), self.item_list, self.message]
        ctx.listeners.append(self._render_previous)

    def _want(self):
        return id(self.ctx.dataset), self.ctx.supervisee

    @property
    def state(self) -> dict:
        return {"agenda": self.agenda.value, "items": [dict(i) for i in self.items],
                "previous": self.previous_record.note_id if self.previous_record is not None else None,
                "previous_done": [t.value for t in self.toggles]}

    def enter(self) -> None:
        super().enter()
        self._clients()
        self._render_items()

    def refresh(self) -> None:
        self.items = []
        self._render_previous()

    def _clients(self) -> None:
        focus = list(self._focus()) if callable(self._focus) else []
        clients = focus + [c for c in self.ctx.clients() if c not in focus]
        keep = self.item_client.value
        self.item_client.options = [("(no client)", "")] + [(c, c) for c in clients]
        self.item_client.value = keep if keep in clients else ""

    @_guard("add the item")
    def add_item(self) -> bool:
        from ..bias_check import ActionItem

        text = self.item_text.value.strip()
        if not text:
            self.message.value = _empty("Write what the action is first, then press Add.")
            return False
        self.items.append(ActionItem.from_form(text, self.item_due.value, self.item_client.value).as_dict())
        self.item_text.value = ""
        self.item_due.value = None
        self.message.value = ""
        self._render_items()
        return True

    def _render_items(self) -> None:
        if not self.items:
            self.item_list.value = _p("No action items yet: choose a client (or none), write the action, pick a due "
                                      "date and press Add.", ui.HELP)
            return
        rows = "".join(
            "<li>" + (f"<b>{html.escape(i['client_id'])}</b>: " if i["client_id"] else "") + html.escape(i["text"])
            + (f" <span style='color:#555'>· due {pd.Timestamp(i['due']):%d %b %Y}</span>" if i["due"] else "")
            + "</li>" for i in self.items)
        self.item_list.value = f"<ol style='margin:2px 0;padding-left:22px'>{rows}</ol>"

    @_guard("open the supervision record")
    def open_record(self):
        from ..journal import JournalPassphraseError

        if not self.passphrase.value:
            self.message.value = _empty("Enter the passphrase of your supervision record (a new record is made "
                                        "with it the first time).")
            return None
        try:
            store = self.ctx.open_store(self.passphrase.value)
        except JournalPassphraseError:
            self.message.value = ui.box("That passphrase does not open the supervision record.", "error")
            return None
        finally:
            self.passphrase.value = ""
        self.message.value = ""
        self._render_previous()
        return store

    def _render_previous(self) -> None:
        from ..meeting import previous_meeting, set_meeting_item_done

        ctx = self.ctx
        self.toggles = []
        if ctx.store is None:
            self.previous_record = None
            self.previous.children = [
                w.HTML(_p("The previous meeting's action items are shown once your supervision record is open: "
                          "enter its passphrase (a new record is made with it the first time).", ui.HELP)),
                ui.row(self.passphrase, self.open_button)]
            return
        rec = self.previous_record = previous_meeting(ctx.store, ctx.supervisee, before=ctx.saved_meeting)
        if rec is None:
            self.previous.children = [w.HTML(_p(f"This is the first saved meeting with {ctx.supervisee}: there are "
                                                "no earlier action items.", ui.HELP))]
            return
        parts = [w.HTML(_p(f"Last meeting: {rec.date:%d %B %Y}"
                           + (f" (period from {rec.since:%d %b %Y})" if rec.since is not None else "")
                           + (f"; clients discussed: {', '.join(rec.focus_clients)}" if rec.focus_clients else "")
                           + "."), layout=w.Layout(width=ui.FULL))]
        if rec.agenda_text:
            parts.append(w.HTML(f"<div style='{ui.HELP};white-space:pre-wrap;border-left:3px solid #ccc;"
                                f"padding-left:8px'>{html.escape(rec.agenda_text)}</div>",
                                layout=w.Layout(width=ui.FULL)))
        if rec.items.empty:
            parts.append(w.HTML(_p("No action items were agreed at that meeting.", ui.HELP)))
        for it in rec.items.itertuples(index=False):
            toggle = w.ToggleButton(value=bool(it.done), description="Done" if it.done else "Not done",
                                    icon="check" if it.done else "square-o",
                                    button_style="success" if it.done else "",
                                    layout=w.Layout(width="110px"))
            label = ((f"<b>{html.escape(it.client_id)}</b>: " if isinstance(it.client_id, str) else "")
                     + html.escape(str(it.text))
                     + (f" <span style='color:#555'>· due {it.due:%d %b %Y}</span>" if pd.notna(it.due) else ""))

            def flip(change, note=it.note_id, i=int(it.item), t=toggle):
                try:
                    set_meeting_item_done(ctx.store, note, i, change["new"])
                except Exception as exc:  # noqa: BLE001 -- a message, not a traceback
                    self.message.value = ui.box(f"Could not record that: {_safe(exc)}.", "error")
                    return
                t.description = "Done" if change["new"] else "Not done"
                t.icon = "check" if change["new"] else "square-o"
                t.button_style = "success" if change["new"] else ""

            toggle.observe(flip, "value")
            self.toggles.append(toggle)
            parts.append(ui.row(toggle, w.HTML(label, layout=w.Layout(width="auto", max_width="900px")),
                                gap="2px 10px"))
        self.previous.children = parts


# =========================================================================== 7. close
class CloseStep(_MeetingStep):
    """Step 7: the meeting's summary (:func:`rapportlib.meeting.meeting_summary`), saved to the supervision
    record (:func:`rapportlib.meeting.save_meeting`) and exported as Markdown or HTML
    (:func:`rapportlib.meeting.export_summary`). ``summary`` is a callable returning the summary's keyword
    arguments. ``state``: ``{"saved": note id or None, "exported": path or None}``."""

    title = "Close"

    def __init__(self, ctx: MeetingContext, *, summary=None):
        super().__init__(ctx)
        self._summary = summary
        self.saved_id: str | None = None
        self.exported: Path | None = None
        self.preview = w.HTML(layout=w.Layout(width=ui.FULL, border="1px solid #ddd", padding="4px 12px"))
        self.passphrase = w.Password(placeholder="Passphrase of your supervision record",
                                     layout=w.Layout(width="320px"))
        self.save_button = w.Button(description="Save meeting", icon="save", button_style="success",
                                    layout=w.Layout(width="auto"))
        self.save_button.on_click(lambda _: self.save())
        self.path = w.Text(description="Export to", style={"description_width": "initial"},
                           layout=w.Layout(width="100%", max_width="620px"))
        self.format = w.ToggleButtons(options=[("HTML", "html"), ("Markdown", "markdown")], value="html",
                                      style={"button_width": "auto"})
        self.format.observe(self._on_format, "value")
        self.export_button = w.Button(description="Export summary", icon="download", layout=w.Layout(width="auto"))
        self.export_button.on_click(lambda _: self.export())
        self.link = w.Output(layout=w.Layout(width=ui.FULL))
        self.children = [
            ui.help_text("The summary holds ids, counts and what you typed: no reflection text, so it can leave "
                         "the meeting. Save keeps the meeting (agenda and action items anonymised, encrypted) for "
                         "next time; Export writes the summary as a file."),
            self.preview, ui.row(self.passphrase, self.save_button), ui.row(self.format, self.path,
                                                                          self.export_button),
            self.progress, self.message, self.link]

    @property
    def state(self) -> dict:
        return {"saved": self.saved_id, "exported": str(self.exported) if self.exported else None}

    def enter(self) -> None:
        if self.ctx.dataset is None or self.ctx.supervisee is None:
            self.message.value = _empty("Choose the dataset and the supervisee in step 1 first.")
            self.status = "ready" if self.status == "waiting" else self.status
            return
        self.passphrase.layout.display = "none" if self.ctx.store is not None else None
        if not self.path.value:
            self.path.value = str(self._default_path())
        self._safe_refresh()
        if self.status == "waiting":
            self.status = "ready"

    def _kwargs(self) -> dict:
        return self._summary() if callable(self._summary) else {"supervisee": self.ctx.supervisee}

    def refresh(self) -> None:
        from ..meeting import meeting_summary

        kw = self._kwargs()
        kw.pop("alerts_clients", None)
        self.preview.value = meeting_summary(**kw, format="html")

    def _default_path(self) -> Path:
        base = Path(self.ctx.store_path).parent if self.ctx.store_path else Path.cwd()
        ext = ".html" if self.format.value == "html" else ".md"
        return base / f"supervision-{self.ctx.supervisee}-{date.today():%Y-%m-%d}{ext}"

    def _on_format(self, change) -> None:
        p = Path(self.path.value) if self.path.value else self._default_path()
        self.path.value = str(p.with_suffix(".html" if change["new"] == "html" else ".md"))

    @_guard("save the meeting")
    def save(self) -> str | None:
        from ..journal import JournalPassphraseError
        from ..meeting import save_meeting

        if self.ctx.store is None:
            if not self.passphrase.value:
                self.message.value = _empty("Enter the passphrase of your supervision record to save (a new record "
                                            "is made with it the first time).")
                return None
            try:
                self.ctx.open_store(self.passphrase.value)
            except JournalPassphraseError:
                self.message.value = ui.box("That passphrase does not open the supervision record.", "error")
                return None
            finally:
                self.passphrase.value = ""
            self.passphrase.layout.display = "none"
        kw = self._kwargs()
        summary = {"alerts": [str(c) for c in kw.get("alerts_clients", [])],
                   "ct_patterns": 0 if kw.get("ct_patterns") is None else int(len(kw["ct_patterns"])),
                   "bias_check": dict(kw.get("bias_check") or {})}
        note = save_meeting(self.ctx.store, kw["supervisee"], date=kw.get("date"), since=kw.get("since"),
                            agenda=kw.get("agenda", ""), items=kw.get("items", ()),
                            focus_clients=kw.get("focus_clients", ()), summary=summary)
        self.saved_id = self.ctx.saved_meeting = note
        n = len(kw.get("items", ()))
        self.message.value = ui.box(f"Saved on {date.today():%d %B %Y}: the agenda and {n} action item"
                                    f"{'s' if n != 1 else ''}, anonymised and encrypted. The next meeting with "
                                    f"{kw['supervisee']} shows the items with a done toggle.", "ok")
        self.status = "done"
        return note

    @_guard("export the summary")
    def export(self) -> Path | None:
        from ..meeting import export_summary

        path = Path(self.path.value.strip() or self._default_path()).expanduser()
        if path.suffix.lower() not in (".html", ".htm", ".md", ".markdown"):
            path = path.with_suffix(".html" if self.format.value == "html" else ".md")
        kw = self._kwargs()
        sup = kw.pop("supervisee")
        kw.pop("alerts_clients", None)
        self.exported = export_summary(sup, path, **kw)
        self.message.value = ui.box(f"The summary was written to {self.exported}.", "ok")
        self.link.clear_output()
        try:
            rel = self.exported.resolve().relative_to(Path.cwd().resolve())
        except ValueError:
            return self.exported
        from IPython.display import FileLink, display

        with self.link:
            display(FileLink(str(rel), result_html_prefix="Open: "))
        return self.exported


# =========================================================================== the wizard
class SupervisionMeeting(Wizard):
    """A supervision meeting in seven steps: setup, caseload, client focus, countertransference, bias check,
    agenda and actions, close (see the module docstring).

    ``dataset``: a loaded :class:`~rapportlib.Dataset` (None: step 1 loads the demo, or a folder typed
    there); ``supervisee``: a clinician id (None: the first); ``since``: the date of the last meeting
    (None: four weeks before the supervisee's latest session). ``store``: an open
    :class:`~rapportlib.Journal` for the meeting records (None: steps 6 and 7 ask for the passphrase of
    the record at ``store_path``, by default ``supervision.sqlite`` in the user's data folder); the
    bias check saves to the same record. ``lang``: the prompts' language (en, es, ta).
    """

    def __init__(self, dataset=None, supervisee: str | None = None, since=None, *, store=None, store_path=None,
                 lang: str = "en", kdf_n: int | None = None):
        self.ctx = MeetingContext(dataset, supervisee, since, store=store, store_path=store_path, lang=lang,
                                  kdf_n=kdf_n)
        if dataset is not None and supervisee is not None:
            clinicians = self.ctx.clinicians()
            if clinicians and supervisee not in clinicians:
                raise ValueError(f"supervisee {supervisee!r} is not in this dataset (it has {', '.join(clinicians)})")
        self.setup = SetupStep(self.ctx)
        self.caseload = CaseloadStep(self.ctx)
        self.client = ClientFocusStep(self.ctx)
        self.ct = CountertransferenceStep(self.ctx)
        self.bias = BiasCheckStep(self.ctx)
        self.agenda = AgendaStep(self.ctx, focus=lambda: self.client.discussed)
        self.closing = CloseStep(self.ctx, summary=self.summary_kwargs)
        super().__init__([self.setup, self.caseload, self.client, self.ct, self.bias, self.agenda, self.closing],
                         title="Supervision meeting",
                         intro="Back and Next step move between the steps; nothing is saved until you press Save "
                               "(in step 7, and in the bias check's last step).")
        self._title = self.children[0]
        self.setup.supervisee.observe(lambda _: self._retitle(), "value")
        self.setup.since.observe(lambda _: self._retitle(), "value")
        self._retitle()

    def _retitle(self) -> None:
        ctx = self.ctx
        who = f" with {ctx.supervisee}" if ctx.supervisee else ""
        period = f" · since {ctx.since:%d %b %Y}" if ctx.since else ""
        self._title.value = f"<h2 style='margin:4px 0'>Supervision meeting{html.escape(who + period)}</h2>"

    def summary_kwargs(self) -> dict:
        """What the steps found, as :func:`rapportlib.meeting.meeting_summary`'s keyword arguments (plus
        ``alerts_clients``, the clients with alerts)."""
        from ..meeting import meeting_items

        ctx = self.ctx
        ranked = self.caseload.ranked
        agenda = self.agenda.state
        prev = self.agenda.previous_record
        return {"supervisee": ctx.supervisee, "date": date.today(), "since": ctx.since, "until": ctx.until,
                "alerts": ctx.alerts if ctx.dataset is not None else None,
                "alerts_clients": list(ranked["client_id"]) if len(ranked) else [],
                "focus_clients": list(self.client.discussed),
                "ct_patterns": self.ct.patterns if self.ct._key is not None else None,
                "bias_check": self.bias.state or None, "agenda": agenda["agenda"], "items": agenda["items"],
                "previous_items": meeting_items(ctx.store, note_id=prev.note_id)
                if prev is not None and ctx.store is not None else None}
