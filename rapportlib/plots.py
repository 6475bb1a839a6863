"""Plots of alliance and outcome trends for supervision notebooks.

Every function returns a :class:`matplotlib.figure.Figure` built directly (no pyplot, no global
state), so the plots work headless, in scripts and inside ipywidgets ``Output`` areas.  Functions
that take ``ax=`` draw on that axes and return its figure.

Accessible by default:

* the Okabe–Ito colour-blind-safe palette;
* every series has markers, different series have different marker shapes, events have their own
  marker shapes *and* text labels, category bars have hatch patterns: nothing relies on colour alone;
* axis labels carry units ("SRS total (0–40)", "Session number") and titles say what is shown.

Missing sessions are drawn as gaps: each client's series is reindexed to the full integer session
range, and a NaN (absent session or missing score) breaks the line.

Functions: :func:`client_trend`, :func:`caseload`, :func:`cohort_trajectory`,
:func:`change_categories`, :func:`jacobson_plot`, and for countertransference check-ins
:func:`ct_heatmap` and :func:`ct_trend`.
"""

from __future__ import annotations

import math
import textwrap
from collections.abc import Mapping, Sequence
from functools import lru_cache

import numpy as np
import pandas as pd
from matplotlib.axes import Axes
from matplotlib.figure import Figure
from matplotlib.lines import Line2D
from matplotlib.patches import Patch
from matplotlib.ticker import MaxNLocator, MultipleLocator

__all__ = ["OKABE_ITO", "NotebookFigure", "caseload", "change_categories", "client_trend", "cohort_trajectory",
           "ct_heatmap", "ct_trend", "jacobson_plot"]

# --------------------------------------------------------------------------- palette and styles
#: Okabe & Ito (2008) colour-blind-safe palette.
OKABE_ITO = {
    "black": "#000000", "orange": "#E69F00", "sky_blue": "#56B4E9", "bluish_green": "#009E73",
    "yellow": "#F0E442", "blue": "#0072B2", "vermillion": "#D55E00", "reddish_purple": "#CC79A7",
}
_C = OKABE_ITO
_BAND = "#9a9a9a"          # neutral grey for cut-off bands and reliable-change band (not a category colour)

# Known measures: display name, unit, plotting scale, default cut-off and a short description for titles.
_MEASURES: dict[str, dict] = {
    "srs_total": {"name": "SRS total", "unit": "0–40", "scale": (0, 40), "cutoff": 36,
                  "below": "possible alliance concern", "what": "alliance (SRS)",
                  "panel": "Alliance, client-rated (SRS total, 0–40)"},
    "ors_total": {"name": "ORS total", "unit": "0–40", "scale": (0, 40), "cutoff": 25, "below": "clinical range",
                  "what": "outcome (ORS)", "panel": "Outcome (ORS total, 0–40)"},
    "wai_sr_total": {"name": "WAI-SR", "unit": "item mean 1–5", "scale": (1, 5), "cutoff": None,
                     "what": "alliance (WAI-SR)", "panel": "Alliance, client-rated (WAI-SR, item mean 1–5)"},
    "wai_srt_total": {"name": "WAI-SRT", "unit": "item mean 1–5", "scale": (1, 5), "cutoff": None,
                      "what": "alliance (WAI-SRT)", "panel": "Alliance, therapist-rated (WAI-SRT, item mean 1–5)"},
}
# One colour and marker per panel/series, in order; vermillion and triangles are kept for events.
_SERIES = [(_C["blue"], "o"), (_C["bluish_green"], "s"), (_C["reddish_purple"], "D"),
           (_C["black"], "p"), (_C["sky_blue"], "h")]
_THERAPIST = (_C["orange"], "P")
_CATEGORY_ORDER = ("recovered", "improved", "unchanged", "deteriorated", "harmed")
_CATEGORY_STYLE = {  # colour, hatch, marker
    "recovered": (_C["bluish_green"], "", "P"),
    "improved": (_C["sky_blue"], "//", "o"),
    "unchanged": (_C["yellow"], "..", "s"),
    "deteriorated": (_C["orange"], "\\\\", "D"),
    "harmed": (_C["vermillion"], "xx", "X"),
}
_DEFAULT_CUTOFFS = {"srs_total": 36, "ors_total": 25}
_DEFAULT_PAIRS = {"wai_sr_total": "wai_srt_total"}
_MINUS = "\u2212"
_TEXT_BOX = {"boxstyle": "round,pad=0.15", "fc": "white", "ec": "none", "alpha": 0.8}   # keeps labels legible


def _name(measure: str) -> str:
    """'SRS total' for known measures, else the column name."""
    return _MEASURES.get(measure, {}).get("name", measure)


def _ylabel(measure: str) -> str:
    """Axis label with unit: 'SRS total (0–40)'."""
    info = _MEASURES.get(measure)
    return f"{info['name']} ({info['unit']})" if info else measure


def _what(measure: str) -> str:
    return _MEASURES.get(measure, {}).get("what", measure)


def _scale(measure: str) -> tuple[float, float] | None:
    return _MEASURES.get(measure, {}).get("scale")


def _fmt(x: float) -> str:
    """Number for labels: '36', '7.5'; a real minus sign."""
    s = f"{x:.1f}".rstrip("0").rstrip(".") if not float(x).is_integer() else f"{x:.0f}"
    return s.replace("-", _MINUS)


@lru_cache(maxsize=1)
def _warn_sign() -> str:
    """'⚠' when the default font has the glyph (DejaVu Sans does), else '!'."""
    try:
        import matplotlib
        from matplotlib import font_manager, ft2font

        path = font_manager.findfont(font_manager.FontProperties(family=matplotlib.rcParams["font.family"]))
        return "\u26a0" if 0x26A0 in ft2font.FT2Font(path).get_charmap() else "!"
    except Exception:  # noqa: BLE001 - any font problem: fall back to plain ASCII
        return "!"


class NotebookFigure(Figure):
    """A matplotlib Figure that shows itself as a PNG in Jupyter and Voilà, without pyplot."""

    def _repr_png_(self) -> bytes:
        import io

        buf = io.BytesIO()
        self.savefig(buf, format="png", dpi=100)
        return buf.getvalue()


def _new_figure(figsize: tuple[float, float]) -> Figure:
    return NotebookFigure(figsize=figsize, layout="constrained")


def _target(ax: Axes | None, figsize: tuple[float, float]) -> tuple[Figure, Axes]:
    if ax is not None:
        return ax.figure, ax
    fig = _new_figure(figsize)
    return fig, fig.add_subplot()


def _message(fig: Figure | None, text: str, figsize=(8, 2.5), ax: Axes | None = None) -> Figure:
    """A figure (or axes) that only says ``text``: for empty selections, instead of raising."""
    if ax is None:
        if fig is None:
            fig = _new_figure(figsize)
        ax = fig.add_subplot()
    ax.set_axis_off()
    ax.text(0.5, 0.5, text, ha="center", va="center", fontsize=12, wrap=True, transform=ax.transAxes)
    return ax.figure


def _session_numbers(frame: pd.DataFrame) -> np.ndarray:
    return pd.to_numeric(frame["session"], errors="coerce").to_numpy(dtype=float, na_value=np.nan)


def _is(col: pd.Series, value) -> np.ndarray:
    """Boolean mask ``col == value`` comparing as text (ids may be read as numbers); fast for text columns."""
    if pd.api.types.is_string_dtype(col.dtype) or col.dtype == object:
        mask = (col == str(value)).to_numpy(dtype=bool, na_value=False)
        if mask.any() or pd.api.types.is_string_dtype(col.dtype):
            return mask
    return (col.astype(str) == str(value)).to_numpy(dtype=bool, na_value=False)


def _values(frame: pd.DataFrame, col: str) -> np.ndarray:
    return pd.to_numeric(frame[col], errors="coerce").to_numpy(dtype=float, na_value=np.nan)


def _grid_series(sess: np.ndarray, vals: np.ndarray, lo: int, hi: int) -> tuple[np.ndarray, np.ndarray]:
    """Scores on the full integer session range lo..hi; absent sessions and missing scores are NaN.

    Duplicate session numbers keep the last row.
    """
    x = np.arange(lo, hi + 1, dtype=float)
    y = np.full(x.shape, np.nan)
    ok = ~np.isnan(sess)
    idx = sess[ok].astype(int) - lo
    inside = (idx >= 0) & (idx < len(x))
    y[idx[inside]] = vals[ok][inside]
    return x, y


def _below_text(cutoff: float, measure: str) -> str:
    """'below cut-off 36:\npossible alliance concern'."""
    meaning = _MEASURES.get(measure, {}).get("below")
    return f"below cut-off {_fmt(cutoff)}" + (f":\n{meaning}" if meaning else "")


def _cutoff_band(ax: Axes, cutoff: float, measure: str, *, label: bool = True, lower: float | None = None,
                 side: str = "below") -> None:
    """Light band below (or above) the cut-off plus a dashed line at it (gid 'cutoff-band' / 'cutoff-line')."""
    scale = _scale(measure)
    if side == "above":
        upper = scale[1] if scale else ax.get_ylim()[1]
        band = ax.axhspan(cutoff, upper, color=_BAND, alpha=0.16, lw=0, zorder=0,
                          label=f"above cut-off {_fmt(cutoff)}" if label else "_nolegend_")
    else:
        if lower is None:
            lower = scale[0] if scale else ax.get_ylim()[0]
        band = ax.axhspan(lower, cutoff, color=_BAND, alpha=0.16, lw=0, zorder=0,
                          label=_below_text(cutoff, measure) if label else "_nolegend_")
    band.set_gid("cutoff-band")
    line = ax.axhline(cutoff, color=_BAND, lw=1, ls="--", zorder=0.5)
    line.set_gid("cutoff-line")


def _y_range(measure: str, y: np.ndarray, cutoff: float | None = None) -> tuple[float, float] | None:
    """y limits for a known scale: the top of the scale, the bottom zoomed to the data.

    The lower limit is the data minimum (and the cut-off) less one eighth of the scale, rounded down
    to a multiple of that eighth (5 points on 0–40), never below the scale minimum; out-of-range data
    are never hidden.  ``None`` for measures without a known scale (matplotlib autoscales).
    """
    scale = _scale(measure)
    if scale is None:
        return None
    lo, hi = scale
    step = (hi - lo) / 8
    finite = y[np.isfinite(y)]
    candidates = ([float(finite.min())] if finite.size else []) + ([cutoff] if cutoff is not None else [])
    low = min(candidates) if candidates else lo
    bottom = max(lo, lo + math.floor((low - step - lo) / step) * step)
    bottom = min(bottom, float(finite.min())) if finite.size else bottom
    top = max(hi, float(finite.max())) if finite.size else hi
    pad = 0.03 * (hi - lo)
    return bottom - pad, top + pad


def _set_scale(ax: Axes, measure: str, y: np.ndarray, cutoff: float | None = None) -> None:
    limits = _y_range(measure, y, cutoff)
    if limits is not None:
        ax.set_ylim(*limits)


def _session_ticks(ax: Axes, lo: float, hi: float) -> None:
    """A tick at every session up to 12 sessions, else about 10 whole-number ticks (fewer ticks draw faster)."""
    if hi - lo <= 12:
        ax.xaxis.set_major_locator(MultipleLocator(1))
    else:
        ax.xaxis.set_major_locator(MaxNLocator(nbins=10, integer=True))


# --------------------------------------------------------------------------- 1. client trend
def client_trend(sessions: pd.DataFrame, client_id: str, *, panels: Sequence[tuple[str, str]] | None = None,
                 ruptures: pd.DataFrame | None = None, gains: pd.DataFrame | None = None,
                 cutoffs: Mapping[str, float | tuple[float, str]] | None = None,
                 clinician_pairs: Mapping[str, str] | None = None, fig: Figure | None = None) -> Figure:
    """Alliance and outcome of one client by session, one aligned panel per measure.

    Parameters
    ----------
    sessions
        Long table, one row per client × session (``client_id``, ``session`` and score columns).
    client_id
        The client to show.
    panels
        ``[(measure, panel title), ...]``, top to bottom.  Default: client-rated alliance (SRS) and
        outcome (ORS); default panels without data for this client are left out.
    ruptures
        Alliance rupture events (``client_id``, ``pre_session``, ``drop_session``, ``drop_score``,
        ``size``, ``repaired_session``, ``pattern``).  Drawn on the ``srs_total`` panel (or on the
        panel of the events' ``measure`` column when there is one).
    gains
        Sudden gains and/or losses (``client_id``, ``measure``, ``pre_session``, ``post_session``,
        ``pre_score``, ``post_score``, ``magnitude``, ``kind``), drawn on the matching panel.
    cutoffs
        ``{measure: value}`` or ``{measure: (value, "below")}``: the region below the cut-off is shaded
        (``(value, "above")`` shades the region above it, for measures where lower is better).
        Default ``{"srs_total": 36, "ors_total": 25}``.  Pass ``{}`` for none.
    clinician_pairs
        ``{client measure: clinician measure}``; when a panel shows the client measure and the clinician
        column has data, the therapist's rating is drawn beside it (dashed).  Default
        ``{"wai_sr_total": "wai_srt_total"}``.
    fig
        A figure to clear and draw into (fast redraws in widgets); a new figure otherwise.

    Returns
    -------
    Figure
        With one axes per panel; or a single text message when the client has no rows or no scores.
    """
    cutoffs = _DEFAULT_CUTOFFS if cutoffs is None else cutoffs
    pairs = _DEFAULT_PAIRS if clinician_pairs is None else clinician_pairs
    if fig is not None:
        for old in list(fig.axes):   # delaxes first: Figure.clear() would also clear each axes (slow)
            fig.delaxes(old)
        fig.clear()
        fig.set_layout_engine("constrained")

    rows = sessions.loc[_is(sessions["client_id"], client_id)] if "client_id" in sessions.columns \
        else sessions.iloc[:0]
    sess = _session_numbers(rows) if len(rows) else np.array([])
    if not np.isfinite(sess).any():
        return _message(fig, f"No sessions found for client {client_id}.")

    user_panels = panels is not None
    if panels is None:
        panels = [(m, _MEASURES[m]["panel"]) for m in ("srs_total", "ors_total")]
    panels = [(m, title) for m, title in panels if m in rows.columns]
    if not user_panels:
        panels = [(m, t) for m, t in panels if np.isfinite(_values(rows, m)).any()]
    if not panels:
        return _message(fig, f"Client {client_id} has sessions but no scores to plot.")

    lo, hi = int(np.nanmin(sess)), int(np.nanmax(sess))
    if fig is None:
        fig = _new_figure((9, 0.9 + 2.5 * len(panels)))
    axes = fig.subplots(len(panels), 1, sharex=True, squeeze=False)[:, 0]

    any_gap = False
    paired: set[str] = set()
    for i, (ax, (measure, title)) in enumerate(zip(axes, panels)):
        colour, marker = _SERIES[i % len(_SERIES)]
        x, y = _grid_series(sess, _values(rows, measure), lo, hi)
        first, last = np.flatnonzero(np.isfinite(y))[[0, -1]] if np.isfinite(y).any() else (0, -1)
        any_gap |= bool(np.isnan(y[first:last + 1]).any())
        partner = pairs.get(measure)
        y2 = None
        if partner and partner in rows.columns:
            _, y2 = _grid_series(sess, _values(rows, partner), lo, hi)
            if not np.isfinite(y2).any():
                y2 = None
        if y2 is not None:
            paired.add(measure)
        label = "client-rated" if y2 is not None else _name(measure)
        ax.plot(x, y, color=colour, marker=marker, ms=6, lw=1.8, label=label, zorder=3, gid=f"series:{measure}")
        if y2 is not None:
            tcol, tmark = _THERAPIST
            ax.plot(x, y2, color=tcol, marker=tmark, ms=7, lw=1.6, ls="--", label="therapist-rated", zorder=3,
                    gid=f"series:{partner}")
        cut, side = cutoffs.get(measure), "below"
        if isinstance(cut, tuple | list):
            cut, side = cut[0], (str(cut[1]) if len(cut) > 1 else "below")
        cut = None if cut is None else float(cut)
        _set_scale(ax, measure, np.concatenate([y, y2]) if y2 is not None else y, cut)
        if cut is not None:
            _cutoff_band(ax, cut, measure, side=side)

        if ruptures is not None and len(ruptures):
            _draw_ruptures(ax, ruptures, client_id, measure, x, y)
        if gains is not None and len(gains):
            _draw_gains(ax, gains, client_id, measure, x, y)

        # a fixed title position: matplotlib otherwise measures every artist to place it, on every draw
        ax.set_title(title, loc="left", fontsize=10.5, y=1.0, pad=4)
        ax.set_ylabel(_ylabel(measure))
        ax.grid(axis="y", color="#dddddd", lw=0.6, zorder=0)
        ax.legend(loc="upper left", bbox_to_anchor=(1.01, 1.0), fontsize=8.5, frameon=False, borderaxespad=0)

    _session_ticks(axes[-1], lo, hi)
    axes[-1].set_xlim(lo - 0.5, hi + 0.5)
    xlabel = "Session number" + (" (0 = intake)" if lo == 0 else "")
    if any_gap:
        xlabel += "   ·   a break in a line = session or score missing"
    axes[-1].set_xlabel(xlabel)
    parts = [_what(m)[:-1] + ", client vs therapist)" if m in paired and _what(m).endswith(")")
             else _what(m) for m, _ in panels]
    what = parts[0] if len(parts) == 1 else ", ".join(parts[:-1]) + " and " + parts[-1]
    fig.suptitle(textwrap.fill(f"Client {client_id}: {what} by session", 80), fontsize=12, fontweight="bold")
    # legends sit outside the axes; extra side padding keeps their text inside the image at low dpi,
    # where hinted glyphs render a little wider than constrained layout measured
    fig.get_layout_engine().set(w_pad=0.12)
    return fig


def _rows_for(events: pd.DataFrame, client_id: str) -> pd.DataFrame:
    if "client_id" not in events.columns:
        return events.iloc[:0]
    return events.loc[_is(events["client_id"], client_id)]


def _num(value) -> float:
    """pd.NA / None / NaN -> nan, numbers -> float."""
    try:
        return float(value) if not pd.isna(value) else math.nan
    except (TypeError, ValueError):
        return math.nan


def _y_at(x: np.ndarray, y: np.ndarray, session: float) -> float:
    idx = np.flatnonzero(x == session)
    return float(y[idx[0]]) if idx.size else math.nan


def _draw_ruptures(ax: Axes, ruptures: pd.DataFrame, client_id: str, measure: str,
                   x: np.ndarray, y: np.ndarray) -> None:
    ev = _rows_for(ruptures, client_id)
    if "measure" in ev.columns:
        ev = ev.loc[ev["measure"].astype(str).to_numpy() == measure]
    elif measure != "srs_total":
        return
    if ev.empty:
        return
    trans = ax.get_xaxis_transform()
    x_range = max(float(x[-1] - x[0]), 1.0) if len(x) else 1.0
    seen: set[str] = set()
    labelled: list[tuple[float, int]] = []          # (session, tier) of rupture labels already placed

    def legend(label: str) -> str:
        if label in seen:
            return "_nolegend_"
        seen.add(label)
        return label

    for r in ev.itertuples(index=False):
        drop = _num(getattr(r, "drop_session", math.nan))
        if math.isnan(drop):
            continue
        pre = _num(getattr(r, "pre_session", math.nan))
        rep = _num(getattr(r, "repaired_session", math.nan))
        pattern = str(getattr(r, "pattern", ""))
        score = _y_at(x, y, drop)                      # on the plotted line when the score is there
        if math.isnan(score):
            score = _num(getattr(r, "drop_score", math.nan))
        size = _num(getattr(r, "size", math.nan))
        if math.isnan(size):
            size = _num(getattr(r, "pre_score", math.nan)) - score

        declined = pattern == "decline_repair" and not math.isnan(pre) and pre < drop
        if declined:
            ax.axvspan(pre, drop, facecolor="none", edgecolor=_C["vermillion"], hatch="////", alpha=0.35, lw=0,
                       zorder=0.2, gid="decline-span", label=legend("decline"))
            ax.text((pre + drop) / 2, 0.98, "decline", transform=trans, ha="center", va="top", fontsize=8,
                    color="#8a3c00", gid="decline-text", zorder=6, bbox=_TEXT_BOX)
        if not math.isnan(rep) and rep > drop:
            ax.axvspan(drop, rep, color=_C["bluish_green"], alpha=0.15, lw=0, zorder=0.2, gid="repair-span",
                       label=legend("repair"))
            narrow = declined and (rep - pre) / x_range < 0.25     # both labels would collide: stagger
            ax.text((drop + rep) / 2, 0.88 if narrow else 0.98, "repair", transform=trans, ha="center", va="top",
                    fontsize=8, color="#006b4f", gid="repair-text", zorder=6, bbox=_TEXT_BOX)
        if not math.isnan(score):
            ax.plot([drop], [score], ls="none", marker="v", ms=11, mfc=_C["vermillion"], mec="black", mew=0.8,
                    zorder=5, gid="rupture-marker", label=legend("rupture (low point)"))
            text = f"rupture {_MINUS}{abs(size):.1f}" if not math.isnan(size) else "rupture"
            if math.isnan(rep):
                text += "\nunrepaired"
            # ruptures a few sessions apart: put the next label above its marker, then lower, so none overlap
            near = {t for px, t in labelled if abs(px - drop) < 0.15 * x_range}
            tier = next(t for t in range(len(labelled) + 1) if t not in near)
            labelled.append((drop, tier))
            offset, va = ((0, -12), "top") if tier == 0 else ((0, 12), "bottom") if tier == 1 else \
                ((0, -12 - 26 * (tier - 1)), "top")
            ax.annotate(text, (drop, score), xytext=offset, textcoords="offset points", ha="center", va=va,
                        fontsize=8.5, color="#8a3c00", fontweight="bold", zorder=6, gid="rupture-label",
                        bbox=_TEXT_BOX)


def _draw_gains(ax: Axes, gains: pd.DataFrame, client_id: str, measure: str, x: np.ndarray, y: np.ndarray) -> None:
    ev = _rows_for(gains, client_id)
    if "measure" in ev.columns:
        ev = ev.loc[ev["measure"].astype(str).to_numpy() == measure]
    if ev.empty:
        return
    seen: set[str] = set()
    ylo, yhi = ax.get_ylim()
    offset = 0.09 * (yhi - ylo)
    for r in ev.itertuples(index=False):
        pre, post = _num(r.pre_session), _num(r.post_session)
        if math.isnan(pre) or math.isnan(post):
            continue
        kind = str(getattr(r, "kind", "gain"))
        gain = kind != "loss"
        s_pre = _num(getattr(r, "pre_score", math.nan))
        s_post = _num(getattr(r, "post_score", math.nan))
        on_line_pre, on_line_post = _y_at(x, y, pre), _y_at(x, y, post)   # on the plotted line when there
        s_pre = s_pre if math.isnan(on_line_pre) else on_line_pre
        s_post = s_post if math.isnan(on_line_post) else on_line_post
        mag = _num(getattr(r, "magnitude", math.nan))
        if math.isnan(mag) and not (math.isnan(s_pre) or math.isnan(s_post)):
            mag = abs(s_post - s_pre)
        colour = _C["bluish_green"] if gain else _C["vermillion"]
        text_colour = "#006b4f" if gain else "#8a3c00"
        # bracket over the interval, above the higher of the two scores
        # a bracket over the interval, above both scores; below them when there is no room above
        scores = [v for v in (s_pre, s_post) if not math.isnan(v)]
        top, bottom = (max(scores), min(scores)) if scores else (yhi - 2.5 * offset, yhi - 2.5 * offset)
        above = top + 2.5 * offset <= yhi or bottom - 2.5 * offset < ylo
        yb = top + offset if above else bottom - offset
        ax.annotate("", xy=(pre, yb), xytext=(post, yb), zorder=5,
                    arrowprops={"arrowstyle": "|-|,widthA=0.3,widthB=0.3", "color": text_colour, "lw": 1.2})
        label = f"sudden {'gain' if gain else 'loss'}"
        ax.text((pre + post) / 2, yb + (0.25 if above else -0.25) * offset,
                label + (f" {'+' if gain else _MINUS}{abs(mag):.1f}" if not math.isnan(mag) else ""),
                ha="center", va="bottom" if above else "top", fontsize=8.5, color=text_colour, fontweight="bold",
                zorder=6, gid="gain-label" if gain else "loss-label", bbox=_TEXT_BOX)
        if not math.isnan(s_post):
            legend = "_nolegend_" if label in seen else label
            seen.add(label)
            ax.plot([post], [s_post], ls="none", marker="^" if gain else "v", ms=11, zorder=5,
                    mfc=colour if gain else "white", mec="black" if gain else colour, mew=1.2 if gain else 2,
                    label=legend, gid="gain-marker" if gain else "loss-marker")


# --------------------------------------------------------------------------- 2. caseload
#: Short names of alert kinds for small-multiple titles (the full reason is in the alerts table).
_ALERT_LABELS = {"unrepaired_rupture": "rupture", "reliable_deterioration": "worse", "low_alliance": "low SRS",
                 "alliance_drop": "SRS fell", "outcome_drop": "ORS fell", "not_on_track": "off track",
                 "low_item": "low item", "rater_gap": "rater gap"}


def caseload(sessions: pd.DataFrame, clinician_id: str, *, alerts: pd.DataFrame | None = None,
             measure: str = "srs_total", cutoff: float | None = 36, max_clients: int | None = None) -> Figure:
    """Small multiples of one clinician's clients: ``measure`` by session, clients with alerts first.

    Tiles are ordered by alert ``priority`` (1 first), then clients without alerts by id.  Each tile is
    titled with the client id and a short alert label; tiles with alerts carry a warning sign and a
    thick frame.  All tiles share the y range (the measure's scale) and the x range; the region below
    ``cutoff`` is shaded and the last recorded score is highlighted and labelled.

    ``max_clients`` keeps the first clients of that order (the title says how many are shown).
    A clinician without sessions gives a figure with a text message.
    """
    mine = sessions.loc[_is(sessions["clinician_id"], clinician_id)] \
        if "clinician_id" in sessions.columns else sessions.iloc[:0]
    clients = sorted(mine["client_id"].astype(str).unique()) if len(mine) else []
    if not clients:
        return _message(None, f"No sessions found for clinician {clinician_id}.")
    if measure not in sessions.columns:
        return _message(None, f"Column {measure!r} is not in the sessions table.")

    # alert summary per client
    info: dict[str, dict] = {}
    if alerts is not None and len(alerts):
        al = alerts.loc[alerts["client_id"].astype(str).isin(clients).to_numpy()]
        if "clinician_id" in al.columns:
            al = al.loc[al["clinician_id"].astype(str).to_numpy() == str(clinician_id)]
        for cid, grp in al.groupby(al["client_id"].astype(str), sort=False):
            grp = grp.sort_values("severity", ascending=False, kind="stable") if "severity" in grp else grp
            kinds = [_ALERT_LABELS.get(str(k), str(k).replace("_", " ")) for k in grp["kind"]] \
                if "kind" in grp else [str(grp.iloc[0].get("reason", ""))]
            info[cid] = {"priority": _num(grp["priority"].min()) if "priority" in grp else math.inf,
                         "n": len(grp), "reason": ", ".join(dict.fromkeys(kinds))}
    with_alerts = sorted(info, key=lambda c: (info[c]["priority"] if not math.isnan(info[c]["priority"])
                                              else math.inf, c))
    order = with_alerts + [c for c in clients if c not in info]
    n_total = len(order)
    if max_clients is not None:
        order = order[:max_clients]

    # all of each listed client's rows (their whole course), for shared axes
    rows = sessions.loc[sessions["client_id"].astype(str).isin(order).to_numpy()]
    ids = rows["client_id"].astype(str).to_numpy()
    sess_all, vals_all = _session_numbers(rows), _values(rows, measure)
    has = np.isfinite(sess_all) & np.isfinite(vals_all)
    x_lo = int(np.nanmin(sess_all[has])) if has.any() else 0
    x_hi = int(np.nanmax(sess_all[has])) if has.any() else 1

    n = len(order)
    ncols = min(n, 4 if n <= 8 else 5)
    nrows = math.ceil(n / ncols)
    fig = _new_figure((1.0 + 2.55 * ncols, 1.3 + 2.4 * nrows))
    axes = fig.subplots(nrows, ncols, sharex=True, sharey=True, squeeze=False).ravel()
    warn = _warn_sign()
    colour, marker = _SERIES[0]
    scale = _scale(measure)
    for ax, cid in zip(axes, order):
        pick = ids == cid
        s, v = sess_all[pick], vals_all[pick]
        if np.isfinite(s).any():
            x, y = _grid_series(s, v, int(np.nanmin(s)), int(np.nanmax(s)))
        else:
            x, y = np.array([]), np.array([])
        if cutoff is not None:
            _cutoff_band(ax, float(cutoff), measure, label=False,
                         lower=scale[0] if scale else float(np.nanmin(vals_all[has])) if has.any() else None)
        ax.plot(x, y, color=colour, marker=marker, ms=3.5, lw=1.4, zorder=3, gid=f"series:{cid}")
        ok = np.flatnonzero(np.isfinite(y))
        if ok.size:
            lx, ly = x[ok[-1]], y[ok[-1]]
            ax.plot([lx], [ly], ls="none", marker="o", ms=8.5, mfc=_C["orange"], mec="black", mew=1.2, zorder=4,
                    gid="last-point")
            ax.annotate(_fmt(round(ly, 1)), (lx, ly), xytext=(0, 7), textcoords="offset points", ha="center",
                        va="bottom", fontsize=8, fontweight="bold", zorder=5)
        else:
            ax.text(0.5, 0.5, f"no {_name(measure)} scores", transform=ax.transAxes, ha="center", va="center",
                    fontsize=8, color="#555555")
        a = info.get(cid)
        if a:
            reason = a["reason"] if len(a["reason"]) <= 34 else a["reason"][:33].rstrip() + "…"
            ax.set_title(f"{warn} {cid} · {a['n']} alert{'s' if a['n'] != 1 else ''}\n{reason}", fontsize=9, y=1.0,
                         fontweight="bold", loc="left")
            for spine in ax.spines.values():
                spine.set_edgecolor(_C["vermillion"])
                spine.set_linewidth(2.2)
        else:
            ax.set_title(f"{cid}\nno alerts", fontsize=9, loc="left", color="#333333", y=1.0)
        ax.grid(axis="y", color="#e3e3e3", lw=0.5, zorder=0)
        ax.tick_params(labelsize=8)
    for k, ax in enumerate(axes[n:], start=n):
        ax.set_axis_off()
        if k - ncols >= 0:   # the tile above has no tile below it: give it its own session labels
            axes[k - ncols].xaxis.set_tick_params(labelbottom=True)
    for k in range(max(0, n - ncols), n):   # the lowest tile of each column
        axes[k].set_xlabel("Session number", fontsize=8.5)
    axes[0].xaxis.set_major_locator(MaxNLocator(integer=True, nbins=5))
    axes[0].set_xlim(x_lo - 0.6, x_hi + 0.9)   # room on the right for the last-score label
    limits = _y_range(measure, vals_all[has], None if cutoff is None else float(cutoff))
    if limits is not None:
        axes[0].set_ylim(limits[0], limits[1] + 0.06 * (scale[1] - scale[0]))  # room for the last-score label

    fig.supylabel(_ylabel(measure), fontsize=10)
    shown = f"{n} clients" if n == n_total else f"{n} of {n_total} clients shown"
    n_alert = sum(c in info for c in order)
    ranked = f"{n_alert} with alerts, most urgent first" if n_alert else "no alerts"
    fig.suptitle(f"Clinician {clinician_id}: {_what(measure)} by session, {shown} ({ranked})",
                 fontsize=12, fontweight="bold")
    handles = [Line2D([], [], color=colour, marker=marker, ms=4, lw=1.4, label=_name(measure)),
               Line2D([], [], ls="none", marker="o", ms=8, mfc=_C["orange"], mec="black", label="last session")]
    if cutoff is not None:
        handles.append(Patch(facecolor=_BAND, alpha=0.35, label=_below_text(float(cutoff), measure)))
    if info:
        handles.append(Patch(facecolor="white", edgecolor=_C["vermillion"], lw=2.2,
                             label=f"{warn} client has alerts"))
    fig.legend(handles=handles, loc="outside lower center", ncols=len(handles), frameon=False, fontsize=9)
    return fig


# --------------------------------------------------------------------------- 3. cohort trajectory
def cohort_trajectory(sessions: pd.DataFrame, measure: str = "ors_total", *, ax: Axes | None = None,
                      ci: float = 0.95, max_lines: int = 300) -> Figure:
    """Mean ``measure`` by session with a t-based confidence band, over faint individual client lines.

    Sessions with fewer than two scores get no mean and no band.  At most ``max_lines`` client lines
    are drawn (a random sample with a fixed seed).  The number of clients with a score at each session
    is shown on the top axis: later sessions rest on fewer (and selected) clients.
    """
    if measure not in sessions.columns:
        return _message(ax.figure if ax is not None else None, f"Column {measure!r} is not in the sessions table.",
                        ax=ax)
    sess, vals = _session_numbers(sessions), _values(sessions, measure)
    ids = sessions["client_id"].astype(str).to_numpy()
    ok = np.isfinite(sess) & np.isfinite(vals)
    if not ok.any():
        return _message(ax.figure if ax is not None else None, f"No {_name(measure)} scores to plot.", ax=ax)
    fig, ax = _target(ax, (9, 5.2))

    sess_ok, vals_ok, ids_ok = sess[ok], vals[ok], ids[ok]
    clients = np.unique(ids_ok)
    rng = np.random.default_rng(0)
    shown = clients if len(clients) <= max_lines else np.sort(rng.choice(clients, size=max_lines, replace=False))

    # faint individual lines: one Line2D, clients separated by NaN (gaps within clients kept)
    xs, ys = [], []
    order = np.argsort(ids_ok, kind="stable")
    ids_sorted = ids_ok[order]
    starts = np.searchsorted(ids_sorted, shown, side="left")
    ends = np.searchsorted(ids_sorted, shown, side="right")
    for a, b in zip(starts, ends):
        s, v = sess_ok[order[a:b]], vals_ok[order[a:b]]
        x, y = _grid_series(s, v, int(s.min()), int(s.max()))
        xs += [x, [np.nan]]
        ys += [y, [np.nan]]
    if xs:
        ax.plot(np.concatenate(xs), np.concatenate(ys), color="#555555", alpha=0.15, lw=0.7, marker="o", ms=1.6,
                zorder=1, gid="client-lines",
                label=f"individual clients ({len(shown)} of {len(clients)} shown)" if len(shown) < len(clients)
                else f"individual clients (n = {len(clients)})")

    # mean and t-based CI per session
    df = pd.DataFrame({"session": sess_ok.astype(int), "v": vals_ok})
    g = df.groupby("session")["v"].agg(["count", "mean", "std"])
    full = np.arange(g.index.min(), g.index.max() + 1)
    g = g.reindex(full)
    count = g["count"].fillna(0).to_numpy(int)
    mean = g["mean"].to_numpy(float)
    sd = g["std"].to_numpy(float)
    enough = count >= 2
    mean = np.where(enough, mean, np.nan)
    with np.errstate(invalid="ignore", divide="ignore"):
        tq = np.where(enough, _t_quantile(0.5 + ci / 2, np.maximum(count - 1, 1)), np.nan)
        half = tq * sd / np.sqrt(count)
    x = full.astype(float)
    ax.fill_between(x, mean - half, mean + half, color=_C["blue"], alpha=0.22, lw=0, zorder=2,
                    label=f"{ci:.0%} confidence interval of the mean", gid="ci-band")
    ax.plot(x, mean, color=_C["blue"], marker="o", ms=5, lw=2.2, zorder=4, label="mean (sessions with n ≥ 2)",
            gid="mean-line")
    cut = _MEASURES.get(measure, {}).get("cutoff")
    if cut is not None:
        ax.axhline(cut, color="black", lw=1, ls=(0, (5, 3)), zorder=3, label=f"cut-off {_fmt(cut)}")

    _set_scale(ax, measure, vals_ok, cut)
    ax.set_xlim(x[0] - 0.5, x[-1] + 0.5)
    step = max(1, math.ceil(len(x) / 16))
    ticks = x[::step]
    ax.set_xticks(ticks)
    ax.set_xlabel("Session number" + (" (0 = intake)" if x[0] == 0 else ""))
    ax.set_ylabel(_ylabel(measure))
    ax.grid(axis="y", color="#e3e3e3", lw=0.6, zorder=0)

    # n per session on the top axis, at the same sessions as the bottom ticks
    top = ax.secondary_xaxis("top")
    top.set_xticks(ticks, [str(c) for c in count[::step]], fontsize=8, color="#444444")
    top.set_xlabel("Clients with a score at this session (n)", fontsize=9, color="#444444")
    top.tick_params(length=2)

    ax.legend(loc="upper left", bbox_to_anchor=(1.01, 1.0), frameon=False, fontsize=9, borderaxespad=0)
    what = _what(measure)
    ax.set_title(f"{what[:1].upper() + what[1:]}: mean by session with {ci:.0%} CI, {len(clients)} clients",
                 fontsize=12, fontweight="bold")
    return fig


def _t_quantile(p: float, df: np.ndarray) -> np.ndarray:
    """Quantile ``p`` of Student's t with ``df`` degrees of freedom.

    scipy.special.stdtrit when scipy is installed (a dependency of pingouin); otherwise the
    Cornish–Fisher expansion (Abramowitz & Stegun 26.7.5), good to about 1e-3 from df = 3.
    """
    df = np.asarray(df, dtype=float)
    try:
        from scipy.special import stdtrit
    except ImportError:
        from statistics import NormalDist

        z = NormalDist().inv_cdf(p)
        g1 = (z ** 3 + z) / 4
        g2 = (5 * z ** 5 + 16 * z ** 3 + 3 * z) / 96
        g3 = (3 * z ** 7 + 19 * z ** 5 + 17 * z ** 3 - 15 * z) / 384
        g4 = (79 * z ** 9 + 776 * z ** 7 + 1482 * z ** 5 - 1920 * z ** 3 - 945 * z) / 92160
        return z + g1 / df + g2 / df ** 2 + g3 / df ** 3 + g4 / df ** 4
    return stdtrit(df, p)


# --------------------------------------------------------------------------- 4./5. reliable change
def _categories(rc) -> tuple[list[str], pd.Series]:
    cats = rc.clients["category"].astype("string")
    applicable = list(_CATEGORY_ORDER) if rc.cutoff is not None else ["improved", "unchanged", "deteriorated"]
    present = set(cats.dropna().unique())
    order = [c for c in _CATEGORY_ORDER if c in applicable or c in present]
    order += sorted(present - set(order))
    return order, cats


def _note_below(ax: Axes, text: str) -> None:
    """A small grey note under the x-axis label, left-aligned with the axes (kept in the layout)."""
    ax.annotate(text, xy=(0, 0), xycoords=("axes fraction", ax.xaxis.label), xytext=(0, -6),
                textcoords="offset points", ha="left", va="top", fontsize=8.5, color="#444444", gid="note")


def _rc_span(rc) -> str:
    """'first to last score' or 'session 1 to session 12' from the result's pre/post choice."""
    pre, post = getattr(rc, "pre", "first"), getattr(rc, "post", "last")
    pre = f"session {pre}" if not isinstance(pre, str) else f"{pre} score" if pre in ("first", "last") else pre
    post = f"session {post}" if not isinstance(post, str) else f"{post} score" if post in ("first", "last") else post
    return f"{pre} to {post}"


def _rc_note(rc) -> str:
    band = rc.critical_value * rc.s_diff
    better = "lower" if rc.lower_is_better else "higher"
    note = (f"Reliable change: |RCI| > {rc.critical_value:.2f}, i.e. a change of more than {band:.1f} points "
            f"({better} = better).")
    if rc.cutoff is not None:
        note += f" Clinical cut-off {_fmt(rc.cutoff)}."
    return note


def change_categories(rc, *, ax: Axes | None = None) -> Figure:
    """Bar chart of clinical-significance categories (Jacobson & Truax) from a reliable-change result.

    Categories in fixed order (recovered, improved, unchanged, deteriorated, harmed; without a cut-off
    only improved, unchanged, deteriorated), with count and percentage on each bar, and hatch patterns
    as well as colours.
    """
    fig, ax = _target(ax, (7.5, 4.6))
    order, cats = _categories(rc)
    counts = cats.value_counts().reindex(order, fill_value=0).to_numpy(int)
    total = int(counts.sum())
    styles = [_CATEGORY_STYLE.get(c, (_C["black"], "", "o")) for c in order]
    bars = ax.bar(order, counts, color=[s[0] for s in styles], hatch=[s[1] or None for s in styles],
                  edgecolor="black", linewidth=1, zorder=2, gid="category-bars")
    pct = [100 * c / total if total else 0 for c in counts]
    ax.bar_label(bars, labels=[f"{c}  ({p:.0f}%)" for c, p in zip(counts, pct)], padding=3, fontsize=10)
    ax.set_ylim(0, max(1, counts.max()) * 1.15)
    ax.yaxis.set_major_locator(MaxNLocator(integer=True))
    ax.set_ylabel("Clients (n)")
    ax.set_xlabel(f"Change in {_name(rc.measure)}, {_rc_span(rc)}")
    ax.grid(axis="y", color="#e3e3e3", lw=0.6, zorder=0)
    ax.spines[["top", "right"]].set_visible(False)
    kind = "Reliable and clinically significant change" if rc.cutoff is not None else "Reliable change"
    ax.set_title(f"{kind}: {_name(rc.measure)}, {total} clients",
                 fontsize=12, fontweight="bold")
    _note_below(ax, _rc_note(rc))
    return fig


def jacobson_plot(rc, *, ax: Axes | None = None) -> Figure:
    """Jacobson plot: pre (x) against post (y) score per client, marker shape and colour by category.

    Shows the no-change diagonal, the band of no reliable change (post = pre ± critical_value·s_diff)
    and, when the result has a cut-off, the cut-off as horizontal and vertical lines.  Equal aspect.
    """
    fig, ax = _target(ax, (9.6, 6.6))
    order, cats = _categories(rc)
    pre = pd.to_numeric(rc.clients["pre"], errors="coerce").to_numpy(float)
    post = pd.to_numeric(rc.clients["post"], errors="coerce").to_numpy(float)
    ok = np.isfinite(pre) & np.isfinite(post)
    cat_arr = cats.to_numpy(dtype=object, na_value="")

    scale = _scale(rc.measure)
    values = np.concatenate([pre[ok], post[ok]] + ([[rc.cutoff]] if rc.cutoff is not None else []))
    if scale is not None:
        lo, hi = min(scale[0], values.min()), max(scale[1], values.max())
    elif values.size:
        lo, hi = float(values.min()), float(values.max())
    else:
        lo, hi = 0.0, 1.0
    pad = 0.04 * (hi - lo or 1)
    lo, hi = lo - pad, hi + pad

    band = rc.critical_value * rc.s_diff
    xx = np.array([lo, hi])
    ax.fill_between(xx, xx - band, xx + band, color=_BAND, alpha=0.22, lw=0, zorder=0, gid="rc-band",
                    label=f"no reliable change (±{band:.1f})")
    ax.plot(xx, xx, color="black", lw=1, ls="-", zorder=1, label="no change (post = pre)", gid="diagonal")
    if rc.cutoff is not None:
        kw = {"color": "black", "lw": 1.1, "ls": (0, (5, 3)), "zorder": 1}
        ax.axhline(rc.cutoff, **kw, label=f"clinical cut-off {_fmt(rc.cutoff)}", gid="cutoff-h")
        ax.axvline(rc.cutoff, **kw, gid="cutoff-v")

    for cat in order:
        pick = ok & (cat_arr == cat)
        colour, _, marker = _CATEGORY_STYLE.get(cat, (_C["black"], "", "o"))
        ax.scatter(pre[pick], post[pick], s=64 if marker in "XP" else 46, c=colour, marker=marker,
                   edgecolors="black", linewidths=0.7, zorder=3,
                   label=f"{cat} (n = {int(pick.sum())})", gid=f"scatter:{cat}")

    ax.set_xlim(lo, hi)
    ax.set_ylim(lo, hi)
    ax.set_box_aspect(1)  # same limits on both axes + square box = equal aspect
    unit = _MEASURES.get(rc.measure, {}).get("unit")
    what = f"{_name(rc.measure)}, {unit}" if unit else _name(rc.measure)
    ax.set_xlabel(f"Pre score ({what})")
    ax.set_ylabel(f"Post score ({what})")
    better, worse = ("below", "above") if rc.lower_is_better else ("above", "below")
    _note_below(ax, f"Points {better} the grey band changed reliably for the better, points {worse} it for the "
                    f"worse ({'lower' if rc.lower_is_better else 'higher'} scores are better).")
    ax.legend(loc="upper left", bbox_to_anchor=(1.02, 1.0), frameon=False, fontsize=9, borderaxespad=0)
    ax.set_title(f"Pre and post {_name(rc.measure)} per client ({int(ok.sum())} clients)",
                 fontsize=12, fontweight="bold")
    return fig


# --------------------------------------------------------------------------- 6./7. countertransference
def _ct_words(dimension: str, wrap: int | None = None) -> str:
    """'Special / overinvolved' for 'ct_special' (wrapped to ``wrap`` characters a line)."""
    from .countertransference import DIMENSIONS

    words = DIMENSIONS.get(dimension, dimension.removeprefix("ct_").replace("_", " "))
    words = words[:1].upper() + words[1:]
    return textwrap.fill(words, wrap, break_on_hyphens=False) if wrap else words


def _attribute_words(column: str) -> str:
    """'Cultural background' for 'cultural_background'."""
    return {"client_id": "Client", "clinician_id": "Clinician", "interpreter": "Interpreter-mediated",
            "case_type": "Case type", "age_band": "Age band"}.get(column, column.replace("_", " ").capitalize())


def _group_words(column: str, value: str) -> str:
    """Yes/no for true/false and readable category values ('immigration evaluation')."""
    value = {"true": "yes", "false": "no"}.get(value, value)
    return value.replace("_", " ") if column != "client_id" and column != "clinician_id" else value


def _cell(ax: Axes, row: int, col: int, inset: float = 0.0, **kw):
    from matplotlib.patches import Rectangle

    return ax.add_patch(Rectangle((col - 0.5 + inset, row - 0.5 + inset), 1 - 2 * inset, 1 - 2 * inset, **kw))


def ct_heatmap(profile, *, clinician_id: str | None = None, dimensions: Sequence[str] | None = None,
               max_groups: int | None = 40, ax: Axes | None = None) -> Figure:
    """Mean countertransference check-in per group (rows) and feeling (columns), from a profile.

    ``profile`` is a :func:`~rapportlib.countertransference.countertransference_profile` result; its
    ``table`` gives the rows (clients, clinicians or the groups of a client attribute).  Each cell shows
    the mean rating on a sequential colour scale fixed at 0–4 (pale = hardly felt, dark = felt
    strongly, the same in every figure); cells without ratings are hatched grey.  Feelings are labelled
    in words, the number of reflections behind each row is written on the right, and cells of a
    ``persistent_high`` pattern are framed in vermillion and marked with a warning sign.

    ``clinician_id`` keeps that clinician's clients (``by="client"``) or row (``by="clinician"``);
    ``dimensions`` picks and orders the columns; ``max_groups`` keeps the first rows (clients sorted by
    clinician, then id; the title says how many are shown).
    """
    from .countertransference import DIMENSIONS

    table, by = profile.table, profile.group_column
    scope_id = clinician_id if clinician_id is not None else getattr(profile, "clinician_id", None)
    if clinician_id is not None:
        col = "clinician_id" if "clinician_id" in table.columns else "group" if by == "clinician_id" else None
        if col is not None:
            table = table.loc[_is(table[col], clinician_id)]
    if dimensions is not None:
        table = table.loc[table["dimension"].isin(list(dimensions)).to_numpy()]
    if table.empty:
        who = f" for clinician {clinician_id}" if clinician_id is not None else ""
        return _message(ax.figure if ax is not None else None, f"No check-in ratings{who}.", ax=ax)

    dims = [d for d in (dimensions or DIMENSIONS) if d in set(table["dimension"])]
    groups = list(dict.fromkeys(table["group"].astype(str)))
    clin_of = table.drop_duplicates("group").set_index("group")["clinician_id"].astype(str) \
        if "clinician_id" in table.columns else None
    if clin_of is not None:
        groups.sort(key=lambda g: (clin_of.get(g, ""), g))
    n_total = len(groups)
    groups = groups[:max_groups] if max_groups is not None else groups
    values = (table.pivot_table(index="group", columns="dimension", values="mean", aggfunc="first")
              .reindex(index=groups, columns=dims).to_numpy(dtype=float))
    counts = table.groupby("group")["n"].max().reindex(groups).fillna(0).astype(int)
    nrow, ncol = values.shape

    fig, ax = _target(ax, (2.6 + 1.1 * ncol + 1.6, 2.3 + 0.34 * max(nrow, 3)))
    from matplotlib import colormaps

    image = ax.imshow(np.ma.masked_invalid(values), cmap=colormaps["Blues"], vmin=0, vmax=4, aspect="auto",
                      interpolation="nearest", zorder=1)
    image.set_gid("ct-cells")
    for i in range(nrow):
        for j in range(ncol):
            v = values[i, j]
            if np.isnan(v):
                _cell(ax, i, j, facecolor="#f4f4f4", edgecolor="#b0b0b0", hatch="///", lw=0, zorder=1.5,
                      gid="ct-empty")
            else:
                ax.text(j, i, f"{v:.1f}", ha="center", va="center", fontsize=9, zorder=3, gid="ct-value",
                        color="white" if v >= 2.4 else "black")
    warn = _warn_sign()
    marked: set[str] = set()
    pats = getattr(profile, "patterns", None)
    cells = []                               # (row, column, kind) of the patterns this table shows
    if pats is not None and len(pats) and by == "client_id":
        for r in pats.loc[(pats["kind"] == "persistent_high").to_numpy()].itertuples(index=False):
            if str(r.client_id) in groups and r.dimension in dims:
                cells.append((groups.index(str(r.client_id)), dims.index(r.dimension), r.kind))
    elif pats is not None and len(pats) and by != "clinician_id" and scope_id is not None:
        mine = pats.loc[(pats["kind"] == "differs_by_group").to_numpy() & _is(pats["clinician_id"], scope_id)]
        for r in mine.itertuples(index=False):
            if r.group_column == by and str(r.group) in groups and r.dimension in dims:
                cells.append((groups.index(str(r.group)), dims.index(r.dimension), r.kind))
    for i, j, kind in cells:
        _cell(ax, i, j, inset=0.04, fill=False, edgecolor=_C["vermillion"], lw=2.6, zorder=4, gid="ct-pattern")
        for t in ax.texts:
            if t.get_gid() == "ct-value" and t.get_position() == (j, i):
                t.set_text(f"{warn} {t.get_text()}")
                t.set_fontweight("bold")
        marked.add(kind)
    # rows resting on few reflections are faded: a single check-in is not a pattern
    few_n = int(getattr(profile, "thresholds", {}).get("min_reflections", 4))
    few = counts.to_numpy() < few_n
    for i in np.flatnonzero(few):
        ax.add_patch(_row_veil(i, ncol))
        for t in ax.texts:
            if t.get_gid() == "ct-value" and t.get_position()[1] == i:
                t.set_color("#666666")
                t.set_fontstyle("italic")
    if clin_of is not None and clinician_id is None:     # a line between clinicians
        owners = [clin_of.get(g, "") for g in groups]
        for i in range(1, nrow):
            if owners[i] != owners[i - 1]:
                ax.axhline(i - 0.5, color="black", lw=1.4, zorder=6, gid="clinician-separator")

    ax.set_xticks(range(ncol), [_ct_words(d, 13) for d in dims], fontsize=8.5)
    ax.xaxis.tick_top()
    labels = [_group_words(by, g) for g in groups]
    if clin_of is not None and clinician_id is None:
        labels = [f"{g} ({clin_of.get(g, '?')})" for g in groups]
    ax.set_yticks(range(nrow), labels, fontsize=9)
    for tick, faded in zip(ax.get_yticklabels(), few):
        if faded:
            tick.set_color("#777777")
            tick.set_fontstyle("italic")
    ax.tick_params(length=0)
    ax.set_ylabel("Client (clinician)" if clin_of is not None and clinician_id is None else _attribute_words(by))
    right = ax.secondary_yaxis("right")
    right.set_yticks(range(nrow), [f"{c}" for c in counts], fontsize=8, color="#444444")
    right.tick_params(length=0)
    right.spines["right"].set_visible(False)
    right.set_ylabel("Reflections (n)", fontsize=8.5, color="#444444")
    ax.set_xticks(np.arange(-0.5, ncol, 1), minor=True)
    ax.set_yticks(np.arange(-0.5, nrow, 1), minor=True)
    ax.grid(which="minor", color="white", lw=1.5)
    ax.tick_params(which="minor", length=0)
    for spine in ax.spines.values():
        spine.set_visible(False)
    ax.set_xlim(-0.5, ncol - 0.5)
    ax.set_ylim(nrow - 0.5, -0.5)
    bar = fig.colorbar(image, ax=ax, location="right", shrink=min(1.0, 4.5 / max(nrow, 1) + 0.3), aspect=25,
                       pad=0.02)
    bar.set_ticks([0, 1, 2, 3, 4], labels=["0 not felt", "1", "2", "3", "4 very strongly"])
    bar.set_label("Mean rating (0–4)", fontsize=9)
    bar.outline.set_visible(False)

    who = {"client_id": "client", "clinician_id": "clinician"}.get(by, f"client group ({_attribute_words(by)})")
    plural = {"client": "clients", "clinician": "clinicians"}.get(who, "groups")
    shown = f"{nrow} of {n_total}" if nrow < n_total else f"{nrow}"
    scope = f"clinician {scope_id}, " if scope_id is not None else ""
    fig.suptitle(f"Countertransference check-in by {who}: mean rating per feeling ({scope}{shown} {plural})",
                 fontsize=12, fontweight="bold")
    handles = []
    if "persistent_high" in marked:
        handles.append(Patch(facecolor="white", edgecolor=_C["vermillion"], lw=2.4,
                             label=f"{warn} rated {profile.high} or more in most reflections about this client, "
                                   "clearly above the clinician's other clients"))
    if "differs_by_group" in marked:
        handles.append(Patch(facecolor="white", edgecolor=_C["vermillion"], lw=2.4,
                             label=f"{warn} clearly different from the clinician's other clients "
                                   "(significant after correction for the many comparisons)"))
    if few.any():
        handles.append(Patch(facecolor="#dddddd", edgecolor="none",
                             label=f"faded, italic: fewer than {few_n} reflections, too few to read much into"))
    if handles:
        fig.legend(handles=handles, loc="outside lower left", frameon=False, fontsize=8.5)
    return fig


def _row_veil(row: int, ncol: int):
    from matplotlib.patches import Rectangle

    return Rectangle((-0.5, row - 0.5), ncol, 1, facecolor="white", alpha=0.6, lw=0, zorder=2, gid="ct-few")


def ct_trend(profile, clinician_id: str | None = None, dimensions: Sequence[str] | None = None, *,
             fig: Figure | None = None) -> Figure:
    """Monthly mean countertransference check-in of one clinician, one small panel per feeling.

    ``profile`` is a :func:`~rapportlib.countertransference.countertransference_profile` result (its
    ``over_time`` and ``patterns``).  Each panel shows the mean rating of the month (0–4, the same axes
    in every panel; a break in the line = no check-ins that month; bigger markers = more ratings).
    Feelings with a pattern of this clinician are framed in vermillion and say which pattern; a rising
    trend is drawn as its fitted line.  ``clinician_id`` may be left out when the profile holds one
    clinician; with several, the months are pooled over all of them and no patterns are shown.
    ``dimensions`` picks the panels (default: all eight).
    """
    from .countertransference import DIMENSIONS

    ot = profile.over_time
    clinicians = sorted(ot["clinician_id"].astype(str).unique()) if len(ot) else []
    if clinician_id is None and len(clinicians) == 1:
        clinician_id = clinicians[0]
    if clinician_id is not None:
        ot = ot.loc[_is(ot["clinician_id"], clinician_id)]
    if ot.empty:
        who = f" for clinician {clinician_id}" if clinician_id is not None else ""
        return _message(fig, f"No check-in ratings{who}.")
    dims = [d for d in (dimensions or DIMENSIONS) if d in set(ot["dimension"])]
    if not dims:
        return _message(fig, "None of the chosen feelings has ratings.")
    g = (ot.assign(total=ot["mean"] * ot["n"].astype(float)).groupby(["dimension", "month"])
         .agg(total=("total", "sum"), n=("n", "sum")).reset_index())
    g["mean"] = g["total"] / g["n"].astype(float)
    months = pd.date_range(g["month"].min(), g["month"].max(), freq="MS")
    mid = months + pd.Timedelta(days=14)                      # plotted mid-month

    pats = getattr(profile, "patterns", None)
    mine = pats.loc[_is(pats["clinician_id"], clinician_id)] if pats is not None and clinician_id is not None \
        else None
    if fig is not None:
        for old in list(fig.axes):
            fig.delaxes(old)
        fig.clear()
        fig.set_layout_engine("constrained")
    ncols = min(len(dims), 4)
    nrows = math.ceil(len(dims) / ncols)
    if fig is None:
        fig = _new_figure((2.0 + 2.7 * ncols, 1.6 + 2.25 * nrows))
    axes = fig.subplots(nrows, ncols, sharex=True, sharey=True, squeeze=False).ravel()
    warn = _warn_sign()
    n_max = max(1.0, float(g["n"].max()))
    flagged = 0
    for ax, dim in zip(axes, dims):
        d = g.loc[g["dimension"] == dim].set_index("month").reindex(months)
        y = d["mean"].to_numpy(dtype=float)
        n = d["n"].fillna(0).to_numpy(dtype=float)
        colour, marker = _SERIES[0]
        ax.plot(mid, y, color=colour, lw=1.4, zorder=3, gid=f"series:{dim}")
        ok = np.isfinite(y)
        ax.scatter(mid[ok], y[ok], s=10 + 50 * n[ok] / n_max, color=colour, marker=marker, edgecolors="white",
                   linewidths=0.5, zorder=4, gid=f"points:{dim}")
        ax.set_title(_ct_words(dim), fontsize=9.5, loc="left", y=1.0)
        ax.grid(axis="y", color="#e3e3e3", lw=0.5, zorder=0)
        ax.tick_params(labelsize=8)
        notes = []
        if mine is not None:
            for r in mine.loc[(mine["dimension"] == dim).to_numpy()].itertuples(index=False):
                notes.append(_ct_pattern_label(r))
                if r.kind == "rising_disengagement" and not (pd.isna(r.start) or pd.isna(r.end)):
                    ax.plot([r.start, r.end], [r.baseline, r.value], color=_C["vermillion"], lw=2.2, ls="--",
                            zorder=5, gid="trend-line")
                elif r.kind == "persistent_high" and not pd.isna(r.start):
                    ax.axvspan(r.start, r.end, color=_C["vermillion"], alpha=0.10, lw=0, zorder=0.5,
                               gid="pattern-span")
        if notes:
            flagged += 1
            ax.set_title(f"{warn} {_ct_words(dim)}", fontsize=9.5, loc="left", y=1.0, fontweight="bold",
                         color="#8a3c00")
            ax.text(0.02, 0.97, "\n".join(textwrap.fill(x, 40) for x in notes), transform=ax.transAxes,
                    ha="left", va="top", fontsize=7.5,
                    color="#8a3c00", zorder=6, gid="pattern-label", bbox=_TEXT_BOX)
            for spine in ax.spines.values():
                spine.set_edgecolor(_C["vermillion"])
                spine.set_linewidth(2.0)
    for ax in axes[len(dims):]:
        ax.set_axis_off()
    for k in range(len(dims)):                      # tiles with no tile below them label their months
        if k + ncols >= len(dims):
            axes[k].xaxis.set_tick_params(labelbottom=True)
    from matplotlib.dates import AutoDateLocator, ConciseDateFormatter

    locator = AutoDateLocator(minticks=3, maxticks=6)
    axes[0].xaxis.set_major_locator(locator)
    axes[0].xaxis.set_major_formatter(ConciseDateFormatter(locator))
    axes[0].set_ylim(-0.2, 4.2)
    axes[0].set_yticks([0, 1, 2, 3, 4])
    axes[0].set_xlim(months[0] - pd.Timedelta(days=10), months[-1] + pd.Timedelta(days=40))
    fig.supylabel("Mean rating that month (0–4)", fontsize=10)
    who = f"Clinician {clinician_id}" if clinician_id is not None else f"All {len(clinicians)} clinicians"
    n_refl = int(ot.groupby("month")["n"].max().sum()) if clinician_id is not None else None
    extra = f", {n_refl} check-ins" if n_refl else ""
    flag = f"; {flagged} feeling{'s' if flagged != 1 else ''} with a pattern" if flagged else ""
    fig.suptitle(f"{who}: countertransference check-in by month{extra}{flag}", fontsize=12, fontweight="bold")
    handles = [Line2D([], [], color=_SERIES[0][0], marker=_SERIES[0][1], ms=5, lw=1.4,
                      label="monthly mean (marker size = number of ratings)")]
    if mine is not None and (mine["kind"] == "rising_disengagement").any():
        handles.append(Line2D([], [], color=_C["vermillion"], lw=2.2, ls="--", label="fitted rising trend"))
    if mine is not None and (mine["kind"] == "persistent_high").any():
        handles.append(Patch(facecolor=_C["vermillion"], alpha=0.2, label="months of the client with the pattern"))
    fig.legend(handles=handles, loc="outside lower center", ncols=len(handles), frameon=False, fontsize=8.5,
               title="Month the reflection was written   ·   a break in a line = no check-ins that month",
               title_fontsize=9)
    return fig


def _ct_pattern_label(r) -> str:
    """A short label of one pattern for a small panel."""
    if r.kind == "persistent_high":
        return f"high with {r.client_id}: {r.value:.1f} vs {r.baseline:.1f} with other clients"
    if r.kind == "shift_after_rupture":
        return f"after {r.group} ruptures: {r.value:.1f} vs {r.baseline:.1f} without ({r.n} check-ins)"
    if r.kind == "differs_by_group":
        return f"{_attribute_words(r.group_column).lower()} {_group_words(r.group_column, r.group)}: " \
               f"{r.value:.1f} vs {r.baseline:.1f} with other clients"
    if r.kind == "rising_disengagement":
        years = (r.end - r.start) / pd.Timedelta(days=365.25) if not pd.isna(r.start) else math.nan
        per_year = f" (+{(r.value - r.baseline) / years:.1f} a year)" if years and years > 0 else ""
        return f"rising: {r.baseline:.1f} → {r.value:.1f}{per_year}"
    return str(r.kind).replace("_", " ")


# --------------------------------------------------------------------------- 8. equity audit
_EQUITY_TITLES = {
    "alliance_level": "Client-rated alliance level", "alliance_trend": "Client-rated alliance trend",
    "outcome_change": "Outcome change (positive = improvement)", "rupture_rate": "Clients with an alliance rupture",
    "unrepaired_rate": "Clients with an unrepaired rupture", "dropout": "Therapy clients who stopped early",
    "rating_gap": "Clinician-over-client alliance rating gap",
}


def equity_forest(audit, metric: str = "rating_gap", scope: str = "service", clinician_id: str | None = None,
                  ax: Axes | None = None) -> Figure:
    """Forest plot of an equity audit: each group's difference from everyone else, with its confidence interval.

    ``audit`` is a :func:`~rapportlib.equity.equity_audit` result. One row per attribute and group, under a
    heading per attribute (the clinicians' caseloads against the rest of the service last, for the service
    scope); the marker is the difference (group minus everyone else, in the metric's unit; shares in
    percentage points), the line its confidence interval, and a vertical line marks no difference. The
    number of clients on each side is written on the right. Rows that stand out (q below the false-discovery
    rate, interval without 0) are vermillion diamonds with a warning sign. Suppressed rows keep their label
    and say ``suppressed (n < 11)`` (the audit's threshold) or, for secondary suppression, that they protect
    a smaller group; they have no marker and no numbers. ``scope="clinician"`` shows one caseload
    (``clinician_id``; may be left out when the audit holds one clinician).
    """
    t = audit.table
    fig_of = ax.figure if ax is not None else None
    if scope not in ("service", "clinician"):
        raise ValueError("scope must be 'service' or 'clinician'")
    if metric not in set(t["metric"]):
        return _message(fig_of, f"The audit has no metric {metric!r}.", ax=ax)
    sel = (t["metric"] == metric).to_numpy() & (t["scope"] == scope).to_numpy()
    if scope == "clinician":
        ids = sorted(set(t.loc[sel, "clinician_id"].dropna().astype(str)))
        if clinician_id is None and len(ids) == 1:
            clinician_id = ids[0]
        if clinician_id is None:
            return _message(fig_of, "Choose a caseload: clinician_id= one of " + ", ".join(ids) + ".", ax=ax)
        sel &= _is(t["clinician_id"], clinician_id)
    elif clinician_id is not None:
        raise ValueError("clinician_id picks a caseload: use it with scope='clinician'")
    rows = t.loc[sel]
    if rows.empty:
        who = f" for clinician {clinician_id}" if clinician_id is not None else ""
        return _message(fig_of, f"No groups to compare{who}.", ax=ax)

    threshold = int(audit.threshold)
    prop = str(rows["unit"].iloc[0]).startswith("proportion")
    scale = 100.0 if prop else 1.0
    unit = "percentage points" if prop else str(rows["unit"].iloc[0])
    order = [b for b in (*audit.by, "clinician") if b in set(rows["by"])]
    order += [b for b in dict.fromkeys(rows["by"]) if b not in order]
    items: list[tuple[str, object]] = []                 # ("heading", by) or ("row", table row)
    for b in order:
        items.append(("heading", b))
        items += [("row", r) for r in rows[rows["by"] == b].itertuples(index=False)]
    nrow = len(items)

    own = ax is None
    fig, ax = _target(ax, (10.5, 2.4 + 0.3 * nrow))
    warn = _warn_sign()
    ys = np.arange(nrow, dtype=float)
    labels, right = [], []
    finite = [0.0]
    stood = suppressed = 0
    for y, (kind, item) in zip(ys, items):
        if kind == "heading":
            by = str(item)
            labels.append("Clinician (caseload vs rest of service)" if by == "clinician" else _attribute_words(by))
            right.append("")
            continue
        r = item
        labels.append("   " + _group_words("clinician_id" if r.by == "clinician" else r.by, str(r.group)))
        if str(r.suppressed):
            suppressed += 1
            if r.suppressed == "secondary":
                words = f"suppressed (protects a group with n < {threshold})"
            elif str(r.text).startswith(f"Fewer than {threshold} other clients"):
                words = f"suppressed (everyone else n < {threshold})"
            else:
                words = f"suppressed (n < {threshold})"
            ax.text(0.5, y, words, transform=ax.get_yaxis_transform(), ha="center", va="center", fontsize=8.5,
                    color="#555555", fontstyle="italic", zorder=4, gid="suppressed-label", bbox=_TEXT_BOX)
            right.append("")
            continue
        right.append(f"{r.n} vs {r.others_n}")
        d, lo, hi = (_num(v) * scale for v in (r.difference, r.diff_low, r.diff_high))
        if not np.isfinite(d):
            reason = ("no one to compare with" if r.others_n == 0 else "no client with a value" if r.n == 0
                      else "too few to compare")
            ax.text(0.5, y, reason, transform=ax.get_yaxis_transform(), ha="center", va="center", fontsize=8.5,
                    color="#777777", zorder=4, gid="no-comparison", bbox=_TEXT_BOX)
            continue
        out = bool(r.stands_out) if not pd.isna(r.stands_out) else False
        colour, marker = (_C["vermillion"], "D") if out else (_C["blue"], "s")
        if np.isfinite(lo) and np.isfinite(hi):
            ax.plot([lo, hi], [y, y], color=colour, lw=2.0 if out else 1.6, solid_capstyle="butt", zorder=3,
                    gid="ci")
            finite += [lo, hi]
        ax.plot([d], [y], marker=marker, ms=7.5 if out else 6.5, color=colour, mec="black", mew=0.6, ls="none",
                zorder=4, gid="stands-out" if out else "difference")
        finite.append(d)
        if out:
            stood += 1
            labels[-1] = f"{warn} " + labels[-1].strip()

    ax.axvline(0, color="black", lw=1.0, zorder=2, gid="zero-line")
    span = max(abs(min(finite)), abs(max(finite)), 1e-9)
    lo_x, hi_x = min(finite), max(finite)
    if hi_x - lo_x < 1e-6:                          # nothing shown (every row hidden) or one point: a plain axis
        lo_x, hi_x = lo_x - max(span, 1.0), hi_x + max(span, 1.0)
    pad = 0.08 * (hi_x - lo_x or span)
    ax.set_xlim(lo_x - pad, hi_x + pad)
    ax.xaxis.get_major_formatter().set_useOffset(False)
    ax.set_ylim(nrow - 0.4, -0.6)
    ax.set_yticks(ys, labels, fontsize=9)
    for tick, (kind, item) in zip(ax.get_yticklabels(), items):
        if kind == "heading":
            tick.set_fontweight("bold")
        elif not str(item.suppressed) and bool(item.stands_out):
            tick.set_color("#8a3c00")
            tick.set_fontweight("bold")
        elif str(item.suppressed):
            tick.set_color("#666666")
    ax.tick_params(axis="y", length=0)
    for y, (kind, _) in zip(ys, items):
        if kind == "heading" and y > 0:
            ax.axhline(y - 0.5, color="#cccccc", lw=0.8, zorder=1)
    n_axis = ax.secondary_yaxis("right")
    n_axis.set_yticks(ys, right, fontsize=8.5, color="#444444")
    n_axis.tick_params(length=0)
    n_axis.spines["right"].set_visible(False)
    n_axis.set_ylabel("Clients: group vs everyone else (n)", fontsize=9, color="#444444")
    ax.grid(axis="x", color="#e3e3e3", lw=0.6, zorder=0)
    ax.spines[["top", "right", "left"]].set_visible(False)
    ax.set_xlabel(f"Group minus everyone else, in {unit}")

    level = f"{round(float(audit.level) * 100, 6):g}%"
    fdr = float(getattr(audit, "false_discovery_rate", 0.05))
    where = "in the service" if scope == "service" else f"among {clinician_id}'s clients"
    title = (f"{_EQUITY_TITLES.get(metric, metric)}: each group minus everyone else {where}\n"
             f"(difference with {level} CI, in {unit})")
    if own:
        fig.suptitle(title, fontsize=11.5, fontweight="bold")
    else:
        ax.set_title(title, fontsize=11, fontweight="bold")
    note = f"Square: difference; line: its {level} confidence interval; 0 = no difference. "
    note += (f"{warn} Vermillion diamond: stands out (q < {fdr:g} after correction for the audit's many "
             "comparisons, and an interval without 0)." if stood else
             "No group stands out after correction for the audit's many comparisons.")
    if suppressed:
        note += (f" Suppressed: fewer than {threshold} clients, or numbers from which such a group could be "
                 "worked out; not shown, to protect privacy.")
    _note_below(ax, textwrap.fill(note, 120 if own else 90))
    return fig


__all__ += ["equity_forest"]


# --------------------------------------------------------------------------- research (rapportlib.research)
def bland_altman(agreement, *, ax: Axes | None = None) -> Figure:
    """Bland-Altman plot of a :class:`rapportlib.research.RaterAgreement`: the difference (clinician -
    client) against the mean of the two ratings, with the bias, the 95% limits of agreement and their
    confidence bands; a dotted line shows proportional bias when the difference drifts with the mean."""
    pairs = agreement.pairs
    if pairs.empty:
        return _message(ax.figure if ax is not None else None, "No pairs of ratings to plot.", ax=ax)
    fig, ax = _target(ax, (9, 5.4))
    x, d = pairs["mean"].to_numpy(float), pairs["difference"].to_numpy(float)
    ax.scatter(x, d, s=26, color=_C["blue"], edgecolor="black", linewidth=0.4, zorder=3, gid="pairs",
               label=f"one {agreement.level} (n = {len(pairs)})")
    lo_x, hi_x = float(x.min()), float(x.max())
    pad = 0.05 * (hi_x - lo_x or 1.0)
    xs = np.array([lo_x - pad, hi_x + pad])
    ax.axhline(0, color="#777777", lw=0.8, zorder=1)
    lines = [("bias", agreement.bias, agreement.bias_ci, _C["black"], "-"),
             ("lower limit", agreement.limits[0], agreement.limits_ci[0], _C["vermillion"], (0, (5, 3))),
             ("upper limit", agreement.limits[1], agreement.limits_ci[1], _C["vermillion"], (0, (5, 3)))]
    for label, value, (c_lo, c_hi), colour, style in lines:
        ax.axhspan(c_lo, c_hi, color=colour, alpha=0.10, lw=0, zorder=0)
        ax.axhline(value, color=colour, lw=1.6, ls=style, zorder=2, gid=label.replace(" ", "-"),
                   label=f"{label} {value:+.2f} (95% CI {c_lo:+.2f} to {c_hi:+.2f})")
        ax.annotate(f"{value:+.2f}", xy=(1.0, value), xycoords=("axes fraction", "data"), xytext=(4, 0),
                    textcoords="offset points", va="center", fontsize=9, color=colour)
    if agreement.proportional_bias_p < 0.05:
        slope = agreement.proportional_bias_slope
        intercept = float(np.mean(d) - slope * np.mean(x))
        ax.plot(xs, intercept + slope * xs, color=_C["orange"], lw=1.4, ls=":", zorder=2, gid="proportional-bias",
                label=f"trend of the difference ({slope:+.2f} per point, p = {agreement.proportional_bias_p:.3f})")
    ax.set_xlim(*xs)
    ax.set_xlabel(f"Mean of clinician and client rating ({agreement.unit})")
    ax.set_ylabel(f"Clinician {_MINUS} client ({agreement.unit})")
    ax.grid(color="#eeeeee", lw=0.6, zorder=0)
    ax.spines[["top", "right"]].set_visible(False)
    ax.legend(loc="upper left", bbox_to_anchor=(0, -0.14), frameon=False, fontsize=9, ncol=1)
    ax.set_title(f"Agreement of clinician and client: {agreement.pair}", fontsize=12, fontweight="bold")
    return fig


def growth_trajectories(model, *, ax: Axes | None = None, max_lines: int = 300) -> Figure:
    """The growth model of a :class:`rapportlib.research.GrowthModel`: each client's predicted line
    (fixed plus random effects) faint, the average trajectory with its 95% confidence band bold, and
    the observed session means as points."""
    fig, ax = _target(ax, (9, 5.4))
    data = model.data
    id_col = data.columns[0]
    clients = pd.unique(data[id_col])
    rng = np.random.default_rng(0)
    shown = set(clients if len(clients) <= max_lines else rng.choice(clients, size=max_lines, replace=False))
    xs, ys = [], []
    for _, part in data[data[id_col].isin(shown)].groupby(id_col, sort=False):
        xs += [part["session"].to_numpy(float), [np.nan]]
        ys += [part["fitted"].to_numpy(float), [np.nan]]
    if xs:
        ax.plot(np.concatenate(xs), np.concatenate(ys), color="#555555", alpha=0.25, lw=0.8, zorder=1,
                gid="client-lines", label=f"each client's predicted line ({len(shown)} clients)")
    pred = model.predicted()
    s = pred["session"].to_numpy(float)
    ax.fill_between(s, pred["ci_low"], pred["ci_high"], color=_C["blue"], alpha=0.25, lw=0, zorder=2,
                    gid="ci-band", label="95% confidence band of the average")
    ax.plot(s, pred["predicted"], color=_C["blue"], lw=2.6, zorder=4, gid="average-line",
            label="average trajectory (fixed effects)")
    means = data.groupby("session")["y"].agg(["mean", "size"])
    means = means[means["size"] >= 3]
    ax.plot(means.index.to_numpy(float), means["mean"].to_numpy(float), ls="none", marker="o", ms=5,
            color=_C["orange"], mec="black", mew=0.5, zorder=5, gid="observed-means",
            label="observed mean at each session (n ≥ 3)")
    _set_scale(ax, model.measure, data["y"].to_numpy(float))
    ax.set_xlim(s[0] - 0.5, s[-1] + 0.5)
    ax.xaxis.set_major_locator(MaxNLocator(integer=True))
    ax.set_xlabel("Session number")
    ax.set_ylabel(_ylabel(model.measure))
    ax.grid(axis="y", color="#e3e3e3", lw=0.6, zorder=0)
    ax.spines[["top", "right"]].set_visible(False)
    ax.legend(loc="upper left", bbox_to_anchor=(1.01, 1.0), frameon=False, fontsize=9, borderaxespad=0)
    slope = model.fixed.set_index("term").loc["time"]
    unit = "per session" if model.time == "session" else "per log-session"
    ax.set_title(f"Growth of {_what(model.measure)}: {slope['estimate']:+.2f} {unit} on average\n"
                 f"({model.n_clients} clients of {model.n_clinicians} clinicians)", fontsize=12, fontweight="bold")
    _note_below(ax, textwrap.fill(f"Multilevel model (statsmodels MixedLM, REML); random effects: {model.structure}.",
                                  110))
    return fig


def sudden_gain_average(summary, *, ax: Axes | None = None) -> Figure:
    """Average score around the sudden gains of a :class:`rapportlib.research.SuddenGainsSummary`
    (suddengains' ``plot_sg``): mean and 95% CI at the three sessions before and after each gain, one
    line per group."""
    around = summary.around()
    if around.empty or int(around["n"].max()) == 0:
        return _message(ax.figure if ax is not None else None, "No sudden gains to plot.", ax=ax)
    fig, ax = _target(ax, (8.5, 5))
    labels = ["n−2", "n−1", "n\n(pre-gain)", "n+1\n(post-gain)", "n+2", "n+3"]
    groups = list(dict.fromkeys(around["group"]))
    width = 0.08 * (len(groups) - 1)
    for i, g in enumerate(groups):
        part = around[around["group"] == g].sort_values("order")
        colour, marker = _SERIES[i % len(_SERIES)]
        x = part["order"].to_numpy(float) + (i * 0.08 - width / 2)
        m = part["mean"].to_numpy(float)
        err = np.vstack([m - part["ci_low"].to_numpy(float), part["ci_high"].to_numpy(float) - m])
        err[:, part["n"].to_numpy() < 3] = np.nan            # an interval from one or two gains says nothing
        n_gains = int(part["n"].max())
        ax.errorbar(x[:3], m[:3], yerr=err[:, :3], color=colour, marker=marker, ms=6, lw=1.8, capsize=3, zorder=3,
                    label=f"{g} ({n_gains} gain{'s' if n_gains != 1 else ''})")
        ax.errorbar(x[3:], m[3:], yerr=err[:, 3:], color=colour, marker=marker, ms=6, lw=1.8, capsize=3, zorder=3)
    ax.axvline(2.5, color="#777777", lw=1, ls=(0, (4, 3)), zorder=1)
    ax.text(2.5, 1.0, " the gain", transform=ax.get_xaxis_transform(), va="top", fontsize=9, color="#444444")
    ax.set_xticks(range(6), labels)
    _set_scale(ax, summary.measure, around["mean"].to_numpy(float))
    ax.set_xlabel("Session relative to the gain (95% CI shown where 3 or more gains have a score)")
    ax.set_ylabel(_ylabel(summary.measure))
    ax.grid(axis="y", color="#e3e3e3", lw=0.6, zorder=0)
    ax.spines[["top", "right"]].set_visible(False)
    ax.legend(loc="upper left", bbox_to_anchor=(1.01, 1.0), frameon=False, fontsize=9, borderaxespad=0)
    ax.set_title(f"Average {_name(summary.measure)} around sudden gains (mean, 95% CI)", fontsize=12,
                 fontweight="bold")
    return fig


__all__ += ["bland_altman", "growth_trajectories", "sudden_gain_average"]
