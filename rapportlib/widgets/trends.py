"""Alliance and outcome over sessions for one client at a time: :class:`TrendExplorer`."""

from __future__ import annotations

import html
import io
from dataclasses import dataclass

import ipywidgets as w
import numpy as np
import pandas as pd

from . import _ui as ui

__all__ = ["MEASURES", "TrendExplorer"]


@dataclass(frozen=True)
class _Measure:
    key: str
    column: str
    label: str
    panel: str


MEASURES = (
    _Measure("srs", "srs_total", "SRS (client)", "Alliance, client-rated (SRS total, 0–40)"),
    _Measure("ors", "ors_total", "ORS (outcome)", "Outcome (ORS total, 0–40)"),
    _Measure("wai", "wai_sr_total", "WAI-SR (client & therapist)", "Alliance, WAI-SR (item mean, 1–5)"),
)


class TrendExplorer(w.VBox):
    """Pick a clinician and a client; see the client's alliance and outcome over sessions, with alerts.

    ``dataset`` is a :class:`~rapportlib.Dataset` (or anything with ``sessions``, optionally
    ``reflections`` and ``instruments``; a sessions DataFrame also works). The data are indexed
    once: ruptures, sudden gains and losses and the alert table are computed for everyone when the
    explorer is built, so switching client only slices the index and redraws.

    ``state`` is ``{"clinician": ..., "client": ..., "measures": [...]}``.
    """

    def __init__(self, dataset, *, clinician: str | None = None, client: str | None = None,
                 dpi: int = 80, alerts: pd.DataFrame | None = None):
        from .. import caseload

        sessions = getattr(dataset, "sessions", dataset)
        self._dpi = dpi
        # index once: rows sorted by client and session, each client's rows a contiguous slice
        codes, ids = pd.factorize(sessions["client_id"], sort=True)
        order = np.lexsort((sessions["session"].to_numpy(dtype=np.float64, na_value=-1), codes))
        self._sessions = sessions.take(order).reset_index(drop=True)
        codes = codes[order]
        ids = np.asarray(ids, dtype=object)
        starts = np.r_[0, np.flatnonzero(codes[1:] != codes[:-1]) + 1] if len(codes) else np.array([], int)
        stops = np.r_[starts[1:], len(codes)]
        self._slices = dict(zip(ids[codes[starts]].tolist(), zip(starts.tolist(), stops.tolist())))
        if "clinician_id" in self._sessions:
            last = self._sessions["clinician_id"].to_numpy(dtype=object)[stops - 1]
        else:
            last = np.full(len(starts), "all", dtype=object)
        self._clinician_of = dict(zip(ids[codes[starts]].tolist(), last.tolist()))
        self.measures_available = [m for m in MEASURES if m.column in sessions and sessions[m.column].notna().any()]

        self.events = caseload.events(sessions, instruments=getattr(dataset, "instruments", None))
        self.alerts = caseload.alerts(dataset) if alerts is None else alerts
        self._by_client = {"ruptures": _Lookup(self.events.ruptures), "gains": _Lookup(self.events.changes),
                           "events": _Lookup(self.events.table), "alerts": _Lookup(self.alerts)}
        first = self.alerts.drop_duplicates("client_id")
        self._priority = dict(zip(first["client_id"].tolist(), first["priority"].tolist()))
        self._n_alerts = self.alerts["client_id"].value_counts().to_dict()
        # each clinician's clients, most urgent first, then by id
        table = pd.DataFrame({"client": list(self._clinician_of), "clinician": list(self._clinician_of.values())})
        table["priority"] = table["client"].map(self._priority).fillna(np.inf)
        table = table.sort_values(["clinician", "priority", "client"], kind="stable")
        self._caseloads = {k: g["client"].tolist() for k, g in table.groupby("clinician", sort=False)}

        clinicians = sorted(set(self._clinician_of.values()))
        counts = pd.Series(list(self._clinician_of.values())).value_counts()
        self.clinician = w.Dropdown(description="Clinician", options=[(f"{c} ({counts[c]} clients)", c)
                                                                      for c in clinicians],
                                    style={"description_width": "initial"})
        self.client = w.Dropdown(description="Client", style={"description_width": "initial"},
                                 layout=w.Layout(width="340px"))
        self.measure_boxes = {m.key: w.Checkbox(value=m.key in ("srs", "ors"), description=m.label, indent=False,
                                                layout=w.Layout(width="auto"))
                              for m in self.measures_available}
        self.image = w.Image(format="png", layout=w.Layout(max_width="760px", width="100%"))
        self.alerts_html = w.HTML()
        self.events_html = w.HTML()
        self.caption = w.HTML()
        side = w.VBox([w.HTML("<b>Alerts</b>"), self.alerts_html, w.HTML("<b>Ruptures and sudden changes</b>"),
                       self.events_html], layout=w.Layout(width="420px", padding="0 0 0 12px"))
        controls = w.HBox([self.clinician, self.client], layout=w.Layout(flex_flow="row wrap"))
        boxes = w.HBox([w.HTML("Show:&nbsp;"), *self.measure_boxes.values()])
        super().__init__([controls, boxes, self.caption, w.HBox([self.image, side],
                                                                layout=w.Layout(flex_flow="row wrap"))])
        self._fig = None
        self._layouts: dict = {}
        self._options: dict = {}
        self._busy = False
        self.clinician.observe(self._on_clinician, "value")
        self.client.observe(lambda _: self.update(), "value")
        for box in self.measure_boxes.values():
            box.observe(lambda _: self.update(), "value")
        if clinician is None and client is not None:
            clinician = self._clinician_of.get(client)
        if clinician is None and clinicians:
            clinician = clinicians[0]
        self._busy = True
        self.clinician.value = clinician
        self._fill_clients()
        self._busy = False
        if client is not None:
            self.client.value = client
        self.update()

    # ------------------------------------------------------------------ protocol
    @property
    def state(self) -> dict:
        return {"clinician": self.clinician.value, "client": self.client.value,
                "measures": [k for k, b in self.measure_boxes.items() if b.value]}

    def clients_of(self, clinician: str) -> list[str]:
        """The clinician's clients, most urgent first (alert priority), then the rest by id."""
        return list(self._caseloads.get(clinician, []))

    def select(self, client_id: str) -> None:
        """Show one client, switching to their clinician first."""
        if client_id not in self._slices:
            raise KeyError(f"no sessions for client {client_id!r}")
        self._busy = True
        self.clinician.value = self._clinician_of[client_id]
        self._fill_clients()
        self._busy = False
        if self.client.value == client_id:
            self.update()
        else:
            self.client.value = client_id

    # ------------------------------------------------------------------ events
    def _on_clinician(self, _change=None):
        if self._busy:
            return
        self._busy = True
        self._fill_clients()
        self._busy = False
        self.update()

    def _fill_clients(self):
        clinician = self.clinician.value
        opts = self._options.get(clinician)
        if opts is None:
            opts = []
            for c in self.clients_of(clinician):
                n = self._n_alerts.get(c, 0)
                opts.append((f"{c} · {n} alert{'s' if n != 1 else ''}" if n else f"{c} · no alerts", c))
            opts = self._options[clinician] = tuple(opts)
        self.client.options = opts
        self.client.value = opts[0][1] if opts else None

    def update(self):
        """Redraw the plot and the tables for the current client."""
        if self._busy:
            return
        from ..plots import client_trend

        cid = self.client.value
        if cid is None:
            self.image.value = b""
            self.alerts_html.value = self.events_html.value = ""
            self.caption.value = "<i>No clients for this clinician.</i>"
            return
        a, b = self._slices[cid]
        rows = self._sessions.iloc[a:b]
        chosen = [m for m in self.measures_available if self.measure_boxes[m.key].value]
        panels = [(m.column, m.panel) for m in chosen] or [(self.measures_available[0].column,
                                                            self.measures_available[0].panel)]
        from matplotlib.backends.backend_agg import FigureCanvasAgg
        from matplotlib.figure import Figure
        from PIL import Image

        if self._fig is None:
            self._fig = Figure(dpi=self._dpi, layout="constrained")
            FigureCanvasAgg(self._fig)
        self._fig.set_size_inches(9, 0.9 + 2.3 * len(panels))
        fig = client_trend(rows, cid, panels=panels, ruptures=self._by_client["ruptures"].get(cid),
                           gains=self._by_client["gains"].get(cid), fig=self._fig)
        # Constrained layout costs a second full draw. The layout of a given set of panels hardly changes
        # from client to client, so it is computed once and reused: the update then draws only once.
        key = (tuple(panels), len(fig.axes))
        cached = self._layouts.get(key)
        if cached is not None:
            fig.set_layout_engine("none")
            for ax, pos in zip(fig.axes, cached):
                ax.set_position(pos)
        fig.canvas.draw()
        if cached is None:              # a second pass lets constrained layout settle around the legends
            fig.canvas.draw()
            self._layouts[key] = [ax.get_position() for ax in fig.axes]
        # encode the rendered pixels directly: savefig would draw the figure a second time
        buf = io.BytesIO()
        Image.frombuffer("RGBA", fig.canvas.get_width_height(), fig.canvas.buffer_rgba(), "raw", "RGBA", 0, 1) \
            .save(buf, format="png", compress_level=1)
        self.image.value = buf.getvalue()
        self.alerts_html.value = ui.table(self._by_client["alerts"].get(cid),
                                        {"severity": "level", "session": "session", "reason": "why"},
                                        "No alerts for this client.")
        self.events_html.value = ui.table(self._by_client["events"].get(cid), {"session": "session", "what": "event"},
                                        "No ruptures or sudden gains or losses.")
        n = b - a
        pr = self._priority.get(cid)
        self.caption.value = (f"<b>{html.escape(cid)}</b> · {n} session rows · "
                              + (f"priority {pr} of {len(self._priority)} clients with alerts" if pr else
                                 "no alerts"))


class _Lookup:
    """One client's rows of an event table in O(log n): the table sorted by client, sliced by binary search."""

    def __init__(self, frame: pd.DataFrame | None):
        if frame is None or frame.empty:
            self._frame, self._keys = pd.DataFrame(), np.array([], dtype=object)
            return
        order = np.argsort(frame["client_id"].to_numpy(dtype=object).astype(str), kind="stable")
        self._frame = frame.take(order)
        self._keys = self._frame["client_id"].to_numpy(dtype=object).astype(str)

    def get(self, client_id: str) -> pd.DataFrame:
        """The client's rows (an empty frame when there are none)."""
        a = np.searchsorted(self._keys, client_id, side="left")
        b = np.searchsorted(self._keys, client_id, side="right")
        return self._frame.iloc[a:b]
