"""The countertransference check-in and the prompts that follow from it.

:class:`PromptDeck` shows prompts chosen by :func:`rapportlib.prompts.select_prompts` one at a time,
each with why it was chosen, a space to answer and a language switch. :class:`CountertransferenceCheckIn`
is the after-session check-in (the eight dimensions of ``seeds/countertransference.yaml``, rated 0–4,
and a note); its ratings and the affect cues in its note raise triggers, and a deck shows the prompts.
Saved to a :class:`rapportlib.journal.Journal` (anonymised, encrypted) when one is given.
"""

from __future__ import annotations

import html

import ipywidgets as w
import pandas as pd

from . import _ui as ui

__all__ = ["CountertransferenceCheckIn", "PromptDeck"]

_LANG_OPTIONS = (("English", "en"), ("Español", "es"), ("தமிழ்", "ta"))
_WORDS = {   # the deck's own few words; the prompts themselves come from seeds/
    "of": {"en": "Prompt {i} of {n}", "es": "Pregunta {i} de {n}", "ta": "கேள்வி {i} / {n}"},
    "urgent": {"en": "Needs urgent action or supervision", "es": "Requiere acción urgente o supervisión",
               "ta": "அவசர நடவடிக்கை அல்லது மேற்பார்வை தேவை"},
    "answer": {"en": "Your thoughts (kept only in this form unless you save them)",
               "es": "Sus reflexiones (solo quedan en este formulario si no las guarda)",
               "ta": "உங்கள் எண்ணங்கள் (நீங்கள் சேமிக்காவிட்டால் இந்தப் படிவத்தில் மட்டுமே இருக்கும்)"},
    "none": {"en": "No prompts yet.", "es": "Aún no hay preguntas.", "ta": "இன்னும் கேள்விகள் இல்லை."},
    "source": {"en": "From", "es": "Fuente", "ta": "மூலம்"},
    "previous": {"en": "Previous", "es": "Anterior", "ta": "முந்தையது"},
    "next": {"en": "Next", "es": "Siguiente", "ta": "அடுத்தது"},
}


class PromptDeck(w.VBox):
    """Prompts for a set of triggers, one at a time, with the reason each was chosen.

    ``triggers`` are trigger ids or :class:`rapportlib.prompts.Trigger` objects (e.g. from
    :func:`rapportlib.triggers_for`); ``k``, ``seen``, ``bank`` and ``banks`` are passed to
    :func:`rapportlib.select_prompts`. Switching the language shows the same prompts in it. Answers
    are kept per prompt id in the widget only.

    ``state`` is ``{"lang", "index", "prompts": [ids], "answers": {id: text}}``.
    """

    def __init__(self, triggers=(), *, lang: str = "en", k: int = 5, seen=(), bank=None, banks=None):
        from ..prompts import load_banks

        self._banks = banks or load_banks()
        self._k, self._seen, self._bank = k, tuple(seen), bank
        self._triggers: list = []
        self.prompts: list = []
        self.answers: dict[str, str] = {}
        self.index = 0
        self.language = w.ToggleButtons(options=_LANG_OPTIONS, value=lang, style={"button_width": "auto"},
                                        layout=w.Layout(width="auto"))
        self.position = w.HTML()
        self.card = w.HTML(layout=w.Layout(width=ui.FULL))
        self.answer = w.Textarea(layout=w.Layout(width=ui.FULL, height="5em"))
        self.previous_button = w.Button(icon="arrow-left", layout=w.Layout(width="auto"))
        self.next_button = w.Button(icon="arrow-right", layout=w.Layout(width="auto"))
        super().__init__([ui.row(self.language),
                          ui.row(self.previous_button, self.position, self.next_button, gap="4px 12px"),
                          self.card, self.answer], layout=w.Layout(width=ui.FULL))
        self.language.observe(lambda _: self._choose(), "value")
        self.answer.observe(self._on_answer, "value")
        self.previous_button.on_click(lambda _: self.show(self.index - 1))
        self.next_button.on_click(lambda _: self.show(self.index + 1))
        self.set_triggers(triggers)

    @property
    def lang(self) -> str:
        return self.language.value

    @property
    def state(self) -> dict:
        return {"lang": self.lang, "index": self.index, "prompts": [p.id for p in self.prompts],
                "answers": {k: v for k, v in self.answers.items() if v.strip()}}

    def set_triggers(self, triggers) -> None:
        """Choose prompts for new triggers (answers to prompts still shown are kept)."""
        self._triggers = list(triggers)
        self._choose(keep_index=False)

    def show(self, index: int) -> None:
        """Show the prompt at ``index`` (clamped to the deck)."""
        self.index = max(0, min(index, len(self.prompts) - 1)) if self.prompts else 0
        self._render()

    def _choose(self, keep_index: bool = True) -> None:
        from ..prompts import select_prompts

        self.prompts = select_prompts(self._triggers, lang=self.lang, k=self._k, seen=self._seen,
                                      bank=self._bank, banks=self._banks) if self._triggers else []
        self.show(self.index if keep_index else 0)

    def _on_answer(self, change) -> None:
        if self.prompts:
            self.answers[self.prompts[self.index].id] = change["new"]

    def _render(self) -> None:
        lang = self.lang
        self.previous_button.description = _WORDS["previous"][lang]
        self.next_button.description = _WORDS["next"][lang]
        self.answer.placeholder = _WORDS["answer"][lang]
        if not self.prompts:
            self.position.value = ""
            self.card.value = f"<p style='color:#444'><i>{_WORDS['none'][lang]}</i></p>"
            self.answer.layout.display = "none"
            self.previous_button.disabled = self.next_button.disabled = True
            return
        p = self.prompts[self.index]
        self.answer.layout.display = None
        self.position.value = f"<b>{_WORDS['of'][lang].format(i=self.index + 1, n=len(self.prompts))}</b>"
        self.previous_button.disabled = self.index == 0
        self.next_button.disabled = self.index >= len(self.prompts) - 1
        urgent = (f"<div style='color:#fff;background:#b3261e;display:inline-block;padding:1px 8px;"
                  f"border-radius:3px;margin-bottom:6px'>⚠ {html.escape(_WORDS['urgent'][lang])}</div>"
                  if p.urgent else "")
        note = f"<div style='{ui.HELP};font-style:italic'>{html.escape(p.note)}</div>" if p.note else ""
        border = "#b3261e" if p.urgent else "#1f4e99"
        self.card.value = (
            f"<div style='border-left:4px solid {border};background:#f7f9fc;padding:8px 12px;margin:4px 0'>"
            f"{urgent}<div style='font-size:115%;line-height:1.5'>{html.escape(p.text)}</div>"
            f"<div style='{ui.HELP};margin-top:6px'>{html.escape(p.reason)}</div>{note}"
            f"<div style='{ui.HELP}'>{_WORDS['source'][lang]}: {html.escape(p.bank)} · {html.escape(p.id)} · "
            f"{html.escape(p.source)}</div></div>")
        with self.answer.hold_trait_notifications():
            self.answer.value = self.answers.get(p.id, "")


class CountertransferenceCheckIn(w.VBox):
    """The after-session check-in: eight ratings 0–4, a note, and the prompts that follow.

    Labels and descriptions come from ``seeds/countertransference.yaml`` in the chosen language.
    Ratings of :data:`rapportlib.prompts.CT_HIGH` or more (``ct_sexualised``: any) and the affect cues
    in the note (:func:`rapportlib.prompts.affect_cues`) raise triggers; ``extra_triggers`` (e.g. a
    rupture noted in the same reflection) are added; the :class:`PromptDeck` below (``.deck``) shows
    the prompts. With a ``journal`` (and optionally ``client_id`` and ``session``), :meth:`save`
    stores the check-in as a journal entry (the note anonymised, everything encrypted); with a
    ``dataset`` instead, it adds a row to ``dataset.reflections`` in memory; with neither it returns
    the record (the note anonymised).
    ``note_preview`` is a widget shown under the note (the journal form shows its anonymised preview).

    ``state`` is ``{"ratings": {ct_...: 0-4}, "note", "triggers": [ids], "cues": [terms], "deck": ...,
    "saved": entry id or None}``.
    """

    def __init__(self, journal=None, *, dataset=None, clinician_id: str | None = None, client_id: str | None = None,
                 session: int | None = None, lang: str = "en", extra_triggers=(), k: int = 5, banks=None,
                 show_deck: bool = True, note_preview: w.Widget | None = None):
        from ..prompts import load_banks

        self._banks = banks or load_banks()
        self.journal, self.dataset, self.clinician_id = journal, dataset, clinician_id
        self.client_id, self.session = client_id, session
        self._extra = list(extra_triggers)
        self._saved: str | None = None
        self._cues: list = []
        self.dimensions = self._banks.dimensions
        self.ratings = {d.id: w.IntSlider(value=0, min=0, max=4, step=1, layout=w.Layout(width="100%"))
                        for d in self.dimensions}
        self._labels = {d.id: w.HTML() for d in self.dimensions}
        cells = [w.VBox([self._labels[d.id], self.ratings[d.id]], layout=w.Layout(width="100%"))
                 for d in self.dimensions]
        self.grid = w.GridBox(cells, layout=w.Layout(width=ui.FULL, grid_gap="2px 24px",
                                                     grid_template_columns="repeat(auto-fill, minmax(260px, 1fr))"))
        self.note = w.Textarea(placeholder="Anything else you noticed in yourself (optional)",
                               layout=w.Layout(width=ui.FULL, height="4em"))
        self.cue_html = w.HTML(layout=w.Layout(width=ui.FULL))
        self.deck = PromptDeck(lang=lang, k=k, banks=self._banks)
        self.save_button = w.Button(description="Save the check-in", button_style="primary", icon="check",
                                    layout=w.Layout(width="auto"))
        self.status = w.HTML(layout=w.Layout(width=ui.FULL))
        children = [self.grid, self.note, *([note_preview] if note_preview is not None else []), self.cue_html]
        if show_deck:
            children += [ui.heading("Prompts for your reflection"), self.deck]
        if journal is not None or dataset is not None:
            children += [ui.row(self.save_button), self.status]
        super().__init__(children, layout=w.Layout(width=ui.FULL))
        for s in self.ratings.values():
            s.observe(lambda _: self.update(), "value")
        self.note.observe(lambda _: self.update(), "value")
        self.deck.language.observe(lambda _: self._label(), "value")
        self.save_button.on_click(lambda _: self.save())
        self._label()
        self.update()

    @property
    def lang(self) -> str:
        return self.deck.lang

    @property
    def values(self) -> dict[str, int]:
        return {name: int(s.value) for name, s in self.ratings.items()}

    @property
    def state(self) -> dict:
        return {"ratings": self.values, "note": self.note.value, "triggers": [t.id for t in self.triggers()],
                "cues": [c.term for c in self._cues], "deck": self.deck.state, "saved": self._saved}

    def triggers(self) -> list:
        """The triggers the ratings, the note and ``extra_triggers`` raise (see the class docstring)."""
        from ..prompts import _as_triggers, rank_triggers, reflection_triggers

        found = {t.id: t for t in _as_triggers(self._extra)}
        own = reflection_triggers({**self.values, "ct_note": self.note.value}, where="this check-in", banks=self._banks)
        for t in own:
            found.setdefault(t.id, t)
        return rank_triggers(found.values())

    def update(self) -> None:
        """Re-read the ratings and the note; choose the prompts."""
        from ..prompts import affect_cues

        self._cues = affect_cues(self.note.value, banks=self._banks) if self.note.value.strip() else []
        if self._cues:
            terms = ", ".join(dict.fromkeys(f"“{c.term}”" for c in self._cues))
            self.cue_html.value = (f"<div style='{ui.HELP}'>Words in your note that the prompts take into account: "
                                   f"{html.escape(terms)}</div>")
        else:
            self.cue_html.value = ""
        self.deck.set_triggers(self.triggers())

    def set_context(self, *, client_id=None, session=None, extra_triggers=None) -> None:
        """Change the client, session or extra triggers (e.g. when the surrounding form changes)."""
        self.client_id, self.session = client_id, session
        if extra_triggers is not None:
            self._extra = list(extra_triggers)
        self.update()

    def record(self) -> dict:
        """The check-in as reflection fields: the eight ratings and the note (``ct_note``, anonymised)."""
        from ..privacy import anonymise

        note = self.note.value.strip()
        return {**self.values, "ct_note": anonymise(note, client=self.client_id).text if note else None}

    def save(self) -> str | dict | None:
        """Store the check-in: in the journal (returns the entry id); else as a new row of the dataset's
        ``reflections`` in memory (returns its ``reflection_id``; nothing is written to disk, since only a
        journal stores a clinician's words encrypted); else return :meth:`record`."""
        if self.journal is None and self.dataset is not None:
            return self._save_to_dataset()
        if self.journal is None:
            return self.record()
        fields = {**self.values, "ct_note": self.note.value if self.note.value.strip() else None}
        fields = {k: v for k, v in fields.items() if v is not None}
        if self.client_id:
            fields["client_id"] = self.client_id
        if self.session is not None:
            fields["session"] = self.session
        try:
            self._saved = self.journal.add("", **fields)
        except Exception as exc:  # noqa: BLE001 -- shown as a message, never quoting the note
            self.status.value = ui.box(f"Not saved: the journal refused it ({type(exc).__name__}).", "error")
            return None
        self.status.value = ui.box(f"Saved as journal entry {self._saved}, anonymised and encrypted.", "ok")
        return self._saved

    def _save_to_dataset(self) -> str:
        from datetime import datetime

        table = self.dataset.reflections
        taken = set(table["reflection_id"].astype(str)) if "reflection_id" in table else set()
        n = len(taken) + 1
        while f"checkin-{n:04d}" in taken:
            n += 1
        rid = f"checkin-{n:04d}"
        row = {"reflection_id": rid, "clinician_id": self.clinician_id, "client_id": self.client_id,
               "session": self.session, "created": pd.Timestamp(datetime.now().replace(microsecond=0)),
               **self.record()}
        new = pd.DataFrame([row])
        for col in new.columns:                 # keep the table's dtypes (pandas 3: no silent object columns)
            if col in table and col not in ("created",):
                try:
                    new[col] = new[col].astype(table[col].dtype)
                except (TypeError, ValueError):
                    pass
        self.dataset.reflections = pd.concat([table, new], ignore_index=True)
        self._saved = rid
        self.status.value = ui.box(f"Added to the dataset's reflections as {rid} (in memory: the note anonymised, "
                                   "not written to disk).", "ok")
        return rid

    def _label(self) -> None:
        from ..prompts import localise

        for d in self.dimensions:
            label = localise(d.label, self.lang, d.unreviewed).text
            desc = localise(d.descriptor, self.lang, d.unreviewed).text
            self._labels[d.id].value = (f"<span title='{html.escape(desc)}'>{html.escape(label)}</span>"
                                        f"<div style='{ui.HELP}'>{html.escape(desc)}</div>")


