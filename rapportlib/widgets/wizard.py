"""A step-by-step guide: steps are independent widgets; the wizard knows only their protocol.

A step is any widget with

* ``title``: a short name shown in the progress line;
* ``status``: a traitlet, ``"waiting"`` (not shown yet), ``"ready"`` (shown; the user may move on),
  ``"blocked"`` (the user must do something first; its ``blocked_reason`` says what) or ``"done"``
  (the step's work is finished, e.g. saved);
* ``state``: a plain dict of what the user chose or what the step found;
* optionally ``enter()``, called each time the step is shown (steps compute lazily there, so a
  wizard opens fast and a later step sees what earlier ones decided).

:class:`Wizard` shows one step at a time with Back and Next and a progress line (the step titles,
the current one marked, done ones ticked). It reads nothing else from a step.
"""

from __future__ import annotations

import html

import ipywidgets as w
import traitlets

from ._ui import FULL, box

STATUSES = ("waiting", "ready", "blocked", "done")


class Step(w.VBox):
    """Base class for a wizard step (any widget following the protocol above works too)."""

    status = traitlets.Unicode("waiting")
    blocked_reason = ""
    title = "Step"

    def __init__(self, title: str | None = None, **kwargs):
        super().__init__(**kwargs)
        if title is not None:
            self.title = title
        self.layout.width = FULL

    @property
    def state(self) -> dict:
        return {}

    def enter(self) -> None:
        if self.status == "waiting":
            self.status = "ready"


class Wizard(w.VBox):
    """Steps shown one at a time with Back / Next and progress (see the module docstring).

    ``wizard.state`` is ``{step title: step.state}``; ``wizard.index`` the current step;
    :meth:`next`, :meth:`back` and :meth:`go` move (as the buttons do).
    """

    index = traitlets.Int(0)

    def __init__(self, steps, *, title: str = "", intro: str = ""):
        super().__init__(layout=w.Layout(width=FULL, max_width="1180px"))
        self.steps = list(steps)
        if not self.steps:
            raise ValueError("a wizard needs at least one step")
        self.progress = w.HTML(layout=w.Layout(width=FULL))
        self.message = w.HTML()
        self.back_button = w.Button(description="Back", icon="arrow-left", layout=w.Layout(width="130px"))
        self.next_button = w.Button(description="Next step", icon="arrow-right", button_style="primary",
                                    layout=w.Layout(width="130px"))
        self.back_button.on_click(lambda _: self.back())
        self.next_button.on_click(lambda _: self.next())
        self.body = w.Box(layout=w.Layout(width=FULL, min_height="200px"))
        nav = w.HBox([self.back_button, self.next_button, self.message],
                     layout=w.Layout(align_items="center", grid_gap="8px", margin="10px 0 0 0",
                                     flex_flow="row wrap"))
        head = [w.HTML(f"<h2 style='margin:4px 0'>{html.escape(title)}</h2>")] if title else []
        if intro:
            head.append(w.HTML(f"<div style='color:#444;margin:0 0 6px 0'>{intro}</div>"))
        self.children = [*head, self.progress, self.body, nav]
        for step in self.steps:
            step.observe(self._refresh, names="status")
        self._show()

    # ---------------------------------------------------------------- moving
    def go(self, index: int) -> None:
        if not 0 <= index < len(self.steps):
            raise IndexError(f"there are {len(self.steps)} steps")
        self.index = index
        self._show()

    def next(self) -> bool:
        """Move on; returns False (and says why) when the current step is blocked or is the last."""
        step = self.current
        if step.status == "blocked":
            self.message.value = box(getattr(step, "blocked_reason", "") or "Finish this step first.", "info")
            return False
        if self.index + 1 >= len(self.steps):
            return False
        if step.status != "done":
            step.status = "ready"
        self.go(self.index + 1)
        return True

    def back(self) -> bool:
        if self.index == 0:
            return False
        self.go(self.index - 1)
        return True

    @property
    def current(self):
        return self.steps[self.index]

    @property
    def state(self) -> dict:
        return {step.title: step.state for step in self.steps}

    # ---------------------------------------------------------------- showing
    def _show(self) -> None:
        step = self.current
        self.message.value = ""
        enter = getattr(step, "enter", None)
        if callable(enter):
            enter()
        elif step.status == "waiting":
            step.status = "ready"
        self.body.children = [step]
        self._refresh()

    def _refresh(self, *_) -> None:
        parts = []
        for i, step in enumerate(self.steps):
            mark = "✓ " if step.status == "done" else ""
            name = html.escape(f"{i + 1}. {mark}{step.title}")
            if i == self.index:
                parts.append(f"<b style='color:#1f4e99;border-bottom:3px solid #1f4e99;padding-bottom:2px'>"
                             f"{name}</b>")
            else:
                colour = "#2e7d32" if step.status == "done" else "#555" if step.status != "waiting" else "#999"
                parts.append(f"<span style='color:{colour}'>{name}</span>")
        sep = "<span style='color:#bbb'> &nbsp;›&nbsp; </span>"
        self.progress.value = (f"<div style='margin:2px 0 8px 0;line-height:1.9'>"
                               f"<span style='color:#555'>Step {self.index + 1} of {len(self.steps)}:</span> "
                               f"&nbsp;{sep.join(parts)}</div>")
        self.back_button.disabled = self.index == 0
        last = self.index + 1 >= len(self.steps)
        self.next_button.disabled = last or self.current.status == "blocked"
        self.next_button.tooltip = getattr(self.current, "blocked_reason", "") if \
            self.current.status == "blocked" else ""
