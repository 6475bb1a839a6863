"""Theme coding, as two thin views over :mod:`rapportlib.coding`.

* :class:`ThemeCoder`: one reflection at a time, the codebook's themes as tick boxes grouped under
  their headings (keyword suggestions marked, never ticked for the coder), an optional memo, and
  Back / Skip / Save and next. It opens at the first reflection this coder has not coded yet.
* :class:`AgreementView`: how far the coders agree (:func:`rapportlib.coding.agreement`), with a
  Refresh button.

Both expose ``state``, a plain dict of what is shown and chosen.
"""

from __future__ import annotations

import html
import math

import ipywidgets as w
import pandas as pd

from . import _ui as ui

__all__ = ["AgreementView", "ThemeCoder"]

SUGGESTED = "#fff3c4"       # background of a suggested theme's tick box
_TEXT_BOX = ("border:1px solid #ccc;border-radius:4px;padding:8px 12px;background:#fafafa;white-space:pre-wrap;"
             "overflow-wrap:anywhere;line-height:1.5;max-width:820px")


def _project(project_or_journal, codebook=None):
    from ..coding import CodingProject

    if isinstance(project_or_journal, CodingProject):
        if codebook is not None and codebook is not project_or_journal.codebook:
            raise ValueError("give the codebook to the CodingProject, not to the widget as well")
        return project_or_journal
    return CodingProject(project_or_journal, codebook)


def _tip(code) -> str:
    parts = [code.definition]
    if code.include:
        parts.append(f"Use when: {code.include}")
    if code.exclude:
        parts.append(f"Not when: {code.exclude}")
    return "\n".join(parts)


def _definitions(codebook) -> str:
    """The codebook as a readable list: each heading, then each theme with its definition and when to use it."""
    out = []
    for head in [None, *[c.id for c in codebook.codes.values()]]:
        leaves = [c for c in codebook.children_of(head) if c.id in set(codebook.leaf_ids())]
        if not leaves:
            continue
        title = "Other themes" if head is None else codebook.codes[head].label
        items = "".join(
            f"<li style='margin:2px 0'><b>{html.escape(c.label)}</b>: {html.escape(c.definition)}"
            + (f"<br><span style='color:#2e7d32'>Use when:</span> {html.escape(c.include)}" if c.include else "")
            + (f"<br><span style='color:#b3261e'>Not when:</span> {html.escape(c.exclude)}" if c.exclude else "")
            + (f"<br><span style='color:#555'>For example: <i>{html.escape(c.examples[0])}</i></span>"
               if c.examples else "") + "</li>" for c in leaves)
        out.append(f"<p style='margin:8px 0 2px 0'><b>{html.escape(title)}</b></p>"
                   f"<ul style='margin:0;padding-left:20px;line-height:1.4'>{items}</ul>")
    return f"<div style='{ui.HELP};max-width:820px'>{''.join(out)}</div>"


class ThemeCoder(w.VBox):
    """Code reflections one at a time with the themes of a codebook.

    ``reflections``: a reflections table (reflection_id and text; session, language and client_id are
    used when present) or a :class:`~rapportlib.Dataset`; they are shown in this order.
    ``project_or_journal``: a :class:`~rapportlib.coding.CodingProject`, or an open
    :class:`~rapportlib.Journal` (a project is made with ``codebook``, by default the shipped one).
    ``coder``: who is coding (a short name such as "coder A"). ``anonymise``: show each reflection as
    the journal's anonymiser would store it (names and other identifiers replaced); on by default.

    ``state``: ``{"coder", "position" (0-based), "reflection_id", "ticked" (code ids), "suggested",
    "memo", "coded", "total", "saved" (the last note id written), "message"}``.
    """

    def __init__(self, reflections, project_or_journal, codebook=None, *, coder: str, anonymise: bool = True):
        from ..coding import _coder, _reflections_frame

        super().__init__(layout=w.Layout(width=ui.FULL))
        self.project = _project(project_or_journal, codebook)
        self.codebook = self.project.codebook
        self.coder = _coder(coder)
        self.reflections = _reflections_frame(reflections, need_text=True).reset_index(drop=True)
        self.anonymise = anonymise
        self.position = 0
        self.saved: str | None = None
        self._suggested: list = []
        self._shown_text = ""

        self.progress = w.HTML(layout=w.Layout(width=ui.FULL))
        self.meta = w.HTML(layout=w.Layout(width=ui.FULL))
        self.text = w.HTML(layout=w.Layout(width=ui.FULL))
        self.suggestions = w.HTML(layout=w.Layout(width=ui.FULL))
        self.boxes: dict[str, w.Checkbox] = {}
        groups = []
        leaves = set(self.codebook.leaf_ids())
        for head in [*[c.id for c in self.codebook.codes.values()], None]:
            mine = [c for c in self.codebook.children_of(head) if c.id in leaves]
            if not mine:
                continue
            for c in mine:
                self.boxes[c.id] = w.Checkbox(value=False, description=c.label, tooltip=_tip(c), indent=False,
                                              layout=w.Layout(width="auto"))
            title = "Other themes" if head is None else " › ".join(self.codebook.codes[p].label
                                                                   for p in self.codebook.path(head))
            tip = "" if head is None else html.escape(self.codebook.codes[head].definition, quote=True)
            groups.append(w.HTML(f"<div style='margin:8px 0 0 0' title='{tip}'><b>{html.escape(title)}</b></div>",
                                 layout=w.Layout(width=ui.FULL)))
            groups.append(ui.row(*(self.boxes[c.id] for c in mine), gap="0px 18px"))
        self.themes = w.VBox(groups, layout=w.Layout(width=ui.FULL))
        self.show_definitions = w.Checkbox(value=False, description="Show what each theme means", indent=False,
                                           layout=w.Layout(width="auto"))
        self.definitions = w.HTML(layout=w.Layout(width=ui.FULL, display="none"))
        self.show_definitions.observe(lambda _: self._toggle_definitions(), "value")
        self.memo = w.Textarea(placeholder="Memo (optional): why you coded it this way, or a question for the other "
                                           "coders. Names are removed before it is saved.",
                               layout=w.Layout(width=ui.FULL, max_width="820px", height="4.5em"))
        self.back_button = w.Button(description="Back", icon="arrow-left", layout=w.Layout(width="auto"))
        self.skip_button = w.Button(description="Skip", icon="forward", layout=w.Layout(width="auto"),
                                    tooltip="Go to the next reflection without saving")
        self.save_button = w.Button(description="Save and next", icon="check", button_style="primary",
                                    layout=w.Layout(width="auto"))
        self.back_button.on_click(lambda _: self.back())
        self.skip_button.on_click(lambda _: self.skip())
        self.save_button.on_click(lambda _: self.save_and_next())
        self.message = w.HTML(layout=w.Layout(width=ui.FULL))

        self.children = [
            ui.heading("Theme coding"),
            ui.help_text("Read the reflection and tick every theme it contains, then press <b>Save and next</b>. "
                         "Themes on a <span style='background:" + SUGGESTED + "'>yellow background</span> contain "
                         "key words from the codebook: a hint only, tick them only if they fit. Hold the pointer "
                         "over a theme to see what it means. Your choices and memo are saved encrypted; names in "
                         "the memo are removed first."),
            self.progress, self.meta, self.text, self.suggestions,
            ui.heading("Themes"), self.themes, ui.row(self.show_definitions), self.definitions,
            ui.heading("Memo"), self.memo,
            ui.row(self.back_button, self.skip_button, self.save_button), self.message]

        total = len(self.reflections)
        if total == 0:
            self.message.value = ui.box("There are no reflections to code.", "info")
            self._render()
            return
        first = self.project.next_uncoded(self.coder, self.reflections)
        if first is None:
            self.message.value = ui.box(f"You have coded all {total} reflections. Use Back and Skip to look through "
                                        "them and change any.", "ok")
            self.show(0)
        else:
            ids = self.reflections["reflection_id"].astype("str").tolist()
            self.show(ids.index(first))
            done = self.project.progress(self.coder, self.reflections).coded
            if done:
                self.message.value = ui.box(f"Welcome back: you have coded {done} of {total}. This is the first "
                                            "reflection you have not coded yet.", "info")

    # ------------------------------------------------------------------ state
    @property
    def current(self) -> dict | None:
        """The reflection shown, as a dict of its row, or None."""
        if not len(self.reflections):
            return None
        return self.reflections.iloc[self.position].to_dict()

    def ticked(self) -> list[str]:
        """The code ids ticked now, in codebook order."""
        return [c for c, box in self.boxes.items() if box.value]

    @property
    def state(self) -> dict:
        cur = self.current
        prog = self.project.progress(self.coder, self.reflections)
        return {"coder": self.coder, "position": self.position,
                "reflection_id": None if cur is None else str(cur["reflection_id"]), "ticked": self.ticked(),
                "suggested": [s.code for s in self._suggested], "memo": self.memo.value, "coded": prog.coded,
                "total": prog.total, "saved": self.saved, "message": _plain(self.message.value)}

    # ------------------------------------------------------------------ moving
    def show(self, position: int) -> None:
        """Show the reflection at ``position`` (0-based), with this coder's earlier codes ticked."""
        if not len(self.reflections):
            return
        self.position = max(0, min(int(position), len(self.reflections) - 1))
        cur = self.current
        done = self.project.coding(self.coder, str(cur["reflection_id"]))
        ticked = set(done["codes"]) if done else set()
        for c, box in self.boxes.items():
            box.value = c in ticked
        self.memo.value = (done or {}).get("memo_text") or ""
        self._shown_text = self._display_text(cur)
        from ..coding import suggest_codes

        self._suggested = suggest_codes(self._shown_text, self.codebook)
        self._render(done)

    def _display_text(self, row: dict) -> str:
        text = row.get("text")
        if not isinstance(text, str):
            return ""
        if not self.anonymise:
            return text
        client = row.get("client_id")
        client = client.strip() if isinstance(client, str) and client.strip() and len(client) <= 200 else None
        return self.project.journal.preview(text, client_id=client).text

    def _render(self, done: dict | None = None) -> None:
        total = len(self.reflections)
        prog = self.project.progress(self.coder, self.reflections)
        where = f"Reflection {self.position + 1} of {total}" if total else "No reflections"
        self.progress.value = (f"<div style='margin:4px 0'><b>{where}</b> · {prog.coded} of {prog.total} coded by "
                               f"{html.escape(self.coder)}</div>")
        cur = self.current
        if cur is None:
            self.meta.value = self.text.value = self.suggestions.value = ""
        else:
            bits = []
            if not ui.missing(cur.get("session")):
                bits.append(f"Session {html.escape(str(cur['session']))}")
            if isinstance(cur.get("language"), str) and cur["language"].strip():
                bits.append(f"in {html.escape(cur['language'])}")
            if done:
                bits.append(f"you coded it on {done['updated']:%d %b %Y}"
                            + (f" (changed {done['version'] - 1} time{'s' if done['version'] > 2 else ''})"
                               if done["version"] > 1 else ""))
            self.meta.value = f"<div style='{ui.HELP}'>{' · '.join(bits)}</div>" if bits else ""
            self.text.value = f"<div style='{_TEXT_BOX}'>{html.escape(self._shown_text)}</div>"
            if self._suggested:
                items = ", ".join(f"<b>{html.escape(s.label)}</b> ({html.escape(', '.join(s.matched))})"
                                  for s in self._suggested)
                self.suggestions.value = f"<div style='{ui.HELP}'>Key words point to: {items}</div>"
            else:
                self.suggestions.value = f"<div style='{ui.HELP}'>No key words from the codebook in this one.</div>"
        marked = {s.code for s in self._suggested}
        for c, box in self.boxes.items():
            label = self.codebook.codes[c].label
            box.description = f"{label} (suggested)" if c in marked else label
            box.style.background = SUGGESTED if c in marked else ""
        self.back_button.disabled = self.position <= 0 or not total
        self.skip_button.disabled = self.position >= total - 1 or not total
        self.save_button.disabled = not total

    def _toggle_definitions(self) -> None:
        if self.show_definitions.value and not self.definitions.value:
            self.definitions.value = _definitions(self.codebook)
        self.definitions.layout.display = None if self.show_definitions.value else "none"

    def back(self) -> None:
        """Show the reflection before this one (nothing is saved)."""
        self.message.value = ""
        self.show(self.position - 1)

    def skip(self) -> None:
        """Show the next reflection without saving this one."""
        self.message.value = ""
        if self.position < len(self.reflections) - 1:
            self.show(self.position + 1)

    def save(self) -> str | None:
        """Save the ticked themes and the memo for the reflection shown; return the note id."""
        cur = self.current
        if cur is None:
            return None
        client = cur.get("client_id")
        client = client.strip() if isinstance(client, str) and client.strip() and len(client) <= 200 else None
        try:
            self.saved = self.project.save(self.coder, str(cur["reflection_id"]), self.ticked(),
                                           memo=self.memo.value, client_id=client)
        except (ValueError, TypeError) as exc:
            self.message.value = ui.box(f"Not saved: {exc}.", "error")
            return None
        return self.saved

    def save_and_next(self) -> str | None:
        """Save, then show the next reflection (or say that this was the last one)."""
        note = self.save()
        if note is None:
            return None
        n = len(self.ticked())
        what = f"{n} theme{'s' if n != 1 else ''}" if n else "no theme (nothing applies)"
        if self.position < len(self.reflections) - 1:
            self.show(self.position + 1)
            self.message.value = ui.box(f"Saved: {what} for the previous reflection.", "ok")
        else:
            self.show(self.position)
            prog = self.project.progress(self.coder, self.reflections)
            self.message.value = ui.box(f"Saved: {what}. That was the last reflection; {prog} by you.", "ok")
        return note


def _plain(value: str) -> str:
    import re

    return html.unescape(re.sub(r"<[^>]+>", "", value or "")).strip()


def _number(x: float, fmt: str) -> str:
    return "–" if x is None or (isinstance(x, float) and math.isnan(x)) else format(x, fmt)


class AgreementView(w.VBox):
    """How far the coders of a :class:`~rapportlib.coding.CodingProject` agree, theme by theme.

    ``coders``: compare only these (default: everyone who has coded). ``state``: ``{"coders",
    "table" (the agreement DataFrame, or None), "overall_alpha", "message"}``.
    """

    def __init__(self, project, *, coders=None):
        super().__init__(layout=w.Layout(width=ui.FULL))
        self.project = _project(project)
        self.coders = None if coders is None else list(coders)
        self.result: pd.DataFrame | None = None
        self.table = w.HTML(layout=w.Layout(width=ui.FULL))
        self.message = w.HTML(layout=w.Layout(width=ui.FULL))
        self.refresh_button = w.Button(description="Refresh", icon="refresh", layout=w.Layout(width="auto"))
        self.refresh_button.on_click(lambda _: self.refresh())
        self.children = [
            ui.heading("How well do the coders agree?"),
            ui.help_text("For each theme: how many reflections at least two coders coded, how often they gave the "
                         "same answer, and two measures that take agreement by chance into account (kappa, for "
                         "exactly two coders, and alpha, for any number). An alpha of 0.80 or more is reliable; "
                         "0.67 to 0.80 is good enough for cautious conclusions; below that, talk the theme's "
                         "definition through together and code again. <i>All themes together</i> pools every "
                         "tick-or-not decision; <i>Average over themes</i> is the plain average of the rows above."),
            self.message, self.table, ui.row(self.refresh_button)]
        self.refresh()

    @property
    def state(self) -> dict:
        alpha = None
        if self.result is not None:
            x = self.result.loc[self.result["code"] == "overall", "alpha"]
            alpha = None if x.empty or math.isnan(x.iloc[0]) else float(x.iloc[0])
        return {"coders": self.coders_compared(), "table": self.result, "overall_alpha": alpha,
                "message": _plain(self.message.value)}

    def coders_compared(self) -> list[str]:
        found = self.project.coders()
        return found if self.coders is None else [c for c in found if c in self.coders]

    def refresh(self) -> None:
        """Recompute the table from what is stored now."""
        coders = self.coders_compared()
        if len(coders) < 2:
            self.result = None
            self.table.value = ""
            self.message.value = ui.box(f"Agreement needs at least two coders who coded the same reflections; so far "
                                        f"{len(coders)} coder{'s have' if len(coders) != 1 else ' has'} saved codes.",
                                        "info")
            return
        self.result = self.project.agreement(coders)
        shown = self.result.copy()
        shown["label"] = shown["label"].replace({"All codes together (pooled)": "All themes together",
                                                 "Average over codes": "Average over themes"})
        shown["same"] = [_number(x, ".0f") + ("%" if not math.isnan(x) else "") for x in shown["percent_agreement"]]
        shown["k"] = [_number(x, ".2f") for x in shown["kappa"]]
        shown["a"] = [_number(x, ".2f") for x in shown["alpha"]]
        self.table.value = ui.table(shown, {"label": "Theme", "n_units": "Reflections", "n_coders": "Coders",
                                            "same": "Same answer", "k": "Kappa", "a": "Alpha",
                                            "reading": "What it means"},
                                    "Nothing to compare yet.")
        n = int(self.result["n_units"].iloc[-1])
        self.message.value = ui.box(f"Comparing {', '.join(coders)} on {n} reflection{'s' if n != 1 else ''} "
                                    "coded by at least two of them.", "info") if n else ui.box(
            "No reflection has been coded by two coders yet.", "info")
