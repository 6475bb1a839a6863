"""Small pieces the widgets share: headings, help text, rows that wrap, message boxes and tables of
library output. Nothing here computes anything."""

from __future__ import annotations

import html

import ipywidgets as w
import numpy as np
import pandas as pd

HELP = "color:#555;font-size:90%;line-height:1.4;margin:0 0 4px 0"
FULL = "calc(100% - 4px)"   # full width less the widget margins (2 px a side), so no box scrolls sideways
TD = "padding:2px 6px;vertical-align:top;text-align:left"    # JupyterLab's table CSS right-aligns cells


def table(frame: pd.DataFrame, columns: dict[str, str], empty: str) -> str:
    """A small HTML table of library output (never free text written by a clinician)."""
    if frame.empty:
        return f"<p style='color:#444'><i>{html.escape(empty)}</i></p>"
    head = "".join(f"<th style='text-align:left;padding:2px 6px'>{html.escape(h)}</th>" for h in columns.values())
    rows = []
    for rec in frame[list(columns)].itertuples(index=False):
        cells = "".join(f"<td style='{TD}'>{html.escape(cell(v))}</td>" for v in rec)
        rows.append(f"<tr>{cells}</tr>")
    return (f"<table style='border-collapse:collapse;font-size:90%'><thead><tr>{head}</tr></thead>"
            f"<tbody>{''.join(rows)}</tbody></table>")


def cell(v) -> str:
    if v is None or (not isinstance(v, str) and pd.isna(v)):
        return "–"
    if isinstance(v, float):
        return f"{v:.1f}"
    return str(v)


def heading(text: str) -> w.HTML:
    return w.HTML(f"<h3 style='margin:14px 0 2px 0'>{html.escape(text)}</h3>")


def help_text(text: str) -> w.HTML:
    return w.HTML(f"<div style='{HELP}'>{text}</div>", layout=w.Layout(width=FULL))


def row(*children, gap: str = "4px 16px") -> w.HBox:
    """A row that wraps onto the next line rather than scroll sideways."""
    return w.HBox(list(children), layout=w.Layout(flex_flow="row wrap", align_items="center", grid_gap=gap,
                                                  width=FULL))


def missing(v) -> bool:
    if v is None:
        return True
    if isinstance(v, (list, tuple, np.ndarray)):
        return False
    try:
        return bool(pd.isna(v))
    except (TypeError, ValueError):
        return False


def box(text: str, kind: str) -> str:
    colours = {"ok": ("#e7f5ea", "#2e7d32"), "error": ("#fdecea", "#b3261e"), "info": ("#eef3fb", "#1f4e99")}
    bg, fg = colours[kind]
    return (f"<div style='background:{bg};border-left:4px solid {fg};padding:6px 10px;margin:6px 0'>"
            f"{html.escape(text)}</div>")


def figure_png(fig, dpi: int = 100) -> bytes:
    """A matplotlib figure as PNG bytes, for a ``w.Image``."""
    import io

    buf = io.BytesIO()
    fig.savefig(buf, format="png", dpi=dpi)
    return buf.getvalue()
