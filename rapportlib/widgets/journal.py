"""The clinician's reflection journal as a guided form: :class:`JournalEditor` over an open
:class:`rapportlib.journal.Journal`, and :func:`journal_app`, which asks for the passphrase first."""

from __future__ import annotations

import html
import re
from contextlib import contextmanager
from functools import lru_cache
from datetime import date, datetime
from pathlib import Path

import ipywidgets as w
import numpy as np
import pandas as pd

from . import _ui as ui
from .prompts import CountertransferenceCheckIn

__all__ = ["JournalApp", "JournalEditor", "demo_techniques", "journal_app"]   # and CT_LABELS (module __getattr__)

# =========================================================================== the reflection journal
# A guided form over rapportlib.journal.Journal: the journal anonymises, checks and encrypts; the
# form only gathers what the clinician chose, previews what the journal would store, and shows the
# journal's answers (including its validation messages) in words.

@lru_cache(maxsize=1)
def _field_labels() -> dict[str, str]:
    """The form's fields in words; the check-in dimensions' labels come from ``seeds/countertransference.yaml``
    (read on first use, not when the module is imported)."""
    from ..prompts import load_banks

    return {"client_id": "Client id", "session": "Session number", "date": "Session date",
            "techniques": "Techniques used", "rupture": "Rupture noticed", "repair_attempted": "Repair attempted",
            "clinician_alliance": "Your alliance rating", "language": "Language",
            "interpreter": "Interpreter present", "ct_note": "Check-in note",
            **{d.id: d.label["en"] for d in load_banks().dimensions}}


def __getattr__(name: str):
    if name == "CT_LABELS":     # the check-in's dimensions and their English labels, from the seeds
        return {k: v for k, v in _field_labels().items() if k.startswith("ct_") and k != "ct_note"}
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


_RUPTURE_OPTIONS = (("None noticed", "none"), ("Withdrawal", "withdrawal"), ("Confrontation", "confrontation"))
_TOKEN = "background:#ffe69c;border-radius:3px;padding:0 2px"
_NO_SESSION = -1                     # the session drop-down's "choose one" entry
_NO_ENTRIES = "<p style='color:#444'><i>No entries yet.</i></p>"


def demo_techniques() -> list[str]:
    """The technique ids used in the demo reflections, sorted (the form's default list of techniques)."""
    import json

    from ..demo import data_path

    found: set[str] = set()
    with open(data_path() / "reflections.jsonl", encoding="utf-8") as f:
        for line in f:
            if line.strip():
                found.update(json.loads(line).get("techniques") or ())
    return sorted(found)


def _technique_label(tid: str) -> str:
    return tid.replace("_", " ")


def _highlighted(original: str, replaced) -> str:
    """The anonymised text as HTML, tokens marked. Built from the text *between* replacements (which the
    anonymiser leaves as typed) and the tokens, so no replaced value is ever written out."""
    out, pos = [], 0
    for r in sorted(replaced, key=lambda r: r.start):
        out.append(html.escape(original[pos:r.start]))
        out.append(f"<mark style='{_TOKEN}' title='{html.escape(r.kind)}'>{html.escape(r.token)}</mark>")
        pos = r.end
    out.append(html.escape(original[pos:]))
    return "".join(out)


def _friendly(message: str) -> str:
    """A journal message with field names in words (``field 'ct_helpless'`` -> ``'Helpless / inadequate'``)."""
    return re.sub(r"field '(\w+)'", lambda m: f"'{_field_labels().get(m.group(1), m.group(1))}'", message)


def _quotes(message: str, secrets: list[str], window: int = 12) -> bool:
    """Whether ``message`` repeats a stretch of any of ``secrets`` (what was typed), so it must not be shown."""
    for secret in secrets:
        secret = (secret or "").strip()
        if len(secret) < 3:
            continue
        n = min(window, len(secret))
        if any(message[i:i + n] in secret for i in range(len(message) - n + 1)):
            return True
    return False


class JournalEditor(w.VBox):
    """The clinician's after-session form over a :class:`rapportlib.journal.Journal`.

    ``journal`` is an open Journal (the editor does not close it). ``sessions`` is an optional table
    with ``client_id``, ``session`` and ``date`` (a dataset's ``sessions``): when given, a drop-down
    lists them (the journal's clinician's only, when the table has ``clinician_id``) and choosing one
    fills client, session and date. ``techniques`` are the technique ids offered (default:
    :func:`demo_techniques`). The form is saved as an encrypted draft with
    :meth:`Journal.save_draft` on every change the kernel receives (an encrypted write takes about a
    millisecond), before the change is handled further, so a dead kernel loses nothing it was sent; an
    editor opened on a journal with a draft restores it.

    Everything shown comes from the journal: the preview is :meth:`Journal.preview`, saving is
    :meth:`Journal.add` or :meth:`Journal.edit`, the list is :meth:`Journal.entries`, the history
    :meth:`Journal.history`, deleting :meth:`Journal.delete`. The journal's refusals are shown as
    messages that never quote what was typed.

    ``state`` is ``{"form": {...}, "editing": entry id or None, "preview": {kind: count},
    "entries": n, "status": last message}``. Methods: :meth:`fill`, :meth:`save`, :meth:`load_entry`,
    :meth:`reset`, :meth:`refresh`.
    """

    def __init__(self, journal, *, sessions: pd.DataFrame | None = None, techniques=None):
        if sessions is not None:
            missing = {"client_id", "session", "date"} - set(sessions.columns)
            if missing:
                raise ValueError(f"sessions needs the columns client_id, session and date (missing: "
                                 f"{', '.join(sorted(missing))})")
        self.journal = journal
        self._busy = False
        self._editing: str | None = None
        self._loaded: dict | None = None            # the fields of the entry being edited, as loaded
        self._alliance_rated = False
        self._status = ""
        self._n_entries = 0
        self._counts: dict[str, int] = {}
        self._pending_delete: str | None = None
        self._draft_stored = False

        wide = {"description_width": "initial"}
        # ---------------------------------------------------------------- 1 the session
        self._sessions = self._session_table(sessions)
        self.session_picker = w.Dropdown(description="From your sessions", style=wide,
                                         layout=w.Layout(width="100%", max_width="520px"))
        self.client_id = w.Combobox(description="Client id", placeholder="e.g. c017", ensure_option=False,
                                    style=wide, layout=w.Layout(width="220px"))
        self.session = w.Text(description="Session number", placeholder="e.g. 3", style=wide,
                              layout=w.Layout(width="200px"))
        self.date = w.DatePicker(description="Date", value=date.today(), style=wide,
                                 layout=w.Layout(width="240px"))
        picker_row = ui.row(self.session_picker)
        if self._sessions is None:
            picker_row.layout.display = "none"
        else:
            self._fill_session_options()
        self._update_client_options()

        # ---------------------------------------------------------------- 2 the reflection
        self.text = w.Textarea(placeholder="What happened, what you noticed, what you will try next time…",
                               layout=w.Layout(width=ui.FULL, height="14em"))
        self.preview_summary = w.HTML(layout=w.Layout(width=ui.FULL))
        self.preview_html = w.HTML(layout=w.Layout(width=ui.FULL))

        # ---------------------------------------------------------------- 3 about the session
        self._technique_ids = list(demo_techniques() if techniques is None else techniques)
        self.techniques = w.SelectMultiple(options=[(_technique_label(t), t) for t in self._technique_ids],
                                           rows=min(10, max(4, len(self._technique_ids))),
                                           layout=w.Layout(width="100%", max_width="420px"))
        self.rupture = w.ToggleButtons(options=_RUPTURE_OPTIONS, value="none",
                                       style={"button_width": "auto"}, layout=w.Layout(width="auto"))
        self.repair = w.Checkbox(description="I attempted a repair", indent=False, layout=w.Layout(width="auto"))
        self.alliance = w.FloatSlider(value=5.0, min=0, max=10, step=0.5, readout_format=".1f",
                                      description="Alliance (0–10)", style=wide,
                                      layout=w.Layout(width="100%", max_width="420px"))
        self.alliance_note = w.HTML(layout=w.Layout(width="auto"))
        self.language = w.Text(value="English", description="Language of the session", style=wide,
                               layout=w.Layout(width="320px"))
        self.interpreter = w.Checkbox(description="An interpreter was present", indent=False,
                                      layout=w.Layout(width="auto"))

        # ---------------------------------------------------------------- 4 countertransference
        self.ct_preview = w.HTML(layout=w.Layout(width=ui.FULL))
        self.checkin = CountertransferenceCheckIn(note_preview=self.ct_preview)
        self.ct, self.ct_note = self.checkin.ratings, self.checkin.note

        # ---------------------------------------------------------------- 5 save
        self.save_button = w.Button(description="Save to my journal", button_style="primary", icon="check",
                                    layout=w.Layout(width="auto"))
        self.reset_button = w.Button(description="Clear the form", icon="eraser", layout=w.Layout(width="auto"))
        self.status = w.HTML(layout=w.Layout(width=ui.FULL))
        self.draft_status = w.HTML(layout=w.Layout(width="auto"))
        self.editing_banner = w.HTML(layout=w.Layout(width=ui.FULL))

        # ---------------------------------------------------------------- 6 past entries
        self.entry_list = w.Select(rows=8, layout=w.Layout(width="100%", max_width="640px"))
        self.load_button = w.Button(description="Edit", icon="pencil", layout=w.Layout(width="auto"),
                                    tooltip="Load the chosen entry into the form above")
        self.history_button = w.Button(description="Show history", icon="history", layout=w.Layout(width="auto"))
        self.delete_button = w.Button(description="Delete…", icon="trash", button_style="warning",
                                      layout=w.Layout(width="auto"))
        self.refresh_button = w.Button(description="Refresh", icon="refresh", layout=w.Layout(width="auto"))
        self.delete_reason = w.Text(description="Reason", placeholder="e.g. duplicate of another entry",
                                    style=wide, layout=w.Layout(width="100%", max_width="520px"))
        self.confirm_delete_button = w.Button(description="Yes, delete it", button_style="danger",
                                              layout=w.Layout(width="auto"))
        self.cancel_delete_button = w.Button(description="Keep it", layout=w.Layout(width="auto"))
        self.delete_question = w.HTML(layout=w.Layout(width=ui.FULL))
        self.delete_box = w.VBox([self.delete_question, ui.row(self.delete_reason),
                                  ui.row(self.confirm_delete_button, self.cancel_delete_button)],
                                 layout=w.Layout(width=ui.FULL, display="none", border="1px solid #e0b000",
                                                 padding="4px 10px"))
        self.history_html = w.HTML(layout=w.Layout(width=ui.FULL))

        super().__init__([
            w.HTML("<h2 style='margin:4px 0'>Reflection journal</h2>"),
            ui.help_text("Write your reflection after the session. Names, phone numbers, addresses and other details "
                  "that identify someone are replaced <b>before</b> anything is written; the journal is then "
                  "encrypted on this computer. Nothing leaves it unless you export entries yourself."),
            self.editing_banner,
            ui.heading("1 · Which session"),
            ui.help_text("Pick one of your sessions, or type the client id and session number."),
            picker_row,
            ui.row(self.client_id, self.session, self.date),
            ui.heading("2 · Your reflection"),
            ui.help_text("Write freely. Below it you see the text exactly as it will be stored: highlighted parts "
                  "replace names, contacts and other identifying details."),
            self.text,
            self.preview_summary,
            self.preview_html,
            ui.heading("3 · About the session"),
            ui.help_text("Techniques you used (hold Ctrl, or ⌘ on a Mac, to choose more than one)."),
            self.techniques,
            ui.help_text("Did you notice a rupture in the alliance?"),
            ui.row(self.rupture, self.repair),
            ui.help_text("How strong did the working alliance feel to you? 0 = very weak, 10 = very strong."),
            ui.row(self.alliance, self.alliance_note),
            ui.row(self.language, self.interpreter),
            ui.heading("4 · How you felt: a short check-in"),
            ui.help_text("How much did you feel each of these with this client today? 0 = not at all, 4 = very much. "
                  "(The factors of the Therapist Response Questionnaire.)"),
            self.checkin,
            ui.heading("5 · Save"),
            ui.row(self.save_button, self.reset_button, self.draft_status),
            self.status,
            ui.heading("Past entries"),
            ui.help_text("Your saved entries, newest session first: date · client · session · version. "
                  "Choose one, then edit it, see its history or delete it."),
            self.entry_list,
            ui.row(self.load_button, self.history_button, self.delete_button, self.refresh_button, gap="4px 8px"),
            self.delete_box,
            self.history_html,
        ], layout=w.Layout(width=ui.FULL, max_width="1100px", padding="0 8px 0 0"))

        # ---------------------------------------------------------------- events
        self.text.observe(self._on_text, "value")
        self.client_id.observe(self._on_client, "value")
        self.ct_note.observe(self._on_note, "value")
        self.language.observe(self._on_context, "value")
        self.alliance.observe(self._on_alliance, "value")
        for widget in (self.session, self.date, self.techniques, self.rupture, self.repair, self.interpreter,
                       *self.ct.values()):
            widget.observe(self._on_change, "value")
        self.session_picker.observe(self._on_pick, "value")
        self.save_button.on_click(lambda _: self.save())
        self.reset_button.on_click(lambda _: self._on_reset())
        self.entry_list.observe(self._on_select, "value")
        self.load_button.on_click(lambda _: self._on_load())
        self.history_button.on_click(lambda _: self.show_history())
        self.delete_button.on_click(lambda _: self._ask_delete())
        self.confirm_delete_button.on_click(lambda _: self._confirm_delete())
        self.cancel_delete_button.on_click(lambda _: self._cancel_delete())
        self.refresh_button.on_click(lambda _: self.refresh())

        self._clear_form()
        self.refresh()
        self._restore_draft()

    @contextmanager
    def _quiet(self):
        """Change widgets without treating it as the clinician's change (no preview, no draft)."""
        busy, self._busy = self._busy, True
        try:
            yield
        finally:
            self._busy = busy

    # ------------------------------------------------------------------ protocol
    @property
    def state(self) -> dict:
        return {"form": self._fields(), "editing": self._editing, "preview": dict(self._counts),
                "entries": self._n_entries, "status": self._status}

    def fill(self, **values) -> None:
        """Set form fields by name (``text`` and the journal's field names), as if typed."""
        unknown = set(values) - {"text", *_field_labels()}
        if unknown:
            raise ValueError(f"unknown form fields: {', '.join(sorted(unknown))}")
        with self._quiet():
            self._set_form(values)
        self._update_preview()
        self._update_note_preview()
        self._update_prompts()
        self._changed()

    def save(self) -> str | None:
        """Save the form as a new entry (or a new version of the entry being edited); return its id.

        On success the form is cleared, the draft removed and the list refreshed. When the journal
        refuses (a field out of range, a closed journal…) the reason is shown and ``None`` returned;
        the form and its draft stay as they were.
        """
        fields = self._fields()
        text = fields.pop("text")
        if not text.strip() and not (fields.get("ct_note") or "").strip() and self._editing is None:
            self._say("Nothing to save yet: write your reflection first.", "error")
            return None
        try:
            if self._editing is None:
                eid = self.journal.add(text, **{k: v for k, v in fields.items() if v is not None})
                message = (f"Saved: entry {eid}{self._where(fields)} is in your journal, anonymised and "
                           "encrypted. The form is clear for your next reflection.")
            else:
                eid = self._editing
                changes = self._changes(text, fields)
                if not changes:
                    self._say("Nothing has changed, so there is nothing to save. Use “Stop editing” to leave "
                              "the entry as it is.", "info")
                    return None
                version = self.journal.edit(eid, **changes)
                message = (f"Saved version {version} of entry {eid}{self._where(fields)}. "
                           "The form is clear for your next reflection.")
        except Exception as exc:  # noqa: BLE001 -- the form shows every refusal as a message, never a traceback
            self._say(self._refusal(exc, [text, fields.get("ct_note") or ""],
                                    after="Your form and its draft are kept: correct it and save again."), "error")
            return None
        self._clear_stored_draft()
        self._clear_form()
        self.refresh(select=eid)
        self._say(message, "ok")
        return eid

    def load_entry(self, entry_id: str) -> None:
        """Put an entry's current version in the form for editing (raises ``KeyError`` for an unknown id)."""
        entries = self.journal.entries()
        rows = entries[entries["entry_id"] == entry_id]
        if rows.empty:
            raise KeyError(f"there is no entry {entry_id} in this journal (it may have been deleted)")
        row = rows.iloc[-1]
        values = {"text": row["text"] if not ui.missing(row["text"]) else ""}
        for name in _field_labels():
            v = row.get(name)
            values[name] = None if ui.missing(v) else v
        with self._quiet():
            self._clear_form()
            self._set_form(values)
            self._editing = entry_id
            self._loaded = self._fields()
        self._update_preview()
        self._update_note_preview()
        self._update_prompts()
        self._show_editing(int(row["version"]))
        self._say(f"Editing entry {entry_id} (version {int(row['version'])}). The text is as it was stored, "
                  "already anonymised. Save makes a new version; the earlier ones stay in the history.", "info")

    def reset(self) -> None:
        """Clear the form (and stop editing) and remove the saved draft."""
        self._clear_stored_draft()
        self._clear_form()

    def refresh(self, select: str | None = None) -> None:
        """Reread the journal's entries into the list."""
        try:
            entries = self.journal.entries()
        except Exception as exc:  # noqa: BLE001 -- shown as a message
            self._say(self._refusal(exc, [], "The entries could not be read"), "error")
            return
        self._n_entries = len(entries)
        when = entries["date"].fillna(entries["created"].dt.normalize())
        order = pd.DataFrame({"when": when, "created": entries["created"]}).sort_values(
            ["when", "created"], ascending=False, kind="stable").index
        options = []
        for i in order:
            row = entries.loc[i]
            client = row["client_id"] if not ui.missing(row["client_id"]) else "no client id"
            session = f"session {int(row['session'])}" if not ui.missing(row["session"]) else "no session number"
            options.append((f"{when[i]:%Y-%m-%d} · {client} · {session} · version {int(row['version'])}",
                            row["entry_id"]))
        keep = select or self.entry_list.value
        with self._quiet():
            self.entry_list.options = options
            ids = [v for _, v in options]
            self.entry_list.value = keep if keep in ids else (ids[0] if ids else None)
        for b in (self.load_button, self.history_button, self.delete_button):
            b.disabled = not options
        if not options:
            self.history_html.value = _NO_ENTRIES
        elif self.history_html.value == _NO_ENTRIES:
            self.history_html.value = ""
        self._update_client_options()

    def show_history(self, entry_id: str | None = None) -> None:
        """Show every version of an entry (the chosen one by default): version, what, when, stored text."""
        entry_id = entry_id or self.entry_list.value
        if entry_id is None:
            return
        try:
            hist = self.journal.history(entry_id)
        except Exception as exc:  # noqa: BLE001 -- shown as a message
            self._say(self._refusal(exc, [], "No history"), "error")
            return
        what = {"add": "written", "edit": "edited", "delete": "deleted"}
        rows = []
        for rec in hist.itertuples(index=False):
            if rec.op == "delete":
                body = "Deleted" + (f". Reason: {rec.reason}" if not ui.missing(rec.reason) and rec.reason else "")
            else:
                body = "" if ui.missing(rec.text) else rec.text
            rows.append(f"<tr><td style='padding:2px 6px;vertical-align:top'>{int(rec.version)}</td>"
                        f"<td style='padding:2px 6px;vertical-align:top'>{what.get(rec.op, rec.op)}</td>"
                        f"<td style='padding:2px 6px;vertical-align:top;white-space:nowrap'>"
                        f"{rec.updated:%Y-%m-%d %H:%M}</td>"
                        f"<td style='padding:2px 6px;vertical-align:top;white-space:pre-wrap;overflow-wrap:anywhere'>"
                        f"{html.escape(body)}</td></tr>")
        head = "".join(f"<th style='text-align:left;padding:2px 6px'>{h}</th>"
                       for h in ("version", "what", "when", "text as stored"))
        self.history_html.value = (
            f"<div style='margin-top:6px'><b>History of entry {html.escape(entry_id)}</b></div>"
            "<div style='max-height:22em;overflow-y:auto;width:100%'>"
            "<table style='border-collapse:collapse;font-size:90%;line-height:1.4;width:100%'>"
            f"<thead><tr>{head}</tr></thead><tbody>{''.join(rows)}</tbody></table></div>")

    # ------------------------------------------------------------------ deleting: ask, then confirm
    def _ask_delete(self) -> None:
        eid = self.entry_list.value
        if eid is None:
            return
        label = next((lab for lab, v in self.entry_list.options if v == eid), eid)
        self._pending_delete = eid
        self.delete_reason.value = ""
        self.delete_question.value = (
            f"<b>Delete {html.escape(label)}?</b><br><span style='{ui.HELP}'>It leaves your list and can no longer be "
            "exported. Its earlier versions stay, encrypted, in its history, with the reason you give here.</span>")
        self.delete_box.layout.display = None

    def _confirm_delete(self) -> None:
        eid = self._pending_delete
        if eid is None or eid != self.entry_list.value:
            self._cancel_delete()
            return
        reason = self.delete_reason.value
        try:
            self.journal.delete(eid, reason=reason)
        except Exception as exc:  # noqa: BLE001 -- shown as a message
            self._say(self._refusal(exc, [reason], "Not deleted"), "error")
            return
        self._cancel_delete()
        if self._editing == eid:
            self.reset()
        self.refresh()
        self.show_history(eid)
        self._say(f"Deleted entry {eid}. Its earlier versions stay in its history (shown below).", "ok")

    def _cancel_delete(self) -> None:
        self._pending_delete = None
        self.delete_reason.value = ""
        self.delete_question.value = ""
        self.delete_box.layout.display = "none"

    # ------------------------------------------------------------------ the form
    def _fields(self) -> dict:
        """The form as ``text`` plus journal fields (``None`` = not given)."""
        raw = self.session.value.strip()
        session = int(raw) if re.fullmatch(r"[+-]?\d{1,9}", raw) else (raw or None)
        return {"text": self.text.value,
                "client_id": self.client_id.value.strip() or None,
                "session": session,
                "date": self.date.value,
                "techniques": list(self.techniques.value),
                "rupture": self.rupture.value,
                "repair_attempted": bool(self.repair.value),
                "clinician_alliance": float(self.alliance.value) if self._alliance_rated else None,
                "language": self.language.value.strip() or None,
                "interpreter": bool(self.interpreter.value),
                **{name: int(s.value) for name, s in self.ct.items()},
                "ct_note": self.ct_note.value if self.ct_note.value.strip() else None}

    def _set_form(self, values: dict) -> None:
        for name, v in values.items():
            if name == "text":
                self.text.value = v or ""
            elif name == "client_id":
                self.client_id.value = "" if v is None else str(v)
            elif name == "session":
                self.session.value = "" if v is None else str(int(v) if isinstance(v, (int, np.integer)) else v)
            elif name == "date":
                self.date.value = None if v is None else (
                    v.date() if isinstance(v, datetime) else v if isinstance(v, date) else date.fromisoformat(v))
            elif name == "techniques":
                chosen = list(v or [])
                extra = [t for t in chosen if t not in self._technique_ids]
                if extra:
                    self._technique_ids += extra
                    self.techniques.options = [(_technique_label(t), t) for t in self._technique_ids]
                self.techniques.value = tuple(chosen)
            elif name == "rupture":
                self.rupture.value = v or "none"
            elif name == "repair_attempted":
                self.repair.value = bool(v)
            elif name == "clinician_alliance":
                self._alliance_rated = v is not None
                self.alliance.value = 5.0 if v is None else float(v)
                self._show_alliance()
            elif name == "language":
                self.language.value = v or ""
            elif name == "interpreter":
                self.interpreter.value = bool(v)
            elif name in self.ct:
                self.ct[name].value = 0 if v is None else int(v)
            elif name == "ct_note":
                self.ct_note.value = v or ""

    def _blank(self) -> dict:
        return {"text": "", "client_id": None, "session": None, "date": date.today(), "techniques": [],
                "rupture": "none", "repair_attempted": False, "clinician_alliance": None, "language": "English",
                "interpreter": False, **dict.fromkeys(self.ct, 0), "ct_note": None}

    def _clear_form(self) -> None:
        with self._quiet():
            self._editing = self._loaded = None
            self._set_form(self._blank())
            if self._sessions is not None:
                self.session_picker.value = _NO_SESSION
        self._show_editing(None)
        self._update_preview()
        self._update_note_preview()
        self._update_prompts()

    def _changes(self, text: str, fields: dict) -> dict:
        """What differs from the entry as loaded: only that is passed to :meth:`Journal.edit`."""
        loaded = self._loaded or {}
        out = {k: v for k, v in fields.items() if v != loaded.get(k)}
        if text != loaded.get("text"):
            out["text"] = text
        return out

    def _unsaved(self) -> bool:
        """Whether the form differs from a blank one (or, when editing, from the entry as loaded)."""
        fields = self._fields()
        if self._editing is not None:
            return bool(self._changes(fields.pop("text"), fields))
        return {**fields, "date": None} != {**self._blank(), "date": None}

    @staticmethod
    def _where(fields: dict) -> str:
        bits = [fields["client_id"] if fields.get("client_id") else None,
                f"session {fields['session']}" if fields.get("session") is not None else None]
        bits = [b for b in bits if b]
        return f" ({', '.join(bits)})" if bits else ""

    def _show_editing(self, version: int | None) -> None:
        if self._editing is None:
            self.editing_banner.value = ""
            self.save_button.description = "Save to my journal"
            self.reset_button.description = "Clear the form"
        else:
            self.editing_banner.value = ui.box(f"You are editing entry {self._editing} (version {version}). "
                                             "Saving makes version " + str((version or 0) + 1) + ".", "info")
            self.save_button.description = "Save changes"
            self.reset_button.description = "Stop editing"

    def _show_alliance(self) -> None:
        self.alliance_note.value = ("" if self._alliance_rated else
                                    "<span style='color:#666'><i>not rated yet: move the slider to rate</i></span>")

    def _say(self, message: str, kind: str = "info") -> None:
        self._status = message
        self.status.value = ui.box(message, kind)

    @staticmethod
    def _refusal(exc: Exception, typed: list[str], what: str = "Not saved", after: str = "") -> str:
        """The journal's reason in words; a generic one if it would repeat any of ``typed``."""
        message = str(exc.args[0]) if isinstance(exc, KeyError) and exc.args else str(exc)
        if not message or _quotes(message, typed):
            message = f"the journal refused it ({type(exc).__name__})"
        return f"{what}: {_friendly(message).rstrip('.')}.{' ' + after if after else ''}"

    # ------------------------------------------------------------------ sessions
    def _session_table(self, sessions: pd.DataFrame | None) -> pd.DataFrame | None:
        if sessions is None:
            return None
        table = sessions
        clinician = None
        if "clinician_id" in table.columns:
            try:
                clinician = self.journal.clinician_id
            except Exception:  # noqa: BLE001 -- no clinician filter then
                clinician = None
            if clinician is not None and (table["clinician_id"] == clinician).any():
                table = table[table["clinician_id"] == clinician]
        table = pd.DataFrame({"client_id": table["client_id"].astype("str"),
                              "session": pd.to_numeric(table["session"], errors="coerce"),
                              "date": pd.to_datetime(table["date"], errors="coerce")}).dropna(subset=["session"])
        return table.sort_values(["date", "client_id", "session"], ascending=[False, True, False],
                                 na_position="last", kind="stable").reset_index(drop=True)

    def _fill_session_options(self) -> None:
        client = self.client_id.value.strip()
        table = self._sessions
        if client and (table["client_id"] == client).any():
            table = table[table["client_id"] == client]
        key = client if len(table) < len(self._sessions) else None
        if getattr(self, "_picker_key", "unset") == key:
            return
        self._picker_key = key
        options = [("— choose one —", _NO_SESSION)]
        for i, row in table.iterrows():
            day = "no date" if pd.isna(row["date"]) else f"{row['date']:%Y-%m-%d}"
            options.append((f"{row['client_id']} · session {int(row['session'])} · {day}", int(i)))
        current = self.session_picker.value
        with self._quiet():
            self.session_picker.options = options
            self.session_picker.value = current if current in table.index else _NO_SESSION

    def _update_client_options(self) -> None:
        ids: set[str] = set()
        if self._sessions is not None:
            ids.update(self._sessions["client_id"].dropna().tolist())
        try:
            ids.update(self.journal.entries()["client_id"].dropna().tolist())
        except Exception:  # noqa: BLE001 -- suggestions only
            pass
        self.client_id.options = sorted(ids)

    # ------------------------------------------------------------------ events
    def _on_pick(self, change) -> None:
        if self._busy or change["new"] in (None, _NO_SESSION):
            return
        row = self._sessions.loc[change["new"]]
        with self._quiet():
            self.client_id.value = row["client_id"]
            self.session.value = str(int(row["session"]))
            if not pd.isna(row["date"]):
                self.date.value = row["date"].date()
        self._on_context(None)

    def _on_text(self, _change) -> None:
        if not self._busy:
            self._update_preview()
            self._update_prompts()
            self._changed()

    def _update_prompts(self) -> None:
        """What the reflection says about the session (rupture, interpreter, early session, affect cues in
        the text) joins the check-in's own triggers, so its prompts fit what happened."""
        from ..prompts import reflection_triggers

        raw = self.session.value.strip()
        extra = reflection_triggers({"rupture": self.rupture.value, "text": self.text.value,
                                     "interpreter": self.interpreter.value,
                                     "session": int(raw) if raw.isdigit() else None}, where="this reflection")
        self.checkin.set_context(client_id=self.client_id.value.strip() or None, extra_triggers=extra)

    def _on_note(self, _change) -> None:
        if not self._busy:
            self._update_note_preview()
            self._update_prompts()
            self._changed()

    def _on_client(self, _change) -> None:
        if self._sessions is not None:
            self._fill_session_options()
        if not self._busy:
            self._on_context(None)

    def _on_context(self, _change) -> None:
        """The client, session or language changed: both previews depend on them (dates are shifted per
        client, the language picks the word lists)."""
        if not self._busy:
            self._update_preview()
            self._update_note_preview()
            self._update_prompts()
            self._changed()

    def _on_alliance(self, _change) -> None:
        if not self._busy:
            self._alliance_rated = True
            self._show_alliance()
            self._changed()

    def _on_change(self, _change) -> None:
        if not self._busy:
            self._update_prompts()
            self._changed()

    def _on_reset(self) -> None:
        self.reset()
        self._say("The form is clear.", "info")

    def _on_select(self, _change) -> None:
        if not self._busy and self._pending_delete is not None:
            self._cancel_delete()

    def _on_load(self) -> None:
        eid = self.entry_list.value
        if eid is None:
            return
        if self._unsaved():
            self._say("The form holds something you have not saved. Save it, or use “"
                      f"{self.reset_button.description}” to discard it, then choose Edit again.", "error")
            return
        try:
            self.load_entry(eid)
        except KeyError as exc:
            self._say(self._refusal(exc, [], "Cannot edit it"), "error")
            self.refresh()
            return
        self._clear_stored_draft()              # the form now holds the stored entry, not the draft

    # ------------------------------------------------------------------ preview
    def _preview(self, text: str):
        return self.journal.preview(text, client_id=self.client_id.value.strip() or None,
                                    language=self.language.value.strip() or None)

    def _update_preview(self) -> None:
        text = self.text.value
        self._counts = {}
        if self._editing is not None and self._loaded is not None and text == self._loaded.get("text"):
            self.preview_summary.value = (f"<div style='{ui.HELP}'>The text is unchanged: it stays as it was "
                                          "stored.</div>")
            self.preview_html.value = ""
            return
        if not text.strip():
            self.preview_summary.value = ""
            self.preview_html.value = ""
            return
        try:
            result = self._preview(text)
        except Exception as exc:  # noqa: BLE001 -- shown as a message
            self.preview_summary.value = ui.box(self._refusal(exc, [text], "No preview"), "error")
            self.preview_html.value = ""
            return
        self._counts = result.counts()
        self.preview_summary.value = (f"<div style='margin:6px 0 2px 0'><b>As it will be stored.</b> "
                                      f"{html.escape(result.summary())}</div>")
        self.preview_html.value = ("<div style='border:1px solid #ccc;border-radius:4px;padding:6px 10px;"
                                   "white-space:pre-wrap;overflow-wrap:anywhere;background:#fafafa;max-height:18em;line-height:1.5;"
                                   f"overflow-y:auto'>{_highlighted(text, result.replaced)}</div>")

    def _update_note_preview(self) -> None:
        note = self.ct_note.value
        if not note.strip() or (self._editing is not None and self._loaded is not None
                                and (self._loaded.get("ct_note") or "") == note):
            self.ct_preview.value = ""
            return
        try:
            result = self._preview(note)
        except Exception:  # noqa: BLE001 -- the reflection's preview reports problems
            self.ct_preview.value = ""
            return
        if not result.replaced:
            self.ct_preview.value = ""
            return
        self.ct_preview.value = (f"<div style='{ui.HELP}'>Note as it will be stored ({html.escape(result.summary())}): "
                                 f"<span style='overflow-wrap:anywhere'>{_highlighted(note, result.replaced)}</span>"
                                 "</div>")

    # ------------------------------------------------------------------ drafts
    def _draft_form(self) -> dict:
        fields = self._fields()
        fields["date"] = None if fields["date"] is None else fields["date"].isoformat()
        fields["session"] = self.session.value
        return fields

    def _changed(self) -> None:
        """The clinician changed something: keep the form as the encrypted draft now."""
        self._write_draft()

    def _write_draft(self) -> None:
        """Store the form as the journal's draft, or remove a blank one."""
        form = self._draft_form()
        blank = {**self._blank(), "date": form["date"], "session": ""}
        try:
            if self._editing is None and form == blank:
                self._clear_stored_draft()
                return
            self.journal.save_draft({"kind": "rapportlib.JournalEditor", "form": form, "editing": self._editing,
                                     "saved": datetime.now().isoformat(timespec="seconds")})
            self._draft_stored = True
            self.draft_status.value = (f"<span style='color:#666;font-size:90%'>Draft kept (encrypted) at "
                                       f"{datetime.now():%H:%M:%S}</span>")
        except Exception as exc:  # noqa: BLE001 -- a failed autosave must not break typing
            self.draft_status.value = ("<span style='color:#b3261e;font-size:90%'>The draft could not be kept "
                                       f"({html.escape(type(exc).__name__)})</span>")

    def _clear_stored_draft(self) -> None:
        try:
            if self._draft_stored or self.journal.draft() is not None:
                self.journal.clear_draft()
        except Exception:  # noqa: BLE001 -- nothing to clear, or the journal is closed
            pass
        self._draft_stored = False
        self.draft_status.value = ""

    def _restore_draft(self) -> None:
        try:
            draft = self.journal.draft()
        except Exception:  # noqa: BLE001 -- an unreadable draft is not restored
            return
        if not isinstance(draft, dict) or not isinstance(draft.get("form"), dict):
            return
        self._draft_stored = True
        form = {k: v for k, v in draft["form"].items() if k == "text" or k in _field_labels()}
        editing = draft.get("editing")
        if editing is not None:
            try:
                self.load_entry(editing)
            except KeyError:
                editing = None
        with self._quiet():
            for name, value in form.items():
                try:
                    self._set_form({name: value})
                except (TypeError, ValueError):
                    pass
        self._update_preview()
        self._update_note_preview()
        self._update_prompts()
        saved = draft.get("saved")
        try:
            when = f" (last changed {datetime.fromisoformat(saved):%Y-%m-%d at %H:%M})" if saved else ""
        except (TypeError, ValueError):
            when = ""
        what = f"your changes to entry {editing}" if editing else "the reflection you had not saved yet"
        self._say(f"Restored {what}{when}. Save it, or use “Clear the form” to discard it.", "info")


class JournalApp(w.VBox):
    """Opens a journal with a passphrase box, then shows its :class:`JournalEditor` (``.editor``).

    Made by :func:`journal_app`. ``journal`` and ``editor`` are ``None`` until the journal is open.
    """

    def __init__(self, path=None, passphrase=None, *, roster=None, clinician_id: str | None = None,
                 kdf_n: int | None = None, **editor_kwargs):
        from ..journal import default_path

        self.path = default_path() if path is None else Path(path).expanduser()
        self.journal = None
        self.editor: JournalEditor | None = None
        self._journal_kwargs = {"roster": roster, "clinician_id": clinician_id,
                                **({"kdf_n": kdf_n} if kdf_n is not None else {})}
        self._editor_kwargs = editor_kwargs
        new = not self.path.exists()
        self.passphrase = w.Password(description="Passphrase", style={"description_width": "initial"},
                                     layout=w.Layout(width="100%", max_width="420px"))
        self.confirm = w.Password(description="Type it again", style={"description_width": "initial"},
                                  layout=w.Layout(width="100%", max_width="420px",
                                                  display=None if new else "none"))
        self.open_button = w.Button(description="Create journal" if new else "Open journal", button_style="primary",
                                    icon="unlock", layout=w.Layout(width="auto"))
        self.message = w.HTML(layout=w.Layout(width=ui.FULL))
        if new:
            intro = ("There is no journal here yet. Choose a passphrase and type it twice. Nothing can recover a "
                     "journal whose passphrase is lost, so keep it somewhere safe.")
        else:
            intro = "Your journal is encrypted. Type its passphrase to open it."
        self.login = w.VBox([
            w.HTML("<h2 style='margin:4px 0'>Reflection journal</h2>"),
            ui.help_text(f"{html.escape(intro)}<br>Journal file: <code>{html.escape(str(self.path))}</code>"),
            self.passphrase, self.confirm, ui.row(self.open_button), self.message,
        ], layout=w.Layout(width=ui.FULL))
        super().__init__([self.login], layout=w.Layout(width=ui.FULL))
        self.open_button.on_click(lambda _: self.open_journal())
        if passphrase is not None:
            self.open_journal(passphrase)

    def open_journal(self, passphrase: str | None = None) -> bool:
        """Open the journal with ``passphrase`` (default: what was typed); show the editor on success."""
        from ..journal import Journal, JournalError, JournalPassphraseError

        typed = passphrase is None
        secret = self.passphrase.value if typed else passphrase
        if not secret:
            self.message.value = ui.box("Type your passphrase first.", "error")
            return False
        if typed and self.confirm.layout.display != "none" and self.confirm.value != secret:
            self.message.value = ui.box("The two passphrases differ. Type the same passphrase in both boxes.",
                                      "error")
            return False
        self.open_button.disabled = True
        self.message.value = ui.box("Opening…", "info")
        try:
            self.journal = Journal(self.path, secret, **self._journal_kwargs)
        except JournalPassphraseError:
            self.message.value = ui.box("That passphrase does not open this journal.", "error")
            return False
        except (JournalError, ValueError, TypeError, OSError) as exc:
            self.message.value = ui.box(f"The journal could not be opened: {exc}", "error")
            return False
        finally:
            self.open_button.disabled = False
            self.passphrase.value = self.confirm.value = ""     # not kept in the widget (or a saved notebook)
        self.message.value = ""
        self.editor = JournalEditor(self.journal, **self._editor_kwargs)
        self.children = [self.editor]
        return True

    def close(self) -> None:
        """Close the editor and the journal."""
        if getattr(self, "editor", None) is not None:
            self.editor.close()
        if getattr(self, "journal", None) is not None:
            self.journal.close()
        super().close()


def journal_app(path=None, passphrase=None, *, roster=None, clinician_id: str | None = None,
                kdf_n: int | None = None, **editor_kwargs) -> JournalApp:
    """The journal as one widget: a passphrase box (unless ``passphrase`` is given), then the editor.

    ``path`` is the journal file (``None``: :func:`rapportlib.journal.default_path`); a missing file
    is created, and the box then asks for the new passphrase twice. ``roster``, ``clinician_id`` and
    ``kdf_n`` go to :class:`~rapportlib.journal.Journal`; the rest to :class:`JournalEditor`. A wrong
    passphrase shows "That passphrase does not open this journal." The editor is ``app.editor``.
    """
    return JournalApp(path, passphrase, roster=roster, clinician_id=clinician_id, kdf_n=kdf_n, **editor_kwargs)
