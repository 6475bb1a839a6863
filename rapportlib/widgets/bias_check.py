"""The guided bias self-check, as a four-step wizard (see :mod:`.wizard` for the step protocol).

1. :class:`NumbersStep`: what the numbers show for the clinician's caseload
   (:func:`rapportlib.equity.equity_audit`, :func:`rapportlib.plots.equity_forest`);
2. :class:`LanguageStep`: what the language scan found in their reflections, each finding in its
   sentence with what to write instead (:func:`rapportlib.language.scan_language`);
3. :class:`ReflectStep`: reflection questions from the cultural-humility bank chosen for those
   findings (:func:`rapportlib.bias_check.self_check_triggers`, :class:`.PromptDeck`);
4. :class:`CommitmentsStep`: commitments and action items, saved with the date to an encrypted
   :class:`~rapportlib.Journal` (:func:`rapportlib.bias_check.save_bias_check`); the open items of
   earlier checks are listed there with a done box.

:class:`BiasCheck` builds the four and wires the later steps to what the earlier ones found; each
step is usable on its own.
"""

from __future__ import annotations

import html
from datetime import date

import ipywidgets as w
import pandas as pd

from . import _ui as ui
from .prompts import PromptDeck
from .wizard import Step, Wizard

__all__ = ["BiasCheck", "CommitmentsStep", "LanguageStep", "NumbersStep", "ReflectStep"]

SMALL_GROUPS = 5        # the smallest group shown when a meeting chooses to see groups under the threshold

_METRICS = {"rating_gap": "Clinician-over-client alliance rating gap", "alliance_level": "Alliance level",
            "alliance_trend": "Alliance trend", "outcome_change": "Outcome change",
            "rupture_rate": "Clients with a rupture", "unrepaired_rate": "Clients with an unrepaired rupture",
            "dropout": "Early dropout"}


def _sentences(rows: pd.DataFrame, empty: str) -> str:
    if rows.empty:
        return f"<p style='color:#444;margin:2px 0'><i>{html.escape(empty)}</i></p>"
    items = "".join(f"<li style='margin:2px 0'>{html.escape(str(t))}</li>" for t in rows["text"])
    return f"<ul style='margin:2px 0 6px 0;padding-left:20px;line-height:1.45'>{items}</ul>"


class NumbersStep(Step):
    """Step 1: alliance and outcomes by client group for one clinician's caseload, against the service.

    ``state``: ``{"threshold", "metric", "stands_out": [sentences], "worth_a_look": [sentences],
    "suppressed": count}``.
    """

    title = "The numbers"

    def __init__(self, dataset, clinician: str, *, threshold: int = 11, audit=None):
        super().__init__()
        self.dataset, self.clinician, self.threshold = dataset, clinician, threshold
        self.audit = audit
        self._audits: dict[int, object] = {} if audit is None else {audit.threshold: audit}
        self.small = w.Checkbox(value=False, indent=False, layout=w.Layout(width="auto"),
                                description=f"Show groups of {SMALL_GROUPS} to {threshold - 1} clients "
                                            "(within this meeting only)")
        self.metric = w.Dropdown(options=[(v, k) for k, v in _METRICS.items()], value="rating_gap",
                                 description="Plot", layout=w.Layout(width="420px"))
        self.scope = w.ToggleButtons(options=[("This caseload", "clinician"), ("Whole service", "service")],
                                     value="clinician", style={"button_width": "auto"})
        self.versus = w.HTML(layout=w.Layout(width=ui.FULL))
        self.check_ins = w.HTML(layout=w.Layout(width=ui.FULL))
        self._check_ins: pd.DataFrame | None = None
        self.groups = w.HTML(layout=w.Layout(width=ui.FULL))
        self.warning = w.HTML()
        self.image = w.Image(format="png", layout=w.Layout(max_width="820px", width="100%"))
        self.notes = w.HTML(layout=w.Layout(width=ui.FULL))
        self.children = [
            ui.heading(f"What the numbers show for {clinician}'s caseload"),
            ui.help_text("Alliance, outcomes, ruptures and dropout by self-identified client group and by "
                         "interpreter use, language match and case type, each compared with everyone else. "
                         "Differences are possibilities to talk about, not verdicts: groups are small and "
                         "many comparisons are made."),
            ui.heading("Compared with the rest of the service"), self.versus,
            ui.heading("By client group"), self.groups,
            ui.row(self.small), self.warning,
            ui.heading("Your own reactions by client group"), self.check_ins,
            ui.row(self.metric, self.scope), self.image, self.notes]
        self.small.observe(lambda _: self._update(), "value")
        self.metric.observe(lambda _: self._plot(), "value")
        self.scope.observe(lambda _: self._plot(), "value")

    @property
    def state(self) -> dict:
        audit = self._audits.get(self._threshold())
        if audit is None:
            return {"threshold": self._threshold(), "metric": self.metric.value, "stands_out": [], "worth_a_look": [],
                    "suppressed": 0}
        from ..bias_check import caseload_numbers

        nums = caseload_numbers(audit, self.clinician)
        found = pd.concat([nums["versus"].loc[nums["versus"]["reading"] == "stands out", ["text"]],
                           nums["within"].loc[nums["within"]["strength"] == "stands out", ["text"]]])
        looks = pd.concat([nums["versus"].loc[nums["versus"]["reading"].str.startswith("worth"), ["text"]],
                           nums["within"].loc[nums["within"]["strength"] == "worth a look", ["text"]]])
        return {"threshold": audit.threshold, "metric": self.metric.value,
                "stands_out": [str(t) for t in found["text"]], "worth_a_look": [str(t) for t in looks["text"]],
                "suppressed": int(nums["hidden"]["hidden"].iloc[0])}

    def _threshold(self) -> int:
        return SMALL_GROUPS if self.small.value else self.threshold

    def enter(self) -> None:
        if self.status == "waiting":
            self._update()
            self.status = "ready"

    def current_audit(self):
        """The audit at the threshold now chosen (computed once per threshold)."""
        t = self._threshold()
        if t not in self._audits:
            from ..equity import equity_audit

            self._audits[t] = equity_audit(self.dataset, threshold=t)
        self.audit = self._audits[t]
        return self.audit

    def _update(self) -> None:
        from ..bias_check import caseload_numbers

        audit = self.current_audit()
        nums = caseload_numbers(audit, self.clinician)
        versus = nums["versus"]
        table = ui.table(versus, {"label": "measure", "n": "clients", "estimate": self.clinician,
                                  "others_estimate": "rest of service", "difference": "difference",
                                  "ci": "95% interval", "reading": "reading"},
                         f"No comparison of {self.clinician} with the rest of the service could be made.")
        notable = versus[versus["reading"].isin(["stands out"]) | versus["reading"].str.startswith("worth")]
        self.versus.value = table + (_sentences(notable, "") if not notable.empty else "")
        within = nums["within"]
        hidden, made = int(nums["hidden"]["hidden"].iloc[0]), int(nums["hidden"]["made"].iloc[0])
        empty = (f"No comparison between client groups within {self.clinician}'s caseload stands out or is worth "
                 f"a look ({made} made)." if made else
                 f"Within {self.clinician}'s caseload no client group is large enough to compare at this threshold.")
        text = _sentences(within, empty)
        if hidden:
            text += (f"<p style='{ui.HELP}'>{hidden} group comparisons within the caseload are not shown: fewer than "
                     f"{audit.threshold} clients (or hidden so that a small group cannot be worked out from the "
                     "totals).</p>")
        service = nums["service"]
        if not service.empty:
            text += ("<p style='margin:8px 0 2px 0'><b>Across the whole service</b> (every clinician's clients):</p>"
                     + _sentences(service, ""))
        self.groups.value = text
        self.warning.value = ui.box(
            f"Groups of {SMALL_GROUPS} or more clients are shown. Small groups can identify clients: keep these "
            "numbers inside this meeting and out of any report.", "info") if self.small.value else ""
        self.notes.value = "".join(f"<div style='{ui.HELP}'>{html.escape(n)}</div>" for n in audit.notes)
        pats = self.check_in_patterns()
        self.check_ins.value = (
            f"<p style='{ui.HELP}'>From {self.clinician}'s countertransference check-ins: a reaction rated at least "
            "a point higher with one group of clients than with the others (significant after correction).</p>"
            + _sentences(pats.rename(columns={"detail": "text"}), "No check-in rating differs between client groups."))
        self._plot()

    def check_in_patterns(self) -> pd.DataFrame:
        """The clinician's check-in ratings that differ between client groups (computed once)."""
        if self._check_ins is None:
            from ..bias_check import check_in_patterns

            self._check_ins = check_in_patterns(self.dataset, self.clinician)
        return self._check_ins

    def _plot(self) -> None:
        from ..plots import equity_forest

        audit = self.audit or self.current_audit()
        scope = self.scope.value
        fig = equity_forest(audit, metric=self.metric.value, scope=scope,
                            clinician_id=self.clinician if scope == "clinician" else None)
        self.image.value = ui.figure_png(fig)
        import matplotlib.pyplot as plt

        plt.close(fig)


def _highlight(context: str, term: str) -> str:
    i = context.lower().find(term.lower())
    if i < 0:
        return html.escape(context)
    return (html.escape(context[:i]) + f"<mark style='background:#ffe08a;padding:0 2px'>"
            f"{html.escape(context[i:i + len(term)])}</mark>" + html.escape(context[i + len(term):]))


class LanguageStep(Step):
    """Step 2: the language scan of the clinician's reflections, each finding in its sentence.

    A "talked about" box per finding records which were discussed. ``state``:
    ``{"reflections", "findings", "by_category": {category: n}, "reviewed": [finding keys]}``.
    """

    title = "Language"
    PAGE = 12

    def __init__(self, dataset, clinician: str, *, findings: pd.DataFrame | None = None, lexicon=None):
        super().__init__()
        self.dataset, self.clinician, self._lexicon = dataset, clinician, lexicon
        self.findings = findings
        self.summary = w.HTML(layout=w.Layout(width=ui.FULL))
        self.list = w.VBox(layout=w.Layout(width=ui.FULL))
        self.more = w.Button(description="Show more", layout=w.Layout(width="auto"))
        self.more.on_click(lambda _: self._render(self._shown + self.PAGE))
        self.reviewed: set[str] = set()
        self._boxes: dict[str, w.Checkbox] = {}
        self._shown = 0
        self.n_reflections = 0
        self.children = [
            ui.heading(f"What the language scan found in {clinician}'s reflections"),
            ui.help_text("Wording that research on clinical notes links to bias: doubting the client's account, "
                         "difficult-client labels, blame, stereotyping, one-sided instructions and identity-first "
                         "labels. Negated uses and the client's own words in quotation marks are skipped. Each "
                         "finding is a prompt to look again, not a judgement: tick it once you have talked it "
                         "through."),
            self.summary, self.list, self.more]

    @property
    def state(self) -> dict:
        f = self.findings if self.findings is not None else pd.DataFrame(columns=["category"])
        return {"reflections": self.n_reflections, "findings": int(len(f)),
                "by_category": {str(k): int(v) for k, v in f["category"].value_counts().items()},
                "reviewed": sorted(self.reviewed)}

    def enter(self) -> None:
        if self.status != "waiting":
            return
        from ..language import scan_language

        refl = getattr(self.dataset, "reflections", None)
        mine = refl[refl["clinician_id"] == self.clinician] if refl is not None and len(refl) else None
        self.n_reflections = 0 if mine is None else int(mine["text"].notna().sum())
        if self.findings is None:
            self.findings = scan_language(mine, lexicon=self._lexicon) if mine is not None else \
                scan_language([], lexicon=self._lexicon)
        self._render(self.PAGE)
        self.status = "ready"

    def _render(self, upto: int) -> None:
        from ..bias_check import finding_key

        f = self.findings
        if self.n_reflections == 0:
            self.summary.value = ui.box(f"{self.clinician} has no reflections in this dataset yet, so there is "
                                        "no language to look at. Reflections written in the journal and exported "
                                        "to the dataset appear here.", "info")
            self.list.children, self.more.layout.display = [], "none"
            return
        if f.empty:
            self.summary.value = ui.box(f"Nothing was flagged in {self.clinician}'s {self.n_reflections} "
                                        "reflections.", "ok")
            self.list.children, self.more.layout.display = [], "none"
            return
        counts = f.groupby(["category", "category_label"], sort=False).size().reset_index(name="n")
        counts = counts.sort_values("n", ascending=False, kind="stable")
        share = f["reflection_id"].nunique()
        self.summary.value = (
            f"<p style='margin:4px 0'><b>{len(f)}</b> findings in <b>{share}</b> of {self.n_reflections} "
            f"reflections.</p>" + ui.table(counts, {"category_label": "kind of wording", "n": "findings"}, ""))
        self._shown = min(upto, len(f))
        cards = []
        for _, row in f.iloc[:self._shown].iterrows():
            key = finding_key(row)
            box = self._boxes.get(key)
            if box is None:
                box = w.Checkbox(value=key in self.reviewed, description="talked about", indent=False,
                                 layout=w.Layout(width="auto"))
                box.observe(lambda ch, k=key: self._tick(k, ch["new"]), "value")
                self._boxes[key] = box
            where = " · ".join(str(x) for x in (row["client_id"], f"session {row['session']}") if not ui.missing(x))
            card = w.HTML(
                f"<div style='border-left:4px solid #c77700;background:#fffaf0;padding:6px 10px;margin:2px 0'>"
                f"<div style='line-height:1.5'>{_highlight(str(row['context']), str(row['term']))}</div>"
                f"<div style='{ui.HELP};margin-top:4px'><b>{html.escape(str(row['category_label']))}</b>"
                f" · {html.escape(str(row['reflection_id']))}{' · ' + html.escape(where) if where else ''}</div>"
                f"<div style='margin-top:2px'>Instead: {html.escape('; '.join(row['alternatives']))}</div>"
                f"<div style='{ui.HELP}'>{html.escape(str(row['why']))}</div></div>",
                layout=w.Layout(width=ui.FULL))
            cards.append(w.VBox([card, box], layout=w.Layout(width=ui.FULL)))
        self.list.children = cards
        left = len(f) - self._shown
        self.more.description = f"Show more ({left} left)"
        self.more.layout.display = None if left > 0 else "none"

    def _tick(self, key: str, value: bool) -> None:
        (self.reviewed.add if value else self.reviewed.discard)(key)


class ReflectStep(Step):
    """Step 3: questions from the cultural-humility bank chosen for what the earlier steps found.

    ``triggers`` is a callable returning the triggers (so they follow the earlier steps) or a list.
    ``state`` is the deck's: ``{"lang", "index", "prompts", "answers"}`` plus ``"triggers"``.
    """

    title = "Reflection"

    def __init__(self, triggers=(), *, lang: str = "en", k: int = 5):
        super().__init__()
        self._source = triggers
        self.deck = PromptDeck((), lang=lang, k=k, bank="cultural_humility")
        self.why = w.HTML(layout=w.Layout(width=ui.FULL))
        self.children = [ui.heading("Questions to reflect on"),
                         ui.help_text("Chosen from the cultural-humility questions for what the numbers and the "
                                      "language scan showed. Write as much or as little as is useful; notes are "
                                      "saved with the commitments in the next step, anonymised and encrypted."),
                         self.why, self.deck]
        self._ids: tuple = ()

    @property
    def state(self) -> dict:
        return {**self.deck.state, "triggers": list(self._ids)}

    def enter(self) -> None:
        triggers = self._source() if callable(self._source) else list(self._source)
        ids = tuple(t.id if hasattr(t, "id") else str(t) for t in triggers)
        if ids != self._ids or self.status == "waiting":
            self._ids = ids
            self.deck.set_triggers(list(triggers) or ["general"])
            from ..prompts import load_banks, localise

            vocab = load_banks().triggers
            said = [localise(vocab[t].meaning, "en").text for t in ids if t in vocab]
            self.why.value = (f"<div style='{ui.HELP}'>Found: {html.escape('; '.join(said))}.</div>" if said else
                              f"<div style='{ui.HELP}'>Nothing specific stood out, so these are general "
                              "questions.</div>")
        if self.status == "waiting":
            self.status = "ready"


class CommitmentsStep(Step):
    """Step 4: commitments and action items, saved with the date; earlier checks' open items.

    ``store`` is an open :class:`~rapportlib.Journal`, or None: then a passphrase box opens the one at
    ``store_path`` (made if missing). ``summary`` is a callable returning the keyword arguments the
    earlier steps contribute to :func:`rapportlib.bias_check.save_bias_check` (answers, findings,
    reviewed, audit). ``state``: ``{"together", "commitments", "items", "saved": note id or None}``.
    """

    title = "Commitments"

    def __init__(self, clinician: str, *, store=None, store_path=None, summary=None, clients=(),
                 kdf_n: int | None = None):
        super().__init__()
        self.clinician, self.store, self._store_path, self._summary = clinician, store, store_path, summary
        self._kdf_n = kdf_n
        self.saved_id: str | None = None
        self.items: list[dict] = []
        self.previous = w.VBox(layout=w.Layout(width=ui.FULL))
        self.together = w.ToggleButtons(options=[("Supervisor and supervisee together", True),
                                                 ("Clinician alone", False)], value=True,
                                        style={"button_width": "auto"})
        self.commitments = w.Textarea(placeholder="What will you do differently? (anonymised before it is saved)",
                                      layout=w.Layout(width=ui.FULL, height="6em"))
        self.item_text = w.Text(placeholder="Action item, e.g. rewrite the last three notes in person-first "
                                            "language", layout=w.Layout(width="100%", max_width="520px"))
        self.item_due = w.DatePicker(description="Due", layout=w.Layout(width="220px"))
        self.item_client = w.Dropdown(options=[("(no client)", "")] + [(c, c) for c in clients], value="",
                                      description="Client", layout=w.Layout(width="220px"))
        self.add_button = w.Button(description="Add item", icon="plus", layout=w.Layout(width="auto"))
        self.add_button.on_click(lambda _: self.add_item())
        self.item_list = w.HTML(layout=w.Layout(width=ui.FULL))
        self.passphrase = w.Password(placeholder="Passphrase of your supervision record",
                                     layout=w.Layout(width="320px"))
        self.save_button = w.Button(description="Save", icon="save", button_style="success",
                                    layout=w.Layout(width="auto"))
        self.save_button.on_click(lambda _: self.save())
        self.message = w.HTML(layout=w.Layout(width=ui.FULL))
        self.passphrase.layout.display = "none" if store is not None else None
        self.children = [
            ui.heading("Earlier commitments"), self.previous,
            ui.heading("Commitments from this check"), ui.row(self.together), self.commitments,
            ui.heading("Action items"), ui.row(self.item_text, self.item_due, self.item_client, self.add_button),
            self.item_list, ui.row(self.passphrase, self.save_button), self.message]

    @property
    def state(self) -> dict:
        return {"together": self.together.value, "commitments": self.commitments.value,
                "items": [dict(i) for i in self.items], "saved": self.saved_id}

    def enter(self) -> None:
        if self.status == "waiting":
            self.status = "ready"
        self._render_previous()
        self._render_items()

    def add_item(self) -> bool:
        from ..bias_check import ActionItem

        text = self.item_text.value.strip()
        if not text:
            self.message.value = ui.box("Write what the action item is first.", "info")
            return False
        self.items.append(ActionItem.from_form(text, self.item_due.value, self.item_client.value).as_dict())
        self.item_text.value = ""
        self.item_due.value = None
        self.item_client.value = ""
        self.message.value = ""
        self._render_items()
        return True

    def _render_items(self) -> None:
        if not self.items:
            self.item_list.value = f"<p style='{ui.HELP}'><i>No action items yet: write one above and press Add " \
                                   "item.</i></p>"
            return
        rows = "".join(
            f"<li>{html.escape(i['text'])}"
            + (f" <span style='color:#555'>· due {html.escape(i['due'])}</span>" if i["due"] else "")
            + (f" <span style='color:#555'>· {html.escape(i['client_id'])}</span>" if i["client_id"] else "")
            + "</li>" for i in self.items)
        self.item_list.value = f"<ol style='margin:2px 0;padding-left:22px'>{rows}</ol>"

    def _open(self):
        if self.store is not None:
            return self.store
        from ..journal import Journal, JournalPassphraseError

        if not self.passphrase.value:
            self.message.value = ui.box("Enter the passphrase of your supervision record to save (a new record "
                                        "is made with it the first time).", "info")
            return None
        path = self._store_path or _default_store()
        try:
            kwargs = {"kdf_n": self._kdf_n} if self._kdf_n else {}
            self.store = Journal(path, self.passphrase.value, **kwargs)
        except JournalPassphraseError:
            self.message.value = ui.box("That passphrase does not open the supervision record.", "error")
            return None
        self.passphrase.value = ""
        self.passphrase.layout.display = "none"
        self._render_previous()
        return self.store

    def save(self) -> str | None:
        from ..bias_check import save_bias_check

        if self.item_text.value.strip():           # an item typed but not added is not lost
            self.add_item()
        store = self._open()
        if store is None:
            return None
        extra = self._summary() if callable(self._summary) else {}
        try:
            note = save_bias_check(store, self.clinician, commitments=self.commitments.value, items=self.items,
                                   together=self.together.value, **extra)
        except ValueError as exc:
            self.message.value = ui.box(str(exc).capitalize() + ".", "info")
            return None
        self.saved_id = note
        n = len(self.items)
        self.message.value = ui.box(f"Saved on {date.today():%d %B %Y}: the commitments and {n} action "
                                    f"item{'s' if n != 1 else ''}, anonymised and encrypted. They are shown at the "
                                    "next bias check.", "ok")
        self.status = "done"
        self._render_previous()
        return note

    def _render_previous(self) -> None:
        from ..bias_check import action_items, bias_checks, set_item_done

        if self.store is None:
            self.previous.children = [w.HTML(f"<p style='{ui.HELP}'><i>Earlier commitments are shown once the "
                                             "supervision record is open (enter its passphrase below).</i></p>")]
            return
        checks = bias_checks(self.store, self.clinician)
        checks = checks[checks["note_id"] != self.saved_id]
        if checks.empty:
            self.previous.children = [w.HTML(f"<p style='{ui.HELP}'><i>This is {self.clinician}'s first saved "
                                             "bias check.</i></p>")]
            return
        last = checks.iloc[-1]
        parts = [w.HTML(f"<p style='margin:2px 0'>Last check: <b>{last['date']:%d %B %Y}</b>"
                        + (f" · {html.escape(str(last['commitments_text']))}" if last["commitments_text"] else "")
                        + "</p>", layout=w.Layout(width=ui.FULL))]
        items = action_items(self.store, self.clinician)
        items = items[items["note_id"] != self.saved_id]
        for rec in items.itertuples(index=False):
            due = f" (due {rec.due:%d %b %Y})" if not pd.isna(rec.due) else ""
            box = w.Checkbox(value=bool(rec.done), indent=False, layout=w.Layout(width="auto"),
                             description=f"{rec.text}{due}")

            def toggle(ch, note=rec.note_id, i=rec.item):
                set_item_done(self.store, note, i, ch["new"])

            box.observe(toggle, "value")
            parts.append(box)
        self.previous.children = parts


def _default_store():
    from pathlib import Path

    import platformdirs

    return Path(platformdirs.user_data_dir("rapportlib")) / "supervision.sqlite"


class BiasCheck(Wizard):
    """The guided bias self-check for one clinician: numbers, language, reflection, commitments.

    ``dataset``: a loaded :class:`~rapportlib.Dataset`; ``clinician``: whose caseload. ``store``: an open
    :class:`~rapportlib.Journal` for the commitments (or None: step 4 asks for the passphrase of the
    record at ``store_path``, by default ``supervision.sqlite`` in the user's data folder).
    ``threshold``: the small-cell threshold (11: groups of fewer than 11 clients are hidden).
    Works for a supervisor and supervisee together and for a clinician alone (step 4 records which).
    """

    def __init__(self, dataset, clinician: str, *, store=None, store_path=None, lang: str = "en",
                 threshold: int = 11, lexicon=None, kdf_n: int | None = None):
        clinicians = _clinicians(dataset)
        if clinicians and clinician not in clinicians:
            raise ValueError(f"clinician {clinician!r} is not in this dataset (it has {', '.join(clinicians)})")
        self.dataset, self.clinician = dataset, clinician
        self.numbers = NumbersStep(dataset, clinician, threshold=threshold)
        self.language = LanguageStep(dataset, clinician, lexicon=lexicon)
        self.reflect = ReflectStep(self._triggers, lang=lang)
        clients = _clients_of(dataset, clinician)
        self.commit = CommitmentsStep(clinician, store=store, store_path=store_path, summary=self._summary,
                                      clients=clients, kdf_n=kdf_n)
        super().__init__([self.numbers, self.language, self.reflect, self.commit],
                         title=f"Bias check: {clinician}",
                         intro="Four steps: what the numbers show, what the language scan found, questions to "
                               "reflect on, and what you will do. Back and Next step move between them; nothing is "
                               "saved until step 4.")

    def _triggers(self):
        from ..bias_check import self_check_triggers

        if self.language.status == "waiting":
            self.language.enter()
        return self_check_triggers(self.language.findings, self.numbers.audit or self.numbers.current_audit(),
                                   clinician=self.clinician, check_ins=self.numbers.check_in_patterns())

    def _summary(self) -> dict:
        return {"answers": self.reflect.deck.state["answers"], "findings": self.language.findings,
                "reviewed": sorted(self.language.reviewed), "audit": self.numbers.audit}


def _clinicians(dataset) -> list[str]:
    found: set[str] = set()
    for name in ("sessions", "clients", "reflections"):
        t = getattr(dataset, name, None)
        if t is not None and len(t) and "clinician_id" in t.columns:
            found |= {str(c) for c in t["clinician_id"].dropna().unique()}
    return sorted(found)


def _clients_of(dataset, clinician: str) -> list[str]:
    t = getattr(dataset, "clients", None)
    if t is None or not len(t) or "clinician_id" not in t.columns:
        t = getattr(dataset, "sessions", None)
    if t is None or not len(t):
        return []
    return sorted(str(c) for c in t.loc[t["clinician_id"] == clinician, "client_id"].dropna().unique())
