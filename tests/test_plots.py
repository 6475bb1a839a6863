"""Tests of rapportlib.plots: figures are built from tiny literal tables and inspected artist by artist."""

from __future__ import annotations

from types import SimpleNamespace

import numpy as np
import pandas as pd
import pytest
from matplotlib.collections import PathCollection
from matplotlib.figure import Figure

from rapportlib import plots

NA = pd.NA


# --------------------------------------------------------------------------- fixtures
@pytest.fixture
def sessions() -> pd.DataFrame:
    """c001: sessions 0-3, 5, 6 (4 absent), SRS missing at session 2; c002: 1-3, no ORS; c003 another clinician."""
    rows = [
        # client, session, clinician, srs, ors, wai_sr, wai_srt
        ("c001", 0, "k1", np.nan, 12.0, np.nan, np.nan),
        ("c001", 1, "k1", 37.0, 14.0, 3.5, 4.2),
        ("c001", 2, "k1", np.nan, 15.0, 3.6, 4.3),
        ("c001", 3, "k1", 28.0, 15.5, 3.0, 4.4),
        ("c001", 5, "k1", 36.5, 24.0, 3.9, 4.1),
        ("c001", 6, "k1", 38.0, 27.0, 4.0, 4.0),
        ("c002", 1, "k1", 30.0, np.nan, np.nan, np.nan),
        ("c002", 2, "k1", 31.0, np.nan, np.nan, np.nan),
        ("c002", 3, "k1", 33.0, np.nan, np.nan, np.nan),
        ("c003", 1, "k2", 35.0, 20.0, np.nan, np.nan),
        ("c003", 2, "k2", 36.0, 22.0, np.nan, np.nan),
    ]
    df = pd.DataFrame(rows, columns=["client_id", "session", "clinician_id", "srs_total", "ors_total",
                                     "wai_sr_total", "wai_srt_total"])
    df["session"] = df["session"].astype("Int64")
    df["date"] = pd.Timestamp("2024-01-01") + pd.to_timedelta(df["session"].astype(int) * 7, unit="D")
    return df


@pytest.fixture
def ruptures() -> pd.DataFrame:
    return pd.DataFrame({
        "client_id": ["c001", "c002"],
        "pre_session": pd.array([1, 1], dtype="Int64"),
        "drop_session": pd.array([3, 2], dtype="Int64"),
        "pre_score": [37.0, 30.0], "drop_score": [28.0, 31.0], "size": [9.0, 1.0],
        "repaired_session": pd.array([5, NA], dtype="Int64"),
        "pattern": ["decline_repair", "unrepaired"],
    })


@pytest.fixture
def gains() -> pd.DataFrame:
    return pd.DataFrame({
        "client_id": ["c001", "c001"], "measure": ["ors_total", "srs_total"],
        "pre_session": pd.array([3, 5], dtype="Int64"), "post_session": pd.array([5, 6], dtype="Int64"),
        "pre_score": [15.5, 36.5], "post_score": [24.0, 38.0], "magnitude": [8.5, 1.5], "kind": ["gain", "gain"],
    })


def _rc(categories, pre, post, *, cutoff=None, lower_is_better=False):
    clients = pd.DataFrame({
        "client_id": [f"c{i:03d}" for i in range(len(pre))], "pre": pre, "post": post,
        "change": np.subtract(post, pre), "rci": np.subtract(post, pre) / 3.0,
        "category": pd.Categorical(categories, categories=["recovered", "improved", "unchanged", "deteriorated",
                                                           "harmed"]),
    })
    return SimpleNamespace(clients=clients, measure="ors_total", s_diff=3.0, critical_value=1.96, cutoff=cutoff,
                           lower_is_better=lower_is_better, pre="first", post="last")


def _by_gid(ax, gid):
    return [a for a in ax.get_children() if a.get_gid() == gid]


def _texts(fig) -> list[str]:
    out = [t.get_text() for t in fig.texts]
    for ax in fig.axes:
        out += [t.get_text() for t in ax.texts] + [ax.get_title(), ax.get_title("left")]
    if fig._suptitle is not None:
        out.append(fig._suptitle.get_text())
    return out


# --------------------------------------------------------------------------- client_trend
def test_client_trend_default_panels_and_labels(sessions):
    fig = plots.client_trend(sessions, "c001")
    assert isinstance(fig, Figure)
    assert len(fig.axes) == 2
    srs_ax, ors_ax = fig.axes
    assert srs_ax.get_ylabel() == "SRS total (0–40)"
    assert ors_ax.get_ylabel() == "ORS total (0–40)"
    assert ors_ax.get_xlabel().startswith("Session number")
    assert fig._suptitle.get_text() == "Client c001: alliance (SRS) and outcome (ORS) by session"
    # shared x axis
    assert srs_ax.get_shared_x_axes().joined(srs_ax, ors_ax)
    # every series has markers, and the two series differ in shape
    (srs_line,) = _by_gid(srs_ax, "series:srs_total")
    (ors_line,) = _by_gid(ors_ax, "series:ors_total")
    assert srs_line.get_marker() not in (None, "None", "")
    assert srs_line.get_marker() != ors_line.get_marker()


def test_client_trend_missing_session_and_missing_score_are_gaps(sessions):
    fig = plots.client_trend(sessions, "c001")
    (line,) = _by_gid(fig.axes[0], "series:srs_total")
    x, y = np.asarray(line.get_xdata(), float), np.asarray(line.get_ydata(), float)
    np.testing.assert_array_equal(x, [0, 1, 2, 3, 4, 5, 6])   # full integer range, session 4 included
    assert np.isnan(y[x == 4]).all()                          # absent session
    assert np.isnan(y[x == 2]).all()                          # row present, score NaN
    assert y[x == 5][0] == 36.5
    assert "break in a line" in fig.axes[-1].get_xlabel()


def test_client_trend_cutoff_band(sessions):
    fig = plots.client_trend(sessions, "c001")
    for ax, cut in zip(fig.axes, (36, 25)):
        (band,) = _by_gid(ax, "cutoff-band")
        top = ax.transData.inverted().transform((0, band.get_window_extent().y1))[1]
        assert top == pytest.approx(cut)
        assert band.get_label().startswith(f"below cut-off {cut}")
    # no cut-offs when asked for none
    fig = plots.client_trend(sessions, "c001", cutoffs={})
    assert not _by_gid(fig.axes[0], "cutoff-band")


def test_client_trend_rupture_marker_repair_and_decline(sessions, ruptures):
    fig = plots.client_trend(sessions, "c001", ruptures=ruptures)
    srs_ax, ors_ax = fig.axes
    (marker,) = _by_gid(srs_ax, "rupture-marker")
    assert list(marker.get_xdata()) == [3] and list(marker.get_ydata()) == [28.0]
    assert marker.get_marker() == "v"
    (label,) = _by_gid(srs_ax, "rupture-label")
    assert label.get_text() == "rupture \u22129.0"
    assert len(_by_gid(srs_ax, "repair-span")) == 1
    assert len(_by_gid(srs_ax, "decline-span")) == 1
    assert "repair" in _texts(fig) and "decline" in _texts(fig)
    assert not _by_gid(ors_ax, "rupture-marker")            # ruptures belong to the SRS panel
    # the other client's rupture is not drawn here
    assert len(_by_gid(srs_ax, "rupture-marker")) == 1


def test_client_trend_unrepaired_rupture(sessions, ruptures):
    fig = plots.client_trend(sessions, "c002", ruptures=ruptures)
    assert len(fig.axes) == 1                               # c002 has no ORS data: default panel dropped
    (label,) = _by_gid(fig.axes[0], "rupture-label")
    assert "unrepaired" in label.get_text()
    assert not _by_gid(fig.axes[0], "repair-span")


def test_client_trend_sudden_gain_on_matching_panel(sessions, gains):
    fig = plots.client_trend(sessions, "c001", gains=gains)
    srs_ax, ors_ax = fig.axes
    (marker,) = _by_gid(ors_ax, "gain-marker")
    assert list(marker.get_xdata()) == [5] and list(marker.get_ydata()) == [24.0]
    assert [t.get_text() for t in _by_gid(ors_ax, "gain-label")] == ["sudden gain +8.5"]
    assert [t.get_text() for t in _by_gid(srs_ax, "gain-label")] == ["sudden gain +1.5"]


def test_client_trend_therapist_rating_beside_client(sessions):
    fig = plots.client_trend(sessions, "c001", panels=[("wai_sr_total", "Alliance (WAI-SR)")])
    (ax,) = fig.axes
    labels = {line.get_label(): line for line in ax.get_lines()}
    assert {"client-rated", "therapist-rated"} <= set(labels)
    assert labels["therapist-rated"].get_linestyle() == "--"
    assert labels["therapist-rated"].get_marker() != labels["client-rated"].get_marker()
    assert ax.get_legend() is not None
    # without the pairing only the client's line
    fig = plots.client_trend(sessions, "c001", panels=[("wai_sr_total", "x")], clinician_pairs={})
    assert [ln.get_label() for ln in fig.axes[0].get_lines() if ln.get_gid()] == ["WAI-SR"]


def test_client_trend_empty_client_gives_message(sessions):
    fig = plots.client_trend(sessions, "nobody")
    assert isinstance(fig, Figure)
    assert any("No sessions found for client nobody" in t for t in _texts(fig))


def test_client_trend_redraws_into_given_figure(sessions, ruptures):
    fig = Figure()
    out = plots.client_trend(sessions, "c001", fig=fig)
    assert out is fig and len(fig.axes) == 2
    out = plots.client_trend(sessions, "c002", ruptures=ruptures, fig=fig)
    assert out is fig and len(fig.axes) == 1
    assert "c002" in fig._suptitle.get_text()


# --------------------------------------------------------------------------- caseload
@pytest.fixture
def alerts() -> pd.DataFrame:
    return pd.DataFrame({
        "client_id": ["c002", "c002", "c001"], "clinician_id": ["k1", "k1", "k1"], "session": [3, 3, 6],
        "kind": ["low_alliance", "unrepaired_rupture", "not_on_track"], "severity": [4, 5, 3],
        "reason": ["SRS below 36", "Unrepaired rupture", "ORS below 25"], "priority": [1, 1, 2],
    })


def test_caseload_order_follows_priority(sessions, alerts):
    many = pd.concat([sessions] + [
        pd.DataFrame({"client_id": cid, "session": pd.array([1, 2], dtype="Int64"), "clinician_id": "k1",
                      "srs_total": [34.0, 35.0], "ors_total": [20.0, 21.0]}) for cid in ("c010", "c000")],
        ignore_index=True)
    # c001 gets the most urgent priority here
    al = alerts.assign(priority=[2, 2, 1])
    fig = plots.caseload(many, "k1", alerts=al)
    tiles = [ax for ax in fig.axes if ax.axison]
    ids = [ax.get_title("left").split("\n")[0].lstrip("⚠! ").split(" ")[0] for ax in tiles]
    assert ids == ["c001", "c002", "c000", "c010"]           # alerts by priority, then the rest by id
    first = tiles[0].get_title("left")
    assert first.startswith(("\u26a0 ", "! ")) and "1 alert" in first and "off track" in first
    second = tiles[1].get_title("left")
    assert "2 alerts" in second and "rupture, low SRS" in second     # short names, most severe first
    assert tiles[2].get_title("left").endswith("no alerts")
    assert tiles[0].spines["left"].get_linewidth() > tiles[2].spines["left"].get_linewidth()
    # shared y range, last point highlighted, cut-off band on every tile
    assert len({ax.get_ylim() for ax in tiles}) == 1
    for ax in tiles:
        assert len(_by_gid(ax, "last-point")) == 1 and len(_by_gid(ax, "cutoff-band")) == 1
    (last,) = _by_gid(tiles[0], "last-point")
    assert list(last.get_xdata()) == [6] and list(last.get_ydata()) == [38.0]


def test_caseload_scales_with_rows_and_max_clients(sessions):
    rows = [pd.DataFrame({"client_id": f"x{i:02d}", "session": pd.array([1, 2, 3], dtype="Int64"),
                          "clinician_id": "k9", "srs_total": [33.0, 35.0, 37.0]}) for i in range(11)]
    big = pd.concat(rows, ignore_index=True)
    fig11 = plots.caseload(big, "k9")
    assert sum(ax.axison for ax in fig11.axes) == 11
    assert len(fig11.axes) == 15                                   # 5 columns x 3 rows
    fig4 = plots.caseload(big, "k9", max_clients=4)
    assert sum(ax.axison for ax in fig4.axes) == 4
    assert "4 of 11 clients" in fig4._suptitle.get_text()
    assert fig11.get_size_inches()[1] > fig4.get_size_inches()[1]


def test_caseload_unknown_clinician(sessions):
    fig = plots.caseload(sessions, "nobody")
    assert any("No sessions found for clinician nobody" in t for t in _texts(fig))


# --------------------------------------------------------------------------- cohort_trajectory
def test_cohort_trajectory_mean_ci_and_n(sessions):
    fig = plots.cohort_trajectory(sessions, "srs_total")
    ax = fig.axes[0]
    (mean,) = _by_gid(ax, "mean-line")
    x, y = np.asarray(mean.get_xdata(), float), np.asarray(mean.get_ydata(), float)
    # session 1: c001 37, c002 30, c003 35 -> mean 34; session 3: c001 28, c002 33 -> 30.5
    assert y[x == 1][0] == pytest.approx(34.0)
    assert y[x == 3][0] == pytest.approx(30.5)
    assert np.isnan(y[x == 5]).all()                 # only one score at session 5: n < 2, no mean
    assert len(_by_gid(ax, "ci-band")) == 1
    (lines,) = _by_gid(ax, "client-lines")
    assert np.isnan(np.asarray(lines.get_ydata(), float)).any()     # clients separated, gaps kept
    assert lines.get_alpha() == pytest.approx(0.15)
    assert "3 clients" in ax.get_title()


def test_cohort_trajectory_ci_is_t_based():
    df = pd.DataFrame({"client_id": ["a", "b", "c"], "session": pd.array([1, 1, 1], dtype="Int64"),
                       "ors_total": [10.0, 20.0, 30.0]})
    fig = plots.cohort_trajectory(df, "ors_total", ci=0.95)
    (band,) = _by_gid(fig.axes[0], "ci-band")
    ys = band.get_paths()[0].vertices[:, 1]
    half = 4.302652729911275 * 10.0 / np.sqrt(3)        # t(0.975, df=2) * sd / sqrt(n)
    assert ys.max() == pytest.approx(20 + half, rel=1e-6)
    assert ys.min() == pytest.approx(20 - half, rel=1e-6)


def test_cohort_trajectory_max_lines_and_given_ax():
    rows = [(f"c{i}", s, 10.0 + s + i % 3) for i in range(30) for s in (1, 2)]
    df = pd.DataFrame(rows, columns=["client_id", "session", "ors_total"])
    fig = Figure()
    ax = fig.add_subplot()
    out = plots.cohort_trajectory(df, ax=ax, max_lines=5)
    assert out is fig
    (lines,) = _by_gid(ax, "client-lines")
    assert np.isnan(np.asarray(lines.get_ydata(), float)).sum() == 5     # one NaN separator per client line
    assert "5 of 30" in lines.get_label()


def test_t_quantile():
    np.testing.assert_allclose(plots._t_quantile(0.975, np.array([4.0, 30.0])), [2.776445, 2.042272], rtol=1e-5)


# --------------------------------------------------------------------------- change_categories / jacobson_plot
def test_change_categories_counts_and_order():
    cats = ["improved", "unchanged", "unchanged", "deteriorated", "recovered", "recovered", "recovered"]
    rc = _rc(cats, [10] * 7, [20] * 7, cutoff=25.0)
    fig = plots.change_categories(rc)
    (ax,) = fig.axes
    bars = ax.patches
    assert [t.get_text() for t in ax.get_xticklabels()] == list(plots._CATEGORY_ORDER)
    assert [b.get_height() for b in bars] == [3, 1, 2, 1, 0]
    assert len({b.get_hatch() for b in bars}) == 5                 # hatch patterns, not colour alone
    labels = [t.get_text() for t in ax.texts if "%" in t.get_text()]
    assert labels[0] == "3  (43%)"


def test_change_categories_without_cutoff():
    rc = _rc(["improved", "unchanged", "unchanged"], [10, 11, 12], [20, 12, 12])
    ax = Figure().add_subplot()
    fig = plots.change_categories(rc, ax=ax)
    assert fig is ax.figure
    assert [t.get_text() for t in ax.get_xticklabels()] == ["improved", "unchanged", "deteriorated"]
    assert [b.get_height() for b in ax.patches] == [1, 2, 0]


def test_jacobson_plot_points_band_and_cutoff():
    cats = ["recovered", "improved", "unchanged", "deteriorated", "unchanged"]
    rc = _rc(cats, [15.0, 10.0, 20.0, 30.0, 22.0], [30.0, 18.0, 21.0, 20.0, 23.0], cutoff=25.0)
    fig = plots.jacobson_plot(rc)
    (ax,) = fig.axes
    scatters = [c for c in ax.collections if isinstance(c, PathCollection)]
    assert sum(len(c.get_offsets()) for c in scatters) == 5
    (det,) = _by_gid(ax, "scatter:deteriorated")
    np.testing.assert_array_equal(det.get_offsets(), [[30.0, 20.0]])
    assert len({c.get_paths()[0].vertices.tobytes() for c in scatters if len(c.get_offsets())}) == 4  # shapes
    (band,) = _by_gid(ax, "rc-band")
    verts = band.get_paths()[0].vertices
    lo = ax.get_xlim()[0]
    upper = verts[np.isclose(verts[:, 0], lo), 1].max()
    assert upper == pytest.approx(lo + 1.96 * 3.0)              # post = pre + critical_value * s_diff
    assert _by_gid(ax, "cutoff-h")[0].get_ydata()[0] == 25.0
    assert _by_gid(ax, "cutoff-v")[0].get_xdata()[0] == 25.0
    assert ax.get_xlim() == ax.get_ylim()
    assert ax.get_xlabel() == "Pre score (ORS total, 0–40)"
    assert "recovered (n = 1)" in [t.get_text() for t in ax.get_legend().get_texts()]


def test_jacobson_plot_without_cutoff_has_no_cutoff_lines():
    rc = _rc(["improved", "unchanged"], [10.0, 20.0], [25.0, 21.0])
    fig = plots.jacobson_plot(rc)
    ax = fig.axes[0]
    assert not _by_gid(ax, "cutoff-h") and not _by_gid(ax, "cutoff-v")
    assert sum(len(c.get_offsets()) for c in ax.collections if isinstance(c, PathCollection)) == 2


def test_figures_show_themselves_in_notebooks_without_pyplot(sessions):
    fig = plots.client_trend(sessions, sessions["client_id"].iloc[0])
    assert isinstance(fig, plots.NotebookFigure)
    assert fig._repr_png_().startswith(b"\x89PNG\r\n\x1a\n")
    assert isinstance(plots.cohort_trajectory(sessions, "srs_total"), plots.NotebookFigure)


# --------------------------------------------------------------------------- countertransference
def _check_ins(clinician, client, start="2024-01-01", every_days=7, **ratings):
    from rapportlib.countertransference import DIMENSIONS

    n = len(next(iter(ratings.values())))
    rows = []
    for k in range(n):
        rec = {"reflection_id": f"{clinician}-{client}-{k}", "clinician_id": clinician, "client_id": client,
               "session": k + 1, "created": pd.Timestamp(start) + pd.Timedelta(days=every_days * k), "rupture": "none"}
        rec.update(dict.fromkeys(DIMENSIONS, 0))
        rec.update({d: v[k] for d, v in ratings.items()})
        rows.append(rec)
    return rows


@pytest.fixture
def ct_profile():
    from rapportlib.countertransference import countertransference_profile

    rows = (_check_ins("k1", "a", ct_special=[3, 4, 3, 1, 3]) + _check_ins("k1", "b", ct_special=[0, 1, 0, 0])
            + _check_ins("k1", "c", ct_special=[0, 0, 0, 0]) + _check_ins("k2", "d", ct_helpless=[2, 4]))
    return countertransference_profile(pd.DataFrame(rows))


def test_ct_heatmap_cells_words_and_patterns(ct_profile):
    fig = plots.ct_heatmap(ct_profile)
    assert isinstance(fig, plots.NotebookFigure)
    ax = fig.axes[0]
    assert [t.get_text() for t in ax.get_xticklabels()] == [
        "Overwhelmed /\ndisorganised", "Helpless /\ninadequate", "Positive /\nsatisfying", "Special /\noverinvolved",
        "Sexualised", "Disengaged", "Parental /\nprotective", "Criticised /\nmistreated"]
    assert [t.get_text() for t in ax.get_yticklabels()] == ["a (k1)", "b (k1)", "c (k1)", "d (k2)"]
    assert ax.get_ylabel() == "Client (clinician)"
    (image,) = _by_gid(ax, "ct-cells")
    assert image.get_clim() == (0, 4)                          # the same colour scale in every figure
    values = [t.get_text() for t in _by_gid(ax, "ct-value")]
    assert len(values) == 4 * 8
    assert values[3] in ("\u26a0 2.8", "! 2.8")                # client a, special: the pattern's cell
    assert len(_by_gid(ax, "ct-pattern")) == 1
    assert len(_by_gid(ax, "ct-few")) == 1                     # d: two reflections, faded
    assert len(_by_gid(ax, "clinician-separator")) == 1
    assert "Countertransference check-in by client" in fig._suptitle.get_text()
    assert "4 clients" in fig._suptitle.get_text()
    legend = [t.get_text() for t in fig.legends[0].get_texts()]
    assert any("rated 3 or more in most reflections" in t for t in legend)
    assert any("fewer than 4 reflections" in t for t in legend)
    colorbar = fig.axes[-1]
    assert [t.get_text() for t in colorbar.get_yticklabels()][::4] == ["0 not felt", "4 very strongly"]


def test_ct_heatmap_one_clinician_and_groups(ct_profile):
    from rapportlib.countertransference import countertransference_profile

    fig = plots.ct_heatmap(ct_profile, clinician_id="k1", dimensions=["ct_special", "ct_helpless"])
    ax = fig.axes[0]
    assert [t.get_text() for t in ax.get_yticklabels()] == ["a", "b", "c"]
    assert [t.get_text() for t in ax.get_xticklabels()] == ["Special /\noverinvolved", "Helpless /\ninadequate"]
    assert "clinician k1, 3 clients" in fig._suptitle.get_text()
    # by a client attribute: words for the groups, and the group difference framed
    rows = [r for j in range(3) for r in _check_ins("k1", f"i{j}", ct_helpless=[2, 3, 2, 3, 2, 3])]
    rows += [r for j in range(3) for r in _check_ins("k1", f"n{j}", ct_helpless=[0, 1, 0, 1, 0, 1])]
    clients = pd.DataFrame({"client_id": ["i0", "i1", "i2", "n0", "n1", "n2"], "interpreter": [True] * 3 + [False] * 3})
    prof = countertransference_profile(pd.DataFrame(rows), "interpreter", clients=clients, clinician_id="k1")
    fig = plots.ct_heatmap(prof)
    ax = fig.axes[0]
    assert [t.get_text() for t in ax.get_yticklabels()] == ["no", "yes"]
    assert ax.get_ylabel() == "Interpreter-mediated"
    (frame,) = _by_gid(ax, "ct-pattern")
    assert frame.get_xy()[1] == pytest.approx(0.5 + 0.04)       # row 1 ("yes"), column 1 (helpless)
    assert frame.get_xy()[0] == pytest.approx(0.5 + 0.04)
    assert "by client group (Interpreter-mediated)" in fig._suptitle.get_text()


def test_ct_heatmap_without_ratings(ct_profile):
    fig = plots.ct_heatmap(ct_profile, clinician_id="nobody")
    assert any("No check-in ratings for clinician nobody" in t for t in _texts(fig))


@pytest.fixture
def rising_profile():
    from rapportlib.countertransference import countertransference_profile

    up = [0, 0, 1, 0, 1, 1, 0, 1, 1, 2, 1, 1, 2, 2, 1, 2, 2, 3, 2, 2, 3, 3, 2, 3]
    rows = (_check_ins("k1", "a", every_days=28, ct_disengaged=up[::2])
            + _check_ins("k1", "b", start="2024-01-08", every_days=28, ct_disengaged=up[1::2])
            + _check_ins("k2", "c", start="2024-03-01", ct_helpless=[1, 2]))
    return countertransference_profile(pd.DataFrame(rows))


def test_ct_trend_panels_and_rising_line(rising_profile):
    fig = plots.ct_trend(rising_profile, "k1")
    assert isinstance(fig, plots.NotebookFigure)
    panels = [ax for ax in fig.axes if ax.axison]
    assert len(panels) == 8
    titles = [ax.get_title("left") for ax in panels]
    assert titles[0] == "Overwhelmed / disorganised"
    assert titles[5].endswith("Disengaged") and titles[5][0] in "\u26a0!"
    (line,) = _by_gid(panels[5], "trend-line")
    row = rising_profile.patterns.iloc[0]
    assert list(line.get_ydata()) == pytest.approx([row["baseline"], row["value"]])
    (label,) = _by_gid(panels[5], "pattern-label")
    assert label.get_text().startswith("rising:")
    assert not _by_gid(panels[0], "trend-line")
    (series,) = _by_gid(panels[5], "series:ct_disengaged")
    assert len(series.get_ydata()) == 11                        # January to November, one point a month
    assert panels[0].get_ylim() == panels[5].get_ylim() == (-0.2, 4.2)
    title = fig._suptitle.get_text()
    assert title.startswith("Clinician k1: countertransference check-in by month") and "1 feeling with" in title
    assert fig.legends and "no check-ins that month" in fig.legends[0].get_title().get_text()


def test_ct_trend_choices_and_messages(rising_profile):
    fig = plots.ct_trend(rising_profile, "k2", dimensions=["ct_helpless", "ct_criticised"])
    panels = [ax for ax in fig.axes if ax.axison]
    assert [ax.get_title("left") for ax in panels] == ["Helpless / inadequate", "Criticised / mistreated"]
    (series,) = _by_gid(panels[0], "series:ct_helpless")
    assert list(series.get_ydata()) == [1.5]                    # both in March
    fig = plots.ct_trend(rising_profile)                         # two clinicians: pooled, no patterns
    assert fig._suptitle.get_text().startswith("All 2 clinicians")
    assert not any(_by_gid(ax, "trend-line") for ax in fig.axes)
    assert any("No check-in ratings for clinician nobody" in t for t in _texts(plots.ct_trend(rising_profile,
                                                                                              "nobody")))
    redraw = Figure()
    assert plots.ct_trend(rising_profile, "k1", fig=redraw) is redraw
